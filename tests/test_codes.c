/* test_codes.c: the lists of codes that /random and /status draw from
 * (code_list_parse(), code_list_draw() in server/codes.c), the response
 * field rule (field_refused(), field_value_ok() in server/query.c), then
 * /status, the redirects, /delay and the httpstat.us fields through the
 * route table, on requests that request_parse() reads from text. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "harness.h"
#include "server.h"

#define NOW 784111777LL

static const struct serve_options options = {2000u, 1u << 20, NULL, NULL};

/* ------------------------------------------------------------ the lists */

static int parse(const char *s, enum code_list_style style,
                 struct code_list *l)
{
    char err[256];

    err[0] = '\0';
    if (code_list_parse(s, strlen(s), style, l, err, sizeof err) == 0)
        return 0;
    CHECK(err[0] != '\0'); /* a refusal always says why */
    return -1;
}

static int ok(const char *s, enum code_list_style style)
{
    struct code_list l;

    return parse(s, style, &l) == 0;
}

static void status_lists_are_go_httpbins(void)
{
    struct code_list l;

    CHECK(parse("200,500", CODE_LIST_STATUS, &l) == 0);
    CHECK(l.n == 2 && l.e[0].lo == 200 && l.e[1].lo == 500);
    CHECK(l.e[0].weight == 1000000 && l.total == 2000000);
    CHECK(parse("200:0.9,500:0.1", CODE_LIST_STATUS, &l) == 0);
    CHECK(l.e[0].weight == 900000 && l.e[1].weight == 100000);
    /* Without a weight, an entry weighs 1.0; weights of 0 are taken. */
    CHECK(parse("200,500:0.5", CODE_LIST_STATUS, &l) == 0);
    CHECK(l.e[0].weight == 1000000 && l.e[1].weight == 500000);
    CHECK(parse("200:1,500:0", CODE_LIST_STATUS, &l) == 0);
    CHECK(l.e[1].weight == 0 && l.total == 1000000);
    CHECK(ok("200:999999.999999,599:0.000001", CODE_LIST_STATUS));
    CHECK(ok("100", CODE_LIST_STATUS));
    /* Refused: no positive weight, a range, a bad code or weight. */
    CHECK(!ok("200:0,500:0", CODE_LIST_STATUS));
    CHECK(!ok("200:0", CODE_LIST_STATUS));
    CHECK(!ok("500-504,200", CODE_LIST_STATUS));
    CHECK(!ok("200,600", CODE_LIST_STATUS));
    CHECK(!ok("99,200", CODE_LIST_STATUS));
    CHECK(!ok("200,abc", CODE_LIST_STATUS));
    CHECK(!ok("200:-1,500", CODE_LIST_STATUS));
    CHECK(!ok("200:1e2,500", CODE_LIST_STATUS));
    CHECK(!ok("200:.5,500", CODE_LIST_STATUS));
    CHECK(!ok("200:5.,500", CODE_LIST_STATUS));
    CHECK(!ok("200:0.1234567,500", CODE_LIST_STATUS));
    CHECK(!ok("200:1000000,500", CODE_LIST_STATUS));
    CHECK(!ok("200:,500", CODE_LIST_STATUS));
    CHECK(!ok("200:1:1,500", CODE_LIST_STATUS));
    CHECK(!ok("200,", CODE_LIST_STATUS));
    CHECK(!ok(",200", CODE_LIST_STATUS));
    CHECK(!ok("200,,500", CODE_LIST_STATUS));
    CHECK(!ok("", CODE_LIST_STATUS));
    CHECK(!ok(" 200,500", CODE_LIST_STATUS));
    CHECK(!ok("0200,500", CODE_LIST_STATUS));
}

static void random_lists_keep_their_rules(void)
{
    struct code_list l;

    CHECK(parse("200,201,500-504", CODE_LIST_RANDOM, &l) == 0);
    CHECK(l.n == 3 && l.e[2].lo == 500 && l.e[2].hi == 504);
    CHECK(l.total == 7);
    CHECK(ok("200:0.9,503:0.1", CODE_LIST_RANDOM));
    CHECK(!ok("200:0", CODE_LIST_RANDOM));
    CHECK(!ok("200,503:0.1", CODE_LIST_RANDOM));
    CHECK(!ok("504-500", CODE_LIST_RANDOM));
    CHECK(!ok("500-504:1", CODE_LIST_RANDOM));
    CHECK(!ok("200-", CODE_LIST_RANDOM));
}

static void lists_hold_at_most_64_entries(void)
{
    char s[65 * 4 + 1];
    size_t i, len = 0;

    for (i = 0; i < 65; i++)
        len += (size_t)sprintf(s + len, "%s200", i ? "," : "");
    CHECK(!ok(s, CODE_LIST_STATUS));
    CHECK(!ok(s, CODE_LIST_RANDOM));
    s[len - 4] = '\0'; /* 64 entries */
    CHECK(ok(s, CODE_LIST_STATUS));
    CHECK(ok(s, CODE_LIST_RANDOM));
}

static void errors_name_the_entry(void)
{
    struct code_list l;
    char err[256];

    CHECK(code_list_parse("200,abc", 7, CODE_LIST_STATUS, &l, err,
                          sizeof err) < 0);
    CHECK(strstr(err, "Entry 2") != NULL && strstr(err, "abc") == NULL);
    CHECK(code_list_parse("200,601", 7, CODE_LIST_STATUS, &l, err,
                          sizeof err) < 0);
    CHECK(strstr(err, "Entry 2") != NULL && strstr(err, "\"601\"") != NULL);
    CHECK(strstr(err, "/status") != NULL);
    CHECK(code_list_parse("abc", 3, CODE_LIST_RANDOM, &l, err, 8) < 0);
    CHECK(strlen(err) == 7); /* cut to the room given */
    /* Only n bytes are read: "200,5" of "200,500". */
    CHECK(code_list_parse("200,500", 5, CODE_LIST_STATUS, &l, err,
                          sizeof err) < 0);
}

static void draws_follow_the_weights(void)
{
    struct code_list l;
    uint64_t rng = 12345;
    int i, count[600] = {0};

    CHECK(parse("200:1,500:0", CODE_LIST_STATUS, &l) == 0);
    for (i = 0; i < 10000; i++)
        CHECK(code_list_draw(&l, &rng) == 200);
    CHECK(parse("200:3,404,500:0", CODE_LIST_STATUS, &l) == 0);
    for (i = 0; i < 40000; i++)
        count[code_list_draw(&l, &rng)]++;
    CHECK(count[500] == 0 && count[200] + count[404] == 40000);
    /* 30000 and 10000 expected; 5 standard deviations is about 430. */
    CHECK(count[200] > 29500 && count[200] < 30500);
    memset(count, 0, sizeof count);
    CHECK(parse("200,500-504", CODE_LIST_RANDOM, &l) == 0);
    for (i = 0; i < 60000; i++)
        count[code_list_draw(&l, &rng)]++;
    for (i = 500; i <= 504; i++)
        CHECK(count[i] > 9400 && count[i] < 10600);
    CHECK(count[200] > 9400 && count[200] < 10600);
    CHECK(count[200] + count[500] + count[501] + count[502] + count[503] +
              count[504] ==
          60000);
}

static void the_field_rule_is_one(void)
{
    CHECK(strcmp(field_refused("content-length", 14), "Content-Length") == 0);
    CHECK(strcmp(field_refused("TRANSFER-ENCODING", 17),
                 "Transfer-Encoding") == 0);
    CHECK(field_refused("Host", 4) != NULL);
    CHECK(field_refused("te", 2) != NULL);
    CHECK(field_refused("Proxy-Connection", 16) != NULL);
    CHECK(field_refused("Location", 8) == NULL);
    CHECK(field_refused("Content-Type", 12) == NULL);
    CHECK(field_refused("Content-Lengths", 15) == NULL);
    CHECK(field_refused("Content-Length", 13) == NULL); /* "...Lengt" */
    CHECK(field_value_ok("a b\tc~!", 7));
    CHECK(field_value_ok("", 0));
    CHECK(!field_value_ok("a\r\nb", 4));
    CHECK(!field_value_ok("a\0b", 3));
    CHECK(!field_value_ok("\x7f", 1));
    CHECK(!field_value_ok("\xc3\xa9", 2));
}

/* ------------------------------------------------------ through routes */

static int answer(const char *text, struct response *res)
{
    struct request_parser parser;
    struct request req;
    uint64_t rng = 1;
    int r;

    /* res was zeroed once by the caller: its body's storage is reused. */
    memset(&parser, 0, sizeof parser);
    r = request_parse(&parser, text, strlen(text), &req);
    CHECK(r > 0);
    if (r <= 0)
        return -1;
    r = route_respond(&req, &options, NOW, &rng, res);
    CHECK(r == 0 && !res->failed);
    return r;
}

/* The final response's fields named name, joined by "|". */
static const char *fields_of(const struct response *res, const char *name)
{
    static char out[2048];
    size_t k, len = 0;

    out[0] = '\0';
    for (k = 0; k < res->nfields; k++) {
        const struct field *f = &res->fields[k];
        if (f->part != 0 || f->name_len != strlen(name) ||
            memcmp(res->text + f->name, name, f->name_len) != 0)
            continue;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s",
                                len ? "|" : "", (int)f->value_len,
                                res->text + f->value);
    }
    return out;
}

/* Answers "GET path" with extra head lines: the status. */
static int status_of(const char *path, const char *lines, struct response *res)
{
    char text[4096];

    snprintf(text, sizeof text, "GET %s HTTP/1.1\r\nHost: h\r\n%s\r\n", path,
             lines != NULL ? lines : "");
    if (answer(text, res) != 0)
        return -1;
    return res->status;
}

static void status_answers_go_httpbins_cases(void)
{
    struct response res;
    size_t n;

    memset(&res, 0, sizeof res);
    CHECK(status_of("/status/302", NULL, &res) == 302);
    CHECK(strcmp(fields_of(&res, "Location"), "/redirect/1") == 0);
    CHECK(status_of("/status/308", NULL, &res) == 308);
    CHECK(strcmp(fields_of(&res, "Location"), "/image/jpeg") == 0);
    CHECK(strcmp(fields_of(&res, "Content-Type"),
                 "text/html; charset=utf-8") == 0);
    CHECK(status_of("/status/401", NULL, &res) == 401);
    CHECK(strcmp(fields_of(&res, "WWW-Authenticate"),
                 "Basic realm=\"Fake Realm\"") == 0);
    CHECK(status_of("/status/418", NULL, &res) == 418);
    CHECK(response_content(&res, &n) != NULL && n > 0);
    CHECK(fields_of(&res, "X-More-Info")[0] != '\0');
    CHECK(strcmp(fields_of(&res, "Vary"), "") == 0);
    CHECK(status_of("/status/503", NULL, &res) == 503);
    CHECK(strcmp(fields_of(&res, "Retry-After"), "1") == 0);
    CHECK(status_of("/status/101", NULL, &res) == 426);
    CHECK(status_of("/status/100", NULL, &res) == 200);
    CHECK(res.ninterim == 1 && res.interim[0] == 100);
    CHECK(status_of("/status/200:1,500:0", NULL, &res) == 200);
    CHECK(strcmp(fields_of(&res, "Cache-Control"), "no-store") == 0);
    CHECK(status_of("/status/abc", NULL, &res) == 400);
    CHECK(status_of("/status/200:0,500:0", NULL, &res) == 400);
    response_free(&res);
}

static void redirects_count_down_to_get(void)
{
    struct response res;

    memset(&res, 0, sizeof res);
    CHECK(status_of("/redirect/2", NULL, &res) == 302);
    CHECK(strcmp(fields_of(&res, "Location"), "/relative-redirect/1") == 0);
    CHECK(status_of("/redirect/2?absolute=true", NULL, &res) == 302);
    CHECK(strcmp(fields_of(&res, "Location"),
                 "http://h/absolute-redirect/1") == 0);
    CHECK(status_of("/absolute-redirect/1", "X-Forwarded-Ssl: on\r\n", &res) ==
          302);
    CHECK(strcmp(fields_of(&res, "Location"), "https://h/get") == 0);
    CHECK(status_of("/relative-redirect/1000", NULL, &res) == 302);
    CHECK(status_of("/relative-redirect/1001", NULL, &res) == 400);
    CHECK(status_of("/redirect/0", NULL, &res) == 400);
    CHECK(status_of("/redirect-to?url=/a%20b&status_code=307", NULL, &res) ==
          307);
    CHECK(strcmp(fields_of(&res, "Location"), "/a%20b") == 0);
    CHECK(status_of("/redirect-to?url=%E2%82%AC%3C%3E", NULL, &res) == 302);
    CHECK(strcmp(fields_of(&res, "Location"), "%E2%82%AC%3C%3E") == 0);
    CHECK(status_of("/redirect-to?url=/a%0a", NULL, &res) == 400);
    CHECK(strcmp(fields_of(&res, "Location"), "") == 0);
    CHECK(status_of("/redirect-to?url=/a&status_code=200", NULL, &res) == 400);
    CHECK(status_of("/redirect-to", NULL, &res) == 400);
    response_free(&res);
}

static void delays_are_bounded(void)
{
    struct response res;

    memset(&res, 0, sizeof res);
    CHECK(status_of("/delay/0.5", NULL, &res) == 200);
    CHECK(res.delay_ms == 500);
    CHECK(status_of("/delay/1.2345", NULL, &res) == 200);
    CHECK(res.delay_ms == 1234);
    CHECK(status_of("/delay/2", NULL, &res) == 200);
    CHECK(res.delay_ms == 2000);
    CHECK(status_of("/delay/250ms?sleep=100", NULL, &res) == 200);
    CHECK(res.delay_ms == 350);
    CHECK(status_of("/delay/1s", NULL, &res) == 200);
    CHECK(res.delay_ms == 1000);
    CHECK(status_of("/delay/2.001", NULL, &res) == 400);
    CHECK(res.delay_ms == 0);
    CHECK(status_of("/delay/1.5?sleep=501", NULL, &res) == 400);
    CHECK(status_of("/delay/-1", NULL, &res) == 400);
    CHECK(status_of("/delay/.", NULL, &res) == 400);
    CHECK(status_of("/delay/ms", NULL, &res) == 400);
    CHECK(status_of("/delay/18446744073709551617", NULL, &res) == 400);
    response_free(&res);
}

static void httpstatus_fields_shape_the_answer(void)
{
    struct response res;
    size_t n;

    memset(&res, 0, sizeof res);
    CHECK(status_of("/503", "X-HttpStatus-Response-Retry-After: 9\r\n",
                    &res) == 503);
    CHECK(strcmp(fields_of(&res, "Retry-After"), "9") == 0);
    CHECK(status_of("/200",
                    "X-HttpStatus-Response-Transfer-Encoding: chunked\r\n",
                    &res) == 400);
    CHECK(status_of("/200", "X-HttpStatus-Sleep: 2000\r\n", &res) == 200);
    CHECK(res.delay_ms == 2000);
    CHECK(status_of("/200", "X-HttpStatus-Sleep: 2001\r\n", &res) == 400);
    CHECK(res.delay_ms == 0);
    CHECK(status_of("/404?suppressBody=true", NULL, &res) == 404);
    CHECK(response_content(&res, &n) != NULL && n == 0);
    CHECK(strcmp(fields_of(&res, "Content-Type"), "") == 0);
    CHECK(status_of("/206?suppressBody=true", NULL, &res) == 206);
    CHECK(response_content(&res, &n) != NULL && n > 0);
    CHECK(status_of("/404", "Accept: application/json\r\n", &res) == 404);
    CHECK(strncmp(response_content(&res, &n),
                  "{\"code\": 404, \"description\": \"Not Found\", "
                  "\"reason\": \"Not Found\", \"summary\": ",
                  68) == 0);
    response_free(&res);
}

/* rng.c's seeds, which /unstable and /bytes take. */
static void seeds_repeat_their_draws(void)
{
    uint64_t a = 0, b = 0, c = 0;

    CHECK(rng_seed("42", 2, &a) == 0 && rng_seed("+42", 3, &b) == 0);
    CHECK(a == b && a != 0);
    CHECK(rng_seed("-42", 3, &c) == 0 && c != a);
    CHECK(rng_seed("43", 2, &c) == 0 && c != a);
    CHECK(rng_seed("0", 1, &c) == 0 && c != 0);
    CHECK(rng_seed("9223372036854775807", 19, &c) == 0);
    CHECK(rng_seed("-9223372036854775808", 20, &c) == 0);
    CHECK(rng_seed("9223372036854775808", 19, &c) == -1);
    CHECK(rng_seed("-9223372036854775809", 20, &c) == -1);
    CHECK(rng_seed("00000000000000000001", 20, &c) == -1);
    CHECK(rng_seed("", 0, &c) == -1 && rng_seed("-", 1, &c) == -1);
    CHECK(rng_seed("1.5", 3, &c) == -1 && rng_seed("1 ", 2, &c) == -1);
}

static void unstable_draws_at_the_failure_rate(void)
{
    struct response res;
    int k, seen200 = 0, seen500 = 0, first;

    memset(&res, 0, sizeof res);
    for (k = 0; k < 50; k++) {
        CHECK(status_of("/unstable?failure_rate=0", NULL, &res) == 200);
        CHECK(status_of("/unstable?failure_rate=1", NULL, &res) == 500);
    }
    CHECK(strcmp(fields_of(&res, "Cache-Control"), "no-store") == 0);
    CHECK(strcmp(fields_of(&res, "Content-Type"),
                 "text/plain; charset=utf-8") == 0);
    first = status_of("/unstable?seed=7", NULL, &res);
    for (k = 0; k < 10; k++)
        CHECK(status_of("/unstable?seed=7", NULL, &res) == first);
    for (k = 0; k < 64; k++) {
        char path[64];
        snprintf(path, sizeof path, "/unstable?seed=%d", k);
        if (status_of(path, NULL, &res) == 200)
            seen200++;
        else if (res.status == 500)
            seen500++;
    }
    CHECK(seen200 > 0 && seen500 > 0 && seen200 + seen500 == 64);
    CHECK(status_of("/unstable?failure_rate=1.000001", NULL, &res) == 400);
    CHECK(status_of("/unstable?failure_rate=-1", NULL, &res) == 400);
    CHECK(status_of("/unstable?failure_rate=.5", NULL, &res) == 400);
    CHECK(status_of("/unstable?seed=x", NULL, &res) == 400);
    response_free(&res);
}

void test_codes(void)
{
    run("/status lists are go-httpbin's: weights default to 1, may be 0, "
        "not all of them",
        status_lists_are_go_httpbins);
    run("/random lists keep their ranges and all-or-none weights",
        random_lists_keep_their_rules);
    run("a list holds at most 64 entries", lists_hold_at_most_64_entries);
    run("a refused list names its entry, in the room given",
        errors_name_the_entry);
    run("draws follow the weights; a weight of 0 is never drawn",
        draws_follow_the_weights);
    run("one rule for the response fields a client asks for",
        the_field_rule_is_one);
    run("/status answers go-httpbin's special cases over /{code}'s",
        status_answers_go_httpbins_cases);
    run("the redirects count down to /get; /redirect-to checks its URL",
        redirects_count_down_to_get);
    run("/delay takes fractions and units, within --max-sleep",
        delays_are_bounded);
    run("httpstat.us's fields and suppressBody shape the answer of /{code}",
        httpstatus_fields_shape_the_answer);
    run("a seed makes the same generator state; a bad one is refused",
        seeds_repeat_their_draws);
    run("/unstable fails at ?failure_rate=, the same way for a ?seed=",
        unstable_draws_at_the_failure_rate);
}
