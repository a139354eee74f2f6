#!/bin/sh
# bench/server.sh BINARY [OUT.json]: `httpstatus serve` beside nginx on the
# same core with the same load generator, in one run, on 127.0.0.1 only.
#
# Each server runs one worker pinned to CPU 0; wrk (one thread) and the
# idle-connection client run on CPU 1. Measured for both:
#   keep-alive   wrk -t1 -c50 -d10s --latency GET /404: requests/s, p99,
#                and the server's CPU time (utime+stime from /proc) per
#                request
#   pipelined    the same with 16 requests in each write (a wrk Lua
#                script); wrk counts every response
#   idle memory  VmRSS of the (worker) process before and with 10,000 idle
#                TCP connections open, per connection
#   echo         wrk -t1 -c50 GET /get (the request echoed as JSON): requests/s
#                and CPU time per request for httpstatus, and for go-httpbin
#                beside it when GO_HTTPBIN names its binary (it is not
#                packaged: see docs/compat.md); nginx has no such endpoint
# Prints a table and the DESIGN bars; writes the figures to OUT.json.
#
# Knobs (environment): DURATION (wrk seconds, default 10), CONNS (wrk
# connections, 50), DEPTH (pipelined requests per write, 16), IDLE (idle
# connections, 10000), WARMUP (seconds of unmeasured load first, 2).
set -eu

bin=${1:?usage: server.sh BINARY [OUT.json]}
out=${2:-build/server.json}
DURATION=${DURATION:-10}
CONNS=${CONNS:-50}
DEPTH=${DEPTH:-16}
IDLE=${IDLE:-10000}
WARMUP=${WARMUP:-2}

for tool in wrk nginx taskset python3; do
    command -v $tool >/dev/null 2>&1 || {
        echo "bench/server.sh: $tool is not installed" \
            "(Debian: wrk nginx-light util-linux python3)" >&2
        exit 1
    }
done
[ -x "$bin" ] || { echo "bench/server.sh: no $bin: build it first" >&2; exit 1; }
case $bin in */*) ;; *) bin=./$bin ;; esac
[ "$(nproc)" -ge 2 ] || echo "bench/server.sh: warning: one CPU only;" \
    "the server and wrk will share it" >&2

# Idle connections need descriptors: both the client and the server
# inherit this limit (ulimit -n: not POSIX, but in every sh that matters).
ulimit -n 20480 2>/dev/null || ulimit -n "$(ulimit -H -n)" 2>/dev/null || :
nofile=$(ulimit -n)
[ "$nofile" = unlimited ] && nofile=1048576
idle=$IDLE
if [ $((nofile - 64)) -lt "$idle" ]; then
    idle=$((nofile - 64))
    echo "bench/server.sh: ulimit -n is $nofile: $idle idle connections," \
        "not $IDLE" >&2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-bench.XXXXXX")
ours='' ng_master='' ng_worker=''

stop_pid() { # PID: SIGTERM, then SIGKILL after 5 s
    kill -TERM "$1" 2>/dev/null || return 0
    i=0
    while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -KILL "$1" 2>/dev/null || :
    wait "$1" 2>/dev/null || :
}

# Every process started here stops here; wrk and the idle client run in
# the foreground and end on their own.
stop_ours() {
    [ -z "$ours" ] || stop_pid "$ours"
    ours=''
}
stop_nginx() { # the master; the worker too, should it outlive the master
    [ -z "$ng_master" ] || stop_pid "$ng_master"
    [ -z "$ng_worker" ] || stop_pid "$ng_worker"
    ng_master='' ng_worker=''
}

cleanup() {
    stop_ours
    stop_nginx
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------- helpers

cat >"$dir/pipeline.lua" <<LUA
-- $DEPTH GET /404 requests in every write. wrk parses the batch once to
-- learn how many responses to wait for, and counts each response.
local batch
init = function(args)
   local r = {}
   for i = 1, $DEPTH do
      r[i] = wrk.format("GET", "/404")
   end
   batch = table.concat(r)
end
request = function()
   return batch
end
LUA

{ cat "$(dirname "$0")/procs.py"; cat <<'PY'
import json, os, resource, socket, sys, time

def ticks(pid):
    print(repr(cpu_seconds(pid)))

def rawsize(port):
    # The bytes of one GET /404 response, head and body.
    s = socket.create_connection(("127.0.0.1", int(port)), 5)
    s.sendall(b"GET /404 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              b"Connection: close\r\n\r\n")
    n = 0
    while True:
        b = s.recv(65536)
        if not b:
            break
        n += len(b)
    s.close()
    print(n)

def run(outfile, *argv):
    # Runs wrk with its report in outfile and its CPU seconds (user +
    # system, from wait4) in outfile.cpu: a load generator near 100% of
    # its core was the limit, not the server.
    import subprocess
    with open(outfile, "w") as f:
        p = subprocess.Popen(argv, stdout=f)
        _, status, ru = os.wait4(p.pid, 0)
    with open(outfile + ".cpu", "w") as f:
        f.write(repr(ru.ru_utime + ru.ru_stime))
    if status != 0:
        sys.exit("%s failed" % argv[0])

def rss(pid):
    for line in open("/proc/%s/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

def nfds(pid):
    return len(os.listdir("/proc/%s/fd" % pid))

def idle(pid, port, n):
    # Opens n connections that send nothing, waits until the server holds
    # them all, and reads its RSS before and with them.
    n = int(n)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = n + 64 if hard == resource.RLIM_INFINITY else min(hard, n + 64)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    time.sleep(0.5)
    before, fds0 = rss(pid), nfds(pid)
    socks = []
    start = time.time()
    for _ in range(n):
        s = socket.socket()
        s.settimeout(10)
        s.connect(("127.0.0.1", int(port)))
        # Close with RST later: no TIME_WAIT left behind.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     b"\x01\x00\x00\x00\x00\x00\x00\x00")
        socks.append(s)
    while nfds(pid) < fds0 + n and time.time() < start + 30:
        time.sleep(0.05)
    time.sleep(1.0)
    held = nfds(pid) - fds0
    with_ = rss(pid)
    for s in socks:
        s.close()
    json.dump({"n": n, "held": held, "rss_before_kib": before,
               "rss_with_kib": with_,
               "kib_per_conn": (with_ - before) / n}, sys.stdout)

UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}

def wrk(path):
    # wrk's report -> requests, requests/s, p99 in ms, errors.
    import re
    text = open(path).read()
    r = {"requests": int(re.search(r"(\d+) requests in", text).group(1)),
         "rps": float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))}
    m = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    if m:
        r["p99_ms"] = float(m.group(1)) * UNIT[m.group(2)]
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                  r"timeout (\d+)", text)
    r["socket_errors"] = sum(map(int, m.groups())) if m else 0
    r["wrk_cpu"] = float(open(path + ".cpu").read())
    return r

def report(dirname, out):
    d = json.load(open(os.path.join(dirname, "meta.json")))
    res = {"machine": d["machine"], "servers": {}}
    for name in ("httpstatus", "nginx"):
        s = {}
        ka = wrk(os.path.join(dirname, name + ".ka.txt"))
        pl = wrk(os.path.join(dirname, name + ".pl.txt"))
        cpu = d[name]["cpu_after"] - d[name]["cpu_before"]
        s["keepalive_rps"] = ka["rps"]
        s["keepalive_p99_ms"] = ka.get("p99_ms")
        s["keepalive_requests"] = ka["requests"]
        s["cpu_seconds"] = cpu
        s["cpu_us_per_request"] = cpu / ka["requests"] * 1e6
        s["keepalive_server_busy"] = cpu / d["machine"]["duration"]
        s["keepalive_wrk_busy"] = ka["wrk_cpu"] / d["machine"]["duration"]
        s["pipelined_rps"] = pl["rps"]
        s["pipelined_wrk_busy"] = pl["wrk_cpu"] / d["machine"]["duration"]
        s["socket_errors"] = ka["socket_errors"] + pl["socket_errors"]
        s["response_bytes"] = d[name]["response_bytes"]
        s["idle"] = json.load(open(os.path.join(dirname, name + ".idle.json")))
        res["servers"][name] = s
    for name in ("httpstatus", "go-httpbin"):
        path = os.path.join(dirname, name + ".echo.txt")
        if name in d.get("echo", {}) and os.path.exists(path):
            e = wrk(path)
            cpu = d["echo"][name]["cpu_after"] - d["echo"][name]["cpu_before"]
            res.setdefault("echo", {})[name] = {
                "rps": e["rps"], "requests": e["requests"],
                "cpu_us": cpu / e["requests"] * 1e6}
    json.dump(res, open(out, "w"), indent=2)

    o, n = res["servers"]["httpstatus"], res["servers"]["nginx"]
    m = res["machine"]
    print("machine: %s, %s CPUs; kernel %s" % (m["cpu"], m["nproc"],
                                               m["kernel"]))
    print("%s; %s" % (m["wrk"], m["nginx"]))
    print("server on CPU 0, wrk -t1 -c%s -d%ss on CPU 1; GET /404 "
          "(%d bytes from httpstatus, %d from nginx)"
          % (m["conns"], m["duration"], o["response_bytes"],
             n["response_bytes"]))
    print()
    rows = [
        ("keep-alive requests/s", "%.0f", "keepalive_rps"),
        ("keep-alive p99 (ms)", "%.3f", "keepalive_p99_ms"),
        ("CPU per request (us)", "%.2f", "cpu_us_per_request"),
        ("pipelined x%s requests/s" % m["depth"], "%.0f", "pipelined_rps"),
        ("RSS per idle conn (KiB)", "%.2f", None),
    ]
    print("%-28s %14s %14s %8s" % ("metric", "httpstatus", "nginx",
                                   "ratio"))
    for label, fmt, key in rows:
        if key is None:
            a, b = o["idle"]["kib_per_conn"], n["idle"]["kib_per_conn"]
        else:
            a, b = o[key], n[key]
        ratio = "%.2f" % (a / b) if a is not None and b else "-"
        print("%-28s %14s %14s %8s" % (label,
              fmt % a if a is not None else "-",
              fmt % b if b is not None else "-", ratio))
    print("(ratio = httpstatus / nginx)")
    echo = res.get("echo", {})
    if echo:
        print()
        print("GET /get (echo): %-14s %14s %8s" % ("httpstatus", "go-httpbin",
                                                   "ratio"))
        e, g = echo["httpstatus"], echo.get("go-httpbin")
        for label, key, fmt in (("requests/s", "rps", "%.0f"),
                                ("CPU per request (us)", "cpu_us", "%.2f")):
            print("%-28s %14s %14s %8s" % (label, fmt % e[key],
                  fmt % g[key] if g else "-",
                  "%.2f" % (e[key] / g[key]) if g else "-"))
    for name, s in (("httpstatus", o), ("nginx", n)):
        i = s["idle"]
        print("%s: %d idle connections (%d held): RSS %d -> %d KiB; "
              "%.2f CPU seconds over %d requests; %d socket errors"
              % (name, i["n"], i["held"], i["rss_before_kib"],
                 i["rss_with_kib"], s["cpu_seconds"],
                 s["keepalive_requests"], s["socket_errors"]))
    for name, s in (("httpstatus", o), ("nginx", n)):
        print("%s: keep-alive: server CPU %.0f%% busy, wrk %.0f%%; "
              "pipelined: wrk %.0f%%" % (name,
              100 * s["keepalive_server_busy"], 100 * s["keepalive_wrk_busy"],
              100 * s["pipelined_wrk_busy"]))
    if max(o["pipelined_wrk_busy"], n["pipelined_wrk_busy"],
           o["keepalive_wrk_busy"], n["keepalive_wrk_busy"]) > 0.9:
        print("note: wrk used over 90% of its CPU in a run: the load "
              "generator, not the server, may have set that figure")
    if m["idle_wanted"] != o["idle"]["n"]:
        print("note: ulimit -n allowed %d idle connections, not %d"
              % (o["idle"]["n"], m["idle_wanted"]))
    print()

    def bar(ok):
        return "met" if ok else "MISSED"
    p99 = o["keepalive_p99_ms"] is not None and \
        n["keepalive_p99_ms"] is not None and \
        o["keepalive_p99_ms"] <= n["keepalive_p99_ms"]
    print("DESIGN bars:")
    print("  more requests/s than nginx (keep-alive):  %s (%.2fx)"
          % (bar(o["keepalive_rps"] > n["keepalive_rps"]),
             o["keepalive_rps"] / n["keepalive_rps"]))
    print("  less CPU per request than nginx:           %s (%.2fx)"
          % (bar(o["cpu_us_per_request"] < n["cpu_us_per_request"]),
             o["cpu_us_per_request"] / n["cpu_us_per_request"]))
    print("  5x nginx pipelined requests/s:             %s (%.2fx)"
          % (bar(o["pipelined_rps"] >= 5 * n["pipelined_rps"]),
             o["pipelined_rps"] / n["pipelined_rps"]))
    print("  p99 no worse than nginx (keep-alive):      %s" % bar(p99))
    print("  <= 4 KiB per idle connection:              %s (%.2f KiB)"
          % (bar(o["idle"]["kib_per_conn"] <= 4),
             o["idle"]["kib_per_conn"]))

globals()[sys.argv[1]](*sys.argv[2:])
PY
} >"$dir/h.py"
h() { python3 "$dir/h.py" "$@"; }

# ------------------------------------------------------------- servers

start_ours() {
    taskset -c 0 "$bin" serve --listen 127.0.0.1:0 --workers 1 \
        --max-connections 20000 --header-timeout 60000 \
        --idle-timeout 60000 2>"$dir/ours.err" &
    ours=$!
    i=0
    until grep -q 'listening on' "$dir/ours.err"; do
        if ! kill -0 "$ours" 2>/dev/null || [ $i -ge 100 ]; then
            cat "$dir/ours.err" >&2
            echo "bench/server.sh: httpstatus serve did not start" >&2
            exit 1
        fi
        sleep 0.05
        i=$((i + 1))
    done
    ours_port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
        "$dir/ours.err")
    h waitport "$ours_port"
}

start_nginx() {
    ng=$dir/nginx
    mkdir -p "$ng/tmp"
    ng_port=$(h freeport)
    cat >"$ng/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile $nofile;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events {
    worker_connections 20000;
}
http {
    access_log off;
    client_body_temp_path $ng/tmp/body;
    proxy_temp_path $ng/tmp/proxy;
    fastcgi_temp_path $ng/tmp/fastcgi;
    uwsgi_temp_path $ng/tmp/uwsgi;
    scgi_temp_path $ng/tmp/scgi;
    client_header_timeout 60s;
    keepalive_timeout 60s;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$ng_port backlog=4096;
        location / { return 404; }
    }
}
CONF
    taskset -c 0 nginx -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" &
    ng_master=$!
    h waitport "$ng_port" || { cat "$ng/error.log" >&2; exit 1; }
    ng_worker=$(h child "$ng_master")
}

# ------------------------------------------------------------- the run

load() { # NAME PORT PID: warm-up, keep-alive (with CPU time), pipelined
    url=http://127.0.0.1:$2/404
    echo "$1: keep-alive and pipelined load, ${DURATION}s each" >&2
    taskset -c 1 wrk -t1 -c"$CONNS" -d"$WARMUP"s "$url" >/dev/null
    h ticks "$3" >"$dir/$1.cpu0"
    taskset -c 1 python3 "$dir/h.py" run "$dir/$1.ka.txt" \
        wrk -t1 -c"$CONNS" -d"$DURATION"s --latency "$url"
    h ticks "$3" >"$dir/$1.cpu1"
    taskset -c 1 python3 "$dir/h.py" run "$dir/$1.pl.txt" \
        wrk -t1 -c"$CONNS" -d"$DURATION"s -s "$dir/pipeline.lua" "$url"
}

echo_load() { # NAME PORT PID: keep-alive GET /get, with CPU time
    url=http://127.0.0.1:$2/get
    echo "$1: GET /get, ${DURATION}s" >&2
    taskset -c 1 wrk -t1 -c"$CONNS" -d"$WARMUP"s "$url" >/dev/null
    h ticks "$3" >"$dir/$1.echo.cpu0"
    taskset -c 1 python3 "$dir/h.py" run "$dir/$1.echo.txt" \
        wrk -t1 -c"$CONNS" -d"$DURATION"s "$url"
    h ticks "$3" >"$dir/$1.echo.cpu1"
}

# Idle memory first, each on a fresh process.
start_ours
start_nginx
ours_bytes=$(h rawsize "$ours_port")
nginx_bytes=$(h rawsize "$ng_port")
echo "httpstatus: $idle idle connections" >&2
taskset -c 1 python3 "$dir/h.py" idle "$ours" "$ours_port" "$idle" \
    >"$dir/httpstatus.idle.json"
echo "nginx: $idle idle connections" >&2
taskset -c 1 python3 "$dir/h.py" idle "$ng_worker" "$ng_port" "$idle" \
    >"$dir/nginx.idle.json"
stop_ours
stop_nginx

# Then the load, on fresh processes again.
start_ours
start_nginx
load httpstatus "$ours_port" "$ours"
load nginx "$ng_port" "$ng_worker"
echo_load httpstatus "$ours_port" "$ours"
stop_ours
stop_nginx
echo_meta="\"httpstatus\": {\"cpu_before\": $(cat "$dir/httpstatus.echo.cpu0"),
  \"cpu_after\": $(cat "$dir/httpstatus.echo.cpu1")}"
if [ -n "${GO_HTTPBIN:-}" ] && [ -x "$GO_HTTPBIN" ]; then
    gh_port=$(h freeport)
    GOMAXPROCS=1 taskset -c 0 "$GO_HTTPBIN" -host 127.0.0.1 \
        -port "$gh_port" >/dev/null 2>&1 &
    ours=$! # stop_ours stops it, on any exit
    h waitport "$gh_port"
    echo_load go-httpbin "$gh_port" "$ours"
    stop_ours
    echo_meta="$echo_meta, \"go-httpbin\": {\"cpu_before\":
  $(cat "$dir/go-httpbin.echo.cpu0"), \"cpu_after\":
  $(cat "$dir/go-httpbin.echo.cpu1")}"
fi

cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -n 1)
cat >"$dir/meta.json" <<JSON
{"machine": {"cpu": "$cpu", "nproc": $(nproc), "kernel": "$(uname -r)",
  "wrk": "$(wrk -v 2>&1 | head -n 1 | sed 's/ Copyright.*//')",
  "nginx": "$(nginx -v 2>&1)",
  "conns": $CONNS, "duration": $DURATION, "depth": $DEPTH,
  "idle_wanted": $IDLE},
 "httpstatus": {"cpu_before": $(cat "$dir/httpstatus.cpu0"), "cpu_after": $(cat "$dir/httpstatus.cpu1"),
  "response_bytes": $ours_bytes},
 "nginx": {"cpu_before": $(cat "$dir/nginx.cpu0"), "cpu_after": $(cat "$dir/nginx.cpu1"),
  "response_bytes": $nginx_bytes},
 "echo": {$echo_meta}}
JSON
mkdir -p "$(dirname "$out")"
h report "$dir" "$out"
