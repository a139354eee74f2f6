#!/usr/bin/env python3
"""tests/server/test_framing.py: adversarial framing and smuggling tests of
`httpstatus serve`.

    python3 tests/server/test_framing.py BINARY

Each case writes raw bytes on a fresh connection to a server on
127.0.0.1 (port 0), then reads until the server closes (or a timeout), and
checks three things: the status codes of the responses, in order; whether
the server closed the connection, and cleanly (FIN, never a reset); and,
where the server must close, that a valid request pipelined after the bad
one got no answer.

To tell "closes" from "stays open" without waiting for a timeout, every
case ends with the same valid request, FOLLOW (GET /204 with Connection:
close). A case that keeps the connection usable must therefore get one
more response, a 204, and then a close; a case that must close gets only
the responses it lists, and then a close.

The expected answers come from RFC 9112 (HTTP/1.1) and RFC 9110 (HTTP
semantics), and where those let a server choose, from what server/server.h
documents (every refused request is answered and the connection closed).
Where the server answers otherwise, the test keeps the RFC's answer.

A last section sends requests in pieces, a pause apart, so that the
server reads them in several reads, and checks that it answers the same
and keeps running; when the server dies, the next test starts another.

Output: one line per test, "ok - NAME" or "not ok - NAME: reason", then
"N passed, N failed"; exit status 1 when a test failed. Every socket
operation has a timeout, and a watchdog ends the run (and the server) if it
takes more than 100 s. Python 3.11 standard library only.
"""
import os
import re
import socket
import sys
import time

import launch
from launch import HOST, SERVERS, Fail, Server, expect

BIN = None
SERVER = None
IO_TIMEOUT = launch.LIVE  # the bound of every socket operation (launch.py)
PENDING_WAIT = 0.5   # how long "no answer yet" is watched for
PIECE_PAUSE = 0.2    # between the writes of a request sent in pieces


# ------------------------------------------------------------- the wire

class Response:
    def __init__(self, status, headers):
        self.status = status
        self.headers = headers  # [(lower-case name, value)]

    def get(self, name):
        for n, v in self.headers:
            if n == name:
                return v
        return None

    def closes(self):
        value = self.get("connection") or ""
        return "close" in [t.strip().lower() for t in value.split(",")]


def talk(data, wait=IO_TIMEOUT):
    """Sends data on a new connection and reads until the server closes or
    wait seconds pass. Returns (bytes, end): end is "closed" (FIN, and
    over TLS close_notify before it), "no close_notify" (over TLS, a FIN
    alone), "reset" (RST) or "open" (still open when the time was up). data may
    be a list of pieces, written PIECE_PAUSE apart, so that the server
    reads them separately."""
    pieces = data if isinstance(data, list) else [data]
    s = launch.connect(SERVER.port, IO_TIMEOUT)
    try:
        s.settimeout(IO_TIMEOUT)
        for i, piece in enumerate(pieces):
            if i:
                time.sleep(PIECE_PAUSE)
            s.sendall(piece)
        got = b""
        deadline = time.monotonic() + wait
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return got, "open"
            s.settimeout(left)
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                return got, "open"
            except ConnectionResetError:
                return got, "reset"
            if not chunk:
                return got, closed(s)
            got += chunk
            expect(len(got) < 1 << 20, "over 1 MiB of responses")
    finally:
        s.close()


def closed(s):
    """How s ended, once it read b"": "closed", or over TLS "no
    close_notify" when the server ended the TCP connection without
    ending the TLS session first."""
    if getattr(s, "eof", "close_notify") == "close_notify":
        return "closed"
    return "no close_notify"


def parse_responses(raw, methods):
    """Splits raw into final responses (interim 1xx are skipped). methods
    names the request each response answers, for HEAD; the last one is
    used for any further response. Framing is by Content-Length, which
    every response of this server carries where it has content."""
    out = []
    pos = 0
    while pos < len(raw):
        end = raw.find(b"\r\n\r\n", pos)
        expect(end >= 0, "an incomplete response head after %d "
               "response(s): %r" % (len(out), raw[pos:pos + 80]))
        lines = raw[pos:end].decode("latin-1").split("\r\n")
        m = re.match(r"HTTP/1\.[01] (\d{3}) ", lines[0] + " ")
        expect(m, "not a status line: %r" % lines[0][:80])
        status = int(m.group(1))
        headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.append((name.strip().lower(), value.strip(" \t")))
        resp = Response(status, headers)
        pos = end + 4
        if 100 <= status < 200 and status != 101:
            continue
        method = methods[min(len(out), len(methods) - 1)]
        if method != "HEAD" and status not in (204, 304):
            length = resp.get("content-length")
            expect(length is not None and length.isdigit(),
                   "%d without a usable Content-Length" % status)
            expect(pos + int(length) <= len(raw), "%d: the content is cut "
                   "short" % status)
            pos += int(length)
        out.append(resp)
    return out


# ------------------------------------------------------------ the cases

FOLLOW = (b"GET /204 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          b"Connection: close\r\n\r\n")


def msg(line, *fields, body=b"", host=True):
    """A request: line, Host (unless host is False), the fields, the empty
    line, body. Strings are sent as latin-1, so every byte can be had."""
    def b(x):
        return x if isinstance(x, bytes) else x.encode("latin-1")
    head = [b(line)]
    if host:
        head.append(b"Host: 127.0.0.1")
    head.extend(b(f) for f in fields)
    return b"\r\n".join(head) + b"\r\n\r\n" + b(body)


def post(*fields, body=b"", target="/200"):
    return msg("POST %s HTTP/1.1" % target, *fields, body=body)


def chunked(body):
    """A chunked POST /200 with this (raw) body."""
    return post("Transfer-Encoding: chunked", body=body)


HELLO = b"5\r\nhello\r\n0\r\n\r\n"   # a correct chunked body
TESTS = []   # (name, function)
CLOSE, OPEN, PENDING = "closes", "stays open", "waits for more"


def case(section, what, data, statuses, after, why, methods=("GET",),
         alive=False):
    """A test: data, then FOLLOW on the same connection. data may be a
    list of pieces, written apart (FOLLOW goes with the last one).

    statuses: the responses to data, in order. after: CLOSE (the server
    closes after them, and FOLLOW gets no answer), OPEN (FOLLOW is
    answered with 204, then the server closes as FOLLOW asked), or PENDING
    (data is incomplete by design: no answer and no close, FOLLOW not
    sent). why: the rule that decides, printed when the test fails.
    alive: afterwards, a new connection must still be answered."""
    statuses = list(statuses)
    name = "%s: %s -> %s, %s" % (section, what,
                                 " ".join(map(str, statuses)) or "nothing",
                                 after)

    def run():
        if after == PENDING:
            raw, end = talk(data, wait=PENDING_WAIT)
            expect(raw == b"", "answered %r" % raw[:80])
            expect(end == "open", "connection %s" % end)
            return
        if isinstance(data, list):
            raw, end = talk(data[:-1] + [data[-1] + FOLLOW])
        else:
            raw, end = talk(data + FOLLOW)
        got = parse_responses(raw, list(methods) + ["GET"])
        seen = [r.status for r in got]
        want = statuses + ([204] if after == OPEN else [])
        if seen != want:
            if after == CLOSE and seen[:len(statuses)] == statuses:
                raise Fail("answered %s, and then also the request "
                           "pipelined after it (the connection should "
                           "have closed)" % seen)
            raise Fail("answered %s, expected %s" % (seen or "nothing",
                                                     want))
        # A close, and a clean one: the server lingers after its last
        # response (RFC 9112, Section 9.6), so the bytes it did not read
        # (FOLLOW) do not turn its FIN into a reset.
        expect(end != "open", "connection still open %.0f s after the "
               "last response" % IO_TIMEOUT)
        expect(end == "closed", "the connection was %s, not closed, "
               "after the last response"
               % ("reset" if end == "reset" else "ended with " + end))
        if after == CLOSE and got:
            expect(got[-1].closes(), "the %d before the close has no "
                   "Connection: close" % got[-1].status)
        if alive:
            still_alive()

    def fn():
        try:
            run()
        except Fail as e:
            raise Fail("%s [%s]" % (e, why))
    TESTS.append((name, fn))


def cases(section, table, why_default=None):
    """Table-driven cases: rows of (what, data, status, after[, why])."""
    for row in table:
        what, data, status, after = row[:4]
        why = row[4] if len(row) > 4 else why_default
        case(section, what, data,
             [status] if isinstance(status, int) else status, after, why)


# --- Content-Length (RFC 9110, Section 8.6; RFC 9112, Section 6.3)

BAD_CL = ("RFC 9112 6.3 item 5: an invalid Content-Length in a request is "
          "an unrecoverable framing error: 400, then close")
cases("content-length", [
    ("two fields with different values (5, 6)",
     post("Content-Length: 5", "Content-Length: 6", body="hello!"),
     400, CLOSE),
    ("one field holding a list of different values (5, 6)",
     post("Content-Length: 5, 6", body="hello!"), 400, CLOSE),
    # RFC 9110 8.6 lets a recipient of "5, 5" either reject the message or
    # use the single value; server.h documents that a repeated
    # Content-Length is refused, so these must be 400 and a close.
    ("one field holding the same value twice (5, 5)",
     post("Content-Length: 5, 5", body="hello"), 400, CLOSE,
     "RFC 9110 8.6 allows rejecting a repeated value; server.h: a "
     "repeated Content-Length is 400"),
    ("two identical fields (5 and 5)",
     post("Content-Length: 5", "Content-Length: 5", body="hello"),
     400, CLOSE,
     "RFC 9110 8.6 allows rejecting a repeated value; server.h: a "
     "repeated Content-Length is 400"),
    ("two identical fields in different case",
     post("Content-Length: 5", "content-length: 5", body="hello"),
     400, CLOSE, "field names are case-insensitive (RFC 9110 5.1): this is "
     "a repeated Content-Length"),
    ("leading plus sign (+5)", post("Content-Length: +5", body="hello"),
     400, CLOSE),
    ("leading minus sign (-5)", post("Content-Length: -5", body="hello"),
     400, CLOSE),
    ("minus zero (-0)", post("Content-Length: -0"), 400, CLOSE),
    ("hexadecimal (0x5)", post("Content-Length: 0x5", body="hello"),
     400, CLOSE),
    ("a space inside the digits (1 0)",
     post("Content-Length: 1 0", body="helloworld"), 400, CLOSE),
    ("20 digits (over 64 bits)",
     post("Content-Length: 99999999999999999999"), 400, CLOSE),
    ("2^64 + 5, which wraps to 5 in 64 bits",
     post("Content-Length: 18446744073709551621", body="hello"),
     400, CLOSE),
    ("an empty value", post("Content-Length: ", body=""), 400, CLOSE),
    ("a value of a comma alone", post("Content-Length: ,"), 400, CLOSE),
    # Valid forms, for contrast: 1*DIGIT with OWS around it.
    ("leading zeros (005) are still 5",
     post("Content-Length: 005", body="hello"), 200, OPEN,
     "RFC 9110 8.6: Content-Length = 1*DIGIT; leading zeros are digits"),
    ("spaces and a tab around the value",
     post("Content-Length: \t5 \t", body="hello"), 200, OPEN,
     "RFC 9110 5.5: OWS around a field value is not part of it"),
], BAD_CL)


# --- Content-Length with Transfer-Encoding (RFC 9112, Section 6.1)

CL_TE = ("RFC 9112 6.1: a request with both may be rejected (server.h: "
         "400), and the connection MUST be closed after responding")
cases("content-length and transfer-encoding", [
    ("Content-Length first, then Transfer-Encoding: chunked",
     post("Content-Length: 5", "Transfer-Encoding: chunked",
          body="0\r\n\r\n"), 400, CLOSE),
    ("Transfer-Encoding: chunked first, then Content-Length",
     post("Transfer-Encoding: chunked", "Content-Length: 5",
          body="0\r\n\r\n"), 400, CLOSE),
    ("Content-Length with a chunked body holding a request",
     post("Content-Length: 40", "Transfer-Encoding: chunked",
          body=b"0\r\n\r\nGET /404 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
     400, CLOSE),
    ("names in odd case (content-LENGTH, TRANSFER-encoding)",
     post("content-LENGTH: 5", "TRANSFER-encoding: chunked",
          body="0\r\n\r\n"), 400, CLOSE),
    ("Content-Length with Transfer-Encoding: xchunked",
     post("Content-Length: 5", "Transfer-Encoding: xchunked",
          body="hello"), 400, CLOSE),
], CL_TE)


# --- Transfer-Encoding, obfuscated (RFC 9112, Sections 6.1 and 6.3)

IS_CHUNKED = ("RFC 9110 5.5 and 5.6.1: OWS around values and empty list "
              "elements are not part of the value, and codings are "
              "case-insensitive (RFC 9112 7): this is chunked")
NOT_FINAL = ("RFC 9112 6.3 item 4: Transfer-Encoding without chunked as "
             "the final coding: 400, then close")
UNKNOWN = ("RFC 9112 6.1: a transfer coding the server does not implement "
           "SHOULD get 501; its body cannot be read, so the connection "
           "closes")
cases("transfer-encoding", [
    ("chunked with a trailing space",
     post("Transfer-Encoding: chunked ", body=HELLO), 200, OPEN, IS_CHUNKED),
    ("chunked with a leading space",
     post("Transfer-Encoding:  chunked", body=HELLO), 200, OPEN, IS_CHUNKED),
    ("chunked after a tab", post("Transfer-Encoding:\tchunked\t", body=HELLO),
     200, OPEN, IS_CHUNKED),
    ("Chunked", post("Transfer-Encoding: Chunked", body=HELLO), 200, OPEN,
     IS_CHUNKED),
    ("CHUNKED", post("Transfer-Encoding: CHUNKED", body=HELLO), 200, OPEN,
     IS_CHUNKED),
    ("a leading empty element (, chunked)",
     post("Transfer-Encoding: , chunked", body=HELLO), 200, OPEN, IS_CHUNKED),
    ("a trailing empty element (chunked,)",
     post("Transfer-Encoding: chunked,", body=HELLO), 200, OPEN, IS_CHUNKED),
    ("chunked, chunked", post("Transfer-Encoding: chunked, chunked",
                              body=HELLO), 400, CLOSE,
     "RFC 9112 6.1: chunked MUST NOT be applied twice; server.h: 400"),
    ("chunked, then chunked in a second field",
     post("Transfer-Encoding: chunked", "Transfer-Encoding: chunked",
          body=HELLO), 400, CLOSE,
     "RFC 9110 5.3: two fields are one list, chunked twice; server.h: 400"),
    ("identity, chunked", post("Transfer-Encoding: identity, chunked",
                               body=HELLO), 501, CLOSE, UNKNOWN),
    ("gzip, chunked", post("Transfer-Encoding: gzip, chunked", body=HELLO),
     501, CLOSE, UNKNOWN),
    ("gzip, then chunked in a second field",
     post("Transfer-Encoding: gzip", "Transfer-Encoding: chunked",
          body=HELLO), 501, CLOSE, UNKNOWN),
    ("chunked, gzip", post("Transfer-Encoding: chunked, gzip", body=HELLO),
     400, CLOSE, NOT_FINAL),
    ("chunked, then gzip in a second field",
     post("Transfer-Encoding: chunked", "Transfer-Encoding: gzip",
          body=HELLO), 400, CLOSE, NOT_FINAL),
    ("xchunked", post("Transfer-Encoding: xchunked", body=HELLO), 400,
     CLOSE, NOT_FINAL),
    ("chunked with a parameter (chunked;x=1)",
     post("Transfer-Encoding: chunked;x=1", body=HELLO), 400, CLOSE,
     "chunked defines no parameters, so chunked;x=1 is not chunked and "
     "chunked is not final (RFC 9112 6.3 item 4)"),
    ("chunked after a vertical tab",
     post("Transfer-Encoding: \x0bchunked", body=HELLO), 400, CLOSE,
     "VT is not OWS: the value is not chunked, and a CTL in a field value "
     "may be rejected (RFC 9110 5.5)"),
    ("an empty value", post("Transfer-Encoding: ", body=HELLO), 400, CLOSE,
     NOT_FINAL),
    ("continued on an obs-fold line",
     post("Transfer-Encoding:", " chunked", body=HELLO), 400, CLOSE,
     "RFC 9112 5.2: obs-fold in a request is rejected with 400 (or "
     "replaced by SP; server.h: 400)"),
    ("in an HTTP/1.0 request",
     msg("POST /200 HTTP/1.0", "Transfer-Encoding: chunked", body=HELLO,
         host=False), 400, CLOSE,
     "RFC 9112 6.1: Transfer-Encoding in HTTP/1.0 means faulty framing; "
     "the server closes after responding (server.h: 400)"),
    ("a field named Transfer_Encoding is not Transfer-Encoding",
     post("Transfer_Encoding: chunked", "Content-Length: 5", body="hello"),
     200, OPEN, "Transfer_Encoding is a different, unknown field (RFC 9110 "
     "5.1); the body is the 5 bytes Content-Length says"),
])


# --- chunked bodies (RFC 9112, Section 7.1)

BAD_CHUNK = ("RFC 9112 7.1: chunk = chunk-size [ chunk-ext ] CRLF "
             "chunk-data CRLF, chunk-size = 1*HEXDIG; anything else makes "
             "the framing unknowable: 400, then close")
TOO_BIG = ("RFC 9112 7.1: recipients MUST guard against overflow; "
           "server.h: a size of 2^63 or more is 400")
EXT_OVER = b"5;" + b"e" * (4097 - 1) + b"\r\nhello\r\n0\r\n\r\n"
EXT_AT = b"5;" + b"e" * (4096 - 1) + b"\r\nhello\r\n0\r\n\r\n"
EXT_UNDER = b"5;" + b"e" * (4095 - 1) + b"\r\nhello\r\n0\r\n\r\n"
cases("chunked", [
    ("a correct body", chunked(HELLO), 200, OPEN),
    ("upper-case hex size (A)", chunked(b"A\r\nhelloworld\r\n0\r\n\r\n"),
     200, OPEN),
    ("a size with 20 leading zeros",
     chunked(b"00000000000000000005\r\nhello\r\n0\r\n\r\n"), 200, OPEN,
     "leading zeros are HEXDIGs; the value is 5"),
    ("17 hex digits (FFFFFFFFFFFFFFFFF)",
     chunked(b"FFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n"), 400, CLOSE,
     TOO_BIG),
    ("a size of exactly 2^63", chunked(b"8000000000000000\r\nhello\r\n"),
     400, CLOSE, TOO_BIG),
    ("a size of exactly 2^64", chunked(b"10000000000000000\r\nhello\r\n"),
     400, CLOSE, TOO_BIG),
    ("2^64 + 5, which wraps to 5 in 64 bits",
     chunked(b"10000000000000005\r\nhello\r\n0\r\n\r\n"), 400, CLOSE,
     TOO_BIG),
    ("a size with a leading space", chunked(b" 5\r\nhello\r\n0\r\n\r\n"),
     400, CLOSE),
    ("a size with a leading plus sign",
     chunked(b"+5\r\nhello\r\n0\r\n\r\n"), 400, CLOSE),
    ("a size with a 0x prefix", chunked(b"0x5\r\nhello\r\n0\r\n\r\n"),
     400, CLOSE),
    ("a negative size", chunked(b"-5\r\nhello\r\n0\r\n\r\n"), 400, CLOSE),
    ("a size with an underscore (1_0)",
     chunked(b"1_0\r\nhelloworld123456\r\n0\r\n\r\n"), 400, CLOSE),
    ("an empty size line", chunked(b"\r\nhello\r\n0\r\n\r\n"), 400, CLOSE),
    ("a size followed by a space and no extension",
     chunked(b"5 \r\nhello\r\n0\r\n\r\n"), 400, CLOSE,
     "BWS is allowed only before a ';' (RFC 9112 7.1.1)"),
    ("a size line ending in a bare LF",
     chunked(b"5\nhello\r\n0\r\n\r\n"), 400, CLOSE),
    ("a size line ending in a bare CR",
     chunked(b"5\rhello\r\n0\r\n\r\n"), 400, CLOSE),
    ("chunk data ending in a bare LF",
     chunked(b"5\r\nhello\n0\r\n\r\n"), 400, CLOSE),
    ("no CRLF after the chunk data", chunked(b"5\r\nhello0\r\n\r\n"),
     400, CLOSE),
    ("chunk data longer than its size",
     chunked(b"2\r\nhello\r\n0\r\n\r\n"), 400, CLOSE),
    ("a last chunk line ending in a bare LF",
     chunked(b"5\r\nhello\r\n0\n\r\n"), 400, CLOSE),
    ("the final empty line as a bare LF",
     chunked(b"5\r\nhello\r\n0\r\n\n"), 400, CLOSE),
    ("an extension of 4097 bytes (over CHUNK_EXT_MAX)", chunked(EXT_OVER),
     400, CLOSE, "server.h: an extension longer than CHUNK_EXT_MAX (4096) "
     "is 400"),
    ("an extension of exactly 4096 bytes (CHUNK_EXT_MAX)", chunked(EXT_AT),
     200, OPEN, "server.h: only extensions longer than CHUNK_EXT_MAX (4096) "
     "are refused"),
    ("an extension of 4095 bytes", chunked(EXT_UNDER), 200, OPEN,
     "server.h: only extensions longer than CHUNK_EXT_MAX (4096) are "
     "refused"),
    ("an extension with a quoted value",
     chunked(b'5;name="a;b \\"c\\""\r\nhello\r\n0\r\n\r\n'), 200, OPEN,
     "RFC 9112 7.1.1: chunk-ext-val = token / quoted-string"),
    ("BWS around the extension (5 ; a = b)",
     chunked(b"5 ; a = b\r\nhello\r\n0\r\n\r\n"), 200, OPEN,
     "RFC 9112 7.1.1: BWS is allowed around ';' and '='"),
    ("an extension with no name (5;)",
     chunked(b"5;\r\nhello\r\n0\r\n\r\n"), 400, CLOSE,
     "RFC 9112 7.1.1: after ';' comes chunk-ext-name = token, which is "
     "never empty; a malformed chunk is 400"),
    ("an extension name with a bracket (5;bad[=x)",
     chunked(b"5;bad[=x\r\nhello\r\n0\r\n\r\n"), 400, CLOSE,
     "RFC 9112 7.1.1: chunk-ext-name = token, and '[' is not a tchar; a "
     "malformed chunk is 400"),
    ("an extension value with a space in a token (5;a=b c)",
     chunked(b"5;a=b c\r\nhello\r\n0\r\n\r\n"), 400, CLOSE,
     "RFC 9112 7.1.1: chunk-ext-val = token / quoted-string"),
    ("an extension on the last chunk",
     chunked(b"5\r\nhello\r\n0;end=1\r\n\r\n"), 200, OPEN,
     "RFC 9112 7.1: last-chunk = 1*\"0\" [ chunk-ext ] CRLF"),
    ("a NUL in an extension", chunked(b"5;a\x00b\r\nhello\r\n0\r\n\r\n"),
     400, CLOSE),
    ("a bare CR in an extension",
     chunked(b"5;a\rb\r\nhello\r\n0\r\n\r\n"), 400, CLOSE),
    ("trailer fields",
     chunked(b"5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"),
     200, OPEN, "RFC 9112 7.1.2: a trailer section may follow the last "
     "chunk"),
    ("a trailer section over 16 KiB",
     chunked(b"5\r\nhello\r\n0\r\nX-Pad: " + b"t" * 17000 + b"\r\n\r\n"),
     400, CLOSE, "server.h: a trailer section that is too long is 400"),
    ("an obs-fold line in the trailer section",
     chunked(b"5\r\nhello\r\n0\r\nX-A: 1\r\n continued\r\n\r\n"),
     400, CLOSE, "RFC 9112 5.2 applies to trailer fields too"),
    ("a trailer line without a colon",
     chunked(b"5\r\nhello\r\n0\r\nNoColon\r\n\r\n"), 400, CLOSE,
     "RFC 9112 7.1.2: trailer fields are field lines"),
], BAD_CHUNK)
case("chunked", "a size of 2^63 - 1 is accepted, and its data awaited",
     chunked(b"7FFFFFFFFFFFFFFF\r\n"), [], PENDING,
     "server.h: sizes below 2^63 are read")


# --- bare CR and LF (RFC 9112, Section 2.2)

BARE = ("RFC 9112 2.2: a bare CR makes the element invalid, and a bare LF "
        "may be accepted or not (server.h: a bare CR or LF is 400)")
cases("line ends", [
    ("a bare LF ending the request line",
     b"GET /200 HTTP/1.1\nHost: 127.0.0.1\r\n\r\n", 400, CLOSE),
    ("a bare CR ending the request line",
     b"GET /200 HTTP/1.1\rHost: 127.0.0.1\r\n\r\n", 400, CLOSE),
    ("a bare CR between target and version",
     b"GET /200\rHTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400, CLOSE),
    ("a bare LF inside the target",
     b"GET /2\n00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400, CLOSE),
    ("a bare LF ending a field line",
     b"GET /200 HTTP/1.1\r\nHost: 127.0.0.1\nX-A: 1\r\n\r\n", 400, CLOSE),
    ("a bare CR ending a field line",
     b"GET /200 HTTP/1.1\r\nHost: 127.0.0.1\rX-A: 1\r\n\r\n", 400, CLOSE),
    ("a CR in the middle of a field value",
     msg("GET /200 HTTP/1.1", "X-A: a\rb"), 400, CLOSE,
     "RFC 9110 5.5: CR in a field value MUST be rejected or replaced by SP "
     "(server.h: 400)"),
    ("a LF in the middle of a field value",
     msg("GET /200 HTTP/1.1", "X-A: a\nb"), 400, CLOSE),
    ("the head ending in LF LF",
     b"GET /200 HTTP/1.1\r\nHost: 127.0.0.1\n\n", 400, CLOSE),
    ("the head ending in CR LF LF",
     b"GET /200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\n", 400, CLOSE),
    ("the head ending in LF CR LF",
     b"GET /200 HTTP/1.1\r\nHost: 127.0.0.1\n\r\n", 400, CLOSE),
    ("the head ending in CR LF CR CR LF",
     b"GET /200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\r\n", 400, CLOSE),
    ("every line ending in a bare LF",
     b"GET /200 HTTP/1.1\nHost: 127.0.0.1\n\n", 400, CLOSE),
    ("a bare CR before the request line",
     b"\rGET /200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400, CLOSE),
    ("empty lines (CRLF) before the request line are skipped",
     b"\r\n\r\nGET /200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 200, OPEN,
     "RFC 9112 2.2: a server SHOULD ignore at least one empty line before "
     "the request line"),
], BARE)


# --- obs-fold and whitespace at the start of a line (RFC 9112, 5.2, 2.2)

FOLD = ("RFC 9112 5.2: obs-fold in a request MUST be rejected with 400 or "
        "replaced by SP (server.h: 400)")
cases("obs-fold", [
    ("a field continued on a line starting with SP",
     msg("GET /200 HTTP/1.1", "X-A: a", " b"), 400, CLOSE),
    ("a field continued on a line starting with HTAB",
     msg("GET /200 HTTP/1.1", "X-A: a", "\tb"), 400, CLOSE),
    ("Host continued on a folded line",
     msg("GET /200 HTTP/1.1", "X-A: a", "Host: 127.0.0.1", " .example",
         host=False), 400, CLOSE),
    ("whitespace before the first field line",
     msg("GET /200 HTTP/1.1", " X-A: a", "Host: 127.0.0.1", host=False),
     400, CLOSE, "RFC 9112 2.2: whitespace between the start line and the "
     "first field MUST be rejected, or the line consumed unprocessed "
     "(server.h: 400)"),
    ("a line of whitespace alone between fields",
     msg("GET /200 HTTP/1.1", "X-A: a", " ", "X-B: b"), 400, CLOSE),
], FOLD)


# --- control bytes, and field names (RFC 9110, 5.1, 5.5, 5.6.2; 9112, 3, 5)

CTL_RULES = {
    "method": "RFC 9110 9.1 / 5.6.2: a method is a token; the request "
              "line is invalid: 400 (RFC 9112 3)",
    "target": "RFC 9112 3.2 / RFC 3986: a CTL is not allowed in a "
              "request-target: 400",
    "field name": "RFC 9110 5.1: a field name is a token; RFC 9112 5: an "
                  "invalid field line: 400",
    "field value": "RFC 9110 5.5: NUL MUST be rejected or replaced, other "
                   "CTLs may be rejected (server.h: 400)",
}
for byte, label in ((b"\x00", "NUL"), (b"\x01", "0x01"), (b"\x1b", "ESC"),
                    (b"\x7f", "DEL")):
    cases("control bytes", [
        ("%s in the method" % label,
         b"GE" + byte + b"T /200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
         400, CLOSE, CTL_RULES["method"]),
        ("%s in the target" % label,
         b"GET /2" + byte + b"00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
         400, CLOSE, CTL_RULES["target"]),
        ("%s in a field name" % label,
         msg("GET /200 HTTP/1.1", b"X-" + byte + b"A: 1"), 400, CLOSE,
         CTL_RULES["field name"]),
        ("%s in a field value" % label,
         msg("GET /200 HTTP/1.1", b"X-A: a" + byte + b"b"), 400, CLOSE,
         CTL_RULES["field value"]),
    ])

NAME = ("RFC 9110 5.1: field-name = token; RFC 9112 5: an invalid field "
        "line is a 400")
cases("field names", [
    ("whitespace between Host and the colon (Host : x)",
     msg("GET /200 HTTP/1.1", "Host : 127.0.0.1", host=False), 400, CLOSE,
     "RFC 9112 5.1: whitespace between a field name and the colon MUST be "
     "rejected with 400"),
    ("whitespace between Content-Length and the colon",
     post("Content-Length : 5", body="hello"), 400, CLOSE,
     "RFC 9112 5.1: whitespace between a field name and the colon MUST be "
     "rejected with 400"),
    ("a tab between a name and the colon",
     msg("GET /200 HTTP/1.1", "X-A\t: 1"), 400, CLOSE,
     "RFC 9112 5.1: whitespace between a field name and the colon MUST be "
     "rejected with 400"),
    ("an empty field name (: x)", msg("GET /200 HTTP/1.1", ": x"),
     400, CLOSE),
    ("brackets in a field name", msg("GET /200 HTTP/1.1", "X[1]: a"),
     400, CLOSE),
    ("a space inside a field name", msg("GET /200 HTTP/1.1", "X A: a"),
     400, CLOSE),
    ("a quote in a field name", msg("GET /200 HTTP/1.1", 'X"A: a'),
     400, CLOSE),
    ("a non-ASCII byte in a field name",
     msg("GET /200 HTTP/1.1", b"X-\xc3\xa9: a"), 400, CLOSE),
    ("a field line without a colon",
     msg("GET /200 HTTP/1.1", "NoColonHere"), 400, CLOSE),
    ("Content\\tLength (a tab inside a name)",
     post("Content-Length: 5", "Content\tLength: 99", body="hello"),
     400, CLOSE),
], NAME)


# --- the request line (RFC 9112, Section 3; RFC 9110, Sections 2.5, 9.1)

BAD_LINE = ("RFC 9112 3: an invalid request line SHOULD get 400 (or a 301, "
            "which server.h does not use)")
HOST_RULE = ("RFC 9112 3.2: a request without Host, with more than one, or "
        "with an invalid one MUST get 400")
cases("request line", [
    ("a lower-case method (get)",
     msg("get /200 HTTP/1.1"), 501, CLOSE,
     "RFC 9110 9.1: methods are case-sensitive, so get is unknown: 501"),
    ("an unknown method (BREW)", msg("BREW /200 HTTP/1.1"), 501, CLOSE,
     "RFC 9110 9.1: an unrecognised method SHOULD get 501"),
    ("a method of 9000 bytes", msg("M" * 9000 + " /200 HTTP/1.1"), 501,
     CLOSE, "RFC 9112 3: a method longer than any the server implements "
     "SHOULD get 501 (414 is for a long target, RFC 9110 15.5.15)"),
    ("HTTP/1.2 is answered as HTTP/1.1", msg("GET /200 HTTP/1.2"), 200,
     OPEN, "RFC 9110 2.5: a higher minor version of a major version the "
     "server implements SHOULD be processed as the highest minor version "
     "it does; 505 is for an unsupported major version (RFC 9110 15.6.6)"),
    ("HTTP/2.0", msg("GET /200 HTTP/2.0"), 505, CLOSE,
     "RFC 9110 15.6.6: 505 for a major version the server does not "
     "support"),
    ("HTTP/0.9 style, no version (GET /200)",
     b"GET /200\r\n\r\n", 400, CLOSE),
    ("a lower-case version (http/1.1)", msg("GET /200 http/1.1"), 400,
     CLOSE, "RFC 9112 2.3: HTTP-name is case-sensitive"),
    ("a version without its minor digit (HTTP/1)", msg("GET /200 HTTP/1"),
     400, CLOSE),
    ("a version with leading zeros (HTTP/01.1)", msg("GET /200 HTTP/01.1"),
     400, CLOSE),
    ("a space after the version", msg("GET /200 HTTP/1.1 "), 400, CLOSE),
    ("two spaces after the method", msg("GET  /200 HTTP/1.1"), 400, CLOSE),
    ("two spaces before the version", msg("GET /200  HTTP/1.1"), 400,
     CLOSE),
    ("tabs as separators", msg("GET\t/200\tHTTP/1.1"), 400, CLOSE),
    ("no target (GET HTTP/1.1)", msg("GET HTTP/1.1"), 400, CLOSE),
    ("an absolute-form target",
     msg("GET http://127.0.0.1/200 HTTP/1.1"), 200, OPEN,
     "RFC 9112 3.2.2: a server MUST accept the absolute-form"),
    ("an absolute-form target with a different Host",
     msg("GET http://other.example/200 HTTP/1.1"), 200, OPEN,
     "RFC 9112 3.2.2: with the absolute-form the server MUST ignore Host "
     "and use the target's authority"),
    ("the asterisk-form with GET", msg("GET * HTTP/1.1"), 400, CLOSE,
     "RFC 9112 3.2.4: the asterisk-form is only for OPTIONS"),
    ("the asterisk-form with OPTIONS", msg("OPTIONS * HTTP/1.1"), 204, OPEN,
     "RFC 9112 3.2.4: OPTIONS * asks about the server as a whole"),
    ("HTTP/1.1 without Host", msg("GET /200 HTTP/1.1", host=False), 400,
     CLOSE, HOST_RULE),
    ("two Host fields with different values",
     msg("GET /200 HTTP/1.1", "Host: other.example"), 400, CLOSE,
     HOST_RULE),
    ("two identical Host fields",
     msg("GET /200 HTTP/1.1", "Host: 127.0.0.1"), 400, CLOSE,
     HOST_RULE),
    ("a Host value with a space",
     msg("GET /200 HTTP/1.1", "Host: a b", host=False), 400, CLOSE,
     HOST_RULE),
    ("a Host value with a path (host/x)",
     msg("GET /200 HTTP/1.1", "Host: 127.0.0.1/x", host=False), 400, CLOSE,
     HOST_RULE),
    ("a Host value with userinfo (user@host)",
     msg("GET /200 HTTP/1.1", "Host: user@127.0.0.1", host=False), 400,
     CLOSE, HOST_RULE),
    ("a Host value listing two hosts",
     msg("GET /200 HTTP/1.1", "Host: 127.0.0.1, other.example",
         host=False), 400, CLOSE, HOST_RULE),
    ("HTTP/1.0 without Host", msg("GET /200 HTTP/1.0", "Connection: "
                                  "keep-alive", host=False), 200, OPEN,
     "RFC 9112 3.2: Host is required of HTTP/1.1 requests only"),
], BAD_LINE)


# --- Host: uri-host [ ":" port ] (RFC 9112, Section 3.2; RFC 3986, 3.2.2)

def host(value):
    return msg("GET /200 HTTP/1.1", "Host: " + value, host=False)


cases("host", [
    ("an unclosed IPv6 literal ([::1)", host("[::1"), 400, CLOSE),
    ("a lone closing bracket (])", host("]"), 400, CLOSE),
    ("brackets inside a name (a[b]c)", host("a[b]c"), 400, CLOSE),
    ("colons alone (::::)", host("::::"), 400, CLOSE),
    ("a port of letters (x:abc)", host("x:abc"), 400, CLOSE),
    ("a port with a letter o for a zero (x:8o)", host("x:8o"), 400, CLOSE),
    ("a bad percent escape (%zz)", host("%zz"), 400, CLOSE),
    ("nine IPv6 groups", host("[1:2:3:4:5:6:7:8:9]"), 400, CLOSE),
    ("two :: in an IPv6 literal", host("[1::2::3]"), 400, CLOSE),
    ("an IPv6 group of five digits", host("[12345::]"), 400, CLOSE),
    ("an IPvFuture without a version ([v.x])", host("[v.x]"), 400, CLOSE),
    ("an IPv6 zone ID ([fe80::1%25eth0])", host("[fe80::1%25eth0]"), 400,
     CLOSE, "RFC 3986 has no zone ID (RFC 6874 adds one; server.h refuses "
     "it)"),
    ("bytes after an IPv6 literal ([::1]x)", host("[::1]x"), 400, CLOSE),
    # Valid forms, for contrast.
    ("a name and a port (example.com:8080)", host("example.com:8080"), 200,
     OPEN),
    ("an IPv6 literal and a port ([::1]:8080)", host("[::1]:8080"), 200,
     OPEN),
    ("an IPv4-mapped IPv6 literal ([::ffff:1.2.3.4])",
     host("[::ffff:1.2.3.4]"), 200, OPEN),
    ("an IPvFuture literal ([v1.x])", host("[v1.x]"), 200, OPEN),
    ("dotted numbers that are no IPv4 address, a reg-name (999.1.1.1)",
     host("999.1.1.1"), 200, OPEN),
    ("an empty port (x:)", host("x:"), 200, OPEN,
     "RFC 3986 3.2.3: port = *DIGIT, which may be empty"),
], "RFC 9112 3.2: a Host that is not uri-host [ \":\" port ] (RFC 3986 "
   "3.2.2) MUST get 400")


# --- Range is not a list (RFC 9110, Section 14.2)

RANGE_TWICE = ("RFC 9110 14.2 and 5.3: Range is not a list, so two field "
               "lines make it invalid, and a server ignores an invalid Range: "
               "the whole 200")
cases("range", [
    ("one Range on GET /200", msg("GET /200 HTTP/1.1", "Range: bytes=0-4"),
     206, OPEN, "RFC 9110 14.2: a server may honour a valid Range"),
    ("two Range fields on GET /200",
     msg("GET /200 HTTP/1.1", "Range: bytes=0-4", "Range: bytes=5-9"), 200,
     OPEN),
    ("two identical Range fields",
     msg("GET /200 HTTP/1.1", "Range: bytes=0-4", "Range: bytes=0-4"), 200,
     OPEN),
    ("Range and range (names in different case)",
     msg("GET /200 HTTP/1.1", "Range: bytes=0-4", "range: bytes=5-9"), 200,
     OPEN),
    ("a bad Range, then a good one",
     msg("GET /200 HTTP/1.1", "Range: pages=1", "Range: bytes=0-4"), 200,
     OPEN),
], RANGE_TWICE)


# --- bytes that can begin no request (RFC 9112, Section 3)
#
# A method is a token and one SP ends it, so a byte that breaks that is a
# 400 as soon as it arrives: no line end is needed, and none is sent. The
# server runs with a head deadline of 30 s, so an answer within EARLY_WAIT
# (a liveness limit, but never half the deadline) came from the bytes, not
# from the deadline.

HEADER_TIMEOUT_MS = 30000
EARLY_WAIT = min(launch.LIVE, HEADER_TIMEOUT_MS / 2000)


def client_hello(version, extensions):
    """A TLS ClientHello record, written out here: the record header
    (handshake, version 3.1, length), the handshake header (ClientHello,
    length), client version 3.3, 32 random bytes, a session ID, cipher
    suites, no compression, the extensions. No byte of it is a CR or LF,
    so only the first byte can get it refused."""
    body = (b"\x03\x03" + bytes(range(0x20, 0x40)) +
            b"\x20" + bytes(range(0x40, 0x60)) +
            b"\x00\x06\x13\x01\x13\x02\xc0\x2f" + b"\x01\x00")
    ext = b"".join(t + len(v).to_bytes(2, "big") + v for t, v in extensions)
    body += len(ext).to_bytes(2, "big") + ext
    hs = b"\x01" + len(body).to_bytes(3, "big") + body
    record = b"\x16\x03" + version + len(hs).to_bytes(2, "big") + hs
    assert b"\r" not in record and b"\n" not in record
    return record


SNI = (b"\x00\x00", b"\x00\x0e\x00\x00\x0bexample.com")
TLS12_HELLO = client_hello(b"\x01", [SNI, (b"\x00\x17", b"")])
TLS13_HELLO = client_hello(b"\x01", [
    SNI, (b"\x00\x2b", b"\x04\x03\x04\x03\x03"),       # supported_versions
    (b"\x00\x33", b"\x00\x26\x00\x1d\x00\x20" + bytes(range(0x60, 0x80)))])


def early_case(what, data, why):
    """data, with no line end, must get a 400 within EARLY_WAIT, then a
    clean close; FOLLOW, sent once the 400 has come, gets no answer."""
    name = "bytes that begin no request: %s -> 400, %s" % (what, CLOSE)

    def run():
        s = launch.connect(SERVER.port, IO_TIMEOUT)
        try:
            s.sendall(data)
            got, end = b"", "open"
            deadline = time.monotonic() + EARLY_WAIT
            while b"\r\n\r\n" not in got and end == "open":
                left = deadline - time.monotonic()
                expect(left > 0, "no answer in %.0f s with no line end sent "
                       "(the head deadline is %d s)"
                       % (EARLY_WAIT, HEADER_TIMEOUT_MS // 1000))
                s.settimeout(left)
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    continue
                except ConnectionResetError:
                    end = "reset"
                    break
                if not chunk:
                    end = closed(s)
                got += chunk
            try:
                s.sendall(FOLLOW)   # after the 400: must not be answered
            except OSError:
                pass
            s.settimeout(IO_TIMEOUT)
            deadline = time.monotonic() + IO_TIMEOUT
            while end == "open" and time.monotonic() < deadline:
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    break
                except ConnectionResetError:
                    end = "reset"
                    break
                if not chunk:
                    end = closed(s)
                got += chunk
        finally:
            s.close()
        seen = parse_responses(got, ["GET"])
        expect([r.status for r in seen] == [400], "answered %s"
               % ([r.status for r in seen] or "nothing"))
        expect(seen[0].closes(), "the 400 has no Connection: close")
        expect(end == "closed", "the connection was %s after the 400"
               % {"reset": "reset", "open": "left open"}.get(end, end))

    def fn():
        try:
            run()
        except Fail as e:
            raise Fail("%s [%s]" % (e, why))
    TESTS.append((name, fn))


NOT_A_METHOD = ("RFC 9112 3 and RFC 9110 9.1: a request line starts with a "
                "method, a token; this byte can start none, so the request "
                "is invalid (400) before any line end")
NOT_SP = ("RFC 9112 3: exactly one SP follows the method; any other byte "
          "after its tchars makes the request line invalid (400)")
for what, data, why in (
        ("a TLS 1.2 ClientHello", TLS12_HELLO, NOT_A_METHOD),
        ("a TLS 1.3 ClientHello", TLS13_HELLO, NOT_A_METHOD),
        ("a TLS record header alone (16 03 01)", b"\x16\x03\x01",
         NOT_A_METHOD),
        ("a NUL first", b"\x00GET /200 HTTP/1.1", NOT_A_METHOD),
        ("a JSON object ({)", b'{"jsonrpc": "2.0", "id": 1}', NOT_A_METHOD),
        ("a quote first", b'"GET /200 HTTP/1.1', NOT_A_METHOD),
        ("an SSLv2-style hello (80 ...)", b"\x80\x2e\x01\x00\x02\x00\x15",
         NOT_A_METHOD),
        ("a target with no method (/200)", b"/200 HTTP/1.1", NOT_A_METHOD),
        ("a space first", b" GET /200 HTTP/1.1", NOT_A_METHOD),
        ("empty lines, then a TLS record", b"\r\n\r\n\x16\x03\x01\x02\x00",
         NOT_A_METHOD),
        ("a tab after the method (GET\\t/)", b"GET\t/200 HTTP/1.1", NOT_SP),
        ("a brace inside the method (GE{T)", b"GE{T /200 HTTP/1.1", NOT_SP)):
    early_case(what, data, why)


# --- pipelining: what a refusal does to the requests around it

GOOD = msg("GET /200 HTTP/1.1")
GOOD2 = msg("GET /201 HTTP/1.1")
BAD = msg("GET /200 HTTP/1.1", "X-A : 1")
INNER = b"GET /404 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
cases("pipelining", [
    ("valid, valid, bad", GOOD + GOOD2 + BAD, [200, 201, 400], CLOSE,
     "requests before a bad one are answered in order; the bad one gets "
     "400 and the connection closes"),
    ("bad, then valid", BAD + GOOD, [400], CLOSE,
     "after a 400 the framing is unknown: nothing after it is a request"),
    ("valid, bad chunked body, valid",
     GOOD + chunked(b"zz\r\nhello\r\n0\r\n\r\n") + GOOD2, [200, 400], CLOSE,
     "a malformed body ends the connection after its 400"),
    ("a POST whose body holds a request, then a valid request",
     post("Content-Length: %d" % len(INNER), body=INNER) + GOOD2,
     [200, 201], OPEN, "RFC 9112 6.3: the body is Content-Length bytes, "
     "never a request"),
    ("a chunked POST whose body holds a request, then a valid request",
     chunked(b"%x\r\n" % len(INNER) + INNER + b"\r\n0\r\n\r\n") + GOOD2,
     [200, 201], OPEN, "RFC 9112 7.1: chunk data is never a request"),
    ("a GET with a body that holds a request, then a valid request",
     msg("GET /200 HTTP/1.1", "Content-Length: %d" % len(INNER),
         body=INNER) + GOOD2, [200, 201], OPEN,
     "RFC 9112 6.3: a GET's Content-Length body is read and discarded"),
    ("a POST with Content-Length 0 and more bytes after it",
     post("Content-Length: 0") + GOOD2, [200, 201], OPEN,
     "RFC 9112 6.3: the next request starts right after a zero-length "
     "body"),
    ("a POST without a length is a request with no body",
     post() + GOOD2, [200, 201], OPEN,
     "RFC 9112 6.3 item 7: a request with neither field has no body"),
])
case("pipelining", "a HEAD with a body that holds a request, then a valid "
     "request",
     msg("HEAD /200 HTTP/1.1", "Content-Length: %d" % len(INNER),
         body=INNER) + GOOD2, [200, 201], OPEN,
     "RFC 9112 6.3: a request body is framed by its fields, whatever the "
     "method", methods=("HEAD", "GET"))


# --- requests that arrive in several reads
#
# The server parses a head from its read buffer when it arrives in one
# read, and from a per-connection copy when it arrives in pieces: a
# refusal must work the same way in both, and leave the server running.

def still_alive():
    try:
        raw, _ = talk(FOLLOW)
    except OSError as e:
        raise Fail("the server no longer answers a new connection (%s)"
                   % type(e).__name__)
    seen = [r.status for r in parse_responses(raw, ["GET"])]
    expect(seen == [204], "a new connection afterwards got %s" % seen)


SPLIT = ("the same bytes in one write get this answer; how they are split "
         "must not change it, nor stop the server")
LONG_TARGET = b"/" + b"a" * 8500
for what, pieces, statuses, after in (
        # the last piece goes with FOLLOW: b"" sends FOLLOW on its own
        ("a keep-alive request, its head in two writes",
         [b"GET /200 HTTP/1.1\r\n", b"Host: 127.0.0.1\r\n\r\n", b""], [200],
         OPEN),
        ("an HTTP/1.0 request (not keep-alive), its head in two writes",
         [b"GET /200 HTTP/1.0\r\n", b"\r\n"], [200], CLOSE),
        ("Connection: close arriving in a second write",
         [b"GET /200 HTTP/1.1\r\nHost: 127.0.0.1\r\n",
          b"Connection: close\r\n\r\n"], [200], CLOSE),
        ("a bad field line arriving in a second write",
         [b"GET /200 HTTP/1.1\r\n",
          b"X-A : 1\r\nHost: 127.0.0.1\r\n\r\n"], [400], CLOSE),
        ("a bare LF arriving in a second write",
         [b"GET /200 HTTP/1.1\r\nHost: 127.0.0.1", b"\nX-A: 1\r\n\r\n"],
         [400], CLOSE),
        ("an unknown method completed by a second write",
         [b"BR", b"EW /200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"], [501],
         CLOSE),
        ("a request line over 8000 bytes in two writes",
         [b"GET " + LONG_TARGET[:5000], LONG_TARGET[5000:] +
          b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"], [414], CLOSE),
        ("a byte after a body, then a request it runs into (XGET)",
         [post("Content-Length: 0") + b"X", b""], [200, 501], CLOSE)):
    case("split writes", what, pieces, statuses, after, SPLIT, alive=True)


# ------------------------------------------------------------------ runner

# One worker, and a head deadline far longer than any wait here (see
# EARLY_WAIT).
SERVER_ARGS = ("--workers", "1", "--header-timeout", str(HEADER_TIMEOUT_MS))


def main(argv):
    global BIN, SERVER
    if len(argv) != 2:
        print("usage: test_framing.py BINARY", file=sys.stderr)
        return 2
    BIN = os.path.abspath(argv[1])
    if not os.access(BIN, os.X_OK):
        print("%s: not an executable" % BIN, file=sys.stderr)
        return 2
    launch.BINARY = BIN
    launch.watchdog(100)
    passed = failed = 0

    def result(name, err):
        nonlocal passed, failed
        if err is None:
            passed += 1
            print("ok - %s" % name, flush=True)
        else:
            failed += 1
            print("not ok - %s: %s" % (name, " ".join(str(err).split())),
                  flush=True)

    try:
        try:
            SERVER = Server(*SERVER_ARGS)
        except Exception as e:  # noqa: BLE001
            result("the server starts", "%s: %s" % (type(e).__name__, e))
            print("%d passed, %d failed" % (passed, failed))
            return 1
        for name, fn in TESTS:
            if SERVER.proc.poll() is not None:
                print("# the server died (status %r); starting another"
                      % SERVER.proc.returncode, flush=True)
                SERVER = Server(*SERVER_ARGS)
            try:
                fn()
                result(name, None)
            except Fail as e:
                result(name, e)
            except Exception as e:  # noqa: BLE001
                result(name, "%s: %s" % (type(e).__name__, e))
        try:
            raw, end = talk(FOLLOW)
            seen = [r.status for r in parse_responses(raw, ["GET"])]
            result("the server still answers after all of this",
                   None if seen == [204] else "answered %s" % seen)
        except Exception as e:  # noqa: BLE001
            result("the server still answers after all of this",
                   "%s: %s" % (type(e).__name__, e))
        rc = SERVER.stop(5)
        result("SIGTERM: the server exits 0", None if rc == 0
               else "exit status %r" % rc)
    finally:
        for s in SERVERS:
            s.kill()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
