/* form.h: the decoders behind the echo endpoints (/get, /post,
 * /anything): percent-decoding, application/x-www-form-urlencoded pairs,
 * and multipart/form-data bodies (the strict UTF-8 check is common/utf8.h).
 *
 * None of them allocates. Parsers hand back slices into the input they
 * were given, so the input must outlive them; decoders write into a
 * buffer the caller provides and never past its size. Each runs in time
 * linear in its input, without recursion, and takes any bytes of any
 * length: a NULL input with a length of 0 is an empty input, while a NULL
 * input with a length above 0, or a NULL output, is an error. */
#ifndef HTTPSTATUS_FORM_H
#define HTTPSTATUS_FORM_H

#include <stddef.h>

#include "server.h" /* struct slice */

/* ---------------------------------------------------- percent-encoding */

/* Decodes p[0..n) into out[0..size): each "%XX", with XX two hex digits
 * of either case, becomes the byte they spell, and when plus_is_space is
 * not 0 (form encoding, as in a query string or a form body) each '+'
 * becomes a space; with plus_is_space 0 (a path) '+' stays '+'. Every
 * other byte is copied as it is, so UTF-8 and any other bytes pass
 * through. A decoded byte may be anything, NUL included: the result is a
 * length, not a string, and nothing is NUL-terminated.
 *
 * Returns the decoded length, which is never more than n, so a buffer of
 * n bytes always suffices. Returns -1 when the input is malformed: a '%'
 * not followed by two hex digits ("%zz", "%4" at the end, a lone '%'),
 * whatever size is; otherwise -2 when the decoded bytes do not fit in
 * size; -3 when out is NULL, or p is NULL with n above 0. After an error,
 * out holds an unspecified part of the decoding.
 *
 * out may be p itself, to decode in place: no byte is written before the
 * bytes it comes from have been read. Any other overlap is undefined. */
long percent_decode(const char *p, size_t n, char *out, size_t size,
                    int plus_is_space);

/* ------------------------------------ application/x-www-form-urlencoded */

/* Iterates the name=value pairs of a form-urlencoded string p[0..n): a
 * query string (without its '?') or a form body. Start with *pos at 0 and
 * call again with the same p, n and pos until it returns 0.
 *
 * Returns 1 with the next pair's name and value, raw: still
 * percent-encoded, to be decoded with percent_decode(..., 1). Returns 0
 * at the end (and whenever *pos is at or past n), leaving name and value
 * as they were. Returns -1 when pos, name or value is NULL, or p is NULL
 * with n above 0.
 *
 * As the WHATWG URL standard's form-urlencoded parser does: the string is
 * split at every '&' (';' is an ordinary byte, not a separator); empty
 * pieces are skipped ("a=1&&b=2" is two pairs, "&" is none); each piece
 * is split at its first '=', so "a=b=c" is the name "a" with the value
 * "b=c" and "=b" is an empty name with the value "b"; a piece without '='
 * is a name with an empty value.
 *
 * Both slices always point into p, so they are never NULL, even when
 * empty. Whether the piece had an '=' ("a=" against "a") shows in where
 * the value starts: value.p == name.p + name.n + 1 when it had one (the
 * value starts after it), and value.p == name.p + name.n without (the
 * empty value sits at the end of the name). */
int form_next(const char *p, size_t n, size_t *pos, struct slice *name,
              struct slice *value);

/* --------------------------------------------------- multipart/form-data */

#define MULTIPART_BOUNDARY_MAX 70   /* RFC 2046, Section 5.1.1 */
#define MULTIPART_HEAD_MAX     8192 /* a part's header section, in bytes */

/* Finds the boundary in a Content-Type field value p[0..n) (RFC 9110,
 * Section 8.3): the media type must be multipart/form-data, in any case,
 * and its parameters must follow the grammar: "; name=value" with a token
 * or a quoted-string for the value, whitespace allowed around the ';' but
 * not around the '='. Leading and trailing whitespace is allowed.
 *
 * Returns 0 and sets *boundary to the boundary parameter's value (its
 * name matched in any case, wherever it stands among the parameters, a
 * charset before it for instance), a slice of p without the quotes of a
 * quoted-string. Returns -1 when boundary is NULL, p is NULL with n above
 * 0, the media type is another, the value is malformed, there is no
 * boundary parameter or there are two, or the boundary is not what RFC
 * 2046, Section 5.1.1 allows: 1 to 70 characters from its bchars (letters,
 * digits and "'()+_,-./:=? "), the last not a space. A quoted boundary
 * with a backslash escape is refused too: no character allowed in a
 * boundary needs one, and a slice could not hold the unescaped form. */
int multipart_boundary(const char *p, size_t n, struct slice *boundary);

/* An iteration over the parts of a whole multipart/form-data body (RFC
 * 7578, with the framing of RFC 2046, Section 5.1.1). Set it up with
 * multipart_init(); its fields are the iterator's own. */
struct multipart {
    const char *body;
    size_t len;
    struct slice boundary;
    size_t pos; /* where the next part starts, once the first is found */
    int state;
};

/* One part. Every slice points into the body. */
struct multipart_part {
    /* The name parameter of the part's Content-Disposition, raw: when it
     * was a quoted-string, the bytes between the quotes with any
     * backslash escapes still in (run it through multipart_unquote());
     * when it was a token, the token. Percent-escapes are not decoded:
     * browsers, and curl since 7.81, send a '"' in a name as "%22", and
     * the name is passed on as sent. */
    struct slice name;
    /* The filename parameter, raw as name is. p is NULL when the part
     * has none; filename="" gives a non-NULL p with n 0. filename*
     * (RFC 5987, which RFC 7578, Section 4.2 tells senders not to use)
     * is ignored like any other unknown parameter. */
    struct slice filename;
    /* The part's Content-Type field value, without surrounding
     * whitespace; p is NULL when the part has none (RFC 7578 then means
     * text/plain). */
    struct slice content_type;
    /* The part's content: every byte between the empty line that ends
     * its header section and the CRLF of the next delimiter. */
    struct slice data;
};

/* Prepares *m to iterate body[0..len) with the given boundary, as
 * multipart_boundary() gives it (any 1 to 70 bytes work). Returns 0, or
 * -1 when m is NULL, body is NULL with len above 0, or the boundary is
 * NULL or not 1 to 70 bytes long. */
int multipart_init(struct multipart *m, const char *body, size_t len,
                   struct slice boundary);

/* Reads the next part of the body into *part. Returns 1 for a part, 0
 * once the close delimiter has been read (and on every call after that),
 * or -1 when the body is malformed (and on every call after that), or
 * when m or part is NULL.
 *
 * The body is read as RFC 2046, Section 5.1.1 frames it, strictly:
 *  - a preamble, ignored, may come before the first delimiter, which
 *    starts the body or follows a CRLF; no delimiter at all is -1;
 *  - a delimiter is CRLF "--" boundary (the first one without the CRLF
 *    when it starts the body), then either "--", which makes it the
 *    close delimiter, or optional spaces and tabs and a CRLF. The same
 *    bytes followed by anything else are not a delimiter but part of the
 *    data (or preamble) around them, so a boundary string in data is
 *    harmless unless it follows a CRLF and ends its line;
 *  - after the close delimiter come optional spaces and tabs, then the
 *    end of the body or a CRLF and an epilogue, ignored; anything else
 *    there is -1, and so is a body that ends before a close delimiter;
 *  - a close delimiter that starts the body (no parts at all) is an
 *    empty form, which is what browsers send for one; as the first
 *    delimiter after a preamble it is -1, a body that lost its parts;
 *  - every line ends in CRLF: a bare LF or CR in a part's header section
 *    is -1, and a delimiter line ended by a bare LF is no delimiter.
 *    Browsers, curl, Go and Python all send CRLF.
 *
 * Each part's header section is field lines ("Name: value", the name a
 * token, the value of visible characters, spaces, tabs and bytes 0x80 and
 * above; no folding) then an empty line, MULTIPART_HEAD_MAX bytes at most
 * in all, or -1. It must hold one Content-Disposition whose type is
 * form-data (in any case) with a name parameter; a part without one,
 * with two, with another type, without a name, or with a name or filename
 * given twice is -1. It may hold one Content-Type, a media type with
 * well-formed parameters; two are -1. Other fields are checked for
 * syntax and skipped: Content-Transfer-Encoding among them, which RFC
 * 7578, Section 4.7 deprecates, so data is always the bytes as sent. A
 * part without any header section is therefore -1.
 *
 * Parts come one at a time as they are found, so a body that turns out
 * malformed has already given its earlier parts: a caller that must not
 * act on a bad body iterates to 0 first, which is cheap, then again.
 * The whole iteration reads each byte a bounded number of times: linear
 * in len, whatever the boundary and the body. */
int multipart_next(struct multipart *m, struct multipart_part *part);

/* Removes the backslash escapes of a quoted-string's contents p[0..n),
 * as multipart_next() gives a name or filename: each "\x" becomes x.
 * Bytes other than backslashes are copied as they are, so a token is
 * unchanged. Returns the length written into out[0..size), never more
 * than n; or -1 when p ends in a lone backslash (which a slice from
 * multipart_next() never does); otherwise -2 when size is too small; -3
 * when out is NULL, or p is NULL with n above 0. out may be p itself. */
long multipart_unquote(const char *p, size_t n, char *out, size_t size);

#endif
