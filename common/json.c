/* json.c: the JSON writer of json.h. */
#include <string.h>

#include "json.h"
#include "utf8.h"

const char *kind_name(enum httpstatus_kind kind)
{
    switch (kind) {
    case HTTPSTATUS_KIND_STANDARD:
        return "standard";
    case HTTPSTATUS_KIND_TEMPORARY:
        return "temporary";
    case HTTPSTATUS_KIND_OBSOLETE:
        return "obsolete";
    case HTTPSTATUS_KIND_RESERVED:
        return "reserved";
    case HTTPSTATUS_KIND_UNOFFICIAL:
        return "unofficial";
    }
    return "unknown";
}

const char *level_name(enum httpstatus_level level)
{
    switch (level) {
    case HTTPSTATUS_MUST:
        return "MUST";
    case HTTPSTATUS_SHOULD:
        return "SHOULD";
    case HTTPSTATUS_MAY:
        return "MAY";
    case HTTPSTATUS_SHOULD_NOT:
        return "SHOULD NOT";
    case HTTPSTATUS_MUST_NOT:
        return "MUST NOT";
    }
    return "?";
}

int json_escape(struct buffer *b, const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i = 0, run;
    int r = 0;

    if (p == NULL)
        return buffer_puts(b, "null");
    r |= buffer_puts(b, "\"");
    while (i < n) {
        /* Plain bytes go in one piece. */
        for (run = i; run < n && s[run] >= 0x20 && s[run] < 0x7f &&
                      s[run] != '"' && s[run] != '\\';
             run++)
            ;
        if (run > i) {
            r |= buffer_append(b, p + i, run - i);
            i = run;
            continue;
        }
        if (s[i] == '"' || s[i] == '\\') {
            r |= buffer_printf(b, "\\%c", s[i]);
        } else if (s[i] == '\n') {
            r |= buffer_puts(b, "\\n");
        } else if (s[i] == '\r') {
            r |= buffer_puts(b, "\\r");
        } else if (s[i] == '\t') {
            r |= buffer_puts(b, "\\t");
        } else if (s[i] < 0x20 || s[i] == 0x7f) {
            r |= buffer_printf(b, "\\u%04x", s[i]);
        } else {
            size_t len = utf8_length(p + i, n - i);
            if (len == 0) {
                r |= buffer_puts(b, "\\ufffd");
                len = 1;
            } else {
                r |= buffer_append(b, p + i, len);
            }
            i += len;
            continue;
        }
        i++;
    }
    r |= buffer_puts(b, "\"");
    return r ? -1 : 0;
}

void json_write_string(FILE *f, const char *s)
{
    struct buffer b = {NULL, 0, 0};

    /* Out of memory, the string is written as null: still JSON. */
    if (json_escape(&b, s, s ? strlen(s) : 0) == 0)
        fwrite(b.data, 1, b.len, f);
    else
        fputs("null", f);
    buffer_free(&b);
}

static const char *class_key(enum httpstatus_class cls)
{
    switch (cls) {
    case HTTPSTATUS_CLASS_INFORMATIONAL:
        return "informational";
    case HTTPSTATUS_CLASS_SUCCESSFUL:
        return "successful";
    case HTTPSTATUS_CLASS_REDIRECTION:
        return "redirection";
    case HTTPSTATUS_CLASS_CLIENT_ERROR:
        return "client_error";
    case HTTPSTATUS_CLASS_SERVER_ERROR:
        return "server_error";
    case HTTPSTATUS_CLASS_INVALID:
        break;
    }
    return "invalid";
}

static const char *redirect_key(enum httpstatus_redirect r)
{
    switch (r) {
    case HTTPSTATUS_REDIRECT_NONE:
        return NULL;
    case HTTPSTATUS_REDIRECT_MAY_CHANGE_METHOD:
        return "may_change_method";
    case HTTPSTATUS_REDIRECT_CHANGES_TO_GET:
        return "changes_to_get";
    case HTTPSTATUS_REDIRECT_KEEPS_METHOD:
        return "keeps_method";
    case HTTPSTATUS_REDIRECT_CHOICE:
        return "choice";
    case HTTPSTATUS_REDIRECT_NOT_MODIFIED:
        return "not_modified";
    }
    return NULL;
}

static const char *retry_key(enum httpstatus_retry r)
{
    switch (r) {
    case HTTPSTATUS_RETRY_NO:
        return NULL;
    case HTTPSTATUS_RETRY_ANY_METHOD:
        return "any_method";
    case HTTPSTATUS_RETRY_IDEMPOTENT:
        return "idempotent";
    case HTTPSTATUS_RETRY_AFTER_CHANGE:
        return "after_change";
    }
    return NULL;
}

static void json_list(FILE *f, const char *const *list)
{
    size_t k;

    fputc('[', f);
    for (k = 0; list[k]; k++) {
        if (k)
            fputs(", ", f);
        json_write_string(f, list[k]);
    }
    fputc(']', f);
}

static void json_flag(FILE *f, const char *name, unsigned flags, unsigned flag,
                      int last)
{
    fprintf(f, "\"%s\": %s%s", name, (flags & flag) ? "true" : "false",
            last ? "" : ", ");
}

void json_write_entry(FILE *f, const struct httpstatus_info *e)
{
    size_t k;

    fprintf(f, "{\"code\": %d, \"name\": ", e->code);
    json_write_string(f, e->name);
    fputs(", \"reason\": ", f);
    json_write_string(f, e->reason);
    fprintf(f, ", \"class\": \"%s\", \"class_name\": ",
            class_key(e->status_class));
    json_write_string(f, httpstatus_class_name(e->status_class));
    fprintf(f, ", \"kind\": \"%s\", \"official\": %s, \"vendor\": ",
            kind_name(e->kind),
            e->kind == HTTPSTATUS_KIND_UNOFFICIAL ? "false" : "true");
    json_write_string(f, e->vendor);
    fputs(", \"reference\": ", f);
    json_write_string(f, e->reference);
    fputs(", \"summary\": ", f);
    json_write_string(f, e->summary);
    fputs(", \"description\": ", f);
    json_write_string(f, e->description);
    fputs(", \"use_cases\": ", f);
    json_list(f, e->use_cases);
    fputs(", \"aliases\": ", f);
    json_list(f, e->aliases);
    fputs(", \"flags\": {", f);
    json_flag(f, "interim", e->flags, HTTPSTATUS_FLAG_INTERIM, 0);
    json_flag(f, "no_content", e->flags, HTTPSTATUS_FLAG_NO_CONTENT, 0);
    json_flag(f, "empty_content", e->flags, HTTPSTATUS_FLAG_EMPTY_CONTENT, 0);
    json_flag(f, "cacheable", e->flags, HTTPSTATUS_FLAG_CACHEABLE, 0);
    json_flag(f, "no_store", e->flags, HTTPSTATUS_FLAG_NO_STORE, 0);
    json_flag(f, "permanent", e->flags, HTTPSTATUS_FLAG_PERMANENT, 0);
    json_flag(f, "deprecated", e->flags, HTTPSTATUS_FLAG_DEPRECATED, 1);
    fputs("}, \"redirect\": ", f);
    json_write_string(f, redirect_key(e->redirect));
    fputs(", \"retry\": ", f);
    json_write_string(f, retry_key(e->retry));
    fputs(", \"headers\": [", f);
    for (k = 0; k < e->header_count; k++) {
        const struct httpstatus_header_rule *r = &e->headers[k];
        fputs(k ? ", {\"field\": " : "{\"field\": ", f);
        json_write_string(f, r->field);
        fputs(", \"level\": ", f);
        json_write_string(f, level_name(r->level));
        fputs(", \"condition\": ", f);
        json_write_string(f, r->condition);
        fputs(", \"section\": ", f);
        json_write_string(f, r->section);
        fputc('}', f);
    }
    fputs("]}", f);
}

void json_write_entries(FILE *f, const struct httpstatus_info *const *entries,
                        size_t n)
{
    size_t i;

    fputc('[', f);
    for (i = 0; i < n; i++) {
        fputs(i ? ",\n " : "\n ", f);
        json_write_entry(f, entries[i]);
    }
    fputs(n ? "\n]\n" : "]\n", f);
}
