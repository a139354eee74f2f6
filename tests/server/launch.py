"""tests/server/launch.py: what the server test scripts share: starting
`httpstatus serve` on a free port of 127.0.0.1, watching it, stopping it;
declaring tests and failing them.

    import launch
    launch.BINARY = "build/httpstatus"
    srv = launch.Server("--workers", "1")
    ... srv.port ...
    srv.stop()           # SIGTERM, then the exit status

Every server started is kept in SERVERS, so that a watchdog (or the end of
a run) can make sure none outlives it. Python 3.11 standard library only.
"""
import os
import re
import signal
import subprocess
import threading
import time

HOST = "127.0.0.1"
BINARY = None   # the httpstatus binary under test; set by the script
SERVERS = []    # every server started


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
    item."""

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
        self.ready = threading.Event()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.out_thread = None  # joined to have all of out once it exits
        if stdout:
            self.out_thread = threading.Thread(target=self._read_stdout,
                                               daemon=True)
            self.out_thread.start()
        if not self.ready.wait(5) or self.port is None:
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

    def stop(self, timeout=5):
        """SIGTERM, then the exit status; None (and killed) on a hang."""
        self.terminate()
        rc = self.wait(timeout)
        if rc is None:
            self.kill()
        return rc

    def kill(self):
        if self.alive():
            self.proc.kill()
            self.wait(5)

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

    def settled_fds(self, timeout=2):
        """The fd count once it stops changing (connections that just
        ended may still be closing)."""
        deadline = time.monotonic() + timeout
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


def watchdog(limit):
    """Ends the run, and every server, if it is still going after limit
    seconds."""
    def run():
        time.sleep(limit)
        print("not ok - the run took over %d s: stopped" % limit, flush=True)
        kill_all()
        os._exit(1)
    threading.Thread(target=run, daemon=True).start()
