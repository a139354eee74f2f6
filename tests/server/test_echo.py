#!/usr/bin/env python3
"""tests/server/test_echo.py: the endpoints that echo the request (/get,
/post, /put, /patch, /delete, /anything, /head, /headers, /ip,
/user-agent, /hostname, /response-headers, /dump/request), over real
sockets, in go-httpbin's shapes (docs/compat.md).

    python3 tests/server/test_echo.py BINARY

Prints "ok - NAME" or "not ok - NAME: reason" per test, then "N passed, N
failed". Python 3.11 standard library only.
"""
import http.client
import json
import sys

import launch
from launch import HOST, LIVE, Server, expect, test

SRV = None
TYPE = "application/json; charset=utf-8"


def call(method, path, body=None, headers=None, port=None):
    """One request on a new connection: (status, headers dict of lists,
    body bytes)."""
    c = launch.Connection(HOST, port or SRV.port, timeout=LIVE)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        fields = {}
        for n, v in r.getheaders():
            fields.setdefault(n.lower(), []).append(v)
        return r.status, fields, data
    finally:
        c.close()


def echo(method, path, body=None, headers=None):
    status, fields, data = call(method, path, body, headers)
    expect(status == 200, "%s %s: %d %r" % (method, path, status, data[:200]))
    expect(fields.get("content-type") == [TYPE],
           "%s %s: Content-Type %r" % (method, path,
                                       fields.get("content-type")))
    return json.loads(data), fields


def raw(data, port=None):
    """Sends raw bytes; returns everything read until the server closes."""
    return launch.exchange(port or SRV.port, data)


@test("/get echoes args, headers, method, origin and url in go-httpbin's "
      "shapes")
def _():
    doc, fields = echo("GET", "/get?a=1&a=2&b=3&c&d=x%20y+z",
                       headers={"X-Twice": "1", "x-lower-name": "v"})
    expect(list(doc) == ["args", "headers", "method", "origin", "url"],
           "keys %r" % list(doc))
    expect(doc["args"] == {"a": ["1", "2"], "b": ["3"], "c": [""],
                           "d": ["x y z"]}, "args %r" % doc["args"])
    h = doc["headers"]
    expect(h.get("Host") == ["%s:%d" % (HOST, SRV.port)], "Host %r" % h)
    expect(h.get("X-Twice") == ["1"] and h.get("X-Lower-Name") == ["v"],
           "headers %r" % h)
    expect(doc["method"] == "GET", "method %r" % doc["method"])
    expect(doc["origin"].startswith("127.0.0.1:"), "origin %r" % doc["origin"])
    expect(doc["url"] == launch.url(SRV.port, "/get?a=1&a=2&b=3&c&d=x%20y+z"),
           "url %r" % doc["url"])
    expect(fields.get("cache-control") == ["no-store"],
           "Cache-Control %r" % fields.get("cache-control"))


@test("/get: a repeated field is a list of its values, in order")
def _():
    out = raw(b"GET /get?ok=1 HTTP/1.1\r\nHost: h\r\nX-A: 2\r\n"
              b"X-A: 1\r\nConnection: close\r\n\r\n")
    doc = json.loads(out.split(b"\r\n\r\n", 1)[1])
    expect(doc["headers"].get("X-A") == ["2", "1"], "X-A %r" % doc["headers"])
    expect(doc["args"] == {"ok": ["1"]}, "args %r" % doc["args"])


@test("/get takes GET and HEAD only: others get 405 with Allow")
def _():
    status, fields, _ = call("POST", "/get", body=b"x")
    expect(status == 405, "POST /get: %d" % status)
    expect(fields.get("allow") == ["GET, HEAD"], "Allow %r"
           % fields.get("allow"))
    status, fields, data = call("HEAD", "/get")
    expect(status == 200 and data == b"", "HEAD /get: %d %r" % (status, data))
    expect(int(fields["content-length"][0]) > 0, "HEAD without the length")
    status, fields, _ = call("GET", "/head")
    expect(status == 405 and fields.get("allow") == ["HEAD"],
           "GET /head: %d %r" % (status, fields.get("allow")))
    status, _, data = call("HEAD", "/head")
    expect(status == 200 and data == b"", "HEAD /head: %d" % status)


@test("/post, /put, /patch, /delete take their method, and add data, "
      "files, form and json")
def _():
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        path = "/" + method.lower()
        doc, _ = echo(method, path + "?q=1", body=b"hello",
                      headers={"Content-Type": "text/plain"})
        expect(list(doc) == ["args", "headers", "method", "origin", "url",
                             "data", "files", "form", "json"],
               "%s keys %r" % (method, list(doc)))
        expect(doc["data"] == "hello" and doc["json"] is None and
               doc["form"] == {} and doc["files"] == {} and
               doc["method"] == method, "%s: %r" % (method, doc))
        status, fields, _ = call("GET", path)
        expect(status == 405 and fields.get("allow") == [method],
               "GET %s: %d %r" % (path, status, fields.get("allow")))


@test("a form body is parsed into form; JSON into json; other types become "
      "a data: URL")
def _():
    doc, _ = echo("POST", "/post", body=b"name=a+b&name=c%26d&x=",
                  headers={"Content-Type":
                           "application/x-www-form-urlencoded"})
    expect(doc["form"] == {"name": ["a b", "c&d"], "x": [""]},
           "form %r" % doc["form"])
    expect(doc["data"] == "name=a+b&name=c%26d&x=", "data %r" % doc["data"])
    body = json.dumps({"b": [1, 2.5, None, True], "a": {"z": "\u00e9"}})
    doc, _ = echo("POST", "/post", body=body.encode(),
                  headers={"Content-Type": "application/json"})
    expect(doc["json"] == {"a": {"z": "\u00e9"}, "b": [1, 2.5, None, True]},
           "json %r" % doc["json"])
    expect(doc["data"] == body, "data %r" % doc["data"])
    doc, _ = echo("PUT", "/put", body=b"\x00\x01hi\xff",
                  headers={"Content-Type": "application/octet-stream"})
    expect(doc["data"] == "data:application/octet-stream;base64,AAFoaf8=",
           "data %r" % doc["data"])
    doc, _ = echo("POST", "/post", body=b"raw")
    expect(doc["data"].startswith("data:application/octet-stream;base64,"),
           "no Content-Type: %r" % doc["data"])


@test("JSON content that does not parse is a 400 that says so")
def _():
    status, fields, data = call("POST", "/post", body=b"{bad",
                                headers={"Content-Type": "application/json"})
    expect(status == 400 and b"JSON" in data, "%d %r" % (status, data))


@test("multipart/form-data: text parts go to form, files to files")
def _():
    boundary = "----httpstatus-test-7MA4YWxkTrZu0gW"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
            "hello world\r\n--%s\r\nContent-Disposition: form-data; "
            "name=\"upload\"; filename=\"a.txt\"\r\nContent-Type: text/plain"
            "\r\n\r\nfile contents\r\n--%s--\r\n"
            % (boundary, boundary, boundary)).encode()
    doc, _ = echo("POST", "/post", body=body,
                  headers={"Content-Type":
                           "multipart/form-data; boundary=" + boundary})
    expect(doc["form"] == {"title": ["hello world"]}, "form %r" % doc["form"])
    expect(doc["files"] == {"upload": ["file contents"]},
           "files %r" % doc["files"])
    status, _, data = call("POST", "/post", body=b"--x\r\nbroken",
                           headers={"Content-Type":
                                    "multipart/form-data; boundary=x"})
    expect(status == 400, "malformed multipart: %d %r" % (status, data))


@test("/anything[/...] takes every method the server knows, a chunked body "
      "included")
def _():
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        doc, _ = echo(method, "/anything/x/y?z=1", body=b"k=v",
                      headers={"Content-Type":
                               "application/x-www-form-urlencoded"})
        expect(doc["method"] == method and doc["form"] == {"k": ["v"]} and
               doc["url"].endswith("/anything/x/y?z=1"),
               "%s: %r" % (method, doc))
    out = raw(b"POST /anything HTTP/1.1\r\nHost: h\r\nContent-Type: "
              b"text/plain\r\nTransfer-Encoding: chunked\r\nConnection: "
              b"close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
    doc = json.loads(out.split(b"\r\n\r\n", 1)[1])
    expect(doc["data"] == "abcde", "chunked data %r" % doc["data"])


@test("bytes that are not UTF-8 come back as U+FFFD in valid JSON")
def _():
    doc, _ = echo("POST", "/post", body=b"ok\xff\xfe",
                  headers={"Content-Type": "text/plain"})
    expect(doc["data"] == "ok\ufffd\ufffd", "data %r" % doc["data"])


@test("/headers, /ip, /user-agent and /hostname")
def _():
    doc, _ = echo("GET", "/headers", headers={"X-Probe": "p"})
    expect(list(doc) == ["headers"] and doc["headers"]["X-Probe"] == ["p"],
           "/headers %r" % doc)
    doc, _ = echo("GET", "/ip")
    expect(list(doc) == ["origin"] and doc["origin"].startswith("127.0.0.1:"),
           "/ip %r" % doc)
    doc, _ = echo("GET", "/ip", headers={"X-Forwarded-For":
                                         " 203.0.113.9 , 10.0.0.1"})
    expect(doc["origin"] == "203.0.113.9", "/ip with XFF %r" % doc)
    doc, _ = echo("GET", "/user-agent", headers={"User-Agent": "probe/1"})
    expect(doc == {"user-agent": "probe/1"}, "/user-agent %r" % doc)
    doc, _ = echo("GET", "/hostname")
    expect(doc == {"hostname": "httpstatus"}, "/hostname %r" % doc)
    doc, _ = echo("GET", "/get", headers={"X-Forwarded-Proto": "https"})
    expect(doc["url"].startswith("https://"), "url %r" % doc["url"])


@test("/response-headers sends the query's pairs as fields and as JSON; "
      "framing fields are refused")
def _():
    status, fields, data = call("GET", "/response-headers?X-Foo=1&X-Foo=2&"
                                "b=3")
    expect(status == 200, "status %d" % status)
    expect(fields.get("x-foo") == ["1", "2"] and fields.get("b") == ["3"],
           "fields %r" % fields)
    expect(json.loads(data) == {"X-Foo": ["1", "2"], "b": ["3"]},
           "body %r" % data)
    status, fields, _ = call("GET", "/response-headers?Content-Type=text/csv")
    expect(fields.get("content-type") == ["text/csv"],
           "Content-Type %r" % fields.get("content-type"))
    for name in ("Content-Length", "Transfer-Encoding", "Connection"):
        status, _, _ = call("GET", "/response-headers?%s=1" % name)
        expect(status == 400, "%s: %d" % (name, status))
    status, _, _ = call("GET", "/response-headers?X-A=a%0d%0aB:%20c")
    expect(status == 400, "CR LF in a value: %d" % status)


@test("/dump/request sends the request back as it came: line, fields in "
      "order, content; a chunked body as one chunk")
def _():
    head = (b"POST /dump/request?a=%41 HTTP/1.1\r\nHost: h\r\n"
            b"x-Lower: 1\r\nZ-Last:  padded \r\nContent-Length: 4\r\n")
    out = raw(head + b"Connection: close\r\n\r\nbody")
    status, _, rest = out.partition(b"\r\n")
    expect(status == b"HTTP/1.1 200 OK", "status %r" % status)
    fields, _, content = rest.partition(b"\r\n\r\n")
    expect(b"Content-Type: text/plain; charset=utf-8" in fields,
           "fields %r" % fields)
    expect(content == head + b"Connection: close\r\n\r\nbody",
           "content %r" % content)
    out = raw(b"PUT /dump/request HTTP/1.1\r\nHost: h\r\n"
              b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
              b"2\r\nab\r\n3;x=y\r\ncde\r\n0\r\nT: 1\r\n\r\n")
    content = out.partition(b"\r\n\r\n")[2]
    expect(content.endswith(b"\r\n\r\n5\r\nabcde\r\n0\r\n\r\n"),
           "chunked %r" % content)
    out = raw(b"GET /dump/request HTTP/1.0\r\n\r\n")
    content = out.partition(b"\r\n\r\n")[2]
    expect(content == b"GET /dump/request HTTP/1.0\r\n\r\n",
           "HTTP/1.0 %r" % content)


@test("a body past --max-body is a 413, and the server goes on")
def _():
    srv = Server("--workers", "1", "--max-body", "100")
    try:
        status, _, _ = call("POST", "/post", body=b"x" * 100, port=srv.port,
                            headers={"Content-Type": "text/plain"})
        expect(status == 200, "100 bytes: %d" % status)
        out = raw(b"POST /post HTTP/1.1\r\nHost: h\r\nContent-Length: 101"
                  b"\r\n\r\n" + b"x" * 101, port=srv.port)
        expect(out.startswith(b"HTTP/1.1 413 "), "101 bytes: %r" % out[:40])
        status, _, _ = call("GET", "/get", port=srv.port)
        expect(status == 200, "after the 413: %d" % status)
        expect(srv.stop() == 0, "the server did not exit cleanly")
    finally:
        srv.kill()


def start():
    global SRV
    SRV = Server("--workers", "2")
    return SRV


if __name__ == "__main__":
    sys.exit(launch.run_suite(sys.argv, start, 120))
