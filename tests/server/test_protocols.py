#!/usr/bin/env python3
"""tests/server/test_protocols.py: every endpoint family answers the same
over every protocol. Each request of a broad list (a sample path for
each route of GET /index.txt, and methods, ranges, conditional requests,
auth, redirects, cookies, content codings, ?sleep and ?header) is made
with curl five ways:
    http/1.1        http://, --http1.1
    https/1.1       https://, --http1.1
    https/h2        https://, --http2 (ALPN)
    h2c             http://, --http2-prior-knowledge
    h2c-upgrade     http://, --http2 (Upgrade: h2c, then HTTP/2)
and every way must give the same status, the same interim responses, the
same fields and the same content as http/1.1 does. Fields are compared
by lower-cased name, in order, but for Date, Connection, Keep-Alive and
the framing (Transfer-Encoding; Content-Length is checked apart: where
HTTP/1.1 sent one, each way sends the same). What legitimately varies
per request is masked first: the port and scheme wherever the request
URL shows (echoes, absolute redirects), the client's port in an echo's
origin, the request fields that only one protocol sends (Connection,
Upgrade, HTTP2-Settings: curl's h2c upgrade), and per case a random or
timed value (a UUID, a Digest nonce, a multipart boundary, SSE
timestamps, /cache's Last-Modified and the ETag made from it). A request
with content asking for h2c may stay HTTP/1.1 (serve upgrades only
requests without content, as RFC 7540 allows).

HTTPS is checked as a client should: curl trusts the server's own
certificate (--tls-cert-out, --cacert) and pins its key with the pin
the server prints (--pinnedpubkey sha256//PIN); a wrong pin must fail.

The ?fault= cases are not compared here: a fault breaks each protocol
its own way (docs/faults.md), which test_faults.py, test_fault_clients.py
and test_h2_faults.py check. Here, over the three HTTP/2 ways, each must
be answered (curl ends before its time limit, whatever it reports) and
the server must go on serving; what curl reported is printed, a line a
fault.

    python3 tests/server/test_protocols.py BINARY

Needs curl with HTTP/2 (Debian's 7.88 has it). Python 3.11 standard
library only.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import launch
from launch import HOST, LIVE, Server, expect, report, test

SRV = None
TMP = tempfile.mkdtemp(prefix="httpstatus-protocols-")
CERT = os.path.join(TMP, "cert.pem")

MODES = (
    ("http/1.1", "http", ["--http1.1"], "1.1"),
    ("https/1.1", "https", ["--http1.1"], "1.1"),
    ("https/h2", "https", ["--http2"], "2"),
    ("h2c", "http", ["--http2-prior-knowledge"], "2"),
    ("h2c-upgrade", "http", ["--http2"], "2"),
)
H2_MODES = [m for m in MODES if m[3] == "2"]

# Fields not compared: Date varies; Connection and Keep-Alive and
# Transfer-Encoding are HTTP/1.1's framing, which HTTP/2 has not;
# Content-Length is compared apart.
UNCOMPARED = {"date", "connection", "keep-alive", "transfer-encoding",
              "content-length"}
# Fields HTTP/2 forbids (RFC 9113, Section 8.2.2): an HTTP/2 response
# goes without those that HTTP/1.1 sends (Upgrade on a 426, say).
H2_FORBIDS = {"connection", "keep-alive", "proxy-connection",
              "transfer-encoding", "upgrade", "te"}
# Request fields that only some ways send (curl's h2c upgrade).
PER_PROTOCOL_REQUEST = {"connection", "upgrade", "http2-settings"}


class Got:
    """What curl got: the interim responses (status, fields) without the
    101 of an h2c upgrade, the final status and fields, the content, the
    HTTP version curl used, curl's exit status and message."""

    def __init__(self, interim, status, fields, body, version, rc, err,
                 upgraded):
        self.interim = interim
        self.status = status
        self.fields = fields
        self.body = body
        self.version = version
        self.rc = rc
        self.err = err
        self.upgraded = upgraded

    def get(self, name):
        for n, v in self.fields:
            if n == name:
                return v
        return None

    def __repr__(self):
        return "<%s %r rc=%d %s>" % (self.status, self.body[:60], self.rc,
                                     self.err[:80])


def parse_heads(data):
    """The blocks of curl's -D output: [(status, [(name, value)...])]."""
    blocks = []
    for block in data.decode("latin-1").split("\r\n\r\n"):
        lines = [ln for ln in block.split("\r\n") if ln]
        if not lines or not lines[0].startswith("HTTP/"):
            continue
        status = int(lines[0].split()[1])
        fields = []
        for ln in lines[1:]:
            name, _, value = ln.partition(":")
            fields.append((name.strip().lower(), value.strip()))
        blocks.append((status, fields))
    return blocks


def tls_args():
    return ["--cacert", CERT, "--pinnedpubkey", "sha256//" + SRV.pin]


def url(scheme, path):
    port = SRV.tls_port if scheme == "https" else SRV.port
    return "%s://%s:%d%s" % (scheme, HOST, port, path)


def curl(mode, path, method="GET", headers=(), data=None, user=None,
         compressed=False, extra=(), max_time=None):
    name, scheme, flags, _ = mode
    hdr = os.path.join(TMP, "head")
    body = os.path.join(TMP, "body")
    for f in (hdr, body):
        if os.path.exists(f):
            os.unlink(f)
    cmd = ["curl", "-sS", "--max-time", "%g" % (max_time or LIVE),
           "-D", hdr, "-o", body, "-w", "%{http_version}", *flags]
    if scheme == "https":
        cmd += tls_args()
    if method == "HEAD":
        cmd.append("-I")
    elif method != "GET" or data is not None:
        cmd += ["-X", method]
    for h in headers:
        cmd += ["-H", h]
    if data is not None:
        cmd += ["--data-binary", data]
    if user:
        cmd += ["-u", user]
    if compressed:
        cmd.append("--compressed")
    cmd += list(extra)
    cmd.append(url(scheme, path))
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                       env=dict(os.environ, no_proxy="*"),
                       timeout=2 * (max_time or LIVE) + 5)
    heads = b""
    if os.path.exists(hdr):
        with open(hdr, "rb") as f:
            heads = f.read()
    content = b""
    # -I writes the head where -o says: HEAD's content is none.
    if os.path.exists(body) and method != "HEAD":
        with open(body, "rb") as f:
            content = f.read()
    blocks = parse_heads(heads)
    upgraded = False
    if name == "h2c-upgrade" and blocks and blocks[0][0] == 101:
        upgraded = True
        blocks = blocks[1:]
    if blocks:
        final = blocks[-1]
        interim = blocks[:-1]
    else:
        final, interim = (None, []), []
    return Got(interim, final[0], final[1], content,
               p.stdout.decode().strip(), p.returncode,
               p.stderr.decode("utf-8", "replace").strip(), upgraded)


# ------------------------------------------------------------- masking

def unport(text):
    """The two ports as PORT, and https:// as http:// before it."""
    for port in (SRV.port, SRV.tls_port):
        text = text.replace("%s:%d" % (HOST, port), HOST + ":PORT")
    return text.replace("https://" + HOST + ":PORT", "http://" + HOST +
                        ":PORT")


def drop_request_fields(doc):
    """An echo's JSON without the request fields only some ways send."""
    if isinstance(doc, dict):
        out = {}
        for k, v in doc.items():
            if k == "headers" and isinstance(v, dict):
                v = {hk: hv for hk, hv in v.items()
                     if hk.lower() not in PER_PROTOCOL_REQUEST}
            if k == "origin" and isinstance(v, str):
                v = re.sub(r":\d+$", "", v)  # the client's port
            out[k] = drop_request_fields(v)
        return out
    if isinstance(doc, list):
        return [drop_request_fields(x) for x in doc]
    return doc


def norm_body(case, body):
    kind = case.get("body", "auto")
    if kind == "length":
        return len(body)
    text = body.decode("utf-8", "replace") if kind != "bytes" else None
    if text is None:
        return body
    text = unport(text)
    for pattern, repl in case.get("mask", ()):
        text = re.sub(pattern, repl, text)
    if kind == "dump":
        # /dump/request shows the head as the server saw it: over HTTP/2
        # that is the head rebuilt from the fields, names lower-cased
        # and Host first.
        head, _, rest = text.partition("\r\n\r\n")
        lines = head.split("\r\n")
        fields = []
        for ln in lines[1:]:
            n, _, v = ln.partition(":")
            if n.strip().lower() not in PER_PROTOCOL_REQUEST:
                fields.append((n.strip().lower(), v.strip()))
        return (lines[0], sorted(fields), rest)
    if kind in ("auto", "json", "lines"):
        out = []
        for ln in (text.splitlines() if kind == "lines" else [text]):
            try:
                out.append(drop_request_fields(json.loads(ln)))
            except ValueError:
                if kind != "auto":
                    raise launch.Fail("not JSON: %r" % ln[:100])
                out.append(ln)
        return out
    return text


# An HTTP date in any field (Expires, a cookie's Expires) is the time of
# the request, which may be a second later over one protocol than another.
HTTP_DATE = re.compile(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} "
                       r"\d\d:\d\d:\d\d GMT")


def norm_fields(case, fields, h2=False):
    """The fields to compare: by name (a stable sort, so that the order
    of one name's lines counts but not where each name comes), without
    those not compared (or, for HTTP/2, forbidden), values masked, HTTP
    dates among them."""
    masked = case.get("mask_fields", {})
    out = []
    for n, v in fields:
        if n in UNCOMPARED or (h2 and n in H2_FORBIDS):
            continue
        v = HTTP_DATE.sub("<date>", unport(v))
        for pattern, repl in masked.get(n, ()):
            v = re.sub(pattern, repl, v)
        out.append((n, v))
    return sorted(out, key=lambda f: f[0])


def compare(case, ref, got, mode):
    """The differences between got (over mode) and ref (HTTP/1.1)."""
    name = mode[0]
    p = []
    if got.rc != 0:
        p.append("%s: curl status %d: %s" % (name, got.rc, got.err))
        return p
    # A server may keep HTTP/1.1 for an upgrade with content (RFC 7540,
    # Section 3.2, lets it ignore the Upgrade).
    may_stay = name == "h2c-upgrade" and case.get("data") is not None
    if got.version != mode[3] and not (may_stay and got.version == "1.1"):
        p.append("%s: curl used HTTP/%s" % (name, got.version))
    if got.status != ref.status:
        p.append("%s: status %r, http/1.1 %r" % (name, got.status,
                                                  ref.status))
    h2 = got.version == "2"
    gi = [(s, norm_fields(case, f, h2)) for s, f in got.interim]
    ri = [(s, norm_fields(case, f, h2)) for s, f in ref.interim]
    if gi != ri:
        p.append("%s: interim %r, http/1.1 %r" % (name, gi, ri))
    gf = norm_fields(case, got.fields, h2)
    rf = norm_fields(case, ref.fields, h2)
    if gf != rf:
        missing = [f for f in rf if f not in gf]
        extra = [f for f in gf if f not in rf]
        p.append("%s: fields differ: only http/1.1 has %r, only %s has %r%s"
                 % (name, missing, name, extra,
                    " (order)" if not missing and not extra else ""))
    # The same content must have the same length (an echo's varies
    # with the URL and the client's port; for HEAD the case says).
    rl, gl = ref.get("content-length"), got.get("content-length")
    same = got.body == ref.body if case.get("method") != "HEAD" else \
        not case.get("varies")
    if rl is not None and same and gl != rl:
        p.append("%s: content-length %r, http/1.1 %r" % (name, gl, rl))
    if rl is not None and gl is None:
        p.append("%s: no content-length, http/1.1 has %s" % (name, rl))
    if gl is not None and case.get("method") != "HEAD" and \
            not case.get("compressed") and int(gl) != len(got.body):
        p.append("%s: content-length %s for %d bytes" % (name, gl,
                                                          len(got.body)))
    gb, rb = norm_body(case, got.body), norm_body(case, ref.body)
    if gb != rb:
        p.append("%s: content differs: %r vs http/1.1 %r" % (
            name, got.body[:160], ref.body[:160]))
    return p


# --------------------------------------------------------------- cases

BOUNDARY = (r"httpstatus-[0-9a-f]+", "httpstatus-B")
# /cache's Last-Modified is the time of the request and its ETag a hash
# of it; /etag/{etag}'s Last-Modified is the time too.
ANY = [(r"^.*$", "V")]
NOW = {"last-modified": ANY, "etag": ANY}
NONCE = [(r'nonce="[^"]*"', 'nonce="N"'), (r'opaque="[^"]*"', 'opaque="O"')]

CASES = [
    # The index's routes, one sample path each.
    ("/", {"body": "text"}),
    ("/index.txt", {"body": "text"}),
    ("/healthz", {}),
    ("/codes.json", {}),
    ("/codes/404.json", {}),
    ("/200", {}),
    ("/404", {}),
    ("/503", {}),
    ("/418", {"headers": ["Accept: application/json"]}),
    ("/500", {"headers": ["Accept: text/html"], "body": "text"}),
    ("/302", {}),
    ("/201?location=/elsewhere", {}),
    ("/429?retry_after=7", {}),
    ("/299/anything/after", {}),
    ("/204", {}),
    ("/304", {}),
    ("/103", {"body": "text"}),
    ("/100", {}),
    ("/102", {}),
    ("/101", {}),
    ("/random/200", {}),
    ("/status/418", {}),
    ("/status/300", {"body": "text"}),
    ("/unstable?failure_rate=0", {}),
    ("/redirect/2", {}),
    ("/relative-redirect/2", {}),
    ("/absolute-redirect/1", {}),
    ("/redirect-to?url=/get&status_code=307", {}),
    ("/delay/0", {}),
    ("/get?a=1&b=2", {}),
    ("/head", {"method": "HEAD", "varies": True}),
    ("/post", {"method": "POST", "data": "a=1&b=two", "headers": [
        "Content-Type: application/x-www-form-urlencoded"]}),
    ("/post", {"method": "POST", "data": '{"k": [1, 2]}',
               "headers": ["Content-Type: application/json"]}),
    ("/put", {"method": "PUT", "data": "put body"}),
    ("/patch", {"method": "PATCH", "data": "patch body"}),
    ("/delete", {"method": "DELETE"}),
    ("/anything/x/y?z=1", {"method": "PUT", "data": "any"}),
    ("/headers", {"headers": ["X-Custom: one"]}),
    ("/ip", {}),
    ("/user-agent", {}),
    ("/hostname", {}),
    ("/response-headers?X-A=1&X-A=2&X-B=b", {}),
    ("/dump/request?q=1", {"body": "dump", "headers": ["X-D: 1"]}),
    ("/gzip", {"compressed": True}),
    ("/deflate", {"compressed": True}),
    ("/brotli", {"compressed": True}),
    ("/image", {"headers": ["Accept: image/webp"], "body": "bytes"}),
    ("/image/png", {"body": "bytes"}),
    ("/image/jpeg", {"body": "bytes"}),
    ("/image/svg", {"body": "text"}),
    ("/image/webp", {"body": "bytes"}),
    ("/html", {"body": "text"}),
    ("/json", {}),
    ("/xml", {"body": "text"}),
    ("/robots.txt", {"body": "text"}),
    ("/deny", {"body": "text"}),
    ("/encoding/utf8", {"body": "text"}),
    ("/uuid", {"body": "length"}),
    ("/links/3", {}),
    ("/links/3/1", {"body": "text"}),
    ("/forms/post", {"body": "text"}),
    ("/cookies", {"headers": ["Cookie: a=1; b=2"]}),
    ("/cookies/set?x=1&y=2", {}),
    ("/cookies/delete?x", {}),
    ("/basic-auth/u/p", {"user": "u:p"}),
    ("/basic-auth/u/p", {"user": "u:wrong"}),
    ("/hidden-basic-auth/u/p", {"user": "u:wrong"}),
    ("/bearer", {"headers": ["Authorization: Bearer abc"]}),
    ("/bearer", {}),
    ("/digest-auth/auth/u/p", {"mask_fields": {"www-authenticate": NONCE}}),
    ("/base64/aGVsbG8=", {"body": "text"}),
    ("/base64/encode/hello", {"body": "text"}),
    # Caching and conditional requests.
    ("/cache", {"mask_fields": NOW}),
    ("/cache", {"headers": ["If-Modified-Since: Sat, 01 Jan 2050 00:00:00 "
                            "GMT"], "mask_fields": NOW}),
    ("/cache/60", {"mask_fields": NOW}),
    ("/etag/abc", {"mask_fields": {"last-modified": ANY}}),
    ("/etag/abc", {"headers": ['If-None-Match: "abc"'],
                   "mask_fields": {"last-modified": ANY}}),
    ("/etag/abc", {"headers": ['If-Match: "other"'],
                   "mask_fields": {"last-modified": ANY}}),
    # Ranges.
    ("/range/100", {"headers": ["Range: bytes=10-19"], "body": "bytes"}),
    ("/range/100", {"headers": ["Range: bytes=0-9,20-29"], "body": "text",
                    "mask": [BOUNDARY],
                    "mask_fields": {"content-type": [BOUNDARY]}}),
    ("/range/100", {"headers": ["Range: bytes=500-"]}),
    ("/200", {"headers": ["Range: bytes=0-3"], "body": "bytes"}),
    ("/206", {"headers": ["Range: bytes=2-5"], "body": "bytes"}),
    # Generated content.
    ("/bytes/300?seed=1", {"body": "bytes"}),
    ("/stream-bytes/300?seed=1&chunk_size=50", {"body": "bytes"}),
    ("/stream/3", {"body": "lines"}),
    ("/drip?numbytes=5&duration=0.2", {"body": "bytes"}),
    ("/sse?count=3&duration=0.2",
     {"body": "text", "mask": [(r'"timestamp": ?\d+', '"timestamp":T')]}),
    # Methods and the query's own parameters.
    ("/200", {"method": "HEAD"}),
    ("/get", {"method": "HEAD", "varies": True}),
    ("/200", {"method": "DELETE"}),
    ("/get", {"method": "OPTIONS",
              "headers": ["Origin: http://example.com",
                          "Access-Control-Request-Method: PUT"]}),
    ("/", {"method": "TRACE"}),
    ("/200?sleep=300", {}),
    ("/200?header=X-Test:hello", {}),
    ("/404?header=X-A:1&header=X-B:2%20two", {}),
    ("/200", {"headers": ["Accept: application/json"]}),
]

FAULTS = ("reset", "close", "close-after-head", "truncate:10", "stall:300",
          "throttle:4000", "bad-chunk", "missing-final-chunk",
          "length-mismatch:5", "duplicate-length", "length-and-chunked",
          "bad-status-line", "no-final", "garbage:64", "keepalive-close")


def run_case(path, case):
    kw = dict(method=case.get("method", "GET"),
              headers=case.get("headers", ()), data=case.get("data"),
              user=case.get("user"), compressed=case.get("compressed",
                                                          False))
    ref = curl(MODES[0], path, **kw)
    expect(ref.rc == 0 and ref.status is not None,
           "http/1.1: curl status %d: %s" % (ref.rc, ref.err))
    problems = []
    for mode in MODES[1:]:
        got = curl(mode, path, **kw)
        problems += compare(case, ref, got, mode)
        if mode[0] == "h2c-upgrade" and got.rc == 0 and not got.upgraded \
                and kw["method"] in ("GET", "HEAD") and kw["data"] is None:
            problems.append("h2c-upgrade: no 101 before the response")
    report(problems, 3)


def case_name(path, case):
    extra = []
    if case.get("headers"):
        extra.append(", ".join(case["headers"]))
    if case.get("user"):
        extra.append("-u " + case["user"])
    if case.get("compressed"):
        extra.append("--compressed")
    return "%s %s%s: the same over all five" % (
        case.get("method", "GET"), path,
        " (%s)" % "; ".join(extra) if extra else "")


for _path, _case in CASES:
    test(case_name(_path, _case))(
        (lambda p, c: lambda: run_case(p, c))(_path, _case))


@test("curl pins the server's key: the printed pin is taken, a wrong one "
      "refused")
def _():
    expect(re.fullmatch(r"[A-Za-z0-9+/]{43}=", SRV.pin or ""),
           "pin %r is not base64 of 32 bytes" % SRV.pin)
    for mode in (MODES[1], MODES[2]):
        got = curl(mode, "/200")
        expect(got.rc == 0 and got.status == 200, "%s: %r" % (mode[0], got))
    wrong = "sha256//" + "A" * 43 + "="
    p = subprocess.run(["curl", "-sS", "-o", os.devnull, "--max-time",
                        "%g" % LIVE, "--cacert", CERT, "--pinnedpubkey",
                        wrong, url("https", "/200")],
                       capture_output=True, timeout=2 * LIVE)
    expect(p.returncode == 90, "a wrong pin: curl status %d (90 wanted): %s"
           % (p.returncode, p.stderr.decode(errors="replace").strip()))


FAULT_LINES = []


@test("?fault= over HTTP/2 (https/h2, h2c, h2c-upgrade): each answered "
      "before curl's limit, and the server serves on")
def _():
    problems = []
    for fault in FAULTS:
        for mode in H2_MODES:
            got = curl(mode, "/200?fault=" + fault, max_time=LIVE)
            FAULT_LINES.append("# %-20s %-12s curl %2d, status %s%s" % (
                fault, mode[0], got.rc, got.status,
                ": " + got.err if got.err else ""))
            if got.rc == 28:
                problems.append("%s over %s: curl timed out" % (fault,
                                                                mode[0]))
            after = curl(mode, "/healthz")
            if after.rc != 0 or after.status != 200:
                problems.append("after %s over %s: /healthz %r" % (
                    fault, mode[0], after))
    for line in FAULT_LINES:
        print(line)
    expect(SRV.alive(), "the server died")
    report(problems)


def start():
    global SRV
    SRV = Server("--workers", "2", "--tls-listen", HOST + ":0",
                 "--tls-cert-out", CERT)
    return SRV


if __name__ == "__main__":
    try:
        sys.exit(launch.run_suite(sys.argv, start, 600))
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
