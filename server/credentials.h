/* credentials.h: what the server's authentication endpoints need, as one
 * module that allocates nothing: base64 (RFC 4648), Basic (RFC 7617),
 * Bearer (RFC 6750) and Digest (RFC 7616) credentials, read from an
 * Authorization field value, checked against what the route expects, and
 * the Digest challenge. Every function takes (pointer, length) input that
 * need not end in NUL, writes only into buffers the caller passes, and
 * returns a negative enum credentials_error for anything it refuses; no
 * input, of any bytes or length, makes it read or write out of bounds.
 *
 * How the endpoints use it (the behaviour of go-httpbin v2.14.0, read
 * from its source, is noted where ours differs):
 *
 *   /basic-auth/{u}/{p}         basic_parse() the Authorization value,
 *                               then basic_check() against u and p: 200
 *                               when it gives 1; otherwise 401 with
 *                               WWW-Authenticate: Basic realm="...".
 *                               go-httpbin wants exactly one space after
 *                               "Basic" and lets control characters
 *                               through; here 1*SP, and they are refused.
 *   /hidden-basic-auth/{u}/{p}  the same, but 404 instead of 401.
 *   /bearer                     bearer_parse(): 200 with the token, or
 *                               401 with WWW-Authenticate: Bearer. Here
 *                               the scheme is case-insensitive and the
 *                               token must be a b64token; go-httpbin
 *                               wants "Bearer" exactly and any token.
 *   /digest-auth/{qop}/{u}/{p}[/{algorithm}]
 *                               digest_qop_parse() and, when given,
 *                               digest_algorithm_parse() on the path
 *                               (400 for what they refuse), then
 *                               digest_parse() and digest_verify(): 200
 *                               for 1; 401 with a digest_challenge_write()
 *                               value otherwise (a handler may answer
 *                               400 for a negative result instead, but
 *                               browsers and curl expect 401). go-httpbin
 *                               takes qop "auth" only and MD5 or SHA-256,
 *                               accepts a response without qop (RFC
 *                               2069), and checks neither realm, uri,
 *                               nonce nor opaque; digest_verify() checks
 *                               the realm and uri always, and nonce and
 *                               opaque when the caller gives them.
 *                               curl 7.88.1 passes with MD5, SHA-256,
 *                               their -sess forms, userhash and no qop;
 *                               its auth-int hashes an empty body whatever
 *                               it sends, and its "SHA-512-256" is plain
 *                               SHA-256, so those two fail here, as RFC
 *                               7616 says they must.
 *   /base64/{value}             base64_decode() with BASE64_STD |
 *                               BASE64_URL: either alphabet (one per
 *                               value), padding required, no other byte.
 *                               go-httpbin tries the URL-safe alphabet,
 *                               then the standard one, both padded, so it
 *                               takes the same values, but for two: it
 *                               skips CR and LF, and it ignores non-zero
 *                               bits after the last byte ("QR==" is "A"
 *                               there, an error here). The value is the
 *                               percent-decoded rest of the path after
 *                               "/base64/decode/", where the standard
 *                               alphabet's '/' spans segments, or after
 *                               "/base64/" when it holds no '/' (a first
 *                               segment other than "encode" or "decode"
 *                               is then a 400, as in go-httpbin; %2F
 *                               passes). An empty value is a 400.
 *   /base64/encode/{value}      base64_encode() with BASE64_URL, padded,
 *                               as go-httpbin does.
 *
 * Digest needs a hash: libcrypto's EVP interface (OpenSSL 1.1 or later).
 * A build with HTTPSTATUS_NO_CRYPTO defined (the Makefile defines it when
 * it finds no libcrypto, or with HAVE_CRYPTO=) keeps every parser and the
 * challenge, and the functions that hash (digest_compute(), digest_userhash(),
 * digest_verify(), credentials_random()) return CRED_E_UNAVAILABLE. */
#ifndef HTTPSTATUS_CREDENTIALS_H
#define HTTPSTATUS_CREDENTIALS_H

#include <stddef.h>

#include "server.h" /* struct slice */

/* --------------------------------------------------------------- errors */

/* Every error, its value and the sentence credentials_strerror() gives. */
#define CREDENTIALS_ERRORS(XX)                                                \
    XX(CRED_E_ARG, -1, "an argument is missing or invalid")                   \
    XX(CRED_E_SPACE, -2, "the output buffer is too small")                    \
    XX(CRED_E_BASE64, -3,                                                     \
       "not base64: a byte outside the alphabet, or two alphabets mixed")     \
    XX(CRED_E_BASE64_PAD, -4,                                                 \
       "bad base64 padding, or a length no base64 text can have")             \
    XX(CRED_E_BASE64_BITS, -5,                                                \
       "base64 with non-zero bits after the last byte")                       \
    XX(CRED_E_SCHEME, -6, "the credentials are of another scheme")            \
    XX(CRED_E_SYNTAX, -7, "the credentials are malformed")                    \
    XX(CRED_E_COLON, -8, "the Basic credentials have no colon")               \
    XX(CRED_E_CONTROL, -9, "a control character in the user-id or password")  \
    XX(CRED_E_DUPLICATE, -10, "a Digest parameter is given twice")            \
    XX(CRED_E_TOO_MANY, -11, "too many Digest parameters")                    \
    XX(CRED_E_VALUE, -12, "a Digest parameter's value is not of its form")    \
    XX(CRED_E_USERNAME, -13,                                                  \
       "both username and username*, or a malformed username*")               \
    XX(CRED_E_MISSING, -14, "a required Digest parameter is missing")         \
    XX(CRED_E_QOP, -15, "the qop is not one the challenge offered")           \
    XX(CRED_E_NC, -16, "nc is not 8 hexadecimal digits")                      \
    XX(CRED_E_ALGORITHM, -17,                                                 \
       "the algorithm is unknown or not the one the challenge named")         \
    XX(CRED_E_RESPONSE, -18,                                                  \
       "the response is not a hex digest of the algorithm's length")          \
    XX(CRED_E_REALM, -19, "the realm is not the server's")                    \
    XX(CRED_E_URI, -20, "the uri is not the request target")                  \
    XX(CRED_E_NONCE, -21, "the nonce is not the one expected")                \
    XX(CRED_E_OPAQUE, -22, "the opaque is not the one expected")              \
    XX(CRED_E_UNAVAILABLE, -23,                                               \
       "Digest hashing is unavailable: built without libcrypto")              \
    XX(CRED_E_CRYPTO, -24, "libcrypto failed to compute a hash")

enum credentials_error {
#define CREDENTIALS_ENUM(name, value, text) name = value,
    CREDENTIALS_ERRORS(CREDENTIALS_ENUM)
#undef CREDENTIALS_ENUM
};

/* A sentence (a string literal, lower case, no final period) saying what
 * the error err means, or NULL when err is no enum credentials_error. */
const char *credentials_strerror(int err);

/* 1 when given[0..given_n) and secret[0..secret_n) are the same bytes, 0
 * otherwise. The time taken depends on given_n alone, never on the bytes
 * of either side or on secret_n: every byte of given is compared (with a
 * byte of the secret, or a stand-in past its end), the differences are
 * OR-ed together, and nothing returns early. given may be NULL when
 * given_n is 0, and so may secret when secret_n is 0; a NULL pointer with
 * a non-zero length gives 0. */
int credentials_equal(const char *given, size_t given_n, const char *secret,
                      size_t secret_n);

/* Fills out[0..n) with bytes from libcrypto's generator (RAND_bytes()),
 * for the nonce and opaque of a Digest challenge. Returns 0, CRED_E_ARG
 * when out is NULL and n is not 0, CRED_E_CRYPTO when the generator
 * fails, or CRED_E_UNAVAILABLE without libcrypto; the caller then takes
 * bytes from its own generator, as the server's xorshift64* state: those
 * are predictable, which is tolerable for a test server that keeps no
 * nonces, not beyond. */
int credentials_random(unsigned char *out, size_t n);

/* --------------------------------------------------------------- base64 */

/* Flags for base64_encode() and base64_decode(). */
#define BASE64_STD 1u /* the standard alphabet: '+' and '/' (RFC 4648, 4) */
#define BASE64_URL 2u /* the URL-safe alphabet: '-' and '_' (RFC 4648, 5) */
#define BASE64_NOPAD                                                          \
    4u /* encode: leave out '='; decode: accept its absence                   \
        */

/* The length base64_encode() gives for n bytes with these flags, or
 * SIZE_MAX when it would not fit in a size_t. */
size_t base64_encoded_len(size_t n, unsigned flags);

/* The most bytes base64_decode() can give for n characters: 3 for every
 * 4, and 2 for a final 2 or 3. */
size_t base64_decoded_max(size_t n);

/* Encodes in[0..n) into out[0..size) in the one alphabet flags names
 * (BASE64_STD or BASE64_URL, not both), with '=' padding unless flags
 * has BASE64_NOPAD. No NUL is written. Returns the length written
 * (base64_encoded_len()), CRED_E_SPACE when size is less than that
 * (out is then untouched), or CRED_E_ARG for flags that name no single
 * alphabet, a NULL pointer with a non-zero length, or an output too long
 * for a long. */
long base64_encode(const void *in, size_t n, unsigned flags, char *out,
                   size_t size);

/* Decodes in[0..n) into out[0..size), strictly. flags names the alphabets
 * accepted: BASE64_STD, BASE64_URL, or both (either one, but a value that
 * holds '+' or '/' as well as '-' or '_' is refused). The text is base64
 * characters, then as many '=' as the last group needs: two after 2
 * characters, one after 3, none after 4; without BASE64_NOPAD they must
 * be there, with it they may be left out (but, when present, must be
 * right). Nothing else is accepted: no white space, no line ends.
 *
 * Returns the number of bytes written, or: CRED_E_BASE64 for a byte
 * outside the alphabets (or the two mixed), CRED_E_BASE64_PAD for '='
 * out of place, too many or missing, or a length that leaves a single
 * character in the last group, CRED_E_BASE64_BITS when the last
 * character carries bits that are not zero beyond the last byte (each
 * value then has one spelling), CRED_E_SPACE when size is less than the
 * length decoded (base64_decoded_max() is always enough), CRED_E_ARG for
 * flags with neither alphabet, a NULL pointer with a non-zero length, or
 * an input too long for a long. The whole input is checked before out is
 * written; on an error out is untouched. The empty input decodes to
 * nothing, with 0. */
long base64_decode(const char *in, size_t n, unsigned flags,
                   unsigned char *out, size_t size);

/* ---------------------------------------------------------------- Basic */

/* A user-id and password (RFC 7617), each a piece of the buffer that
 * basic_parse() decoded into. */
struct basic_credentials {
    struct slice user;
    struct slice password;
};

/* Reads an Authorization field value of the Basic scheme:
 * "Basic" 1*SP token68, the scheme in any case, white space around the
 * whole ignored. The token68 is decoded as standard base64, strictly
 * (base64_decode() with BASE64_STD: padding required), into
 * buf[0..size), and split at its first ':' into user-id and password
 * (a password may hold ':', a user-id cannot). Either may be empty.
 *
 * Returns 0 and fills *out, whose slices point into buf; or
 * CRED_E_SCHEME when the value holds another scheme, CRED_E_SYNTAX when
 * it is not "Basic" 1*SP token68, a base64 error, CRED_E_COLON when the
 * decoded text has no ':', CRED_E_CONTROL when it holds a control
 * character (0x00 to 0x1F, 0x7F), which RFC 7617, Section 2 forbids in
 * both parts, CRED_E_SPACE when buf is smaller than the decoded text
 * (len bytes are always enough), or CRED_E_ARG for a NULL pointer (value
 * may be NULL when len is 0). Bytes 0x80 and above are kept as they are:
 * the charset is the client's business. On an error *out is zeroed. */
int basic_parse(const char *value, size_t len, char *buf, size_t size,
                struct basic_credentials *out);

/* 1 when c holds exactly the user-id user and the password password, 0
 * otherwise, in time that depends on the lengths c holds and not on the
 * bytes of user or password (credentials_equal(), both parts always
 * compared). 0 when c is NULL. */
int basic_check(const struct basic_credentials *c, struct slice user,
                struct slice password);

/* --------------------------------------------------------------- Bearer */

/* Reads an Authorization field value of the Bearer scheme (RFC 6750,
 * Section 2.1): "Bearer" 1*SP b64token, the scheme in any case, white
 * space around the whole ignored; b64token is 1*( ALPHA / DIGIT / "-" /
 * "." / "_" / "~" / "+" / "/" ) *"=", and is not decoded. Returns 0 and
 * points *token into value; or CRED_E_SCHEME for another scheme,
 * CRED_E_SYNTAX when the token is empty or not a b64token (a second
 * word, a comma, a quote), CRED_E_ARG for a NULL pointer. On an error
 * *token is {NULL, 0}. */
int bearer_parse(const char *value, size_t len, struct slice *token);

/* --------------------------------------------------------------- Digest */

/* The algorithms of RFC 7616, Section 3.3 (the names in the comments are
 * how they are spelled on the wire, in any case). */
enum digest_algorithm {
    DIGEST_MD5,              /* "MD5" (the default when none is given) */
    DIGEST_MD5_SESS,         /* "MD5-sess" */
    DIGEST_SHA256,           /* "SHA-256" */
    DIGEST_SHA256_SESS,      /* "SHA-256-sess" */
    DIGEST_SHA512_256,       /* "SHA-512-256" */
    DIGEST_SHA512_256_SESS,  /* "SHA-512-256-sess" */
    DIGEST_ALGORITHM_UNKNOWN /* a name none of the above */
};

/* The algorithm named s[0..n), ignoring case, or DIGEST_ALGORITHM_UNKNOWN.
 * For the {algorithm} segment of /digest-auth and the parameter alike. */
enum digest_algorithm digest_algorithm_parse(const char *s, size_t n);

/* The algorithm's name as RFC 7616 spells it ("SHA-256-sess"), or NULL
 * for DIGEST_ALGORITHM_UNKNOWN and any other value. */
const char *digest_algorithm_name(enum digest_algorithm alg);

/* The length of the algorithm's digest in hex digits: 32 for MD5, 64
 * for the SHA-2 ones, 0 for an unknown one. */
size_t digest_hex_len(enum digest_algorithm alg);

/* The longest hex digest, and a buffer for it with its NUL. */
#define DIGEST_HEX_MAX  64
#define DIGEST_HEX_SIZE (DIGEST_HEX_MAX + 1)

/* Quality of protection. As a set (the qops of a challenge, or those a
 * verification accepts), the values are OR-ed bits. */
enum digest_qop {
    DIGEST_QOP_NONE = 0,     /* no qop: RFC 2069's computation */
    DIGEST_QOP_AUTH = 1,     /* "auth" */
    DIGEST_QOP_AUTH_INT = 2, /* "auth-int": the body is hashed in */
    DIGEST_QOP_UNKNOWN = 4   /* a value other than those two */
};

/* The qop named s[0..n), exactly "auth" or "auth-int" (lower case, as
 * the values are compared and hashed as sent), or DIGEST_QOP_UNKNOWN.
 * For the {qop} segment of /digest-auth and the parameter alike. */
enum digest_qop digest_qop_parse(const char *s, size_t n);

/* The most parameters digest_parse() reads from one value; empty list
 * elements do not count. RFC 7616 defines twelve. */
#define DIGEST_PARAMS_MAX 32

/* The parameters of Digest credentials (RFC 7616, Section 3.4), each
 * unquoted and unescaped: a slice into the field value, or into the
 * scratch buffer when the value held a quoted-pair or came from a
 * non-empty username*. An absent parameter is {NULL, 0}; a present empty
 * one has a non-NULL p and n 0. */
struct digest_params {
    struct slice username; /* from username, or decoded from username* */
    struct slice realm, uri, nonce, cnonce, nc, response, opaque;
    struct slice algorithm_name;     /* as sent, for messages */
    struct slice qop_name;           /* as sent */
    enum digest_algorithm algorithm; /* DIGEST_MD5 when absent */
    enum digest_qop qop; /* DIGEST_QOP_NONE when absent; one value, not a
                            set: credentials carry a single qop */
    int userhash;        /* 1 for userhash=true (any case), else 0 */
    int username_ext;    /* 1 when the username came from username* */
};

/* Reads an Authorization field value of the Digest scheme: "Digest", in
 * any case, then 1*SP and a comma-separated list of auth-params (RFC
 * 9110, Sections 11.2 and 5.6.1): name BWS "=" BWS ( token /
 * quoted-string ), white space (SP, HTAB) around each comma, empty list
 * elements skipped ("Digest , a=1,,b=2 ,"). White space around the whole
 * value is ignored. Parameter names are matched in any case; every value
 * may be a token or a quoted-string, whatever the parameter (RFC 9110,
 * Section 11.2 has recipients accept both). A quoted-string may hold
 * HTAB, SP, visible ASCII and bytes 0x80 and above, and quoted-pairs
 * ("\\" then one of those), which are unescaped into scratch.
 *
 * Values are checked for their form where RFC 7616 fixes one: nc is 8
 * hex digits (either case), userhash is "true" or "false" (any case),
 * username* is an RFC 8187 ext-value, as a token, in charset UTF-8 (any
 * case), with an optional language tag; it is percent-decoded into
 * scratch and must then be well-formed UTF-8 without control characters.
 * An unknown algorithm or qop is not an error here (digest_verify()
 * refuses it); unknown parameters are skipped, but count towards
 * DIGEST_PARAMS_MAX and may not repeat either.
 *
 * scratch[0..scratch_size) receives the unescaped values; a scratch of
 * len bytes is always enough, and none is used for a value without
 * quoted-pairs, so scratch may be NULL when scratch_size is 0 and no
 * value needs one.
 *
 * Returns 0 and fills *out; or CRED_E_SCHEME for another scheme,
 * CRED_E_SYNTAX for a value that breaks the grammar (an unterminated
 * quoted-string, a control character, a parameter without '=' or value,
 * two parameters without a comma between them, a token68 in place of
 * the list, no SP after the scheme), CRED_E_DUPLICATE when a name
 * repeats (in any case), CRED_E_TOO_MANY past DIGEST_PARAMS_MAX,
 * CRED_E_NC, CRED_E_VALUE (userhash), CRED_E_USERNAME (both username and
 * username*, a malformed, quoted or non-UTF-8 username*, or username*
 * with userhash=true), CRED_E_SPACE when scratch is too small, CRED_E_ARG
 * for a NULL pointer. "Digest" alone parses, with every parameter absent.
 * On an error *out is zeroed. */
int digest_parse(const char *value, size_t len, char *scratch,
                 size_t scratch_size, struct digest_params *out);

/* Everything that goes into a response digest (RFC 7616, Section 3.4.1),
 * as bytes: no quoting, no escapes. */
struct digest_input {
    enum digest_algorithm algorithm;
    enum digest_qop qop; /* NONE, AUTH or AUTH_INT */
    struct slice username, realm, password;
    struct slice method, uri; /* the request's method, the uri parameter */
    struct slice nonce;
    struct slice nc, cnonce; /* with a qop, and cnonce for -sess */
    struct slice body;       /* the content, for auth-int */
};

/* Computes the response digest for in, as lower-case hex with a NUL,
 * into out[0..size), where H is the algorithm's hash and every ':' is
 * literal:
 *
 *   A1 = username ":" realm ":" password, and for the -sess algorithms
 *        H(that) ":" nonce ":" cnonce;
 *   A2 = method ":" uri, and for auth-int ":" H(body) after it;
 *   response = H(H(A1) ":" nonce ":" nc ":" cnonce ":" qop ":" H(A2)),
 *        or H(H(A1) ":" nonce ":" H(A2)) without a qop (RFC 2069).
 *
 * Returns the number of hex digits (32 or 64); or CRED_E_ALGORITHM for
 * an unknown algorithm, CRED_E_QOP for a qop other than those three,
 * or for a -sess algorithm without one, CRED_E_SPACE when size is less
 * than DIGEST_HEX_SIZE, CRED_E_ARG for NULL in, out or a slice's p with
 * a non-zero n, CRED_E_CRYPTO when libcrypto fails (as MD5 does in a
 * FIPS-only configuration), CRED_E_UNAVAILABLE without libcrypto. On an
 * error out holds "" when size allows. */
int digest_compute(const struct digest_input *in, char *out, size_t size);

/* The userhash of RFC 7616, Section 3.4.4: H(user ":" realm) in lower-case
 * hex, with the algorithm's hash (the -sess variants use their base
 * hash), into out[0..size). Returns the number of hex digits, or the
 * errors of digest_compute(). */
int digest_userhash(enum digest_algorithm alg, struct slice user,
                    struct slice realm, char *out, size_t size);

/* What the server expects of Digest credentials for one request. */
struct digest_expect {
    struct slice user, password;     /* from the route */
    struct slice realm;              /* the realm of the challenge */
    enum digest_algorithm algorithm; /* the algorithm of the challenge */
    unsigned qops;     /* the qops the challenge offered, OR-ed: AUTH,
                          AUTH_INT; 0 for a challenge without qop */
    int allow_rfc2069; /* also accept credentials without qop, though the
                          challenge offered some (as go-httpbin does) */
    struct slice method, target; /* the request line's method and target */
    struct slice body;           /* the request's content, for auth-int */
    struct slice nonce, opaque;  /* when p is not NULL, the values the
                                    credentials must carry; when NULL,
                                    any (a stateless server) */
};

/* Verifies Digest credentials p (from digest_parse()) for the request e
 * describes. Checks, in this order, each failure a negative result:
 * username (or userhash), realm, nonce, uri and response are present
 * (CRED_E_MISSING); the algorithm is known and is e->algorithm
 * (CRED_E_ALGORITHM; an absent one is MD5); the qop is one of e->qops, or
 * absent when e->qops is 0 or e->allow_rfc2069 is set (CRED_E_QOP); with
 * a qop, nc and cnonce are present (CRED_E_MISSING) and nc is 8 hex
 * digits (CRED_E_NC); without one, neither is present and the algorithm
 * is not -sess (CRED_E_QOP); the realm is e->realm (CRED_E_REALM); the uri
 * is e->target, byte for byte (CRED_E_URI); nonce and opaque match when
 * e has them (CRED_E_NONCE, CRED_E_OPAQUE); the response is hex of the
 * algorithm's length, in either case (CRED_E_RESPONSE).
 *
 * Then returns 1 when the username is e->user (with userhash, when it is
 * digest_userhash() of e->user and the realm, in either case) and the
 * response is the one digest_compute() gives with e->password; 0 when
 * either differs. Both comparisons always run, in time independent of
 * the secret's bytes (credentials_equal()). CRED_E_ARG for a NULL p or
 * e, an e without method, target or realm (p NULL), a slice of e with
 * NULL p and non-zero n, or e->qops with other bits; CRED_E_CRYPTO or
 * CRED_E_UNAVAILABLE as digest_compute() says. */
int digest_verify(const struct digest_params *p,
                  const struct digest_expect *e);

/* The bytes a challenge's nonce and opaque are made of: the nonce is the
 * first half in hex, the opaque the second half. */
#define DIGEST_RANDOM_LEN 32

/* What a Digest challenge says. */
struct digest_challenge {
    struct slice realm; /* any bytes but controls other than HTAB; '"'
                           and '\\' are escaped */
    unsigned qops;      /* AUTH and AUTH_INT, OR-ed; 0 for none */
    enum digest_algorithm algorithm;
    int stale;    /* add stale=true: the nonce was refused, not the
                     password */
    int userhash; /* add userhash=true: the client may hash its
                     username */
    const unsigned char *random; /* DIGEST_RANDOM_LEN bytes, from
                                    credentials_random() or the server's
                                    generator */
};

/* Writes the WWW-Authenticate field value of the challenge c (the value
 * only, without the field name or a line end), for example
 *
 *   Digest realm="httpstatus", qop="auth", algorithm=SHA-256,
 *   nonce="<32 hex digits>", opaque="<32 hex digits>"
 *
 * on one line, into out[0..size) with a NUL, like snprintf: it never
 * writes past size, and returns the length of the whole value (without
 * the NUL) even when that did not fit; out holds the whole value when
 * the result is less than size. qop is left out when c->qops is 0 and
 * lists "auth, auth-int" when both are offered. Returns CRED_E_ARG for a
 * NULL c or c->random, out NULL with size above 0, a realm with control
 * characters, qops with other bits, or an unknown algorithm. */
long digest_challenge_write(const struct digest_challenge *c, char *out,
                            size_t size);

#endif
