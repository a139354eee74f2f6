/* sfv.h: Structured Field Values for HTTP (RFC 9651, which obsoletes
 * RFC 8941), parsed the way Section 4.2 says, strictly: a value with any
 * deviation from the parsing algorithms fails as a whole.
 *
 * Nothing here allocates. sfv_parse() checks a field value and says where
 * and why it fails; on a value it accepts, sfv_next(), sfv_inner_next()
 * and sfv_param_next() walk the members, the items of an Inner List and
 * the parameters, and every struct they fill points into the caller's
 * bytes. sfv_string_value() and sfv_bytes_value() decode a String,
 * Display String or Byte Sequence into the caller's buffer, and
 * sfv_serialize() writes a value's canonical form (Section 4.1).
 *
 * Every function takes (const char *p, size_t n) or a struct pointing
 * into such bytes, accepts any bytes and any length, and never reads past
 * n; p may be NULL when n is 0. Field lines of one field are combined
 * into one value with ", " between them (Section 4.2) by the caller. */
#ifndef HTTPSTATUS_SFV_H
#define HTTPSTATUS_SFV_H

#include <stddef.h>

/* The type a field is defined as (Section 3). */
enum sfv_top { SFV_LIST, SFV_DICTIONARY, SFV_ITEM };

/* A bare item's type, or an Inner List (Sections 3.1.1 and 3.3). */
enum sfv_type {
    SFV_INTEGER,
    SFV_DECIMAL,
    SFV_STRING,
    SFV_TOKEN,
    SFV_BYTES,
    SFV_BOOLEAN,
    SFV_DATE,
    SFV_DISPLAY_STRING,
    SFV_INNER_LIST
};

/* Flags of a Byte Sequence that parses but is not in the form Section
 * 4.1.8 asks senders for. */
#define SFV_UNPADDED 1 /* "=" padding is missing */
#define SFV_PAD_BITS 2 /* the unused bits of the last character are not 0 */

/* An Item or an Inner List, with its parameters. */
struct sfv_item {
    enum sfv_type type;
    /* The bare item as sent ("42", "\"a\\\"b\"", ":AQ==:"), or the whole
     * Inner List with its parentheses; len 0 for the Boolean true that
     * a Dictionary member or a parameter without "=" stands for (text
     * then points where the value would be). */
    const char *text;
    size_t len;
    /* Integer and Date: the value. Decimal: the value in thousandths
     * (-1.5 is -1500). Boolean: 1 or 0. Otherwise 0. */
    long long number;
    /* String and Display String: the bytes once decoded (UTF-8 for a
     * Display String). Byte Sequence: the octets once decoded. Inner
     * List: the number of items. Otherwise 0. */
    size_t size;
    int flags; /* Byte Sequence: SFV_UNPADDED, SFV_PAD_BITS */
    /* The parameters as sent, from the first ";" on; empty when there
     * are none. Walk them with sfv_param_next(). */
    const char *params;
    size_t params_len;
};

/* A member of a List or Dictionary, or the one member of an Item. */
struct sfv_member {
    const char *key; /* a Dictionary member's key; NULL otherwise */
    size_t key_len;
    struct sfv_item value;
};

/* A parameter: its value is a bare item (type never SFV_INNER_LIST, no
 * parameters of its own). */
struct sfv_param {
    const char *key;
    size_t key_len;
    struct sfv_item value;
};

/* Why a value does not parse: the offset of the byte where parsing
 * failed (n when the value ended too soon), and a phrase saying what was
 * wrong there, such as "a String without its closing '\"'"; the phrase
 * is a string literal, printable ASCII. */
struct sfv_error {
    size_t offset;
    const char *reason;
};

/* Parses p[0..n) as a field of type top. Returns 0 when the value parses,
 * -1 when it does not, and then fills *err unless err is NULL. An empty
 * value is an empty List or Dictionary; an Item cannot be empty. */
int sfv_parse(const char *p, size_t n, enum sfv_top top,
              struct sfv_error *err);

/* Walks the members of a value that sfv_parse() accepted with the same
 * top: start with *pos 0; each call fills *m with the next member and
 * returns 1, or returns 0 after the last. Members come in the order sent;
 * a Dictionary key sent twice comes twice, and the Dictionary's value for
 * it is the later one (Section 4.2.2). On a value sfv_parse() refuses,
 * the walk stops where parsing fails. */
int sfv_next(const char *p, size_t n, enum sfv_top top, size_t *pos,
             struct sfv_member *m);

/* Walks the items of an Inner List from sfv_next(), the same way:
 * *pos 0 first; 1 with *item, 0 after the last. 0 at once for an item
 * that is not an Inner List. */
int sfv_inner_next(const struct sfv_item *list, size_t *pos,
                   struct sfv_item *item);

/* Walks an item's or an Inner List's parameters the same way. A key
 * sent twice comes twice; the later value is the parameter's. */
int sfv_param_next(const struct sfv_item *item, size_t *pos,
                   struct sfv_param *param);

/* Decodes a String (the escapes removed) or Display String (the
 * percent-escapes decoded, UTF-8) into out[0..cap), or copies a Token.
 * Returns the decoded length, which may exceed cap: then only cap bytes
 * are written. No NUL is added. 0 for other types. */
size_t sfv_string_value(const struct sfv_item *item, char *out, size_t cap);

/* Decodes a Byte Sequence into out[0..cap) the same way; returns its
 * length (item->size). 0 for other types. */
size_t sfv_bytes_value(const struct sfv_item *item, unsigned char *out,
                       size_t cap);

/* Writes the canonical serialisation (Section 4.1) of a value that
 * sfv_parse() accepted into out[0..size), with a NUL when size > 0, as
 * snprintf does; returns the length it needs without the NUL. Duplicate
 * keys are folded as parsing does: the first position, the last value.
 * An empty List or Dictionary gives "" (the field is not sent). On a
 * value sfv_parse() refuses, the output is unspecified but bounded. */
size_t sfv_serialize(const char *p, size_t n, enum sfv_top top, char *out,
                     size_t size);

#endif
