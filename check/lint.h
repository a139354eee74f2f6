/* lint.h: the response linter behind `httpstatus check`.
 *
 * lint_run() reads a sequence of responses (interim 1xx ones, then a
 * final one, or every hop of curl -siL) from raw bytes and checks each
 * against every rule in rules.h. The rule families live each in a file
 * of their own (lint.c: the status line, field lines, the code's header
 * rules and framing); they share the declarations below.
 *
 * Nothing here prints: the command formats the report. */
#ifndef HTTPSTATUS_LINT_H
#define HTTPSTATUS_LINT_H

#include <stddef.h>

#include "httpstatus.h"

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };

enum rule {
#define RULE(name, id, sev, section, summary) RULE_##name,
#include "rules.h"
#undef RULE
    RULE_COUNT
};

/* One rule's row of rules.h. */
struct rule_info {
    const char *id;
    enum severity severity;
    const char *section;
    const char *summary;
};

extern const struct rule_info lint_rules[RULE_COUNT];

/* The rule with this id, or -1. */
int lint_rule_find(const char *id, size_t len);

struct finding {
    enum rule rule;
    enum severity severity;
    char *message;       /* one sentence, printable ASCII */
    const char *section; /* "RFC 9110, Section 15.5.6" */
    char *fix;           /* one line */
};

/* One field line of a header section, pointing into the input. */
struct field {
    const char *name;
    size_t name_len;
    const char *value; /* without leading and trailing OWS */
    size_t value_len;
    size_t line; /* its line number in the input, from 1 */
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

struct lint_options {
    const char *method; /* the request's method, or NULL when unknown */
    long long now;      /* --now, seconds since 1970, or -1: not known */
    /* Which rules run: enabled[r] nonzero. NULL runs them all. */
    const unsigned char *enabled;
    /* The input's content was cut short on purpose (check URL reads at
     * most so much of it): a Content-Length longer than what follows, or
     * chunked framing cut short, is no finding then. */
    int content_cut;
};

struct lint_report {
    struct response *responses;
    size_t nresponses;
    size_t errors, warnings, notes;
};

/* Lints buf[0..len). Returns 0, or -1 when buf does not start with a
 * status line (nothing is reported then). Free the report with
 * lint_report_free() either way. */
int lint_run(const struct lint_options *opt, const char *buf, size_t len,
             struct lint_report *out);
void lint_report_free(struct lint_report *r);

/* ------------------------------------------- for the rule families */

/* What a rule family sees of the response being checked. */
struct lint {
    const struct lint_options *opt;
    struct lint_report *report;
    const char *buf;
    size_t len;
    size_t pos;           /* where the next line starts */
    size_t line;          /* the number of that line, from 1 */
    struct field *fields; /* the current response's header section */
    size_t nfields, fcap;
    const char *content; /* the content that follows it, or NULL */
    size_t content_len;
    int display; /* curl's HTTP/2 or HTTP/3 form: no wire framing */
    /* The header section ended with its empty line: when 0, the input
     * ended inside it, and fields may be missing only from the input. */
    int terminated;
    size_t rcap; /* room in report->responses */
};

/* A family of rules: checks the response whose header section is in c. */
typedef void lint_family(struct lint *c, struct response *r);

/* The families in files of their own; lint.c runs them in this order. */
lint_family lint_fields;     /* check/fields.c: field syntax */
lint_family lint_cookies;    /* check/cookies.c: Set-Cookie */
lint_family lint_cors;       /* check/cors.c: the CORS response fields */
lint_family lint_structured; /* check/structured.c: Structured Fields */
lint_family lint_caching;    /* check/caching.c: RFC 9111, and Date */

/* Reports a finding of rule against r; message and fix are taken over
 * (from lint_printf). section NULL means the rule's own. Nothing is kept
 * when the rule is not enabled. */
void lint_add(struct lint *c, struct response *r, enum rule rule,
              const char *section, char *message, char *fix);

/* 1 when the rule is enabled: a family can skip work for disabled ones. */
int lint_enabled(const struct lint *c, enum rule rule);

/* malloc'd printf; exits with a message when memory runs out. */
char *lint_printf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
void *lint_realloc(void *p, size_t n);

/* Input bytes quoted for a message: printable ASCII as is, others as
 * \xHH, cut after 48 bytes; the result is printable ASCII. */
char *lint_quote(const char *p, size_t n);

/* The first field with this name (any case), or NULL; the number of
 * field lines with it. */
const struct field *lint_field(const struct lint *c, const char *name);
size_t lint_field_count(const struct lint *c, const char *name);

/* Walks the elements of a comma-separated list (RFC 9110, Section 5.6.1)
 * in a field value, skipping empty ones and OWS; quoted strings may hold
 * commas. Start with *pos = 0; returns 0 at the end. */
int lint_list_next(const char *v, size_t n, size_t *pos, const char **elem,
                   size_t *elem_len);

/* The value of the one Content-Length field, or -1 when there is none,
 * it is no number, or it is on more than one line. */
long long lint_content_length(const struct lint *c);

/* Reads decimal digits at v[*i..n) into *out and moves *i past them;
 * 0 when there are none or more than 18 (a number no field means). */
int lint_number(const char *v, size_t n, size_t *i, unsigned long long *out);

/* 1 if any field line with this name lists the token (any case). */
int lint_list_has(const struct lint *c, const char *name, const char *token);

#endif
