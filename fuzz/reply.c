/*
 * reply.c: libFuzzer target for the server's response builder,
 * reply_build() and reply_error() (server/http1.c, through the route
 * table and the handlers), and in particular for
 * the query-string parameters that become response fields (?header=,
 * ?location=, ?retry_after=).
 *
 * Input: a flags byte, then the request target up to the first LF, then
 * (after that LF) raw bytes appended to the header section. The flags
 * choose the method, HTTP/1.0 or 1.1, an Accept field and Connection:
 * close. The head is built around them, parsed with request_parse(), and
 * answered with reply_build(), or with reply_error() when the parser
 * refused it, as the server does.
 *
 * What is checked, every check a CHECK:
 *  - the output is zero or more interim (1xx) heads, then one final head,
 *    then exactly the content the final head frames: Content-Length bytes,
 *    none for HEAD, 1xx, 204 and 304, none when there is no
 *    Content-Length; never Transfer-Encoding, but for generated content
 *    (streams), whose pieces are drawn to the end and must then make
 *    one complete chunked body (or, to HTTP/1.0, any bytes until the
 *    close);
 *  - every head: a status line that httpstatus_parse_line() accepts
 *    strictly, with a code from 100 to 599 and a reason phrase, the
 *    registry's for a registered code; field lines of a token,
 *    ": " and a value of visible ASCII, SP and HTAB only (so no CR, LF,
 *    NUL or other control byte, whatever the query decoded to), each
 *    ended by CRLF, and the empty line; Date an IMF-fixdate (unless a
 *    ?header may have set it); Content-Length and Connection, which are
 *    the writer's alone, at most once;
 *  - when the query was read (a path other than "/" and a method other
 *    than OPTIONS, CONNECT and TRACE): a ?header= parameter that decodes
 *    to something that is not a clean Name:Value, or that names a framing
 *    or hop-by-hop field, makes the reply a 400; and when the reply is
 *    not a 400, every ?header= parameter appears in the final head as
 *    "Name: Value", its value stripped of spaces and tabs around it;
 *  - a 400 or any reply_error() reply carries no ?header field, and the
 *    sleep it asks for is 0; a sleep is never over the server's maximum;
 *  - a reply the parser refused says Connection: close and sets close;
 *  - reply_close() on a reply that does not close keeps all of the above
 *    true and makes the final head say Connection: close (or "upgrade,
 *    close").
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "server.h"

#define MAX_SLEEP_MS 5000u

static const char *const methods[] = {"GET",   "HEAD",   "POST",    "PUT",
                                      "PATCH", "DELETE", "OPTIONS", "TRACE"};
static const char *const accepts[] = {NULL, "application/json", "text/html",
                                      "text/plain"};

/* Fields a ?header may never set: framing and hop-by-hop fields. Any
 * other replaces the server's own. */
static const char *const server_fields[] = {
    "Content-Length",   "Transfer-Encoding",
    "Connection",       "Keep-Alive",
    "Upgrade",          "TE",
    "Trailer",          "Host",
    "Proxy-Connection",
};

/* The fields a head holds at most once, whatever the query says: the
 * writer's own. */
static const char *const once_fields[] = {"Content-Length", "Connection"};

/* Set when the query may set Date itself, whose value is then not the
 * server's to check. */
static int query_sets_date;
/* The reply under check has generated content (a stream's), and sends
 * it chunked; or to HTTP/1.0, as it comes, the close ending it. */
static int reply_generated, reply_chunked;

static int is_tchar(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z') ||
           (ch != 0 && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static int is_field_char(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || (ch >= 0x21 && ch <= 0x7e);
}

static int hex(unsigned char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static int same_name(const char *p, size_t n, const char *name)
{
    size_t i;

    if (strlen(name) != n)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char a = (unsigned char)p[i], b = (unsigned char)name[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b + 32);
        if (a != b)
            return 0;
    }
    return 1;
}

static int in_list(const char *p, size_t n, const char *const *list,
                   size_t count)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (same_name(p, n, list[i]))
            return 1;
    return 0;
}

/* -------------------------------------------------------- the response */

struct seen_field {
    const char *name, *value;
    size_t name_len, value_len;
};

#define FIELDS_MAX 64

struct head {
    int code;
    struct seen_field fields[FIELDS_MAX];
    size_t nfields;
};

static const struct seen_field *field_of(const struct head *h,
                                         const char *name)
{
    size_t i;

    for (i = 0; i < h->nfields; i++)
        if (same_name(h->fields[i].name, h->fields[i].name_len, name))
            return &h->fields[i];
    return NULL;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" */
static void check_date(const struct seen_field *f)
{
    static const char days[] = "MonTueWedThuFriSatSun";
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    static const int digits[] = {5, 6, 12, 13, 14, 15, 17, 18, 20, 21, 23, 24};
    const char *v = f->value;
    size_t k;
    int day_ok = 0, month_ok = 0;

    CHECK(f->value_len == 29);
    for (k = 0; k < 7; k++)
        day_ok |= memcmp(v, days + 3 * k, 3) == 0;
    for (k = 0; k < 12; k++)
        month_ok |= memcmp(v + 8, months + 3 * k, 3) == 0;
    CHECK(day_ok && month_ok);
    CHECK(memcmp(v + 3, ", ", 2) == 0 && v[7] == ' ' && v[11] == ' ' &&
          v[16] == ' ' && v[19] == ':' && v[22] == ':' &&
          memcmp(v + 25, " GMT", 4) == 0);
    for (k = 0; k < sizeof digits / sizeof digits[0]; k++)
        CHECK(v[digits[k]] >= '0' && v[digits[k]] <= '9');
}

/* Reads one head at out[*pos..len) into *h and moves *pos past it. */
static void read_head(const char *out, size_t len, size_t *pos, struct head *h)
{
    struct httpstatus_line sl;
    const char *p = out + *pos, *end = out + len, *nl;
    size_t i, k;

    memset(h, 0, sizeof *h);
    nl = memchr(p, '\n', (size_t)(end - p));
    CHECK(nl != NULL && nl > p && nl[-1] == '\r');
    CHECK(httpstatus_parse_line(p, (size_t)(nl + 1 - p), &sl) ==
          (int)(nl + 1 - p));
    CHECK(sl.major == 1 && sl.minor == 1);
    CHECK(httpstatus_is_valid(sl.code) && sl.reason_len > 0);
    if (httpstatus_get(sl.code) != NULL) {
        const char *want = httpstatus_get(sl.code)->reason;
        CHECK(sl.reason_len == strlen(want) &&
              memcmp(sl.reason, want, sl.reason_len) == 0);
    }
    h->code = sl.code;
    p = nl + 1;
    for (;;) {
        const char *colon;
        struct seen_field *f;

        nl = memchr(p, '\n', (size_t)(end - p));
        CHECK(nl != NULL && nl > p && nl[-1] == '\r');
        if (nl - 1 == p)
            break; /* the empty line */
        for (colon = p; colon < nl - 1 && *colon != ':'; colon++)
            CHECK(is_tchar((unsigned char)*colon));
        CHECK(colon > p && colon < nl - 1 && colon[1] == ' ');
        CHECK(h->nfields < FIELDS_MAX);
        f = &h->fields[h->nfields++];
        f->name = p;
        f->name_len = (size_t)(colon - p);
        f->value = colon + 2;
        f->value_len = (size_t)(nl - 1 - f->value);
        for (i = 0; i < f->value_len; i++)
            CHECK(is_field_char((unsigned char)f->value[i]));
        p = nl + 1;
    }
    *pos = (size_t)(nl + 1 - out);

    CHECK(field_of(h, "Transfer-Encoding") == NULL || reply_chunked);
    for (k = 0; k < sizeof once_fields / sizeof once_fields[0]; k++) {
        size_t count = 0;
        for (i = 0; i < h->nfields; i++)
            if (same_name(h->fields[i].name, h->fields[i].name_len,
                          once_fields[k]))
                count++;
        CHECK(count <= 1);
    }
    if ((!httpstatus_is_informational(h->code) || h->code == 101) &&
        !query_sets_date) {
        CHECK(field_of(h, "Date") != NULL);
        check_date(field_of(h, "Date"));
    }
}

/* A Content-Length value: digits only, no overflow. */
static size_t content_length(const struct seen_field *f)
{
    size_t i, v = 0;

    CHECK(f->value_len > 0 && f->value_len < 16);
    for (i = 0; i < f->value_len; i++) {
        CHECK(f->value[i] >= '0' && f->value[i] <= '9');
        v = v * 10 + (size_t)(f->value[i] - '0');
    }
    return v;
}

/* Checks the whole output; the final head is left in *last. */
static void check_output(const char *out, size_t len, int is_head,
                         struct head *last)
{
    size_t pos = 0, rest;
    const struct seen_field *cl;

    for (;;) {
        read_head(out, len, &pos, last);
        if (!httpstatus_is_informational(last->code) || last->code == 101)
            break;
        CHECK(field_of(last, "Content-Length") == NULL);
    }
    rest = len - pos;
    cl = field_of(last, "Content-Length");
    if (last->code == 101 || last->code == 204 || last->code == 304) {
        CHECK(rest == 0);
        CHECK(cl == NULL);
    } else if (reply_chunked && !is_head) {
        struct chunked c;
        int done = 0;
        memset(&c, 0, sizeof c);
        CHECK(chunked_read(&c, out + pos, rest, &done, NULL) == (long)rest);
        CHECK(done);
    } else if (cl == NULL) {
        CHECK(rest == 0 || reply_generated);
    } else {
        CHECK(rest == (is_head ? 0 : content_length(cl)));
    }
}

/* ----------------------------------------------------- the ?header oracle */

/* A ?header= parameter, percent-decoded. */
struct decoded {
    char bytes[REQUEST_LINE_MAX];
    size_t len;
    int ok; /* the escapes decoded */
};

/* Decodes p[0..n) into *d when it is a header= parameter; returns
 * whether it is one. */
static int header_param(const char *p, size_t n, struct decoded *d)
{
    size_t i;

    d->len = 0;
    d->ok = 1;
    if (n < 7 || memcmp(p, "header=", 7) != 0)
        return 0;
    for (i = 7; i < n; i++) {
        if (p[i] == '%') {
            int hi = i + 2 < n ? hex((unsigned char)p[i + 1]) : -1;
            int lo = i + 2 < n ? hex((unsigned char)p[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                d->ok = 0;
                return 1;
            }
            d->bytes[d->len++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            d->bytes[d->len++] = p[i];
        }
    }
    return 1;
}

/* A decoded parameter is a clean Name:Value the server may add. Sets
 * the name and stripped value. */
static int clean_field(const struct decoded *d, struct seen_field *f)
{
    const char *colon = memchr(d->bytes, ':', d->len);
    const char *v, *e;
    size_t i;

    if (!d->ok || colon == NULL || colon == d->bytes)
        return 0;
    f->name = d->bytes;
    f->name_len = (size_t)(colon - d->bytes);
    for (i = 0; i < f->name_len; i++)
        if (!is_tchar((unsigned char)f->name[i]))
            return 0;
    if (in_list(f->name, f->name_len, server_fields,
                sizeof server_fields / sizeof server_fields[0]))
        return 0;
    v = colon + 1;
    e = d->bytes + d->len;
    while (v < e && (*v == ' ' || *v == '\t'))
        v++;
    while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    for (i = 0; v + i < e; i++)
        if (!is_field_char((unsigned char)v[i]))
            return 0;
    f->value = v;
    f->value_len = (size_t)(e - v);
    return 1;
}

static int head_has(const struct head *h, const struct seen_field *want)
{
    size_t i;

    for (i = 0; i < h->nfields; i++) {
        const struct seen_field *f = &h->fields[i];
        if (f->name_len == want->name_len &&
            memcmp(f->name, want->name, f->name_len) == 0 &&
            f->value_len == want->value_len &&
            memcmp(f->value, want->value, f->value_len) == 0)
            return 1;
    }
    return 0;
}

/* The fields of a 400 that refuses the request: none from the query
 * (Cache-Control is the route's no-store; Vary: Origin and the CORS
 * fields answer an Origin field). */
static const char *const refusal_fields[] = {
    "Date",
    "Cache-Control",
    "Server",
    "Connection",
    "Content-Type",
    "Content-Length",
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Credentials", /* when the request has Origin */
    "Vary",
    "Access-Control-Expose-Headers",
    "WWW-Authenticate", /* /bearer's invalid_request (RFC 6750, 3.1) */
};

static void check_refusal(const struct head *h)
{
    size_t i;

    for (i = 0; i < h->nfields; i++)
        CHECK(in_list(h->fields[i].name, h->fields[i].name_len, refusal_fields,
                      sizeof refusal_fields / sizeof refusal_fields[0]));
}

static void check_header_params(struct slice query, const struct head *last)
{
    static struct decoded d;
    size_t i = 0;
    int all_clean = 1;

    while (query.p != NULL && i <= query.n) {
        size_t start = i;
        struct seen_field f;
        while (i < query.n && query.p[i] != '&')
            i++;
        if (header_param(query.p + start, i - start, &d)) {
            if (!clean_field(&d, &f))
                all_clean = 0;
            else if (last->code != 400)
                CHECK(head_has(last, &f));
        }
        i++;
    }
    if (!all_clean)
        CHECK(last->code == 400);
}

/* ------------------------------------------------------------- driver */

/* Whether the query holds a ?header= parameter, which may set Date. */
static int has_header_param(struct slice q)
{
    size_t i;

    for (i = 0; q.p != NULL && i + 7 <= q.n; i++)
        if (memcmp(q.p + i, "header=", 7) == 0)
            return 1;
    return 0;
}

static int slice_is(struct slice x, const char *s)
{
    return x.n == strlen(s) && memcmp(x.p, s, x.n) == 0;
}

static int path_is(const struct request *req, const char *path)
{
    return slice_is(req->path, path);
}

static int method_is(const struct request *req, const char *method)
{
    return slice_is(req->method, method);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct serve_options opt = {MAX_SLEEP_MS, 1u << 20, NULL, NULL};
    struct request_parser parser;
    struct request req;
    struct reply reply;
    struct head last;
    const uint8_t *target, *extra = NULL, *nl;
    size_t target_len, extra_len = 0, head_len;
    const char *method, *accept;
    int flags, minor, close, r;
    uint64_t rng;
    long long now;
    char *head, *w;

    if (size < 1)
        return 0;
    flags = data[0];
    method = methods[flags & 7];
    minor = (flags >> 3) & 1;
    accept = accepts[(flags >> 4) & 3];
    close = (flags >> 6) & 1;
    target = data + 1;
    target_len = size - 1;
    nl = memchr(target, '\n', target_len);
    if (nl != NULL) {
        extra = nl + 1;
        extra_len = (size_t)(data + size - extra);
        target_len = (size_t)(nl - target);
    }
    rng = (uint64_t)hash_bytes(data, size) << 32 | 0x9e3779b9u;
    now = (long long)(rng ^ (uint64_t)flags << 56);

    /* METHOD SP target SP HTTP/1.m CRLF Host CRLF [Accept] [close]
     * extra CRLF CRLF */
    head_len = strlen(method) + target_len + 128 + extra_len;
    head = malloc(head_len);
    CHECK(head != NULL);
    w = head;
    w += sprintf(w, "%s ", method);
    memcpy(w, target, target_len);
    w += target_len;
    w += sprintf(w, " HTTP/1.%d\r\nHost: fuzz\r\n", minor);
    if (accept != NULL)
        w += sprintf(w, "Accept: %s\r\n", accept);
    if (close)
        w += sprintf(w, "Connection: close\r\n");
    if (extra_len > 0) {
        memcpy(w, extra, extra_len);
        w += extra_len;
    }
    memcpy(w, "\r\n\r\n", 4);
    w += 4;
    head_len = (size_t)(w - head);

    memset(&parser, 0, sizeof parser);
    memset(&reply, 0, sizeof reply);
    r = request_parse(&parser, head, head_len, &req);
    if (r == 0) {
        /* The extra bytes left the head unfinished ("\r" then "\n\r\n"
         * is not an end), which the server would wait on. */
        free(head);
        return 0;
    }
    reply_generated = reply_chunked = 0;
    if (r < 0) {
        CHECK(reply_error(-r, NULL, now, &reply) == 0);
        CHECK(reply.close == 1 && reply.sleep_ms == 0);
        check_output(reply.out.data, reply.out.len, 0, &last);
        CHECK(last.code == -r);
        check_refusal(&last);
        CHECK(field_of(&last, "Connection") != NULL &&
              same_name(field_of(&last, "Connection")->value,
                        field_of(&last, "Connection")->value_len, "close"));
    } else {
        /* OPTIONS, TRACE and the page at / leave the query unread (the
         * methods above hold no CONNECT). */
        int reads_query =
            !req.is_options && !method_is(&req, "TRACE") && req.path.n > 1;
        query_sets_date = has_header_param(req.query);
        CHECK(reply_build(&req, &opt, now, &rng, &reply) == 0);
        /* Generated content, drawn to its end. */
        reply_chunked = reply.chunked;
        reply_generated = reply.gen.next != NULL;
        while (reply.gen.next != NULL)
            CHECK(reply_next_piece(&reply) >= 0);
        CHECK(reply.sleep_ms <= MAX_SLEEP_MS);
        check_output(reply.out.data, reply.out.len, req.is_head, &last);
        if (!req.keep_alive)
            CHECK(reply.close == 1);
        /* A 400 is a refusal, but for the page of code 400 itself,
         * which /400, /400/... and /random can ask for. */
        if (last.code == 400 && !path_is(&req, "/400") &&
            !(req.path.n > 4 && memcmp(req.path.p, "/400/", 5) == 0) &&
            !(req.path.n >= 7 && memcmp(req.path.p, "/random", 7) == 0)) {
            CHECK(reply.sleep_ms == 0);
            check_refusal(&last);
        }
        if (reads_query)
            check_header_params(req.query, &last);
        /* The same reply, made to close, as when the server stops. */
        if (!reply.close && last.code != 101) {
            const struct seen_field *conn;
            CHECK(reply_close(&reply) == 0 && reply.close);
            check_output(reply.out.data, reply.out.len, req.is_head, &last);
            conn = field_of(&last, "Connection");
            CHECK(conn != NULL &&
                  (same_name(conn->value, conn->value_len, "close") ||
                   same_name(conn->value, conn->value_len, "upgrade, close")));
        }
    }
    buffer_free(&reply.out);
    free(head);
    return 0;
}
