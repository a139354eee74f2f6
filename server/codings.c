/* codings.c: /gzip, /deflate and /brotli: the echo object of the request
 * (echo.c, without its content) with "gzipped", "deflated" or "brotli"
 * set to true, sent with that content coding whatever Accept-Encoding
 * says, as both httpbins do (RFC 9110, Section 12.5.3 lets a server send
 * a coding the request did not list). The codings are the libraries'
 * (codec.c); a build without one answers its endpoint with 501.
 *
 * Unlike go-httpbin, url is filled in, and /brotli is served (go-httpbin
 * 2.14.0 answers it with 501). */
#include <stdio.h>
#include <string.h>

#include "codec.h"
#include "echo.h"
#include "handlers.h"
#include "server.h"

static int respond_coded(struct exchange *x, enum codec c, const char *flag)
{
    struct response *res = x->res;
    struct buffer plain = {NULL, 0, 0};
    int r;

    if (!codec_available(c)) {
        char text[160];
        snprintf(text, sizeof text,
                 "This build of httpstatus was made without %s, which the "
                 "%s coding needs.\n",
                 codec_library(c), codec_name(c));
        respond_error(res, x->req, 501, text);
        return 0;
    }
    response_reset(res, 200);
    r = echo_open(x, ECHO_REQUEST, &plain);
    if (r == 0)
        r = buffer_printf(&plain, ",\n  \"%s\": true", flag);
    if (r == 0)
        r = echo_close(&plain);
    if (r == 0)
        r = codec_compress(c, plain.data, plain.len, &res->body) == 0 ? 0 : -1;
    buffer_free(&plain);
    if (r != 0)
        return -1;
    response_add(res, "Content-Encoding", codec_name(c));
    response_add(res, "Content-Type", HTTPBIN_JSON);
    return 0;
}

int handle_gzip(struct exchange *x)
{
    return respond_coded(x, CODEC_GZIP, "gzipped");
}

int handle_deflate(struct exchange *x)
{
    return respond_coded(x, CODEC_DEFLATE, "deflated");
}

int handle_brotli(struct exchange *x)
{
    return respond_coded(x, CODEC_BROTLI, "brotli");
}
