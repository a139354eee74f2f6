/* fetch.c: check URL's requests, on libcurl (fetch.h).
 *
 * What the linter needs is the response as it came: so the head is taken
 * line by line from the header callback, as libcurl received it (over
 * HTTP/2, libcurl writes the status as "HTTP/2 200", a form the linter
 * knows), and the content from the write callback with libcurl's own
 * decoding off. Transfer decoding off keeps chunked framing, so that the
 * content is what the framing says it is, and Content-Length is compared
 * only where there is no Transfer-Encoding; no Accept-Encoding is sent but
 * by the gzip probe, and content codings are never undone, so Content-
 * Length always counts the bytes received. libcurl still reads the
 * framing to find the end of the content.
 *
 * Redirects are followed here, not by libcurl, so that each hop is an
 * exchange of its own, checked on its own, and a loop is seen as one. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "httpstatus.h"

void fetch_exchange_free(struct probe_exchange *ex)
{
    if (ex == NULL)
        return;
    free((char *)ex->url);
    free((char *)ex->location);
    free(ex);
}

#ifdef HTTPSTATUS_HAVE_CURL

#include <curl/curl.h>

#define CONNECT_TIMEOUT 10.0              /* seconds, at most */
#define HEAD_MAX        ((size_t)1 << 20) /* bytes of heads, at most */
#define USER_AGENT      "httpstatus/" HTTPSTATUS_VERSION_STRING " (check)"

int fetch_supported(void)
{
    return 1;
}

/* What one transfer received. */
struct transfer {
    char *data;
    size_t len, cap;
    size_t head;    /* where the latest status line starts */
    size_t content; /* where the content starts */
    int in_head;    /* the next header line belongs to the current head */
    int body;       /* content has begun: header lines are trailers */
    int cut;        /* content past FETCH_CONTENT_MAX was refused */
    int too_big;    /* the heads passed HEAD_MAX */
};

static void append(struct transfer *t, const char *p, size_t n)
{
    if (t->len + n > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->len + n)
            cap *= 2;
        t->data = lint_realloc(t->data, cap);
        t->cap = cap;
    }
    memcpy(t->data + t->len, p, n);
    t->len += n;
}

/* Every line of every head, as received, its line end included; the
 * empty line ends a head. */
static size_t on_header(char *p, size_t size, size_t nitems, void *arg)
{
    struct transfer *t = arg;
    size_t n = size * nitems;

    /* A trailer section: with transfer decoding off, its bytes are in
     * the content already. */
    if (t->body)
        return n;
    if (!t->in_head) {
        t->head = t->len;
        t->in_head = 1;
    }
    if (t->len + n > HEAD_MAX) {
        t->too_big = 1;
        return 0;
    }
    append(t, p, n);
    if ((n == 2 && p[0] == '\r' && p[1] == '\n') || (n == 1 && p[0] == '\n')) {
        t->in_head = 0;
        t->content = t->len;
    }
    return n;
}

static size_t on_write(char *p, size_t size, size_t nmemb, void *arg)
{
    struct transfer *t = arg;
    size_t n = size * nmemb, room;

    if (!t->body) {
        t->body = 1;
        t->content = t->len;
    }
    room = FETCH_CONTENT_MAX - (t->len - t->content);
    if (n > room) {
        append(t, p, room);
        t->cut = 1;
        return 0; /* stops the transfer: the rest is not needed */
    }
    append(t, p, n);
    return n;
}

/* What went wrong, for a person: libcurl's detail follows. A table, not
 * a switch: libcurl has many more codes, none of which needs words of
 * its own. */
static const struct {
    CURLcode rc;
    const char *why;
} reasons[] = {
    {CURLE_COULDNT_RESOLVE_HOST, "the host name does not resolve"},
    {CURLE_COULDNT_RESOLVE_PROXY, "the proxy's host name does not resolve"},
    {CURLE_COULDNT_CONNECT, "no connection: refused, or no route to it"},
    {CURLE_OPERATION_TIMEDOUT,
     "no complete response within the time allowed (--timeout)"},
    {CURLE_PEER_FAILED_VERIFICATION,
     ("the server's certificate is not trusted (--cacert FILE trusts its "
      "issuer, --pinnedpubkey its key, --insecure anything)")},
    {CURLE_SSL_PINNEDPUBKEYNOTMATCH,
     "the server's public key does not match --pinnedpubkey"},
    {CURLE_SSL_CONNECT_ERROR, "the TLS handshake failed"},
    {CURLE_SSL_CACERT_BADFILE,
     "the --cacert file cannot be read as PEM certificates"},
    {CURLE_GOT_NOTHING, "the server closed the connection without a response"},
    {CURLE_PARTIAL_FILE, "the connection ended before the content did"},
    {CURLE_RECV_ERROR, "the connection failed"},
    {CURLE_SEND_ERROR, "the connection failed"},
    {CURLE_HTTP2, "an HTTP/2 error"},
    {CURLE_HTTP2_STREAM, "an HTTP/2 error"},
    {CURLE_UNSUPPORTED_PROTOCOL, "not a protocol that check speaks"},
    {CURLE_URL_MALFORMAT, "not a valid URL"},
    {CURLE_WEIRD_SERVER_REPLY, "the response cannot be read as HTTP"},
};

static const char *explain(CURLcode rc)
{
    size_t k;

    for (k = 0; k < sizeof reasons / sizeof reasons[0]; k++)
        if (reasons[k].rc == rc)
            return reasons[k].why;
    return NULL;
}

/* s with every byte outside SP..'~' written %XX: a redirect's target and
 * an ETag come from the server, and input names reach a terminal and
 * JSON as they are. */
static char *printable(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = lint_realloc(NULL, strlen(s) * 3 + 1), *o = out;

    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch < 0x7f) {
            *o++ = (char)ch;
        } else {
            *o++ = '%';
            *o++ = hex[ch >> 4];
            *o++ = hex[ch & 15];
        }
    }
    *o = '\0';
    return out;
}

/* Sets what every request of check shares, once: curl_easy_reset()
 * between requests would be simpler, but libcurl 7.88 then loses the
 * cookie engine's file list. */
static void set_common(CURL *curl, const struct fetch_options *o, char *errbuf)
{
    long total = (long)(o->timeout * 1000.0 + 0.5);
    long connect = (long)(CONNECT_TIMEOUT * 1000.0);

    if (connect > total)
        connect = total;
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS,
                     (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(curl, CURLOPT_HTTP_TRANSFER_DECODING, 0L);
    curl_easy_setopt(curl, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(curl, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, connect);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, total);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, USER_AGENT);
    /* Cookies set along a redirect chain go back, as a browser's would:
     * a login that sets a cookie and redirects to itself is no loop. */
    curl_easy_setopt(curl, CURLOPT_COOKIEFILE, "");
    switch (o->http) {
    case FETCH_HTTP_ANY:
        curl_easy_setopt(curl, CURLOPT_HTTP_VERSION,
                         (long)CURL_HTTP_VERSION_2TLS);
        break;
    case FETCH_HTTP1:
        curl_easy_setopt(curl, CURLOPT_HTTP_VERSION,
                         (long)CURL_HTTP_VERSION_1_1);
        break;
    case FETCH_HTTP2:
        /* Set for each URL in exchange(): ALPN over TLS, else prior
         * knowledge. */
        break;
    }
    if (o->cacert)
        curl_easy_setopt(curl, CURLOPT_CAINFO, o->cacert);
    if (o->pin) {
        /* The pin is the trust: whoever signed the certificate, and
         * whatever name it has, the key must be this one. */
        curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, o->pin);
        if (!o->cacert) {
            curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
            curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
        }
    }
    if (o->insecure) {
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    }
}

static int is_https(const char *url)
{
    static const char scheme[] = "https://";
    size_t i;

    for (i = 0; i < sizeof scheme - 1; i++)
        if (url[i] == '\0' || (url[i] | 0x20) != scheme[i])
            return 0;
    return 1;
}

/* What the input is called: the URL, and what a probe changed. */
static char *input_name(enum probe_kind kind, const char *url,
                        const char *field)
{
    char *u = printable(url), *f = printable(field ? field : "");
    char *name = NULL;

    switch (kind) {
    case PROBE_HEAD:
        name = lint_printf("%s (HEAD)", u);
        break;
    case PROBE_IF_NONE_MATCH:
    case PROBE_IF_MODIFIED_SINCE:
    case PROBE_RANGE:
    case PROBE_GZIP:
        name = lint_printf("%s (%s)", u, f);
        break;
    case PROBE_PLAIN:
        name = lint_printf("%s", u);
        break;
    }
    free(u);
    free(f);
    return name;
}

/* One request; adds its result to *out. Returns NULL, or why it failed. */
static char *exchange(CURL *curl, const struct fetch_options *o, char *errbuf,
                      const char *url, const char *method, const char *field,
                      enum probe_kind kind, struct fetch_result **out,
                      size_t *n)
{
    struct transfer t;
    struct curl_slist *fields = NULL;
    struct fetch_result *res;
    struct probe_exchange *ex;
    CURLcode rc;
    long code = 0, version = 0;
    char *effective = NULL, *location = NULL;
    const char *what;

    memset(&t, 0, sizeof t);
    errbuf[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    if (o->http == FETCH_HTTP2)
        curl_easy_setopt(curl, CURLOPT_HTTP_VERSION,
                         is_https(url)
                             ? (long)CURL_HTTP_VERSION_2TLS
                             : (long)CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE);
    /* What the previous request set goes: GET, then the method. */
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, (char *)NULL);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    else if (strcmp(method, "GET") != 0)
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (field) {
        fields = curl_slist_append(NULL, field);
        if (fields == NULL) {
            fputs("httpstatus: check: out of memory\n", stderr);
            exit(2);
        }
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, fields);
    rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
    curl_slist_free_all(fields);
    if (rc == CURLE_WRITE_ERROR && t.cut)
        rc = CURLE_OK;
    what = kind == PROBE_PLAIN ? "cannot fetch"
           : kind == PROBE_HEAD
               ? "the HEAD request of check --probe failed for"
               : "a request of check --probe failed for";
    if (rc != CURLE_OK || t.too_big || t.len == 0 || t.in_head) {
        const char *why = explain(rc);
        char *u = printable(url), *msg;
        if (t.too_big)
            msg = lint_printf("%s %s: its header section is over %zu bytes",
                              what, u, HEAD_MAX);
        else if (rc == CURLE_OK)
            msg = lint_printf("%s %s: the response has no complete head", what,
                              u);
        else if (why && errbuf[0])
            msg = lint_printf("%s %s: %s (%s)", what, u, why, errbuf);
        else
            msg = lint_printf("%s %s: %s", what, u,
                              errbuf[0] ? errbuf
                              : why     ? why
                                        : curl_easy_strerror(rc));
        free(u);
        if (rc != CURLE_OK && o->http == FETCH_HTTP2 && !is_https(url)) {
            char *more = lint_printf("%s; --http2 over http:// needs a "
                                     "server that speaks HTTP/2 there (h2c) "
                                     "without being asked",
                                     msg);
            free(msg);
            msg = more;
        }
        if (field && rc != CURLE_OK) {
            char *f = printable(field);
            char *more = lint_printf("%s; the request had \"%s\"", msg, f);
            free(f);
            free(msg);
            msg = more;
        }
        free(t.data);
        return msg;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(curl, CURLINFO_HTTP_VERSION, &version);
    if (o->http == FETCH_HTTP2 && version != (long)CURL_HTTP_VERSION_2_0) {
        char *u = printable(url), *msg;
        free(t.data);
        msg = lint_printf("%s %s: the server did not agree to HTTP/2 "
                          "(--http2): it answered in HTTP/1.x",
                          what, u);
        free(u);
        return msg;
    }
    {
        char *s = NULL;
        if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK &&
            s)
            effective = lint_printf("%s", s);
        s = NULL;
        if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &s) == CURLE_OK &&
            s)
            location = lint_printf("%s", s);
    }
    if (t.content < t.head || t.content > t.len)
        t.content = t.len;

    ex = lint_realloc(NULL, sizeof *ex);
    memset(ex, 0, sizeof *ex);
    ex->kind = kind;
    ex->url = effective ? effective : lint_printf("%s", url);
    ex->location = location;
    ex->code = (int)code;
    ex->data = t.data;
    ex->len = t.len;
    ex->head = t.head;
    ex->content = t.content;
    ex->cut = t.cut;
    *out = lint_realloc(*out, (*n + 1) * sizeof **out);
    res = &(*out)[(*n)++];
    res->name = input_name(kind, kind == PROBE_PLAIN ? url : ex->url, field);
    res->method = lint_printf("%s", method);
    res->data = t.data;
    res->len = t.len;
    res->ex = ex;
    return NULL;
}

/* The method of the request a redirect leads to (RFC 9110, Section
 * 15.4): GET after 303, and after 301 and 302 to a POST, as browsers
 * do; the same method otherwise. */
static const char *redirect_method(int code, const char *method)
{
    if (strcmp(method, "HEAD") == 0)
        return method;
    if (code == 303 ||
        ((code == 301 || code == 302) && strcmp(method, "POST") == 0))
        return "GET";
    return method;
}

static void free_results(struct fetch_result *r, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(r[i].name);
        free(r[i].method);
        free(r[i].data);
        fetch_exchange_free(r[i].ex);
    }
    free(r);
}

char *fetch_url(const struct fetch_options *o, const char *url,
                struct fetch_result **out, size_t *n)
{
    static int initialised;
    static const enum probe_kind probes[] = {
        PROBE_IF_NONE_MATCH, PROBE_IF_MODIFIED_SINCE, PROBE_RANGE, PROBE_HEAD,
        PROBE_GZIP};
    struct fetch_result *res = NULL;
    struct probe_exchange *chain = NULL;
    const char *method = o->method ? o->method : "GET";
    const char *target = url;
    size_t count = 0, plain, k;
    char *err = NULL, errbuf[CURL_ERROR_SIZE];
    CURL *curl;

    *out = NULL;
    *n = 0;
    if (!initialised) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return lint_printf("cannot fetch %s: libcurl does not start", url);
        initialised = 1;
    }
    curl = curl_easy_init();
    if (curl == NULL)
        return lint_printf("cannot fetch %s: libcurl does not start", url);
    set_common(curl, o, errbuf);

    /* The request, and its redirects. */
    for (;;) {
        enum probe_next next;
        err = exchange(curl, o, errbuf, target, method, NULL, PROBE_PLAIN,
                       &res, &count);
        if (err)
            break;
        if (!o->follow)
            break;
        chain = lint_realloc(chain, count * sizeof *chain);
        for (k = 0; k < count; k++)
            chain[k] = *res[k].ex;
        next = probe_next(chain, count, &target);
        if (next != PROBE_NEXT_FOLLOW)
            break;
        method = redirect_method(chain[count - 1].code, method);
    }
    free(chain);

    /* The probes, on where the chain ended. */
    plain = count;
    for (k = 0; !err && o->probe && k < sizeof probes / sizeof probes[0];
         k++) {
        const struct probe_exchange *end = res[plain - 1].ex;
        char *field = NULL;
        if (probe_plan(probes[k], end, &field))
            err = exchange(curl, o, errbuf, end->url,
                           probes[k] == PROBE_HEAD ? "HEAD" : "GET", field,
                           probes[k], &res, &count);
        free(field);
    }
    curl_easy_cleanup(curl);
    if (err) {
        free_results(res, count);
        return err;
    }
    *out = res;
    *n = count;
    return NULL;
}

#else /* no libcurl */

int fetch_supported(void)
{
    return 0;
}

char *fetch_url(const struct fetch_options *o, const char *url,
                struct fetch_result **out, size_t *n)
{
    (void)o;
    *out = NULL;
    *n = 0;
    return lint_printf("cannot fetch %s: this httpstatus was built without "
                       "libcurl, so check reads files only",
                       url);
}

#endif
