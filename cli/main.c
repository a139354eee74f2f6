/* main.c: the httpstatus command: options, subcommands, help. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "server.h"

/* The help texts are the one source of the options; tests/cli checks that
 * httpstatus(1) mentions every option they name. */
static const char help_main[] =
    "usage: httpstatus [OPTIONS] CODE|NAME|CLASS...\n"
    "       httpstatus list [--unofficial | --all] [OPTIONS]\n"
    "       httpstatus search [OPTIONS] WORDS...\n"
    "       httpstatus check [OPTIONS] [FILE|URL...]\n"
    "       httpstatus serve [--listen HOST:PORT] [OPTIONS]\n"
    "\n"
    "The HTTP status code reference in the terminal, and a test server.\n"
    "\n"
    "  httpstatus 404             the card for a code: meaning, headers, "
    "caching\n"
    "  httpstatus not-found       the same, by name, phrase or former name\n"
    "  httpstatus 4xx             every code of a class (also: 4)\n"
    "  httpstatus list            every registered code\n"
    "  httpstatus search WORDS    codes whose text has every word\n"
    "  httpstatus check [FILE]    lint a response (curl -si), a curl -v "
    "trace\n"
    "                             or, with --har, a HAR file\n"
    "  httpstatus check URL       fetch a URL and lint its response\n"
    "  httpstatus serve           a test server: GET /503 answers a 503\n"
    "\n"
    "Options:\n"
    "  --json        print JSON instead of text (every command but help)\n"
    "  --no-color    no colour, as when NO_COLOR is set or output is not a "
    "terminal\n"
    "  -h, --help    this help; httpstatus COMMAND --help for a command's\n"
    "  -V, --version the version of httpstatus and of libhttpstatus\n"
    "\n"
    "Exit status: 0 found or clean, 1 not found or errors found, 2 usage "
    "error\nor unreadable input.\n";

static const char help_list[] =
    "usage: httpstatus list [--unofficial | --all] [OPTIONS]\n"
    "\n"
    "Lists status codes, one line each: the registered codes by default.\n"
    "\n"
    "  --unofficial  the unofficial vendor codes instead (nginx, Cloudflare,\n"
    "                AWS, IIS, ...), each with its vendor\n"
    "  --all         registered and unofficial codes together, by code\n"
    "  --json        a JSON array of code objects\n"
    "  --no-color    no colour\n";

static const char help_search[] =
    "usage: httpstatus search [OPTIONS] WORDS...\n"
    "\n"
    "Finds the codes whose code, name, phrase, aliases, summary, description\n"
    "or use cases contain every word (as the start of a word, in any case).\n"
    "Codes whose name or phrase matches come first.\n"
    "\n"
    "  --json        a JSON array of code objects, best match first\n"
    "  --no-color    no colour\n"
    "\n"
    "Exit status: 0 when something matched, 1 when nothing did.\n";

static const char help_check[] =
    "usage: httpstatus check [OPTIONS] [FILE|URL...]\n"
    "       httpstatus check --har FILE [OPTIONS]\n"
    "       httpstatus check --rules\n"
    "\n"
    "Reads HTTP responses and checks them against every rule of RFC 9110,\n"
    "9111 and 9112 a response alone can show, and those of cookies, CORS\n"
    "and Structured Fields: each finding names its rule, its section and a\n"
    "fix.\n"
    "\n"
    "Each FILE (standard input without one) is either a raw response,\n"
    "as curl -si, curl -sI or nc print it (interim 1xx responses first,\n"
    "curl's \"HTTP/2 200\" form too), or what curl -v writes on standard\n"
    "error (curl -sv URL 2>FILE; content mixed in by 2>&1 is passed over).\n"
    "A trace is told apart by itself: each of its requests is checked on\n"
    "its own, with its method and the heads that answered it.\n"
    "\n"
    "An argument that starts with http:// or https:// is fetched instead\n"
    "(GET, or --method), and the response is checked as received: its head\n"
    "as sent, then at most 1 MiB of content, neither decoded. Redirects are\n"
    "not followed but with -L or --probe; each hop is then an input.\n"
    "\n"
    "  --har FILE       a HAR file, as browsers save one: every entry's\n"
    "                   response head, with its request's method\n"
    "  --method METHOD  the request's method, over what a trace or HAR\n"
    "                   says; HEAD means no content may follow\n"
    "  --now DATE       judge ages and Date against this HTTP date\n"
    "  --ignore ID,...  do not run these rules\n"
    "  --only ID,...    run only these rules\n"
    "  --fail-on LEVEL  error (the default), warning or note: the least\n"
    "                   severity that makes the exit status 1\n"
    "  --rules          list every rule: id, severity, section\n"
    "  --json           the findings as a JSON object\n"
    "  --no-color       no colour\n"
    "\n"
    "Fetching a URL:\n"
    "  --probe          also ask as a cache and a client would, each an "
    "input:\n"
    "                   If-None-Match and If-Modified-Since with the\n"
    "                   validators sent, Range: bytes=0-9, HEAD, and\n"
    "                   Accept-Encoding: gzip; then compare the answers\n"
    "                   (implies -L)\n"
    "  -L, --location   follow redirects, 10 at most\n"
    "  --http1.1        HTTP/1.1 only\n"
    "  --http2          HTTP/2 only: by ALPN over TLS, with prior knowledge\n"
    "                   over http:// (default: HTTP/2 when ALPN picks it)\n"
    "  -k, --insecure   do not verify the server's certificate\n"
    "  --cacert FILE    trust the CA certificates in FILE (PEM)\n"
    "  --pinnedpubkey sha256//PIN\n"
    "                   trust a server whose public key has this pin, as\n"
    "                   httpstatus serve --tls-listen prints it, whoever\n"
    "                   signed its certificate\n"
    "  --timeout SECONDS  each request's time, connecting included (default\n"
    "                   30; connecting takes 10 at most)\n"
    "\n"
    "Exit status: 0 when no finding reaches --fail-on's level, 1 when one\n"
    "does, 2 when an input cannot be read as HTTP responses (a trace with\n"
    "a request left unanswered, a HAR file that is not JSON or not HAR) or\n"
    "a URL cannot be fetched.\n";

int print_help(FILE *f, const char *subcommand)
{
    if (strcmp(subcommand, "") == 0)
        fputs(help_main, f);
    else if (strcmp(subcommand, "list") == 0)
        fputs(help_list, f);
    else if (strcmp(subcommand, "search") == 0)
        fputs(help_search, f);
    else if (strcmp(subcommand, "check") == 0)
        fputs(help_check, f);
    else
        return 1;
    return 0;
}

static int terminal_width(int tty)
{
    const char *columns = getenv("COLUMNS");
    int width = 80;

#ifdef TIOCGWINSZ
    struct winsize ws;
    if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        width = ws.ws_col;
    else
#endif
        if (columns && atoi(columns) > 0)
        width = atoi(columns);
    /* Narrow terminals still get readable lines; wide ones get lines short
     * enough to read. */
    if (width < 40)
        width = 40;
    if (width > 100)
        width = 100;
    return width;
}

int main(int argc, char **argv)
{
    struct cli cli;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    int nargs = 0, i, help = 0, version = 0, no_color = 0, tty;
    const char *command = NULL;
    const char *no_color_env = getenv("NO_COLOR");

    if (!args) {
        error("out of memory");
        return EXIT_USAGE;
    }
    /* serve reads its own options, --help included. */
    if (argc > 1 && strcmp(argv[1], "serve") == 0) {
        free(args);
        return serve_main(argc - 2, argv + 2);
    }
    cli.json = 0;
    cli.out = stdout;

    /* Shared options may stand anywhere before "--"; the rest is the
     * subcommand's to read. */
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (++i < argc)
                args[nargs++] = argv[i];
            break;
        }
        if (strcmp(a, "--json") == 0)
            cli.json = 1;
        else if (strcmp(a, "--no-color") == 0 || strcmp(a, "--no-colour") == 0)
            no_color = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            help = 1;
        else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0)
            version = 1;
        else
            args[nargs++] = argv[i];
    }

    tty = isatty(STDOUT_FILENO);
    cli.color = tty && !no_color && !(no_color_env && *no_color_env);
    cli.width = terminal_width(tty);

    if (nargs > 0 &&
        (strcmp(args[0], "list") == 0 || strcmp(args[0], "search") == 0 ||
         strcmp(args[0], "check") == 0))
        command = args[0];

    if (version) {
        printf("httpstatus %s (libhttpstatus %s)\n", HTTPSTATUS_VERSION_STRING,
               httpstatus_version());
        free(args);
        return EXIT_FOUND;
    }
    if (help || (nargs > 0 && strcmp(args[0], "help") == 0)) {
        const char *topic = command ? command : "";
        int status = EXIT_FOUND;
        if (!command && nargs > 1 && strcmp(args[0], "help") == 0)
            topic = args[1];
        if (print_help(stdout, topic) != 0) {
            error("no help for '%s': try httpstatus --help", topic);
            status = EXIT_USAGE;
        }
        free(args);
        return status;
    }
    if (nargs == 0) {
        fputs(help_main, stderr);
        free(args);
        return EXIT_USAGE;
    }

    {
        int status;
        if (command == NULL)
            status = cmd_show(&cli, nargs, args);
        else if (strcmp(command, "list") == 0)
            status = cmd_list(&cli, nargs - 1, args + 1);
        else if (strcmp(command, "search") == 0)
            status = cmd_search(&cli, nargs - 1, args + 1);
        else
            status = cmd_check(&cli, nargs - 1, args + 1);
        free(args);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            error("cannot write the output");
            return EXIT_USAGE;
        }
        return status;
    }
}
