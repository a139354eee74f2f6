#!/bin/sh
# bench/tls.sh BINARY [OUT.json]: `httpstatus serve` beside nginx over
# HTTPS and HTTP/2, on the same core with the same load generators, in one
# run, on 127.0.0.1 only. The companion of bench/server.sh, which does the
# same for cleartext HTTP/1.1.
#
# Each server runs one worker pinned to CPU 0 and serves GET /404 (as in
# server.sh); the load generator (one thread) runs on CPU 1. Both servers
# use the same self-signed ECDSA P-256 certificate and key, made here with
# openssl, so that neither signs with a cheaper key. The comparisons:
#
#   h2 -m10      h2load -t1 -c10 -m10 https://  (HTTP/2 over TLS, ALPN h2,
#                10 streams at once on each of 10 connections)
#   h2 -m1       h2load -t1 -c10 -m1 https://   (one stream at a time)
#   h2c -m10     h2load -t1 -c10 -m10 http://   (cleartext HTTP/2, prior
#                knowledge, on the plain port)
#   https h1     wrk -t1 -c50 https://          (HTTP/1.1 keep-alive over
#                TLS; wrk offers no ALPN, so both fall back to http/1.1)
#   https h1 h2load
#                h2load --h1 -t1 -c10 -m1 https:// (the same through
#                h2load, whose TLS client is the one the h2 rows use)
#
# For each: requests/s as the load generator reports it, and the server's
# CPU time (utime + stime from /proc/PID/stat) per completed request; each
# run is DURATION seconds after WARMUP seconds of the same load unmeasured,
# and the figure is the median of REPS runs, the two servers taking turns.
# Every response of every run is checked to be a 404 and no request may
# fail; a run that breaks this stops the script.
# Prints a table with the ratio httpstatus / nginx on each line and the
# issue's bars (req/s at least nginx's, CPU per request at most nginx's);
# writes every run and the medians to OUT.json.
#
# Knobs (environment): DURATION (seconds a run, default 5), REPS (runs
# each, 3), CONNS (h2load connections, 10), WRK_CONNS (wrk connections,
# 50, as in server.sh), WARMUP (seconds before each run, 1), MODES (the
# comparisons to run, by name: "h2-m10 h2-m1 h2c-m10 https-h1 https-h1-h2load").
set -eu

bin=${1:?usage: tls.sh BINARY [OUT.json]}
out=${2:-build/tls.json}
DURATION=${DURATION:-5}
REPS=${REPS:-3}
CONNS=${CONNS:-10}
WRK_CONNS=${WRK_CONNS:-50}
WARMUP=${WARMUP:-1}
MODES=${MODES:-h2-m10 h2-m1 h2c-m10 https-h1 https-h1-h2load}

for tool in h2load wrk nginx taskset python3 openssl; do
    command -v $tool >/dev/null 2>&1 || {
        echo "bench/tls.sh: $tool is not installed" \
            "(Debian: nghttp2-client wrk nginx-light util-linux python3" \
            "openssl)" >&2
        exit 1
    }
done
[ -x "$bin" ] || { echo "bench/tls.sh: no $bin: build it first" >&2; exit 1; }
case $bin in */*) ;; *) bin=./$bin ;; esac
[ "$(nproc)" -ge 2 ] || echo "bench/tls.sh: warning: one CPU only;" \
    "the server and the load generator will share it" >&2

dir=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-tls-bench.XXXXXX")
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

# Every process started here stops here; the load generators run in the
# foreground and end on their own.
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

{ cat "$(dirname "$0")/procs.py"; cat <<'PY'
import json, os, re, socket, statistics, subprocess, sys, time


def run(pid, outfile, *argv):
    # Runs the load generator with its report in outfile, and writes
    # outfile.json: the server's CPU seconds over the run (from /proc) and
    # the generator's own (user + system, from wait4): a generator near
    # 100% of its core was the limit, not the server.
    before = cpu_seconds(pid)
    with open(outfile, "w") as f:
        p = subprocess.Popen(argv, stdout=f, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
    after = cpu_seconds(pid)
    json.dump({"server_cpu": after - before,
               "client_cpu": ru.ru_utime + ru.ru_stime,
               "status": status}, open(outfile + ".json", "w"))
    if status != 0:
        sys.stdout.write(open(outfile).read())
        sys.exit("%s failed" % argv[0])

def h2load(text):
    # h2load's report -> done requests, req/s, status classes, failures.
    m = re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", text)
    r = {"rps": float(m.group(1))}
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, "
                  r"(\d+) succeeded, (\d+) failed, (\d+) errored, "
                  r"(\d+) timeout", text)
    r["requests"] = int(m.group(3))
    r["errored"] = int(m.group(6)) + int(m.group(7))
    m = re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, "
                  r"(\d+) 5xx", text)
    r["not_4xx"] = int(m.group(1)) + int(m.group(2)) + int(m.group(4))
    r["4xx"] = int(m.group(3))
    m = re.search(r"traffic: .*?, ([\d.]+\w*) \((\d+)\) data", text)
    r["data_bytes"] = int(m.group(2)) if m else None
    proto = re.search(r"Application protocol: (\S+)", text)
    r["protocol"] = proto.group(1) if proto else None
    tls = re.search(r"TLS Protocol: (\S+)\s+Cipher: (\S+)", text)
    r["tls"] = "%s %s" % tls.groups() if tls else None
    return r

def wrk(text):
    r = {"requests": int(re.search(r"(\d+) requests in", text).group(1)),
         "rps": float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))}
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                  r"timeout (\d+)", text)
    r["errored"] = sum(map(int, m.groups())) if m else 0
    # Every answer is a 404, so wrk counts each one as non-2xx/3xx.
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    r["4xx"] = int(m.group(1)) if m else 0
    r["not_4xx"] = r["requests"] - r["4xx"]
    r["protocol"] = "http/1.1"
    r["tls"] = None
    r["data_bytes"] = None
    return r

def parse(outfile):
    # One run's figures; exits when a response was not the 404 asked for
    # or a request failed: a broken server is not a fast one.
    text = open(outfile).read()
    r = wrk(text) if "Requests/sec" in text else h2load(text)
    r.update(json.load(open(outfile + ".json")))
    r["cpu_us"] = r["server_cpu"] / r["requests"] * 1e6 \
        if r["requests"] else None
    bad = []
    if r["requests"] == 0:
        bad.append("no request completed")
    if r["errored"]:
        bad.append("%d requests errored or timed out" % r["errored"])
    # h2load counts a status when its head arrives, and a request when
    # its stream closes: a -D run may end between the two, so a few more
    # statuses than requests is normal.
    if r["not_4xx"] or r["4xx"] < r["requests"]:
        bad.append("%d of %d responses were not the 404 asked for"
                   % (max(r["not_4xx"], r["requests"] - r["4xx"]),
                      r["requests"]))
    if bad:
        sys.stdout.write(text)
        sys.exit("%s: %s" % (os.path.basename(outfile), "; ".join(bad)))
    return r

def check(outfile):
    r = parse(outfile)
    print("  %.0f req/s, %.2f us CPU per request, %s%s" % (
        r["rps"], r["cpu_us"], r["protocol"],
        ", " + r["tls"] if r["tls"] else ""), file=sys.stderr)

LABELS = {
    "h2-m10": "h2 TLS -c%(c)s -m10",
    "h2-m1": "h2 TLS -c%(c)s -m1",
    "h2c-m10": "h2c -c%(c)s -m10",
    "https-h1": "https h1.1 wrk -c%(w)s",
    "https-h1-h2load": "https h1.1 h2load -c%(c)s",
}

def report(dirname, out):
    meta = json.load(open(os.path.join(dirname, "meta.json")))
    m = meta["machine"]
    res = {"machine": m, "modes": {}}
    for mode in meta["modes"]:
        row = {}
        for name in ("httpstatus", "nginx"):
            runs = [parse(os.path.join(dirname, "%s.%s.%d" % (name, mode, i)))
                    for i in range(1, meta["reps"] + 1)]
            row[name] = {
                "rps": statistics.median(r["rps"] for r in runs),
                "cpu_us_per_request":
                    statistics.median(r["cpu_us"] for r in runs),
                "client_busy": statistics.median(
                    r["client_cpu"] for r in runs) / m["duration"],
                "server_busy": statistics.median(
                    r["server_cpu"] for r in runs) / m["duration"],
                "protocol": runs[0]["protocol"], "tls": runs[0]["tls"],
                "bytes_per_response": runs[0]["data_bytes"] /
                    runs[0]["requests"] if runs[0]["data_bytes"] else None,
                "runs": runs}
        o, n = row["httpstatus"], row["nginx"]
        row["rps_ratio"] = o["rps"] / n["rps"]
        row["cpu_ratio"] = o["cpu_us_per_request"] / n["cpu_us_per_request"]
        res["modes"][mode] = row
    json.dump(res, open(out, "w"), indent=2)

    print("machine: %s, %s CPUs; kernel %s" % (m["cpu"], m["nproc"],
                                               m["kernel"]))
    print("%s; %s; %s; %s" % (m["h2load"], m["wrk"], m["nginx"],
                              m["openssl"]))
    print("server on CPU 0, load generator (one thread) on CPU 1; GET /404;"
          " medians of %d runs of %ss" % (meta["reps"], m["duration"]))
    print("load average before: %s; after: %s" % (m["load_before"],
                                                  m["load_after"]))
    print()
    print("%-26s %11s %11s %6s   %10s %10s %6s" % (
        "", "requests/s", "", "", "CPU us/req", "", ""))
    print("%-26s %11s %11s %6s   %10s %10s %6s" % (
        "comparison", "httpstatus", "nginx", "ratio", "httpstatus",
        "nginx", "ratio"))
    sub = {"c": m["conns"], "w": m["wrk_conns"]}
    for mode, row in res["modes"].items():
        o, n = row["httpstatus"], row["nginx"]
        print("%-26s %11.0f %11.0f %6.2f   %10.2f %10.2f %6.2f" % (
            LABELS[mode] % sub, o["rps"], n["rps"], row["rps_ratio"],
            o["cpu_us_per_request"], n["cpu_us_per_request"],
            row["cpu_ratio"]))
    print("(ratio = httpstatus / nginx: above 1 is more requests/s, and"
          " more CPU per request)")
    print()
    for mode, row in res["modes"].items():
        for name in ("httpstatus", "nginx"):
            s = row[name]
            print("%-26s %-10s %s%s; server CPU %.0f%% busy, load generator"
                  " %.0f%%%s" % (
                LABELS[mode] % sub, name, s["protocol"],
                ", " + s["tls"] if s["tls"] else "",
                100 * s["server_busy"], 100 * s["client_busy"],
                "; %.0f bytes of content a response"
                % s["bytes_per_response"] if s["bytes_per_response"] else ""))
    for mode, row in res["modes"].items():
        if row["httpstatus"]["tls"] != row["nginx"]["tls"]:
            print("note: %s: the two servers settled on different TLS"
                  " versions or ciphers" % (LABELS[mode] % sub))
    if any(row[name]["client_busy"] > 0.9 for row in res["modes"].values()
           for name in ("httpstatus", "nginx")):
        print("note: a load generator used over 90% of its CPU in a run:"
              " it, not the server, may have set that figure")
    print()
    print("bars (issue 13):")
    for mode, row in res["modes"].items():
        print("  %-26s req/s >= nginx: %-6s (%.2fx)   CPU/req <= nginx: "
              "%-6s (%.2fx)" % (
            LABELS[mode] % sub,
            "met" if row["rps_ratio"] >= 1 else "MISSED", row["rps_ratio"],
            "met" if row["cpu_ratio"] <= 1 else "MISSED", row["cpu_ratio"]))
    print("figures written to %s" % out)

if __name__ == "__main__":
    f = globals()[sys.argv[1]]
    r = f(*sys.argv[2:])
    if r is not None:
        print(r)
PY
} >"$dir/h.py"
h() { python3 "$dir/h.py" "$@"; }

# One certificate for both: ECDSA P-256, for localhost and 127.0.0.1.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>"$dir/openssl.err" ||
    { cat "$dir/openssl.err" >&2; exit 1; }

# ------------------------------------------------------------- servers

start_ours() {
    taskset -c 0 "$bin" serve --listen 127.0.0.1:0 \
        --tls-listen 127.0.0.1:0 --tls-cert "$dir/cert.pem" \
        --tls-key "$dir/key.pem" --workers 1 2>"$dir/ours.err" &
    ours=$!
    i=0
    until grep -q 'listening on https' "$dir/ours.err" &&
        grep -q 'listening on http:' "$dir/ours.err"; do
        if ! kill -0 "$ours" 2>/dev/null || [ $i -ge 100 ]; then
            cat "$dir/ours.err" >&2
            echo "bench/tls.sh: httpstatus serve did not start with TLS" >&2
            exit 1
        fi
        sleep 0.05
        i=$((i + 1))
    done
    ours_port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
        "$dir/ours.err")
    ours_tls=$(sed -n 's|.*listening on https://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
        "$dir/ours.err")
    h waitport "$ours_port"
    h waitport "$ours_tls"
}

. "$(dirname "$0")/nginx_tls.sh"

start_nginx() {
    ng=$dir/nginx
    mkdir -p "$ng/tmp"
    ng_port=$(h freeport)
    ng_tls=$(h freeport)
    nginx_tls_conf "$ng" "$dir" "$ng_tls" "$ng_port" on >"$ng/nginx.conf"
    taskset -c 0 nginx -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" &
    ng_master=$!
    h waitport "$ng_port" || { cat "$ng/error.log" >&2; exit 1; }
    h waitport "$ng_tls"
    ng_worker=$(h child "$ng_master")
}

# ------------------------------------------------------------- the run

# The load of one comparison against one server: MODE PLAIN_PORT TLS_PORT
# SECONDS; the command line on stdout, one word a line.
load_cmd() {
    case $1 in
    h2-m10) echo h2load -t1 -c"$CONNS" -m10 -D"$4" "https://127.0.0.1:$3/404" ;;
    h2-m1) echo h2load -t1 -c"$CONNS" -m1 -D"$4" "https://127.0.0.1:$3/404" ;;
    h2c-m10) echo h2load -t1 -c"$CONNS" -m10 -D"$4" "http://127.0.0.1:$2/404" ;;
    https-h1) echo wrk -t1 -c"$WRK_CONNS" -d"$4"s "https://127.0.0.1:$3/404" ;;
    https-h1-h2load)
        echo h2load --h1 -t1 -c"$CONNS" -m1 -D"$4" "https://127.0.0.1:$3/404" ;;
    *)
        echo "bench/tls.sh: no comparison named '$1'" >&2
        exit 1
        ;;
    esac
}
for mode in $MODES; do load_cmd "$mode" 1 1 1 >/dev/null; done

measure() { # NAME MODE PLAIN_PORT TLS_PORT PID REP
    echo "$1 $2 run $6 of $REPS (${WARMUP}s warm-up, ${DURATION}s)" >&2
    if [ "$WARMUP" -gt 0 ]; then
        # shellcheck disable=SC2046 # (word splitting is wanted)
        taskset -c 1 $(load_cmd "$2" "$3" "$4" "$WARMUP") >/dev/null 2>&1
    fi
    # shellcheck disable=SC2046
    taskset -c 1 python3 "$dir/h.py" run "$5" "$dir/$1.$2.$6" \
        $(load_cmd "$2" "$3" "$4" "$DURATION")
    h check "$dir/$1.$2.$6"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_ours
start_nginx
rep=1
while [ $rep -le "$REPS" ]; do
    for mode in $MODES; do
        measure httpstatus "$mode" "$ours_port" "$ours_tls" "$ours" $rep
        measure nginx "$mode" "$ng_port" "$ng_tls" "$ng_worker" $rep
    done
    rep=$((rep + 1))
done
stop_ours
stop_nginx

modes_json=$(for mode in $MODES; do printf '"%s", ' "$mode"; done)
cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -n 1)
cat >"$dir/meta.json" <<JSON
{"machine": {"cpu": "$cpu", "nproc": $(nproc), "kernel": "$(uname -r)",
  "h2load": "$(h2load --version 2>&1 | head -n 1)",
  "wrk": "$(wrk -v 2>&1 | head -n 1 | sed 's/ Copyright.*//')",
  "nginx": "$(nginx -v 2>&1)",
  "openssl": "$(openssl version)",
  "conns": $CONNS, "wrk_conns": $WRK_CONNS, "duration": $DURATION,
  "warmup": $WARMUP, "load_before": "$load_before",
  "load_after": "$(cut -d' ' -f1-3 /proc/loadavg)"},
 "reps": $REPS, "modes": [${modes_json%, }]}
JSON
mkdir -p "$(dirname "$out")"
h report "$dir" "$out"
