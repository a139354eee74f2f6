/* list.c: httpstatus list [--unofficial | --all]. */
#include <string.h>

#include "cli.h"

int cmd_list(struct cli *cli, int argc, char **argv)
{
    const struct httpstatus_info *entries[256];
    const struct httpstatus_info *reg, *unoff;
    size_t nreg, nunoff, n = 0, i = 0, j = 0;
    int registered = 1, unofficial = 0, a;

    for (a = 0; a < argc; a++) {
        if (strcmp(argv[a], "--unofficial") == 0) {
            registered = 0;
            unofficial = 1;
        } else if (strcmp(argv[a], "--all") == 0) {
            registered = unofficial = 1;
        } else {
            error("list: unexpected '%s': see httpstatus list --help",
                  argv[a]);
            return EXIT_USAGE;
        }
    }
    reg = httpstatus_list(&nreg);
    unoff = httpstatus_unofficial(&nunoff);
    if (!registered)
        nreg = 0;
    if (!unofficial)
        nunoff = 0;
    /* Both tables are sorted by code: merge them, registered first on a
     * tie. */
    while ((i < nreg || j < nunoff) &&
           n < sizeof entries / sizeof entries[0]) {
        if (j >= nunoff || (i < nreg && reg[i].code <= unoff[j].code))
            entries[n++] = &reg[i++];
        else
            entries[n++] = &unoff[j++];
    }
    if (cli->json) {
        json_write_entries(cli->out, entries, n);
        return EXIT_FOUND;
    }
    for (i = 0; i < n; i++)
        print_row(cli, entries[i]);
    return EXIT_FOUND;
}
