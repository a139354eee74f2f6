/*
 * serve.c: `httpstatus serve`, the event loop around request.c and
 * reply.c.
 *
 * One libuv loop per worker thread, each with its own listening socket
 * on the same port (SO_REUSEPORT), so that the kernel spreads connections
 * and no lock is shared on the hot path. A connection handles one request
 * at a time, in order: it parses a head, reads and discards the body,
 * builds the reply, waits if the reply asks for a delay, and queues the
 * bytes; pipelined requests that arrived meanwhile wait in its buffer, so
 * responses always leave in request order. Replies that need no delay are
 * gathered and sent with one write.
 *
 * Memory: a new connection holds its libuv handles and this struct and
 * nothing else; after a reply it keeps its reply and output buffers when
 * they are small (IDLE_KEEP), for the next one. Reads land in a buffer
 * shared by the worker and are copied to the connection only when a
 * request is left incomplete.
 *
 * Timers: a total deadline for each request head (slowloris), counted
 * from its first byte, or from the accept for the first request; for a
 * request body, the same deadline again from the end of the head, moved
 * later by a second for every BODY_RATE bytes received, and never more
 * than the idle timeout between two reads (so a body trickled a byte at a
 * time is cut as a head would be); an idle timeout between keep-alive
 * requests; the same timer runs ?sleep= delays. A head or body that misses
 * its deadline gets 408 and the connection is closed; an idle connection
 * is closed without a word.
 *
 * Closing: once the last response is sent, the server half-closes and
 * reads on, discarding, until the client closes its side, for at most
 * LINGER_MS and LINGER_MAX bytes. Closing at once with unread bytes (the
 * body of a refused request, a pipelined request after it) would make the
 * kernel reset the connection, and a reset can destroy the response before
 * the client reads it (RFC 9112, Section 9.6).
 *
 * Shutdown: SIGTERM or SIGINT stops every listener, closes idle
 * connections, lets the others finish the response they owe (which then
 * says Connection: close), and exits 0 once all are closed.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* SO_REUSEPORT on glibc */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "server.h"

#define READ_SLAB   65536
#define OUT_HIGH    (1u << 20) /* stop reading while this much is unsent */
#define IDLE_KEEP   2048 /* buffers up to this size stay for the next reply */
#define LINGER_MS   2000 /* a closing connection reads on this long, */
#define LINGER_MAX  (1u << 20) /* and this many bytes at most */
#define BODY_RATE   1024       /* each 1024 body bytes buy the body a second */
#define MAX_WORKERS 64

/* ------------------------------------------------------------ options */

struct settings {
    char host[256];
    int port;
    int workers;
    unsigned max_connections;
    unsigned header_timeout_ms;
    unsigned idle_timeout_ms;
    struct serve_options reply;
    FILE *log;
    int log_json;
};

static const char help_serve[] =
    "usage: httpstatus serve [OPTIONS]\n"
    "\n"
    "Runs a strict HTTP/1.1 test server: GET /503 answers a correct 503.\n"
    "\n"
    "  --listen HOST:PORT     where to listen (default 127.0.0.1:8080; "
    "port 0\n"
    "                         picks a free one; [::1]:8080 for IPv6)\n"
    "  --workers N            event loops, one per thread (default: one per "
    "CPU)\n"
    "  --max-connections N    open connections at most; more get 503 "
    "(default 10000)\n"
    "  --max-sleep MS         the largest ?sleep= accepted (default 30000)\n"
    "  --header-timeout MS    time allowed to send a request head (default "
    "10000);\n"
    "                         a body gets as long again, plus 1 s a KiB\n"
    "  --idle-timeout MS      keep-alive time between requests (default "
    "5000)\n"
    "  --access-log FILE      log each request to FILE ('-': standard "
    "output)\n"
    "  --log-format FORMAT    combined (the default) or json, one object a "
    "line\n"
    "  -h, --help             this help\n"
    "\n"
    "Endpoints: /{code} for 100..599, /random/{codes}, /healthz, "
    "/codes.json;\n"
    "query parameters sleep=MS, header=Name:Value, location=/path,\n"
    "retry_after=S. See httpstatus(1).\n";

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;

    if (*s == '\0')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > max)
            return -1;
    }
    *out = v;
    return 0;
}

/* "HOST:PORT", "[V6]:PORT" or ":PORT". */
static int parse_listen(const char *s, struct settings *st)
{
    const char *colon;
    unsigned long port;
    size_t hlen;

    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (!end || end[1] != ':')
            return -1;
        hlen = (size_t)(end - s - 1);
        if (hlen == 0 || hlen >= sizeof st->host)
            return -1;
        memcpy(st->host, s + 1, hlen);
        colon = end + 1;
    } else {
        colon = strrchr(s, ':');
        if (!colon)
            return -1;
        hlen = (size_t)(colon - s);
        if (hlen >= sizeof st->host)
            return -1;
        if (hlen == 0)
            strcpy(st->host, "0.0.0.0");
        else
            memcpy(st->host, s, hlen);
        if (hlen)
            st->host[hlen] = '\0';
    }
    if (parse_uint(colon + 1, 65535, &port) != 0)
        return -1;
    st->port = (int)port;
    return 0;
}

static void usage_error(const char *fmt, const char *arg)
{
    fputs("httpstatus: serve: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs(": see httpstatus serve --help\n", stderr);
}

static const char *const option_names[] = {
    "--listen",         "--workers",      "--max-connections", "--max-sleep",
    "--header-timeout", "--idle-timeout", "--access-log",      "--log-format",
};

/* "--name" or "--name=value" for one of option_names. */
static int known_option(const char *a)
{
    size_t i, n = strcspn(a, "=");

    for (i = 0; i < sizeof option_names / sizeof option_names[0]; i++)
        if (strlen(option_names[i]) == n &&
            strncmp(a, option_names[i], n) == 0)
            return 1;
    return 0;
}

/* Returns -1 to go on, or an exit status to return at once. */
static int parse_options(int argc, char **argv, struct settings *st)
{
    int i;

    strcpy(st->host, "127.0.0.1");
    st->port = 8080;
    st->workers = (int)uv_available_parallelism();
    st->max_connections = 10000;
    st->header_timeout_ms = 10000;
    st->idle_timeout_ms = 5000;
    st->reply.max_sleep_ms = 30000;
    st->log = NULL;
    st->log_json = 0;

    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        unsigned long n;

        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help_serve, stdout);
            return 0;
        }
        if (strncmp(a, "--", 2) != 0) {
            usage_error("unexpected '%s'", a);
            return 2;
        }
        if (!known_option(a)) {
            usage_error("unknown option '%s'", a);
            return 2;
        }
        if (strchr(a, '=')) {
            value = strchr(a, '=') + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            usage_error("%s needs a value", a);
            return 2;
        }
#define OPTION(name)                                                          \
    (strncmp(a, name, strlen(name)) == 0 &&                                   \
     (a[strlen(name)] == '\0' || a[strlen(name)] == '='))
        if (OPTION("--listen")) {
            if (parse_listen(value, st) != 0) {
                usage_error("--listen wants HOST:PORT, not '%s'", value);
                return 2;
            }
        } else if (OPTION("--workers")) {
            if (parse_uint(value, MAX_WORKERS, &n) != 0 || n == 0) {
                usage_error("--workers wants 1 to 64, not '%s'", value);
                return 2;
            }
            st->workers = (int)n;
        } else if (OPTION("--max-connections")) {
            if (parse_uint(value, 1000000, &n) != 0 || n == 0) {
                usage_error("--max-connections wants 1 to 1000000, not "
                            "'%s'",
                            value);
                return 2;
            }
            st->max_connections = (unsigned)n;
        } else if (OPTION("--max-sleep")) {
            if (parse_uint(value, 3600000, &n) != 0) {
                usage_error("--max-sleep wants milliseconds, up to an hour, "
                            "not '%s'",
                            value);
                return 2;
            }
            st->reply.max_sleep_ms = (unsigned)n;
        } else if (OPTION("--header-timeout")) {
            if (parse_uint(value, 3600000, &n) != 0 || n == 0) {
                usage_error("--header-timeout wants milliseconds, not '%s'",
                            value);
                return 2;
            }
            st->header_timeout_ms = (unsigned)n;
        } else if (OPTION("--idle-timeout")) {
            if (parse_uint(value, 3600000, &n) != 0 || n == 0) {
                usage_error("--idle-timeout wants milliseconds, not '%s'",
                            value);
                return 2;
            }
            st->idle_timeout_ms = (unsigned)n;
        } else if (OPTION("--access-log")) {
            if (strcmp(value, "-") == 0) {
                st->log = stdout;
            } else if ((st->log = fopen(value, "a")) == NULL) {
                fprintf(stderr, "httpstatus: serve: cannot open %s: %s\n",
                        value, strerror(errno));
                return 2;
            }
        } else if (OPTION("--log-format")) {
            if (strcmp(value, "combined") == 0)
                st->log_json = 0;
            else if (strcmp(value, "json") == 0)
                st->log_json = 1;
            else {
                usage_error("--log-format is combined or json, not '%s'",
                            value);
                return 2;
            }
        } else {
            usage_error("unknown option '%s'", a);
            return 2;
        }
#undef OPTION
    }
    return -1;
}

/* ------------------------------------------------------- connections */

enum conn_state {
    READ_HEAD, /* waiting for (the rest of) a request head */
    READ_BODY, /* reading and discarding a request body */
    SLEEPING,  /* a ?sleep= delay before the reply goes out */
    CLOSING    /* done: close once the output is sent */
};

struct worker;

struct conn {
    uv_tcp_t tcp;
    uv_timer_t timer;
    struct worker *w;
    enum conn_state state;
    int handles;     /* open handles, so that freeing waits for both */
    int reading;     /* uv_read_start is in effect */
    int writing;     /* a uv_write is in flight */
    int served;      /* requests answered, for the timer's choice */
    int head_timing; /* the header deadline is running */
    int eof;         /* the client will send no more */
    int lingering;   /* half-closed, reading until the client closes */
    size_t lingered; /* bytes discarded meanwhile */
    /* Received bytes not yet consumed. */
    struct buffer in;
    struct request_parser parser;
    /* The request in progress: its body, and the reply owed. */
    int64_t body_left;
    int body_chunked;
    uint64_t body_due;   /* loop time the body's deadline starts from */
    uint64_t body_bytes; /* body bytes received so far */
    struct chunked chunks;
    struct reply pending;
    char *log_line;
    /* Output gathered while a write is in flight. */
    struct buffer out;
    char peer[64];
};

/* Open connections across all workers: the cap is the server's. */
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned open_connections;

static int take_connection(unsigned max)
{
    int ok;

    pthread_mutex_lock(&open_lock);
    ok = open_connections < max;
    if (ok)
        open_connections++;
    pthread_mutex_unlock(&open_lock);
    return ok;
}

static void give_back_connection(void)
{
    pthread_mutex_lock(&open_lock);
    open_connections--;
    pthread_mutex_unlock(&open_lock);
}

struct worker {
    pthread_t thread;
    uv_loop_t loop;
    uv_tcp_t listener;
    uv_async_t stop;
    const struct settings *st;
    uv_os_sock_t fd;
    int stopping;
    uint64_t rng;
    char slab[READ_SLAB];
    int slab_busy;
    /* Every connection, for shutdown. */
    struct conn **conns;
    size_t nconns, cap_conns;
};

struct write_req {
    uv_write_t req;
    struct buffer data;
};

static void conn_close(struct conn *c);
static void conn_process(struct conn *c);
static void start_write(struct conn *c);

static long long wall_now(void)
{
    return (long long)time(NULL);
}

static int track(struct worker *w, struct conn *c)
{
    if (w->nconns == w->cap_conns) {
        size_t cap = w->cap_conns ? w->cap_conns * 2 : 256;
        struct conn **bigger = realloc(w->conns, cap * sizeof *bigger);
        if (!bigger)
            return -1;
        w->conns = bigger;
        w->cap_conns = cap;
    }
    w->conns[w->nconns++] = c;
    return 0;
}

static void untrack(struct worker *w, struct conn *c)
{
    size_t i;

    for (i = 0; i < w->nconns; i++)
        if (w->conns[i] == c) {
            w->conns[i] = w->conns[--w->nconns];
            return;
        }
}

static void on_handle_closed(uv_handle_t *h)
{
    struct conn *c = h->data;

    if (--c->handles > 0)
        return;
    give_back_connection();
    untrack(c->w, c);
    buffer_free(&c->in);
    buffer_free(&c->out);
    buffer_free(&c->pending.out);
    free(c->log_line);
    free(c);
}

static void conn_close(struct conn *c)
{
    if (uv_is_closing((uv_handle_t *)&c->tcp))
        return;
    uv_timer_stop(&c->timer);
    uv_close((uv_handle_t *)&c->timer, on_handle_closed);
    uv_close((uv_handle_t *)&c->tcp, on_handle_closed);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    struct conn *c = h->data;
    struct worker *w = c->w;

    (void)suggested;
    /* The worker's slab serves every read: the data is consumed or copied
     * to the connection before the next read of the loop. */
    if (!w->slab_busy) {
        w->slab_busy = 1;
        buf->base = w->slab;
        buf->len = sizeof w->slab;
    } else {
        buf->base = NULL;
        buf->len = 0;
    }
}

static void timer_set(struct conn *c);

static void stop_reading(struct conn *c)
{
    if (c->reading) {
        uv_read_stop((uv_stream_t *)&c->tcp);
        c->reading = 0;
    }
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf);

static void start_reading(struct conn *c)
{
    if (!c->reading && c->state != CLOSING &&
        uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read) == 0)
        c->reading = 1;
}

/* ------------------------------------------------------------ logging */

/* Copies s into out with quotes, backslashes and bytes outside printable
 * ASCII escaped, so that a log line stays one line and says what came:
 * \xHH in the combined format, as nginx writes it, and \u00HH in JSON. */
static size_t escape_log(char *out, size_t cap, const char *s, size_t n,
                         int json)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0, i;

    for (i = 0; i < n && o + 7 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\') {
            out[o++] = '\\';
            if (json) {
                memcpy(out + o, "u00", 3);
                o += 3;
            } else {
                out[o++] = 'x';
            }
            out[o++] = hex[ch >> 4];
            out[o++] = hex[ch & 15];
        } else {
            out[o++] = (char)ch;
        }
    }
    out[o] = '\0';
    return o;
}

static char *log_line_for(const struct conn *c, const struct request *req,
                          const struct reply *reply, int status)
{
    const struct settings *st = c->w->st;
    char method[64], target[2048], agent[512], referer[1024], when[64];
    char *line;
    time_t now = time(NULL);
    struct tm tm;
    size_t body = reply->out.len;

    escape_log(method, sizeof method, req ? req->method.p : "",
               req ? req->method.n : 0, st->log_json);
    escape_log(target, sizeof target, req ? req->target.p : "",
               req ? req->target.n : 0, st->log_json);
    escape_log(agent, sizeof agent, req ? req->user_agent.p : "",
               req && req->user_agent.p ? req->user_agent.n : 0, st->log_json);
    escape_log(referer, sizeof referer, req ? req->referer.p : "",
               req && req->referer.p ? req->referer.n : 0, st->log_json);
    gmtime_r(&now, &tm);
    line = malloc(4096 + sizeof target);
    if (!line)
        return NULL;
    if (st->log_json) {
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        snprintf(line, 4096 + sizeof target,
                 "{\"time\": \"%s\", \"remote\": \"%s\", \"method\": \"%s\", "
                 "\"target\": \"%s\", \"version\": \"HTTP/1.%d\", "
                 "\"status\": %d, \"bytes\": %zu, \"sleep_ms\": %u, "
                 "\"referer\": \"%s\", \"user_agent\": \"%s\"}\n",
                 when, c->peer, method, target, req ? req->minor : 1, status,
                 body, reply->sleep_ms, referer, agent);
    } else {
        strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &tm);
        snprintf(line, 4096 + sizeof target,
                 "%s - - [%s] \"%s %s HTTP/1.%d\" %d %zu \"%s\" \"%s\"\n",
                 c->peer, when, method, target, req ? req->minor : 1, status,
                 body, referer[0] ? referer : "-", agent[0] ? agent : "-");
    }
    return line;
}

static void write_log(struct conn *c)
{
    if (c->log_line) {
        /* One fputs a line: stdio locks the stream for it, so lines from
         * several workers do not mix. */
        fputs(c->log_line, c->w->st->log);
        fflush(c->w->st->log);
        free(c->log_line);
        c->log_line = NULL;
    }
}

/* ------------------------------------------------------------ replies */

/* Moves the pending reply to the output and decides what comes next. */
static void deliver(struct conn *c)
{
    write_log(c);
    /* A server that stops, or a client that said it is done, ends the
     * connection after this reply: the reply says so (reply_close() sets
     * close even when it has no memory to say it). */
    if (c->w->stopping || c->eof)
        reply_close(&c->pending);
    if (buffer_append(&c->out, c->pending.out.data, c->pending.out.len) != 0)
        c->pending.close = 1; /* out of memory: give up on the connection */
    c->pending.out.len = 0;
    if (c->pending.out.cap > IDLE_KEEP)
        buffer_free(&c->pending.out);
    c->served++;
    /* What the connection still has buffered is left for its caller to
     * drop: run_requests() may be reading it right now. */
    if (c->pending.close || c->w->stopping || c->eof) {
        c->state = CLOSING;
        stop_reading(c);
    } else {
        c->state = READ_HEAD;
        memset(&c->parser, 0, sizeof c->parser);
    }
}

static void on_linger_timeout(uv_timer_t *t)
{
    conn_close(t->data);
}

static void on_linger_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    struct conn *c = s->data;

    if (buf->base == c->w->slab)
        c->w->slab_busy = 0;
    if (n < 0) {
        conn_close(c); /* the client closed too, or the connection broke */
        return;
    }
    c->lingered += (size_t)n;
    if (c->lingered > LINGER_MAX)
        conn_close(c);
}

static void on_shutdown(uv_shutdown_t *req, int status)
{
    struct conn *c = req->data;

    free(req);
    if (status < 0)
        conn_close(c);
}

/* The connection is done and its output sent: half-close and linger (see
 * the top of this file), or close at once when the client has closed its
 * side already. */
static void conn_end(struct conn *c)
{
    uv_shutdown_t *req;

    if (c->lingering || uv_is_closing((uv_handle_t *)&c->tcp))
        return;
    if (c->eof || (req = malloc(sizeof *req)) == NULL) {
        conn_close(c);
        return;
    }
    req->data = c;
    if (uv_shutdown(req, (uv_stream_t *)&c->tcp, on_shutdown) != 0) {
        free(req);
        conn_close(c);
        return;
    }
    c->lingering = 1;
    stop_reading(c);
    if (uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_linger_read) != 0) {
        conn_close(c);
        return;
    }
    c->reading = 1;
    uv_timer_start(&c->timer, on_linger_timeout, LINGER_MS, 0);
}

/* Sends what is queued, and ends a connection that is done and has
 * nothing left to send. */
static void settle(struct conn *c)
{
    start_write(c);
    if (c->state == CLOSING && !c->writing)
        conn_end(c);
}

static void on_sleep_done(uv_timer_t *t)
{
    struct conn *c = t->data;

    deliver(c);
    if (c->state == READ_HEAD) {
        timer_set(c);
        start_reading(c);
        conn_process(c);
    }
    settle(c);
}

/* The request's body is read: reply now, or after its delay. */
static void finish_request(struct conn *c)
{
    if (c->pending.sleep_ms > 0) {
        c->state = SLEEPING;
        stop_reading(c);
        uv_timer_stop(&c->timer);
        /* The loop's clock was read before this request's bytes, and
         * counts whole milliseconds: read it again, and wait one more, so
         * that the delay is never shorter than asked. */
        uv_update_time(&c->w->loop);
        uv_timer_start(&c->timer, on_sleep_done,
                       (uint64_t)c->pending.sleep_ms + 1, 0);
        return;
    }
    deliver(c);
}

static void refuse(struct conn *c, int status, const struct request *req)
{
    buffer_free(&c->pending.out);
    memset(&c->pending, 0, sizeof c->pending);
    if (reply_error(status, NULL, wall_now(), &c->pending) != 0) {
        c->state = CLOSING;
        return;
    }
    c->pending.close = 1;
    if (c->w->st->log)
        c->log_line = log_line_for(c, req, &c->pending, status);
    deliver(c);
}

/* ------------------------------------------------------------ timers */

static void on_timer(uv_timer_t *t)
{
    struct conn *c = t->data;

    /* A head or a body that missed its deadline gets 408;
     * a connection that never sent a byte, or sat idle between requests,
     * is closed without a word. */
    if ((c->state == READ_HEAD && c->head_timing && c->in.len > 0) ||
        c->state == READ_BODY) {
        refuse(c, 408, NULL);
        settle(c);
        return;
    }
    conn_close(c);
}

/* Arms the timer for the connection's state. The header deadline is a
 * total: once running, more bytes do not extend it, or a client sending a
 * byte a second could hold the connection for ever. A body's deadline
 * moves only as fast as BODY_RATE allows, for the same reason. */
static void timer_set(struct conn *c)
{
    const struct settings *st = c->w->st;

    if (c->state == READ_HEAD && (c->in.len > 0 || c->served == 0)) {
        if (!c->head_timing) {
            c->head_timing = 1;
            uv_timer_start(&c->timer, on_timer, st->header_timeout_ms, 0);
        }
        return;
    }
    c->head_timing = 0;
    if (c->state == READ_BODY) {
        uint64_t now = uv_now(&c->w->loop);
        uint64_t due = c->body_due + c->body_bytes / BODY_RATE * 1000;
        if (due > now + st->idle_timeout_ms)
            due = now + st->idle_timeout_ms;
        uv_timer_start(&c->timer, on_timer, due > now ? due - now : 0, 0);
        return;
    }
    uv_timer_start(&c->timer, on_timer, st->idle_timeout_ms, 0);
}

/* ------------------------------------------------------------ writing */

static void on_written(uv_write_t *req, int status)
{
    struct write_req *wr = (struct write_req *)req;
    struct conn *c = req->data;

    buffer_free(&wr->data);
    free(wr);
    c->writing = 0;
    if (status < 0) {
        conn_close(c);
        return;
    }
    if (c->out.len > 0) {
        start_write(c);
        return;
    }
    if (c->state == CLOSING) {
        conn_end(c);
        return;
    }
    /* Reading stopped while too much output waited. */
    if (c->state == READ_HEAD || c->state == READ_BODY) {
        start_reading(c);
        conn_process(c);
    }
}

static void start_write(struct conn *c)
{
    struct write_req *wr;
    uv_buf_t buf;
    int n;

    if (c->writing || c->out.len == 0)
        return;
    /* Most replies fit the socket buffer: send them now, which spares the
     * write request, its callback and a poll change per response. */
    buf = uv_buf_init(c->out.data, (unsigned)c->out.len);
    n = uv_try_write((uv_stream_t *)&c->tcp, &buf, 1);
    if (n < 0 && n != UV_EAGAIN) {
        conn_close(c);
        return;
    }
    if (n > 0) {
        memmove(c->out.data, c->out.data + n, c->out.len - (size_t)n);
        c->out.len -= (size_t)n;
    }
    if (c->out.len == 0) {
        if (c->out.cap > IDLE_KEEP)
            buffer_free(&c->out);
        return;
    }
    wr = malloc(sizeof *wr);
    if (!wr) {
        conn_close(c);
        return;
    }
    /* The rest moves to the write request; new output gathers in a fresh
     * buffer meanwhile. */
    wr->data = c->out;
    memset(&c->out, 0, sizeof c->out);
    wr->req.data = c;
    buf = uv_buf_init(wr->data.data, (unsigned)wr->data.len);
    if (uv_write(&wr->req, (uv_stream_t *)&c->tcp, &buf, 1, on_written) != 0) {
        buffer_free(&wr->data);
        free(wr);
        conn_close(c);
        return;
    }
    c->writing = 1;
}

/* ------------------------------------------------------------ reading */

/* Runs the requests in data[0..len) until one is incomplete, sleeps or
 * ends the connection. Returns the bytes consumed. */
static size_t run_requests(struct conn *c, const char *data, size_t len)
{
    size_t pos = 0;

    while (pos < len || c->state == READ_BODY) {
        if (c->state == READ_HEAD) {
            struct request req;
            int r = request_parse(&c->parser, data + pos, len - pos, &req);
            if (r == 0)
                break;
            if (r < 0) {
                refuse(c, -r, NULL);
                return len;
            }
            pos += (size_t)r;
            c->head_timing = 0;
            memset(&c->parser, 0, sizeof c->parser);
            {
                /* The reply buffer is reused from request to request. */
                struct buffer keep = c->pending.out;
                keep.len = 0;
                memset(&c->pending, 0, sizeof c->pending);
                c->pending.out = keep;
            }
            if (reply_build(&req, &c->w->st->reply, wall_now(), &c->w->rng,
                            &c->pending) != 0) {
                refuse(c, 500, &req);
                return len;
            }
            if (c->w->st->log)
                c->log_line =
                    log_line_for(c, &req, &c->pending, c->pending.status);
            c->body_chunked = req.chunked;
            c->body_left = req.chunked              ? 0
                           : req.content_length > 0 ? req.content_length
                                                    : 0;
            memset(&c->chunks, 0, sizeof c->chunks);
            if (req.chunked || c->body_left > 0) {
                c->state = READ_BODY;
                c->body_due =
                    uv_now(&c->w->loop) + c->w->st->header_timeout_ms;
                c->body_bytes = 0;
                /* Expect: 100-continue: the client waits for a word
                 * before it sends the body, so say go on. */
                if (req.expect_continue && req.minor == 1 && pos == len)
                    buffer_puts(&c->out, "HTTP/1.1 100 Continue\r\n\r\n");
            } else {
                finish_request(c);
            }
            if (c->state != READ_HEAD && c->state != READ_BODY)
                return pos;
            continue;
        }
        if (c->state == READ_BODY) {
            if (c->body_chunked) {
                int done = 0;
                long used =
                    chunked_read(&c->chunks, data + pos, len - pos, &done);
                if (used < 0) {
                    refuse(c, 400, NULL);
                    return len;
                }
                pos += (size_t)used;
                c->body_bytes += (uint64_t)used;
                if (!done)
                    break;
            } else {
                size_t take = len - pos;
                if ((uint64_t)take > (uint64_t)c->body_left)
                    take = (size_t)c->body_left;
                pos += take;
                c->body_left -= (int64_t)take;
                c->body_bytes += take;
                if (c->body_left > 0)
                    break;
            }
            finish_request(c);
            if (c->state != READ_HEAD)
                return pos;
            continue;
        }
        break;
    }
    return pos;
}

/* Processes what the connection has buffered (after a delay, or after
 * output drained). */
static void conn_process(struct conn *c)
{
    size_t used;

    if (c->in.len == 0 || c->state == SLEEPING || c->state == CLOSING)
        return;
    used = run_requests(c, c->in.data, c->in.len);
    if (c->state == CLOSING)
        used = c->in.len; /* what follows the last reply goes unread */
    memmove(c->in.data, c->in.data + used, c->in.len - used);
    c->in.len -= used;
    if (c->in.len == 0)
        buffer_free(&c->in);
    if (c->state == READ_HEAD || c->state == READ_BODY)
        timer_set(c);
    settle(c);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    struct conn *c = s->data;
    struct worker *w = c->w;

    if (buf->base == w->slab)
        w->slab_busy = 0;
    if (n < 0) {
        /* The client is done sending: a reply still owed goes out first
         * (printf ... | nc closes its side at once). */
        c->eof = 1;
        stop_reading(c);
        if (c->state == SLEEPING)
            return;
        /* Otherwise every complete request has its reply queued, and an
         * unfinished one is owed nothing. */
        c->state = CLOSING;
        settle(c);
        return;
    }
    if (n == 0)
        return;
    if (c->state == CLOSING || c->state == SLEEPING) {
        /* Pipelined bytes that arrive during a delay wait their turn. */
        if (c->state == SLEEPING &&
            buffer_append(&c->in, buf->base, (size_t)n) != 0)
            conn_close(c);
        return;
    }
    if (c->in.len == 0) {
        /* The usual case: parse straight from the slab, keep only what
         * is left of an incomplete request. */
        size_t used = run_requests(c, buf->base, (size_t)n);
        if (used < (size_t)n && c->state != CLOSING &&
            buffer_append(&c->in, buf->base + used, (size_t)n - used) != 0) {
            conn_close(c);
            return;
        }
    } else {
        if (buffer_append(&c->in, buf->base, (size_t)n) != 0) {
            conn_close(c);
            return;
        }
        conn_process(c);
        return;
    }
    if (c->state == READ_HEAD || c->state == READ_BODY)
        timer_set(c);
    settle(c);
    /* A client that sends faster than it reads waits until the output
     * drains (on_written starts reading again). */
    if (c->writing && c->out.len >= OUT_HIGH)
        stop_reading(c);
}

/* ------------------------------------------------------------ accepting */

/* What a connection over the cap gets before the server closes it. */
static const char busy_reply[] = "HTTP/1.1 503 Service Unavailable\r\n"
                                 "Content-Type: text/plain; charset=utf-8\r\n"
                                 "Content-Length: 42\r\n"
                                 "Retry-After: 1\r\n"
                                 "Access-Control-Allow-Origin: *\r\n"
                                 "Connection: close\r\n"
                                 "\r\n"
                                 "The server has too many connections open.\n";

static void on_busy_closed(uv_handle_t *h)
{
    free(h);
}

/* Refuses a connection over the cap: the 503, then the close. What the
 * client has sent already is read and dropped first, or the close would
 * be a reset, which can destroy the 503 before the client reads it. No
 * lingering: that would take memory the cap is there to bound. */
static void refuse_busy(uv_tcp_t *t)
{
    uv_buf_t b = uv_buf_init((char *)busy_reply, sizeof busy_reply - 1);
    uv_os_fd_t fd;
    char sink[4096];
    int k;

    uv_try_write((uv_stream_t *)t, &b, 1);
    if (uv_fileno((uv_handle_t *)t, &fd) == 0) {
        for (k = 0; k < 16 && recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0;
             k++)
            ;
        shutdown(fd, SHUT_WR);
    }
}

static void on_connection(uv_stream_t *server, int status)
{
    struct worker *w = server->data;
    struct conn *c;
    struct sockaddr_storage addr;
    int alen = sizeof addr;

    if (status < 0)
        return;
    if (!take_connection(w->st->max_connections)) {
        /* Over the cap: a clean refusal, then the door. */
        uv_tcp_t *t = malloc(sizeof *t);
        if (!t)
            return;
        uv_tcp_init(&w->loop, t);
        if (uv_accept(server, (uv_stream_t *)t) == 0)
            refuse_busy(t);
        uv_close((uv_handle_t *)t, on_busy_closed);
        return;
    }
    c = calloc(1, sizeof *c);
    if (!c) {
        give_back_connection();
        return;
    }
    c->w = w;
    uv_tcp_init(&w->loop, &c->tcp);
    uv_timer_init(&w->loop, &c->timer);
    c->tcp.data = c->timer.data = c;
    c->handles = 2;
    if (track(w, c) != 0 || uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
        conn_close(c);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    strcpy(c->peer, "-");
    if (w->st->log &&
        uv_tcp_getpeername(&c->tcp, (struct sockaddr *)&addr, &alen) == 0) {
        if (addr.ss_family == AF_INET6)
            uv_ip6_name((struct sockaddr_in6 *)&addr, c->peer, sizeof c->peer);
        else
            uv_ip4_name((struct sockaddr_in *)&addr, c->peer, sizeof c->peer);
    }
    c->state = READ_HEAD;
    /* The header deadline counts from now, not from when the loop last
     * read its clock, which a burst of accepts can leave behind. */
    uv_update_time(&w->loop);
    timer_set(c);
    start_reading(c);
}

/* ------------------------------------------------------------ workers */

static void on_stop(uv_async_t *a)
{
    struct worker *w = a->data;
    size_t i;

    w->stopping = 1;
    uv_close((uv_handle_t *)&w->listener, NULL);
    uv_close((uv_handle_t *)&w->stop, NULL);
    /* Idle connections go now, without lingering: they are owed nothing;
     * the others after the reply they owe. */
    for (i = w->nconns; i-- > 0;) {
        struct conn *c = w->conns[i];
        if (c->state == READ_HEAD) {
            c->state = CLOSING;
            stop_reading(c);
            if (!c->writing && c->out.len == 0)
                conn_close(c);
            else
                settle(c);
        }
    }
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;

    uv_run(&w->loop, UV_RUN_DEFAULT);
    return NULL;
}

/* A listening socket of our own, so that SO_REUSEPORT can be set before
 * bind. */
static int open_listener(struct worker *w, const struct settings *st, int port,
                         int *bound_port)
{
    struct sockaddr_storage addr;
    socklen_t alen;
    int fd, one = 1, family;

    memset(&addr, 0, sizeof addr);
    if (uv_ip4_addr(st->host, port, (struct sockaddr_in *)&addr) == 0) {
        family = AF_INET;
        alen = sizeof(struct sockaddr_in);
    } else if (uv_ip6_addr(st->host, port, (struct sockaddr_in6 *)&addr) ==
               0) {
        family = AF_INET6;
        alen = sizeof(struct sockaddr_in6);
    } else {
        fprintf(stderr, "httpstatus: serve: '%s' is not an IP address\n",
                st->host);
        return -1;
    }
    fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
#ifdef SO_REUSEPORT
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
#endif
    if (bind(fd, (struct sockaddr *)&addr, alen) != 0 ||
        listen(fd, 4096) != 0) {
        fprintf(stderr, "httpstatus: serve: cannot listen on %s:%d: %s\n",
                st->host, port, strerror(errno));
        close(fd);
        return -1;
    }
    alen = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &alen);
    *bound_port =
        ntohs(family == AF_INET ? ((struct sockaddr_in *)&addr)->sin_port
                                : ((struct sockaddr_in6 *)&addr)->sin6_port);
    uv_tcp_init(&w->loop, &w->listener);
    w->listener.data = w;
    if (uv_tcp_open(&w->listener, fd) != 0 ||
        uv_listen((uv_stream_t *)&w->listener, 4096, on_connection) != 0) {
        close(fd);
        return -1;
    }
    return 0;
}

int serve_main(int argc, char **argv)
{
    static struct settings st;
    struct worker *workers;
    sigset_t signals;
    int status, i, port, started = 0, sig;

    status = parse_options(argc, argv, &st);
    if (status >= 0)
        return status;
#ifndef SO_REUSEPORT
    st.workers = 1;
#endif
    workers = calloc((size_t)st.workers, sizeof *workers);
    if (!workers)
        return 2;

    /* Signals go to this thread alone, which turns them into a stop
     * message for every worker. */
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    port = st.port;
    for (i = 0; i < st.workers; i++) {
        struct worker *w = &workers[i];
        int bound;
        w->st = &st;
        w->rng = UINT64_C(0x9e3779b97f4a7c15) ^ ((uint64_t)time(NULL) << 8) ^
                 (uint64_t)i;
        uv_loop_init(&w->loop);
        uv_async_init(&w->loop, &w->stop, on_stop);
        w->stop.data = w;
        if (open_listener(w, &st, port, &bound) != 0)
            break;
        /* Port 0: the first worker's pick is every worker's port. */
        port = bound;
        started++;
    }
    if (started < st.workers) {
        for (i = 0; i < started; i++)
            uv_close((uv_handle_t *)&workers[i].listener, NULL);
        return 2;
    }
    for (i = 0; i < st.workers; i++)
        pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);

    fprintf(stderr,
            "httpstatus serve: listening on http://%s%s%s:%d/ with %d "
            "worker%s\n",
            strchr(st.host, ':') ? "[" : "", st.host,
            strchr(st.host, ':') ? "]" : "", port, st.workers,
            st.workers == 1 ? "" : "s");
    fflush(stderr);

    sigwait(&signals, &sig);
    fprintf(stderr, "httpstatus serve: %s: finishing open responses\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    for (i = 0; i < st.workers; i++)
        uv_async_send(&workers[i].stop);
    for (i = 0; i < st.workers; i++) {
        pthread_join(workers[i].thread, NULL);
        uv_loop_close(&workers[i].loop);
        free(workers[i].conns);
    }
    free(workers);
    if (st.log && st.log != stdout)
        fclose(st.log);
    fprintf(stderr, "httpstatus serve: stopped\n");
    return 0;
}
