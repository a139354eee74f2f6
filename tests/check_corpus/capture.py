#!/usr/bin/env python3
"""tests/check_corpus/capture.py: captures the corpus's real responses.

    python3 tests/check_corpus/capture.py BINARY [SOURCE...]

SOURCE is nginx, python or serve (all three by default). Each runs a
server of its own on a free loopback port (nginx with a configuration in
a temporary directory, never the system's service; python3 -m
http.server and our handler in pyserver.py; BINARY serve), sends every
request below over a raw socket and writes the bytes received, as they
came off the wire, to tests/check_corpus/SOURCE/NAME.http. The server is
stopped by its process id at the end.

Captures carry dates, ETags and ports of the moment: a new capture
changes those bytes, not the verdicts in VERDICTS, which are decided by
hand for every file. Not run by make test: the files are committed.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, limit=10.0):
    end = time.time() + limit
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("capture: nothing listens on port %d" % port)


def exchange(port, raw, wait=3.0):
    """Sends raw request bytes; returns every byte received until the
    server closes the connection or is quiet for `wait` seconds."""
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.sendall(raw)
    s.settimeout(wait)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except socket.timeout:
        pass
    except ConnectionResetError:
        pass
    s.close()
    return out


def request(method, path, headers=(), body=b"", version="HTTP/1.1",
            close=True):
    lines = ["%s %s %s" % (method, path, version), "Host: 127.0.0.1"]
    lines += list(headers)
    if close and not any(h.lower().startswith("connection:") for h in headers):
        lines.append("Connection: close")
    if body and not any(h.lower().startswith(("content-length:",
                                              "transfer-encoding:"))
                        for h in headers):
        lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def save(source, name, data):
    d = os.path.join(HERE, source)
    os.makedirs(d, exist_ok=True)
    if not data:
        print("capture: %s/%s: no bytes received" % (source, name))
        return
    with open(os.path.join(d, name + ".http"), "wb") as f:
        f.write(data)


def run(source, port, plan):
    for item in plan:
        name, raw = item[0], item[1]
        save(source, name, exchange(port, raw))


# ----------------------------------------------------------------- nginx

NGINX_CONF = """\
{user}worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    types {{
        text/html html; text/css css; text/plain txt;
        application/javascript js; application/json json; image/png png;
    }}
    default_type application/octet-stream;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    client_max_body_size 64;
    large_client_header_buffers 2 1k;
    server {{
        listen 127.0.0.1:{port};
        root {d}/www;
        index index.html;
        gzip on;
        gzip_types text/plain text/css application/json
                   application/javascript;
        gzip_min_length 100;
        gzip_vary on;
        location /files/ {{ autoindex on; }}
        location /closed/ {{ autoindex off; }}
        location /dav/ {{
            dav_methods PUT DELETE MKCOL COPY MOVE;
            create_full_put_path on;
        }}
        location /errors/ {{ error_page 404 /custom404.html; }}
        location = /custom404.html {{ internal; }}
        location /cached/ {{ expires 1h; }}
        location /nocache/ {{ add_header Cache-Control "no-store"; }}
        location /cors/ {{
            add_header Access-Control-Allow-Origin "*";
            add_header Access-Control-Expose-Headers "ETag";
        }}
        location /cors-bad/ {{
            add_header Access-Control-Allow-Origin "*";
            add_header Access-Control-Allow-Credentials "true";
        }}
        location = /cookie {{
            add_header Set-Cookie "sid=31d4d96e407aad42; Path=/; Secure; HttpOnly; SameSite=Lax";
            return 200 "cookie set\\n";
        }}
        location = /cookie-none {{
            add_header Set-Cookie "track=1; Path=/; SameSite=None";
            return 200 "cookie set\\n";
        }}
        location = /cookie-two {{
            add_header Set-Cookie "a=1; Path=/";
            add_header Set-Cookie "b=2; Max-Age=3600; Path=/";
            return 200 "two cookies\\n";
        }}
        location = /r200 {{ default_type text/plain; return 200 "hello\\n"; }}
        location = /r201 {{
            add_header Location /items/1 always;
            return 201;
        }}
        location = /r204 {{ return 204; }}
        location = /r301 {{ return 301 /index.html; }}
        location = /r302 {{ return 302 /index.html; }}
        location = /r303 {{ return 303 /index.html; }}
        location = /r307 {{ return 307 /index.html; }}
        location = /r308 {{ return 308 /index.html; }}
        location = /r400 {{ return 400; }}
        location = /r401 {{ return 401; }}
        location = /r401-challenge {{
            add_header WWW-Authenticate 'Basic realm="corpus"' always;
            return 401;
        }}
        location = /r401-empty {{
            add_header WWW-Authenticate '""' always;
            return 401;
        }}
        location = /auth {{
            auth_basic "corpus";
            auth_basic_user_file {d}/htpasswd;
        }}
        location = /r403 {{ return 403; }}
        location = /r404 {{ return 404; }}
        location = /r405 {{ return 405; }}
        location = /r405-allow {{
            add_header Allow "GET, HEAD" always;
            return 405;
        }}
        location = /r410 {{ return 410; }}
        location = /r413 {{ return 413; }}
        location = /r416 {{ return 416; }}
        location = /r418 {{ return 418; }}
        location = /r429 {{ return 429; }}
        location = /r429-retry {{
            add_header Retry-After 120 always;
            return 429;
        }}
        location = /r451 {{ return 451; }}
        location = /r500 {{ return 500; }}
        location = /r501 {{ return 501; }}
        location = /r502 {{ proxy_pass http://127.0.0.1:{dead}; }}
        location = /r503 {{ return 503; }}
        location = /r503-retry {{
            add_header Retry-After 30 always;
            return 503;
        }}
        location = /r504 {{ return 504; }}
        location = /r299 {{ return 299 "odd\\n"; }}
        location = /r599 {{ return 599; }}
        location = /json {{
            default_type application/json;
            return 200 '{{"ok": true}}';
        }}
        location = /upgrade {{
            add_header Upgrade "h2c" always;
            return 426;
        }}
        location = /upgrade-ok {{
            add_header Upgrade "HTTP/2.0" always;
            add_header Connection "Upgrade" always;
            return 426;
        }}
        location = /hsts {{
            add_header Strict-Transport-Security "max-age=31536000; includeSubDomains";
            return 200 "hsts\\n";
        }}
        location = /csp {{
            add_header Content-Security-Policy "default-src 'self'";
            add_header X-Content-Type-Options nosniff;
            add_header X-Frame-Options DENY;
            add_header Referrer-Policy no-referrer;
            return 200 "headers\\n";
        }}
    }}
}}
"""


def nginx_site(d):
    www = os.path.join(d, "www")
    for sub in ("files", "closed", "errors", "cached", "nocache", "cors",
                "cors-bad", "dir", "dav"):
        os.makedirs(os.path.join(www, sub), exist_ok=True)
    page = b"<!doctype html>\n<title>corpus</title>\n<p>hello\n"
    text = b"".join(b"line %04d of a plain text file for ranges and gzip\n"
                    % i for i in range(200))
    files = {
        "index.html": page,
        "style.css": b"body { color: #222; }\n" * 20,
        "app.js": b"console.log('corpus');\n" * 10,
        "data.json": b'{"items": [1, 2, 3]}\n',
        "text.txt": text,
        "small.txt": b"tiny\n",
        "empty.txt": b"",
        "image.png": bytes(range(256)) * 4,
        "blob": b"\x00\x01binary\xff" * 8,
        "custom404.html": b"<!doctype html>\n<title>not here</title>\n",
        "dir/index.html": page,
        "files/a.txt": b"a\n",
        "files/b.txt": b"b\n",
        "closed/x.txt": b"x\n",
        "cached/logo.png": bytes(range(64)),
        "cached/text.txt": text,
        "nocache/page.html": page,
        "cors/data.json": b'{"cors": true}\n',
        "cors-bad/data.json": b'{"cors": "bad"}\n',
    }
    for name, data in files.items():
        with open(os.path.join(www, name), "wb") as f:
            f.write(data)
        os.utime(os.path.join(www, name), (1700000000, 1700000000))
    # user "u", password "p" (crypt's MD5 form is not needed: nobody logs in)
    with open(os.path.join(d, "htpasswd"), "w") as f:
        f.write("u:{PLAIN}p\n")


def nginx_plan(etag, page_etag):
    G = lambda p, *h: request("GET", p, h)
    H = lambda p, *h: request("HEAD", p, h)
    ims = "If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT"
    return [
        ("200-index-html", G("/")),
        ("200-index-html-explicit", G("/index.html")),
        ("200-css", G("/style.css")),
        ("200-js", G("/app.js")),
        ("200-json-file", G("/data.json")),
        ("200-text", G("/text.txt")),
        ("200-small-text", G("/small.txt")),
        ("200-empty-file", G("/empty.txt")),
        ("200-png", G("/image.png")),
        ("200-octet-stream", G("/blob")),
        ("200-gzip-text", G("/text.txt", "Accept-Encoding: gzip")),
        ("200-gzip-css", G("/style.css", "Accept-Encoding: gzip, br")),
        ("200-gzip-too-small", G("/data.json", "Accept-Encoding: gzip")),
        ("200-http10-request", request("GET", "/small.txt", (),
                                       version="HTTP/1.0", close=False)),
        ("200-http10-gzip", request("GET", "/text.txt",
                                    ("Accept-Encoding: gzip",),
                                    version="HTTP/1.0", close=False)),
        ("200-return-text", G("/r200")),
        ("200-return-json", G("/json")),
        ("200-autoindex", G("/files/")),
        ("200-dir-index", G("/dir/")),
        ("200-expires", G("/cached/logo.png")),
        ("200-expires-gzip", G("/cached/text.txt", "Accept-Encoding: gzip")),
        ("200-no-store", G("/nocache/page.html")),
        ("200-cors", G("/cors/data.json", "Origin: http://example.com")),
        ("200-cors-credentials-star", G("/cors-bad/data.json",
                                        "Origin: http://example.com")),
        ("200-set-cookie", G("/cookie")),
        ("200-set-cookie-samesite-none", G("/cookie-none")),
        ("200-set-cookie-two", G("/cookie-two")),
        ("200-hsts", G("/hsts")),
        ("200-security-headers", G("/csp")),
        ("200-if-none-match-other", G("/index.html",
                                      'If-None-Match: "nope"')),
        ("head-200-index", H("/index.html")),
        ("head-200-gzip", H("/text.txt", "Accept-Encoding: gzip")),
        ("head-404", H("/missing.html")),
        ("head-301-dir", H("/dir")),
        ("head-206-range", H("/text.txt", "Range: bytes=0-9")),
        ("201-return-location", G("/r201")),
        ("201-dav-put", request("PUT", "/dav/new.txt", (), b"new file\n")),
        ("204-dav-put-overwrite", request("PUT", "/dav/new.txt", (),
                                          b"again\n")),
        ("201-dav-mkcol", request("MKCOL", "/dav/col/")),
        ("204-dav-delete", request("DELETE", "/dav/new.txt")),
        ("409-dav-mkcol-conflict", request("MKCOL", "/dav/a/b/c/")),
        ("204-return", G("/r204")),
        ("206-single-range", G("/text.txt", "Range: bytes=0-99")),
        ("206-suffix-range", G("/text.txt", "Range: bytes=-20")),
        ("206-open-range", G("/small.txt", "Range: bytes=2-")),
        ("206-multipart", G("/text.txt", "Range: bytes=0-9,100-109")),
        ("206-if-range-etag", G("/text.txt", "Range: bytes=0-9",
                                "If-Range: " + etag)),
        ("200-if-range-stale", G("/text.txt", "Range: bytes=0-9",
                                 'If-Range: "stale"')),
        ("416-range-past-end", G("/small.txt", "Range: bytes=1000-2000")),
        ("301-directory", G("/dir")),
        ("301-directory-query", G("/files?x=1")),
        ("301-return", G("/r301")),
        ("302-return", G("/r302")),
        ("303-return", G("/r303")),
        ("307-return", G("/r307")),
        ("308-return", G("/r308")),
        ("304-if-none-match", G("/index.html", "If-None-Match: " + page_etag)),
        ("304-if-modified-since", G("/index.html", ims)),
        ("304-if-none-match-star", G("/index.html", "If-None-Match: *")),
        ("304-expires", G("/cached/logo.png", ims)),
        ("412-if-match", G("/index.html", 'If-Match: "nope"')),
        ("412-if-unmodified-since", G("/index.html",
              "If-Unmodified-Since: Sun, 06 Nov 1994 08:49:37 GMT")),
        ("400-no-host", b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n"),
        ("400-bad-request-line", b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("400-header-too-large", G("/", "X-Big: " + "a" * 1500)),
        ("400-return", G("/r400")),
        ("401-return", G("/r401")),
        ("401-return-challenge", G("/r401-challenge")),
        ("401-empty-challenge", G("/r401-empty")),
        ("401-auth-basic", G("/auth")),
        ("403-no-index", G("/closed/")),
        ("403-return", G("/r403")),
        ("404-missing", G("/missing.html")),
        ("404-return", G("/r404")),
        ("404-custom-page", G("/errors/nothing")),
        ("405-post-static", request("POST", "/index.html", (), b"x=1")),
        ("405-return", G("/r405")),
        ("405-return-allow", G("/r405-allow")),
        ("410-return", G("/r410")),
        ("400-content-length-invalid", request("POST", "/dav/x", (
            "Content-Length: abc",))),
        ("413-body-too-large", request("POST", "/index.html", (),
                                       b"x" * 200)),
        ("413-return", G("/r413")),
        ("414-uri-too-long", G("/" + "a" * 3000)),
        ("416-return", G("/r416")),
        ("418-return", G("/r418")),
        ("429-return", G("/r429")),
        ("429-return-retry-after", G("/r429-retry")),
        ("451-return", G("/r451")),
        ("500-return", G("/r500")),
        ("501-return", G("/r501")),
        ("501-transfer-coding", request("POST", "/index.html", (
            "Transfer-Encoding: gzip",), b"")),
        ("502-dead-upstream", G("/r502")),
        ("503-return", G("/r503")),
        ("503-return-retry-after", G("/r503-retry")),
        ("504-return", G("/r504")),
        ("505-version", b"GET / HTTP/2.0\r\nHost: x\r\n\r\n"),
        ("299-return", G("/r299")),
        ("599-return", G("/r599")),
        ("426-upgrade-no-connection", G("/upgrade")),
        ("426-upgrade", G("/upgrade-ok")),
    ]


def capture_nginx(binary):
    if shutil.which("nginx") is None:
        print("capture: nginx is not installed")
        return
    d = tempfile.mkdtemp(prefix="corpus-nginx.")
    port, dead = free_port(), free_port()
    nginx_site(d)
    with open(os.path.join(d, "nginx.conf"), "w") as f:
        # Its workers run as root when we do: the site is in our own
        # temporary directory, which no other user may read.
        user = "user root;\n" if os.geteuid() == 0 else ""
        f.write(NGINX_CONF.format(d=d, port=port, dead=dead, user=user))
    subprocess.run(["nginx", "-p", d, "-c", os.path.join(d, "nginx.conf")],
                   check=True)
    try:
        wait_port(port)
        etags = []
        for path in ("/text.txt", "/index.html"):
            head = exchange(port, request("HEAD", path))
            etags += [l.split(b":", 1)[1].strip().decode()
                      for l in head.split(b"\r\n")
                      if l.lower().startswith(b"etag:")]
        run("nginx", port, nginx_plan(*etags))
    finally:
        with open(os.path.join(d, "nginx.pid")) as f:
            os.kill(int(f.read()), 15)
        time.sleep(0.3)
        shutil.rmtree(d, ignore_errors=True)


# ---------------------------------------------------------------- python

def python_plan():
    G = lambda p, *h: request("GET", p, h)
    return [
        ("200-listing", G("/")),
        ("200-file-text", G("/hello.txt")),
        ("200-file-html", G("/page.html")),
        ("200-file-json", G("/data.json")),
        ("200-dir-index", G("/site/")),
        ("200-http10-request", request("GET", "/hello.txt", (),
                                       version="HTTP/1.0", close=False)),
        ("301-directory", G("/site")),
        ("304-if-modified-since", G("/hello.txt",
            "If-Modified-Since: Wed, 15 Nov 2023 00:00:00 GMT")),
        ("404-missing", G("/missing")),
        ("head-200-file", request("HEAD", "/hello.txt")),
        ("head-404", request("HEAD", "/missing")),
        ("501-post", request("POST", "/hello.txt", (), b"a=1")),
        ("501-put", request("PUT", "/hello.txt", (), b"a=1")),
        ("400-bad-request-line", b"GARBAGE\r\n\r\n"),
        ("400-bad-version", b"GET / HTTP/x.y\r\n\r\n"),
        ("505-version", b"GET / HTTP/2.0\r\n\r\n"),
    ]


def custom_plan():
    G = lambda p, *h: request("GET", p, h)
    names = [
        "200-json", "200-chunked", "200-chunked-trailer", "200-set-cookies",
        "200-cookie-bad-expires", "200-cookie-samesite-none-insecure",
        "200-cors-preflight-ok", "200-cors-star-credentials",
        "200-cache-public-max-age", "200-cache-no-cache-private",
        "200-cache-max-age-bad", "200-expires-bad-date", "200-date-rfc850",
        "200-no-date", "200-content-length-wrong",
        "200-content-length-twice", "200-content-length-list",
        "200-cl-and-te", "200-lowercase-fields", "200-structured-fields",
        "200-vary-star", "200-link-preload", "200-retry-after-on-200",
        "201-created", "201-no-location", "202-accepted", "204-with-cl-0",
        "204-with-body", "205-reset", "206-no-content-range",
        "206-bad-content-range", "300-choices", "302-no-location",
        "303-see-other", "304-with-body", "304-with-cl", "307-relative",
        "401-empty-challenge", "401-no-challenge", "401-bearer",
        "403-json", "404-html", "405-allow-empty", "405-no-allow",
        "407-proxy-auth", "408-close", "408-no-close", "409-conflict",
        "415-accept", "416-bad-form", "418-teapot", "422-unprocessable",
        "422-old-phrase", "425-too-early", "428-precondition", "429-retry",
        "431-large", "451-legal", "451-no-link", "500-error",
        "502-gateway", "503-retry-date", "504-timeout", "511-network-auth",
        "511-with-challenge", "299-custom", "499-client-closed",
        "600-invalid", "200-reason-other", "200-empty-reason",
        "103-early-hints", "102-processing",
    ]
    plan = [(n, G("/" + n)) for n in names]
    plan.append(("100-continue-then-201", request(
        "POST", "/201-created", ("Expect: 100-continue",), b"a=1")))
    plan.append(("head-200-json", request("HEAD", "/200-json")))
    return plan


def capture_python(binary):
    d = tempfile.mkdtemp(prefix="corpus-python.")
    os.makedirs(os.path.join(d, "site"))
    for name, data in {"hello.txt": "hello\n",
                       "page.html": "<!doctype html><title>p</title>\n",
                       "data.json": '{"a": 1}\n',
                       "site/index.html": "<!doctype html><p>site\n"}.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(data)
        os.utime(os.path.join(d, name), (1700000000, 1700000000))
    p1, p2 = free_port(), free_port()
    a = subprocess.Popen([PY, "-m", "http.server", "-b", "127.0.0.1",
                          str(p1)], cwd=d, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    b = subprocess.Popen([PY, os.path.join(HERE, "pyserver.py"), str(p2)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(p1)
        wait_port(p2)
        run("python", p1, [("http-server-" + n, r) for n, r in python_plan()])
        run("python", p2, [("handler-" + n, r) for n, r in custom_plan()])
    finally:
        a.terminate()
        b.terminate()
        a.wait()
        b.wait()
        shutil.rmtree(d, ignore_errors=True)


# ----------------------------------------------------------------- serve

SERVE_CODES = [100, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207,
               208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400,
               401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412,
               413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426,
               428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507,
               508, 510, 511, 299, 499, 520, 599]


def serve_plan():
    G = lambda p, *h: request("GET", p, h)
    plan = [("status-%d" % c, G("/status/%d" % c)) for c in SERVE_CODES]
    plan += [
        ("code-404-short-path", G("/404")),
        ("code-503-retry-after", G("/503?retry_after=30")),
        ("code-302-location", G("/302?location=/get")),
        ("get", G("/get")),
        ("get-http10", request("GET", "/get", (), version="HTTP/1.0",
                               close=False)),
        ("head-get", request("HEAD", "/get")),
        ("head-status-404", request("HEAD", "/status/404")),
        ("post-anything", request("POST", "/anything", (
            "Content-Type: application/json",), b'{"a": 1}')),
        ("put", request("PUT", "/put", (), b"data")),
        ("delete", request("DELETE", "/delete")),
        ("patch", request("PATCH", "/patch", (), b"x")),
        ("post-405-on-get", request("POST", "/get", (), b"x")),
        ("options-get", request("OPTIONS", "/get")),
        ("post-expect-100", request("POST", "/post", (
            "Expect: 100-continue",), b"a=1")),
        ("headers", G("/headers")),
        ("ip", G("/ip")),
        ("user-agent", G("/user-agent", "User-Agent: corpus/1")),
        ("uuid", G("/uuid")),
        ("json", G("/json")),
        ("html", G("/html")),
        ("xml", G("/xml")),
        ("robots-txt", G("/robots.txt")),
        ("deny", G("/deny")),
        ("encoding-utf8", G("/encoding/utf8")),
        ("base64", G("/base64/aGVsbG8=")),
        ("bytes-16", G("/bytes/16?seed=1")),
        ("stream-bytes", G("/stream-bytes/64?seed=1&chunk_size=16")),
        ("stream-3", G("/stream/3")),
        ("drip", G("/drip?numbytes=5&duration=0&delay=0")),
        ("delay-0", G("/delay/0")),
        ("gzip", G("/gzip", "Accept-Encoding: gzip")),
        ("deflate", G("/deflate")),
        ("brotli", G("/brotli")),
        ("image-png", G("/image/png")),
        ("image-svg", G("/image/svg")),
        ("cache", G("/cache")),
        ("cache-60", G("/cache/60")),
        ("cache-if-none-match", G("/cache", 'If-None-Match: "x"')),
        ("cache-if-modified-since", G("/cache",
            "If-Modified-Since: Sun, 06 Nov 2050 08:49:37 GMT")),
        ("etag", G("/etag/abc")),
        ("etag-if-none-match", G("/etag/abc", 'If-None-Match: "abc"')),
        ("etag-if-match-fail", G("/etag/abc", 'If-Match: "zzz"')),
        ("range-100", G("/range/100")),
        ("range-100-bytes-0-9", G("/range/100", "Range: bytes=0-9")),
        ("range-100-two-ranges", G("/range/100", "Range: bytes=0-9,20-29")),
        ("range-100-unsatisfiable", G("/range/100", "Range: bytes=500-")),
        ("redirect-2", G("/redirect/2")),
        ("relative-redirect-1", G("/relative-redirect/1")),
        ("absolute-redirect-1", G("/absolute-redirect/1")),
        ("redirect-to-307", G("/redirect-to?url=/get&status_code=307")),
        ("redirect-to-default", G("/redirect-to?url=http://example.com/")),
        ("cookies", G("/cookies", "Cookie: a=1; b=2")),
        ("cookies-set", G("/cookies/set?a=1&b=2")),
        ("cookies-delete", G("/cookies/delete?a")),
        ("response-headers", G("/response-headers?X-Test=1&Cache-Control="
                               "max-age%3D10")),
        ("response-headers-cors", G("/response-headers?Access-Control-"
                                    "Allow-Origin=*")),
        ("basic-auth-401", G("/basic-auth/u/p")),
        ("basic-auth-ok", G("/basic-auth/u/p", "Authorization: Basic dTpw")),
        ("hidden-basic-auth-404", G("/hidden-basic-auth/u/p")),
        ("bearer-401", G("/bearer")),
        ("bearer-ok", G("/bearer", "Authorization: Bearer t")),
        ("digest-auth-401", G("/digest-auth/auth/u/p")),
        ("early-hints-style", G("/early-hints/style.css")),
        ("code-103", G("/103")),
        ("links-3", G("/links/3/0")),
        ("status-random-list", G("/status/200,201")),
        ("unstable", G("/unstable?failure_rate=0")),
        ("sse", G("/sse?count=2&duration=1")),
        ("not-found-path", G("/no/such/path")),
        ("cors-preflight", request("OPTIONS", "/get", (
            "Origin: http://example.com",
            "Access-Control-Request-Method: PUT"))),
        ("fault-duplicate-length", G("/get?fault=duplicate-length")),
        ("fault-length-and-chunked", G("/get?fault=length-and-chunked")),
        ("fault-length-mismatch", G("/get?fault=length-mismatch:5")),
        ("fault-bad-status-line", G("/get?fault=bad-status-line")),
        ("fault-no-final", G("/get?fault=no-final")),
        ("fault-close-after-head", G("/get?fault=close-after-head")),
        ("fault-truncate", G("/get?fault=truncate:10")),
        ("fault-missing-final-chunk", G("/stream/2?fault=missing-final-chunk")),
        ("fault-bad-chunk", G("/stream/3?fault=bad-chunk")),
        ("header-param", G("/status/200?header=X-Extra:yes")),
        ("header-param-cookie", G("/status/200?header=Set-Cookie:x%3D1%3B"
                                  "%20SameSite%3DNone")),
    ]
    return plan


def capture_serve(binary):
    port = free_port()
    p = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:%d" % port,
                          "--workers", "1", "--seed", "1"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        run("serve", port, serve_plan())
    finally:
        p.terminate()
        p.wait()


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    sources = sys.argv[2:] or ["nginx", "python", "serve"]
    for s in sources:
        {"nginx": capture_nginx, "python": capture_python,
         "serve": capture_serve}[s](binary)


if __name__ == "__main__":
    main()
