/* check.c: httpstatus check [--method METHOD] [FILE]: lints a raw HTTP
 * response head, as curl -si, curl -sI or nc print it, against the
 * registry's header rules and RFC 9110 and RFC 9112.
 *
 * The input is read whole (up to INPUT_MAX bytes). It is a sequence of
 * responses: interim 1xx ones, then a final one; after any response, what
 * follows is either another status line (curl -siL prints every
 * redirect's head) or content, which ends the analysis. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "utf8.h"

#define INPUT_MAX ((size_t)16 << 20) /* 16 MiB */
#define QUOTE_MAX 48                 /* input bytes quoted in a message */

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };

struct finding {
    enum severity severity;
    char *message;       /* one sentence, printable ASCII */
    const char *section; /* "RFC 9110, Section 15.5.6" */
    char *fix;           /* one line */
};

/* One field line of the header section, pointing into the input. */
struct field {
    const char *name;
    size_t name_len;
    const char *value; /* without leading and trailing OWS */
    size_t value_len;
};

struct response {
    char *status_line; /* as sent, without its line end, valid UTF-8 */
    char *reason;      /* as parsed, valid UTF-8 */
    char version[8];   /* "1.1", or "2" for curl's "HTTP/2 200" */
    int major, minor, code;
    int content_after; /* content was reported after it */
    struct finding *findings;
    size_t nfindings, cap;
};

struct check {
    const struct cli *cli;
    const char *method; /* NULL when not given */
    const char *buf;
    size_t len;
    size_t pos;  /* where the next line starts */
    size_t line; /* the number of that line, from 1 */
    struct response *responses;
    size_t nresponses, cap;
    struct field *fields; /* the current response's */
    size_t nfields, fcap;
    size_t errors, warnings, notes;
};

/* ------------------------------------------------------------- memory */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (q == NULL) {
        error("check: out of memory");
        exit(EXIT_USAGE);
    }
    return q;
}

static char *xprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    s = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    if (vsnprintf(s, (size_t)n + 1, fmt, ap) < 0)
        s[0] = '\0';
    va_end(ap);
    return s;
}

/* ---------------------------------------------------------- text helpers */

static int is_tchar(unsigned char ch)
{
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
        (ch >= '0' && ch <= '9'))
        return 1;
    return ch != '\0' && strchr("!#$%&'*+-.^_`|~", ch) != NULL;
}

static int is_ows(char ch)
{
    return ch == ' ' || ch == '\t';
}

static unsigned char lower(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + 32) : ch;
}

/* Case-insensitive (ASCII) equality of a counted string and a C string. */
static int name_eq(const char *a, size_t alen, const char *b)
{
    size_t i;

    for (i = 0; i < alen; i++)
        if (b[i] == '\0' ||
            lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return b[alen] == '\0';
}

/* The folding httpstatus_lookup() uses: ASCII case, and ' ', '-', '_'
 * equivalent. */
static unsigned char fold(unsigned char ch)
{
    return ch == ' ' || ch == '-' ? '_' : lower(ch);
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
static char *quote(const char *p, size_t n)
{
    size_t i, shown = n > QUOTE_MAX ? QUOTE_MAX : n;
    char *s = xrealloc(NULL, shown * 4 + 8), *o = s;

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
    char *s = xrealloc(NULL, n * 3 + 1), *o = s;
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

static int read_input(const char *path, char **bufp, size_t *lenp)
{
    FILE *f = stdin;
    const char *name = "standard input";
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int err = 0;

    if (path && strcmp(path, "-") != 0) {
        name = path;
        f = fopen(path, "rb");
        if (f == NULL) {
            error("check: cannot read %s: %s", path, strerror(errno));
            return EXIT_USAGE;
        }
    }
    /* Read one byte past the limit, to tell a full input from a longer
     * one. */
    while (len <= INPUT_MAX) {
        size_t got;
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > INPUT_MAX + 1)
                cap = INPUT_MAX + 1;
            buf = xrealloc(buf, cap);
        }
        errno = 0;
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                err = errno ? errno : EIO;
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    if (err) {
        error("check: cannot read %s: %s", name, strerror(err));
        free(buf);
        return EXIT_USAGE;
    }
    if (len > INPUT_MAX) {
        error("check: %s is larger than 16 MiB, too large for a response "
              "head",
              name);
        free(buf);
        return EXIT_USAGE;
    }
    if (len == 0) {
        error("check: %s is empty: no HTTP response to check", name);
        free(buf);
        return EXIT_USAGE;
    }
    *bufp = buf;
    *lenp = len;
    return 0;
}

/* ---------------------------------------------------------------- lines */

enum line_end { END_EOF, END_LF, END_CRLF };

struct line {
    const char *p;
    size_t len;  /* without the line end */
    size_t full; /* with it */
    enum line_end end;
};

/* The line at pos; 0 at the end of the input. A CR just before the end of
 * the input is taken for a cut-short line end. */
static int get_line(const struct check *c, size_t pos, struct line *l)
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
        copy = xrealloc(NULL, l->len + 2);
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
static int status_line_at(const struct check *c, size_t pos)
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
static void add(struct check *c, struct response *r, enum severity sev,
                const char *section, char *message, char *fix)
{
    struct finding *f;

    if (r->nfindings == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->findings = xrealloc(r->findings, r->cap * sizeof *r->findings);
    }
    f = &r->findings[r->nfindings++];
    f->severity = sev;
    f->message = message;
    f->section = section;
    f->fix = fix;
    switch (sev) {
    case SEV_ERROR:
        c->errors++;
        break;
    case SEV_WARNING:
        c->warnings++;
        break;
    case SEV_NOTE:
        c->notes++;
        break;
    }
}

static const struct field *find_field(const struct check *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->nfields; i++)
        if (name_eq(c->fields[i].name, c->fields[i].name_len, name))
            return &c->fields[i];
    return NULL;
}

static size_t count_fields(const struct check *c, const char *name)
{
    size_t i, n = 0;

    for (i = 0; i < c->nfields; i++)
        if (name_eq(c->fields[i].name, c->fields[i].name_len, name))
            n++;
    return n;
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
            return xprintf("%s \"%s\", %s", verb, hints[k].example,
                           hints[k].purpose);
    return xprintf("%s a %s field", verb, field);
}

static char *remove_fix(const char *field, int code)
{
    if (httpstatus_forbids_content(code) &&
        (strcmp(field, "Content-Length") == 0 ||
         strcmp(field, "Transfer-Encoding") == 0))
        return xprintf("remove %s: a %d response never has content", field,
                       code);
    if (code == 511 && strcmp(field, "WWW-Authenticate") == 0)
        return xprintf("remove WWW-Authenticate: clients would take it for "
                       "a challenge from the origin server");
    return xprintf("remove the %s field", field);
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
static void field_line(struct check *c, const struct line *l, size_t lineno,
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
        note_syntax(&syn[SYN_NO_COLON], lineno, quote(p, n), NULL);
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
        note_syntax(&syn[SYN_WS_COLON], lineno, quote(p, name_len), NULL);
        if (name_len == 0)
            return;
    }
    for (i = 0; i < name_len; i++)
        if (!is_tchar((unsigned char)p[i])) {
            note_syntax(&syn[SYN_BAD_NAME], lineno, quote(p, name_len), NULL);
            return;
        }
    vstart = (size_t)(colon - p) + 1;
    vend = n;
    for (i = vstart; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
            char *ctl = ch == 0 ? xprintf("a NUL byte")
                        : ch == '\r'
                            ? xprintf("a bare CR")
                            : xprintf("the control character 0x%02X", ch);
            note_syntax(&syn[SYN_CTL], lineno, quote(p, name_len), ctl);
            break;
        }
    }
    while (vstart < vend && is_ows(p[vstart]))
        vstart++;
    while (vend > vstart && is_ows(p[vend - 1]))
        vend--;
    if (c->nfields == c->fcap) {
        c->fcap = c->fcap ? c->fcap * 2 : 16;
        c->fields = xrealloc(c->fields, c->fcap * sizeof *c->fields);
    }
    f = &c->fields[c->nfields++];
    f->name = p;
    f->name_len = name_len;
    f->value = p + vstart;
    f->value_len = vend - vstart;
}

static void report_syntax(struct check *c, struct response *r,
                          struct syntax_seen *syn)
{
    int k;

    for (k = 0; k < SYN_COUNT; k++) {
        struct syntax_seen *s = &syn[k];
        char *msg = NULL, *fix = NULL, *more;
        const char *section = "RFC 9112, Section 5";

        if (s->count == 0)
            continue;
        switch ((enum syntax)k) {
        case SYN_WS_START:
            msg = xprintf("line %zu: whitespace between the status line "
                          "and the first field",
                          s->line);
            fix = xprintf("remove the whitespace between the status line "
                          "and the first field");
            section = "RFC 9112, Section 2.2";
            break;
        case SYN_FOLD:
            msg = xprintf("line %zu: obsolete line folding continues the "
                          "previous field value",
                          s->line);
            fix = xprintf("put each field value on one line");
            section = "RFC 9112, Section 5.2";
            break;
        case SYN_NO_COLON:
            msg = xprintf("line %zu: %s is not a field line: it has no "
                          "colon",
                          s->line, s->what);
            fix = xprintf("write each field as \"Name: value\", and end "
                          "the header section with an empty line");
            break;
        case SYN_EMPTY_NAME:
            msg = xprintf("line %zu: empty field name", s->line);
            fix = xprintf("put the field name before the colon");
            section = "RFC 9110, Section 5.1";
            break;
        case SYN_WS_COLON:
            msg = xprintf("line %zu: whitespace between the field name %s "
                          "and the colon",
                          s->line, s->what);
            fix = xprintf("remove the whitespace before the colon; "
                          "recipients must reject or repair the field");
            section = "RFC 9112, Section 5.1";
            break;
        case SYN_BAD_NAME:
            msg = xprintf("line %zu: field name %s has characters a field "
                          "name cannot have",
                          s->line, s->what);
            fix = xprintf("use only letters, digits and "
                          "!#$%%&'*+-.^_`|~ in field names");
            section = "RFC 9110, Section 5.1";
            break;
        case SYN_CTL:
            msg = xprintf("line %zu: the value of %s contains %s", s->line,
                          s->what, s->ctl);
            fix = xprintf("remove control characters from field values: "
                          "only HTAB, SP and visible characters may appear");
            section = "RFC 9110, Section 5.5";
            break;
        case SYN_COUNT:
            break;
        }
        if (msg == NULL)
            continue;
        if (s->count > 1) {
            more = xprintf("%s; %zu more line%s like it", msg, s->count - 1,
                           s->count > 2 ? "s" : "");
            free(msg);
            msg = more;
        }
        add(c, r, SEV_ERROR, section, msg, fix);
        free(s->what);
        free(s->ctl);
    }
}

/* ---------------------------------------------------- code and reason */

static void check_code(struct check *c, struct response *r,
                       const struct httpstatus_info *info)
{
    int code = r->code;

    if (!httpstatus_is_valid(code)) {
        add(c, r, SEV_ERROR, "RFC 9110, Section 15",
            xprintf("status code %03d is outside 100..599", code),
            xprintf("send a three-digit code from 100 to 599 that says "
                    "what happened"));
        return;
    }
    if (info == NULL) {
        size_t n, k, found = 0;
        const struct httpstatus_info *u = httpstatus_unofficial(&n);
        char *list = xprintf("%s", "");

        for (k = 0; k < n; k++) {
            if (u[k].code != code)
                continue;
            {
                char *reason = quote(u[k].reason, strlen(u[k].reason));
                char *next =
                    xprintf("%s%s%s's %s", list, found ? " or " : "",
                            u[k].vendor ? u[k].vendor : "a vendor", reason);
                free(reason);
                free(list);
                list = next;
                found++;
            }
        }
        if (found)
            add(c, r, SEV_NOTE, "RFC 9110, Section 15",
                xprintf("%d is not a registered status code: it is %s", code,
                        list),
                xprintf("use a registered code unless every client knows "
                        "this one; others treat %d as %d",
                        code, code / 100 * 100));
        else
            add(c, r, SEV_WARNING, "RFC 9110, Section 15",
                xprintf("%d is not a registered status code: clients treat "
                        "it as %d",
                        code, code / 100 * 100),
                xprintf("send a registered %dxx code, such as %d", code / 100,
                        code / 100 * 100));
        free(list);
        return;
    }
    switch (info->kind) {
    case HTTPSTATUS_KIND_RESERVED:
        add(c, r, SEV_WARNING, info->reference,
            xprintf("%d is reserved: it is no longer used, and clients do "
                    "not know what it means",
                    code),
            xprintf("send a code that says what happened, such as %d",
                    code / 100 * 100));
        break;
    case HTTPSTATUS_KIND_OBSOLETE:
        add(c, r, SEV_NOTE, info->reference,
            xprintf("%d %s is obsolete: the specification behind it is "
                    "historic",
                    code, info->reason),
            xprintf("send a code that says what happened, such as %d",
                    code / 100 * 100));
        break;
    case HTTPSTATUS_KIND_STANDARD:
    case HTTPSTATUS_KIND_TEMPORARY:
    case HTTPSTATUS_KIND_UNOFFICIAL:
        break;
    }
    if (info->flags & HTTPSTATUS_FLAG_DEPRECATED)
        add(c, r, SEV_WARNING, info->reference,
            xprintf("%d %s is deprecated", code, info->reason),
            xprintf("send another code: clients ignore 305, as a proxy "
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

static void check_reason(struct check *c, struct response *r,
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
    q = quote(p, n);
    if (e->code == code) {
        if (how == 2) {
            int rfc9110 =
                e->reference && strncmp(e->reference, "RFC 9110", 8) == 0;
            add(c, r, SEV_NOTE, e->reference ? e->reference : "RFC 9110",
                xprintf(
                    "old or non-standard reason phrase %s: %s calls %d \"%s\"",
                    q, rfc9110 ? "RFC 9110" : "the IANA registry", code,
                    e->reason),
                xprintf("send \"%d %s\"", code, e->reason));
        }
    } else if (info) {
        add(c, r, SEV_WARNING, "RFC 9112, Section 4",
            xprintf("reason phrase %s is the phrase of %d, not %d", q, e->code,
                    code),
            xprintf("send \"%d %s\", or send %d if that is what the "
                    "response means",
                    code, info->reason, e->code));
    } else {
        add(c, r, SEV_WARNING, "RFC 9112, Section 4",
            xprintf("reason phrase %s is the phrase of %d, not %d", q, e->code,
                    code),
            xprintf("use a reason phrase that fits %d, or send %d if that "
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
    if (!name_eq(f->value, n, type))
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

static void check_rules(struct check *c, struct response *r,
                        const struct httpstatus_info *info,
                        struct reported *done)
{
    int code = r->code;
    size_t k;

    for (k = 0; info && k < info->header_count; k++) {
        const struct httpstatus_header_rule *rule = &info->headers[k];
        int present = find_field(c, rule->field) != NULL;

        /* A linter cannot tell whether a condition holds. */
        if (rule->condition)
            continue;
        switch (rule->level) {
        case HTTPSTATUS_MUST:
        case HTTPSTATUS_SHOULD:
            if (!present)
                add(c, r,
                    rule->level == HTTPSTATUS_MUST ? SEV_ERROR : SEV_WARNING,
                    rule->section,
                    xprintf("%d response without %s", code, rule->field),
                    add_fix("add", rule->field, code));
            break;
        case HTTPSTATUS_MAY:
            if (!present)
                add(c, r, SEV_NOTE, rule->section,
                    xprintf("%d response without %s, which it may carry", code,
                            rule->field),
                    add_fix("consider adding", rule->field, code));
            break;
        case HTTPSTATUS_SHOULD_NOT:
        case HTTPSTATUS_MUST_NOT:
            if (!present)
                break;
            add(c, r,
                rule->level == HTTPSTATUS_MUST_NOT ? SEV_ERROR : SEV_WARNING,
                rule->section,
                xprintf("%d response with %s", code, rule->field),
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
        const struct field *range = find_field(c, "Content-Range");
        int multipart = is_byteranges(find_field(c, "Content-Type"));

        if (multipart && range)
            add(c, r, SEV_ERROR,
                rule_section(info, "Content-Type",
                             "RFC 9110, Section 15.3.7.2"),
                xprintf("206 multipart/byteranges response with "
                        "Content-Range in its header section"),
                xprintf("remove Content-Range from the header section; "
                        "each body part carries its own"));
        else if (!multipart && !range)
            add(c, r, SEV_ERROR,
                rule_section(info, "Content-Range",
                             "RFC 9110, Section 15.3.7.1"),
                xprintf("206 response without Content-Range"),
                xprintf("add \"Content-Range: bytes 0-499/1234\" describing "
                        "the range sent, or send several ranges as "
                        "multipart/byteranges"));
    }

    /* 416: Content-Range gives the current length, as an
     * unsatisfied-range (RFC 9110, Section 14.4). */
    if (code == 416) {
        const struct field *range = find_field(c, "Content-Range");
        if (range && !is_unsatisfied_range(range)) {
            char *q = quote(range->value, range->value_len);
            add(c, r, SEV_WARNING,
                rule_section(info, "Content-Range",
                             "RFC 9110, Section 15.5.17"),
                xprintf("416 response's Content-Range %s is not of the form "
                        "\"bytes */LENGTH\"",
                        q),
                xprintf("send \"Content-Range: bytes */1234\" with the "
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

/* 1 if a Connection field lists the option (RFC 9110, Section 7.6.1). */
static int connection_has(const struct check *c, const char *option)
{
    size_t i, s, e, a, b;

    for (i = 0; i < c->nfields; i++) {
        const struct field *f = &c->fields[i];
        if (!name_eq(f->name, f->name_len, "Connection"))
            continue;
        for (s = 0; s <= f->value_len; s = e + 1) {
            for (e = s; e < f->value_len && f->value[e] != ',';)
                e++;
            for (a = s; a < e && is_ows(f->value[a]);)
                a++;
            for (b = e; b > a && is_ows(f->value[b - 1]);)
                b--;
            if (name_eq(f->value + a, b - a, option))
                return 1;
        }
    }
    return 0;
}

static void check_framing(struct check *c, struct response *r,
                          struct reported *done)
{
    int code = r->code;
    size_t cl = count_fields(c, "Content-Length");
    int te = find_field(c, "Transfer-Encoding") != NULL;
    size_t i;

    /* RFC 9110, Section 9.3.6: a 2xx to CONNECT starts a tunnel. */
    if (c->method && strcmp(c->method, "CONNECT") == 0 &&
        httpstatus_is_success(code)) {
        if (cl && !done->content_length)
            add(c, r, SEV_ERROR, "RFC 9110, Section 9.3.6",
                xprintf("%d response to CONNECT with Content-Length", code),
                xprintf("remove Content-Length: after a 2xx response to "
                        "CONNECT the connection is a tunnel"));
        if (te && !done->transfer_encoding)
            add(c, r, SEV_ERROR, "RFC 9110, Section 9.3.6",
                xprintf("%d response to CONNECT with Transfer-Encoding", code),
                xprintf("remove Transfer-Encoding: after a 2xx response to "
                        "CONNECT the connection is a tunnel"));
        done->content_length = done->content_length || cl;
        done->transfer_encoding = done->transfer_encoding || te;
    }

    if (cl && te && !done->content_length && !done->transfer_encoding)
        add(c, r, SEV_ERROR, "RFC 9112, Section 6.1",
            xprintf("Content-Length together with Transfer-Encoding"),
            xprintf("remove Content-Length: with Transfer-Encoding the "
                    "transfer coding marks where the content ends"));

    if (cl && !done->content_length) {
        const char *first = NULL, *bad = NULL;
        size_t first_len = 0, bad_len = 0, values = 0;
        char *differ = NULL;

        for (i = 0; i < c->nfields && !bad; i++) {
            const struct field *f = &c->fields[i];
            size_t s = 0;
            if (!name_eq(f->name, f->name_len, "Content-Length"))
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
                    char *q1 = quote(first, first_len);
                    char *q2 = quote(f->value + a, b - a);
                    differ = xprintf("Content-Length values differ: %s and "
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
            char *q = quote(bad, bad_len);
            add(c, r, SEV_ERROR, "RFC 9110, Section 8.6",
                xprintf("Content-Length %s is not a decimal number", q),
                xprintf("send the length of the content in bytes, as "
                        "decimal digits"));
            free(q);
            free(differ);
        } else if (differ) {
            add(c, r, SEV_ERROR, "RFC 9110, Section 8.6", differ,
                xprintf("send one Content-Length with the length of the "
                        "content in bytes"));
        } else if (values > 1) {
            add(c, r, SEV_WARNING, "RFC 9110, Section 8.6",
                xprintf("Content-Length is sent %zu times", values),
                xprintf("send Content-Length once; recipients may reject "
                        "the response"));
        }
    }
}

/* ------------------------------------------------------- one response */

enum next { NEXT_RESPONSE, NEXT_END, NEXT_UNREADABLE };

static enum next one_response(struct check *c, struct response *r)
{
    struct line l;
    struct httpstatus_line sl;
    struct syntax_seen syn[SYN_COUNT];
    struct reported done = {0, 0};
    const struct httpstatus_info *info;
    unsigned needed = 0;
    size_t empties = 0, lines = 0, bare_lf = 0, reason_off = 0;
    const char *status_p;
    int terminated = 0, display, interim;

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
        add(c, r, SEV_WARNING, "RFC 9112, Section 2.2",
            xprintf("%zu empty line%s before the status line", empties,
                    empties > 1 ? "s" : ""),
            xprintf("start the response with its status line"));
    if (needed & HTTPSTATUS_LENIENT_SPACES)
        add(c, r, SEV_ERROR, "RFC 9112, Section 4",
            xprintf("the status line has extra spaces or tabs between its "
                    "parts"),
            xprintf("separate the version, the code and the reason with "
                    "one space each"));
    if ((needed & HTTPSTATUS_LENIENT_MAJOR_ONLY) && sl.major == 1)
        add(c, r, SEV_ERROR, "RFC 9112, Section 2.3",
            xprintf("the version HTTP/1 has no minor version"),
            xprintf("write the version as HTTP/1.1"));
    if (sl.major == 0 || sl.major > 3)
        add(c, r, SEV_ERROR, "RFC 9110, Section 2.5",
            xprintf("HTTP/%s is not a version of HTTP", r->version),
            xprintf("send HTTP/1.1 in the status line"));
    if (bare_lf && !display)
        add(c, r, SEV_ERROR, "RFC 9112, Section 2.2",
            bare_lf == lines
                ? xprintf("lines end in a bare LF instead of CRLF")
                : xprintf("%zu of the head's %zu lines end%s in a bare LF "
                          "instead of CRLF",
                          bare_lf, lines, bare_lf == 1 ? "s" : ""),
            xprintf("end the status line and every field line with CRLF"));
    if (interim && sl.major == 1 && sl.minor == 0)
        add(c, r, SEV_ERROR, "RFC 9110, Section 15.2",
            xprintf("%d response labelled HTTP/1.0: interim responses are "
                    "never sent to HTTP/1.0 clients",
                    sl.code),
            xprintf("send 1xx responses only to HTTP/1.1 clients, with "
                    "HTTP/1.1 in the status line"));

    check_code(c, r, info);
    check_reason(c, r, info, status_p + reason_off, sl.reason_len);
    report_syntax(c, r, syn);
    if (httpstatus_is_valid(sl.code)) {
        check_rules(c, r, info, &done);
        check_framing(c, r, &done);
    }
    /* HTTP/2 and HTTP/3 have neither Connection nor Upgrade on the wire. */
    if (!display && find_field(c, "Upgrade") && !connection_has(c, "upgrade"))
        add(c, r, SEV_ERROR, "RFC 9110, Section 7.8",
            xprintf("Upgrade without the \"upgrade\" option in Connection"),
            xprintf("add \"Connection: upgrade\" so that intermediaries do "
                    "not forward Upgrade"));

    if (!terminated) {
        add(c, r, SEV_WARNING, "RFC 9112, Section 2.1",
            xprintf("header section not terminated: the input ends before "
                    "the empty line that ends it"),
            xprintf("end the header section with an empty line (CRLF "
                    "CRLF)"));
        return NEXT_END;
    }

    /* What follows: nothing, another response, or content. */
    {
        size_t i;
        for (i = c->pos; i < c->len; i++)
            if (c->buf[i] != '\r' && c->buf[i] != '\n')
                break;
        if (i == c->len)
            return NEXT_END;
    }
    if (status_line_at(c, c->pos))
        return NEXT_RESPONSE;
    if (sl.code == 101) {
        /* The bytes of the protocol switched to. */
    } else if (httpstatus_forbids_content(sl.code)) {
        char *fix;
        if (interim)
            fix = xprintf("follow the interim response directly with the "
                          "next status line");
        else if (sl.code == 304)
            fix = xprintf("send no content with 304: the client uses its "
                          "stored response");
        else
            fix = xprintf("send no content with %d, or send 200 with the "
                          "content",
                          sl.code);
        add(c, r, SEV_ERROR, "RFC 9110, Section 6.4.1",
            xprintf("content after a %d response, which never has content",
                    sl.code),
            fix);
        r->content_after = 1;
    } else if (c->method && strcmp(c->method, "HEAD") == 0) {
        add(c, r, SEV_ERROR, "RFC 9110, Section 9.3.2",
            xprintf("content after the response to a HEAD request"),
            xprintf("send only the status line and header section in "
                    "response to HEAD"));
        r->content_after = 1;
    }
    return NEXT_END;
}

/* -------------------------------------------------------------- output */

static const char *severity_name(enum severity sev)
{
    switch (sev) {
    case SEV_ERROR:
        return "error";
    case SEV_WARNING:
        return "warning";
    case SEV_NOTE:
        return "note";
    }
    return "?";
}

static const char *severity_color(enum severity sev)
{
    switch (sev) {
    case SEV_ERROR:
        return "1;31";
    case SEV_WARNING:
        return "1;33";
    case SEV_NOTE:
        return "1;36";
    }
    return "0";
}

static void print_text(const struct check *c)
{
    const struct cli *cli = c->cli;
    FILE *out = cli->out;
    size_t i, j;

    for (i = 0; i < c->nresponses; i++) {
        const struct response *r = &c->responses[i];
        if (i)
            fputc('\n', out);
        color_on(cli, class_color(httpstatus_class(r->code)));
        color_on(cli, "1");
        fputs(r->status_line, out);
        color_off(cli);
        fputc('\n', out);
        for (j = 0; j < r->nfindings; j++) {
            const struct finding *f = &r->findings[j];
            const char *name = severity_name(f->severity);
            char *text = xprintf("%s (%s)", f->message, f->section);
            fputs("  ", out);
            color_on(cli, severity_color(f->severity));
            fputs(name, out);
            color_off(cli);
            fprintf(out, "%*s", 9 - (int)strlen(name), "");
            wrap(cli, text, 11, 11);
            free(text);
            fputs("           fix: ", out);
            wrap(cli, f->fix, 16, 16);
        }
    }
    fputc('\n', out);
    if (c->errors + c->warnings + c->notes == 0)
        fputs("no findings\n", out);
    else
        fprintf(out, "%zu error%s, %zu warning%s, %zu note%s\n", c->errors,
                c->errors == 1 ? "" : "s", c->warnings,
                c->warnings == 1 ? "" : "s", c->notes,
                c->notes == 1 ? "" : "s");
}

static void print_json(const struct check *c)
{
    FILE *out = c->cli->out;
    size_t i, j;

    fputs("{\"responses\": [", out);
    for (i = 0; i < c->nresponses; i++) {
        const struct response *r = &c->responses[i];
        fputs(i ? ",\n  {\"status_line\": " : "\n  {\"status_line\": ", out);
        json_write_string(out, r->status_line);
        fputs(", \"version\": ", out);
        json_write_string(out, r->version);
        fprintf(out, ", \"code\": %d, \"reason\": ", r->code);
        json_write_string(out, r->reason);
        fputs(", \"findings\": [", out);
        for (j = 0; j < r->nfindings; j++) {
            const struct finding *f = &r->findings[j];
            fputs(j ? ",\n    {\"severity\": " : "\n    {\"severity\": ", out);
            json_write_string(out, severity_name(f->severity));
            fputs(", \"message\": ", out);
            json_write_string(out, f->message);
            fputs(", \"section\": ", out);
            json_write_string(out, f->section);
            fputs(", \"fix\": ", out);
            json_write_string(out, f->fix);
            fputc('}', out);
        }
        fputs("]}", out);
    }
    fprintf(out,
            "\n ],\n \"errors\": %zu, \"warnings\": %zu, \"notes\": %zu}\n",
            c->errors, c->warnings, c->notes);
}

/* ------------------------------------------------------------- command */

static int is_token(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!is_tchar((unsigned char)*s))
            return 0;
    return 1;
}

int check_response(const struct cli *cli, const char *method, const char *buf,
                   size_t len, const char *name)
{
    struct check c;
    size_t i, j;
    int status = 0;

    memset(&c, 0, sizeof c);
    c.cli = cli;
    c.method = method;
    c.buf = buf;
    c.len = len;
    c.line = 1;
    for (;;) {
        enum next next;
        if (c.nresponses == c.cap) {
            c.cap = c.cap ? c.cap * 2 : 4;
            c.responses = xrealloc(c.responses, c.cap * sizeof *c.responses);
        }
        next = one_response(&c, &c.responses[c.nresponses]);
        if (next == NEXT_UNREADABLE) {
            /* Only the first line can fail: later ones were checked by
             * status_line_at() first. */
            error("check: %s does not start with an HTTP status line", name);
            status = EXIT_USAGE;
            break;
        }
        c.nresponses++;
        if (next == NEXT_END)
            break;
    }

    if (status == 0) {
        struct response *last = &c.responses[c.nresponses - 1];
        if (httpstatus_is_informational(last->code) && last->code != 101 &&
            !last->content_after)
            add(&c, last, SEV_WARNING, "RFC 9110, Section 15.2",
                xprintf("the input ends after the interim %d response, with "
                        "no final response",
                        last->code),
                xprintf("capture the whole exchange: a final response "
                        "follows the interim ones"));
        if (cli->json)
            print_json(&c);
        else
            print_text(&c);
        status = c.errors ? EXIT_NONE : EXIT_FOUND;
    }

    for (i = 0; i < c.nresponses; i++) {
        for (j = 0; j < c.responses[i].nfindings; j++) {
            free(c.responses[i].findings[j].message);
            free(c.responses[i].findings[j].fix);
        }
        free(c.responses[i].findings);
        free(c.responses[i].status_line);
        free(c.responses[i].reason);
    }
    free(c.responses);
    free(c.fields);
    return status;
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
    const char *path = NULL, *method = NULL;
    char *buf = NULL;
    size_t len = 0;
    int k, status;

    for (k = 0; k < argc; k++) {
        const char *a = argv[k];
        if (strcmp(a, "--method") == 0) {
            if (k + 1 >= argc) {
                error("check: --method needs a value, such as HEAD");
                return EXIT_USAGE;
            }
            method = argv[++k];
        } else if (strncmp(a, "--method=", 9) == 0) {
            method = a + 9;
        } else if (a[0] == '-' && a[1] != '\0') {
            error("check: unknown option '%s': try httpstatus check --help",
                  a);
            return EXIT_USAGE;
        } else if (path) {
            error("check: one FILE at most: '%s' and '%s'", path, a);
            return EXIT_USAGE;
        } else {
            path = a;
        }
    }
    if (method && !is_token(method)) {
        error("check: '%s' is not a method name", method);
        return EXIT_USAGE;
    }

    status = read_input(path, &buf, &len);
    if (status != 0)
        return status;
    status = check_response(cli, method, buf, len,
                            path && strcmp(path, "-") != 0 ? path
                                                           : "standard input");
    free(buf);
    return status;
}
