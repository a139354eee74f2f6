/*
 * chunked_body.c: libFuzzer target for chunked_read(), the chunked-body
 * reader of `httpstatus serve` (server/request.c).
 *
 * Input: the body bytes as they arrive after a head with
 * "Transfer-Encoding: chunked". A split point is derived from them
 * (hash_bytes()).
 *
 * What is checked, every check a CHECK:
 *  - one shot, on a copy of exactly the input's size: the result is -400
 *    or 0 <= result <= len; without done it is len (all of it), and
 *    done is 0 or 1; the same call twice gives the same answer;
 *  - when done, the result is where the body ended: it ends with CRLF
 *    and is at least "0\r\n\r\n" long, and the bytes before it, read
 *    alone, are all consumed without done or an error;
 *  - the same bytes split in two at the derived point, each part in a
 *    buffer of exactly its size, and, for inputs up to BYTEWISE_MAX
 *    bytes, one byte at a time, with the same struct chunked: the same
 *    outcome (the error, or done and the total consumed);
 *  - a sentinel tail appended after the input: when the input alone
 *    holds the whole body, the reader stops at the same place and the
 *    tail is never consumed (nor written); when it errs, so it does with
 *    the tail; otherwise it consumes at least the whole input.
 */
#include <string.h>

#include "fuzz.h"
#include "server.h"

#define BYTEWISE_MAX 2048

/* What a sloppy reader would happily take as more body. */
static const char sentinel[] = "0\r\n\r\n1\r\nX\r\n";
#define SENTINEL_LEN (sizeof sentinel - 1)

struct outcome {
    long consumed; /* the total, or -400 */
    int done;
};

/* One call, with the invariants of a single result. */
static long read_checked(struct chunked *c, const char *buf, size_t len,
                         int *done)
{
    struct buffer data = {NULL, 0, 0};
    long r;

    *done = -1;
    r = chunked_read(c, buf, len, done, &data);
    CHECK(r == -400 || (r >= 0 && (size_t)r <= len));
    /* The data collected is part of what was consumed. */
    CHECK(r < 0 || data.len <= (size_t)r);
    buffer_free(&data);
    CHECK(*done == 0 || *done == 1);
    if (r >= 0 && !*done)
        CHECK((size_t)r == len);
    return r;
}

static struct outcome one_shot(const uint8_t *data, size_t len)
{
    struct chunked c;
    struct outcome o;
    char *buf = copy_of(data, len);

    memset(&c, 0, sizeof c);
    o.consumed = read_checked(&c, buf, len, &o.done);
    if (o.consumed < 0)
        o.done = 0;
    free(buf);
    return o;
}

static void check_same(struct outcome got, struct outcome want)
{
    CHECK(got.consumed == want.consumed);
    CHECK(got.done == want.done);
}

/* Feeds one piece to an ongoing read, adding to *o. Returns 1 when the
 * read is over (done or an error). */
static int feed(struct chunked *c, const uint8_t *data, size_t n,
                struct outcome *o)
{
    char *buf = copy_of(data, n);
    int done;
    long r = read_checked(c, buf, n, &done);

    free(buf);
    if (r < 0) {
        o->consumed = r;
        o->done = 0;
        return 1;
    }
    o->consumed += r;
    o->done = done;
    return done;
}

static void check_split(const uint8_t *data, size_t len, size_t k,
                        struct outcome want)
{
    struct chunked c;
    struct outcome o = {0, 0};

    memset(&c, 0, sizeof c);
    if (!feed(&c, data, k, &o) && k < len)
        feed(&c, data + k, len - k, &o);
    check_same(o, want);
}

static void check_bytewise(const uint8_t *data, size_t len,
                           struct outcome want)
{
    struct chunked c;
    struct outcome o = {0, 0};
    size_t k;

    memset(&c, 0, sizeof c);
    for (k = 0; k < len; k++)
        if (feed(&c, data + k, 1, &o))
            break;
    check_same(o, want);
}

/* The body ends at want.consumed: what comes before it reads as an
 * unfinished body, and it ends in CRLF. */
static void check_end(const uint8_t *data, struct outcome want)
{
    size_t end = (size_t)want.consumed;
    struct outcome before;

    CHECK(end >= 5);
    CHECK(data[end - 2] == '\r' && data[end - 1] == '\n');
    before = one_shot(data, end - 1);
    CHECK(before.consumed == (long)(end - 1) && !before.done);
    check_same(one_shot(data, end), want);
}

static void check_tail(const uint8_t *data, size_t len, struct outcome want)
{
    struct chunked c;
    char *buf = malloc(len + SENTINEL_LEN);
    int done;
    long r;

    CHECK(buf != NULL);
    if (len > 0)
        memcpy(buf, data, len);
    memcpy(buf + len, sentinel, SENTINEL_LEN);
    memset(&c, 0, sizeof c);
    r = read_checked(&c, buf, len + SENTINEL_LEN, &done);
    CHECK(memcmp(buf + len, sentinel, SENTINEL_LEN) == 0);
    if (len > 0)
        CHECK(memcmp(buf, data, len) == 0);
    if (want.consumed < 0)
        CHECK(r == -400);
    else if (want.done)
        CHECK(done && r == want.consumed);
    else
        CHECK(r == -400 || (size_t)r >= len);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct outcome want = one_shot(data, size);
    uint32_t h = hash_bytes(data, size);

    check_same(one_shot(data, size), want);
    if (want.done)
        check_end(data, want);
    check_split(data, size, size > 0 ? h % (size + 1) : 0, want);
    if (size <= BYTEWISE_MAX)
        check_bytewise(data, size, want);
    check_tail(data, size, want);
    return 0;
}
