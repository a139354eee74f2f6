/* line.c: status-line parse and format (RFC 9112, Section 4). */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "httpstatus.h"

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* HTAB, SP, VCHAR and obs-text: what a reason phrase is made of. */
static int is_reason_byte(unsigned char c)
{
    return c == '\t' || (c >= ' ' && c != 0x7f);
}

/* The length of the run of reason bytes at p[0..len). Eight bytes at a
 * time while none of them is below 0x20 or 0x7f (a word with a HTAB in it
 * is finished byte by byte), since reasons can be long. */
static size_t reason_run(const unsigned char *p, size_t len)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;

    for (; len - i >= 8; i += 8) {
        uint64_t w, del;
        memcpy(&w, p + i, 8);
        del = w ^ (ones * 0x7f);
        /* The classic tests for a byte below 0x20, and for a zero byte in
         * w ^ 0x7f7f..., that is a DEL; bytes from 0x80 never trigger. */
        if (((w - ones * 0x20) & ~w & highs) || ((del - ones) & ~del & highs))
            break;
    }
    while (i < len && is_reason_byte(p[i]))
        i++;
    return i;
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* The parser walks p[0..len) with i; NEED(n) returns "incomplete" when
 * fewer than n more bytes are there. */
#define NEED(n)                                                               \
    do {                                                                      \
        if (len - i < (size_t)(n))                                            \
            return HTTPSTATUS_EINCOMPLETE;                                    \
    } while (0)

/* Skips the separator between two fields: one SP, or with
 * HTTPSTATUS_LENIENT_SPACES any run of SP and HTAB. */
static int skip_separator(const unsigned char *p, size_t len, size_t *pos,
                          unsigned flags)
{
    size_t i = *pos;

    NEED(1);
    if (flags & HTTPSTATUS_LENIENT_SPACES) {
        if (!is_blank(p[i]))
            return HTTPSTATUS_EINVALID;
        while (i < len && is_blank(p[i]))
            i++;
        NEED(1);
    } else {
        if (p[i] != ' ')
            return HTTPSTATUS_EINVALID;
        i++;
    }
    *pos = i;
    return 0;
}

/* The line end at p[i]: CRLF, or a bare LF with HTTPSTATUS_LENIENT_LF.
 * Returns its length, 0 when p[i] does not start one, or an error. */
static int line_end(const unsigned char *p, size_t len, size_t i,
                    unsigned flags)
{
    NEED(1);
    if (p[i] == '\n')
        return (flags & HTTPSTATUS_LENIENT_LF) ? 1 : HTTPSTATUS_EINVALID;
    if (p[i] != '\r')
        return 0;
    NEED(2);
    return p[i + 1] == '\n' ? 2 : HTTPSTATUS_EINVALID;
}

static int parse(const unsigned char *p, size_t len,
                 struct httpstatus_line *out, unsigned flags)
{
    static const char name[] = "HTTP/";
    struct httpstatus_line line;
    size_t i = 0, k, reason_start, reason_end;
    int end, err;

    if (flags & HTTPSTATUS_LENIENT_EMPTY_LINES) {
        while ((end = line_end(p, len, i, flags)) > 0)
            i += (size_t)end;
        if (end < 0)
            return end;
    }

    /* "HTTP/", or as much of it as there is. */
    NEED(1);
    k = len - i < sizeof name - 1 ? len - i : sizeof name - 1;
    if (memcmp(p + i, name, k) != 0)
        return HTTPSTATUS_EINVALID;
    if (k < sizeof name - 1)
        return HTTPSTATUS_EINCOMPLETE;
    i += k;
    NEED(1);
    if (!is_digit(p[i]))
        return HTTPSTATUS_EINVALID;
    line.major = p[i++] - '0';
    NEED(1);
    if (p[i] == '.') {
        i++;
        NEED(1);
        if (!is_digit(p[i]))
            return HTTPSTATUS_EINVALID;
        line.minor = p[i++] - '0';
    } else if (flags & HTTPSTATUS_LENIENT_MAJOR_ONLY) {
        line.minor = 0;
    } else {
        return HTTPSTATUS_EINVALID;
    }

    if ((err = skip_separator(p, len, &i, flags)) < 0)
        return err;
    for (k = 0; k < 3; k++, i++) {
        NEED(1);
        if (!is_digit(p[i]))
            return HTTPSTATUS_EINVALID;
    }
    line.code =
        (p[i - 3] - '0') * 100 + (p[i - 2] - '0') * 10 + (p[i - 1] - '0');

    /* After the code: the line end, or SP and a possibly empty reason. */
    NEED(1);
    if (p[i] == ' ' || ((flags & HTTPSTATUS_LENIENT_SPACES) && p[i] == '\t')) {
        i++;
        if (flags & HTTPSTATUS_LENIENT_SPACES)
            while (i < len && is_blank(p[i]))
                i++;
    } else if ((end = line_end(p, len, i, flags)) == 0) {
        return HTTPSTATUS_EINVALID; /* "200X" */
    } else if (end < 0) {
        return end;
    }
    reason_start = i;
    i += reason_run(p + i, len - i);
    reason_end = i;
    if ((end = line_end(p, len, i, flags)) == 0)
        return HTTPSTATUS_EINVALID; /* a control byte in the reason */
    if (end < 0)
        return end;
    if (flags & HTTPSTATUS_LENIENT_SPACES)
        while (reason_end > reason_start && is_blank(p[reason_end - 1]))
            reason_end--;

    line.reason = (const char *)p + reason_start;
    line.reason_len = reason_end - reason_start;
    *out = line;
    return (int)(i + (size_t)end);
}

int httpstatus_parse_line_ex(const char *buf, size_t len,
                             struct httpstatus_line *out, unsigned flags)
{
    size_t limit = len < (size_t)INT_MAX ? len : (size_t)INT_MAX;
    int n;

    if (out == NULL || (buf == NULL && len != 0) ||
        (flags & ~(unsigned)HTTPSTATUS_LENIENT_ALL))
        return HTTPSTATUS_EINVALID;
    n = parse((const unsigned char *)buf, limit, out, flags);
    /* A line that has not ended within INT_MAX bytes cannot be reported. */
    if (n == HTTPSTATUS_EINCOMPLETE && limit < len)
        return HTTPSTATUS_EINVALID;
    return n;
}

int httpstatus_parse_line(const char *buf, size_t len,
                          struct httpstatus_line *out)
{
    return httpstatus_parse_line_ex(buf, len, out, 0);
}

int httpstatus_format_line(char *buf, size_t size, int minor, int code)
{
    char line[HTTPSTATUS_LINE_MAX];
    const char *reason;
    size_t n, reason_len;

    if ((minor != 0 && minor != 1) || !httpstatus_is_valid(code) ||
        (buf == NULL && size != 0))
        return HTTPSTATUS_EINVALID;
    reason = httpstatus_reason(code);
    reason_len = strlen(reason);

    memcpy(line, "HTTP/1.", 7);
    line[7] = (char)('0' + minor);
    line[8] = ' ';
    line[9] = (char)('0' + code / 100);
    line[10] = (char)('0' + code / 10 % 10);
    line[11] = (char)('0' + code % 10);
    line[12] = ' ';
    memcpy(line + 13, reason, reason_len);
    memcpy(line + 13 + reason_len, "\r\n", 2);
    n = 15 + reason_len;

    if (size > 0) {
        size_t copy = n < size ? n : size - 1;
        memcpy(buf, line, copy);
        buf[copy] = '\0';
    }
    return (int)n;
}
