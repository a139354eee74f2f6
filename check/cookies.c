/* cookies.c: the Set-Cookie rules (RFC 6265, and where browsers now
 * follow it, draft-ietf-httpbis-rfc6265bis).
 *
 * Severities. RFC 6265, Section 4.1.1 has servers follow its grammar
 * with a SHOULD, so a deviation is a warning, unless browsers drop the
 * cookie for it: then it is an error, as the cookie is lost (a cookie
 * without a name, one above 4096 bytes, SameSite=None or a name prefix
 * without the attributes it promises). A deviation that browsers read
 * as meant, or an attribute they merely ignore without a grammar rule
 * against it, is at most a note. The draft relaxed the grammar in ways
 * browsers already follow (spaces around '=', no space after ';',
 * Max-Age=0): those are not findings.
 *
 * One field line can hold several cookies folded with commas, against
 * RFC 6265, Section 3: each piece is then checked as a cookie of its
 * own, so that the fold is reported once and not as a broken value. */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "lint.h"
#include "set_cookie.h"

#define COOKIE_MAX 4096 /* bytes of name and value a browser keeps */

/* A cookie as a browser stores it, for spotting one set twice. */
struct stored {
    const char *name, *domain, *path;
    size_t name_len, domain_len, path_len;
    size_t line;
};

struct stored_list {
    struct stored *items;
    size_t n, cap;
};

/* ------------------------------------------------------------ folding */

/* 1 when v[from..comma) is an Expires attribute whose value so far is
 * a day name ("Expires=Wed"): the comma of an HTTP date. It reads
 * backwards from the comma, each byte at most once for all the commas
 * of a value, so that a value of many commas takes linear time. */
static int date_comma(const char *v, size_t from, size_t comma)
{
    size_t i = comma, letters = 0;

    while (i > from && is_alpha(v[i - 1]) && letters <= 9) {
        i--;
        letters++;
    }
    if (letters < 3 || letters > 9)
        return 0;
    while (i > from && is_ows((unsigned char)v[i - 1]))
        i--;
    if (i == from || v[i - 1] != '=')
        return 0;
    i--;
    while (i > from && is_ows((unsigned char)v[i - 1]))
        i--;
    if (i - from < 7 || !same_nocase(v + i - 7, "expires", 7))
        return 0;
    i -= 7;
    while (i > from && is_ows((unsigned char)v[i - 1]))
        i--;
    return i == from;
}

/* The offset of the next comma at or after from that starts another
 * cookie ("a=1; Path=/, b=2"), or n. A comma that ends a date's day name
 * does not count, nor does one before an attribute name. */
static size_t next_fold(const char *v, size_t n, size_t from)
{
    size_t i, av = from;

    for (i = from; i < n; i++) {
        size_t j, k;
        if (v[i] == ';')
            av = i + 1;
        if (v[i] != ',' || date_comma(v, av, i))
            continue;
        j = skip_ows(v, n, i + 1);
        for (k = j; k < n && is_tchar((unsigned char)v[k]); k++)
            ;
        if (k == j || skip_ows(v, n, k) >= n || v[skip_ows(v, n, k)] != '=')
            continue;
        /* ", Path=/" is an attribute after a stray comma, not a cookie. */
        if (set_cookie_kind_of(v + j, k - j) != SET_COOKIE_OTHER)
            continue;
        return i;
    }
    return n;
}

/* -------------------------------------------------------- one cookie */

/* What a byte that a cookie-value cannot hold is, for a message. */
static char *bad_byte(unsigned char ch)
{
    switch (ch) {
    case ' ':
        return lint_printf("a space");
    case '\t':
        return lint_printf("a tab");
    case '"':
        return lint_printf("a double quote");
    case ',':
        return lint_printf("a comma");
    case '\\':
        return lint_printf("a backslash");
    default:
        break;
    }
    if (ch < 0x20 || ch == 0x7f)
        return lint_printf("the control character 0x%02X", ch);
    return lint_printf("the byte 0x%02X, which is not ASCII", ch);
}

/* Max-Age's digits (RFC 6265, Section 4.1.1; the draft allows 0). */
static void check_max_age(struct lint *c, struct response *r, size_t line,
                          const char *qname, const struct set_cookie_av *av)
{
    const char *v = av->value;
    size_t n = av->value_len, i;
    char *q;

    for (i = 0; i < n && is_digit((unsigned char)v[i]); i++)
        ;
    if (n > 0 && i == n)
        return;
    q = lint_quote(v, n);
    if (n > 1 && v[0] == '-') {
        for (i = 1; i < n && is_digit((unsigned char)v[i]); i++)
            ;
        if (i == n) {
            lint_add(c, r, RULE_COOKIE_MAX_AGE_INVALID, NULL,
                     lint_printf("line %zu: cookie %s has Max-Age %s: "
                                 "browsers expire it at once, but Max-Age "
                                 "is digits only",
                                 line, qname, q),
                     lint_printf("send \"Max-Age=0\" to remove a cookie"));
            free(q);
            return;
        }
    }
    lint_add(c, r, RULE_COOKIE_MAX_AGE_INVALID, NULL,
             n == 0 ? lint_printf("line %zu: cookie %s has Max-Age without a "
                                  "value: browsers ignore the attribute",
                                  line, qname)
                    : lint_printf("line %zu: cookie %s has Max-Age %s, "
                                  "which is not a number of seconds: "
                                  "browsers ignore the attribute",
                                  line, qname, q),
             lint_printf("send the lifetime in seconds, digits only, such as "
                         "\"Max-Age=3600\""));
    free(q);
}

static void check_expires(struct lint *c, struct response *r, size_t line,
                          const char *qname, const struct set_cookie_av *av)
{
    static const char *const days[7] = {"Sunday",    "Monday",   "Tuesday",
                                        "Wednesday", "Thursday", "Friday",
                                        "Saturday"};
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};
    struct cookie_date d;
    enum cookie_date_form form =
        cookie_date_form(av->value, av->value_len, &d);
    char *q, *msg = NULL, *fix;
    int wday;

    if (form == COOKIE_DATE_FIXDATE)
        return;
    q = lint_quote(av->value, av->value_len);
    if (form == COOKIE_DATE_UNREADABLE) {
        lint_add(c, r, RULE_COOKIE_EXPIRES_DATE, NULL,
                 lint_printf("line %zu: cookie %s has Expires %s, which "
                             "browsers cannot read as a date: they ignore "
                             "the attribute",
                             line, qname, q),
                 lint_printf("send the date in GMT as an IMF-fixdate, such "
                             "as \"Expires=Sun, 06 Nov 1994 08:49:37 GMT\""));
        free(q);
        return;
    }
    wday = cookie_date_weekday(d.year, d.month, d.day);
    if (form == COOKIE_DATE_WRONG_DAY)
        msg = lint_printf("line %zu: cookie %s has Expires %s, but that date "
                          "is a %s",
                          line, qname, q, days[wday]);
    else
        msg = lint_printf("line %zu: cookie %s has Expires %s, which is not "
                          "in the form \"Sun, 06 Nov 1994 08:49:37 GMT\"; "
                          "browsers still read it",
                          line, qname, q);
    {
        char short_day[4];
        memcpy(short_day, days[wday], 3);
        short_day[3] = '\0';
        fix = lint_printf("send \"Expires=%s, %02d %s %04d %02d:%02d:%02d "
                          "GMT\"",
                          short_day, d.day, months[d.month - 1], d.year,
                          d.hour, d.minute, d.second);
    }
    lint_add(c, r, RULE_COOKIE_EXPIRES_DATE, NULL, msg, fix);
    free(q);
}

/* 1 when v[0..n) is a dotted-quad IPv4 address. */
static int is_ipv4(const char *v, size_t n)
{
    size_t i = 0;
    int parts = 0;

    while (i < n) {
        int value = 0;
        size_t start = i;
        while (i < n && is_digit((unsigned char)v[i]) && i - start < 3)
            value = value * 10 + (v[i++] - '0');
        if (i == start || value > 255)
            return 0;
        parts++;
        if (i == n)
            break;
        if (v[i] != '.' || parts == 4)
            return 0;
        i++;
        if (i == n)
            return 0;
    }
    return parts == 4;
}

/* 1 when v[0..n) looks like an IPv6 address, bare or in brackets: hex
 * digits, colons and dots, with two colons at least. */
static int is_ipv6(const char *v, size_t n)
{
    size_t i, colons = 0;

    if (n >= 2 && v[0] == '[' && v[n - 1] == ']') {
        v++;
        n -= 2;
    }
    for (i = 0; i < n; i++) {
        if (v[i] == ':')
            colons++;
        else if (hex_value((unsigned char)v[i]) < 0 && v[i] != '.')
            return 0;
    }
    return colons >= 2;
}

/* What is wrong with v[0..n) as a domain name (RFC 1034, Section 3.5, as
 * RFC 1123 relaxed it), or NULL. Underscores pass: browsers take them. */
static const char *domain_problem(const char *v, size_t n)
{
    size_t i, label = 0;

    if (n == 0)
        return "it is empty";
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)v[i];
        if (ch == '.') {
            if (label == 0)
                return i + 1 == n ? "it ends in a dot"
                                  : "it has an empty label";
            if (v[i - 1] == '-')
                return "a label ends in a hyphen";
            label = 0;
        } else if (is_alpha(ch) || is_digit(ch) || ch == '_' ||
                   (ch == '-' && label > 0)) {
            if (++label > 63)
                return "a label is longer than 63 bytes";
        } else if (ch == '-') {
            return "a label starts with a hyphen";
        } else if (ch == ':' || ch == '/') {
            return "it is not a bare host name: it has a scheme, port or path";
        } else {
            return "it has characters a host name cannot have";
        }
    }
    if (v[n - 1] == '.')
        return "it ends in a dot";
    if (v[n - 1] == '-')
        return "a label ends in a hyphen";
    return NULL;
}

static void check_domain(struct lint *c, struct response *r, size_t line,
                         const char *qname, const struct set_cookie_av *av)
{
    const char *v = av->value;
    size_t n = av->value_len;
    const char *why;
    char *q = lint_quote(v, n);

    if (n > 0 && v[0] == '.') {
        lint_add(c, r, RULE_COOKIE_DOMAIN_LEADING_DOT, NULL,
                 lint_printf("line %zu: cookie %s has Domain %s: browsers "
                             "ignore the leading dot",
                             line, qname, q),
                 lint_printf("send the domain without the dot, such as "
                             "\"Domain=example.com\"; it covers the "
                             "subdomains all the same"));
        v++;
        n--;
        if (n == 0) {
            free(q);
            return;
        }
    }
    if (is_ipv4(v, n) || is_ipv6(v, n)) {
        lint_add(c, r, RULE_COOKIE_DOMAIN_IP, NULL,
                 lint_printf("line %zu: cookie %s has Domain %s, an IP "
                             "address: browsers take it only from that very "
                             "host",
                             line, qname, q),
                 lint_printf("leave out Domain: a cookie without it goes back "
                             "to the host that set it"));
    } else if ((why = domain_problem(v, n)) != NULL) {
        lint_add(c, r, RULE_COOKIE_DOMAIN_SYNTAX, NULL,
                 lint_printf("line %zu: cookie %s has Domain %s, which is not "
                             "a domain name: %s",
                             line, qname, q, why),
                 lint_printf("send a host name alone, such as "
                             "\"Domain=example.com\", or leave out Domain"));
    } else if (memchr(v, '.', n) == NULL) {
        lint_add(c, r, RULE_COOKIE_DOMAIN_PUBLIC_SUFFIX, NULL,
                 lint_printf("line %zu: cookie %s has Domain %s, a top-level "
                             "name: browsers refuse a public suffix unless "
                             "it is the very host that sets the cookie",
                             line, qname, q),
                 lint_printf("send the site's own domain, such as "
                             "\"Domain=example.com\", or leave out Domain"));
    }
    free(q);
}

/* Close misspellings of the attributes, and obsolete ones. */
static const char *suggestion(const char *name, size_t n)
{
    static const struct {
        const char *folded;
        const char *says;
    } known[] = {
        {"expires", "did you mean Expires?"},
        {"expire", "did you mean Expires?"},
        {"expiry", "did you mean Expires?"},
        {"maxage", "did you mean Max-Age?"},
        {"domain", "did you mean Domain?"},
        {"path", "did you mean Path?"},
        {"secure", "did you mean Secure?"},
        {"httponly", "did you mean HttpOnly?"},
        {"samesite", "did you mean SameSite?"},
        {"partitioned", "did you mean Partitioned?"},
        {"comment", "Comment is of RFC 2109, which RFC 6265 obsoleted"},
        {"commenturl", "CommentURL is of RFC 2965, which RFC 6265 "
                       "obsoleted"},
        {"version", "Version is of RFC 2109, which RFC 6265 obsoleted"},
        {"discard", "Discard is of RFC 2965, which RFC 6265 obsoleted"},
        {"port", "Port is of RFC 2965, which RFC 6265 obsoleted"},
    };
    char folded[16];
    size_t i, len = 0, k;

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        if (ch == '-' || ch == '_' || ch == ' ' || ch == '\t')
            continue;
        if (len + 1 >= sizeof folded)
            return NULL;
        folded[len++] = (char)lower(ch);
    }
    for (k = 0; k < sizeof known / sizeof known[0]; k++)
        if (eq_exact(folded, len, known[k].folded))
            return known[k].says;
    return NULL;
}

/* An attribute as sent, without the spaces around it, quoted. */
static char *quote_av(const struct set_cookie_av *av)
{
    const char *p = av->raw;
    size_t n = av->raw_len;

    while (n > 0 && is_ows((unsigned char)p[0]))
        p++, n--;
    while (n > 0 && is_ows((unsigned char)p[n - 1]))
        n--;
    return lint_quote(p, n);
}

/* An unknown attribute; others: how many more without a hint follow. */
static void check_unknown(struct lint *c, struct response *r, size_t line,
                          const char *qname, const struct set_cookie_av *av,
                          const char *hint, size_t others)
{
    char *q = quote_av(av), *more;

    more =
        others ? lint_printf(" and %zu more", others) : lint_printf("%s", "");
    if (hint == NULL && av->has_equals &&
        set_cookie_name_ok(av->name, av->name_len))
        hint = "if it is a cookie of its own, it needs a Set-Cookie field of "
               "its own";
    lint_add(c, r, RULE_COOKIE_ATTRIBUTE_UNKNOWN, NULL,
             lint_printf("line %zu: cookie %s has an attribute browsers do "
                         "not know, %s%s%s%s",
                         line, qname, q, more, hint ? ": " : "",
                         hint ? hint : ""),
             lint_printf("send only Expires, Max-Age, Domain, Path, Secure, "
                         "HttpOnly, SameSite and Partitioned, one "
                         "Set-Cookie field per cookie"));
    free(more);
    free(q);
}

static void check_cookie(struct lint *c, struct response *r, size_t line,
                         const char *p, size_t n, struct stored_list *seen)
{
    struct set_cookie sc;
    struct set_cookie_av av, unknown;
    const struct set_cookie_av *last[SET_COOKIE_KINDS];
    struct set_cookie_av lasts[SET_COOKIE_KINDS];
    size_t counts[SET_COOKIE_KINDS], unknowns = 0, pos, bad, k;
    char *qname;

    memset(counts, 0, sizeof counts);
    for (k = 0; k < SET_COOKIE_KINDS; k++)
        last[k] = NULL;
    set_cookie_parse(p, n, &sc);

    if (sc.name_len == 0) {
        char *q = lint_quote(p, sc.pair_end);
        lint_add(c, r, RULE_COOKIE_NAMELESS, NULL,
                 sc.pair_end == 0 && n == 0
                     ? lint_printf("line %zu: empty Set-Cookie field", line)
                 : sc.has_equals
                     ? lint_printf("line %zu: Set-Cookie %s has no name "
                                   "before its '=': browsers ignore the "
                                   "cookie or store it without a name",
                                   line, q)
                     : lint_printf("line %zu: Set-Cookie %s has no '=': "
                                   "browsers ignore the cookie or store it "
                                   "without a name",
                                   line, q),
                 lint_printf("send a name, '=' and a value, such as "
                             "\"Set-Cookie: sid=31d4d96e407aad42\""));
        free(q);
        return;
    }
    qname = lint_quote(sc.name, sc.name_len);
    if (sc.name_len + sc.value_len > COOKIE_MAX)
        lint_add(c, r, RULE_COOKIE_TOO_LARGE, NULL,
                 lint_printf("line %zu: cookie %s has %zu bytes of name and "
                             "value: browsers ignore a cookie above %d",
                             line, qname, sc.name_len + sc.value_len,
                             COOKIE_MAX),
                 lint_printf("keep the cookie's name and value within %d "
                             "bytes; store larger data on the server",
                             COOKIE_MAX));

    if (!set_cookie_name_ok(sc.name, sc.name_len)) {
        lint_add(c, r, RULE_SET_COOKIE_SYNTAX, NULL,
                 lint_printf("line %zu: cookie name %s is not a token", line,
                             qname),
                 lint_printf("use only letters, digits and "
                             "!#$%%&'*+-.^_`|~ in cookie names"));
    } else if ((bad = set_cookie_value_bad(sc.value, sc.value_len)) <
               sc.value_len) {
        char *q = lint_quote(sc.value, sc.value_len);
        char *what = bad_byte((unsigned char)sc.value[bad]);
        int unclosed = sc.value[0] == '"' && bad == 0;
        lint_add(c, r, RULE_SET_COOKIE_SYNTAX, NULL,
                 unclosed ? lint_printf("line %zu: cookie %s has the value "
                                        "%s, whose double quote is not "
                                        "closed",
                                        line, qname, q)
                          : lint_printf("line %zu: cookie %s has the value "
                                        "%s, with %s in it",
                                        line, qname, q, what),
                 lint_printf("encode the value, such as with base64url or "
                             "percent-encoding: no spaces, '\"', ',', ';' "
                             "or '\\'"));
        free(what);
        free(q);
    }

    pos = sc.pair_end;
    memset(&unknown, 0, sizeof unknown);
    while (set_cookie_next_av(p, n, &pos, &av)) {
        if (av.name_len == 0 && !av.has_equals)
            continue; /* ";;" or a ';' at the end: nothing */
        counts[av.kind]++;
        lasts[av.kind] = av;
        last[av.kind] = &lasts[av.kind];
        switch (av.kind) {
        case SET_COOKIE_EXPIRES:
            check_expires(c, r, line, qname, &av);
            break;
        case SET_COOKIE_MAX_AGE:
            check_max_age(c, r, line, qname, &av);
            break;
        case SET_COOKIE_DOMAIN:
            check_domain(c, r, line, qname, &av);
            break;
        case SET_COOKIE_PATH:
            if (av.value_len == 0 || av.value[0] != '/') {
                char *q = lint_quote(av.value, av.value_len);
                lint_add(c, r, RULE_COOKIE_PATH_RELATIVE, NULL,
                         av.value_len == 0
                             ? lint_printf("line %zu: cookie %s has an empty "
                                           "Path: browsers use the request's "
                                           "directory instead",
                                           line, qname)
                             : lint_printf("line %zu: cookie %s has Path %s, "
                                           "which does not start with '/': "
                                           "browsers use the request's "
                                           "directory instead",
                                           line, qname, q),
                         lint_printf("send a path from the root, such as "
                                     "\"Path=/\""));
                free(q);
            }
            break;
        case SET_COOKIE_SECURE:
        case SET_COOKIE_HTTPONLY:
        case SET_COOKIE_PARTITIONED:
            if (av.has_equals) {
                char *q = quote_av(&av);
                const char *flag = set_cookie_kind_name(av.kind);
                lint_add(
                    c, r, RULE_COOKIE_FLAG_WITH_VALUE, NULL,
                    lint_printf("line %zu: cookie %s has %s: %s takes "
                                "no value, and browsers set it whatever "
                                "the value says",
                                line, qname, q, flag),
                    lint_printf("send \"%s\" alone, or leave it out", flag));
                free(q);
            }
            break;
        case SET_COOKIE_SAMESITE:
            if (!eq_nocase(av.value, av.value_len, "Strict") &&
                !eq_nocase(av.value, av.value_len, "Lax") &&
                !eq_nocase(av.value, av.value_len, "None")) {
                char *q = lint_quote(av.value, av.value_len);
                lint_add(c, r, RULE_COOKIE_SAMESITE_VALUE, NULL,
                         lint_printf("line %zu: cookie %s has SameSite %s, "
                                     "which is not Strict, Lax or None: "
                                     "browsers treat it as if SameSite were "
                                     "not sent",
                                     line, qname, q),
                         lint_printf("send \"SameSite=Lax\", \"SameSite="
                                     "Strict\" or \"SameSite=None; Secure\""));
                free(q);
            }
            break;
        case SET_COOKIE_PRIORITY:
            break;
        case SET_COOKIE_OTHER: {
            /* A misspelt attribute is worth a finding of its own. */
            const char *hint = suggestion(av.name, av.name_len);
            if (hint)
                check_unknown(c, r, line, qname, &av, hint, 0);
            else if (unknowns++ == 0)
                unknown = av;
            break;
        }
        }
    }
    if (unknowns)
        check_unknown(c, r, line, qname, &unknown, NULL, unknowns - 1);

    for (k = 0; k < SET_COOKIE_KINDS; k++)
        if (k != SET_COOKIE_OTHER && counts[k] > 1) {
            const char *name = set_cookie_kind_name((enum set_cookie_kind)k);
            lint_add(c, r, RULE_COOKIE_ATTRIBUTE_REPEATED, NULL,
                     lint_printf("line %zu: cookie %s has %s %zu times: "
                                 "browsers use the last one",
                                 line, qname, name, counts[k]),
                     lint_printf("send %s once", name));
        }

    /* What browsers refuse (draft-ietf-httpbis-rfc6265bis, Section 5.7,
     * steps 19 to 21); the prefixes match in any case there. */
    if (last[SET_COOKIE_SAMESITE] &&
        eq_nocase(last[SET_COOKIE_SAMESITE]->value,
                  last[SET_COOKIE_SAMESITE]->value_len, "None") &&
        !counts[SET_COOKIE_SECURE])
        lint_add(c, r, RULE_COOKIE_SAMESITE_NONE_INSECURE, NULL,
                 lint_printf("line %zu: cookie %s has SameSite=None without "
                             "Secure: browsers refuse the cookie",
                             line, qname),
                 lint_printf("add \"Secure\" (and serve the site over "
                             "HTTPS), or send \"SameSite=Lax\""));
    if (sc.name_len >= 9 && same_nocase(sc.name, "__Secure-", 9) &&
        !counts[SET_COOKIE_SECURE])
        lint_add(c, r, RULE_COOKIE_PREFIX_SECURE, NULL,
                 lint_printf("line %zu: cookie %s has the __Secure- prefix "
                             "%sbut no Secure attribute: browsers refuse the "
                             "cookie",
                             line, qname,
                             memcmp(sc.name, "__Secure-", 9)
                                 ? "(in any case, as browsers match it) "
                                 : ""),
                 lint_printf("add \"Secure\", or rename the cookie"));
    if (sc.name_len >= 7 && same_nocase(sc.name, "__Host-", 7)) {
        const struct set_cookie_av *path = last[SET_COOKIE_PATH];
        const char *why[3];
        size_t nwhy = 0;
        if (!counts[SET_COOKIE_SECURE])
            why[nwhy++] = "no Secure";
        if (last[SET_COOKIE_DOMAIN] && last[SET_COOKIE_DOMAIN]->value_len)
            why[nwhy++] = "a Domain";
        if (path == NULL || !eq_exact(path->value, path->value_len, "/"))
            why[nwhy++] = path == NULL ? "no Path" : "a Path other than /";
        if (nwhy)
            lint_add(c, r, RULE_COOKIE_PREFIX_HOST, NULL,
                     lint_printf(
                         "line %zu: cookie %s has the __Host- prefix "
                         "%sbut %s%s%s%s%s: browsers refuse the "
                         "cookie",
                         line, qname,
                         memcmp(sc.name, "__Host-", 7)
                             ? "(in any case, as browsers match it) "
                             : "",
                         why[0], nwhy > 1 ? (nwhy > 2 ? ", " : " and ") : "",
                         nwhy > 1 ? why[1] : "", nwhy > 2 ? " and " : "",
                         nwhy > 2 ? why[2] : ""),
                     lint_printf("send it with \"Secure; Path=/\" and no "
                                 "Domain, such as \"%.*s=...; Secure; "
                                 "Path=/\"",
                                 (int)(sc.name_len > 40 ? 40 : sc.name_len),
                                 sc.name));
    }

    /* Remembered to find the same cookie set twice. */
    if (seen->n == seen->cap) {
        seen->cap = seen->cap ? seen->cap * 2 : 8;
        seen->items =
            lint_realloc(seen->items, seen->cap * sizeof *seen->items);
    }
    {
        struct stored *s = &seen->items[seen->n++];
        const struct set_cookie_av *d = last[SET_COOKIE_DOMAIN];
        const struct set_cookie_av *pa = last[SET_COOKIE_PATH];
        s->name = sc.name;
        s->name_len = sc.name_len;
        s->domain = d ? d->value : "";
        s->domain_len = d ? d->value_len : 0;
        if (s->domain_len && s->domain[0] == '.') {
            s->domain++;
            s->domain_len--;
        }
        s->path = pa && pa->value_len && pa->value[0] == '/' ? pa->value : "";
        s->path_len = s->path[0] ? pa->value_len : 0;
        s->line = line;
    }
    free(qname);
}

/* ------------------------------------------------------ the response */

static int compare_bytes(const char *a, size_t an, const char *b, size_t bn)
{
    size_t m = an < bn ? an : bn;
    int d = m ? memcmp(a, b, m) : 0;

    return d ? d : (an > bn) - (an < bn);
}

static int compare_nocase(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i, m = an < bn ? an : bn;

    for (i = 0; i < m; i++) {
        int d = lower((unsigned char)a[i]) - lower((unsigned char)b[i]);
        if (d)
            return d;
    }
    return (an > bn) - (an < bn);
}

/* By name, domain (any case), path, then line. */
static int compare_stored(const void *pa, const void *pb)
{
    const struct stored *a = pa, *b = pb;
    int d = compare_bytes(a->name, a->name_len, b->name, b->name_len);

    if (d == 0)
        d = compare_nocase(a->domain, a->domain_len, b->domain, b->domain_len);
    if (d == 0)
        d = compare_bytes(a->path, a->path_len, b->path, b->path_len);
    if (d == 0)
        d = (a->line > b->line) - (a->line < b->line);
    return d;
}

static int same_stored(const struct stored *a, const struct stored *b)
{
    return compare_bytes(a->name, a->name_len, b->name, b->name_len) == 0 &&
           compare_nocase(a->domain, a->domain_len, b->domain,
                          b->domain_len) == 0 &&
           compare_bytes(a->path, a->path_len, b->path, b->path_len) == 0;
}

void lint_cookies(struct lint *c, struct response *r)
{
    struct stored_list seen = {NULL, 0, 0};
    size_t i, count = 0, first_line = 0;

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        const char *v = f->value;
        size_t n = f->value_len, from = 0, fold, pieces = 0;

        if (!eq_nocase(f->name, f->name_len, "Set-Cookie"))
            continue;
        if (count++ == 0)
            first_line = f->line;
        do {
            fold = next_fold(v, n, from);
            if (fold < n && pieces == 0) {
                char *q = lint_quote(v, fold);
                lint_add(c, r, RULE_SET_COOKIE_FOLDED, NULL,
                         lint_printf("line %zu: Set-Cookie joins several "
                                     "cookies with commas, %s first: "
                                     "browsers read them as one cookie",
                                     f->line, q),
                         lint_printf("send each cookie in a Set-Cookie field "
                                     "of its own"));
                free(q);
            }
            {
                size_t a = skip_ows(v, fold, from), b = fold;
                while (b > a && is_ows((unsigned char)v[b - 1]))
                    b--;
                check_cookie(c, r, f->line, v + a, b - a, &seen);
            }
            pieces++;
            from = fold + 1;
        } while (fold < n);
    }

    if (count && httpstatus_is_informational(r->code))
        lint_add(c, r, RULE_COOKIE_IN_INTERIM, NULL,
                 lint_printf("line %zu: Set-Cookie in an interim %d response: "
                             "browsers may ignore it",
                             first_line, r->code),
                 lint_printf("send Set-Cookie in the final response"));

    if (seen.n > 1 && lint_enabled(c, RULE_COOKIE_NAME_REPEATED)) {
        qsort(seen.items, seen.n, sizeof *seen.items, compare_stored);
        for (i = 1; i < seen.n; i++) {
            const struct stored *a = &seen.items[i - 1], *b = &seen.items[i];
            size_t j = i;
            char *q;
            if (!same_stored(a, b))
                continue;
            while (j + 1 < seen.n && same_stored(a, &seen.items[j + 1]))
                j++;
            q = lint_quote(a->name, a->name_len);
            lint_add(
                c, r, RULE_COOKIE_NAME_REPEATED, NULL,
                lint_printf("line %zu: cookie %s is set %zu times for the "
                            "same domain and path (again on line %zu): "
                            "browsers keep the last",
                            a->line, q, j - i + 2, seen.items[j].line),
                lint_printf("send one Set-Cookie per cookie"));
            free(q);
            i = j;
        }
    }
    free(seen.items);
}
