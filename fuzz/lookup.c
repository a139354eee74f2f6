/*
 * lookup.c: libFuzzer target for httpstatus_lookup() and the functions
 * that take a code: httpstatus_get(), httpstatus_reason(),
 * httpstatus_class(), httpstatus_class_name() and the httpstatus_is_*()
 * predicates.
 *
 * Input: the bytes to look up, as they are; an int and a registry entry
 * picked from the same bytes.
 *
 * What is checked:
 *  - httpstatus_lookup() on the input, copied into a buffer of exactly its
 *    size, returns NULL or an entry of httpstatus_list() or
 *    httpstatus_unofficial(), and exactly the one expected() finds by a
 *    plain scan: for three ASCII digits the registered code, else the
 *    first unofficial entry with that code; for other text the first entry
 *    (registered ones first) with a name, reason or alias that folds
 *    equal to it (ASCII case ignored, ' ', '_' and '-' the same);
 *  - the name, reason and aliases of an entry picked from the input, as
 *    they are, with their case and separators scrambled by the input, and
 *    one byte short or long, look up as expected() says; for a registered
 *    entry, its own keys find it;
 *  - the code functions on an int built from the input agree with each
 *    other and with the ranges in httpstatus.h;
 *  - once per process, the shape of both tables, the name rule, that
 *    every key of every entry looks up as expected() and every name to its
 *    own entry, and the code functions on every int from -2 to 1001.
 */
#include <limits.h>
#include <string.h>

#include "fuzz.h"
#include "httpstatus.h"

static const struct httpstatus_info *registered, *unofficial;
static size_t registered_count, unofficial_count;

static unsigned char fold(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c - 'A' + 'a');
    if (c == ' ' || c == '-')
        return '_';
    return c;
}

/* Whether text[0..len) and the string key are equal after folding. */
static int fold_equal(const char *text, size_t len, const char *key)
{
    size_t i;

    if (strlen(key) != len)
        return 0;
    for (i = 0; i < len; i++)
        if (fold((unsigned char)text[i]) != fold((unsigned char)key[i]))
            return 0;
    return 1;
}

static int names_entry(const struct httpstatus_info *e, const char *text,
                       size_t len)
{
    size_t k;

    if (fold_equal(text, len, e->name) || fold_equal(text, len, e->reason))
        return 1;
    for (k = 0; e->aliases[k] != NULL; k++)
        if (fold_equal(text, len, e->aliases[k]))
            return 1;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* What httpstatus_lookup(text, len) must return, by a linear scan. */
static const struct httpstatus_info *expected(const char *text, size_t len)
{
    size_t i;

    if (text == NULL || len == 0)
        return NULL;
    if (len == 3 && is_digit(text[0]) && is_digit(text[1]) &&
        is_digit(text[2])) {
        int code =
            (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');

        for (i = 0; i < registered_count; i++)
            if (registered[i].code == code)
                return &registered[i];
        for (i = 0; i < unofficial_count; i++)
            if (unofficial[i].code == code)
                return &unofficial[i];
        return NULL;
    }
    for (i = 0; i < registered_count; i++)
        if (names_entry(&registered[i], text, len))
            return &registered[i];
    for (i = 0; i < unofficial_count; i++)
        if (names_entry(&unofficial[i], text, len))
            return &unofficial[i];
    return NULL;
}

/* Whether e is an element of one of the two tables (compared one by one:
 * no pointer arithmetic across objects). */
static int is_entry(const struct httpstatus_info *e)
{
    size_t i;

    for (i = 0; i < registered_count; i++)
        if (e == &registered[i])
            return 1;
    for (i = 0; i < unofficial_count; i++)
        if (e == &unofficial[i])
            return 1;
    return 0;
}

/* Looks up text[0..len), from a copy of exactly len bytes, and checks the
 * answer against expected(). Returns it. */
static const struct httpstatus_info *lookup_checked(const char *text,
                                                    size_t len)
{
    char *copy = copy_of(text, len);
    const struct httpstatus_info *got = httpstatus_lookup(copy, len);

    CHECK(got == httpstatus_lookup(copy, len));
    CHECK(got == NULL || is_entry(got));
    CHECK(got == expected(copy, len));
    if (got != NULL && !(len == 3 && is_digit(copy[0]) && is_digit(copy[1]) &&
                         is_digit(copy[2])))
        CHECK(names_entry(got, copy, len));
    free(copy);
    return got;
}

/* The name rule of httpstatus.h: the reason in upper case, each run of
 * other than letters and digits one '_', apostrophes dropped. Writes the
 * name into want (size bytes); returns 0 when it does not fit. */
static int rule_name(const char *reason, char *want, size_t size)
{
    size_t n = 0, i;
    int gap = 0;

    for (i = 0; reason[i] != '\0'; i++) {
        char c = reason[i];

        if (n + 3 >= size)
            return 0;
        if (c == '\'')
            continue;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9')) {
            if (gap)
                want[n++] = '_';
            gap = 0;
            want[n++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        } else {
            gap = 1;
        }
    }
    if (gap)
        want[n++] = '_';
    want[n] = '\0';
    return 1;
}

/* Whether some entry other than e has the name name. */
static int name_taken(const struct httpstatus_info *e, const char *name)
{
    size_t i;

    for (i = 0; i < registered_count; i++)
        if (&registered[i] != e && strcmp(registered[i].name, name) == 0)
            return 1;
    for (i = 0; i < unofficial_count; i++)
        if (&unofficial[i] != e && strcmp(unofficial[i].name, name) == 0)
            return 1;
    return 0;
}

static void check_entry_shape(const struct httpstatus_info *e)
{
    size_t k;

    CHECK(e->code >= 100 && e->code <= 599);
    CHECK(e->status_class == httpstatus_class(e->code));
    CHECK(e->name != NULL && e->name[0] != '\0');
    CHECK(e->reason != NULL && e->reason[0] != '\0');
    CHECK(e->summary != NULL && e->description != NULL);
    CHECK(e->use_cases != NULL && e->aliases != NULL);
    for (k = 0; e->use_cases[k] != NULL; k++)
        CHECK(e->use_cases[k][0] != '\0');
    for (k = 0; e->aliases[k] != NULL; k++)
        CHECK(e->aliases[k][0] != '\0');
    CHECK((e->headers == NULL) == (e->header_count == 0));
    CHECK(((e->flags & HTTPSTATUS_FLAG_NO_CONTENT) != 0) ==
          httpstatus_forbids_content(e->code));
    CHECK(((e->flags & HTTPSTATUS_FLAG_INTERIM) != 0) ==
          httpstatus_is_informational(e->code));
    for (k = 0; k < e->header_count; k++)
        CHECK(e->headers[k].field != NULL && e->headers[k].section != NULL);
    /* A reason is sent on the wire: HTAB, SP and visible ASCII. */
    for (k = 0; e->reason[k] != '\0'; k++)
        CHECK(e->reason[k] == '\t' ||
              (e->reason[k] >= 0x20 && e->reason[k] < 0x7f));
}

/* Every key of e looks up as expected(); e's own when e is registered. */
static void check_keys(const struct httpstatus_info *e, int is_registered)
{
    const struct httpstatus_info *got;
    size_t k;

    got = lookup_checked(e->name, strlen(e->name));
    CHECK(got == e); /* a name is the entry's own, unofficial ones too */
    got = lookup_checked(e->reason, strlen(e->reason));
    CHECK(got != NULL);
    if (is_registered)
        CHECK(got == e);
    for (k = 0; e->aliases[k] != NULL; k++) {
        got = lookup_checked(e->aliases[k], strlen(e->aliases[k]));
        CHECK(got != NULL);
        if (is_registered)
            CHECK(got == e);
    }
}

/* The functions of a code, on any int. */
static void check_code(int c)
{
    const struct httpstatus_info *info = httpstatus_get(c);
    const char *reason = httpstatus_reason(c);
    enum httpstatus_class cls = httpstatus_class(c);
    int valid = c >= 100 && c <= 599;
    size_t i;

    CHECK(httpstatus_is_valid(c) == valid);
    CHECK(httpstatus_is_informational(c) == (c >= 100 && c <= 199));
    CHECK(httpstatus_is_success(c) == (c >= 200 && c <= 299));
    CHECK(httpstatus_is_redirection(c) == (c >= 300 && c <= 399));
    CHECK(httpstatus_is_client_error(c) == (c >= 400 && c <= 499));
    CHECK(httpstatus_is_server_error(c) == (c >= 500 && c <= 599));
    CHECK(httpstatus_is_error(c) == (c >= 400 && c <= 599));
    CHECK(httpstatus_forbids_content(c) ==
          ((c >= 100 && c <= 199) || c == 204 || c == 304));

    CHECK(cls == (valid ? (enum httpstatus_class)(c / 100)
                        : HTTPSTATUS_CLASS_INVALID));
    CHECK((httpstatus_class_name(cls) != NULL) == valid);
    CHECK((reason != NULL) == valid);
    if (info != NULL) {
        CHECK(info->code == c);
        CHECK(valid);
        CHECK(is_entry(info));
        CHECK(reason == info->reason);
        CHECK(((info->flags & HTTPSTATUS_FLAG_NO_CONTENT) != 0) ==
              httpstatus_forbids_content(c));
    } else {
        for (i = 0; i < registered_count; i++)
            CHECK(registered[i].code != c);
        CHECK(reason == httpstatus_class_name(cls));
    }
    /* Any value as a class, named only when it is one. */
    CHECK((httpstatus_class_name((enum httpstatus_class)c) != NULL) ==
          (c >= 1 && c <= 5));
}

/* Once per process: the tables. */
static void check_tables(void)
{
    static const struct {
        int code;
        const char *name, *reason;
    } map[] = {
#define XX(num, id, text) {num, #id, text},
        HTTPSTATUS_MAP(XX)
#undef XX
    };
    char want[128];
    size_t i;
    int c;

    registered = httpstatus_list(&registered_count);
    unofficial = httpstatus_unofficial(&unofficial_count);
    CHECK(registered != NULL && unofficial != NULL);
    CHECK(httpstatus_list(NULL) == registered);
    CHECK(httpstatus_unofficial(NULL) == unofficial);

    CHECK(registered_count == sizeof map / sizeof map[0]);
    for (i = 0; i < registered_count; i++) {
        const struct httpstatus_info *e = &registered[i];

        check_entry_shape(e);
        CHECK(e->code == map[i].code);
        CHECK(strcmp(e->name, map[i].name) == 0);
        CHECK(strcmp(e->reason, map[i].reason) == 0);
        CHECK(rule_name(e->reason, want, sizeof want));
        CHECK(strcmp(e->name, want) == 0);
        CHECK(i == 0 || registered[i - 1].code < e->code);
        CHECK(httpstatus_get(e->code) == e);
        CHECK(httpstatus_reason(e->code) == e->reason);
        CHECK(e->kind != HTTPSTATUS_KIND_UNOFFICIAL);
        CHECK(e->reference != NULL && e->vendor == NULL);
    }
    for (i = 0; i < unofficial_count; i++) {
        const struct httpstatus_info *e = &unofficial[i];

        check_entry_shape(e);
        CHECK(i == 0 || unofficial[i - 1].code <= e->code);
        CHECK(httpstatus_get(e->code) != e);
        CHECK(e->kind == HTTPSTATUS_KIND_UNOFFICIAL);
        CHECK(e->reference == NULL && e->vendor != NULL);
        /* The registered rule, unless it gives no name of the entry's own:
         * one that another entry has, or not an identifier's tail. */
        CHECK(rule_name(e->reason, want, sizeof want));
        CHECK(strcmp(e->name, want) == 0 || name_taken(e, want) ||
              want[0] == '_' || (want[0] >= '0' && want[0] <= '9'));
        CHECK(!name_taken(e, e->name));
    }
    for (i = 0; i < registered_count; i++)
        check_keys(&registered[i], 1);
    for (i = 0; i < unofficial_count; i++)
        check_keys(&unofficial[i], 0);
    for (c = -2; c <= 1001; c++)
        check_code(c);
}

/* text with the case of each letter and the choice among ' ', '_' and '-'
 * taken from the bits of seed: the same key to httpstatus_lookup(). */
static void scramble(char *text, size_t len, const uint8_t *seed,
                     size_t seed_len)
{
    static const char seps[] = " _-";
    size_t i;

    if (seed_len == 0)
        return;
    for (i = 0; i < len; i++) {
        unsigned bits = seed[i % seed_len] ^ (unsigned)(i / seed_len);
        char c = text[i];

        if (c >= 'a' && c <= 'z' && (bits & 1))
            text[i] = (char)(c - 'a' + 'A');
        else if (c >= 'A' && c <= 'Z' && (bits & 1))
            text[i] = (char)(c - 'A' + 'a');
        else if (c == ' ' || c == '_' || c == '-')
            text[i] = seps[(bits >> 1) % 3];
    }
}

/* The keys of e, as they are, scrambled by data, one byte short, and one
 * byte long. A registered entry's keys, and every entry's name, find
 * the entry itself. */
static void check_entry_keys(const struct httpstatus_info *e,
                             int is_registered, const uint8_t *data,
                             size_t size)
{
    const char *keys[32];
    size_t nkeys = 0, k;

    keys[nkeys++] = e->name;
    keys[nkeys++] = e->reason;
    for (k = 0; e->aliases[k] != NULL && nkeys < 32; k++)
        keys[nkeys++] = e->aliases[k];
    for (k = 0; k < nkeys; k++) {
        size_t len = strlen(keys[k]);
        char *text = malloc(len + 1);
        const struct httpstatus_info *got;

        CHECK(text != NULL);
        memcpy(text, keys[k], len + 1);
        got = lookup_checked(text, len);
        if (is_registered || k == 0)
            CHECK(got == e);
        scramble(text, len, data, size);
        got = lookup_checked(text, len);
        CHECK(got != NULL);
        if (is_registered || k == 0)
            CHECK(got == e);
        lookup_checked(text, len - 1);
        text[len] = size > 0 ? (char)data[0] : ' ';
        lookup_checked(text, len + 1);
        free(text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int tables_checked;
    uint32_t h = hash_bytes(data, size);
    int c;

    if (!tables_checked) {
        check_tables();
        tables_checked = 1;
    }

    /* The input itself, and the argument edge cases. */
    lookup_checked((const char *)data, size);
    CHECK(httpstatus_lookup(NULL, size) == NULL);
    CHECK(httpstatus_lookup(NULL, 0) == NULL);
    if (size > 0)
        CHECK(httpstatus_lookup((const char *)data, 0) == NULL);

    /* An entry picked by the input, its keys as they are and scrambled. */
    check_entry_keys(&registered[h % registered_count], 1, data, size);
    check_entry_keys(&unofficial[(h >> 8) % unofficial_count], 0, data, size);

    /* Codes: the first four bytes as any int, a value near the valid
     * range, and the edges. */
    check_code(int_from(data, size));
    check_code((int)(h % 1000u) - 200);
    c = (int)(h % 8u);
    check_code(c == 0   ? INT_MIN
               : c == 1 ? INT_MAX
               : c == 2 ? -1
               : c == 3 ? 0
               : c == 4 ? 99
               : c == 5 ? 100
               : c == 6 ? 599
                        : 600);
    return 0;
}
