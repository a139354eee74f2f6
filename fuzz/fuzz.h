/* fuzz.h: the libFuzzer entry point, shared by the targets and by
 * replay.c, which calls it without libFuzzer. */
#ifndef HTTPSTATUS_FUZZ_H
#define HTTPSTATUS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* CHECK(cond) aborts, saying where, when cond is false: a finding. It is
 * always on, whatever NDEBUG says. */
#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* A copy of data[0..size) in a buffer of exactly size bytes, so that
 * ASan sees a read past it; NULL when size is 0 and malloc(0) gives
 * NULL. */
static inline char *copy_of(const void *data, size_t size)
{
    char *p = malloc(size);

    CHECK(p != NULL || size == 0);
    if (size > 0)
        memcpy(p, data, size);
    return p;
}

/* FNV-1a over the input: a deterministic way to derive choices from it. */
static inline uint32_t hash_bytes(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < size; i++) {
        h ^= data[i];
        h *= 16777619u;
    }
    return h;
}

/* An int from up to four bytes, any value including negative ones. */
static inline int int_from(const uint8_t *data, size_t size)
{
    uint32_t u = 0;
    int32_t i;
    size_t k;

    for (k = 0; k < size && k < 4; k++)
        u = u << 8 | data[k];
    memcpy(&i, &u, sizeof i);
    return i;
}

#endif
