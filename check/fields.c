/* fields.c: the field syntax rules. Each field line of a field we know
 * is checked against its ABNF (check/grammar.c does the pure parts);
 * then come the rules that look at several lines at once: singletons
 * sent twice, Transfer-Encoding's codings in order, Last-Modified
 * against Date, Vary's "*", X-Content-Type-Options and X-Frame-Options
 * as browsers combine them, and Content-Type on content.
 *
 * Fields other families own are left to them: Set-Cookie, the CORS
 * fields, Cache-Control and the Structured Fields; Content-Length and
 * the challenges are the core's. */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "date.h"
#include "grammar.h"
#include "lint.h"

/* " at byte N" when that helps: not for the first byte or the end. */
static char *where(size_t at, size_t n)
{
    if (n <= 1 || at == 0 || at >= n)
        return lint_printf("%s", "");
    return lint_printf(" at byte %zu", at + 1);
}

/* Reports a value of field f that its grammar does not match:
 * "line N: NAME "value" is not WHAT: WHY at byte K". */
static void bad_value(struct lint *c, struct response *r, enum rule rule,
                      const struct field *f, const char *name,
                      const char *what, const char *why, size_t at, char *fix)
{
    char *q = lint_quote(f->value, f->value_len);
    char *w = where(at, f->value_len);

    lint_add(c, r, rule, NULL,
             lint_printf("line %zu: %s %s is not %s: %s%s", f->line, name, q,
                         what, why, w),
             fix);
    free(q);
    free(w);
}

/* Like bad_value, for one element of a list. */
static void bad_element(struct lint *c, struct response *r, enum rule rule,
                        const struct field *f, const char *name, const char *e,
                        size_t n, const char *why, char *fix)
{
    char *q = lint_quote(e, n);

    lint_add(
        c, r, rule, NULL,
        lint_printf("line %zu: %s has %s, which %s", f->line, name, q, why),
        fix);
    free(q);
}

/* ------------------------------------------------------------- dates */

static const char *form_name(enum grammar_date_form form)
{
    switch (form) {
    case GRAMMAR_DATE_RFC850:
        return "RFC 850";
    case GRAMMAR_DATE_ASCTIME:
        return "asctime";
    case GRAMMAR_DATE_IMF_FIXDATE:
    case GRAMMAR_DATE_INVALID:
        break;
    }
    return "IMF-fixdate";
}

/* The value of an HTTP-date field as an IMF-fixdate, for a fix. */
static char *as_fixdate(const char *name, const struct grammar_date *d)
{
    char s[HTTP_DATE_SIZE];

    if (d->t < 0 || d->t > 253402300799LL)
        return lint_printf("send %s as an IMF-fixdate, such as \"%s: Sun, "
                           "06 Nov 1994 08:49:37 GMT\"",
                           name, name);
    http_date(d->t, s, sizeof s);
    return lint_printf("send \"%s: %s\"", name, s);
}

/* The form and the day name of a date that parsed (RFC 9110, Section
 * 5.6.7): senders generate IMF-fixdate only, and the day name is the
 * date's (RFC 5322, Section 3.3, whose semantics HTTP-date keeps). */
static void date_form(struct lint *c, struct response *r,
                      const struct field *f, const char *name,
                      const struct grammar_date *d)
{
    char *q;

    if (d->form == GRAMMAR_DATE_INVALID)
        return;
    q = lint_quote(f->value, f->value_len);
    if (d->form != GRAMMAR_DATE_IMF_FIXDATE)
        lint_add(c, r, RULE_HTTP_DATE_OBSOLETE, NULL,
                 lint_printf("line %zu: %s %s is in the obsolete %s form: "
                             "senders must generate IMF-fixdate",
                             f->line, name, q, form_name(d->form)),
                 as_fixdate(name, d));
    if (!d->weekday_ok) {
        static const char *const days[7] = {"Thursday", "Friday", "Saturday",
                                            "Sunday",   "Monday", "Tuesday",
                                            "Wednesday"};
        long long k = (d->t >= 0 ? d->t : d->t - 86399) / 86400 % 7;
        lint_add(c, r, RULE_HTTP_DATE_WEEKDAY, NULL,
                 lint_printf("line %zu: %s %s names the wrong day of the "
                             "week: that date is a %s",
                             f->line, name, q, days[k < 0 ? k + 7 : k]),
                 as_fixdate(name, d));
    }
    free(q);
}

static char *date_fix(const char *name)
{
    return lint_printf("send an IMF-fixdate in GMT, such as \"%s: Sun, 06 "
                       "Nov 1994 08:49:37 GMT\"",
                       name);
}

/* Date and Last-Modified: an HTTP-date, which a sender generates as an
 * IMF-fixdate. */
static void check_date_field(struct lint *c, struct response *r,
                             const struct field *f, const char *name,
                             enum rule rule, struct grammar_date *d)
{
    grammar_http_date(f->value, f->value_len, d);
    if (d->form == GRAMMAR_DATE_INVALID)
        bad_value(c, r, rule, f, name, "an HTTP date", d->why, d->at,
                  date_fix(name));
    else
        date_form(c, r, f, name, d);
}

static int is_integer(const char *p, size_t n)
{
    if (n > 0 && p[0] == '-') {
        p++;
        n--;
    }
    return grammar_delay_seconds(p, n);
}

/* Expires (RFC 9111, Section 5.3): an invalid value means "already
 * expired" to a cache, which must take it so. "0" and "-1" are sent
 * on purpose, for that meaning; anything else that is no date most
 * likely meant a date, and loses the freshness it meant to give. */
static void check_expires(struct lint *c, struct response *r,
                          const struct field *f)
{
    struct grammar_date d;

    grammar_http_date(f->value, f->value_len, &d);
    if (d.form != GRAMMAR_DATE_INVALID) {
        date_form(c, r, f, "Expires", &d);
        return;
    }
    if (is_integer(f->value, f->value_len)) {
        char *q = lint_quote(f->value, f->value_len);
        lint_add(c, r, RULE_EXPIRES_NUMBER, NULL,
                 lint_printf("line %zu: Expires %s is not a date: caches take "
                             "it as a time in the past, already expired",
                             f->line, q),
                 lint_printf("send a date in the past, such as \"Expires: "
                             "Thu, 01 Jan 1970 00:00:00 GMT\", or rely on "
                             "\"Cache-Control: no-cache\""));
        free(q);
        return;
    }
    {
        char *q = lint_quote(f->value, f->value_len);
        char *w = where(d.at, f->value_len);
        lint_add(c, r, RULE_EXPIRES_SYNTAX, NULL,
                 lint_printf("line %zu: Expires %s is not an HTTP date, so "
                             "caches take it as already expired: %s%s",
                             f->line, q, d.why, w),
                 date_fix("Expires"));
        free(q);
        free(w);
    }
}

/* Retry-After = HTTP-date / delay-seconds (RFC 9110, Section 10.2.3). */
static void check_retry_after(struct lint *c, struct response *r,
                              const struct field *f)
{
    struct grammar_date d;
    const char *v = f->value;
    size_t n = f->value_len;

    if (grammar_delay_seconds(v, n))
        return;
    grammar_http_date(v, n, &d);
    if (d.form != GRAMMAR_DATE_INVALID) {
        date_form(c, r, f, "Retry-After", &d);
        return;
    }
    if (n > 0 && (is_digit((unsigned char)v[0]) || v[0] == '-' || v[0] == '+'))
        bad_value(c, r, RULE_RETRY_AFTER_SYNTAX, f, "Retry-After",
                  "a number of seconds or an HTTP date",
                  "delay-seconds is a whole number of seconds, digits only", n,
                  lint_printf("send whole seconds, such as \"Retry-After: "
                              "120\""));
    else
        bad_value(c, r, RULE_RETRY_AFTER_SYNTAX, f, "Retry-After",
                  "a number of seconds or an HTTP date", d.why, d.at,
                  lint_printf("send whole seconds, such as \"Retry-After: "
                              "120\", or an IMF-fixdate, such as "
                              "\"Retry-After: Sun, 06 Nov 1994 08:49:37 "
                              "GMT\""));
}

/* -------------------------------------------------------------- URIs */

/* What to do about a URI's problem. */
static char *uri_fix(const char *name, const char *why, const char *example)
{
    if (strcmp(why, "a space") == 0)
        return lint_printf("percent-encode spaces as %%20: \"%s: %s\"", name,
                           example);
    if (strcmp(why, "a byte outside ASCII") == 0)
        return lint_printf("percent-encode characters outside ASCII as their "
                           "UTF-8 bytes, such as %%C3%%A9 for \"e\" with an "
                           "acute accent");
    if (strncmp(why, "a \"%\"", 5) == 0)
        return lint_printf("write a literal \"%%\" as %%25");
    if (strncmp(why, "a fragment", 10) == 0)
        return lint_printf("send %s without the fragment: \"%s: %s\"", name,
                           name, example);
    return lint_printf("send a URI reference (RFC 3986), percent-encoding "
                       "what it cannot hold: \"%s: %s\"",
                       name, example);
}

static void check_location(struct lint *c, struct response *r,
                           const struct field *f)
{
    size_t at;
    const char *why = grammar_uri_reference(f->value, f->value_len, 0, &at);

    if (why)
        bad_value(c, r, RULE_LOCATION_SYNTAX, f, "Location", "a URI reference",
                  why, at, uri_fix("Location", why, "/new%20page"));
}

/* Content-Location = absolute-URI / partial-URI (RFC 9110, Section 8.7):
 * a URI reference without a fragment. */
static void check_content_location(struct lint *c, struct response *r,
                                   const struct field *f)
{
    size_t at;
    const char *why = grammar_uri_reference(f->value, f->value_len,
                                            GRAMMAR_URI_NO_FRAGMENT, &at);

    if (why)
        bad_value(c, r, RULE_CONTENT_LOCATION_SYNTAX, f, "Content-Location",
                  "an absolute URI or a partial URI", why, at,
                  uri_fix("Content-Location", why, "/docs/page.html"));
}

/* ------------------------------------------------------------- lists */

/* Every element of a #token list must be a token. */
static void check_token_list(struct lint *c, struct response *r,
                             const struct field *f, const char *name,
                             enum rule rule, const char *fix_example)
{
    size_t pos = 0, n;
    const char *e;

    while (lint_list_next(f->value, f->value_len, &pos, &e, &n))
        if (!grammar_token(e, n)) {
            bad_element(c, r, rule, f, name, e, n,
                        "is not a token: list members are separated by commas",
                        lint_printf("send \"%s: %s\"", name, fix_example));
            return;
        }
}

/* Allow = #method (RFC 9110, Section 10.2.1); empty is allowed. */
static void check_allow(struct lint *c, struct response *r,
                        const struct field *f)
{
    check_token_list(c, r, f, "Allow", RULE_ALLOW_SYNTAX, "GET, HEAD, PUT");
}

/* Accept-Ranges = 1#range-unit (RFC 9110, Section 14.3). */
static void check_accept_ranges(struct lint *c, struct response *r,
                                const struct field *f)
{
    size_t pos = 0, n;
    const char *e;

    if (!lint_list_next(f->value, f->value_len, &pos, &e, &n)) {
        char *q = lint_quote(f->value, f->value_len);
        lint_add(c, r, RULE_ACCEPT_RANGES_SYNTAX, NULL,
                 lint_printf("line %zu: Accept-Ranges %s names no range "
                             "unit",
                             f->line, q),
                 lint_printf("send \"Accept-Ranges: bytes\", or "
                             "\"Accept-Ranges: none\" when ranges are not "
                             "supported"));
        free(q);
        return;
    }
    check_token_list(c, r, f, "Accept-Ranges", RULE_ACCEPT_RANGES_SYNTAX,
                     "bytes");
}

/* Content-Encoding = #content-coding (RFC 9110, Section 8.4); the codings
 * in the IANA registry (Section 16.6). */
static void check_content_encoding(struct lint *c, struct response *r,
                                   const struct field *f)
{
    static const char *const known[] = {
        "gzip", "deflate",      "compress", "br",
        "zstd", "dcb",          "dcz",      "aes128gcm",
        "exi",  "pack200-gzip", "x-gzip",   "x-compress",
    };
    size_t pos = 0, n, k;
    const char *e;

    while (lint_list_next(f->value, f->value_len, &pos, &e, &n)) {
        char *q;
        if (!grammar_token(e, n)) {
            bad_element(c, r, RULE_CONTENT_ENCODING_SYNTAX, f,
                        "Content-Encoding", e, n,
                        "is not a token: codings are separated by commas",
                        lint_printf("send the codings in the order they were "
                                    "applied, such as \"Content-Encoding: "
                                    "gzip\""));
            return;
        }
        if (eq_nocase(e, n, "identity")) {
            lint_add(c, r, RULE_CONTENT_ENCODING_IDENTITY, NULL,
                     lint_printf("line %zu: Content-Encoding lists "
                                 "\"identity\", which belongs in "
                                 "Accept-Encoding only",
                                 f->line),
                     lint_printf("leave \"identity\" out: content without a "
                                 "coding has no Content-Encoding"));
            continue;
        }
        for (k = 0; k < sizeof known / sizeof known[0]; k++)
            if (eq_nocase(e, n, known[k]))
                break;
        if (k < sizeof known / sizeof known[0])
            continue;
        q = lint_quote(e, n);
        lint_add(c, r, RULE_CONTENT_ENCODING_UNKNOWN, NULL,
                 lint_printf("line %zu: content coding %s is not in the IANA "
                             "registry: clients may not know how to decode "
                             "it",
                             f->line, q),
                 lint_printf("use a registered coding, such as gzip, br or "
                             "zstd"));
        free(q);
    }
}

/* Content-Language = #language-tag (RFC 9110, Section 8.5; RFC 5646). */
static void check_content_language(struct lint *c, struct response *r,
                                   const struct field *f)
{
    size_t pos = 0, n, at;
    const char *e;

    while (lint_list_next(f->value, f->value_len, &pos, &e, &n)) {
        const char *why = grammar_language_tag(e, n, &at);
        if (why) {
            char *q = lint_quote(e, n);
            lint_add(c, r, RULE_CONTENT_LANGUAGE_SYNTAX, NULL,
                     lint_printf("line %zu: Content-Language has %s, which "
                                 "is not a language tag: %s",
                                 f->line, q, why),
                     lint_printf("send language tags such as \"en\", "
                                 "\"en-US\" or \"zh-Hant\", separated by "
                                 "commas"));
            free(q);
            return;
        }
    }
}

/* Vary = #( "*" / field-name ) (RFC 9110, Section 12.5.5). */
static void check_vary(struct lint *c, struct response *r,
                       const struct field *f)
{
    size_t pos = 0, n;
    const char *e;

    while (lint_list_next(f->value, f->value_len, &pos, &e, &n))
        if (!(n == 1 && e[0] == '*') && !grammar_token(e, n)) {
            bad_element(c, r, RULE_VARY_SYNTAX, f, "Vary", e, n,
                        "is neither a field name nor \"*\"",
                        lint_printf("send field names separated by commas, "
                                    "such as \"Vary: Accept-Encoding, "
                                    "Accept-Language\""));
            return;
        }
}

/* Within every Vary line: "*" makes the other members pointless. */
static void vary_star(struct lint *c, struct response *r)
{
    size_t i, members = 0, line = 0;
    int star = 0;

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        size_t pos = 0, n;
        const char *e;
        if (!eq_nocase(f->name, f->name_len, "Vary"))
            continue;
        while (lint_list_next(f->value, f->value_len, &pos, &e, &n)) {
            members++;
            if (n == 1 && e[0] == '*' && !star) {
                star = 1;
                line = f->line;
            }
        }
    }
    if (star && members > 1)
        lint_add(c, r, RULE_VARY_STAR_WITH_OTHERS, NULL,
                 lint_printf("line %zu: Vary has \"*\" and field names: "
                             "\"*\" already says that anything about the "
                             "request may matter",
                             line),
                 lint_printf("send \"Vary: *\" alone, or only the field "
                             "names"));
}

/* ------------------------------------------------------ single values */

static void check_content_type(struct lint *c, struct response *r,
                               const struct field *f)
{
    size_t at;
    const char *why = grammar_media_type(f->value, f->value_len, &at);

    if (why)
        bad_value(c, r, RULE_CONTENT_TYPE_SYNTAX, f, "Content-Type",
                  "a media type", why, at,
                  lint_printf("send one media type and its parameters, such "
                              "as \"Content-Type: text/html; "
                              "charset=utf-8\""));
}

static void check_etag(struct lint *c, struct response *r,
                       const struct field *f)
{
    size_t at;
    const char *why = grammar_entity_tag(f->value, f->value_len, &at);

    if (why)
        bad_value(c, r, RULE_ETAG_SYNTAX, f, "ETag", "an entity tag", why, at,
                  lint_printf("send the tag in double quotes, such as "
                              "\"ETag: \\\"v2.6\\\"\" or \"ETag: "
                              "W/\\\"v2.6\\\"\""));
}

/* Age = delay-seconds (RFC 9111, Section 5.1). */
static void check_age(struct lint *c, struct response *r,
                      const struct field *f)
{
    if (!grammar_delay_seconds(f->value, f->value_len))
        bad_value(c, r, RULE_AGE_SYNTAX, f, "Age", "a number of seconds",
                  "Age is a whole number of seconds, digits only",
                  f->value_len,
                  lint_printf("send whole seconds, such as \"Age: 60\""));
}

/* -------------------------------------------------------------- Link */

/* Link = #link-value; link-value = "<" URI-Reference ">" *( OWS ";" OWS
 * link-param ); link-param = token BWS [ "=" BWS ( token / quoted-string
 * ) ] (RFC 8288, Section 3). A link's URI may hold commas, so the list is
 * walked here rather than split at commas. */
static void check_link(struct lint *c, struct response *r,
                       const struct field *f)
{
    const char *v = f->value;
    size_t n = f->value_len, i = 0;
    static const char fix_example[] =
        "send each link as \"<URI>; rel=type\", such as \"Link: "
        "</style.css>; rel=preload; as=style\"";

    for (;;) {
        size_t start, close, at, rels = 0;
        const char *why = NULL;

        while (i < n && (is_ows((unsigned char)v[i]) || v[i] == ','))
            i++;
        if (i == n)
            return;
        start = i;
        if (v[i] != '<') {
            bad_value(c, r, RULE_LINK_SYNTAX, f, "Link", "a list of links",
                      "a link does not start with \"<\"", i,
                      lint_printf("%s", fix_example));
            return;
        }
        for (close = i + 1; close < n && v[close] != '>'; close++)
            ;
        if (close == n) {
            bad_value(c, r, RULE_LINK_SYNTAX, f, "Link", "a list of links",
                      "a \"<\" without its \">\"", i,
                      lint_printf("%s", fix_example));
            return;
        }
        why = grammar_uri_reference(v + i + 1, close - i - 1, 0, &at);
        if (why) {
            char *q = lint_quote(v + i + 1, close - i - 1);
            lint_add(c, r, RULE_LINK_SYNTAX, NULL,
                     lint_printf("line %zu: Link target %s is not a URI "
                                 "reference: %s",
                                 f->line, q, why),
                     uri_fix("Link", why, "</new%20page>; rel=next"));
            free(q);
            return;
        }
        i = close + 1;
        /* The parameters. */
        for (;;) {
            size_t name, name_len;
            i = skip_ows(v, n, i);
            if (i == n || v[i] == ',')
                break;
            if (v[i] != ';') {
                why = "text after a link that is not \";\" and a parameter";
                break;
            }
            i = skip_ows(v, n, i + 1);
            name = i;
            while (i < n && is_tchar((unsigned char)v[i]))
                i++;
            name_len = i - name;
            if (name_len == 0) {
                why = "a \";\" without a parameter after it";
                break;
            }
            if (eq_nocase(v + name, name_len, "rel"))
                rels++;
            i = skip_ows(v, n, i);
            if (i < n && v[i] == '=') {
                i = skip_ows(v, n, i + 1);
                if (i < n && v[i] == '"') {
                    size_t len = grammar_quoted_string(v + i, n - i);
                    if (len == 0) {
                        why = "a quoted string that is not closed";
                        break;
                    }
                    i += len;
                } else {
                    size_t a = i;
                    while (i < n && is_tchar((unsigned char)v[i]))
                        i++;
                    if (i == a) {
                        why = "a parameter value that is neither a token nor "
                              "a quoted string";
                        break;
                    }
                }
            }
        }
        if (why) {
            bad_value(c, r, RULE_LINK_SYNTAX, f, "Link", "a list of links",
                      why, i, lint_printf("%s", fix_example));
            return;
        }
        if (rels != 1) {
            char *q = lint_quote(v + start, i - start);
            lint_add(c, r, RULE_LINK_REL, NULL,
                     rels == 0 ? lint_printf("line %zu: link %s has no rel "
                                             "parameter",
                                             f->line, q)
                               : lint_printf("line %zu: link %s has %zu rel "
                                             "parameters: recipients use the "
                                             "first",
                                             f->line, q, rels),
                     lint_printf("give each link exactly one rel, with "
                                 "several types in quotes when needed: "
                                 "rel=\"preload prefetch\""));
            free(q);
        }
    }
}

/* ------------------------------------------------- security fields */

/* Strict-Transport-Security (RFC 6797, Section 6.1): [ directive ] *( ";"
 * [ directive ] ), directive = name [ "=" ( token / quoted-string ) ],
 * each directive once, max-age required and delta-seconds. A UA ignores
 * a field that breaks these. */
static void check_hsts(struct lint *c, struct response *r,
                       const struct field *f)
{
    const char *v = f->value;
    size_t n = f->value_len, i = 0, at = 0;
    const char *why = NULL, *names[16];
    size_t lens[16], count = 0, k;
    int max_age = 0;

    while (i <= n && why == NULL) {
        size_t name, name_len, val = 0, val_len = 0;
        i = skip_ows(v, n, i);
        if (i == n)
            break;
        if (v[i] == ';') {
            i++;
            continue;
        }
        name = i;
        while (i < n && is_tchar((unsigned char)v[i]))
            i++;
        name_len = i - name;
        at = name;
        if (name_len == 0) {
            why = "a directive name that is not a token";
            break;
        }
        i = skip_ows(v, n, i);
        if (i < n && v[i] == '=') {
            i = skip_ows(v, n, i + 1);
            val = i;
            if (i < n && v[i] == '"') {
                size_t len = grammar_quoted_string(v + i, n - i);
                if (len == 0) {
                    why = "a quoted string that is not closed";
                    at = i;
                    break;
                }
                i += len;
                val++;
                val_len = len - 2;
            } else {
                while (i < n && is_tchar((unsigned char)v[i]))
                    i++;
                val_len = i - val;
                if (val_len == 0) {
                    why = "a directive with \"=\" and no value";
                    at = i;
                    break;
                }
            }
            i = skip_ows(v, n, i);
        }
        if (i < n && v[i] != ';') {
            why = "a character where \";\" should separate directives";
            at = i;
            break;
        }
        for (k = 0; k < count; k++)
            if (lens[k] == name_len &&
                same_nocase(names[k], v + name, name_len)) {
                why = "a directive that appears more than once";
                break;
            }
        if (why)
            break;
        if (count < sizeof names / sizeof names[0]) {
            names[count] = v + name;
            lens[count++] = name_len;
        }
        if (eq_nocase(v + name, name_len, "max-age")) {
            max_age = 1;
            if (!grammar_delay_seconds(v + val, val_len)) {
                why = "max-age is not a whole number of seconds";
                at = val;
                break;
            }
        }
    }
    if (why == NULL && !max_age) {
        why = "it has no max-age directive, which is required";
        at = n;
    }
    if (why)
        bad_value(c, r, RULE_HSTS_SYNTAX, f, "Strict-Transport-Security",
                  "a valid policy, so browsers ignore it", why, at,
                  lint_printf("send \"Strict-Transport-Security: "
                              "max-age=31536000; includeSubDomains\""));
}

/* Content-Security-Policy and its Report-Only form (CSP Level 3, Section
 * 2.2): policies separated by ",", directives by ";"; a directive name is
 * ALPHA, DIGIT and "-", a value has no controls and no non-ASCII bytes;
 * a directive repeated within a policy is ignored. Browsers skip what
 * does not parse, which leaves the policy weaker than it reads. */
static void check_csp(struct lint *c, struct response *r,
                      const struct field *f, const char *field)
{
    const char *v = f->value;
    size_t n = f->value_len, i = 0, k;
    const char *why = NULL, *names[64];
    size_t lens[64], count = 0, bad = 0, bad_len = 0;
    int after_comma = 0;

    while (i < n && why == NULL) {
        size_t a, e, name_end, j;
        /* One directive: up to ";" or ",". */
        for (e = i; e < n && v[e] != ';' && v[e] != ','; e++)
            ;
        for (a = i; a < e && is_ows((unsigned char)v[a]); a++)
            ;
        for (name_end = a; name_end < e && !is_ows((unsigned char)v[name_end]);
             name_end++)
            ;
        for (j = a; j < name_end && why == NULL; j++)
            if (!is_alpha((unsigned char)v[j]) &&
                !is_digit((unsigned char)v[j]) && v[j] != '-')
                why = after_comma
                          ? "has a name that is not letters, digits and "
                            "\"-\": the \",\" before it starts another "
                            "policy"
                          : "has a name that is not letters, digits and "
                            "\"-\"";
        for (j = name_end; why == NULL && j < e; j++) {
            unsigned char ch = (unsigned char)v[j];
            if ((ch < 0x20 && ch != '\t') || ch >= 0x7f)
                why = ch >= 0x80 ? "has a byte outside ASCII"
                                 : "has a control character";
        }
        for (k = 0; why == NULL && a < e && k < count; k++)
            if (lens[k] == name_end - a &&
                same_nocase(names[k], v + a, lens[k]))
                why = "repeats a directive of the same policy, and browsers "
                      "ignore the repetition";
        if (why) {
            bad = a;
            bad_len = e - a;
            while (bad_len > 0 && is_ows((unsigned char)v[bad + bad_len - 1]))
                bad_len--;
            break;
        }
        if (a < e && count < sizeof names / sizeof names[0]) {
            names[count] = v + a;
            lens[count++] = name_end - a;
        }
        after_comma = e < n && v[e] == ',';
        if (after_comma)
            count = 0; /* the next policy */
        i = e + 1;
    }
    if (why) {
        char *q = lint_quote(v + bad, bad_len);
        lint_add(c, r, RULE_CSP_SYNTAX, NULL,
                 lint_printf("line %zu: %s directive %s %s", f->line, field, q,
                             why),
                 lint_printf("write each directive once, as a name and its "
                             "sources, with \";\" between directives: "
                             "\"default-src 'self'; img-src 'self' "
                             "https:\""));
        free(q);
    }
}

static void check_csp_field(struct lint *c, struct response *r,
                            const struct field *f)
{
    check_csp(c, r, f, "Content-Security-Policy");
}

static void check_csp_report_only(struct lint *c, struct response *r,
                                  const struct field *f)
{
    check_csp(c, r, f, "Content-Security-Policy-Report-Only");
}

/* The members of a list as the Fetch Standard splits it ("get, decode,
 * and split"): at commas outside quotes, HTTP whitespace trimmed, empty
 * members kept, so an empty value is one empty member. Start with *pos =
 * 0; returns 0 after the last member. */
static int member_next(const char *v, size_t n, size_t *pos, const char **e,
                       size_t *len)
{
    size_t i = *pos, a, b;
    int quoted = 0;

    if (i > n)
        return 0;
    for (a = i; i < n && (quoted || v[i] != ','); i++) {
        if (quoted && v[i] == '\\' && i + 1 < n)
            i++;
        else if (v[i] == '"')
            quoted = !quoted;
    }
    for (b = i; a < b && is_ows((unsigned char)v[a]); a++)
        ;
    while (b > a && is_ows((unsigned char)v[b - 1]))
        b--;
    *e = v + a;
    *len = b - a;
    *pos = i + 1; /* past the comma, or past the end */
    return 1;
}

/* X-Content-Type-Options (Fetch Standard): browsers read the first member
 * of the combined lines, and only "nosniff" does anything. */
static void check_nosniff(struct lint *c, struct response *r)
{
    const struct field *f = lint_field(c, "X-Content-Type-Options");
    const char *e;
    size_t n, pos = 0;
    char *q;

    if (f == NULL || !member_next(f->value, f->value_len, &pos, &e, &n) ||
        eq_nocase(e, n, "nosniff"))
        return;
    q = lint_quote(e, n);
    lint_add(c, r, RULE_X_CONTENT_TYPE_OPTIONS_SYNTAX, NULL,
             lint_printf("line %zu: X-Content-Type-Options starts with %s, "
                         "not \"nosniff\", so browsers ignore it",
                         f->line, q),
             lint_printf("send \"X-Content-Type-Options: nosniff\""));
    free(q);
}

/* X-Frame-Options (RFC 7034, Section 2.1, and the HTML Standard, which
 * browsers follow): the members of all lines, lower-cased, as a set; one
 * "deny" or "sameorigin" acts, several different members including one
 * of those (or "allowall") block all framing, anything else is ignored.
 * ALLOW-FROM, in RFC 7034, is no longer supported anywhere. */
static void check_frame_options(struct lint *c, struct response *r)
{
    const char *first = NULL, *other = NULL;
    size_t first_len = 0, other_len = 0, i, line = 0;
    int strong = 0;

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        size_t pos = 0, n;
        const char *e;
        if (!eq_nocase(f->name, f->name_len, "X-Frame-Options"))
            continue;
        if (line == 0)
            line = f->line;
        while (member_next(f->value, f->value_len, &pos, &e, &n)) {
            strong = strong || eq_nocase(e, n, "deny") ||
                     eq_nocase(e, n, "sameorigin") ||
                     eq_nocase(e, n, "allowall");
            if (first == NULL) {
                first = e;
                first_len = n;
            } else if (other == NULL &&
                       (n != first_len || !same_nocase(e, first, n))) {
                other = e;
                other_len = n;
            }
        }
    }
    if (line == 0 || first == NULL)
        return;
    if (other) {
        char *q1 = lint_quote(first, first_len);
        char *q2 = lint_quote(other, other_len);
        lint_add(c, r, RULE_X_FRAME_OPTIONS_SYNTAX, NULL,
                 strong ? lint_printf("line %zu: X-Frame-Options has "
                                      "different values, %s and %s: "
                                      "browsers then refuse all framing",
                                      line, q1, q2)
                        : lint_printf("line %zu: X-Frame-Options has "
                                      "different values, %s and %s, so "
                                      "browsers ignore it",
                                      line, q1, q2),
                 lint_printf("send one value: \"X-Frame-Options: DENY\" or "
                             "\"X-Frame-Options: SAMEORIGIN\""));
        free(q1);
        free(q2);
        return;
    }
    if (eq_nocase(first, first_len, "deny") ||
        eq_nocase(first, first_len, "sameorigin"))
        return;
    {
        char *q = lint_quote(first, first_len);
        int allow_from =
            first_len >= 10 && same_nocase(first, "allow-from", 10);
        lint_add(
            c, r, RULE_X_FRAME_OPTIONS_SYNTAX, NULL,
            allow_from ? lint_printf("line %zu: X-Frame-Options %s uses the "
                                     "obsolete ALLOW-FROM, which browsers "
                                     "ignore: framing is not restricted",
                                     line, q)
                       : lint_printf("line %zu: X-Frame-Options %s is neither "
                                     "DENY nor SAMEORIGIN, so browsers ignore "
                                     "it",
                                     line, q),
            allow_from ? lint_printf("name the sites that may frame the page "
                                     "with \"Content-Security-Policy: "
                                     "frame-ancestors https://example.com\"")
                       : lint_printf("send \"X-Frame-Options: DENY\" or "
                                     "\"X-Frame-Options: SAMEORIGIN\""));
        free(q);
    }
}

/* Referrer-Policy (Referrer Policy, Section 4.1): a list of policy
 * tokens, of which browsers take the last they know; unknown ones are
 * skipped, which is how a site gives fallbacks. */
static void check_referrer_policy(struct lint *c, struct response *r,
                                  const struct field *f)
{
    static const char *const known[] = {
        "no-referrer",
        "no-referrer-when-downgrade",
        "origin",
        "origin-when-cross-origin",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "unsafe-url",
    };
    size_t pos = 0, n, k;
    const char *e;

    while (lint_list_next(f->value, f->value_len, &pos, &e, &n)) {
        char *q;
        for (k = 0; k < sizeof known / sizeof known[0]; k++)
            if (eq_nocase(e, n, known[k]))
                break;
        if (k < sizeof known / sizeof known[0])
            continue;
        q = lint_quote(e, n);
        lint_add(c, r, RULE_REFERRER_POLICY_UNKNOWN, NULL,
                 lint_printf("line %zu: Referrer-Policy %s is not a referrer "
                             "policy browsers know: they skip it",
                             f->line, q),
                 lint_printf("use a known policy, such as "
                             "\"Referrer-Policy: "
                             "strict-origin-when-cross-origin\""));
        free(q);
    }
}

/* ------------------------------------------------- Transfer-Encoding */

/* transfer-coding = token *( OWS ";" OWS transfer-parameter ), and
 * transfer-parameter = token BWS "=" BWS ( token / quoted-string ) (RFC
 * 9112, Section 7). Returns the coding's length, or 0 after reporting a
 * syntax problem. */
static size_t transfer_coding(struct lint *c, struct response *r,
                              const struct field *f, const char *e, size_t n)
{
    size_t i = 0, name;
    const char *why = NULL;

    while (i < n && is_tchar((unsigned char)e[i]))
        i++;
    name = i;
    if (name == 0)
        why = "does not start with a coding name";
    while (why == NULL) {
        size_t a;
        i = skip_ows(e, n, i);
        if (i == n)
            break;
        if (e[i] != ';') {
            why = "is not a coding name and parameters";
            break;
        }
        i = skip_ows(e, n, i + 1);
        for (a = i; i < n && is_tchar((unsigned char)e[i]); i++)
            ;
        if (i == a) {
            why = "has a \";\" without a parameter after it";
            break;
        }
        i = skip_ows(e, n, i);
        if (i == n || e[i] != '=') {
            why = "has a parameter without \"=\" and a value";
            break;
        }
        i = skip_ows(e, n, i + 1);
        if (i < n && e[i] == '"') {
            size_t len = grammar_quoted_string(e + i, n - i);
            if (len == 0) {
                why = "has a quoted string that is not closed";
                break;
            }
            i += len;
        } else {
            for (a = i; i < n && is_tchar((unsigned char)e[i]); i++)
                ;
            if (i == a) {
                why = "has a parameter with no value";
                break;
            }
        }
    }
    if (why) {
        bad_element(c, r, RULE_TRANSFER_ENCODING_SYNTAX, f,
                    "Transfer-Encoding", e, n, why,
                    lint_printf("send the codings in the order they were "
                                "applied, such as \"Transfer-Encoding: "
                                "chunked\""));
        return 0;
    }
    return name;
}

/* RFC 9112, Sections 6.1 and 7: the codings of every line, in order. */
static void check_transfer_encoding(struct lint *c, struct response *r)
{
    static const char *const known[] = {
        "chunked", "compress", "deflate", "gzip", "x-compress", "x-gzip",
    };
    size_t i, k, chunked = 0, codings = 0, line = 0;
    int last_chunked = 0, broken = 0;

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        size_t pos = 0, n, len;
        const char *e;
        if (!eq_nocase(f->name, f->name_len, "Transfer-Encoding"))
            continue;
        if (line == 0)
            line = f->line;
        while (lint_list_next(f->value, f->value_len, &pos, &e, &n)) {
            char *q;
            len = transfer_coding(c, r, f, e, n);
            if (len == 0) {
                broken = 1;
                break;
            }
            codings++;
            last_chunked = eq_nocase(e, len, "chunked");
            chunked += (size_t)last_chunked;
            for (k = 0; k < sizeof known / sizeof known[0]; k++)
                if (eq_nocase(e, len, known[k]))
                    break;
            if (k < sizeof known / sizeof known[0])
                continue;
            q = lint_quote(e, len);
            lint_add(c, r, RULE_TRANSFER_ENCODING_UNKNOWN, NULL,
                     lint_printf("line %zu: transfer coding %s is not in the "
                                 "IANA registry: clients cannot decode it",
                                 f->line, q),
                     lint_printf("send \"Transfer-Encoding: chunked\", and "
                                 "compress with Content-Encoding"));
            free(q);
        }
    }
    if (line == 0)
        return;
    if (r->major == 1 && r->minor == 0)
        lint_add(c, r, RULE_TRANSFER_ENCODING_HTTP10, NULL,
                 lint_printf("line %zu: Transfer-Encoding in a response "
                             "labelled HTTP/1.0: recipients must treat its "
                             "framing as faulty",
                             line),
                 lint_printf("send HTTP/1.1 in the status line, or frame "
                             "the content with Content-Length for HTTP/1.0"));
    if (broken)
        return;
    if (chunked > 1)
        lint_add(c, r, RULE_TRANSFER_ENCODING_CHUNKED_TWICE, NULL,
                 lint_printf("line %zu: chunked is applied %zu times", line,
                             chunked),
                 lint_printf("apply chunked once, as the last coding: "
                             "\"Transfer-Encoding: chunked\""));
    else if (codings > 0 && !last_chunked)
        lint_add(c, r, RULE_TRANSFER_ENCODING_CHUNKED_NOT_LAST, NULL,
                 lint_printf("line %zu: the last transfer coding is not "
                             "chunked, so the content ends only when the "
                             "server closes the connection",
                             line),
                 lint_printf("apply chunked last, such as "
                             "\"Transfer-Encoding: gzip, chunked\", so the "
                             "connection can be reused"));
}

/* --------------------------------------------------- across the lines */

/* Fields defined as one value, not a list: RFC 9110, Section 5.3 forbids
 * sending them on several lines. */
static const char *const singletons[] = {
    "Age",
    "Content-Disposition",
    "Content-Location",
    "Content-Range",
    "Content-Type",
    "Date",
    "ETag",
    "Expires",
    "Last-Modified",
    "Location",
    "Retry-After",
    "Server",
    "Strict-Transport-Security",
};

static void check_repeated(struct lint *c, struct response *r)
{
    size_t k, i;

    for (k = 0; k < sizeof singletons / sizeof singletons[0]; k++) {
        size_t count = 0, first = 0, second = 0;
        for (i = 0; i < c->nfields; i++)
            if (eq_nocase(c->fields[i].name, c->fields[i].name_len,
                          singletons[k])) {
                if (count == 0)
                    first = c->fields[i].line;
                else if (count == 1)
                    second = c->fields[i].line;
                count++;
            }
        if (count < 2)
            continue;
        lint_add(c, r, RULE_FIELD_REPEATED, NULL,
                 lint_printf("%s is sent on %zu lines (lines %zu and %zu%s), "
                             "but it holds one value, not a list",
                             singletons[k], count, first, second,
                             count > 2 ? ", ..." : ""),
                 lint_printf("send %s once", singletons[k]));
    }
}

/* RFC 9110, Section 8.8.2.1: an origin server's Last-Modified is not
 * later than its Date. */
static void check_modified_future(struct lint *c, struct response *r,
                                  const struct grammar_date *date,
                                  const struct grammar_date *modified,
                                  const struct field *lm)
{
    char *q;

    if (date->form == GRAMMAR_DATE_INVALID ||
        modified->form == GRAMMAR_DATE_INVALID || modified->t <= date->t)
        return;
    q = lint_quote(lm->value, lm->value_len);
    lint_add(c, r, RULE_LAST_MODIFIED_FUTURE, NULL,
             lint_printf("line %zu: Last-Modified %s is later than Date, by "
                         "%lld second%s",
                         lm->line, q, modified->t - date->t,
                         modified->t - date->t == 1 ? "" : "s"),
             lint_printf("send the time of the response (its Date) when the "
                         "modification time is in the future"));
    free(q);
}

/* RFC 9110, Section 8.3: content that a sender knows the type of carries
 * Content-Type. */
static void check_type_present(struct lint *c, struct response *r)
{
    const char *method = c->opt->method;

    if (c->content == NULL || c->content_len == 0 || r->code < 200 ||
        httpstatus_forbids_content(r->code) ||
        (method && strcmp(method, "HEAD") == 0) ||
        (method && strcmp(method, "CONNECT") == 0 &&
         httpstatus_is_success(r->code)) ||
        lint_field(c, "Content-Type"))
        return;
    lint_add(c, r, RULE_CONTENT_TYPE_MISSING, NULL,
             lint_printf("%zu bytes of content without Content-Type: the "
                         "client has to guess what they are",
                         c->content_len),
             lint_printf("send the content's media type, such as "
                         "\"Content-Type: text/html; charset=utf-8\""));
}

/* ------------------------------------------------------------ driver */

typedef void line_check(struct lint *c, struct response *r,
                        const struct field *f);

static const struct {
    const char *name;
    line_check *check;
} line_checks[] = {
    {"Location", check_location},
    {"Content-Location", check_content_location},
    {"Allow", check_allow},
    {"Content-Type", check_content_type},
    {"Content-Encoding", check_content_encoding},
    {"Content-Language", check_content_language},
    {"Vary", check_vary},
    {"ETag", check_etag},
    {"Accept-Ranges", check_accept_ranges},
    {"Age", check_age},
    {"Expires", check_expires},
    {"Retry-After", check_retry_after},
    {"Link", check_link},
    {"Strict-Transport-Security", check_hsts},
    {"Content-Security-Policy", check_csp_field},
    {"Content-Security-Policy-Report-Only", check_csp_report_only},
    {"Referrer-Policy", check_referrer_policy},
};

void lint_fields(struct lint *c, struct response *r)
{
    struct grammar_date date, modified, scratch;
    const struct field *lm = NULL;
    size_t i, k;
    int have_date = 0;

    memset(&date, 0, sizeof date);
    memset(&modified, 0, sizeof modified);
    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        if (eq_nocase(f->name, f->name_len, "Date")) {
            check_date_field(c, r, f, "Date", RULE_DATE_SYNTAX,
                             have_date ? &scratch : &date);
            have_date = 1;
            continue;
        }
        if (eq_nocase(f->name, f->name_len, "Last-Modified")) {
            check_date_field(c, r, f, "Last-Modified",
                             RULE_LAST_MODIFIED_SYNTAX,
                             lm ? &scratch : &modified);
            if (lm == NULL)
                lm = f;
            continue;
        }
        for (k = 0; k < sizeof line_checks / sizeof line_checks[0]; k++)
            if (eq_nocase(f->name, f->name_len, line_checks[k].name)) {
                line_checks[k].check(c, r, f);
                break;
            }
    }
    if (have_date && lm)
        check_modified_future(c, r, &date, &modified, lm);
    vary_star(c, r);
    check_nosniff(c, r);
    check_frame_options(c, r);
    check_transfer_encoding(c, r);
    check_repeated(c, r);
    check_type_present(c, r);
}
