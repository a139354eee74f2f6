/* caching.c: the endpoints for testing caches and conditional requests,
 * and the precondition evaluation (RFC 9110, Section 13) they share with
 * /range.
 *
 *   /cache          the /get echo with Last-Modified and ETag; 304 when
 *                   a GET or HEAD has If-Modified-Since or If-None-Match,
 *                   whatever their values (go-httpbin's rule, which
 *                   gives other methods a 304 too)
 *   /cache/{n}      the /get echo with Cache-Control: public, max-age=n
 *   /etag/{etag}    the /get echo (text/plain, as go-httpbin sends it)
 *                   whose ETag is "{etag}", with Last-Modified now: the
 *                   preconditions give 304 and 412, and Range is
 *                   honoured on GET
 *
 * Decisions:
 *
 *  - /cache's Last-Modified is an IMF-fixdate, as RFC 9110, Section 5.6.7
 *    requires (go-httpbin writes "UTC" where GMT must be), and its ETag a
 *    quoted entity-tag (RFC 9110, Section 8.8.3; go-httpbin's is a bare
 *    hex SHA-1 of the date; ours is a 64-bit FNV-1a hash of it, which is
 *    as opaque). Its 304 carries the ETag a 200 would have carried, as
 *    RFC 9110, Section 15.4.5 asks; go-httpbin's carries none.
 *  - /cache/{n}: n is digits; a value above 2^31 is sent as 2147483648,
 *    as RFC 9111, Section 1.2.2 asks of delta-seconds. Signs and other
 *    characters are a 400 (go-httpbin sends max-age=-5 for /cache/-5).
 *  - /etag/{etag}: the argument must be etagc characters as they appear
 *    in the path (0x21 and 0x23 to 0x7E; percent escapes are kept as
 *    sent, not decoded as go-httpbin decodes them), at most ETAG_MAX
 *    of them; else a 400.
 *  - Preconditions follow RFC 9110, Section 13.2.2: If-Match (strong
 *    comparison, '*' matches) then, without it, If-Unmodified-Since; then
 *    If-None-Match (weak comparison, '*' matches) then, without it and
 *    on GET and HEAD, If-Modified-Since. If-None-Match failing on another
 *    method is a 412. Every field line of a list field counts, and a
 *    malformed element ends the list (what came before it counts). A
 *    date that is not an IMF-fixdate is ignored (Section 13.1.3). If-Range
 *    (Section 13.1.5) matches an entity-tag by strong comparison, or a
 *    date equal to a Last-Modified at least a second older than now. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "date.h"
#include "echo.h"
#include "handlers.h"
#include "ranges.h"
#include "server.h"

#define ETAG_TEXT_TYPE "text/plain; charset=utf-8"
#define MAX_AGE_CAP    2147483648ull /* RFC 9111, Section 1.2.2 */
#define ETAG_MAX       256           /* bytes of /etag/{etag} */

/* ------------------------------------------------------ preconditions */

static int is_etagc(unsigned char ch)
{
    return ch == 0x21 || (ch >= 0x23 && ch <= 0x7e) || ch >= 0x80;
}

/* The entity-tag at p[*i..n): 1 with *weak and its opaque-tag (quotes
 * included) in *tag, *i past it; 0 when there is none there. */
static int scan_etag(const char *p, size_t n, size_t *i, int *weak,
                     struct slice *tag)
{
    size_t k = *i;

    *weak = 0;
    if (k + 1 < n && p[k] == 'W' && p[k + 1] == '/') {
        *weak = 1;
        k += 2;
    }
    if (k >= n || p[k] != '"')
        return 0;
    tag->p = p + k++;
    while (k < n && p[k] != '"') {
        if (!is_etagc((unsigned char)p[k]))
            return 0;
        k++;
    }
    if (k >= n)
        return 0;
    k++;
    tag->n = (size_t)(p + k - tag->p);
    *i = k;
    return 1;
}

/* Whether one list field value matches etag (a strong entity-tag,
 * quotes included): 1, or 0. */
static int list_matches(struct slice v, const char *etag, int strong)
{
    const char *p = v.p;
    size_t n = v.n, i = 0, elen = strlen(etag);

    for (;;) {
        struct slice tag;
        int weak;

        i = skip_ows(p, n, i);
        if (i < n && p[i] == ',') {
            i++;
            continue;
        }
        if (i >= n)
            return 0;
        if (p[i] == '*') {
            i = skip_ows(p, n, i + 1);
            return i >= n; /* "*" alone, not in a list */
        }
        if (!scan_etag(p, n, &i, &weak, &tag))
            return 0;
        if (!(strong && weak) && tag.n == elen &&
            memcmp(tag.p, etag, elen) == 0)
            return 1;
        i = skip_ows(p, n, i);
        if (i < n && p[i] != ',')
            return 0;
    }
}

/* Every line of the list field name: -1 when absent, else whether some
 * element matches etag. */
static int field_matches(const struct request *req, const char *name,
                         const char *etag, int strong)
{
    struct slice fname, value;
    size_t pos = 0;
    int seen = 0;

    while (request_field_next(req, &pos, &fname, &value)) {
        if (!eq_nocase(fname.p, fname.n, name))
            continue;
        seen = 1;
        if (list_matches(value, etag, strong))
            return 1;
    }
    return seen ? 0 : -1;
}

/* The date of the field name, or -1 when absent or not an IMF-fixdate. */
static long long field_date(const struct request *req, const char *name)
{
    struct slice v;

    if (request_field(req, name, &v) != 1)
        return -1; /* absent, or repeated: not a valid date */
    return http_date_parse(v.p, v.n);
}

int preconditions(struct exchange *x, const char *etag, long long modified)
{
    const struct request *req = x->req;
    int safe = eq_exact(req->method.p, req->method.n, "GET") || req->is_head;
    int m;
    long long d;

    m = field_matches(req, "If-Match", etag, 1);
    if (m == 0)
        return 412;
    if (m < 0 && modified >= 0 &&
        (d = field_date(req, "If-Unmodified-Since")) >= 0 && modified > d)
        return 412;
    m = field_matches(req, "If-None-Match", etag, 0);
    if (m == 1)
        return safe ? 304 : 412;
    if (m < 0 && safe && modified >= 0 &&
        (d = field_date(req, "If-Modified-Since")) >= 0 && modified <= d)
        return 304;
    return 0;
}

int range_honoured(struct exchange *x, const char *etag, long long modified)
{
    const struct request *req = x->req;
    struct slice v = req->if_range;
    struct slice tag;
    size_t i;
    int weak;
    long long d;

    if (!eq_exact(req->method.p, req->method.n, "GET"))
        return 0;
    if (v.p == NULL)
        return 1;
    i = 0;
    if (scan_etag(v.p, v.n, &i, &weak, &tag))
        return !weak && skip_ows(v.p, v.n, i) == v.n &&
               tag.n == strlen(etag) && memcmp(tag.p, etag, tag.n) == 0;
    d = http_date_parse(v.p, v.n);
    return d >= 0 && modified >= 0 && d == modified && modified < x->now;
}

/* ----------------------------------------------------------- handlers */

/* The echo object of /get into x->res's body, with type. 0, or -1. */
static int put_echo(struct exchange *x, const char *type)
{
    struct response *res = x->res;
    int r = echo_open(x, ECHO_REQUEST, &res->body);

    if (r != 0)
        return r < 0 ? -1 : 0;
    if (echo_close(&res->body) != 0)
        return -1;
    response_add(res, "Content-Type", type);
    return 0;
}

int handle_cache(struct exchange *x)
{
    struct response *res = x->res;
    struct slice v;
    char date[HTTP_DATE_SIZE], etag[24];
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    size_t i;

    http_date(x->now, date, sizeof date);
    for (i = 0; date[i]; i++)
        h = (h ^ (unsigned char)date[i]) * UINT64_C(0x100000001b3);
    snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)h);
    /* As go-httpbin: either field makes a 304, but only for GET and HEAD
     * (RFC 9110, Sections 13.1.3 and 15.4.5: no 304 to other methods). */
    if ((x->req->is_head ||
         eq_exact(x->req->method.p, x->req->method.n, "GET")) &&
        (request_field(x->req, "If-Modified-Since", &v) > 0 ||
         request_field(x->req, "If-None-Match", &v) > 0)) {
        response_reset(res, 304);
        response_add(res, "ETag", etag);
        return 0;
    }
    response_add(res, "Last-Modified", date);
    response_add(res, "ETag", etag);
    return put_echo(x, HTTPBIN_JSON);
}

int handle_cache_control(struct exchange *x)
{
    const char *p = x->arg[0].p;
    size_t n = x->arg[0].n, i;
    unsigned long long v = 0;

    for (i = 0; i < n; i++) {
        if (!is_digit((unsigned char)p[i])) {
            refuse_request(x, "/cache/{n} takes a number of seconds, "
                              "digits only, as in /cache/60.");
            return 0;
        }
        v = v * 10 + (unsigned)(p[i] - '0');
        if (v > MAX_AGE_CAP)
            v = MAX_AGE_CAP;
    }
    response_addf(x->res, "Cache-Control", "public, max-age=%llu", v);
    return put_echo(x, HTTPBIN_JSON);
}

int handle_etag(struct exchange *x)
{
    struct response *res = x->res;
    const char *p = x->arg[0].p;
    size_t n = x->arg[0].n, i;
    char etag[ETAG_MAX + 3], date[HTTP_DATE_SIZE];
    int pre;

    if (n > ETAG_MAX) {
        refuse_request(x, "/etag/{etag} takes at most %d characters.",
                       ETAG_MAX);
        return 0;
    }
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (!(ch == 0x21 || (ch >= 0x23 && ch <= 0x7e))) {
            refuse_request(x, "/etag/{etag} takes an entity-tag's "
                              "characters: visible ASCII but '\"'.");
            return 0;
        }
    }
    snprintf(etag, sizeof etag, "\"%.*s\"", (int)n, p);
    http_date(x->now, date, sizeof date);
    pre = preconditions(x, etag, x->now);
    if (pre == 304) {
        response_reset(res, 304);
        response_add(res, "ETag", etag);
        return 0;
    }
    if (pre == 412) {
        respond_error(res, x->req, 412,
                      "A precondition failed: If-Match names no current "
                      "entity-tag of this resource (its ETag field), or "
                      "If-None-Match names it on a method that changes "
                      "state, or If-Unmodified-Since is before its "
                      "Last-Modified.\n");
        response_add(res, "ETag", etag);
        return 0;
    }
    response_add(res, "Accept-Ranges", "bytes");
    response_add(res, "ETag", etag);
    response_add(res, "Last-Modified", date);
    if (put_echo(x, ETAG_TEXT_TYPE) != 0)
        return -1;
    if (res->status != 200)
        return 0; /* the echo refused the request */
    return ranges_respond(x, ETAG_TEXT_TYPE, range_honoured(x, etag, x->now));
}
