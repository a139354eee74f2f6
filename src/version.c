/* version.c: the library's own version. */
#include "httpstatus.h"

const char *httpstatus_version(void)
{
    return HTTPSTATUS_VERSION_STRING;
}
