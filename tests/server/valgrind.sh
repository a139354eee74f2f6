#!/bin/sh
# tests/server/valgrind.sh: the server's integration tests with every
# `httpstatus serve` they start running under valgrind's memcheck.
#
#   sh tests/server/valgrind.sh [BINARY] [TEST...]
#
# BINARY defaults to build/httpstatus; TEST to test_server.py,
# test_framing.py, test_splits.py, test_faults.py, test_h2.py (HTTP/2
# and TLS) and test_h2_faults.py (the faults over HTTP/2) in this
# directory.
# The other commands the tests run (httpstatus --json, httpstatus check)
# run natively. The suites run over plain HTTP (run.sh --plain);
# VALGRIND_MODE=--tls runs them over HTTPS instead, and VALGRIND_MODE=
# with nothing both ways. The stress tests are left out: memcheck would
# make them measure itself. A server that makes memcheck report anything
# (an invalid read or write, a use of uninitialised memory, a leak that
# is definitely lost at exit) fails the run: its report is printed, and the count of
# such servers is one failed test. Ends with "N passed, N failed", the
# sums of the tests and of this check. The suites see that the binary they
# get is a script running valgrind, and multiply their time limits by 10
# (launch.py).
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-build/httpstatus}
[ $# -gt 0 ] && shift
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind.sh: valgrind is not installed" >&2
    exit 2
fi
[ $# -gt 0 ] || set -- test_server.py test_framing.py test_splits.py \
    test_faults.py test_h2.py test_h2_faults.py

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cat > "$dir/httpstatus" <<EOF
#!/bin/sh
if [ "\$1" = serve ]; then
    exec valgrind -q --error-exitcode=99 --leak-check=full \\
        --errors-for-leak-kinds=definite --log-file="$dir/memcheck.%p.log" \\
        "$bin" "\$@"
fi
exec "$bin" "\$@"
EOF
chmod +x "$dir/httpstatus"

# The suites' sum becomes a comment: the sum this script prints last,
# memcheck's verdict included, is the one a CI log reader should count.
sh "$here/run.sh" ${VALGRIND_MODE-"--plain"} "$dir/httpstatus" "$@" \
    > "$dir/out" 2>&1
sed -E 's/^([0-9]+ passed, [0-9]+ failed)$/# the suites: \1/' "$dir/out"
counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$dir/out" | tail -n 1)
passed=0
failed=0
if [ -z "$counts" ]; then
    failed=1
    echo "not ok - the suites ended without their counts"
else
    passed=${counts%% passed*}
    f=${counts#*passed, }
    failed=${f%% failed*}
fi

servers=$(ls "$dir" | grep -c '^memcheck\.')
dirty=0
for log in "$dir"/memcheck.*.log; do
    [ -s "$log" ] || continue
    dirty=$((dirty + 1))
    echo "# memcheck report of server ${log##*memcheck.}:"
    sed 's/^/#   /' "$log"
done
if [ "$servers" -eq 0 ]; then
    failed=$((failed + 1))
    echo "not ok - memcheck: no server ran under valgrind"
elif [ "$dirty" -eq 0 ]; then
    passed=$((passed + 1))
    echo "ok - memcheck: $servers servers, no error and no leak"
else
    failed=$((failed + 1))
    echo "not ok - memcheck: $dirty of $servers servers reported errors"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
