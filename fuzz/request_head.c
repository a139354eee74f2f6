/*
 * request_head.c: libFuzzer target for request_parse(), the request-head
 * parser of `httpstatus serve` (server/request.c).
 *
 * Input: the bytes received for one request, as they are. A split point
 * is derived from them (hash_bytes()).
 *
 * What is checked, every check a CHECK:
 *  - one shot, on a copy of exactly the input's size: the result is > 0,
 *    0, or one of -400, -414, -417, -431, -501, -505, and the same twice;
 *  - a positive result is <= len and the head it measures ends with
 *    "\r\n\r\n"; the request's slices then lie inside the head, the
 *    method is one the server knows (is_head and is_options agree with
 *    it), minor is 0 or 1, the path starts with '/' or is "*" (for
 *    OPTIONS only), the query follows a '?' of the target,
 *    content_length >= -1, never both chunked and a Content-Length,
 *    chunked only in HTTP/1.1 and HTTP/1.1 only with a Host;
 *  - incrementally, the same struct request_parser called again with the
 *    growing buffer: split in two at the derived point (each part in a
 *    buffer of exactly the size passed, so that ASan sees a read past
 *    it), and, for inputs up to BYTEWISE_MAX bytes, one byte at a time
 *    (the bytes not yet "received" hold LFs, which a read past the
 *    length given would trip over). A nonzero result on a prefix is the
 *    one-shot result, and so is the result on the whole; a request
 *    filled incrementally equals the one-shot one, field by field;
 *    parser->scanned never decreases and never exceeds the length given.
 *
 * As server.h says, a target with no path of its own ("http://h",
 * CONNECT's "host:port") gets the path "/" from a constant, outside the
 * buffer.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "server.h"

#define BYTEWISE_MAX 2048

static const char *const known_methods[] = {
    "GET",     "HEAD",    "POST",  "PUT",   "DELETE",
    "CONNECT", "OPTIONS", "TRACE", "PATCH",
};

static int is_known_result(int r)
{
    return r >= 0 || r == -400 || r == -414 || r == -417 || r == -431 ||
           r == -501 || r == -505;
}

static int slice_is(struct slice s, const char *word)
{
    size_t n = strlen(word);

    return s.p != NULL && s.n == n && memcmp(s.p, word, n) == 0;
}

/* s is absent (p NULL, n 0) or lies inside buf[0..len). */
static int slice_inside(struct slice s, const char *buf, size_t len)
{
    uintptr_t p = (uintptr_t)s.p, b = (uintptr_t)buf;

    if (s.p == NULL)
        return s.n == 0;
    return p >= b && p - b <= len && s.n <= len - (size_t)(p - b);
}

/* The known exception: a path of "/" that is not in the buffer, for a
 * target that does not start with '/' (absolute-form without a path, or
 * CONNECT's authority-form). */
static int literal_root_path(const struct request *req)
{
    return req->path.n == 1 && req->path.p[0] == '/' &&
           req->target.p != NULL && req->target.n > 0 &&
           req->target.p[0] != '/';
}

static void check_request(const struct request *req, const char *buf,
                          size_t head)
{
    size_t i;
    int known = 0;

    CHECK(req->method.p != NULL && req->target.p != NULL &&
          req->path.p != NULL);
    CHECK(slice_inside(req->method, buf, head));
    CHECK(slice_inside(req->target, buf, head));
    CHECK(slice_inside(req->path, buf, head) || literal_root_path(req));
    CHECK(slice_inside(req->query, buf, head));
    CHECK(slice_inside(req->host, buf, head));
    CHECK(slice_inside(req->accept, buf, head));
    CHECK(slice_inside(req->range, buf, head));
    CHECK(slice_inside(req->if_range, buf, head));
    CHECK(slice_inside(req->if_none_match, buf, head));
    CHECK(slice_inside(req->origin, buf, head));
    CHECK(slice_inside(req->access_control_request_method, buf, head));
    CHECK(slice_inside(req->user_agent, buf, head));
    CHECK(slice_inside(req->referer, buf, head));

    for (i = 0; i < sizeof known_methods / sizeof known_methods[0]; i++)
        if (slice_is(req->method, known_methods[i]))
            known = 1;
    CHECK(known);
    CHECK(req->is_head == slice_is(req->method, "HEAD"));
    CHECK(req->is_options == slice_is(req->method, "OPTIONS"));
    CHECK(req->minor == 0 || req->minor == 1);

    CHECK(req->path.n > 0);
    CHECK(req->path.p[0] == '/' || slice_is(req->path, "*"));
    if (slice_is(req->path, "*"))
        CHECK(req->is_options && slice_is(req->target, "*"));
    if (req->query.p != NULL) {
        CHECK(req->query.p > req->target.p && req->query.p[-1] == '?' &&
              req->query.p + req->query.n == req->target.p + req->target.n);
    }

    CHECK(req->content_length >= -1);
    CHECK(!(req->chunked && req->content_length >= 0));
    if (req->chunked)
        CHECK(req->minor == 1);
    if (req->minor == 1)
        CHECK(req->host.p != NULL);
    CHECK(req->is_head == 0 || req->is_head == 1);
    CHECK(req->keep_alive == 0 || req->keep_alive == 1);
    CHECK(req->expect_continue == 0 || req->expect_continue == 1);
    CHECK(req->chunked == 0 || req->chunked == 1);
    CHECK(req->upgrade == 0 || req->upgrade == 1);
}

/* a and b, filled from buffers holding the same bytes at a and b. */
static int same_slice(struct slice x, const char *a, struct slice y,
                      const char *b)
{
    if (x.p == NULL || y.p == NULL)
        return x.p == y.p && x.n == y.n;
    if (x.n != y.n)
        return 0;
    /* A literal "/" path (see literal_root_path()) is the same in both. */
    if ((uintptr_t)x.p - (uintptr_t)a != (uintptr_t)y.p - (uintptr_t)b)
        return x.p == y.p;
    return 1;
}

static void check_same_request(const struct request *x, const char *a,
                               const struct request *y, const char *b)
{
    CHECK(same_slice(x->method, a, y->method, b));
    CHECK(same_slice(x->target, a, y->target, b));
    CHECK(same_slice(x->path, a, y->path, b));
    CHECK(same_slice(x->query, a, y->query, b));
    CHECK(same_slice(x->host, a, y->host, b));
    CHECK(same_slice(x->accept, a, y->accept, b));
    CHECK(same_slice(x->range, a, y->range, b));
    CHECK(same_slice(x->if_range, a, y->if_range, b));
    CHECK(same_slice(x->if_none_match, a, y->if_none_match, b));
    CHECK(same_slice(x->origin, a, y->origin, b));
    CHECK(same_slice(x->access_control_request_method, a,
                     y->access_control_request_method, b));
    CHECK(same_slice(x->user_agent, a, y->user_agent, b));
    CHECK(same_slice(x->referer, a, y->referer, b));
    CHECK(x->minor == y->minor);
    CHECK(x->is_head == y->is_head);
    CHECK(x->is_options == y->is_options);
    CHECK(x->keep_alive == y->keep_alive);
    CHECK(x->expect_continue == y->expect_continue);
    CHECK(x->chunked == y->chunked);
    CHECK(x->content_length == y->content_length);
    CHECK(x->upgrade == y->upgrade);
}

/* The result r on a prefix is consistent with one_shot, the result on the
 * whole input: a prefix may need more, or say what the whole says. */
static void check_prefix_result(int r, int one_shot)
{
    CHECK(is_known_result(r));
    if (r == 0)
        return;
    CHECK(r == one_shot);
}

/* One call of the incremental parse, with the invariants of scanned. */
static int parse_more(struct request_parser *parser, const char *buf, size_t k,
                      struct request *req)
{
    size_t before = parser->scanned;
    int r = request_parse(parser, buf, k, req);

    CHECK(parser->scanned >= before);
    CHECK(parser->scanned <= k);
    CHECK(r <= 0 || (size_t)r <= k);
    return r;
}

/* The input in two pieces, each in a buffer of exactly its size. */
static void check_split(const uint8_t *data, size_t len, size_t k,
                        int one_shot, const struct request *want,
                        const char *want_buf)
{
    struct request_parser parser;
    struct request req;
    char *first = copy_of(data, k), *whole;
    const char *base = first;
    int r;

    memset(&parser, 0, sizeof parser);
    r = parse_more(&parser, first, k, &req);
    whole = copy_of(data, len);
    if (r == 0 && k < len) {
        r = parse_more(&parser, whole, len, &req);
        base = whole;
    }
    check_prefix_result(r, one_shot);
    if (r == 0)
        CHECK(one_shot == 0);
    if (r > 0)
        check_same_request(&req, base, want, want_buf);
    free(first);
    free(whole);
}

/* The input arriving one byte at a time; what has not arrived yet is LFs.
 */
static void check_bytewise(const uint8_t *data, size_t len, int one_shot,
                           const struct request *want, const char *want_buf)
{
    struct request_parser parser;
    struct request req;
    char *buf;
    size_t k;
    int r = 0;

    if (len == 0)
        return;
    buf = copy_of(data, len);
    memset(buf, '\n', len);
    memset(&parser, 0, sizeof parser);
    for (k = 1; k <= len && r == 0; k++) {
        buf[k - 1] = (char)data[k - 1];
        r = parse_more(&parser, buf, k, &req);
        check_prefix_result(r, one_shot);
    }
    if (r == 0)
        CHECK(one_shot == 0);
    if (r > 0) {
        memcpy(buf, data, len);
        check_same_request(&req, buf, want, want_buf);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct request_parser parser;
    struct request req, again;
    char *buf = copy_of(data, size);
    uint32_t h = hash_bytes(data, size);
    int r, r2;

    memset(&parser, 0, sizeof parser);
    r = parse_more(&parser, buf, size, &req);
    CHECK(is_known_result(r));
    if (r > 0) {
        CHECK((size_t)r >= 4 && memcmp(buf + r - 4, "\r\n\r\n", 4) == 0);
        check_request(&req, buf, (size_t)r);
    }

    memset(&parser, 0, sizeof parser);
    r2 = parse_more(&parser, buf, size, &again);
    CHECK(r2 == r);
    if (r > 0)
        check_same_request(&again, buf, &req, buf);

    check_split(data, size, size > 0 ? h % (size + 1) : 0, r, &req, buf);
    if (size <= BYTEWISE_MAX)
        check_bytewise(data, size, r, &req, buf);

    free(buf);
    return 0;
}
