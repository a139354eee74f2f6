/* request.c: the strict request-head parser and the chunked-body reader
 * (RFC 9112, Sections 2 to 7; RFC 9110, Section 5). */
#include <string.h>

#include "server.h"

/* ------------------------------------------------------------ bytes */

static int is_tchar(unsigned char c)
{
    static const char extra[] = "!#$%&'*+-.^_`|~";

    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != '\0' && strchr(extra, c));
}

/* HTAB, SP, VCHAR and obs-text: what a field value may hold. */
static int is_field_byte(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

/* What RFC 3986 lets stand unencoded in a request target: unreserved,
 * sub-delims, ':', '@', '/', '?' and '%' (checked as pct-encoded apart).
 * No '#': a fragment is never sent. */
static int is_target_byte(unsigned char c)
{
    static const char extra[] = "-._~!$&'()*+,;=:@/?%";

    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != '\0' && strchr(extra, c));
}

static int is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
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

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* ------------------------------------------------------ request line */

struct method_info {
    const char *name;
    size_t len;
};

static const struct method_info methods[] = {
    {"GET", 3},     {"HEAD", 4},    {"POST", 4},  {"PUT", 3},   {"DELETE", 6},
    {"CONNECT", 7}, {"OPTIONS", 7}, {"TRACE", 5}, {"PATCH", 5},
};

#define METHOD_MAX 7 /* the longest of them */

static int known_method(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (methods[i].len == n && memcmp(methods[i].name, p, n) == 0)
            return 1;
    return 0;
}

static int valid_target_bytes(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (!is_target_byte(c))
            return 0;
        if (c == '%' && (i + 2 >= n || !is_hex((unsigned char)p[i + 1]) ||
                         !is_hex((unsigned char)p[i + 2])))
            return 0;
    }
    return 1;
}

/* Splits a target into path and query; absolute-form loses its scheme and
 * authority. Returns 0, or -400. */
static int parse_target(struct request *req)
{
    const char *p = req->target.p;
    size_t n = req->target.n, start = 0, q;

    if (!valid_target_bytes(p, n))
        return -400;
    if (n == 1 && p[0] == '*') {
        if (!req->is_options)
            return -400;
        req->path = req->target;
        return 0;
    }
    if (p[0] != '/') {
        size_t scheme;
        if (n > 7 && same_word(p, 7, "http://"))
            scheme = 7;
        else if (n > 8 && same_word(p, 8, "https://"))
            scheme = 8;
        else if (req->method.n == 7 &&
                 memcmp(req->method.p, "CONNECT", 7) == 0) {
            /* authority-form: the server refuses CONNECT, with a 405. */
            req->path.p = "/";
            req->path.n = 1;
            return 0;
        } else {
            return -400;
        }
        start = scheme;
        while (start < n && p[start] != '/' && p[start] != '?')
            start++;
        if (start == scheme)
            return -400; /* no authority */
    }
    for (q = start; q < n && p[q] != '?'; q++)
        ;
    if (q == start) {
        req->path.p = "/"; /* "http://host" or "http://host?x" */
        req->path.n = 1;
    } else {
        req->path.p = p + start;
        req->path.n = q - start;
    }
    if (q < n) {
        req->query.p = p + q + 1;
        req->query.n = n - q - 1;
    }
    return 0;
}

/* "METHOD SP target SP HTTP/1.x" in p[0..n), the CRLF excluded. */
static int parse_request_line(const char *p, size_t n, struct request *req)
{
    size_t i = 0, t;
    int major, known;

    while (i < n && is_tchar((unsigned char)p[i]))
        i++;
    if (i == 0 || i == n || p[i] != ' ')
        return -400;
    req->method.p = p;
    req->method.n = i;
    t = ++i;
    while (i < n && p[i] != ' ')
        i++;
    if (i == t || i == n)
        return -400;
    req->target.p = p + t;
    req->target.n = i - t;
    i++;
    if (n - i != 8 || memcmp(p + i, "HTTP/", 5) != 0 ||
        !(p[i + 5] >= '0' && p[i + 5] <= '9') || p[i + 6] != '.' ||
        !(p[i + 7] >= '0' && p[i + 7] <= '9'))
        return -400;
    major = p[i + 5] - '0';
    /* A later minor version of HTTP/1 is read as HTTP/1.1, the highest
     * this server speaks (RFC 9110, Section 2.5). */
    req->minor = p[i + 7] - '0' > 0;
    if (major != 1)
        return -505;
    known = known_method(req->method.p, req->method.n);
    if (!known)
        return -501;
    req->is_head = req->method.n == 4 && memcmp(p, "HEAD", 4) == 0;
    req->is_options = req->method.n == 7 && memcmp(p, "OPTIONS", 7) == 0;
    return parse_target(req);
}

/* ------------------------------------------------------------- Host */

/* RFC 3986, Section 2: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~",
 * and sub-delims. */
static int is_unreserved_or_sub_delim(unsigned char c)
{
    static const char extra[] = "-._~!$&'()*+,;=";

    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != '\0' && strchr(extra, c));
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* reg-name = *( unreserved / pct-encoded / sub-delims ). It holds every
 * IPv4address too, and dotted numbers that are not one ("999.1.1.1"). */
static int valid_reg_name(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '%') {
            if (n - i < 3 || !is_hex((unsigned char)p[i + 1]) ||
                !is_hex((unsigned char)p[i + 2]))
                return 0;
            i += 2;
        } else if (!is_unreserved_or_sub_delim(c)) {
            return 0;
        }
    }
    return 1;
}

/* IPv4address: four dec-octets, 0 to 255 without leading zeros. */
static int valid_ipv4(const char *p, size_t n)
{
    size_t i = 0, start;
    int octet;

    for (octet = 0; octet < 4; octet++) {
        unsigned value = 0;
        if (octet > 0) {
            if (i == n || p[i] != '.')
                return 0;
            i++;
        }
        start = i;
        while (i < n && i - start < 3 && is_digit((unsigned char)p[i]))
            value = value * 10 + (unsigned)(p[i++] - '0');
        if (i == start || value > 255 || (i - start > 1 && p[start] == '0'))
            return 0;
    }
    return i == n;
}

/* IPv6address (RFC 3986, Section 3.2.2): groups of one to four hex digits
 * joined by ':', eight of them, or at most seven around a single "::"
 * that stands for the rest; the last two groups may be written as an
 * IPv4address instead. That is what the grammar's nine alternatives come
 * to. */
static int valid_ipv6(const char *p, size_t n)
{
    size_t i = 0;
    int groups = 0, gap = 0;

    if (n >= 2 && p[0] == ':' && p[1] == ':') {
        gap = 1;
        i = 2;
    }
    while (i < n) {
        size_t start = i;
        while (i < n && i - start < 5 && is_hex((unsigned char)p[i]))
            i++;
        if (i < n && p[i] == '.') {
            /* Dotted digits end the address, as its last 32 bits. */
            if (!valid_ipv4(p + start, n - start))
                return 0;
            groups += 2;
            break;
        }
        if (i == start || i - start > 4)
            return 0;
        groups++;
        if (i == n)
            break;
        if (p[i] != ':' || ++i == n)
            return 0; /* a stray byte, or a ':' at the end */
        if (p[i] == ':') {
            if (gap)
                return 0; /* a second "::" */
            gap = 1;
            i++;
        }
    }
    return gap ? groups <= 7 : groups == 8;
}

/* IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ); ABNF
 * strings ignore case, so "V" too. */
static int valid_ipvfuture(const char *p, size_t n)
{
    size_t i = 1, start;

    if (n == 0 || (p[0] != 'v' && p[0] != 'V'))
        return 0;
    while (i < n && is_hex((unsigned char)p[i]))
        i++;
    if (i == 1 || i == n || p[i] != '.')
        return 0;
    start = ++i;
    for (; i < n; i++)
        if (p[i] != ':' && !is_unreserved_or_sub_delim((unsigned char)p[i]))
            return 0;
    return i > start;
}

/* Host = uri-host [ ":" port ] (RFC 9112, Section 3.2; RFC 3986, Section
 * 3.2.2): an IP-literal in brackets, or a reg-name (which IPv4 addresses
 * are), then an optional ':' and port = *DIGIT. Empty is a valid reg-name,
 * as a target without an authority wants. A zone ID in an IPv6 literal
 * (RFC 6874: "[fe80::1%25eth0]") is not RFC 3986, nor of use to a server,
 * and is refused. */
static int valid_host(const char *p, size_t n)
{
    size_t i;

    if (n > 0 && p[0] == '[') {
        const char *close = memchr(p, ']', n);
        size_t inner;
        if (close == NULL)
            return 0;
        inner = (size_t)(close - p) - 1;
        if (!valid_ipv6(p + 1, inner) && !valid_ipvfuture(p + 1, inner))
            return 0;
        i = inner + 2;
    } else {
        for (i = 0; i < n && p[i] != ':'; i++)
            ;
        if (!valid_reg_name(p, i))
            return 0;
    }
    if (i < n && p[i++] != ':')
        return 0;
    for (; i < n; i++)
        if (!is_digit((unsigned char)p[i]))
            return 0;
    return 1;
}

/* ------------------------------------------------------------ fields */

struct field_state {
    int hosts, lengths, ranges, close, keep_alive, conn_upgrade, has_upgrade;
    int te_seen, te_chunked, te_other, te_chunked_last;
};

/* The elements of a comma list, OWS trimmed, empty ones skipped: calls
 * each() for every one; stops at the first nonzero result. */
static int each_element(const char *p, size_t n,
                        int (*each)(const char *, size_t, void *), void *ctx)
{
    size_t i = 0;

    while (i < n) {
        size_t start, end;
        int r;
        while (i < n && (is_ows(p[i]) || p[i] == ','))
            i++;
        start = i;
        while (i < n && p[i] != ',')
            i++;
        end = i;
        while (end > start && is_ows(p[end - 1]))
            end--;
        if (end > start && (r = each(p + start, end - start, ctx)) != 0)
            return r;
    }
    return 0;
}

static int element_is(const char *p, size_t n, void *word)
{
    return same_word(p, n, word);
}

int request_list_has(struct slice list, const char *word)
{
    return list.p != NULL &&
           each_element(list.p, list.n, element_is, (void *)(uintptr_t)word);
}

static int is_token(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_tchar((unsigned char)p[i]))
            return 0;
    return n > 0;
}

static int te_element(const char *p, size_t n, void *ctx)
{
    struct field_state *fs = ctx;

    /* Only an exact "chunked" is chunked: "chunked;x", "xchunked" and
     * "chunked\v" are not, whatever a laxer parser ahead of us thought. */
    if (same_word(p, n, "chunked")) {
        if (fs->te_chunked)
            return -400; /* chunked twice */
        fs->te_chunked = 1;
        fs->te_chunked_last = 1;
        return 0;
    }
    if (!is_token(p, n))
        return -400;
    fs->te_other = 1;
    fs->te_chunked_last = 0;
    return 0;
}

static int upgrade_element(const char *p, size_t n, void *ctx)
{
    struct field_state *fs = ctx;

    /* The one protocol this server can switch to (codes.c: /101). */
    if (same_word(p, n, "httpstatus-test"))
        fs->has_upgrade = 1;
    return 0;
}

static int connection_element(const char *p, size_t n, void *ctx)
{
    struct field_state *fs = ctx;

    if (!is_token(p, n))
        return -400;
    if (same_word(p, n, "close"))
        fs->close = 1;
    else if (same_word(p, n, "keep-alive"))
        fs->keep_alive = 1;
    else if (same_word(p, n, "upgrade"))
        fs->conn_upgrade = 1;
    return 0;
}

static int parse_content_length(const char *p, size_t n, int64_t *out)
{
    int64_t v = 0;
    size_t i;

    if (n == 0 || n > 18)
        return -400;
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -400;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 0;
}

static int field(const char *name, size_t nlen, const char *value, size_t vlen,
                 struct request *req, struct field_state *fs)
{
    struct slice v;

    v.p = value;
    v.n = vlen;
    switch (lower((unsigned char)name[0])) {
    case 'a':
        if (same_word(name, nlen, "accept"))
            req->accept = v;
        else if (same_word(name, nlen, "access-control-request-method"))
            req->access_control_request_method = v;
        break;
    case 'c':
        if (same_word(name, nlen, "content-length")) {
            if (++fs->lengths > 1)
                return -400;
            return parse_content_length(value, vlen, &req->content_length);
        }
        if (same_word(name, nlen, "connection"))
            return each_element(value, vlen, connection_element, fs);
        break;
    case 'e':
        if (same_word(name, nlen, "expect")) {
            if (!same_word(value, vlen, "100-continue"))
                return -417;
            req->expect_continue = 1;
        }
        break;
    case 'h':
        if (same_word(name, nlen, "host")) {
            if (++fs->hosts > 1 || !valid_host(value, vlen))
                return -400;
            req->host = v;
        }
        break;
    case 'i':
        if (same_word(name, nlen, "if-none-match"))
            req->if_none_match = v;
        else if (same_word(name, nlen, "if-range"))
            req->if_range = v;
        break;
    case 'o':
        if (same_word(name, nlen, "origin"))
            req->origin = v;
        break;
    case 'r':
        if (same_word(name, nlen, "range")) {
            /* Range is not a list: a second field line makes it invalid,
             * and an invalid Range is ignored (RFC 9110, Section 14.2). */
            if (++fs->ranges > 1) {
                v.p = NULL;
                v.n = 0;
            }
            req->range = v;
        } else if (same_word(name, nlen, "referer")) {
            req->referer = v;
        }
        break;
    case 't':
        if (same_word(name, nlen, "transfer-encoding")) {
            fs->te_seen = 1;
            return each_element(value, vlen, te_element, fs);
        }
        break;
    case 'x':
        if (nlen > 13 && same_word(name, 13, "x-httpstatus-"))
            req->httpstatus_fields = 1;
        break;
    case 'u':
        if (same_word(name, nlen, "user-agent"))
            req->user_agent = v;
        else if (same_word(name, nlen, "upgrade"))
            return each_element(value, vlen, upgrade_element, fs);
        break;
    default:
        break;
    }
    return 0;
}

/* The field lines in p[0..n), each ending in CRLF, the empty line
 * excluded. */
static int parse_fields(const char *p, size_t n, struct request *req)
{
    struct field_state fs;
    size_t i = 0;
    int count = 0, r;

    memset(&fs, 0, sizeof fs);
    while (i < n) {
        const char *line = p + i, *end = memchr(line, '\r', n - i);
        size_t len, colon, vs, ve;
        if (!end || (size_t)(end - p) + 1 >= n || end[1] != '\n')
            return -400; /* a bare CR in a field line */
        len = (size_t)(end - line);
        i += len + 2;
        if (++count > REQUEST_FIELDS_MAX)
            return -431;
        if (len == 0 || is_ows(line[0]))
            return -400; /* obs-fold, or a stray empty line */
        for (colon = 0; colon < len && line[colon] != ':'; colon++)
            if (!is_tchar((unsigned char)line[colon]))
                return -400; /* including whitespace before the colon */
        if (colon == 0 || colon == len)
            return -400;
        for (vs = colon + 1; vs < len; vs++)
            if (!is_field_byte((unsigned char)line[vs]))
                return -400;
        vs = colon + 1;
        while (vs < len && is_ows(line[vs]))
            vs++;
        ve = len;
        while (ve > vs && is_ows(line[ve - 1]))
            ve--;
        if ((r = field(line, colon, line + vs, ve - vs, req, &fs)) != 0)
            return r;
    }

    if (req->minor == 1 && fs.hosts == 0)
        return -400;
    if (fs.te_seen) {
        if (req->minor == 0 || fs.lengths > 0)
            return -400; /* RFC 9112, Section 6.1 */
        /* Without a final chunked the body has no knowable end: 400
         * (RFC 9112, Section 6.3). With one, any other coding is one we
         * cannot undo: 501 (Section 6.1). */
        if (!fs.te_chunked_last)
            return -400;
        if (fs.te_other)
            return -501;
        req->chunked = 1;
    }
    req->keep_alive = req->minor == 1 ? !fs.close : fs.keep_alive && !fs.close;
    req->upgrade = fs.has_upgrade && fs.conn_upgrade;
    req->connection_upgrade = fs.conn_upgrade;
    return 0;
}

/* ------------------------------------------------------------ the head */

int request_parse(struct request_parser *parser, const char *buf, size_t len,
                  struct request *req)
{
    size_t start = 0, i, end = 0;
    int lines = 0, r;

    /* Empty lines before the request line (RFC 9112, Section 2.2). */
    while (start < len && buf[start] == '\r') {
        if (start + 1 == len)
            return 0;
        if (buf[start + 1] != '\n' || ++lines > 8)
            return -400;
        start += 2;
    }
    if (start == len)
        return 0;
    /* The request line starts with a method, a token, and one SP ends it.
     * A method longer than any this server knows is unknown whatever
     * follows it: 501 (RFC 9112, Section 3), as soon as it shows. Any
     * other byte that breaks that start can begin no request, so its 400
     * needs no line end: a TLS ClientHello, a NUL, a stray space or LF
     * are refused as soon as they arrive, not when the head's deadline
     * passes. */
    for (i = start; i < len && i - start <= METHOD_MAX; i++)
        if (!is_tchar((unsigned char)buf[i]))
            break;
    if (i - start > METHOD_MAX)
        return -501;
    if (i < len && (i == start || buf[i] != ' '))
        return -400;

    /* Find the end of the head, scanning each byte once however the head
     * arrives: only the LFs matter, and each must follow a CR. A limit
     * passed before an LF is reported before anything that LF shows, so
     * that the answer is the same whichever prefix the parser is given. */
    i = parser->scanned > start ? parser->scanned : start;
    while (i < len) {
        const char *lf = memchr(buf + i, '\n', len - i);
        if (!lf) {
            i = len;
            break;
        }
        i = (size_t)(lf - buf);
        if (parser->line_end == 0 && i - start > REQUEST_LINE_MAX + 1)
            return -414;
        if (i - start >= REQUEST_HEAD_MAX)
            return -431;
        if (i == start || buf[i - 1] != '\r')
            return -400; /* a bare LF */
        if (parser->line_end == 0)
            parser->line_end = i;
        if (i >= start + 3 && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
            end = i + 1;
            break;
        }
        i++;
    }
    parser->scanned = i;

    /* The limits hold for heads still arriving. */
    if (end == 0) {
        if (parser->line_end == 0 && len - start > REQUEST_LINE_MAX + 1)
            return -414;
        if (len - start > REQUEST_HEAD_MAX)
            return -431;
        return 0;
    }

    memset(req, 0, sizeof *req);
    req->content_length = -1;
    if (memchr(buf + start, '\0', end - start))
        return -400;
    r = parse_request_line(buf + start, parser->line_end - 1 - start, req);
    if (r != 0)
        return r;
    req->fields.p = buf + parser->line_end + 1;
    req->fields.n = end - 2 - (parser->line_end + 1);
    r = parse_fields(req->fields.p, req->fields.n, req);
    if (r != 0)
        return r;
    return (int)end;
}

int request_field_next(const struct request *req, size_t *pos,
                       struct slice *name, struct slice *value)
{
    const char *p, *line, *end, *colon;
    size_t n;

    if (req == NULL || pos == NULL || name == NULL || value == NULL)
        return 0;
    p = req->fields.p;
    n = req->fields.n;
    /* The lines were checked when the head was parsed: each is a token,
     * a colon, a value without CR and CRLF. */
    if (p == NULL || *pos >= n)
        return 0;
    line = p + *pos;
    colon = memchr(line, ':', n - *pos);
    if (colon == NULL)
        return 0;
    end = memchr(colon, '\r', n - (size_t)(colon - p));
    if (end == NULL)
        return 0;
    /* The next line starts after this one's CRLF. */
    *pos = (size_t)(end - p) + 2 <= n ? (size_t)(end - p) + 2 : n;
    name->p = line;
    name->n = (size_t)(colon - line);
    for (colon++; colon < end && is_ows(*colon); colon++)
        ;
    while (end > colon && is_ows(end[-1]))
        end--;
    value->p = colon;
    value->n = (size_t)(end - colon);
    return 1;
}

int request_field(const struct request *req, const char *name,
                  struct slice *value)
{
    struct slice fname, fvalue;
    size_t pos = 0;
    int count = 0;

    if (value == NULL)
        return 0;
    value->p = NULL;
    value->n = 0;
    if (name == NULL)
        return 0;
    while (request_field_next(req, &pos, &fname, &fvalue)) {
        size_t i;
        if (fname.n != strlen(name))
            continue;
        for (i = 0; i < fname.n; i++)
            if (lower((unsigned char)fname.p[i]) !=
                lower((unsigned char)name[i]))
                break;
        if (i == fname.n) {
            *value = fvalue;
            count++;
        }
    }
    return count;
}

int request_is_tls(const char *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;

    /* A TLS record header: content type 22 (handshake), then a protocol
     * version of 3.0 to 3.4, SSL 3.0 to TLS 1.3 (whose records say 3.1 or
     * 3.3 there). The length and the handshake type that follow are not
     * looked at: the first bytes are what a refusal has in hand. */
    return len >= 2 && p[0] == 0x16 && p[1] == 0x03 && (len == 2 || p[2] <= 4);
}

/* ------------------------------------------------------------ chunked */

enum {
    CH_SIZE,     /* hex digits of a chunk size */
    CH_EXT,      /* after the size: extensions, to the CR (enum ext) */
    CH_SIZE_LF,  /* the LF of the size line */
    CH_DATA,     /* chunk data */
    CH_DATA_CR,  /* the CRLF after the data */
    CH_DATA_LF,  /*   its LF */
    CH_TRAILER,  /* the start of a trailer line, or the final CRLF */
    CH_FIELD,    /* inside a trailer field line */
    CH_FIELD_LF, /* its LF */
    CH_END_LF    /* the LF of the final empty line */
};

/* Where in the chunk extensions of a size line the reader is (RFC 9112,
 * Section 7.1.1):
 *
 *     chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] )
 *     ext-name = token;  ext-val = token / quoted-string
 *
 * The CR that ends the line may follow a name or a value only. */
enum ext {
    EXT_SEMI,        /* BWS before ';' */
    EXT_NAME_START,  /* BWS after ';', before the name */
    EXT_NAME,        /* in the name */
    EXT_AFTER_NAME,  /* BWS after the name: '=' or ';' follows */
    EXT_VALUE_START, /* BWS after '=' */
    EXT_TOKEN,       /* in a token value */
    EXT_QUOTED,      /* in a quoted-string value */
    EXT_QUOTED_PAIR, /* after a backslash in it */
    EXT_AFTER_VALUE  /* after the closing quote */
};

static int is_qdtext(unsigned char c)
{
    return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) ||
           (c >= 0x5d && c <= 0x7e) || c >= 0x80;
}

/* The next state of the extension reader after byte ch; -1 when ch
 * breaks the grammar, -2 when it is the CR that ends the line. */
static int ext_next(int state, unsigned char ch)
{
    switch (state) {
    case EXT_SEMI:
        return is_ows((char)ch) ? EXT_SEMI : ch == ';' ? EXT_NAME_START : -1;
    case EXT_NAME_START:
        return is_ows((char)ch) ? EXT_NAME_START
               : is_tchar(ch)   ? EXT_NAME
                                : -1;
    case EXT_NAME:
    case EXT_AFTER_NAME:
        if (ch == '\r')
            return state == EXT_NAME ? -2 : -1;
        if (is_tchar(ch))
            return state == EXT_NAME ? EXT_NAME : -1;
        return is_ows((char)ch) ? EXT_AFTER_NAME
               : ch == '='      ? EXT_VALUE_START
               : ch == ';'      ? EXT_NAME_START
                                : -1;
    case EXT_VALUE_START:
        return is_ows((char)ch) ? EXT_VALUE_START
               : ch == '"'      ? EXT_QUOTED
               : is_tchar(ch)   ? EXT_TOKEN
                                : -1;
    case EXT_TOKEN:
    case EXT_AFTER_VALUE:
        if (ch == '\r')
            return -2;
        if (is_tchar(ch) && state == EXT_TOKEN)
            return EXT_TOKEN;
        return is_ows((char)ch) ? EXT_SEMI : ch == ';' ? EXT_NAME_START : -1;
    case EXT_QUOTED:
        return ch == '"'       ? EXT_AFTER_VALUE
               : ch == '\\'    ? EXT_QUOTED_PAIR
               : is_qdtext(ch) ? EXT_QUOTED
                               : -1;
    case EXT_QUOTED_PAIR:
        return ch == '\t' || (ch >= 0x20 && ch != 0x7f) ? EXT_QUOTED : -1;
    default:
        return -1;
    }
}

long chunked_read(struct chunked *c, const char *buf, size_t len, int *done,
                  struct buffer *data)
{
    size_t i = 0;

    *done = 0;
    while (i < len) {
        unsigned char ch = (unsigned char)buf[i];

        switch (c->state) {
        case CH_SIZE:
            if (is_hex(ch)) {
                int digit = ch <= '9' ? ch - '0' : lower(ch) - 'a' + 10;
                if (c->remaining > (UINT64_C(1) << 59) - 1)
                    return -400; /* over 2^63 */
                c->remaining = c->remaining * 16 + (uint64_t)digit;
                c->count++;
                i++;
                break;
            }
            if (c->count == 0)
                return -400;
            if (ch == '\r') {
                c->state = CH_SIZE_LF;
                i++;
                break;
            }
            c->state = CH_EXT;
            c->ext = EXT_SEMI;
            c->count = 0;
            break;
        case CH_EXT: {
            /* Read by the grammar, bounded, and discarded: nothing here
             * acts on an extension. */
            int next = ext_next(c->ext, ch);
            if (next == -1)
                return -400;
            if (next == -2) {
                c->state = CH_SIZE_LF;
            } else {
                c->ext = next;
                if (++c->count > CHUNK_EXT_MAX)
                    return -400;
            }
            i++;
            break;
        }
        case CH_SIZE_LF:
            if (ch != '\n')
                return -400;
            i++;
            c->count = 0;
            c->state = c->remaining ? CH_DATA : CH_TRAILER;
            break;
        case CH_DATA: {
            size_t take = len - i;
            if ((uint64_t)take > c->remaining)
                take = (size_t)c->remaining;
            if (data != NULL && buffer_append(data, buf + i, take) != 0)
                return -500;
            c->remaining -= take;
            i += take;
            if (c->remaining == 0)
                c->state = CH_DATA_CR;
            break;
        }
        case CH_DATA_CR:
            if (ch != '\r')
                return -400;
            c->state = CH_DATA_LF;
            i++;
            break;
        case CH_DATA_LF:
            if (ch != '\n')
                return -400;
            c->state = CH_SIZE;
            i++;
            break;
        case CH_TRAILER:
            if (ch == '\r') {
                c->state = CH_END_LF;
            } else if (is_tchar(ch)) {
                c->state = CH_FIELD;
                c->colon = 0;
            } else {
                return -400; /* obs-fold or a bad name */
            }
            if (++c->trailer > REQUEST_HEAD_MAX)
                return -400;
            i++;
            break;
        case CH_FIELD:
            if (ch == '\r') {
                if (!c->colon)
                    return -400;
                c->state = CH_FIELD_LF;
            } else if (ch == ':') {
                c->colon = 1;
            } else if (c->colon ? !is_field_byte(ch) : !is_tchar(ch)) {
                return -400;
            }
            if (++c->trailer > REQUEST_HEAD_MAX)
                return -400;
            i++;
            break;
        case CH_FIELD_LF:
            if (ch != '\n')
                return -400;
            c->state = CH_TRAILER;
            i++;
            break;
        case CH_END_LF:
            if (ch != '\n')
                return -400;
            *done = 1;
            return (long)(i + 1);
        default:
            return -400;
        }
    }
    return (long)i;
}
