/*
 * tls_records.c: libFuzzer target for the server's TLS input path
 * (server/tls.c): arbitrary bytes fed to a fresh server session, as a
 * client's first flight.
 *
 * Input: the first byte picks how the rest is cut: whole, a byte at a
 * time, or in pieces of 1 to 64 bytes whose sizes come from the input's
 * hash. The context (a self-signed certificate, h2 and http/1.1) is made
 * once and shared, as the server shares it.
 *
 * What is checked, every check a CHECK:
 *  - every feed gives one of the four statuses; after TLS_ERROR or
 *    TLS_CLOSED every later feed gives the same, and TLS_ERROR comes
 *    with a reason, the others without;
 *  - no plaintext comes out and the handshake never finishes: finishing
 *    it takes the keys of the server's own key share, which no input can
 *    know;
 *  - what the session has to send stays under OUTPUT_MAX bytes in all:
 *    a hello retry request, the server's flight, an alert;
 *  - before the handshake, writing and closing are refused, and neither
 *    ALPN nor a version is reported.
 *
 * Without libssl (HTTPSTATUS_HAVE_TLS undefined) the target does
 * nothing; the Makefiles build it only with libssl.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

#ifdef HTTPSTATUS_HAVE_TLS

#include "buffer.h"
#include "tls.h"

/* A retry request and a server flight with a certificate of one P-256
 * key take about 1.5 KiB; this leaves room without hiding a runaway. */
#define OUTPUT_MAX 8192

static struct tls_context *context(void)
{
    static struct tls_context *ctx;
    char err[256];

    if (ctx == NULL) {
        ctx = tls_context_new(NULL, NULL, NULL, err, sizeof err);
        if (ctx == NULL)
            fprintf(stderr, "tls_records: %s\n", err);
        CHECK(ctx != NULL);
    }
    return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tls_session *s = tls_session_new(context());
    struct buffer plain = {0}, out = {0}, refused = {0};
    enum tls_status st = TLS_WANT_MORE, now;
    uint32_t h = hash_bytes(data, size);
    unsigned mode = size > 0 ? data[0] % 3u : 0;
    char *bytes = size > 1 ? copy_of(data + 1, size - 1) : NULL;
    size_t n = size > 1 ? size - 1 : 0, off = 0, k;

    CHECK(s != NULL);
    while (off < n) {
        if (mode == 0)
            k = n - off;
        else if (mode == 1)
            k = 1;
        else
            k = 1 + (h = h * 1103515245u + 12345u) % 64u;
        if (k > n - off)
            k = n - off;
        now = tls_session_feed(s, bytes + off, k, &plain);
        off += k;
        CHECK(now == TLS_OK || now == TLS_WANT_MORE || now == TLS_CLOSED ||
              now == TLS_ERROR);
        if (st == TLS_ERROR || st == TLS_CLOSED)
            CHECK(now == st);
        st = now;
        CHECK((st == TLS_ERROR) == (tls_session_reason(s)[0] != '\0'));
        CHECK(plain.len == 0);
        CHECK(!tls_session_handshake_done(s));
        CHECK(tls_session_take_output(s, &out) == 0);
        CHECK(out.len <= OUTPUT_MAX);
    }
    CHECK(tls_session_alpn(s) == NULL && tls_session_version(s) == NULL);
    CHECK(tls_session_write(s, "x", 1, &refused) == TLS_ERROR);
    CHECK(tls_session_close(s, &refused) == TLS_ERROR);
    CHECK(refused.len == 0);
    tls_session_free(s);
    buffer_free(&plain);
    buffer_free(&out);
    free(bytes);
    return 0;
}

#else

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}

#endif
