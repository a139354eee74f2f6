/* test_tls.c: the server's TLS over memory (server/tls.c). A server
 * session from tls.c and a client SSL built here with OpenSSL talk
 * through buffers, with no socket: handshakes in TLS 1.3 and 1.2, ALPN,
 * data both ways in many sizes and splits, close_notify, garbage and
 * truncated input, certificate and key files, the generated certificate
 * and its pin. Files go to a temporary directory, removed at the end.
 *
 * A build without TLS (HTTPSTATUS_HAVE_TLS undefined) has no tls.c: the
 * tests then say that they were skipped. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#ifndef HTTPSTATUS_HAVE_TLS

void test_tls(void)
{
    printf("# skipped: the TLS tests (built without libssl: "
           "HTTPSTATUS_HAVE_TLS is not defined)\n");
}

#else

#include <errno.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buffer.h"
#include "tls.h"

static char dir[64];                 /* the temporary directory */
static char err[512];                /* the last context error */
static struct tls_context *standard; /* self-signed, h2 and http/1.1 */

/* dir/name, in a static buffer (one at a time). */
static const char *path_in(const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", dir, name);
    return out;
}

/* -------------------------------------------------------------- a pair */

/* How ciphertext is cut on its way to the other side. */
enum split { WHOLE, BYTES, ODD };

/* Odd piece sizes, cycled through: around powers of two and the record
 * size, and small ones. */
static const size_t odd_sizes[] = {1,     2,  3,  5, 7,     4093, 13,
                                   16385, 17, 11, 9, 65537, 16383};

/* A client SSL and a server session joined by buffers. */
struct pair {
    struct tls_session *s;
    SSL *c;
    BIO *c_in, *c_out;   /* the client's: server to client, client to server */
    struct buffer plain; /* everything the server decrypted */
    enum tls_status last; /* the server's last feed status */
    size_t fed;           /* ciphertext fed to the server so far */
    int bad_growth;       /* a feed appended more than the records its
                             bytes completed can hold, or the plaintext
                             outgrew the ciphertext */
};

/* A client context: no certificate check unless a trust anchor is
 * given, versions up to max (0 for any), and a security level low
 * enough to offer old versions when min asks for them. */
static SSL_CTX *client_ctx(int min, int max, X509 *anchor)
{
    SSL_CTX *c = SSL_CTX_new(TLS_client_method());

    if (c == NULL)
        return NULL;
    if (min != 0) {
        SSL_CTX_set_security_level(c, 0);
        SSL_CTX_set_min_proto_version(c, min);
    }
    if (max != 0)
        SSL_CTX_set_max_proto_version(c, max);
    if (anchor != NULL) {
        X509_STORE_add_cert(SSL_CTX_get_cert_store(c), anchor);
        SSL_CTX_set_verify(c, SSL_VERIFY_PEER, NULL);
    } else {
        SSL_CTX_set_verify(c, SSL_VERIFY_NONE, NULL);
    }
    return c;
}

/* A pair whose client offers alpn (wire form, alpn_len bytes; NULL for
 * no ALPN extension). */
static int pair_open(struct pair *p, struct tls_context *ctx, SSL_CTX *cctx,
                     const char *alpn, size_t alpn_len)
{
    memset(p, 0, sizeof *p);
    p->s = tls_session_new(ctx);
    p->c = SSL_new(cctx);
    p->c_in = BIO_new(BIO_s_mem());
    p->c_out = BIO_new(BIO_s_mem());
    if (p->s == NULL || p->c == NULL || p->c_in == NULL || p->c_out == NULL)
        return 0;
    BIO_set_mem_eof_return(p->c_in, -1);
    BIO_set_mem_eof_return(p->c_out, -1);
    SSL_set_bio(p->c, p->c_in, p->c_out);
    SSL_set_connect_state(p->c);
    SSL_set_tlsext_host_name(p->c, "localhost");
    if (alpn != NULL && SSL_set_alpn_protos(p->c, (const unsigned char *)alpn,
                                            (unsigned)alpn_len) != 0)
        return 0;
    return 1;
}

static void pair_close(struct pair *p)
{
    tls_session_free(p->s);
    SSL_free(p->c);
    buffer_free(&p->plain);
    memset(p, 0, sizeof *p);
    ERR_clear_error();
}

/* The next piece size for a split, i counting the pieces. */
static size_t piece(enum split how, size_t i, size_t left)
{
    size_t k = how == WHOLE ? left
               : how == BYTES
                   ? 1
                   : odd_sizes[i % (sizeof odd_sizes / sizeof odd_sizes[0])];

    return k < left ? k : left;
}

/* Feeds data[0..n) to the server, cut as how says, noting the status of
 * the last call and whether any call appended more than tls.h allows:
 * k bytes fed complete records that hold at most k + 2^14 bytes, and all
 * the plaintext so far is no longer than all the ciphertext. */
static void to_server(struct pair *p, const char *data, size_t n,
                      enum split how)
{
    size_t off = 0, i = 0, k, before;

    while (off < n) {
        k = piece(how, i++, n - off);
        before = p->plain.len;
        p->last = tls_session_feed(p->s, data + off, k, &p->plain);
        p->fed += k;
        if (p->plain.len - before > k + 16384 || p->plain.len > p->fed)
            p->bad_growth = 1;
        off += k;
    }
}

/* Moves what the client has written to the server. */
static void client_to_server(struct pair *p, enum split how)
{
    size_t n = BIO_ctrl_pending(p->c_out);
    char *data;

    if (n == 0)
        return;
    data = malloc(n);
    if (data == NULL || BIO_read(p->c_out, data, (int)n) != (int)n) {
        free(data);
        return;
    }
    to_server(p, data, n, how);
    free(data);
}

/* Moves what the server has to send to the client, cut as how says. */
static void server_to_client(struct pair *p, enum split how)
{
    struct buffer out = {0};
    size_t off = 0, i = 0, k;

    tls_session_take_output(p->s, &out);
    while (off < out.len) {
        k = piece(how, i++, out.len - off);
        BIO_write(p->c_in, out.data + off, (int)k);
        off += k;
    }
    buffer_free(&out);
}

/* Runs the handshake to its end on both sides. 1 when both finished. */
static int handshake(struct pair *p, enum split how)
{
    int round;

    for (round = 0; round < 20; round++) {
        if (!SSL_is_init_finished(p->c))
            SSL_do_handshake(p->c);
        client_to_server(p, how);
        server_to_client(p, how);
        if (SSL_is_init_finished(p->c) && tls_session_handshake_done(p->s) &&
            BIO_ctrl_pending(p->c_out) == 0)
            return p->last == TLS_OK || p->last == TLS_WANT_MORE;
        if (p->last == TLS_ERROR)
            return 0;
    }
    return 0;
}

/* A pair with the standard context and a handshake done. */
static int ready(struct pair *p, SSL_CTX *cctx, const char *alpn,
                 size_t alpn_len)
{
    return pair_open(p, standard, cctx, alpn, alpn_len) && handshake(p, WHOLE);
}

/* Everything the client can read now, appended to out. */
static int client_read(struct pair *p, struct buffer *out)
{
    char piece_buf[16384];
    size_t got;
    int e;

    for (;;) {
        if (SSL_read_ex(p->c, piece_buf, sizeof piece_buf, &got) == 1) {
            buffer_append(out, piece_buf, got);
            continue;
        }
        e = SSL_get_error(p->c, 0);
        ERR_clear_error();
        return e;
    }
}

/* n bytes of a pattern that differs from record to record. */
static char *pattern(size_t n, unsigned seed)
{
    char *p = malloc(n > 0 ? n : 1);
    uint32_t x = 2463534242u ^ seed;
    size_t i;

    for (i = 0; p != NULL && i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (char)(x & 0xff);
    }
    return p;
}

/* 1 when every record in buf[0..n) is whole and at most a record long. */
static int records_fit(const char *buf, size_t n)
{
    const unsigned char *b = (const unsigned char *)buf;
    size_t off = 0, len;

    while (off < n) {
        if (n - off < 5)
            return 0;
        len = (size_t)b[off + 3] << 8 | b[off + 4];
        if (len > 16384 + 256 || n - off - 5 < len)
            return 0;
        off += 5 + len;
    }
    return 1;
}

/* -------------------------------------------------------- handshakes */

static void handshake_tls13(void)
{
    SSL_CTX *cctx = client_ctx(0, 0, NULL);
    struct pair p;

    CHECK(tls_session_handshake_done(p.s = tls_session_new(standard)) == 0);
    tls_session_free(p.s);
    CHECK(ready(&p, cctx, NULL, 0));
    CHECK(SSL_version(p.c) == TLS1_3_VERSION);
    CHECK(tls_session_version(p.s) != NULL &&
          strcmp(tls_session_version(p.s), "TLSv1.3") == 0);
    CHECK(strcmp(tls_session_reason(p.s), "") == 0);
    pair_close(&p);
    SSL_CTX_free(cctx);
}

static void handshake_tls12(void)
{
    SSL_CTX *cctx = client_ctx(0, TLS1_2_VERSION, NULL);
    struct pair p;

    CHECK(ready(&p, cctx, "\x02h2", 3));
    CHECK(SSL_version(p.c) == TLS1_2_VERSION);
    CHECK(tls_session_version(p.s) != NULL &&
          strcmp(tls_session_version(p.s), "TLSv1.2") == 0);
    CHECK(tls_session_alpn(p.s) != NULL &&
          strcmp(tls_session_alpn(p.s), "h2") == 0);
    /* ECDHE and an AEAD suite, with the ECDSA key. */
    CHECK(strcmp(SSL_get_cipher_name(p.c), "ECDHE-ECDSA-AES256-GCM-SHA384") ==
              0 ||
          strcmp(SSL_get_cipher_name(p.c), "ECDHE-ECDSA-AES128-GCM-SHA256") ==
              0 ||
          strcmp(SSL_get_cipher_name(p.c), "ECDHE-ECDSA-CHACHA20-POLY1305") ==
              0);
    pair_close(&p);
    SSL_CTX_free(cctx);
}

/* Every split of the handshake's bytes works: a byte at a time, odd
 * pieces, in TLS 1.3 and 1.2. */
static void handshake_any_split(void)
{
    SSL_CTX *c13 = client_ctx(0, 0, NULL);
    SSL_CTX *c12 = client_ctx(0, TLS1_2_VERSION, NULL);
    struct pair p;

    CHECK(pair_open(&p, standard, c13, NULL, 0) && handshake(&p, BYTES));
    pair_close(&p);
    CHECK(pair_open(&p, standard, c13, NULL, 0) && handshake(&p, ODD));
    pair_close(&p);
    CHECK(pair_open(&p, standard, c12, NULL, 0) && handshake(&p, BYTES));
    CHECK(SSL_version(p.c) == TLS1_2_VERSION);
    pair_close(&p);
    SSL_CTX_free(c13);
    SSL_CTX_free(c12);
}

/* TLS 1.1 is refused with an alert and a reason. */
static void old_versions_refused(void)
{
    SSL_CTX *cctx = client_ctx(TLS1_VERSION, TLS1_1_VERSION, NULL);
    struct pair p;
    struct buffer out = {0};

    CHECK(pair_open(&p, standard, cctx, NULL, 0));
    SSL_do_handshake(p.c);
    CHECK(BIO_ctrl_pending(p.c_out) > 0); /* the client did say hello */
    client_to_server(&p, WHOLE);
    CHECK(p.last == TLS_ERROR);
    CHECK(strlen(tls_session_reason(p.s)) > 0);
    printf("# TLS 1.1 refused: %s\n", tls_session_reason(p.s));
    CHECK(tls_session_take_output(p.s, &out) == 0);
    /* A fatal alert (2), protocol_version (70): refused for its version,
     * not for want of a cipher suite that TLS 1.1 could use. */
    CHECK(out.len == 7 && out.data[0] == 0x15 && out.data[5] == 2 &&
          out.data[6] == 70);
    CHECK(!tls_session_handshake_done(p.s));
    buffer_free(&out);
    pair_close(&p);
    SSL_CTX_free(cctx);
}

/* No NewSessionTicket after a TLS 1.3 handshake: nothing to resume. */
static void no_session_tickets(void)
{
    SSL_CTX *cctx = client_ctx(0, 0, NULL);
    struct buffer got = {0};
    struct pair p;

    CHECK(ready(&p, cctx, NULL, 0));
    server_to_client(&p, WHOLE);
    CHECK(client_read(&p, &got) == SSL_ERROR_WANT_READ && got.len == 0);
    CHECK(SSL_SESSION_is_resumable(SSL_get0_session(p.c)) == 0);
    buffer_free(&got);
    pair_close(&p);
    SSL_CTX_free(cctx);
}

/* --------------------------------------------------------------- ALPN */

struct alpn_case {
    const char *offer; /* wire form; NULL for no extension */
    size_t offer_len;
    const char *server; /* what tls_session_alpn() says */
    const char *client; /* what the client sees selected; "" for none */
};

static int alpn_gives(struct tls_context *ctx, const struct alpn_case *t,
                      int max)
{
    SSL_CTX *cctx = client_ctx(0, max, NULL);
    const unsigned char *sel = NULL;
    unsigned len = 0;
    struct pair p;
    int ok;

    ok = pair_open(&p, ctx, cctx, t->offer, t->offer_len) &&
         handshake(&p, WHOLE);
    if (ok) {
        SSL_get0_alpn_selected(p.c, &sel, &len);
        ok = tls_session_alpn(p.s) != NULL &&
             strcmp(tls_session_alpn(p.s), t->server) == 0 &&
             len == strlen(t->client) &&
             (len == 0 || memcmp(sel, t->client, len) == 0);
        if (!ok)
            printf("# offered %zu bytes: server says %s, client sees %.*s\n",
                   t->offer_len, tls_session_alpn(p.s), (int)len,
                   sel != NULL ? (const char *)sel : "");
    }
    pair_close(&p);
    SSL_CTX_free(cctx);
    return ok;
}

static void alpn_server_order(void)
{
    static const struct alpn_case cases[] = {
        {"\x02h2\x08http/1.1", 12, "h2", "h2"},
        {"\x08http/1.1\x02h2", 12, "h2", "h2"},
        {"\x02h2", 3, "h2", "h2"},
        {"\x08http/1.1", 9, "http/1.1", "http/1.1"},
        {"\x06spdy/3\x08http/1.0\x02h3", 19, "http/1.1", ""},
        {NULL, 0, "http/1.1", ""},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(alpn_gives(standard, &cases[i], 0));
        CHECK(alpn_gives(standard, &cases[i], TLS1_2_VERSION));
    }
}

/* A context that speaks HTTP/1.1 only (a build without HTTP/2). */
static void alpn_http11_only(void)
{
    static const char *const list[] = {"http/1.1", NULL};
    static const struct alpn_case cases[] = {
        {"\x02h2\x08http/1.1", 12, "http/1.1", "http/1.1"},
        {"\x02h2", 3, "http/1.1", ""},
        {NULL, 0, "http/1.1", ""},
    };
    struct tls_context *ctx =
        tls_context_new(NULL, NULL, list, err, sizeof err);
    size_t i;

    CHECK(ctx != NULL);
    for (i = 0; ctx != NULL && i < sizeof cases / sizeof cases[0]; i++)
        CHECK(alpn_gives(ctx, &cases[i], 0));
    tls_context_free(ctx);
}

static void alpn_bad_lists(void)
{
    static const char *const empty_name[] = {"h2", "", NULL};
    static const char *const nine[] = {"a", "b", "c", "d", "e",
                                       "f", "g", "h", "i", NULL};
    static const char *const long_name[] = {
        "0123456789abcdef0123456789abcdef0", NULL};

    CHECK(tls_context_new(NULL, NULL, empty_name, err, sizeof err) == NULL);
    CHECK(strstr(err, "ALPN") != NULL);
    CHECK(tls_context_new(NULL, NULL, nine, err, sizeof err) == NULL);
    CHECK(strstr(err, "more than 8") != NULL);
    CHECK(tls_context_new(NULL, NULL, long_name, err, sizeof err) == NULL);
    CHECK(strstr(err, "over 32") != NULL);
}

/* --------------------------------------------------------------- data */

static const size_t sizes[] = {0,     1,     2,     100,   16383,
                               16384, 16385, 32768, 65537, 1u << 20};

/* Client to server: size bytes, the ciphertext cut as how says; all of
 * it arrives, in order, and no feed appends more than tls.h allows. */
static int upward(SSL_CTX *cctx, size_t size, enum split how)
{
    char *data = pattern(size, (unsigned)size);
    size_t wrote = 0;
    struct pair p;
    int ok;

    memset(&p, 0, sizeof p);
    ok = data != NULL && ready(&p, cctx, NULL, 0);
    if (ok && size > 0)
        ok = SSL_write_ex(p.c, data, size, &wrote) == 1 && wrote == size;
    if (ok) {
        client_to_server(&p, how);
        ok = p.plain.len == size && !p.bad_growth &&
             (size == 0 || memcmp(p.plain.data, data, size) == 0) &&
             (size == 0 || p.last == TLS_OK || p.last == TLS_WANT_MORE);
    }
    if (!ok)
        printf("# upward %zu bytes, split %d: got %zu\n", size, (int)how,
               p.plain.len);
    pair_close(&p);
    free(data);
    return ok;
}

/* Server to client: size bytes in one tls_session_write(), records of
 * at most 2^14 bytes, delivered to the client cut as how says. */
static int downward(SSL_CTX *cctx, size_t size, enum split how)
{
    char *data = pattern(size, (unsigned)size + 7);
    struct buffer cipher = {0}, got = {0};
    size_t off = 0, i = 0, k;
    struct pair p;
    int ok;

    memset(&p, 0, sizeof p);
    ok = data != NULL && ready(&p, cctx, NULL, 0);
    if (ok)
        ok = tls_session_write(p.s, data, size, &cipher) == TLS_OK &&
             (size > 0 || cipher.len == 0) &&
             records_fit(cipher.data, cipher.len);
    while (ok && off < cipher.len) {
        k = piece(how, i++, cipher.len - off);
        BIO_write(p.c_in, cipher.data + off, (int)k);
        off += k;
        if (how != BYTES || off == cipher.len)
            ok = client_read(&p, &got) == SSL_ERROR_WANT_READ;
    }
    ok = ok && got.len == size &&
         (size == 0 || memcmp(got.data, data, size) == 0);
    if (!ok)
        printf("# downward %zu bytes, split %d: got %zu\n", size, (int)how,
               got.len);
    buffer_free(&cipher);
    buffer_free(&got);
    pair_close(&p);
    free(data);
    return ok;
}

static void data_both_ways(void)
{
    SSL_CTX *c13 = client_ctx(0, 0, NULL);
    SSL_CTX *c12 = client_ctx(0, TLS1_2_VERSION, NULL);
    size_t i;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        CHECK(upward(c13, sizes[i], WHOLE));
        CHECK(upward(c13, sizes[i], ODD));
        CHECK(upward(c12, sizes[i], ODD));
        CHECK(downward(c13, sizes[i], WHOLE));
        CHECK(downward(c13, sizes[i], ODD));
        CHECK(downward(c12, sizes[i], ODD));
    }
    SSL_CTX_free(c13);
    SSL_CTX_free(c12);
}

static void data_a_byte_at_a_time(void)
{
    SSL_CTX *c13 = client_ctx(0, 0, NULL);
    SSL_CTX *c12 = client_ctx(0, TLS1_2_VERSION, NULL);
    size_t i;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        CHECK(upward(c13, sizes[i], BYTES));
        CHECK(downward(c13, sizes[i], BYTES));
    }
    CHECK(upward(c12, 16385, BYTES));
    CHECK(downward(c12, 16385, BYTES));
    SSL_CTX_free(c13);
    SSL_CTX_free(c12);
}

/* The session keeps no plaintext: once all but the last byte of a
 * megabyte's ciphertext is fed, everything but the last record has
 * reached the caller's buffer; the last byte brings the rest. And an
 * empty feed changes nothing. */
static void plaintext_not_held(void)
{
    SSL_CTX *cctx = client_ctx(0, 0, NULL);
    size_t size = 1u << 20, wrote = 0, n;
    char *data = pattern(size, 3), *cipher = NULL;
    struct pair p;

    CHECK(data != NULL && ready(&p, cctx, NULL, 0));
    CHECK(tls_session_feed(p.s, "", 0, &p.plain) == TLS_WANT_MORE);
    CHECK(p.plain.len == 0);
    CHECK(SSL_write_ex(p.c, data, size, &wrote) == 1 && wrote == size);
    n = BIO_ctrl_pending(p.c_out);
    cipher = malloc(n);
    CHECK(cipher != NULL && BIO_read(p.c_out, cipher, (int)n) == (int)n);
    if (cipher != NULL) {
        to_server(&p, cipher, n - 1, WHOLE);
        CHECK(p.last == TLS_OK);
        CHECK(p.plain.len >= size - 16384 && p.plain.len < size);
        to_server(&p, cipher + n - 1, 1, WHOLE);
        CHECK(p.last == TLS_OK && p.plain.len == size);
        CHECK(memcmp(p.plain.data, data, size) == 0);
    }
    CHECK(!p.bad_growth);
    free(cipher);
    free(data);
    pair_close(&p);
    SSL_CTX_free(cctx);
}

/* --------------------------------------------------------------- close */

static void close_notify_from_client(void)
{
    SSL_CTX *cctx = client_ctx(0, 0, NULL);
    struct buffer out = {0}, got = {0};
    size_t wrote;
    struct pair p;

    /* Data and close_notify in one feed: the data, then TLS_CLOSED. */
    CHECK(ready(&p, cctx, NULL, 0));
    CHECK(SSL_write_ex(p.c, "bye", 3, &wrote) == 1);
    CHECK(SSL_shutdown(p.c) == 0);
    client_to_server(&p, WHOLE);
    CHECK(p.last == TLS_CLOSED);
    CHECK(p.plain.len == 3 && memcmp(p.plain.data, "bye", 3) == 0);
    /* Later bytes are ignored. */
    CHECK(tls_session_feed(p.s, "more", 4, &p.plain) == TLS_CLOSED);
    CHECK(p.plain.len == 3);
    /* The server may still answer, then close in turn. */
    CHECK(tls_session_write(p.s, "ok", 2, &out) == TLS_OK);
    CHECK(tls_session_close(p.s, &out) == TLS_OK);
    CHECK(BIO_write(p.c_in, out.data, (int)out.len) == (int)out.len);
    CHECK(client_read(&p, &got) == SSL_ERROR_ZERO_RETURN);
    CHECK(got.len == 2 && memcmp(got.data, "ok", 2) == 0);
    CHECK(strcmp(tls_session_reason(p.s), "") == 0);
    buffer_free(&out);
    buffer_free(&got);
    pair_close(&p);
    SSL_CTX_free(cctx);
}

static void close_notify_from_server(void)
{
    SSL_CTX *cctx = client_ctx(0, 0, NULL);
    struct buffer out = {0}, got = {0};
    size_t wrote;
    struct pair p;

    CHECK(ready(&p, cctx, NULL, 0));
    CHECK(tls_session_close(p.s, &out) == TLS_OK);
    CHECK(out.len > 0 && out.data[0] == 0x17);     /* an encrypted alert */
    CHECK(tls_session_close(p.s, &out) == TLS_OK); /* again: no harm */
    CHECK(BIO_write(p.c_in, out.data, (int)out.len) == (int)out.len);
    CHECK(client_read(&p, &got) == SSL_ERROR_ZERO_RETURN && got.len == 0);
    /* Writing has ended; reading goes on until the client closes. */
    CHECK(tls_session_write(p.s, "late", 4, &out) == TLS_ERROR);
    CHECK(SSL_write_ex(p.c, "after", 5, &wrote) == 1);
    CHECK(SSL_shutdown(p.c) == 1);
    client_to_server(&p, ODD);
    CHECK(p.last == TLS_CLOSED);
    CHECK(p.plain.len == 5 && memcmp(p.plain.data, "after", 5) == 0);
    buffer_free(&out);
    buffer_free(&got);
    pair_close(&p);
    SSL_CTX_free(cctx);
}

/* Before the handshake there is nothing to close or write. */
static void close_before_handshake(void)
{
    struct tls_session *s = tls_session_new(standard);
    struct buffer out = {0};

    CHECK(s != NULL);
    CHECK(tls_session_close(s, &out) == TLS_ERROR && out.len == 0);
    CHECK(tls_session_write(s, "x", 1, &out) == TLS_ERROR && out.len == 0);
    CHECK(tls_session_alpn(s) == NULL && tls_session_version(s) == NULL);
    tls_session_free(s);
    buffer_free(&out);
}

/* ------------------------------------------------------------ garbage */

/* Feeds bytes to a fresh session: 1 when it fails with a reason, an
 * alert or nothing as output, and stays failed. */
static int refuses(const char *bytes, size_t n, enum split how)
{
    struct tls_session *s = tls_session_new(standard);
    struct buffer plain = {0}, out = {0};
    size_t off = 0, i = 0, k;
    enum tls_status st = TLS_WANT_MORE;
    int ok;

    while (s != NULL && off < n && st != TLS_ERROR) {
        k = piece(how, i++, n - off);
        st = tls_session_feed(s, bytes + off, k, &plain);
        off += k;
    }
    ok = s != NULL && st == TLS_ERROR && plain.len == 0 &&
         strlen(tls_session_reason(s)) > 0 &&
         tls_session_take_output(s, &out) == 0 &&
         (out.len == 0 || (unsigned char)out.data[0] == 0x15) &&
         tls_session_feed(s, "\x16\x03\x01", 3, &plain) == TLS_ERROR &&
         tls_session_write(s, "x", 1, &out) == TLS_ERROR &&
         tls_session_close(s, &out) == TLS_ERROR;
    if (s != NULL)
        printf("# %zu bytes refused after %zu: %s\n", n, off,
               tls_session_reason(s));
    tls_session_free(s);
    buffer_free(&plain);
    buffer_free(&out);
    return ok;
}

static void garbage_refused(void)
{
    static const char get[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
    /* A handshake record that claims 65535 bytes: refused at its header,
     * before any of them. */
    static const char huge[] = "\x16\x03\x01\xff\xff";
    /* An SSL 2.0 hello (2.0 is the version it asks for): a 2-byte
     * header, then 46 bytes; the cipher specs and challenge are zeros. */
    static const char v2[48] = "\x80\x2e\x01\x00\x02\x00\x15\x00\x00\x00\x10";
    char *noise = pattern(4096, 99);

    CHECK(refuses(get, sizeof get - 1, WHOLE));
    CHECK(refuses(get, sizeof get - 1, BYTES));
    CHECK(refuses(huge, sizeof huge - 1, WHOLE));
    CHECK(refuses(v2, sizeof v2, WHOLE));
    CHECK(noise != NULL && refuses(noise, 4096, WHOLE));
    CHECK(noise != NULL && refuses(noise, 4096, ODD));
    free(noise);
}

/* A record changed in flight after the handshake fails its check. */
static void tampered_record_refused(void)
{
    SSL_CTX *cctx = client_ctx(0, 0, NULL);
    struct buffer out = {0};
    size_t wrote, n;
    char cipher[256];
    struct pair p;

    CHECK(ready(&p, cctx, NULL, 0));
    CHECK(SSL_write_ex(p.c, "hello", 5, &wrote) == 1);
    n = BIO_ctrl_pending(p.c_out);
    CHECK(n > 10 && n <= sizeof cipher);
    if (n > 10 && n <= sizeof cipher) {
        CHECK(BIO_read(p.c_out, cipher, (int)n) == (int)n);
        cipher[n - 3] ^= 1;
        to_server(&p, cipher, n, WHOLE);
        CHECK(p.last == TLS_ERROR && p.plain.len == 0);
        CHECK(strlen(tls_session_reason(p.s)) > 0);
        printf("# a tampered record: %s\n", tls_session_reason(p.s));
        CHECK(tls_session_take_output(p.s, &out) == 0 && out.len > 0);
    }
    buffer_free(&out);
    pair_close(&p);
    SSL_CTX_free(cctx);
}

/* A handshake that stops short waits for more, sends nothing, and can be
 * freed; the missing byte lets it go on. */
static void truncated_handshake(void)
{
    SSL_CTX *cctx = client_ctx(0, 0, NULL);
    struct buffer out = {0};
    char hello[4096];
    size_t n;
    struct pair p;

    CHECK(pair_open(&p, standard, cctx, NULL, 0));
    SSL_do_handshake(p.c);
    n = BIO_ctrl_pending(p.c_out);
    CHECK(n > 100 && n <= sizeof hello);
    if (n > 100 && n <= sizeof hello) {
        CHECK(BIO_read(p.c_out, hello, (int)n) == (int)n);
        to_server(&p, hello, n - 1, WHOLE);
        CHECK(p.last == TLS_WANT_MORE);
        CHECK(!tls_session_handshake_done(p.s));
        CHECK(tls_session_take_output(p.s, &out) == 0 && out.len == 0);
        CHECK(tls_session_write(p.s, "x", 1, &out) == TLS_ERROR);
        CHECK(tls_session_alpn(p.s) == NULL);
        CHECK(strcmp(tls_session_reason(p.s), "") == 0);
        to_server(&p, hello + n - 1, 1, WHOLE);
        CHECK(p.last == TLS_WANT_MORE); /* the client's Finished is due */
        CHECK(tls_session_take_output(p.s, &out) == 0 && out.len > 100);
        CHECK(out.data[0] == 0x16); /* ServerHello */
    }
    buffer_free(&out);
    pair_close(&p); /* mid-handshake */
    SSL_CTX_free(cctx);
}

/* -------------------------------------------------------------- files */

/* Writes a self-signed certificate and key of the given type (an EC
 * P-256 key, or RSA 2048) to dir/cert_name and dir/key_name; appends
 * the certificate again when chain is set (a second certificate in the
 * file, read as a chain). Returns 1 on success. */
static int write_pair(int rsa, const char *cert_name, const char *key_name,
                      int chain)
{
    EVP_PKEY *key = rsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
    X509 *x = X509_new();
    char path[160];
    FILE *f;
    int ok = key != NULL && x != NULL;

    ok = ok && ASN1_INTEGER_set(X509_get_serialNumber(x), 2) == 1 &&
         X509_gmtime_adj(X509_getm_notBefore(x), -60) != NULL &&
         X509_gmtime_adj(X509_getm_notAfter(x), 86400) != NULL &&
         X509_NAME_add_entry_by_txt(
             X509_get_subject_name(x), "CN", MBSTRING_ASC,
             (const unsigned char *)"test", -1, -1, 0) == 1 &&
         X509_set_issuer_name(x, X509_get_subject_name(x)) == 1 &&
         X509_set_pubkey(x, key) == 1 && X509_sign(x, key, EVP_sha256()) > 0;
    if (ok &&
        (f = fopen(path_in(cert_name, path, sizeof path), "w")) != NULL) {
        ok = PEM_write_X509(f, x) == 1 && (!chain || PEM_write_X509(f, x));
        ok = fclose(f) == 0 && ok;
    } else {
        ok = 0;
    }
    if (ok && (f = fopen(path_in(key_name, path, sizeof path), "w")) != NULL) {
        ok = PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) == 1;
        ok = fclose(f) == 0 && ok;
    } else {
        ok = 0;
    }
    X509_free(x);
    EVP_PKEY_free(key);
    return ok;
}

static int write_text(const char *name, const char *text)
{
    char path[160];
    FILE *f = fopen(path_in(name, path, sizeof path), "w");

    if (f == NULL)
        return 0;
    fputs(text, f);
    return fclose(f) == 0;
}

/* A context from dir/cert and dir/key (NULL for a NULL name). */
static struct tls_context *from_files(const char *cert, const char *key)
{
    char cp[160], kp[160];

    err[0] = '\0';
    return tls_context_new(cert != NULL ? path_in(cert, cp, sizeof cp) : NULL,
                           key != NULL ? path_in(key, kp, sizeof kp) : NULL,
                           NULL, err, sizeof err);
}

/* The pin computed here, independently: DER of the SubjectPublicKeyInfo
 * by i2d_PUBKEY(), SHA-256, base64 by EVP_EncodeBlock(). */
static void pin_of(X509 *x, char out[TLS_PIN_SIZE])
{
    unsigned char *der = NULL, md[SHA256_DIGEST_LENGTH];
    int len = i2d_PUBKEY(X509_get0_pubkey(x), &der);

    out[0] = '\0';
    if (len <= 0)
        return;
    SHA256(der, (size_t)len, md);
    OPENSSL_free(der);
    EVP_EncodeBlock((unsigned char *)out, md, (int)sizeof md);
}

static X509 *read_cert(const char *name)
{
    char path[160];
    FILE *f = fopen(path_in(name, path, sizeof path), "r");
    X509 *x;

    if (f == NULL)
        return NULL;
    x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    return x;
}

/* The context's pin is the file's certificate's pin, and a handshake
 * with it works (TLS 1.3 and, with the RSA key, 1.2's ECDHE-RSA). */
static int loads_and_talks(const char *cert, const char *key)
{
    SSL_CTX *c13 = client_ctx(0, 0, NULL);
    SSL_CTX *c12 = client_ctx(0, TLS1_2_VERSION, NULL);
    struct tls_context *ctx = from_files(cert, key);
    char pin[TLS_PIN_SIZE], want[TLS_PIN_SIZE];
    X509 *x = read_cert(cert);
    struct pair p;
    int ok = ctx != NULL && x != NULL;

    memset(&p, 0, sizeof p);
    if (ctx == NULL)
        printf("# %s, %s: %s\n", cert, key, err);
    if (ok) {
        pin_of(x, want);
        ok = tls_context_pin(ctx, pin, sizeof pin) == 44 &&
             strcmp(pin, want) == 0;
    }
    ok = ok && pair_open(&p, ctx, c13, NULL, 0) && handshake(&p, WHOLE);
    pair_close(&p);
    ok = ok && pair_open(&p, ctx, c12, NULL, 0) && handshake(&p, WHOLE);
    pair_close(&p);
    X509_free(x);
    tls_context_free(ctx);
    SSL_CTX_free(c13);
    SSL_CTX_free(c12);
    return ok;
}

static void files_good_pairs(void)
{
    SSL_CTX *cctx = client_ctx(0, 0, NULL);
    struct tls_context *ctx;
    struct pair p;

    CHECK(write_pair(0, "ec.crt", "ec.key", 0));
    CHECK(write_pair(1, "rsa.crt", "rsa.key", 0));
    CHECK(write_pair(0, "chain.crt", "chain.key", 1));
    CHECK(loads_and_talks("ec.crt", "ec.key"));
    CHECK(loads_and_talks("rsa.crt", "rsa.key"));
    CHECK(loads_and_talks("chain.crt", "chain.key"));
    /* The second certificate in the file goes out as the chain. */
    ctx = from_files("chain.crt", "chain.key");
    CHECK(ctx != NULL);
    if (ctx != NULL) {
        CHECK(pair_open(&p, ctx, cctx, NULL, 0) && handshake(&p, WHOLE));
        CHECK(sk_X509_num(SSL_get_peer_cert_chain(p.c)) == 2);
        pair_close(&p);
    }
    tls_context_free(ctx);
    SSL_CTX_free(cctx);
}

/* Each bad file gives NULL and a message that names the file and says
 * what is wrong with it. */
static int refused_with(const char *cert, const char *key, const char *name,
                        const char *words)
{
    struct tls_context *ctx = from_files(cert, key);
    int ok = ctx == NULL && (name == NULL || strstr(err, name) != NULL) &&
             strstr(err, words) != NULL;

    printf("# %s, %s: %s\n", cert ? cert : "(none)", key ? key : "(none)",
           err);
    tls_context_free(ctx);
    return ok;
}

static void files_refused(void)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    char path[160];
    FILE *f;

    CHECK(write_pair(0, "a.crt", "a.key", 0));
    CHECK(write_pair(0, "b.crt", "b.key", 0));
    CHECK(write_text("text", "this is not PEM\n"));
    /* An encrypted key: refused, without a prompt. */
    f = fopen(path_in("locked.key", path, sizeof path), "w");
    CHECK(f != NULL && key != NULL);
    if (f != NULL) {
        CHECK(PEM_write_PrivateKey(f, key, EVP_aes_128_cbc(),
                                   (const unsigned char *)"secret", 6, NULL,
                                   NULL) == 1);
        fclose(f);
    }
    CHECK(refused_with("a.crt", "b.key", "b.key",
                       "does not belong to the certificate"));
    CHECK(
        refused_with("missing.crt", "a.key", "missing.crt", strerror(ENOENT)));
    CHECK(
        refused_with("a.crt", "missing.key", "missing.key", strerror(ENOENT)));
    CHECK(refused_with("text", "a.key", "text", "no PEM certificate"));
    CHECK(refused_with("a.key", "a.key", "a.key", "no PEM certificate"));
    CHECK(refused_with("a.crt", "text", "text", "no PEM private key"));
    CHECK(refused_with("a.crt", "a.crt", "a.crt", "no PEM private key"));
    CHECK(refused_with("a.crt", "locked.key", "locked.key", "encrypted"));
    CHECK(refused_with("a.crt", NULL, NULL, "go together"));
    CHECK(refused_with(NULL, "a.key", NULL, "go together"));
    EVP_PKEY_free(key);
}

/* ---------------------------------------------- the generated certificate */

/* The subjectAltName of x holds exactly DNS:localhost, IP:127.0.0.1 and
 * IP:::1. */
static int sans_are_local(X509 *x)
{
    static const unsigned char v4[] = {127, 0, 0, 1};
    static const unsigned char v6[16] = {[15] = 1};
    GENERAL_NAMES *names =
        X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    int i, dns = 0, ip4 = 0, ip6 = 0, other = 0;

    for (i = 0; names != NULL && i < sk_GENERAL_NAME_num(names); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
        const ASN1_STRING *s;

        if (g->type == GEN_DNS) {
            s = g->d.dNSName;
            dns += ASN1_STRING_length(s) == 9 &&
                   memcmp(ASN1_STRING_get0_data(s), "localhost", 9) == 0;
        } else if (g->type == GEN_IPADD) {
            s = g->d.iPAddress;
            ip4 += ASN1_STRING_length(s) == 4 &&
                   memcmp(ASN1_STRING_get0_data(s), v4, 4) == 0;
            ip6 += ASN1_STRING_length(s) == 16 &&
                   memcmp(ASN1_STRING_get0_data(s), v6, 16) == 0;
        } else {
            other++;
        }
    }
    i = names != NULL ? sk_GENERAL_NAME_num(names) : 0;
    GENERAL_NAMES_free(names);
    return i == 3 && dns == 1 && ip4 == 1 && ip6 == 1 && other == 0;
}

static void generated_certificate(void)
{
    char path[160], group[64];
    struct tls_context *other;
    X509 *x, *y = NULL;
    EVP_PKEY *key;
    int days = -1, secs = -1;
    size_t glen = 0;

    CHECK(tls_context_write_cert(standard,
                                 path_in("gen.pem", path, sizeof path), err,
                                 sizeof err) == 0);
    x = read_cert("gen.pem");
    CHECK(x != NULL);
    if (x == NULL)
        return;
    key = X509_get0_pubkey(x);
    CHECK(key != NULL && EVP_PKEY_get_base_id(key) == EVP_PKEY_EC);
    CHECK(EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group,
                                         &glen) == 1 &&
          strcmp(group, "prime256v1") == 0);
    CHECK(X509_get_version(x) == X509_VERSION_3);
    CHECK(X509_get_signature_nid(x) == NID_ecdsa_with_SHA256);
    CHECK(X509_verify(x, key) == 1); /* self-signed */
    CHECK(sans_are_local(x));
    CHECK(X509_check_host(x, "localhost", 0, 0, NULL) == 1);
    CHECK(X509_check_ip_asc(x, "127.0.0.1", 0) == 1);
    CHECK(X509_check_ip_asc(x, "::1", 0) == 1);
    CHECK(X509_check_host(x, "example.com", 0, 0, NULL) == 0);
    CHECK(X509_check_ip_asc(x, "127.0.0.2", 0) == 0);
    /* Valid now, from a little in the past, for TLS_CERT_DAYS days. */
    CHECK(X509_cmp_current_time(X509_get0_notBefore(x)) < 0);
    CHECK(X509_cmp_current_time(X509_get0_notAfter(x)) > 0);
    CHECK(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(x),
                         X509_get0_notAfter(x)) == 1 &&
          days == TLS_CERT_DAYS && secs == 0);
    CHECK(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(x), NULL) == 1 &&
          days == 0 && secs >= 3600);
    /* A positive serial of 16 bytes; another context has another serial
     * and another key. */
    CHECK(ASN1_STRING_length(X509_get0_serialNumber(x)) == 16 &&
          ASN1_STRING_type(X509_get0_serialNumber(x)) == V_ASN1_INTEGER);
    other = tls_context_new(NULL, NULL, NULL, err, sizeof err);
    CHECK(other != NULL);
    if (other != NULL &&
        tls_context_write_cert(other, path_in("gen2.pem", path, sizeof path),
                               err, sizeof err) == 0)
        y = read_cert("gen2.pem");
    CHECK(y != NULL);
    if (y != NULL) {
        CHECK(ASN1_INTEGER_cmp(X509_get0_serialNumber(x),
                               X509_get0_serialNumber(y)) != 0);
        CHECK(EVP_PKEY_eq(X509_get0_pubkey(x), X509_get0_pubkey(y)) != 1);
    }
    X509_free(y);
    tls_context_free(other);
    X509_free(x);
    /* A path that cannot be written says so. */
    CHECK(tls_context_write_cert(standard,
                                 path_in("no/such/dir.pem", path, sizeof path),
                                 err, sizeof err) == -1 &&
          strstr(err, "no/such/dir.pem") != NULL);
}

/* A client that trusts the certificate and checks the name accepts it
 * for localhost, 127.0.0.1 and ::1, and no other. */
static int verifies_as(X509 *anchor, const char *host, const char *ip)
{
    SSL_CTX *cctx = client_ctx(0, 0, anchor);
    struct pair p;
    int ok = pair_open(&p, standard, cctx, NULL, 0);

    if (ok && host != NULL)
        ok = SSL_set1_host(p.c, host) == 1;
    if (ok && ip != NULL)
        ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(p.c), ip) == 1;
    ok = ok && handshake(&p, WHOLE) && SSL_get_verify_result(p.c) == X509_V_OK;
    pair_close(&p);
    SSL_CTX_free(cctx);
    return ok;
}

static void generated_certificate_verifies(void)
{
    char path[160];
    X509 *x;

    CHECK(tls_context_write_cert(standard,
                                 path_in("gen.pem", path, sizeof path), err,
                                 sizeof err) == 0);
    x = read_cert("gen.pem");
    CHECK(x != NULL);
    if (x == NULL)
        return;
    CHECK(verifies_as(x, "localhost", NULL));
    CHECK(verifies_as(x, NULL, "127.0.0.1"));
    CHECK(verifies_as(x, NULL, "::1"));
    CHECK(!verifies_as(x, "example.com", NULL));
    CHECK(!verifies_as(x, NULL, "10.0.0.1"));
    X509_free(x);
}

/* --------------------------------------------------------------- the pin */

static void pin_matches_evp(void)
{
    char pin[TLS_PIN_SIZE + 8], want[TLS_PIN_SIZE], path[160];
    X509 *x;

    CHECK(tls_context_write_cert(standard,
                                 path_in("gen.pem", path, sizeof path), err,
                                 sizeof err) == 0);
    x = read_cert("gen.pem");
    CHECK(x != NULL);
    if (x != NULL) {
        pin_of(x, want);
        CHECK(tls_context_pin(standard, pin, sizeof pin) == 44);
        CHECK(strlen(pin) == 44 && strcmp(pin, want) == 0);
        CHECK(pin[43] == '=' && pin[42] != '=');
    }
    CHECK(tls_context_pin(standard, pin, TLS_PIN_SIZE) == 44);
    CHECK(tls_context_pin(standard, pin, TLS_PIN_SIZE - 1) == -1);
    X509_free(x);
}

/* The pin that the openssl command gives for the written certificate,
 * as the recipe computes it; skipped, saying so, when there is
 * no openssl command. */
static void pin_matches_openssl_command(void)
{
    char cmd[512], line[128], pin[TLS_PIN_SIZE], path[160];
    FILE *p;
    size_t n;

    if (system("command -v openssl >/dev/null 2>&1") != 0) {
        printf("# skipped: the pin against the openssl command "
               "(no openssl command)\n");
        return;
    }
    CHECK(tls_context_write_cert(standard,
                                 path_in("gen.pem", path, sizeof path), err,
                                 sizeof err) == 0);
    snprintf(cmd, sizeof cmd,
             "openssl x509 -in '%s' -pubkey -noout | "
             "openssl pkey -pubin -outform der | "
             "openssl dgst -sha256 -binary | base64",
             path);
    p = popen(cmd, "r");
    CHECK(p != NULL);
    if (p == NULL)
        return;
    line[0] = '\0';
    if (fgets(line, sizeof line, p) == NULL)
        line[0] = '\0';
    CHECK(pclose(p) == 0);
    n = strcspn(line, "\r\n");
    line[n] = '\0';
    CHECK(tls_context_pin(standard, pin, sizeof pin) == 44);
    CHECK(strcmp(line, pin) == 0);
    printf("# pin %s\n", pin);
}

/* ---------------------------------------------------------------- runner */

static void remove_dir(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", dir);
}

static void temp_dir(void)
{
    const char *tmp = getenv("TMPDIR");

    snprintf(dir, sizeof dir, "%s/test-tls.XXXXXX",
             tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
}

static void self_signed_context(void)
{
    standard = tls_context_new(NULL, NULL, NULL, err, sizeof err);
    if (standard == NULL)
        printf("# tls_context_new: %s\n", err);
    CHECK(standard != NULL);
    CHECK(strcmp(err, "") == 0);
}

void test_tls(void)
{
    run("tls: a temporary directory for the files", temp_dir);
    run("tls: a context with a self-signed certificate", self_signed_context);
    if (standard == NULL) {
        remove_dir();
        return;
    }
    run("tls: a TLS 1.3 handshake", handshake_tls13);
    run("tls: a TLS 1.2 handshake, ECDHE with an AEAD suite", handshake_tls12);
    run("tls: handshakes fed a byte at a time and in odd pieces",
        handshake_any_split);
    run("tls: TLS 1.1 is refused with an alert", old_versions_refused);
    run("tls: no session tickets after a TLS 1.3 handshake",
        no_session_tickets);
    run("tls: ALPN picks in the server's order, else http/1.1",
        alpn_server_order);
    run("tls: ALPN with http/1.1 alone", alpn_http11_only);
    run("tls: bad ALPN lists are refused", alpn_bad_lists);
    run("tls: data both ways, 0 bytes to 1 MiB, whole and in odd pieces",
        data_both_ways);
    run("tls: data both ways fed a byte at a time", data_a_byte_at_a_time);
    run("tls: a session holds no plaintext between feeds", plaintext_not_held);
    run("tls: close_notify from the client, with data before it",
        close_notify_from_client);
    run("tls: close_notify from the server, then the client's",
        close_notify_from_server);
    run("tls: no close or write before the handshake", close_before_handshake);
    run("tls: bytes that are not TLS fail with a reason", garbage_refused);
    run("tls: a tampered record fails", tampered_record_refused);
    run("tls: a truncated handshake waits and frees cleanly",
        truncated_handshake);
    run("tls: certificate and key files, EC, RSA and a chain",
        files_good_pairs);
    run("tls: bad certificate and key files are refused with clear errors",
        files_refused);
    run("tls: the generated certificate: P-256, SANs, validity, serial",
        generated_certificate);
    run("tls: the generated certificate verifies for its three names only",
        generated_certificate_verifies);
    run("tls: the pin matches one computed with EVP", pin_matches_evp);
    run("tls: the pin matches the openssl command's",
        pin_matches_openssl_command);
    tls_context_free(standard);
    standard = NULL;
    remove_dir();
}

#endif
