#!/usr/bin/env python3
"""bench/check_httplint.py: httplint over many raw responses in one
Python process, the peer of `httpstatus check FILE...` (bench/check.sh).

    python3 check_httplint.py [--method M] [--notes] FILE...

httplint (https://github.com/mnot/httplint, not shipped here) must be
importable: put its source and that of its dependencies on PYTHONPATH.
Each file is read as `httpstatus check` reads it: interim 1xx responses,
then a final one, or every hop of curl -siL; each response's status line,
fields and content (Content-Length or chunked framing undone) are fed to a
new HttpResponseLinter, and its notes are collected. Prints one line:
files, responses, notes and the seconds the loop took (reading, splitting
and linting, without the interpreter's start and the imports). --notes
prints instead, per file, the note kinds found (class names and levels).
"""
import sys
import time

from httplint import HttpResponseLinter


def lines_until_blank(data, pos):
    """(list of header lines, position after the blank line)."""
    lines = []
    while pos < len(data):
        nl = data.find(b"\n", pos)
        if nl < 0:
            lines.append(data[pos:].rstrip(b"\r"))
            return lines, len(data)
        line = data[pos:nl].rstrip(b"\r")
        pos = nl + 1
        if not line:
            return lines, pos
        lines.append(line)
    return lines, pos


def fields_of(lines):
    out = []
    for line in lines:
        if line[:1] in (b" ", b"\t") and out:
            name, value = out[-1]
            out[-1] = (name, value + b" " + line.strip())
            continue
        name, colon, value = line.partition(b":")
        if colon:
            out.append((name.strip(), value.strip()))
    return out


def dechunk(data, pos):
    """(content, trailers, position, complete)."""
    body = b""
    while True:
        nl = data.find(b"\n", pos)
        if nl < 0:
            return body, [], len(data), False
        size_txt = data[pos:nl].split(b";")[0].strip()
        try:
            size = int(size_txt, 16)
        except ValueError:
            return body, [], len(data), False
        pos = nl + 1
        if size == 0:
            lines, pos = lines_until_blank(data, pos)
            return body, fields_of(lines), pos, True
        if pos + size > len(data):
            return body + data[pos:], [], len(data), False
        body += data[pos:pos + size]
        pos += size
        if data[pos:pos + 2] == b"\r\n":
            pos += 2
        elif data[pos:pos + 1] == b"\n":
            pos += 1


def is_status_line(data, pos):
    return data.startswith(b"HTTP/", pos)


def responses(data, method):
    """Yields (version, code, phrase, fields, content, trailers, complete,
    head_only) per response, splitting the input as httpstatus check
    does."""
    pos = 0
    while True:
        while data.startswith(b"\r\n", pos) or data.startswith(b"\n", pos):
            pos += 1 if data[pos:pos + 1] == b"\n" else 2
        if not is_status_line(data, pos):
            return
        lines, pos = lines_until_blank(data, pos)
        parts = lines[0].split(None, 2)
        if len(parts) < 2:
            return
        version = parts[0].split(b"/", 1)[1]
        code = parts[1]
        phrase = parts[2] if len(parts) > 2 else b""
        fields = fields_of(lines[1:])
        names = {n.lower(): v for n, v in fields}
        try:
            num = int(code)
        except ValueError:
            num = 0
        content, trailers, complete = b"", [], True
        if 100 <= num < 200:
            yield version, code, phrase, fields, b"", [], True, False
            if num == 101:
                return
            continue
        no_content = (num in (204, 304) or method == "HEAD" or
                      (method == "CONNECT" and 200 <= num < 300))
        rest = data[pos:]
        te = names.get(b"transfer-encoding", b"").lower()
        cl = names.get(b"content-length", b"").strip()
        n = int(cl) if cl.isdigit() else None
        head_only = False
        more = bool(rest.strip(b"\r\n")) and not is_status_line(data, pos)
        if no_content:
            # bytes where there may be none are handed over as content,
            # so that the linter can say so
            if more:
                content, pos = rest, len(data)
        elif te.endswith(b"chunked") and more:
            content, trailers, pos, complete = dechunk(data, pos)
        elif (n and len(rest) >= n and
              (not data[pos + n:].strip(b"\r\n") or
               is_status_line(data, pos + n))):
            # what Content-Length covers, even when it looks like a
            # status line (message/http)
            content = rest[:n]
            pos += n
        elif not more:
            # a head alone (curl -sI), or the next hop of curl -siL,
            # whose content curl does not print: nothing to check
            head_only = True
        elif n is not None:
            content = rest[:n]
            complete = len(content) == n
            pos += len(content)
        else:
            content, pos = rest, len(data)
        yield (version, code, phrase, fields, content, trailers, complete,
               head_only)


def lint_file(path, method):
    with open(path, "rb") as f:
        data = f.read()
    found = []
    for version, code, phrase, fields, content, trailers, complete, \
            head_only in responses(data, method):
        linter = HttpResponseLinter(no_content=head_only)
        linter.is_head_response = method == "HEAD"
        linter.process_response_topline(version, code, phrase)
        linter.process_headers(fields)
        if content:
            linter.feed_content(content)
        linter.finish_content(complete, trailers or None)
        found.append(linter.notes)
    return found


def main():
    args = sys.argv[1:]
    method, show = None, False
    while args and args[0].startswith("--"):
        if args[0] == "--method":
            method = args[1]
            args = args[2:]
        elif args[0] == "--notes":
            show = True
            args = args[1:]
        else:
            sys.exit(__doc__)
    start = time.perf_counter()
    nresponses = nnotes = 0
    for path in args:
        per_response = lint_file(path, method)
        nresponses += len(per_response)
        kinds = []
        for notes in per_response:
            for note in notes:
                nnotes += 1
                kinds.append("%s:%s" % (type(note).__name__,
                                        note.level.name))
                for sub in note.subnotes:
                    kinds.append("%s:%s" % (type(sub).__name__,
                                            sub.level.name))
        if show:
            print("%s\t%s" % (path, " ".join(kinds)))
    seconds = time.perf_counter() - start
    if not show:
        print("files %d responses %d notes %d seconds %.4f" %
              (len(args), nresponses, nnotes, seconds))


if __name__ == "__main__":
    main()
