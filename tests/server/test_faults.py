#!/usr/bin/env python3
"""tests/server/test_faults.py: the wire-level faults of `httpstatus serve`
(docs/faults.md), over raw sockets.

    python3 tests/server/test_faults.py BINARY

Each fault is asked for on GET /418, whose content is a fixed text. The
bytes a fault should send are worked out from a plain GET /418 sent just
before, as docs/faults.md describes them, so that the test names no prose:
only the Date field may differ, and it is masked on both sides. Then the
end of the connection is checked: a clean close (recv() gives b''), a
reset (ConnectionResetError), or a connection left open, shown by a second
request on it being answered.

Also: the faults given as X-HttpStatus-Fault, on HEAD, on a 204, on
streamed content, on a 103 and on a pipelined request; the 400s for fault
lists that cannot be read; the draws (@P, --seed); the faults of a whole
run (--fault), its start line and its usage errors; the access log.

Time is checked only from below: a stall or a throttle takes at least as
long as it says (CLOCK_SLACK aside). Every wait for bytes has a liveness
limit (launch.LIVE), and a watchdog ends the run if it hangs. Prints
"ok - NAME" or "not ok - NAME: reason" per test, then "N passed, N
failed". Python 3.11 standard library only.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import launch
from launch import CLOCK_SLACK, HOST, LIVE, Fail, Server, expect, test

SRV = None
MAX_SLEEP = 2000   # the main server's --max-sleep: stall's upper bound

# What ends a read: the server's clean close, or its reset. Over TLS
# (HTTPSTATUS_TEST_TLS) a close is FIN when the TCP connection ends
# without close_notify, as a fault ends it (a server that failed sends
# none), and CLOSE_NOTIFY when the server ended the TLS session first;
# CLEAN is what an unfaulted close is.
FIN = "FIN"
RST = "RST"
CLOSE_NOTIFY = "close_notify"
CLEAN = CLOSE_NOTIFY if launch.TLS else FIN


# ------------------------------------------------------------ helpers

def connect(port=None):
    return launch.connect(port or SRV.port)


def request(target, method="GET", fields=()):
    """A request as bytes: Host and the fields given as (name, value)."""
    lines = ["%s %s HTTP/1.1" % (method, target), "Host: x"]
    lines += ["%s: %s" % f for f in fields]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def read_to_end(s, stamps=None):
    """Every byte until the server ends the connection, and how it ended
    (FIN or RST). With stamps a list, appends (time, bytes so far) after
    each read."""
    out = b""
    while True:
        try:
            got = s.recv(65536)
        except ConnectionResetError:
            return out, RST
        except socket.timeout:
            raise Fail("the connection was neither closed nor reset within "
                       "%.0f s; had %r" % (LIVE, out[:200]))
        if stamps is not None:
            stamps.append((time.monotonic(), len(out) + len(got)))
        if not got:
            if getattr(s, "eof", None) == "close_notify":
                return out, CLOSE_NOTIFY
            return out, FIN
        out += got


def read_exactly(s, n, stamps=None):
    """n bytes, or a failure saying what came instead."""
    out = b""
    while len(out) < n:
        try:
            got = s.recv(n - len(out))
        except ConnectionResetError:
            raise Fail("reset after %d of %d bytes: %r" % (len(out), n,
                                                           out[:200]))
        except socket.timeout:
            raise Fail("only %d of %d bytes within %.0f s: %r"
                       % (len(out), n, LIVE, out[:200]))
        if not got:
            raise Fail("closed after %d of %d bytes: %r" % (len(out), n,
                                                            out[:200]))
        out += got
        if stamps is not None:
            stamps.append((time.monotonic(), len(out)))
    return out


def read_response(s, head_only=False):
    """One response framed by Content-Length (or none), as raw bytes."""
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            got = s.recv(1)
        except ConnectionResetError:
            raise Fail("reset in a head: %r" % data)
        except socket.timeout:
            raise Fail("no whole head within %.0f s: %r" % (LIVE, data))
        if not got:
            raise Fail("closed in a head: %r" % data)
        data += got
    if head_only:
        return data
    m = re.search(rb"\r\ncontent-length: *(\d+)\r\n", data, re.I)
    n = int(m.group(1)) if m else 0
    return data + read_exactly(s, n)


def masked(data):
    """data with the value of its Date fields blanked."""
    return re.sub(rb"\r\nDate: [^\r]*\r\n", b"\r\nDate: -\r\n", data)


def same(got, want, what):
    expect(masked(got) == masked(want),
           "%s: got %r, want %r" % (what, got[:400], want[:400]))


def plain(target="/418", method="GET", port=None):
    """An unfaulted response's bytes, split into its head and content."""
    s = connect(port)
    try:
        s.sendall(request(target, method))
        raw = read_response(s, head_only=(method == "HEAD"))
    finally:
        s.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    return head + b"\r\n\r\n", body


def teapot():
    """GET /418's head and content; checks the shape the tests assume."""
    head, body = plain()
    expect(head.startswith(b"HTTP/1.1 418 ") and
           b"\r\nContent-Length: %d\r\n" % len(body) in head and
           len(body) > 20 and b"Connection:" not in head,
           "GET /418 is not what the tests assume: %r" % (head + body))
    return head, body


def framing(head, fields):
    """head with its Content-Length field replaced by fields (bytes, each
    line ending in CRLF)."""
    new, n = re.subn(rb"\r\nContent-Length: \d+\r\n",
                     lambda m: b"\r\n" + fields, head)
    expect(n == 1, "no Content-Length to replace in %r" % head)
    return new


def chunk(data):
    return b"%x\r\n" % len(data) + data + b"\r\n"


def faulted(target, fields=(), method="GET", port=None):
    """Sends one request on a new connection; returns what came back until
    the server ended it, and how it ended."""
    s = connect(port)
    try:
        s.sendall(request(target, method, fields))
        return read_to_end(s)
    finally:
        s.close()


def ends(target, want, end, fields=(), method="GET", port=None):
    got, how = faulted(target, fields, method, port)
    same(got, want, "%s %s %r" % (method, target, list(fields)))
    expect(how == end, "%s %s %r: ended with %s, not %s"
           % (method, target, list(fields), how, end))


def stays_open(s, what):
    """The connection s answers a second request: GET /200, whole."""
    try:
        s.sendall(request("/200"))
    except OSError as e:
        raise Fail("%s: cannot send a second request: %s" % (what, e))
    r = read_response(s)
    expect(r.startswith(b"HTTP/1.1 200 OK\r\n"),
           "%s: the second request got %r" % (what, r[:200]))


def open_after(target, want, fields=(), method="GET"):
    """The request gets exactly want, and the connection stays open."""
    s = connect()
    try:
        s.sendall(request(target, method, fields))
        got = read_exactly(s, len(want))
        same(got, want, "%s %s" % (method, target))
        stays_open(s, "%s %s" % (method, target))
    finally:
        s.close()


def with_server(*args, **kw):
    """Runs fn(server) against a server of its own, then stops it."""
    def wrap(fn):
        srv = Server(*args, **kw)
        try:
            result = fn(srv)
        except BaseException:
            srv.stop()
            raise
        rc = srv.stop()
        expect(rc == 0, "the server %r exited %r" % (args, rc))
        return result
    return wrap


# ------------------------------------------ 1. the faults on GET /418

@test("reset: nothing, then a TCP reset")
def _():
    ends("/418?fault=reset", b"", RST)


@test("close: nothing, then a clean close")
def _():
    ends("/418?fault=close", b"", FIN)


@test("close-after-head: the whole head, Content-Length included, then a "
      "close")
def _():
    head, _ = teapot()
    ends("/418?fault=close-after-head", head, FIN)


@test("truncate:N: the head and the first N bytes of content, then a "
      "close; N of 0 and N past the end")
def _():
    head, body = teapot()
    for n in (5, 0, 1, len(body) - 1):
        ends("/418?fault=truncate:%d" % n, head + body[:n], FIN)
    for n in (len(body), 100000):
        ends("/418?fault=truncate:%d" % n, head + body, FIN)


@test("stall:600: the head and half the content, then the rest no sooner "
      "than 600 ms later, and the connection stays open")
def _():
    head, body = teapot()
    half = len(head) + len(body) // 2
    s = connect()
    try:
        stamps = []
        t0 = time.monotonic()
        s.sendall(request("/418?fault=stall:600"))
        got = read_exactly(s, len(head) + len(body), stamps)
        same(got, head + body, "stall:600")
        t_half = min(t for t, n in stamps if n >= half)
        t_rest = min(t for t, n in stamps if n > half)
        expect(t_rest - t0 >= 0.6 - CLOCK_SLACK,
               "the rest came %.3f s after the request" % (t_rest - t0))
        # The pause falls between the halves, not before the head: the
        # first half came well before the rest.
        expect(t_rest - t_half >= 0.3,
               "the first half came only %.3f s before the rest"
               % (t_rest - t_half))
        stays_open(s, "stall:600")
    finally:
        s.close()


@test("stall:0 sends the whole response at once")
def _():
    head, body = teapot()
    open_after("/418?fault=stall:0", head + body)


@test("throttle:1000: the whole response, exact, taking at least its "
      "length / 1000 s, in several pieces; the connection stays open")
def _():
    head, body = teapot()
    n = len(head) + len(body)
    s = connect()
    try:
        stamps = []
        t0 = time.monotonic()
        s.sendall(request("/418?fault=throttle:1000"))
        got = read_exactly(s, n, stamps)
        took = stamps[-1][0] - t0
        same(got, head + body, "throttle:1000")
        expect(took >= n / 1000 - CLOCK_SLACK,
               "%d bytes took %.3f s" % (n, took))
        expect(len(stamps) >= 2, "all %d bytes came in one read" % n)
        stays_open(s, "throttle:1000")
    finally:
        s.close()


@test("bad-chunk: chunked, the first half (rounded up), then a chunk whose "
      "size line is xyz, then a close")
def _():
    head, body = teapot()
    first = len(body) - len(body) // 2
    want = (framing(head, b"Transfer-Encoding: chunked\r\n") +
            chunk(body[:first]) + b"xyz\r\n" + body[first:] + b"\r\n" +
            b"0\r\n\r\n")
    ends("/418?fault=bad-chunk", want, FIN)


@test("missing-final-chunk: the content as one chunk, no last chunk, then "
      "a close")
def _():
    head, body = teapot()
    want = framing(head, b"Transfer-Encoding: chunked\r\n") + chunk(body)
    ends("/418?fault=missing-final-chunk", want, FIN)


@test("length-mismatch:3: Content-Length 3 too high, the connection stays "
      "open, and the next answer fills the gap")
def _():
    head, body = teapot()
    want = framing(head, b"Content-Length: %d\r\n" % (len(body) + 3)) + body
    open_after("/418?fault=length-mismatch:3", want)


@test("duplicate-length: the true length, then the true length + 1, the "
      "content, then a close")
def _():
    head, body = teapot()
    want = framing(head, b"Content-Length: %d\r\nContent-Length: %d\r\n"
                   % (len(body), len(body) + 1)) + body
    ends("/418?fault=duplicate-length", want, FIN)


@test("length-and-chunked: Content-Length and Transfer-Encoding: chunked, "
      "one chunk and the last, then a close")
def _():
    head, body = teapot()
    want = (framing(head, b"Content-Length: %d\r\n"
                    b"Transfer-Encoding: chunked\r\n" % len(body)) +
            chunk(body) + b"0\r\n\r\n")
    ends("/418?fault=length-and-chunked", want, FIN)


@test("bad-status-line: HTTP/1.1 2000 Broken, the rest as normal, then a "
      "close")
def _():
    head, body = teapot()
    want = b"HTTP/1.1 2000 Broken\r\n" + head.split(b"\r\n", 1)[1] + body
    ends("/418?fault=bad-status-line", want, FIN)


@test("no-final: a 100 Continue for a response without interim ones, then "
      "a close")
def _():
    ends("/418?fault=no-final", b"HTTP/1.1 100 Continue\r\n\r\n", FIN)


@test("garbage:N: N bytes whose first has its top bit set, then a close")
def _():
    for n in (1, 2, 64, 1048576):
        got, how = faulted("/418?fault=garbage:%d" % n)
        expect(len(got) == n and got[0] & 0x80 and how == FIN,
               "garbage:%d: %d bytes, first %r, ended %s"
               % (n, len(got), got[:1], how))


@test("keepalive-close: the correct response without Connection: close, "
      "then a close; a second request gets nothing")
def _():
    head, body = teapot()
    s = connect()
    try:
        s.sendall(request("/418?fault=keepalive-close"))
        got = read_exactly(s, len(head) + len(body))
        same(got, head + body, "keepalive-close")
        expect(b"\r\nConnection:" not in got, "it says %r" % got)
        try:
            s.sendall(request("/200"))
        except OSError:
            pass  # the close may come first: that is the race itself
        more, how = read_to_end(s)
        expect(more == b"" and how == FIN,
               "after the response: %r, then %s" % (more[:200], how))
    finally:
        s.close()


@test("the closing faults end with a FIN even when the client then sends "
      "more")
def _():
    head, body = teapot()
    for f in ("close", "truncate:5", "bad-status-line", "garbage:8"):
        s = connect()
        try:
            s.sendall(request("/418?fault=" + f))
            time.sleep(0.05)
            try:
                s.sendall(request("/200") * 4)
            except OSError:
                pass
            got, how = read_to_end(s)
            expect(how == FIN and b"HTTP/1.1 200 OK" not in got,
                   "%s: %r, ended %s" % (f, got[-100:], how))
        finally:
            s.close()


# ------------------------------------------- 2. X-HttpStatus-Fault

FIELD = "X-HttpStatus-Fault"


@test("X-HttpStatus-Fault asks for the same faults as ?fault=")
def _():
    head, body = teapot()
    ends("/418", b"", RST, fields=[(FIELD, "reset")])
    ends("/418", head + body[:7], FIN, fields=[(FIELD, "truncate:7")])
    ends("/418", framing(head, b"Transfer-Encoding: chunked\r\n") +
         chunk(body), FIN, fields=[(FIELD, "missing-final-chunk")])
    ends("/418", head + body, FIN, fields=[(FIELD, "keepalive-close")])
    ends("/418", b"", FIN, fields=[(FIELD.lower(), "close")])
    ends("/418", b"", FIN, fields=[(FIELD, "reset@0,close")])
    open_after("/418", framing(head, b"Content-Length: %d\r\n"
                               % (len(body) + 1)) + body,
               fields=[(FIELD, "length-mismatch:1")])


@test("X-HttpStatus-Fault works on other endpoints: /get, /anything")
def _():
    ends("/get", b"", RST, fields=[(FIELD, "reset")])
    ends("/anything", b"HTTP/1.1 100 Continue\r\n\r\n", FIN,
         fields=[(FIELD, "no-final")])


@test("?fault= is drawn before X-HttpStatus-Fault")
def _():
    head, body = teapot()
    ends("/418?fault=truncate:5", head + body[:5], FIN,
         fields=[(FIELD, "close")])
    ends("/418?fault=close", b"", FIN, fields=[(FIELD, "reset")])
    # A query fault that is not drawn leaves the field's to apply.
    ends("/418?fault=truncate:5@0", b"", RST, fields=[(FIELD, "reset")])


# ---------------------------------------------------- 3. other shapes

CONTENT_FAULTS = ("bad-chunk", "missing-final-chunk", "duplicate-length",
                  "length-and-chunked", "bad-status-line")


@test("HEAD: the content faults send the head a GET would get, and close")
def _():
    head, _ = plain("/418", "HEAD")
    ghead, body = teapot()
    same(head, ghead, "HEAD /418 and GET /418's head")
    n = len(body)
    want = {
        "bad-chunk": framing(head, b"Transfer-Encoding: chunked\r\n"),
        "missing-final-chunk":
            framing(head, b"Transfer-Encoding: chunked\r\n"),
        "duplicate-length": framing(
            head, b"Content-Length: %d\r\nContent-Length: %d\r\n"
            % (n, n + 1)),
        "length-and-chunked": framing(
            head, b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n"
            % n),
        "bad-status-line":
            b"HTTP/1.1 2000 Broken\r\n" + head.split(b"\r\n", 1)[1],
    }
    for f in CONTENT_FAULTS:
        ends("/418?fault=" + f, want[f], FIN, method="HEAD")


@test("HEAD: truncate and close-after-head send the head and close; stall, "
      "throttle and length-mismatch send it and stay open")
def _():
    head, _ = plain("/418", "HEAD")
    for f in ("truncate:5", "truncate:0", "close-after-head"):
        ends("/418?fault=" + f, head, FIN, method="HEAD")
    for f in ("stall:300", "throttle:100000"):
        open_after("/418?fault=" + f, head, method="HEAD")
    _, body = teapot()
    open_after("/418?fault=length-mismatch:3",
               framing(head, b"Content-Length: %d\r\n" % (len(body) + 3)),
               method="HEAD")
    ends("/418?fault=no-final", b"HTTP/1.1 100 Continue\r\n\r\n", FIN,
         method="HEAD")
    ends("/418?fault=reset", b"", RST, method="HEAD")


@test("204: the content faults send its head unchanged; truncate and "
      "close-after-head close after it")
def _():
    head, body = plain("/204")
    expect(head.startswith(b"HTTP/1.1 204 ") and body == b"" and
           b"Content-Length" not in head and b"Transfer-Encoding" not in head,
           "GET /204: %r" % head)
    for f in CONTENT_FAULTS[:-1] + ("truncate:5", "close-after-head",
                                    "keepalive-close"):
        ends("/204?fault=" + f, head, FIN)
    ends("/204?fault=bad-status-line",
         b"HTTP/1.1 2000 Broken\r\n" + head.split(b"\r\n", 1)[1], FIN)
    for f in ("stall:300", "throttle:100000", "length-mismatch:3"):
        open_after("/204?fault=" + f, head)


@test("/drip with truncate:4: the head and 4 bytes, which keep the drip's "
      "pace, then a close")
def _():
    target = "/drip?numbytes=10&duration=0.5&delay=0"
    head, body = plain(target)
    expect(body == b"*" * 10, "the drip: %r" % body)
    s = connect()
    try:
        t0 = time.monotonic()
        s.sendall(request(target + "&fault=truncate:4"))
        got, how = read_to_end(s)
        took = time.monotonic() - t0
    finally:
        s.close()
    same(got, head + b"****", "drip truncate:4")
    expect(how == FIN, "ended with %s" % how)
    # Ten bytes over 500 ms are 500 // 9 ms apart: the fourth is 3 gaps in.
    least = 3 * (500 // 9) / 1000
    expect(took >= least - CLOCK_SLACK, "4 bytes in %.3f s" % took)


def stream_pieces(body, bad_second=False, last=True):
    """Reads /stream/3's chunked content: each piece a chunk, and with
    bad_second the second's size line xyz. Returns the pieces, or fails."""
    pieces = []
    rest = body
    for k in range(3):
        line, sep, rest = rest.partition(b"\r\n")
        expect(sep, "piece %d: no size line in %r" % (k, rest[:100]))
        if k == 1 and bad_second:
            expect(line == b"xyz", "piece 1's size line is %r" % line)
            piece, sep, rest = rest.partition(b"\n\r\n")
            expect(sep, "piece 1 has no end: %r" % rest[:100])
            piece += b"\n"
        else:
            expect(re.fullmatch(rb"[0-9a-f]+", line),
                   "piece %d's size line is %r" % (k, line))
            n = int(line, 16)
            piece, tail = rest[:n], rest[n:]
            expect(tail.startswith(b"\r\n"),
                   "piece %d: %r after its %d bytes" % (k, tail[:20], n))
            rest = tail[2:]
        doc = json.loads(piece)
        expect(doc.get("id") == k and piece.endswith(b"\n"),
               "piece %d is %r" % (k, piece[:100]))
        pieces.append(piece)
    expect(rest == (b"0\r\n\r\n" if last else b""),
           "after the pieces: %r" % rest[:100])
    return pieces


@test("/stream/3 unfaulted: three chunks, one a piece (the shape the "
      "faulted ones are read against)")
def _():
    s = connect()
    try:
        s.sendall(request("/stream/3"))
        head = read_response(s, head_only=True)
        expect(b"\r\nTransfer-Encoding: chunked\r\n" in head,
               "/stream/3's head: %r" % head)
        body = b""
        while not body.endswith(b"0\r\n\r\n"):
            got = s.recv(65536)
            expect(got, "closed after %r" % body[-100:])
            body += got
        stream_pieces(body)
    finally:
        s.close()


@test("/stream/3 with bad-chunk: each piece a chunk, the second's size "
      "line xyz, then a close")
def _():
    got, how = faulted("/stream/3?fault=bad-chunk")
    head, _, body = got.partition(b"\r\n\r\n")
    expect(b"\r\nTransfer-Encoding: chunked" in head and
           b"Content-Length" not in head, "head %r" % head)
    expect(how == FIN, "ended with %s" % how)
    stream_pieces(body, bad_second=True)


@test("/stream/3 with missing-final-chunk and length-and-chunked: each "
      "piece a chunk")
def _():
    got, how = faulted("/stream/3?fault=missing-final-chunk")
    head, _, body = got.partition(b"\r\n\r\n")
    expect(how == FIN and b"\r\nTransfer-Encoding: chunked" in head,
           "%s, head %r" % (how, head))
    stream_pieces(body, last=False)
    got, how = faulted("/stream/3?fault=length-and-chunked")
    head, _, body = got.partition(b"\r\n\r\n")
    pieces = stream_pieces(body)
    expect(how == FIN and b"\r\nTransfer-Encoding: chunked" in head and
           b"\r\nContent-Length: %d\r\n" % sum(map(len, pieces)) in head,
           "%s, head %r" % (how, head))


@test("/103 with no-final: its own 103, then a close")
def _():
    s = connect()
    try:
        s.sendall(request("/103"))
        hints = read_response(s, head_only=True)
    finally:
        s.close()
    expect(hints.startswith(b"HTTP/1.1 103 ") and b"\r\nLink: " in hints,
           "GET /103 begins %r" % hints)
    ends("/103?fault=no-final", hints, FIN)


@test("pipelined: the response before the fault arrives whole, then the "
      "reset; the request after it is not answered")
def _():
    head, body = plain("/200")
    data = (request("/200") + request("/201?fault=reset") +
            request("/202"))
    s = connect()
    try:
        s.sendall(data)
        got, how = read_to_end(s)
    finally:
        s.close()
    same(got, head + body, "the pipeline")
    expect(how == RST, "ended with %s" % how)


@test("pipelined: a closing fault after a whole response, the one after it "
      "unanswered")
def _():
    head, body = plain("/200")
    data = (request("/200") + request("/201?fault=close-after-head") +
            request("/202"))
    want_201, _ = plain("/201")
    s = connect()
    try:
        s.sendall(data)
        got, how = read_to_end(s)
    finally:
        s.close()
    same(got, head + body + want_201, "the pipeline")
    expect(how == FIN, "ended with %s" % how)


@test("a percent-encoded fault is decoded: truncate%3A5%401")
def _():
    head, body = teapot()
    ends("/418?fault=truncate%3A5%401", head + body[:5], FIN)
    ends("/418?fault=%72eset", b"", RST)


# --------------------------------------------------------- 4. errors

def refused_then_fine(target, names, fields=()):
    """The request is a 400 naming names, and the connection answers a
    second request."""
    s = connect()
    try:
        s.sendall(request(target, fields=fields))
        r = read_response(s)
        what = "%s %r" % (target, list(fields))
        expect(r.startswith(b"HTTP/1.1 400 "), "%s: %r" % (what, r[:200]))
        body = r.partition(b"\r\n\r\n")[2]
        expect(names.encode() in body,
               "%s: the 400 does not name %r: %r" % (what, names, body))
        stays_open(s, what)
    finally:
        s.close()


@test("an unknown name, a missing argument, an argument where none is "
      "taken: a 400 naming it")
def _():
    refused_then_fine("/418?fault=bogus", "'bogus'")
    refused_then_fine("/418?fault=Reset", "'Reset'")
    refused_then_fine("/418?fault=truncate", "'truncate'")
    refused_then_fine("/418?fault=truncate:", "'truncate:'")
    refused_then_fine("/418?fault=truncate:x", "'truncate:x'")
    refused_then_fine("/418?fault=reset:3", "'reset:3'")
    refused_then_fine("/418?fault=:3", "':3' is not a fault")


@test("arguments out of range: a 400 naming them")
def _():
    refused_then_fine("/418?fault=garbage:0", "'garbage:0'")
    refused_then_fine("/418?fault=garbage:1048577", "'garbage:1048577'")
    refused_then_fine("/418?fault=throttle:0", "'throttle:0'")
    refused_then_fine("/418?fault=length-mismatch:0", "'length-mismatch:0'")
    refused_then_fine("/418?fault=truncate:1000000001",
                      "'truncate:1000000001'")
    refused_then_fine("/418?fault=stall:%d" % (MAX_SLEEP + 1),
                      "'stall:%d'" % (MAX_SLEEP + 1))


@test("the largest arguments in range are taken")
def _():
    head, _ = plain("/418", "HEAD")
    ends("/418?fault=truncate:1000000000", head, FIN, method="HEAD")
    open_after("/418?fault=stall:%d" % MAX_SLEEP, head, method="HEAD")
    open_after("/418?fault=throttle:1000000000", head, method="HEAD")


@test("a bad chance: a 400 naming the fault it is on")
def _():
    for p in ("2", "0.1234567", "-1", "", "1.5", "1.0000001", "x", "0.5.5",
              "1.", "0."):
        refused_then_fine("/418?fault=reset@" + p, "'reset@%s'" % p)


@test("an empty item, more than 16 faults, fault given twice, "
      "X-HttpStatus-Fault given twice: a 400 saying so")
def _():
    refused_then_fine("/418?fault=reset,,close", "empty item")
    refused_then_fine("/418?fault=reset,", "empty item")
    refused_then_fine("/418?fault=", "empty item")
    refused_then_fine("/418?fault=" + ",".join(["reset@0"] * 17), "16")
    refused_then_fine("/418?fault=reset&fault=close", "fault is given twice")
    refused_then_fine("/418", "X-HttpStatus-Fault is given twice",
                      fields=[(FIELD, "reset"), (FIELD, "close")])
    refused_then_fine("/418", "X-HttpStatus-Fault: ", fields=[(FIELD, "")])
    refused_then_fine("/418", "'bogus'", fields=[(FIELD, "bogus")])


@test("16 faults in a list are taken")
def _():
    ends("/418?fault=" + ",".join(["reset@0"] * 15 + ["close"]), b"", FIN)


@test("a refused list applies none of its faults, nor the query's when "
      "the field is the bad one")
def _():
    refused_then_fine("/418?fault=reset,bogus", "'bogus'")
    refused_then_fine("/418?fault=close", "'bogus'",
                      fields=[(FIELD, "bogus")])
    refused_then_fine("/418?fault=truncate:3", "'nope'",
                      fields=[(FIELD, "nope")])


# -------------------------------------------------------- 5. chances

def outcomes(port, target, count, fields=()):
    """Sends count requests one after another, each on a new connection;
    returns a string, one letter a request: R for a reset, F for a close
    with nothing sent, T for a truncated reply, N for a whole reply."""
    letters = []
    for _ in range(count):
        s = connect(port)
        try:
            s.sendall(request(target, fields=fields))
            got = b""
            how = None
            while True:
                try:
                    part = s.recv(65536)
                except ConnectionResetError:
                    how = RST
                    break
                if not part:
                    how = FIN
                    break
                got += part
                head, sep, body = got.partition(b"\r\n\r\n")
                m = re.search(rb"\r\nContent-Length: (\d+)\r\n", head + b"\r\n")
                if sep and m and len(body) >= int(m.group(1)):
                    break
        except socket.timeout:
            raise Fail("request %d: no end within %.0f s" % (len(letters),
                                                             LIVE))
        finally:
            s.close()
        if how == RST:
            letters.append("R")
        elif how == FIN and got == b"":
            letters.append("F")
        elif how == FIN:
            letters.append("T")
        else:
            letters.append("N")
    return "".join(letters)


@test("@0 never applies (100 requests), @1 always (30)")
def _():
    seen = outcomes(SRV.port, "/418?fault=reset@0", 100)
    expect(seen == "N" * 100, "reset@0: %s" % seen)
    seen = outcomes(SRV.port, "/418?fault=reset@1", 30)
    expect(seen == "R" * 30, "reset@1: %s" % seen)
    seen = outcomes(SRV.port, "/418?fault=reset@1.000000", 10)
    expect(seen == "R" * 10, "reset@1.000000: %s" % seen)
    seen = outcomes(SRV.port, "/418?fault=reset@.0", 10)
    expect(seen == "N" * 10, "reset@.0: %s" % seen)


@test("reset@0.5 over 400 requests (--seed 7) resets within 120..280")
def _():
    @with_server("--seed", "7")
    def run(srv):
        seen = outcomes(srv.port, "/418?fault=reset@0.5", 400)
        count = seen.count("R")
        expect(set(seen) <= {"R", "N"}, "outcomes %s" % seen)
        expect(120 <= count <= 280, "%d resets of 400" % count)


@test("two servers with the same --seed draw the same sequence; another "
      "seed draws another")
def _():
    def sequence(seed):
        result = []

        @with_server("--seed", seed, "--workers", "2")
        def run(srv):
            result.append(outcomes(srv.port, "/418?fault=reset@0.5", 200))
        return result[0]
    a, b, c = sequence("7"), sequence("7"), sequence("8")
    expect(a == b, "seed 7 twice:\n  %s\n  %s" % (a, b))
    expect(a != c, "seeds 7 and 8 drew the same: %s" % a)
    expect(0 < a.count("R") < 200, "seed 7: %s" % a)


@test("the draws of a list are each on their own, in order")
def _():
    @with_server("--seed", "3")
    def run(srv):
        seen = outcomes(srv.port, "/418?fault=reset@0.5,close", 200)
        expect(set(seen) <= {"R", "F"} and 50 <= seen.count("R") <= 150,
               "reset@0.5,close: %s" % seen)


# ------------------------------------------------- 6. a whole run

def start_line(srv):
    """The server's line about its faults, waited for a moment (the
    port's line comes first)."""
    deadline = time.monotonic() + LIVE
    while time.monotonic() < deadline:
        for line in srv.lines:
            m = re.fullmatch(r"httpstatus serve: (\d+) faults? drawn with "
                             r"--seed (\d+)", line)
            if m:
                return int(m.group(1)), m.group(2)
        time.sleep(0.02)
    raise Fail("no fault line in %r" % srv.lines)


@test("--fault truncate:3 --seed 1 truncates every response; its start "
      "line gives the count and the seed")
def _():
    @with_server("--fault", "truncate:3", "--seed", "1")
    def run(srv):
        expect(start_line(srv) == (1, "1"), "line %r" % srv.lines)
        for target in ("/418", "/200", "/404", "/json", "/bytes/100"):
            head, _ = plain(target, "HEAD", port=srv.port)
            got, how = faulted(target, port=srv.port)
            expect(how == FIN and got.startswith(b"HTTP/1.1 ") and
                   len(got) == len(head) + 3 and
                   got[:len(head)].split(b"\r\n")[0] ==
                   head.split(b"\r\n")[0],
                   "%s: %d bytes (head %d), ended %s: %r"
                   % (target, len(got), len(head), how, got[-40:]))


@test("--fault reset@0.5 --seed 5 and ?fault=close: the request's own "
      "list is drawn first")
def _():
    @with_server("--fault", "reset@0.5", "--seed", "5")
    def run(srv):
        expect(start_line(srv) == (1, "5"), "line %r" % srv.lines)
        seen = outcomes(srv.port, "/418?fault=close", 40)
        expect(seen == "F" * 40, "?fault=close: %s" % seen)
        seen = outcomes(srv.port, "/418", 100)
        expect(set(seen) <= {"R", "N"} and 15 <= seen.count("R") <= 85,
               "the run's faults alone: %s" % seen)
        seen = outcomes(srv.port, "/418?fault=close@0", 100)
        expect(set(seen) <= {"R", "N"} and 15 <= seen.count("R") <= 85,
               "close@0 then the run's: %s" % seen)


@test("several --fault options: the count on the start line, all drawn")
def _():
    @with_server("--fault", "reset@0.5", "--fault", "close", "--seed", "9")
    def run(srv):
        expect(start_line(srv) == (2, "9"), "line %r" % srv.lines)
        seen = outcomes(srv.port, "/418", 100)
        expect(set(seen) == {"R", "F"}, "reset@0.5 then close: %s" % seen)

    args = []
    for k in range(16):
        args += ["--fault", "reset@0" if k < 15 else "close"]

    @with_server(*args, "--seed", "2")
    def run16(srv):
        expect(start_line(srv)[0] == 16, "line %r" % srv.lines)
        seen = outcomes(srv.port, "/418", 5)
        expect(seen == "FFFFF", "15 never and close: %s" % seen)


@test("without --seed the printed seed repeats the run when given back")
def _():
    first = []

    @with_server("--fault", "reset@0.5")
    def run(srv):
        count, seed = start_line(srv)
        expect(count == 1, "line %r" % srv.lines)
        first.append((seed, outcomes(srv.port, "/418", 120)))
    seed, seen = first[0]

    @with_server("--fault", "reset@0.5", "--seed", seed)
    def again(srv):
        expect(start_line(srv) == (1, seed), "line %r" % srv.lines)
        seen2 = outcomes(srv.port, "/418", 120)
        expect(seen2 == seen, "seed %s:\n  %s\n  %s" % (seed, seen, seen2))
    expect(0 < seen.count("R") < 120, "outcomes %s" % seen)


@test("a server without --fault prints no fault line")
def _():
    expect(not any("drawn with" in line for line in SRV.lines),
           "lines %r" % SRV.lines)


def usage(*args):
    """Runs `serve` with args; returns its exit status and standard error
    (it must exit by itself)."""
    cmd = [launch.BINARY, "serve", "--listen", HOST + ":0", *args]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=LIVE)
    except subprocess.TimeoutExpired:
        raise Fail("%r did not exit" % (args,))
    return p.returncode, p.stderr.decode("utf-8", "replace")


@test("bad --fault and --seed values: exit 2 with a message naming them")
def _():
    many = []
    for _ in range(17):
        many += ["--fault", "reset@0"]
    cases = [
        (["--fault", "garbage:0"], "garbage:0"),
        (["--fault", "bogus"], "bogus"),
        (["--fault", "reset:1"], "reset:1"),
        (["--fault", "reset@2"], "reset@2"),
        (["--fault", "reset,,close"], "empty item"),
        (["--fault", ""], "empty item"),
        (["--seed", "abc"], "abc"),
        (["--seed", "12345678901234567890"], "12345678901234567890"),
        (["--seed", ""], "--seed"),
        (["--seed", "-1"], "-1"),
        (["--fault", "stall:3000", "--max-sleep", "2000"], "stall:3000"),
        (many, "16"),
        (["--fault", ",".join(["reset@0"] * 17)], "16"),
    ]
    problems = []
    for args, names in cases:
        rc, err = usage(*args)
        if rc != 2 or names not in err:
            problems.append("%r: exit %r, %r" % (args[:4], rc, err[:200]))
    launch.report(problems)


@test("the largest --seed and a stall at --max-sleep are taken")
def _():
    @with_server("--fault", "stall:2000@0", "--max-sleep", "2000",
                 "--seed", "9999999999999999999")
    def run(srv):
        expect(start_line(srv) == (1, "9999999999999999999"),
               "line %r" % srv.lines)


@test("SIGTERM during throttle:10 and stall:20000: the rest goes at once, "
      "and the server exits 0")
def _():
    head, body = teapot()
    srv = Server()
    try:
        socks, firsts = [], []
        for target in ("/418?fault=throttle:10", "/418?fault=stall:20000"):
            s = connect(srv.port)
            s.sendall(request(target))
            socks.append(s)
        # A byte of each has gone out: the stop comes mid-response.
        for s in socks:
            firsts.append(s.recv(1))
            expect(firsts[-1] == b"H", "first byte %r" % firsts[-1])
        srv.terminate()
        got = [read_to_end(s) for s in socks]
        expect(srv.wait(LIVE) == 0, "the server did not exit 0 in time")
        for s in socks:
            s.close()
        for k, what in enumerate(("throttle", "stall")):
            data, how = firsts[k] + got[k][0], got[k][1]
            expect(how == FIN and masked(data) == masked(head + body),
                   "%s: %s %r" % (what, how, data))
    finally:
        srv.stop()


# ------------------------------------------------------ 7. access log

def log_lines(path, count):
    """The first count lines of the log at path, waited for."""
    deadline = time.monotonic() + LIVE
    while True:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.02)


@test("the access log names a faulted request's fault, combined and json")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("combined", "json"):
            path = os.path.join(tmp, fmt + ".log")

            @with_server("--access-log", path, "--log-format", fmt)
            def run(srv):
                head, _ = plain("/418", "HEAD", port=srv.port)
                faulted("/418?fault=truncate:5", port=srv.port)
                faulted("/418?fault=reset", port=srv.port)
                plain("/418", port=srv.port)
                lines = log_lines(path, 4)
                expect(len(lines) == 4, "%s: %r" % (fmt, lines))
                if fmt == "combined":
                    expect(lines[1].endswith('" "fault truncate:5"') and
                           ' 418 %d "' % (len(head) + 5) in lines[1],
                           "truncate: %r" % lines[1])
                    expect(lines[2].endswith('"fault reset"'),
                           "reset: %r" % lines[2])
                    for k in (0, 3):
                        expect("fault" not in lines[k],
                               "unfaulted: %r" % lines[k])
                else:
                    docs = [json.loads(line) for line in lines]
                    expect(docs[1].get("fault") == "truncate:5" and
                           docs[1].get("bytes") == len(head) + 5,
                           "truncate: %r" % docs[1])
                    expect(docs[2].get("fault") == "reset",
                           "reset: %r" % docs[2])
                    for k in (0, 3):
                        expect("fault" not in docs[k],
                               "unfaulted: %r" % docs[k])


@test("the access log spells a fault's chance, and names a run's fault")
def _():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "run.log")

        @with_server("--access-log", path, "--log-format", "json",
                     "--fault", "close", "--seed", "1")
        def run(srv):
            faulted("/418?fault=truncate:2@1", port=srv.port)
            faulted("/418", port=srv.port)
            lines = log_lines(path, 2)
            docs = [json.loads(line) for line in lines]
            expect(len(docs) == 2 and docs[0].get("fault") == "truncate:2" and
                   docs[1].get("fault") == "close", "%r" % docs)


# ------------------------------------------------------------- last

@test("the main server lived through it all")
def _():
    expect(SRV.alive(), "it exited %r" % SRV.proc.poll())
    head, body = teapot()
    expect(body, "GET /418: %r" % head)


def start():
    global SRV
    SRV = Server("--workers", "2", "--max-sleep", str(MAX_SLEEP))
    return SRV


if __name__ == "__main__":
    sys.exit(launch.run_suite(sys.argv, start, 240))
