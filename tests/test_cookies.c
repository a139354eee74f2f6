/* test_cookies.c: the Cookie field reader and the cookie-name and
 * cookie-octet checks (server/cookies.c), then /cookies, /cookies/set and
 * /cookies/delete through the route table, on requests that
 * request_parse() reads from text. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "harness.h"
#include "server.h"

#define NOW 784111777LL /* Sun, 06 Nov 1994 08:49:37 GMT */

static const struct serve_options options = {10000u, 1u << 20, NULL, NULL};

/* --------------------------------------------------------- the grammar */

static int name_ok(const char *s)
{
    return cookie_name_ok(s, strlen(s));
}

static int value_ok(const char *s)
{
    return cookie_value_ok(s, strlen(s));
}

static void names_are_tokens(void)
{
    CHECK(name_ok("a"));
    CHECK(name_ok("SID"));
    CHECK(name_ok("__Host-session"));
    CHECK(name_ok("!#$%&'*+-.^_`|~09AZaz"));
    CHECK(!name_ok(""));
    CHECK(!name_ok("a b"));
    CHECK(!name_ok("a=b"));
    CHECK(!name_ok("a;b"));
    CHECK(!name_ok("a,b"));
    CHECK(!name_ok("\"a\""));
    CHECK(!name_ok("a(b)"));
    CHECK(!name_ok("a\tb"));
    CHECK(!name_ok("\xc3\xa9"));
    CHECK(!cookie_name_ok("a\0b", 3));
    CHECK(!cookie_name_ok(NULL, 0));
    CHECK(!cookie_name_ok(NULL, 3));
}

static void values_are_cookie_octets(void)
{
    char one[2] = {0, 0};
    int ch;

    CHECK(value_ok(""));
    CHECK(cookie_value_ok(NULL, 0));
    CHECK(!cookie_value_ok(NULL, 1));
    CHECK(value_ok("abc"));
    CHECK(value_ok("!#$%&'()*+-./0123456789:<=>?@AZ[]^_`az{|}~"));
    CHECK(value_ok("a=b"));
    CHECK(!value_ok(" "));
    CHECK(!value_ok("a b"));
    CHECK(!value_ok("a\tb"));
    CHECK(!value_ok("\"a\""));
    CHECK(!value_ok("a,b"));
    CHECK(!value_ok("a;b"));
    CHECK(!value_ok("a\\b"));
    CHECK(!value_ok("\x7f"));
    CHECK(!value_ok("\xc3\xa9"));
    CHECK(!cookie_value_ok("a\0", 2));
    /* Every byte, against the ranges of RFC 6265, Section 4.1.1. */
    for (ch = 1; ch < 256; ch++) {
        int want = ch == 0x21 || (ch >= 0x23 && ch <= 0x2b) ||
                   (ch >= 0x2d && ch <= 0x3a) || (ch >= 0x3c && ch <= 0x5b) ||
                   (ch >= 0x5d && ch <= 0x7e);
        one[0] = (char)ch;
        CHECK(cookie_value_ok(one, 1) == want);
    }
}

/* The pairs cookie_next() reads from s, as "name=value|name=value|". */
static const char *pairs_of(const char *s, size_t n)
{
    static char out[512];
    struct slice name, value;
    size_t pos = 0, len = 0, last = 0;

    out[0] = '\0';
    while (cookie_next(s, n, &pos, &name, &value)) {
        CHECK(pos > last && pos <= n);
        last = pos;
        CHECK(name.p >= s && name.p + name.n <= s + n);
        CHECK(value.p >= s && value.p + value.n <= s + n);
        len += (size_t)snprintf(out + len, sizeof out - len, "%.*s=%.*s|",
                                (int)name.n, name.p, (int)value.n, value.p);
        if (len >= sizeof out)
            break;
    }
    CHECK(pos == n);
    return out;
}

struct pair_case {
    const char *input, *pairs;
};

static const struct pair_case pair_cases[] = {
    {"", ""},
    {"a=1", "a=1|"},
    {"a=1; b=2", "a=1|b=2|"},
    {"a=1;b=2", "a=1|b=2|"},
    {"  a=1 ;\t b=2  ", "a=1|b=2|"},
    {"a=1;", "a=1|"},
    {";;a=1;;", "a=1|"},
    {"a=", "a=|"},
    {"a==", "a==|"},
    {"a=b=c", "a=b=c|"},
    {"a=\"x\"", "a=\"x\"|"},
    {"a=\"\"", "a=\"\"|"},
    {"a=1; a=2", "a=1|a=2|"},
    {"SID=31d4d96e407aad42; lang=en-US", "SID=31d4d96e407aad42|lang=en-US|"},
    /* malformed pairs are skipped, the others kept */
    {"bad; a=1", "a=1|"},
    {"a=1; =x; b=2", "a=1|b=2|"},
    {"a =1; b= 2; c=3", "c=3|"},
    {"a=x y; b=2", "b=2|"},
    {"a=1, b=2; c=3", "c=3|"},
    {"a=\"; b=2", "b=2|"},
    {"a=\"x; b=2", "b=2|"},
    {"a=x\"; b=2", "b=2|"},
    {"a=\"x y\"; b=2", "b=2|"},
    {"a=\\; b=2", "b=2|"},
    {"a(b)=1; c=2", "c=2|"},
    {"\xc3\xa9=1; a=\xc3\xa9; b=2", "b=2|"},
    {";", ""},
    {" ; ; ", ""},
    {"=", ""},
};

static void pairs_are_read_and_bad_ones_skipped(void)
{
    size_t k;

    for (k = 0; k < sizeof pair_cases / sizeof pair_cases[0]; k++) {
        const struct pair_case *c = &pair_cases[k];
        const char *got = pairs_of(c->input, strlen(c->input));
        if (strcmp(got, c->pairs) != 0) {
            printf("# cookie_next(\"%s\"): \"%s\", not \"%s\"\n", c->input,
                   got, c->pairs);
            CHECK(0);
        }
    }
}

static void the_reader_is_null_safe_and_bounded(void)
{
    struct slice name, value;
    size_t pos = 0;
    /* A NUL or a control byte ends nothing: it makes its pair bad. */
    static const char nul[] = {'a', '=', '1', '\0', ';', 'b', '=', '2'};

    CHECK(!cookie_next(NULL, 0, &pos, &name, &value));
    CHECK(!cookie_next("a=1", 3, NULL, &name, &value));
    CHECK(!cookie_next("a=1", 3, &pos, NULL, &value));
    CHECK(!cookie_next("a=1", 3, &pos, &name, NULL));
    pos = 4;
    CHECK(!cookie_next("a=1", 3, &pos, &name, &value));
    /* Only the first n bytes count. */
    CHECK(strcmp(pairs_of("a=1; b=2", 3), "a=1|") == 0);
    CHECK(strcmp(pairs_of("a=12", 3), "a=1|") == 0);
    CHECK(strcmp(pairs_of(nul, sizeof nul), "b=2|") == 0);
}

/* ---------------------------------------------------------- endpoints */

/* Parses text as a request head and answers it; the response is res. */
static int answer(const char *text, struct response *res)
{
    struct request_parser parser;
    struct request req;
    uint64_t rng = 1;
    int r;

    memset(&parser, 0, sizeof parser);
    memset(res, 0, sizeof *res);
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
            strncmp(res->text + f->name, name, f->name_len) != 0)
            continue;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s",
                                len ? "|" : "", (int)f->value_len,
                                res->text + f->value);
        if (len >= sizeof out)
            break;
    }
    return out;
}

static int content_is(const struct response *res, const char *want)
{
    size_t n;
    const char *p = response_content(res, &n);

    if (n == strlen(want) && memcmp(p, want, n) == 0)
        return 1;
    printf("# content: \"%.*s\", not \"%s\"\n", (int)n, p, want);
    return 0;
}

static void cookies_lists_what_the_request_sends(void)
{
    struct response res;

    if (answer("GET /cookies HTTP/1.1\r\nHost: a\r\n\r\n", &res) == 0) {
        CHECK(res.status == 200);
        CHECK(content_is(&res, "{}\n"));
        CHECK(strcmp(fields_of(&res, "Content-Type"),
                     "application/json; charset=utf-8") == 0);
        CHECK(strcmp(fields_of(&res, "Cache-Control"), "no-store") == 0);
    }
    response_free(&res);
    /* Sorted by name; a later pair of a name wins, across field lines;
     * bad pairs skipped; quotes kept and escaped in JSON. */
    if (answer("GET /cookies HTTP/1.1\r\nHost: a\r\n"
               "Cookie: b=2; a=1; bad; c=\"q\"\r\n"
               "X: y\r\n"
               "cookie: a=3;d=x y;e=\r\n\r\n",
               &res) == 0) {
        CHECK(res.status == 200);
        CHECK(content_is(&res, "{\"a\": \"3\", \"b\": \"2\", "
                               "\"c\": \"\\\"q\\\"\", \"e\": \"\"}\n"));
    }
    response_free(&res);
}

static void set_sends_one_cookie_per_name(void)
{
    struct response res;

    if (answer("GET /cookies/set?a=1&b=%41%2f&a=2&&c&sleep=0 HTTP/1.1\r\n"
               "Host: a\r\n\r\n",
               &res) == 0) {
        CHECK(res.status == 302);
        CHECK(strcmp(fields_of(&res, "Location"), "/cookies") == 0);
        CHECK(strcmp(fields_of(&res, "Set-Cookie"),
                     "a=1; Path=/; HttpOnly|b=A/; Path=/; HttpOnly|"
                     "c=; Path=/; HttpOnly") == 0);
        CHECK(strcmp(fields_of(&res, "Cache-Control"), "no-store") == 0);
        CHECK(content_is(&res, ""));
        CHECK(strcmp(fields_of(&res, "Content-Type"), "") == 0);
    }
    response_free(&res);
    /* No parameters: a plain redirect. */
    if (answer("POST /cookies/set HTTP/1.1\r\nHost: a\r\n\r\n", &res) == 0) {
        CHECK(res.status == 302);
        CHECK(strcmp(fields_of(&res, "Set-Cookie"), "") == 0);
    }
    response_free(&res);
}

static void set_refuses_what_it_cannot_send(void)
{
    static const char *const bad[] = {
        "/cookies/set?a=x%20y",  "/cookies/set?a=%22x%22",
        "/cookies/set?a=1,2",    "/cookies/set?a=%3B",
        "/cookies/set?a=%5C",    "/cookies/set?a=%0D",
        "/cookies/set?a=%00",    "/cookies/set?a=%C3%A9",
        "/cookies/set?=1",       "/cookies/set?a%20b=1",
        "/cookies/set?a%3Db=1",  "/cookies/set?%C3%A9=1",
        "/cookies/delete?a%20b", "/cookies/delete?=x",
    };
    char text[256];
    size_t k;

    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        struct response res;
        snprintf(text, sizeof text, "GET %s HTTP/1.1\r\nHost: a\r\n\r\n",
                 bad[k]);
        if (answer(text, &res) == 0) {
            if (res.status != 400)
                printf("# %s: %d\n", bad[k], res.status);
            CHECK(res.status == 400);
            CHECK(strcmp(fields_of(&res, "Set-Cookie"), "") == 0);
        }
        response_free(&res);
    }
}

static void set_has_limits(void)
{
    char text[8192];
    size_t len, k;
    struct response res;

    /* 20 cookies are fine, 21 too many. */
    for (k = 20; k <= 21; k++) {
        size_t i;
        len = (size_t)snprintf(text, sizeof text, "GET /cookies/set?");
        for (i = 0; i < k; i++)
            len += (size_t)snprintf(text + len, sizeof text - len,
                                    "%sc%zu=%zu", i ? "&" : "", i, i);
        snprintf(text + len, sizeof text - len,
                 " HTTP/1.1\r\nHost: a\r\n\r\n");
        if (answer(text, &res) == 0)
            CHECK(res.status == (k == 20 ? 302 : 400));
        response_free(&res);
    }
    /* A value too long to send back. */
    len = (size_t)snprintf(text, sizeof text, "GET /cookies/set?a=");
    memset(text + len, 'x', 5000);
    snprintf(text + len + 5000, sizeof text - len - 5000,
             " HTTP/1.1\r\nHost: a\r\n\r\n");
    if (answer(text, &res) == 0)
        CHECK(res.status == 400);
    response_free(&res);
}

static void delete_expires_each_name(void)
{
    struct response res;

    if (answer("DELETE /cookies/delete?a&b=1&a HTTP/1.1\r\nHost: a\r\n\r\n",
               &res) == 0) {
        CHECK(res.status == 302);
        CHECK(strcmp(fields_of(&res, "Location"), "/cookies") == 0);
        CHECK(strcmp(fields_of(&res, "Set-Cookie"),
                     "a=; Path=/; Expires=Sat, 06 Nov 1993 08:49:37 GMT; "
                     "HttpOnly|"
                     "b=; Path=/; Expires=Sat, 06 Nov 1993 08:49:37 GMT; "
                     "HttpOnly") == 0);
    }
    response_free(&res);
}

void test_cookies(void)
{
    run("cookie names are tokens", names_are_tokens);
    run("cookie values are cookie-octets, byte by byte",
        values_are_cookie_octets);
    run("Cookie pairs are read, malformed ones skipped",
        pairs_are_read_and_bad_ones_skipped);
    run("the Cookie reader is NULL-safe and reads only n bytes",
        the_reader_is_null_safe_and_bounded);
    run("/cookies lists the request's cookies, sorted, the last of a name "
        "winning",
        cookies_lists_what_the_request_sends);
    run("/cookies/set sends one Set-Cookie per name and redirects",
        set_sends_one_cookie_per_name);
    run("/cookies/set and /cookies/delete refuse names and values that "
        "are not cookies",
        set_refuses_what_it_cannot_send);
    run("/cookies/set takes at most 20 cookies and 4 KiB", set_has_limits);
    run("/cookies/delete expires each name once", delete_expires_each_name);
}
