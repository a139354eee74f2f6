#!/usr/bin/env python3
"""tests/server/test_status.py: go-httpbin's /status/{codes}, the redirect
family (/redirect/{n}, /relative-redirect/{n}, /absolute-redirect/{n},
/redirect-to), /delay/{seconds}, and httpstat.us's additions to /{code}
(X-HttpStatus-Sleep, X-HttpStatus-Response-*, suppressBody, its JSON
shape), and /unstable, over real sockets.

    python3 tests/server/test_status.py BINARY

The server runs with --max-sleep 2000, so that every delay past it is
quick to ask for. Draws are checked loosely: a code of weight 0 never
comes, and each code of an even list of two comes within 200 draws (a
chance of 2^-199 of failing). Prints "ok - NAME" or "not ok - NAME:
reason" per test, then "N passed, N failed". Python 3.11 standard library
only.
"""
import json
import sys
import time

import launch
from launch import CLOCK_SLACK, HOST, Server, expect, test

SRV = None
MAX_SLEEP = 2000
TEXT = "text/plain; charset=utf-8"
HTML = "text/html; charset=utf-8"
JSON_UTF8 = "application/json; charset=utf-8"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")




def fetch(path, method="GET", headers=None, body=None):
    return launch.fetch(SRV.port, path, method, headers, body)


def timed(path, method="GET", headers=None):
    t0 = time.monotonic()
    r = fetch(path, method, headers)
    return r, time.monotonic() - t0


def raw(data):
    return launch.exchange(SRV.port, data)


def refused(path, method="GET", headers=None, names=None):
    r = fetch(path, method, headers)
    expect(r.status == 400, "%s %s: %r" % (method, path, r))
    if names is not None:
        expect(names.encode() in r.body,
               "%s: the 400 does not name %s: %r" % (path, names, r.body))
    return r


# --------------------------------------------------------------- /status


@test("/status/{code} answers that code for every method")
def _():
    for method in METHODS:
        for code in (200, 201, 404, 500, 599, 432):
            r = fetch("/status/%d" % code, method)
            expect(r.status == code, "%s /status/%d: %r" % (method, code, r))


@test("/status keeps /{code}'s fields: Retry-After on 503, Allow on 405, "
      "ETag on 304, no content on 204 and 304")
def _():
    r = fetch("/status/503")
    expect(r.get("Retry-After") == "1", "503 Retry-After %r"
           % r.get("Retry-After"))
    r = fetch("/status/405")
    expect(r.get("Allow") == "", "405 Allow %r" % r.get("Allow"))
    r = fetch("/status/304")
    expect(r.status == 304 and r.body == b"" and r.get("ETag"),
           "304: %r %r" % (r, r.get("ETag")))
    r = fetch("/status/204")
    expect(r.status == 204 and r.body == b"", "204: %r" % r)
    r = fetch("/status/404")
    expect(r.get("Content-Type") == TEXT and r.body.startswith(b"404 "),
           "404 page %r %r" % (r.get("Content-Type"), r.body[:20]))


@test("/status/301, 302, 303, 305, 307 send Location: /redirect/1")
def _():
    for code in (301, 302, 303, 305, 307):
        r = fetch("/status/%d" % code)
        expect(r.status == code and r.all("Location") == ["/redirect/1"],
               "%d: %r Location %r" % (code, r, r.all("Location")))
    r = fetch("/status/302?location=/elsewhere")
    expect(r.all("Location") == ["/elsewhere"], "?location on /status/302: "
           "%r" % r.all("Location"))


@test("/status/300 and /status/308 send Location: /image/jpeg and an HTML "
      "page that links to it")
def _():
    for code in (300, 308):
        r = fetch("/status/%d" % code)
        expect(r.status == code, "%d: %r" % (code, r))
        expect(r.all("Location") == ["/image/jpeg"],
               "%d Location %r" % (code, r.all("Location")))
        expect(r.get("Content-Type") == HTML, "%d Content-Type %r"
               % (code, r.get("Content-Type")))
        expect(b'href="/image/jpeg"' in r.body, "%d page %r" % (code, r.body))
    r = fetch("/status/300")
    for ext in (b"png", b"svg"):
        expect(b'href="/image/' + ext + b'"' in r.body, "300 lists no %s"
               % ext.decode())


@test("/status/401 and /status/407 challenge with Basic realm=\"Fake "
      "Realm\"")
def _():
    r = fetch("/status/401")
    expect(r.status == 401 and r.all("WWW-Authenticate") ==
           ['Basic realm="Fake Realm"'], "401 %r" % r.all("WWW-Authenticate"))
    r = fetch("/status/407")
    expect(r.status == 407 and r.all("Proxy-Authenticate") ==
           ['Basic realm="Fake Realm"'],
           "407 %r" % r.all("Proxy-Authenticate"))


@test("/status/402, 418 have a text of their own and X-More-Info; 406 a "
      "JSON list of the image types")
def _():
    for code in (402, 418):
        r = fetch("/status/%d" % code)
        expect(r.status == code and r.get("Content-Type") == TEXT,
               "%d: %r %r" % (code, r, r.get("Content-Type")))
        expect(r.body.startswith(b"%d " % code) and r.get("X-More-Info"),
               "%d: %r More-Info %r" % (code, r.body, r.get("X-More-Info")))
        expect(r.get("Content-Length") == str(len(r.body)),
               "%d Content-Length" % code)
    expect(fetch("/status/418").get("X-More-Info") ==
           "http://tools.ietf.org/html/rfc2324", "418 X-More-Info")
    r = fetch("/status/406")
    expect(r.status == 406 and r.get("Content-Type") == JSON_UTF8,
           "406: %r %r" % (r, r.get("Content-Type")))
    doc = json.loads(r.body)
    expect(isinstance(doc.get("message"), str), "406 message %r" % doc)
    expect(doc.get("accept") == ["image/webp", "image/svg+xml",
                                 "image/jpeg", "image/png", "image/*"],
           "406 accept %r" % doc.get("accept"))


@test("HEAD and OPTIONS on /status/418")
def _():
    get = fetch("/status/418")
    r = fetch("/status/418", "HEAD")
    expect(r.status == 418 and r.body == b"", "HEAD: %r" % r)
    expect(r.get("Content-Length") == str(len(get.body)),
           "HEAD Content-Length %r, GET has %d bytes"
           % (r.get("Content-Length"), len(get.body)))
    expect(r.get("X-More-Info") == get.get("X-More-Info"), "HEAD fields")
    r = fetch("/status/418", "OPTIONS")
    expect(r.status == 204 and r.body == b"" and r.get("Allow"),
           "OPTIONS: %r Allow %r" % (r, r.get("Allow")))


@test("/status/100 sends the interim response then a 200; HTTP/1.0 gets "
      "only the 200")
def _():
    out = raw(b"GET /status/100 HTTP/1.1\r\nHost: h\r\nConnection: close"
              b"\r\n\r\n")
    expect(out.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK"),
           "HTTP/1.1: %r" % out[:80])
    out = raw(b"GET /status/103 HTTP/1.1\r\nHost: h\r\nConnection: close"
              b"\r\n\r\n")
    expect(out.startswith(b"HTTP/1.1 103 Early Hints\r\n") and
           b"\r\n\r\nHTTP/1.1 200 OK" in out, "103: %r" % out[:120])
    out = raw(b"GET /status/100 HTTP/1.0\r\n\r\n")
    expect(out.startswith(b"HTTP/1.1 200 OK") and b" 100 " not in
           out.split(b"\r\n\r\n")[0], "HTTP/1.0: %r" % out[:80])


@test("/status/101 is /101: 426 without an offer of our protocol, 101 with")
def _():
    r = fetch("/status/101")
    expect(r.status == 426 and r.get("Upgrade") == "httpstatus-test",
           "no offer: %r Upgrade %r" % (r, r.get("Upgrade")))
    out = raw(b"GET /status/101 HTTP/1.1\r\nHost: h\r\nConnection: upgrade"
              b"\r\nUpgrade: httpstatus-test\r\n\r\n")
    expect(out.startswith(b"HTTP/1.1 101 Switching Protocols\r\n") and
           b"Upgrade: httpstatus-test\r\n" in out, "offer: %r" % out[:120])


@test("/status with a bad code or list is a 400 that names it")
def _():
    r = refused("/status/abc")
    expect(b"abc" not in r.body, "letters are echoed back: %r" % r.body)
    refused("/status/99", names="99")
    refused("/status/600", names="600")
    refused("/status/0200")
    refused("/status/200:0")
    refused("/status/200:1")  # one code, no list: go-httpbin's 400 too
    refused("/status/")
    for path in ("/status", "/status/200/300"):
        r = fetch(path)
        expect(r.status == 404, "%s: %r" % (path, r))
    for bad in ("200:0,500:0", "200,abc", "200,600", "99,200", "200,",
                ",200", "200:-1,500", "200:x,500", "200:1e2,500",
                "200:0.1234567,500", "500-504,200",
                ",".join(["200"] * 65)):
        r = refused("/status/" + bad)
        expect(b"/status" in r.body, "%s: %r" % (bad, r.body))
    r = refused("/status/200,600")
    expect(b'"600"' in r.body, "600 is not named: %r" % r.body)
    r = refused("/status/200,<b>x</b>")
    expect(b"<b>" not in r.body, "markup is echoed back: %r" % r.body)
    refused("/status/200,abc", method="POST")


@test("/status/200:1,500:0 draws 200 every time (200 draws), uncacheable")
def _():
    seen = set()
    for _ in range(200):
        r = fetch("/status/200:1,500:0")
        seen.add(r.status)
    expect(seen == {200}, "drew %r" % seen)
    r = fetch("/status/500:0,200:0.000001")
    expect(r.status == 200, "a tiny weight: %r" % r)
    expect(r.get("Cache-Control") == "no-store",
           "Cache-Control %r" % r.get("Cache-Control"))


@test("/status/200,500, 200:0.5,500:0.5 and 200,500:1 draw both within 200 "
      "tries, and nothing else")
def _():
    for path in ("/status/200,500", "/status/200:0.5,500:0.5",
                 "/status/200,500:1", "/status/500:3,200:3"):
        seen = set()
        for _ in range(200):
            seen.add(fetch(path).status)
            if seen == {200, 500}:
                break
        expect(seen == {200, 500}, "%s drew %r" % (path, seen))


@test("/status draws go-httpbin's special cases too")
def _():
    r = fetch("/status/418:1,200:0")
    expect(r.status == 418 and r.get("X-More-Info"), "418 drawn: %r" % r)


# ------------------------------------------------------------ /unstable


@test("/unstable with ?seed= draws the same for the same seed, to any "
      "method, and both 200 and 500 come from some seed")
def _():
    seen = set()
    for seed in range(40):
        first = fetch("/unstable?seed=%d" % seed)
        again = fetch("/unstable?seed=%d" % seed, method="POST")
        expect(first.status in (200, 500) and again.status == first.status,
               "seed %d: %r then %r" % (seed, first, again))
        seen.add(first.status)
    expect(seen == {200, 500}, "40 seeds drew %r" % seen)
    for seed in ("-9223372036854775808", "9223372036854775807", "+5"):
        first = fetch("/unstable?seed=" + seed)
        again = fetch("/unstable?failure_rate=0.5&seed=" + seed)
        expect(first.status == again.status, "seed %s: %r then %r"
               % (seed, first, again))


@test("/unstable: failure_rate 0 always 200, 1 always 500 (50 draws of each "
      "spelling); no seed draws both at 0.5")
def _():
    for rate, want in (("0", 200), ("0.0", 200), ("1", 500), ("1.000000", 500)):
        seen = {fetch("/unstable?failure_rate=" + rate).status
                for _ in range(50)}
        expect(seen == {want}, "failure_rate=%s drew %r" % (rate, seen))
    seen = set()
    for _ in range(200):
        seen.add(fetch("/unstable").status)
        if seen == {200, 500}:
            break
    expect(seen == {200, 500}, "the default rate drew %r" % seen)


@test("/unstable: a 200 without content, a 500 with a line saying why; "
      "text/plain, Cache-Control: no-store; HEAD sends no content")
def _():
    ok = fetch("/unstable?failure_rate=0")
    expect(ok.body == b"" and ok.get("Content-Length") == "0" and
           ok.get("Content-Type") == TEXT, "200: %r %r" % (ok, ok.headers))
    bad = fetch("/unstable?failure_rate=1", method="DELETE")
    expect(bad.status == 500 and bad.get("Content-Type") == TEXT and
           bad.body.startswith(b"500 Internal Server Error") and
           b"failure_rate" in bad.body and bad.body.endswith(b"\n"),
           "500: %r" % bad)
    for r in (ok, bad):
        expect(r.get("Cache-Control") == "no-store",
               "Cache-Control %r" % r.get("Cache-Control"))
    head = fetch("/unstable?failure_rate=1", method="HEAD")
    expect(head.status == 500 and head.body == b"", "HEAD %r" % head)


@test("/unstable: a bad failure_rate or seed is a 400 that names it")
def _():
    for bad in ("2", "1.000001", "-0.5", "abc", "", ".5", "0.1234567",
                "1e-1", "0x1", "nan", "%30.5"):
        refused("/unstable?failure_rate=" + bad, names="failure_rate")
    for bad in ("x", "", "1.5", "9223372036854775808",
                "-9223372036854775809", "12345678901234567890", "- 1"):
        refused("/unstable?seed=" + bad.replace(" ", "%20"), names="seed")
    r = refused("/unstable?failure_rate=9", method="POST")
    expect(r.get("Cache-Control") == "no-store", "400 %r" % r.headers)


# ------------------------------------------------------------ redirects


@test("/redirect/3 goes /relative-redirect/2, /1, then /get, with 302s and "
      "no content")
def _():
    path, hops = "/redirect/3", []
    while path != "/get":
        r = fetch(path)
        expect(r.status == 302 and r.body == b"", "%s: %r" % (path, r))
        path = r.get("Location")
        hops.append(path)
        expect(len(hops) <= 3, "too many hops: %r" % hops)
    expect(hops == ["/relative-redirect/2", "/relative-redirect/1", "/get"],
           "hops %r" % hops)
    expect(fetch("/get").status == 200, "/get")


@test("/redirect/{n}?absolute=true and /absolute-redirect/{n} send absolute "
      "URLs built from Host")
def _():
    base = launch.url(SRV.port, "")
    r = fetch("/redirect/2?absolute=true")
    expect(r.get("Location") == base + "/absolute-redirect/1",
           "absolute=true: %r" % r.get("Location"))
    r = fetch("/redirect/2?absolute=TRUE")
    expect(r.get("Location") == base + "/absolute-redirect/1",
           "absolute=TRUE: %r" % r.get("Location"))
    r = fetch("/redirect/2?absolute=no")
    expect(r.get("Location") == "/relative-redirect/1",
           "absolute=no: %r" % r.get("Location"))
    r = fetch("/absolute-redirect/1")
    expect(r.status == 302 and r.get("Location") == base + "/get",
           "/absolute-redirect/1: %r %r" % (r, r.get("Location")))
    r = fetch("/absolute-redirect/3", headers={"Host": "example.test:81"})
    expect(r.get("Location") == launch.SCHEME +
           "://example.test:81/absolute-redirect/2",
           "Host: %r" % r.get("Location"))
    r = fetch("/absolute-redirect/3", headers={"X-Forwarded-Proto": "https"})
    expect(r.get("Location") == "https://%s:%d/absolute-redirect/2"
           % (HOST, SRV.port), "X-Forwarded-Proto: %r" % r.get("Location"))
    r = fetch("/absolute-redirect/3",
              headers={"X-Forwarded-Proto": "a b/c"})
    expect(r.get("Location", ).startswith(launch.SCHEME + "://"),
           "a bad X-Forwarded-Proto is ignored: %r" % r.get("Location"))
    out = raw(b"GET http://other.test/absolute-redirect/2 HTTP/1.1\r\n"
              b"Host: other.test\r\nConnection: close\r\n\r\n")
    expect(b"\r\nLocation: http://other.test/absolute-redirect/1\r\n" in out,
           "absolute-form: %r" % out[:200])
    out = raw(b"GET /absolute-redirect/2 HTTP/1.0\r\n\r\n")
    expect(b"\r\nLocation: /absolute-redirect/1\r\n" in out,
           "HTTP/1.0 without Host: %r" % out[:200])


@test("/relative-redirect/1 goes to /get; every method is taken")
def _():
    for method in METHODS:
        r = fetch("/relative-redirect/1", method)
        expect(r.status == 302 and r.get("Location") == "/get",
               "%s: %r %r" % (method, r, r.get("Location")))
    r = fetch("/relative-redirect/1000")
    expect(r.get("Location") == "/relative-redirect/999", "1000: %r"
           % r.get("Location"))


@test("a redirect count of 0, -1, 1001, abc or +2 is a 400")
def _():
    for prefix in ("/redirect/", "/relative-redirect/", "/absolute-redirect/"):
        for n in ("0", "-1", "1001", "abc", "+2", "1.5", "99999999999999"):
            refused(prefix + n)
    for path in ("/redirect", "/redirect/", "/redirect/1/2"):
        r = fetch(path)
        expect(r.status == 404, "%s: %r" % (path, r))


@test("/redirect-to?url= redirects with 302, or the 3xx status_code asks "
      "for, for every method")
def _():
    for method in METHODS:
        r = fetch("/redirect-to?url=/get", method)
        expect(r.status == 302 and r.all("Location") == ["/get"],
               "%s: %r %r" % (method, r, r.all("Location")))
    for code in (300, 301, 303, 307, 308, 399):
        r = fetch("/redirect-to?url=/x&status_code=%d" % code)
        expect(r.status == code and r.get("Location") == "/x",
               "%d: %r" % (code, r))
    r = fetch("/redirect-to?status_code=304&url=/x")
    expect(r.status == 304 and r.body == b"", "304: %r" % r)
    r = fetch("/redirect-to?url=http%3A%2F%2Fexample.com%2Fa%3Fb%3Dc")
    expect(r.get("Location") == "http://example.com/a?b=c",
           "another host: %r" % r.get("Location"))
    for good in ("mailto:a@b", "/a:b", "?a:b", "%23a:b", "a.b%2Bc-d:x"):
        r = fetch("/redirect-to?url=" + good)
        good = good.replace("%23", "#").replace("%2B", "+")
        expect(r.status == 302 and r.get("Location") == good,
               "%s: %r %r" % (good, r, r.get("Location")))
    r = fetch("/redirect-to?url=/a%20b+c%C3%A9%25%32%30")
    expect(r.get("Location") == "/a%20b%20c%C3%A9%20",
           "escaped: %r" % r.get("Location"))


@test("/redirect-to without url, with a bad status_code or a control byte "
      "is a 400")
def _():
    refused("/redirect-to", names="url")
    refused("/redirect-to?url=", names="url")
    refused("/redirect-to?status_code=301", names="url")
    for code in ("200", "400", "299", "400", "abc", "3000", "30"):
        refused("/redirect-to?url=/x&status_code=" + code,
                names="status_code")
    refused("/redirect-to?url=/x&url=/y")
    for bad in ("%3A%2F%2Fbad", "1http://x/", "a%20b:c"):
        refused("/redirect-to?url=" + bad, names="scheme")
    refused("/redirect-to?url=/x&status_code=301&status_code=302")
    for bad in ("/x%0d%0aSet-Cookie:%20a=b", "/x%00", "/x%7f", "/x%zz",
                "/x%", "/x%2", "/x%25zz", "/x%25"):
        r = refused("/redirect-to?url=" + bad)
        expect(r.get("Location") is None, "%s: Location %r"
               % (bad, r.get("Location")))
    refused("/redirect-to?url=/" + "a" * 4096)
    r = fetch("/redirect-to?url=/" + "a" * 4095)
    expect(r.status == 302, "4096 bytes: %r" % r)


# ----------------------------------------------------------------- /delay


@test("/delay/0.5 answers the /anything echo after half a second")
def _():
    r, took = timed("/delay/0.5?a=1")
    expect(r.status == 200 and r.get("Content-Type") == JSON_UTF8,
           "%r %r" % (r, r.get("Content-Type")))
    expect(took >= 0.5 - CLOCK_SLACK, "took %.3f s" % took)
    expect(r.get("Cache-Control") == "no-store",
           "Cache-Control %r" % r.get("Cache-Control"))
    doc = json.loads(r.body)
    expect(doc["method"] == "GET" and doc["args"] == {"a": ["1"]} and
           doc["url"].endswith("/delay/0.5?a=1"), "echo %r" % doc)
    r = fetch("/delay/0", "POST", body=b"x=1",
              headers={"Content-Type": "application/x-www-form-urlencoded"})
    doc = json.loads(r.body)
    expect(r.status == 200 and doc.get("form") == {"x": ["1"]} and
           doc.get("data") == "x=1", "POST echo %r" % doc)


@test("/delay takes seconds, fractions and Go's s and ms units")
def _():
    for arg, ms in (("1", 1000), ("0.25", 250), (".25", 250), ("300ms", 300),
                    ("0.3s", 300), ("2", 2000), ("2000ms", 2000)):
        r, took = timed("/delay/" + arg, "HEAD")
        expect(r.status == 200, "%s: %r" % (arg, r))
        expect(took >= ms / 1000 - CLOCK_SLACK, "%s took %.3f s"
               % (arg, took))


@test("/delay/-1, abc, past --max-sleep, or with ?sleep= past it, is a 400 "
      "at once")
def _():
    for arg in ("-1", "abc", "2.001", "3", "1e1", "", "1.2.3", "s", "ms",
                "2001ms", "1m", "0x10", "99999999999999999999"):
        if not arg:
            continue
        r, took = timed("/delay/" + arg)
        expect(r.status == 400, "%s: %r" % (arg, r))
        expect(took < 1, "%s: the 400 took %.3f s" % (arg, took))
    r = refused("/delay/1.5?sleep=600")
    expect(b"--max-sleep" in r.body, "sum: %r" % r.body)
    r, took = timed("/delay/1?sleep=500")
    expect(r.status == 200 and took >= 1.5 - CLOCK_SLACK,
           "delay and sleep add up: %r %.3f" % (r, took))


# ------------------------------------------------------------ httpstat.us


@test("X-HttpStatus-Sleep delays /{code}, as ?sleep= does")
def _():
    r, took = timed("/200", headers={"X-HttpStatus-Sleep": "300"})
    expect(r.status == 200 and took >= 0.3 - CLOCK_SLACK,
           "%r took %.3f s" % (r, took))
    expect(r.get("Cache-Control") == "no-store",
           "Cache-Control %r" % r.get("Cache-Control"))
    r, took = timed("/503/anything", headers={"X-HttpStatus-Sleep": "200"})
    expect(r.status == 503 and took >= 0.2 - CLOCK_SLACK,
           "/503/anything %r took %.3f s" % (r, took))


@test("X-HttpStatus-Sleep past --max-sleep, malformed, twice, or with "
      "?sleep= is a 400 naming it")
def _():
    for v in ("2001", "-1", "abc", "1.5", "", "99999999999"):
        r, took = timed("/200", headers={"X-HttpStatus-Sleep": v})
        expect(r.status == 400 and b"X-HttpStatus-Sleep" in r.body,
               "%r: %r" % (v, r))
        expect(took < 1, "%r: the 400 took %.3f s" % (v, took))
    out = raw(b"GET /200 HTTP/1.1\r\nHost: h\r\nX-HttpStatus-Sleep: 1\r\n"
              b"x-httpstatus-sleep: 1\r\nConnection: close\r\n\r\n")
    expect(out.startswith(b"HTTP/1.1 400 "), "twice: %r" % out[:60])
    r = refused("/200?sleep=10", headers={"X-HttpStatus-Sleep": "10"})
    expect(b"X-HttpStatus-Sleep" in r.body, "with ?sleep: %r" % r.body)


@test("X-HttpStatus-Response-{Name} fields become response fields, in "
      "place of the server's")
def _():
    r = fetch("/503", headers={"X-HttpStatus-Response-Retry-After": "120",
                               "X-HttpStatus-Response-X-Test": "a b"})
    expect(r.status == 503 and r.all("Retry-After") == ["120"],
           "Retry-After %r" % r.all("Retry-After"))
    expect(r.all("X-Test") == ["a b"], "X-Test %r" % r.all("X-Test"))
    r = fetch("/302", headers={"x-httpstatus-response-location": "/there"})
    expect(r.all("Location") == ["/there"], "Location %r"
           % r.all("Location"))
    out = raw(b"GET /200 HTTP/1.1\r\nHost: h\r\n"
              b"X-HttpStatus-Response-X-Two: 1\r\n"
              b"X-HttpStatus-Response-X-Two: 2\r\nConnection: close\r\n\r\n")
    head = out.split(b"\r\n\r\n")[0]
    expect(b"\r\nX-Two: 1\r\n" in head and b"\r\nX-Two: 2" in head,
           "two of a name: %r" % head)
    r = fetch("/302?header=Location:/query",
              headers={"X-HttpStatus-Response-Location": "/field"})
    expect(r.all("Location") == ["/query"], "?header comes last: %r"
           % r.all("Location"))


@test("X-HttpStatus-Response-Content-Length and other framing fields are "
      "refused, as ?header= refuses them")
def _():
    for name in ("Content-Length", "Transfer-Encoding", "Connection",
                 "keep-alive", "Upgrade", "TE", "Trailer", "Host"):
        r = refused("/200", headers={"X-HttpStatus-Response-" + name: "7"})
        expect(name.lower().encode() in r.body.lower(),
               "%s: the 400 does not name it: %r" % (name, r.body))
        q = fetch("/200?header=%s:7" % name)
        expect(q.status == 400, "?header=%s: %r" % (name, q))
    out = raw(b"GET /200 HTTP/1.1\r\nHost: h\r\nX-HttpStatus-Response-: 1"
              b"\r\nConnection: close\r\n\r\n")
    expect(out.startswith(b"HTTP/1.1 400 "), "no name: %r" % out[:60])
    out = raw(b"GET /200 HTTP/1.1\r\nHost: h\r\nX-HttpStatus-Response-X: \xff"
              b"\r\nConnection: close\r\n\r\n")
    expect(out.startswith(b"HTTP/1.1 400 "), "obs-text value: %r" % out[:60])
    many = {"X-HttpStatus-Response-X-%d" % i: "v" for i in range(17)}
    refused("/200", headers=many)
    many.pop("X-HttpStatus-Response-X-0")
    r = fetch("/200", headers=many)
    expect(r.status == 200 and r.get("X-16") == "v", "16 fields: %r" % r)
    big = {"X-HttpStatus-Response-X-Big": "b" * 2000}
    r = fetch("/200?header=X-Q:" + "q" * 2000, headers=big)
    expect(r.status == 200 and r.get("X-Big") == "b" * 2000 and
           r.get("X-Q") == "q" * 2000, "4 KB of fields: %r" % r)
    refused("/200?header=X-Q:" + "q" * 2100, headers=big)
    r = fetch("/200?header=X-Q:" + "q" * 7900)
    expect(r.status == 200, "?header alone keeps its own limit: %r" % r)


@test("?suppressBody=true and X-HttpStatus-SuppressBody: true send no "
      "content")
def _():
    full = fetch("/404")
    for path, headers in (("/404?suppressBody=true", None),
                          ("/404?suppressBody=TRUE", None),
                          ("/404", {"X-HttpStatus-SuppressBody": "true"})):
        r = fetch(path, headers=headers)
        expect(r.status == 404 and r.body == b"" and
               r.get("Content-Length") == "0" and
               r.get("Content-Type") is None,
               "%s %r: %r %r" % (path, headers, r, r.headers))
    r = fetch("/404?suppressBody=false")
    expect(r.body == full.body, "false: %r" % r)
    r = fetch("/200?suppressBody=true", headers={"Accept": "application/json"})
    expect(r.status == 200 and r.body == b"", "200 JSON: %r" % r)
    refused("/404?suppressBody=maybe", names="suppressBody")
    refused("/404?suppressBody=true&suppressBody=true", names="suppressBody")
    refused("/404", headers={"X-HttpStatus-SuppressBody": "yes"},
            names="X-HttpStatus-SuppressBody")


@test("/{code} as JSON has httpstat.us's code and description, then ours")
def _():
    r = fetch("/404", headers={"Accept": "application/json"})
    doc = json.loads(r.body)
    expect(list(doc)[:2] == ["code", "description"],
           "keys %r" % list(doc))
    expect(doc["code"] == 404 and doc["description"] == "Not Found" and
           doc["reason"] == "Not Found", "doc %r" % doc)
    expect(isinstance(doc.get("details"), str) and len(doc["details"]) > 40
           and isinstance(doc.get("summary"), str) and
           doc.get("reference") == "RFC 9110, Section 15.5.5",
           "our members %r" % doc)
    r = fetch("/432", headers={"Accept": "application/json"})
    doc = json.loads(r.body)
    expect(doc["description"] == "Client Error" and doc["reference"] is None,
           "unregistered %r" % doc)


def start():
    global SRV
    SRV = Server("--workers", "2", "--max-sleep", str(MAX_SLEEP))
    return SRV


if __name__ == "__main__":
    sys.exit(launch.run_suite(sys.argv, start, 180))
