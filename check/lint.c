/* lint.c: the linter's reader and its core rules: the status line, the
 * field lines, the code's own header rules from the registry, and framing.
 *
 * The input is a sequence of responses: interim 1xx ones, then a final
 * one; after any response, what follows is either another status line
 * (curl -siL prints every redirect's head) or content, which ends the
 * analysis. Content is told from a following response by its framing:
 * the bytes a Content-Length covers are content, whatever they look like
 * (a message/http body starts with a status line). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "lint.h"
#include "utf8.h"

#define QUOTE_MAX 48 /* input bytes quoted in a message */

const struct rule_info lint_rules[RULE_COUNT] = {
#define RULE(name, id, sev, section, summary)                                 \
    {id, SEV_##sev, section, summary},
#include "rules.h"
#undef RULE
};

int lint_rule_find(const char *id, size_t len)
{
    int k;

    for (k = 0; k < RULE_COUNT; k++)
        if (eq_exact(id, len, lint_rules[k].id))
            return k;
    return -1;
}

/* ------------------------------------------------------------- memory */

void *lint_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (q == NULL) {
        fputs("httpstatus: check: out of memory\n", stderr);
        exit(2);
    }
    return q;
}

char *lint_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

char *lint_printf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    s = lint_realloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    if (vsnprintf(s, (size_t)n + 1, fmt, ap) < 0)
        s[0] = '\0';
    va_end(ap);
    return s;
}

/* ---------------------------------------------------------- text helpers */

/* The folding httpstatus_lookup() uses: ASCII case, and ' ', '-', '_'
 * equivalent. */
static unsigned char fold(unsigned char ch)
{
    return ch == ' ' || ch == '-' ? '_' : (unsigned char)lower(ch);
}

static int fold_eq(const char *a, size_t alen, const char *b)
{
    size_t i;

    for (i = 0; i < alen; i++)
        if (b[i] == '\0' ||
            fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
            return 0;
    return b[alen] == '\0';
}

/* Input bytes quoted for a message: printable ASCII as it is, every other
 * byte (and '"' and '\\') as \xHH, cut at QUOTE_MAX bytes. The result is
 * printable ASCII, so it is safe on a terminal and in JSON. */
char *lint_quote(const char *p, size_t n)
{
    size_t i, shown = n > QUOTE_MAX ? QUOTE_MAX : n;
    char *s = lint_realloc(NULL, shown * 4 + 8), *o = s;

    *o++ = '"';
    for (i = 0; i < shown; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
            *o++ = (char)ch;
        } else {
            static const char hex[] = "0123456789abcdef";
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
    *o++ = '"';
    *o = '\0';
    return s;
}

/* The length of the valid UTF-8 sequence at p (at most n bytes), or 0.
 * Overlong forms, surrogates, code points above U+10FFFF and the C0 and C1
 * controls other than HTAB are not valid here: they could not be shown
 * safely on a terminal. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    if (p[0] < 0x80)
        return (p[0] >= 0x20 && p[0] != 0x7f) || p[0] == '\t' ? 1 : 0;
    if (p[0] == 0xc2 && n > 1 && p[1] < 0xa0)
        return 0; /* U+0080..U+009F are the C1 controls */
    return utf8_length((const char *)p, n);
}

/* Input bytes as a NUL-terminated string of valid UTF-8: every byte that
 * is not part of a valid sequence becomes U+FFFD. */
static char *to_utf8(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    char *s = lint_realloc(NULL, n * 3 + 1), *o = s;
    size_t i = 0;

    while (i < n) {
        size_t len = utf8_len(u + i, n - i);
        if (len == 0) {
            memcpy(o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
        } else {
            memcpy(o, p + i, len);
            o += len;
            i += len;
        }
    }
    *o = '\0';
    return s;
}

/* --------------------------------------------------------------- input */

enum line_end { END_EOF, END_LF, END_CRLF };

struct line {
    const char *p;
    size_t len;  /* without the line end */
    size_t full; /* with it */
    enum line_end end;
};

/* The line at pos; 0 at the end of the input. A CR just before the end of
 * the input is taken for a cut-short line end. */
static int get_line(const struct lint *c, size_t pos, struct line *l)
{
    const char *p = c->buf + pos, *nl;

    if (pos >= c->len)
        return 0;
    l->p = p;
    nl = memchr(p, '\n', c->len - pos);
    if (nl) {
        l->full = (size_t)(nl - p) + 1;
        l->len = l->full - 1;
        l->end = END_LF;
        if (l->len > 0 && p[l->len - 1] == '\r') {
            l->len--;
            l->end = END_CRLF;
        }
    } else {
        l->full = c->len - pos;
        l->len = l->full;
        l->end = END_EOF;
        if (l->len > 0 && p[l->len - 1] == '\r')
            l->len--;
    }
    return 1;
}

#define LENIENT_STATUS                                                        \
    ((unsigned)HTTPSTATUS_LENIENT_LF | (unsigned)HTTPSTATUS_LENIENT_SPACES |  \
     (unsigned)HTTPSTATUS_LENIENT_MAJOR_ONLY)

/* Parses the line as a status line with as few leniencies as it takes
 * (a subset of LENIENT_STATUS); *needed says which. A line cut short by
 * the end of the input is parsed as if CRLF ended it. *reason_off is the
 * reason's offset in l->p. Returns 0 when no leniency helps. */
static int parse_status(const struct line *l, struct httpstatus_line *out,
                        unsigned *needed, size_t *reason_off)
{
    static const unsigned combos[] = {
        0,
        HTTPSTATUS_LENIENT_LF,
        HTTPSTATUS_LENIENT_SPACES,
        HTTPSTATUS_LENIENT_MAJOR_ONLY,
        (unsigned)HTTPSTATUS_LENIENT_LF | (unsigned)HTTPSTATUS_LENIENT_SPACES,
        (unsigned)HTTPSTATUS_LENIENT_LF |
            (unsigned)HTTPSTATUS_LENIENT_MAJOR_ONLY,
        (unsigned)HTTPSTATUS_LENIENT_SPACES |
            (unsigned)HTTPSTATUS_LENIENT_MAJOR_ONLY,
        LENIENT_STATUS,
    };
    char *copy = NULL;
    const char *p = l->p;
    size_t n = l->full, k;
    int ok = 0;

    if (l->end == END_EOF) {
        copy = lint_realloc(NULL, l->len + 2);
        memcpy(copy, l->p, l->len);
        memcpy(copy + l->len, "\r\n", 2);
        p = copy;
        n = l->len + 2;
    }
    for (k = 0; k < sizeof combos / sizeof combos[0]; k++) {
        int rc = httpstatus_parse_line_ex(p, n, out, combos[k]);
        if (rc > 0 && (size_t)rc == n) {
            *needed = combos[k];
            *reason_off = out->reason_len ? (size_t)(out->reason - p) : 0;
            ok = 1;
            break;
        }
    }
    free(copy);
    return ok;
}

/* 1 if, after any empty lines, a status line starts at pos. */
static int status_line_at(const struct lint *c, size_t pos)
{
    struct line l;
    struct httpstatus_line sl;
    unsigned needed;
    size_t off;

    while (get_line(c, pos, &l) && l.len == 0)
        pos += l.full;
    return get_line(c, pos, &l) && parse_status(&l, &sl, &needed, &off);
}

/* ------------------------------------------------------------ findings */

/* Adds a finding; message and fix are taken over (from xprintf). */
int lint_enabled(const struct lint *c, enum rule rule)
{
    return c->opt->enabled == NULL || c->opt->enabled[rule];
}

void lint_add(struct lint *c, struct response *r, enum rule rule,
              const char *section, char *message, char *fix)
{
    struct finding *f;

    if (!lint_enabled(c, rule)) {
        free(message);
        free(fix);
        return;
    }
    if (r->nfindings == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->findings = lint_realloc(r->findings, r->cap * sizeof *r->findings);
    }
    f = &r->findings[r->nfindings++];
    f->rule = rule;
    f->severity = lint_rules[rule].severity;
    f->message = message;
    f->section = section ? section : lint_rules[rule].section;
    f->fix = fix;
    switch (f->severity) {
    case SEV_ERROR:
        c->report->errors++;
        break;
    case SEV_WARNING:
        c->report->warnings++;
        break;
    case SEV_NOTE:
        c->report->notes++;
        break;
    }
}

const struct field *lint_field(const struct lint *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->nfields; i++)
        if (eq_nocase(c->fields[i].name, c->fields[i].name_len, name))
            return &c->fields[i];
    return NULL;
}

size_t lint_field_count(const struct lint *c, const char *name)
{
    size_t i, n = 0;

    for (i = 0; i < c->nfields; i++)
        if (eq_nocase(c->fields[i].name, c->fields[i].name_len, name))
            n++;
    return n;
}

int lint_list_next(const char *v, size_t n, size_t *pos, const char **elem,
                   size_t *elem_len)
{
    size_t i = *pos;

    while (i < n) {
        size_t a, b;
        int quoted = 0;
        while (i < n && (is_ows((unsigned char)v[i]) || v[i] == ','))
            i++;
        if (i >= n)
            break;
        for (a = i; i < n && (quoted || v[i] != ','); i++) {
            if (quoted && v[i] == '\\' && i + 1 < n)
                i++;
            else if (v[i] == '"')
                quoted = !quoted;
        }
        b = i;
        while (b > a && is_ows((unsigned char)v[b - 1]))
            b--;
        *pos = i;
        *elem = v + a;
        *elem_len = b - a;
        return 1;
    }
    *pos = n;
    return 0;
}

int lint_list_has(const struct lint *c, const char *name, const char *token)
{
    size_t i;

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        size_t pos = 0, n;
        const char *e;
        if (!eq_nocase(f->name, f->name_len, name))
            continue;
        while (lint_list_next(f->value, f->value_len, &pos, &e, &n))
            if (eq_nocase(e, n, token))
                return 1;
    }
    return 0;
}

/* The section of the code's rule for a field, or fallback. */
static const char *rule_section(const struct httpstatus_info *info,
                                const char *field, const char *fallback)
{
    size_t k;

    for (k = 0; info && k < info->header_count; k++)
        if (strcmp(info->headers[k].field, field) == 0)
            return info->headers[k].section;
    return fallback;
}

/* An example of a field and what it is for, to tell how to add it. */
struct hint {
    const char *field;
    int code; /* 0: any code */
    const char *example;
    const char *purpose;
};

static const struct hint hints[] = {
    {"Allow", 0, "Allow: GET, HEAD",
     "listing the methods the resource supports"},
    {"WWW-Authenticate", 0, "WWW-Authenticate: Basic realm=api",
     "with a challenge the client can answer"},
    {"Proxy-Authenticate", 0, "Proxy-Authenticate: Basic realm=proxy",
     "with a challenge the client can answer"},
    {"Upgrade", 101, "Upgrade: websocket",
     "naming the protocol the connection switches to"},
    {"Upgrade", 0, "Upgrade: HTTP/3.0",
     "naming the protocols the client must switch to"},
    {"Location", 201, "Location: /items/42",
     "naming the resource that was created"},
    {"Location", 104, "Location: /uploads/42", "naming the upload resource"},
    {"Location", 0, "Location: https://example.com/new",
     "naming the target of the redirect"},
    {"Content-Range", 416, "Content-Range: bytes */1234",
     "giving the current length of the representation"},
    {"Content-Range", 0, "Content-Range: bytes 0-499/1234",
     "describing the range that is sent"},
    {"Retry-After", 0, "Retry-After: 120",
     "saying how many seconds to wait before trying again"},
    {"Link", 451, "Link: <https://authority.example/>; rel=blocked-by",
     "naming who demanded the block"},
    {"Link", 0, "Link: </style.css>; rel=preload; as=style",
     "so the client can fetch what the final response needs early"},
};

/* "add ..." or "consider adding ..." for a missing field. */
static char *add_fix(const char *verb, const char *field, int code)
{
    size_t k;

    for (k = 0; k < sizeof hints / sizeof hints[0]; k++)
        if (strcmp(hints[k].field, field) == 0 &&
            (hints[k].code == 0 || hints[k].code == code))
            return lint_printf("%s \"%s\", %s", verb, hints[k].example,
                               hints[k].purpose);
    return lint_printf("%s a %s field", verb, field);
}

static char *remove_fix(const char *field, int code)
{
    if (httpstatus_forbids_content(code) &&
        (strcmp(field, "Content-Length") == 0 ||
         strcmp(field, "Transfer-Encoding") == 0))
        return lint_printf("remove %s: a %d response never has content", field,
                           code);
    if (code == 511 && strcmp(field, "WWW-Authenticate") == 0)
        return lint_printf(
            "remove WWW-Authenticate: clients would take it for "
            "a challenge from the origin server");
    return lint_printf("remove the %s field", field);
}

/* ------------------------------------------------ the header section */

enum syntax {
    SYN_WS_START, /* whitespace right after the status line */
    SYN_FOLD,     /* obs-fold */
    SYN_NO_COLON,
    SYN_EMPTY_NAME,
    SYN_WS_COLON, /* whitespace between the name and the colon */
    SYN_BAD_NAME,
    SYN_CTL, /* a control character in a value */
    SYN_COUNT
};

/* Each kind of field-line problem is reported once per response, for
 * its first line, with the number of other lines like it. */
struct syntax_seen {
    size_t count, line;
    char *what; /* a quoted name or line, or NULL */
    char *ctl;  /* SYN_CTL: which control character */
};

static void note_syntax(struct syntax_seen *s, size_t line, char *what,
                        char *ctl)
{
    if (s->count++ == 0) {
        s->line = line;
        s->what = what;
        s->ctl = ctl;
    } else {
        free(what);
        free(ctl);
    }
}

/* Reads one field line into c->fields, or notes what is wrong with it. */
static void field_line(struct lint *c, const struct line *l, size_t lineno,
                       int first, struct syntax_seen *syn)
{
    const char *p = l->p, *colon;
    size_t n = l->len, name_len, i, vstart, vend;
    struct field *f;

    if (is_ows(p[0])) {
        note_syntax(&syn[first ? SYN_WS_START : SYN_FOLD], lineno, NULL, NULL);
        return;
    }
    colon = memchr(p, ':', n);
    if (colon == NULL) {
        note_syntax(&syn[SYN_NO_COLON], lineno, lint_quote(p, n), NULL);
        return;
    }
    name_len = (size_t)(colon - p);
    if (name_len == 0) {
        note_syntax(&syn[SYN_EMPTY_NAME], lineno, NULL, NULL);
        return;
    }
    if (is_ows(p[name_len - 1])) {
        while (name_len > 0 && is_ows(p[name_len - 1]))
            name_len--;
        note_syntax(&syn[SYN_WS_COLON], lineno, lint_quote(p, name_len), NULL);
        if (name_len == 0)
            return;
    }
    for (i = 0; i < name_len; i++)
        if (!is_tchar((unsigned char)p[i])) {
            note_syntax(&syn[SYN_BAD_NAME], lineno, lint_quote(p, name_len),
                        NULL);
            return;
        }
    vstart = (size_t)(colon - p) + 1;
    vend = n;
    for (i = vstart; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
            char *ctl = ch == 0 ? lint_printf("a NUL byte")
                        : ch == '\r'
                            ? lint_printf("a bare CR")
                            : lint_printf("the control character 0x%02X", ch);
            note_syntax(&syn[SYN_CTL], lineno, lint_quote(p, name_len), ctl);
            break;
        }
    }
    while (vstart < vend && is_ows(p[vstart]))
        vstart++;
    while (vend > vstart && is_ows(p[vend - 1]))
        vend--;
    if (c->nfields == c->fcap) {
        c->fcap = c->fcap ? c->fcap * 2 : 16;
        c->fields = lint_realloc(c->fields, c->fcap * sizeof *c->fields);
    }
    f = &c->fields[c->nfields++];
    f->name = p;
    f->name_len = name_len;
    f->value = p + vstart;
    f->value_len = vend - vstart;
    f->line = lineno;
}

static void report_syntax(struct lint *c, struct response *r,
                          struct syntax_seen *syn)
{
    int k;

    for (k = 0; k < SYN_COUNT; k++) {
        struct syntax_seen *s = &syn[k];
        char *msg = NULL, *fix = NULL, *more;
        enum rule rule = RULE_FIELD_NO_COLON;

        if (s->count == 0)
            continue;
        switch ((enum syntax)k) {
        case SYN_WS_START:
            msg = lint_printf("line %zu: whitespace between the status line "
                              "and the first field",
                              s->line);
            fix = lint_printf("remove the whitespace between the status line "
                              "and the first field");
            rule = RULE_FIELD_WHITESPACE_BEFORE;
            break;
        case SYN_FOLD:
            msg = lint_printf("line %zu: obsolete line folding continues the "
                              "previous field value",
                              s->line);
            fix = lint_printf("put each field value on one line");
            rule = RULE_FIELD_OBS_FOLD;
            break;
        case SYN_NO_COLON:
            msg = lint_printf("line %zu: %s is not a field line: it has no "
                              "colon",
                              s->line, s->what);
            fix = lint_printf("write each field as \"Name: value\", and end "
                              "the header section with an empty line");
            break;
        case SYN_EMPTY_NAME:
            msg = lint_printf("line %zu: empty field name", s->line);
            fix = lint_printf("put the field name before the colon");
            rule = RULE_FIELD_NAME_EMPTY;
            break;
        case SYN_WS_COLON:
            msg = lint_printf("line %zu: whitespace between the field name %s "
                              "and the colon",
                              s->line, s->what);
            fix = lint_printf("remove the whitespace before the colon; "
                              "recipients must reject or repair the field");
            rule = RULE_FIELD_NAME_WHITESPACE;
            break;
        case SYN_BAD_NAME:
            msg = lint_printf("line %zu: field name %s has characters a field "
                              "name cannot have",
                              s->line, s->what);
            fix = lint_printf("use only letters, digits and "
                              "!#$%%&'*+-.^_`|~ in field names");
            rule = RULE_FIELD_NAME_INVALID;
            break;
        case SYN_CTL:
            msg = lint_printf("line %zu: the value of %s contains %s", s->line,
                              s->what, s->ctl);
            fix =
                lint_printf("remove control characters from field values: "
                            "only HTAB, SP and visible characters may appear");
            rule = RULE_FIELD_VALUE_CONTROL;
            break;
        case SYN_COUNT:
            break;
        }
        if (msg == NULL)
            continue;
        if (s->count > 1) {
            more = lint_printf("%s; %zu more line%s like it", msg,
                               s->count - 1, s->count > 2 ? "s" : "");
            free(msg);
            msg = more;
        }
        lint_add(c, r, rule, NULL, msg, fix);
        free(s->what);
        free(s->ctl);
    }
}

/* ---------------------------------------------------- code and reason */

static void check_code(struct lint *c, struct response *r,
                       const struct httpstatus_info *info)
{
    int code = r->code;

    if (!httpstatus_is_valid(code)) {
        lint_add(
            c, r, RULE_CODE_OUT_OF_RANGE, NULL,
            lint_printf("status code %03d is outside 100..599", code),
            lint_printf("send a three-digit code from 100 to 599 that says "
                        "what happened"));
        return;
    }
    if (info == NULL) {
        size_t n, k, found = 0;
        const struct httpstatus_info *u = httpstatus_unofficial(&n);
        char *list = lint_printf("%s", "");

        for (k = 0; k < n; k++) {
            if (u[k].code != code)
                continue;
            {
                char *reason = lint_quote(u[k].reason, strlen(u[k].reason));
                char *next = lint_printf(
                    "%s%s%s's %s", list, found ? " or " : "",
                    u[k].vendor ? u[k].vendor : "a vendor", reason);
                free(reason);
                free(list);
                list = next;
                found++;
            }
        }
        if (found)
            lint_add(
                c, r, RULE_CODE_VENDOR, NULL,
                lint_printf("%d is not a registered status code: it is %s",
                            code, list),
                lint_printf("use a registered code unless every client knows "
                            "this one; others treat %d as %d",
                            code, code / 100 * 100));
        else
            lint_add(c, r, RULE_CODE_UNREGISTERED, NULL,
                     lint_printf(
                         "%d is not a registered status code: clients treat "
                         "it as %d",
                         code, code / 100 * 100),
                     lint_printf("send a registered %dxx code, such as %d",
                                 code / 100, code / 100 * 100));
        free(list);
        return;
    }
    switch (info->kind) {
    case HTTPSTATUS_KIND_RESERVED:
        lint_add(
            c, r, RULE_CODE_RESERVED, info->reference,
            lint_printf("%d is reserved: it is no longer used, and clients do "
                        "not know what it means",
                        code),
            lint_printf("send a code that says what happened, such as %d",
                        code / 100 * 100));
        break;
    case HTTPSTATUS_KIND_OBSOLETE:
        lint_add(
            c, r, RULE_CODE_OBSOLETE, info->reference,
            lint_printf("%d %s is obsolete: the specification behind it is "
                        "historic",
                        code, info->reason),
            lint_printf("send a code that says what happened, such as %d",
                        code / 100 * 100));
        break;
    case HTTPSTATUS_KIND_STANDARD:
    case HTTPSTATUS_KIND_TEMPORARY:
    case HTTPSTATUS_KIND_UNOFFICIAL:
        break;
    }
    if (info->flags & HTTPSTATUS_FLAG_DEPRECATED)
        lint_add(
            c, r, RULE_CODE_DEPRECATED, info->reference,
            lint_printf("%d %s is deprecated", code, info->reason),
            lint_printf("send another code: clients ignore 305, as a proxy "
                        "named in a response is a security risk"));
}

/* How the reason names entry e: 0 not at all (a code, say), 1 by its
 * current reason or name, 2 by a former name or phrase. */
static int reason_match(const struct httpstatus_info *e, const char *p,
                        size_t n)
{
    size_t k;

    if (fold_eq(p, n, e->reason) || fold_eq(p, n, e->name))
        return 1;
    for (k = 0; e->aliases[k]; k++)
        if (fold_eq(p, n, e->aliases[k]))
            return 2;
    return 0;
}

static void check_reason(struct lint *c, struct response *r,
                         const struct httpstatus_info *info, const char *p,
                         size_t n)
{
    const struct httpstatus_info *e;
    int code = r->code, how;
    char *q;

    while (n > 0 && is_ows(p[0]))
        p++, n--;
    while (n > 0 && is_ows(p[n - 1]))
        n--;
    if (n == 0 || !httpstatus_is_valid(code))
        return;
    if (info == NULL) {
        /* A vendor's own phrase for its code is fine. */
        size_t count, k;
        const struct httpstatus_info *u = httpstatus_unofficial(&count);
        for (k = 0; k < count; k++)
            if (u[k].code == code && reason_match(&u[k], p, n))
                return;
    }
    e = httpstatus_lookup(p, n);
    if (e == NULL || e->kind == HTTPSTATUS_KIND_UNOFFICIAL)
        return;
    how = reason_match(e, p, n);
    if (how == 0)
        return;
    q = lint_quote(p, n);
    if (e->code == code) {
        if (how == 2) {
            int rfc9110 =
                e->reference && strncmp(e->reference, "RFC 9110", 8) == 0;
            lint_add(
                c, r, RULE_REASON_FORMER,
                e->reference ? e->reference : "RFC 9110",
                lint_printf(
                    "old or non-standard reason phrase %s: %s calls %d \"%s\"",
                    q, rfc9110 ? "RFC 9110" : "the IANA registry", code,
                    e->reason),
                lint_printf("send \"%d %s\"", code, e->reason));
        }
    } else if (info) {
        lint_add(c, r, RULE_REASON_OTHER_CODE, NULL,
                 lint_printf("reason phrase %s is the phrase of %d, not %d", q,
                             e->code, code),
                 lint_printf("send \"%d %s\", or send %d if that is what the "
                             "response means",
                             code, info->reason, e->code));
    } else {
        lint_add(
            c, r, RULE_REASON_OTHER_CODE, NULL,
            lint_printf("reason phrase %s is the phrase of %d, not %d", q,
                        e->code, code),
            lint_printf("use a reason phrase that fits %d, or send %d if that "
                        "is what the response means",
                        code, e->code));
    }
    free(q);
}

/* ------------------------------------------------------ header rules */

/* "multipart/byteranges", whatever the case and parameters. */
static int is_byteranges(const struct field *f)
{
    static const char type[] = "multipart/byteranges";
    size_t n = sizeof type - 1;

    if (f == NULL || f->value_len < n)
        return 0;
    if (!eq_nocase(f->value, n, type))
        return 0;
    return f->value_len == n || f->value[n] == ';' || is_ows(f->value[n]);
}

/* range-unit SP "*" "/" 1*DIGIT (RFC 9110, Section 14.4). */
static int is_unsatisfied_range(const struct field *f)
{
    size_t i = 0, n = f->value_len, digits;
    const char *v = f->value;

    while (i < n && is_tchar((unsigned char)v[i]))
        i++;
    if (i == 0 || n - i < 4 || v[i] != ' ' || v[i + 1] != '*' ||
        v[i + 2] != '/')
        return 0;
    for (i += 3, digits = 0; i < n; i++, digits++)
        if (v[i] < '0' || v[i] > '9')
            return 0;
    return digits > 0;
}

struct reported {
    int content_length, transfer_encoding;
};

static void check_rules(struct lint *c, struct response *r,
                        const struct httpstatus_info *info,
                        struct reported *done)
{
    int code = r->code;
    size_t k;

    for (k = 0; info && k < info->header_count; k++) {
        const struct httpstatus_header_rule *rule = &info->headers[k];
        int present = lint_field(c, rule->field) != NULL;

        /* A linter cannot tell whether a condition holds. */
        if (rule->condition)
            continue;
        switch (rule->level) {
        case HTTPSTATUS_MUST:
        case HTTPSTATUS_SHOULD:
            if (!present)
                lint_add(
                    c, r,
                    rule->level == HTTPSTATUS_MUST
                        ? RULE_STATUS_FIELD_REQUIRED
                        : RULE_STATUS_FIELD_RECOMMENDED,
                    rule->section,
                    lint_printf("%d response without %s", code, rule->field),
                    add_fix("add", rule->field, code));
            break;
        case HTTPSTATUS_MAY:
            if (!present)
                lint_add(
                    c, r, RULE_STATUS_FIELD_OPTIONAL, rule->section,
                    lint_printf("%d response without %s, which it may carry",
                                code, rule->field),
                    add_fix("consider adding", rule->field, code));
            break;
        case HTTPSTATUS_SHOULD_NOT:
        case HTTPSTATUS_MUST_NOT:
            if (!present)
                break;
            lint_add(c, r,
                     rule->level == HTTPSTATUS_MUST_NOT
                         ? RULE_STATUS_FIELD_FORBIDDEN
                         : RULE_STATUS_FIELD_DISCOURAGED,
                     rule->section,
                     lint_printf("%d response with %s", code, rule->field),
                     remove_fix(rule->field, code));
            if (strcmp(rule->field, "Content-Length") == 0)
                done->content_length = 1;
            if (strcmp(rule->field, "Transfer-Encoding") == 0)
                done->transfer_encoding = 1;
            break;
        }
    }

    /* 206: whether one range or several were sent shows in Content-Type
     * (RFC 9110, Section 15.3.7). */
    if (code == 206) {
        const struct field *range = lint_field(c, "Content-Range");
        int multipart = is_byteranges(lint_field(c, "Content-Type"));

        if (multipart && range)
            lint_add(
                c, r, RULE_PARTIAL_MULTIPART_CONTENT_RANGE,
                rule_section(info, "Content-Type",
                             "RFC 9110, Section 15.3.7.2"),
                lint_printf("206 multipart/byteranges response with "
                            "Content-Range in its header section"),
                lint_printf("remove Content-Range from the header section; "
                            "each body part carries its own"));
        else if (!multipart && !range)
            lint_add(c, r, RULE_PARTIAL_CONTENT_RANGE_MISSING,
                     rule_section(info, "Content-Range",
                                  "RFC 9110, Section 15.3.7.1"),
                     lint_printf("206 response without Content-Range"),
                     lint_printf(
                         "add \"Content-Range: bytes 0-499/1234\" describing "
                         "the range sent, or send several ranges as "
                         "multipart/byteranges"));
    }

    /* 416: Content-Range gives the current length, as an
     * unsatisfied-range (RFC 9110, Section 14.4). */
    if (code == 416) {
        const struct field *range = lint_field(c, "Content-Range");
        if (range && !is_unsatisfied_range(range)) {
            char *q = lint_quote(range->value, range->value_len);
            lint_add(
                c, r, RULE_UNSATISFIED_RANGE_FORM,
                rule_section(info, "Content-Range",
                             "RFC 9110, Section 15.5.17"),
                lint_printf(
                    "416 response's Content-Range %s is not of the form "
                    "\"bytes */LENGTH\"",
                    q),
                lint_printf("send \"Content-Range: bytes */1234\" with the "
                            "representation's current length"));
            free(q);
        }
    }
}

/* ------------------------------------------------------------- framing */

static int is_digits(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    return n > 0;
}

static void check_framing(struct lint *c, struct response *r,
                          struct reported *done)
{
    int code = r->code;
    size_t cl = lint_field_count(c, "Content-Length");
    int te = lint_field(c, "Transfer-Encoding") != NULL;
    size_t i;

    /* RFC 9110, Section 9.3.6: a 2xx to CONNECT starts a tunnel. */
    if (c->opt->method && strcmp(c->opt->method, "CONNECT") == 0 &&
        httpstatus_is_success(code)) {
        if (cl && !done->content_length)
            lint_add(
                c, r, RULE_CONNECT_FRAMING, NULL,
                lint_printf("%d response to CONNECT with Content-Length",
                            code),
                lint_printf("remove Content-Length: after a 2xx response to "
                            "CONNECT the connection is a tunnel"));
        if (te && !done->transfer_encoding)
            lint_add(
                c, r, RULE_CONNECT_FRAMING, NULL,
                lint_printf("%d response to CONNECT with Transfer-Encoding",
                            code),
                lint_printf(
                    "remove Transfer-Encoding: after a 2xx response to "
                    "CONNECT the connection is a tunnel"));
        done->content_length = done->content_length || cl;
        done->transfer_encoding = done->transfer_encoding || te;
    }

    if (cl && te && !done->content_length && !done->transfer_encoding)
        lint_add(
            c, r, RULE_CONTENT_LENGTH_WITH_TRANSFER_ENCODING, NULL,
            lint_printf("Content-Length together with Transfer-Encoding"),
            lint_printf("remove Content-Length: with Transfer-Encoding the "
                        "transfer coding marks where the content ends"));

    if (cl && !done->content_length) {
        const char *first = NULL, *bad = NULL;
        size_t first_len = 0, bad_len = 0, values = 0;
        char *differ = NULL;

        for (i = 0; i < c->nfields && !bad; i++) {
            const struct field *f = &c->fields[i];
            size_t s = 0;
            if (!eq_nocase(f->name, f->name_len, "Content-Length"))
                continue;
            /* A list: "42, 42" (RFC 9110, Section 8.6). */
            for (;;) {
                size_t e = s, a, b;
                while (e < f->value_len && f->value[e] != ',')
                    e++;
                for (a = s; a < e && is_ows(f->value[a]);)
                    a++;
                for (b = e; b > a && is_ows(f->value[b - 1]);)
                    b--;
                values++;
                if (!is_digits(f->value + a, b - a)) {
                    bad = f->value + a;
                    bad_len = b - a;
                    if (bad_len == 0) {
                        bad = f->value;
                        bad_len = f->value_len;
                    }
                    break;
                }
                while (b - a > 1 && f->value[a] == '0')
                    a++;
                if (first == NULL) {
                    first = f->value + a;
                    first_len = b - a;
                } else if (!differ &&
                           (b - a != first_len ||
                            memcmp(first, f->value + a, first_len) != 0)) {
                    char *q1 = lint_quote(first, first_len);
                    char *q2 = lint_quote(f->value + a, b - a);
                    differ =
                        lint_printf("Content-Length values differ: %s and "
                                    "%s",
                                    q1, q2);
                    free(q1);
                    free(q2);
                }
                if (e >= f->value_len)
                    break;
                s = e + 1;
            }
        }
        if (bad) {
            char *q = lint_quote(bad, bad_len);
            lint_add(
                c, r, RULE_CONTENT_LENGTH_INVALID, NULL,
                lint_printf("Content-Length %s is not a decimal number", q),
                lint_printf("send the length of the content in bytes, as "
                            "decimal digits"));
            free(q);
            free(differ);
        } else if (differ) {
            lint_add(
                c, r, RULE_CONTENT_LENGTH_DIFFER, NULL, differ,
                lint_printf("send one Content-Length with the length of the "
                            "content in bytes"));
        } else if (values > 1) {
            lint_add(
                c, r, RULE_CONTENT_LENGTH_REPEATED, NULL,
                lint_printf("Content-Length is sent %zu times", values),
                lint_printf("send Content-Length once; recipients may reject "
                            "the response"));
        }
    }
}

/* ------------------------------------------------ the status's fields */

/* An auth-scheme starts every challenge (RFC 9110, Section 11.3): a 401's
 * WWW-Authenticate and a 407's Proxy-Authenticate need one. */
static void check_challenges(struct lint *c, struct response *r)
{
    static const struct {
        int code;
        const char *field;
    } asks[] = {{401, "WWW-Authenticate"}, {407, "Proxy-Authenticate"}};
    size_t k, i;

    for (k = 0; k < sizeof asks / sizeof asks[0]; k++) {
        for (i = 0; i < c->nfields; i++) {
            const struct field *f = &c->fields[i];
            size_t pos = 0, n, t = 0;
            const char *e;
            char *q;
            if (!eq_nocase(f->name, f->name_len, asks[k].field))
                continue;
            if (!lint_list_next(f->value, f->value_len, &pos, &e, &n)) {
                /* An empty list: a challenge is required of 401 and 407
                 * only. */
                if (r->code == asks[k].code)
                    lint_add(c, r, RULE_CHALLENGE_EMPTY, NULL,
                             lint_printf("line %zu: %d response with an "
                                         "empty %s: it has no challenge",
                                         f->line, r->code, asks[k].field),
                             lint_printf("send at least one challenge, such "
                                         "as \"%s: Basic realm=api\"",
                                         asks[k].field));
                continue;
            }
            /* A challenge starts with its auth-scheme, a token that an
             * auth-param's "=" does not follow. */
            while (t < n && is_tchar((unsigned char)e[t]))
                t++;
            while (t < n && is_ows((unsigned char)e[t]))
                t++;
            if (t > 0 && (t == n || e[t] != '='))
                continue;
            q = lint_quote(e, n);
            lint_add(c, r, RULE_CHALLENGE_EMPTY, NULL,
                     lint_printf("line %zu: %s %s does not start with an "
                                 "auth-scheme: it has no challenge",
                                 f->line, asks[k].field, q),
                     lint_printf("start each challenge with its scheme, such "
                                 "as \"%s: Basic realm=api\"",
                                 asks[k].field));
            free(q);
        }
    }
}

int lint_number(const char *v, size_t n, size_t *i, unsigned long long *out)
{
    size_t start = *i;

    *out = 0;
    while (*i < n && is_digit((unsigned char)v[*i])) {
        if (*i - start >= 18)
            return 0;
        *out = *out * 10 + (unsigned)(v[*i] - '0');
        (*i)++;
    }
    return *i > start;
}

/* A 206's Content-Range: "bytes FIRST-LAST/LENGTH" or "bytes
 * FIRST-LAST/\*", with FIRST <= LAST < LENGTH (RFC 9110, Section 14.4). An
 * unsatisfied-range ("bytes *\/LENGTH") belongs on a 416, not a 206. */
static void check_content_range(struct lint *c, struct response *r)
{
    const struct field *f = lint_field(c, "Content-Range");
    unsigned long long first, last, length = 0;
    const char *v, *why = NULL;
    size_t n, i = 0;
    int known = 0;

    if (f == NULL)
        return;
    v = f->value;
    n = f->value_len;
    while (i < n && is_tchar((unsigned char)v[i]))
        i++;
    if (n == 0)
        why = "it is empty";
    else if (i == 0 || i >= n || v[i] != ' ')
        why = "it does not start with a range unit and a space";
    else if (++i < n && v[i] == '*')
        why = "\"*\" in place of the range belongs on a 416";
    else if (!lint_number(v, n, &i, &first) || i >= n || v[i++] != '-' ||
             !lint_number(v, n, &i, &last) || i >= n || v[i++] != '/')
        why = "it is not \"FIRST-LAST/LENGTH\"";
    else if (i < n && v[i] == '*' && i + 1 == n)
        known = 0;
    else if (!lint_number(v, n, &i, &length) || i != n)
        why = "the complete length is not a number or \"*\"";
    else
        known = 1;
    if (why == NULL && first > last)
        why = "the first byte comes after the last";
    else if (why == NULL && known && last >= length)
        why = "the last byte is not inside the complete length";
    if (why) {
        char *q = lint_quote(v, n);
        lint_add(
            c, r, RULE_CONTENT_RANGE_INVALID, NULL,
            lint_printf("Content-Range %s is not a valid range: %s", q, why),
            lint_printf("send \"Content-Range: bytes FIRST-LAST/LENGTH\", "
                        "such as \"bytes 0-499/1234\""));
        free(q);
    }
}

/* ---------------------------------------------------- what follows */

enum next { NEXT_RESPONSE, NEXT_END, NEXT_UNREADABLE };

long long lint_content_length(const struct lint *c)
{
    const struct field *f = lint_field(c, "Content-Length");
    unsigned long long v;
    size_t i = 0;

    if (f == NULL || lint_field_count(c, "Content-Length") != 1 ||
        !lint_number(f->value, f->value_len, &i, &v) || i != f->value_len)
        return -1;
    return (long long)v;
}

static int only_line_ends(const struct lint *c, size_t pos)
{
    for (; pos < c->len; pos++)
        if (c->buf[pos] != '\r' && c->buf[pos] != '\n')
            return 0;
    return 1;
}

static int is_media_type(const struct field *f, const char *type)
{
    size_t n = strlen(type);

    return f && f->value_len >= n && eq_nocase(f->value, n, type) &&
           (f->value_len == n || f->value[n] == ';' ||
            is_ows((unsigned char)f->value[n]));
}

/* After a header section: finds the content (c->content) and says
 * whether another response follows. Content is what the framing covers:
 * the Content-Length's bytes when the input holds them all (a
 * message/http body may well start with a status line); without content
 * in the input (curl -iL prints no redirect's content), a status line
 * that follows is the next response. */
static enum next after_head(struct lint *c, int code)
{
    const char *method = c->opt->method;
    size_t rest;
    long long cl;

    if (only_line_ends(c, c->pos))
        return NEXT_END;
    rest = c->len - c->pos;
    if (code == 101) /* the bytes of the protocol switched to */
        return NEXT_END;
    if (httpstatus_forbids_content(code) ||
        (method && strcmp(method, "HEAD") == 0) ||
        (method && strcmp(method, "CONNECT") == 0 &&
         httpstatus_is_success(code))) {
        if (status_line_at(c, c->pos))
            return NEXT_RESPONSE;
        c->content = c->buf + c->pos;
        c->content_len = rest;
        return NEXT_END;
    }
    cl = lint_content_length(c);
    if ((cl > 0 && (size_t)cl <= rest &&
         (only_line_ends(c, c->pos + (size_t)cl) ||
          status_line_at(c, c->pos + (size_t)cl))) ||
        (is_media_type(lint_field(c, "Content-Type"), "message/http") &&
         cl < 0)) {
        size_t n = cl > 0 ? (size_t)cl : rest;
        c->content = c->buf + c->pos;
        c->content_len = n;
        c->pos += n;
        return only_line_ends(c, c->pos) ? NEXT_END : NEXT_RESPONSE;
    }
    if (status_line_at(c, c->pos))
        return NEXT_RESPONSE;
    c->content = c->buf + c->pos;
    c->content_len = rest;
    return NEXT_END;
}

/* 1 when chunked is the last transfer coding (RFC 9112, Section 6.1). */
static int transfer_chunked(const struct lint *c)
{
    const char *last = NULL, *e;
    size_t i, pos, n, last_len = 0;

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        if (!eq_nocase(f->name, f->name_len, "Transfer-Encoding"))
            continue;
        for (pos = 0; lint_list_next(f->value, f->value_len, &pos, &e, &n);)
            last = e, last_len = n;
    }
    return last && eq_nocase(last, last_len, "chunked");
}

/* The chunk-size line at p[0..n): hex digits, then an optional chunk-ext,
 * then CRLF (RFC 9112, Section 7.1). Returns the line's length with its
 * CRLF, or 0; *size is the chunk's size (saturated far above any input). */
static size_t chunk_line(const char *p, size_t n, unsigned long long *size)
{
    size_t i = 0;

    *size = 0;
    while (i < n && hex_value((unsigned char)p[i]) >= 0) {
        if (*size < (1ULL << 48))
            *size = *size * 16 + (unsigned)hex_value((unsigned char)p[i]);
        i++;
    }
    if (i == 0)
        return 0;
    while (i < n && is_ows((unsigned char)p[i]))
        i++;
    if (i < n && p[i] == ';')
        while (i < n && p[i] != '\r' && p[i] != '\n' &&
               ((unsigned char)p[i] >= 0x20 || p[i] == '\t'))
            i++;
    if (i + 1 < n && p[i] == '\r' && p[i + 1] == '\n')
        return i + 2;
    return 0;
}

/* Walks chunked content: the chunks, the last chunk, the trailer section.
 * Content whose first line is no chunk-size line is taken for content
 * that curl -si printed decoded, and not judged. */
static void check_chunked(struct lint *c, struct response *r)
{
    const char *p = c->content;
    size_t n = c->content_len, pos = 0, len;
    unsigned long long size;

    if (chunk_line(p, n, &size) == 0)
        return;
    for (;;) {
        len = chunk_line(p + pos, n - pos, &size);
        if (len == 0) {
            int cut = pos >= n || memchr(p + pos, '\n', n - pos) == NULL;
            char *q = lint_quote(p + pos, n - pos < 16 ? n - pos : 16);
            if (cut && pos + 18 > n)
                lint_add(c, r, RULE_CHUNKED_INCOMPLETE, NULL,
                         pos >= n ? lint_printf("chunked content ends after "
                                                "a chunk, before the last "
                                                "chunk")
                                  : lint_printf("chunked content ends at byte "
                                                "%zu, in a chunk-size line, "
                                                "before the last chunk",
                                                pos),
                         lint_printf("end chunked content with the last "
                                     "chunk \"0\" and an empty line"));
            else
                lint_add(c, r, RULE_CHUNKED_SYNTAX, NULL,
                         lint_printf("chunked content: %s at byte %zu is not "
                                     "a chunk-size line (hex digits, then "
                                     "CRLF)",
                                     q, pos),
                         lint_printf("start each chunk with its size in hex "
                                     "and CRLF, such as \"1a\\r\\n\""));
            free(q);
            return;
        }
        pos += len;
        if (size == 0)
            break;
        if (size > n - pos) {
            lint_add(c, r, RULE_CHUNKED_INCOMPLETE, NULL,
                     lint_printf("chunked content ends inside a chunk of "
                                 "%llu bytes, before the last chunk",
                                 size),
                     lint_printf("send every chunk whole, and end with the "
                                 "last chunk \"0\" and an empty line"));
            return;
        }
        pos += (size_t)size;
        if (n - pos < 2 || p[pos] != '\r' || p[pos + 1] != '\n') {
            if (n - pos < 2 && (n == pos || p[pos] == '\r'))
                lint_add(c, r, RULE_CHUNKED_INCOMPLETE, NULL,
                         lint_printf("chunked content ends after a chunk's "
                                     "data, before the last chunk"),
                         lint_printf("end chunked content with the last "
                                     "chunk \"0\" and an empty line"));
            else
                lint_add(c, r, RULE_CHUNKED_SYNTAX, NULL,
                         lint_printf("chunked content: the chunk that ends "
                                     "at byte %zu is longer than its size "
                                     "says (%llu bytes), or lacks its CRLF",
                                     pos, size),
                         lint_printf("give each chunk its exact size in hex, "
                                     "and end its data with CRLF"));
            return;
        }
        pos += 2;
    }
    /* The trailer section: field lines, then an empty line. */
    for (;;) {
        const char *nl = pos < n ? memchr(p + pos, '\n', n - pos) : NULL;
        if (nl == NULL) {
            lint_add(
                c, r, RULE_CHUNKED_INCOMPLETE, NULL,
                lint_printf("chunked content ends after the last chunk "
                            "without the empty line that ends it"),
                lint_printf("end chunked content with \"0\\r\\n\\r\\n\""));
            return;
        }
        len = (size_t)(nl - (p + pos));
        pos += len + 1;
        if (len == 0 || (len == 1 && p[pos - 2] == '\r'))
            return;
    }
}

/* Content where the response has none, and content that its
 * Content-Length does not describe. */
static void content_rules(struct lint *c, struct response *r, int code)
{
    const char *method = c->opt->method;
    int interim = httpstatus_is_informational(code);
    long long cl = lint_content_length(c);

    if (code == 101)
        return;
    if (httpstatus_forbids_content(code)) {
        char *fix;
        if (interim)
            fix = lint_printf("follow the interim response directly with the "
                              "next status line");
        else if (code == 304)
            fix = lint_printf("send no content with 304: the client uses its "
                              "stored response");
        else
            fix = lint_printf("send no content with %d, or send 200 with the "
                              "content",
                              code);
        lint_add(c, r, RULE_CONTENT_FORBIDDEN, NULL,
                 lint_printf("content after a %d response, which never has "
                             "content",
                             code),
                 fix);
        r->content_after = 1;
        return;
    }
    if (method && strcmp(method, "HEAD") == 0) {
        lint_add(c, r, RULE_HEAD_CONTENT, NULL,
                 lint_printf("content after the response to a HEAD request"),
                 lint_printf("send only the status line and header section "
                             "in response to HEAD"));
        r->content_after = 1;
        return;
    }
    if (method && strcmp(method, "CONNECT") == 0 &&
        httpstatus_is_success(code))
        return; /* tunnelled bytes */
    if (code == 205) {
        if (cl <= 0)
            lint_add(c, r, RULE_CONTENT_FORBIDDEN, "RFC 9110, Section 15.3.6",
                     lint_printf("content after a 205 response: 205 tells "
                                 "the client to reset its view, with no "
                                 "content"),
                     lint_printf("send 205 with \"Content-Length: 0\" and "
                                 "no content"));
        r->content_after = 1;
        return;
    }
    if (lint_field(c, "Transfer-Encoding") != NULL) {
        /* Content cut short on purpose ends anywhere: its framing is not
         * judged. */
        if (!c->display && transfer_chunked(c) && !c->opt->content_cut)
            check_chunked(c, r);
        return;
    }
    if (cl >= 0 && (unsigned long long)cl != c->content_len &&
        !(c->opt->content_cut && (unsigned long long)cl > c->content_len))
        lint_add(c, r, RULE_CONTENT_LENGTH_MISMATCH, NULL,
                 lint_printf("Content-Length says %lld bytes, but %zu bytes "
                             "of content follow",
                             cl, c->content_len),
                 lint_printf("send the length of the content as sent, in "
                             "bytes: \"Content-Length: %zu\"",
                             c->content_len));
}

/* ------------------------------------------------------- one response */

/* The rule families in files of their own, each run on every response
 * with a valid code, after the core rules. */
static lint_family *const families[] = {
    /* check/fields.c */
    lint_fields,
    /* check/cookies.c */
    lint_cookies,
    /* check/cors.c */
    lint_cors,
    /* check/structured.c */
    lint_structured,
    /* check/caching.c */
    lint_caching,
    NULL,
};

static enum next one_response(struct lint *c, struct response *r)
{
    struct line l;
    struct httpstatus_line sl;
    struct syntax_seen syn[SYN_COUNT];
    struct reported done = {0, 0};
    const struct httpstatus_info *info;
    unsigned needed = 0;
    size_t empties = 0, lines = 0, bare_lf = 0, reason_off = 0;
    const char *status_p;
    size_t l_status_len, k;
    int terminated = 0, display, interim;
    enum next next;

    memset(syn, 0, sizeof syn);
    memset(r, 0, sizeof *r);
    c->nfields = 0;

    while (get_line(c, c->pos, &l) && l.len == 0) {
        c->pos += l.full;
        c->line++;
        empties++;
    }
    if (!get_line(c, c->pos, &l) ||
        !parse_status(&l, &sl, &needed, &reason_off))
        return NEXT_UNREADABLE;
    status_p = l.p;
    l_status_len = l.len;
    c->pos += l.full;
    c->line++;
    lines++;
    if (l.end == END_LF)
        bare_lf++;
    r->status_line = to_utf8(l.p, l.len);
    r->reason = to_utf8(l.p + reason_off, sl.reason_len);
    r->code = sl.code;
    r->major = sl.major;
    r->minor = sl.minor;
    if (needed & HTTPSTATUS_LENIENT_MAJOR_ONLY)
        snprintf(r->version, sizeof r->version, "%d", sl.major);
    else
        snprintf(r->version, sizeof r->version, "%d.%d", sl.major, sl.minor);
    /* curl prints HTTP/2 and HTTP/3 responses in a form of its own; their
     * line ends are not on any wire. */
    display = sl.major == 2 || sl.major == 3;
    interim = httpstatus_is_informational(sl.code);
    info = httpstatus_get(sl.code);

    /* The header section. */
    if (l.end != END_EOF) {
        while (get_line(c, c->pos, &l)) {
            size_t lineno = c->line;
            c->pos += l.full;
            c->line++;
            lines++;
            if (l.end == END_LF)
                bare_lf++;
            if (l.len == 0) {
                terminated = 1;
                break;
            }
            field_line(c, &l, lineno, lines == 2, syn);
            if (l.end == END_EOF)
                break;
        }
    }

    /* The status line. */
    if (empties)
        lint_add(c, r, RULE_STATUS_LINE_BLANK_BEFORE, NULL,
                 lint_printf("%zu empty line%s before the status line",
                             empties, empties > 1 ? "s" : ""),
                 lint_printf("start the response with its status line"));
    if (needed & HTTPSTATUS_LENIENT_SPACES)
        lint_add(
            c, r, RULE_STATUS_LINE_SPACES, NULL,
            lint_printf("the status line has extra spaces or tabs between its "
                        "parts"),
            lint_printf("separate the version, the code and the reason with "
                        "one space each"));
    if ((needed & HTTPSTATUS_LENIENT_MAJOR_ONLY) && sl.major == 1)
        lint_add(c, r, RULE_VERSION_UNKNOWN, "RFC 9112, Section 2.3",
                 lint_printf("the version HTTP/1 has no minor version"),
                 lint_printf("write the version as HTTP/1.1"));
    if (sl.major == 0 || sl.major > 3)
        lint_add(c, r, RULE_VERSION_UNKNOWN, NULL,
                 lint_printf("HTTP/%s is not a version of HTTP", r->version),
                 lint_printf("send HTTP/1.1 in the status line"));
    else if (sl.major == 1 && sl.minor > 1 &&
             !(needed & HTTPSTATUS_LENIENT_MAJOR_ONLY))
        lint_add(c, r, RULE_VERSION_UNKNOWN, NULL,
                 lint_printf("HTTP/%s is not a version of HTTP: the versions "
                             "with a status line are HTTP/1.0 and HTTP/1.1",
                             r->version),
                 lint_printf("send HTTP/1.1 in the status line"));
    else if (display && !(needed & HTTPSTATUS_LENIENT_MAJOR_ONLY))
        lint_add(c, r, RULE_VERSION_UNKNOWN, NULL,
                 lint_printf("HTTP/%s has no status line: HTTP/%d is written "
                             "without a minor version, and only in curl's "
                             "display form",
                             r->version, sl.major),
                 lint_printf("send HTTP/1.1 in the status line of an HTTP/1.1 "
                             "response"));
    if (!display && !(needed & HTTPSTATUS_LENIENT_SPACES) &&
        sl.reason_len == 0 && l_status_len >= 3 &&
        is_digit((unsigned char)status_p[l_status_len - 1]))
        lint_add(
            c, r, RULE_STATUS_LINE_SPACES, NULL,
            lint_printf("no space after the status code: the space is "
                        "required even when the reason phrase is empty"),
            info ? lint_printf("send a space after the code, and the reason "
                               "phrase: \"%03d %s\"",
                               sl.code, info->reason)
                 : lint_printf("send a space after the code, and a reason "
                               "phrase or nothing after it"));
    if (bare_lf && !display)
        lint_add(
            c, r, RULE_BARE_LF, NULL,
            bare_lf == lines
                ? lint_printf("lines end in a bare LF instead of CRLF")
                : lint_printf("%zu of the head's %zu lines end%s in a bare LF "
                              "instead of CRLF",
                              bare_lf, lines, bare_lf == 1 ? "s" : ""),
            lint_printf("end the status line and every field line with CRLF"));
    if (interim && sl.major == 1 && sl.minor == 0)
        lint_add(
            c, r, RULE_INTERIM_HTTP10, NULL,
            lint_printf("%d response labelled HTTP/1.0: interim responses are "
                        "never sent to HTTP/1.0 clients",
                        sl.code),
            lint_printf("send 1xx responses only to HTTP/1.1 clients, with "
                        "HTTP/1.1 in the status line"));

    if (sl.code == 205 && lint_content_length(c) > 0)
        lint_add(c, r, RULE_CONTENT_FORBIDDEN, "RFC 9110, Section 15.3.6",
                 lint_printf("205 response with a Content-Length above 0: "
                             "205 has no content"),
                 lint_printf("send \"Content-Length: 0\" with 205"));
    c->display = display;
    c->terminated = terminated;
    c->content = NULL;
    c->content_len = 0;
    next = terminated ? after_head(c, sl.code) : NEXT_END;

    check_code(c, r, info);
    check_reason(c, r, info, status_p + reason_off, sl.reason_len);
    report_syntax(c, r, syn);
    if (httpstatus_is_valid(sl.code)) {
        check_rules(c, r, info, &done);
        check_framing(c, r, &done);
        check_challenges(c, r);
        if (sl.code == 206)
            check_content_range(c, r);
        if (sl.code == 408 && !display &&
            !lint_list_has(c, "Connection", "close"))
            lint_add(
                c, r, RULE_TIMEOUT_WITHOUT_CLOSE, NULL,
                lint_printf("408 response without \"Connection: close\": the "
                            "server closes the connection after a 408"),
                lint_printf("add \"Connection: close\" so that the client "
                            "does not send its next request on it"));
        for (k = 0; families[k]; k++)
            families[k](c, r);
    }
    /* HTTP/2 and HTTP/3 have neither Connection nor Upgrade on the wire:
     * a response with a connection-specific field is malformed. */
    if (display) {
        static const char *const specific[] = {"Connection", "Keep-Alive",
                                               "Proxy-Connection",
                                               "Transfer-Encoding", "Upgrade"};
        for (k = 0; k < sizeof specific / sizeof specific[0]; k++)
            if (lint_field(c, specific[k]))
                lint_add(c, r, RULE_CONNECTION_SPECIFIC_FIELD,
                         sl.major == 3 ? "RFC 9114, Section 4.2" : NULL,
                         lint_printf("HTTP/%d response with %s, a field of "
                                     "HTTP/1.1's connections",
                                     sl.major, specific[k]),
                         lint_printf("remove %s: HTTP/%d clients treat a "
                                     "response with it as malformed",
                                     specific[k], sl.major));
    }
    if (!display && lint_field(c, "Upgrade") &&
        !lint_list_has(c, "Connection", "upgrade"))
        lint_add(c, r, RULE_UPGRADE_WITHOUT_CONNECTION, NULL,
                 lint_printf(
                     "Upgrade without the \"upgrade\" option in Connection"),
                 lint_printf(
                     "add \"Connection: upgrade\" so that intermediaries do "
                     "not forward Upgrade"));

    if (!terminated)
        lint_add(
            c, r, RULE_HEAD_UNTERMINATED, NULL,
            lint_printf("header section not terminated: the input ends before "
                        "the empty line that ends it"),
            lint_printf("end the header section with an empty line (CRLF "
                        "CRLF)"));
    else if (c->content && c->content_len > 0)
        content_rules(c, r, sl.code);
    return next;
}

/* ------------------------------------------------------------ the run */

int lint_run(const struct lint_options *opt, const char *buf, size_t len,
             struct lint_report *out)
{
    struct lint c;
    int status = 0;

    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    c.opt = opt;
    c.report = out;
    c.buf = buf;
    c.len = len;
    c.line = 1;
    for (;;) {
        enum next next;
        if (out->nresponses == c.rcap) {
            c.rcap = c.rcap ? c.rcap * 2 : 4;
            out->responses =
                lint_realloc(out->responses, c.rcap * sizeof *out->responses);
        }
        next = one_response(&c, &out->responses[out->nresponses]);
        if (next == NEXT_UNREADABLE) {
            /* Only the first response can fail: later ones were checked
             * by status_line_at() first. */
            status = -1;
            break;
        }
        out->nresponses++;
        if (next == NEXT_END)
            break;
    }
    if (status == 0) {
        struct response *last = &out->responses[out->nresponses - 1];
        if (httpstatus_is_informational(last->code) && last->code != 101 &&
            !last->content_after)
            lint_add(
                &c, last, RULE_INTERIM_WITHOUT_FINAL, NULL,
                lint_printf("the input ends after the interim %d response, "
                            "with no final response",
                            last->code),
                lint_printf("capture the whole exchange: a final response "
                            "follows the interim ones"));
    }
    free(c.fields);
    return status;
}

void lint_report_free(struct lint_report *rep)
{
    size_t i, j;

    for (i = 0; i < rep->nresponses; i++) {
        struct response *r = &rep->responses[i];
        for (j = 0; j < r->nfindings; j++) {
            free(r->findings[j].message);
            free(r->findings[j].fix);
        }
        free(r->findings);
        free(r->status_line);
        free(r->reason);
    }
    free(rep->responses);
    memset(rep, 0, sizeof *rep);
}
