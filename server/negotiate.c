/* negotiate.c: proactive negotiation of the media type (RFC 9110,
 * Section 12.5.1) among the few the server's documents come in. */
#include <stddef.h>
#include <string.h>

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

/* How well the range r of the Accept at p matches main/sub: 0 for the
 * range of everything, 1 for main's every subtype, 2 for main/sub itself,
 * plus 100 for each of its parameters; -1 when it does not match. */
static int match_range(const char *p, const struct media_range *r,
                       const char *main, const char *sub)
{
    int any_type = eq_exact(p + r->type, r->type_len, "*");
    int any_sub = eq_exact(p + r->sub, r->sub_len, "*");
    int s;

    if (any_type && any_sub)
        s = 0;
    else if (any_type)
        return -1; /* "*\/json" is not a media range */
    else if (!eq_nocase(p + r->type, r->type_len, main))
        return -1;
    else if (any_sub)
        s = 1;
    else if (eq_nocase(p + r->sub, r->sub_len, sub))
        s = 2;
    else
        return -1;
    if (!r->params_ok)
        return -1;
    return s * 100 + r->params;
}

/* Calls back for each well-formed range of the Accept field; malformed
 * ranges are skipped. */
static void each_range(struct slice accept,
                       void (*fn)(const char *p, const struct media_range *r,
                                  void *ctx),
                       void *ctx)
{
    const char *p = accept.p;
    size_t n = accept.n, i = 0;

    while (p != NULL && i < n) {
        struct media_range r;
        int ok;

        if (p[i] == ',' || is_ows(p[i])) {
            i++;
            continue;
        }
        i = parse_media_range(p, n, i, &r, &ok);
        if (ok)
            fn(p, &r, ctx);
    }
}

struct candidates {
    int count, q[MEDIA_COUNT], spec[MEDIA_COUNT];
};

static void rate_media(const char *p, const struct media_range *r, void *ctx)
{
    struct candidates *c = ctx;
    int k;

    for (k = 0; k < c->count; k++) {
        int s = match_range(p, r, media_main[k], media_sub[k]);
        if (s > c->spec[k]) {
            c->spec[k] = s;
            c->q[k] = r->q;
        }
    }
}

enum media negotiate(struct slice accept, int count)
{
    struct candidates c;
    int best = MEDIA_TEXT, k;

    if (accept.p == NULL || count < 1 || count > MEDIA_COUNT)
        return MEDIA_TEXT;
    /* What most clients send: every type alike, so the first wins. */
    if (accept.n == 3 && memcmp(accept.p, "*/*", 3) == 0)
        return MEDIA_TEXT;
    c.count = count;
    for (k = 0; k < count; k++)
        c.q[k] = c.spec[k] = -1;
    each_range(accept, rate_media, &c);
    for (k = 0; k < count; k++)
        if (c.q[k] > 0 && c.q[k] > c.q[best])
            best = k;
    return (enum media)best;
}

struct one_type {
    const char *main, *sub;
    int q, spec;
};

static void rate_one(const char *p, const struct media_range *r, void *ctx)
{
    struct one_type *t = ctx;
    int s = match_range(p, r, t->main, t->sub);

    if (s > t->spec) {
        t->spec = s;
        t->q = r->q;
    }
}

int accept_quality(struct slice accept, const char *main, const char *sub,
                   int *specificity)
{
    struct one_type t;

    t.main = main;
    t.sub = sub;
    t.q = 0;
    t.spec = -1;
    if (accept.p == NULL) {
        t.q = 1000;
    } else {
        each_range(accept, rate_one, &t);
        if (t.q < 0)
            t.q = 0;
    }
    if (specificity != NULL)
        *specificity = t.spec;
    return t.q;
}
