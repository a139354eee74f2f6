#!/bin/sh
# tests/cli/nginx.sh BINARY DIR: runs `httpstatus check` over responses
# captured with curl from a real nginx on a free loopback port, and writes
# "ok - ..." / "not ok - ..." lines to DIR/nginx.results.
# Exits 77 when nginx or curl is not installed, 1 when nginx will not start.
set -u
bin=$1
dir=$2/nginx
command -v nginx >/dev/null 2>&1 || exit 77
command -v curl >/dev/null 2>&1 || exit 77
mkdir -p "$dir"
results=$2/nginx.results
: >"$results"

port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
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
    server {
        listen 127.0.0.1:$port;
        location = /ok { return 200 "hello\n"; }
        location = /missing { return 404; }
        location = /moved { return 301 /ok; }
        location = /empty { return 204; }
        location = /method { return 405; }
        location = /login { return 401; }
        location = /login-ok {
            add_header WWW-Authenticate 'Basic realm="test"' always;
            return 401;
        }
        location = /busy { return 503; }
    }
}
EOF
if ! nginx -p "$dir" -c "$dir/nginx.conf" >"$2/nginx.log" 2>&1; then
    cat "$dir/error.log" >>"$2/nginx.log" 2>/dev/null
    exit 1
fi
trap 'kill "$(cat "$dir/nginx.pid")" 2>/dev/null' EXIT
# A liveness limit (30 s), not a speed goal: the machine may be busy.
i=0
until curl -s -o /dev/null "http://127.0.0.1:$port/ok" || [ $i -ge 300 ]; do
    sleep 0.1
    i=$((i + 1))
done

# path; curl options; check options; expected exit; wanted text ('|'
# between). Fields are split at ';', which, unlike a tab, keeps empty ones.
while IFS=';' read -r path curl_opts check_opts status wanted; do
    # shellcheck disable=SC2086
    # With -v, the trace is the input, the content mixed in (2>&1).
    curl -s $curl_opts "http://127.0.0.1:$port$path" >"$dir/response" 2>&1
    # shellcheck disable=SC2086
    NO_COLOR=1 "$bin" check $check_opts "$dir/response" >"$dir/out" 2>&1
    rc=$?
    missing=
    old_ifs=$IFS
    IFS='|'
    for want in $wanted; do
        grep -qF -- "$want" "$dir/out" || missing="$missing [$want]"
    done
    IFS=$old_ifs
    name="check on nginx's $path (curl $curl_opts)"
    if [ "$rc" = "$status" ] && [ -z "$missing" ]; then
        echo "ok - $name" >>"$results"
    else
        echo "not ok - $name: exit $rc, expected $status;$missing" \
            >>"$results"
        sed 's/^/#   /' "$dir/out" >&2
    fi
done <<EOF
/ok;-i;;0;no findings
/ok;-I;--method HEAD;0;no findings
/missing;-i;;0;404
/moved;-i;;0;301
/empty;-i;;0;204
/method;-i;;1;Allow
/login;-i;;1;WWW-Authenticate
/login-ok;-i;;0;401
/busy;-i;;0;Retry-After
/ok;-v;;0;no findings
/login;-v;;1;WWW-Authenticate
/moved;-vL;;0;request 2: GET http://127.0.0.1:
/ok;-vI;;0;no findings
EOF
exit 0
