#!/usr/bin/env python3
"""tests/server/test_h2_faults.py: the wire-level faults over HTTP/2, frame
by frame with the h2 library (tests/server/h2client.py), over h2c by
prior knowledge and over TLS (ALPN h2): for each fault what reaches the
client (which frames, the RST_STREAM code, END_STREAM or not, a
malformed response, how the connection ends: FIN, close_notify or
neither), that other streams on the same connection go on where the
fault is the stream's alone, and that a fresh connection is served
after; the pace of stall and throttle, per stream; h2c by Upgrade;
--fault for a whole run; SIGTERM during a throttle; a witness connection
beside hundreds of faulted streams; and what curl --http2 (https://,
h2c by prior knowledge and by Upgrade) and h2 with its own checks report
for each fault, cell by cell against the table of docs/faults.md.

    python3 tests/server/test_h2_faults.py BINARY

Needs Debian's python3-h2 (4.1, in /usr/bin/python3, which CI installs):
a python3 without it runs this file again under /usr/bin/python3, and
with neither it fails and says so. Needs curl with HTTP/2 (Debian's
7.88). Prints "ok - NAME" or "not ok - NAME: reason" per test, then
"N passed, N failed".
"""
import os
import sys

import h2client  # noqa: F401  (first: it finds an interpreter with h2)

import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import ssl  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

import h2.config  # noqa: E402
import h2.connection  # noqa: E402
import h2.events  # noqa: E402
import h2.exceptions  # noqa: E402
import h2.settings  # noqa: E402
import hpack  # noqa: E402

import launch  # noqa: E402
from launch import (CLOCK_SLACK, HOST, LIVE, Fail, Server, expect,  # noqa
                    limit, report, test)
from h2client import (DATA, END_STREAM, GOAWAY, HEADERS,  # noqa: E402
                      INTERNAL_ERROR, PROTOCOL_ERROR, RST_STREAM, Client,
                      Frame, Stream, client_config, error_name, tls_context)

SRV = None
TMP = tempfile.mkdtemp(prefix="httpstatus-h2-faults-")
CERT = os.path.join(TMP, "cert.pem")
TEAPOT = 110  # GET /418's content, in bytes
MODES = ("h2c", "tls")


def connect(tls, srv=None, cafile=None):
    """A new HTTP/2 connection to srv (SRV), h2c by prior knowledge or
    over TLS. Over TLS an EOF without close_notify raises SSLEOFError
    (ssl would take it for a clean end otherwise), for ending()."""
    srv = srv or SRV
    if not tls:
        return Client(srv.port)
    cafile = cafile or CERT
    ctx = tls_context(cafile, ("h2",))
    ctx.options &= ~ssl.OP_IGNORE_UNEXPECTED_EOF  # Python sets it
    sock = socket.create_connection((HOST, srv.tls_port), timeout=LIVE)
    sock = ctx.wrap_socket(sock, server_hostname=HOST,
                           suppress_ragged_eofs=False)
    expect(sock.selected_alpn_protocol() == "h2",
           "ALPN chose %r" % sock.selected_alpn_protocol())
    return Client(srv.tls_port, cafile=cafile, sock=sock)


class Raw:
    """The frames the server sends on c's socket, read past h2 (which
    gives up on a malformed response, or on frames after a GOAWAY): each
    (type, flags, stream, payload), header blocks decoded in order with
    an HPACK decoder of its own. The client is muted first, so that h2
    sends nothing more of its own (no GOAWAY of its own)."""

    def __init__(self, c):
        c.mute()
        self.c = c
        self.frames = []
        self.fields = {}    # stream: [fields of each header block]
        self.decoder = hpack.Decoder()
        self.decoder.max_allowed_table_size = 65536
        self.buf = b""
        self.eof = False

    def read(self, done, timeout=None):
        """Reads until done(self) holds or the server ends the
        connection; returns done(self)."""
        deadline = time.monotonic() + (LIVE if timeout is None else timeout)
        while not done(self) and not self.eof:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self.c.sock.settimeout(left)
            try:
                data = self.c.sock.recv(65536)
            except (socket.timeout, OSError):
                data = b""
            if not data:
                self.eof = True
            self.buf += data
            while len(self.buf) >= 9:
                n = int.from_bytes(self.buf[:3], "big")
                if len(self.buf) < 9 + n:
                    break
                ftype, flags = self.buf[3], self.buf[4]
                sid = int.from_bytes(self.buf[5:9], "big") & 0x7FFFFFFF
                payload = self.buf[9:9 + n]
                self.buf = self.buf[9 + n:]
                self.frames.append((ftype, flags, sid, payload))
                if ftype == HEADERS:
                    self.fields.setdefault(sid, []).append(
                        [(k.decode(), v.decode()) for k, v in
                         self.decoder.decode(payload, raw=True)])
        return done(self)

    def on(self, sid, ftype=None):
        return [f for f in self.frames
                if f[2] == sid and (ftype is None or f[0] == ftype)]

    def ended(self, sid):
        return any(f[1] & END_STREAM for f in self.on(sid)
                   if f[0] in (DATA, HEADERS))

    def content(self, sid):
        return b"".join(f[3] for f in self.on(sid, DATA))

    def reset(self, sid):
        fs = self.on(sid, RST_STREAM)
        return int.from_bytes(fs[0][3], "big") if fs else None

    def whole_200(self, sid):
        """sid got a 200, its content and END_STREAM, no reset."""
        blocks = self.fields.get(sid, [])
        return (blocks and blocks[0][0] == (":status", "200") and
                self.ended(sid) and self.reset(sid) is None and
                self.content(sid).startswith(b"200 "))


def served(tls, srv=None):
    """A fresh connection gets GET /200 answered: the server lived."""
    srv = srv or SRV
    c = connect(tls, srv)
    try:
        s = c.get("/200")
        expect(s.status == 200 and s.ended and s.body.startswith(b"200 "),
               "a fresh connection after it: %r" % s)
    finally:
        c.close()
    expect(srv.alive(), "the server died")


def witness_ok(c, sid, what):
    """Stream sid, a GET /200 beside the fault, got its whole answer and
    the connection is not ending."""
    s = c.response(sid)
    expect(s.status == 200 and s.ended and s.reset is None and
           s.body.startswith(b"200 "),
           "%s: the stream beside it got %r" % (what, s))
    expect(c.goaway() is None, "%s: GOAWAY %r" % (what, c.goaway()))


def data_of(c, sid):
    return [f for f in c.frames if f.type == DATA and f.stream == sid]


def ended_with_end_stream(c, sid):
    return any(f.flags & END_STREAM for f in c.frames
               if f.stream == sid and f.type in (DATA, HEADERS))


def final_fields(c, sid):
    """The fields of the final HEADERS on sid, decoded by h2 (no
    checks): name, value pairs, :status included."""
    s = c.streams[sid]
    return [(":status", str(s.status))] + s.headers


def stream_fault(tls, path, what, witness_first=True):
    """Opens a connection, sends GET path and beside it GET /200 (before
    it when witness_first, so that the fault cannot be what let it
    through, and again after it), waits for the faulted stream to end or
    be reset, and checks that both witnesses are whole and that the
    connection goes on. Returns (client, faulted stream id)."""
    c = connect(tls)
    w1 = c.send_request("/200") if witness_first else None
    sid = c.send_request(path)
    w2 = c.send_request("/200")
    c.response(sid)
    if w1 is not None:
        witness_ok(c, w1, what)
    witness_ok(c, w2, what)
    return c, sid


def reset_with(c, sid, code, what):
    s = c.response(sid)
    expect(s.reset == code,
           "%s: stream %d ended %s, not RST_STREAM %s; frames %r" % (
               what, sid, "reset " + error_name(s.reset)
               if s.reset is not None else "normally", error_name(code),
               c.frames[-5:]))
    expect(not ended_with_end_stream(c, sid),
           "%s: END_STREAM came before the reset" % what)


# ------------------------------------------------- faults of one stream


@test("reset: RST_STREAM INTERNAL_ERROR and nothing else on the stream; "
      "the streams beside it are answered (h2c, TLS)")
def _():
    for tls in (False, True):
        what = "reset over %s" % MODES[tls]
        c, sid = stream_fault(tls, "/418?fault=reset", what)
        reset_with(c, sid, INTERNAL_ERROR, what)
        expect(not [f for f in c.frames if f.stream == sid and
                    f.type in (HEADERS, DATA)],
               "%s: frames on it %r" % (what, c.frames))
        c.close()
        served(tls)


@test("no-final: the interim HEADERS (a 100, or /103's own with its Link "
      "fields), then RST_STREAM INTERNAL_ERROR, no final response")
def _():
    for tls in (False, True):
        what = "no-final over %s" % MODES[tls]
        c, sid = stream_fault(tls, "/418?fault=no-final", what)
        s = c.streams[sid]
        reset_with(c, sid, INTERNAL_ERROR, what)
        expect([i[0] for i in s.interim] == [100] and s.status is None,
               "%s: interim %r, final %r" % (what, s.interim, s.status))
        c2, sid = stream_fault(tls, "/103?fault=no-final", what + " /103")
        s = c2.streams[sid]
        reset_with(c2, sid, INTERNAL_ERROR, what + " /103")
        expect([i[0] for i in s.interim] == [103] and s.status is None,
               "%s /103: interim %r, final %r" % (what, s.interim,
                                                  s.status))
        links = [v for n, v in s.interim[0][1] if n == "link"]
        expect(len(links) == 2 and "/early-hints/style.css" in links[0],
               "%s /103: Link fields %r" % (what, links))
        c.close()
        c2.close()
        served(tls)


@test("close-after-head: the final HEADERS with content-length 110 and "
      "no END_STREAM, no DATA, then RST_STREAM INTERNAL_ERROR")
def _():
    for tls in (False, True):
        what = "close-after-head over %s" % MODES[tls]
        c, sid = stream_fault(tls, "/418?fault=close-after-head", what)
        reset_with(c, sid, INTERNAL_ERROR, what)
        s = c.streams[sid]
        expect(s.status == 418 and s.get("content-length") == "110",
               "%s: %r %r" % (what, s, s.headers))
        expect(not data_of(c, sid), "%s: DATA %r" % (what, data_of(c, sid)))
        c.close()
        served(tls)


@test("truncate:N: HEADERS, the first N bytes as DATA, RST_STREAM "
      "INTERNAL_ERROR; N at least the content sends it whole")
def _():
    full = None
    for tls in (False, True):
        what = "truncate:10 over %s" % MODES[tls]
        c, sid = stream_fault(tls, "/418?fault=truncate:10", what)
        reset_with(c, sid, INTERNAL_ERROR, what)
        full = c.get("/418")
        s = c.streams[sid]
        expect(s.status == 418 and s.get("content-length") == "110" and
               bytes(s.body) == bytes(full.body[:10]),
               "%s: %r, whole %r" % (what, s, full))
        s = c.get("/418?fault=truncate:110")
        expect(s.ended and s.reset is None and s.body == full.body,
               "truncate:110 over %s: %r" % (MODES[tls], s))
        s = c.get("/418?fault=truncate:0")
        expect(s.reset == INTERNAL_ERROR and s.body == b"",
               "truncate:0 over %s: %r" % (MODES[tls], s))
        # A generated stream is cut as it goes.
        s = c.get("/stream-bytes/1000?chunk_size=100&seed=3"
                  "&fault=truncate:250")
        expect(s.reset == INTERNAL_ERROR and len(s.body) == 250,
               "a cut stream over %s: %r" % (MODES[tls], s))
        c.close()
        served(tls)


@test("bad-chunk: no content-length, the first half (55 bytes) as DATA, "
      "RST_STREAM PROTOCOL_ERROR")
def _():
    for tls in (False, True):
        what = "bad-chunk over %s" % MODES[tls]
        c, sid = stream_fault(tls, "/418?fault=bad-chunk", what)
        reset_with(c, sid, PROTOCOL_ERROR, what)
        s = c.streams[sid]
        expect(s.status == 418 and s.get("content-length") is None and
               len(s.body) == TEAPOT - TEAPOT // 2,
               "%s: %r %r" % (what, s, s.headers))
        c.close()
        served(tls)


@test("missing-final-chunk: no content-length, all 110 bytes as DATA "
      "without END_STREAM, then RST_STREAM INTERNAL_ERROR")
def _():
    for tls in (False, True):
        what = "missing-final-chunk over %s" % MODES[tls]
        c, sid = stream_fault(tls, "/418?fault=missing-final-chunk", what)
        reset_with(c, sid, INTERNAL_ERROR, what)
        s = c.streams[sid]
        expect(s.status == 418 and s.get("content-length") is None and
               len(s.body) == TEAPOT, "%s: %r %r" % (what, s, s.headers))
        c.close()
        served(tls)


@test("length-mismatch:5, duplicate-length, length-and-chunked, "
      "bad-status-line: a malformed final HEADERS, the content, "
      "END_STREAM; the streams beside it unharmed")
def _():
    cases = [
        ("length-mismatch:5", lambda f: [v for n, v in f
                                         if n == "content-length"] ==
         ["115"]),
        ("duplicate-length", lambda f: [v for n, v in f
                                        if n == "content-length"] ==
         ["110", "111"]),
        ("length-and-chunked", lambda f: ("content-length", "110") in f and
         ("transfer-encoding", "chunked") in f),
        ("bad-status-line", lambda f: f[0] == (":status", "2000")),
    ]
    for tls in (False, True):
        for fault, ok in cases:
            what = "%s over %s" % (fault, MODES[tls])
            c = connect(tls)
            w1 = c.send_request("/200")
            sid = c.send_request("/418?fault=" + fault)
            w2 = c.send_request("/200")
            raw = Raw(c)
            raw.read(lambda r: all(r.ended(x) or r.reset(x) is not None
                                   for x in (w1, sid, w2)))
            blocks = raw.fields.get(sid, [])
            expect(len(blocks) == 1 and ok(blocks[0]),
                   "%s: header blocks %r" % (what, blocks))
            expect(raw.ended(sid) and raw.reset(sid) is None and
                   len(raw.content(sid)) == TEAPOT,
                   "%s: frames %r" % (what, raw.on(sid)))
            expect(raw.whole_200(w1) and raw.whole_200(w2),
                   "%s: the streams beside it: %r %r" % (
                       what, raw.on(w1), raw.on(w2)))
            expect(not [f for f in raw.frames if f[0] == GOAWAY],
                   "%s: GOAWAY" % what)
            c.close()
        served(tls)


# ----------------------------------------------------- the paced faults


@test("stall:MS: HEADERS and half the content, then the rest no sooner "
      "than MS after the request; a stream sent after it ends first")
def _():
    ms = 1500
    for tls in (False, True):
        what = "stall over %s" % MODES[tls]
        c = connect(tls)
        t0 = time.monotonic()
        sid = c.send_request("/418?fault=stall:%d" % ms)
        w = c.send_request("/200")
        s = c.response(sid, timeout=LIVE + ms / 1000)
        witness_ok(c, w, what)
        expect(s.ended and s.reset is None and len(s.body) == TEAPOT,
               "%s: %r" % (what, s))
        pieces = s.pieces
        expect(len(pieces) >= 2 and len(pieces[0][1]) == TEAPOT // 2,
               "%s: DATA %r" % (what, [len(p) for _, p in pieces]))
        late = [at for at, p in pieces[1:]]
        expect(late[0] - t0 >= ms / 1000 - CLOCK_SLACK,
               "%s: the rest came %.3f s after the request"
               % (what, late[0] - t0))
        expect(c.streams[w].finished_at < late[0],
               "%s: the stream beside it waited for the stall" % what)
        c.close()
        served(tls)


@test("throttle:BPS: the content in several DATA frames, the last no "
      "sooner than its share of a second; others go on meanwhile")
def _():
    bps = 200
    for tls in (False, True):
        what = "throttle over %s" % MODES[tls]
        c = connect(tls)
        t0 = time.monotonic()
        sid = c.send_request("/418?fault=throttle:%d" % bps)
        w = c.send_request("/200")
        s = c.response(sid, timeout=LIVE + TEAPOT / bps)
        witness_ok(c, w, what)
        expect(s.ended and s.reset is None and len(s.body) == TEAPOT,
               "%s: %r" % (what, s))
        expect(len(s.pieces) >= 3,
               "%s: %d DATA frames" % (what, len(s.pieces)))
        took = s.pieces[-1][0] - t0
        expect(took >= TEAPOT / bps - CLOCK_SLACK,
               "%s: all of it in %.3f s" % (what, took))
        expect(c.streams[w].finished_at < s.pieces[-1][0],
               "%s: the stream beside it waited" % what)
        c.close()
        served(tls)


@test("stall and throttle on generated content (/drip) keep its timing "
      "and end it whole")
def _():
    c = connect(False)
    s = c.get("/drip?numbytes=20&duration=0.2&fault=throttle:100")
    expect(s.ended and len(s.body) == 20, "throttled drip: %r" % s)
    s = c.get("/stream/3?fault=stall:200")
    expect(s.ended and s.body.count(b"\n") == 3, "stalled stream: %r" % s)
    c.close()


@test("a throttled stream to a client whose window stays shut does not "
      "keep the connection: the idle timeout ends it with GOAWAY")
def _():
    srv = Server("--workers", "1", "--idle-timeout", "1000")
    try:
        c = Client(srv.port, auto_window=False,
                   settings={h2.settings.SettingCodes.INITIAL_WINDOW_SIZE:
                             0})
        sid = c.send_request("/418?fault=throttle:400")
        t0 = time.monotonic()
        g = c.wait_goaway(limit(5))
        expect(g is not None and g.code == 0,
               "no GOAWAY NO_ERROR after %.1f s: %r" % (
                   time.monotonic() - t0, c.frames[-3:]))
        expect(not data_of(c, sid), "DATA through a shut window")
        expect(c.wait_close(), "the connection stays open after GOAWAY")
        c.close()
        expect(srv.stop() == 0, "the server did not exit 0")
    finally:
        srv.kill()


# ------------------------------------------- faults of the connection


def ending(c):
    """Reads on c's socket, past h2client's, until the server's end: "fin"
    (EOF; over TLS a close_notify then EOF), "eof without close_notify"
    (TLS only), "reset", or "open" when nothing ends it within LIVE. Frames
    that come are still listed."""
    deadline = time.monotonic() + LIVE
    while time.monotonic() < deadline:
        c.sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            data = c.sock.recv(65536)
        except ssl.SSLError as e:
            if isinstance(e, ssl.SSLEOFError) or \
                    e.reason == "UNEXPECTED_EOF_WHILE_READING":
                return "eof without close_notify"
            return "TLS error %s" % e.reason
        except ConnectionResetError:
            return "reset"
        except socket.timeout:
            return "open"
        if not data:
            return "fin"
        c.rbuf += data
        while len(c.rbuf) >= 9:
            n = int.from_bytes(c.rbuf[:3], "big")
            if len(c.rbuf) < 9 + n:
                break
            sid = int.from_bytes(c.rbuf[5:9], "big") & 0x7FFFFFFF
            c.frames.append(Frame(c.rbuf[3], c.rbuf[4], sid, n,
                                  c.rbuf[9:9 + n], time.monotonic()))
            c.rbuf = c.rbuf[9 + n:]
    return "open"


def want_end(tls):
    return "eof without close_notify" if tls else "fin"


@test("close: earlier answers intact, then the connection closes with no "
      "frame on the stream, no GOAWAY (over TLS, no close_notify)")
def _():
    # Beside it, a connection the server ends as it should (the client
    # said GOAWAY): over TLS, close_notify comes before the EOF.
    for tls in (False, True):
        c = connect(tls)
        c.get("/200")
        c.h2.close_connection()
        c.flush()
        how = ending(c)
        expect(how == "fin", "after the client's GOAWAY over %s: %r"
               % (MODES[tls], how))
        c.close()
    for tls in (False, True):
        what = "close over %s" % MODES[tls]
        c = connect(tls)
        first = c.get("/201")
        expect(first.status == 201 and first.ended, "%s: %r" % (what, first))
        sid = c.send_request("/418?fault=close")
        how = ending(c)
        expect(how == want_end(tls), "%s: the connection ended %r"
               % (what, how))
        expect(not [f for f in c.frames if f.stream == sid],
               "%s: frames on the stream %r" % (what, c.frames))
        expect(not c.of_type(GOAWAY), "%s: GOAWAY %r" % (what,
                                                          c.of_type(GOAWAY)))
        c.close()
        served(tls)


@test("garbage:N: N bytes that are no frame (the first with its top bit "
      "set) after whole frames, then the close, no GOAWAY (over TLS "
      "inside TLS records, without close_notify)")
def _():
    for tls in (False, True):
        what = "garbage over %s" % MODES[tls]
        c = connect(tls)
        first = c.get("/201")
        expect(first.status == 201 and first.ended, "%s: %r" % (what, first))
        sid = c.send_request("/418?fault=garbage:64")
        how = ending(c)
        expect(how == want_end(tls), "%s: the connection ended %r"
               % (what, how))
        expect(len(c.rbuf) == 64 and c.rbuf[0] & 0x80,
               "%s: %d bytes after the last whole frame: %r"
               % (what, len(c.rbuf), c.rbuf[:16]))
        expect(not [f for f in c.frames if f.stream == sid] and
               not c.of_type(GOAWAY),
               "%s: frames %r" % (what, c.frames[-4:]))
        c.close()
        served(tls)


@test("keepalive-close: the whole response, then the close with no "
      "GOAWAY (over TLS, no close_notify); a request sent after it is "
      "never answered")
def _():
    for tls in (False, True):
        what = "keepalive-close over %s" % MODES[tls]
        c = connect(tls)
        s = c.get("/418?fault=keepalive-close")
        expect(s.status == 418 and s.ended and len(s.body) == TEAPOT,
               "%s: %r" % (what, s))
        late = c.send_request("/200")
        how = ending(c)
        expect(how == want_end(tls), "%s: the connection ended %r"
               % (what, how))
        expect(not c.of_type(GOAWAY) and
               not [f for f in c.frames if f.stream == late],
               "%s: frames %r" % (what, c.frames[-4:]))
        c.close()
        served(tls)


# ------------------------------------------------------- other routes in


def upgrade(path):
    """h2c by Upgrade: an HTTP/1.1 GET path asking for h2c; returns the
    101's head and a Client on the connection, stream 1 the request's."""
    conn = h2.connection.H2Connection(client_config())
    token = conn.initiate_upgrade_connection().rstrip(b"=")
    sock = socket.create_connection((HOST, SRV.port), timeout=LIVE)
    sock.sendall(b"GET %s HTTP/1.1\r\nHost: %s:%d\r\n"
                 b"Connection: Upgrade, HTTP2-Settings\r\n"
                 b"Upgrade: h2c\r\nHTTP2-Settings: %s\r\n\r\n" % (
                     path.encode(), HOST.encode(), SRV.port, token))
    head = b""
    while b"\r\n\r\n" not in head:
        got = sock.recv(1)
        if not got:
            break
        head += got
    c = Client(sock=sock, conn=conn)
    c.authority = "%s:%d" % (HOST, SRV.port)
    c.streams[1] = Stream(1)
    return head, c


@test("h2c by Upgrade: the upgraded request's fault breaks stream 1 as it "
      "would any stream (truncate:10, reset), and stream 3 is answered")
def _():
    for fault, code, length in (("truncate:10", INTERNAL_ERROR, 10),
                                ("reset", INTERNAL_ERROR, 0)):
        head, c = upgrade("/418?fault=" + fault)
        expect(head.startswith(b"HTTP/1.1 101 "), "%s: %r" % (fault, head))
        s = c.response(1)
        expect(s.reset == code and len(s.body) == length,
               "%s on stream 1: %r" % (fault, s))
        s = c.get("/201")
        expect(s.id == 3 and s.status == 201 and s.ended,
               "%s: stream 3 %r" % (fault, s))
        c.close()


@test("X-HttpStatus-Fault works over HTTP/2 as ?fault= does; a bad fault "
      "name is a 400 on its stream")
def _():
    c = connect(True)
    s = c.get("/418", headers=[("x-httpstatus-fault", "truncate:5")])
    expect(s.reset == INTERNAL_ERROR and len(s.body) == 5, "field: %r" % s)
    s = c.get("/418?fault=nonsense")
    expect(s.status == 400 and s.ended and b"nonsense" in s.body,
           "a bad name: %r" % s)
    witness = c.get("/200")
    expect(witness.status == 200 and witness.ended, "after: %r" % witness)
    c.close()


@test("--fault for a whole run and the access log over HTTP/2: every "
      "stream truncated, each log line names the fault and HTTP/2.0")
def _():
    srv = Server("--workers", "1", "--fault", "truncate:5",
                 "--access-log", "-",
                 "--tls-listen", HOST + ":0", "--tls-cert-out",
                 os.path.join(TMP, "run.pem"), stdout=True)
    try:
        for tls in (False, True):
            c = connect(tls, srv, os.path.join(TMP, "run.pem"))
            ids = [c.send_request("/418") for _ in range(3)]
            for sid in ids:
                s = c.response(sid)
                expect(s.reset == INTERNAL_ERROR and len(s.body) == 5,
                       "--fault truncate:5 over %s: %r" % (MODES[tls], s))
            c.close()
        rc = srv.stop()
        expect(rc == 0, "exit status %r" % rc)
        srv.out_thread.join(LIVE)
        lines = [ln.decode() for ln in srv.out if b"/418" in ln]
        expect(len(lines) == 6 and all('HTTP/2.0"' in ln and
                                       '"fault truncate:5"' in ln
                                       for ln in lines),
               "access log %r" % lines[:3])
    finally:
        srv.kill()


@test("SIGTERM during throttle:1 over HTTP/2: the rest goes at once, the "
      "stream ends whole and the server exits 0")
def _():
    srv = Server("--workers", "1")
    try:
        c = Client(srv.port)
        sid = c.send_request("/418?fault=throttle:1")
        c.until(lambda: c.streams[sid].status is not None)
        c.quiet(0.3)
        s = c.streams[sid]
        expect(len(s.body) < TEAPOT, "throttle:1 sent %d bytes at once"
               % len(s.body))
        got = len(s.body)
        raw = Raw(c)
        srv.terminate()
        raw.read(lambda r: r.ended(sid))
        expect(raw.ended(sid) and got + len(raw.content(sid)) == TEAPOT,
               "after SIGTERM: %r" % raw.on(sid))
        rc = srv.wait(LIVE)
        expect(rc == 0, "exit status %r" % rc)
        c.close()
    finally:
        srv.kill()


@test("a witness connection beside 300 faulted streams (every fault, on "
      "many connections, h2c and TLS) sees only whole answers; the "
      "descriptors come back")
def _():
    srv = Server("--workers", "2", "--tls-listen", HOST + ":0",
                 "--tls-cert-out", os.path.join(TMP, "w.pem"))
    cert = os.path.join(TMP, "w.pem")
    try:
        time.sleep(0.2)
        fds = srv.settled_fds()
        faults = [f for f in FAULTS
                  if not f.startswith(("stall", "throttle"))]
        faults += ["stall:20", "throttle:20000"]
        stop = threading.Event()
        seen = {"ok": 0, "bad": []}

        def witness():
            c = Client(srv.port)
            while not stop.is_set():
                s = c.get("/200")
                if s.status == 200 and s.ended and s.body.startswith(b"200"):
                    seen["ok"] += 1
                else:
                    seen["bad"].append(repr(s))
                    return
            c.close()
        t = threading.Thread(target=witness)
        t.start()
        rnd = random.Random(13)
        problems = []
        sent = 0
        try:
            while sent < 300:
                tls = rnd.random() < 0.5
                c = connect(tls, srv, cert)
                for _ in range(rnd.randint(1, 5)):
                    c.send_request("/418?fault=" + rnd.choice(faults))
                    sent += 1
                c.until(lambda: all(x.done for x in c.streams.values()),
                        timeout=limit(3))
                c.close()
        except Fail as e:
            problems.append(str(e))
        stop.set()
        t.join(LIVE)
        expect(not seen["bad"], "the witness saw %r" % seen["bad"][:2])
        expect(seen["ok"] > 0, "the witness got no answer")
        print("# witness: %d answers beside %d faulted streams"
              % (seen["ok"], sent))
        after = srv.wait_fds(fds, limit(5))
        expect(after <= fds, "descriptors %d before, %d after" % (fds,
                                                                   after))
        report(problems)
        expect(srv.stop() == 0, "the server did not exit 0")
    finally:
        srv.kill()


# ------------------------------------------------------------- clients

# The faults of the clients' table, with the small arguments it uses.
FAULTS = ("reset", "close", "close-after-head", "truncate:10", "stall:300",
          "throttle:4000", "bad-chunk", "missing-final-chunk",
          "length-mismatch:5", "duplicate-length", "length-and-chunked",
          "bad-status-line", "no-final", "garbage:64", "keepalive-close")
DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "docs", "faults.md")


def doc_table():
    """The table of docs/faults.md, section "What clients report over
    HTTP/2": fault -> ({curl mode: exit code}, what h2 reports). A curl
    cell with two codes gives the first for https and h2c, the second
    for h2c by Upgrade."""
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^### What clients report over HTTP/2\n(.*?)(?=^##|\Z)",
                  text, re.M | re.S)
    table = {}
    for line in (m.group(1) if m else "").splitlines():
        cells = [c.strip().replace("`", "") for c in
                 line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] not in FAULTS:
            continue
        codes = [int(x) for x in re.findall(r"(?:^|; )(\d+) \(", cells[1])]
        if not codes:
            continue
        table[cells[0]] = ({"https": codes[0], "h2c": codes[0],
                            "upgrade": codes[-1]},
                           re.sub(r" \(.*\)$", "", cells[2]))
    return table


def curl(args, url):
    p = subprocess.run(["curl", "-sS", "-o", os.devnull, "--max-time",
                        "%g" % LIVE, *args, url], capture_output=True,
                       timeout=2 * LIVE)
    return p.returncode, p.stderr.decode(errors="replace").strip()


def h2_checked(fault):
    """GET /418?fault= with h2's own checks on: what it reports."""
    sock = socket.create_connection((HOST, SRV.port), timeout=LIVE)
    conn = h2.connection.H2Connection(
        h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    conn.send_headers(1, [(":method", "GET"), (":scheme", "http"),
                          (":authority", "%s:%d" % (HOST, SRV.port)),
                          (":path", "/418?fault=" + fault)],
                      end_stream=True)
    sock.sendall(conn.data_to_send())
    body = b""
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return "the connection closes, no event"
            for ev in conn.receive_data(data):
                if isinstance(ev, h2.events.DataReceived):
                    body += ev.data
                    conn.acknowledge_received_data(
                        ev.flow_controlled_length, ev.stream_id)
                elif isinstance(ev, h2.events.StreamEnded):
                    return "ok, %d bytes" % len(body)
                elif isinstance(ev, h2.events.StreamReset):
                    return "StreamReset %s" % error_name(ev.error_code)
            sock.sendall(conn.data_to_send())
    except h2.exceptions.ProtocolError as e:
        return type(e).__name__
    finally:
        sock.close()


@test("what curl --http2 (https, h2c by prior knowledge, h2c by Upgrade) "
      "and h2 with its checks report for each fault: the table of "
      "docs/faults.md")
def _():
    table = doc_table()
    expect(sorted(table) == sorted(FAULTS),
           "docs/faults.md's HTTP/2 clients table has rows for %r"
           % sorted(table))
    problems = []
    modes = [("https", ["--http2", "--cacert", CERT],
              "https://%s:%d" % (HOST, SRV.tls_port)),
             ("h2c", ["--http2-prior-knowledge"],
              "http://%s:%d" % (HOST, SRV.port)),
             ("upgrade", ["--http2"], "http://%s:%d" % (HOST, SRV.port))]
    for fault in FAULTS:
        want_rc, want_h2 = table[fault]
        line = []
        for name, args, base in modes:
            rc, err = curl(args, base + "/418?fault=" + fault)
            line.append("%s %d" % (name, rc))
            if rc != want_rc[name]:
                problems.append("%s: curl over %s exits %d (%s), not %d" % (
                    fault, name, rc, err, want_rc[name]))
        got = h2_checked(fault)
        if got != want_h2:
            problems.append("%s: h2 reports %r, not %r" % (fault, got,
                                                          want_h2))
        print("# %-20s curl %s; h2: %s" % (fault, ", ".join(line), got))
        served(False)
    report(problems)


def start():
    global SRV
    SRV = Server("--workers", "2", "--max-sleep", "10000",
                 "--tls-listen", HOST + ":0", "--tls-cert-out", CERT)
    return SRV


if __name__ == "__main__":
    try:
        sys.exit(launch.run_suite(sys.argv, start, 300))
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
