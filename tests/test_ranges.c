/* test_ranges.c: the Range reader (server/ranges.c), then the
 * preconditions of server/caching.c through /etag and /range, and
 * streams.c's /sse, on requests that request_parse() reads from text. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "harness.h"
#include "ranges.h"
#include "server.h"

#define NOW 784111777LL /* Sun, 06 Nov 1994 08:49:37 GMT */

static const struct serve_options options = {10000u, 1u << 20, NULL, NULL};

/* ranges_parse() on s against len bytes, RANGES_MAX at most: the result,
 * and the ranges as "0-4,7-9" in text. */
static enum ranges_result parse(const char *s, uint64_t len, char *text,
                                size_t size)
{
    struct byte_range r[RANGES_MAX];
    size_t count = 99, k, used = 0;
    enum ranges_result res =
        ranges_parse(s, s != NULL ? strlen(s) : 0, len, r, RANGES_MAX, &count);

    text[0] = '\0';
    CHECK(count <= RANGES_MAX);
    CHECK((res == RANGES_SATISFIABLE) == (count > 0));
    for (k = 0; k < count && used < size; k++) {
        CHECK(r[k].first <= r[k].last && r[k].last < len);
        used += (size_t)snprintf(text + used, size - used, "%s%llu-%llu",
                                 k ? "," : "", (unsigned long long)r[k].first,
                                 (unsigned long long)r[k].last);
    }
    return res;
}

static int gives(const char *s, uint64_t len, const char *want)
{
    char text[512];

    if (parse(s, len, text, sizeof text) != RANGES_SATISFIABLE) {
        printf("# %s: not satisfiable\n", s);
        return 0;
    }
    if (strcmp(text, want) != 0) {
        printf("# %s: %s, expected %s\n", s, text, want);
        return 0;
    }
    return 1;
}

static int ignored(const char *s, uint64_t len)
{
    char text[512];

    return parse(s, len, text, sizeof text) == RANGES_IGNORED;
}

static int unsatisfiable(const char *s, uint64_t len)
{
    char text[512];

    return parse(s, len, text, sizeof text) == RANGES_UNSATISFIABLE;
}

static void one_range_of_each_form(void)
{
    CHECK(gives("bytes=0-4", 10, "0-4"));
    CHECK(gives("bytes=5-", 10, "5-9"));
    CHECK(gives("bytes=-3", 10, "7-9"));
    CHECK(gives("bytes=-30", 10, "0-9"));
    CHECK(gives("bytes=3-3", 10, "3-3"));
    CHECK(gives("bytes=2-99999", 10, "2-9"));
    CHECK(gives("BYTES=0-0", 10, "0-0"));
    CHECK(gives("bytes= 1-2 ", 10, "1-2"));
    CHECK(gives("bytes=0-99999999999999999999999999", 10, "0-9"));
}

static void lists_keep_their_order_and_drop_what_misses(void)
{
    CHECK(gives("bytes=0-1,3-4", 10, "0-1,3-4"));
    CHECK(gives("bytes=5-6, 0-1", 10, "5-6,0-1"));
    CHECK(gives("bytes=0-1 ,\t-2", 10, "0-1,8-9"));
    CHECK(gives("bytes=0-1,20-30", 10, "0-1"));
    CHECK(gives("bytes=-0,2-3", 10, "2-3"));
    CHECK(gives("bytes=,0-1,,", 10, "0-1"));
    CHECK(gives("bytes=0-5,2-8", 10, "0-5,2-8"));
    CHECK(gives("bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,0-0,1-1,"
                "2-2,3-3,4-4,5-5",
                10,
                "0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,0-0,1-1,2-2,3-3,"
                "4-4,5-5"));
}

static void unsatisfiable_sets_are_told_apart(void)
{
    CHECK(unsatisfiable("bytes=10-", 10));
    CHECK(unsatisfiable("bytes=10-20", 10));
    CHECK(unsatisfiable("bytes=-0", 10));
    CHECK(unsatisfiable("bytes=0-0", 0));
    CHECK(unsatisfiable("bytes=-5", 0));
    CHECK(unsatisfiable("bytes=10-11, 12-", 10));
    CHECK(unsatisfiable("bytes=18446744073709551615-", 10));
}

static void malformed_fields_are_ignored(void)
{
    CHECK(ignored(NULL, 10));
    CHECK(ignored("", 10));
    CHECK(ignored("bytes", 10));
    CHECK(ignored("bytes=", 10));
    CHECK(ignored("bytes=,", 10));
    CHECK(ignored("bytes =0-1", 10));
    CHECK(ignored("items=0-4", 10));
    CHECK(ignored("bytes=5-2", 10));
    CHECK(ignored("bytes=a-b", 10));
    CHECK(ignored("bytes=0-1;2-3", 10));
    CHECK(ignored("bytes=0-1 2-3", 10));
    CHECK(ignored("bytes=-", 10));
    CHECK(ignored("bytes=--1", 10));
    CHECK(ignored("bytes=+1-2", 10));
    CHECK(ignored("bytes=0x1-2", 10));
    CHECK(ignored("bytes=0-1,5-2", 10));
    CHECK(ignored("bytes=0-1,x", 10));
    /* More than RANGES_MAX range-specs. */
    CHECK(ignored("bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,0-0,1-1,"
                  "2-2,3-3,4-4,5-5,6-6",
                  10));
}

static void max_limits_the_range_specs(void)
{
    struct byte_range one;
    size_t count = 9;

    CHECK(ranges_parse("bytes=0-1", 9, 10, &one, 1, &count) ==
              RANGES_SATISFIABLE &&
          count == 1 && one.first == 0 && one.last == 1);
    CHECK(ranges_parse("bytes=0-1,3-4", 13, 10, &one, 1, &count) ==
              RANGES_IGNORED &&
          count == 0);
    /* The length given is all that is read: "bytes=0-", to the end. */
    CHECK(ranges_parse("bytes=0-19", 8, 10, &one, 1, &count) ==
              RANGES_SATISFIABLE &&
          one.first == 0 && one.last == 9);
}

/* ---------------------------------------------- through the endpoints */

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

static int status_of(const char *head)
{
    struct response res;
    char text[1024];
    int status;

    snprintf(text, sizeof text, "%s\r\nHost: x\r\n\r\n", head);
    if (answer(text, &res) != 0)
        return -1;
    status = res.status;
    response_free(&res);
    return status;
}

static void preconditions_of_etag(void)
{
    CHECK(status_of("GET /etag/abc HTTP/1.1") == 200);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-None-Match: \"abc\"") ==
          304);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-None-Match: W/\"abc\"") ==
          304);
    CHECK(status_of("HEAD /etag/abc HTTP/1.1\r\nIf-None-Match: *") == 304);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-None-Match: \"x\", "
                    "\"abc\"") == 304);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-None-Match: \"x\"\r\n"
                    "If-None-Match: \"abc\"") == 304);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-None-Match: \"x\"") == 200);
    CHECK(status_of("POST /etag/abc HTTP/1.1\r\nIf-None-Match: \"abc\"") ==
          412);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-Match: \"abc\"") == 200);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-Match: *") == 200);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-Match: W/\"abc\"") == 412);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-Match: \"x\"") == 412);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-Match: abc") == 412);
    /* If-Match first (RFC 9110, Section 13.2.2): 412 before 304. */
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-Match: \"x\"\r\n"
                    "If-None-Match: \"abc\"") == 412);
    /* If-None-Match keeps If-Modified-Since from counting. */
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\nIf-None-Match: \"x\"\r\n"
                    "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT") ==
          200);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\n"
                    "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT") ==
          304);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\n"
                    "If-Modified-Since: Sat, 01 Jan 1994 00:00:00 GMT") ==
          200);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\n"
                    "If-Unmodified-Since: Sat, 01 Jan 1994 00:00:00 GMT") ==
          412);
    CHECK(status_of("GET /etag/abc HTTP/1.1\r\n"
                    "If-Modified-Since: yesterday") == 200);
    CHECK(status_of("GET /etag/a%22b HTTP/1.1") == 200);
}

static void etags_are_bounded(void)
{
    char head[400];

    memset(head, 'e', sizeof head);
    memcpy(head, "GET /etag/", 10);
    memcpy(head + 10 + 256, " HTTP/1.1", 10);
    CHECK(status_of(head) == 200);
    memset(head, 'e', sizeof head);
    memcpy(head, "GET /etag/", 10);
    memcpy(head + 10 + 257, " HTTP/1.1", 10);
    CHECK(status_of(head) == 400);
}

static void ranges_of_range(void)
{
    struct response res;
    size_t n;
    const char *p;

    CHECK(answer("GET /range/30 HTTP/1.1\r\nHost: x\r\n"
                 "Range: bytes=2-4\r\n\r\n",
                 &res) == 0);
    p = response_content(&res, &n);
    CHECK(res.status == 206 && n == 3 && memcmp(p, "cde", 3) == 0);
    response_free(&res);
    CHECK(answer("GET /range/30 HTTP/1.1\r\nHost: x\r\n"
                 "Range: bytes=0-1,-2\r\n\r\n",
                 &res) == 0);
    p = response_content(&res, &n);
    CHECK(res.status == 206 && strstr(p, "\r\n\r\nab\r\n--") != NULL &&
          strstr(p, "Content-Range: bytes 28-29/30\r\n\r\ncd\r\n--") != NULL);
    response_free(&res);
    /* More than the whole: the whole. */
    CHECK(status_of("GET /range/30 HTTP/1.1\r\nRange: bytes=0-29,0-1") == 200);
    CHECK(status_of("GET /range/30 HTTP/1.1\r\nRange: bytes=30-") == 416);
    CHECK(status_of("GET /range/30 HTTP/1.1\r\nRange: bytes=x") == 200);
    CHECK(status_of("HEAD /range/30 HTTP/1.1\r\nRange: bytes=0-1") == 200);
    CHECK(status_of("GET /range/30 HTTP/1.1\r\nRange: bytes=0-1\r\n"
                    "If-Range: \"range30\"") == 206);
    CHECK(status_of("GET /range/30 HTTP/1.1\r\nRange: bytes=0-1\r\n"
                    "If-Range: \"range31\"") == 200);
    CHECK(status_of("GET /range/30 HTTP/1.1\r\nRange: bytes=0-1\r\n"
                    "If-Range: W/\"range30\"") == 200);
    CHECK(status_of("GET /range/30 HTTP/1.1\r\nIf-None-Match: "
                    "\"range30\"") == 304);
    CHECK(status_of("GET /range/0 HTTP/1.1") == 400);
    CHECK(status_of("GET /range/1048577 HTTP/1.1") == 400);
    CHECK(status_of("GET /range/1048576 HTTP/1.1") == 200);
}

/* /sse (streams.c): its generator makes count events, ids 0 to count -
 * 1, in go-httpbin's form; the parameters bound as /drip's. */
static void sse_events_and_bounds(void)
{
    struct response res;
    struct buffer out = {NULL, 0, 0};
    char want[64];
    int more = 1, k = 0;

    CHECK(answer("GET /sse?count=3&duration=1s&delay=250ms HTTP/1.1\r\n"
                 "Host: x\r\n\r\n",
                 &res) == 0);
    CHECK(res.status == 200 && res.gen.next != NULL && res.length == -1);
    CHECK(res.gen.interval_ms == 500 && res.delay_ms == 250);
    while (more > 0 && k < 5) {
        const char *at;
        out.len = 0;
        more = res.gen.next(&res.gen, &out);
        snprintf(want, sizeof want, "event: ping\ndata: {\"id\":%d,", k++);
        CHECK(more >= 0 && out.len > strlen(want) &&
              strncmp(out.data, want, strlen(want)) == 0);
        at = strstr(out.data, "\"timestamp\":");
        /* The wall clock in milliseconds: 13 digits until 2286. */
        CHECK(at != NULL && strlen(at) == 12 + 13 + 3 &&
              strcmp(at + 25, "}\n\n") == 0);
    }
    CHECK(k == 3 && more == 0);
    buffer_free(&out);
    response_free(&res);
    CHECK(answer("GET /sse?count=1 HTTP/1.1\r\nHost: x\r\n\r\n", &res) == 0);
    CHECK(res.status == 200 && res.gen.interval_ms == 0);
    response_free(&res);
    CHECK(answer("GET /sse HTTP/1.1\r\nHost: x\r\n\r\n", &res) == 0);
    CHECK(res.gen.state[1] == 10 && res.gen.interval_ms == 5000 / 9);
    response_free(&res);
    /* 1 MiB over a 56-byte event, as go-httpbin's bound. */
    CHECK(status_of("GET /sse?count=18724 HTTP/1.1") == 200);
    CHECK(status_of("GET /sse?count=18725 HTTP/1.1") == 400);
    CHECK(status_of("GET /sse?count=0 HTTP/1.1") == 400);
    CHECK(status_of("GET /sse?duration=0 HTTP/1.1") == 400);
    CHECK(status_of("GET /sse?duration=1ms HTTP/1.1") == 200);
    CHECK(status_of("GET /sse?duration=5&delay=5 HTTP/1.1") == 200);
    CHECK(status_of("GET /sse?duration=5&delay=5.001 HTTP/1.1") == 400);
    CHECK(status_of("GET /sse?delay=x HTTP/1.1") == 400);
}

void test_ranges(void)
{
    run("ranges: one range of each form, clamped to the representation",
        one_range_of_each_form);
    run("ranges: lists keep their order and drop the ranges that miss",
        lists_keep_their_order_and_drop_what_misses);
    run("ranges: a set that misses everywhere is unsatisfiable",
        unsatisfiable_sets_are_told_apart);
    run("ranges: malformed fields and too many ranges are ignored",
        malformed_fields_are_ignored);
    run("ranges: max bounds the range-specs, and n bounds the reading",
        max_limits_the_range_specs);
    run("ranges: /etag's preconditions in RFC 9110's order",
        preconditions_of_etag);
    run("ranges: /etag takes entity-tags of up to 256 characters",
        etags_are_bounded);
    run("ranges: /range answers 206, multipart, 416 and 304", ranges_of_range);
    run("streams: /sse makes count events in go-httpbin's form, bounded as "
        "/drip",
        sse_events_and_bounds);
}
