#!/bin/sh
# tests/server/run.sh: end-to-end tests of `httpstatus serve`.
#
#   sh tests/server/run.sh [BINARY]     (default build/httpstatus)
#
# Starts the server on a free port of 127.0.0.1, runs every test against
# it with http.client, curl and raw sockets, prints "ok - ..." or
# "not ok - ..." per test and ends with "N passed, N failed"; exits 1 when
# a test failed. Needs Python 3.11 (PYTHON overrides the interpreter) and
# curl.
set -u
bin=${1:-build/httpstatus}
here=$(cd "$(dirname "$0")" && pwd)
exec "${PYTHON:-python3}" "$here/test_server.py" "$bin"
