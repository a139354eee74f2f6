/* h2.h: HTTP/2 (RFC 9113) for `httpstatus serve`, on nghttp2.
 *
 * A connection's protocol state without its transport: the caller feeds
 * the bytes it reads (h2_conn_feed()) and sends the bytes it is given
 * (h2_conn_output()), over TCP or TLS, with its own timers. Every
 * complete request becomes a struct request, checked by request_parse()
 * as an HTTP/1.1 head would be, and goes to the caller's on_request();
 * the caller answers it with a struct response, at once or later
 * (h2_conn_respond()), generated content a piece at a time
 * (h2_conn_stream_piece()). Streams go on side by side: one that waits
 * holds up no other.
 *
 * Built without nghttp2 (HTTPSTATUS_HAVE_NGHTTP2 undefined), none of
 * this exists. */
#ifndef HTTPSTATUS_H2_H
#define HTTPSTATUS_H2_H

#ifdef HTTPSTATUS_HAVE_NGHTTP2

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "server.h"

/* What one connection may use and what it tolerates. h2_limits_default()
 * fills in the defaults (in brackets); a field of 0 means its default.
 *
 * The abuse counts (RFC 9113, Section 10.5) are per connection, over a
 * sliding window of abuse_window_ms of the caller's clock (the now_ms it
 * passes to h2_conn_feed()). Past one of them the connection ends with
 * GOAWAY ENHANCE_YOUR_CALM. */
struct h2_limits {
    uint32_t
        max_concurrent_streams; /* SETTINGS_MAX_CONCURRENT_STREAMS [100] */
    uint32_t max_header_list;   /* SETTINGS_MAX_HEADER_LIST_SIZE, as
                                   RFC 9113 counts it [REQUEST_HEAD_MAX];
                                   a longer one gets 431 */
    uint32_t header_table_size; /* SETTINGS_HEADER_TABLE_SIZE [4096] */
    uint32_t initial_window;    /* SETTINGS_INITIAL_WINDOW_SIZE [65535] */
    size_t max_body;            /* a longer request body gets 413
                                   [BODY_MAX_DEFAULT] */
    size_t body_budget;         /* request bodies held at once, all
                                   streams together; past it, flow
                                   control holds the client back
                                   [4 * max_body] */
    unsigned abuse_window_ms;   /* [10000] */
    unsigned max_resets;        /* streams the client resets before their
                                   response is sent (rapid reset) [400] */
    unsigned max_pings;         /* PING frames [100] */
    unsigned max_settings;      /* SETTINGS frames, ACKs not counted [100] */
    unsigned max_empty_data;    /* DATA frames with neither content nor
                                   END_STREAM [100] */
    unsigned max_continuations; /* CONTINUATION frames in one header
                                   block (not windowed) [8] */
};

void h2_limits_default(struct h2_limits *l);

/* The caller's side. on_request() gets each complete request: req, its
 * slices and its body are valid only during the call, so the caller
 * builds its response there (route_respond()) and keeps that. It
 * returns 0, or -1 to reset the stream (INTERNAL_ERROR).
 * on_stream_closed() says that a stream given to on_request() is gone
 * before its response was all handed over (the client reset it, or the
 * connection is ending): the caller drops what it holds for it (timers,
 * a response waiting). Either may be NULL. */
struct h2_callbacks {
    int (*on_request)(void *user, int32_t stream_id,
                      const struct request *req);
    void (*on_stream_closed)(void *user, int32_t stream_id);
};

struct h2_conn;

/* A new server connection (NULL when out of memory). limits may be
 * NULL for the defaults; they and cb are copied. The server's SETTINGS
 * are queued at once: h2_conn_output() has them. */
struct h2_conn *h2_conn_new(const struct h2_limits *limits,
                            const struct h2_callbacks *cb, void *user);

void h2_conn_free(struct h2_conn *c);

/* The client's address for req->peer ("127.0.0.1:40312"); copied, at
 * most 63 bytes. */
void h2_conn_set_peer(struct h2_conn *c, const char *peer, size_t n);

/* For h2c by Upgrade (RFC 7540, Section 3.2): the first request came as
 * HTTP/1.1 with Upgrade: h2c and HTTP2-Settings, whose value decoded
 * from base64url is settings[0..n). It becomes stream 1, half closed by
 * the client; the caller answers it with h2_conn_respond(c, 1, ...)
 * (head says it was a HEAD) after its 101, and feeds the bytes after the
 * request, the client's connection preface first. Call it before any
 * feed. Returns 0, or -1 when the settings are malformed (answer 400
 * over HTTP/1.1 then) or memory ran out. */
int h2_conn_upgrade(struct h2_conn *c, const char *settings, size_t n,
                    int head);

/* Reads p[0..n), bytes from the client, its connection preface first;
 * now_ms is the caller's monotonic clock, for the abuse counts. Calls
 * on_request() and on_stream_closed() from within. Returns 0, or -1 when
 * out of memory (close the connection). A protocol error or abuse queues
 * GOAWAY instead, and input after it is ignored. */
int h2_conn_feed(struct h2_conn *c, const char *p, size_t n, long long now_ms);

/* Appends to out the bytes to send, until nothing is left or out has
 * grown by at least max bytes (a frame may pass it by up to 16 KiB).
 * Returns how many it appended, or -1 when out of memory. */
long h2_conn_output(struct h2_conn *c, struct buffer *out, size_t max);

/* 1 when the connection has nothing left to do: GOAWAY went out (or the
 * client's arrived) and no stream is left, and nothing is left to send.
 * The caller then closes (after sending what output gave it). */
int h2_conn_want_close(const struct h2_conn *c);

/* Answers stream_id with res, the response to the request on_request()
 * gave for it, at now (seconds since 1970, for Date): its interim
 * responses as HEADERS without END_STREAM, then the final HEADERS with
 * :status, date and server unless res has them, its fields with
 * lower-case names (those HTTP/2 forbids, connection and the like, are
 * left out), content-length where HTTP/1.1 would send Content-Length
 * (http1_write()'s rules: none on 1xx, 204 and 304, 0 on 205, the
 * length of generated content when known, HEAD keeping GET's), and the
 * content as DATA, none for HEAD, 204, 205 and 304. res->delay_ms,
 * res->close and the fault are the caller's: they are ignored here. The
 * content is copied (but for res->content, which outlives res anyway).
 * A response with a 103 (and no generator) goes out only once the client
 * has acknowledged a PING sent for it, one round trip later, so that a
 * browser is ready for the 103 when it reads it (h2.c says why); it is
 * copied and held until then, and counts as answered in full.
 *
 * Returns 1 when res has a generator whose pieces the caller now hands
 * over with h2_conn_stream_piece(), 0 when the response is complete, -1
 * when stream_id is not waiting for a response (reset meanwhile, or
 * answered already) or memory ran out. */
int h2_conn_respond(struct h2_conn *c, int32_t stream_id,
                    const struct response *res, long long now);

/* The next piece of a generated response's content, last set on the
 * last one (which may be empty). Returns 0, or -1 when the stream is not
 * taking pieces (reset, or its last piece given) or out of memory. */
int h2_conn_stream_piece(struct h2_conn *c, int32_t stream_id, const char *p,
                         size_t n, int last);

/* Bytes of stream_id's content waiting for the client's flow-control
 * window (0 for an unknown stream): a caller that makes pieces stops
 * while this is large. */
size_t h2_conn_stream_pending(const struct h2_conn *c, int32_t stream_id);

/* A graceful end, for a server that stops: GOAWAY NO_ERROR naming the
 * last stream received; the open streams finish; no new ones start. */
void h2_conn_goaway(struct h2_conn *c);

#endif /* HTTPSTATUS_HAVE_NGHTTP2 */
#endif
