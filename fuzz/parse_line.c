/*
 * parse_line.c: libFuzzer target for httpstatus_parse_line(),
 * httpstatus_parse_line_ex() and httpstatus_format_line().
 *
 * Input: the first byte picks the leniency flags (its low four bits; its
 * high bits, when set, also exercise the "unknown flag" error), the rest is
 * the line. Every check is a CHECK: a failure aborts, and libFuzzer keeps
 * the input.
 *
 * What is checked, for the line parsed strictly, with the chosen flags and
 * with every other combination of flags:
 *  - the result is > 0, HTTPSTATUS_EINCOMPLETE or HTTPSTATUS_EINVALID, and
 *    *out is left alone on failure;
 *  - on success: consumed <= len, the version digits 0..9, the code
 *    0..999, the reason inside the consumed line and free of control bytes
 *    other than HTAB;
 *  - the result equals that of reference(), an independent byte-at-a-time
 *    reading of the grammar in httpstatus.h;
 *  - adding a flag only accepts more: what succeeds with some flags
 *    succeeds with more, with the same result (the reason may only lose
 *    leading and trailing blanks, when HTTPSTATUS_LENIENT_SPACES is added);
 *  - prefixes: every proper prefix of a parsed line is EINCOMPLETE, a
 *    longer buffer parses the same line, and once a prefix is EINVALID
 *    every longer one is too;
 *  - the same call twice gives the same answer.
 * Then a round trip through httpstatus_format_line() for a code and minor
 * version picked from the input, and format_line()'s snprintf contract for
 * every small buffer size.
 *
 * Buffers are malloc'd at exactly the size passed, so that AddressSanitizer
 * catches any read or write past it.
 */
#include <string.h>

#include "fuzz.h"
#include "httpstatus.h"

#define NFLAGS ((unsigned)HTTPSTATUS_LENIENT_ALL + 1u)

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* HTAB, SP, VCHAR and obs-text (RFC 9112, Section 4). */
static int is_reason_byte(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c <= 0x7e) || c >= 0x80;
}

/* The grammar of httpstatus.h, read one byte at a time, written apart from
 * src/line.c on purpose. Each state either consumes the byte at p[i] or
 * moves to another state without consuming it. Running out of bytes in
 * any state is "incomplete".
 *
 * As the header says, nothing but empty lines may come before "HTTP/",
 * not even with HTTPSTATUS_LENIENT_SPACES. */
enum ref_state {
    R_EMPTY,         /* before the line, skipping empty lines */
    R_EMPTY_CR,      /* a CR there, LF must follow */
    R_NAME,          /* matching "HTTP/" */
    R_MAJOR,         /* one digit */
    R_AFTER_MAJOR,   /* '.', or nothing with LENIENT_MAJOR_ONLY */
    R_MINOR,         /* one digit */
    R_AFTER_VERSION, /* the separator */
    R_BEFORE_CODE,   /* more blanks with LENIENT_SPACES */
    R_CODE,          /* three digits */
    R_AFTER_CODE,    /* the line end, or a separator */
    R_BEFORE_REASON, /* more blanks with LENIENT_SPACES */
    R_REASON,        /* reason bytes up to the line end */
    R_CR             /* a CR, LF must follow */
};

static int reference(const unsigned char *p, size_t len, unsigned flags,
                     struct httpstatus_line *out)
{
    static const char name[] = "HTTP/";
    const int lf = (flags & HTTPSTATUS_LENIENT_LF) != 0;
    const int spaces = (flags & HTTPSTATUS_LENIENT_SPACES) != 0;
    enum ref_state st =
        (flags & HTTPSTATUS_LENIENT_EMPTY_LINES) ? R_EMPTY : R_NAME;
    struct httpstatus_line line = {0, 0, 0, NULL, 0};
    size_t i = 0, k = 0, reason_start = 0, reason_end = 0;
    unsigned char c;

    if (flags & ~(unsigned)HTTPSTATUS_LENIENT_ALL)
        return HTTPSTATUS_EINVALID;
    while (i < len) {
        c = p[i];
        switch (st) {
        case R_EMPTY:
            if (c == '\r') {
                st = R_EMPTY_CR;
                i++;
            } else if (c == '\n') {
                if (!lf)
                    return HTTPSTATUS_EINVALID;
                i++;
            } else {
                st = R_NAME;
            }
            break;
        case R_EMPTY_CR:
            if (c != '\n')
                return HTTPSTATUS_EINVALID;
            st = R_EMPTY;
            i++;
            break;
        case R_NAME:
            if (c != (unsigned char)name[k])
                return HTTPSTATUS_EINVALID;
            i++;
            if (++k == sizeof name - 1)
                st = R_MAJOR;
            break;
        case R_MAJOR:
            if (!is_digit(c))
                return HTTPSTATUS_EINVALID;
            line.major = c - '0';
            st = R_AFTER_MAJOR;
            i++;
            break;
        case R_AFTER_MAJOR:
            if (c == '.') {
                st = R_MINOR;
                i++;
            } else if (flags & HTTPSTATUS_LENIENT_MAJOR_ONLY) {
                line.minor = 0;
                st = R_AFTER_VERSION;
            } else {
                return HTTPSTATUS_EINVALID;
            }
            break;
        case R_MINOR:
            if (!is_digit(c))
                return HTTPSTATUS_EINVALID;
            line.minor = c - '0';
            st = R_AFTER_VERSION;
            i++;
            break;
        case R_AFTER_VERSION:
            if (!(c == ' ' || (spaces && c == '\t')))
                return HTTPSTATUS_EINVALID;
            st = R_BEFORE_CODE;
            i++;
            break;
        case R_BEFORE_CODE:
            if (spaces && is_blank(c)) {
                i++;
            } else {
                st = R_CODE;
                k = 0;
            }
            break;
        case R_CODE:
            if (!is_digit(c))
                return HTTPSTATUS_EINVALID;
            line.code = line.code * 10 + (c - '0');
            i++;
            if (++k == 3)
                st = R_AFTER_CODE;
            break;
        case R_AFTER_CODE:
            if (c == ' ' || (spaces && c == '\t')) {
                st = R_BEFORE_REASON;
                i++;
            } else if (c == '\r' || (c == '\n' && lf)) {
                reason_start = i;
                st = R_REASON; /* which ends the line at once */
            } else {
                return HTTPSTATUS_EINVALID;
            }
            break;
        case R_BEFORE_REASON:
            if (spaces && is_blank(c)) {
                i++;
            } else {
                reason_start = i;
                st = R_REASON;
            }
            break;
        case R_REASON:
            if (c == '\r') {
                reason_end = i;
                st = R_CR;
                i++;
            } else if (c == '\n') {
                if (!lf)
                    return HTTPSTATUS_EINVALID;
                reason_end = i;
                goto done;
            } else if (is_reason_byte(c)) {
                i++;
            } else {
                return HTTPSTATUS_EINVALID;
            }
            break;
        case R_CR:
            if (c != '\n')
                return HTTPSTATUS_EINVALID;
            goto done;
        }
    }
    return HTTPSTATUS_EINCOMPLETE;

done: /* p[i] is the LF that ends the line */
    if (spaces)
        while (reason_end > reason_start && is_blank(p[reason_end - 1]))
            reason_end--;
    line.reason = (const char *)p + reason_start;
    line.reason_len = reason_end - reason_start;
    *out = line;
    return (int)(i + 1);
}

static int same_line(const struct httpstatus_line *a,
                     const struct httpstatus_line *b)
{
    return a->major == b->major && a->minor == b->minor &&
           a->code == b->code && a->reason == b->reason &&
           a->reason_len == b->reason_len;
}

/* Parses buf[0..len) with flags and checks what any answer must satisfy;
 * returns the answer. */
static int parse_checked(const char *buf, size_t len, unsigned flags,
                         struct httpstatus_line *out)
{
    struct httpstatus_line fresh, again, untouched;
    int rc;
    size_t i;

    memset(&fresh, 0xa5, sizeof fresh);
    memset(&again, 0xa5, sizeof again);
    memset(&untouched, 0xa5, sizeof untouched);
    rc = httpstatus_parse_line_ex(buf, len, &fresh, flags);
    CHECK(rc > 0 || rc == HTTPSTATUS_EINCOMPLETE || rc == HTTPSTATUS_EINVALID);

    /* Deterministic, and parse_line() is parse_line_ex(..., 0). */
    CHECK(httpstatus_parse_line_ex(buf, len, &again, flags) == rc);
    if (rc > 0)
        CHECK(same_line(&fresh, &again));
    if (flags == 0) {
        memset(&again, 0xa5, sizeof again);
        CHECK(httpstatus_parse_line(buf, len, &again) == rc);
        if (rc > 0)
            CHECK(same_line(&fresh, &again));
    }

    if (rc <= 0) {
        /* *out is written only on success. */
        CHECK(memcmp(&fresh, &untouched, sizeof fresh) == 0);
        CHECK(memcmp(&again, &untouched, sizeof again) == 0);
        return rc;
    }
    CHECK((size_t)rc <= len);
    CHECK(fresh.major >= 0 && fresh.major <= 9);
    CHECK(fresh.minor >= 0 && fresh.minor <= 9);
    CHECK(fresh.code >= 0 && fresh.code <= 999);
    CHECK(fresh.reason != NULL);
    CHECK(fresh.reason >= buf && fresh.reason <= buf + rc);
    CHECK(fresh.reason_len <= (size_t)(buf + rc - fresh.reason));
    for (i = 0; i < fresh.reason_len; i++) {
        unsigned char c = (unsigned char)fresh.reason[i];

        CHECK(c == '\t' || (c >= 0x20 && c != 0x7f));
    }
    /* The line ends in LF, and in CRLF unless bare LF is allowed. */
    CHECK(buf[rc - 1] == '\n');
    if (!(flags & HTTPSTATUS_LENIENT_LF))
        CHECK(rc >= 2 && buf[rc - 2] == '\r');
    *out = fresh;
    return rc;
}

/* b is what a superset of a's flags made of the same line that a parsed;
 * added_spaces says whether LENIENT_SPACES is among the added flags: then
 * b's reason is a's without its leading and trailing blanks (an empty one
 * where a's ends). */
static void check_superset(const struct httpstatus_line *a, int rc_a,
                           const struct httpstatus_line *b, int rc_b,
                           int added_spaces)
{
    const char *start = a->reason, *end = a->reason + a->reason_len;

    CHECK(rc_b == rc_a);
    CHECK(b->major == a->major && b->minor == a->minor && b->code == a->code);
    if (added_spaces) {
        while (start < end && is_blank((unsigned char)*start))
            start++;
        while (end > start && is_blank((unsigned char)end[-1]))
            end--;
    }
    CHECK(b->reason == start);
    CHECK(b->reason_len == (size_t)(end - start));
}

/* Every prefix of line[0..len) with flags, where the whole gave rc and
 * *whole: shorter than a parsed line is EINCOMPLETE, at least as long
 * parses the same line (whole was parsed from base); for an invalid whole, the
 * prefixes are EINCOMPLETE up to some length and EINVALID from there on. Each
 * prefix sits at the very end of scratch (len bytes) so that reading past it
 * is caught. Long inputs get a sample of prefixes. */
static void check_prefixes(const unsigned char *line, size_t len,
                           unsigned flags, int rc,
                           const struct httpstatus_line *whole,
                           const char *base, char *scratch)
{
    int seen_invalid = 0;
    size_t m;

    for (m = 0; m <= len; m++) {
        struct httpstatus_line out;
        char *at;
        int got;

        if (len > 2048 && m > 512 && m + 512 < len && m % 61 != 0 &&
            !(rc > 0 && (m == (size_t)rc || m + 1 == (size_t)rc)))
            continue;
        at = scratch + (len - m);
        if (m > 0)
            memcpy(at, line, m);
        got = parse_checked(m > 0 ? at : NULL, m, flags, &out);
        if (rc > 0) {
            if (m < (size_t)rc) {
                CHECK(got == HTTPSTATUS_EINCOMPLETE);
            } else {
                CHECK(got == rc);
                CHECK(out.major == whole->major && out.minor == whole->minor &&
                      out.code == whole->code);
                CHECK(out.reason - at == whole->reason - base);
                CHECK(out.reason_len == whole->reason_len);
            }
        } else if (rc == HTTPSTATUS_EINCOMPLETE) {
            CHECK(got == HTTPSTATUS_EINCOMPLETE);
        } else {
            CHECK(got == HTTPSTATUS_EINCOMPLETE || got == HTTPSTATUS_EINVALID);
            if (seen_invalid)
                CHECK(got == HTTPSTATUS_EINVALID);
            seen_invalid |= got == HTTPSTATUS_EINVALID;
        }
    }
    if (rc == HTTPSTATUS_EINVALID)
        CHECK(seen_invalid);
}

/* The argument checks that do not depend on the line. */
static void check_arguments(const char *buf, size_t len, unsigned raw_flags)
{
    struct httpstatus_line out, untouched;
    int rc;

    memset(&out, 0x5a, sizeof out);
    memset(&untouched, 0x5a, sizeof untouched);
    CHECK(httpstatus_parse_line(buf, len, NULL) == HTTPSTATUS_EINVALID);
    CHECK(httpstatus_parse_line_ex(buf, len, NULL, raw_flags) ==
          HTTPSTATUS_EINVALID);
    if (raw_flags & ~(unsigned)HTTPSTATUS_LENIENT_ALL) {
        CHECK(httpstatus_parse_line_ex(buf, len, &out, raw_flags) ==
              HTTPSTATUS_EINVALID);
        CHECK(memcmp(&out, &untouched, sizeof out) == 0);
    }
    /* NULL with a length is invalid; with none, the empty beginning. */
    rc = httpstatus_parse_line_ex(NULL, len, &out, raw_flags & 0x0fu);
    CHECK(rc == (len > 0 ? HTTPSTATUS_EINVALID : HTTPSTATUS_EINCOMPLETE));
    CHECK(memcmp(&out, &untouched, sizeof out) == 0);
}

/* httpstatus_format_line() for (minor, code) into every buffer size from
 * 0 to the whole line and one more: always the same length back, at most
 * size bytes written, NUL-terminated when size > 0, and a prefix of the
 * whole line. line is the whole line, n its length. */
static void check_format_sizes(int minor, int code, const char *line, size_t n)
{
    enum { GUARD = 8 };
    size_t size, k;

    CHECK(httpstatus_format_line(NULL, 0, minor, code) == (int)n);
    CHECK(httpstatus_format_line(NULL, n + 1, minor, code) ==
          HTTPSTATUS_EINVALID);
    for (size = 0; size <= n + 1; size++) {
        char *exact = malloc(size);
        char *guarded = malloc(size + GUARD);
        size_t copy = size == 0 ? 0 : (n < size ? n : size - 1);

        CHECK(guarded != NULL && (exact != NULL || size == 0));
        memset(guarded, 0x7f, size + GUARD);
        CHECK(httpstatus_format_line(guarded, size, minor, code) == (int)n);
        for (k = size; k < size + GUARD; k++)
            CHECK(guarded[k] == 0x7f);
        if (size == 0) {
            CHECK(guarded[0] == 0x7f);
        } else {
            CHECK(memcmp(guarded, line, copy) == 0);
            CHECK(guarded[copy] == '\0');
            for (k = copy + 1; k < size; k++)
                CHECK(guarded[k] == 0x7f);
        }
        if (exact != NULL || size == 0) {
            CHECK(httpstatus_format_line(exact, size, minor, code) == (int)n);
            if (size > 0) {
                CHECK(memcmp(exact, line, copy) == 0);
                CHECK(exact[copy] == '\0');
            }
        }
        free(exact);
        free(guarded);
    }
}

/* Format then parse: the line for (minor, code) parses back to them, with
 * httpstatus_reason(code) as the reason, with any flags. */
static void check_round_trip(int minor, int code)
{
    char line[HTTPSTATUS_LINE_MAX];
    const char *reason = httpstatus_reason(code);
    struct httpstatus_line out;
    unsigned flags;
    char *exact;
    int n;

    CHECK(reason != NULL);
    memset(line, 0x7f, sizeof line);
    n = httpstatus_format_line(line, sizeof line, minor, code);
    CHECK(n > 0 && (size_t)n < sizeof line);
    CHECK(line[n] == '\0' && strlen(line) == (size_t)n);
    CHECK((size_t)n == 15 + strlen(reason));

    exact = copy_of(line, (size_t)n);
    for (flags = 0; flags < NFLAGS; flags++) {
        CHECK(parse_checked(exact, (size_t)n, flags, &out) == n);
        CHECK(out.major == 1 && out.minor == minor && out.code == code);
        CHECK(out.reason == exact + 13);
        CHECK(out.reason_len == strlen(reason));
        CHECK(memcmp(out.reason, reason, out.reason_len) == 0);
    }
    free(exact);
    check_format_sizes(minor, code, line, (size_t)n);
}

/* Bad arguments: EINVALID, and nothing written. */
static void check_format_invalid(int minor, int code)
{
    char buf[HTTPSTATUS_LINE_MAX];
    int valid = (minor == 0 || minor == 1) && code >= 100 && code <= 599;
    int rc;
    size_t k;

    memset(buf, 0x7f, sizeof buf);
    rc = httpstatus_format_line(buf, sizeof buf, minor, code);
    if (valid) {
        CHECK(rc > 0 && (size_t)rc < sizeof buf);
        return;
    }
    CHECK(rc == HTTPSTATUS_EINVALID);
    for (k = 0; k < sizeof buf; k++)
        CHECK(buf[k] == 0x7f);
    CHECK(httpstatus_format_line(NULL, 0, minor, code) == HTTPSTATUS_EINVALID);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const unsigned raw_flags = size > 0 ? data[0] : 0u;
    const unsigned chosen = raw_flags & (unsigned)HTTPSTATUS_LENIENT_ALL;
    const uint8_t *bytes = size > 0 ? data + 1 : data;
    const size_t len = size > 0 ? size - 1 : 0;
    struct httpstatus_line lines[NFLAGS], ref;
    int rcs[NFLAGS], ref_rc, wild;
    unsigned f, g;
    char *buf = copy_of(bytes, len);
    char *scratch = copy_of(bytes, len);
    uint32_t h = hash_bytes(data, size);

    check_arguments(buf, len, raw_flags);

    /* Every combination of flags, each against the reference. */
    for (f = 0; f < NFLAGS; f++) {
        rcs[f] = parse_checked(buf, len, f, &lines[f]);
        ref_rc = reference((const unsigned char *)buf, len, f, &ref);
        CHECK(rcs[f] == ref_rc);
        if (ref_rc > 0)
            CHECK(same_line(&lines[f], &ref));
    }

    /* More flags accept more, with the same result. In particular, strict
     * success implies success with the chosen flags. */
    for (f = 0; f < NFLAGS; f++)
        for (g = 0; g < NFLAGS; g++)
            if ((f & g) == f && rcs[f] > 0)
                check_superset(&lines[f], rcs[f], &lines[g], rcs[g],
                               (g & ~f & HTTPSTATUS_LENIENT_SPACES) != 0);
    if (rcs[0] > 0)
        CHECK(rcs[chosen] == rcs[0]);

    /* Prefixes, strictly and with the chosen flags. */
    check_prefixes(bytes, len, 0, rcs[0], &lines[0], buf, scratch);
    if (chosen != 0)
        check_prefixes(bytes, len, chosen, rcs[chosen], &lines[chosen], buf,
                       scratch);

    /* Format and parse back a code and minor version from the input. */
    check_round_trip((int)(h >> 31), 100 + (int)(h % 500u));
    wild = int_from(bytes + (len > 4 ? 4 : len), len > 4 ? len - 4 : 0);
    check_format_invalid(int_from(bytes, len) % 4 - 1, wild);
    check_format_invalid((int)(h & 1), wild % 700 - 50);

    free(buf);
    free(scratch);
    return 0;
}
