#!/bin/sh
# tests/server/h2spec.sh: h2spec (github.com/summerwind/h2spec), the HTTP/2
# conformance suite, against `httpstatus serve` over TLS and over h2c.
#
#   sh tests/server/h2spec.sh [BINARY]       (default build/httpstatus)
#
# h2spec is not a Debian package, so CI does not run this; H2SPEC names
# the binary (default: h2spec on PATH). It builds offline with Debian's Go
# 1.19 from a checkout of h2spec and Debian's Go packages
# (golang-github-spf13-cobra-dev, golang-github-fatih-color-dev,
# golang-golang-x-net-dev and what they pull in), with GO111MODULE=off and
# GOPATH set to the checkout's GOPATH and /usr/share/gocode.
#
# Over TLS every case must pass. Over h2c one is expected to fail: "3.5
# Sends invalid connection preface" wants the connection closed, where the
# plain port speaks HTTP/1.1 too and answers those bytes with a 400. The
# script prints h2spec's summaries, then "N passed, N failed" for the two
# runs, and exits 1 when either has a failure it does not expect.
set -u
bin=${1:-build/httpstatus}
h2spec=${H2SPEC:-h2spec}
if ! command -v "$h2spec" >/dev/null 2>&1; then
    echo "# h2spec is not installed (H2SPEC=path to give one): skipped"
    echo "0 passed, 0 failed"
    exit 0
fi
log=$(mktemp)
out=$(mktemp)
trap 'kill "$pid" 2>/dev/null; rm -f "$log" "$out"' EXIT
"$bin" serve --listen 127.0.0.1:0 --tls-listen 127.0.0.1:0 --workers 1 \
    >/dev/null 2>"$log" &
pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
    grep -q 'https://' "$log" && break
    sleep 0.2
done
plain=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
tls=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
[ -n "$plain" ] && [ -n "$tls" ] || {
    cat "$log"
    echo "0 passed, 1 failed"
    exit 1
}
passed=0
failed=0
"$h2spec" -h 127.0.0.1 -p "$tls" -t -k -P /200 >"$out" 2>&1
tail -n 1 "$out" | sed 's/^/# TLS: /'
if tail -n 1 "$out" | grep -q ' 0 failed'; then
    echo "ok - h2spec over TLS"
    passed=$((passed + 1))
else
    sed -n '/^Failures:/,$p' "$out"
    echo "not ok - h2spec over TLS"
    failed=$((failed + 1))
fi
"$h2spec" -h 127.0.0.1 -p "$plain" -P /200 >"$out" 2>&1
tail -n 1 "$out" | sed 's/^/# h2c: /'
# Failures other than the invalid preface's, which h2spec numbers 3.5/2.
if tail -n 1 "$out" | grep -Eq ' (0|1) failed' &&
    ! sed -n '/^Failures:/,$p' "$out" | grep '×' |
        grep -v 'Sends invalid connection preface' | grep -q .; then
    echo "ok - h2spec over h2c (the invalid preface aside)"
    passed=$((passed + 1))
else
    sed -n '/^Failures:/,$p' "$out"
    echo "not ok - h2spec over h2c"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
