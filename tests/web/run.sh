#!/bin/sh
# tests/web/run.sh: browser tests of the page `httpstatus serve` answers at /,
# and of /103's Early Hints over HTTPS and HTTP/2.
#
#   sh tests/web/run.sh [BINARY]        (default build/httpstatus)
#
# Needs node 20 or later and Debian's Chromium at /usr/bin/chromium
# (apt-get install chromium); playwright-core comes from npm (npm ci, here,
# when node_modules is missing) and never downloads a browser. Starts the
# server on a free port of 127.0.0.1, runs page.test.mjs and
# early_hints.test.mjs (which starts a server of its own, with HTTPS) with
# node's test runner (TAP), one file at a time, stops the server with
# SIGTERM, prints "N passed, N failed" last and exits 1 when anything
# failed. Screenshots go to tests/web/artifacts/.
set -u

bin=${1:-build/httpstatus}
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

fail() {
    echo "tests/web: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

command -v node >/dev/null 2>&1 ||
    fail "node is not installed (Node 20 or later: apt-get install nodejs npm)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
    fail "node $(node --version) is too old: the tests need Node 20 or later"
[ -x "$chromium" ] ||
    fail "$chromium is missing: apt-get install -y chromium (no browser is downloaded)"
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
[ -x "$bin" ] || fail "$bin is not an executable (make build/httpstatus)"

if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
    command -v npm >/dev/null 2>&1 || fail "npm is not installed (apt-get install npm)"
    echo "tests/web: npm ci" >&2
    (cd "$here" && npm ci --no-audit --no-fund) >&2 || fail "npm ci failed"
fi

tmp=$(mktemp -d) || fail "mktemp failed"
pid=
cleanup() {
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$bin" serve --listen 127.0.0.1:0 --workers 1 2>"$tmp/server.err" &
pid=$!
port=
i=0
while [ $i -lt 100 ]; do
    port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/server.err" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$port" ]; then
    cat "$tmp/server.err" >&2
    fail "the server did not say which port it listens on"
fi
echo "tests/web: httpstatus serve on http://127.0.0.1:$port/" >&2

# node's status goes through a file: a pipe into tee would hide it.
{
    cd "$here" &&
        HTTPSTATUS_URL="http://127.0.0.1:$port" HTTPSTATUS_BINARY="$bin" CHROMIUM="$chromium" \
            node --test --test-reporter=tap --test-concurrency=1 \
                page.test.mjs early_hints.test.mjs 2>&1
    echo $? >"$tmp/status"
} | tee "$tmp/tap"
status=$(cat "$tmp/status" 2>/dev/null || echo 1)

# the server must have lived through the tests, and stop on SIGTERM
server_failed=0
if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    pid=
    if [ "$rc" -ne 0 ]; then
        echo "tests/web: the server exited $rc on SIGTERM" >&2
        server_failed=1
    fi
else
    wait "$pid"
    rc=$?
    pid=
    echo "tests/web: the server died during the tests (status $rc):" >&2
    cat "$tmp/server.err" >&2
    server_failed=1
fi

# the TAP summary's own counts: "# pass N", "# fail N", "# cancelled N", ...
count() { sed -n "s/^# $1 \([0-9][0-9]*\)\$/\1/p" "$tmp/tap" | tail -n 1; }
passed=$(count pass)
failed=$(count fail)
cancelled=$(count cancelled)
skipped=$(count skipped)
todo=$(count todo)
if [ -z "$passed" ] || [ -z "$failed" ]; then
    echo "tests/web: the test runner printed no summary" >&2
    passed=${passed:-0}
    failed=$((${failed:-0} + 1))
fi
failed=$((failed + ${cancelled:-0} + server_failed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "tests/web: node --test exited $status" >&2
    failed=1
fi
skipped=$((${skipped:-0} + ${todo:-0}))
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
