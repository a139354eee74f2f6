/* server.h: what the parts of `httpstatus serve` share: the request-head
 * parser and chunked-body reader (request.c), the response builder
 * (reply.c) and the event loop (serve.c). */
#ifndef HTTPSTATUS_SERVER_H
#define HTTPSTATUS_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "httpstatus.h"

/* ------------------------------------------------------------- limits */

#define REQUEST_LINE_MAX   8000  /* a longer request line gets 414 */
#define REQUEST_HEAD_MAX   16384 /* a longer head, line included, gets 431 */
#define REQUEST_FIELDS_MAX 100   /* more header fields get 431 */
#define CHUNK_EXT_MAX      4096  /* longer chunk extensions get 400 */

/* ------------------------------------------------------------ request */

/* A piece of the connection's buffer: p[0..n). p is NULL when absent. */
struct slice {
    const char *p;
    size_t n;
};

/* The facts of one request head that the server acts on. Every slice
 * points into the buffer that request_parse() was given, but for one:
 * a target with no path of its own ("http://host", CONNECT's "host:port")
 * gets the path "/" from a string constant. */
struct request {
    struct slice method;    /* a token: "GET" */
    struct slice target;    /* as sent: "/404?sleep=10", "http://h/x", "*" */
    struct slice path;      /* the target's path: "/404" (absolute-form
                               targets lose their scheme and authority) */
    struct slice query;     /* after '?', without it; p NULL when none */
    int minor;              /* HTTP/1.minor: 0 or 1 */
    int is_head;            /* the method is HEAD */
    int is_options;         /* the method is OPTIONS */
    int keep_alive;         /* the connection may stay open afterwards */
    int expect_continue;    /* Expect: 100-continue */
    int chunked;            /* the body is chunked (Transfer-Encoding) */
    int64_t content_length; /* -1 when there is no Content-Length */
    int upgrade;            /* Connection: upgrade, and Upgrade offers the one
                               protocol the server speaks, httpstatus-test */
    /* Fields the response depends on: the last value of each, but for
     * Range, which is absent when the head has it twice or more (it is
     * not a list, so the field is invalid, and RFC 9110, Section 14.2
     * says to ignore it then). */
    struct slice host, accept, range, if_range, if_none_match, origin,
        access_control_request_method, user_agent, referer;
};

/* The parser's memory between calls, so that a head that arrives in
 * pieces is scanned once in all: zero it before each new request. */
struct request_parser {
    size_t scanned;  /* bytes already searched for the end of the head */
    size_t line_end; /* where the request line's LF is, once found */
};

/* Parses the request head at the start of buf, which holds len bytes:
 * everything received for this request so far. Call it again with the
 * same buffer, grown, when more bytes arrive.
 *
 * Returns the head's length (the request line, fields and the empty line)
 * when it is complete and valid, and fills *req. Returns 0 when more bytes
 * are needed. Returns a negative status when the request must be refused
 * and the connection closed: -400 (malformed: a bad request line, a bad
 * field, an invalid or repeated Host, no Host in HTTP/1.1, Content-Length with
 * Transfer-Encoding, a bad or repeated Content-Length, chunked not last,
 * Transfer-Encoding in HTTP/1.0), -414 (request line longer than
 * REQUEST_LINE_MAX), -417 (an Expect other than 100-continue), -431
 * (a head, request line included, over REQUEST_HEAD_MAX bytes, or over
 * REQUEST_FIELDS_MAX fields),
 * -501 (an unknown method, or a transfer coding besides a final chunked),
 * -505 (a major version other than 1; HTTP/1.2 to HTTP/1.9 are read as
 * HTTP/1.1, and minor is then 1). The limits are enforced on incomplete
 * heads too, so that a slow sender cannot make the server buffer more
 * than they allow; and a method longer than the longest known one is
 * -501 as soon as its first bytes arrive, whatever follows. So is -400
 * for a byte that can begin no request line: one that is not a tchar
 * where the method starts, or one other than SP right after the
 * method's tchars (a TLS handshake, a NUL, a space or a tab).
 *
 * A Host is valid when it is uri-host [ ":" port ] by RFC 3986, Section
 * 3.2.2: a bracketed IPv6 address or IPvFuture, or a reg-name, then
 * digits after the ':' if any. An IPv6 zone ID (RFC 6874) is not RFC 3986
 * and is refused.
 *
 * Empty lines (CRLF) before the request line are skipped and counted in
 * the length. Line ends must be CRLF; a bare CR or LF is -400. The cost is
 * linear in the bytes received, however they are split. */
int request_parse(struct request_parser *parser, const char *buf, size_t len,
                  struct request *req);

/* 1 when buf[0..len) starts like a TLS handshake record, as a client that
 * took the port for HTTPS sends first: byte 0x16, then 0x03, then a minor
 * version of 0x00 to 0x04 when a third byte is there; 0 otherwise. Two
 * bytes are the least it takes: 0x16 alone gives 0. */
int request_is_tls(const char *buf, size_t len);

/* The chunked-body reader (RFC 9112, Section 7.1): sizes in hex, chunk
 * extensions (checked against their grammar, and at most CHUNK_EXT_MAX
 * bytes a line, from the size's end to the CR) and trailer fields are read
 * and discarded along with the data. Zero it before each body. */
struct chunked {
    int state;
    int ext;            /* where in a size line's extensions */
    uint64_t remaining; /* the chunk's size, then its data bytes left */
    size_t count;       /* size digits, or extension bytes, so far */
    size_t trailer;     /* bytes of trailer section so far */
    int colon;          /* the trailer line being read has its colon */
};

/* Reads body bytes from buf[0..len). Returns how many it consumed (all of
 * them, unless the body ends inside buf), and sets *done when the last
 * chunk and the trailer section have been read; or returns -400 for a
 * malformed body (a bad size, a size of 2^63 or more, a bad line end, a
 * malformed extension, an extension or trailer too long). Incremental: any
 * split of the same bytes gives the same result. */
long chunked_read(struct chunked *c, const char *buf, size_t len, int *done);

/* ------------------------------------------------------------ replies */

/* A growable byte buffer. */
struct buffer {
    char *data;
    size_t len, cap;
};

/* Appends n bytes, or a NUL-terminated string; 0 on success, -1 when out
 * of memory (the buffer keeps what it had). */
int buffer_append(struct buffer *b, const void *data, size_t n);
int buffer_puts(struct buffer *b, const char *s);
int buffer_printf(struct buffer *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void buffer_free(struct buffer *b);

/* The server's settings that replies depend on. */
struct serve_options {
    unsigned max_sleep_ms; /* ?sleep= above this is refused with 400 */
};

/* What to send for one request. */
struct reply {
    int status;        /* the final status, for the access log */
    int close;         /* close the connection after sending */
    unsigned sleep_ms; /* wait this long before sending */
    /* The bytes to send, interim 1xx responses first, then the final
     * head and its content (none for HEAD, 1xx, 204 and 304). */
    struct buffer out;
    /* For reply_close(): where the final head's Connection field is, or
     * would go, and its length (0: none). */
    size_t connection_at, connection_len;
};

/* Builds the reply to req in *reply (whose buffer must start empty or
 * hold earlier pipelined replies: bytes are appended). now is the time for
 * the Date field; rng is the state of a random generator for /random.
 * Returns 0, or -1 when out of memory. */
int reply_build(const struct request *req, const struct serve_options *opt,
                long long now, uint64_t *rng, struct reply *reply);

/* Makes a built reply close the connection after it, as a server that
 * is shutting down must say (RFC 9112, Section 9.6): sets reply->close and
 * makes its final head say Connection: close, in place of Connection:
 * keep-alive or of no Connection field ("upgrade, close" in a 426). A
 * reply that closes already, a 101 among them, is left as it is. Returns
 * 0, or -1 when out of memory (the reply is then as it was, but for
 * reply->close). */
int reply_close(struct reply *reply);

/* The reply to a request that request_parse() refused with -status, or
 * that missed its deadline (408): the status, a plain-text explanation
 * (text, or with text NULL the status's own), Connection: close. */
int reply_error(int status, const char *text, long long now,
                struct reply *reply);

/* The reference page, server/page.html, embedded at build time by
 * tools/embed.c: page_len bytes (and a NUL). */
extern const char httpstatus__page[];
extern const size_t httpstatus__page_len;

/* ------------------------------------------------------------- serving */

/* `httpstatus serve [OPTIONS]`: parses its options, runs the server until
 * SIGTERM or SIGINT, and returns the exit status. */
int serve_main(int argc, char **argv);

#endif
