/*
 * serve.c: `httpstatus serve`, the event loop around the request parser
 * (request.c) and reply_build() (the route table, then the HTTP/1.1
 * writer).
 *
 * One libuv loop per worker thread, each with its own listening socket
 * on the same port (SO_REUSEPORT), so that the kernel spreads connections
 * and no lock is shared on the hot path. A connection handles one request
 * at a time, in order: it parses a head, reads the body (at most
 * --max-body bytes, 413 beyond), builds the reply, waits if the reply
 * asks for a delay, queues the bytes, and for generated content (streams,
 * drips) queues the pieces as they come due; pipelined requests that
 * arrived meanwhile wait in its buffer, so responses always leave in
 * request order. Replies that need no delay are gathered and sent with
 * one write.
 *
 * Memory: a new connection holds its libuv handles and this struct and
 * nothing else; after a reply it keeps its reply and output buffers when
 * they are small (IDLE_KEEP), for the next one. Reads land in a buffer
 * shared by the worker and are copied to the connection only when a
 * request is left incomplete.
 *
 * Output: what a connection owes its client (gathered, and in a write)
 * is bounded. Once it reaches OUT_HIGH, the connection stops reading and
 * parsing: requests already received wait in its buffer, the rest in the
 * kernel, until the client has taken enough. So a client that pipelines
 * and never reads costs OUT_HIGH plus one reply, whatever it sends.
 *
 * Timers, one per connection: a total deadline for each request head
 * (slowloris), counted from its first byte, or from the accept for the
 * first request; for a request body, the same deadline again from the end
 * of the head, moved later by a second for every BODY_RATE bytes received,
 * and never more than the idle timeout between two reads (so a body
 * trickled a byte at a time is cut as a head would be); an idle timeout
 * between keep-alive requests, which runs only while the connection owes
 * nothing, the kernel's send queue included; and while it owes, the send
 * timeout: a client that acknowledges no byte for that long is cut with a
 * reset. Progress is looked at every quarter of the send timeout. The
 * same timer runs ?sleep= delays.
 * A head or body that misses its deadline gets 408 and the connection is
 * closed; an idle connection is closed without a word.
 *
 * Closing: once the last response is sent, the server half-closes and
 * reads on, discarding, until the client closes its side, for at most
 * LINGER_MS (longer while the kernel still holds bytes that the client
 * is taking) and LINGER_MAX bytes. Closing at once with unread bytes (the
 * body of a refused request, a pipelined request after it) would make the
 * kernel reset the connection, and a reset can destroy the response before
 * the client reads it (RFC 9112, Section 9.6).
 *
 * Faults (fault.h, docs/faults.md): the writer breaks a reply's bytes as
 * its fault says; what is left here is when they go. A reply that a fault
 * paces (truncate, stall, throttle) goes through the streaming state,
 * its bytes let out as fault_allowance() says and the rest of a truncated
 * one dropped. A reply that ends the connection closes it as any last
 * reply does, but for reset, which sends RST once the output before it
 * has gone.
 *
 * Shutdown: SIGTERM or SIGINT stops every listener, closes idle
 * connections, lets the others finish the response they owe (which then
 * says Connection: close; a stalled or throttled one goes at once), and
 * exits 0 once all are closed.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* SO_REUSEPORT on glibc */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#ifdef __linux__
#include <linux/sockios.h> /* SIOCOUTQ */
#endif
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "credentials.h"
#include "h2.h"
#include "server.h"
#ifdef HTTPSTATUS_HAVE_TLS
#include "tls.h"
#endif

#define READ_SLAB      65536
#define OUT_HIGH       (256u << 10) /* stop reading while this much is owed */
#define IDLE_KEEP      2048 /* buffers up to this size stay for the next reply */
#define LINGER_MS      2000 /* a closing connection reads on this long, */
#define LINGER_MAX     (1u << 20) /* and this many bytes at most */
#define BODY_RATE      1024 /* each 1024 body bytes buy the body a second */
#define MAX_WORKERS    64
#define BODY_MAX_LIMIT (1ul << 30) /* --max-body at most */

/* ------------------------------------------------------------ options */

/* Where a listener listens: an IP address and a port (0: a free one). */
struct address {
    char host[256];
    int port;
};

struct settings {
    struct address plain;
    /* --tls-listen (tls_on says it was given), its certificate and key
     * files (NULL: a self-signed one), --tls-cert-out, and the context
     * made from them at start. */
    struct address secure;
    int tls_on;
    const char *tls_cert, *tls_key, *tls_cert_out;
    struct tls_context *tls;
    char tls_pin[64];
    int workers;
    unsigned max_connections;
    unsigned header_timeout_ms;
    unsigned idle_timeout_ms;
    unsigned send_timeout_ms;
    struct serve_options reply;
    FILE *log;
    int log_json;
    /* --fault, each value as given (read once --max-sleep is known), and
     * the faults they name; --seed. */
    const char *fault_args[FAULTS_MAX];
    size_t nfault_args;
    struct fault_list faults;
    struct fault_dice dice;
    int seeded;
};

static const char help_serve[] =
    "usage: httpstatus serve [OPTIONS]\n"
    "\n"
    "Runs a strict test server over HTTP/1.1, HTTPS and HTTP/2: GET /503\n"
    "answers a correct 503. The plain port speaks h2c too.\n"
    "\n"
    "  --listen HOST:PORT     where to listen (default 127.0.0.1:8080; "
    "port 0\n"
    "                         picks a free one; [::1]:8080 for IPv6); an\n"
    "                         address in use is an error (exit 2)\n"
    "  --workers N            event loops, one per thread (default: one per "
    "CPU)\n"
    "  --max-connections N    open connections at most; more get 503 "
    "(default 10000)\n"
    "  --max-sleep MS         the longest wait a request may ask for: "
    "?sleep=,\n"
    "                         /delay, /drip, X-HttpStatus-Sleep (default "
    "30000)\n"
    "  --max-body BYTES       the largest request body read (default "
    "1048576);\n"
    "                         a longer one gets 413\n"
    "  --header-timeout MS    time allowed to send a request head (default "
    "10000);\n"
    "                         a body gets as long again, plus 1 s a KiB\n"
    "  --idle-timeout MS      keep-alive time between requests, once a "
    "client has\n"
    "                         taken every response (default 5000)\n"
    "  --send-timeout MS      a client that takes no byte of a response for "
    "this\n"
    "                         long is cut with a reset (default 90000)\n"
    "  --access-log FILE      log each request to FILE ('-': standard "
    "output)\n"
    "  --log-format FORMAT    combined (the default) or json, one object a "
    "line\n"
    "  --fault NAME[:ARG][@P] break every response with this fault, or "
    "a share\n"
    "                         P of them (0 to 1); repeatable: --fault "
    "reset@0.01\n"
    "                         --fault truncate:100@0.02 (see Faults below)\n"
    "  --seed N               seed the fault draws, so that a run repeats "
    "(default:\n"
    "                         from the clock, printed at start)\n"
    "  --tls-listen HOST:PORT also serve HTTPS here (TLS 1.2 and 1.3; "
    "HTTP/2 or\n"
    "                         HTTP/1.1 by ALPN); the pin of its certificate "
    "is\n"
    "                         printed at start\n"
    "  --tls-cert FILE        the certificate to serve (PEM), with "
    "--tls-key FILE;\n"
    "                         without both, a self-signed one for "
    "localhost\n"
    "  --tls-cert-out FILE    write the certificate served to FILE (PEM)\n"
    "  -h, --help             this help\n"
    "\n"
    "Endpoints: /{code} for 100..599, /random/{codes}, /codes.json, and\n"
    "httpbin's and go-httpbin's (/status/{codes}, /get, /anything, "
    "/delay/{s},\n"
    "/basic-auth/{u}/{p}, /range/{n}, ...): GET /index.txt lists them all.\n"
    "Query parameters sleep=MS, header=Name:Value, location=/path,\n"
    "retry_after=S, fault=NAME[:ARG][@P],... See httpstatus(1).\n"
    "\n"
    "Faults (also ?fault= and X-HttpStatus-Fault: per request; "
    "docs/faults.md):\n"
    "  reset, close             no response; a TCP reset, or a clean close\n"
    "  close-after-head         the head, no content, a close\n"
    "  truncate:N               the head, N bytes of content, a close\n"
    "  stall:MS                 a pause of MS halfway through the content\n"
    "  throttle:BPS             the response at BPS bytes a second\n"
    "  bad-chunk                chunked, the second chunk's size not hex\n"
    "  missing-final-chunk      chunked, without the last chunk\n"
    "  length-mismatch:N        Content-Length N bytes more than is sent\n"
    "  duplicate-length         two Content-Length fields that differ\n"
    "  length-and-chunked       Content-Length and Transfer-Encoding: "
    "chunked\n"
    "  bad-status-line          HTTP/1.1 2000 Broken as the status line\n"
    "  no-final                 an interim 1xx response, then a close\n"
    "  garbage:N                N random bytes, not HTTP, then a close\n"
    "  keepalive-close          a correct response, then a close it did not "
    "announce\n"
    "Over HTTP/2 each does its nearest equivalent (RST_STREAM, a malformed\n"
    "response, a close without GOAWAY): see docs/faults.md.\n";

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
static int parse_listen(const char *s, struct address *st)
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

static void usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static void usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("httpstatus: serve: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(": see httpstatus serve --help\n", stderr);
}

/* A timeout option's value, 1 ms to an hour, into *ms; -1 when it is not
 * one, once it has said so. */
static int parse_timeout(const char *name, const char *value, unsigned *ms)
{
    unsigned long n;

    if (parse_uint(value, 3600000, &n) != 0 || n == 0) {
        usage_error("%s wants milliseconds, not '%s'", name, value);
        return -1;
    }
    *ms = (unsigned)n;
    return 0;
}

static const char *const option_names[] = {
    "--listen",     "--workers",        "--max-connections", "--max-sleep",
    "--max-body",   "--header-timeout", "--idle-timeout",    "--send-timeout",
    "--access-log", "--log-format",     "--fault",           "--seed",
    "--tls-listen", "--tls-cert",       "--tls-key",         "--tls-cert-out",
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

    strcpy(st->plain.host, "127.0.0.1");
    st->plain.port = 8080;
    st->workers = (int)uv_available_parallelism();
    st->max_connections = 10000;
    st->header_timeout_ms = 10000;
    st->idle_timeout_ms = 5000;
    st->send_timeout_ms = 90000;
    st->reply.max_sleep_ms = 30000;
    st->reply.max_body = BODY_MAX_DEFAULT;
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
            if (parse_listen(value, &st->plain) != 0) {
                usage_error("--listen wants HOST:PORT, not '%s'", value);
                return 2;
            }
        } else if (OPTION("--tls-listen")) {
            if (parse_listen(value, &st->secure) != 0) {
                usage_error("--tls-listen wants HOST:PORT, not '%s'", value);
                return 2;
            }
            st->tls_on = 1;
        } else if (OPTION("--tls-cert")) {
            st->tls_cert = value;
        } else if (OPTION("--tls-key")) {
            st->tls_key = value;
        } else if (OPTION("--tls-cert-out")) {
            st->tls_cert_out = value;
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
        } else if (OPTION("--max-body")) {
            if (parse_uint(value, BODY_MAX_LIMIT, &n) != 0) {
                usage_error("--max-body wants bytes, up to 1 GiB, not '%s'",
                            value);
                return 2;
            }
            st->reply.max_body = (size_t)n;
        } else if (OPTION("--header-timeout")) {
            if (parse_timeout("--header-timeout", value,
                              &st->header_timeout_ms) != 0)
                return 2;
        } else if (OPTION("--idle-timeout")) {
            if (parse_timeout("--idle-timeout", value, &st->idle_timeout_ms) !=
                0)
                return 2;
        } else if (OPTION("--send-timeout")) {
            if (parse_timeout("--send-timeout", value, &st->send_timeout_ms) !=
                0)
                return 2;
        } else if (OPTION("--access-log")) {
            if (strcmp(value, "-") == 0) {
                st->log = stdout;
            } else if ((st->log = fopen(value, "a")) == NULL) {
                fprintf(stderr, "httpstatus: serve: cannot open %s: %s\n",
                        value, strerror(errno));
                return 2;
            }
        } else if (OPTION("--fault")) {
            if (st->nfault_args == FAULTS_MAX) {
                usage_error("--fault is given more than %d times", FAULTS_MAX);
                return 2;
            }
            st->fault_args[st->nfault_args++] = value;
        } else if (OPTION("--seed")) {
            uint64_t seed = 0;
            size_t k, len = strlen(value);
            for (k = 0; k < len && value[k] >= '0' && value[k] <= '9'; k++)
                seed = seed * 10 + (uint64_t)(value[k] - '0');
            if (len == 0 || len > 19 || k < len) {
                usage_error("--seed wants a number of at most 19 digits, "
                            "not '%s'",
                            value);
                return 2;
            }
            st->dice.seed = seed;
            st->seeded = 1;
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
    if (!st->tls_on && (st->tls_cert || st->tls_key || st->tls_cert_out)) {
        usage_error("--tls-cert, --tls-key and --tls-cert-out go with "
                    "--tls-listen");
        return 2;
    }
    if ((st->tls_cert == NULL) != (st->tls_key == NULL)) {
        usage_error("--tls-cert and --tls-key go together: give both, or "
                    "neither for a self-signed certificate");
        return 2;
    }
#ifndef HTTPSTATUS_HAVE_TLS
    if (st->tls_on) {
        usage_error("--tls-listen: this httpstatus was built without TLS "
                    "(OpenSSL's libssl was not found)");
        return 2;
    }
#endif
    /* The faults are read last: stall's MS is held to --max-sleep. */
    for (i = 0; i < (int)st->nfault_args; i++) {
        char err[512];
        const char *v = st->fault_args[i];
        if (fault_list_parse(v, strlen(v), st->reply.max_sleep_ms, &st->faults,
                             err, sizeof err) != 0) {
            usage_error("--fault %s: %s", v, err);
            return 2;
        }
    }
    if (!st->seeded)
        st->dice.seed = (uint64_t)time(NULL) * 1000003u ^ (uint64_t)getpid();
    st->reply.faults = st->faults.n > 0 ? &st->faults : NULL;
    st->reply.dice = &st->dice;
    return -1;
}

/* ------------------------------------------------------- connections */

enum conn_state {
    READ_HEAD, /* waiting for (the rest of) a request head */
    READ_BODY, /* reading a request body */
    SLEEPING,  /* a ?sleep= delay before the reply goes out */
    STREAMING, /* generated content going out piece by piece */
    CLOSING    /* done: close once the output is sent */
};

struct worker;
struct log_entry;
struct h2_wait;
struct tls_session;
struct h2_conn;

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
    int held;        /* in holds bytes not yet parsed, held back by a delay
                        or by what the connection owes */
    int more;        /* bytes follow the request being answered */
    int owing;       /* the send timeout is running */
    int reset;       /* end with a TCP reset once the output is sent */
    size_t lingered; /* bytes discarded meanwhile */
    /* Received bytes not yet consumed. */
    struct buffer in;
    struct request_parser parser;
    /* The request in progress: its head (a copy, kept while its body
     * arrives), its body, and the reply owed. */
    struct buffer head, body;
    int64_t body_left;
    int body_chunked;
    uint64_t body_due;   /* loop time the body's deadline starts from */
    uint64_t body_bytes; /* body bytes received so far */
    uint64_t input_due;  /* loop time the head, body or idle time ends */
    uint64_t piece_due;  /* loop time a streaming reply has more to send */
    uint64_t gen_due;    /* loop time the next generated piece is due */
    uint64_t pace_start; /* a paced reply: loop time it started, */
    uint64_t pace_sent;  /* and its bytes let out so far */
    struct chunked chunks;
    struct reply pending;
    struct log_entry *log; /* with --access-log: the request answered */
    /* Output gathered while a write is in flight; the write's size. */
    struct buffer out;
    size_t in_flight;
    /* For the send timeout: the bytes ever queued, how many of them the
     * client had acknowledged when last looked at, and the loop time it
     * last acknowledged some. */
    uint64_t queued, taken, progress_at;
    char peer[64];   /* the client's address, for the log */
    char origin[72]; /* and with its port, for the echo endpoints */
    /* Over TLS: the session (NULL over TCP); failed says it ended in an
     * error, so no close_notify follows; notified that one was sent. */
    struct tls_session *tls;
    int tls_failed, tls_notified;
    /* Speaking HTTP/2 (NULL: HTTP/1.1): the session, the streams whose
     * response waits for its delay or makes its content piece by piece,
     * the loop time of the last read, for the idle timeout, and ending,
     * set once the connection is to close as soon as its output is
     * sent. */
    struct h2_conn *h2;
    struct h2_wait *waits;
    size_t nwaits, cap_waits;
    uint64_t active_at;
    int h2_ending;
    int h2_held; /* after a 101 to h2c: output waits for the preface */
    /* A fault that ends the HTTP/2 connection (close, garbage,
     * keepalive-close), the stream it came on, its random bits, and cut,
     * set once it took effect: the session sends no more. */
    struct fault h2_fault;
    int32_t h2_fault_id;
    uint64_t h2_fault_bits;
    int h2_cut;
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
    uv_tcp_t listener, secure_listener;
    uv_async_t stop;
    const struct settings *st;
    uv_os_sock_t fd;
    int stopping;
    uint64_t rng;
    char slab[READ_SLAB];
    int slab_busy;
    /* What a TLS read decrypted; and HTTP/2's output on its way to TLS,
     * or a generated piece on its way to the session: each used and
     * emptied within one callback. */
    struct buffer plain, frames;
    /* Every connection, for shutdown. */
    struct conn **conns;
    size_t nconns, cap_conns;
};

struct write_req {
    uv_write_t req;
    struct buffer data;
};

static void conn_close(struct conn *c);
static void conn_drive(struct conn *c);
static void start_write(struct conn *c);
static void timer_set(struct conn *c);
/* TLS and HTTP/2, at the end of the file. */
static void secure_free(struct conn *c);
static void h2_free(struct conn *c);
static void h2_drive(struct conn *c);
static void h2_on_timer(struct conn *c);
static int h2_preface(struct conn *c, const char *p, size_t n);
static int h2_upgrade(struct conn *c, const struct request *req,
                      const char *rest, size_t n);
static void secure_read(struct conn *c, const char *p, size_t n);
static void secure_notify(struct conn *c);
static int secure_spoken(const struct conn *c);
#ifdef HTTPSTATUS_HAVE_NGHTTP2
static int h2_start(struct conn *c);
#endif
static void on_bytes(struct conn *c, const char *p, size_t n);
static void on_eof(struct conn *c);

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
    reply_drop(&c->pending);
    buffer_free(&c->head);
    buffer_free(&c->body);
    free(c->log);
    secure_free(c);
    h2_free(c);
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

static int conn_closing(struct conn *c)
{
    return uv_is_closing((uv_handle_t *)&c->tcp);
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
    if (!c->reading && !c->eof && c->state != CLOSING &&
        uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read) == 0)
        c->reading = 1;
}

/* What the connection owes its client: gathered, and in a write. */
static size_t owed(const struct conn *c)
{
    return c->out.len + c->in_flight;
}

/* Bytes the kernel holds for the client: sent and not yet acknowledged,
 * or not sent yet. A client that reads slowly leaves them there, after
 * the server itself owes nothing. */
static size_t kernel_unsent(struct conn *c)
{
#ifdef SIOCOUTQ
    uv_os_fd_t fd;
    int n;

    if (uv_fileno((uv_handle_t *)&c->tcp, &fd) == 0 &&
        ioctl(fd, SIOCOUTQ, &n) == 0 && n > 0)
        return (size_t)n;
#else
    (void)c;
#endif
    return 0;
}

/* Bytes the client has acknowledged, of all that was ever queued. */
static uint64_t delivered(struct conn *c, size_t in_kernel)
{
    return c->queued - c->out.len -
           uv_stream_get_write_queue_size((uv_stream_t *)&c->tcp) - in_kernel;
}

/* Notes whether the client took anything since the last look; returns 1
 * when it has taken nothing for the send timeout. */
static int send_stalled(struct conn *c, size_t in_kernel)
{
    uint64_t now = uv_now(&c->w->loop), d = delivered(c, in_kernel);

    if (!c->owing || d != c->taken) {
        c->owing = 1;
        c->taken = d;
        c->progress_at = now;
        return 0;
    }
    return now - c->progress_at >= c->w->st->send_timeout_ms;
}

/* Queues n bytes to send, encrypted over TLS; -1 when out of memory. */
static int queue(struct conn *c, const char *p, size_t n)
{
#ifdef HTTPSTATUS_HAVE_TLS
    if (c->tls) {
        size_t before = c->out.len;
        if (n > 0 && tls_session_write(c->tls, p, n, &c->out) != TLS_OK)
            return -1;
        c->queued += c->out.len - before;
        return 0;
    }
#endif
    if (buffer_append(&c->out, p, n) != 0)
        return -1;
    c->queued += n;
    return 0;
}

/* ------------------------------------------------------------ logging */

/* What the access log says of the request being answered, escaped as
 * soon as it is known, so that its line can be written later: once its
 * reply is queued, or when the connection is cut. */
struct log_entry {
    char method[64], target[2048], agent[512], referer[1024];
    int major, minor;
    int status; /* of the reply last logged, for a cut's line */
};

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

/* The connection's log entry, emptied; NULL when out of memory. */
static struct log_entry *log_entry(struct conn *c)
{
    if (!c->log && (c->log = malloc(sizeof *c->log)) == NULL)
        return NULL;
    c->log->method[0] = c->log->target[0] = '\0';
    c->log->agent[0] = c->log->referer[0] = '\0';
    c->log->major = 1;
    c->log->minor = 1;
    c->log->status = 0;
    return c->log;
}

/* Takes what the log says of a parsed request. */
static void log_request(struct conn *c, const struct request *req)
{
    int json = c->w->st->log_json;
    struct log_entry *e = log_entry(c);

    if (!e)
        return;
    escape_log(e->method, sizeof e->method, req->method.p, req->method.n,
               json);
    escape_log(e->target, sizeof e->target, req->target.p, req->target.n,
               json);
    if (req->user_agent.p)
        escape_log(e->agent, sizeof e->agent, req->user_agent.p,
                   req->user_agent.n, json);
    if (req->referer.p)
        escape_log(e->referer, sizeof e->referer, req->referer.p,
                   req->referer.n, json);
    e->major = c->h2 ? 2 : 1;
    e->minor = c->h2 ? 0 : req->minor;
}

/* Takes what can be known of a request that was refused before its head
 * was parsed, p[0..n) as received: its method and target, once the
 * request line has arrived whole. */
static void log_refused(struct conn *c, const char *p, size_t n)
{
    int json = c->w->st->log_json;
    struct log_entry *e = log_entry(c);
    const char *lf, *sp, *sp2;

    if (!e)
        return;
    while (n >= 2 && p[0] == '\r' && p[1] == '\n') {
        p += 2;
        n -= 2;
    }
    lf = memchr(p, '\n', n);
    if (!lf || lf == p || lf[-1] != '\r')
        return;
    n = (size_t)(lf - 1 - p);
    sp = memchr(p, ' ', n);
    if (!sp)
        return;
    sp2 = memchr(sp + 1, ' ', n - (size_t)(sp + 1 - p));
    escape_log(e->method, sizeof e->method, p, (size_t)(sp - p), json);
    escape_log(e->target, sizeof e->target, sp + 1,
               sp2 ? (size_t)(sp2 - sp - 1) : n - (size_t)(sp + 1 - p), json);
    if (sp2 && (size_t)(p + n - sp2) == 9 && memcmp(sp2, " HTTP/1.", 8) == 0)
        e->minor = sp2[8] == '0' ? 0 : 1;
}

/* Writes the entry's line: the reply's status and size, or with cut set,
 * that the connection was cut with unsent bytes still owed. */
static void log_write(struct conn *c, int status, size_t bytes,
                      unsigned sleep_ms, const struct fault *fault,
                      const char *cut, size_t unsent)
{
    const struct settings *st = c->w->st;
    const struct log_entry *e = c->log;
    char line[4800], when[64], size[32], named[64] = "";
    time_t now = time(NULL);
    struct tm tm;
    int n;

    if (!e)
        return;
    if (!cut)
        c->log->status = status;
    if (fault != NULL && fault->kind != FAULT_NONE)
        fault_name(fault, named, sizeof named);
    gmtime_r(&now, &tm);
    if (cut)
        strcpy(size, st->log_json ? "null" : "-");
    else
        snprintf(size, sizeof size, "%zu", bytes);
    if (st->log_json) {
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        n = snprintf(line, sizeof line,
                     "{\"time\": \"%s\", \"remote\": \"%s\", \"method\": "
                     "\"%s\", \"target\": \"%s\", \"version\": "
                     "\"HTTP/%d.%d\", \"status\": %d, \"bytes\": %s, "
                     "\"sleep_ms\": %u, \"referer\": \"%s\", \"user_agent\": "
                     "\"%s\"",
                     when, c->peer, e->method, e->target, e->major, e->minor,
                     status, size, sleep_ms, e->referer, e->agent);
        if (n > 0 && (size_t)n < sizeof line && named[0])
            n += snprintf(line + n, sizeof line - (size_t)n,
                          ", \"fault\": \"%s\"", named);
        if (n > 0 && (size_t)n < sizeof line && cut)
            n += snprintf(line + n, sizeof line - (size_t)n,
                          ", \"cut\": \"%s\", \"unsent\": %zu", cut, unsent);
        if (n > 0 && (size_t)n < sizeof line)
            snprintf(line + n, sizeof line - (size_t)n, "}\n");
    } else {
        strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &tm);
        n = snprintf(line, sizeof line,
                     "%s - - [%s] \"%s%s%s%s%s\" %d %s \"%s\" \"%s\"", c->peer,
                     when, e->method[0] ? e->method : "-",
                     e->method[0] ? " " : "", e->target,
                     e->method[0] ? " HTTP/" : "",
                     !e->method[0]   ? ""
                     : e->major == 2 ? "2.0"
                     : e->minor      ? "1.1"
                                     : "1.0",
                     status, size, e->referer[0] ? e->referer : "-",
                     e->agent[0] ? e->agent : "-");
        if (n > 0 && (size_t)n < sizeof line && named[0])
            n += snprintf(line + n, sizeof line - (size_t)n, " \"fault %s\"",
                          named);
        if (n > 0 && (size_t)n < sizeof line && cut)
            n += snprintf(line + n, sizeof line - (size_t)n,
                          " \"%s: %zu bytes unsent\"", cut, unsent);
        if (n > 0 && (size_t)n < sizeof line)
            snprintf(line + n, sizeof line - (size_t)n, "\n");
    }
    /* One fputs a line: stdio locks the stream for it, so lines from
     * several workers do not mix. */
    fputs(line, st->log);
    fflush(st->log);
}

/* ------------------------------------------------------------ replies */

static void reply_done(struct conn *c, int last);

/* Moves the pending reply to the output and decides what comes next. */
static void deliver(struct conn *c)
{
    /* A server that stops, or a client that said it is done and sent no
     * more, ends the connection after this reply: the reply says so
     * (reply_close() sets close even when it has no memory to say it). */
    int last = c->w->stopping || (c->eof && !c->more);
    struct reply *p = &c->pending;

    if (c->w->st->log)
        log_write(c, p->status,
                  p->paced && p->pace.limit < p->out.len ? p->pace.limit
                                                         : p->out.len,
                  p->sleep_ms, &p->fault, NULL, 0);
    if (last)
        reply_close(p);
    c->reset = p->fault.kind == FAULT_RESET;
    c->served++;
    if (p->paced) {
        /* A fault's pace lets the bytes out: stream_step(). */
        c->state = STREAMING;
        c->pace_start = c->piece_due = c->gen_due = uv_now(&c->w->loop);
        c->pace_sent = 0;
        stop_reading(c);
        return;
    }
    if (queue(c, p->out.data, p->out.len) != 0) {
        p->close = 1; /* out of memory: give up on the connection */
        reply_drop(p);
    }
    p->out.len = 0;
    if (p->out.cap > IDLE_KEEP)
        buffer_free(&p->out);
    if (p->gen.next != NULL) {
        /* The content follows piece by piece: stream_step(). */
        c->state = STREAMING;
        c->piece_due = c->gen_due = uv_now(&c->w->loop);
        stop_reading(c);
        return;
    }
    reply_done(c, last);
}

/* The reply went out whole: the connection reads the next request, or
 * closes when the reply or last says so. What the connection still has
 * buffered is left for its caller to drop: run_requests() may be reading
 * it right now. */
static void reply_done(struct conn *c, int last)
{
    if (c->pending.close || last) {
        c->state = CLOSING;
        stop_reading(c);
    } else {
        c->state = READ_HEAD;
        memset(&c->parser, 0, sizeof c->parser);
    }
}

/* Queues the bytes of a streaming reply that may go now: all of them, or
 * as many as its fault's pace allows (a truncated reply loses the rest
 * and its generator). Returns 1 when bytes wait for the pace, which sets
 * piece_due to when more may go. */
static int release(struct conn *c, uint64_t now)
{
    struct reply *p = &c->pending;
    size_t n = p->out.len;

    if (p->paced) {
        uint64_t next, allowed;
        allowed = fault_allowance(&p->pace, now - c->pace_start, &next);
        if (allowed - c->pace_sent < n)
            n = (size_t)(allowed - c->pace_sent);
        if (next != UINT64_MAX)
            c->piece_due = c->pace_start + next;
    }
    if (n > 0 && queue(c, p->out.data, n) != 0) {
        /* Out of memory: the content cannot be finished, and only a
         * close tells the client so. */
        p->out.len = 0;
        reply_drop(p);
        p->close = 1;
        return 0;
    }
    memmove(p->out.data, p->out.data + n, p->out.len - n);
    p->out.len -= n;
    c->pace_sent += n;
    if (p->paced && c->pace_sent >= p->pace.limit) {
        p->out.len = 0; /* truncated here */
        reply_drop(p);
    }
    return p->out.len > 0;
}

/* Sends what a streaming reply has due: the pieces of generated content
 * that are due, and bytes that a fault's pace held back, while the
 * connection owes less than OUT_HIGH; the timer or the end of a write
 * comes back for the rest. Once all is sent, requests that arrived
 * meanwhile run. */
static void stream_step(struct conn *c)
{
    while (c->state == STREAMING && owed(c) < OUT_HIGH) {
        uint64_t now = uv_now(&c->w->loop);
        int more;

        if (release(c, now))
            return;
        if (c->pending.gen.next == NULL) {
            if (c->pending.out.cap > IDLE_KEEP)
                buffer_free(&c->pending.out);
            c->more = c->in.len > 0;
            c->held = c->more;
            reply_done(c, c->w->stopping || (c->eof && !c->more));
            return;
        }
        if (c->gen_due > now) {
            c->piece_due = c->gen_due;
            return;
        }
        more = reply_next_piece(&c->pending);
        if (more < 0) {
            /* Out of memory: as in release(). */
            c->pending.out.len = 0;
            reply_drop(&c->pending);
            c->pending.close = 1;
        }
        c->gen_due = now + c->pending.gen.interval_ms;
    }
}

static void send_timed_out(struct conn *c);

/* The linger is over, unless the kernel still holds bytes for a client
 * that is taking them: the close waits for those, as long as the send
 * timeout allows. */
static void on_linger_timeout(uv_timer_t *t)
{
    struct conn *c = t->data;
    size_t in_kernel = kernel_unsent(c);

    if (in_kernel == 0) {
        conn_close(c);
        return;
    }
    if (send_stalled(c, in_kernel)) {
        send_timed_out(c);
        return;
    }
    uv_timer_start(&c->timer, on_linger_timeout, LINGER_MS, 0);
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

    if (c->lingering || conn_closing(c))
        return;
    secure_notify(c);
    if (conn_closing(c))
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
    c->owing = 0;
    send_stalled(c, kernel_unsent(c));
    stop_reading(c);
    if (uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_linger_read) != 0) {
        conn_close(c);
        return;
    }
    c->reading = 1;
    uv_timer_start(&c->timer, on_linger_timeout, LINGER_MS, 0);
}

/* Ends the connection with a TCP reset: SO_LINGER with a zero timeout
 * makes the close send RST, and drop what the kernel still holds. */
static void conn_reset(struct conn *c)
{
    struct linger abort_close = {1, 0};
    uv_os_fd_t fd;

    if (uv_fileno((uv_handle_t *)&c->tcp, &fd) == 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_close,
                   sizeof abort_close);
    conn_close(c);
}

/* The client took nothing of what it is owed for the send timeout: the
 * log says so, and a reset ends the connection, so that neither the
 * server nor the kernel keeps its unsent bytes. */
static void send_timed_out(struct conn *c)
{
    if (c->w->st->log && c->log)
        log_write(c, c->log->status, 0, 0, NULL, "send timeout",
                  (size_t)(c->queued - delivered(c, kernel_unsent(c))));
    conn_reset(c);
}

static void on_sleep_done(uv_timer_t *t)
{
    struct conn *c = t->data;

    /* Requests that came during the delay wait in the buffer. */
    c->more = c->in.len > 0;
    c->held = c->more;
    deliver(c);
    conn_drive(c);
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

/* Refuses a request with status: its head, when it was parsed, says what
 * the log shows; otherwise raw[0..n) is what had arrived of it. A TLS
 * handshake gets a 400 that says this port speaks plain HTTP. */
static void refuse(struct conn *c, int status, const struct request *req,
                   const char *raw, size_t n)
{
    const char *text = NULL;

    if (status == 400 && raw && request_is_tls(raw, n))
        text = "This port speaks plain HTTP, not TLS: use http://, not "
               "https://.\n";
    if (c->w->st->log) {
        if (req)
            log_request(c, req);
        else if (raw)
            log_refused(c, raw, n);
    }
    buffer_free(&c->pending.out);
    reply_drop(&c->pending);
    memset(&c->pending, 0, sizeof c->pending);
    if (reply_error(status, text, wall_now(), &c->pending) != 0) {
        c->state = CLOSING;
        return;
    }
    c->pending.close = 1;
    deliver(c);
}

/* ------------------------------------------------------------ timers */

static void on_timer(uv_timer_t *t)
{
    struct conn *c = t->data;
    uint64_t now = uv_now(&c->w->loop);
    size_t in_kernel;

    if (c->h2) {
        h2_on_timer(c);
        return;
    }
    in_kernel = kernel_unsent(c);

    if (owed(c) > 0 || in_kernel > 0) {
        if (send_stalled(c, in_kernel)) {
            send_timed_out(c);
            return;
        }
    } else {
        c->owing = 0;
    }
    if (c->state == STREAMING) {
        conn_drive(c); /* the next piece, and the timer again */
        return;
    }
    if (c->input_due != 0 && now >= c->input_due) {
        /* A head or a body that missed its deadline gets 408; a
         * connection that never sent a byte, or sat idle between
         * requests, is closed without a word. */
        if (c->state == READ_BODY ||
            (c->state == READ_HEAD && c->head_timing && c->in.len > 0)) {
            /* During a body, the head's entry stands. */
            if (c->state == READ_BODY)
                refuse(c, 408, NULL, NULL, 0);
            else
                refuse(c, 408, NULL, c->in.data, c->in.len);
            conn_drive(c);
            return;
        }
        if (!c->owing) {
            if (secure_spoken(c)) {
                /* close_notify first (conn_end()), as TLS asks. */
                c->state = CLOSING;
                conn_drive(c);
            } else {
                conn_close(c);
            }
            return;
        }
    }
    timer_set(c);
}

/* Arms the timer for the connection's state. The header deadline is a
 * total: once running, more bytes do not extend it, or a client sending a
 * byte a second could hold the connection for ever. A body's deadline
 * moves only as fast as BODY_RATE allows, for the same reason. The idle
 * timeout runs only while nothing is owed; while something is, the send
 * timeout is looked at every quarter of its length. Output that the
 * kernel took whole is noticed when the idle timeout falls: the kernel
 * is asked only then, or when a connection that owed has sent all. */
static void timer_set(struct conn *c)
{
    const struct settings *st = c->w->st;
    uint64_t now = uv_now(&c->w->loop), due = 0;

    if (c->owing && owed(c) == 0 && kernel_unsent(c) == 0)
        c->owing = 0;

    if (c->state == READ_HEAD && !c->held &&
        (c->in.len > 0 || c->served == 0)) {
        if (!c->head_timing) {
            c->head_timing = 1;
            c->input_due = now + st->header_timeout_ms;
        }
        due = c->input_due;
    } else {
        c->head_timing = 0;
        if (c->state == READ_BODY) {
            due = c->body_due + c->body_bytes / BODY_RATE * 1000;
            if (due > now + st->idle_timeout_ms)
                due = now + st->idle_timeout_ms;
        } else if (c->state == READ_HEAD && !c->held && owed(c) == 0 &&
                   !c->owing) {
            due = now + st->idle_timeout_ms;
        }
        c->input_due = due;
        if (c->state == STREAMING && owed(c) < OUT_HIGH)
            due = c->piece_due > now ? c->piece_due : now;
    }
    if (owed(c) > 0 || c->owing) {
        uint64_t check = now + (st->send_timeout_ms + 3) / 4;
        if (!c->owing)
            send_stalled(c, kernel_unsent(c)); /* from now */
        if (due == 0 || check < due)
            due = check;
    }
    if (due == 0)
        uv_timer_stop(&c->timer);
    else
        uv_timer_start(&c->timer, on_timer, due > now ? due - now : 0, 0);
}

/* ------------------------------------------------------------ writing */

static void on_written(uv_write_t *req, int status)
{
    struct write_req *wr = (struct write_req *)req;
    struct conn *c = req->data;

    buffer_free(&wr->data);
    free(wr);
    c->writing = 0;
    c->in_flight = 0;
    if (status < 0) {
        conn_close(c);
        return;
    }
    conn_drive(c);
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
    c->in_flight = wr->data.len;
}

/* ------------------------------------------------------------ reading */

/* Builds the reply to req in c->pending, whose buffer is reused from
 * request to request. Returns 0, or -1 when it refused the request with
 * a 500 instead. */
static int answer(struct conn *c, const struct request *req)
{
    struct buffer keep = c->pending.out;
    struct request r = *req;

    keep.len = 0;
    reply_drop(&c->pending);
    memset(&c->pending, 0, sizeof c->pending);
    c->pending.out = keep;
    r.peer.p = c->origin;
    r.peer.n = strlen(c->origin);
    r.secure = c->tls != NULL;
    if (reply_build(&r, &c->w->st->reply, wall_now(), &c->w->rng,
                    &c->pending) != 0) {
        refuse(c, 500, NULL, NULL, 0);
        return -1;
    }
    return 0;
}

/* The body is in: the kept head is parsed again (it parsed before, so it
 * does again, to the same request) and answered with the body. */
static int answer_with_body(struct conn *c)
{
    struct request_parser parser;
    struct request req;
    int r;

    memset(&parser, 0, sizeof parser);
    r = request_parse(&parser, c->head.data, c->head.len, &req);
    if (r <= 0) {
        refuse(c, 500, NULL, NULL, 0);
        return -1;
    }
    req.body.p = c->body.data;
    req.body.n = c->body.len;
    r = answer(c, &req);
    c->head.len = 0;
    c->body.len = 0;
    if (c->head.cap > IDLE_KEEP)
        buffer_free(&c->head);
    if (c->body.cap > IDLE_KEEP)
        buffer_free(&c->body);
    return r;
}

/* Runs the requests in data[0..len) until one is incomplete, sleeps or
 * ends the connection, or until the connection owes OUT_HIGH (then held
 * is set). Returns the bytes consumed. */
static size_t run_requests(struct conn *c, const char *data, size_t len)
{
    size_t pos = 0;

    c->held = 0;
    while (pos < len || c->state == READ_BODY) {
        if (c->state == READ_HEAD) {
            struct request req;
            int r;
            if (owed(c) >= OUT_HIGH) {
                c->held = 1;
                break;
            }
            r = request_parse(&c->parser, data + pos, len - pos, &req);
            if (r == 0)
                break;
            if (r < 0) {
                refuse(c, -r, NULL, data + pos, len - pos);
                return len;
            }
            pos += (size_t)r;
            c->head_timing = 0;
            memset(&c->parser, 0, sizeof c->parser);
            /* Upgrade: h2c turns the connection to HTTP/2, which answers
             * this request as its stream 1 and reads the rest. */
            if (h2_upgrade(c, &req, data + pos, len - pos) == 0)
                return len;
            if (c->w->st->log)
                log_request(c, &req);
            c->body_chunked = req.chunked;
            c->body_left = req.chunked              ? 0
                           : req.content_length > 0 ? req.content_length
                                                    : 0;
            memset(&c->chunks, 0, sizeof c->chunks);
            /* A body longer than the server reads is refused before it
             * comes (the head's entry stands in the log). */
            if ((uint64_t)c->body_left > c->w->st->reply.max_body) {
                refuse(c, 413, NULL, NULL, 0);
                return len;
            }
            if (req.chunked || c->body_left > 0) {
                /* The head's bytes may be in the worker's slab, which the
                 * next read reuses: keep a copy until the body is in. */
                c->head.len = 0;
                c->body.len = 0;
                if (buffer_append(&c->head, data + pos - (size_t)r,
                                  (size_t)r) != 0) {
                    refuse(c, 500, NULL, NULL, 0);
                    return len;
                }
                c->state = READ_BODY;
                c->body_due =
                    uv_now(&c->w->loop) + c->w->st->header_timeout_ms;
                c->body_bytes = 0;
                /* Expect: 100-continue: the client waits for a word
                 * before it sends the body, so say go on. */
                if (req.expect_continue && req.minor == 1 && pos == len)
                    queue(c, "HTTP/1.1 100 Continue\r\n\r\n", 25);
            } else {
                if (answer(c, &req) != 0)
                    return len;
                c->more = pos < len;
                finish_request(c);
            }
            if (c->state != READ_HEAD && c->state != READ_BODY)
                return pos;
            continue;
        }
        if (c->state == READ_BODY) {
            size_t max = c->w->st->reply.max_body;
            if (c->body_chunked) {
                int done = 0;
                long used = chunked_read(&c->chunks, data + pos, len - pos,
                                         &done, &c->body);
                if (used < 0) {
                    refuse(c, (int)-used, NULL, NULL, 0);
                    return len;
                }
                pos += (size_t)used;
                c->body_bytes += (uint64_t)used;
                if (c->body.len > max) {
                    refuse(c, 413, NULL, NULL, 0);
                    return len;
                }
                if (!done)
                    break;
            } else {
                size_t take = len - pos;
                if ((uint64_t)take > (uint64_t)c->body_left)
                    take = (size_t)c->body_left;
                if (buffer_append(&c->body, data + pos, take) != 0) {
                    refuse(c, 500, NULL, NULL, 0);
                    return len;
                }
                pos += take;
                c->body_left -= (int64_t)take;
                c->body_bytes += take;
                if (c->body_left > 0)
                    break;
            }
            if (answer_with_body(c) != 0)
                return len;
            c->more = pos < len;
            finish_request(c);
            if (c->state != READ_HEAD)
                return pos;
            continue;
        }
        break;
    }
    return pos;
}

/* Runs the requests buffered in c->in, and drops what they used. */
static void consume_input(struct conn *c)
{
    size_t used = run_requests(c, c->in.data, c->in.len);

    if (c->state == CLOSING)
        used = c->in.len; /* what follows the last reply goes unread */
    memmove(c->in.data, c->in.data + used, c->in.len - used);
    c->in.len -= used;
    if (c->in.len == 0)
        buffer_free(&c->in);
}

/* After anything happened to the connection: sends what is queued, runs
 * held requests while the connection owes less than OUT_HIGH, reads only
 * then, ends a connection that is done and has sent everything, and arms
 * the timer. */
static void conn_drive(struct conn *c)
{
    if (conn_closing(c))
        return;
    if (c->h2) {
        h2_drive(c);
        return;
    }
    for (;;) {
        if (c->state == STREAMING)
            stream_step(c);
        start_write(c);
        if (conn_closing(c))
            return;
        if (!c->held || owed(c) >= OUT_HIGH)
            break;
        consume_input(c);
        if (c->h2) {
            h2_drive(c); /* upgraded to HTTP/2 (h2c) */
            return;
        }
    }
    /* A client that is done sending is owed nothing for a request it
     * left unfinished. */
    if (c->eof && !c->held && (c->state == READ_HEAD || c->state == READ_BODY))
        c->state = CLOSING;
    if (c->state == CLOSING) {
        stop_reading(c);
        if (!c->writing && c->out.len == 0) {
            if (c->reset)
                conn_reset(c); /* the reset fault */
            else
                conn_end(c);
            return;
        }
    } else if (c->state == SLEEPING) {
        return; /* its timer runs the delay */
    } else if (c->state == STREAMING) {
        stop_reading(c); /* the next request waits for this one's end */
    } else if (c->held || owed(c) >= OUT_HIGH) {
        stop_reading(c);
    } else {
        start_reading(c);
    }
    timer_set(c);
}

/* The client is done sending: the replies owed go out first, those to
 * requests held back included (printf ... | nc closes its side at once).
 * Over HTTP/2, no new stream starts, and the open ones finish. */
static void on_eof(struct conn *c)
{
    c->eof = 1;
    stop_reading(c);
#ifdef HTTPSTATUS_HAVE_NGHTTP2
    if (c->h2)
        h2_conn_goaway(c->h2);
#endif
    if (c->state != SLEEPING)
        conn_drive(c);
}

/* Bytes from the client, p[0..n), decrypted when over TLS. */
static void on_bytes(struct conn *c, const char *p, size_t n)
{
    if (c->h2) {
#ifdef HTTPSTATUS_HAVE_NGHTTP2
        c->active_at = uv_now(&c->w->loop);
        c->h2_held = 0;
        if (h2_conn_feed(c->h2, p, n, (long long)c->active_at) != 0)
            conn_close(c);
        else
            h2_drive(c);
#endif
        return;
    }
    if (c->state == CLOSING)
        return;
    if (c->state == SLEEPING || c->state == STREAMING || c->held) {
        /* Bytes that were on their way when reading stopped wait their
         * turn. */
        if (buffer_append(&c->in, p, n) != 0)
            conn_close(c);
        else
            c->held = 1;
        return;
    }
    if (c->served == 0 && !c->tls && h2_preface(c, p, n) == 0)
        return;
    if (c->in.len == 0) {
        /* The usual case: parse straight from the read, keep only what
         * is left of an incomplete request. */
        size_t used = run_requests(c, p, n);
        if (used < n && c->state != CLOSING && !c->h2 &&
            buffer_append(&c->in, p + used, n - used) != 0) {
            conn_close(c);
            return;
        }
    } else {
        if (buffer_append(&c->in, p, n) != 0) {
            conn_close(c);
            return;
        }
        consume_input(c);
    }
    conn_drive(c);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    struct conn *c = s->data;
    struct worker *w = c->w;

    if (buf->base == w->slab)
        w->slab_busy = 0;
    if (n < 0) {
        on_eof(c);
        return;
    }
    if (n == 0)
        return;
    if (c->tls)
        secure_read(c, buf->base, (size_t)n);
    else
        on_bytes(c, buf->base, (size_t)n);
}

/* ------------------------------------------------------------ TLS */

#ifdef HTTPSTATUS_HAVE_TLS
/* Moves what the session has to send (handshake messages, alerts) to the
 * output. Returns 0, or -1 when out of memory. */
static int secure_output(struct conn *c)
{
    size_t before = c->out.len;
    int r = tls_session_take_output(c->tls, &c->out);

    c->queued += c->out.len - before;
    return r;
}

/* The session failed: its alert goes out, and the connection closes. A
 * client that spoke plain HTTP to the TLS port is told so in plain
 * HTTP, as it can read nothing else. */
static void secure_refuse(struct conn *c, int handshaken)
{
    c->tls_failed = 1;
    if (!handshaken &&
        strcmp(tls_session_reason(c->tls), "http request") == 0) {
        struct reply r;
        memset(&r, 0, sizeof r);
        if (reply_error(400,
                        "This port speaks HTTPS, not plain HTTP: use "
                        "https://, not http://.\n",
                        wall_now(), &r) == 0 &&
            buffer_append(&c->out, r.out.data, r.out.len) == 0)
            c->queued += r.out.len;
        buffer_free(&r.out);
        reply_drop(&r);
    }
    c->h2_ending = 1;
    c->state = CLOSING;
    conn_drive(c);
}

/* Ciphertext from the client, p[0..n): the handshake, then requests,
 * decrypted into the worker's buffer and read as a TCP connection's
 * bytes are. Once the handshake is done, ALPN says which protocol the
 * connection speaks. The header deadline runs from the accept, so a
 * handshake that stalls is cut as a slow request head is. */
static void secure_read(struct conn *c, const char *p, size_t n)
{
    struct worker *w = c->w;
    int handshaken = tls_session_handshake_done(c->tls);
    enum tls_status status;

    w->plain.len = 0;
    status = tls_session_feed(c->tls, p, n, &w->plain);
    if (secure_output(c) != 0) {
        conn_close(c);
        return;
    }
    if (status == TLS_ERROR) {
        secure_refuse(c, handshaken);
        return;
    }
#ifdef HTTPSTATUS_HAVE_NGHTTP2
    if (!handshaken && tls_session_handshake_done(c->tls) &&
        strcmp(tls_session_alpn(c->tls), "h2") == 0 && h2_start(c) != 0) {
        conn_close(c);
        return;
    }
#endif
    if (w->plain.len > 0)
        on_bytes(c, w->plain.data, w->plain.len);
    else
        conn_drive(c);
    w->plain.len = 0;
    if (w->plain.cap > 2 * READ_SLAB)
        buffer_free(&w->plain);
    if (status == TLS_CLOSED && !conn_closing(c) && !c->eof)
        on_eof(c); /* close_notify: the client sends no more */
}

/* Before the close: close_notify, so that the client knows the
 * connection ended here and was not cut. Not after a fault: a broken
 * response ends as a server that failed would end it. */
static void secure_notify(struct conn *c)
{
    size_t before = c->out.len;

    if (!c->tls || c->tls_failed || c->tls_notified ||
        !tls_session_handshake_done(c->tls) ||
        (!c->h2 && c->pending.fault.kind != FAULT_NONE))
        return;
    c->tls_notified = 1;
    if (tls_session_close(c->tls, &c->out) == TLS_OK) {
        c->queued += c->out.len - before;
        start_write(c);
    }
}

static void secure_free(struct conn *c)
{
    tls_session_free(c->tls);
    c->tls = NULL;
}

/* 1 when the connection speaks TLS and can still say close_notify. */
static int secure_spoken(const struct conn *c)
{
    return c->tls && !c->tls_failed && !c->tls_notified &&
           tls_session_handshake_done(c->tls);
}
#else
/* Without TLS, no connection has a session: these are never reached. */
static void secure_read(struct conn *c, const char *p, size_t n)
{
    (void)p;
    (void)n;
    conn_close(c);
}

static void secure_notify(struct conn *c)
{
    (void)c;
}

static void secure_free(struct conn *c)
{
    (void)c;
}

static int secure_spoken(const struct conn *c)
{
    (void)c;
    return 0;
}
#endif

/* ------------------------------------------------------------ HTTP/2 */

#ifdef HTTPSTATUS_HAVE_NGHTTP2
#define H2_PENDING_MAX                                                        \
    (64u << 10)                 /* a stream's content waiting for the         \
                                   client's window: no new piece past         \
                                   this */
#define WAIT_BLOCKED UINT64_MAX /* due when the client's window opens */

/* A stream whose response the session does not have whole yet: it waits
 * for its delay (?sleep=), or its content is made piece by piece, each
 * piece due after the generator's interval; or a fault (stall, throttle)
 * paces its content, let out as fault_allowance() says from when its
 * response went to the session. */
struct h2_wait {
    int32_t id;
    int streaming; /* its head is out: pieces follow */
    int made;      /* its content is all made: only the pace is left */
    int paced;     /* a fault paces it: h2_conn_stream_pace() */
    uint64_t due;  /* loop time of its next step, or WAIT_BLOCKED */
    uint64_t pace_start, pace_due; /* loop times: paced from, and next */
    struct response *res;
};

/* When the wait next has something to do (WAIT_BLOCKED: when the client
 * takes content, or never). */
static uint64_t wait_due(const struct h2_wait *wt)
{
    uint64_t due = wt->made ? WAIT_BLOCKED : wt->due;

    return wt->paced && wt->pace_due < due ? wt->pace_due : due;
}

/* The earliest loop time a stream waits for, or 0 when none waits on the
 * clock (all wait for the client's window, or none waits). */
static uint64_t waits_next_due(const struct conn *c)
{
    uint64_t next = 0;
    size_t i;

    for (i = 0; i < c->nwaits; i++) {
        uint64_t due = wait_due(&c->waits[i]);
        if (due != WAIT_BLOCKED && (next == 0 || due < next))
            next = due;
    }
    return next;
}

static void wait_drop(struct conn *c, size_t i)
{
    response_free(c->waits[i].res);
    free(c->waits[i].res);
    c->waits[i] = c->waits[--c->nwaits];
}

/* Keeps res, a response on the stack, for stream id: it moves to the
 * heap (nothing in it points into itself). Returns 0, or -1 when out of
 * memory (res is then still the caller's). */
static int wait_add(struct conn *c, int32_t id, const struct response *res,
                    int streaming, uint64_t due)
{
    struct response *kept;

    if (c->nwaits == c->cap_waits) {
        size_t cap = c->cap_waits ? c->cap_waits * 2 : 8;
        struct h2_wait *bigger = realloc(c->waits, cap * sizeof *bigger);
        if (!bigger)
            return -1;
        c->waits = bigger;
        c->cap_waits = cap;
    }
    if ((kept = malloc(sizeof *kept)) == NULL)
        return -1;
    *kept = *res;
    memset(&c->waits[c->nwaits], 0, sizeof c->waits[c->nwaits]);
    c->waits[c->nwaits].id = id;
    c->waits[c->nwaits].streaming = streaming;
    c->waits[c->nwaits].due = due;
    c->waits[c->nwaits].res = kept;
    c->nwaits++;
    return 0;
}

/* The content bytes the access log gives a response. */
static size_t content_size(const struct request *req,
                           const struct response *res)
{
    if (req->is_head || httpstatus_forbids_content(res->status))
        return 0;
    if (res->gen.next != NULL)
        return res->length > 0 ? (size_t)res->length : 0;
    return res->content ? res->content_len : res->body.len;
}

/* The session has the response res for stream id: a fault of the
 * connection in it is noted, to end the connection when its time comes
 * (h2_fault_end()); the first such fault stands. */
static void h2_fault_note(struct conn *c, int32_t id,
                          const struct response *res)
{
    enum fault_kind k = res->fault.kind;

    if ((k == FAULT_CLOSE || k == FAULT_GARBAGE ||
         k == FAULT_KEEPALIVE_CLOSE) &&
        c->h2_fault.kind == FAULT_NONE) {
        c->h2_fault = res->fault;
        c->h2_fault_id = id;
        c->h2_fault_bits = res->fault_bits;
    }
}

/* Lets out what the pace of wt allows now (all of it once the server
 * stops), and says when more may go. Returns -1 when its stream is
 * gone. */
static int h2_pace(struct conn *c, struct h2_wait *wt, uint64_t now)
{
    uint64_t next, t = c->w->stopping ? UINT64_MAX : now - wt->pace_start;

    if (h2_conn_stream_pace(c->h2, wt->id, t, &next) != 0)
        return -1;
    wt->pace_due = next == UINT64_MAX ? UINT64_MAX : wt->pace_start + next;
    wt->paced = next != UINT64_MAX;
    return 0;
}

/* h2_conn_respond() answered r (> 0) for the stream wt waits for. */
static void h2_paced(struct conn *c, struct h2_wait *wt, int r)
{
    wt->streaming = (r & H2_PIECES) != 0;
    wt->made = !wt->streaming;
    if (r & H2_PACED) {
        wt->paced = 1;
        wt->pace_start = wt->pace_due = uv_now(&c->w->loop);
    }
}

/* A request is in, on stream id: the route answers it, and the response
 * goes to the session now, or waits for its delay. */
static int h2_on_request(void *user, int32_t id, const struct request *req)
{
    struct conn *c = user;
    struct worker *w = c->w;
    struct request secured = *req;
    struct response res;
    int keep = 0, streaming = 0, r = 0;
    uint64_t due = 0;

    /* Not zeroed whole: its field text is 8 KiB, written only as used. */
    memset(&res.body, 0, sizeof res.body);
    memset(&res.pieces, 0, sizeof res.pieces);
    secured.secure = c->tls != NULL;
    /* A fault that reframes a stream wants it whole, as over HTTP/1.1. */
    if (route_respond(&secured, &w->st->reply, wall_now(), &w->rng, &res) !=
            0 ||
        (fault_reframes(res.fault.kind) && response_gather(&res) != 0)) {
        response_free(&res);
        return -1;
    }
    if (w->st->log) {
        log_request(c, req);
        log_write(c, res.status, content_size(req, &res), res.delay_ms,
                  &res.fault, NULL, 0);
    }
    /* A delayed response waits; one whose content is generated waits for
     * its pieces; the session copies any other whole. */
    if (res.delay_ms > 0) {
        /* As over HTTP/1.1: never shorter than asked. */
        uv_update_time(&w->loop);
        keep = 1;
        due = uv_now(&w->loop) + res.delay_ms + 1;
    } else {
        r = h2_conn_respond(c->h2, id, &res, wall_now());
        if (r >= 0)
            h2_fault_note(c, id, &res);
        if (r > 0) {
            keep = 1;
            streaming = (r & H2_PIECES) != 0;
            due = uv_now(&w->loop);
        }
    }
    if (keep && wait_add(c, id, &res, streaming, due) == 0) {
        if (r > 0)
            h2_paced(c, &c->waits[c->nwaits - 1], r);
        return 0;
    }
    response_free(&res);
    return keep ? -1 : 0; /* -1, out of memory: the stream is reset */
}

/* The client reset a stream, or the connection is ending: what waits
 * for it goes. */
static void h2_on_stream_closed(void *user, int32_t id)
{
    struct conn *c = user;
    size_t i;

    for (i = 0; i < c->nwaits; i++)
        if (c->waits[i].id == id) {
            wait_drop(c, i);
            return;
        }
}

/* Turns the connection to HTTP/2: after ALPN's h2, the preface of a
 * client that knew (h2c), or an Upgrade: h2c. Returns 0, or -1 when out
 * of memory. */
static int h2_start(struct conn *c)
{
    static const struct h2_callbacks cb = {h2_on_request, h2_on_stream_closed};
    struct h2_limits limits;

    h2_limits_default(&limits);
    limits.max_body = c->w->st->reply.max_body;
    c->h2 = h2_conn_new(&limits, &cb, c);
    if (!c->h2)
        return -1;
    h2_conn_set_peer(c->h2, c->origin, strlen(c->origin));
    c->active_at = uv_now(&c->w->loop);
    c->head_timing = 0;
    return 0;
}

/* Steps the streams that wait: a response whose delay is over goes to
 * the session, a generated one gets its next piece when it is due and
 * the client has taken enough of the last ones, and a paced one has
 * more let out when its pace allows. */
static void h2_step_waits(struct conn *c)
{
    uint64_t now = uv_now(&c->w->loop);
    struct buffer *piece = &c->w->frames;
    size_t i = 0;

    while (i < c->nwaits) {
        struct h2_wait *wt = &c->waits[i];
        int more, r;
        if (wt->paced && (wt->pace_due <= now || c->w->stopping) &&
            h2_pace(c, wt, now) != 0) {
            wait_drop(c, i);
            continue;
        }
        if (wt->made) {
            if (wt->paced)
                i++;
            else
                wait_drop(c, i);
            continue;
        }
        if (wt->due == WAIT_BLOCKED &&
            h2_conn_stream_pending(c->h2, wt->id) < H2_PENDING_MAX)
            wt->due = now;
        if (wt->due > now) {
            i++;
            continue;
        }
        if (!wt->streaming) {
            r = h2_conn_respond(c->h2, wt->id, wt->res, wall_now());
            if (r >= 0)
                h2_fault_note(c, wt->id, wt->res);
            if (r <= 0) {
                wait_drop(c, i);
                continue;
            }
            h2_paced(c, wt, r);
            if (!wt->streaming)
                continue; /* paced: the next round lets out its start */
        }
        if (h2_conn_stream_pending(c->h2, wt->id) >= H2_PENDING_MAX) {
            wt->due = WAIT_BLOCKED;
            i++;
            continue;
        }
        piece->len = 0;
        more = wt->res->gen.next(&wt->res->gen, piece);
        if (more < 0 || h2_conn_stream_piece(c->h2, wt->id, piece->data,
                                             piece->len, more == 0) != 0) {
            wait_drop(c, i);
            continue;
        }
        if (more == 0) {
            wt->made = 1; /* kept while its pace lasts */
            continue;
        }
        wt->due = now + wt->res->gen.interval_ms;
        i++;
    }
    piece->len = 0;
}

/* A fault that ends the connection, once its time comes: close at once,
 * garbage after its random bytes, keepalive-close once its stream's
 * response has all gone to the output. The session sends nothing more,
 * no GOAWAY, and over TLS no close_notify follows: the client meets a
 * server that went away, what was sent before it arriving intact. */
static void h2_fault_end(struct conn *c)
{
    const struct fault *f = &c->h2_fault;

    if (f->kind == FAULT_NONE || c->h2_cut ||
        (f->kind == FAULT_KEEPALIVE_CLOSE &&
         h2_conn_stream_open(c->h2, c->h2_fault_id)))
        return;
    if (f->kind == FAULT_GARBAGE) {
        char *junk = malloc(f->arg);
        if (junk != NULL) {
            fault_garbage(c->h2_fault_bits, junk, f->arg);
            (void)queue(c, junk, f->arg); /* without memory: the close only */
            free(junk);
        }
    }
    c->h2_cut = c->h2_ending = 1;
    c->tls_failed = 1; /* no close_notify, as after an HTTP/1.1 fault */
}

/* Moves the session's output to the connection's, encrypted over TLS,
 * while the connection owes less than OUT_HIGH. Returns 0, or -1 when
 * out of memory. */
static int h2_flush(struct conn *c)
{
    struct buffer *frames = &c->w->frames;

    if (c->h2_held)
        return 0;
    while (owed(c) < OUT_HIGH) {
        size_t before = c->out.len;
        long n;
        if (!c->tls) {
            n = h2_conn_output(c->h2, &c->out, OUT_HIGH - owed(c));
            if (n < 0)
                return -1;
            c->queued += c->out.len - before;
        } else {
            frames->len = 0;
            n = h2_conn_output(c->h2, frames, OUT_HIGH - owed(c));
            if (n < 0 || queue(c, frames->data, frames->len) != 0)
                return -1;
        }
        if (n == 0)
            break;
    }
    frames->len = 0;
    if (frames->cap > 2 * OUT_HIGH)
        buffer_free(frames);
    return 0;
}

/* Arms the timer of an HTTP/2 connection: the next stream due; the idle
 * timeout, from the last read, while no stream waits on the clock and
 * nothing is owed; the send timeout's look while something is. A client
 * that leaves its window shut has nothing owed here (the session holds
 * the content), so the idle timeout ends it too. */
static void h2_timer_set(struct conn *c)
{
    const struct settings *st = c->w->st;
    uint64_t now = uv_now(&c->w->loop), due;

    if (c->owing && owed(c) == 0 && kernel_unsent(c) == 0)
        c->owing = 0;
    due = waits_next_due(c);
    if (due == 0 && owed(c) == 0 && !c->owing && !c->h2_ending) {
        uint64_t idle = c->active_at + st->idle_timeout_ms;
        if (due == 0 || idle < due)
            due = idle;
    }
    if (owed(c) > 0 || c->owing) {
        uint64_t check = now + (st->send_timeout_ms + 3) / 4;
        if (!c->owing)
            send_stalled(c, kernel_unsent(c)); /* from now */
        if (due == 0 || check < due)
            due = check;
    }
    if (due == 0)
        uv_timer_stop(&c->timer);
    else
        uv_timer_start(&c->timer, on_timer, due > now ? due - now : 0, 0);
}

static void h2_on_timer(struct conn *c)
{
    uint64_t now = uv_now(&c->w->loop);
    size_t in_kernel = kernel_unsent(c);

    if (owed(c) > 0 || in_kernel > 0) {
        if (send_stalled(c, in_kernel)) {
            send_timed_out(c);
            return;
        }
    } else {
        c->owing = 0;
    }
    if (waits_next_due(c) == 0 && !c->owing && owed(c) == 0 && !c->h2_ending &&
        now >= c->active_at + c->w->st->idle_timeout_ms) {
        /* Idle, or held by a window the client never opens: GOAWAY,
         * then the close. */
        h2_conn_goaway(c->h2);
        c->h2_ending = 1;
    }
    h2_drive(c);
}

/* conn_drive() for HTTP/2: the streams due, the output, the close once
 * the session is done, reading while the connection owes less than
 * OUT_HIGH, and the timer. */
static void h2_drive(struct conn *c)
{
    if (conn_closing(c))
        return;
    if (!c->h2_cut) {
        h2_step_waits(c);
        if (h2_flush(c) != 0) {
            conn_close(c);
            return;
        }
        h2_fault_end(c);
    }
    start_write(c);
    if (conn_closing(c))
        return;
    if (c->h2_ending || h2_conn_want_close(c->h2)) {
        stop_reading(c);
        if (!c->writing && c->out.len == 0) {
            uv_timer_stop(&c->timer);
            conn_end(c);
            return;
        }
    } else if (owed(c) >= OUT_HIGH) {
        stop_reading(c);
    } else {
        start_reading(c);
    }
    h2_timer_set(c);
}

/* The client connection preface (RFC 9113, Section 3.4). */
static const char h2_preface_bytes[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
#define H2_PREFACE_LEN (sizeof h2_preface_bytes - 1)

/* On a plain connection's first bytes, p[0..n) after what c->in holds:
 * a client that knows the server speaks HTTP/2 (h2c by prior knowledge)
 * starts with the preface. Returns 0 when it took the bytes (the start
 * of a preface, kept until the rest comes, or a whole one: the
 * connection speaks HTTP/2 from here), -1 when they are not a preface. */
static int h2_preface(struct conn *c, const char *p, size_t n)
{
    size_t have = c->in.len, k, i;

    if (c->state != READ_HEAD || (have == 0 && p[0] != 'P'))
        return -1;
    k = have + n < H2_PREFACE_LEN ? have + n : H2_PREFACE_LEN;
    for (i = 0; i < k; i++)
        if ((i < have ? c->in.data[i] : p[i - have]) != h2_preface_bytes[i])
            return -1;
    if (buffer_append(&c->in, p, n) != 0) {
        conn_close(c);
        return 0;
    }
    if (k == H2_PREFACE_LEN) {
        if (h2_start(c) != 0 ||
            h2_conn_feed(c->h2, c->in.data, c->in.len,
                         (long long)uv_now(&c->w->loop)) != 0) {
            conn_close(c);
            return 0;
        }
        buffer_free(&c->in);
    }
    conn_drive(c);
    return 0;
}

/* An HTTP/1.1 request that asks to go on in HTTP/2 (RFC 7540, Section
 * 3.2): Upgrade: h2c, Connection naming Upgrade and HTTP2-Settings, one
 * HTTP2-Settings, no content, over TCP. The server agrees with 101, and
 * the request becomes stream 1, answered over HTTP/2; rest[0..n), what
 * followed it, begins with the client's preface. Returns 0 when the
 * connection speaks HTTP/2 now, -1 when the request is not such a one
 * (or its settings are malformed): it is then answered in HTTP/1.1. */
static int h2_upgrade(struct conn *c, const struct request *req,
                      const char *rest, size_t n)
{
    static const char switching[] = "HTTP/1.1 101 Switching Protocols\r\n"
                                    "Connection: Upgrade\r\n"
                                    "Upgrade: h2c\r\n\r\n";
    struct slice upgrade, connection, settings;
    struct request first = *req;
    unsigned char decoded[1024];
    long len;
    int head = req->is_head;

    /* The parser saw Connection: upgrade; without it (nearly every
     * request) the fields are not looked through again. */
    if (!req->connection_upgrade || c->tls || req->minor != 1 ||
        req->chunked || req->content_length > 0 ||
        request_field(req, "Upgrade", &upgrade) != 1 ||
        !request_list_has(upgrade, "h2c") ||
        request_field(req, "HTTP2-Settings", &settings) != 1 ||
        request_field(req, "Connection", &connection) < 1 ||
        !request_list_has(connection, "upgrade") ||
        !request_list_has(connection, "http2-settings"))
        return -1;
    first.peer.p = c->origin; /* as answer() has it */
    first.peer.n = strlen(c->origin);
    len = base64_decode(settings.p, settings.n, BASE64_URL | BASE64_NOPAD,
                        decoded, sizeof decoded);
    if (len < 0 || h2_start(c) != 0)
        return -1;
    if (h2_conn_upgrade(c->h2, (const char *)decoded, (size_t)len, head) !=
        0) {
        h2_free(c);
        return -1;
    }
    c->served++;
    /* The frames wait for the client's preface: a client that reads the
     * 101 into a small buffer (curl's is 32 KiB) cannot take a window's
     * worth of DATA in the same read. */
    c->h2_held = n == 0;
    if (queue(c, switching, sizeof switching - 1) != 0 ||
        h2_on_request(c, 1, &first) != 0 ||
        (n > 0 &&
         h2_conn_feed(c->h2, rest, n, (long long)uv_now(&c->w->loop)) != 0))
        c->h2_ending = 1;
    return 0;
}

static void h2_free(struct conn *c)
{
    while (c->nwaits > 0)
        wait_drop(c, c->nwaits - 1);
    free(c->waits);
    c->waits = NULL;
    c->cap_waits = 0;
    h2_conn_free(c->h2);
    c->h2 = NULL;
}
#else
/* Without nghttp2, no connection speaks HTTP/2: c->h2 stays NULL, and
 * these are never reached, or say no. */
static void h2_drive(struct conn *c)
{
    conn_close(c);
}

static void h2_on_timer(struct conn *c)
{
    conn_close(c);
}

static int h2_preface(struct conn *c, const char *p, size_t n)
{
    (void)c;
    (void)p;
    (void)n;
    return -1;
}

static int h2_upgrade(struct conn *c, const struct request *req,
                      const char *rest, size_t n)
{
    (void)c;
    (void)req;
    (void)rest;
    (void)n;
    return -1;
}

static void h2_free(struct conn *c)
{
    (void)c;
}
#endif

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
 * lingering: that would take memory the cap is there to bound. On the
 * TLS port, the close alone: a 503 there would take a handshake, which
 * costs what the cap is there to save. */
static void refuse_busy(uv_tcp_t *t, int secure)
{
    uv_buf_t b = uv_buf_init((char *)busy_reply, sizeof busy_reply - 1);
    uv_os_fd_t fd;
    char sink[4096];
    int k;

    if (!secure)
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
            refuse_busy(t, server == (uv_stream_t *)&w->secure_listener);
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
#ifdef HTTPSTATUS_HAVE_TLS
    if (server == (uv_stream_t *)&w->secure_listener &&
        (c->tls = tls_session_new(w->st->tls)) == NULL) {
        conn_close(c);
        return;
    }
#endif
    strcpy(c->peer, "-");
    strcpy(c->origin, "-");
    if (uv_tcp_getpeername(&c->tcp, (struct sockaddr *)&addr, &alen) == 0) {
        int v6 = addr.ss_family == AF_INET6;
        unsigned port = ntohs(v6 ? ((struct sockaddr_in6 *)&addr)->sin6_port
                                 : ((struct sockaddr_in *)&addr)->sin_port);
        if (v6)
            uv_ip6_name((struct sockaddr_in6 *)&addr, c->peer, sizeof c->peer);
        else
            uv_ip4_name((struct sockaddr_in *)&addr, c->peer, sizeof c->peer);
        snprintf(c->origin, sizeof c->origin, v6 ? "[%s]:%u" : "%s:%u",
                 c->peer, port);
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
    if (w->st->tls_on)
        uv_close((uv_handle_t *)&w->secure_listener, NULL);
    uv_close((uv_handle_t *)&w->stop, NULL);
    /* Idle connections go now, without lingering: they are owed nothing;
     * the others after the reply they owe. */
    for (i = w->nconns; i-- > 0;) {
        struct conn *c = w->conns[i];
        if (c->h2) {
#ifdef HTTPSTATUS_HAVE_NGHTTP2
            /* GOAWAY: the streams open finish, no new one starts. */
            h2_conn_goaway(c->h2);
            conn_drive(c);
#endif
        } else if (c->state == READ_HEAD) {
            c->state = CLOSING;
            stop_reading(c);
            if (!c->writing && c->out.len == 0 && !secure_spoken(c))
                conn_close(c);
            else
                conn_drive(c); /* the output, close_notify, the close */
        } else if (c->state == STREAMING && c->pending.paced) {
            /* A stall or a throttle could hold the stop for hours
             * (throttle:1): the rest goes now, a truncation still cut. */
            c->pending.pace.pause_ms = 0;
            c->pending.pace.rate = 0;
            conn_drive(c);
        }
    }
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;

    uv_run(&w->loop, UV_RUN_DEFAULT);
    return NULL;
}

/* The socket address of a's host and port. Returns its family, or -1
 * when the host is not an IP address. */
static int listen_address(const struct address *a, int port,
                          struct sockaddr_storage *addr, socklen_t *alen)
{
    memset(addr, 0, sizeof *addr);
    if (uv_ip4_addr(a->host, port, (struct sockaddr_in *)addr) == 0) {
        *alen = sizeof(struct sockaddr_in);
        return AF_INET;
    }
    if (uv_ip6_addr(a->host, port, (struct sockaddr_in6 *)addr) == 0) {
        *alen = sizeof(struct sockaddr_in6);
        return AF_INET6;
    }
    fprintf(stderr, "httpstatus: serve: '%s' is not an IP address\n", a->host);
    return -1;
}

static int bound_port(int fd, int family)
{
    struct sockaddr_storage addr;
    socklen_t alen = sizeof addr;

    if (getsockname(fd, (struct sockaddr *)&addr, &alen) != 0)
        return -1;
    return ntohs(family == AF_INET
                     ? ((struct sockaddr_in *)&addr)->sin_port
                     : ((struct sockaddr_in6 *)&addr)->sin6_port);
}

static void cannot_listen(const struct address *a, int port, int err)
{
    int v6 = strchr(a->host, ':') != NULL;

    fprintf(stderr, "httpstatus: serve: cannot listen on %s%s%s:%d: %s\n",
            v6 ? "[" : "", a->host, v6 ? "]" : "", port,
            err == EADDRINUSE ? "the address is in use" : strerror(err));
}

/* Makes sure that no other socket holds the address: a socket bound
 * without SO_REUSEPORT is refused wherever another one is bound, whoever
 * it belongs to, where the workers' own sockets, which need that option
 * to share the port, would join a group of another server of the same
 * user and split its connections with it. Port 0 is the free port the
 * kernel picks, in *port. Returns 0, or -1 once it has said why. */
static int claim_address(const struct address *a, int *port)
{
    struct sockaddr_storage addr;
    socklen_t alen;
    int fd, one = 1, family = listen_address(a, *port, &addr, &alen);

    if (family < 0)
        return -1;
    fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0) {
        cannot_listen(a, *port, errno);
        return -1;
    }
    /* Connections of an earlier server in TIME_WAIT do not hold it. */
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&addr, alen) != 0) {
        cannot_listen(a, *port, errno);
        close(fd);
        return -1;
    }
    if (*port == 0)
        *port = bound_port(fd, family);
    close(fd);
    return 0;
}

/* A listening socket of our own, so that SO_REUSEPORT can be set before
 * bind: each worker has one on each port, as l. */
static int open_listener(struct worker *w, uv_tcp_t *l,
                         const struct address *a, int port)
{
    struct sockaddr_storage addr;
    socklen_t alen;
    int fd, one = 1, family = listen_address(a, port, &addr, &alen);

    if (family < 0)
        return -1;
    fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0) {
        cannot_listen(a, port, errno);
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
#ifdef SO_REUSEPORT
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
#endif
    if (bind(fd, (struct sockaddr *)&addr, alen) != 0 ||
        listen(fd, 4096) != 0) {
        cannot_listen(a, port, errno);
        close(fd);
        return -1;
    }
    uv_tcp_init(&w->loop, l);
    l->data = w;
    if (uv_tcp_open(l, fd) != 0 ||
        uv_listen((uv_stream_t *)l, 4096, on_connection) != 0) {
        close(fd);
        return -1;
    }
    return 0;
}

/* Says where the server listens, "http" or "https" at a and port. */
static void say_listening(const char *scheme, const struct address *a,
                          int port, int workers)
{
    int v6 = strchr(a->host, ':') != NULL;

    fprintf(stderr,
            "httpstatus serve: listening on %s://%s%s%s:%d/ with %d "
            "worker%s\n",
            scheme, v6 ? "[" : "", a->host, v6 ? "]" : "", port, workers,
            workers == 1 ? "" : "s");
}

#ifdef HTTPSTATUS_HAVE_TLS
/* Makes the TLS context from --tls-cert and --tls-key, or a self-signed
 * certificate, writes it where --tls-cert-out says, and prints its pin.
 * Returns 0, or -1 once it has said why. */
static int start_tls(struct settings *st)
{
    static const char *const with_h2[] = {"h2", "http/1.1", NULL};
    static const char *const h1_only[] = {"http/1.1", NULL};
    char err[512], pin[TLS_PIN_SIZE];

#ifdef HTTPSTATUS_HAVE_NGHTTP2
    (void)h1_only;
    st->tls =
        tls_context_new(st->tls_cert, st->tls_key, with_h2, err, sizeof err);
#else
    (void)with_h2;
    st->tls =
        tls_context_new(st->tls_cert, st->tls_key, h1_only, err, sizeof err);
#endif
    if (!st->tls) {
        fprintf(stderr, "httpstatus: serve: %s\n", err);
        return -1;
    }
    if (st->tls_cert_out && tls_context_write_cert(st->tls, st->tls_cert_out,
                                                   err, sizeof err) != 0) {
        fprintf(stderr, "httpstatus: serve: %s\n", err);
        return -1;
    }
    if (tls_context_pin(st->tls, pin, sizeof pin) < 0) {
        fprintf(stderr, "httpstatus: serve: cannot hash the certificate's "
                        "public key\n");
        return -1;
    }
    memcpy(st->tls_pin, pin, sizeof pin);
    return 0;
}
#endif

int serve_main(int argc, char **argv)
{
    static struct settings st;
    struct worker *workers;
    sigset_t signals;
    int status, i, port, secure_port = -1, started = 0, sig;

    status = parse_options(argc, argv, &st);
    if (status >= 0)
        return status;
#ifdef HTTPSTATUS_HAVE_TLS
    if (st.tls_on && start_tls(&st) != 0)
        return 2;
#endif
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

    port = st.plain.port;
    if (claim_address(&st.plain, &port) != 0) {
        free(workers);
        return 2;
    }
    if (st.tls_on) {
        secure_port = st.secure.port;
        if (claim_address(&st.secure, &secure_port) != 0) {
            free(workers);
            return 2;
        }
    }
    for (i = 0; i < st.workers; i++) {
        struct worker *w = &workers[i];
        w->st = &st;
        w->rng = UINT64_C(0x9e3779b97f4a7c15) ^ ((uint64_t)time(NULL) << 8) ^
                 (uint64_t)i;
        uv_loop_init(&w->loop);
        uv_async_init(&w->loop, &w->stop, on_stop);
        w->stop.data = w;
        if (open_listener(w, &w->listener, &st.plain, port) != 0)
            break;
        if (st.tls_on && open_listener(w, &w->secure_listener, &st.secure,
                                       secure_port) != 0) {
            uv_close((uv_handle_t *)&w->listener, NULL);
            break;
        }
        started++;
    }
    if (started < st.workers) {
        for (i = 0; i < started; i++) {
            uv_close((uv_handle_t *)&workers[i].listener, NULL);
            if (st.tls_on)
                uv_close((uv_handle_t *)&workers[i].secure_listener, NULL);
        }
        return 2;
    }
    for (i = 0; i < st.workers; i++)
        pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);

    say_listening("http", &st.plain, port, st.workers);
    if (st.tls_on) {
        say_listening("https", &st.secure, secure_port, st.workers);
        fprintf(stderr,
                "httpstatus serve: certificate pin (SHA-256 SPKI, base64): "
                "%s\n",
                st.tls_pin);
    }
    if (st.faults.n > 0)
        fprintf(stderr,
                "httpstatus serve: %zu fault%s drawn with --seed %llu\n",
                st.faults.n, st.faults.n == 1 ? "" : "s",
                (unsigned long long)st.dice.seed);
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
        buffer_free(&workers[i].plain);
        buffer_free(&workers[i].frames);
    }
    free(workers);
    if (st.log && st.log != stdout)
        fclose(st.log);
#ifdef HTTPSTATUS_HAVE_TLS
    tls_context_free(st.tls);
#endif
    fprintf(stderr, "httpstatus serve: stopped\n");
    return 0;
}
