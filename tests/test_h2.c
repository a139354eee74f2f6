/* test_h2.c: the HTTP/2 module (server/h2.c) against an nghttp2 client
 * session in memory, the real route table answering, and raw frames for
 * what no well-behaved client sends. Built without nghttp2, it says the
 * tests were skipped. */
#include <stdio.h>

#include "harness.h"

#ifndef HTTPSTATUS_HAVE_NGHTTP2

void test_h2(void)
{
    printf("# skip: test_h2: a build without HTTP/2 (nghttp2 not found)\n");
}

#else

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nghttp2/nghttp2.h>

#include "h2.h"
#include "server.h"

#define NOW         784111777LL
#define STREAMS_MAX 1100
#define EVENTS_MAX  256

static const struct serve_options options = {10000, 1u << 20, NULL, NULL};
static uint64_t rng = 7;

/* What the client saw on one stream. */
struct seen {
    char events[EVENTS_MAX]; /* "H103 H200 D D E": heads, DATA, end */
    size_t nevents;
    int status;           /* the last :status */
    struct buffer fields; /* "name: value\n" of every head */
    struct buffer body;
    int closed;
    uint32_t rst; /* the RST_STREAM code received, or ~0u */
};

/* Requests the server side recorded, to answer later. */
struct later {
    int32_t id;
    struct response *res;
};

struct pair {
    nghttp2_session *client;
    struct h2_conn *server;
    struct seen seen[STREAMS_MAX];
    int goaway;
    uint32_t goaway_code;
    long long now_ms;
    /* The server's behaviour: answer in on_request() (0), or record. */
    int record;
    struct later later[STREAMS_MAX];
    size_t nlater;
    int closed_reported;
    int32_t closed_ids[STREAMS_MAX];
    int requests;
    /* The client: credit DATA back at once (0), or leave it to the test. */
    int hold_window;
    size_t received_unconsumed;
};

static struct pair *the;

static struct seen *seen_of(struct pair *t, int32_t id)
{
    if (id <= 0 || id / 2 >= STREAMS_MAX)
        return NULL;
    return &t->seen[id / 2];
}

static void event(struct seen *s, const char *e)
{
    size_t n = strlen(e);

    if (s->nevents + n + 1 < EVENTS_MAX) {
        memcpy(s->events + s->nevents, e, n);
        s->nevents += n;
        s->events[s->nevents++] = ' ';
        s->events[s->nevents] = '\0';
    }
}

/* ---------------------------------------------------------- the client */

static int c_on_header(nghttp2_session *session, const nghttp2_frame *frame,
                       const uint8_t *name, size_t namelen,
                       const uint8_t *value, size_t valuelen, uint8_t flags,
                       void *user)
{
    struct seen *s = seen_of(user, frame->hd.stream_id);

    (void)session;
    (void)flags;
    if (s == NULL)
        return 0;
    if (namelen == 7 && memcmp(name, ":status", 7) == 0)
        s->status = atoi((const char *)value);
    buffer_append(&s->fields, name, namelen);
    buffer_append(&s->fields, ": ", 2);
    buffer_append(&s->fields, value, valuelen);
    buffer_append(&s->fields, "\n", 1);
    return 0;
}

static int c_on_frame_recv(nghttp2_session *session,
                           const nghttp2_frame *frame, void *user)
{
    struct pair *t = user;
    struct seen *s = seen_of(t, frame->hd.stream_id);
    char e[16];

    (void)session;
    if (frame->hd.type == NGHTTP2_GOAWAY) {
        t->goaway = 1;
        t->goaway_code = frame->goaway.error_code;
        return 0;
    }
    if (s == NULL)
        return 0;
    if (frame->hd.type == NGHTTP2_HEADERS) {
        snprintf(e, sizeof e, "H%d", s->status);
        event(s, e);
    } else if (frame->hd.type == NGHTTP2_DATA) {
        event(s, "D");
    } else if (frame->hd.type == NGHTTP2_RST_STREAM) {
        s->rst = frame->rst_stream.error_code;
    }
    if ((frame->hd.type == NGHTTP2_HEADERS ||
         frame->hd.type == NGHTTP2_DATA) &&
        (frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
        event(s, "E");
    return 0;
}

static int c_on_data(nghttp2_session *session, uint8_t flags, int32_t id,
                     const uint8_t *data, size_t len, void *user)
{
    struct pair *t = user;
    struct seen *s = seen_of(t, id);

    (void)flags;
    if (s != NULL)
        buffer_append(&s->body, data, len);
    if (t->hold_window)
        t->received_unconsumed += len;
    else
        nghttp2_session_consume(session, id, len);
    return 0;
}

static int c_on_close(nghttp2_session *session, int32_t id, uint32_t code,
                      void *user)
{
    struct seen *s = seen_of(user, id);

    (void)session;
    (void)code;
    if (s != NULL)
        s->closed = 1;
    return 0;
}

/* ---------------------------------------------------------- the server */

static int s_on_request(void *user, int32_t id, const struct request *req)
{
    struct pair *t = user;
    struct response *res = calloc(1, sizeof *res);
    struct buffer piece = {NULL, 0, 0};
    int r, more;

    t->requests++;
    if (res == NULL || route_respond(req, &options, NOW, &rng, res) != 0) {
        free(res);
        return -1;
    }
    if (t->record && t->nlater < STREAMS_MAX) {
        t->later[t->nlater].id = id;
        t->later[t->nlater++].res = res;
        return 0;
    }
    r = h2_conn_respond(t->server, id, res, NOW);
    if (r == 1) {
        /* Generated content: every piece at once. */
        do {
            piece.len = 0;
            more = res->gen.next(&res->gen, &piece);
            h2_conn_stream_piece(t->server, id, piece.data, piece.len,
                                 more == 0);
        } while (more == 1);
        buffer_free(&piece);
    }
    response_free(res);
    free(res);
    return r < 0 ? -1 : 0;
}

static void s_on_closed(void *user, int32_t id)
{
    struct pair *t = user;

    if (t->closed_reported < STREAMS_MAX)
        t->closed_ids[t->closed_reported++] = id;
}

/* ------------------------------------------------------------ the pair */

static void pair_open(struct pair *t, const struct h2_limits *limits,
                      uint32_t client_window)
{
    nghttp2_session_callbacks *cbs;
    nghttp2_option *opt;
    struct h2_callbacks cb = {s_on_request, s_on_closed};
    nghttp2_settings_entry iv[1];
    size_t k;

    memset(t, 0, sizeof *t);
    for (k = 0; k < STREAMS_MAX; k++)
        t->seen[k].rst = ~0u;
    nghttp2_session_callbacks_new(&cbs);
    nghttp2_session_callbacks_set_on_header_callback(cbs, c_on_header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, c_on_frame_recv);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs, c_on_data);
    nghttp2_session_callbacks_set_on_stream_close_callback(cbs, c_on_close);
    nghttp2_option_new(&opt);
    nghttp2_option_set_no_auto_window_update(opt, 1);
    CHECK(nghttp2_session_client_new2(&t->client, cbs, t, opt) == 0);
    nghttp2_session_callbacks_del(cbs);
    nghttp2_option_del(opt);
    iv[0].settings_id = NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE;
    iv[0].value = client_window;
    nghttp2_submit_settings(t->client, NGHTTP2_FLAG_NONE, iv, 1);
    t->server = h2_conn_new(limits, &cb, t);
    CHECK(t->server != NULL);
    the = t;
}

static void pair_close(struct pair *t)
{
    size_t k;

    for (k = 0; k < STREAMS_MAX; k++) {
        buffer_free(&t->seen[k].fields);
        buffer_free(&t->seen[k].body);
    }
    for (k = 0; k < t->nlater; k++) {
        if (t->later[k].res != NULL) {
            response_free(t->later[k].res);
            free(t->later[k].res);
        }
    }
    nghttp2_session_del(t->client);
    h2_conn_free(t->server);
}

/* Moves bytes both ways until neither side has any to send; returns how
 * many moved. */
static size_t pump(struct pair *t)
{
    size_t moved = 0, round;
    struct buffer out = {NULL, 0, 0};

    do {
        const uint8_t *p;
        ssize_t n;
        long m;

        round = 0;
        while ((n = nghttp2_session_mem_send(t->client, &p)) > 0) {
            CHECK(h2_conn_feed(t->server, (const char *)p, (size_t)n,
                               t->now_ms) == 0);
            round += (size_t)n;
        }
        out.len = 0;
        m = h2_conn_output(t->server, &out, 1u << 20);
        CHECK(m >= 0);
        if (m > 0) {
            nghttp2_session_mem_recv(t->client, (const uint8_t *)out.data,
                                     out.len);
            round += out.len;
        }
        moved += round;
    } while (round > 0);
    buffer_free(&out);
    return moved;
}

static int32_t request(struct pair *t, const char *method, const char *path,
                       const nghttp2_nv *extra, size_t nextra,
                       const nghttp2_data_provider *body)
{
    nghttp2_nv nva[16];
    size_t n = 0, k;

#define NV(a, b)                                                              \
    nva[n].name = (uint8_t *)(uintptr_t)(a);                                  \
    nva[n].namelen = strlen(a);                                               \
    nva[n].value = (uint8_t *)(uintptr_t)(b);                                 \
    nva[n].valuelen = strlen(b);                                              \
    nva[n++].flags = NGHTTP2_NV_FLAG_NONE
    NV(":method", method);
    NV(":scheme", "http");
    NV(":authority", "localhost");
    NV(":path", path);
#undef NV
    for (k = 0; k < nextra && n < 16; k++)
        nva[n++] = extra[k];
    return nghttp2_submit_request(t->client, NULL, nva, n, body, NULL);
}

static nghttp2_nv field(const char *name, const char *value)
{
    nghttp2_nv x;

    x.name = (uint8_t *)(uintptr_t)name;
    x.namelen = strlen(name);
    x.value = (uint8_t *)(uintptr_t)value;
    x.valuelen = strlen(value);
    x.flags = NGHTTP2_NV_FLAG_NONE;
    return x;
}

static int has(const struct buffer *b, const char *s)
{
    return b->data != NULL && strstr(b->data, s) != NULL;
}

/* --------------------------------------------------------------- tests */

static void get_418(void)
{
    struct pair *t = malloc(sizeof *t);
    int32_t id;
    struct seen *s;

    pair_open(t, NULL, 65535);
    id = request(t, "GET", "/418", NULL, 0, NULL);
    pump(t);
    s = seen_of(t, id);
    CHECK(s->status == 418);
    CHECK(strcmp(s->events, "H418 D E ") == 0);
    CHECK(has(&s->fields, "date: "));
    CHECK(has(&s->fields, "server: httpstatus/"));
    CHECK(has(&s->fields, "content-type: text/plain"));
    CHECK(has(&s->fields, "access-control-allow-origin: *"));
    CHECK(!has(&s->fields, "connection"));
    CHECK(s->body.len > 0 && has(&s->body, "teapot"));
    {
        char want[64];
        snprintf(want, sizeof want, "content-length: %zu\n", s->body.len);
        CHECK(has(&s->fields, want));
    }
    CHECK(t->requests == 1);
    pair_close(t);
    free(t);
}

static void head_204_304(void)
{
    struct pair *t = malloc(sizeof *t);
    nghttp2_nv inm = field("if-none-match", "*");
    int32_t head, n204, n304, n205;

    pair_open(t, NULL, 65535);
    head = request(t, "HEAD", "/200", NULL, 0, NULL);
    n204 = request(t, "GET", "/204", NULL, 0, NULL);
    n304 = request(t, "GET", "/304", &inm, 1, NULL);
    n205 = request(t, "GET", "/205", NULL, 0, NULL);
    pump(t);
    CHECK(strcmp(seen_of(t, head)->events, "H200 E ") == 0);
    CHECK(has(&seen_of(t, head)->fields, "content-length: "));
    CHECK(!has(&seen_of(t, head)->fields, "content-length: 0\n"));
    CHECK(seen_of(t, head)->body.len == 0);
    CHECK(strcmp(seen_of(t, n204)->events, "H204 E ") == 0);
    CHECK(!has(&seen_of(t, n204)->fields, "content-length"));
    CHECK(strcmp(seen_of(t, n304)->events, "H304 E ") == 0);
    CHECK(!has(&seen_of(t, n304)->fields, "content-length"));
    CHECK(strcmp(seen_of(t, n205)->events, "H205 E ") == 0);
    CHECK(has(&seen_of(t, n205)->fields, "content-length: 0\n"));
    pair_close(t);
    free(t);
}

static void interim_103(void)
{
    struct pair *t = malloc(sizeof *t);
    int32_t id;
    struct seen *s;

    pair_open(t, NULL, 65535);
    id = request(t, "GET", "/103", NULL, 0, NULL);
    pump(t);
    s = seen_of(t, id);
    CHECK(strcmp(s->events, "H103 H200 D E ") == 0);
    CHECK(has(&s->fields,
              ":status: 103\n"
              "link: </early-hints/style.css>; rel=preload; as=style\n"
              "link: </early-hints/script.js>; rel=preload; as=script\n"
              ":status: 200\n"));
    pair_close(t);
    free(t);
}

/* The frames of a server's output p[0..n): 1 when one has type and
 * flags on stream id with payload want (NULL: any), else 0. */
static int has_frame(const char *p, size_t n, int type, int flags, int32_t id,
                     const char *want, size_t want_len)
{
    size_t at = 0;

    while (at + 9 <= n) {
        const unsigned char *h = (const unsigned char *)p + at;
        size_t len = (size_t)h[0] << 16 | (size_t)h[1] << 8 | h[2];
        int32_t sid =
            (int32_t)((uint32_t)(h[5] & 0x7f) << 24 | (uint32_t)h[6] << 16 |
                      (uint32_t)h[7] << 8 | h[8]);
        if (h[3] == type && h[4] == flags && sid == id &&
            (want == NULL || (len == want_len && at + 9 + len <= n &&
                              memcmp(h + 9, want, want_len) == 0)))
            return 1;
        at += 9 + len;
    }
    return 0;
}

/* /103's answer waits for a PING round trip: first a PING whose data
 * names the stream, and nothing on the stream; the answer once the
 * client's ACK is read. A reset meanwhile drops it. */
static void interim_103_after_ping(void)
{
    struct pair *t = malloc(sizeof *t);
    struct buffer out = {NULL, 0, 0};
    const uint8_t *p;
    ssize_t n;
    int32_t id;
    struct seen *s;

    pair_open(t, NULL, 65535);
    pump(t); /* the prefaces and SETTINGS */
    id = request(t, "GET", "/103", NULL, 0, NULL);
    while ((n = nghttp2_session_mem_send(t->client, &p)) > 0)
        CHECK(h2_conn_feed(t->server, (const char *)p, (size_t)n, t->now_ms) ==
              0);
    CHECK(h2_conn_output(t->server, &out, 1u << 20) > 0);
    CHECK(id == 1 &&
          has_frame(out.data, out.len, NGHTTP2_PING, 0, 0, "103:\0\0\0\1", 8));
    CHECK(!has_frame(out.data, out.len, NGHTTP2_HEADERS, 0, id, NULL, 0));
    CHECK(!has_frame(out.data, out.len, NGHTTP2_HEADERS,
                     NGHTTP2_FLAG_END_HEADERS, id, NULL, 0));
    nghttp2_session_mem_recv(t->client, (const uint8_t *)out.data, out.len);
    s = seen_of(t, id);
    CHECK(s->nevents == 0);
    pump(t); /* the ACK goes back, the answer comes */
    CHECK(strcmp(s->events, "H103 H200 D E ") == 0);

    /* a stream reset while its answer waits: no answer, nothing held */
    id = request(t, "GET", "/103", NULL, 0, NULL);
    while ((n = nghttp2_session_mem_send(t->client, &p)) > 0)
        CHECK(h2_conn_feed(t->server, (const char *)p, (size_t)n, t->now_ms) ==
              0);
    out.len = 0;
    CHECK(h2_conn_output(t->server, &out, 1u << 20) > 0);
    nghttp2_submit_rst_stream(t->client, NGHTTP2_FLAG_NONE, id,
                              NGHTTP2_CANCEL);
    while ((n = nghttp2_session_mem_send(t->client, &p)) > 0)
        CHECK(h2_conn_feed(t->server, (const char *)p, (size_t)n, t->now_ms) ==
              0);
    /* the PING reaches the client only now, and its ACK finds no stream */
    nghttp2_session_mem_recv(t->client, (const uint8_t *)out.data, out.len);
    pump(t);
    s = seen_of(t, id);
    CHECK(s->nevents == 0 && !t->goaway);

    /* other 1xx codes go at once */
    id = request(t, "GET", "/102", NULL, 0, NULL);
    while ((n = nghttp2_session_mem_send(t->client, &p)) > 0)
        CHECK(h2_conn_feed(t->server, (const char *)p, (size_t)n, t->now_ms) ==
              0);
    out.len = 0;
    CHECK(h2_conn_output(t->server, &out, 1u << 20) > 0);
    CHECK(!has_frame(out.data, out.len, NGHTTP2_PING, 0, 0, NULL, 0));
    pump(t);
    buffer_free(&out);
    pair_close(t);
    free(t);
}

struct upload {
    const char *p;
    size_t n, at;
};

static ssize_t read_upload(nghttp2_session *session, int32_t id, uint8_t *buf,
                           size_t length, uint32_t *flags,
                           nghttp2_data_source *source, void *user)
{
    struct upload *u = source->ptr;
    size_t n = u->n - u->at;

    (void)session;
    (void)id;
    (void)user;
    if (n > length)
        n = length;
    memcpy(buf, u->p + u->at, n);
    u->at += n;
    if (u->at == u->n)
        *flags |= NGHTTP2_DATA_FLAG_EOF;
    return (ssize_t)n;
}

static void post_echo(void)
{
    struct pair *t = malloc(sizeof *t);
    static char big[200000];
    struct upload u = {"hello=h2&x=1", 12, 0}, v = {big, sizeof big, 0};
    nghttp2_nv ct = field("content-type", "application/x-www-form-urlencoded");
    nghttp2_nv cookies[2];
    nghttp2_data_provider d, e;
    int32_t id, id2;

    memset(big, 'a', sizeof big);
    cookies[0] = field("cookie", "a=1");
    cookies[1] = field("cookie", "b=2");
    pair_open(t, NULL, 65535);
    d.source.ptr = &u;
    d.read_callback = read_upload;
    e.source.ptr = &v;
    e.read_callback = read_upload;
    id = request(t, "POST", "/post", &ct, 1, &d);
    id2 = request(t, "POST", "/post", NULL, 0, &e);
    pump(t);
    CHECK(seen_of(t, id)->status == 200);
    CHECK(has(&seen_of(t, id)->body, "hello=h2&x=1"));
    CHECK(has(&seen_of(t, id)->body, "\"data\": \"hello=h2&x=1\""));
    CHECK(has(&seen_of(t, id)->body, "\"hello\": ["));
    /* A body bigger than both windows arrives whole. */
    CHECK(seen_of(t, id2)->status == 200);
    CHECK(seen_of(t, id2)->body.len > sizeof big);
    pair_close(t);
    free(t);

    /* Cookies go to the router as one field, joined by "; ". */
    t = malloc(sizeof *t);
    pair_open(t, NULL, 65535);
    id = request(t, "GET", "/cookies", cookies, 2, NULL);
    pump(t);
    CHECK(seen_of(t, id)->status == 200);
    CHECK(has(&seen_of(t, id)->body, "\"a\": \"1\""));
    CHECK(has(&seen_of(t, id)->body, "\"b\": \"2\""));
    pair_close(t);
    free(t);
}

static void many_streams(void)
{
    struct pair *t = malloc(sizeof *t);
    int32_t ids[60];
    char paths[60][16];
    size_t k;
    int ok = 1;

    pair_open(t, NULL, 65535);
    for (k = 0; k < 60; k++) {
        snprintf(paths[k], sizeof paths[k], "/%zu", 200 + k % 40);
        ids[k] = request(t, "GET", paths[k], NULL, 0, NULL);
    }
    pump(t);
    for (k = 0; k < 60; k++) {
        struct seen *s = seen_of(t, ids[k]);
        if (s->status != (int)(200 + k % 40) || !s->closed)
            ok = 0;
    }
    CHECK(ok);
    CHECK(t->requests == 60);
    pair_close(t);
    free(t);
}

static void flow_control(void)
{
    struct pair *t = malloc(sizeof *t);
    int32_t id;
    struct seen *s;
    int steps = 0;

    pair_open(t, NULL, 1000);
    t->hold_window = 1;
    id = request(t, "GET", "/bytes/102400", NULL, 0, NULL);
    pump(t);
    s = seen_of(t, id);
    CHECK(s->status == 200);
    CHECK(s->body.len == 1000); /* the client's window, no more */
    CHECK(h2_conn_stream_pending(t->server, id) == 102400 - 1000);
    while (!s->closed && steps < 1000) {
        size_t n = t->received_unconsumed;
        t->received_unconsumed = 0;
        nghttp2_session_consume(t->client, id, n);
        pump(t);
        steps++;
    }
    CHECK(s->closed);
    CHECK(s->body.len == 102400);
    CHECK(steps >= 100); /* a window of 1000 bytes at a time */
    CHECK(has(&s->fields, "content-length: 102400\n"));
    pair_close(t);
    free(t);
}

static void answered_later(void)
{
    struct pair *t = malloc(sizeof *t);
    int32_t ids[5];
    size_t k;

    pair_open(t, NULL, 65535);
    t->record = 1;
    ids[0] = request(t, "GET", "/200", NULL, 0, NULL);
    ids[1] = request(t, "GET", "/201", NULL, 0, NULL);
    ids[2] = request(t, "GET", "/202", NULL, 0, NULL);
    ids[3] = request(t, "GET", "/stream/3", NULL, 0, NULL);
    ids[4] = request(t, "GET", "/drip?duration=1&numbytes=5", NULL, 0, NULL);
    pump(t);
    CHECK(t->nlater == 5);
    CHECK(seen_of(t, ids[0])->nevents == 0);
    /* In reverse order of arrival. */
    for (k = 3; k-- > 0;) {
        CHECK(h2_conn_respond(t->server, t->later[k].id, t->later[k].res,
                              NOW) == 0);
        pump(t);
        CHECK(seen_of(t, ids[k])->closed);
        CHECK(k == 0 || !seen_of(t, ids[k - 1])->closed);
    }
    CHECK(seen_of(t, ids[0])->status == 200);
    CHECK(seen_of(t, ids[2])->status == 202);
    /* Answered twice: refused. */
    CHECK(h2_conn_respond(t->server, ids[0], t->later[0].res, NOW) == -1);

    /* Generated content a piece at a time, each piece its own DATA. */
    for (k = 3; k < 5; k++) {
        struct response *res = t->later[k].res;
        struct buffer piece = {NULL, 0, 0};
        int more, pieces = 0;
        CHECK(h2_conn_respond(t->server, ids[k], res, NOW) == 1);
        pump(t);
        CHECK(strcmp(seen_of(t, ids[k])->events, "H200 ") == 0);
        do {
            piece.len = 0;
            more = res->gen.next(&res->gen, &piece);
            CHECK(h2_conn_stream_piece(t->server, ids[k], piece.data,
                                       piece.len, more == 0) == 0);
            pump(t);
            pieces++;
            CHECK(seen_of(t, ids[k])->closed == (more == 0));
        } while (more == 1);
        CHECK(pieces >= 3);
        buffer_free(&piece);
        CHECK(h2_conn_stream_piece(t->server, ids[k], "x", 1, 1) == -1);
    }
    CHECK(strncmp(seen_of(t, ids[3])->events, "H200 D D D ", 11) == 0);
    CHECK(!has(&seen_of(t, ids[3])->fields, "content-length"));
    CHECK(has(&seen_of(t, ids[4])->fields, "content-length: 5\n"));
    CHECK(seen_of(t, ids[4])->body.len == 5);
    CHECK(t->closed_reported == 0);
    pair_close(t);
    free(t);
}

static void client_reset_reported(void)
{
    struct pair *t = malloc(sizeof *t);
    int32_t id;

    pair_open(t, NULL, 65535);
    t->record = 1;
    id = request(t, "GET", "/200", NULL, 0, NULL);
    pump(t);
    CHECK(t->nlater == 1);
    nghttp2_submit_rst_stream(t->client, NGHTTP2_FLAG_NONE, id,
                              NGHTTP2_CANCEL);
    pump(t);
    CHECK(t->closed_reported == 1 && t->closed_ids[0] == id);
    CHECK(h2_conn_respond(t->server, id, t->later[0].res, NOW) == -1);
    CHECK(!t->goaway);
    pair_close(t);
    free(t);
}

static void malformed_fields(void)
{
    struct pair *t = malloc(sizeof *t);
    nghttp2_nv bad[4];
    int32_t ids[4], good;
    size_t k;

    bad[0] = field("connection", "keep-alive");
    bad[1] = field("te", "gzip");
    bad[2] = field("X-Upper", "1");
    bad[2].flags = NGHTTP2_NV_FLAG_NO_COPY_NAME; /* else it is lower-cased */
    bad[3] = field("host", "elsewhere");
    pair_open(t, NULL, 65535);
    for (k = 0; k < 4; k++)
        ids[k] = request(t, "GET", "/200", &bad[k], 1, NULL);
    good = request(t, "GET", "/201", NULL, 0, NULL);
    pump(t);
    for (k = 0; k < 4; k++) {
        CHECK(seen_of(t, ids[k])->rst == NGHTTP2_PROTOCOL_ERROR);
        CHECK(seen_of(t, ids[k])->status == 0);
    }
    CHECK(seen_of(t, good)->status == 201);
    CHECK(t->requests == 1);
    CHECK(!t->goaway);
    pair_close(t);
    free(t);
}

static void header_list_limit(void)
{
    struct pair *t = malloc(sizeof *t);
    static char value[20000];
    nghttp2_nv big;
    int32_t id, after;

    memset(value, 'v', sizeof value - 1);
    big = field("x-big", value);
    pair_open(t, NULL, 65535);
    id = request(t, "GET", "/200", &big, 1, NULL);
    after = request(t, "GET", "/200", NULL, 0, NULL);
    pump(t);
    CHECK(seen_of(t, id)->status == 431);
    CHECK(seen_of(t, after)->status == 200); /* HPACK still in step */
    CHECK(t->requests == 1);
    pair_close(t);
    free(t);
}

static void upgrade_h2c(void)
{
    struct pair *t = malloc(sizeof *t);
    struct response res;
    struct request req;
    uint8_t payload[64];
    nghttp2_settings_entry iv[1] = {
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100}};
    ssize_t n;

    pair_open(t, NULL, 65535);
    n = nghttp2_pack_settings_payload(payload, sizeof payload, iv, 1);
    CHECK(n > 0);
    CHECK(nghttp2_session_upgrade2(t->client, payload, (size_t)n, 0, NULL) ==
          0);
    CHECK(h2_conn_upgrade(t->server, (const char *)payload, (size_t)n, 0) ==
          0);
    memset(&req, 0, sizeof req);
    req.method.p = "GET";
    req.method.n = 3;
    req.target.p = req.path.p = "/207";
    req.target.n = req.path.n = 4;
    req.minor = 1;
    req.keep_alive = 1;
    req.content_length = -1;
    memset(&res.body, 0, sizeof res.body);
    memset(&res.pieces, 0, sizeof res.pieces);
    CHECK(route_respond(&req, &options, NOW, &rng, &res) == 0);
    CHECK(h2_conn_respond(t->server, 1, &res, NOW) == 0);
    response_free(&res);
    pump(t);
    CHECK(seen_of(t, 1)->status == 207);
    CHECK(seen_of(t, 1)->closed);
    CHECK(h2_conn_upgrade(t->server, "x", 1, 0) == -1);
    pair_close(t);
    free(t);
}

/* ------------------------------------------------------------- abuse */

static void rapid_reset(void)
{
    struct pair *t = malloc(sizeof *t);
    size_t k;

    pair_open(t, NULL, 65535);
    pump(t);
    for (k = 0; k < 1000 && !t->goaway; k++) {
        int32_t id = request(t, "GET", "/200", NULL, 0, NULL);
        const uint8_t *p;
        ssize_t n;
        while ((n = nghttp2_session_mem_send(t->client, &p)) > 0)
            h2_conn_feed(t->server, (const char *)p, (size_t)n, t->now_ms);
        nghttp2_submit_rst_stream(t->client, NGHTTP2_FLAG_NONE, id,
                                  NGHTTP2_CANCEL);
        if (k % 10 == 9)
            pump(t);
    }
    pump(t);
    CHECK(t->goaway);
    CHECK(t->goaway_code == NGHTTP2_ENHANCE_YOUR_CALM);
    CHECK(k > 400 && k < 1000);
    CHECK(h2_conn_want_close(t->server));
    pair_close(t);
    free(t);

    /* The same resets spread over time are no attack. */
    t = malloc(sizeof *t);
    pair_open(t, NULL, 65535);
    for (k = 0; k < 1000; k++) {
        int32_t id = request(t, "GET", "/200", NULL, 0, NULL);
        nghttp2_submit_rst_stream(t->client, NGHTTP2_FLAG_NONE, id,
                                  NGHTTP2_CANCEL);
        pump(t);
        t->now_ms += 100;
    }
    CHECK(!t->goaway);
    pair_close(t);
    free(t);
}

static void ping_settings_flood(void)
{
    struct pair *t = malloc(sizeof *t);
    size_t k;

    pair_open(t, NULL, 65535);
    for (k = 0; k < 500 && !t->goaway; k++) {
        nghttp2_submit_ping(t->client, NGHTTP2_FLAG_NONE, NULL);
        pump(t);
    }
    CHECK(t->goaway && t->goaway_code == NGHTTP2_ENHANCE_YOUR_CALM);
    CHECK(k > 100 && k < 500);
    CHECK(h2_conn_want_close(t->server));
    pair_close(t);
    free(t);

    t = malloc(sizeof *t);
    pair_open(t, NULL, 65535);
    for (k = 0; k < 500 && !t->goaway; k++) {
        nghttp2_submit_settings(t->client, NGHTTP2_FLAG_NONE, NULL, 0);
        pump(t);
    }
    CHECK(t->goaway && t->goaway_code == NGHTTP2_ENHANCE_YOUR_CALM);
    CHECK(k > 90 && k < 500);
    pair_close(t);
    free(t);
}

/* Raw frames, for what nghttp2's client never sends. */
static void frame(struct buffer *b, size_t len, int type, int flags,
                  uint32_t id, const void *payload)
{
    unsigned char h[9];

    h[0] = (unsigned char)(len >> 16);
    h[1] = (unsigned char)(len >> 8);
    h[2] = (unsigned char)len;
    h[3] = (unsigned char)type;
    h[4] = (unsigned char)flags;
    h[5] = (unsigned char)(id >> 24);
    h[6] = (unsigned char)(id >> 16);
    h[7] = (unsigned char)(id >> 8);
    h[8] = (unsigned char)id;
    buffer_append(b, h, 9);
    if (len > 0)
        buffer_append(b, payload, len);
}

/* The GOAWAY code among the frames in b, or -1 when none. */
static long goaway_in(const struct buffer *b)
{
    size_t at = 0;

    while (at + 9 <= b->len) {
        const unsigned char *h = (const unsigned char *)b->data + at;
        size_t len = (size_t)h[0] << 16 | (size_t)h[1] << 8 | h[2];
        if (at + 9 + len > b->len)
            break;
        if (h[3] == 7 && len >= 8)
            return (long)((unsigned long)h[13] << 24 |
                          (unsigned long)h[14] << 16 |
                          (unsigned long)h[15] << 8 | h[16]);
        at += 9 + len;
    }
    return -1;
}

/* A server fed b whole (the preface first); returns its output. */
static struct buffer raw_exchange(const struct h2_limits *limits,
                                  const struct buffer *b, int *requests)
{
    struct pair *t = malloc(sizeof *t);
    struct buffer out = {NULL, 0, 0};
    size_t at;

    pair_open(t, limits, 65535);
    for (at = 0; at < b->len; at += 1000) {
        size_t n = b->len - at < 1000 ? b->len - at : 1000;
        CHECK(h2_conn_feed(t->server, b->data + at, n, 0) == 0);
        CHECK(h2_conn_output(t->server, &out, 1u << 20) >= 0);
    }
    CHECK(h2_conn_want_close(t->server));
    *requests = t->requests;
    pair_close(t);
    free(t);
    return out;
}

static void start(struct buffer *b)
{
    buffer_puts(b, NGHTTP2_CLIENT_MAGIC);
    frame(b, 0, NGHTTP2_SETTINGS, 0, 0, NULL);
}

static void continuation_flood(void)
{
    /* :method GET, :scheme http, :path / (static table), :authority a;
     * then x: y. */
    static const unsigned char first[] = {0x82, 0x86, 0x84, 0x41, 0x01, 'a'};
    static const unsigned char more[] = {0x00, 0x01, 'x', 0x01, 'y'};
    static unsigned char big[4000];
    struct buffer b = {NULL, 0, 0}, out;
    struct h2_limits l;
    int requests;
    size_t k;

    start(&b);
    frame(&b, sizeof first, NGHTTP2_HEADERS, NGHTTP2_FLAG_END_STREAM, 1,
          first);
    for (k = 0; k < 20000; k++)
        frame(&b, sizeof more, NGHTTP2_CONTINUATION, 0, 1, more);
    out = raw_exchange(NULL, &b, &requests);
    CHECK(goaway_in(&out) == NGHTTP2_ENHANCE_YOUR_CALM);
    CHECK(requests == 0);
    CHECK(out.len < 4096);
    buffer_free(&out);

    /* Ours, below nghttp2's own 8. */
    h2_limits_default(&l);
    l.max_continuations = 3;
    out = raw_exchange(&l, &b, &requests);
    CHECK(goaway_in(&out) == NGHTTP2_ENHANCE_YOUR_CALM);
    buffer_free(&out);

    /* Few frames, many bytes: the block's size is capped too. */
    b.len = 0;
    start(&b);
    frame(&b, sizeof first, NGHTTP2_HEADERS, NGHTTP2_FLAG_END_STREAM, 1,
          first);
    big[0] = 0x00;
    big[1] = 0x01;
    big[2] = 'x';
    big[3] = 0x7f; /* a value of 127 + 3867 bytes */
    big[4] = 0x9b;
    big[5] = 0x1e;
    memset(big + 6, 'v', sizeof big - 6);
    for (k = 0; k < 7; k++)
        frame(&b, sizeof big, NGHTTP2_CONTINUATION, 0, 1, big);
    h2_limits_default(&l);
    l.max_header_list = 4096;
    out = raw_exchange(&l, &b, &requests);
    CHECK(goaway_in(&out) == NGHTTP2_ENHANCE_YOUR_CALM);
    buffer_free(&out);
    buffer_free(&b);
}

static void empty_data_flood(void)
{
    /* POST /post, with the body to come. */
    static const unsigned char head[] = {0x83, 0x86, 0x44, 0x05, '/',  'p',
                                         'o',  's',  't',  0x41, 0x01, 'a'};
    struct buffer b = {NULL, 0, 0}, out;
    int requests;
    size_t k;

    start(&b);
    frame(&b, sizeof head, NGHTTP2_HEADERS, NGHTTP2_FLAG_END_HEADERS, 1, head);
    for (k = 0; k < 1000; k++)
        frame(&b, 0, NGHTTP2_DATA, 0, 1, NULL);
    out = raw_exchange(NULL, &b, &requests);
    CHECK(goaway_in(&out) == NGHTTP2_ENHANCE_YOUR_CALM);
    buffer_free(&out);
    buffer_free(&b);
}

static void bad_preface(void)
{
    struct buffer b = {NULL, 0, 0}, out;
    int requests;

    buffer_puts(&b, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    out = raw_exchange(NULL, &b, &requests);
    CHECK(goaway_in(&out) == NGHTTP2_PROTOCOL_ERROR);
    CHECK(requests == 0);
    buffer_free(&out);
    buffer_free(&b);
}

/* HEADERS on stream 3 after stream 5 (RFC 9113, Section 5.1.1). */
static void lower_stream_id(void)
{
    /* GET /200: :method GET, :scheme http, :path /200, :authority a. */
    static const unsigned char get[] = {0x82, 0x86, 0x44, 0x04, '/', '2',
                                        '0',  '0',  0x41, 0x01, 'a'};
    struct buffer b = {NULL, 0, 0}, out;
    int requests;

    start(&b);
    frame(&b, sizeof get, NGHTTP2_HEADERS,
          NGHTTP2_FLAG_END_HEADERS | NGHTTP2_FLAG_END_STREAM, 5, get);
    frame(&b, sizeof get, NGHTTP2_HEADERS,
          NGHTTP2_FLAG_END_HEADERS | NGHTTP2_FLAG_END_STREAM, 3, get);
    out = raw_exchange(NULL, &b, &requests);
    CHECK(goaway_in(&out) == NGHTTP2_PROTOCOL_ERROR);
    CHECK(requests == 1);
    buffer_free(&out);
    buffer_free(&b);
}

static void graceful_goaway(void)
{
    struct pair *t = malloc(sizeof *t);
    int32_t id;

    pair_open(t, NULL, 65535);
    t->record = 1;
    id = request(t, "GET", "/200", NULL, 0, NULL);
    pump(t);
    h2_conn_goaway(t->server);
    pump(t);
    CHECK(t->goaway && t->goaway_code == NGHTTP2_NO_ERROR);
    CHECK(!h2_conn_want_close(t->server)); /* a stream is still open */
    CHECK(h2_conn_respond(t->server, id, t->later[0].res, NOW) == 0);
    pump(t);
    CHECK(seen_of(t, id)->status == 200 && seen_of(t, id)->closed);
    CHECK(h2_conn_want_close(t->server));
    pair_close(t);
    free(t);
}

void test_h2(void)
{
    run("h2: GET /418 through the route table: :status, fields, content",
        get_418);
    run("h2: HEAD, 204, 304 and 205 frame their content as HTTP/1.1 does",
        head_204_304);
    run("h2: a 103 and its Link fields arrive as HEADERS before the final",
        interim_103);
    run("h2: a 103 goes out after a PING round trip, so that the client is "
        "ready for it",
        interim_103_after_ping);
    run("h2: POST bodies reach /post, past the windows; cookies are joined",
        post_echo);
    run("h2: 60 streams at once each get their own answer", many_streams);
    run("h2: 100 KiB through a 1000-byte client window, updated in steps",
        flow_control);
    run("h2: answers given later, in reverse order, and generated pieces",
        answered_later);
    run("h2: a stream the client resets is reported, and cannot be answered",
        client_reset_reported);
    run("h2: connection, te: gzip, an upper-case name or a host other than "
        ":authority reset their stream only",
        malformed_fields);
    run("h2: a header list over the limit gets 431", header_list_limit);
    run("h2: h2c by Upgrade answers the first request on stream 1",
        upgrade_h2c);
    run("h2: rapid reset ends in GOAWAY ENHANCE_YOUR_CALM", rapid_reset);
    run("h2: PING and SETTINGS floods end in GOAWAY", ping_settings_flood);
    run("h2: CONTINUATION floods end in GOAWAY, by count and by size",
        continuation_flood);
    run("h2: empty DATA frames end in GOAWAY", empty_data_flood);
    run("h2: bytes other than the preface end in GOAWAY PROTOCOL_ERROR",
        bad_preface);
    run("h2: a graceful GOAWAY lets the open stream finish", graceful_goaway);
    run("h2: HEADERS on a stream below the last one opened is a connection "
        "error",
        lower_stream_id);
}

#endif
