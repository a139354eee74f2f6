#!/bin/sh
# bench/check.sh BINARY [OUT.json]: `httpstatus check` over 1,000 responses
# in one run against httplint over the same 1,000 in one Python process.
#
# The responses are the corpus's (tests/check_corpus, every file that is
# an HTTP response), repeated to 1,000 paths. Ours: `BINARY --json check
# FILE1 ... FILE1000`. The peer: check_httplint.py, which imports httplint,
# feeds each response's status line, fields and content to an
# HttpResponseLinter and collects the notes. Both are timed from outside,
# whole processes, RUNS times (7) taken in turn; the report gives the
# medians and the ratio peer / ours, and the peer's own time for its loop
# (without the interpreter's start and the imports).
#
# httplint is not shipped with us: set HTTPLINT_PATH to a directory that
# holds its source (the httplint package) and its dependencies that Debian
# does not package (http_sf, sniffpy); Debian's python3-markdown,
# python3-markupsafe, python3-typing-extensions, python3-babel,
# python3-brotli and python3-chardet give the rest. Without it the peer is
# skipped and the report says why.
set -u
bin=${1:?usage: bench/check.sh BINARY [OUT.json]}
out=${2:-build/check.json}
here=$(cd "$(dirname "$0")" && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3
RUNS=${RUNS:-7} HTTPLINT_PATH=${HTTPLINT_PATH:-} \
    exec "$python" - "$bin" "$here" "$out" <<'EOF'
import json
import os
import platform
import statistics
import subprocess
import sys
import time

binary, here, out = sys.argv[1:4]
runs = int(os.environ["RUNS"])
corpus = os.path.join(here, "..", "tests", "check_corpus")
corpus = os.path.normpath(corpus)

files = []
with open(os.path.join(corpus, "VERDICTS"), encoding="utf-8") as f:
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(cols) < 2 or cols[1] == "unreadable":
            continue
        files.append(os.path.join(corpus, cols[0]))
paths = [files[i % len(files)] for i in range(1000)]

env = dict(os.environ, NO_COLOR="1")
if os.environ["HTTPLINT_PATH"]:
    env["PYTHONPATH"] = os.environ["HTTPLINT_PATH"]
python = sys.executable
driver = os.path.join(here, "check_httplint.py")

probe = subprocess.run([python, "-c", "import httplint"], env=env,
                       capture_output=True, text=True)
peer_ok = probe.returncode == 0
why = ""
if not peer_ok:
    last = (probe.stderr.strip().splitlines() or ["?"])[-1]
    why = "httplint cannot be imported (%s): set HTTPLINT_PATH" % last

ours_cmd = [binary, "--json", "check"] + paths
peer_cmd = [python, driver] + paths


def timed(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    return wall, p


# A first run of each, not timed: warm caches, and a check that both work.
wall, p = timed(ours_cmd)
if p.returncode > 1:
    sys.exit("check.sh: %s check failed: %s" % (binary, p.stderr.decode()))
report = json.loads(p.stdout)
ours_findings = report["errors"] + report["warnings"] + report["notes"]
ours_responses = sum(len(i["responses"]) for i in report["inputs"])
peer_line = ""
if peer_ok:
    wall, p = timed(peer_cmd)
    if p.returncode != 0:
        peer_ok = False
        why = "the httplint driver failed: " + \
            (p.stderr.decode().strip().splitlines() or ["?"])[-1]
    else:
        peer_line = p.stdout.decode().strip()

ours, peer, peer_loop = [], [], []
for _ in range(runs):
    ours.append(timed(ours_cmd)[0])
    if peer_ok:
        wall, p = timed(peer_cmd)
        peer.append(wall)
        peer_loop.append(float(p.stdout.decode().split()[-1]))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def debian():
    try:
        with open("/etc/debian_version") as f:
            return "Debian " + f.read().strip()
    except OSError:
        return platform.platform()


result = {
    "machine": {"cpu": cpu_model(), "cpus": os.cpu_count(), "os": debian(),
                "python": platform.python_version()},
    "responses": {"files": len(paths), "distinct_files": len(files),
                  "responses": ours_responses},
    "runs": runs,
    "httpstatus": {"median_s": statistics.median(ours), "runs_s": ours,
                   "findings": ours_findings},
}
print("machine: %s, %d CPUs, %s, Python %s" % (
    result["machine"]["cpu"], result["machine"]["cpus"],
    result["machine"]["os"], result["machine"]["python"]))
print("input: %d files (%d distinct from tests/check_corpus), %d responses;"
      " %d runs each, in turn" % (len(paths), len(files), ours_responses,
                                  runs))
print("httpstatus check, one process: median %.1f ms (%d findings)" %
      (result["httpstatus"]["median_s"] * 1e3, ours_findings))
if peer_ok:
    result["httplint"] = {"median_s": statistics.median(peer),
                          "runs_s": peer,
                          "loop_median_s": statistics.median(peer_loop),
                          "report": peer_line}
    ratio = result["httplint"]["median_s"] / result["httpstatus"]["median_s"]
    loop_ratio = (result["httplint"]["loop_median_s"] /
                  result["httpstatus"]["median_s"])
    result["ratio"] = ratio
    result["ratio_loop"] = loop_ratio
    print("httplint, one Python process: median %.1f ms, of which the loop "
          "%.1f ms (%s)" % (result["httplint"]["median_s"] * 1e3,
                            result["httplint"]["loop_median_s"] * 1e3,
                            peer_line))
    print("ratio httplint / httpstatus: %.1fx whole process, %.1fx the "
          "loop alone" % (ratio, loop_ratio))
else:
    result["httplint"] = {"skipped": why}
    print("httplint: skipped: " + why)
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
EOF
