"""Validates the httpstatus command's JSON output against docs/json.md.

usage: check_json.py FILE ARGS...   (ARGS: the command's arguments)
Exits 0 when valid, 1 with the reason otherwise.
"""
import json
import sys

CODE_KEYS = {
    "code": int, "name": str, "reason": str, "class": str,
    "class_name": str, "kind": str, "official": bool,
    "vendor": (str, type(None)), "reference": (str, type(None)),
    "summary": str, "description": str, "use_cases": list, "aliases": list,
    "flags": dict, "redirect": (str, type(None)), "retry": (str, type(None)),
    "headers": list,
}
CLASSES = {"informational", "successful", "redirection", "client_error",
           "server_error"}
KINDS = {"standard", "temporary", "obsolete", "reserved", "unofficial"}
FLAGS = {"interim", "no_content", "empty_content", "cacheable", "no_store",
         "permanent", "deprecated"}
REDIRECTS = {None, "may_change_method", "changes_to_get", "keeps_method",
             "choice", "not_modified"}
RETRIES = {None, "any_method", "idempotent", "after_change"}
LEVELS = {"MUST", "SHOULD", "MAY", "SHOULD NOT", "MUST NOT"}
SEVERITIES = {"error", "warning", "note"}


def fail(why):
    print(why)
    sys.exit(1)


def check_code(obj):
    if not isinstance(obj, dict):
        fail("a code is not an object: %r" % (obj,))
    if set(obj) != set(CODE_KEYS):
        fail("keys differ: %s" % sorted(set(obj) ^ set(CODE_KEYS)))
    for key, kind in CODE_KEYS.items():
        if not isinstance(obj[key], kind):
            fail("%s: %r has the wrong type" % (key, obj[key]))
    if not 100 <= obj["code"] <= 599:
        fail("code out of range: %d" % obj["code"])
    if obj["class"] not in CLASSES or obj["kind"] not in KINDS:
        fail("bad class or kind: %s %s" % (obj["class"], obj["kind"]))
    if obj["official"] != (obj["kind"] != "unofficial"):
        fail("official disagrees with kind")
    if (obj["vendor"] is None) != obj["official"]:
        fail("vendor must be set exactly for unofficial codes")
    if set(obj["flags"]) != FLAGS or not all(
            isinstance(v, bool) for v in obj["flags"].values()):
        fail("bad flags: %r" % (obj["flags"],))
    if obj["redirect"] not in REDIRECTS or obj["retry"] not in RETRIES:
        fail("bad redirect or retry")
    if not all(isinstance(s, str) for s in obj["use_cases"] + obj["aliases"]):
        fail("use_cases and aliases hold strings")
    for rule in obj["headers"]:
        if set(rule) != {"field", "level", "condition", "section"}:
            fail("bad header rule: %r" % (rule,))
        if rule["level"] not in LEVELS:
            fail("bad level: %r" % (rule["level"],))


def check_counts(obj, responses, what):
    counts = {"error": 0, "warning": 0, "note": 0}
    for response in responses:
        for key in ("status_line", "version", "code", "reason", "findings"):
            if key not in response:
                fail("response lacks %s" % key)
        for finding in response["findings"]:
            if set(finding) != {"rule", "severity", "message", "section",
                                "fix"}:
                fail("finding keys: %s" % sorted(finding))
            if finding["severity"] not in SEVERITIES:
                fail("bad severity %r" % (finding["severity"],))
            counts[finding["severity"]] += 1
    if (counts["error"], counts["warning"], counts["note"]) != (
            obj["errors"], obj["warnings"], obj["notes"]):
        fail("the counts of %s do not match its findings" % what)


def check_report(obj):
    if set(obj) != {"inputs", "errors", "warnings", "notes"}:
        fail("check report keys: %s" % sorted(obj))
    every = []
    for one in obj["inputs"]:
        if set(one) != {"name", "responses", "errors", "warnings", "notes"}:
            fail("input keys: %s" % sorted(one))
        check_counts(one, one["responses"], one["name"])
        every += one["responses"]
    check_counts(obj, every, "the report")


def main():
    path, args = sys.argv[1], sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        data = json.loads(text)
    except ValueError as e:
        fail("not JSON: %s" % e)
    if args and args[0] == "check":
        check_report(data)
        return
    # One query that names one entry gives an object; lists, searches,
    # classes, several queries and codes several vendors share give arrays.
    array = (args[0] in ("list", "search") or len(args) > 1 or
             args[0].lower().endswith("xx") or args[0] in "12345" or
             args[0] == "419")
    if not array:
        check_code(data)
        return
    if not isinstance(data, list):
        fail("expected an array")
    for obj in data:
        check_code(obj)
    codes = [o["code"] for o in data]
    if args == ["list"] and len(data) != 64:
        fail("list has %d codes, expected 64" % len(data))
    if args == ["list", "--all"] and len(data) < 100:
        fail("list --all has only %d codes" % len(data))
    if args[0] == "list" and codes != sorted(codes):
        fail("list is not sorted by code")
    if args[:1] == ["search"] and args[1:] == ["rate", "limit"] and \
            codes[:1] != [429]:
        fail("search rate limit does not find 429 first")


if __name__ == "__main__":
    main()
