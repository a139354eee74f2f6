/* cli.h: what the httpstatus command's files share. The command uses
 * the library's public API only. */
#ifndef HTTPSTATUS_CLI_H
#define HTTPSTATUS_CLI_H

#include <stdio.h>

#include "httpstatus.h"
#include "json.h"

/* Exit statuses, as httpstatus(1) documents them. */
enum {
    EXIT_FOUND = 0, /* found, or a clean response */
    EXIT_NONE = 1,  /* not found, or findings at error level */
    EXIT_USAGE = 2  /* a usage error, or unreadable input */
};

/* The options every subcommand shares, and where output goes. */
struct cli {
    int json;  /* --json */
    int color; /* colour on: stdout is a terminal, no --no-color/NO_COLOR */
    int width; /* columns to wrap prose to */
    FILE *out;
};

/* ---------------------------------------------------------- subcommands */

/* Each takes the arguments after its name (options already removed from
 * argv by the caller are not there) and returns the exit status. */
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_list(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);

/* check's analysis without its options and input reading: lints the
 * responses in buf[0..len) and prints the report to cli->out, as text or
 * JSON. method is the request's method, or NULL when unknown; name says
 * where buf came from, for the error message. Returns EXIT_FOUND (no
 * error-level findings), EXIT_NONE (some) or EXIT_USAGE (buf does not
 * start with a status line; said on stderr, nothing printed). */
int check_response(const struct cli *cli, const char *method, const char *buf,
                   size_t len, const char *name);

/* Prints the command's or a subcommand's --help text ("" for the
 * command). Returns nonzero when there is no such subcommand. */
int print_help(FILE *f, const char *subcommand);

/* "httpstatus: " and the message, on stderr. */
void error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* ------------------------------------------------------------- output */

/* Starts and ends a coloured span (an SGR sequence such as "1;31") when
 * colour is on; does nothing otherwise. */
void color_on(const struct cli *cli, const char *sgr);
void color_off(const struct cli *cli);

/* The SGR colour of a class, the same everywhere. */
const char *class_color(enum httpstatus_class cls);

/* Writes text wrapped at word boundaries to the terminal width, each
 * line after the first indented by indent columns; the first line starts
 * at column first (text already written on it). Ends with a newline. */
void wrap(const struct cli *cli, const char *text, int first, int indent);

/* One entry as a card (code, reason, class, kind, reference, prose,
 * header rules, semantics, aliases) or as a line of a list. */
void print_card(const struct cli *cli, const struct httpstatus_info *e);
void print_row(const struct cli *cli, const struct httpstatus_info *e);

#endif
