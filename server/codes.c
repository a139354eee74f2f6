/* codes.c: the status-code endpoints: /{code} answers with that code,
 * /random/{list} with one drawn from a list, /status/{codes} as
 * go-httpbin's /status does.
 *
 * /{code} takes any code 100..599, registered or not: exactly three
 * digits, the first 1 to 5; a path that starts with a digit, '-' or '+'
 * and is not such a code is a 400. The reason phrase is the registry's,
 * or for an unregistered code the first unofficial entry's ("520 Web
 * Server Returned an Unknown Error"), or else the class name
 * httpstatus_reason() gives ("432 Client Error").
 *
 * /random/{list} draws a code: "200,201,500-504" draws every listed code
 * alike, "200:0.9,503:0.1" by weight (decimals above 0 with at most six
 * decimals, not necessarily summing to 1). At most CODE_LIST_MAX entries; a
 * code listed twice counts twice. Either every entry has a weight or none
 * has. The draw is then answered as /{code} would be. code_list_parse()
 * and code_list_draw() read and draw the lists of /random and /status.
 *
 * /status/{codes} takes one code, or a comma list drawn at random as
 * go-httpbin draws it ("200,500", "200:0.9,500:0.1": an entry without a
 * weight weighs 1, weights may be 0 but not all of them). The answer is
 * /{code}'s, with go-httpbin's extras on top: Location: /redirect/1 on
 * 301, 302, 303, 305 and 307; Location: /image/jpeg on 300 and 308,
 * with a short HTML page that links to the image (go-httpbin labels it
 * text/plain; we send text/html, RFC 9110, Section 8.3); the realm "Fake
 * Realm" in the challenges of 401 and 407; on 402 and 418 a line of text
 * of our own and X-More-Info (for 402 a link to RFC 9110, not
 * go-httpbin's); on 406 a JSON document listing the image types the
 * server sends. Other codes keep /{code}'s negotiated page and fields
 * (Retry-After, Allow...), where go-httpbin sends no content.
 * /status/101 is /101 (a 426 unless the request offers our protocol),
 * where go-httpbin sends a 101 and goes on in HTTP/1.1, against RFC 9110,
 * Section 15.2.2.
 *
 * /unstable (go-httpbin's) answers 200 or, with probability
 * ?failure_rate= (a decimal from 0 to 1, at most six decimals; 0.5 by
 * default), 500, to any method, text/plain. ?seed= (a decimal int64, as
 * /bytes takes it) makes the draw the same from one request to the next;
 * the generator is rng.c's, so a seed does not draw what it draws in
 * go-httpbin. The 200 has no content, as go-httpbin's; the 500 carries a
 * line saying why it failed, where go-httpbin's has none (RFC 9110,
 * Section 15.6: a server SHOULD explain a 5xx).
 *
 * httpstat.us's additions to /{code}: X-HttpStatus-Sleep: MS delays the
 * answer as ?sleep= does (the two together are a 400);
 * X-HttpStatus-Response-{Name}: value sends Name: value, in place of the
 * server's fields of that name (?header= comes after, and replaces them
 * in turn), with the framing and hop-by-hop names refused as ?header=
 * refuses them (field_refused()); ?suppressBody=true or
 * X-HttpStatus-SuppressBody: true sends no content (but on a 206, whose
 * content is the part its Content-Range describes); and the JSON page
 * starts with httpstat.us's members, code and description (the reason
 * phrase), before ours: reason, summary, details and reference.
 *
 * Content: the representation of /{code} describes {code}, as text/plain
 * ("404 Not Found\n\n<summary>\n"), application/json or text/html, chosen
 * by Accept, and carries Vary: Accept. A status sent instead of the one
 * asked for, because of the request (416 for a Range, 426 for /101),
 * describes the status sent.
 *
 * Decisions:
 *
 *  - 1xx. /100, /102, /103, /104 and every unregistered 1xx send the
 *    interim response, then a final 200 whose content is the /{code}
 *    representation (the writer leaves the interim out for HTTP/1.0).
 *    Interim heads carry the status line and nothing else, except 103,
 *    which carries two Link fields that preload /early-hints/style.css
 *    (as=style) and /early-hints/script.js (as=script), resources this
 *    server serves, cacheable (early_hints.c). The HTML page of 103 uses
 *    both, so that a browser that acts on the hints has a use for what
 *    they fetched; its text and JSON pages are as for any other code.
 *    104 is sent bare: its Location would name an upload resource, and
 *    this server has none to resume, so it advertises none (the registry
 *    has Location as a MAY).
 *  - /101. When the request asks to upgrade (req->upgrade, HTTP/1.1 only:
 *    RFC 9110, Section 7.8 has a server ignore Upgrade from HTTP/1.0), the
 *    response is "101 Switching Protocols" with Upgrade: httpstatus-test,
 *    and the connection closes after it. Otherwise it is 426 with the
 *    same Upgrade.
 *  - 405. /405 refuses every method, so its Allow field is empty
 *    ("Allow: "), which RFC 9110, Section 10.2.1 names as the way to say
 *    that a resource allows no methods.
 *  - Location (201, 300, 301, 302, 303, 307, 308) is "/200", or
 *    ?location. 305 (deprecated) and 306 (unused) get no Location.
 *  - Retry-After (429, 503) is 1, or ?retry_after.
 *  - Range is honoured on GET /200 and GET /206 only (RFC 9110, Section
 *    14.2: GET is the only method with range handling, and a server MUST
 *    ignore Range on the others, HEAD included). One range gives 206 with
 *    Content-Range; an unsatisfiable one gives 416; several ranges or a
 *    malformed field are ignored (200, or on /206 the default part: bytes
 *    0-9). With If-Range the Range is ignored: these pages have no
 *    validator that could match. 416 always has Content-Range with an
 *    unsatisfied range, "bytes *" "/N", N the length of the
 *    representation the range was about.
 *  - 304 has ETag: "httpstatus-304" and Vary: Accept, which a 200 would
 *    have carried, and no content.
 *  - Nothing from the request is copied into a response field, except
 *    the checked ?location path. */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "handlers.h"
#include "json.h"
#include "ranges.h"
#include "server.h"

#define UPGRADE_PROTOCOL   "httpstatus-test"
#define LOCATION_DEFAULT   "/200"
#define WEIGHT_DECIMALS    6
#define WEIGHT_SCALE       1000000u /* 10^WEIGHT_DECIMALS */
#define WEIGHT_INT_MAX     999999u  /* at most six integer digits */
#define RANGE_DEFAULT_LAST 9        /* /206 sends bytes 0-9 by default */

/* "3 digits, the first 1 to 5": the code, or -1. */
int parse_status_code(const char *p, size_t n)
{
    if (n != 3 || p[0] < '1' || p[0] > '5' || !is_digit(p[1]) ||
        !is_digit(p[2]))
        return -1;
    return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

/* The entry a code's page is about: the registered one, or the first
 * unofficial one with that code, or NULL. */
static const struct httpstatus_info *entry_of(int code)
{
    const struct httpstatus_info *e = httpstatus_get(code), *list;
    size_t n, i;

    if (e != NULL)
        return e;
    list = httpstatus_unofficial(&n);
    for (i = 0; i < n; i++)
        if (list[i].code == code)
            return &list[i];
    return NULL;
}

/* ---------------------------------------------------------------- pages */

static int html_escape(struct buffer *b, const char *str)
{
    int r = 0;

    for (; *str; str++) {
        switch (*str) {
        case '&':
            r |= buffer_puts(b, "&amp;");
            break;
        case '<':
            r |= buffer_puts(b, "&lt;");
            break;
        case '>':
            r |= buffer_puts(b, "&gt;");
            break;
        case '"':
            r |= buffer_puts(b, "&quot;");
            break;
        case '\'':
            r |= buffer_puts(b, "&#39;");
            break;
        default:
            r |= buffer_append(b, str, 1);
        }
    }
    return r;
}

static int json_field(struct buffer *b, const char *key, const char *value)
{
    int r = buffer_printf(b, ", \"%s\": ", key);

    return r | json_escape(b, value, value != NULL ? strlen(value) : 0);
}

/* The representation of /{code}, in the media type m, appended to b. */
static int put_page(struct buffer *b, int code, enum media m)
{
    const struct httpstatus_info *e = entry_of(code);
    const char *reason, *summary, *description, *reference;
    char unreg[200];
    int r = 0;

    if (e != NULL) {
        reason = e->reason;
        summary = e->summary;
        description = e->description;
        reference = e->reference;
    } else {
        int base = code / 100 * 100;
        reason = reason_of(code);
        snprintf(unreg, sizeof unreg,
                 "%d is not a registered status code: clients treat it as "
                 "%d %s, the generic code of its class.",
                 code, base, reason_of(base));
        summary = unreg;
        description = "A client that does not recognize a status code must "
                      "treat it as the x00 code of its class (RFC 9110, "
                      "Section 15).";
        reference = NULL;
    }
    switch (m) {
    case MEDIA_JSON:
    case MEDIA_PROBLEM:
        r |= buffer_printf(b, "{\"code\": %d", code);
        /* httpstat.us's shape first: its description is the reason
         * phrase; our paragraph is details. */
        r |= json_field(b, "description", reason);
        r |= json_field(b, "reason", reason);
        r |= json_field(b, "summary", summary);
        r |= json_field(b, "details", description);
        r |= json_field(b, "reference", reference);
        r |= buffer_puts(b, "}\n");
        break;
    case MEDIA_HTML:
        r |= buffer_printf(b,
                           "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                           "<meta charset=\"utf-8\">\n<title>%d ",
                           code);
        r |= html_escape(b, reason);
        r |= buffer_puts(b, "</title>\n");
        if (code == 103)
            r |= buffer_puts(b, "<link rel=\"stylesheet\" "
                                "href=\"" EARLY_HINTS_STYLE_PATH "\">\n");
        r |= buffer_printf(b, "</head>\n<body>\n<h1>%d ", code);
        r |= html_escape(b, reason);
        r |= buffer_puts(b, "</h1>\n");
        if (summary[0]) {
            r |= buffer_puts(b, "<p>");
            r |= html_escape(b, summary);
            r |= buffer_puts(b, "</p>\n");
        }
        if (description[0]) {
            r |= buffer_puts(b, "<p>");
            r |= html_escape(b, description);
            r |= buffer_puts(b, "</p>\n");
        }
        if (reference != NULL) {
            r |= buffer_puts(b, "<p>Reference: ");
            r |= html_escape(b, reference);
            r |= buffer_puts(b, "</p>\n");
        }
        if (code == 103)
            r |= buffer_puts(b, "<p id=\"early-hints\">This page's "
                                "stylesheet and script are the resources "
                                "its 103 hinted at.</p>\n<script "
                                "src=\"" EARLY_HINTS_SCRIPT_PATH
                                "\"></script>\n");
        r |= buffer_puts(b, "</body>\n</html>\n");
        break;
    case MEDIA_TEXT:
    case MEDIA_COUNT:
        r |= buffer_put_uint(b, (unsigned)code);
        r |= buffer_append(b, " ", 1);
        r |= buffer_puts(b, reason);
        r |= buffer_append(b, "\n\n", 2);
        r |= buffer_puts(b, summary);
        r |= buffer_append(b, "\n", 1);
        break;
    }
    return r;
}

/* ------------------------------------------------------ lists of codes */

/* A weight: 1 to 6 integer digits, then optionally '.' and 1 to 6
 * decimals, in millionths (0 included); -1 when malformed. */
static int64_t parse_weight(const char *p, size_t n)
{
    uint64_t whole = 0, frac = 0, scale = WEIGHT_SCALE;
    size_t i = 0;

    while (i < n && is_digit(p[i])) {
        whole = whole * 10 + (uint64_t)(p[i] - '0');
        if (++i > 6)
            return -1;
    }
    if (i == 0 || whole > WEIGHT_INT_MAX)
        return -1;
    if (i < n) {
        size_t start;
        if (p[i] != '.')
            return -1;
        start = ++i;
        for (; i < n; i++) {
            if (!is_digit(p[i]) || i - start >= WEIGHT_DECIMALS)
                return -1;
            scale /= 10;
            frac += (uint64_t)(p[i] - '0') * scale;
        }
        if (i == start)
            return -1;
    }
    return (int64_t)(whole * WEIGHT_SCALE + frac);
}

/* How a refusal names a bad entry p[0..n): quoted when it is short and
 * made of digits, '.', ':', '+' and '-' only ("600", "200:-1"), as
 * nothing else from the request is echoed back; else as other. */
static const char *named(const char *p, size_t n, char *out, size_t size,
                         const char *other)
{
    size_t i;

    for (i = 0; i < n && n <= 16; i++)
        if (!is_digit((unsigned char)p[i]) && strchr(".:+-", p[i]) == NULL)
            break;
    if (n == 0 || n > 16 || i < n || size < n + 3)
        return other;
    snprintf(out, size, "\"%.*s\"", (int)n, p);
    return out;
}

int code_list_parse(const char *p, size_t n, enum code_list_style style,
                    struct code_list *out, char *err, size_t errsize)
{
    const char *what = style == CODE_LIST_RANDOM ? "/random" : "/status";
    size_t i = 0;
    int weighted = -1;

    out->n = 0;
    out->total = 0;
    if (n == 0) {
        snprintf(err, errsize,
                 "%s needs a list of codes: %s/200,500 or %s/200:0.9,503:0.1.",
                 what, what, what);
        return -1;
    }
    while (i <= n) {
        size_t start = i, end, colon, dash;
        const char *e;
        struct code_choice *c;
        int lo, hi;
        int64_t w = -1;

        while (i < n && p[i] != ',')
            i++;
        end = i++;
        e = p + start;
        if (out->n == CODE_LIST_MAX) {
            snprintf(err, errsize, "The %s list has more than %d entries.",
                     what, CODE_LIST_MAX);
            return -1;
        }
        for (colon = start; colon < end && p[colon] != ':'; colon++)
            ;
        dash = colon;
        if (style == CODE_LIST_RANDOM)
            for (dash = start; dash < colon && p[dash] != '-'; dash++)
                ;
        if (colon < end) {
            lo = hi = parse_status_code(e, colon - start);
            w = parse_weight(p + colon + 1, end - colon - 1);
            if (lo >= 0 && (w < 0 || (w == 0 && style == CODE_LIST_RANDOM))) {
                snprintf(err, errsize,
                         "Entry %zu of the %s list has a bad weight: weights "
                         "are decimals %s with at most six digits before "
                         "and after the point, like 0.25 or 3.",
                         out->n + 1, what,
                         style == CODE_LIST_RANDOM ? "above 0" : "from 0");
                return -1;
            }
        } else if (dash < end) {
            lo = parse_status_code(e, dash - start);
            hi = parse_status_code(p + dash + 1, end - dash - 1);
            if (lo >= 0 && hi >= 0 && hi < lo) {
                snprintf(err, errsize,
                         "Entry %zu of the %s list is a range whose first "
                         "code is above its last.",
                         out->n + 1, what);
                return -1;
            }
        } else {
            lo = hi = parse_status_code(e, end - start);
        }
        if (lo < 0 || hi < 0) {
            char name[24];
            snprintf(err, errsize,
                     "Entry %zu of the %s list, %s, is not a code (three "
                     "digits, 100 to 599)%s or a code with a weight "
                     "(503:0.1).",
                     out->n + 1, what,
                     named(e, end - start, name, sizeof name, "as written"),
                     style == CODE_LIST_RANDOM ? ", a range of codes (500-504)"
                                               : "");
            return -1;
        }
        if (style == CODE_LIST_RANDOM && weighted >= 0 &&
            weighted != (colon < end)) {
            snprintf(err, errsize,
                     "In a /random list, either every entry has a weight "
                     "or none has.");
            return -1;
        }
        weighted = colon < end;
        c = &out->e[out->n++];
        c->lo = lo;
        c->hi = hi;
        /* Unweighted: each code of a /random list counts 1, and every
         * entry of a /status list counts as a weight of 1.0. */
        if (w >= 0)
            c->weight = (uint64_t)w;
        else
            c->weight = style == CODE_LIST_RANDOM ? 1 : WEIGHT_SCALE;
        /* At most 64 * 999999.999999 * 10^6, or 64 * 500: below 2^53. */
        out->total += c->weight * (uint64_t)(hi - lo + 1);
    }
    if (out->total == 0) {
        snprintf(err, errsize,
                 "The %s list gives every code a weight of 0: at least one "
                 "must weigh more.",
                 what);
        return -1;
    }
    return 0;
}

int code_list_draw(const struct code_list *list, uint64_t *rng)
{
    uint64_t r = rng_below(rng, list->total);
    size_t k;

    for (k = 0; k < list->n; k++) {
        const struct code_choice *c = &list->e[k];
        uint64_t span = c->weight * (uint64_t)(c->hi - c->lo + 1);
        if (r < span)
            return c->lo + (int)(r / c->weight);
        r -= span;
    }
    return list->e[list->n - 1].hi; /* not reached */
}

/* ------------------------------------------------------------- handlers */

static int has_location(int status)
{
    switch (status) {
    case 201:
    case 300:
    case 301:
    case 302:
    case 303:
    case 307:
    case 308:
        return 1;
    default:
        return 0;
    }
}

/* The fields particular to a status. */
static void status_fields(struct exchange *x, int status)
{
    struct response *res = x->res;
    const struct query *q = x->q;

    if (has_location(status)) {
        if (q != NULL && q->has_location)
            response_addn(res, "Location", q->location.p, q->location.n);
        else
            response_add(res, "Location", LOCATION_DEFAULT);
    }
    switch (status) {
    case 304:
        response_add(res, "ETag", "\"httpstatus-304\"");
        break;
    case 401:
        response_add(res, "WWW-Authenticate", "Basic realm=\"httpstatus\"");
        break;
    case 405:
        response_add(res, "Allow", ""); /* no method is allowed on /405 */
        break;
    case 407:
        response_add(res, "Proxy-Authenticate", "Basic realm=\"httpstatus\"");
        break;
    case 426:
        response_add(res, "Upgrade", UPGRADE_PROTOCOL);
        break;
    case 429:
    case 503:
        response_addf(res, "Retry-After", "%u",
                      q != NULL ? q->retry_after : 1u);
        break;
    case 451:
        response_add(res, "Link", "</legal>; rel=\"blocked-by\"");
        break;
    default:
        break;
    }
}

int respond_status(struct exchange *x, int code)
{
    const struct request *req = x->req;
    struct response *res = x->res;
    int status = code, page = code;
    int is_get = eq_exact(req->method.p, req->method.n, "GET");
    enum media m = negotiate(req->accept, MEDIA_PROBLEM);
    struct buffer *body = &res->body;
    size_t first = 0, last = 0, full = 0;
    int ranged = 0;

    response_reset(res, code);
    if (code == 101) {
        if (req->upgrade && req->minor == 1) {
            response_add(res, "Upgrade", UPGRADE_PROTOCOL);
            res->close = 1;
            return 0;
        }
        status = page = 426;
    } else if (code < 200) {
        response_interim(res, code);
        if (code == 103) {
            response_add_interim(res, "Link",
                                 early_hints_link(EARLY_HINTS_STYLE));
            response_add_interim(res, "Link",
                                 early_hints_link(EARLY_HINTS_SCRIPT));
        }
        status = 200;
    }

    if (!httpstatus_forbids_content(status) && status != 205) {
        if (put_page(body, page, m) != 0)
            return -1;
        full = body->len;
    }
    if (code == 206) {
        ranged = 1;
        last = full > RANGE_DEFAULT_LAST + 1 ? RANGE_DEFAULT_LAST : full - 1;
    }
    /* If-Range names a validator the representation must still have;
     * these pages have none, so a conditional range is always stale and
     * the whole representation goes out (RFC 9110, Section 13.1.5). */
    if ((code == 200 || code == 206) && is_get && req->if_range.p == NULL) {
        struct byte_range one;
        size_t count;
        /* One range-spec at most: a list of several is ignored. */
        switch (
            ranges_parse(req->range.p, req->range.n, full, &one, 1, &count)) {
        case RANGES_SATISFIABLE:
            status = 206;
            ranged = 1;
            first = (size_t)one.first;
            last = (size_t)one.last;
            break;
        case RANGES_UNSATISFIABLE:
            status = page = 416;
            ranged = 0;
            body->len = 0;
            if (put_page(body, page, m) != 0)
                return -1;
            break;
        case RANGES_IGNORED:
            break;
        }
    }
    if (status == 416 && code == 416)
        full = body->len; /* /416: about its own representation */
    res->status = status;

    status_fields(x, status);
    if (status == 416)
        response_addf(res, "Content-Range", "bytes */%zu", full);
    if (ranged) {
        response_addf(res, "Content-Range", "bytes %zu-%zu/%zu", first, last,
                      full);
        memmove(body->data, body->data + first, last - first + 1);
        body->len = last - first + 1;
        body->data[body->len] = '\0';
    }
    if (status == 304) {
        response_add(res, "Vary", "Accept");
    } else if (!httpstatus_forbids_content(status) && status != 205) {
        response_add(res, "Vary", "Accept");
        response_add(res, "Content-Type", media_type(m));
    }
    return 0;
}

/* ------------------------------------------------------- httpstat.us */

#define HS_PREFIX     "X-HttpStatus-Response-"
#define HS_FIELDS_MAX QUERY_FIELDS_MAX
#define HS_TEXT_MAX   (RESPONSE_TEXT_MAX / 2)

/* What httpstat.us's request fields and ?suppressBody ask of /{code}. */
struct hs_asks {
    unsigned sleep_ms;
    int has_sleep, suppress;
    int fields; /* X-HttpStatus-Response-* fields */
};

/* "true" or "false", any case: 1 or 0; -1 otherwise. */
static int parse_flag(struct slice v)
{
    if (eq_nocase(v.p, v.n, "true"))
        return 1;
    if (eq_nocase(v.p, v.n, "false"))
        return 0;
    return -1;
}

/* Reads and checks them: 0, or -1 when the request was refused. One pass
 * over the fields, and none when the parser saw no X-HttpStatus- field,
 * as in most requests. */
static int hs_read(struct exchange *x, struct hs_asks *hs)
{
    const struct request *req = x->req;
    struct slice v, name, value;
    size_t pos = 0, bytes = 0;
    const size_t plen = sizeof HS_PREFIX - 1;
    const size_t common = sizeof "X-HttpStatus-" - 1;
    int k, flag = 0, sleeps = 0, suppresses = 0;

    memset(hs, 0, sizeof *hs);
    k = query_param(req->query, "suppressBody", &v);
    if (k > 1 || (k == 1 && (flag = parse_flag(v)) < 0)) {
        refuse_request(x, "suppressBody is true or false, given once.");
        return -1;
    }
    hs->suppress = k == 1 && flag;
    while (req->httpstatus_fields &&
           request_field_next(req, &pos, &name, &value)) {
        const char *refused;
        if (name.n < common || !eq_nocase(name.p, common, "X-HttpStatus-"))
            continue;
        if (eq_nocase(name.p, name.n, "X-HttpStatus-Sleep")) {
            if (sleeps++ > 0) {
                refuse_request(x, "X-HttpStatus-Sleep is given twice.");
                return -1;
            }
            if (query_param(req->query, "sleep", &v) > 0) {
                refuse_request(x, "The delay is given twice: as ?sleep= "
                                  "and as X-HttpStatus-Sleep.");
                return -1;
            }
            if (parse_bounded(value.p, value.n, x->opt->max_sleep_ms,
                              &hs->sleep_ms) != 0) {
                refuse_request(x,
                               "X-HttpStatus-Sleep must be a number of "
                               "milliseconds, digits only, from 0 to %u "
                               "(the server's --max-sleep).",
                               x->opt->max_sleep_ms);
                return -1;
            }
            hs->has_sleep = 1;
            continue;
        }
        if (eq_nocase(name.p, name.n, "X-HttpStatus-SuppressBody")) {
            if (suppresses++ > 0 || (flag = parse_flag(value)) < 0) {
                refuse_request(x, "X-HttpStatus-SuppressBody is true or "
                                  "false, given once.");
                return -1;
            }
            hs->suppress |= flag;
            continue;
        }
        if (name.n < plen || !eq_nocase(name.p, plen, HS_PREFIX))
            continue;
        if (name.n == plen) {
            refuse_request(x, HS_PREFIX "{Name} needs a field name after "
                                        "its prefix.");
            return -1;
        }
        refused = field_refused(name.p + plen, name.n - plen);
        if (refused != NULL) {
            refuse_request(x,
                           HS_PREFIX "%s is refused: the framing and "
                                     "hop-by-hop fields are the server's "
                                     "own.",
                           refused);
            return -1;
        }
        if (!field_value_ok(value.p, value.n)) {
            refuse_request(x, "An " HS_PREFIX "* value may hold only "
                              "visible ASCII characters, spaces and tabs.");
            return -1;
        }
        bytes += name.n - plen + value.n;
        /* They must fit the response beside the server's own fields:
         * their text and the ?header text at most half of it. */
        if (++hs->fields > HS_FIELDS_MAX ||
            bytes + (x->q != NULL ? x->q->text_len : 0) > HS_TEXT_MAX) {
            refuse_request(x,
                           "At most %d " HS_PREFIX "* fields, of %d bytes "
                           "of names and values in all with the ?header "
                           "parameters, are allowed.",
                           HS_FIELDS_MAX, HS_TEXT_MAX);
            return -1;
        }
    }
    return 0;
}

/* Applies them to the answer respond_status() gave. */
static void hs_apply(struct exchange *x, const struct hs_asks *hs)
{
    const struct request *req = x->req;
    struct response *res = x->res;
    const size_t plen = sizeof HS_PREFIX - 1;
    struct slice name, value, other, ov;
    size_t pos = 0;

    if (hs->has_sleep) {
        res->delay_ms = hs->sleep_ms;
        x->no_store = 1;
    }
    /* A 206 carries the part its Content-Range describes (RFC 9110,
     * Section 15.3.7), so it keeps its content. */
    if (hs->suppress && res->status != 206) {
        res->body.len = 0;
        res->content = NULL;
        res->content_len = 0;
        response_remove(res, "Content-Type", 12);
    }
    for (; hs->fields > 0;) {
        size_t at = pos, before = 0;
        int first = 1;
        char field[HS_TEXT_MAX + 1];
        if (!request_field_next(req, &pos, &name, &value))
            break;
        if (name.n <= plen || !eq_nocase(name.p, plen, HS_PREFIX))
            continue;
        /* The first of a name replaces the server's fields of that name;
         * later ones add to it, as ?header does. */
        while (before < at && request_field_next(req, &before, &other, &ov))
            if (other.n == name.n && same_nocase(other.p, name.p, name.n))
                first = 0;
        if (first)
            response_remove(res, name.p + plen, name.n - plen);
        memcpy(field, name.p + plen, name.n - plen);
        field[name.n - plen] = '\0';
        response_addn(res, field, value.p, value.n);
    }
}

int handle_code(struct exchange *x)
{
    int code = parse_status_code(x->arg[0].p, x->arg[0].n);
    struct hs_asks hs;

    if (code < 0) {
        refuse_request(x, "A status code is three digits from 100 to 599, "
                          "as in /404; this path starts like a code but is "
                          "not one.");
        return 0;
    }
    if (hs_read(x, &hs) != 0)
        return 0;
    if (respond_status(x, code) != 0)
        return -1;
    hs_apply(x, &hs);
    return 0;
}

/* ---------------------------------------------------------- /status */

/* go-httpbin's /status answers some codes with fields and content of
 * their own, on top of what /{code} sends. */
static int status_extras(struct exchange *x, int code)
{
    static const char multiple[] =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<title>300 Multiple Choices</title>\n"
        "</head>\n<body>\n<p>This image comes in three types:</p>\n<ul>\n"
        "<li><a href=\"/image/jpeg\">/image/jpeg</a></li>\n"
        "<li><a href=\"/image/png\">/image/png</a></li>\n"
        "<li><a href=\"/image/svg\">/image/svg</a></li>\n</ul>\n</body>\n"
        "</html>\n";
    static const char permanent[] =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<title>308 Permanent Redirect</title>\n"
        "</head>\n<body>\n<p>This resource has moved for good to <a "
        "href=\"/image/jpeg\">/image/jpeg</a>.</p>\n</body>\n</html>\n";
    static const char payment[] =
        "402 Payment Required: a test server has nothing to sell, so "
        "there is nothing to pay.\n";
    static const char teapot[] =
        "418 I'm a teapot: asked to brew coffee, a teapot refuses "
        "(RFC 2324, Section 2.3.2).\n";
    static const char unacceptable[] =
        "{\n  \"message\": \"None of the media types the request accepts "
        "is one this server can send.\",\n  \"accept\": [\n"
        "    \"image/webp\",\n    \"image/svg+xml\",\n"
        "    \"image/jpeg\",\n    \"image/png\",\n    \"image/*\"\n  ]\n}\n";
    struct response *res = x->res;
    const char *location = NULL, *type = NULL, *content = NULL;
    size_t n = 0;

    if (res->status != code)
        return 0; /* a 426 for /status/101, a 206 for a Range */
    switch (code) {
    case 300:
        location = "/image/jpeg";
        type = "text/html; charset=utf-8";
        content = multiple;
        n = sizeof multiple - 1;
        break;
    case 308:
        location = "/image/jpeg";
        type = "text/html; charset=utf-8";
        content = permanent;
        n = sizeof permanent - 1;
        break;
    case 301:
    case 302:
    case 303:
    case 305:
    case 307:
        location = "/redirect/1";
        break;
    case 401:
        response_remove(res, "WWW-Authenticate", 16);
        response_add(res, "WWW-Authenticate", "Basic realm=\"Fake Realm\"");
        break;
    case 407:
        response_remove(res, "Proxy-Authenticate", 18);
        response_add(res, "Proxy-Authenticate", "Basic realm=\"Fake Realm\"");
        break;
    case 402:
        response_add(res, "X-More-Info",
                     "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.3");
        type = media_type(MEDIA_TEXT);
        content = payment;
        n = sizeof payment - 1;
        break;
    case 406:
        type = "application/json; charset=utf-8";
        content = unacceptable;
        n = sizeof unacceptable - 1;
        break;
    case 418:
        response_add(res, "X-More-Info", "http://tools.ietf.org/html/rfc2324");
        type = media_type(MEDIA_TEXT);
        content = teapot;
        n = sizeof teapot - 1;
        break;
    default:
        break;
    }
    if (location != NULL && (x->q == NULL || !x->q->has_location)) {
        response_remove(res, "Location", 8);
        response_add(res, "Location", location);
    }
    if (content != NULL) {
        /* One fixed document in place of the negotiated page. */
        response_remove(res, "Content-Type", 12);
        response_remove(res, "Vary", 4);
        res->body.len = 0;
        response_static(res, type, content, n);
    }
    return 0;
}

int handle_status(struct exchange *x)
{
    struct slice a = x->nargs > 0 ? x->arg[0] : (struct slice){"", 0};
    int code;

    if (memchr(a.p, ',', a.n) == NULL) {
        code = parse_status_code(a.p, a.n);
        if (code < 0) {
            char name[24];
            refuse_request(x,
                           "/status takes a status code, three digits from "
                           "100 to 599, or a list such as 200,500 or "
                           "200:0.9,500:0.1: %s is neither.",
                           named(a.p, a.n, name, sizeof name, "the path"));
            return 0;
        }
    } else {
        struct code_list list;
        char err[256];
        if (code_list_parse(a.p, a.n, CODE_LIST_STATUS, &list, err,
                            sizeof err) != 0) {
            refuse_request(x, "%s", err);
            return 0;
        }
        code = code_list_draw(&list, x->rng);
        x->no_store = 1; /* a draw is for this request alone */
    }
    if (respond_status(x, code) != 0)
        return -1;
    return status_extras(x, code);
}

int handle_random(struct exchange *x)
{
    char err[256];
    struct slice list = x->nargs > 0 ? x->arg[0] : (struct slice){NULL, 0};
    struct code_list codes;

    if (code_list_parse(list.p, list.n, CODE_LIST_RANDOM, &codes, err,
                        sizeof err) != 0) {
        refuse_request(x, "%s", err);
        return 0;
    }
    return respond_status(x, code_list_draw(&codes, x->rng));
}

/* ---------------------------------------------------------- /unstable */

int handle_unstable(struct exchange *x)
{
    static const char failed[] =
        "500 Internal Server Error: /unstable fails at random, with "
        "probability ?failure_rate= (0.5 when not given), and failed this "
        "time.\n";
    struct slice q = x->req->query, v;
    struct response *res = x->res;
    uint64_t own, *rng = x->rng;
    int64_t rate = WEIGHT_SCALE / 2;

    if (query_param(q, "seed", &v) > 0) {
        if (rng_seed(v.p, v.n, &own) != 0) {
            refuse_request(x, "seed must be a whole number from "
                              "-9223372036854775808 to "
                              "9223372036854775807.");
            return 0;
        }
        rng = &own;
    }
    /* A weight's syntax; in millionths, so at most WEIGHT_SCALE. */
    if (query_param(q, "failure_rate", &v) > 0 &&
        ((rate = parse_weight(v.p, v.n)) < 0 || rate > WEIGHT_SCALE)) {
        refuse_request(x, "failure_rate must be a decimal from 0 to 1 with "
                          "at most six decimals, like 0.25.");
        return 0;
    }
    if (rng_below(rng, WEIGHT_SCALE) < (uint64_t)rate) {
        response_reset(res, 500);
        response_static(res, media_type(MEDIA_TEXT), failed,
                        sizeof failed - 1);
    } else {
        response_reset(res, 200);
        response_add(res, "Content-Type", media_type(MEDIA_TEXT));
    }
    return 0;
}
