/* utf8.h: well-formed UTF-8 (RFC 3629), for the command and the server. */
#ifndef HTTPSTATUS_UTF8_H
#define HTTPSTATUS_UTF8_H

#include <stddef.h>

/* The length of the well-formed UTF-8 sequence that starts p[0..n): 1 to
 * 4, or 0 when it is not one (an overlong form, a surrogate, a code point
 * above U+10FFFF, a stray continuation byte, a sequence cut short, or n
 * 0). Any code point counts, NUL and the controls included. */
size_t utf8_length(const char *p, size_t n);

/* 1 when all of p[0..n) is well-formed UTF-8, else 0. An empty input is
 * valid; a NULL p with n above 0 is not. */
int utf8_valid(const char *p, size_t n);

#endif
