/* show.c: httpstatus CODE|NAME|CLASS...: cards, class lists, and
 * suggestions for what matches nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_ENTRIES 256

struct found {
    const struct httpstatus_info *entries[MAX_ENTRIES];
    unsigned char in_class[MAX_ENTRIES]; /* a line of a class list */
    size_t n;
    int classes; /* how many classes were asked for */
};

static void add(struct found *f, const struct httpstatus_info *e, int in_class)
{
    if (f->n < MAX_ENTRIES) {
        f->in_class[f->n] = (unsigned char)in_class;
        f->entries[f->n++] = e;
    }
}

/* "4xx", "4XX" or "4": a class digit, or 0. */
static int class_query(const char *q)
{
    size_t len = strlen(q);

    if (q[0] < '1' || q[0] > '5')
        return 0;
    if (len == 1 || (len == 3 && (q[1] == 'x' || q[1] == 'X') &&
                     (q[2] == 'x' || q[2] == 'X')))
        return q[0] - '0';
    return 0;
}

static int is_code(const char *q)
{
    size_t i;

    for (i = 0; q[i]; i++)
        if (q[i] < '0' || q[i] > '9')
            return 0;
    return i > 0 && i <= 9;
}

static unsigned char fold(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c + 32);
    return c == ' ' || c == '-' ? '_' : c;
}

/* Levenshtein distance of the folded strings, capped at 99. */
static int distance(const char *a, const char *b)
{
    int row[64], i, j, la = (int)strlen(a), lb = (int)strlen(b);

    if (la > 62 || lb > 62)
        return 99;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        int diag = row[0], prev;
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            int cost =
                fold((unsigned char)a[i - 1]) != fold((unsigned char)b[j - 1]);
            int best = diag + cost;
            prev = row[j];
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = prev;
        }
    }
    return row[lb];
}

struct suggestion {
    const struct httpstatus_info *e;
    int score;
};

static void consider(struct suggestion *best, const struct httpstatus_info *e,
                     const char *query, const char *key)
{
    int d = distance(query, key), k;

    for (k = 0; k < 3; k++)
        if (best[k].e == e) {
            if (d < best[k].score)
                best[k].score = d;
            return;
        }
    for (k = 0; k < 3; k++)
        if (!best[k].e || d < best[k].score) {
            memmove(&best[k + 1], &best[k], (size_t)(2 - k) * sizeof *best);
            best[k].e = e;
            best[k].score = d;
            return;
        }
}

/* Each word of four letters or more of the reason, so that "teapott"
 * finds "I'm a teapot". */
static void consider_words(struct suggestion *best,
                           const struct httpstatus_info *e, const char *q)
{
    const char *p = e->reason;

    while (*p) {
        char word[64];
        size_t n = 0;
        while (*p && (*p == ' ' || *p == '-'))
            p++;
        while (*p && *p != ' ' && *p != '-' && n + 1 < sizeof word)
            word[n++] = *p++;
        word[n] = '\0';
        if (n >= 4)
            consider(best, e, q, word);
    }
}

static void consider_entry(struct suggestion *best,
                           const struct httpstatus_info *e, const char *q)
{
    char code[8];
    size_t k;

    snprintf(code, sizeof code, "%d", e->code);
    consider(best, e, q, code);
    consider(best, e, q, e->name);
    consider(best, e, q, e->reason);
    for (k = 0; e->aliases[k]; k++)
        consider(best, e, q, e->aliases[k]);
    consider_words(best, e, q);
}

/* "did you mean 404 Not Found?" for near misses, on stderr. */
static void suggest(const char *q)
{
    struct suggestion best[4];
    const struct httpstatus_info *t;
    size_t n, i;
    int limit = ((int)strlen(q) + 1) / 4, shown = 0, k;

    memset(best, 0, sizeof best);
    t = httpstatus_list(&n);
    for (i = 0; i < n; i++)
        consider_entry(best, &t[i], q);
    t = httpstatus_unofficial(&n);
    for (i = 0; i < n; i++)
        consider_entry(best, &t[i], q);
    for (k = 0; k < 3; k++) {
        if (!best[k].e || best[k].score > limit)
            break;
        fprintf(stderr, "%s%d %s",
                shown ? ", or " : "httpstatus: did you mean ", best[k].e->code,
                best[k].e->reason);
        shown++;
    }
    if (shown)
        fputs("?\n", stderr);
}

/* Explains why q matched nothing. */
static void not_found(const char *q)
{
    if (is_code(q)) {
        long code = strtol(q, NULL, 10);
        if (code >= 100 && code <= 599 && strlen(q) == 3) {
            const struct httpstatus_info *x00 =
                httpstatus_get((int)code / 100 * 100);
            error("%s is not a registered status code; clients treat it "
                  "as %d %s",
                  q, x00->code, x00->reason);
            return;
        }
        error("%s is not a status code: codes are three digits, 100 to 599",
              q);
        if (strlen(q) == 3)
            return; /* a near code would be a guess */
    } else {
        error("no status code is called '%s'", q);
    }
    suggest(q);
}

static void find(struct found *f, const char *q)
{
    const struct httpstatus_info *e, *t;
    size_t n, i;
    int cls = class_query(q);

    if (cls) {
        f->classes++;
        t = httpstatus_list(&n);
        for (i = 0; i < n; i++)
            if ((int)t[i].status_class == cls)
                add(f, &t[i], 1);
        return;
    }
    e = httpstatus_lookup(q, strlen(q));
    if (!e)
        return;
    add(f, e, 0);
    /* A code that several vendors use shows every one of them. */
    if (e->kind == HTTPSTATUS_KIND_UNOFFICIAL && is_code(q)) {
        t = httpstatus_unofficial(&n);
        for (i = 0; i < n; i++)
            if (t[i].code == e->code && &t[i] != e)
                add(f, &t[i], 0);
    }
}

/* Unofficial uses of a registered code, under its card. */
static void print_other_uses(const struct cli *cli,
                             const struct httpstatus_info *e)
{
    const struct httpstatus_info *t;
    size_t n, i;

    if (e->kind == HTTPSTATUS_KIND_UNOFFICIAL)
        return;
    t = httpstatus_unofficial(&n);
    for (i = 0; i < n; i++)
        if (t[i].code == e->code) {
            char line[256];
            snprintf(line, sizeof line, "%s (%s); see httpstatus '%s'",
                     t[i].reason, t[i].vendor, t[i].name);
            color_on(cli, "1");
            fprintf(cli->out, "  %-11s", "Unofficial");
            color_off(cli);
            wrap(cli, line, 13, 13);
        }
}

int cmd_show(struct cli *cli, int argc, char **argv)
{
    static struct found f;
    int i, status = EXIT_FOUND, queries = 0;
    size_t k;

    f.n = 0;
    f.classes = 0;
    for (i = 0; i < argc; i++) {
        size_t before = f.n;
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            error("unknown option '%s': see httpstatus --help", argv[i]);
            return EXIT_USAGE;
        }
        queries++;
        find(&f, argv[i]);
        if (f.n == before) {
            not_found(argv[i]);
            status = EXIT_NONE;
        }
    }

    if (cli->json) {
        if (queries == 1 && !f.classes && f.n == 1) {
            json_write_entry(cli->out, f.entries[0]);
            fputc('\n', cli->out);
        } else if (f.n > 0 || status == EXIT_FOUND) {
            json_write_entries(cli->out, f.entries, f.n);
        }
        return status;
    }
    for (k = 0; k < f.n; k++) {
        if (f.in_class[k]) {
            print_row(cli, f.entries[k]);
            continue;
        }
        if (k)
            fputc('\n', cli->out);
        print_card(cli, f.entries[k]);
        print_other_uses(cli, f.entries[k]);
        if (k + 1 < f.n && f.in_class[k + 1])
            fputc('\n', cli->out);
    }
    return status;
}
