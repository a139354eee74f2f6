/* negotiate.c: proactive negotiation of the media type (RFC 9110,
 * Section 12.5.1) among the few the server's documents come in. */
#include <stddef.h>

#include "ascii.h"
#include "server.h"

static const char *const media_types[MEDIA_COUNT] = {
    "text/plain; charset=utf-8", "application/json",
    "text/html; charset=utf-8", "application/problem+json"};
static const char *const media_main[MEDIA_COUNT] = {"text", "application",
                                                    "text", "application"};
static const char *const media_sub[MEDIA_COUNT] = {"plain", "json", "html",
                                                   "problem+json"};

const char *media_type(enum media m)
{
    return (unsigned)m < MEDIA_COUNT ? media_types[m] : media_types[0];
}

static size_t skip_token(const char *p, size_t n, size_t i)
{
    while (i < n && is_tchar((unsigned char)p[i]))
        i++;
    return i;
}

/* A qvalue ("0", "0.5", "1.000") in thousandths, or -1. */
static int parse_qvalue(const char *p, size_t n)
{
    int q, scale = 100;
    size_t i;

    if (n == 0 || (p[0] != '0' && p[0] != '1'))
        return -1;
    q = (p[0] - '0') * 1000;
    if (n == 1)
        return q;
    if (p[1] != '.' || n > 5)
        return -1;
    for (i = 2; i < n; i++, scale /= 10) {
        if (!is_digit(p[i]))
            return -1;
        q += (p[i] - '0') * scale;
    }
    return q > 1000 ? -1 : q;
}

/* One media range of Accept at p[i..n), up to the next ',' at the top
 * level. Fills the type, the subtype, whether its parameters (before q)
 * all say charset=utf-8, and the q in thousandths. Returns the index
 * after it, and sets *ok when it parsed. */
struct media_range {
    size_t type, type_len, sub, sub_len;
    int params, params_ok, q;
};

static size_t parse_media_range(const char *p, size_t n, size_t i,
                                struct media_range *r, int *ok)
{
    size_t end;
    int in_quotes = 0, after_q = 0;

    *ok = 0;
    r->params = 0;
    r->params_ok = 1;
    r->q = 1000;
    /* Where the element ends: the next ',' outside a quoted string. */
    for (end = i; end < n; end++) {
        if (in_quotes && p[end] == '\\' && end + 1 < n)
            end++;
        else if (p[end] == '"')
            in_quotes = !in_quotes;
        else if (!in_quotes && p[end] == ',')
            break;
    }
    r->type = i;
    i = skip_token(p, end, i);
    r->type_len = i - r->type;
    if (r->type_len == 0 || i >= end || p[i] != '/')
        return end;
    r->sub = ++i;
    i = skip_token(p, end, i);
    r->sub_len = i - r->sub;
    if (r->sub_len == 0)
        return end;
    for (;;) {
        size_t name, name_len, value, value_len;

        i = skip_ows(p, end, i);
        if (i == end)
            break;
        if (p[i] != ';')
            return end;
        i = skip_ows(p, end, i + 1);
        name = i;
        i = skip_token(p, end, i);
        name_len = i - name;
        if (name_len == 0 || i >= end || p[i] != '=')
            return end;
        value = ++i;
        if (i < end && p[i] == '"') {
            for (i++; i < end && p[i] != '"'; i++)
                if (p[i] == '\\')
                    i++;
            if (i >= end)
                return end;
            i++;
            value_len = i - value;
        } else {
            i = skip_token(p, end, i);
            value_len = i - value;
            if (value_len == 0)
                return end;
        }
        if (after_q)
            continue; /* accept-ext: ignored */
        if (eq_nocase(p + name, name_len, "q")) {
            r->q = parse_qvalue(p + value, value_len);
            if (r->q < 0)
                return end;
            after_q = 1;
            continue;
        }
        r->params++;
        if (!eq_nocase(p + name, name_len, "charset") ||
            !(eq_nocase(p + value, value_len, "utf-8") ||
              eq_nocase(p + value, value_len, "\"utf-8\"")))
            r->params_ok = 0;
    }
    *ok = 1;
    return end;
}

/* Malformed ranges are skipped. */
enum media negotiate(struct slice accept, int count)
{
    int q[MEDIA_COUNT], spec[MEDIA_COUNT], best = MEDIA_TEXT, k;
    const char *p = accept.p;
    size_t n = accept.n, i = 0;

    if (p == NULL || count < 1 || count > MEDIA_COUNT)
        return MEDIA_TEXT;
    for (k = 0; k < count; k++)
        q[k] = spec[k] = -1;
    while (i < n) {
        struct media_range r;
        int ok;

        if (p[i] == ',' || is_ows(p[i])) {
            i++;
            continue;
        }
        i = parse_media_range(p, n, i, &r, &ok);
        if (!ok)
            continue;
        for (k = 0; k < count; k++) {
            int s;
            int any_type = eq_exact(p + r.type, r.type_len, "*");
            int any_sub = eq_exact(p + r.sub, r.sub_len, "*");
            if (any_type && any_sub)
                s = 0;
            else if (any_type)
                continue; /* "*\/json" is not a media range */
            else if (!eq_nocase(p + r.type, r.type_len, media_main[k]))
                continue;
            else if (any_sub)
                s = 1;
            else if (eq_nocase(p + r.sub, r.sub_len, media_sub[k]))
                s = 2;
            else
                continue;
            if (!r.params_ok)
                continue;
            s = s * 100 + r.params;
            if (s > spec[k]) {
                spec[k] = s;
                q[k] = r.q;
            }
        }
    }
    for (k = 0; k < count; k++)
        if (q[k] > 0 && q[k] > q[best])
            best = k;
    return (enum media)best;
}
