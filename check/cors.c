/* cors.c: the CORS response fields (the Fetch standard, Section 3.3).
 *
 * Fetch has no requirement keywords for servers: what it has is the
 * browser's algorithm, which fails the request when a field does not
 * match byte for byte. So what makes browsers fail is an error (the
 * origin, its list, the wildcard with credentials, the preflight's lists),
 * what makes them ignore a field or a cache serve the wrong response is
 * a warning, and a value that does nothing is a note.
 *
 * Section numbers are those of the living standard as of 2026: 3.2 (the
 * Origin header and serialized-origin), 3.3.4 (the fields' ABNF), 4.8
 * (CORS-preflight fetch) and 4.10 (CORS check). */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "lint.h"

/* The one value of a field when it is on one line; NULL otherwise. */
static const struct field *single(const struct lint *c, const char *name)
{
    return lint_field_count(c, name) == 1 ? lint_field(c, name) : NULL;
}

static int is_lower_alnum(int ch)
{
    return (ch >= 'a' && ch <= 'z') || is_digit(ch);
}

/* What keeps v[0..n) from being a serialized origin (Fetch, Section
 * 3.2) that a browser's origin could equal byte for byte, or NULL. */
static const char *origin_problem(const char *v, size_t n)
{
    size_t i = 0, host, port_start;
    int upper = 0;

    for (i = 0; i < n; i++)
        if (v[i] >= 'A' && v[i] <= 'Z')
            upper = 1;
    if (memchr(v, '*', n) != NULL)
        return "a wildcard inside an origin matches nothing: only \"*\" "
               "alone is a wildcard";
    for (i = 0; i < n && (is_alpha(v[i]) || is_digit(v[i]) || v[i] == '+' ||
                          v[i] == '-' || v[i] == '.');
         i++)
        ;
    if (i == 0 || !is_alpha(v[0]) || n - i < 3 || memcmp(v + i, "://", 3))
        return "it does not start with a scheme and \"://\"";
    host = i + 3;
    if (upper)
        return "it has upper-case letters, and browsers send origins in "
               "lower case";
    if (memchr(v + host, '@', n - host) != NULL)
        return "an origin has no user name or password";
    i = host;
    if (i < n && v[i] == '[') {
        while (i < n && v[i] != ']')
            i++;
        if (i == n)
            return "the IPv6 address has no ']'";
        i++;
    } else {
        while (i < n && (is_lower_alnum((unsigned char)v[i]) || v[i] == '-' ||
                         v[i] == '.' || v[i] == '_'))
            i++;
        if (i < n && (unsigned char)v[i] >= 0x80)
            return "browsers send an internationalized host name in its "
                   "ASCII form (xn--...)";
    }
    if (i == host)
        return "it has no host";
    if (v[i - 1] == '.')
        return "the host ends in a dot";
    port_start = i;
    if (i < n && v[i] == ':') {
        size_t digits = 0;
        unsigned long port = 0;
        for (i++; i < n && is_digit((unsigned char)v[i]); i++, digits++)
            if (digits < 6)
                port = port * 10 + (unsigned long)(v[i] - '0');
        if (digits == 0 || digits > 5 || port > 65535)
            return "the port is not a number from 0 to 65535";
        if (v[port_start + 1] == '0' && digits > 1)
            return "the port has a leading zero, which browsers leave out";
        if ((port == 80 && ((host == 7 && !memcmp(v, "http", 4)) ||
                            (host == 5 && !memcmp(v, "ws", 2)))) ||
            (port == 443 && ((host == 8 && !memcmp(v, "https", 5)) ||
                             (host == 6 && !memcmp(v, "wss", 3)))))
            return "it names the scheme's default port, which browsers "
                   "leave out of the origin";
    }
    if (i < n && v[i] == '/' && i + 1 == n)
        return "it ends in a slash, and an origin has no path";
    if (i < n && (v[i] == '/' || v[i] == '?' || v[i] == '#'))
        return "an origin has no path, query or fragment";
    if (i < n)
        return "it has characters an origin cannot have";
    return NULL;
}

/* The value of Access-Control-Allow-Origin, checked. Returns 1 when it
 * is one specific origin (for the Vary rule). */
static int check_origin(struct lint *c, struct response *r)
{
    const struct field *f = lint_field(c, "Access-Control-Allow-Origin");
    size_t lines = lint_field_count(c, "Access-Control-Allow-Origin"), i;
    const char *v, *why;
    size_t n;
    char *q;

    if (f == NULL)
        return 0;
    if (lines > 1) {
        lint_add(c, r, RULE_CORS_SEVERAL_ORIGINS, NULL,
                 lint_printf("line %zu: Access-Control-Allow-Origin is sent "
                             "on %zu lines: browsers join them into a list, "
                             "which matches no origin, and fail the request",
                             f->line, lines),
                 lint_printf("send Access-Control-Allow-Origin once; a proxy "
                             "or a second configuration layer often adds "
                             "the other"));
        return 0;
    }
    v = f->value;
    n = f->value_len;
    if (eq_exact(v, n, "*") || eq_exact(v, n, "null"))
        return 0;
    q = lint_quote(v, n);
    for (i = 0; i < n; i++)
        if (v[i] == ',' || is_ows((unsigned char)v[i]))
            break;
    if (i < n) {
        lint_add(c, r, RULE_CORS_SEVERAL_ORIGINS, NULL,
                 lint_printf("line %zu: Access-Control-Allow-Origin %s names "
                             "several origins: browsers accept only one, and "
                             "fail the request",
                             f->line, q),
                 lint_printf("send the one origin of the request, taken from "
                             "its Origin field when it is on your list, with "
                             "\"Vary: Origin\""));
        free(q);
        return 0;
    }
    if (eq_nocase(v, n, "null"))
        why = "\"null\" is matched in lower case only";
    else
        why = origin_problem(v, n);
    if (why)
        lint_add(
            c, r, RULE_CORS_ORIGIN_SYNTAX, NULL,
            lint_printf("line %zu: Access-Control-Allow-Origin %s is "
                        "not an origin a browser sends: %s; browsers "
                        "fail the request",
                        f->line, q, why),
            lint_printf("send \"*\" or an origin exactly as the request's "
                        "Origin field has it, such as "
                        "\"https://example.com\""));
    free(q);
    return why == NULL;
}

/* 1 if the Cache-Control field lists the directive, with or without an
 * argument. */
static int cache_directive(const struct lint *c, const char *name)
{
    size_t i, len = strlen(name);

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        size_t pos = 0, n;
        const char *e;
        if (!eq_nocase(f->name, f->name_len, "Cache-Control"))
            continue;
        while (lint_list_next(f->value, f->value_len, &pos, &e, &n))
            if (n >= len && same_nocase(e, name, len) &&
                (n == len || e[len] == '=' || is_ows((unsigned char)e[len])))
                return 1;
    }
    return 0;
}

/* Whether a cache could store this response and give it, without asking
 * the server, to a request from another origin: a response to GET or
 * HEAD (or to an unknown method) that is fresh for a while, by
 * max-age, s-maxage, Expires or public, or heuristically (a code
 * cacheable by default, with the Last-Modified that heuristics start
 * from: RFC 9111, Section 4.2.2). no-store and no-cache make the rule
 * moot: nothing is stored, or every reuse asks the server, whose answer
 * carries the right origin. private does not: the browser's own cache
 * is a private cache. */
static int cacheable(const struct lint *c, const struct response *r)
{
    const char *m = c->opt->method;
    const struct httpstatus_info *info = httpstatus_get(r->code);

    if (m && strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0)
        return 0;
    if (cache_directive(c, "no-store") || cache_directive(c, "no-cache"))
        return 0;
    if (info == NULL || (info->flags & HTTPSTATUS_FLAG_NO_STORE) ||
        httpstatus_is_informational(r->code))
        return 0;
    if (cache_directive(c, "max-age") || cache_directive(c, "s-maxage") ||
        cache_directive(c, "public") || lint_field(c, "Expires"))
        return 1;
    return (info->flags & HTTPSTATUS_FLAG_CACHEABLE) &&
           lint_field(c, "Last-Modified") != NULL;
}

static int credentials_true(const struct lint *c)
{
    const struct field *f = single(c, "Access-Control-Allow-Credentials");

    return f && eq_exact(f->value, f->value_len, "true");
}

static void check_credentials(struct lint *c, struct response *r)
{
    const struct field *f = lint_field(c, "Access-Control-Allow-Credentials");
    size_t lines = lint_field_count(c, "Access-Control-Allow-Credentials");
    char *q;

    if (f == NULL || (lines == 1 && eq_exact(f->value, f->value_len, "true")))
        return;
    q = lint_quote(f->value, f->value_len);
    lint_add(
        c, r, RULE_CORS_CREDENTIALS_VALUE, NULL,
        lines > 1
            ? lint_printf("line %zu: Access-Control-Allow-Credentials is "
                          "sent on %zu lines: browsers join them, and only "
                          "\"true\" alone allows credentials",
                          f->line, lines)
        : eq_nocase(f->value, f->value_len, "true")
            ? lint_printf("line %zu: Access-Control-Allow-Credentials %s: "
                          "browsers match \"true\" in lower case only, so "
                          "this does not allow credentials",
                          f->line, q)
            : lint_printf("line %zu: Access-Control-Allow-Credentials %s "
                          "means nothing: only \"true\" counts, and leaving "
                          "the field out says the same",
                          f->line, q),
        lint_printf("send \"Access-Control-Allow-Credentials: true\" once, "
                    "or leave the field out"));
    free(q);
}

/* The lists of the preflight and of the exposed fields: tokens, "*" a
 * wildcard only without credentials. */
static void check_list(struct lint *c, struct response *r, const char *name,
                       int methods, int credentials)
{
    static const char *const normalized[] = {"DELETE", "OPTIONS", "PUT",
                                             "PATCH"};
    size_t i;
    int bad = 0, star = 0, lower_case = 0;

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        size_t pos = 0, n, k, j;
        const char *e;
        if (!eq_nocase(f->name, f->name_len, name))
            continue;
        while (lint_list_next(f->value, f->value_len, &pos, &e, &n)) {
            for (k = 0; k < n && is_tchar((unsigned char)e[k]); k++)
                ;
            if (k < n && !bad++) {
                char *q = lint_quote(e, n);
                lint_add(
                    c, r, RULE_CORS_LIST_SYNTAX, NULL,
                    lint_printf("line %zu: %s lists %s, which is not a "
                                "%s: browsers fail %s",
                                f->line, name, q,
                                methods ? "method name" : "field name",
                                strcmp(name, "Access-Control-Expose-Headers")
                                    ? "the preflight"
                                    : "to read the list"),
                    lint_printf("send names separated by commas, such "
                                "as \"%s\"",
                                methods ? "GET, POST, PUT"
                                        : "Content-Type, X-Request-Id"));
                free(q);
            }
            if (eq_exact(e, n, "*") && credentials && !star++)
                lint_add(c, r, RULE_CORS_WILDCARD_LIST_CREDENTIALS, NULL,
                         lint_printf("line %zu: %s lists \"*\" with "
                                     "\"Access-Control-Allow-Credentials: "
                                     "true\": for requests with credentials, "
                                     "\"*\" is only a name, not a wildcard",
                                     f->line, name),
                         lint_printf("list the names themselves, such as "
                                     "\"%s\"",
                                     methods ? "GET, POST, PUT"
                                             : "Content-Type, X-Request-Id"));
            if (!methods || lower_case)
                continue;
            for (j = 0; j < sizeof normalized / sizeof normalized[0]; j++)
                if (eq_nocase(e, n, normalized[j]) &&
                    !eq_exact(e, n, normalized[j])) {
                    char *q = lint_quote(e, n);
                    lower_case = 1;
                    lint_add(c, r, RULE_CORS_METHOD_CASE, NULL,
                             lint_printf("line %zu: %s lists %s: methods "
                                         "are case-sensitive, and browsers "
                                         "send %s",
                                         f->line, name, q, normalized[j]),
                             lint_printf("write methods in upper case, such "
                                         "as \"%s\"",
                                         normalized[j]));
                    free(q);
                }
        }
    }
}

static void check_max_age(struct lint *c, struct response *r)
{
    const struct field *f = lint_field(c, "Access-Control-Max-Age");
    size_t lines = lint_field_count(c, "Access-Control-Max-Age"), i;
    char *q;

    if (f == NULL)
        return;
    for (i = 0; i < f->value_len && is_digit((unsigned char)f->value[i]); i++)
        ;
    if (lines == 1 && f->value_len > 0 && i == f->value_len)
        return;
    q = lint_quote(f->value, f->value_len);
    lint_add(c, r, RULE_CORS_MAX_AGE_INVALID, NULL,
             lines > 1
                 ? lint_printf("line %zu: Access-Control-Max-Age is sent on "
                               "%zu lines: browsers ignore it and keep the "
                               "preflight for 5 seconds",
                               f->line, lines)
                 : lint_printf("line %zu: Access-Control-Max-Age %s is not a "
                               "number of seconds: browsers ignore it and "
                               "keep the preflight for 5 seconds",
                               f->line, q),
             lint_printf("send the seconds once, digits only, such as "
                         "\"Access-Control-Max-Age: 600\""));
    free(q);
}

void lint_cors(struct lint *c, struct response *r)
{
    const struct field *origin = single(c, "Access-Control-Allow-Origin");
    int specific = check_origin(c, r), credentials = credentials_true(c);

    if (origin && eq_exact(origin->value, origin->value_len, "*") &&
        credentials)
        lint_add(c, r, RULE_CORS_WILDCARD_CREDENTIALS, NULL,
                 lint_printf("line %zu: Access-Control-Allow-Origin \"*\" "
                             "with \"Access-Control-Allow-Credentials: "
                             "true\": browsers fail every request with "
                             "credentials",
                             origin->line),
                 lint_printf("send the request's origin instead of \"*\", "
                             "taken from its Origin field when it is on "
                             "your list, with \"Vary: Origin\""));
    if (specific && !lint_list_has(c, "Vary", "Origin") &&
        !lint_list_has(c, "Vary", "*") && cacheable(c, r)) {
        char *q = lint_quote(origin->value, origin->value_len);
        lint_add(c, r, RULE_CORS_ORIGIN_WITHOUT_VARY, NULL,
                 lint_printf("line %zu: Access-Control-Allow-Origin %s names "
                             "one origin, in a response caches may store, "
                             "without \"Vary: Origin\": if the origin is "
                             "taken from the request, a cache can give this "
                             "response to another origin",
                             origin->line, q),
                 lint_printf("add \"Vary: Origin\" when the allowed origin "
                             "depends on the request (a fixed one sent to "
                             "every request needs none)"));
        free(q);
    }
    check_credentials(c, r);
    check_list(c, r, "Access-Control-Allow-Methods", 1, credentials);
    check_list(c, r, "Access-Control-Allow-Headers", 0, credentials);
    check_list(c, r, "Access-Control-Expose-Headers", 0, credentials);
    check_max_age(c, r);
}
