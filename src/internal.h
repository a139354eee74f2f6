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

/* Internal symbols are hidden from the shared library's users, and
 * declared so, which lets the compiler reach them without the GOT. */
#if defined(__GNUC__) && __GNUC__ >= 4 && !defined(_WIN32)
#define HTTPSTATUS__HIDDEN __attribute__((visibility("hidden")))
#else
#define HTTPSTATUS__HIDDEN
#endif

/* The tables of registry.c: the registered codes in HTTPSTATUS_MAP order,
 * and the unofficial codes by code. */
HTTPSTATUS__HIDDEN extern const struct httpstatus_info
    httpstatus__registered[HTTPSTATUS__REGISTERED_COUNT];
HTTPSTATUS__HIDDEN extern const struct httpstatus_info
    httpstatus__unofficial[];
HTTPSTATUS__HIDDEN extern const size_t httpstatus__unofficial_count;

/* Two tables indexed alike: 1..5 stand for the classes, 6 + i for
 * registered entry i (code_index in lookup_table.h maps each code to its
 * index). entry_of[] is NULL for the classes; reason_of[] holds the class
 * names there. Index 0 is NULL in both. */
HTTPSTATUS__HIDDEN extern const struct httpstatus_info
    *const httpstatus__entry_of[6 + HTTPSTATUS__REGISTERED_COUNT];
HTTPSTATUS__HIDDEN extern const char
    *const httpstatus__reason_of[6 + HTTPSTATUS__REGISTERED_COUNT];

#endif
