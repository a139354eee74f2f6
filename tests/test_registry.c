/* test_registry.c: the table (src/registry.c) against the IANA snapshot in
 * tests/data, against RFC 9110's semantics, and against its own
 * invariants. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "httpstatus.h"
#include "tsv.h"

static const struct httpstatus_info *table(size_t *count)
{
    return httpstatus_list(count);
}

static int in_list(int code, const int *codes, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (codes[i] == code)
            return 1;
    return 0;
}

#define IN(code, ...)                                                         \
    in_list(code, (const int[]){__VA_ARGS__},                                 \
            sizeof((const int[]){__VA_ARGS__}) / sizeof(int))

/* ------------------------------------------------------------- the map */

static void table_follows_the_map(void)
{
    size_t n, i = 0;
    const struct httpstatus_info *t = table(&n);

#define XX(num, id, text)                                                     \
    CHECK(i < n && t[i].code == num && strcmp(t[i].name, #id) == 0 &&         \
          strcmp(t[i].reason, text) == 0);                                    \
    CHECK(httpstatus_get(num) == &t[i]);                                      \
    CHECK(HTTPSTATUS_##id == num);                                            \
    i++;
    HTTPSTATUS_MAP(XX)
#undef XX
    CHECK(i == n);
    CHECK(n == 64);
}

static void legacy_names_are_enum_aliases(void)
{
    CHECK(HTTPSTATUS_PAYLOAD_TOO_LARGE == 413);
    CHECK(HTTPSTATUS_REQUEST_ENTITY_TOO_LARGE == 413);
    CHECK(HTTPSTATUS_REQUEST_URI_TOO_LONG == 414);
    CHECK(HTTPSTATUS_REQUESTED_RANGE_NOT_SATISFIABLE == 416);
    CHECK(HTTPSTATUS_UNPROCESSABLE_ENTITY == 422);
    CHECK(HTTPSTATUS_MOVED_TEMPORARILY == 302);
    CHECK(HTTPSTATUS_IM_A_TEAPOT == 418);
#define XX(num, id)                                                           \
    CHECK(HTTPSTATUS_##id == num);                                            \
    CHECK(httpstatus_lookup(#id, strlen(#id)) == httpstatus_get(num));
    HTTPSTATUS_LEGACY_MAP(XX)
#undef XX
}

/* ------------------------------------------------- the IANA snapshot */

struct iana {
    int registered[1000]; /* 1 assigned, 2 unassigned, 0 not listed */
    int rows;
};

/* "RFC9110, Section 15.5.14" in brackets becomes
 * "RFC 9110, Section 15.5.14"; several bracketed parts join with "; ". */
static void normalise_reference(const char *in, char *out, size_t size)
{
    size_t n = 0;
    int first = 1;

    while (*in && n + 8 < size) {
        if (*in == '[') {
            if (!first) {
                out[n++] = ';';
                out[n++] = ' ';
            }
            first = 0;
            in++;
            if (strncmp(in, "RFC", 3) == 0 && isdigit((unsigned char)in[3])) {
                memcpy(out + n, "RFC ", 4);
                n += 4;
                in += 3;
            }
            while (*in && *in != ']' && n + 1 < size)
                out[n++] = *in++;
        } else {
            in++;
        }
    }
    out[n] = '\0';
}

static void iana_row(char **f, int nf, void *ctx)
{
    struct iana *iana = ctx;
    const struct httpstatus_info *info;
    int lo, hi, code;
    char expected_reason[256], reference[256];
    enum httpstatus_kind kind = HTTPSTATUS_KIND_STANDARD;
    char *paren;

    CHECK(nf == 3);
    if (nf != 3)
        return;
    iana->rows++;
    if (sscanf(f[0], "%d-%d", &lo, &hi) != 2)
        hi = lo = atoi(f[0]);
    if (strcmp(f[1], "Unassigned") == 0) {
        for (code = lo; code <= hi; code++) {
            iana->registered[code] = 2;
            CHECK(httpstatus_get(code) == NULL);
        }
        return;
    }
    CHECK(lo == hi);
    iana->registered[lo] = 1;
    info = httpstatus_get(lo);
    CHECK(info != NULL);
    if (!info)
        return;

    /* The reason: IANA's phrase, with the policy's exceptions. */
    snprintf(expected_reason, sizeof expected_reason, "%s", f[1]);
    if (strcmp(f[1], "(Unused)") == 0) {
        kind = HTTPSTATUS_KIND_RESERVED;
        snprintf(expected_reason, sizeof expected_reason, "%s",
                 lo == 306 ? "Switch Proxy" : "I'm a teapot");
    } else if ((paren = strstr(expected_reason, " (TEMPORARY")) != NULL) {
        kind = HTTPSTATUS_KIND_TEMPORARY;
        *paren = '\0';
    } else if ((paren = strstr(expected_reason, " (OBSOLETED)")) != NULL) {
        kind = HTTPSTATUS_KIND_OBSOLETE;
        *paren = '\0';
    }
    CHECK(strcmp(info->reason, expected_reason) == 0);
    CHECK(info->kind == kind);
    normalise_reference(f[2], reference, sizeof reference);
    CHECK(info->reference && strcmp(info->reference, reference) == 0);
}

static void table_matches_the_iana_snapshot(void)
{
    static struct iana iana;
    char path[1024];
    size_t n, i;
    const struct httpstatus_info *t = table(&n);
    int code;

    snprintf(path, sizeof path, "%s/iana-registry.tsv", data_dir);
    CHECK(tsv_read(path, iana_row, &iana) > 0);
    CHECK(iana.rows == 75);
    /* The snapshot covers 100..599 exactly once, and the table has no
     * code the snapshot does not list as assigned. */
    for (code = 100; code <= 599; code++)
        CHECK(iana.registered[code] != 0);
    for (i = 0; i < n; i++)
        CHECK(iana.registered[t[i].code] == 1);
}

/* ------------------------------------------------------- invariants */

static int derived_name_matches(const char *reason, const char *name)
{
    char want[128];
    size_t n = 0;
    int gap = 0;

    for (; *reason && n + 2 < sizeof want; reason++) {
        unsigned char c = (unsigned char)*reason;
        if (c == '\'')
            continue;
        if (isalnum(c)) {
            if (gap && n > 0)
                want[n++] = '_';
            gap = 0;
            want[n++] = (char)toupper(c);
        } else {
            gap = 1;
        }
    }
    want[n] = '\0';
    return strcmp(want, name) == 0;
}

static int count_list(const char *const *list)
{
    int n = 0;

    while (list[n])
        n++;
    return n;
}

static void check_text(const char *s, int allow_empty)
{
    const unsigned char *p;

    CHECK(s != NULL);
    if (!s)
        return;
    CHECK(allow_empty || s[0] != '\0');
    for (p = (const unsigned char *)s; *p; p++)
        CHECK(*p >= 0x20 && *p < 0x7f);
}

static void check_entry(const struct httpstatus_info *e)
{
    size_t k;

    CHECK(httpstatus_is_valid(e->code));
    CHECK(e->status_class == httpstatus_class(e->code));
    check_text(e->name, 0);
    check_text(e->reason, 0);
    check_text(e->summary, 0);
    check_text(e->description, 0);
    CHECK(e->use_cases != NULL && e->aliases != NULL);
    CHECK(count_list(e->use_cases) >= 2 && count_list(e->use_cases) <= 4);
    for (k = 0; e->use_cases[k]; k++)
        check_text(e->use_cases[k], 0);
    for (k = 0; e->aliases[k]; k++)
        check_text(e->aliases[k], 0);
    /* One sentence, ending with its full stop. */
    CHECK(e->summary[strlen(e->summary) - 1] == '.');
    CHECK(strlen(e->summary) <= 160);
    CHECK(e->description[strlen(e->description) - 1] == '.');
    CHECK((e->headers == NULL) == (e->header_count == 0));
    for (k = 0; k < e->header_count; k++) {
        check_text(e->headers[k].field, 0);
        check_text(e->headers[k].section, 0);
        CHECK(e->headers[k].level <= HTTPSTATUS_MUST_NOT);
    }
    CHECK(e->redirect <= HTTPSTATUS_REDIRECT_NOT_MODIFIED);
    CHECK(e->retry <= HTTPSTATUS_RETRY_AFTER_CHANGE);
    CHECK((e->flags & ~127u) == 0);
}

static void registered_entries_are_well_formed(void)
{
    size_t n, i;
    const struct httpstatus_info *t = table(&n);

    for (i = 0; i < n; i++) {
        check_entry(&t[i]);
        CHECK(i == 0 || t[i - 1].code < t[i].code);
        CHECK(t[i].kind != HTTPSTATUS_KIND_UNOFFICIAL);
        CHECK(t[i].vendor == NULL);
        CHECK(derived_name_matches(t[i].reason, t[i].name));
    }
}

static void unofficial_entries_are_apart(void)
{
    size_t n, i;
    const struct httpstatus_info *u = httpstatus_unofficial(&n);

    CHECK(n >= 40);
    for (i = 0; i < n; i++) {
        const struct httpstatus_info *reg = httpstatus_get(u[i].code);
        check_entry(&u[i]);
        CHECK(i == 0 || u[i - 1].code <= u[i].code);
        CHECK(u[i].kind == HTTPSTATUS_KIND_UNOFFICIAL);
        CHECK(u[i].vendor != NULL && u[i].vendor[0] != '\0');
        CHECK(u[i].reference == NULL);
        /* httpstatus_get() never hands out an unofficial entry. */
        CHECK(reg == NULL || reg->kind != HTTPSTATUS_KIND_UNOFFICIAL);
        /* The old Warning header's warn-codes are not status codes. */
        CHECK(!IN(u[i].code, 110, 111, 112, 113, 199, 214, 299));
    }
    CHECK(httpstatus_unofficial(NULL) == u);
    CHECK(httpstatus_get(520) == NULL);
    CHECK(strcmp(httpstatus_get(451)->reason,
                 "Unavailable For Legal Reasons") == 0);
}

/* ------------------------------------------------------- semantics */

static void flags_follow_rfc_9110(void)
{
    size_t n, i;
    const struct httpstatus_info *t = table(&n);

    for (i = 0; i < n; i++) {
        int c = t[i].code;
        unsigned f = t[i].flags;
        CHECK(!!(f & HTTPSTATUS_FLAG_INTERIM) == (c < 200));
        CHECK(!!(f & HTTPSTATUS_FLAG_NO_CONTENT) ==
              (c < 200 || c == 204 || c == 304));
        CHECK(!!(f & HTTPSTATUS_FLAG_NO_CONTENT) ==
              httpstatus_forbids_content(c));
        CHECK(!!(f & HTTPSTATUS_FLAG_EMPTY_CONTENT) == (c == 205));
        CHECK(!!(f & HTTPSTATUS_FLAG_CACHEABLE) == IN(c, 200, 203, 204, 206,
                                                      300, 301, 308, 404, 405,
                                                      410, 414, 501, 451));
        CHECK(!!(f & HTTPSTATUS_FLAG_NO_STORE) == IN(c, 428, 429, 431, 511));
        CHECK(!!(f & HTTPSTATUS_FLAG_PERMANENT) == IN(c, 301, 308));
        CHECK(!!(f & HTTPSTATUS_FLAG_DEPRECATED) == (c == 305));
    }
}

static void redirects_and_retries_follow_the_rfcs(void)
{
    size_t n, i;
    const struct httpstatus_info *t = table(&n);

    CHECK(httpstatus_get(301)->redirect ==
          HTTPSTATUS_REDIRECT_MAY_CHANGE_METHOD);
    CHECK(httpstatus_get(302)->redirect ==
          HTTPSTATUS_REDIRECT_MAY_CHANGE_METHOD);
    CHECK(httpstatus_get(303)->redirect == HTTPSTATUS_REDIRECT_CHANGES_TO_GET);
    CHECK(httpstatus_get(307)->redirect == HTTPSTATUS_REDIRECT_KEEPS_METHOD);
    CHECK(httpstatus_get(308)->redirect == HTTPSTATUS_REDIRECT_KEEPS_METHOD);
    CHECK(httpstatus_get(300)->redirect == HTTPSTATUS_REDIRECT_CHOICE);
    CHECK(httpstatus_get(304)->redirect == HTTPSTATUS_REDIRECT_NOT_MODIFIED);
    for (i = 0; i < n; i++) {
        int c = t[i].code;
        CHECK((t[i].redirect != HTTPSTATUS_REDIRECT_NONE) ==
              IN(c, 300, 301, 302, 303, 304, 307, 308));
        CHECK((t[i].retry == HTTPSTATUS_RETRY_ANY_METHOD) ==
              IN(c, 408, 421, 425, 429, 503));
        CHECK((t[i].retry == HTTPSTATUS_RETRY_IDEMPOTENT) ==
              IN(c, 500, 502, 504));
        CHECK((t[i].retry == HTTPSTATUS_RETRY_AFTER_CHANGE) ==
              IN(c, 401, 407, 411, 413));
    }
}

static const struct httpstatus_header_rule *rule(int code, const char *field)
{
    const struct httpstatus_info *info = httpstatus_get(code);
    size_t k;

    for (k = 0; info && k < info->header_count; k++)
        if (strcmp(info->headers[k].field, field) == 0)
            return &info->headers[k];
    return NULL;
}

static int rule_is(int code, const char *field, enum httpstatus_level level,
                   const char *section)
{
    const struct httpstatus_header_rule *r = rule(code, field);

    return r && r->level == level && strcmp(r->section, section) == 0;
}

static void header_rules_follow_the_rfcs(void)
{
    const char *s = "RFC 9110, Section ";
    char sec[64];
    int code;

#define SEC(x) (snprintf(sec, sizeof sec, "%s%s", s, x), sec)
    CHECK(rule_is(101, "Upgrade", HTTPSTATUS_MUST, SEC("15.2.2")));
    CHECK(rule_is(206, "Content-Range", HTTPSTATUS_MUST, SEC("15.3.7.1")));
    CHECK(rule_is(401, "WWW-Authenticate", HTTPSTATUS_MUST, SEC("15.5.2")));
    CHECK(rule_is(405, "Allow", HTTPSTATUS_MUST, SEC("15.5.6")));
    CHECK(rule_is(407, "Proxy-Authenticate", HTTPSTATUS_MUST, SEC("15.5.8")));
    CHECK(rule_is(416, "Content-Range", HTTPSTATUS_SHOULD, SEC("15.5.17")));
    CHECK(rule_is(426, "Upgrade", HTTPSTATUS_MUST, SEC("15.5.22")));
    CHECK(rule_is(301, "Location", HTTPSTATUS_SHOULD, SEC("15.4.2")));
    CHECK(rule_is(308, "Location", HTTPSTATUS_SHOULD, SEC("15.4.9")));
    CHECK(rule_is(413, "Retry-After", HTTPSTATUS_SHOULD, SEC("15.5.14")));
    CHECK(rule(413, "Retry-After")->condition != NULL);
    CHECK(rule_is(503, "Retry-After", HTTPSTATUS_MAY, SEC("15.6.4")));
    CHECK(rule_is(429, "Retry-After", HTTPSTATUS_MAY, "RFC 6585, Section 4"));
    CHECK(rule_is(451, "Link", HTTPSTATUS_SHOULD, "RFC 7725, Section 4"));
    CHECK(rule_is(304, "ETag", HTTPSTATUS_MUST, SEC("15.4.5")));
    CHECK(rule(304, "ETag")->condition != NULL);
    CHECK(rule(200, "Allow") == NULL);
    CHECK(httpstatus_get(200)->header_count == 0);
    /* No Content-Length and no Transfer-Encoding where there is no content
     * to frame. */
    for (code = 100; code <= 204; code++) {
        if (!httpstatus_get(code) || (code >= 200 && code != 204))
            continue;
        CHECK(
            rule_is(code, "Content-Length", HTTPSTATUS_MUST_NOT, SEC("8.6")));
        CHECK(rule_is(code, "Transfer-Encoding", HTTPSTATUS_MUST_NOT,
                      "RFC 9112, Section 6.1"));
    }
#undef SEC
}

static void policies_hold(void)
{
    CHECK(httpstatus_get(104)->kind == HTTPSTATUS_KIND_TEMPORARY);
    CHECK(httpstatus_get(306)->kind == HTTPSTATUS_KIND_RESERVED);
    CHECK(strcmp(httpstatus_get(306)->reason, "Switch Proxy") == 0);
    CHECK(httpstatus_get(418)->kind == HTTPSTATUS_KIND_RESERVED);
    CHECK(strcmp(httpstatus_get(418)->reason, "I'm a teapot") == 0);
    CHECK(httpstatus_get(510)->kind == HTTPSTATUS_KIND_OBSOLETE);
    CHECK(strcmp(httpstatus_get(510)->reason, "Not Extended") == 0);
    CHECK(strcmp(httpstatus_get(413)->reason, "Content Too Large") == 0);
    CHECK(strcmp(httpstatus_get(422)->reason, "Unprocessable Content") == 0);
    CHECK(httpstatus_get(419) == NULL && httpstatus_get(420) == NULL);
    CHECK(httpstatus_get(509) == NULL && httpstatus_get(599) == NULL);
}

void test_registry(void)
{
    run("the table has one entry per HTTPSTATUS_MAP line, in order",
        table_follows_the_map);
    run("every legacy name is an enum alias that lookup resolves",
        legacy_names_are_enum_aliases);
    run("the table matches the committed IANA registry snapshot",
        table_matches_the_iana_snapshot);
    run("registered entries are sorted, complete and named after their "
        "reason",
        registered_entries_are_well_formed);
    run("unofficial entries are flagged apart and never shadow registered "
        "ones",
        unofficial_entries_are_apart);
    run("semantic flags follow RFC 9110 and RFC 6585", flags_follow_rfc_9110);
    run("redirect kinds and retry hints follow the RFCs",
        redirects_and_retries_follow_the_rfcs);
    run("header rules carry the RFC's keyword and section",
        header_rules_follow_the_rfcs);
    run("the registry policies for 104, 306, 418 and 510 hold", policies_hold);
}
