/* response.c: the protocol-neutral response value (server.h): its field
 * list, its content, and the error responses every endpoint shares.
 *
 * Fields live in the response itself (RESPONSE_TEXT_MAX bytes of names
 * and values, RESPONSE_FIELDS_MAX lines), so that a response on the stack
 * costs no allocation; only content a handler builds goes on the heap, in
 * r->body. A field that does not fit marks the response failed, and the
 * router then answers 500 instead: nothing is sent half-built. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "json.h"
#include "server.h"

void response_reset(struct response *r, int status)
{
    struct buffer body = r->body, pieces = r->pieces;

    body.len = 0;
    if (body.data != NULL)
        body.data[0] = '\0';
    pieces.len = 0;
    r->status = status;
    r->ninterim = 0;
    r->nfields = 0;
    r->text_len = 0;
    r->content = NULL;
    r->content_len = 0;
    r->body = body;
    r->pieces = pieces;
    memset(&r->gen, 0, sizeof r->gen);
    r->length = -1;
    r->delay_ms = 0;
    r->close = 0;
    r->failed = 0;
    r->fault.kind = FAULT_NONE;
    r->fault.arg = 0;
    r->fault.chance = FAULT_ALWAYS;
    r->fault_bits = 0;
}

int response_gather(struct response *r)
{
    struct buffer all = {NULL, 0, 0};
    int more = 1, chunks = r->length < 0;
    size_t end = 0;

    if (r->gen.next == NULL)
        return 0;
    r->pieces.len = 0;
    while (more > 0) {
        more = r->gen.next(&r->gen, &all);
        /* A piece sent as a chunk; an empty one makes none. */
        if (more >= 0 && chunks && all.len > end) {
            end = all.len;
            if (buffer_append(&r->pieces, &end, sizeof end) != 0)
                more = -1;
        }
    }
    if (more < 0) {
        buffer_free(&all);
        r->pieces.len = 0;
        r->failed = 1;
        return -1;
    }
    /* The generator may have read the body: it is replaced only now. */
    buffer_free(&r->body);
    r->body = all;
    r->content = NULL;
    r->content_len = 0;
    memset(&r->gen, 0, sizeof r->gen);
    r->length = -1;
    return 0;
}

void response_free(struct response *r)
{
    buffer_free(&r->body);
    buffer_free(&r->pieces);
}

/* Stores name and value as a field of part; n is the value's length. */
static void add_field(struct response *r, int part, const char *name,
                      const char *value, size_t n)
{
    size_t name_len = strlen(name);
    struct field *f;

    if (r->failed)
        return;
    if (r->nfields == RESPONSE_FIELDS_MAX ||
        name_len + n > RESPONSE_TEXT_MAX - r->text_len || value == NULL) {
        r->failed = 1;
        return;
    }
    f = &r->fields[r->nfields++];
    f->part = (uint8_t)part;
    f->name = (uint16_t)r->text_len;
    f->name_len = (uint16_t)name_len;
    memcpy(r->text + r->text_len, name, name_len);
    r->text_len += name_len;
    f->value = (uint16_t)r->text_len;
    f->value_len = (uint16_t)n;
    if (n > 0)
        memcpy(r->text + r->text_len, value, n);
    r->text_len += n;
}

void response_add(struct response *r, const char *name, const char *value)
{
    add_field(r, 0, name, value, value != NULL ? strlen(value) : 0);
}

void response_addn(struct response *r, const char *name, const char *value,
                   size_t n)
{
    add_field(r, 0, name, value, n);
}

void response_addf(struct response *r, const char *name, const char *fmt, ...)
{
    char value[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(value, sizeof value, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof value) {
        r->failed = 1;
        return;
    }
    add_field(r, 0, name, value, (size_t)n);
}

size_t response_remove(struct response *r, const char *name, size_t n)
{
    size_t i, kept = 0, removed = 0;

    for (i = 0; i < r->nfields; i++) {
        const struct field *f = &r->fields[i];
        if (f->part == 0 && f->name_len == n &&
            same_nocase(r->text + f->name, name, n)) {
            removed++;
            continue;
        }
        r->fields[kept++] = *f;
    }
    r->nfields = kept;
    return removed;
}

const struct field *response_find(const struct response *r, const char *name)
{
    size_t i, n = strlen(name);

    for (i = 0; i < r->nfields; i++) {
        const struct field *f = &r->fields[i];
        if (f->part == 0 && f->name_len == n &&
            same_nocase(r->text + f->name, name, n))
            return f;
    }
    return NULL;
}

void response_interim(struct response *r, int status)
{
    if (r->ninterim == RESPONSE_INTERIM_MAX || status < 100 || status > 199 ||
        status == 101) {
        r->failed = 1;
        return;
    }
    r->interim[r->ninterim++] = status;
}

void response_add_interim(struct response *r, const char *name,
                          const char *value)
{
    if (r->ninterim == 0) {
        r->failed = 1;
        return;
    }
    add_field(r, (int)r->ninterim, name, value,
              value != NULL ? strlen(value) : 0);
}

void response_static(struct response *r, const char *type, const char *p,
                     size_t n)
{
    if (type != NULL)
        response_add(r, "Content-Type", type);
    r->content = p != NULL ? p : "";
    r->content_len = p != NULL ? n : 0;
}

void response_copy(struct response *r, const char *type, const char *p,
                   size_t n)
{
    if (type != NULL)
        response_add(r, "Content-Type", type);
    r->content = NULL;
    r->content_len = 0;
    r->body.len = 0;
    if (n > 0 && buffer_append(&r->body, p, n) != 0)
        r->failed = 1;
}

const char *response_content(const struct response *r, size_t *n)
{
    if (r->content != NULL) {
        *n = r->content_len;
        return r->content;
    }
    *n = r->body.len;
    return r->body.data != NULL ? r->body.data : "";
}

/* ------------------------------------------------------------- reasons */

const char *reason_of(int code)
{
    const struct httpstatus_info *e = httpstatus_get(code), *list;
    const char *r;
    size_t n, i;

    if (e == NULL) {
        list = httpstatus_unofficial(&n);
        for (i = 0; i < n && e == NULL; i++)
            if (list[i].code == code)
                e = &list[i];
    }
    r = e != NULL ? e->reason : httpstatus_reason(code);
    return r != NULL ? r : "Unknown";
}

/* -------------------------------------------------------------- errors */

void respond_error(struct response *res, const struct request *req, int status,
                   const char *text)
{
    static const struct slice none = {NULL, 0};
    enum media m = negotiate(req != NULL ? req->accept : none, MEDIA_COUNT);
    char line[HTTPSTATUS_LINE_MAX + 16];
    size_t n;

    response_reset(res, status);
    if (text == NULL)
        text = "";
    if (m == MEDIA_JSON || m == MEDIA_PROBLEM) {
        /* RFC 9457: the type is about:blank, so the title is the reason
         * phrase, and detail says what was wrong with this request. */
        int r = buffer_printf(&res->body,
                              "{\"type\": \"about:blank\", \"title\": ");
        r |= json_escape(&res->body, reason_of(status),
                         strlen(reason_of(status)));
        r |= buffer_printf(&res->body, ", \"status\": %d", status);
        /* The detail is the text's first paragraph. */
        for (n = 0; text[n] && !(text[n] == '\n' && text[n + 1] == '\n'); n++)
            ;
        while (n > 0 && text[n - 1] == '\n')
            n--;
        if (n > 0) {
            r |= buffer_puts(&res->body, ", \"detail\": ");
            r |= json_escape(&res->body, text, n);
        }
        r |= buffer_puts(&res->body, "}\n");
        if (r != 0)
            res->failed = 1;
        response_add(res, "Content-Type", media_type(MEDIA_PROBLEM));
        return;
    }
    snprintf(line, sizeof line, "%d %s\n\n", status, reason_of(status));
    if (buffer_puts(&res->body, line) != 0 ||
        buffer_puts(&res->body, text) != 0)
        res->failed = 1;
    response_add(res, "Content-Type", media_type(MEDIA_TEXT));
}
