#!/bin/sh
# tests/ci-busy.sh: tests/ci.sh (what `make ci` runs) on a machine kept
# busy, run by `make ci-busy`. The tests check behaviour, and their time
# limits are liveness limits (tests/server/launch.py): they must pass on a
# machine busy with other work, and this is how to see that they do.
#
#   sh tests/ci-busy.sh            (one busy loop a CPU, at least two)
#   BUSY=4 sh tests/ci-busy.sh     (four)
#
# Starts BUSY processes that keep a CPU each busy (`stress-ng --cpu` when
# it is installed, else shell loops), runs tests/ci.sh at the same
# priority, stops them however the run ends, and exits with ci.sh's exit
# status; ci.sh's last line, "N passed, N failed", stays the last line.
set -u
cd "$(dirname "$0")/.." || exit 2

n=${BUSY:-$(nproc 2>/dev/null || echo 2)}
[ "$n" -ge 2 ] 2>/dev/null || n=2
pids=''
stop_load() {
    [ -n "$pids" ] && kill $pids 2>/dev/null
    [ -n "$pids" ] && wait $pids 2>/dev/null
    pids=''
}
trap stop_load EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if command -v stress-ng >/dev/null 2>&1; then
    stress-ng --cpu "$n" --quiet >/dev/null 2>&1 &
    pids=$!
    what="stress-ng --cpu $n"
else
    i=0
    while [ $i -lt "$n" ]; do
        sh -c 'while :; do :; done' &
        pids="$pids $!"
        i=$((i + 1))
    done
    what="$n busy shell loops"
fi
echo "# ci-busy: $what while tests/ci.sh runs" \
    "($(nproc 2>/dev/null || echo ?) CPUs)"

sh tests/ci.sh
status=$?
stop_load
exit $status
