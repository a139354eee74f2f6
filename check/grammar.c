/* grammar.c: the checks grammar.h declares. Each walks its input once,
 * left to right, and names the first thing that does not fit. */
#include <string.h>

#include "ascii.h"
#include "date.h"
#include "grammar.h"

/* --------------------------------------------------------- basic rules */

int grammar_token(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_tchar((unsigned char)p[i]))
            return 0;
    return n > 0;
}

/* qdtext and the second byte of a quoted-pair, without HTAB and SP. */
static int is_vchar_or_obs(unsigned char ch)
{
    return (ch > 0x20 && ch < 0x7f) || ch >= 0x80;
}

size_t grammar_quoted_string(const char *p, size_t n)
{
    size_t i;

    if (n < 2 || p[0] != '"')
        return 0;
    for (i = 1; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '"')
            return i + 1;
        if (ch == '\\') {
            if (i + 1 >= n)
                return 0;
            ch = (unsigned char)p[++i];
            if (!is_ows(ch) && !is_vchar_or_obs(ch))
                return 0;
        } else if (!is_ows(ch) && !is_vchar_or_obs(ch)) {
            return 0;
        }
    }
    return 0;
}

int grammar_delay_seconds(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_digit((unsigned char)p[i]))
            return 0;
    return n > 0;
}

/* What an unexpected byte is, for a message. */
static const char *byte_kind(unsigned char ch)
{
    if (ch == ' ' || ch == '\t')
        return "whitespace";
    if (ch < 0x20 || ch == 0x7f)
        return "a control character";
    if (ch >= 0x80)
        return "a byte outside ASCII";
    return NULL;
}

/* --------------------------------------------------------------- dates */

static const char *const day_short[7] = {"Mon", "Tue", "Wed", "Thu",
                                         "Fri", "Sat", "Sun"};
static const char *const day_long[7] = {"Monday",   "Tuesday", "Wednesday",
                                        "Thursday", "Friday",  "Saturday",
                                        "Sunday"};
static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr",
                                       "May", "Jun", "Jul", "Aug",
                                       "Sep", "Oct", "Nov", "Dec"};

/* A cursor over a date, which remembers the first thing that failed. */
struct cursor {
    const char *p;
    size_t n, i;
    const char *why;
    size_t at;
};

static int fail(struct cursor *c, const char *why)
{
    if (c->why == NULL) {
        c->why = why;
        c->at = c->i;
    }
    return 0;
}

static int lit(struct cursor *c, const char *s, const char *why)
{
    size_t len = strlen(s);

    if (c->n - c->i < len || memcmp(c->p + c->i, s, len) != 0)
        return fail(c, why);
    c->i += len;
    return 1;
}

/* One of names[0..count), exactly; its index, or -1. The longest match
 * wins, so that "Sunday" is not read as "Sun". */
static int name_of(struct cursor *c, const char *const *names, int count,
                   const char *why)
{
    int k, best = -1;
    size_t best_len = 0;

    for (k = 0; k < count; k++) {
        size_t len = strlen(names[k]);
        if (c->n - c->i >= len && memcmp(c->p + c->i, names[k], len) == 0 &&
            len > best_len) {
            best = k;
            best_len = len;
        }
    }
    if (best < 0) {
        for (k = 0; k < count; k++) {
            size_t len = strlen(names[k]);
            if (c->n - c->i >= len && same_nocase(c->p + c->i, names[k], len))
                why = "a day or month name in the wrong case: they are "
                      "case-sensitive, as in \"Sun\" and \"Nov\"";
        }
        fail(c, why);
        return -1;
    }
    c->i += best_len;
    return best;
}

static int digits(struct cursor *c, size_t count, int *out, const char *why)
{
    size_t k;
    int v = 0;

    if (c->n - c->i < count)
        return fail(c, why);
    for (k = 0; k < count; k++) {
        unsigned char ch = (unsigned char)c->p[c->i + k];
        if (!is_digit(ch))
            return fail(c, why);
        v = v * 10 + (ch - '0');
    }
    /* More digits than the form has is the same mistake. */
    if (c->i + count < c->n && is_digit((unsigned char)c->p[c->i + count]))
        return fail(c, why);
    c->i += count;
    *out = v;
    return 1;
}

static int time_of_day(struct cursor *c, int *h, int *m, int *s)
{
    static const char why[] = "the time is not HH:MM:SS";

    return digits(c, 2, h, why) && lit(c, ":", why) && digits(c, 2, m, why) &&
           lit(c, ":", why) && digits(c, 2, s, why);
}

static int at_end(struct cursor *c)
{
    return c->i == c->n || fail(c, "text after the date");
}

static int is_leap(long long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long long y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};

    return m == 1 && is_leap(y) ? 29 : days[m];
}

/* 0 for Monday ... 6 for Sunday: 1970-01-01 was a Thursday (3). */
static int weekday(long long days)
{
    long long w = (days + 3) % 7;

    return (int)(w < 0 ? w + 7 : w);
}

struct parts {
    int wday, day, month; /* month from 0 */
    long long year;
    int h, m, s;
};

/* "Sun, 06 Nov 1994 08:49:37 GMT" */
static int imf_fixdate(struct cursor *c, struct parts *d)
{
    int year;

    if ((d->wday = name_of(c, day_short, 7,
                           "the day name is not Mon to "
                           "Sun")) < 0 ||
        !lit(c, ", ", "no \", \" after the day name") ||
        !digits(c, 2, &d->day, "the day of the month is not two digits") ||
        !lit(c, " ", "no single space after the day") ||
        (d->month = name_of(c, months, 12, "the month is not Jan to Dec")) <
            0 ||
        !lit(c, " ", "no single space after the month") ||
        !digits(c, 4, &year, "the year is not four digits") ||
        !lit(c, " ", "no single space after the year") ||
        !time_of_day(c, &d->h, &d->m, &d->s) ||
        !lit(c, " GMT", "the time zone is not \" GMT\"") || !at_end(c))
        return 0;
    d->year = year;
    return 1;
}

/* "Sunday, 06-Nov-94 08:49:37 GMT" */
static int rfc850_date(struct cursor *c, struct parts *d)
{
    int year;

    if ((d->wday = name_of(c, day_long, 7,
                           "the day name is not Monday to "
                           "Sunday")) < 0 ||
        !lit(c, ", ", "no \", \" after the day name") ||
        !digits(c, 2, &d->day, "the day of the month is not two digits") ||
        !lit(c, "-", "no \"-\" after the day") ||
        (d->month = name_of(c, months, 12, "the month is not Jan to Dec")) <
            0 ||
        !lit(c, "-", "no \"-\" after the month") ||
        !digits(c, 2, &year, "the year is not two digits") ||
        !lit(c, " ", "no single space after the year") ||
        !time_of_day(c, &d->h, &d->m, &d->s) ||
        !lit(c, " GMT", "the time zone is not \" GMT\"") || !at_end(c))
        return 0;
    d->year = year;
    return 1;
}

/* "Sun Nov  6 08:49:37 1994" */
static int asctime_date(struct cursor *c, struct parts *d)
{
    int year;

    if ((d->wday = name_of(c, day_short, 7,
                           "the day name is not Mon to "
                           "Sun")) < 0 ||
        !lit(c, " ", "no single space after the day name") ||
        (d->month = name_of(c, months, 12, "the month is not Jan to Dec")) <
            0 ||
        !lit(c, " ", "no single space after the month"))
        return 0;
    if (c->i < c->n && c->p[c->i] == ' ') {
        c->i++;
        if (!digits(c, 1, &d->day,
                    "the day of the month is not one digit "
                    "after a space, or two digits"))
            return 0;
    } else if (!digits(c, 2, &d->day,
                       "the day of the month is not one "
                       "digit after a space, or two "
                       "digits")) {
        return 0;
    }
    if (!lit(c, " ", "no single space after the day") ||
        !time_of_day(c, &d->h, &d->m, &d->s) ||
        !lit(c, " ", "no single space after the time") ||
        !digits(c, 4, &year, "the year is not four digits") || !at_end(c))
        return 0;
    d->year = year;
    return 1;
}

static long long seconds(const struct parts *d, long long year)
{
    return days_from_civil(year, d->month + 1, d->day) * 86400 +
           d->h * 3600LL + d->m * 60LL + d->s;
}

/* Checks the values of a date whose form matched, and fills out. */
static void finish(const struct parts *d, enum grammar_date_form form,
                   size_t n, struct grammar_date *out)
{
    long long year = d->year;

    if (form == GRAMMAR_DATE_RFC850) {
        /* Two digits: the century whose weekday fits, if one does. */
        long long a = 1900 + year, b = 2000 + year;
        int wa = d->day >= 1 && d->day <= days_in_month(a, d->month) &&
                 weekday(days_from_civil(a, d->month + 1, d->day)) == d->wday;
        int wb = d->day >= 1 && d->day <= days_in_month(b, d->month) &&
                 weekday(days_from_civil(b, d->month + 1, d->day)) == d->wday;
        year = wa ? a : wb ? b : year >= 70 ? a : b;
    }
    if (d->day < 1 || d->day > days_in_month(year, d->month) || d->h > 23 ||
        d->m > 59 || d->s > 60) {
        out->impossible = 1;
        out->why = d->h > 23 || d->m > 59 || d->s > 60
                       ? "the time of day does not exist"
                       : "the day does not exist in that month";
        out->at = n;
        return;
    }
    out->form = form;
    out->t = seconds(d, year);
    out->weekday_ok =
        weekday(days_from_civil(year, d->month + 1, d->day)) == d->wday;
}

/* The comma that tells the forms apart: after three letters in an
 * IMF-fixdate, after a long day name in an rfc850-date, none in asctime. */
static enum grammar_date_form likely_form(const char *p, size_t n)
{
    size_t i = 0;

    while (i < n && is_alpha((unsigned char)p[i]))
        i++;
    if (i < n && p[i] == ',')
        return i > 3 ? GRAMMAR_DATE_RFC850 : GRAMMAR_DATE_IMF_FIXDATE;
    if (i == 3 && i < n && p[i] == ' ')
        return GRAMMAR_DATE_ASCTIME;
    return GRAMMAR_DATE_IMF_FIXDATE;
}

void grammar_http_date(const char *p, size_t n, struct grammar_date *out)
{
    struct cursor c[3];
    struct parts d;
    enum grammar_date_form likely;
    size_t j;
    int k;

    memset(out, 0, sizeof *out);
    out->form = GRAMMAR_DATE_INVALID;
    if (n == 0) {
        out->why = "it is empty";
        return;
    }
    memset(c, 0, sizeof c);
    for (k = 0; k < 3; k++) {
        c[k].p = p;
        c[k].n = n;
    }
    if (imf_fixdate(&c[0], &d)) {
        finish(&d, GRAMMAR_DATE_IMF_FIXDATE, n, out);
        return;
    }
    if (rfc850_date(&c[1], &d)) {
        finish(&d, GRAMMAR_DATE_RFC850, n, out);
        return;
    }
    if (asctime_date(&c[2], &d)) {
        finish(&d, GRAMMAR_DATE_ASCTIME, n, out);
        return;
    }
    /* Two usual mistakes, then what is wrong with the form the value
     * looks most like. */
    for (j = n > 0 && p[0] == '-'; j < n && is_digit((unsigned char)p[j]); j++)
        ;
    if (j == n && j > (size_t)(p[0] == '-')) {
        out->why = "it is a number, not a date";
        return;
    }
    if (n >= 10 && is_digit((unsigned char)p[0]) &&
        is_digit((unsigned char)p[3]) && p[4] == '-' && p[7] == '-') {
        out->why = "it is an ISO 8601 date, not an HTTP date";
        return;
    }
    likely = likely_form(p, n);
    k = likely == GRAMMAR_DATE_RFC850    ? 1
        : likely == GRAMMAR_DATE_ASCTIME ? 2
                                         : 0;
    out->why = c[k].why;
    out->at = c[k].at;
    /* Nothing of any form matched, not even a day name: a word such as
     * "never" or "soon". */
    if (out->at == 0 && strstr(out->why, "wrong case") == NULL)
        out->why = "it is not a date in any of the three forms";
}

/* --------------------------------------------------------------- URIs */

static int is_unreserved(unsigned char ch)
{
    return is_alpha(ch) || is_digit(ch) || ch == '-' || ch == '.' ||
           ch == '_' || ch == '~';
}

static int is_sub_delim(unsigned char ch)
{
    return ch != '\0' && strchr("!$&'()*+,;=", ch) != NULL;
}

/* 1 when a pct-encoded triplet starts at p[i]. */
static int pct_at(const char *p, size_t n, size_t i)
{
    return i + 2 < n && p[i] == '%' &&
           hex_value((unsigned char)p[i + 1]) >= 0 &&
           hex_value((unsigned char)p[i + 2]) >= 0;
}

/* Why the byte at p[i] cannot be where it is in a URI. */
static const char *uri_bad(const char *p, size_t n, size_t i)
{
    unsigned char ch = (unsigned char)p[i];
    const char *kind = byte_kind(ch);

    (void)n;
    if (ch == ' ')
        return "a space";
    if (kind)
        return kind;
    if (ch == '%')
        return "a \"%\" not followed by two hexadecimal digits";
    if (ch == '#')
        return "a second \"#\"";
    if (ch == '[' || ch == ']')
        return "a square bracket outside an IP literal";
    if (strchr("\"<>\\^`{|}", ch) != NULL)
        return "a character that must be percent-encoded";
    return "a character that cannot appear there";
}

/* Bytes p[a..b) that are pchar, pct-encoded, or in extra. Returns the
 * offset of the first other byte, or b. */
static size_t scan_pchars(const char *p, size_t n, size_t a, size_t b,
                          const char *extra)
{
    size_t i;

    for (i = a; i < b; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '%') {
            if (!pct_at(p, b, i))
                return i;
            i += 2;
            continue;
        }
        if (is_unreserved(ch) || is_sub_delim(ch) || ch == ':' || ch == '@')
            continue;
        if (ch != '\0' && strchr(extra, ch) != NULL)
            continue;
        return i;
    }
    (void)n;
    return b;
}

/* dec-octet: 0 to 255 without leading zeros. */
static int dec_octet(const char *p, size_t n)
{
    int v = 0;
    size_t i;

    if (n == 0 || n > 3 || (n > 1 && p[0] == '0'))
        return 0;
    for (i = 0; i < n; i++) {
        if (!is_digit((unsigned char)p[i]))
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    return v <= 255;
}

static int ipv4_address(const char *p, size_t n)
{
    size_t i = 0, parts = 0;

    for (;;) {
        size_t a = i;
        while (i < n && p[i] != '.')
            i++;
        if (!dec_octet(p + a, i - a))
            return 0;
        parts++;
        if (i == n)
            break;
        i++;
    }
    return parts == 4;
}

static int ipv6_address(const char *p, size_t n)
{
    size_t i = 0;
    int groups = 0, compressed = 0;

    if (n >= 2 && p[0] == ':' && p[1] == ':') {
        compressed = 1;
        i = 2;
        if (i == n)
            return 1;
    }
    for (;;) {
        size_t a = i;
        while (i < n && i - a < 5 && hex_value((unsigned char)p[i]) >= 0)
            i++;
        if (i < n && p[i] == '.') {
            /* A trailing IPv4 address takes the last two groups. */
            if (!ipv4_address(p + a, n - a))
                return 0;
            groups += 2;
            break;
        }
        if (i == a || i - a > 4)
            return 0;
        groups++;
        if (i == n)
            break;
        if (p[i] != ':')
            return 0;
        i++;
        if (i < n && p[i] == ':') {
            if (compressed)
                return 0;
            compressed = 1;
            i++;
            if (i == n)
                break;
        } else if (i == n) {
            return 0;
        }
        if (groups > 8)
            return 0;
    }
    return compressed ? groups <= 7 : groups == 8;
}

/* The inside of "[...]": IPv6address with an optional zone ("%25" then
 * unreserved or pct-encoded, RFC 6874), or IPvFuture. */
static int ip_literal(const char *p, size_t n)
{
    size_t i;

    if (n > 0 && (p[0] == 'v' || p[0] == 'V')) {
        for (i = 1; i < n && hex_value((unsigned char)p[i]) >= 0; i++)
            ;
        if (i == 1 || i >= n || p[i] != '.' || i + 1 == n)
            return 0;
        for (i++; i < n; i++)
            if (!is_unreserved((unsigned char)p[i]) &&
                !is_sub_delim((unsigned char)p[i]) && p[i] != ':')
                return 0;
        return 1;
    }
    for (i = 0; i + 2 < n; i++)
        if (p[i] == '%' && p[i + 1] == '2' && p[i + 2] == '5') {
            size_t j = i + 3;
            if (j == n)
                return 0;
            while (j < n) {
                if (pct_at(p, n, j))
                    j += 3;
                else if (is_unreserved((unsigned char)p[j]))
                    j++;
                else
                    return 0;
            }
            return ipv6_address(p, i);
        }
    return ipv6_address(p, n);
}

/* The authority p[a..b). Returns NULL or why, with *at. */
static const char *authority(const char *p, size_t n, size_t a, size_t b,
                             size_t *at)
{
    size_t i, host = a;
    const char *amp = memchr(p + a, '@', b - a);

    if (amp) {
        size_t e = (size_t)(amp - p);
        i = scan_pchars(p, n, a, e, "");
        /* userinfo has no "@" of its own: scan_pchars allows it. */
        if (i < e) {
            *at = i;
            return uri_bad(p, n, i);
        }
        host = e + 1;
    }
    if (host < b && p[host] == '[') {
        const char *close = memchr(p + host, ']', b - host);
        size_t e;
        if (close == NULL) {
            *at = host;
            return "a \"[\" without its \"]\"";
        }
        e = (size_t)(close - p);
        if (!ip_literal(p + host + 1, e - host - 1)) {
            *at = host;
            return "an IP literal that is not a valid IPv6 address";
        }
        i = e + 1;
    } else {
        for (i = host; i < b && p[i] != ':'; i++) {
            unsigned char ch = (unsigned char)p[i];
            if (ch == '%' && pct_at(p, b, i)) {
                i += 2;
                continue;
            }
            if (!is_unreserved(ch) && !is_sub_delim(ch)) {
                *at = i;
                return ch == '@' ? "a second \"@\" in the authority"
                                 : uri_bad(p, n, i);
            }
        }
    }
    if (i < b) {
        if (p[i] != ':') {
            *at = i;
            return "text after the IP literal";
        }
        for (i++; i < b; i++)
            if (!is_digit((unsigned char)p[i])) {
                *at = i;
                return "a port that is not a number";
            }
    }
    return NULL;
}

const char *grammar_uri_reference(const char *p, size_t n, unsigned flags,
                                  size_t *at)
{
    size_t i = 0, path, q, h, bad;
    int scheme = 0;

    *at = 0;
    /* scheme ":" when the first segment is a scheme name. */
    if (n > 0 && is_alpha((unsigned char)p[0])) {
        size_t j = 1;
        while (j < n && (is_alpha((unsigned char)p[j]) ||
                         is_digit((unsigned char)p[j]) || p[j] == '+' ||
                         p[j] == '-' || p[j] == '.'))
            j++;
        if (j < n && p[j] == ':') {
            scheme = 1;
            i = j + 1;
        }
    }
    /* The path ends at "?" or "#", the query at "#". */
    for (q = i; q < n && p[q] != '?' && p[q] != '#'; q++)
        ;
    for (h = q; h < n && p[h] != '#'; h++)
        ;
    path = i;
    if (n - i >= 2 && p[i] == '/' && p[i + 1] == '/') {
        size_t e = i + 2;
        const char *why;
        while (e < q && p[e] != '/')
            e++;
        why = authority(p, n, i + 2, e, at);
        if (why)
            return why;
        path = e;
    }
    bad = scan_pchars(p, n, path, q, "/");
    if (bad < q) {
        *at = bad;
        return uri_bad(p, n, bad);
    }
    if (!scheme && path == i) {
        /* path-noscheme: a colon in the first segment would make it a
         * scheme. */
        size_t e;
        for (e = path; e < q && p[e] != '/'; e++)
            if (p[e] == ':') {
                *at = e;
                return "a \":\" in the first segment of a relative "
                       "reference";
            }
    }
    if (q < h) {
        bad = scan_pchars(p, n, q + 1, h, "/?");
        if (bad < h) {
            *at = bad;
            return uri_bad(p, n, bad);
        }
    }
    if (h < n) {
        if (flags & GRAMMAR_URI_NO_FRAGMENT) {
            *at = h;
            return "a fragment (\"#...\")";
        }
        bad = scan_pchars(p, n, h + 1, n, "/?");
        if (bad < n) {
            *at = bad;
            return uri_bad(p, n, bad);
        }
    }
    return NULL;
}

/* --------------------------------------------------------- media types */

/* Why p[i] is not what the grammar wants there; what is the default. */
static const char *unexpected(const char *p, size_t i, const char *what)
{
    const char *kind = byte_kind((unsigned char)p[i]);

    return kind ? kind : what;
}

const char *grammar_media_type(const char *p, size_t n, size_t *at)
{
    size_t i = 0, a;

    *at = 0;
    if (n == 0)
        return "it is empty";
    while (i < n && is_tchar((unsigned char)p[i]))
        i++;
    if (i == 0) {
        *at = 0;
        return unexpected(p, 0, "no type before the \"/\"");
    }
    if (i == n || p[i] != '/') {
        *at = i;
        return i == n ? "no \"/\" and subtype after the type"
                      : unexpected(p, i, "a character a type cannot have");
    }
    a = ++i;
    while (i < n && is_tchar((unsigned char)p[i]))
        i++;
    if (i == a) {
        *at = i;
        return "no subtype after the \"/\"";
    }
    for (;;) {
        size_t name;
        i = skip_ows(p, n, i);
        if (i == n)
            return NULL;
        if (p[i] != ';') {
            *at = i;
            if (p[i] == ',')
                return "a \",\": the field holds one media type";
            return unexpected(p, i,
                              "a character where \";\" should start "
                              "a parameter");
        }
        i = skip_ows(p, n, i + 1);
        if (i == n || p[i] == ';')
            continue; /* an empty parameter is allowed */
        name = i;
        while (i < n && is_tchar((unsigned char)p[i]))
            i++;
        if (i == name) {
            *at = i;
            return unexpected(p, i, "a parameter name that is not a token");
        }
        if (i < n && is_ows((unsigned char)p[i])) {
            size_t j = skip_ows(p, n, i);
            if (j < n && p[j] == '=') {
                *at = i;
                return "whitespace before the \"=\" of a parameter";
            }
        }
        if (i == n || p[i] != '=') {
            *at = i;
            return "a parameter without \"=\" and a value";
        }
        i++;
        if (i < n && is_ows((unsigned char)p[i])) {
            *at = i;
            return "whitespace after the \"=\" of a parameter";
        }
        if (i < n && p[i] == '"') {
            size_t len = grammar_quoted_string(p + i, n - i);
            if (len == 0) {
                *at = i;
                return "a quoted string that is not closed, or holds a "
                       "control character";
            }
            i += len;
        } else {
            a = i;
            while (i < n && is_tchar((unsigned char)p[i]))
                i++;
            if (i == a) {
                *at = i;
                return i == n ? "a parameter with an empty value"
                              : unexpected(p, i,
                                           "a parameter value that is "
                                           "neither a token nor a quoted "
                                           "string");
            }
        }
    }
}

/* ---------------------------------------------------------- entity tags */

const char *grammar_entity_tag(const char *p, size_t n, size_t *at)
{
    size_t i = 0;

    *at = 0;
    if (n == 0)
        return "it is empty";
    if (n >= 2 && p[1] == '/' && (p[0] == 'W' || p[0] == 'w')) {
        if (p[0] == 'w')
            return "the weak prefix is \"W/\", in upper case";
        i = 2;
    }
    if (i == n || p[i] != '"') {
        *at = i;
        return "the opaque tag is not in double quotes";
    }
    for (i++; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '"')
            break;
        if (ch <= 0x20 || ch == 0x7f) {
            *at = i;
            return ch == ' ' ? "a space" : "a control character";
        }
    }
    if (i == n) {
        *at = n;
        return "no closing double quote";
    }
    if (i + 1 < n) {
        *at = i + 1;
        return "text after the closing double quote";
    }
    return NULL;
}

/* ------------------------------------------------------- language tags */

/* The irregular grandfathered tags (RFC 5646, Section 2.1), which do not
 * follow the langtag shape. The regular ones ("zh-min-nan") do. */
static const char *const irregular[] = {
    "en-GB-oed", "i-ami", "i-bnn",     "i-default", "i-enochian", "i-hak",
    "i-klingon", "i-lux", "i-mingo",   "i-navajo",  "i-pwn",      "i-tao",
    "i-tay",     "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
};

static int all_of(const char *p, size_t n, int (*cls)(int))
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!cls((unsigned char)p[i]))
            return 0;
    return 1;
}

static int is_alnum(int ch)
{
    return is_alpha(ch) || is_digit(ch);
}

enum tag_state {
    TAG_LANGUAGE, /* after the language subtag */
    TAG_EXTLANG,  /* after 1 to 3 extlang subtags */
    TAG_SCRIPT,
    TAG_REGION,
    TAG_VARIANT,
    TAG_EXTENSION, /* after an extension's singleton */
    TAG_EXTENSION_DONE,
    TAG_PRIVATE,
    TAG_PRIVATE_DONE
};

const char *grammar_language_tag(const char *p, size_t n, size_t *at)
{
    size_t i = 0, k, extlangs = 0, first_len = 0;
    enum tag_state st = TAG_LANGUAGE;

    *at = 0;
    if (n == 0)
        return "it is empty";
    for (k = 0; k < sizeof irregular / sizeof irregular[0]; k++)
        if (eq_nocase(p, n, irregular[k]))
            return NULL;
    /* Every subtag: 1 to 8 letters or digits, "-" between them. */
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '-' || is_alnum(ch))
            continue;
        *at = i;
        if (ch == '_')
            return "an underscore: subtags are separated by \"-\"";
        return unexpected(p, i,
                          "a character other than letters, digits and "
                          "\"-\"");
    }
    i = 0;
    while (i <= n) {
        size_t a = i, len;
        const char *s;
        while (i < n && p[i] != '-')
            i++;
        len = i - a;
        s = p + a;
        *at = a;
        if (len == 0)
            return "an empty subtag";
        if (len > 8)
            return "a subtag longer than eight characters";
        if (a == 0) {
            first_len = len;
            if (len == 1 && (s[0] == 'x' || s[0] == 'X'))
                st = TAG_PRIVATE;
            else if (len < 2 || !all_of(s, len, is_alpha))
                return "the primary language subtag is not 2 to 8 letters";
        } else if (st == TAG_PRIVATE || st == TAG_PRIVATE_DONE) {
            st = TAG_PRIVATE_DONE;
        } else if (len == 1) {
            if (st == TAG_EXTENSION)
                return "an extension without a subtag after its "
                       "singleton";
            st = s[0] == 'x' || s[0] == 'X' ? TAG_PRIVATE : TAG_EXTENSION;
        } else if (st == TAG_EXTENSION || st == TAG_EXTENSION_DONE) {
            st = TAG_EXTENSION_DONE;
        } else if (len == 3 && all_of(s, 3, is_alpha) &&
                   (st == TAG_LANGUAGE || st == TAG_EXTLANG) &&
                   first_len <= 3 && extlangs < 3) {
            extlangs++;
            st = TAG_EXTLANG;
        } else if (len == 4 && all_of(s, 4, is_alpha) && st <= TAG_EXTLANG) {
            st = TAG_SCRIPT;
        } else if (((len == 2 && all_of(s, 2, is_alpha)) ||
                    (len == 3 && all_of(s, 3, is_digit))) &&
                   st <= TAG_SCRIPT) {
            st = TAG_REGION;
        } else if ((len >= 5 || (len == 4 && is_digit((unsigned char)s[0]))) &&
                   st <= TAG_VARIANT) {
            st = TAG_VARIANT;
        } else {
            return "a subtag out of place, or of no subtag's shape";
        }
        if (i == n)
            break;
        i++;
        if (i == n) {
            *at = n;
            return "an empty subtag";
        }
    }
    if (st == TAG_PRIVATE) {
        *at = n;
        return "\"x\" without a private-use subtag after it";
    }
    if (st == TAG_EXTENSION) {
        *at = n;
        return "an extension without a subtag after its singleton";
    }
    return NULL;
}
