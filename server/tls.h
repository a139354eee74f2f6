/* tls.h: TLS for `httpstatus serve`, on OpenSSL 3, over memory: the
 * caller moves the bytes between the socket and a session, so that
 * nothing here knows about sockets or the event loop.
 *
 *   tls_context   one per server: certificate, key, versions, ciphers,
 *                 ALPN. Shared by every worker thread, read only once
 *                 made (OpenSSL allows SSL_new() on a shared SSL_CTX).
 *   tls_session   one per connection: ciphertext in through
 *                 tls_session_feed(), plaintext out to the caller's
 *                 buffer; plaintext in through tls_session_write(),
 *                 ciphertext out to the caller's buffer.
 *
 * The flow for a connection: feed what the socket gave, then send what
 * tls_session_take_output() gives (handshake messages, alerts), and hand
 * the plaintext that the feed appended to the protocol once
 * tls_session_handshake_done() says so; tls_session_alpn() says which
 * protocol. To answer, tls_session_write(), and send what it appended.
 *
 * Policy: TLS 1.2 and 1.3 only. TLS 1.2 offers ECDHE with AES-GCM or
 * ChaCha20-Poly1305 only (forward secrecy and AEAD); TLS 1.3 keeps
 * OpenSSL's three default suites. Renegotiation is refused, compression
 * is off. No session resumption: no tickets, no session cache. A test
 * server's handshake is cheap (ECDSA P-256), a restart makes a new
 * certificate anyway, and resumption would mean ticket keys to keep and
 * rotate and, in TLS 1.3, two NewSessionTicket messages after every
 * handshake for nothing.
 *
 * ALPN: the server picks the first protocol of its own list that the
 * client offers (h2 over http/1.1 when both are offered, whatever the
 * client's order). A client that offers none of them, or no ALPN at all,
 * gets no ALPN answer and the handshake goes on: it is spoken to in
 * HTTP/1.1, and tls_session_alpn() says "http/1.1". (RFC 7301 allows
 * refusing such a client with an alert; an HTTP/1.1 answer serves old
 * clients and tools better.)
 *
 * Memory per session: two memory BIOs and OpenSSL's state. A feed writes
 * the ciphertext into OpenSSL TLS_FEED_CHUNK bytes at a time and reads
 * out every whole record before the next piece, so that between calls a
 * session holds at most one incomplete record of ciphertext
 * (TLS_RECORD_MAX) and no plaintext at all: every byte decrypted goes to
 * the caller's buffer in the same call, and within a call the session
 * holds at most TLS_FEED_CHUNK plus a record of ciphertext. A record's
 * plaintext comes out when its last byte is fed, and is never longer
 * than its ciphertext (no compression); so a feed of n bytes appends at
 * most n + 16384 bytes (the records those bytes complete, one of them
 * begun by earlier feeds), and all the plaintext a session ever appends
 * is no longer than all the ciphertext fed to it. Output waits in the
 * session only until tls_session_take_output(); tls_session_write()
 * appends its records directly. Idle sessions release OpenSSL's record
 * buffers (SSL_MODE_RELEASE_BUFFERS).
 *
 * Every function here is for a build with HTTPSTATUS_HAVE_TLS (OpenSSL's
 * libssl found); without it, tls.c is not built. */
#ifndef HTTPSTATUS_TLS_H
#define HTTPSTATUS_TLS_H

#include <stddef.h>

#include "buffer.h"

/* The base64 SHA-256 pin's size with its NUL: 44 characters. */
#define TLS_PIN_SIZE 45

/* The most ciphertext one record takes: a 5-byte header, 2^14 bytes of
 * plaintext, and TLS 1.2's allowance of 2048 for expansion (TLS 1.3
 * allows 256). */
#define TLS_RECORD_MAX (5 + 16384 + 2048)

/* How much ciphertext a feed hands OpenSSL at a time. */
#define TLS_FEED_CHUNK 16384

/* The most protocols an ALPN list may name, and the longest name. */
#define TLS_ALPN_MAX      8
#define TLS_ALPN_NAME_MAX 32

/* The self-signed certificate's validity: from an hour ago (a client
 * whose clock is a little behind still takes it) for this many days. */
#define TLS_CERT_DAYS 30

struct tls_context;
struct tls_session;

enum tls_status {
    TLS_OK,        /* progress: the handshake finished, or plaintext came */
    TLS_WANT_MORE, /* every byte taken, nothing for the caller yet */
    TLS_CLOSED,    /* the peer sent close_notify: no more plaintext */
    TLS_ERROR      /* a fatal error: tls_session_reason() says which; the
                      alert to send, if any, is in the output */
};

/* A server context. cert_file and key_file name PEM files (the
 * certificate file may hold the chain after the certificate); with both
 * NULL, a fresh self-signed ECDSA P-256 certificate is made for
 * localhost, 127.0.0.1 and ::1 (subjectAltName), with a random serial,
 * valid from an hour ago for TLS_CERT_DAYS days. alpn is a NULL-ended
 * list of protocols in the server's order of preference, each 1 to
 * TLS_ALPN_NAME_MAX bytes, at most TLS_ALPN_MAX of them; NULL means
 * {"h2", "http/1.1"}. Returns NULL on failure, with a message in
 * err[0..errsize) (a file that cannot be opened, a file without a PEM
 * certificate or key, a key that does not belong to the certificate,
 * only one of the two files given, a bad ALPN list). */
struct tls_context *tls_context_new(const char *cert_file,
                                    const char *key_file,
                                    const char *const *alpn, char *err,
                                    size_t errsize);

void tls_context_free(struct tls_context *ctx);

/* Writes the context's certificate to path as PEM (for --tls-cert-out).
 * Returns 0, or -1 with a message in err. */
int tls_context_write_cert(const struct tls_context *ctx, const char *path,
                           char *err, size_t errsize);

/* The certificate's pin: base64 of the SHA-256 of its
 * SubjectPublicKeyInfo (DER), what `curl --pinnedpubkey sha256//PIN` and
 * Chromium's --ignore-certificate-errors-spki-list take. Writes it
 * NUL-terminated to out and returns its length (44), or -1 when size is
 * less than TLS_PIN_SIZE or the hash fails. */
int tls_context_pin(const struct tls_context *ctx, char *out, size_t size);

/* A session for a new connection, or NULL when out of memory. */
struct tls_session *tls_session_new(struct tls_context *ctx);

/* Takes n bytes of ciphertext from the peer: runs the handshake as far as
 * they allow and appends the plaintext they carry to plain_out. Every
 * byte is taken, whatever the status (after TLS_CLOSED or TLS_ERROR,
 * further bytes are ignored and the same status comes back). n may be 0.
 * Out of memory is TLS_ERROR. Call tls_session_take_output() after it:
 * the handshake, a key update or an error may have something to send. */
enum tls_status tls_session_feed(struct tls_session *s, const char *cipher,
                                 size_t n, struct buffer *plain_out);

/* Encrypts plain[0..n) and appends the records to cipher_out (nothing for
 * n == 0). Only once the handshake is done; TLS_ERROR before then, after
 * an error, after tls_session_close(), or when out of memory; TLS_OK
 * otherwise. */
enum tls_status tls_session_write(struct tls_session *s, const char *plain,
                                  size_t n, struct buffer *cipher_out);

/* Appends what the session has to send (handshake messages, alerts) to
 * cipher_out. Returns 0, or -1 when out of memory (the bytes stay in the
 * session). */
int tls_session_take_output(struct tls_session *s, struct buffer *cipher_out);

/* 1 once the handshake has finished, else 0. */
int tls_session_handshake_done(const struct tls_session *s);

/* The protocol to speak: the one ALPN picked ("h2", "http/1.1", from the
 * context's list), or "http/1.1" when the client offered none of the
 * context's protocols. NULL until the handshake is done. */
const char *tls_session_alpn(const struct tls_session *s);

/* The negotiated version, "TLSv1.3" or "TLSv1.2"; NULL until the
 * handshake is done. */
const char *tls_session_version(const struct tls_session *s);

/* Why the session failed, in a few words ("wrong version number", "http
 * request", "out of memory"); "" when it has not. */
const char *tls_session_reason(const struct tls_session *s);

/* Sends close_notify: appends it to cipher_out, with anything else still
 * to send. Writing ends; feeding can go on (a peer may answer with its
 * own close_notify). Returns TLS_OK, or TLS_ERROR when the handshake has
 * not finished (nothing is sent: the caller just closes), after an error,
 * or when out of memory. */
enum tls_status tls_session_close(struct tls_session *s,
                                  struct buffer *cipher_out);

void tls_session_free(struct tls_session *s);

#endif
