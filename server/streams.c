/* streams.c: random bytes, streamed content and slow drips.
 *
 *   /bytes/{n}          n random bytes, application/octet-stream
 *   /stream-bytes/{n}   the same, made piece by piece: ?chunk_size bytes
 *                       a piece (10240 by default)
 *   /stream/{n}         n lines, each the /get echo object on one line with
 *                       an "id" member first, 0 to n - 1 (text/plain, as
 *                       go-httpbin's: n JSON texts are no one JSON text)
 *   /drip               ?numbytes '*' bytes spread over ?duration seconds,
 *                       after ?delay seconds, with status ?code
 *   /sse                ?count server-sent events spread over ?duration
 *                       seconds, after ?delay seconds
 *
 * The streams are generators (server.h): the writer frames them chunked
 * to HTTP/1.1 clients, and sends them to HTTP/1.0 clients as they come,
 * the close ending them; /drip's length is known, so it has a
 * Content-Length and no chunks.
 *
 * Decisions, go-httpbin's unless said:
 *
 *  - /bytes and /stream-bytes: n is digits; above 102400 it is taken as
 *    102400. ?seed (a decimal int64, optional '-') makes the bytes the
 *    same from one request to the next; the bytes come from rng.c's
 *    generator, not Go's, so they are not go-httpbin's bytes for that
 *    seed. Without a seed they are drawn from the worker's generator.
 *    ?chunk_size is digits, 1 to 102400 (go-httpbin takes any integer
 *    and sends everything in one write for 0 or less).
 *  - /stream/{n}: n is an integer (optional sign), taken as 1 when below
 *    1 and as 100 when above 100.
 *  - /drip: ?numbytes is 1 to the server's --max-body (10 by default);
 *    ?duration and ?delay are seconds, with decimals (down to the
 *    millisecond), or a number followed by "s" or "ms" (2 s each by
 *    default); together they may not exceed the server's --max-sleep,
 *    which plays go-httpbin's max duration. ?code is a status from 200
 *    to 599 (go-httpbin takes 1xx too, which cannot be a final status:
 *    RFC 9110, Section 15.2). The bytes go one a piece, evenly spaced
 *    with no wait after the last; when that would be more than one
 *    piece a millisecond, pieces of several bytes go a millisecond
 *    apart.
 *  - /sse: text/event-stream, the events of the HTML standard's Section
 *    9.2, in go-httpbin's form: "event: ping", then "data: " and a JSON
 *    object with the event's "id" (0 to count - 1) and "timestamp" (the
 *    wall clock when it goes, in milliseconds since 1970), then an empty
 *    line. No "id:" field, as go-httpbin: a client that reconnects
 *    starts again. ?count is 1 to the server's --max-body divided by the
 *    size of one event (18724 for 1 MiB, as go-httpbin's bound);
 *    ?duration (above 0, 5 s by default) and ?delay (0 by default) are
 *    read as /drip reads them and share its --max-sleep bound. The
 *    events go duration / (count - 1) apart, none after the last; the
 *    delay comes before the head. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "echo.h"
#include "handlers.h"
#include "server.h"

#define BYTES_MAX          102400u
#define CHUNK_DEFAULT      10240u
#define STREAM_LINES_MAX   100
#define DRIP_BYTES_DEFAULT 10u
#define DRIP_MS_DEFAULT    2000u
#define SSE_COUNT_DEFAULT  10u
#define SSE_MS_DEFAULT     5000u
#define OCTET_TYPE         "application/octet-stream"
#define LINES_TYPE         "text/plain; charset=utf-8"
#define SSE_TYPE           "text/event-stream; charset=utf-8"
/* One event as it goes out, with id 999 and a timestamp of 2023: what
 * --max-body is divided by for the largest ?count, as go-httpbin does. */
#define SSE_EVENT_SAMPLE                                                      \
    "event: ping\ndata: {\"id\":999,\"timestamp\":1700000000000}\n\n"

/* ---------------------------------------------------------- generators */

/* state: bytes left, the random state, the piece size, the draw being
 * used and its bytes not yet used: eight bytes a draw, whatever the
 * pieces, so that a seed gives the same bytes in any piece size. */
static int next_random(struct generator *g, struct buffer *out)
{
    uint64_t n = g->state[0] < g->state[2] ? g->state[0] : g->state[2];
    uint64_t i;

    if (buffer_reserve(out, (size_t)n) != 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (g->state[4] == 0) {
            g->state[3] = rng_next(&g->state[1]);
            g->state[4] = 8;
        }
        out->data[out->len + i] = (char)(g->state[3] & 0xff);
        g->state[3] >>= 8;
        g->state[4]--;
    }
    out->len += (size_t)n;
    out->data[out->len] = '\0';
    g->state[0] -= n;
    return g->state[0] > 0;
}

/* state: the echo object on one line without its braces (a pointer
 * into the reply's held body), its length, the next id, the number of
 * lines. "id" comes first, as in go-httpbin's lines. */
static int next_line(struct generator *g, struct buffer *out)
{
    const char *text = (const char *)(uintptr_t)g->state[0];
    int r =
        buffer_printf(out, "{\"id\": %llu, ", (unsigned long long)g->state[2]);

    r |= buffer_append(out, text, (size_t)g->state[1]);
    r |= buffer_puts(out, "}\n");
    if (r != 0)
        return -1;
    return ++g->state[2] < g->state[3];
}

/* state: bytes left, bytes a piece. */
static int next_drip(struct generator *g, struct buffer *out)
{
    uint64_t n = g->state[0] < g->state[1] ? g->state[0] : g->state[1];

    if (buffer_reserve(out, (size_t)n) != 0)
        return -1;
    memset(out->data + out->len, '*', (size_t)n);
    out->len += (size_t)n;
    out->data[out->len] = '\0';
    g->state[0] -= n;
    return g->state[0] > 0;
}

/* state: the next id, the number of events. */
static int next_event(struct generator *g, struct buffer *out)
{
    struct timespec ts;
    long long ms = 0;

    if (clock_gettime(CLOCK_REALTIME, &ts) == 0)
        ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    if (buffer_printf(out,
                      "event: ping\ndata: {\"id\":%llu,\"timestamp\":%lld}"
                      "\n\n",
                      (unsigned long long)g->state[0], ms) != 0)
        return -1;
    return ++g->state[0] < g->state[1];
}

/* ------------------------------------------------------------- parsing */

/* An integer: an optional sign and digits, saturating at +-2^62. */
static int parse_int(const char *p, size_t n, long long *out)
{
    const long long cap = 1LL << 62;
    long long v = 0;
    size_t i = 0;
    int neg = 0;

    if (n > 0 && (p[0] == '-' || p[0] == '+'))
        neg = p[i++] == '-';
    if (i == n)
        return -1;
    for (; i < n; i++) {
        if (!is_digit((unsigned char)p[i]))
            return -1;
        v = v >= cap / 10 ? cap : v * 10 + (p[i] - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

/* Seconds with decimals ("1.5"), or a number and "s" or "ms": 0 with
 * the milliseconds (at most max), or -1. */
static int parse_ms(struct slice v, unsigned max, unsigned *out)
{
    const char *p = v.p;
    size_t n = v.n, i = 0;
    uint64_t whole = 0, frac = 0, scale = 1000;
    int digits = 0, ms = 0;

    if (n >= 2 && p[n - 2] == 'm' && p[n - 1] == 's') {
        ms = 1;
        n -= 2;
    } else if (n >= 1 && p[n - 1] == 's') {
        n -= 1;
    }
    for (; i < n && is_digit((unsigned char)p[i]); i++, digits++) {
        whole = whole * 10 + (uint64_t)(p[i] - '0');
        if (whole > max)
            return -1;
    }
    if (i < n && p[i] == '.') {
        for (i++; i < n && is_digit((unsigned char)p[i]); i++, digits++) {
            scale /= 10;
            frac += (uint64_t)(p[i] - '0') * scale;
        }
    }
    if (i != n || digits == 0)
        return -1;
    if (!ms)
        whole = whole * 1000 + frac;
    if (whole > max)
        return -1;
    *out = (unsigned)whole;
    return 0;
}

/* The query's parameter name, read by parse_ms() into *ms (left as it is
 * when absent), at most --max-sleep and, when positive, above 0: 0, or
 * -1 after refusing the request. */
static int query_ms(struct exchange *x, const char *name, int positive,
                    unsigned *ms)
{
    unsigned max = x->opt->max_sleep_ms;
    struct slice v;

    if (query_param(x->req->query, name, &v) == 0)
        return 0;
    if (parse_ms(v, max, ms) == 0 && (!positive || *ms > 0))
        return 0;
    refuse_request(x,
                   "%s must be seconds%s, as in 1.5, 1.5s or 1500ms, at "
                   "most the server's --max-sleep (%u ms).",
                   name, positive ? " above 0" : "", max);
    return -1;
}

/* ------------------------------------------------------------ handlers */

/* /bytes/{n} and /stream-bytes/{n}. */
static int respond_bytes(struct exchange *x, int streamed)
{
    struct response *res = x->res;
    struct slice v;
    unsigned n, chunk = CHUNK_DEFAULT;
    uint64_t state;
    const char *p = x->arg[0].p;
    size_t len = x->arg[0].n, i;
    uint64_t big = 0;

    for (i = 0; i < len; i++) {
        if (!is_digit((unsigned char)p[i]))
            break;
        big = big > BYTES_MAX ? big : big * 10 + (uint64_t)(p[i] - '0');
    }
    if (len == 0 || i < len) {
        refuse_request(x,
                       "The number of bytes is digits only, as in "
                       "/bytes/1024 (above %u, %u are sent).",
                       BYTES_MAX, BYTES_MAX);
        return 0;
    }
    n = big > BYTES_MAX ? BYTES_MAX : (unsigned)big;
    if (query_param(x->req->query, "seed", &v) > 0) {
        if (rng_seed(v.p, v.n, &state) != 0) {
            refuse_request(x, "seed must be a whole number from "
                              "-9223372036854775808 to "
                              "9223372036854775807.");
            return 0;
        }
    } else {
        state = rng_next(x->rng);
    }
    if (streamed && query_param(x->req->query, "chunk_size", &v) > 0 &&
        (parse_bounded(v.p, v.n, BYTES_MAX, &chunk) != 0 || chunk == 0)) {
        refuse_request(x,
                       "chunk_size must be a number of bytes, digits "
                       "only, from 1 to %u.",
                       BYTES_MAX);
        return 0;
    }
    if (n == 0)
        return 0; /* no content, no type, as go-httpbin */
    response_add(res, "Content-Type", OCTET_TYPE);
    res->gen.next = next_random;
    res->gen.state[0] = n;
    res->gen.state[1] = state;
    res->gen.state[2] = streamed ? chunk : n;
    if (streamed)
        return 0;
    /* Made whole, here: a Content-Length and no generator. */
    while (res->gen.state[0] > 0)
        if (next_random(&res->gen, &res->body) < 0)
            return -1;
    memset(&res->gen, 0, sizeof res->gen);
    return 0;
}

int handle_bytes(struct exchange *x)
{
    return respond_bytes(x, 0);
}

int handle_stream_bytes(struct exchange *x)
{
    return respond_bytes(x, 1);
}

int handle_stream(struct exchange *x)
{
    struct response *res = x->res;
    struct buffer *b = &res->body;
    long long n;
    size_t i, j;
    int r;

    if (parse_int(x->arg[0].p, x->arg[0].n, &n) != 0) {
        refuse_request(x, "/stream/{n} takes a number of lines, a whole "
                          "number (1 to 100; others are taken as the "
                          "nearest).");
        return 0;
    }
    n = n < 1 ? 1 : n > STREAM_LINES_MAX ? STREAM_LINES_MAX : n;
    r = echo_open(x, ECHO_ARGS | ECHO_HEADERS | ECHO_ORIGIN | ECHO_URL, b);
    if (r != 0)
        return r < 0 ? -1 : 0;
    /* One line: JSON strings hold no raw newline, so every newline and
     * the indentation after it are layout, and go. */
    for (i = j = 0; i < b->len; i++) {
        if (b->data[i] == '\n') {
            while (i + 1 < b->len && b->data[i + 1] == ' ')
                i++;
            continue;
        }
        b->data[j++] = b->data[i];
    }
    b->len = j;
    b->data[j] = '\0';
    response_add(res, "Content-Type", LINES_TYPE);
    res->gen.next = next_line;
    /* Without the opening brace: the lines add it, and "id". */
    res->gen.state[0] = (uint64_t)(uintptr_t)(b->data + 1);
    res->gen.state[1] = b->len - 1;
    res->gen.state[2] = 0;
    res->gen.state[3] = (uint64_t)n;
    return 0;
}

int handle_drip(struct exchange *x)
{
    struct response *res = x->res;
    struct slice q = x->req->query, v;
    unsigned max = x->opt->max_sleep_ms, duration = DRIP_MS_DEFAULT,
             delay = DRIP_MS_DEFAULT, numbytes = DRIP_BYTES_DEFAULT;
    unsigned max_bytes = x->opt->max_body > 0xffffffffu
                             ? 0xffffffffu
                             : (unsigned)x->opt->max_body;
    int code = 200;
    uint64_t pieces, per;

    if (query_ms(x, "duration", 0, &duration) != 0 ||
        query_ms(x, "delay", 0, &delay) != 0)
        return 0;
    if (query_param(q, "numbytes", &v) > 0 &&
        (parse_bounded(v.p, v.n, max_bytes, &numbytes) != 0 ||
         numbytes == 0)) {
        refuse_request(x,
                       "numbytes must be digits only, from 1 to %u (the "
                       "server's --max-body).",
                       max_bytes);
        return 0;
    }
    if (query_param(q, "code", &v) > 0 &&
        ((code = parse_status_code(v.p, v.n)) < 200)) {
        refuse_request(x, "code must be a final status code, three digits "
                          "from 200 to 599.");
        return 0;
    }
    if ((uint64_t)duration + delay > max) {
        refuse_request(x,
                       "duration and delay add up to %llu ms, more than "
                       "the server's --max-sleep (%u ms).",
                       (unsigned long long)duration + delay, max);
        return 0;
    }
    response_reset(res, code);
    response_add(res, "Content-Type", OCTET_TYPE);
    res->delay_ms = delay;
    /* One byte a piece, numbytes - 1 waits; pieces of several bytes when
     * that would be more than one a millisecond. */
    pieces = numbytes;
    if (duration == 0)
        pieces = 1;
    else if (pieces - 1 > duration)
        pieces = (uint64_t)duration + 1;
    per = (numbytes + pieces - 1) / pieces;
    pieces = (numbytes + per - 1) / per;
    res->gen.next = next_drip;
    res->gen.state[0] = numbytes;
    res->gen.state[1] = per;
    res->gen.interval_ms =
        pieces > 1 ? (unsigned)(duration / (pieces - 1)) : 0;
    res->length = numbytes;
    return 0;
}

int handle_sse(struct exchange *x)
{
    struct response *res = x->res;
    struct slice q = x->req->query, v;
    unsigned max = x->opt->max_sleep_ms, duration = SSE_MS_DEFAULT, delay = 0,
             count = SSE_COUNT_DEFAULT;
    size_t most = x->opt->max_body / (sizeof SSE_EVENT_SAMPLE - 1);
    unsigned max_count = most > 0xffffffffu ? 0xffffffffu
                         : most < 1         ? 1
                                            : (unsigned)most;

    if (query_param(q, "count", &v) > 0 &&
        (parse_bounded(v.p, v.n, max_count, &count) != 0 || count == 0)) {
        refuse_request(x,
                       "count must be digits only, from 1 to %u (the "
                       "server's --max-body over the size of an event).",
                       max_count);
        return 0;
    }
    if (query_ms(x, "duration", 1, &duration) != 0 ||
        query_ms(x, "delay", 0, &delay) != 0)
        return 0;
    if ((uint64_t)duration + delay > max) {
        refuse_request(x,
                       "duration and delay add up to %llu ms, more than "
                       "the server's --max-sleep (%u ms).",
                       (unsigned long long)duration + delay, max);
        return 0;
    }
    response_reset(res, 200);
    response_add(res, "Content-Type", SSE_TYPE);
    res->delay_ms = delay;
    res->gen.next = next_event;
    res->gen.state[0] = 0;
    res->gen.state[1] = count;
    res->gen.interval_ms = count > 1 ? duration / (count - 1) : 0;
    return 0;
}
