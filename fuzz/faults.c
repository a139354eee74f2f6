/*
 * faults.c: libFuzzer target for the fault lists of `httpstatus serve`
 * (server/fault.c): fault_list_parse(), fault_name() and
 * fault_allowance().
 *
 * Input: any bytes, read as a fault list, in a buffer of exactly their
 * size, with each of a few values of --max-sleep, into an empty list and
 * into one that holds some faults already (how many, from the input's
 * hash; FAULTS_MAX among them).
 *
 * What is checked, every check a CHECK:
 *  - a refusal leaves a NUL-terminated reason that fits its room, and
 *    the list's faults as they were;
 *  - a list taken adds one fault per comma-separated item, at most
 *    FAULTS_MAX in all, each of a kind there is, with a chance of at
 *    most 1 (in millionths), an argument within its fault's bounds (0
 *    for the faults that take none; stall's at most --max-sleep), and
 *    the same faults whatever the list held before;
 *  - fault_name() of each fault reads back as the same fault, and says
 *    how long it is;
 *  - fault_allowance() on the paces truncate, stall and throttle make
 *    (and on one mixed from the input's bytes) never gives fewer bytes
 *    later than earlier, nor more than the limit, nor more ever once
 *    it says nothing more will come; its next time is ahead of now, and
 *    for one fault alone the allowance has grown by then.
 */
#include <stdint.h>
#include <string.h>

#include "fault.h"
#include "fuzz.h"

#define INPUT_MAX 4096

static const unsigned max_sleeps[] = {0u, 1u, 10000u, 4294967295u};

static int same_fault(const struct fault *a, const struct fault *b)
{
    return a->kind == b->kind && a->arg == b->arg && a->chance == b->chance;
}

static void check_fault(const struct fault *f, unsigned max_sleep)
{
    CHECK(f->kind > FAULT_NONE && f->kind < FAULT_KINDS);
    CHECK(f->chance <= FAULT_ALWAYS);
    switch (f->kind) {
    case FAULT_TRUNCATE:
        CHECK(f->arg <= 1000000000u);
        break;
    case FAULT_LENGTH_MISMATCH:
    case FAULT_THROTTLE:
        CHECK(f->arg >= 1 && f->arg <= 1000000000u);
        break;
    case FAULT_GARBAGE:
        CHECK(f->arg >= 1 && f->arg <= 1048576u);
        break;
    case FAULT_STALL:
        CHECK(f->arg <= max_sleep);
        break;
    case FAULT_NONE:
    case FAULT_RESET:
    case FAULT_CLOSE:
    case FAULT_CLOSE_AFTER_HEAD:
    case FAULT_BAD_CHUNK:
    case FAULT_MISSING_FINAL_CHUNK:
    case FAULT_DUPLICATE_LENGTH:
    case FAULT_LENGTH_AND_CHUNKED:
    case FAULT_BAD_STATUS_LINE:
    case FAULT_NO_FINAL:
    case FAULT_KEEPALIVE_CLOSE:
    case FAULT_KINDS:
        CHECK(f->arg == 0);
        break;
    }
}

/* The fault's name, read again. */
static void check_name(const struct fault *f, unsigned max_sleep)
{
    char name[64], err[256];
    struct fault_list again;
    size_t n = fault_name(f, name, sizeof name);

    CHECK(n > 0 && n < sizeof name && strlen(name) == n);
    CHECK(fault_name(f, NULL, 0) == n);
    again.n = 0;
    CHECK(fault_list_parse(name, n, max_sleep, &again, err, sizeof err) == 0);
    CHECK(again.n == 1 && same_fault(&again.f[0], f));
}

/* fault_allowance() from t on, at a few later times. */
static void check_pace(const struct fault_pace *p, uint64_t t, int single)
{
    static const uint64_t steps[] = {0, 1, 9, 10, 11, 999, 1000, 86400000};
    uint64_t next, later_next, a, b;
    size_t k;

    a = fault_allowance(p, t, &next);
    CHECK(a <= p->limit);
    CHECK(next > t);
    for (k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        b = fault_allowance(p, t + steps[k], &later_next);
        CHECK(b >= a);
        CHECK(b <= p->limit);
        if (next == UINT64_MAX)
            CHECK(b == a);
    }
    if (next != UINT64_MAX) {
        b = fault_allowance(p, next, &later_next);
        CHECK(b >= a);
        if (single)
            CHECK(b > a);
    }
}

/* The pace http1.c gives each paced fault, for a head of head bytes and
 * content of clen, from time t. */
static void check_paces(const struct fault *f, uint64_t head, uint64_t clen,
                        uint64_t t)
{
    struct fault_pace p;

    p.limit = UINT64_MAX;
    p.pause_at = 0;
    p.pause_ms = 0;
    p.rate = 0;
    if (f->kind == FAULT_TRUNCATE)
        p.limit = head + f->arg;
    else if (f->kind == FAULT_STALL) {
        p.pause_at = head + clen / 2;
        p.pause_ms = f->arg;
    } else if (f->kind == FAULT_THROTTLE)
        p.rate = f->arg;
    else
        return;
    check_pace(&p, t, 1);
    check_pace(&p, 0, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t h = hash_bytes(data, size);
    size_t n = size < INPUT_MAX ? size : INPUT_MAX, k, m, items = 1;
    char *p = copy_of(data, n), err[200];
    struct fault_list fresh, full, before;
    int r;

    for (k = 0; k < n; k++)
        items += p[k] == ',';
    for (m = 0; m < sizeof max_sleeps / sizeof max_sleeps[0]; m++) {
        unsigned max_sleep = max_sleeps[m];

        /* A list that holds 0 to FAULTS_MAX faults already. */
        memset(&full, 0, sizeof full);
        full.n = (h >> 8) % (FAULTS_MAX + 1);
        for (k = 0; k < full.n; k++) {
            full.f[k].kind = (enum fault_kind)(1 + k % (FAULT_KINDS - 1));
            full.f[k].chance = (uint32_t)(k * 1000);
        }
        before = full;

        fresh.n = 0;
        memset(err, 0x55, sizeof err);
        r = fault_list_parse(p, n, max_sleep, &fresh, err, sizeof err);
        CHECK(r == 0 || r == -1);
        if (r != 0) {
            CHECK(memchr(err, '\0', sizeof err) != NULL && err[0] != '\0');
            CHECK(fresh.n == 0);
        } else {
            CHECK(fresh.n == items && fresh.n <= FAULTS_MAX);
            for (k = 0; k < fresh.n; k++) {
                check_fault(&fresh.f[k], max_sleep);
                check_name(&fresh.f[k], max_sleep);
                check_paces(&fresh.f[k], h % 512, (h >> 9) % 100000,
                            (uint64_t)(h >> 4));
            }
        }

        memset(err, 0x55, sizeof err);
        r = fault_list_parse(p, n, max_sleep, &full, err, sizeof err);
        if (r != 0) {
            CHECK(memchr(err, '\0', sizeof err) != NULL);
            CHECK(full.n == before.n);
        } else {
            /* Taken alone and taken after others: the same faults. */
            CHECK(fresh.n > 0 && full.n == before.n + fresh.n);
            for (k = 0; k < fresh.n; k++)
                CHECK(same_fault(&full.f[before.n + k], &fresh.f[k]));
        }
        for (k = 0; k < before.n; k++)
            CHECK(same_fault(&full.f[k], &before.f[k]));
        /* A list the parser took alone but that does not fit is the
         * only way the two can differ. */
        if (fresh.n > 0 && r != 0)
            CHECK(before.n + fresh.n > FAULTS_MAX);
    }

    /* A pace mixed from the input's bytes, within the bounds the parser
     * gives (rates at most 1e9 a second, times below 2^32 ms). */
    if (size >= 16) {
        struct fault_pace mixed;
        uint32_t w[4];
        memcpy(w, data, sizeof w);
        mixed.limit = w[0] % 3 == 0 ? UINT64_MAX : w[0];
        mixed.pause_at = w[1] % 100000;
        mixed.pause_ms = w[2] % 2 ? w[2] % 100000 : 0;
        mixed.rate = w[3] % 3 == 0 ? 0 : w[3] % 1000000001u;
        check_pace(&mixed, h, mixed.rate == 0 || mixed.pause_ms == 0);
        check_pace(&mixed, 0, mixed.rate == 0 || mixed.pause_ms == 0);
    }
    free(p);
    return 0;
}
