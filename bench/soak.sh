#!/bin/sh
# bench/soak.sh [BINARY] [SECONDS]: a soak run of `httpstatus serve`.
#
#   sh bench/soak.sh                      (build/httpstatus, 60 s)
#
# Starts the server on a free port of 127.0.0.1 with one worker
# (WORKERS=N for more), runs wrk at full rate against it (one thread, 64
# keep-alive connections, SECONDS long) with the request mix of
# bench/soak.lua (GET /200 /404 /503 /204 /304 /301 /200?sleep=0 and HEAD
# /204, each checked against the status it asked for), and samples the
# server's VmRSS every second meanwhile. Then it checks, one line each:
#
#   - wrk saw no connect, read or write error and no timeout (a response
#     not there after LIVE seconds: a liveness limit)
#   - every response had the status its request expected, and every
#     status of the mix came back
#   - the server is still running, and answers a new client
#   - VmRSS at the end is within 1 MiB of VmRSS after the warm-up (the
#     first tenth of the run, at least 2 s): with 64 connections and
#     buffers reused from request to request the server's memory is flat
#     once warm, and a leak of a few bytes per request (millions of
#     requests) would pass 1 MiB; a relative bound would be too tight
#     for a 2-3 MiB process, where malloc's arenas move by some 100 KiB
#   - SIGTERM stops it with exit status 0
#
# Prints requests/s, latency percentiles and VmRSS at the warm-up, the end
# and the peak, then "N passed, N failed"; exits 1 when a check failed.
# No check is on speed (CI runs this on machines busy with other work):
# requests/s and latencies are printed for information, and every wait
# (for the server to listen, to answer a probe, to exit) is a liveness
# limit of LIVE seconds: 30, times HTTPSTATUS_TEST_SLOW when that is set
# (as for the tests, tests/server/launch.py).
# Needs wrk (Debian: wrk); without it the run fails at once, saying so.
set -u

bin=${1:-build/httpstatus}
duration=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
lua=$here/soak.lua
WORKERS=${WORKERS:-1}
CONNS=64
BOUND_KIB=1024
LIVE=$(awk -v s="${HTTPSTATUS_TEST_SLOW:-1}" \
    'BEGIN { s += 0; printf "%d", 30 * (s > 1 ? s : 1) }')

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
notok() { failed=$((failed + 1)); echo "not ok - $1${2:+: $2}"; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0
    exit 1
}

if ! command -v wrk >/dev/null 2>&1; then
    notok "wrk is installed" "no wrk in PATH (Debian: apt-get install wrk)"
    finish
fi
if [ ! -x "$bin" ] || [ -d "$bin" ]; then
    notok "the binary exists" "$bin is not an executable (run make first)"
    finish
fi
case $duration in
'' | *[!0-9]*)
    notok "SECONDS is a number" "'$duration'"
    finish
    ;;
esac
if [ "$duration" -lt 5 ]; then
    notok "SECONDS is at least 5" "$duration"
    finish
fi
case $bin in */*) ;; *) bin=./$bin ;; esac

dir=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-soak.XXXXXX")
srv=''
sampler=''
# shellcheck disable=SC2317 # (called by the trap)
cleanup() {
    [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
    [ -n "$srv" ] && kill -KILL "$srv" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rss_of() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# The server, on a port of its choosing.
: >"$dir/server.err"
"$bin" serve --listen 127.0.0.1:0 --workers "$WORKERS" \
    2>"$dir/server.err" >/dev/null </dev/null &
srv=$!
port=''
i=0
while [ $i -lt $((LIVE * 10)) ]; do
    port=$(sed -n 's|^httpstatus serve: listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
        "$dir/server.err")
    [ -n "$port" ] && break
    kill -0 "$srv" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$port" ]; then
    notok "the server starts" "$(head -c 300 "$dir/server.err")"
    finish
fi
ok "the server starts (pid $srv, port $port, $WORKERS worker(s))"
url=http://127.0.0.1:$port

# One GET on a new connection: prints the status code.
probe() {
    if command -v curl >/dev/null 2>&1; then
        curl --noproxy '*' -s -o /dev/null -m "$LIVE" -w '%{http_code}' "$url$1"
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import sys, http.client
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]),
                               timeout=int(sys.argv[3]))
c.request("GET", sys.argv[2]); print(c.getresponse().status, end="")' \
            "$port" "$1" "$LIVE" 2>/dev/null
    else
        # wrk alone: one second on one connection, no error allowed.
        wrk -t1 -c1 -d1s --timeout "${LIVE}s" "$url$1" 2>&1 | awk '
            /requests in/ { n = $1 } /Socket errors|Non-2xx/ { bad = 1 }
            END { if (n > 0 && !bad) printf "200" }'
    fi
}

rss_idle=$(rss_of "$srv")
load=$(cut -d' ' -f1-3 /proc/loadavg)

# VmRSS every second while wrk runs: "SECOND KIB" lines.
(
    t=0
    while [ ! -e "$dir/stop" ] && kill -0 "$srv" 2>/dev/null; do
        echo "$t $(rss_of "$srv")"
        t=$((t + 1))
        sleep 1
    done
) >"$dir/rss" &
sampler=$!

echo "# wrk -t1 -c$CONNS -d${duration}s --timeout ${LIVE}s --latency" \
    "-s bench/soak.lua $url/ (load average before: $load;" \
    "$(nproc 2>/dev/null || echo ?) CPUs)"
wrk -t1 -c"$CONNS" -d"${duration}s" --timeout "${LIVE}s" --latency \
    -s "$lua" "$url/" >"$dir/wrk.out" 2>&1
wrk_rc=$?
touch "$dir/stop"
wait "$sampler" 2>/dev/null
sampler=''
sed -e '/^soak /d' -e 's/^/#   /' "$dir/wrk.out"

val() { awk -v k="$1" '$1 == "soak" && $2 == k { print $3 }' "$dir/wrk.out"; }
requests=$(val requests)
if [ "$wrk_rc" -ne 0 ] || [ -z "$requests" ] || [ "$requests" -eq 0 ]; then
    notok "wrk ran and reported" "exit status $wrk_rc, $(tail -3 "$dir/wrk.out" | tr '\n' ' ')"
    finish
fi
ok "wrk ran: $requests requests in ${duration} s"

us_ms() { awk -v u="$1" 'BEGIN { printf "%.2f ms", u / 1000 }'; }
echo "# requests/s: $(val rps)  latency p50 $(us_ms "$(val p50_us)")," \
    "p90 $(us_ms "$(val p90_us)"), p99 $(us_ms "$(val p99_us)")," \
    "max $(us_ms "$(val max_us)")"
echo "# responses by status: $(awk '$1 == "soak" && $2 ~ /^status_/ {
    sub("status_", "", $2); printf "%s%s %s", sep, $2, $3; sep = ", " }' \
    "$dir/wrk.out")"

# Socket errors, one check each.
for kind in connect read write timeout; do
    n=$(val "err_$kind")
    if [ "${n:-x}" = 0 ]; then
        ok "no $kind errors"
    else
        notok "no $kind errors" "${n:-unknown}"
    fi
done

# Statuses: each as its request asked, and each status of the mix seen.
wrong=$(val wrong)
untagged=$(val untagged)
responses=$(val responses)
missing=''
for code in 200 404 503 204 304 301; do
    [ -n "$(val "status_$code")" ] || missing="$missing $code"
done
others=$(awk '$1 == "soak" && $2 ~ /^status_/ {
    s = substr($2, 8); if (s !~ /^(200|404|503|204|304|301)$/) printf " %s", s }' \
    "$dir/wrk.out")
if [ "$wrong" = 0 ] && [ "$untagged" = 0 ] && [ -z "$missing" ] &&
    [ -z "$others" ] && [ "$responses" = "$requests" ]; then
    ok "every one of $responses responses had the status its request expected"
else
    notok "every response had the status its request expected" \
        "$wrong wrong, $untagged without X-Want (first: $(val first_wrong)), never seen:${missing:- none}, unexpected:${others:- none}, $responses checked of $requests"
fi

# The server afterwards.
if kill -0 "$srv" 2>/dev/null; then
    ok "the server is still running"
else
    wait "$srv"
    notok "the server is still running" "exit status $?: $(tail -3 "$dir/server.err" | tr '\n' ' ')"
fi
code=$(probe /200)
if [ "$code" = 200 ]; then
    ok "the server answers a new client (GET /200: 200)"
else
    notok "the server answers a new client" "GET /200: '${code:-nothing}'"
fi

# Memory.
warm=$((duration / 10))
[ $warm -lt 2 ] && warm=2
rss_warm=$(awk -v w=$warm '$1 >= w && $2 != "" { print $2; exit }' "$dir/rss")
rss_end=$(awk '$2 != "" { r = $2 } END { print r }' "$dir/rss")
rss_max=$(awk '$2 > m { m = $2 } END { print m + 0 }' "$dir/rss")
samples=$(awk '$2 != "" { n++ } END { print n + 0 }' "$dir/rss")
echo "# VmRSS: ${rss_idle:-?} KiB idle, ${rss_warm:-?} KiB after the ${warm} s" \
    "warm-up, ${rss_end:-?} KiB at the end, ${rss_max:-?} KiB peak" \
    "($samples samples, 1 s apart)"
if [ -n "$rss_warm" ] && [ -n "$rss_end" ]; then
    growth=$((rss_end - rss_warm))
    per=$(awk -v g="$growth" -v n="$requests" \
        'BEGIN { printf "%.3f", (g > 0 ? g : 0) * 1024 / n }')
    if [ "$growth" -le "$BOUND_KIB" ]; then
        ok "VmRSS grew $growth KiB after the warm-up (bound $BOUND_KIB KiB; $per bytes per request)"
    else
        notok "VmRSS within $BOUND_KIB KiB of the warm-up" \
            "grew $growth KiB ($rss_warm -> $rss_end KiB, $per bytes per request)"
    fi
else
    notok "VmRSS sampled after the warm-up" "too few samples ($samples)"
fi

# SIGTERM.
kill -TERM "$srv" 2>/dev/null
i=0
while kill -0 "$srv" 2>/dev/null && [ $i -lt $((LIVE * 10)) ]; do
    sleep 0.1
    i=$((i + 1))
done
if kill -0 "$srv" 2>/dev/null; then
    notok "SIGTERM stops the server within $LIVE s" "still running"
else
    wait "$srv"
    rc=$?
    srv=''
    if [ $rc -eq 0 ]; then
        ok "SIGTERM stops the server with exit status 0"
    else
        notok "SIGTERM stops the server with exit status 0" "exit status $rc"
    fi
fi
finish
