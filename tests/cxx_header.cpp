// cxx_header.cpp: the public header compiles as C++98 with -Wpedantic, and
// its functions link from C++.
#include <cstring>

#include "httpstatus.h"

int main()
{
    const httpstatus_info *info = httpstatus_get(HTTPSTATUS_NOT_FOUND);
    httpstatus_line line;
    char buf[HTTPSTATUS_LINE_MAX];
    int n = httpstatus_format_line(buf, sizeof buf, 1, HTTPSTATUS_TOO_EARLY);

    if (!info || std::strcmp(info->reason, "Not Found") != 0)
        return 1;
    if (httpstatus_lookup("teapot", 6) != 0)
        return 1;
    if (httpstatus_parse_line(buf, static_cast<size_t>(n), &line) != n ||
        line.code != 425)
        return 1;
    if (httpstatus_class(HTTPSTATUS_PAYLOAD_TOO_LARGE) !=
        HTTPSTATUS_CLASS_CLIENT_ERROR)
        return 1;
    return 0;
}
