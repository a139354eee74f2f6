#!/bin/sh
# tests/cli/rules.sh: every rule of `httpstatus check` has an example that
# it finds and one that it passes.
#
#   sh tests/cli/rules.sh [BINARY]
#
# tests/cli/rules/ holds, for each rule id ID (httpstatus check --rules):
#   ID.fail.http, ID.fail-2.http, ...   responses the rule must find
#   ID.pass.http, ID.pass-2.http, ...   responses the rule must not find
# and, beside any of them, NAME.args: more arguments for check (shell
# words, such as --method HEAD or --now "Sun, 06 Nov 1994 08:49:37 GMT").
# A response file holds the bytes as check reads them: CRLF line ends.
#
# A rule that only a live server can show (the probes of check --probe
# compare several exchanges) has ID.live instead: lines "fail CASE" and
# "pass CASE" naming cases of tests/cli/fetch.cases, which tests/cli/
# fetch.sh runs; each fail case must want the rule found (+ID), each pass
# case must want it not found (-ID). '#' starts a comment line.
#
# Prints "ok - ..." or "not ok - ..." per test, then "N passed, N failed".
set -u
bin=${1:-build/httpstatus}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$here/rules
tmp=$(mktemp -d "${TMPDIR:-/tmp}/httpstatus-rules.XXXXXX")
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

NO_COLOR=1 "$bin" check --rules | cut -d' ' -f1 >"$tmp/ids"
if [ ! -s "$tmp/ids" ]; then
    not_ok "httpstatus check --rules lists no rule"
fi

# The rule ids a run reports, one a line.
found() {
    python3 -c '
import json, sys
report = json.load(sys.stdin)
for one in report["inputs"]:
    for r in one["responses"]:
        for f in r["findings"]:
            print(f["rule"])
' 
}

for file in "$dir"/*.http; do
    [ -e "$file" ] || break
    base=$(basename "$file" .http)
    id=${base%%.*}
    kind=${base#"$id".}
    kind=${kind%%-*}
    if ! grep -qx -- "$id" "$tmp/ids"; then
        not_ok "$base.http: no rule is called $id"
        continue
    fi
    set --
    if [ -f "$dir/$base.args" ]; then
        eval "set -- $(cat "$dir/$base.args")"
    fi
    NO_COLOR=1 "$bin" --json check "$@" "$file" >"$tmp/json" 2>"$tmp/err"
    rc=$?
    if [ $rc -gt 1 ] || ! found <"$tmp/json" >"$tmp/found" 2>>"$tmp/err"; then
        not_ok "$base: check exits $rc" "$tmp/err"
        continue
    fi
    case $kind in
    fail)
        if grep -qx -- "$id" "$tmp/found"; then
            ok "$id finds $base"
        else
            NO_COLOR=1 "$bin" check "$@" "$file" >"$tmp/text" 2>&1
            not_ok "$id does not find $base" "$tmp/text"
        fi
        ;;
    pass)
        if grep -qx -- "$id" "$tmp/found"; then
            NO_COLOR=1 "$bin" check "$@" "$file" >"$tmp/text" 2>&1
            not_ok "$id finds $base, which it should pass" "$tmp/text"
        else
            ok "$id passes $base"
        fi
        ;;
    *)
        not_ok "$base.http: name it ID.fail[-N].http or ID.pass[-N].http"
        ;;
    esac
done

# The live examples: each names cases of fetch.cases that want the rule
# found or not found.
cases=$here/fetch.cases
for file in "$dir"/*.live; do
    [ -e "$file" ] || break
    id=$(basename "$file" .live)
    if ! grep -qx -- "$id" "$tmp/ids"; then
        not_ok "$id.live: no rule is called $id"
        continue
    fi
    while read -r kind case_name rest; do
        case $kind in '' | '#'*) continue ;; esac
        sign=
        case $kind in fail) sign=+ ;; pass) sign=- ;; esac
        wanted=$(awk -F';' -v n="$case_name" '$1 == n { print $3 }' "$cases")
        if [ -z "$sign" ] || [ -n "$rest" ]; then
            not_ok "$id.live: \"$kind $case_name $rest\" is not \"fail CASE\" or \"pass CASE\""
        elif [ -z "$wanted" ]; then
            not_ok "$id.live: fetch.cases has no case $case_name"
        elif printf '|%s|' "$wanted" | grep -qF -- "|$sign$id|"; then
            ok "$id: live $kind case $case_name"
            : >"$tmp/live-$id.$kind"
        else
            not_ok "$id.live: case $case_name does not want $sign$id"
        fi
    done <"$file"
done

# Every rule has both kinds of example.
while read -r id; do
    for kind in fail pass; do
        if ls "$dir/$id.$kind"*.http >/dev/null 2>&1 ||
            [ -e "$tmp/live-$id.$kind" ]; then
            ok "$id has a $kind example"
        else
            not_ok "$id has no $kind example ($id.$kind.http)"
        fi
    done
done <"$tmp/ids"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
