/* cache_control.c: the Cache-Control reader (RFC 9111, Section 5.2).
 *
 * The list is read one slot at a time, a slot being what lies between
 * two commas (or an end of the value): *pos is the start of the next
 * slot, or past n once the last slot has been read. Keeping slots apart
 * from elements is what lets a comma too many be told from the comma
 * that separates two directives. */
#include "cache_control.h"

#include "ascii.h"

#define DELTA_MAX 2147483648ull /* RFC 9111, Section 1.2.2 */

/* qdtext (RFC 9110, Section 5.6.4): HTAB, SP, '!', '#'..'[', ']'..'~',
 * obs-text. */
static int is_qdtext(unsigned char ch)
{
    return ch == '\t' || ch == ' ' || ch == 0x21 ||
           (ch >= 0x23 && ch <= 0x5b) || (ch >= 0x5d && ch <= 0x7e) ||
           ch >= 0x80;
}

/* What may follow a backslash in a quoted-pair: HTAB, SP, VCHAR,
 * obs-text. */
static int is_pair_char(unsigned char ch)
{
    return ch == '\t' || ch == ' ' || (ch >= 0x21 && ch != 0x7f);
}

/* The index of the first comma at or after i that is not inside a
 * quoted-string, or n. */
static size_t next_comma(const char *p, size_t n, size_t i)
{
    int quoted = 0;

    for (; i < n; i++) {
        if (quoted && p[i] == '\\')
            i++; /* the loop's i++ may now pass n: the test stops it */
        else if (p[i] == '"')
            quoted = !quoted;
        else if (!quoted && p[i] == ',')
            return i;
    }
    return n;
}

/* An invalid element from start: it runs to the next comma outside a
 * quoted-string. */
static int invalid(const char *p, size_t n, size_t *pos, size_t start,
                   enum cc_error error, struct cc_item *item)
{
    size_t end = next_comma(p, n, start), last = end;

    while (last > start && is_ows((unsigned char)p[last - 1]))
        last--;
    item->text = p + start;
    item->len = last - start;
    item->offset = start;
    item->error = error;
    item->name = NULL;
    item->name_len = 0;
    item->arg = NULL;
    item->arg_len = 0;
    item->quoted = 0;
    *pos = end < n ? end + 1 : n + 1;
    return 1;
}

int cc_next(const char *p, size_t n, size_t *pos, struct cc_item *item)
{
    size_t i, j, k, end;

    item->text = NULL;
    item->len = 0;
    item->offset = 0;
    item->error = CC_OK;
    item->name = NULL;
    item->name_len = 0;
    item->arg = NULL;
    item->arg_len = 0;
    item->quoted = 0;
    if (*pos > n)
        return 0;
    i = skip_ows(p, n, *pos);
    if (i >= n) {
        size_t before = *pos; /* just past the last comma, if any */
        if (before > 0)
            before--;
        while (before > 0 && is_ows((unsigned char)p[before - 1]))
            before--;
        /* An empty value has no elements at all; and when the slot
         * before the last comma was empty too, that comma has been
         * reported with it. */
        if (*pos == 0 || before == 0 || p[before - 1] == ',') {
            *pos = n + 1;
            return 0;
        }
        /* The slot after the last comma is empty: that comma is one
         * too many. */
        item->text = p + *pos - 1;
        item->len = 1;
        item->offset = *pos - 1;
        item->error = CC_EMPTY;
        *pos = n + 1;
        return 1;
    }
    if (p[i] == ',') {
        item->text = p + i;
        item->len = 1;
        item->offset = i;
        item->error = CC_EMPTY;
        *pos = i + 1;
        return 1;
    }

    /* token */
    for (j = i; j < n && is_tchar((unsigned char)p[j]);)
        j++;
    if (j == i)
        return invalid(p, n, pos, i, CC_NAME, item);
    item->name = p + i;
    item->name_len = j - i;
    end = j;

    /* [ "=" ( token / quoted-string ) ] */
    k = skip_ows(p, n, j);
    if (k < n && p[k] == '=') {
        size_t a;
        if (k != j || (k + 1 < n && is_ows((unsigned char)p[k + 1])))
            return invalid(p, n, pos, i, CC_SPACE_AROUND_EQUALS, item);
        a = ++k;
        if (k >= n || p[k] == ',')
            return invalid(p, n, pos, i, CC_NO_ARGUMENT, item);
        if (p[k] == '"') {
            int closed = 0;
            for (k++; k < n; k++) {
                unsigned char ch = (unsigned char)p[k];
                if (ch == '"') {
                    closed = 1;
                    k++;
                    break;
                }
                if (ch == '\\') {
                    if (k + 1 >= n)
                        break;
                    if (!is_pair_char((unsigned char)p[k + 1]))
                        return invalid(p, n, pos, i, CC_BAD_ARGUMENT, item);
                    k++;
                } else if (!is_qdtext(ch)) {
                    return invalid(p, n, pos, i, CC_BAD_ARGUMENT, item);
                }
            }
            if (!closed)
                return invalid(p, n, pos, i, CC_UNTERMINATED, item);
            item->quoted = 1;
        } else {
            while (k < n && is_tchar((unsigned char)p[k]))
                k++;
            if (k == a)
                return invalid(p, n, pos, i, CC_BAD_ARGUMENT, item);
        }
        item->arg = p + a;
        item->arg_len = k - a;
        end = k;
    }

    /* OWS, then a comma or the end */
    k = skip_ows(p, n, end);
    if (k < n && p[k] != ',')
        return invalid(p, n, pos, i, CC_TRAILING, item);
    item->text = p + i;
    item->len = end - i;
    item->offset = i;
    *pos = k < n ? k + 1 : n + 1;
    return 1;
}

void cc_arg_content(const struct cc_item *item, const char **p, size_t *n)
{
    if (item->arg == NULL) {
        *p = NULL;
        *n = 0;
    } else if (item->quoted && item->arg_len >= 2) {
        *p = item->arg + 1;
        *n = item->arg_len - 2;
    } else {
        *p = item->arg;
        *n = item->arg_len;
    }
}

int cc_delta_seconds(const char *p, size_t n, unsigned long long *out)
{
    unsigned long long v = 0;
    size_t i;

    *out = 0;
    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        if (!is_digit((unsigned char)p[i]))
            return 0;
        if (v < DELTA_MAX)
            v = v * 10 + (unsigned)(p[i] - '0');
    }
    *out = v > DELTA_MAX ? DELTA_MAX : v;
    return 1;
}

int cc_field_names(const char *p, size_t n)
{
    size_t i = 0, names = 0;

    while (i < n) {
        size_t a = skip_ows(p, n, i), b = a;
        while (b < n && is_tchar((unsigned char)p[b]))
            b++;
        if (b > a)
            names++;
        i = skip_ows(p, n, b);
        if (i < n && p[i] != ',')
            return 0;
        i++;
    }
    return names > 0;
}
