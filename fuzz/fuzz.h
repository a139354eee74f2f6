/* fuzz.h: the libFuzzer entry point, shared by the targets and by
 * replay.c, which calls it without libFuzzer. */
#ifndef HTTPSTATUS_FUZZ_H
#define HTTPSTATUS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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

#endif
