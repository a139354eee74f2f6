#!/usr/bin/env python3
"""tests/server/compat_diff.py: sends one list of requests to `httpstatus
serve` and to the servers it means to stand in for (go-httpbin 2.14.0 and
python httpbin 0.7.0), and prints what each one answered, side by side.

    python3 tests/server/compat_diff.py [--ours URL] [--go URL] [--py URL]
                                        [--only TEXT] [--list] [-v]
                                        [--strict-httpbin] [--timeout S]

The base URLs may also come from the environment: HTTPSTATUS_URL,
GOHTTPBIN_URL and HTTPBIN_URL (for example http://127.0.0.1:8081). A
server that is given neither way is left out; with no server at all the
script says so and exits 2. It is not run by CI: the peers are started
by hand (docs/compat.md says how) and are never part of the project.

What is compared, for each request and each server:

  status     the final status code, or "no reply" when the connection
             closed without one;
  interim    the 1xx interim responses seen before the final one (only
             for requests sent on a raw socket, marked "raw" below);
  type       the Content-Type, lower-cased, spaces removed;
  headers    the set of response field names, less the ones that only
             frame or stamp a message (IGNORED_FIELDS);
  values     a few field values that are stable between runs (Location
             with the server's own origin replaced by "{base}", Allow as a
             set, the parameter names of a challenge, the attributes of a
             Set-Cookie, the form of an ETag, and so on);
  body       for JSON (and lines of JSON), the keys and the types of the
             values, never the values themselves (dates, ports, nonces
             change); for other content, empty or not, and the exact bytes
             or the length when a request asks for that;
  time       for the requests that wait, the elapsed seconds (a difference
             of more than TIME_SLACK counts).

go-httpbin is the reference: httpstatus is meant to answer as it does,
except where DELIBERATE (below) lists a difference, each with the RFC
section that makes it right. Differences from python httpbin are printed
as information only (it disagrees with go-httpbin on the types of most
fields), unless --strict-httpbin is given. When httpstatus is not given,
python httpbin is compared with go-httpbin, for information.

A few requests are httpstat.us URLs. That service has no server to ask,
so EXPECT_HS holds what its source says it answers, and httpstatus is
checked against that in the same way (column "hs").

Each line of output is one aspect of one request: "  " when every server
agrees, "~~" for a listed difference, ".." for information, "!!" for a
difference nobody listed. Then the counts. Exit status 0 when every
difference is listed (or informational), 1 otherwise, 2 for bad usage.

Python 3 standard library only: http.client, and raw sockets for the
requests whose interim responses or exact bytes matter.
"""
import argparse
import base64
import gzip
import hashlib
import http.client
import json
import os
import socket
import sys
import time
import urllib.parse
import zlib

UA = "compat-diff/1"
TIME_SLACK = 0.35

# Fields that say how a message is framed or when it was made, not what
# it means: they differ between any two servers and are not compared.
IGNORED_FIELDS = {
    "date", "server", "connection", "content-length", "transfer-encoding",
    "keep-alive", "x-content-type-options",
}

# Fields whose values are compared (after normalising, see norm_value()).
VALUE_FIELDS = (
    "location", "allow", "www-authenticate", "proxy-authenticate",
    "set-cookie", "etag", "cache-control", "content-encoding",
    "content-range", "accept-ranges", "access-control-allow-origin",
    "access-control-allow-credentials", "x-more-info", "retry-after",
)


# --------------------------------------------------------------------
# The requests.
#
# Each is a dict: id (a unique key), method, path, and optionally
# headers (a list of pairs), body (bytes), raw (the exact bytes to send,
# with {host} for the Host value; such requests go over a raw socket and
# their 1xx interim responses are recorded), body_cmp ("shape", the
# default; "exact"; "len"), timed (compare elapsed time), digest (a
# Digest exchange: (user, password, algorithm) to answer the challenge
# with), hs (also check against the httpstat.us expectation of that id).


def R(rid, method, path, **kw):
    """One request of the list."""
    d = {"id": rid, "method": method, "path": path}
    d.update(kw)
    return d


def raw(rid, text, **kw):
    """A request sent byte for byte on a raw socket; text uses \\r\\n
    already and may hold {host}."""
    return R(rid, "RAW", None, raw=text, **kw)


FORM = [("Content-Type", "application/x-www-form-urlencoded")]
JSONCT = [("Content-Type", "application/json")]
BIG = b"a" * (1024 * 1024 + 1)
LIMIT = b"a" * (1024 * 1024)
MULTIPART = (
    b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
    b"filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\nfile text\r\n"
    b"--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n"
    b"--XyZ--\r\n")
BASIC_UP = [("Authorization", "Basic " + base64.b64encode(b"u:p").decode())]
BASIC_UX = [("Authorization", "Basic " + base64.b64encode(b"u:x").decode())]

REQUESTS = [
    # General behaviour: index, unknown paths, CORS, HEAD.
    R("index", "GET", "/"),
    R("index-post", "POST", "/"),
    R("notfound", "GET", "/nonexistent"),
    R("notfound-post", "POST", "/nonexistent"),
    R("options-get", "OPTIONS", "/get",
      headers=[("Origin", "http://example.com"),
               ("Access-Control-Request-Method", "POST"),
               ("Access-Control-Request-Headers", "X-Foo")]),
    R("options-unknown", "OPTIONS", "/nope"),
    R("cors-origin", "GET", "/get", headers=[("Origin", "http://example.com")]),
    R("head-get", "HEAD", "/get"),
    R("head-endpoint", "HEAD", "/head"),
    R("head-endpoint-get", "GET", "/head"),
    raw("http10-get", "GET /get HTTP/1.0\r\nUser-Agent: x\r\n\r\n"),
    raw("absolute-form", "GET http://{host}/get?x=1 HTTP/1.1\r\nHost: {host}"
        "\r\nConnection: close\r\n\r\n"),
    raw("big-header", "GET /get HTTP/1.1\r\nHost: {host}\r\nX-Big: "
        + "a" * 24000 + "\r\nConnection: close\r\n\r\n"),
    # Request echo.
    R("get-args", "GET", "/get?a=1&a=2&b=3"),
    R("get-post", "POST", "/get"),
    R("get-xff", "GET", "/get", headers=[("X-Forwarded-For", "1.2.3.4, 5.6.7.8"),
                                         ("X-Forwarded-Proto", "https")]),
    R("get-semicolon", "GET", "/get?a=1;b=2&c"),
    R("post-form", "POST", "/post?x=1", headers=FORM, body=b"a=1&a=2&b=3"),
    R("post-json", "POST", "/post", headers=JSONCT, body=b'{"k":[1,2],"o":{"p":null}}'),
    R("post-badjson", "POST", "/post", headers=JSONCT, body=b"{bad"),
    R("post-text", "POST", "/post", headers=[("Content-Type", "text/plain")], body=b"hello"),
    R("post-binary", "POST", "/post", headers=[("Content-Type", "application/octet-stream")],
      body=b"\x00\xff\x10hello"),
    R("post-multipart", "POST", "/post",
      headers=[("Content-Type", "multipart/form-data; boundary=XyZ")], body=MULTIPART),
    R("post-empty", "POST", "/post", body=b""),
    R("post-get", "GET", "/post"),
    R("post-too-large", "POST", "/post", headers=[("Content-Type", "text/plain")], body=BIG),
    R("post-at-limit", "POST", "/post", headers=[("Content-Type", "text/plain")], body=LIMIT),
    R("put-form", "PUT", "/put", headers=FORM, body=b"a=1"),
    R("put-get", "GET", "/put"),
    R("patch-form", "PATCH", "/patch", headers=FORM, body=b"a=1"),
    R("delete-form", "DELETE", "/delete", headers=FORM, body=b"a=1"),
    R("delete-get", "GET", "/delete"),
    R("anything-get", "GET", "/anything?x=1"),
    R("anything-json", "POST", "/anything", headers=JSONCT, body=b"[1,\"a\",true]"),
    R("anything-sub", "FOO", "/anything/a/b?q=1"),
    R("anything-trace", "TRACE", "/anything"),
    R("anything-head", "HEAD", "/anything"),
    R("anything-get-form", "GET", "/anything", headers=FORM, body=b"a=1"),
    R("headers", "GET", "/headers", headers=[("X-A", "1"), ("X-A", "2")]),
    R("headers-post", "POST", "/headers"),
    R("ip", "GET", "/ip"),
    R("ip-xff", "GET", "/ip", headers=[("X-Forwarded-For", "1.2.3.4, 5.6.7.8")]),
    R("user-agent", "GET", "/user-agent"),
    R("user-agent-none", "GET", "/user-agent", no_ua=True),
    R("hostname", "GET", "/hostname"),
    # /status.
    R("status-200", "GET", "/status/200"),
    R("status-201-post", "POST", "/status/201"),
    R("status-201-foo", "FOO", "/status/201"),
    R("status-204", "GET", "/status/204"),
    R("status-300", "GET", "/status/300"),
    R("status-301", "GET", "/status/301"),
    R("status-302", "GET", "/status/302"),
    R("status-303", "GET", "/status/303"),
    R("status-304", "GET", "/status/304"),
    R("status-305", "GET", "/status/305"),
    R("status-306", "GET", "/status/306"),
    R("status-307", "GET", "/status/307"),
    R("status-308", "GET", "/status/308"),
    R("status-401", "GET", "/status/401"),
    R("status-402", "GET", "/status/402"),
    R("status-404", "GET", "/status/404"),
    R("status-406", "GET", "/status/406"),
    R("status-407", "GET", "/status/407"),
    R("status-418", "GET", "/status/418"),
    R("status-418-head", "HEAD", "/status/418"),
    R("status-500", "GET", "/status/500"),
    R("status-503", "GET", "/status/503"),
    R("status-599", "GET", "/status/599"),
    R("status-600", "GET", "/status/600"),
    R("status-99", "GET", "/status/99"),
    R("status-abc", "GET", "/status/abc"),
    R("status-plus", "GET", "/status/%2B200"),
    R("status-zero-lead", "GET", "/status/0200"),
    R("status-empty", "GET", "/status/"),
    R("status-bare", "GET", "/status"),
    R("status-extra", "GET", "/status/200/300"),
    R("status-weighted", "GET", "/status/200:0,418:1"),
    R("status-weighted-bad", "GET", "/status/200,abc"),
    R("status-weighted-comma", "GET", "/status/200,"),
    R("status-weighted-weight", "GET", "/status/200:x,201"),
    R("status-weighted-range", "GET", "/status/700:1,700:1"),
    R("status-weighted-zero", "GET", "/status/200:0,201:0"),
    raw("status-100", "GET /status/100 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    raw("status-102", "GET /status/102 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    raw("status-103", "GET /status/103 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    raw("status-199", "GET /status/199 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    raw("status-101", "GET /status/101 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    raw("status-100-http10", "GET /status/100 HTTP/1.0\r\nHost: {host}\r\n\r\n"),
    # Redirections.
    R("redirect-3", "GET", "/redirect/3"),
    R("redirect-1", "GET", "/redirect/1"),
    R("redirect-absolute", "GET", "/redirect/3?absolute=true"),
    R("redirect-0", "GET", "/redirect/0"),
    R("redirect-neg", "GET", "/redirect/-1"),
    R("redirect-abc", "GET", "/redirect/abc"),
    R("redirect-extra", "GET", "/redirect/1/2"),
    R("redirect-post", "POST", "/redirect/2"),
    R("relative-2", "GET", "/relative-redirect/2"),
    R("relative-1", "GET", "/relative-redirect/1?x=1"),
    R("relative-0", "GET", "/relative-redirect/0"),
    R("absolute-2", "GET", "/absolute-redirect/2?x=1"),
    R("absolute-1", "GET", "/absolute-redirect/1"),
    R("absolute-0", "GET", "/absolute-redirect/0"),
    R("absolute-xfp", "GET", "/absolute-redirect/2", headers=[("X-Forwarded-Proto", "https")]),
    R("redirect-to", "GET", "/redirect-to?url=http://example.com/x"),
    R("redirect-to-307", "GET", "/redirect-to?url=/get&status_code=307"),
    R("redirect-to-200", "GET", "/redirect-to?url=/get&status_code=200"),
    R("redirect-to-abc", "GET", "/redirect-to?url=/get&status_code=abc"),
    R("redirect-to-399", "GET", "/redirect-to?url=/get&status_code=399"),
    R("redirect-to-304", "GET", "/redirect-to?url=/get&status_code=304"),
    R("redirect-to-missing", "GET", "/redirect-to"),
    R("redirect-to-badurl", "GET", "/redirect-to?url=%3A%2F%2Fbad"),
    R("redirect-to-schemeless", "GET", "/redirect-to?url=//evil.example/x"),
    R("redirect-to-post", "POST", "/redirect-to?url=/get"),
    R("redirect-to-utf8", "GET",
      "/redirect-to?url=http%3A%2F%2Fexample.com%2Fa%20b%3Fq%3D%C3%A9"),
    # Cookies.
    R("cookies", "GET", "/cookies"),
    R("cookies-sent", "GET", "/cookies", headers=[("Cookie", "a=1; b=2")]),
    R("cookies-set", "GET", "/cookies/set?a=1"),
    R("cookies-set-none", "GET", "/cookies/set"),
    R("cookies-set-path", "GET", "/cookies/set/n/v"),
    R("cookies-delete", "GET", "/cookies/delete?a"),
    R("cookies-post", "POST", "/cookies"),
    # Authentication.
    R("basic-none", "GET", "/basic-auth/u/p"),
    R("basic-ok", "GET", "/basic-auth/u/p", headers=BASIC_UP),
    R("basic-wrong", "GET", "/basic-auth/u/p", headers=BASIC_UX),
    R("basic-malformed", "GET", "/basic-auth/u/p", headers=[("Authorization", "Basic !!!")]),
    R("basic-short", "GET", "/basic-auth/u", headers=BASIC_UP),
    R("basic-post", "POST", "/basic-auth/u/p", headers=BASIC_UP),
    R("basic-trace", "TRACE", "/basic-auth/u/p", headers=BASIC_UP),
    R("basic-head", "HEAD", "/basic-auth/u/p", headers=BASIC_UP),
    R("hidden-none", "GET", "/hidden-basic-auth/u/p"),
    R("hidden-ok", "GET", "/hidden-basic-auth/u/p", headers=BASIC_UP),
    R("bearer-none", "GET", "/bearer"),
    R("bearer-ok", "GET", "/bearer", headers=[("Authorization", "Bearer tok")]),
    R("bearer-empty", "GET", "/bearer", headers=[("Authorization", "Bearer")]),
    R("bearer-lower", "GET", "/bearer", headers=[("Authorization", "bearer tok")]),
    R("bearer-two", "GET", "/bearer", headers=[("Authorization", "Bearer a b")]),
    R("bearer-basic", "GET", "/bearer", headers=BASIC_UP),
    R("digest-md5", "GET", "/digest-auth/auth/u/p"),
    R("digest-sha256", "GET", "/digest-auth/auth/u/p/SHA-256"),
    R("digest-sha512", "GET", "/digest-auth/auth/u/p/SHA-512"),
    R("digest-authint", "GET", "/digest-auth/auth-int/u/p"),
    R("digest-upper", "GET", "/digest-auth/AUTH/u/p"),
    R("digest-badqop", "GET", "/digest-auth/x/u/p"),
    R("digest-short", "GET", "/digest-auth/auth/u"),
    R("digest-long", "GET", "/digest-auth/auth/u/p/MD5/never"),
    R("digest-basic", "GET", "/digest-auth/auth/u/p", headers=BASIC_UP),
    R("digest-ok", "GET", "/digest-auth/auth/u/p", digest=("u", "p", "MD5")),
    R("digest-ok-sha256", "GET", "/digest-auth/auth/u/p/SHA-256",
      digest=("u", "p", "SHA-256")),
    R("digest-wrong", "GET", "/digest-auth/auth/u/p", digest=("u", "x", "MD5")),
    R("digest-ok-query", "GET", "/digest-auth/auth/u/p?x=1", digest=("u", "p", "MD5")),
    # Caching and conditional requests.
    R("cache", "GET", "/cache"),
    R("cache-ims", "GET", "/cache",
      headers=[("If-Modified-Since", "Wed, 21 Oct 2015 07:28:00 GMT")]),
    R("cache-inm", "GET", "/cache", headers=[("If-None-Match", '"x"')]),
    R("cache-post-ims", "POST", "/cache",
      headers=[("If-Modified-Since", "Wed, 21 Oct 2015 07:28:00 GMT")]),
    R("cache-60", "GET", "/cache/60"),
    R("cache-neg", "GET", "/cache/-5"),
    R("cache-abc", "GET", "/cache/abc"),
    R("cache-extra", "GET", "/cache/1/2"),
    R("etag", "GET", "/etag/abc"),
    R("etag-inm", "GET", "/etag/abc", headers=[("If-None-Match", '"abc"')]),
    R("etag-inm-weak", "GET", "/etag/abc", headers=[("If-None-Match", 'W/"abc"')]),
    R("etag-inm-list", "GET", "/etag/abc", headers=[("If-None-Match", '"x", "abc"')]),
    R("etag-inm-star", "GET", "/etag/abc", headers=[("If-None-Match", "*")]),
    R("etag-inm-unquoted", "GET", "/etag/abc", headers=[("If-None-Match", "abc")]),
    R("etag-im", "GET", "/etag/abc", headers=[("If-Match", '"abc"')]),
    R("etag-im-fail", "GET", "/etag/abc", headers=[("If-Match", '"x"')]),
    R("etag-im-star", "GET", "/etag/abc", headers=[("If-Match", "*")]),
    R("etag-post-inm", "POST", "/etag/abc", headers=[("If-None-Match", '"abc"')]),
    R("etag-range", "GET", "/etag/abc", headers=[("Range", "bytes=0-3")]),
    # /range.
    R("range", "GET", "/range/10", body_cmp="exact"),
    R("range-2-5", "GET", "/range/10", headers=[("Range", "bytes=2-5")], body_cmp="exact"),
    R("range-suffix", "GET", "/range/10", headers=[("Range", "bytes=-3")], body_cmp="exact"),
    R("range-open", "GET", "/range/10", headers=[("Range", "bytes=7-")], body_cmp="exact"),
    R("range-clamp", "GET", "/range/10", headers=[("Range", "bytes=0-100")], body_cmp="exact"),
    R("range-unsat", "GET", "/range/10", headers=[("Range", "bytes=20-30")]),
    R("range-backwards", "GET", "/range/10", headers=[("Range", "bytes=5-2")]),
    R("range-unit", "GET", "/range/10", headers=[("Range", "items=0-1")]),
    R("range-multi", "GET", "/range/10", headers=[("Range", "bytes=0-1,4-5")]),
    R("range-if-range", "GET", "/range/10",
      headers=[("Range", "bytes=0-3"), ("If-Range", '"range10"')]),
    R("range-zero", "GET", "/range/0"),
    R("range-big", "GET", "/range/1048577"),
    R("range-abc", "GET", "/range/abc"),
    R("range-head", "HEAD", "/range/5"),
    R("range-post", "POST", "/range/5", body_cmp="exact"),
    R("range-params", "GET", "/range/10?chunk_size=2&duration=0.1", body_cmp="exact"),
    # Bytes and streams.
    R("bytes-seed", "GET", "/bytes/16?seed=1", body_cmp="len"),
    R("bytes-zero", "GET", "/bytes/0"),
    R("bytes-cap", "GET", "/bytes/200000", body_cmp="len"),
    R("bytes-neg", "GET", "/bytes/-1"),
    R("bytes-abc", "GET", "/bytes/abc"),
    R("bytes-badseed", "GET", "/bytes/4?seed=abc"),
    R("stream-bytes", "GET", "/stream-bytes/25000?seed=1&chunk_size=10000", body_cmp="len"),
    R("stream-bytes-badchunk", "GET", "/stream-bytes/10?chunk_size=x"),
    R("stream-bytes-zero", "GET", "/stream-bytes/0"),
    R("stream-2", "GET", "/stream/2"),
    R("stream-zero", "GET", "/stream/0"),
    R("stream-cap", "GET", "/stream/500"),
    R("stream-abc", "GET", "/stream/abc"),
    # Timing.
    R("delay", "GET", "/delay/0.3", timed=True),
    R("delay-go-duration", "GET", "/delay/300ms", timed=True),
    R("delay-too-long", "GET", "/delay/11"),
    R("delay-neg", "GET", "/delay/-1"),
    R("delay-abc", "GET", "/delay/abc"),
    R("delay-post", "POST", "/delay/0", headers=FORM, body=b"a=1"),
    R("drip", "GET", "/drip?duration=0.3&numbytes=4&delay=0.2&code=201",
      body_cmp="exact", timed=True),
    R("drip-default-delay", "GET", "/drip?duration=0&numbytes=2", body_cmp="exact", timed=True),
    R("drip-zero", "GET", "/drip?numbytes=0"),
    R("drip-too-many", "GET", "/drip?numbytes=1048577&delay=0&duration=0"),
    R("drip-too-much-time", "GET", "/drip?duration=6&delay=5"),
    R("drip-duration-long", "GET", "/drip?duration=11"),
    R("drip-code-99", "GET", "/drip?code=99"),
    R("drip-code-abc", "GET", "/drip?code=abc"),
    R("drip-delay-neg", "GET", "/drip?delay=-1&duration=0&numbytes=1"),
    R("sse", "GET", "/sse?count=2&duration=0.2s&delay=0"),
    R("sse-count-zero", "GET", "/sse?count=0"),
    R("sse-duration-zero", "GET", "/sse?duration=0"),
    R("sse-too-much-time", "GET", "/sse?duration=6s&delay=5s"),
    R("unstable-fail", "GET", "/unstable?failure_rate=1"),
    R("unstable-pass", "GET", "/unstable?failure_rate=0"),
    R("unstable-rate", "GET", "/unstable?failure_rate=2"),
    R("unstable-seed", "GET", "/unstable?seed=x"),
    # Encodings.
    R("gzip", "GET", "/gzip?a=1"),
    R("deflate", "GET", "/deflate"),
    R("gzip-post", "POST", "/gzip"),
    R("brotli", "GET", "/brotli"),
    # Documents.
    R("html", "GET", "/html"),
    R("json", "GET", "/json"),
    R("xml", "GET", "/xml"),
    R("robots", "GET", "/robots.txt", body_cmp="exact"),
    R("deny", "GET", "/deny"),
    R("utf8", "GET", "/encoding/utf8"),
    R("utf8-post", "POST", "/encoding/utf8"),
    R("forms-post", "GET", "/forms/post"),
    R("uuid", "GET", "/uuid"),
    # /base64.
    R("base64", "GET", "/base64/aGVsbG8gd29ybGQ=", body_cmp="exact"),
    R("base64-unpadded", "GET", "/base64/aGVsbG8gd29ybGQ"),
    R("base64-urlsafe", "GET", "/base64/decode/aGVsbG8-_w==", body_cmp="exact"),
    R("base64-std", "GET", "/base64/decode/aGVsbG8+/w==", body_cmp="exact"),
    R("base64-encode", "GET", "/base64/encode/hello%20world", body_cmp="exact"),
    R("base64-encode-bin", "GET", "/base64/encode/%FF%FE", body_cmp="exact"),
    R("base64-encode-slash", "GET", "/base64/encode/a/b/c", body_cmp="exact"),
    R("base64-bad", "GET", "/base64/!!!"),
    R("base64-empty", "GET", "/base64/"),
    R("base64-op", "GET", "/base64/bogus/abc"),
    R("base64-post", "POST", "/base64/aGk=", body_cmp="exact"),
    R("base64-utf8", "GET", "/base64/4pyTIMOgIGxhIG1vZGU=", body_cmp="exact"),
    # Images.
    R("image-no-accept", "GET", "/image", no_accept=True),
    R("image-any", "GET", "/image", headers=[("Accept", "*/*")]),
    R("image-webp", "GET", "/image", headers=[("Accept", "image/webp")]),
    R("image-svg", "GET", "/image", headers=[("Accept", "image/svg+xml")]),
    R("image-jpeg", "GET", "/image", headers=[("Accept", "image/jpeg")]),
    R("image-png", "GET", "/image", headers=[("Accept", "image/png")]),
    R("image-wild", "GET", "/image", headers=[("Accept", "image/*")]),
    R("image-two", "GET", "/image", headers=[("Accept", "image/webp,image/png")]),
    R("image-browser", "GET", "/image",
      headers=[("Accept", "text/html,image/webp;q=0.9,*/*;q=0.8")]),
    R("image-html", "GET", "/image", headers=[("Accept", "text/html")]),
    R("image-upper", "GET", "/image", headers=[("Accept", "IMAGE/PNG")]),
    R("image-path-png", "GET", "/image/png"),
    R("image-path-jpeg", "GET", "/image/jpeg"),
    R("image-path-webp", "GET", "/image/webp"),
    R("image-path-svg", "GET", "/image/svg"),
    R("image-path-gif", "GET", "/image/gif"),
    R("image-path-extra", "GET", "/image/png/x"),
    # /links.
    R("links", "GET", "/links/3"),
    R("links-page", "GET", "/links/3/1", body_cmp="exact"),
    R("links-query", "GET", "/links/3?x=1"),
    R("links-zero", "GET", "/links/0/0", body_cmp="exact"),
    R("links-too-many", "GET", "/links/257"),
    R("links-neg", "GET", "/links/-1"),
    R("links-abc", "GET", "/links/abc"),
    R("links-offset-abc", "GET", "/links/3/abc"),
    R("links-offset-big", "GET", "/links/3/9", body_cmp="exact"),
    R("links-extra", "GET", "/links/3/1/2"),
    # /response-headers.
    R("rh-multi", "GET", "/response-headers?X-Foo=1&X-Foo=2&B=3"),
    R("rh-type", "GET", "/response-headers?Content-Type=text/plain&x=1"),
    R("rh-empty", "GET", "/response-headers"),
    R("rh-post", "POST", "/response-headers?a=1"),
    R("rh-length", "GET", "/response-headers?Content-Length=1"),
    # go-httpbin only.
    R("dump-request", "POST", "/dump/request?q=1", headers=FORM, body=b"body"),
    R("websocket-plain", "GET", "/websocket/echo"),
    R("websocket-sizes", "GET", "/websocket/echo?max_fragment_size=10&max_message_size=5"),
    raw("websocket-upgrade", "GET /websocket/echo HTTP/1.1\r\nHost: {host}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"),
    # httpstat.us URLs (checked against EXPECT_HS as well).
    R("hs-200", "GET", "/200", hs=True),
    R("hs-418", "GET", "/418", hs=True),
    R("hs-503-json", "GET", "/503", headers=[("Accept", "application/json")], hs=True),
    R("hs-302", "GET", "/302", hs=True),
    R("hs-401", "GET", "/401", hs=True),
    R("hs-429", "GET", "/429", hs=True),
    R("hs-204", "GET", "/204", hs=True),
    R("hs-tail", "GET", "/404/any/thing", hs=True),
    R("hs-suppress", "GET", "/500?suppressBody=true", hs=True),
    R("hs-suppress-header", "GET", "/500", headers=[("X-HttpStatus-SuppressBody", "true")],
      hs=True),
    R("hs-sleep", "GET", "/200?sleep=300", hs=True, timed=True),
    R("hs-sleep-header", "GET", "/200", headers=[("X-HttpStatus-Sleep", "300")], hs=True,
      timed=True),
    R("hs-sleep-too-long", "GET", "/200?sleep=30001", hs=True),
    R("hs-custom-header", "GET", "/200", headers=[("X-HttpStatus-Response-Foo", "bar")],
      hs=True),
    R("hs-random", "GET", "/random/200,201,500-504", hs=True),
    R("hs-random-bad", "GET", "/random/foo", hs=True),
    R("hs-post", "POST", "/201", hs=True),
]


# --------------------------------------------------------------------
# What httpstat.us answers, from its source (see /work notes or
# docs/compat.md). Only what is written is checked: status (one value or
# a set), type (media type without parameters), headers (names that must
# be present), json (keys that must be present, with their types),
# empty (True: no content), time (seconds).

EXPECT_HS = {
    "hs-200": {"status": 200, "type": "text/plain", "empty": False},
    "hs-418": {"status": 418, "type": "text/plain"},
    "hs-503-json": {"status": 503, "type": "application/json", "headers": {"retry-after"},
                    "json": {"code": "int", "description": "str"}},
    "hs-302": {"status": 302, "headers": {"location"}},
    "hs-401": {"status": 401, "headers": {"www-authenticate"}},
    "hs-429": {"status": 429, "headers": {"retry-after"}},
    "hs-204": {"status": 204, "empty": True},
    "hs-tail": {"status": 404, "type": "text/plain"},
    "hs-suppress": {"status": 500, "empty": True},
    "hs-suppress-header": {"status": 500, "empty": True},
    "hs-sleep": {"status": 200, "time": 0.3},
    "hs-sleep-header": {"status": 200, "time": 0.3},
    "hs-sleep-too-long": {"status": 400},
    "hs-custom-header": {"status": 200, "headers": {"foo"}},
    "hs-random": {"status": {200, 201, 500, 501, 502, 503, 504}},
    "hs-random-bad": {"status": 400},
    "hs-post": {"status": 201},
}


# --------------------------------------------------------------------
# Deliberate differences: where httpstatus does not answer as a peer
# does, and why. Keyed by request id; each entry names the peer ("go",
# "py", or "all"), the aspects that may differ (status, interim, type,
# headers, values, body, time; "header:NAME" or "value:NAME" for one
# field only), the section of RFC 9110 (or another RFC) that decides,
# and a note.


def D(peer, aspects, rfc, note, status=None):
    """One listed difference; status, when given, is the code httpstatus
    must answer for the listed difference to count as such."""
    return {"peer": peer, "aspects": set(aspects), "rfc": rfc, "note": note,
            "status": status}


ALLOW_405 = D("go", ["header:allow", "value:allow"], "RFC 9110 15.5.6",
              "a 405 must list the allowed methods in Allow; go-httpbin sends none")

DELIBERATE = {
    "index-post": [
        ALLOW_405,
        D("go", ["status", "type", "header:cache-control", "header:etag"], "RFC 9110 9.3.3",
          "the page answers every method, as every path here does")],
    "notfound-post": [
        ALLOW_405,
        D("go", ["status"], "RFC 9110 15.5.5",
          "a path with no resource is a 404 whatever the method", 404)],
    "get-post": [ALLOW_405],
    "head-endpoint-get": [ALLOW_405],
    "post-get": [ALLOW_405],
    "put-get": [ALLOW_405],
    "delete-get": [ALLOW_405],
    "basic-trace": [ALLOW_405],
    "utf8-post": [ALLOW_405],
    "post-too-large": [
        D("go", ["status"], "RFC 9110 15.5.14",
          "content over the 1 MiB limit gets 413 Content Too Large, not 400", 413)],
    "status-101": [
        D("all", ["status", "interim", "headers", "values", "type", "body"],
          "RFC 9110 15.2.2, 7.8",
          "a 101 needs an Upgrade the client offered; without one we answer as /101 "
          "does (426 naming our test protocol), where go-httpbin sends a bare 101", 426)],
    "status-100-http10": [
        D("go", ["interim"], "RFC 9110 15.2",
          "no 1xx is sent to an HTTP/1.0 client: only the final 200")],
    "status-100": [
        D("py", ["status", "interim", "type", "headers", "body"], "RFC 9110 15.2",
          "httpbin sends 1xx as the final response; we send the interim then 200")],
    "status-102": [
        D("py", ["status", "interim", "type", "headers", "body"], "RFC 9110 15.2",
          "httpbin sends 1xx as the final response; we send the interim then 200")],
    "status-103": [
        D("py", ["status", "interim", "type", "headers", "body"], "RFC 9110 15.2",
          "httpbin sends 1xx as the final response; we send the interim then 200")],
    "status-199": [
        D("py", ["status", "interim", "type", "headers", "body"], "RFC 9110 15.2",
          "httpbin sends 1xx as the final response; we send the interim then 200")],
    "status-308": [
        D("py", ["header:location", "value:location", "type", "body"], "RFC 9110 15.4.9",
          "httpbin's 308 has no Location; a redirection should name its target"),
        D("go", ["type"], "RFC 9110 8.3", "an HTML page is text/html")],
    "status-407": [
        D("py", ["header:proxy-authenticate", "value:proxy-authenticate"], "RFC 9110 15.5.8",
          "a 407 must carry Proxy-Authenticate (gunicorn drops it as hop-by-hop)")],
    "status-weighted-range": [
        D("go", ["status", "type", "headers", "values", "body"], "RFC 9110 15",
          "700 is not a valid status code; every code of a list is checked (400)", 400)],
    "status-weighted-zero": [
        D("go", ["status", "type", "headers", "values", "body"], "RFC 9110 15",
          "go-httpbin crashes and closes the connection with no response; we answer 400", 400)],
    "redirect-to-utf8": [
        D("go", ["value:location"], "RFC 9110 10.2.2, 5.5",
          "Location is a URI reference: non-ASCII octets are percent-encoded")],
    "bearer-lower": [
        D("go", ["status", "headers", "values", "body"], "RFC 9110 11.1",
          "auth-scheme names are case-insensitive: 'bearer tok' is a bearer token", 200)],
    "digest-md5": [
        D("go", ["value:www-authenticate"], "RFC 7616 3.3",
          "nonce, opaque and qop are quoted-strings in a Digest challenge")],
    "digest-sha256": [
        D("go", ["value:www-authenticate"], "RFC 7616 3.3",
          "nonce, opaque and qop are quoted-strings in a Digest challenge")],
    "digest-upper": [
        D("go", ["value:www-authenticate"], "RFC 7616 3.3",
          "nonce, opaque and qop are quoted-strings in a Digest challenge")],
    "digest-basic": [
        D("go", ["value:www-authenticate"], "RFC 7616 3.3",
          "nonce, opaque and qop are quoted-strings in a Digest challenge")],
    "digest-wrong": [
        D("go", ["value:www-authenticate"], "RFC 7616 3.3",
          "nonce, opaque and qop are quoted-strings in a Digest challenge")],
    "cache": [
        D("go", ["value:etag"], "RFC 9110 8.8.3",
          "an entity-tag is a quoted string (Last-Modified also uses GMT, 5.6.7)")],
    "cache-ims": [
        D("go", ["header:etag", "value:etag"], "RFC 9110 15.4.5",
          "a 304 carries the ETag the 200 would have carried")],
    "cache-inm": [
        D("go", ["header:etag", "value:etag"], "RFC 9110 15.4.5",
          "a 304 carries the ETag the 200 would have carried")],
    "cache-post-ims": [
        D("go", ["status", "type", "headers", "values", "body"], "RFC 9110 13.1.3",
          "If-Modified-Since is ignored for methods other than GET and HEAD", 200)],
    "cache-neg": [
        D("go", ["status", "headers", "values", "body"], "RFC 9111 1.2.2",
          "max-age takes delta-seconds, never negative: /cache/-5 is a 400", 400)],
    "range": [D("go", ["value:etag"], "RFC 9110 8.8.3", "an entity-tag is a quoted string")],
    "range-2-5": [D("go", ["value:etag"], "RFC 9110 8.8.3", "an entity-tag is a quoted string")],
    "range-suffix": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                       "an entity-tag is a quoted string")],
    "range-open": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                     "an entity-tag is a quoted string")],
    "range-clamp": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                      "an entity-tag is a quoted string")],
    "range-unsat": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                      "an entity-tag is a quoted string")],
    "range-multi": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                      "an entity-tag is a quoted string")],
    "range-head": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                     "an entity-tag is a quoted string")],
    "range-post": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                     "an entity-tag is a quoted string")],
    "range-params": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                       "an entity-tag is a quoted string")],
    "range-zero": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                     "an entity-tag is a quoted string")],
    "range-big": [D("go", ["value:etag"], "RFC 9110 8.8.3",
                    "an entity-tag is a quoted string")],
    "range-backwards": [
        D("go", ["status", "type", "headers", "values", "body"], "RFC 9110 14.1.1, 14.2",
          "bytes=5-2 is an invalid range-spec, and a Range that cannot be read is "
          "ignored, as on /200: 200 with everything", 200)],
    "range-unit": [
        D("go", ["status", "headers", "values", "body", "type"], "RFC 9110 14.2",
          "a Range in a unit the server does not know is ignored: 200 with everything", 200)],
    "range-if-range": [
        D("go", ["status", "headers", "values", "body"], "RFC 9110 13.1.5, 8.8.3",
          "with a quoted ETag, If-Range \"range10\" matches and the 206 is sent", 206)],
    "image-any": [
        D("go", ["status", "type", "headers", "body"], "RFC 9110 12.5.1",
          "*/* accepts any type: the PNG is sent (with Vary: Accept)", 200)],
    "image-html": [
        D("go", ["status", "headers", "body"], "RFC 9110 15.5.7, 15.5.16",
          "nothing acceptable is 406 Not Acceptable; 415 is about request content", 406)],
    "image-upper": [
        D("go", ["status", "type", "headers", "body"], "RFC 9110 8.3.1",
          "media type names are case-insensitive: IMAGE/PNG is image/png", 200)],
    "image-two": [D("go", ["header:vary"], "RFC 9110 12.5.5",
                    "a negotiated response says Vary: Accept")],
    "image-no-accept": [D("go", ["header:vary"], "RFC 9110 12.5.5",
                          "a negotiated response says Vary: Accept")],
    "image-webp": [D("go", ["header:vary"], "RFC 9110 12.5.5",
                     "a negotiated response says Vary: Accept")],
    "image-svg": [D("go", ["header:vary"], "RFC 9110 12.5.5",
                    "a negotiated response says Vary: Accept")],
    "image-jpeg": [D("go", ["header:vary"], "RFC 9110 12.5.5",
                     "a negotiated response says Vary: Accept")],
    "image-png": [D("go", ["header:vary"], "RFC 9110 12.5.5",
                    "a negotiated response says Vary: Accept")],
    "image-wild": [D("go", ["header:vary"], "RFC 9110 12.5.5",
                     "a negotiated response says Vary: Accept")],
    "image-browser": [D("go", ["header:vary"], "RFC 9110 12.5.5",
                        "a negotiated response says Vary: Accept")],
    "rh-length": [
        D("go", ["status", "type", "headers", "values", "body"], "RFC 9110 8.6; RFC 9112 6.3",
          "framing fields are never taken from the query: 400 (go-httpbin drops the "
          "connection)", 400)],
    "brotli": [
        D("go", ["status", "type", "headers", "values", "body"], "none (a feature)",
          "go-httpbin 2.14.0 answers 501; we send the br-coded JSON as httpbin does", 200)],
    # --- decided while building the endpoints (docs/compat.md says why)
    "index": [D("go", ["header:content-security-policy", "header:cache-control",
                       "header:etag"], "RFC 9110 8.8.3",
                "our own reference page, with validators (ETag, no-cache) and no "
                "scripts from elsewhere to restrict")],
    "options-get": [D("go", ["status"], "RFC 9110 15.3.5",
                      "a preflight answer has no content: 204")],
    "options-unknown": [D("go", ["status", "headers"], "RFC 9110 9.3.7",
                          "an OPTIONS that is no preflight gets 204 with Allow; the "
                          "CORS fields answer preflights")],
    "http10-get": [D("go", ["body"], "RFC 9112 3.2",
                     "headers lists the fields sent: an HTTP/1.0 request may have "
                     "no Host, and Go adds one")],
    "big-header": [D("go", ["header:access-control-allow-origin"], "Fetch, CORS",
                     "every response, a 431 too, carries CORS")],
    "get-semicolon": [D("go", ["body"], "RFC 3986 3.4",
                        "';' is data in a query: a=1;b=2 is one pair, which Go "
                        "drops")],
    "anything-sub": [D("go", ["status", "headers", "values", "type", "body"],
                       "RFC 9110 9.1, 15.6.2",
                       "a method the server does not implement (FOO) gets 501", 501)],
    "status-201-foo": [D("go", ["status", "headers", "values", "type", "body"],
                         "RFC 9110 9.1, 15.6.2",
                         "a method the server does not implement (FOO) gets 501", 501)],
    "anything-trace": [D("go", ["status", "headers", "values", "type", "body"],
                         "RFC 9110 9.3.8",
                         "TRACE is refused everywhere (405): the server never "
                         "reflects a request's fields", 405)],
    "status-plus": [D("go", ["status", "type", "headers", "values", "body"], "RFC 9110 15",
                      "a status code is three digits: +200 is a 400, as /+200 is",
                      400)],
    "status-zero-lead": [D("go", ["status", "type", "headers", "values", "body"],
                           "RFC 9110 15",
                           "a status code is three digits: 0200 is a 400, as /0200 "
                           "is", 400)],
    "status-204": [D("go", ["type", "header:content-type"], "RFC 9110 8.3",
                     "a 204 has no content, so no Content-Type")],
    "status-300": [D("go", ["type"], "RFC 9110 8.3", "an HTML page is text/html")],
    "status-304": [D("go", ["header:etag", "header:vary"], "RFC 9110 15.4.5",
                     "a 304 carries the ETag a 200 would have")],
    "status-402": [D("go", ["value:x-more-info"], "-",
                     "X-More-Info points at RFC 9110's section on 402")],
    "status-503": [D("go", ["header:retry-after", "header:vary", "body"],
                     "RFC 9110 10.2.3, 15.6.4",
                     "a 503 says when to retry, and explains itself")],
    "absolute-xfp": [D("go", ["value:location"], "-",
                       "the same URL: each server names its own port")],
    "cookies-set": [D("go", ["value:set-cookie"], "RFC 6265 5.1.4",
                      "Path=/, so that the cookie goes to every path here, "
                      "/cookies included")],
    "cookies-delete": [D("go", ["value:set-cookie"], "RFC 6265 4.1.1, 5.3",
                         "Path=/ as set; an Expires in the past deletes (Max-Age=0 "
                         "is outside the grammar servers SHOULD send)")],
    "bearer-empty": [D("go", ["status", "values", "body", "type"], "RFC 6750 3.1",
                       "a Bearer field without a token is an invalid_request: 400",
                       400)],
    "bearer-two": [D("go", ["status", "values", "body", "type"], "RFC 6750 2.1, 3.1",
                     "'Bearer a b' is not a b64token: an invalid_request, 400", 400)],
    "digest-authint": [D("go", ["status", "headers", "values", "body", "type"],
                         "RFC 7616 3.3",
                         "qop auth-int is served, not refused: the 401 challenge", 401)],
    "etag-im-fail": [D("go", ["header:last-modified"], "RFC 9110 15.5.13",
                       "a 412 carries no validators of a representation it did not "
                       "send")],
    "etag-post-inm": [D("go", ["header:last-modified"], "RFC 9110 15.5.13",
                        "a 412 carries no validators of a representation it did "
                        "not send")],
    "delay-too-long": [D("go", ["status", "type", "headers", "values", "body"], "-",
                         "our limit is --max-sleep, 30 s by default (go-httpbin's is "
                         "10 s; --max-sleep 10000 gives its answer)", 200)],
    "drip-too-much-time": [D("go", ["status", "type", "headers", "values", "body"], "-",
                             "our limit is --max-sleep, 30 s by default (go-httpbin's "
                             "is 10 s)", 200)],
    "drip-duration-long": [D("go", ["status", "type", "headers", "values", "body"], "-",
                             "our limit is --max-sleep, 30 s by default (go-httpbin's "
                             "is 10 s)", 200)],
    "sse-too-much-time": [D("go", ["status", "type", "headers", "values", "body"], "-",
                            "our limit is --max-sleep, 30 s by default (go-httpbin's "
                            "is 10 s)", 200)],
    "xml": [D("go", ["type"], "RFC 7303 3.2",
              "the charset of an XML document is named in its Content-Type")],
    "websocket-plain": [D("go", "*", "-", "WebSocket is not served (a 404)", 404)],
    "websocket-sizes": [D("go", "*", "-", "WebSocket is not served (a 404)", 404)],
    "websocket-upgrade": [D("go", "*", "-", "WebSocket is not served (a 404)", 404)],

}


# --------------------------------------------------------------------
# Sending.


class Answer:
    """What one server answered to one request."""

    def __init__(self):
        self.status = None      # int, or "no reply"
        self.interim = []       # 1xx codes seen before the final status
        self.headers = []       # (name, value) pairs as received
        self.body = b""
        self.elapsed = 0.0
        self.error = None


def split_base(base):
    """(host, port, origin) of a base URL."""
    u = urllib.parse.urlsplit(base)
    if u.scheme != "http" or not u.hostname:
        raise ValueError("only http://host:port base URLs are supported: " + base)
    port = u.port or 80
    host = u.hostname
    hostport = "%s:%d" % (host, port) if u.port else host
    return host, port, "http://" + hostport


def request_headers(req):
    """The header list sent with an ordinary request."""
    hdrs = []
    if not req.get("no_ua"):
        hdrs.append(("User-Agent", UA))
    if not req.get("no_accept") and not any(k.lower() == "accept" for k, _ in
                                            req.get("headers", [])):
        hdrs.append(("Accept", "*/*"))
    hdrs.extend(req.get("headers", []))
    return hdrs


def send_plain(base, req, timeout, extra=()):
    """Sends an ordinary request with http.client."""
    host, port, _ = split_base(base)
    ans = Answer()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    start = time.monotonic()
    try:
        conn.putrequest(req["method"], req["path"], skip_accept_encoding=True)
        body = req.get("body")
        for k, v in list(request_headers(req)) + list(extra):
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        if body:
            conn.send(body)
        resp = conn.getresponse()
        ans.status = resp.status
        ans.headers = resp.getheaders()
        ans.body = resp.read()
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        ans.status = "no reply"
    except (OSError, http.client.HTTPException) as e:
        ans.status = "no reply"
        ans.error = "%s: %s" % (type(e).__name__, e)
    finally:
        conn.close()
    ans.elapsed = time.monotonic() - start
    return ans


def parse_head(buf):
    """Parses a status line and fields at the start of buf: (code,
    headers, rest) or None when incomplete."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = buf[:end].decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    try:
        code = int(parts[1])
    except (IndexError, ValueError):
        code = "bad status line"
    hdrs = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        hdrs.append((name.strip(), value.strip()))
    return code, hdrs, buf[end + 4:]


def dechunk(data):
    """Decodes a chunked body: (body, complete)."""
    out = b""
    while True:
        eol = data.find(b"\r\n")
        if eol < 0:
            return out, False
        try:
            size = int(data[:eol].split(b";")[0], 16)
        except ValueError:
            return out, True
        if size == 0:
            return out, data.find(b"\r\n\r\n", eol) >= 0 or data[eol + 2:eol + 4] == b"\r\n"
        if len(data) < eol + 2 + size + 2:
            return out, False
        out += data[eol + 2:eol + 2 + size]
        data = data[eol + 2 + size + 2:]


def parse_stream(buf, method, eof):
    """Parses interim responses and one final response from buf: an
    Answer, or None when more bytes are needed."""
    ans = Answer()
    while True:
        head = parse_head(buf)
        if head is None:
            if eof:
                ans.status = "no reply" if not ans.interim else ans.status
                return ans
            return None
        code, hdrs, rest = head
        if isinstance(code, int) and 100 <= code < 200 and code != 101:
            ans.interim.append(code)
            buf = rest
            continue
        ans.status, ans.headers = code, hdrs
        if code == 101 or method == "HEAD" or code in (204, 304):
            return ans
        fields = {k.lower(): v for k, v in hdrs}
        if "chunked" in fields.get("transfer-encoding", "").lower():
            body, done = dechunk(rest)
            if done or eof:
                ans.body = body
                return ans
            return None
        if "content-length" in fields:
            try:
                n = int(fields["content-length"])
            except ValueError:
                n = len(rest)
            if len(rest) >= n or eof:
                ans.body = rest[:n]
                return ans
            return None
        if eof:
            ans.body = rest
            return ans
        return None


def send_raw(base, req, timeout):
    """Sends the exact bytes of a raw request and reads the interim and
    final responses."""
    host, port, origin = split_base(base)
    data = req["raw"].replace("{host}", origin[len("http://"):]).encode("latin-1")
    method = req["raw"].split(" ", 1)[0]
    start = time.monotonic()
    buf = b""
    ans = None
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(data)
            while True:
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    ans = parse_stream(buf, method, True)
                    break
                buf += chunk
                ans = parse_stream(buf, method, not chunk)
                if ans is not None or not chunk:
                    break
    except OSError as e:
        ans = Answer()
        ans.status = "no reply"
        ans.error = str(e)
    if ans is None:
        ans = parse_stream(buf, method, True)
    ans.elapsed = time.monotonic() - start
    return ans


def parse_challenge(value):
    """Splits a challenge like 'Digest a=b, c="d"' into (scheme,
    [(name, value, quoted)]), with commas inside quotes respected."""
    scheme, _, rest = value.strip().partition(" ")
    params, i, n = [], 0, len(rest)
    while i < n:
        while i < n and rest[i] in " ,":
            i += 1
        j = i
        while j < n and rest[j] not in "=, ":
            j += 1
        name = rest[i:j]
        i = j
        while i < n and rest[i] == " ":
            i += 1
        if i < n and rest[i] == "=":
            i += 1
            while i < n and rest[i] == " ":
                i += 1
            if i < n and rest[i] == '"':
                i += 1
                v = ""
                while i < n and rest[i] != '"':
                    if rest[i] == "\\" and i + 1 < n:
                        i += 1
                    v += rest[i]
                    i += 1
                i += 1
                params.append((name, v, True))
            else:
                j = i
                while j < n and rest[j] != ",":
                    j += 1
                params.append((name, rest[i:j].strip(), False))
                i = j
        elif name:
            params.append((name, "", False))
    return scheme, params


def digest_answer(challenge, user, password, algorithm, method, uri):
    """The Authorization value answering a Digest challenge (qop=auth)."""
    _, params = parse_challenge(challenge)
    p = {k.lower(): v for k, v, _ in params}
    h = hashlib.sha256 if algorithm == "SHA-256" else hashlib.md5

    def H(s):
        return h(s.encode()).hexdigest()

    realm, nonce = p.get("realm", ""), p.get("nonce", "")
    cnonce, nc = "0a4f113b", "00000001"
    ha1 = H("%s:%s:%s" % (user, realm, password))
    ha2 = H("%s:%s" % (method, uri))
    resp = H("%s:%s:%s:%s:auth:%s" % (ha1, nonce, nc, cnonce, ha2))
    out = ('Digest username="%s", realm="%s", nonce="%s", uri="%s", '
           'algorithm=%s, qop=auth, nc=%s, cnonce="%s", response="%s"'
           % (user, realm, nonce, uri, algorithm, nc, cnonce, resp))
    if "opaque" in p:
        out += ', opaque="%s"' % p["opaque"]
    return out


def send_digest(base, req, timeout):
    """A Digest exchange: the challenge, then the answer to it. The
    second response is the one compared."""
    first = send_plain(base, req, timeout)
    fields = {k.lower(): v for k, v in first.headers}
    challenge = fields.get("www-authenticate", "")
    if first.status != 401 or not challenge.lower().startswith("digest"):
        return first
    user, password, algorithm = req["digest"]
    auth = digest_answer(challenge, user, password, algorithm, req["method"], req["path"])
    cookie = [("Cookie", "; ".join(v.split(";", 1)[0] for k, v in first.headers
                                   if k.lower() == "set-cookie"))]
    extra = [("Authorization", auth)] + (cookie if cookie[0][1] else [])
    return send_plain(base, req, timeout, extra)


def send(base, req, timeout):
    """Sends req to the server at base."""
    if req.get("raw") is not None:
        return send_raw(base, req, timeout)
    if req.get("digest"):
        return send_digest(base, req, timeout)
    return send_plain(base, req, timeout)


# --------------------------------------------------------------------
# Describing an answer.


def media_type(answer):
    """The Content-Type, lower-cased with spaces removed, or '-'. The
    boundary of a multipart type is left out: it is random."""
    for k, v in answer.headers:
        if k.lower() == "content-type":
            params = v.lower().replace(" ", "").split(";")
            return ";".join(p for p in params if not p.startswith("boundary="))
    return "-"


def boundary(answer):
    """The boundary parameter of a multipart Content-Type, or None."""
    for k, v in answer.headers:
        if k.lower() == "content-type" and v.lower().startswith("multipart/"):
            for p in v.split(";")[1:]:
                name, _, val = p.strip().partition("=")
                if name.lower() == "boundary":
                    return val.strip('"')
    return None


def field_names(answer):
    """The set of field names that are compared."""
    return {k.lower() for k, _ in answer.headers} - IGNORED_FIELDS


def norm_value(name, value, origin):
    """A field value reduced to what is stable between runs and servers."""
    if name == "location":
        return value.replace(origin, "{base}")
    if name == "allow":
        return ",".join(sorted(m.strip().upper() for m in value.split(",") if m.strip()))
    if name in ("www-authenticate", "proxy-authenticate"):
        scheme, params = parse_challenge(value)
        shown = sorted("%s%s" % (k.lower(), '="' if q else "=") for k, _, q in params)
        return scheme.lower() + " " + " ".join(shown)
    if name == "set-cookie":
        parts = [p.strip() for p in value.split(";")]
        cname = parts[0].split("=", 1)[0]
        attrs = sorted(p.split("=", 1)[0].lower() for p in parts[1:] if p)
        return cname + "; " + "; ".join(attrs)
    if name == "etag":
        v = value.strip()
        if v.startswith('W/"') and v.endswith('"'):
            return 'W/"..."'
        if v.startswith('"') and v.endswith('"') and len(v) >= 2:
            return '"..."'
        return "unquoted"
    if name == "content-range":
        return value.strip()
    return value.strip()


def field_values(answer, origin):
    """{name: normalised value(s)} for the VALUE_FIELDS present."""
    out = {}
    for k, v in answer.headers:
        k = k.lower()
        if k in VALUE_FIELDS:
            out.setdefault(k, []).append(norm_value(k, v, origin))
    return {k: " | ".join(sorted(v)) for k, v in out.items()}


def shape(value):
    """The keys and types of a JSON value, not its values."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        shapes = []
        for v in value:
            s = shape(v)
            if s not in shapes:
                shapes.append(s)
        return ["list", shapes]
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "num"
    if value is None:
        return "null"
    return "str"


def show_shape(s, depth=0):
    """A compact rendering of a shape."""
    if isinstance(s, dict):
        if depth > 1 and len(s) > 6:
            return "{%d keys}" % len(s)
        return "{" + ",".join("%s:%s" % (k, show_shape(v, depth + 1))
                              for k, v in sorted(s.items())) + "}"
    if isinstance(s, list):
        inner = "|".join(show_shape(x, depth + 1) for x in s[1])
        return "[" + inner + "]"
    return s


def decode_body(answer):
    """The body with its Content-Encoding removed, when it can be."""
    coding = ""
    for k, v in answer.headers:
        if k.lower() == "content-encoding":
            coding = v.strip().lower()
    try:
        if coding == "gzip":
            return gzip.decompress(answer.body), coding
        if coding == "deflate":
            try:
                return zlib.decompress(answer.body), coding
            except zlib.error:
                return zlib.decompress(answer.body, -15), coding
    except (OSError, zlib.error, EOFError):
        return answer.body, coding + " (undecodable)"
    return answer.body, coding


def body_summary(answer, mode):
    """('json', shape) for JSON content or lines of it; otherwise a
    description that depends on mode: ('empty',), ('text', exact bytes or
    length or nothing)."""
    body, coding = decode_body(answer)
    if coding and coding not in ("gzip", "deflate"):
        return ("coded", coding, bool(body))
    if not body:
        return ("empty",)
    mark = boundary(answer)
    if mark:
        parts = []
        for part in body.split(b"--" + mark.encode("latin-1"))[1:]:
            if part.startswith(b"--"):
                break
            head = part.split(b"\r\n\r\n", 1)[0].decode("latin-1")
            for line in head.split("\r\n"):
                if line.lower().startswith("content-range:"):
                    parts.append(line.split(":", 1)[1].strip())
        return ("parts", parts)
    text = body.strip()
    if text[:1] in (b"{", b"["):
        try:
            return ("json", shape(json.loads(text.decode("utf-8"))))
        except (ValueError, UnicodeDecodeError):
            lines = text.split(b"\n")
            try:
                shapes = []
                for line in lines:
                    s = shape(json.loads(line.decode("utf-8")))
                    if s not in shapes:
                        shapes.append(s)
                return ("json-lines", shapes)
            except (ValueError, UnicodeDecodeError):
                pass
    if mode == "exact":
        return ("bytes", body)
    if mode == "len":
        return ("length", len(body))
    return ("content",)


def show_body(b):
    """A rendering of a body summary."""
    if b[0] == "json":
        return "json " + show_shape(b[1])
    if b[0] == "json-lines":
        return "json lines " + " / ".join(show_shape(s) for s in b[1])
    if b[0] == "bytes":
        r = repr(b[1][:60])
        return "bytes %s%s" % (r, "..." if len(b[1]) > 60 else "")
    if b[0] == "length":
        return "%d bytes" % b[1]
    if b[0] == "parts":
        return "multipart: " + ", ".join(b[1])
    if b[0] == "coded":
        return "%s-coded%s" % (b[1], "" if b[2] else " (empty)")
    return {"empty": "(empty)", "content": "(content)"}[b[0]]


def shape_diff(a, b, path=""):
    """Where two shapes differ: a list of short strings."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            p = path + "." + k if path else k
            if k not in a:
                out.append("+%s" % p)
            elif k not in b:
                out.append("-%s" % p)
            else:
                out.extend(shape_diff(a[k], b[k], p))
        return out
    if a != b:
        return ["%s: %s vs %s" % (path or "(top)", show_shape(a), show_shape(b))]
    return []


def describe(answer, req, origin):
    """The aspects of an answer that are compared: {aspect: value}."""
    d = {
        "status": answer.status,
        "type": media_type(answer),
        "headers": field_names(answer),
        "values": field_values(answer, origin),
        "body": body_summary(answer, req.get("body_cmp", "shape")),
    }
    if req.get("raw") is not None:
        d["interim"] = list(answer.interim)
    if req.get("timed"):
        d["time"] = round(answer.elapsed, 2)
    return d


# --------------------------------------------------------------------
# Comparing.


def differences(ref, other):
    """The differences between two descriptions: a list of (aspect,
    detail), aspect being one of the aspect names, "header:NAME" or
    "value:NAME"."""
    out = []
    for aspect in ("status", "interim", "type"):
        if aspect in ref and ref.get(aspect) != other.get(aspect):
            out.append((aspect, "%s vs %s" % (ref.get(aspect), other.get(aspect))))
    for name in sorted(ref["headers"] ^ other["headers"]):
        sign = "-" if name in ref["headers"] else "+"
        out.append(("header:" + name, sign + name))
    for name in sorted(set(ref["values"]) & set(other["values"])):
        if ref["values"][name] != other["values"][name]:
            out.append(("value:" + name, "%s: %s vs %s" % (name, ref["values"][name],
                                                           other["values"][name])))
    rb, ob = ref["body"], other["body"]
    if rb != ob:
        if rb[0] == "json" and ob[0] == "json":
            for detail in shape_diff(rb[1], ob[1])[:8]:
                out.append(("body", detail))
        else:
            out.append(("body", "%s vs %s" % (show_body(rb), show_body(ob))))
    if "time" in ref and abs(ref["time"] - other.get("time", 0)) > TIME_SLACK:
        out.append(("time", "%.2fs vs %.2fs" % (ref["time"], other.get("time", 0))))
    return out


def covered(rid, peer, aspect):
    """The listed difference that covers this aspect, or None."""
    for d in DELIBERATE.get(rid, []):
        if d["peer"] not in (peer, "all"):
            continue
        if "*" in d["aspects"] or aspect in d["aspects"]:
            return d
        kind = aspect.split(":", 1)[0]
        if kind == "header" and "headers" in d["aspects"]:
            return d
        if kind == "value" and "values" in d["aspects"]:
            return d
    return None


def everywhere(req, peer, aspect, detail, ours):
    """The listed difference that covers an aspect of any request: what
    httpstatus does the same way on every route. None when there is
    none."""
    sent = {k.lower() for k, _ in req.get("headers", [])}
    kind, _, name = aspect.partition(":")
    status = ours.get("status")
    if aspect == "header:access-control-expose-headers" and detail.startswith("+"):
        return D(peer, [aspect], "Fetch, CORS protocol",
                 "every response exposes its fields (Location, Retry-After...) "
                 "to scripts")
    if aspect == "header:access-control-allow-credentials" and \
            detail.startswith("-") and "origin" not in sent:
        return D(peer, [aspect], "Fetch, CORS protocol",
                 "Allow-Credentials goes with a named origin; beside * it "
                 "means nothing")
    if aspect == "header:vary" and detail.startswith("+") and "origin" in sent:
        return D(peer, [aspect], "RFC 9110 12.5.5",
                 "the answer names the request's Origin, so it varies by it")
    if aspect == "header:cache-control" and detail.startswith("+") and \
            ours.get("values", {}).get("cache-control") == "no-store":
        return D(peer, [aspect], "RFC 9111 4.2.2",
                 "an answer made for one request says no-store, so that no "
                 "cache reuses it heuristically")
    path = req.get("path") or (req.get("raw") or "  ").split(" ")[1]
    if path.startswith("/status/") and (
            aspect in ("body", "header:vary") or
            aspect == "header:location" and detail.startswith("+")):
        return D(peer, [aspect], "RFC 9110 15.3.2, 15.5, 15.6, 12.5.5",
                 "/status/{code} answers as /{code}: content that explains the "
                 "code, in the type Accept prefers (so Vary: Accept), and a 201's "
                 "Location")
    if isinstance(status, int) and status >= 400 and aspect in (
            "header:etag", "header:last-modified", "header:accept-ranges") and \
            detail.startswith("-"):
        return D(peer, [aspect], "RFC 9110 15.5",
                 "an error carries no validators of a representation it did not "
                 "send")
    if isinstance(status, int) and status >= 400 and \
            (aspect in ("type", "body") or aspect == "header:content-type") \
            and (ours.get("type") or "").startswith(("text/plain",
                                                     "application/problem+json")):
        return D(peer, [aspect], "RFC 9457",
                 "error content is text, or problem+json when Accept prefers "
                 "JSON; go-httpbin always sends its own JSON")
    return None


def check_hs(rid, desc):
    """Differences between httpstatus's answer and EXPECT_HS: a list of
    (aspect, detail)."""
    exp = EXPECT_HS.get(rid)
    if not exp:
        return []
    out = []
    want = exp.get("status")
    if want is not None:
        ok = desc["status"] in want if isinstance(want, set) else desc["status"] == want
        if not ok:
            out.append(("status", "%s, expected %s" % (desc["status"], want)))
    if "type" in exp and desc["type"].split(";")[0] != exp["type"]:
        out.append(("type", "%s, expected %s" % (desc["type"], exp["type"])))
    for name in sorted(exp.get("headers", ())):
        if name not in desc["headers"]:
            out.append(("header:" + name, "missing " + name))
    if "json" in exp:
        b = desc["body"]
        if b[0] != "json" or not isinstance(b[1], dict):
            out.append(("body", "not a JSON object"))
        else:
            for k, t in exp["json"].items():
                if b[1].get(k) != t:
                    out.append(("body", "%s: %s, expected %s" % (k, b[1].get(k), t)))
    if "empty" in exp and (desc["body"][0] == "empty") != exp["empty"]:
        out.append(("body", "%s, expected %s" % (show_body(desc["body"]),
                                                  "empty" if exp["empty"] else "content")))
    if "time" in exp and abs(desc.get("time", 0) - exp["time"]) > TIME_SLACK:
        out.append(("time", "%.2fs, expected %.2fs" % (desc.get("time", 0), exp["time"])))
    return out


def show_aspect(aspect, desc):
    """How one aspect of a description is printed in the table."""
    v = desc.get(aspect)
    if aspect == "headers":
        return ",".join(sorted(v)) or "-"
    if aspect == "values":
        return "; ".join("%s=%s" % kv for kv in sorted(v.items())) or "-"
    if aspect == "body":
        return show_body(v)
    if aspect == "interim":
        return ",".join(str(x) for x in v) or "-"
    if aspect == "time":
        return "%.2fs" % v
    return str(v)


def main():
    ap = argparse.ArgumentParser(description="Compare httpstatus serve with go-httpbin "
                                 "and httpbin, request by request.")
    ap.add_argument("--ours", default=os.environ.get("HTTPSTATUS_URL"),
                    help="base URL of httpstatus serve (or HTTPSTATUS_URL)")
    ap.add_argument("--go", default=os.environ.get("GOHTTPBIN_URL"),
                    help="base URL of go-httpbin 2.14.0 (or GOHTTPBIN_URL)")
    ap.add_argument("--py", default=os.environ.get("HTTPBIN_URL"),
                    help="base URL of python httpbin 0.7.0 (or HTTPBIN_URL)")
    ap.add_argument("--only", action="append", default=[],
                    help="run only requests whose id contains TEXT (repeatable)")
    ap.add_argument("--list", action="store_true", help="list the requests and exit")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every aspect, not only those that differ")
    ap.add_argument("--strict-httpbin", action="store_true",
                    help="count unlisted differences from python httpbin as failures")
    ap.add_argument("--timeout", type=float, default=15.0,
                    help="seconds to wait for one response (default 15)")
    args = ap.parse_args()

    ids = [r["id"] for r in REQUESTS]
    if len(ids) != len(set(ids)):
        print("compat_diff: duplicate request ids", file=sys.stderr)
        return 2
    reqs = [r for r in REQUESTS if not args.only or any(o in r["id"] for o in args.only)]
    if args.list:
        for r in reqs:
            what = r["raw"].split("\r\n", 1)[0] if r.get("raw") else \
                "%s %s" % (r["method"], r["path"])
            print("%-24s %s" % (r["id"], what))
        print("%d requests" % len(reqs))
        return 0

    servers = [(n, b) for n, b in (("ours", args.ours), ("go", args.go), ("py", args.py)) if b]
    if not servers:
        print("compat_diff: no server given (--ours, --go, --py or the environment)",
              file=sys.stderr)
        return 2
    try:
        origins = {n: split_base(b)[2] for n, b in servers}
    except ValueError as e:
        print("compat_diff: %s" % e, file=sys.stderr)
        return 2
    names = [n for n, _ in servers]
    subject = "ours" if "ours" in names else ("py" if "go" in names and "py" in names else None)
    counts = {"same": 0, "listed": 0, "info": 0, "FAIL": 0}
    failed_ids = []
    print("servers: " + ", ".join("%s=%s" % s for s in servers))
    print("%d requests; go-httpbin is the reference%s" % (
        len(reqs), "" if subject == "ours" else
        " (httpstatus not given: httpbin is compared with go-httpbin, for information)"))

    for req in reqs:
        descs = {}
        for name, base in servers:
            ans = send(base, req, args.timeout)
            descs[name] = describe(ans, req, origins[name])
            if ans.error and args.verbose:
                descs[name]["error"] = ans.error
        what = req["raw"].split("\r\n", 1)[0] if req.get("raw") else \
            "%s %s" % (req["method"], req["path"])
        rows = []          # (mark, aspect-or-detail line)
        worst = "same"
        pairs = []
        if subject == "ours":
            pairs = [(p, "ours") for p in ("go", "py") if p in descs]
        elif subject == "py":
            pairs = [("go", "py")]
        for ref, other in pairs:
            peer = ref if subject == "ours" else "py"
            for aspect, detail in differences(descs[ref], descs[other]):
                d = None
                if subject == "ours":
                    d = covered(req["id"], peer, aspect) or \
                        everywhere(req, peer, aspect, detail, descs["ours"])
                if req.get("hs"):
                    # httpbin servers have no httpstat.us routes: what they say
                    # is shown, and EXPECT_HS decides.
                    mark, tag, rank = "..", "info: no such route there", "info"
                elif d and d["status"] is not None and \
                        descs[other]["status"] != d["status"]:
                    mark, rank = "!!", "FAIL"
                    tag = "listed, but httpstatus must answer %d (%s)" % (d["status"], d["rfc"])
                elif d:
                    mark, tag = "~~", "listed (%s: %s)" % (d["rfc"], d["note"])
                    rank = "listed"
                elif peer == "py" and not args.strict_httpbin or subject != "ours":
                    mark, tag, rank = "..", "info", "info"
                else:
                    mark, tag, rank = "!!", "UNLISTED", "FAIL"
                rows.append((mark, "%-3s %s %s  [%s]" % (peer, aspect.split(":")[0],
                                                         detail, tag)))
                order = ["same", "info", "listed", "FAIL"]
                if order.index(rank) > order.index(worst):
                    worst = rank
        if req.get("hs") and "ours" in descs:
            for aspect, detail in check_hs(req["id"], descs["ours"]):
                rows.append(("!!", "hs  %s %s  [UNLISTED]" % (aspect.split(":")[0], detail)))
                worst = "FAIL"
        counts[worst] += 1
        if worst == "FAIL":
            failed_ids.append(req["id"])
        flag = {"same": "  ", "info": "..", "listed": "~~", "FAIL": "!!"}[worst]
        print("\n%s [%s] %s" % (flag, req["id"], what))
        aspects = ["status", "interim", "type", "headers", "values", "body", "time"]
        for aspect in aspects:
            if not any(aspect in d for d in descs.values()):
                continue
            shown = [show_aspect(aspect, d) if aspect in d else "-" for d in descs.values()]
            if not args.verbose and len(set(shown)) == 1 and aspect not in ("status",):
                continue
            if len(set(shown)) == 1:
                print("     %-8s %s" % (aspect, shown[0]))
            else:
                for name, s in zip(descs, shown):
                    print("     %-8s %-4s %s" % (aspect, name, s))
        for mark, line in rows:
            print("  %s   %s" % (mark, line))

    print("\n%d requests: %d same, %d with listed differences, %d with informational "
          "differences, %d with unlisted differences" % (
              len(reqs), counts["same"], counts["listed"], counts["info"], counts["FAIL"]))
    if failed_ids:
        print("unlisted: " + " ".join(failed_ids))
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
