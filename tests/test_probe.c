/* test_probe.c: check --probe's analysis (check/probe.c) on exchanges
 * written out by hand, each linted by lint_run() as the command does:
 * which probes are sent with which field, where a redirect chain goes,
 * and which rule each wrong answer breaks; and the linter's content_cut,
 * which the fetch's content limit sets. No network. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "probe.h"

#define DATE   "Sun, 06 Nov 1994 08:49:37 GMT"
#define LATER  "Sun, 06 Nov 1994 08:49:38 GMT"
#define DIGITS "0123456789"
#define HUNDRED                                                               \
    DIGITS DIGITS DIGITS DIGITS DIGITS DIGITS DIGITS DIGITS DIGITS DIGITS

/* An exchange of the given kind whose bytes are text: one response, its
 * content after the first empty line. */
static struct probe_exchange exchange(enum probe_kind kind, int code,
                                      const char *text)
{
    struct probe_exchange e;
    const char *end = strstr(text, "\r\n\r\n");

    memset(&e, 0, sizeof e);
    e.kind = kind;
    e.code = code;
    e.url = "http://example.test/r";
    e.data = text;
    e.len = strlen(text);
    e.head = 0;
    e.content = end ? (size_t)(end - text) + 4 : e.len;
    return e;
}

/* Lints each exchange (with its method), runs probe_check() over them,
 * and returns 1 when the rule was found in exchange `in`; frees it all. */
static int found_in(struct probe_exchange *ex, size_t n, enum rule rule,
                    size_t in)
{
    struct lint_report reps[12];
    struct lint_options opt;
    size_t i, j, k;
    int found = 0;

    if (n > sizeof reps / sizeof reps[0])
        return -1;
    memset(&opt, 0, sizeof opt);
    opt.now = -1;
    for (i = 0; i < n; i++) {
        opt.method = ex[i].kind == PROBE_HEAD ? "HEAD" : "GET";
        CHECK(lint_run(&opt, ex[i].data, ex[i].len, &reps[i]) == 0);
        ex[i].report = &reps[i];
    }
    opt.method = NULL;
    probe_check(&opt, ex, n);
    for (i = 0; i < n; i++) {
        for (j = 0; j < reps[i].nresponses; j++)
            for (k = 0; k < reps[i].responses[j].nfindings; k++)
                if (i == in && reps[i].responses[j].findings[k].rule == rule)
                    found = 1;
        lint_report_free(&reps[i]);
    }
    return found;
}

/* The rule is found in the second of two exchanges: a plain GET whose
 * response is `plain`, then a probe of the kind. */
static int probe_finds(const char *plain, enum probe_kind kind, int code,
                       const char *answer, enum rule rule)
{
    struct probe_exchange ex[2];

    ex[0] = exchange(PROBE_PLAIN, 200, plain);
    ex[1] = exchange(kind, code, answer);
    return found_in(ex, 2, rule, 1);
}

static const char plain200[] = "HTTP/1.1 200 OK\r\n"
                               "Date: " DATE "\r\n"
                               "ETag: \"v1\"\r\n"
                               "Last-Modified: " DATE "\r\n"
                               "Cache-Control: max-age=60\r\n"
                               "Accept-Ranges: bytes\r\n"
                               "Content-Type: text/plain\r\n"
                               "Content-Length: 100\r\n"
                               "\r\n" HUNDRED;

/* ------------------------------------------------------------ planning */

static int plan(enum probe_kind kind, int code, const char *text,
                const char *want)
{
    struct probe_exchange e = exchange(PROBE_PLAIN, code, text);
    char *field = (char *)"unset";
    int yes = probe_plan(kind, &e, &field);
    int same = want ? field && strcmp(field, want) == 0 : field == NULL;

    free(field);
    return yes == (want != NULL || kind == PROBE_HEAD) && same;
}

static void probes_are_planned_from_the_validators(void)
{
    CHECK(plan(PROBE_IF_NONE_MATCH, 200, plain200, "If-None-Match: \"v1\""));
    CHECK(plan(PROBE_IF_MODIFIED_SINCE, 200, plain200,
               "If-Modified-Since: " DATE));
    CHECK(plan(PROBE_RANGE, 200, plain200, "Range: bytes=0-9"));
    CHECK(plan(PROBE_GZIP, 200, plain200, "Accept-Encoding: gzip"));
    CHECK(plan(PROBE_HEAD, 200, plain200, NULL));
    CHECK(plan(PROBE_PLAIN, 200, plain200, NULL));
    CHECK(plan(PROBE_IF_NONE_MATCH, 200,
               "HTTP/1.1 200 OK\r\nETag: W/\"x\"\r\n\r\n",
               "If-None-Match: W/\"x\""));
    CHECK(plan(PROBE_IF_NONE_MATCH, 200,
               "HTTP/2 200 \r\netag:  \"lower\"  \r\n\r\n",
               "If-None-Match: \"lower\""));
}

static void probes_that_do_not_apply_are_not_sent(void)
{
    /* No validator, or one that is not valid. */
    CHECK(plan(PROBE_IF_NONE_MATCH, 200, "HTTP/1.1 200 OK\r\n\r\n", NULL));
    CHECK(plan(PROBE_IF_NONE_MATCH, 200, "HTTP/1.1 200 OK\r\nETag: v1\r\n\r\n",
               NULL));
    CHECK(plan(PROBE_IF_NONE_MATCH, 200,
               "HTTP/1.1 200 OK\r\nETag: \"a\"\r\nETag: \"b\"\r\n\r\n", NULL));
    CHECK(plan(PROBE_IF_NONE_MATCH, 200,
               "HTTP/1.1 200 OK\r\nETag: \"a\rX-Evil: 1\"\r\n\r\n", NULL));
    CHECK(plan(PROBE_IF_MODIFIED_SINCE, 200,
               "HTTP/1.1 200 OK\r\nLast-Modified: yesterday\r\n\r\n", NULL));
    /* Only a 200 is asked again, but for HEAD. */
    CHECK(plan(PROBE_IF_NONE_MATCH, 404, plain200, NULL));
    CHECK(plan(PROBE_RANGE, 301, plain200, NULL));
    CHECK(plan(PROBE_GZIP, 500, plain200, NULL));
    CHECK(plan(PROBE_HEAD, 404, plain200, NULL));
}

/* ----------------------------------------------------------- redirects */

static struct probe_exchange hop(int code, const char *url,
                                 const char *location)
{
    struct probe_exchange e = exchange(PROBE_PLAIN, code,
                                       "HTTP/1.1 302 Found\r\n"
                                       "Location: /x\r\n"
                                       "Content-Length: 0\r\n\r\n");
    e.url = url;
    e.location = location;
    return e;
}

static void redirect_chains_go_on_until_they_end_or_loop(void)
{
    struct probe_exchange c[12];
    const char *target;
    char urls[12][32];
    size_t i;

    c[0] = hop(302, "http://a.test/1", "http://a.test/2");
    CHECK(probe_next(c, 1, &target) == PROBE_NEXT_FOLLOW &&
          strcmp(target, "http://a.test/2") == 0);
    c[0].location = "http://a.test/1";
    CHECK(probe_next(c, 1, &target) == PROBE_NEXT_LOOP);
    c[0].location = "http://a.test/2";
    c[1] = hop(301, "http://a.test/2", "http://a.test/1");
    CHECK(probe_next(c, 2, &target) == PROBE_NEXT_LOOP);
    c[1] = hop(200, "http://a.test/2", NULL);
    CHECK(probe_next(c, 2, &target) == PROBE_NEXT_DONE && target == NULL);
    /* Not a redirect check follows: 300, 304, another scheme. */
    c[1] = hop(300, "http://a.test/2", "http://a.test/3");
    CHECK(probe_next(c, 2, &target) == PROBE_NEXT_DONE);
    c[1] = hop(304, "http://a.test/2", "http://a.test/3");
    CHECK(probe_next(c, 2, &target) == PROBE_NEXT_DONE);
    c[1] = hop(307, "http://a.test/2", "ftp://a.test/3");
    CHECK(probe_next(c, 2, &target) == PROBE_NEXT_DONE);
    c[1] = hop(308, "http://a.test/2", "HTTPS://a.test/3");
    CHECK(probe_next(c, 2, &target) == PROBE_NEXT_FOLLOW);
    CHECK(probe_next(c, 0, &target) == PROBE_NEXT_DONE);
    /* Ten followed, and an eleventh redirect: the limit. */
    for (i = 0; i < 12; i++)
        snprintf(urls[i], sizeof urls[i], "http://a.test/%zu", i);
    for (i = 0; i < 11; i++)
        c[i] = hop(302, urls[i], urls[i + 1]);
    CHECK(probe_next(c, 10, &target) == PROBE_NEXT_FOLLOW);
    CHECK(probe_next(c, 11, &target) == PROBE_NEXT_LIMIT);
}

static void a_loop_and_the_limit_are_findings(void)
{
    struct probe_exchange c[11];
    char urls[12][32];
    size_t i;

    c[0] = hop(302, "http://a.test/", "http://a.test/");
    CHECK(found_in(c, 1, RULE_PROBE_REDIRECT_LOOP, 0));
    c[0] = hop(302, "http://a.test/", "http://a.test/b");
    c[1] = hop(302, "http://a.test/b", "http://a.test/");
    CHECK(found_in(c, 2, RULE_PROBE_REDIRECT_LOOP, 1));
    CHECK(!found_in(c, 2, RULE_PROBE_REDIRECT_LOOP, 0));
    c[1] = hop(302, "http://a.test/b", "http://a.test/c");
    CHECK(!found_in(c, 2, RULE_PROBE_REDIRECT_LOOP, 1));
    for (i = 0; i < 12; i++)
        snprintf(urls[i], sizeof urls[i], "http://a.test/%zu", i);
    for (i = 0; i < 11; i++)
        c[i] = hop(302, urls[i], urls[i + 1]);
    CHECK(found_in(c, 11, RULE_PROBE_REDIRECT_LIMIT, 10));
    CHECK(!found_in(c, 10, RULE_PROBE_REDIRECT_LIMIT, 9));
}

/* --------------------------------------------------------- conditions */

static void a_condition_answered_in_full_is_found(void)
{
    static const char again[] = "HTTP/1.1 200 OK\r\n"
                                "ETag: \"v1\"\r\n"
                                "Last-Modified: " DATE "\r\n"
                                "Content-Length: 0\r\n\r\n";
    static const char changed[] = "HTTP/1.1 200 OK\r\n"
                                  "ETag: \"v2\"\r\n"
                                  "Last-Modified: " LATER "\r\n"
                                  "Content-Length: 0\r\n\r\n";
    static const char weak[] = "HTTP/1.1 200 OK\r\n"
                               "ETag: W/\"v1\"\r\n"
                               "Content-Length: 0\r\n\r\n";

    CHECK(probe_finds(plain200, PROBE_IF_NONE_MATCH, 200, again,
                      RULE_PROBE_IF_NONE_MATCH_IGNORED));
    CHECK(probe_finds(plain200, PROBE_IF_NONE_MATCH, 200, weak,
                      RULE_PROBE_IF_NONE_MATCH_IGNORED));
    CHECK(!probe_finds(plain200, PROBE_IF_NONE_MATCH, 200, changed,
                       RULE_PROBE_IF_NONE_MATCH_IGNORED));
    CHECK(probe_finds(plain200, PROBE_IF_MODIFIED_SINCE, 200, again,
                      RULE_PROBE_IF_MODIFIED_SINCE_IGNORED));
    CHECK(!probe_finds(plain200, PROBE_IF_MODIFIED_SINCE, 200, changed,
                       RULE_PROBE_IF_MODIFIED_SINCE_IGNORED));
}

static void a_304_keeps_the_fields_of_the_200(void)
{
    static const char full[] = "HTTP/1.1 304 Not Modified\r\n"
                               "Date: " DATE "\r\n"
                               "ETag: \"v1\"\r\n"
                               "Cache-Control: max-age=60\r\n\r\n";
    static const char bare[] = "HTTP/1.1 304 Not Modified\r\n"
                               "Date: " DATE "\r\n\r\n";

    CHECK(!probe_finds(plain200, PROBE_IF_NONE_MATCH, 304, full,
                       RULE_PROBE_FIELDS_MISSING));
    CHECK(!probe_finds(plain200, PROBE_IF_NONE_MATCH, 304, full,
                       RULE_PROBE_IF_NONE_MATCH_IGNORED));
    CHECK(probe_finds(plain200, PROBE_IF_NONE_MATCH, 304, bare,
                      RULE_PROBE_FIELDS_MISSING));
    CHECK(probe_finds(plain200, PROBE_IF_MODIFIED_SINCE, 304, bare,
                      RULE_PROBE_FIELDS_MISSING));
}

/* -------------------------------------------------------------- ranges */

#define PARTIAL(range, type, length, content)                                 \
    "HTTP/1.1 206 Partial Content\r\n"                                        \
    "Date: " DATE "\r\n"                                                      \
    "ETag: \"v1\"\r\n"                                                        \
    "Cache-Control: max-age=60\r\n"                                           \
    "Content-Type: " type "\r\n"                                              \
    "Content-Range: " range "\r\n"                                            \
    "Content-Length: " length "\r\n\r\n" content

static int range_finds(const char *answer, enum rule rule)
{
    return probe_finds(plain200, PROBE_RANGE, 206, answer, rule);
}

static void the_range_asked_for_is_the_range_sent(void)
{
    CHECK(!range_finds(PARTIAL("bytes 0-9/100", "text/plain", "10", DIGITS),
                       RULE_PROBE_RANGE_WRONG));
    /* A part of it is fine too. */
    CHECK(!range_finds(PARTIAL("bytes 2-4/100", "text/plain", "3", "234"),
                       RULE_PROBE_RANGE_WRONG));
    CHECK(range_finds(PARTIAL("bytes 10-19/100", "text/plain", "10", DIGITS),
                      RULE_PROBE_RANGE_WRONG));
    CHECK(range_finds(PARTIAL("bytes 0-9/100", "text/plain", "5", "01234"),
                      RULE_PROBE_RANGE_WRONG));
    CHECK(range_finds(PARTIAL("bytes 0-9/99", "text/plain", "10", DIGITS),
                      RULE_PROBE_RANGE_WRONG));
    CHECK(
        range_finds(PARTIAL("bytes 0-9/100", "text/plain", "10", "abcdefghij"),
                    RULE_PROBE_RANGE_WRONG));
    CHECK(
        range_finds(PARTIAL("bytes 0-9/100",
                            "multipart/byteranges; boundary=x", "10", DIGITS),
                    RULE_PROBE_RANGE_WRONG));
    /* An unreadable Content-Range is the core rules' to report. */
    CHECK(!range_finds(PARTIAL("bytes 9-0/100", "text/plain", "10", DIGITS),
                       RULE_PROBE_RANGE_WRONG));
}

static void bytes_are_compared_only_under_one_strong_etag(void)
{
    static const char weak[] = "HTTP/1.1 206 Partial Content\r\n"
                               "ETag: W/\"v1\"\r\n"
                               "Content-Range: bytes 0-9/99\r\n"
                               "Content-Length: 10\r\n\r\nabcdefghij";
    static const char other[] = "HTTP/1.1 206 Partial Content\r\n"
                                "ETag: \"v2\"\r\n"
                                "Content-Range: bytes 0-9/99\r\n"
                                "Content-Length: 10\r\n\r\nabcdefghij";

    CHECK(!range_finds(weak, RULE_PROBE_RANGE_WRONG));
    CHECK(!range_finds(other, RULE_PROBE_RANGE_WRONG));
}

static void a_206_keeps_the_fields_of_the_200(void)
{
    static const char bare[] = "HTTP/1.1 206 Partial Content\r\n"
                               "Content-Range: bytes 0-9/100\r\n"
                               "Content-Length: 10\r\n\r\n" DIGITS;

    CHECK(range_finds(bare, RULE_PROBE_FIELDS_MISSING));
    CHECK(!range_finds(PARTIAL("bytes 0-9/100", "text/plain", "10", DIGITS),
                       RULE_PROBE_FIELDS_MISSING));
}

static void a_whole_answer_to_a_range_is_a_note_after_accept_ranges(void)
{
    static const char quiet[] = "HTTP/1.1 200 OK\r\n"
                                "Content-Length: 10\r\n\r\n" DIGITS;

    CHECK(probe_finds(plain200, PROBE_RANGE, 200, plain200,
                      RULE_PROBE_RANGE_IGNORED));
    CHECK(!probe_finds(quiet, PROBE_RANGE, 200, quiet,
                       RULE_PROBE_RANGE_IGNORED));
}

/* ---------------------------------------------------------------- HEAD */

static void head_answers_as_get(void)
{
    static const char same[] = "HTTP/1.1 200 OK\r\n"
                               "ETag: \"v1\"\r\n"
                               "Content-Type: TEXT/PLAIN; charset=utf-8\r\n"
                               "Content-Length: 100\r\n\r\n";
    static const char untyped[] = "HTTP/1.1 200 OK\r\n"
                                  "ETag: \"v1\"\r\n"
                                  "Content-Length: 100\r\n\r\n";
    static const char html[] = "HTTP/1.1 200 OK\r\n"
                               "Content-Type: text/html\r\n\r\n";
    static const char longer[] = "HTTP/1.1 200 OK\r\n"
                                 "ETag: \"v1\"\r\n"
                                 "Content-Type: text/plain\r\n"
                                 "Content-Length: 101\r\n\r\n";
    static const char other[] = "HTTP/1.1 200 OK\r\n"
                                "ETag: \"v2\"\r\n"
                                "Content-Type: text/plain\r\n"
                                "Content-Length: 101\r\n\r\n";
    static const char missing[] = "HTTP/1.1 404 Not Found\r\n"
                                  "Content-Type: text/plain\r\n\r\n";

    CHECK(!probe_finds(plain200, PROBE_HEAD, 200, same,
                       RULE_PROBE_HEAD_DIFFERS));
    CHECK(
        !probe_finds(plain200, PROBE_HEAD, 200, same, RULE_PROBE_HEAD_LENGTH));
    CHECK(probe_finds(plain200, PROBE_HEAD, 404, missing,
                      RULE_PROBE_HEAD_DIFFERS));
    CHECK(probe_finds(plain200, PROBE_HEAD, 200, untyped,
                      RULE_PROBE_HEAD_DIFFERS));
    CHECK(
        probe_finds(plain200, PROBE_HEAD, 200, html, RULE_PROBE_HEAD_DIFFERS));
    CHECK(probe_finds(plain200, PROBE_HEAD, 200, longer,
                      RULE_PROBE_HEAD_LENGTH));
    /* Another representation may have another length. */
    CHECK(!probe_finds(plain200, PROBE_HEAD, 200, other,
                       RULE_PROBE_HEAD_LENGTH));
}

/* ---------------------------------------------------------------- gzip */

static void a_negotiated_coding_needs_vary_on_both(void)
{
    static const char plain[] = "HTTP/1.1 200 OK\r\n"
                                "Content-Length: 10\r\n\r\n" DIGITS;
    static const char varied[] = "HTTP/1.1 200 OK\r\n"
                                 "Vary: Accept, accept-encoding\r\n"
                                 "Content-Length: 10\r\n\r\n" DIGITS;
    static const char gzip[] = "HTTP/1.1 200 OK\r\n"
                               "Content-Encoding: gzip\r\n"
                               "Content-Length: 3\r\n\r\nxyz";
    static const char gzip_varied[] = "HTTP/1.1 200 OK\r\n"
                                      "Content-Encoding: gzip\r\n"
                                      "Vary: Accept-Encoding\r\n"
                                      "Content-Length: 3\r\n\r\nxyz";
    static const char gzip_unstored[] = "HTTP/1.1 200 OK\r\n"
                                        "Content-Encoding: gzip\r\n"
                                        "Cache-Control: no-store\r\n"
                                        "Content-Length: 3\r\n\r\nxyz";
    struct probe_exchange ex[2];

    CHECK(probe_finds(plain, PROBE_GZIP, 200, gzip,
                      RULE_PROBE_VARY_ACCEPT_ENCODING));
    ex[0] = exchange(PROBE_PLAIN, 200, plain);
    ex[1] = exchange(PROBE_GZIP, 200, gzip);
    CHECK(found_in(ex, 2, RULE_PROBE_VARY_ACCEPT_ENCODING, 0));
    ex[0] = exchange(PROBE_PLAIN, 200, varied);
    ex[1] = exchange(PROBE_GZIP, 200, gzip_varied);
    CHECK(!found_in(ex, 2, RULE_PROBE_VARY_ACCEPT_ENCODING, 0));
    CHECK(!found_in(ex, 2, RULE_PROBE_VARY_ACCEPT_ENCODING, 1));
    CHECK(!probe_finds(plain, PROBE_GZIP, 200, gzip_unstored,
                       RULE_PROBE_VARY_ACCEPT_ENCODING));
    /* Always gzip: nothing was negotiated. */
    CHECK(!probe_finds(gzip, PROBE_GZIP, 200, gzip,
                       RULE_PROBE_VARY_ACCEPT_ENCODING));
    CHECK(!probe_finds(plain, PROBE_GZIP, 200, plain,
                       RULE_PROBE_VARY_ACCEPT_ENCODING));
}

/* ---------------------------------------------------------- robustness */

static void odd_offsets_and_disabled_rules_are_safe(void)
{
    static const char again[] = "HTTP/1.1 200 OK\r\n"
                                "ETag: \"v1\"\r\n\r\n";
    struct probe_exchange ex[2];
    struct lint_report reps[2];
    struct lint_options opt;
    unsigned char none[RULE_COUNT];
    size_t i;

    ex[0] = exchange(PROBE_PLAIN, 200, plain200);
    ex[1] = exchange(PROBE_IF_NONE_MATCH, 200, again);
    ex[1].head = 1000;
    ex[1].content = 5000;
    CHECK(!found_in(ex, 2, RULE_PROBE_IF_NONE_MATCH_IGNORED, 1));
    ex[1] = exchange(PROBE_IF_NONE_MATCH, 200, again);
    ex[1].content = 3;
    CHECK(!found_in(ex, 2, RULE_PROBE_IF_NONE_MATCH_IGNORED, 1));

    memset(none, 0, sizeof none);
    memset(&opt, 0, sizeof opt);
    opt.now = -1;
    opt.enabled = none;
    ex[1] = exchange(PROBE_IF_NONE_MATCH, 200, again);
    for (i = 0; i < 2; i++) {
        CHECK(lint_run(&opt, ex[i].data, ex[i].len, &reps[i]) == 0);
        ex[i].report = &reps[i];
    }
    probe_check(&opt, ex, 2);
    CHECK(reps[1].errors + reps[1].warnings + reps[1].notes == 0);
    for (i = 0; i < 2; i++)
        lint_report_free(&reps[i]);
}

static int has_rule(const struct lint_report *rep, enum rule rule)
{
    size_t j, k;

    for (j = 0; j < rep->nresponses; j++)
        for (k = 0; k < rep->responses[j].nfindings; k++)
            if (rep->responses[j].findings[k].rule == rule)
                return 1;
    return 0;
}

static void content_cut_by_the_fetch_is_no_length_mismatch(void)
{
    static const char cut[] = "HTTP/1.1 200 OK\r\n"
                              "Content-Length: 100\r\n\r\n" DIGITS;
    static const char more[] = "HTTP/1.1 200 OK\r\n"
                               "Content-Length: 5\r\n\r\n" DIGITS;
    static const char chunked[] = "HTTP/1.1 200 OK\r\n"
                                  "Transfer-Encoding: chunked\r\n\r\n"
                                  "a\r\n" DIGITS "\r\n64\r\n" DIGITS;
    struct lint_options opt;
    struct lint_report rep;

    memset(&opt, 0, sizeof opt);
    opt.now = -1;
    CHECK(lint_run(&opt, cut, strlen(cut), &rep) == 0);
    CHECK(rep.errors == 1 && has_rule(&rep, RULE_CONTENT_LENGTH_MISMATCH));
    lint_report_free(&rep);
    opt.content_cut = 1;
    CHECK(lint_run(&opt, cut, strlen(cut), &rep) == 0);
    CHECK(rep.errors == 0);
    lint_report_free(&rep);
    /* More content than Content-Length says is still a finding. */
    CHECK(lint_run(&opt, more, strlen(more), &rep) == 0);
    CHECK(rep.errors == 1);
    lint_report_free(&rep);
    /* Chunked content cut anywhere is no finding either. */
    CHECK(lint_run(&opt, chunked, strlen(chunked), &rep) == 0);
    CHECK(rep.errors == 0);
    lint_report_free(&rep);
    opt.content_cut = 0;
    CHECK(lint_run(&opt, chunked, strlen(chunked), &rep) == 0);
    CHECK(rep.errors == 1 && has_rule(&rep, RULE_CHUNKED_INCOMPLETE));
    lint_report_free(&rep);
}

void test_probe(void)
{
    run("the probes are planned from the plain response's validators",
        probes_are_planned_from_the_validators);
    run("probes that do not apply are not sent",
        probes_that_do_not_apply_are_not_sent);
    run("a redirect chain goes on until it ends, loops or reaches the limit",
        redirect_chains_go_on_until_they_end_or_loop);
    run("a redirect loop and the redirect limit are findings",
        a_loop_and_the_limit_are_findings);
    run("a condition answered in full is found",
        a_condition_answered_in_full_is_found);
    run("a 304 keeps the fields of the 200",
        a_304_keeps_the_fields_of_the_200);
    run("the range asked for is the range sent",
        the_range_asked_for_is_the_range_sent);
    run("bytes are compared only under one strong ETag",
        bytes_are_compared_only_under_one_strong_etag);
    run("a 206 keeps the fields of the 200",
        a_206_keeps_the_fields_of_the_200);
    run("a whole answer to a range is a note after Accept-Ranges: bytes",
        a_whole_answer_to_a_range_is_a_note_after_accept_ranges);
    run("HEAD is answered as GET is", head_answers_as_get);
    run("a coding negotiated by Accept-Encoding needs Vary on both answers",
        a_negotiated_coding_needs_vary_on_both);
    run("odd offsets and disabled rules are safe",
        odd_offsets_and_disabled_rules_are_safe);
    run("content cut short by the fetch is no length or chunk finding",
        content_cut_by_the_fetch_is_no_length_mismatch);
}
