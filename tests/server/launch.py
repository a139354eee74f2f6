"""tests/server/launch.py: what the server test scripts share: starting
`httpstatus serve` on a free port of 127.0.0.1, watching it, stopping it;
declaring tests and failing them; sending requests (fetch, send_raw,
exchange) and holding what came back (Resp).

    import launch
    launch.BINARY = "build/httpstatus"
    srv = launch.Server("--workers", "1")
    ... srv.port ...
    srv.stop()           # SIGTERM, then the exit status

Every server started is kept in SERVERS, so that a watchdog (or the end of
a run) can make sure none outlives it. Python 3.11 standard library only.

Time in the tests. A test checks behaviour: what was answered, in what
order, that nothing was lost, that the server lived, that a timeout fired
no earlier than its deadline (CLOCK_SLACK aside). An upper bound on time
is only a liveness limit, how long to wait before calling something lost
or hung: seconds, never a latency goal (those are bench/'s), and scaled by
SLOW, so that a busy machine, a sanitizer or valgrind cannot fail a test
that behaves. SLOW is known when this module is imported, from
HTTPSTATUS_TEST_SLOW (a number, default 1) times 3 when the binary under
test (sys.argv[1]: every suite takes it first) is built with
AddressSanitizer, or times 10 when it is a script that runs the server
under valgrind (tests/server/valgrind.sh makes one). limit(seconds) scales
a limit; LIVE is the usual one.
"""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"
BINARY = None   # the httpstatus binary under test; set by the script
SERVERS = []    # every server started


def slowness(path):
    """The factor time limits are multiplied by for the binary at path:
    HTTPSTATUS_TEST_SLOW, times 3 for an AddressSanitizer build, times 10
    for a script that runs it under valgrind. Also returns whether it is
    a sanitizer build."""
    factor = float(os.environ.get("HTTPSTATUS_TEST_SLOW") or 1)
    sanitized = False
    try:
        with open(path, "rb") as f:
            data = f.read()
    except (OSError, TypeError):
        data = b""
    if b"__asan_init" in data:
        factor *= 3
        sanitized = True
    elif data.startswith(b"#!") and b"valgrind" in data:
        factor *= 10
    return max(factor, 1.0), sanitized


SLOW, SANITIZED = slowness(sys.argv[1] if len(sys.argv) > 1 else None)
CLOCK_SLACK = 0.005  # how early a server timer may seem to fire: libuv
                     # counts whole milliseconds on a cached loop clock


def limit(seconds):
    """A liveness limit of seconds on an idle machine, scaled by SLOW."""
    return seconds * SLOW


LIVE = limit(10)     # how long anything owed may take before it is lost


class Fail(AssertionError):
    pass


def expect(cond, msg):
    if not cond:
        raise Fail(msg)


def report(problems, limit=4):
    """Fails with the first few of a list of problems, if there are any."""
    if problems:
        more = len(problems) - limit
        raise Fail("; ".join(problems[:limit]) +
                   (" (and %d more)" % more if more > 0 else ""))


# ------------------------------------------------------------ requests

class Resp:
    """A response: status, headers (name, value pairs, as received) and
    body bytes."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def all(self, name):
        return [v for n, v in self.headers if n.lower() == name.lower()]

    def get(self, name):
        values = self.all(name)
        return values[0] if values else None

    def has(self, name):
        return bool(self.all(name))

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return "<%d %r>" % (self.status, self.body[:120])


def fetch(port, path, method="GET", headers=None, body=None):
    """One request on a connection of its own, with http.client."""
    c = http.client.HTTPConnection(HOST, port, timeout=LIVE)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return Resp(r.status, r.getheaders(), r.read())
    finally:
        c.close()


def send_raw(port, data, method="GET"):
    """Sends data, a request as bytes, as it is; reads one response with
    http.client's parser (which keeps repeated fields)."""
    s = socket.create_connection((HOST, port), timeout=LIVE)
    try:
        s.sendall(data)
        r = http.client.HTTPResponse(s, method=method)
        r.begin()
        return Resp(r.status, r.getheaders(), r.read())
    finally:
        s.close()


def exchange(port, data):
    """Sends data, half-closes, and returns every byte the server sends
    until it closes."""
    s = socket.create_connection((HOST, port), timeout=LIVE)
    try:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while True:
            got = s.recv(65536)
            if not got:
                return out
            out += got
    finally:
        s.close()


# --------------------------------------------------------------- tests

TESTS = []      # (name, function) in the order they were declared


def test(name):
    """Declares the function below it a test called name."""
    def register(fn):
        TESTS.append((name, fn))
        return fn
    return register


class Server:
    """One `httpstatus serve --listen 127.0.0.1:0 ARGS...`. The port is read
    from the line it writes on standard error when it listens; the other
    lines it writes there are kept in lines. With stdout=True, what it
    writes on standard output (the access log) is kept in out, a line an
    item. When ARGS has --tls-listen, the HTTPS port (tls_port) and the
    certificate's SPKI pin (pin, base64) are read from their lines too
    before the server counts as started."""

    def __init__(self, *args, stdout=False, binary=None):
        cmd = [binary or BINARY, "serve", "--listen", HOST + ":0", *args]
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        SERVERS.append(self)
        self.lines = []
        self.out = []
        self.port = None
        self.tls_port = None
        self.pin = None
        self.want_tls = any(a == "--tls-listen" or
                            a.startswith("--tls-listen=") for a in args)
        self.ready = threading.Event()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.out_thread = None  # joined to have all of out once it exits
        if stdout:
            self.out_thread = threading.Thread(target=self._read_stdout,
                                               daemon=True)
            self.out_thread.start()
        if (not self.ready.wait(LIVE) or self.port is None or
                (self.want_tls and (self.tls_port is None or
                                    self.pin is None))):
            self.kill()
            raise Fail("the server did not say where it listens: %r"
                       % self.lines[:3])

    def _read_stderr(self):
        for line in self.proc.stderr:
            line = line.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            m = re.match(r"httpstatus serve: listening on "
                         r"http://127\.0\.0\.1:(\d+)/ with \d+ workers?$",
                         line)
            if m and self.port is None:
                self.port = int(m.group(1))
            m = re.match(r"httpstatus serve: listening on "
                         r"https://127\.0\.0\.1:(\d+)/ with \d+ workers?$",
                         line)
            if m and self.tls_port is None:
                self.tls_port = int(m.group(1))
            m = re.match(r"httpstatus serve: certificate pin \(SHA-256 SPKI, "
                         r"base64\): (\S+)$", line)
            if m and self.pin is None:
                self.pin = m.group(1)
            if self.port is not None and (not self.want_tls or (
                    self.tls_port is not None and self.pin is not None)):
                self.ready.set()
        self.ready.set()

    def _read_stdout(self):
        for line in self.proc.stdout:
            self.out.append(line)

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def terminate(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)

    def wait(self, timeout):
        """The exit status, or None when still running after timeout."""
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, timeout=None):
        """SIGTERM, then the exit status; None (and killed) when it has not
        exited after timeout seconds (LIVE by default)."""
        self.terminate()
        rc = self.wait(LIVE if timeout is None else timeout)
        if rc is None:
            self.kill()
        return rc

    def kill(self):
        if self.alive():
            self.proc.kill()
            self.wait(LIVE)

    # What /proc says of it (Linux).

    def rss(self):
        """VmRSS in KiB."""
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise Fail("no VmRSS for pid %d" % self.pid)

    def nfds(self):
        return len(os.listdir("/proc/%d/fd" % self.pid))

    def settled_fds(self, timeout=None):
        """The fd count once it stops changing (connections that just
        ended may still be closing), or after timeout (limit(2))."""
        deadline = time.monotonic() + (timeout or limit(2))
        last = self.nfds()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            n = self.nfds()
            if n == last:
                return n
            last = n
        return last

    def wait_fds(self, target, timeout, at_most=True):
        """Waits until the fd count is <= target (or >= when at_most is
        False); returns the last count."""
        deadline = time.monotonic() + timeout
        while True:
            n = self.nfds()
            if (n <= target) if at_most else (n >= target):
                return n
            if time.monotonic() > deadline:
                return n
            time.sleep(0.02)


def kill_all():
    for s in SERVERS:
        s.kill()


def watchdog(seconds):
    """Ends the run, and every server, if it is still going after
    limit(seconds): seconds should be the run's usual time on an idle
    machine times a wide factor."""
    cap = limit(seconds)

    def run():
        time.sleep(cap)
        print("not ok - the run took over %d s: stopped" % cap, flush=True)
        kill_all()
        os._exit(1)
    threading.Thread(target=run, daemon=True).start()


def run_suite(argv, start, seconds):
    """The main of a suite whose tests share one server: sets BINARY from
    argv, calls start() (which starts that server and returns it), runs
    TESTS in order, stops the server (exit 0 is a test of its own), and
    prints one line a test and "N passed, N failed". A watchdog ends the
    run after limit(seconds). Returns the exit status."""
    global BINARY
    BINARY = argv[1]
    watchdog(seconds)
    passed = failed = 0
    t0 = time.monotonic()

    def result(name, problem):
        nonlocal passed, failed
        if problem is None:
            passed += 1
            print("ok - %s" % name)
        else:
            failed += 1
            print("not ok - %s: %s" % (name, problem))
    try:
        main_server = start()
        for name, fn in TESTS:
            try:
                fn()
                result(name, None)
            except Fail as e:
                result(name, e)
            except Exception as e:  # noqa: BLE001
                result(name, "%s: %s" % (type(e).__name__, e))
        rc = main_server.stop()
        result("SIGTERM: the server exits 0",
               None if rc == 0 else "exit status %r" % rc)
    finally:
        kill_all()
    print("# %.1f s" % (time.monotonic() - t0))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0
