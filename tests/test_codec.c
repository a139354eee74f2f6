/* test_codec.c: the content codings of httpstatus serve (server/codec.c).
 * What is encoded is decoded again by the other half of each library
 * (zlib's inflate, libbrotlidec), and the framing bytes are checked
 * against RFC 1950 and RFC 1952. A build without a library is tested for
 * its CODEC_LACKING answer instead. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef HTTPSTATUS_HAVE_ZLIB
#define ZLIB_CONST
#include <zlib.h>
#endif
#ifdef HTTPSTATUS_HAVE_BROTLI
#include <brotli/decode.h>
#endif

#include "codec.h"
#include "harness.h"
#include "server.h"

#define MIB ((size_t)1 << 20)

static const enum codec all[] = {CODEC_GZIP, CODEC_DEFLATE, CODEC_BROTLI};
#define ALL_COUNT (sizeof all / sizeof all[0])

/* A response body of the kind /gzip sends. */
static const char json[] =
    "{\n  \"args\": {},\n  \"headers\": {\n    \"Accept\": [\"*/*\"],\n"
    "    \"Accept-Encoding\": [\"gzip, deflate, br\"],\n"
    "    \"Host\": [\"127.0.0.1:8080\"],\n"
    "    \"User-Agent\": [\"curl/7.88.1\"]\n  },\n  \"method\": \"GET\",\n"
    "  \"origin\": \"127.0.0.1\",\n  \"url\": "
    "\"http://127.0.0.1:8080/gzip\",\n"
    "  \"gzipped\": true\n}\n";

/* A value outside the enum, as a bad cast would make. */
#define BOGUS ((enum codec)7)

/* 1 when this build has the library c needs, by the macros the test
 * runner was built with: what codec_available() should say. */
static int built_with(enum codec c)
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

/* n bytes of text that compresses the way bodies do: lines of words
 * drawn from a small list by a fixed generator. */
static unsigned char *texty(size_t n)
{
    static const char *const words[] = {
        "status", "200", "OK", "\"headers\"", "Content-Type",
        "gzip",   "{",   "}",  "\n",          ": "};
    unsigned char *p = malloc(n > 0 ? n : 1);
    uint32_t x = 12345;
    size_t i = 0, k;

    if (p == NULL)
        return NULL;
    while (i < n) {
        const char *w;

        x = x * 1103515245u + 12345u;
        w = words[(x >> 16) % (sizeof words / sizeof words[0])];
        for (k = 0; w[k] != '\0' && i < n; k++)
            p[i++] = (unsigned char)w[k];
        if (i < n)
            p[i++] = ' ';
    }
    return p;
}

/* n bytes that do not compress: a xorshift generator's output. */
static unsigned char *noise(size_t n)
{
    unsigned char *p = malloc(n > 0 ? n : 1);
    uint32_t x = 2463534242u;
    size_t i;

    if (p == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (unsigned char)(x >> 24);
    }
    return p;
}

/* ------------------------------------------------------------ decoders */

/* Decodes enc[0..len) as c's stream into a new block of exactly want
 * bytes (the size the input had). Returns the block, or NULL when the
 * stream is not valid, not whole, or decodes to a different length. */
static unsigned char *decode(enum codec c, const unsigned char *enc,
                             size_t len, size_t want)
{
    unsigned char *p = malloc(want + 1);

    if (p == NULL)
        return NULL;
    switch (c) {
    case CODEC_GZIP:
    case CODEC_DEFLATE: {
#ifdef HTTPSTATUS_HAVE_ZLIB
        z_stream z;
        int rc;

        memset(&z, 0, sizeof z);
        /* 15 reads the zlib format only; 15 + 16 reads gzip only. */
        if (inflateInit2(&z, c == CODEC_GZIP ? 15 + 16 : 15) != Z_OK)
            break;
        z.next_in = enc;
        z.avail_in = (uInt)len;
        z.next_out = p;
        z.avail_out = (uInt)want + 1; /* room to see one byte too many */
        rc = inflate(&z, Z_FINISH);
        if (rc == Z_STREAM_END && z.total_out == want && z.avail_in == 0) {
            inflateEnd(&z);
            return p;
        }
        inflateEnd(&z);
#endif
        break;
    }
    case CODEC_BROTLI: {
#ifdef HTTPSTATUS_HAVE_BROTLI
        size_t size = want + 1;

        if (BrotliDecoderDecompress(len, enc, &size, p) ==
                BROTLI_DECODER_RESULT_SUCCESS &&
            size == want)
            return p;
#endif
        break;
    }
    }
    (void)enc; /* unused in a build with neither library */
    (void)len;
    free(p);
    return NULL;
}

/* Encodes in[0..n) with c after a few bytes already in a buffer, and
 * checks that those stay, that the rest decodes to the input, and that a
 * second call gives the same bytes. */
static void round_trip(enum codec c, const void *in, size_t n)
{
    struct buffer out = {0}, again = {0};
    unsigned char *back;
    size_t enc_len;

    CHECK(buffer_append(&out, "kept", 4) == 0);
    CHECK(codec_compress(c, in, n, &out) == 0);
    CHECK(out.len > 4 && memcmp(out.data, "kept", 4) == 0);
    enc_len = out.len - 4;
    back = decode(c, (const unsigned char *)out.data + 4, enc_len, n);
    CHECK(back != NULL);
    if (back != NULL && n > 0)
        CHECK(memcmp(back, in, n) == 0);
    free(back);

    CHECK(codec_compress(c, in, n, &again) == 0);
    CHECK(again.len == enc_len &&
          memcmp(again.data, out.data + 4, enc_len) == 0);
    buffer_free(&out);
    buffer_free(&again);
}

/* --------------------------------------------------------------- tests */

static void names_are_content_coding_tokens(void)
{
    CHECK(strcmp(codec_name(CODEC_GZIP), "gzip") == 0);
    CHECK(strcmp(codec_name(CODEC_DEFLATE), "deflate") == 0);
    CHECK(strcmp(codec_name(CODEC_BROTLI), "br") == 0);
    CHECK(codec_name(BOGUS) == NULL);
    CHECK(strcmp(codec_library(CODEC_GZIP), "zlib") == 0);
    CHECK(strcmp(codec_library(CODEC_DEFLATE), "zlib") == 0);
    CHECK(strcmp(codec_library(CODEC_BROTLI), "libbrotlienc") == 0);
    CHECK(codec_library(BOGUS) == NULL);
}

static void availability_follows_the_build(void)
{
    size_t i;

    for (i = 0; i < ALL_COUNT; i++)
        CHECK(codec_available(all[i]) == built_with(all[i]));
    CHECK(codec_available(BOGUS) == 0);
}

static void a_coding_the_build_lacks_is_501_and_leaves_out_alone(void)
{
    struct buffer out = {0};
    size_t i;

    CHECK(buffer_append(&out, "kept", 4) == 0);
    for (i = 0; i < ALL_COUNT; i++) {
        if (built_with(all[i]))
            continue;
        CHECK(codec_compress(all[i], json, sizeof json - 1, &out) ==
              CODEC_LACKING);
        CHECK(codec_compress(all[i], NULL, 0, &out) == CODEC_LACKING);
    }
    CHECK(out.len == 4 && memcmp(out.data, "kept", 4) == 0);
    buffer_free(&out);
}

static void bad_arguments_are_refused_and_leave_out_alone(void)
{
    struct buffer out = {0};
    size_t i;

    CHECK(buffer_append(&out, "kept", 4) == 0);
    for (i = 0; i < ALL_COUNT; i++) {
        CHECK(codec_compress(all[i], json, sizeof json - 1, NULL) == -1);
        CHECK(codec_compress(all[i], NULL, 1, &out) == -1);
        /* Refused before a byte is read, so a short input will do. */
        CHECK(codec_compress(all[i], json, CODEC_INPUT_MAX + 1, &out) == -1);
        CHECK(codec_compress(all[i], json, (size_t)-1, &out) == -1);
    }
    CHECK(codec_compress(BOGUS, json, sizeof json - 1, &out) == -1);
    CHECK(out.len == 4 && memcmp(out.data, "kept", 4) == 0);
    buffer_free(&out);
}

static void a_json_body_survives_every_coding_it_has(void)
{
    size_t i;

    for (i = 0; i < ALL_COUNT; i++)
        if (built_with(all[i]))
            round_trip(all[i], json, sizeof json - 1);
}

static void empty_input_is_the_codings_empty_stream(void)
{
    static const size_t sizes[] = {20, 8, 1}; /* gzip, zlib, brotli */
    size_t i;

    for (i = 0; i < ALL_COUNT; i++) {
        struct buffer out = {0};

        if (!built_with(all[i]))
            continue;
        round_trip(all[i], NULL, 0);
        round_trip(all[i], "", 0);
        CHECK(codec_compress(all[i], NULL, 0, &out) == 0);
        CHECK(out.len == sizes[i]);
        buffer_free(&out);
    }
}

static void a_mebibyte_survives_every_coding(void)
{
    unsigned char *text = texty(MIB), *rand = noise(MIB);
    size_t i;

    CHECK(text != NULL && rand != NULL);
    for (i = 0; text != NULL && rand != NULL && i < ALL_COUNT; i++) {
        struct buffer out = {0};

        if (!built_with(all[i]))
            continue;
        round_trip(all[i], text, MIB);
        round_trip(all[i], rand, MIB);
        /* Text shrinks; noise grows only by the framing and the stored
         * blocks' headers. */
        CHECK(codec_compress(all[i], text, MIB, &out) == 0);
        CHECK(out.len < MIB / 4);
        out.len = 0;
        CHECK(codec_compress(all[i], rand, MIB, &out) == 0);
        CHECK(out.len > MIB && out.len < MIB + MIB / 64);
        buffer_free(&out);
    }
    free(text);
    free(rand);
}

#ifdef HTTPSTATUS_HAVE_ZLIB
/* Little- and big-endian 32-bit numbers, for the framing checks. */
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           (uint32_t)p[3];
}
#endif

static void gzip_has_rfc_1952_framing_with_no_time_stamp(void)
{
#ifdef HTTPSTATUS_HAVE_ZLIB
    struct buffer out = {0};
    const unsigned char *p;
    size_t n = sizeof json - 1;

    CHECK(codec_compress(CODEC_GZIP, json, n, &out) == 0);
    CHECK(out.len >= 18);
    if (out.len < 18)
        return;
    p = (const unsigned char *)out.data;
    CHECK(p[0] == 0x1f && p[1] == 0x8b); /* ID1, ID2 */
    CHECK(p[2] == 8);                    /* CM: deflate */
    CHECK(p[3] == 0);                    /* FLG: no name, comment, extra */
    CHECK(le32(p + 4) == 0);             /* MTIME: none */
    CHECK(p[8] == 0);                    /* XFL: the default level */
    /* OS is the build's (3 on Unix); any of RFC 1952's values will do. */
    CHECK(p[9] <= 13 || p[9] == 255);
    /* The trailer: CRC-32 of the input, then its size. */
    CHECK(le32(p + out.len - 8) ==
          (uint32_t)crc32(0, (const Bytef *)json, (uInt)n));
    CHECK(le32(p + out.len - 4) == (uint32_t)n);
    buffer_free(&out);
#endif
}

static void deflate_is_the_zlib_format_not_bare_deflate(void)
{
#ifdef HTTPSTATUS_HAVE_ZLIB
    struct buffer out = {0};
    const unsigned char *p;
    size_t n = sizeof json - 1;
    z_stream z;
    unsigned char sink[1024];
    int rc;

    CHECK(codec_compress(CODEC_DEFLATE, json, n, &out) == 0);
    CHECK(out.len >= 6);
    if (out.len < 6)
        return;
    p = (const unsigned char *)out.data;
    CHECK(p[0] == 0x78);                 /* CM 8, a 32 KiB window */
    CHECK((p[0] << 8 | p[1]) % 31 == 0); /* FCHECK */
    CHECK((p[1] & 0x20) == 0);           /* no preset dictionary */
    CHECK(be32(p + out.len - 4) ==
          (uint32_t)adler32(1, (const Bytef *)json, (uInt)n));

    /* A reader of bare deflate data (negative windowBits) trips over the
     * zlib header, as a client that wrongly expects it would. */
    memset(&z, 0, sizeof z);
    CHECK(inflateInit2(&z, -15) == Z_OK);
    z.next_in = p;
    z.avail_in = (uInt)out.len;
    z.next_out = sink;
    z.avail_out = sizeof sink;
    rc = inflate(&z, Z_FINISH);
    CHECK(rc != Z_STREAM_END || z.total_out != n ||
          memcmp(sink, json, n) != 0);
    inflateEnd(&z);
    buffer_free(&out);
#endif
}

void test_codec(void)
{
    run("codecs are named by their content-coding tokens",
        names_are_content_coding_tokens);
    run("codec_available() says what the build has",
        availability_follows_the_build);
    run("a coding the build lacks is CODEC_LACKING, out untouched",
        a_coding_the_build_lacks_is_501_and_leaves_out_alone);
    run("bad arguments are refused with -1, out untouched",
        bad_arguments_are_refused_and_leave_out_alone);
    run("a JSON body decodes back from every coding, the same each time",
        a_json_body_survives_every_coding_it_has);
    run("empty input gives each coding's empty stream",
        empty_input_is_the_codings_empty_stream);
    run("a mebibyte of text and of noise decodes back from every coding",
        a_mebibyte_survives_every_coding);
    run("gzip has RFC 1952's header and trailer, and no time stamp",
        gzip_has_rfc_1952_framing_with_no_time_stamp);
    run("deflate is the zlib format of RFC 1950, not bare deflate",
        deflate_is_the_zlib_format_not_bare_deflate);
}
