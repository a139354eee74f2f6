/* output.c: error messages, colour, wrapping, and the text forms of an
 * entry. */
#include <stdarg.h>
#include <string.h>

#include "cli.h"

void error(const char *fmt, ...)
{
    va_list ap;

    fputs("httpstatus: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void color_on(const struct cli *cli, const char *sgr)
{
    if (cli->color)
        fprintf(cli->out, "\033[%sm", sgr);
}

void color_off(const struct cli *cli)
{
    if (cli->color)
        fputs("\033[0m", cli->out);
}

const char *class_color(enum httpstatus_class cls)
{
    switch (cls) {
    case HTTPSTATUS_CLASS_INFORMATIONAL:
        return "36"; /* cyan */
    case HTTPSTATUS_CLASS_SUCCESSFUL:
        return "32"; /* green */
    case HTTPSTATUS_CLASS_REDIRECTION:
        return "34"; /* blue */
    case HTTPSTATUS_CLASS_CLIENT_ERROR:
        return "33"; /* yellow */
    case HTTPSTATUS_CLASS_SERVER_ERROR:
        return "31"; /* red */
    case HTTPSTATUS_CLASS_INVALID:
        break;
    }
    return "0";
}

void wrap(const struct cli *cli, const char *text, int first, int indent)
{
    int col = first, line_empty = 1;
    const char *p = text;

    for (;;) {
        const char *word;
        int len;

        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        for (word = p; *p && *p != ' ';)
            p++;
        len = (int)(p - word);
        if (!line_empty && col + 1 + len > cli->width) {
            fprintf(cli->out, "\n%*s", indent, "");
            col = indent;
            line_empty = 1;
        }
        if (!line_empty) {
            fputc(' ', cli->out);
            col++;
        }
        fwrite(word, 1, (size_t)len, cli->out);
        col += len;
        line_empty = 0;
    }
    fputc('\n', cli->out);
}

static const char *redirect_text(enum httpstatus_redirect r)
{
    switch (r) {
    case HTTPSTATUS_REDIRECT_NONE:
        return NULL;
    case HTTPSTATUS_REDIRECT_MAY_CHANGE_METHOD:
        return "follow Location; clients may turn POST into GET (use 307 "
               "or 308 to forbid that)";
    case HTTPSTATUS_REDIRECT_CHANGES_TO_GET:
        return "follow Location with GET (HEAD stays HEAD)";
    case HTTPSTATUS_REDIRECT_KEEPS_METHOD:
        return "follow Location with the same method and content";
    case HTTPSTATUS_REDIRECT_CHOICE:
        return "a choice of representations; Location names the preferred "
               "one, if any";
    case HTTPSTATUS_REDIRECT_NOT_MODIFIED:
        return "use the stored response; there is no Location to follow";
    }
    return NULL;
}

static const char *retry_text(enum httpstatus_retry r)
{
    switch (r) {
    case HTTPSTATUS_RETRY_NO:
        return NULL;
    case HTTPSTATUS_RETRY_ANY_METHOD:
        return "safe to repeat whatever the method, after a delay (honour "
               "Retry-After)";
    case HTTPSTATUS_RETRY_IDEMPOTENT:
        return "repeat automatically only idempotent requests (GET, PUT, "
               "DELETE, ...)";
    case HTTPSTATUS_RETRY_AFTER_CHANGE:
        return "repeating can work once the request is changed";
    }
    return NULL;
}

/* "Label      " in the card's left column, then the value wrapped. */
static void field(const struct cli *cli, const char *label, const char *value)
{
    color_on(cli, "1");
    fprintf(cli->out, "  %-11s", label);
    color_off(cli);
    wrap(cli, value, 13, 13);
}

void print_card(const struct cli *cli, const struct httpstatus_info *e)
{
    char caching[160] = "";
    const char *text;
    size_t k;

    color_on(cli, class_color(e->status_class));
    color_on(cli, "1");
    fprintf(cli->out, "%d %s", e->code, e->reason);
    color_off(cli);
    fputc('\n', cli->out);
    {
        char line[256];
        snprintf(line, sizeof line, "%dxx %s, %s%s%s", e->code / 100,
                 httpstatus_class_name(e->status_class), kind_name(e->kind),
                 e->vendor ? ": " : "", e->vendor ? e->vendor : "");
        fputs("  ", cli->out);
        wrap(cli, line, 2, 4);
    }
    if (e->reference) {
        fputs("  ", cli->out);
        wrap(cli, e->reference, 2, 2);
    }
    fputc('\n', cli->out);
    if (e->summary[0]) {
        fputs("  ", cli->out);
        wrap(cli, e->summary, 2, 2);
        fputc('\n', cli->out);
    }
    if (e->description[0]) {
        fputs("  ", cli->out);
        wrap(cli, e->description, 2, 2);
        fputc('\n', cli->out);
    }
    if (e->use_cases[0]) {
        color_on(cli, "1");
        fputs("  Common uses\n", cli->out);
        color_off(cli);
        for (k = 0; e->use_cases[k]; k++) {
            fputs("    - ", cli->out);
            wrap(cli, e->use_cases[k], 6, 6);
        }
        fputc('\n', cli->out);
    }
    if (e->header_count) {
        color_on(cli, "1");
        fputs("  Response headers\n", cli->out);
        color_off(cli);
        for (k = 0; k < e->header_count; k++) {
            const struct httpstatus_header_rule *r = &e->headers[k];
            char line[256];
            snprintf(line, sizeof line, "%s%s%s (%s)", r->field,
                     r->condition ? ", " : "",
                     r->condition ? r->condition : "", r->section);
            fprintf(cli->out, "    %-10s ", level_name(r->level));
            wrap(cli, line, 15, 15);
        }
        fputc('\n', cli->out);
    }
    if (e->flags & HTTPSTATUS_FLAG_INTERIM)
        field(cli, "Interim",
              "an interim response: the final one follows; "
              "never sent to HTTP/1.0 clients");
    if (e->flags & HTTPSTATUS_FLAG_NO_CONTENT)
        field(cli, "Content",
              "none, ever: the response ends after its "
              "header section");
    if (e->flags & HTTPSTATUS_FLAG_EMPTY_CONTENT)
        field(cli, "Content", "must be empty (Content-Length: 0)");
    if (e->flags & HTTPSTATUS_FLAG_CACHEABLE)
        snprintf(caching, sizeof caching,
                 "heuristically cacheable: caches may reuse it without "
                 "explicit freshness");
    if (e->flags & HTTPSTATUS_FLAG_NO_STORE)
        snprintf(caching, sizeof caching, "caches must not store it");
    if (caching[0])
        field(cli, "Caching", caching);
    if ((text = redirect_text(e->redirect)) != NULL)
        field(cli, "Redirect", text);
    if (e->flags & HTTPSTATUS_FLAG_PERMANENT)
        field(cli, "Permanent", "yes: update links and bookmarks");
    if ((text = retry_text(e->retry)) != NULL)
        field(cli, "Retry", text);
    if (e->flags & HTTPSTATUS_FLAG_DEPRECATED)
        field(cli, "Deprecated", "yes: do not send it");
    if (e->aliases[0]) {
        char list[512] = "";
        size_t used = 0;
        for (k = 0; e->aliases[k] && used < sizeof list; k++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                     k ? ", " : "", e->aliases[k]);
        field(cli, "Also known", list);
    }
    {
        char name[96];
        snprintf(name, sizeof name, "%s%s",
                 e->kind == HTTPSTATUS_KIND_UNOFFICIAL ? "" : "HTTPSTATUS_",
                 e->name);
        field(cli, "Name", name);
    }
}

void print_row(const struct cli *cli, const struct httpstatus_info *e)
{
    int used;
    const char *tail = e->vendor ? e->vendor : e->summary;

    color_on(cli, class_color(e->status_class));
    fprintf(cli->out, "%d", e->code);
    color_off(cli);
    used = fprintf(cli->out, "  %-31s", e->reason) + 3;
    if (tail && tail[0]) {
        int room = cli->width - used - 2;
        int len = (int)strlen(tail);
        if (len <= room)
            fprintf(cli->out, "  %s", tail);
        else if (room > 3)
            fprintf(cli->out, "  %.*s...", room - 3, tail);
    }
    fputc('\n', cli->out);
}
