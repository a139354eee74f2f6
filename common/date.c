/* date.c: HTTP dates, as date.h describes them. */
#include <string.h>

#include "date.h"

/* An IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (29 bytes). */
static void two_digits(char *out, long long v)
{
    out[0] = (char)('0' + v / 10);
    out[1] = (char)('0' + v % 10);
}

void http_date(long long t, char *out, size_t size)
{
    static const char wday[] = "ThuFriSatSunMonTueWed"; /* from 1970-01-01 */
    static const char month[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    long long days, secs, z, era, doe, yoe, doy, mp, d, m, y;

    if (t < 0)
        t = 0;
    if (t > 253402300799LL) /* 9999-12-31 23:59:59 */
        t = 253402300799LL;
    days = t / 86400;
    secs = t % 86400;
    /* Howard Hinnant's civil_from_days. */
    z = days + 719468;
    era = z / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
    /* "Sun, 06 Nov 1994 08:49:37 GMT", written by hand: this runs for
     * every response. */
    if (size < HTTP_DATE_SIZE)
        return;
    memcpy(out, wday + 3 * (days % 7), 3);
    memcpy(out + 3, ", ", 2);
    two_digits(out + 5, d);
    out[7] = ' ';
    memcpy(out + 8, month + 3 * (m - 1), 3);
    out[11] = ' ';
    two_digits(out + 12, y / 100);
    two_digits(out + 14, y % 100);
    out[16] = ' ';
    two_digits(out + 17, secs / 3600);
    out[19] = ':';
    two_digits(out + 20, secs / 60 % 60);
    out[22] = ':';
    two_digits(out + 23, secs % 60);
    memcpy(out + 25, " GMT", 5);
}

long long days_from_civil(long long y, long long m, long long d)
{
    long long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *p, size_t n, long long *out)
{
    long long v = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 0;
}

long long http_date_parse(const char *p, size_t n)
{
    static const char month[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    static const char mdays[] = {31, 29, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    char check[HTTP_DATE_SIZE];
    long long d, m, y, hh, mm, ss, t;

    /* "Sun, 06 Nov 1994 08:49:37 GMT" */
    if (p == NULL || n != HTTP_DATE_SIZE - 1 || p[3] != ',' || p[4] != ' ' ||
        p[7] != ' ' || p[11] != ' ' || p[16] != ' ' || p[19] != ':' ||
        p[22] != ':' || memcmp(p + 25, " GMT", 4) != 0)
        return -1;
    for (m = 0; m < 12; m++)
        if (memcmp(p + 8, month + 3 * m, 3) == 0)
            break;
    if (m == 12 || digits(p + 5, 2, &d) || digits(p + 12, 4, &y) ||
        digits(p + 17, 2, &hh) || digits(p + 20, 2, &mm) ||
        digits(p + 23, 2, &ss))
        return -1;
    if (y < 1970 || d < 1 || d > mdays[m] || hh > 23 || mm > 59 || ss > 60)
        return -1;
    if (ss == 60)
        ss = 59; /* a leap second: the instant before the next minute */
    t = days_from_civil(y, m + 1, d) * 86400 + hh * 3600 + mm * 60 + ss;
    /* The day name must be the date's, and the 29th of February real. */
    http_date(t, check, sizeof check);
    if (memcmp(check, p, 3) != 0 || memcmp(check + 5, p + 5, 2) != 0)
        return -1;
    return t;
}
