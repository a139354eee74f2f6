#!/usr/bin/env python3
"""tests/server/test_auth.py: end-to-end tests of the authentication and
base64 endpoints of `httpstatus serve` (server/auth.c): /basic-auth,
/hidden-basic-auth, /bearer, /digest-auth and /base64.

    python3 tests/server/test_auth.py BINARY

Talks to the server over real sockets: http.client for well-formed
requests, raw sockets for the heads http.client will not send (two
Authorization fields, bytes above 0x7F, control bytes), and curl for
Digest end to end. Digest responses are also computed here by hand with
hashlib (RFC 7616, Section 3.4.1), for qop auth and auth-int, MD5,
SHA-256 and their -sess forms. A build without libcrypto answers the
Digest routes with 501: the tests check that and skip the rest of
Digest. Prints "ok - NAME" or "not ok - NAME: reason" per test, then
"N passed, N failed". Python 3.11 standard library only, and curl.
"""
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys

import launch
from launch import HOST, LIVE, Server, expect, report, test

SRV = None
TEXT = "text/plain; charset=utf-8"
JSON = "application/json; charset=utf-8"  # as go-httpbin labels it
CHALLENGE_BASIC = 'Basic realm="Fake Realm"'
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")




def fetch(path, method="GET", headers=None, body=None, port=None):
    return launch.fetch(port or SRV.port, path, method, headers, body)


def fetch_raw(method, path, fields, body=b""):
    """Sends a head made of the request line, Host, fields (a list of
    raw byte lines) and Content-Length when there is a body, as it is;
    reads one response with http.client's parser."""
    head = [("%s %s HTTP/1.1" % (method, path)).encode(), b"Host: t"]
    head += fields
    if body:
        head.append(b"Content-Length: %d" % len(body))
    return launch.send_raw(SRV.port, b"\r\n".join(head) + b"\r\n\r\n" + body,
                           method)


def basic(user, password):
    if isinstance(user, str):
        user = user.encode()
    if isinstance(password, str):
        password = password.encode()
    return "Basic " + base64.b64encode(user + b":" + password).decode()


def auth(value):
    return {"Authorization": value}


def is_json(r, doc, what):
    expect(r.get("Content-Type") == JSON,
           "%s: Content-Type %r" % (what, r.get("Content-Type")))
    got = r.json()
    expect(got == doc, "%s: %r, not %r" % (what, got, doc))


# ---------------------------------------------------------------- Basic

@test("/basic-auth: no credentials are a 401 with the Basic challenge and "
      "go-httpbin's {authorized: false, user: \"\"}")
def _():
    r = fetch("/basic-auth/u/p")
    expect(r.status == 401, "status %d" % r.status)
    expect(r.all("WWW-Authenticate") == [CHALLENGE_BASIC],
           "challenge %r" % r.all("WWW-Authenticate"))
    is_json(r, {"authorized": False, "user": ""}, "no credentials")
    expect(r.body.startswith(b'{\n  "authorized": false,'),
           "indented as go-httpbin: %r" % r.body)


@test("/basic-auth: the right user and password are a 200 "
      "{authorized: true, user}, with every method that route takes")
def _():
    for m in METHODS:
        r = fetch("/basic-auth/user/passwd", m, auth(basic("user", "passwd")))
        expect(r.status == 200, "%s: status %d" % (m, r.status))
        expect(r.get("WWW-Authenticate") is None, "%s: a challenge" % m)
        if m == "HEAD":
            expect(r.body == b"", "HEAD has content")
            continue
        is_json(r, {"authorized": True, "user": "user"}, m)


@test("/basic-auth: a wrong password or user is a 401 that names the user "
      "sent")
def _():
    for user, password in (("user", "wrong"), ("other", "passwd"),
                           ("user", ""), ("", "passwd"), ("User", "passwd"),
                           ("user", "passwd "), ("user", "passw")):
        r = fetch("/basic-auth/user/passwd", headers=auth(basic(user,
                                                                password)))
        expect(r.status == 401, "%r:%r: %d" % (user, password, r.status))
        expect(r.all("WWW-Authenticate") == [CHALLENGE_BASIC],
               "%r: challenge %r" % (user, r.all("WWW-Authenticate")))
        is_json(r, {"authorized": False, "user": user}, repr(user))


@test("/basic-auth: the scheme is case-insensitive, spaces after it are "
      "allowed, a password may hold ':'")
def _():
    token = base64.b64encode(b"u:p").decode()
    for value in ("basic " + token, "BASIC " + token, "Basic    " + token,
                  " Basic %s " % token):
        r = fetch("/basic-auth/u/p", headers=auth(value))
        expect(r.status == 200, "%r: %d" % (value, r.status))
    r = fetch("/basic-auth/u/a:b:c", headers=auth(basic("u", "a:b:c")))
    expect(r.status == 200, "colons in the password: %d" % r.status)
    # The user-id ends at the first colon: "u:a" and "b" is not "u" and
    # "a:b".
    r = fetch("/basic-auth/u:a/b", headers=auth(basic("u", "a:b")))
    expect(r.status == 401, "a colon in the path's user: %d" % r.status)


@test("/basic-auth: path segments are percent-decoded after the split, so "
      "%2F is a slash in a user; UTF-8 users and passwords work")
def _():
    cases = (("/basic-auth/u%20x/p%2Fq", "u x", "p/q"),
             ("/basic-auth/%C3%A9l%C3%A8ve/m%C3%B8t", "élève", "møt"),
             ("/basic-auth/a+b/c", "a+b", "c"),
             ("/basic-auth/%22q%22/%5C", '"q"', "\\"))
    for path, user, password in cases:
        r = fetch(path, headers=auth(basic(user.encode(),
                                           password.encode())))
        expect(r.status == 200, "%s: %d" % (path, r.status))
        is_json(r, {"authorized": True, "user": user}, path)
    r = fetch("/basic-auth/u%zz/p", headers=auth(basic("u", "p")))
    expect(r.status == 400, "a bad %%-escape: %d %r" % (r.status, r.body))


@test("/basic-auth: an empty user or password in the path needs credentials "
      "all the same (go-httpbin lets /basic-auth// through without any)")
def _():
    r = fetch("/basic-auth//p", headers=auth(basic("", "p")))
    expect(r.status == 200, "empty user: %d" % r.status)
    is_json(r, {"authorized": True, "user": ""}, "empty user")
    r = fetch("/basic-auth/u/", headers=auth(basic("u", "")))
    expect(r.status == 200, "empty password: %d" % r.status)
    for path in ("/basic-auth//", "/basic-auth//p", "/basic-auth/u/"):
        r = fetch(path)
        expect(r.status == 401, "%s with no credentials: %d"
               % (path, r.status))
    r = fetch("/basic-auth//", headers=auth(basic("", "")))
    expect(r.status == 200, "':' for /basic-auth//: %d" % r.status)


@test("/basic-auth: other numbers of segments are a 404")
def _():
    for path in ("/basic-auth/", "/basic-auth/u", "/basic-auth/u/p/",
                 "/basic-auth/u/p/x", "/basic-auth", "/basic-auth/u/p/x/y"):
        r = fetch(path, headers=auth(basic("u", "p")))
        expect(r.status == 404, "%s: %d" % (path, r.status))


@test("/basic-auth: malformed Authorization fields are a 401 with user "
      "\"\", never a crash")
def _():
    b64 = lambda raw: base64.b64encode(raw).decode()  # noqa: E731
    bad = [
        b64(b"u:p"),                            # no scheme
        "Basic",                                # no credentials
        "Basic ",                               # the same, trailing space
        "Basic !!!",                            # not base64
        "Basic dTp",                            # a length base64 never has
        "Basic " + b64(b"u:pp").rstrip("="),    # padding left out
        "Basic " + b64(b"u:pp") + "=",          # padding too long
        "Basic " + b64(b"u:p") + "=",           # padding where none goes
        "Basic " + b64(b"up"),                  # no colon
        "Basic " + b64(b"u\x01:p"),             # a control byte
        "Basic " + b64(b"u:p\x7f"),             # DEL
        "Basic " + b64(b"u:p\x00"),             # NUL
        "Basic\t" + b64(b"u:p"),                # HTAB after the scheme
        "Basic " + b64(b"u:p") + " extra",      # two tokens
        "Basic " + b64(b"u:p")[:-1] + "-",      # the URL-safe alphabet
        "Basic=" + b64(b"u:p"),
        "Basicdu" + b64(b"u:p"),
        "Bearer " + b64(b"u:p"),                # another scheme
        "Digest username=\"u\"",
        "",                                     # empty
        "Basic " + "A" * 8000,                  # huge, but well under 16 KiB
    ]
    problems = []
    for value in bad:
        r = fetch("/basic-auth/u/p", headers=auth(value))
        if r.status != 401 or r.json() != {"authorized": False, "user": ""}:
            problems.append("%r: %d %r" % (value[:40], r.status, r.body[:80]))
        elif r.all("WWW-Authenticate") != [CHALLENGE_BASIC]:
            problems.append("%r: no challenge" % value[:40])
    r = fetch("/basic-auth/u/p", headers=auth(basic("u", "p" * 6000)))
    if r.status != 401 or r.json() != {"authorized": False, "user": "u"}:
        problems.append("a huge password: %d" % r.status)
    report(problems)


@test("/basic-auth: bytes above 0x7F in the field or in the credentials "
      "pass as they are: user is JSON, bad UTF-8 as U+FFFD")
def _():
    r = fetch_raw("GET", "/basic-auth/u/p",
                  [b"Authorization: Basic \xc3\xa9\xff"])
    expect(r.status == 401 and r.json()["user"] == "",
           "raw bytes in the token: %d %r" % (r.status, r.body))
    r = fetch("/basic-auth/u/p", headers=auth(basic(b"\xff\xfeu", b"p")))
    expect(r.status == 401, "latin-1 user: %d" % r.status)
    expect(r.json()["user"] == "\ufffd\ufffdu",
           "bad UTF-8 escaped: %r" % r.body)
    r = fetch("/basic-auth/%FF/p", headers=auth(basic(b"\xff", b"p")))
    expect(r.status == 200, "a non-UTF-8 user in path and field: %d"
           % r.status)


@test("/basic-auth: two Authorization fields are a 400 (RFC 9110, "
      "Section 5.3); an oversized one a 431")
def _():
    line = ("Authorization: " + basic("u", "p")).encode()
    r = fetch_raw("GET", "/basic-auth/u/p", [line, line])
    expect(r.status == 400 and b"Authorization" in r.body,
           "two fields: %d %r" % (r.status, r.body))
    r = fetch_raw("GET", "/basic-auth/u/p",
                  [b"Authorization: Basic " + b"A" * 20000])
    expect(r.status == 431, "20000 bytes: %d" % r.status)


@test("/basic-auth: TRACE and CONNECT get 405 with Allow; OPTIONS 204")
def _():
    r = fetch_raw("TRACE", "/basic-auth/u/p", [])
    expect(r.status == 405 and r.get("Allow"), "TRACE: %d" % r.status)
    r = fetch("/basic-auth/u/p", "OPTIONS")
    expect(r.status == 204, "OPTIONS: %d" % r.status)


# ----------------------------------------------------------- hidden basic

@test("/hidden-basic-auth: without the right credentials, the 404 of a path "
      "that does not exist, with no challenge")
def _():
    missing = fetch("/no/such/path")
    for headers in ({}, auth(basic("u", "x")), auth("Basic !!!"),
                    auth("Bearer t")):
        r = fetch("/hidden-basic-auth/u/p", headers=headers)
        expect(r.status == 404, "%r: %d" % (headers, r.status))
        expect(r.get("WWW-Authenticate") is None,
               "%r: a challenge %r" % (headers, r.get("WWW-Authenticate")))
        expect(r.body == missing.body and
               r.get("Content-Type") == missing.get("Content-Type"),
               "%r: not the unknown path's 404: %r" % (headers, r.body[:60]))


@test("/hidden-basic-auth: the right credentials are a 200 with any method")
def _():
    for m in METHODS:
        r = fetch("/hidden-basic-auth/u%20v/p", m, auth(basic("u v", "p")))
        expect(r.status == 200, "%s: %d" % (m, r.status))
        if m != "HEAD":
            is_json(r, {"authorized": True, "user": "u v"}, m)
    for path in ("/hidden-basic-auth/u", "/hidden-basic-auth/u/p/"):
        r = fetch(path, headers=auth(basic("u", "p")))
        expect(r.status == 404, "%s: %d" % (path, r.status))


# ---------------------------------------------------------------- Bearer

@test("/bearer: no Authorization, or another scheme, is a 401 with "
      "WWW-Authenticate: Bearer and no error code (RFC 6750, Section 3.1)")
def _():
    for headers in ({}, auth(basic("u", "p")), auth("Digest x=1"),
                    auth("Bearerx t"), auth("Token abc")):
        r = fetch("/bearer", headers=headers)
        expect(r.status == 401, "%r: %d" % (headers, r.status))
        expect(r.all("WWW-Authenticate") == ["Bearer"],
               "%r: challenge %r" % (headers, r.all("WWW-Authenticate")))


@test("/bearer: a b64token is a 200 {authenticated: true, token}, the "
      "scheme in any case, with any method")
def _():
    tokens = ("abc", "a-b.c_d~e+f/g==", "A" * 8000, "0", "tok=")
    for t in tokens:
        r = fetch("/bearer", headers=auth("Bearer " + t))
        expect(r.status == 200, "%r: %d" % (t[:20], r.status))
        is_json(r, {"authenticated": True, "token": t}, t[:20])
    for value in ("bearer abc", "BEARER abc", "Bearer   abc",
                  " Bearer abc "):
        r = fetch("/bearer", headers=auth(value))
        expect(r.status == 200 and r.json()["token"] == "abc",
               "%r: %d %r" % (value, r.status, r.body))
    for m in METHODS:
        r = fetch("/bearer", m, auth("Bearer abc"))
        expect(r.status == 200, "%s: %d" % (m, r.status))


@test("/bearer: a Bearer field without one b64token is a 400 "
      "invalid_request (RFC 6750, Section 3.1)")
def _():
    bad = ("Bearer", "Bearer ", "Bearer a b", "Bearer a,b", 'Bearer "abc"',
           "Bearer =abc", "Bearer a=b", "Bearer a;b", "Bearer\tabc",
           "Bearer token=abc", "")
    problems = []
    for value in bad:
        r = fetch("/bearer", headers=auth(value))
        if r.status != 400:
            problems.append("%r: %d" % (value, r.status))
        elif r.all("WWW-Authenticate") != ['Bearer error="invalid_request"']:
            problems.append("%r: challenge %r"
                            % (value, r.all("WWW-Authenticate")))
    r = fetch_raw("GET", "/bearer", [b"Authorization: Bearer t\xc3\xa9"])
    if r.status != 400:
        problems.append("non-ASCII token: %d" % r.status)
    report(problems)


@test("/bearer: a refused request gets no ?header field and no ?sleep; a "
      "good one gets its ?header")
def _():
    r = fetch("/bearer?header=X-A:1&sleep=5000", headers=auth("Bearer a b"))
    expect(r.status == 400 and r.get("X-A") is None,
           "400: %d %r" % (r.status, r.get("X-A")))
    r = fetch("/bearer?header=X-A:1", headers=auth("Bearer ab"))
    expect(r.status == 200 and r.get("X-A") == "1",
           "200: %d %r" % (r.status, r.get("X-A")))


@test("/bearer: two Authorization fields are a 400")
def _():
    r = fetch_raw("GET", "/bearer", [b"Authorization: Bearer a",
                                     b"Authorization: Bearer a"])
    expect(r.status == 400, "status %d" % r.status)


# ---------------------------------------------------------------- Digest

def parse_challenge(value):
    """The scheme and parameters of a challenge, with whether each value
    was quoted."""
    m = re.match(r"\s*(\S+)\s+(.*)$", value)
    expect(m is not None, "challenge %r" % value)
    params = {}
    for name, quoted, token in re.findall(
            r'([A-Za-z-]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))', m.group(2)):
        params[name.lower()] = (quoted if quoted or not token else token,
                                bool(quoted) or not token)
    return m.group(1), params


def H(alg, data):
    fn = hashlib.sha256 if alg.upper().startswith("SHA-256") else hashlib.md5
    return fn(data if isinstance(data, bytes) else data.encode()).hexdigest()


def digest_value(user, password, realm, nonce, uri, method="GET",
                 alg="MD5", qop="auth", nc="00000001", cnonce="c0ffee42",
                 body=b"", opaque=None, response=None, extra=""):
    """An Authorization value computed by hand, RFC 7616, Section 3.4.1."""
    enc = lambda s: s if isinstance(s, bytes) else s.encode()  # noqa: E731
    ha1 = H(alg, enc(user) + b":" + enc(realm) + b":" + enc(password))
    if alg.lower().endswith("-sess"):
        ha1 = H(alg, "%s:%s:%s" % (ha1, nonce, cnonce))
    a2 = "%s:%s" % (method, uri)
    if qop == "auth-int":
        a2 += ":" + H(alg, body)
    ha2 = H(alg, a2)
    if qop:
        resp = H(alg, "%s:%s:%s:%s:%s:%s" % (ha1, nonce, nc, cnonce, qop,
                                             ha2))
    else:
        resp = H(alg, "%s:%s:%s" % (ha1, nonce, ha2))
    if response is not None:
        resp = response
    u = user.decode("latin-1") if isinstance(user, bytes) else user
    v = ('Digest username="%s", realm="%s", nonce="%s", uri="%s", '
         'algorithm=%s, response="%s"' % (u, realm, nonce, uri, alg, resp))
    if qop:
        v += ', qop=%s, nc=%s, cnonce="%s"' % (qop, nc, cnonce)
    if opaque is not None:
        v += ', opaque="%s"' % opaque
    return v + extra


def challenge(path, method="GET"):
    r = fetch(path, method)
    expect(r.status == 401, "%s: %d" % (path, r.status))
    values = r.all("WWW-Authenticate")
    expect(len(values) == 1, "%s: %r" % (path, values))
    scheme, p = parse_challenge(values[0])
    expect(scheme == "Digest", "scheme %r" % scheme)
    return p


DIGEST = None  # whether the build hashes Digest credentials


def digest_available():
    global DIGEST
    if DIGEST is None:
        DIGEST = fetch("/digest-auth/auth/u/p").status != 501
    return DIGEST


def answer(path, user="u", password="p", method="GET", alg="MD5",
           qop="auth", body=b"", **kw):
    """Gets a challenge for path, answers it, returns the response."""
    p = challenge(path, method)
    v = digest_value(user, password, p["realm"][0], p["nonce"][0], path,
                     method, alg, qop, body=body, opaque=p["opaque"][0], **kw)
    return fetch(path, method, auth(v), body or None)


@test("/digest-auth: without libcrypto the Digest routes answer 501; with "
      "it, 401 and a challenge whose realm, qop, nonce and opaque are "
      "quoted-strings (RFC 7616, Section 3.3)")
def _():
    r = fetch("/digest-auth/auth/u/p")
    if not digest_available():
        expect(r.status == 501 and b"libcrypto" in r.body,
               "501 %r" % r.body)
        r = fetch("/digest-auth/bogus/u/p")
        expect(r.status == 400, "the path is checked first: %d" % r.status)
        return
    for path, qop, alg in (("/digest-auth/auth/u/p", "auth", "MD5"),
                           ("/digest-auth/auth/u/p/MD5", "auth", "MD5"),
                           ("/digest-auth/AUTH/u/p/sha-256", "auth",
                            "SHA-256"),
                           ("/digest-auth/auth-int/u/p/SHA-256-sess",
                            "auth-int", "SHA-256-sess"),
                           ("/digest-auth/auth/u/p/md5-SESS", "auth",
                            "MD5-sess")):
        p = challenge(path)
        expect(p["realm"][1] and p["realm"][0],
               "%s: realm %r" % (path, p.get("realm")))
        expect(p["qop"] == (qop, True), "%s: qop %r" % (path, p.get("qop")))
        expect(p["algorithm"][0] == alg,
               "%s: algorithm %r" % (path, p.get("algorithm")))
        for name in ("nonce", "opaque"):
            expect(p[name][1] and re.fullmatch("[0-9a-f]{32}", p[name][0]),
                   "%s: %s %r" % (path, name, p.get(name)))
    a = challenge("/digest-auth/auth/u/p")
    b = challenge("/digest-auth/auth/u/p")
    expect(a["nonce"] != b["nonce"] and a["opaque"] != b["opaque"],
           "two challenges share a nonce or opaque")


@test("/digest-auth: the path's qop must be auth or auth-int and its "
      "algorithm MD5, SHA-256 or their -sess forms (400); other lengths "
      "are a 404")
def _():
    for path in ("/digest-auth/x/u/p", "/digest-auth//u/p",
                 "/digest-auth/auth,auth-int/u/p",
                 "/digest-auth/auth/u/p/SHA-512",
                 "/digest-auth/auth/u/p/SHA-512-256",
                 "/digest-auth/auth/u/p/SHA-512-256-sess",
                 "/digest-auth/auth/u/p/", "/digest-auth/auth/u/p/md6",
                 "/digest-auth/auth/u%zz/p"):
        r = fetch(path)
        expect(r.status == 400, "%s: %d" % (path, r.status))
    for path in ("/digest-auth/auth/u", "/digest-auth/auth",
                 "/digest-auth/", "/digest-auth/auth/u/p/MD5/x"):
        r = fetch(path)
        expect(r.status == 404, "%s: %d" % (path, r.status))


@test("/digest-auth: responses computed by hand (hashlib) pass for qop "
      "auth and auth-int, MD5, SHA-256 and the -sess forms")
def _():
    if not digest_available():
        return
    problems = []
    for qop in ("auth", "auth-int"):
        for alg in ("MD5", "SHA-256", "MD5-sess", "SHA-256-sess"):
            path = "/digest-auth/%s/user/passwd/%s" % (qop, alg)
            for method, body in (("GET", b""), ("POST", b"a=1&b=2"),
                                 ("PUT", b"\x00\xff binary")):
                r = answer(path, "user", "passwd", method, alg, qop, body)
                if r.status != 200:
                    problems.append("%s %s: %d %r"
                                    % (method, path, r.status, r.body))
                elif r.json() != {"authorized": True, "user": "user"}:
                    problems.append("%s: %r" % (path, r.body))
    report(problems)


@test("/digest-auth: HEAD, a query in the target, a UTF-8 user and a "
      "percent-decoded password")
def _():
    if not digest_available():
        return
    r = answer("/digest-auth/auth/u/p", method="HEAD")
    expect(r.status == 200 and r.body == b"", "HEAD: %d" % r.status)
    r = answer("/digest-auth/auth/u/p?x=1&y=%20")
    expect(r.status == 200, "a query: %d" % r.status)
    r = answer("/digest-auth/auth/%C3%A9/a%2Fb", user="é".encode(),
               password="a/b")
    expect(r.status == 200 and r.json()["user"] == "é",
           "UTF-8: %d %r" % (r.status, r.body))


@test("/digest-auth: a wrong password, user, nonce, realm or response is a "
      "401 with a fresh challenge; any nonce the client uses throughout "
      "passes, as in go-httpbin")
def _():
    if not digest_available():
        return
    path = "/digest-auth/auth/u/p"
    p = challenge(path)
    realm, nonce = p["realm"][0], p["nonce"][0]

    def send(v):
        return fetch(path, headers=auth(v))

    cases = {
        "wrong password": digest_value("u", "x", realm, nonce, path),
        "wrong user": digest_value("v", "p", realm, nonce, path),
        "response for another nonce":
            digest_value("u", "p", realm, "0" * 32, path)
            .replace("0" * 32, nonce),
        "wrong realm": digest_value("u", "p", "Fake Realm", nonce, path),
        "wrong response": digest_value("u", "p", realm, nonce, path,
                                       response="0" * 32),
        "response not hex": digest_value("u", "p", realm, nonce, path,
                                         response="z" * 32),
        "response too short": digest_value("u", "p", realm, nonce, path,
                                           response="ab" * 8),
        "no qop (RFC 2069)": digest_value("u", "p", realm, nonce, path,
                                          qop=None),
        "qop not offered": digest_value("u", "p", realm, nonce, path,
                                        qop="auth-int"),
        "another algorithm": digest_value("u", "p", realm, nonce, path,
                                          alg="SHA-256"),
        "bad nc": digest_value("u", "p", realm, nonce, path, nc="1"),
        "wrong method": digest_value("u", "p", realm, nonce, path,
                                     method="POST"),
    }
    problems = []
    for what, v in cases.items():
        r = send(v)
        if r.status != 401:
            problems.append("%s: %d" % (what, r.status))
            continue
        q = parse_challenge(r.get("WWW-Authenticate") or "x y")[1]
        if q.get("nonce", ("",))[0] in ("", nonce):
            problems.append("%s: no fresh nonce" % what)
    r = send(digest_value("u", "p", realm, "made-up-nonce", path))
    if r.status != 200:
        problems.append("a nonce of the client's own: %d" % r.status)
    report(problems)


@test("/digest-auth: a uri other than the request target is a 400 "
      "(RFC 7616, Section 3.4.6)")
def _():
    if not digest_available():
        return
    path = "/digest-auth/auth/u/p"
    p = challenge(path)
    for uri in ("/digest-auth/auth/u/x", path + "?a=1", "/", "",
                "http://t" + path, path.upper()):
        v = digest_value("u", "p", p["realm"][0], p["nonce"][0], uri)
        r = fetch(path, headers=auth(v))
        expect(r.status == 400 and b"uri" in r.body,
               "%r: %d %r" % (uri, r.status, r.body))


@test("/digest-auth: auth-int hashes the content: a response for other "
      "content is a 401")
def _():
    if not digest_available():
        return
    path = "/digest-auth/auth-int/u/p"
    p = challenge(path, "POST")
    v = digest_value("u", "p", p["realm"][0], p["nonce"][0], path, "POST",
                     qop="auth-int", body=b"one")
    r = fetch(path, "POST", auth(v), b"two")
    expect(r.status == 401, "tampered: %d" % r.status)
    r = fetch(path, "POST", auth(v), b"one")
    expect(r.status == 200, "untampered: %d" % r.status)


@test("/digest-auth: malformed Digest fields are a 401 with a challenge, "
      "never a crash; two Authorization fields a 400")
def _():
    if not digest_available():
        return
    path = "/digest-auth/auth/u/p"
    p = challenge(path)
    good = digest_value("u", "p", p["realm"][0], p["nonce"][0], path)
    bad = [
        "Digest",
        "Digest ",
        "Digest username",
        'Digest username="u',                     # unterminated
        good + ', username="u"',                  # a duplicate
        good.replace(", response=", ", Response=x, response="),
        good.replace("Digest ", "Digest,,"),
        good.replace('cnonce="c0ffee42"', "cnonce"),
        good.replace(", cnonce=\"c0ffee42\"", ""),  # no cnonce
        good.replace(", nc=00000001", ""),          # no nc
        good.replace('username="u", ', ""),       # no username
        good.replace("Digest ", "Digest\t"),
        good.replace("Digest ", ""),              # no scheme
        "Digest " + ", ".join("p%d=1" % i for i in range(40)),
        "Digest username*=UTF-8''%ff, " + good[7:],
        "Digest username=\"" + "u" * 8000 + "\"",
        basic("u", "p"),
        "Bearer abc",
    ]
    problems = []
    for v in bad:
        r = fetch(path, headers=auth(v))
        if r.status != 401:
            problems.append("%r: %d" % (v[:50], r.status))
        elif not (r.get("WWW-Authenticate") or "").startswith("Digest "):
            problems.append("%r: no challenge" % v[:50])
    r = fetch_raw("GET", path, [b"Authorization: Digest username=\"\xc3\xa9"
                                b"\xff\", realm=\"x\""])
    if r.status != 401:
        problems.append("raw bytes: %d" % r.status)
    r = fetch_raw("GET", path, [("Authorization: " + good).encode()] * 2)
    if r.status != 400:
        problems.append("two fields: %d" % r.status)
    report(problems)


def curl(*args):
    out = subprocess.run(["curl", *launch.curl_tls(), "-s", "-o", "-", "-w",
                          "\n%{http_code}", *args], capture_output=True,
                         timeout=LIVE)
    text = out.stdout.decode("utf-8", "replace")
    body, _, code = text.rpartition("\n")
    return int(code or 0), body


@test("/digest-auth: curl --digest passes end to end with MD5, SHA-256, "
      "MD5-sess and auth-int (GET), and fails with a wrong password")
def _():
    if not digest_available() or shutil.which("curl") is None:
        return
    base = launch.url(SRV.port, "")
    for path in ("/digest-auth/auth/user/pass",
                 "/digest-auth/auth/user/pass/MD5",
                 "/digest-auth/auth/user/pass/SHA-256",
                 "/digest-auth/auth/user/pass/MD5-sess",
                 "/digest-auth/auth/user/pass/SHA-256-sess",
                 "/digest-auth/auth-int/user/pass",
                 "/digest-auth/auth/user/pass?q=1"):
        code, body = curl("--digest", "-u", "user:pass", base + path)
        expect(code == 200 and json.loads(body) ==
               {"authorized": True, "user": "user"},
               "%s: %d %r" % (path, code, body[:100]))
    code, _ = curl("--digest", "-u", "user:nope",
                   base + "/digest-auth/auth/user/pass")
    expect(code == 401, "a wrong password: %d" % code)
    code, body = curl("--digest", "-u", "user:pass", "-X", "POST",
                      "--data", "x=1", base + "/digest-auth/auth/user/pass")
    expect(code == 200, "POST: %d %r" % (code, body[:100]))


# ---------------------------------------------------------------- base64

@test("/base64: standard and URL-safe values decode to text/plain, with "
      "or without /decode/, with any method")
def _():
    cases = (("/base64/aGVsbG8gd29ybGQ=", b"hello world"),
             ("/base64/decode/aGVsbG8gd29ybGQ=", b"hello world"),
             ("/base64/aGk%3D", b"hi"),
             ("/base64/decode/aGVsbG8-_w==", b"hello>\xff"),
             ("/base64/decode/aGVsbG8+/w==", b"hello>\xff"),
             ("/base64/aGVsbG8%2B%2Fw==", b"hello>\xff"),
             ("/base64/4pyTIMOgIGxhIG1vZGU=", "✓ à la mode".encode()),
             ("/base64/AA==", b"\x00"),
             ("/base64/decode/decode", None),
             ("/base64/ZW5jb2Rl", b"encode"))
    for path, want in cases:
        r = fetch(path)
        if want is None:
            expect(r.status == 400, "%s: %d" % (path, r.status))
            continue
        expect(r.status == 200 and r.body == want,
               "%s: %d %r" % (path, r.status, r.body))
        expect(r.get("Content-Type") == TEXT, "%s: %r"
               % (path, r.get("Content-Type")))
    for m in METHODS:
        r = fetch("/base64/aGk=", m)
        expect(r.status == 200 and r.body == (b"" if m == "HEAD" else b"hi"),
               "%s: %d %r" % (m, r.status, r.body))


@test("/base64/encode: the percent-decoded rest of the path in URL-safe "
      "base64 with padding")
def _():
    cases = (("/base64/encode/hello%20world", b"aGVsbG8gd29ybGQ="),
             ("/base64/encode/a/b/c", b"YS9iL2M="),
             ("/base64/encode/%FF%FE", b"__4="),
             ("/base64/encode/%3E%3E%3F", b"Pj4_"),
             ("/base64/encode/a+b", b"YSti"),
             ("/base64/encode/x", b"eA=="))
    for path, want in cases:
        r = fetch(path)
        expect(r.status == 200 and r.body == want,
               "%s: %d %r" % (path, r.status, r.body))
    raw = bytes(range(256)) * 8
    path = "/base64/encode/" + "".join("%%%02X" % c for c in raw[:2000])
    r = fetch(path)
    expect(r.status == 200 and
           base64.urlsafe_b64decode(r.body) == raw[:2000],
           "2000 bytes: %d" % r.status)
    r = fetch("/base64/" + base64.b64encode(raw).decode()
              .replace("/", "%2F"))
    expect(r.status == 200 and r.body == raw, "2048 bytes back: %d"
           % r.status)


@test("/base64: bad values are a 400 that says what is wrong")
def _():
    bad = ("/base64/", "/base64/!!!", "/base64/aGVsbG8gd29ybGQ",
           "/base64/a+b_", "/base64/QR==", "/base64/aGk%3D%3D",
           "/base64/aG%0Ak=", "/base64/a", "/base64/%zz",
           "/base64/decode/", "/base64/encode/", "/base64/bogus/abc",
           "/base64/ab/cd==", "/base64/decode/aGk=/", "/base64/aGk= ")
    problems = []
    for path in bad:
        r = fetch_raw("GET", path.replace(" ", "%20"), [])
        if r.status != 400:
            problems.append("%s: %d" % (path, r.status))
        elif r.get("Content-Type") != TEXT or not r.body:
            problems.append("%s: %r" % (path, r.get("Content-Type")))
    r = fetch("/base64/!!!")
    expect(b"base64" in r.body, "the 400 names base64: %r" % r.body)
    r = fetch("/base64/bogus/abc")
    expect(b"operation" in r.body, "an unknown operation: %r" % r.body)
    report(problems)


@test("/base64: a value longer than --max-body is a 400")
def _():
    small = Server("--workers", "1", "--max-body", "8")
    try:
        r = fetch("/base64/encode/12345678", port=small.port)
        expect(r.status == 200, "8 bytes: %d" % r.status)
        r = fetch("/base64/encode/123456789", port=small.port)
        expect(r.status == 400, "9 bytes: %d" % r.status)
    finally:
        small.stop()


def start():
    global SRV
    SRV = Server("--workers", "2")
    return SRV


if __name__ == "__main__":
    sys.exit(launch.run_suite(sys.argv, start, 180))
