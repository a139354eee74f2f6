/* caching.c: the caching rules of `httpstatus check` (RFC 9111), and
 * Date (RFC 9110, Section 6.6.1).
 *
 * Cache-Control is read with cache_control.c, every field line of it as
 * one list. Its syntax is checked on every response; the rest only on
 * final ones, as only they are stored. Freshness is worked out as a
 * cache would (RFC 9111, Section 4.2): the first max-age, s-maxage or
 * Expires, the Age field and, with --now, the time since Date.
 *
 * The syntax of Date, Expires, Last-Modified and Age is the field-syntax
 * rules' business: here a value that does not parse is left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "cache_control.h"
#include "date.h"
#include "lint.h"

#define SKEW_MAX    60 /* seconds between Date and --now taken as noise */
#define EXAMPLE_NOW 784111777LL /* Sun, 06 Nov 1994 08:49:37 GMT */

/* --------------------------------------------------- the directives */

enum arg {
    ARG_NONE,   /* no argument allowed (RFC 9111, Section 5.2) */
    ARG_DELTA,  /* delta-seconds, in the token form only */
    ARG_EXTRA,  /* delta-seconds, an extension's: quotes are not banned */
    ARG_FIELDS, /* optional #field-name in a quoted-string */
    ARG_ANY     /* a request directive: not checked in a response */
};

enum known_index {
    K_MAX_AGE,
    K_MUST_REVALIDATE,
    K_MUST_UNDERSTAND,
    K_NO_CACHE,
    K_NO_STORE,
    K_NO_TRANSFORM,
    K_PRIVATE,
    K_PROXY_REVALIDATE,
    K_PUBLIC,
    K_S_MAXAGE,
    K_IMMUTABLE,
    K_STALE_WHILE_REVALIDATE,
    K_STALE_IF_ERROR,
    K_MAX_STALE,
    K_MIN_FRESH,
    K_ONLY_IF_CACHED,
    K_COUNT
};

static const struct known {
    const char *name;
    enum arg arg;
    int request_only;
    const char *section;
} known[K_COUNT] = {
    {"max-age", ARG_DELTA, 0, "RFC 9111, Section 5.2.2.1"},
    {"must-revalidate", ARG_NONE, 0, "RFC 9111, Section 5.2.2.2"},
    {"must-understand", ARG_NONE, 0, "RFC 9111, Section 5.2.2.3"},
    {"no-cache", ARG_FIELDS, 0, "RFC 9111, Section 5.2.2.4"},
    {"no-store", ARG_NONE, 0, "RFC 9111, Section 5.2.2.5"},
    {"no-transform", ARG_NONE, 0, "RFC 9111, Section 5.2.2.6"},
    {"private", ARG_FIELDS, 0, "RFC 9111, Section 5.2.2.7"},
    {"proxy-revalidate", ARG_NONE, 0, "RFC 9111, Section 5.2.2.8"},
    {"public", ARG_NONE, 0, "RFC 9111, Section 5.2.2.9"},
    {"s-maxage", ARG_DELTA, 0, "RFC 9111, Section 5.2.2.10"},
    {"immutable", ARG_NONE, 0, "RFC 8246, Section 2"},
    {"stale-while-revalidate", ARG_EXTRA, 0, "RFC 5861, Section 3"},
    {"stale-if-error", ARG_EXTRA, 0, "RFC 5861, Section 4"},
    {"max-stale", ARG_ANY, 1, "RFC 9111, Section 5.2.1.2"},
    {"min-fresh", ARG_ANY, 1, "RFC 9111, Section 5.2.1.3"},
    {"only-if-cached", ARG_ANY, 1, "RFC 9111, Section 5.2.1.7"},
};

static int find_known(const char *p, size_t n)
{
    int k;

    for (k = 0; k < K_COUNT; k++)
        if (eq_nocase(p, n, known[k].name))
            return k;
    return -1;
}

/* The known directive that p[0..n) spells with '_' for '-', or with the
 * hyphens left out or added ("max_age", "maxage", "s-max-age"); -1 when
 * there is none. */
static int find_misspelled(const char *p, size_t n)
{
    int k;

    for (k = 0; k < K_COUNT; k++) {
        const char *s = known[k].name;
        size_t i = 0, j = 0;
        for (;;) {
            while (i < n && (p[i] == '-' || p[i] == '_'))
                i++;
            while (s[j] == '-')
                j++;
            if (i == n || s[j] == '\0')
                break;
            if (lower((unsigned char)p[i]) != s[j])
                break;
            i++;
            j++;
        }
        if (i == n && s[j] == '\0')
            return k;
    }
    return -1;
}

/* One valid directive, with the line of the field it came from. */
struct directive {
    struct cc_item item;
    size_t line;
    int known; /* index into known[], or -1 */
};

/* What the response's Cache-Control says, first occurrences winning
 * (RFC 9111, Section 4.2.1). */
struct policy {
    struct directive *dirs;
    size_t ndirs, cap;
    const struct directive *first[K_COUNT];
    int max_age_ok, s_maxage_ok;          /* a valid value was read */
    unsigned long long max_age, s_maxage; /* the first valid ones */
    int freshness_invalid;    /* a max-age or s-maxage that is not a number */
    unsigned long long grace; /* stale-while-revalidate, stale-if-error */
    int no_cache, private_;   /* the unqualified forms */
};

static int has(const struct policy *pol, enum known_index k)
{
    return pol->first[k] != NULL;
}

/* -------------------------------------------------------- helpers */

/* "90 s", or "7200 s (2 hours)" for longer spans. */
static char *duration(unsigned long long s)
{
    if (s >= 2 * 86400ull)
        return lint_printf("%llu s (%llu days)", s, s / 86400);
    if (s >= 2 * 3600ull)
        return lint_printf("%llu s (%llu hours)", s, s / 3600);
    if (s >= 120)
        return lint_printf("%llu s (%llu minutes)", s, s / 60);
    return lint_printf("%llu s", s);
}

static long long field_date(const struct lint *c, const char *name)
{
    const struct field *f = lint_field(c, name);

    return f ? http_date_parse(f->value, f->value_len) : -1;
}

/* Age: its first member, when it is delta-seconds (RFC 9111, Section
 * 5.1); -1 otherwise. */
static long long field_age(const struct lint *c)
{
    const struct field *f = lint_field(c, "Age");
    unsigned long long v;
    size_t pos = 0, n;
    const char *e;

    if (f == NULL || !lint_list_next(f->value, f->value_len, &pos, &e, &n) ||
        !cc_delta_seconds(e, n, &v))
        return -1;
    return (long long)v;
}

/* The argument of a directive, for a message: "max-age=60". */
static char *quote_item(const struct cc_item *it)
{
    return lint_quote(it->text, it->len);
}

/* -------------------------------------------------- syntax, argument */

struct syntax_seen {
    size_t count, line;
    struct cc_item item;
    const char *value; /* the field value, for CC_EMPTY */
    size_t value_len;
};

static void report_syntax(struct lint *c, struct response *r,
                          enum cc_error kind, const struct syntax_seen *s)
{
    char *q = lint_quote(s->item.text, s->item.len), *msg = NULL, *fix;

    switch (kind) {
    case CC_EMPTY: {
        /* Show the comma with some of what comes before it. */
        size_t at = s->item.offset, from = at > 24 ? at - 24 : 0;
        size_t to = s->value_len - at > 8 ? at + 8 : s->value_len;
        free(q);
        q = lint_quote(s->value + from, to - from);
        msg = lint_printf("line %zu: Cache-Control has an empty list "
                          "element, a comma with no directive before it, "
                          "in %s%s",
                          s->line, from > 0 ? "..." : "", q);
        fix = lint_printf("separate directives with one comma each, and "
                          "none at either end: \"no-cache, no-store\"");
        break;
    }
    case CC_NAME:
        msg = lint_printf("line %zu: Cache-Control element %s does not "
                          "start with a directive name",
                          s->line, q);
        fix = lint_printf("send each directive as a name with an optional "
                          "=value, such as \"max-age=60\" or \"no-cache\"");
        break;
    case CC_SPACE_AROUND_EQUALS:
        msg = lint_printf("line %zu: Cache-Control directive %s has "
                          "whitespace around \"=\"",
                          s->line, q);
        fix = lint_printf("write the directive without spaces: "
                          "\"max-age=60\"");
        break;
    case CC_NO_ARGUMENT:
        msg = lint_printf("line %zu: Cache-Control directive %s has \"=\" "
                          "but no value",
                          s->line, q);
        fix = lint_printf("give the value after \"=\", as in "
                          "\"max-age=60\", or leave out the \"=\"");
        break;
    case CC_BAD_ARGUMENT:
        msg = lint_printf("line %zu: Cache-Control directive %s has a value "
                          "that is neither a token nor a quoted-string",
                          s->line, q);
        fix = lint_printf(
            "send a token, as in \"max-age=60\", or a "
            "quoted-string, as in \"no-cache=\\\"Set-Cookie\\\"\"");
        break;
    case CC_UNTERMINATED:
        msg = lint_printf("line %zu: Cache-Control directive %s has a "
                          "quoted-string without its closing quote",
                          s->line, q);
        fix = lint_printf("end the quoted-string with '\"'");
        break;
    case CC_TRAILING:
        msg = lint_printf("line %zu: Cache-Control element %s is not one "
                          "directive",
                          s->line, q);
        fix = memchr(s->item.text, ';', s->item.len)
                  ? lint_printf("separate directives with commas, not "
                                "semicolons: \"max-age=60, public\"")
                  : lint_printf("separate directives with commas: "
                                "\"max-age=60, public\"");
        break;
    case CC_OK:
        free(q);
        return;
    }
    if (s->count > 1) {
        char *more = lint_printf("%s; %zu more like it", msg, s->count - 1);
        free(msg);
        msg = more;
    }
    lint_add(c, r, RULE_CACHE_CONTROL_SYNTAX,
             kind == CC_EMPTY ? "RFC 9110, Section 5.6.1" : NULL, msg, fix);
    free(q);
}

/* The directive's argument against what the directive takes. */
static void check_argument(struct lint *c, struct response *r,
                           const struct directive *d, unsigned char *done)
{
    const struct known *k = &known[d->known];
    const struct cc_item *it = &d->item;
    const char *a;
    size_t an;
    unsigned long long v;
    char *q;

    if (done[d->known])
        return;
    cc_arg_content(it, &a, &an);
    switch (k->arg) {
    case ARG_DELTA:
    case ARG_EXTRA:
        if (it->arg && cc_delta_seconds(a, an, &v) &&
            !(it->quoted && k->arg == ARG_DELTA))
            return;
        q = quote_item(it);
        if (it->arg && it->quoted && cc_delta_seconds(a, an, &v))
            lint_add(c, r, RULE_CACHE_CONTROL_DELTA_SECONDS, k->section,
                     lint_printf("line %zu: Cache-Control %s quotes its "
                                 "number of seconds, which a sender must "
                                 "not do",
                                 d->line, q),
                     lint_printf("send the number bare: \"%s=%.*s\"", k->name,
                                 (int)an, a));
        else
            lint_add(c, r, RULE_CACHE_CONTROL_DELTA_SECONDS,
                     k->arg == ARG_EXTRA ? k->section : NULL,
                     lint_printf("line %zu: Cache-Control %s does not give "
                                 "a number of seconds: caches may take the "
                                 "response for stale",
                                 d->line, q),
                     lint_printf("send %s with a whole number of seconds, "
                                 "such as \"%s=60\"",
                                 k->name, k->name));
        free(q);
        break;
    case ARG_NONE:
        if (it->arg == NULL)
            return;
        q = quote_item(it);
        lint_add(c, r, RULE_CACHE_CONTROL_ARGUMENT, NULL,
                 lint_printf("line %zu: Cache-Control %s has a value, but "
                             "%s takes none: caches may read it as plain %s",
                             d->line, q, k->name, k->name),
                 lint_printf("send \"%s\" alone, or leave it out if the "
                             "value was meant to turn it off",
                             k->name));
        free(q);
        break;
    case ARG_FIELDS:
        if (it->arg == NULL || (it->quoted && cc_field_names(a, an)))
            return;
        q = quote_item(it);
        if (!it->quoted)
            lint_add(c, r, RULE_CACHE_CONTROL_ARGUMENT, k->section,
                     lint_printf("line %zu: Cache-Control %s gives its field "
                                 "names as a token, where a sender should "
                                 "quote them",
                                 d->line, q),
                     lint_printf("quote the field names: "
                                 "\"%s=\\\"%.*s\\\"\"",
                                 k->name, (int)an, a));
        else
            lint_add(c, r, RULE_CACHE_CONTROL_ARGUMENT, k->section,
                     lint_printf("line %zu: Cache-Control %s is not a list "
                                 "of field names",
                                 d->line, q),
                     lint_printf("list field names separated by commas: "
                                 "\"%s=\\\"Set-Cookie, Authorization\\\"\"",
                                 k->name));
        free(q);
        break;
    case ARG_ANY:
        return;
    }
    done[d->known] = 1;
}

/* Two occurrences of one directive say the same. */
static int same_value(const struct directive *a, const struct directive *b)
{
    const char *pa, *pb;
    size_t na, nb;
    unsigned long long va, vb;
    enum arg kind = known[a->known].arg;

    if ((a->item.arg == NULL) != (b->item.arg == NULL))
        return 0;
    cc_arg_content(&a->item, &pa, &na);
    cc_arg_content(&b->item, &pb, &nb);
    if ((kind == ARG_DELTA || kind == ARG_EXTRA) &&
        cc_delta_seconds(pa, na, &va) && cc_delta_seconds(pb, nb, &vb))
        return va == vb;
    return na == nb && (na == 0 || same_nocase(pa, pb, na));
}

/* Reads every Cache-Control line into pol and reports what is wrong
 * with single elements. */
static void read_policy(struct lint *c, struct response *r, struct policy *pol,
                        int final)
{
    struct syntax_seen syn[CC_TRAILING + 1];
    unsigned char arg_done[K_COUNT], conflict_done[K_COUNT];
    unsigned char request_done[K_COUNT], misspelled_done[K_COUNT];
    size_t i, k;

    memset(syn, 0, sizeof syn);
    memset(arg_done, 0, sizeof arg_done);
    memset(conflict_done, 0, sizeof conflict_done);
    memset(request_done, 0, sizeof request_done);
    memset(misspelled_done, 0, sizeof misspelled_done);
    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        size_t pos = 0;
        struct cc_item it;

        if (!eq_nocase(f->name, f->name_len, "Cache-Control"))
            continue;
        while (cc_next(f->value, f->value_len, &pos, &it)) {
            struct directive *d;
            if (it.error != CC_OK) {
                struct syntax_seen *s = &syn[it.error];
                if (s->count++ == 0) {
                    s->line = f->line;
                    s->item = it;
                    s->value = f->value;
                    s->value_len = f->value_len;
                }
                continue;
            }
            if (pol->ndirs == pol->cap) {
                pol->cap = pol->cap ? pol->cap * 2 : 16;
                pol->dirs =
                    lint_realloc(pol->dirs, pol->cap * sizeof *pol->dirs);
            }
            d = &pol->dirs[pol->ndirs++];
            d->item = it;
            d->line = f->line;
            d->known = find_known(it.name, it.name_len);
        }
    }
    for (k = 0; k <= CC_TRAILING; k++)
        if (syn[k].count)
            report_syntax(c, r, (enum cc_error)k, &syn[k]);
    if (!final)
        return;

    for (i = 0; i < pol->ndirs; i++) {
        const struct directive *d = &pol->dirs[i];
        const struct directive *first;
        const char *a;
        size_t an;
        unsigned long long v;
        int kn = d->known;

        if (kn < 0) {
            int m = find_misspelled(d->item.name, d->item.name_len);
            if (m >= 0 && !misspelled_done[m] && !known[m].request_only) {
                char *q = lint_quote(d->item.name, d->item.name_len);
                misspelled_done[m] = 1;
                lint_add(c, r, RULE_CACHE_CONTROL_MISSPELLED, NULL,
                         lint_printf("line %zu: Cache-Control directive %s "
                                     "is unknown, so caches ignore it; %s "
                                     "was probably meant",
                                     d->line, q, known[m].name),
                         lint_printf("spell it \"%s\"", known[m].name));
                free(q);
            }
            continue;
        }
        if (known[kn].request_only) {
            if (!request_done[kn]) {
                request_done[kn] = 1;
                lint_add(c, r, RULE_CACHE_CONTROL_REQUEST_DIRECTIVE,
                         known[kn].section,
                         lint_printf("line %zu: Cache-Control %s is a "
                                     "request directive, with no meaning "
                                     "in a response",
                                     d->line, known[kn].name),
                         kn == K_MAX_STALE
                             ? lint_printf("remove max-stale from the "
                                           "response; to let caches serve "
                                           "it stale for a while, send "
                                           "\"stale-while-revalidate=60\"")
                             : lint_printf("remove %s from the response",
                                           known[kn].name));
            }
            continue;
        }
        check_argument(c, r, d, arg_done);
        first = pol->first[kn];
        if (first == NULL) {
            pol->first[kn] = d;
            cc_arg_content(&d->item, &a, &an);
            if (kn == K_MAX_AGE || kn == K_S_MAXAGE) {
                int ok = d->item.arg && cc_delta_seconds(a, an, &v);
                if (!ok)
                    pol->freshness_invalid = 1;
                else if (kn == K_MAX_AGE)
                    pol->max_age_ok = 1, pol->max_age = v;
                else
                    pol->s_maxage_ok = 1, pol->s_maxage = v;
            } else if ((kn == K_STALE_WHILE_REVALIDATE ||
                        kn == K_STALE_IF_ERROR) &&
                       d->item.arg && cc_delta_seconds(a, an, &v) &&
                       v > pol->grace) {
                pol->grace = v;
            }
        } else if (!conflict_done[kn] && !same_value(first, d)) {
            char *q1 = quote_item(&first->item), *q2 = quote_item(&d->item);
            conflict_done[kn] = 1;
            lint_add(c, r, RULE_CACHE_CONTROL_CONFLICT, NULL,
                     lint_printf("line %zu: Cache-Control has both %s and "
                                 "%s: caches use the first, or take the "
                                 "response for stale",
                                 d->line, q1, q2),
                     lint_printf("send %s once, with the value meant",
                                 known[kn].name));
            free(q1);
            free(q2);
        }
        if (kn == K_NO_CACHE && d->item.arg == NULL)
            pol->no_cache = 1;
        if (kn == K_PRIVATE && d->item.arg == NULL)
            pol->private_ = 1;
    }
}

/* ------------------------------------------------ directive pairs */

static void contradictions(struct lint *c, struct response *r,
                           const struct policy *pol)
{
    if (has(pol, K_PUBLIC) && pol->private_)
        lint_add(c, r, RULE_CACHE_CONTROL_CONTRADICTION, NULL,
                 lint_printf("Cache-Control has both public and private: "
                             "private wins, and shared caches do not store "
                             "the response"),
                 lint_printf("send private for a response meant for one "
                             "user, public for one that anyone may get"));
    if (has(pol, K_NO_STORE)) {
        char list[96] = "";
        size_t len = 0;
        if (pol->max_age_ok && pol->max_age > 0)
            len += (size_t)snprintf(list + len, sizeof list - len,
                                    ", max-age=%llu", pol->max_age);
        if (pol->s_maxage_ok && pol->s_maxage > 0)
            len += (size_t)snprintf(list + len, sizeof list - len,
                                    ", s-maxage=%llu", pol->s_maxage);
        if (has(pol, K_PUBLIC))
            len += (size_t)snprintf(list + len, sizeof list - len, ", public");
        if (has(pol, K_IMMUTABLE))
            snprintf(list + len, sizeof list - len, ", immutable");
        if (list[0])
            lint_add(c, r, RULE_CACHE_CONTROL_CONTRADICTION,
                     known[K_NO_STORE].section,
                     lint_printf("Cache-Control has no-store with %s: "
                                 "no-store wins, and no cache keeps the "
                                 "response",
                                 list + 2),
                     lint_printf("send no-store alone if nothing may keep "
                                 "the response; else drop no-store"));
    }
    if (pol->no_cache) {
        if (has(pol, K_IMMUTABLE))
            lint_add(c, r, RULE_CACHE_CONTROL_CONTRADICTION,
                     known[K_IMMUTABLE].section,
                     lint_printf("Cache-Control has no-cache with "
                                 "immutable: no-cache has caches validate "
                                 "every time, which immutable would spare"),
                     lint_printf("send \"max-age=31536000, immutable\" for "
                                 "a response that never changes, or "
                                 "no-cache alone"));
        if (pol->max_age_ok && pol->max_age > 0)
            lint_add(c, r, RULE_CACHE_CONTROL_CONTRADICTION, NULL,
                     lint_printf("Cache-Control has no-cache with "
                                 "max-age=%llu: no-cache has caches "
                                 "validate every time, so max-age has no "
                                 "effect",
                                 pol->max_age),
                     lint_printf("send \"no-cache\" to have it validated "
                                 "every time, or \"max-age=%llu\" alone",
                                 pol->max_age));
    }
    if (pol->private_ && has(pol, K_S_MAXAGE))
        lint_add(c, r, RULE_CACHE_CONTROL_CONTRADICTION,
                 known[K_PRIVATE].section,
                 lint_printf("Cache-Control has private with s-maxage: "
                             "shared caches, which s-maxage is for, do not "
                             "store private responses"),
                 lint_printf("drop s-maxage, or private if shared caches "
                             "may keep the response"));
    if (has(pol, K_MUST_UNDERSTAND) && !has(pol, K_NO_STORE))
        lint_add(c, r, RULE_MUST_UNDERSTAND_WITHOUT_NO_STORE, NULL,
                 lint_printf("Cache-Control has must-understand without "
                             "no-store: caches that do not know "
                             "must-understand may store the response"),
                 lint_printf("send \"must-understand, no-store\": caches "
                             "that understand the status code ignore "
                             "no-store"));
}

/* ------------------------------------------------------ freshness */

static int method_cacheable(const struct lint *c)
{
    const char *m = c->opt->method;

    return m == NULL || strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

static void freshness(struct lint *c, struct response *r,
                      const struct policy *pol)
{
    long long date = field_date(c, "Date");
    long long expires = field_date(c, "Expires");
    long long age = field_age(c), now = c->opt->now, current = -1;
    long long lm = field_date(c, "Last-Modified");
    int has_expires = lint_field(c, "Expires") != NULL;
    const struct httpstatus_info *info = httpstatus_get(r->code);
    int heuristic = (info && (info->flags & HTTPSTATUS_FLAG_CACHEABLE)) ||
                    has(pol, K_PUBLIC);
    long long lifetime = -1;
    const char *source = NULL;
    char srcbuf[48];

    if (has(pol, K_NO_STORE) || pol->freshness_invalid)
        return;

    /* The lifetime a private cache gives it: max-age, or Expires - Date
     * (Date being the time of receipt when there is none). */
    if (pol->max_age_ok) {
        lifetime = (long long)pol->max_age;
        snprintf(srcbuf, sizeof srcbuf, "max-age=%llu", pol->max_age);
        source = srcbuf;
    } else if (expires >= 0 && (date >= 0 || now >= 0)) {
        lifetime = expires - (date >= 0 ? date : now);
        source = date >= 0 ? "Expires minus Date" : "Expires minus --now";
    }

    /* Its current age: Age, or the time since Date when it is longer. */
    if (age >= 0)
        current = age;
    if (now >= 0 && date >= 0 && now - date > current)
        current = now - date;

    if (current >= 0) {
        long long lifetimes[2];
        const char *sources[2], *names[2];
        char sbuf[48];
        int n = 0, k;
        if (lifetime > 0) {
            lifetimes[n] = lifetime;
            names[n] = pol->max_age_ok ? "max-age" : "Expires";
            sources[n++] = source;
        }
        if (pol->s_maxage_ok && pol->s_maxage > 0 &&
            (long long)pol->s_maxage != lifetime) {
            snprintf(sbuf, sizeof sbuf, "s-maxage=%llu", pol->s_maxage);
            lifetimes[n] = (long long)pol->s_maxage;
            names[n] = "s-maxage";
            sources[n++] = sbuf;
        }
        for (k = 0; k < n; k++) {
            char *cur, *life, *how;
            if (current < lifetimes[k] ||
                current - lifetimes[k] < (long long)pol->grace)
                continue;
            cur = duration((unsigned long long)current);
            life = duration((unsigned long long)lifetimes[k]);
            how = age >= 0 && age == current
                      ? lint_printf("Age says %s", cur)
                      : lint_printf("%s have passed since Date", cur);
            lint_add(c, r, RULE_STALE_ON_ARRIVAL, NULL,
                     lint_printf("the response is stale on arrival: %s, "
                                 "and %s gives it %s",
                                 how, sources[k], life),
                     lint_printf("if a cache sent it, have the cache "
                                 "validate stale responses; if the origin "
                                 "did, check its clock and the %s it sends",
                                 names[k]));
            free(cur);
            free(life);
            free(how);
            break;
        }
    }

    /* Heuristic freshness (RFC 9111, Section 4.2.2). Without
     * Cache-Control it is HTTP's designed default, and no finding; but a
     * Cache-Control that says public, private, must-revalidate or
     * immutable and no lifetime often means to say more than it does:
     * caches still choose the lifetime themselves. Shared caches do for
     * public (Section 5.2.2.9); for the others, browsers have a
     * Last-Modified to go by, ten seconds or more before Date. */
    if (heuristic && method_cacheable(c) && pol->ndirs > 0 && !pol->no_cache &&
        !has(pol, K_MAX_AGE) && !has(pol, K_S_MAXAGE) && !has_expires &&
        (has(pol, K_PUBLIC) ||
         ((has(pol, K_PRIVATE) || has(pol, K_MUST_REVALIDATE) ||
           has(pol, K_PROXY_REVALIDATE) || has(pol, K_IMMUTABLE)) &&
          lint_field(c, "Last-Modified") &&
          !(lm >= 0 && date >= 0 && date - lm < 10)))) {
        char *guess = NULL, *q;
        const struct field *f = lint_field(c, "Cache-Control");
        if (lm >= 0 && date > lm) {
            char *d = duration((unsigned long long)((date - lm) / 10));
            guess = lint_printf(", commonly a tenth of the time since "
                                "Last-Modified, %s here",
                                d);
            free(d);
        }
        q = lint_quote(f->value, f->value_len);
        lint_add(
            c, r, RULE_FRESHNESS_HEURISTIC, NULL,
            lint_printf("line %zu: Cache-Control %s gives this %d response "
                        "no freshness lifetime: caches may reuse it "
                        "for a time of their own choosing%s",
                        f->line, q, r->code, guess ? guess : ""),
            lint_printf("say how long it stays fresh, as in "
                        "\"max-age=3600\", or send \"no-cache\" to "
                        "have it validated every time"));
        free(q);
        free(guess);
    }

    /* Vary: * (RFC 9110, Section 12.5.5) never matches a later request. */
    if (method_cacheable(c) && lint_list_has(c, "Vary", "*") &&
        (lifetime > 0 || (pol->s_maxage_ok && pol->s_maxage > 0) ||
         has(pol, K_PUBLIC) || has(pol, K_IMMUTABLE)))
        lint_add(c, r, RULE_VARY_STAR_CACHEABLE, NULL,
                 lint_printf("Vary: * on a response that caches are told "
                             "to keep: a stored response with Vary: * "
                             "never matches a later request"),
                 lint_printf("list the request fields that choose the "
                             "response, as in \"Vary: Accept-Encoding\", "
                             "or send \"Cache-Control: no-store\""));
}

/* ----------------------------------------------------- other fields */

static void pragma(struct lint *c, struct response *r)
{
    const struct field *f = lint_field(c, "Pragma");
    char *q;

    if (f == NULL)
        return;
    q = lint_quote(f->value, f->value_len);
    if (lint_list_has(c, "Pragma", "no-cache") &&
        !lint_list_has(c, "Cache-Control", "no-cache") &&
        !lint_list_has(c, "Cache-Control", "no-store"))
        lint_add(c, r, RULE_PRAGMA_IN_RESPONSE, NULL,
                 lint_printf("line %zu: Pragma %s in a response has no "
                             "defined meaning: caches may store and reuse "
                             "the response",
                             f->line, q),
                 lint_printf("send \"Cache-Control: no-cache\" to have "
                             "caches validate it, or \"no-store\" to keep "
                             "it out of caches"));
    else
        lint_add(c, r, RULE_PRAGMA_IN_RESPONSE, NULL,
                 lint_printf("line %zu: Pragma %s is deprecated, and has no "
                             "defined meaning in a response",
                             f->line, q),
                 lint_printf("remove Pragma: Cache-Control says what caches "
                             "do"));
    free(q);
}

static void not_modified(struct lint *c, struct response *r)
{
    static const char *const names[] = {"Content-Type", "Content-Encoding",
                                        "Content-Language"};
    char list[80] = "";
    size_t k, found = 0;

    for (k = 0; k < sizeof names / sizeof names[0]; k++)
        if (lint_field(c, names[k])) {
            if (found++)
                strcat(list, ", ");
            strcat(list, names[k]);
        }
    if (found)
        lint_add(c, r, RULE_NOT_MODIFIED_EXTRA_FIELDS, NULL,
                 lint_printf("304 response with %s: a 304 should not carry "
                             "representation metadata, which caches would "
                             "copy onto the response they stored",
                             list),
                 lint_printf("send only Cache-Control, Content-Location, "
                             "Date, ETag, Expires, Vary and validators with "
                             "304"));
}

static void check_date(struct lint *c, struct response *r)
{
    const struct field *f = lint_field(c, "Date");
    long long now = c->opt->now;
    char example[HTTP_DATE_SIZE];

    if (f == NULL) {
        /* Only an origin server must send Date: a 2xx to CONNECT and a
         * 407 come from a proxy. A head cut short may have lost it. */
        if (!c->terminated || r->code < 200 || r->code >= 500 ||
            r->code == 407 ||
            (c->opt->method && strcmp(c->opt->method, "CONNECT") == 0))
            return;
        http_date(now >= 0 ? now : EXAMPLE_NOW, example, sizeof example);
        lint_add(c, r, RULE_DATE_MISSING, NULL,
                 lint_printf("%d response without Date: an origin server "
                             "with a clock must send it in 2xx, 3xx and 4xx "
                             "responses, and caches work out the "
                             "response's age from it",
                             r->code),
                 lint_printf("add \"Date: %s\" with the time the response "
                             "was generated",
                             example));
        return;
    }
    if (now >= 0) {
        long long d = http_date_parse(f->value, f->value_len);
        long long age = field_age(c), expected, skew;
        char *q, *amount;
        if (d < 0)
            return;
        expected = now - (age > 0 ? age : 0);
        skew = d - expected;
        if (skew <= SKEW_MAX && skew >= -SKEW_MAX)
            return;
        q = lint_quote(f->value, f->value_len);
        amount = duration((unsigned long long)(skew > 0 ? skew : -skew));
        lint_add(c, r, RULE_DATE_SKEW, NULL,
                 lint_printf("line %zu: Date %s is %s %s --now%s", f->line, q,
                             amount, skew > 0 ? "ahead of" : "behind",
                             age > 0 ? " less Age" : ""),
                 lint_printf("keep the server's clock synchronised (NTP), or "
                             "give --now the time the response was "
                             "received"));
        free(q);
        free(amount);
    }
}

/* ------------------------------------------------------------ family */

void lint_caching(struct lint *c, struct response *r)
{
    struct policy pol;
    int final = !httpstatus_is_informational(r->code);

    memset(&pol, 0, sizeof pol);
    read_policy(c, r, &pol, final);
    if (final) {
        contradictions(c, r, &pol);
        freshness(c, r, &pol);
        pragma(c, r);
        if (r->code == 304)
            not_modified(c, r);
        check_date(c, r);
    }
    free(pol.dirs);
}
