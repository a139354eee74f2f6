/* query.c: the query parameters every endpoint understands (struct
 * query), and the lookups handlers use for their own.
 *
 * The raw query is never decoded as a whole. sleep=MS (digits, at most
 * the server's --max-sleep) delays the response; location=/path is the
 * Location of the codes that send one: a local absolute path (one '/'
 * first, not "//"), at most LOCATION_MAX bytes of RFC 3986 pchar, '/'
 * and '?', whose percent escapes must be well formed and are never
 * decoded, so "%0d%0a" stays six harmless characters; retry_after=N is
 * the Retry-After of 429 and 503, 0 to RETRY_AFTER_MAX seconds;
 * header=Name:Value sets a response field, at most QUERY_FIELDS_MAX
 * times: its value is percent-decoded (%XX; '+' stays a plus sign, write
 * a space as %20), then split at the first ':'. The name must be a token;
 * the value, stripped of spaces and tabs around it, may hold only visible
 * ASCII, SP and HTAB, so a decoded CR, LF, NUL or other control byte is a
 * 400; the framing and hop-by-hop fields are refused. A parameter given
 * twice (but header) is a 400, and so is a bad value; a parameter the
 * server does not know is ignored, as cache-busters and tracking
 * parameters must be. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "form.h"
#include "server.h"

#define LOCATION_MAX        1024
#define RETRY_AFTER_MAX     86400u
#define RETRY_AFTER_DEFAULT 1u

int parse_bounded(const char *p, size_t n, unsigned max, unsigned *out)
{
    uint64_t v = 0;
    size_t i;

    if (p == NULL || n == 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (!is_digit((unsigned char)p[i]))
            return -1;
        v = v * 10 + (uint64_t)(p[i] - '0');
        if (v > max)
            return -1;
    }
    *out = (unsigned)v;
    return 0;
}

int query_param(struct slice query, const char *name, struct slice *value)
{
    const char *p = query.p;
    size_t n = query.n, i = 0;
    int count = 0;

    value->p = NULL;
    value->n = 0;
    if (p == NULL)
        return 0;
    while (i < n) {
        size_t start = i, end, eq;

        while (i < n && p[i] != '&')
            i++;
        end = i++;
        for (eq = start; eq < end && p[eq] != '='; eq++)
            ;
        if (eq_exact(p + start, eq - start, name)) {
            value->p = eq < end ? p + eq + 1 : p + end;
            value->n = eq < end ? end - eq - 1 : 0;
            count++;
        }
    }
    return count;
}

static int is_pchar_or_slash(int ch)
{
    return is_alpha(ch) || is_digit(ch) ||
           (ch != '\0' && strchr("-._~!$&'()*+,;=:@/?", ch) != NULL);
}

static int location_ok(const char *p, size_t n)
{
    size_t i;

    if (n == 0 || n > LOCATION_MAX || p[0] != '/' || (n > 1 && p[1] == '/'))
        return 0;
    for (i = 0; i < n; i++) {
        if (p[i] == '%') {
            if (i + 2 >= n || hex_value((unsigned char)p[i + 1]) < 0 ||
                hex_value((unsigned char)p[i + 2]) < 0)
                return 0;
            i += 2;
        } else if (!is_pchar_or_slash((unsigned char)p[i])) {
            return 0;
        }
    }
    return 1;
}

/* Fields a client may not have a response carry (?header, and
 * X-HttpStatus-Response-*): the framing and hop-by-hop ones, which are
 * the writer's alone. Any other replaces the server's own. */
static const char *const refused_fields[] = {
    "Content-Length",  "Transfer-Encoding",
    "Connection",      "Keep-Alive",
    "Upgrade",         "TE",
    "Trailer",         "Host",
    "Proxy-Connection"};

const char *field_refused(const char *name, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof refused_fields / sizeof refused_fields[0]; i++)
        if (eq_nocase(name, n, refused_fields[i]))
            return refused_fields[i];
    return NULL;
}

int field_value_ok(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (!(ch == ' ' || ch == '\t' || (ch >= 0x21 && ch <= 0x7e)))
            return 0;
    }
    return 1;
}

/* Decodes and checks one ?header value, p[0..n) raw from the query. */
static int parse_header_param(struct query *q, const char *p, size_t n,
                              char *err, size_t errsize)
{
    char *d = q->text + q->text_len;
    size_t i, len, colon, start, end;
    struct query_field *f;
    long r;

    if (q->nfields == QUERY_FIELDS_MAX) {
        snprintf(err, errsize, "At most %d header parameters are allowed.",
                 QUERY_FIELDS_MAX);
        return -1;
    }
    if (n > sizeof q->text - q->text_len) {
        snprintf(err, errsize, "The header parameters are too long.");
        return -1;
    }
    /* Decoded, it is no longer than n: it fits. */
    r = percent_decode(p, n, d, n, 0);
    if (r < 0) {
        snprintf(err, errsize,
                 "A header parameter has a '%%' that is not followed by two "
                 "hexadecimal digits.");
        return -1;
    }
    len = (size_t)r;
    for (colon = 0; colon < len && d[colon] != ':'; colon++)
        ;
    if (colon == len || colon == 0) {
        snprintf(err, errsize,
                 "A header parameter must be Name:Value, with a name "
                 "before the colon.");
        return -1;
    }
    for (i = 0; i < colon; i++) {
        if (!is_tchar((unsigned char)d[i])) {
            snprintf(err, errsize,
                     "A header parameter's name is not a token: letters, "
                     "digits and !#$%%&'*+-.^_`|~ only.");
            return -1;
        }
    }
    if (field_refused(d, colon) != NULL) {
        snprintf(err, errsize,
                 "A header parameter may not set %s: the framing and "
                 "hop-by-hop fields are the server's own.",
                 field_refused(d, colon));
        return -1;
    }
    start = skip_ows(d, len, colon + 1);
    for (end = len; end > start && is_ows(d[end - 1]); end--)
        ;
    if (!field_value_ok(d + start, end - start)) {
        snprintf(err, errsize,
                 "A header parameter's value may hold only visible ASCII "
                 "characters, spaces and tabs: no control characters (CR, "
                 "LF, NUL...) and no bytes above 0x7E, decoded or not.");
        return -1;
    }
    f = &q->fields[q->nfields++];
    f->name = (uint16_t)q->text_len;
    f->name_len = (uint16_t)colon;
    f->value = (uint16_t)(q->text_len + start);
    f->value_len = (uint16_t)(end - start);
    q->text_len += len;
    return 0;
}

int query_read(struct query *q, const struct request *req,
               const struct serve_options *opt, char *err, size_t errsize)
{
    const char *p = req->query.p;
    size_t n = req->query.n, i = 0;
    int has_sleep = 0, has_retry = 0;

    memset(q, 0, offsetof(struct query, text));
    q->retry_after = RETRY_AFTER_DEFAULT;
    if (p == NULL)
        return 0;
    while (i < n) {
        size_t start = i, end, eq;
        const char *v;
        size_t vn;

        while (i < n && p[i] != '&')
            i++;
        end = i++;
        for (eq = start; eq < end && p[eq] != '='; eq++)
            ;
        v = eq < end ? p + eq + 1 : p + end;
        vn = eq < end ? end - eq - 1 : 0;
        if (eq_exact(p + start, eq - start, "sleep")) {
            if (has_sleep++) {
                snprintf(err, errsize, "sleep is given twice.");
                return -1;
            }
            if (parse_bounded(v, vn, opt->max_sleep_ms, &q->sleep_ms) != 0) {
                snprintf(err, errsize,
                         "sleep must be a number of milliseconds, digits "
                         "only, from 0 to %u (the server's --max-sleep).",
                         opt->max_sleep_ms);
                return -1;
            }
        } else if (eq_exact(p + start, eq - start, "retry_after")) {
            if (has_retry++) {
                snprintf(err, errsize, "retry_after is given twice.");
                return -1;
            }
            if (parse_bounded(v, vn, RETRY_AFTER_MAX, &q->retry_after) != 0) {
                snprintf(err, errsize,
                         "retry_after must be a number of seconds, digits "
                         "only, from 0 to %u.",
                         RETRY_AFTER_MAX);
                return -1;
            }
        } else if (eq_exact(p + start, eq - start, "location")) {
            if (q->has_location++) {
                snprintf(err, errsize, "location is given twice.");
                return -1;
            }
            if (!location_ok(v, vn)) {
                snprintf(err, errsize,
                         "location must be a path on this server: one '/' "
                         "first (not \"//\"), then at most %d bytes in all "
                         "of letters, digits, -._~!$'()*+,;=:@/? and %%XX "
                         "escapes, which are not decoded.",
                         LOCATION_MAX);
                return -1;
            }
            q->location.p = v;
            q->location.n = vn;
        } else if (eq_exact(p + start, eq - start, "header")) {
            if (parse_header_param(q, v, vn, err, errsize) != 0)
                return -1;
        }
    }
    return 0;
}
