/* main.c: a consumer of libhttpstatus. Exits 0 only when the library it
 * was built against answers correctly. */
#include <stdio.h>
#include <string.h>

#include <httpstatus.h>

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "consumer: %s\n", what);
        failures++;
    }
}

int main(void)
{
    const struct httpstatus_info *info = httpstatus_get(404);
    const struct httpstatus_info *found;

    check(info != NULL, "httpstatus_get(404) is NULL");
    if (info == NULL)
        return 1;
    check(info->code == 404, "httpstatus_get(404)->code is not 404");
    check(info->status_class == HTTPSTATUS_CLASS_CLIENT_ERROR,
          "404 is not a client error");
    check(strcmp(info->name, "NOT_FOUND") == 0, "404's name is wrong");
    check(strcmp(info->reason, "Not Found") == 0, "404's reason is wrong");
#ifdef EXPECT_NO_PROSE
    check(info->summary[0] == '\0', "404 has a summary in a no-prose build");
#else
    check(info->summary[0] != '\0', "404 has no summary");
#endif

    found = httpstatus_lookup("not-found", 9);
    check(found == info, "httpstatus_lookup(\"not-found\") is not 404");
    found = httpstatus_lookup("404", 3);
    check(found == info, "httpstatus_lookup(\"404\") is not 404");
    check(httpstatus_lookup("Not Foun", 8) == NULL,
          "httpstatus_lookup(\"Not Foun\") matched");
    check(httpstatus_get(299) == NULL, "httpstatus_get(299) is not NULL");

    check(strcmp(httpstatus_version(), HTTPSTATUS_VERSION_STRING) == 0,
          "the library's version is not the header's");

    if (failures != 0)
        return 1;
    printf("%d %s\n", info->code, info->reason);
    return 0;
}
