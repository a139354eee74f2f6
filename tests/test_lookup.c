/* test_lookup.c: code and text lookups, classes and predicates. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "httpstatus.h"
#include "tsv.h"

static const struct httpstatus_info *find(const char *text)
{
    return httpstatus_lookup(text, strlen(text));
}

static int finds(const char *text, int code)
{
    const struct httpstatus_info *info = find(text);

    return info != NULL && info->code == code;
}

/* ----------------------------------------------------------- by code */

static void get_answers_every_int(void)
{
    static const int outside[] = {INT_MIN, INT_MIN + 1, -404,   -1,  0,
                                  1,       99,          600,    999, 1000,
                                  4040,    INT_MAX - 1, INT_MAX};
    size_t i;
    int code;

    for (i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        CHECK(httpstatus_get(outside[i]) == NULL);
        CHECK(httpstatus_reason(outside[i]) == NULL);
        CHECK(httpstatus_class(outside[i]) == HTTPSTATUS_CLASS_INVALID);
        CHECK(!httpstatus_is_valid(outside[i]));
        CHECK(!httpstatus_is_informational(outside[i]) &&
              !httpstatus_is_success(outside[i]) &&
              !httpstatus_is_redirection(outside[i]) &&
              !httpstatus_is_client_error(outside[i]) &&
              !httpstatus_is_server_error(outside[i]) &&
              !httpstatus_is_error(outside[i]) &&
              !httpstatus_forbids_content(outside[i]));
    }
    for (code = -2000; code <= 2000; code++) {
        const struct httpstatus_info *info = httpstatus_get(code);
        CHECK(info == NULL || info->code == code);
        CHECK((httpstatus_reason(code) != NULL) == httpstatus_is_valid(code));
    }
}

static void reason_falls_back_to_the_class(void)
{
    CHECK(strcmp(httpstatus_reason(404), "Not Found") == 0);
    CHECK(strcmp(httpstatus_reason(418), "I'm a teapot") == 0);
    CHECK(strcmp(httpstatus_reason(432), "Client Error") == 0);
    CHECK(strcmp(httpstatus_reason(520), "Server Error") == 0);
    CHECK(strcmp(httpstatus_reason(199), "Informational") == 0);
    CHECK(strcmp(httpstatus_reason(299), "Successful") == 0);
    CHECK(strcmp(httpstatus_reason(399), "Redirection") == 0);
    CHECK(httpstatus_reason(600) == NULL);
    CHECK(httpstatus_class_name(HTTPSTATUS_CLASS_INVALID) == NULL);
    CHECK(httpstatus_class_name((enum httpstatus_class)42) == NULL);
}

static void classes_follow_the_first_digit(void)
{
    int code;

    for (code = 100; code <= 599; code++) {
        int d = code / 100;
        CHECK((int)httpstatus_class(code) == d);
        CHECK(httpstatus_is_valid(code));
        CHECK(httpstatus_is_informational(code) == (d == 1));
        CHECK(httpstatus_is_success(code) == (d == 2));
        CHECK(httpstatus_is_redirection(code) == (d == 3));
        CHECK(httpstatus_is_client_error(code) == (d == 4));
        CHECK(httpstatus_is_server_error(code) == (d == 5));
        CHECK(httpstatus_is_error(code) == (d >= 4));
        CHECK(httpstatus_forbids_content(code) ==
              (d == 1 || code == 204 || code == 304));
    }
}

/* ----------------------------------------------------------- by text */

static void lookup_takes_the_documented_forms(void)
{
    CHECK(finds("404", 404));
    CHECK(finds("NOT_FOUND", 404));
    CHECK(finds("not-found", 404));
    CHECK(finds("not_found", 404));
    CHECK(finds("Not Found", 404));
    CHECK(finds("nOt FoUnD", 404));
    CHECK(finds("Payload Too Large", 413));
    CHECK(finds("REQUEST_ENTITY_TOO_LARGE", 413));
    CHECK(finds("content-too-large", 413));
    CHECK(finds("I'm a teapot", 418));
    CHECK(finds("IM_A_TEAPOT", 418));
    CHECK(finds("Switch Proxy", 306));
    CHECK(finds("Moved Temporarily", 302));
    CHECK(finds("Unprocessable Entity", 422));
    CHECK(finds("Request-URI Too Long", 414));
    CHECK(finds("Not Extended (OBSOLETED)", 510));
    CHECK(find("Enhance Your Calm") != NULL &&
          find("Enhance Your Calm")->kind == HTTPSTATUS_KIND_UNOFFICIAL &&
          find("Enhance Your Calm")->code == 420);
    /* A phrase both tables use belongs to the registered code. */
    CHECK(find("Unauthorized") == httpstatus_get(401));
    CHECK(find("Request Header Fields Too Large") == httpstatus_get(431));
    CHECK(finds("REQUEST_HEADER_FIELDS_TOO_LARGE_UNOFFICIAL", 430));
}

static void numbers_are_exactly_three_digits(void)
{
    int code;
    char buf[8];

    for (code = 0; code <= 999; code++) {
        const struct httpstatus_info *info;
        snprintf(buf, sizeof buf, "%03d", code);
        info = find(buf);
        if (httpstatus_get(code))
            CHECK(info == httpstatus_get(code));
        else if (info)
            CHECK(info->code == code &&
                  info->kind == HTTPSTATUS_KIND_UNOFFICIAL);
    }
    CHECK(find("420")->kind == HTTPSTATUS_KIND_UNOFFICIAL);
    CHECK(strcmp(find("420")->reason, "Enhance Your Calm") == 0);
    CHECK(strcmp(find("499")->reason, "Client Closed Request") == 0);
    CHECK(find("000") == NULL && find("099") == NULL && find("600") == NULL);
    CHECK(find("40") == NULL && find("4040") == NULL && find("0404") == NULL);
    CHECK(find("+404") == NULL && find(" 404") == NULL &&
          find("404 ") == NULL && find("4O4") == NULL);
    CHECK(find("\xd9\xa4\xd9\xa0\xd9\xa4") == NULL); /* Arabic-Indic 404 */
}

static void lookup_is_exact(void)
{
    CHECK(find("Not Foun") == NULL);
    CHECK(find("Not Found ") == NULL);
    CHECK(find(" Not Found") == NULL);
    CHECK(find("Not  Found") == NULL);
    CHECK(find("NotFound") == NULL);
    CHECK(find("N") == NULL);
    CHECK(find("HTTPSTATUS_NOT_FOUND") == NULL);
    CHECK(httpstatus_lookup("Not Found", 10) == NULL); /* the NUL counts */
    CHECK(httpstatus_lookup("Not FoundXYZ", 9) == httpstatus_get(404));
    CHECK(httpstatus_lookup(NULL, 0) == NULL);
    CHECK(httpstatus_lookup(NULL, 9) == NULL);
    CHECK(httpstatus_lookup("Not Found", 0) == NULL);
    /* Case folding is ASCII only: no Unicode or locale tricks. */
    CHECK(find("NOT FOUN\xc4\xb0") == NULL);
    CHECK(find("\xc4\xb1m_a_teapot") == NULL);
}

static void lookup_survives_any_byte(void)
{
    char buf[4];
    int a, b;

    for (a = 0; a < 256; a++) {
        buf[0] = (char)a;
        CHECK(httpstatus_lookup(buf, 1) == NULL);
        for (b = 0; b < 256; b++) {
            const struct httpstatus_info *got;
            buf[1] = (char)b;
            got = httpstatus_lookup(buf, 2);
            /* "OK" is the one two-letter key. */
            CHECK(got == NULL || got->code == 200);
        }
    }
}

/* Resolves key, and its upper-case, lower-case, alternating-case and
 * separator-swapped spellings, to want (or to the registered entry that
 * owns the same key). */
static void check_spellings(const char *key,
                            const struct httpstatus_info *want)
{
    char buf[256];
    size_t len = strlen(key), i;
    int variant;

    if (len >= sizeof buf)
        return;
    for (variant = 0; variant < 5; variant++) {
        const struct httpstatus_info *got;
        for (i = 0; i < len; i++) {
            char c = key[i];
            if (variant == 1 && c >= 'a' && c <= 'z')
                c = (char)(c - 32);
            if (variant == 2 && c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            if (variant == 3 && i % 2 && c >= 'a' && c <= 'z')
                c = (char)(c - 32);
            if (variant == 4 && (c == ' ' || c == '-' || c == '_'))
                c = "_- "[i % 3];
            buf[i] = c;
        }
        got = httpstatus_lookup(buf, len);
        CHECK(got == want ||
              (got && want->kind == HTTPSTATUS_KIND_UNOFFICIAL &&
               got->kind != HTTPSTATUS_KIND_UNOFFICIAL));
    }
}

static void every_key_resolves_to_its_entry(void)
{
    size_t n, i, k;
    const struct httpstatus_info *t = httpstatus_list(&n);

    for (i = 0; i < n; i++) {
        check_spellings(t[i].name, &t[i]);
        check_spellings(t[i].reason, &t[i]);
        for (k = 0; t[i].aliases[k]; k++)
            check_spellings(t[i].aliases[k], &t[i]);
    }
    t = httpstatus_unofficial(&n);
    for (i = 0; i < n; i++) {
        check_spellings(t[i].name, &t[i]);
        for (k = 0; t[i].aliases[k]; k++)
            check_spellings(t[i].aliases[k], &t[i]);
        /* A vendor phrase may belong to a registered code or to another
         * vendor's entry for the same code. */
        CHECK(find(t[i].reason) != NULL &&
              (find(t[i].reason)->code == t[i].code ||
               find(t[i].reason)->kind != HTTPSTATUS_KIND_UNOFFICIAL));
    }
}

struct spellings {
    int rows, misses;
};

static void spelling_row(char **f, int nf, void *ctx)
{
    struct spellings *s = ctx;
    const struct httpstatus_info *info;

    CHECK(nf == 4);
    if (nf != 4)
        return;
    s->rows++;
    info = find(f[1]);
    if (strcmp(f[2], "yes") == 0) {
        if (!(info && info->code == atoi(f[0]))) {
            if (s->misses++ < 5)
                printf("# %s %s (%s) does not resolve\n", f[0], f[1], f[3]);
            CHECK(info && info->code == atoi(f[0]));
        }
    } else {
        CHECK(info == NULL);
    }
}

static void every_peer_spelling_resolves(void)
{
    struct spellings s = {0, 0};
    char path[1024];

    snprintf(path, sizeof path, "%s/peer-spellings.tsv", data_dir);
    CHECK(tsv_read(path, spelling_row, &s) > 200);
    CHECK(s.misses == 0);
}

static void lookup_reads_only_len_bytes(void)
{
    size_t n, i;
    const struct httpstatus_info *t = httpstatus_list(&n);

    /* Exactly-sized heap copies, so that ASan sees any over-read. */
    for (i = 0; i < n; i++) {
        size_t len = strlen(t[i].reason);
        char *copy = malloc(len);
        CHECK(copy != NULL);
        if (!copy)
            return;
        memcpy(copy, t[i].reason, len);
        CHECK(httpstatus_lookup(copy, len) == &t[i]);
        free(copy);
    }
}

void test_lookup(void)
{
    run("httpstatus_get and friends answer every int", get_answers_every_int);
    run("httpstatus_reason falls back to the class name in 100..599",
        reason_falls_back_to_the_class);
    run("classes and predicates follow the first digit",
        classes_follow_the_first_digit);
    run("lookup takes codes, names, phrases and aliases in any case",
        lookup_takes_the_documented_forms);
    run("a numeric lookup is exactly three ASCII digits",
        numbers_are_exactly_three_digits);
    run("lookup matches whole keys only: no prefixes, no trimming",
        lookup_is_exact);
    run("lookup answers every one- and two-byte input",
        lookup_survives_any_byte);
    run("every name, reason and alias resolves in every spelling",
        every_key_resolves_to_its_entry);
    run("every phrase and name that peer libraries use resolves",
        every_peer_spelling_resolves);
    run("lookup never reads past len", lookup_reads_only_len_bytes);
}
