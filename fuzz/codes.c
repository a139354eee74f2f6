/*
 * codes.c: libFuzzer target for the status, redirect and delay endpoints
 * of `httpstatus serve`: the lists of codes (code_list_parse(),
 * code_list_draw() in server/codes.c), /status, /unstable, /delay, the
 * redirects (server/redirects.c), httpstat.us's X-HttpStatus-* fields
 * and the seeds of rng.c.
 *
 * Input: any bytes. They are read four ways.
 *
 *  1. As a list of codes, in each style, in a buffer of exactly their
 *     size: a list taken has 1 to CODE_LIST_MAX entries, codes 100 to
 *     599 with lo <= hi (lo == hi in a /status list), a total above 0
 *     that is the sum of the entries' weights; written back as text it
 *     parses to the same entries; every draw is a code of an entry with
 *     a weight above 0. A refusal leaves a NUL-terminated reason that
 *     fits the room it was given.
 *  2. As the path argument of /status/, /delay/, /redirect/ and
 *     /absolute-redirect/, and as the url of /redirect-to, when the
 *     request parser takes the request line: the answer is one the
 *     endpoint may give (a 400 at worst, never a failed response), a
 *     delay is within --max-sleep, and a Location holds only bytes a URI
 *     may hold.
 *  3. Split at each LF into "X-HttpStatus-Response-" field lines of a GET
 *     /200, when the parser takes the head: a 200 carries no framing or
 *     hop-by-hop field it was asked for, and no value with a byte other
 *     than visible ASCII, SP and HTAB; or the answer is a 400.
 *  4. As the value of X-HttpStatus-Sleep and of ?suppressBody: a 200
 *     whose delay is the value (digits, within --max-sleep), or a 400.
 *  5. As a seed (rng_seed() in server/rng.c): taken only when it is an
 *     optional sign and 1 to 19 digits, and then the same state each
 *     time; and as /unstable's ?seed= and ?failure_rate= (part 2's
 *     checks): 200 or 500, or a 400, the same answer for the same seed.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "handlers.h"
#include "server.h"

#define HEAD_MAX  (REQUEST_HEAD_MAX + 64)
#define MAX_SLEEP 1000u
#define PREFIX    "X-HttpStatus-Response-"

static const struct serve_options options = {MAX_SLEEP, 1u << 20, NULL, NULL};

/* Part 1. */
static void check_list(const uint8_t *data, size_t size,
                       enum code_list_style style)
{
    static struct code_list l, again;
    char *buf = copy_of(data, size), err[64], text[CODE_LIST_MAX * 32];
    size_t k, len = 0;
    uint64_t total = 0, rng = size + 1;
    int i, plain;

    memset(err, 'x', sizeof err);
    if (code_list_parse(buf, size, style, &l, err, sizeof err) != 0) {
        CHECK(memchr(err, '\0', sizeof err) != NULL);
        free(buf);
        return;
    }
    CHECK(l.n >= 1 && l.n <= CODE_LIST_MAX);
    /* An unweighted /random list counts each code 1: written back plain
     * (a weighted list whose weights are all 0.000001 draws alike). */
    for (k = 0; k < l.n && style == CODE_LIST_RANDOM; k++)
        if (l.e[k].weight != 1)
            break;
    plain = style == CODE_LIST_RANDOM && k == l.n;
    for (k = 0; k < l.n; k++) {
        const struct code_choice *c = &l.e[k];
        CHECK(c->lo >= 100 && c->lo <= c->hi && c->hi <= 599);
        CHECK(style == CODE_LIST_RANDOM || c->lo == c->hi);
        CHECK(plain || c->lo == c->hi);
        total += c->weight * (uint64_t)(c->hi - c->lo + 1);
        len += (size_t)snprintf(text + len, sizeof text - len, "%s%d",
                                k ? "," : "", c->lo);
        if (c->hi != c->lo)
            len +=
                (size_t)snprintf(text + len, sizeof text - len, "-%d", c->hi);
        else if (!plain)
            len +=
                (size_t)snprintf(text + len, sizeof text - len, ":%llu.%06llu",
                                 (unsigned long long)(c->weight / 1000000),
                                 (unsigned long long)(c->weight % 1000000));
    }
    CHECK(total == l.total && total > 0 && total < (UINT64_C(1) << 53));
    CHECK(code_list_parse(text, len, style, &again, err, sizeof err) == 0);
    CHECK(again.n == l.n && again.total == l.total);
    for (k = 0; k < l.n; k++)
        CHECK(again.e[k].lo == l.e[k].lo && again.e[k].hi == l.e[k].hi &&
              again.e[k].weight == l.e[k].weight);
    for (i = 0; i < 16; i++) {
        int code = code_list_draw(&l, &rng);
        for (k = 0; k < l.n; k++)
            if (code >= l.e[k].lo && code <= l.e[k].hi && l.e[k].weight > 0)
                break;
        CHECK(k < l.n);
    }
    free(buf);
}

/* Parses head[0..n) and answers it into res: 0, or -1 when the parser
 * refuses the head. */
static int answer(const char *head, size_t n, struct response *res)
{
    struct request_parser parser;
    struct request req;
    uint64_t rng = 1;
    int r;

    memset(&parser, 0, sizeof parser);
    r = request_parse(&parser, head, n, &req);
    if (r <= 0)
        return -1;
    CHECK((size_t)r == n);
    memset(res, 0, sizeof *res);
    CHECK(route_respond(&req, &options, 784111777LL, &rng, res) == 0);
    CHECK(!res->failed);
    CHECK(res->delay_ms <= MAX_SLEEP);
    return 0;
}

static int uri_bytes(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch <= 0x20 || ch >= 0x7f || strchr("\"<>\\^`{|}", ch) != NULL)
            return 0;
    }
    return 1;
}

/* Part 2: "GET <before><input><after> HTTP/1.1". */
static void check_target(const uint8_t *data, size_t size, const char *before,
                         const char *after, int lo, int hi)
{
    static char head[HEAD_MAX];
    struct response res;
    size_t len, k;

    int free_form =
        memchr(data, '?', size) != NULL || memchr(data, '&', size) != NULL;

    /* A line end could close the head early: nothing to check then. */
    if (size > REQUEST_LINE_MAX || memchr(data, '\r', size) != NULL ||
        memchr(data, '\n', size) != NULL)
        return;
    len = (size_t)snprintf(head, sizeof head, "GET %s", before);
    memcpy(head + len, data, size);
    len += size;
    len += (size_t)snprintf(head + len, sizeof head - len,
                            "%s HTTP/1.1\r\nHost: a\r\n\r\n", after);
    if (answer(head, len, &res) != 0)
        return;
    /* A query in the input may bring ?header, ?sleep and the rest. */
    CHECK((res.status >= lo && res.status <= hi) || res.status == 400 ||
          res.status == 404 || free_form);
    for (k = 0; k < res.nfields && !free_form; k++) {
        const struct field *f = &res.fields[k];
        if (f->name_len == 8 && memcmp(res.text + f->name, "Location", 8) == 0)
            CHECK(uri_bytes(res.text + f->value, f->value_len));
    }
    response_free(&res);
}

/* Part 3. */
static void check_fields(const uint8_t *data, size_t size)
{
    static char head[HEAD_MAX];
    static const char start[] = "GET /200 HTTP/1.1\r\nHost: a\r\n";
    struct response res;
    size_t len = sizeof start - 1, i = 0, k;

    if (size > REQUEST_HEAD_MAX)
        return;
    if (size == 0)
        data = (const uint8_t *)"";
    memcpy(head, start, len);
    while (i <= size) {
        const uint8_t *lf = memchr(data + i, '\n', size - i);
        size_t end = lf != NULL ? (size_t)(lf - data) : size;
        if (len + sizeof PREFIX + end - i + 4 >= sizeof head)
            return;
        memcpy(head + len, PREFIX, sizeof PREFIX - 1);
        len += sizeof PREFIX - 1;
        memcpy(head + len, data + i, end - i);
        len += end - i;
        memcpy(head + len, "\r\n", 2);
        len += 2;
        i = end + 1;
    }
    memcpy(head + len, "\r\n", 2);
    len += 2;
    if (answer(head, len, &res) != 0)
        return;
    CHECK(res.status == 200 || res.status == 400);
    for (k = 0; k < res.nfields; k++) {
        const struct field *f = &res.fields[k];
        CHECK(field_value_ok(res.text + f->value, f->value_len));
        CHECK(field_refused(res.text + f->name, f->name_len) == NULL);
    }
    response_free(&res);
}

/* Part 4. */
static void check_sleep(const uint8_t *data, size_t size)
{
    static char head[HEAD_MAX];
    struct response res;
    unsigned want;
    int n;

    if (size > 1024 || memchr(data, '\r', size) != NULL ||
        memchr(data, '\n', size) != NULL)
        return;
    n = snprintf(head, sizeof head,
                 "GET /200 HTTP/1.1\r\nHost: a\r\nX-HttpStatus-Sleep: ");
    memcpy(head + n, data, size);
    n += (int)size;
    n += snprintf(head + n, sizeof head - (size_t)n, "\r\n\r\n");
    if (answer(head, (size_t)n, &res) == 0) {
        CHECK(res.status == 200 || res.status == 400);
        if (res.status == 200) {
            /* The parser strips the spaces around a value. */
            const char *p = (const char *)data;
            size_t a = 0, b = size;
            while (a < b && (p[a] == ' ' || p[a] == '\t'))
                a++;
            while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
                b--;
            CHECK(parse_bounded(p + a, b - a, MAX_SLEEP, &want) == 0);
            CHECK(res.delay_ms == want);
        }
        response_free(&res);
    }
}

/* Part 5. */
static void check_seed(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    uint64_t a = 0, b = 0;
    size_t i = size > 0 && (p[0] == '-' || p[0] == '+');
    size_t digits = size - i;

    if (rng_seed(p, size, &a) != 0)
        return;
    CHECK(digits >= 1 && digits <= 19);
    for (; i < size; i++)
        CHECK(p[i] >= '0' && p[i] <= '9');
    CHECK(rng_seed(p, size, &b) == 0 && a == b);
}

/* Part 5: /unstable?seed=<input> answers the same twice. */
static void check_unstable_seed(const uint8_t *data, size_t size)
{
    static char head[HEAD_MAX];
    struct response res;
    size_t len;
    int first;

    if (size > REQUEST_LINE_MAX || memchr(data, '\r', size) != NULL ||
        memchr(data, '\n', size) != NULL || memchr(data, '&', size) != NULL ||
        memchr(data, '#', size) != NULL)
        return;
    len = (size_t)snprintf(head, sizeof head, "GET /unstable?seed=");
    memcpy(head + len, data, size);
    len += size;
    len += (size_t)snprintf(head + len, sizeof head - len,
                            " HTTP/1.1\r\nHost: a\r\n\r\n");
    if (answer(head, len, &res) != 0)
        return;
    first = res.status;
    CHECK(first == 200 || first == 500 || first == 400 || first == 404);
    response_free(&res);
    CHECK(answer(head, len, &res) == 0 && res.status == first);
    response_free(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_list(data, size, CODE_LIST_STATUS);
    check_list(data, size, CODE_LIST_RANDOM);
    check_target(data, size, "/status/", "", 100, 599);
    check_target(data, size, "/random/", "", 100, 599);
    check_target(data, size, "/delay/", "", 200, 200);
    check_target(data, size, "/redirect/", "", 302, 302);
    check_target(data, size, "/absolute-redirect/", "", 302, 302);
    check_target(data, size, "/redirect-to?url=", "", 302, 302);
    check_target(data, size, "/redirect-to?status_code=307&url=", "", 307,
                 307);
    check_target(data, size, "/404?suppressBody=", "", 404, 404);
    check_target(data, size, "/unstable?failure_rate=", "", 200, 500);
    check_target(data, size, "/unstable?seed=", "&failure_rate=0.5", 200, 500);
    check_fields(data, size);
    check_sleep(data, size);
    check_seed(data, size);
    check_unstable_seed(data, size);
    return 0;
}
