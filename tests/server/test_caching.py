#!/usr/bin/env python3
"""tests/server/test_caching.py: end-to-end tests of the caching, range
and stream endpoints of `httpstatus serve` (server/caching.c,
server/ranges.c, server/streams.c): /cache, /cache/{n}, /etag/{etag},
/range/{n}, /bytes/{n}, /stream-bytes/{n}, /stream/{n}, /drip and /sse.

    python3 tests/server/test_caching.py BINARY

One server on a free port of 127.0.0.1, real sockets: http.client for
whole responses, raw sockets where the framing itself is the point
(chunks, HTTP/1.0, a body that must not come). multipart/byteranges
bodies are split by their boundary and each part's fields read; /sse's
stream by a small reader of text/event-stream (the HTML standard's
Section 9.2.6). Time
limits are liveness limits (launch.LIVE), never speed tests. Python 3.11
standard library only.
"""
import email.utils
import http.client
import json
import re
import sys
import time

import launch
from launch import HOST, LIVE, Server, expect, report, test

SRV = None
ALPHABET = b"abcdefghijklmnopqrstuvwxyz"




def fetch(path, method="GET", headers=None):
    return launch.fetch(SRV.port, path, method, headers)


def raw(head):
    """Sends head (CRLFs added) and reads until the server closes."""
    return launch.exchange(SRV.port, head.replace("\n", "\r\n").encode("latin-1")
                           + b"\r\n\r\n")


def split_head(data):
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields.setdefault(name.strip().lower(), []).append(value.strip())
    return lines[0], fields, body


def dechunk(body):
    """The data of a chunked body, and the chunk sizes; raises Fail when
    the framing is broken."""
    out, sizes, i = b"", [], 0
    while True:
        j = body.find(b"\r\n", i)
        expect(j >= 0, "a chunk size line ends with CRLF")
        size = int(body[i:j].split(b";")[0], 16)
        i = j + 2
        if size == 0:
            expect(body[i:] == b"\r\n", "the body ends after the last chunk")
            return out, sizes
        sizes.append(size)
        out += body[i:i + size]
        expect(body[i + size:i + size + 2] == b"\r\n", "chunk data ends "
               "with CRLF")
        i += size + 2


def parts_of(resp):
    """The parts of a multipart/byteranges response: (fields, data)."""
    ctype = resp.get("Content-Type") or ""
    m = re.match(r"^multipart/byteranges; boundary=([!-~]+)$", ctype)
    expect(m, "Content-Type %r" % ctype)
    delim = b"--" + m.group(1).encode()
    body = resp.body
    expect(body.startswith(delim + b"\r\n"), "the body starts with the "
           "boundary: %r" % body[:60])
    expect(body.endswith(delim + b"--\r\n"), "the body ends with the "
           "closing boundary: %r" % body[-60:])
    parts = []
    for chunk in body[:-len(delim) - 4].split(delim + b"\r\n")[1:]:
        head, _, data = chunk.partition(b"\r\n\r\n")
        fields = {}
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        expect(data.endswith(b"\r\n"), "a part's data ends with CRLF")
        parts.append((fields, data[:-2]))
    return parts


def refused(path, *words):
    r = fetch(path)
    expect(r.status == 400, "%s: status %d" % (path, r.status))
    text = r.body.decode("utf-8", "replace")
    for w in words:
        expect(w in text, "%s: the 400 does not name %r: %r"
               % (path, w, text))


# --- /cache, /cache/{n}


@test("/cache: the echo with Last-Modified (an IMF-fixdate) and a quoted "
      "ETag; 304 with that ETag and no content for either conditional")
def _():
    r = fetch("/cache?a=1")
    expect(r.status == 200, "status %d" % r.status)
    doc = json.loads(r.body)
    expect(doc["args"] == {"a": ["1"]} and doc["method"] == "GET" and
           "headers" in doc and "url" in doc, "echo %r" % doc)
    lm = r.get("Last-Modified") or ""
    expect(re.match(r"^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} "
                    r"\d\d:\d\d:\d\d GMT$", lm), "Last-Modified %r" % lm)
    expect(email.utils.parsedate_to_datetime(lm), "Last-Modified parses")
    expect(re.match(r'^"[!#-~]+"$', r.get("ETag") or ""), "ETag %r"
           % r.get("ETag"))
    expect(not r.has("Cache-Control"), "Cache-Control %r"
           % r.get("Cache-Control"))
    for field in ("If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT",
                  'If-None-Match: "whatever"', "If-None-Match: *"):
        out = raw("GET /cache HTTP/1.1\nHost: x\nConnection: close\n"
                  + field)
        line, fields, body = split_head(out)
        expect(line == "HTTP/1.1 304 Not Modified", "%s: %s" % (field, line))
        expect("content-length" not in fields and body == b"",
               "%s: content after the 304: %r" % (field, body[:40]))
        expect(re.match(r'^"[!#-~]+"$', (fields.get("etag") or [""])[0]),
               "%s: ETag %r" % (field, fields.get("etag")))
        # No 304 to other methods (RFC 9110, Sections 13.1.3, 15.4.5).
        out = raw("POST /cache HTTP/1.1\nHost: x\nConnection: close\n"
                  "Content-Length: 0\n" + field)
        line = split_head(out)[0]
        expect(line == "HTTP/1.1 200 OK", "POST, %s: %s" % (field, line))


@test("/cache/{n}: Cache-Control public, max-age=n; big n capped at 2^31; "
      "bad n is a 400")
def _():
    for n, want in (("0", "0"), ("60", "60"),
                    ("99999999999999999999", "2147483648")):
        r = fetch("/cache/" + n)
        expect(r.status == 200 and r.get("Cache-Control") ==
               "public, max-age=" + want, "/cache/%s: %d %r"
               % (n, r.status, r.all("Cache-Control")))
        expect(json.loads(r.body)["url"].endswith("/cache/" + n), "echo url")
    for bad in ("-1", "1.5", "x", "+3"):
        refused("/cache/" + bad, "/cache/{n}")


# --- /etag/{etag}


@test("/etag/{etag}: ETag \"etag\", the echo as text/plain, GET and HEAD")
def _():
    r = fetch("/etag/abc")
    expect(r.status == 200 and r.get("ETag") == '"abc"', "%d %r"
           % (r.status, r.get("ETag")))
    expect(r.get("Content-Type") == "text/plain; charset=utf-8",
           "Content-Type %r" % r.get("Content-Type"))
    expect(json.loads(r.body)["method"] == "GET", "echo")
    h = fetch("/etag/abc", method="HEAD")
    expect(h.status == 200 and h.body == b"" and h.get("ETag") == '"abc"',
           "HEAD %d %r" % (h.status, h.body[:40]))


@test("/etag preconditions: If-None-Match weak, lists, * -> 304; If-Match "
      "strong -> 412; If-Match before If-None-Match (RFC 9110, 13.2.2)")
def _():
    cases = [
        ({"If-None-Match": '"abc"'}, 304),
        ({"If-None-Match": 'W/"abc"'}, 304),
        ({"If-None-Match": '"x", W/"y" , "abc"'}, 304),
        ({"If-None-Match": "*"}, 304),
        ({"If-None-Match": '"x"'}, 200),
        ({"If-None-Match": '"ABC"'}, 200),
        ({"If-Match": '"abc"'}, 200),
        ({"If-Match": '"x", "abc"'}, 200),
        ({"If-Match": "*"}, 200),
        ({"If-Match": 'W/"abc"'}, 412),
        ({"If-Match": '"x"'}, 412),
        ({"If-Match": '"x"', "If-None-Match": '"abc"'}, 412),
        ({"If-Match": '"abc"', "If-None-Match": '"abc"'}, 304),
        ({"If-None-Match": '"x"',
          "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}, 200),
        ({"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}, 304),
        ({"If-Unmodified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"}, 412),
    ]
    problems = []
    for headers, want in cases:
        r = fetch("/etag/abc", headers=headers)
        if r.status != want:
            problems.append("%r: %d, expected %d" % (headers, r.status, want))
        elif want == 304 and (r.body or r.get("ETag") != '"abc"'):
            problems.append("%r: 304 with %r, ETag %r"
                            % (headers, r.body[:20], r.get("ETag")))
        elif want == 412 and r.get("ETag") != '"abc"':
            problems.append("%r: 412 without the ETag" % headers)
    r = fetch("/etag/abc", method="POST", headers={"If-None-Match": '"abc"'})
    if r.status != 412:
        problems.append("POST If-None-Match matching: %d" % r.status)
    out = raw('GET /etag/abc HTTP/1.1\nHost: x\nConnection: close\n'
              'If-None-Match: "x"\nIf-None-Match: "abc"')
    if not out.startswith(b"HTTP/1.1 304 "):
        problems.append("If-None-Match over two lines: %r" % out[:20])
    report(problems)


@test("/etag honours Range and If-Range, as go-httpbin does")
def _():
    # The echo names the Range field, so the whole differs by request.
    r = fetch("/etag/abc", headers={"Range": "bytes=0-4"})
    expect(r.status == 206 and r.body == b'{\n  "', "206 %d %r"
           % (r.status, r.body))
    expect(re.match(r"^bytes 0-4/\d+$", r.get("Content-Range") or ""),
           "Content-Range %r" % r.get("Content-Range"))
    r = fetch("/etag/abc", headers={"Range": "bytes=0-4",
                                    "If-Range": '"abc"'})
    expect(r.status == 206, "If-Range matching: %d" % r.status)
    r = fetch("/etag/abc", headers={"Range": "bytes=0-4",
                                    "If-Range": '"other"'})
    expect(r.status == 200 and json.loads(r.body)["method"] == "GET",
           "If-Range stale: %d" % r.status)
    r = fetch("/etag/abc", headers={"Range": "bytes=0-1,3-4"})
    expect([d for _, d in parts_of(r)] == [b"{\n", b' "'],
           "two ranges: %r" % r.body[:200])


@test("/etag: a tag too long is a 400")
def _():
    refused("/etag/" + "e" * 257, "/etag/{etag}")
    expect(fetch("/etag/" + "e" * 256).status == 200, "256 characters")


# --- /range/{n}


@test("/range/{n}: the alphabet, Accept-Ranges: bytes, ETag \"range{n}\"")
def _():
    r = fetch("/range/60")
    expect(r.status == 200 and r.body == (ALPHABET * 3)[:60], "%d %r"
           % (r.status, r.body))
    expect(r.get("Accept-Ranges") == "bytes", "Accept-Ranges %r"
           % r.get("Accept-Ranges"))
    expect(r.get("ETag") == '"range60"', "ETag %r" % r.get("ETag"))
    for bad in ("0", "-1", "x", "1048577"):
        refused("/range/" + bad, "/range/{n}")
    expect(len(fetch("/range/1048576").body) == 1048576, "1 MiB")


@test("/range: one range -> 206 with Content-Range and the bytes")
def _():
    full = (ALPHABET * 4)[:100]
    problems = []
    for spec, first, last in (("bytes=0-4", 0, 4), ("bytes=95-", 95, 99),
                              ("bytes=-3", 97, 99), ("bytes=10-10", 10, 10),
                              ("bytes=90-1000", 90, 99),
                              ("bytes=0-1, 500-600", 0, 1)):
        r = fetch("/range/100", headers={"Range": spec})
        if (r.status != 206 or r.body != full[first:last + 1] or
                r.get("Content-Range") != "bytes %d-%d/100" % (first, last)
                or r.get("Content-Length") != str(last - first + 1)):
            problems.append("%s: %d %r %r" % (spec, r.status,
                                              r.get("Content-Range"),
                                              r.body[:20]))
    report(problems)


@test("/range: several ranges -> 206 multipart/byteranges, parts in order "
      "with Content-Type and Content-Range (RFC 9110, 14.6)")
def _():
    full = (ALPHABET * 4)[:100]
    r = fetch("/range/100", headers={"Range": "bytes=0-2, 50-52,-2"})
    expect(r.status == 206, "status %d" % r.status)
    expect(not r.has("Content-Range"), "a Content-Range outside the parts")
    expect(r.get("Content-Length") == str(len(r.body)), "Content-Length")
    parts = parts_of(r)
    expect(len(parts) == 3, "%d parts" % len(parts))
    for (fields, data), (first, last) in zip(parts, ((0, 2), (50, 52),
                                                      (98, 99))):
        expect(fields.get("content-range") == "bytes %d-%d/100"
               % (first, last), "part Content-Range %r"
               % fields.get("content-range"))
        expect(fields.get("content-type") == "text/plain; charset=utf-8",
               "part Content-Type %r" % fields.get("content-type"))
        expect(data == full[first:last + 1], "part data %r" % data)
    # Ranges that miss are left out; more than the whole is the whole.
    parts = parts_of(fetch("/range/100",
                           headers={"Range": "bytes=0-0,200-,5-5"}))
    expect([d for _, d in parts] == [b"a", b"f"], "parts %r" % parts)
    r = fetch("/range/30", headers={"Range": "bytes=0-29,0-29"})
    expect(r.status == 200 and len(r.body) == 30, "overlapping beyond the "
           "whole: %d" % r.status)


@test("/range: unsatisfiable -> 416 with Content-Range bytes */n; "
      "malformed, HEAD and POST ignore Range")
def _():
    for spec in ("bytes=100-", "bytes=-0", "bytes=200-300, 100-"):
        r = fetch("/range/100", headers={"Range": spec})
        expect(r.status == 416 and r.get("Content-Range") == "bytes */100",
               "%s: %d %r" % (spec, r.status, r.get("Content-Range")))
    for spec in ("bytes=5-2", "items=0-4", "bytes=x", "bytes=0-1;2-3",
                 "bytes=" + ",".join("%d-%d" % (i, i) for i in range(17))):
        r = fetch("/range/100", headers={"Range": spec})
        expect(r.status == 200 and len(r.body) == 100 and
               not r.has("Content-Range"), "%s: %d" % (spec, r.status))
    h = fetch("/range/100", method="HEAD", headers={"Range": "bytes=0-4"})
    expect(h.status == 200 and h.get("Content-Length") == "100",
           "HEAD: %d %r" % (h.status, h.get("Content-Length")))
    p = fetch("/range/100", method="POST", headers={"Range": "bytes=0-4"})
    expect(p.status == 200 and len(p.body) == 100, "POST: %d" % p.status)


@test("/range: If-Range and If-None-Match against \"range{n}\"")
def _():
    r = fetch("/range/100", headers={"Range": "bytes=0-4",
                                     "If-Range": '"range100"'})
    expect(r.status == 206, "matching If-Range: %d" % r.status)
    r = fetch("/range/100", headers={"Range": "bytes=0-4",
                                     "If-Range": '"range99"'})
    expect(r.status == 200 and len(r.body) == 100, "stale If-Range: %d"
           % r.status)
    r = fetch("/range/100", headers={"If-None-Match": '"range100"'})
    expect(r.status == 304 and r.body == b"", "If-None-Match: %d"
           % r.status)


# --- /bytes, /stream-bytes


@test("/bytes/{n}: n octets, reproducible with ?seed, bounded at 102400")
def _():
    r = fetch("/bytes/1000")
    expect(r.status == 200 and len(r.body) == 1000, "%d %d"
           % (r.status, len(r.body)))
    expect(r.get("Content-Type") == "application/octet-stream",
           "Content-Type %r" % r.get("Content-Type"))
    expect(r.get("Cache-Control") == "no-store", "Cache-Control %r"
           % r.get("Cache-Control"))
    a = fetch("/bytes/500?seed=42").body
    b = fetch("/bytes/500?seed=42").body
    c = fetch("/bytes/500?seed=-42").body
    expect(a == b and a != c and len(a) == 500, "seeded bytes differ")
    expect(fetch("/bytes/100").body != fetch("/bytes/100").body,
           "unseeded bytes repeat")
    expect(len(fetch("/bytes/200000").body) == 102400, "not capped")
    z = fetch("/bytes/0")
    expect(z.status == 200 and z.body == b"" and
           z.get("Content-Length") == "0", "/bytes/0: %d" % z.status)
    for bad in ("/bytes/-1", "/bytes/x", "/bytes/1.5"):
        refused(bad, "number of bytes")
    for bad in ("x", "1.5", "99999999999999999999", ""):
        refused("/bytes/10?seed=" + bad, "seed")


@test("/stream-bytes/{n}: chunked in ?chunk_size pieces, the same bytes "
      "as /bytes for a seed; HTTP/1.0 gets them unchunked")
def _():
    out = raw("GET /stream-bytes/1000?seed=7&chunk_size=300 HTTP/1.1\n"
              "Host: x\nConnection: close")
    line, fields, body = split_head(out)
    expect(line == "HTTP/1.1 200 OK", line)
    expect(fields.get("transfer-encoding") == ["chunked"] and
           "content-length" not in fields, "framing %r" % fields)
    data, sizes = dechunk(body)
    expect(sizes == [300, 300, 300, 100], "chunks %r" % sizes)
    expect(data == fetch("/bytes/1000?seed=7").body, "not /bytes' bytes")
    out = raw("GET /stream-bytes/1000?seed=7 HTTP/1.0")
    line, fields, body = split_head(out)
    expect("transfer-encoding" not in fields and body == data,
           "HTTP/1.0: %r, %d bytes" % (fields, len(body)))
    for bad in ("0", "x", "102401"):
        refused("/stream-bytes/10?chunk_size=" + bad, "chunk_size")


# --- /stream/{n}


@test("/stream/{n}: n JSON lines, each the echo with id 0..n-1, chunked; "
      "n taken to 1..100")
def _():
    out = raw("GET /stream/5?x=y HTTP/1.1\nHost: x\nConnection: close")
    line, fields, body = split_head(out)
    expect(fields.get("transfer-encoding") == ["chunked"], "framing %r"
           % fields)
    data, sizes = dechunk(body)
    lines = data.decode().split("\n")
    expect(lines[-1] == "" and len(lines) == 6, "%d lines" % len(lines))
    expect(fields.get("content-type") == ["text/plain; charset=utf-8"],
           "Content-Type %r" % fields.get("content-type"))
    for i, text in enumerate(lines[:-1]):
        expect(re.match(r'^\{"id": ?%d,' % i, text), "id first: %r" % text)
        doc = json.loads(text)
        expect(doc["id"] == i and doc["args"] == {"x": ["y"]} and
               "headers" in doc and "origin" in doc and "url" in doc and
               "method" not in doc, "line %d: %r" % (i, doc))
    for n, want in (("200", 100), ("0", 1), ("-3", 1)):
        r = fetch("/stream/" + n)
        got = r.body.decode().count("\n")
        expect(r.status == 200 and got == want, "/stream/%s: %d lines"
               % (n, got))
    refused("/stream/x", "/stream/{n}")


@test("/stream/{n} to HTTP/1.0: no chunks, the close ends it; HEAD: none")
def _():
    out = raw("GET /stream/3 HTTP/1.0")
    line, fields, body = split_head(out)
    expect(line.startswith("HTTP/1.1 200"), line)
    expect("transfer-encoding" not in fields and
           "content-length" not in fields, "framing %r" % fields)
    expect(fields.get("connection") == ["close"], "Connection %r"
           % fields.get("connection"))
    docs = [json.loads(x) for x in body.decode().splitlines()]
    expect([d["id"] for d in docs] == [0, 1, 2], "ids %r" % docs)
    out = raw("HEAD /stream/3 HTTP/1.1\nHost: x\nConnection: close")
    line, fields, body = split_head(out)
    expect(line.startswith("HTTP/1.1 200") and body == b"", "HEAD %r"
           % out[-40:])


# --- /drip


@test("/drip: numbytes '*' with a Content-Length and ?code; a 1 s drip "
      "takes at least 0.9 s and ends within the liveness limit")
def _():
    t0 = time.monotonic()
    r = fetch("/drip?numbytes=5&duration=1&delay=0&code=201")
    took = time.monotonic() - t0
    expect(r.status == 201 and r.body == b"*****", "%d %r"
           % (r.status, r.body))
    expect(r.get("Content-Length") == "5" and
           r.get("Content-Type") == "application/octet-stream",
           "fields %r" % r.headers)
    expect(took >= 0.9, "a 1 s drip took %.2f s" % took)
    expect(took < 1 + LIVE, "a 1 s drip took %.2f s" % took)
    t0 = time.monotonic()
    r = fetch("/drip?numbytes=3&duration=0&delay=0.5")
    took = time.monotonic() - t0
    expect(r.status == 200 and r.body == b"***" and took >= 0.45,
           "delay 0.5: %d %r %.2f s" % (r.status, r.body, took))
    r = fetch("/drip?numbytes=20000&duration=300ms&delay=0ms")
    expect(r.status == 200 and r.body == b"*" * 20000, "20000 bytes: %d %d"
           % (r.status, len(r.body)))


@test("/drip to HTTP/1.0 and HEAD: a Content-Length, no chunks")
def _():
    out = raw("GET /drip?numbytes=4&duration=0.2&delay=0 HTTP/1.0")
    line, fields, body = split_head(out)
    expect(fields.get("content-length") == ["4"] and body == b"****" and
           "transfer-encoding" not in fields, "%r %r" % (fields, body))
    h = fetch("/drip?numbytes=4&duration=0&delay=0", method="HEAD")
    expect(h.status == 200 and h.get("Content-Length") == "4" and
           h.body == b"", "HEAD %d %r" % (h.status, h.headers))


@test("/drip: bad parameters are a 400 that names them; too much time too")
def _():
    refused("/drip?numbytes=0", "numbytes")
    refused("/drip?numbytes=x", "numbytes")
    refused("/drip?numbytes=1048577", "numbytes")
    refused("/drip?duration=x", "duration")
    refused("/drip?duration=-1", "duration")
    refused("/drip?delay=1h", "delay")
    refused("/drip?code=99", "code")
    refused("/drip?code=100", "code")
    refused("/drip?code=600", "code")
    refused("/drip?duration=20&delay=20", "duration and delay",
            "--max-sleep")
    refused("/drip?duration=31", "duration", "--max-sleep")


# --- /sse

SSE_TYPE = "text/event-stream; charset=utf-8"
SSE_EVENT = re.compile(rb'event: ping\ndata: \{"id":(\d+),"timestamp":(\d+)\}'
                       rb'\n\n')


def sse_events(data):
    """The events of a text/event-stream body, as the HTML standard's
    reader dispatches them: a list of (type, data, id) at each empty line;
    an unfinished event at the end is dropped."""
    events, kind, lines, last_id = [], "", [], ""
    text = data.decode("utf-8")
    for line in re.split(r"\r\n|\r|\n", text)[:-1]:
        if line == "":
            if lines:
                events.append((kind or "message", "\n".join(lines), last_id))
            kind, lines = "", []
            continue
        if line.startswith(":"):
            continue
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "event":
            kind = value
        elif name == "data":
            lines.append(value)
        elif name == "id" and "\0" not in value:
            last_id = value
    return events


def check_events(body, count, t0, t1):
    """body is count ping events, ids 0..count-1 in order, timestamps in
    milliseconds of the wall clock between t0 and t1 (time.time()), not
    decreasing; each event exactly go-httpbin's three lines."""
    expect(SSE_EVENT.sub(b"", body) == b"", "other bytes than events: %r"
           % SSE_EVENT.sub(b"", body)[:80])
    events = sse_events(body)
    expect(len(events) == count, "%d events, not %d" % (len(events), count))
    stamps = []
    for i, (kind, data, _) in enumerate(events):
        doc = json.loads(data)
        expect(kind == "ping" and sorted(doc) == ["id", "timestamp"] and
               doc["id"] == i, "event %d: %r %r" % (i, kind, data))
        stamps.append(doc["timestamp"])
    expect(stamps == sorted(stamps), "timestamps go back: %r" % stamps)
    expect(int(t0 * 1000) - 1000 <= stamps[0] and
           stamps[-1] <= int(t1 * 1000) + 1000,
           "timestamps %r outside the request's time (%d..%d)"
           % (stamps, t0 * 1000, t1 * 1000))
    return stamps


@test("/sse: count ping events, ids 0..count-1, each go-httpbin's three "
      "lines with the wall clock in ms, spread over duration; chunked, "
      "no-store")
def _():
    t0, m0 = time.time(), time.monotonic()
    out = raw("GET /sse?count=4&duration=300ms HTTP/1.1\nHost: x\n"
              "Connection: close")
    took = time.monotonic() - m0
    line, fields, body = split_head(out)
    expect(line == "HTTP/1.1 200 OK", line)
    expect(fields.get("content-type") == [SSE_TYPE], "Content-Type %r"
           % fields.get("content-type"))
    expect(fields.get("cache-control") == ["no-store"], "Cache-Control %r"
           % fields.get("cache-control"))
    expect(fields.get("transfer-encoding") == ["chunked"] and
           "content-length" not in fields, "framing %r" % fields)
    data, sizes = dechunk(body)
    expect(len(sizes) == 4, "one chunk an event: %r" % sizes)
    stamps = check_events(data, 4, t0, time.time())
    # The server waits at least 100 ms between events: a lower bound
    # that cannot fail on a slow machine; the upper one is liveness.
    expect(stamps[-1] - stamps[0] >= 250 and took >= 0.25,
           "4 events over 300 ms came in %.3f s: %r" % (took, stamps))
    expect(took < 0.3 + LIVE, "took %.2f s" % took)


@test("/sse: 10 events by default; count=1 sends one at once; ?delay "
      "comes before the head")
def _():
    t0 = time.time()
    r = fetch("/sse?duration=90ms")
    expect(r.status == 200 and r.get("Content-Type") == SSE_TYPE,
           "%d %r" % (r.status, r.headers))
    check_events(r.body, 10, t0, time.time())
    t0, m0 = time.time(), time.monotonic()
    r = fetch("/sse?count=1&duration=20s")
    took = time.monotonic() - m0
    check_events(r.body, 1, t0, time.time())
    expect(took < LIVE, "count=1 took %.2f s" % took)
    m0 = time.monotonic()
    c = launch.Connection(HOST, SRV.port, timeout=LIVE)
    try:
        c.request("GET", "/sse?count=2&duration=1ms&delay=0.3")
        r = c.getresponse()
        head_took = time.monotonic() - m0
        check_events(r.read(), 2, t0, time.time())
    finally:
        c.close()
    expect(head_took >= 0.25, "the head came after %.3f s of a 0.3 s delay"
           % head_took)
    big = fetch("/sse?count=18724&duration=1ms")
    check_events(big.body, 18724, t0, time.time())


@test("/sse to HTTP/1.0: no chunks, the close ends it; HEAD: no content")
def _():
    t0 = time.time()
    out = raw("GET /sse?count=3&duration=20ms HTTP/1.0")
    line, fields, body = split_head(out)
    expect(line.startswith("HTTP/1.1 200"), line)
    expect("transfer-encoding" not in fields and
           "content-length" not in fields, "framing %r" % fields)
    expect(fields.get("connection") == ["close"], "Connection %r"
           % fields.get("connection"))
    check_events(body, 3, t0, time.time())
    out = raw("HEAD /sse?count=3&duration=20ms HTTP/1.1\nHost: x\n"
              "Connection: close")
    line, fields, body = split_head(out)
    expect(line.startswith("HTTP/1.1 200") and body == b"" and
           fields.get("content-type") == [SSE_TYPE], "HEAD %r" % out[-60:])


@test("/sse: bad parameters are a 400 that names them; too much time too")
def _():
    for bad in ("0", "x", "-1", "1.5", "18725", ""):
        refused("/sse?count=" + bad, "count")
    for bad in ("0", "0ms", "0.0001", "x", "-1", "1h", "31", ""):
        refused("/sse?duration=" + bad, "duration")
    for bad in ("x", "-1", "1m", "31"):
        refused("/sse?delay=" + bad, "delay")
    refused("/sse?duration=20&delay=20", "duration and delay", "--max-sleep")
    refused("/sse?duration=30&delay=1ms", "duration and delay")
    r = fetch("/sse?count=1&duration=30&delay=0")
    expect(r.status == 200, "30 s, the --max-sleep, is taken: %d" % r.status)


def start():
    global SRV
    SRV = Server("--workers", "2")
    return SRV


if __name__ == "__main__":
    sys.exit(launch.run_suite(sys.argv, start, 120))
