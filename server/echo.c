/* echo.c: the endpoints that echo the request back as JSON, in
 * go-httpbin's shapes (docs/compat.md):
 *
 *   /get, /head          args, headers, method, origin, url
 *   /post, /put, /patch, /delete, /anything[/...]
 *                        the same, then data, files, form and json
 *   /headers, /ip, /user-agent, /hostname
 *                        one member each
 *   /response-headers    the query's pairs as response fields, and as
 *                        the content
 *   /dump/request        the request as it came, in wire form (text)
 *   /delay/{seconds}     /anything's echo, after a delay of at most
 *                        --max-sleep (more is a 400, as go-httpbin's 10 s
 *                        limit is)
 *
 * The echo object (echo_open()) is also the content of /delay, /cache,
 * /stream and the codings, which add members of their own.
 *
 * Shapes: args, headers, form and files map names to lists of strings,
 * sorted by name (bytewise), each list in the order received. Header
 * names are written as Go writes them (X-Forwarded-For), so that suites
 * written against go-httpbin find them; a query name or value with a bad
 * percent escape is left out, as go-httpbin leaves it out. Strings are
 * JSON-escaped with common/json.c, so bytes that are not UTF-8 come out
 * as U+FFFD and the document is valid JSON whatever was sent.
 *
 * origin is the client's address as "ip:port", or the first of
 * Fly-Client-IP, CF-Connecting-IP, Fastly-Client-IP, True-Client-IP and
 * the first element of X-Forwarded-For, as go-httpbin reads them; url is
 * rebuilt from X-Forwarded-Proto (or -Protocol, or X-Forwarded-Ssl: on),
 * the Host field and the target's path and query.
 *
 * The content is read by its Content-Type (the media type, any case):
 * text/plain and text/html go to data as text; a form
 * (application/x-www-form-urlencoded) and multipart/form-data go to data
 * as sent and to form (files for parts with a filename); application/json
 * to data and to json, decoded and encoded again by Jansson (a body that
 * is not JSON is a 400); anything else to data as a data: URL, base64
 * (URL-safe, padded) after "data:TYPE;base64,". A malformed multipart
 * body is a 400. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef HTTPSTATUS_HAVE_JANSSON
#include <jansson.h>
#endif

#include "ascii.h"
#include "echo.h"
#include "form.h"
#include "handlers.h"
#include "json.h"
#include "server.h"

/* -------------------------------------------------------------- maps */

/* A name and a value, as offsets into the map's text. */
struct entry {
    size_t name, name_len, value, value_len, order;
};

/* Names mapped to lists of values: entries collected, then sorted. */
struct map {
    struct buffer text;
    struct entry *e;
    size_t n, cap;
    int failed;
};

static void map_free(struct map *m)
{
    buffer_free(&m->text);
    free(m->e);
    memset(m, 0, sizeof *m);
}

static void map_add(struct map *m, const char *name, size_t name_len,
                    const char *value, size_t value_len)
{
    struct entry *e;

    if (m->failed)
        return;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        struct entry *bigger = realloc(m->e, cap * sizeof *bigger);
        if (bigger == NULL) {
            m->failed = 1;
            return;
        }
        m->e = bigger;
        m->cap = cap;
    }
    e = &m->e[m->n];
    e->order = m->n;
    e->name = m->text.len;
    e->name_len = name_len;
    e->value = m->text.len + name_len;
    e->value_len = value_len;
    if (buffer_append(&m->text, name, name_len) != 0 ||
        buffer_append(&m->text, value, value_len) != 0) {
        m->failed = 1;
        return;
    }
    m->n++;
}

/* Whether entry x sorts before y: by name, bytewise, then in the order
 * received. */
static int entry_before(const char *text, const struct entry *x,
                        const struct entry *y)
{
    size_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
    int c = n ? memcmp(text + x->name, text + y->name, n) : 0;

    if (c == 0 && x->name_len != y->name_len)
        return x->name_len < y->name_len;
    return c != 0 ? c < 0 : x->order < y->order;
}

/* Sorts the entries: a merge sort, since qsort() takes no context that
 * worker threads could keep apart, and since the count is the client's. */
static void map_sort(struct map *m)
{
    struct entry *tmp, *from = m->e, *to;
    size_t width, i;

    if (m->failed || m->n < 2)
        return;
    tmp = malloc(m->n * sizeof *tmp);
    if (tmp == NULL) {
        m->failed = 1;
        return;
    }
    to = tmp;
    for (width = 1; width < m->n; width *= 2) {
        for (i = 0; i < m->n; i += 2 * width) {
            size_t lo = i, mid = i + width < m->n ? i + width : m->n,
                   hi = i + 2 * width < m->n ? i + 2 * width : m->n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                to[k++] = entry_before(m->text.data, &from[b], &from[a])
                              ? from[b++]
                              : from[a++];
            while (a < mid)
                to[k++] = from[a++];
            while (b < hi)
                to[k++] = from[b++];
        }
        {
            struct entry *t = from;
            from = to;
            to = t;
        }
    }
    if (from != m->e)
        memcpy(m->e, from, m->n * sizeof *from);
    free(tmp);
}

static int put_indent(struct buffer *b, int indent)
{
    static const char spaces[] = "                ";

    return buffer_append(b, spaces,
                         (size_t)indent < sizeof spaces - 1
                             ? (size_t)indent
                             : sizeof spaces - 1);
}

/* Writes the map as a JSON object of lists, its closing brace indented
 * by indent spaces and its members by two more. */
static int put_map(struct buffer *b, struct map *m, int indent)
{
    const char *t;
    size_t i;
    int r = 0;

    map_sort(m);
    if (m->failed)
        return -1;
    if (m->n == 0)
        return buffer_puts(b, "{}");
    /* Entries whose names and values are all empty leave the text
     * unallocated: no arithmetic on its NULL. */
    t = m->text.data != NULL ? m->text.data : "";
    r |= buffer_puts(b, "{");
    for (i = 0; i < m->n; i++) {
        const struct entry *e = &m->e[i];
        int first = i == 0 || e->name_len != m->e[i - 1].name_len ||
                    memcmp(t + e->name, t + m->e[i - 1].name, e->name_len);
        int last = i + 1 == m->n || e->name_len != m->e[i + 1].name_len ||
                   memcmp(t + e->name, t + m->e[i + 1].name, e->name_len);
        if (first) {
            r |= buffer_puts(b, i ? ",\n" : "\n");
            r |= put_indent(b, indent + 2);
            r |= json_escape(b, t + e->name, e->name_len);
            r |= buffer_puts(b, ": [\n");
        } else {
            r |= buffer_puts(b, ",\n");
        }
        r |= put_indent(b, indent + 4);
        r |= json_escape(b, t + e->value, e->value_len);
        if (last) {
            r |= buffer_puts(b, "\n");
            r |= put_indent(b, indent + 2);
            r |= buffer_puts(b, "]");
        }
    }
    r |= buffer_puts(b, "\n");
    r |= put_indent(b, indent);
    r |= buffer_puts(b, "}");
    return r;
}

/* Adds the pairs of a form-urlencoded string, decoded; a pair with a bad
 * escape is left out. */
static void map_add_form(struct map *m, const char *p, size_t n)
{
    struct slice name, value;
    size_t pos = 0;
    char *name_buf, *value_buf;

    if (p == NULL || n == 0)
        return;
    name_buf = malloc(n);
    value_buf = malloc(n);
    if (name_buf == NULL || value_buf == NULL) {
        m->failed = 1;
    } else {
        while (form_next(p, n, &pos, &name, &value) == 1) {
            long nn = percent_decode(name.p, name.n, name_buf, n, 1);
            long vn = percent_decode(value.p, value.n, value_buf, n, 1);
            if (nn >= 0 && vn >= 0)
                map_add(m, name_buf, (size_t)nn, value_buf, (size_t)vn);
        }
    }
    free(name_buf);
    free(value_buf);
}

/* ----------------------------------------------------------- members */

/* A header name as Go writes it: upper case first and after each '-',
 * lower case elsewhere. */
static void canonical_name(const char *p, size_t n, char *out)
{
    size_t i;
    int up = 1;

    for (i = 0; i < n; i++) {
        int ch = (unsigned char)p[i];
        out[i] =
            (char)(up ? (ch >= 'a' && ch <= 'z' ? ch - 32 : ch) : lower(ch));
        up = ch == '-';
    }
}

static int put_headers(struct buffer *b, const struct request *req, int indent)
{
    struct map m;
    struct slice name, value;
    size_t pos = 0;
    char canon[REQUEST_HEAD_MAX];
    int r;

    memset(&m, 0, sizeof m);
    while (request_field_next(req, &pos, &name, &value)) {
        canonical_name(name.p, name.n, canon);
        map_add(&m, canon, name.n, value.p, value.n);
    }
    r = put_map(b, &m, indent);
    map_free(&m);
    return r;
}

/* The first element of a comma list, without whitespace around it. */
static struct slice first_element(struct slice v)
{
    size_t end = 0, start;

    while (end < v.n && v.p[end] != ',')
        end++;
    start = skip_ows(v.p, end, 0);
    while (end > start && is_ows((unsigned char)v.p[end - 1]))
        end--;
    v.p += start;
    v.n = end - start;
    return v;
}

static struct slice origin_of(const struct request *req)
{
    static const char *const own[] = {"Fly-Client-IP", "CF-Connecting-IP",
                                      "Fastly-Client-IP", "True-Client-IP"};
    struct slice v;
    size_t k;

    for (k = 0; k < sizeof own / sizeof own[0]; k++)
        if (request_field(req, own[k], &v) > 0 && v.n > 0)
            return v;
    if (request_field(req, "X-Forwarded-For", &v) > 0) {
        v = first_element(v);
        if (v.n > 0)
            return v;
    }
    return req->peer;
}

static int put_url(struct buffer *b, const struct request *req)
{
    struct buffer url = {NULL, 0, 0};
    struct slice v;
    int r = 0;

    if ((request_field(req, "X-Forwarded-Proto", &v) > 0 ||
         request_field(req, "X-Forwarded-Protocol", &v) > 0) &&
        v.n > 0)
        r |= buffer_append(&url, v.p, v.n);
    else if (request_field(req, "X-Forwarded-Ssl", &v) > 0 &&
             eq_nocase(v.p, v.n, "on"))
        r |= buffer_puts(&url, "https");
    else
        r |= buffer_puts(&url, req->secure ? "https" : "http");
    r |= buffer_puts(&url, "://");
    if (req->host.n > 0)
        r |= buffer_append(&url, req->host.p, req->host.n);
    r |= buffer_append(&url, req->path.p, req->path.n);
    if (req->query.p != NULL && req->query.n > 0) {
        r |= buffer_puts(&url, "?");
        r |= buffer_append(&url, req->query.p, req->query.n);
    }
    if (r == 0)
        r = json_escape(b, url.data, url.len);
    buffer_free(&url);
    return r;
}

/* The media type of a Content-Type value, without parameters. */
static struct slice media_of(struct slice v)
{
    size_t n = 0;

    while (n < v.n && v.p[n] != ';' && !is_ows((unsigned char)v.p[n]))
        n++;
    v.n = n;
    return v;
}

/* data as a data: URL (RFC 2397), base64 in the URL-safe alphabet with
 * padding, as go-httpbin writes it. */
static int put_data_url(struct buffer *b, struct slice type, struct slice body)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "abcdefghijklmnopqrstuvwxyz0123456789-_";
    struct buffer url = {NULL, 0, 0};
    const unsigned char *p = (const unsigned char *)body.p;
    size_t i;
    int r = buffer_puts(&url, "data:");

    if (type.n > 0)
        r |= buffer_append(&url, type.p, type.n);
    else
        r |= buffer_puts(&url, "application/octet-stream");
    r |= buffer_puts(&url, ";base64,");
    r |= buffer_reserve(&url, (body.n + 2) / 3 * 4);
    for (i = 0; r == 0 && i < body.n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        char q[4];
        if (i + 1 < body.n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < body.n)
            v |= p[i + 2];
        q[0] = alphabet[v >> 18 & 63];
        q[1] = alphabet[v >> 12 & 63];
        q[2] = i + 1 < body.n ? alphabet[v >> 6 & 63] : '=';
        q[3] = i + 2 < body.n ? alphabet[v & 63] : '=';
        r |= buffer_append(&url, q, 4);
    }
    if (r == 0)
        r = json_escape(b, url.data, url.len);
    buffer_free(&url);
    return r;
}

#ifdef HTTPSTATUS_HAVE_JANSSON
/* The body decoded as JSON and written again, its continuation lines
 * indented to sit in the echo object; 1 when it is not JSON (err says
 * why). */
static int put_json_body(struct buffer *b, struct slice body, char *err,
                         size_t errsize)
{
    json_error_t e;
    json_t *v = json_loadb(body.p, body.n, JSON_DECODE_ANY, &e);
    char *text, *p;
    int r = 0;

    if (v == NULL) {
        snprintf(err, errsize,
                 "The content is not JSON, though its Content-Type says so: "
                 "%s (line %d, column %d).",
                 e.text, e.line, e.column);
        return 1;
    }
    text = json_dumps(v, JSON_ENCODE_ANY | JSON_INDENT(2) | JSON_SORT_KEYS);
    json_decref(v);
    if (text == NULL)
        return -1;
    for (p = text; *p && r == 0; p++) {
        r |= buffer_append(b, p, 1);
        if (*p == '\n')
            r |= put_indent(b, 2);
    }
    free(text);
    return r;
}
#endif

/* data, files, form and json. Returns 0, -1 when out of memory, or 1
 * with err set when the content is malformed for its type. */
static int put_body(struct buffer *b, const struct request *req, char *err,
                    size_t errsize)
{
    struct slice ctype, type, body = req->body;
    struct map form, files;
    int r = 0, json = 0;

    memset(&form, 0, sizeof form);
    memset(&files, 0, sizeof files);
    request_field(req, "Content-Type", &ctype);
    type = media_of(ctype);
    if (body.p == NULL)
        body.p = "";
    r |= buffer_puts(b, ",\n  \"data\": ");
    if (body.n == 0 || eq_nocase(type.p, type.n, "text/plain") ||
        eq_nocase(type.p, type.n, "text/html") ||
        eq_nocase(type.p, type.n, "application/json")) {
        r |= json_escape(b, body.p, body.n);
        json = body.n > 0 && eq_nocase(type.p, type.n, "application/json");
    } else if (eq_nocase(type.p, type.n,
                         "application/x-www-form-urlencoded")) {
        r |= json_escape(b, body.p, body.n);
        map_add_form(&form, body.p, body.n);
    } else if (eq_nocase(type.p, type.n, "multipart/form-data")) {
        struct slice boundary;
        struct multipart mp;
        struct multipart_part part;
        int got;
        r |= json_escape(b, body.p, body.n);
        if (multipart_boundary(ctype.p, ctype.n, &boundary) != 0 ||
            multipart_init(&mp, body.p, body.n, boundary) != 0) {
            snprintf(err, errsize,
                     "The multipart/form-data content has no valid "
                     "boundary parameter in its Content-Type.");
            return 1;
        }
        while ((got = multipart_next(&mp, &part)) == 1) {
            char name[MULTIPART_HEAD_MAX];
            long n =
                multipart_unquote(part.name.p, part.name.n, name, sizeof name);
            if (n < 0)
                break;
            if (part.filename.p != NULL)
                map_add(&files, name, (size_t)n, part.data.p, part.data.n);
            else
                map_add(&form, name, (size_t)n, part.data.p, part.data.n);
        }
        if (got != 0) {
            map_free(&form);
            map_free(&files);
            snprintf(err, errsize,
                     "The multipart/form-data content is malformed (RFC "
                     "7578): a delimiter, a part's header section or its "
                     "Content-Disposition is missing or broken.");
            return 1;
        }
    } else {
        r |= put_data_url(b, ctype, body);
    }
    r |= buffer_puts(b, ",\n  \"files\": ");
    r |= put_map(b, &files, 2);
    r |= buffer_puts(b, ",\n  \"form\": ");
    r |= put_map(b, &form, 2);
    r |= buffer_puts(b, ",\n  \"json\": ");
    map_free(&form);
    map_free(&files);
    if (!json)
        return r | buffer_puts(b, "null");
#ifdef HTTPSTATUS_HAVE_JANSSON
    {
        int j = put_json_body(b, body, err, errsize);
        return j == 1 ? 1 : (r | j);
    }
#else
    return r | buffer_puts(b, "null");
#endif
}

/* ------------------------------------------------------------ the echo */

int echo_open(struct exchange *x, unsigned parts, struct buffer *b)
{
    const struct request *req = x->req;
    char err[512];
    int r = buffer_puts(b, "{");
    const char *sep = "\n";

    if (parts & ECHO_ARGS) {
        struct map args;
        memset(&args, 0, sizeof args);
        map_add_form(&args, req->query.p, req->query.n);
        r |= buffer_printf(b, "%s  \"args\": ", sep);
        r |= put_map(b, &args, 2);
        map_free(&args);
        sep = ",\n";
    }
    if (parts & ECHO_HEADERS) {
        r |= buffer_printf(b, "%s  \"headers\": ", sep);
        r |= put_headers(b, req, 2);
        sep = ",\n";
    }
    if (parts & ECHO_METHOD) {
        r |= buffer_printf(b, "%s  \"method\": ", sep);
        r |= json_escape(b, req->method.p, req->method.n);
        sep = ",\n";
    }
    if (parts & ECHO_ORIGIN) {
        struct slice o = origin_of(req);
        r |= buffer_printf(b, "%s  \"origin\": ", sep);
        r |= json_escape(b, o.p != NULL ? o.p : "", o.n);
        sep = ",\n";
    }
    if (parts & ECHO_URL) {
        r |= buffer_printf(b, "%s  \"url\": ", sep);
        r |= put_url(b, req);
    }
    if (r != 0)
        return -1;
    if (parts & ECHO_BODY) {
        int got = put_body(b, req, err, sizeof err);
        if (got == 1) {
            refuse_request(x, "%s", err);
            return 1;
        }
        if (got != 0)
            return -1;
    }
    return 0;
}

int echo_close(struct buffer *b)
{
    return buffer_puts(b, "\n}\n");
}

/* The whole echo as the response. */
static int respond_echo(struct exchange *x, unsigned parts)
{
    struct response *res = x->res;
    int r;

    response_reset(res, 200);
    r = echo_open(x, parts, &res->body);
    if (r != 0)
        return r < 0 ? -1 : 0;
    if (echo_close(&res->body) != 0)
        return -1;
    response_add(res, "Content-Type", HTTPBIN_JSON);
    return 0;
}

int handle_get(struct exchange *x)
{
    return respond_echo(x, ECHO_REQUEST);
}

int handle_echo_body(struct exchange *x)
{
    return respond_echo(x, ECHO_REQUEST | ECHO_BODY);
}

int handle_headers(struct exchange *x)
{
    return respond_echo(x, ECHO_HEADERS);
}

int handle_ip(struct exchange *x)
{
    return respond_echo(x, ECHO_ORIGIN);
}

/* One member: "name": value, as a whole document. */
static int respond_member(struct exchange *x, const char *name,
                          struct slice value)
{
    struct response *res = x->res;
    struct buffer *b = &res->body;
    int r;

    response_reset(res, 200);
    r = buffer_printf(b, "{\n  \"%s\": ", name);
    r |= json_escape(b, value.p != NULL ? value.p : "", value.n);
    r |= buffer_puts(b, "\n}\n");
    if (r != 0)
        return -1;
    response_add(res, "Content-Type", HTTPBIN_JSON);
    return 0;
}

int handle_user_agent(struct exchange *x)
{
    return respond_member(x, "user-agent", x->req->user_agent);
}

int handle_hostname(struct exchange *x)
{
    struct slice name = {"httpstatus", 10};

    return respond_member(x, "hostname", name);
}

/* Fields a client may not have /response-headers send: the framing and
 * hop-by-hop ones, which are the writer's alone. */
static const char *const refused_fields[] = {
    "Content-Length", "Transfer-Encoding", "Connection",
    "Keep-Alive",     "Upgrade",           "TE",
    "Trailer",        "Proxy-Connection"};

int handle_response_headers(struct exchange *x)
{
    const struct request *req = x->req;
    struct response *res = x->res;
    struct map m;
    size_t i, k;
    int r, typed = 0;

    memset(&m, 0, sizeof m);
    map_add_form(&m, req->query.p, req->query.n);
    if (m.failed) {
        map_free(&m);
        return -1;
    }
    /* The fields must fit the response, beside the server's own. */
    if (m.n > RESPONSE_FIELDS_MAX / 2 || m.text.len > RESPONSE_TEXT_MAX / 2) {
        map_free(&m);
        refuse_request(x,
                       "/response-headers takes at most %d fields and "
                       "%d bytes of names and values.",
                       RESPONSE_FIELDS_MAX / 2, RESPONSE_TEXT_MAX / 2);
        return 0;
    }
    response_reset(res, 200);
    for (i = 0; i < m.n; i++) {
        const struct entry *e = &m.e[i];
        const char *name = m.text.data + e->name;
        const char *value = m.text.data + e->value;
        char canon[REQUEST_LINE_MAX + 1];
        size_t j;
        for (j = 0; j < e->name_len; j++)
            if (!is_tchar((unsigned char)name[j]))
                break;
        if (e->name_len == 0 || j < e->name_len) {
            map_free(&m);
            refuse_request(x, "A /response-headers parameter's name is not "
                              "a field name: a token is letters, digits and "
                              "!#$%%&'*+-.^_`|~ only.");
            return 0;
        }
        for (j = 0; j < e->value_len; j++) {
            unsigned char ch = (unsigned char)value[j];
            if (!(ch == ' ' || ch == '\t' || (ch >= 0x21 && ch <= 0x7e)))
                break;
        }
        if (j < e->value_len) {
            map_free(&m);
            refuse_request(x, "A /response-headers value may hold only "
                              "visible ASCII characters, spaces and tabs.");
            return 0;
        }
        for (k = 0; k < sizeof refused_fields / sizeof refused_fields[0]; k++)
            if (eq_nocase(name, e->name_len, refused_fields[k])) {
                map_free(&m);
                refuse_request(x,
                               "/response-headers may not set %s: the "
                               "framing and hop-by-hop fields are the "
                               "server's own.",
                               refused_fields[k]);
                return 0;
            }
        canonical_name(name, e->name_len, canon);
        canon[e->name_len] = '\0';
        if (eq_nocase(name, e->name_len, "Content-Type"))
            typed = 1;
        response_addn(res, canon, value, e->value_len);
    }
    r = put_map(&res->body, &m, 0);
    r |= buffer_puts(&res->body, "\n");
    map_free(&m);
    if (r != 0)
        return -1;
    if (!typed)
        response_add(res, "Content-Type", HTTPBIN_JSON);
    return 0;
}

/* The request line, the field lines as received and the content: a
 * chunked body goes back as one chunk and the last one, its trailer
 * fields left out. */
int handle_dump_request(struct exchange *x)
{
    const struct request *req = x->req;
    struct buffer *b = &x->res->body;
    int r;

    response_reset(x->res, 200);
    r = buffer_append(b, req->method.p, req->method.n);
    r |= buffer_append(b, " ", 1);
    r |= buffer_append(b, req->target.p, req->target.n);
    r |= buffer_puts(b, req->minor == 0 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n");
    if (req->fields.n > 0)
        r |= buffer_append(b, req->fields.p, req->fields.n);
    r |= buffer_append(b, "\r\n", 2);
    if (req->chunked) {
        if (req->body.n > 0)
            r |= buffer_printf(b, "%zx\r\n", req->body.n);
        if (req->body.n > 0)
            r |= buffer_append(b, req->body.p, req->body.n);
        r |= buffer_puts(b, req->body.n > 0 ? "\r\n0\r\n\r\n" : "0\r\n\r\n");
    } else if (req->body.n > 0) {
        r |= buffer_append(b, req->body.p, req->body.n);
    }
    if (r != 0)
        return -1;
    response_add(x->res, "Content-Type", "text/plain; charset=utf-8");
    return 0;
}

/* A duration: seconds as a decimal ("2", "0.5", ".25"), or a number of
 * seconds or milliseconds with its unit, as in Go ("1.5s", "300ms").
 * Digits past the millisecond are dropped. Sets *ms and returns 0, or
 * returns -1 when malformed or above max milliseconds. */
static int parse_delay(const char *p, size_t n, unsigned max, unsigned *ms)
{
    uint64_t whole = 0, frac = 0, scale = 1000;
    size_t i = 0, digits = 0;

    if (n >= 2 && p[n - 2] == 'm' && p[n - 1] == 's') {
        n -= 2;
        scale = 1;
    } else if (n >= 1 && p[n - 1] == 's') {
        n -= 1;
    }
    for (; i < n && is_digit((unsigned char)p[i]); i++, digits++) {
        whole = whole * 10 + (uint64_t)(p[i] - '0');
        if (whole * scale > max)
            return -1;
    }
    if (i < n && p[i] == '.') {
        uint64_t unit = scale * 1000; /* in microseconds, then cut */
        for (i++; i < n && is_digit((unsigned char)p[i]); i++, digits++) {
            unit /= 10;
            frac += (uint64_t)(p[i] - '0') * unit;
        }
        frac /= 1000;
    }
    if (i != n || digits == 0 || whole * scale + frac > max)
        return -1;
    *ms = (unsigned)(whole * scale + frac);
    return 0;
}

int handle_delay(struct exchange *x)
{
    const struct slice a = x->arg[0];
    unsigned max = x->opt->max_sleep_ms, sleep = x->q ? x->q->sleep_ms : 0;
    unsigned ms;
    int r;

    if (parse_delay(a.p, a.n, max, &ms) != 0) {
        refuse_request(x,
                       "/delay takes a number of seconds from 0 to %u.%03u "
                       "(the server's --max-sleep): 2, 0.5, or with a unit, "
                       "1.5s or 300ms.",
                       max / 1000, max % 1000);
        return 0;
    }
    if (sleep > max - ms) {
        refuse_request(x,
                       "/delay and ?sleep= together ask for more than the "
                       "server's --max-sleep, %u ms.",
                       max);
        return 0;
    }
    r = respond_echo(x, ECHO_REQUEST | ECHO_BODY);
    if (r == 0 && !x->refused)
        x->res->delay_ms = ms;
    return r;
}
