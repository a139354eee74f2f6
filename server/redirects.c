/* redirects.c: the redirect endpoints, in go-httpbin's shapes.
 *
 *   /redirect/{n}           302 to /relative-redirect/{n-1}, or with
 *                           ?absolute=true (any case) to
 *                           /absolute-redirect/{n-1} as an absolute URL
 *   /relative-redirect/{n}  302 to /relative-redirect/{n-1}
 *   /absolute-redirect/{n}  302 to http://HOST/absolute-redirect/{n-1}
 *   /redirect-to?url=U&status_code=S
 *                           S (300 to 399, default 302) to U
 *
 * The last step of a chain (n = 1) goes to /get. n is digits only, 1 to
 * REDIRECT_MAX; anything else is a 400. Every method is taken, as
 * go-httpbin takes them. The redirects have no content, as go-httpbin's.
 *
 * Absolute URLs: the scheme is that of an absolute-form request target,
 * else X-Forwarded-Proto (or -Protocol) when it is a URI scheme, else
 * https for X-Forwarded-Ssl: on, else https over TLS and http over TCP;
 * the authority is the absolute-form target's, else the Host field. A
 * request with neither (HTTP/1.0 without Host) gets the relative URL:
 * there is no name to build an absolute one from.
 *
 * /redirect-to: url is required and given once. Its value is
 * percent-decoded ('+' being a space, as in a form), then written back
 * as a URI reference: bytes a URI may not hold (space, '"', '<', '>',
 * '\', '^', '`', '{', '|', '}' and every byte above 0x7E) as %XX, the
 * rest as they are. A control byte, a '%' that does not start an escape,
 * a ':' after something that is not a scheme ("://x") is a 400, as is a
 * result over LOCATION_MAX bytes. Like
 * go-httpbin without -allowed-redirect-domains, any target is taken,
 * other hosts included: the server is for tests, and its clients choose
 * where they go. */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "handlers.h"
#include "server.h"

#define REDIRECT_MAX 1000u
#define LOCATION_MAX 4096

/* 1 when p[0..n) is a URI scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" /
 * "." ) (RFC 3986, Section 3.1). */
static int scheme_ok(const char *p, size_t n)
{
    size_t i;

    if (n == 0 || !is_alpha((unsigned char)p[0]))
        return 0;
    for (i = 1; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (!is_alpha(ch) && !is_digit(ch) && ch != '+' && ch != '-' &&
            ch != '.')
            return 0;
    }
    return 1;
}

/* 1 when p[0..n) may be an authority: host and port bytes of RFC 3986,
 * Section 3.2 (unreserved, sub-delims, ':', '[', ']', '%'), no '@'. */
static int authority_ok(const char *p, size_t n)
{
    size_t i;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (!is_alpha(ch) && !is_digit(ch) &&
            strchr("-._~!$&'()*+,;=:[]%", ch) == NULL)
            return 0;
    }
    return 1;
}

/* The scheme and authority of the request's own URL: 1, or 0 when it
 * has no authority. */
static int own_origin(const struct request *req, struct slice *scheme,
                      struct slice *authority)
{
    const char *t = req->target.p;
    size_t n = req->target.n, i, start;
    struct slice v;

    scheme->p = req->secure ? "https" : "http";
    scheme->n = req->secure ? 5 : 4;
    authority->p = NULL;
    authority->n = 0;
    if (t != NULL && n > 0 && t[0] != '/' && t[0] != '*') {
        /* absolute-form: the parser took only http:// and https:// */
        for (i = 0; i < n && t[i] != ':'; i++)
            ;
        scheme->p = t;
        scheme->n = i;
        start = i + 3;
        for (i = start; i < n && t[i] != '/' && t[i] != '?'; i++)
            ;
        if (start < n && authority_ok(t + start, i - start)) {
            authority->p = t + start;
            authority->n = i - start;
            return 1;
        }
    } else if ((request_field(req, "X-Forwarded-Proto", &v) > 0 ||
                request_field(req, "X-Forwarded-Protocol", &v) > 0) &&
               scheme_ok(v.p, v.n)) {
        *scheme = v;
    } else if (request_field(req, "X-Forwarded-Ssl", &v) > 0 &&
               eq_nocase(v.p, v.n, "on")) {
        scheme->p = "https";
        scheme->n = 5;
    }
    if (req->host.n == 0)
        return 0;
    *authority = req->host;
    return 1;
}

/* A 302 to the next step of a chain of n redirects (n = 0: /get). */
static int respond_chain(struct exchange *x, int absolute)
{
    const struct request *req = x->req;
    struct response *res = x->res;
    struct slice scheme, authority;
    unsigned n;
    char path[64];

    if (parse_bounded(x->arg[0].p, x->arg[0].n, REDIRECT_MAX, &n) != 0 ||
        n == 0) {
        refuse_request(x,
                       "The redirect count is a number of redirects, "
                       "digits only, from 1 to %u.",
                       REDIRECT_MAX);
        return 0;
    }
    if (n == 1)
        snprintf(path, sizeof path, "/get");
    else
        snprintf(path, sizeof path, "/%s-redirect/%u",
                 absolute ? "absolute" : "relative", n - 1);
    response_reset(res, 302);
    if (absolute && own_origin(req, &scheme, &authority))
        response_addf(res, "Location", "%.*s://%.*s%s", (int)scheme.n,
                      scheme.p, (int)authority.n, authority.p, path);
    else
        response_add(res, "Location", path);
    return 0;
}

int handle_redirect(struct exchange *x)
{
    struct slice v;

    query_param(x->req->query, "absolute", &v);
    return respond_chain(x, eq_nocase(v.p, v.n, "true"));
}

int handle_relative_redirect(struct exchange *x)
{
    return respond_chain(x, 0);
}

int handle_absolute_redirect(struct exchange *x)
{
    return respond_chain(x, 1);
}

/* Whether a byte may stand as itself in a URI reference. */
static int uri_byte(unsigned char ch)
{
    return ch > 0x20 && ch < 0x7f && strchr("\"<>\\^`{|}", ch) == NULL;
}

/* The url parameter p[0..n), raw, as a Location in out (LOCATION_MAX + 1
 * bytes): its length, or -1 with the reason in err. */
static int build_target(const char *p, size_t n, char *out, char *err,
                        size_t errsize)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i, len = 0;
    int escape = 0; /* hex digits left of a '%' escape in the decoded URL */

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '+') {
            ch = ' ';
        } else if (ch == '%') {
            int hi, lo;
            if (i + 2 >= n || (hi = hex_value((unsigned char)p[i + 1])) < 0 ||
                (lo = hex_value((unsigned char)p[i + 2])) < 0) {
                snprintf(err, errsize,
                         "url has a '%%' that is not followed "
                         "by two hexadecimal digits.");
                return -1;
            }
            ch = (unsigned char)(hi * 16 + lo);
            i += 2;
        }
        if (ch < 0x20 || ch == 0x7f) {
            snprintf(err, errsize,
                     "url may not hold control characters (CR, LF, NUL...), "
                     "decoded or not.");
            return -1;
        }
        if (escape > 0 && hex_value(ch) < 0) {
            snprintf(err, errsize,
                     "url, decoded, has a '%%' that is not followed by two "
                     "hexadecimal digits.");
            return -1;
        }
        escape = ch == '%' ? 2 : escape > 0 ? escape - 1 : 0;
        if (len + (uri_byte(ch) ? 1 : 3) > LOCATION_MAX) {
            snprintf(err, errsize, "url is longer than %d bytes.",
                     LOCATION_MAX);
            return -1;
        }
        if (uri_byte(ch)) {
            out[len++] = (char)ch;
        } else {
            out[len++] = '%';
            out[len++] = hex[ch >> 4];
            out[len++] = hex[ch & 15];
        }
    }
    if (escape > 0) {
        snprintf(err, errsize, "url, decoded, ends inside a '%%' escape.");
        return -1;
    }
    /* A ':' before any '/', '?' or '#' ends a scheme (RFC 3986, Section
     * 4.2: a relative reference's first segment has no ':'). */
    for (i = 0; i < len && strchr(":/?#", out[i]) == NULL; i++)
        ;
    if (i < len && out[i] == ':' && !scheme_ok(out, i)) {
        snprintf(err, errsize,
                 "url is neither a URL with a scheme (http://host/path) nor "
                 "a reference without one (/path): what comes before its "
                 "first ':' is no scheme.");
        return -1;
    }
    out[len] = '\0';
    return (int)len;
}

int handle_redirect_to(struct exchange *x)
{
    const struct request *req = x->req;
    struct slice url, code;
    char location[LOCATION_MAX + 1], err[256];
    int k, len, status = 302;

    k = query_param(req->query, "url", &url);
    if (k == 0 || url.n == 0) {
        refuse_request(x, "/redirect-to needs the URL to redirect to: "
                          "/redirect-to?url=/get.");
        return 0;
    }
    if (k > 1) {
        refuse_request(x, "url is given twice.");
        return 0;
    }
    k = query_param(req->query, "status_code", &code);
    if (k > 1) {
        refuse_request(x, "status_code is given twice.");
        return 0;
    }
    if (k == 1) {
        status = parse_status_code(code.p, code.n);
        if (status < 300 || status > 399) {
            refuse_request(x, "status_code must be a redirect status, three "
                              "digits from 300 to 399.");
            return 0;
        }
    }
    len = build_target(url.p, url.n, location, err, sizeof err);
    if (len < 0) {
        refuse_request(x, "%s", err);
        return 0;
    }
    response_reset(x->res, status);
    response_addn(x->res, "Location", location, (size_t)len);
    return 0;
}
