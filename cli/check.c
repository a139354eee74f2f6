/* check.c: httpstatus check [OPTIONS] [FILE|URL...]: the response
 * linter's command. It reads each input (a file, or the exchanges
 * cli/fetch.c has with a URL), runs check/lint.c on it, and for a URL's
 * exchanges check/probe.c across them, and prints the findings as text or
 * JSON; the exit status says whether any finding reached the --fail-on
 * level. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "cli.h"
#include "date.h"
#include "fetch.h"
#include "inputs.h"
#include "lint.h"
#include "probe.h"

#define INPUT_MAX ((size_t)16 << 20)  /* 16 MiB */
#define HAR_MAX   ((size_t)256 << 20) /* HAR files hold content too */

struct options {
    const char *method; /* --method */
    long long now;      /* --now, or -1 */
    unsigned char enabled[RULE_COUNT];
    enum severity fail_on; /* findings at this level or above fail */
    struct fetch_options fetch;
    const char *fetch_option; /* the first option for URLs given, or NULL */
};

/* ------------------------------------------------------------- errors */

/* A usage or input error: the message on stderr, and with --json a JSON
 * object on stdout too, so that a script reading stdout sees why. */
static int fail(const struct cli *cli, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int fail(const struct cli *cli, const char *fmt, ...)
{
    va_list ap;
    char *msg;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    msg = lint_realloc(NULL, (size_t)(n < 0 ? 0 : n) + 1);
    va_start(ap, fmt);
    if (vsnprintf(msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap) < 0)
        msg[0] = '\0';
    va_end(ap);
    error("check: %s", msg);
    if (cli->json) {
        fputs("{\"error\": ", cli->out);
        json_write_string(cli->out, msg);
        fprintf(cli->out, ", \"exit\": %d}\n", EXIT_USAGE);
    }
    free(msg);
    return EXIT_USAGE;
}

/* --------------------------------------------------------------- input */

/* Reads a file (or standard input for NULL or "-") whole, up to
 * INPUT_MAX bytes. */
static int read_file(const struct cli *cli, const char *path, size_t max,
                     char **bufp, size_t *lenp)
{
    FILE *f = stdin;
    const char *name = "standard input";
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int err = 0;

    if (path && strcmp(path, "-") != 0) {
        name = path;
        f = fopen(path, "rb");
        if (f == NULL)
            return fail(cli, "cannot read %s: %s", path, strerror(errno));
    }
    /* Read one byte past the limit, to tell a full input from a longer
     * one. */
    while (len <= max) {
        size_t got;
        if (len == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > max + 1)
                cap = max + 1;
            buf = lint_realloc(buf, cap);
        }
        errno = 0;
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                err = errno ? errno : EIO;
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    if (err) {
        free(buf);
        return fail(cli, "cannot read %s: %s", name, strerror(err));
    }
    if (len > max) {
        free(buf);
        return fail(cli,
                    "%s is larger than %zu MiB: check reads inputs up to "
                    "%zu MiB",
                    name, max >> 20, max >> 20);
    }
    if (len == 0) {
        free(buf);
        return fail(cli, "%s is empty: no HTTP response to check", name);
    }
    *bufp = buf;
    *lenp = len;
    return 0;
}

/* -------------------------------------------------------------- output */

static const char *severity_name(enum severity sev)
{
    switch (sev) {
    case SEV_ERROR:
        return "error";
    case SEV_WARNING:
        return "warning";
    case SEV_NOTE:
        return "note";
    }
    return "?";
}

static const char *severity_color(enum severity sev)
{
    switch (sev) {
    case SEV_ERROR:
        return "1;31";
    case SEV_WARNING:
        return "1;33";
    case SEV_NOTE:
        return "1;36";
    }
    return "0";
}

static void print_counts(FILE *out, size_t errors, size_t warnings,
                         size_t notes)
{
    if (errors + warnings + notes == 0)
        fputs("no findings\n", out);
    else
        fprintf(out, "%zu error%s, %zu warning%s, %zu note%s\n", errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
                notes, notes == 1 ? "" : "s");
}

static void print_text(const struct cli *cli, const struct lint_report *rep)
{
    FILE *out = cli->out;
    size_t i, j;

    for (i = 0; i < rep->nresponses; i++) {
        const struct response *r = &rep->responses[i];
        if (i)
            fputc('\n', out);
        color_on(cli, class_color(httpstatus_class(r->code)));
        color_on(cli, "1");
        fputs(r->status_line, out);
        color_off(cli);
        fputc('\n', out);
        for (j = 0; j < r->nfindings; j++) {
            const struct finding *f = &r->findings[j];
            const char *name = severity_name(f->severity);
            char *text = lint_printf("%s (%s) [%s]", f->message, f->section,
                                     lint_rules[f->rule].id);
            fputs("  ", out);
            color_on(cli, severity_color(f->severity));
            fputs(name, out);
            color_off(cli);
            fprintf(out, "%*s", 9 - (int)strlen(name), "");
            wrap(cli, text, 11, 11);
            free(text);
            fputs("           fix: ", out);
            wrap(cli, f->fix, 16, 16);
        }
    }
    fputc('\n', out);
    print_counts(out, rep->errors, rep->warnings, rep->notes);
}

static void print_json(const struct cli *cli, const struct input *in,
                       const struct lint_report *rep, int first)
{
    FILE *out = cli->out;
    size_t i, j;

    fputs(first ? "\n  {\"name\": " : ",\n  {\"name\": ", out);
    json_write_string(out, in->name);
    fputs(", \"responses\": [", out);
    for (i = 0; i < rep->nresponses; i++) {
        const struct response *r = &rep->responses[i];
        fputs(i ? ",\n   {\"status_line\": " : "\n   {\"status_line\": ", out);
        json_write_string(out, r->status_line);
        fputs(", \"version\": ", out);
        json_write_string(out, r->version);
        fprintf(out, ", \"code\": %d, \"reason\": ", r->code);
        json_write_string(out, r->reason);
        fputs(", \"findings\": [", out);
        for (j = 0; j < r->nfindings; j++) {
            const struct finding *f = &r->findings[j];
            fputs(j ? ",\n    {\"rule\": " : "\n    {\"rule\": ", out);
            json_write_string(out, lint_rules[f->rule].id);
            fputs(", \"severity\": ", out);
            json_write_string(out, severity_name(f->severity));
            fputs(", \"message\": ", out);
            json_write_string(out, f->message);
            fputs(", \"section\": ", out);
            json_write_string(out, f->section);
            fputs(", \"fix\": ", out);
            json_write_string(out, f->fix);
            fputc('}', out);
        }
        fputs("]}", out);
    }
    fprintf(out, "],\n   \"errors\": %zu, \"warnings\": %zu, \"notes\": %zu}",
            rep->errors, rep->warnings, rep->notes);
}

/* `check --rules`: every rule, a line each, or a JSON array. */
static int print_rules(const struct cli *cli)
{
    int k;

    if (cli->json)
        fputs("[", cli->out);
    for (k = 0; k < RULE_COUNT; k++) {
        const struct rule_info *r = &lint_rules[k];
        if (cli->json) {
            fputs(k ? ",\n {\"rule\": " : "\n {\"rule\": ", cli->out);
            json_write_string(cli->out, r->id);
            fputs(", \"severity\": ", cli->out);
            json_write_string(cli->out, severity_name(r->severity));
            fputs(", \"section\": ", cli->out);
            json_write_string(cli->out, r->section);
            fputs(", \"summary\": ", cli->out);
            json_write_string(cli->out, r->summary);
            fputs("}", cli->out);
        } else {
            fprintf(cli->out, "%-38s %-8s %s\n", r->id,
                    severity_name(r->severity), r->section);
        }
    }
    if (cli->json)
        fputs("\n]\n", cli->out);
    return EXIT_FOUND;
}

/* ------------------------------------------------------------- command */

static int is_token(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!is_tchar((unsigned char)*s))
            return 0;
    return 1;
}

/* The findings at or above the --fail-on level. */
static size_t failing(const struct options *o, const struct lint_report *r)
{
    return r->errors + (o->fail_on >= SEV_WARNING ? r->warnings : 0) +
           (o->fail_on >= SEV_NOTE ? r->notes : 0);
}

/* What the exchanges fetched for each URL show together (probe.h): the
 * findings go to their reports. */
static void probe_inputs(const struct options *o, const struct input *ins,
                         struct lint_report *reps, size_t n)
{
    struct lint_options lo;
    size_t i = 0, j, k;

    memset(&lo, 0, sizeof lo);
    lo.now = o->now;
    lo.enabled = o->enabled;
    while (i < n) {
        struct probe_exchange *ex;
        if (ins[i].group == 0) {
            i++;
            continue;
        }
        for (j = i; j < n && ins[j].group == ins[i].group; j++)
            ;
        ex = lint_realloc(NULL, (j - i) * sizeof *ex);
        for (k = i; k < j; k++) {
            ex[k - i] = *ins[k].ex;
            ex[k - i].report = &reps[k];
        }
        probe_check(&lo, ex, j - i);
        free(ex);
        i = j;
    }
}

/* Lints every input, then prints every report: an input that is not an
 * HTTP response stops the run before anything is printed (exit 2). */
static int check_inputs(const struct cli *cli, const struct options *o,
                        const struct input *ins, size_t n)
{
    struct lint_report *reps = lint_realloc(NULL, n * sizeof *reps);
    size_t i, errors = 0, warnings = 0, notes = 0, fails = 0, done;
    int status = EXIT_FOUND;

    for (done = 0; done < n; done++) {
        struct lint_options lo;
        memset(&lo, 0, sizeof lo);
        /* A fetched input knows the method it was sent with. */
        lo.method = ins[done].ex || !o->method ? ins[done].method : o->method;
        lo.now = o->now >= 0 ? o->now : ins[done].received;
        lo.enabled = o->enabled;
        lo.content_cut = ins[done].ex ? ins[done].ex->cut : 0;
        if (lint_run(&lo, ins[done].data, ins[done].len, &reps[done]) != 0) {
            lint_report_free(&reps[done]);
            status = fail(cli, "%s does not start with an HTTP status line",
                          ins[done].name);
            break;
        }
    }
    if (status == EXIT_FOUND)
        probe_inputs(o, ins, reps, n);
    if (status == EXIT_FOUND) {
        if (cli->json)
            fputs("{\"inputs\": [", cli->out);
        for (i = 0; i < n; i++) {
            if (cli->json) {
                print_json(cli, &ins[i], &reps[i], i == 0);
            } else {
                if (n > 1)
                    fprintf(cli->out, "%s%s:\n", i ? "\n" : "", ins[i].name);
                print_text(cli, &reps[i]);
            }
            errors += reps[i].errors;
            warnings += reps[i].warnings;
            notes += reps[i].notes;
            fails += failing(o, &reps[i]);
        }
        if (cli->json) {
            fprintf(cli->out,
                    "\n ],\n \"errors\": %zu, \"warnings\": %zu, "
                    "\"notes\": %zu}\n",
                    errors, warnings, notes);
        } else if (n > 1) {
            fprintf(cli->out, "\n%zu inputs: ", n);
            print_counts(cli->out, errors, warnings, notes);
        }
        status = fails ? EXIT_NONE : EXIT_FOUND;
    }
    for (i = 0; i < done; i++)
        lint_report_free(&reps[i]);
    free(reps);
    return status;
}

/* --ignore and --only take one id or a comma-separated list: each rule
 * it names is marked in marks. */
static int mark_rules(const struct cli *cli, const char *list,
                      unsigned char *marks)
{
    const char *p = list;

    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int k = lint_rule_find(p, n);
        if (k < 0)
            return fail(cli,
                        "no rule is called '%.*s': httpstatus check --rules "
                        "lists them",
                        (int)n, p);
        marks[k] = 1;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* The value of an option given as "--opt VALUE" or "--opt=VALUE". */
static const char *option_value(int argc, char **argv, int *k, const char *opt)
{
    size_t n = strlen(opt);
    const char *a = argv[*k];

    if (strncmp(a, opt, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*k + 1 >= argc)
        return "";
    return argv[++*k];
}

/* Reads one file into l: a HAR file (har), a curl -v trace, or raw
 * responses. */
static int read_input(const struct cli *cli, const char *path, int har,
                      struct inputs *l)
{
    const char *name = strcmp(path, "-") == 0 ? "standard input" : path;
    char *data = NULL, *err = NULL;
    size_t len = 0, i;
    int status;

    if (har && !har_supported())
        return fail(cli, "--har: this build of httpstatus cannot read HAR "
                         "files (it was built without Jansson)");
    status = read_file(cli, path, har ? HAR_MAX : INPUT_MAX, &data, &len);
    if (status != 0)
        return status;
    if (har || curl_trace_detect(data, len)) {
        status = har ? har_read(name, data, len, l, &err)
                     : curl_trace_read(name, data, len, l, &err);
        free(data);
        if (status != 0) {
            status = fail(cli, "%s", err);
            free(err);
        }
        return status;
    }
    for (i = 0; i < len && (data[i] == ' ' || data[i] == '\t' ||
                            data[i] == '\r' || data[i] == '\n');
         i++)
        ;
    if (i < len && data[i] == '{') {
        free(data);
        return fail(cli,
                    "%s is JSON, not an HTTP response: for a HAR file, use "
                    "--har %s",
                    name, path);
    }
    inputs_add(l, lint_printf("%s", name), NULL, data, len);
    return EXIT_FOUND;
}

/* ---------------------------------------------------------------- URLs */

static int is_url(const char *s)
{
    return (strlen(s) > 7 && eq_nocase(s, 7, "http://")) ||
           (strlen(s) > 8 && eq_nocase(s, 8, "https://"));
}

/* Reads an option that only fetching uses. Returns 0 when argv[*k] is
 * none, 1 when it was one, EXIT_USAGE (said) when its value is wrong. */
static int fetch_option(const struct cli *cli, struct options *o, int argc,
                        char **argv, int *k)
{
    struct fetch_options *f = &o->fetch;
    const char *a = argv[*k], *v;

    if (strcmp(a, "--probe") == 0) {
        f->probe = f->follow = 1;
    } else if (strcmp(a, "-L") == 0 || strcmp(a, "--location") == 0) {
        f->follow = 1;
    } else if (strcmp(a, "-k") == 0 || strcmp(a, "--insecure") == 0) {
        f->insecure = 1;
    } else if (strcmp(a, "--http2") == 0) {
        f->http = FETCH_HTTP2;
    } else if (strcmp(a, "--http1.1") == 0) {
        f->http = FETCH_HTTP1;
    } else if ((v = option_value(argc, argv, k, "--cacert")) != NULL) {
        if (*v == '\0')
            return fail(cli, "--cacert needs a file of PEM certificates");
        f->cacert = v;
    } else if ((v = option_value(argc, argv, k, "--pinnedpubkey")) != NULL) {
        if (*v == '\0')
            return fail(cli, "--pinnedpubkey needs a pin, such as the "
                             "sha256//BASE64 that httpstatus serve prints");
        f->pin = v;
    } else if ((v = option_value(argc, argv, k, "--timeout")) != NULL) {
        char *end;
        double t = strtod(v, &end);
        if (*v == '\0' || *end != '\0' || !(t > 0 && t <= 86400))
            return fail(cli,
                        "--timeout takes seconds, more than 0 and at most "
                        "86400, such as 10 or 2.5, not '%s'",
                        v);
        f->timeout = t;
    } else {
        return 0;
    }
    if (o->fetch_option == NULL)
        o->fetch_option = a;
    return 1;
}

/* Adds the input or inputs of one argument: a file's (a raw response, a
 * curl -v trace, or with har a HAR file), or the exchanges of a URL.
 * Returns 0, or EXIT_USAGE (said). */
static int add_input(const struct cli *cli, const struct options *o,
                     const char *path, int har, struct inputs *l, int *groups)
{
    struct fetch_result *res;
    size_t count, k;
    char *err;

    if (har || !is_url(path))
        return read_input(cli, path, har, l);
    err = fetch_url(&o->fetch, path, &res, &count);
    if (err) {
        int status = fail(cli, "%s", err);
        free(err);
        return status;
    }
    ++*groups;
    for (k = 0; k < count; k++) {
        struct input *in;
        inputs_add(l, res[k].name, res[k].method, res[k].data, res[k].len);
        in = &l->items[l->count - 1];
        in->ex = res[k].ex;
        in->group = *groups;
        in->received = (long long)time(NULL);
    }
    free(res);
    return 0;
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
    struct options o;
    const char **paths;
    unsigned char *har; /* har[k]: paths[k] came with --har */
    int npaths = 0, k, status = EXIT_FOUND, any_only = 0, rules = 0;
    unsigned char ignored[RULE_COUNT];
    struct inputs ins;
    unsigned char only[RULE_COUNT];
    const char *v;
    int groups = 0, urls = 0, got;

    memset(&o, 0, sizeof o);
    memset(only, 0, sizeof only);
    memset(ignored, 0, sizeof ignored);
    o.now = -1;
    o.fail_on = SEV_ERROR;
    o.fetch.timeout = 30;
    /* Room for every argument, or for "-" when there is none; one block
     * for both arrays, so that one free() does. */
    paths = lint_realloc(NULL, (size_t)(argc + 1) * (sizeof *paths + 1));
    har = (unsigned char *)(paths + argc + 1);
    memset(har, 0, (size_t)argc + 1);
    for (k = 0; k < argc; k++) {
        const char *a = argv[k];
        if ((v = option_value(argc, argv, &k, "--method")) != NULL) {
            if (*v == '\0') {
                free(paths);
                return fail(cli, "--method needs a value, such as HEAD");
            }
            o.method = v;
        } else if ((v = option_value(argc, argv, &k, "--now")) != NULL) {
            o.now = http_date_parse(v, strlen(v));
            if (o.now < 0) {
                free(paths);
                return fail(cli, "--now takes an HTTP date, such as \"Sun, 06 "
                                 "Nov 1994 08:49:37 GMT\"");
            }
        } else if ((v = option_value(argc, argv, &k, "--ignore")) != NULL ||
                   (v = option_value(argc, argv, &k, "--only")) != NULL) {
            int is_only = strncmp(a, "--only", 6) == 0;
            if (mark_rules(cli, v, is_only ? only : ignored) != 0) {
                free(paths);
                return EXIT_USAGE;
            }
            any_only |= is_only;
        } else if ((v = option_value(argc, argv, &k, "--fail-on")) != NULL) {
            if (strcmp(v, "error") == 0)
                o.fail_on = SEV_ERROR;
            else if (strcmp(v, "warning") == 0)
                o.fail_on = SEV_WARNING;
            else if (strcmp(v, "note") == 0)
                o.fail_on = SEV_NOTE;
            else {
                free(paths);
                return fail(cli,
                            "--fail-on takes error, warning or note, "
                            "not '%s'",
                            v);
            }
        } else if ((v = option_value(argc, argv, &k, "--har")) != NULL) {
            if (*v == '\0') {
                free(paths);
                return fail(cli, "--har needs a file, such as --har "
                                 "session.har");
            }
            har[npaths] = 1;
            paths[npaths++] = v;
        } else if ((got = fetch_option(cli, &o, argc, argv, &k)) != 0) {
            if (got != 1) {
                free(paths);
                return got;
            }
        } else if (strcmp(a, "--rules") == 0) {
            rules = 1;
        } else if (strcmp(a, "--") == 0) {
            while (++k < argc)
                paths[npaths++] = argv[k];
        } else if (a[0] == '-' && a[1] != '\0') {
            free(paths);
            return fail(cli,
                        "unknown option '%s': try httpstatus check --help", a);
        } else {
            paths[npaths++] = a;
        }
    }
    if (rules) {
        free(paths);
        return print_rules(cli);
    }
    /* --only's rules, or all, less those --ignore names, in any order. */
    for (k = 0; k < RULE_COUNT; k++)
        o.enabled[k] = (unsigned char)((!any_only || only[k]) && !ignored[k]);
    if (o.method && !is_token(o.method)) {
        free(paths);
        return fail(cli, "'%s' is not a method name", o.method);
    }
    if (o.method) {
        /* Methods are case-sensitive (RFC 9110, Section 9.1): "head" is
         * not HEAD, and is almost always a typo for it. */
        static const char *const known[] = {"GET",     "HEAD",   "POST",
                                            "PUT",     "DELETE", "CONNECT",
                                            "OPTIONS", "TRACE",  "PATCH"};
        size_t m;
        for (m = 0; m < sizeof known / sizeof known[0]; m++)
            if (strcmp(o.method, known[m]) != 0 &&
                eq_nocase(o.method, strlen(o.method), known[m])) {
                free(paths);
                return fail(cli,
                            "methods are case-sensitive: '%s' is not %s; "
                            "use --method %s",
                            o.method, known[m], known[m]);
            }
    }
    for (k = 0; k < npaths; k++)
        urls += !har[k] && is_url(paths[k]);
    if (o.fetch_option && urls == 0) {
        free(paths);
        return fail(cli,
                    "%s is for fetching: give a URL, such as "
                    "http://localhost:8080/",
                    o.fetch_option);
    }
    if (urls && o.method &&
        (strcmp(o.method, "CONNECT") == 0 ||
         (o.fetch.probe && strcmp(o.method, "GET") != 0))) {
        free(paths);
        return fail(cli, "%s",
                    strcmp(o.method, "CONNECT") == 0
                        ? "check does not send CONNECT to a URL"
                        : "--probe sends GET and HEAD requests: "
                          "leave --method out, or make it GET");
    }
    o.fetch.method = o.method;
    if (npaths == 0)
        paths[npaths++] = "-";
    memset(&ins, 0, sizeof ins);
    for (k = 0; k < npaths && status == EXIT_FOUND; k++)
        status = add_input(cli, &o, paths[k], har[k], &ins, &groups);
    if (status == EXIT_FOUND) {
        size_t i;
        for (i = 0; i < ins.nnotes; i++)
            error("check: %s", ins.notes[i]);
        status = check_inputs(cli, &o, ins.items, ins.count);
    }
    for (k = 0; (size_t)k < ins.count; k++)
        fetch_exchange_free(ins.items[k].ex);
    inputs_free(&ins);
    free(paths);
    return status;
}

int check_response(const struct cli *cli, const char *method, const char *buf,
                   size_t len, const char *name)
{
    struct options o;
    struct input in;

    memset(&o, 0, sizeof o);
    memset(o.enabled, 1, sizeof o.enabled);
    o.method = method;
    o.now = -1;
    o.fail_on = SEV_ERROR;
    memset(&in, 0, sizeof in);
    in.name = (char *)name;
    in.method = NULL;
    in.received = -1;
    in.data = (char *)buf;
    in.len = len;
    return check_inputs(cli, &o, &in, 1);
}
