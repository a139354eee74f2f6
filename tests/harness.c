/* harness.c: counts tests and prints failures as they happen. */
#include <stdio.h>

#include "harness.h"

const char *data_dir = "tests/data";

static int passed, failed, current_failures;
static const char *current;

void run(const char *description, void (*test)(void))
{
    current = description;
    current_failures = 0;
    test();
    if (current_failures == 0) {
        passed++;
        printf("ok - %s\n", description);
    } else {
        failed++;
        printf("not ok - %s\n", description);
    }
}

void check_failed(const char *file, int line, const char *what)
{
    /* Print the first few failures of a test; a broken loop would print
     * thousands. */
    if (current_failures++ < 5)
        printf("# %s:%d: %s: CHECK(%s) failed\n", file, line,
               current ? current : "", what);
}

int harness_summary(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
