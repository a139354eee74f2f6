/* test_form.c: the echo endpoints' decoders (server/form.c):
 * percent-decoding, form-urlencoded pairs, the multipart boundary and
 * bodies, and UTF-8 validation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "harness.h"
#include "utf8.h"

/* An exact-size copy of s[0..n), so that ASan sees any read past n. */
static char *exact(const char *s, size_t n)
{
    char *p = malloc(n > 0 ? n : 1);

    if (p != NULL && n > 0)
        memcpy(p, s, n);
    return p;
}

/* ---------------------------------------------------- percent-encoding */

struct pct_case {
    const char *input;
    size_t len;
    int plus_is_space;
    const char *output; /* NULL when the result is an error */
    size_t out_len;
    long result;
};

#define PCT(in, plus, out)                                                    \
    {                                                                         \
        in, sizeof in - 1, plus, out, sizeof out - 1, (long)sizeof out - 1    \
    }
#define PCT_ERR(in, plus, err)                                                \
    {                                                                         \
        in, sizeof in - 1, plus, NULL, 0, err                                 \
    }

static const struct pct_case pcts[] = {
    PCT("", 1, ""),
    PCT("abc", 1, "abc"),
    PCT("%41%42", 0, "AB"),
    PCT("%4a%4A%4b", 1, "JJK"),
    PCT("%00", 1, "\0"),
    PCT("a%00b", 0, "a\0b"),
    PCT("%ff%FF%80", 1, "\xff\xff\x80"),
    PCT("%20", 0, " "),
    PCT("%25", 1, "%"),
    PCT("%2541", 1, "%41"), /* one decoding, not two */
    PCT("a+b", 1, "a b"),
    PCT("a+b", 0, "a+b"),
    PCT("+++", 1, "   "),
    PCT("%2B", 1, "+"), /* an escaped plus is a plus */
    PCT("%2b+", 0, "++"),
    PCT("\xc3\xa9t\xc3\xa9", 1, "\xc3\xa9t\xc3\xa9"), /* UTF-8 passes */
    PCT("%C3%A9", 1, "\xc3\xa9"),
    PCT("\xff\x01\x7f", 0, "\xff\x01\x7f"), /* any byte passes */
    PCT("=&;?/", 1, "=&;?/"),
    PCT_ERR("%", 1, -1),
    PCT_ERR("a%", 1, -1),
    PCT_ERR("%4", 1, -1),
    PCT_ERR("ab%4", 0, -1),
    PCT_ERR("%zz", 1, -1),
    PCT_ERR("%4g", 1, -1),
    PCT_ERR("%g4", 1, -1),
    PCT_ERR("%%41", 1, -1),
    PCT_ERR("%-1", 1, -1),
    PCT_ERR("%+1", 1, -1),
    PCT_ERR("% 1", 1, -1),
    PCT_ERR("ok%41then%x", 1, -1),
};

static void percent_decoding_follows_the_table(void)
{
    size_t i;

    for (i = 0; i < sizeof pcts / sizeof pcts[0]; i++) {
        const struct pct_case *c = &pcts[i];
        char *in = exact(c->input, c->len);
        char out[64];
        long got =
            percent_decode(in, c->len, out, sizeof out, c->plus_is_space);
        if (got != c->result)
            printf("# percent case %zu: %ld, want %ld\n", i, got, c->result);
        CHECK(got == c->result);
        if (c->output != NULL && got == c->result)
            CHECK(memcmp(out, c->output, c->out_len) == 0);
        free(in);
    }
}

static void percent_decoding_sizes_its_output(void)
{
    char out[8], in[] = "a%41+b";
    size_t size;

    /* Exactly enough, one short, none. */
    for (size = 0; size <= 4; size++) {
        long want = size >= 4 ? 4 : -2;
        memset(out, '#', sizeof out);
        CHECK(percent_decode("a%41+b", 6, out, size, 1) == want);
        CHECK(out[size] == '#'); /* nothing written past size */
    }
    CHECK(memcmp(out, "aA b", 4) == 0);
    /* A malformed escape is -1 however small the output is. */
    CHECK(percent_decode("ab%zz", 5, out, 0, 1) == -1);
    CHECK(percent_decode("ab%", 3, out, 1, 1) == -1);
    /* NULL: an empty input is fine, a missing output is not. */
    CHECK(percent_decode(NULL, 0, out, sizeof out, 1) == 0);
    CHECK(percent_decode(NULL, 1, out, sizeof out, 1) == -3);
    CHECK(percent_decode("a", 1, NULL, 0, 1) == -3);
    CHECK(percent_decode("", 0, NULL, 0, 1) == -3);
    /* In place. */
    CHECK(percent_decode(in, 6, in, sizeof in, 1) == 4);
    CHECK(memcmp(in, "aA b", 4) == 0);
}

/* Every prefix of a string with escapes decodes to a prefix of its
 * decoding, or is -1 exactly when it ends inside an escape. */
static void every_prefix_of_an_escaped_string(void)
{
    static const char s[] = "x%41%c3%A9+%00y";
    static const char d[] = "xA\xc3\xa9 \0y";
    size_t k;

    for (k = 0; k <= sizeof s - 1; k++) {
        char *in = exact(s, k), out[32];
        long got = percent_decode(in, k, out, sizeof out, 1);
        const char *pct = memchr(s, '%', k);
        int inside = 0;
        while (pct != NULL) {
            size_t at = (size_t)(pct - s);
            if (k - at < 3)
                inside = 1;
            pct = at + 1 < k ? memchr(s + at + 1, '%', k - at - 1) : NULL;
        }
        if (inside) {
            CHECK(got == -1);
        } else {
            CHECK(got >= 0 && memcmp(out, d, (size_t)got) == 0);
        }
        free(in);
    }
}

/* ------------------------------------ application/x-www-form-urlencoded */

/* The pairs of s as "[name=value]", or "[name]" for a piece without '=',
 * the raw bytes in between; the number of pairs, or -1 when form_next()
 * breaks a promise (a slice outside s, out of order, no progress). */
static int pairs_of(const char *s, char *out, size_t size)
{
    size_t n = strlen(s), pos = 0, used = 0, last_end = 0;
    char *in = exact(s, n);
    struct slice name, value;
    int count = 0, r;

    out[0] = '\0';
    while ((r = form_next(in, n, &pos, &name, &value)) == 1) {
        int has_eq = value.p == name.p + name.n + 1;
        size_t start = (size_t)(name.p - in);
        if (start < last_end || (name.n + value.n == 0 && !has_eq) ||
            value.p + value.n > in + n ||
            (!has_eq && value.p != name.p + name.n) ||
            pos != (size_t)(value.p + value.n - in) || count > (int)n) {
            count = -1;
            break;
        }
        last_end = pos;
        used += (size_t)snprintf(out + used, size - used, "[%.*s%s%.*s]",
                                 (int)name.n, name.p, has_eq ? "=" : "",
                                 (int)value.n, value.p);
        if (used >= size)
            used = size - 1;
        count++;
    }
    if (r != 0 && count >= 0)
        count = -1;
    free(in);
    return count;
}

struct pairs_case {
    const char *input;
    const char *pairs;
};

static const struct pairs_case pair_cases[] = {
    {"", ""},
    {"&", ""},
    {"&&&", ""},
    {"a", "[a]"},
    {"a=", "[a=]"},
    {"=b", "[=b]"},
    {"=", "[=]"},
    {"==", "[==]"},
    {"a=1&a=2", "[a=1][a=2]"},
    {"a=1&&b=2&", "[a=1][b=2]"},
    {"&a&", "[a]"},
    {"a=b=c", "[a=b=c]"},
    {"a=1;b=2", "[a=1;b=2]"}, /* ';' is no separator */
    {"%61=%62+c", "[%61=%62+c]"},
    {"a&b=&=c&d", "[a][b=][=c][d]"},
    {"sleep=10&x", "[sleep=10][x]"},
};

static void form_pairs_follow_the_table(void)
{
    size_t i;

    for (i = 0; i < sizeof pair_cases / sizeof pair_cases[0]; i++) {
        char got[256];
        int count = pairs_of(pair_cases[i].input, got, sizeof got);
        if (count < 0 || strcmp(got, pair_cases[i].pairs) != 0)
            printf("# pairs of \"%s\": %d \"%s\", want \"%s\"\n",
                   pair_cases[i].input, count, got, pair_cases[i].pairs);
        CHECK(count >= 0);
        CHECK(strcmp(got, pair_cases[i].pairs) == 0);
    }
}

static void form_iteration_is_null_safe_and_ends(void)
{
    struct slice name = {NULL, 0}, value = {NULL, 0};
    size_t pos = 0, n = 20000, i;
    char *s = malloc(n);
    int count = 0;

    CHECK(form_next(NULL, 0, &pos, &name, &value) == 0);
    CHECK(form_next(NULL, 3, &pos, &name, &value) == -1);
    CHECK(form_next("a", 1, NULL, &name, &value) == -1);
    CHECK(form_next("a", 1, &pos, NULL, &value) == -1);
    CHECK(form_next("a", 1, &pos, &name, NULL) == -1);
    pos = 5;
    CHECK(form_next("a", 1, &pos, &name, &value) == 0);
    CHECK(name.p == NULL && value.p == NULL); /* left alone */
    pos = 0;
    CHECK(form_next("a", 1, &pos, &name, &value) == 1 && pos == 1);
    CHECK(form_next("a", 1, &pos, &name, &value) == 0);
    CHECK(form_next("a", 1, &pos, &name, &value) == 0);

    /* Ten thousand pairs, then ten thousand empty pieces. */
    for (i = 0; i < n; i += 2) {
        s[i] = 'a';
        s[i + 1] = '&';
    }
    pos = 0;
    while (form_next(s, n, &pos, &name, &value) == 1)
        count++;
    CHECK(count == 10000);
    memset(s, '&', n);
    pos = 0;
    CHECK(form_next(s, n, &pos, &name, &value) == 0 && pos == n);
    free(s);
}

/* The pairs of a query, decoded as an echo endpoint would. */
static void form_pairs_decode_with_plus_as_space(void)
{
    static const char q[] = "name=J%C3%BCrgen+M&empty=&flag&x=%zz";
    struct slice name, value;
    size_t pos = 0;
    char out[32];

    CHECK(form_next(q, sizeof q - 1, &pos, &name, &value) == 1);
    CHECK(percent_decode(value.p, value.n, out, sizeof out, 1) == 9);
    CHECK(memcmp(out, "J\xc3\xbcrgen M", 9) == 0);
    CHECK(utf8_valid(out, 9));
    CHECK(form_next(q, sizeof q - 1, &pos, &name, &value) == 1);
    CHECK(name.n == 5 && value.n == 0 && value.p == name.p + 6);
    CHECK(form_next(q, sizeof q - 1, &pos, &name, &value) == 1);
    CHECK(name.n == 4 && value.n == 0 && value.p == name.p + 4);
    CHECK(form_next(q, sizeof q - 1, &pos, &name, &value) == 1);
    CHECK(percent_decode(value.p, value.n, out, sizeof out, 1) == -1);
    CHECK(form_next(q, sizeof q - 1, &pos, &name, &value) == 0);
}

/* --------------------------------------------------- multipart boundary */

struct boundary_case {
    const char *content_type;
    const char *boundary; /* NULL: -1 */
};

#define SEVENTY                                                               \
    "0123456789"                                                              \
    "0123456789"                                                              \
    "0123456789"                                                              \
    "0123456789"                                                              \
    "0123456789"                                                              \
    "0123456789"                                                              \
    "0123456789"

static const struct boundary_case boundaries[] = {
    {"multipart/form-data; boundary=abc", "abc"},
    {"multipart/form-data; boundary=\"abc def\"", "abc def"},
    {"Multipart/Form-Data; BOUNDARY=abc", "abc"},
    {"MULTIPART/FORM-DATA;Boundary=abc", "abc"},
    {"multipart/form-data; charset=utf-8; boundary=abc", "abc"},
    {"multipart/form-data;charset=\"a;b\";boundary=x", "x"},
    {"multipart/form-data; charset=\"boundary=evil\"; boundary=good", "good"},
    {"multipart/form-data; xboundary=no; boundary=yes", "yes"},
    {"multipart/form-data; boundary=------------------------6122b33c62f242c3",
     "------------------------6122b33c62f242c3"},
    {"multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
     "----WebKitFormBoundary7MA4YWxkTrZu0gW"},
    {"multipart/form-data; boundary=\"'()+_,-./:=?\"", "'()+_,-./:=?"},
    {"multipart/form-data; boundary=\" a\"", " a"},
    {"  multipart/form-data ; boundary=abc  ", "abc"},
    {"\tmultipart/form-data;\tboundary=abc\t", "abc"},
    {"multipart/form-data; boundary=abc;", "abc"},
    {"multipart/form-data;; boundary=abc;;", "abc"},
    {"multipart/form-data; boundary=" SEVENTY, SEVENTY},
    {"multipart/form-data; boundary=\"" SEVENTY "\"", SEVENTY},
    /* no boundary */
    {"multipart/form-data", NULL},
    {"multipart/form-data;", NULL},
    {"multipart/form-data; charset=utf-8", NULL},
    {"", NULL},
    {"boundary=abc", NULL},
    /* another media type */
    {"multipart/mixed; boundary=abc", NULL},
    {"multipart/form-datax; boundary=abc", NULL},
    {"text/plain; boundary=abc", NULL},
    {"application/x-www-form-urlencoded", NULL},
    {"form-data; boundary=abc", NULL},
    /* too long, empty */
    {"multipart/form-data; boundary=" SEVENTY "x", NULL},
    {"multipart/form-data; boundary=\"" SEVENTY "x\"", NULL},
    {"multipart/form-data; boundary=", NULL},
    {"multipart/form-data; boundary=\"\"", NULL},
    /* characters RFC 2046 does not allow */
    {"multipart/form-data; boundary=a*b", NULL},
    {"multipart/form-data; boundary=a~b", NULL},
    {"multipart/form-data; boundary=\"a@b\"", NULL},
    {"multipart/form-data; boundary=\"a\xc3\xa9\"", NULL},
    {"multipart/form-data; boundary=\"ab \"", NULL},
    {"multipart/form-data; boundary=\"a\\bc\"", NULL},
    /* malformed */
    {"multipart/form-data; boundary=a@b", NULL},
    {"multipart/form-data; boundary=a b", NULL},
    {"multipart/form-data; boundary = abc", NULL},
    {"multipart/form-data; boundary =abc", NULL},
    {"multipart/form-data; boundary= abc", NULL},
    {"multipart/form-data boundary=abc", NULL},
    {"multipart/form-data, boundary=abc", NULL},
    {"multipart/form-data; boundary=\"abc", NULL},
    {"multipart/form-data; boundary=\"abc\\\"", NULL},
    {"multipart/form-data; boundary=\"abc\"x", NULL},
    {"multipart/form-data; boundary", NULL},
    {"multipart/form-data; =abc", NULL},
    {"multipart/; boundary=abc", NULL},
    {"multipart /form-data; boundary=abc", NULL},
    {"multipart/form-data; charset=\"a\x01\"; boundary=abc", NULL},
    {"multipart/form-data; boundary=abc\r\n", NULL},
    /* twice */
    {"multipart/form-data; boundary=a; boundary=b", NULL},
    {"multipart/form-data; boundary=a; BOUNDARY=a", NULL},
};

static void boundaries_follow_the_table(void)
{
    size_t i;

    for (i = 0; i < sizeof boundaries / sizeof boundaries[0]; i++) {
        const struct boundary_case *c = &boundaries[i];
        size_t n = strlen(c->content_type);
        char *in = exact(c->content_type, n);
        struct slice b = {NULL, 0};
        int got = multipart_boundary(in, n, &b);
        int ok = c->boundary == NULL
                     ? got == -1
                     : got == 0 && b.n == strlen(c->boundary) &&
                           memcmp(b.p, c->boundary, b.n) == 0 && b.p >= in &&
                           b.p + b.n <= in + n;
        if (!ok)
            printf("# boundary of \"%s\": %d \"%.*s\"\n", c->content_type, got,
                   (int)b.n, b.p ? b.p : "");
        CHECK(ok);
        free(in);
    }
    CHECK(multipart_boundary("multipart/form-data; boundary=a", 31, NULL) ==
          -1);
    {
        struct slice b;
        CHECK(multipart_boundary(NULL, 0, &b) == -1);
        CHECK(multipart_boundary(NULL, 5, &b) == -1);
    }
}

/* ------------------------------------------------------ multipart bodies */

/* What curl 7.88.1 sent for
 *   curl -F 'greeting=hi there' -F 'upload=@notes.txt;type=text/plain' \
 *        -F 'q="quoted"' http://127.0.0.1:8765/post
 * captured from the socket: the Content-Type field, then the body. */
static const char curl_type[] =
    "multipart/form-data; "
    "boundary=------------------------6122b33c62f242c3";
static const char curl_body[] =
    "--------------------------6122b33c62f242c3\r\n"
    "Content-Disposition: form-data; name=\"greeting\"\r\n"
    "\r\n"
    "hi there\r\n"
    "--------------------------6122b33c62f242c3\r\n"
    "Content-Disposition: form-data; name=\"upload\"; "
    "filename=\"notes.txt\"\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "hello file\n"
    "second line\n"
    "\r\n"
    "--------------------------6122b33c62f242c3\r\n"
    "Content-Disposition: form-data; name=\"q\"\r\n"
    "\r\n"
    "quoted\r\n"
    "--------------------------6122b33c62f242c3--\r\n";

/* The same curl with a '"' in a field name and in a filename, as it
 * sends them by default (percent-encoded, as browsers do) and with
 * --form-escape (backslash-escaped):
 *   curl [--form-escape] -F 'na"me=v' -F 'f=@notes.txt;filename="a\"b.txt"'
 */
static const char curl_pct_body[] =
    "--------------------------d89c197a43373a1c\r\n"
    "Content-Disposition: form-data; name=\"na%22me\"\r\n"
    "\r\n"
    "v\r\n"
    "--------------------------d89c197a43373a1c\r\n"
    "Content-Disposition: form-data; name=\"f\"; filename=\"a%22b.txt\"\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "hello file\n"
    "second line\n"
    "\r\n"
    "--------------------------d89c197a43373a1c--\r\n";
static const char curl_escaped_body[] =
    "--------------------------14807e1a82056d3f\r\n"
    "Content-Disposition: form-data; name=\"na\\\"me\"\r\n"
    "\r\n"
    "v\r\n"
    "--------------------------14807e1a82056d3f\r\n"
    "Content-Disposition: form-data; name=\"f\"; filename=\"a\\\"b.txt\"\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "hello file\n"
    "second line\n"
    "\r\n"
    "--------------------------14807e1a82056d3f--\r\n";

/* The parts of body as "name(filename){type}=data;", the filename and
 * type only when present, into out; returns the last result of
 * multipart_next() (0 or -1), or -9 when a slice falls outside the body
 * or the parts come out of order. */
static int parts_of(const char *body, size_t len, const char *boundary,
                    char *out, size_t size)
{
    char *in = exact(body, len);
    struct multipart m;
    struct multipart_part part;
    struct slice b;
    size_t used = 0;
    const char *last = in;
    int r, count = 0;

    b.p = boundary;
    b.n = strlen(boundary);
    out[0] = '\0';
    if (multipart_init(&m, in, len, b) != 0) {
        free(in);
        return -8;
    }
    while ((r = multipart_next(&m, &part)) == 1) {
        const struct slice *s[4];
        size_t k;
        s[0] = &part.name;
        s[1] = &part.filename;
        s[2] = &part.content_type;
        s[3] = &part.data;
        for (k = 0; k < 4; k++) {
            if (s[k]->p == NULL)
                continue;
            if (s[k]->p < last || s[k]->p + s[k]->n > in + len) {
                free(in);
                return -9;
            }
        }
        if (part.data.p < part.name.p) {
            free(in);
            return -9;
        }
        last = part.data.p + part.data.n;
        used += (size_t)snprintf(out + used, size - used, "%.*s",
                                 (int)part.name.n, part.name.p);
        if (used < size && part.filename.p != NULL)
            used += (size_t)snprintf(out + used, size - used, "(%.*s)",
                                     (int)part.filename.n, part.filename.p);
        if (used < size && part.content_type.p != NULL)
            used += (size_t)snprintf(out + used, size - used, "{%.*s}",
                                     (int)part.content_type.n,
                                     part.content_type.p);
        if (used < size)
            used += (size_t)snprintf(out + used, size - used, "=%.*s;",
                                     (int)part.data.n, part.data.p);
        if (used >= size)
            used = size - 1;
        if (++count > (int)len) {
            free(in);
            return -9;
        }
    }
    /* The answer stays what it was. */
    if (multipart_next(&m, &part) != r)
        r = -9;
    free(in);
    return r;
}

struct body_case {
    const char *body;
    size_t len;
    const char *parts; /* as parts_of() writes them */
    int result;        /* 0 or -1 */
};

#define BODY(body, parts, result)                                             \
    {                                                                         \
        body, sizeof body - 1, parts, result                                  \
    }
#define CD "Content-Disposition: form-data; name="

static const struct body_case bodies[] = {
    /* the plainest */
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b--", "a=x;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b--\r\n", "a=x;", 0),
    BODY("--b\r\n" CD "\"a\"\r\n\r\nx\r\n--b\r\n" CD "\"b\"\r\n\r\ny\r\n--b--",
         "a=x;b=y;", 0),
    /* empty data, data that looks like framing */
    BODY("--b\r\n" CD "a\r\n\r\n\r\n--b--", "a=;", 0),
    BODY("--b\r\n" CD "a\r\n\r\n\r\n\r\n--b--", "a=\r\n;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\r\n--b--", "a=x\r;", 0),
    BODY("--b\r\n" CD "a\r\n\r\n--b\r\n--b--", "a=--b;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx--b\r\ny --b--\r\n--b--",
         "a=x--b\r\ny --b--;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--bb\r\n--b--", "a=x\r\n--bb;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b x\r\n--b--", "a=x\r\n--b x;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx\n--b\r\n--b--", "a=x\n--b;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx\r--b\r\n--b--", "a=x\r--b;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n-b\r\n--b--", "a=x\r\n-b;", 0),
    /* preamble and epilogue */
    BODY("This is a preamble.\r\n--b\r\n" CD "a\r\n\r\nx\r\n--b--\r\n"
         "and an epilogue, with --b\r\n in it",
         "a=x;", 0),
    BODY("\r\n--b\r\n" CD "a\r\n\r\nx\r\n--b--", "a=x;", 0),
    BODY("--bX\r\n--b x\r\n--b\r\n" CD "a\r\n\r\nx\r\n--b--", "a=x;", 0),
    BODY("pre--b\r\n--b\r\n" CD "a\r\n\r\nx\r\n--b--", "a=x;", 0),
    /* transport padding */
    BODY("--b \t \r\n" CD "a\r\n\r\nx\r\n--b\t\r\n" CD "c\r\n\r\ny\r\n--b-- "
         "\t\r\nepilogue",
         "a=x;c=y;", 0),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b--  ", "a=x;", 0),
    /* no parts at all: an empty form, but only at the very start */
    BODY("--b--\r\n", "", 0),
    BODY("--b--", "", 0),
    BODY("--b--  \r\nepilogue", "", 0),
    BODY("preamble\r\n--b--", "", -1),
    BODY("\r\n--b--", "", -1),
    /* headers: case, other fields, filename, content type */
    BODY("--b\r\ncontent-disposition: FORM-DATA; NAME=\"a\"\r\n\r\nx\r\n--b--",
         "a=x;", 0),
    BODY("--b\r\nContent-Disposition:form-data;name=a\r\n\r\nx\r\n--b--",
         "a=x;", 0),
    BODY("--b\r\nContent-Disposition: \tform-data ; name=a ; x=y\t\r\n\r\n"
         "x\r\n--b--",
         "a=x;", 0),
    BODY("--b\r\nX-Other: whatever\r\nContent-Transfer-Encoding: binary\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n" CD "a\r\n"
         "Empty:\r\n\r\nx\r\n--b--",
         "a{text/plain; charset=utf-8}=x;", 0),
    BODY("--b\r\n" CD "\"f\"; filename=\"\"\r\n\r\n\r\n--b--", "f()=;", 0),
    BODY("--b\r\n" CD "\"f\"; filename=\"a b.txt\"\r\nContent-Type: "
         "application/octet-stream\r\n\r\n\x00\x01\xff\r\n--b--",
         "f(a b.txt){application/octet-stream}=", 0),
    BODY("--b\r\nContent-Disposition: form-data; filename=\"x\"; name=f\r\n"
         "\r\nd\r\n--b--",
         "f(x)=d;", 0),
    BODY("--b\r\n" CD "\"f\"; filename*=UTF-8''%e2%82%ac.txt\r\n\r\nd\r\n"
         "--b--",
         "f=d;", 0),
    BODY("--b\r\n" CD "\"\"\r\n\r\nd\r\n--b--", "=d;", 0),
    BODY("--b\r\n" CD "\"a;b=c\"\r\n\r\nd\r\n--b--", "a;b=c=d;", 0),
    BODY("--b\r\n" CD "\"\xc3\xa9\"\r\n\r\nd\r\n--b--", "\xc3\xa9=d;", 0),
    /* no first delimiter, no close delimiter */
    BODY("", "", -1),
    BODY("hello", "", -1),
    BODY("--b", "", -1),
    BODY("--b\r\n", "", -1),
    BODY("-b\r\n" CD "a\r\n\r\nx\r\n--b--", "", -1),
    BODY("x--b\r\n" CD "a\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx", "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n", "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b", "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b-", "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b\r\n" CD "c\r\n\r\ny", "a=x;", -1),
    BODY("--b\r\n" CD "a\r\n\r\n--b--", "", -1),
    /* junk after the close delimiter */
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b--junk", "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b-- x", "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b--\n", "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b--\r", "", -1),
    BODY("--b--x", "", -1),
    /* bare LF */
    BODY("--b\n" CD "a\n\nx\n--b--\n", "", -1),
    BODY("--b\r\n" CD "a\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\n\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\rX: y\r\n\r\nx\r\n--b--", "", -1),
    /* parts without headers, or without what they need */
    BODY("--b\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\nContent-Disposition: form-data; filename=a\r\n\r\nx\r\n--b--",
         "", -1),
    BODY("--b\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--b--",
         "", -1),
    BODY("--b\r\nContent-Disposition: form-data-x; name=a\r\n\r\nx\r\n--b--",
         "", -1),
    BODY("--b\r\nContent-Disposition: name=a\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a; name=b\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a; filename=x; Filename=y\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\n" CD "a\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\nContent-Type: text/plain\r\ncontent-type: "
         "text/plain\r\n\r\nx\r\n--b--",
         "", -1),
    BODY("--b\r\n" CD "a\r\nContent-Type: text\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\nContent-Type:\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\nContent-Type: text/plain; x\r\n\r\nx\r\n--b--", "",
         -1),
    /* malformed header lines and parameters */
    BODY("--b\r\n" CD "a\r\nno colon\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\nX : y\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\n: y\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\n folded\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\nX: a\x00b\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a\r\nX: a\x7f\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "\"a\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "a b\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\n" CD "\r\n\r\nx\r\n--b--", "", -1),
    BODY("--b\r\nContent-Disposition: form-data; name = a\r\n\r\nx\r\n--b--",
         "", -1),
    BODY("--b\r\n" CD "a\r\n\r\nx\r\n--b\r\n\r\ny\r\n--b--", "a=x;", -1),
};

static void multipart_bodies_follow_the_table(void)
{
    size_t i;

    for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        const struct body_case *c = &bodies[i];
        char got[512];
        int r = parts_of(c->body, c->len, "b", got, sizeof got);
        /* A case with binary data lists only what precedes it. */
        size_t want = strlen(c->parts);
        if (r != c->result || strncmp(got, c->parts, want) != 0)
            printf("# body %zu: %d \"%s\", want %d \"%s\"\n", i, r, got,
                   c->result, c->parts);
        CHECK(r == c->result);
        CHECK(strncmp(got, c->parts, want) == 0);
    }
}

static void curl_bodies_parse_as_sent(void)
{
    struct slice b;
    struct multipart m;
    struct multipart_part part;
    char got[512], name[16];
    size_t n = sizeof curl_body - 1;
    char *in = exact(curl_body, n);
    long len;

    CHECK(multipart_boundary(curl_type, sizeof curl_type - 1, &b) == 0);
    CHECK(b.n == 40 &&
          memcmp(b.p, "------------------------6122b33c62f242c3", 40) == 0);
    CHECK(multipart_init(&m, in, n, b) == 0);
    CHECK(multipart_next(&m, &part) == 1);
    CHECK(part.name.n == 8 && memcmp(part.name.p, "greeting", 8) == 0);
    CHECK(part.filename.p == NULL && part.content_type.p == NULL);
    CHECK(part.data.n == 8 && memcmp(part.data.p, "hi there", 8) == 0);
    CHECK(multipart_next(&m, &part) == 1);
    CHECK(part.name.n == 6 && memcmp(part.name.p, "upload", 6) == 0);
    CHECK(part.filename.n == 9 &&
          memcmp(part.filename.p, "notes.txt", 9) == 0);
    CHECK(part.content_type.n == 10 &&
          memcmp(part.content_type.p, "text/plain", 10) == 0);
    CHECK(part.data.n == 23 &&
          memcmp(part.data.p, "hello file\nsecond line\n", 23) == 0);
    CHECK(utf8_valid(part.data.p, part.data.n));
    CHECK(multipart_next(&m, &part) == 1);
    CHECK(part.name.n == 1 && part.name.p[0] == 'q');
    CHECK(part.data.n == 6 && memcmp(part.data.p, "quoted", 6) == 0);
    CHECK(multipart_next(&m, &part) == 0);
    CHECK(multipart_next(&m, &part) == 0);
    free(in);

    CHECK(parts_of(curl_pct_body, sizeof curl_pct_body - 1,
                   "------------------------d89c197a43373a1c", got,
                   sizeof got) == 0);
    CHECK(strcmp(got, "na%22me=v;f(a%22b.txt){text/plain}=hello file\n"
                      "second line\n;") == 0);
    CHECK(parts_of(curl_escaped_body, sizeof curl_escaped_body - 1,
                   "------------------------14807e1a82056d3f", got,
                   sizeof got) == 0);
    CHECK(strcmp(got, "na\\\"me=v;f(a\\\"b.txt){text/plain}=hello file\n"
                      "second line\n;") == 0);

    /* The escaped name, unquoted. */
    b.p = "------------------------14807e1a82056d3f";
    b.n = 40;
    CHECK(multipart_init(&m, curl_escaped_body, sizeof curl_escaped_body - 1,
                         b) == 0);
    CHECK(multipart_next(&m, &part) == 1);
    len = multipart_unquote(part.name.p, part.name.n, name, sizeof name);
    CHECK(len == 5 && memcmp(name, "na\"me", 5) == 0);
}

/* Every proper prefix of curl's body is malformed, but the one that stops
 * right after the close delimiter's "--"; no prefix gives a part that
 * reaches past its end (each sits in a buffer of its exact size). */
static void every_prefix_of_a_curl_body(void)
{
    const char *boundary = "------------------------6122b33c62f242c3";
    size_t n = sizeof curl_body - 1, k;

    for (k = 0; k < n; k++) {
        char got[512];
        int r = parts_of(curl_body, k, boundary, got, sizeof got);
        CHECK(r == (k == n - 2 ? 0 : -1));
    }
}

static void binary_data_comes_through_whole(void)
{
    static const char body[] = "--XyZ\r\n" CD "\"bin\"; filename=\"b\"\r\n"
                               "\r\n\x00\r\n\r\r\n\n--XyZ-\xff\x00"
                               "\r\n--XyZ--\r\n";
    static const char data[] = "\x00\r\n\r\r\n\n--XyZ-\xff\x00";
    struct multipart m;
    struct multipart_part part;
    struct slice b = {"XyZ", 3};

    CHECK(multipart_init(&m, body, sizeof body - 1, b) == 0);
    CHECK(multipart_next(&m, &part) == 1);
    CHECK(part.data.n == sizeof data - 1);
    CHECK(memcmp(part.data.p, data, sizeof data - 1) == 0);
    CHECK(!utf8_valid(part.data.p, part.data.n));
    CHECK(multipart_next(&m, &part) == 0);
}

/* A header section of exactly MULTIPART_HEAD_MAX bytes, its empty line
 * included, is read; one byte more is refused. */
static void part_headers_are_bounded(void)
{
    static const char head[] = "--b\r\n" CD "a\r\nX: ";
    static const char tail[] = "\r\n\r\nx\r\n--b--";
    size_t extra, fixed = sizeof head - 1 - 5 + 4; /* "--b\r\n" is not in */

    for (extra = 0; extra <= 1; extra++) {
        size_t pad = MULTIPART_HEAD_MAX - fixed + extra;
        size_t n = sizeof head - 1 + pad + sizeof tail - 1;
        char *body = malloc(n);
        struct multipart m;
        struct multipart_part part;
        struct slice b = {"b", 1};
        memcpy(body, head, sizeof head - 1);
        memset(body + sizeof head - 1, 'v', pad);
        memcpy(body + sizeof head - 1 + pad, tail, sizeof tail - 1);
        CHECK(multipart_init(&m, body, n, b) == 0);
        CHECK(multipart_next(&m, &part) == (extra == 0 ? 1 : -1));
        free(body);
    }
}

static void a_thousand_parts(void)
{
    size_t size = 1000 * 128, n = 0;
    char *body = malloc(size);
    struct multipart m;
    struct multipart_part part;
    struct slice b = {"----WebKitFormBoundary7MA4YWxkTrZu0gW", 37};
    int i, r, ok = 1;

    for (i = 0; i < 1000; i++)
        n += (size_t)snprintf(body + n, size - n,
                              "--%s\r\n" CD "\"f%d\"\r\n\r\nv%d\r\n", b.p, i,
                              i);
    n += (size_t)snprintf(body + n, size - n, "--%s--\r\n", b.p);
    CHECK(n < size);
    CHECK(multipart_init(&m, body, n, b) == 0);
    for (i = 0; (r = multipart_next(&m, &part)) == 1; i++) {
        char want[16];
        int len = snprintf(want, sizeof want, "f%d", i);
        if (part.name.n != (size_t)len ||
            memcmp(part.name.p, want, part.name.n) != 0 ||
            part.data.n != (size_t)len ||
            memcmp(part.data.p + 1, want + 1, part.data.n - 1) != 0)
            ok = 0;
    }
    CHECK(ok);
    CHECK(r == 0 && i == 1000);
    free(body);
}

static void multipart_is_null_safe(void)
{
    struct multipart m;
    struct multipart_part part;
    struct slice b = {"b", 1}, none = {NULL, 0}, empty = {"", 0};
    struct slice long_b = {SEVENTY "x", 71}, max_b = {SEVENTY, 70};

    CHECK(multipart_init(NULL, "", 0, b) == -1);
    CHECK(multipart_init(&m, NULL, 5, b) == -1);
    CHECK(multipart_init(&m, "x", 1, none) == -1);
    CHECK(multipart_init(&m, "x", 1, empty) == -1);
    CHECK(multipart_init(&m, "x", 1, long_b) == -1);
    CHECK(multipart_init(&m, "x", 1, max_b) == 0);
    CHECK(multipart_init(&m, NULL, 0, b) == 0);
    CHECK(multipart_next(&m, &part) == -1);
    CHECK(multipart_next(&m, NULL) == -1);
    CHECK(multipart_next(NULL, &part) == -1);
    memset(&m, 0, sizeof m);
    CHECK(multipart_next(&m, &part) == -1); /* never initialised */
}

static void quoted_strings_are_unescaped(void)
{
    char out[16], in[] = "a\\\"b\\\\c";
    size_t size;

    CHECK(multipart_unquote("a\\\"b", 4, out, sizeof out) == 3);
    CHECK(memcmp(out, "a\"b", 3) == 0);
    CHECK(multipart_unquote("\\\\", 2, out, sizeof out) == 1 &&
          out[0] == '\\');
    CHECK(multipart_unquote("\\a\\b", 4, out, sizeof out) == 2);
    CHECK(memcmp(out, "ab", 2) == 0);
    CHECK(multipart_unquote("token", 5, out, sizeof out) == 5);
    CHECK(multipart_unquote("abc\\", 4, out, sizeof out) == -1);
    CHECK(multipart_unquote("abc\\", 4, out, 0) == -1);
    for (size = 0; size < 3; size++)
        CHECK(multipart_unquote("a\\\"b", 4, out, size) == -2);
    CHECK(multipart_unquote(NULL, 0, out, sizeof out) == 0);
    CHECK(multipart_unquote(NULL, 1, out, sizeof out) == -3);
    CHECK(multipart_unquote("a", 1, NULL, 0) == -3);
    CHECK(multipart_unquote(in, 7, in, sizeof in) == 5);
    CHECK(memcmp(in, "a\"b\\c", 5) == 0);
}

/* ---------------------------------------------------------------- UTF-8 */

struct utf8_case {
    const char *s;
    size_t n;
    int valid;
};

#define UTF8(s, valid)                                                        \
    {                                                                         \
        s, sizeof s - 1, valid                                                \
    }

static const struct utf8_case utf8_cases[] = {
    UTF8("", 1),
    UTF8("abc", 1),
    UTF8("\x00", 1),
    UTF8("\x7f", 1),
    UTF8("\xc2\x80", 1),
    UTF8("\xdf\xbf", 1),
    UTF8("\xe0\xa0\x80", 1),
    UTF8("\xed\x9f\xbf", 1), /* U+D7FF */
    UTF8("\xee\x80\x80", 1), /* U+E000 */
    UTF8("\xef\xbf\xbf", 1),
    UTF8("\xef\xbb\xbf", 1), /* a BOM is a code point like any other */
    UTF8("\xf0\x90\x80\x80", 1),
    UTF8("\xf4\x8f\xbf\xbf", 1), /* U+10FFFF */
    UTF8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 1),
    UTF8("\x80", 0),
    UTF8("\xbf", 0),
    UTF8("a\x80z", 0),
    UTF8("\xc0\x80", 0), /* an overlong NUL */
    UTF8("\xc1\xbf", 0),
    UTF8("\xe0\x80\x80", 0),
    UTF8("\xe0\x9f\xbf", 0),
    UTF8("\xed\xa0\x80", 0), /* U+D800 */
    UTF8("\xed\xbf\xbf", 0), /* U+DFFF */
    UTF8("\xf0\x80\x80\x80", 0),
    UTF8("\xf0\x8f\xbf\xbf", 0),
    UTF8("\xf4\x90\x80\x80", 0), /* U+110000 */
    UTF8("\xf5\x80\x80\x80", 0),
    UTF8("\xf8\x88\x80\x80\x80", 0),
    UTF8("\xfe", 0),
    UTF8("\xff", 0),
    UTF8("\xc2", 0),
    UTF8("\xe2\x82", 0),
    UTF8("\xf0\x9f\x98", 0),
    UTF8("\xc2\x41", 0),
    UTF8("\xe2\x28\xa1", 0),
    UTF8("\xe2\x82\x28", 0),
    UTF8("\xf0\x9f\x98\x28", 0),
};

static void utf8_follows_the_table(void)
{
    size_t i;

    for (i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
        char *in = exact(utf8_cases[i].s, utf8_cases[i].n);
        int got = utf8_valid(in, utf8_cases[i].n);
        if (got != utf8_cases[i].valid)
            printf("# utf8 case %zu: %d\n", i, got);
        CHECK(got == utf8_cases[i].valid);
        free(in);
    }
    CHECK(utf8_valid(NULL, 0) == 1);
    CHECK(utf8_valid(NULL, 1) == 0);
}

/* A reference written the other way round: decode the code point, then
 * ask whether it was the shortest form of a scalar value. Returns the
 * sequence's length, or 0 when it is invalid. */
static size_t reference_utf8(const unsigned char *s, size_t n)
{
    unsigned long cp;
    size_t len, k;

    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xe0) == 0xc0) {
        len = 2;
        cp = s[0] & 0x1fu;
    } else if ((s[0] & 0xf0) == 0xe0) {
        len = 3;
        cp = s[0] & 0x0fu;
    } else if ((s[0] & 0xf8) == 0xf0) {
        len = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[k] & 0x3fu);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

/* Every sequence of one to three bytes, and four-byte ones over the
 * bytes where the ranges change, against the reference. */
static void utf8_agrees_with_a_reference_decoder(void)
{
    static const unsigned char edges[] = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90,
                                          0x9f, 0xa0, 0xbf, 0xc0, 0xf4, 0xff};
    unsigned char s[4];
    unsigned long a, b, c, d, wrong = 0;
    size_t ne = sizeof edges;

    for (a = 0; a < 256; a++) {
        s[0] = (unsigned char)a;
        if (utf8_valid((char *)s, 1) != (reference_utf8(s, 1) == 1))
            wrong++;
        for (b = 0; b < 256; b++) {
            s[1] = (unsigned char)b;
            {
                size_t r = reference_utf8(s, 2);
                int want = r == 2 || (r == 1 && reference_utf8(s + 1, 1));
                if (utf8_valid((char *)s, 2) != want)
                    wrong++;
            }
            if (a < 0xe0 || a > 0xef)
                continue;
            for (c = 0; c < 256; c++) {
                s[2] = (unsigned char)c;
                if (utf8_valid((char *)s, 3) != (reference_utf8(s, 3) == 3))
                    wrong++;
            }
        }
    }
    for (a = 0xf0; a < 0x100; a++)
        for (b = 0; b < ne; b++)
            for (c = 0; c < ne; c++)
                for (d = 0; d < ne; d++) {
                    s[0] = (unsigned char)a;
                    s[1] = edges[b];
                    s[2] = edges[c];
                    s[3] = edges[d];
                    if (utf8_valid((char *)s, 4) !=
                        (reference_utf8(s, 4) == 4))
                        wrong++;
                }
    CHECK(wrong == 0);
}

void test_form(void)
{
    run("percent-decoding follows the table, both for paths and forms",
        percent_decoding_follows_the_table);
    run("percent-decoding never writes past its output and says -2",
        percent_decoding_sizes_its_output);
    run("every prefix of an escaped string decodes, or ends in an escape",
        every_prefix_of_an_escaped_string);
    run("form pairs split at '&' and the first '=', skipping empty pieces",
        form_pairs_follow_the_table);
    run("form iteration is NULL-safe and ends, over 10000 pieces",
        form_iteration_is_null_safe_and_ends);
    run("form values decode with '+' as a space",
        form_pairs_decode_with_plus_as_space);
    run("the boundary comes from multipart/form-data only, as RFC 2046 "
        "spells it",
        boundaries_follow_the_table);
    run("multipart bodies are framed as RFC 2046 says, strictly",
        multipart_bodies_follow_the_table);
    run("bodies that curl sent parse into their fields and files",
        curl_bodies_parse_as_sent);
    run("every prefix of a curl body is malformed but one",
        every_prefix_of_a_curl_body);
    run("binary part data comes through whole",
        binary_data_comes_through_whole);
    run("a part's header section is bounded by MULTIPART_HEAD_MAX",
        part_headers_are_bounded);
    run("a thousand parts are read one by one", a_thousand_parts);
    run("the multipart iterator is NULL-safe", multipart_is_null_safe);
    run("quoted-string escapes are removed", quoted_strings_are_unescaped);
    run("UTF-8 validation follows the table", utf8_follows_the_table);
    run("UTF-8 validation agrees with a reference decoder",
        utf8_agrees_with_a_reference_decoder);
}
