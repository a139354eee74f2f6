/*
 * check.c: libFuzzer target for `httpstatus check`'s response reader and
 * linter, through check_response() (cli/check.c, check/lint.c).
 *
 * Input: a flags byte, then the bytes given to check as its input. The
 * flags choose the method (none, GET, HEAD) and the wrapping width.
 *
 * What is checked, every check a CHECK:
 *  - the exit status is 0, 1 or 2, the same for the text, coloured text
 *    and JSON reports; 2 exactly when nothing is printed (with --json,
 *    an error object only), and never when
 *    the input starts with a status line httpstatus_parse_line() accepts;
 *  - the text report is valid UTF-8 with no C0 or C1 control but LF and
 *    HTAB (a status line is shown as sent, tabs included), so no byte of
 *    the input can reach a terminal as an escape sequence; it ends
 *    with a newline, and its last line is "no findings" or the counts;
 *    the same input gives the same report twice;
 *  - the coloured report is the text report with SGR sequences added:
 *    removing every "ESC [ digits-and-semicolons m" gives the text
 *    report back, and no other ESC is left;
 *  - the JSON report is one valid JSON object (strings valid UTF-8, no
 *    raw control bytes) whose "errors", "warnings" and "notes" equal the
 *    text report's counts, and the exit status is 1 exactly when
 *    "errors" is not 0.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fuzz.h"

/* ------------------------------------------------------------- output */

struct report {
    char *text;
    size_t len;
    int status;
};

static void run(const char *method, int json, int color, int width,
                const char *buf, size_t len, struct report *r)
{
    struct cli cli;
    FILE *f;

    r->text = NULL;
    r->len = 0;
    f = open_memstream(&r->text, &r->len);
    CHECK(f != NULL);
    cli.json = json;
    cli.color = color;
    cli.width = width;
    cli.out = f;
    r->status = check_response(&cli, method, buf, len, "fuzz input");
    CHECK(fclose(f) == 0);
}

/* The length of the UTF-8 sequence at p[0..n), or 0 when it is not a
 * valid one (overlong forms, surrogates and values over U+10FFFF are
 * not). */
static size_t utf8_at(const unsigned char *p, size_t n)
{
    size_t len, i;
    uint32_t cp;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        len = 2, cp = p[0] & 0x1fu;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        len = 3, cp = p[0] & 0x0fu;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        len = 4, cp = p[0] & 0x07u;
    else
        return 0;
    if (len > n)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
    return len;
}

static void check_plain_text(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        size_t k = utf8_at(p + i, n - i);
        CHECK(k > 0);
        if (k == 1)
            CHECK(p[i] == '\n' || p[i] == '\t' ||
                  (p[i] >= 0x20 && p[i] != 0x7f));
        else
            /* C1 controls, U+0080..U+009F, act as escapes on some
             * terminals too. */
            CHECK(!(p[i] == 0xc2 && p[i + 1] < 0xa0));
        i += k;
    }
}

/* The text with every SGR sequence removed, in a new buffer; NULL when
 * an ESC starts something else. */
static char *without_sgr(const char *s, size_t n, size_t *out_len)
{
    char *out = malloc(n + 1);
    size_t i = 0, o = 0;

    CHECK(out != NULL);
    while (i < n) {
        if (s[i] == '\033') {
            size_t j = i + 1;
            if (j >= n || s[j] != '[') {
                free(out);
                return NULL;
            }
            for (j++; j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';');
                 j++)
                ;
            if (j >= n || s[j] != 'm') {
                free(out);
                return NULL;
            }
            i = j + 1;
        } else {
            out[o++] = s[i++];
        }
    }
    *out_len = o;
    return out;
}

/* The counts in the text report's last line: "no findings", or
 * "E error(s), W warning(s), N note(s)". */
static void text_counts(const char *s, size_t n, long counts[3])
{
    const char *last;
    char line[128];
    size_t len;

    CHECK(n > 0 && s[n - 1] == '\n');
    for (last = s + n - 1; last > s && last[-1] != '\n'; last--)
        ;
    len = (size_t)(s + n - 1 - last);
    CHECK(len < sizeof line);
    memcpy(line, last, len);
    line[len] = '\0';
    if (strcmp(line, "no findings") == 0) {
        counts[0] = counts[1] = counts[2] = 0;
        return;
    }
    CHECK(sscanf(line, "%ld %*s %ld %*s %ld", &counts[0], &counts[1],
                 &counts[2]) == 3);
    /* Written again from the numbers, it is the same line: the words agree
     * with the numbers and nothing else is on it. */
    {
        char want[128];
        snprintf(want, sizeof want, "%ld error%s, %ld warning%s, %ld note%s",
                 counts[0], counts[0] == 1 ? "" : "s", counts[1],
                 counts[1] == 1 ? "" : "s", counts[2],
                 counts[2] == 1 ? "" : "s");
        CHECK(strcmp(line, want) == 0);
        CHECK(counts[0] >= 0 && counts[1] >= 0 && counts[2] >= 0 &&
              counts[0] + counts[1] + counts[2] > 0);
    }
}

/* --------------------------------------------------------------- JSON */

struct json {
    const char *p, *end;
    int depth;
    long errors, warnings, notes; /* the top-level counts, -1 if absent */
};

static void json_value(struct json *j);

static void json_ws(struct json *j)
{
    while (j->p < j->end &&
           (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r'))
        j->p++;
}

static void json_expect(struct json *j, char ch)
{
    json_ws(j);
    CHECK(j->p < j->end && *j->p == ch);
    j->p++;
}

/* A string; its raw bytes (escapes not decoded) in *s, *n. */
static void json_string_at(struct json *j, const char **s, size_t *n)
{
    json_expect(j, '"');
    *s = j->p;
    while (j->p < j->end && *j->p != '"') {
        unsigned char ch = (unsigned char)*j->p;
        CHECK(ch >= 0x20);
        if (ch == '\\') {
            j->p++;
            CHECK(j->p < j->end);
            if (*j->p == 'u') {
                int k;
                for (k = 1; k <= 4; k++)
                    CHECK(j->p + k < j->end &&
                          strchr("0123456789abcdefABCDEF", j->p[k]) != NULL &&
                          j->p[k] != '\0');
                j->p += 5;
            } else {
                CHECK(strchr("\"\\/bfnrt", *j->p) != NULL && *j->p != '\0');
                j->p++;
            }
        } else {
            size_t k =
                utf8_at((const unsigned char *)j->p, (size_t)(j->end - j->p));
            CHECK(k > 0);
            j->p += k;
        }
    }
    CHECK(j->p < j->end);
    *n = (size_t)(j->p - *s);
    j->p++;
}

static long json_number(struct json *j)
{
    long v = 0;
    int digits = 0;

    json_ws(j);
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
        CHECK(v < 100000000);
        v = v * 10 + (*j->p++ - '0');
        digits++;
    }
    CHECK(digits > 0);
    return v;
}

static int json_word(struct json *j, const char *w)
{
    size_t n = strlen(w);

    if ((size_t)(j->end - j->p) >= n && memcmp(j->p, w, n) == 0) {
        j->p += n;
        return 1;
    }
    return 0;
}

static void json_object(struct json *j)
{
    int top = j->depth == 1;

    json_expect(j, '{');
    json_ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        return;
    }
    for (;;) {
        const char *key;
        size_t n;
        json_string_at(j, &key, &n);
        json_expect(j, ':');
        json_ws(j);
        if (top && n == 6 && memcmp(key, "errors", 6) == 0)
            j->errors = json_number(j);
        else if (top && n == 8 && memcmp(key, "warnings", 8) == 0)
            j->warnings = json_number(j);
        else if (top && n == 5 && memcmp(key, "notes", 5) == 0)
            j->notes = json_number(j);
        else
            json_value(j);
        json_ws(j);
        CHECK(j->p < j->end);
        if (*j->p == '}') {
            j->p++;
            return;
        }
        json_expect(j, ',');
    }
}

static void json_array(struct json *j)
{
    json_expect(j, '[');
    json_ws(j);
    if (j->p < j->end && *j->p == ']') {
        j->p++;
        return;
    }
    for (;;) {
        json_value(j);
        json_ws(j);
        CHECK(j->p < j->end);
        if (*j->p == ']') {
            j->p++;
            return;
        }
        json_expect(j, ',');
    }
}

static void json_value(struct json *j)
{
    const char *s;
    size_t n;

    json_ws(j);
    CHECK(j->p < j->end);
    CHECK(j->depth < 16);
    j->depth++;
    if (*j->p == '{')
        json_object(j);
    else if (*j->p == '[')
        json_array(j);
    else if (*j->p == '"')
        json_string_at(j, &s, &n);
    else if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')) {
        if (*j->p == '-')
            j->p++;
        (void)json_number(j);
    } else
        CHECK(json_word(j, "null") || json_word(j, "true") ||
              json_word(j, "false"));
    j->depth--;
}

static void check_json(const char *s, size_t n, long counts[3])
{
    struct json j;

    j.p = s;
    j.end = s + n;
    j.depth = 0;
    j.errors = j.warnings = j.notes = -1;
    CHECK(n > 0 && s[0] == '{');
    json_value(&j);
    json_ws(&j);
    CHECK(j.p == j.end);
    counts[0] = j.errors;
    counts[1] = j.warnings;
    counts[2] = j.notes;
}

/* ------------------------------------------------------------- driver */

static int starts_with_status_line(const char *buf, size_t len)
{
    struct httpstatus_line sl;
    const char *nl = memchr(buf, '\n', len);

    return nl != NULL &&
           httpstatus_parse_line(buf, (size_t)(nl + 1 - buf), &sl) > 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const methods[] = {NULL, "GET", "HEAD", NULL};
    struct report text, again, color, json;
    const char *method;
    char *buf, *plain;
    size_t len, plain_len;
    long tcounts[3], jcounts[3];
    int width;

    if (size < 1)
        return 0;
    method = methods[data[0] & 3];
    width = 20 + (data[0] >> 2) * 4; /* 20..272 columns */
    len = size - 1;
    buf = copy_of(data + 1, len);

    run(method, 0, 0, width, buf, len, &text);
    run(method, 0, 0, width, buf, len, &again);
    run(method, 0, 1, width, buf, len, &color);
    run(method, 1, 0, width, buf, len, &json);

    CHECK(text.status == 0 || text.status == 1 || text.status == 2);
    CHECK(again.status == text.status && color.status == text.status &&
          json.status == text.status);
    CHECK(again.len == text.len &&
          memcmp(again.text, text.text, text.len) == 0);
    if (len > 0 && starts_with_status_line(buf, len))
        CHECK(text.status != 2);

    if (text.status == 2) {
        /* Nothing but, with --json, an error object. */
        CHECK(text.len == 0 && color.len == 0);
        CHECK(json.len > 12 && memcmp(json.text, "{\"error\": \"", 11) == 0 &&
              memcmp(json.text + json.len - 13, ", \"exit\": 2}\n", 13) == 0);
    } else {
        check_plain_text(text.text, text.len);
        text_counts(text.text, text.len, tcounts);

        plain = without_sgr(color.text, color.len, &plain_len);
        CHECK(plain != NULL);
        CHECK(plain_len == text.len &&
              memcmp(plain, text.text, plain_len) == 0);
        free(plain);

        check_json(json.text, json.len, jcounts);
        CHECK(jcounts[0] == tcounts[0] && jcounts[1] == tcounts[1] &&
              jcounts[2] == tcounts[2]);
        CHECK((text.status == 1) == (tcounts[0] > 0));
    }

    free(text.text);
    free(again.text);
    free(color.text);
    free(json.text);
    free(buf);
    return 0;
}
