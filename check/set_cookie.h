/* set_cookie.h: one Set-Cookie field value, read as a browser reads it,
 * for the linter's cookie rules (check/cookies.c).
 *
 * The reading follows the user agent's algorithm of RFC 6265, Section
 * 5.2 (draft-ietf-httpbis-rfc6265bis, Section 5.6): the name-value pair
 * runs to the first ';', the name to its first '=', and each attribute
 * to the next ';'; spaces and tabs around names and values are dropped.
 * The checks against the server's grammar (RFC 6265, Section 4.1.1) are
 * separate functions, so that the linter can say both what the server
 * should have sent and what a browser makes of what it sent.
 *
 * Every function takes any bytes, reads p[0..n) and never past it, keeps
 * no state and allocates nothing; what it returns points into p. */
#ifndef HTTPSTATUS_SET_COOKIE_H
#define HTTPSTATUS_SET_COOKIE_H

#include <stddef.h>

/* The name-value pair of a Set-Cookie value. */
struct set_cookie {
    const char *name; /* up to the first '=', without WSP around it */
    size_t name_len;
    const char *value; /* after the first '=', without WSP around it;
                          the whole pair when there is no '=' */
    size_t value_len;
    int has_equals;  /* the pair has a '=' */
    size_t pair_end; /* where the pair ends: the first ';', or n */
};

/* Reads the name-value pair of the Set-Cookie value p[0..n). A pair
 * without '=' has an empty name and the whole pair as its value, as in
 * draft-ietf-httpbis-rfc6265bis (RFC 6265 has browsers ignore it). p may
 * be NULL when n is 0. */
void set_cookie_parse(const char *p, size_t n, struct set_cookie *out);

/* The attributes this reader knows by name (any case). */
enum set_cookie_kind {
    SET_COOKIE_EXPIRES,
    SET_COOKIE_MAX_AGE,
    SET_COOKIE_DOMAIN,
    SET_COOKIE_PATH,
    SET_COOKIE_SECURE,
    SET_COOKIE_HTTPONLY,
    SET_COOKIE_SAMESITE,
    /* Not in RFC 6265 or its draft successor, but sent and read widely:
     * CHIPS' Partitioned and Chrome's Priority. */
    SET_COOKIE_PARTITIONED,
    SET_COOKIE_PRIORITY,
    SET_COOKIE_OTHER /* any other name, the empty one too */
};

#define SET_COOKIE_KINDS ((int)SET_COOKIE_OTHER + 1)

/* One attribute (cookie-av). */
struct set_cookie_av {
    enum set_cookie_kind kind;
    const char *name; /* up to the first '=', without WSP around it */
    size_t name_len;
    const char *value; /* after the first '=', without WSP; empty (and
                          pointing at the attribute's end) without '=' */
    size_t value_len;
    int has_equals;
    const char *raw; /* the whole attribute between its ';' and the next
                        ';' or the end, as sent */
    size_t raw_len;
};

/* Walks the attributes of p[0..n): start with *pos set to the pair_end
 * that set_cookie_parse() gave. Returns 1 with the next attribute in
 * *av, empty ones included ("a=1;;Path=/" has an empty one between the
 * semicolons), or 0 at the end; *pos only grows and ends at n. */
int set_cookie_next_av(const char *p, size_t n, size_t *pos,
                       struct set_cookie_av *av);

/* The kind of attribute that the name p[0..n) (without WSP) names. */
enum set_cookie_kind set_cookie_kind_of(const char *p, size_t n);

/* The attribute name's canonical spelling ("Max-Age"), or NULL for
 * SET_COOKIE_OTHER or a value out of range. */
const char *set_cookie_kind_name(enum set_cookie_kind kind);

/* ------------------------------------------------- the server's grammar */

/* 1 when p[0..n) is a cookie-name: a token, at least one tchar. */
int set_cookie_name_ok(const char *p, size_t n);

/* The offset of the first byte of p[0..n) that a cookie-value cannot
 * have, or n when it is a cookie-value: cookie-octets (no control
 * characters, spaces, DQUOTE, ',', ';', '\' or bytes above 0x7E), bare
 * or between two DQUOTEs. For a value that opens a DQUOTE it does not
 * close, that is the offset of the DQUOTE. */
size_t set_cookie_value_bad(const char *p, size_t n);

/* ------------------------------------------------------------ dates */

/* A date and time, in UTC, as a cookie-date names it. */
struct cookie_date {
    int year, month, day; /* month 1..12 */
    int hour, minute, second;
};

/* Reads p[0..n) with the browser's cookie-date algorithm (RFC 6265,
 * Section 5.1.1): date tokens in any order, two-digit years taken as
 * 1970..2069, years before 1601 refused. Returns 1 with *out filled, or
 * 0 when a browser cannot read it (it then ignores the attribute). */
int cookie_date_parse(const char *p, size_t n, struct cookie_date *out);

/* What p[0..n) is as a sane-cookie-date, the rfc1123-date of RFC 6265,
 * Section 4.1.1 ("Sun, 06 Nov 1994 08:49:37 GMT", an IMF-fixdate). */
enum cookie_date_form {
    COOKIE_DATE_FIXDATE,    /* the form, of a real date and weekday */
    COOKIE_DATE_WRONG_DAY,  /* the form and a real date, but another
                               day of the week */
    COOKIE_DATE_OTHER_FORM, /* not the form, but a browser reads it */
    COOKIE_DATE_UNREADABLE  /* no browser reads it */
};

/* Classifies p[0..n); *out (when not NULL) gets the date when a browser
 * reads one. */
enum cookie_date_form cookie_date_form(const char *p, size_t n,
                                       struct cookie_date *out);

/* The day of the week of a date of the proleptic Gregorian calendar,
 * 0 for Sunday. */
int cookie_date_weekday(int year, int month, int day);

#endif
