/*
 * form.c: libFuzzer target for the echo endpoints' decoders
 * (server/form.c).
 *
 * Input: a first byte that chooses the decoder, then its input. The
 * letters name them, so that seeds read well: 'p' percent_decode(), 'f'
 * form_next(), 'c' multipart_boundary(), 'm' multipart_next(), 'u'
 * utf8_valid(), 'q' multipart_unquote(), 'r' a multipart round trip; any
 * other byte picks one by its value. For 'm', the byte after the letter
 * picks the boundary from a small set by its value modulo 4 ('0' to '3':
 * "b", "XyZzy", curl's and "--"), and the body follows.
 *
 * What is checked, every check a CHECK, each input in a buffer of exactly
 * its size so that ASan sees any read past it:
 *  - percent_decode(): in both modes, the result and bytes are those of
 *    a reference decoder written here, never more than the input; with a
 *    smaller output (a buffer of exactly that size) a malformed input is
 *    still -1, and otherwise -2 exactly when the decoding does not fit;
 *    decoding in place gives the same bytes;
 *  - form_next(): every pair lies inside the input, after the last, its
 *    name free of '&' and '=' and its value of '&', the value starting
 *    right after the name or after an '=' that follows it, *pos at the
 *    value's end; the pairs are the input's non-empty '&'-pieces, counted
 *    apart; 0 ends it and stays 0;
 *  - multipart_boundary(): 0 or -1; a boundary lies inside the input, 1
 *    to 70 bchars not ending in a space; the result and the boundary's
 *    place are the same for the input in lower case; a body built with
 *    the boundary gives back its one part;
 *  - multipart_next(): 1, 0 or -1, and 0 or -1 again after that; at most
 *    one part per len / (boundary length + 4) + 1 bytes; every slice
 *    inside the body and after the previous part's data, the header
 *    slices before the data, the data after "\r\n\r\n" and before CRLF
 *    "--" boundary; names and filenames unquote to at most their length,
 *    never -1;
 *  - utf8_valid(): the answer of a reference decoder written here;
 *  - multipart_unquote(): the reference's result and bytes, in place too;
 *  - the round trip: the input cut into three pieces at derived points
 *    becomes the data of three parts of a body built around them; unless
 *    a piece holds CRLF "--" and the boundary, the body reads back as
 *    those three parts, names, filename and type included, then 0.
 */
#include <stdint.h>
#include <string.h>

#include "form.h"
#include "fuzz.h"
#include "utf8.h"

static int inside(struct slice s, const char *buf, size_t len)
{
    uintptr_t p = (uintptr_t)s.p, b = (uintptr_t)buf;

    if (s.p == NULL)
        return 0;
    return p >= b && p - b <= len && s.n <= len - (size_t)(p - b);
}

static size_t offset(const char *p, const char *buf)
{
    return (size_t)((uintptr_t)p - (uintptr_t)buf);
}

/* ---------------------------------------------------- percent_decode() */

static int hex_digit(unsigned char c)
{
    const char *digits = "0123456789abcdef", *at;

    if (c >= 'A' && c <= 'F')
        c = (unsigned char)(c + 32);
    at = c != '\0' ? strchr(digits, c) : NULL;
    return at != NULL ? (int)(at - digits) : -1;
}

/* The reference: the decoded length, or -1; out has room for n bytes. */
static long reference_decode(const char *p, size_t n, char *out, int plus)
{
    size_t i = 0, k = 0;

    while (i < n) {
        if (p[i] != '%') {
            out[k++] = plus && p[i] == '+' ? ' ' : p[i];
            i++;
            continue;
        }
        if (i + 2 >= n)
            return -1; /* fewer than two bytes after the '%' */
        if (hex_digit((unsigned char)p[i + 1]) < 0 ||
            hex_digit((unsigned char)p[i + 2]) < 0)
            return -1;
        out[k++] = (char)(hex_digit((unsigned char)p[i + 1]) * 16 +
                          hex_digit((unsigned char)p[i + 2]));
        i += 3;
    }
    return (long)k;
}

static void fuzz_percent(const char *in, size_t n, uint32_t h)
{
    int plus;

    for (plus = 0; plus <= 1; plus++) {
        char *want = malloc(n + 1), *got = malloc(n + 1), *small, *copy;
        long w = reference_decode(in, n, want, plus);
        long r = percent_decode(in, n, got, n, plus);
        size_t size = n > 0 ? h % (n + 1) : 0;

        CHECK(want != NULL && got != NULL);
        CHECK(r == w);
        if (r >= 0) {
            CHECK((size_t)r <= n);
            CHECK(memcmp(got, want, (size_t)r) == 0);
        }
        /* A smaller output, in a buffer of exactly its size. */
        small = malloc(size > 0 ? size : 1);
        CHECK(small != NULL);
        r = percent_decode(in, n, small, size, plus);
        if (w < 0)
            CHECK(r == -1);
        else if ((size_t)w > size)
            CHECK(r == -2);
        else
            CHECK(r == w && memcmp(small, want, (size_t)w) == 0);
        free(small);
        /* In place. */
        copy = copy_of(in, n);
        if (copy != NULL) {
            r = percent_decode(copy, n, copy, n, plus);
            CHECK(r == w);
            if (r >= 0)
                CHECK(memcmp(copy, want, (size_t)r) == 0);
            free(copy);
        }
        free(want);
        free(got);
    }
}

/* --------------------------------------------------------- form_next() */

static void fuzz_form(const char *in, size_t n)
{
    struct slice name, value;
    size_t pos = 0, last = 0, pieces = 0, pairs = 0, i;
    int r;

    for (i = 0; i < n; i++)
        if (in[i] != '&' && (i == 0 || in[i - 1] == '&'))
            pieces++;
    while ((r = form_next(in, n, &pos, &name, &value)) == 1) {
        size_t ns = offset(name.p, in), ne = ns + name.n;
        size_t vs = offset(value.p, in), ve = vs + value.n;
        CHECK(inside(name, in, n) && inside(value, in, n));
        CHECK(ns >= last && ns < n);
        CHECK(ns == 0 || in[ns - 1] == '&');
        CHECK(memchr(name.p, '&', name.n) == NULL);
        CHECK(memchr(name.p, '=', name.n) == NULL);
        CHECK(memchr(value.p, '&', value.n) == NULL);
        if (vs == ne) {
            CHECK(value.n == 0 && (ne == n || in[ne] == '&'));
            CHECK(name.n > 0);
        } else {
            CHECK(vs == ne + 1 && in[ne] == '=');
        }
        CHECK(pos == ve && (ve == n || in[ve] == '&'));
        last = pos;
        CHECK(++pairs <= n);
    }
    CHECK(r == 0);
    CHECK(pairs == pieces);
    CHECK(form_next(in, n, &pos, &name, &value) == 0);
}

/* -------------------------------------------------- multipart_boundary() */

static int bchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != '\0' && strchr("'()+_,-./:=? ", c));
}

static void check_one_part_body(struct slice b)
{
    static const char head[] =
        "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--";
    size_t n = 2 + b.n + (sizeof head - 1) + b.n + 4;
    char *body = malloc(n);
    struct multipart m;
    struct multipart_part part;
    size_t k = 0;

    CHECK(body != NULL);
    memcpy(body + k, "--", 2);
    k += 2;
    memcpy(body + k, b.p, b.n);
    k += b.n;
    memcpy(body + k, head, sizeof head - 1);
    k += sizeof head - 1;
    memcpy(body + k, b.p, b.n);
    k += b.n;
    memcpy(body + k, "--\r\n", 4);
    CHECK(multipart_init(&m, body, n, b) == 0);
    CHECK(multipart_next(&m, &part) == 1);
    CHECK(part.name.n == 1 && part.name.p[0] == 'x');
    CHECK(part.data.n == 1 && part.data.p[0] == 'v');
    CHECK(multipart_next(&m, &part) == 0);
    free(body);
}

static void fuzz_boundary(const char *in, size_t n)
{
    struct slice b = {NULL, 0}, lb = {NULL, 0};
    char *lowered = copy_of(in, n);
    int r = multipart_boundary(in, n, &b), lr;
    size_t i;

    CHECK(r == 0 || r == -1);
    for (i = 0; i < n; i++)
        if (lowered[i] >= 'A' && lowered[i] <= 'Z')
            lowered[i] = (char)(lowered[i] + 32);
    lr = multipart_boundary(lowered, n, &lb);
    CHECK(lr == r);
    if (r == 0) {
        CHECK(inside(b, in, n) && inside(lb, lowered, n));
        CHECK(offset(b.p, in) == offset(lb.p, lowered) && b.n == lb.n);
        CHECK(b.n >= 1 && b.n <= MULTIPART_BOUNDARY_MAX);
        CHECK(b.p[b.n - 1] != ' ');
        for (i = 0; i < b.n; i++)
            CHECK(bchar((unsigned char)b.p[i]));
        check_one_part_body(b);
    }
    free(lowered);
}

/* ------------------------------------------------------ multipart_next() */

static const char *const boundaries[] = {
    "b",
    "XyZzy",
    "------------------------6122b33c62f242c3",
    "--",
};

static void check_unquote(struct slice s)
{
    char *out;
    long r;

    if (s.p == NULL)
        return;
    out = malloc(s.n > 0 ? s.n : 1);
    CHECK(out != NULL);
    r = multipart_unquote(s.p, s.n, out, s.n);
    CHECK(r >= 0 && (size_t)r <= s.n);
    free(out);
}

static void fuzz_multipart(const char *body, size_t len, struct slice b)
{
    struct multipart m;
    struct multipart_part part;
    size_t last = 0, parts = 0, most = len / (b.n + 4) + 1;
    int r;

    CHECK(multipart_init(&m, body, len, b) == 0);
    while ((r = multipart_next(&m, &part)) == 1) {
        size_t ds = offset(part.data.p, body), de = ds + part.data.n;
        CHECK(++parts <= most);
        CHECK(inside(part.name, body, len) && inside(part.data, body, len));
        CHECK(offset(part.name.p, body) >= last);
        CHECK(offset(part.name.p, body) + part.name.n < ds);
        if (part.filename.p != NULL) {
            CHECK(inside(part.filename, body, len));
            CHECK(offset(part.filename.p, body) >= last);
            CHECK(offset(part.filename.p, body) + part.filename.n < ds);
        }
        if (part.content_type.p != NULL) {
            CHECK(inside(part.content_type, body, len));
            CHECK(offset(part.content_type.p, body) >= last);
            CHECK(offset(part.content_type.p, body) + part.content_type.n <
                  ds);
        }
        CHECK(ds >= 4 && memcmp(body + ds - 4, "\r\n\r\n", 4) == 0);
        CHECK(len - de >= 4 + b.n);
        CHECK(memcmp(body + de, "\r\n--", 4) == 0);
        CHECK(memcmp(body + de + 4, b.p, b.n) == 0);
        check_unquote(part.name);
        check_unquote(part.filename);
        (void)utf8_valid(part.data.p, part.data.n);
        last = de;
    }
    CHECK(r == 0 || r == -1);
    CHECK(multipart_next(&m, &part) == r);
}

/* --------------------------------------------------------- utf8_valid() */

/* Decodes one sequence the other way round from utf8_valid(): its
 * length, or 0 when it is not the shortest form of a scalar value. */
static size_t reference_sequence(const unsigned char *s, size_t n)
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

static void fuzz_utf8(const char *in, size_t n)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, k;
    int want = 1;

    while (i < n) {
        k = reference_sequence(s + i, n - i);
        if (k == 0) {
            want = 0;
            break;
        }
        i += k;
    }
    CHECK(utf8_valid(in, n) == want);
}

/* -------------------------------------------------- multipart_unquote() */

static void fuzz_unquote(const char *in, size_t n)
{
    char *want = malloc(n + 1), *copy = copy_of(in, n);
    size_t i, k = 0;
    long w = 0, r;

    CHECK(want != NULL);
    for (i = 0; i < n && w == 0; i++) {
        if (in[i] == '\\' && ++i == n)
            w = -1;
        else
            want[k++] = in[i];
    }
    if (w == 0)
        w = (long)k;
    if (copy != NULL) {
        r = multipart_unquote(copy, n, copy, n);
        CHECK(r == w);
        if (r >= 0)
            CHECK(memcmp(copy, want, (size_t)r) == 0);
    }
    free(copy);
    free(want);
}

/* -------------------------------------------------------- round trip */

static size_t append(char *buf, size_t at, const char *s, size_t n)
{
    memcpy(buf + at, s, n);
    return at + n;
}

static void fuzz_round_trip(const char *in, size_t n, uint32_t h)
{
    static const char delim[] = "\r\n--XyZzy";
    static const char *const heads[] = {
        "Content-Disposition: form-data; name=a\r\n\r\n",
        "content-disposition: form-data; name=\"b\"; "
        "filename=\"f\\\".txt\"\r\n\r\n",
        "Content-Type: application/octet-stream\r\n"
        "Content-Disposition: FORM-DATA; name=\"c\"\r\n\r\n",
    };
    size_t cut[4], k, size = 0, at = 0;
    struct slice b = {"XyZzy", 5};
    struct multipart m;
    struct multipart_part part;
    char *body;

    cut[0] = 0;
    cut[1] = n > 0 ? h % (n + 1) : 0;
    cut[2] = n > 0 ? (h >> 16) % (n + 1) : 0;
    cut[3] = n;
    if (cut[2] < cut[1]) {
        size_t t = cut[1];
        cut[1] = cut[2];
        cut[2] = t;
    }
    for (k = 0; k < 3; k++) {
        const char *piece = in + cut[k];
        size_t pn = cut[k + 1] - cut[k], i;
        for (i = 0; i + sizeof delim - 1 <= pn; i++)
            if (memcmp(piece + i, delim, sizeof delim - 1) == 0)
                return;
        size += (k == 0 ? 9 : 11) + strlen(heads[k]) + pn;
    }
    size += sizeof delim - 1 + 4;
    body = malloc(size);
    CHECK(body != NULL);
    for (k = 0; k < 3; k++) {
        at = k == 0 ? append(body, at, "--XyZzy\r\n", 9)
                    : append(body, at, "\r\n--XyZzy\r\n", 11);
        at = append(body, at, heads[k], strlen(heads[k]));
        at = append(body, at, in + cut[k], cut[k + 1] - cut[k]);
    }
    at = append(body, at, "\r\n--XyZzy--\r\n", 13);
    CHECK(at == size);

    CHECK(multipart_init(&m, body, size, b) == 0);
    for (k = 0; k < 3; k++) {
        CHECK(multipart_next(&m, &part) == 1);
        CHECK(part.name.n == 1 && part.name.p[0] == "abc"[k]);
        CHECK(part.data.n == cut[k + 1] - cut[k]);
        CHECK(memcmp(part.data.p, in + cut[k], part.data.n) == 0);
        CHECK((part.filename.p != NULL) == (k == 1));
        CHECK((part.content_type.p != NULL) == (k == 2));
    }
    CHECK(part.content_type.n == 24);
    CHECK(multipart_next(&m, &part) == 0);
    free(body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char modes[] = "pfcmuqr";
    const char *mode;
    char *in;
    size_t n;
    uint32_t h = hash_bytes(data, size);
    int which;

    if (size == 0)
        return 0;
    mode = data[0] != '\0' ? strchr(modes, data[0]) : NULL;
    which = mode != NULL ? (int)(mode - modes) : data[0] % 7;
    if (which == 3) {
        struct slice b;
        if (size < 2)
            return 0;
        b.p = boundaries[data[1] % 4];
        b.n = strlen(b.p);
        in = copy_of(data + 2, size - 2);
        fuzz_multipart(in, size - 2, b);
        free(in);
        return 0;
    }
    n = size - 1;
    in = copy_of(data + 1, n);
    switch (which) {
    case 0:
        fuzz_percent(in, n, h);
        break;
    case 1:
        fuzz_form(in, n);
        break;
    case 2:
        fuzz_boundary(in, n);
        break;
    case 4:
        fuzz_utf8(in, n);
        break;
    case 5:
        fuzz_unquote(in, n);
        break;
    default:
        fuzz_round_trip(in, n, h);
        break;
    }
    free(in);
    return 0;
}
