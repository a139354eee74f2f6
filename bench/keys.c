/* keys.c: see keys.h. */
#include "keys.h"

#include <string.h>

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* ASCII-only strcasecmp() == 0, independent of the locale. */
static int same_ignoring_case(const char *a, const char *b)
{
    for (; *a && lower((unsigned char)*a) == lower((unsigned char)*b);
         a++, b++)
        ;
    return *a == '\0' && *b == '\0';
}

static size_t add(struct bench_key *keys, size_t n, size_t max,
                  const char *text, const struct httpstatus_info *info)
{
    size_t i;

    if (text == NULL || *text == '\0' || n == max)
        return n;
    for (i = 0; i < n; i++)
        if (same_ignoring_case(keys[i].text, text))
            return n;
    keys[n].text = text;
    keys[n].len = strlen(text);
    keys[n].info = info;
    return n + 1;
}

static size_t add_entries(struct bench_key *keys, size_t n, size_t max,
                          const struct httpstatus_info *list, size_t count)
{
    size_t i, k;

    for (i = 0; i < count; i++) {
        n = add(keys, n, max, list[i].name, &list[i]);
        n = add(keys, n, max, list[i].reason, &list[i]);
        for (k = 0; list[i].aliases[k]; k++)
            n = add(keys, n, max, list[i].aliases[k], &list[i]);
    }
    return n;
}

size_t bench_keys(struct bench_key *keys, size_t max)
{
    size_t count, n = 0;
    const struct httpstatus_info *list;

    list = httpstatus_list(&count);
    n = add_entries(keys, n, max, list, count);
    list = httpstatus_unofficial(&count);
    n = add_entries(keys, n, max, list, count);
    return n;
}
