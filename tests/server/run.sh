#!/bin/sh
# tests/server/run.sh: end-to-end tests of `httpstatus serve`.
#
#   sh tests/server/run.sh [--plain | --tls] [BINARY [SUITE...]]
#
# BINARY defaults to build/httpstatus, the suites to all of them. Runs them
# twice, each against servers of its own on free ports of 127.0.0.1: over
# plain HTTP/1.1 first, then over HTTPS (HTTP/1.1 over TLS: the servers
# also listen with --tls-listen, and every connection the suites open to
# them is a TLS one; launch.py says how). --plain or --tls runs one pass
# alone. Over TLS a clean close must carry close_notify, and a fault's
# cut must not; test_stress.py's idle test opens 2,000 connections, not
# 10,000 (each costs a handshake). A test that does not apply over TLS
# says so, on a line of its own: "ok - NAME # skip over TLS: REASON",
# counted apart; a binary built without TLS makes the HTTPS pass one
# such skip. test_h2.py, test_h2_faults.py and test_protocols.py choose
# their protocols themselves (HTTP/2, h2c, HTTPS...): they run once, in
# the plain pass.
#   test_server.py   every endpoint, parameter, header rule and limit, with
#                    http.client, curl and raw sockets
#   test_echo.py     the echo endpoints (/get, /post, /anything...) in
#                    go-httpbin's shapes
#   test_media.py    the content-coded echo (/gzip, /deflate, /brotli) and
#                    the images
#   test_framing.py  adversarial framing: smuggling, bad line ends, control
#                    bytes, chunked bodies, pipelining after a refusal,
#                    heads split over several reads
#   test_splits.py   random streams of valid and malformed requests, sent
#                    whole and cut at random points, get the same answers
#   test_stress.py   slowloris, the connection cap, 10,000 idle
#                    connections, every size around each limit, thousands
#                    of ?sleep at once, clients that leave mid-way
#   test_formats.py  the documents (/html, /json, /xml, /encoding/utf8,
#                    /links, /forms/post...), /uuid and the cookies
#   test_auth.py     /basic-auth, /hidden-basic-auth, /bearer,
#                    /digest-auth (by hand and with curl --digest) and
#                    /base64, with good, bad and malformed credentials
#   test_caching.py  /cache, /etag (preconditions), /range (single,
#                    multipart and unsatisfiable ranges), /bytes,
#                    /stream-bytes, /stream and /drip, HTTP/1.0 included
#   test_status.py   /status/{codes}, the redirects, /delay and
#                    httpstat.us's X-HttpStatus-* fields on /{code}
#   test_faults.py   the wire-level faults (?fault=, X-HttpStatus-Fault,
#                    --fault, --seed) over raw sockets: the exact bytes,
#                    FIN or reset, the draws, the 400s and usage errors,
#                    the access log
#   test_fault_clients.py  what curl, http.client and requests report
#                    for each fault (the table of docs/faults.md), and
#                    1,000 faulted requests beside a witness client
#   test_h2.py       HTTP/2 frame by frame with the h2 library: RFC 9113's
#                    MUSTs, interim HEADERS, HEAD, 204/304, ranges,
#                    streams side by side and the stream limit, the abuse
#                    cases (rapid reset, CONTINUATION, SETTINGS, PING
#                    and empty DATA floods, a header list too long, a
#                    window that stays shut), and TLS: ALPN, TLS 1.1,
#                    stalled handshakes, h2c by prior knowledge and by
#                    Upgrade
#   test_h2_faults.py  the faults over HTTP/2 (h2c and TLS) frame by
#                    frame with the h2 library: RST_STREAM and its code,
#                    END_STREAM or not, the malformed responses, the pace
#                    of stall and throttle per stream, how close, garbage
#                    and keepalive-close end the connection (no GOAWAY,
#                    no close_notify), streams beside each fault
#                    unharmed, and what curl --http2 and h2 report (the
#                    table of docs/faults.md)
#   test_protocols.py  a request for every endpoint family with curl
#                    over HTTP/1.1, HTTPS, HTTPS with HTTP/2, h2c and
#                    h2c by Upgrade: the same status, fields and content
#                    over each (the faults only answered and survived
#                    over HTTP/2)
# Each prints "ok - ..." or "not ok - ..." per test; this script ends with
# the sum, "N passed, N failed", and exits 1 when a test failed. Needs
# Python 3.11 (PYTHON overrides the interpreter) and curl with HTTP/2;
# test_fault_clients.py also needs Debian's /usr/bin/python3 with
# python3-requests, and test_h2.py and test_h2_faults.py Debian's
# /usr/bin/python3 with python3-h2 (each runs itself there when PYTHON
# has no h2).
#
# No test is a speed test: time limits are liveness limits, scaled up for
# AddressSanitizer builds and valgrind, and by HTTPSTATUS_TEST_SLOW=N for
# a slow machine (tests/server/launch.py says how).
set -u
modes="plain tls"
case ${1:-} in
    --plain) modes=plain; shift ;;
    --tls) modes=tls; shift ;;
esac
bin=${1:-build/httpstatus}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- test_server.py test_echo.py test_media.py \
    test_formats.py test_auth.py test_caching.py test_status.py \
    test_faults.py test_framing.py test_splits.py test_stress.py \
    test_fault_clients.py test_h2.py test_h2_faults.py test_protocols.py
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0
failed=0
skipped=0
for mode in $modes; do
    if [ "$mode" = tls ]; then
        # A build without OpenSSL refuses --tls-listen, saying so: then
        # this pass is one skip. (The missing files make a build with TLS
        # fail too, at once, rather than serve.)
        if "$bin" serve --listen 127.0.0.1:0 --tls-listen 127.0.0.1:0 \
            --tls-cert /nonexistent/cert --tls-key /nonexistent/key 2>&1 |
            grep -q 'built without TLS'; then
            echo "ok - the suites over HTTPS # skip: $bin has no TLS"
            skipped=$((skipped + 1))
            continue
        fi
        HTTPSTATUS_TEST_TLS=1
        echo "# the suites over HTTPS (HTTP/1.1 over TLS)"
    else
        HTTPSTATUS_TEST_TLS=
        echo "# the suites over plain HTTP/1.1"
    fi
    export HTTPSTATUS_TEST_TLS
    for t in "$@"; do
        case $mode:$t in
            tls:test_h2.py | tls:test_h2_faults.py | tls:test_protocols.py)
                continue ;; # their own protocols, in the plain pass
        esac
        echo "# $t ($mode)"
        "${PYTHON:-python3}" "$here/$t" "$bin" > "$out" 2>&1
        status=$?
        # Each suite's own count line is shown as a comment: the sum below
        # is the one line a CI log reader should count.
        sed -E 's/^([0-9]+ passed, [0-9]+ failed)$/# '"$t ($mode)"': \1/' "$out"
        counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
        if [ -z "$counts" ]; then
            echo "not ok - $t ($mode) ended (status $status) without counts"
            failed=$((failed + 1))
            continue
        fi
        passed=$((passed + ${counts%% passed*}))
        f=${counts#*passed, }
        failed=$((failed + ${f%% failed*}))
        s=$(sed -n -E 's/^# skipped: ([0-9]+)$/\1/p' "$out" | tail -n 1)
        skipped=$((skipped + ${s:-0}))
        if [ "$status" -ne 0 ] && [ "${f%% failed*}" -eq 0 ]; then
            echo "not ok - $t ($mode) exited with status $status"
            failed=$((failed + 1))
        fi
    done
done
[ "$skipped" -gt 0 ] && echo "# $skipped skipped (the '# skip' lines say why)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
