/* fold.h: the key folding and hash behind httpstatus_lookup(), shared
 * with tools/gen_lookup.c, which builds the table in lookup_table.h. */
#ifndef HTTPSTATUS_FOLD_H
#define HTTPSTATUS_FOLD_H

#include <stddef.h>
#include <stdint.h>

/* Lookups compare text after folding each byte: ASCII upper case to lower
 * case, and ' ' and '-' to '_'. Every other byte stands for itself. A
 * table, because branches on random case mispredict. */
static const unsigned char httpstatus__fold[256] = {
    /* clang-format off */
      0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,  14,  15,
     16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,
     95,  33,  34,  35,  36,  37,  38,  39,  40,  41,  42,  43,  44,  95,  46,  47,
     48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  58,  59,  60,  61,  62,  63,
     64,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,  91,  92,  93,  94,  95,
     96,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
    128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
    144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
    160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175,
    176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
    192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
    208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
    224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
    240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255,
    /* clang-format on */
};

/* The hash of a key: its length and five folded bytes (the first two,
 * the middle one, the last two), mixed FNV-style from a seed that the
 * generator picked so that the keys spread well. Reading five bytes, not
 * all of them, keeps long phrases as cheap as short ones; keys that agree
 * on all six values merely share a probe sequence. */
static uint32_t httpstatus__hash(uint32_t seed, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    uint32_t h = (seed ^ (uint32_t)len) * 16777619u;

    if (len > 0) {
        h = (h ^ httpstatus__fold[p[0]]) * 16777619u;
        h = (h ^ httpstatus__fold[p[len / 2]]) * 16777619u;
        h = (h ^ httpstatus__fold[p[len - 1]]) * 16777619u;
    }
    if (len > 1) {
        h = (h ^ httpstatus__fold[p[1]]) * 16777619u;
        h = (h ^ httpstatus__fold[p[len - 2]]) * 16777619u;
    }
    return h ^ (h >> 15);
}

/* One slot of the open-addressing table: entry is 0 for an empty slot,
 * otherwise the entry's index + 1 (registered entries first, then the
 * unofficial ones); the key is len folded bytes at text in
 * lookup_text. */
struct httpstatus__slot {
    unsigned char entry;
    unsigned char len;
    unsigned short text;
};

#endif
