/* tsv.c: a line reader for the test data, with no size limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"

static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;

    if (!f)
        return NULL;
    do {
        if (n + 4096 + 1 > cap) {
            char *bigger;
            cap = cap ? cap * 2 : 65536;
            bigger = realloc(buf, cap);
            if (!bigger) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
        }
        got = fread(buf + n, 1, 4096, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *size = n;
    return buf;
}

int tsv_read(const char *path,
             void (*row)(char **fields, int nfields, void *ctx), void *ctx)
{
    size_t size;
    char *buf = read_file(path, &size), *line, *next;
    int rows = 0;

    if (!buf)
        return -1;
    for (line = buf; line < buf + size; line = next) {
        char *fields[TSV_MAX_FIELDS], *p;
        int n = 0;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        else
            next = buf + size;
        if (line[0] == '\0' || line[0] == '#')
            continue;
        fields[n++] = line;
        for (p = line; *p; p++)
            if (*p == '\t' && n < TSV_MAX_FIELDS) {
                *p = '\0';
                fields[n++] = p + 1;
            }
        row(fields, n, ctx);
        rows++;
    }
    free(buf);
    return rows;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t tsv_unescape(char *s)
{
    char *out = s;
    const char *in = s;

    while (*in) {
        if (in[0] == '\\' && in[1]) {
            switch (in[1]) {
            case 'r':
                *out++ = '\r';
                in += 2;
                continue;
            case 'n':
                *out++ = '\n';
                in += 2;
                continue;
            case 't':
                *out++ = '\t';
                in += 2;
                continue;
            case '\\':
                *out++ = '\\';
                in += 2;
                continue;
            case 'x':
                if (hex(in[2]) >= 0 && hex(in[3]) >= 0) {
                    *out++ = (char)(hex(in[2]) * 16 + hex(in[3]));
                    in += 4;
                    continue;
                }
                break;
            default:
                break;
            }
        }
        *out++ = *in++;
    }
    *out = '\0';
    return (size_t)(out - s);
}
