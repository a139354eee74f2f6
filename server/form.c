/* form.c: percent-decoding, form-urlencoded pairs, multipart/form-data
 * and UTF-8 validation for the echo endpoints (form.h says what each
 * function accepts).
 *
 * Decisions:
 *
 *  - Nothing allocates. Parsers return slices into their input; decoders
 *    write into the caller's buffer and measure before they overflow.
 *  - Malformed percent-escapes are errors rather than literal text, as
 *    Go's url.ParseQuery has them, so that an echo endpoint can say 400
 *    instead of echoing something other than what was meant.
 *  - Form-urlencoded strings split at '&' only (the WHATWG URL standard;
 *    ';' as a separator is a CGI-era habit that caused cache-poisoning
 *    bugs when proxies and servers disagreed).
 *  - Multipart framing is RFC 2046's, with CRLF required everywhere. The
 *    delimiter search finds each CR with memchr() and compares what
 *    follows it with "\n--" and the boundary: at most 73 bytes for each
 *    CR, since a boundary is at most 70 bytes long. That keeps the search
 *    linear with a bounded constant and needs no table (KMP's would be
 *    the alternative). The padding after a boundary is skipped at most
 *    once, since it holds no CR where another candidate could start.
 *  - Part headers are checked for syntax, but only Content-Disposition
 *    and Content-Type are read. Names and filenames are handed back raw;
 *    multipart_unquote() removes quoted-pair escapes, and percent-escapes
 *    (what browsers use for '"', CR and LF) are left to the caller. */
#include <limits.h>
#include <string.h>

#include "form.h"

/* ------------------------------------------------------------ bytes */

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int is_tchar(unsigned char c)
{
    static const char extra[] = "!#$%&'*+-.^_`|~";

    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != '\0' && strchr(extra, c));
}

static int is_ows(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* HTAB, SP, VCHAR and obs-text: what a field value may hold. */
static int is_field_byte(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

/* qdtext of RFC 9110, Section 5.6.4: a field byte other than '"' and
 * '\'. */
static int is_qdtext(unsigned char c)
{
    return is_field_byte(c) && c != '"' && c != '\\';
}

/* bchars of RFC 2046, Section 5.1.1: what a boundary is made of. */
static int is_bchar(unsigned char c)
{
    static const char extra[] = "'()+_,-./:=? ";

    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != '\0' && strchr(extra, c));
}

static int lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* s[0..n) equals the lower-case word, ignoring ASCII case. */
static int same_word(const char *s, size_t n, const char *word)
{
    size_t i;

    if (strlen(word) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != word[i])
            return 0;
    return 1;
}

/* The length a decoder measured, as its long result: -2 when it does not
 * fit the output or a long. */
static long measured(size_t k, size_t size)
{
    if (k > size || k > (size_t)LONG_MAX)
        return -2;
    return (long)k;
}

/* ---------------------------------------------------- percent-encoding */

long percent_decode(const char *p, size_t n, char *out, size_t size,
                    int plus_is_space)
{
    size_t i, k = 0;

    if (out == NULL || (p == NULL && n > 0))
        return -3;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '%') {
            int hi, lo;
            if (n - i < 3)
                return -1;
            hi = hex_value((unsigned char)p[i + 1]);
            lo = hex_value((unsigned char)p[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            c = (unsigned char)(hi << 4 | lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        /* Past size, keep going without writing: a malformed escape
         * further on is still -1. */
        if (k < size)
            out[k] = (char)c;
        k++;
    }
    return measured(k, size);
}

/* ------------------------------------ application/x-www-form-urlencoded */

int form_next(const char *p, size_t n, size_t *pos, struct slice *name,
              struct slice *value)
{
    size_t i, start, eq, end;

    if (pos == NULL || name == NULL || value == NULL || (p == NULL && n > 0))
        return -1;
    i = *pos;
    while (i < n && p[i] == '&')
        i++;
    if (i >= n) {
        *pos = n > *pos ? n : *pos;
        return 0;
    }
    start = i;
    eq = n;
    while (i < n && p[i] != '&') {
        if (p[i] == '=' && eq == n)
            eq = i;
        i++;
    }
    end = i;
    name->p = p + start;
    if (eq < end) {
        name->n = eq - start;
        value->p = p + eq + 1;
        value->n = end - eq - 1;
    } else {
        name->n = end - start;
        value->p = p + end;
        value->n = 0;
    }
    *pos = end;
    return 1;
}

/* ----------------------------------------------- media types, parameters */

/* Reads a quoted-string starting at p[*i], the opening quote. On success
 * sets *value to its contents between the quotes, escapes kept, and *i
 * past the closing quote; returns 1 when it held a backslash escape, 0
 * when not, -1 when malformed. */
static int read_quoted(const char *p, size_t n, size_t *i, struct slice *value)
{
    size_t k = *i + 1;
    int escaped = 0;

    while (k < n && p[k] != '"') {
        unsigned char c = (unsigned char)p[k];
        if (c == '\\') {
            /* quoted-pair: HTAB, SP, VCHAR or obs-text after it. */
            if (k + 1 >= n || !is_field_byte((unsigned char)p[k + 1]))
                return -1;
            escaped = 1;
            k += 2;
        } else if (is_qdtext(c)) {
            k++;
        } else {
            return -1;
        }
    }
    if (k >= n)
        return -1;
    value->p = p + *i + 1;
    value->n = k - *i - 1;
    *i = k + 1;
    return escaped;
}

static size_t skip_ows(const char *p, size_t n, size_t i)
{
    while (i < n && is_ows((unsigned char)p[i]))
        i++;
    return i;
}

static size_t skip_token(const char *p, size_t n, size_t i)
{
    while (i < n && is_tchar((unsigned char)p[i]))
        i++;
    return i;
}

/* One parameter of a field value, RFC 9110, Section 5.6.6:
 * *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] ). Starting at
 * *i, returns 1 with the next parameter (value raw, without the quotes of
 * a quoted-string; *escaped says whether it holds a quoted-pair), 0 at
 * the end of the value (trailing whitespace allowed), -1 when
 * malformed. */
static int param_next(const char *p, size_t n, size_t *i, struct slice *name,
                      struct slice *value, int *escaped)
{
    size_t k = *i, end;

    for (;;) {
        k = skip_ows(p, n, k);
        if (k == n) {
            *i = k;
            return 0;
        }
        if (p[k] != ';')
            return -1;
        k = skip_ows(p, n, k + 1);
        if (k < n && p[k] != ';')
            break;
        /* An empty parameter: ";;" or a trailing ';'. */
    }
    end = skip_token(p, n, k);
    if (end == k || end == n || p[end] != '=')
        return -1;
    name->p = p + k;
    name->n = end - k;
    k = end + 1;
    if (k < n && p[k] == '"') {
        int r = read_quoted(p, n, &k, value);
        if (r < 0)
            return -1;
        *escaped = r;
    } else {
        end = skip_token(p, n, k);
        if (end == k)
            return -1;
        value->p = p + k;
        value->n = end - k;
        *escaped = 0;
        k = end;
    }
    *i = k;
    return 1;
}

/* Reads "type/subtype" at p[*i], after leading whitespace. Returns 0 and
 * sets the slices and *i past the subtype, or -1. */
static int scan_media_type(const char *p, size_t n, size_t *i,
                           struct slice *type, struct slice *subtype)
{
    size_t k = skip_ows(p, n, *i), end;

    end = skip_token(p, n, k);
    if (end == k || end == n || p[end] != '/')
        return -1;
    type->p = p + k;
    type->n = end - k;
    k = end + 1;
    end = skip_token(p, n, k);
    if (end == k)
        return -1;
    subtype->p = p + k;
    subtype->n = end - k;
    *i = end;
    return 0;
}

/* 1 when p[0..n) is a media type whose parameters are well formed. */
static int valid_media_type(const char *p, size_t n)
{
    struct slice type, subtype, name, value;
    size_t i = 0;
    int escaped, r;

    if (scan_media_type(p, n, &i, &type, &subtype) < 0)
        return 0;
    while ((r = param_next(p, n, &i, &name, &value, &escaped)) == 1)
        ;
    return r == 0;
}

static int valid_boundary(struct slice b)
{
    size_t i;

    if (b.n < 1 || b.n > MULTIPART_BOUNDARY_MAX || b.p[b.n - 1] == ' ')
        return 0;
    for (i = 0; i < b.n; i++)
        if (!is_bchar((unsigned char)b.p[i]))
            return 0;
    return 1;
}

int multipart_boundary(const char *p, size_t n, struct slice *boundary)
{
    struct slice type, subtype, name, value, found = {NULL, 0};
    size_t i = 0;
    int escaped, r;

    if (boundary == NULL || (p == NULL && n > 0))
        return -1;
    if (scan_media_type(p, n, &i, &type, &subtype) < 0 ||
        !same_word(type.p, type.n, "multipart") ||
        !same_word(subtype.p, subtype.n, "form-data"))
        return -1;
    while ((r = param_next(p, n, &i, &name, &value, &escaped)) == 1) {
        if (!same_word(name.p, name.n, "boundary"))
            continue;
        if (found.p != NULL || escaped)
            return -1;
        found = value;
    }
    if (r < 0 || found.p == NULL || !valid_boundary(found))
        return -1;
    *boundary = found;
    return 0;
}

/* ---------------------------------------------------- multipart framing */

enum { MP_START, MP_PARTS, MP_DONE, MP_FAILED };

enum delimiter { NOT_DELIMITER, NEXT_PART, CLOSE, BAD_CLOSE };

int multipart_init(struct multipart *m, const char *body, size_t len,
                   struct slice boundary)
{
    if (m == NULL || (body == NULL && len > 0) || boundary.p == NULL ||
        boundary.n < 1 || boundary.n > MULTIPART_BOUNDARY_MAX)
        return -1;
    m->body = body;
    m->len = len;
    m->boundary = boundary;
    m->pos = 0;
    m->state = MP_START;
    return 0;
}

/* What the bytes at body[i] make, given that they follow a CRLF or start
 * the body: a delimiter line when they are "--" boundary and then either
 * "--" (CLOSE, when the end of the body or a CRLF follows, after optional
 * spaces and tabs; BAD_CLOSE when something else does) or optional spaces
 * and tabs and a CRLF (NEXT_PART). *after is set past the line's CRLF, or
 * for CLOSE past the padding. */
static enum delimiter delimiter_at(const struct multipart *m, size_t i,
                                   size_t *after)
{
    const char *b = m->body;
    size_t n = m->len, bn = m->boundary.n, k;

    if (n - i < 2 + bn || b[i] != '-' || b[i + 1] != '-' ||
        memcmp(b + i + 2, m->boundary.p, bn) != 0)
        return NOT_DELIMITER;
    k = i + 2 + bn;
    if (n - k >= 2 && b[k] == '-' && b[k + 1] == '-') {
        k = skip_ows(b, n, k + 2);
        if (k < n && (n - k < 2 || b[k] != '\r' || b[k + 1] != '\n'))
            return BAD_CLOSE;
        *after = k;
        return CLOSE;
    }
    k = skip_ows(b, n, k);
    if (n - k < 2 || b[k] != '\r' || b[k + 1] != '\n')
        return NOT_DELIMITER;
    *after = k + 2;
    return NEXT_PART;
}

/* Finds the first CRLF-led delimiter at or after body[from]: sets *at to
 * its CR and *after as delimiter_at() does, and returns its kind, or
 * NOT_DELIMITER when there is none. */
static enum delimiter find_delimiter(const struct multipart *m, size_t from,
                                     size_t *at, size_t *after)
{
    const char *b = m->body;
    size_t n = m->len, i = from;

    while (i < n) {
        const char *cr = memchr(b + i, '\r', n - i);
        enum delimiter d;
        if (cr == NULL)
            break;
        i = (size_t)(cr - b);
        if (n - i >= 2 && b[i + 1] == '\n') {
            d = delimiter_at(m, i + 2, after);
            if (d != NOT_DELIMITER) {
                *at = i;
                return d;
            }
        }
        i++;
    }
    return NOT_DELIMITER;
}

/* Reads the Content-Disposition value v[0..n) into part's name and
 * filename. Returns 0, or -1 when it is not form-data with one name. */
static int read_disposition(const char *v, size_t n,
                            struct multipart_part *part)
{
    struct slice name, value;
    size_t i = skip_token(v, n, 0);
    int escaped, r;

    if (!same_word(v, i, "form-data"))
        return -1;
    while ((r = param_next(v, n, &i, &name, &value, &escaped)) == 1) {
        struct slice *target = NULL;
        if (same_word(name.p, name.n, "name"))
            target = &part->name;
        else if (same_word(name.p, name.n, "filename"))
            target = &part->filename;
        if (target == NULL)
            continue;
        if (target->p != NULL)
            return -1;
        *target = value;
    }
    return r == 0 && part->name.p != NULL ? 0 : -1;
}

/* Reads one header field line, line[0..n) without its CRLF, into part;
 * *seen_disposition is set once a Content-Disposition has been read.
 * Returns 0, or -1 when the line, or a field that the parser reads, is
 * malformed, or that field was already there. */
static int read_field(const char *line, size_t n, struct multipart_part *part,
                      int *seen_disposition)
{
    size_t colon = skip_token(line, n, 0), vs, ve;

    if (colon == 0 || colon == n || line[colon] != ':')
        return -1;
    vs = skip_ows(line, n, colon + 1);
    ve = n;
    while (ve > vs && is_ows((unsigned char)line[ve - 1]))
        ve--;
    if (same_word(line, colon, "content-disposition")) {
        if (*seen_disposition)
            return -1;
        *seen_disposition = 1;
        return read_disposition(line + vs, ve - vs, part);
    }
    if (same_word(line, colon, "content-type")) {
        if (part->content_type.p != NULL ||
            !valid_media_type(line + vs, ve - vs))
            return -1;
        part->content_type.p = line + vs;
        part->content_type.n = ve - vs;
    }
    return 0;
}

/* Reads the header section of the part at m->pos into part. Returns where
 * its data starts (past the empty line), or 0 when it is malformed (data
 * can never start at 0). */
static size_t read_head(const struct multipart *m, struct multipart_part *part)
{
    const char *b = m->body;
    size_t i = m->pos, limit, line;
    int seen_disposition = 0;

    limit = m->len - i > MULTIPART_HEAD_MAX ? i + MULTIPART_HEAD_MAX : m->len;
    for (;;) {
        line = i;
        while (i < limit && b[i] != '\r') {
            if (!is_field_byte((unsigned char)b[i]))
                return 0; /* a bare LF, a NUL, another control */
            i++;
        }
        if (limit - i < 2 || b[i + 1] != '\n')
            return 0; /* too long, cut short, or a bare CR */
        if (i == line)
            break; /* the empty line */
        if (read_field(b + line, i - line, part, &seen_disposition) < 0)
            return 0;
        i += 2;
    }
    return seen_disposition ? i + 2 : 0;
}

int multipart_next(struct multipart *m, struct multipart_part *part)
{
    size_t at, after = 0, data;
    enum delimiter d;

    if (m == NULL || part == NULL)
        return -1;
    if (m->state == MP_START) {
        if (m->boundary.p == NULL || m->boundary.n < 1 ||
            m->boundary.n > MULTIPART_BOUNDARY_MAX ||
            (m->body == NULL && m->len > 0)) {
            m->state = MP_FAILED;
            return -1;
        }
        /* An empty form is a close delimiter at the very start; after a
         * preamble, a close delimiter as the first is taken for a body
         * that lost its parts. */
        d = delimiter_at(m, 0, &after);
        if (d == NOT_DELIMITER) {
            d = find_delimiter(m, 0, &at, &after);
            if (d == CLOSE)
                d = BAD_CLOSE;
        }
        if (d == NEXT_PART) {
            m->state = MP_PARTS;
            m->pos = after;
        } else {
            m->state = d == CLOSE ? MP_DONE : MP_FAILED;
        }
    }
    if (m->state == MP_DONE)
        return 0;
    if (m->state != MP_PARTS)
        return -1;

    memset(part, 0, sizeof *part);
    data = read_head(m, part);
    if (data == 0) {
        m->state = MP_FAILED;
        return -1;
    }
    d = find_delimiter(m, data, &at, &after);
    if (d != NEXT_PART && d != CLOSE) {
        m->state = MP_FAILED;
        return -1;
    }
    part->data.p = m->body + data;
    part->data.n = at - data;
    m->pos = after;
    if (d == CLOSE)
        m->state = MP_DONE;
    return 1;
}

long multipart_unquote(const char *p, size_t n, char *out, size_t size)
{
    size_t i, k = 0;

    if (out == NULL || (p == NULL && n > 0))
        return -3;
    for (i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\\') {
            if (++i == n)
                return -1;
            c = p[i];
        }
        if (k < size)
            out[k] = c;
        k++;
    }
    return measured(k, size);
}
