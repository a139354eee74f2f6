#!/bin/sh
# bench/tls_counts.sh BINARY [OUT.json]: the work per request of
# `httpstatus serve` and nginx over HTTPS and HTTP/2, counted rather than
# timed: the instructions each server executes in user space (valgrind
# --tool=callgrind) and the system calls it makes (strace -c), per request,
# for the comparisons of bench/tls.sh. Counts do not move with other work
# on the machine, so they say where a difference in tls.sh's CPU time per
# request comes from: our code and the libraries, or the kernel.
#
# Each server serves GET /404 with one worker (nginx: one process, no
# master) and the same ECDSA P-256 certificate, as in tls.sh. For each
# comparison: a warm-up of N/10 requests, then the counters are zeroed
# (callgrind_control -z) or strace attached, N requests are sent with
# h2load (one thread), and the counts are read. The comparisons:
#   h2-m10    h2load -c10 -m10 https://      h2-m1   h2load -c10 -m1 https://
#   h2c-m10   h2load -c10 -m10 http://       https-h1  h2load --h1 -c10 https://
# Prints instructions and system calls per request (and the calls that
# make up most of them) with the ratio httpstatus / nginx; writes OUT.json.
# Instructions are not time: an instruction of AES-GCM or a cache miss
# costs more than a compare; the kernel's work is not in them at all.
#
# Knobs (environment): N (requests a run, 10000), MODES (as tls.sh's).
# Needs valgrind (with callgrind_control), strace, h2load, nginx, openssl
# and python3; a few minutes.
set -eu

bin=${1:?usage: tls_counts.sh BINARY [OUT.json]}
out=${2:-build/tls_counts.json}
N=${N:-10000}
MODES=${MODES:-h2-m10 h2-m1 h2c-m10 https-h1}

for tool in valgrind callgrind_control strace h2load nginx python3 openssl; do
    command -v $tool >/dev/null 2>&1 || {
        echo "bench/tls_counts.sh: $tool is not installed" \
            "(Debian: valgrind strace nghttp2-client nginx-light python3" \
            "openssl)" >&2
        exit 1
    }
done
[ -x "$bin" ] || { echo "bench/tls_counts.sh: no $bin: build it first" >&2; exit 1; }
case $bin in */*) ;; *) bin=./$bin ;; esac

dir=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-tls-counts.XXXXXX")
srv=''

. "$(dirname "$0")/nginx_tls.sh"

stop_srv() { # SIGTERM (nginx: SIGQUIT, its graceful stop), SIGKILL after 20 s
    [ -n "$srv" ] || return 0
    kill -TERM "$srv" 2>/dev/null || :
    i=0
    while kill -0 "$srv" 2>/dev/null && [ $i -lt 200 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -KILL "$srv" 2>/dev/null || :
    wait "$srv" 2>/dev/null || :
    srv=''
}
cleanup() {
    stop_srv
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

freeport() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
waitport() { # PORT: up to 60 s (a server under valgrind starts slowly)
    python3 -c 'import socket, sys, time
end = time.time() + 60
while time.time() < end:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit("nothing listens on 127.0.0.1:" + sys.argv[1])' "$1"
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>"$dir/openssl.err" ||
    { cat "$dir/openssl.err" >&2; exit 1; }

# start NAME WRAPPER...: starts server NAME under the wrapper (nothing, or
# valgrind and its options); sets srv, plain and tls (the ports).
start() {
    name=$1
    shift
    plain=$(freeport)
    tls=$(freeport)
    if [ "$name" = nginx ]; then
        ng=$dir/nginx
        mkdir -p "$ng/tmp"
        nginx_tls_conf "$ng" "$dir" "$tls" "$plain" off >"$ng/nginx.conf"
        "$@" nginx -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" \
            2>"$dir/server.err" &
    else
        "$@" "$bin" serve --listen "127.0.0.1:$plain" \
            --tls-listen "127.0.0.1:$tls" --tls-cert "$dir/cert.pem" \
            --tls-key "$dir/key.pem" --workers 1 2>"$dir/server.err" &
    fi
    srv=$!
    if ! waitport "$plain" || ! waitport "$tls"; then
        cat "$dir/server.err" >&2
        exit 1
    fi
}

load() { # MODE COUNT: one h2load run; its report on stdout
    case $1 in
    h2-m10) set -- -c10 -m10 -n"$2" "https://127.0.0.1:$tls/404" ;;
    h2-m1) set -- -c10 -m1 -n"$2" "https://127.0.0.1:$tls/404" ;;
    h2c-m10) set -- -c10 -m10 -n"$2" "http://127.0.0.1:$plain/404" ;;
    https-h1) set -- --h1 -c10 -m1 -n"$2" "https://127.0.0.1:$tls/404" ;;
    esac
    h2load -t1 "$@"
}
checked() { # FILE COUNT: every request done and answered 404, or exit
    if ! grep -q "requests: $2 total, $2 started, $2 done, 0 succeeded, $2 failed, 0 errored, 0 timeout" "$1" ||
        ! grep -q "status codes: 0 2xx, 0 3xx, $2 4xx, 0 5xx" "$1"; then
        cat "$1" >&2
        echo "bench/tls_counts.sh: a run went wrong" >&2
        exit 1
    fi
}
for mode in $MODES; do
    case $mode in
    h2-m10 | h2-m1 | h2c-m10 | https-h1) ;;
    *)
        echo "bench/tls_counts.sh: no comparison named '$mode'" >&2
        exit 1
        ;;
    esac
done

warm=$((N / 10))
for name in httpstatus nginx; do
    # Instructions: the counters zeroed after the warm-up, dumped after
    # the run; the dump's "totals:" line is the count.
    start "$name" valgrind --tool=callgrind \
        --callgrind-out-file="$dir/$name.cg.%p"
    for mode in $MODES; do
        echo "$name $mode: instructions over $N requests" >&2
        load "$mode" $warm >"$dir/warm" || exit 1
        checked "$dir/warm" $warm
        rm -f "$dir/$name.cg.$srv".*
        callgrind_control -z "$srv" >/dev/null 2>&1
        load "$mode" "$N" >"$dir/$name.$mode.h2load" || exit 1
        checked "$dir/$name.$mode.h2load" "$N"
        callgrind_control --dump="$name.$mode" "$srv" >/dev/null 2>&1
        dump=$(find "$dir" -name "$name.cg.$srv.*" | head -n 1)
        [ -n "$dump" ] || { echo "bench/tls_counts.sh: no callgrind dump" >&2; exit 1; }
        sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$dump" >"$dir/$name.$mode.ir"
        # The functions with most instructions, their own only. After a
        # zeroing, callgrind_annotate charges the functions that were on
        # the stack then (the thread's start, the event loop) with about
        # everything: those lines (99% or more) are left out.
        callgrind_annotate --threshold=100 "$dump" 2>/dev/null |
            sed -n '/^Ir  *file:function/,/^$/p' | sed '1,2d' |
            grep -v '(\(99\.[0-9]\|100\.0\)%)' | head -n 12 \
            >"$dir/$name.$mode.top"
    done
    stop_srv
    # System calls: strace attached after the warm-up.
    start "$name"
    for mode in $MODES; do
        echo "$name $mode: system calls over $N requests" >&2
        load "$mode" $warm >"$dir/warm" || exit 1
        checked "$dir/warm" $warm
        strace -c -f -o "$dir/$name.$mode.strace" -p "$srv" 2>/dev/null &
        tracer=$!
        sleep 1
        load "$mode" "$N" >"$dir/$name.$mode.h2load2" || exit 1
        kill -INT $tracer
        wait $tracer || :
        checked "$dir/$name.$mode.h2load2" "$N"
    done
    stop_srv
done

cat >"$dir/report.py" <<'PY'
import json, os, re, sys

d, out, n, modes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]

def syscalls(path):
    calls = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 5 and re.match(r"^[\d.]+$", f[0]) and f[-1] != "total":
            calls[f[-1]] = int(f[3])
    return calls

res = {"requests": n, "modes": {}}
for mode in modes:
    row = {}
    for name in ("httpstatus", "nginx"):
        ir = int(open(os.path.join(d, "%s.%s.ir" % (name, mode))).read())
        sc = syscalls(os.path.join(d, "%s.%s.strace" % (name, mode)))
        row[name] = {"instructions_per_request": ir / n,
                     "syscalls_per_request": sum(sc.values()) / n,
                     "syscalls": {k: v / n for k, v in sc.items()},
                     "top": open(os.path.join(d, "%s.%s.top" % (name, mode)))
                     .read().splitlines()}
    res["modes"][mode] = row
json.dump(res, open(out, "w"), indent=2)

print("per request, over %d requests after a warm-up; user-space"
      " instructions (callgrind) and system calls (strace)" % n)
print()
print("%-10s %12s %10s %6s   %10s %8s %6s" % ("", "instructions", "", "",
      "syscalls", "", ""))
print("%-10s %12s %10s %6s   %10s %8s %6s" % ("comparison", "httpstatus",
      "nginx", "ratio", "httpstatus", "nginx", "ratio"))
for mode, row in res["modes"].items():
    o, g = row["httpstatus"], row["nginx"]
    print("%-10s %12.0f %10.0f %6.2f   %10.2f %8.2f %6.2f" % (
        mode, o["instructions_per_request"], g["instructions_per_request"],
        o["instructions_per_request"] / g["instructions_per_request"],
        o["syscalls_per_request"], g["syscalls_per_request"],
        o["syscalls_per_request"] / g["syscalls_per_request"]
        if g["syscalls_per_request"] else float("nan")))
print("(ratio = httpstatus / nginx)")
for mode, row in res["modes"].items():
    print()
    for name in ("httpstatus", "nginx"):
        s = row[name]
        print("%s %s: system calls per request: %s" % (mode, name, ", ".join(
            "%s %.2f" % (k, v) for k, v in sorted(
                s["syscalls"].items(), key=lambda kv: -kv[1]) if v >= 0.01)))
        print("%s %s: most instructions in:" % (mode, name))
        for line in s["top"][:8]:
            m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)", line)
            if m:
                fn = re.sub(r"^.*:", "", m.group(2).split(" [")[0])
                lib = m.group(2).rsplit("/", 1)[-1].rstrip("]")
                print("  %8.0f  %s (%s)" % (
                    int(m.group(1).replace(",", "")) / n, fn, lib))
print()
print("figures written to %s" % out)
PY
mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2086 # (MODES is a list)
python3 "$dir/report.py" "$dir" "$out" "$N" $MODES
