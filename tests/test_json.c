/* test_json.c: the JSON string writer (common/json.c); the entries are
 * tested through the command's and the server's output. */
#include <string.h>

#include "harness.h"
#include "json.h"

static int escapes_to(const char *p, size_t n, const char *want)
{
    struct buffer b = {NULL, 0, 0};
    int ok = json_escape(&b, p, n) == 0 && b.len == strlen(want) &&
             memcmp(b.data, want, b.len) == 0;

    buffer_free(&b);
    return ok;
}

static void strings_are_always_valid_json(void)
{
    CHECK(escapes_to(NULL, 0, "null"));
    CHECK(escapes_to("", 0, "\"\""));
    CHECK(escapes_to("plain", 5, "\"plain\""));
    CHECK(escapes_to("a\"b\\c", 5, "\"a\\\"b\\\\c\""));
    CHECK(escapes_to("\n\r\t", 3, "\"\\n\\r\\t\""));
    CHECK(escapes_to("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\""));
    CHECK(escapes_to("a\0b", 3, "\"a\\u0000b\""));
    /* Valid UTF-8 passes as it is. */
    CHECK(escapes_to("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9,
                     "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""));
    /* Each byte of a malformed sequence becomes U+FFFD. */
    CHECK(escapes_to("\xff", 1, "\"\\ufffd\""));
    CHECK(escapes_to("\xc3", 1, "\"\\ufffd\""));            /* cut short */
    CHECK(escapes_to("\xc0\xaf", 2, "\"\\ufffd\\ufffd\"")); /* overlong */
    CHECK(escapes_to("\xed\xa0\x80", 3,
                     "\"\\ufffd\\ufffd\\ufffd\"")); /* a surrogate */
    CHECK(escapes_to("\xf4\x90\x80\x80", 4,
                     "\"\\ufffd\\ufffd\\ufffd\\ufffd\"")); /* > U+10FFFF */
    CHECK(escapes_to("a\xe2\x82z", 4, "\"a\\ufffd\\ufffdz\""));
}

void test_json(void)
{
    run("JSON strings are valid JSON whatever the bytes",
        strings_are_always_valid_json);
}
