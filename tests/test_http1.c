/* test_http1.c: the responses of httpstatus serve as HTTP/1.1 bytes: the route
 * table, the handlers and the writer (server/http1.c). Every request is built
 * by hand, so that these tests do not depend on the request parser, and every
 * reply goes through a small checker of HTTP/1.1 framing before anything else
 * is looked at. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json.h"
#include "server.h"

#define NOW       784111777LL
#define NOW_DATE  "Sun, 06 Nov 1994 08:49:37 GMT"
#define MAX_SLEEP 10000u

static const struct serve_options options = {MAX_SLEEP, 1u << 20, NULL, NULL};
static uint64_t rng = 1;

/* ------------------------------------------------------------ requests */

static struct slice slice_of(const char *s)
{
    struct slice x;

    x.p = s;
    x.n = s != NULL ? strlen(s) : 0;
    return x;
}

/* A request as request_parse() would describe it: HTTP/1.1, keep-alive,
 * no content. target must outlive the request. */
static struct request make(const char *method, const char *target)
{
    struct request r;
    const char *q = strchr(target, '?');

    memset(&r, 0, sizeof r);
    r.method = slice_of(method);
    r.target = slice_of(target);
    r.path.p = target;
    r.path.n = q != NULL ? (size_t)(q - target) : strlen(target);
    if (q != NULL)
        r.query = slice_of(q + 1);
    r.minor = 1;
    r.keep_alive = 1;
    r.content_length = -1;
    r.is_head = strcmp(method, "HEAD") == 0;
    r.is_options = strcmp(method, "OPTIONS") == 0;
    return r;
}

/* ------------------------------------------------- an HTTP/1.1 checker */

#define FIELDS_MAX 64
#define HEADS_MAX  4

struct seen_field {
    const char *name, *value;
    size_t name_len, value_len;
};

struct head {
    int code;
    const char *reason;
    size_t reason_len;
    struct seen_field fields[FIELDS_MAX];
    size_t nfields;
};

/* One response: interim heads, then the final head and its content. */
struct parsed {
    struct head heads[HEADS_MAX];
    size_t nheads;
    const char *content;
    size_t content_len;
    size_t head_len; /* bytes before the content */
    size_t consumed; /* bytes of the whole response */
};

static const char *parse_error = "";

static int is_tchar(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') ||
           (ch != '\0' && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static int eq_nocase(const char *p, size_t n, const char *s)
{
    size_t i;

    if (strlen(s) != n)
        return 0;
    for (i = 0; i < n; i++) {
        int a = (unsigned char)p[i], b = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a += 32;
        if (b >= 'A' && b <= 'Z')
            b += 32;
        if (a != b)
            return 0;
    }
    return 1;
}

static size_t count_of(const struct head *h, const char *name)
{
    size_t k, n = 0;

    for (k = 0; k < h->nfields; k++)
        if (eq_nocase(h->fields[k].name, h->fields[k].name_len, name))
            n++;
    return n;
}

/* The value of the only field of that name, or NULL (none, or several). */
static const struct seen_field *only(const struct head *h, const char *name)
{
    size_t k;
    const struct seen_field *f = NULL;

    for (k = 0; k < h->nfields; k++) {
        if (eq_nocase(h->fields[k].name, h->fields[k].name_len, name)) {
            if (f != NULL)
                return NULL;
            f = &h->fields[k];
        }
    }
    return f;
}

/* 1 when there is exactly one field of that name and it has that value. */
static int has(const struct head *h, const char *name, const char *value)
{
    const struct seen_field *f = only(h, name);

    return f != NULL && f->value_len == strlen(value) &&
           memcmp(f->value, value, f->value_len) == 0;
}

static int value_has(const struct head *h, const char *name, const char *s)
{
    const struct seen_field *f = only(h, name);
    size_t n = strlen(s), i;

    if (f == NULL)
        return 0;
    for (i = 0; i + n <= f->value_len; i++)
        if (memcmp(f->value + i, s, n) == 0)
            return 1;
    return 0;
}

static int fail(const char *why)
{
    parse_error = why;
    return 0;
}

/* Reads one head at p[*pos..n): a strict status line, field lines of a
 * token, ':', OWS, a value of visible ASCII, SP, HTAB or obs-text, and
 * CRLF line ends throughout. */
static int parse_head(const char *p, size_t n, size_t *pos, struct head *h)
{
    struct httpstatus_line line;
    int r = httpstatus_parse_line(p + *pos, n - *pos, &line);

    if (r <= 0)
        return fail("not a status line");
    if (line.major != 1 || line.minor != 1)
        return fail("not HTTP/1.1");
    if (!httpstatus_is_valid(line.code))
        return fail("a code outside 100..599");
    if (line.reason_len == 0)
        return fail("no reason phrase");
    h->code = line.code;
    h->reason = line.reason;
    h->reason_len = line.reason_len;
    h->nfields = 0;
    *pos += (size_t)r;
    for (;;) {
        size_t start = *pos, end, i, colon;
        struct seen_field *f;

        for (end = start; end < n && p[end] != '\r' && p[end] != '\n'; end++)
            ;
        if (end + 1 >= n || p[end] != '\r' || p[end + 1] != '\n')
            return fail("a line that does not end in CRLF");
        *pos = end + 2;
        if (end == start)
            return 1;
        for (colon = start; colon < end && is_tchar((unsigned char)p[colon]);
             colon++)
            ;
        if (colon == start || colon == end || p[colon] != ':')
            return fail("a field line without a token and a colon");
        if (h->nfields == FIELDS_MAX)
            return fail("too many fields");
        f = &h->fields[h->nfields++];
        f->name = p + start;
        f->name_len = colon - start;
        for (i = colon + 1; i < end && (p[i] == ' ' || p[i] == '\t'); i++)
            ;
        while (end > i && (p[end - 1] == ' ' || p[end - 1] == '\t'))
            end--;
        f->value = p + i;
        f->value_len = end - i;
        for (; i < end; i++) {
            unsigned char ch = (unsigned char)p[i];
            if (ch < 0x20 ? ch != '\t' : ch == 0x7f)
                return fail("a control character in a field value");
        }
    }
}

/* Reads one response: interim heads, then a final head and its content,
 * framed as RFC 9112, Section 6.3 says for a response to a request with
 * method HEAD or not. */
static int parse_response(const char *p, size_t n, int head_request,
                          struct parsed *res)
{
    size_t pos = 0;

    memset(res, 0, sizeof *res);
    if (p == NULL)
        return fail("no bytes");
    for (;;) {
        struct head *h;
        const struct seen_field *cl;
        int code;

        if (res->nheads == HEADS_MAX)
            return fail("too many interim responses");
        h = &res->heads[res->nheads++];
        if (!parse_head(p, n, &pos, h))
            return 0;
        code = h->code;
        if (count_of(h, "Transfer-Encoding") != 0)
            return fail("Transfer-Encoding");
        if (code < 200 || code == 204) {
            if (count_of(h, "Content-Length") != 0)
                return fail("Content-Length on a 1xx or 204");
        }
        if (code < 200 && code != 101)
            continue;
        res->head_len = pos;
        res->content = p + pos;
        if (head_request || httpstatus_forbids_content(code)) {
            res->content_len = 0;
        } else {
            size_t i, v = 0;
            cl = only(h, "Content-Length");
            if (cl == NULL || cl->value_len == 0)
                return fail("no single Content-Length");
            for (i = 0; i < cl->value_len; i++) {
                if (cl->value[i] < '0' || cl->value[i] > '9')
                    return fail("a Content-Length that is not digits");
                v = v * 10 + (size_t)(cl->value[i] - '0');
            }
            if (v > n - pos)
                return fail("less content than Content-Length says");
            res->content_len = v;
        }
        res->consumed = pos + res->content_len;
        return 1;
    }
}

static const struct head *final_head(const struct parsed *res)
{
    return &res->heads[res->nheads - 1];
}

/* ------------------------------------------------------------- replies */

struct got {
    int rc, ok;
    struct reply rep;
    struct parsed res;
    const struct head *h; /* the final head */
};

/* Builds the reply to r and checks its framing: it must be one complete
 * HTTP/1.1 response, no more and no less. */
static void get_with(const struct request *r, const struct serve_options *o,
                     uint64_t *state, struct got *g)
{
    memset(g, 0, sizeof *g);
    g->rc = reply_build(r, o, NOW, state, &g->rep);
    g->ok =
        g->rc == 0 &&
        parse_response(g->rep.out.data, g->rep.out.len, r->is_head, &g->res) &&
        g->res.consumed == g->rep.out.len;
    if (g->rc == 0 && g->res.consumed != g->rep.out.len && g->ok == 0 &&
        parse_error[0] == '\0')
        parse_error = "bytes after the response";
    g->h = g->ok ? final_head(&g->res) : NULL;
    if (!g->ok)
        printf("# %.*s: %s\n", (int)r->target.n, r->target.p, parse_error);
}

static void get(const struct request *r, struct got *g)
{
    get_with(r, &options, &rng, g);
}

static void release(struct got *g)
{
    reply_drop(&g->rep);
    buffer_free(&g->rep.out);
}

/* A GET to target; the status, or -1 when the reply is broken. */
static int status_of(const char *target)
{
    struct request r = make("GET", target);
    struct got g;
    int code;

    get(&r, &g);
    code = g.ok ? g.h->code : -1;
    CHECK(!g.ok || g.rep.status == code);
    release(&g);
    return code;
}

static int content_has(const struct got *g, const char *s)
{
    size_t n = strlen(s), i;

    for (i = 0; i + n <= g->res.content_len; i++)
        if (memcmp(g->res.content + i, s, n) == 0)
            return 1;
    return 0;
}

/* The length of the longest line of p[0..n), without its LF. */
static size_t longest_line(const char *p, size_t n)
{
    size_t longest = 0, start = 0, i;

    for (i = 0; i <= n; i++)
        if (i == n || p[i] == '\n') {
            if (i - start > longest)
                longest = i - start;
            start = i + 1;
        }
    return longest;
}

static int bytes_have(const struct buffer *b, const char *s)
{
    size_t n = strlen(s), i;

    for (i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, s, n) == 0)
            return 1;
    return 0;
}

/* The phrase the server must send for a code. */
static const char *expected_reason(int code)
{
    const struct httpstatus_info *e = httpstatus_get(code), *u;
    size_t n, i;

    if (e != NULL)
        return e->reason;
    u = httpstatus_unofficial(&n);
    for (i = 0; i < n; i++)
        if (u[i].code == code)
            return u[i].reason;
    return httpstatus_reason(code);
}

static int reason_is(const struct head *h, const char *reason)
{
    return h->reason_len == strlen(reason) &&
           memcmp(h->reason, reason, h->reason_len) == 0;
}

/* ------------------------------------------------------ registry rules */

/* Whether a conditional rule's condition holds for what this server sends:
 * 1 yes, 0 no, -1 a checker cannot tell. */
static int condition_holds(int code, const char *field)
{
    if (code == 206)
        return strcmp(field, "Content-Range") == 0; /* one range, always */
    if (code == 300)
        return 1;    /* the server has a preferred choice: /200 */
    if (code == 304) /* what the 200 would have carried */
        return strcmp(field, "Date") == 0 || strcmp(field, "ETag") == 0 ||
               strcmp(field, "Vary") == 0;
    return -1;
}

/* Every MUST, SHOULD, SHOULD NOT and MUST NOT of the registry for h's
 * code, where it applies. */
static void check_rules(const struct head *h)
{
    const struct httpstatus_info *e = httpstatus_get(h->code);
    size_t k;

    if (e == NULL)
        return;
    for (k = 0; k < e->header_count; k++) {
        const struct httpstatus_header_rule *rule = &e->headers[k];
        size_t present = count_of(h, rule->field);
        if (rule->condition != NULL &&
            condition_holds(h->code, rule->field) != 1)
            continue;
        switch (rule->level) {
        case HTTPSTATUS_MUST:
        case HTTPSTATUS_SHOULD:
            CHECK(present > 0);
            if (present == 0)
                printf("# %d lacks %s\n", h->code, rule->field);
            break;
        case HTTPSTATUS_MUST_NOT:
        case HTTPSTATUS_SHOULD_NOT:
            CHECK(present == 0);
            break;
        case HTTPSTATUS_MAY:
            break;
        }
    }
}

/* Date, Server and CORS, on every final response ("*" for a request
 * without Origin, as most here are). */
static void check_common(const struct head *h)
{
    CHECK(has(h, "Date", NOW_DATE));
    CHECK(has(h, "Server", "httpstatus/" HTTPSTATUS_VERSION_STRING));
    CHECK(count_of(h, "Access-Control-Allow-Origin") == 1);
}

/* --------------------------------------------------------------- buffer */

/* ---------------------------------------------------- every code, every way
 */

static void every_code_every_way(void)
{
    static const char *const methods[] = {"GET", "HEAD"};
    int code;

    for (code = 100; code <= 599; code++) {
        char target[8];
        int minor, keep, m;

        snprintf(target, sizeof target, "/%d", code);
        for (minor = 0; minor <= 1; minor++) {
            for (keep = 0; keep <= 1; keep++) {
                struct got g[2];
                for (m = 0; m < 2; m++) {
                    struct request r = make(methods[m], target);
                    const struct head *h;
                    int final = code < 200 ? (code == 101 ? 426 : 200) : code;
                    size_t ninterim = code < 200 && code != 101 && minor;
                    const struct seen_field *cl;
                    int has_content;

                    r.minor = minor;
                    r.keep_alive = keep;
                    get(&r, &g[m]);
                    CHECK(g[m].ok);
                    if (!g[m].ok)
                        continue;
                    h = g[m].h;
                    CHECK(h->code == final);
                    CHECK(g[m].rep.status == final);
                    CHECK(reason_is(h, expected_reason(final)));
                    CHECK(g[m].res.nheads == ninterim + 1);
                    if (ninterim) {
                        const struct head *i = &g[m].res.heads[0];
                        CHECK(i->code == code);
                        CHECK(reason_is(i, expected_reason(code)));
                        check_rules(i);
                    }
                    check_common(h);
                    check_rules(h);
                    /* 408 closes, whatever the request asked. */
                    CHECK(g[m].rep.close == (!keep || final == 408));
                    CHECK(g[m].rep.sleep_ms == 0);
                    if (!keep || final == 408)
                        CHECK(value_has(h, "Connection", "close"));
                    else if (minor == 0)
                        CHECK(value_has(h, "Connection", "keep-alive"));
                    else if (final != 426)
                        CHECK(count_of(h, "Connection") == 0);
                    if (final == 426)
                        CHECK(value_has(h, "Connection", "upgrade"));
                    has_content =
                        !httpstatus_forbids_content(final) && final != 205;
                    cl = only(h, "Content-Length");
                    if (httpstatus_forbids_content(final)) {
                        CHECK(count_of(h, "Content-Length") == 0);
                        CHECK(count_of(h, "Content-Type") == 0);
                    } else if (final == 205) {
                        CHECK(has(h, "Content-Length", "0"));
                        CHECK(count_of(h, "Content-Type") == 0);
                    } else {
                        CHECK(cl != NULL);
                        CHECK(has(h, "Content-Type",
                                  "text/plain; charset=utf-8"));
                    }
                    CHECK(has(h, "Vary", "Accept") ==
                          (has_content || final == 304));
                    if (m == 0 && has_content) {
                        /* The representation of /{code} describes code;
                         * /206 sends its first ten bytes. */
                        char title[80];
                        int n = snprintf(
                            title, sizeof title, "%d %s\n\n",
                            final == 426 ? 426 : code,
                            expected_reason(final == 426 ? 426 : code));
                        size_t want = final == 206 ? 10 : (size_t)n;
                        CHECK(g[m].res.content_len >= want);
                        CHECK(memcmp(g[m].res.content, title, want) == 0);
                    }
                    if (m == 1)
                        CHECK(g[m].res.content_len == 0);
                }
                /* HEAD: GET's head, byte for byte, and nothing after. */
                if (g[0].ok && g[1].ok) {
                    CHECK(g[1].rep.out.len == g[0].res.head_len);
                    CHECK(memcmp(g[0].rep.out.data, g[1].rep.out.data,
                                 g[1].rep.out.len) == 0);
                }
                release(&g[0]);
                release(&g[1]);
            }
        }
    }
}

static void unofficial_codes_use_the_vendor_phrase(void)
{
    const struct httpstatus_info *u;
    size_t n, i;

    u = httpstatus_unofficial(&n);
    for (i = 0; i < n; i++) {
        char target[16];
        struct request r;
        struct got g;
        const char *want = httpstatus_get(u[i].code) != NULL
                               ? httpstatus_get(u[i].code)->reason
                               : u[i].reason;

        if (i > 0 && u[i - 1].code == u[i].code)
            continue; /* the first entry of a code speaks for it */
        if (u[i].code < 200)
            continue; /* 1xx: the final response is a 200 */
        snprintf(target, sizeof target, "/%d", u[i].code);
        r = make("GET", target);
        get(&r, &g);
        CHECK(g.ok);
        if (g.ok) {
            CHECK(g.h->code == u[i].code);
            CHECK(reason_is(g.h, want));
            check_common(g.h);
        }
        release(&g);
    }
    CHECK(status_of("/520") == 520);
    {
        struct request r = make("GET", "/520");
        struct got g;
        get(&r, &g);
        CHECK(g.ok && reason_is(g.h, "Web Server Returned an Unknown Error"));
        release(&g);
        r = make("GET", "/530"); /* two vendors: the first one's phrase */
        get(&r, &g);
        CHECK(g.ok && reason_is(g.h, "Site is frozen"));
        release(&g);
        r = make("GET", "/432"); /* nobody's: the class name */
        get(&r, &g);
        CHECK(g.ok && reason_is(g.h, "Client Error"));
        CHECK(g.ok && content_has(&g, "not a registered status code"));
        release(&g);
    }
}

/* ----------------------------------------------------------------- 1xx */

static void interim_responses_and_upgrades(void)
{
    struct request r;
    struct got g;

    r = make("GET", "/100");
    get(&r, &g);
    CHECK(g.ok && g.res.nheads == 2);
    CHECK(g.rep.out.len > 25 &&
          memcmp(g.rep.out.data, "HTTP/1.1 100 Continue\r\n\r\n", 25) == 0);
    CHECK(g.ok && g.h->code == 200 && g.rep.status == 200);
    release(&g);

    r = make("GET", "/103");
    get(&r, &g);
    CHECK(g.ok && g.res.nheads == 2);
    if (g.ok) {
        const struct head *i = &g.res.heads[0];
        CHECK(i->code == 103 && count_of(i, "Link") == 2);
        CHECK(count_of(g.h, "Link") == 0);
        CHECK(content_has(&g, "103 Early Hints"));
    }
    release(&g);

    r = make("GET", "/104");
    get(&r, &g);
    CHECK(g.ok && g.res.nheads == 2 && g.res.heads[0].nfields == 0);
    release(&g);

    r = make("GET", "/150"); /* unregistered: an interim of its class */
    get(&r, &g);
    CHECK(g.ok && g.res.nheads == 2 && g.res.heads[0].code == 150);
    CHECK(g.ok && reason_is(&g.res.heads[0], "Informational"));
    release(&g);

    r = make("GET", "/103");
    r.minor = 0; /* HTTP/1.0: the final 200 alone */
    get(&r, &g);
    CHECK(g.ok && g.res.nheads == 1 && g.h->code == 200);
    CHECK(!bytes_have(&g.rep.out, "Early Hints\r\n"));
    release(&g);

    r = make("GET", "/101");
    r.upgrade = 1;
    get(&r, &g);
    CHECK(g.ok && g.h->code == 101 && g.rep.status == 101);
    CHECK(g.rep.close == 1);
    if (g.ok) {
        check_common(g.h);
        check_rules(g.h);
        CHECK(has(g.h, "Upgrade", "httpstatus-test"));
        CHECK(has(g.h, "Connection", "upgrade"));
        CHECK(g.res.content_len == 0);
    }
    release(&g);

    r = make("HEAD", "/101");
    r.upgrade = 1;
    get(&r, &g);
    CHECK(g.ok && g.h->code == 101);
    release(&g);

    r = make("GET", "/101"); /* no upgrade asked for: 426 */
    get(&r, &g);
    CHECK(g.ok && g.h->code == 426 && g.rep.close == 0);
    CHECK(g.ok && has(g.h, "Upgrade", "httpstatus-test"));
    CHECK(g.ok && has(g.h, "Connection", "upgrade"));
    release(&g);

    r = make("GET", "/101"); /* HTTP/1.0 upgrades are ignored */
    r.upgrade = 1;
    r.minor = 0;
    get(&r, &g);
    CHECK(g.ok && g.h->code == 426);
    release(&g);

    r = make("GET", "/426");
    r.keep_alive = 0;
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Connection", "upgrade, close"));
    release(&g);
}

/* ------------------------------------------------------------ negotiation */

static const char *content_type_for(const char *accept)
{
    struct request r = make("GET", "/404");
    struct got g;
    const struct seen_field *f;
    const char *type = "broken";

    r.accept = slice_of(accept);
    get(&r, &g);
    if (g.ok && has(g.h, "Vary", "Accept") &&
        (f = only(g.h, "Content-Type")) != NULL) {
        if (f->value_len == 25 && memcmp(f->value, "text/plain", 10) == 0)
            type = "text";
        else if (f->value_len == 16 &&
                 memcmp(f->value, "application/json", 16) == 0)
            type = "json";
        else if (f->value_len == 24 && memcmp(f->value, "text/html", 9) == 0)
            type = "html";
    }
    release(&g);
    return type;
}

static void accept_negotiation(void)
{
    static const struct {
        const char *accept, *type;
    } cases[] = {
        {NULL, "text"},
        {"", "text"},
        {"*/*", "text"},
        {"application/json", "json"},
        {"text/html", "html"},
        {"TEXT/HTML", "html"},
        {"text/html, application/json", "json"},
        {"text/html;q=0.9, application/json;q=0.8", "html"},
        {"text/*", "text"},
        {"text/*;q=0.5, text/html", "html"},
        {"image/png", "text"},
        {"application/json;q=0", "text"},
        {"*/*;q=0, application/json;q=0.1", "json"},
        {"text/plain;q=0, */*", "json"},
        {"application/json;q=0.5, */*;q=0.6", "text"},
        {"text/html;level=1", "text"},
        {"text/html;charset=utf-8", "html"},
        {"text/html;charset=\"UTF-8\";q=0.7, text/plain;q=0.5", "html"},
        {"text/html;q=1.5, application/json", "json"},
        {"text/html, application/json;q=\"0.5\"", "html"},
        {"garbage, application/json", "json"},
        {"application/json ; q=0.9 ; ext=1", "json"},
        {"application/json;q=0.001", "json"},
        {"text/html;q=0.5,application/json;q=0.500", "json"},
        {"*/json", "text"},
        {",,, text/html ,,", "html"},
        {"text/html;q=0.", "text"},
        {"text/html;q=1.", "html"},
        {"text/html;q=", "text"},
        {"text/html;q=0.1234", "text"},
        {"text/html;charset=latin1, application/json;q=0.2", "json"},
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *type = content_type_for(cases[k].accept);
        CHECK(strcmp(type, cases[k].type) == 0);
        if (strcmp(type, cases[k].type) != 0)
            printf("# Accept: %s gave %s\n",
                   cases[k].accept ? cases[k].accept : "(none)", type);
    }
}

/* The JSON page of every entry, against common/json.c's escaping. */
static void json_pages_escape_as_the_cli_does(void)
{
    const struct httpstatus_info *lists[2];
    size_t counts[2], l, i;

    lists[0] = httpstatus_list(&counts[0]);
    lists[1] = httpstatus_unofficial(&counts[1]);
    for (l = 0; l < 2; l++) {
        for (i = 0; i < counts[l]; i++) {
            const struct httpstatus_info *e = &lists[l][i];
            char target[16], *want = NULL;
            size_t want_len = 0;
            FILE *f;
            struct request r;
            struct got g;

            if (httpstatus_forbids_content(e->code) || e->code == 205 ||
                e->code == 101 || e->code == 206)
                continue;
            if (l == 1 && (httpstatus_get(e->code) != NULL ||
                           (i > 0 && lists[l][i - 1].code == e->code)))
                continue;
            f = open_memstream(&want, &want_len);
            CHECK(f != NULL);
            if (f == NULL)
                continue;
            /* httpstat.us's code and description (the reason) first */
            fprintf(f, "{\"code\": %d, \"description\": ", e->code);
            json_write_string(f, e->reason);
            fputs(", \"reason\": ", f);
            json_write_string(f, e->reason);
            fputs(", \"summary\": ", f);
            json_write_string(f, e->summary);
            fputs(", \"details\": ", f);
            json_write_string(f, e->description);
            fputs(", \"reference\": ", f);
            json_write_string(f, e->reference);
            fputs("}\n", f);
            fclose(f);
            snprintf(target, sizeof target, "/%d", e->code);
            r = make("GET", target);
            r.accept = slice_of("application/json");
            get(&r, &g);
            CHECK(g.ok && g.res.content_len == want_len &&
                  memcmp(g.res.content, want, want_len) == 0);
            release(&g);
            free(want);
        }
    }
}

static void html_pages_are_escaped(void)
{
    struct request r = make("GET", "/418");
    struct got g;

    r.accept = slice_of("text/html");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Content-Type", "text/html; charset=utf-8"));
    CHECK(g.ok && g.res.content_len > 16 &&
          memcmp(g.res.content, "<!DOCTYPE html>\n", 16) == 0);
    CHECK(content_has(&g, "<title>418 I&#39;m a teapot</title>"));
    CHECK(content_has(&g, "<h1>418 I&#39;m a teapot</h1>"));
    CHECK(!content_has(&g, "I'm"));
    CHECK(g.ok && g.res.content_len > 8 &&
          memcmp(g.res.content + g.res.content_len - 8, "</html>\n", 8) == 0);
    release(&g);
}

/* ---------------------------------------------------------------- Range */

struct range_case {
    const char *method, *target, *range;
    int status;
    /* first -1: Content-Range "bytes *\/N"; -2: no Content-Range; -3 and
     * below count from the end, as last < 0 does: -1 is N-1. */
    long first, last;
};

static void check_range(const struct range_case *c)
{
    struct request r = make("GET", c->target);
    struct got full, g;
    const char *base = strcmp(c->target, "/206") == 0 ? "/206" : "/200";
    size_t n;
    char want[80];

    r = make("GET", base);
    r.range = slice_of("bytes=0-");
    get(&r, &full); /* the whole representation, as 206 bytes 0-(N-1) */
    n = full.res.content_len;
    r = make(c->method, c->target);
    r.range = slice_of(c->range);
    get(&r, &g);
    CHECK(g.ok && g.h->code == c->status && g.rep.status == c->status);
    if (g.ok && full.ok) {
        if (c->first == -2) {
            CHECK(count_of(g.h, "Content-Range") == 0);
        } else if (c->first == -1) {
            snprintf(want, sizeof want, "bytes */%zu", n);
            CHECK(has(g.h, "Content-Range", want));
        } else {
            size_t first =
                c->first <= -3 ? n - (size_t)-c->first : (size_t)c->first;
            size_t last = c->last < 0 ? n - (size_t)-c->last : (size_t)c->last;
            snprintf(want, sizeof want, "bytes %zu-%zu/%zu", first, last, n);
            CHECK(has(g.h, "Content-Range", want));
            if (!has(g.h, "Content-Range", want))
                printf("# %s %s: want %s\n", c->target,
                       c->range ? c->range : "", want);
            snprintf(want, sizeof want, "%zu", last - first + 1);
            CHECK(has(g.h, "Content-Length", want));
            if (r.is_head)
                CHECK(g.res.content_len == 0);
            else
                CHECK(g.res.content_len == last - first + 1 &&
                      memcmp(g.res.content, full.res.content + first,
                             last - first + 1) == 0);
            check_rules(g.h);
        }
    }
    release(&full);
    release(&g);
}

static void ranges(void)
{
    static const struct range_case cases[] = {
        {"GET", "/200", "bytes=0-4", 206, 0, 4},
        {"GET", "/200", "bytes=5-", 206, 5, -1},
        {"GET", "/200", "bytes=-3", 206, -3, -1},
        {"GET", "/200", "BYTES=0-0", 206, 0, 0},
        {"GET", "/200", "bytes= 1-2 ", 206, 1, 2},
        {"GET", "/200", "bytes=0-999999999999999999999999", 206, 0, -1},
        {"GET", "/200", "bytes=-999999999999999999999999", 206, 0, -1},
        {"GET", "/200", "bytes=99999-", 416, -1, 0},
        {"GET", "/200", "bytes=-0", 416, -1, 0},
        {"GET", "/200", "bytes=0-1,3-4", 200, -2, 0},
        {"GET", "/200", "bytes=5-2", 200, -2, 0},
        {"GET", "/200", "bytes=abc", 200, -2, 0},
        {"GET", "/200", "bytes=", 200, -2, 0},
        {"GET", "/200", "bytes=-", 200, -2, 0},
        {"GET", "/200", "bytes=1-2x", 200, -2, 0},
        {"GET", "/200", "items=0-5", 200, -2, 0},
        {"HEAD", "/200", "bytes=0-4", 200, -2, 0},
        {"POST", "/200", "bytes=0-4", 200, -2, 0},
        {"GET", "/404", "bytes=0-4", 404, -2, 0},
        {"GET", "/206", NULL, 206, 0, 9},
        {"GET", "/206", "bytes=2-5", 206, 2, 5},
        {"GET", "/206", "bytes=-4", 206, -4, -1},
        {"GET", "/206", "bytes=0-1,4-5", 206, 0, 9},
        {"GET", "/206", "bytes=x", 206, 0, 9},
        {"HEAD", "/206", "bytes=2-5", 206, 0, 9},
        {"POST", "/206", NULL, 206, 0, 9},
        {"GET", "/206", "bytes=99999-", 416, -1, 0},
    };
    size_t k;
    struct request r;
    struct got g;
    char want[40];

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
        check_range(&cases[k]);

    /* /416 is about its own representation. */
    r = make("GET", "/416");
    get(&r, &g);
    snprintf(want, sizeof want, "bytes */%zu", g.res.content_len);
    CHECK(g.ok && has(g.h, "Content-Range", want));
    release(&g);
    /* A part of the JSON representation when JSON is asked for. */
    r = make("GET", "/206");
    r.accept = slice_of("application/json");
    get(&r, &g);
    CHECK(g.ok && g.res.content_len == 10 &&
          memcmp(g.res.content, "{\"code\": 2", 10) == 0);
    release(&g);
}

/* ---------------------------------------------------------------- /random */

static void random_respects_the_list(void)
{
    static const int uniform[] = {200, 201, 500, 501, 502, 503, 504};
    uint64_t state = 12345;
    int counts[600];
    int k, i, draws;
    struct request r;
    struct got g;

    memset(counts, 0, sizeof counts);
    r = make("GET", "/random/200:0.9,503:0.1");
    for (i = 0; i < 20000; i++) {
        get_with(&r, &options, &state, &g);
        if (g.ok)
            counts[g.h->code]++;
        release(&g);
    }
    CHECK(counts[200] + counts[503] == 20000);
    CHECK(counts[200] > 17600 && counts[200] < 18400);

    memset(counts, 0, sizeof counts);
    draws = 14000;
    r = make("GET", "/random/200,201,500-504");
    for (i = 0; i < draws; i++) {
        get_with(&r, &options, &state, &g);
        if (g.ok)
            counts[g.h->code]++;
        release(&g);
    }
    for (k = 0, i = 0; k < 7; k++) {
        CHECK(counts[uniform[k]] > 1700 && counts[uniform[k]] < 2300);
        i += counts[uniform[k]];
    }
    CHECK(i == draws);

    memset(counts, 0, sizeof counts);
    r = make("GET", "/random/200:3,500:1");
    for (i = 0; i < 8000; i++) {
        get_with(&r, &options, &state, &g);
        if (g.ok)
            counts[g.h->code]++;
        release(&g);
    }
    CHECK(counts[200] + counts[500] == 8000);
    CHECK(counts[200] > 5700 && counts[200] < 6300);

    memset(counts, 0, sizeof counts);
    r = make("GET", "/random/200:0.000001,500:999999.5");
    for (i = 0; i < 2000; i++) {
        get_with(&r, &options, &state, &g);
        if (g.ok)
            counts[g.h->code]++;
        release(&g);
    }
    CHECK(counts[500] == 2000);

    /* A zero state does not stick at zero. */
    state = 0;
    r = make("GET", "/random/100-599");
    get_with(&r, &options, &state, &g);
    CHECK(g.ok && state != 0);
    release(&g);

    /* Then the drawn code is answered as /{code}, query included. */
    r = make("GET", "/random/302?location=/x");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 302 && has(g.h, "Location", "/x"));
    release(&g);
    r = make("GET", "/random/204,204");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 204 && g.res.content_len == 0);
    release(&g);
}

static void random_lists_are_parsed_strictly(void)
{
    static const char *const bad[] = {
        "/random",
        "/random/",
        "/random/200,",
        "/random/,200",
        "/random/200,,500",
        "/random/600",
        "/random/099",
        "/random/0200",
        "/random/2000",
        "/random/20",
        "/random/200-100",
        "/random/200-",
        "/random/-200",
        "/random/200-600",
        "/random/200:0",
        "/random/200:0.0",
        "/random/200:-1",
        "/random/200:",
        "/random/200:1.",
        "/random/200:.5",
        "/random/200:0.1234567",
        "/random/200:1234567",
        "/random/200:1e3",
        "/random/200:1,500",
        "/random/200,500:1",
        "/random/200-201:1",
        "/random/200;500",
        "/random/200 500",
        "/random/200/500",
        "/random/200%2C500",
        "/random/a",
    };
    char list[512], target[600];
    size_t k;
    int i;

    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        CHECK(status_of(bad[k]) == 400);
        if (status_of(bad[k]) != 400)
            printf("# %s\n", bad[k]);
    }
    /* 64 entries are allowed, 65 are not. */
    list[0] = '\0';
    for (i = 0; i < 64; i++)
        strcat(list, i ? ",404" : "404");
    snprintf(target, sizeof target, "/random/%s", list);
    CHECK(status_of(target) == 404);
    strcat(list, ",404");
    snprintf(target, sizeof target, "/random/%s", list);
    CHECK(status_of(target) == 400);
    CHECK(status_of("/random/599:999999.999999") == 599);
    CHECK(status_of("/random/100-100") == 200);
    CHECK(status_of("/random/404-404") == 404);
    CHECK(status_of("/random2") == 404);
}

/* ------------------------------------------------------------- the query */

static unsigned sleep_of(const char *target, int *status)
{
    struct request r = make("GET", target);
    struct got g;
    unsigned ms;

    get(&r, &g);
    *status = g.ok ? g.h->code : -1;
    ms = g.rep.sleep_ms;
    release(&g);
    return ms;
}

static void sleep_bounds(void)
{
    static const char *const bad[] = {
        "/200?sleep=10001",     "/200?sleep=",
        "/200?sleep=-1",        "/200?sleep=1e3",
        "/200?sleep=1.5",       "/200?sleep=+5",
        "/200?sleep=%31",       "/200?sleep=99999999999999999999",
        "/200?sleep=1&sleep=2", "/200?sleep",
        "/200?sleep=4294967296"};
    size_t k;
    int status;
    struct serve_options none = {0};
    struct request r;
    struct got g;

    CHECK(sleep_of("/200?sleep=0", &status) == 0 && status == 200);
    CHECK(sleep_of("/200?sleep=250", &status) == 250 && status == 200);
    CHECK(sleep_of("/200?sleep=0010", &status) == 10 && status == 200);
    CHECK(sleep_of("/200?sleep=10000", &status) == 10000 && status == 200);
    CHECK(sleep_of("/503?sleep=5&retry_after=2", &status) == 5 &&
          status == 503);
    CHECK(sleep_of("/healthz?sleep=7", &status) == 7 && status == 200);
    CHECK(sleep_of("/200", &status) == 0 && status == 200);
    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        CHECK(sleep_of(bad[k], &status) == 0 && status == 400);
    }
    r = make("GET", "/200?sleep=1");
    get_with(&r, &none, &rng, &g);
    CHECK(g.ok && g.h->code == 400 && g.rep.sleep_ms == 0);
    release(&g);
    r = make("GET", "/200?sleep=0");
    get_with(&r, &none, &rng, &g);
    CHECK(g.ok && g.h->code == 200);
    release(&g);
}

static void header_parameters(void)
{
    static const char *const refused[] = {
        "Content-Length",
        "content-length",
        "Transfer-Encoding",
        "Connection",
        "Keep-Alive",
        "Upgrade",
        "TE",
        "Trailer",
        "Host",
        "Proxy-Connection",
    };
    /* Any other field replaces the server's own of that name. */
    static const struct {
        const char *target, *name, *value;
    } replaced[] = {
        {"/405?header=Allow:GET", "Allow", "GET"},
        {"/302?header=Location:/elsewhere", "Location", "/elsewhere"},
        {"/503?header=Retry-After:120", "Retry-After", "120"},
        {"/200?header=Content-Type:text/csv", "Content-Type", "text/csv"},
        {"/304?header=ETag:%22v2%22", "ETag", "\"v2\""},
        {"/200?header=Access-Control-Allow-Origin:https://a.example",
         "Access-Control-Allow-Origin", "https://a.example"},
        {"/200?header=Date:Mon,%2001%20Jan%202001%2000:00:00%20GMT", "Date",
         "Mon, 01 Jan 2001 00:00:00 GMT"},
        {"/200?header=Server:other", "Server", "other"},
        {"/healthz?header=Cache-Control:max-age=5", "Cache-Control",
         "max-age=5"},
    };
    static const char *const bad[] = {
        "/200?header=X-Evil:a%0d%0aInjected:%20yes",
        "/200?header=X-Evil:a%0aInjected",
        "/200?header=X-Evil:a%0dInjected",
        "/200?header=X-Evil:a%00b",
        "/200?header=X-Evil:a%7fb",
        "/200?header=X-Evil:a%80b",
        "/200?header=X-Evil:a%C3%A9",
        "/200?header=X-Evil:a%1bb",
        "/200?header=X-Evil:a\001b",
        "/200?header=:value",
        "/200?header=novalue",
        "/200?header=",
        "/200?header=X(:v",
        "/200?header=X%20Y:v",
        "/200?header=X%0d:v",
        "/200?header=X-A:%zz",
        "/200?header=X-A:%4",
        "/200?header=X-A:%",
    };
    char target[1024];
    size_t k;
    int i;
    struct request r;
    struct got g;

    r = make("GET", "/200?header=X-Test:hello");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "X-Test", "hello"));
    release(&g);

    r = make("GET", "/200?header=X-Test:%20hello%20world%09%20");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "X-Test", "hello world"));
    CHECK(bytes_have(&g.rep.out, "\r\nX-Test: hello world\r\n"));
    release(&g);

    r = make("GET", "/404?header=X-A:1&header=X-B:2&header=Set-Cookie:a=b");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 404 && has(g.h, "X-A", "1") &&
          has(g.h, "X-B", "2") && has(g.h, "Set-Cookie", "a=b"));
    release(&g);

    r = make("GET", "/200?header=X-Test%3Avalue&header=X-Plus:a+b");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "X-Test", "value") && has(g.h, "X-Plus", "a+b"));
    release(&g);

    r = make("GET", "/200?header=X-Empty:");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "X-Empty", ""));
    release(&g);

    r = make("GET", "/200?header=X-Q:%22quoted%22%20%3Cb%3E:x");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "X-Q", "\"quoted\" <b>:x"));
    release(&g);

    r = make("HEAD", "/204?header=X-A:1");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 204 && has(g.h, "X-A", "1"));
    release(&g);

    /* 16 are allowed, 17 are not. */
    strcpy(target, "/200?");
    for (i = 0; i < 16; i++)
        sprintf(target + strlen(target), "%sheader=X-%d:%d", i ? "&" : "", i,
                i);
    r = make("GET", target);
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200 && has(g.h, "X-15", "15"));
    release(&g);
    strcat(target, "&header=X-16:16");
    CHECK(status_of(target) == 400);

    for (k = 0; k < sizeof refused / sizeof refused[0]; k++) {
        snprintf(target, sizeof target, "/200?header=%s:1", refused[k]);
        CHECK(status_of(target) == 400);
    }
    for (k = 0; k < sizeof replaced / sizeof replaced[0]; k++) {
        r = make("GET", replaced[k].target);
        get(&r, &g);
        CHECK(g.ok && count_of(g.h, replaced[k].name) == 1 &&
              has(g.h, replaced[k].name, replaced[k].value));
        release(&g);
    }
    /* A second ?header of the same name adds a line. */
    r = make("GET", "/200?header=Link:%3C/a%3E&header=Link:%3C/b%3E");
    get(&r, &g);
    CHECK(g.ok && count_of(g.h, "Link") == 2);
    release(&g);
    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        r = make("GET", bad[k]);
        get(&r, &g);
        CHECK(g.ok && g.h->code == 400);
        CHECK(!bytes_have(&g.rep.out, "Injected"));
        CHECK(!bytes_have(&g.rep.out, "X-Evil"));
        CHECK(g.ok && count_of(g.h, "X-A") == 0);
        release(&g);
    }
    /* A 400 carries none of the requested fields. */
    r = make("GET", "/200?header=X-Good:1&sleep=x");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 400 && count_of(g.h, "X-Good") == 0);
    release(&g);
}

static void location_parameter(void)
{
    static const int with[] = {201, 300, 301, 302, 303, 307, 308};
    static const int without[] = {200, 304, 305, 306, 399, 404};
    static const char *const bad[] = {
        "/302?location=//evil.example/",
        "/302?location=http://evil.example/",
        "/302?location=evil",
        "/302?location=",
        "/302?location=/a%20b%",
        "/302?location=/a%2",
        "/302?location=/a%zz",
        "/302?location=/a b",
        "/302?location=/a\\b",
        "/302?location=/a#b",
        "/302?location=/a\"b",
        "/302?location=/a<b",
        "/302?location=/a\r\nX:1",
        "/302?location=/a\x7f",
        "/302?location=/a\xc3\xa9",
        "/302?location=/a&location=/b",
    };
    char target[1200];
    size_t k;
    struct request r;
    struct got g;

    for (k = 0; k < sizeof with / sizeof with[0]; k++) {
        snprintf(target, sizeof target, "/%d", with[k]);
        r = make("GET", target);
        get(&r, &g);
        CHECK(g.ok && has(g.h, "Location", "/200"));
        release(&g);
        snprintf(target, sizeof target, "/%d?location=/a/b?c=d;e:f@g",
                 with[k]);
        r = make("GET", target);
        get(&r, &g);
        CHECK(g.ok && has(g.h, "Location", "/a/b?c=d;e:f@g"));
        release(&g);
    }
    for (k = 0; k < sizeof without / sizeof without[0]; k++) {
        snprintf(target, sizeof target, "/%d?location=/x", without[k]);
        r = make("GET", target);
        get(&r, &g);
        CHECK(g.ok && g.h->code == without[k] &&
              count_of(g.h, "Location") == 0);
        release(&g);
    }
    /* Escapes stay escaped. */
    r = make("GET", "/307?location=/x%0d%0aSet-Cookie:%20a=b");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Location", "/x%0d%0aSet-Cookie:%20a=b"));
    CHECK(g.ok && count_of(g.h, "Set-Cookie") == 0);
    release(&g);
    r = make("GET", "/301?location=/");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Location", "/"));
    release(&g);
    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        r = make("GET", bad[k]);
        get(&r, &g);
        CHECK(g.ok && g.h->code == 400 && count_of(g.h, "Location") == 0);
        CHECK(!bytes_have(&g.rep.out, "evil"));
        release(&g);
    }
    /* At most 1024 bytes. */
    strcpy(target, "/302?location=/");
    memset(target + strlen(target), 'a', 1023);
    target[15 + 1023] = '\0';
    CHECK(status_of(target) == 302);
    strcat(target, "a");
    CHECK(status_of(target) == 400);
}

static void retry_after_parameter(void)
{
    struct request r;
    struct got g;

    r = make("GET", "/429");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Retry-After", "1"));
    release(&g);
    r = make("GET", "/503?retry_after=0");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Retry-After", "0"));
    release(&g);
    r = make("GET", "/429?retry_after=86400");
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Retry-After", "86400"));
    release(&g);
    r = make("GET", "/200?retry_after=5");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200 && count_of(g.h, "Retry-After") == 0);
    release(&g);
    CHECK(status_of("/503?retry_after=86401") == 400);
    CHECK(status_of("/503?retry_after=1.5") == 400);
    CHECK(status_of("/503?retry_after=") == 400);
    CHECK(status_of("/503?retry_after=-1") == 400);
    CHECK(status_of("/503?retry_after=1&retry_after=1") == 400);
}

static void unknown_parameters_are_ignored(void)
{
    struct request r;
    struct got g;

    CHECK(status_of("/200?") == 200);
    CHECK(status_of("/200?&") == 200);
    CHECK(status_of("/200?sleep=1&") == 200);
    CHECK(status_of("/200?&sleep=1") == 200);
    CHECK(status_of("/200?sleep=1&&sleep=2") == 400);
    CHECK(status_of("/200?Sleep=x") == 200); /* names are case-sensitive */
    CHECK(status_of("/200?location") == 400);
    CHECK(status_of("/healthz?x=1") == 200);
    CHECK(status_of("/nothing-here?x=1") == 404);
    CHECK(status_of("/503?cb=123&utm_source=news") == 503);
    r = make("GET", "/200?evilname%3Cscript%3E=1");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200);
    CHECK(!bytes_have(&g.rep.out, "evilname"));
    CHECK(!bytes_have(&g.rep.out, "script"));
    release(&g);
    /* A known parameter with a bad value is a 400 that names it. */
    r = make("GET", "/200?cb=1&retry_after=soon");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 400 && content_has(&g, "retry_after"));
    CHECK(g.ok && has(g.h, "Content-Type", "text/plain; charset=utf-8"));
    CHECK(g.ok && count_of(g.h, "Vary") == 0);
    release(&g);
}

/* ---------------------------------------------------------- bad codes */

static void bad_codes_are_400(void)
{
    static const char *const bad[] = {
        "/99",         "/600",           "/0200",
        "/4294967496", "/4294967496200", "/200abc",
        "/-1",         "/+200",          "/20",
        "/1000",       "/000",           "/699",
        "/2x0",        "/200.",          "/200%20",
        "/09",         "/-200",          "/18446744073709551816",
    };
    static const char *const missing[] = {
        "/abc", "/healthz/", "/codes", "/codes.json/", "/x200", "/%32%30%30",
    };
    /* httpstat.us's form: anything after the code is ignored. */
    CHECK(status_of("/200/") == 200);
    CHECK(status_of("/418/any/thing") == 418);
    CHECK(status_of("/20/x") == 400);
    size_t k;
    struct request r;
    struct got g;

    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        r = make("GET", bad[k]);
        get(&r, &g);
        CHECK(g.ok && g.h->code == 400);
        CHECK(content_has(&g, "three digits"));
        CHECK(g.ok && count_of(g.h, "Vary") == 0);
        release(&g);
    }
    for (k = 0; k < sizeof missing / sizeof missing[0]; k++)
        CHECK(status_of(missing[k]) == 404);
}

/* ------------------------------------------------------------- methods */

static void cors_and_options(void)
{
    static const char *const targets[] = {"/200", "*", "/404?bogus=1",
                                          "/nothing", "/random/x"};
    size_t k;
    struct request r;
    struct got g;

    for (k = 0; k < sizeof targets / sizeof targets[0]; k++) {
        r = make("OPTIONS", targets[k]);
        r.origin = slice_of("https://example.com");
        r.access_control_request_method = slice_of("PUT");
        get(&r, &g);
        CHECK(g.ok && g.h->code == 204 && g.res.content_len == 0);
        if (g.ok) {
            check_common(g.h);
            check_rules(g.h);
            CHECK(has(g.h, "Access-Control-Allow-Methods",
                      "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"));
            CHECK(has(g.h, "Access-Control-Allow-Headers", "*"));
            CHECK(has(g.h, "Access-Control-Max-Age", "86400"));
            CHECK(has(g.h, "Access-Control-Allow-Origin",
                      "https://example.com"));
            CHECK(has(g.h, "Access-Control-Allow-Credentials", "true"));
            CHECK(has(g.h, "Vary", "Origin"));
        }
        release(&g);

        r = make("OPTIONS", targets[k]);
        get(&r, &g);
        CHECK(g.ok && g.h->code == 204 && g.res.content_len == 0);
        CHECK(g.ok && has(g.h, "Allow",
                          "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"));
        CHECK(g.ok && count_of(g.h, "Access-Control-Allow-Methods") == 0);
        CHECK(g.ok && has(g.h, "Access-Control-Allow-Origin", "*"));
        CHECK(g.ok && count_of(g.h, "Access-Control-Allow-Credentials") == 0);
        release(&g);

        /* An Origin that is not ASCII is not echoed. */
        r = make("GET", targets[k]);
        r.origin = slice_of("https://a.ex\xc6\xdf");
        get(&r, &g);
        CHECK(g.ok && has(g.h, "Access-Control-Allow-Origin", "*"));
        release(&g);
    }

    r = make("CONNECT", "example.com:443");
    r.path.p = NULL;
    r.path.n = 0;
    get(&r, &g);
    CHECK(g.ok && g.h->code == 405 && g.res.content_len > 0);
    CHECK(g.ok &&
          has(g.h, "Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"));
    if (g.ok) {
        check_common(g.h);
        check_rules(g.h);
    }
    release(&g);
    r = make("TRACE", "/200?header=X-A:1");
    r.user_agent = slice_of("MARKER");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 405 && count_of(g.h, "X-A") == 0);
    CHECK(!bytes_have(&g.rep.out, "MARKER"));
    release(&g);

    /* Any other method is served as GET is. */
    r = make("POST", "/201");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 201 && has(g.h, "Location", "/200"));
    release(&g);
    r = make("DELETE", "/404");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 404 && g.res.content_len > 0);
    release(&g);
}

/* Nothing a client sends shows up in a reply, but for ?location,
 * ?header, and Origin, which CORS sends back (tested above). */
static void nothing_is_reflected(void)
{
    static const char *const targets[] = {
        "/200",
        "/404",
        "/MARKER",
        "/200?MARKER=1",
        "/random/MARKER",
        "/",
        "/healthz",
        "/302",
        "/101",
        "/206",
        "/status/MARKER",
        "/status/200,MARKER",
        "/status/200:MARKER,500",
        "/redirect/MARKER",
        "/delay/MARKER",
        "/redirect-to?url=MARKER&status_code=MARKER"};
    size_t k;

    for (k = 0; k < sizeof targets / sizeof targets[0]; k++) {
        struct request r = make("GET", targets[k]);
        struct got g;
        r.host = slice_of("MARKER.example");
        r.accept = slice_of("MARKER/MARKER");
        r.range = slice_of("MARKER");
        r.if_none_match = slice_of("\"MARKER\"");
        r.user_agent = slice_of("MARKER");
        r.referer = slice_of("https://MARKER.example/");
        get(&r, &g);
        CHECK(g.ok);
        CHECK(!bytes_have(&g.rep.out, "MARKER"));
        release(&g);
    }
}

/* ---------------------------------------------------- other endpoints */

static int json_balanced(const char *p, size_t n)
{
    char stack[16];
    size_t depth = 0, i;
    int in_string = 0;

    for (i = 0; i < n; i++) {
        char ch = p[i];
        if (in_string) {
            if ((unsigned char)ch < 0x20)
                return 0;
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = 0;
        } else if (ch == '"') {
            in_string = 1;
        } else if (ch == '[' || ch == '{') {
            if (depth == sizeof stack)
                return 0;
            stack[depth++] = ch;
        } else if (ch == ']' || ch == '}') {
            if (depth == 0 || stack[--depth] != (ch == ']' ? '[' : '{'))
                return 0;
        }
    }
    return depth == 0 && !in_string;
}

struct codes_thread {
    pthread_t thread;
    struct got g;
};

static void *fetch_codes(void *arg)
{
    struct codes_thread *t = arg;
    struct request r = make("GET", "/codes.json");
    uint64_t state = 1;

    get_with(&r, &options, &state, &t->g);
    return NULL;
}

static void codes_json(void)
{
    struct codes_thread threads[4];
    const struct httpstatus_info *lists[2];
    size_t counts[2], l, i, k;
    struct request r;
    struct got g;
    int prev = 0;

    /* First use from several threads at once: one rendering. */
    for (k = 0; k < 4; k++)
        CHECK(pthread_create(&threads[k].thread, NULL, fetch_codes,
                             &threads[k]) == 0);
    for (k = 0; k < 4; k++)
        pthread_join(threads[k].thread, NULL);
    for (k = 0; k < 4; k++) {
        CHECK(threads[k].g.ok);
        CHECK(threads[k].g.rep.out.len == threads[0].g.rep.out.len &&
              memcmp(threads[k].g.rep.out.data, threads[0].g.rep.out.data,
                     threads[0].g.rep.out.len) == 0);
    }
    for (k = 1; k < 4; k++)
        release(&threads[k].g);
    g = threads[0].g;
    CHECK(g.ok && g.h->code == 200);
    if (g.ok) {
        const char *p = g.res.content;
        size_t n = g.res.content_len;
        check_common(g.h);
        CHECK(has(g.h, "Content-Type", "application/json"));
        CHECK(n > 2 && p[0] == '[' && p[n - 2] == ']' && p[n - 1] == '\n');
        CHECK(json_balanced(p, n));
        lists[0] = httpstatus_list(&counts[0]);
        lists[1] = httpstatus_unofficial(&counts[1]);
        for (l = 0; l < 2; l++) {
            for (i = 0; i < counts[l]; i++) {
                char key[64];
                snprintf(key, sizeof key, "{\"code\": %d, \"name\": \"%s\"",
                         lists[l][i].code, lists[l][i].name);
                CHECK(content_has(&g, key));
            }
        }
        /* One array, sorted by code. */
        for (i = 0; i + 9 < n; i++) {
            if (memcmp(p + i, "{\"code\": ", 9) == 0) {
                int code = atoi(p + i + 9);
                CHECK(code >= prev);
                prev = code;
            }
        }
        CHECK(prev == 599);
    }
    r = make("HEAD", "/codes.json");
    {
        struct got h;
        get(&r, &h);
        CHECK(h.ok && g.ok && h.rep.out.len == g.res.head_len &&
              memcmp(h.rep.out.data, g.rep.out.data, h.rep.out.len) == 0);
        release(&h);
    }
    release(&g);
}

static void healthz_index_and_not_found(void)
{
    struct request r;
    struct got g;

    r = make("GET", "/healthz");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200 && g.res.content_len == 3 &&
          memcmp(g.res.content, "ok\n", 3) == 0);
    CHECK(g.ok && has(g.h, "Content-Type", "text/plain; charset=utf-8"));
    if (g.ok)
        check_common(g.h);
    release(&g);

    r = make("GET", "/index.txt");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200);
    CHECK(content_has(&g, "/random/"));
    CHECK(content_has(&g, "/codes.json"));
    CHECK(content_has(&g, "sleep="));
    CHECK(content_has(&g, "header=Name:Value"));
    CHECK(content_has(&g, "location="));
    CHECK(content_has(&g, "retry_after="));
    CHECK(content_has(&g, "0 to 10000"));
    CHECK(longest_line(g.res.content, g.res.content_len) <= 79);
    release(&g);

    r = make("GET", "http://example.com");
    r.path.p = NULL; /* an absolute-form target with an empty path */
    r.path.n = 0;
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200 &&
          has(g.h, "Content-Type", "text/html; charset=utf-8"));
    release(&g);

    r = make("GET", "/no/such/thing");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 404);
    CHECK(content_has(&g, "GET /index.txt lists every endpoint"));
    CHECK(!content_has(&g, "/no/such"));
    if (g.ok)
        check_common(g.h);
    release(&g);
}

/* The page and /codes.json carry an ETag and answer a matching
 * If-None-Match with 304 and no content. */
/* 1 when f is the field name: value. */
static int field_is(const struct seen_field *f, const char *name,
                    const char *value)
{
    return eq_nocase(f->name, f->name_len, name) &&
           f->value_len == strlen(value) &&
           memcmp(f->value, value, f->value_len) == 0;
}

/* /103's interim names the two early-hints resources by their exact Link
 * values; its HTML page uses them, its text page does not; both resources
 * are cacheable 200s with an ETag, and 304 to a matching If-None-Match. */
static void early_hints(void)
{
    static const char *const paths[] = {"/early-hints/style.css",
                                        "/early-hints/script.js"};
    static const char *const types[] = {"text/css; charset=utf-8",
                                        "text/javascript; charset=utf-8"};
    struct request r = make("GET", "/103");
    struct got g;
    size_t i;

    get(&r, &g);
    CHECK(g.ok && g.res.nheads == 2);
    if (g.ok && g.res.nheads == 2) {
        const struct head *h = &g.res.heads[0];
        CHECK(h->code == 103 && h->nfields == 2);
        CHECK(h->nfields == 2 &&
              field_is(&h->fields[0], "Link",
                       "</early-hints/style.css>; rel=preload; as=style"));
        CHECK(h->nfields == 2 &&
              field_is(&h->fields[1], "Link",
                       "</early-hints/script.js>; rel=preload; as=script"));
        /* text/plain for a client with no Accept, and no markup */
        CHECK(value_has(g.h, "Content-Type", "text/plain"));
        CHECK(!content_has(&g, "/early-hints/"));
    }
    release(&g);

    r.accept = slice_of("text/html,application/xhtml+xml,*/*;q=0.8");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200 &&
          value_has(g.h, "Content-Type", "text/html"));
    CHECK(g.ok && content_has(&g, "<link rel=\"stylesheet\" "
                                  "href=\"/early-hints/style.css\">"));
    CHECK(g.ok && content_has(&g, "<script src=\"/early-hints/script.js\">"));
    release(&g);

    r = make("GET", "/404");
    r.accept = slice_of("text/html");
    get(&r, &g);
    CHECK(g.ok && !content_has(&g, "/early-hints/"));
    release(&g);

    for (i = 0; i < 2; i++) {
        const struct seen_field *f;
        char line[96];

        r = make("GET", paths[i]);
        get(&r, &g);
        CHECK(g.ok && g.h->code == 200 && has(g.h, "Content-Type", types[i]));
        CHECK(g.ok && has(g.h, "Cache-Control", "public, max-age=86400"));
        CHECK(g.ok && g.res.content_len > 0 && content_has(&g, paths[i] + 1));
        f = g.ok ? only(g.h, "ETag") : NULL;
        CHECK(f != NULL && f->value_len == 18 && f->value[0] == '"');
        if (f == NULL || f->value_len != 18) {
            release(&g);
            continue;
        }
        snprintf(line, sizeof line, "If-None-Match: %.*s\r\n",
                 (int)f->value_len, f->value);
        release(&g);
        r.fields = slice_of(line);
        get(&r, &g);
        CHECK(g.ok && g.h->code == 304 && g.res.content_len == 0);
        CHECK(g.ok && only(g.h, "ETag") != NULL &&
              has(g.h, "Cache-Control", "public, max-age=86400"));
        release(&g);

        r.fields = slice_of("If-None-Match: \"stale\"\r\n");
        get(&r, &g);
        CHECK(g.ok && g.h->code == 200);
        release(&g);

        r = make("POST", paths[i]);
        CHECK(status_of(paths[i]) == 200);
        get(&r, &g);
        CHECK(g.ok && g.h->code == 405 && has(g.h, "Allow", "GET, HEAD"));
        release(&g);
    }
}

static void documents_revalidate(void)
{
    static const char *const paths[] = {"/", "/codes.json"};
    size_t i;

    for (i = 0; i < 2; i++) {
        struct request r = make("GET", paths[i]);
        struct got g;
        const struct seen_field *f;
        char etag[64], list[96];

        get(&r, &g);
        CHECK(g.ok && g.h->code == 200);
        CHECK(g.ok && has(g.h, "Cache-Control", "no-cache"));
        f = g.ok ? only(g.h, "ETag") : NULL;
        CHECK(f != NULL && f->value_len < sizeof etag && f->value[0] == '"');
        if (f != NULL && f->value_len < sizeof etag) {
            memcpy(etag, f->value, f->value_len);
            etag[f->value_len] = '\0';
        } else {
            f = NULL;
        }
        if (i == 0)
            CHECK(g.ok && g.res.content_len == httpstatus__page_len &&
                  memcmp(g.res.content, httpstatus__page,
                         httpstatus__page_len) == 0);
        if (f == NULL) {
            release(&g);
            continue;
        }
        snprintf(list, sizeof list, "\"other\", W/%s", etag);
        release(&g);
        r.if_none_match.p = list;
        r.if_none_match.n = strlen(list);
        get(&r, &g);
        CHECK(g.ok && g.h->code == 304 && g.res.content_len == 0);
        CHECK(g.ok && only(g.h, "ETag") != NULL);
        release(&g);
        r.if_none_match.p = "\"stale\"";
        r.if_none_match.n = 7;
        get(&r, &g);
        CHECK(g.ok && g.h->code == 200);
        release(&g);
    }
}

static void one_code_as_json(void)
{
    struct request r;
    struct got g;

    /* The page's own state in its query is not the server's business. */
    r = make("GET", "/?q=teapot&class=4,5&unofficial=1");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200 &&
          has(g.h, "Content-Type", "text/html; charset=utf-8"));
    release(&g);

    r = make("GET", "/codes/404.json");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200 &&
          has(g.h, "Content-Type", "application/json"));
    CHECK(g.ok && g.res.content_len > 0 && g.res.content[0] == '{' &&
          content_has(&g, "{\"code\": 404,"));
    release(&g);
    r = make("GET", "/codes/419.json"); /* three vendors' 419 */
    get(&r, &g);
    CHECK(g.ok && g.h->code == 200 && g.res.content_len > 0 &&
          g.res.content[0] == '[' && content_has(&g, "Page Expired"));
    release(&g);
    r = make("GET", "/codes/299.json");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 404);
    release(&g);
    r = make("GET", "/codes/4040.json");
    get(&r, &g);
    CHECK(g.ok && g.h->code == 404);
    release(&g);
}

/* -------------------------------------------------- connections, dates */

static void connection_handling(void)
{
    struct request r;
    struct got g;
    struct reply rep;
    struct parsed res;
    size_t first;

    r = make("GET", "/200");
    r.minor = 0;
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Connection", "keep-alive") && !g.rep.close);
    release(&g);
    r.keep_alive = 0;
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Connection", "close") && g.rep.close);
    release(&g);
    r = make("GET", "/400?sleep=1");
    r.keep_alive = 0;
    get(&r, &g);
    CHECK(g.ok && has(g.h, "Connection", "close") && g.rep.close);
    CHECK(g.rep.sleep_ms == 1);
    release(&g);

    /* Pipelined replies are appended; earlier bytes stay. */
    memset(&rep, 0, sizeof rep);
    r = make("GET", "/404");
    CHECK(reply_build(&r, &options, NOW, &rng, &rep) == 0);
    first = rep.out.len;
    r = make("HEAD", "/503");
    CHECK(reply_build(&r, &options, NOW, &rng, &rep) == 0);
    CHECK(rep.status == 503);
    CHECK(parse_response(rep.out.data, rep.out.len, 0, &res) &&
          res.consumed == first && final_head(&res)->code == 404);
    CHECK(parse_response(rep.out.data + first, rep.out.len - first, 1, &res) &&
          res.consumed == rep.out.len - first &&
          final_head(&res)->code == 503);
    /* A closing reply keeps the reply closing. */
    r = make("GET", "/200");
    r.keep_alive = 0;
    CHECK(reply_build(&r, &options, NOW, &rng, &rep) == 0 && rep.close);
    r.keep_alive = 1;
    CHECK(reply_build(&r, &options, NOW, &rng, &rep) == 0 && rep.close);
    buffer_free(&rep.out);
}

/* reply_close() on a reply built as keep-alive, as the server calls it
 * when it stops with the reply still owed. */
static int closed_reply(struct request r, const char *before)
{
    struct got g;
    int ok;

    get(&r, &g);
    ok = g.ok && (before == NULL ? count_of(g.h, "Connection") == 0
                                 : has(g.h, "Connection", before));
    ok = ok && reply_close(&g.rep) == 0 && g.rep.close &&
         parse_response(g.rep.out.data, g.rep.out.len, r.is_head, &g.res) &&
         g.res.consumed == g.rep.out.len &&
         has(final_head(&g.res), "Connection", "close") &&
         count_of(final_head(&g.res), "Connection") == 1;
    /* Once closing, a second call changes nothing. */
    {
        size_t len = g.rep.out.len;
        ok = ok && reply_close(&g.rep) == 0 && g.rep.out.len == len;
    }
    release(&g);
    return ok;
}

static void closing_a_built_reply(void)
{
    struct request r;
    struct got g;
    size_t len;

    CHECK(closed_reply(make("GET", "/200"), NULL));
    CHECK(closed_reply(make("HEAD", "/503?header=X-A:1"), NULL));
    CHECK(closed_reply(make("GET", "/100"), NULL)); /* interim first */
    CHECK(closed_reply(make("GET", "/304"), NULL));
    CHECK(closed_reply(make("GET", "/codes.json"), NULL));
    r = make("GET", "/404");
    r.minor = 0;
    CHECK(closed_reply(r, "keep-alive"));
    r = make("GET", "/101");
    get(&r, &g); /* no upgrade asked: 426 */
    CHECK(g.ok && g.h->code == 426 && has(g.h, "Connection", "upgrade"));
    CHECK(reply_close(&g.rep) == 0 &&
          parse_response(g.rep.out.data, g.rep.out.len, 0, &g.res) &&
          has(final_head(&g.res), "Connection", "upgrade, close"));
    release(&g);

    /* A 101 stays as it is: its Connection is about the switch. */
    r = make("GET", "/101");
    r.upgrade = 1;
    get(&r, &g);
    CHECK(g.ok && g.h->code == 101 && g.rep.close);
    len = g.rep.out.len;
    g.rep.close = 0;
    CHECK(reply_close(&g.rep) == 0 && g.rep.close && g.rep.out.len == len);
    release(&g);
    CHECK(reply_close(NULL) == 0);
}

static void dates_are_imf_fixdates(void)
{
    static const struct {
        long long t;
        const char *date;
    } cases[] = {
        {0, "Thu, 01 Jan 1970 00:00:00 GMT"},
        {-5, "Thu, 01 Jan 1970 00:00:00 GMT"},
        {784111777, "Sun, 06 Nov 1994 08:49:37 GMT"},
        {951782400, "Tue, 29 Feb 2000 00:00:00 GMT"},
        {1700000000, "Tue, 14 Nov 2023 22:13:20 GMT"},
        {4107542400LL, "Mon, 01 Mar 2100 00:00:00 GMT"},
        {253402300799LL, "Fri, 31 Dec 9999 23:59:59 GMT"},
        {9223372036854775807LL, "Fri, 31 Dec 9999 23:59:59 GMT"},
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct reply rep;
        struct parsed res;
        memset(&rep, 0, sizeof rep);
        CHECK(reply_error(408, NULL, cases[k].t, &rep) == 0);
        CHECK(parse_response(rep.out.data, rep.out.len, 0, &res) &&
              has(final_head(&res), "Date", cases[k].date));
        buffer_free(&rep.out);
    }
}

static void errors_for_refused_requests(void)
{
    static const int statuses[] = {400, 408, 413, 414, 417, 431,
                                   500, 501, 505, 0,   200, 999};
    size_t k;

    for (k = 0; k < sizeof statuses / sizeof statuses[0]; k++) {
        struct reply rep;
        struct parsed res;
        int want =
            statuses[k] >= 400 && statuses[k] <= 599 ? statuses[k] : 500;
        char title[80];
        int n = snprintf(title, sizeof title, "%d %s\n\n", want,
                         httpstatus_reason(want));

        memset(&rep, 0, sizeof rep);
        CHECK(reply_error(statuses[k], NULL, NOW, &rep) == 0);
        CHECK(rep.status == want && rep.close == 1 && rep.sleep_ms == 0);
        CHECK(parse_response(rep.out.data, rep.out.len, 0, &res) &&
              res.consumed == rep.out.len);
        if (res.nheads == 1) {
            const struct head *h = final_head(&res);
            CHECK(h->code == want);
            check_common(h);
            CHECK(has(h, "Connection", "close"));
            CHECK(has(h, "Content-Type", "text/plain; charset=utf-8"));
            CHECK(res.content_len > (size_t)n &&
                  memcmp(res.content, title, (size_t)n) == 0);
            /* One line of explanation. */
            CHECK(memchr(res.content + n, '\n', res.content_len - (size_t)n) ==
                  res.content + res.content_len - 1);
        }
        buffer_free(&rep.out);
    }
}

static void code_specific_fields(void)
{
    static const struct {
        const char *target, *field, *value;
    } cases[] = {
        {"/401", "WWW-Authenticate", "Basic realm=\"httpstatus\""},
        {"/407", "Proxy-Authenticate", "Basic realm=\"httpstatus\""},
        {"/405", "Allow", ""},
        {"/426", "Upgrade", "httpstatus-test"},
        {"/429", "Retry-After", "1"},
        {"/503", "Retry-After", "1"},
        {"/451", "Link", "</legal>; rel=\"blocked-by\""},
        {"/304", "ETag", "\"httpstatus-304\""},
        {"/304", "Vary", "Accept"},
        {"/201", "Location", "/200"},
        {"/205", "Content-Length", "0"},
        {"/206", "Content-Length", "10"},
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct request r = make("GET", cases[k].target);
        struct got g;
        get(&r, &g);
        CHECK(g.ok && has(g.h, cases[k].field, cases[k].value));
        release(&g);
    }
}

/* What a shared cache may keep: nothing of a draw, a health check or a
 * delayed reply (RFC 9111, Section 4.2.2 would let it keep a 200 or a
 * 404 heuristically); the documents revalidate; plain codes say nothing.
 * A ?header that sets Cache-Control stands alone. */
static void replies_for_one_request_are_not_stored(void)
{
    static const struct {
        const char *target, *cache_control; /* NULL: no such field */
    } cases[] = {
        {"/random/200", "no-store"},
        {"/random/404,410", "no-store"},
        {"/random/304", "no-store"},
        {"/random/200:0.5,503:0.5?sleep=1", "no-store"},
        {"/healthz", "no-store"},
        {"/200?sleep=1", "no-store"},
        {"/404?sleep=5", "no-store"},
        {"/204?sleep=1", "no-store"},
        {"/206?sleep=1", "no-store"},
        {"/codes.json?sleep=1", "no-store"},
        {"/codes/404.json?sleep=1", "no-store"},
        {"/nowhere?sleep=1", "no-store"},
        {"/200?sleep=0", NULL},
        {"/200", NULL},
        {"/404", NULL},
        {"/codes.json", "no-cache"},
        {"/random/200?header=Cache-Control:max-age=60", "max-age=60"},
        {"/200?sleep=1&header=cache-control:private", "private"},
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct request r = make("GET", cases[k].target);
        struct got g;
        get(&r, &g);
        CHECK(g.ok);
        if (g.ok && cases[k].cache_control == NULL)
            CHECK(count_of(g.h, "Cache-Control") == 0);
        else if (g.ok)
            CHECK(count_of(g.h, "Cache-Control") == 1 &&
                  has(g.h, "Cache-Control", cases[k].cache_control));
        release(&g);
    }
}

/* 408 closes: /408 by any method and version, a /random draw of it, and
 * the server's own (RFC 9110, Section 15.5.9). */
static void every_408_closes(void)
{
    static const char *const targets[] = {"/408", "/random/408",
                                          "/408?sleep=1"};
    size_t k;
    int minor;

    for (k = 0; k < sizeof targets / sizeof targets[0]; k++)
        for (minor = 0; minor <= 1; minor++) {
            struct request r = make(minor ? "GET" : "HEAD", targets[k]);
            struct got g;
            r.minor = minor;
            r.keep_alive = 1;
            get(&r, &g);
            CHECK(g.ok && g.h->code == 408 && g.rep.close == 1 &&
                  count_of(g.h, "Connection") == 1 &&
                  has(g.h, "Connection", "close"));
            release(&g);
        }
}

/* reply_error() with a text of the caller's: that text, after the title. */
static void refusals_can_say_why_in_their_own_words(void)
{
    static const char text[] = "This port speaks plain HTTP.\n";
    struct reply rep;
    struct parsed res;

    memset(&rep, 0, sizeof rep);
    CHECK(reply_error(400, text, NOW, &rep) == 0);
    CHECK(rep.status == 400 && rep.close == 1);
    CHECK(parse_response(rep.out.data, rep.out.len, 0, &res) &&
          res.consumed == rep.out.len);
    CHECK(rep.out.len > sizeof text &&
          strcmp(rep.out.data + rep.out.len - (sizeof text - 1), text) == 0);
    CHECK(strstr(rep.out.data, "400 Bad Request\n\n") != NULL);
    buffer_free(&rep.out);
}

void test_http1(void)
{
    run("the page and /codes.json revalidate with ETag and 304",
        documents_revalidate);
    run("/codes/{code}.json gives one code's entry, or its vendors'",
        one_code_as_json);
    run("/codes.json renders once for several threads: the whole registry",
        codes_json);
    run("every code 100..599 by GET and HEAD, HTTP/1.0 and 1.1, obeys the "
        "registry",
        every_code_every_way);
    run("unofficial codes carry their vendor's reason phrase",
        unofficial_codes_use_the_vendor_phrase);
    run("1xx codes send an interim response to HTTP/1.1 only; 101 needs an "
        "upgrade",
        interim_responses_and_upgrades);
    run("/103 hints at two cacheable resources that its HTML page uses",
        early_hints);
    run("code-specific fields are the documented ones", code_specific_fields);
    run("Accept picks text/plain, JSON or HTML by q-value and specificity",
        accept_negotiation);
    run("JSON pages escape as common/json.c does",
        json_pages_escape_as_the_cli_does);
    run("HTML pages are escaped", html_pages_are_escaped);
    run("one byte range is honoured on GET /200 and /206", ranges);
    run("/random draws as its list says", random_respects_the_list);
    run("/random lists are parsed strictly", random_lists_are_parsed_strictly);
    run("?sleep is bounded by the server's maximum", sleep_bounds);
    run("?header sets checked fields, refusing framing ones",
        header_parameters);
    run("?location is a local path, never decoded", location_parameter);
    run("?retry_after is 0..86400 seconds", retry_after_parameter);
    run("unknown query parameters are ignored, bad known ones are 400s",
        unknown_parameters_are_ignored);
    run("paths that are almost codes get 400, others 404", bad_codes_are_400);
    run("OPTIONS answers CORS; CONNECT and TRACE get 405", cors_and_options);
    run("nothing from the request is reflected", nothing_is_reflected);
    run("/healthz, / and unknown paths", healthz_index_and_not_found);
    run("Connection follows keep-alive; pipelined replies append",
        connection_handling);
    run("reply_close() makes a built reply say Connection: close",
        closing_a_built_reply);
    run("Date is an IMF-fixdate, clamped to 1970..9999",
        dates_are_imf_fixdates);
    run("refused requests get one-line explanations and close",
        errors_for_refused_requests);
    run("a refusal can carry a text of its own",
        refusals_can_say_why_in_their_own_words);
    run("draws, /healthz and delayed replies say Cache-Control: no-store",
        replies_for_one_request_are_not_stored);
    run("every 408 says Connection: close and closes", every_408_closes);
}
