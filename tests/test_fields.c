/* test_fields.c: the pure grammar checks behind check's field syntax
 * rules (check/grammar.c): tokens, quoted strings, delay-seconds, the
 * three HTTP-date forms, URI references, media types, entity tags and
 * language tags; then every prefix of every case against a guard page. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS on glibc */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "grammar.h"
#include "harness.h"

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

#define NOV_1994 784111777LL /* Sun, 06 Nov 1994 08:49:37 GMT */

/* ------------------------------------------------------ basic rules */

static void tokens_and_quoted_strings(void)
{
    CHECK(grammar_token("gzip", 4));
    CHECK(grammar_token("!#$%&'*+-.^_`|~09AZaz", 21));
    CHECK(!grammar_token("", 0));
    CHECK(!grammar_token(NULL, 0));
    CHECK(!grammar_token("a b", 3));
    CHECK(!grammar_token("a,b", 3));
    CHECK(!grammar_token("a\0b", 3));
    CHECK(!grammar_token("\xc3\xa9", 2));

    CHECK(grammar_quoted_string("\"\"", 2) == 2);
    CHECK(grammar_quoted_string("\"a b\"; x", 8) == 5);
    CHECK(grammar_quoted_string("\"a\\\"b\"", 6) == 6);
    CHECK(grammar_quoted_string("\"\xe9\"", 3) == 3);
    CHECK(grammar_quoted_string("\"a", 2) == 0);
    CHECK(grammar_quoted_string("\"a\\\"", 4) == 0);
    CHECK(grammar_quoted_string("\"a\\", 3) == 0);
    CHECK(grammar_quoted_string("\"a\x01\"", 4) == 0);
    CHECK(grammar_quoted_string("\"a\\\x7f\"", 5) == 0);
    CHECK(grammar_quoted_string("a\"", 2) == 0);
    CHECK(grammar_quoted_string(NULL, 0) == 0);

    CHECK(grammar_delay_seconds("0", 1));
    CHECK(grammar_delay_seconds("99999999999999999999999", 23));
    CHECK(!grammar_delay_seconds("", 0));
    CHECK(!grammar_delay_seconds("-1", 2));
    CHECK(!grammar_delay_seconds("1.5", 3));
    CHECK(!grammar_delay_seconds("+1", 2));
    CHECK(!grammar_delay_seconds(" 1", 2));
}

/* -------------------------------------------------------------- dates */

static struct grammar_date date_of(const char *s)
{
    struct grammar_date d;

    grammar_http_date(s, strlen(s), &d);
    return d;
}

static void the_three_date_forms_are_read(void)
{
    struct grammar_date d;

    d = date_of("Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK(d.form == GRAMMAR_DATE_IMF_FIXDATE && d.t == NOV_1994 &&
          d.weekday_ok && d.why == NULL);
    d = date_of("Sunday, 06-Nov-94 08:49:37 GMT");
    CHECK(d.form == GRAMMAR_DATE_RFC850 && d.t == NOV_1994 && d.weekday_ok);
    d = date_of("Sun Nov  6 08:49:37 1994");
    CHECK(d.form == GRAMMAR_DATE_ASCTIME && d.t == NOV_1994 && d.weekday_ok);
    d = date_of("Sun Nov 16 08:49:37 1994");
    CHECK(d.form == GRAMMAR_DATE_ASCTIME && !d.weekday_ok);
    d = date_of("Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK(d.form == GRAMMAR_DATE_IMF_FIXDATE && d.t == 0 && d.weekday_ok);
    d = date_of("Wed, 31 Dec 1969 23:59:59 GMT");
    CHECK(d.form == GRAMMAR_DATE_IMF_FIXDATE && d.t == -1 && d.weekday_ok);
    d = date_of("Fri, 31 Dec 9999 23:59:59 GMT");
    CHECK(d.form == GRAMMAR_DATE_IMF_FIXDATE && d.t == 253402300799LL &&
          d.weekday_ok);
    /* Leap years and leap seconds. */
    CHECK(date_of("Tue, 29 Feb 2000 00:00:00 GMT").weekday_ok);
    CHECK(date_of("Fri, 29 Feb 2008 12:00:00 GMT").form ==
          GRAMMAR_DATE_IMF_FIXDATE);
    CHECK(date_of("Sat, 31 Dec 2016 23:59:60 GMT").form ==
          GRAMMAR_DATE_IMF_FIXDATE);
    d = date_of("Mon, 29 Feb 1900 00:00:00 GMT");
    CHECK(d.form == GRAMMAR_DATE_INVALID && d.impossible);
    d = date_of("Sun, 31 Apr 1994 00:00:00 GMT");
    CHECK(d.form == GRAMMAR_DATE_INVALID && d.impossible);
    CHECK(date_of("Sun, 06 Nov 1994 24:00:00 GMT").impossible);
    CHECK(date_of("Sun, 06 Nov 1994 08:60:00 GMT").impossible);
    CHECK(date_of("Sun, 06 Nov 1994 08:49:61 GMT").impossible);
    CHECK(date_of("Sun, 00 Nov 1994 08:49:37 GMT").impossible);
    /* The wrong day name. */
    d = date_of("Mon, 06 Nov 1994 08:49:37 GMT");
    CHECK(d.form == GRAMMAR_DATE_IMF_FIXDATE && !d.weekday_ok &&
          d.t == NOV_1994);
    /* rfc850's two-digit year: the century whose weekday fits. */
    d = date_of("Monday, 06-Nov-00 00:00:00 GMT");
    CHECK(d.form == GRAMMAR_DATE_RFC850 && d.weekday_ok && d.t == 973468800LL);
    d = date_of("Tuesday, 06-Nov-00 00:00:00 GMT");
    CHECK(d.form == GRAMMAR_DATE_RFC850 && d.weekday_ok &&
          d.t == -2182291200LL);
    d = date_of("Sunday, 06-Nov-00 00:00:00 GMT");
    CHECK(d.form == GRAMMAR_DATE_RFC850 && !d.weekday_ok);
}

static int invalid_because(const char *s, const char *why_part)
{
    struct grammar_date d = date_of(s);

    return d.form == GRAMMAR_DATE_INVALID && d.why != NULL &&
           strstr(d.why, why_part) != NULL;
}

static void dates_that_are_not_http_dates(void)
{
    struct grammar_date d;

    CHECK(invalid_because("", "empty"));
    CHECK(invalid_because("0", "number"));
    CHECK(invalid_because("-1", "number"));
    CHECK(invalid_because("784111777", "number"));
    CHECK(invalid_because("-", "any of"));
    CHECK(invalid_because("1994-11-06T08:49:37Z", "ISO 8601"));
    CHECK(invalid_because("Sun, 6 Nov 1994 08:49:37 GMT", "two digits"));
    CHECK(invalid_because("Sun, 06 Nov 94 08:49:37 GMT", "four digits"));
    CHECK(invalid_because("Sun, 06 Nov 1994 08:49:37 UTC", "time zone"));
    CHECK(invalid_because("Sun, 06 Nov 1994 08:49:37 +0000", "time zone"));
    CHECK(invalid_because("Sun, 06 Nov 1994 08:49:37", "time zone"));
    CHECK(invalid_because("Sun, 06 Nov 1994 08:49:37 GMT ", "after"));
    CHECK(invalid_because("Sun, 06 Nov 1994 8:49:37 GMT", "HH:MM:SS"));
    CHECK(invalid_because("Sun, 06 Nov 1994  08:49:37 GMT", "HH:MM:SS"));
    CHECK(invalid_because("Sun,  06 Nov 1994 08:49:37 GMT", "two digits"));
    CHECK(invalid_because("sun, 06 Nov 1994 08:49:37 GMT", "case"));
    CHECK(invalid_because("Sun, 06 NOV 1994 08:49:37 GMT", "case"));
    CHECK(invalid_because("Sun, 06 Nov 1994 08:49:37 gmt", "time zone"));
    CHECK(invalid_because("Xyz, 06 Nov 1994 08:49:37 GMT", "any of"));
    CHECK(invalid_because("soon", "any of"));
    CHECK(invalid_because("Sun,06 Nov 1994 08:49:37 GMT", "\", \""));
    CHECK(invalid_because("Sun, 06 Foo 1994 08:49:37 GMT", "month"));
    CHECK(invalid_because("Sunday, 06-Nov-1994 08:49:37 GMT", "two digits"));
    CHECK(invalid_because("Sunday, 06 Nov 94 08:49:37 GMT", "\"-\""));
    CHECK(invalid_because("Sun Nov 6 08:49:37 1994", "one digit"));
    CHECK(invalid_because("Sun Nov  6 08:49:37 94", "four digits"));
    CHECK(invalid_because("Sun Nov  6 08:49:37 1994 GMT", "after"));
    /* Where: the offset of the first byte that does not fit. */
    d = date_of("Sun, 06 Nov 1994 08:49:37 UTC");
    CHECK(d.at == 25);
    d = date_of("Sun, 6 Nov 1994 08:49:37 GMT");
    CHECK(d.at == 5);
}

/* --------------------------------------------------------------- URIs */

static const char *uri(const char *s)
{
    size_t at;

    return grammar_uri_reference(s, strlen(s), 0, &at);
}

static size_t uri_at(const char *s)
{
    size_t at = 999;

    CHECK(grammar_uri_reference(s, strlen(s), 0, &at) != NULL);
    return at;
}

static void uri_references_are_read(void)
{
    static const char *const good[] = {
        "",
        "/",
        "/a/b/c",
        "a/b",
        "./a:b",
        "../up/../there?",
        "?q=1",
        "#frag",
        "//example.com",
        "//cdn.example.com/x;y=1",
        "https://example.com",
        "https://example.com/a/b?c=d&e=%20f#top",
        "https://user:pass@example.com:8080/p",
        "https://example.com:/p",
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://[::1]:80/",
        "http://[2001:db8::7]:8080/?q",
        "http://[2001:db8:0:0:0:0:0:7]/",
        "http://[::ffff:192.0.2.1]/",
        "http://[fe80::1%25eth0]/",
        "http://[v7.fe80::a+en1]/",
        "mailto:user@example.com",
        "urn:isbn:0451450523",
        "tel:+1-816-555-1212",
        "a+b-c.d:x",
        "/a?b=/c?d#e/f?g",
        "/%7Euser/%E2%82%AC",
        "/!$&'()*+,;=:@-._~",
    };
    size_t k;

    for (k = 0; k < sizeof good / sizeof good[0]; k++)
        CHECK(uri(good[k]) == NULL);
    CHECK(grammar_uri_reference(NULL, 0, 0, &k) == NULL);
}

static void uri_references_that_are_not(void)
{
    CHECK(uri("/a b") && strcmp(uri("/a b"), "a space") == 0);
    CHECK(uri_at("/a b") == 2);
    CHECK(strstr(uri("/caf\xc3\xa9"), "outside ASCII") != NULL);
    CHECK(uri_at("/caf\xc3\xa9") == 4);
    CHECK(strstr(uri("/a\tb"), "whitespace") != NULL);
    CHECK(strstr(uri("/a\x01"), "control") != NULL);
    CHECK(strstr(uri("/100%"), "\"%\"") != NULL);
    CHECK(strstr(uri("/100%2"), "\"%\"") != NULL);
    CHECK(strstr(uri("/100%zz"), "\"%\"") != NULL);
    CHECK(strstr(uri("/a#b#c"), "second \"#\"") != NULL);
    CHECK(strstr(uri("/a[1]"), "square bracket") != NULL);
    CHECK(strstr(uri("/?x=[1]"), "square bracket") != NULL);
    CHECK(strstr(uri("http:\\\\host"), "percent-encoded") != NULL);
    CHECK(strstr(uri("/a\"b"), "percent-encoded") != NULL);
    CHECK(strstr(uri("/<a>"), "percent-encoded") != NULL);
    CHECK(strstr(uri("/a{b}"), "percent-encoded") != NULL);
    CHECK(strstr(uri("/a|b"), "percent-encoded") != NULL);
    CHECK(strstr(uri("/a^b"), "percent-encoded") != NULL);
    CHECK(strstr(uri("/a`b"), "percent-encoded") != NULL);
    CHECK(strstr(uri("1a:b"), "first segment") != NULL);
    CHECK(strstr(uri("a b:c"), "space") != NULL);
    CHECK(strstr(uri("http://exa mple.com/"), "space") != NULL);
    CHECK(strstr(uri("http://h:8x/"), "port") != NULL);
    CHECK(strstr(uri("http://h:-1/"), "port") != NULL);
    CHECK(strstr(uri("//a@b@c/"), "second \"@\"") != NULL);
    CHECK(strstr(uri("http://[::1/"), "without its") != NULL);
    CHECK(strstr(uri("http://[::1]x/"), "after the IP literal") != NULL);
    CHECK(strstr(uri("http://[1::2::3]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[12345::]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[1:2:3:4:5:6:7:8:9]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[1:2:3:4:5:6:7]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[::1.2.3.256]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[::01.2.3.4]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[1:]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[:1]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[fe80::1%eth0]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[fe80::1%25]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[v.x]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://[example.com]/"), "IPv6") != NULL);
    CHECK(strstr(uri("http://user name@h/"), "space") != NULL);
}

static void content_location_has_no_fragment(void)
{
    size_t at;
    const char *why;

    why = grammar_uri_reference("/doc#part", 9, GRAMMAR_URI_NO_FRAGMENT, &at);
    CHECK(why && strstr(why, "fragment") != NULL && at == 4);
    CHECK(grammar_uri_reference("/doc?x#", 7, GRAMMAR_URI_NO_FRAGMENT, &at) !=
          NULL);
    CHECK(grammar_uri_reference("https://a/doc?x", 15, GRAMMAR_URI_NO_FRAGMENT,
                                &at) == NULL);
}

/* -------------------------------------------------------- media types */

static const char *media(const char *s)
{
    size_t at;

    return grammar_media_type(s, strlen(s), &at);
}

static void media_types_are_read(void)
{
    size_t at;

    CHECK(media("text/html") == NULL);
    CHECK(media("text/html;charset=UTF-8") == NULL);
    CHECK(media("text/html; charset=utf-8") == NULL);
    CHECK(media("text/html ; charset=\"utf-8\"") == NULL);
    CHECK(media("multipart/form-data; boundary=\"a b;c\"") == NULL);
    CHECK(media("application/vnd.api+json") == NULL);
    CHECK(media("text/plain;") == NULL);
    CHECK(media("text/plain; ;; a=b;") == NULL);
    CHECK(media("text/plain; a=\"\\\"q\\\"\"") == NULL);
    CHECK(media("*/*") == NULL); /* tokens, whatever a sender means */

    CHECK(strstr(media(""), "empty") != NULL);
    CHECK(strstr(media("text"), "subtype") != NULL);
    CHECK(strstr(media("text/"), "subtype") != NULL);
    CHECK(strstr(media("/html"), "type") != NULL);
    CHECK(strstr(media("text /html"), "whitespace") != NULL);
    CHECK(strstr(media("text/html, text/plain"), "one media type") != NULL);
    CHECK(strstr(media("text/html charset=utf-8"), "\";\"") != NULL);
    CHECK(strstr(media("text/html; charset = utf-8"), "before") != NULL);
    CHECK(strstr(media("text/html; charset= utf-8"), "after") != NULL);
    CHECK(strstr(media("text/html; charset"), "without") != NULL);
    CHECK(strstr(media("text/html; charset="), "empty value") != NULL);
    CHECK(strstr(media("text/html; charset=\"utf-8"), "quoted") != NULL);
    CHECK(strstr(media("text/html; charset=utf 8"), "\";\"") != NULL);
    CHECK(strstr(media("text/html; charset=ut{f"), "\";\"") != NULL);
    CHECK(strstr(media("text/html; =utf-8"), "name") != NULL);
    CHECK(strstr(media("text/h\xe9ml"), "outside ASCII") != NULL);
    CHECK(grammar_media_type("text/html, a", 12, &at) != NULL && at == 9);
    CHECK(grammar_media_type(NULL, 0, &at) != NULL);
}

/* -------------------------------------------------------- entity tags */

static const char *etag(const char *s)
{
    size_t at;

    return grammar_entity_tag(s, strlen(s), &at);
}

static void entity_tags_are_read(void)
{
    CHECK(etag("\"abc\"") == NULL);
    CHECK(etag("W/\"abc\"") == NULL);
    CHECK(etag("\"\"") == NULL);
    CHECK(etag("W/\"\"") == NULL);
    CHECK(etag("\"a\\b!#~\"") == NULL);
    CHECK(etag("\"\xe9\"") == NULL);

    CHECK(strstr(etag(""), "empty") != NULL);
    CHECK(strstr(etag("abc"), "double quotes") != NULL);
    CHECK(strstr(etag("W/abc"), "double quotes") != NULL);
    CHECK(strstr(etag("w/\"abc\""), "upper case") != NULL);
    CHECK(strstr(etag("\"abc"), "closing") != NULL);
    CHECK(strstr(etag("\""), "closing") != NULL);
    CHECK(strstr(etag("\"a b\""), "space") != NULL);
    CHECK(strstr(etag("\"a\tb\""), "control") != NULL);
    CHECK(strstr(etag("\"a\x7f\""), "control") != NULL);
    CHECK(strstr(etag("\"a\", \"b\""), "after") != NULL);
    CHECK(strstr(etag("\"a\"x"), "after") != NULL);
}

/* ------------------------------------------------------ language tags */

static const char *tag(const char *s)
{
    size_t at;

    return grammar_language_tag(s, strlen(s), &at);
}

static void language_tags_are_well_formed(void)
{
    static const char *const good[] = {
        "en",
        "EN",
        "en-US",
        "de-CH-1996",
        "zh-Hant",
        "zh-Hant-TW",
        "es-419",
        "sl-rozaj-biske",
        "zh-yue-HK",
        "zh-min-nan",
        "ar-aao-abc-xyz",
        "art-lojban",
        "qaa-Qaaa-QM",
        "x-private",
        "X-a-b-c",
        "en-a-bbb-x-a-ccc",
        "en-u-ca-gregory-t-zh",
        "i-klingon",
        "I-DEFAULT",
        "en-GB-oed",
        "sgn-CH-DE",
        "abcde",
        "abcdefgh-US",
        "en-1994",
        "de-1996-a-bc",
        "en-Latn-US-valencia-x-y",
    };
    size_t k;

    for (k = 0; k < sizeof good / sizeof good[0]; k++)
        CHECK(tag(good[k]) == NULL);

    CHECK(strstr(tag(""), "empty") != NULL);
    CHECK(strstr(tag("en_US"), "underscore") != NULL);
    CHECK(strstr(tag("en US"), "whitespace") != NULL);
    CHECK(strstr(tag("*"), "letters, digits") != NULL);
    CHECK(strstr(tag("en-"), "empty") != NULL);
    CHECK(strstr(tag("-en"), "empty") != NULL);
    CHECK(strstr(tag("en--US"), "empty") != NULL);
    CHECK(strstr(tag("e"), "primary") != NULL);
    CHECK(strstr(tag("1a"), "primary") != NULL);
    CHECK(strstr(tag("abcdefghi"), "longer") != NULL);
    CHECK(strstr(tag("en-abcdefghi"), "longer") != NULL);
    CHECK(tag("english-usa") != NULL);        /* extlang after 7 letters */
    CHECK(tag("en-aaa-bbb-ccc-ddd") != NULL); /* four extlangs */
    CHECK(tag("en-US-Latn") != NULL);         /* script after region */
    CHECK(tag("en-US-GB") != NULL);           /* two regions */
    CHECK(tag("en-abc1") != NULL);            /* no subtag's shape */
    CHECK(strstr(tag("en-a"), "extension") != NULL);
    CHECK(strstr(tag("en-a-b-cc"), "extension") != NULL);
    CHECK(strstr(tag("en-x"), "private-use") != NULL);
    CHECK(strstr(tag("x"), "private-use") != NULL);
    CHECK(tag("en-a-b") != NULL); /* extension subtags are 2 to 8 */
    CHECK(tag("i-unknown") != NULL);
}

/* ------------------------------------------------- bounds, every prefix */

static const char *const inputs[] = {
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994",
    "https://user:pw@[fe80::1%25eth0]:8080/a%20b?c=[d]#e#f",
    "http://[v7.fe80::a+en1]/x",
    "//[::ffff:192.0.2.1]:",
    "multipart/form-data; boundary=\"a \\\" b\"; x=y",
    "W/\"abc\\\"",
    "en-Latn-US-valencia-a-bc-x-private",
    "i-klingon",
};

/* Places each prefix of each input so that its last byte is the last
 * readable one before a PROT_NONE page: a read past n faults. */
static void nothing_reads_past_n(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *area = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    size_t k, len, at;

    CHECK(area != MAP_FAILED);
    if (area == MAP_FAILED)
        return;
    CHECK(mprotect(area + page, (size_t)page, PROT_NONE) == 0);
    for (k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        size_t full = strlen(inputs[k]);
        for (len = 0; len <= full; len++) {
            char *p = area + page - len;
            struct grammar_date d;
            memcpy(p, inputs[k], len);
            grammar_http_date(p, len, &d);
            CHECK(d.form != GRAMMAR_DATE_INVALID || d.why != NULL);
            CHECK(d.form == GRAMMAR_DATE_INVALID || d.why == NULL);
            if (grammar_uri_reference(p, len, 0, &at))
                CHECK(at <= len);
            if (grammar_uri_reference(p, len, GRAMMAR_URI_NO_FRAGMENT, &at))
                CHECK(at <= len);
            if (grammar_media_type(p, len, &at))
                CHECK(at <= len);
            if (grammar_entity_tag(p, len, &at))
                CHECK(at <= len);
            if (grammar_language_tag(p, len, &at))
                CHECK(at <= len);
            CHECK(grammar_quoted_string(p, len) <= len);
            (void)grammar_token(p, len);
            (void)grammar_delay_seconds(p, len);
        }
    }
    munmap(area, (size_t)page * 2);
}

void test_fields(void)
{
    run("tokens, quoted strings and delay-seconds follow RFC 9110",
        tokens_and_quoted_strings);
    run("IMF-fixdate, rfc850-date and asctime-date are read, with their "
        "day names checked",
        the_three_date_forms_are_read);
    run("dates that are not HTTP dates say why, and where",
        dates_that_are_not_http_dates);
    run("URI references of every shape are accepted", uri_references_are_read);
    run("URI references with bytes a URI cannot hold are refused, saying "
        "why and where",
        uri_references_that_are_not);
    run("Content-Location's grammar has no fragment",
        content_location_has_no_fragment);
    run("media types with parameters are read, malformed ones refused",
        media_types_are_read);
    run("entity tags are quoted, with an upper-case W/", entity_tags_are_read);
    run("language tags follow RFC 5646's shapes and order",
        language_tags_are_well_formed);
    run("no grammar check reads past n, even against a guard page",
        nothing_reads_past_n);
}
