/* date.h: HTTP dates (RFC 9110, Section 5.6.7), for the command and the
 * server. */
#ifndef HTTPSTATUS_DATE_H
#define HTTPSTATUS_DATE_H

#include <stddef.h>

/* An IMF-fixdate and its NUL. */
#define HTTP_DATE_SIZE 30

/* Writes t (seconds since 1970, UTC) as an IMF-fixdate, "Sun, 06 Nov 1994
 * 08:49:37 GMT", clamped to the years 1970 to 9999. out must hold
 * HTTP_DATE_SIZE bytes; a smaller size writes nothing. */
void http_date(long long t, char *out, size_t size);

/* Reads an IMF-fixdate at p[0..n) (no other form: the obsolete RFC 850
 * and asctime forms are not read). Returns the seconds since 1970, or -1
 * when p is not an IMF-fixdate of a real date from 1970 to 9999. */
long long http_date_parse(const char *p, size_t n);

/* Days from 1970-01-01 to y-m-d (m from 1 to 12), negative before it, for
 * any year (Howard Hinnant's days_from_civil). */
long long days_from_civil(long long y, long long m, long long d);

#endif
