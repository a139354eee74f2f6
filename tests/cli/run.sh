#!/bin/sh
# tests/cli/run.sh: end-to-end tests of the httpstatus command.
#
#   sh tests/cli/run.sh [BINARY]          run them (default build/httpstatus)
#   sh tests/cli/run.sh BINARY --update   rewrite expected/ from BINARY;
#                                         read the diff before committing
#
# Prints "ok - ..." or "not ok - ..." per test, then "N passed, N failed".
set -u
bin=${1:-build/httpstatus}
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
case $bin in /*) ;; *) bin=$root/$bin ;; esac

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    [ -n "${2:-}" ] && sed 's/^/#   /' "$2" | head -n 20
    return 0
}

run() { NO_COLOR=1 COLUMNS=80 "$bin" "$@"; }

# ------------------------------------------------------- expected output

tab=$(printf '\t')
while IFS="$tab" read -r name status args; do
    case $name in '' | '#'*) continue ;; esac
    eval "set -- $args"
    run "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$update" = --update ]; then
        cp "$tmp/out" "$here/expected/$name.out"
        cp "$tmp/err" "$here/expected/$name.err"
    fi
    if [ "$rc" != "$status" ]; then
        not_ok "$name: exit status $rc, expected $status" "$tmp/err"
    elif ! diff -u "$here/expected/$name.out" "$tmp/out" >"$tmp/diff"; then
        not_ok "$name: standard output differs" "$tmp/diff"
    elif ! diff -u "$here/expected/$name.err" "$tmp/err" >"$tmp/diff"; then
        not_ok "$name: standard error differs" "$tmp/diff"
    else
        ok "$name: httpstatus $args"
    fi
done <"$here/cases.tsv"

# --------------------------------------------------------------- layout

# Every card and every list fits 80 columns.
codes=$(run list --all | cut -c1-3 | sort -u)
# shellcheck disable=SC2086
run $codes >"$tmp/cards" 2>&1
run list --all >>"$tmp/cards"
if awk 'length > 80 { print FILENAME ": " length ": " $0; bad = 1 }
        END { exit bad }' "$tmp/cards" >"$tmp/long"; then
    ok "every card and list line fits 80 columns"
else
    not_ok "lines longer than 80 columns" "$tmp/long"
fi
COLUMNS=60 NO_COLOR=1 "$bin" 429 >"$tmp/narrow"
if awk 'length > 60 { bad = 1 } END { exit bad }' "$tmp/narrow"; then
    ok "prose wraps to a 60-column terminal"
else
    not_ok "prose does not wrap to COLUMNS=60" "$tmp/narrow"
fi

# ---------------------------------------------------------------- colour

esc=$(printf '\033')
"$bin" 404 >"$tmp/piped"
if grep -q "$esc" "$tmp/piped"; then
    not_ok "colour escapes in piped output" "$tmp/piped"
else
    ok "no colour when output is not a terminal"
fi
if command -v script >/dev/null 2>&1; then
    script -qec "$bin 404" /dev/null >"$tmp/tty" 2>&1
    if grep -q "$esc\[" "$tmp/tty"; then
        ok "colour on a terminal"
    else
        not_ok "no colour on a terminal" "$tmp/tty"
    fi
    NO_COLOR=1 script -qec "$bin 404" /dev/null >"$tmp/tty" 2>&1
    if grep -q "$esc\[" "$tmp/tty"; then
        not_ok "colour on a terminal despite NO_COLOR" "$tmp/tty"
    else
        ok "NO_COLOR turns colour off on a terminal"
    fi
    script -qec "$bin --no-color 404" /dev/null >"$tmp/tty" 2>&1
    if grep -q "$esc\[" "$tmp/tty"; then
        not_ok "colour on a terminal despite --no-color" "$tmp/tty"
    else
        ok "--no-color turns colour off on a terminal"
    fi
fi

# ------------------------------------------------------------------ JSON

# Every --json output parses as JSON and follows docs/json.md.
if command -v python3 >/dev/null 2>&1; then
    for args in "404" "not-found" "419" "4xx" "404 410" "list" \
        "list --unofficial" "list --all" "search rate limit" \
        "search zebra"; do
        # shellcheck disable=SC2086
        run --json $args >"$tmp/json" 2>/dev/null
        if python3 "$here/check_json.py" "$tmp/json" $args \
            >"$tmp/why" 2>&1; then
            ok "--json $args: valid JSON in the documented schema"
        else
            not_ok "--json $args: bad JSON" "$tmp/why"
        fi
    done
else
    not_ok "python3 is needed to validate the JSON output"
fi

# ------------------------------------------------------- help and manual

# Every option a --help text names is in httpstatus(1).
if command -v mandoc >/dev/null 2>&1; then
    mandoc -Tascii "$root/docs/httpstatus.1" | col -b >"$tmp/man"
    for topic in "" list search check serve; do
        # shellcheck disable=SC2086
        run $topic --help | grep -E '^  -' |
            grep -oE -- '--?[a-zA-Z][a-zA-Z-]*' | sort -u >"$tmp/options"
        while read -r option; do
            if grep -qe "$option" "$tmp/man"; then
                ok "httpstatus(1) documents $option${topic:+ ($topic)}"
            else
                not_ok "httpstatus(1) lacks $option${topic:+ ($topic)}"
            fi
        done <"$tmp/options"
    done
else
    not_ok "mandoc is needed to read httpstatus(1)"
fi

# ----------------------------------------------------------------- check

# Hand-made responses: check/EXPECTED gives each file's exit status and
# the findings its output must mention. A file named method-M--*.txt is a
# response to a request with method M; one named *.har is read with
# --har, and a build without Jansson must refuse it (exit 2).
har_refused=
if run check --har "$here/check/har-chrome-style.har" 2>&1 |
    grep -q "built without Jansson"; then
    har_refused=yes
    echo "# built without Jansson: each HAR file must be refused"
fi
if [ -f "$here/check/EXPECTED" ]; then
    while IFS="$tab" read -r file status wanted; do
        case $file in '' | '#'*) continue ;; esac
        set --
        case $file in
        method-*--*)
            m=${file#method-}
            set -- --method "${m%%--*}"
            ;;
        *.har)
            set -- --har
            if [ -n "$har_refused" ]; then
                status=2
                wanted="built without Jansson"
            fi
            ;;
        esac
        run check "$@" "$here/check/$file" >"$tmp/out" 2>&1
        rc=$?
        missing=
        old_ifs=$IFS
        IFS='|'
        for want in $wanted; do
            grep -qF -- "$want" "$tmp/out" || missing="$missing [$want]"
        done
        IFS=$old_ifs
        if [ "$rc" != "$status" ]; then
            not_ok "check $file: exit status $rc, expected $status" "$tmp/out"
        elif [ -n "$missing" ]; then
            not_ok "check $file: output lacks$missing" "$tmp/out"
        else
            ok "check $file"
        fi
        run --json check "$@" "$here/check/$file" >"$tmp/json" 2>/dev/null
        if [ "$status" != 2 ]; then
            if python3 "$here/check_json.py" "$tmp/json" check \
                >"$tmp/why" 2>&1; then
                ok "check --json $file: valid JSON report"
            else
                not_ok "check --json $file: bad JSON report" "$tmp/why"
            fi
        fi
    done <"$here/check/EXPECTED"
fi

# check's options: rule selection, --fail-on, several inputs, errors.
c405=$here/check/405-without-allow.txt
c200=$here/check/200-ok-clean.txt
expect() { # NAME STATUS PATTERN FILE: the run exited STATUS, FILE has PATTERN
    if [ "$rc" != "$2" ]; then
        not_ok "$1: exit status $rc, expected $2" "$4"
    elif ! grep -q -- "$3" "$4"; then
        not_ok "$1: no '$3' in the output" "$4"
    else
        ok "$1"
    fi
}
run check "$c405" >"$tmp/out" 2>&1
rc=$?
expect "check: findings name their rule" 1 "\[status-field-required\]" \
    "$tmp/out"
run check --ignore status-field-required "$c405" >"$tmp/out" 2>&1
rc=$?
expect "check --ignore: the rule is not run" 0 "^no findings" "$tmp/out"
run check --only bare-lf "$c405" >"$tmp/out" 2>&1
rc=$?
expect "check --only: only that rule runs" 0 "^no findings" "$tmp/out"
run check --only status-field-required,bare-lf "$c405" >"$tmp/out" 2>&1
rc=$?
expect "check --only takes a list" 1 "status-field-required" "$tmp/out"
run check --ignore status-field-required --only status-field-required \
    "$c405" >"$tmp/out" 2>&1
rc=$?
expect "check: --ignore wins over --only, named first" 0 "^no findings" \
    "$tmp/out"
run check --only status-field-required --ignore status-field-required \
    "$c405" >"$tmp/out" 2>&1
rc=$?
expect "check: --ignore wins over --only, named last" 0 "^no findings" \
    "$tmp/out"
run check --ignore no-such-rule "$c405" >"$tmp/out" 2>&1
rc=$?
expect "check --ignore: an unknown id is a usage error" 2 \
    "no rule is called 'no-such-rule'" "$tmp/out"
printf 'HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n' \
    >"$tmp/note.txt"
run check --only reason-former "$tmp/note.txt" >"$tmp/out" 2>&1
rc=$?
expect "check: a note alone exits 0" 0 "reason-former" "$tmp/out"
run check --only reason-former --fail-on note "$tmp/note.txt" \
    >"$tmp/out" 2>&1
rc=$?
expect "check --fail-on note: a note exits 1" 1 "reason-former" "$tmp/out"
run check --fail-on bad "$tmp/note.txt" >"$tmp/out" 2>&1
rc=$?
expect "check --fail-on: a bad level is a usage error" 2 \
    "error, warning or note" "$tmp/out"
run check "$c200" "$c405" >"$tmp/out" 2>&1
rc=$?
expect "check: several files, each under its name" 1 \
    "^$c405:" "$tmp/out"
expect "check: several files end with a summary" 1 \
    "^2 inputs: 1 error" "$tmp/out"
run check --method head "$c200" >"$tmp/out" 2>&1
rc=$?
expect "check --method head: methods are case-sensitive" 2 \
    "use --method HEAD" "$tmp/out"
run --json check "$here/check/unreadable-html.txt" >"$tmp/out" 2>/dev/null
rc=$?
expect "check --json: exit 2 prints an error object" 2 \
    '^{"error": ".*does not start with an HTTP status line", "exit": 2}$' \
    "$tmp/out"
run --json check --method head "$c200" >"$tmp/out" 2>/dev/null
rc=$?
expect "check --json: a usage error is an error object too" 2 \
    '^{"error": "methods are case-sensitive' "$tmp/out"
{
    printf 'HTTP/1.1 200 OK\r\nContent-Length: 17825792\r\n\r\n'
    head -c 17825792 /dev/zero
} >"$tmp/big.txt"
run check "$tmp/big.txt" >"$tmp/out" 2>&1
rc=$?
expect "check: a 17 MiB input is refused for its size, not its head" 2 \
    "larger than 16 MiB: check reads inputs up to 16 MiB" "$tmp/out"
rm -f "$tmp/big.txt"
trace=$here/check/trace-connect-200-with-content-length.txt
run check --method GET "$trace" >"$tmp/out" 2>&1
rc=$?
expect "check --method overrides the method a curl -v trace gives" 0 \
    "request 1: CONNECT" "$tmp/out"
run --json check <"$trace" >"$tmp/out" 2>&1
rc=$?
expect "check: a curl -v trace on standard input" 1 \
    '"name": "standard input, request 1: CONNECT 127.0.0.1:8149"' "$tmp/out"
run check "$here/check/har-chrome-style.har" >"$tmp/out" 2>&1
rc=$?
expect "check: a HAR file without --har is told to use it" 2 \
    "is JSON, not an HTTP response: for a HAR file, use --har" "$tmp/out"
run check --har >"$tmp/out" 2>&1
rc=$?
expect "check --har needs a file" 2 "--har needs a file" "$tmp/out"
run check --rules >"$tmp/out" 2>&1
rc=$?
expect "check --rules lists the rules" 0 "^content-length-mismatch " \
    "$tmp/out"
run --json check --rules >"$tmp/out" 2>&1
rc=$?
if python3 -c 'import json,sys; r=json.load(open(sys.argv[1]));
assert all(set(x) == {"rule","severity","section","summary"} for x in r)' \
    "$tmp/out" 2>"$tmp/why"; then
    ok "check --rules --json: an array of rules"
else
    not_ok "check --rules --json is not an array of rules" "$tmp/why"
fi
# docs/check.md names every rule, in backquotes, as check --rules prints it.
run check --rules | cut -d' ' -f1 >"$tmp/ids"
: >"$tmp/undocumented"
while read -r id; do
    grep -qF -- "\`$id\`" "$root/docs/check.md" 2>/dev/null ||
        echo "$id" >>"$tmp/undocumented"
done <"$tmp/ids"
if [ -s "$tmp/ids" ] && [ ! -s "$tmp/undocumented" ]; then
    ok "docs/check.md lists every rule id"
else
    not_ok "rule ids missing from docs/check.md" "$tmp/undocumented"
fi

# Responses from a real server: nginx on a loopback port, when installed.
sh "$here/nginx.sh" "$bin" "$tmp"
nginx_status=$?
if [ $nginx_status -eq 0 ]; then
    while read -r line; do
        case $line in
        ok*) ok "${line#ok - }" ;;
        *) not_ok "${line#not ok - }" ;;
        esac
    done <"$tmp/nginx.results"
elif [ $nginx_status -eq 77 ]; then
    echo "# nginx is not installed: real-server checks skipped"
else
    not_ok "nginx could not be started for the real-server checks" \
        "$tmp/nginx.log"
fi

# check URL and check --probe, against local servers (tests/cli/fetch.sh).
sh "$here/fetch.sh" "$bin" >"$tmp/fetch.results" 2>&1
fetch_status=$?
if [ $fetch_status -ne 0 ] && ! grep -q '^not ok' "$tmp/fetch.results"; then
    not_ok "tests/cli/fetch.sh failed (exit $fetch_status)" \
        "$tmp/fetch.results"
fi
while IFS= read -r line; do
    case $line in
    'ok - '*) ok "${line#ok - }" ;;
    'not ok - '*) not_ok "${line#not ok - }" ;;
    '#'*) echo "$line" ;;
    esac
done <"$tmp/fetch.results"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
