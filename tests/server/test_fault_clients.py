#!/usr/bin/env python3
"""tests/server/test_fault_clients.py: what real clients report for each
fault of docs/faults.md, and that faults harm no other connection.

    python3 tests/server/test_fault_clients.py BINARY

For each of the 15 faults on GET /418?fault=NAME, three clients run, each
against a fresh server started with --idle-timeout 1000 (length-mismatch
leaves the connection open, and that timeout is what ends the client's
wait for the missing bytes):
  curl            `curl -sS -o /dev/null --max-time T URL`: its exit code;
  http.client     request, getresponse, read: the exception raised;
  requests        requests.get(url, timeout=T).content: the exception.
The Python clients run in Debian's /usr/bin/python3 with Debian's
python3-requests (2.28 with urllib3 1.26), the versions CI installs: a
python3 found on PATH may carry other versions, which report otherwise.
What each client must report is read from the table in docs/faults.md,
section "What clients report": the test and the documentation cannot
disagree. A client that raises nothing is "ok 418", with "N of M bytes"
added when the body it hands over is not the Content-Length it was told.

Also: http.client reusing a connection after keepalive-close's FIN has
arrived; and a witness on a server with --workers 2 that must see only
correct responses while 1,000 faulted requests run beside it, after
which the server's descriptors and memory must be back where they began.

Prints "ok - NAME" or "not ok - NAME: reason" per test, then "N passed,
N failed". Python 3.11 standard library only (requests is used only in
the /usr/bin/python3 subprocess); needs curl.
"""
import http.client
import json
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time

import launch
from launch import HOST, LIVE, Server, expect, limit, report, test

HERE = os.path.dirname(os.path.abspath(__file__))
DOC = os.path.join(HERE, "..", "..", "docs", "faults.md")
CLIENT_PYTHON = "/usr/bin/python3"  # Debian's, with Debian's requests
IDLE_MS = 1000  # ends length-mismatch's wait for the missing bytes
SRV = None      # the server of the stale-connection test

# The faults of the table, with the small arguments it uses.
FAULTS = ("reset", "close", "close-after-head", "truncate:10", "stall:300",
          "throttle:4000", "bad-chunk", "missing-final-chunk",
          "length-mismatch:5", "duplicate-length", "length-and-chunked",
          "bad-status-line", "no-final", "garbage:64", "keepalive-close")

# Run by CLIENT_PYTHON: argv is the client (http.client or requests),
# the port, the path and the timeout in seconds. Prints one line: what
# the client reported, as the table spells it.
CLIENT = r'''
import sys
kind, port, path, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], \
    float(sys.argv[4])

def name(e):
    t = type(e)
    if t.__module__ == "builtins":
        return t.__qualname__
    return t.__module__ + "." + t.__qualname__

def ok(status, length, body):
    # The body as handed over; "N of M bytes" when it is not the
    # Content-Length the client was told (a single number), so that a
    # short body is not mistaken for a whole one.
    out = "ok %d" % status
    if length is not None and length.strip().isdigit() and \
            int(length) != len(body):
        out += ", %d of %d bytes" % (len(body), int(length))
    return out

try:
    if kind == "http.client":
        import http.client
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        c.request("GET", path)
        r = c.getresponse()
        body = r.read()
        print(ok(r.status, r.getheader("Content-Length"), body))
    else:
        try:
            import requests
        except ImportError as e:
            print("cannot import requests in %s: %s" % (sys.executable, e))
            sys.exit(3)
        r = requests.get("http://127.0.0.1:%d%s" % (port, path),
                         timeout=timeout)
        body = r.content
        print(ok(r.status_code, r.headers.get("Content-Length"), body))
except Exception as e:
    print(name(e))
'''


def clean_env():
    """The environment without proxies: every client goes straight to
    127.0.0.1."""
    env = {k: v for k, v in os.environ.items()
           if not k.lower().endswith("_proxy")}
    env["NO_PROXY"] = env["no_proxy"] = "*"
    return env


def url(port, path):
    return launch.url(port, path)


def run_curl(port, path):
    """curl's exit code for GET path, and its error line."""
    p = subprocess.run(["curl", "-q", "--noproxy", "*", "-sS", "-o",
                        os.devnull, "--max-time", "%d" % LIVE,
                        url(port, path)],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       env=clean_env(), timeout=2 * LIVE)
    return str(p.returncode), p.stderr.decode("utf-8", "replace").strip()


def run_python(kind, port, path):
    """What the Python client kind reports for GET path."""
    try:
        p = subprocess.run([CLIENT_PYTHON, "-c", CLIENT, kind, str(port),
                            path, "%g" % LIVE],
                           stdin=subprocess.DEVNULL, capture_output=True,
                           env=clean_env(), timeout=2 * LIVE)
    except FileNotFoundError:
        raise launch.Fail("%s is missing: install Debian's python3 and "
                          "python3-requests" % CLIENT_PYTHON)
    out = p.stdout.decode("utf-8", "replace").strip()
    expect(p.returncode == 0 and out,
           "%s (%s) failed, status %d: %s %s" %
           (CLIENT_PYTHON, kind, p.returncode, out,
            p.stderr.decode("utf-8", "replace").strip()[-300:]))
    return out, ""


def doc_table():
    """The table of docs/faults.md's "What clients report": fault ->
    (curl's exit code, http.client's report, requests' report)."""
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^## What clients report\n(.*?)(?=^## |\Z)", text,
                  re.M | re.S)
    table = {}
    if not m:
        return table, ""  # the test of the rows fails
    for line in m.group(1).splitlines():
        cells = [c.strip().replace("`", "") for c in
                 line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] not in FAULTS:
            continue
        code = re.match(r"\d+", cells[1])
        table[cells[0]] = (code.group(0) if code else cells[1],
                           cells[2], cells[3])
    return table, m.group(1)


TABLE = {}
SECTION = ""


def fresh_server():
    return Server("--workers", "1", "--idle-timeout", str(IDLE_MS))


def client_test(fault, column, kind):
    def run():
        expect(fault in TABLE, "docs/faults.md's table has no row for %s"
               % fault)
        want = TABLE[fault][column]
        srv = fresh_server()
        try:
            path = "/418?fault=" + fault
            if kind == "curl":
                got, detail = run_curl(srv.port, path)
            else:
                got, detail = run_python(kind, srv.port, path)
        finally:
            rc = srv.stop()
        expect(got == want, "reports %r (%s), docs/faults.md says %r" %
               (got, detail or kind, want))
        expect(rc == 0, "the server exited with status %r" % rc)
    return run


if launch.TLS:
    @test("the %d faults: curl, http.client and requests report what "
          "docs/faults.md says" % len(FAULTS))
    def _():
        launch.skip_over_tls("docs/faults.md's table is of plain HTTP; "
                             "over TLS the clients report TLS errors")
else:
    for _fault in FAULTS:
        for _column, _kind in enumerate(("curl", "http.client",
                                         "requests")):
            test("%s: %s reports what docs/faults.md says"
                 % (_fault, _kind))(client_test(_fault, _column, _kind))


@test("docs/faults.md's table has a row for each of the 15 faults, "
      "and no other")
def _():
    expect(sorted(TABLE) == sorted(FAULTS), "rows for %r" % sorted(TABLE))


@test("/usr/bin/python3 has Debian's requests 2.28 with urllib3 1.26")
def _():
    expect(os.access(CLIENT_PYTHON, os.X_OK),
           "%s is missing: install Debian's python3 and python3-requests"
           % CLIENT_PYTHON)
    p = subprocess.run([CLIENT_PYTHON, "-c",
                        "import requests, urllib3; print(requests.__version__,"
                        " urllib3.__version__)"],
                       capture_output=True, timeout=2 * LIVE)
    expect(p.returncode == 0, "%s cannot import requests: %s" %
           (CLIENT_PYTHON, p.stderr.decode("utf-8", "replace")[-300:]))
    versions = p.stdout.decode().split()
    print("# %s: requests %s, urllib3 %s" % (CLIENT_PYTHON, *versions))
    expect(versions[0].startswith("2.28.") and
           versions[1].startswith("1.26."),
           "requests %s, urllib3 %s: the table was measured with 2.28 "
           "and 1.26" % tuple(versions))


# ------------------------------------------------- a stale connection

STALE = "http.client.RemoteDisconnected"


@test("keepalive-close: http.client reusing the connection after the "
      "FIN arrived raises what docs/faults.md says")
def _():
    c = launch.Connection(HOST, SRV.port, timeout=LIVE)
    try:
        c.request("GET", "/418?fault=keepalive-close")
        r = c.getresponse()
        body = r.read()
        expect(r.status == 418 and len(body) == 110 and not r.will_close,
               "first response %d, %d bytes, will_close %r" %
               (r.status, len(body), r.will_close))
        # The FIN has arrived when the socket reads as ended.
        sock = c.sock
        readable, _, _ = select.select([sock], [], [], LIVE)
        expect(readable and sock.recv(1, socket.MSG_PEEK) == b"",
               "no FIN after keepalive-close's response")
        # Sent while the server still lingers on the connection reading
        # (and dropping) what comes: the client then reads the FIN, not
        # a reset, and the outcome does not depend on timing.
        got = "ok"
        try:
            c.request("GET", "/418")
            r = c.getresponse()
            r.read()
            got = "ok %d" % r.status
        except Exception as e:  # noqa: BLE001
            got = type(e).__module__ + "." + type(e).__qualname__
            if type(e).__module__ == "builtins":
                got = type(e).__qualname__
        expect(got == STALE, "the second request: %s, expected %s" %
               (got, STALE))
        para = [p for p in SECTION.split("\n\n") if "stale" in p.lower()]
        expect(any(("`%s`" % STALE) in p for p in para),
               "docs/faults.md's section does not name %s for the stale "
               "connection" % STALE)
    finally:
        c.close()


# ---------------------------------------------------------- the witness

FAULTED = 1000
THREADS = 8
# Small arguments, so that the 1,000 requests end soon.
WITNESS_FAULTS = ("reset", "close", "close-after-head", "truncate:10",
                  "stall:20", "throttle:200000", "bad-chunk",
                  "missing-final-chunk", "length-mismatch:5",
                  "duplicate-length", "length-and-chunked",
                  "bad-status-line", "no-final", "garbage:64",
                  "keepalive-close")
# RSS may end above where it began: the allocator keeps memory it freed
# for later use (per thread, with two workers), and the first requests
# grow each worker's buffers to their working size. 8 MiB allows for
# that; a leak of 8 KiB or more on each faulted request would still go
# over it. The descriptor count is the exact check.
RSS_MARGIN_KIB = 8 * 1024


def faulted_request(port, fault):
    """One GET /418?fault=fault on a socket of its own, read as a client
    that gives up at the end would: to the close, or for the faults that
    leave the connection open, to the end of the response (length-
    mismatch: its head). Returns a problem, or None."""
    s = launch.connect(port)
    try:
        s.sendall(b"GET /418?fault=%s HTTP/1.1\r\nHost: x\r\n\r\n"
                  % fault.encode())
        name = fault.split(":")[0]
        if name in ("stall", "throttle"):
            r = http.client.HTTPResponse(s, method="GET")
            r.begin()
            body = r.read()
            if r.status != 418 or len(body) != 110:
                return "%s: %d, %d bytes" % (fault, r.status, len(body))
            return None
        got = b""
        while True:
            try:
                data = s.recv(65536)
            except ConnectionResetError:
                return None if name == "reset" else "%s: reset" % fault
            if not data:
                return None
            got += data
            if name == "length-mismatch" and b"\r\n\r\n" in got:
                return None
    except socket.timeout:
        return "%s: nothing happened for %d s" % (fault, LIVE)
    except OSError as e:
        return "%s: %s" % (fault, e)
    finally:
        s.close()


def witness(port, stop, out):
    """Correct keep-alive requests in a loop on one connection until stop
    is set (and one round more): each response must be complete and
    right, and the connection must stay the same one."""
    problems = out["problems"]
    c = launch.Connection(HOST, port, timeout=LIVE)
    sock = None
    n = 0
    try:
        while True:
            last = stop.is_set()
            for method, path, body in (("GET", "/200", None),
                                       ("GET", "/get", None),
                                       ("POST", "/post",
                                        b"witness %d" % n)):
                c.request(method, path, body=body,
                          headers={"Content-Type": "text/plain"})
                r = c.getresponse()
                data = r.read()
                n += 1
                if sock is None:
                    sock = c.sock
                elif c.sock is not sock:
                    problems.append("request %d: a new connection" % n)
                    sock = c.sock
                if r.status != 200 or r.will_close:
                    problems.append("%s %s: %d, will_close %r" %
                                    (method, path, r.status, r.will_close))
                    continue
                if path == "/200":
                    if not data.startswith(b"200 OK"):
                        problems.append("/200 body %r" % data[:60])
                    continue
                doc = json.loads(data)
                if doc.get("url") != launch.url(port, path):
                    problems.append("%s url %r" % (path, doc.get("url")))
                if body is not None and doc.get("data") != body.decode():
                    problems.append("/post data %r for %r" %
                                    (doc.get("data"), body))
            if last or len(problems) > 10:
                break
    except Exception as e:  # noqa: BLE001
        problems.append("after %d requests: %s: %s" %
                        (n, type(e).__name__, e))
    finally:
        c.close()
        out["requests"] = n


def poll(what, done, timeout):
    """Calls what() until done(value) or timeout; returns the last
    value."""
    deadline = time.monotonic() + timeout
    while True:
        v = what()
        if done(v) or time.monotonic() > deadline:
            return v
        time.sleep(0.05)


@test("1,000 faulted requests beside a witness: the witness sees only "
      "correct responses, descriptors and RSS come back")
def _():
    srv = Server("--workers", "2")
    try:
        # Before: the server has settled when its descriptors stop
        # changing.
        fd0 = srv.settled_fds()
        rss0 = srv.rss()
        stop = threading.Event()
        seen = {"problems": [], "requests": 0}
        w = threading.Thread(target=witness, args=(srv.port, stop, seen))
        w.start()
        jobs = [WITNESS_FAULTS[i % len(WITNESS_FAULTS)]
                for i in range(FAULTED)]
        lock = threading.Lock()
        faulted = []
        peak = [rss0, fd0]

        def worker():
            while True:
                with lock:
                    if not jobs:
                        return
                    fault = jobs.pop()
                problem = faulted_request(srv.port, fault)
                with lock:
                    faulted.append(problem)
                    if len(faulted) % 50 == 0:
                        peak[0] = max(peak[0], srv.rss())
                        peak[1] = max(peak[1], srv.nfds())

        threads = [threading.Thread(target=worker) for _ in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(limit(120))
        stop.set()
        w.join(limit(30))
        expect(not w.is_alive() and
               not any(t.is_alive() for t in threads),
               "clients still running after the liveness limit")
        # After: every connection is closed on our side, so the server's
        # descriptors must come back to exactly the count they began at
        # (its closes linger while reading, so this takes a moment).
        fd1 = poll(srv.nfds, lambda n: n == fd0, limit(15))
        rss1 = poll(srv.rss, lambda r: r <= rss0 + RSS_MARGIN_KIB, limit(15))
        print("# witness: %d requests; faulted: %d; descriptors %d before,"
              " %d at most during, %d after; VmRSS %d KiB before, %d KiB "
              "at most during, %d KiB after" %
              (seen["requests"], len(faulted), fd0, peak[1], fd1, rss0,
               peak[0], rss1))
        expect(srv.alive(), "the server died")
        report(seen["problems"])
        expect(seen["requests"] >= 3, "the witness made %d requests" %
               seen["requests"])
        expect(len(faulted) == FAULTED, "%d faulted requests ran" %
               len(faulted))
        report([p for p in faulted if p is not None])
        expect(fd1 == fd0, "%d descriptors after, %d before" % (fd1, fd0))
        # AddressSanitizer keeps freed memory in quarantine (256 MiB by
        # default) rather than reuse it, so RSS says nothing there; over
        # TLS, 1,000 handshakes fill it.
        if launch.SANITIZED:
            print("# RSS not checked: a sanitizer build")
        else:
            expect(rss1 <= rss0 + RSS_MARGIN_KIB,
                   "VmRSS %d KiB after, %d KiB before" % (rss1, rss0))
    finally:
        rc = srv.stop()
    expect(rc == 0, "the server exited with status %r" % rc)


def start():
    global SRV, TABLE, SECTION
    TABLE, SECTION = doc_table()
    SRV = Server("--workers", "1", "--idle-timeout", str(IDLE_MS))
    return SRV


if __name__ == "__main__":
    sys.exit(launch.run_suite(sys.argv, start, 300))
