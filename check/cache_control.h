/* cache_control.h: a reader for Cache-Control field values (RFC 9111,
 * Section 5.2), for `httpstatus check`.
 *
 *   Cache-Control   = #cache-directive
 *   cache-directive = token [ "=" ( token / quoted-string ) ]
 *
 * The reader is pure: it allocates nothing, needs no NUL, never reads
 * past the length it is given, and takes any bytes. Everything it
 * returns points into the value it reads. */
#ifndef HTTPSTATUS_CACHE_CONTROL_H
#define HTTPSTATUS_CACHE_CONTROL_H

#include <stddef.h>

/* What is wrong with one element of the list. */
enum cc_error {
    CC_OK = 0,
    /* An empty element: two commas with only whitespace between them, or
     * a comma at either end (RFC 9110, Section 5.6.1: a sender MUST NOT
     * generate empty list elements; a recipient ignores them). */
    CC_EMPTY,
    /* The element does not start with a token ("=60", "\"no-cache\""). */
    CC_NAME,
    /* Whitespace before or after "=" ("max-age = 60"). */
    CC_SPACE_AROUND_EQUALS,
    /* "=" with no argument after it ("max-age="). */
    CC_NO_ARGUMENT,
    /* The argument is neither a token nor a quoted-string ("max-age=[60]"),
     * or the quoted-string holds a byte that it cannot (a control
     * character other than HTAB). */
    CC_BAD_ARGUMENT,
    /* A quoted-string with no closing quote. */
    CC_UNTERMINATED,
    /* Something other than a comma after the directive ("max-age=60;
     * public", "no-cache no-store"). */
    CC_TRAILING
};

/* One element of a Cache-Control list. */
struct cc_item {
    /* The whole element as sent, from its first byte to the comma that
     * ends it (or the end of the value), without surrounding whitespace.
     * For CC_EMPTY, the comma that is one too many (len 1) or, for an
     * empty element at the end, the last comma. */
    const char *text;
    size_t len;
    /* Where text starts in the value. */
    size_t offset;
    enum cc_error error;
    /* When error is CC_OK: the directive's name (a token), and its
     * argument as sent: a token, or a quoted-string with its quotes.
     * arg is NULL and arg_len 0 when there is no "=". */
    const char *name;
    size_t name_len;
    const char *arg;
    size_t arg_len;
    int quoted; /* the argument is a quoted-string */
};

/* Reads the element of the list p[0..n) that starts at or after *pos
 * (start with *pos = 0) into *item and moves *pos past it. Returns 1 for
 * an element, valid or not (item->error says which), or 0 when the list
 * has no more elements. After an invalid element, reading goes on at
 * the next comma that is not inside a quoted-string, so the directives
 * after it are still read. *pos only grows, and a call that returns 1
 * moves it. */
int cc_next(const char *p, size_t n, size_t *pos, struct cc_item *item);

/* The argument's content: for a quoted-string, what is between the
 * quotes (quoted-pairs are left as sent); for a token, the token. */
void cc_arg_content(const struct cc_item *item, const char **p, size_t *n);

/* delta-seconds (RFC 9111, Section 1.2.2): 1 when p[0..n) is one or more
 * digits, with *out its value, or 2147483648 when it is greater (as
 * Section 1.2.2 asks of a cache); 0 otherwise. */
int cc_delta_seconds(const char *p, size_t n, unsigned long long *out);

/* 1 when p[0..n) is a list of field names, #field-name (the argument of
 * no-cache and private, without its quotes): tokens separated by commas
 * and optional whitespace, with at least one name. */
int cc_field_names(const char *p, size_t n);

#endif
