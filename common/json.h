/* json.h: the JSON writer that the command and the server share, and the
 * registry's entries in the schema docs/json.md documents. */
#ifndef HTTPSTATUS_JSON_H
#define HTTPSTATUS_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "buffer.h"
#include "httpstatus.h"

/* Appends p[0..n) to b as a JSON string literal: quotes around it, '"'
 * and '\\' backslashed, \n \r \t, other control bytes and DEL as \u00XX,
 * valid UTF-8 as it is, and each byte of a malformed UTF-8 sequence as
 * \ufffd, so that the result is valid JSON whatever the bytes. p may be
 * NULL: null. 0, or -1 when out of memory. */
int json_escape(struct buffer *b, const char *p, size_t n);

/* The same for a NUL-terminated string (or NULL), written to f. */
void json_write_string(FILE *f, const char *s);

/* One entry as a JSON object. */
void json_write_entry(FILE *f, const struct httpstatus_info *e);

/* A list of entries as a JSON array, one object a line. */
void json_write_entries(FILE *f, const struct httpstatus_info *const *entries,
                        size_t n);

/* "standard", "temporary", "obsolete", "reserved", "unofficial". */
const char *kind_name(enum httpstatus_kind kind);

/* "MUST", "SHOULD", "MAY", "SHOULD NOT", "MUST NOT". */
const char *level_name(enum httpstatus_level level);

#endif
