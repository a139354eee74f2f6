/* curl_trace.c: curl -v traces as check's inputs.
 *
 * curl -v writes each line with a prefix: "* " for what curl says, "> "
 * for the request head sent, "< " for the response heads received, "{ "
 * and "} " for data in and out. Without -s, its progress meter goes to
 * the same stream, rewriting itself with CRs, so that the next trace line
 * may follow it on one line; with 2>&1, the content is mixed in; with
 * --trace-time, each line starts with the time. Lines of neither kind
 * are passed over: content cannot be known from a trace.
 *
 * What a trace shows is a rendering, not the wire: curl prints HTTP/2 and
 * HTTP/3 heads as "HTTP/2 200 " and lower-case names, and no empty line
 * after an interim head. The line ends of HTTP/1.x heads are the ones
 * received, CR included. */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "httpstatus.h"
#include "inputs.h"
#include "lint.h"

#define URL_SHOWN    240 /* bytes of a URL in an input's name */
#define METHOD_SHOWN 32
#define SAID_SHOWN   160 /* bytes of what curl said, in a message */
#define CONNS        16  /* connections whose TLS is remembered */

enum kind {
    LINE_OTHER, /* content, the progress meter, curl's notes */
    LINE_INFO,  /* "* " */
    LINE_OUT,   /* "> " */
    LINE_IN,    /* "< " */
    LINE_DATA   /* "{ " or "} " */
};

/* One line of the trace, its prefix taken off. */
struct tline {
    enum kind kind;
    const char *text; /* after the prefix and its space */
    size_t len;       /* without the line end */
    const char *end;  /* the line end: "\r\n", "\n", or "" at the end */
    int cr;           /* it ended in CR LF */
    const char *raw;  /* the whole line, without its line end */
    size_t raw_len;
};

/* What a trace's lines are like, found in a first pass. */
struct style {
    int converted; /* every "* " line ends in CR: a CR was added to all */
    int has_cr;    /* some "> " or "< " line ends in CR: ends are kept */
};

static int is_prefix(int ch)
{
    return ch == '*' || ch == '>' || ch == '<' || ch == '{' || ch == '}';
}

/* 1 if a trace line starts at p[i] (p[..e) the line): a prefix, then a
 * space or the end of the line (an editor may have taken the space off
 * "< " and "> "). */
static int prefix_at(const char *p, size_t i, size_t e)
{
    return i < e && is_prefix((unsigned char)p[i]) &&
           (i + 1 == e || p[i + 1] == ' ');
}

/* What the progress meter writes: digits, spaces, "--:--:--", "92000",
 * "138k". */
static int is_progress(int ch)
{
    return is_digit(ch) || ch == ' ' || ch == '-' || ch == ':' || ch == '.' ||
           ch == 'k' || ch == 'M' || ch == 'G' || ch == 'T' || ch == 'P';
}

/* 1 if --trace-time's "HH:MM:SS.uuuuuu " starts at p[i] (p[..e) the
 * line). */
static int time_at(const char *p, size_t i, size_t e)
{
    static const char form[] = "99:99:99.999999 ";
    size_t k;

    if (e - i < sizeof form - 1)
        return 0;
    for (k = 0; k < sizeof form - 1; k++)
        if (form[k] == '9' ? !is_digit((unsigned char)p[i + k])
                           : p[i + k] != form[k])
            return 0;
    return 1;
}

/* Reads the line at *pos and moves *pos past it; 0 at the end. */
static int next_line(const char *p, size_t n, size_t *pos, int converted,
                     struct tline *l)
{
    const char *nl;
    size_t s = *pos, e, k, start;

    if (s >= n)
        return 0;
    nl = memchr(p + s, '\n', n - s);
    e = nl ? (size_t)(nl - p) : n;
    *pos = nl ? e + 1 : n;
    l->cr = 0;
    l->end = nl ? "\n" : "";
    if (converted && e > s && p[e - 1] == '\r')
        e--;
    if (e > s && p[e - 1] == '\r') {
        e--;
        if (nl) {
            l->cr = 1;
            l->end = "\r\n";
        }
    }
    l->raw = p + s;
    l->raw_len = e - s;
    l->kind = LINE_OTHER;
    l->text = p + e;
    l->len = 0;

    /* The line itself (after the time, with --trace-time), or a trace
     * line after the progress meter's last rewrite: a CR, the meter's
     * figures (and the time, made of the same characters), the prefix. */
    start = e;
    if (prefix_at(p, s, e)) {
        start = s;
    } else if (time_at(p, s, e) && prefix_at(p, s + 16, e)) {
        start = s + 16;
    } else {
        for (k = s; k < e; k++) {
            size_t j;
            if (p[k] != '\r')
                continue;
            for (j = k + 1; j < e && is_progress((unsigned char)p[j]); j++)
                ;
            if (prefix_at(p, j, e)) {
                start = j;
                break;
            }
        }
    }
    if (start < e) {
        switch (p[start]) {
        case '*':
            l->kind = LINE_INFO;
            break;
        case '>':
            l->kind = LINE_OUT;
            break;
        case '<':
            l->kind = LINE_IN;
            break;
        default:
            l->kind = LINE_DATA;
            break;
        }
        l->text = p + (start + 2 < e ? start + 2 : e);
        l->len = e - (size_t)(l->text - p);
    }
    return 1;
}

/* A request line: a method, one space, a target, one space, "HTTP/" and a
 * digit. */
static int request_line(const struct tline *l, const char **method,
                        size_t *method_len, const char **target,
                        size_t *target_len)
{
    const char *p = l->text;
    size_t n = l->len, i = 0, t;

    while (i < n && is_tchar((unsigned char)p[i]))
        i++;
    if (i == 0 || i >= n || p[i] != ' ')
        return 0;
    *method = p;
    *method_len = i;
    t = ++i;
    while (i < n && p[i] != ' ' && (unsigned char)p[i] > 0x20 &&
           (unsigned char)p[i] != 0x7f)
        i++;
    if (i == t || i + 6 > n || memcmp(p + i, " HTTP/", 6) != 0 || i + 6 >= n ||
        !is_digit((unsigned char)p[i + 6]))
        return 0;
    *target = p + t;
    *target_len = i - t;
    return 1;
}

/* A status line as lint.c reads one; *code its code. */
static int status_line(const struct tline *l, int *code)
{
    struct httpstatus_line sl;
    char *copy;
    int rc;

    if (l->len < 5 || memcmp(l->text, "HTTP/", 5) != 0)
        return 0;
    copy = lint_realloc(NULL, l->len + 2);
    memcpy(copy, l->text, l->len);
    memcpy(copy + l->len, "\r\n", 2);
    rc = httpstatus_parse_line_ex(copy, l->len + 2, &sl,
                                  (unsigned)HTTPSTATUS_LENIENT_LF |
                                      (unsigned)HTTPSTATUS_LENIENT_SPACES |
                                      (unsigned)HTTPSTATUS_LENIENT_MAJOR_ONLY);
    free(copy);
    if (rc <= 0 || (size_t)rc != l->len + 2)
        return 0;
    *code = sl.code;
    return 1;
}

/* The text of a "* " line without the spaces curl aligns some with. */
static const char *info_text(const struct tline *l, size_t *len)
{
    size_t i = 0;

    while (i < l->len && l->text[i] == ' ')
        i++;
    *len = l->len - i;
    return l->text + i;
}

static int starts(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s);

    return n >= k && memcmp(p, s, k) == 0;
}

/* Where s occurs in p[0..n), or NULL. */
static const char *find(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0)
            return p + i;
    return NULL;
}

int curl_trace_detect(const char *p, size_t n)
{
    struct tline l;
    size_t pos = 0;
    int first = 1;

    while (next_line(p, n, &pos, 0, &l)) {
        const char *t;
        size_t tl;
        int code;
        if (first) {
            if (l.raw_len == 0)
                continue;
            /* A response starts with its status line: never a trace. */
            if (starts(l.raw, l.raw_len, "HTTP/"))
                return 0;
            if (l.kind == LINE_OTHER &&
                !starts(l.raw, l.raw_len, "  % Total") &&
                !starts(l.raw, l.raw_len, "Note: ") &&
                !starts(l.raw, l.raw_len, "Warning: "))
                return 0;
            first = 0;
        }
        if (l.kind == LINE_OUT) {
            const char *m, *tg;
            size_t ml, tgl;
            if (request_line(&l, &m, &ml, &tg, &tgl))
                return 1;
        } else if (l.kind == LINE_IN) {
            if (status_line(&l, &code))
                return 1;
        } else if (l.kind == LINE_INFO) {
            t = info_text(&l, &tl);
            if (starts(t, tl, "Trying ") || starts(t, tl, "Connected to "))
                return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ reading */

/* A span of the trace. */
struct span {
    const char *p;
    size_t n;
};

struct exchange {
    int active;      /* a request line or a response started it */
    int has_request; /* a request line did */
    size_t number;   /* the request's, or the response's without one */
    struct span method, target, host, authority, scheme, said;
    int tls;
    int in_request; /* within the request head's "> " lines */
    size_t heads;   /* response heads in the current input */
    size_t inputs;  /* inputs added for this exchange */
    int head_open;  /* the last head has had no empty line yet */
    int code;       /* the last head's code */
    int crlf;       /* its status line ended in CRLF */
    struct buffer data;
};

struct reader {
    const char *file;
    struct inputs *out;
    struct style style;
    struct exchange x;
    size_t requests, orphans;      /* numbers given so far */
    struct span authority, scheme; /* HTTP/2's, for the next request */
    struct span said;              /* curl's last word, outside exchanges */
    int conn;                      /* the connection in use, or -1 */
    unsigned char tls[CONNS];      /* whether each speaks TLS */
    int tls_unnumbered;
    char *error;
};

static int conn_tls(const struct reader *r)
{
    return r->conn >= 0 ? r->tls[r->conn] : r->tls_unnumbered;
}

/* The connection number after the first '#' in t, or -1. */
static int conn_number(const char *t, size_t n)
{
    const char *h = memchr(t, '#', n);
    size_t i;
    int v = 0;

    if (h == NULL)
        return -1;
    i = (size_t)(h - t) + 1;
    if (i >= n || !is_digit((unsigned char)t[i]))
        return -1;
    for (; i < n && is_digit((unsigned char)t[i]); i++) {
        v = v * 10 + (t[i] - '0');
        if (v >= CONNS)
            return -1;
    }
    return v;
}

/* The value of "[NAME VALUE]" in an info line (curl's HTTP/2 pseudo-
 * header lines: "* h2h3 [:authority: host]", "* [HTTP/2] [1] [:scheme:
 * https]"). */
static int bracketed(const char *t, size_t n, const char *name, struct span *v)
{
    const char *at = find(t, n, name), *e;

    if (at == NULL)
        return 0;
    at += strlen(name);
    e = memchr(at, ']', n - (size_t)(at - t));
    if (e == NULL || e == at)
        return 0;
    v->p = at;
    v->n = (size_t)(e - at);
    return 1;
}

static void info_line(struct reader *r, const struct tline *l)
{
    size_t n;
    const char *t = info_text(l, &n);
    struct span v;
    int k;

    if (starts(t, n, "Connected to ")) {
        k = conn_number(t, n);
        r->conn = k;
        if (k >= 0)
            r->tls[k] = 0;
        else
            r->tls_unnumbered = 0;
    } else if (starts(t, n, "Re-using existing connection")) {
        r->conn = conn_number(t, n);
    } else if (starts(t, n, "SSL connection using") || starts(t, n, "ALPN") ||
               starts(t, n, "TLSv1") || starts(t, n, "Server certificate")) {
        if (r->conn >= 0)
            r->tls[r->conn] = 1;
        else
            r->tls_unnumbered = 1;
    }
    if (bracketed(t, n, "[:authority: ", &v))
        r->authority = v;
    if (bracketed(t, n, "[:scheme: ", &v))
        r->scheme = v;
    /* What curl said last, for an exchange that ends without a response:
     * "Recv failure: Connection reset by peer", not the closing after. */
    if (n > 0 && !starts(t, n, "Closing connection") &&
        !starts(t, n, "Connection #")) {
        v.p = t;
        v.n = n;
        if (r->x.active)
            r->x.said = v;
        r->said = v;
    }
}

static char *printable(struct span s, size_t max)
{
    return inputs_printable(s.p, s.n, max);
}

/* "METHOD URL" for a request: the target made absolute where the trace
 * says the host. */
static char *request_name(const struct reader *r)
{
    const struct exchange *x = &r->x;
    struct span host = x->host.n ? x->host : x->authority;
    struct buffer url = {NULL, 0, 0};
    char *method = printable(x->method, METHOD_SHOWN), *shown, *name;

    if (x->target.n > 0 && x->target.p[0] == '/' && host.n > 0) {
        if (x->scheme.n > 0)
            inputs_append(&url, x->scheme.p, x->scheme.n);
        else
            inputs_append(&url, x->tls ? "https" : "http", x->tls ? 5 : 4);
        inputs_append(&url, "://", 3);
        inputs_append(&url, host.p, host.n);
    }
    inputs_append(&url, x->target.p, x->target.n);
    shown = inputs_printable(url.data, url.len, URL_SHOWN);
    name = lint_printf("%s, request %zu: %s %s", r->file, x->number, method,
                       shown);
    buffer_free(&url);
    free(method);
    free(shown);
    return name;
}

/* Adds the heads gathered as an input. */
static void add_input(struct reader *r)
{
    struct exchange *x = &r->x;
    char *name, *method = NULL, *full;

    if (x->has_request) {
        name = request_name(r);
        method = lint_printf("%.*s", (int)x->method.n, x->method.p);
    } else {
        name = lint_printf("%s, response %zu", r->file, x->number);
    }
    if (x->inputs > 0) {
        full = lint_printf("%s, after 101", name);
        free(name);
        name = full;
    }
    inputs_add(r->out, name, method, x->data.data, x->data.len);
    memset(&x->data, 0, sizeof x->data);
    x->heads = 0;
    x->inputs++;
}

static void head_line(struct reader *r, const struct tline *l)
{
    inputs_append(&r->x.data, l->text, l->len);
    if (r->style.has_cr || l->end[0] == '\0')
        inputs_append(&r->x.data, l->end, strlen(l->end));
    else
        inputs_append(&r->x.data, "\r\n", 2);
}

/* The empty line that curl leaves out after an interim head. */
static void end_head(struct reader *r)
{
    struct exchange *x = &r->x;

    if (!x->head_open)
        return;
    if (x->crlf || !r->style.has_cr)
        inputs_append(&x->data, "\r\n", 2);
    else
        inputs_append(&x->data, "\n", 1);
    x->head_open = 0;
}

/* Ends the exchange: adds its last input, or says it had no response.
 * Returns 0 or -1. */
static int end_exchange(struct reader *r)
{
    struct exchange *x = &r->x;
    int status = 0;

    if (!x->active)
        return 0;
    if (x->head_open && httpstatus_is_informational(x->code))
        end_head(r);
    if (x->heads > 0) {
        add_input(r);
    } else if (x->inputs == 0 && r->error == NULL) {
        char *name = request_name(r);
        if (x->said.n > 0) {
            char *said = printable(x->said, SAID_SHOWN);
            r->error = lint_printf("%s: the trace holds no response to it; "
                                   "curl said \"%s\"",
                                   name, said);
            free(said);
        } else {
            r->error =
                lint_printf("%s: the trace holds no response to it", name);
        }
        free(name);
        status = -1;
    }
    buffer_free(&x->data);
    memset(x, 0, sizeof *x);
    return status;
}

static void start_exchange(struct reader *r, int has_request)
{
    struct exchange *x = &r->x;

    memset(x, 0, sizeof *x);
    x->active = 1;
    x->has_request = has_request;
    x->number = has_request ? ++r->requests : ++r->orphans;
    x->tls = conn_tls(r);
    if (has_request) {
        x->authority = r->authority;
        x->scheme = r->scheme;
        memset(&r->authority, 0, sizeof r->authority);
        memset(&r->scheme, 0, sizeof r->scheme);
    }
}

static int out_line(struct reader *r, const struct tline *l)
{
    struct exchange *x = &r->x;
    struct span m, t;

    if (request_line(l, &m.p, &m.n, &t.p, &t.n)) {
        if (end_exchange(r) != 0)
            return -1;
        start_exchange(r, 1);
        x->method = m;
        x->target = t;
        x->in_request = 1;
    } else if (x->in_request) {
        if (l->len == 0) {
            x->in_request = 0;
        } else if (l->len > 5 && eq_nocase(l->text, 5, "Host:")) {
            size_t i = skip_ows(l->text, l->len, 5), e = l->len;
            while (e > i && is_ows((unsigned char)l->text[e - 1]))
                e--;
            x->host.p = l->text + i;
            x->host.n = e - i;
        }
    }
    return 0;
}

static int in_line(struct reader *r, const struct tline *l)
{
    struct exchange *x = &r->x;
    int code;

    if (status_line(l, &code)) {
        /* A head with no request before it: one of a trace cut to its
         * "< " lines, say. */
        if (!x->active || (x->heads > 0 && !x->head_open &&
                           !httpstatus_is_informational(x->code))) {
            if (end_exchange(r) != 0)
                return -1;
            start_exchange(r, 0);
        }
        end_head(r);
        if (x->heads > 0 && x->code == 101)
            add_input(r);
        head_line(r, l);
        x->heads++;
        x->head_open = 1;
        x->code = code;
        x->crlf = l->cr;
    } else if (x->head_open) {
        head_line(r, l);
        if (l->len == 0)
            x->head_open = 0;
    }
    /* Otherwise a "< " line after the head: a trailer field, or nothing
     * that a head holds. */
    return 0;
}

/* The first pass: the trace's line ends. */
static void find_style(const char *p, size_t n, struct style *s)
{
    struct tline l;
    size_t pos = 0, info = 0, info_cr = 0;

    memset(s, 0, sizeof *s);
    while (next_line(p, n, &pos, 0, &l))
        if (l.kind == LINE_INFO && l.end[0] != '\0') {
            info++;
            info_cr += (size_t)l.cr;
        }
    s->converted = info > 0 && info_cr == info;
    pos = 0;
    while (next_line(p, n, &pos, s->converted, &l))
        if ((l.kind == LINE_OUT || l.kind == LINE_IN) && l.cr) {
            s->has_cr = 1;
            break;
        }
}

int curl_trace_read(const char *file, const char *p, size_t n,
                    struct inputs *l, char **error)
{
    struct reader r;
    struct tline t;
    size_t pos = 0, before = l->count;
    int status = 0;

    memset(&r, 0, sizeof r);
    r.file = file;
    r.out = l;
    r.conn = -1;
    find_style(p, n, &r.style);
    while (status == 0 && next_line(p, n, &pos, r.style.converted, &t)) {
        switch (t.kind) {
        case LINE_INFO:
            info_line(&r, &t);
            break;
        case LINE_OUT:
            status = out_line(&r, &t);
            break;
        case LINE_IN:
            status = in_line(&r, &t);
            break;
        case LINE_DATA:
        case LINE_OTHER:
            break;
        }
    }
    if (status == 0)
        status = end_exchange(&r);
    else
        end_exchange(&r);
    if (status == 0 && l->count == before) {
        if (r.said.n > 0) {
            char *said = printable(r.said, SAID_SHOWN);
            r.error = lint_printf("%s is a curl -v trace with no HTTP "
                                  "exchange in it; curl said \"%s\"",
                                  file, said);
            free(said);
        } else {
            r.error = lint_printf(
                "%s is a curl -v trace with no HTTP exchange in it", file);
        }
        status = -1;
    }
    if (status != 0)
        *error = r.error;
    else
        free(r.error);
    return status;
}
