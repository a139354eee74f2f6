"""tests/server/h2client.py: an HTTP/2 client for the server suites, on
the h2 library (Debian's python3-h2, run by /usr/bin/python3).

h2's H2Connection does the client's side: the preface, HPACK, the
stream states, and it turns what the server sends into events. Two
things are kept beside it, since a test must see what h2 does not show
and send what h2 will not:
  - every frame the server sends, as it came (type, flags, stream,
    error code, payload when small, arrival time), in frames, read before
    h2 gets the bytes; a frame h2 chokes on (a reset of a stream it never
    opened, say) is still in that list, h2 then being set aside;
  - raw(): bytes sent as they are, frames that h2 refuses to write (DATA
    on a closed stream, a frame over the size limit, CONTINUATION
    floods). Header blocks for them are made with h2's own HPACK encoder,
    so that the server's decoder stays in step with the connection's.
h2 is told not to check or normalise the fields it sends, so that a
malformed request goes out as the test wrote it.

A suite imports this module first: when the interpreter running it has
no h2, it runs the suite again under Debian's /usr/bin/python3, or fails
it with a line that says what to install.
"""
import os
import socket
import ssl
import struct
import sys
import time

CLIENT_PYTHON = "/usr/bin/python3"  # Debian's, with Debian's python3-h2

try:
    import h2  # noqa: F401
except ImportError:
    if os.path.realpath(sys.executable) != os.path.realpath(CLIENT_PYTHON) \
            and os.access(CLIENT_PYTHON, os.X_OK):
        sys.stdout.flush()
        os.execv(CLIENT_PYTHON, [CLIENT_PYTHON] + sys.argv)
    print("not ok - import h2: neither %s nor %s has the h2 library; "
          "install Debian's python3-h2" % (sys.executable, CLIENT_PYTHON))
    print("0 passed, 1 failed")
    sys.exit(1)

import h2.config  # noqa: E402
import h2.connection  # noqa: E402
import h2.events  # noqa: E402
import h2.settings  # noqa: E402

from launch import HOST, LIVE, Fail  # noqa: E402

DATA, HEADERS, PRIORITY, RST_STREAM, SETTINGS, PUSH_PROMISE, PING, \
    GOAWAY, WINDOW_UPDATE, CONTINUATION = range(10)
END_STREAM = ACK = 0x1
END_HEADERS = 0x4

# RFC 9113, Section 7.
NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, \
    SETTINGS_TIMEOUT, STREAM_CLOSED, FRAME_SIZE_ERROR, REFUSED_STREAM, \
    CANCEL, COMPRESSION_ERROR, CONNECT_ERROR, ENHANCE_YOUR_CALM = range(12)
ERROR_NAMES = ("NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR",
               "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
               "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL",
               "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM")
TYPE_NAMES = ("DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS",
              "PUSH_PROMISE", "PING", "GOAWAY", "WINDOW_UPDATE",
              "CONTINUATION")


def error_name(code):
    if code is None:
        return "none"
    return ERROR_NAMES[code] if code < len(ERROR_NAMES) else hex(code)


def frame(ftype, flags, stream, payload=b""):
    """One frame's bytes (RFC 9113, Section 4.1)."""
    return (struct.pack(">I", len(payload))[1:] + bytes((ftype, flags)) +
            struct.pack(">I", stream & 0x7FFFFFFF) + payload)


class Frame:
    """A frame the server sent: its head, its error code (RST_STREAM,
    GOAWAY), its payload when at most 64 bytes (any GOAWAY's, for its
    debug data), and when it came."""

    def __init__(self, ftype, flags, stream, length, payload, at):
        self.type = ftype
        self.flags = flags
        self.stream = stream
        self.length = length
        self.payload = payload if length <= 64 or ftype == GOAWAY else None
        self.at = at
        self.code = None
        if ftype == RST_STREAM and length == 4:
            self.code = struct.unpack(">I", payload)[0]
        elif ftype == GOAWAY and length >= 8:
            self.last_stream = struct.unpack(">I", payload[:4])[0] & \
                0x7FFFFFFF
            self.code = struct.unpack(">I", payload[4:8])[0]

    def __repr__(self):
        name = TYPE_NAMES[self.type] if self.type < 10 else str(self.type)
        extra = " %s" % error_name(self.code) if self.code is not None \
            else ""
        return "<%s flags=%#x stream=%d len=%d%s>" % (
            name, self.flags, self.stream, self.length, extra)


class Stream:
    """What came on one stream: the interim responses (status, fields),
    the final status and fields, the content, the trailers, and how it
    ended (ended, or reset with a code)."""

    def __init__(self, sid):
        self.id = sid
        self.interim = []
        self.status = None
        self.headers = []
        self.body = bytearray()
        self.pieces = []   # (time, bytes) per DATA frame with content
        self.trailers = []
        self.ended = False
        self.reset = None
        self.finished_at = None

    def get(self, name):
        for n, v in self.headers:
            if n == name:
                return v
        return None

    def all(self, name):
        return [v for n, v in self.headers if n == name]

    @property
    def done(self):
        return self.ended or self.reset is not None

    def __repr__(self):
        return "<stream %d: %r %r%s>" % (
            self.id, self.status, bytes(self.body[:80]),
            " reset %s" % error_name(self.reset) if self.reset is not None
            else "")


def client_config():
    return h2.config.H2Configuration(
        client_side=True, header_encoding="utf-8",
        validate_outbound_headers=False, normalize_outbound_headers=False,
        validate_inbound_headers=False, normalize_inbound_headers=False)


def tls_context(cafile, alpn=("h2", "http/1.1")):
    """A client context that trusts the server's certificate (cafile)
    and checks its name, offering alpn (none when empty)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(cafile)
    if alpn:
        ctx.set_alpn_protocols(list(alpn))
    return ctx


class Client:
    """One HTTP/2 connection to 127.0.0.1:port. With cafile, over TLS
    (ALPN h2 only), else h2c by prior knowledge. settings are the
    client's SETTINGS in its preface (h2's defaults otherwise);
    auto_window=False leaves the flow-control windows alone: the client
    then sends no WINDOW_UPDATE unless a test does. sock and conn take
    over a connection already made (h2c by Upgrade)."""

    def __init__(self, port=None, cafile=None, settings=None,
                 auto_window=True, sock=None, conn=None, preface=True):
        self.scheme = "https" if cafile else "http"
        self.authority = "%s:%d" % (HOST, port or 0)
        if sock is None:
            sock = socket.create_connection((HOST, port), timeout=LIVE)
            if cafile:
                sock = tls_context(cafile, ("h2",)).wrap_socket(
                    sock, server_hostname=HOST)
                if sock.selected_alpn_protocol() != "h2":
                    raise Fail("ALPN chose %r, not h2"
                               % sock.selected_alpn_protocol())
        self.sock = sock
        self.auto_window = auto_window
        self.frames = []
        self.events = []
        self.streams = {}
        self.rbuf = b""
        self.eof = False
        self.reset_by_peer = False
        self.h2_error = None
        if conn is None:
            conn = h2.connection.H2Connection(client_config())
            if settings is not None:
                values = {h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS: 100,
                          h2.settings.SettingCodes.MAX_HEADER_LIST_SIZE:
                          65536}
                values.update(settings)
                conn.local_settings = h2.settings.Settings(
                    client=True, initial_values=values)
            if preface:
                conn.initiate_connection()
        self.h2 = conn
        self.flush()

    # Sending.

    def flush(self):
        data = self.h2.data_to_send()
        if data:
            self.raw(data)

    def raw(self, data):
        """Sends data as it is. A connection the server has closed takes
        no more: that is not an error here (the test looks at frames)."""
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError,
                OSError):
            self.eof = True

    def fields(self, path, method="GET", extra=()):
        return [(":method", method), (":scheme", self.scheme),
                (":authority", self.authority), (":path", path)] + \
            list(extra)

    def send_request(self, path, method="GET", headers=(), body=None,
                     fields=None, end=True):
        """Opens a stream with a request; returns its id. fields, when
        given, are the whole header list, as they are."""
        sid = self.h2.get_next_available_stream_id()
        hdrs = fields if fields is not None else \
            self.fields(path, method, headers)
        self.streams[sid] = Stream(sid)
        self.h2.send_headers(sid, hdrs, end_stream=end and body is None)
        if body is not None:
            self.h2.send_data(sid, body, end_stream=end)
        self.flush()
        return sid

    def new_stream_id(self):
        """A stream id for a raw HEADERS frame, taken from h2's
        count so that h2 will not use it again."""
        sid = self.h2.get_next_available_stream_id()
        self.h2.highest_outbound_stream_id = sid
        self.streams[sid] = Stream(sid)
        return sid

    def header_block(self, hdrs):
        return self.h2.encoder.encode(hdrs)

    def raw_headers(self, sid, hdrs, end_stream=True):
        flags = END_HEADERS | (END_STREAM if end_stream else 0)
        self.raw(frame(HEADERS, flags, sid, self.header_block(hdrs)))

    def ping(self, payload=b"pingpong"):
        self.h2.ping(payload)
        self.flush()

    # Receiving.

    def pump(self, timeout):
        """Reads once (waiting at most timeout seconds); False at the
        end of the connection."""
        if self.eof:
            return False
        self.sock.settimeout(max(timeout, 0.001))
        try:
            data = self.sock.recv(65536)
        except (socket.timeout, ssl.SSLWantReadError):
            return True
        except (ConnectionResetError, ssl.SSLError, OSError):
            self.eof = True
            self.reset_by_peer = True
            return False
        if not data:
            self.eof = True
            return False
        now = time.monotonic()
        self.rbuf += data
        while len(self.rbuf) >= 9:
            n = struct.unpack(">I", b"\0" + self.rbuf[:3])[0]
            if len(self.rbuf) < 9 + n:
                break
            sid = struct.unpack(">I", self.rbuf[5:9])[0] & 0x7FFFFFFF
            self.frames.append(Frame(self.rbuf[3], self.rbuf[4], sid, n,
                                     self.rbuf[9:9 + n], now))
            self.rbuf = self.rbuf[9 + n:]
        if self.h2_error is None:
            try:
                events = self.h2.receive_data(data)
            except Exception as e:  # noqa: BLE001 (h2's view is optional)
                self.h2_error = e
                events = []
            for ev in events:
                self.event(ev, now)
            try:
                self.flush()
            except Exception as e:  # noqa: BLE001
                self.h2_error = e
        return True

    def event(self, ev, now):
        self.events.append(ev)
        sid = getattr(ev, "stream_id", None)
        s = self.streams.get(sid) if sid else None
        if sid and s is None:
            s = self.streams[sid] = Stream(sid)
        if isinstance(ev, h2.events.InformationalResponseReceived):
            s.interim.append((int(dict(ev.headers)[":status"]),
                              [(n, v) for n, v in ev.headers
                               if not n.startswith(":")]))
        elif isinstance(ev, h2.events.ResponseReceived):
            s.status = int(dict(ev.headers)[":status"])
            s.headers = [(n, v) for n, v in ev.headers
                         if not n.startswith(":")]
        elif isinstance(ev, h2.events.TrailersReceived):
            s.trailers = list(ev.headers)
        elif isinstance(ev, h2.events.DataReceived):
            s.body += ev.data
            if ev.data:
                s.pieces.append((now, bytes(ev.data)))
            if self.auto_window and ev.flow_controlled_length:
                self.h2.acknowledge_received_data(ev.flow_controlled_length,
                                                  sid)
        elif isinstance(ev, h2.events.StreamEnded):
            s.ended = True
            s.finished_at = now
        elif isinstance(ev, h2.events.StreamReset):
            s.reset = ev.error_code
            s.finished_at = now

    def until(self, pred, timeout=None):
        """Reads until pred() holds, the connection ends or timeout (LIVE)
        passes; returns pred()."""
        deadline = time.monotonic() + (LIVE if timeout is None else timeout)
        while not pred():
            left = deadline - time.monotonic()
            if left <= 0 or not self.pump(min(left, 0.5)):
                break
        return pred()

    def quiet(self, seconds):
        """Reads whatever comes for seconds."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.pump(left):
                return

    def response(self, sid, timeout=None):
        """The stream once it ended or was reset (Fail if neither
        happened in time)."""
        s = self.streams[sid]
        if not self.until(lambda: s.done or self.rst(sid) is not None,
                          timeout):
            raise Fail("stream %d: no end in time (%s); frames %r" % (
                sid, "connection closed" if self.eof else "still open",
                self.frames[-6:]))
        if s.reset is None and self.rst(sid) is not None:
            s.reset = self.rst(sid)
        return s

    def get(self, path, headers=(), method="GET", body=None):
        return self.response(self.send_request(path, method, headers, body))

    # What the server sent.

    def of_type(self, ftype, stream=None):
        return [f for f in self.frames if f.type == ftype and
                (stream is None or f.stream == stream)]

    def rst(self, sid):
        fs = self.of_type(RST_STREAM, sid)
        return fs[0].code if fs else None

    def goaway(self):
        """The first GOAWAY frame, or None."""
        fs = self.of_type(GOAWAY)
        return fs[0] if fs else None

    def wait_goaway(self, timeout=None):
        self.until(lambda: self.goaway() is not None, timeout)
        return self.goaway()

    def wait_close(self, timeout=None):
        """Reads until the server closes; True when it did."""
        deadline = time.monotonic() + (LIVE if timeout is None else timeout)
        while not self.eof and time.monotonic() < deadline:
            self.pump(min(deadline - time.monotonic(), 0.5))
        return self.eof

    def mute(self):
        """From now on h2 gets nothing: it sends nothing of its own (no
        SETTINGS or PING ACK in the middle of a header block being sent
        raw); frames are still listed."""
        self.h2_error = "muted"

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
