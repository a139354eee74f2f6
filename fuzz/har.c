/*
 * har.c: libFuzzer target for check's reader of HAR files (check/har.c,
 * through Jansson).
 *
 * Input: any bytes, as the contents of a file given to check --har.
 *
 * What is checked, every check a CHECK:
 *  - har_read() either gives at least one input, or fails with an error;
 *    without Jansson it always fails;
 *  - the error, every input's name and every note are printable ASCII;
 *    a method is a token;
 *  - each input is one rebuilt head: it starts with "HTTP/1.0 ",
 *    "HTTP/1.1 ", "HTTP/2 " or "HTTP/3 " and a three-digit code, ends
 *    with the empty line, holds no other empty line and no content, and
 *    lint_run() reads it as one response.
 */
#include <stdint.h>
#include <string.h>

#include "ascii.h"
#include "fuzz.h"
#include "inputs.h"
#include "lint.h"

static int printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return 0;
    return 1;
}

static int starts(const char *p, size_t n, const char *s)
{
    return n >= strlen(s) && memcmp(p, s, strlen(s)) == 0;
}

static void check_head(const struct input *in)
{
    struct lint_options opt;
    struct lint_report rep;
    const char *p = in->data;
    size_t n = in->len, v, i;

    CHECK(n > 4);
    if (starts(p, n, "HTTP/1.0 ") || starts(p, n, "HTTP/1.1 "))
        v = 9;
    else if (starts(p, n, "HTTP/2 ") || starts(p, n, "HTTP/3 "))
        v = 7;
    else
        v = 0;
    CHECK(v > 0);
    CHECK(n >= v + 3 && p[v] >= '1' && p[v] <= '9' &&
          is_digit((unsigned char)p[v + 1]) &&
          is_digit((unsigned char)p[v + 2]));
    /* The empty line ends it, and nothing before. */
    CHECK(memcmp(p + n - 4, "\r\n\r\n", 4) == 0);
    for (i = 0; i + 4 < n; i++)
        CHECK(memcmp(p + i, "\r\n\r\n", 4) != 0);
    memset(&opt, 0, sizeof opt);
    opt.now = -1;
    opt.method = in->method;
    CHECK(lint_run(&opt, p, n, &rep) == 0);
    CHECK(rep.nresponses == 1);
    lint_report_free(&rep);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = copy_of(data, size), *err = NULL;
    struct inputs l;
    size_t i;
    int rc;

    memset(&l, 0, sizeof l);
    rc = har_read("fuzz", buf, size, &l, &err);
    CHECK(rc == 0 || rc == -1);
    if (rc == 0)
        CHECK(err == NULL && l.count > 0 && har_supported());
    else
        CHECK(err != NULL && printable(err) && strncmp(err, "fuzz", 4) == 0);
    for (i = 0; i < l.count; i++) {
        const struct input *in = &l.items[i];
        CHECK(printable(in->name) &&
              strncmp(in->name, "fuzz, entry ", 12) == 0);
        if (in->method) {
            const char *m;
            CHECK(in->method[0] != '\0');
            for (m = in->method; *m; m++)
                CHECK(is_tchar((unsigned char)*m));
        }
        check_head(in);
    }
    for (i = 0; i < l.nnotes; i++)
        CHECK(printable(l.notes[i]) &&
              strncmp(l.notes[i], "fuzz, entry ", 12) == 0);
    free(err);
    inputs_free(&l);
    free(buf);
    return 0;
}
