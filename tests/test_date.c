/* test_date.c: HTTP dates (common/date.c), written and read. */
#include <string.h>

#include "date.h"
#include "harness.h"

static void dates_are_written_as_imf_fixdates(void)
{
    static const struct {
        long long t;
        const char *text;
    } cases[] = {
        {0, "Thu, 01 Jan 1970 00:00:00 GMT"},
        {784111777, "Sun, 06 Nov 1994 08:49:37 GMT"},
        {951782400, "Tue, 29 Feb 2000 00:00:00 GMT"},
        {4107542399LL, "Sun, 28 Feb 2100 23:59:59 GMT"},
        {253402300799LL, "Fri, 31 Dec 9999 23:59:59 GMT"},
    };
    char out[HTTP_DATE_SIZE];
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        http_date(cases[k].t, out, sizeof out);
        CHECK(strcmp(out, cases[k].text) == 0);
        CHECK(http_date_parse(out, strlen(out)) == cases[k].t);
    }
    /* Out of range: clamped. */
    http_date(-5, out, sizeof out);
    CHECK(strcmp(out, "Thu, 01 Jan 1970 00:00:00 GMT") == 0);
    http_date(253402300800LL * 2, out, sizeof out);
    CHECK(strcmp(out, "Fri, 31 Dec 9999 23:59:59 GMT") == 0);
    /* Too small a buffer: nothing written. */
    memcpy(out, "unchanged", 10);
    http_date(0, out, 10);
    CHECK(strcmp(out, "unchanged") == 0);
}

static void only_real_imf_fixdates_are_read(void)
{
    static const char *const bad[] = {
        "",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sunday, 06-Nov-94 08:49:37 GMT", /* RFC 850 */
        "Sun Nov  6 08:49:37 1994",       /* asctime */
        "Mon, 06 Nov 1994 08:49:37 GMT",  /* the wrong day name */
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Thu, 29 Feb 2001 00:00:00 GMT", /* no such day */
        "Wed, 31 Dec 1969 23:59:59 GMT", /* before 1970 */
        "Sun, 06 Nov 1994 08:49:37 GMT ",
        "Sun, 06 Nov 1994 08:4x:37 GMT",
    };
    size_t k;

    for (k = 0; k < sizeof bad / sizeof bad[0]; k++)
        CHECK(http_date_parse(bad[k], strlen(bad[k])) == -1);
    CHECK(http_date_parse(NULL, 0) == -1);
    /* A leap second reads as the second before. */
    CHECK(http_date_parse("Sat, 31 Dec 2016 23:59:60 GMT", 29) ==
          http_date_parse("Sat, 31 Dec 2016 23:59:59 GMT", 29));
}

void test_date(void)
{
    run("dates are written as IMF-fixdates, and read back",
        dates_are_written_as_imf_fixdates);
    run("only real IMF-fixdates are read", only_real_imf_fixdates_are_read);
}
