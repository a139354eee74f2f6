/* test_buffer.c: the growable byte buffer (common/buffer.c). */
#include <string.h>

#include "buffer.h"
#include "harness.h"

static void buffer_appends_and_formats(void)
{
    struct buffer b = {NULL, 0, 0};
    char big[5000];
    size_t i;

    CHECK(buffer_append(&b, "", 0) == 0 && b.len == 0);
    CHECK(buffer_append(&b, NULL, 0) == 0);
    CHECK(buffer_append(&b, NULL, 1) == -1 && b.len == 0);
    CHECK(buffer_puts(&b, "abc") == 0 && b.len == 3);
    CHECK(buffer_append(&b, "d\0e", 3) == 0 && b.len == 6);
    CHECK(memcmp(b.data, "abcd\0e", 6) == 0);
    CHECK(buffer_printf(&b, "%d-%s", 42, "x") == 0 && b.len == 10);
    CHECK(memcmp(b.data + 6, "42-x", 4) == 0);
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(buffer_printf(&b, "[%s]", big) == 0);
    CHECK(b.len == 10 + sizeof big + 1);
    CHECK(b.cap > b.len);
    for (i = 0; i < 1000; i++)
        CHECK(buffer_puts(&b, "0123456789") == 0);
    CHECK(b.len == 10 + sizeof big + 1 + 10000);
    CHECK(memcmp(b.data + b.len - 10, "0123456789", 10) == 0);
    buffer_free(&b);
    CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
    buffer_free(&b);
    CHECK(buffer_printf(&b, "%s", "") == 0 && b.len == 0);
    CHECK(buffer_puts(&b, "again") == 0 && b.len == 5);
    buffer_free(&b);
}

void test_buffer(void)
{
    run("buffers append, format and free", buffer_appends_and_formats);
}
