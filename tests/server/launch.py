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

TLS. With HTTPSTATUS_TEST_TLS=1 in the environment (run.sh --tls sets
it), every Server also listens with --tls-listen on a free port, and its
port is that HTTPS port (the plain one is plain_port). connect(port)
opens a connection to any port a Server listens on, over TLS when it is
an HTTPS port (verified against the certificate the server wrote with
--tls-cert-out, ALPN http/1.1), so that the same bytes of HTTP/1.1 go
over it; fetch, send_raw, exchange and Connection (an http.client
HTTPConnection) all open theirs with it, and url(port, path) and
curl_tls() give curl what it needs. The suites are written once, and
run over both.
"""
import atexit
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
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


TLS = os.environ.get("HTTPSTATUS_TEST_TLS", "") not in ("", "0")
SCHEME = "https" if TLS else "http"
_CERTS = None   # the directory where servers write their certificates


class Fail(AssertionError):
    pass


class Skip(Exception):
    """A test that does not apply in this mode; run_suite prints it as
    "ok - NAME # skip REASON" and counts it apart."""


def skip_over_tls(reason):
    """Skips the test calling it when the suites run over TLS: for the few
    whose assertion is about plain TCP, or plain HTTP, alone."""
    if TLS:
        raise Skip("over TLS: " + reason)


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
    c = Connection(HOST, port, timeout=LIVE)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return Resp(r.status, r.getheaders(), r.read())
    finally:
        c.close()


def send_raw(port, data, method="GET"):
    """Sends data, a request as bytes, as it is; reads one response with
    http.client's parser (which keeps repeated fields)."""
    s = connect(port)
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
    s = connect(port)
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


# ----------------------------------------------------------------- TLS

_TLS_PORTS = {}   # the HTTPS port of each server started: its SSLContext
_BUNDLE = None    # every certificate served so far, one PEM file for curl


def tls_port(port):
    """Whether port is the HTTPS port of a server started here."""
    return port in _TLS_PORTS


def url(port, path):
    """The URL of path on port: https:// for an HTTPS port."""
    return "%s://%s:%d%s" % ("https" if tls_port(port) else "http",
                             HOST, port, path)


def context(port):
    """The SSLContext connect() uses for port (None: not an HTTPS port),
    for clients that open their own connections (urllib)."""
    return _TLS_PORTS.get(port)


def curl_tls():
    """What curl needs in TLS mode, before its other options: --cacert
    with every certificate served, and --http1.1, as the suites test
    HTTP/1.1 over TLS (ALPN would pick h2). Nothing outside TLS mode."""
    return ["--cacert", _BUNDLE, "--http1.1"] if _BUNDLE else []


def connect(port, timeout=None, rcvbuf=None):
    """A connection to port of 127.0.0.1: a socket, or over TLS when port
    is a server's HTTPS port a TLSSocket that reads and writes as one.
    rcvbuf sets SO_RCVBUF before the connect, when it sets the window."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if rcvbuf:
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        raw.settimeout(LIVE if timeout is None else timeout)
        raw.connect((HOST, port))
    except BaseException:
        raw.close()
        raise
    context = _TLS_PORTS.get(port)
    if not context:
        return raw
    # As TLS clients do: the handshake's last flight and the request are
    # small writes one after the other, which Nagle's algorithm would
    # hold back for the server's delayed ACK.
    raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return TLSSocket(raw, context)


class Connection(http.client.HTTPConnection):
    """http.client's HTTPConnection over connect(): HTTP/1.1 over TLS on
    an HTTPS port, as over TCP on the plain one."""

    def connect(self):
        self.sock = connect(self.port, self.timeout)


class _Reader(io.RawIOBase):
    """A TLSSocket's plaintext as a raw stream, for makefile()."""

    def __init__(self, sock):
        self.sock = sock

    def readable(self):
        return True

    def readinto(self, b):
        return self.sock.recv_into(b)


class TLSSocket:
    """TLS over a connected TCP socket, with the socket's interface
    (sendall, recv, shutdown, makefile, settimeout...), driven through
    memory BIOs so that each step is this code's: the handshake happens
    at the first send (a client that connects and says nothing says
    nothing over TLS either: a receive before it waits for the server's
    close, and any byte the server sends then is a failure);
    shutdown(SHUT_WR) sends close_notify and then the TCP FIN while
    reading goes on (TLS's half-close); and the end of the server's
    stream reads as b"" as over TCP, with eof saying which end it was:
    "close_notify" (the server ended the session) or "fin" (the TCP
    connection ended without close_notify, as when a fault cuts a
    response). A TCP reset raises ConnectionResetError as on a socket."""

    def __init__(self, raw, context):
        self.raw = raw
        self._in = ssl.MemoryBIO()
        self._out = ssl.MemoryBIO()
        self.tls = context.wrap_bio(self._in, self._out, server_hostname=HOST)
        self.shaken = False
        self.eof = None       # "close_notify" or "fin" once it ended
        self._buf = b""       # plaintext read and not yet given out
        self._hello = False   # whether the handshake has begun
        self._notified = False

    def __getattr__(self, name):  # fileno, settimeout, setsockopt...
        return getattr(self.raw, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _flush(self):
        data = self._out.read()
        if data:
            self.raw.sendall(data)

    def _fill(self):
        data = self.raw.recv(65536)
        if data:
            self._in.write(data)
        else:
            self._in.write_eof()

    def _handshake(self, flush=True):
        """Returns False when the server ended the connection before the
        handshake was done. Without flush, the handshake's last message
        may wait in the BIO, to go out with what is written next."""
        if self.eof and not self.shaken:
            return False
        self._hello = True
        while not self.shaken:
            try:
                self.tls.do_handshake()
                self.shaken = True
            except ssl.SSLWantReadError:
                self._flush()
                self._fill()
            except (ssl.SSLEOFError, ssl.SSLZeroReturnError):
                self.eof = "fin"
                return False
        if flush:
            self._flush()
        return True

    def _decrypt(self, n, fill=True):
        """Up to n bytes of plaintext; b"" at the end (eof says how).
        Without fill, only what has come already (None if nothing)."""
        if not self.shaken and not self._hello:
            # Nothing sent yet, not even a ClientHello: a client that
            # says nothing over TLS waits as one over TCP does, and the
            # server has nothing to send it but its close.
            data = self.raw.recv(65536)
            if data:
                raise Fail("the server sent %r on its HTTPS port before "
                           "the client's ClientHello" % data[:60])
            self.eof = "fin"
            return b""
        if not self._handshake():
            return b""
        while True:
            try:
                data = self.tls.read(max(n, 1))
                if not data:
                    self.eof = "close_notify"
                return data
            except ssl.SSLWantReadError:
                self._flush()
                if not fill:
                    return None
                self._fill()
            except ssl.SSLZeroReturnError:
                self.eof = "close_notify"
                return b""
            except ssl.SSLEOFError:
                self.eof = "fin"
                return b""

    def pending(self):
        """Whether plaintext is waiting here, where select() cannot see
        it."""
        return bool(self._buf) or self.tls.pending() > 0

    def handshake(self):
        """The handshake now, rather than at the first send: for a socket
        about to be made non-blocking."""
        self._handshake()

    def recv(self, n, flags=0):
        if not self._buf and not self.eof:
            self._buf = self._decrypt(n)
            # And every whole record already here: one read takes one
            # record, and select() or poll() on the socket cannot see
            # the others.
            while self._buf and len(self._buf) < n and not self.eof:
                more = self._decrypt(n - len(self._buf), fill=False)
                if not more:
                    break
                self._buf += more
        data = self._buf[:n]
        if not flags & socket.MSG_PEEK:
            self._buf = self._buf[n:]
        return data

    def recv_into(self, b, nbytes=0, flags=0):
        data = self.recv(nbytes or len(b), flags)
        b[:len(data)] = data
        return len(data)

    def sendall(self, data):
        if not self._handshake(flush=False):
            return  # as a send to a closed peer: the reads will say so
        if data:
            try:
                self.tls.write(data)
            except ssl.SSLError:
                # OpenSSL writes nothing more once it has read a TCP FIN
                # without close_notify; over TCP the send would go out
                # to a server that drops it. As there, the reads say
                # what happened (b"", then "fin").
                if self.eof != "fin":
                    raise
        self._flush()

    def send(self, data):
        self.sendall(data)
        return len(data)

    def shutdown(self, how):
        if how != socket.SHUT_RD and self.shaken and not self._notified:
            self._notified = True
            # Whatever has arrived is decrypted first: unwrap() reads on
            # from the BIO, and must not meet a response there.
            while not self.eof:
                data = self._decrypt(65536, fill=False)
                if not data:
                    break
                self._buf += data
            try:
                self.tls.unwrap()
            except ssl.SSLWantReadError:
                pass  # close_notify is out; the server's is still to come
            except ssl.SSLError:
                pass
            self._flush()
        self.raw.shutdown(how)

    def makefile(self, mode="rb", buffering=-1, **_kw):
        if mode != "rb":
            raise ValueError("TLSSocket.makefile reads bytes only")
        return io.BufferedReader(_Reader(self))

    def close(self):
        self.raw.close()


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
    item.

    When ARGS has --tls-listen, the suite speaks TLS itself: the HTTPS
    port (tls_port) and the certificate's SPKI pin (pin, base64) are read
    from their lines too before the server counts as started, and port is
    the plain one. Otherwise, with tls (TLS, that is HTTPSTATUS_TEST_TLS,
    by default) it also serves HTTPS on a free port (--tls-listen,
    --tls-cert-out) that connect() speaks TLS to: port is then that one
    (tls_port too), plain_port the plain one, pin the certificate's pin
    and cert the file it is in. Without either, port and plain_port are
    the same."""

    def __init__(self, *args, stdout=False, binary=None, tls=None):
        global _CERTS
        self.want_tls = any(a == "--tls-listen" or
                            a.startswith("--tls-listen=") for a in args)
        self.tls = (TLS if tls is None else tls) and not self.want_tls
        cmd = [binary or BINARY, "serve", "--listen", HOST + ":0"]
        self.cert = None
        if self.tls:
            if _CERTS is None:
                _CERTS = tempfile.mkdtemp(prefix="httpstatus-tls-")
                atexit.register(shutil.rmtree, _CERTS, True)
            fd, self.cert = tempfile.mkstemp(suffix=".pem", dir=_CERTS)
            os.close(fd)
            cmd += ["--tls-listen", HOST + ":0", "--tls-cert-out", self.cert]
        cmd += args
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        SERVERS.append(self)
        self.lines = []
        self.out = []
        self.port = self.plain_port = self.tls_port = None
        self.pin = None
        self.ready = threading.Event()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.out_thread = None  # joined to have all of out once it exits
        if stdout:
            self.out_thread = threading.Thread(target=self._read_stdout,
                                               daemon=True)
            self.out_thread.start()
        if not self.ready.wait(LIVE) or self.port is None:
            self.kill()
            raise Fail("the server did not say where it listens: %r"
                       % self.lines[:3])
        if self.tls:
            self._trust()

    def _trust(self):
        """Makes connect() speak TLS to port, trusting the certificate the
        server wrote, and adds it to the bundle curl is given."""
        global _BUNDLE
        context = ssl.create_default_context(cafile=self.cert)
        context.set_alpn_protocols(["http/1.1"])
        _TLS_PORTS[self.port] = context
        _TLS_PORTS.pop(self.plain_port, None)  # a port may be used again
        with open(self.cert) as f:
            pem = f.read()
        bundle = os.path.join(_CERTS, "bundle.pem")
        with open(bundle, "a") as f:
            f.write(pem)
        _BUNDLE = bundle

    def _read_stderr(self):
        for line in self.proc.stderr:
            line = line.decode("utf-8", "replace").rstrip("\n")
            self.lines.append(line)
            m = re.match(r"httpstatus serve: listening on "
                         r"(https?)://127\.0\.0\.1:(\d+)/ with \d+ "
                         r"workers?$", line)
            if m and m.group(1) == "http" and self.plain_port is None:
                self.plain_port = int(m.group(2))
            elif m and m.group(1) == "https" and self.tls_port is None:
                self.tls_port = int(m.group(2))
            m = re.match(r"httpstatus serve: certificate pin "
                         r"\(SHA-256 SPKI, base64\): (\S+)$", line)
            if m and self.pin is None:
                self.pin = m.group(1)
            if self.port is None and self.plain_port is not None and (
                    not (self.tls or self.want_tls) or
                    (self.tls_port is not None and self.pin is not None)):
                self.port = self.tls_port if self.tls else self.plain_port
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
    global _CERTS, _BUNDLE
    if _CERTS is not None:
        shutil.rmtree(_CERTS, ignore_errors=True)
        _CERTS = _BUNDLE = None


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
    passed = failed = skipped = 0
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
            except Skip as e:
                skipped += 1
                print("ok - %s # skip %s" % (name, e))
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
    print_counts(passed, failed, skipped)
    return 1 if failed else 0


def print_counts(passed, failed, skipped=0):
    """A suite's last lines: "# skipped: N" when it skipped any (the
    skips are not in the passed count), then "N passed, N failed"."""
    if skipped:
        print("# skipped: %d" % skipped)
    print("%d passed, %d failed" % (passed, failed))
