/* test_line.c: status-line parse and format (src/line.c). */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS on glibc */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harness.h"
#include "httpstatus.h"

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

#define STRICT     0
#define LF         HTTPSTATUS_LENIENT_LF
#define SPACES     HTTPSTATUS_LENIENT_SPACES
#define EMPTY      HTTPSTATUS_LENIENT_EMPTY_LINES
#define MAJOR      HTTPSTATUS_LENIENT_MAJOR_ONLY
#define ALL        HTTPSTATUS_LENIENT_ALL
#define INVALID    HTTPSTATUS_EINVALID
#define INCOMPLETE HTTPSTATUS_EINCOMPLETE

struct line_case {
    const char *input;
    size_t len; /* embedded NULs count */
    unsigned flags;
    int result; /* bytes consumed, INVALID or INCOMPLETE */
    int major, minor, code;
    const char *reason;
};

#define CASE(input, ...)                                                      \
    {                                                                         \
        input, sizeof input - 1, __VA_ARGS__                                  \
    }

/* Each case in the strict parser's words first, then what the leniencies
 * change. The result counts the whole input unless said otherwise. */
static const struct line_case cases[] = {
    /* what RFC 9112, Section 4 allows */
    CASE("HTTP/1.1 200 OK\r\n", STRICT, 17, 1, 1, 200, "OK"),
    CASE("HTTP/1.0 404 Not Found\r\n", STRICT, 24, 1, 0, 404, "Not Found"),
    CASE("HTTP/1.1 200 \r\n", STRICT, 15, 1, 1, 200, ""),
    CASE("HTTP/1.1 200\r\n", STRICT, 14, 1, 1, 200, ""),
    CASE("HTTP/1.1 200  OK\r\n", STRICT, 18, 1, 1, 200, " OK"),
    CASE("HTTP/1.1 101 Switching Protocols\t\r\n", STRICT, 35, 1, 1, 101,
         "Switching Protocols\t"),
    CASE("HTTP/1.1 500 Ori\xc3\xabntatieprobleem\r\n", STRICT, 34, 1, 1, 500,
         "Ori\xc3\xabntatieprobleem"),
    CASE("HTTP/1.1 200 X\xffZ\r\n", STRICT, 18, 1, 1, 200, "X\xffZ"),
    CASE("HTTP/1.1 999 Done\r\n", STRICT, 19, 1, 1, 999, "Done"),
    CASE("HTTP/1.1 000 OK\r\n", STRICT, 17, 1, 1, 0, "OK"),
    CASE("HTTP/0.9 200 OK\r\n", STRICT, 17, 0, 9, 200, "OK"),
    CASE("HTTP/2.0 200 OK\r\n", STRICT, 17, 2, 0, 200, "OK"),
    CASE("HTTP/5.6 200 OK\r\n", STRICT, 17, 5, 6, 200, "OK"),
    CASE("HTTP/1.1 200 OK\r\nServer: x\r\n", STRICT, 17, 1, 1, 200, "OK"),
    CASE("HTTP/1.1 404 \"quoted\" (x) {y} ~\r\n", STRICT, 33, 1, 1, 404,
         "\"quoted\" (x) {y} ~"),

    /* what it does not */
    CASE("HTTP/1.1 200 OK\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200 OK\rX\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200 OK\r\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200 \x00\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1\x00"
         "200 OK\r\n",
         STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200 O\x7fK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200 O\x1bK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1  200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1\t200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 2 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 20 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 1000 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200X\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 20X OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 -10 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 0x1 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 20\xc2\xb9 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1  OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.01 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/01.1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/11.1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1. 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/A.B 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("http/1.1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTP/1.1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTPER/1.1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("RTSP/1.0 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("ICE/1.1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE(" HTTP/1.1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("\r\nHTTP/1.1 200 OK\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("GET / HTTP/1.1\r\n", STRICT, INVALID, 0, 0, 0, NULL),

    /* incomplete: a valid beginning */
    CASE("", STRICT, INCOMPLETE, 0, 0, 0, NULL),
    CASE("H", STRICT, INCOMPLETE, 0, 0, 0, NULL),
    CASE("HTTP/1.1", STRICT, INCOMPLETE, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200", STRICT, INCOMPLETE, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200 OK", STRICT, INCOMPLETE, 0, 0, 0, NULL),
    CASE("HTTP/1.1 200 OK\r", STRICT, INCOMPLETE, 0, 0, 0, NULL),

    /* the leniencies, one at a time and together */
    CASE("HTTP/1.1 200 OK\n", LF, 16, 1, 1, 200, "OK"),
    CASE("HTTP/1.0 200\n", LF, 13, 1, 0, 200, ""),
    CASE("HTTP/1.1 200 OK\rX\r\n", LF, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1   200   OK  \r\n", SPACES, 23, 1, 1, 200, "OK"),
    CASE("HTTP/1.1\t200\tOK\r\n", SPACES, 17, 1, 1, 200, "OK"),
    CASE("HTTP/1.1 200\rOK\r\n", SPACES, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/1.1 99 200 OK\r\n", SPACES, INVALID, 0, 0, 0, NULL),
    CASE("\r\n\r\nHTTP/1.1 200 OK\r\n", EMPTY, 21, 1, 1, 200, "OK"),
    CASE("\n\nHTTP/1.1 200 OK\n", EMPTY | LF, 18, 1, 1, 200, "OK"),
    CASE("\n\nHTTP/1.1 200 OK\n", EMPTY, INVALID, 0, 0, 0, NULL),
    CASE("\r\n", EMPTY, INCOMPLETE, 0, 0, 0, NULL),
    CASE("\r", EMPTY, INCOMPLETE, 0, 0, 0, NULL),
    CASE("\rHTTP/1.1 200 OK\r\n", EMPTY, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/2 200\r\n", MAJOR, 12, 2, 0, 200, ""),
    CASE("HTTP/3 404 \r\n", MAJOR, 13, 3, 0, 404, ""),
    CASE("HTTP/1.1 200 OK\r\n", MAJOR, 17, 1, 1, 200, "OK"),
    CASE("HTTP/2 200\r\n", STRICT, INVALID, 0, 0, 0, NULL),
    CASE("HTTP/2  200 \n", ALL, 13, 2, 0, 200, ""),
    CASE("HTTP/1.1 200 OK\r\n", 1u << 20, INVALID, 0, 0, 0, NULL),
};

static void parser_follows_the_case_table(void)
{
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct line_case *c = &cases[i];
        struct httpstatus_line line;
        size_t len = c->len;
        int got;

        got = httpstatus_parse_line_ex(c->input, len, &line, c->flags);
        if (got != c->result)
            printf("# case %zu: %d, want %d\n", i, got, c->result);
        CHECK(got == c->result);
        if (got > 0 && c->result > 0) {
            CHECK(line.major == c->major && line.minor == c->minor);
            CHECK(line.code == c->code);
            CHECK(line.reason_len == strlen(c->reason));
            CHECK(memcmp(line.reason, c->reason, line.reason_len) == 0);
            CHECK(line.reason >= c->input && line.reason <= c->input + len);
        }
        if (c->flags == STRICT) {
            struct httpstatus_line plain;
            CHECK(httpstatus_parse_line(c->input, len, &plain) == got);
        }
    }
}

static void every_prefix_of_a_line_is_incomplete(void)
{
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct line_case *c = &cases[i];
        struct httpstatus_line line;
        size_t len;

        if (c->result <= 0)
            continue;
        for (len = 0; len < (size_t)c->result; len++) {
            int got = httpstatus_parse_line_ex(c->input, len, &line, c->flags);
            /* An empty line may be consumed whole before the status line,
             * which leaves the rest a prefix as well. */
            CHECK(got == INCOMPLETE);
        }
    }
}

static void output_is_written_only_on_success(void)
{
    struct httpstatus_line line = {7, 7, 7, "x", 1};

    CHECK(httpstatus_parse_line("HTTP/1.1 20X\r\n", 14, &line) == INVALID);
    CHECK(httpstatus_parse_line("HTTP/1.1 200", 12, &line) == INCOMPLETE);
    CHECK(line.major == 7 && line.code == 7 && line.reason_len == 1);
    CHECK(httpstatus_parse_line("HTTP/1.1 200 OK\r\n", 17, NULL) == INVALID);
    CHECK(httpstatus_parse_line(NULL, 0, &line) == INCOMPLETE);
    CHECK(httpstatus_parse_line(NULL, 17, &line) == INVALID);
}

/* A buffer longer than INT_MAX bytes: a line that ends early in it still
 * parses. The mapping is never written past its first page, so it costs
 * address space, not memory. */
static void long_buffers_are_fine(void)
{
    size_t size = (size_t)INT_MAX + 4096;
    struct httpstatus_line line;
    char *area;

    if (sizeof(size_t) <= 4)
        return;
    area = mmap(NULL, size, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(area != MAP_FAILED);
    if (area == MAP_FAILED)
        return;
    memcpy(area, "HTTP/1.1 200 OK\r\n", 17);
    CHECK(httpstatus_parse_line(area, size, &line) == 17);
    memset(area + 15, 0, 2); /* "HTTP/1.1 200 OK" and NUL bytes */
    CHECK(httpstatus_parse_line(area, size, &line) == INVALID);
    memcpy(area, "X", 1);
    CHECK(httpstatus_parse_line(area, size, &line) == INVALID);
    munmap(area, size);
}

/* Places the input so that its last byte is the last readable byte before
 * a PROT_NONE page: any read past len faults, with or without ASan. */
static void parser_never_reads_past_len(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *area = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    size_t i;

    CHECK(area != MAP_FAILED);
    if (area == MAP_FAILED)
        return;
    CHECK(mprotect(area + page, (size_t)page, PROT_NONE) == 0);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t full = cases[i].len, len;
        for (len = 0; len <= full; len++) {
            char *at = area + page - len;
            struct httpstatus_line line;
            unsigned flags;
            memcpy(at, cases[i].input, len);
            for (flags = 0; flags <= ALL; flags++) {
                int got = httpstatus_parse_line_ex(at, len, &line, flags);
                CHECK(got <= (int)len);
            }
        }
    }
    memcpy(area + page - 9, "Not Found", 9);
    CHECK(httpstatus_lookup(area + page - 9, 9) == httpstatus_get(404));
    memcpy(area + page - 3, "404", 3);
    CHECK(httpstatus_lookup(area + page - 3, 3) == httpstatus_get(404));
    munmap(area, (size_t)page * 2);
}

/* ------------------------------------------------------------ format */

static void format_round_trips_every_code(void)
{
    int code, minor;

    for (minor = 0; minor <= 1; minor++)
        for (code = 100; code <= 599; code++) {
            char buf[HTTPSTATUS_LINE_MAX];
            struct httpstatus_line line;
            int n = httpstatus_format_line(buf, sizeof buf, minor, code);
            const char *reason = httpstatus_reason(code);

            CHECK(n > 0 && n < (int)sizeof buf);
            CHECK(n == (int)strlen(buf));
            CHECK(httpstatus_parse_line(buf, (size_t)n, &line) == n);
            CHECK(line.major == 1 && line.minor == minor);
            CHECK(line.code == code);
            CHECK(line.reason_len == strlen(reason) &&
                  memcmp(line.reason, reason, line.reason_len) == 0);
        }
}

static void format_has_snprintf_semantics(void)
{
    char full[HTTPSTATUS_LINE_MAX], buf[HTTPSTATUS_LINE_MAX + 8];
    int n = httpstatus_format_line(full, sizeof full, 1, 511);
    size_t size;

    CHECK(strcmp(full, "HTTP/1.1 511 Network Authentication Required\r\n") ==
          0);
    CHECK(n == 46);
    CHECK(httpstatus_format_line(NULL, 0, 1, 511) == n);
    for (size = 0; size <= (size_t)n + 2; size++) {
        memset(buf, '#', sizeof buf);
        CHECK(httpstatus_format_line(buf, size, 1, 511) == n);
        if (size > 0) {
            size_t written = size - 1 < (size_t)n ? size - 1 : (size_t)n;
            CHECK(memcmp(buf, full, written) == 0);
            CHECK(buf[written] == '\0');
            CHECK(buf[written + 1] == '#');
        } else {
            CHECK(buf[0] == '#');
        }
    }
    CHECK(httpstatus_format_line(buf, sizeof buf, 0, 432) == 27);
    CHECK(strcmp(buf, "HTTP/1.0 432 Client Error\r\n") == 0);
}

static void format_refuses_what_is_not_http_1(void)
{
    char buf[HTTPSTATUS_LINE_MAX] = "untouched";

    CHECK(httpstatus_format_line(buf, sizeof buf, 2, 200) == INVALID);
    CHECK(httpstatus_format_line(buf, sizeof buf, -1, 200) == INVALID);
    CHECK(httpstatus_format_line(buf, sizeof buf, 1, 99) == INVALID);
    CHECK(httpstatus_format_line(buf, sizeof buf, 1, 600) == INVALID);
    CHECK(httpstatus_format_line(buf, sizeof buf, 1, INT_MIN) == INVALID);
    CHECK(httpstatus_format_line(buf, sizeof buf, 1, INT_MAX) == INVALID);
    CHECK(httpstatus_format_line(NULL, 10, 1, 200) == INVALID);
    CHECK(strcmp(buf, "untouched") == 0);
}

void test_line(void)
{
    run("the parser follows RFC 9112 and the documented leniencies",
        parser_follows_the_case_table);
    run("every proper prefix of a valid line is incomplete",
        every_prefix_of_a_line_is_incomplete);
    run("the parser writes its output only on success and takes NULL",
        output_is_written_only_on_success);
    run("a buffer longer than INT_MAX bytes still parses",
        long_buffers_are_fine);
    run("nothing reads past len, even against a guard page",
        parser_never_reads_past_len);
    run("format then parse gives back every code and version",
        format_round_trips_every_code);
    run("format has snprintf semantics at every buffer size",
        format_has_snprintf_semantics);
    run("format refuses versions and codes outside HTTP/1.x and 100..599",
        format_refuses_what_is_not_http_1);
}
