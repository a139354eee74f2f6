/* buffer.c: the growable byte buffer of buffer.h. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"

int buffer_reserve(struct buffer *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (b->len >= SIZE_MAX - 1 || n > SIZE_MAX - 1 - b->len)
        return -1;
    need = b->len + n + 1;
    if (b->data != NULL && need <= b->cap)
        return 0;
    cap = b->data != NULL && b->cap > 0 ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (p == NULL)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

/* The data is kept NUL-terminated after len, which costs nothing and
 * makes a buffer easy to inspect; callers should still go by len. */
int buffer_append_grow(struct buffer *b, const void *data, size_t n)
{
    if (n == 0)
        return 0;
    if (data == NULL || buffer_reserve(b, n) != 0)
        return -1;
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buffer_puts(struct buffer *b, const char *s)
{
    return s == NULL ? -1 : buffer_append(b, s, strlen(s));
}

static int buffer_vprintf(struct buffer *b, const char *fmt, va_list ap)
{
    va_list copy;
    int n, m;

    /* Format straight into the buffer, and a second time only when the
     * text did not fit: most of what is formatted here is short. */
    if (buffer_reserve(b, 128) != 0)
        return -1;
    va_copy(copy, ap);
    n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, copy);
    va_end(copy);
    if (n >= 0 && (size_t)n < b->cap - b->len) {
        b->len += (size_t)n;
        return 0;
    }
    b->data[b->len] = '\0';
    if (n < 0 || buffer_reserve(b, (size_t)n) != 0)
        return -1;
    m = vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    if (m != n) {
        b->data[b->len] = '\0';
        return -1;
    }
    b->len += (size_t)n;
    return 0;
}

int buffer_printf(struct buffer *b, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = buffer_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

int buffer_put_uint(struct buffer *b, unsigned long long v)
{
    char digits[24];
    size_t i = sizeof digits;

    do
        digits[--i] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    return buffer_append(b, digits + i, sizeof digits - i);
}

void buffer_free(struct buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
