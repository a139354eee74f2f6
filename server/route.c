/* route.c: the route table, and what every response carries.
 *
 * A request goes through these steps (route_respond):
 *
 *  1. CONNECT and TRACE get 405 on any target: this is no proxy, and it
 *     never reflects a request. OPTIONS answers for every target and
 *     ignores the query: a CORS preflight (Access-Control-Request-Method
 *     present) gets 204 with Access-Control-Allow-Methods, -Headers and
 *     -Max-Age; any other OPTIONS, "OPTIONS *" included, 204 with Allow.
 *  2. A target that is not a path is a 400.
 *  3. The query's common parameters (query.c) are read, except on the
 *     page at /, whose script reads its own: a bad one is a 400 naming it.
 *  4. The first route whose pattern matches the path and whose methods
 *     include the request's runs its handler. A path some route matches
 *     for other methods only gets 405 with their Allow; a path no route
 *     matches, 404.
 *  5. Every response then gets Cache-Control: no-store when it is for
 *     this request alone (a draw, a delayed response, a health check:
 *     RFC 9111, Section 4.2.2 would otherwise let a cache reuse it), the
 *     ?header fields, each replacing the fields of its name that the
 *     handler set, and CORS: Access-Control-Allow-Origin with the
 *     request's Origin and Allow-Credentials: true (or "*" when there is
 *     no Origin), and Access-Control-Expose-Headers, so that scripts
 *     can read Location, Retry-After and the rest: "*" without
 *     credentials, and with them, the names of the response's fields.
 *
 * Patterns: literal bytes, "{name}" for the bytes up to the next byte of
 * the pattern (or the next '/'; never empty), and a final "*" for the
 * rest of the path, empty or not. "{code}" matches only what starts like
 * a number (a digit, '-' or '+'): such a path is answered as a status
 * code, and a 400 when it is not one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "form.h"
#include "handlers.h"
#include "server.h"

#define METHODS "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
#define ERR_MAX 512

struct route {
    const char *methods; /* a list like "GET POST"; GET takes HEAD too.
                            NULL: every method. */
    const char *pattern;
    handler_fn *handler;
    int no_store;      /* the response is for this request alone */
    const char *about; /* what it answers, for the index */
};

/* clang-format off */
static const struct route routes[] = {
    /* methods, pattern, handler, no_store,
     * about (NULL: not in the index) */
    {NULL, "/", handle_page, 0,
     "the reference page, for a browser"},
    /* codes.c: first, as the commonest; no other path starts with a
     * digit, so the order costs the others nothing */
    {NULL, "/{code}", handle_code, 0,
     "that status code, 100 to 599, as RFC 9110 has it"},
    {NULL, "/{code}/*", handle_code, 0,
     "the same, whatever follows the code"},
    {NULL, "/index.txt", handle_index, 0,
     "this index"},
    {NULL, "/healthz", handle_healthz, 1,
     "\"ok\""},
    {NULL, "/codes.json", handle_codes_json, 0,
     "every code the registry knows, as JSON"},
    {NULL, "/codes/{code}.json", handle_code_json, 0,
     "one code's registry entries"},
    {NULL, "/random", handle_random, 1,
     NULL},
    {NULL, "/random/*", handle_random, 1,
     "a code drawn from 200,500-504 or 200:0.9,503:0.1"},
    {NULL, "/status/", handle_status, 0,
     NULL},
    {NULL, "/status/{codes}", handle_status, 0,
     "one code, or a draw: 200,500 or 200:0.9,500:0.1"},
    {NULL, "/unstable", handle_unstable, 1,
     "200, or 500 at ?failure_rate= (0.5); ?seed="},
    /* early_hints.c: what /103's hints preload */
    {"GET", "/early-hints/style.css", handle_early_hints_style, 0,
     "the stylesheet /103 hints at, cacheable"},
    {"GET", "/early-hints/script.js", handle_early_hints_script, 0,
     "the script /103 hints at, cacheable"},
    /* redirects.c, and echo.c's /delay */
    {NULL, "/redirect/{n}", handle_redirect, 0,
     "{n} redirects, then /get (?absolute=true)"},
    {NULL, "/relative-redirect/{n}", handle_relative_redirect, 0,
     "{n} redirects by relative URLs, then /get"},
    {NULL, "/absolute-redirect/{n}", handle_absolute_redirect, 0,
     "{n} redirects by absolute URLs, then /get"},
    {NULL, "/redirect-to", handle_redirect_to, 0,
     "?url=...&status_code=3xx: one redirect there"},
    {NULL, "/delay/{seconds}", handle_delay, 1,
     "the request as JSON, after that many seconds"},
    /* echo.c */
    {"GET", "/get", handle_get, 1,
     "the request as JSON: args, headers, origin, url"},
    {"HEAD", "/head", handle_get, 1,
     "the same, for HEAD"},
    {"POST", "/post", handle_echo_body, 1,
     "the request with its body: data, form, files, json"},
    {"PUT", "/put", handle_echo_body, 1,
     "the same, for PUT"},
    {"PATCH", "/patch", handle_echo_body, 1,
     "the same, for PATCH"},
    {"DELETE", "/delete", handle_echo_body, 1,
     "the same, for DELETE"},
    {NULL, "/anything", handle_echo_body, 1,
     "the same, for any method"},
    {NULL, "/anything/*", handle_echo_body, 1,
     "the same, under any path"},
    {NULL, "/headers", handle_headers, 1,
     "the request's header fields"},
    {NULL, "/ip", handle_ip, 1,
     "the client's address"},
    {NULL, "/user-agent", handle_user_agent, 1,
     "the request's User-Agent"},
    {NULL, "/hostname", handle_hostname, 0,
     "the server's name"},
    {NULL, "/response-headers", handle_response_headers, 1,
     "?Name=Value become response fields and JSON"},
    {NULL, "/dump/request", handle_dump_request, 1,
     "the request as it came, in wire form"},
    /* codings.c, images.c */
    {NULL, "/gzip", handle_gzip, 1,
     "the request as JSON, gzip-coded"},
    {NULL, "/deflate", handle_deflate, 1,
     "the request as JSON, deflate-coded"},
    {NULL, "/brotli", handle_brotli, 1,
     "the request as JSON, brotli-coded"},
    {NULL, "/image", handle_image, 0,
     "an image in the type Accept prefers"},
    {NULL, "/image/{ext}", handle_image_ext, 0,
     "an image: png, jpeg, webp or svg"},
    /* formats.c, cookies.c */
    {NULL, "/html", handle_html, 0,
     "an HTML page"},
    {NULL, "/json", handle_json, 0,
     "a JSON document"},
    {NULL, "/xml", handle_xml, 0,
     "an XML document"},
    {NULL, "/robots.txt", handle_robots, 0,
     "a robots.txt that disallows /deny"},
    {NULL, "/deny", handle_deny, 0,
     "the page robots.txt disallows"},
    {"GET", "/encoding/utf8", handle_utf8, 0,
     "a UTF-8 text with many scripts"},
    {NULL, "/uuid", handle_uuid, 1,
     "a random version 4 UUID"},
    {NULL, "/links/{n}", handle_links, 0,
     "302 to /links/{n}/0"},
    {NULL, "/links/{n}/{offset}", handle_links, 0,
     "n links to pages like it, {offset} not linked"},
    {"GET", "/forms/post", handle_forms_post, 0,
     "an HTML form that posts to /post"},
    {NULL, "/cookies", handle_cookies, 1,
     "the request's cookies"},
    {NULL, "/cookies/set", handle_cookies_set, 1,
     "?name=value sets cookies, then 302 to /cookies"},
    {NULL, "/cookies/delete", handle_cookies_delete, 1,
     "?name expires cookies, then 302 to /cookies"},
    /* auth.c: the path's segments are read by the handler */
    {"GET POST PUT DELETE PATCH", "/basic-auth/*", handle_basic_auth, 1,
     "{user}/{passwd}: 200 for them (Basic), else 401"},
    {NULL, "/hidden-basic-auth/*", handle_hidden_basic_auth, 1,
     "{user}/{passwd}: as above, 404 for wrong ones"},
    {NULL, "/bearer", handle_bearer, 1,
     "200 with a Bearer token, else 401"},
    {NULL, "/digest-auth/*", handle_digest_auth, 1,
     "{qop}/{user}/{passwd}[/{algorithm}]: Digest"},
    {NULL, "/base64/*", handle_base64, 0,
     "{value} decoded; encode/{value}, decode/{value}"},
    /* caching.c, ranges.c, streams.c */
    {NULL, "/cache", handle_cache, 0,
     "the request as JSON; 304 to a conditional request"},
    {NULL, "/cache/{n}", handle_cache_control, 0,
     "the same, with Cache-Control: public, max-age={n}"},
    {NULL, "/etag/{etag}", handle_etag, 0,
     "ETag: \"{etag}\", with If-None-Match and If-Match"},
    {NULL, "/range/{n}", handle_range, 0,
     "{n} bytes that honour Range (206, 416, multipart)"},
    {NULL, "/bytes/{n}", handle_bytes, 1,
     "{n} random bytes; ?seed= repeats them"},
    {NULL, "/stream-bytes/{n}", handle_stream_bytes, 1,
     "the same, chunked by ?chunk_size="},
    {NULL, "/stream/{n}", handle_stream, 1,
     "{n} lines of the request as JSON, streamed"},
    {NULL, "/drip", handle_drip, 0,
     "?numbytes= bytes over ?duration= s after ?delay= s"},
    {NULL, "/sse", handle_sse, 1,
     "?count= events over ?duration= s after ?delay= s"},
};
/* clang-format on */

#define NROUTES (sizeof routes / sizeof routes[0])

/* Index lines: the method and pattern in a column this wide, a longer one
 * on a line of its own. */
#define INDEX_COLUMN 26

int route_index(struct buffer *b)
{
    size_t k;
    int r = 0;

    for (k = 0; k < NROUTES; k++) {
        const struct route *rt = &routes[k];
        char label[128];
        int n;
        if (rt->about == NULL)
            continue;
        n = snprintf(label, sizeof label, "%s%s%s",
                     rt->methods ? rt->methods : "", rt->methods ? " " : "",
                     rt->pattern);
        if (n > INDEX_COLUMN)
            r |= buffer_printf(b, "  %s\n  %*s %s\n", label, INDEX_COLUMN, "",
                               rt->about);
        else
            r |= buffer_printf(b, "  %-*s %s\n", INDEX_COLUMN, label,
                               rt->about);
    }
    return r;
}

/* Whether the method is in the list (GET bringing HEAD). */
static int method_allowed(const char *list, struct slice m)
{
    const char *p = list;

    if (list == NULL)
        return 1;
    while (*p) {
        size_t n = strcspn(p, " ");
        if (n == m.n && memcmp(p, m.p, n) == 0)
            return 1;
        if (n == 3 && memcmp(p, "GET", 3) == 0 && eq_exact(m.p, m.n, "HEAD"))
            return 1;
        p += n;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* Matches path against pattern, filling x's arguments: 1, or 0. */
static int match(const char *pattern, const char *path, size_t n,
                 struct exchange *x)
{
    const char *pat = pattern;
    size_t i = 0;

    x->nargs = 0;
    while (*pat) {
        if (*pat == '*' && pat[1] == '\0') {
            if (x->nargs == ROUTE_ARGS_MAX)
                return 0;
            x->arg[x->nargs].p = path + i;
            x->arg[x->nargs++].n = n - i;
            return 1;
        }
        if (*pat == '{') {
            const char *close = strchr(pat, '}');
            char stop;
            size_t start = i;
            if (close == NULL || x->nargs == ROUTE_ARGS_MAX)
                return 0;
            stop = close[1];
            if (close - pat == 5 && memcmp(pat, "{code}", 6) == 0 &&
                (i >= n || !(is_digit((unsigned char)path[i]) ||
                             path[i] == '-' || path[i] == '+')))
                return 0;
            while (i < n && path[i] != '/' &&
                   (stop == '\0' || path[i] != stop))
                i++;
            /* A literal after the argument must be where the path ends,
             * or be followed by more of the pattern: "{code}.json". */
            if (i == start)
                return 0;
            x->arg[x->nargs].p = path + start;
            x->arg[x->nargs++].n = i - start;
            pat = close + 1;
            continue;
        }
        if (i >= n || path[i] != *pat)
            return 0;
        i++;
        pat++;
    }
    return i == n;
}

static void respond_options(struct exchange *x)
{
    struct slice asked;

    response_reset(x->res, 204);
    if (x->req->access_control_request_method.p != NULL) {
        response_add(x->res, "Access-Control-Allow-Methods", METHODS);
        /* The fields asked for, echoed: "*" is no wildcard for a request
         * with credentials (Fetch, CORS protocol). */
        request_field(x->req, "Access-Control-Request-Headers", &asked);
        if (asked.n > 0 && field_value_ok(asked.p, asked.n))
            response_addn(x->res, "Access-Control-Allow-Headers", asked.p,
                          asked.n);
        else
            response_add(x->res, "Access-Control-Allow-Headers", "*");
        response_add(x->res, "Access-Control-Max-Age", "86400");
    } else {
        response_add(x->res, "Allow", METHODS);
    }
}

static void respond_no_proxy(struct exchange *x)
{
    static const char text[] =
        "405 Method Not Allowed\n\nThis server is no proxy, so it refuses "
        "CONNECT, and it never reflects a request, so it refuses TRACE.\n";

    response_reset(x->res, 405);
    response_add(x->res, "Allow", METHODS);
    response_static(x->res, media_type(MEDIA_TEXT), text, sizeof text - 1);
}

/* Adds the method w[0..n) to the comma list allow unless it is there. */
static void allow_add(char *allow, size_t size, const char *w, size_t n)
{
    const char *p = allow;
    size_t len = strlen(allow);

    while (*p) {
        size_t k = strcspn(p, ",");
        if (k == n && memcmp(p, w, n) == 0)
            return;
        p += k;
        while (*p == ',' || *p == ' ')
            p++;
    }
    if (len + n + 3 < size)
        snprintf(allow + len, size - len, "%s%.*s", len ? ", " : "", (int)n,
                 w);
}

/* 405 for a path whose routes take other methods: Allow lists theirs. */
static void respond_wrong_method(struct exchange *x, const char *path,
                                 size_t n)
{
    char allow[256] = "";
    size_t k;

    for (k = 0; k < NROUTES; k++) {
        struct exchange probe = *x;
        const char *p = routes[k].methods;
        if (p == NULL || !match(routes[k].pattern, path, n, &probe))
            continue;
        while (*p) {
            size_t w = strcspn(p, " ");
            allow_add(allow, sizeof allow, p, w);
            if (w == 3 && memcmp(p, "GET", 3) == 0)
                allow_add(allow, sizeof allow, "HEAD", 4);
            p += w;
            while (*p == ' ')
                p++;
        }
    }
    respond_error(x->res, x->req, 405,
                  "This endpoint does not take that method: the Allow field "
                  "lists the ones it takes.\n");
    response_add(x->res, "Allow", allow);
}

void refuse_request(struct exchange *x, const char *fmt, ...)
{
    char text[ERR_MAX];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(text, sizeof text - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        text[0] = '\0';
    n = (int)strlen(text);
    text[n] = '\n';
    text[n + 1] = '\0';
    respond_error(x->res, x->req, 400, text);
    x->refused = 1;
}

/* Step 5: what every response carries. */
static void finish(struct exchange *x, const struct query *q)
{
    struct response *res = x->res;
    size_t k, j;

    if (x->no_store || (q != NULL && q->sleep_ms > 0))
        response_add(res, "Cache-Control", "no-store");
    for (k = 0; q != NULL && k < q->nfields; k++) {
        const struct query_field *f = &q->fields[k];
        char name[REQUEST_LINE_MAX];
        int first = 1;
        /* The first ?header of a name replaces the handler's fields of
         * that name; later ones of the same name add to it. */
        for (j = 0; j < k; j++)
            if (q->fields[j].name_len == f->name_len &&
                same_nocase(q->text + q->fields[j].name, q->text + f->name,
                            f->name_len))
                first = 0;
        if (first)
            response_remove(res, q->text + f->name, f->name_len);
        memcpy(name, q->text + f->name, f->name_len);
        name[f->name_len] = '\0';
        response_addn(res, name, q->text + f->value, f->value_len);
    }
    response_cors(res, x->req);
}

/* Access-Control-Expose-Headers for a response with credentials, where
 * "*" would name a field called "*" (Fetch, Section 3.3.4): the names of
 * the response's own fields, but those scripts may read anyway (the
 * CORS-safelisted response-header names) and the CORS fields. */
static void expose_fields(struct response *res)
{
    static const char *const skipped[] = {
        "Cache-Control", "Content-Language", "Content-Length", "Content-Type",
        "Expires",       "Last-Modified",    "Pragma",         "Vary"};
    char list[512];
    size_t len = 0, i, j, k;

    for (i = 0; i < res->nfields; i++) {
        const struct field *f = &res->fields[i];
        const char *name = res->text + f->name;
        int skip = f->part != 0 || (f->name_len > 15 &&
                                    same_nocase(name, "Access-Control-", 15));
        for (k = 0; !skip && k < sizeof skipped / sizeof skipped[0]; k++)
            skip = eq_nocase(name, f->name_len, skipped[k]);
        for (j = 0; !skip && j < i; j++)
            skip = res->fields[j].part == 0 &&
                   res->fields[j].name_len == f->name_len &&
                   same_nocase(res->text + res->fields[j].name, name,
                               f->name_len);
        if (skip || len + f->name_len + 2 > sizeof list)
            continue;
        if (len) {
            memcpy(list + len, ", ", 2);
            len += 2;
        }
        memcpy(list + len, name, f->name_len);
        len += f->name_len;
    }
    if (len)
        response_addn(res, "Access-Control-Expose-Headers", list, len);
}

void response_cors(struct response *res, const struct request *req)
{
    int credentials = 0;

    if (response_find(res, "Access-Control-Allow-Origin") != NULL) {
        /* ?header set it: the client's choice stands */
    } else if (req != NULL && req->origin.n > 0 &&
               field_value_ok(req->origin.p, req->origin.n)) {
        /* The request's own origin, and credentials allowed, as
         * go-httpbin answers: a browser sends cookies and Authorization
         * only where Allow-Origin names it, never to "*". An Origin is
         * ASCII (RFC 6454, Section 6.2): one with other bytes gets "*". */
        response_addn(res, "Access-Control-Allow-Origin", req->origin.p,
                      req->origin.n);
        response_add(res, "Access-Control-Allow-Credentials", "true");
        response_add(res, "Vary", "Origin");
        credentials = 1;
    } else {
        response_add(res, "Access-Control-Allow-Origin", "*");
    }
    if (response_find(res, "Access-Control-Expose-Headers") != NULL)
        return;
    if (credentials)
        expose_fields(res);
    else
        response_add(res, "Access-Control-Expose-Headers", "*");
}

/* The faults req asks for: ?fault= (percent-decoded), then the field
 * X-HttpStatus-Fault, appended to asked. Returns 0, or -1 with err. */
static int read_faults(const struct request *req,
                       const struct serve_options *opt,
                       struct fault_list *asked, char *err, size_t errsize)
{
    char text[FAULT_TEXT_MAX], e[ERR_MAX - 32];
    struct slice v;
    size_t n = 0;
    int count =
        req->query.p != NULL ? query_param(req->query, "fault", &v) : 0;

    if (count > 1) {
        snprintf(err, errsize,
                 "fault is given twice: list the faults in "
                 "one, separated by commas.");
        return -1;
    }
    if (count == 1) {
        long r = percent_decode(v.p, v.n, text, sizeof text, 0);
        if (r == -1) {
            snprintf(err, errsize,
                     "fault has a '%%' that is not followed by "
                     "two hexadecimal digits.");
            return -1;
        }
        if (r == -2) {
            snprintf(err, errsize, "fault is longer than %d bytes.",
                     FAULT_TEXT_MAX);
            return -1;
        }
        n = (size_t)r;
        if (fault_list_parse(text, n, opt->max_sleep_ms, asked, e, sizeof e) !=
            0) {
            snprintf(err, errsize, "fault: %s", e);
            return -1;
        }
    }
    if (!req->httpstatus_fields)
        return 0;
    count = request_field(req, "X-HttpStatus-Fault", &v);
    if (count > 1) {
        snprintf(err, errsize,
                 "X-HttpStatus-Fault is given twice: list the "
                 "faults in one, separated by commas.");
        return -1;
    }
    if (count == 1 && fault_list_parse(v.p, v.n, opt->max_sleep_ms, asked, e,
                                       sizeof e) != 0) {
        snprintf(err, errsize, "X-HttpStatus-Fault: %s", e);
        return -1;
    }
    return 0;
}

/* Steps 1 to 5 for req, and the faults it asks for, into asked. */
static int answer(const struct request *req, const struct serve_options *opt,
                  long long now, uint64_t *rng, struct response *res,
                  struct fault_list *asked)
{
    const char *path = req->path.p;
    size_t n = req->path.n, k;
    /* About 8 KiB: the stack, not the heap, on every request. */
    struct query q;
    struct exchange x;
    char err[ERR_MAX];
    int path_known = 0, r;

    memset(&x, 0, sizeof x);
    x.req = req;
    x.opt = opt;
    x.rng = rng;
    x.now = now;
    x.res = res;
    response_reset(res, 200);
    if (read_faults(req, opt, asked, err, sizeof err) != 0) {
        /* A good ?fault= before a bad X-HttpStatus-Fault is in asked:
         * none of the request's own applies, so that the 400 is seen. */
        asked->n = 0;
        refuse_request(&x, "%s", err);
        finish(&x, NULL);
        return 0;
    }
    if (eq_exact(req->method.p, req->method.n, "CONNECT") ||
        eq_exact(req->method.p, req->method.n, "TRACE")) {
        respond_no_proxy(&x);
        finish(&x, NULL);
        return 0;
    }
    if (req->is_options) {
        respond_options(&x);
        finish(&x, NULL);
        return 0;
    }
    if (path == NULL || n == 0) {
        path = "/";
        n = 1;
    }
    if (path[0] != '/') {
        respond_error(res, req, 400,
                      "The request target is not a path (only OPTIONS may "
                      "use \"*\").\n");
        finish(&x, NULL);
        return 0;
    }
    memset(&q, 0, offsetof(struct query, text));
    q.retry_after = 1;
    if (n > 1 && query_read(&q, req, opt, err, sizeof err) != 0) {
        refuse_request(&x, "%s", err);
        finish(&x, NULL);
        return 0;
    }
    x.q = &q;
    for (k = 0; k < NROUTES; k++) {
        if (!match(routes[k].pattern, path, n, &x))
            continue;
        if (!method_allowed(routes[k].methods, req->method)) {
            path_known = 1;
            continue;
        }
        x.no_store = routes[k].no_store;
        r = routes[k].handler(&x);
        if (r != 0)
            return r;
        break;
    }
    if (k == NROUTES) {
        if (path_known)
            respond_wrong_method(&x, path, n);
        else if (respond_not_found(&x) != 0)
            return -1;
    }
    if (x.refused) {
        /* A refused request asks for nothing: no delay, no fields. */
        finish(&x, NULL);
        return 0;
    }
    /* ?sleep adds to a delay the handler set (/delay, X-HttpStatus-Sleep),
     * which checked that the sum is within --max-sleep. */
    res->delay_ms += q.sleep_ms;
    finish(&x, &q);
    return 0;
}

int route_respond(const struct request *req, const struct serve_options *opt,
                  long long now, uint64_t *rng, struct response *res)
{
    struct fault_list asked;

    asked.n = 0;
    if (answer(req, opt, now, rng, res, &asked) != 0)
        return -1;
    res->fault = fault_pick(&asked, opt->faults, opt->dice, &res->fault_bits);
    return 0;
}
