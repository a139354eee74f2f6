/* echo.h: the echo object of echo.c, for the endpoints that send it with
 * members of their own (/delay, /cache, /stream, the codings). */
#ifndef HTTPSTATUS_ECHO_H
#define HTTPSTATUS_ECHO_H

#include "server.h"

/* The members of the echo object, in the order they are written. */
enum echo_part {
    ECHO_ARGS = 1 << 0,    /* the query's pairs */
    ECHO_HEADERS = 1 << 1, /* the request's fields */
    ECHO_METHOD = 1 << 2,
    ECHO_ORIGIN = 1 << 3, /* the client's address */
    ECHO_URL = 1 << 4,    /* the URL the client asked for */
    ECHO_BODY = 1 << 5    /* data, files, form and json */
};

/* What /get sends. */
#define ECHO_REQUEST                                                          \
    (ECHO_ARGS | ECHO_HEADERS | ECHO_METHOD | ECHO_ORIGIN | ECHO_URL)

/* Appends to b the echo object of x's request with the members in parts,
 * without its closing brace, so that the caller may add members
 * (",\n  \"id\": 3"), then echo_close(). Returns 0; 1 when the content is
 * malformed for its Content-Type (x->res is then a 400 that says why);
 * -1 when out of memory. */
int echo_open(struct exchange *x, unsigned parts, struct buffer *b);

/* Closes the echo object: the brace and a newline. 0, or -1. */
int echo_close(struct buffer *b);

#endif
