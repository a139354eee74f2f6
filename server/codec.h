/* codec.h: the content codings `httpstatus serve` can send (RFC 9110,
 * Section 8.4.1): gzip and deflate through zlib, br through libbrotlienc.
 * Each library is optional at build time; the Makefile finds it with
 * pkg-config and defines HTTPSTATUS_HAVE_ZLIB and HTTPSTATUS_HAVE_BROTLI. */
#ifndef HTTPSTATUS_CODEC_H
#define HTTPSTATUS_CODEC_H

#include <stddef.h>

struct buffer;

/* The codings, each named below as it appears in Content-Encoding. */
enum codec { CODEC_GZIP, CODEC_DEFLATE, CODEC_BROTLI };

/* The largest input codec_compress() takes: 1 GiB. zlib counts bytes in
 * 32-bit unsigned ints, and a body this server builds is far smaller. */
#define CODEC_INPUT_MAX ((size_t)1 << 30)

/* What codec_compress() returns when this build lacks the coding's
 * library: the status a handler answers with, negated. */
#define CODEC_LACKING (-501)

/* The coding's name in Content-Encoding and Accept-Encoding: "gzip",
 * "deflate" or "br". NULL for a value outside the enum. A string
 * literal. */
const char *codec_name(enum codec c);

/* The library the coding needs, for a message such as "this build lacks
 * zlib": "zlib" or "libbrotlienc". NULL for a value outside the enum. A
 * string literal. */
const char *codec_library(enum codec c);

/* 1 when this build can encode with c, 0 when it lacks the library or c
 * is outside the enum. */
int codec_available(enum codec c);

/* Encodes in[0..n) with c as one complete stream and appends it to out
 * (whose earlier bytes are kept). The same input gives the same bytes on
 * every call. n may be 0, and in is then allowed to be NULL: the result is
 * the coding's empty stream (20 bytes of gzip, 8 of zlib, 1 of brotli).
 *
 * The streams: gzip is RFC 1952 with no file name and a time stamp of 0;
 * deflate is the zlib format of RFC 1950, which is what the deflate
 * coding means in HTTP (not the bare RFC 1951 data); br is RFC 7932.
 *
 * Returns 0 on success. Returns CODEC_LACKING (-501) when this build lacks
 * the library c needs. Returns -1 when out is NULL, in is NULL with n > 0,
 * n exceeds CODEC_INPUT_MAX, c is outside the enum, memory runs out or the
 * library fails. On every error out is left exactly as it was. Thread-safe:
 * each call has its own encoder. */
int codec_compress(enum codec c, const void *in, size_t n, struct buffer *out);

#endif
