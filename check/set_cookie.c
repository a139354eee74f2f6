/* set_cookie.c: one Set-Cookie field value, read as a browser reads it
 * (set_cookie.h says what each function does). */
#include "set_cookie.h"

#include "ascii.h"
#include "date.h"

/* WSP: SP and HTAB, which the user agent's algorithm trims. */
static void trim(const char **p, size_t *n)
{
    while (*n > 0 && is_ows((unsigned char)(*p)[0])) {
        (*p)++;
        (*n)--;
    }
    while (*n > 0 && is_ows((unsigned char)(*p)[*n - 1]))
        (*n)--;
}

/* The index of the first c in p[from..to), or to. */
static size_t find(const char *p, size_t from, size_t to, char c)
{
    while (from < to && p[from] != c)
        from++;
    return from;
}

void set_cookie_parse(const char *p, size_t n, struct set_cookie *out)
{
    size_t end = find(p, 0, n, ';'), eq = find(p, 0, end, '=');

    out->pair_end = end;
    out->has_equals = eq < end;
    if (eq < end) {
        out->name = p;
        out->name_len = eq;
        out->value = p + eq + 1;
        out->value_len = end - eq - 1;
        trim(&out->name, &out->name_len);
    } else {
        out->name = p;
        out->name_len = 0;
        out->value = p;
        out->value_len = end;
    }
    trim(&out->value, &out->value_len);
}

static const char *const kind_names[] = {
    "Expires",  "Max-Age",  "Domain",      "Path",     "Secure",
    "HttpOnly", "SameSite", "Partitioned", "Priority",
};

const char *set_cookie_kind_name(enum set_cookie_kind kind)
{
    if ((int)kind < 0 || (int)kind >= (int)SET_COOKIE_OTHER)
        return NULL;
    return kind_names[kind];
}

enum set_cookie_kind set_cookie_kind_of(const char *p, size_t n)
{
    int k;

    for (k = 0; k < (int)SET_COOKIE_OTHER; k++)
        if (eq_nocase(p, n, kind_names[k]))
            return (enum set_cookie_kind)k;
    return SET_COOKIE_OTHER;
}

int set_cookie_next_av(const char *p, size_t n, size_t *pos,
                       struct set_cookie_av *av)
{
    size_t start = *pos, end, eq;

    /* Each attribute starts after a ';'. */
    if (start >= n || p[start] != ';') {
        *pos = n;
        return 0;
    }
    start++;
    end = find(p, start, n, ';');
    eq = find(p, start, end, '=');
    av->raw = p + start;
    av->raw_len = end - start;
    av->has_equals = eq < end;
    av->name = p + start;
    av->name_len = eq - start;
    if (eq < end) {
        av->value = p + eq + 1;
        av->value_len = end - eq - 1;
    } else {
        av->value = p + end;
        av->value_len = 0;
    }
    trim(&av->name, &av->name_len);
    trim(&av->value, &av->value_len);
    av->kind = set_cookie_kind_of(av->name, av->name_len);
    *pos = end;
    return 1;
}

/* ------------------------------------------------- the server's grammar */

int set_cookie_name_ok(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_tchar((unsigned char)p[i]))
            return 0;
    return n > 0;
}

/* cookie-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
static int is_cookie_octet(unsigned char ch)
{
    return ch >= 0x21 && ch <= 0x7e && ch != '"' && ch != ',' && ch != ';' &&
           ch != '\\';
}

size_t set_cookie_value_bad(const char *p, size_t n)
{
    size_t i, from = 0, to = n;

    if (n > 0 && p[0] == '"') {
        if (n < 2 || p[n - 1] != '"')
            return 0;
        from = 1;
        to = n - 1;
    }
    for (i = from; i < to; i++)
        if (!is_cookie_octet((unsigned char)p[i]))
            return i;
    return n;
}

/* ------------------------------------------------------------ dates */

/* delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E */
static int is_delimiter(unsigned char ch)
{
    return ch == 0x09 || (ch >= 0x20 && ch <= 0x2f) ||
           (ch >= 0x3b && ch <= 0x40) || (ch >= 0x5b && ch <= 0x60) ||
           (ch >= 0x7b && ch <= 0x7e);
}

/* Reads 1 to max digits at p[*i..n) into *out; 0 when there are fewer
 * than min. */
static int digits(const char *p, size_t n, size_t *i, int min, int max,
                  int *out)
{
    int count = 0;

    *out = 0;
    while (*i < n && count < max && is_digit((unsigned char)p[*i])) {
        *out = *out * 10 + (p[*i] - '0');
        (*i)++;
        count++;
    }
    return count >= min;
}

/* After the digits of a day-of-month, year or time: the token ends, or
 * a non-digit follows. */
static int digits_end(const char *p, size_t n, size_t i)
{
    return i >= n || !is_digit((unsigned char)p[i]);
}

/* time = hms-time [ non-digit *OCTET ] */
static int date_time(const char *p, size_t n, int *h, int *m, int *s)
{
    size_t i = 0;

    return digits(p, n, &i, 1, 2, h) && i < n && p[i++] == ':' &&
           digits(p, n, &i, 1, 2, m) && i < n && p[i++] == ':' &&
           digits(p, n, &i, 1, 2, s) && digits_end(p, n, i);
}

static const char months[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};

/* month = ( "jan" / ... / "dec" ) *OCTET: 1..12, or 0. */
static int date_month(const char *p, size_t n)
{
    int k;

    if (n < 3)
        return 0;
    for (k = 0; k < 12; k++)
        if (same_nocase(p, months[k], 3))
            return k + 1;
    return 0;
}

static int leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int month_days(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};

    return month == 2 && leap(year) ? 29 : days[month - 1];
}

/* day-of-month = 1*2DIGIT [ non-digit *OCTET ], and
 * year = 2*4DIGIT [ non-digit *OCTET ]. */
static int date_number(const char *p, size_t n, int min, int max, int *out)
{
    size_t i = 0;

    return digits(p, n, &i, min, max, out) && digits_end(p, n, i);
}

int cookie_date_parse(const char *p, size_t n, struct cookie_date *out)
{
    int found_time = 0, found_day = 0, found_month = 0, found_year = 0;
    int hour = 0, minute = 0, second = 0, day = 0, month = 0, year = 0;
    size_t i = 0;

    /* Each date token counts for the first of time, day of the month,
     * month and year that it matches and that is still missing. */
    while (i < n) {
        const char *t;
        size_t len;

        while (i < n && is_delimiter((unsigned char)p[i]))
            i++;
        t = p + i;
        while (i < n && !is_delimiter((unsigned char)p[i]))
            i++;
        len = (size_t)(p + i - t);
        if (len == 0)
            break;
        if (!found_time && date_time(t, len, &hour, &minute, &second))
            found_time = 1;
        else if (!found_day && date_number(t, len, 1, 2, &day))
            found_day = 1;
        else if (!found_month && (month = date_month(t, len)) != 0)
            found_month = 1;
        else if (!found_year && date_number(t, len, 2, 4, &year))
            found_year = 1;
    }
    if (year >= 70 && year <= 99)
        year += 1900;
    else if (year >= 0 && year <= 69)
        year += 2000;
    if (!found_time || !found_day || !found_month || !found_year || day < 1 ||
        day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59 ||
        day > month_days(year, month))
        return 0;
    if (out != NULL) {
        out->year = year;
        out->month = month;
        out->day = day;
        out->hour = hour;
        out->minute = minute;
        out->second = second;
    }
    return 1;
}

int cookie_date_weekday(int year, int month, int day)
{
    /* 1970-01-01 was a Thursday (4). */
    long long w = (days_from_civil(year, month, day) + 4) % 7;

    return (int)(w < 0 ? w + 7 : w);
}

static const char day_names[7][4] = {"Sun", "Mon", "Tue", "Wed",
                                     "Thu", "Fri", "Sat"};

/* Exactly 2 digits (4 for the year) at p[i..): their value, or -1. */
static int fixed_digits(const char *p, size_t i, int count)
{
    int v = 0, k;

    for (k = 0; k < count; k++) {
        if (!is_digit((unsigned char)p[i + (size_t)k]))
            return -1;
        v = v * 10 + (p[i + (size_t)k] - '0');
    }
    return v;
}

enum cookie_date_form cookie_date_form(const char *p, size_t n,
                                       struct cookie_date *out)
{
    /* "Sun, 06 Nov 1994 08:49:37 GMT": the fixed places of its parts. */
    static const char shape[] = "ddd, DD mmm YYYY HH:MM:SS GMT";
    struct cookie_date d;
    int wday = -1, k, month;

    if (!cookie_date_parse(p, n, &d))
        return COOKIE_DATE_UNREADABLE;
    if (out != NULL)
        *out = d;
    if (n != sizeof shape - 1)
        return COOKIE_DATE_OTHER_FORM;
    for (k = 0; k < 7; k++)
        if (same_nocase(p, day_names[k], 3))
            wday = k;
    month = date_month(p + 8, 3);
    if (wday < 0 || p[3] != ',' || p[4] != ' ' || p[7] != ' ' ||
        p[11] != ' ' || p[16] != ' ' || p[19] != ':' || p[22] != ':' ||
        p[25] != ' ' || !same_nocase(p + 26, "GMT", 3) ||
        fixed_digits(p, 5, 2) != d.day || month != d.month ||
        fixed_digits(p, 12, 4) != d.year || fixed_digits(p, 17, 2) < 0 ||
        fixed_digits(p, 20, 2) < 0 || fixed_digits(p, 23, 2) < 0)
        return COOKIE_DATE_OTHER_FORM;
    return wday == cookie_date_weekday(d.year, d.month, d.day)
               ? COOKIE_DATE_FIXDATE
               : COOKIE_DATE_WRONG_DAY;
}
