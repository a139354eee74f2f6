#!/usr/bin/env python3
"""tests/server/test_splits.py: the same bytes, however the network cuts
them, get the same answers from `httpstatus serve`.

    python3 tests/server/test_splits.py BINARY [SECONDS]

For SECONDS (default 8; SPLIT_SEED=N repeats a run), it draws a stream
of one to five requests, valid and malformed mixed (bodies by
Content-Length and chunked, ?sleep, pipelining, bare LFs, bad lengths,
obs-fold, unknown methods, over-long lines, broken chunks), ended by a
GET with Connection: close. It sends the stream in one write on a fresh
connection, and then again cut at random points into pieces written a
millisecond or two apart, so that the server reads them separately. Both
runs must give the same responses (status, Connection, Content-Length
and content; the Date aside; interim 100s aside, as the server sends one
only when the head ends a read) and both must end with the server closing
the connection. A last test checks the server is alive and serving.

This is the property the server's event loop owes the request parser's
own (fuzz/request_head.c checks the parser alone): the server once
corrupted its memory when a request that ends the connection arrived in
two reads.

Output: "ok - NAME" or "not ok - NAME: reason" per test, with the seed
and the stream of a failure, then "N passed, N failed"; exit status 1
when a test failed. A busy machine only means fewer streams in the time:
no answer is timed, and the wait for one is a liveness limit (launch.LIVE).
Python 3.11 standard library only.
"""
import os
import random
import re
import socket
import sys
import time

import launch
from launch import HOST, LIVE, Fail, Server, expect

IO_TIMEOUT = LIVE  # how long the server may take to answer and close

HEAD_END = b"\r\n\r\n"
CLOSE = b"GET /204 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


# --------------------------------------------------------------- requests

def get(target=b"/200", *fields):
    lines = [b"GET " + target + b" HTTP/1.1", b"Host: x", *fields]
    return b"\r\n".join(lines) + HEAD_END


def post(body, *fields):
    lines = [b"POST /201 HTTP/1.1", b"Host: x",
             b"Content-Length: %d" % len(body), *fields]
    return b"\r\n".join(lines) + HEAD_END + body


def chunked(*chunks, ext=b""):
    body = b"".join(b"%x%s\r\n%s\r\n" % (len(c), ext, c) for c in chunks)
    return (b"POST /202 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked"
            + HEAD_END + body + b"0\r\nX-Trailer: t\r\n\r\n")


def requests(rng):
    """The pool the streams are drawn from: (bytes, method) pairs."""
    return [
        (get(), "GET"),
        (get(b"/404?header=X-A:%20b"), "GET"),
        (get(b"/503?retry_after=7"), "GET"),
        (get(b"/200?sleep=%d" % rng.randrange(0, 15)), "GET"),
        (get(b"/304"), "GET"),
        (get(b"/206", b"Range: bytes=1-4"), "GET"),
        (get(b"/codes/418.json"), "GET"),
        (b"HEAD /200 HTTP/1.1\r\nHost: x" + HEAD_END, "HEAD"),
        (b"GET /200 HTTP/1.0" + HEAD_END, "GET"),
        (b"GET /200 HTTP/1.0\r\nConnection: keep-alive" + HEAD_END, "GET"),
        (b"\r\n" + get(b"/201"), "GET"),
        (post(b"x" * rng.randrange(0, 3000)), "POST"),
        (post(b"hello", b"Expect: 100-continue"), "POST"),
        (post(get(b"/500")), "POST"),  # a body that looks like a request
        (chunked(b"hello", b"world" * 50), "POST"),
        (chunked(b"abc", ext=b";a=1;b=\"q\""), "POST"),
        (get(b"/200", b"Connection: close"), "GET"),
        # malformed: each is refused and ends the connection
        (b"GET /200 HTTP/1.1\nHost: x" + HEAD_END, "GET"),
        (b"GET /200 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
         b"Content-Length: 2" + HEAD_END, "GET"),
        (b"GET /200 HTTP/1.1\r\nHost: x\r\n folded" + HEAD_END, "GET"),
        (b"BREW /200 HTTP/1.1\r\nHost: x" + HEAD_END, "BREW"),
        (b"GET /" + b"a" * 8100 + b" HTTP/1.1\r\nHost: x" + HEAD_END,
         "GET"),
        (b"GET /200 HTTP/1.1\r\nHost: x\r\nX: " + b"v" * 16500 + HEAD_END,
         "GET"),
        (b"POST /200 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked"
         + HEAD_END + b"zz\r\n", "POST"),
        (b"GET /200 HTTP/2.0\r\nHost: x" + HEAD_END, "GET"),
        (b"GET /200 HTTP/1.1\r\nHost: x\r\nExpect: nothing" + HEAD_END,
         "GET"),
        (b"GET /2x0 HTTP/1.1\r\nHost: x" + HEAD_END, "GET"),
    ]


# ------------------------------------------------------------------- wire

def exchange(port, pieces):
    """Writes the pieces a moment apart, reads until the server closes.
    Returns (bytes, how): how is "closed", "reset" or "open"; over TLS
    (HTTPSTATUS_TEST_TLS), a close is "closed" only after close_notify,
    "no close_notify" otherwise."""
    s = launch.connect(port, IO_TIMEOUT)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    got = b""
    try:
        for i, piece in enumerate(pieces):
            if i:
                time.sleep(0.001 + 0.001 * (i % 2))
            try:
                s.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break  # the server refused an earlier request and closed
        deadline = time.monotonic() + IO_TIMEOUT
        while True:
            s.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                return got, "open"
            except ConnectionResetError:
                return got, "reset"
            if not chunk:
                if getattr(s, "eof", "close_notify") != "close_notify":
                    return got, "no close_notify"
                return got, "closed"
            got += chunk
    finally:
        s.close()


def responses(raw, methods):
    """The final responses in raw as (status, connection, length, content)
    tuples; interim 1xx responses are skipped."""
    out = []
    pos = 0
    while pos < len(raw):
        end = raw.find(HEAD_END, pos)
        expect(end >= 0, "an unfinished response head: %r"
               % raw[pos:pos + 60])
        lines = raw[pos:end].decode("latin-1").split("\r\n")
        m = re.match(r"HTTP/1\.1 (\d{3}) ", lines[0])
        expect(m, "not a status line: %r" % lines[0][:60])
        status = int(m.group(1))
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields[name.lower()] = value.strip()
        pos = end + 4
        if 100 <= status < 200:
            continue
        method = methods[len(out)] if len(out) < len(methods) else "GET"
        length = int(fields.get("content-length", "0"))
        if method == "HEAD" or status in (204, 304):
            length = 0
        content = raw[pos:pos + length]
        expect(len(content) == length, "%d: content cut short" % status)
        pos += length
        out.append((status, fields.get("connection"),
                    fields.get("content-length"), content))
    return out


def cut(rng, data):
    """data in pieces, cut at one to six random points."""
    points = sorted(rng.sample(range(1, len(data)),
                               min(len(data) - 1, rng.randint(1, 6))))
    return [data[a:b] for a, b in zip([0] + points, points + [len(data)])]


# ------------------------------------------------------------------ tests

RESULTS = []


def result(name, problem):
    RESULTS.append(problem is None)
    print("ok - " + name if problem is None
          else "not ok - %s: %s" % (name, problem))


def main(argv):
    if len(argv) < 2:
        print("usage: test_splits.py BINARY [SECONDS]", file=sys.stderr)
        return 2
    seconds = float(argv[2]) if len(argv) > 2 else 8.0
    seed = int(os.environ.get("SPLIT_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    print("# seed %d (SPLIT_SEED=%d repeats this run)" % (seed, seed))
    server = Server("--workers", "1", binary=os.path.abspath(argv[1]))
    streams = splits = 0
    problem = None
    start = time.monotonic()
    try:
        while time.monotonic() - start < seconds and problem is None:
            pool = requests(rng)
            picked = [rng.choice(pool) for _ in range(rng.randint(1, 5))]
            data = b"".join(p[0] for p in picked) + CLOSE
            methods = [p[1] for p in picked] + ["GET"]
            try:
                raw, how = exchange(server.port, [data])
                want = responses(raw, methods)
                expect(how == "closed", "sent whole: the connection ended "
                       "%s, not closed" % how)
                for _ in range(3):
                    pieces = cut(rng, data)
                    raw, how = exchange(server.port, pieces)
                    got = responses(raw, methods)
                    expect(how == "closed", "cut in %d: the connection "
                           "ended %s" % (len(pieces), how))
                    expect(got == want, "cut at %s: answers %s, whole: %s"
                           % ([len(p) for p in pieces[:-1]],
                              [r[:3] for r in got], [r[:3] for r in want]))
                    splits += 1
                streams += 1
            except (Fail, OSError) as e:
                shown = data if len(data) < 300 else data[:300] + b"..."
                problem = "%s (seed %d; stream %r)" % (e, seed, shown)
        result("%d streams, each sent whole and cut 3 ways (%d cuts), get "
               "the same answers" % (streams, splits), problem)
        try:
            raw, how = exchange(server.port, [CLOSE])
            alive = responses(raw, ["GET"])
            result("the server is alive and serving afterwards",
                   None if alive and alive[0][0] == 204 else
                   "a new connection got %r" % (alive,))
        except (Fail, OSError) as e:
            result("the server is alive and serving afterwards", str(e))
    finally:
        rc = server.stop()
    result("SIGTERM: the server exits 0", None if rc == 0
           else "exit status %r" % rc)
    passed = sum(RESULTS)
    print("%d passed, %d failed" % (passed, len(RESULTS) - passed))
    return 0 if passed == len(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
