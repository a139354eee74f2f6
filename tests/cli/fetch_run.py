"""tests/cli/fetch_run.py: runs the cases of tests/cli/fetch.cases (which
says their form) against the servers tests/cli/fetch.sh started; their
URLs come in the environment (SERVE, TLS, TLS_NAME, PIN, CERT, STUB,
NGINX, NGINX_H2, CLOSED, ROOT). One process for every case, so that a
busy machine does not pay an interpreter's start for each.

    python3 tests/cli/fetch_run.py BINARY CASES

Prints "ok - ..." or "not ok - ..." per case, then "N passed, N failed";
exits 1 when any failed. Python 3 standard library only.
"""
import contextlib
import io
import json
import os
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_json  # noqa: E402  (the schema of check's JSON report)

# A liveness limit, not a speed goal: no case takes seconds on an idle
# machine, but a loaded one may be slow.
LIMIT = 120


def expand(args):
    """check's arguments: the case's shell words with $NAME replaced."""
    def value(m):
        return os.environ.get(m.group(1), "")
    return shlex.split(re.sub(r"\$([A-Z_0-9]+)", value, args))


def run(binary, args, json_out):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="80")
    cmd = [binary] + (["--json"] if json_out else []) + ["check"] + args
    p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=LIMIT)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def schema_problem(text):
    """Why the JSON report does not follow docs/json.md, or None."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            check_json.check_report(json.loads(text))
    except SystemExit:
        return out.getvalue().strip() or "invalid"
    except ValueError as e:
        return "not JSON: %s" % e
    return None


def rules_found(text):
    try:
        report = json.loads(text)
    except ValueError:
        return set()
    return {f["rule"] for one in report.get("inputs", [])
            for r in one["responses"] for f in r["findings"]}


def main():
    binary, cases = sys.argv[1], sys.argv[2]
    passed = failed = 0
    with open(cases, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        name, status, wanted, args = line.split(";", 3)
        if "$NGINX" in args and not os.environ.get("NGINX"):
            print("ok - fetch %s # skip: no nginx" % name)
            continue
        argv = expand(args)
        rc, out, err = run(binary, argv, False)
        json_rc, json_text, _ = run(binary, argv, True)
        text = out + err
        problems = []
        if rc != int(status):
            problems.append("exit %d, not %s" % (rc, status))
        if json_rc != rc:
            problems.append("exit %d with --json" % json_rc)
        if int(status) != 2:
            why = schema_problem(json_text)
            if why:
                problems.append("bad JSON: %s" % why)
        found = rules_found(json_text)
        for want in wanted.split("|"):
            if want.startswith("+") and want[1:] not in found:
                problems.append("no " + want[1:])
            elif want.startswith("-") and want[1:] in found:
                problems.append(want[1:] + " found")
            elif want[:1] not in "+-" and want not in text and \
                    want not in json_text:
                problems.append('no "%s"' % want)
        if problems:
            failed += 1
            print("not ok - fetch %s: %s" % (name, "; ".join(problems)))
            for row in text.splitlines()[:40]:
                print("#   " + row)
        else:
            passed += 1
            print("ok - fetch " + name)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
