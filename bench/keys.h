/* keys.h: the lookup keys the text benchmark uses, enumerated from the
 * library at run time, shared by gen_gperf.c and bench.c so that both
 * number the keys the same way. */
#ifndef BENCH_KEYS_H
#define BENCH_KEYS_H

#include <stddef.h>

#include "httpstatus.h"

#define BENCH_MAX_KEYS 1024

struct bench_key {
    const char *text;                   /* exact spelling from the library */
    size_t len;                         /* strlen(text) */
    const struct httpstatus_info *info; /* the entry that owns it */
};

/* Fills keys with every registered entry's name, reason and aliases, then
 * every unofficial entry's, leaving out a spelling that equals an earlier
 * one ignoring ASCII case (the earlier entry owns it, as in the library).
 * Returns the number of keys. */
size_t bench_keys(struct bench_key *keys, size_t max);

#endif
