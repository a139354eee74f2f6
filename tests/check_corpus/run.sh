#!/bin/sh
# tests/check_corpus/run.sh: `httpstatus check` over the corpus, against
# the verdicts decided from the RFCs.
#
#   sh tests/check_corpus/run.sh [BINARY] [--new]
#
# tests/check_corpus/VERDICTS has a line per response file:
#   PATH <tab> IDS [<tab> METHOD]
# IDS are the rule ids a correct linter reports for it, space-separated,
# "-" when it has none, or "unreadable" when it is no HTTP response at all
# (check must exit 2); METHOD, where the request's method matters, is
# passed as --method. Lines starting with '#' are comments.
#
# Every file is checked with --json; a reported id missing from its
# verdict is a false positive, a verdict id not reported is a miss: either
# fails the file. Prints "ok - ..." or "not ok - ..." per file, then
# "N passed, N failed".
#
# --new lists, per file, the ids reported that its verdict lacks (the
# findings of rules added since the verdicts were written) and the ids of
# tests/check_corpus/PLANNED for it, and never fails: the reviewer
# decides each and moves it into VERDICTS.
set -u
bin=build/httpstatus
mode=test
for arg in "$@"; do
    case $arg in
    --new) mode=new ;;
    *) bin=$arg ;;
    esac
done
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $bin in
/*) ;;
*) if [ -x "$bin" ]; then bin=$(pwd)/$bin; else bin=$root/$bin; fi ;;
esac
if [ ! -x "$bin" ]; then
    echo "run.sh: $bin is not an executable" >&2
    exit 2
fi

exec python3 - "$bin" "$here" "$mode" <<'EOF'
import json
import os
import subprocess
import sys

binary, here, mode = sys.argv[1:4]


def read_table(path):
    """PATH -> (ids, method) from VERDICTS or PLANNED."""
    table = {}
    if not os.path.exists(path):
        return table
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2:
                sys.exit("%s:%d: PATH <tab> IDS [<tab> METHOD]" % (path, n))
            ids = set(cols[1].split()) - {"-"}
            method = cols[2].strip() if len(cols) > 2 else ""
            if cols[0] in table:
                sys.exit("%s:%d: %s is listed twice" % (path, n, cols[0]))
            table[cols[0]] = (ids, method)
    return table


def check(files, method):
    """Runs check on files at once: {path: set of ids} or None when the
    batch could not be read as a whole (exit 2)."""
    args = [binary, "--json", "check"]
    if method:
        args += ["--method", method]
    p = subprocess.run(args + [os.path.join(here, f) for f in files],
                       capture_output=True, env=dict(os.environ, NO_COLOR="1"))
    if p.returncode > 1:
        return None
    report = json.loads(p.stdout)
    found = {}
    for f, one in zip(files, report["inputs"]):
        found[f] = {x["rule"] for r in one["responses"]
                    for x in r["findings"]}
    return found


verdicts = read_table(os.path.join(here, "VERDICTS"))
planned = read_table(os.path.join(here, "PLANNED"))

on_disk = set()
for source in sorted(os.listdir(here)):
    d = os.path.join(here, source)
    if os.path.isdir(d):
        on_disk |= {source + "/" + n for n in os.listdir(d)
                    if n.endswith(".http")}

passed = failed = 0


def ok(text):
    global passed
    passed += 1
    print("ok - " + text)


def not_ok(text):
    global failed
    failed += 1
    print("not ok - " + text)


for path in sorted(on_disk - set(verdicts)):
    not_ok("%s has no line in VERDICTS" % path)
for path in sorted(set(verdicts) - on_disk):
    not_ok("VERDICTS names %s, which is not there" % path)

# One run per method for speed; a batch with an unreadable input is run
# again a file at a time.
by_method = {}
for path in sorted(set(verdicts) & on_disk):
    ids, method = verdicts[path]
    by_method.setdefault(method, []).append(path)
found = {}
for method, files in by_method.items():
    readable = [f for f in files if verdicts[f][0] != {"unreadable"}]
    got = check(readable, method)
    if got is None:
        got = {}
        for f in readable:
            one = check([f], method)
            got[f] = one[f] if one is not None else {"unreadable"}
    found.update(got)
    for f in files:
        if f not in found:
            one = check([f], method)
            found[f] = one[f] if one is not None else {"unreadable"}

new_count = 0
for path in sorted(found):
    want, method = verdicts[path]
    got = found[path]
    extra = sorted(got - want)
    missed = sorted(want - got)
    if mode == "new":
        plan = sorted(planned.get(path, (set(), ""))[0])
        if extra:
            new_count += 1
            line = "%s\t%s" % (path, " ".join(extra))
            if plan:
                line += "\t(planned: %s)" % " ".join(plan)
            print(line)
        continue
    if not extra and not missed:
        ok(path)
        continue
    why = []
    if extra:
        why.append("reported but not in VERDICTS: " + " ".join(extra))
    if missed:
        why.append("in VERDICTS but not reported: " + " ".join(missed))
    not_ok("%s: %s" % (path, "; ".join(why)))
    p = subprocess.run([binary, "check"] + (["--method", method] if method
                                            else []) +
                       [os.path.join(here, path)], capture_output=True,
                       text=True, env=dict(os.environ, NO_COLOR="1"))
    for line in (p.stdout + p.stderr).splitlines()[:12]:
        print("#   " + line)

if mode == "new":
    print("%d of %d files have findings not in VERDICTS" %
          (new_count, len(found)))
    sys.exit(0)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
