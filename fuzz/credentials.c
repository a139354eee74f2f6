/*
 * credentials.c: libFuzzer target for everything in server/credentials.c:
 * base64, Basic, Bearer and Digest parsing, Digest verification and the
 * Digest challenge.
 *
 * Input: any bytes, taken whole as an Authorization field value, as
 * base64 text, as bytes to encode and as a realm; every parser sees every
 * input, each from a buffer of exactly the size it is given, so that ASan
 * sees a read past it.
 *
 * What is checked, every check a CHECK:
 *  - every result is a length, 0, 1, or an error credentials_strerror()
 *    knows; the same input gives the same result twice;
 *  - base64: a decode that succeeds is canonical: encoding the bytes
 *    again in the alphabet the input used gives the input back (without
 *    its '=' when BASE64_NOPAD let them be left out); the length is at
 *    most base64_decoded_max(), and a buffer one byte short is
 *    CRED_E_SPACE; encoding the input and decoding it gives it back, in
 *    both alphabets, with and without padding;
 *  - Basic: parsed credentials lie in the caller's buffer, the user-id has
 *    no ':', neither part a control byte; "user:password" encoded again is
 *    the token68 that was sent; basic_check() with the same parts gives
 *    1, with a changed password 0;
 *  - Bearer: the token lies inside the value, is not empty and has no
 *    space, comma or quote;
 *  - Digest: a scratch of the value's length is always enough; every
 *    slice lies in the value or the scratch; the params do not depend on
 *    the scratch's size when it is enough, and a scratch of zero bytes
 *    gives the same result or CRED_E_SPACE; digest_verify() against the
 *    credentials' own realm, uri and algorithm gives a known result, and
 *    when it gets as far as comparing digests, replacing the response
 *    with the one digest_compute() gives makes it 1;
 *  - challenge: with the input as realm it is CRED_E_ARG exactly when the
 *    realm holds a control byte other than HTAB; otherwise the value
 *    parses back with digest_parse() to the same realm, algorithm and
 *    nonce, and a smaller buffer gets a NUL-terminated prefix and the
 *    same length;
 *  - credentials_equal() on the two halves of the input agrees with
 *    memcmp().
 */
#include <stdint.h>
#include <string.h>

#include "credentials.h"
#include "fuzz.h"

/* An uninitialised buffer of exactly n bytes (1 for 0, so never NULL). */
static char *buffer(size_t n)
{
    char *p = malloc(n > 0 ? n : 1);

    CHECK(p != NULL);
    return p;
}

/* memcmp() that takes NULL for empty buffers. */
static int same(const void *a, const void *b, size_t n)
{
    return n == 0 || memcmp(a, b, n) == 0;
}

static int known(long r)
{
    return r >= 0 || credentials_strerror((int)r) != NULL;
}

static int inside(struct slice s, const char *buf, size_t len)
{
    uintptr_t p = (uintptr_t)s.p, b = (uintptr_t)buf;

    if (s.p == NULL)
        return s.n == 0;
    return p >= b && p - b <= len && s.n <= len - (size_t)(p - b);
}

static int has_byte(const char *s, size_t n, const char *set)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] != '\0' && strchr(set, s[i]) != NULL)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- base64 */

static void check_decode(const char *in, size_t n, unsigned flags)
{
    size_t max = base64_decoded_max(n);
    unsigned char *out = (unsigned char *)buffer(max);
    long r = base64_decode(in, n, flags, out, max), r2;

    CHECK(known(r));
    r2 = base64_decode(in, n, flags, out, max);
    CHECK(r2 == r);
    if (r >= 0) {
        unsigned alpha = (flags & BASE64_STD) ? BASE64_STD : BASE64_URL;
        size_t stripped = n, elen;
        char *enc;
        long e;

        if (has_byte(in, n, "-_"))
            alpha = BASE64_URL;
        CHECK((size_t)r <= max);
        CHECK(alpha & flags);
        CHECK(!(has_byte(in, n, "-_") && has_byte(in, n, "+/")));
        /* Canonical: the same text comes back. */
        while (stripped > 0 && in[stripped - 1] == '=')
            stripped--;
        elen = base64_encoded_len((size_t)r, alpha);
        enc = buffer(elen);
        e = base64_encode(out, (size_t)r, alpha, enc, elen);
        CHECK(e == (long)elen);
        if (n == elen)
            CHECK(same(enc, in, n));
        else
            CHECK((flags & BASE64_NOPAD) && stripped == n && n < elen &&
                  same(enc, in, n));
        free(enc);
        if (r > 0)
            CHECK(base64_decode(in, n, flags, out, (size_t)r - 1) ==
                  CRED_E_SPACE);
    }
    free(out);
}

static void check_encode(const uint8_t *data, size_t size, unsigned flags)
{
    size_t elen = base64_encoded_len(size, flags);
    char *enc = buffer(elen);
    unsigned char *back;
    long e = base64_encode(data, size, flags, enc, elen), d;

    CHECK(e == (long)elen);
    back = (unsigned char *)buffer(size);
    d = base64_decode(enc, elen, flags, back, size);
    CHECK(d == (long)size);
    CHECK(same(back, data, size));
    free(back);
    free(enc);
}

/* ----------------------------------------------------------------- Basic */

static void check_basic(const char *v, size_t n)
{
    char *buf = buffer(n);
    struct basic_credentials c, again;
    int r = basic_parse(v, n, buf, n, &c);
    size_t i;

    CHECK(known(r));
    CHECK(basic_parse(v, n, buf, n, &again) == r);
    if (r == 0) {
        size_t plain = c.user.n + 1 + c.password.n, elen;
        char *joined = buffer(plain), *enc;
        const char *tok = v;
        size_t tn = n;
        struct slice other;

        CHECK(inside(c.user, buf, n) && inside(c.password, buf, n));
        CHECK(memchr(c.user.p, ':', c.user.n) == NULL);
        for (i = 0; i < c.user.n; i++)
            CHECK((unsigned char)c.user.p[i] >= 0x20 && c.user.p[i] != 0x7f);
        for (i = 0; i < c.password.n; i++)
            CHECK((unsigned char)c.password.p[i] >= 0x20 &&
                  c.password.p[i] != 0x7f);
        /* The token68 is the last word of the trimmed value. */
        while (tn > 0 && (tok[tn - 1] == ' ' || tok[tn - 1] == '\t'))
            tn--;
        for (i = tn; i > 0 && tok[i - 1] != ' '; i--)
            ;
        tok += i;
        tn -= i;
        memcpy(joined, c.user.p, c.user.n);
        joined[c.user.n] = ':';
        memcpy(joined + c.user.n + 1, c.password.p, c.password.n);
        elen = base64_encoded_len(plain, BASE64_STD);
        enc = buffer(elen);
        CHECK(base64_encode(joined, plain, BASE64_STD, enc, elen) ==
              (long)elen);
        CHECK(elen == tn && same(enc, tok, tn));
        free(enc);

        CHECK(basic_check(&c, c.user, c.password) == 1);
        /* A password one bit off, or "x" for an empty one. */
        other.p = joined + c.user.n + 1;
        other.n = c.password.n;
        if (other.n > 0)
            joined[c.user.n + 1] = (char)(joined[c.user.n + 1] ^ 1);
        else
            other = (struct slice){"x", 1};
        CHECK(basic_check(&c, c.user, other) == 0);
        free(joined);
    } else {
        CHECK(c.user.p == NULL && c.password.p == NULL);
    }
    free(buf);
}

/* ---------------------------------------------------------------- Bearer */

static void check_bearer(const char *v, size_t n)
{
    struct slice t;
    int r = bearer_parse(v, n, &t);

    CHECK(known(r));
    if (r == 0) {
        CHECK(inside(t, v, n) && t.n > 0);
        CHECK(!has_byte(t.p, t.n, " \t,\""));
    } else {
        CHECK(t.p == NULL && t.n == 0);
    }
}

/* ---------------------------------------------------------------- Digest */

static int same_params(const struct digest_params *a,
                       const struct digest_params *b)
{
    const struct slice *x[] = {&a->username,      &a->realm,  &a->uri,
                               &a->nonce,         &a->cnonce, &a->nc,
                               &a->response,      &a->opaque, &a->qop_name,
                               &a->algorithm_name};
    const struct slice *y[] = {&b->username,      &b->realm,  &b->uri,
                               &b->nonce,         &b->cnonce, &b->nc,
                               &b->response,      &b->opaque, &b->qop_name,
                               &b->algorithm_name};
    size_t i;

    for (i = 0; i < sizeof x / sizeof x[0]; i++) {
        if ((x[i]->p == NULL) != (y[i]->p == NULL) || x[i]->n != y[i]->n)
            return 0;
        if (!same(x[i]->p, y[i]->p, x[i]->n))
            return 0;
    }
    return a->algorithm == b->algorithm && a->qop == b->qop &&
           a->userhash == b->userhash && a->username_ext == b->username_ext;
}

static void check_slices(const struct digest_params *p, const char *v,
                         size_t n, const char *scratch, size_t sn)
{
    const struct slice *all[] = {&p->username,      &p->realm,  &p->uri,
                                 &p->nonce,         &p->cnonce, &p->nc,
                                 &p->response,      &p->opaque, &p->qop_name,
                                 &p->algorithm_name};
    size_t i;

    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        CHECK(inside(*all[i], v, n) || inside(*all[i], scratch, sn));
}

/* Verifies p against its own realm, uri and algorithm; when the digests
 * get compared, the right response must then pass. */
static void check_verify(const struct digest_params *p)
{
    struct digest_expect e;
    struct digest_input in;
    struct digest_params q;
    char want[DIGEST_HEX_SIZE];
    int r;

    memset(&e, 0, sizeof e);
    e.user = p->username;
    e.password.p = "pw";
    e.password.n = 2;
    e.realm = p->realm.p != NULL ? p->realm : (struct slice){"", 0};
    e.algorithm = p->algorithm;
    e.qops = DIGEST_QOP_AUTH | DIGEST_QOP_AUTH_INT;
    e.allow_rfc2069 = 1;
    e.method.p = "GET";
    e.method.n = 3;
    e.target = p->uri.p != NULL ? p->uri : (struct slice){"/", 1};
    e.body.p = "body";
    e.body.n = 4;
    r = digest_verify(p, &e);
    CHECK(known(r) && r <= 1);
    if (r < 0 || p->userhash)
        return;

    memset(&in, 0, sizeof in);
    in.algorithm = p->algorithm;
    in.qop = p->qop;
    in.username = p->username;
    in.realm = p->realm;
    in.password = e.password;
    in.method = e.method;
    in.uri = p->uri;
    in.nonce = p->nonce;
    if (p->qop != DIGEST_QOP_NONE) {
        in.nc = p->nc;
        in.cnonce = p->cnonce;
    }
    in.body = e.body;
    CHECK(digest_compute(&in, want, sizeof want) ==
          (int)digest_hex_len(p->algorithm));
    q = *p;
    q.response.p = want;
    q.response.n = digest_hex_len(p->algorithm);
    CHECK(digest_verify(&q, &e) == 1);
}

static void check_digest(const char *v, size_t n)
{
    char *scratch = buffer(n), *big;
    struct digest_params p, again;
    int r = digest_parse(v, n, scratch, n, &p), r0;

    CHECK(known(r) && r <= 0);
    CHECK(r != CRED_E_SPACE);
    if (r == 0) {
        check_slices(&p, v, n, scratch, n);
        if (p.username_ext && p.username.n > 0)
            CHECK(inside(p.username, scratch, n));
        CHECK(p.algorithm_name.p != NULL || p.algorithm == DIGEST_MD5);
        CHECK(p.qop_name.p != NULL || p.qop == DIGEST_QOP_NONE);
        CHECK(p.nc.p == NULL || p.nc.n == 8);
        /* A bigger scratch changes nothing. */
        big = buffer(n + 16);
        CHECK(digest_parse(v, n, big, n + 16, &again) == 0);
        CHECK(same_params(&p, &again));
        free(big);
        check_verify(&p);
    } else {
        CHECK(p.username.p == NULL && p.realm.p == NULL && !p.userhash);
    }
    r0 = digest_parse(v, n, NULL, 0, &again);
    CHECK(r0 == r || r0 == CRED_E_SPACE);
    if (r0 == 0 && r == 0)
        CHECK(same_params(&p, &again));
    free(scratch);
}

/* ------------------------------------------------------------- challenge */

static void check_challenge(const char *v, size_t n, uint32_t h)
{
    static const enum digest_algorithm algs[] = {
        DIGEST_MD5,         DIGEST_MD5_SESS,   DIGEST_SHA256,
        DIGEST_SHA256_SESS, DIGEST_SHA512_256, DIGEST_SHA512_256_SESS};
    unsigned char random[DIGEST_RANDOM_LEN];
    struct digest_challenge c;
    struct digest_params p;
    size_t i, controls = 0;
    long r;

    for (i = 0; i < sizeof random; i++)
        random[i] = (unsigned char)(h >> (i % 4 * 8));
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)v[i];
        controls += (ch < 0x20 && ch != '\t') || ch == 0x7f;
    }
    memset(&c, 0, sizeof c);
    c.realm.p = v;
    c.realm.n = n;
    c.qops = h % 4;
    c.algorithm = algs[h / 4 % 6];
    c.stale = (h >> 8) & 1;
    c.userhash = (h >> 9) & 1;
    c.random = random;
    r = digest_challenge_write(&c, NULL, 0);
    CHECK(controls > 0 ? r == CRED_E_ARG : r > 0);
    if (r > 0) {
        size_t len = (size_t)r;
        char *out = buffer(len + 1), *scratch = buffer(len);
        char *small = buffer(len / 2 + 1);
        CHECK(digest_challenge_write(&c, out, len + 1) == r);
        CHECK(out[len] == '\0' && strlen(out) == len);
        CHECK(digest_challenge_write(&c, small, len / 2 + 1) == r);
        CHECK(small[len / 2] == '\0' && same(small, out, len / 2));
        CHECK(digest_parse(out, len, scratch, len, &p) == 0);
        CHECK(p.realm.n == n && same(p.realm.p, v, n));
        CHECK(p.algorithm == c.algorithm);
        CHECK(p.nonce.n == DIGEST_RANDOM_LEN &&
              p.opaque.n == DIGEST_RANDOM_LEN);
        CHECK(p.qop == (c.qops == 0   ? DIGEST_QOP_NONE
                        : c.qops == 3 ? DIGEST_QOP_UNKNOWN
                                      : (enum digest_qop)c.qops));
        free(out);
        free(scratch);
        free(small);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned decode_flags[] = {
        BASE64_STD,
        BASE64_URL,
        BASE64_STD | BASE64_URL,
        BASE64_STD | BASE64_NOPAD,
        BASE64_URL | BASE64_NOPAD,
        BASE64_STD | BASE64_URL | BASE64_NOPAD,
    };
    char *v = buffer(size); /* never NULL, so v + half is defined */
    uint32_t h = hash_bytes(data, size);
    size_t i, half = size / 2;
    int eq;

    if (size > 0)
        memcpy(v, data, size);
    for (i = 0; i < sizeof decode_flags / sizeof decode_flags[0]; i++)
        check_decode(v, size, decode_flags[i]);
    check_encode(data, size, BASE64_STD);
    check_encode(data, size, BASE64_URL | BASE64_NOPAD);
    check_basic(v, size);
    check_bearer(v, size);
    check_digest(v, size);
    check_challenge(v, size, h);

    eq = half == size - half && same(v, v + half, half);
    CHECK(credentials_equal(v, half, v + half, size - half) == eq);

    free(v);
    return 0;
}
