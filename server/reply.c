/* reply.c: the responses of `httpstatus serve`, built as bytes.
 *
 * What the server answers (reply_build):
 *
 *   /{code}          any code 100..599, registered or not: exactly three
 *                    digits, the first 1 to 5. A path that starts with a
 *                    digit, '-' or '+' and is not such a code is a 400.
 *   /random/{list}   a code drawn from a list, then answered as /{code}:
 *                    "200,201,500-504" draws every listed code alike,
 *                    "200:0.9,503:0.1" draws by weight (decimals above 0
 *                    with at most 6 decimals, not necessarily summing to
 *                    1). At most 64 entries; a code listed twice counts
 *                    twice. Either every entry has a weight or none has.
 *   /codes.json      the registry as JSON: registered and unofficial
 *                    entries in one array sorted by code, in cli/json.c's
 *                    schema. Rendered once, on first use, under
 *                    pthread_once(), so worker threads may ask at once.
 *   /healthz         "ok".
 *   /                a plain-text index of all this.
 *   anything else    404, with the same index.
 *
 * The reason phrase is the registry's, or for an unregistered code the
 * first unofficial entry's ("520 Web Server Returned an Unknown Error"),
 * or else the class name httpstatus_reason() gives ("432 Client Error").
 *
 * Content: the representation of /{code} describes {code}, as text/plain
 * ("404 Not Found\n\n<summary>\n"), application/json or text/html, chosen
 * by Accept (q-values and specificity; ties and "nothing acceptable" go to
 * text/plain, then JSON, then HTML). Such responses carry Vary: Accept. A
 * status sent instead of the one asked for, because of the request (416
 * for a Range, 426 for /101), describes the status sent. Other replies
 * (400, 404, /healthz, the index) are text/plain.
 *
 * Decisions:
 *
 *  - 1xx. /100, /102, /103, /104 and every unregistered 1xx send the
 *    interim response, then a final 200 whose content is the /{code}
 *    representation; an HTTP/1.0 client (which cannot parse an interim
 *    response) gets the final 200 alone. Interim heads carry the status
 *    line and nothing else, except 103, which carries two Link fields
 *    (preload /style.css and /script.js). 104 is sent bare: its Location
 *    would name an upload resource, and this server has none to resume,
 *    so it advertises none (the registry has Location as a MAY).
 *  - /101. When the request asks to upgrade (req->upgrade, HTTP/1.1 only:
 *    RFC 9110, Section 7.8 has a server ignore Upgrade from HTTP/1.0), the
 *    reply is "101 Switching Protocols" with Upgrade: httpstatus-test and
 *    Connection: upgrade, and reply->close is set: the made-up protocol
 *    says nothing, so the server closes. Otherwise the reply is 426 with
 *    Upgrade: httpstatus-test and Connection: upgrade.
 *  - 405. /405 refuses every method, so its Allow field is empty
 *    ("Allow: "), which RFC 9110, Section 10.2.1 names as the way to say
 *    that a resource allows no methods. CONNECT and TRACE get 405 on any
 *    target with the methods the server does handle: this is no proxy,
 *    and it never reflects a request.
 *  - Location (201, 300, 301, 302, 303, 307, 308) is "/200", or ?location:
 *    a local absolute path (one '/' first, not "//"), at most 1024 bytes
 *    of RFC 3986 pchar, '/' and '?'. Percent escapes must be well formed
 *    and are never decoded, so "%0d%0a" stays six harmless characters.
 *    305 (deprecated) and 306 (unused) get no Location.
 *  - Retry-After (429, 503) is 1, or ?retry_after: digits, 0..86400.
 *  - Range is honoured on GET /200 and GET /206 only (RFC 9110, Section
 *    14.2: GET is the only method with range handling, and a server MUST
 *    ignore Range on the others, HEAD included). One range gives 206 with
 *    Content-Range; an unsatisfiable one gives 416; several ranges or a
 *    malformed field are ignored (200, or on /206 the default part: bytes
 *    0-9). With If-Range the Range is ignored: these pages have no
 *    validator that could match. 416 always has Content-Range with an
 * unsatisfied range, "bytes
 *    *" "/N" (no space: a C comment cannot hold it), N the length of the
 *    representation the range was about.
 *  - 304 has ETag: "httpstatus-304" and Vary: Accept, which a 200 would
 *    have carried, and neither content nor Content-Length. 1xx and 204
 *    have neither; 205 has Content-Length: 0. HEAD has GET's fields,
 *    Content-Length included, and no content.
 *  - Query parameters, checked on every request but OPTIONS, CONNECT,
 *    TRACE and the page at / (whose script reads its own); anything else in
 * the query is a 400. sleep=MS (digits, at most opt->max_sleep_ms) sets
 * reply->sleep_ms. location and retry_after are checked wherever they appear
 * and used by the codes that send those fields (so one /random list can use
 * them). header=Name:Value adds a field, at most 16 times: the raw query is
 * undecoded, and this parameter's value is percent-decoded (%XX; '+' stays a
 * plus sign, write a space as %20), then split at the first ':'. The name must
 * be a token; the value, stripped of surrounding spaces and tabs, may hold
 *    only visible ASCII, SP and HTAB, so a decoded CR, LF, NUL or other
 *    control byte is a 400. Framing and hop-by-hop fields (Content-Length,
 *    Transfer-Encoding, Connection, Keep-Alive, Upgrade, TE, Trailer,
 *    Host, Proxy-Connection) are refused, and so are the single-valued
 *    fields the server sets itself (Date, Server, Content-Type,
 *    Content-Range, Location, Retry-After, ETag, Access-Control-Allow-
 *    Origin, Access-Control-Max-Age): a second copy would make the
 *    response ambiguous. Empty parameters ("&&") and repeats of sleep,
 *    location and retry_after are 400s too.
 *  - CORS: every reply has Access-Control-Allow-Origin: * and
 *    Access-Control-Expose-Headers: * (so that scripts can read Location,
 *    Retry-After and the rest). OPTIONS with Access-Control-Request-Method
 *    is a preflight: 204 with Access-Control-Allow-Methods, -Headers and
 *    -Max-Age. Any other OPTIONS, "OPTIONS *" included, is 204 with Allow.
 *    OPTIONS answers the same for every target and ignores the query.
 *  - Connection: reply->close is set when the request is not keep-alive,
 *    and then the reply says Connection: close; an HTTP/1.0 keep-alive
 *    request gets Connection: keep-alive. reply->close is never cleared
 *    here, so a reply struct that earlier pipelined replies asked to close
 *    stays closing. The 101 says Connection: upgrade only.
 *  - Caching: /random, /healthz and every reply delayed by ?sleep= say
 *    Cache-Control: no-store (unless a ?header sets Cache-Control): each
 *    is for the request that asked, and codes such as 200 and 404 are
 *    otherwise heuristically cacheable (RFC 9111, Section 4.2.2). The
 *    page and /codes.json say no-cache, and carry an ETag.
 *  - 408 always closes the connection and says Connection: close (RFC
 *    9110, Section 15.5.9), /408 included.
 *  - Nothing from the request is copied into a response header, except
 *    the checked ?location path and the checked ?header fields, rebuilt
 *    from bytes that passed the checks above. Error messages describe
 *    what was wrong without quoting the request.
 *  - Date is an IMF-fixdate of now, clamped to years 1970..9999.
 *
 * Out of memory, reply_build() and reply_error() return -1 and leave
 * reply->out as they found it. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "server.h"

#define SERVER_FIELD        "Server: httpstatus/" HTTPSTATUS_VERSION_STRING
#define METHODS             "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
#define UPGRADE_PROTOCOL    "httpstatus-test"
#define LOCATION_DEFAULT    "/200"
#define LOCATION_MAX        1024
#define HEADERS_MAX         16
#define RANDOM_MAX          64
#define RETRY_AFTER_MAX     86400u
#define RETRY_AFTER_DEFAULT 1u
#define WEIGHT_DECIMALS     6
#define WEIGHT_SCALE        1000000u /* 10^WEIGHT_DECIMALS */
#define WEIGHT_INT_MAX      999999u  /* at most six integer digits */
#define RANGE_DEFAULT_LAST  9        /* /206 sends bytes 0-9 by default */
#define ERR_MAX             256

/* --------------------------------------------------------------- buffer */

/* Room for n more bytes and a NUL after them. */
static int buffer_reserve(struct buffer *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (b->len >= SIZE_MAX - 1 || n > SIZE_MAX - 1 - b->len)
        return -1;
    need = b->len + n + 1;
    if (b->data != NULL && need <= b->cap)
        return 0;
    cap = b->data != NULL && b->cap > 0 ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (p == NULL)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

/* The data is kept NUL-terminated after len, which costs nothing and
 * makes a buffer easy to inspect; callers should still go by len. */
int buffer_append(struct buffer *b, const void *data, size_t n)
{
    if (n == 0)
        return 0;
    if (data == NULL || buffer_reserve(b, n) != 0)
        return -1;
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buffer_puts(struct buffer *b, const char *s)
{
    return s == NULL ? -1 : buffer_append(b, s, strlen(s));
}

static int buffer_vprintf(struct buffer *b, const char *fmt, va_list ap)
{
    va_list copy;
    int n, m;

    /* Format straight into the buffer, and a second time only when the
     * text did not fit: most of what is formatted here is short. */
    if (buffer_reserve(b, 128) != 0)
        return -1;
    va_copy(copy, ap);
    n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, copy);
    va_end(copy);
    if (n >= 0 && (size_t)n < b->cap - b->len) {
        b->len += (size_t)n;
        return 0;
    }
    b->data[b->len] = '\0';
    if (n < 0 || buffer_reserve(b, (size_t)n) != 0)
        return -1;
    m = vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    if (m != n) {
        b->data[b->len] = '\0';
        return -1;
    }
    b->len += (size_t)n;
    return 0;
}

int buffer_printf(struct buffer *b, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = buffer_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

void buffer_free(struct buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* A buffer that remembers the first failure, so that a reply can be
 * written without a check after every piece. */
struct sink {
    struct buffer *b;
    int failed;
};

static void putn(struct sink *s, const void *p, size_t n)
{
    if (!s->failed && buffer_append(s->b, p, n) != 0)
        s->failed = 1;
}

static void put(struct sink *s, const char *str)
{
    putn(s, str, strlen(str));
}

static void putf(struct sink *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void putf(struct sink *s, const char *fmt, ...)
{
    va_list ap;

    if (s->failed)
        return;
    va_start(ap, fmt);
    if (buffer_vprintf(s->b, fmt, ap) != 0)
        s->failed = 1;
    va_end(ap);
}

/* A number in decimal, without printf: the hot path writes a few a
 * response. */
static void put_uint(struct sink *s, unsigned long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;

    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    putn(s, tmp + i, sizeof tmp - i);
}

/* ---------------------------------------------------------- characters */

static int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_alpha(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_tchar(int ch)
{
    return is_alpha(ch) || is_digit(ch) ||
           (ch != '\0' && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static int is_ows(int ch)
{
    return ch == ' ' || ch == '\t';
}

static int hex_value(int ch)
{
    if (is_digit(ch))
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

/* ASCII case-insensitive equality of p[0..n) and the string s. */
static int eq_nocase(const char *p, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] == '\0' || lower((unsigned char)p[i]) != lower(s[i]))
            return 0;
    return s[n] == '\0';
}

static int eq_exact(const char *p, size_t n, const char *s)
{
    return strlen(s) == n && memcmp(p, s, n) == 0;
}

/* --------------------------------------------------------- the registry */

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

static const char *reason_of(int code)
{
    const struct httpstatus_info *e = entry_of(code);
    const char *r = e != NULL ? e->reason : httpstatus_reason(code);

    return r != NULL ? r : "Unknown";
}

/* "3 digits, the first 1 to 5": the code, or -1. */
static int parse_code(const char *p, size_t n)
{
    if (n != 3 || p[0] < '1' || p[0] > '5' || !is_digit(p[1]) ||
        !is_digit(p[2]))
        return -1;
    return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

/* Digits only, at most max: the value in *out, or -1 (also for ""). */
static int parse_bounded(const char *p, size_t n, unsigned max, unsigned *out)
{
    uint64_t v = 0;
    size_t i;

    if (n == 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (!is_digit(p[i]))
            return -1;
        v = v * 10 + (uint64_t)(p[i] - '0');
        if (v > max)
            return -1;
    }
    *out = (unsigned)v;
    return 0;
}

/* ---------------------------------------------------------------- Date */

/* An IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT" (29 bytes). */
static void two_digits(char *out, long long v)
{
    out[0] = (char)('0' + v / 10);
    out[1] = (char)('0' + v % 10);
}

static void imf_fixdate(long long t, char *out, size_t size)
{
    static const char wday[] = "ThuFriSatSunMonTueWed"; /* from 1970-01-01 */
    static const char month[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    long long days, secs, z, era, doe, yoe, doy, mp, d, m, y;

    if (t < 0)
        t = 0;
    if (t > 253402300799LL) /* 9999-12-31 23:59:59 */
        t = 253402300799LL;
    days = t / 86400;
    secs = t % 86400;
    /* Howard Hinnant's civil_from_days. */
    z = days + 719468;
    era = z / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
    /* "Sun, 06 Nov 1994 08:49:37 GMT", written by hand: this runs for
     * every response. */
    if (size < 30)
        return;
    memcpy(out, wday + 3 * (days % 7), 3);
    memcpy(out + 3, ", ", 2);
    two_digits(out + 5, d);
    out[7] = ' ';
    memcpy(out + 8, month + 3 * (m - 1), 3);
    out[11] = ' ';
    two_digits(out + 12, y / 100);
    two_digits(out + 14, y % 100);
    out[16] = ' ';
    two_digits(out + 17, secs / 3600);
    out[19] = ':';
    two_digits(out + 20, secs / 60 % 60);
    out[22] = ':';
    two_digits(out + 23, secs % 60);
    memcpy(out + 25, " GMT", 5);
}

/* --------------------------------------------------------- negotiation */

enum media { MEDIA_TEXT, MEDIA_JSON, MEDIA_HTML, MEDIA_COUNT };

static const char *const media_type[MEDIA_COUNT] = {
    "text/plain; charset=utf-8", "application/json",
    "text/html; charset=utf-8"};
static const char *const media_main[MEDIA_COUNT] = {"text", "application",
                                                    "text"};
static const char *const media_sub[MEDIA_COUNT] = {"plain", "json", "html"};

static size_t skip_ows(const char *p, size_t n, size_t i)
{
    while (i < n && is_ows(p[i]))
        i++;
    return i;
}

static size_t skip_token(const char *p, size_t n, size_t i)
{
    while (i < n && is_tchar((unsigned char)p[i]))
        i++;
    return i;
}

/* A qvalue ("0", "0.5", "1.000") in thousandths, or -1. */
static int parse_qvalue(const char *p, size_t n)
{
    int q, scale = 100;
    size_t i;

    if (n == 0 || (p[0] != '0' && p[0] != '1'))
        return -1;
    q = (p[0] - '0') * 1000;
    if (n == 1)
        return q;
    if (p[1] != '.' || n > 5)
        return -1;
    for (i = 2; i < n; i++, scale /= 10) {
        if (!is_digit(p[i]))
            return -1;
        q += (p[i] - '0') * scale;
    }
    return q > 1000 ? -1 : q;
}

/* One media range of Accept at p[i..n), up to the next ',' at the top
 * level. Fills the type, the subtype, whether its parameters (before q)
 * all say charset=utf-8, and the q in thousandths. Returns the index
 * after it, and sets *ok when it parsed. */
struct media_range {
    size_t type, type_len, sub, sub_len;
    int params, params_ok, q;
};

static size_t parse_media_range(const char *p, size_t n, size_t i,
                                struct media_range *r, int *ok)
{
    size_t end;
    int in_quotes = 0, after_q = 0;

    *ok = 0;
    r->params = 0;
    r->params_ok = 1;
    r->q = 1000;
    /* Where the element ends: the next ',' outside a quoted string. */
    for (end = i; end < n; end++) {
        if (in_quotes && p[end] == '\\' && end + 1 < n)
            end++;
        else if (p[end] == '"')
            in_quotes = !in_quotes;
        else if (!in_quotes && p[end] == ',')
            break;
    }
    r->type = i;
    i = skip_token(p, end, i);
    r->type_len = i - r->type;
    if (r->type_len == 0 || i >= end || p[i] != '/')
        return end;
    r->sub = ++i;
    i = skip_token(p, end, i);
    r->sub_len = i - r->sub;
    if (r->sub_len == 0)
        return end;
    for (;;) {
        size_t name, name_len, value, value_len;

        i = skip_ows(p, end, i);
        if (i == end)
            break;
        if (p[i] != ';')
            return end;
        i = skip_ows(p, end, i + 1);
        name = i;
        i = skip_token(p, end, i);
        name_len = i - name;
        if (name_len == 0 || i >= end || p[i] != '=')
            return end;
        value = ++i;
        if (i < end && p[i] == '"') {
            for (i++; i < end && p[i] != '"'; i++)
                if (p[i] == '\\')
                    i++;
            if (i >= end)
                return end;
            i++;
            value_len = i - value;
        } else {
            i = skip_token(p, end, i);
            value_len = i - value;
            if (value_len == 0)
                return end;
        }
        if (after_q)
            continue; /* accept-ext: ignored */
        if (eq_nocase(p + name, name_len, "q")) {
            r->q = parse_qvalue(p + value, value_len);
            if (r->q < 0)
                return end;
            after_q = 1;
            continue;
        }
        r->params++;
        if (!eq_nocase(p + name, name_len, "charset") ||
            !(eq_nocase(p + value, value_len, "utf-8") ||
              eq_nocase(p + value, value_len, "\"utf-8\"")))
            r->params_ok = 0;
    }
    *ok = 1;
    return end;
}

/* The media type to send for an Accept field (RFC 9110, Section 12.5.1):
 * each candidate takes the q of the most specific range that matches it;
 * the highest q above 0 wins, ties going to the earlier candidate; and
 * when nothing is acceptable, text/plain is sent all the same. Malformed
 * ranges are skipped. */
static enum media negotiate(struct slice accept)
{
    int q[MEDIA_COUNT], spec[MEDIA_COUNT], best = MEDIA_TEXT, k;
    const char *p = accept.p;
    size_t n = accept.n, i = 0;

    if (p == NULL)
        return MEDIA_TEXT;
    for (k = 0; k < MEDIA_COUNT; k++)
        q[k] = spec[k] = -1;
    while (i < n) {
        struct media_range r;
        int ok;

        if (p[i] == ',' || is_ows(p[i])) {
            i++;
            continue;
        }
        i = parse_media_range(p, n, i, &r, &ok);
        if (!ok)
            continue;
        for (k = 0; k < MEDIA_COUNT; k++) {
            int s;
            int any_type = eq_exact(p + r.type, r.type_len, "*");
            int any_sub = eq_exact(p + r.sub, r.sub_len, "*");
            if (any_type && any_sub)
                s = 0;
            else if (any_type)
                continue; /* "*\/json" is not a media range */
            else if (!eq_nocase(p + r.type, r.type_len, media_main[k]))
                continue;
            else if (any_sub)
                s = 1;
            else if (eq_nocase(p + r.sub, r.sub_len, media_sub[k]))
                s = 2;
            else
                continue;
            if (!r.params_ok)
                continue;
            s = s * 100 + r.params;
            if (s > spec[k]) {
                spec[k] = s;
                q[k] = r.q;
            }
        }
    }
    for (k = 0; k < MEDIA_COUNT; k++)
        if (q[k] > 0 && q[k] > q[best])
            best = k;
    return (enum media)best;
}

/* ---------------------------------------------------------------- pages */

/* A JSON string literal, with the escaping of cli/json.c's json_string():
 * '"' and '\\' backslashed, \n \r \t, other controls and DEL as \u00XX,
 * everything else (UTF-8 included) as is. The two must stay the same. */
static void json_put_string(struct sink *s, const char *str)
{
    const unsigned char *p = (const unsigned char *)str;

    if (str == NULL) {
        put(s, "null");
        return;
    }
    put(s, "\"");
    for (; *p; p++) {
        if (*p == '"' || *p == '\\')
            putf(s, "\\%c", *p);
        else if (*p == '\n')
            put(s, "\\n");
        else if (*p == '\r')
            put(s, "\\r");
        else if (*p == '\t')
            put(s, "\\t");
        else if (*p < 0x20 || *p == 0x7f)
            putf(s, "\\u%04x", *p);
        else
            putn(s, p, 1);
    }
    put(s, "\"");
}

static void html_put_text(struct sink *s, const char *str)
{
    for (; *str; str++) {
        switch (*str) {
        case '&':
            put(s, "&amp;");
            break;
        case '<':
            put(s, "&lt;");
            break;
        case '>':
            put(s, "&gt;");
            break;
        case '"':
            put(s, "&quot;");
            break;
        case '\'':
            put(s, "&#39;");
            break;
        default:
            putn(s, str, 1);
        }
    }
}

/* The representation of /{code}, in the media type m. */
static void put_page(struct sink *s, int code, enum media m)
{
    const struct httpstatus_info *e = entry_of(code);
    const char *reason, *summary, *description, *reference;
    char unreg[200];

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
        putf(s, "{\"code\": %d, \"reason\": ", code);
        json_put_string(s, reason);
        put(s, ", \"summary\": ");
        json_put_string(s, summary);
        put(s, ", \"description\": ");
        json_put_string(s, description);
        put(s, ", \"reference\": ");
        json_put_string(s, reference);
        put(s, "}\n");
        break;
    case MEDIA_HTML:
        putf(s,
             "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
             "<meta charset=\"utf-8\">\n<title>%d ",
             code);
        html_put_text(s, reason);
        putf(s, "</title>\n</head>\n<body>\n<h1>%d ", code);
        html_put_text(s, reason);
        put(s, "</h1>\n");
        if (summary[0]) {
            put(s, "<p>");
            html_put_text(s, summary);
            put(s, "</p>\n");
        }
        if (description[0]) {
            put(s, "<p>");
            html_put_text(s, description);
            put(s, "</p>\n");
        }
        if (reference != NULL) {
            put(s, "<p>Reference: ");
            html_put_text(s, reference);
            put(s, "</p>\n");
        }
        put(s, "</body>\n</html>\n");
        break;
    case MEDIA_TEXT:
    case MEDIA_COUNT:
        put_uint(s, (unsigned)code);
        put(s, " ");
        put(s, reason);
        put(s, "\n\n");
        put(s, summary);
        put(s, "\n");
        break;
    }
}

/* ---------------------------------------------------------------- Range */

enum range_result { RANGE_IGNORED, RANGE_ONE, RANGE_UNSATISFIABLE };

/* Digits at p[*i..n), saturating at UINT64_MAX; 0 when there are none. */
static int parse_u64(const char *p, size_t n, size_t *i, uint64_t *out)
{
    uint64_t v = 0;
    size_t start = *i;

    for (; *i < n && is_digit(p[*i]); (*i)++) {
        unsigned d = (unsigned)(p[*i] - '0');
        v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
    }
    *out = v;
    return *i > start;
}

/* A Range field against a representation of len bytes (RFC 9110, Section
 * 14.2): one satisfiable range gives RANGE_ONE and [*first, *last]; a
 * range that cannot be satisfied, RANGE_UNSATISFIABLE; no field, several
 * ranges or a malformed field, RANGE_IGNORED. */
static enum range_result parse_range(struct slice r, size_t len, size_t *first,
                                     size_t *last)
{
    const char *p = r.p;
    size_t n = r.n, i;
    uint64_t a, b;

    if (p == NULL || n < 6 || !eq_nocase(p, 5, "bytes") || p[5] != '=')
        return RANGE_IGNORED;
    i = skip_ows(p, n, 6);
    if (i < n && p[i] == '-') {
        i++;
        if (!parse_u64(p, n, &i, &a) || skip_ows(p, n, i) != n)
            return RANGE_IGNORED;
        if (a == 0 || len == 0)
            return RANGE_UNSATISFIABLE;
        *first = a >= len ? 0 : len - (size_t)a;
        *last = len - 1;
        return RANGE_ONE;
    }
    if (!parse_u64(p, n, &i, &a) || i >= n || p[i] != '-')
        return RANGE_IGNORED;
    i++;
    if (parse_u64(p, n, &i, &b)) {
        if (b < a)
            return RANGE_IGNORED;
    } else {
        b = UINT64_MAX;
    }
    if (skip_ows(p, n, i) != n)
        return RANGE_IGNORED;
    if (a >= len)
        return RANGE_UNSATISFIABLE;
    *first = (size_t)a;
    *last = b >= len ? len - 1 : (size_t)b;
    return RANGE_ONE;
}

/* --------------------------------------------------------------- /random */

static uint64_t xorshift64star(uint64_t *state)
{
    uint64_t x = *state != 0 ? *state : UINT64_C(0x9e3779b97f4a7c15);

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * UINT64_C(0x2545f4914f6cdd1d);
}

/* A uniform draw from [0, n), n >= 1 and below 2^53, without modulo
 * bias: the top 53 bits of the generator, with rejection. */
static uint64_t draw_below(uint64_t *rng, uint64_t n)
{
    const uint64_t span = UINT64_C(1) << 53;
    uint64_t limit = span - span % n, v;

    do
        v = xorshift64star(rng) >> 11;
    while (v >= limit);
    return v % n;
}

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
            lo = hi = parse_code(e, colon - start);
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
            lo = parse_code(e, dash - start);
            hi = parse_code(p + dash + 1, end - dash - 1);
            if (lo >= 0 && hi >= 0 && hi < lo) {
                snprintf(err, errsize,
                         "Entry %zu of the /random list is a range whose "
                         "first code is above its last.",
                         count + 1);
                return -1;
            }
        } else {
            lo = hi = parse_code(e, end - start);
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
    r = draw_below(rng, total);
    for (k = 0; k < count; k++) {
        if (r < pick[k].weight)
            return weighted ? pick[k].lo : pick[k].lo + (int)r;
        r -= pick[k].weight;
    }
    return pick[count - 1].hi; /* not reached */
}

/* ---------------------------------------------------------------- query */

struct field_ref {
    size_t name, name_len, value, value_len; /* in params.hbuf */
};

struct params {
    int has_sleep, has_location, has_retry;
    unsigned sleep_ms, retry_after;
    const char *location;
    size_t location_len;
    size_t nheaders, hlen;
    struct field_ref headers[HEADERS_MAX];
    char hbuf[REQUEST_LINE_MAX]; /* the decoded ?header values */
};

static int is_pchar_or_slash(int ch)
{
    return is_alpha(ch) || is_digit(ch) ||
           (ch != '\0' && strchr("-._~!$&'()*+,;=:@/?", ch) != NULL);
}

static int location_ok(const char *p, size_t n)
{
    size_t i;

    if (n == 0 || n > LOCATION_MAX || p[0] != '/' || (n > 1 && p[1] == '/'))
        return 0;
    for (i = 0; i < n; i++) {
        if (p[i] == '%') {
            if (i + 2 >= n || hex_value((unsigned char)p[i + 1]) < 0 ||
                hex_value((unsigned char)p[i + 2]) < 0)
                return 0;
            i += 2;
        } else if (!is_pchar_or_slash((unsigned char)p[i])) {
            return 0;
        }
    }
    return 1;
}

/* Fields a ?header may not add: the framing and hop-by-hop ones, and the
 * single-valued ones the server sets itself. */
static const char *const refused_fields[] = {"Content-Length",
                                             "Transfer-Encoding",
                                             "Connection",
                                             "Keep-Alive",
                                             "Upgrade",
                                             "TE",
                                             "Trailer",
                                             "Host",
                                             "Proxy-Connection",
                                             "Date",
                                             "Server",
                                             "Content-Type",
                                             "Content-Range",
                                             "Location",
                                             "Retry-After",
                                             "ETag",
                                             "Access-Control-Allow-Origin",
                                             "Access-Control-Max-Age"};

/* Decodes and checks one ?header value, p[0..n) raw from the query. */
static int parse_header_param(struct params *q, const char *p, size_t n,
                              char *err, size_t errsize)
{
    char *d = q->hbuf + q->hlen;
    size_t i, len = 0, colon, start, end;
    struct field_ref *f;

    if (q->nheaders == HEADERS_MAX) {
        snprintf(err, errsize, "At most %d header parameters are allowed.",
                 HEADERS_MAX);
        return -1;
    }
    if (n > sizeof q->hbuf - q->hlen) {
        snprintf(err, errsize, "The header parameters are too long.");
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (p[i] == '%') {
            int hi, lo;
            if (i + 2 >= n || (hi = hex_value((unsigned char)p[i + 1])) < 0 ||
                (lo = hex_value((unsigned char)p[i + 2])) < 0) {
                snprintf(err, errsize,
                         "A header parameter has a '%%' that is not "
                         "followed by two hexadecimal digits.");
                return -1;
            }
            d[len++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            d[len++] = p[i];
        }
    }
    for (colon = 0; colon < len && d[colon] != ':'; colon++)
        ;
    if (colon == len || colon == 0) {
        snprintf(err, errsize,
                 "A header parameter must be Name:Value, with a name "
                 "before the colon.");
        return -1;
    }
    for (i = 0; i < colon; i++) {
        if (!is_tchar((unsigned char)d[i])) {
            snprintf(err, errsize,
                     "A header parameter's name is not a token: letters, "
                     "digits and !#$%%&'*+-.^_`|~ only.");
            return -1;
        }
    }
    for (i = 0; i < sizeof refused_fields / sizeof refused_fields[0]; i++) {
        if (eq_nocase(d, colon, refused_fields[i])) {
            snprintf(err, errsize,
                     "A header parameter may not set %s: the server "
                     "decides that field itself.",
                     refused_fields[i]);
            return -1;
        }
    }
    start = skip_ows(d, len, colon + 1);
    for (end = len; end > start && is_ows(d[end - 1]); end--)
        ;
    for (i = start; i < end; i++) {
        unsigned char ch = (unsigned char)d[i];
        if (!(ch == ' ' || ch == '\t' || (ch >= 0x21 && ch <= 0x7e))) {
            snprintf(err, errsize,
                     "A header parameter's value may hold only visible "
                     "ASCII characters, spaces and tabs: no control "
                     "characters (CR, LF, NUL...) and no bytes above "
                     "0x7E, decoded or not.");
            return -1;
        }
    }
    f = &q->headers[q->nheaders++];
    f->name = q->hlen;
    f->name_len = colon;
    f->value = q->hlen + start;
    f->value_len = end - start;
    q->hlen += len;
    return 0;
}

/* Reads the query: 0, or -1 with the reason in err. */
static int parse_query(struct params *q, struct slice query,
                       const struct serve_options *opt, char *err,
                       size_t errsize)
{
    const char *p = query.p;
    size_t n = query.n, i = 0;

    memset(q, 0, offsetof(struct params, hbuf));
    q->retry_after = RETRY_AFTER_DEFAULT;
    if (p == NULL || n == 0)
        return 0;
    while (i <= n) {
        size_t start = i, end, eq;
        const char *v;
        size_t vn;

        while (i < n && p[i] != '&')
            i++;
        end = i++;
        for (eq = start; eq < end && p[eq] != '='; eq++)
            ;
        if (end == start) {
            snprintf(err, errsize,
                     "The query has an empty parameter (\"&&\", or '&' at "
                     "an end).");
            return -1;
        }
        if (eq == end) {
            snprintf(err, errsize,
                     "Every query parameter must be name=value.");
            return -1;
        }
        v = p + eq + 1;
        vn = end - eq - 1;
        if (eq_exact(p + start, eq - start, "sleep")) {
            if (q->has_sleep) {
                snprintf(err, errsize, "sleep is given twice.");
                return -1;
            }
            q->has_sleep = 1;
            if (parse_bounded(v, vn, opt->max_sleep_ms, &q->sleep_ms) != 0) {
                snprintf(err, errsize,
                         "sleep must be a number of milliseconds, digits "
                         "only, from 0 to %u (the server's --max-sleep).",
                         opt->max_sleep_ms);
                return -1;
            }
        } else if (eq_exact(p + start, eq - start, "retry_after")) {
            if (q->has_retry) {
                snprintf(err, errsize, "retry_after is given twice.");
                return -1;
            }
            q->has_retry = 1;
            if (parse_bounded(v, vn, RETRY_AFTER_MAX, &q->retry_after) != 0) {
                snprintf(err, errsize,
                         "retry_after must be a number of seconds, digits "
                         "only, from 0 to %u.",
                         RETRY_AFTER_MAX);
                return -1;
            }
        } else if (eq_exact(p + start, eq - start, "location")) {
            if (q->has_location) {
                snprintf(err, errsize, "location is given twice.");
                return -1;
            }
            q->has_location = 1;
            if (!location_ok(v, vn)) {
                snprintf(err, errsize,
                         "location must be a path on this server: one '/' "
                         "first (not \"//\"), then at most %d bytes in all "
                         "of letters, digits, -._~!$'()*+,;=:@/? and %%XX "
                         "escapes, which are not decoded.",
                         LOCATION_MAX);
                return -1;
            }
            q->location = v;
            q->location_len = vn;
        } else if (eq_exact(p + start, eq - start, "header")) {
            if (parse_header_param(q, v, vn, err, errsize) != 0)
                return -1;
        } else {
            snprintf(err, errsize,
                     "The query has a parameter this server does not know: "
                     "it knows sleep, header, location and retry_after.");
            return -1;
        }
    }
    return 0;
}

/* ----------------------------------------------------------------- heads */

struct ctx {
    const struct request *req;
    const struct serve_options *opt;
    struct reply *reply;
    uint64_t *rng;
    struct sink out;
    const struct params *q; /* the ?header fields to add, or NULL */
    char date[48];
    int send_content; /* 0 for HEAD */
    int no_store;     /* the reply must not be reused by a cache */
    char err[ERR_MAX];
};

/* The status line, Date, Server and Connection. upgrade adds the token
 * "upgrade" to Connection. */
static void head_start(struct ctx *c, int status, int upgrade)
{
    int close = c->reply->close, keep = !close && c->req->minor == 0;
    size_t at;

    put(&c->out, "HTTP/1.1 ");
    put_uint(&c->out, (unsigned)status);
    put(&c->out, " ");
    put(&c->out, reason_of(status));
    put(&c->out, "\r\nDate: ");
    put(&c->out, c->date);
    put(&c->out, "\r\n" SERVER_FIELD "\r\n");
    at = c->out.b->len;
    if (upgrade || close || keep)
        putf(&c->out, "Connection: %s%s%s\r\n", upgrade ? "upgrade" : "",
             upgrade && (close || keep) ? ", " : "",
             close  ? "close"
             : keep ? "keep-alive"
                    : "");
    /* Where reply_close() may write Connection: close. */
    c->reply->connection_at = at;
    c->reply->connection_len = c->out.b->len - at;
}

/* Whether the ?header fields set Cache-Control themselves. */
static int sets_cache_control(const struct params *q)
{
    size_t k;

    for (k = 0; q != NULL && k < q->nheaders; k++)
        if (eq_nocase(q->hbuf + q->headers[k].name, q->headers[k].name_len,
                      "Cache-Control"))
            return 1;
    return 0;
}

/* Cache-Control: no-store for a reply that must not be reused (unless a
 * ?header sets Cache-Control), the ?header fields, CORS, then the
 * content's fields and the empty line. content_type NULL: no Content-Type
 * and no Vary; length < 0: no Content-Length. */
static void head_end(struct ctx *c, const char *content_type, int vary,
                     long long length)
{
    size_t k;

    if (c->no_store && !sets_cache_control(c->q))
        put(&c->out, "Cache-Control: no-store\r\n");
    if (c->q != NULL) {
        for (k = 0; k < c->q->nheaders; k++) {
            const struct field_ref *f = &c->q->headers[k];
            putn(&c->out, c->q->hbuf + f->name, f->name_len);
            put(&c->out, ": ");
            putn(&c->out, c->q->hbuf + f->value, f->value_len);
            put(&c->out, "\r\n");
        }
    }
    put(&c->out, "Access-Control-Allow-Origin: *\r\n"
                 "Access-Control-Expose-Headers: *\r\n");
    if (vary)
        put(&c->out, "Vary: Accept\r\n");
    if (content_type != NULL) {
        put(&c->out, "Content-Type: ");
        put(&c->out, content_type);
        put(&c->out, "\r\n");
    }
    if (length >= 0) {
        put(&c->out, "Content-Length: ");
        put_uint(&c->out, (unsigned long long)length);
        put(&c->out, "\r\n");
    }
    put(&c->out, "\r\n");
}

static void content(struct ctx *c, const char *p, size_t n)
{
    if (c->send_content)
        putn(&c->out, p, n);
}

/* A text/plain reply: "CODE REASON\n\n" when titled, and the text. */
static void text_reply(struct ctx *c, int status, int titled, const char *text)
{
    char first[HTTPSTATUS_LINE_MAX + 16] = "";
    int n = titled ? snprintf(first, sizeof first, "%d %s\n\n", status,
                              reason_of(status))
                   : 0;
    size_t len = strlen(text);

    if (n < 0 || (size_t)n >= sizeof first)
        n = (int)strlen(first);
    c->reply->status = status;
    head_start(c, status, 0);
    head_end(c, media_type[MEDIA_TEXT], 0, (long long)((size_t)n + len));
    content(c, first, (size_t)n);
    content(c, text, len);
}

/* 400 with the explanation in c->err; no ?header fields, no sleep. */
static void bad_request(struct ctx *c)
{
    size_t n = strlen(c->err);

    if (n + 1 < sizeof c->err) {
        c->err[n] = '\n';
        c->err[n + 1] = '\0';
    }
    c->q = NULL;
    c->reply->sleep_ms = 0;
    text_reply(c, 400, 1, c->err);
}

/* ---------------------------------------------------------------- /{code} */

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

/* The fields particular to a status, between Connection and the rest. */
static void status_fields(struct ctx *c, int status)
{
    const struct params *q = c->q;

    if (has_location(status)) {
        put(&c->out, "Location: ");
        if (q != NULL && q->has_location)
            putn(&c->out, q->location, q->location_len);
        else
            put(&c->out, LOCATION_DEFAULT);
        put(&c->out, "\r\n");
    }
    switch (status) {
    case 304:
        put(&c->out, "ETag: \"httpstatus-304\"\r\n");
        break;
    case 401:
        put(&c->out, "WWW-Authenticate: Basic realm=\"httpstatus\"\r\n");
        break;
    case 405:
        put(&c->out, "Allow: \r\n"); /* no method is allowed on /405 */
        break;
    case 407:
        put(&c->out, "Proxy-Authenticate: Basic realm=\"httpstatus\"\r\n");
        break;
    case 426:
        put(&c->out, "Upgrade: " UPGRADE_PROTOCOL "\r\n");
        break;
    case 429:
    case 503:
        putf(&c->out, "Retry-After: %u\r\n",
             q != NULL ? q->retry_after : RETRY_AFTER_DEFAULT);
        break;
    case 451:
        put(&c->out, "Link: </legal>; rel=\"blocked-by\"\r\n");
        break;
    default:
        break;
    }
}

/* The interim response for a 1xx other than 101 (HTTP/1.1 only). */
static void interim(struct ctx *c, int code)
{
    putf(&c->out, "HTTP/1.1 %d %s\r\n", code, reason_of(code));
    if (code == 103)
        put(&c->out, "Link: </style.css>; rel=preload\r\n"
                     "Link: </script.js>; rel=preload\r\n");
    put(&c->out, "\r\n");
}

static void respond_code(struct ctx *c, int code)
{
    const struct request *req = c->req;
    int status = code, page = code;
    int is_get = eq_exact(req->method.p, req->method.n, "GET");
    enum media m = negotiate(req->accept);
    struct buffer body = {NULL, 0, 0};
    struct sink bs;
    size_t first = 0, last = 0, full = 0;
    int ranged = 0;

    bs.b = &body;
    bs.failed = 0;
    if (code == 101) {
        if (req->upgrade && req->minor == 1) {
            c->reply->status = 101;
            c->reply->close = 1;
            putf(&c->out,
                 "HTTP/1.1 101 %s\r\nDate: %s\r\n" SERVER_FIELD "\r\n"
                 "Upgrade: " UPGRADE_PROTOCOL "\r\n"
                 "Connection: upgrade\r\n",
                 reason_of(101), c->date);
            head_end(c, NULL, 0, -1);
            return;
        }
        status = page = 426;
    } else if (code < 200) {
        if (req->minor == 1)
            interim(c, code);
        status = 200;
    }
    c->reply->status = status;

    if (!httpstatus_forbids_content(status) && status != 205) {
        put_page(&bs, page, m);
        full = body.len;
        if (bs.failed || full == 0) {
            c->out.failed = 1;
            buffer_free(&body);
            return;
        }
    }
    if (code == 206) {
        ranged = 1;
        last = full > RANGE_DEFAULT_LAST + 1 ? RANGE_DEFAULT_LAST : full - 1;
    }
    /* If-Range names a validator the representation must still have;
     * these pages have none, so a conditional range is always stale and
     * the whole representation goes out (RFC 9110, Section 13.1.5). */
    if ((code == 200 || code == 206) && is_get && req->if_range.p == NULL) {
        switch (parse_range(req->range, full, &first, &last)) {
        case RANGE_ONE:
            status = 206;
            ranged = 1;
            break;
        case RANGE_UNSATISFIABLE:
            status = page = 416;
            ranged = 0;
            body.len = 0;
            put_page(&bs, page, m);
            if (bs.failed) {
                c->out.failed = 1;
                buffer_free(&body);
                return;
            }
            break;
        case RANGE_IGNORED:
            break;
        }
        c->reply->status = status;
    }
    if (status == 416 && code == 416)
        full = body.len; /* /416: about its own representation */
    /* A server that sends 408 closes the connection (RFC 9110, Section
     * 15.5.9), and says so. */
    if (status == 408)
        c->reply->close = 1;

    head_start(c, status, status == 426);
    status_fields(c, status);
    if (status == 416)
        putf(&c->out, "Content-Range: bytes */%zu\r\n", full);
    if (ranged)
        putf(&c->out, "Content-Range: bytes %zu-%zu/%zu\r\n", first, last,
             full);
    if (httpstatus_forbids_content(status)) {
        head_end(c, NULL, status == 304, -1);
    } else if (status == 205) {
        head_end(c, NULL, 0, 0);
    } else if (ranged) {
        head_end(c, media_type[m], 1, (long long)(last - first + 1));
        content(c, body.data + first, last - first + 1);
    } else {
        head_end(c, media_type[m], 1, (long long)body.len);
        content(c, body.data, body.len);
    }
    buffer_free(&body);
}

/* ----------------------------------------------------------- /codes.json */

/* A strong entity tag for a document built once: FNV-1a of its bytes. */
static void make_etag(const char *p, size_t n, char *out, size_t size)
{
    uint64_t h = UINT64_C(14695981039346656037);
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= UINT64_C(1099511628211);
    }
    snprintf(out, size, "\"%016llx\"", (unsigned long long)h);
}

static pthread_once_t codes_once = PTHREAD_ONCE_INIT;
static char *codes_json; /* NULL when it could not be built */
static size_t codes_json_len;
static char codes_etag[24];

/* Registered and unofficial entries merged by code, registered first on
 * a tie, as `httpstatus list --all --json` prints them. Runs once. */
static void codes_init(void)
{
    const struct httpstatus_info *reg, *unoff, **entries;
    size_t nreg, nunoff, n = 0, i = 0, j = 0, len = 0;
    char *text = NULL;
    FILE *f;
    int bad;

    reg = httpstatus_list(&nreg);
    unoff = httpstatus_unofficial(&nunoff);
    entries = malloc((nreg + nunoff) * sizeof *entries);
    if (entries == NULL)
        return;
    while (i < nreg || j < nunoff) {
        if (j >= nunoff || (i < nreg && reg[i].code <= unoff[j].code))
            entries[n++] = &reg[i++];
        else
            entries[n++] = &unoff[j++];
    }
    f = open_memstream(&text, &len);
    if (f != NULL) {
        json_entries(f, entries, n);
        bad = ferror(f);
        if (fclose(f) != 0 || bad) {
            free(text);
        } else {
            codes_json = text;
            codes_json_len = len;
            make_etag(text, len, codes_etag, sizeof codes_etag);
        }
    }
    free(entries);
}

/* If-None-Match names tag: "*", or a comma list of entity tags compared
 * weakly, as RFC 9110, Section 13.1.2 has a GET compare them. */
static int none_match(struct slice field, const char *tag)
{
    const char *p = field.p;
    size_t n = field.n, i = 0, len = strlen(tag);

    if (p == NULL)
        return 0;
    while (i < n) {
        size_t start;
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == ','))
            i++;
        if (i < n && p[i] == '*')
            return 1;
        if (i + 2 <= n && p[i] == 'W' && p[i + 1] == '/')
            i += 2;
        start = i;
        if (i < n && p[i] == '"') {
            i++;
            while (i < n && p[i] != '"')
                i++;
            if (i < n)
                i++;
        }
        if (i - start == len && memcmp(p + start, tag, len) == 0)
            return 1;
        while (i < n && p[i] != ',')
            i++;
    }
    return 0;
}

/* A document that does not change while the server runs (the page,
 * /codes.json): ETag and Cache-Control: no-cache, so that browsers
 * revalidate and get 304 until the binary changes; no-store instead when
 * the reply was delayed. */
static void respond_document(struct ctx *c, const char *type, const char *p,
                             size_t n, const char *etag)
{
    int fresh = none_match(c->req->if_none_match, etag);
    int status = fresh ? 304 : 200;

    c->reply->status = status;
    head_start(c, status, 0);
    put(&c->out, "ETag: ");
    put(&c->out, etag);
    put(&c->out, "\r\n");
    if (!c->no_store)
        put(&c->out, "Cache-Control: no-cache\r\n");
    if (fresh) {
        head_end(c, NULL, 0, -1);
        return;
    }
    head_end(c, type, 0, (long long)n);
    content(c, p, n);
}

static pthread_once_t page_once = PTHREAD_ONCE_INIT;
static char page_etag[24];

static void page_init(void)
{
    make_etag(httpstatus__page, httpstatus__page_len, page_etag,
              sizeof page_etag);
}

static int respond_page(struct ctx *c)
{
    if (pthread_once(&page_once, page_init) != 0)
        return -1;
    respond_document(c, media_type[MEDIA_HTML], httpstatus__page,
                     httpstatus__page_len, page_etag);
    return 0;
}

static int respond_codes_json(struct ctx *c)
{
    if (pthread_once(&codes_once, codes_init) != 0 || codes_json == NULL)
        return -1;
    respond_document(c, "application/json", codes_json, codes_json_len,
                     codes_etag);
    return 0;
}

/* /codes/{code}.json: the entry as one object, or the entries of a code
 * that several vendors use as an array, as `httpstatus --json CODE`
 * prints them. Returns 1 when the code has no entry. */
static int respond_code_json(struct ctx *c, int code)
{
    const struct httpstatus_info *found[16], *unoff;
    size_t n = 0, nunoff, i, len = 0;
    char *text = NULL;
    FILE *f;
    int bad;

    if ((found[0] = httpstatus_get(code)) != NULL) {
        n = 1;
    } else {
        unoff = httpstatus_unofficial(&nunoff);
        for (i = 0; i < nunoff && n < 16; i++)
            if (unoff[i].code == code)
                found[n++] = &unoff[i];
    }
    if (n == 0)
        return 1;
    f = open_memstream(&text, &len);
    if (f == NULL)
        return -1;
    if (n == 1) {
        json_entry(f, found[0]);
        fputc('\n', f);
    } else {
        json_entries(f, found, n);
    }
    bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        free(text);
        return -1;
    }
    c->reply->status = 200;
    head_start(c, 200, 0);
    head_end(c, "application/json", 0, (long long)len);
    content(c, text, len);
    free(text);
    return 0;
}

/* ----------------------------------------------------------------- index */

static const char endpoints[] =
    "  /{code}            a response with that status, 100 to 599: /200, "
    "/404,\n"
    "                     /503, /520 (unofficial codes get their vendor's "
    "phrase)\n"
    "  /random/{list}     a code drawn from a list: /random/200,500-504 "
    "draws\n"
    "                     each alike, /random/200:0.9,503:0.1 by weight (at "
    "most\n"
    "                     64 entries)\n"
    "  /codes.json        every code the registry knows, as JSON\n"
    "  /codes/{code}.json one code's entry (entries, when vendors share "
    "it)\n"
    "  /healthz           \"ok\"\n"
    "  /                  the reference page, for a browser\n"
    "  /index.txt         this index\n";

static void respond_index(struct ctx *c)
{
    struct buffer text = {NULL, 0, 0};
    struct sink s;

    s.b = &text;
    s.failed = 0;
    put(&s, "httpstatus " HTTPSTATUS_VERSION_STRING
            ": a test server that answers with any HTTP status code.\n\n"
            "Endpoints (GET, HEAD, POST, PUT, PATCH, DELETE):\n");
    put(&s, endpoints);
    putf(&s,
         "\nQuery parameters:\n"
         "  sleep=MS           wait MS milliseconds first, 0 to %u\n"
         "  header=Name:Value  add a header field, up to %d times; the "
         "value is\n"
         "                     %%XX-decoded ('+' stays '+') and may not "
         "hold\n"
         "                     control characters\n"
         "  location=/path     the Location of 201, 300-303, 307 and 308 "
         "(default\n"
         "                     %s); a path on this server, never decoded\n"
         "  retry_after=N      the Retry-After of 429 and 503 in seconds, 0 "
         "to\n"
         "                     %u (default %u)\n",
         c->opt->max_sleep_ms, HEADERS_MAX, LOCATION_DEFAULT, RETRY_AFTER_MAX,
         RETRY_AFTER_DEFAULT);
    put(&s,
        "\nBehaviour:\n"
        "  Content follows Accept: text/plain (the default), "
        "application/json or\n"
        "  text/html.\n"
        "  GET /200 and GET /206 honour one byte range (Range: "
        "bytes=0-99).\n"
        "  1xx codes send the interim response, then a final 200; HTTP/1.0 "
        "clients\n"
        "  get the 200 alone. /101 switches to the protocol "
        "\"" UPGRADE_PROTOCOL "\"\n"
        "  (which closes at once) when the request asks to upgrade, and "
        "answers 426\n"
        "  otherwise.\n"
        "  OPTIONS answers CORS preflights; every response allows any "
        "origin.\n"
        "  CONNECT and TRACE get 405.\n");
    if (s.failed) {
        c->out.failed = 1;
    } else {
        text_reply(c, 200, 0, text.data);
    }
    buffer_free(&text);
}

static void respond_not_found(struct ctx *c)
{
    char text[sizeof endpoints + 64];

    snprintf(text, sizeof text,
             "There is nothing at this path. This server answers:\n\n%s",
             endpoints);
    text_reply(c, 404, 1, text);
}

/* ------------------------------------------------------------ the router */

static void respond_options(struct ctx *c)
{
    const struct request *req = c->req;

    c->reply->status = 204;
    head_start(c, 204, 0);
    if (req->access_control_request_method.p != NULL)
        put(&c->out, "Access-Control-Allow-Methods: " METHODS "\r\n"
                     "Access-Control-Allow-Headers: *\r\n"
                     "Access-Control-Max-Age: 86400\r\n");
    else
        put(&c->out, "Allow: " METHODS "\r\n");
    head_end(c, NULL, 0, -1);
}

static int build(struct ctx *c)
{
    const struct request *req = c->req;
    const char *path = req->path.p;
    size_t n = req->path.n;
    /* About 8 KiB: the stack, not the heap, on every request. */
    struct params params, *q;
    int code = 0, r = 0;
    enum { CODE, RANDOM, INDEX, HEALTHZ, CODES, CODE_JSON, NOT_FOUND } route;

    if (eq_exact(req->method.p, req->method.n, "CONNECT") ||
        eq_exact(req->method.p, req->method.n, "TRACE")) {
        c->reply->status = 405;
        head_start(c, 405, 0);
        put(&c->out, "Allow: " METHODS "\r\n");
        c->q = NULL;
        {
            static const char text[] =
                "405 Method Not Allowed\n\nThis server is no proxy, so it "
                "refuses CONNECT, and it never reflects a request, so it "
                "refuses TRACE.\n";
            head_end(c, media_type[MEDIA_TEXT], 0,
                     (long long)(sizeof text - 1));
            content(c, text, sizeof text - 1);
        }
        return 0;
    }
    if (req->is_options) {
        respond_options(c);
        return 0;
    }

    if (path == NULL || n == 0) {
        path = "/";
        n = 1;
    }
    if (path[0] != '/') {
        snprintf(c->err, sizeof c->err,
                 "The request target is not a path (only OPTIONS may use "
                 "\"*\").");
        bad_request(c);
        return 0;
    }
    /* The page keeps its own state in its query (?q=teapot&class=4), and
     * reads it in the browser: the server ignores it. */
    if (n == 1)
        return respond_page(c);
    if (eq_exact(path, n, "/index.txt")) {
        route = INDEX;
    } else if (n == 15 && memcmp(path, "/codes/", 7) == 0 &&
               memcmp(path + 10, ".json", 5) == 0) {
        route = CODE_JSON;
        code = parse_code(path + 7, 3);
        if (code < 0)
            route = NOT_FOUND;
    } else if (eq_exact(path, n, "/healthz")) {
        route = HEALTHZ;
    } else if (eq_exact(path, n, "/codes.json")) {
        route = CODES;
    } else if (eq_exact(path, n, "/random") ||
               (n >= 8 && memcmp(path, "/random/", 8) == 0)) {
        route = RANDOM;
    } else if (is_digit(path[1]) || path[1] == '-' || path[1] == '+') {
        route = CODE;
        code = parse_code(path + 1, n - 1);
        if (code < 0) {
            snprintf(c->err, sizeof c->err,
                     "A status code is three digits from 100 to 599, as in "
                     "/404; this path starts like a code but is not one.");
            bad_request(c);
            return 0;
        }
    } else {
        route = NOT_FOUND;
    }

    q = &params;
    if (parse_query(q, req->query, c->opt, c->err, sizeof c->err) != 0) {
        bad_request(c);
        return 0;
    }
    if (route == RANDOM) {
        code = random_code(path + 7 + (n > 7), n - 7 - (n > 7), c->rng, c->err,
                           sizeof c->err);
        if (code < 0) {
            bad_request(c);
            return 0;
        }
    }
    c->q = q;
    c->reply->sleep_ms = q->sleep_ms;
    /* A draw, a health check and a delayed reply are each for the
     * request that asked: a shared cache that kept one (heuristically,
     * RFC 9111, Section 4.2.2) would hand it to every client. */
    c->no_store = route == RANDOM || route == HEALTHZ || q->sleep_ms > 0;
    switch (route) {
    case CODE:
    case RANDOM:
        respond_code(c, code);
        break;
    case INDEX:
        respond_index(c);
        break;
    case CODE_JSON:
        r = respond_code_json(c, code);
        if (r == 1) {
            respond_not_found(c);
            r = 0;
        }
        break;
    case HEALTHZ:
        text_reply(c, 200, 0, "ok\n");
        break;
    case CODES:
        r = respond_codes_json(c);
        break;
    case NOT_FOUND:
        respond_not_found(c);
        break;
    }
    c->q = NULL;
    return r;
}

/* -------------------------------------------------------------- entries */

/* Runs a builder and undoes everything it did when it fails. */
static int finish(struct ctx *c, size_t start, const struct reply *saved,
                  int r)
{
    struct reply *reply = c->reply;

    if (r == 0 && !c->out.failed)
        return 0;
    reply->status = saved->status;
    reply->close = saved->close;
    reply->sleep_ms = saved->sleep_ms;
    reply->out.len = start;
    if (reply->out.data != NULL)
        reply->out.data[start] = '\0';
    return -1;
}

int reply_build(const struct request *req, const struct serve_options *opt,
                long long now, uint64_t *rng, struct reply *reply)
{
    struct ctx c;
    struct reply saved;
    size_t start;

    if (req == NULL || opt == NULL || rng == NULL || reply == NULL)
        return -1;
    saved = *reply;
    start = reply->out.len;
    memset(&c, 0, sizeof c);
    c.req = req;
    c.opt = opt;
    c.reply = reply;
    c.rng = rng;
    c.out.b = &reply->out;
    c.send_content = !req->is_head;
    imf_fixdate(now, c.date, sizeof c.date);
    if (!req->keep_alive)
        reply->close = 1;
    reply->sleep_ms = 0;
    /* About this reply's head, or none (a 101 writes its own). */
    reply->connection_at = reply->connection_len = 0;
    return finish(&c, start, &saved, build(&c));
}

int reply_close(struct reply *reply)
{
    static const char upgrade[] = "Connection: upgrade";
    const char *field = "Connection: close\r\n";
    struct buffer *b;
    size_t at, old, n;

    if (reply == NULL || reply->close)
        return 0;
    reply->close = 1;
    b = &reply->out;
    at = reply->connection_at;
    old = reply->connection_len;
    if (at == 0 || at + old > b->len)
        return 0;
    /* A 426 names the protocol it wants in Upgrade, which Connection must
     * list; a 101 closes already. */
    if (old >= sizeof upgrade - 1 &&
        memcmp(b->data + at, upgrade, sizeof upgrade - 1) == 0)
        field = "Connection: upgrade, close\r\n";
    n = strlen(field);
    if (n > old && buffer_reserve(b, n - old) != 0)
        return -1;
    memmove(b->data + at + n, b->data + at + old, b->len - at - old);
    memcpy(b->data + at, field, n);
    b->len = b->len + n - old;
    b->data[b->len] = '\0';
    reply->connection_len = n;
    return 0;
}

int reply_error(int status, const char *text, long long now,
                struct reply *reply)
{
    static const struct {
        int status;
        const char *text;
    } texts[] = {
        {400, "The request is malformed: its request line, a header field "
              "or its framing breaks HTTP/1.1's syntax (RFC 9112).\n"},
        {408, "The request did not arrive in time.\n"},
        {414, "The request line is longer than this server accepts (8000 "
              "bytes).\n"},
        {417, "The request expects something other than 100-continue, the "
              "only expectation this server meets.\n"},
        {431, "The header section is larger than this server accepts (16384 "
              "bytes, or 100 fields).\n"},
        {500, "The server could not build the reply.\n"},
        {501, "The request uses a method or a transfer coding that this "
              "server does not implement.\n"},
        {505, "This server speaks HTTP/1.0 and HTTP/1.1 only.\n"},
    };
    static const struct request closing; /* HTTP/1.0, not keep-alive */
    const char *own = "The request was refused.\n";
    struct ctx c;
    struct reply saved;
    size_t start, k;

    if (reply == NULL)
        return -1;
    if (status < 400 || status > 599)
        status = 500;
    for (k = 0; k < sizeof texts / sizeof texts[0]; k++)
        if (texts[k].status == status)
            own = texts[k].text;
    if (text == NULL)
        text = own;
    saved = *reply;
    start = reply->out.len;
    memset(&c, 0, sizeof c);
    c.req = &closing;
    c.reply = reply;
    c.out.b = &reply->out;
    c.send_content = 1;
    imf_fixdate(now, c.date, sizeof c.date);
    reply->close = 1;
    reply->sleep_ms = 0;
    text_reply(&c, status, 1, text);
    return finish(&c, start, &saved, 0);
}
