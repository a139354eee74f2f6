/*
 * codec.c: libFuzzer target for the content codings of `httpstatus serve`
 * (server/codec.c): any bytes, any length, through gzip, deflate and br.
 *
 * Input: the body to encode, as it is.
 *
 * What is checked, every check a CHECK, for each of the three codings:
 *  - when the build has the coding: codec_compress() returns 0, keeps the
 *    bytes already in the buffer, and what it appended decodes (zlib's
 *    inflate in gzip or zlib mode, BrotliDecoderDecompress()) to exactly
 *    the input, with nothing left over; a second call gives the same
 *    bytes;
 *  - when the build lacks it: CODEC_LACKING, and the buffer is as it was.
 */
#ifdef HTTPSTATUS_HAVE_ZLIB
#define ZLIB_CONST
#include <zlib.h>
#endif
#ifdef HTTPSTATUS_HAVE_BROTLI
#include <brotli/decode.h>
#endif

#include "codec.h"
#include "fuzz.h"
#include "server.h"

#define PREFIX     "kept"
#define PREFIX_LEN (sizeof PREFIX - 1)

/* Decodes enc[0..len) as c's stream into dst, which has room for want
 * bytes and one more; 1 when that gives exactly want bytes and uses all
 * of enc. */
static int decodes_to(enum codec c, const unsigned char *enc, size_t len,
                      unsigned char *dst, size_t want)
{
    switch (c) {
    case CODEC_GZIP:
    case CODEC_DEFLATE: {
#ifdef HTTPSTATUS_HAVE_ZLIB
        z_stream z;
        int rc;

        memset(&z, 0, sizeof z);
        CHECK(inflateInit2(&z, c == CODEC_GZIP ? 15 + 16 : 15) == Z_OK);
        z.next_in = enc;
        z.avail_in = (uInt)len;
        z.next_out = dst;
        z.avail_out = (uInt)want + 1;
        rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        return rc == Z_STREAM_END && z.total_out == want && z.avail_in == 0;
#else
        break;
#endif
    }
    case CODEC_BROTLI: {
#ifdef HTTPSTATUS_HAVE_BROTLI
        size_t size = want + 1;

        return BrotliDecoderDecompress(len, enc, &size, dst) ==
                   BROTLI_DECODER_RESULT_SUCCESS &&
               size == want;
#else
        break;
#endif
    }
    }
    (void)enc;
    (void)len;
    (void)dst;
    (void)want;
    return 0;
}

static void one_codec(enum codec c, const char *in, size_t size)
{
    struct buffer out = {0}, again = {0};
    unsigned char *back;
    int rc;

    CHECK(buffer_append(&out, PREFIX, PREFIX_LEN) == 0);
    rc = codec_compress(c, in, size, &out);
    if (!codec_available(c)) {
        CHECK(rc == CODEC_LACKING);
        CHECK(out.len == PREFIX_LEN);
        buffer_free(&out);
        return;
    }
    CHECK(rc == 0);
    CHECK(out.len > PREFIX_LEN && memcmp(out.data, PREFIX, PREFIX_LEN) == 0);

    back = malloc(size + 1);
    CHECK(back != NULL);
    CHECK(decodes_to(c, (const unsigned char *)out.data + PREFIX_LEN,
                     out.len - PREFIX_LEN, back, size));
    CHECK(size == 0 || memcmp(back, in, size) == 0);
    free(back);

    CHECK(codec_compress(c, in, size, &again) == 0);
    CHECK(again.len == out.len - PREFIX_LEN &&
          memcmp(again.data, out.data + PREFIX_LEN, again.len) == 0);
    buffer_free(&out);
    buffer_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = copy_of(data, size);

    one_codec(CODEC_GZIP, in, size);
    one_codec(CODEC_DEFLATE, in, size);
    one_codec(CODEC_BROTLI, in, size);
    free(in);
    return 0;
}
