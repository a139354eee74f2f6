/*
 * fields.c: libFuzzer target for check's field syntax rules: the pure
 * checks of check/grammar.c and the family in check/fields.c.
 *
 * Input: any bytes. They are read three ways.
 *
 *  1. As one field value, in a buffer of exactly its size, given to every
 *     check of grammar.h: each answers NULL or a reason with *at <= n;
 *     grammar_token() and grammar_delay_seconds() agree with byte-by-byte
 *     definitions; a quoted string's length fits and ends in '"'; a date
 *     has a reason exactly when it is invalid, and an IMF-fixdate with the
 *     right day name and no leap second is the very text http_date()
 *     writes for its time; a URI reference valid without a fragment is
 *     valid with one allowed; a language tag's validity ignores case.
 *  2. As material for values that must pass: the bytes percent-encoded
 *     after "/" are a URI reference, the bytes without '"', controls and
 *     spaces inside quotes (with or without "W/") are an entity tag, and
 *     the first four bytes as a time give back an IMF-fixdate.
 *  3. Split at LF into the values of the fields check/fields.c reads,
 *     each line to the next field name, in a response that lint_run()
 *     reads: every finding's message and fix are non-empty printable
 *     ASCII, and the counts add up.
 */
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "fuzz.h"
#include "grammar.h"
#include "lint.h"

#define VALUE_MAX 4096

static int ref_tchar(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z') ||
           (ch != 0 && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static int ref_unreserved(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '.' || ch == '_' ||
           ch == '~';
}

/* Part 1. */
static void check_value(const char *p, size_t n)
{
    struct grammar_date d;
    size_t i, at, len;
    int token = n > 0, digits = n > 0;
    const char *why, *why_nf;

    for (i = 0; i < n; i++) {
        token = token && ref_tchar((unsigned char)p[i]);
        digits = digits && p[i] >= '0' && p[i] <= '9';
    }
    CHECK(grammar_token(p, n) == token);
    CHECK(grammar_delay_seconds(p, n) == digits);

    len = grammar_quoted_string(p, n);
    CHECK(len <= n);
    CHECK(len == 0 || (len >= 2 && p[0] == '"' && p[len - 1] == '"'));

    grammar_http_date(p, n, &d);
    CHECK((d.form == GRAMMAR_DATE_INVALID) == (d.why != NULL));
    CHECK(d.form == GRAMMAR_DATE_INVALID || !d.impossible);
    if (d.form == GRAMMAR_DATE_INVALID)
        CHECK(d.at <= n);
    if (d.form == GRAMMAR_DATE_IMF_FIXDATE && d.weekday_ok && d.t >= 0 &&
        d.t <= 253402300799LL && n == HTTP_DATE_SIZE - 1 && p[23] != '6') {
        char s[HTTP_DATE_SIZE];
        http_date(d.t, s, sizeof s);
        CHECK(memcmp(s, p, n) == 0);
    }

    why = grammar_uri_reference(p, n, 0, &at);
    CHECK(why == NULL || at <= n);
    why_nf = grammar_uri_reference(p, n, GRAMMAR_URI_NO_FRAGMENT, &at);
    CHECK(why_nf == NULL || at <= n);
    if (why_nf == NULL)
        CHECK(why == NULL);
    if (why == NULL && memchr(p, '#', n) == NULL)
        CHECK(why_nf == NULL);

    if (grammar_media_type(p, n, &at))
        CHECK(at <= n);
    if (grammar_entity_tag(p, n, &at))
        CHECK(at <= n);

    why = grammar_language_tag(p, n, &at);
    CHECK(why == NULL || at <= n);
    if (n <= VALUE_MAX) {
        static char upper[VALUE_MAX];
        for (i = 0; i < n; i++)
            upper[i] = p[i] >= 'a' && p[i] <= 'z' ? (char)(p[i] - 32) : p[i];
        CHECK((grammar_language_tag(upper, n, &at) == NULL) == (why == NULL));
    }
}

/* Part 2. */
static void check_made_values(const uint8_t *data, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    char *buf;
    size_t i, len = 0, at;
    struct grammar_date d;
    char s[HTTP_DATE_SIZE];
    long long t;

    if (size > VALUE_MAX)
        return;
    /* "/" then every byte percent-encoded but the unreserved and "/". */
    buf = malloc(size * 3 + 1);
    CHECK(buf != NULL);
    buf[len++] = '/';
    for (i = 0; i < size; i++) {
        if (ref_unreserved(data[i]) || data[i] == '/') {
            buf[len++] = (char)data[i];
        } else {
            buf[len++] = '%';
            buf[len++] = hex[data[i] >> 4];
            buf[len++] = hex[data[i] & 15];
        }
    }
    CHECK(grammar_uri_reference(buf, len, GRAMMAR_URI_NO_FRAGMENT, &at) ==
          NULL);
    free(buf);

    /* W/"...": the bytes an entity tag may hold. */
    buf = malloc(size + 4);
    CHECK(buf != NULL);
    len = 0;
    buf[len++] = 'W';
    buf[len++] = '/';
    buf[len++] = '"';
    for (i = 0; i < size; i++)
        if (data[i] > 0x20 && data[i] != 0x7f && data[i] != '"')
            buf[len++] = (char)data[i];
    buf[len++] = '"';
    CHECK(grammar_entity_tag(buf, len, &at) == NULL);
    CHECK(grammar_entity_tag(buf + 2, len - 2, &at) == NULL);
    free(buf);

    /* A time from the first bytes, written and read back. */
    t = 0;
    for (i = 0; i < size && i < 5; i++)
        t = t * 256 + data[i];
    t %= 253402300800LL;
    http_date(t, s, sizeof s);
    grammar_http_date(s, HTTP_DATE_SIZE - 1, &d);
    CHECK(d.form == GRAMMAR_DATE_IMF_FIXDATE && d.weekday_ok && d.t == t);
}

/* Every byte of s is printable ASCII, and there is one. */
static int printable(const char *s)
{
    size_t i;

    for (i = 0; s[i]; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
            return 0;
    return i > 0;
}

/* Part 3. */
static void check_linted(const uint8_t *data, size_t size)
{
    static const char *const names[] = {
        "Date",
        "Last-Modified",
        "Expires",
        "Retry-After",
        "Location",
        "Content-Location",
        "Allow",
        "Content-Type",
        "Content-Encoding",
        "Content-Language",
        "Vary",
        "ETag",
        "Accept-Ranges",
        "Age",
        "Link",
        "Strict-Transport-Security",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Transfer-Encoding",
        "Server",
    };
    static const char head[] = "HTTP/1.1 200 OK\r\n";
    struct lint_options opt;
    struct lint_report rep;
    char *buf;
    size_t len = 0, i = 0, k = 0, r, j, errors = 0, warnings = 0, notes = 0;

    if (size > VALUE_MAX)
        return;
    buf = malloc(sizeof head + size * 2 + 64 * (size + 2) + 16);
    CHECK(buf != NULL);
    memcpy(buf, head, sizeof head - 1);
    len = sizeof head - 1;
    if (size > 0)
        k = data[0] % (sizeof names / sizeof names[0]);
    while (i <= size) {
        const uint8_t *lf = memchr(data + i, '\n', size - i);
        size_t end = lf ? (size_t)(lf - data) : size, nl = strlen(names[k]);
        memcpy(buf + len, names[k], nl);
        len += nl;
        memcpy(buf + len, ": ", 2);
        len += 2;
        for (j = i; j < end; j++)
            if (data[j] != '\r')
                buf[len++] = (char)data[j];
        memcpy(buf + len, "\r\n", 2);
        len += 2;
        k = (k + 1) % (sizeof names / sizeof names[0]);
        i = end + 1;
    }
    memcpy(buf + len, "\r\nhello", 7);
    len += 7;

    memset(&opt, 0, sizeof opt);
    opt.now = -1;
    CHECK(lint_run(&opt, buf, len, &rep) == 0);
    for (r = 0; r < rep.nresponses; r++)
        for (j = 0; j < rep.responses[r].nfindings; j++) {
            const struct finding *f = &rep.responses[r].findings[j];
            CHECK(printable(f->message) && printable(f->fix));
            CHECK(f->severity == lint_rules[f->rule].severity);
            errors += f->severity == SEV_ERROR;
            warnings += f->severity == SEV_WARNING;
            notes += f->severity == SEV_NOTE;
        }
    CHECK(errors == rep.errors && warnings == rep.warnings &&
          notes == rep.notes);
    lint_report_free(&rep);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *value = copy_of(data, size);

    check_value(value, size);
    free(value);
    check_made_values(data, size);
    check_linted(data, size);
    return 0;
}
