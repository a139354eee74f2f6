/* tsv.h: reads the tab-separated test data files. */
#ifndef TSV_H
#define TSV_H

#include <stddef.h>

#define TSV_MAX_FIELDS 16

/* Calls row() for every line of path that is neither empty nor a comment
 * ('#'), with the fields split at tabs (NUL-terminated, at most
 * TSV_MAX_FIELDS, the rest joined in the last). Returns the number of rows,
 * or -1 when the file cannot be read. */
int tsv_read(const char *path,
             void (*row)(char **fields, int nfields, void *ctx), void *ctx);

/* Decodes \r, \n, \t, \\ and \xHH in place; returns the new length. */
size_t tsv_unescape(char *s);

#endif
