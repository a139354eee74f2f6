/* har.c: HAR 1.2 files (HTTP Archive, as browsers and proxies export
 * them) as check's inputs, read with Jansson.
 *
 * A HAR entry holds the response's head as parsed: its version, code,
 * reason and fields, each field a name and a value. The head is written
 * again from them; it says nothing of how the head was framed on the
 * wire (its line ends, its spaces), only of what was in it. Browsers
 * write HTTP/2 and HTTP/3 versions in several ways ("h2", "http/2.0",
 * "HTTP/2"), lower-case field names, and at times the pseudo-header
 * ":status" among the fields; they record no interim responses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "inputs.h"
#include "lint.h"

#ifndef HTTPSTATUS_HAVE_JANSSON

int har_supported(void)
{
    return 0;
}

int har_read(const char *file, const char *p, size_t n, struct inputs *l,
             char **error)
{
    (void)p;
    (void)n;
    (void)l;
    *error = lint_printf("%s cannot be read: this build of httpstatus reads "
                         "no HAR files (it was built without Jansson)",
                         file);
    return -1;
}

#else

#include <jansson.h>

#define URL_SHOWN    240 /* bytes of a URL in an input's name */
#define METHOD_SHOWN 32
#define VALUE_SHOWN  40 /* bytes of a bad value quoted in a message */

int har_supported(void)
{
    return 1;
}

/* What an entry's httpVersion says, as the status line writes it: curl's
 * form for HTTP/2 and HTTP/3, with no minor version; NULL when unknown. */
static const char *status_version(const char *v, size_t n)
{
    static const char *const h2[] = {"h2", "h2c", "http/2", "http/2.0"};
    size_t k;

    if (eq_nocase(v, n, "http/1.1"))
        return "HTTP/1.1";
    if (eq_nocase(v, n, "http/1.0"))
        return "HTTP/1.0";
    for (k = 0; k < sizeof h2 / sizeof h2[0]; k++)
        if (eq_nocase(v, n, h2[k]))
            return "HTTP/2";
    /* Chrome has written "h3" and drafts such as "h3-29". */
    if (eq_nocase(v, n, "http/3") || eq_nocase(v, n, "http/3.0") ||
        eq_nocase(v, n, "h3") || (n > 3 && eq_nocase(v, 3, "h3-")))
        return "HTTP/3";
    return NULL;
}

/* A reason phrase's bytes: HTAB, SP, VCHAR, obs-text. */
static int reason_ok(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch != '\t' && (ch < 0x20 || ch == 0x7f))
            return 0;
    }
    return 1;
}

struct har {
    const char *file;
    struct inputs *out;
    char *error;
};

/* Sets the error for entry k (from 0), or for the file when k is -1:
 * what is wrong, where. */
static int bad(struct har *h, long k, const char *what)
{
    if (k < 0)
        h->error = lint_printf("%s is not a HAR file: %s", h->file, what);
    else
        h->error = lint_printf("%s, entry %ld: %s", h->file, k + 1, what);
    return -1;
}

/* The string member name of o (at path, for the message), or NULL with
 * the error set. */
static const char *string_member(struct har *h, long k, json_t *o,
                                 const char *path, const char *name,
                                 size_t *len)
{
    json_t *v = json_object_get(o, name);

    if (!json_is_string(v)) {
        char *what = lint_printf("%s%s is %s", path, name,
                                 v ? "not a string" : "missing");
        bad(h, k, what);
        free(what);
        return NULL;
    }
    *len = json_string_length(v);
    return json_string_value(v);
}

/* Appends one field line, or one for each line of a value that holds
 * several. */
static void add_field(struct buffer *b, const char *name, size_t name_len,
                      const char *value, size_t value_len)
{
    size_t i = 0;

    for (;;) {
        const char *nl = memchr(value + i, '\n', value_len - i);
        size_t e = nl ? (size_t)(nl - value) : value_len, end = e;
        if (nl && end > i && value[end - 1] == '\r')
            end--;
        inputs_append(b, name, name_len);
        inputs_append(b, ": ", 2);
        inputs_append(b, value + i, end - i);
        inputs_append(b, "\r\n", 2);
        if (nl == NULL)
            break;
        i = e + 1;
    }
}

/* The head of entry k's response in b. Returns 1, 0 when the entry is
 * left out (with a note), or -1 with the error set. */
static int rebuild(struct har *h, long k, json_t *res, const char *label,
                   struct buffer *b)
{
    json_t *status = json_object_get(res, "status");
    json_t *version = json_object_get(res, "httpVersion");
    json_t *text = json_object_get(res, "statusText");
    json_t *headers = json_object_get(res, "headers");
    const char *v, *reason = "";
    size_t reason_len = 0, i;
    json_int_t code;
    char line[32];

    if (!json_is_integer(status))
        return bad(h, k,
                   status ? "response.status is not a whole number"
                          : "response.status is missing");
    code = json_integer_value(status);
    if (code <= 0) {
        /* Chrome writes 0, Playwright -1, and the reason beside. */
        json_t *why = json_object_get(res, "_failureText");
        char *shown;
        if (!json_is_string(why))
            why = json_object_get(res, "_error");
        shown = json_is_string(why) && json_string_length(why) > 0
                    ? inputs_printable(json_string_value(why),
                                       json_string_length(why), VALUE_SHOWN)
                    : lint_printf("blocked, cancelled or failed");
        inputs_note(h->out,
                    lint_printf("%s: left out, it has no response (status "
                                "%lld: %s)",
                                label, (long long)code, shown));
        free(shown);
        return 0;
    }
    if (code < 100 || code > 999) {
        char *what = lint_printf(
            "response.status %lld is not a three-digit code", (long long)code);
        bad(h, k, what);
        free(what);
        return -1;
    }
    if (version != NULL && !json_is_string(version))
        return bad(h, k, "response.httpVersion is not a string");
    if (text != NULL && !json_is_string(text))
        return bad(h, k, "response.statusText is not a string");
    if (!json_is_array(headers))
        return bad(h, k,
                   headers ? "response.headers is not an array"
                           : "response.headers is missing");
    v = version ? status_version(json_string_value(version),
                                 json_string_length(version))
                : NULL;
    if (v == NULL) {
        char *shown = version ? inputs_printable(json_string_value(version),
                                                 json_string_length(version),
                                                 VALUE_SHOWN)
                              : NULL;
        inputs_note(h->out,
                    shown && shown[0]
                        ? lint_printf("%s: left out, its HTTP version "
                                      "\"%s\" is not one check knows",
                                      label, shown)
                        : lint_printf("%s: left out, it does not say its "
                                      "HTTP version (response.httpVersion)",
                                      label));
        free(shown);
        return 0;
    }
    if (text) {
        reason = json_string_value(text);
        reason_len = json_string_length(text);
        if (!reason_ok(reason, reason_len))
            return bad(h, k,
                       "response.statusText has a control character, which "
                       "no reason phrase can have");
    }

    /* HTTP/2 and HTTP/3 have no reason phrase: curl's form ends in a
     * space. */
    snprintf(line, sizeof line, "%s %03d ", v, (int)code);
    inputs_append(b, line, strlen(line));
    if (strcmp(v, "HTTP/2") != 0 && strcmp(v, "HTTP/3") != 0)
        inputs_append(b, reason, reason_len);
    inputs_append(b, "\r\n", 2);
    for (i = 0; i < json_array_size(headers); i++) {
        json_t *f = json_array_get(headers, i);
        const char *name, *value;
        size_t name_len = 0, value_len = 0;
        char *where;
        if (!json_is_object(f)) {
            where = lint_printf("response.headers[%zu] is not an object", i);
            bad(h, k, where);
            free(where);
            return -1;
        }
        where = lint_printf("response.headers[%zu].", i);
        name = string_member(h, k, f, where, "name", &name_len);
        value =
            name ? string_member(h, k, f, where, "value", &value_len) : NULL;
        free(where);
        if (value == NULL)
            return -1;
        /* Pseudo-header fields are no fields: ":status" is in the status
         * line already. */
        if (name_len > 0 && name[0] == ':')
            continue;
        if (memchr(name, '\n', name_len) || memchr(name, '\r', name_len)) {
            char *shown = inputs_printable(name, name_len, VALUE_SHOWN);
            where = lint_printf("the response field name \"%s\" has a line "
                                "break in it",
                                shown);
            bad(h, k, where);
            free(where);
            free(shown);
            return -1;
        }
        add_field(b, name, name_len, value, value_len);
    }
    inputs_append(b, "\r\n", 2);
    return 1;
}

/* "FILE, entry N: METHOD URL", and the method if it is a token. */
static int entry_label(struct har *h, long k, json_t *entry, char **label,
                       char **method)
{
    json_t *req = json_object_get(entry, "request");
    const char *m, *url;
    size_t m_len, url_len, i;
    char *ms, *us;

    if (!json_is_object(req))
        return bad(h, k,
                   req ? "request is not an object" : "request is missing");
    m = string_member(h, k, req, "request.", "method", &m_len);
    if (m == NULL)
        return -1;
    url = string_member(h, k, req, "request.", "url", &url_len);
    if (url == NULL)
        return -1;
    ms = inputs_printable(m, m_len, METHOD_SHOWN);
    us = inputs_printable(url, url_len, URL_SHOWN);
    *label = lint_printf("%s, entry %ld: %s %s", h->file, k + 1, ms, us);
    free(ms);
    free(us);
    *method = NULL;
    for (i = 0; i < m_len && is_tchar((unsigned char)m[i]); i++)
        ;
    if (m_len > 0 && i == m_len)
        *method = lint_printf("%.*s", (int)m_len, m);
    return 0;
}

static int read_entries(struct har *h, json_t *root)
{
    json_t *log, *entries;
    size_t k, added = 0;

    if (!json_is_object(root))
        return bad(h, -1, "it is JSON, but not an object");
    log = json_object_get(root, "log");
    if (!json_is_object(log))
        return bad(h, -1,
                   log ? "log is not an object" : "it has no log object");
    entries = json_object_get(log, "entries");
    if (!json_is_array(entries))
        return bad(h, -1,
                   entries ? "log.entries is not an array"
                           : "it has no log.entries");
    for (k = 0; k < json_array_size(entries); k++) {
        json_t *entry = json_array_get(entries, k), *res;
        struct buffer b = {NULL, 0, 0};
        char *label = NULL, *method = NULL;
        int rc;
        if (!json_is_object(entry))
            return bad(h, (long)k, "the entry is not an object");
        if (entry_label(h, (long)k, entry, &label, &method) != 0)
            return -1;
        res = json_object_get(entry, "response");
        if (!json_is_object(res)) {
            free(label);
            free(method);
            return bad(h, (long)k,
                       res ? "response is not an object"
                           : "response is missing");
        }
        rc = rebuild(h, (long)k, res, label, &b);
        if (rc == 1) {
            inputs_add(h->out, label, method, b.data, b.len);
            added++;
        } else {
            free(label);
            free(method);
            buffer_free(&b);
            if (rc < 0)
                return -1;
        }
    }
    if (added == 0) {
        h->error =
            lint_printf(k == 0 ? "%s has no entries: no response to check"
                               : "%s has no entry with a response to check",
                        h->file);
        return -1;
    }
    return 0;
}

int har_read(const char *file, const char *p, size_t n, struct inputs *l,
             char **error)
{
    struct har h;
    json_error_t e;
    json_t *root;
    int status;

    h.file = file;
    h.out = l;
    h.error = NULL;
    /* Some tools begin the file with a UTF-8 byte order mark. */
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
        p += 3;
        n -= 3;
    }
    root = json_loadb(p, n, JSON_ALLOW_NUL, &e);
    if (root == NULL) {
        char *why = inputs_printable(e.text, strlen(e.text), 160);
        *error = lint_printf("%s is not a HAR file: it is not JSON (line "
                             "%d, column %d: %s)",
                             file, e.line, e.column, why);
        free(why);
        return -1;
    }
    status = read_entries(&h, root);
    json_decref(root);
    if (status != 0)
        *error = h.error;
    return status;
}

#endif
