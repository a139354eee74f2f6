/*
 * sfv.c: libFuzzer target for the Structured Field Values parser
 * (check/sfv.c).
 *
 * Input: any bytes, in a buffer of exactly their size, parsed as a List,
 * a Dictionary and an Item. For each:
 *  - a failure gives an offset within the input and a reason that is
 *    printable ASCII; the same input fails the same way twice;
 *  - on success, every member, Inner List item and parameter the walkers
 *    give lies inside the input, in order, with a key of the key grammar,
 *    and values within their types' limits: Integers, Dates and Decimals
 *    (in thousandths) at most fifteen digits, Booleans 0 or 1, Tokens of
 *    token characters, Strings and Display Strings whose decoded length
 *    is their size (a Display String's bytes valid UTF-8), Byte Sequences
 *    whose decoded length is their size, an Inner List's item count its
 *    size;
 *  - the canonical serialisation is printable ASCII, parses as the same
 *    type, and serialises to itself;
 *  - a value that parses as an Item parses as a List of one member with
 *    the same canonical form;
 *  - a non-empty List or Dictionary sent twice, joined with ", " as
 *    field lines are, parses: the List's canonical form is the original's
 *    twice, the Dictionary's the original's (later keys override).
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "sfv.h"
#include "utf8.h"

#define SERIALISE_MAX 8192 /* keeps the quadratic key folding quick */
#define NUMBER_MAX    999999999999999LL

static int printable(const char *s, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++)
        if ((unsigned char)s[k] < 0x20 || (unsigned char)s[k] > 0x7e)
            return 0;
    return 1;
}

static int key_ok(const char *k, size_t n)
{
    size_t i;

    if (n == 0 || !((k[0] >= 'a' && k[0] <= 'z') || k[0] == '*'))
        return 0;
    for (i = 1; i < n; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') ||
              strchr("_-.*", k[i]) != NULL))
            return 0;
    return 1;
}

static int inside(const char *p, size_t n, const char *a, size_t len)
{
    return a >= p && len <= n && (size_t)(a - p) <= n - len;
}

static void check_bare(const char *p, size_t n, const struct sfv_item *it)
{
    static char text[65536];
    static unsigned char bytes[65536];
    size_t len;

    CHECK(inside(p, n, it->text, it->len));
    CHECK(inside(p, n, it->params, it->params_len));
    CHECK(it->params_len == 0 || it->params[0] == ';');
    switch (it->type) {
    case SFV_INTEGER:
    case SFV_DATE:
    case SFV_DECIMAL:
        CHECK(it->number >= -NUMBER_MAX && it->number <= NUMBER_MAX);
        break;
    case SFV_BOOLEAN:
        CHECK(it->number == 0 || it->number == 1);
        CHECK(it->len == 0 || it->len == 2);
        break;
    case SFV_TOKEN:
        CHECK(it->len > 0 && printable(it->text, it->len));
        CHECK(sfv_string_value(it, text, sizeof text) == it->len);
        break;
    case SFV_STRING:
        len = sfv_string_value(it, text, sizeof text);
        CHECK(len == it->size);
        CHECK(len > sizeof text || printable(text, len));
        break;
    case SFV_DISPLAY_STRING:
        len = sfv_string_value(it, text, sizeof text);
        CHECK(len == it->size);
        CHECK(len > sizeof text || utf8_valid(text, len));
        break;
    case SFV_BYTES:
        CHECK(sfv_bytes_value(it, bytes, sizeof bytes) == it->size);
        CHECK((it->flags & ~(SFV_UNPADDED | SFV_PAD_BITS)) == 0);
        break;
    case SFV_INNER_LIST:
        CHECK(it->len >= 2 && it->text[0] == '(' &&
              it->text[it->len - 1] == ')');
        break;
    }
}

static void check_params(const char *p, size_t n, const struct sfv_item *it)
{
    struct sfv_param param;
    size_t pos = 0, last = 0;

    while (sfv_param_next(it, &pos, &param)) {
        CHECK(pos > last && pos <= it->params_len);
        last = pos;
        CHECK(key_ok(param.key, param.key_len));
        CHECK(param.value.type != SFV_INNER_LIST);
        CHECK(param.value.params_len == 0);
        check_bare(p, n, &param.value);
    }
    CHECK(last == it->params_len);
}

/* Walks a value that parsed; returns its member count. */
static size_t walk(const char *p, size_t n, enum sfv_top top)
{
    struct sfv_member m;
    size_t pos = 0, last = 0, count = 0;

    while (sfv_next(p, n, top, &pos, &m)) {
        CHECK(pos > last && pos <= n);
        last = pos;
        count++;
        if (top == SFV_DICTIONARY)
            CHECK(key_ok(m.key, m.key_len) && inside(p, n, m.key, m.key_len));
        else
            CHECK(m.key == NULL && m.key_len == 0);
        check_bare(p, n, &m.value);
        check_params(p, n, &m.value);
        if (m.value.type == SFV_INNER_LIST) {
            struct sfv_item item;
            size_t ip = 0, items = 0;
            while (sfv_inner_next(&m.value, &ip, &item)) {
                CHECK(item.type != SFV_INNER_LIST);
                check_bare(p, n, &item);
                check_params(p, n, &item);
                items++;
            }
            CHECK(items == m.value.size);
        }
    }
    CHECK(top != SFV_ITEM || count == 1);
    return count;
}

/* The canonical form of p[0..n), in a malloc'd buffer. */
static char *canonical(const char *p, size_t n, enum sfv_top top, size_t *len)
{
    size_t need = sfv_serialize(p, n, top, NULL, 0);
    char *out = malloc(need + 1);

    CHECK(out != NULL);
    CHECK(sfv_serialize(p, n, top, out, need + 1) == need);
    CHECK(out[need] == '\0' && strlen(out) == need);
    *len = need;
    return out;
}

static void check_top(const char *p, size_t n, enum sfv_top top)
{
    struct sfv_error err, again;
    char *canon, *twice, *joined;
    size_t clen, tlen, count;

    if (sfv_parse(p, n, top, &err) != 0) {
        CHECK(err.offset <= n);
        CHECK(err.reason != NULL && printable(err.reason, strlen(err.reason)));
        CHECK(sfv_parse(p, n, top, &again) == -1);
        CHECK(again.offset == err.offset && again.reason == err.reason);
        return;
    }
    CHECK(sfv_parse(p, n, top, NULL) == 0);
    count = walk(p, n, top);
    if (n > SERIALISE_MAX)
        return;
    canon = canonical(p, n, top, &clen);
    CHECK(printable(canon, clen));
    CHECK(sfv_parse(canon, clen, top, NULL) == 0);
    twice = canonical(canon, clen, top, &tlen);
    CHECK(tlen == clen && memcmp(twice, canon, clen) == 0);
    free(twice);

    if (top == SFV_ITEM) {
        CHECK(sfv_parse(p, n, SFV_LIST, NULL) == 0);
        CHECK(walk(p, n, SFV_LIST) == 1);
        twice = canonical(p, n, SFV_LIST, &tlen);
        CHECK(tlen == clen && memcmp(twice, canon, clen) == 0);
        free(twice);
    } else if (count > 0) {
        joined = malloc(2 * n + 2);
        CHECK(joined != NULL);
        memcpy(joined, p, n);
        memcpy(joined + n, ", ", 2);
        memcpy(joined + n + 2, p, n);
        /* Trailing SP on the first copy is OWS before the comma; leading
         * SP on the second is OWS after it. */
        CHECK(sfv_parse(joined, 2 * n + 2, top, NULL) == 0);
        CHECK(walk(joined, 2 * n + 2, top) == 2 * count);
        twice = canonical(joined, 2 * n + 2, top, &tlen);
        if (top == SFV_LIST)
            CHECK(tlen == 2 * clen + 2 && memcmp(twice, canon, clen) == 0 &&
                  memcmp(twice + clen, ", ", 2) == 0 &&
                  memcmp(twice + clen + 2, canon, clen) == 0);
        else
            CHECK(tlen == clen && memcmp(twice, canon, clen) == 0);
        free(twice);
        free(joined);
    }
    free(canon);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *p = copy_of(data, size);

    check_top(p, size, SFV_LIST);
    check_top(p, size, SFV_DICTIONARY);
    check_top(p, size, SFV_ITEM);
    free(p);
    return 0;
}
