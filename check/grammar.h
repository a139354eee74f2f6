/* grammar.h: pure checks of field values against their ABNF, for the
 * field syntax rules (check/fields.c): tokens, quoted strings, HTTP
 * dates, URI references, media types, entity tags and language tags.
 *
 * Every function takes any bytes p[0..n) (p may be NULL when n is 0),
 * never reads past n, allocates nothing and keeps no state. The checks
 * that can fail in several ways return NULL when the value matches, or
 * a string literal that says what is wrong, as a noun phrase that fits
 * after "...: " in a message ("a space", "no closing quote"), and set
 * *at to the offset of the byte where the problem is (n when the value
 * ends too soon). */
#ifndef HTTPSTATUS_GRAMMAR_H
#define HTTPSTATUS_GRAMMAR_H

#include <stddef.h>

/* 1 when p[0..n) is a token (RFC 9110, Section 5.6.2): one or more
 * tchar. */
int grammar_token(const char *p, size_t n);

/* The length of the quoted-string (RFC 9110, Section 5.6.4) that starts
 * p[0..n), closing quote included, or 0 when p does not start with a
 * complete one. */
size_t grammar_quoted_string(const char *p, size_t n);

/* 1 when p[0..n) is delay-seconds (RFC 9110, Section 10.2.3; RFC 9111,
 * Section 1.2.2): one or more digits, of any length. */
int grammar_delay_seconds(const char *p, size_t n);

/* The three forms of an HTTP-date (RFC 9110, Section 5.6.7). */
enum grammar_date_form {
    GRAMMAR_DATE_INVALID,
    GRAMMAR_DATE_IMF_FIXDATE, /* "Sun, 06 Nov 1994 08:49:37 GMT" */
    GRAMMAR_DATE_RFC850,      /* "Sunday, 06-Nov-94 08:49:37 GMT" */
    GRAMMAR_DATE_ASCTIME      /* "Sun Nov  6 08:49:37 1994" */
};

struct grammar_date {
    enum grammar_date_form form;
    /* The form's grammar matched, but the values are no real date and
     * time (31 Feb, 25:00:00): form is then GRAMMAR_DATE_INVALID. */
    int impossible;
    /* The day name is the weekday of the date. For an rfc850-date, whose
     * year has two digits, either century will do. */
    int weekday_ok;
    /* Seconds since 1970 (negative before), when form is not INVALID. An
     * rfc850-date's year is taken in the century whose weekday matches,
     * or else 19YY from 70 and 20YY below. */
    long long t;
    const char *why; /* when INVALID: what is wrong, as above */
    size_t at;       /* when INVALID: where */
};

/* Reads p[0..n) as an HTTP-date, strictly: case-sensitive names, single
 * spaces, nothing before or after. Always fills *out. */
void grammar_http_date(const char *p, size_t n, struct grammar_date *out);

/* A URI-reference (RFC 3986, Section 4.1), with IPv6 zone identifiers
 * (RFC 6874). With GRAMMAR_URI_NO_FRAGMENT, "#" and a fragment are not
 * allowed: Content-Location's absolute-URI / partial-URI (RFC 9110,
 * Section 8.7). The empty string is a valid reference. */
#define GRAMMAR_URI_NO_FRAGMENT 1u
const char *grammar_uri_reference(const char *p, size_t n, unsigned flags,
                                  size_t *at);

/* A media-type with its parameters (RFC 9110, Section 8.3.1): type "/"
 * subtype, then *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] ).
 * No whitespace may surround "=". */
const char *grammar_media_type(const char *p, size_t n, size_t *at);

/* An entity-tag (RFC 9110, Section 8.8.3): an optional "W/", then a
 * double-quoted string of etagc. */
const char *grammar_entity_tag(const char *p, size_t n, size_t *at);

/* A well-formed language tag (RFC 5646, Section 2.1): language, extlang,
 * script, region, variant, extension and private-use subtags in their
 * order and shapes, a private-use tag ("x-..."), or one of the irregular
 * grandfathered tags ("i-klingon"); any case. Whether the subtags are
 * registered is not checked. */
const char *grammar_language_tag(const char *p, size_t n, size_t *at);

#endif
