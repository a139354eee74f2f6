/*
 * cookies.c: libFuzzer target for the cookie code of `httpstatus serve`
 * (server/cookies.c): the Cookie field reader, cookie_next(), the
 * cookie-name and cookie-octet checks, and the three endpoints.
 *
 * Input: any bytes. They are read three ways.
 *
 *  1. As one Cookie field value, in a buffer of exactly their size:
 *     every pair cookie_next() returns lies inside the input, after the
 *     previous one; its name passes cookie_name_ok(), its value
 *     cookie_value_ok() bare or inside double quotes; the position only
 *     grows and ends at the input's size. The pairs, written back as
 *     "n=v; n=v", read back as the same pairs; and each pair alone reads
 *     as itself. cookie_name_ok() and cookie_value_ok() on the whole
 *     input agree with byte-by-byte definitions of token and
 *     cookie-octet.
 *  2. Split at each LF into Cookie field lines of a GET /cookies, when
 *     the request parser takes the head: the answer is a 200 whose JSON
 *     lists each distinct name once, in sorted order.
 *  3. As the query of /cookies/set and /cookies/delete, when the parser
 *     takes the request line: the answer is a 302 to /cookies whose
 *     Set-Cookie fields are token=cookie-octets followed by exactly the
 *     attributes the server sends, at most 20 of them; or a 400 with no
 *     Set-Cookie at all.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "handlers.h"
#include "server.h"

#define PAIRS_MAX   16384 /* more than a head can hold */
#define HEAD_MAX    (REQUEST_HEAD_MAX + 64)
#define SET_SUFFIX  "; Path=/; HttpOnly"
#define COOKIES_MAX 20

static const struct serve_options options = {1000u, 1u << 20, NULL, NULL};

static int ref_tchar(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
           (ch >= 'A' && ch <= 'Z') ||
           (ch != 0 && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static int ref_octet(unsigned char ch)
{
    return ch == 0x21 || (ch >= 0x23 && ch <= 0x2b) ||
           (ch >= 0x2d && ch <= 0x3a) || (ch >= 0x3c && ch <= 0x5b) ||
           (ch >= 0x5d && ch <= 0x7e);
}

static int ref_name(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!ref_tchar((unsigned char)p[i]))
            return 0;
    return n > 0;
}

static int ref_value(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!ref_octet((unsigned char)p[i]))
            return 0;
    return 1;
}

struct pairs {
    struct slice name[PAIRS_MAX], value[PAIRS_MAX];
    size_t n;
};

/* Reads buf[0..n) with cookie_next(), checking each step. */
static void read_all(const char *buf, size_t n, struct pairs *out)
{
    struct slice name, value;
    size_t pos = 0, last = 0;

    out->n = 0;
    while (cookie_next(buf, n, &pos, &name, &value)) {
        CHECK(pos > last && pos <= n);
        CHECK(name.p >= buf + last && name.p + name.n <= buf + pos);
        CHECK(value.p == name.p + name.n + 1 && value.p[-1] == '=');
        CHECK(value.p + value.n <= buf + pos);
        CHECK(cookie_name_ok(name.p, name.n) && ref_name(name.p, name.n));
        if (value.n >= 2 && value.p[0] == '"' && value.p[value.n - 1] == '"')
            CHECK(ref_value(value.p + 1, value.n - 2));
        else
            CHECK(cookie_value_ok(value.p, value.n) &&
                  ref_value(value.p, value.n));
        CHECK(out->n < PAIRS_MAX);
        out->name[out->n] = name;
        out->value[out->n++] = value;
        last = pos;
    }
    CHECK(pos == n || n == 0);
}

/* Whether word occurs in data[0..size). */
static int contains(const uint8_t *data, size_t size, const char *word)
{
    size_t n = strlen(word), i;

    for (i = 0; i + n <= size; i++)
        if (memcmp(data + i, word, n) == 0)
            return 1;
    return 0;
}

static int same(struct slice a, struct slice b)
{
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* Part 1. */
static void check_reader(const uint8_t *data, size_t size)
{
    static struct pairs first, again, one;
    char *buf = copy_of(data, size), *back;
    size_t k, len = 0, cap = 1;

    if (size > 2 * PAIRS_MAX - 2) {
        free(buf);
        return;
    }
    CHECK(cookie_name_ok(buf, size) == ref_name(buf, size));
    CHECK(cookie_value_ok(buf, size) == ref_value(buf, size));
    read_all(buf, size, &first);
    CHECK(first.n <= size / 2 + 1);

    for (k = 0; k < first.n; k++)
        cap += first.name[k].n + first.value[k].n + 3;
    back = malloc(cap);
    CHECK(back != NULL);
    for (k = 0; k < first.n; k++) {
        size_t start = len;
        if (k > 0) {
            memcpy(back + len, "; ", 2);
            len += 2;
            start = len;
        }
        memcpy(back + len, first.name[k].p, first.name[k].n);
        len += first.name[k].n;
        back[len++] = '=';
        memcpy(back + len, first.value[k].p, first.value[k].n);
        len += first.value[k].n;
        read_all(back + start, len - start, &one);
        CHECK(one.n == 1 && same(one.name[0], first.name[k]) &&
              same(one.value[0], first.value[k]));
    }
    read_all(back, len, &again);
    CHECK(again.n == first.n);
    for (k = 0; k < first.n; k++)
        CHECK(same(again.name[k], first.name[k]) &&
              same(again.value[k], first.value[k]));
    free(back);
    free(buf);
}

/* Parses head[0..n) and answers it into res: 0, or -1 when the parser
 * refuses the head (nothing to check then). */
static int answer(const char *head, size_t n, struct response *res)
{
    struct request_parser parser;
    struct request req;
    uint64_t rng = 1;
    int r;

    memset(&parser, 0, sizeof parser);
    r = request_parse(&parser, head, n, &req);
    if (r <= 0)
        return -1;
    CHECK((size_t)r == n);
    memset(res, 0, sizeof *res);
    CHECK(route_respond(&req, &options, 784111777LL, &rng, res) == 0);
    CHECK(!res->failed);
    return 0;
}

static size_t count_fields(const struct response *res, const char *name,
                           const struct field **last)
{
    size_t k, count = 0;

    for (k = 0; k < res->nfields; k++) {
        const struct field *f = &res->fields[k];
        if (f->name_len == strlen(name) &&
            memcmp(res->text + f->name, name, f->name_len) == 0) {
            count++;
            if (last != NULL)
                *last = f;
        }
    }
    return count;
}

/* Part 2. */
static void check_cookies_page(const uint8_t *data, size_t size)
{
    static char head[HEAD_MAX];
    static struct pairs all, line;
    static const char start[] = "GET /cookies HTTP/1.1\r\nHost: a\r\n";
    struct response res;
    size_t len = sizeof start - 1, i = 0, k, j, distinct = 0, n;
    const char *content;

    if (size > REQUEST_HEAD_MAX)
        return;
    if (size == 0)
        data = (const uint8_t *)"";
    memcpy(head, start, len);
    all.n = 0;
    while (i <= size) {
        const uint8_t *lf = memchr(data + i, '\n', size - i);
        size_t end = lf != NULL ? (size_t)(lf - data) : size;
        memcpy(head + len, "Cookie: ", 8);
        memcpy(head + len + 8, data + i, end - i);
        read_all(head + len + 8, end - i, &line);
        for (k = 0; k < line.n && all.n < PAIRS_MAX; k++) {
            all.name[all.n] = line.name[k];
            all.value[all.n++] = line.value[k];
        }
        len += 8 + end - i;
        memcpy(head + len, "\r\n", 2);
        len += 2;
        i = end + 1;
        if (len + 2 + 8 >= sizeof head)
            return;
    }
    memcpy(head + len, "\r\n", 2);
    len += 2;
    if (answer(head, len, &res) != 0)
        return;
    CHECK(res.status == 200);
    for (k = 0; k < all.n; k++) {
        for (j = 0; j < k; j++)
            if (same(all.name[j], all.name[k]))
                break;
        distinct += j == k;
    }
    content = response_content(&res, &n);
    CHECK(n >= 3 && content[0] == '{' &&
          memcmp(content + n - 2, "}\n", 2) == 0);
    /* Each distinct name once: "name": "value", names never needing an
     * escape (tokens have no '"' or '\'). */
    {
        size_t found = 0, at = 1;
        const char *prev = NULL;
        size_t prev_n = 0;
        while (at < n - 2) {
            const char *q;
            size_t nn;
            CHECK(content[at] == '"');
            q = memchr(content + at + 1, '"', n - at - 1);
            CHECK(q != NULL);
            nn = (size_t)(q - (content + at + 1));
            if (prev != NULL) {
                size_t m = nn < prev_n ? nn : prev_n;
                int c = memcmp(prev, content + at + 1, m);
                CHECK(c < 0 || (c == 0 && prev_n < nn));
            }
            prev = content + at + 1;
            prev_n = nn;
            found++;
            /* Skip ": " and the value string, escapes included. */
            at = (size_t)(q - content) + 1;
            CHECK(memcmp(content + at, ": \"", 3) == 0);
            at += 3;
            while (at < n && content[at] != '"')
                at += content[at] == '\\' ? 2 : 1;
            CHECK(at < n);
            at++;
            if (memcmp(content + at, ", ", 2) == 0)
                at += 2;
        }
        CHECK(found == distinct);
    }
    response_free(&res);
}

/* Part 3. */
static void check_set(const uint8_t *data, size_t size, int deleting)
{
    static char head[HEAD_MAX];
    const char *path = deleting ? "/cookies/delete?" : "/cookies/set?";
    struct response res;
    size_t len, k, count;
    int has_header = contains(data, size, "header");

    if (size > REQUEST_LINE_MAX)
        return;
    if (size == 0)
        data = (const uint8_t *)"";
    len = (size_t)snprintf(head, sizeof head, "GET %s", path);
    memcpy(head + len, data, size);
    len += size;
    len += (size_t)snprintf(head + len, sizeof head - len,
                            " HTTP/1.1\r\nHost: a\r\n\r\n");
    if (answer(head, len, &res) != 0)
        return;
    count = count_fields(&res, "Set-Cookie", NULL);
    CHECK(res.status == 302 || res.status == 400);
    if (res.status == 400) {
        CHECK(count == 0);
        response_free(&res);
        return;
    }
    CHECK(count <= COOKIES_MAX);
    /* A ?header may set Set-Cookie or Location itself. */
    for (k = 0; k < res.nfields && !has_header; k++) {
        const struct field *f = &res.fields[k];
        const char *v = res.text + f->value;
        size_t eq, end;
        if (f->name_len != 10 || memcmp(res.text + f->name, "Set-Cookie", 10))
            continue;
        for (eq = 0; eq < f->value_len && v[eq] != '='; eq++)
            ;
        CHECK(eq < f->value_len && ref_name(v, eq));
        for (end = eq + 1; end < f->value_len && v[end] != ';'; end++)
            ;
        CHECK(ref_value(v + eq + 1, end - eq - 1));
        if (deleting) {
            CHECK(end == eq + 1);
            CHECK(f->value_len - end ==
                  strlen("; Path=/; Expires=Sat, 06 Nov 1993 08:49:37 GMT; "
                         "HttpOnly"));
            CHECK(memcmp(v + end,
                         "; Path=/; Expires=Sat, 06 Nov 1993 08:49:37 GMT; "
                         "HttpOnly",
                         f->value_len - end) == 0);
        } else {
            CHECK(f->value_len - end == strlen(SET_SUFFIX) &&
                  memcmp(v + end, SET_SUFFIX, strlen(SET_SUFFIX)) == 0);
        }
    }
    if (!has_header) {
        const struct field *loc = NULL;
        CHECK(count_fields(&res, "Location", &loc) == 1);
        CHECK(loc->value_len == 8 &&
              memcmp(res.text + loc->value, "/cookies", 8) == 0);
    }
    response_free(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_reader(data, size);
    check_cookies_page(data, size);
    check_set(data, size, 0);
    check_set(data, size, 1);
    return 0;
}
