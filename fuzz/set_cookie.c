/*
 * set_cookie.c: libFuzzer target for the Set-Cookie reader of `httpstatus
 * check` (check/set_cookie.c) and the rule families built on it
 * (check/cookies.c, check/cors.c).
 *
 * Input: any bytes, read as one Set-Cookie field value in a buffer of
 * exactly their size. What is checked, every check a CHECK:
 *  - the pair ends at the first ';' (or the end); its name and value lie
 *    inside it, with no SP or HTAB at either end; with a '=', the name is
 *    before the first '=' and the value after it; without, the name is
 *    empty and there is no '=' in the pair;
 *  - the attributes walk from there in steps that only grow, one per ';',
 *    and end at the input's end; joined again with ';' their raw texts
 *    give back the input after the pair; each name and value lies inside
 *    its raw text, trimmed, its kind that of its name, and it has a '='
 *    exactly when the raw text has one;
 *  - set_cookie_name_ok() and set_cookie_value_bad() agree with
 *    byte-by-byte definitions of token and cookie-octet;
 *  - a date the cookie-date algorithm reads is a real one, and written
 *    as an IMF-fixdate it reads back as the same date in the sane form;
 *    the sane form has 29 bytes;
 *  - the linter, given the input (CR, LF and NUL made spaces) as a
 *    Set-Cookie field and as the CORS fields' values, of a 200 and of a
 *    103, finishes, and its findings have printable ASCII messages.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "lint.h"
#include "set_cookie.h"

static int ref_tchar(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z') ||
           (ch != 0 && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static int ref_octet(unsigned char ch)
{
    return ch == 0x21 || (ch >= 0x23 && ch <= 0x2b) ||
           (ch >= 0x2d && ch <= 0x3a) || (ch >= 0x3c && ch <= 0x5b) ||
           (ch >= 0x5d && ch <= 0x7e);
}

static int wsp(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* p[0..n) has no SP or HTAB at either end. */
static int trimmed(const char *p, size_t n)
{
    return n == 0 || (!wsp(p[0]) && !wsp(p[n - 1]));
}

static int inside(const char *part, size_t len, const char *p, size_t n)
{
    return part >= p && part + len <= p + n;
}

static void check_pair(const char *p, size_t n, struct set_cookie *sc)
{
    const char *semi = n ? memchr(p, ';', n) : NULL;
    const char *eq;

    set_cookie_parse(p, n, sc);
    CHECK(sc->pair_end == (semi ? (size_t)(semi - p) : n));
    eq = sc->pair_end ? memchr(p, '=', sc->pair_end) : NULL;
    CHECK(sc->has_equals == (eq != NULL));
    CHECK(inside(sc->name, sc->name_len, p, sc->pair_end));
    CHECK(inside(sc->value, sc->value_len, p, sc->pair_end));
    CHECK(trimmed(sc->name, sc->name_len));
    CHECK(trimmed(sc->value, sc->value_len));
    if (eq) {
        CHECK(sc->name + sc->name_len <= eq && sc->value > eq);
    } else {
        CHECK(sc->name_len == 0);
    }
}

static void check_attributes(const char *p, size_t n, size_t start)
{
    struct set_cookie_av av;
    size_t pos = start, last = start, at = start, count = 0, semis = 0, i;

    for (i = start; i < n; i++)
        semis += p[i] == ';';
    while (set_cookie_next_av(p, n, &pos, &av)) {
        CHECK(pos > last && pos <= n);
        /* ";" raw, in order, gives the input back. */
        CHECK(at < n && p[at] == ';' && av.raw == p + at + 1);
        CHECK(av.raw + av.raw_len == p + pos);
        CHECK(av.raw_len == 0 || memchr(av.raw, ';', av.raw_len) == NULL);
        CHECK(pos == n || p[pos] == ';');
        CHECK(av.has_equals ==
              (av.raw_len && memchr(av.raw, '=', av.raw_len) != NULL));
        CHECK(inside(av.name, av.name_len, av.raw, av.raw_len));
        CHECK(inside(av.value, av.value_len, av.raw, av.raw_len));
        CHECK(trimmed(av.name, av.name_len));
        CHECK(trimmed(av.value, av.value_len));
        CHECK(av.kind == set_cookie_kind_of(av.name, av.name_len));
        CHECK((set_cookie_kind_name(av.kind) == NULL) ==
              (av.kind == SET_COOKIE_OTHER));
        if (!av.has_equals)
            CHECK(av.value_len == 0);
        at = pos;
        last = pos;
        count++;
    }
    CHECK(pos == n && at == n);
    CHECK(count == semis);
}

static void check_grammar(const char *p, size_t n)
{
    size_t i, bad = set_cookie_value_bad(p, n), from = 0, to = n;
    int name = n > 0;

    for (i = 0; i < n; i++)
        name = name && ref_tchar((unsigned char)p[i]);
    CHECK(set_cookie_name_ok(p, n) == name);
    CHECK(bad <= n);
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
        from = 1;
        to = n - 1;
    } else if (n > 0 && p[0] == '"') {
        CHECK(bad == 0);
        return;
    }
    for (i = from; i < to && ref_octet((unsigned char)p[i]); i++)
        ;
    CHECK(bad == (i == to ? n : i));
}

static void check_date(const char *p, size_t n)
{
    static const char *const days[7] = {"Sun", "Mon", "Tue", "Wed",
                                        "Thu", "Fri", "Sat"};
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};
    struct cookie_date d, again;
    enum cookie_date_form form = cookie_date_form(p, n, &d);
    char buf[64];
    int len;

    CHECK(cookie_date_parse(p, n, NULL) == (form != COOKIE_DATE_UNREADABLE));
    if (form == COOKIE_DATE_UNREADABLE)
        return;
    if (form == COOKIE_DATE_FIXDATE || form == COOKIE_DATE_WRONG_DAY)
        CHECK(n == 29);
    CHECK(d.year >= 1601 && d.year <= 9999);
    CHECK(d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31);
    CHECK(d.hour >= 0 && d.hour <= 23 && d.minute >= 0 && d.minute <= 59 &&
          d.second >= 0 && d.second <= 59);
    len = snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                   days[cookie_date_weekday(d.year, d.month, d.day)], d.day,
                   months[d.month - 1], d.year, d.hour, d.minute, d.second);
    CHECK(len == 29);
    CHECK(cookie_date_form(buf, (size_t)len, &again) == COOKIE_DATE_FIXDATE);
    CHECK(memcmp(&d, &again, sizeof d) == 0);
}

/* The input as field values of a response, linted with every rule. */
static void check_lint(const uint8_t *data, size_t size, int interim)
{
    static const char *const fields[] = {
        "Set-Cookie",
        "Access-Control-Allow-Origin",
        "Access-Control-Allow-Credentials",
        "Access-Control-Allow-Methods",
        "Access-Control-Expose-Headers",
        "Access-Control-Max-Age",
    };
    const char *head = interim ? "HTTP/1.1 103 Early Hints\r\n"
                               : "HTTP/1.1 200 OK\r\nVary: Accept\r\n";
    struct lint_options opt;
    struct lint_report rep;
    size_t len = strlen(head), cap, k, i, j;
    char *buf;

    memset(&opt, 0, sizeof opt);
    opt.now = -1;
    cap = len + (size + 64) * (sizeof fields / sizeof fields[0]) + 4;
    buf = malloc(cap);
    CHECK(buf != NULL);
    memcpy(buf, head, len);
    for (k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        len += (size_t)snprintf(buf + len, cap - len, "%s: ", fields[k]);
        for (i = 0; i < size; i++) {
            char ch = (char)data[i];
            buf[len++] = ch == '\r' || ch == '\n' || ch == '\0' ? ' ' : ch;
        }
        memcpy(buf + len, "\r\n", 2);
        len += 2;
    }
    memcpy(buf + len, "\r\n", 2);
    len += 2;
    CHECK(len <= cap);
    CHECK(lint_run(&opt, buf, len, &rep) == 0);
    for (i = 0; i < rep.nresponses; i++)
        for (j = 0; j < rep.responses[i].nfindings; j++) {
            const char *m = rep.responses[i].findings[j].message;
            for (; *m; m++)
                CHECK(*m >= 0x20 && *m < 0x7f);
        }
    lint_report_free(&rep);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exactly sized copy, so that ASan sees a read past its end. */
    char *copy = copy_of(data, size);
    const char *p = size ? copy : "";
    struct set_cookie sc;

    check_pair(p, size, &sc);
    check_attributes(p, size, sc.pair_end);
    check_grammar(p, size);
    check_grammar(sc.name, sc.name_len);
    check_grammar(sc.value, sc.value_len);
    check_date(p, size);
    if (size <= 1 << 16) {
        check_lint(data, size, 0);
        check_lint(data, size, 1);
    }
    free(copy);
    return 0;
}
