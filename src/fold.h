/* fold.h: the key folding and hash that httpstatus_lookup() uses, shared
 * with tools/gen_lookup.c, which builds the table in lookup_table.h. */
#ifndef HTTPSTATUS_FOLD_H
#define HTTPSTATUS_FOLD_H

#include <stddef.h>
#include <stdint.h>

/* Lookups compare text after folding each byte: ASCII upper case to lower
 * case, and ' ' and '-' to '_'. Every other byte stands for itself. */
static unsigned char httpstatus__fold(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c + ('a' - 'A'));
    if (c == ' ' || c == '-')
        return '_';
    return c;
}

/* FNV-1a over the folded bytes, started from a seed that the generator
 * picked so that the keys spread well over the table. */
static uint32_t httpstatus__hash(uint32_t seed, const char *text, size_t len)
{
    uint32_t h = seed;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= httpstatus__fold((unsigned char)text[i]);
        h *= 16777619u;
    }
    return h ^ (h >> 16);
}

#endif
