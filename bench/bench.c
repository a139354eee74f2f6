/*
 * bench.c: libhttpstatus against peer code, printed as one report.
 *
 *   1. code -> reason:  httpstatus_reason(), httpstatus_get()->reason
 *                       vs a plain table[600], libmicrohttpd, libsoup
 *   2. text -> entry:   httpstatus_lookup() vs a gperf --ignore-case
 *                       perfect hash and a linear strcasecmp() scan
 *   3. status line:     httpstatus_parse_line() vs libsoup
 *   4. binary size:     size(1) output of the library objects, read from
 *                       the files the Makefile names on the command line
 *
 * Every figure is the median of REPS timed repetitions, taken in turn
 * across the candidates of a benchmark so that drift hits them alike. A
 * repetition runs whole passes over a shuffled workload for about
 * TARGET_NS; the results are summed into a volatile sink.
 */
#define _GNU_SOURCE
#include <libsoup/soup.h>
#include <microhttpd.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "gperf_keys.h"
#include "httpstatus.h"
#include "keys.h"

#define REPS      11
#define TARGET_NS 4e6 /* per repetition */
#define MAX_CANDS 8

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

static volatile uintptr_t sink;

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* xorshift64*: a fixed seed, so every run sees the same workloads. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717u;
}

static void shuffle(size_t *a, size_t n)
{
    size_t i;

    for (i = n; i > 1; i--) {
        size_t j = (size_t)(rng() % i), t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* ------------------------------------------------------------- the runner */

struct candidate {
    const char *name;
    uintptr_t (*pass)(void); /* one pass over the workload */
    size_t ops;              /* operations in one pass */
    long passes;             /* passes in one repetition */
    double ns[REPS];         /* ns/op of each repetition */
    double median;
};

static double run_passes(const struct candidate *c, long passes)
{
    double t0 = now_ns();
    uintptr_t acc = 0;
    long p;

    for (p = 0; p < passes; p++)
        acc += c->pass();
    sink += acc;
    return now_ns() - t0;
}

/* Times every candidate REPS times, in turn, and stores the medians. */
static void run(struct candidate *c, size_t n)
{
    double sorted[REPS];
    size_t i, r;

    for (i = 0; i < n; i++) {
        long passes = 1;
        double t;

        run_passes(&c[i], 1); /* warm caches and branch predictors */
        while ((t = run_passes(&c[i], passes)) < 1e6)
            passes *= 2;
        c[i].passes = (long)((double)passes * TARGET_NS / t) + 1;
    }
    for (r = 0; r < REPS; r++)
        for (i = 0; i < n; i++)
            c[i].ns[r] = run_passes(&c[i], c[i].passes) /
                         ((double)c[i].passes * (double)c[i].ops);
    for (i = 0; i < n; i++) {
        memcpy(sorted, c[i].ns, sizeof sorted);
        qsort(sorted, REPS, sizeof sorted[0], cmp_double);
        c[i].median = sorted[REPS / 2];
    }
}

/* ------------------------------------------------------------- the report */

#define RULE                                                                  \
    "-----------------------------------------------------------------------" \
    "----------------------------"

static void print_head(const char *title)
{
    printf("\n%s\n%-36s %9s  %-34s %9s %6s\n%s\n", title, "benchmark", "ours",
           "peer", "peer", "ratio", RULE);
}

/* One benchmark: c[0] is ours, the others are its peers. */
static void print_rows(const char *label, const struct candidate *c, size_t n)
{
    size_t i;

    for (i = 1; i < n; i++) {
        if (i == 1)
            printf("%-36s %9.2f  ", label, c[0].median);
        else
            printf("%-36s %9s  ", "", "");
        printf("%-34s %9.2f %5.2fx\n", c[i].name, c[i].median,
               c[i].median / c[0].median);
    }
}

static void print_bar(const char *what, int ok, const char *detail)
{
    printf("  %-6s  %-52s %s\n", ok ? "met" : "MISSED", what, detail);
}

/* ------------------------------------------------- 1. code -> reason */

#define NCODES 4096

/* The plain array the bars compare with: registered reasons by code,
 * class names in the holes of 100..599 (filled in main()). */
static const char *table[600] = {
#define XX(num, name, reason) [num] = reason,
    HTTPSTATUS_MAP(XX)
#undef XX
};

static const char *const class_names[] = {NULL,           "Informational",
                                          "Successful",   "Redirection",
                                          "Client Error", "Server Error"};

/* The table behind a call, with the library's range check: what a
 * library that stored the reasons in one array would cost. */
static NOINLINE const char *table_reason(int code)
{
    return code >= 100 && code <= 599 ? table[code] : NULL;
}

/* Unregistered codes in 100..599, some of them vendor codes. */
static const int unregistered[] = {105, 150, 199, 209, 250, 299, 309, 350, 399,
                                   419, 420, 427, 430, 440, 444, 450, 460, 494,
                                   495, 497, 498, 499, 509, 520, 521, 522, 523,
                                   524, 525, 530, 550, 561, 590, 598, 599};

static int codes_mixed[NCODES];      /* registered and unregistered */
static int codes_registered[NCODES]; /* registered only */
static const int *codes = codes_mixed;

/* Fills out[NCODES] with shuffled copies of pool[0..n). */
static void fill_codes(int *out, const int *pool, size_t n)
{
    static size_t order[NCODES];
    size_t i;

    for (i = 0; i < NCODES; i++)
        order[i] = i % n;
    shuffle(order, NCODES);
    for (i = 0; i < NCODES; i++)
        out[i] = pool[order[i]];
}

#define CODE_PASS(fn, expr)                                                   \
    static uintptr_t fn(void)                                                 \
    {                                                                         \
        uintptr_t acc = 0;                                                    \
        size_t i;                                                             \
        for (i = 0; i < NCODES; i++) {                                        \
            int code = codes[i];                                              \
            acc += (uintptr_t)(expr);                                         \
        }                                                                     \
        return acc;                                                           \
    }

CODE_PASS(pass_reason, httpstatus_reason(code))
CODE_PASS(pass_get_reason, httpstatus_get(code)->reason)
CODE_PASS(pass_table_call, table_reason(code))
CODE_PASS(pass_table_inline, table[code])
CODE_PASS(pass_mhd, MHD_get_reason_phrase_for((unsigned)code))
CODE_PASS(pass_soup, soup_status_get_phrase((guint)code))

/* The figures the DESIGN bars need, for reason() and get()->reason. */
struct code_result {
    double ours, table_call, table_inline, best_peer;
};

static void keep(struct code_result *r, const struct candidate *c)
{
    r->ours = c[0].median;
    r->table_call = c[1].median;
    r->table_inline = c[2].median;
    r->best_peer = c[3].median < c[4].median ? c[3].median : c[4].median;
}

static void bench_codes(struct code_result *r)
{
    struct candidate c[] = {
        {"", pass_reason, NCODES, 0, {0}, 0},
        {"table[600] via a call", pass_table_call, NCODES, 0, {0}, 0},
        {"table[600] inlined", pass_table_inline, NCODES, 0, {0}, 0},
        {"MHD_get_reason_phrase_for", pass_mhd, NCODES, 0, {0}, 0},
        {"soup_status_get_phrase", pass_soup, NCODES, 0, {0}, 0},
    };
    size_t n = sizeof c / sizeof c[0];

    codes = codes_mixed;
    run(c, n);
    print_rows("httpstatus_reason (reg.+unreg.)", c, n);
    keep(&r[0], c);

    c[0].pass = pass_get_reason;
    codes = codes_registered;
    run(c, n);
    print_rows("httpstatus_get()->reason (registered)", c, n);
    keep(&r[1], c);
}

/* ------------------------------------------------- 2. text -> entry */

static struct bench_key keys[BENCH_MAX_KEYS];
static size_t nkeys;

struct query {
    const char *text; /* NUL-terminated, len bytes */
    size_t len;
    size_t key; /* the bench_keys() index it spells */
};

static struct query *queries;
static size_t nqueries;

static char *make_variant(const char *text, size_t len, int how)
{
    char *s = malloc(len + 1);
    size_t i;

    if (s == NULL) {
        perror("malloc");
        exit(1);
    }
    for (i = 0; i <= len; i++) {
        char ch = text[i];
        int up = how == 2 || (how == 3 && (rng() & 1));

        if (how != 0 && up && ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        else if (how != 0 && !up && ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        s[i] = ch;
    }
    return s;
}

/* Every key as-is, in lower case, in upper case and in random case. */
static void make_queries(void)
{
    size_t i, k, *order;
    struct query *q;

    nkeys = bench_keys(keys, BENCH_MAX_KEYS);
    nqueries = nkeys * 4;
    q = malloc(nqueries * sizeof *q);
    queries = malloc(nqueries * sizeof *queries);
    order = malloc(nqueries * sizeof *order);
    if (q == NULL || queries == NULL || order == NULL) {
        perror("malloc");
        exit(1);
    }
    for (k = 0; k < nkeys; k++)
        for (i = 0; i < 4; i++) {
            q[k * 4 + i].text =
                make_variant(keys[k].text, keys[k].len, (int)i);
            q[k * 4 + i].len = keys[k].len;
            q[k * 4 + i].key = k;
        }
    for (i = 0; i < nqueries; i++)
        order[i] = i;
    shuffle(order, nqueries);
    for (i = 0; i < nqueries; i++)
        queries[i] = q[order[i]];
    free(q);
    free(order);
}

static const struct httpstatus_info *via_gperf(const char *text, size_t len)
{
    const struct gperf_key *k = gperf_lookup(text, len);

    return k ? keys[k->key].info : NULL;
}

static const struct httpstatus_info *via_scan(const char *text)
{
    size_t i;

    for (i = 0; i < nkeys; i++)
        if (strcasecmp(keys[i].text, text) == 0)
            return keys[i].info;
    return NULL;
}

#define TEXT_PASS(fn, expr)                                                   \
    static uintptr_t fn(void)                                                 \
    {                                                                         \
        uintptr_t acc = 0;                                                    \
        size_t i;                                                             \
        for (i = 0; i < nqueries; i++) {                                      \
            const char *text = queries[i].text;                               \
            size_t len = queries[i].len;                                      \
            (void)len;                                                        \
            acc += (uintptr_t)(expr);                                         \
        }                                                                     \
        return acc;                                                           \
    }

TEXT_PASS(pass_lookup, httpstatus_lookup(text, len))
TEXT_PASS(pass_gperf, via_gperf(text, len))
TEXT_PASS(pass_scan, via_scan(text))

/* All three must find the entry that owns each key. */
static int check_lookups(void)
{
    size_t i, bad = 0;

    for (i = 0; i < nqueries; i++) {
        const struct query *q = &queries[i];
        const struct httpstatus_info *want = keys[q->key].info;
        const struct httpstatus_info *ours =
            httpstatus_lookup(q->text, q->len);

        if (ours != want || via_gperf(q->text, q->len) != want ||
            via_scan(q->text) != want) {
            fprintf(stderr, "lookup mismatch for \"%s\"\n", q->text);
            bad++;
        }
    }
    return bad == 0;
}

static void bench_lookup(double *ours, double *gperf)
{
    struct candidate c[] = {
        {"", pass_lookup, 0, 0, {0}, 0},
        {"gperf --ignore-case", pass_gperf, 0, 0, {0}, 0},
        {"linear strcasecmp scan", pass_scan, 0, 0, {0}, 0},
    };
    size_t n = sizeof c / sizeof c[0], i;
    char label[64];

    for (i = 0; i < n; i++)
        c[i].ops = nqueries;
    run(c, n);
    snprintf(label, sizeof label, "httpstatus_lookup (%lu keys x4 case)",
             (unsigned long)nkeys);
    print_rows(label, c, n);
    *ours = c[0].median;
    *gperf = c[1].median;
}

/* ------------------------------------------------- 3. status line */

#define LINE_REPEAT 1024

static const char *const lines[] = {
    "HTTP/1.1 200 OK\r\n",
    "HTTP/1.1 404 Not Found\r\n",
    "HTTP/1.0 503 Service Unavailable\r\n",
    "HTTP/1.1 301 Moved Permanently\r\n",
    "HTTP/1.1 204 No Content\r\n",
    "HTTP/1.1 418 I'm a teapot\r\n",
    "HTTP/1.1 431 Request Header Fields Too Large\r\n",
    "HTTP/1.1 500 Internal Server Error: upstream application crashed "
    "while rendering the response, request id 7f3a9c\r\n",
    "HTTP/1.1 200\r\n",
};
#define NLINES (sizeof lines / sizeof lines[0])

static size_t line_len[NLINES];
static char *soup_lines[NLINES]; /* without CRLF, NUL-terminated */
static size_t cur_line;
static size_t mixed[LINE_REPEAT]; /* line indices, shuffled */

static uintptr_t parse_ours(size_t l)
{
    struct httpstatus_line out;
    int n = httpstatus_parse_line(lines[l], line_len[l], &out);

    return n > 0 ? (uintptr_t)n + (uintptr_t)out.code + out.reason_len : 0;
}

static uintptr_t parse_soup(size_t l)
{
    SoupHTTPVersion ver;
    guint code;
    char *reason = NULL;
    uintptr_t r = 0;

    if (soup_headers_parse_status_line(soup_lines[l], &ver, &code, &reason))
        r = (uintptr_t)code + (uintptr_t)ver + (unsigned char)reason[0];
    g_free(reason);
    return r;
}

static uintptr_t parse_soup_no_reason(size_t l)
{
    SoupHTTPVersion ver;
    guint code;

    if (soup_headers_parse_status_line(soup_lines[l], &ver, &code, NULL))
        return (uintptr_t)code + (uintptr_t)ver;
    return 0;
}

#define LINE_PASS(fn, call, index)                                            \
    static uintptr_t fn(void)                                                 \
    {                                                                         \
        uintptr_t acc = 0;                                                    \
        size_t i;                                                             \
        for (i = 0; i < LINE_REPEAT; i++)                                     \
            acc += call(index);                                               \
        return acc;                                                           \
    }

LINE_PASS(pass_line_ours, parse_ours, cur_line)
LINE_PASS(pass_line_soup, parse_soup, cur_line)
LINE_PASS(pass_line_soup_nr, parse_soup_no_reason, cur_line)
LINE_PASS(pass_mixed_ours, parse_ours, mixed[i])
LINE_PASS(pass_mixed_soup, parse_soup, mixed[i])
LINE_PASS(pass_mixed_soup_nr, parse_soup_no_reason, mixed[i])

static int prepare_lines(void)
{
    size_t l, i;
    int ok = 1;

    for (l = 0; l < NLINES; l++) {
        line_len[l] = strlen(lines[l]);
        soup_lines[l] = g_strndup(lines[l], line_len[l] - 2);
        if (parse_ours(l) == 0 || parse_soup(l) == 0) {
            fprintf(stderr, "a parser rejects line %lu\n", (unsigned long)l);
            ok = 0;
        }
    }
    for (i = 0; i < LINE_REPEAT; i++)
        mixed[i] = i % NLINES;
    shuffle(mixed, LINE_REPEAT);
    return ok;
}

/* Shows a line without its CRLF, cut to fit the column. */
static void line_label(char *buf, size_t size, size_t l)
{
    size_t n = line_len[l] - 2;

    if (n > size - 7)
        snprintf(buf, size, "  %.*s...", (int)(size - 10), lines[l]);
    else
        snprintf(buf, size, "  %.*s", (int)n, lines[l]);
}

static void bench_lines(void)
{
    struct candidate c[] = {
        {"", pass_line_ours, LINE_REPEAT, 0, {0}, 0},
        {"soup_headers_parse_status_line",
         pass_line_soup,
         LINE_REPEAT,
         0,
         {0},
         0},
        {"  same, reason_phrase NULL",
         pass_line_soup_nr,
         LINE_REPEAT,
         0,
         {0},
         0},
    };
    size_t n = sizeof c / sizeof c[0], i;
    double sum[3] = {0, 0, 0};
    char label[40];

    for (cur_line = 0; cur_line < NLINES; cur_line++) {
        run(c, n);
        line_label(label, sizeof label, cur_line);
        print_rows(label, c, n);
        for (i = 0; i < n; i++)
            sum[i] += c[i].median;
    }
    for (i = 0; i < n; i++)
        c[i].median = sum[i] / (double)NLINES;
    print_rows("  average of the lines above", c, n);

    c[0].pass = pass_mixed_ours;
    c[1].pass = pass_mixed_soup;
    c[2].pass = pass_mixed_soup_nr;
    run(c, n);
    print_rows("  all lines, shuffled", c, n);
}

/* ------------------------------------------------- 4. binary size */

/* Prints the objects of one size(1) output file; returns text + data. */
static unsigned long print_sizes(const char *path, const char *build)
{
    FILE *f = fopen(path, "r");
    char line[512], file[256];
    unsigned long text, data, bss, total_text = 0, total_data = 0;

    if (f == NULL) {
        perror(path);
        return 0;
    }
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%lu %lu %lu %*u %*x %255s", &text, &data, &bss,
                   file) == 4) {
            const char *base = strrchr(file, '/');
            printf("  %-24s %-20s %8lu %8lu %8lu\n", build,
                   base ? base + 1 : file, text, data, text + data);
            total_text += text;
            total_data += data;
        }
    fclose(f);
    printf("  %-24s %-20s %8lu %8lu %8lu  (%.1f KiB)\n", build, "total",
           total_text, total_data, total_text + total_data,
           (double)(total_text + total_data) / 1024);
    return total_text + total_data;
}

/* Returns text + data of the no-prose build, 0 when unknown. */
static unsigned long bench_size(const char *o2, const char *os)
{
    unsigned long small;

    printf("\n4. binary size of the library objects, size(1) Berkeley "
           "format\n  %-24s %-20s %8s %8s %8s\n%s\n",
           "build", "object", "text", "data", "text+data", RULE);
    print_sizes(o2, "-O2");
    small = print_sizes(os, "-Os -DHTTPSTATUS_NO_PROSE");
    printf("  text counts .text, .rodata and .eh_frame; data counts "
           ".data.rel.ro, where tables\n  of pointers go in PIC/PIE code "
           "(the compiler's default here).\n");
    return small;
}

/* ------------------------------------------------------------------ main */

static void print_machine(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256], model[256] = "unknown";
    int cpu;

    if (f) {
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "model name", 10) == 0) {
                const char *v = strchr(line, ':');
                if (v) {
                    snprintf(model, sizeof model, "%s", v + 2);
                    model[strcspn(model, "\n")] = '\0';
                }
                break;
            }
        fclose(f);
    }
    /* One CPU for the whole run, when the system lets us. */
    cpu = sched_getcpu();
    if (cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu, &set);
        if (sched_setaffinity(0, sizeof set, &set) != 0)
            cpu = -1;
    }
    printf("libhttpstatus %s benchmarks\n", httpstatus_version());
    printf("machine:  %s, nproc %ld", model, sysconf(_SC_NPROCESSORS_ONLN));
    if (cpu >= 0)
        printf(", pinned to CPU %d", cpu);
    printf("\ncompiler: %s %s, -O2; libhttpstatus linked statically, "
           "libsoup and libmicrohttpd shared\n",
#if defined(__clang__)
           "clang",
#elif defined(__GNUC__)
           "gcc",
#else
           "cc",
#endif
           __VERSION__);
    printf("method:   median of %d repetitions of ~%.0f ms each; ns/op; "
           "ratio = peer / ours (> 1: ours is faster)\n",
           REPS, TARGET_NS / 1e6);
}

int main(int argc, char **argv)
{
    struct code_result codes_result[2];
    double lookup, gperf;
    char label[64], detail[96];
    unsigned long small = 0;
    int i, ok = 1;

    for (i = 100; i < 600; i++)
        if (table[i] == NULL)
            table[i] = class_names[i / 100];
    {
        size_t count, k, n = 0;
        const struct httpstatus_info *list = httpstatus_list(&count);
        int pool[600];

        for (k = 0; k < count; k++)
            pool[n++] = list[k].code;
        fill_codes(codes_registered, pool, n);
        for (k = 0; k < sizeof unregistered / sizeof unregistered[0]; k++)
            pool[n++] = unregistered[k];
        fill_codes(codes_mixed, pool, n);
    }
    make_queries();
    if (!check_lookups() || !prepare_lines())
        ok = 0;

    print_machine();

    print_head("1. code -> reason (4096 shuffled codes a pass)");
    bench_codes(codes_result);

    print_head("2. text -> entry (names, reasons, aliases; shuffled)");
    bench_lookup(&lookup, &gperf);

    print_head("3. status-line parse (ns per line)");
    bench_lines();

    if (argc > 2)
        small = bench_size(argv[1], argv[2]);

    printf("\nDESIGN bars\n");
    for (i = 0; i < 2; i++) {
        const struct code_result *r = &codes_result[i];
        const char *what = i ? "get()->reason" : "httpstatus_reason";

        snprintf(label, sizeof label, "%s within 1.2x of table[600]", what);
        snprintf(detail, sizeof detail, "%.2fx the call, %.2fx inlined",
                 r->ours / r->table_call, r->ours / r->table_inline);
        print_bar(label, r->ours <= 1.2 * r->table_call, detail);
        snprintf(label, sizeof label, "%s faster than MHD and libsoup", what);
        snprintf(detail, sizeof detail, "%.2f vs %.2f ns", r->ours,
                 r->best_peer);
        print_bar(label, r->ours < r->best_peer, detail);
    }
    snprintf(detail, sizeof detail, "%.2f ns", lookup);
    print_bar("httpstatus_lookup <= 30 ns on average", lookup <= 30, detail);
    snprintf(detail, sizeof detail, "%.2f vs %.2f ns", lookup, gperf);
    print_bar("httpstatus_lookup at least as fast as gperf", lookup <= gperf,
              detail);
    if (small) {
        snprintf(detail, sizeof detail, "%lu bytes", small);
        print_bar("-Os, no prose: <= 8 KiB code+data", small <= 8192, detail);
    }
    if (!ok)
        printf("\nWARNING: a correctness check failed, see above\n");
    return ok ? 0 : 1;
}
