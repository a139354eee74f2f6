#!/usr/bin/env python3
"""tests/server/conformance.py: runs the cases of two public HTTP/1.1
server test suites against `httpstatus serve` and compares its answers
with what each suite expects.

    python3 tests/server/conformance.py BINARY DIR

DIR holds server-cases-h1spec.tsv and server-cases-http11probe.tsv. They
are read when the script runs and never copied into the project; a
missing DIR (or file) is reported and skipped, so that the project builds
and tests without them.

Each case is sent on a fresh connection to a server on 127.0.0.1 (port
0). The outcome observed is the status codes of the responses received,
and whether the server then closed the connection, reset it, or left it
open with nothing more to say (a "timeout"). The outcome is compared with
the case's expectation:

  agree        the outcome is one the suite accepts ("agree (warn)" when
               the suite accepts it with a warning);
  known        it differs, and KNOWN_DIFFERENCES below says why that is
               right;
  DIFFER       it differs, and nothing says why;
  not judged   the expectation or the request cannot be had from the
               file (an application endpoint this server has not, a
               request the file does not give), so only the outcome is
               printed.

One line per case, then the counts, then "N passed, N failed" as the last
line: passed is agree + known, failed is DIFFER. Exit status 1 when a case
differs and is not in KNOWN_DIFFERENCES.

Some cases cannot be sent as the file has them: requests it describes as
"built in code", requests cut short where the original held a control
byte, and placeholders ({cl}, {longPath}, ...). For those, WRITTEN and
FILLS below hold requests written here from each case's description, and
FOLLOW_UPS the second requests of the cases that have two steps. The
expected forms are read by a small interpreter (interpret() and
describe()).

Python 3.11 standard library only. Every socket operation has a timeout,
and a watchdog ends the run (and the server) after 300 s; all three, and
WAIT and QUIET, are scaled by launch.SLOW (see launch.py).
"""
import concurrent.futures
import csv
import json
import os
import random
import re
import socket
import sys
import threading
import time

import launch
from launch import HOST

# Liveness limits (launch.py), scaled by launch.SLOW: a slow answer or
# close on a busy machine must not be judged a "timeout" or "open".
IO_TIMEOUT = launch.LIVE     # the bound of every socket operation
WAIT = launch.limit(3.0)     # how long a request may go unanswered: then
                             # "timeout"
QUIET = launch.limit(1.0)    # after a response, how long to wait for more
                             # or a close
PARALLEL = 6      # cases run at once (most of the time is waiting)

# Differences kept on purpose: case id -> why the server is right, in one
# sentence (with the RFC section that says so).
KNOWN_DIFFERENCES = {
    "COMP-HOST-EMPTY-VALUE":
        "An empty Host is valid syntax (uri-host may be an empty reg-name), "
        "and RFC 9112 3.3 lets a server either reject the request or use "
        "its own default authority, which this server does.",
    "COMP-405-ALLOW":
        "RFC 9110 9.1 asks for 405 only for a method the resource does not "
        "allow; this server answers DELETE on every target (its Allow "
        "field lists DELETE), so 200 for DELETE / is consistent.",
    "MAL-LONG-METHOD":
        "RFC 9112 3 says a method longer than any the server implements "
        "SHOULD get 501, which the server sends (and then closes) as soon "
        "as the method passes the longest it knows.",
    "MAL-POST-CL-HUGE-NO-BODY":
        "RFC 9110 15.5.14 makes 413 the answer to content larger than the "
        "server will take; the server decides from Content-Length against "
        "--max-body before reading or allocating anything, then closes.",
    "MAL-H2-PREFACE":
        "The plain port also speaks cleartext HTTP/2 to a client that "
        "knows it does (RFC 9113 3.3, prior knowledge), so the preface gets "
        "the server's SETTINGS frame, not an HTTP/1.1 refusal.",
}


# ------------------------------------------------------------- the files

def unescape(text):
    """The escapes the files use (\\r, \\n, \\t, \\xHH, \\0, \\\\) as
    bytes; other characters as UTF-8."""
    out = bytearray()
    i = 0
    simple = {"r": 13, "n": 10, "t": 9, "0": 0, "\\": 92, '"': 34,
              "'": 39, "a": 7, "b": 8, "f": 12, "v": 11}
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "x" and re.match(r"[0-9a-fA-F]{2}", text[i + 2:i + 4]):
                out.append(int(text[i + 2:i + 4], 16))
                i += 4
                continue
            if n in simple:
                out.append(simple[n])
                i += 2
                continue
        out += c.encode("utf-8")
        i += 1
    return bytes(out)


class Case:
    def __init__(self, cid, suite, level, expected, description):
        self.id = cid
        self.suite = suite
        self.level = level or "Must"
        self.expected = expected      # the text shown
        self.description = description
        self.payload = None           # bytes to send, {h} for the host
        self.unsendable = None        # why there is no payload
        self.written = False          # the payload was written here
        self.spec = None              # what interpret() made of expected


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t",
                                   quoting=csv.QUOTE_NONE))


def load_h1spec(path):
    cases = []
    for row in read_tsv(path):
        c = Case("h1spec: " + row["description"], "h1spec", "-", "",
                 row["description"])
        c.payload = unescape(row["request"])
        ranges = json.loads(row["expected_status_ranges"])
        timeout = row["expect_timeout"].strip() == "yes"
        spec = Spec()
        if timeout:
            spec.alts.append(Alt("timeout"))
        for lo, hi in ranges:
            if lo >= 0:
                spec.alts.append(Alt("status", lo, hi))
        spec.first_status = True
        c.spec = spec
        c.expected = ("timeout" if timeout else "") + " ".join(
            "%d-%d" % (lo, hi) if lo != hi else str(lo)
            for lo, hi in ranges if lo >= 0)
        cases.append(c)
    return cases


def load_probe(path):
    cases = []
    for row in read_tsv(path):
        c = Case(row["id"], row["suite"], row["rfc_level"], row["expected"],
                 row["description"])
        c.spec = interpret(row["expected"])
        template = row["payload_template"]
        written = WRITTEN.get(c.id)
        if written is not None:
            written = fill(c.id, written)
        if template.startswith("(built in code"):
            template = None
        payload = None if template is None else unescape(template)
        payload = fill(c.id, payload) if payload is not None else None
        if written is not None and (
                payload is None or (written.startswith(payload) and
                                    written != payload)):
            # Described, or cut short where the original had a byte the
            # file could not hold: the request written here instead.
            payload = written
            c.written = True
        left = None if payload is None else [
            p for p in re.findall(rb"\{[A-Za-z_.-]+\}", payload)
            if p not in RUN_TIME]
        if payload is None:
            c.unsendable = "the file gives no request"
        elif left:
            c.unsendable = "a placeholder with no value here: %s" % (
                left[0].decode())
        c.payload = payload
        if c.id in REPEAT:
            c.payload = payload * REPEAT[c.id] if payload else payload
        cases.append(c)
    return cases


# ------------------------------------- requests written here, and fills
#
# Each from the case's description, in our own bytes. {h} stands for the
# server's host and port.

def rq(line, *fields, body=b""):
    def b(x):
        return x if isinstance(x, bytes) else x.encode("latin-1")
    return b"\r\n".join([b(line), b"Host: {h}"] + [b(f) for f in fields]) \
        + b"\r\n\r\n" + b(body)


def chunked_post(body, *fields):
    return rq("POST / HTTP/1.1", "Transfer-Encoding: chunked", *fields,
              body=body)


HELLO = b"5\r\nhello\r\n0\r\n\r\n"
SMUGGLED = b"GET /418 HTTP/1.1\r\nHost: {h}\r\n\r\n"  # answered 418 here
SMUGGLED_HEAD = b"HEAD /418 HTTP/1.1\r\nHost: {h}\r\n\r\n"

WRITTEN = {
    # bare LF where a CRLF ends chunk data, the trailer section, a chunk
    # extension; NUL and bare CR in an extension; a size line ending in a
    # bare CR
    "SMUG-CHUNK-LF-TERM": chunked_post(b"5\r\nhello\n0\r\n\r\n"),
    "SMUG-CHUNK-LF-TRAILER": chunked_post(b"5\r\nhello\r\n0\r\n\n"),
    "SMUG-CHUNK-EXT-LF": chunked_post(b"5;ext\nhello\r\n0\r\n\r\n"),
    "SMUG-CHUNK-EXT-CTRL": chunked_post(b"5;\x00ext\r\nhello\r\n0\r\n\r\n"),
    "SMUG-CHUNK-EXT-CR": chunked_post(b"5;a\rb\r\nhello\r\n0\r\n\r\n"),
    "SMUG-CHUNK-BARE-CR-TERM": chunked_post(b"5\rhello\r\n0\r\n\r\n"),
    # control bytes around "chunked"
    "SMUG-TE-VTAB": rq("POST / HTTP/1.1", "Transfer-Encoding: \x0bchunked",
                       body=HELLO),
    "SMUG-TE-FORMFEED": rq("POST / HTTP/1.1",
                           "Transfer-Encoding: \x0cchunked", body=HELLO),
    "SMUG-TE-NULL": rq("POST / HTTP/1.1", "Transfer-Encoding: chunked\x00",
                       body=HELLO),
    # CL and TE together, then a second request
    "SMUG-CLTE-PIPELINE": rq("POST / HTTP/1.1", "Content-Length: 5",
                             "Transfer-Encoding: chunked",
                             body=b"0\r\n\r\n") + rq("GET / HTTP/1.1"),
    "SMUG-TECL-PIPELINE": rq("POST / HTTP/1.1", "Transfer-Encoding: chunked",
                             "Content-Length: 5",
                             body=b"0\r\n\r\n") + rq("GET / HTTP/1.1"),
    # control bytes in field values, names and the target
    "SMUG-BARE-CR-HEADER-VALUE": rq("GET / HTTP/1.1", "X-Test: a\rb"),
    "MAL-NUL-IN-HEADER-VALUE": rq("GET / HTTP/1.1", "X-Test: a\x00b"),
    "MAL-CONTROL-CHARS-HEADER": rq("GET / HTTP/1.1", "X-Test: a\x01\x02b"),
    "MAL-NON-ASCII-HEADER-NAME": rq("GET / HTTP/1.1",
                                    b"X-T\xc3\xabst: value"),
    "MAL-NON-ASCII-URL": rq("GET /caf\xc3\xa9 HTTP/1.1"),
    "MAL-URL-OVERLONG-UTF8": rq("GET /\xc0\xaf HTTP/1.1"),
    "COOK-NUL": rq("GET /echo HTTP/1.1", "Cookie: a=b\x00c"),
    "COOK-CONTROL-CHARS": rq("GET /echo HTTP/1.1", "Cookie: a=\x01\x02\x03"),
    # no request at all; bytes that are not HTTP; very many fields
    "MAL-EMPTY-REQUEST": b"",
    "MAL-BINARY-GARBAGE": random.Random(9112).randbytes(512),
    "MAL-MANY-HEADERS": rq("GET / HTTP/1.1",
                           *["X-H%d: v" % i for i in range(10000)]),
}

LONG = {
    # a request line of exactly 8000 octets: "GET " path " HTTP/1.1"
    b"{path}": b"/" + b"a" * (8000 - len("GET  HTTP/1.1") - 1),
    b"{longPath}": b"/" + b"a" * 100000,
    b"{longValue}": b"v" * 100000,
    b"{longName}": b"N" * 100000,
    b"{longMethod}": b"M" * 100000,
    b"{longExt}": b"x" * 65536,
    b"{bigValue}": b"c" * 65536,
    b"{pairs}": "; ".join("k%d=v%d" % (i, i)
                          for i in range(1000)).encode(),
    b"{ranges}": ",".join("%d-%d" % (i, i + 100)
                          for i in range(1000)).encode(),
}

FILLS = {
    # id -> {placeholder: value}; {cl} is worked out from the body
    "SMUG-CL-TE-BOTH": {b"{chunkedBody}": HELLO},
    "SMUG-CL-LEADING-ZEROS-OCTAL": {b"{body}": b"A" * 200},
    "SMUG-TECL-SMUGGLED-GET": {
        # the chunk holds the smuggled request; a reader by
        # Content-Length stops after the size line ({cl} is its length)
        b"{body}": b"{smuggled-size}\r\n" + SMUGGLED + b"\r\n0\r\n\r\n"},
    "SMUG-DUPLICATE-CL-SMUGGLED-GET": {b"{body}": b"AAAA" + SMUGGLED},
    "SMUG-GET-CL-PREFIX-DESYNC": {b"{prefix}": b"GET /418 HTTP/1.1\r\n"
                                  b"X-Pad: "},
    "SMUG-CLTE-SMUGGLED-HEAD": {b"{body}": b"0\r\n\r\n" + SMUGGLED_HEAD},
}
for _id in ("SMUG-CLTE-SMUGGLED-GET", "SMUG-CLTE-SMUGGLED-GET-CL-PLUS",
            "SMUG-CLTE-SMUGGLED-GET-CL-NON-NUMERIC",
            "SMUG-CLTE-SMUGGLED-GET-TE-OBS-FOLD",
            "SMUG-CLTE-SMUGGLED-GET-TE-TRAILING-SPACE",
            "SMUG-CLTE-SMUGGLED-GET-TE-LEADING-COMMA",
            "SMUG-CLTE-SMUGGLED-GET-TE-CASE-MISMATCH",
            "SMUG-TE-DUPLICATE-HEADERS-SMUGGLED-GET"):
    FILLS[_id] = {b"{body}": b"0\r\n\r\n" + SMUGGLED}

# Worked out when the host is known: {h} the host and port, {cl} the
# length of the body (or, for the ids in CL_FIRST_LINE, of the body's first
# line and its CRLF), {smuggled-size} the length of SMUGGLED in hex.
RUN_TIME = (b"{h}", b"{cl}", b"{smuggled-size}")
CL_FIRST_LINE = {"SMUG-TECL-SMUGGLED-GET"}

# Endpoints this server has not: the request goes to /200 (which answers
# 200 to every method) and the expectation is judged on the status alone;
# an expectation about what an echo would show is not judged.
ENDPOINTS = {b"/echo": b"/200", b"/cookie": b"/200"}

# Cases sent twice in one write ("2xx + 2xx": two clean requests).
REPEAT = {"SMUG-PIPELINE-SAFE": 2}


def fill(cid, payload):
    """The placeholders of a template, and the endpoint swap."""
    values = dict(LONG)
    values.update(FILLS.get(cid, {}))
    for key, value in values.items():
        payload = payload.replace(key, value)
    for old, new in ENDPOINTS.items():
        payload = re.sub(rb"^(\S+ )" + re.escape(old) + rb"( )",
                         rb"\1" + new + rb"\2", payload)
    return payload.replace(b"{ctx.HostHeader}", b"{h}")


# --------------------------------------------------------- second steps
#
# Cases with two steps: after the first exchange, a second request on the
# same connection, written here from the description. "conditional": the
# second answer is the one judged (a GET of / made conditional on what the
# first answer said). "poison": the first answer is judged, and the second
# request, GET /204, shows whether bytes of the first stayed behind and
# spoiled it.

FOLLOW = b"GET /204 HTTP/1.1\r\nHost: {h}\r\n\r\n"
OLD_DATE = "Thu, 01 Jan 1970 00:00:00 GMT"
FUTURE_DATE = "Fri, 01 Jan 9999 00:00:00 GMT"


def conditional(*fields):
    """A GET of / with these fields; {etag} and {lm} are taken from the
    first response (None when it has no such validator)."""
    def build(first):
        etag = first.get("etag")
        lm = first.get("last-modified")
        out = []
        for f in fields:
            if "{etag}" in f or "{bare}" in f:
                if not etag:
                    return None, "the first response has no ETag"
                f = f.replace("{etag}", etag).replace(
                    "{bare}", etag.removeprefix("W/").strip('"'))
            if "{lm}" in f:
                if not lm:
                    return None, "the first response has no Last-Modified"
                f = f.replace("{lm}", lm)
            out.append(f)
        return rq("GET / HTTP/1.1", *out), None
    return build


FOLLOW_UPS = {
    "CAP-ETAG-304": ("conditional", conditional("If-None-Match: {etag}")),
    "CAP-ETAG-IN-304": ("conditional", conditional("If-None-Match: {etag}")),
    "CAP-LAST-MODIFIED-304": ("conditional",
                              conditional("If-Modified-Since: {lm}")),
    "CAP-INM-PRECEDENCE": ("conditional", conditional(
        "If-None-Match: {etag}", "If-Modified-Since: " + OLD_DATE)),
    "CAP-INM-WILDCARD": ("conditional", conditional("If-None-Match: *")),
    "CAP-IMS-FUTURE": ("conditional", conditional(
        "If-Modified-Since: " + FUTURE_DATE)),
    "CAP-IMS-INVALID": ("conditional", conditional(
        "If-Modified-Since: not a date")),
    "CAP-INM-UNQUOTED": ("conditional", conditional("If-None-Match: {bare}")),
    "CAP-ETAG-WEAK": ("conditional", conditional("If-None-Match: W/{etag}")),
}
for _id in ("SMUG-GET-CL-PREFIX-DESYNC", "SMUG-CL0-BODY-POISON",
            "SMUG-GET-CL-BODY-DESYNC", "SMUG-OPTIONS-CL-BODY-DESYNC",
            "SMUG-EXPECT-100-CL-DESYNC"):
    FOLLOW_UPS[_id] = ("poison", None)


# ------------------------------------------------------ the interpreter

class Alt:
    """One outcome a case accepts.

    kind: "status" (a final response in lo..hi), "not" (a final response
    other than lo), "close" (closed with no final response), "timeout"
    (no final response, the connection still open), "unjudged" (an
    outcome this server cannot show). grade: pass, warn or fail. close:
    the response must be followed by a close. checks: (label, function
    of the response and the case) that must hold. twice: two final
    responses, both in range."""

    def __init__(self, kind, lo=None, hi=None, grade="pass", why=""):
        self.kind = kind
        self.lo = lo
        self.hi = hi if hi is not None else lo
        self.grade = grade
        self.close = False
        self.checks = []
        self.twice = False
        self.follow_graded = False
        self.why = why


class Spec:
    def __init__(self):
        self.alts = []
        self.single = False        # no second response may come
        self.notes = []            # parts about a second step
        self.unknown = []          # words not understood
        self.first_status = False  # judge the first status (1xx too)


IMF = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|"
                 r"May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d "
                 r"GMT$")


def status_range(token):
    """"404" -> (404, 404); "2xx" -> (200, 299); else None."""
    if re.fullmatch(r"\d{3}", token):
        return int(token), int(token)
    if re.fullmatch(r"[1-5]xx", token):
        d = int(token[0])
        return d * 100, d * 100 + 99
    return None


def header_check(name):
    return ("with " + name, lambda r, c: r.get(name) is not None)


def qualifier(text):
    """What follows a status: "+ close", "with Allow header", "without
    CL", ... -> ("close" | "twice" | a check | None when unknown)."""
    t = text.strip().lower()
    if t in ("+ close", "+close"):
        return "close"
    if t in ("+ 2xx", "+2xx"):
        return "twice"
    m = re.fullmatch(r"(?:\+|with)\s*([a-z-]+)(?: header)?", t)
    if m and m.group(1) in ("allow", "date", "content-type", "etag"):
        return header_check(m.group(1))
    if t == "with no body":
        return ("no content", lambda r, c: r.body == b"")
    if t == "without cl":
        return ("no Content-Length",
                lambda r, c: r.get("content-length") is None)
    if t == "without nul":
        return ("no NUL in the content", lambda r, c: b"\x00" not in r.body)
    if t == "without control chars":
        return ("no control bytes in the content",
                lambda r, c: not re.search(rb"[\x01-\x08\x0b\x0c\x0e-\x1f]",
                                           r.body))
    if t == "without auth":
        def no_secret(r, c):
            m2 = re.search(rb"\r\nAuthorization: ([^\r\n]*)", c.payload)
            return m2 is None or m2.group(1) not in r.body
        return ("the Authorization value not echoed", no_secret)
    return None


def item(text, grade, spec):
    """One alternative: "400", "2xx + close", "close", "!101", ..."""
    t = text.strip()
    low = t.lower()
    if not low:
        return []
    if low == "close":
        return [Alt("close", grade=grade)]
    if low == "timeout":
        return [Alt("timeout", grade=grade)]
    if low in ("reject", "drop"):
        return [Alt("status", 400, 499, grade), Alt("close", grade=grade)]
    if low in ("pass-through", "preserve"):
        return [Alt("status", 200, 299, grade)]
    if low.startswith("normalize"):
        # A server that rewrote the field would show it only in an echo:
        # not observable here (an echo-less 2xx counts as "preserve").
        return []
    if low in ("!101", "non-101"):
        return [Alt("not", 101, grade=grade)]
    m = re.fullmatch(r"not (\d{3})", low)
    if m:
        return [Alt("not", int(m.group(1)), grade=grade)]
    if low == "imf-fixdate format":
        a = Alt("status", 100, 599, grade)
        a.checks.append(("an IMF-fixdate Date",
                         lambda r, c: IMF.match(r.get("date") or "")))
        return [a]
    if low == "non-1xx response":
        a = Alt("status", 200, 599, grade)
        a.checks.append(("no interim response",
                         lambda r, c: not r.interims))
        return [a]
    m = re.fullmatch(r"(\d{3}|[1-5]xx)\s*(.*)", low)
    if m:
        lo, hi = status_range(m.group(1))
        a = Alt("status", lo, hi, grade)
        if m.group(2):
            q = qualifier(m.group(2))
            if q is None:
                spec.unknown.append(t)
                return []
            if q == "close":
                a.close = True
            elif q == "twice":
                a.twice = True
            else:
                a.checks.append(q)
        return [a]
    spec.unknown.append(t)
    return []


def describe(text, spec):
    """The free-text expectation: clauses split at ';', parts graded by
    "(pass)", "(warn)", "(fail)", "warns"; alternatives split at "or",
    ',' and '/'."""
    follow_clause = False
    for clause in text.split(";"):
        clause = clause.strip()
        if re.search(r"follow-up|step 2", clause):
            spec.notes.append(clause)
            follow_clause = True
            continue
        for part in re.split(r"(?<=\))\s*,\s*", clause):
            grade = "pass"
            if "(fail)" in part:
                grade = "fail"
            elif "(warn)" in part or re.search(r"\bwarns\b", part):
                grade = "warn"
            if "(no extra response)" in part:
                spec.single = True
            not_206 = "(Range ignored)" in part
            echo = bool(re.search(r"\+\s*echo\b", part))
            part = re.sub(r"\+\s*echo\b", "", part)
            part = re.sub(r"\([^)]*\)", "", part)
            part = re.sub(r"\b(preferred|acceptable|warns)\b", "", part)
            m = re.search(r"(\S+)\s+with (.+ in body|both cookies)$",
                          part.strip())
            if m:
                # "2xx with Cookie in body": only an echo would show it
                spec.alts.append(Alt("unjudged", grade=grade,
                                     why="needs an echo of the request "
                                         "(%s)" % m.group(2)))
                part = part.strip()[:m.start()]
            for text_item in re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+|/",
                                      part.strip()):
                for a in item(text_item, grade, spec):
                    if not_206 and a.kind == "status":
                        a.checks.append(("not 206",
                                         lambda r, c: r.status != 206))
                    if echo:
                        a.why = "the echo of the body is not checked"
                    spec.alts.append(a)
    if follow_clause:
        # "400/close preferred; poisoned follow-up = warn": a 2xx is taken
        # too, and any 2xx is graded by what the follow-up request shows
        # (a warning when it was not answered as itself).
        if "preferred" in text and not any(
                a.kind == "status" and a.lo == 200 for a in spec.alts):
            spec.alts.append(Alt("status", 200, 299, "pass"))
        for a in spec.alts:
            if a.kind == "status" and 200 <= a.lo <= a.hi <= 299:
                a.follow_graded = True


def interpret(expected):
    """The expected column: ExpectedStatus, AllowConnectionClose and
    Description parts, separated by ';'."""
    spec = Spec()
    for key, value in re.findall(r'(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]+)',
                                 expected):
        value = value.strip()
        if key == "ExpectedStatus":
            m = re.fullmatch(r"StatusCodeRange\.Exact\((\d{3})\)", value)
            r = re.fullmatch(r"StatusCodeRange\.Range([1-5])xx", value)
            if m:
                spec.alts.append(Alt("status", int(m.group(1))))
            elif r:
                d = int(r.group(1))
                spec.alts.append(Alt("status", d * 100, d * 100 + 99))
            else:
                spec.unknown.append(value)
        elif key == "AllowConnectionClose":
            if value.lower() == "true":
                spec.alts.append(Alt("close"))
        elif key == "Description":
            describe(value[1:-1] if value.startswith('"') else value, spec)
        else:
            spec.unknown.append("%s = %s" % (key, value))
    return spec


# ------------------------------------------------------------ observing

class Response:
    def __init__(self, status, headers):
        self.status = status
        self.headers = headers  # [(lower-case name, value)]
        self.body = b""
        self.interims = []

    def get(self, name):
        for n, v in self.headers:
            if n == name:
                return v
        return None


class Observation:
    def __init__(self):
        self.responses = []   # final responses
        self.end = "open"     # closed, reset, or open
        self.garbage = None   # bytes that were not a response
        self.send_error = None

    def statuses(self):
        out = []
        for r in self.responses:
            out += [i.status for i in r.interims] + [r.status]
        return out

    def text(self):
        s = " ".join(map(str, self.statuses()))
        if self.garbage is not None:
            s = (s + " " if s else "") + "unparsable %r" % self.garbage[:30]
        if not s:
            s = "no response,"
        return "%s %s" % (s, "open (timeout)" if self.end == "open"
                          and not self.responses else self.end)


def split_responses(buf, methods, obs):
    """Takes the complete responses off the front of buf; returns the
    rest. methods: the method each response answers, for HEAD."""
    interims = []
    while True:
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            if len(buf) > 65536 or buf[:7] != b"HTTP/1."[:len(buf[:7])]:
                obs.garbage = buf
                return b""
            return buf
        lines = buf[:end].decode("latin-1").split("\r\n")
        m = re.match(r"HTTP/1\.[01] (\d{3})(?: |$)", lines[0])
        if not m:
            obs.garbage = buf
            return b""
        resp = Response(int(m.group(1)), [
            (n.strip().lower(), v.strip(" \t")) for n, _, v in
            (line.partition(":") for line in lines[1:])])
        rest = buf[end + 4:]
        if 100 <= resp.status < 200 and resp.status != 101:
            interims.append(resp)
            buf = rest
            continue
        i = len(obs.responses)
        method = methods[i] if i < len(methods) else b"GET"
        length = 0
        if method != b"HEAD" and resp.status not in (204, 304):
            cl = resp.get("content-length")
            if cl is None or not cl.isdigit():
                obs.garbage = buf  # close-delimited: not this server
                return b""
            length = int(cl)
        if len(rest) < length:
            return buf
        resp.body = rest[:length]
        resp.interims = interims
        obs.responses.append(resp)
        interims = []
        buf = rest[length:]


def exchange(sock, data, methods, obs):
    """Sends data, then reads what comes back into obs."""
    try:
        sock.settimeout(IO_TIMEOUT)
        sock.sendall(data)
    except OSError as e:
        obs.send_error = type(e).__name__
    buf = b""
    before = len(obs.responses)
    deadline = time.monotonic() + WAIT
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            obs.end = "open"
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            obs.end = "open"
            break
        except ConnectionResetError:
            obs.end = "reset"
            break
        if not chunk:
            obs.end = "closed"
            break
        buf = split_responses(buf + chunk, methods, obs)
        if obs.garbage is not None:
            continue
        now = time.monotonic()
        if len(obs.responses) > before and not buf:
            deadline = now + QUIET
        else:
            deadline = max(deadline, now + QUIET)
    if buf and obs.garbage is None:
        obs.garbage = buf


def request_methods(payload):
    """The method of each request line at the start of the payload or
    after an empty line (good enough for HEAD framing)."""
    out = [m.group(1) for m in
           re.finditer(rb"(?:^|\r\n\r\n)([A-Z]+) \S+ HTTP/", payload)]
    return out or [b"GET"]


def finish(case, host):
    """The payload with the values known only now."""
    data = case.payload.replace(b"{h}", host)
    data = data.replace(b"{smuggled-size}", b"%x" % len(
        SMUGGLED.replace(b"{h}", host)))
    if b"{cl}" in data:
        body = data.split(b"\r\n\r\n", 1)[1]
        if case.id in CL_FIRST_LINE:
            body = body[:body.index(b"\r\n") + 2]
        data = data.replace(b"{cl}", b"%d" % len(body))
    return data


def run_case(case, port):
    host = b"%s:%d" % (HOST.encode(), port)
    data = finish(case, host)
    obs = Observation()
    obs2 = None
    step_note = None
    s = socket.create_connection((HOST, port), timeout=IO_TIMEOUT)
    try:
        exchange(s, data, request_methods(data), obs)
        follow = FOLLOW_UPS.get(case.id)
        if follow and obs.end == "open" and obs.garbage is None:
            kind, build = follow
            if kind == "conditional":
                if not obs.responses:
                    step_note = "no first response to build step 2 from"
                else:
                    second, step_note = build(obs.responses[0])
                    if second is not None:
                        obs2 = Observation()
                        exchange(s, second.replace(b"{h}", host), [b"GET"],
                                 obs2)
            else:
                obs2 = Observation()
                exchange(s, FOLLOW.replace(b"{h}", host), [b"GET"], obs2)
    finally:
        s.close()
    return obs, obs2, step_note


# -------------------------------------------------------------- judging

def matches(alt, obs, case, obs2):
    """None when obs is not this outcome; else the grade it earns."""
    finals = obs.responses
    if obs.garbage is not None:
        return None
    if alt.kind == "close":
        return alt.grade if not finals and obs.end != "open" else None
    if alt.kind == "timeout":
        return alt.grade if not finals and obs.end == "open" else None
    if alt.kind == "unjudged" or not finals:
        return None
    first = finals[0]
    if alt.kind == "not":
        bad = any(s == alt.lo for s in obs.statuses())
        return None if bad else alt.grade
    status = first.status
    if case.spec.first_status and first.interims:
        status = first.interims[0].status
    if not alt.lo <= status <= alt.hi:
        return None
    if alt.twice and not (len(finals) >= 2 and
                          alt.lo <= finals[1].status <= alt.hi):
        return None
    if alt.close and obs.end == "open":
        return None
    for _label, check in alt.checks:
        if not check(first, case):
            return None
    if alt.follow_graded and obs2 is not None and not clean(obs2):
        return "warn"
    return alt.grade


def clean(obs2):
    """The follow-up GET /204 was answered as itself, alone."""
    return [r.status for r in obs2.responses] == [204]


def judge(case, obs, obs2, step_note):
    """-> (verdict, note)."""
    spec = case.spec
    follow = FOLLOW_UPS.get(case.id)
    judged = obs
    notes = []
    if follow and follow[0] == "conditional":
        if obs2 is None:
            return "not judged", "step 2 not sent: %s" % (
                step_note or "the connection did not stay open")
        judged = obs2
    if spec.unknown:
        return "not judged", "expectation not understood: %s" % \
            "; ".join(spec.unknown)
    grades = [matches(a, judged, case, obs2) for a in spec.alts]
    hit = [(g, a) for g, a in zip(grades, spec.alts) if g]
    if spec.single and len(judged.responses) > 1:
        hit = []
        notes.append("a second response came")
    if follow and follow[0] == "poison" and obs2 is not None:
        notes.append("follow-up " + ("answered as itself" if clean(obs2)
                                     else "spoiled: %s" % obs2.text()))
    whys = [a.why for g, a in hit if a.why]
    notes += whys
    if any(g == "pass" for g, a in hit):
        return "agree", "; ".join(notes)
    if any(g == "warn" for g, a in hit):
        return "agree (warn)", "; ".join(notes)
    if not hit and any(a.kind == "unjudged" for a in spec.alts):
        return "not judged", "; ".join(
            [a.why for a in spec.alts if a.kind == "unjudged"] + notes)
    if any(g == "fail" for g, a in hit):
        notes.append("an outcome the suite names as a failure")
    notes += near_misses(spec, judged, case)
    return "DIFFER", "; ".join(notes)


def near_misses(spec, obs, case):
    """Why an alternative whose status did match was still not met."""
    out = []
    if not obs.responses or obs.garbage is not None:
        return out
    first = obs.responses[0]
    for a in spec.alts:
        if a.kind != "status" or not a.lo <= first.status <= a.hi:
            continue
        out += ["the %d fails: %s" % (first.status, label)
                for label, check in a.checks if not check(first, case)]
        if a.close and obs.end == "open":
            out.append("the %d is not followed by a close" % first.status)
        if a.twice and len(obs.responses) < 2:
            out.append("only one response")
    return out


# --------------------------------------------------------------- server

class Supervisor:
    """The server the cases talk to. When it dies, it is started again
    (the cases that were running then are run once more on the new one),
    and the death is kept for the report: each counts as a failure."""

    def __init__(self, binary):
        self.binary = binary
        self.lock = threading.Lock()
        self.server = launch.Server("--workers", "1", binary=binary)
        self.generation = 0
        self.running = set()
        self.deaths = []  # (exit status, last lines, ids running)

    def current(self):
        with self.lock:
            return self.generation, self.server.port

    def dead(self, generation):
        """True when the server of that generation has died (and then a
        new one runs)."""
        with self.lock:
            if generation != self.generation:
                return True
            if self.server.proc.poll() is None:
                return False
            self.deaths.append((self.server.proc.returncode,
                                self.server.lines[-3:],
                                sorted(self.running)))
            self.server = launch.Server("--workers", "1",
                                        binary=self.binary)
            self.generation += 1
            return True

    def run(self, case):
        for attempt in (1, 2):
            generation, port = self.current()
            with self.lock:
                self.running.add(case.id)
            try:
                result = run_case(case, port)
                error = None
            except OSError as e:
                result, error = None, e
            time.sleep(0.05)  # a crash takes a moment to be seen
            died = self.dead(generation)
            with self.lock:
                self.running.discard(case.id)
            if died and attempt == 1:
                continue
            if error is not None:
                raise error
            return result
        return result


SUPERVISOR = None


def watchdog(seconds):
    time.sleep(seconds)
    print("# the run took over %d s: stopped" % seconds, flush=True)
    launch.kill_all()
    print("0 passed, 1 failed", flush=True)
    os._exit(1)


def main(argv):
    global SUPERVISOR
    if len(argv) != 3:
        print("usage: conformance.py BINARY DIR", file=sys.stderr)
        return 2
    binary, folder = os.path.abspath(argv[1]), argv[2]
    if not os.access(binary, os.X_OK):
        print("%s: not an executable" % binary, file=sys.stderr)
        return 2
    if not os.path.isdir(folder):
        print("# %s: no such directory; nothing to run" % folder)
        print("0 passed, 0 failed")
        return 0
    cases = []
    for name, loader in (("server-cases-h1spec.tsv", load_h1spec),
                         ("server-cases-http11probe.tsv", load_probe)):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            cases += loader(path)
        else:
            print("# %s: missing, skipped" % path)
    threading.Thread(target=watchdog, args=(launch.limit(300),),
                     daemon=True).start()
    counts = {"agree": 0, "agree (warn)": 0, "known": 0, "DIFFER": 0,
              "not judged": 0}
    try:
        SUPERVISOR = Supervisor(binary)
        todo = [c for c in cases if not c.unsendable]
        with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
            futures = {c.id: pool.submit(SUPERVISOR.run, c) for c in todo}
            for c in cases:
                if c.unsendable:
                    verdict, note, seen = "not judged", c.unsendable, "-"
                else:
                    try:
                        obs, obs2, step_note = futures[c.id].result(
                            launch.limit(60))
                    except Exception as e:  # noqa: BLE001
                        obs = obs2 = step_note = None
                        verdict = "DIFFER"
                        note = "%s: %s" % (type(e).__name__, e)
                        seen = "error"
                    if obs is not None:
                        verdict, note = judge(c, obs, obs2, step_note)
                        seen = obs.text()
                        if obs2 is not None:
                            seen += "; then %s" % obs2.text()
                        if obs.send_error:
                            seen += " (sending stopped: %s)" % \
                                obs.send_error
                    if c.written:
                        note = "request written here; " + note \
                            if note else "request written here"
                if verdict == "DIFFER" and c.id in KNOWN_DIFFERENCES:
                    verdict = "known"
                    note = KNOWN_DIFFERENCES[c.id]
                counts[verdict] += 1
                print("%-12s %s [%s] | observed: %s | expected: %s%s" % (
                    verdict, c.id, c.level, seen, c.expected,
                    " | " + note if note else ""), flush=True)
        SUPERVISOR.dead(SUPERVISOR.generation)
        for status, lines, running in SUPERVISOR.deaths:
            counts["DIFFER"] += 1
            print("%-12s (the server) | died with status %r while these "
                  "cases ran: %s | it said: %s" % (
                      "DIFFER", status, ", ".join(running) or "none",
                      " / ".join(lines[-2:])), flush=True)
        rc = SUPERVISOR.server.stop()
        if rc != 0:
            counts["DIFFER"] += 1
            print("%-12s (the server) | exit status %r on SIGTERM, not 0 "
                  "| it said: %s" % ("DIFFER", rc, " / ".join(
                      SUPERVISOR.server.lines[-2:])), flush=True)
    finally:
        if SUPERVISOR:
            SUPERVISOR.server.kill()
    unused = sorted(set(KNOWN_DIFFERENCES) - {c.id for c in cases}) \
        if cases else []
    for cid in unused:
        print("# KNOWN_DIFFERENCES names %s, which no file has" % cid)
    print("# %s" % ", ".join("%s %d" % kv for kv in counts.items()))
    passed = counts["agree"] + counts["agree (warn)"] + counts["known"]
    failed = counts["DIFFER"]
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
