/* gperf_keys.h: the record type of the gperf table that build/keys.gperf
 * describes, and the lookup function gperf generates from it. */
#ifndef BENCH_GPERF_KEYS_H
#define BENCH_GPERF_KEYS_H

#include <stddef.h>

struct gperf_key {
    const char *name; /* the key, as gperf wants it first */
    int key;          /* its index in bench_keys() order */
};

const struct gperf_key *gperf_lookup(const char *str, size_t len);

#endif
