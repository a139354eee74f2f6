/* ascii.h: the character classes and comparisons of HTTP's grammar, for
 * the command and the server. Bytes are taken as unsigned values; none of
 * these depends on the locale. */
#ifndef HTTPSTATUS_ASCII_H
#define HTTPSTATUS_ASCII_H

#include <stddef.h>
#include <string.h>

static inline int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static inline int is_alpha(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* tchar (RFC 9110, Section 5.6.2). */
static inline int is_tchar(int ch)
{
    return is_alpha(ch) || is_digit(ch) ||
           (ch != '\0' && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

/* OWS's bytes: SP and HTAB. */
static inline int is_ows(int ch)
{
    return ch == ' ' || ch == '\t';
}

/* The index of the first byte at or after i in p[0..n) that is not OWS. */
static inline size_t skip_ows(const char *p, size_t n, size_t i)
{
    while (i < n && is_ows((unsigned char)p[i]))
        i++;
    return i;
}

/* A hexadecimal digit's value, or -1. */
static inline int hex_value(int ch)
{
    if (is_digit(ch))
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static inline int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

/* p[0..n) equals the string s, ignoring ASCII case. */
static inline int eq_nocase(const char *p, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] == '\0' || lower((unsigned char)p[i]) != lower(s[i]))
            return 0;
    return s[n] == '\0';
}

/* a[0..n) and b[0..n) are equal, ignoring ASCII case. */
static inline int same_nocase(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* p[0..n) equals the string s exactly. */
static inline int eq_exact(const char *p, size_t n, const char *s)
{
    return strlen(s) == n && (n == 0 || memcmp(p, s, n) == 0);
}

#endif
