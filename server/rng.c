/* rng.c: the random numbers of the server's workers. Each worker keeps
 * one 64-bit state (serve.c seeds it) and the handlers that draw (/random,
 * /uuid) advance it here, so that there is one generator and one way to
 * use it.
 *
 * The generator is xorshift64* (Vigna, 2016): fast, with a period of
 * 2^64 - 1 and good statistical quality, but predictable from a few
 * outputs. It is fit for test data and never for secrets. */
#include "handlers.h"

uint64_t rng_next(uint64_t *state)
{
    uint64_t x = *state != 0 ? *state : UINT64_C(0x9e3779b97f4a7c15);

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * UINT64_C(0x2545f4914f6cdd1d);
}

/* The top 53 bits of each output are used, and a draw at or above the
 * largest multiple of n that fits is drawn again, so that every value
 * below n is equally likely (no modulo bias). */
uint64_t rng_below(uint64_t *state, uint64_t n)
{
    const uint64_t span = UINT64_C(1) << 53;
    uint64_t limit, v;

    if (n == 0)
        return 0;
    limit = span - span % n;
    do
        v = rng_next(state) >> 11;
    while (v >= limit);
    return v % n;
}
