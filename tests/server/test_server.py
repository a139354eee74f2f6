#!/usr/bin/env python3
"""tests/server/test_server.py: end-to-end tests of `httpstatus serve`.

    python3 tests/server/test_server.py BINARY

Starts the server on a free port of 127.0.0.1 (never any other address),
talks to it with http.client, curl and raw sockets, and prints one line
per test, "ok - NAME" or "not ok - NAME: reason", then "N passed, N
failed". Exits 1 when a test failed. Python 3.11 standard library only.

Time is checked as launch.py says: a timeout or a ?sleep is checked on
its early side (never sooner than asked, SLACK aside); every wait for
something owed is a liveness limit of seconds (LIVE), scaled by
launch.SLOW. Every socket operation has a timeout, and a watchdog ends the
run (and the servers it started) if it takes longer than
launch.watchdog(200) allows.
"""
import http.client
import json
import os
import re
import select
import socket
import struct
import subprocess
import sys
import threading
import time
from email.utils import parsedate_to_datetime

import launch
from launch import (HOST, LIVE, SERVERS, TESTS, Fail, Server, expect,
                    report, test)

BIN = None          # the httpstatus binary under test
MAIN = None         # the server every test but a few talks to
REGISTRY = {}       # code -> the `httpstatus --json CODE` entry it describes
CLASS_NAMES = {1: "Informational", 2: "Successful", 3: "Redirection",
               4: "Client Error", 5: "Server Error"}
IO_TIMEOUT = LIVE   # the default bound of every socket operation
# The server's ?sleep can end up to a millisecond early (libuv's loop clock
# is cached and counts whole milliseconds): the timing tests but one allow
# for that, and that one ("?sleep is never shorter than asked") does not.
SLACK = 0.002
RESPONSES = []      # (name, method, raw bytes) of responses for `check`


# ------------------------------------------------------ raw HTTP messages

TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
IMF_FIXDATE = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d "
                         r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                         r" \d{4} \d\d:\d\d:\d\d GMT$")


class Resp:
    """A response: its status line, fields in order, content and, when read
    from a raw socket, its bytes as they came."""

    def __init__(self, status, reason, headers, body=b"", raw=None,
                 version="HTTP/1.1"):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.raw = raw
        self.version = version
        self.close_delimited = False

    def all(self, name):
        name = name.lower()
        return [v for n, v in self.headers if n.lower() == name]

    def get(self, name):
        values = self.all(name)
        return values[0] if values else None

    def has(self, name):
        return bool(self.all(name))

    def conn_tokens(self):
        return {t.strip().lower() for v in self.all("Connection")
                for t in v.split(",") if t.strip()}

    def __repr__(self):
        return "<%d %s>" % (self.status, self.reason)

    @staticmethod
    def from_http(r, body):
        return Resp(r.status, r.reason, r.getheaders(), body,
                    version="HTTP/1.%d" % (r.version - 10))


def parse_head(head):
    """Parses a response head (status line to the empty line) strictly."""
    expect(head.endswith(b"\r\n\r\n"), "head does not end with CRLF CRLF")
    text = head[:-4].decode("latin-1")
    lines = text.split("\r\n")
    for line in lines:
        expect("\n" not in line and "\r" not in line,
               "bare CR or LF in the response head: %r" % line)
    m = re.match(r"^(HTTP/1\.[01]) (\d{3}) ([\t\x20-\x7e\x80-\xff]*)$",
                 lines[0])
    expect(m, "bad status line %r" % lines[0])
    headers = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        expect(colon and TOKEN.match(name),
               "bad field line %r" % line)
        expect(all(c == "\t" or " " <= c != "\x7f" for c in value),
               "control byte in field %r" % line)
        headers.append((name, value.strip(" \t")))
    return Resp(int(m.group(2)), m.group(3), headers, raw=head,
                version=m.group(1))


class Reader:
    """A socket with a buffer, every read bounded by a deadline."""

    def __init__(self, sock, timeout=IO_TIMEOUT):
        self.sock = sock
        self.buf = b""
        self.timeout = timeout

    def _fill(self, deadline):
        if self.sock is None:  # parsing bytes already read
            raise EOFError("end of the bytes")
        left = deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout("timed out")
        self.sock.settimeout(left)
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("connection closed")
        self.buf += data

    def head(self, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while b"\r\n\r\n" not in self.buf:
            expect(len(self.buf) < 1 << 20, "response head over 1 MiB")
            self._fill(deadline)
        i = self.buf.index(b"\r\n\r\n") + 4
        head, self.buf = self.buf[:i], self.buf[i:]
        return head

    def exact(self, n, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while len(self.buf) < n:
            self._fill(deadline)
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def line(self, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while b"\r\n" not in self.buf:
            self._fill(deadline)
        i = self.buf.index(b"\r\n") + 2
        data, self.buf = self.buf[:i], self.buf[i:]
        return data

    def rest(self, timeout=None):
        """Everything up to the peer's close."""
        deadline = time.monotonic() + (timeout or self.timeout)
        try:
            while True:
                self._fill(deadline)
        except EOFError:
            pass
        data, self.buf = self.buf, b""
        return data


def read_body(reader, resp, method):
    """Reads the content of resp by its framing (RFC 9112, Section 6.3)."""
    raw = b""
    if method == "HEAD" or resp.status < 200 or resp.status in (204, 304):
        return b"", raw
    te = resp.get("Transfer-Encoding")
    if te is not None:
        expect(te.lower() == "chunked", "Transfer-Encoding %r" % te)
        body = b""
        while True:
            line = reader.line()
            raw += line
            size = int(line.split(b";")[0].strip(), 16)
            if size == 0:
                while True:
                    t = reader.line()
                    raw += t
                    if t == b"\r\n":
                        return body, raw
            chunk = reader.exact(size + 2)
            raw += chunk
            body += chunk[:-2]
    if resp.has("Content-Length"):
        n = int(resp.get("Content-Length"))
        try:
            body = reader.exact(n)
        except EOFError:
            raise Fail("%d %s: Content-Length %d, but the connection closed "
                       "after %d bytes of content" % (resp.status, resp.reason,
                                                      n, len(reader.buf)))
        return body, body
    resp.close_delimited = True
    body = reader.rest()
    return body, body


def read_response(reader, method="GET"):
    """The interim responses and the final one, with its content."""
    interims = []
    while True:
        resp = parse_head(reader.head())
        if 100 <= resp.status < 200 and resp.status != 101:
            interims.append(resp)
            expect(len(interims) < 10, "more than 9 interim responses")
            continue
        resp.body, raw = read_body(reader, resp, method)
        resp.raw = b"".join(i.raw for i in interims) + resp.raw + raw
        resp.interims = interims
        return resp


def connect(port=None, timeout=IO_TIMEOUT):
    s = launch.connect(port or MAIN.port, timeout)
    s.settimeout(timeout)
    return s


def req(target="/200", method="GET", version="1.1", headers=(), body=b"",
        host=True):
    lines = ["%s %s HTTP/%s" % (method, target, version)]
    if host:
        lines.append("Host: 127.0.0.1")
    lines.extend(headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def exchange(data, method="GET", port=None, timeout=IO_TIMEOUT,
             record=None):
    """Sends data on a new connection and reads one response; returns it
    and the reader (whose socket is still open)."""
    s = connect(port, timeout)
    s.sendall(data)
    r = Reader(s, timeout)
    resp = read_response(r, method)
    if record:
        RESPONSES.append((record, method, resp.raw))
    return resp, r


def raw_to_eof(data, method="GET", port=None, timeout=IO_TIMEOUT):
    """Sends data, reads until the server closes; returns the bytes."""
    s = connect(port, timeout)
    try:
        s.sendall(data)
        return Reader(s, timeout).rest()
    finally:
        s.close()


def expect_closed(reader, timeout=IO_TIMEOUT, what="the response"):
    """Nothing more after what was read, then a clean close (FIN)."""
    expect(reader.buf == b"", "%d unexpected bytes after %s: %r"
           % (len(reader.buf), what, reader.buf[:60]))
    reader.sock.settimeout(timeout)
    try:
        data = reader.sock.recv(4096)
    except socket.timeout:
        raise Fail("connection still open %.1f s after %s"
                   % (timeout, what))
    except ConnectionResetError:
        raise Fail("connection reset (RST) instead of closed after %s"
                   % what)
    expect(data == b"", "unexpected bytes after %s: %r" % (what, data[:60]))
    expect(getattr(reader.sock, "eof", "close_notify") == "close_notify",
           "the TLS connection ended without close_notify after %s" % what)


def http_get(path, method="GET", headers=None, body=None, port=None,
             timeout=IO_TIMEOUT):
    c = launch.Connection(HOST, port or MAIN.port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        return Resp.from_http(r, data)
    finally:
        c.close()


def curl(*args, stdin=None):
    p = subprocess.run(["curl", *launch.curl_tls(), "--noproxy", "*", "-s",
                        "--max-time",
                        "%d" % IO_TIMEOUT, *args], input=stdin,
                       capture_output=True, timeout=2 * IO_TIMEOUT)
    return p.returncode, p.stdout, p.stderr


def url(path, port=None):
    return launch.url(port or MAIN.port, path)


def still_serving(port=None):
    """A new connection gets a normal 200."""
    resp, r = exchange(req("/200", headers=["Connection: close"]), port=port)
    r.sock.close()
    expect(resp.status == 200, "a new connection afterwards got %d, not 200"
           % resp.status)
    expect(resp.body.startswith(b"200 OK\n"), "a new connection afterwards"
           " got content %r" % resp.body[:40])


# ---------------------------------------------------------------- registry

def load_registry():
    """code -> the entry the server describes: `httpstatus --json CODE`,
    the registered entry, or else the first unofficial one."""
    for code in range(100, 600):
        p = subprocess.run([BIN, "--json", str(code)], capture_output=True,
                           timeout=IO_TIMEOUT)
        if p.returncode != 0:
            continue
        data = json.loads(p.stdout)
        entries = data if isinstance(data, list) else [data]
        entries = [e for e in entries if e["code"] == code]
        official = [e for e in entries if e["official"]]
        if official or entries:
            REGISTRY[code] = (official or entries)[0]


def expected_reason(code):
    e = REGISTRY.get(code)
    return e["reason"] if e else CLASS_NAMES[code // 100]


def rules(code, levels):
    """The field names of code's unconditional rules at these levels."""
    e = REGISTRY.get(code)
    if not e:
        return []
    return [h["field"] for h in e["headers"]
            if h["condition"] is None and h["level"] in levels]


def common_problems(resp, request_method="GET"):
    """What every final response must have: Date, Server, CORS, one copy
    of each single-valued field."""
    out = []
    dates = resp.all("Date")
    if len(dates) != 1:
        out.append("%d Date fields" % len(dates))
    elif not IMF_FIXDATE.match(dates[0]):
        out.append("Date %r is not an IMF-fixdate" % dates[0])
    else:
        when = parsedate_to_datetime(dates[0]).timestamp()
        if abs(when - time.time()) > 60:
            out.append("Date %r is not now" % dates[0])
    servers = resp.all("Server")
    if len(servers) != 1 or not servers[0].startswith("httpstatus/"):
        out.append("Server fields %r" % servers)
    if resp.all("Access-Control-Allow-Origin") != ["*"]:
        out.append("Access-Control-Allow-Origin %r"
                   % resp.all("Access-Control-Allow-Origin"))
    for name in ("Content-Length", "Content-Type", "Content-Range",
                 "Location", "ETag", "Retry-After"):
        if len(resp.all(name)) > 1:
            out.append("%d %s fields" % (len(resp.all(name)), name))
    if resp.has("Transfer-Encoding") and (resp.status < 200 or
                                          resp.status == 204):
        out.append("Transfer-Encoding on a %d" % resp.status)
    return out


def rule_problems(resp, code=None):
    """The registry's unconditional MUST/SHOULD fields present, MUST NOT
    and SHOULD NOT fields absent."""
    code = code or resp.status
    out = []
    for f in rules(code, ("MUST", "SHOULD")):
        if not resp.has(f):
            out.append("%d lacks %s (registry MUST/SHOULD)" % (code, f))
    for f in rules(code, ("MUST NOT", "SHOULD NOT")):
        if resp.has(f):
            out.append("%d has %s (registry MUST NOT)" % (code, f))
    return out


def framing_problems(resp, request_method="GET"):
    out = []
    s = resp.status
    cl = resp.get("Content-Length")
    if s < 200 or s == 204:
        if cl is not None:
            out.append("Content-Length on a %d" % s)
        if resp.body:
            out.append("content on a %d" % s)
    elif s == 304:
        if resp.body:
            out.append("content on a 304")
    elif request_method == "HEAD":
        if resp.body:
            out.append("content in a response to HEAD")
    else:
        if cl is None:
            out.append("no Content-Length on a %d" % s)
        elif int(cl) != len(resp.body):
            out.append("Content-Length %s but %d bytes of content"
                       % (cl, len(resp.body)))
        if s == 205 and (cl != "0" or resp.body):
            out.append("205 with content (Content-Length %r)" % cl)
    return out


def page_prefix(code):
    return ("%d %s\n\n" % (code, expected_reason(code))).encode()


# ------------------------------------------------------------------ tests

# --- every code

@test("GET /{code} 200..599 (http.client): status line, reason, common "
      "fields, framing, registry rules")
def _():
    problems = []
    c = launch.Connection(HOST, MAIN.port, timeout=IO_TIMEOUT)
    try:
        for code in range(200, 600):
            c.request("GET", "/%d" % code)
            r = c.getresponse()
            body = r.read()
            resp = Resp.from_http(r, body)
            where = "/%d: " % code
            if r.version != 11:
                problems.append(where + "version %d" % r.version)
            if resp.status != code:
                problems.append(where + "status %d" % resp.status)
                continue
            if resp.reason != expected_reason(code):
                problems.append(where + "reason %r, expected %r"
                                % (resp.reason, expected_reason(code)))
            problems += [where + p for p in common_problems(resp)]
            problems += [where + p for p in framing_problems(resp)]
            problems += [where + p for p in rule_problems(resp)]
            if code in (204, 205, 304):
                continue
            if code == 206:
                if body != page_prefix(206)[:10]:
                    problems.append(where + "content %r" % body)
                if not re.match(r"^bytes 0-9/\d+$",
                                resp.get("Content-Range") or ""):
                    problems.append(where + "Content-Range %r"
                                    % resp.get("Content-Range"))
            elif not body.startswith(page_prefix(code)):
                problems.append(where + "content starts %r" % body[:40])
            if not (resp.get("Content-Type") or "").startswith(
                    "text/plain"):
                problems.append(where + "Content-Type %r"
                                % resp.get("Content-Type"))
            if resp.get("Vary") != "Accept":
                problems.append(where + "Vary %r" % resp.get("Vary"))
    finally:
        c.close()
    report(problems)


@test("GET /1xx (raw): an interim response without Content-Length, then a "
      "final 200 describing the code")
def _():
    problems = []
    s = connect()
    r = Reader(s)
    try:
        for code in [100] + list(range(102, 200)):
            s.sendall(req("/%d" % code))
            resp = read_response(r)
            where = "/%d: " % code
            if len(resp.interims) != 1:
                problems.append(where + "%d interim responses"
                                % len(resp.interims))
                continue
            i = resp.interims[0]
            if (i.status, i.reason) != (code, expected_reason(code)):
                problems.append(where + "interim %d %r" % (i.status,
                                                           i.reason))
            for name in ("Content-Length", "Transfer-Encoding"):
                if i.has(name):
                    problems.append(where + "interim has " + name)
            problems += [where + "interim: " + p
                         for p in rule_problems(i, code)]
            if code != 103 and i.headers:
                problems.append(where + "interim has fields %r" % i.headers)
            if resp.status != 200 or resp.reason != "OK":
                problems.append(where + "final %d %r" % (resp.status,
                                                         resp.reason))
            problems += [where + p for p in common_problems(resp)]
            problems += [where + p for p in framing_problems(resp)]
            if not resp.body.startswith(page_prefix(code)):
                problems.append(where + "content starts %r"
                                % resp.body[:40])
    finally:
        s.close()
    report(problems)


EARLY_HINTS = {
    "/early-hints/style.css": ("style", "text/css; charset=utf-8"),
    "/early-hints/script.js": ("script", "text/javascript; charset=utf-8"),
}


@test("GET /103: the interim 103 preloads the two early-hints resources, "
      "as=style and as=script")
def _():
    resp, r = exchange(req("/103"), record="103 interim + 200")
    r.sock.close()
    expect(len(resp.interims) == 1, "%d interim responses"
           % len(resp.interims))
    links = resp.interims[0].all("Link")
    want = ["<%s>; rel=preload; as=%s" % (path, dest)
            for path, (dest, _) in EARLY_HINTS.items()]
    expect(links == want, "Link fields %r, not %r" % (links, want))
    expect(resp.status == 200, "final %d" % resp.status)
    expect(not resp.has("Link"), "the final 200 has Link %r"
           % resp.all("Link"))


@test("GET /103 with a browser's Accept: an HTML page that links the "
      "stylesheet and loads the script the 103 hinted at")
def _():
    accept = ("Accept: text/html,application/xhtml+xml,application/xml;"
              "q=0.9,*/*;q=0.8")
    resp, r = exchange(req("/103", headers=[accept]))
    r.sock.close()
    expect(len(resp.interims) == 1, "%d interim responses"
           % len(resp.interims))
    expect(resp.status == 200, "final %d" % resp.status)
    expect(resp.get("Content-Type") == "text/html; charset=utf-8",
           "Content-Type %r" % resp.get("Content-Type"))
    expect(b'<link rel="stylesheet" href="/early-hints/style.css">'
           in resp.body, "no stylesheet link in %r" % resp.body[:300])
    expect(b'<script src="/early-hints/script.js"></script>' in resp.body,
           "no script element in %r" % resp.body[-300:])
    # a client that does not ask for HTML gets the page as before
    resp, r = exchange(req("/103", headers=["Accept: application/json"]))
    r.sock.close()
    expect(resp.status == 200 and json.loads(resp.body)["code"] == 103
           and b"early-hints" not in resp.body, "JSON %r" % resp.body[:120])


@test("GET and HEAD of the early-hints resources: 200, their type, "
      "cacheable for a day, an ETag that revalidates to 304")
def _():
    for path, (dest, ctype) in EARLY_HINTS.items():
        resp, r = exchange(req(path))
        r.sock.close()
        expect(resp.status == 200, "%s: %d" % (path, resp.status))
        expect(resp.get("Content-Type") == ctype, "%s: Content-Type %r"
               % (path, resp.get("Content-Type")))
        expect(resp.all("Cache-Control") == ["public, max-age=86400"],
               "%s: Cache-Control %r" % (path, resp.all("Cache-Control")))
        etag = resp.get("ETag")
        expect(etag is not None and re.match(r'^"[0-9a-f]{16}"$', etag),
               "%s: ETag %r" % (path, etag))
        expect(len(resp.body) > 0 and
               int(resp.get("Content-Length")) == len(resp.body),
               "%s: %d bytes" % (path, len(resp.body)))
        head, r = exchange(req(path, method="HEAD"), method="HEAD")
        r.sock.close()
        expect(head.status == 200 and head.body == b"" and
               head.get("Content-Length") == resp.get("Content-Length") and
               head.get("ETag") == etag, "%s: HEAD %d %r"
               % (path, head.status, head.headers))
        again, r = exchange(req(path, headers=["If-None-Match: " + etag]))
        r.sock.close()
        expect(again.status == 304 and again.body == b"" and
               again.get("ETag") == etag and
               again.get("Cache-Control") == "public, max-age=86400",
               "%s: If-None-Match %d %r" % (path, again.status,
                                            again.headers))
        post, r = exchange(req(path, method="POST",
                               headers=["Content-Length: 0"]))
        r.sock.close()
        expect(post.status == 405 and post.get("Allow") == "GET, HEAD",
               "%s: POST %d Allow %r" % (path, post.status,
                                         post.get("Allow")))


@test("GET /index.txt lists the early-hints resources")
def _():
    resp, r = exchange(req("/index.txt"))
    r.sock.close()
    for path in EARLY_HINTS:
        expect(("GET " + path).encode() in resp.body,
               "%s is not in the index" % path)


@test("HTTP/1.0 GET /100, /102, /103, /150: no interim response, the 200 "
      "alone")
def _():
    for code in (100, 102, 103, 150):
        resp, r = exchange(req("/%d" % code, version="1.0", host=False))
        expect(resp.interims == [], "/%d: interim %r sent to HTTP/1.0"
               % (code, resp.interims))
        expect(resp.status == 200, "/%d: %d" % (code, resp.status))
        expect(resp.body.startswith(page_prefix(code)),
               "/%d: content %r" % (code, resp.body[:40]))
        expect_closed(r)
        r.sock.close()


@test("GET /101 without Upgrade: 426 with Upgrade and Connection: upgrade")
def _():
    resp = http_get("/101")
    expect(resp.status == 426, "status %d" % resp.status)
    expect(resp.get("Upgrade"), "no Upgrade field")
    expect("upgrade" in resp.conn_tokens(), "Connection %r"
           % resp.all("Connection"))
    expect(resp.body.startswith(page_prefix(426)), "content %r"
           % resp.body[:40])


@test("GET /101 with Upgrade: 101 Switching Protocols, no content, close")
def _():
    resp, r = exchange(req("/101", headers=["Connection: upgrade",
                                            "Upgrade: httpstatus-test"]),
                       record="101 upgrade")
    expect(resp.status == 101, "status %d" % resp.status)
    expect(resp.reason == "Switching Protocols", "reason %r" % resp.reason)
    report(rule_problems(resp, 101) + framing_problems(resp))
    expect(resp.get("Upgrade") == "httpstatus-test", "Upgrade %r"
           % resp.get("Upgrade"))
    expect("upgrade" in resp.conn_tokens(), "Connection %r"
           % resp.all("Connection"))
    expect_closed(r)
    r.sock.close()


@test("GET /{code} 100..599 with Connection: close (raw, to EOF): exact "
      "framing, Connection: close")
def _():
    problems = []
    for code in range(100, 600):
        where = "/%d: " % code
        try:
            data = raw_to_eof(req("/%d" % code, headers=["Connection: close"]))
            r = Reader(None)
            r.buf = data
            resp = read_response(r)
            extra = r.buf
        except Exception as e:  # noqa: BLE001 -- reported per code
            problems.append(where + "%s: %s" % (type(e).__name__, e))
            continue
        RESPONSES.append(("GET /%d" % code, "GET", data))
        if resp.close_delimited:
            problems.append(where + "content delimited by the close")
        if extra:
            problems.append(where + "%d bytes after the response: %r"
                            % (len(extra), extra[:40]))
        problems += [where + p for p in framing_problems(resp)]
        if code != 101 and "close" not in resp.conn_tokens():
            problems.append(where + "Connection %r" % resp.all("Connection"))
    report(problems)


@test("204, 304 and 1xx interims have no content (a request pipelined after"
      " them is answered next); 205 has Content-Length: 0")
def _():
    for code in (204, 304, 205, 103):
        s = connect()
        try:
            s.sendall(req("/%d" % code) + req("/202"))
            r = Reader(s)
            first = read_response(r)
            second = read_response(r)
        finally:
            s.close()
        expect(first.status == (200 if code == 103 else code),
               "/%d: status %d" % (code, first.status))
        report(framing_problems(first))
        if code in (204, 304):
            expect(not first.has("Content-Length"),
                   "/%d has Content-Length" % code)
        if code == 205:
            expect(first.get("Content-Length") == "0",
                   "205 Content-Length %r" % first.get("Content-Length"))
        expect(second.status == 202, "after /%d the next response is %d, "
               "not 202: stray content?" % (code, second.status))


@test("reason phrases: registered (418), unofficial vendor phrase (520, "
      "420), class name for unregistered codes (432, 299, 399, 5xx, 150)")
def _():
    expect(REGISTRY.get(520, {}).get("official") is False,
           "the registry has no unofficial 520")
    bare5 = min(c for c in range(500, 600) if c not in REGISTRY)
    for code, reason in ((418, "I'm a teapot"),
                         (520, REGISTRY[520]["reason"]),
                         (420, expected_reason(420)),
                         (432, "Client Error"), (299, "Successful"),
                         (bare5, "Server Error"), (399, "Redirection")):
        resp = http_get("/%d" % code)
        expect((resp.status, resp.reason) == (code, reason),
               "/%d: %d %r, expected %r" % (code, resp.status, resp.reason,
                                            reason))
    resp, r = exchange(req("/150"))
    r.sock.close()
    expect(resp.interims and resp.interims[0].reason == "Informational",
           "/150 interim %r" % resp.interims)


@test("HEAD on a sample of codes: GET's fields, Content-Length included, "
      "and no content")
def _():
    problems = []
    for code in (100, 103, 200, 201, 204, 205, 206, 301, 304, 401, 404, 405,
                 416, 426, 429, 451, 500, 503, 520, 599):
        where = "HEAD /%d: " % code
        get = read_response_of(req("/%d" % code,
                                   headers=["Connection: close"]))
        data = raw_to_eof(req("/%d" % code, method="HEAD",
                              headers=["Connection: close"]))
        r = Reader(None)
        r.buf = data
        head = read_response(r, "HEAD")
        RESPONSES.append(("HEAD /%d" % code, "HEAD", data))
        if r.buf:
            problems.append(where + "%d bytes of content: %r"
                            % (len(r.buf), r.buf[:40]))
        if head.status != get.status:
            problems.append(where + "status %d, GET %d" % (head.status,
                                                           get.status))
        strip = lambda h: [(n.lower(), v) for n, v in h if n != "Date"]
        if strip(head.headers) != strip(get.headers):
            problems.append(where + "fields %r, GET has %r"
                            % (head.headers, get.headers))
        if [(i.status, i.headers) for i in head.interims] != \
                [(i.status, i.headers) for i in get.interims]:
            problems.append(where + "interims differ from GET's")
        problems += [where + p for p in common_problems(head)]
    report(problems)


def read_response_of(data, method="GET"):
    resp, r = exchange(data, method)
    r.sock.close()
    return resp


# --- negotiation

@test("Accept: none gives text/plain with Vary: Accept")
def _():
    resp = http_get("/404")
    expect(resp.get("Content-Type") == "text/plain; charset=utf-8",
           "Content-Type %r" % resp.get("Content-Type"))
    expect(resp.get("Vary") == "Accept", "Vary %r" % resp.get("Vary"))
    expect(resp.body.startswith(b"404 Not Found\n\n"), "content %r"
           % resp.body[:40])


@test("Accept: application/json gives JSON with code and reason")
def _():
    for code in (200, 404, 503, 520, 432):
        resp = http_get("/%d" % code, headers={"Accept": "application/json"})
        expect(resp.status == code, "status %d" % resp.status)
        expect(resp.get("Content-Type") == "application/json",
               "Content-Type %r" % resp.get("Content-Type"))
        expect(resp.get("Vary") == "Accept", "Vary %r" % resp.get("Vary"))
        doc = json.loads(resp.body)
        expect(doc.get("code") == code and
               doc.get("reason") == expected_reason(code),
               "JSON %r" % {k: doc.get(k) for k in ("code", "reason")})


@test("Accept: text/html gives an HTML page")
def _():
    resp = http_get("/418", headers={"Accept": "text/html"})
    expect(resp.get("Content-Type") == "text/html; charset=utf-8",
           "Content-Type %r" % resp.get("Content-Type"))
    expect(resp.get("Vary") == "Accept", "Vary %r" % resp.get("Vary"))
    expect(resp.body.startswith(b"<!DOCTYPE html>"), "content %r"
           % resp.body[:40])
    expect(b"I&#39;m a teapot" in resp.body, "the reason is not escaped in"
           " the page")


@test("Accept with q-values, wildcards and nothing acceptable")
def _():
    cases = [("text/html;q=0.5, application/json", "application/json"),
             ("application/json;q=0.1, text/html;q=0.9", "text/html"),
             ("*/*", "text/plain"),
             ("text/*", "text/plain"),
             ("application/*", "application/json"),
             ("text/plain;q=0, application/json;q=0.2", "application/json"),
             ("image/png", "text/plain")]
    for accept, want in cases:
        resp = http_get("/200", headers={"Accept": accept})
        got = (resp.get("Content-Type") or "").split(";")[0]
        expect(resp.status == 200 and got == want, "Accept %r: %d %s, "
               "expected %s" % (accept, resp.status, got, want))


# --- paths

@test("paths that look like codes but are not: /99 /600 /0200 /4294967496 "
      "/200abc /20 /-200 /+200 are 400")
def _():
    c = launch.Connection(HOST, MAIN.port, timeout=IO_TIMEOUT)
    try:
        for path in ("/99", "/600", "/0200", "/4294967496", "/200abc", "/20",
                     "/-200", "/+200", "/1000", "/099"):
            c.request("GET", path)
            r = c.getresponse()
            body = r.read()
            expect(r.status == 400, "%s: %d" % (path, r.status))
            expect(body.startswith(b"400 Bad Request\n"), "%s: content %r"
                   % (path, body[:40]))
            report(common_problems(Resp.from_http(r, body)))
    finally:
        c.close()


@test("/ is the page, /index.txt the index, an unknown path is 404, "
      "/healthz is 200 ok")
def _():
    resp = http_get("/")
    expect(resp.status == 200 and (resp.get("Content-Type") or "")
           .startswith("text/html"), "/: %d %r" % (resp.status,
                                                  resp.body[:40]))
    expect(resp.get("ETag") is not None, "/ without ETag")
    resp = http_get("/index.txt")
    expect(resp.status == 200 and b"/random" in resp.body,
           "/index.txt: %d %r" % (resp.status, resp.body[:40]))
    resp = http_get("/nothing/here")
    expect(resp.status == 404, "/nothing/here: %d" % resp.status)
    resp = http_get("/healthz")
    expect(resp.status == 200, "/healthz: %d" % resp.status)
    expect(resp.body.strip() == b"ok", "/healthz content %r" % resp.body)
    report(common_problems(resp) + framing_problems(resp))


@test("README, httpstatus(1) and the reference page name every endpoint "
      "of /index.txt")
def _():
    resp = http_get("/index.txt")
    # "  GET /get   the request..." -> "/get"; "/anything/*" -> "/anything"
    patterns = re.findall(r"^  (?:[A-Z]+ )?(/\S*?)(?:/\*)?(?: |$)",
                          resp.body.decode().split("\n\n")[1], re.M)
    expect(len(patterns) > 30, "only %d endpoints in the index"
           % len(patterns))
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "..")
    for doc in ("README.md", "docs/httpstatus.1", "server/page.html"):
        with open(os.path.join(root, doc), encoding="utf-8") as f:
            text = f.read().replace("\\-", "-")
        missing = [p for p in patterns if p not in text]
        expect(not missing, "%s lacks %s" % (doc, ", ".join(missing)))


@test("/codes.json is a JSON array with every registered code")
def _():
    resp = http_get("/codes.json")
    expect(resp.status == 200, "status %d" % resp.status)
    expect((resp.get("Content-Type") or "").startswith("application/json"),
           "Content-Type %r" % resp.get("Content-Type"))
    doc = json.loads(resp.body)
    expect(isinstance(doc, list), "not an array")
    codes = {e.get("code") for e in doc}
    registered = {c for c, e in REGISTRY.items() if e["official"]}
    expect(len(registered) > 50, "only %d registered codes known"
           % len(registered))
    missing = sorted(registered - codes)
    expect(not missing, "missing codes %r" % missing)
    expect(520 in codes, "no unofficial 520")
    for e in doc:
        if e["code"] in registered and e["official"]:
            expect(e["reason"] == REGISTRY[e["code"]]["reason"],
                   "%d reason %r" % (e["code"], e["reason"]))
    expect([e["code"] for e in doc] == sorted(e["code"] for e in doc),
           "not sorted by code")


# --- /random

@test("/random/200,201,500-504 draws only listed codes")
def _():
    allowed = {200, 201, 500, 501, 502, 503, 504}
    seen = set()
    c = launch.Connection(HOST, MAIN.port, timeout=IO_TIMEOUT)
    try:
        for _ in range(70):
            c.request("GET", "/random/200,201,500-504")
            r = c.getresponse()
            body = r.read()
            expect(r.status in allowed, "drew %d" % r.status)
            expect(body.startswith(page_prefix(r.status)),
                   "%d with content %r" % (r.status, body[:40]))
            seen.add(r.status)
    finally:
        c.close()
    expect(len(seen) >= 4, "70 draws gave only %r" % sorted(seen))


@test("/random/200:0.9,503:0.1 draws about 90/10 over 200 requests")
def _():
    counts = {}
    c = launch.Connection(HOST, MAIN.port, timeout=IO_TIMEOUT)
    try:
        for _ in range(200):
            c.request("GET", "/random/200:0.9,503:0.1")
            r = c.getresponse()
            r.read()
            counts[r.status] = counts.get(r.status, 0) + 1
    finally:
        c.close()
    expect(set(counts) <= {200, 503}, "drew %r" % counts)
    # Expected 20 503s, standard deviation 4.2: 5..40 is well outside
    # chance.
    expect(5 <= counts.get(503, 0) <= 40, "503 drawn %d times of 200"
           % counts.get(503, 0))


@test("/random with a bad list is 400")
def _():
    bad = ["/random", "/random/", "/random/abc", "/random/200:0",
           "/random/200,503:0.1", "/random/504-500", "/random/600",
           "/random/99", "/random/200,,201", "/random/200,",
           "/random/200:0.1234567", "/random/200:abc", "/random/200-",
           "/random/" + ",".join(["200"] * 65)]
    c = launch.Connection(HOST, MAIN.port, timeout=IO_TIMEOUT)
    try:
        for path in bad:
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            expect(r.status == 400, "%s: %d" % (path[:40], r.status))
        c.request("GET", "/random/" + ",".join(["201"] * 64))
        r = c.getresponse()
        r.read()
        expect(r.status == 201, "64 entries: %d" % r.status)
    finally:
        c.close()


# --- query parameters

@test("?sleep=300 delays the response by at least 300 ms")
def _():
    t0 = time.monotonic()
    resp = http_get("/200?sleep=300")
    dt = time.monotonic() - t0
    expect(resp.status == 200, "status %d" % resp.status)
    # SLACK: the millisecond precision that the strict test below checks.
    expect(dt >= 0.3 - SLACK, "took %.4f s" % dt)


@test("?sleep is never shorter than asked: 200 requests with ?sleep=10 each"
      " take at least 10 ms")
def _():
    short = []
    s = connect()
    r = Reader(s)
    try:
        for i in range(200):
            t0 = time.monotonic()
            s.sendall(req("/200?sleep=10"))
            resp = read_response(r)
            dt = time.monotonic() - t0
            expect(resp.status == 200, "status %d" % resp.status)
            if dt < 0.010:
                short.append("%.2f ms" % (dt * 1000))
    finally:
        s.close()
    expect(not short, "%d of 200 responses came sooner than 10 ms after the"
           " request was sent: %s" % (len(short), ", ".join(short[:5])))


@test("?sleep too big, negative, not a number, empty, twice: 400, without "
      "sleeping")
def _():
    # Not slept: a liveness limit, but one under the 30 s that the first
    # would take if it were slept.
    bound = min(IO_TIMEOUT, 20.0)
    for q in ("sleep=30001", "sleep=99999999999999999999", "sleep=abc",
              "sleep=-1", "sleep=", "sleep=1.5", "sleep=1&sleep=1",
              "sleep=%31"):
        t0 = time.monotonic()
        resp = http_get("/200?" + q, timeout=bound)
        dt = time.monotonic() - t0
        expect(resp.status == 400, "?%s: %d" % (q, resp.status))
        expect(dt < bound, "?%s: the 400 took %.2f s" % (q, dt))


@test("?header=X-Test:hello adds the field (percent-decoded, trimmed)")
def _():
    resp = http_get("/200?header=X-Test:hello")
    expect(resp.status == 200 and resp.all("X-Test") == ["hello"],
           "%d X-Test %r" % (resp.status, resp.all("X-Test")))
    resp = http_get("/404?header=X-A:%20a%20b%20&header=X-B:c")
    expect(resp.status == 404 and resp.get("X-A") == "a b" and
           resp.get("X-B") == "c", "%d X-A %r X-B %r"
           % (resp.status, resp.get("X-A"), resp.get("X-B")))
    resp = http_get("/200?header=Cache-Control:no-store")
    expect(resp.get("Cache-Control") == "no-store", "Cache-Control %r"
           % resp.get("Cache-Control"))


@test("?header naming a framing or hop-by-hop field is 400")
def _():
    for name in ("Content-Length", "content-length", "Transfer-Encoding",
                 "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer",
                 "Host", "Proxy-Connection"):
        resp = http_get("/200?header=%s:1" % name)
        expect(resp.status == 400, "header=%s: %d" % (name, resp.status))
        expect(resp.all("Content-Length") == [str(len(resp.body))],
               "header=%s: Content-Length %r" % (name,
                                                 resp.all("Content-Length")))


@test("?header with CR/LF, NUL or a control byte (percent-encoded), or a "
      "bad name, is 400")
def _():
    for q in ("header=X-Test:a%0d%0aSet-Cookie:x=1", "header=X-Test:a%0ab",
              "header=X-Test:a%0db", "header=X-Test:a%00b",
              "header=X-Test:a%7fb", "header=X-Test:a%01b",
              "header=X%0d%0aY:z", "header=X%20Y:z", "header=:v",
              "header=novalue", "header=X-Test:%zz", "header=X-Test:%c3%a9"):
        resp = http_get("/200?" + q)
        expect(resp.status == 400, "?%s: %d" % (q, resp.status))
        expect(not resp.has("Set-Cookie") and not resp.has("X-Test"),
               "?%s: the field was added" % q)


@test("?location=/x sets the Location of 302 (and 201, 301, 303, 307, 308)")
def _():
    for code in (302, 201, 301, 303, 307, 308):
        resp = http_get("/%d?location=/x" % code)
        expect(resp.status == code and resp.all("Location") == ["/x"],
               "/%d: %d Location %r" % (code, resp.status,
                                        resp.all("Location")))
    resp = http_get("/302")
    expect(resp.get("Location") == "/200", "default Location %r"
           % resp.get("Location"))
    resp = http_get("/302?location=/a%0d%0aX-Injected:1")
    expect(resp.status == 302 and
           resp.get("Location") == "/a%0d%0aX-Injected:1" and
           not resp.has("X-Injected"),
           "escapes: %d Location %r" % (resp.status, resp.get("Location")))


@test("bad ?location values (//evil, http://evil, relative, bad escape, "
      "twice) are 400")
def _():
    for loc in ("//evil", "//evil.example/x", "http://evil",
                "https://evil/x", "evil", "", "/a%zz", "/a%2", "/a\\b"):
        resp = http_get("/302?location=" + loc)
        expect(resp.status == 400, "location=%s: %d" % (loc, resp.status))
    resp = http_get("/302?location=/a&location=/b")
    expect(resp.status == 400, "location twice: %d" % resp.status)


@test("429 and 503 carry Retry-After (1, or ?retry_after)")
def _():
    for code in (429, 503):
        resp = http_get("/%d" % code)
        expect(resp.get("Retry-After") == "1", "/%d Retry-After %r"
               % (code, resp.get("Retry-After")))
        resp = http_get("/%d?retry_after=120" % code)
        expect(resp.get("Retry-After") == "120", "/%d?retry_after=120: %r"
               % (code, resp.get("Retry-After")))
    for q in ("retry_after=86401", "retry_after=x", "retry_after=-5"):
        resp = http_get("/503?" + q)
        expect(resp.status == 400, "?%s: %d" % (q, resp.status))


@test("?header replaces the server's own field of that name")
def _():
    resp = http_get("/405?header=Allow:GET")
    expect(resp.status == 405 and resp.all("Allow") == ["GET"],
           "405: Allow %r" % resp.all("Allow"))
    resp = http_get("/302?header=Location:/there")
    expect(resp.all("Location") == ["/there"],
           "302: Location %r" % resp.all("Location"))
    resp = http_get("/200?header=Content-Type:text/csv")
    expect(resp.all("Content-Type") == ["text/csv"],
           "Content-Type %r" % resp.all("Content-Type"))
    resp = http_get("/200?header=Access-Control-Allow-Origin:"
                    "https://a.example")
    expect(resp.all("Access-Control-Allow-Origin") == ["https://a.example"],
           "CORS %r" % resp.all("Access-Control-Allow-Origin"))


@test("unknown query parameters are ignored; a bad known one is 400")
def _():
    for q in ("foo=bar", "&", "a", "cb=123&utm_source=x", "Sleep=1"):
        resp = http_get("/200?" + q)
        expect(resp.status == 200, "?%s: %d" % (q, resp.status))
    for q, name in (("sleep", "sleep"), ("sleep=1&&sleep=2", "sleep"),
                    ("x=1&retry_after=later", "retry_after")):
        resp = http_get("/200?" + q)
        expect(resp.status == 400 and name.encode() in resp.body,
               "?%s: %d %r" % (q, resp.status, resp.body[:80]))


# --- CORS and OPTIONS

@test("CORS preflight: OPTIONS with Origin and Access-Control-Request-Method"
      " is 204 with Allow-Methods")
def _():
    resp = http_get("/503", method="OPTIONS", headers={
        "Origin": "http://example.com",
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "x-custom"})
    expect(resp.status == 204, "status %d" % resp.status)
    methods = [m.strip() for m in
               (resp.get("Access-Control-Allow-Methods") or "").split(",")]
    expect("PUT" in methods and "GET" in methods,
           "Access-Control-Allow-Methods %r"
           % resp.get("Access-Control-Allow-Methods"))
    expect(resp.all("Access-Control-Allow-Origin") == ["http://example.com"]
           and resp.get("Access-Control-Allow-Credentials") == "true",
           "Access-Control-Allow-Origin %r, -Credentials %r"
           % (resp.all("Access-Control-Allow-Origin"),
              resp.get("Access-Control-Allow-Credentials")))
    expect(resp.get("Access-Control-Allow-Headers") == "x-custom",
           "Access-Control-Allow-Headers %r"
           % resp.get("Access-Control-Allow-Headers"))
    expect(resp.get("Access-Control-Max-Age"), "no Access-Control-Max-Age")
    report(framing_problems(resp))


@test("CORS: a request with Origin gets it back with credentials allowed "
      "and Vary: Origin; one without gets *")
def _():
    for path in ("/503", "/get", "/nothing/here"):
        resp = http_get(path, headers={"Origin": "https://app.example:8443"})
        expect(resp.all("Access-Control-Allow-Origin")
               == ["https://app.example:8443"],
               "%s: Allow-Origin %r" % (path,
                                        resp.all("Access-Control-Allow-Origin")))
        expect(resp.all("Access-Control-Allow-Credentials") == ["true"],
               "%s: Allow-Credentials %r"
               % (path, resp.all("Access-Control-Allow-Credentials")))
        expect("Origin" in [v.strip() for f in resp.all("Vary")
                            for v in f.split(",")],
               "%s: Vary %r" % (path, resp.all("Vary")))
        report(framing_problems(resp))
        resp = http_get(path)
        expect(resp.all("Access-Control-Allow-Origin") == ["*"] and
               resp.get("Access-Control-Allow-Credentials") is None,
               "%s without Origin: %r" % (path, resp.headers))
    resp = http_get("/200?header=Access-Control-Allow-Origin:https://b.example",
                    headers={"Origin": "https://a.example"})
    expect(resp.all("Access-Control-Allow-Origin") == ["https://b.example"],
           "?header did not win: %r" % resp.all("Access-Control-Allow-Origin"))


@test("CORS: with credentials, Expose-Headers lists the response's fields, "
      "as \"*\" would name a field called \"*\"; without, it is *")
def _():
    resp = http_get("/429", headers={"Origin": "https://a.example"})
    exposed = [v.strip() for f in resp.all("Access-Control-Expose-Headers")
               for v in f.split(",")]
    expect("Retry-After" in exposed and "*" not in exposed and
           "Content-Type" not in exposed and
           not any(v.lower().startswith("access-control-") for v in exposed),
           "Expose-Headers %r" % resp.all("Access-Control-Expose-Headers"))
    resp = http_get("/429")
    expect(resp.all("Access-Control-Expose-Headers") == ["*"],
           "without Origin: Expose-Headers %r"
           % resp.all("Access-Control-Expose-Headers"))


@test("OPTIONS /path without a preflight: 204 with Allow")
def _():
    resp = http_get("/200", method="OPTIONS")
    expect(resp.status in (200, 204), "status %d" % resp.status)
    expect("GET" in (resp.get("Allow") or ""), "Allow %r"
           % resp.get("Allow"))
    report(framing_problems(resp))


@test("OPTIONS * (raw): 204 or 200 with Allow")
def _():
    resp, r = exchange(req("*", method="OPTIONS"), record="OPTIONS *")
    r.sock.close()
    expect(resp.status in (200, 204), "status %d" % resp.status)
    expect("GET" in (resp.get("Allow") or ""), "Allow %r"
           % resp.get("Allow"))
    report(framing_problems(resp) + common_problems(resp))
    resp, r = exchange(req("*", method="GET"))
    expect(resp.status == 400, "GET *: %d" % resp.status)
    r.sock.close()


@test("CONNECT and TRACE are 405 with Allow")
def _():
    resp, r = exchange(req("127.0.0.1:443", method="CONNECT"),
                       record="CONNECT 405")
    r.sock.close()
    expect(resp.status == 405 and "GET" in (resp.get("Allow") or ""),
           "CONNECT: %d Allow %r" % (resp.status, resp.get("Allow")))
    resp = http_get("/200", method="TRACE")
    expect(resp.status == 405 and "GET" in (resp.get("Allow") or ""),
           "TRACE: %d Allow %r" % (resp.status, resp.get("Allow")))


@test("other methods: POST, PUT, PATCH, DELETE /{code} answer the code")
def _():
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        resp = http_get("/201", method=method, body=b"{}",
                        headers={"Content-Type": "application/json"})
        expect(resp.status == 201, "%s: %d" % (method, resp.status))


# --- ranges and status-specific fields

@test("Range on GET /200: 206 with Content-Range and the right bytes")
def _():
    full = http_get("/200").body
    n = len(full)
    for rng, first, last in (("bytes=0-4", 0, 4), ("bytes=5-", 5, n - 1),
                             ("bytes=-6", n - 6, n - 1),
                             ("bytes=3-3", 3, 3),
                             ("bytes=10-99999", 10, n - 1)):
        resp = http_get("/200", headers={"Range": rng})
        expect(resp.status == 206, "%s: %d" % (rng, resp.status))
        expect(resp.get("Content-Range") == "bytes %d-%d/%d"
               % (first, last, n), "%s: Content-Range %r, expected bytes "
               "%d-%d/%d" % (rng, resp.get("Content-Range"), first, last, n))
        expect(resp.body == full[first:last + 1], "%s: content %r"
               % (rng, resp.body))
        report(framing_problems(resp))
    resp = http_get("/200", headers={"Range": "bytes=0-1",
                                     "Accept": "application/json"})
    expect(resp.status == 206 and resp.body == b'{"',
           "JSON range: %d %r" % (resp.status, resp.body))


@test("unsatisfiable Range on /200: 416 with Content-Range bytes */N")
def _():
    n = len(http_get("/200").body)
    for rng in ("bytes=%d-" % n, "bytes=99999-", "bytes=-0"):
        resp = http_get("/200", headers={"Range": rng})
        expect(resp.status == 416, "%s: %d" % (rng, resp.status))
        expect(resp.get("Content-Range") == "bytes */%d" % n,
               "%s: Content-Range %r, expected bytes */%d"
               % (rng, resp.get("Content-Range"), n))
        report(framing_problems(resp) + rule_problems(resp))


@test("Range ignored: several ranges, malformed, on HEAD, on /404")
def _():
    for rng in ("bytes=0-1,3-4", "bytes=5-2", "items=0-4", "bytes=a-b"):
        resp = http_get("/200", headers={"Range": rng})
        expect(resp.status == 200 and not resp.has("Content-Range"),
               "%s: %d" % (rng, resp.status))
    resp = http_get("/200", method="HEAD", headers={"Range": "bytes=0-4"})
    expect(resp.status == 200, "HEAD with Range: %d" % resp.status)
    resp = http_get("/404", headers={"Range": "bytes=0-4"})
    expect(resp.status == 404, "/404 with Range: %d" % resp.status)


@test("/416 has Content-Range bytes */N; /206 without Range sends 10 bytes")
def _():
    resp = http_get("/416")
    expect(resp.status == 416, "status %d" % resp.status)
    expect(re.match(r"^bytes \*/\d+$", resp.get("Content-Range") or ""),
           "Content-Range %r" % resp.get("Content-Range"))
    resp = http_get("/206", headers={"Range": "bytes=2-5"})
    expect(resp.status == 206 and resp.body == page_prefix(206)[2:6],
           "/206 Range 2-5: %d %r" % (resp.status, resp.body))


@test("/304 has ETag and Vary, no content and no Content-Length")
def _():
    resp, r = exchange(req("/304", headers=["If-None-Match: \"x\""]))
    expect(resp.status == 304, "status %d" % resp.status)
    expect(resp.get("ETag"), "no ETag")
    expect(re.match(r'^(W/)?"[\x21\x23-\x7e]*"$', resp.get("ETag")),
           "ETag %r" % resp.get("ETag"))
    expect(resp.get("Vary") == "Accept", "Vary %r" % resp.get("Vary"))
    expect(not resp.has("Content-Length"), "Content-Length %r"
           % resp.get("Content-Length"))
    r.sock.sendall(req("/200"))
    nxt = read_response(r)
    r.sock.close()
    expect(nxt.status == 200, "after the 304 came %d" % nxt.status)


@test("/401 WWW-Authenticate, /407 Proxy-Authenticate, /405 Allow, /426 "
      "Upgrade, /451 Link blocked-by")
def _():
    resp = http_get("/401")
    expect(re.match(r"^Basic realm=\"", resp.get("WWW-Authenticate") or ""),
           "/401 WWW-Authenticate %r" % resp.get("WWW-Authenticate"))
    resp = http_get("/407")
    expect(resp.get("Proxy-Authenticate"), "/407 no Proxy-Authenticate")
    resp = http_get("/405")
    expect(resp.has("Allow"), "/405 no Allow")
    resp = http_get("/426")
    expect(resp.get("Upgrade") and "upgrade" in resp.conn_tokens(),
           "/426 Upgrade %r Connection %r" % (resp.get("Upgrade"),
                                              resp.all("Connection")))
    resp = http_get("/451")
    expect('rel="blocked-by"' in (resp.get("Link") or ""),
           "/451 Link %r" % resp.get("Link"))


@test("If-Range that does not match: Range ignored, 200 with the whole "
      "representation (RFC 9110, Section 13.1.5)")
def _():
    full = http_get("/200").body
    problems = []
    for value in ('"no-such-etag"', 'W/"weak"',
                  "Sat, 01 Jan 2000 00:00:00 GMT"):
        resp = http_get("/200", headers={"Range": "bytes=0-4",
                                         "If-Range": value})
        if resp.status != 200 or resp.body != full:
            problems.append("If-Range: %s: %d, Content-Range %r"
                            % (value, resp.status,
                               resp.get("Content-Range")))
    report(problems)


@test("a request with Connection: close (or HTTP/1.0) ends the connection: a"
      " request pipelined after it is not processed")
def _():
    for first in (req("/201", headers=["Connection: close"]),
                  req("/201?sleep=100", headers=["Connection: close"]),
                  req("/201", version="1.0", host=False)):
        s = connect()
        try:
            s.sendall(first + req("/202"))
            r = Reader(s)
            resp = read_response(r)
            expect(resp.status == 201, "status %d" % resp.status)
            expect("close" in resp.conn_tokens(), "Connection %r"
                   % resp.all("Connection"))
            expect_closed(r, what="the response to the closing request")
        finally:
            s.close()


@test("Expect: 100-continue from an HTTP/1.0 client gets no 100 (RFC 9110, "
      "Section 10.1.1)")
def _():
    s = connect()
    try:
        s.sendall(req("/201", method="POST", version="1.0", host=False,
                      headers=["Content-Length: 5", "Expect: 100-continue"]))
        dt, data = wait_event(s, 0.4)
        expect(data is None, "sent %r before the body" % (data or b"")[:40])
        s.sendall(b"hello")
        resp = read_response(Reader(s))
        expect(resp.status == 201 and not resp.interims, "%d after %r"
               % (resp.status, resp.interims))
    finally:
        s.close()


@test("a client that half-closes after sending its requests still gets "
      "every response")
def _():
    for data, want in ((req("/201"), [201]),
                       (req("/201?sleep=200") + req("/202"), [201, 202]),
                       (req("/201") + req("/202") + req("/203"),
                        [201, 202, 203])):
        s = connect()
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            raw = Reader(s).rest()
        finally:
            s.close()
        r = Reader(None)
        r.buf = raw
        got = []
        while r.buf:
            got.append(read_response(r).status)
        expect(got == want, "responses %r, expected %r" % (got, want))


@test("pipelining 100 requests for /codes.json (11 MB of responses) that "
      "the client reads late")
def _():
    s = connect(timeout=2 * IO_TIMEOUT)
    try:
        s.sendall(b"".join(req("/codes.json") for _ in range(100)))
        time.sleep(0.3)
        r = Reader(s, 2 * IO_TIMEOUT)
        first = None
        for i in range(100):
            resp = read_response(r)
            expect(resp.status == 200, "response %d: %d" % (i, resp.status))
            first = first or resp.body
            expect(resp.body == first, "response %d differs" % i)
    finally:
        s.close()


@test("/codes.json is what `httpstatus list --all --json` prints")
def _():
    p = subprocess.run([BIN, "list", "--all", "--json"], capture_output=True,
                       timeout=IO_TIMEOUT)
    expect(p.returncode == 0, "list exit %d" % p.returncode)
    resp = http_get("/codes.json")
    expect(json.loads(resp.body) == json.loads(p.stdout),
           "the two differ")


@test("?header: '+' stays a plus sign; 16 fields at most")
def _():
    resp = http_get("/200?header=X-A:a+b")
    expect(resp.get("X-A") == "a+b", "X-A %r" % resp.get("X-A"))
    q = "&".join("header=X-H%d:%d" % (i, i) for i in range(16))
    resp = http_get("/200?" + q)
    expect(resp.status == 200 and resp.get("X-H15") == "15",
           "16 fields: %d" % resp.status)
    resp = http_get("/200?" + q + "&header=X-H16:16")
    expect(resp.status == 400, "17 fields: %d" % resp.status)


# --- connections

@test("keep-alive: ten requests on one http.client connection share one "
      "socket")
def _():
    c = launch.Connection(HOST, MAIN.port, timeout=IO_TIMEOUT)
    try:
        c.connect()
        sock = c.sock
        local = sock.getsockname()
        for code in (200, 404, 204, 500, 301, 304, 201, 418, 205, 200):
            c.request("GET", "/%d" % code)
            r = c.getresponse()
            r.read()
            expect(r.status == code, "/%d: %d" % (code, r.status))
            expect(c.sock is sock and sock.getsockname() == local,
                   "/%d: the connection was reopened" % code)
            expect(not r.will_close, "/%d: the server closes" % code)
    finally:
        c.close()


@test("HTTP/1.0 without keep-alive: Connection: close, then closed")
def _():
    resp, r = exchange(req("/200", version="1.0", host=False))
    expect(resp.status == 200, "status %d" % resp.status)
    expect("close" in resp.conn_tokens(), "Connection %r"
           % resp.all("Connection"))
    expect_closed(r)
    r.sock.close()


@test("HTTP/1.0 with Connection: keep-alive stays open")
def _():
    s = connect()
    r = Reader(s)
    try:
        for code in (200, 404, 201):
            s.sendall(req("/%d" % code, version="1.0", host=False,
                          headers=["Connection: keep-alive"]))
            resp = read_response(r)
            expect(resp.status == code, "/%d: %d" % (code, resp.status))
            expect("keep-alive" in resp.conn_tokens(), "/%d: Connection %r"
                   % (code, resp.all("Connection")))
            expect(not resp.close_delimited, "/%d: no Content-Length"
                   % code)
    finally:
        s.close()


@test("HTTP/1.1 Connection: close: answered with Connection: close, then "
      "closed")
def _():
    resp, r = exchange(req("/404", headers=["Connection: close"]))
    expect(resp.status == 404 and "close" in resp.conn_tokens(),
           "%d Connection %r" % (resp.status, resp.all("Connection")))
    expect_closed(r)
    r.sock.close()


@test("pipelining: 3 requests in one write, the first with ?sleep=300, "
      "answered complete and in order")
def _():
    s = connect()
    try:
        t0 = time.monotonic()
        s.sendall(req("/200?sleep=300") + req("/201") +
                  req("/404", headers=["Accept: application/json"]))
        r = Reader(s)
        got = [read_response(r) for _ in range(3)]
        dt = time.monotonic() - t0
    finally:
        s.close()
    expect([g.status for g in got] == [200, 201, 404], "statuses %r"
           % [g.status for g in got])
    expect(dt >= 0.3 - SLACK, "took %.4f s" % dt)
    expect(got[0].body.startswith(b"200 OK\n"), "first content %r"
           % got[0].body[:30])
    expect(got[1].body.startswith(b"201 Created\n"), "second content %r"
           % got[1].body[:30])
    expect(json.loads(got[2].body)["code"] == 404, "third content %r"
           % got[2].body[:30])
    for g in got:
        report(framing_problems(g))


@test("pipelining: 20 requests in one write, HEAD and 1xx among them")
def _():
    seq = [("GET", 200), ("HEAD", 200), ("GET", 103), ("GET", 204),
           ("HEAD", 404), ("GET", 304), ("GET", 500)] * 3 + [("GET", 201)]
    s = connect()
    try:
        s.sendall(b"".join(req("/%d" % c, method=m) for m, c in seq[:20]))
        r = Reader(s)
        got = [(m, read_response(r, m)) for m, _ in seq[:20]]
    finally:
        s.close()
    for (m, c), (_, g) in zip(seq, got):
        want = 200 if c == 103 else c
        expect(g.status == want, "%s /%d: %d" % (m, c, g.status))


@test("pipelining: a request split across writes byte by byte is answered")
def _():
    s = connect()
    try:
        data = req("/202") + req("/203")
        for i in range(0, len(data), 7):
            s.sendall(data[i:i + 7])
            time.sleep(0.002)
        r = Reader(s)
        a, b = read_response(r), read_response(r)
    finally:
        s.close()
    expect((a.status, b.status) == (202, 203), "statuses %d %d"
           % (a.status, b.status))


@test("Expect: 100-continue with a body: 100 Continue, then the final "
      "response; the connection goes on")
def _():
    s = connect()
    r = Reader(s)
    try:
        s.sendall(req("/201", method="POST",
                      headers=["Content-Length: 5",
                               "Expect: 100-continue"]))
        interim = parse_head(r.head())
        expect(interim.status == 100, "first response %d, not 100"
               % interim.status)
        expect(interim.reason == "Continue", "reason %r" % interim.reason)
        s.sendall(b"hello")
        resp = read_response(r)
        expect(resp.status == 201, "final %d" % resp.status)
        RESPONSES.append(("100 Continue + 201", "POST",
                          interim.raw + resp.raw))
        s.sendall(req("/202"))
        nxt = read_response(r)
        expect(nxt.status == 202, "next request got %d" % nxt.status)
    finally:
        s.close()


@test("request bodies by Content-Length are read and discarded (a "
      "pipelined request after one is answered, a body is never a request)")
def _():
    body = req("/500")
    s = connect()
    try:
        s.sendall(req("/201", method="POST",
                      headers=["Content-Length: %d" % len(body)], body=body)
                  + req("/202"))
        r = Reader(s)
        a, b = read_response(r), read_response(r)
    finally:
        s.close()
    expect((a.status, b.status) == (201, 202), "statuses %d %d"
           % (a.status, b.status))


@test("chunked request bodies (extensions, trailers) are read and "
      "discarded; the next pipelined request is answered")
def _():
    chunked = (b"5\r\nhello\r\n6;name=value\r\n world\r\n"
               b"1A\r\n" + b"x" * 26 + b"\r\n0\r\nX-Trailer: 1\r\n\r\n")
    s = connect()
    try:
        s.sendall(req("/201", method="POST",
                      headers=["Transfer-Encoding: chunked"], body=chunked)
                  + req("/202"))
        r = Reader(s)
        a, b = read_response(r), read_response(r)
        # The same body in pieces.
        data = req("/203", method="PUT",
                   headers=["Transfer-Encoding: chunked"]) + chunked
        for i in range(0, len(data), 5):
            s.sendall(data[i:i + 5])
        c = read_response(r)
    finally:
        s.close()
    expect((a.status, b.status, c.status) == (201, 202, 203),
           "statuses %d %d %d" % (a.status, b.status, c.status))


@test("absolute-form request target")
def _():
    resp, r = exchange(req("http://127.0.0.1:%d/203?location=/y"
                           % MAIN.port))
    r.sock.close()
    expect(resp.status == 203, "status %d" % resp.status)
    resp, r = exchange(req("http://127.0.0.1:%d/302?location=/y"
                           % MAIN.port))
    r.sock.close()
    expect(resp.status == 302 and resp.get("Location") == "/y",
           "%d Location %r" % (resp.status, resp.get("Location")))
    resp, r = exchange(req("http://127.0.0.1:%d" % MAIN.port))
    r.sock.close()
    expect(resp.status == 200, "no path: %d" % resp.status)


@test("concurrency: 16 clients x 20 requests, all answered correctly")
def _():
    errors = []

    def client(k):
        try:
            c = launch.Connection(HOST, MAIN.port,
                                           timeout=IO_TIMEOUT)
            for i in range(20):
                code = 200 + (k * 20 + i) % 300
                c.request("GET", "/%d" % code)
                r = c.getresponse()
                body = r.read()
                if r.status != code or (code not in (204, 205, 304, 206) and
                                        not body.startswith(
                                            page_prefix(code))):
                    errors.append("/%d: %d" % (code, r.status))
            c.close()
        except Exception as e:  # noqa: BLE001
            errors.append("%s: %s" % (type(e).__name__, e))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    expect(not any(t.is_alive() for t in threads), "a client hung")
    report(errors)


# --- malformed requests

def refusal(name, data, status, alt=()):
    """A malformed request: status (or one of alt), Connection: close, a
    clean close, and the server still answers a new connection."""
    def fn():
        resp, r = exchange(data, record="refused: " + name)
        try:
            expect(resp.status == status or resp.status in alt,
                   "status %d, expected %d" % (resp.status, status))
            expect("close" in resp.conn_tokens(), "Connection %r"
                   % resp.all("Connection"))
            report(common_problems(resp) + framing_problems(resp))
            expect_closed(r)
        finally:
            r.sock.close()
        still_serving()
    TESTS.append(("malformed: %s -> %d" % (name, status), fn))


def field_request(*fields, method="GET", target="/200", body=b""):
    return req(target, method=method, headers=list(fields), body=body)


refusal("request line of 8100 bytes", req("/" + "a" * 8100), 414)
refusal("request line of 8001 bytes",
        req("/" + "a" * (8001 - len("GET / HTTP/1.1") - 0)), 414)
refusal("header section over 16 KiB (one field)",
        field_request("X-Pad: " + "a" * 17000), 431)
refusal("header section over 16 KiB (20 fields)",
        field_request(*["X-Pad-%d: %s" % (i, "b" * 900) for i in range(20)]),
        431)
refusal("101 header fields", field_request(*["X-F%d: 1" % i
                                             for i in range(101)]), 431)
refusal("HTTP/1.1 without Host", req("/200", host=False), 400)
refusal("two Host fields", field_request("Host: other"), 400)
refusal("Host with a space", req("/200", host=False,
                                 headers=["Host: a b"]), 400)
refusal("whitespace before a colon (Host)",
        req("/200", host=False, headers=["Host : 127.0.0.1"]), 400)
refusal("whitespace before a colon (X-Foo)", field_request("X-Foo : bar"),
        400)
refusal("NUL in a field value", field_request("X-Foo: a\x00b"), 400)
refusal("CTL 0x01 in a field value", field_request("X-Foo: a\x01b"), 400)
refusal("DEL in a field value", field_request("X-Foo: a\x7fb"), 400)
refusal("bare CR in a field value", field_request("X-Foo: a\rb"), 400)
refusal("obs-fold", field_request("X-Foo: a", " b"), 400)
refusal("bare LF line ends", b"GET /200 HTTP/1.1\nHost: x\n\n", 400)
refusal("Content-Length: abc",
        field_request("Content-Length: abc", method="POST"), 400)
refusal("Content-Length: -1",
        field_request("Content-Length: -1", method="POST"), 400)
refusal("Content-Length: +5",
        field_request("Content-Length: +5", method="POST", body=b"hello"),
        400)
refusal("two different Content-Length fields",
        field_request("Content-Length: 5", "Content-Length: 6",
                      method="POST", body=b"hello!"), 400)
refusal("Content-Length: 5, 6",
        field_request("Content-Length: 5, 6", method="POST",
                      body=b"hello!"), 400)
refusal("Content-Length of 30 digits",
        field_request("Content-Length: " + "9" * 30, method="POST"), 400)
refusal("Content-Length with Transfer-Encoding",
        field_request("Content-Length: 5", "Transfer-Encoding: chunked",
                      method="POST", body=b"0\r\n\r\n"), 400)
refusal("Transfer-Encoding: gzip, chunked",
        field_request("Transfer-Encoding: gzip, chunked", method="POST",
                      body=b"0\r\n\r\n"), 501)
refusal("Transfer-Encoding: chunked, gzip",
        field_request("Transfer-Encoding: chunked, gzip", method="POST",
                      body=b"0\r\n\r\n"), 400)
# RFC 9112, Section 6.3, item 4: chunked not final in a request is a 400
# (MUST) and the connection closes; Section 6.1 would allow 501 (SHOULD)
# for an unknown coding, but the more specific MUST decides.
refusal("Transfer-Encoding: gzip (chunked not final)",
        field_request("Transfer-Encoding: gzip", method="POST",
                      body=b"hello"), 400)
refusal("Transfer-Encoding: chunked, chunked",
        field_request("Transfer-Encoding: chunked, chunked", method="POST",
                      body=b"0\r\n\r\n"), 400)
refusal("Transfer-Encoding in HTTP/1.0",
        req("/200", method="POST", version="1.0", host=False,
            headers=["Transfer-Encoding: chunked"], body=b"0\r\n\r\n"), 400)
refusal("a malformed chunk size",
        field_request("Transfer-Encoding: chunked", method="POST",
                      body=b"zz\r\nhello\r\n0\r\n\r\n"), 400)
refusal("chunk data longer than its size",
        field_request("Transfer-Encoding: chunked", method="POST",
                      body=b"2\r\nhello\r\n0\r\n\r\n"), 400)
refusal("unknown method BREW", req("/200", method="BREW"), 501)
refusal("lower-case method get", req("/200", method="get"), 501)
refusal("HTTP/2.0 request line", req("/200", version="2.0"), 505)
refusal("HTTP/0.9-style version HTTP/0.9", req("/200", version="0.9"), 505)
refusal("Expect: something-else", field_request("Expect: something-else"),
        417)
refusal("a target without a leading slash", req("200"), 400)
refusal("a space inside the target", b"GET /200 x HTTP/1.1\r\nHost: x"
        b"\r\n\r\n", 400)
refusal("two spaces after the method", b"GET  /200 HTTP/1.1\r\nHost: x"
        b"\r\n\r\n", 400)
refusal("a fragment in the target", req("/200#frag"), 400)
refusal("a bad percent escape in the target", req("/200?header=X:%zz%"),
        400)
refusal("a field without a colon", field_request("NoColon"), 400)
refusal("a field with an empty name", field_request(": value"), 400)


@test("a request line of exactly 8000 bytes is not 414")
def _():
    line_len = 8000
    target = "/nothing/" + "a" * (line_len - len("GET  HTTP/1.1")
                                  - len("/nothing/"))
    data = req(target)
    expect(data.index(b"\r\n") == line_len, "test bug: line of %d"
           % data.index(b"\r\n"))
    resp, r = exchange(data)
    r.sock.close()
    expect(resp.status == 404, "status %d" % resp.status)


@test("a header section of 16000 bytes in all is accepted")
def _():
    data = field_request("X-Pad: " + "a" * (16000 - 60))
    expect(len(data) <= 16000, "test bug")
    resp, r = exchange(data)
    r.sock.close()
    expect(resp.status == 200, "status %d" % resp.status)


@test("after a refusal on a keep-alive connection, earlier pipelined "
      "responses still arrive, then the close")
def _():
    s = connect()
    try:
        s.sendall(req("/201") + req("/200", method="BREW") + req("/202"))
        r = Reader(s)
        a = read_response(r)
        b = read_response(r)
        expect((a.status, b.status) == (201, 501), "statuses %d %d"
               % (a.status, b.status))
        expect_closed(r, what="the 501")
    finally:
        s.close()


@test("a refused request's unread bytes do not reset the connection: the "
      "400 arrives, then a clean close (lingering close, RFC 9112, Section "
      "9.6)")
def _():
    # 256 KiB after the bad head: more than the server reads before it
    # refuses, so that unread bytes are still queued when it is done.
    bad = req("/200", method="POST",
              headers=["Content-Length: 5", "Content-Length: 6"])
    for _ in range(5):
        s = connect()
        try:
            s.sendall(bad + b"x" * 262144)
            r = Reader(s)
            resp = read_response(r)
            expect(resp.status == 400, "status %d" % resp.status)
            expect_closed(r, what="the 400")
        finally:
            s.close()
    still_serving()


@test("a lingering connection closes at once when the client closes, and "
      "after 2 s (no sooner) when it keeps sending")
def _():
    linger = 2.0  # serve.c's LINGER_MS
    s = connect()
    try:
        # Before the request: the server's lingering starts after it.
        start = time.monotonic()
        s.sendall(req("/200", method="BREW"))
        r = Reader(s)
        resp = read_response(r)
        expect(resp.status == 501, "status %d" % resp.status)
        expect_closed(r, what="the 501")
        # The server reads on, discarding, while the client sends.
        stopped = False
        try:
            while time.monotonic() - start < linger + IO_TIMEOUT:
                s.sendall(b"x" * 1024)
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            stopped = True
        took = time.monotonic() - start
        expect(stopped, "the server still read after %.1f s" % took)
        expect(took >= linger - SLACK, "the server stopped reading after "
               "%.3f s, before the %.0f s it lingers" % (took, linger))
    finally:
        s.close()


@test("HTTP/1.0 without Host is fine")
def _():
    resp, r = exchange(req("/200", version="1.0", host=False))
    r.sock.close()
    expect(resp.status == 200, "status %d" % resp.status)


@test("empty lines before the request line are skipped")
def _():
    resp, r = exchange(b"\r\n\r\n" + req("/202"))
    r.sock.close()
    expect(resp.status == 202, "status %d" % resp.status)


# --- timeouts, connection cap, shutdown: servers of their own

def wait_event(sock, timeout):
    """Waits for the first bytes or the close: (elapsed, data or b'')."""
    t0 = time.monotonic()
    sock.settimeout(timeout)
    try:
        data = sock.recv(65536)
    except socket.timeout:
        return None, None
    except ConnectionResetError:
        data = b""
    return time.monotonic() - t0, data


class TimeoutServer:
    """A server with timeouts of 0.5 s. Its tests check that each fires,
    and no earlier than its time: measured from a moment before the
    server's timer can have started (before the connect for the header
    deadline, which runs from the accept)."""
    server = None
    TIMEOUT = 0.5

    @classmethod
    def get(cls):
        if cls.server is None:
            cls.server = Server("--workers", "1", "--header-timeout", "500",
                                "--idle-timeout", "500", "--max-sleep", "100")
        return cls.server


@test("header timeout: half a head gets 408 (or a close), not before 0.5 s")
def _():
    srv = TimeoutServer.get()
    t0 = time.monotonic()
    s = connect(srv.port)
    try:
        s.sendall(b"GET /200 HTTP/1.1\r\nHo")
        r = Reader(s, TimeoutServer.TIMEOUT + IO_TIMEOUT)
        try:
            resp = read_response(r)
        except EOFError:
            resp = None
        dt = time.monotonic() - t0
        expect(dt >= TimeoutServer.TIMEOUT - SLACK,
               "cut after %.3f s, before the 0.5 s deadline" % dt)
        if resp is not None:
            expect(resp.status == 408, "status %d" % resp.status)
            RESPONSES.append(("408", "GET", resp.raw))
            expect("close" in resp.conn_tokens(), "Connection %r"
                   % resp.all("Connection"))
            expect_closed(r)
    finally:
        s.close()


@test("header timeout: a connection that sends nothing is closed, not "
      "before 0.5 s")
def _():
    srv = TimeoutServer.get()
    t0 = time.monotonic()
    s = connect(srv.port)
    try:
        wait = TimeoutServer.TIMEOUT + IO_TIMEOUT
        dt, data = wait_event(s, wait)
        expect(dt is not None, "still open after %.1f s" % wait)
        dt = time.monotonic() - t0
        expect(dt >= TimeoutServer.TIMEOUT - SLACK,
               "closed after %.3f s, before the 0.5 s deadline" % dt)
        expect(data == b"" or data.startswith(b"HTTP/1.1 408 "),
               "sent %r" % data[:40])
    finally:
        s.close()


@test("idle timeout: a keep-alive connection is closed after its response, "
      "not before 0.5 s")
def _():
    srv = TimeoutServer.get()
    s = connect(srv.port)
    try:
        # Before the request: the idle timer starts after the response.
        t0 = time.monotonic()
        s.sendall(req("/200"))
        r = Reader(s)
        resp = read_response(r)
        expect(resp.status == 200, "status %d" % resp.status)
        expect(r.buf == b"", "extra bytes")
        wait = TimeoutServer.TIMEOUT + IO_TIMEOUT
        dt, data = wait_event(s, wait)
        expect(dt is not None, "still open after %.1f s" % wait)
        expect(data == b"", "sent %r" % data[:40])
        dt = time.monotonic() - t0
        expect(dt >= TimeoutServer.TIMEOUT - SLACK,
               "closed %.3f s after the request, before the 0.5 s idle "
               "timeout" % dt)
    finally:
        s.close()


@test("idle timeout counts between requests, not in total: --idle-timeout "
      "2000, 7 requests 0.4 s apart on one connection")
def _():
    # The pauses are well under the timeout, so that a client or server
    # late by a second on a busy machine still keeps its connection; the
    # requests together take longer than the timeout.
    srv = Server("--workers", "1", "--idle-timeout", "2000")
    s = connect(srv.port)
    r = Reader(s)
    try:
        t0 = time.monotonic()
        for i in range(7):
            if i:
                time.sleep(0.4)
            s.sendall(req("/%d" % (200 + i)))
            resp = read_response(r)
            expect(resp.status == 200 + i, "request %d: %d" % (i,
                                                               resp.status))
        took = time.monotonic() - t0
        expect(took > 2.0, "the requests took %.2f s, no longer than the "
               "timeout: the test proves nothing" % took)
        s.close()
        rc = srv.stop()
        expect(rc == 0, "exit status %r" % rc)
    finally:
        s.close()
        srv.kill()


@test("slowloris: one byte every 100 ms is cut at the header deadline "
      "(total, not per byte), not before it")
def _():
    srv = TimeoutServer.get()
    data = b"GET /200 HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    t0 = time.monotonic()
    s = connect(srv.port)
    cut = None
    try:
        for i in range(len(data)):
            try:
                s.sendall(data[i:i + 1])
            except (BrokenPipeError, ConnectionResetError):
                cut = time.monotonic() - t0
                break
            ready, _, _ = select.select([s], [], [], 0.1)
            if ready:
                try:
                    got = s.recv(65536)
                except ConnectionResetError:
                    got = b""
                cut = time.monotonic() - t0
                expect(got == b"" or got.startswith(b"HTTP/1.1 408 "),
                       "sent %r" % got[:40])
                break
            if time.monotonic() - t0 > TimeoutServer.TIMEOUT + IO_TIMEOUT:
                break
    finally:
        s.close()
    expect(cut is not None, "not cut after %.1f s of trickling"
           % (time.monotonic() - t0))
    expect(cut >= TimeoutServer.TIMEOUT - SLACK, "cut after %.3f s, before "
           "the 0.5 s deadline" % cut)


@test("body timeout: a body that stalls gets 408, not before 0.5 s")
def _():
    srv = TimeoutServer.get()
    t0 = time.monotonic()
    s = connect(srv.port)
    try:
        s.sendall(req("/200", method="POST", headers=["Content-Length: 10"],
                      body=b"abc"))
        r = Reader(s, TimeoutServer.TIMEOUT + IO_TIMEOUT)
        try:
            resp = read_response(r)
        except EOFError:
            resp = None
        dt = time.monotonic() - t0
        expect(dt >= TimeoutServer.TIMEOUT - SLACK,
               "cut after %.3f s, before the 0.5 s deadline" % dt)
        expect(resp is None or resp.status == 408, "status %d"
               % resp.status)
        if resp is not None:
            expect_closed(r)
    finally:
        s.close()


@test("--max-sleep 100: ?sleep=100 is served, ?sleep=101 is 400")
def _():
    srv = TimeoutServer.get()
    resp = http_get("/200?sleep=100", port=srv.port)
    expect(resp.status == 200, "?sleep=100: %d" % resp.status)
    resp = http_get("/200?sleep=101", port=srv.port)
    expect(resp.status == 400, "?sleep=101: %d" % resp.status)


@test("timeout server: SIGTERM, exit 0")
def _():
    srv = TimeoutServer.get()
    rc = srv.stop()
    expect(rc == 0, "exit status %r" % rc)


@test("connection cap: --max-connections 2, the 3rd gets 503 (or a close),"
      " a slot freed is usable")
def _():
    srv = Server("--workers", "1", "--max-connections", "2")
    socks, problems = [], []
    try:
        for i in range(2):
            s = connect(srv.port)
            socks.append(s)
            s.sendall(req("/200"))
            resp = read_response(Reader(s))
            expect(resp.status == 200, "connection %d: %d" % (i + 1,
                                                              resp.status))
        third = connect(srv.port)
        socks.append(third)
        try:
            data = Reader(third).rest()
        except ConnectionResetError:
            raise Fail("3rd connection reset (RST), no clean close")
        if data:
            # All the bytes up to the close: one 503, nothing else.
            RESPONSES.append(("busy 503", "GET", data))
            head, _, content = data.partition(b"\r\n\r\n")
            resp = parse_head(head + b"\r\n\r\n")
            resp.body = content
            expect(resp.status == 503, "3rd connection got %d" % resp.status)
            if "close" not in resp.conn_tokens():
                problems.append("503 Connection %r" % resp.all("Connection"))
            if not resp.has("Retry-After"):
                problems.append("503 without Retry-After")
            problems += ["the busy " + p for p in framing_problems(resp)]
        socks[0].close()
        deadline = time.monotonic() + IO_TIMEOUT
        while True:
            s = connect(srv.port)
            socks.append(s)
            s.sendall(req("/202"))
            try:
                resp = parse_head(Reader(s).head())
            except (EOFError, ConnectionResetError):
                resp = None
            if resp is not None and resp.status == 202:
                break
            if time.monotonic() > deadline:
                problems.append("no slot %.0f s after closing a connection "
                                "(last answer %r)" % (IO_TIMEOUT, resp))
                break
            time.sleep(0.1)
        for s in socks:
            s.close()
        rc = srv.stop()
        if rc != 0:
            problems.append("exit status %r" % rc)
    finally:
        for s in socks:
            s.close()
        srv.kill()
    report(problems)


@test("graceful shutdown: a response in progress (?sleep=3000) completes "
      "after SIGTERM, new connections are refused, the response owed says "
      "Connection: close, exit 0")
def _():
    srv = Server("--workers", "2")
    socks = []
    try:
        idle = connect(srv.port)
        socks.append(idle)
        idle.sendall(req("/200"))
        ri = Reader(idle)
        expect(read_response(ri).status == 200, "idle connection's request")
        busy = connect(srv.port)
        socks.append(busy)
        t0 = time.monotonic()
        busy.sendall(req("/200?sleep=3000"))
        # SIGTERM a second into the 3 s sleep: late enough that the server
        # has read the request, early enough that it still owes the
        # response, even on a machine busy with other work.
        time.sleep(1.0)
        srv.terminate()
        t_term = time.monotonic() - t0
        expect(t_term < 3.0, "the test sent SIGTERM %.2f s after the request,"
               " after its 3 s sleep: it proves nothing" % t_term)
        # The idle connection is closed at SIGTERM.
        dt, data = wait_event(idle, IO_TIMEOUT)
        expect(dt is not None and data == b"", "idle keep-alive connection"
               " not closed at SIGTERM (%r)" % (data,))
        # New connections are refused once every worker has heard of the
        # SIGTERM (each hears of it on its own): one is, within the
        # liveness limit; the answered ones before it are counted.
        answered, refused = 0, False
        deadline = time.monotonic() + IO_TIMEOUT
        while not refused and time.monotonic() < deadline:
            try:
                s = connect(srv.port, timeout=IO_TIMEOUT)
                socks.append(s)
                s.sendall(req("/200", headers=["Connection: close"]))
                dt, data = wait_event(s, IO_TIMEOUT)
                if data:
                    answered += 1  # a worker not stopped yet
                    time.sleep(0.05)
                else:
                    refused = True  # accepted by the kernel, closed unanswered
            except (ConnectionRefusedError, ConnectionResetError,
                    BrokenPipeError):
                refused = True
        expect(refused, "new connections still answered %.0f s after "
               "SIGTERM (%d)" % (IO_TIMEOUT, answered))
        for s in socks[2:]:
            s.close()  # or the server lingers on them before it exits
        r = Reader(busy)
        resp = read_response(r)
        dt = time.monotonic() - t0
        expect(resp.status == 200, "status %d" % resp.status)
        report(framing_problems(resp))
        expect(resp.body.startswith(b"200 OK\n"), "content %r"
               % resp.body[:30])
        expect(dt >= 3.0 - SLACK, "answered after %.4f s" % dt)
        expect(resp.conn_tokens() == {"close"}, "the response finished "
               "after SIGTERM says Connection %r, not close"
               % resp.all("Connection"))
        expect_closed(r)
        rc = srv.wait(IO_TIMEOUT)
        expect(rc == 0, "exit status %r" % rc)
    finally:
        for s in socks:
            s.close()
        srv.kill()


@test("--max-connections 2 --workers 2: a 2nd connection is served while "
      "only one other is open (the cap is the server's, not per worker)")
def _():
    srv = Server("--workers", "2", "--max-connections", "2")
    refused = 0
    try:
        fd0 = srv.settled_fds()
        for i in range(10):
            a = connect(srv.port)
            b = connect(srv.port)
            try:
                a.sendall(req("/200"))
                expect(read_response(Reader(a)).status == 200,
                       "1st connection not served")
                b.sendall(req("/201"))
                resp = parse_head(Reader(b).head())
                if resp.status == 503:
                    refused += 1
                else:
                    expect(resp.status == 201, "2nd connection got %d"
                           % resp.status)
                # Closed on both sides before the next round.
                for s in (a, b):
                    try:
                        s.shutdown(socket.SHUT_WR)
                        Reader(s).rest()
                    except OSError:
                        pass  # already closed by the server
            finally:
                a.close()
                b.close()
            # and on the server's side: its descriptors closed, it gives
            # the slots back (in the same turn of its loop).
            srv.wait_fds(fd0, IO_TIMEOUT)
            time.sleep(0.02)
        expect(refused == 0, "the 2nd connection got 503 in %d of 10 rounds "
               "with one other connection open" % refused)
        rc = srv.stop()
        expect(rc == 0, "exit status %r" % rc)
    finally:
        srv.kill()


@test("--access-log - --log-format json: one valid JSON object a line")
def _():
    srv = Server("--workers", "1", "--access-log", "-", "--log-format",
                 "json", stdout=True)
    try:
        agent = 'agent "quoted" \\back'
        http_get("/404?header=X:a", port=srv.port,
                 headers={"User-Agent": agent, "Referer": "http://ref/"})
        http_get("/200", port=srv.port, headers={"User-Agent": "plain"})
        resp, r = exchange(req("/200", method="BREW"), port=srv.port)
        r.sock.close()
        rc = srv.stop()
        expect(rc == 0, "exit status %r" % rc)
        srv.out_thread.join(IO_TIMEOUT)
    finally:
        srv.kill()
    lines = srv.out
    expect(len(lines) == 3, "%d log lines, expected 3" % len(lines))
    docs, problems = [], []
    for line in lines:
        try:
            docs.append(json.loads(line))
        except ValueError as e:
            problems.append("not JSON (%s): %s" % (
                e, line.decode("utf-8", "replace").strip()[:200]))
    report(problems)
    expect([d.get("status") for d in docs] == [404, 200, 501],
           "statuses %r" % [d.get("status") for d in docs])
    expect(docs[0].get("user_agent") == agent and
           docs[0].get("target") == "/404?header=X:a",
           "first line %r" % docs[0])


# --- the port is the server's own

def serve_fails(*args):
    """Runs `httpstatus serve ARGS` that must not start: (exit status,
    what it wrote on standard error)."""
    p = subprocess.run([BIN, "serve", *args], stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=LIVE)
    return p.returncode, p.stderr.decode("utf-8", "replace")


@test("a second server on the port of a running one exits 2 with one line "
      "naming the address, and the first keeps every connection")
def _():
    first = Server("--workers", "2")
    try:
        for workers in ("1", "2"):
            rc, err = serve_fails("--listen", "%s:%d" % (HOST, first.port),
                                  "--workers", workers)
            want = "httpstatus: serve: cannot listen on %s:%d: the " \
                   "address is in use\n" % (HOST, first.port)
            expect(rc == 2 and err == want, "--workers %s: exit %r, %r"
                   % (workers, rc, err))
        # Had it joined, the kernel would have given it some of these.
        for k in range(20):
            resp, r = exchange(req("/200", headers=["Connection: close"]),
                               port=first.port)
            r.sock.close()
            expect(resp.status == 200, "connection %d got %d" % (k,
                                                               resp.status))
    finally:
        expect(first.stop() == 0, "the first server did not exit 0")


@test("a port held by another program, listening or only bound, is an "
      "error (exit 2, one line); once freed, a server starts there")
def _():
    for listening in (True, False):
        holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            holder.bind((HOST, 0))
            if listening:
                holder.listen(1)
            port = holder.getsockname()[1]
            rc, err = serve_fails("--listen", "%s:%d" % (HOST, port))
            expect(rc == 2 and err.count("\n") == 1 and
                   ("%s:%d" % (HOST, port)) in err and "in use" in err,
                   "a %s socket on the port: exit %r, %r"
                   % ("listening" if listening else "bound", rc, err))
        finally:
            holder.close()
    # An earlier server's port, free again, is usable at once (the
    # connections it served may be in TIME_WAIT).
    srv = Server("--workers", "1")
    port = srv.port
    still_serving(port)
    expect(srv.stop() == 0, "exit status")
    srv = Server("--workers", "2", "--listen", "%s:%d" % (HOST, port))
    try:
        still_serving(srv.port)
    finally:
        expect(srv.stop() == 0, "exit status")


# --- bytes that begin no request

def client_hello():
    """A TLS 1.2 ClientHello record, as a client sends it first."""
    body = (b"\x03\x03" + bytes(range(32)) + b"\x00" +
            b"\x00\x04\x13\x01\xc0\x2f" + b"\x01\x00")
    ext = b"\x00\x00\x00\x0e\x00\x0c\x00\x00\x09localhost"  # server_name
    body += struct.pack("!H", len(ext)) + ext
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


@test("a TLS ClientHello on the plain port gets 400 at once, saying the "
      "port speaks plain HTTP, and a clean close")
def _():
    s = connect(MAIN.plain_port)
    try:
        s.sendall(client_hello())
        r = Reader(s)
        resp = read_response(r)
        expect(resp.status == 400, "status %d" % resp.status)
        expect(b"plain HTTP" in resp.body and b"https://" in resp.body,
               "content %r" % resp.body[:120])
        expect("close" in resp.conn_tokens(), "no Connection: close")
        expect_closed(r)
    finally:
        s.close()


# --- request bodies and error bodies

@test("--max-body: a body up to it is read, one past it gets 413 and a "
      "close, by Content-Length (before the body) or chunked")
def _():
    srv = Server("--workers", "1", "--max-body", "10")
    try:
        resp, r = exchange(req("/201", "POST", headers=["Content-Length: 10"],
                               body=b"0123456789"), port=srv.port)
        expect(resp.status == 201, "10 bytes: %d" % resp.status)
        r.sock.close()
        resp, r = exchange(req("/201", "POST", headers=["Content-Length: 11"]),
                           port=srv.port)
        expect(resp.status == 413, "11 bytes declared: %d" % resp.status)
        expect(resp.get("Connection") == "close",
               "413 says Connection %r" % resp.get("Connection"))
        expect_closed(r, what="the 413")
        chunked = b"6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n"
        resp, r = exchange(req("/201", "POST",
                               headers=["Transfer-Encoding: chunked"],
                               body=chunked), port=srv.port)
        expect(resp.status == 413, "12 chunked bytes: %d" % resp.status)
        expect_closed(r, what="the 413")
        resp, r = exchange(req("/201", "POST",
                               headers=["Transfer-Encoding: chunked"],
                               body=b"a\r\n0123456789\r\n0\r\n\r\n"),
                           port=srv.port)
        expect(resp.status == 201, "10 chunked bytes: %d" % resp.status)
        r.sock.close()
        expect(srv.stop() == 0, "the server did not exit cleanly")
    finally:
        srv.kill()


@test("a body that arrives in pieces after its head, then a pipelined "
      "request, are both answered in order")
def _():
    s = connect()
    r = Reader(s)
    try:
        s.sendall(req("/202", "PUT", headers=["Content-Length: 6"]))
        time.sleep(0.05)
        s.sendall(b"abc")
        time.sleep(0.05)
        s.sendall(b"def" + req("/203"))
        first = read_response(r)
        second = read_response(r)
        expect(first.status == 202 and second.status == 203,
               "%d then %d" % (first.status, second.status))
    finally:
        s.close()


@test("error responses follow Accept: text/plain, or "
      "application/problem+json (RFC 9457)")
def _():
    resp = http_get("/nothing-here")
    expect(resp.status == 404 and (resp.get("Content-Type") or "").startswith(
        "text/plain"), "plain: %d %r" % (resp.status,
                                         resp.get("Content-Type")))
    for accept in ("application/problem+json", "application/json"):
        resp = http_get("/nothing-here", headers={"Accept": accept})
        expect(resp.get("Content-Type") == "application/problem+json",
               "%s: Content-Type %r" % (accept, resp.get("Content-Type")))
        doc = json.loads(resp.body)
        expect(doc.get("status") == 404 and doc.get("title") == "Not Found"
               and doc.get("type") == "about:blank",
               "%s: %r" % (accept, doc))
    resp = http_get("/200?sleep=soon",
                    headers={"Accept": "application/problem+json"})
    doc = json.loads(resp.body)
    expect(resp.status == 400 and "sleep" in doc.get("detail", ""),
           "400: %r" % doc)


# --- caching

@test("draws, /healthz and delayed replies say Cache-Control: no-store; "
      "plain codes say nothing of caching")
def _():
    problems = []
    for target, want in (("/random/200", "no-store"),
                         ("/random/200,404", "no-store"),
                         ("/healthz", "no-store"),
                         ("/200?sleep=1", "no-store"),
                         ("/404?sleep=1", "no-store"),
                         ("/codes.json?sleep=1", "no-store"),
                         ("/200", None), ("/404", None),
                         ("/codes.json", "no-cache")):
        resp, r = exchange(req(target))
        r.sock.close()
        got = resp.all("Cache-Control")
        if got != ([want] if want else []):
            problems.append("%s: Cache-Control %r" % (target, got))
    report(problems)


# --- 408

@test("every 408 says Connection: close and closes: /408 on a keep-alive "
      "connection, and the server's own")
def _():
    s = connect()
    try:
        s.sendall(req("/408") + req("/200"))
        r = Reader(s)
        resp = read_response(r)
        expect(resp.status == 408 and "close" in resp.conn_tokens(),
               "/408: %d, Connection %r" % (resp.status,
                                            resp.all("Connection")))
        expect_closed(r, what="/408")
    finally:
        s.close()


@test("the access log of a 408 names the request when its line had come: "
      "a body that stalls, a head that stalls after its request line")
def _():
    # Over TLS the deadline runs from the accept through the handshake,
    # which valgrind makes slow: there it is scaled as the limits are.
    deadline = 300 * (launch.SLOW if launch.TLS else 1)
    srv = Server("--workers", "1", "--header-timeout", "%d" % deadline,
                 "--access-log", "-", stdout=True)
    try:
        for data in (req("/201", method="POST",
                         headers=["Content-Length: 10"], body=b"abc"),
                     b"GET /202?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: b",
                     b"GET /20"):
            s = connect(srv.port)
            try:
                s.sendall(data)
                r = Reader(s)
                resp = read_response(r)
                expect(resp.status == 408 and
                       "close" in resp.conn_tokens(),
                       "%r: %d" % (data[:20], resp.status))
                expect_closed(r, what="the 408")
            finally:
                s.close()
        expect(srv.stop() == 0, "exit status")
        srv.out_thread.join(IO_TIMEOUT)
    finally:
        srv.kill()
    lines = [l.decode("latin-1") for l in srv.out]
    expect(len(lines) == 3, "log lines %r" % lines)
    expect('"POST /201 HTTP/1.1" 408 ' in lines[0], "body: %r" % lines[0])
    expect('"GET /202?x=1 HTTP/1.1" 408 ' in lines[1],
           "head: %r" % lines[1])
    expect('"-" 408 ' in lines[2], "a request line unfinished: %r"
           % lines[2])


# --- curl

@test("curl: GET /418 and HEAD /404 (curl -sI)")
def _():
    rc, out, err = curl("-o", "-", "-w", "\n%{http_code}", url("/418"))
    expect(rc == 0, "curl exit %d: %s" % (rc, err[:200]))
    expect(out.endswith(b"\n418") and out.startswith(b"418 I'm a teapot"),
           "output %r" % out[:60])
    rc, out, err = curl("-I", url("/404"))
    expect(rc == 0, "curl -I exit %d" % rc)
    expect(out.startswith(b"HTTP/1.1 404 Not Found\r\n") and
           b"Content-Length:" in out, "curl -I output %r" % out[:80])
    p = subprocess.run([BIN, "check", "--method", "HEAD"], input=out,
                       capture_output=True, timeout=IO_TIMEOUT)
    expect(p.returncode == 0, "check of curl -sI output: %s"
           % p.stdout[:200])


@test("curl -si /103 shows the interim 103 with Link, then 200; check "
      "accepts it")
def _():
    rc, out, err = curl("-i", url("/103"))
    expect(rc == 0, "curl exit %d" % rc)
    expect(re.match(rb"^HTTP/1\.1 103 Early Hints\r\n(Link: [^\r]+\r\n)+"
                    rb"\r\nHTTP/1\.1 200 OK\r\n", out), "output %r" % out[:120])
    p = subprocess.run([BIN, "check"], input=out, capture_output=True,
                       timeout=IO_TIMEOUT)
    expect(p.returncode == 0, "check: %s" % p.stdout[:200])


@test("curl --http1.0 /103 gets the 200 alone")
def _():
    rc, out, err = curl("-i", "--http1.0", url("/103"))
    expect(rc == 0, "curl exit %d" % rc)
    expect(out.startswith(b"HTTP/1.1 200 OK\r\n"), "output %r" % out[:60])


@test("curl POST with Expect: 100-continue: 100 Continue then 201")
def _():
    rc, out, err = curl("-i", "-H", "Expect: 100-continue",
                        "--data-binary", "hello", url("/201"))
    expect(rc == 0, "curl exit %d" % rc)
    expect(re.match(rb"^HTTP/1\.1 100 Continue\r\n\r\nHTTP/1\.1 201 "
                    rb"Created\r\n", out), "output %r" % out[:80])


@test("curl: keep-alive across 3 URLs (one connect), JSON, a byte range")
def _():
    rc, out, err = curl("-o", "/dev/null", "-o", "/dev/null", "-o",
                        "/dev/null", "-w", "%{http_code}:%{num_connects} ",
                        url("/200"), url("/404"), url("/503"))
    expect(rc == 0, "curl exit %d" % rc)
    expect(out.split() == [b"200:1", b"404:0", b"503:0"], "codes:connects "
           "%r" % out)
    rc, out, err = curl("-H", "Accept: application/json", url("/429"))
    expect(json.loads(out)["code"] == 429, "JSON %r" % out[:60])
    rc, out, err = curl("-r", "0-5", url("/200"))
    expect(out == b"200 OK", "range %r" % out)


# --- httpstatus check on what the server sends

CHECKED = [("GET", "/200"), ("GET", "/201"), ("GET", "/202"),
           ("GET", "/204"), ("GET", "/205"), ("GET", "/206"),
           ("GET", "/301"), ("GET", "/302?location=/x"), ("GET", "/304"),
           ("GET", "/401"), ("GET", "/404"), ("GET", "/405"),
           ("GET", "/407"), ("GET", "/416"), ("GET", "/418"),
           ("GET", "/426"), ("GET", "/429"), ("GET", "/451"),
           ("GET", "/503"), ("GET", "/520"), ("GET", "/103"),
           ("GET", "/100"), ("GET", "/101"), ("HEAD", "/200"),
           ("HEAD", "/304"), ("GET", "/99"), ("OPTIONS", "/200")]


@test("httpstatus check accepts ~30 representative responses (raw bytes)")
def _():
    problems = []
    for method, path in CHECKED:
        data = raw_to_eof(req(path, method=method,
                              headers=["Connection: close"]))
        extra = []
        if path == "/200" and method == "GET":
            extra = [("Range 206", raw_to_eof(req(
                "/200", headers=["Connection: close", "Range: bytes=0-3"]))),
                ("Range 416", raw_to_eof(req(
                    "/200", headers=["Connection: close",
                                     "Range: bytes=9999-"])))]
        for name, raw in [("%s %s" % (method, path), data)] + extra:
            p = subprocess.run([BIN, "check", "--method", method],
                               input=raw, capture_output=True, timeout=IO_TIMEOUT)
            if p.returncode != 0:
                problems.append("%s: exit %d: %s" % (
                    name, p.returncode,
                    p.stdout.decode("utf-8", "replace").strip()
                    .replace("\n", " | ")[:200]))
    report(problems)


@test("httpstatus check accepts every complete response the tests read")
def _():
    problems = []
    expect(len(RESPONSES) > 500, "only %d responses recorded"
           % len(RESPONSES))
    for name, method, raw in RESPONSES:
        p = subprocess.run([BIN, "check", "--method", method], input=raw,
                           capture_output=True, timeout=IO_TIMEOUT)
        if p.returncode != 0:
            problems.append("%s: exit %d: %s" % (
                name, p.returncode,
                p.stdout.decode("utf-8", "replace").strip()
                .replace("\n", " | ")[:200]))
    report(problems)


# ------------------------------------------------------------------ runner

def main(argv):
    global BIN, MAIN
    if len(argv) != 2:
        print("usage: test_server.py BINARY", file=sys.stderr)
        return 2
    BIN = os.path.abspath(argv[1])
    if not os.access(BIN, os.X_OK):
        print("%s: not an executable" % BIN, file=sys.stderr)
        return 2
    launch.BINARY = BIN
    launch.watchdog(200)
    passed = failed = 0

    def result(name, err):
        nonlocal passed, failed
        if err is None:
            passed += 1
            print("ok - %s" % name, flush=True)
        else:
            failed += 1
            err = " ".join(str(err).split())
            print("not ok - %s: %s" % (name, err[:600]), flush=True)

    t_start = time.monotonic()
    try:
        load_registry()
        MAIN = Server("--workers", "2")
        result("the server starts on 127.0.0.1 and says its port", None)
    except Exception as e:  # noqa: BLE001
        result("the server starts on 127.0.0.1 and says its port",
               "%s: %s" % (type(e).__name__, e))
        print("%d passed, %d failed" % (passed, failed))
        return 1
    try:
        for name, fn in TESTS:
            try:
                fn()
                result(name, None)
            except Fail as e:
                result(name, e)
            except Exception as e:  # noqa: BLE001
                result(name, "%s: %s" % (type(e).__name__, e))
        rc = MAIN.stop()
        result("SIGTERM: the server exits 0",
               None if rc == 0 else "exit status %r" % rc)
        result("no server left running", None if all(s.proc.poll() is not None for s in SERVERS)
               else "a server is still running")
    finally:
        for s in SERVERS:
            s.kill()
    print("# %.1f s" % (time.monotonic() - t_start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
