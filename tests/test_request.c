/* test_request.c: the server's request-head parser and chunked-body
 * reader (server/request.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "server.h"

struct head_case {
    const char *input;
    size_t len;
    int result; /* the head's length, 0 for incomplete, or -status */
};

#define HEAD(input, result)                                                   \
    {                                                                         \
        input, sizeof input - 1, result                                       \
    }
#define WHOLE 1000000 /* the head's length is the input's */

static const struct head_case heads[] = {
    /* accepted */
    HEAD("GET / HTTP/1.1\r\nHost: a\r\n\r\n", WHOLE),
    HEAD("GET /404?sleep=10 HTTP/1.1\r\nHost: a\r\n\r\n", WHOLE),
    HEAD("HEAD /x HTTP/1.0\r\n\r\n", WHOLE),
    HEAD("GET / HTTP/1.1\r\nHost:\r\n\r\n", WHOLE),
    HEAD("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", WHOLE),
    HEAD("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", WHOLE),
    HEAD("GET http://example.com/503?x HTTP/1.1\r\nHost: example.com\r\n\r\n",
         WHOLE),
    HEAD("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", WHOLE),
    HEAD("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", WHOLE),
    HEAD("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
         WHOLE),
    HEAD("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ChUnKeD \r\n\r\n",
         WHOLE),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nX: \x80\xff obs-text\r\n\r\n", WHOLE),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\n\r\n", WHOLE),
    HEAD("GET /%41%2f HTTP/1.1\r\nHost: a\r\n\r\n", WHOLE),
    HEAD("GET / HTTP/1.1\r\nHost: [v1.x]\r\n\r\n", WHOLE),
    HEAD("GET / HTTP/1.1\r\nHost: [::ffff:1.2.3.4]:80\r\n\r\n", WHOLE),
    HEAD("GET / HTTP/1.1\r\nHost: 999.1.1.1\r\n\r\n", WHOLE),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nRange: bytes=0-1\r\n"
         "range: bytes=2-3\r\n\r\n",
         WHOLE),
    /* incomplete */
    HEAD("", 0),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\n", 0),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\n\r", 0),
    HEAD("\r", 0),
    HEAD("\r\n", 0),
    /* malformed: 400 */
    HEAD("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\nHost: a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", -400),
    HEAD("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: u@h\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: x:8o\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: %zz\r\n\r\n", -400),
    HEAD("GET / HTTP/1.0\r\nHost: a[b]c\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost : a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nX: a\x01b\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nX: a\x7f\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nX\x01Y: a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\n: a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nno colon\r\n\r\n", -400),
    HEAD("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET /\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET a HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET * HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET http:// HTTP/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\n"
         "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
         "Content-Length: 5\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5 5\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\n"
         "Content-Length: 1234567890123456789\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
         "Transfer-Encoding: chunked\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip"
         "\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\x0b"
         "\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked;x=1"
         "\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \"chunked\""
         "\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nConnection: close;x\r\n\r\n", -400),
    /* 417, 501, 505 */
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n", -417),
    HEAD("BREW / HTTP/1.1\r\nHost: a\r\n\r\n", -501),
    HEAD("get / HTTP/1.1\r\nHost: a\r\n\r\n", -501),
    /* longer than any known method: 501 from its 8th byte on, whatever
     * follows (RFC 9112, Section 3) */
    HEAD("PROPFIND / HTTP/1.1\r\nHost: a\r\n\r\n", -501),
    HEAD("OPTIONSX", -501),
    HEAD("OPTIONS", 0),
    HEAD("PROPFIND / HTTP/2.0\r\n", -501),
    HEAD("PROPFIN\n", -400),
    /* a byte that can begin no request line: 400 without a line end */
    HEAD("\x16\x03\x01\x00\xf4\x01\x00\x00\xf0\x03\x03", -400),
    HEAD(" GET / HTTP/1.1", -400),
    HEAD("GET\t/ HTTP/1.1", -400),
    HEAD("\r\n\r\n{\"a\":1}", -400),
    HEAD("PROPFIN\t", -400),
    /* chunked not final: the body's end is unknowable (RFC 9112, 6.3) */
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n",
         -400),
    HEAD("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked"
         "\r\n\r\n",
         -501),
    HEAD("GET / HTTP/2.0\r\nHost: a\r\n\r\n", -505),
    /* a later HTTP/1 minor version is read as 1.1 (RFC 9110, 2.5) */
    HEAD("GET / HTTP/1.2\r\nHost: a\r\n\r\n", WHOLE),
    HEAD("GET / HTTP/1.9\r\n\r\n", -400), /* as 1.1: no Host */
    HEAD("GET / HTTP/0.9\r\nHost: a\r\n\r\n", -505),
    HEAD("GET / HTTP/1.10\r\nHost: a\r\n\r\n", -400),
    HEAD("GET / http/1.1\r\nHost: a\r\n\r\n", -400),
    HEAD("GET /\r\n\r\n", -400),
};

static int parse_all(const char *input, size_t len, struct request *req)
{
    struct request_parser p;

    memset(&p, 0, sizeof p);
    return request_parse(&p, input, len, req);
}

static int expected(const struct head_case *c)
{
    return c->result == WHOLE ? (int)c->len : c->result;
}

static void heads_follow_the_table(void)
{
    size_t i;

    for (i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        struct request req;
        /* An exact-size copy, so that ASan sees any read past len. */
        char *copy = malloc(heads[i].len + 1);
        int got;
        memcpy(copy, heads[i].input, heads[i].len);
        got = parse_all(copy, heads[i].len, &req);
        if (got != expected(&heads[i]))
            printf("# head %zu: %d, want %d\n", i, got, expected(&heads[i]));
        CHECK(got == expected(&heads[i]));
        free(copy);
    }
}

/* The same bytes, split at every point and fed byte by byte, give the
 * same answer as in one piece. */
static void any_split_gives_the_same_answer(void)
{
    size_t i, split, k;

    for (i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        const struct head_case *c = &heads[i];
        int want = expected(c);
        for (split = 0; split <= c->len; split++) {
            struct request_parser p;
            struct request req;
            int first, got;
            memset(&p, 0, sizeof p);
            first = request_parse(&p, c->input, split, &req);
            got =
                first < 0 ? first : request_parse(&p, c->input, c->len, &req);
            /* A prefix may already be refused (a bare LF), or complete; it
             * never contradicts the whole. */
            if (first < 0)
                CHECK(first == want);
            else
                CHECK(got == want);
        }
        {
            struct request_parser p;
            struct request req;
            int got = 0;
            memset(&p, 0, sizeof p);
            for (k = 0; k <= c->len; k++) {
                got = request_parse(&p, c->input, k, &req);
                if (got != 0)
                    break;
                CHECK(p.scanned <= k);
            }
            CHECK(got == want);
        }
    }
}

static void parsed_facts_are_right(void)
{
    struct request req;
    static const char get[] =
        "GET http://example.com/503?sleep=20&x HTTP/1.1\r\n"
        "Host: example.com\r\nAccept: application/json\r\n"
        "Range: bytes=0-9\r\nUser-Agent: t\r\nConnection: Upgrade\r\n"
        "Upgrade: h2c, HTTPStatus-Test\r\nExpect: 100-continue\r\n\r\n";
    static const char ws[] = "GET / HTTP/1.1\r\nHost: a\r\nConnection: "
                             "upgrade\r\nUpgrade: websocket\r\n\r\n";
    static const char head[] =
        "HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    static const char post10[] = "POST /x HTTP/1.0\r\nConnection: Keep-Alive"
                                 "\r\nContent-Length: 42\r\n\r\n";

    CHECK(parse_all(get, sizeof get - 1, &req) == (int)sizeof get - 1);
    CHECK(req.path.n == 4 && memcmp(req.path.p, "/503", 4) == 0);
    CHECK(req.query.n == 10 && memcmp(req.query.p, "sleep=20&x", 10) == 0);
    CHECK(req.minor == 1 && !req.is_head && req.keep_alive);
    CHECK(req.accept.n == 16 && req.range.n == 9 && req.user_agent.n == 1);
    CHECK(req.upgrade && req.expect_continue && req.content_length == -1);
    CHECK(!req.chunked);

    CHECK(parse_all(post10, sizeof post10 - 1, &req) ==
          (int)sizeof post10 - 1);
    CHECK(req.minor == 0 && req.keep_alive && req.content_length == 42);
    CHECK(req.query.p == NULL);

    CHECK(parse_all(ws, sizeof ws - 1, &req) == (int)sizeof ws - 1);
    CHECK(!req.upgrade); /* a protocol the server cannot speak */
    CHECK(parse_all(head, sizeof head - 1, &req) == (int)sizeof head - 1);
    CHECK(req.is_head && !req.keep_alive);
    CHECK(parse_all("GET / HTTP/1.0\r\n\r\n", 18, &req) == 18);
    CHECK(!req.keep_alive);
    CHECK(parse_all("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 31, &req) == 31);
    CHECK(req.is_options && req.path.n == 1 && req.path.p[0] == '*');
    CHECK(parse_all("GET / HTTP/1.7\r\nHost: a\r\n\r\n", 27, &req) == 27);
    CHECK(req.minor == 1 && req.keep_alive);
}

static void pipelined_heads_are_taken_one_at_a_time(void)
{
    static const char two[] = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                              "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n";
    struct request req;
    int first = parse_all(two, sizeof two - 1, &req);

    CHECK(first == 28);
    CHECK(req.path.n == 2 && req.path.p[1] == '1');
    CHECK(parse_all(two + first, sizeof two - 1 - (size_t)first, &req) == 28);
    CHECK(req.path.p[1] == '2');
}

/* "GET /aaa... HTTP/1.1" with a request line of exactly n bytes, then a
 * Host field and the empty line; *len is the whole length. */
static char *request_with_line(size_t n, size_t *len)
{
    char *s = malloc(n + 32);
    size_t path = n - 13; /* "GET " and " HTTP/1.1" are 13 bytes */

    memcpy(s, "GET ", 4);
    s[4] = '/';
    memset(s + 5, 'a', path - 1);
    memcpy(s + 4 + path, " HTTP/1.1\r\nHost: a\r\n\r\n", 22);
    *len = n + 13;
    return s;
}

static void limits_hold_at_their_edges(void)
{
    struct request req;
    size_t len, i;
    char *s, *big;

    s = request_with_line(REQUEST_LINE_MAX, &len);
    CHECK(parse_all(s, len, &req) == (int)len);
    free(s);
    s = request_with_line(REQUEST_LINE_MAX + 1, &len);
    CHECK(parse_all(s, len, &req) == -414);
    /* An unfinished line is refused as soon as it is too long. */
    CHECK(parse_all(s, REQUEST_LINE_MAX + 1, &req) == 0);
    CHECK(parse_all(s, REQUEST_LINE_MAX + 2, &req) == -414);
    free(s);

    big = malloc(REQUEST_HEAD_MAX + 64);
    len = (size_t)sprintf(big, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
    memset(big + len, 'v', REQUEST_HEAD_MAX + 64 - len);
    CHECK(parse_all(big, REQUEST_HEAD_MAX, &req) == 0);
    CHECK(parse_all(big, REQUEST_HEAD_MAX + 1, &req) == -431);
    /* A head of exactly the limit is fine. */
    memcpy(big + REQUEST_HEAD_MAX - 4, "\r\n\r\n", 4);
    CHECK(parse_all(big, REQUEST_HEAD_MAX, &req) == REQUEST_HEAD_MAX);
    free(big);

    big = malloc(64 + 8 * (REQUEST_FIELDS_MAX + 2));
    len = (size_t)sprintf(big, "GET / HTTP/1.1\r\nHost: a\r\n");
    for (i = 1; i < REQUEST_FIELDS_MAX; i++)
        len += (size_t)sprintf(big + len, "X: a\r\n");
    len += (size_t)sprintf(big + len, "\r\n");
    CHECK(parse_all(big, len, &req) == (int)len);
    len -= 2;
    len += (size_t)sprintf(big + len, "X: a\r\n\r\n");
    CHECK(parse_all(big, len, &req) == -431);
    free(big);
}

/* Every request-line length and every head size from the smallest up to
 * past its limit, whole and in two pieces: the answer changes exactly at
 * the limit, and a prefix never answers otherwise. */
static void every_size_up_to_and_past_the_limits(void)
{
    struct request_parser p;
    struct request req;
    size_t n, len, k;
    char *s = malloc(REQUEST_HEAD_MAX + 128);
    int bad = 0;

    for (n = 14; n <= REQUEST_LINE_MAX + 64 && !bad; n++) {
        char *line = request_with_line(n, &len);
        int want = n <= REQUEST_LINE_MAX ? (int)len : -414, r;
        bad |= parse_all(line, len, &req) != want;
        memset(&p, 0, sizeof p);
        k = n / 2;
        r = request_parse(&p, line, k, &req);
        bad |= r != 0 && r != want;
        bad |= r == 0 && request_parse(&p, line, len, &req) != want;
        free(line);
    }
    CHECK(!bad);

    /* "GET / HTTP/1.1\r\nHost: a\r\nX: " then the value and the end. */
    len = (size_t)sprintf(s, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
    for (n = len + 4; n <= REQUEST_HEAD_MAX + 64 && !bad; n++) {
        int want = n <= REQUEST_HEAD_MAX ? (int)n : -431, r;
        memset(s + len, 'v', n - 4 - len);
        memcpy(s + n - 4, "\r\n\r\n", 4);
        bad |= parse_all(s, n, &req) != want;
        memset(&p, 0, sizeof p);
        r = request_parse(&p, s, n - 3, &req);
        bad |= r != 0 && r != want;
        bad |= r == 0 && request_parse(&p, s, n, &req) != want;
    }
    CHECK(!bad);

    /* 1 to REQUEST_FIELDS_MAX + 8 field lines, Host the first. */
    len = (size_t)sprintf(s, "GET / HTTP/1.1\r\nHost: a\r\n");
    for (k = 1; k <= REQUEST_FIELDS_MAX + 8 && !bad; k++) {
        int want = k <= REQUEST_FIELDS_MAX ? (int)len + 2 : -431;
        memcpy(s + len, "\r\n", 2);
        bad |= parse_all(s, len + 2, &req) != want;
        len += (size_t)sprintf(s + len, "X: a\r\n");
    }
    CHECK(!bad);
    free(s);
}

/* ------------------------------------------- bytes that begin nothing */

/* Bytes that can never begin a request line, with no line end anywhere;
 * at is where the first such byte is. */
struct early_case {
    const char *input;
    size_t len;
    size_t at;
};

#define EARLY(input, at)                                                      \
    {                                                                         \
        input, sizeof input - 1, at                                           \
    }

static const struct early_case earlies[] = {
    /* a TLS 1.2/1.3 ClientHello's record and handshake headers */
    EARLY("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\x5a\x5b", 0),
    EARLY("\x00GET / HTTP/1.1", 0),
    EARLY("{\"jsonrpc\": \"2.0\"}", 0),
    EARLY("\"GET / HTTP/1.1", 0),
    EARLY("\x80\x2e\x01\x00\x02", 0), /* an SSLv2-style hello */
    EARLY("/index.html HTTP/1.1", 0),
    EARLY(" GET / HTTP/1.1", 0),
    EARLY("\tGET", 0),
    EARLY("GET\t/ HTTP/1.1", 3),
    EARLY("GE{T / HTTP/1.1", 2),
    EARLY("GET\x00/", 3),
    EARLY("PATCH\x16", 5),
    EARLY("OPTIONS:", 7),
    EARLY("\r\n\x16\x03\x01", 2),
    EARLY("\r\n\r\n/ HTTP/1.1", 4),
};

/* Whole, and one byte at a time with each prefix in a buffer of exactly
 * its size: nothing is said before the bad byte, and 400 comes with it. */
static void bytes_that_begin_no_request_are_refused_at_once(void)
{
    size_t i, k;

    for (i = 0; i < sizeof earlies / sizeof earlies[0]; i++) {
        const struct early_case *c = &earlies[i];
        struct request_parser p;
        struct request req;
        int got = 0, bad = 0;

        got = parse_all(c->input, c->len, &req);
        if (got != -400)
            printf("# early %zu whole: %d, want -400\n", i, got);
        CHECK(got == -400);
        memset(&p, 0, sizeof p);
        for (k = 1; k <= c->len; k++) {
            char *copy = malloc(k);
            memcpy(copy, c->input, k);
            got = request_parse(&p, copy, k, &req);
            free(copy);
            if (got != (k <= c->at ? 0 : -400)) {
                printf("# early %zu: %d after %zu bytes\n", i, got, k);
                bad = 1;
            }
            if (got != 0)
                break;
        }
        CHECK(!bad && k == c->at + 1);
    }
}

/* RFC 9110, Section 5.6.2, written out again rather than taken from the
 * parser. */
static int tchar(int c)
{
    return c > 0 && c < 128 &&
           ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || strchr("!#$%&'*+-.^_`|~", c));
}

/* Each of the 256 bytes as the first of a request, and right after
 * "GET": a tchar (or the CR of an empty line, or the SP after a method)
 * waits for more; every other byte is 400 at once. */
static void every_byte_that_cannot_follow_is_refused(void)
{
    struct request req;
    char buf[4];
    int c, bad = 0;

    for (c = 0; c < 256; c++) {
        int want = tchar(c) || c == '\r' ? 0 : -400, got;
        buf[0] = (char)c;
        if ((got = parse_all(buf, 1, &req)) != want) {
            printf("# first byte 0x%02x: %d, want %d\n", c, got, want);
            bad = 1;
        }
        memcpy(buf, "GET", 3);
        buf[3] = (char)c;
        want = tchar(c) || c == ' ' ? 0 : -400;
        if ((got = parse_all(buf, 4, &req)) != want) {
            printf("# GET then 0x%02x: %d, want %d\n", c, got, want);
            bad = 1;
        }
    }
    CHECK(!bad);
}

/* RFC 9112, Section 2.2: empty lines before the request line are still
 * skipped, however they arrive. */
static void empty_lines_before_a_request_still_wait(void)
{
    static const char s[] = "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
    struct request_parser p;
    struct request req;
    size_t k;
    int got = 0;

    memset(&p, 0, sizeof p);
    for (k = 0; k < sizeof s - 1; k++)
        CHECK(request_parse(&p, s, k, &req) == 0);
    got = request_parse(&p, s, sizeof s - 1, &req);
    CHECK(got == (int)sizeof s - 1);
    CHECK(req.path.n == 1 && req.path.p[0] == '/');
    CHECK(parse_all("\r\n\r\n\r", 5, &req) == 0);
    CHECK(parse_all("\r\n\r\n\rX", 6, &req) == -400);
}

static void tls_handshakes_are_recognised(void)
{
    static const char hello[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03";

    CHECK(request_is_tls(hello, sizeof hello - 1));
    CHECK(request_is_tls("\x16\x03\x00", 3));     /* SSL 3.0 */
    CHECK(request_is_tls("\x16\x03\x03\x00", 4)); /* TLS 1.2 */
    CHECK(request_is_tls("\x16\x03\x04", 3));
    CHECK(request_is_tls("\x16\x03", 2)); /* the shortest accepted */
    CHECK(!request_is_tls("\x16", 1));
    CHECK(!request_is_tls("", 0));
    CHECK(!request_is_tls("\x16\x03\x05", 3));
    CHECK(!request_is_tls("\x16\x03\xff", 3));
    CHECK(!request_is_tls("\x16\x02\x00", 3));
    CHECK(!request_is_tls("\x17\x03\x03", 3)); /* application data */
    CHECK(!request_is_tls("\x15\x03\x03", 3)); /* an alert */
    CHECK(!request_is_tls("\x80\x2e\x01", 3)); /* SSLv2's format */
    CHECK(!request_is_tls("GET / HTTP/1.1", 14));
    CHECK(!request_is_tls("\x03\x16\x03", 3));
}

/* ------------------------------------------------------------ Host */

struct host_case {
    const char *value;
    int valid;
};

static const struct host_case hosts[] = {
    /* valid: uri-host [ ":" port ] (RFC 3986, Section 3.2.2) */
    {"", 1},
    {"example.com", 1},
    {"example.com:8080", 1},
    {"EXAMPLE.com:80", 1},
    {"127.0.0.1:80", 1},
    {"127.0.0.1", 1},
    {"999.1.1.1", 1}, /* not an IPv4address, but a reg-name */
    {"1.2.3", 1},
    {"x:", 1}, /* an empty port */
    {":", 1},
    {":80", 1},
    {"example.com:123456", 1}, /* port = *DIGIT: no range */
    {"a%20b", 1},
    {"%41%2F%ff", 1},
    {"a-b.c_d~e", 1},
    {"!$&'()*+,;=", 1},
    {"xn--bcher-kva.example", 1},
    {"[::]", 1},
    {"[::1]", 1},
    {"[::1]:8080", 1},
    {"[::1]:", 1},
    {"[1:2:3:4:5:6:7:8]", 1},
    {"[1:2:3:4:5:6:7::]", 1},
    {"[::2:3:4:5:6:7:8]", 1},
    {"[1::8]", 1},
    {"[1:2:3::6:7:8]", 1},
    {"[ABCD:ef01:2345:6789:abcd:EF01:2345:6789]", 1},
    {"[fe80::1]", 1},
    {"[0000:0:00:000::]", 1},
    {"[::ffff:1.2.3.4]", 1},
    {"[::1.2.3.4]", 1},
    {"[1::1.2.3.4]", 1},
    {"[1:2:3:4:5:6:1.2.3.4]", 1},
    {"[1:2:3:4:5::1.2.3.4]", 1},
    {"[::255.255.255.255]", 1},
    {"[::0.0.0.0]", 1},
    {"[v1.x]", 1},
    {"[V1F.a:b]:443", 1},
    {"[vff.!$&'()*+,;=:-._~]", 1},
    /* invalid */
    {"[::1", 0},
    {"]", 0},
    {"[", 0},
    {"a[b]c", 0},
    {"::::", 0},
    {"x:abc", 0},
    {"x:8o", 0},
    {"x:-1", 0},
    {"x:+1", 0},
    {"a:1:2", 0},
    {"%zz", 0},
    {"%", 0},
    {"a%4", 0},
    {"%4g", 0},
    {"u@h", 0},
    {"a/b", 0},
    {"a?b", 0},
    {"a#b", 0},
    {"a\"b", 0},
    {"a<b>", 0},
    {"a\\b", 0},
    {"a^b", 0},
    {"a{b}", 0},
    {"a|b", 0},
    {"a`b", 0},
    {"a\x80", 0},
    {"[]", 0},
    {"[:]", 0},
    {"[:::]", 0},
    {"[:1::]", 0},
    {"[1::2:]", 0},
    {"[1:2:3:4:5:6:7]", 0},
    {"[1:2:3:4:5:6:7:8:9]", 0},
    {"[1:2:3:4::5:6:7:8]", 0},
    {"[1::2::3]", 0},
    {"[::1::]", 0},
    {"[12345::]", 0},
    {"[::g]", 0},
    {"[1.2.3.4]", 0},
    {"[::1.2.3]", 0},
    {"[::1.2.3.4.5]", 0},
    {"[::1.2.3.256]", 0},
    {"[::01.2.3.4]", 0},
    {"[::1.2.3.4:5]", 0},
    {"[::1.2.3.4::]", 0},
    {"[1:2:3:4:5:6:7:1.2.3.4]", 0},
    {"[1:2:3:4:5:6::1.2.3.4]", 0},
    {"[::1a.2.3.4]", 0},
    {"[fe80::1%25eth0]", 0}, /* a zone ID (RFC 6874): not RFC 3986 */
    {"[fe80::1%eth0]", 0},
    {"[v.x]", 0},
    {"[v1.]", 0},
    {"[v1x]", 0},
    {"[vg.x]", 0},
    {"[v1.x/y]", 0},
    {"[w1.x]", 0},
    {"[::1]x", 0},
    {"[::1]:x", 0},
    {"[::1]]", 0},
    {"[[::1]]", 0},
    {"x[::1]", 0},
};

/* Each value as the one Host of a request, whole and a byte at a time. */
static void host_values_follow_rfc_3986(void)
{
    size_t i, k;

    for (i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
        char buf[256];
        struct request_parser p;
        struct request req;
        int len =
            snprintf(buf, sizeof buf, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n",
                     hosts[i].value);
        int want = hosts[i].valid ? len : -400, got = 0;

        CHECK(len > 0 && (size_t)len < sizeof buf);
        got = parse_all(buf, (size_t)len, &req);
        if (got != want)
            printf("# host \"%s\": %d, want %d\n", hosts[i].value, got, want);
        CHECK(got == want);
        if (got > 0)
            CHECK(req.host.n == strlen(hosts[i].value));
        memset(&p, 0, sizeof p);
        for (k = 0; k <= (size_t)len && got == 0; k++)
            got = request_parse(&p, buf, k, &req);
        CHECK(got == want);
    }
}

/* ------------------------------------------------------------ Range */

static void a_repeated_range_is_ignored(void)
{
    static const char once[] =
        "GET /200 HTTP/1.1\r\nHost: a\r\nRange: bytes=0-4\r\n\r\n";
    static const char twice[] = "GET /200 HTTP/1.1\r\nHost: a\r\n"
                                "Range: bytes=0-4\r\nRange: bytes=5-9\r\n\r\n";
    static const char same[] = "GET /200 HTTP/1.1\r\nRange: bytes=0-4\r\n"
                               "Host: a\r\nRANGE: bytes=0-4\r\n\r\n";
    static const char thrice[] = "GET /200 HTTP/1.1\r\nHost: a\r\n"
                                 "Range: bytes=0-4\r\nrange: x\r\n"
                                 "Range: bytes=5-9\r\n\r\n";
    static const char other[] = "GET /200 HTTP/1.1\r\nHost: a\r\n"
                                "Range: bytes=0-4\r\nRanges: bytes=5-9\r\n"
                                "If-Range: x\r\n\r\n";
    struct request req;

    CHECK(parse_all(once, sizeof once - 1, &req) == (int)sizeof once - 1);
    CHECK(req.range.n == 9 && memcmp(req.range.p, "bytes=0-4", 9) == 0);
    CHECK(parse_all(twice, sizeof twice - 1, &req) == (int)sizeof twice - 1);
    CHECK(req.range.p == NULL && req.range.n == 0);
    CHECK(req.host.n == 1); /* the rest of the head is read as before */
    CHECK(parse_all(same, sizeof same - 1, &req) == (int)sizeof same - 1);
    CHECK(req.range.p == NULL && req.range.n == 0);
    CHECK(parse_all(thrice, sizeof thrice - 1, &req) ==
          (int)sizeof thrice - 1);
    CHECK(req.range.p == NULL && req.range.n == 0);
    CHECK(parse_all(other, sizeof other - 1, &req) == (int)sizeof other - 1);
    CHECK(req.range.n == 9 && req.if_range.n == 1);
}

/* ------------------------------------------------------------ chunked */

struct chunk_case {
    const char *input;
    size_t len;
    long result; /* bytes consumed when done, 0 for not done, or -400 */
};

#define CHUNKS(input, result)                                                 \
    {                                                                         \
        input, sizeof input - 1, result                                       \
    }

static const struct chunk_case chunks[] = {
    CHUNKS("5\r\nhello\r\n0\r\n\r\n", WHOLE),
    CHUNKS("5;name=value\r\nhello\r\n0\r\n\r\n", WHOLE),
    CHUNKS("5 ;name\r\nhello\r\n0;x\r\n\r\n", WHOLE),
    CHUNKS("A\r\n0123456789\r\n0\r\nTrailer: x\r\nT2:y\r\n\r\n", WHOLE),
    CHUNKS("0\r\n\r\n", WHOLE),
    CHUNKS("000\r\n\r\n", WHOLE),
    CHUNKS("5\r\nhel", 0),
    CHUNKS("5\r\nhello\r\n", 0),
    CHUNKS("5\r\nhello\r\n0\r\n", 0),
    CHUNKS("\r\n", -400),
    CHUNKS("x\r\n", -400),
    CHUNKS("-5\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("0x5\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5 \r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5\rhello\r\n0\r\n\r\n", -400),
    CHUNKS("5\r\nhelloX\r\n0\r\n\r\n", -400),
    CHUNKS("5\r\nhello\n0\r\n\r\n", -400),
    CHUNKS("ffffffffffffffffff\r\n", -400),
    CHUNKS("8000000000000000\r\n", -400),
    CHUNKS("0\r\n folded\r\n\r\n", -400),
    CHUNKS("0\r\nNo colon\r\n\r\n", -400),
    CHUNKS("0\r\nX: a\x01\r\n\r\n", -400),
    CHUNKS("0\r\n\n", -400),
    /* extensions follow their grammar (RFC 9112, Section 7.1.1) */
    CHUNKS("5;a;b=c;d=\"q \\\" \\x;\"\r\nhello\r\n0\r\n\r\n", WHOLE),
    CHUNKS("5 ; a = b ;c\r\nhello\r\n0\r\n\r\n", WHOLE),
    CHUNKS("5;a=\"\"\r\nhello\r\n0\r\n\r\n", WHOLE),
    CHUNKS("5;\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;;a\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;bad[=x\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a=b c\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a=\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a \r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a=b \r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a=\"open\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a=\"x\"y\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a=\"\x7f\"\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a\x00\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("5;a\rb\r\nhello\r\n0\r\n\r\n", -400),
    CHUNKS("7fffffffffffffff\r\n", 0),
};

static long chunked_all(const char *input, size_t len, int *done)
{
    struct chunked c;

    memset(&c, 0, sizeof c);
    return chunked_read(&c, input, len, done, NULL);
}

static long chunk_expected(const struct chunk_case *c)
{
    return c->result == WHOLE ? (long)c->len : c->result;
}

static void chunked_bodies_follow_the_table(void)
{
    size_t i, split;

    for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        const struct chunk_case *c = &chunks[i];
        long want = chunk_expected(c);
        int done;
        long got = chunked_all(c->input, c->len, &done);
        if (want > 0) {
            CHECK(got == want && done);
        } else if (want == 0) {
            CHECK(got == (long)c->len && !done);
        } else {
            CHECK(got == want);
        }
        /* Every split gives the same outcome. */
        for (split = 0; split <= c->len; split++) {
            struct chunked st;
            long a, b = 0;
            int d1 = 0, d2 = 0;
            memset(&st, 0, sizeof st);
            a = chunked_read(&st, c->input, split, &d1, NULL);
            if (a >= 0 && !d1)
                b = chunked_read(&st, c->input + a, c->len - (size_t)a, &d2,
                                 NULL);
            if (want < 0)
                CHECK(a < 0 || b < 0);
            else if (want > 0)
                CHECK((d1 && a == want) || (d2 && a + b == want));
            else
                CHECK(a >= 0 && b >= 0 && !d1 && !d2);
        }
    }
}

static void chunked_stops_at_the_end_of_its_body(void)
{
    static const char body[] = "3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n";
    int done;

    CHECK(chunked_all(body, sizeof body - 1, &done) == 13 && done);
}

static void chunk_extensions_are_bounded(void)
{
    char *s = malloc(CHUNK_EXT_MAX + 64);
    size_t n = 0;
    int done;

    /* CHUNK_EXT_MAX bytes from the size's end to the CR pass; one more
     * does not. */
    s[n++] = '1';
    s[n++] = ';';
    memset(s + n, 'e', CHUNK_EXT_MAX - 1);
    n += CHUNK_EXT_MAX - 1;
    memcpy(s + n, "\r\nx\r\n0\r\n\r\n", 10);
    CHECK(chunked_all(s, n + 10, &done) == (long)n + 10 && done);
    memcpy(s + n, "e\r\nx\r\n0\r\n\r\n", 11);
    CHECK(chunked_all(s, n + 11, &done) == -400);
    free(s);
}

/* A fault past a limit is reported as the limit, as any prefix reports
 * it (found by fuzz/request_head.c). */
static void limits_come_before_later_faults(void)
{
    size_t n = REQUEST_LINE_MAX + 200, k;
    char *s = malloc(REQUEST_HEAD_MAX + 200);
    struct request req;

    memcpy(s, "GET /", 5);
    memset(s + 5, 'a', n - 6);
    s[n - 1] = '\n';
    CHECK(parse_all(s, n, &req) == -414);
    CHECK(parse_all(s, REQUEST_LINE_MAX + 2, &req) == -414);
    /* A long method is an unknown one before it is a long line. */
    memset(s, 'M', n - 1);
    CHECK(parse_all(s, n, &req) == -501);
    n = (size_t)sprintf(s, "GET / HTTP/1.1\r\nHost: a\r\n");
    while (n < REQUEST_HEAD_MAX + 100)
        n += (size_t)sprintf(s + n, "X: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\r\n");
    s[n++] = '\n';
    CHECK(parse_all(s, n, &req) == -431);
    for (k = REQUEST_HEAD_MAX + 1; k < n; k += 97)
        CHECK(parse_all(s, k, &req) == -431);
    free(s);
}

static int list_has(const char *list, const char *word)
{
    struct slice s;

    s.p = list;
    s.n = list ? strlen(list) : 0;
    return request_list_has(s, word);
}

static void lists_name_their_elements(void)
{
    CHECK(list_has("Upgrade, HTTP2-Settings", "http2-settings"));
    CHECK(list_has("upgrade", "upgrade"));
    CHECK(list_has(" ,\tH2C ,", "h2c"));
    CHECK(!list_has("h2c2, xh2c", "h2c"));
    CHECK(!list_has("h2", "h2c"));
    CHECK(!list_has("", "h2c"));
    CHECK(!list_has(NULL, "h2c"));
}

/* Connection: upgrade is noted whatever Upgrade offers (h2c here), and
 * only then. */
static void connection_upgrade_is_noted(void)
{
    static const char *const asks[] = {
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, "
         "HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAA\r\n\r\n"),
        "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n"};
    size_t k;

    for (k = 0; k < 3; k++) {
        struct request_parser p;
        struct request req;
        memset(&p, 0, sizeof p);
        CHECK(request_parse(&p, asks[k], strlen(asks[k]), &req) > 0);
        CHECK(req.connection_upgrade == (k == 0));
        CHECK(!req.upgrade); /* h2c is not httpstatus-test */
    }
}

void test_request(void)
{
    run("a limit passed before a later fault is what the parser reports",
        limits_come_before_later_faults);
    run("request heads are accepted and refused as RFC 9112 says",
        heads_follow_the_table);
    run("a head split anywhere, or fed byte by byte, parses the same",
        any_split_gives_the_same_answer);
    run("the parser reports method, target, version and the fields used",
        parsed_facts_are_right);
    run("pipelined heads are taken one at a time",
        pipelined_heads_are_taken_one_at_a_time);
    run("every line length, head size and field count up to and past "
        "its limit",
        every_size_up_to_and_past_the_limits);
    run("a byte that can begin no request line is refused as it arrives",
        bytes_that_begin_no_request_are_refused_at_once);
    run("every byte value, first or after a method, waits or is refused",
        every_byte_that_cannot_follow_is_refused);
    run("empty lines before a request line still wait for it",
        empty_lines_before_a_request_still_wait);
    run("request_is_tls() knows a TLS handshake record's first bytes",
        tls_handshakes_are_recognised);
    run("Host is uri-host [\":\" port] by RFC 3986, or 400",
        host_values_follow_rfc_3986);
    run("two or more Range fields leave the request without a Range",
        a_repeated_range_is_ignored);
    run("414, 431 and the field count hold at exactly their limits",
        limits_hold_at_their_edges);
    run("chunked bodies are read strictly, however they are split",
        chunked_bodies_follow_the_table);
    run("the chunked reader stops where its body ends",
        chunked_stops_at_the_end_of_its_body);
    run("chunk extensions are bounded", chunk_extensions_are_bounded);
    run("request_list_has() finds whole elements, in any case",
        lists_name_their_elements);
    run("Connection: upgrade is noted for h2c", connection_upgrade_is_noted);
}
