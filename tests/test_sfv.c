/* test_sfv.c: the Structured Field Values parser (check/sfv.c) against
 * RFC 9651, Section 4.2: values that parse, given with the canonical form
 * they serialise to (Section 4.1), and values that fail, given with the
 * offset where parsing stops. Then the walkers, the decoders, the limits
 * the RFC sets or asks parsers to support, and a guard page. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS on glibc */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harness.h"
#include "sfv.h"

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

#define L SFV_LIST
#define D SFV_DICTIONARY
#define I SFV_ITEM

#define FAILS NULL
#define ANY   ((size_t)-1) /* a failure whose offset is not checked */

struct sfv_case {
    enum sfv_top top;
    const char *input;
    const char *canonical; /* FAILS when parsing must fail */
    size_t fail_at;        /* for a failure: the offset, or ANY */
};

/* ------------------------------------------------------ the bare items */

static const struct sfv_case numbers[] = {
    {I, "0", "0", 0},
    {I, "7", "7", 0},
    {I, "-7", "-7", 0},
    {I, "0042", "42", 0},
    {I, "-0", "0", 0},
    {I, "-000", "0", 0},
    {I, "999999999999999", "999999999999999", 0},
    {I, "-999999999999999", "-999999999999999", 0},
    {I, "000000000000001", "1", 0},
    {I, "1000000000000000", FAILS, 15},  /* sixteen digits */
    {I, "-1000000000000000", FAILS, 16}, /* the sign does not count */
    {I, "0000000000000000", FAILS, 15},  /* zeros count too */
    {I, "-", FAILS, 1},
    {I, "--1", FAILS, 1},
    {I, "-x", FAILS, 1},
    {I, "- 1", FAILS, 1},
    {I, "+1", FAILS, 0},
    {I, "1-", FAILS, 1},
    {I, "1e3", FAILS, 1},
    {I, "0x10", FAILS, 1},
    {I, "1,000", FAILS, 1},
    {L, "1,000", "1, 0", 0}, /* in a List the comma separates members */
    {I, "0.5", "0.5", 0},
    {I, "-0.5", "-0.5", 0},
    {I, "12.340", "12.34", 0},
    {I, "1.000", "1.0", 0},
    {I, "-0.0", "0.0", 0},
    {I, "007.250", "7.25", 0},
    {I, "999999999999.999", "999999999999.999", 0},
    {I, "-999999999999.999", "-999999999999.999", 0},
    {I, "1234567890123.0", FAILS, 13}, /* thirteen digits before "." */
    {I, "1.", FAILS, 2},
    {I, "-1.", FAILS, 3},
    {I, "1.2345", FAILS, 5},
    {I, "123456789012.1234", FAILS, 16},
    {I, "1..2", FAILS, 2},
    {I, "1.2.3", FAILS, 3},
    {I, ".5", FAILS, 0},
    {I, "-.5", FAILS, 1},
    {I, "1. 5", FAILS, 2},
};

static const struct sfv_case strings[] = {
    {I, "\"\"", "\"\"", 0},
    {I, "\"hi there\"", "\"hi there\"", 0},
    {I, "\"  \"", "\"  \"", 0},
    {I, "\"a\\\"b\"", "\"a\\\"b\"", 0},
    {I, "\"a\\\\b\"", "\"a\\\\b\"", 0},
    {I, "\"~!@#$%^&*()_+{}|:<>?`-=[];',./\"",
     "\"~!@#$%^&*()_+{}|:<>?`-=[];',./\"", 0},
    {I, "\"a\\b\"", FAILS, 3},
    {I, "\"a\\n\"", FAILS, 3},
    {I, "\"a\\", FAILS, 3},
    {I, "\"abc", FAILS, 4},
    {I, "\"", FAILS, 1},
    {I, "\"tab\there\"", FAILS, 4},
    {I, "\"line\nbreak\"", FAILS, 5},
    {I, "\"del\x7f\"", FAILS, 4},
    {I, "\"caf\xc3\xa9\"", FAILS, 4},
    {I, "'single'", FAILS, 0},
    {I, "\"a\" \"b\"", FAILS, 4},
    {L, "\"a\", \"b,c\"", "\"a\", \"b,c\"", 0},
};

static const struct sfv_case tokens[] = {
    {I, "a", "a", 0},
    {I, "*", "*", 0},
    {I, "Z9", "Z9", 0},
    {I, "text/html", "text/html", 0},
    {I, "urn:example:a", "urn:example:a", 0},
    {I, "a!#$%&'*+-.^_`|~:/", "a!#$%&'*+-.^_`|~:/", 0},
    {I, "*/*", "*/*", 0},
    {I, "foo bar", FAILS, 4},
    {I, "a(b)", FAILS, 1},
    {I, "a@b", FAILS, 1},
    {I, "a\"b\"", FAILS, 1},
    {I, "_a", FAILS, 0},
    {I, "1a", FAILS, 1},
};

static const struct sfv_case byte_sequences[] = {
    {I, "::", "::", 0},
    {I, ":AA==:", ":AA==:", 0},
    {I, ":AAE=:", ":AAE=:", 0},
    {I, ":AQID:", ":AQID:", 0},
    {I, ":+/+/:", ":+/+/:", 0},
    {I, ":AA:", ":AA==:", 0},   /* missing padding is tolerated */
    {I, ":AAE:", ":AAE=:", 0},  /* likewise */
    {I, ":AA=:", ":AA==:", 0},  /* half the padding */
    {I, ":AB==:", ":AA==:", 0}, /* non-zero pad bits are tolerated */
    {I, ":AAF=:", ":AAE=:", 0}, /* likewise */
    {I, ":A:", FAILS, 1},       /* one character cannot decode */
    {I, ":AAAAA:", FAILS, 5},   /* nor can 4n+1 */
    {I, ":AA=A:", FAILS, 3},    /* "=" before the end */
    {I, ":=AAA:", FAILS, 1},    /* "=" first */
    {I, ":=:", FAILS, 1},       /* padding with no data */
    {I, ":AAAA=:", FAILS, 5},   /* padding a full group */
    {I, ":AAA==:", FAILS, 4},   /* one "=" too many */
    {I, ":AA===:", FAILS, 3},   /* too much padding */
    {I, ":-_:", FAILS, 1},      /* base64url is not base64 */
    {I, ": AA==:", FAILS, 1},   /* no whitespace */
    {I, ":AA.=:", FAILS, 3},
    {I, ":AA==", FAILS, 5}, /* no closing colon */
    {I, ":", FAILS, 1},
    {I, ":AA==::", FAILS, 6}, /* a colon after the item */
};

static const struct sfv_case booleans[] = {
    {I, "?1", "?1", 0},   {I, "?0", "?0", 0},   {I, "?", FAILS, 1},
    {I, "?2", FAILS, 1},  {I, "? 1", FAILS, 1}, {I, "?true", FAILS, 1},
    {I, "?10", FAILS, 2}, {I, "1", "1", 0}, /* an Integer, not a Boolean */
};

static const struct sfv_case dates[] = {
    {I, "@0", "@0", 0},
    {I, "@-1", "@-1", 0},
    {I, "@-0", "@0", 0},
    {I, "@1700000000", "@1700000000", 0},
    {I, "@253402214400", "@253402214400", 0},
    {I, "@-62135596800", "@-62135596800", 0},
    {I, "@999999999999999", "@999999999999999", 0},
    {I, "@1000000000000000", FAILS, 16},
    {I, "@1.5", FAILS, 0},
    {I, "@", FAILS, 1},
    {I, "@-", FAILS, 2},
    {I, "@x", FAILS, 1},
    {I, "@ 1", FAILS, 1},
    {I, "@@1", FAILS, 1},
};

static const struct sfv_case display_strings[] = {
    {I, "%\"\"", "%\"\"", 0},
    {I, "%\"plain text\"", "%\"plain text\"", 0},
    {I, "%\"caf%c3%a9\"", "%\"caf%c3%a9\"", 0},
    {I, "%\"%41%62c\"", "%\"Abc\"", 0}, /* needless escapes drop */
    {I, "%\"%25 and %22\"", "%\"%25 and %22\"", 0},
    {I, "%\"%00%7f\"", "%\"%00%7f\"", 0},
    {I, "%\"back\\slash\"", "%\"back\\slash\"", 0},
    {I, "%\"%f0%9f%98%80\"", "%\"%f0%9f%98%80\"", 0}, /* four bytes */
    {I, "%\"%ef%bf%bf\"", "%\"%ef%bf%bf\"", 0},       /* U+FFFF */
    {I, "%\"%C3%A9\"", FAILS, 2},                     /* upper case */
    {I, "%\"%c3\"", FAILS, 5},                        /* cut short */
    {I, "%\"%c3%28\"", FAILS, 5},
    {I, "%\"%80\"", FAILS, 2},           /* a stray continuation byte */
    {I, "%\"%c0%80\"", FAILS, 2},        /* overlong */
    {I, "%\"%e0%80%80\"", FAILS, 8},     /* overlong */
    {I, "%\"%ed%a0%80\"", FAILS, 8},     /* a surrogate */
    {I, "%\"%f4%90%80%80\"", FAILS, 11}, /* above U+10FFFF */
    {I, "%\"%f5%80%80%80\"", FAILS, 2},
    {I, "%\"%2\"", FAILS, 2},
    {I, "%\"%g1\"", FAILS, 2},
    {I, "%\"100%\"", FAILS, 7},
    {I, "%\"caf\xc3\xa9\"", FAILS, 5},
    {I, "%\"tab\t\"", FAILS, 5},
    {I, "%abc", FAILS, 1},
    {I, "%'a'", FAILS, 1},
    {I, "%", FAILS, 1},
    {I, "%\"open", FAILS, 6},
};

/* ------------------------------------------------------- the structures */

static const struct sfv_case parameters[] = {
    {I, "a;b", "a;b", 0},
    {I, "a;b=1;c=?0", "a;b=1;c=?0", 0},
    {I, "a;b=?1", "a;b", 0},
    {I, "a; b", "a;b", 0},
    {I, "a;   b=\"x\"", "a;b=\"x\"", 0},
    {I, "a;*x=1", "a;*x=1", 0},
    {I, "a;b-c.d_e*=2", "a;b-c.d_e*=2", 0},
    {I, "a;b;b=2", "a;b=2", 0},
    {I, "a;b=1;c;b=3", "a;b=3;c", 0},
    {I, "1;a=:AA==:;b=@5;c=%\"x\";d=1.5;e=tok",
     "1;a=:AA==:;b=@5;c=%\"x\";d=1.5;e=tok", 0},
    {I, "a ;b", FAILS, 2},
    {I, "a;B", FAILS, 2},
    {I, "a;1b", FAILS, 2},
    {I, "a;", FAILS, 2},
    {I, "a; ", FAILS, 3},
    {I, "a;b=", FAILS, 4},
    {I, "a;b=(1)", FAILS, 4},
    {I, "a;b= 1", FAILS, 4},
    {I, "a;b =1", FAILS, 4},
    {I, "a;b=1;", FAILS, 6},
    {I, "a;;b", FAILS, 2},
    {I, "a;\tb", FAILS, 2},
};

static const struct sfv_case lists[] = {
    {L, "", "", 0},
    {L, "   ", "", 0},
    {L, "a", "a", 0},
    {L, "a, b", "a, b", 0},
    {L, "a,b", "a, b", 0},
    {L, "a ,\tb", "a, b", 0},
    {L, "  a  ,  b  ", "a, b", 0},
    {L, "1, \"two\", three, :AA==:, ?0, @4, %\"5\", 6.5",
     "1, \"two\", three, :AA==:, ?0, @4, %\"5\", 6.5", 0},
    {L, "a, a", "a, a", 0}, /* Lists keep repeated members */
    {L, "a;x=1, b;y", "a;x=1, b;y", 0},
    {L, "a,", FAILS, 2},
    {L, "a, ", FAILS, 3},
    {L, ",a", FAILS, 0},
    {L, "a,,b", FAILS, 2},
    {L, "a, , b", FAILS, 3}, /* an empty field line, combined */
    {L, "a b", FAILS, 2},
    {L, "a;x b", FAILS, 4},
    {L, "\ta", FAILS, 0}, /* only SP is discarded before the value */
    {L, "a=1", FAILS, 1},
};

static const struct sfv_case inner_lists[] = {
    {L, "()", "()", 0},
    {L, "( )", "()", 0},
    {L, "(a)", "(a)", 0},
    {L, "(a b), c", "(a b), c", 0},
    {L, "(  a   b  )", "(a b)", 0},
    {L, "(1 \"2\" ?1);x=5, ()", "(1 \"2\" ?1);x=5, ()", 0},
    {L, "(a;x=1 b);y", "(a;x=1 b);y", 0},
    {L, "(a;x b;y=2);z;z=?0", "(a;x b;y=2);z=?0", 0},
    {L, "(a\tb)", FAILS, 2},
    {L, "(a", FAILS, 2},
    {L, "(", FAILS, 1},
    {L, "(a b", FAILS, 4},
    {L, "((a))", FAILS, 1},
    {L, "(a)(b)", FAILS, 3},
    {L, "(a,b)", FAILS, 2},
    {L, "(a\"b\")", FAILS, 2},
    {L, "(a) ;x", FAILS, 4},
    {L, "(a=1)", FAILS, 2},
    {I, "(a)", FAILS, 0}, /* an Item cannot be an Inner List */
};

static const struct sfv_case dictionaries[] = {
    {D, "", "", 0},
    {D, "a=1", "a=1", 0},
    {D, "a=1, b=2", "a=1, b=2", 0},
    {D, "a=1,b=2", "a=1, b=2", 0},
    {D, "a=1 \t, \t b=2", "a=1, b=2", 0},
    {D, "a", "a", 0},
    {D, "a=?1", "a", 0},
    {D, "a=?0", "a=?0", 0},
    {D, "a;x", "a;x", 0},
    {D, "a=?1;x", "a;x", 0},
    {D, "a=1;x, b", "a=1;x, b", 0},
    {D, "a=(1 2);y, b=()", "a=(1 2);y, b=()", 0},
    {D, "a=1, a=2", "a=2", 0},
    {D, "a=1, b=2, a=3", "a=3, b=2", 0},
    {D, "a=(1), a", "a", 0},
    {D, "*=1", "*=1", 0},
    {D, "a.b-c_d*9=1", "a.b-c_d*9=1", 0},
    {D, "sha-256=:AA==:, x=\"y\"", "sha-256=:AA==:, x=\"y\"", 0},
    {D, "A=1", FAILS, 0},
    {D, "a=1, B=2", FAILS, 5},
    {D, "1a=1", FAILS, 0},
    {D, "_a=1", FAILS, 0},
    {D, "a =1", FAILS, 2},
    {D, "a= 1", FAILS, 2},
    {D, "a=1,", FAILS, 4},
    {D, "a=,b=1", FAILS, 2},
    {D, "a=", FAILS, 2},
    {D, "a=1 b=2", FAILS, 4},
    {D, "a!=1", FAILS, 1},
    {D, "\"a\"=1", FAILS, 0},
    {D, ",a=1", FAILS, 0},
    {D, "a=1,,b=2", FAILS, 4},
};

static const struct sfv_case whole_values[] = {
    {I, "", FAILS, 0},
    {I, "   ", FAILS, 3},
    {I, " 1", "1", 0},
    {I, "1 ", "1", 0},
    {I, "\t1", FAILS, 0},
    {I, "1\t", FAILS, 1},
    {I, "1 2", FAILS, 2},
    {I, "1, 2", FAILS, 1},
    {I, "a=1", FAILS, 1},
    {I, "\xff", FAILS, 0},
    {L, "a, b\x80", FAILS, 4},
    {D, "a=\"\xe2\x80\x9c\"", FAILS, 3},
    {L, "a, b, \"c\xc3\xa9\"", FAILS, 8}, /* the first byte outside ASCII */
};

/* Checks each case, printing the ones that go wrong. */
static void check_cases(const struct sfv_case *cases, size_t count)
{
    char out[512];
    size_t k;

    for (k = 0; k < count; k++) {
        const struct sfv_case *c = &cases[k];
        size_t len = strlen(c->input);
        struct sfv_error err = {0, NULL};
        int got = sfv_parse(c->input, len, c->top, &err);
        if (c->canonical == FAILS) {
            if (got == 0 || (c->fail_at != ANY && err.offset != c->fail_at)) {
                printf("# \"%s\" should fail at %zu: %s at %zu\n", c->input,
                       c->fail_at, got == 0 ? "parses" : "fails", err.offset);
                CHECK(0);
            }
            if (got != 0)
                CHECK(err.reason != NULL && err.offset <= len);
            continue;
        }
        if (got != 0) {
            printf("# \"%s\" should parse: fails at %zu: %s\n", c->input,
                   err.offset, err.reason);
            CHECK(0);
            continue;
        }
        CHECK(sfv_serialize(c->input, len, c->top, out, sizeof out) ==
              strlen(c->canonical));
        if (strcmp(out, c->canonical) != 0) {
            printf("# \"%s\" serialises to \"%s\", not \"%s\"\n", c->input,
                   out, c->canonical);
            CHECK(0);
        }
        /* The canonical form parses, to itself. */
        CHECK(sfv_parse(out, strlen(out), c->top, NULL) == 0);
        {
            char again[512];
            sfv_serialize(out, strlen(out), c->top, again, sizeof again);
            CHECK(strcmp(again, out) == 0);
        }
    }
}

#define CASES(a) check_cases(a, sizeof a / sizeof a[0])

static void parses_integers_and_decimals(void)
{
    CASES(numbers);
}

static void parses_strings(void)
{
    CASES(strings);
}

static void parses_tokens(void)
{
    CASES(tokens);
}

static void parses_byte_sequences(void)
{
    CASES(byte_sequences);
}

static void parses_booleans(void)
{
    CASES(booleans);
}

static void parses_dates(void)
{
    CASES(dates);
}

static void parses_display_strings(void)
{
    CASES(display_strings);
}

static void parses_parameters(void)
{
    CASES(parameters);
}

static void parses_lists(void)
{
    CASES(lists);
}

static void parses_inner_lists(void)
{
    CASES(inner_lists);
}

static void parses_dictionaries(void)
{
    CASES(dictionaries);
}

static void parses_whole_values(void)
{
    CASES(whole_values);
}

/* Bytes the tables cannot hold: NUL. */
static void refuses_nul_anywhere(void)
{
    static const struct {
        enum sfv_top top;
        const char *p;
        size_t n, at;
    } nul[] = {
        {I, "\0", 1, 0},      {I, "\"a\0\"", 4, 2}, {I, "a\0", 2, 1},
        {L, "a,\0", 3, 2},    {D, "a=\0", 3, 2},    {I, "%\"\0\"", 4, 2},
        {I, ":AA\0=:", 6, 3}, {I, "1\0", 2, 1},     {L, "(a\0)", 4, 2},
        {I, "a;b=\0", 5, 4},
    };
    size_t k;

    for (k = 0; k < sizeof nul / sizeof nul[0]; k++) {
        struct sfv_error err = {0, NULL};
        CHECK(sfv_parse(nul[k].p, nul[k].n, nul[k].top, &err) == -1);
        CHECK(err.offset == nul[k].at);
    }
}

/* Each failure the algorithms name gives its own reason. */
static void names_each_failure(void)
{
    static const struct {
        enum sfv_top top;
        const char *input, *reason_has;
    } why[] = {
        {I, "\xc3", "outside ASCII"},
        {I, "1 2", "follows the item"},
        {L, "a b", "followed by \",\""},
        {L, "a,", "ends in a comma"},
        {D, "A=1", "lower-case letter"},
        {I, "a;", "key was expected"},
        {I, "~", "an item was expected"},
        {D, "a=", "value ends"},
        {I, "-", "number was expected"},
        {I, "-a", "not followed by a digit"},
        {I, "1234567890123456", "more than 15 digits"},
        {I, "1234567890123.1", "more than 12 digits"},
        {I, "1.1234", "more than 3 digits"},
        {I, "1.", "no digit after the point"},
        {I, "\"a", "no closing"},
        {I, "\"a\\", "backslash with nothing"},
        {I, "\"\\a\"", "escapes only"},
        {I, "\"\t\"", "control character"},
        {I, ":AA==", "no closing ':'"},
        {I, ":A!:", "not base64"},
        {I, ":A=A:", "before its end"},
        {I, ":A:", "one character too many"},
        {I, ":AAA==:", "more \"=\" padding"},
        {I, "?x", "not followed by 0 or 1"},
        {I, "@1.0", "fractional part"},
        {I, "%x", "not followed by '\"'"},
        {I, "%\"\t\"", "control character"},
        {I, "%\"%", "cut short"},
        {I, "%\"%AA\"", "two lower-case hex digits"},
        {I, "%\"%ff\"", "not valid UTF-8"},
        {I, "%\"a", "no closing"},
        {L, "(a,", "separated by spaces"},
        {L, "(a ", "no closing \")\""},
    };
    size_t k;

    for (k = 0; k < sizeof why / sizeof why[0]; k++) {
        struct sfv_error err = {0, NULL};
        CHECK(sfv_parse(why[k].input, strlen(why[k].input), why[k].top,
                        &err) == -1);
        if (err.reason == NULL ||
            strstr(err.reason, why[k].reason_has) == NULL) {
            printf("# \"%s\": %s\n", why[k].input,
                   err.reason ? err.reason : "(no reason)");
            CHECK(0);
        }
    }
}

/* ---------------------------------------------------------- the walkers */

static int text_is(const char *p, size_t n, const char *s)
{
    return strlen(s) == n && memcmp(p, s, n) == 0;
}

static void walks_a_dictionary(void)
{
    const char *v = "a=1;x=?0, b, c=(\"s\" t;u=2);v=:AQ==:, a=-2.5";
    size_t n = strlen(v), pos = 0, ip, pp;
    struct sfv_member m;
    struct sfv_item item;
    struct sfv_param param;

    CHECK(sfv_parse(v, n, D, NULL) == 0);
    CHECK(sfv_next(v, n, D, &pos, &m) == 1);
    CHECK(text_is(m.key, m.key_len, "a"));
    CHECK(m.value.type == SFV_INTEGER && m.value.number == 1);
    CHECK(text_is(m.value.params, m.value.params_len, ";x=?0"));
    pp = 0;
    CHECK(sfv_param_next(&m.value, &pp, &param) == 1);
    CHECK(text_is(param.key, param.key_len, "x"));
    CHECK(param.value.type == SFV_BOOLEAN && param.value.number == 0);
    CHECK(param.value.len == 2);
    CHECK(sfv_param_next(&m.value, &pp, &param) == 0);

    CHECK(sfv_next(v, n, D, &pos, &m) == 1);
    CHECK(text_is(m.key, m.key_len, "b"));
    CHECK(m.value.type == SFV_BOOLEAN && m.value.number == 1);
    CHECK(m.value.len == 0 && m.value.params_len == 0);

    CHECK(sfv_next(v, n, D, &pos, &m) == 1);
    CHECK(text_is(m.key, m.key_len, "c"));
    CHECK(m.value.type == SFV_INNER_LIST && m.value.size == 2);
    CHECK(text_is(m.value.text, m.value.len, "(\"s\" t;u=2)"));
    CHECK(text_is(m.value.params, m.value.params_len, ";v=:AQ==:"));
    ip = 0;
    CHECK(sfv_inner_next(&m.value, &ip, &item) == 1);
    CHECK(item.type == SFV_STRING && item.size == 1);
    CHECK(item.params_len == 0);
    CHECK(sfv_inner_next(&m.value, &ip, &item) == 1);
    CHECK(item.type == SFV_TOKEN && text_is(item.text, item.len, "t"));
    pp = 0;
    CHECK(sfv_param_next(&item, &pp, &param) == 1);
    CHECK(text_is(param.key, param.key_len, "u"));
    CHECK(param.value.type == SFV_INTEGER && param.value.number == 2);
    CHECK(sfv_param_next(&item, &pp, &param) == 0);
    CHECK(sfv_inner_next(&m.value, &ip, &item) == 0);
    pp = 0;
    CHECK(sfv_param_next(&m.value, &pp, &param) == 1);
    CHECK(param.value.type == SFV_BYTES && param.value.size == 1);

    CHECK(sfv_next(v, n, D, &pos, &m) == 1); /* the second "a" */
    CHECK(text_is(m.key, m.key_len, "a"));
    CHECK(m.value.type == SFV_DECIMAL && m.value.number == -2500);
    CHECK(sfv_next(v, n, D, &pos, &m) == 0);
    CHECK(sfv_next(v, n, D, &pos, &m) == 0);
}

static void walks_lists_and_items(void)
{
    const char *v = "  tok, 5;q, (), @-3";
    size_t n = strlen(v), pos = 0, ip = 0;
    struct sfv_member m;
    struct sfv_item item;

    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(m.key == NULL && m.key_len == 0);
    CHECK(m.value.type == SFV_TOKEN && text_is(m.value.text, 3, "tok"));
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(m.value.type == SFV_INTEGER && m.value.number == 5);
    CHECK(text_is(m.value.params, m.value.params_len, ";q"));
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(m.value.type == SFV_INNER_LIST && m.value.size == 0);
    CHECK(sfv_inner_next(&m.value, &ip, &item) == 0);
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(m.value.type == SFV_DATE && m.value.number == -3);
    CHECK(sfv_next(v, n, L, &pos, &m) == 0);

    pos = 0;
    CHECK(sfv_next(" ?1;a ", 6, I, &pos, &m) == 1);
    CHECK(m.value.type == SFV_BOOLEAN && m.value.number == 1);
    CHECK(text_is(m.value.params, m.value.params_len, ";a"));
    CHECK(sfv_next(" ?1;a ", 6, I, &pos, &m) == 0);

    pos = 0;
    CHECK(sfv_next("", 0, L, &pos, &m) == 0);
    pos = 0;
    CHECK(sfv_next(NULL, 0, D, &pos, &m) == 0);
    /* A walk over a value that fails stops where it fails. */
    pos = 0;
    CHECK(sfv_next("a, b c, d", 9, L, &pos, &m) == 1);
    CHECK(sfv_next("a, b c, d", 9, L, &pos, &m) == 1);
    CHECK(text_is(m.value.text, m.value.len, "b"));
    CHECK(sfv_next("a, b c, d", 9, L, &pos, &m) == 0);
    /* An item that is not an Inner List has no items to walk. */
    ip = 0;
    CHECK(sfv_inner_next(&m.value, &ip, &item) == 0);
}

static void decodes_values(void)
{
    const char *v = "\"a\\\"b\\\\c\", %\"caf%c3%a9 %25\", :aGVsbG8=:, tok, "
                    ":AA:, 1";
    size_t n = strlen(v), pos = 0;
    struct sfv_member m;
    char s[32];
    unsigned char b[32];

    CHECK(sfv_parse(v, n, L, NULL) == 0);
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(m.value.size == 5);
    CHECK(sfv_string_value(&m.value, s, sizeof s) == 5);
    CHECK(memcmp(s, "a\"b\\c", 5) == 0);
    CHECK(sfv_string_value(&m.value, s, 2) == 5); /* cut, length still */
    CHECK(memcmp(s, "a\"", 2) == 0);
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(m.value.size == 7);
    CHECK(sfv_string_value(&m.value, s, sizeof s) == 7);
    CHECK(memcmp(s, "caf\xc3\xa9 %", 7) == 0);
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(m.value.size == 5 && m.value.flags == 0);
    CHECK(sfv_bytes_value(&m.value, b, sizeof b) == 5);
    CHECK(memcmp(b, "hello", 5) == 0);
    CHECK(sfv_string_value(&m.value, s, sizeof s) == 0);
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(sfv_string_value(&m.value, s, sizeof s) == 3);
    CHECK(memcmp(s, "tok", 3) == 0);
    CHECK(sfv_bytes_value(&m.value, b, sizeof b) == 0);
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(m.value.size == 1 && m.value.flags == SFV_UNPADDED);
    CHECK(sfv_bytes_value(&m.value, b, sizeof b) == 1 && b[0] == 0);
    CHECK(sfv_next(v, n, L, &pos, &m) == 1);
    CHECK(sfv_string_value(&m.value, s, sizeof s) == 0);

    pos = 0;
    CHECK(sfv_next(":AB==:", 6, I, &pos, &m) == 1);
    CHECK(m.value.flags == SFV_PAD_BITS);
    pos = 0;
    CHECK(sfv_next(":AB:", 4, I, &pos, &m) == 1);
    CHECK(m.value.flags == (SFV_PAD_BITS | SFV_UNPADDED));
}

static void serialises_like_snprintf(void)
{
    char out[8];

    memset(out, 'x', sizeof out);
    CHECK(sfv_serialize("a, b, c, d", 10, L, out, sizeof out) == 10);
    CHECK(strcmp(out, "a, b, c") == 0);
    CHECK(sfv_serialize("a, b", 4, L, out, 0) == 4);
    CHECK(sfv_serialize("a, b", 4, L, NULL, 0) == 4);
    CHECK(sfv_serialize("", 0, D, out, sizeof out) == 0 && out[0] == '\0');
    CHECK(sfv_serialize("a", 1, L, out, 1) == 1 && out[0] == '\0');
}

/* ------------------------------------------------------------ limits */

static char *repeat(const char *first, const char *each, size_t count,
                    const char *last)
{
    size_t a = strlen(first), e = strlen(each), z = strlen(last), k;
    char *s = malloc(a + e * count + z + 1), *o = s;

    CHECK(s != NULL);
    if (s == NULL)
        exit(1);
    memcpy(o, first, a);
    o += a;
    for (k = 0; k < count; k++, o += e)
        memcpy(o, each, e);
    memcpy(o, last, z + 1);
    return s;
}

static size_t members(const char *v, enum sfv_top top)
{
    struct sfv_member m;
    size_t pos = 0, count = 0;

    while (sfv_next(v, strlen(v), top, &pos, &m))
        count++;
    return count;
}

/* Section 3 asks parsers to support at least these sizes; nothing here
 * has a limit of its own but the numbers'. */
static void supports_the_minimum_sizes(void)
{
    char *v, *key;
    struct sfv_member m;
    size_t pos = 0;

    v = repeat("a", ", a", 1023, "");
    CHECK(sfv_parse(v, strlen(v), L, NULL) == 0 && members(v, L) == 1024);
    free(v);
    v = repeat("(", "a ", 256, ")");
    CHECK(sfv_parse(v, strlen(v), L, NULL) == 0);
    CHECK(sfv_next(v, strlen(v), L, &pos, &m) && m.value.size == 256);
    free(v);
    v = repeat("a", ";b", 256, "");
    CHECK(sfv_parse(v, strlen(v), I, NULL) == 0);
    free(v);
    key = repeat("", "k", 64, "");
    v = repeat(key, "", 0, "=1");
    CHECK(sfv_parse(v, strlen(v), D, NULL) == 0);
    free(v);
    v = repeat("a;", key, 1, "");
    CHECK(sfv_parse(v, strlen(v), I, NULL) == 0);
    free(v);
    free(key);
    v = repeat("\"", "x", 1024, "\"");
    CHECK(sfv_parse(v, strlen(v), I, NULL) == 0);
    free(v);
    v = repeat("t", "t", 511, "");
    CHECK(sfv_parse(v, strlen(v), I, NULL) == 0);
    free(v);
    /* 16384 octets are 21848 base64 characters, the last group padded. */
    v = repeat(":", "AAAA", 5461, "AA==:");
    pos = 0;
    CHECK(sfv_parse(v, strlen(v), I, NULL) == 0);
    CHECK(sfv_next(v, strlen(v), I, &pos, &m) && m.value.size == 16384);
    free(v);
    v = repeat("", "d, ", 2000, "d=1");
    CHECK(sfv_parse(v, strlen(v), D, NULL) == 0 && members(v, D) == 2001);
    free(v);
}

/* Places each input so that its last byte is the last readable byte
 * before a PROT_NONE page, at every length: any read past n faults. */
static void never_reads_past_n(void)
{
    static const char *const inputs[] = {
        "a=1;b=\"x\", c=(1 2;z);d, e=:AQ==:, f=%\"%c3%a9\", g=@1, h=?0",
        "\"abc\\\"",
        ":AAAA",
        "%\"%c3",
        "123456789012.12",
        "(a b;c=",
        "a;b=%\"",
        "@-12",
        "?",
        "x, y, (z"};
    long page = sysconf(_SC_PAGESIZE);
    char *area = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char out[256];
    size_t k, len;
    int top;

    CHECK(area != MAP_FAILED);
    if (area == MAP_FAILED)
        return;
    CHECK(mprotect(area + page, (size_t)page, PROT_NONE) == 0);
    for (k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        for (len = 0; len <= strlen(inputs[k]); len++) {
            char *at = area + page - len;
            memcpy(at, inputs[k], len);
            for (top = SFV_LIST; top <= SFV_ITEM; top++) {
                struct sfv_member m;
                size_t pos = 0;
                sfv_parse(at, len, (enum sfv_top)top, NULL);
                while (sfv_next(at, len, (enum sfv_top)top, &pos, &m)) {
                    struct sfv_param param;
                    struct sfv_item item;
                    size_t pp = 0, ip = 0;
                    while (sfv_param_next(&m.value, &pp, &param))
                        sfv_string_value(&param.value, out, sizeof out);
                    while (sfv_inner_next(&m.value, &ip, &item))
                        sfv_bytes_value(&item, (unsigned char *)out,
                                        sizeof out);
                    sfv_string_value(&m.value, out, sizeof out);
                }
                sfv_serialize(at, len, (enum sfv_top)top, out, sizeof out);
            }
        }
    }
    munmap(area, (size_t)page * 2);
}

void test_sfv(void)
{
    run("Integers and Decimals parse within their limits",
        parses_integers_and_decimals);
    run("Strings parse with their two escapes, and no controls",
        parses_strings);
    run("Tokens parse with tchar, \":\" and \"/\"", parses_tokens);
    run("Byte Sequences parse as base64, padding optional",
        parses_byte_sequences);
    run("Booleans are ?1 and ?0 only", parses_booleans);
    run("Dates are Integers after \"@\"", parses_dates);
    run("Display Strings decode lower-case escapes to UTF-8",
        parses_display_strings);
    run("parameters follow \";\", keys lower-case, the last value wins",
        parses_parameters);
    run("Lists take OWS around commas and no empty member", parses_lists);
    run("Inner Lists take spaces between items", parses_inner_lists);
    run("Dictionaries take keys, \"=\" and Boolean true by default",
        parses_dictionaries);
    run("a whole value: leading and trailing SP, nothing else, ASCII only",
        parses_whole_values);
    run("NUL fails everywhere, at its own offset", refuses_nul_anywhere);
    run("each failure the algorithms name has its reason", names_each_failure);
    run("a Dictionary walks member by member, with items and parameters",
        walks_a_dictionary);
    run("Lists and Items walk, and a failing value stops the walk",
        walks_lists_and_items);
    run("Strings, Display Strings, Tokens and Byte Sequences decode",
        decodes_values);
    run("serialising never writes past its buffer", serialises_like_snprintf);
    run("the sizes RFC 9651 asks parsers to support parse",
        supports_the_minimum_sizes);
    run("nothing reads past n, even against a guard page", never_reads_past_n);
}
