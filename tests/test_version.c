/* test_version.c: the version macros and httpstatus_version() agree. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "httpstatus.h"

static void version_string_matches_the_macros(void)
{
    char expected[32];

    snprintf(expected, sizeof expected, "%d.%d.%d", HTTPSTATUS_VERSION_MAJOR,
             HTTPSTATUS_VERSION_MINOR, HTTPSTATUS_VERSION_PATCH);
    CHECK(strcmp(HTTPSTATUS_VERSION_STRING, expected) == 0);
    CHECK(strcmp(httpstatus_version(), HTTPSTATUS_VERSION_STRING) == 0);
    CHECK(httpstatus_version() == httpstatus_version());
}

void test_version(void)
{
    run("the version string matches the version macros",
        version_string_matches_the_macros);
}
