/*
 * cache_control.c: libFuzzer target for the Cache-Control reader of
 * `httpstatus check` (check/cache_control.c) and for the caching rules
 * that use it (check/caching.c).
 *
 * Input: any bytes, read three ways.
 *
 *  1. As one Cache-Control field value, in a buffer of exactly its size:
 *     every element cc_next() returns lies inside the value, after the
 *     one before; a valid one is a token, then nothing or "=" and a token
 *     or a well-formed quoted-string, and its text is exactly that; an
 *     empty one is a single comma; the position only grows and ends past
 *     the value. The valid directives, written back as "d, d, ...", read
 *     back as the same directives, with no invalid element.
 *  2. cc_delta_seconds() and cc_field_names() on the whole input agree
 *     with byte-by-byte definitions of delta-seconds and #field-name.
 *  3. As the Cache-Control of a 200 whose Date, Age, Expires and
 *     Last-Modified, and the --now given to the linter, come from the
 *     input's hash: lint_run() reads it, and its counts add up to its
 *     findings, each with a message and a fix.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cache_control.h"
#include "date.h"
#include "fuzz.h"
#include "lint.h"

#define ITEMS_MAX 4096

static int ref_tchar(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z') ||
           (ch != 0 && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static int ref_qdtext(unsigned char ch)
{
    return ch == '\t' || ch == ' ' || ch == 0x21 ||
           (ch >= 0x23 && ch <= 0x5b) || (ch >= 0x5d && ch <= 0x7e) ||
           ch >= 0x80;
}

static int ref_quoted_string(const char *p, size_t n)
{
    size_t i;

    if (n < 2 || p[0] != '"' || p[n - 1] != '"')
        return 0;
    for (i = 1; i + 1 < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '\\') {
            unsigned char next;
            if (i + 2 >= n)
                return 0; /* the backslash would escape the closing quote */
            next = (unsigned char)p[++i];
            if (!(next == '\t' || next == ' ' ||
                  (next >= 0x21 && next != 0x7f)))
                return 0;
        } else if (!ref_qdtext(ch)) {
            return 0;
        }
    }
    return 1;
}

static int ref_token(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!ref_tchar((unsigned char)p[i]))
            return 0;
    return n > 0;
}

struct directive {
    const char *name, *arg;
    size_t name_len, arg_len;
};

static struct directive dirs[ITEMS_MAX];

static size_t read_list(const char *p, size_t n, size_t *invalid)
{
    struct cc_item it;
    size_t pos = 0, last_end = 0, count = 0;
    int first = 1;

    *invalid = 0;
    for (;;) {
        size_t before = pos;
        if (!cc_next(p, n, &pos, &it))
            break;
        CHECK(pos > before);
        CHECK(it.text != NULL && it.text >= p && it.text + it.len <= p + n);
        CHECK(it.offset == (size_t)(it.text - p));
        CHECK(first || it.offset >= last_end);
        first = 0;
        last_end = it.offset + it.len;
        if (it.error == CC_OK) {
            CHECK(it.name == it.text && ref_token(it.name, it.name_len));
            if (it.arg == NULL) {
                CHECK(it.len == it.name_len && it.arg_len == 0);
                CHECK(!it.quoted);
            } else {
                CHECK(it.arg == it.name + it.name_len + 1);
                CHECK(it.name[it.name_len] == '=');
                CHECK(it.len == it.name_len + 1 + it.arg_len);
                CHECK(it.quoted ? ref_quoted_string(it.arg, it.arg_len)
                                : ref_token(it.arg, it.arg_len));
            }
            if (count < ITEMS_MAX) {
                dirs[count].name = it.name;
                dirs[count].name_len = it.name_len;
                dirs[count].arg = it.arg;
                dirs[count].arg_len = it.arg_len;
                count++;
            }
        } else {
            CHECK(it.name == NULL && it.arg == NULL && it.len > 0);
            if (it.error == CC_EMPTY)
                CHECK(it.len == 1 && it.text[0] == ',');
            (*invalid)++;
        }
    }
    CHECK(pos > n);
    CHECK(cc_next(p, n, &pos, &it) == 0);
    return count;
}

/* Reads the list again from the directives written back. */
static void round_trip(size_t count)
{
    size_t k, len = 0, invalid, again;
    char *buf, *o;
    static struct directive first[ITEMS_MAX];

    for (k = 0; k < count; k++)
        len += dirs[k].name_len + 1 + dirs[k].arg_len + 2;
    buf = malloc(len ? len : 1);
    CHECK(buf != NULL);
    o = buf;
    for (k = 0; k < count; k++) {
        if (k > 0) {
            memcpy(o, ", ", 2);
            o += 2;
        }
        memcpy(o, dirs[k].name, dirs[k].name_len);
        o += dirs[k].name_len;
        if (dirs[k].arg) {
            *o++ = '=';
            memcpy(o, dirs[k].arg, dirs[k].arg_len);
            o += dirs[k].arg_len;
        }
    }
    memcpy(first, dirs, count * sizeof *dirs);
    again = read_list(buf, (size_t)(o - buf), &invalid);
    CHECK(invalid == 0);
    CHECK(again == count);
    for (k = 0; k < count; k++) {
        CHECK(dirs[k].name_len == first[k].name_len &&
              memcmp(dirs[k].name, first[k].name, first[k].name_len) == 0);
        CHECK((dirs[k].arg == NULL) == (first[k].arg == NULL));
        CHECK(dirs[k].arg_len == first[k].arg_len &&
              (first[k].arg_len == 0 ||
               memcmp(dirs[k].arg, first[k].arg, first[k].arg_len) == 0));
    }
    free(buf);
}

static void helpers(const char *p, size_t n)
{
    unsigned long long v, want = 0;
    size_t i, names = 0;
    int digits = n > 0, names_ok = 1;

    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            digits = 0;
            break;
        }
        if (want < 2147483648ull)
            want = want * 10 + (unsigned)(p[i] - '0');
    }
    if (want > 2147483648ull)
        want = 2147483648ull;
    CHECK(cc_delta_seconds(p, n, &v) == digits);
    if (digits)
        CHECK(v == want);

    /* #field-name: comma-separated pieces, each OWS, maybe a token, OWS */
    for (i = 0; i <= n && names_ok;) {
        size_t end = i, a, b;
        while (end < n && p[end] != ',')
            end++;
        for (a = i; a < end && (p[a] == ' ' || p[a] == '\t');)
            a++;
        for (b = end; b > a && (p[b - 1] == ' ' || p[b - 1] == '\t');)
            b--;
        if (b > a) {
            if (ref_token(p + a, b - a))
                names++;
            else
                names_ok = 0;
        }
        i = end + 1;
    }
    CHECK(cc_field_names(p, n) == (names_ok && names > 0));
}

/* The bytes as a field value: CR, LF and NUL would end or break the
 * line, so they become spaces. */
static void lint(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"Date", "Age", "Expires",
                                        "Last-Modified"};
    uint32_t h = hash_bytes(data, size);
    long long base = 784111777LL + (long long)(h % 100000u) - 50000;
    char *buf, *o, date[HTTP_DATE_SIZE];
    struct lint_options opt;
    struct lint_report rep;
    size_t k, j, findings = 0;

    buf = malloc(size + 512);
    CHECK(buf != NULL);
    o = buf;
    o += sprintf(
        o, "HTTP/1.1 %d OK\r\nCache-Control: ", (h >> 20) % 2 ? 200 : 304);
    for (k = 0; k < size; k++) {
        char ch = (char)data[k];
        *o++ = ch == '\r' || ch == '\n' || ch == '\0' ? ' ' : ch;
    }
    o += sprintf(o, "\r\n");
    for (k = 0; k < 4; k++) {
        if (!(h & (1u << k)))
            continue;
        if (k == 1) {
            o += sprintf(o, "Age: %u\r\n", (h >> 8) % 5000u);
            continue;
        }
        http_date(base + (long long)((h >> (4 + k)) % 7200u) - 3600, date,
                  sizeof date);
        o += sprintf(o, "%s: %s\r\n", names[k], date);
    }
    o += sprintf(o, "Vary: %s\r\n\r\n", h & 64 ? "*" : "Accept");
    opt.method = h & 128 ? "GET" : NULL;
    opt.now = h & 256 ? base : -1;
    opt.enabled = NULL;
    CHECK(lint_run(&opt, buf, (size_t)(o - buf), &rep) == 0);
    CHECK(rep.nresponses == 1);
    for (k = 0; k < rep.nresponses; k++)
        for (j = 0; j < rep.responses[k].nfindings; j++) {
            const struct finding *f = &rep.responses[k].findings[j];
            CHECK(f->message && f->message[0] && f->fix && f->fix[0]);
            findings++;
        }
    CHECK(rep.errors + rep.warnings + rep.notes == findings);
    lint_report_free(&rep);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = copy_of(data, size);
    const char *p = size ? copy : ""; /* malloc(0) may give NULL */
    size_t invalid, count;

    count = read_list(p, size, &invalid);
    if (count < ITEMS_MAX)
        round_trip(count);
    helpers(p, size);
    lint(data, size);
    free(copy);
    return 0;
}
