/* reference.c: the reference page at /, the registry as JSON, the index
 * and the health check.
 *
 *   /                  the page (server/page.html, embedded at build time)
 *   /codes.json        registered and unofficial entries in one array
 *                      sorted by code, in common/json.c's schema, as
 *                      `httpstatus list --all --json` prints them
 *   /codes/{code}.json one code's entry, or its entries when vendors share
 *                      it; 404 when the registry has none
 *   /index.txt         a plain-text index of the endpoints
 *   /healthz           "ok"
 *
 * The page and /codes.json do not change while the server runs: they are
 * built once (under pthread_once(), so that worker threads may ask at
 * once), carry a strong ETag and Cache-Control: no-cache, so that
 * browsers revalidate and get 304 until the binary changes. A delayed
 * response gets no-store instead (route.c adds it). The page ignores the
 * query: its script keeps its own state there (?q=teapot&class=4). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "json.h"
#include "server.h"

/* A strong entity tag for a document built once: FNV-1a of its bytes. */
static void make_etag(const char *p, size_t n, char *out, size_t size)
{
    uint64_t h = UINT64_C(14695981039346656037);
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= UINT64_C(1099511628211);
    }
    snprintf(out, size, "\"%016llx\"", (unsigned long long)h);
}

static pthread_once_t codes_once = PTHREAD_ONCE_INIT;
static char *codes_json; /* NULL when it could not be built */
static size_t codes_json_len;
static char codes_etag[24];

/* Registered and unofficial entries merged by code, registered first on
 * a tie. Runs once. */
static void codes_init(void)
{
    const struct httpstatus_info *reg, *unoff, **entries;
    size_t nreg, nunoff, n = 0, i = 0, j = 0, len = 0;
    char *text = NULL;
    FILE *f;
    int bad;

    reg = httpstatus_list(&nreg);
    unoff = httpstatus_unofficial(&nunoff);
    entries = malloc((nreg + nunoff) * sizeof *entries);
    if (entries == NULL)
        return;
    while (i < nreg || j < nunoff) {
        if (j >= nunoff || (i < nreg && reg[i].code <= unoff[j].code))
            entries[n++] = &reg[i++];
        else
            entries[n++] = &unoff[j++];
    }
    f = open_memstream(&text, &len);
    if (f != NULL) {
        json_write_entries(f, entries, n);
        bad = ferror(f);
        if (fclose(f) != 0 || bad) {
            free(text);
        } else {
            codes_json = text;
            codes_json_len = len;
            make_etag(text, len, codes_etag, sizeof codes_etag);
        }
    }
    free(entries);
}

/* If-None-Match names tag: "*", or a comma list of entity tags compared
 * weakly, as RFC 9110, Section 13.1.2 has a GET compare them. */
static int none_match(struct slice field, const char *tag)
{
    const char *p = field.p;
    size_t n = field.n, i = 0, len = strlen(tag);

    if (p == NULL)
        return 0;
    while (i < n) {
        size_t start;
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == ','))
            i++;
        if (i < n && p[i] == '*')
            return 1;
        if (i + 2 <= n && p[i] == 'W' && p[i + 1] == '/')
            i += 2;
        start = i;
        if (i < n && p[i] == '"') {
            i++;
            while (i < n && p[i] != '"')
                i++;
            if (i < n)
                i++;
        }
        if (i - start == len && memcmp(p + start, tag, len) == 0)
            return 1;
        while (i < n && p[i] != ',')
            i++;
    }
    return 0;
}

/* A document built once: 200, or 304 when If-None-Match has its tag. */
static void respond_document(struct exchange *x, const char *type,
                             const char *p, size_t n, const char *etag)
{
    struct response *res = x->res;
    int fresh = none_match(x->req->if_none_match, etag);

    response_reset(res, fresh ? 304 : 200);
    response_add(res, "ETag", etag);
    if (!(x->q != NULL && x->q->sleep_ms > 0))
        response_add(res, "Cache-Control", "no-cache");
    if (!fresh)
        response_static(res, type, p, n);
}

static pthread_once_t page_once = PTHREAD_ONCE_INIT;
static char page_etag[24];

static void page_init(void)
{
    make_etag(httpstatus__page, httpstatus__page_len, page_etag,
              sizeof page_etag);
}

int handle_page(struct exchange *x)
{
    if (pthread_once(&page_once, page_init) != 0)
        return -1;
    respond_document(x, media_type(MEDIA_HTML), httpstatus__page,
                     httpstatus__page_len, page_etag);
    return 0;
}

int handle_codes_json(struct exchange *x)
{
    if (pthread_once(&codes_once, codes_init) != 0 || codes_json == NULL)
        return -1;
    respond_document(x, "application/json", codes_json, codes_json_len,
                     codes_etag);
    return 0;
}

int handle_code_json(struct exchange *x)
{
    const struct httpstatus_info *found[16], *unoff;
    size_t n = 0, nunoff, i, len = 0;
    int code = parse_status_code(x->arg[0].p, x->arg[0].n);
    char *text = NULL;
    FILE *f;
    int bad;

    if (code < 0)
        return respond_not_found(x);
    if ((found[0] = httpstatus_get(code)) != NULL) {
        n = 1;
    } else {
        unoff = httpstatus_unofficial(&nunoff);
        for (i = 0; i < nunoff && n < 16; i++)
            if (unoff[i].code == code)
                found[n++] = &unoff[i];
    }
    if (n == 0)
        return respond_not_found(x);
    f = open_memstream(&text, &len);
    if (f == NULL)
        return -1;
    if (n == 1) {
        json_write_entry(f, found[0]);
        fputc('\n', f);
    } else {
        json_write_entries(f, found, n);
    }
    bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        free(text);
        return -1;
    }
    response_reset(x->res, 200);
    response_copy(x->res, "application/json", text, len);
    free(text);
    return 0;
}

int handle_healthz(struct exchange *x)
{
    response_reset(x->res, 200);
    response_static(x->res, media_type(MEDIA_TEXT), "ok\n", 3);
    return 0;
}

/* ----------------------------------------------------------------- index */

int respond_not_found(struct exchange *x)
{
    respond_error(x->res, x->req, 404,
                  "There is nothing at this path. GET /index.txt lists "
                  "every endpoint this server answers.\n");
    return x->res->failed ? -1 : 0;
}

int handle_index(struct exchange *x)
{
    struct buffer *b = &x->res->body;
    int r;

    response_reset(x->res, 200);
    r = buffer_puts(b, "httpstatus " HTTPSTATUS_VERSION_STRING
                       ": a test server that answers with any HTTP status "
                       "code,\nand a drop-in for httpbin, go-httpbin and "
                       "httpstat.us.\n\nEndpoints (any method unless "
                       "some are named; GET takes HEAD too):\n");
    r |= route_index(b);
    r |= buffer_printf(
        b,
        "\nQuery parameters:\n"
        "  sleep=MS           wait MS milliseconds first, 0 to %u\n"
        "  header=Name:Value  set a header field, up to %d times; the "
        "value is\n"
        "                     %%XX-decoded ('+' stays '+') and may not "
        "hold\n"
        "                     control characters\n"
        "  location=/path     the Location of 201, 300-303, 307 and 308 "
        "(default\n"
        "                     /200); a path on this server, never decoded\n"
        "  retry_after=N      the Retry-After of 429 and 503 in seconds, 0 "
        "to\n"
        "                     86400 (default 1)\n"
        "  Other parameters are the endpoint's own, or ignored (?cb=123).\n",
        x->opt->max_sleep_ms, QUERY_FIELDS_MAX);
    r |= buffer_puts(
        b, "\nBehaviour:\n"
           "  Content follows Accept: text/plain (the default), "
           "application/json or\n"
           "  text/html.\n"
           "  GET /200 and GET /206 honour one byte range (Range: "
           "bytes=0-99).\n"
           "  1xx codes send the interim response, then a final 200; "
           "HTTP/1.0 clients\n"
           "  get the 200 alone. /101 switches to the protocol "
           "\"httpstatus-test\"\n"
           "  (which closes at once) when the request asks to upgrade, and "
           "answers 426\n"
           "  otherwise.\n"
           "  OPTIONS answers CORS preflights; every response allows any "
           "origin.\n"
           "  CONNECT and TRACE get 405.\n");
    if (r != 0)
        return -1;
    response_add(x->res, "Content-Type", media_type(MEDIA_TEXT));
    return 0;
}
