/* test_cache_control.c: the Cache-Control reader (check/cache_control.c):
 * directives and their arguments, each kind of invalid element, the
 * recovery after one, delta-seconds and field-name lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache_control.h"
#include "harness.h"

/* The elements cc_next() reads from s[0..n), one per '|': "name" or
 * "name=arg" for a directive (arg as sent, quotes and all), "!K:text" for
 * an invalid element, K saying which error. */
static const char *items_of(const char *s, size_t n)
{
    static const char kinds[] = "-ENSABUT"; /* in enum cc_error's order */
    static char out[1024];
    struct cc_item it;
    size_t pos = 0, len = 0, last = 0;
    int first = 1;

    out[0] = '\0';
    while (cc_next(s, n, &pos, &it)) {
        CHECK(first || pos > last);
        first = 0;
        last = pos;
        CHECK(it.text >= s && it.text + it.len <= s + n);
        CHECK(it.offset == (size_t)(it.text - s));
        if (it.error == CC_OK) {
            CHECK(it.name == it.text && it.name_len > 0);
            CHECK(it.arg == NULL || it.arg + it.arg_len == it.text + it.len);
            len += (size_t)snprintf(out + len, sizeof out - len, "%.*s",
                                    (int)it.name_len, it.name);
            if (it.arg)
                len += (size_t)snprintf(out + len, sizeof out - len, "=%.*s",
                                        (int)it.arg_len, it.arg);
        } else {
            CHECK(it.name == NULL && it.arg == NULL);
            len += (size_t)snprintf(out + len, sizeof out - len, "!%c:%.*s",
                                    kinds[it.error], (int)it.len, it.text);
        }
        len += (size_t)snprintf(out + len, sizeof out - len, "|");
        if (len >= sizeof out)
            break;
    }
    CHECK(pos > n);
    CHECK(cc_next(s, n, &pos, &it) == 0);
    return out;
}

struct item_case {
    const char *input, *items;
};

static const struct item_case item_cases[] = {
    {"", ""},
    {"   ", ""},
    {"no-cache", "no-cache|"},
    {"max-age=60", "max-age=60|"},
    {"Max-Age=60", "Max-Age=60|"},
    {"max-age=60, public", "max-age=60|public|"},
    {"max-age=60,public", "max-age=60|public|"},
    {" \tmax-age=60 \t, \tpublic\t ", "max-age=60|public|"},
    {"max-age=\"60\"", "max-age=\"60\"|"},
    {"no-cache=\"Set-Cookie, Authorization\", private",
     "no-cache=\"Set-Cookie, Authorization\"|private|"},
    {"community=\"UCI\"", "community=\"UCI\"|"},
    {"x=\"a\\\"b\", y", "x=\"a\\\"b\"|y|"},
    {"x=\"a,b\"", "x=\"a,b\"|"},
    {"x=\"\"", "x=\"\"|"},
    {"x=\"\xc3\xa9\"", "x=\"\xc3\xa9\"|"},
    {"!#$%&'*+-.^_`|~09azAZ=!#$%&'*+-.^_`|~",
     "!#$%&'*+-.^_`|~09azAZ=!#$%&'*+-.^_`|~|"},
    /* empty elements */
    {",", "!E:,|"},
    {"public,", "public|!E:,|"},
    {"public, ", "public|!E:,|"},
    {", public", "!E:,|public|"},
    {"public,,private", "public|!E:,|private|"},
    {"public, ,private", "public|!E:,|private|"},
    {",,", "!E:,|!E:,|"},
    /* not a directive name */
    {"=60", "!N:=60|"},
    {"\"no-cache\", public", "!N:\"no-cache\"|public|"},
    {"\"a,b\", public", "!N:\"a,b\"|public|"},
    {"; public", "!N:; public|"},
    /* whitespace around "=" */
    {"max-age =60", "!S:max-age =60|"},
    {"max-age= 60", "!S:max-age= 60|"},
    {"max-age = 60, public", "!S:max-age = 60|public|"},
    /* "=" with no value */
    {"max-age=", "!A:max-age=|"},
    {"max-age=, public", "!A:max-age=|public|"},
    /* neither a token nor a quoted-string */
    {"max-age=[60]", "!B:max-age=[60]|"},
    {"max-age=;", "!B:max-age=;|"},
    {"x=\"a\x01\"", "!B:x=\"a\x01\"|"},
    {"x=\"a\x7f\", y", "!B:x=\"a\x7f\"|y|"},
    {"x=\"a\\\x01\", y", "!B:x=\"a\\\x01\"|y|"},
    /* unterminated quoted-strings swallow the rest */
    {"x=\"abc", "!U:x=\"abc|"},
    {"x=\"abc, public", "!U:x=\"abc, public|"},
    {"x=\"abc\\", "!U:x=\"abc\\|"},
    {"x=\"abc\\\"", "!U:x=\"abc\\\"|"},
    /* something after the directive */
    {"max-age=60; public", "!T:max-age=60; public|"},
    {"no-cache no-store, private", "!T:no-cache no-store|private|"},
    {"max-age=60 s", "!T:max-age=60 s|"},
    {"x=\"a\"b", "!T:x=\"a\"b|"},
    {"max-age:60", "!T:max-age:60|"},
    {"public ;", "!T:public ;|"},
};

static void lists_are_read_element_by_element(void)
{
    size_t k;

    for (k = 0; k < sizeof item_cases / sizeof item_cases[0]; k++) {
        const struct item_case *t = &item_cases[k];
        const char *got = items_of(t->input, strlen(t->input));
        if (strcmp(got, t->items) != 0) {
            fprintf(stderr, "# %s: got %s, want %s\n", t->input, got,
                    t->items);
            CHECK(strcmp(got, t->items) == 0);
        }
    }
}

static void the_reader_stops_at_n(void)
{
    static const char *const inputs[] = {
        "max-age=60, public",
        "no-cache=\"Set-Cookie\", private",
        "x=\"a\\\"b\", y",
        "max-age=60; public, ,",
    };
    size_t k, cut;

    /* Every prefix, from a buffer of exactly its size, so that a read
     * past n is one past the allocation; and the same prefix with more
     * bytes after it reads the same. */
    for (k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        size_t n = strlen(inputs[k]);
        for (cut = 0; cut <= n; cut++) {
            char *exact = malloc(cut ? cut : 1), want[1024];
            memcpy(exact, inputs[k], cut);
            snprintf(want, sizeof want, "%s", items_of(exact, cut));
            CHECK(strcmp(items_of(inputs[k], cut), want) == 0);
            free(exact);
        }
    }
    {
        size_t pos = 0;
        struct cc_item it;
        CHECK(cc_next(NULL, 0, &pos, &it) == 0);
        pos = 100;
        CHECK(cc_next("public", 6, &pos, &it) == 0);
    }
}

static void arguments_are_unquoted(void)
{
    struct cc_item it;
    size_t pos = 0, n;
    const char *p;

    CHECK(cc_next("no-cache=\"a, b\"", 15, &pos, &it) == 1);
    CHECK(it.quoted);
    cc_arg_content(&it, &p, &n);
    CHECK(n == 4 && memcmp(p, "a, b", 4) == 0);
    pos = 0;
    CHECK(cc_next("max-age=60", 10, &pos, &it) == 1);
    CHECK(!it.quoted);
    cc_arg_content(&it, &p, &n);
    CHECK(n == 2 && memcmp(p, "60", 2) == 0);
    pos = 0;
    CHECK(cc_next("public", 6, &pos, &it) == 1);
    cc_arg_content(&it, &p, &n);
    CHECK(p == NULL && n == 0);
}

static int delta(const char *s, unsigned long long *v)
{
    return cc_delta_seconds(s, strlen(s), v);
}

static void delta_seconds_are_digits_capped_at_2_31(void)
{
    unsigned long long v;

    CHECK(delta("0", &v) && v == 0);
    CHECK(delta("60", &v) && v == 60);
    CHECK(delta("0060", &v) && v == 60);
    CHECK(delta("2147483647", &v) && v == 2147483647ull);
    CHECK(delta("2147483648", &v) && v == 2147483648ull);
    CHECK(delta("2147483649", &v) && v == 2147483648ull);
    CHECK(delta("99999999999999999999999999999", &v) && v == 2147483648ull);
    CHECK(!delta("", &v));
    CHECK(!delta("-1", &v));
    CHECK(!delta("+1", &v));
    CHECK(!delta("1.5", &v));
    CHECK(!delta("1h", &v));
    CHECK(!delta(" 1", &v));
    CHECK(!delta("1 ", &v));
    CHECK(!delta("99999999999999999999x", &v));
    CHECK(!cc_delta_seconds("12", 0, &v));
    CHECK(cc_delta_seconds("12x", 2, &v) && v == 12);
}

static int names(const char *s)
{
    return cc_field_names(s, strlen(s));
}

static void field_name_lists_are_tokens(void)
{
    CHECK(names("Set-Cookie"));
    CHECK(names("Set-Cookie, Authorization"));
    CHECK(names("Set-Cookie,Authorization"));
    CHECK(names(" Set-Cookie\t,\tX "));
    CHECK(names("a,,b"));
    CHECK(names("a,"));
    CHECK(!names(""));
    CHECK(!names(" "));
    CHECK(!names(","));
    CHECK(!names("Set-Cookie; Path"));
    CHECK(!names("a b"));
    CHECK(!names("a:b"));
    CHECK(!names("\"a\""));
    CHECK(!cc_field_names("a\0b", 3));
}

void test_cache_control(void)
{
    run("Cache-Control lists are read element by element, bad ones "
        "reported and skipped",
        lists_are_read_element_by_element);
    run("the Cache-Control reader reads only n bytes", the_reader_stops_at_n);
    run("a directive's argument is given without its quotes",
        arguments_are_unquoted);
    run("delta-seconds are digits, capped at 2^31",
        delta_seconds_are_digits_capped_at_2_31);
    run("no-cache and private list field names", field_name_lists_are_tokens);
}
