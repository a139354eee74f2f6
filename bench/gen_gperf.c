/* gen_gperf.c: prints the gperf input for the text benchmark, every key
 * from bench_keys() in its exact spelling with its index. The Makefile
 * runs gperf --ignore-case on it; the result lives only in build/. */
#include <stdio.h>

#include "keys.h"

static void print_quoted(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

int main(void)
{
    static struct bench_key keys[BENCH_MAX_KEYS];
    size_t i, n = bench_keys(keys, BENCH_MAX_KEYS);

    printf("%%{\n#include \"gperf_keys.h\"\n%%}\n");
    printf("struct gperf_key { const char *name; int key; };\n%%%%\n");
    for (i = 0; i < n; i++) {
        print_quoted(keys[i].text);
        printf(", %lu\n", (unsigned long)i);
    }
    printf("%%%%\n");
    return 0;
}
