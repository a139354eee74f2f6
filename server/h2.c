/* h2.c: HTTP/2 on nghttp2, bytes in and bytes out (h2.h).
 *
 * nghttp2 does the framing, HPACK, flow control and most of RFC 9113's
 * rules for requests: with HTTP messaging on (its default) it resets a
 * stream with PROTOCOL_ERROR for a missing, repeated, unknown or late
 * pseudo-header, a :path that is neither "/..." nor OPTIONS' "*",
 * connection-specific fields (connection, keep-alive, proxy-connection,
 * transfer-encoding, upgrade), TE other than "trailers", upper-case or
 * otherwise invalid names, values with CR, LF or NUL (through
 * on_invalid_header below, which it would otherwise drop quietly), and
 * DATA that disagrees with content-length. It refuses streams beyond
 * SETTINGS_MAX_CONCURRENT_STREAMS, and ends the session when the client
 * lets more than 1000 of its PING and SETTINGS ACKs pile up unread.
 *
 * What is left here:
 *  - The request: the pseudo-headers and fields are written out as an
 *    HTTP/1.1 head (":method :path HTTP/1.1", Host from :authority or
 *    the host field, a host field that disagrees with :authority being
 *    malformed, cookie fields joined with "; " by RFC 9113, Section
 *    8.2.3), which request_parse() checks as it checks any head, so that
 *    both protocols refuse the same requests with the same status (400,
 *    414, 431, 501...), sent here as a response on the stream.
 *  - Sizes: a header list over max_header_list (counted as RFC 9113
 *    does, name + value + 32) is decoded to keep HPACK in step but not
 *    kept, and gets 431; a body over max_body gets 413.
 *  - Memory: window updates are ours (no automatic ones). DATA is
 *    credited back at once while the bodies held on the connection stay
 *    within body_budget, and later otherwise, when a body is released
 *    (after on_request(), or when its stream closes). So the bodies held
 *    are at most body_budget plus one connection window (65535 bytes).
 *  - Abuse counts over a sliding window (two fixed windows, the earlier
 *    one weighted by how much of it the sliding one still covers):
 *    streams reset by the client before their response was sent, PING,
 *    SETTINGS, empty DATA; and CONTINUATION frames per header block,
 *    with the block's bytes capped too. Debian's nghttp2 1.52.0-1+deb12u2
 *    and later carry the upstream fixes for CVE-2023-44487 (a stream
 *    reset rate limit) and CVE-2024-28182 (at most 8 CONTINUATIONs, then
 *    the session fails with -905), but upstream 1.52 has neither and the
 *    version macro cannot tell them apart, so this file counts for
 *    itself and treats -905 like its own count.
 *  - A response with a 103 waits for a PING round trip (hold_for_ping()
 *    below), so that the client has finished with its own request before
 *    the 103 arrives: Chromium drops a 103 that it reads earlier.
 *
 * Bounded memory per connection: nghttp2's session (two HPACK tables of
 * header_table_size, 4096 bytes by default each, and its stream objects,
 * max_concurrent_streams of them open, and at most 1000 queued ACKs),
 * plus per open stream a head of at most max_header_list + 2 KiB (the
 * pseudo-headers and the request line) and a response of the router's
 * size (as over HTTP/1.1, 100 KiB at most for /bytes; generated content
 * as much as the caller hands over before h2_conn_stream_pending() says
 * stop), plus the bodies, bounded above. */
#include "h2.h"

#ifdef HTTPSTATUS_HAVE_NGHTTP2

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nghttp2/nghttp2.h>

#include "ascii.h"
#include "date.h"

#define SERVER_NAME "httpstatus/" HTTPSTATUS_VERSION_STRING

/* nghttp2's error for too many CONTINUATIONs: in Debian's 1.52 and in
 * upstream 1.61 and later, but not named in upstream 1.52's header. */
#define H2_TOO_MANY_CONTINUATIONS (-905)

/* A count over a sliding window. */
struct rate {
    long long start;
    unsigned prev, cur;
};

struct h2_stream {
    int32_t id;
    struct h2_stream *prev, *next;
    /* The request: pseudo-header values (in pseudo), the head written out,
     * the cookies gathered, the body. */
    struct buffer pseudo, head, cookies, body;
    size_t method_at, method_len, path_at, path_len, auth_at, auth_len;
    int has_method, has_path, has_auth;
    size_t list_size; /* the header list so far, as RFC 9113 counts it */
    size_t owed;      /* DATA received and not yet credited back */
    struct request req;
    int line_written, parsed, too_large, refused, given, is_head;
    /* The response: content in out (or ext, which outlives it), sent of
     * it so far; answered once h2_conn_respond() ran, gen while pieces
     * come, last once they are all there, deferred while nghttp2 waits
     * for one, eof once it has all. */
    struct buffer out;
    const char *ext;
    size_t ext_len, sent;
    int answered, gen, last, deferred, eof;
    /* A response with a 103, held until the client acknowledges the PING
     * sent for it (hold_for_ping()), and the now to send it with. */
    struct response *held;
    long long held_now;
};

struct h2_conn {
    nghttp2_session *session;
    struct h2_limits limits;
    struct h2_callbacks cb;
    void *user;
    struct h2_stream *streams; /* every stream we hold, a list */
    size_t held;               /* bytes of bodies held, all streams */
    long long now_ms;
    struct rate resets, pings, settings, empty_data;
    unsigned continuations; /* in the header block being received */
    size_t block_bytes;
    /* The highest stream the client opened, and the last few streams
     * that closed before the client had sent all of its request, which
     * may still send a trailer section on them. */
    int32_t opened;
    int32_t cut[16];
    unsigned ncut;
    uint32_t calm; /* the error code to end with, once abuse is seen */
    int ended;     /* GOAWAY queued for an error: input is ignored */
    int broken;    /* nghttp2 failed fatally: nothing more to do */
    char peer[64];
    size_t peer_len;
};

void h2_limits_default(struct h2_limits *l)
{
    memset(l, 0, sizeof *l);
    l->max_concurrent_streams = 100;
    l->max_header_list = REQUEST_HEAD_MAX;
    l->header_table_size = 4096;
    l->initial_window = 65535;
    l->max_body = BODY_MAX_DEFAULT;
    l->body_budget = 4 * (size_t)BODY_MAX_DEFAULT;
    l->abuse_window_ms = 10000;
    l->max_resets = 400;
    l->max_pings = 100;
    l->max_settings = 100;
    l->max_empty_data = 100;
    l->max_continuations = 8;
}

/* Counts one event at now; 1 when the count over the window passes max. */
static int rate_over(struct rate *r, long long now, unsigned window,
                     unsigned max)
{
    long long w = window, into;
    unsigned long long est;

    if (now - r->start >= 2 * w || now < r->start) {
        r->prev = r->cur = 0;
        r->start = now;
    } else if (now - r->start >= w) {
        r->prev = r->cur;
        r->cur = 0;
        r->start += w;
    }
    into = now - r->start;
    r->cur++;
    est = r->cur + (unsigned long long)r->prev *
                       (unsigned long long)(w - into) / (unsigned long long)w;
    return est > max;
}

/* Abuse seen: the session ends with GOAWAY code once nghttp2 returns. */
static int trip(struct h2_conn *c, uint32_t code)
{
    if (c->calm == 0)
        c->calm = code;
    return NGHTTP2_ERR_CALLBACK_FAILURE;
}

static struct h2_stream *stream_of(const struct h2_conn *c, int32_t id)
{
    if (id <= 0)
        return NULL;
    return nghttp2_session_get_stream_user_data(c->session, id);
}

static struct h2_stream *stream_new(struct h2_conn *c, int32_t id)
{
    struct h2_stream *s = calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    s->id = id;
    s->next = c->streams;
    if (c->streams != NULL)
        c->streams->prev = s;
    c->streams = s;
    return s;
}

static void consume(struct h2_conn *c, int32_t id, size_t n)
{
    if (n > 0 && nghttp2_session_consume(c->session, id, n) != 0)
        nghttp2_session_consume_connection(c->session, n);
}

/* Credits back DATA owed to streams, while the bodies held allow. */
static void pay_owed(struct h2_conn *c)
{
    struct h2_stream *s;

    for (s = c->streams; s != NULL && c->held <= c->limits.body_budget;
         s = s->next) {
        if (s->owed > 0) {
            consume(c, s->id, s->owed);
            s->owed = 0;
        }
    }
}

/* Frees the request's buffers; what the body owed the client is paid. */
static void release_request(struct h2_conn *c, struct h2_stream *s)
{
    c->held -= s->body.len;
    buffer_free(&s->body);
    buffer_free(&s->head);
    buffer_free(&s->cookies);
    buffer_free(&s->pseudo);
    if (s->owed > 0) {
        consume(c, s->id, s->owed);
        s->owed = 0;
    }
    pay_owed(c);
}

/* Frees a held response (hold_for_ping()). */
static void drop_held(struct h2_stream *s)
{
    if (s->held != NULL) {
        buffer_free(&s->held->body);
        free(s->held);
        s->held = NULL;
    }
}

static void stream_free(struct h2_conn *c, struct h2_stream *s)
{
    release_request(c, s);
    buffer_free(&s->out);
    drop_held(s);
    if (s->prev != NULL)
        s->prev->next = s->next;
    else
        c->streams = s->next;
    if (s->next != NULL)
        s->next->prev = s->prev;
    free(s);
}

/* ------------------------------------------------------------ response */

static ssize_t read_content(nghttp2_session *session, int32_t id, uint8_t *buf,
                            size_t length, uint32_t *flags,
                            nghttp2_data_source *source, void *user)
{
    struct h2_stream *s = source->ptr;
    const char *p = s->ext != NULL ? s->ext : s->out.data;
    size_t total = s->ext != NULL ? s->ext_len : s->out.len;
    size_t n = total - s->sent;

    (void)session;
    (void)id;
    (void)user;
    if (n > length)
        n = length;
    if (n > 0)
        memcpy(buf, p + s->sent, n);
    s->sent += n;
    if (s->sent == total && s->last) {
        *flags |= NGHTTP2_DATA_FLAG_EOF;
        s->eof = 1;
    } else if (n == 0) {
        s->deferred = 1;
        return NGHTTP2_ERR_DEFERRED;
    }
    /* Pieces: what has gone is dropped once it is most of the buffer. */
    if (s->ext == NULL && s->sent >= 4096 && s->sent * 2 >= s->out.len) {
        memmove(s->out.data, s->out.data + s->sent, s->out.len - s->sent);
        s->out.len -= s->sent;
        s->out.data[s->out.len] = '\0';
        s->sent = 0;
    }
    return (ssize_t)n;
}

/* The fields HTTP/2 forbids in a response (RFC 9113, Section 8.2.2), and
 * content-length, which is the writer's. */
static int dropped(const char *name, size_t n)
{
    static const char *const names[] = {"connection",
                                        "keep-alive",
                                        "proxy-connection",
                                        "transfer-encoding",
                                        "upgrade",
                                        "content-length",
                                        "te"};
    size_t k;

    for (k = 0; k < sizeof names / sizeof names[0]; k++)
        if (eq_exact(name, n, names[k]))
            return 1;
    return 0;
}

static nghttp2_nv nv(const char *name, size_t nlen, const char *value,
                     size_t vlen)
{
    nghttp2_nv x;

    x.name = (uint8_t *)(uintptr_t)name;
    x.value = (uint8_t *)(uintptr_t)value;
    x.namelen = nlen;
    x.valuelen = vlen;
    x.flags = NGHTTP2_NV_FLAG_NONE;
    return x;
}

#define NV_MAX (RESPONSE_FIELDS_MAX + 4)

/* The field lines of one part of res, names lower-cased into names (which
 * holds RESPONSE_TEXT_MAX bytes), after nva[0..*n). Sets *has_date and
 * *has_server for the final part. */
static void part_fields(const struct response *res, int part, char *names,
                        nghttp2_nv *nva, size_t *n, int *has_date,
                        int *has_server)
{
    size_t k, i;

    for (k = 0; k < res->nfields && *n < NV_MAX; k++) {
        const struct field *f = &res->fields[k];
        char *name = names + f->name;
        if (f->part != part)
            continue;
        for (i = 0; i < f->name_len; i++)
            name[i] = (char)lower((unsigned char)res->text[f->name + i]);
        if (dropped(name, f->name_len))
            continue;
        if (f->name_len == 4 && memcmp(name, "date", 4) == 0)
            *has_date = 1;
        if (f->name_len == 6 && memcmp(name, "server", 6) == 0)
            *has_server = 1;
        nva[(*n)++] =
            nv(name, f->name_len, res->text + f->value, f->value_len);
    }
}

static int submit_answer(struct h2_conn *c, struct h2_stream *s,
                         const struct response *res, long long now)
{
    nghttp2_nv nva[NV_MAX];
    nghttp2_data_provider prd;
    char names[RESPONSE_TEXT_MAX], status[8], length[24], date[HTTP_DATE_SIZE];
    size_t n, k, clen = 0;
    int has_date = 0, has_server = 0, generated, send_content, r;
    const char *content;
    int64_t cl = -1;

    if (res->failed || res->status < 200 || res->status > 999)
        return -1;
    for (k = 0; k < res->ninterim; k++) {
        if (res->interim[k] < 100 || res->interim[k] > 199 ||
            res->interim[k] == 101)
            continue;
        snprintf(status, sizeof status, "%d", res->interim[k]);
        n = 0;
        nva[n++] = nv(":status", 7, status, strlen(status));
        part_fields(res, (int)k + 1, names, nva, &n, &has_date, &has_server);
        if (nghttp2_submit_headers(c->session, NGHTTP2_FLAG_NONE, s->id, NULL,
                                   nva, n, NULL) < 0)
            return -1;
    }

    has_date = has_server = 0;
    content = response_content(res, &clen);
    generated =
        res->gen.next != NULL && !httpstatus_forbids_content(res->status);
    send_content = !s->is_head && !httpstatus_forbids_content(res->status) &&
                   res->status != 205;
    if (httpstatus_forbids_content(res->status))
        cl = -1;
    else if (res->status == 205)
        cl = 0;
    else if (generated)
        cl = res->length;
    else
        cl = (int64_t)clen;

    snprintf(status, sizeof status, "%d", res->status);
    n = 0;
    nva[n++] = nv(":status", 7, status, strlen(status));
    part_fields(res, 0, names, nva, &n, &has_date, &has_server);
    if (!has_date) {
        http_date(now, date, sizeof date);
        nva[n++] = nv("date", 4, date, HTTP_DATE_SIZE - 1);
    }
    if (!has_server)
        nva[n++] = nv("server", 6, SERVER_NAME, sizeof SERVER_NAME - 1);
    if (cl >= 0) {
        snprintf(length, sizeof length, "%lld", (long long)cl);
        nva[n++] = nv("content-length", 14, length, strlen(length));
    }

    s->answered = 1;
    s->gen = send_content && generated;
    s->last = !s->gen;
    if (send_content && !generated && clen > 0) {
        if (res->content != NULL) {
            s->ext = res->content;
            s->ext_len = res->content_len;
        } else if (buffer_append(&s->out, content, clen) != 0) {
            return -1;
        }
    }
    if (s->gen || (send_content && clen > 0)) {
        prd.source.ptr = s;
        prd.read_callback = read_content;
        r = nghttp2_submit_response(c->session, s->id, nva, n, &prd);
    } else {
        s->eof = 1;
        r = nghttp2_submit_response(c->session, s->id, nva, n, NULL);
    }
    return r == 0 ? 0 : -1;
}

/* The PING that holds a stream's 103: "103:" and the stream id, big
 * endian. */
static void hold_ping_data(int32_t id, uint8_t out[8])
{
    uint32_t u = (uint32_t)id;

    memcpy(out, "103:", 4);
    out[4] = (uint8_t)(u >> 24);
    out[5] = (uint8_t)(u >> 16);
    out[6] = (uint8_t)(u >> 8);
    out[7] = (uint8_t)u;
}

/* Whether res is to wait for a PING round trip: it has a 103 and no
 * generated content (no route sends both).
 *
 * Why: Chromium hands a 103 on to the page's loader only once it has
 * finished its own bookkeeping of the request's sending, which it does
 * in a task it queues after the request went out. When the server is
 * quick, the 103 can be read before that task runs; Chromium then keeps
 * it where the final response later overwrites it, and the hints are
 * lost (net-log: the stream receives HEADERS 103 before the
 * transaction's SEND_REQUEST ends, and no READ_EARLY_HINTS follows).
 * The client reads a PING and queues its ACK after that task, so a 103
 * sent once the ACK is back is read when Chromium is ready for it. The
 * cost is one round trip before /103's answer, over HTTP/2 only. */
static int wants_ping(const struct response *res)
{
    size_t k;

    if (res->gen.next != NULL)
        return 0;
    for (k = 0; k < res->ninterim; k++)
        if (res->interim[k] == 103)
            return 1;
    return 0;
}

/* Keeps a copy of res on s and sends the PING its answer waits for: 0,
 * or -1 when out of memory. s counts as answered in full from here on.
 * A client that never acknowledges the PING (RFC 9113, Section 6.7 says
 * it MUST) never gets the answer; the caller's deadlines end such a
 * connection. */
static int hold_for_ping(struct h2_conn *c, struct h2_stream *s,
                         const struct response *res, long long now)
{
    uint8_t data[8];

    s->held = malloc(sizeof *s->held);
    if (s->held == NULL)
        return -1;
    memcpy(s->held, res, sizeof *res);
    memset(&s->held->body, 0, sizeof s->held->body);
    memset(&s->held->pieces, 0, sizeof s->held->pieces);
    if (res->content == NULL && res->body.len > 0 &&
        buffer_append(&s->held->body, res->body.data, res->body.len) != 0) {
        drop_held(s);
        return -1;
    }
    s->held_now = now;
    hold_ping_data(s->id, data);
    if (nghttp2_submit_ping(c->session, NGHTTP2_FLAG_NONE, data) != 0) {
        drop_held(s);
        return -1;
    }
    s->answered = 1;
    s->last = 1;
    return 0;
}

/* A PING ACK came with data: sends the answer it held, if any. */
static int release_held(struct h2_conn *c, const uint8_t data[8])
{
    struct h2_stream *s;
    uint8_t want[8];

    if (memcmp(data, "103:", 4) != 0)
        return 0;
    for (s = c->streams; s != NULL; s = s->next) {
        if (s->held == NULL)
            continue;
        hold_ping_data(s->id, want);
        if (memcmp(data, want, 8) != 0)
            continue;
        if (submit_answer(c, s, s->held, s->held_now) != 0)
            nghttp2_submit_rst_stream(c->session, NGHTTP2_FLAG_NONE, s->id,
                                      NGHTTP2_INTERNAL_ERROR);
        drop_held(s);
        return 0;
    }
    return 0;
}

/* Answers a request that the module refuses itself. */
static void refuse(struct h2_conn *c, struct h2_stream *s, int status)
{
    struct response res;

    memset(&res.body, 0, sizeof res.body);
    memset(&res.pieces, 0, sizeof res.pieces);
    respond_error(&res, s->parsed ? &s->req : NULL, status, NULL);
    s->refused = 1;
    release_request(c, s);
    if (submit_answer(c, s, &res, (long long)time(NULL)) != 0)
        nghttp2_submit_rst_stream(c->session, NGHTTP2_FLAG_NONE, s->id,
                                  NGHTTP2_INTERNAL_ERROR);
    response_free(&res);
}

/* ------------------------------------------------------------- request */

static int malformed(struct h2_conn *c, int32_t id)
{
    nghttp2_submit_rst_stream(c->session, NGHTTP2_FLAG_NONE, id,
                              NGHTTP2_PROTOCOL_ERROR);
    return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
}

/* No CR, LF or NUL, and no SP when space is 0. */
static int clean(const uint8_t *p, size_t n, int space)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] == '\r' || p[i] == '\n' || p[i] == '\0' ||
            (!space && p[i] == ' '))
            return 0;
    return 1;
}

static int write_request_line(struct h2_stream *s)
{
    const char *p = s->pseudo.data;
    int r = 0;

    s->line_written = 1;
    if (!s->has_method)
        return -1;
    r |= buffer_append(&s->head, p + s->method_at, s->method_len);
    r |= buffer_append(&s->head, " ", 1);
    if (s->has_path)
        r |= buffer_append(&s->head, p + s->path_at, s->path_len);
    else if (s->has_auth) /* CONNECT's authority-form */
        r |= buffer_append(&s->head, p + s->auth_at, s->auth_len);
    r |= buffer_puts(&s->head, " HTTP/1.1\r\n");
    if (s->has_auth) {
        r |= buffer_puts(&s->head, "Host: ");
        r |= buffer_append(&s->head, p + s->auth_at, s->auth_len);
        r |= buffer_append(&s->head, "\r\n", 2);
    }
    return r;
}

static int on_begin_headers(nghttp2_session *session,
                            const nghttp2_frame *frame, void *user)
{
    struct h2_conn *c = user;
    struct h2_stream *s;

    if (frame->hd.type != NGHTTP2_HEADERS ||
        frame->headers.cat != NGHTTP2_HCAT_REQUEST)
        return 0;
    s = stream_new(c, frame->hd.stream_id);
    if (s == NULL)
        return NGHTTP2_ERR_CALLBACK_FAILURE;
    nghttp2_session_set_stream_user_data(session, s->id, s);
    return 0;
}

static int on_header(nghttp2_session *session, const nghttp2_frame *frame,
                     const uint8_t *name, size_t namelen, const uint8_t *value,
                     size_t valuelen, uint8_t flags, void *user)
{
    struct h2_conn *c = user;
    struct h2_stream *s;
    int r = 0;

    (void)session;
    (void)flags;
    if (frame->hd.type != NGHTTP2_HEADERS ||
        frame->headers.cat != NGHTTP2_HCAT_REQUEST)
        return 0; /* trailers are read and dropped */
    s = stream_of(c, frame->hd.stream_id);
    if (s == NULL || s->refused)
        return 0;
    s->list_size += namelen + valuelen + 32;
    if (s->list_size > c->limits.max_header_list)
        s->too_large = 1;
    if (s->too_large)
        return 0;
    if (namelen > 0 && name[0] == ':') {
        size_t at = s->pseudo.len;
        if (!clean(value, valuelen, 0))
            return malformed(c, s->id);
        if (buffer_append(&s->pseudo, value, valuelen) != 0)
            return NGHTTP2_ERR_CALLBACK_FAILURE;
        if (namelen == 7 && memcmp(name, ":method", 7) == 0) {
            s->has_method = 1;
            s->method_at = at;
            s->method_len = valuelen;
        } else if (namelen == 5 && memcmp(name, ":path", 5) == 0) {
            s->has_path = 1;
            s->path_at = at;
            s->path_len = valuelen;
        } else if (namelen == 10 && memcmp(name, ":authority", 10) == 0) {
            s->has_auth = 1;
            s->auth_at = at;
            s->auth_len = valuelen;
        }
        return 0;
    }
    if (!clean(value, valuelen, 1) || !clean(name, namelen, 0))
        return malformed(c, s->id);
    if (!s->line_written && write_request_line(s) != 0)
        return NGHTTP2_ERR_CALLBACK_FAILURE;
    if (namelen == 6 && memcmp(name, "cookie", 6) == 0) {
        if (s->cookies.len > 0)
            r |= buffer_append(&s->cookies, "; ", 2);
        r |= buffer_append(&s->cookies, value, valuelen);
    } else if (namelen == 4 && memcmp(name, "host", 4) == 0 && s->has_auth) {
        /* RFC 9113, Section 8.3.1: the two must name the same. */
        if (valuelen != s->auth_len ||
            !same_nocase((const char *)value, s->pseudo.data + s->auth_at,
                         valuelen))
            return malformed(c, s->id);
    } else {
        r |= buffer_append(&s->head, name, namelen);
        r |= buffer_append(&s->head, ": ", 2);
        r |= buffer_append(&s->head, value, valuelen);
        r |= buffer_append(&s->head, "\r\n", 2);
    }
    return r != 0 ? NGHTTP2_ERR_CALLBACK_FAILURE : 0;
}

static int on_invalid_header(nghttp2_session *session,
                             const nghttp2_frame *frame, const uint8_t *name,
                             size_t namelen, const uint8_t *value,
                             size_t valuelen, uint8_t flags, void *user)
{
    (void)session;
    (void)name;
    (void)namelen;
    (void)value;
    (void)valuelen;
    (void)flags;
    /* RFC 9113, Section 8.2.1: an invalid field makes it malformed. */
    return malformed(user, frame->hd.stream_id);
}

/* The head is whole: it goes through request_parse(). */
static int end_head(struct h2_conn *c, struct h2_stream *s)
{
    struct request_parser parser;
    int r = 0, n;

    if (s->too_large) {
        refuse(c, s, 431);
        return 0;
    }
    if (!s->line_written)
        r |= write_request_line(s);
    if (s->cookies.len > 0) {
        r |= buffer_puts(&s->head, "Cookie: ");
        r |= buffer_append(&s->head, s->cookies.data, s->cookies.len);
        r |= buffer_append(&s->head, "\r\n", 2);
    }
    r |= buffer_append(&s->head, "\r\n", 2);
    if (r != 0)
        return -1;
    memset(&parser, 0, sizeof parser);
    n = request_parse(&parser, s->head.data, s->head.len, &s->req);
    if (n <= 0 || (size_t)n != s->head.len) {
        refuse(c, s, n < 0 ? -n : 400);
        return 0;
    }
    s->parsed = 1;
    s->is_head = s->req.is_head;
    s->req.keep_alive = 1;
    if (s->req.content_length > (int64_t)c->limits.max_body) {
        refuse(c, s, 413);
        return 0;
    }
    return 0;
}

static int deliver(struct h2_conn *c, struct h2_stream *s)
{
    int r = 0;

    if (s->refused || !s->parsed || s->given)
        return 0;
    s->req.body.p = s->body.data;
    s->req.body.n = s->body.len;
    s->req.peer.p = c->peer_len > 0 ? c->peer : NULL;
    s->req.peer.n = c->peer_len;
    s->given = 1;
    if (c->cb.on_request != NULL)
        r = c->cb.on_request(c->user, s->id, &s->req);
    /* on_request() may have answered, and nghttp2 may not have closed
     * the stream meanwhile: s is still ours. */
    release_request(c, s);
    memset(&s->req, 0, sizeof s->req);
    if (r != 0)
        nghttp2_submit_rst_stream(c->session, NGHTTP2_FLAG_NONE, s->id,
                                  NGHTTP2_INTERNAL_ERROR);
    return 0;
}

static int on_frame_recv(nghttp2_session *session, const nghttp2_frame *frame,
                         void *user)
{
    struct h2_conn *c = user;
    const struct h2_limits *l = &c->limits;
    struct h2_stream *s = stream_of(c, frame->hd.stream_id);
    int end = (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0;

    (void)session;
    switch (frame->hd.type) {
    case NGHTTP2_HEADERS:
        if (s == NULL)
            return 0;
        if (frame->headers.cat == NGHTTP2_HCAT_REQUEST && !s->refused &&
            end_head(c, s) != 0)
            return NGHTTP2_ERR_CALLBACK_FAILURE;
        if (end)
            return deliver(c, s);
        if (frame->headers.cat == NGHTTP2_HCAT_REQUEST && s->parsed &&
            !s->refused && s->req.expect_continue) {
            nghttp2_nv x = nv(":status", 7, "100", 3);
            nghttp2_submit_headers(session, NGHTTP2_FLAG_NONE, s->id, NULL, &x,
                                   1, NULL);
        }
        return 0;
    case NGHTTP2_DATA:
        if (end && s != NULL)
            return deliver(c, s);
        return 0;
    case NGHTTP2_RST_STREAM:
        /* Rapid reset counts the streams reset before they were
         * answered in full; ours are gone once they are. */
        if (s != NULL && !s->eof &&
            rate_over(&c->resets, c->now_ms, l->abuse_window_ms,
                      l->max_resets))
            return trip(c, NGHTTP2_ENHANCE_YOUR_CALM);
        return 0;
    case NGHTTP2_PING:
        if (frame->hd.flags & NGHTTP2_FLAG_ACK)
            return release_held(c, frame->ping.opaque_data);
        if (rate_over(&c->pings, c->now_ms, l->abuse_window_ms, l->max_pings))
            return trip(c, NGHTTP2_ENHANCE_YOUR_CALM);
        return 0;
    case NGHTTP2_SETTINGS:
        if (!(frame->hd.flags & NGHTTP2_FLAG_ACK) &&
            rate_over(&c->settings, c->now_ms, l->abuse_window_ms,
                      l->max_settings))
            return trip(c, NGHTTP2_ENHANCE_YOUR_CALM);
        return 0;
    default:
        return 0;
    }
}

static int on_begin_frame(nghttp2_session *session, const nghttp2_frame_hd *hd,
                          void *user)
{
    struct h2_conn *c = user;

    (void)session;
    if (hd->type == NGHTTP2_DATA && hd->length == 0 &&
        !(hd->flags & NGHTTP2_FLAG_END_STREAM) &&
        rate_over(&c->empty_data, c->now_ms, c->limits.abuse_window_ms,
                  c->limits.max_empty_data))
        return trip(c, NGHTTP2_ENHANCE_YOUR_CALM);
    if (hd->type == NGHTTP2_HEADERS && (hd->stream_id & 1)) {
        /* A stream below one the client opened already is closed: it was
         * used, or skipped, which closes it (RFC 9113, Section 5.1.1).
         * HEADERS on it is a connection error, where nghttp2 ignores the
         * frame once it has forgotten the stream; a stream cut before
         * the client finished may still get its trailers. */
        if (hd->stream_id > c->opened) {
            c->opened = hd->stream_id;
        } else if (nghttp2_session_find_stream(c->session, hd->stream_id) ==
                   NULL) {
            unsigned k;
            for (k = 0; k < c->ncut && k < 16; k++)
                if (c->cut[k] == hd->stream_id)
                    break;
            if (k == c->ncut || k == 16)
                return trip(c, NGHTTP2_PROTOCOL_ERROR);
        }
    }
    if (hd->type == NGHTTP2_HEADERS) {
        c->continuations = 0;
        c->block_bytes = hd->length;
    } else if (hd->type == NGHTTP2_CONTINUATION) {
        c->continuations++;
        c->block_bytes += hd->length;
        /* A block may be twice the list it decodes to (literals with no
         * Huffman, and their lengths), and a frame more. */
        if (c->continuations > c->limits.max_continuations ||
            c->block_bytes > 2 * (size_t)c->limits.max_header_list + 16384)
            return trip(c, NGHTTP2_ENHANCE_YOUR_CALM);
    }
    return 0;
}

static int on_data_chunk(nghttp2_session *session, uint8_t flags, int32_t id,
                         const uint8_t *data, size_t len, void *user)
{
    struct h2_conn *c = user;
    struct h2_stream *s = stream_of(c, id);

    (void)session;
    (void)flags;
    if (s == NULL || s->refused || !s->parsed || s->given) {
        consume(c, id, len);
        return 0;
    }
    if (s->body.len + len > c->limits.max_body) {
        consume(c, id, len);
        refuse(c, s, 413);
        return 0;
    }
    if (buffer_append(&s->body, data, len) != 0)
        return NGHTTP2_ERR_CALLBACK_FAILURE;
    c->held += len;
    if (c->held <= c->limits.body_budget)
        consume(c, id, len);
    else
        s->owed += len;
    return 0;
}

static int on_stream_close(nghttp2_session *session, int32_t id,
                           uint32_t error_code, void *user)
{
    struct h2_conn *c = user;
    struct h2_stream *s = stream_of(c, id);

    (void)error_code;
    if (s == NULL || !s->given)
        c->cut[c->ncut++ % 16] = id;
    if (s == NULL)
        return 0;
    nghttp2_session_set_stream_user_data(session, id, NULL);
    if (s->given && !(s->answered && s->last) && c->cb.on_stream_closed)
        c->cb.on_stream_closed(c->user, id);
    /* What the stream owes can only go to the connection now. */
    if (s->owed > 0) {
        nghttp2_session_consume_connection(session, s->owed);
        s->owed = 0;
    }
    stream_free(c, s);
    return 0;
}

/* ---------------------------------------------------------- connection */

struct h2_conn *h2_conn_new(const struct h2_limits *limits,
                            const struct h2_callbacks *cb, void *user)
{
    struct h2_conn *c = calloc(1, sizeof *c);
    nghttp2_session_callbacks *cbs = NULL;
    nghttp2_option *opt = NULL;
    nghttp2_settings_entry iv[4];
    struct h2_limits d;
    int r;

    if (c == NULL)
        return NULL;
    h2_limits_default(&d);
    if (limits != NULL) {
        c->limits = *limits;
#define DEFAULT(f)                                                            \
    if (c->limits.f == 0)                                                     \
    c->limits.f = d.f
        DEFAULT(max_concurrent_streams);
        DEFAULT(max_header_list);
        DEFAULT(header_table_size);
        DEFAULT(initial_window);
        DEFAULT(max_body);
        DEFAULT(abuse_window_ms);
        DEFAULT(max_resets);
        DEFAULT(max_pings);
        DEFAULT(max_settings);
        DEFAULT(max_empty_data);
        DEFAULT(max_continuations);
#undef DEFAULT
        if (c->limits.body_budget == 0)
            c->limits.body_budget = 4 * c->limits.max_body;
    } else {
        c->limits = d;
    }
    if (cb != NULL)
        c->cb = *cb;
    c->user = user;

    if (nghttp2_session_callbacks_new(&cbs) != 0 ||
        nghttp2_option_new(&opt) != 0)
        goto fail;
    nghttp2_session_callbacks_set_on_begin_headers_callback(cbs,
                                                            on_begin_headers);
    nghttp2_session_callbacks_set_on_header_callback(cbs, on_header);
    nghttp2_session_callbacks_set_on_invalid_header_callback(
        cbs, on_invalid_header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cbs, on_frame_recv);
    nghttp2_session_callbacks_set_on_begin_frame_callback(cbs, on_begin_frame);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cbs,
                                                              on_data_chunk);
    nghttp2_session_callbacks_set_on_stream_close_callback(cbs,
                                                           on_stream_close);
    nghttp2_option_set_no_auto_window_update(opt, 1);
    r = nghttp2_session_server_new2(&c->session, cbs, c, opt);
    nghttp2_session_callbacks_del(cbs);
    nghttp2_option_del(opt);
    cbs = NULL;
    opt = NULL;
    if (r != 0)
        goto fail;
    iv[0].settings_id = NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS;
    iv[0].value = c->limits.max_concurrent_streams;
    iv[1].settings_id = NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE;
    iv[1].value = c->limits.max_header_list;
    iv[2].settings_id = NGHTTP2_SETTINGS_HEADER_TABLE_SIZE;
    iv[2].value = c->limits.header_table_size;
    iv[3].settings_id = NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE;
    iv[3].value = c->limits.initial_window;
    if (nghttp2_submit_settings(c->session, NGHTTP2_FLAG_NONE, iv, 4) != 0)
        goto fail;
    return c;
fail:
    nghttp2_session_callbacks_del(cbs);
    nghttp2_option_del(opt);
    if (c->session != NULL)
        nghttp2_session_del(c->session);
    free(c);
    return NULL;
}

void h2_conn_free(struct h2_conn *c)
{
    if (c == NULL)
        return;
    /* nghttp2_session_del() calls no callback: the streams go here. */
    nghttp2_session_del(c->session);
    while (c->streams != NULL) {
        struct h2_stream *s = c->streams;
        c->streams = s->next;
        buffer_free(&s->pseudo);
        buffer_free(&s->head);
        buffer_free(&s->cookies);
        buffer_free(&s->body);
        buffer_free(&s->out);
        drop_held(s);
        free(s);
    }
    free(c);
}

void h2_conn_set_peer(struct h2_conn *c, const char *peer, size_t n)
{
    if (n > sizeof c->peer - 1)
        n = sizeof c->peer - 1;
    memcpy(c->peer, peer, n);
    c->peer_len = n;
}

int h2_conn_upgrade(struct h2_conn *c, const char *settings, size_t n,
                    int head)
{
    struct h2_stream *s;

    if (nghttp2_session_upgrade2(c->session, (const uint8_t *)settings, n,
                                 head ? 1 : 0, NULL) != 0)
        return -1;
    s = stream_new(c, 1);
    if (s == NULL)
        return -1;
    s->given = 1;
    s->parsed = 1;
    s->is_head = head ? 1 : 0;
    nghttp2_session_set_stream_user_data(c->session, 1, s);
    return 0;
}

/* Ends the session with GOAWAY code; input after it is ignored. */
static void end_with(struct h2_conn *c, uint32_t code)
{
    c->ended = 1;
    if (nghttp2_session_terminate_session(c->session, code) != 0)
        c->broken = 1;
}

int h2_conn_feed(struct h2_conn *c, const char *p, size_t n, long long now_ms)
{
    ssize_t r;

    if (c->ended || c->broken)
        return 0;
    c->now_ms = now_ms;
    r = nghttp2_session_mem_recv(c->session, (const uint8_t *)p, n);
    if (r >= 0)
        return 0;
    if (r == NGHTTP2_ERR_NOMEM) {
        c->broken = 1;
        return -1;
    }
    if (c->calm != 0)
        end_with(c, c->calm);
    else if (r == NGHTTP2_ERR_FLOODED || r == H2_TOO_MANY_CONTINUATIONS)
        end_with(c, NGHTTP2_ENHANCE_YOUR_CALM);
    else if (r == NGHTTP2_ERR_CALLBACK_FAILURE)
        end_with(c, NGHTTP2_INTERNAL_ERROR); /* out of memory in ours */
    else
        end_with(c, NGHTTP2_PROTOCOL_ERROR);
    return 0;
}

long h2_conn_output(struct h2_conn *c, struct buffer *out, size_t max)
{
    size_t start = out->len;

    while (!c->broken && out->len - start < max) {
        const uint8_t *data;
        ssize_t n = nghttp2_session_mem_send(c->session, &data);
        if (n < 0) {
            c->broken = 1;
            return n == NGHTTP2_ERR_NOMEM ? -1 : (long)(out->len - start);
        }
        if (n == 0)
            break;
        if (buffer_append(out, data, (size_t)n) != 0) {
            c->broken = 1;
            return -1;
        }
    }
    return (long)(out->len - start);
}

int h2_conn_want_close(const struct h2_conn *c)
{
    return c->broken || (!nghttp2_session_want_read(c->session) &&
                         !nghttp2_session_want_write(c->session));
}

int h2_conn_respond(struct h2_conn *c, int32_t stream_id,
                    const struct response *res, long long now)
{
    struct h2_stream *s = stream_of(c, stream_id);

    if (s == NULL || !s->given || s->answered || res == NULL)
        return -1;
    if (wants_ping(res)) {
        if (hold_for_ping(c, s, res, now) == 0)
            return 0;
        nghttp2_submit_rst_stream(c->session, NGHTTP2_FLAG_NONE, s->id,
                                  NGHTTP2_INTERNAL_ERROR);
        return -1;
    }
    if (submit_answer(c, s, res, now) != 0) {
        nghttp2_submit_rst_stream(c->session, NGHTTP2_FLAG_NONE, s->id,
                                  NGHTTP2_INTERNAL_ERROR);
        return -1;
    }
    return s->gen ? 1 : 0;
}

int h2_conn_stream_piece(struct h2_conn *c, int32_t stream_id, const char *p,
                         size_t n, int last)
{
    struct h2_stream *s = stream_of(c, stream_id);

    if (s == NULL || !s->gen || s->last)
        return -1;
    if (n > 0 && buffer_append(&s->out, p, n) != 0)
        return -1;
    if (last)
        s->last = 1;
    if (s->deferred) {
        s->deferred = 0;
        if (nghttp2_session_resume_data(c->session, s->id) != 0)
            return -1;
    }
    return 0;
}

size_t h2_conn_stream_pending(const struct h2_conn *c, int32_t stream_id)
{
    const struct h2_stream *s = stream_of(c, stream_id);

    if (s == NULL)
        return 0;
    return (s->ext != NULL ? s->ext_len : s->out.len) - s->sent;
}

void h2_conn_goaway(struct h2_conn *c)
{
    nghttp2_submit_goaway(c->session, NGHTTP2_FLAG_NONE,
                          nghttp2_session_get_last_proc_stream_id(c->session),
                          NGHTTP2_NO_ERROR, NULL, 0);
}

#else

/* ISO C wants something in every file. */
typedef int h2_not_built;

#endif
