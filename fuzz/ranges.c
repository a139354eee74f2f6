/*
 * ranges.c: libFuzzer target for the Range reader of `httpstatus serve`
 * (server/ranges.c, ranges_parse()) and for /range/{n}, which answers
 * with it.
 *
 * Input: a byte that chooses the representation's length (0 to 255, or
 * a large one for 0xff), then the Range field value, in a buffer of
 * exactly its size.
 *
 * What is checked, every check a CHECK:
 *  - with any max from 0 to RANGES_MAX: SATISFIABLE has 1 to max ranges,
 *    each with first <= last < length; IGNORED and UNSATISFIABLE have
 *    none; and the result for a smaller max is the same, or IGNORED;
 *  - the ranges written back as "bytes=a-b,c-d" read back as the same
 *    ranges;
 *  - a field without "bytes=" (any case) at its start is IGNORED;
 *  - when the value can be a field (visible ASCII, SP and HTAB only),
 *    GET /range/{length} with it answers 200 (the whole), 206 (one range,
 *    with a Content-Range that agrees with the reader, and those bytes;
 *    or several, multipart/byteranges) or 416 (Content-Range bytes
 *    * / length), as the reader says.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "handlers.h"
#include "ranges.h"
#include "server.h"

#define BIG_LENGTH  UINT64_C(0xfffffffffffff)
#define VALUE_MAX   4096
#define SITE_LENGTH 300

static const struct serve_options options = {1000u, 1u << 20, NULL, NULL};

static void check_result(enum ranges_result r, const struct byte_range *out,
                         size_t count, size_t max, uint64_t len)
{
    size_t k;

    if (r != RANGES_SATISFIABLE) {
        CHECK(r == RANGES_IGNORED || r == RANGES_UNSATISFIABLE);
        CHECK(count == 0);
        return;
    }
    CHECK(count >= 1 && count <= max);
    for (k = 0; k < count; k++)
        CHECK(out[k].first <= out[k].last && out[k].last < len);
}

/* The ranges as a field value, read again. */
static void round_trip(const struct byte_range *out, size_t count,
                       uint64_t len)
{
    char text[RANGES_MAX * 44 + 8];
    struct byte_range again[RANGES_MAX];
    size_t used, k, n;

    used = (size_t)snprintf(text, sizeof text, "bytes=");
    for (k = 0; k < count; k++)
        used += (size_t)snprintf(
            text + used, sizeof text - used, "%s%llu-%llu", k ? "," : "",
            (unsigned long long)out[k].first, (unsigned long long)out[k].last);
    CHECK(used < sizeof text);
    CHECK(ranges_parse(text, used, len, again, RANGES_MAX, &n) ==
          RANGES_SATISFIABLE);
    CHECK(n == count);
    for (k = 0; k < count; k++)
        CHECK(again[k].first == out[k].first && again[k].last == out[k].last);
}

static int field_ok(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (!(ch == ' ' || ch == '\t' || (ch >= 0x21 && ch <= 0x7e)))
            return 0;
    }
    /* request_parse() strips spaces around a value: keep none. */
    return n > 0 && p[0] != ' ' && p[0] != '\t' && p[n - 1] != ' ' &&
           p[n - 1] != '\t';
}

/* GET /range/{len} with Range: p[0..n), against the reader's word. */
static void through_the_endpoint(const char *p, size_t n, uint64_t len)
{
    static char head[VALUE_MAX + 128];
    struct request_parser parser;
    struct request req;
    struct response res;
    struct byte_range r[RANGES_MAX];
    enum ranges_result want;
    size_t count, clen;
    const char *content;
    const struct field *f;
    uint64_t rng = 1;
    int used;

    if (len == 0 || len > SITE_LENGTH || !field_ok(p, n))
        return;
    used =
        snprintf(head, sizeof head,
                 "GET /range/%llu HTTP/1.1\r\nHost: x\r\nRange: %.*s\r\n\r\n",
                 (unsigned long long)len, (int)n, p);
    CHECK(used > 0 && (size_t)used < sizeof head);
    memset(&parser, 0, sizeof parser);
    if (request_parse(&parser, head, (size_t)used, &req) <= 0)
        return;
    memset(&res, 0, sizeof res);
    CHECK(route_respond(&req, &options, 0, &rng, &res) == 0);
    CHECK(!res.failed);
    want = ranges_parse(p, n, len, r, RANGES_MAX, &count);
    content = response_content(&res, &clen);
    f = response_find(&res, "Content-Range");
    if (want == RANGES_UNSATISFIABLE) {
        char expect[40];
        snprintf(expect, sizeof expect, "bytes */%llu",
                 (unsigned long long)len);
        CHECK(res.status == 416 && f != NULL &&
              f->value_len == strlen(expect) &&
              memcmp(res.text + f->value, expect, f->value_len) == 0);
    } else if (res.status == 206 && count == 1) {
        char expect[80];
        size_t k;
        snprintf(expect, sizeof expect, "bytes %llu-%llu/%llu",
                 (unsigned long long)r[0].first, (unsigned long long)r[0].last,
                 (unsigned long long)len);
        CHECK(f != NULL && f->value_len == strlen(expect) &&
              memcmp(res.text + f->value, expect, f->value_len) == 0);
        CHECK(clen == r[0].last - r[0].first + 1);
        for (k = 0; k < clen; k++)
            CHECK(content[k] == (char)('a' + (r[0].first + k) % 26));
    } else if (res.status == 206) {
        CHECK(want == RANGES_SATISFIABLE && count > 1 && f == NULL);
        f = response_find(&res, "Content-Type");
        CHECK(f != NULL && f->value_len > 31 &&
              memcmp(res.text + f->value,
                     "multipart/byteranges; boundary=", 31) == 0);
    } else {
        uint64_t sum = 0;
        size_t k;
        for (k = 0; k < count; k++)
            sum += r[k].last - r[k].first + 1;
        CHECK(res.status == 200 && clen == len);
        CHECK(want == RANGES_IGNORED || sum > len);
    }
    response_free(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct byte_range out[RANGES_MAX];
    enum ranges_result full, r;
    size_t count, max, n;
    uint64_t len;
    char *p;

    if (size == 0)
        return 0;
    len = data[0] == 0xff ? BIG_LENGTH : data[0];
    n = size - 1;
    if (n > VALUE_MAX)
        n = VALUE_MAX;
    if (n == 0)
        return 0;
    p = copy_of(data + 1, n);

    full = ranges_parse(p, n, len, out, RANGES_MAX, &count);
    check_result(full, out, count, RANGES_MAX, len);
    if (full == RANGES_SATISFIABLE)
        round_trip(out, count, len);
    if (n < 6 || data[6] != '=')
        CHECK(full == RANGES_IGNORED);
    for (max = 0; max < RANGES_MAX; max++) {
        r = ranges_parse(p, n, len, out, max, &count);
        check_result(r, out, count, max, len);
        CHECK(r == full || r == RANGES_IGNORED);
    }
    through_the_endpoint(p, n, len);
    free(p);
    return 0;
}
