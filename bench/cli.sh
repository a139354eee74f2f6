#!/bin/sh
# bench/cli.sh BINARY: the wall time of `httpstatus 404` beside the usual
# one-liner peer, Python's http.HTTPStatus, measured by hyperfine in one
# run. Prints hyperfine's report and the medians.
set -eu
bin=$1
out=${2:-build/cli.json}
command -v hyperfine >/dev/null 2>&1 || {
    echo "bench/cli.sh: hyperfine is not installed (Debian: hyperfine)" >&2
    exit 1
}
# The interpreter itself, not a version manager's wrapper script that
# would add its own start-up time.
python=$(command -v python3)
[ -x /usr/bin/python3 ] && python=/usr/bin/python3
hyperfine -N --warmup 20 --runs 300 --export-json "$out" \
    "$bin 404" \
    "$python -c 'import http; print(http.HTTPStatus(404).phrase)'"
python3 - "$out" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ours, peer = results[0]["median"] * 1e3, results[1]["median"] * 1e3
print("httpstatus 404: median %.2f ms; python3 http.HTTPStatus: median "
      "%.2f ms; ratio %.1fx" % (ours, peer, peer / ours))
print("DESIGN bar (< 2 ms): %s" % ("met" if ours < 2 else "MISSED"))
PY
