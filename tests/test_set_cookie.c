/* test_set_cookie.c: the Set-Cookie value reader of `httpstatus check`
 * (check/set_cookie.c): the pair, the attributes, the server grammar's
 * checks and the cookie-date algorithm. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS on glibc */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harness.h"
#include "set_cookie.h"

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

static int is(const char *p, size_t n, const char *s)
{
    return strlen(s) == n && (n == 0 || memcmp(p, s, n) == 0);
}

/* The attributes of s as "kind:name=value|...", the kind as a digit,
 * "=" only when the attribute has one. */
static const char *attributes(const char *s)
{
    static char out[512];
    struct set_cookie sc;
    struct set_cookie_av av;
    size_t n = strlen(s), pos, len = 0;

    set_cookie_parse(s, n, &sc);
    pos = sc.pair_end;
    out[0] = '\0';
    while (set_cookie_next_av(s, n, &pos, &av))
        len += (size_t)snprintf(out + len, sizeof out - len, "%d:%.*s%s%.*s|",
                                (int)av.kind, (int)av.name_len, av.name,
                                av.has_equals ? "=" : "", (int)av.value_len,
                                av.value);
    CHECK(pos == n);
    return out;
}

/* ------------------------------------------------------------ the pair */

static void the_pair_is_read_as_browsers_read_it(void)
{
    struct set_cookie sc;
    const char *s;

    s = "sid=31d4d96e407aad42; Path=/; Secure";
    set_cookie_parse(s, strlen(s), &sc);
    CHECK(is(sc.name, sc.name_len, "sid"));
    CHECK(is(sc.value, sc.value_len, "31d4d96e407aad42"));
    CHECK(sc.has_equals && sc.pair_end == 20);

    /* WSP around the name and the value go; the first '=' splits. */
    s = " \ta = b=c \t;x";
    set_cookie_parse(s, strlen(s), &sc);
    CHECK(is(sc.name, sc.name_len, "a"));
    CHECK(is(sc.value, sc.value_len, "b=c"));
    CHECK(sc.pair_end == 11);

    /* Without '=', a nameless cookie whose value is the pair. */
    s = "lonely; Path=/";
    set_cookie_parse(s, strlen(s), &sc);
    CHECK(!sc.has_equals && sc.name_len == 0);
    CHECK(is(sc.value, sc.value_len, "lonely"));

    s = "=v";
    set_cookie_parse(s, strlen(s), &sc);
    CHECK(sc.has_equals && sc.name_len == 0);
    CHECK(is(sc.value, sc.value_len, "v"));

    s = "a=";
    set_cookie_parse(s, strlen(s), &sc);
    CHECK(is(sc.name, sc.name_len, "a") && sc.value_len == 0);

    s = "a=\"quoted value\"";
    set_cookie_parse(s, strlen(s), &sc);
    CHECK(is(sc.value, sc.value_len, "\"quoted value\""));

    set_cookie_parse(NULL, 0, &sc);
    CHECK(sc.name_len == 0 && sc.value_len == 0 && sc.pair_end == 0);
    CHECK(!sc.has_equals);

    s = ";Path=/";
    set_cookie_parse(s, strlen(s), &sc);
    CHECK(sc.pair_end == 0 && sc.value_len == 0);
}

/* ------------------------------------------------------ the attributes */

static void attributes_are_read_in_order_with_their_kind(void)
{
    CHECK(strcmp(attributes("a=b"), "") == 0);
    CHECK(strcmp(attributes("a=b; Path=/; Secure; HttpOnly"),
                 "3:Path=/|4:Secure|5:HttpOnly|") == 0);
    CHECK(strcmp(attributes("a=b;expires=Sun, 06 Nov 1994 08:49:37 GMT;"
                            "max-age=60;DOMAIN=.example.com"),
                 "0:expires=Sun, 06 Nov 1994 08:49:37 GMT|1:max-age=60|"
                 "2:DOMAIN=.example.com|") == 0);
    CHECK(strcmp(attributes("a=b; SameSite = Lax ; Partitioned; "
                            "Priority=High"),
                 "6:SameSite=Lax|7:Partitioned|8:Priority=High|") == 0);
    /* Unknown names, empty attributes, and a value with '='. */
    CHECK(strcmp(attributes("a=b; Foo=x=y; ; =z;"), "9:Foo=x=y|9:|9:=z|9:|") ==
          0);
    CHECK(strcmp(attributes("a=b; Max_Age=1; Secure=yes"),
                 "9:Max_Age=1|4:Secure=yes|") == 0);
    CHECK(strcmp(attributes("no-equals; HttpOnly"), "5:HttpOnly|") == 0);
}

static void the_raw_attribute_is_all_between_semicolons(void)
{
    const char *s = "a=b;  Path = /x ;Secure";
    struct set_cookie sc;
    struct set_cookie_av av;
    size_t pos;

    set_cookie_parse(s, strlen(s), &sc);
    pos = sc.pair_end;
    CHECK(set_cookie_next_av(s, strlen(s), &pos, &av));
    CHECK(is(av.raw, av.raw_len, "  Path = /x "));
    CHECK(is(av.name, av.name_len, "Path") &&
          is(av.value, av.value_len, "/x"));
    CHECK(set_cookie_next_av(s, strlen(s), &pos, &av));
    CHECK(is(av.raw, av.raw_len, "Secure") && av.kind == SET_COOKIE_SECURE);
    CHECK(av.value_len == 0 && !av.has_equals);
    CHECK(!set_cookie_next_av(s, strlen(s), &pos, &av));
    CHECK(pos == strlen(s));
    /* A position not at a ';' ends the walk. */
    pos = 1;
    CHECK(!set_cookie_next_av(s, strlen(s), &pos, &av));
    CHECK(pos == strlen(s));
}

static void kinds_have_names(void)
{
    int k;

    CHECK(strcmp(set_cookie_kind_name(SET_COOKIE_MAX_AGE), "Max-Age") == 0);
    CHECK(strcmp(set_cookie_kind_name(SET_COOKIE_HTTPONLY), "HttpOnly") == 0);
    CHECK(set_cookie_kind_name(SET_COOKIE_OTHER) == NULL);
    CHECK(set_cookie_kind_name((enum set_cookie_kind) - 1) == NULL);
    CHECK(set_cookie_kind_name((enum set_cookie_kind)99) == NULL);
    for (k = 0; k < (int)SET_COOKIE_OTHER; k++) {
        const char *name = set_cookie_kind_name((enum set_cookie_kind)k);
        CHECK(set_cookie_kind_of(name, strlen(name)) ==
              (enum set_cookie_kind)k);
    }
    CHECK(set_cookie_kind_of("secure", 6) == SET_COOKIE_SECURE);
    CHECK(set_cookie_kind_of("Secur", 5) == SET_COOKIE_OTHER);
    CHECK(set_cookie_kind_of("Secures", 7) == SET_COOKIE_OTHER);
    CHECK(set_cookie_kind_of("", 0) == SET_COOKIE_OTHER);
}

/* ---------------------------------------------------------- the grammar */

static void names_are_tokens_and_values_cookie_octets(void)
{
    char one[1];
    int ch;

    CHECK(set_cookie_name_ok("sid", 3));
    CHECK(set_cookie_name_ok("__Host-x", 8));
    CHECK(!set_cookie_name_ok("", 0));
    CHECK(!set_cookie_name_ok("a b", 3));
    CHECK(!set_cookie_name_ok("a(b)", 4));
    CHECK(!set_cookie_name_ok("\xc3\xa9", 2));

    CHECK(set_cookie_value_bad("", 0) == 0);
    CHECK(set_cookie_value_bad("abc", 3) == 3);
    CHECK(set_cookie_value_bad("\"abc\"", 5) == 5);
    CHECK(set_cookie_value_bad("\"\"", 2) == 2);
    CHECK(set_cookie_value_bad("a b", 3) == 1);
    CHECK(set_cookie_value_bad("\"a b\"", 5) == 2);
    CHECK(set_cookie_value_bad("a\"b", 3) == 1);
    CHECK(set_cookie_value_bad("\"abc", 4) == 0);
    CHECK(set_cookie_value_bad("\"", 1) == 0);
    CHECK(set_cookie_value_bad("abc\"", 4) == 3);
    CHECK(set_cookie_value_bad("a,b", 3) == 1);
    CHECK(set_cookie_value_bad("a\\b", 3) == 1);
    CHECK(set_cookie_value_bad("ab\x80", 3) == 2);
    /* Every byte, against the ranges of RFC 6265, Section 4.1.1. */
    for (ch = 0; ch < 256; ch++) {
        int want = ch == 0x21 || (ch >= 0x23 && ch <= 0x2b) ||
                   (ch >= 0x2d && ch <= 0x3a) || (ch >= 0x3c && ch <= 0x5b) ||
                   (ch >= 0x5d && ch <= 0x7e);
        one[0] = (char)ch;
        CHECK((set_cookie_value_bad(one, 1) == 1) == want);
    }
}

/* ------------------------------------------------------------ dates */

static int date_is(const char *s, int y, int mo, int d, int h, int mi, int sec)
{
    struct cookie_date got;

    return cookie_date_parse(s, strlen(s), &got) && got.year == y &&
           got.month == mo && got.day == d && got.hour == h &&
           got.minute == mi && got.second == sec;
}

static int unreadable(const char *s)
{
    return !cookie_date_parse(s, strlen(s), NULL);
}

static void browsers_read_many_date_forms(void)
{
    CHECK(date_is("Sun, 06 Nov 1994 08:49:37 GMT", 1994, 11, 6, 8, 49, 37));
    CHECK(date_is("Sunday, 06-Nov-94 08:49:37 GMT", 1994, 11, 6, 8, 49, 37));
    CHECK(date_is("Sun Nov  6 08:49:37 1994", 1994, 11, 6, 8, 49, 37));
    CHECK(date_is("Thu, 01-Jan-1970 00:00:01 GMT", 1970, 1, 1, 0, 0, 1));
    CHECK(date_is("6 november 2069 8:9:7", 2069, 11, 6, 8, 9, 7));
    CHECK(date_is("06 Nov 69 08:49:37", 2069, 11, 6, 8, 49, 37));
    CHECK(date_is("06 Nov 70 08:49:37", 1970, 11, 6, 8, 49, 37));
    CHECK(date_is("29 Feb 2024 23:59:59", 2024, 2, 29, 23, 59, 59));
    CHECK(date_is("1601-Jan-01 00:00:00", 1601, 1, 1, 0, 0, 0));
    CHECK(date_is("31 Dec 9999 23:59:59", 9999, 12, 31, 23, 59, 59));
    /* A date token may carry anything after its digits. */
    CHECK(date_is("6th Nov 1994 08:49:37Z", 1994, 11, 6, 8, 49, 37));

    CHECK(unreadable(""));
    CHECK(unreadable("tomorrow"));
    CHECK(unreadable("1994-11-06T08:49:37Z")); /* no month name */
    CHECK(unreadable("06 Nov 1994"));          /* no time */
    CHECK(unreadable("Nov 1994 08:49:37"));    /* no day of the month */
    CHECK(unreadable("32 Nov 1994 08:49:37"));
    CHECK(unreadable("0 Nov 1994 08:49:37"));
    CHECK(unreadable("06 Nov 1994 24:00:00"));
    CHECK(unreadable("06 Nov 1994 08:60:00"));
    CHECK(unreadable("06 Nov 1994 08:49:60"));
    CHECK(unreadable("06 Nov 1600 08:49:37"));
    CHECK(unreadable("06 Nov 19940 08:49:37"));
    CHECK(unreadable("31 Nov 1994 08:49:37"));
    CHECK(unreadable("29 Feb 2023 08:49:37"));
    CHECK(unreadable("29 Feb 1900 08:49:37"));
    CHECK(!unreadable("29 Feb 2000 08:49:37"));
    CHECK(unreadable("06 Nov 1994 123:49:37"));
}

static void the_sane_form_is_told_apart(void)
{
    struct cookie_date d;

    CHECK(cookie_date_form("Sun, 06 Nov 1994 08:49:37 GMT", 29, &d) ==
          COOKIE_DATE_FIXDATE);
    CHECK(d.year == 1994 && d.month == 11 && d.day == 6);
    CHECK(cookie_date_form("Thu, 01 Jan 1970 00:00:00 GMT", 29, NULL) ==
          COOKIE_DATE_FIXDATE);
    CHECK(cookie_date_form("Wed, 31 Dec 1969 23:59:59 GMT", 29, NULL) ==
          COOKIE_DATE_FIXDATE);
    CHECK(cookie_date_form("Mon, 06 Nov 1994 08:49:37 GMT", 29, NULL) ==
          COOKIE_DATE_WRONG_DAY);
    CHECK(cookie_date_form("Thu, 01-Jan-1970 00:00:01 GMT", 29, NULL) ==
          COOKIE_DATE_OTHER_FORM);
    CHECK(cookie_date_form("Sun, 6 Nov 1994 08:49:37 GMT", 28, NULL) ==
          COOKIE_DATE_OTHER_FORM);
    CHECK(cookie_date_form("Sun, 06 Nov 1994 08:49:37 UTC", 29, NULL) ==
          COOKIE_DATE_OTHER_FORM);
    CHECK(cookie_date_form("Sun  06 Nov 1994 08:49:37 GMT", 29, NULL) ==
          COOKIE_DATE_OTHER_FORM);
    CHECK(cookie_date_form("Xyz, 06 Nov 1994 08:49:37 GMT", 29, NULL) ==
          COOKIE_DATE_OTHER_FORM);
    CHECK(cookie_date_form("Sun, 06 Nov 1994 8:49:37  GMT", 29, NULL) ==
          COOKIE_DATE_OTHER_FORM);
    CHECK(cookie_date_form("Sun, 06 Nov 1994 08:49:37 GMT ", 30, NULL) ==
          COOKIE_DATE_OTHER_FORM);
    CHECK(cookie_date_form("Sun, 31 Nov 1994 08:49:37 GMT", 29, NULL) ==
          COOKIE_DATE_UNREADABLE);
    CHECK(cookie_date_form("", 0, NULL) == COOKIE_DATE_UNREADABLE);
}

static void weekdays_are_right(void)
{
    CHECK(cookie_date_weekday(1970, 1, 1) == 4);   /* Thursday */
    CHECK(cookie_date_weekday(1994, 11, 6) == 0);  /* Sunday */
    CHECK(cookie_date_weekday(2000, 2, 29) == 2);  /* Tuesday */
    CHECK(cookie_date_weekday(1601, 1, 1) == 1);   /* Monday */
    CHECK(cookie_date_weekday(9999, 12, 31) == 5); /* Friday */
}

/* ----------------------------------------------------------- bounds */

static const char *const samples[] = {
    "sid=31d4d96e407aad42; Path=/; Secure; HttpOnly; SameSite=Lax",
    "a=\"b\"; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Max-Age=0",
    "x; Domain=.example.com;;=; Foo=bar",
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "06-Nov-94 8:9:7",
};

/* Every prefix of every sample ends on the last readable byte before a
 * PROT_NONE page: a read past n faults, with or without ASan. */
static void nothing_reads_past_n(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *area = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    size_t i, len;

    CHECK(area != MAP_FAILED);
    if (area == MAP_FAILED)
        return;
    CHECK(mprotect(area + page, (size_t)page, PROT_NONE) == 0);
    for (i = 0; i < sizeof samples / sizeof samples[0]; i++)
        for (len = 0; len <= strlen(samples[i]); len++) {
            char *at = area + page - len;
            struct set_cookie sc;
            struct set_cookie_av av;
            struct cookie_date d;
            size_t pos;
            memcpy(at, samples[i], len);
            set_cookie_parse(at, len, &sc);
            CHECK(sc.pair_end <= len);
            CHECK(sc.value + sc.value_len <= at + len);
            pos = sc.pair_end;
            while (set_cookie_next_av(at, len, &pos, &av))
                CHECK(av.raw + av.raw_len <= at + len && pos <= len);
            CHECK(pos == len);
            (void)set_cookie_name_ok(at, len);
            CHECK(set_cookie_value_bad(at, len) <= len);
            (void)cookie_date_form(at, len, &d);
        }
    munmap(area, (size_t)page * 2);
}

void test_set_cookie(void)
{
    run("the pair is read as browsers read it, WSP trimmed",
        the_pair_is_read_as_browsers_read_it);
    run("attributes are read in order, each with its kind",
        attributes_are_read_in_order_with_their_kind);
    run("an attribute's raw text is all between its semicolons",
        the_raw_attribute_is_all_between_semicolons);
    run("each known kind has its name, and the name its kind",
        kinds_have_names);
    run("cookie names are tokens, values cookie-octets, bare or quoted",
        names_are_tokens_and_values_cookie_octets);
    run("the cookie-date algorithm reads what browsers read, and no more",
        browsers_read_many_date_forms);
    run("the sane-cookie-date form is told from the others",
        the_sane_form_is_told_apart);
    run("weekdays follow the Gregorian calendar", weekdays_are_right);
    run("nothing reads past n, even against a guard page",
        nothing_reads_past_n);
}
