/* rng.c: the random numbers of the server's workers. Each worker keeps
 * one 64-bit state (serve.c seeds it) and the handlers that draw (/random,
 * /uuid, /unstable) advance it here, so that there is one generator and
 * one way to use it. A request that brings ?seed= (/bytes, /unstable)
 * draws from a state of its own, made by rng_seed().
 *
 * The generator is xorshift64* (Vigna, 2016): fast, with a period of
 * 2^64 - 1 and good statistical quality, but predictable from a few
 * outputs. It is fit for test data and never for secrets. */
#include <stdint.h>

#include "ascii.h"
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

/* The seed is spread over the state's bits (a small seed would otherwise
 * start with many zero bits), then the state takes one step. */
int rng_seed(const char *p, size_t n, uint64_t *state)
{
    uint64_t mag = 0;
    size_t i = 0;
    int neg = 0;

    if (n > 0 && (p[0] == '-' || p[0] == '+'))
        neg = p[i++] == '-';
    if (i == n || n - i > 19)
        return -1;
    for (; i < n; i++) {
        if (!is_digit((unsigned char)p[i]))
            return -1;
        mag = mag * 10 + (uint64_t)(p[i] - '0');
    }
    if (mag > (uint64_t)INT64_MAX + (uint64_t)neg)
        return -1;
    *state = (neg ? 0 - mag : mag) * UINT64_C(0x9e3779b97f4a7c15) +
             UINT64_C(0x6a09e667f3bcc909);
    rng_next(state);
    return 0;
}
