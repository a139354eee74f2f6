/*
 * probe.c: libFuzzer target for check --probe's analysis (check/probe.c):
 * probe_plan(), probe_next() and probe_check() over exchanges whose
 * bytes the linter has read, as the command runs them.
 *
 * Input: up to 8 exchanges, separated by "\n==\n". Each starts with a
 * descriptor byte: bits 0-2 the kind (0 to 5 as enum probe_kind, 6 and 7
 * plain), bits 3-4 which of four URLs was requested, bits 5-6 which of
 * them a redirect went to (3: none), bit 7 content cut by the fetch. The
 * rest is what was received; the head starts at its first byte and the
 * content after its first empty line. An exchange the linter cannot read
 * is left out, as the command stops there.
 *
 * What is checked, every check a CHECK:
 *  - probe_plan() says yes exactly when it gives a field, but for HEAD,
 *    which has none; a field is "NAME: value" for the probe's own NAME,
 *    with no CR, LF or NUL: nothing a server sends can add a line to a
 *    request;
 *  - probe_next() gives a target exactly when it does not say the chain
 *    is done, and that target is the last exchange's location;
 *  - after probe_check(), each report's counts add up to its findings,
 *    and every message and fix is printable ASCII, not empty, so that no
 *    byte of a response reaches a terminal or JSON unquoted;
 *  - the same input gives the same findings twice.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "probe.h"

#define EXCHANGES_MAX 8
#define SEPARATOR     "\n==\n"

static const char *const urls[] = {"http://f.test/", "http://f.test/a",
                                   "https://f.test/", "http://g.test/a"};

static const char *const field_names[] = {
    NULL,                  /* PROBE_PLAIN */
    "If-None-Match: ",     /* PROBE_IF_NONE_MATCH */
    "If-Modified-Since: ", /* PROBE_IF_MODIFIED_SINCE */
    "Range: ",             /* PROBE_RANGE */
    NULL,                  /* PROBE_HEAD */
    "Accept-Encoding: ",   /* PROBE_GZIP */
};

static int printable(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return 0;
    return 1;
}

/* Splits the input into exchanges; returns how many. */
static size_t split(const char *buf, size_t len, struct probe_exchange *ex)
{
    size_t n = 0, pos = 0;

    while (pos < len && n < EXCHANGES_MAX) {
        const char *p = buf + pos, *sep = NULL, *end;
        size_t rest = len - pos, i, body;
        unsigned d = (unsigned char)p[0];
        /* The descriptor is never part of a separator. */
        for (i = 1; i + 4 <= rest; i++)
            if (memcmp(p + i, SEPARATOR, 4) == 0) {
                sep = p + i;
                break;
            }
        end = sep ? sep : buf + len;
        memset(&ex[n], 0, sizeof ex[n]);
        ex[n].kind = (d & 7) <= 5 ? (enum probe_kind)(d & 7) : PROBE_PLAIN;
        ex[n].url = urls[(d >> 3) & 3];
        ex[n].location = ((d >> 5) & 3) == 3 ? NULL : urls[(d >> 5) & 3];
        ex[n].cut = (d >> 7) & 1;
        ex[n].data = p + 1;
        ex[n].len = (size_t)(end - p) - 1;
        body = ex[n].len;
        for (i = 0; i + 4 <= ex[n].len; i++)
            if (memcmp(ex[n].data + i, "\r\n\r\n", 4) == 0) {
                body = i + 4;
                break;
            }
        ex[n].content = body;
        n++;
        pos = sep ? (size_t)(sep - buf) + 4 : len;
    }
    return n;
}

/* Lints the exchanges, leaving out those the linter cannot read; the
 * code is the last response's. Returns how many are left. */
static size_t lint_all(struct probe_exchange *ex, size_t n,
                       struct lint_report *reps)
{
    struct lint_options opt;
    size_t i, kept = 0;

    memset(&opt, 0, sizeof opt);
    opt.now = 784111777LL;
    for (i = 0; i < n; i++) {
        opt.method = ex[i].kind == PROBE_HEAD ? "HEAD" : "GET";
        opt.content_cut = ex[i].cut;
        if (lint_run(&opt, ex[i].data, ex[i].len, &reps[kept]) != 0) {
            lint_report_free(&reps[kept]);
            continue;
        }
        ex[kept] = ex[i];
        ex[kept].report = &reps[kept];
        ex[kept].code = reps[kept].responses[reps[kept].nresponses - 1].code;
        kept++;
    }
    return kept;
}

/* Every finding's rule, in order, into out (at most max); the count. */
static size_t findings(const struct lint_report *reps, size_t n, int *out,
                       size_t max)
{
    size_t i, j, k, count = 0;

    for (i = 0; i < n; i++) {
        size_t total = 0;
        for (j = 0; j < reps[i].nresponses; j++) {
            const struct response *r = &reps[i].responses[j];
            for (k = 0; k < r->nfindings; k++) {
                CHECK(printable(r->findings[k].message));
                CHECK(printable(r->findings[k].fix));
                if (count < max)
                    out[count] = (int)r->findings[k].rule;
                count++;
            }
            total += r->nfindings;
        }
        CHECK(reps[i].errors + reps[i].warnings + reps[i].notes == total);
    }
    return count;
}

static size_t analyse(const char *buf, size_t len, int *out, size_t max)
{
    struct probe_exchange ex[EXCHANGES_MAX];
    struct lint_report reps[EXCHANGES_MAX];
    struct lint_options opt;
    size_t n = lint_all(ex, split(buf, len, ex), reps), plain = 0, i, count;
    const char *target;
    enum probe_next next;
    int k;

    while (plain < n && ex[plain].kind == PROBE_PLAIN)
        plain++;
    if (plain > 0) {
        for (k = PROBE_IF_NONE_MATCH; k <= PROBE_GZIP; k++) {
            char *field = (char *)"unset";
            int yes = probe_plan((enum probe_kind)k, &ex[plain - 1], &field);
            if (k == PROBE_HEAD) {
                CHECK(yes && field == NULL);
                continue;
            }
            CHECK(yes == (field != NULL));
            if (field) {
                CHECK(strncmp(field, field_names[k], strlen(field_names[k])) ==
                      0);
                CHECK(strpbrk(field, "\r\n") == NULL);
                free(field);
            }
        }
    }
    next = probe_next(ex, plain, &target);
    CHECK((next == PROBE_NEXT_DONE) == (target == NULL));
    if (target)
        CHECK(target == ex[plain - 1].location);

    memset(&opt, 0, sizeof opt);
    opt.now = 784111777LL;
    probe_check(&opt, ex, n);
    count = findings(reps, n, out, max);
    for (i = 0; i < n; i++)
        lint_report_free(&reps[i]);
    return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = copy_of(data, size);
    int first[256], second[256];
    size_t a = analyse(buf, size, first, 256);
    size_t b = analyse(buf, size, second, 256);

    CHECK(a == b);
    CHECK(memcmp(first, second, (a < 256 ? a : 256) * sizeof first[0]) == 0);
    free(buf);
    return 0;
}
