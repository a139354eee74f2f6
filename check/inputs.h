/* inputs.h: what `httpstatus check` reads, turned into the response
 * sequences that lint_run() checks.
 *
 * A file is a raw response (as curl -si prints it), a curl -v trace, or,
 * with --har, a HAR file. A trace or a HAR file holds several exchanges;
 * each becomes an input of its own, named after the file and the
 * request. The readers rebuild response heads only: content is never in
 * a trace (curl prints "{ [92 bytes data]"), and a HAR file's is decoded,
 * so that a Content-Length would not describe it.
 *
 * Nothing here prints. Memory runs out with an exit, as in lint.c. */
#ifndef HTTPSTATUS_INPUTS_H
#define HTTPSTATUS_INPUTS_H

#include <stddef.h>

#include "buffer.h"

/* One response sequence to check, with where it came from. Every pointer
 * is malloc'd and owned by the list that holds the input. */
struct probe_exchange;

struct input {
    char *name;   /* for the report: a path, "FILE, request 2: GET URL" */
    char *method; /* the request's method when the input says, or NULL */
    char *data;   /* the responses, as lint_run() reads them */
    size_t len;
    /* Fetched (check URL): the exchange, owned by the command (cli/fetch.c
     * frees it), a number that the inputs fetched for one URL share, from
     * 1, and when they came, the "now" they are checked at unless --now
     * says. NULL, 0 and -1 for a file. */
    struct probe_exchange *ex;
    int group;
    long long received;
};

/* The inputs read so far, and notes about what was left out (a HAR entry
 * without a response, say) for the command to show on standard error. A
 * zeroed struct is an empty list. */
struct inputs {
    struct input *items;
    size_t count, cap;
    char **notes; /* one sentence each, printable ASCII */
    size_t nnotes;
};

/* Adds an input, taking over name, method (may be NULL) and data. */
void inputs_add(struct inputs *l, char *name, char *method, char *data,
                size_t len);

/* Adds a note, taking it over. */
void inputs_note(struct inputs *l, char *note);

/* Frees every input and note, and leaves an empty list. */
void inputs_free(struct inputs *l);

/* p[0..n) as printable ASCII for a name or a message: bytes 0x20..0x7e
 * as they are, any other as \xHH, cut after max bytes with "...". A new
 * string. */
char *inputs_printable(const char *p, size_t n, size_t max);

/* Appends p[0..n) to b; exits when memory runs out. */
void inputs_append(struct buffer *b, const void *p, size_t n);

/* ------------------------------------------------------- curl -v traces */

/* 1 when p[0..n) is what curl -v or -sv writes on standard error (with
 * or without standard output mixed in by 2>&1), 0 otherwise. A trace's
 * first line is one of curl's ("* ", "> ", "< ", "{ ", "} ", its progress
 * meter or a "Note:" or "Warning:"); a response's is a status line, so
 * no raw response is ever taken for a trace, whatever its content holds.
 * The trace must also name a request or a response, or say that curl
 * tried to connect. */
int curl_trace_detect(const char *p, size_t n);

/* Reads the trace p[0..n) from the file named file and adds an input for
 * each exchange: the responses curl printed with "< " after a request
 * ("> GET /x HTTP/1.1"), interim ones first, named "FILE, request N:
 * METHOD URL" and carrying the request's method. The URL is built from
 * the target and the request's Host field (or HTTP/2's :authority), its
 * scheme from :scheme or from whether the connection speaks TLS.
 *
 * Lines without curl's prefixes (content from 2>&1, the progress meter)
 * are passed over; --trace-time's times are taken off. Line ends are kept as
 * curl wrote them, which is as they came, except in a trace where no request
 * or response line ends in CR: its line ends were lost on the way, and the
 * heads get CRLF. curl prints no empty line after an interim response, so one
 * is added there. After a 101, the responses of the protocol switched to form
 * an input of their own; so do responses with no request line before them.
 *
 * Returns 0, or -1 with *error set (a malloc'd sentence) when an exchange
 * has no response or the trace has no exchange: curl's last word on it
 * is quoted. Inputs added before an error stay in l. */
int curl_trace_read(const char *file, const char *p, size_t n,
                    struct inputs *l, char **error);

/* ----------------------------------------------------------- HAR files */

/* 1 when this build reads HAR files (it has Jansson), 0 when not. */
int har_supported(void);

/* Reads the HAR 1.2 file p[0..n) from the file named file and adds an
 * input for each entry with a response, named "FILE, entry N: METHOD
 * URL" and carrying the request's method. The head is rebuilt from
 * response.httpVersion, status, statusText and headers: "HTTP/1.1 200
 * OK" for HTTP/1.x, curl's "HTTP/2 200 " form for HTTP/2 and HTTP/3
 * ("h2", "http/2.0", "HTTP/2", "h3", ...), with no reason phrase; pseudo-
 * header fields (":status") are left out; a value with line feeds in it
 * (how some browsers join repeated fields) gives a field line for each.
 * Content is not added.
 *
 * An entry with status 0 (no response: blocked, cancelled, failed) or
 * an unknown or empty httpVersion is left out with a note.
 *
 * Returns 0, or -1 with *error set (a malloc'd sentence, saying where)
 * when the file is not JSON, not HAR (no log.entries), has a value of the
 * wrong type, holds no entry with a response, or when this build cannot
 * read HAR. Inputs added before an error stay in l. */
int har_read(const char *file, const char *p, size_t n, struct inputs *l,
             char **error);

#endif
