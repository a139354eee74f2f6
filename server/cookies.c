/* cookies.c: the cookie endpoints.
 *
 *   /cookies                  the request's cookies as JSON:
 *                             {"name": "value", ...}, as go-httpbin
 *   /cookies/set?a=1&b=2      302 to /cookies, with one Set-Cookie each
 *   /cookies/delete?a&b       302 to /cookies, with a Set-Cookie each
 *                             that expires the cookie at once
 *
 * Reading. Every Cookie field line counts (RFC 6265, Section 5.4 has a
 * user agent send one, but a client may split them, as HTTP/2 does).
 * Each value is cut at ';' into pairs, with spaces and tabs around each
 * pair ignored, so "a=1;b=2" and "a=1 ;  b=2" read like the "a=1; b=2"
 * of RFC 6265, Section 4.2.1. A pair is read when it is a token, '=' and
 * a cookie-value: cookie-octets, or cookie-octets in double quotes,
 * which stay part of the value, as a user agent stores them (RFC 6265,
 * Section 5.2). Anything else is skipped, not refused: one bad cookie
 * must not hide the others. When a name comes twice, the later pair
 * wins; the names come out sorted by their bytes.
 *
 * Setting. The query's parameters are percent-decoded ('+' stays a plus
 * sign, as everywhere on this server); each must then be a token for
 * the name and cookie-octets for the value (RFC 6265, Section 4.1.1:
 * no control characters, spaces, DQUOTE, ',', ';', '\' or bytes above
 * 0x7E), or the request is refused with a 400 that says which parameter
 * is wrong: a cookie the server cannot send as asked is not sent
 * altered. The first value of a repeated name is the one set. The
 * parameters every endpoint reads (sleep, location, retry_after, header)
 * keep their meaning and set no cookie. Each cookie is sent as
 * "name=value; Path=/; HttpOnly": Path=/ so that /cookies, and every
 * other path, sees it (without it, the default path would be
 * "/cookies"), and HttpOnly as go-httpbin sends it. No Secure, since
 * this server speaks plain HTTP, and no SameSite, which RFC 6265 does
 * not define.
 *
 * Deleting sends "name=; Path=/; Expires=<a year ago>; HttpOnly" for
 * each name: the same name and path, so that it replaces the cookie
 * (RFC 6265, Section 5.3, step 11), then expires it. There is no
 * Max-Age=0: the grammar of Section 4.1.1, which servers SHOULD follow,
 * has Max-Age start with a nonzero digit, and an Expires in the past is
 * the way Section 3.1 gives to remove a cookie.
 *
 * Both redirects are empty 302s to /cookies, so that a client that
 * follows them shows the cookies it now holds. */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "date.h"
#include "handlers.h"
#include "json.h"
#include "server.h"

#define COOKIES_SET_MAX  20   /* cookies set or deleted by one request */
#define COOKIES_TEXT_MAX 4096 /* bytes of their names and values */
#define DELETE_AGE       (365LL * 24 * 3600) /* Expires this long ago */
#define SET_ATTRIBUTES   "; Path=/; HttpOnly"
#define LOCATION         "/cookies"

/* ---------------------------------------------------------- the grammar */

int cookie_name_ok(const char *p, size_t n)
{
    size_t i;

    if (p == NULL || n == 0)
        return 0;
    for (i = 0; i < n; i++)
        if (!is_tchar((unsigned char)p[i]))
            return 0;
    return 1;
}

/* cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
static int is_cookie_octet(unsigned char ch)
{
    return ch >= 0x21 && ch <= 0x7e && ch != '"' && ch != ',' && ch != ';' &&
           ch != '\\';
}

int cookie_value_ok(const char *p, size_t n)
{
    size_t i;

    if (p == NULL)
        return n == 0;
    for (i = 0; i < n; i++)
        if (!is_cookie_octet((unsigned char)p[i]))
            return 0;
    return 1;
}

/* A cookie-value: cookie-octets, bare or in double quotes. */
static int cookie_value_or_quoted(const char *p, size_t n)
{
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"')
        return cookie_value_ok(p + 1, n - 2);
    return cookie_value_ok(p, n);
}

int cookie_next(const char *p, size_t n, size_t *pos, struct slice *name,
                struct slice *value)
{
    size_t i;

    if (p == NULL || pos == NULL || name == NULL || value == NULL || *pos >= n)
        return 0;
    i = *pos;
    while (i < n) {
        size_t start = skip_ows(p, n, i), end, eq;

        for (end = start; end < n && p[end] != ';'; end++)
            ;
        i = end < n ? end + 1 : n;
        while (end > start && is_ows((unsigned char)p[end - 1]))
            end--;
        for (eq = start; eq < end && p[eq] != '='; eq++)
            ;
        if (eq == end || !cookie_name_ok(p + start, eq - start) ||
            !cookie_value_or_quoted(p + eq + 1, end - eq - 1))
            continue;
        name->p = p + start;
        name->n = eq - start;
        value->p = p + eq + 1;
        value->n = end - eq - 1;
        *pos = i;
        return 1;
    }
    *pos = n;
    return 0;
}

/* ------------------------------------------------------------- /cookies */

struct pair {
    struct slice name, value;
    size_t order; /* where it came in the request */
};

/* By name, bytewise, then by order. */
static int pair_cmp(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    size_t n = x->name.n < y->name.n ? x->name.n : y->name.n;
    int c = memcmp(x->name.p, y->name.p, n);

    if (c != 0)
        return c;
    if (x->name.n != y->name.n)
        return x->name.n < y->name.n ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int same_name(const struct pair *a, const struct pair *b)
{
    return a->name.n == b->name.n &&
           memcmp(a->name.p, b->name.p, a->name.n) == 0;
}

/* Reads the pairs of every Cookie line into pairs (when not NULL) and
 * returns how many there are. */
static size_t read_pairs(const struct request *req, struct pair *pairs)
{
    struct slice fname, fvalue, name, value;
    size_t pos = 0, count = 0, at;

    while (request_field_next(req, &pos, &fname, &fvalue)) {
        if (!eq_nocase(fname.p, fname.n, "Cookie"))
            continue;
        at = 0;
        while (cookie_next(fvalue.p, fvalue.n, &at, &name, &value)) {
            if (pairs != NULL) {
                pairs[count].name = name;
                pairs[count].value = value;
                pairs[count].order = count;
            }
            count++;
        }
    }
    return count;
}

int handle_cookies(struct exchange *x)
{
    struct buffer *b = &x->res->body;
    struct pair *pairs = NULL;
    size_t count = read_pairs(x->req, NULL), k;
    int r, first = 1;

    if (count > 0) {
        pairs = malloc(count * sizeof *pairs);
        if (pairs == NULL)
            return -1;
        read_pairs(x->req, pairs);
        qsort(pairs, count, sizeof *pairs, pair_cmp);
    }
    response_reset(x->res, 200);
    r = buffer_puts(b, "{");
    for (k = 0; k < count; k++) {
        /* Of the pairs with one name, sorted by order, the last wins. */
        if (k + 1 < count && same_name(&pairs[k], &pairs[k + 1]))
            continue;
        if (!first)
            r |= buffer_puts(b, ", ");
        first = 0;
        r |= json_escape(b, pairs[k].name.p, pairs[k].name.n);
        r |= buffer_puts(b, ": ");
        r |= json_escape(b, pairs[k].value.p, pairs[k].value.n);
    }
    r |= buffer_puts(b, "}\n");
    free(pairs);
    if (r != 0)
        return -1;
    response_add(x->res, "Content-Type", HTTPBIN_JSON);
    return 0;
}

/* ------------------------------------------------- /cookies/set, delete */

/* Percent-decodes p[0..n) to out (which has room for n bytes): the
 * decoded length, or -1 for a '%' without two hex digits after it. */
static long percent_decode(const char *p, size_t n, char *out)
{
    size_t i, len = 0;

    for (i = 0; i < n; i++) {
        int hi, lo;
        if (p[i] != '%') {
            out[len++] = p[i];
            continue;
        }
        if (i + 2 >= n || (hi = hex_value((unsigned char)p[i + 1])) < 0 ||
            (lo = hex_value((unsigned char)p[i + 2])) < 0)
            return -1;
        out[len++] = (char)(hi * 16 + lo);
        i += 2;
    }
    return (long)len;
}

/* The parameters that query.c reads for every endpoint. */
static int is_common_param(const char *p, size_t n)
{
    return eq_exact(p, n, "sleep") || eq_exact(p, n, "location") ||
           eq_exact(p, n, "retry_after") || eq_exact(p, n, "header");
}

/* /cookies/set (deleting 0) and /cookies/delete (1): one Set-Cookie per
 * distinct name in the query, then the redirect. */
static int set_cookies(struct exchange *x, int deleting)
{
    const char *p = x->req->query.p;
    size_t n = x->req->query.n, i = 0, param = 0, count = 0, total = 0;
    size_t budget = COOKIES_TEXT_MAX, k;
    /* Decoded names, kept to find repeats: at most the query's size. */
    char names[REQUEST_LINE_MAX], value[REQUEST_LINE_MAX];
    size_t name_at[COOKIES_SET_MAX], name_len[COOKIES_SET_MAX], used = 0;
    char expires[HTTP_DATE_SIZE];

    if (x->q != NULL && x->q->text_len < RESPONSE_TEXT_MAX / 2)
        budget = RESPONSE_TEXT_MAX / 2 - x->q->text_len;
    if (budget > COOKIES_TEXT_MAX)
        budget = COOKIES_TEXT_MAX;
    response_reset(x->res, 302);
    http_date(x->now - DELETE_AGE, expires, sizeof expires);
    while (p != NULL && i < n) {
        size_t start = i, end, eq, vn = 0;
        long len, vlen = 0;
        char *name = names + used;
        int repeat = 0;

        while (i < n && p[i] != '&')
            i++;
        end = i++;
        if (end == start)
            continue; /* "a=1&&b=2" */
        param++;
        for (eq = start; eq < end && p[eq] != '='; eq++)
            ;
        if (is_common_param(p + start, eq - start))
            continue;
        if (eq - start > sizeof names - used || end - eq > sizeof value) {
            refuse_request(x, "The query is too long.");
            return 0;
        }
        len = percent_decode(p + start, eq - start, name);
        if (eq < end)
            vlen = percent_decode(p + eq + 1, end - eq - 1, value);
        if (len < 0 || vlen < 0) {
            refuse_request(x,
                           "Parameter %zu of the query has a '%%' that is "
                           "not followed by two hexadecimal digits.",
                           param);
            return 0;
        }
        if (!cookie_name_ok(name, (size_t)len)) {
            refuse_request(x,
                           "Parameter %zu of the query does not name a "
                           "cookie: a cookie name is a token (letters, "
                           "digits and !#$%%&'*+-.^_`|~ only), once "
                           "percent-decoded.",
                           param);
            return 0;
        }
        vn = (size_t)vlen;
        for (k = 0; k < count; k++)
            if (name_len[k] == (size_t)len &&
                memcmp(names + name_at[k], name, (size_t)len) == 0)
                repeat = 1;
        if (repeat)
            continue; /* the first value of a name is the one set */
        if (!deleting && !cookie_value_ok(value, vn)) {
            refuse_request(x,
                           "The value of parameter %zu of the query is not "
                           "a cookie value: once percent-decoded, it may "
                           "hold visible ASCII characters but for \", ',', "
                           "';' and '\\' (RFC 6265, Section 4.1.1), so no "
                           "spaces or control characters.",
                           param);
            return 0;
        }
        if (count == COOKIES_SET_MAX) {
            refuse_request(x, "At most %d cookies can be %s at once.",
                           COOKIES_SET_MAX, deleting ? "deleted" : "set");
            return 0;
        }
        total += (size_t)len + (deleting ? 0 : vn);
        if (total > budget) {
            refuse_request(x,
                           "The cookies' names and values are too long to "
                           "send back: at most %zu bytes in all.",
                           budget);
            return 0;
        }
        name_at[count] = used;
        name_len[count++] = (size_t)len;
        used += (size_t)len;
        if (deleting)
            response_addf(x->res, "Set-Cookie",
                          "%.*s=; Path=/; Expires=%s; HttpOnly", (int)len,
                          name, expires);
        else
            response_addf(x->res, "Set-Cookie", "%.*s=%.*s" SET_ATTRIBUTES,
                          (int)len, name, (int)vn, value);
    }
    response_add(x->res, "Location", LOCATION);
    return x->res->failed ? -1 : 0;
}

int handle_cookies_set(struct exchange *x)
{
    return set_cookies(x, 0);
}

int handle_cookies_delete(struct exchange *x)
{
    return set_cookies(x, 1);
}
