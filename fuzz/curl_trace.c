/*
 * curl_trace.c: libFuzzer target for check's reader of curl -v traces
 * (check/curl_trace.c).
 *
 * Input: any bytes, as the contents of a file given to check.
 *
 * What is checked, every check a CHECK:
 *  - bytes that lint_run() reads as responses are never taken for a
 *    trace by curl_trace_detect();
 *  - curl_trace_read() either gives at least one input, or fails with an
 *    error; the error and every input's name are printable ASCII; a
 *    method is a token; the inputs' data together is at most twice the
 *    trace's size (a line gives at most its own bytes, with a CR put
 *    before its LF, and an interim head two more), and lint_run() reads
 *    each as responses;
 *  - reading the same bytes again gives the same inputs or error.
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

static int lints(const char *p, size_t n, const char *method)
{
    struct lint_options opt;
    struct lint_report rep;
    int rc;

    memset(&opt, 0, sizeof opt);
    opt.now = -1;
    opt.method = method;
    rc = lint_run(&opt, p, n, &rep);
    lint_report_free(&rep);
    return rc == 0;
}

static int read_trace(const char *buf, size_t len, struct inputs *l,
                      char **err)
{
    memset(l, 0, sizeof *l);
    *err = NULL;
    return curl_trace_read("fuzz", buf, len, l, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = copy_of(data, size), *err, *err2;
    struct inputs l, again;
    int rc, rc2;
    size_t i, total = 0;

    if (size > 0 && lints(buf, size, NULL))
        CHECK(!curl_trace_detect(buf, size));

    rc = read_trace(buf, size, &l, &err);
    rc2 = read_trace(buf, size, &again, &err2);
    CHECK(rc == 0 || rc == -1);
    CHECK(rc2 == rc && again.count == l.count && again.nnotes == l.nnotes);
    if (rc == 0) {
        CHECK(err == NULL && l.count > 0);
    } else {
        CHECK(err != NULL && printable(err) && strncmp(err, "fuzz", 4) == 0);
        CHECK(err2 != NULL && strcmp(err, err2) == 0);
    }
    for (i = 0; i < l.count; i++) {
        const struct input *in = &l.items[i];
        CHECK(printable(in->name) && strncmp(in->name, "fuzz, ", 6) == 0);
        if (in->method) {
            const char *m;
            CHECK(in->method[0] != '\0');
            for (m = in->method; *m; m++)
                CHECK(is_tchar((unsigned char)*m));
        }
        CHECK(in->len > 0);
        total += in->len;
        CHECK(lints(in->data, in->len, in->method));
        CHECK(strcmp(in->name, again.items[i].name) == 0);
        CHECK(in->len == again.items[i].len &&
              memcmp(in->data, again.items[i].data, in->len) == 0);
    }
    CHECK(total <= 2 * size);
    free(err);
    free(err2);
    inputs_free(&l);
    inputs_free(&again);
    free(buf);
    return 0;
}
