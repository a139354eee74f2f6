/* utf8.c: the UTF-8 checks of utf8.h. */
#include "utf8.h"

size_t utf8_length(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    unsigned char lo = 0x80, hi = 0xbf; /* the second byte's range */
    size_t len, k;

    if (p == NULL || n == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        if (s[0] == 0xe0)
            lo = 0xa0; /* below is overlong */
        else if (s[0] == 0xed)
            hi = 0x9f; /* above is a surrogate */
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        if (s[0] == 0xf0)
            lo = 0x90; /* below is overlong */
        else if (s[0] == 0xf4)
            hi = 0x8f; /* above is past U+10FFFF */
    } else {
        return 0; /* a continuation byte, C0, C1 or F5 to FF */
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (k = 2; k < len; k++)
        if (s[k] < 0x80 || s[k] > 0xbf)
            return 0;
    return len;
}

int utf8_valid(const char *p, size_t n)
{
    size_t i = 0;

    if (p == NULL)
        return n == 0;
    while (i < n) {
        size_t len = utf8_length(p + i, n - i);
        if (len == 0)
            return 0;
        i += len;
    }
    return 1;
}
