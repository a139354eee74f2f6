/* fault.c: the names of the wire-level faults, the parser of fault lists,
 * the dice that pick one for a request, and the pace of the faults that
 * hold bytes back (fault.h). What each fault does to a reply's bytes is
 * the HTTP/1.1 writer's (http1.c); the connection keeps the pace
 * (serve.c). */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "server.h"

/* Each fault's name, and for those that take one, its argument: how it
 * is written in messages, its range (a max of 0 is the server's
 * --max-sleep) and what it is, said in words. */
static const struct {
    const char *name;
    const char *arg; /* "N", "MS", "BPS", or NULL: none */
    unsigned min, max;
    const char *wants;
} kinds[FAULT_KINDS] = {
    [FAULT_NONE] = {"none", NULL, 0, 0, NULL},
    [FAULT_RESET] = {"reset", NULL, 0, 0, NULL},
    [FAULT_CLOSE] = {"close", NULL, 0, 0, NULL},
    [FAULT_CLOSE_AFTER_HEAD] = {"close-after-head", NULL, 0, 0, NULL},
    [FAULT_TRUNCATE] = {"truncate", "N", 0, 1000000000u,
                        "a number of bytes, 0 to 1000000000"},
    [FAULT_STALL] = {"stall", "MS", 0, 0,
                     "milliseconds, 0 up to the server's --max-sleep"},
    [FAULT_THROTTLE] = {"throttle", "BPS", 1, 1000000000u,
                        "bytes a second, 1 to 1000000000"},
    [FAULT_BAD_CHUNK] = {"bad-chunk", NULL, 0, 0, NULL},
    [FAULT_MISSING_FINAL_CHUNK] = {"missing-final-chunk", NULL, 0, 0, NULL},
    [FAULT_LENGTH_MISMATCH] = {"length-mismatch", "N", 1, 1000000000u,
                               "a number of bytes, 1 to 1000000000"},
    [FAULT_DUPLICATE_LENGTH] = {"duplicate-length", NULL, 0, 0, NULL},
    [FAULT_LENGTH_AND_CHUNKED] = {"length-and-chunked", NULL, 0, 0, NULL},
    [FAULT_BAD_STATUS_LINE] = {"bad-status-line", NULL, 0, 0, NULL},
    [FAULT_NO_FINAL] = {"no-final", NULL, 0, 0, NULL},
    [FAULT_GARBAGE] = {"garbage", "N", 1, 1048576u,
                       "a number of bytes, 1 to 1048576"},
    [FAULT_KEEPALIVE_CLOSE] = {"keepalive-close", NULL, 0, 0, NULL},
};

/* p[0..n) printed for an error message: control and non-ASCII bytes as
 * '?', and cut to fit. */
static const char *shown(const char *p, size_t n, char *out, size_t cap)
{
    size_t i, k = 0;

    for (i = 0; i < n && k + 4 < cap; i++) {
        unsigned char ch = (unsigned char)p[i];
        out[k++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    if (i < n && k + 3 < cap) {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k] = '\0';
    return out;
}

/* "0", "1", "0.25", ".5", "1.000": at most six decimals, 0 to 1, into
 * millionths. A point is followed by a digit ("1." is refused). */
static int read_chance(const char *p, size_t n, uint32_t *out)
{
    uint64_t whole = 0, frac = 0;
    size_t i = 0, decimals = 0;
    int digits = 0;

    for (; i < n && is_digit((unsigned char)p[i]); i++, digits++) {
        whole = whole * 10 + (uint64_t)(p[i] - '0');
        if (whole > 1)
            return -1;
    }
    if (i < n && p[i] == '.') {
        for (i++; i < n && is_digit((unsigned char)p[i]); i++, digits++) {
            if (++decimals > 6)
                return -1;
            frac = frac * 10 + (uint64_t)(p[i] - '0');
        }
        if (decimals == 0)
            return -1; /* "1.": a point needs a digit after it */
    }
    if (i != n || digits == 0)
        return -1;
    for (; decimals < 6; decimals++)
        frac *= 10;
    if (whole * FAULT_ALWAYS + frac > FAULT_ALWAYS)
        return -1;
    *out = (uint32_t)(whole * FAULT_ALWAYS + frac);
    return 0;
}

/* One item, p[0..n): NAME[:ARG][@P]. */
static int parse_item(const char *p, size_t n, unsigned max_sleep_ms,
                      struct fault *f, char *err, size_t errsize)
{
    const char *at = memchr(p, '@', n), *colon;
    size_t body = at ? (size_t)(at - p) : n, name_len, k;
    char show[80];

    colon = memchr(p, ':', body);
    name_len = colon ? (size_t)(colon - p) : body;
    for (k = 1; k < FAULT_KINDS; k++)
        if (eq_exact(p, name_len, kinds[k].name))
            break;
    if (name_len == 0 || k == FAULT_KINDS) {
        snprintf(err, errsize,
                 "'%s' is not a fault: the faults are reset, close, "
                 "close-after-head, truncate:N, stall:MS, throttle:BPS, "
                 "bad-chunk, missing-final-chunk, length-mismatch:N, "
                 "duplicate-length, length-and-chunked, bad-status-line, "
                 "no-final, garbage:N and keepalive-close, each with an "
                 "optional @P.",
                 shown(p, name_len > 0 ? name_len : n, show, sizeof show));
        return -1;
    }
    f->kind = (enum fault_kind)k;
    f->arg = 0;
    f->chance = FAULT_ALWAYS;
    if (kinds[k].arg == NULL && colon) {
        snprintf(err, errsize, "The fault %s takes no argument, not '%s'.",
                 kinds[k].name, shown(p, body, show, sizeof show));
        return -1;
    }
    if (kinds[k].arg != NULL) {
        unsigned max = kinds[k].max > 0 ? kinds[k].max : max_sleep_ms, v;
        if (colon == NULL ||
            parse_bounded(colon + 1, body - name_len - 1, max, &v) != 0 ||
            v < kinds[k].min) {
            snprintf(err, errsize, "The fault %s wants %s:%s, %s; not '%s'.",
                     kinds[k].name, kinds[k].name, kinds[k].arg,
                     kinds[k].wants, shown(p, body, show, sizeof show));
            return -1;
        }
        f->arg = v;
    }
    if (at && read_chance(at + 1, n - body - 1, &f->chance) != 0) {
        snprintf(err, errsize,
                 "'%s' has a bad chance after '@': a number from 0 to 1, "
                 "with at most six decimals, such as 0.25.",
                 shown(p, n, show, sizeof show));
        return -1;
    }
    return 0;
}

int fault_list_parse(const char *p, size_t n, unsigned max_sleep_ms,
                     struct fault_list *list, char *err, size_t errsize)
{
    size_t i = 0, start = list->n;

    if (p == NULL)
        n = 0;
    do {
        size_t item = i;
        while (i < n && p[i] != ',')
            i++;
        if (i == item) {
            snprintf(err, errsize,
                     "A fault list has an empty item: name the faults, "
                     "separated by commas.");
            list->n = start;
            return -1;
        }
        if (list->n == FAULTS_MAX) {
            snprintf(err, errsize, "At most %d faults can be given.",
                     FAULTS_MAX);
            list->n = start;
            return -1;
        }
        if (parse_item(p + item, i - item, max_sleep_ms, &list->f[list->n],
                       err, errsize) != 0) {
            list->n = start;
            return -1;
        }
        list->n++;
    } while (i++ < n);
    return 0;
}

size_t fault_name(const struct fault *f, char *out, size_t cap)
{
    char arg[16] = "", chance[16] = "";
    int n;

    if (f->kind < FAULT_KINDS && kinds[f->kind].arg != NULL)
        snprintf(arg, sizeof arg, ":%u", (unsigned)f->arg);
    if (f->chance < FAULT_ALWAYS) {
        /* Six decimals, then the zeros at the end dropped. */
        size_t k;
        snprintf(chance, sizeof chance, "@0.%06u", (unsigned)f->chance);
        for (k = strlen(chance); chance[k - 1] == '0'; k--)
            chance[k - 1] = '\0';
        if (chance[k - 1] == '.')
            chance[k - 1] = '\0';
    }
    n = snprintf(out, cap, "%s%s%s",
                 f->kind < FAULT_KINDS ? kinds[f->kind].name : "?", arg,
                 chance);
    return n > 0 ? (size_t)n : 0;
}

/* splitmix64 (Steele, Lea and Flood, 2014): each roll's numbers come from
 * the seed and the roll's index alone. */
static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static int has_faults(const struct fault_list *l)
{
    return l != NULL && l->n > 0;
}

struct fault fault_pick(const struct fault_list *first,
                        const struct fault_list *second,
                        struct fault_dice *dice, uint64_t *bits)
{
    const struct fault_list *lists[2] = {first, second};
    struct fault none = {FAULT_NONE, 0, FAULT_ALWAYS};
    uint64_t x, roll = 0, seed = 0;
    size_t l, k;

    *bits = 0;
    if (!has_faults(first) && !has_faults(second))
        return none;
    if (dice != NULL) {
        seed = dice->seed;
        roll = __atomic_fetch_add(&dice->rolls, 1, __ATOMIC_RELAXED);
    }
    x = seed ^ (roll * UINT64_C(0xd1b54a32d192ed03));
    for (l = 0; l < 2; l++) {
        for (k = 0; has_faults(lists[l]) && k < lists[l]->n; k++) {
            const struct fault *f = &lists[l]->f[k];
            if (f->chance >= FAULT_ALWAYS ||
                splitmix(&x) % FAULT_ALWAYS < f->chance) {
                *bits = splitmix(&x);
                return *f;
            }
        }
    }
    return none;
}

void fault_garbage(uint64_t bits, char *out, size_t n)
{
    uint64_t x = bits, word = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (i % 8 == 0)
            word = splitmix(&x);
        out[i] = (char)(word & 0xff);
        word >>= 8;
    }
    if (n > 0)
        out[0] = (char)((unsigned char)out[0] | 0x80);
}

uint64_t fault_allowance(const struct fault_pace *pace, uint64_t t,
                         uint64_t *next_ms)
{
    uint64_t allowed = UINT64_MAX;

    *next_ms = UINT64_MAX;
    if (pace->rate > 0) {
        /* Bytes due by t, and when the next one is: at least 10 ms on,
         * so that a fast rate costs a timer a hundred times a second at
         * most. */
        uint64_t next;
        allowed = t * pace->rate / 1000;
        next = ((allowed + 1) * 1000 + pace->rate - 1) / pace->rate;
        *next_ms = next > t + 10 ? next : t + 10;
    }
    if (pace->pause_ms > 0 && t < pace->pause_ms && pace->pause_at < allowed) {
        allowed = pace->pause_at;
        *next_ms = pace->pause_ms;
    }
    if (allowed >= pace->limit) {
        allowed = pace->limit;
        *next_ms = UINT64_MAX;
    }
    return allowed;
}

int fault_reframes(enum fault_kind k)
{
    return k == FAULT_BAD_CHUNK || k == FAULT_MISSING_FINAL_CHUNK ||
           k == FAULT_LENGTH_MISMATCH || k == FAULT_DUPLICATE_LENGTH ||
           k == FAULT_LENGTH_AND_CHUNKED;
}
