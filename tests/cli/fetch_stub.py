"""tests/cli/fetch_stub.py: a small HTTP/1.1 server on a free port of
127.0.0.1 whose resources each get one thing wrong that only
`httpstatus check --probe` (or -L) sees: a condition ignored, a 304
without the fields of the 200, a range that was not asked for, a HEAD
unlike GET, a redirect loop. tests/cli/fetch.sh starts it and reads the
port from the first line it prints. Python 3 standard library only.

    python3 tests/cli/fetch_stub.py
"""
import http.server
import sys

ETAG = '"v1"'
MODIFIED = "Sun, 06 Nov 1994 08:49:37 GMT"
TEXT = b"abcdefghijklmnopqrstuvwxyz0123456789\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, code, fields, content=b"", head=False):
        self.send_response(code)
        for name, value in fields:
            self.send_header(name, value)
        if code != 304:
            self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if not head and code != 304:
            self.wfile.write(content)

    def full(self, head=False, more=(), honour=True):
        """The representation, or 304 when a condition says the client
        has it (unless honour is False)."""
        kept = [("ETag", ETAG), ("Cache-Control", "max-age=60")]
        if honour and self.conditional():
            self.answer(304, kept)
            return
        self.answer(200, [("Content-Type", "text/plain"),
                          ("Last-Modified", MODIFIED)] + kept + list(more),
                    TEXT, head)

    def conditional(self):
        return (self.headers.get("If-None-Match") == ETAG or
                self.headers.get("If-Modified-Since") == MODIFIED)

    def do_HEAD(self):
        self.route(head=True)

    def do_GET(self):
        self.route(head=False)

    def route(self, head):
        path = self.path
        ranged = self.headers.get("Range") is not None
        if path == "/conditional-ignored":
            # Validators, but every request gets the whole of it.
            self.full(head, honour=False)
        elif path == "/bare-304":
            # 304 as asked, but without ETag and Cache-Control.
            if self.conditional():
                self.answer(304, [])
            else:
                self.full(head, honour=False)
        elif path == "/range-elsewhere":
            # Asked for bytes 0-9, sends bytes 10-19.
            if ranged:
                self.answer(206, [("Content-Type", "text/plain"),
                                  ("ETag", ETAG),
                                  ("Cache-Control", "max-age=60"),
                                  ("Content-Range",
                                   "bytes 10-19/%d" % len(TEXT))],
                            TEXT[10:20], head)
            else:
                self.full(head, [("Accept-Ranges", "bytes")])
        elif path == "/range-other-bytes":
            # Names bytes 0-9, but they are not the 200's bytes 0-9.
            if ranged:
                self.answer(206, [("Content-Type", "text/plain"),
                                  ("ETag", ETAG),
                                  ("Cache-Control", "max-age=60"),
                                  ("Content-Range",
                                   "bytes 0-9/%d" % len(TEXT))],
                            b"ABCDEFGHIJ", head)
            else:
                self.full(head, [("Accept-Ranges", "bytes")])
        elif path == "/range-ignored":
            # Says it serves ranges; serves the whole every time.
            self.full(head, [("Accept-Ranges", "bytes")])
        elif path == "/head-status":
            if head:
                self.answer(404, [("Content-Type", "text/plain")],
                            b"not found\n", head)
            else:
                self.full(head)
        elif path == "/head-no-type":
            if head:
                self.answer(200, [("ETag", ETAG)], TEXT, head)
            else:
                self.full(head)
        elif path == "/head-length":
            if head:
                self.answer(200, [("Content-Type", "text/plain"),
                                  ("ETag", ETAG)], TEXT + b"more", head)
            else:
                self.full(head)
        elif path == "/old-date":
            # A clock in 1994.
            self.send_response_only(200)
            self.send_header("Date", MODIFIED)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path in ("/chunked", "/large-chunked"):
            # Chunked with a trailer; 2 MiB of it, which check cuts at
            # 1 MiB, for /large-chunked.
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Trailer", "X-Checksum")
            self.end_headers()
            if not head:
                chunk = bytes(range(256)) * 256
                for _ in range(32 if path == "/large-chunked" else 1):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\nX-Checksum: 42\r\n\r\n")
        elif path == "/loop":
            self.answer(302, [("Location", "/loop")], b"", head)
        elif path == "/loop-a":
            self.answer(301, [("Location", "/loop-b")], b"", head)
        elif path == "/loop-b":
            self.answer(301, [("Location", "/loop-a")], b"", head)
        else:
            self.answer(404, [("Content-Type", "text/plain")],
                        b"not found\n", head)


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
