#!/usr/bin/env python3
"""tests/server/test_formats.py: end-to-end tests of the documents and
cookie endpoints of `httpstatus serve` (server/formats.c,
server/cookies.c).

    python3 tests/server/test_formats.py BINARY

Starts the server on a free port of 127.0.0.1 and talks to it over real
sockets with http.client, urllib (with an http.cookiejar jar that
follows the redirects of /cookies/set and /cookies/delete) and raw
sockets. Each document is parsed the way a client would: JSON with json,
XML with xml.etree, HTML with html.parser, and UTF-8 strictly. Prints
"ok - NAME" or "not ok - NAME: reason" per test, then "N passed, N
failed"; exits 1 when a test failed. Python 3.11 standard library only.
"""
import html.parser
import http.client
import http.cookiejar
import json
import os
import re
import sys
import time
import unicodedata
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import launch
from launch import HOST, LIVE, SERVERS, TESTS, Fail, Resp, Server, expect, test

MAIN = None
IO_TIMEOUT = LIVE
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
JSON = "application/json; charset=utf-8"  # as go-httpbin labels it
XML = "application/xml; charset=utf-8"
# Every method the server's parser knows but OPTIONS, CONNECT and TRACE,
# which route.c answers for every path.
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")




def fetch(path, method="GET", headers=None, body=None):
    return launch.fetch(MAIN.port, path, method, headers, body)


def fetch_raw(head_lines):
    """Sends a head built from lines as it is."""
    return launch.send_raw(MAIN.port,
                           ("\r\n".join(head_lines) + "\r\n\r\n").encode("latin-1"))


def url(path):
    return launch.url(MAIN.port, path)


def ok(r, ctype, what):
    expect(r.status == 200, "%s: status %d" % (what, r.status))
    expect(r.get("Content-Type") == ctype,
           "%s: Content-Type %r, not %r" % (what, r.get("Content-Type"),
                                            ctype))
    expect(r.get("Content-Length") == str(len(r.body)),
           "%s: Content-Length %r for %d bytes"
           % (what, r.get("Content-Length"), len(r.body)))


class Tree(html.parser.HTMLParser):
    """Elements (tag, attributes, text inside) of an HTML document, and
    whether its start and end tags balance."""
    VOID = {"meta", "input", "br", "img", "link", "hr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.stack = []
        self.errors = []
        self.text = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append("unclosed %s" % [e[0] for e in self.stack])

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append([tag, dict(attrs), ""])

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append("</%s> does not close %s" % (
                tag, self.stack[-1][0] if self.stack else "anything"))
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for element in self.stack:
            element[2] += data

    def find(self, tag, **attrs):
        return [e for e in self.elements if e[0] == tag and
                all(e[1].get(k) == v for k, v in attrs.items())]


def parse_html(r, what):
    try:
        text = r.body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Fail("%s: not UTF-8: %s" % (what, e))
    tree = Tree(text)
    expect(not tree.errors, "%s: %s" % (what, "; ".join(tree.errors[:3])))
    return tree


# --------------------------------------------------------------- documents

@test("/html: an HTML page of our own, UTF-8, balanced, with a title and "
      "paragraphs")
def _():
    r = fetch("/html")
    ok(r, HTML, "/html")
    tree = parse_html(r, "/html")
    expect(r.body.startswith(b"<!DOCTYPE html>"), "no doctype")
    titles = tree.find("title")
    expect(len(titles) == 1 and titles[0][2].strip(), "no title")
    expect(tree.find("meta", charset="utf-8"), "no meta charset")
    paragraphs = tree.find("p")
    expect(len(paragraphs) >= 2, "%d paragraphs" % len(paragraphs))
    expect(b"Moby" not in r.body and b"Ishmael" not in r.body,
           "httpbin's excerpt")


@test("/json: JSON shaped like a slideshow, with nested objects and "
      "arrays")
def _():
    r = fetch("/json")
    ok(r, JSON, "/json")
    doc = json.loads(r.body.decode("utf-8"))
    show = doc["slideshow"]
    for key in ("author", "date", "title"):
        expect(isinstance(show[key], str) and show[key], "no %s" % key)
    slides = show["slides"]
    expect(isinstance(slides, list) and len(slides) >= 2, "slides")
    for s in slides:
        expect(isinstance(s["title"], str) and isinstance(s["type"], str),
               "slide %r" % s)
        if "items" in s:
            expect(isinstance(s["items"], list) and
                   all(isinstance(i, str) for i in s["items"]),
                   "items %r" % s)
    expect(any("items" in s for s in slides), "no slide has items")
    expect("WonderWidgets" not in r.body.decode(), "httpbin's sample")


@test("/xml: XML that xml.etree reads, the same slideshow, "
      "application/xml with charset")
def _():
    r = fetch("/xml")
    ok(r, XML, "/xml")
    expect(r.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'),
           "declaration %r" % r.body[:40])
    root = ET.fromstring(r.body)
    expect(root.tag == "slideshow", "root %r" % root.tag)
    for key in ("title", "date", "author"):
        expect(root.get(key), "no %s attribute" % key)
    slides = root.findall("slide")
    expect(len(slides) >= 2, "%d slides" % len(slides))
    for s in slides:
        expect(s.get("type") and s.find("title") is not None
               and s.find("title").text, "slide %r" % ET.tostring(s))
    expect(root.findall(".//item/em"), "no <em> inside an item")
    expect(b"WonderWidgets" not in r.body, "httpbin's sample")


@test("/robots.txt disallows /deny; /deny is plain text of our own")
def _():
    r = fetch("/robots.txt")
    ok(r, TEXT, "/robots.txt")
    expect(r.body == b"User-agent: *\nDisallow: /deny\n",
           "robots.txt %r" % r.body)
    r = fetch("/deny")
    ok(r, TEXT, "/deny")
    text = r.body.decode("ascii")
    expect(text.endswith("\n") and "robots.txt" in text,
           "deny %r" % text[:80])
    expect("SHOULDN'T" not in text, "go-httpbin's text")


@test("/encoding/utf8: valid UTF-8, HTML, with Greek, Cyrillic, CJK, "
      "Arabic, Hebrew, emoji, combining marks and mathematics")
def _():
    r = fetch("/encoding/utf8")
    ok(r, HTML, "/encoding/utf8")
    tree = parse_html(r, "/encoding/utf8")
    expect(tree.find("meta", charset="utf-8"), "no meta charset")
    text = r.body.decode("utf-8")
    names = {}
    for ch in text:
        try:
            names.setdefault(unicodedata.name(ch).split()[0], ch)
        except ValueError:
            pass
    for script in ("GREEK", "CYRILLIC", "CJK", "HIRAGANA", "KATAKANA",
                   "HANGUL", "ARABIC", "HEBREW", "DEVANAGARI", "THAI",
                   "TAMIL"):
        expect(script in names, "no %s character" % script)
    expect(any(unicodedata.combining(ch) for ch in text), "no combining mark")
    expect(sum(unicodedata.category(ch) == "Sm" for ch in text) >= 10,
           "few math symbols")
    expect(any(ord(ch) >= 0x1F300 for ch in text), "no emoji")
    expect("\u200d" in text, "no zero width joiner")
    expect(any(0x1D400 <= ord(ch) <= 0x1D7FF for ch in text),
           "no mathematical alphanumerics")
    expect(any(0x20000 <= ord(ch) <= 0x2FFFF for ch in text),
           "no CJK beyond the BMP")
    rtl = tree.find("p", dir="rtl")
    expect(len(rtl) >= 2, "right-to-left paragraphs: %d" % len(rtl))
    # Composed and decomposed forms differ in bytes, agree in NFC.
    expect("e\u0301" in text and "\u00e9" in text, "no é both ways")
    expect(unicodedata.normalize("NFC", "Tie\u0302\u0301ng") == "Tiếng",
           "the test's own NFC")


@test("/uuid: a version 4 UUID (RFC 9562), lowercase, new each time, "
      "no-store")
def _():
    seen = set()
    pattern = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                         r"[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    c = launch.Connection(HOST, MAIN.port, timeout=IO_TIMEOUT)
    try:
        for i in range(500):
            c.request("GET", "/uuid")
            r = c.getresponse()
            body = r.read()
            if i == 0:
                ok(Resp(r.status, r.getheaders(), body), JSON, "/uuid")
                expect(r.getheader("Cache-Control") == "no-store",
                       "Cache-Control %r" % r.getheader("Cache-Control"))
            doc = json.loads(body)
            expect(list(doc) == ["uuid"], "keys %r" % list(doc))
            u = doc["uuid"]
            expect(pattern.match(u), "not a v4 UUID: %r" % u)
            parsed = uuid.UUID(u)
            expect(parsed.version == 4 and parsed.variant == uuid.RFC_4122,
                   "version %r variant %r" % (parsed.version,
                                              parsed.variant))
            seen.add(u)
    finally:
        c.close()
    expect(len(seen) == 500, "%d distinct of 500" % len(seen))
    # Every one of the 122 random bits takes both values.
    ones = 0
    zeros = 0
    for u in seen:
        v = uuid.UUID(u).int
        ones |= v
        zeros |= ~v
    mask = (1 << 128) - 1
    fixed = (0xF << 76) | (0x3 << 62)
    expect((ones | fixed) & mask == mask and (zeros | fixed) & mask == mask,
           "some random bit never changes")


@test("/links/{n}/{offset}: n links but the current one, go-httpbin's "
      "markup")
def _():
    r = fetch("/links/10/3")
    ok(r, HTML, "/links/10/3")
    tree = parse_html(r, "/links/10/3")
    links = tree.find("a")
    expect([a[1]["href"] for a in links] ==
           ["/links/10/%d" % i for i in range(10) if i != 3],
           "hrefs %r" % [a[1].get("href") for a in links])
    expect([a[2] for a in links] == [str(i) for i in range(10) if i != 3],
           "link texts")
    expect(r.body.startswith(b"<html><head><title>Links</title></head>"
                             b"<body>"), "start %r" % r.body[:60])
    expect(b"</a> 3 <a" in r.body, "the current page is not plain text")
    expect(r.body.endswith(b"</body></html>"), "end %r" % r.body[-20:])
    # Edges: none, the most, an offset outside the page.
    expect(fetch("/links/0/0").body ==
           b"<html><head><title>Links</title></head><body></body></html>",
           "/links/0/0")
    r = fetch("/links/256/0")
    ok(r, HTML, "/links/256/0")
    expect(len(parse_html(r, "/links/256/0").find("a")) == 255, "256 links")
    for offset in ("-1", "3", "99999"):
        r = fetch("/links/3/" + offset)
        ok(r, HTML, "/links/3/" + offset)
        expect(len(parse_html(r, "").find("a")) == 3,
               "offset %s: %d links" % (offset, len(parse_html(r, "")
                                                     .find("a"))))


@test("/links/{n}: 302 to /links/{n}/0, keeping the query; bad numbers "
      "are 400, extra segments 404")
def _():
    r = fetch("/links/5")
    expect(r.status == 302 and r.get("Location") == "/links/5/0",
           "%r %r" % (r, r.get("Location")))
    expect(r.body == b"" and r.get("Content-Type") is None,
           "302 with content")
    r = fetch("/links/5?a=1&b=2")
    expect(r.status == 302 and r.get("Location") == "/links/5/0?a=1&b=2",
           "Location %r" % r.get("Location"))
    for path in ("/links/257", "/links/-1", "/links/x", "/links/1e3",
                 "/links/99999999999999999999", "/links/3/x", "/links/3/+",
                 "/links/257/0"):
        r = fetch(path)
        expect(r.status == 400, "%s: %d" % (path, r.status))
        expect(r.get("Content-Type") == TEXT, "%s: %s"
               % (path, r.get("Content-Type")))
    for path in ("/links/3/0/1", "/links", "/links/"):
        r = fetch(path)
        expect(r.status == 404, "%s: %d" % (path, r.status))


@test("/forms/post: a form posting to /post with go-httpbin's fields")
def _():
    r = fetch("/forms/post")
    ok(r, HTML, "/forms/post")
    tree = parse_html(r, "/forms/post")
    forms = tree.find("form")
    expect(len(forms) == 1, "%d forms" % len(forms))
    expect(forms[0][1].get("method") == "post" and
           forms[0][1].get("action") == "/post", "form %r" % forms[0][1])
    inputs = {}
    for e in tree.find("input"):
        inputs.setdefault(e[1]["name"], []).append(e[1])
    expect(len(inputs["custname"]) == 1, "custname")
    expect(inputs["custtel"][0].get("type") == "tel", "custtel")
    expect(inputs["custemail"][0].get("type") == "email", "custemail")
    expect([(i["type"], i["value"]) for i in inputs["size"]] ==
           [("radio", v) for v in ("small", "medium", "large")], "size")
    expect([(i["type"], i["value"]) for i in inputs["topping"]] ==
           [("checkbox", v) for v in ("bacon", "cheese", "onion",
                                      "mushroom")], "topping")
    d = inputs["delivery"][0]
    expect(d.get("type") == "time" and d.get("min") == "11:00" and
           d.get("max") == "21:00" and d.get("step") == "900",
           "delivery %r" % d)
    expect(set(inputs) == {"custname", "custtel", "custemail", "size",
                           "topping", "delivery"}, "inputs %r" % set(inputs))
    expect([e[1].get("name") for e in tree.find("textarea")] ==
           ["comments"], "textarea")
    expect(len(tree.find("button")) == 1, "no submit button")


@test("HEAD on every document: GET's status and fields, no content")
def _():
    for path in ("/html", "/json", "/xml", "/robots.txt", "/deny",
                 "/encoding/utf8", "/forms/post", "/links/4/1", "/links/4",
                 "/cookies"):
        g = fetch(path)
        h = fetch(path, "HEAD")
        expect(h.status == g.status and h.body == b"",
               "%s: HEAD %r with %d bytes" % (path, h, len(h.body)))
        for name in ("Content-Type", "Content-Length", "Location",
                     "Cache-Control"):
            expect(h.get(name) == g.get(name), "%s: HEAD %s %r, GET %r"
                   % (path, name, h.get(name), g.get(name)))


@test("methods: documents, /uuid, /links and /cookies take any method; "
      "/encoding/utf8 and /forms/post GET and HEAD only (405 with Allow)")
def _():
    for path in ("/html", "/json", "/xml", "/robots.txt", "/deny", "/uuid",
                 "/links/2/0", "/cookies"):
        for method in METHODS:
            r = fetch(path, method, body=b"x" if method != "GET" else None)
            expect(r.status == 200, "%s %s: %d" % (method, path, r.status))
    for path in ("/encoding/utf8", "/forms/post"):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            r = fetch(path, method)
            expect(r.status == 405, "%s %s: %d" % (method, path, r.status))
            expect(r.get("Allow") == "GET, HEAD",
                   "%s %s: Allow %r" % (method, path, r.get("Allow")))
        r = fetch(path, "TRACE")
        expect(r.status == 405 and r.get("Allow"), "TRACE %s" % path)
        r = fetch(path, "OPTIONS")
        expect(r.status == 204 and r.get("Allow"), "OPTIONS %s: %d"
               % (path, r.status))


# ----------------------------------------------------------------- cookies

def cookies_of(r):
    expect(r.status == 200, "status %d" % r.status)
    expect(r.get("Content-Type") == JSON, "Content-Type %r"
           % r.get("Content-Type"))
    doc = json.loads(r.body)
    expect(isinstance(doc, dict), "shape %r" % doc)
    return doc


@test("/cookies: the Cookie field as JSON; no-store; malformed pairs "
      "skipped; repeated fields read")
def _():
    r = fetch("/cookies")
    expect(cookies_of(r) == {}, "no cookies: %r" % r.body)
    expect(r.get("Cache-Control") == "no-store", "Cache-Control")
    r = fetch("/cookies", headers={"Cookie": "b=2; a=1"})
    expect(cookies_of(r) == {"a": "1", "b": "2"}, "%r" % r.body)
    expect(r.body == b'{"a": "1", "b": "2"}\n', "sorted")
    r = fetch("/cookies", headers={
        "Cookie": 'a=1;b=2 ; bad; =x; c=x y; d=1,2; e="q"; f=; g=h=i'})
    expect(cookies_of(r) == {"a": "1", "b": "2", "e": '"q"', "f": "",
                             "g": "h=i"}, "%r" % r.body)
    r = fetch_raw(["GET /cookies HTTP/1.1", "Host: x",
                   "Cookie: a=1; b=2", "X-Other: y", "cookie: a=3; c=4"])
    expect(cookies_of(r) == {"a": "3", "b": "2", "c": "4"},
           "repeated Cookie fields: %r" % r.body)


@test("/cookies/set: 302 to /cookies with one Set-Cookie per name, "
      "Path=/ and HttpOnly")
def _():
    r = fetch("/cookies/set?a=1&b=%41%2f&a=2&c")
    expect(r.status == 302 and r.get("Location") == "/cookies",
           "%r Location %r" % (r, r.get("Location")))
    expect(r.all("Set-Cookie") == ["a=1; Path=/; HttpOnly",
                                   "b=A/; Path=/; HttpOnly",
                                   "c=; Path=/; HttpOnly"],
           "Set-Cookie %r" % r.all("Set-Cookie"))
    expect(r.body == b"" and r.get("Content-Length") == "0", "content")
    expect(r.get("Cache-Control") == "no-store", "Cache-Control")
    r = fetch("/cookies/set", "POST", body=b"a=1")
    expect(r.status == 302 and not r.all("Set-Cookie"),
           "POST without a query: %r %r" % (r, r.all("Set-Cookie")))
    # The parameters every endpoint reads set no cookie.
    r = fetch("/cookies/set?sleep=0&retry_after=2&location=/x&k=v")
    expect(r.all("Set-Cookie") == ["k=v; Path=/; HttpOnly"],
           "common parameters: %r" % r.all("Set-Cookie"))


@test("/cookies/set: 400 for a value with spaces, quotes, ',', ';', '\\' "
      "or controls, or a name that is not a token")
def _():
    for query in ("a=x%20y", "a=%22x%22", "a=1,2", "a=%3B", "a=%5C",
                  "a=%0D%0AX:1", "a=%00", "a=%09", "a=%7F", "a=%C3%A9",
                  "=1", "a%20b=1", "a%3Db=1", "a(b)=1", "ok=1&bad=%20"):
        r = fetch("/cookies/set?" + query)
        expect(r.status == 400, "%s: %d" % (query, r.status))
        expect(not r.all("Set-Cookie"), "%s: Set-Cookie sent" % query)
        expect(r.get("Content-Type") == TEXT and
               b"parameter" in r.body.lower(),
               "%s: %r" % (query, r.body[:100]))
    r = fetch("/cookies/set?" + "&".join("c%d=%d" % (i, i)
                                          for i in range(21)))
    expect(r.status == 400, "21 cookies: %d" % r.status)
    r = fetch("/cookies/set?a=" + "x" * 5000)
    expect(r.status == 400, "a 5000-byte value: %d" % r.status)


@test("/cookies/delete: 302 with an Expires in the past for each name, "
      "same Path")
def _():
    before = time.time()
    r = fetch("/cookies/delete?a&b=1&a")
    expect(r.status == 302 and r.get("Location") == "/cookies", "%r" % r)
    sc = r.all("Set-Cookie")
    expect(len(sc) == 2, "Set-Cookie %r" % sc)
    for name, line in zip("ab", sc):
        m = re.match(r"^%s=; Path=/; Expires=(.+ GMT); HttpOnly$" % name,
                     line)
        expect(m, "Set-Cookie %r" % line)
        when = parsedate_to_datetime(m.group(1)).timestamp()
        expect(when < before - 300 * 86400, "Expires %s" % m.group(1))
    expect(fetch("/cookies/delete?a%20b").status == 400, "bad name")


@test("a cookie jar (http.cookiejar) follows /cookies/set and "
      "/cookies/delete and sees its cookies at /cookies")
def _():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        urllib.request.HTTPSHandler(context=launch.context(MAIN.port)),
        urllib.request.HTTPCookieProcessor(jar))

    def get(path):
        with opener.open(url(path), timeout=IO_TIMEOUT) as f:
            return f.geturl(), f.status, json.loads(f.read())

    where, status, doc = get("/cookies/set?k1=v1&k2=v%212&k3=three")
    expect(where == url("/cookies") and status == 200,
           "ended at %s with %d" % (where, status))
    expect(doc == {"k1": "v1", "k2": "v!2", "k3": "three"},
           "after set: %r" % doc)
    stored = {c.name: c for c in jar}
    expect(set(stored) == {"k1", "k2", "k3"}, "jar %r" % set(stored))
    for c in stored.values():
        expect(c.path == "/" and not c.secure and c.expires is None and
               c.has_nonstandard_attr("HttpOnly"),
               "cookie %s: path %r secure %r expires %r"
               % (c.name, c.path, c.secure, c.expires))
    # Seen from any path, since Path=/.
    where, status, doc = get("/cookies/set")
    expect(doc == {"k1": "v1", "k2": "v!2", "k3": "three"},
           "after an empty set: %r" % doc)
    where, status, doc = get("/cookies/delete?k1&k3")
    expect(where == url("/cookies") and
           doc == {"k2": "v!2"}, "after delete: %r" % doc)
    expect({c.name for c in jar} == {"k2"},
           "jar after delete %r" % {c.name for c in jar})
    where, status, doc = get("/cookies/set?k2=changed")
    expect(doc == {"k2": "changed"}, "replaced: %r" % doc)


# ------------------------------------------------------------------ runner

def main(argv):
    global MAIN
    if len(argv) != 2:
        print("usage: test_formats.py BINARY", file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    if not os.access(binary, os.X_OK):
        print("%s: not an executable" % binary, file=sys.stderr)
        return 2
    launch.BINARY = binary
    launch.watchdog(120)
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

    try:
        MAIN = Server("--workers", "2")
    except Exception as e:  # noqa: BLE001
        result("the server starts", "%s: %s" % (type(e).__name__, e))
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
    finally:
        for s in SERVERS:
            s.kill()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
