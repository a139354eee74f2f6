/* server.h: what the parts of `httpstatus serve` share.
 *
 *   socket -> serve.c (libuv) -> request.c (the HTTP/1.1 head and body)
 *     -> struct request -> route.c (the route table) -> a handler (one
 *     file per family of endpoints) -> struct response -> http1.c (the
 *     HTTP/1.1 bytes) -> serve.c
 *
 * Handlers see a parsed request and fill in a response value: status,
 * interim responses, fields, content (bytes, or a generator for streams)
 * and delays. They never write wire bytes and never know the protocol:
 * the framing rules live in the writer. */
#ifndef HTTPSTATUS_SERVER_H
#define HTTPSTATUS_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "fault.h"
#include "httpstatus.h"

/* ------------------------------------------------------------- limits */

#define REQUEST_LINE_MAX   8000  /* a longer request line gets 414 */
#define REQUEST_HEAD_MAX   16384 /* a longer head, line included, gets 431 */
#define REQUEST_FIELDS_MAX 100   /* more header fields get 431 */
#define CHUNK_EXT_MAX      4096  /* longer chunk extensions get 400 */
#define BODY_MAX_DEFAULT   (1u << 20) /* --max-body: a longer body gets 413 */

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
    int connection_upgrade; /* Connection: upgrade, whatever Upgrade says
                               (h2c is the server's to take up) */
    int httpstatus_fields;  /* a field's name starts with X-HttpStatus-
                               (httpstat.us's requests to /{code}) */
    int secure;             /* it came over TLS, so its scheme is https;
                               set by the server, 0 from request_parse() */
    /* Fields the response depends on: the last value of each, but for
     * Range, which is absent when the head has it twice or more (it is
     * not a list, so the field is invalid, and RFC 9110, Section 14.2
     * says to ignore it then). */
    struct slice host, accept, range, if_range, if_none_match, origin,
        access_control_request_method, user_agent, referer;
    /* Every field line, as received and checked: "Name: value" lines,
     * each ended by CRLF, the empty line excluded. request_field() and
     * request_field_next() read them. */
    struct slice fields;
    /* The content, once read whole (chunked or not): empty when there is
     * none. request_parse() leaves it empty; the server fills it in. */
    struct slice body;
    /* The client's address and port, "127.0.0.1:40312" or "[::1]:40312";
     * filled in by the server, empty when unknown. */
    struct slice peer;
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

/* The request's field lines one at a time: the name and the value (with
 * the spaces around it removed) of the line at *pos, which starts at 0.
 * Returns 1 and moves *pos on, or 0 after the last one. */
int request_field_next(const struct request *req, size_t *pos,
                       struct slice *name, struct slice *value);

/* The value of the request's last field named name (case-insensitive),
 * and how many lines have that name: 0 when none (value is then empty,
 * with p NULL). */
int request_field(const struct request *req, const char *name,
                  struct slice *value);

/* 1 when the comma-separated list (a field value: OWS around elements,
 * empty ones skipped) has the element word, which is lower-case; the
 * list's case does not matter. */
int request_list_has(struct slice list, const char *word);

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

/* Reads body bytes from buf[0..len), appending the chunks' data to data
 * (when not NULL). Returns how many it consumed (all of them, unless the
 * body ends inside buf), and sets *done when the last chunk and the
 * trailer section have been read; or returns -500 when data could not
 * grow, or -400 for a malformed body (a bad size, a size of 2^63 or more,
 * a bad line end, a malformed extension, an extension or trailer too
 * long). Incremental: any split of the same bytes gives the same
 * result. */
long chunked_read(struct chunked *c, const char *buf, size_t len, int *done,
                  struct buffer *data);

/* ----------------------------------------------------------- response */

#define RESPONSE_FIELDS_MAX  64   /* fields in all the response's heads */
#define RESPONSE_TEXT_MAX    8192 /* bytes of field names and values */
#define RESPONSE_INTERIM_MAX 4    /* interim responses before the final */

/* One field line of a response: offsets into response.text. part is 0
 * for the final response, k for the k-th interim response. */
struct field {
    uint16_t name, name_len, value, value_len;
    uint8_t part;
};

/* Content made piece by piece, for streams and drips: next() appends the
 * next piece to out and returns 1 when more pieces follow, 0 when that
 * was the last, or -1 when out of memory. state is the generator's own;
 * it may hold a pointer into the response's body, which reply_build()
 * hands to the reply (reply->held) for as long as the generator runs.
 * interval_ms is the wait before each piece after the first. */
struct generator {
    int (*next)(struct generator *g, struct buffer *out);
    uint64_t state[6];
    unsigned interval_ms;
};

/* What a handler answers, whatever the protocol. */
struct response {
    int status;
    /* Interim responses (1xx other than 101), in order. */
    int interim[RESPONSE_INTERIM_MAX];
    size_t ninterim;
    /* Fields, in the order they go out, and their text. The writer adds
     * Date, Server, Connection and the framing (Content-Length or
     * Transfer-Encoding) itself: handlers never set those. */
    struct field fields[RESPONSE_FIELDS_MAX];
    size_t nfields;
    char text[RESPONSE_TEXT_MAX];
    size_t text_len;
    /* The content: content[0..content_len) when content is set (bytes
     * that outlive the response, such as a constant), else the bytes in
     * body. With gen.next set, the generator makes the content instead,
     * and length is its size when known (Content-Length), or -1. */
    const char *content;
    size_t content_len;
    struct buffer body;
    struct generator gen;
    int64_t length;
    /* After response_gather() of content of unknown length (a stream
     * that goes as chunks): where each of its non-empty pieces ends in
     * body, as size_t offsets, so that the chunked faults send a chunk a
     * piece. Empty otherwise; its storage is kept as body's is. */
    struct buffer pieces;
    unsigned delay_ms; /* wait this long before the head goes out */
    int close;         /* close the connection after this response */
    int failed;        /* a field or the content did not fit */
    /* The wire-level fault to send this response with (kind FAULT_NONE
     * for none), which route_respond() picks, and random bits for it. */
    struct fault fault;
    uint64_t fault_bits;
};

/* Empties r for a new response (keeping body's storage) with status. */
void response_reset(struct response *r, int status);

/* Frees what r holds. */
void response_free(struct response *r);

/* Adds a field to the final response: name and a NUL-terminated value,
 * n bytes of value, or formatted text. A field that does not fit sets
 * r->failed. Values are the caller's to check: the writer copies them as
 * they are. */
void response_add(struct response *r, const char *name, const char *value);
void response_addn(struct response *r, const char *name, const char *value,
                   size_t n);
void response_addf(struct response *r, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Removes every field named name (case-insensitive) from the final
 * response; returns how many there were. */
size_t response_remove(struct response *r, const char *name, size_t n);

/* The final response's first field named name, or NULL. */
const struct field *response_find(const struct response *r, const char *name);

/* Starts an interim response with status (100 to 199, not 101); fields
 * added with response_add_interim() go to it. Sets r->failed when there
 * are RESPONSE_INTERIM_MAX already. */
void response_interim(struct response *r, int status);
void response_add_interim(struct response *r, const char *name,
                          const char *value);

/* Sets the content: bytes that outlive the response (a constant, a
 * document built once), or a copy of them in r->body. Content-Type is
 * added when type is not NULL. */
void response_static(struct response *r, const char *type, const char *p,
                     size_t n);
void response_copy(struct response *r, const char *type, const char *p,
                   size_t n);

/* The content's bytes and length, wherever they are. */
const char *response_content(const struct response *r, size_t *n);

/* Runs a generator to its end at once, its pieces becoming the content in
 * r->body (without the waits between them), as the faults that need the
 * whole content's length before the head do; for content of unknown
 * length, r->pieces says where each piece ends. Returns 0, or -1 when out
 * of memory (r is then failed). Does nothing when r has no generator. */
int response_gather(struct response *r);

/* The reason phrase the server sends with code: the registry's, or an
 * unofficial entry's for an unregistered code that vendors use, or the
 * class's name. */
const char *reason_of(int code);

/* ------------------------------------------------------- negotiation */

/* The media types the server's own documents come in. */
enum media {
    MEDIA_TEXT,
    MEDIA_JSON,
    MEDIA_HTML,
    MEDIA_PROBLEM, /* application/problem+json, for errors (RFC 9457) */
    MEDIA_COUNT
};

/* Its Content-Type value: "text/plain; charset=utf-8" and so on. */
const char *media_type(enum media m);

/* The media type to send for an Accept field (RFC 9110, Section 12.5.1),
 * among the first count of enum media: each candidate takes the q of the
 * most specific range that matches it; the highest q above 0 wins, ties
 * going to the earlier candidate; and when nothing is acceptable,
 * text/plain is sent all the same. */
enum media negotiate(struct slice accept, int count);

/* The q, in thousandths, that an Accept field gives the media type
 * main/sub: that of the most specific range that matches it (0 when none
 * does), or 1000 when there is no Accept field. *specificity, when not
 * NULL, says how specific that range was: -1 none, then higher for more
 * specific ones (image/png above image/ *, above * / *). */
int accept_quality(struct slice accept, const char *main, const char *sub,
                   int *specificity);

/* ------------------------------------------------------------ routing */

/* The server's settings that responses depend on. */
struct serve_options {
    unsigned max_sleep_ms; /* ?sleep= above this is refused with 400 */
    size_t max_body;       /* a longer request body gets 413 */
    /* --fault: the faults every request may meet, after its own (?fault=,
     * X-HttpStatus-Fault); and the dice, seeded by --seed, that all the
     * workers roll. Either may be NULL. */
    const struct fault_list *faults;
    struct fault_dice *dice;
};

#define ROUTE_ARGS_MAX   4
#define QUERY_FIELDS_MAX 16 /* ?header= parameters */

/* The query parameters every endpoint understands, checked before the
 * handler runs: a bad value is a 400 that names the parameter, and a
 * parameter the server does not know is ignored. */
struct query {
    int has_location;
    unsigned sleep_ms;    /* ?sleep= */
    unsigned retry_after; /* ?retry_after=, or 1 */
    struct slice location;
    size_t nfields, text_len;
    struct query_field {
        uint16_t name, name_len, value, value_len; /* in text */
    } fields[QUERY_FIELDS_MAX]; /* ?header=Name:Value, decoded */
    char text[REQUEST_LINE_MAX];
};

/* Reads the parameters of struct query from req's query: 0, or -1 with
 * the reason, which names the parameter, in err. */
int query_read(struct query *q, const struct request *req,
               const struct serve_options *opt, char *err, size_t errsize);

/* One request on its way through a handler. */
struct exchange {
    const struct request *req;
    const struct serve_options *opt;
    uint64_t *rng; /* a random generator's state, the worker's */
    long long now; /* seconds since 1970 */
    /* The parts of the path the route's pattern left open: each {x} in
     * order, then what a trailing "*" matched. */
    struct slice arg[ROUTE_ARGS_MAX];
    size_t nargs;
    const struct query *q;
    struct response *res;
    int no_store; /* the response is for this request only */
    int refused;  /* refuse_request() answered: no ?header, no delay */
};

/* A handler fills in x->res. It returns 0, or -1 when out of memory. */
typedef int handler_fn(struct exchange *x);

/* Answers req: picks the route, runs its handler, and adds what every
 * response carries (CORS, Cache-Control: no-store where needed, the
 * ?header fields). Then picks the fault to send it with: the request's
 * own (?fault=, then X-HttpStatus-Fault; either malformed or given twice
 * is a 400 that names it), then opt->faults, each drawn with its chance
 * by fault_pick(). Returns 0, or -1 when out of memory (res is then
 * unusable). */
int route_respond(const struct request *req, const struct serve_options *opt,
                  long long now, uint64_t *rng, struct response *res);

/* Appends the route table's index to b, one endpoint a line: the
 * methods when the route takes only some (GET bringing HEAD), the
 * pattern and what it answers. Returns 0, or -1 when out of memory. */
int route_index(struct buffer *b);

/* Adds the CORS fields every response carries, unless ?header set them:
 * Access-Control-Allow-Origin with req's Origin, Allow-Credentials: true
 * and Vary: Origin, or "*" when req (which may be NULL) has no Origin;
 * and Access-Control-Expose-Headers: *. */
void response_cors(struct response *res, const struct request *req);

/* An error response: status, and a text that says what was wrong (NULL:
 * the status's own), as text/plain or as application/problem+json when
 * the request's Accept prefers JSON. req may be NULL. */
void respond_error(struct response *res, const struct request *req, int status,
                   const char *text);

/* A 400 (respond_error()) whose text is formatted, for a request the
 * handler refuses: a bad path argument or parameter. The response then
 * gets no ?header fields and no delay. */
void refuse_request(struct exchange *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The value of the query parameter name (the last one when repeated),
 * raw, as sent; returns how many times name is given (0: value empty,
 * with p NULL). */
int query_param(struct slice query, const char *name, struct slice *value);

/* Digits only, at most max: 0 with *out set, or -1. */
int parse_bounded(const char *p, size_t n, unsigned max, unsigned *out);

/* The one rule for a response field a client asks for (?header=,
 * X-HttpStatus-Response-*): field_refused() gives the field's name as
 * the server spells it when name[0..n) is a framing or hop-by-hop field
 * a client may not set (Content-Length, Transfer-Encoding, Connection,
 * Keep-Alive, Upgrade, TE, Trailer, Host, Proxy-Connection; any case),
 * else NULL; field_value_ok() is 1 when every byte of p[0..n) is
 * visible ASCII, SP or HTAB. */
const char *field_refused(const char *name, size_t n);
int field_value_ok(const char *p, size_t n);

/* ----------------------------------------------------------- HTTP/1.1 */

/* One request's answer as HTTP/1.1 bytes. */
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
    /* Content still to come, from a generator: gen.next is NULL when
     * the content is all in out. chunked says each piece goes out as a
     * chunk (and a last chunk after them); otherwise pieces go as they
     * are. */
    struct generator gen;
    int chunked;
    /* The bytes the generator reads from (the response's body, which
     * reply_build() hands over when there is a generator): freed with
     * the generator, by reply_next_piece() after the last piece or by
     * reply_drop(). */
    struct buffer held;
    /* The fault the reply is sent with (kind FAULT_NONE: none): the log
     * names it, and FAULT_RESET ends the connection with a TCP reset, not
     * a close. When paced is set, pace says how fast the reply's bytes,
     * counted from its first, may go out. */
    struct fault fault;
    int paced;
    struct fault_pace pace;
};

/* Writes res, the answer to req, as HTTP/1.1 (RFC 9112), appending to
 * reply->out, as res->fault says to (docs/faults.md gives the bytes of
 * each; generated content must have been gathered for the faults that
 * change the framing). Without a fault: interim responses (never to
 * HTTP/1.0), the final head with Date (now), Server and Connection, then
 * Content-Length, or Transfer-Encoding: chunked for generated content of
 * unknown length (which an HTTP/1.0 client gets as it comes, the
 * connection's close ending it), and the content: none for HEAD, 1xx, 204
 * and 304, whose heads keep the Content-Length a GET would see, and none
 * for 205, whose Content-Length is 0. Sets reply->status, ->close and
 * ->sleep_ms. Returns 0, or -1 when out of memory (reply->out then as it
 * was). */
int http1_write(const struct request *req, const struct response *res,
                long long now, struct reply *reply);

/* route_respond() then http1_write(): the reply to req, appended to
 * reply->out (whose buffer must start empty or hold earlier pipelined
 * replies). When the content is generated, the response's body moves to
 * reply->held, which reply_next_piece() frees after the last piece and
 * reply_drop() before it. Returns 0, or -1 when out of memory. */
int reply_build(const struct request *req, const struct serve_options *opt,
                long long now, uint64_t *rng, struct reply *reply);

/* Appends the next piece of a reply's generated content to reply->out,
 * framed as a chunk when reply->chunked, and the last chunk after the
 * last piece. Returns 1 when more pieces follow, 0 after the last (the
 * generator is then cleared), -1 when out of memory. */
int reply_next_piece(struct reply *reply);

/* Gives up a reply's generated content: clears reply->gen and frees
 * reply->held. Safe on a reply that has neither. */
void reply_drop(struct reply *reply);

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
