#!/bin/sh
# bench/h2_soak.sh [BINARY] [SECONDS]: an HTTP/2 soak run of
# `httpstatus serve`, over TLS and cleartext.
#
#   sh bench/h2_soak.sh                   (build/httpstatus, 60 s)
#
# Starts the server on free ports of 127.0.0.1 (--listen and --tls-listen,
# its own self-signed certificate, one worker; WORKERS=N for more) and runs
# h2load against it again and again until SECONDS have passed, taking turns
# between four legs, each a new h2load process with new connections:
#
#   h2 -m10     HTTP/2 over TLS (ALPN h2), 8 connections, 10 streams each
#   h2c -m10    cleartext HTTP/2 by prior knowledge on the plain port
#   h2 -m1      HTTP/2 over TLS, 8 connections, one stream at a time
#   h2 POST     HTTP/2 over TLS, 4 connections, 10 streams each, every
#               request a POST /post with a 4 KiB body (echoed back)
#
# The GET legs ask for a mix of eight paths, GET /200 /404 /503 /204 /304
# /301 /200?sleep=0 and /103 (an interim 103, then a 200). h2load hands
# each connection the paths in turn, and each run asks every connection for
# a whole number of rounds of the mix, so the count of each status class
# (2xx, 3xx, 4xx, 5xx) is known in advance, and the check is that h2load
# counted exactly that: every response checked, by class. h2load (1.52, as
# in Debian 12) counts a response by the first :status it sees and puts
# every status under 400 that is not a 2xx among the 3xx: /103 counts as a
# 3xx, by its 103, which is so only when the 103 comes before the 200.
# Then, one line each:
#
#   - every run of each leg: h2load exited 0, every request done, none
#     errored or timed out, and the status counts exact
#   - the server is still running, and answers new clients over TLS (curl
#     --http2, checking the certificate against its SPKI pin) and over h2c
#     (curl --http2-prior-knowledge)
#   - its open descriptors are back to the count after the warm-up (the
#     first round of legs) once the clients have gone: no connection or
#     TLS session is left behind
#   - VmRSS at the end is within 1 MiB of VmRSS after the warm-up (the
#     same bound as bench/soak.sh, and for the same reasons)
#   - SIGTERM stops it with exit status 0
#
# Prints requests/s per leg, descriptors and VmRSS, then "N passed, N
# failed"; exits 1 when a check failed. No check is on speed: every wait is
# a liveness limit of LIVE seconds, 30 times HTTPSTATUS_TEST_SLOW when that
# is set (as in bench/soak.sh and tests/server/launch.py).
# Needs h2load (Debian: nghttp2-client) and curl; a server built without
# TLS fails the first check, saying so.
set -u

bin=${1:-build/httpstatus}
duration=${2:-60}
WORKERS=${WORKERS:-1}
ROUNDS=${ROUNDS:-250} # rounds of the mix per connection and run
BOUND_KIB=1024
LIVE=$(awk -v s="${HTTPSTATUS_TEST_SLOW:-1}" \
    'BEGIN { s += 0; printf "%d", 30 * (s > 1 ? s : 1) }')
# The mix, and how many of each status class one round of it gives.
PATHS='/200 /404 /503 /204 /304 /301 /200?sleep=0 /103'
MIX_2XX=3 MIX_3XX=3 MIX_4XX=1 MIX_5XX=1
LEGS=${LEGS:-h2-m10 h2c-m10 h2-m1 h2-post}

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
notok() { failed=$((failed + 1)); echo "not ok - $1${2:+: $2}"; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0
    exit 1
}

for tool in h2load curl; do
    if ! command -v $tool >/dev/null 2>&1; then
        notok "$tool is installed" "no $tool in PATH (Debian: apt-get install nghttp2-client curl)"
        finish
    fi
done
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

dir=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-h2soak.XXXXXX")
srv=''
# shellcheck disable=SC2317 # (called by the trap)
cleanup() {
    [ -n "$srv" ] && kill -KILL "$srv" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rss_of() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
fds_of() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
now() { date +%s; }

# The server, on ports of its choosing, with its own certificate.
"$bin" serve --listen 127.0.0.1:0 --tls-listen 127.0.0.1:0 \
    --tls-cert-out "$dir/cert.pem" --workers "$WORKERS" \
    2>"$dir/server.err" >/dev/null </dev/null &
srv=$!
port='' tport='' pin=''
i=0
while [ $i -lt $((LIVE * 10)) ]; do
    port=$(sed -n 's|^httpstatus serve: listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
        "$dir/server.err")
    tport=$(sed -n 's|^httpstatus serve: listening on https://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
        "$dir/server.err")
    pin=$(sed -n 's|^httpstatus serve: certificate pin (SHA-256 SPKI, base64): *\([^ ]*\)$|\1|p' \
        "$dir/server.err")
    [ -n "$port" ] && [ -n "$tport" ] && [ -n "$pin" ] && break
    kill -0 "$srv" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$port" ] || [ -z "$tport" ] || [ -z "$pin" ]; then
    notok "the server starts with TLS and prints its pin" \
        "$(head -c 300 "$dir/server.err" | tr '\n' ' ')"
    finish
fi
ok "the server starts (pid $srv, http port $port, https port $tport, $WORKERS worker(s))"

head -c 4096 /dev/zero | tr '\0' 'x' >"$dir/body"

# One run of a leg: LEG NAME. Writes the report to $dir/NAME and the
# expected status counts to $dir/NAME.want; the exit status of h2load (or
# of timeout, when a run outlives the liveness limit) to $dir/NAME.rc.
run_leg() {
    urls='' c=8 m=10 post=''
    case $1 in
    h2-m10 | h2-m1 | h2-post) base=https://127.0.0.1:$tport ;;
    h2c-m10) base=http://127.0.0.1:$port ;;
    esac
    case $1 in
    h2-m1) m=1 ;;
    h2-post) c=4 post=$dir/body ;;
    esac
    if [ -n "$post" ]; then
        urls=$base/post
        n=$((c * ROUNDS * 8))
        want="$n 0 0 0"
    else
        for p in $PATHS; do urls="$urls $base$p"; done
        n=$((c * ROUNDS * 8))
        want="$((c * ROUNDS * MIX_2XX)) $((c * ROUNDS * MIX_3XX))"
        want="$want $((c * ROUNDS * MIX_4XX)) $((c * ROUNDS * MIX_5XX))"
    fi
    echo "$n $want" >"$dir/$2.want"
    # shellcheck disable=SC2086 # (urls is a list)
    timeout "$((LIVE * 4))" h2load -t1 -c"$c" -m"$m" -n"$n" -N"$LIVE" \
        ${post:+-d "$post"} $urls >"$dir/$2" 2>&1
    echo $? >"$dir/$2.rc"
}

# Checks one run: prints nothing when it was right, else what was wrong.
check_run() {
    rc=$(cat "$dir/$1.rc")
    awk -v rc="$rc" '
        NR == FNR { n = $1; w2 = $2; w3 = $3; w4 = $4; w5 = $5; next }
        /^requests:/ { total = $2; done_ = $6; errored = $12; tmo = $14; req = 1 }
        /^status codes:/ { s2 = $3; s3 = $5; s4 = $7; s5 = $9; st = 1 }
        /^finished in/ { rps = $4 }
        END {
            if (rc != 0) { print "h2load exit status " rc; exit }
            if (!req || !st) { print "no h2load report"; exit }
            if (total != n || done_ != n)
                printf "%s of %s requests done; ", done_, n
            if (errored != 0 || tmo != 0)
                printf "%s errored, %s timed out; ", errored, tmo
            if (s2 != w2 || s3 != w3 || s4 != w4 || s5 != w5)
                printf "status classes 2xx %s, 3xx %s, 4xx %s, 5xx %s, " \
                       "not %s, %s, %s, %s; ", s2, s3, s4, s5, w2, w3, w4, w5
        }' "$dir/$1.want" "$dir/$1" | sed 's/; $//'
}

rps_of() { sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$dir/$1"; }

# The warm-up: one run of each leg, then the baseline of descriptors and
# memory, once the server has closed the warm-up's connections.
settle() { # waits until the descriptor count stops falling, up to LIVE s
    last=$(fds_of "$srv")
    i=0
    while [ $i -lt $((LIVE * 10)) ]; do
        sleep 0.2
        cur=$(fds_of "$srv")
        [ "$cur" -ge "$last" ] && [ $i -ge 2 ] && break
        last=$cur
        i=$((i + 2))
    done
}
fds_start=$(fds_of "$srv")
rss_start=$(rss_of "$srv")
t0=$(now)
for leg in $LEGS; do
    run_leg "$leg" "warm.$leg"
    bad=$(check_run "warm.$leg")
    [ -z "$bad" ] || echo "# warm-up $leg: $bad"
done
settle
fds_warm=$(fds_of "$srv")
rss_warm=$(rss_of "$srv")
echo "# warm-up: $(($(now) - t0)) s; descriptors $fds_start -> $fds_warm," \
    "VmRSS $rss_start -> $rss_warm KiB"
echo "# h2load -t1 -c8 (-c4 for POST) -n (8 x $ROUNDS a connection) in turn" \
    "for ${duration} s (load average before: $(cut -d' ' -f1-3 /proc/loadavg);" \
    "$(nproc 2>/dev/null || echo ?) CPUs)"

# The soak.
rss_max=$rss_warm
runs=0
t0=$(now)
while [ $(($(now) - t0)) -lt "$duration" ]; do
    for leg in $LEGS; do
        runs=$((runs + 1))
        name=$leg.$runs
        run_leg "$leg" "$name"
        bad=$(check_run "$name")
        if [ -n "$bad" ]; then
            echo "$name $bad" >>"$dir/bad.$leg"
            echo "# $name: $bad"
        fi
        echo "$name" >>"$dir/runs.$leg"
        r=$(rss_of "$srv")
        [ -n "$r" ] && [ "$r" -gt "$rss_max" ] && rss_max=$r
        kill -0 "$srv" 2>/dev/null || break 2
        [ $(($(now) - t0)) -lt "$duration" ] || break 2
    done
done
elapsed=$(($(now) - t0))

for leg in $LEGS; do
    [ -e "$dir/runs.$leg" ] || {
        notok "$leg: runs" "none ran"
        continue
    }
    nruns=$(wc -l <"$dir/runs.$leg")
    total=0
    rates=''
    while read -r name; do
        total=$((total + $(cut -d' ' -f1 "$dir/$name.want")))
        rates="$rates $(rps_of "$name")"
    done <"$dir/runs.$leg"
    med=$(echo "$rates" | tr ' ' '\n' | sed '/^$/d' | sort -n |
        awk '{ a[NR] = $1 } END { if (NR) printf "%.0f", a[int((NR + 1) / 2)] }')
    if [ -e "$dir/bad.$leg" ]; then
        notok "$leg: every run right" \
            "$(wc -l <"$dir/bad.$leg") of $nruns wrong, first: $(head -n 1 "$dir/bad.$leg")"
    else
        ok "$leg: $nruns runs, $total responses, every one done with its status class as expected (median ${med:-?} req/s)"
    fi
done
echo "# $runs runs in $elapsed s"

# The server afterwards.
if kill -0 "$srv" 2>/dev/null; then
    ok "the server is still running"
else
    wait "$srv"
    notok "the server is still running" "exit status $?: $(tail -3 "$dir/server.err" | tr '\n' ' ')"
    finish
fi
got=$(curl --noproxy '*' -s -o /dev/null -m "$LIVE" --http2 -k \
    --pinnedpubkey "sha256//$pin" -w '%{http_version} %{http_code}' \
    "https://127.0.0.1:$tport/200")
if [ "$got" = "2 200" ]; then
    ok "a new client over TLS gets HTTP/2 and GET /200: 200 (pin checked)"
else
    notok "a new client over TLS gets HTTP/2 and GET /200: 200" "'$got'"
fi
got=$(curl --noproxy '*' -s -o /dev/null -m "$LIVE" --http2-prior-knowledge \
    -w '%{http_version} %{http_code}' "http://127.0.0.1:$port/200")
if [ "$got" = "2 200" ]; then
    ok "a new client over h2c gets GET /200: 200"
else
    notok "a new client over h2c gets GET /200: 200" "'$got'"
fi

# Descriptors and memory.
settle
fds_end=$(fds_of "$srv")
rss_end=$(rss_of "$srv")
echo "# descriptors: $fds_start at start, $fds_warm after the warm-up," \
    "$fds_end at the end; VmRSS: $rss_start KiB at start, $rss_warm after" \
    "the warm-up, $rss_end at the end, $rss_max peak (sampled after each run)"
if [ "$fds_end" -le "$fds_warm" ]; then
    ok "open descriptors back to $fds_end (after the warm-up: $fds_warm)"
else
    notok "open descriptors back to the warm-up's count" \
        "$fds_warm after the warm-up, $fds_end at the end"
fi
growth=$((rss_end - rss_warm))
if [ "$growth" -le "$BOUND_KIB" ]; then
    ok "VmRSS grew $growth KiB after the warm-up (bound $BOUND_KIB KiB)"
else
    notok "VmRSS within $BOUND_KIB KiB of the warm-up" \
        "grew $growth KiB ($rss_warm -> $rss_end KiB)"
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
