/* codes.c: the status-code endpoints: /{code} answers with that code,
 * /random/{list} with one drawn from a list.
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
 * decimals, not necessarily summing to 1). At most RANDOM_MAX entries; a
 * code listed twice counts twice. Either every entry has a weight or none
 * has. The draw is then answered as /{code} would be.
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
 *    which carries two Link fields (preload /style.css and /script.js).
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
#define RANDOM_MAX         64
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
        r |= json_field(b, "reason", reason);
        r |= json_field(b, "summary", summary);
        r |= json_field(b, "description", description);
        r |= json_field(b, "reference", reference);
        r |= buffer_puts(b, "}\n");
        break;
    case MEDIA_HTML:
        r |= buffer_printf(b,
                           "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                           "<meta charset=\"utf-8\">\n<title>%d ",
                           code);
        r |= html_escape(b, reason);
        r |= buffer_printf(b, "</title>\n</head>\n<body>\n<h1>%d ", code);
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

/* --------------------------------------------------------------- /random */

/* A weight: 1 to 6 integer digits, then optionally '.' and 1 to 6
 * decimals, in millionths. 0 when malformed. */
static uint64_t parse_weight(const char *p, size_t n)
{
    uint64_t whole = 0, frac = 0, scale = WEIGHT_SCALE;
    size_t i = 0;

    while (i < n && is_digit(p[i])) {
        whole = whole * 10 + (uint64_t)(p[i] - '0');
        if (++i > 6)
            return 0;
    }
    if (i == 0 || whole > WEIGHT_INT_MAX)
        return 0;
    if (i < n) {
        size_t start;
        if (p[i] != '.')
            return 0;
        start = ++i;
        for (; i < n; i++) {
            if (!is_digit(p[i]) || i - start >= WEIGHT_DECIMALS)
                return 0;
            scale /= 10;
            frac += (uint64_t)(p[i] - '0') * scale;
        }
        if (i == start)
            return 0;
    }
    return whole * WEIGHT_SCALE + frac;
}

/* Draws a code from the list p[0..n). Returns the code, or -1 with the
 * reason in err. */
static int random_code(const char *p, size_t n, uint64_t *rng, char *err,
                       size_t errsize)
{
    struct {
        int lo, hi;
        uint64_t weight;
    } pick[RANDOM_MAX];
    size_t count = 0, i = 0, k;
    uint64_t total = 0, r;
    int weighted = -1;

    if (n == 0) {
        snprintf(err, errsize,
                 "/random needs a list of codes: /random/200,500-504 or "
                 "/random/200:0.9,503:0.1.");
        return -1;
    }
    while (i <= n) {
        size_t start = i, end, colon, dash;
        const char *e;
        int lo, hi;
        uint64_t w = 0;

        while (i < n && p[i] != ',')
            i++;
        end = i++;
        e = p + start;
        if (count == RANDOM_MAX) {
            snprintf(err, errsize,
                     "The /random list has more than %d entries.", RANDOM_MAX);
            return -1;
        }
        for (colon = start; colon < end && p[colon] != ':'; colon++)
            ;
        for (dash = start; dash < colon && p[dash] != '-'; dash++)
            ;
        if (colon < end) {
            lo = hi = parse_status_code(e, colon - start);
            w = parse_weight(p + colon + 1, end - colon - 1);
            if (lo >= 0 && w == 0) {
                snprintf(err, errsize,
                         "Entry %zu of the /random list has a bad weight: "
                         "weights are decimals above 0 with at most six "
                         "digits before and after the point, like 0.25 or "
                         "3.",
                         count + 1);
                return -1;
            }
        } else if (dash < end) {
            lo = parse_status_code(e, dash - start);
            hi = parse_status_code(p + dash + 1, end - dash - 1);
            if (lo >= 0 && hi >= 0 && hi < lo) {
                snprintf(err, errsize,
                         "Entry %zu of the /random list is a range whose "
                         "first code is above its last.",
                         count + 1);
                return -1;
            }
        } else {
            lo = hi = parse_status_code(e, end - start);
        }
        if (lo < 0 || hi < 0) {
            snprintf(err, errsize,
                     "Entry %zu of the /random list is not a code (three "
                     "digits, 100 to 599), a range of codes (500-504) or a "
                     "code with a weight (503:0.1).",
                     count + 1);
            return -1;
        }
        if (weighted >= 0 && weighted != (colon < end)) {
            snprintf(err, errsize,
                     "In a /random list, either every entry has a weight "
                     "or none has.");
            return -1;
        }
        weighted = colon < end;
        pick[count].lo = lo;
        pick[count].hi = hi;
        pick[count].weight = weighted ? w : (uint64_t)(hi - lo + 1);
        total += pick[count].weight;
        count++;
    }
    /* At most 64 * 999999.999999 * 10^6 or 64 * 500: below 2^53. */
    r = rng_below(rng, total);
    for (k = 0; k < count; k++) {
        if (r < pick[k].weight)
            return weighted ? pick[k].lo : pick[k].lo + (int)r;
        r -= pick[k].weight;
    }
    return pick[count - 1].hi; /* not reached */
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
            response_add_interim(res, "Link", "</style.css>; rel=preload");
            response_add_interim(res, "Link", "</script.js>; rel=preload");
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

int handle_code(struct exchange *x)
{
    int code = parse_status_code(x->arg[0].p, x->arg[0].n);

    if (code < 0) {
        refuse_request(x, "A status code is three digits from 100 to 599, "
                          "as in /404; this path starts like a code but is "
                          "not one.");
        return 0;
    }
    return respond_status(x, code);
}

int handle_random(struct exchange *x)
{
    char err[256];
    struct slice list = x->nargs > 0 ? x->arg[0] : (struct slice){NULL, 0};
    int code = random_code(list.p, list.n, x->rng, err, sizeof err);

    if (code < 0) {
        refuse_request(x, "%s", err);
        return 0;
    }
    return respond_status(x, code);
}
