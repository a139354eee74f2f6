/* search.c: httpstatus search WORDS: full-text search over the registry,
 * every word required, name and phrase hits ranked before prose hits. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_WORDS 16

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_word_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* 1 when word (lower case) starts a word of text: "limit" is found in
 * "rate-limiting", "teapot" in "I'm a teapot". */
static int has_word(const char *text, const char *word)
{
    size_t len = strlen(word), i, k;

    if (!text || len == 0)
        return 0;
    for (i = 0; text[i]; i++) {
        if (i > 0 && is_word_char((unsigned char)text[i - 1]) &&
            is_word_char((unsigned char)word[0]))
            continue;
        for (k = 0; k < len && text[i + k]; k++)
            if (lower((unsigned char)text[i + k]) != word[k])
                break;
        if (k == len)
            return 1;
    }
    return 0;
}

static int list_has_word(const char *const *list, const char *word)
{
    size_t k;

    for (k = 0; list[k]; k++)
        if (has_word(list[k], word))
            return 1;
    return 0;
}

/* How well one word matches an entry: 0 for not at all. The code, name,
 * reason and aliases weigh most, then the summary and use cases, then the
 * description. */
static int word_score(const struct httpstatus_info *e, const char *word)
{
    char code[8];
    int score = 0;

    snprintf(code, sizeof code, "%d", e->code);
    if (strcmp(code, word) == 0)
        score += 100;
    if (has_word(e->reason, word) || has_word(e->name, word))
        score += 40;
    else if (list_has_word(e->aliases, word))
        score += 30;
    if (has_word(e->summary, word))
        score += 10;
    if (list_has_word(e->use_cases, word))
        score += 8;
    if (has_word(e->description, word))
        score += 4;
    if (e->vendor && has_word(e->vendor, word))
        score += 20;
    return score;
}

struct hit {
    const struct httpstatus_info *e;
    int score;
};

static int by_score(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;

    if (x->score != y->score)
        return y->score - x->score;
    return x->e->code - y->e->code;
}

/* weight: registered codes count double, so that what most people mean
 * comes before vendor codes that share its words. */
static void score_all(const struct httpstatus_info *t, size_t n,
                      char words[][64], int nwords, struct hit *hits,
                      size_t *nhits, int weight)
{
    size_t i;
    int w;

    for (i = 0; i < n; i++) {
        int total = 0;
        for (w = 0; w < nwords; w++) {
            int s = word_score(&t[i], words[w]);
            if (s == 0)
                break;
            total += s;
        }
        if (w == nwords) {
            hits[*nhits].e = &t[i];
            hits[*nhits].score = total * weight;
            (*nhits)++;
        }
    }
}

int cmd_search(struct cli *cli, int argc, char **argv)
{
    static char words[MAX_WORDS][64];
    struct hit hits[256];
    const struct httpstatus_info *found[256];
    const struct httpstatus_info *t;
    size_t n, nhits = 0, i;
    int nwords = 0, a;

    /* Words are split at anything that is not a letter or digit, so
     * "rate-limit" and "rate limit" are the same search. */
    for (a = 0; a < argc; a++) {
        const char *p = argv[a];
        if (p[0] == '-' && p[1] == '-') {
            error("search: unknown option '%s'", p);
            return EXIT_USAGE;
        }
        while (*p) {
            size_t len = 0;
            while (*p && !is_word_char((unsigned char)*p))
                p++;
            while (is_word_char((unsigned char)*p)) {
                if (len + 1 < sizeof words[0])
                    words[nwords][len++] = (char)lower((unsigned char)*p);
                p++;
            }
            if (len > 0) {
                if (nwords == MAX_WORDS) {
                    error("search: at most %d words", MAX_WORDS);
                    return EXIT_USAGE;
                }
                words[nwords++][len] = '\0';
            }
        }
    }
    if (nwords == 0) {
        error("search: what for? try httpstatus search rate limit");
        return EXIT_USAGE;
    }

    t = httpstatus_list(&n);
    score_all(t, n, words, nwords, hits, &nhits, 2);
    t = httpstatus_unofficial(&n);
    score_all(t, n, words, nwords, hits, &nhits, 1);
    qsort(hits, nhits, sizeof hits[0], by_score);
    for (i = 0; i < nhits; i++)
        found[i] = hits[i].e;

    if (cli->json)
        json_write_entries(cli->out, found, nhits);
    else
        for (i = 0; i < nhits; i++)
            print_row(cli, found[i]);
    if (nhits == 0) {
        error("search: nothing matches every word");
        return EXIT_NONE;
    }
    return EXIT_FOUND;
}
