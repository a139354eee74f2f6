/* probe.c: the rules that compare a resource's answers to several
 * requests (probe.h). Each exchange's fields are read again from its
 * final head. The linter has judged their syntax already, so the reading
 * here is lenient and skips what it cannot use; and where the exchanges
 * could differ for a reason no rule can see (a representation that
 * changed between two requests, say), a rule compares only what is
 * known to be the same representation: a strong ETag that matches. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "date.h"
#include "probe.h"

/* The range probe asks for bytes=0-RANGE_LAST. */
#define RANGE_LAST 9ULL

/* One exchange as the rules see it: its final head's fields in a struct
 * lint, so that lint_field() and lint_list_has() read them, and the
 * response its findings go to. */
struct view {
    struct lint c;
    const struct probe_exchange *e;
    struct response *r; /* the last response of its report, or NULL */
    const char *content;
    size_t content_len;
};

static void add_field(struct lint *c, const char *p, size_t n)
{
    const char *colon = memchr(p, ':', n);
    size_t name_len, a, b, i;
    struct field *f;

    if (colon == NULL || is_ows((unsigned char)p[0]))
        return;
    name_len = (size_t)(colon - p);
    if (name_len == 0)
        return;
    for (i = 0; i < name_len; i++)
        if (!is_tchar((unsigned char)p[i]))
            return;
    a = skip_ows(p, n, name_len + 1);
    b = n;
    while (b > a && is_ows((unsigned char)p[b - 1]))
        b--;
    if (c->nfields == c->fcap) {
        c->fcap = c->fcap ? c->fcap * 2 : 16;
        c->fields = lint_realloc(c->fields, c->fcap * sizeof *c->fields);
    }
    f = &c->fields[c->nfields++];
    f->name = p;
    f->name_len = name_len;
    f->value = p + a;
    f->value_len = b - a;
    f->line = 0;
}

static void view_open(struct view *v, const struct lint_options *opt,
                      const struct probe_exchange *e)
{
    size_t head = e->head < e->len ? e->head : e->len;
    size_t end = e->content < e->len ? e->content : e->len;
    size_t pos;

    memset(v, 0, sizeof *v);
    v->e = e;
    v->c.opt = opt;
    v->c.report = e->report;
    if (e->report && e->report->nresponses > 0)
        v->r = &e->report->responses[e->report->nresponses - 1];
    if (end < head)
        end = head;
    v->content = e->data + end;
    v->content_len = e->len - end;
    /* The status line, then field lines up to the empty line. */
    pos = head;
    while (pos < end && e->data[pos] != '\n')
        pos++;
    if (pos < end)
        pos++;
    while (pos < end) {
        const char *line = e->data + pos;
        const char *nl = memchr(line, '\n', end - pos);
        size_t n = nl ? (size_t)(nl - line) : end - pos;
        pos += nl ? n + 1 : n;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 0)
            break;
        add_field(&v->c, line, n);
    }
}

static void view_close(struct view *v)
{
    free(v->c.fields);
    v->c.fields = NULL;
}

static void report(struct view *v, enum rule rule, const char *section,
                   char *message, char *fix)
{
    if (v->r)
        lint_add(&v->c, v->r, rule, section, message, fix);
    else {
        free(message);
        free(fix);
    }
}

/* ------------------------------------------------------------ fields */

/* The field when the head has it exactly once, or NULL. */
static const struct field *single(const struct view *v, const char *name)
{
    return lint_field_count(&v->c, name) == 1 ? lint_field(&v->c, name) : NULL;
}

/* The content as received is the content as sent: no transfer coding
 * framed it. (libcurl hands chunked content over with its framing.) */
static int unframed(const struct view *v)
{
    return lint_field(&v->c, "Transfer-Encoding") == NULL;
}

/* The length of the content the response describes: its Content-Length,
 * or what arrived when all of it arrived unframed; -1 when unknown. */
static long long content_length(const struct view *v)
{
    long long n = lint_content_length(&v->c);

    if (n >= 0)
        return n;
    if (unframed(v) && !v->e->cut)
        return (long long)v->content_len;
    return -1;
}

/* entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE (RFC 9110, Section 8.8.3),
 * the whole of p[0..n). */
static int etag_parse(const char *p, size_t n, int *weak, const char **opaque,
                      size_t *opaque_len)
{
    size_t i = 0;

    *weak = 0;
    if (n >= 2 && p[0] == 'W' && p[1] == '/') {
        *weak = 1;
        i = 2;
    }
    if (n - i < 2 || p[i] != '"' || p[n - 1] != '"')
        return 0;
    for (i++; i < n - 1; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch < 0x21 || ch == '"' || ch == 0x7f)
            return 0;
    }
    *opaque = p + (*weak ? 3 : 1);
    *opaque_len = n - (*weak ? 4 : 2);
    return 1;
}

/* The two heads' one ETag each match: weakly (only the opaque tags
 * compared), or strongly (neither weak either). */
static int etags_match(const struct view *a, const struct view *b, int strong)
{
    const struct field *fa = single(a, "ETag"), *fb = single(b, "ETag");
    const char *oa, *ob;
    size_t na, nb;
    int wa, wb;

    if (fa == NULL || fb == NULL ||
        !etag_parse(fa->value, fa->value_len, &wa, &oa, &na) ||
        !etag_parse(fb->value, fb->value_len, &wb, &ob, &nb))
        return 0;
    if (strong && (wa || wb))
        return 0;
    return na == nb && memcmp(oa, ob, na) == 0;
}

/* Both responses send the same content codings (most often none). */
static int same_codings(const struct view *a, const struct view *b)
{
    const struct field *fa = lint_field(&a->c, "Content-Encoding");
    const struct field *fb = lint_field(&b->c, "Content-Encoding");

    if (fa == NULL || fb == NULL)
        return fa == fb;
    return lint_field_count(&a->c, "Content-Encoding") == 1 &&
           lint_field_count(&b->c, "Content-Encoding") == 1 &&
           fa->value_len == fb->value_len &&
           same_nocase(fa->value, fb->value, fa->value_len);
}

/* The two responses carry the same bytes of one representation: a strong
 * ETag they share says so, and the same content codings keep it. */
static int same_bytes(const struct view *a, const struct view *b)
{
    return etags_match(a, b, 1) && same_codings(a, b);
}

/* The media type of a Content-Type value, without parameters. */
static size_t media_type_len(const struct field *f)
{
    size_t n = 0;

    while (n < f->value_len && f->value[n] != ';' &&
           !is_ows((unsigned char)f->value[n]))
        n++;
    return n;
}

static int is_gzip(const struct view *v)
{
    return lint_list_has(&v->c, "Content-Encoding", "gzip") ||
           lint_list_has(&v->c, "Content-Encoding", "x-gzip");
}

/* --------------------------------------------------------- the rules */

/* 304 and 206 keep the fields a cache updates its stored response with
 * (RFC 9110, Sections 15.4.5 and 15.3.7). */
static void fields_missing(struct view *p, struct view *e, const char *section)
{
    static const char *const kept[] = {"Cache-Control", "Content-Location",
                                       "Date",          "ETag",
                                       "Expires",       "Vary"};
    const char *missing[sizeof kept / sizeof kept[0]];
    size_t k, n = 0;
    char *list;

    for (k = 0; k < sizeof kept / sizeof kept[0]; k++)
        if (lint_field(&p->c, kept[k]) && !lint_field(&e->c, kept[k]))
            missing[n++] = kept[k];
    if (n == 0)
        return;
    list = lint_printf("%s", missing[0]);
    for (k = 1; k < n; k++) {
        char *next = lint_printf("%s%s%s", list, k + 1 == n ? " and " : ", ",
                                 missing[k]);
        free(list);
        list = next;
    }
    report(e, RULE_PROBE_FIELDS_MISSING, section,
           lint_printf("this %d response lacks %s, which the 200 response "
                       "to the same request without %s carries",
                       e->e->code, list,
                       e->e->code == 304 ? "the condition" : "Range"),
           lint_printf("send in a %d every Cache-Control, Content-Location, "
                       "Date, ETag, Expires and Vary field that the 200 "
                       "response would carry",
                       e->e->code));
    free(list);
}

static void check_if_none_match(struct view *p, struct view *e)
{
    const struct field *tag = single(p, "ETag");
    char *q;

    if (e->e->code == 304) {
        fields_missing(p, e, NULL);
        return;
    }
    if (tag == NULL || !httpstatus_is_success(e->e->code) ||
        !etags_match(p, e, 0))
        return;
    q = lint_quote(tag->value, tag->value_len);
    report(e, RULE_PROBE_IF_NONE_MATCH_IGNORED, NULL,
           lint_printf("a GET with If-None-Match %s, this resource's ETag, "
                       "got %d with that same ETag: the condition was not "
                       "evaluated",
                       q, e->e->code),
           lint_printf("answer a GET whose If-None-Match lists the current "
                       "ETag with \"304 Not Modified\" and no content"));
    free(q);
}

static void check_if_modified_since(struct view *p, struct view *e)
{
    const struct field *sent = single(p, "Last-Modified");
    const struct field *got = single(e, "Last-Modified");
    long long since, modified;
    char *q;

    if (e->e->code == 304) {
        fields_missing(p, e, NULL);
        return;
    }
    if (sent == NULL || got == NULL || e->e->code != 200)
        return;
    since = http_date_parse(sent->value, sent->value_len);
    modified = http_date_parse(got->value, got->value_len);
    if (since < 0 || modified < 0 || modified > since)
        return;
    q = lint_quote(sent->value, sent->value_len);
    report(e, RULE_PROBE_IF_MODIFIED_SINCE_IGNORED, NULL,
           lint_printf("a GET with If-Modified-Since %s, this resource's "
                       "Last-Modified, got 200 with a Last-Modified no "
                       "later: the condition was not evaluated",
                       q),
           lint_printf("answer a GET whose If-Modified-Since is not earlier "
                       "than Last-Modified with \"304 Not Modified\""));
    free(q);
}

/* "bytes FIRST-LAST/LENGTH" or "bytes FIRST-LAST/\*" (*complete -1). */
static int content_range(const struct field *f, unsigned long long *first,
                         unsigned long long *last, long long *complete)
{
    const char *v = f->value;
    size_t n = f->value_len, i = 6;
    unsigned long long length;

    if (n < 6 || !eq_nocase(v, 6, "bytes ") || !lint_number(v, n, &i, first) ||
        i >= n || v[i++] != '-' || !lint_number(v, n, &i, last) || i >= n ||
        v[i++] != '/' || *first > *last)
        return 0;
    if (i + 1 == n && v[i] == '*') {
        *complete = -1;
        return 1;
    }
    if (!lint_number(v, n, &i, &length) || i != n || *last >= length)
        return 0;
    *complete = (long long)length;
    return 1;
}

static void check_range(struct view *p, struct view *e)
{
    const struct field *type = lint_field(&e->c, "Content-Type");
    const struct field *cr = single(e, "Content-Range");
    unsigned long long first, last, count;
    long long complete, got, full;
    char *q;

    if (e->e->code == 200) {
        if (lint_list_has(&p->c, "Accept-Ranges", "bytes"))
            report(e, RULE_PROBE_RANGE_IGNORED, NULL,
                   lint_printf("the response said \"Accept-Ranges: bytes\", "
                               "but a GET with \"Range: bytes=0-9\" got the "
                               "whole representation in a 200"),
                   lint_printf("answer a satisfiable range request with 206 "
                               "and the range, or send \"Accept-Ranges: "
                               "none\" where ranges are not served"));
        return;
    }
    if (e->e->code != 206)
        return;
    if (type && media_type_len(type) == 20 &&
        eq_nocase(type->value, 20, "multipart/byteranges")) {
        report(e, RULE_PROBE_RANGE_WRONG, "RFC 9110, Section 15.3.7.2",
               lint_printf("a GET with \"Range: bytes=0-9\", a single range, "
                           "got a multipart/byteranges 206"),
               lint_printf("answer a request for one range with a "
                           "single-part 206 and Content-Range, such as "
                           "\"Content-Range: bytes 0-9/1234\""));
        return;
    }
    /* A missing or unreadable Content-Range is the core rules' finding. */
    if (cr == NULL || !content_range(cr, &first, &last, &complete))
        return;
    q = lint_quote(cr->value, cr->value_len);
    if (last > RANGE_LAST) {
        report(e, RULE_PROBE_RANGE_WRONG, NULL,
               lint_printf("a GET with \"Range: bytes=0-9\" got a 206 with "
                           "Content-Range %s: bytes that were not asked for",
                           q),
               lint_printf("send the bytes asked for, or some of them, as "
                           "in \"Content-Range: bytes 0-9/1234\""));
        free(q);
        return;
    }
    count = last - first + 1;
    got = lint_content_length(&e->c);
    if (got < 0 && unframed(e) && !e->e->cut)
        got = (long long)e->content_len;
    if (got >= 0 && (unsigned long long)got != count) {
        report(e, RULE_PROBE_RANGE_WRONG, NULL,
               lint_printf("Content-Range %s names %llu bytes, but the 206 "
                           "response's content has %lld",
                           q, count, got),
               lint_printf("send as content exactly the bytes that "
                           "Content-Range names"));
        free(q);
        return;
    }
    if (same_bytes(p, e)) {
        full = content_length(p);
        if (complete >= 0 && full >= 0 && complete != full) {
            report(
                e, RULE_PROBE_RANGE_WRONG, NULL,
                lint_printf("Content-Range %s gives the complete length "
                            "as %lld, but the 200 response with the same "
                            "strong ETag has %lld bytes",
                            q, complete, full),
                lint_printf("give the representation's length after the "
                            "slash: \"Content-Range: bytes %llu-%llu/%lld\"",
                            first, last, full));
            free(q);
            return;
        }
        if (unframed(p) && unframed(e) && p->content_len > last &&
            e->content_len >= count &&
            memcmp(p->content + first, e->content, (size_t)count) != 0) {
            report(e, RULE_PROBE_RANGE_WRONG, NULL,
                   lint_printf("the 206 response's content is not bytes "
                               "%llu-%llu of the 200 response with the same "
                               "strong ETag",
                               first, last),
                   lint_printf("send the bytes of the representation that "
                               "Content-Range names"));
            free(q);
            return;
        }
    }
    free(q);
    fields_missing(p, e, "RFC 9110, Section 15.3.7");
}

static void check_head(struct view *p, struct view *e)
{
    const struct field *pt = lint_field(&p->c, "Content-Type");
    const struct field *et = lint_field(&e->c, "Content-Type");
    long long said, full;

    if (e->e->code != p->e->code) {
        report(e, RULE_PROBE_HEAD_DIFFERS, NULL,
               lint_printf("HEAD got %d where GET got %d", e->e->code,
                           p->e->code),
               lint_printf("answer HEAD as GET is answered, with the same "
                           "status code and header fields, without "
                           "content"));
        return;
    }
    if (pt && !et) {
        char *q = lint_quote(pt->value, pt->value_len);
        report(e, RULE_PROBE_HEAD_DIFFERS, NULL,
               lint_printf("the response to HEAD has no Content-Type, where "
                           "GET's has %s",
                           q),
               lint_printf("send in the response to HEAD the Content-Type "
                           "that GET's response carries"));
        free(q);
    } else if (pt && et &&
               (media_type_len(pt) != media_type_len(et) ||
                !same_nocase(pt->value, et->value, media_type_len(pt)))) {
        char *qp = lint_quote(pt->value, pt->value_len);
        char *qe = lint_quote(et->value, et->value_len);
        report(e, RULE_PROBE_HEAD_DIFFERS, NULL,
               lint_printf("the response to HEAD has Content-Type %s, where "
                           "GET's has %s",
                           qe, qp),
               lint_printf("send in the response to HEAD the Content-Type "
                           "that GET's response carries"));
        free(qp);
        free(qe);
    }
    said = lint_content_length(&e->c);
    if (said >= 0 && same_bytes(p, e)) {
        full = content_length(p);
        if (full >= 0 && full != said)
            report(e, RULE_PROBE_HEAD_LENGTH, NULL,
                   lint_printf("the response to HEAD says Content-Length: "
                               "%lld, but GET's content with the same strong "
                               "ETag has %lld bytes",
                               said, full),
                   lint_printf("send in the response to HEAD the length GET's "
                               "content has (\"Content-Length: %lld\"), or no "
                               "Content-Length",
                               full));
    }
}

/* Vary must name Accept-Encoding on both responses when the coding
 * follows it: a cache must not give either to the other's requester. A
 * response no cache stores needs no Vary. */
static int varies_on_coding(const struct view *v)
{
    return lint_list_has(&v->c, "Vary", "accept-encoding") ||
           lint_list_has(&v->c, "Vary", "*") ||
           lint_list_has(&v->c, "Cache-Control", "no-store");
}

static void check_gzip(struct view *p, struct view *e)
{
    const char *fix = "add \"Vary: Accept-Encoding\" to every response "
                      "whose content coding depends on Accept-Encoding, "
                      "coded or not";

    if (!httpstatus_is_success(e->e->code) || !is_gzip(e) || is_gzip(p))
        return;
    if (!varies_on_coding(e))
        report(e, RULE_PROBE_VARY_ACCEPT_ENCODING, NULL,
               lint_printf("a GET with \"Accept-Encoding: gzip\" got gzip "
                           "content where one without it got none, but Vary "
                           "does not name Accept-Encoding"),
               lint_printf("%s", fix));
    if (!varies_on_coding(p))
        report(p, RULE_PROBE_VARY_ACCEPT_ENCODING, NULL,
               lint_printf("this response has no content coding, where a GET "
                           "with \"Accept-Encoding: gzip\" gets gzip, but "
                           "Vary does not name Accept-Encoding"),
               lint_printf("%s", fix));
}

/* ---------------------------------------------------------- redirects */

static int is_followed(int code)
{
    return code == 301 || code == 302 || code == 303 || code == 307 ||
           code == 308;
}

static int is_http_url(const char *s)
{
    return (strlen(s) > 7 && eq_nocase(s, 7, "http://")) ||
           (strlen(s) > 8 && eq_nocase(s, 8, "https://"));
}

enum probe_next probe_next(const struct probe_exchange *chain, size_t n,
                           const char **target)
{
    const struct probe_exchange *last;
    size_t i;

    *target = NULL;
    if (n == 0)
        return PROBE_NEXT_DONE;
    last = &chain[n - 1];
    if (!is_followed(last->code) || last->location == NULL ||
        !is_http_url(last->location))
        return PROBE_NEXT_DONE;
    *target = last->location;
    for (i = 0; i < n; i++)
        if (chain[i].url && strcmp(chain[i].url, last->location) == 0)
            return PROBE_NEXT_LOOP;
    if (n - 1 >= PROBE_MAX_REDIRECTS)
        return PROBE_NEXT_LIMIT;
    return PROBE_NEXT_FOLLOW;
}

static void check_redirects(const struct lint_options *opt,
                            const struct probe_exchange *chain, size_t n)
{
    const char *target;
    enum probe_next next = probe_next(chain, n, &target);
    struct view v;
    char *q;

    if (next != PROBE_NEXT_LOOP && next != PROBE_NEXT_LIMIT)
        return;
    view_open(&v, opt, &chain[n - 1]);
    q = lint_quote(target, strlen(target));
    if (next == PROBE_NEXT_LOOP)
        report(&v, RULE_PROBE_REDIRECT_LOOP, NULL,
               lint_printf("%d redirect to %s, which was requested before "
                           "in this chain: a client that follows it never "
                           "gets a response",
                           chain[n - 1].code, q),
               lint_printf("redirect to where the resource is, or answer "
                           "the request there"));
    else
        report(&v, RULE_PROBE_REDIRECT_LIMIT, NULL,
               lint_printf("%d redirect to %s after %d redirects: clients "
                           "give up after some number of them",
                           chain[n - 1].code, q, PROBE_MAX_REDIRECTS),
               lint_printf("redirect straight to the final URL"));
    free(q);
    view_close(&v);
}

/* -------------------------------------------------------------- entry */

int probe_plan(enum probe_kind kind, const struct probe_exchange *plain,
               char **field)
{
    struct lint_options none;
    struct view v;
    const struct field *f;
    const char *opaque;
    size_t opaque_len;
    int weak;

    *field = NULL;
    if (kind == PROBE_HEAD)
        return 1;
    if (kind == PROBE_PLAIN || plain->code != 200)
        return 0;
    memset(&none, 0, sizeof none);
    none.now = -1;
    view_open(&v, &none, plain);
    switch (kind) {
    case PROBE_IF_NONE_MATCH:
        f = single(&v, "ETag");
        if (f &&
            etag_parse(f->value, f->value_len, &weak, &opaque, &opaque_len))
            *field = lint_printf("If-None-Match: %.*s", (int)f->value_len,
                                 f->value);
        break;
    case PROBE_IF_MODIFIED_SINCE:
        f = single(&v, "Last-Modified");
        if (f && http_date_parse(f->value, f->value_len) >= 0)
            *field = lint_printf("If-Modified-Since: %.*s", (int)f->value_len,
                                 f->value);
        break;
    case PROBE_RANGE:
        *field = lint_printf("Range: bytes=0-%llu", RANGE_LAST);
        break;
    case PROBE_GZIP:
        *field = lint_printf("Accept-Encoding: gzip");
        break;
    case PROBE_PLAIN:
    case PROBE_HEAD:
        break;
    }
    view_close(&v);
    return *field != NULL;
}

void probe_check(const struct lint_options *opt,
                 const struct probe_exchange *ex, size_t n)
{
    struct view p, e;
    size_t plain = 0, i;

    while (plain < n && ex[plain].kind == PROBE_PLAIN)
        plain++;
    if (plain == 0)
        return;
    check_redirects(opt, ex, plain);
    view_open(&p, opt, &ex[plain - 1]);
    for (i = plain; i < n; i++) {
        view_open(&e, opt, &ex[i]);
        switch (ex[i].kind) {
        case PROBE_IF_NONE_MATCH:
            check_if_none_match(&p, &e);
            break;
        case PROBE_IF_MODIFIED_SINCE:
            check_if_modified_since(&p, &e);
            break;
        case PROBE_RANGE:
            check_range(&p, &e);
            break;
        case PROBE_HEAD:
            check_head(&p, &e);
            break;
        case PROBE_GZIP:
            check_gzip(&p, &e);
            break;
        case PROBE_PLAIN:
            break;
        }
        view_close(&e);
    }
    view_close(&p);
}
