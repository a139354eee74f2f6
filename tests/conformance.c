/*
 * conformance.c: compares this project with the reference material kept
 * beside the checkout (../shared), which make test never needs.
 *
 *  1. The committed IANA snapshot (tests/data/iana-registry.tsv) still
 *     says what shared/data/iana-status-codes.csv says, so the unit tests
 *     that check the table against the snapshot check it against IANA.
 *  2. Every spelling in shared/data/peer-phrases.csv is in the committed
 *     tests/data/peer-spellings.tsv, which the unit tests resolve.
 *  3. The status-line parser against the cases from other parsers' test
 *     suites (statusline-cases.tsv) and against how eight parsers answer
 *     185 lines (statusline-matrix.tsv). Every disagreement is printed;
 *     docs/conformance.md explains each kind. The run fails when the
 *     number of disagreements changes, so a parser change that moves one
 *     cannot go unnoticed.
 *
 * Usage: conformance SHARED_DIR [TESTS_DATA_DIR]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"
#include "tsv.h"

/* The disagreements docs/conformance.md accounts for. */
#define EXPECTED_CASE_DIFFERENCES 13

static int failures;

static void fail(const char *what, const char *detail)
{
    failures++;
    printf("FAIL %s: %s\n", what, detail);
}

/* ------------------------------------------------------------ CSV */

/* Splits one CSV line in place (double-quoted fields, "" for a quote). */
static int csv_split(char *line, char **fields, int max)
{
    int n = 0;
    char *in = line, *out;

    while (n < max) {
        fields[n++] = out = in;
        if (*in == '"') {
            in++;
            for (;;) {
                if (*in == '\0')
                    break;
                if (in[0] == '"' && in[1] == '"') {
                    *out++ = '"';
                    in += 2;
                } else if (*in == '"') {
                    in++;
                    break;
                } else {
                    *out++ = *in++;
                }
            }
        }
        while (*in && *in != ',')
            *out++ = *in++;
        if (*in == ',') {
            *out = '\0';
            in++;
        } else {
            *out = '\0';
            break;
        }
    }
    return n;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    long size;
    char *buf;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)size + 1);
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[size] = '\0';
    fclose(f);
    return buf;
}

/* Calls row() for each CSV record after the header line. */
static int csv_each(const char *path, void (*row)(char **f, int n))
{
    char *buf = slurp(path), *line, *next;
    int rows = 0;

    if (!buf)
        return -1;
    line = strchr(buf, '\n');
    for (line = line ? line + 1 : buf + strlen(buf); *line; line = next) {
        char *fields[32];
        int n;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        else
            next = line + strlen(line);
        if (*line == '\0')
            continue;
        n = csv_split(line, fields, 32);
        row(fields, n);
        rows++;
    }
    free(buf);
    return rows;
}

/* ----------------------------------------------- 1. IANA snapshot */

static char snapshot[200][3][256];
static int snapshot_rows;

static void snapshot_row(char **f, int n, void *ctx)
{
    int i;

    (void)ctx;
    if (n != 3 || snapshot_rows == 200)
        return;
    for (i = 0; i < 3; i++)
        snprintf(snapshot[snapshot_rows][i], 256, "%s", f[i]);
    snapshot_rows++;
}

static int iana_rows, iana_matched;

static void iana_row(char **f, int n)
{
    int i;

    if (n != 3) {
        fail("IANA csv", "a row without three fields");
        return;
    }
    iana_rows++;
    for (i = 0; i < snapshot_rows; i++)
        if (strcmp(snapshot[i][0], f[0]) == 0) {
            if (strcmp(snapshot[i][1], f[1]) != 0 ||
                strcmp(snapshot[i][2], f[2]) != 0)
                fail("IANA snapshot differs at", f[0]);
            else
                iana_matched++;
            return;
        }
    fail("IANA snapshot lacks", f[0]);
}

/* --------------------------------------------- 2. peer spellings */

static char (*spellings)[2][128];
static int nspellings, peer_checked;

static void spelling_row(char **f, int n, void *ctx)
{
    (void)ctx;
    if (n != 4 || nspellings == 1000)
        return;
    snprintf(spellings[nspellings][0], 128, "%s", f[0]);
    snprintf(spellings[nspellings][1], 128, "%s", f[1]);
    nspellings++;
}

static int have_spelling(const char *code, const char *text)
{
    int i;

    for (i = 0; i < nspellings; i++)
        if (strcmp(spellings[i][0], code) == 0 &&
            strcmp(spellings[i][1], text) == 0)
            return 1;
    return 0;
}

static void peer_row(char **f, int n)
{
    int i;

    /* code, iana_status, iana, then one column per library, and a last
     * note column. */
    for (i = 3; i < n - 1; i++) {
        char *part = f[i], *bar;
        if (*part == '\0')
            continue;
        do {
            char *colon;
            bar = strstr(part, " | ");
            if (bar)
                *bar = '\0';
            /* "vendor: Phrase" in the npm http-status extra column; no
             * phrase has a lower-case word and a colon at its start. */
            colon = strstr(part, ": ");
            if (colon && part[0] >= 'a' && part[0] <= 'z')
                part = colon + 2;
            peer_checked++;
            if (!have_spelling(f[0], part)) {
                char detail[300];
                snprintf(detail, sizeof detail, "%s %s", f[0], part);
                fail("peer spelling missing from tests/data", detail);
            }
            part = bar ? bar + 3 : NULL;
        } while (part);
    }
}

/* ------------------------------------------ 3. status-line cases */

/* Prints at most 48 bytes of a line, with its control bytes escaped. */
static void print_escaped(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len && i < 48; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r')
            printf("\\r");
        else if (c == '\n')
            printf("\\n");
        else if (c < 0x20 || c >= 0x7f)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    if (len > 48)
        printf("... (%zu bytes)", len);
}

static int cases, case_agree, case_lenient, case_differ;

static const char *describe(int r)
{
    return r > 0                         ? "ok"
           : r == HTTPSTATUS_EINCOMPLETE ? "incomplete"
                                         : "invalid";
}

static void case_row(char **f, int n, void *ctx)
{
    struct httpstatus_line line;
    size_t len;
    int strict, lenient, agree;
    const char *note = n > 7 ? f[7] : "";

    (void)ctx;
    if (n < 8 || strcmp(f[0], "input") == 0)
        return;
    cases++;
    len = tsv_unescape(f[0]);
    strict = httpstatus_parse_line(f[0], len, &line);
    if (strcmp(f[1], "ok") == 0) {
        agree = strict > 0 && line.major == atoi(f[2]) &&
                line.minor == atoi(f[3]) && line.code == atoi(f[4]);
        if (agree) {
            char reason[512];
            snprintf(reason, sizeof reason, "%s", f[5]);
            tsv_unescape(reason);
            agree = line.reason_len == strlen(reason) &&
                    memcmp(line.reason, reason, line.reason_len) == 0;
        }
    } else {
        agree = strict == HTTPSTATUS_EINVALID ||
                (strict == HTTPSTATUS_EINCOMPLETE &&
                 strstr(note, "incomplete") != NULL);
    }
    if (agree) {
        case_agree++;
        return;
    }
    lenient =
        httpstatus_parse_line_ex(f[0], len, &line, HTTPSTATUS_LENIENT_ALL);
    if (strcmp(f[1], "ok") == 0 && lenient > 0) {
        case_lenient++;
        return; /* accepted with the documented leniency flags */
    }
    case_differ++;
    printf("  differs: expected %s, strict %s, lenient %s: ", f[1],
           describe(strict), describe(lenient));
    print_escaped(f[0], len);
    printf(" (%s)\n", f[6]);
}

/* The matrix: for each parser, how often it and our strict parser agree
 * on ok/error. */
#define PARSERS 8
static char parser_names[PARSERS][64];
static int matrix_rows, matrix_skipped, matrix_agree[PARSERS],
    matrix_agree_lenient[PARSERS];

static void matrix_row(char **f, int n, void *ctx)
{
    struct httpstatus_line line;
    size_t len;
    int i, strict_ok, lenient_ok;

    (void)ctx;
    if (n < 1 + PARSERS)
        return;
    if (strcmp(f[0], "input") == 0) {
        for (i = 0; i < PARSERS; i++)
            snprintf(parser_names[i], sizeof parser_names[i], "%s", f[1 + i]);
        return;
    }
    /* Long lines are abbreviated in the matrix ("...[65553 bytes]"); the
     * cases file has them whole. */
    if (strstr(f[0], "...[") && strstr(f[0], " bytes]")) {
        matrix_skipped++;
        return;
    }
    matrix_rows++;
    len = tsv_unescape(f[0]);
    strict_ok = httpstatus_parse_line(f[0], len, &line) > 0;
    lenient_ok =
        httpstatus_parse_line_ex(f[0], len, &line, HTTPSTATUS_LENIENT_ALL) > 0;
    for (i = 0; i < PARSERS; i++) {
        int theirs = strncmp(f[1 + i], "ok", 2) == 0;
        matrix_agree[i] += theirs == strict_ok;
        matrix_agree_lenient[i] += theirs == lenient_ok;
    }
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    const char *data = argc > 2 ? argv[2] : "tests/data";
    char path[1024];
    int i;

    printf("IANA registry:\n");
    snprintf(path, sizeof path, "%s/iana-registry.tsv", data);
    tsv_read(path, snapshot_row, NULL);
    snprintf(path, sizeof path, "%s/data/iana-status-codes.csv", shared);
    if (csv_each(path, iana_row) < 0)
        fail("cannot read", path);
    if (iana_rows != snapshot_rows)
        fail("IANA snapshot", "row counts differ");
    printf("  %d of %d rows of %s match tests/data\n", iana_matched, iana_rows,
           path);

    printf("peer spellings:\n");
    spellings = calloc(1000, sizeof *spellings);
    snprintf(path, sizeof path, "%s/peer-spellings.tsv", data);
    tsv_read(path, spelling_row, NULL);
    snprintf(path, sizeof path, "%s/data/peer-phrases.csv", shared);
    if (csv_each(path, peer_row) < 0)
        fail("cannot read", path);
    printf("  %d spellings checked against tests/data\n", peer_checked);
    free(spellings);

    printf("status-line cases:\n");
    snprintf(path, sizeof path, "%s/conformance/statusline-cases.tsv", shared);
    if (tsv_read(path, case_row, NULL) < 0)
        fail("cannot read", path);
    printf("  %d cases: %d agree strictly, %d need a leniency flag, %d "
           "differ\n",
           cases, case_agree, case_lenient, case_differ);
    if (case_differ != EXPECTED_CASE_DIFFERENCES)
        fail("status-line cases",
             "the number of disagreements changed: update "
             "docs/conformance.md and EXPECTED_CASE_DIFFERENCES");

    printf("status-line matrix (ok/error agreement, strict / lenient):\n");
    snprintf(path, sizeof path, "%s/conformance/statusline-matrix.tsv",
             shared);
    if (tsv_read(path, matrix_row, NULL) < 0)
        fail("cannot read", path);
    for (i = 0; i < PARSERS; i++)
        printf("  %-20s %3d / %3d of %d\n", parser_names[i], matrix_agree[i],
               matrix_agree_lenient[i], matrix_rows);
    printf("  (%d abbreviated long lines left out)\n", matrix_skipped);

    printf("%s\n", failures ? "conformance: FAILED" : "conformance: ok");
    return failures ? 1 : 0;
}
