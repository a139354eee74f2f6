/* ranges.c: the one Range reader of the server, /range/{n}, and the 206
 * and 416 responses that /range and /etag share (codes.c answers /200
 * and /206 its own way, with this reader).
 *
 *   /range/{n}    n bytes of "abcdefghijklmnopqrstuvwxyz" over and over,
 *                 with Accept-Ranges: bytes and ETag: "range{n}"
 *
 * Decisions:
 *
 *  - n is digits, 1 to the server's --max-body (go-httpbin's bound is its
 *    max body size too); anything else is a 400.
 *  - Range is honoured on GET only: RFC 9110, Section 14.2 defines range
 *    handling for GET alone and has a server ignore Range on the other
 *    methods, HEAD included (go-httpbin answers HEAD and POST with 206).
 *  - A malformed Range is ignored, a 200 (RFC 9110, Section 14.2 lets a
 *    server ignore it; go-httpbin answers 416), as on /200.
 *  - Several ranges get multipart/byteranges, as go-httpbin's Go library
 *    does; ranges that miss are left out, and ranges whose lengths add up
 *    to more than the whole are ignored (a 200), as Go does too.
 *  - The ETag is quoted, "range10", as RFC 9110, Section 8.8.3 has it
 *    (go-httpbin sends range10 bare, which no client can compare), so
 *    If-None-Match, If-Match and If-Range work against it.
 *  - go-httpbin takes no ?chunk_size or ?duration on /range, and neither
 *    does this server. */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "handlers.h"
#include "ranges.h"
#include "server.h"

#define RANGE_TYPE "text/plain; charset=utf-8"

/* Digits at p[*i..n), saturating at UINT64_MAX; 0 when there are none. */
static int parse_u64(const char *p, size_t n, size_t *i, uint64_t *out)
{
    uint64_t v = 0;
    size_t start = *i;

    for (; *i < n && is_digit((unsigned char)p[*i]); (*i)++) {
        unsigned d = (unsigned)(p[*i] - '0');
        v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
    }
    *out = v;
    return *i > start;
}

enum ranges_result ranges_parse(const char *p, size_t n, uint64_t len,
                                struct byte_range *out, size_t max,
                                size_t *count)
{
    size_t i, specs = 0, got = 0;

    *count = 0;
    if (max > RANGES_MAX)
        max = RANGES_MAX;
    if (p == NULL || n < 6 || !eq_nocase(p, 5, "bytes") || p[5] != '=')
        return RANGES_IGNORED;
    i = 6;
    for (;;) {
        uint64_t a, b;

        i = skip_ows(p, n, i);
        if (i < n && p[i] == ',') {
            i++; /* an empty list element */
            continue;
        }
        if (i >= n)
            break;
        if (specs == max)
            return RANGES_IGNORED;
        specs++;
        if (p[i] == '-') {
            i++;
            if (!parse_u64(p, n, &i, &a))
                return RANGES_IGNORED;
            if (a > 0 && len > 0) {
                out[got].first = a >= len ? 0 : len - a;
                out[got++].last = len - 1;
            }
        } else {
            if (!parse_u64(p, n, &i, &a) || i >= n || p[i] != '-')
                return RANGES_IGNORED;
            i++;
            if (parse_u64(p, n, &i, &b)) {
                if (b < a)
                    return RANGES_IGNORED;
            } else {
                b = UINT64_MAX;
            }
            if (a < len) {
                out[got].first = a;
                out[got++].last = b >= len ? len - 1 : b;
            }
        }
        i = skip_ows(p, n, i);
        if (i < n && p[i] != ',')
            return RANGES_IGNORED;
    }
    if (specs == 0)
        return RANGES_IGNORED;
    *count = got;
    return got > 0 ? RANGES_SATISFIABLE : RANGES_UNSATISFIABLE;
}

int ranges_respond(struct exchange *x, const char *type, int honour)
{
    struct response *res = x->res;
    struct byte_range r[RANGES_MAX];
    size_t count = 0, len, k, sum = 0;
    /* The representation: in the body (from its start), or elsewhere. */
    const char *src = response_content(res, &len);
    int in_body = res->content == NULL;
    struct buffer *b = &res->body;
    char boundary[40];
    size_t start;

    if (!honour)
        return 0;
    switch (ranges_parse(x->req->range.p, x->req->range.n, len, r, RANGES_MAX,
                         &count)) {
    case RANGES_IGNORED:
        return 0;
    case RANGES_UNSATISFIABLE:
        respond_error(res, x->req, 416,
                      "No range of the Range field overlaps the "
                      "representation: the Content-Range field gives its "
                      "length.\n");
        response_add(res, "Accept-Ranges", "bytes");
        response_addf(res, "Content-Range", "bytes */%zu", len);
        return 0;
    case RANGES_SATISFIABLE:
        break;
    }
    for (k = 0; k < count; k++)
        sum += (size_t)(r[k].last - r[k].first + 1);
    if (sum > len)
        return 0; /* more than the whole: the whole, as Go does */
    res->status = 206;
    if (count == 1) {
        size_t first = (size_t)r[0].first, n = (size_t)sum;
        response_addf(res, "Content-Range", "bytes %zu-%zu/%zu", first,
                      (size_t)r[0].last, len);
        if (in_body) {
            memmove(b->data, b->data + first, n);
            b->len = n;
            b->data[n] = '\0';
        } else {
            res->content = src + first;
            res->content_len = n;
        }
        return 0;
    }
    snprintf(boundary, sizeof boundary, "httpstatus-%016llx",
             (unsigned long long)rng_next(x->rng));
    /* The parts go after the whole representation in the same buffer,
     * then move to its start: offsets, since the buffer may move. */
    start = b->len;
    if (!in_body)
        start = b->len = 0;
    for (k = 0; k < count; k++) {
        int e = buffer_printf(b,
                              "--%s\r\nContent-Type: %s\r\n"
                              "Content-Range: bytes %zu-%zu/%zu\r\n\r\n",
                              boundary, type, (size_t)r[k].first,
                              (size_t)r[k].last, len);
        size_t n = (size_t)(r[k].last - r[k].first + 1);
        if (e == 0)
            e = buffer_reserve(b, n + 2);
        if (e != 0)
            return -1;
        if (in_body)
            src = b->data; /* the representation is at its start */
        e = buffer_append(b, src + r[k].first, n);
        e |= buffer_append(b, "\r\n", 2);
        if (e != 0)
            return -1;
    }
    if (buffer_printf(b, "--%s--\r\n", boundary) != 0)
        return -1;
    if (start > 0) {
        memmove(b->data, b->data + start, b->len - start);
        b->len -= start;
        b->data[b->len] = '\0';
    }
    res->content = NULL;
    res->content_len = 0;
    response_remove(res, "Content-Type", strlen("Content-Type"));
    response_addf(res, "Content-Type", "multipart/byteranges; boundary=%s",
                  boundary);
    return 0;
}

int handle_range(struct exchange *x)
{
    struct response *res = x->res;
    struct buffer *b = &res->body;
    unsigned n, max = x->opt->max_body > 0xffffffffu
                          ? 0xffffffffu
                          : (unsigned)x->opt->max_body;
    char etag[32];
    int pre;
    size_t i;

    if (parse_bounded(x->arg[0].p, x->arg[0].n, max, &n) != 0 || n == 0) {
        refuse_request(x,
                       "/range/{n} takes a number of bytes, digits only, "
                       "from 1 to %u (the server's --max-body).",
                       max);
        return 0;
    }
    snprintf(etag, sizeof etag, "\"range%u\"", n);
    pre = preconditions(x, etag, -1);
    response_add(res, "Accept-Ranges", "bytes");
    response_add(res, "ETag", etag);
    if (pre != 0) {
        res->status = pre;
        return 0;
    }
    b->len = 0;
    if (buffer_reserve(b, n) != 0)
        return -1;
    for (i = 0; i < n; i++)
        b->data[i] = (char)('a' + i % 26);
    b->len = n;
    b->data[n] = '\0';
    response_add(res, "Content-Type", RANGE_TYPE);
    return ranges_respond(x, RANGE_TYPE, range_honoured(x, etag, -1));
}
