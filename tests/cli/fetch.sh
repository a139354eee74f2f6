#!/bin/sh
# tests/cli/fetch.sh: `httpstatus check URL` and `check --probe` against
# servers on loopback ports, never the internet: httpstatus serve (plain,
# and HTTPS with --tls-listen), tests/cli/fetch_stub.py (resources that
# each answer a probe wrongly) and, when it is installed, nginx with a
# configuration of its own (static files; gzip with and without Vary).
#
#   sh tests/cli/fetch.sh [BINARY]
#
# The cases are in tests/cli/fetch.cases, which says their form;
# tests/cli/fetch_run.py runs them. Prints "ok - ..." or "not ok - ..."
# per case ("ok - ... # skip" for the nginx ones without nginx, and one
# "# skip" line for all of them when BINARY was built without libcurl),
# then "N passed, N failed".
# tests/cli/run.sh runs it.
set -u
bin=${1:-build/httpstatus}
here=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-fetch.XXXXXX")
case $bin in /*) ;; *) bin=$ROOT/$bin ;; esac
pids=
cleanup() {
    for pid in $pids; do
        kill "$pid" 2>/dev/null
    done
    if [ -f "$tmp/nginx/nginx.pid" ]; then
        kill "$(cat "$tmp/nginx/nginx.pid")" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    [ -n "${2:-}" ] && sed 's/^/#   /' "$2" | head -n 30
    return 0
}

# A build without libcurl says so, and fetches nothing.
if NO_COLOR=1 "$bin" check http://127.0.0.1:9/ 2>&1 |
    grep -q 'built without libcurl'; then
    echo "# skip: $bin was built without libcurl: no URL cases"
    echo "0 passed, 0 failed"
    exit 0
fi

free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (a liveness limit of 30 s, not a speed goal) until the file has a
# line matching the pattern.
wait_for() {
    i=0
    until grep -q "$2" "$1" 2>/dev/null; do
        if [ $i -ge 300 ]; then
            return 1
        fi
        sleep 0.1
        i=$((i + 1))
    done
}

# httpstatus serve, plain and HTTPS, with its certificate written out.
"$bin" serve --listen 127.0.0.1:0 --tls-listen 127.0.0.1:0 --workers 1 \
    --tls-cert-out "$tmp/cert.pem" >/dev/null 2>"$tmp/serve.err" &
pids="$pids $!"
if ! wait_for "$tmp/serve.err" 'certificate pin'; then
    not_ok "httpstatus serve did not start" "$tmp/serve.err"
    echo "$passed passed, $failed failed"
    exit 1
fi
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' \
    "$tmp/serve.err")
tls_port=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' \
    "$tmp/serve.err")
PIN=$(sed -n 's/.*certificate pin (SHA-256 SPKI, base64): //p' \
    "$tmp/serve.err")
SERVE=http://127.0.0.1:$port
TLS=https://127.0.0.1:$tls_port
TLS_NAME=https://localhost:$tls_port
CERT=$tmp/cert.pem
CLOSED=http://127.0.0.1:$(free_port)

# The stub: its first line is its port.
python3 "$here/fetch_stub.py" >"$tmp/stub.port" 2>"$tmp/stub.err" &
pids="$pids $!"
if ! wait_for "$tmp/stub.port" '^[0-9]'; then
    not_ok "tests/cli/fetch_stub.py did not start" "$tmp/stub.err"
    echo "$passed passed, $failed failed"
    exit 1
fi
STUB=http://127.0.0.1:$(head -n 1 "$tmp/stub.port")

# nginx, when installed: static files under $tmp/nginx/www. Its workers
# may run as another user, who must be able to read them.
NGINX=
NGINX_H2=
if command -v nginx >/dev/null 2>&1; then
    dir=$tmp/nginx
    mkdir -p "$dir/www/plain" "$dir/www/gzip" "$dir/www/gzip-vary"
    python3 - "$dir/www" <<'EOF'
import sys
root = sys.argv[1]
hello = b"".join(b"line %d of a text file that gzip shrinks well\n" % i
                 for i in range(40))
large = bytes(range(256)) * (2 * 4096 + 1)   # 2 MiB and 256 bytes
for sub in ("plain", "gzip", "gzip-vary"):
    with open("%s/%s/hello.txt" % (root, sub), "wb") as f:
        f.write(hello)
with open(root + "/plain/large.bin", "wb") as f:
    f.write(large)
EOF
    chmod -R a+rX "$tmp"
    nginx_port=$(free_port)
    nginx_h2_port=$(free_port)
    cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    types { text/plain txt; application/octet-stream bin; }
    server {
        listen 127.0.0.1:$nginx_port;
        listen 127.0.0.1:$nginx_h2_port http2;
        root $dir/www;
        location /gzip/ { gzip on; gzip_types text/plain; gzip_vary off; }
        location /gzip-vary/ {
            gzip on; gzip_types text/plain; gzip_vary on;
        }
        location = /loop { return 301 /loop; }
    }
}
EOF
    if nginx -p "$dir" -c "$dir/nginx.conf" >"$tmp/nginx.log" 2>&1; then
        NGINX=http://127.0.0.1:$nginx_port
        NGINX_H2=http://127.0.0.1:$nginx_h2_port
        i=0
        until NO_COLOR=1 "$bin" check "$NGINX/plain/hello.txt" \
            >/dev/null 2>&1 || [ $i -ge 300 ]; do
            sleep 0.1
            i=$((i + 1))
        done
    else
        cat "$dir/error.log" >>"$tmp/nginx.log" 2>/dev/null
        not_ok "nginx could not be started" "$tmp/nginx.log"
    fi
else
    echo "# skip: nginx is not installed: no nginx cases"
fi

# The cases, in one process (tests/cli/fetch_run.py).
export SERVE TLS TLS_NAME PIN CERT STUB NGINX NGINX_H2 CLOSED ROOT
python3 "$here/fetch_run.py" "$bin" "$here/fetch.cases" >"$tmp/results" 2>&1
grep -v '^[0-9]* passed, [0-9]* failed$' "$tmp/results"
n=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
    "$tmp/results")
if [ -n "$n" ]; then
    passed=$((passed + ${n%% *}))
    failed=$((failed + ${n##* }))
else
    not_ok "tests/cli/fetch_run.py did not finish its cases"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
