/* credentials.c: base64, and Basic, Bearer and Digest credentials for the
 * server's authentication endpoints (credentials.h is the specification).
 *
 * Decisions:
 *
 *  - Strict by default. base64 has one spelling per value: padding where
 *    the flags ask for it, zero bits after the last byte, no white space.
 *    Basic refuses control characters, which RFC 7617 forbids in user-id
 *    and password, rather than pass them on to a JSON body.
 *  - Nothing is allocated here. Parsers return slices into the input, or
 *    into a buffer the caller passes when bytes must change (base64,
 *    quoted-pairs, username*). libcrypto allocates its digest context.
 *  - Digest parameters are an RFC 9110 auth-param list, read by its
 *    grammar (quoted-pairs, empty elements, white space around '=' and
 *    ','), not by splitting at commas: a realm or uri may hold commas.
 *    A name given twice is an error rather than "the last one wins", so
 *    that no two readers of the same value can disagree about it.
 *  - Hashes come from libcrypto's EVP interface, each input fed in pieces
 *    so that A1, A2 and the response are never assembled in a buffer.
 *  - Comparisons that involve a secret (password, response digest,
 *    user-id) go through credentials_equal(): every byte compared, the
 *    differences OR-ed, no early exit.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "credentials.h"

#ifndef HTTPSTATUS_NO_CRYPTO
#include <openssl/evp.h>
#include <openssl/rand.h>
#endif

/* ---------------------------------------------------------------- bytes */

static int is_tchar(unsigned char c)
{
    static const char extra[] = "!#$%&'*+-.^_`|~";

    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c != '\0' && strchr(extra, c));
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static int is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

static int is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* s[0..n) equals the lower-case word, ignoring ASCII case. */
static int same_word(const char *s, size_t n, const char *word)
{
    size_t i;

    if (strlen(word) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != (unsigned char)word[i])
            return 0;
    return 1;
}

/* a[0..an) and b[0..bn) are the same ignoring ASCII case. */
static int same_ci(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i;

    if (an != bn)
        return 0;
    for (i = 0; i < an; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

static int all_hex(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_hex((unsigned char)s[i]))
            return 0;
    return 1;
}

/* A slice that claims bytes must point at them. */
static int slice_ok(struct slice s)
{
    return s.p != NULL || s.n == 0;
}

static void trim(const char **v, size_t *n)
{
    while (*n > 0 && is_ows((*v)[0])) {
        (*v)++;
        (*n)--;
    }
    while (*n > 0 && is_ows((*v)[*n - 1]))
        (*n)--;
}

/* ---------------------------------------------------------- the basics */

const char *credentials_strerror(int err)
{
    switch (err) {
#define CREDENTIALS_TEXT(name, value, text)                                   \
    case name:                                                                \
        return text;
        CREDENTIALS_ERRORS(CREDENTIALS_TEXT)
#undef CREDENTIALS_TEXT
    default:
        break;
    }
    return NULL;
}

int credentials_equal(const char *given, size_t given_n, const char *secret,
                      size_t secret_n)
{
    static const char stand_in = 0;
    const char *s = secret_n > 0 && secret != NULL ? secret : &stand_in;
    size_t last = secret_n > 0 && secret != NULL ? secret_n - 1 : 0;
    unsigned acc = given_n != secret_n;
    size_t i;

    /* A pointer that claims bytes it does not have is a caller's error:
     * not equal, and nothing is read. */
    if ((given == NULL && given_n > 0) || (secret == NULL && secret_n > 0))
        return 0;
    if (given == NULL)
        return secret_n == 0;
    /* Past the secret's end, its last byte stands in; the index is chosen
     * with a mask rather than a branch, and the length difference alone
     * already makes the result 0 there. */
    for (i = 0; i < given_n; i++) {
        size_t inside = (size_t)0 - (size_t)(i < secret_n);
        size_t k = (i & inside) | (last & ~inside);
        acc |= (unsigned)((unsigned char)given[i] ^ (unsigned char)s[k]);
    }
    return acc == 0;
}

/* given[0..n) is hex in either case, want[0..n) lower-case hex: equal as
 * numbers, compared in constant time. OR-ing 0x20 lowers 'A'..'F' and
 * leaves digits as they are. */
static int hex_equal(const char *given, const char *want, size_t n)
{
    unsigned acc = 0;
    size_t i;

    for (i = 0; i < n; i++)
        acc |= (unsigned)(((unsigned char)given[i] | 0x20) ^
                          (unsigned char)want[i]);
    return acc == 0;
}

int credentials_random(unsigned char *out, size_t n)
{
    if (out == NULL && n > 0)
        return CRED_E_ARG;
#ifdef HTTPSTATUS_NO_CRYPTO
    return CRED_E_UNAVAILABLE;
#else
    while (n > 0) {
        int chunk = n > INT_MAX ? INT_MAX : (int)n;
        if (RAND_bytes(out, chunk) != 1)
            return CRED_E_CRYPTO;
        out += chunk;
        n -= (size_t)chunk;
    }
    return 0;
#endif
}

/* --------------------------------------------------------------- base64 */

static const char std_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char url_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#define B64_FLAGS (BASE64_STD | BASE64_URL | BASE64_NOPAD)

/* The 6-bit value of c, or -1. *kind says which alphabet c belongs to:
 * 0 both, BASE64_STD or BASE64_URL. */
static int b64_value(unsigned char c, unsigned *kind)
{
    *kind = 0;
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    *kind = c == '+' || c == '/' ? BASE64_STD : BASE64_URL;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

size_t base64_encoded_len(size_t n, unsigned flags)
{
    size_t groups = n / 3, rem = n % 3;

    if (groups > (SIZE_MAX - 4) / 4)
        return SIZE_MAX;
    if (rem == 0)
        return groups * 4;
    return groups * 4 + ((flags & BASE64_NOPAD) ? rem + 1 : 4);
}

size_t base64_decoded_max(size_t n)
{
    return n / 4 * 3 + (n % 4 >= 2 ? n % 4 - 1 : 0);
}

long base64_encode(const void *in, size_t n, unsigned flags, char *out,
                   size_t size)
{
    const unsigned char *s = in;
    const char *alphabet;
    size_t need, i, o = 0;
    unsigned alpha = flags & (BASE64_STD | BASE64_URL);

    if ((flags & ~B64_FLAGS) != 0 ||
        (alpha != BASE64_STD && alpha != BASE64_URL))
        return CRED_E_ARG;
    if ((in == NULL && n > 0) || (out == NULL && size > 0))
        return CRED_E_ARG;
    need = base64_encoded_len(n, flags);
    if (need > (size_t)LONG_MAX)
        return CRED_E_ARG;
    if (size < need)
        return CRED_E_SPACE;
    alphabet = alpha == BASE64_STD ? std_alphabet : url_alphabet;
    for (i = 0; i + 3 <= n; i += 3) {
        unsigned long v = (unsigned long)s[i] << 16 |
                          (unsigned long)s[i + 1] << 8 | s[i + 2];
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = alphabet[v >> 6 & 63];
        out[o++] = alphabet[v & 63];
    }
    if (n - i == 1) {
        unsigned long v = (unsigned long)s[i] << 16;
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        if (!(flags & BASE64_NOPAD)) {
            out[o++] = '=';
            out[o++] = '=';
        }
    } else if (n - i == 2) {
        unsigned long v = (unsigned long)s[i] << 16 | (unsigned long)s[i + 1]
                                                          << 8;
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = alphabet[v >> 6 & 63];
        if (!(flags & BASE64_NOPAD))
            out[o++] = '=';
    }
    return (long)o;
}

long base64_decode(const char *in, size_t n, unsigned flags,
                   unsigned char *out, size_t size)
{
    unsigned seen = 0, kind;
    size_t d, i, rem, need, o = 0;
    unsigned long acc = 0;
    int v = 0, bits = 0;

    if ((flags & ~B64_FLAGS) != 0 || (flags & (BASE64_STD | BASE64_URL)) == 0)
        return CRED_E_ARG;
    if ((in == NULL && n > 0) || (out == NULL && size > 0))
        return CRED_E_ARG;
    if (n > (size_t)LONG_MAX)
        return CRED_E_ARG;

    /* The characters before the first '=': all in an accepted alphabet,
     * and in one of them only. */
    for (d = 0; d < n && in[d] != '='; d++) {
        v = b64_value((unsigned char)in[d], &kind);
        if (v < 0 || (kind != 0 && !(flags & kind)))
            return CRED_E_BASE64;
        seen |= kind;
        if (seen == (BASE64_STD | BASE64_URL))
            return CRED_E_BASE64;
    }
    for (i = d; i < n; i++)
        if (in[i] != '=')
            return CRED_E_BASE64_PAD;
    rem = d % 4;
    if (rem == 1)
        return CRED_E_BASE64_PAD;
    if (n > d) {
        if (rem == 0 || n - d != 4 - rem)
            return CRED_E_BASE64_PAD;
    } else if (rem != 0 && !(flags & BASE64_NOPAD)) {
        return CRED_E_BASE64_PAD;
    }
    /* v is the last character's value: 2 characters carry one byte and 4
     * spare bits, 3 carry two bytes and 2 spare bits. */
    if ((rem == 2 && (v & 0x0f) != 0) || (rem == 3 && (v & 0x03) != 0))
        return CRED_E_BASE64_BITS;
    need = d / 4 * 3 + (rem == 0 ? 0 : rem - 1);
    if (size < need)
        return CRED_E_SPACE;

    for (i = 0; i < d; i++) {
        acc = (acc << 6 |
               (unsigned long)b64_value((unsigned char)in[i], &kind)) &
              0xffffff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits & 0xff);
        }
    }
    return (long)o;
}

/* ------------------------------------------------------- auth-scheme */

/* Reads the auth-scheme at the start of v[0..n) (already trimmed) and
 * the 1*SP after it. Sets *rest to where the credentials begin (n when
 * the scheme stands alone). Returns 0; CRED_E_SCHEME when the scheme is
 * not the lower-case word scheme; CRED_E_SYNTAX when there is no scheme
 * or it is followed by a byte other than SP. */
static int read_scheme(const char *v, size_t n, const char *scheme,
                       size_t *rest)
{
    size_t i = 0;

    while (i < n && is_tchar((unsigned char)v[i]))
        i++;
    if (i == 0)
        return CRED_E_SYNTAX;
    if (!same_word(v, i, scheme))
        return CRED_E_SCHEME;
    if (i < n && v[i] != ' ')
        return CRED_E_SYNTAX;
    while (i < n && v[i] == ' ')
        i++;
    *rest = i;
    return 0;
}

/* token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
 * (RFC 9110, Section 11.2); b64token is the same (RFC 6750, 2.1). */
static int is_token68(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && (is_alnum((unsigned char)s[i]) ||
                     (s[i] != '\0' && strchr("-._~+/", s[i]) != NULL)))
        i++;
    if (i == 0)
        return 0;
    while (i < n && s[i] == '=')
        i++;
    return i == n;
}

/* ---------------------------------------------------------------- Basic */

int basic_parse(const char *value, size_t len, char *buf, size_t size,
                struct basic_credentials *out)
{
    const char *v = value;
    size_t n = len, rest, i, colon;
    long got;
    int r;

    if (out == NULL)
        return CRED_E_ARG;
    memset(out, 0, sizeof *out);
    if ((value == NULL && len > 0) || (buf == NULL && size > 0))
        return CRED_E_ARG;
    trim(&v, &n);
    r = read_scheme(v, n, "basic", &rest);
    if (r < 0)
        return r;
    if (!is_token68(v + rest, n - rest))
        return CRED_E_SYNTAX;
    got = base64_decode(v + rest, n - rest, BASE64_STD, (unsigned char *)buf,
                        size);
    if (got < 0)
        return (int)got;
    colon = (size_t)got;
    for (i = 0; i < (size_t)got; i++) {
        if (is_control((unsigned char)buf[i]))
            return CRED_E_CONTROL;
        if (buf[i] == ':' && colon == (size_t)got)
            colon = i;
    }
    if (colon == (size_t)got)
        return CRED_E_COLON;
    out->user.p = buf;
    out->user.n = colon;
    out->password.p = buf + colon + 1;
    out->password.n = (size_t)got - colon - 1;
    return 0;
}

int basic_check(const struct basic_credentials *c, struct slice user,
                struct slice password)
{
    int user_ok, password_ok;

    if (c == NULL)
        return 0;
    /* Both comparisons run whatever the first gives. */
    user_ok = credentials_equal(c->user.p, c->user.n, user.p, user.n);
    password_ok = credentials_equal(c->password.p, c->password.n, password.p,
                                    password.n);
    return user_ok & password_ok;
}

/* --------------------------------------------------------------- Bearer */

int bearer_parse(const char *value, size_t len, struct slice *token)
{
    const char *v = value;
    size_t n = len, rest;
    int r;

    if (token == NULL)
        return CRED_E_ARG;
    token->p = NULL;
    token->n = 0;
    if (value == NULL && len > 0)
        return CRED_E_ARG;
    trim(&v, &n);
    r = read_scheme(v, n, "bearer", &rest);
    if (r < 0)
        return r;
    if (!is_token68(v + rest, n - rest))
        return CRED_E_SYNTAX;
    token->p = v + rest;
    token->n = n - rest;
    return 0;
}

/* ---------------------------------------------------- Digest: names */

static const struct {
    const char *name;
    enum digest_algorithm alg;
} algorithms[] = {
    {"md5", DIGEST_MD5},
    {"md5-sess", DIGEST_MD5_SESS},
    {"sha-256", DIGEST_SHA256},
    {"sha-256-sess", DIGEST_SHA256_SESS},
    {"sha-512-256", DIGEST_SHA512_256},
    {"sha-512-256-sess", DIGEST_SHA512_256_SESS},
};

enum digest_algorithm digest_algorithm_parse(const char *s, size_t n)
{
    size_t i;

    if (s == NULL)
        return DIGEST_ALGORITHM_UNKNOWN;
    for (i = 0; i < sizeof algorithms / sizeof algorithms[0]; i++)
        if (same_word(s, n, algorithms[i].name))
            return algorithms[i].alg;
    return DIGEST_ALGORITHM_UNKNOWN;
}

const char *digest_algorithm_name(enum digest_algorithm alg)
{
    switch (alg) {
    case DIGEST_MD5:
        return "MD5";
    case DIGEST_MD5_SESS:
        return "MD5-sess";
    case DIGEST_SHA256:
        return "SHA-256";
    case DIGEST_SHA256_SESS:
        return "SHA-256-sess";
    case DIGEST_SHA512_256:
        return "SHA-512-256";
    case DIGEST_SHA512_256_SESS:
        return "SHA-512-256-sess";
    case DIGEST_ALGORITHM_UNKNOWN:
        return NULL;
    }
    return NULL;
}

/* The algorithm without -sess, and whether it had it. */
static enum digest_algorithm base_algorithm(enum digest_algorithm alg,
                                            int *sess)
{
    *sess = 0;
    switch (alg) {
    case DIGEST_MD5:
    case DIGEST_SHA256:
    case DIGEST_SHA512_256:
        return alg;
    case DIGEST_MD5_SESS:
        *sess = 1;
        return DIGEST_MD5;
    case DIGEST_SHA256_SESS:
        *sess = 1;
        return DIGEST_SHA256;
    case DIGEST_SHA512_256_SESS:
        *sess = 1;
        return DIGEST_SHA512_256;
    case DIGEST_ALGORITHM_UNKNOWN:
        break;
    }
    return DIGEST_ALGORITHM_UNKNOWN;
}

size_t digest_hex_len(enum digest_algorithm alg)
{
    int sess;

    switch (base_algorithm(alg, &sess)) {
    case DIGEST_MD5:
        return 32;
    case DIGEST_SHA256:
    case DIGEST_SHA512_256:
        return 64;
    case DIGEST_MD5_SESS:
    case DIGEST_SHA256_SESS:
    case DIGEST_SHA512_256_SESS:
    case DIGEST_ALGORITHM_UNKNOWN:
        break;
    }
    return 0;
}

enum digest_qop digest_qop_parse(const char *s, size_t n)
{
    if (s != NULL && n == 4 && memcmp(s, "auth", 4) == 0)
        return DIGEST_QOP_AUTH;
    if (s != NULL && n == 8 && memcmp(s, "auth-int", 8) == 0)
        return DIGEST_QOP_AUTH_INT;
    return DIGEST_QOP_UNKNOWN;
}

/* ------------------------------------------------- Digest: parameters */

enum param {
    P_USERNAME,
    P_USERNAME_EXT,
    P_REALM,
    P_URI,
    P_ALGORITHM,
    P_NONCE,
    P_NC,
    P_CNONCE,
    P_QOP,
    P_RESPONSE,
    P_OPAQUE,
    P_USERHASH,
    P_UNKNOWN
};

static const char *const param_names[] = {
    "username", "username*", "realm", "uri",      "algorithm", "nonce",
    "nc",       "cnonce",    "qop",   "response", "opaque",    "userhash",
};

static enum param param_of(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof param_names / sizeof param_names[0]; i++)
        if (same_word(s, n, param_names[i]))
            return (enum param)i;
    return P_UNKNOWN;
}

/* qdtext (RFC 9110, Section 5.6.4): HTAB, SP, '!', '#'..'[', ']'..'~'
 * and obs-text. */
static int is_qdtext(unsigned char c)
{
    return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) ||
           (c >= 0x5d && c <= 0x7e) || c >= 0x80;
}

/* What may follow '\' in a quoted-pair: HTAB, SP, VCHAR, obs-text. */
static int is_pair_byte(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

/* Scans the quoted-string that starts at v[*i] (a '"'). Sets *i past its
 * closing quote and *pairs to the number of quoted-pairs in it. Returns 0,
 * or CRED_E_SYNTAX when it is unterminated or holds a forbidden byte. */
static int scan_quoted(const char *v, size_t n, size_t *i, size_t *pairs)
{
    size_t j = *i + 1;

    *pairs = 0;
    while (j < n) {
        unsigned char c = (unsigned char)v[j];
        if (c == '"') {
            *i = j + 1;
            return 0;
        }
        if (c == '\\') {
            if (j + 1 >= n || !is_pair_byte((unsigned char)v[j + 1]))
                return CRED_E_SYNTAX;
            ++*pairs;
            j += 2;
        } else if (is_qdtext(c)) {
            j++;
        } else {
            return CRED_E_SYNTAX;
        }
    }
    return CRED_E_SYNTAX;
}

/* Room in the caller's scratch buffer. */
struct scratch {
    char *p;
    size_t size, used;
};

/* Copies s[0..n), a quoted-string's content with quoted-pairs, into the
 * scratch without its backslashes; *out is the result. */
static int unescape(struct scratch *sc, const char *s, size_t n, size_t pairs,
                    struct slice *out)
{
    size_t i, k = 0;
    char *d;

    if (sc->p == NULL || sc->size - sc->used < n - pairs)
        return CRED_E_SPACE;
    d = sc->p + sc->used;
    for (i = 0; i < n; i++) {
        if (s[i] == '\\')
            i++;
        d[k++] = s[i];
    }
    out->p = d;
    out->n = k;
    sc->used += k;
    return 0;
}

/* attr-char (RFC 8187, Section 3.2.1). */
static int is_attr_char(unsigned char c)
{
    return is_alnum(c) || (c != '\0' && strchr("!#$&+-.^_`|~", c) != NULL);
}

/* s[0..n) is well-formed UTF-8 (no overlong forms, no surrogates, nothing
 * past U+10FFFF) with no C0 or C1 control character and no DEL. */
static int is_clean_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = s[i];
        size_t more;
        unsigned char lo = 0x80, hi = 0xbf;
        if (c < 0x80) {
            if (is_control(c))
                return 0;
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            more = 1;
            if (c == 0xc2)
                lo = 0xa0; /* U+0080..U+009F are C1 controls */
        } else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            if (c == 0xe0)
                lo = 0xa0;
            else if (c == 0xed)
                hi = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            if (c == 0xf0)
                lo = 0x90;
            else if (c == 0xf4)
                hi = 0x8f;
        } else {
            return 0;
        }
        if (n - i - 1 < more || s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (i += 2; more > 1; more--, i++)
            if (s[i] < 0x80 || s[i] > 0xbf)
                return 0;
    }
    return 1;
}

/* Decodes username*'s ext-value s[0..n) (RFC 8187, Section 3.2):
 * charset "'" [ language ] "'" value-chars, charset UTF-8, into the
 * scratch. Returns 0, CRED_E_USERNAME, or CRED_E_SPACE. */
static int decode_ext_value(struct scratch *sc, const char *s, size_t n,
                            struct slice *out)
{
    size_t i = 0, start, k = 0;
    char *d;

    while (i < n && s[i] != '\'')
        i++;
    if (i == n || !same_word(s, i, "utf-8"))
        return CRED_E_USERNAME;
    /* A language tag: letters, digits and '-', not checked further. */
    for (i++; i < n && s[i] != '\''; i++)
        if (!is_alnum((unsigned char)s[i]) && s[i] != '-')
            return CRED_E_USERNAME;
    if (i == n)
        return CRED_E_USERNAME;
    start = ++i;
    for (; i < n; i++) {
        if (s[i] == '%') {
            if (n - i < 3 || !is_hex((unsigned char)s[i + 1]) ||
                !is_hex((unsigned char)s[i + 2]))
                return CRED_E_USERNAME;
            i += 2;
        } else if (!is_attr_char((unsigned char)s[i])) {
            return CRED_E_USERNAME;
        }
        k++;
    }
    if (k == 0) {
        /* Present but empty: an empty slice of the value, no scratch. */
        out->p = s + start;
        out->n = 0;
        return 0;
    }
    if (sc->p == NULL || sc->size - sc->used < k)
        return CRED_E_SPACE;
    d = sc->p + sc->used;
    k = 0;
    for (i = start; i < n; i++) {
        if (s[i] == '%') {
            d[k++] = (char)(hex_value((unsigned char)s[i + 1]) << 4 |
                            hex_value((unsigned char)s[i + 2]));
            i += 2;
        } else {
            d[k++] = s[i];
        }
    }
    if (!is_clean_utf8((const unsigned char *)d, k))
        return CRED_E_USERNAME;
    sc->used += k;
    out->p = d;
    out->n = k;
    return 0;
}

/* One auth-param's value: where it is, and how it was written. */
struct raw_value {
    const char *p; /* the token, or the quoted-string's content */
    size_t n;
    int quoted;
    size_t pairs;
};

/* The value, its quoted-pairs unescaped, is the lower-case word, in any
 * case. */
static int raw_is(const struct raw_value *val, const char *word)
{
    size_t i, k = 0, n = strlen(word);

    for (i = 0; i < val->n; i++, k++) {
        if (val->quoted && val->p[i] == '\\')
            i++;
        if (k == n ||
            lower((unsigned char)val->p[i]) != (unsigned char)word[k])
            return 0;
    }
    return k == n;
}

/* Reads one auth-param at v[*i]: name BWS "=" BWS ( token /
 * quoted-string ). Sets *i past it. */
static int read_param(const char *v, size_t n, size_t *i, struct slice *name,
                      struct raw_value *val)
{
    size_t j = *i, start = j;
    int r;

    while (j < n && is_tchar((unsigned char)v[j]))
        j++;
    if (j == start)
        return CRED_E_SYNTAX;
    name->p = v + start;
    name->n = j - start;
    while (j < n && is_ows(v[j]))
        j++;
    if (j == n || v[j] != '=')
        return CRED_E_SYNTAX;
    j++;
    while (j < n && is_ows(v[j]))
        j++;
    if (j == n)
        return CRED_E_SYNTAX;
    if (v[j] == '"') {
        start = j;
        r = scan_quoted(v, n, &j, &val->pairs);
        if (r < 0)
            return r;
        val->p = v + start + 1;
        val->n = j - start - 2;
        val->quoted = 1;
    } else {
        start = j;
        while (j < n && is_tchar((unsigned char)v[j]))
            j++;
        if (j == start)
            return CRED_E_SYNTAX;
        val->p = v + start;
        val->n = j - start;
        val->quoted = 0;
        val->pairs = 0;
    }
    *i = j;
    return 0;
}

/* The slice of the output struct that parameter k fills, or NULL for the
 * ones that are not kept as they are. */
static struct slice *slot_of(struct digest_params *out, enum param k)
{
    switch (k) {
    case P_USERNAME:
        return &out->username;
    case P_REALM:
        return &out->realm;
    case P_URI:
        return &out->uri;
    case P_ALGORITHM:
        return &out->algorithm_name;
    case P_NONCE:
        return &out->nonce;
    case P_NC:
        return &out->nc;
    case P_CNONCE:
        return &out->cnonce;
    case P_QOP:
        return &out->qop_name;
    case P_RESPONSE:
        return &out->response;
    case P_OPAQUE:
        return &out->opaque;
    case P_USERNAME_EXT:
    case P_USERHASH:
    case P_UNKNOWN:
        break;
    }
    return NULL;
}

/* The list after "Digest" 1*SP, into out. */
static int parse_params(const char *v, size_t n, struct scratch *sc,
                        struct digest_params *out)
{
    struct slice names[DIGEST_PARAMS_MAX];
    struct raw_value ext = {NULL, 0, 0, 0}, userhash = {NULL, 0, 0, 0};
    size_t count = 0, i = 0, k;
    int have_ext = 0, have_userhash = 0, r;

    for (;;) {
        struct slice name, *slot;
        struct raw_value val;
        enum param which;

        /* Empty list elements and the white space around them. */
        while (i < n && (v[i] == ',' || is_ows(v[i])))
            i++;
        if (i == n)
            break;
        r = read_param(v, n, &i, &name, &val);
        if (r < 0)
            return r;
        while (i < n && is_ows(v[i]))
            i++;
        if (i < n && v[i] != ',')
            return CRED_E_SYNTAX;

        if (count == DIGEST_PARAMS_MAX)
            return CRED_E_TOO_MANY;
        for (k = 0; k < count; k++)
            if (same_ci(names[k].p, names[k].n, name.p, name.n))
                return CRED_E_DUPLICATE;
        names[count++] = name;

        which = param_of(name.p, name.n);
        slot = slot_of(out, which);
        if (slot != NULL) {
            if (val.pairs > 0) {
                r = unescape(sc, val.p, val.n, val.pairs, slot);
                if (r < 0)
                    return r;
            } else {
                slot->p = val.p;
                slot->n = val.n;
            }
        } else if (which == P_USERNAME_EXT) {
            ext = val;
            have_ext = 1;
        } else if (which == P_USERHASH) {
            userhash = val;
            have_userhash = 1;
        }
    }

    if (have_userhash) {
        if (raw_is(&userhash, "true"))
            out->userhash = 1;
        else if (!raw_is(&userhash, "false"))
            return CRED_E_VALUE;
    }
    if (have_ext) {
        /* An ext-value is never quoted (RFC 8187, Section 3.2), and a
         * username that is hashed has no charset to declare. */
        if (out->username.p != NULL || ext.quoted || out->userhash)
            return CRED_E_USERNAME;
        r = decode_ext_value(sc, ext.p, ext.n, &out->username);
        if (r < 0)
            return r;
        out->username_ext = 1;
    }
    if (out->nc.p != NULL &&
        (out->nc.n != 8 || !all_hex(out->nc.p, out->nc.n)))
        return CRED_E_NC;
    out->algorithm = out->algorithm_name.p != NULL
                         ? digest_algorithm_parse(out->algorithm_name.p,
                                                  out->algorithm_name.n)
                         : DIGEST_MD5;
    out->qop = out->qop_name.p != NULL
                   ? digest_qop_parse(out->qop_name.p, out->qop_name.n)
                   : DIGEST_QOP_NONE;
    return 0;
}

int digest_parse(const char *value, size_t len, char *scratch,
                 size_t scratch_size, struct digest_params *out)
{
    struct scratch sc;
    const char *v = value;
    size_t n = len, rest;
    int r;

    if (out == NULL)
        return CRED_E_ARG;
    memset(out, 0, sizeof *out);
    if ((value == NULL && len > 0) || (scratch == NULL && scratch_size > 0))
        return CRED_E_ARG;
    trim(&v, &n);
    r = read_scheme(v, n, "digest", &rest);
    if (r == 0) {
        sc.p = scratch;
        sc.size = scratch_size;
        sc.used = 0;
        r = parse_params(v + rest, n - rest, &sc, out);
    }
    if (r < 0)
        memset(out, 0, sizeof *out);
    return r;
}

/* --------------------------------------------------- Digest: hashing */

#ifndef HTTPSTATUS_NO_CRYPTO

static const struct slice colon = {":", 1};

static const EVP_MD *md_of(enum digest_algorithm base)
{
    switch (base) {
    case DIGEST_MD5:
        return EVP_md5();
    case DIGEST_SHA256:
        return EVP_sha256();
    case DIGEST_SHA512_256:
        return EVP_sha512_256();
    case DIGEST_MD5_SESS:
    case DIGEST_SHA256_SESS:
    case DIGEST_SHA512_256_SESS:
    case DIGEST_ALGORITHM_UNKNOWN:
        break;
    }
    return NULL;
}

/* H(parts[0] parts[1] ...) in lower-case hex, with a NUL, into hex (at
 * least DIGEST_HEX_SIZE bytes). Returns the number of digits, or
 * CRED_E_CRYPTO. */
static int hash_hex(EVP_MD_CTX *ctx, const EVP_MD *md,
                    const struct slice *parts, size_t count, char *hex)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned dn = 0, i;
    size_t k;

    if (EVP_DigestInit_ex(ctx, md, NULL) != 1)
        return CRED_E_CRYPTO;
    for (k = 0; k < count; k++)
        if (parts[k].n > 0 &&
            EVP_DigestUpdate(ctx, parts[k].p, parts[k].n) != 1)
            return CRED_E_CRYPTO;
    if (EVP_DigestFinal_ex(ctx, d, &dn) != 1 || dn * 2 > DIGEST_HEX_MAX)
        return CRED_E_CRYPTO;
    for (i = 0; i < dn; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[2 * dn] = '\0';
    return (int)(2 * dn);
}

/* A hex digest as a slice. */
static struct slice hex_slice(const char *hex, int n)
{
    struct slice s;

    s.p = hex;
    s.n = (size_t)n;
    return s;
}

/* The computation of digest_compute(), arguments checked. */
static int compute(EVP_MD_CTX *ctx, const EVP_MD *md, int sess,
                   const struct digest_input *in, char *out)
{
    char ha1[DIGEST_HEX_SIZE], ha2[DIGEST_HEX_SIZE], hb[DIGEST_HEX_SIZE];
    struct slice qop = {NULL, 0};
    int n1, n2, nb;

    {
        struct slice a1[] = {in->username, colon, in->realm, colon,
                             in->password};
        n1 = hash_hex(ctx, md, a1, 5, ha1);
    }
    if (n1 >= 0 && sess) {
        struct slice s[] = {hex_slice(ha1, n1), colon, in->nonce, colon,
                            in->cnonce};
        n1 = hash_hex(ctx, md, s, 5, ha1);
    }
    if (n1 < 0)
        return n1;
    if (in->qop == DIGEST_QOP_AUTH_INT) {
        nb = hash_hex(ctx, md, &in->body, 1, hb);
        if (nb < 0)
            return nb;
        {
            struct slice a2[] = {in->method, colon, in->uri, colon,
                                 hex_slice(hb, nb)};
            n2 = hash_hex(ctx, md, a2, 5, ha2);
        }
    } else {
        struct slice a2[] = {in->method, colon, in->uri};
        n2 = hash_hex(ctx, md, a2, 3, ha2);
    }
    if (n2 < 0)
        return n2;
    if (in->qop == DIGEST_QOP_NONE) {
        struct slice r[] = {hex_slice(ha1, n1), colon, in->nonce, colon,
                            hex_slice(ha2, n2)};
        return hash_hex(ctx, md, r, 5, out);
    }
    qop.p = in->qop == DIGEST_QOP_AUTH ? "auth" : "auth-int";
    qop.n = strlen(qop.p);
    {
        struct slice r[] = {hex_slice(ha1, n1),
                            colon,
                            in->nonce,
                            colon,
                            in->nc,
                            colon,
                            in->cnonce,
                            colon,
                            qop,
                            colon,
                            hex_slice(ha2, n2)};
        return hash_hex(ctx, md, r, 11, out);
    }
}

#endif /* HTTPSTATUS_NO_CRYPTO */

int digest_compute(const struct digest_input *in, char *out, size_t size)
{
    enum digest_algorithm base;
    int sess;

    if (out != NULL && size > 0)
        out[0] = '\0';
    if (in == NULL || out == NULL)
        return CRED_E_ARG;
    if (!slice_ok(in->username) || !slice_ok(in->realm) ||
        !slice_ok(in->password) || !slice_ok(in->method) ||
        !slice_ok(in->uri) || !slice_ok(in->nonce) || !slice_ok(in->nc) ||
        !slice_ok(in->cnonce) || !slice_ok(in->body))
        return CRED_E_ARG;
    base = base_algorithm(in->algorithm, &sess);
    if (base == DIGEST_ALGORITHM_UNKNOWN)
        return CRED_E_ALGORITHM;
    if (in->qop != DIGEST_QOP_NONE && in->qop != DIGEST_QOP_AUTH &&
        in->qop != DIGEST_QOP_AUTH_INT)
        return CRED_E_QOP;
    if (sess && in->qop == DIGEST_QOP_NONE)
        return CRED_E_QOP;
    if (size < DIGEST_HEX_SIZE)
        return CRED_E_SPACE;
#ifdef HTTPSTATUS_NO_CRYPTO
    return CRED_E_UNAVAILABLE;
#else
    {
        const EVP_MD *md = md_of(base);
        EVP_MD_CTX *ctx;
        int r;
        if (md == NULL)
            return CRED_E_CRYPTO;
        ctx = EVP_MD_CTX_new();
        if (ctx == NULL)
            return CRED_E_CRYPTO;
        r = compute(ctx, md, sess, in, out);
        EVP_MD_CTX_free(ctx);
        if (r < 0)
            out[0] = '\0';
        return r;
    }
#endif
}

int digest_userhash(enum digest_algorithm alg, struct slice user,
                    struct slice realm, char *out, size_t size)
{
    enum digest_algorithm base;
    int sess;

    if (out != NULL && size > 0)
        out[0] = '\0';
    if (out == NULL || !slice_ok(user) || !slice_ok(realm))
        return CRED_E_ARG;
    base = base_algorithm(alg, &sess);
    if (base == DIGEST_ALGORITHM_UNKNOWN)
        return CRED_E_ALGORITHM;
    if (size < DIGEST_HEX_SIZE)
        return CRED_E_SPACE;
#ifdef HTTPSTATUS_NO_CRYPTO
    return CRED_E_UNAVAILABLE;
#else
    {
        const EVP_MD *md = md_of(base);
        struct slice parts[3];
        EVP_MD_CTX *ctx;
        int r;
        if (md == NULL)
            return CRED_E_CRYPTO;
        ctx = EVP_MD_CTX_new();
        if (ctx == NULL)
            return CRED_E_CRYPTO;
        parts[0] = user;
        parts[1] = colon;
        parts[2] = realm;
        r = hash_hex(ctx, md, parts, 3, out);
        EVP_MD_CTX_free(ctx);
        if (r < 0)
            out[0] = '\0';
        return r;
    }
#endif
}

/* a and b both present and the same bytes (public values: no need for
 * constant time). */
static int same_slice(struct slice a, struct slice b)
{
    return a.p != NULL && b.p != NULL && a.n == b.n &&
           (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* The checks of digest_verify() that need no hash. */
static int verify_form(const struct digest_params *p,
                       const struct digest_expect *e)
{
    int sess;

    if (p->username.p == NULL || p->realm.p == NULL || p->nonce.p == NULL ||
        p->uri.p == NULL || p->response.p == NULL)
        return CRED_E_MISSING;
    if (p->algorithm == DIGEST_ALGORITHM_UNKNOWN ||
        p->algorithm != e->algorithm)
        return CRED_E_ALGORITHM;
    base_algorithm(p->algorithm, &sess);
    if (p->qop == DIGEST_QOP_NONE) {
        if (e->qops != 0 && !e->allow_rfc2069)
            return CRED_E_QOP;
        if (p->nc.p != NULL || p->cnonce.p != NULL || sess)
            return CRED_E_QOP;
    } else {
        if ((p->qop != DIGEST_QOP_AUTH && p->qop != DIGEST_QOP_AUTH_INT) ||
            !(e->qops & (unsigned)p->qop))
            return CRED_E_QOP;
        if (p->nc.p == NULL || p->cnonce.p == NULL)
            return CRED_E_MISSING;
        if (p->nc.n != 8 || !all_hex(p->nc.p, p->nc.n))
            return CRED_E_NC;
    }
    if (!same_slice(p->realm, e->realm))
        return CRED_E_REALM;
    if (!same_slice(p->uri, e->target))
        return CRED_E_URI;
    if (e->nonce.p != NULL && !same_slice(p->nonce, e->nonce))
        return CRED_E_NONCE;
    if (e->opaque.p != NULL && !same_slice(p->opaque, e->opaque))
        return CRED_E_OPAQUE;
    if (p->response.n != digest_hex_len(p->algorithm) ||
        !all_hex(p->response.p, p->response.n))
        return CRED_E_RESPONSE;
    return 0;
}

int digest_verify(const struct digest_params *p, const struct digest_expect *e)
{
    struct digest_input in;
    char want[DIGEST_HEX_SIZE], hash[DIGEST_HEX_SIZE];
    int r, user_ok, response_ok;

    if (p == NULL || e == NULL || e->method.p == NULL || e->target.p == NULL ||
        e->realm.p == NULL || !slice_ok(e->user) || !slice_ok(e->password) ||
        !slice_ok(e->body))
        return CRED_E_ARG;
    if ((e->qops & ~(unsigned)(DIGEST_QOP_AUTH | DIGEST_QOP_AUTH_INT)) != 0)
        return CRED_E_ARG;
    r = verify_form(p, e);
    if (r < 0)
        return r;

    memset(&in, 0, sizeof in);
    in.algorithm = p->algorithm;
    in.qop = p->qop;
    in.username = e->user; /* the real name, also when the client hashed it */
    in.realm = p->realm;
    in.password = e->password;
    in.method = e->method;
    in.uri = p->uri;
    in.nonce = p->nonce;
    if (p->qop != DIGEST_QOP_NONE) {
        in.nc = p->nc;
        in.cnonce = p->cnonce;
    }
    in.body = e->body;
    r = digest_compute(&in, want, sizeof want);
    if (r < 0)
        return r;
    response_ok = hex_equal(p->response.p, want, (size_t)r);

    if (p->userhash) {
        int hn = digest_userhash(p->algorithm, e->user, p->realm, hash,
                                 sizeof hash);
        if (hn < 0)
            return hn;
        user_ok = p->username.n == (size_t)hn &&
                  all_hex(p->username.p, p->username.n) &&
                  hex_equal(p->username.p, hash, (size_t)hn);
    } else {
        user_ok = credentials_equal(p->username.p, p->username.n, e->user.p,
                                    e->user.n);
    }
    return user_ok & response_ok;
}

/* -------------------------------------------------- Digest: challenge */

/* An snprintf-like writer: counts every byte, stores what fits. */
struct writer {
    char *p;
    size_t size, len;
};

static void put(struct writer *w, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++, w->len++)
        if (w->size > 0 && w->len < w->size - 1)
            w->p[w->len] = s[i];
}

static void put_str(struct writer *w, const char *s)
{
    put(w, s, strlen(s));
}

static void put_hex(struct writer *w, const unsigned char *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        put(w, &digits[b[i] >> 4], 1);
        put(w, &digits[b[i] & 15], 1);
    }
}

long digest_challenge_write(const struct digest_challenge *c, char *out,
                            size_t size)
{
    static const char bs = '\\';
    struct writer w;
    const char *name;
    size_t i;

    if (c == NULL || c->random == NULL || (out == NULL && size > 0) ||
        !slice_ok(c->realm))
        return CRED_E_ARG;
    if ((c->qops & ~(unsigned)(DIGEST_QOP_AUTH | DIGEST_QOP_AUTH_INT)) != 0)
        return CRED_E_ARG;
    name = digest_algorithm_name(c->algorithm);
    if (name == NULL)
        return CRED_E_ARG;
    /* Twice the realm (every byte escaped) and the rest must fit a long. */
    if (c->realm.n > ((size_t)LONG_MAX - 512) / 2)
        return CRED_E_ARG;
    for (i = 0; i < c->realm.n; i++) {
        unsigned char ch = (unsigned char)c->realm.p[i];
        if (is_control(ch) && ch != '\t')
            return CRED_E_ARG;
    }

    w.p = out;
    w.size = size;
    w.len = 0;
    put_str(&w, "Digest realm=\"");
    for (i = 0; i < c->realm.n; i++) {
        if (c->realm.p[i] == '"' || c->realm.p[i] == '\\')
            put(&w, &bs, 1);
        put(&w, c->realm.p + i, 1);
    }
    put_str(&w, "\"");
    if (c->qops == (DIGEST_QOP_AUTH | DIGEST_QOP_AUTH_INT))
        put_str(&w, ", qop=\"auth, auth-int\"");
    else if (c->qops == DIGEST_QOP_AUTH)
        put_str(&w, ", qop=\"auth\"");
    else if (c->qops == DIGEST_QOP_AUTH_INT)
        put_str(&w, ", qop=\"auth-int\"");
    put_str(&w, ", algorithm=");
    put_str(&w, name);
    put_str(&w, ", nonce=\"");
    put_hex(&w, c->random, DIGEST_RANDOM_LEN / 2);
    put_str(&w, "\", opaque=\"");
    put_hex(&w, c->random + DIGEST_RANDOM_LEN / 2, DIGEST_RANDOM_LEN / 2);
    put_str(&w, "\"");
    if (c->stale)
        put_str(&w, ", stale=true");
    if (c->userhash)
        put_str(&w, ", userhash=true");
    if (size > 0)
        out[w.len < size ? w.len : size - 1] = '\0';
    return (long)w.len;
}
