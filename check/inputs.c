/* inputs.c: the list of inputs that the readers fill and the command
 * checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "lint.h"

void inputs_add(struct inputs *l, char *name, char *method, char *data,
                size_t len)
{
    struct input *in;

    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = lint_realloc(l->items, l->cap * sizeof *l->items);
    }
    in = &l->items[l->count++];
    in->name = name;
    in->method = method;
    in->data = data;
    in->len = len;
    in->ex = NULL;
    in->group = 0;
    in->received = -1;
}

void inputs_note(struct inputs *l, char *note)
{
    l->notes = lint_realloc(l->notes, (l->nnotes + 1) * sizeof *l->notes);
    l->notes[l->nnotes++] = note;
}

void inputs_free(struct inputs *l)
{
    size_t i;

    for (i = 0; i < l->count; i++) {
        free(l->items[i].name);
        free(l->items[i].method);
        free(l->items[i].data);
    }
    for (i = 0; i < l->nnotes; i++)
        free(l->notes[i]);
    free(l->items);
    free(l->notes);
    memset(l, 0, sizeof *l);
}

char *inputs_printable(const char *p, size_t n, size_t max)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, shown = n > max ? max : n;
    char *s = lint_realloc(NULL, shown * 4 + 4), *o = s;

    for (i = 0; i < shown; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch >= 0x20 && ch < 0x7f) {
            *o++ = (char)ch;
        } else {
            *o++ = '\\';
            *o++ = 'x';
            *o++ = hex[ch >> 4];
            *o++ = hex[ch & 15];
        }
    }
    if (shown < n) {
        memcpy(o, "...", 3);
        o += 3;
    }
    *o = '\0';
    return s;
}

void inputs_append(struct buffer *b, const void *p, size_t n)
{
    if (n == 0)
        return;
    if (buffer_append(b, p, n) != 0) {
        fputs("httpstatus: check: out of memory\n", stderr);
        exit(2);
    }
}
