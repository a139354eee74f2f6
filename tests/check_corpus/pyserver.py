#!/usr/bin/env python3
"""tests/check_corpus/pyserver.py PORT: a small application server on
http.server, for the corpus (capture.py). GET /NAME answers the response
that NAME describes: correct ones, and the mistakes that hand-rolled
application servers make (framing, missing fields, wrong phrases). Each
response is written with http.server's own calls where they serve, so
the bytes are what such a server really sends."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

HTML = b"<!doctype html>\n<title>corpus</title>\n<p>hello\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "corpus/1"
    sys_version = ""

    def log_message(self, *args):
        pass

    def simple(self, code, fields=(), body=b"", length=True, phrase=None):
        self.send_response(code, phrase)
        for name, value in fields:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def raw(self, data):
        self.wfile.write(data)
        self.close_connection = True

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(n)
        self.do_GET()

    def do_GET(self):
        name = self.path.strip("/")
        j = json.dumps({"name": name}).encode() + b"\n"
        jt = ("Content-Type", "application/json")
        ht = ("Content-Type", "text/html; charset=utf-8")
        tt = ("Content-Type", "text/plain; charset=utf-8")
        date = self.date_time_string()
        s = self.simple
        if name == "200-json":
            s(200, [jt], j)
        elif name == "200-chunked":
            self.send_response(200)
            self.send_header(*tt)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n")
        elif name == "200-chunked-trailer":
            self.send_response(200)
            self.send_header(*tt)
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Trailer", "Server-Timing")
            self.end_headers()
            self.wfile.write(b"5\r\nhello\r\n0\r\nServer-Timing: db;dur=53"
                             b"\r\n\r\n")
        elif name == "200-set-cookies":
            s(200, [tt, ("Set-Cookie", "sid=abc123; Path=/; HttpOnly; Secure"),
                    ("Set-Cookie", "lang=en; Max-Age=31536000; Path=/")],
              b"ok\n")
        elif name == "200-cookie-bad-expires":
            s(200, [tt, ("Set-Cookie",
                         "sid=abc; Expires=2025-01-01 00:00:00; Path=/")],
              b"ok\n")
        elif name == "200-cookie-samesite-none-insecure":
            s(200, [tt, ("Set-Cookie", "ad=1; SameSite=None; Path=/")], b"ok\n")
        elif name == "200-cors-preflight-ok":
            s(200, [("Access-Control-Allow-Origin", "https://app.example"),
                    ("Access-Control-Allow-Methods", "GET, PUT"),
                    ("Access-Control-Allow-Headers", "Content-Type"),
                    ("Access-Control-Max-Age", "600"),
                    ("Vary", "Origin")])
        elif name == "200-cors-star-credentials":
            s(200, [jt, ("Access-Control-Allow-Origin", "*"),
                    ("Access-Control-Allow-Credentials", "true")], j)
        elif name == "200-cache-public-max-age":
            s(200, [jt, ("Cache-Control", "public, max-age=3600"),
                    ("Last-Modified", "Tue, 14 Nov 2023 22:13:20 GMT"),
                    ("ETag", '"v1"')], j)
        elif name == "200-cache-no-cache-private":
            s(200, [jt, ("Cache-Control", "no-cache, private")], j)
        elif name == "200-cache-max-age-bad":
            s(200, [jt, ("Cache-Control", "max-age=ten")], j)
        elif name == "200-expires-bad-date":
            s(200, [jt, ("Expires", "tomorrow")], j)
        elif name == "200-date-rfc850":
            self.send_response_only(200)
            self.send_header("Date", "Sunday, 06-Nov-94 08:49:37 GMT")
            self.send_header(*tt)
            self.send_header("Content-Length", "3")
            self.end_headers()
            self.wfile.write(b"ok\n")
        elif name == "200-no-date":
            self.send_response_only(200)
            self.send_header(*tt)
            self.send_header("Content-Length", "3")
            self.end_headers()
            self.wfile.write(b"ok\n")
        elif name == "200-content-length-wrong":
            s(200, [tt, ("Content-Length", "10")], b"short\n", length=False)
        elif name == "200-content-length-twice":
            s(200, [tt, ("Content-Length", "3")], b"ok\n")
        elif name == "200-content-length-list":
            s(200, [tt, ("Content-Length", "3, 3")], b"ok\n", length=False)
        elif name == "200-cl-and-te":
            self.send_response(200)
            self.send_header(*tt)
            self.send_header("Content-Length", "5")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"5\r\nhello\r\n0\r\n\r\n")
        elif name == "200-lowercase-fields":
            self.raw(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n"
                     b"content-length: 3\r\ndate: " + date.encode() +
                     b"\r\nconnection: close\r\n\r\nok\n")
        elif name == "200-structured-fields":
            s(200, [jt, ("Cache-Status", "corpus; hit; ttl=30"),
                    ("Priority", "u=1, i"),
                    ("Proxy-Status", "corpus; error=http_response_timeout")],
              j)
        elif name == "200-vary-star":
            s(200, [ht, ("Vary", "*")], HTML)
        elif name == "200-link-preload":
            s(200, [ht, ("Link", "</style.css>; rel=preload; as=style")], HTML)
        elif name == "200-retry-after-on-200":
            s(200, [tt, ("Retry-After", "soon")], b"ok\n")
        elif name == "201-created":
            s(201, [jt, ("Location", "/items/42")], j)
        elif name == "201-no-location":
            s(201, [jt], j)
        elif name == "202-accepted":
            s(202, [jt, ("Location", "/queue/7")], j)
        elif name == "204-with-cl-0":
            s(204)
        elif name == "204-with-body":
            self.send_response(204)
            self.end_headers()
            self.wfile.write(b"{}")
            self.close_connection = True
        elif name == "205-reset":
            s(205)
        elif name == "206-no-content-range":
            s(206, [tt], b"hello")
        elif name == "206-bad-content-range":
            s(206, [tt, ("Content-Range", "bytes 0-4/3")], b"hello")
        elif name == "300-choices":
            s(300, [ht, ("Location", "/en/")], HTML)
        elif name == "302-no-location":
            s(302, [ht], HTML)
        elif name == "303-see-other":
            s(303, [("Location", "/result/1")])
        elif name == "304-with-body":
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.end_headers()
            self.wfile.write(HTML)
            self.close_connection = True
        elif name == "304-with-cl":
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(HTML)))
            self.end_headers()
        elif name == "307-relative":
            s(307, [("Location", "../other?x=1")])
        elif name == "401-empty-challenge":
            s(401, [jt, ("WWW-Authenticate", "")], j)
        elif name == "401-no-challenge":
            s(401, [jt], j)
        elif name == "401-bearer":
            s(401, [jt, ("WWW-Authenticate",
                         'Bearer realm="api", error="invalid_token"')], j)
        elif name == "403-json":
            s(403, [jt], j)
        elif name == "404-html":
            s(404, [ht], HTML)
        elif name == "405-allow-empty":
            s(405, [("Allow", "")])
        elif name == "405-no-allow":
            s(405, [jt], j)
        elif name == "407-proxy-auth":
            s(407, [("Proxy-Authenticate", 'Basic realm="proxy"')])
        elif name == "408-close":
            s(408, [("Connection", "close")])
            self.close_connection = True
        elif name == "408-no-close":
            s(408)
        elif name == "409-conflict":
            s(409, [jt], j)
        elif name == "415-accept":
            s(415, [("Accept", "application/json")])
        elif name == "416-bad-form":
            s(416, [("Content-Range", "bytes 0-0/0")])
        elif name == "418-teapot":
            s(418, [tt], b"short and stout\n")
        elif name == "422-unprocessable":
            s(422, [jt], j)
        elif name == "422-old-phrase":
            s(422, [jt], j, phrase="Unprocessable Entity")
        elif name == "425-too-early":
            s(425)
        elif name == "428-precondition":
            s(428, [jt], j)
        elif name == "429-retry":
            s(429, [jt, ("Retry-After", "60")], j)
        elif name == "431-large":
            s(431)
        elif name == "451-legal":
            s(451, [ht, ("Link", '<https://authority.example/>; '
                                 'rel="blocked-by"')], HTML)
        elif name == "451-no-link":
            s(451, [ht], HTML)
        elif name == "500-error":
            s(500, [tt], b"oops\n")
        elif name == "502-gateway":
            s(502, [tt], b"upstream\n")
        elif name == "503-retry-date":
            s(503, [tt, ("Retry-After", "Fri, 31 Dec 2049 23:59:59 GMT")],
              b"later\n")
        elif name == "504-timeout":
            s(504, [tt], b"timeout\n", phrase="Gateway Time-out")
        elif name == "511-network-auth":
            s(511, [ht], HTML)
        elif name == "511-with-challenge":
            s(511, [ht, ("WWW-Authenticate", 'Basic realm="portal"')], HTML)
        elif name == "299-custom":
            s(299, [tt], b"custom\n", phrase="Custom Success")
        elif name == "499-client-closed":
            s(499, [tt], b"closed\n", phrase="Client Closed Request")
        elif name == "600-invalid":
            s(600, [tt], b"no\n", phrase="Beyond")
        elif name == "200-reason-other":
            s(200, [tt], b"ok\n", phrase="Not Found")
        elif name == "200-empty-reason":
            self.raw(b"HTTP/1.1 200 \r\nContent-Type: text/plain\r\n"
                     b"Content-Length: 3\r\nDate: " + date.encode() +
                     b"\r\nConnection: close\r\n\r\nok\n")
        elif name == "103-early-hints":
            self.send_response_only(103)
            self.send_header("Link", "</style.css>; rel=preload; as=style")
            self.end_headers()
            s(200, [ht], HTML)
        elif name == "102-processing":
            self.send_response_only(102)
            self.end_headers()
            s(200, [jt], j)
        else:
            s(404, [tt], b"no such response\n")


def main():
    HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()


if __name__ == "__main__":
    main()
