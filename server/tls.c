/* tls.c: the server's TLS over memory BIOs (tls.h is the specification).
 *
 * Decisions:
 *
 *  - Each session has two memory BIOs: ciphertext goes into one and
 *    comes out of the other, so the caller keeps its own socket and
 *    loop. The read BIO returns "retry" when empty, never EOF: the end of
 *    the transport is the caller's business.
 *  - OpenSSL's thread-local error queue is cleared before each call into
 *    the library, so that SSL_get_error() and the reason read after a
 *    failure belong to this session and this call.
 *  - Files are read with PEM_read_bio_*() rather than the SSL_CTX_use_*
 *    file functions, so that each failure can say what was wrong (the
 *    file, a certificate, a key, or the pair), and a password callback
 *    that refuses keeps an encrypted key from prompting on the terminal.
 *  - The pin is computed once, when the context is made, with the
 *    server's own base64 (credentials.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "credentials.h"
#include "tls.h"

/* TLS 1.2 suites: ECDHE key exchange and AEAD only, for ECDSA keys (the
 * generated certificate) and RSA keys (one that --tls-cert may give). */
#define TLS12_CIPHERS                                                         \
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"              \
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"              \
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

/* The plaintext one SSL_read_ex() call may return: one record's worth. */
#define READ_PIECE 16384

struct tls_context {
    SSL_CTX *ssl;
    X509 *cert; /* a reference of our own, for the pin and the PEM */
    char names[TLS_ALPN_MAX][TLS_ALPN_NAME_MAX + 1];
    size_t count;
    char pin[TLS_PIN_SIZE];
};

enum session_state {
    SESSION_OPEN,
    SESSION_PEER_CLOSED, /* close_notify received */
    SESSION_FAILED
};

struct tls_session {
    SSL *ssl;
    BIO *in, *out; /* owned by ssl */
    const struct tls_context *ctx;
    enum session_state state;
    int shut; /* close_notify sent */
    char reason[96];
};

/* ---------------------------------------------------------------- errors */

/* The reason of OpenSSL's earliest queued error, or fallback when there
 * is none; the queue is emptied. */
static void openssl_reason(char *out, size_t size, const char *fallback)
{
    unsigned long e = ERR_get_error();
    const char *r = e != 0 ? ERR_reason_error_string(e) : NULL;

    if (r != NULL)
        snprintf(out, size, "%s", r);
    else if (e != 0)
        snprintf(out, size, "%s (OpenSSL error %lx)", fallback, e);
    else
        snprintf(out, size, "%s", fallback);
    ERR_clear_error();
}

/* Empties this thread's OpenSSL error queue, which must be empty before
 * an SSL call for SSL_get_error() to be right. Emptying it is dear (it
 * walks every slot), and on the way of every request it is almost always
 * empty already: look first. */
static void clear_errors(void)
{
    if (ERR_peek_error() != 0)
        ERR_clear_error();
}

/* Writes a message to err[0..errsize), when there is room for one. */
static void say(char *err, size_t errsize, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void say(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errsize == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
}

/* --------------------------------------------------------------- context */

/* Refuses to decrypt a key: the server has no one to ask for a
 * passphrase, and OpenSSL would otherwise prompt on the terminal. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)u;
    return -1;
}

/* Opens path for reading as a BIO, or says why not. */
static BIO *open_file(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    BIO *b;

    if (f == NULL) {
        say(err, errsize, "%s: %s", path, strerror(errno));
        return NULL;
    }
    b = BIO_new_fp(f, BIO_CLOSE);
    if (b == NULL) {
        fclose(f);
        say(err, errsize, "%s: out of memory", path);
    }
    return b;
}

/* Loads the certificate (and the chain after it) and the key from PEM
 * files into ctx. Returns 0, or -1 with a message. */
static int load_files(struct tls_context *ctx, const char *cert_file,
                      const char *key_file, char *err, size_t errsize)
{
    char why[96];
    EVP_PKEY *key = NULL;
    X509 *extra;
    BIO *b;

    b = open_file(cert_file, err, errsize);
    if (b == NULL)
        return -1;
    ctx->cert = PEM_read_bio_X509(b, NULL, no_passphrase, NULL);
    if (ctx->cert == NULL) {
        BIO_free(b);
        ERR_clear_error();
        say(err, errsize, "%s: no PEM certificate in it", cert_file);
        return -1;
    }
    if (SSL_CTX_use_certificate(ctx->ssl, ctx->cert) != 1) {
        BIO_free(b);
        openssl_reason(why, sizeof why, "refused");
        say(err, errsize, "%s: OpenSSL refused the certificate: %s", cert_file,
            why);
        return -1;
    }
    /* The rest of the file, if anything, is the chain. */
    while ((extra = PEM_read_bio_X509(b, NULL, no_passphrase, NULL)) != NULL) {
        if (SSL_CTX_add0_chain_cert(ctx->ssl, extra) != 1) {
            X509_free(extra);
            BIO_free(b);
            openssl_reason(why, sizeof why, "refused");
            say(err, errsize, "%s: OpenSSL refused a chain certificate: %s",
                cert_file, why);
            return -1;
        }
    }
    ERR_clear_error(); /* the end of the file reads as an error */
    BIO_free(b);

    b = open_file(key_file, err, errsize);
    if (b == NULL)
        return -1;
    key = PEM_read_bio_PrivateKey(b, NULL, no_passphrase, NULL);
    BIO_free(b);
    if (key == NULL) {
        ERR_clear_error();
        say(err, errsize,
            "%s: no PEM private key in it (an encrypted key is not read)",
            key_file);
        return -1;
    }
    if (X509_check_private_key(ctx->cert, key) != 1) {
        EVP_PKEY_free(key);
        ERR_clear_error();
        say(err, errsize,
            "%s: the key does not belong to the certificate in %s", key_file,
            cert_file);
        return -1;
    }
    if (SSL_CTX_use_PrivateKey(ctx->ssl, key) != 1) {
        EVP_PKEY_free(key);
        openssl_reason(why, sizeof why, "refused");
        say(err, errsize, "%s: OpenSSL refused the key: %s", key_file, why);
        return -1;
    }
    EVP_PKEY_free(key);
    return 0;
}

/* Adds the extension nid with the value in OpenSSL's configuration
 * syntax to x. Returns 0 or -1. */
static int add_ext(X509 *x, int nid, const char *value)
{
    X509V3_CTX v3;
    X509_EXTENSION *ext;
    int ok;

    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
    ext = X509V3_EXT_conf_nid(NULL, &v3, nid, value);
    if (ext == NULL)
        return -1;
    ok = X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
    return ok == 1 ? 0 : -1;
}

/* Makes a self-signed ECDSA P-256 certificate for localhost, 127.0.0.1
 * and ::1 and puts it and its key into ctx. Returns 0, or -1 with a
 * message. */
static int make_self_signed(struct tls_context *ctx, char *err, size_t errsize)
{
    unsigned char serial[16];
    char why[96];
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    X509_NAME *name;
    BIGNUM *bn = NULL;
    int ok = 0;

    if (key == NULL || x == NULL)
        goto done;
    /* A positive serial of 127 random bits: RFC 5280 wants at most 20
     * octets, positive, and unique per issuer; random makes it so. */
    if (RAND_bytes(serial, sizeof serial) != 1)
        goto done;
    serial[0] = (unsigned char)((serial[0] & 0x7f) | 0x40);
    bn = BN_bin2bn(serial, (int)sizeof serial, NULL);
    if (bn == NULL || BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL)
        goto done;
    if (X509_set_version(x, X509_VERSION_3) != 1 ||
        X509_gmtime_adj(X509_getm_notBefore(x), -3600) == NULL ||
        X509_time_adj_ex(X509_getm_notAfter(x), TLS_CERT_DAYS, -3600, NULL) ==
            NULL)
        goto done;
    name = X509_get_subject_name(x);
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   (const unsigned char *)"localhost", -1, -1,
                                   0) != 1 ||
        X509_set_issuer_name(x, name) != 1 || X509_set_pubkey(x, key) != 1)
        goto done;
    if (add_ext(x, NID_basic_constraints, "critical,CA:FALSE") != 0 ||
        add_ext(x, NID_ext_key_usage, "serverAuth") != 0 ||
        add_ext(x, NID_subject_alt_name,
                "DNS:localhost,IP:127.0.0.1,IP:::1") != 0 ||
        add_ext(x, NID_subject_key_identifier, "hash") != 0)
        goto done;
    if (X509_sign(x, key, EVP_sha256()) <= 0)
        goto done;
    if (SSL_CTX_use_certificate(ctx->ssl, x) != 1 ||
        SSL_CTX_use_PrivateKey(ctx->ssl, key) != 1)
        goto done;
    ctx->cert = x;
    x = NULL;
    ok = 1;
done:
    if (!ok) {
        openssl_reason(why, sizeof why, "failed");
        say(err, errsize, "making a self-signed certificate: %s", why);
    }
    BN_free(bn);
    X509_free(x);
    EVP_PKEY_free(key);
    return ok ? 0 : -1;
}

/* Picks the first protocol of the context's list that the client offers
 * (in is the client's list, in wire form: a length byte, then the name);
 * with none, no ALPN answer, and the handshake goes on. */
static int select_alpn(SSL *ssl, const unsigned char **out,
                       unsigned char *outlen, const unsigned char *in,
                       unsigned int inlen, void *arg)
{
    const struct tls_context *ctx = arg;
    size_t i, p, len;

    (void)ssl;
    for (i = 0; i < ctx->count; i++) {
        len = strlen(ctx->names[i]);
        for (p = 0; p < inlen && (size_t)in[p] < inlen - p; p += 1 + in[p]) {
            if (in[p] == len && memcmp(in + p + 1, ctx->names[i], len) == 0) {
                *out = in + p + 1;
                *outlen = in[p];
                return SSL_TLSEXT_ERR_OK;
            }
        }
    }
    return SSL_TLSEXT_ERR_NOACK;
}

/* Computes the pin into ctx->pin. Returns 0 or -1. */
static int compute_pin(struct tls_context *ctx)
{
    unsigned char md[EVP_MAX_MD_SIZE], *der = NULL;
    unsigned int mdlen = 0;
    int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(ctx->cert), &der);
    int ok;

    if (len <= 0)
        return -1;
    ok = EVP_Digest(der, (size_t)len, md, &mdlen, EVP_sha256(), NULL);
    OPENSSL_free(der);
    if (ok != 1 || mdlen != 32 ||
        base64_encode(md, mdlen, BASE64_STD, ctx->pin, sizeof ctx->pin - 1) !=
            (long)(TLS_PIN_SIZE - 1))
        return -1;
    ctx->pin[TLS_PIN_SIZE - 1] = '\0';
    return 0;
}

struct tls_context *tls_context_new(const char *cert_file,
                                    const char *key_file,
                                    const char *const *alpn, char *err,
                                    size_t errsize)
{
    static const char *const standard[] = {"h2", "http/1.1", NULL};
    struct tls_context *ctx;
    char why[96];
    size_t i, len;

    if (err != NULL && errsize > 0)
        err[0] = '\0';
    if ((cert_file == NULL) != (key_file == NULL)) {
        say(err, errsize,
            "a certificate file and a key file go together: "
            "give both, or neither for a self-signed one");
        return NULL;
    }
    if (alpn == NULL)
        alpn = standard;
    ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) {
        say(err, errsize, "out of memory");
        return NULL;
    }
    for (i = 0; alpn[i] != NULL; i++) {
        len = strlen(alpn[i]);
        if (i == TLS_ALPN_MAX || len == 0 || len > TLS_ALPN_NAME_MAX) {
            if (i == TLS_ALPN_MAX)
                say(err, errsize, "bad ALPN list: more than %d protocols",
                    TLS_ALPN_MAX);
            else
                say(err, errsize,
                    "bad ALPN list: a name of 0 bytes or over %d",
                    TLS_ALPN_NAME_MAX);
            free(ctx);
            return NULL;
        }
        memcpy(ctx->names[i], alpn[i], len + 1);
    }
    ctx->count = i;

    ERR_clear_error();
    ctx->ssl = SSL_CTX_new(TLS_server_method());
    if (ctx->ssl == NULL ||
        SSL_CTX_set_min_proto_version(ctx->ssl, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(ctx->ssl, TLS1_3_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(ctx->ssl, TLS12_CIPHERS) != 1 ||
        SSL_CTX_set_num_tickets(ctx->ssl, 0) != 1) {
        openssl_reason(why, sizeof why, "failed");
        say(err, errsize, "setting up TLS: %s", why);
        tls_context_free(ctx);
        return NULL;
    }
    SSL_CTX_set_options(ctx->ssl, SSL_OP_NO_RENEGOTIATION |
                                      SSL_OP_NO_COMPRESSION |
                                      SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx->ssl, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_mode(ctx->ssl, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_alpn_select_cb(ctx->ssl, select_alpn, ctx);

    if (cert_file != NULL ? load_files(ctx, cert_file, key_file, err, errsize)
                          : make_self_signed(ctx, err, errsize)) {
        tls_context_free(ctx);
        return NULL;
    }
    if (compute_pin(ctx) != 0) {
        openssl_reason(why, sizeof why, "failed");
        say(err, errsize, "computing the certificate's pin: %s", why);
        tls_context_free(ctx);
        return NULL;
    }
    return ctx;
}

void tls_context_free(struct tls_context *ctx)
{
    if (ctx == NULL)
        return;
    SSL_CTX_free(ctx->ssl);
    X509_free(ctx->cert);
    free(ctx);
}

int tls_context_write_cert(const struct tls_context *ctx, const char *path,
                           char *err, size_t errsize)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if (f == NULL) {
        say(err, errsize, "%s: %s", path, strerror(errno));
        return -1;
    }
    ok = PEM_write_X509(f, ctx->cert) == 1;
    ERR_clear_error();
    if (fclose(f) != 0)
        ok = 0;
    if (!ok) {
        say(err, errsize, "%s: writing failed", path);
        return -1;
    }
    return 0;
}

int tls_context_pin(const struct tls_context *ctx, char *out, size_t size)
{
    if (out == NULL || size < TLS_PIN_SIZE)
        return -1;
    memcpy(out, ctx->pin, TLS_PIN_SIZE);
    return TLS_PIN_SIZE - 1;
}

/* --------------------------------------------------------------- session */

struct tls_session *tls_session_new(struct tls_context *ctx)
{
    struct tls_session *s = calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    ERR_clear_error();
    s->ctx = ctx;
    s->ssl = SSL_new(ctx->ssl);
    s->in = BIO_new(BIO_s_mem());
    s->out = BIO_new(BIO_s_mem());
    if (s->ssl == NULL || s->in == NULL || s->out == NULL) {
        BIO_free(s->in);
        BIO_free(s->out);
        SSL_free(s->ssl);
        free(s);
        ERR_clear_error();
        return NULL;
    }
    /* Empty means "wait for more", not end of file. */
    BIO_set_mem_eof_return(s->in, -1);
    BIO_set_mem_eof_return(s->out, -1);
    SSL_set_bio(s->ssl, s->in, s->out);
    SSL_set_accept_state(s->ssl);
    return s;
}

void tls_session_free(struct tls_session *s)
{
    if (s == NULL)
        return;
    SSL_free(s->ssl); /* and the BIOs */
    free(s);
}

/* Marks s failed, with the reason for the error that call gave. */
static enum tls_status fail(struct tls_session *s, int call)
{
    s->state = SESSION_FAILED;
    switch (call) {
    case SSL_ERROR_SSL:
        openssl_reason(s->reason, sizeof s->reason, "TLS error");
        break;
    case SSL_ERROR_NONE:
        /* Ours: out of memory. */
        snprintf(s->reason, sizeof s->reason, "out of memory");
        ERR_clear_error();
        break;
    default:
        openssl_reason(s->reason, sizeof s->reason, "unexpected state");
        break;
    }
    return TLS_ERROR;
}

/* Reads every whole record's plaintext into plain. TLS_OK when no more
 * can be read yet, *progress set when some plaintext came. */
static enum tls_status drain(struct tls_session *s, struct buffer *plain,
                             int *progress)
{
    char piece[READ_PIECE];
    size_t got;
    int e;

    for (;;) {
        if (SSL_read_ex(s->ssl, piece, sizeof piece, &got) == 1) {
            if (buffer_append(plain, piece, got) != 0)
                return fail(s, SSL_ERROR_NONE);
            *progress = 1;
            continue;
        }
        e = SSL_get_error(s->ssl, 0);
        if (e == SSL_ERROR_WANT_READ) {
            clear_errors();
            return TLS_OK;
        }
        if (e == SSL_ERROR_ZERO_RETURN) {
            clear_errors();
            s->state = SESSION_PEER_CLOSED;
            return TLS_CLOSED;
        }
        return fail(s, e);
    }
}

enum tls_status tls_session_feed(struct tls_session *s, const char *cipher,
                                 size_t n, struct buffer *plain_out)
{
    enum tls_status st;
    size_t off = 0, k;
    int progress = 0, r, e;

    if (s->state == SESSION_FAILED)
        return TLS_ERROR;
    if (s->state == SESSION_PEER_CLOSED)
        return TLS_CLOSED;
    clear_errors();
    do {
        /* A piece at a time, every whole record read out before the next,
         * so that the read BIO never holds more than a piece and the
         * tail of one record. */
        k = n - off < TLS_FEED_CHUNK ? n - off : TLS_FEED_CHUNK;
        if (k > 0 && BIO_write(s->in, cipher + off, (int)k) != (int)k)
            return fail(s, SSL_ERROR_NONE);
        off += k;
        if (!SSL_is_init_finished(s->ssl)) {
            r = SSL_do_handshake(s->ssl);
            if (r != 1) {
                e = SSL_get_error(s->ssl, r);
                if (e == SSL_ERROR_WANT_READ) {
                    clear_errors();
                    continue;
                }
                return fail(s, e);
            }
            progress = 1;
        }
        st = drain(s, plain_out, &progress);
        if (st != TLS_OK)
            return st;
    } while (off < n);
    return progress ? TLS_OK : TLS_WANT_MORE;
}

int tls_session_take_output(struct tls_session *s, struct buffer *cipher_out)
{
    size_t pending, k;
    int got;

    while ((pending = BIO_ctrl_pending(s->out)) > 0) {
        k = pending < (size_t)INT_MAX / 2 ? pending : (size_t)INT_MAX / 2;
        if (buffer_reserve(cipher_out, k) != 0)
            return -1;
        got = BIO_read(s->out, cipher_out->data + cipher_out->len, (int)k);
        if (got <= 0)
            break;
        cipher_out->len += (size_t)got;
        cipher_out->data[cipher_out->len] = '\0';
    }
    return 0;
}

enum tls_status tls_session_write(struct tls_session *s, const char *plain,
                                  size_t n, struct buffer *cipher_out)
{
    size_t off = 0, k, wrote;

    if (s->state == SESSION_FAILED || s->shut || !SSL_is_init_finished(s->ssl))
        return TLS_ERROR;
    clear_errors();
    while (off < n) {
        /* A record at a time, each taken out at once, so that the write
         * BIO holds one record at most. */
        k = n - off < READ_PIECE ? n - off : READ_PIECE;
        if (SSL_write_ex(s->ssl, plain + off, k, &wrote) != 1)
            return fail(s, SSL_get_error(s->ssl, 0));
        off += wrote;
        if (tls_session_take_output(s, cipher_out) != 0)
            return fail(s, SSL_ERROR_NONE);
    }
    return TLS_OK;
}

enum tls_status tls_session_close(struct tls_session *s,
                                  struct buffer *cipher_out)
{
    if (s->state == SESSION_FAILED || !SSL_is_init_finished(s->ssl))
        return TLS_ERROR;
    if (!s->shut) {
        ERR_clear_error();
        if (SSL_shutdown(s->ssl) < 0) {
            openssl_reason(s->reason, sizeof s->reason, "shutdown failed");
            s->state = SESSION_FAILED;
            return TLS_ERROR;
        }
        s->shut = 1;
    }
    return tls_session_take_output(s, cipher_out) == 0 ? TLS_OK : TLS_ERROR;
}

int tls_session_handshake_done(const struct tls_session *s)
{
    return SSL_is_init_finished(s->ssl) ? 1 : 0;
}

const char *tls_session_alpn(const struct tls_session *s)
{
    const unsigned char *p = NULL;
    unsigned int len = 0;
    size_t i;

    if (!SSL_is_init_finished(s->ssl))
        return NULL;
    SSL_get0_alpn_selected(s->ssl, &p, &len);
    for (i = 0; p != NULL && i < s->ctx->count; i++)
        if (strlen(s->ctx->names[i]) == len &&
            memcmp(s->ctx->names[i], p, len) == 0)
            return s->ctx->names[i];
    return "http/1.1";
}

const char *tls_session_version(const struct tls_session *s)
{
    if (!SSL_is_init_finished(s->ssl))
        return NULL;
    return SSL_get_version(s->ssl);
}

const char *tls_session_reason(const struct tls_session *s)
{
    return s->state == SESSION_FAILED ? s->reason : "";
}
