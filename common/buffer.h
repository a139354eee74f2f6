/* buffer.h: a growable byte buffer, for the command and the server. */
#ifndef HTTPSTATUS_BUFFER_H
#define HTTPSTATUS_BUFFER_H

#include <stddef.h>
#include <string.h>

/* The bytes data[0..len), in cap bytes of storage, followed by a NUL
 * that is not counted: callers go by len, the NUL makes a buffer easy to
 * inspect. A zeroed struct is an empty buffer. */
struct buffer {
    char *data;
    size_t len, cap;
};

/* Makes room for n more bytes (and the NUL after them). 0 on success, -1
 * when out of memory; the buffer keeps what it had either way. */
int buffer_reserve(struct buffer *b, size_t n);

/* Appends n bytes, or a NUL-terminated string, or formatted text; 0 on
 * success, -1 when out of memory or given NULL (the buffer keeps what it
 * had). */
int buffer_append_grow(struct buffer *b, const void *data, size_t n);
static inline int buffer_append(struct buffer *b, const void *data, size_t n)
{
    /* Inline when the bytes fit, as nearly all do: the server's heads are
     * written a few bytes at a time. buffer_append_grow() does the rest. */
    if (data != NULL && b->data != NULL && n < b->cap - b->len) {
        memcpy(b->data + b->len, data, n);
        b->len += n;
        b->data[b->len] = '\0';
        return 0;
    }
    return buffer_append_grow(b, data, n);
}
int buffer_puts(struct buffer *b, const char *s);
int buffer_printf(struct buffer *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Appends v in decimal, without printf: this runs for every response. */
int buffer_put_uint(struct buffer *b, unsigned long long v);

/* Frees the storage and leaves an empty buffer. */
void buffer_free(struct buffer *b);

#endif
