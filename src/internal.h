/* internal.h: what the library's source files share and nobody else
 * sees. Internal names carry the httpstatus__ prefix. */
#ifndef HTTPSTATUS_INTERNAL_H
#define HTTPSTATUS_INTERNAL_H

#include "httpstatus.h"

/* The position of each registered code in the registry table, which is in
 * HTTPSTATUS_MAP order (ascending code). */
enum {
#define XX(num, id, text) HTTPSTATUS__INDEX_##id,
    HTTPSTATUS_MAP(XX)
#undef XX
        HTTPSTATUS__REGISTERED_COUNT
};

/* The two tables of registry.c: the registered codes in HTTPSTATUS_MAP
 * order, and the unofficial codes by code. */
extern const struct httpstatus_info
    httpstatus__registered[HTTPSTATUS__REGISTERED_COUNT];
extern const struct httpstatus_info httpstatus__unofficial[];
extern const size_t httpstatus__unofficial_count;

#endif
