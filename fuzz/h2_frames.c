/*
 * h2_frames.c: libFuzzer target for the HTTP/2 module (server/h2.c): a
 * server connection, answering through the real route table, fed the
 * client's connection preface and an empty SETTINGS, then the input as
 * frames (or anything else).
 *
 * The input goes in pieces whose sizes come from hash_bytes(), the
 * clock moving on between them, and the output is taken after each.
 * Generated content is handed over whole at once.
 *
 * What is checked, every check a CHECK:
 *  - no crash, leak or undefined behaviour (the sanitizers);
 *  - h2_conn_feed() and h2_conn_output() never fail (no allocation fails
 *    here);
 *  - the output is bounded: at most 64 KiB, plus 256 bytes an input
 *    byte, plus 128 KiB a request answered (the largest response the
 *    route table makes whole is /bytes' 100 KiB);
 *  - once h2_conn_want_close() says so, it stays so.
 *
 * Built without nghttp2, the target accepts every input and does
 * nothing.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "h2.h"
#include "server.h"

#ifdef HTTPSTATUS_HAVE_NGHTTP2

#define NOW 784111777LL

static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
                              "\x00\x00\x00\x04\x00\x00\x00\x00\x00";

struct run {
    struct h2_conn *conn;
    size_t requests;
    uint64_t rng;
};

static int on_request(void *user, int32_t id, const struct request *req)
{
    static const struct serve_options opt = {1000, 1u << 16, NULL, NULL};
    struct run *r = user;
    struct response res;
    struct buffer piece = {NULL, 0, 0};
    int rc, more;

    r->requests++;
    memset(&res.body, 0, sizeof res.body);
    memset(&res.pieces, 0, sizeof res.pieces);
    if (route_respond(req, &opt, NOW, &r->rng, &res) != 0) {
        response_free(&res);
        return -1;
    }
    /* As serve does: a fault that reframes a stream wants it whole. */
    if (fault_reframes(res.fault.kind) && response_gather(&res) != 0) {
        response_free(&res);
        return -1;
    }
    rc = h2_conn_respond(r->conn, id, &res, NOW);
    CHECK(rc >= -1 && rc <= (H2_PIECES | H2_PACED));
    if (rc > 0 && (rc & H2_PACED)) {
        uint64_t next;
        CHECK(h2_conn_stream_pace(r->conn, id, UINT64_MAX, &next) == 0);
    }
    if (rc > 0 && (rc & H2_PIECES)) {
        do {
            piece.len = 0;
            more = res.gen.next(&res.gen, &piece);
            CHECK(more >= 0);
            CHECK(h2_conn_stream_piece(r->conn, id, piece.data, piece.len,
                                       more == 0) == 0);
        } while (more == 1);
        buffer_free(&piece);
    }
    response_free(&res);
    return 0;
}

static void on_closed(void *user, int32_t id)
{
    (void)user;
    CHECK(id > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct h2_callbacks cb = {on_request, on_closed};
    struct run r;
    struct buffer out = {NULL, 0, 0};
    struct h2_limits l;
    uint32_t h = hash_bytes(data, size);
    size_t at = 0, total = 0;
    long long now = 0;
    int closing = 0;
    char *copy = copy_of(data, size);

    memset(&r, 0, sizeof r);
    r.rng = h | 1;
    h2_limits_default(&l);
    l.max_body = 1u << 16;
    r.conn = h2_conn_new(&l, &cb, &r);
    CHECK(r.conn != NULL);
    CHECK(h2_conn_feed(r.conn, preface, sizeof preface - 1, now) == 0);
    while (at < size) {
        size_t n = 1 + h % 4096;
        long m;
        if (n > size - at)
            n = size - at;
        CHECK(h2_conn_feed(r.conn, copy + at, n, now) == 0);
        at += n;
        h = h * 16777619u + (uint32_t)n;
        now += h % 50;
        out.len = 0;
        m = h2_conn_output(r.conn, &out, 1u << 20);
        CHECK(m >= 0 && (size_t)m == out.len);
        total += out.len;
        if (closing)
            CHECK(h2_conn_want_close(r.conn));
        closing = h2_conn_want_close(r.conn);
    }
    out.len = 0;
    CHECK(h2_conn_output(r.conn, &out, 1u << 20) >= 0);
    total += out.len;
    CHECK(total <= 65536 + 256 * size + 131072 * r.requests);
    buffer_free(&out);
    h2_conn_free(r.conn);
    free(copy);
    return 0;
}

#else

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}

#endif
