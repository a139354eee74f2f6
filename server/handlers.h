/* handlers.h: every endpoint's handler, by the file of its family. The
 * route table (route.c) names them; adding an endpoint is a function in
 * its family's file, its line here and its row in the table. */
#ifndef HTTPSTATUS_HANDLERS_H
#define HTTPSTATUS_HANDLERS_H

#include "server.h"

/* The Content-Type of the JSON that the httpbin routes send, labelled as
 * go-httpbin labels it. */
#define HTTPBIN_JSON "application/json; charset=utf-8"

/* codes.c: any status code. */
handler_fn handle_code;   /* /{code} */
handler_fn handle_random; /* /random/{list} */

/* Answers as /{code} answers for code (100 to 599). */
int respond_status(struct exchange *x, int code);

/* "3 digits, the first 1 to 5": the code, or -1. */
int parse_status_code(const char *p, size_t n);

handler_fn handle_status;   /* /status/{codes}: go-httpbin's */
handler_fn handle_unstable; /* /unstable: 200, or 500 at random */

/* A list of codes to draw from, as /random/{list} and /status/{codes}
 * take it: comma-separated entries, each a code, or a code and a weight
 * ("503:0.1", a decimal with at most six digits before and after the
 * point). CODE_LIST_RANDOM also takes ranges ("500-504", each code
 * counting 1), wants a weight on every entry or on none, and weights
 * above 0; CODE_LIST_STATUS (go-httpbin's) takes no ranges, gives an
 * entry without a weight the weight 1, and takes weights of 0, so long
 * as one weight is above 0. A code listed twice counts twice. */
#define CODE_LIST_MAX 64
enum code_list_style { CODE_LIST_RANDOM, CODE_LIST_STATUS };
struct code_list {
    struct code_choice {
        int lo, hi;      /* the codes: one, or a range */
        uint64_t weight; /* each code's, in millionths (or 1 each) */
    } e[CODE_LIST_MAX];
    size_t n;
    uint64_t total; /* above 0, below 2^53 */
};

/* Reads the list p[0..n) (any bytes): 0 with *out filled, or -1 with the
 * reason, which names the entry, in err (NUL-terminated, cut to
 * errsize). */
int code_list_parse(const char *p, size_t n, enum code_list_style style,
                    struct code_list *out, char *err, size_t errsize);

/* Draws one code of a parsed list with the worker's generator: each
 * code in proportion to its weight. */
int code_list_draw(const struct code_list *list, uint64_t *rng);

/* early_hints.c: the resources /103's Early Hints name. */
handler_fn handle_early_hints_style;  /* /early-hints/style.css */
handler_fn handle_early_hints_script; /* /early-hints/script.js */

#define EARLY_HINTS_STYLE_PATH  "/early-hints/style.css"
#define EARLY_HINTS_SCRIPT_PATH "/early-hints/script.js"
enum { EARLY_HINTS_STYLE, EARLY_HINTS_SCRIPT };

/* The Link field value that preloads one of them (EARLY_HINTS_STYLE or
 * EARLY_HINTS_SCRIPT), as /103's interim response sends it:
 * "</early-hints/style.css>; rel=preload; as=style". */
const char *early_hints_link(int which);

/* reference.c: the page, the registry as JSON, the index, health. */
handler_fn handle_page;       /* / */
handler_fn handle_index;      /* /index.txt */
handler_fn handle_healthz;    /* /healthz */
handler_fn handle_codes_json; /* /codes.json */
handler_fn handle_code_json;  /* /codes/{code}.json */

/* redirects.c: redirect chains and redirects to a given URL. */
handler_fn handle_redirect;          /* /redirect/{n} */
handler_fn handle_relative_redirect; /* /relative-redirect/{n} */
handler_fn handle_absolute_redirect; /* /absolute-redirect/{n} */
handler_fn handle_redirect_to;       /* /redirect-to?url=&status_code= */

/* echo.c: the request, echoed as JSON. */
handler_fn handle_get;              /* /get, /head */
handler_fn handle_echo_body;        /* /post, /put, /patch, /delete,
                                       /anything[/...] */
handler_fn handle_headers;          /* /headers */
handler_fn handle_ip;               /* /ip */
handler_fn handle_user_agent;       /* /user-agent */
handler_fn handle_hostname;         /* /hostname */
handler_fn handle_response_headers; /* /response-headers */
handler_fn handle_dump_request;     /* /dump/request */
handler_fn handle_delay;            /* /delay/{seconds} */

/* codings.c: the echo, content-coded. */
handler_fn handle_gzip;    /* /gzip */
handler_fn handle_deflate; /* /deflate */
handler_fn handle_brotli;  /* /brotli */

/* images.c: our images. */
handler_fn handle_image;     /* /image, by Accept */
handler_fn handle_image_ext; /* /image/{png,jpeg,webp,svg} */

/* The 404 of a path no route matches, with the index. */
int respond_not_found(struct exchange *x);

/* rng.c: the workers' random generator (xorshift64*: not for secrets). */

/* The next 64 random bits from *state (a state of 0 is taken as a fixed
 * nonzero seed). */
uint64_t rng_next(uint64_t *state);

/* A uniform draw from [0, n), for n below 2^53 (0 when n is 0). */
uint64_t rng_below(uint64_t *state, uint64_t n);

/* A generator state from a seed p[0..n) (any bytes), for draws that a
 * request repeats (?seed=): a decimal int64, an optional sign and at most
 * 19 digits. 0 with *state set, the same for the same seed, or -1. */
int rng_seed(const char *p, size_t n, uint64_t *state);

/* formats.c: documents in several formats, and pages for crawlers. */
handler_fn handle_html;       /* /html */
handler_fn handle_json;       /* /json */
handler_fn handle_xml;        /* /xml */
handler_fn handle_robots;     /* /robots.txt */
handler_fn handle_deny;       /* /deny */
handler_fn handle_utf8;       /* /encoding/utf8 */
handler_fn handle_uuid;       /* /uuid */
handler_fn handle_links;      /* /links/{n}, /links/{n}/{offset} */
handler_fn handle_forms_post; /* /forms/post */

/* cookies.c: the request's cookies, and cookies set and deleted. */
handler_fn handle_cookies;        /* /cookies */
handler_fn handle_cookies_set;    /* /cookies/set?name=value&... */
handler_fn handle_cookies_delete; /* /cookies/delete?name&... */

/* The next cookie-pair (RFC 6265, Section 4.2.1) of a Cookie field value
 * p[0..n), from *pos (0 to start): 1 with its name and value (slices of
 * p; a quoted value keeps its quotes) and *pos moved past it, or 0 when
 * there are no more. Pairs are separated by ';', with any spaces and tabs
 * around them; a pair that is not a token, '=' and a cookie-value
 * (cookie_value_ok(), or the same in double quotes) is skipped. */
int cookie_next(const char *p, size_t n, size_t *pos, struct slice *name,
                struct slice *value);

/* 1 when p[0..n) is a cookie-name: a token, at least one tchar. */
int cookie_name_ok(const char *p, size_t n);

/* 1 when every byte of p[0..n) is a cookie-octet (RFC 6265, Section
 * 4.1.1): visible US-ASCII but DQUOTE, ',', ';' and '\', so no control,
 * space or byte above 0x7E. The empty value is one. */
int cookie_value_ok(const char *p, size_t n);

/* auth.c: Basic, Bearer and Digest authentication, and base64. */
handler_fn handle_basic_auth;        /* /basic-auth/{user}/{passwd} */
handler_fn handle_hidden_basic_auth; /* /hidden-basic-auth/{user}/{passwd} */
handler_fn handle_bearer;            /* /bearer */
handler_fn handle_digest_auth;       /* /digest-auth/{qop}/{user}/{passwd}
                                        [/{algorithm}] */
handler_fn handle_base64;            /* /base64/[{encode,decode}/]{value} */

/* caching.c: caches and conditional requests. */
handler_fn handle_cache;         /* /cache */
handler_fn handle_cache_control; /* /cache/{n} */
handler_fn handle_etag;          /* /etag/{etag} */

/* The preconditions of x's request (RFC 9110, Section 13.2.2) against a
 * resource whose ETag is etag (a strong entity-tag, quotes included) and
 * whose Last-Modified is modified (seconds since 1970, or -1 for none):
 * 0 to go on, 304 (Not Modified, on GET and HEAD) or 412. */
int preconditions(struct exchange *x, const char *etag, long long modified);

/* Whether x's Range is to be honoured: the method is GET, and there is
 * no If-Range or it matches (Section 13.1.5): etag by strong comparison,
 * or a date equal to modified when that is a second or more before
 * x->now. */
int range_honoured(struct exchange *x, const char *etag, long long modified);

/* ranges.c (the Range reader itself is in ranges.h). */
handler_fn handle_range; /* /range/{n} */

/* streams.c: random bytes, streams and drips. */
handler_fn handle_bytes;        /* /bytes/{n} */
handler_fn handle_stream_bytes; /* /stream-bytes/{n} */
handler_fn handle_stream;       /* /stream/{n} */
handler_fn handle_drip;         /* /drip */
handler_fn handle_sse;          /* /sse: server-sent events */

#endif
