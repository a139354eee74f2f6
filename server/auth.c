/* auth.c: the authentication endpoints, and base64.
 *
 *   /basic-auth/{user}/{passwd}         200 {"authorized": true, "user"}
 *                                       for Basic credentials that match;
 *                                       else 401 {"authorized": false,
 *                                       "user"} with WWW-Authenticate:
 *                                       Basic realm="Fake Realm"
 *   /hidden-basic-auth/{user}/{passwd}  the same 200; else the 404 of a
 *                                       path that does not exist
 *   /bearer                             200 {"authenticated": true,
 *                                       "token"}; 401 with
 *                                       WWW-Authenticate: Bearer
 *   /digest-auth/{qop}/{user}/{passwd}[/{algorithm}]
 *                                       a Digest challenge (401), then
 *                                       200 {"authorized": true, "user"}
 *   /base64/{value}, /base64/decode/{value}
 *                                       the value decoded, text/plain
 *   /base64/encode/{value}              the value in URL-safe base64
 *
 * credentials.c reads and checks the credentials; this file maps its
 * answers to responses. The JSON keys and challenges are go-httpbin
 * v2.14.0's. Where its behaviour and an RFC part, the RFC wins:
 *
 *  - Path segments are split at '/' first, then percent-decoded, so a
 *    user "a/b" is /basic-auth/a%2Fb/p (RFC 3986, Section 2.2: an encoded
 *    delimiter is data). go-httpbin decodes first and answers 404.
 *  - No Authorization field is not an empty user-id and password:
 *    /basic-auth// wants "Basic Og==", the base64 of ":" (go-httpbin
 *    lets the request through without any field).
 *  - Authorization is a singleton field: two of them are a 400 (RFC 9110,
 *    Section 5.3), where go-httpbin reads the first.
 *  - Bearer: the scheme in any case (RFC 9110, Section 11.1); a token
 *    that is not a b64token ("Bearer", "Bearer a b") is an invalid_request,
 *    a 400 with error="invalid_request" in the challenge (RFC 6750,
 *    Section 3.1); go-httpbin answers 401 to both.
 *  - Digest: qop auth-int and the -sess algorithms besides go-httpbin's
 *    auth, MD5 and SHA-256; the challenge's nonce, opaque and qop are
 *    quoted-strings (RFC 7616, Section 3.3); credentials without qop are
 *    refused, since the challenge always offers one (Section 3.4);
 *    a uri other than the request target is a 400 (Section 3.4.6); the
 *    realm must be the challenge's, "httpstatus" (go-httpbin's is
 *    "go-httpbin", and it takes any). As in go-httpbin, no nonce is kept:
 *    any nonce is accepted (Section 3.3 leaves nonce policy to the
 *    server), so there is never a stale=true.
 *  - base64: no CR or LF inside the value, and no non-zero bits after the
 *    last byte (RFC 4648, Sections 3.3 and 3.5); go-httpbin ignores both.
 *
 * Without libcrypto (HTTPSTATUS_NO_CRYPTO) the Digest routes check their
 * path, then answer 501: there is no hash to check a response with. */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "credentials.h"
#include "form.h"
#include "handlers.h"
#include "json.h"
#include "server.h"

#define BASIC_CHALLENGE "Basic realm=\"Fake Realm\""
#define DIGEST_REALM    "httpstatus"
#define SEGMENTS_MAX    4
#define CHALLENGE_MAX   256

/* Whether digest_verify() can hash: the code below is compiled either
 * way, so that both builds check it. */
#ifdef HTTPSTATUS_NO_CRYPTO
#define DIGEST_HASHES 0
#else
#define DIGEST_HASHES 1
#endif

/* ----------------------------------------------------------- the path */

/* Splits rest (what a route's "*" matched) at '/' into at most max
 * segments, each percent-decoded ('+' stays '+') into buf[0..size),
 * which needs rest.n bytes. Returns how many segments rest has (max + 1
 * when it has more), or -1 for a malformed percent-encoding (which the
 * request parser refuses already). */
static int path_segments(struct slice rest, char *buf, size_t size,
                         struct slice *seg, int max)
{
    size_t i = 0, used = 0;
    int count = 0;

    for (;;) {
        size_t start = i;
        long n;
        while (i < rest.n && rest.p[i] != '/')
            i++;
        if (count == max)
            return max + 1;
        n = percent_decode(rest.p + start, i - start, buf + used, size - used,
                           0);
        if (n < 0)
            return -1;
        seg[count].p = buf + used;
        seg[count++].n = (size_t)n;
        used += (size_t)n;
        if (i == rest.n)
            return count;
        i++; /* the '/' */
    }
}

/* The 400 for a path_segments() of -1. */
static void refuse_path(struct exchange *x)
{
    refuse_request(x, "The path has a '%%' that is not followed by two "
                      "hexadecimal digits.");
}

/* The request's one Authorization field: 1 with its value, 0 when there
 * is none, -1 (and a 400) when there are several. */
static int authorization(struct exchange *x, struct slice *value)
{
    int count = request_field(x->req, "Authorization", value);

    if (count > 1) {
        refuse_request(x,
                       "The request has %d Authorization fields: it may "
                       "have one at most (RFC 9110, Sections 5.3 and "
                       "11.6.2).",
                       count);
        return -1;
    }
    return count;
}

/* {"KEY": true|false, "NAME": "value"}, indented as go-httpbin does. */
static int json_answer(struct exchange *x, const char *key, int yes,
                       const char *name, struct slice value)
{
    struct buffer *b = &x->res->body;
    int r;

    r = buffer_printf(b, "{\n  \"%s\": %s,\n  \"%s\": ", key,
                      yes ? "true" : "false", name);
    r |= json_escape(b, value.p != NULL ? value.p : "", value.n);
    r |= buffer_puts(b, "\n}\n");
    if (r != 0)
        return -1;
    response_add(x->res, "Content-Type", HTTPBIN_JSON);
    return x->res->failed ? -1 : 0;
}

/* -------------------------------------------------------------- Basic */

static int basic_auth(struct exchange *x, int hidden)
{
    char path[REQUEST_LINE_MAX], decoded[REQUEST_HEAD_MAX];
    struct slice seg[2], value;
    struct basic_credentials c;
    int n, ok = 0;

    n = path_segments(x->arg[0], path, sizeof path, seg, 2);
    if (n < 0) {
        refuse_path(x);
        return 0;
    }
    if (n != 2)
        return respond_not_found(x);
    n = authorization(x, &value);
    if (n < 0)
        return 0;
    memset(&c, 0, sizeof c);
    /* Malformed credentials are no credentials: 401 (or 404), as for
     * wrong ones, with "user" empty. */
    if (n == 1 && value.n <= sizeof decoded &&
        basic_parse(value.p, value.n, decoded, sizeof decoded, &c) == 0)
        ok = basic_check(&c, seg[0], seg[1]);
    if (!ok && hidden)
        return respond_not_found(x);
    response_reset(x->res, ok ? 200 : 401);
    if (!ok)
        response_add(x->res, "WWW-Authenticate", BASIC_CHALLENGE);
    return json_answer(x, "authorized", ok, "user", c.user);
}

int handle_basic_auth(struct exchange *x)
{
    return basic_auth(x, 0);
}

int handle_hidden_basic_auth(struct exchange *x)
{
    return basic_auth(x, 1);
}

/* ------------------------------------------------------------- Bearer */

int handle_bearer(struct exchange *x)
{
    struct slice value, token;
    int n, r;

    n = authorization(x, &value);
    if (n < 0)
        return 0;
    r = n == 1 ? bearer_parse(value.p, value.n, &token) : CRED_E_SCHEME;
    if (r == 0) {
        response_reset(x->res, 200);
        return json_answer(x, "authenticated", 1, "token", token);
    }
    if (r == CRED_E_SCHEME) {
        /* No Bearer credentials at all: the challenge names no error
         * (RFC 6750, Section 3.1). */
        respond_error(x->res, x->req, 401,
                      "This endpoint wants a bearer token: "
                      "\"Authorization: Bearer <token>\".\n");
        response_add(x->res, "WWW-Authenticate", "Bearer");
    } else {
        refuse_request(x, "The Authorization field is not \"Bearer\", "
                          "spaces and one token of letters, digits and "
                          "-._~+/ (then '=' padding) (RFC 6750, Section "
                          "2.1).");
        response_add(x->res, "WWW-Authenticate",
                     "Bearer error=\"invalid_request\"");
    }
    return x->res->failed ? -1 : 0;
}

/* ------------------------------------------------------------- Digest */

/* 401 with a fresh challenge, and why in the text. */
static int digest_challenge(struct exchange *x, unsigned qops,
                            enum digest_algorithm alg, const char *why)
{
    unsigned char random[DIGEST_RANDOM_LEN];
    char value[CHALLENGE_MAX], text[256];
    struct digest_challenge c;
    long n;

    if (credentials_random(random, sizeof random) != 0) {
        /* Predictable, but nonces are not kept or trusted here. */
        size_t i;
        for (i = 0; i < sizeof random; i += 8) {
            uint64_t v = rng_next(x->rng);
            memcpy(random + i, &v, 8);
        }
    }
    memset(&c, 0, sizeof c);
    c.realm.p = DIGEST_REALM;
    c.realm.n = sizeof DIGEST_REALM - 1;
    c.qops = qops;
    c.algorithm = alg;
    c.random = random;
    n = digest_challenge_write(&c, value, sizeof value);
    if (n < 0 || (size_t)n >= sizeof value)
        return -1;
    snprintf(text, sizeof text, "Digest credentials are needed: %s.\n", why);
    respond_error(x->res, x->req, 401, text);
    response_add(x->res, "WWW-Authenticate", value);
    return x->res->failed ? -1 : 0;
}

/* 501: a build without libcrypto has no hash to check a response with. */
static int digest_unavailable(struct exchange *x)
{
    respond_error(x->res, x->req, 501,
                  "This server was built without libcrypto, so it cannot "
                  "hash Digest credentials. Basic and Bearer work.\n");
    return x->res->failed ? -1 : 0;
}

/* The algorithms a path may name: go-httpbin's MD5 and SHA-256, and
 * their -sess forms. */
static int algorithm_offered(enum digest_algorithm alg)
{
    return alg == DIGEST_MD5 || alg == DIGEST_MD5_SESS ||
           alg == DIGEST_SHA256 || alg == DIGEST_SHA256_SESS;
}

int handle_digest_auth(struct exchange *x)
{
    char path[REQUEST_LINE_MAX], scratch[REQUEST_HEAD_MAX];
    struct slice seg[SEGMENTS_MAX], value;
    enum digest_algorithm alg = DIGEST_MD5;
    struct digest_params p;
    struct digest_expect e;
    unsigned qop;
    int n, r;

    n = path_segments(x->arg[0], path, sizeof path, seg, SEGMENTS_MAX);
    if (n < 0) {
        refuse_path(x);
        return 0;
    }
    if (n != 3 && n != 4)
        return respond_not_found(x);
    /* The path's qop in any case, as go-httpbin takes it. */
    if (eq_nocase(seg[0].p, seg[0].n, "auth"))
        qop = DIGEST_QOP_AUTH;
    else if (eq_nocase(seg[0].p, seg[0].n, "auth-int"))
        qop = DIGEST_QOP_AUTH_INT;
    else {
        refuse_request(x, "The qop in the path must be auth or auth-int.");
        return 0;
    }
    if (n == 4)
        alg = digest_algorithm_parse(seg[3].p, seg[3].n);
    if (!algorithm_offered(alg)) {
        refuse_request(x, "The algorithm in the path must be MD5, "
                          "MD5-sess, SHA-256 or SHA-256-sess.");
        return 0;
    }
    if (!DIGEST_HASHES)
        return digest_unavailable(x);
    n = authorization(x, &value);
    if (n < 0)
        return 0;
    if (n == 0)
        return digest_challenge(x, qop, alg, "the request has none");
    if (value.n > sizeof scratch)
        return digest_challenge(x, qop, alg, "the field is too long");
    r = digest_parse(value.p, value.n, scratch, sizeof scratch, &p);
    if (r == CRED_E_SCHEME)
        return digest_challenge(x, qop, alg,
                                "the Authorization field is of another "
                                "scheme");
    if (r < 0)
        return digest_challenge(x, qop, alg, credentials_strerror(r));
    memset(&e, 0, sizeof e);
    e.user = seg[1];
    e.password = seg[2];
    e.realm.p = DIGEST_REALM;
    e.realm.n = sizeof DIGEST_REALM - 1;
    e.algorithm = alg;
    e.qops = qop;
    e.method = x->req->method;
    e.target = x->req->target;
    e.body = x->req->body;
    if (e.body.p == NULL)
        e.body.n = 0;
    r = digest_verify(&p, &e);
    if (r == 1) {
        response_reset(x->res, 200);
        return json_answer(x, "authorized", 1, "user", seg[1]);
    }
    if (r == CRED_E_URI) {
        /* RFC 7616, Section 3.4.6: the server SHOULD answer 400. */
        refuse_request(x, "The Digest uri is not this request's target.");
        return 0;
    }
    if (r == CRED_E_UNAVAILABLE)
        return digest_unavailable(x);
    if (r == CRED_E_CRYPTO || r == CRED_E_ARG) {
        respond_error(x->res, x->req, 500,
                      "libcrypto could not hash the Digest credentials.\n");
        return x->res->failed ? -1 : 0;
    }
    if (r < 0)
        return digest_challenge(x, qop, alg, credentials_strerror(r));
    return digest_challenge(x, qop, alg,
                            "the username or the response is wrong");
}

/* ------------------------------------------------------------- base64 */

int handle_base64(struct exchange *x)
{
    struct slice rest = x->arg[0], data = rest, op = {"decode", 6};
    char op_buf[REQUEST_LINE_MAX], in[REQUEST_LINE_MAX];
    struct buffer *b = &x->res->body;
    const char *slash = memchr(rest.p, '/', rest.n);
    int encode;
    long n;

    /* /base64/{value}, or /base64/{operation}/{value...}: the value may
     * then hold '/', as go-httpbin reads it. */
    if (slash != NULL) {
        long k = percent_decode(rest.p, (size_t)(slash - rest.p), op_buf,
                                sizeof op_buf, 0);
        if (k < 0) {
            refuse_path(x);
            return 0;
        }
        op.p = op_buf;
        op.n = (size_t)k;
        data.p = slash + 1;
        data.n = rest.n - (size_t)(slash - rest.p) - 1;
    }
    encode = eq_exact(op.p, op.n, "encode");
    if (!encode && !eq_exact(op.p, op.n, "decode")) {
        refuse_request(x, "Unknown base64 operation: the path is "
                          "/base64/{value}, /base64/decode/{value} or "
                          "/base64/encode/{value}.");
        return 0;
    }
    n = percent_decode(data.p, data.n, in, sizeof in, 0);
    if (n < 0) {
        refuse_path(x);
        return 0;
    }
    if (n == 0) {
        refuse_request(x, "There is no value to %s.",
                       encode ? "encode" : "decode");
        return 0;
    }
    if ((size_t)n > x->opt->max_body) {
        refuse_request(x, "The value is longer than %zu bytes.",
                       x->opt->max_body);
        return 0;
    }
    response_reset(x->res, 200);
    if (encode) {
        size_t len = base64_encoded_len((size_t)n, BASE64_URL);
        if (buffer_reserve(b, len) != 0)
            return -1;
        n = base64_encode(in, (size_t)n, BASE64_URL, b->data, len);
    } else {
        if (buffer_reserve(b, base64_decoded_max((size_t)n)) != 0)
            return -1;
        n = base64_decode(in, (size_t)n, BASE64_STD | BASE64_URL,
                          (unsigned char *)b->data,
                          base64_decoded_max((size_t)n));
        if (n < 0) {
            refuse_request(x,
                           "The value is not base64 (RFC 4648, with its "
                           "padding): %s.",
                           credentials_strerror((int)n));
            return 0;
        }
    }
    if (n < 0)
        return -1;
    b->len = (size_t)n;
    b->data[b->len] = '\0';
    response_add(x->res, "Content-Type", media_type(MEDIA_TEXT));
    return x->res->failed ? -1 : 0;
}
