#!/usr/bin/env python3
"""tests/server/test_media.py: the content-coded echo (/gzip, /deflate,
/brotli) and the images (/image, /image/{ext}), over real sockets.

    python3 tests/server/test_media.py BINARY

Prints "ok - NAME" or "not ok - NAME: reason" per test, then "N passed, N
failed". Python 3.11 standard library only.
"""
import http.client
import json
import zlib
import subprocess
import sys

import launch
from launch import HOST, LIVE, Server, expect, test

SRV = None


def call(method, path, body=None, headers=None, port=None):
    """One request on a new connection: (status, headers dict of lists,
    body bytes)."""
    c = launch.Connection(HOST, port or SRV.port, timeout=LIVE)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        fields = {}
        for n, v in r.getheaders():
            fields.setdefault(n.lower(), []).append(v)
        return r.status, fields, data
    finally:
        c.close()


@test("/gzip, /deflate and /brotli send the echo with their coding, "
      "whatever Accept-Encoding says")
def _():
    for path, coding, flag in (("/gzip", "gzip", "gzipped"),
                               ("/deflate", "deflate", "deflated")):
        status, fields, data = call("GET", path + "?a=1")
        expect(status == 200 and fields.get("content-encoding") == [coding],
               "%s: %d %r" % (path, status, fields.get("content-encoding")))
        expect(int(fields["content-length"][0]) == len(data),
               "%s: Content-Length" % path)
        plain = zlib.decompress(data, 31 if coding == "gzip" else 15)
        doc = json.loads(plain)
        expect(doc.get(flag) is True and doc["args"] == {"a": ["1"]} and
               doc["url"].endswith(path + "?a=1"), "%s: %r" % (path, doc))
    status, fields, data = call("GET", "/brotli")
    if status == 501:
        return  # a build without libbrotlienc says so
    expect(status == 200 and fields.get("content-encoding") == ["br"],
           "/brotli: %d %r" % (status, fields.get("content-encoding")))
    out = subprocess.run(["python3", "-c", "import brotli"],
                         capture_output=True)
    if out.returncode == 0:
        import brotli  # noqa: E402 (optional: Debian python3-brotli)
        expect(json.loads(brotli.decompress(data)).get("brotli") is True,
               "/brotli content")


@test("/image follows Accept: png by default, webp for a browser, 406 when "
      "no image is acceptable")
def _():
    for accept, want in ((None, "image/png"), ("*/*", "image/png"),
                         ("image/*", "image/png"),
                         ("image/webp", "image/webp"),
                         ("image/avif,image/webp,image/apng,image/svg+xml,"
                          "image/*,*/*;q=0.8", "image/webp"),
                         ("image/svg+xml", "image/svg+xml"),
                         ("image/jpeg;q=0.5, image/png;q=0.4",
                          "image/jpeg")):
        status, fields, data = call("GET", "/image",
                                    headers={"Accept": accept} if accept
                                    else {})
        expect(status == 200 and fields.get("content-type") == [want],
               "Accept %r: %d %r" % (accept, status,
                                     fields.get("content-type")))
        expect(fields.get("vary") == ["Accept"], "Vary %r" % fields.get("vary"))
    status, _, _ = call("GET", "/image", headers={"Accept": "text/html"})
    expect(status == 406, "text/html: %d" % status)


@test("/image/{ext} sends that image, and the bytes are the format's")
def _():
    magic = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff",
             "webp": b"RIFF", "svg": b"<svg"}
    for ext, start in magic.items():
        status, fields, data = call("GET", "/image/" + ext)
        expect(status == 200 and start in data[:200],
               "/image/%s: %d %r" % (ext, status, data[:12]))
    for ext in ("jpg", "PNG", "gif"):
        status, _, _ = call("GET", "/image/" + ext)
        expect(status == 404, "/image/%s: %d" % (ext, status))


def start():
    global SRV
    SRV = Server("--workers", "2")
    return SRV


if __name__ == "__main__":
    sys.exit(launch.run_suite(sys.argv, start, 120))
