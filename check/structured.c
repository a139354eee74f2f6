/* structured.c: the rules for response fields defined as Structured
 * Fields (RFC 9651): each value must parse as the type its field is
 * defined as, and where the field's specification says more, its members
 * and parameters must have the types and ranges it gives.
 *
 * A field's lines are combined with ", " (RFC 9651, Section 4.2) and the
 * value is parsed once, with check/sfv.c. When it does not parse,
 * recipients ignore the whole field or reject the message, so nothing
 * else is said about it. Otherwise each field's own check runs over the
 * members, judging a Dictionary key or a parameter sent twice by its
 * last value, the one recipients keep.
 *
 * Severities follow the keyword that binds the sender. The field
 * specifications that say what a member MUST be give errors; where a
 * specification only defines a type and recipients ignore other values
 * (RFC 9651, Section 2.2), a warning. A value that does not parse at all
 * is an error: Section 4.2 lets recipients treat the whole message as
 * malformed. */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "lint.h"
#include "sfv.h"

/* --------------------------------------------------------- the fields */

struct value;

typedef void field_check(struct lint *c, struct response *r,
                         const struct value *v);

struct sf_field {
    const char *name;
    enum sfv_top top;
    const char *example; /* a valid value, for the fixes */
    field_check *check;  /* the field's own rules, or NULL */
};

/* A field's value: its lines combined, and its members once parsed. */
struct value {
    const struct sf_field *field;
    char *p;
    size_t n;
    const struct field **lines;
    size_t *starts; /* where each line's value starts in p */
    size_t nlines;
    struct sfv_member *members;
    unsigned char *superseded; /* a later member has the same key */
    size_t nmembers;
};

/* One finding per rule and field: the first offender, and a count of
 * the others, so that a long value cannot flood the report. */
struct tally {
    enum rule rule;
    const char *section;
    char *message, *fix;
    size_t more;
};

static void tally_init(struct tally *t, enum rule rule)
{
    t->rule = rule;
    t->section = NULL;
    t->message = NULL;
    t->fix = NULL;
    t->more = 0;
}

static void tally_add(struct tally *t, const char *section, char *message,
                      char *fix)
{
    if (t->message != NULL) {
        free(message);
        free(fix);
        t->more++;
        return;
    }
    t->section = section;
    t->message = message;
    t->fix = fix;
}

static void tally_flush(struct lint *c, struct response *r, struct tally *t)
{
    char *message = t->message;

    if (message == NULL)
        return;
    if (t->more > 0) {
        message =
            lint_printf("%s (and %zu more like it)", t->message, t->more);
        free(t->message);
    }
    lint_add(c, r, t->rule, t->section, message, t->fix);
    t->message = NULL;
}

/* ----------------------------------------------------------- helpers */

static const char *type_name(enum sfv_type type)
{
    switch (type) {
    case SFV_INTEGER:
        return "an Integer";
    case SFV_DECIMAL:
        return "a Decimal";
    case SFV_STRING:
        return "a String";
    case SFV_TOKEN:
        return "a Token";
    case SFV_BYTES:
        return "a Byte Sequence";
    case SFV_BOOLEAN:
        return "a Boolean";
    case SFV_DATE:
        return "a Date";
    case SFV_DISPLAY_STRING:
        return "a Display String";
    case SFV_INNER_LIST:
        return "an Inner List";
    }
    return "a value";
}

static const char *top_name(enum sfv_top top)
{
    switch (top) {
    case SFV_LIST:
        return "List";
    case SFV_DICTIONARY:
        return "Dictionary";
    case SFV_ITEM:
        return "Item";
    }
    return "value";
}

/* The number of the line that holds byte at of the combined value. */
static size_t line_of(const struct value *v, size_t at)
{
    size_t k = 0;

    while (k + 1 < v->nlines && v->starts[k + 1] <= at)
        k++;
    return v->lines[k]->line;
}

/* A member as sent, its key and parameters included, quoted. */
static char *quote_member(const struct sfv_member *m)
{
    const char *a = m->key != NULL ? m->key : m->value.text;
    const char *b = m->value.params + m->value.params_len;

    return lint_quote(a, (size_t)(b - a));
}

static size_t member_line(const struct value *v, const struct sfv_member *m)
{
    const char *a = m->key != NULL ? m->key : m->value.text;

    return line_of(v, (size_t)(a - v->p));
}

/* A parameter as sent: ";key=value". */
static char *quote_param(const struct sfv_param *p)
{
    const char *b = p->value.text + p->value.len;

    return lint_quote(p->key, (size_t)(b - p->key));
}

static int key_is(const char *key, size_t len, const char *s)
{
    return eq_exact(key, len, s);
}

/* The last value of the parameter key, the one recipients keep. */
static int param_get(const struct sfv_item *item, const char *key,
                     struct sfv_param *out)
{
    struct sfv_param p;
    size_t pos = 0;
    int found = 0;

    while (sfv_param_next(item, &pos, &p))
        if (key_is(p.key, p.key_len, key)) {
            *out = p;
            found = 1;
        }
    return found;
}

/* The member of a Dictionary with this key that counts, or NULL. */
static const struct sfv_member *dict_get(const struct value *v,
                                         const char *key)
{
    size_t k;

    for (k = 0; k < v->nmembers; k++)
        if (!v->superseded[k] &&
            key_is(v->members[k].key, v->members[k].key_len, key))
            return &v->members[k];
    return NULL;
}

static int is_text(enum sfv_type type)
{
    return type == SFV_STRING || type == SFV_TOKEN;
}

/* A key and its position, to find keys sent twice by sorting. */
struct keyref {
    const char *key;
    size_t len, index;
};

static int keyref_cmp(const void *a, const void *b)
{
    const struct keyref *x = a, *y = b;
    size_t m = x->len < y->len ? x->len : y->len;
    int d = memcmp(x->key, y->key, m);

    if (d != 0)
        return d;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Marks superseded[i] for each key that occurs again later; returns how
 * many keys occur more than once, and the first of them in *dup. */
static size_t find_duplicates(struct keyref *keys, size_t n,
                              unsigned char *superseded,
                              const struct keyref **dup)
{
    size_t k, count = 0, first = (size_t)-1;

    if (n > 1)
        qsort(keys, n, sizeof *keys, keyref_cmp);
    for (k = 0; k + 1 < n; k++) {
        if (keys[k].len != keys[k + 1].len ||
            memcmp(keys[k].key, keys[k + 1].key, keys[k].len) != 0)
            continue;
        if (superseded != NULL)
            superseded[keys[k].index] = 1;
        if (k == 0 || keys[k - 1].len != keys[k].len ||
            memcmp(keys[k - 1].key, keys[k].key, keys[k].len) != 0) {
            count++;
            if (first == (size_t)-1 || keys[k].index < keys[first].index)
                first = k;
        }
    }
    if (dup != NULL)
        *dup = first == (size_t)-1 ? NULL : &keys[first];
    return count;
}

/* ------------------------------------------- what every field shares */

/* Parameters sent twice in one item, for structured-field-duplicate-key:
 * 1 with the first such key in *key, *len. */
static int item_duplicate_param(const struct sfv_item *item, const char **key,
                                size_t *len)
{
    struct keyref *keys = NULL;
    struct sfv_param p;
    const struct keyref *dup = NULL;
    size_t pos = 0, n = 0, cap = 0;

    while (sfv_param_next(item, &pos, &p)) {
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            keys = lint_realloc(keys, cap * sizeof *keys);
        }
        keys[n].key = p.key;
        keys[n].len = p.key_len;
        keys[n].index = n;
        n++;
    }
    find_duplicates(keys, n, NULL, &dup);
    if (dup != NULL) {
        *key = dup->key;
        *len = dup->len;
    }
    free(keys);
    return dup != NULL;
}

/* A Byte Sequence in a form Section 4.1.8 does not produce. */
static void base64_form(const struct value *v, const struct sfv_item *item,
                        struct tally *t)
{
    char *q;

    if (item->type != SFV_BYTES || item->flags == 0)
        return;
    q = lint_quote(item->text, item->len);
    tally_add(t, NULL,
              lint_printf("line %zu: %s Byte Sequence %s %s",
                          line_of(v, (size_t)(item->text - v->p)),
                          v->field->name, q,
                          (item->flags & SFV_UNPADDED)
                              ? "lacks its \"=\" padding"
                              : "has non-zero bits after its last octet"),
              lint_printf("send padded base64 with the unused bits zero, "
                          "such as \":AA==:\" for one zero octet; some "
                          "parsers refuse other forms"));
    free(q);
}

/* Walks every item of the value for the checks that apply to all
 * fields: parameters sent twice, Byte Sequences in a loose form, and
 * Dictionary keys sent twice (but for the signature fields, which have a
 * rule of their own). */
static void check_common(struct lint *c, struct response *r,
                         const struct value *v, int dict_dups)
{
    struct tally dups, b64;
    size_t k;

    tally_init(&dups, RULE_STRUCTURED_FIELD_DUPLICATE_KEY);
    tally_init(&b64, RULE_STRUCTURED_FIELD_BASE64_PADDING);
    if (dict_dups && v->field->top == SFV_DICTIONARY) {
        for (k = 0; k < v->nmembers; k++) {
            const struct sfv_member *m = &v->members[k];
            char *q;
            if (!v->superseded[k])
                continue;
            q = lint_quote(m->key, m->key_len);
            tally_add(&dups, NULL,
                      lint_printf("line %zu: %s has the key %s more than "
                                  "once: recipients keep only its last "
                                  "value",
                                  member_line(v, m), v->field->name, q),
                      lint_printf("send each key of %s once, with the "
                                  "value it is meant to have",
                                  v->field->name));
            free(q);
        }
    }
    for (k = 0; k < v->nmembers; k++) {
        const struct sfv_item *member = &v->members[k].value;
        struct sfv_item inner;
        struct sfv_param p;
        size_t ip = 0, pp, j;
        const char *key;
        size_t key_len;

        /* The member, then the items of an Inner List. */
        for (j = 0;; j++) {
            const struct sfv_item *it = member;
            if (j > 0) {
                if (!sfv_inner_next(member, &ip, &inner))
                    break;
                it = &inner;
            }
            base64_form(v, it, &b64);
            pp = 0;
            while (sfv_param_next(it, &pp, &p))
                base64_form(v, &p.value, &b64);
            if (item_duplicate_param(it, &key, &key_len)) {
                char *q = lint_quote(key, key_len);
                tally_add(&dups, "RFC 9651, Section 3.1.2",
                          lint_printf("line %zu: %s has the parameter %s "
                                      "more than once on one item: "
                                      "recipients keep only its last "
                                      "value",
                                      line_of(v, (size_t)(key - v->p)),
                                      v->field->name, q),
                          lint_printf("send each parameter of an item "
                                      "once"));
                free(q);
            }
            if (member->type != SFV_INNER_LIST)
                break;
        }
    }
    tally_flush(c, r, &dups);
    tally_flush(c, r, &b64);
}

/* Reports a member or parameter of the wrong type for the field. */
static void wrong_type(struct tally *t, const struct value *v,
                       const char *section, size_t line, const char *what,
                       char *quoted, enum sfv_type got, const char *want,
                       const char *fix_example)
{
    tally_add(t, section,
              lint_printf("line %zu: %s %s %s is %s, not %s", line,
                          v->field->name, what, quoted, type_name(got), want),
              lint_printf("send the %s as %s, such as \"%s: %s\"", what, want,
                          v->field->name, fix_example));
    free(quoted);
}

/* Checks a parameter's type where the field defines it: a parameter of
 * one of the types in the mask passes. */
#define T(type) (1u << (type))

static void param_type(struct tally *t, const struct value *v,
                       const struct sfv_item *item, const char *key,
                       unsigned mask, const char *want, const char *section,
                       const char *example)
{
    struct sfv_param p;

    if (!param_get(item, key, &p) || (mask & T(p.value.type)))
        return;
    wrong_type(t, v, section, line_of(v, (size_t)(p.key - v->p)), "parameter",
               quote_param(&p), p.value.type, want, example);
}

/* ------------------------------------------------ Accept-CH, RFC 8942 */

static void check_accept_ch(struct lint *c, struct response *r,
                            const struct value *v)
{
    struct tally t;
    size_t k;

    tally_init(&t, RULE_ACCEPT_CH_MEMBER_TYPE);
    for (k = 0; k < v->nmembers; k++) {
        const struct sfv_member *m = &v->members[k];
        if (m->value.type != SFV_TOKEN)
            wrong_type(&t, v, NULL, member_line(v, m), "member",
                       quote_member(m), m->value.type, "a Token",
                       v->field->example);
    }
    tally_flush(c, r, &t);
}

/* --------------------------------------------- Cache-Status, RFC 9211 */

static void check_cache_status(struct lint *c, struct response *r,
                               const struct value *v)
{
    static const struct {
        const char *key;
        unsigned mask;
        const char *want, *section, *example;
    } params[] = {
        {"hit", T(SFV_BOOLEAN), "a Boolean", "RFC 9211, Section 2.1",
         "ExampleCache; hit"},
        {"fwd", T(SFV_TOKEN), "a Token", "RFC 9211, Section 2.2",
         "ExampleCache; fwd=uri-miss"},
        {"fwd-status", T(SFV_INTEGER), "an Integer", "RFC 9211, Section 2.3",
         "ExampleCache; fwd=stale; fwd-status=304"},
        {"ttl", T(SFV_INTEGER), "an Integer", "RFC 9211, Section 2.4",
         "ExampleCache; hit; ttl=30"},
        {"stored", T(SFV_BOOLEAN), "a Boolean", "RFC 9211, Section 2.5",
         "ExampleCache; fwd=miss; stored"},
        {"collapsed", T(SFV_BOOLEAN), "a Boolean", "RFC 9211, Section 2.6",
         "ExampleCache; fwd=miss; collapsed=?0"},
        {"key", T(SFV_STRING), "a String", "RFC 9211, Section 2.7",
         "ExampleCache; hit; key=\"GET /a\""},
        {"detail", T(SFV_STRING) | T(SFV_TOKEN), "a String or Token",
         "RFC 9211, Section 2.8", "ExampleCache; hit; detail=MEMORY"},
    };
    struct tally ident, types, both;
    size_t k, j;

    tally_init(&ident, RULE_CACHE_STATUS_IDENTIFIER);
    tally_init(&types, RULE_CACHE_STATUS_PARAMETER_TYPE);
    tally_init(&both, RULE_CACHE_STATUS_HIT_AND_FWD);
    for (k = 0; k < v->nmembers; k++) {
        const struct sfv_member *m = &v->members[k];
        struct sfv_param p;
        if (!is_text(m->value.type))
            wrong_type(&ident, v, NULL, member_line(v, m), "member",
                       quote_member(m), m->value.type, "a String or Token",
                       "ExampleCache; hit, \"Example CDN\"; fwd=miss");
        for (j = 0; j < sizeof params / sizeof params[0]; j++)
            param_type(&types, v, &m->value, params[j].key, params[j].mask,
                       params[j].want, params[j].section, params[j].example);
        if (param_get(&m->value, "hit", &p) &&
            param_get(&m->value, "fwd", &p)) {
            char *q = quote_member(m);
            tally_add(&both, NULL,
                      lint_printf("line %zu: Cache-Status member %s has "
                                  "both hit and fwd, which exclude each "
                                  "other",
                                  member_line(v, m), q),
                      lint_printf("send hit when the cache answered "
                                  "alone, or fwd with the reason it went "
                                  "forward, such as \"ExampleCache; "
                                  "fwd=stale\""));
            free(q);
        }
    }
    tally_flush(c, r, &ident);
    tally_flush(c, r, &types);
    tally_flush(c, r, &both);
}

/* --------------------------------------------- Proxy-Status, RFC 9209 */

/* Extra parameters of the proxy error types (RFC 9209, Section 2.3). */
static const struct {
    const char *error, *key;
    unsigned mask;
    const char *want, *section, *example;
} proxy_extras[] = {
    {"dns_error", "rcode", T(SFV_STRING), "a String",
     "RFC 9209, Section 2.3.2",
     "ExampleCDN; error=dns_error; rcode=\"NXDOMAIN\""},
    {"dns_error", "info-code", T(SFV_INTEGER), "an Integer",
     "RFC 9209, Section 2.3.2", "ExampleCDN; error=dns_error; info-code=22"},
    {"tls_alert_received", "alert-id", T(SFV_INTEGER), "an Integer",
     "RFC 9209, Section 2.3.15",
     "ExampleCDN; error=tls_alert_received; alert-id=42"},
    {"tls_alert_received", "alert-message", T(SFV_TOKEN) | T(SFV_STRING),
     "a Token or String", "RFC 9209, Section 2.3.15",
     "ExampleCDN; error=tls_alert_received; alert-message=bad_certificate"},
    {"http_request_error", "status-code", T(SFV_INTEGER), "an Integer",
     "RFC 9209, Section 2.3.16",
     "ExampleCDN; error=http_request_error; status-code=400"},
    {"http_request_error", "status-phrase", T(SFV_STRING), "a String",
     "RFC 9209, Section 2.3.16",
     "ExampleCDN; error=http_request_error; status-phrase=\"Bad Request\""},
    {"http_response_header_section_size", "header-section-size",
     T(SFV_INTEGER), "an Integer", "RFC 9209, Section 2.3.19",
     ("ExampleCDN; error=http_response_header_section_size; "
      "header-section-size=65536")},
    {"http_response_header_size", "header-name", T(SFV_STRING), "a String",
     "RFC 9209, Section 2.3.20",
     "ExampleCDN; error=http_response_header_size; header-name=\"Link\""},
    {"http_response_body_size", "body-size", T(SFV_INTEGER), "an Integer",
     "RFC 9209, Section 2.3.21",
     "ExampleCDN; error=http_response_body_size; body-size=1048576"},
    {"http_response_trailer_section_size", "trailer-section-size",
     T(SFV_INTEGER), "an Integer", "RFC 9209, Section 2.3.22",
     ("ExampleCDN; error=http_response_trailer_section_size; "
      "trailer-section-size=65536")},
    {"http_response_trailer_size", "trailer-name", T(SFV_STRING), "a String",
     "RFC 9209, Section 2.3.23",
     ("ExampleCDN; error=http_response_trailer_size; "
      "trailer-name=\"Server-Timing\"")},
    {"http_response_transfer_coding", "coding", T(SFV_TOKEN), "a Token",
     "RFC 9209, Section 2.3.24",
     "ExampleCDN; error=http_response_transfer_coding; coding=chunked"},
    {"http_response_content_coding", "coding", T(SFV_TOKEN), "a Token",
     "RFC 9209, Section 2.3.25",
     "ExampleCDN; error=http_response_content_coding; coding=gzip"},
};

/* A Byte Sequence that could have been sent as a Token (Section 4.2.6's
 * characters, the first ALPHA or "*"). */
static int bytes_are_token(const struct sfv_item *item)
{
    unsigned char b[256];
    size_t n = sfv_bytes_value(item, b, sizeof b), k;

    if (n == 0 || n > sizeof b)
        return 0;
    if (!is_alpha(b[0]) && b[0] != '*')
        return 0;
    for (k = 1; k < n; k++)
        if (!is_tchar(b[k]) && b[k] != ':' && b[k] != '/')
            return 0;
    return 1;
}

static void check_proxy_status(struct lint *c, struct response *r,
                               const struct value *v)
{
    struct tally ident, types, protocol, status;
    size_t k, j;

    tally_init(&ident, RULE_PROXY_STATUS_IDENTIFIER);
    tally_init(&types, RULE_PROXY_STATUS_PARAMETER_TYPE);
    tally_init(&protocol, RULE_PROXY_STATUS_NEXT_PROTOCOL);
    tally_init(&status, RULE_PROXY_STATUS_RECEIVED_STATUS);
    for (k = 0; k < v->nmembers; k++) {
        const struct sfv_member *m = &v->members[k];
        struct sfv_param p;
        if (!is_text(m->value.type))
            wrong_type(&ident, v, NULL, member_line(v, m), "member",
                       quote_member(m), m->value.type, "a String or Token",
                       "ExampleCDN, \"proxy.example.net\"");
        param_type(&types, v, &m->value, "error", T(SFV_TOKEN), "a Token",
                   "RFC 9209, Section 2.1.1",
                   "ExampleCDN; error=connection_timeout");
        param_type(&types, v, &m->value, "next-hop",
                   T(SFV_STRING) | T(SFV_TOKEN), "a String or Token",
                   "RFC 9209, Section 2.1.2",
                   "ExampleCDN; next-hop=backend.example.org:8001");
        param_type(&types, v, &m->value, "details", T(SFV_STRING), "a String",
                   "RFC 9209, Section 2.1.5",
                   "ExampleCDN; details=\"read 0 bytes\"");
        if (param_get(&m->value, "error", &p) && p.value.type == SFV_TOKEN)
            for (j = 0; j < sizeof proxy_extras / sizeof proxy_extras[0]; j++)
                if (eq_exact(p.value.text, p.value.len, proxy_extras[j].error))
                    param_type(&types, v, &m->value, proxy_extras[j].key,
                               proxy_extras[j].mask, proxy_extras[j].want,
                               proxy_extras[j].section,
                               proxy_extras[j].example);
        param_type(&status, v, &m->value, "received-status", T(SFV_INTEGER),
                   "an Integer", NULL, "ExampleCDN; received-status=503");
        if (param_get(&m->value, "next-protocol", &p)) {
            if (p.value.type != SFV_TOKEN && p.value.type != SFV_BYTES) {
                wrong_type(&protocol, v, NULL,
                           line_of(v, (size_t)(p.key - v->p)), "parameter",
                           quote_param(&p), p.value.type,
                           "a Token or Byte Sequence",
                           "ExampleCDN; next-protocol=h2");
            } else if (p.value.type == SFV_BYTES &&
                       bytes_are_token(&p.value)) {
                char *q = quote_param(&p);
                tally_add(&protocol, NULL,
                          lint_printf("line %zu: Proxy-Status parameter %s "
                                      "is a Byte Sequence, but its ALPN "
                                      "identifier can be sent as a Token, "
                                      "which is then required",
                                      line_of(v, (size_t)(p.key - v->p)), q),
                          lint_printf("send the identifier as a Token, such "
                                      "as \"Proxy-Status: ExampleCDN; "
                                      "next-protocol=h2\""));
                free(q);
            }
        }
    }
    tally_flush(c, r, &ident);
    tally_flush(c, r, &types);
    tally_flush(c, r, &protocol);
    tally_flush(c, r, &status);
}

/* ------------------------------------------------- Priority, RFC 9218 */

static void check_priority(struct lint *c, struct response *r,
                           const struct value *v)
{
    const struct sfv_member *u = dict_get(v, "u"), *i = dict_get(v, "i");
    struct tally types, range;

    tally_init(&types, RULE_PRIORITY_PARAMETER_TYPE);
    tally_init(&range, RULE_PRIORITY_URGENCY_RANGE);
    if (u != NULL && u->value.type != SFV_INTEGER)
        wrong_type(&types, v, "RFC 9218, Section 4.1", member_line(v, u),
                   "urgency", quote_member(u), u->value.type,
                   "an Integer from 0 to 7", "u=5");
    else if (u != NULL && (u->value.number < 0 || u->value.number > 7)) {
        char *q = quote_member(u);
        tally_add(&range, NULL,
                  lint_printf("line %zu: Priority urgency %s is outside 0 "
                              "to 7: recipients ignore it and use the "
                              "default, 3",
                              member_line(v, u), q),
                  lint_printf("send an urgency from 0 (most urgent) to 7 "
                              "(background), such as \"Priority: u=5\""));
        free(q);
    }
    if (i != NULL && i->value.type != SFV_BOOLEAN)
        wrong_type(&types, v, "RFC 9218, Section 4.2", member_line(v, i),
                   "incremental parameter", quote_member(i), i->value.type,
                   "a Boolean", "u=3, i");
    tally_flush(c, r, &types);
    tally_flush(c, r, &range);
}

/* ---------------------------------------- CDN-Cache-Control, RFC 9213 */

/* The types RFC 9213, Section 2.1 infers for the directives of RFC 9111
 * (Section 5.2.2) and the common extensions. */
enum cc_kind { CC_SECONDS, CC_FLAG, CC_FLAG_OR_FIELDS };

static void check_cdn_cache_control(struct lint *c, struct response *r,
                                    const struct value *v)
{
    static const struct {
        const char *name;
        enum cc_kind kind;
    } directives[] = {
        {"max-age", CC_SECONDS},
        {"s-maxage", CC_SECONDS},
        {"stale-while-revalidate", CC_SECONDS},
        {"stale-if-error", CC_SECONDS},
        {"must-revalidate", CC_FLAG},
        {"must-understand", CC_FLAG},
        {"no-store", CC_FLAG},
        {"no-transform", CC_FLAG},
        {"proxy-revalidate", CC_FLAG},
        {"public", CC_FLAG},
        {"immutable", CC_FLAG},
        {"no-cache", CC_FLAG_OR_FIELDS},
        {"private", CC_FLAG_OR_FIELDS},
    };
    struct tally t;
    size_t k;

    tally_init(&t, RULE_CDN_CACHE_CONTROL_DIRECTIVE_TYPE);
    for (k = 0; k < sizeof directives / sizeof directives[0]; k++) {
        const struct sfv_member *m = dict_get(v, directives[k].name);
        const struct sfv_item *it;
        const char *want = NULL, *fix = NULL;
        char *q;
        if (m == NULL)
            continue;
        it = &m->value;
        switch (directives[k].kind) {
        case CC_SECONDS:
            if (it->type != SFV_INTEGER || it->number < 0) {
                want = "a non-negative Integer number of seconds";
                fix = "max-age=600";
            }
            break;
        case CC_FLAG:
            if (it->type != SFV_BOOLEAN || !it->number) {
                want = "no value (Boolean true)";
                fix = "no-store";
            }
            break;
        case CC_FLAG_OR_FIELDS:
            if (!(it->type == SFV_BOOLEAN && it->number) &&
                it->type != SFV_STRING && it->type != SFV_TOKEN) {
                want = "no value, or a String of field names";
                fix = "no-cache=\"set-cookie\"";
            }
            break;
        }
        if (want == NULL)
            continue;
        q = quote_member(m);
        tally_add(
            &t, NULL,
            lint_printf("line %zu: CDN-Cache-Control directive %s has "
                        "%s, where %s takes %s",
                        member_line(v, m), q,
                        it->type == SFV_INTEGER && it->number < 0
                            ? "a negative Integer"
                        : it->type == SFV_BOOLEAN && !it->number
                            ? "the value false"
                            : type_name(it->type),
                        directives[k].name, want),
            lint_printf("send the directive with the value Cache-Control "
                        "would give it, such as \"CDN-Cache-Control: "
                        "%s\"",
                        fix));
        free(q);
    }
    tally_flush(c, r, &t);
}

/* ------------------------------------ the digest fields, RFC 9530 */

static const char *digest_section(const char *name)
{
    if (eq_nocase(name, strlen(name), "Content-Digest"))
        return "RFC 9530, Section 2";
    if (eq_nocase(name, strlen(name), "Repr-Digest"))
        return "RFC 9530, Section 3";
    return "RFC 9530, Section 4";
}

static void check_digest(struct lint *c, struct response *r,
                         const struct value *v)
{
    /* The algorithms of the registry RFC 9530, Section 7.2 creates, with
     * their output length where it is fixed, and whether deprecated. */
    static const struct {
        const char *key;
        size_t octets; /* 0: not fixed */
        int deprecated;
    } algorithms[] = {
        {"sha-512", 64, 0}, {"sha-256", 32, 0}, {"md5", 16, 1},
        {"sha", 20, 1},     {"unixsum", 0, 1},  {"unixcksum", 0, 1},
        {"adler", 4, 1},    {"crc32c", 4, 1},
    };
    const char *section = digest_section(v->field->name);
    int want = strncmp(v->field->name, "Want-", 5) == 0;
    struct tally types, length, old, range;
    size_t k, j;

    tally_init(&types, RULE_DIGEST_MEMBER_TYPE);
    tally_init(&length, RULE_DIGEST_LENGTH);
    tally_init(&old, RULE_DIGEST_ALGORITHM_DEPRECATED);
    tally_init(&range, RULE_WANT_DIGEST_PREFERENCE_RANGE);
    for (k = 0; k < v->nmembers; k++) {
        const struct sfv_member *m = &v->members[k];
        if (v->superseded[k])
            continue;
        if (want) {
            if (m->value.type != SFV_INTEGER)
                wrong_type(&types, v, section, member_line(v, m), "member",
                           quote_member(m), m->value.type,
                           "an Integer from 0 to 10", v->field->example);
            else if (m->value.number < 0 || m->value.number > 10) {
                char *q = quote_member(m);
                tally_add(&range, NULL,
                          lint_printf("line %zu: %s preference %s is "
                                      "outside 0 to 10",
                                      member_line(v, m), v->field->name, q),
                          lint_printf("send 1 (least preferred) to 10 (most "
                                      "preferred), or 0 for not "
                                      "acceptable, such as \"%s: %s\"",
                                      v->field->name, v->field->example));
                free(q);
            }
            continue;
        }
        if (m->value.type != SFV_BYTES) {
            wrong_type(&types, v, section, member_line(v, m), "member",
                       quote_member(m), m->value.type,
                       "a Byte Sequence (base64 between colons)",
                       v->field->example);
            continue;
        }
        for (j = 0; j < sizeof algorithms / sizeof algorithms[0]; j++) {
            char *q;
            if (!key_is(m->key, m->key_len, algorithms[j].key))
                continue;
            if (algorithms[j].octets != 0 &&
                m->value.size != algorithms[j].octets) {
                q = quote_member(m);
                tally_add(&length, section,
                          lint_printf("line %zu: %s %s holds %zu octets, "
                                      "but a %s digest has %zu",
                                      member_line(v, m), v->field->name, q,
                                      m->value.size, algorithms[j].key,
                                      algorithms[j].octets),
                          lint_printf("send the base64 of the digest's "
                                      "octets (not of its hex form), such "
                                      "as \"%s: %s\"",
                                      v->field->name, v->field->example));
                free(q);
            }
            if (algorithms[j].deprecated) {
                q = lint_quote(m->key, m->key_len);
                tally_add(&old, NULL,
                          lint_printf("line %zu: %s uses the deprecated "
                                      "algorithm %s, which protects "
                                      "against accidents only",
                                      member_line(v, m), v->field->name, q),
                          lint_printf("send sha-256 or sha-512, such as "
                                      "\"%s: %s\"",
                                      v->field->name, v->field->example));
                free(q);
            }
        }
    }
    tally_flush(c, r, &types);
    tally_flush(c, r, &length);
    tally_flush(c, r, &old);
    tally_flush(c, r, &range);
}

/* -------------------------------- Signature and Signature-Input, RFC 9421 */

static void check_signature_input(struct lint *c, struct response *r,
                                  const struct value *v)
{
    static const struct {
        const char *key;
        enum sfv_type type;
    } params[] = {
        {"created", SFV_INTEGER}, {"expires", SFV_INTEGER},
        {"nonce", SFV_STRING},    {"alg", SFV_STRING},
        {"keyid", SFV_STRING},    {"tag", SFV_STRING},
    };
    const char *example = v->field->example;
    struct tally t;
    size_t k, j;

    tally_init(&t, RULE_SIGNATURE_INPUT_MEMBER_TYPE);
    for (k = 0; k < v->nmembers; k++) {
        const struct sfv_member *m = &v->members[k];
        struct sfv_item item;
        size_t ip = 0;
        if (m->value.type != SFV_INNER_LIST) {
            wrong_type(&t, v, NULL, member_line(v, m), "member",
                       quote_member(m), m->value.type,
                       "an Inner List of component names", example);
            continue;
        }
        while (sfv_inner_next(&m->value, &ip, &item))
            if (item.type != SFV_STRING) {
                wrong_type(&t, v, NULL, line_of(v, (size_t)(item.text - v->p)),
                           "component", lint_quote(item.text, item.len),
                           item.type, "a String", example);
                break;
            }
        for (j = 0; j < sizeof params / sizeof params[0]; j++)
            param_type(&t, v, &m->value, params[j].key, T(params[j].type),
                       type_name(params[j].type), "RFC 9421, Section 2.3",
                       example);
    }
    tally_flush(c, r, &t);
}

static void check_signature(struct lint *c, struct response *r,
                            const struct value *v)
{
    struct tally t;
    size_t k;

    tally_init(&t, RULE_SIGNATURE_MEMBER_TYPE);
    for (k = 0; k < v->nmembers; k++) {
        const struct sfv_member *m = &v->members[k];
        if (m->value.type != SFV_BYTES)
            wrong_type(&t, v, NULL, member_line(v, m), "member",
                       quote_member(m), m->value.type, "a Byte Sequence",
                       v->field->example);
    }
    tally_flush(c, r, &t);
}

/* -------------------------------------- Reporting-Endpoints (Reporting) */

/* Whether the URL is absolute with a scheme that is never potentially
 * trustworthy (http or ws) and a host that is not a loopback one
 * (Secure Contexts, Section 3.1). Relative URLs resolve against the
 * response's URL, which the linter does not know: they pass. */
static int url_insecure(const char *u, size_t n)
{
    size_t s, a, e, h0, h1;

    if (n >= 7 && same_nocase(u, "http://", 7))
        s = 7;
    else if (n >= 5 && same_nocase(u, "ws://", 5))
        s = 5;
    else
        return 0;
    for (e = s; e < n && u[e] != '/' && u[e] != '?' && u[e] != '#'; e++)
        ;
    for (a = e; a > s && u[a - 1] != '@'; a--)
        ;
    h0 = a;
    if (h0 < e && u[h0] == '[') {
        for (h1 = h0; h1 < e && u[h1] != ']'; h1++)
            ;
        return !(h1 - h0 == 4 && memcmp(u + h0, "[::1", 4) == 0);
    }
    for (h1 = h0; h1 < e && u[h1] != ':'; h1++)
        ;
    if (h1 > h0 && u[h1 - 1] == '.')
        h1--; /* a trailing dot names the same host */
    if (eq_nocase(u + h0, h1 - h0, "localhost") ||
        (h1 - h0 > 10 && same_nocase(u + h1 - 10, ".localhost", 10)))
        return 0;
    if (h1 - h0 > 4 && memcmp(u + h0, "127.", 4) == 0) {
        size_t k;
        for (k = h0; k < h1 && (is_digit((unsigned char)u[k]) || u[k] == '.');
             k++)
            ;
        return k != h1;
    }
    return 1;
}

static void check_reporting_endpoints(struct lint *c, struct response *r,
                                      const struct value *v)
{
    struct tally types, insecure;
    size_t k;

    tally_init(&types, RULE_REPORTING_ENDPOINTS_MEMBER_TYPE);
    tally_init(&insecure, RULE_REPORTING_ENDPOINTS_INSECURE);
    for (k = 0; k < v->nmembers; k++) {
        const struct sfv_member *m = &v->members[k];
        char url[2048];
        size_t len;
        if (v->superseded[k])
            continue;
        if (m->value.type != SFV_STRING) {
            wrong_type(&types, v, NULL, member_line(v, m), "member",
                       quote_member(m), m->value.type, "a String (a URL)",
                       v->field->example);
            continue;
        }
        len = sfv_string_value(&m->value, url, sizeof url);
        if (len <= sizeof url && url_insecure(url, len)) {
            char *q = quote_member(m);
            tally_add(&insecure, NULL,
                      lint_printf("line %zu: Reporting-Endpoints endpoint %s "
                                  "is not potentially trustworthy: "
                                  "browsers ignore it",
                                  member_line(v, m), q),
                      lint_printf("send an https URL, such as "
                                  "\"Reporting-Endpoints: %s\"",
                                  v->field->example));
            free(q);
        }
    }
    tally_flush(c, r, &types);
    tally_flush(c, r, &insecure);
}

/* ---------------------------------------------------- HTML's fields */

static void check_cross_origin(struct lint *c, struct response *r,
                               const struct value *v)
{
    static const char *const opener[] = {"unsafe-none", "same-origin",
                                         "same-origin-allow-popups",
                                         "noopener-allow-popups", NULL};
    static const char *const embedder[] = {"unsafe-none", "require-corp",
                                           "credentialless", NULL};
    const char *name = v->field->name;
    int coop = strstr(name, "Opener") != NULL;
    const char *const *values = coop ? opener : embedder;
    const char *section =
        coop ? "HTML, the-coop-headers" : "HTML, the-coep-headers";
    const struct sfv_member *m;
    size_t k;
    char *q;

    if (v->nmembers != 1)
        return;
    m = &v->members[0];
    q = quote_member(m);
    if (m->value.type != SFV_TOKEN) {
        lint_add(c, r, RULE_CROSS_ORIGIN_POLICY_TYPE, section,
                 lint_printf("line %zu: %s %s is %s, not a Token: browsers "
                             "ignore it",
                             member_line(v, m), name, q,
                             type_name(m->value.type)),
                 lint_printf("send the policy as a bare token, such as "
                             "\"%s: %s\"",
                             name, v->field->example));
        free(q);
        return;
    }
    for (k = 0; values[k] != NULL; k++)
        if (eq_exact(m->value.text, m->value.len, values[k])) {
            free(q);
            return;
        }
    lint_add(c, r, RULE_CROSS_ORIGIN_POLICY_VALUE, section,
             lint_printf("line %zu: %s %s is not a policy browsers know (%s): "
                         "they apply unsafe-none",
                         member_line(v, m), name, q,
                         coop ? "unsafe-none, same-origin, "
                                "same-origin-allow-popups or "
                                "noopener-allow-popups"
                              : "unsafe-none, require-corp or "
                                "credentialless"),
             lint_printf("send one of the policy tokens, in lower case, such "
                         "as \"%s: %s\"",
                         name, v->field->example));
    free(q);
}

static void check_origin_agent_cluster(struct lint *c, struct response *r,
                                       const struct value *v)
{
    const struct sfv_member *m;
    char *q;

    if (v->nmembers != 1 || v->members[0].value.type == SFV_BOOLEAN)
        return;
    m = &v->members[0];
    q = quote_member(m);
    lint_add(c, r, RULE_ORIGIN_AGENT_CLUSTER_TYPE, NULL,
             lint_printf("line %zu: Origin-Agent-Cluster %s is %s, not a "
                         "Boolean: browsers ignore it",
                         member_line(v, m), q, type_name(m->value.type)),
             lint_printf("send \"Origin-Agent-Cluster: ?1\" to ask for an "
                         "origin-keyed agent cluster"));
    free(q);
}

/* ------------------------------------------------------------ the table */

static const struct sf_field sf_fields[] = {
    {"Accept-CH", SFV_LIST, "Sec-CH-UA-Model, Sec-CH-UA-Platform-Version",
     check_accept_ch},
    {"Cache-Status", SFV_LIST, "ExampleCache; hit; ttl=30",
     check_cache_status},
    {"CDN-Cache-Control", SFV_DICTIONARY, "max-age=600",
     check_cdn_cache_control},
    {"Content-Digest", SFV_DICTIONARY,
     "sha-256=:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=:", check_digest},
    {"Cross-Origin-Embedder-Policy", SFV_ITEM, "require-corp",
     check_cross_origin},
    {"Cross-Origin-Embedder-Policy-Report-Only", SFV_ITEM, "require-corp",
     check_cross_origin},
    {"Cross-Origin-Opener-Policy", SFV_ITEM, "same-origin",
     check_cross_origin},
    {"Cross-Origin-Opener-Policy-Report-Only", SFV_ITEM, "same-origin",
     check_cross_origin},
    {"Origin-Agent-Cluster", SFV_ITEM, "?1", check_origin_agent_cluster},
    {"Priority", SFV_DICTIONARY, "u=5, i", check_priority},
    {"Proxy-Status", SFV_LIST, "ExampleCDN; error=connection_timeout",
     check_proxy_status},
    {"Reporting-Endpoints", SFV_DICTIONARY,
     "default=\"https://example.com/reports\"", check_reporting_endpoints},
    {"Repr-Digest", SFV_DICTIONARY,
     "sha-256=:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=:", check_digest},
    {"Signature", SFV_DICTIONARY,
     "sig1=:dGhpcyBpcyBhIHNpZ25hdHVyZQ==:", check_signature},
    {"Signature-Input", SFV_DICTIONARY,
     ("sig1=(\"@status\" \"content-digest\");created=1700000000;"
      "keyid=\"key-1\""),
     check_signature_input},
    {"Want-Content-Digest", SFV_DICTIONARY, "sha-256=10, sha-512=3",
     check_digest},
    {"Want-Repr-Digest", SFV_DICTIONARY, "sha-256=10, sha-512=3",
     check_digest},
};

/* Where a field's definition puts its type, for structured-field-syntax
 * when that definition binds the sender itself. */
static const char *syntax_section(const struct sf_field *f)
{
    if (strcmp(f->name, "Accept-CH") == 0)
        return "RFC 8942, Section 3.1";
    return NULL;
}

/* ------------------------------------------------------- the reading */

/* Combines the field's lines into v; 0 when the field is absent. */
static int combine(const struct lint *c, const struct sf_field *f,
                   struct value *v)
{
    size_t i, k = 0, len = 0;

    memset(v, 0, sizeof *v);
    v->field = f;
    v->nlines = lint_field_count(c, f->name);
    if (v->nlines == 0)
        return 0;
    for (i = 0; i < c->nfields; i++)
        if (eq_nocase(c->fields[i].name, c->fields[i].name_len, f->name))
            len += c->fields[i].value_len + 2;
    v->p = lint_realloc(NULL, len);
    v->lines = lint_realloc(NULL, v->nlines * sizeof *v->lines);
    v->starts = lint_realloc(NULL, v->nlines * sizeof *v->starts);
    for (i = 0; i < c->nfields; i++) {
        const struct field *fl = &c->fields[i];
        if (!eq_nocase(fl->name, fl->name_len, f->name))
            continue;
        if (k > 0) {
            memcpy(v->p + v->n, ", ", 2);
            v->n += 2;
        }
        v->lines[k] = fl;
        v->starts[k++] = v->n;
        if (fl->value_len > 0)
            memcpy(v->p + v->n, fl->value, fl->value_len);
        v->n += fl->value_len;
    }
    return 1;
}

static void value_free(struct value *v)
{
    free(v->p);
    free(v->lines);
    free(v->starts);
    free(v->members);
    free(v->superseded);
}

/* Collects the members of a value that parsed, and marks the Dictionary
 * keys that a later member overrides. */
static void collect(struct value *v)
{
    struct sfv_member m;
    struct keyref *keys;
    size_t pos = 0, cap = 0, k;

    while (sfv_next(v->p, v->n, v->field->top, &pos, &m)) {
        if (v->nmembers == cap) {
            cap = cap ? cap * 2 : 8;
            v->members = lint_realloc(v->members, cap * sizeof *v->members);
        }
        v->members[v->nmembers++] = m;
    }
    v->superseded = lint_realloc(NULL, v->nmembers);
    memset(v->superseded, 0, v->nmembers);
    if (v->field->top != SFV_DICTIONARY)
        return;
    keys = lint_realloc(NULL, v->nmembers * sizeof *keys);
    for (k = 0; k < v->nmembers; k++) {
        keys[k].key = v->members[k].key;
        keys[k].len = v->members[k].key_len;
        keys[k].index = k;
    }
    find_duplicates(keys, v->nmembers, v->superseded, NULL);
    free(keys);
}

static void report_syntax(struct lint *c, struct response *r,
                          const struct value *v, const struct sfv_error *err)
{
    size_t k = 0, rel, len;
    const struct field *line;
    char *q, *near, *where;

    while (k + 1 < v->nlines && v->starts[k + 1] <= err->offset)
        k++;
    line = v->lines[k];
    rel = err->offset - v->starts[k];
    len = line->value_len;
    q = lint_quote(line->value, len);
    if (len == 0 && v->nlines > 1) {
        where = lint_printf("the line is empty, and once the lines are "
                            "joined with \", \"");
    } else if (rel < len) {
        near = lint_quote(line->value + rel, len - rel < 16 ? len - rel : 16);
        where = lint_printf("at byte %zu (%s)", rel + 1, near);
        free(near);
    } else if (k + 1 < v->nlines) {
        where = lint_printf("at its end, where the next %s line is joined "
                            "with \", \"",
                            v->field->name);
    } else {
        where = lint_printf("at its end");
    }
    lint_add(c, r, RULE_STRUCTURED_FIELD_SYNTAX, syntax_section(v->field),
             lint_printf("line %zu: %s %s is not a valid Structured Field "
                         "%s: %s, %s",
                         line->line, v->field->name, q,
                         top_name(v->field->top), where, err->reason),
             lint_printf("send a %s as RFC 9651 writes it, such as \"%s: "
                         "%s\"; recipients ignore a value that does not "
                         "parse",
                         top_name(v->field->top), v->field->name,
                         v->field->example));
    free(q);
    free(where);
}

/* Signature labels: unique across the field's lines, and the same in
 * Signature-Input and Signature (RFC 9421, Section 4). */
static void check_signature_labels(struct lint *c, struct response *r,
                                   const struct value *input,
                                   const struct value *sig)
{
    const struct value *both[2];
    size_t k, j, missing = 0;
    char *first = NULL;
    const char *first_in = NULL, *first_not = NULL;
    size_t first_line = 0;
    struct tally dup;

    both[0] = input;
    both[1] = sig;
    tally_init(&dup, RULE_SIGNATURE_LABEL_DUPLICATE);
    for (k = 0; k < 2; k++) {
        const struct value *v = both[k];
        if (v == NULL)
            continue;
        for (j = 0; j < v->nmembers; j++) {
            const struct sfv_member *m = &v->members[j];
            if (v->superseded[j]) {
                char *q = lint_quote(m->key, m->key_len);
                tally_add(&dup,
                          k == 0 ? "RFC 9421, Section 4.1"
                                 : "RFC 9421, Section 4.2",
                          lint_printf("line %zu: %s has the label %s more "
                                      "than once",
                                      member_line(v, m), v->field->name, q),
                          lint_printf("give each signature a label of its "
                                      "own, such as sig1 and sig2"));
                free(q);
            }
        }
    }
    tally_flush(c, r, &dup);
    /* A label in one field and not the other. A field that is absent
     * counts as empty; one that does not parse is not judged. */
    for (k = 0; k < 2; k++) {
        const struct value *v = both[k], *other = both[1 - k];
        if (v == NULL)
            continue;
        for (j = 0; j < v->nmembers; j++) {
            const struct sfv_member *m = &v->members[j];
            int found = 0;
            size_t i;
            if (v->superseded[j])
                continue;
            for (i = 0; other != NULL && i < other->nmembers && !found; i++)
                found = other->members[i].key_len == m->key_len &&
                        memcmp(other->members[i].key, m->key, m->key_len) == 0;
            if (found)
                continue;
            if (missing++ == 0) {
                first = lint_quote(m->key, m->key_len);
                first_in = v->field->name;
                first_not = k == 0 ? "Signature" : "Signature-Input";
                first_line = member_line(v, m);
            }
        }
    }
    if (missing > 0) {
        char *msg = lint_printf("line %zu: the signature label %s is in %s "
                                "but not in %s",
                                first_line, first, first_in, first_not);
        if (missing > 1) {
            char *more =
                lint_printf("%s (and %zu more like it)", msg, missing - 1);
            free(msg);
            msg = more;
        }
        lint_add(c, r, RULE_SIGNATURE_LABEL_MISMATCH, NULL, msg,
                 lint_printf("send each signature's label in both fields: "
                             "its parameters in Signature-Input, its value "
                             "in Signature"));
        free(first);
    }
}

void lint_structured(struct lint *c, struct response *r)
{
    const struct value *input = NULL, *sig = NULL;
    struct value values[sizeof sf_fields / sizeof sf_fields[0]];
    size_t k, count = sizeof sf_fields / sizeof sf_fields[0];
    int signature_fields = 0, signature_failed = 0;

    for (k = 0; k < count; k++) {
        struct value *v = &values[k];
        struct sfv_error err;
        int signature_field;
        if (!combine(c, &sf_fields[k], v))
            continue;
        signature_field = strcmp(v->field->name, "Signature") == 0 ||
                          strcmp(v->field->name, "Signature-Input") == 0;
        signature_fields += signature_field;
        if (sfv_parse(v->p, v->n, v->field->top, &err) != 0) {
            report_syntax(c, r, v, &err);
            signature_failed |= signature_field;
            continue;
        }
        collect(v);
        check_common(c, r, v, !signature_field);
        if (v->field->check != NULL)
            v->field->check(c, r, v);
        if (strcmp(v->field->name, "Signature-Input") == 0)
            input = v;
        else if (strcmp(v->field->name, "Signature") == 0)
            sig = v;
    }
    /* A signature field that does not parse is not judged further. */
    if (signature_fields > 0 && !signature_failed)
        check_signature_labels(c, r, input, sig);
    for (k = 0; k < count; k++)
        value_free(&values[k]);
}
