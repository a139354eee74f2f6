/* lookup.c: code and text lookups, classes and semantic predicates. */
#include "fold.h"
#include "internal.h"
#include "lookup_table.h"

/* For each code 100..599, its registry index + 1, or 0 when unregistered:
 * one load answers httpstatus_get(). */
static const unsigned char index_by_code[500] = {
#define XX(num, id, text) [num - 100] = HTTPSTATUS__INDEX_##id + 1,
    HTTPSTATUS_MAP(XX)
#undef XX
};

const struct httpstatus_info *httpstatus_get(int code)
{
    unsigned index;

    if (code < 100 || code > 599)
        return NULL;
    index = index_by_code[code - 100];
    return index ? &httpstatus__registered[index - 1] : NULL;
}

const struct httpstatus_info *httpstatus_list(size_t *count)
{
    if (count)
        *count = HTTPSTATUS__REGISTERED_COUNT;
    return httpstatus__registered;
}

const struct httpstatus_info *httpstatus_unofficial(size_t *count)
{
    if (count)
        *count = httpstatus__unofficial_count;
    return httpstatus__unofficial;
}

enum httpstatus_class httpstatus_class(int code)
{
    if (code < 100 || code > 599)
        return HTTPSTATUS_CLASS_INVALID;
    return (enum httpstatus_class)(code / 100);
}

const char *httpstatus_class_name(enum httpstatus_class cls)
{
    switch (cls) {
    case HTTPSTATUS_CLASS_INFORMATIONAL:
        return "Informational";
    case HTTPSTATUS_CLASS_SUCCESSFUL:
        return "Successful";
    case HTTPSTATUS_CLASS_REDIRECTION:
        return "Redirection";
    case HTTPSTATUS_CLASS_CLIENT_ERROR:
        return "Client Error";
    case HTTPSTATUS_CLASS_SERVER_ERROR:
        return "Server Error";
    case HTTPSTATUS_CLASS_INVALID:
        return NULL;
    }
    return NULL; /* a value outside the enum */
}

const char *httpstatus_reason(int code)
{
    const struct httpstatus_info *info = httpstatus_get(code);

    return info ? info->reason : httpstatus_class_name(httpstatus_class(code));
}

int httpstatus_is_valid(int code)
{
    return code >= 100 && code <= 599;
}

int httpstatus_is_informational(int code)
{
    return code >= 100 && code <= 199;
}

int httpstatus_is_success(int code)
{
    return code >= 200 && code <= 299;
}

int httpstatus_is_redirection(int code)
{
    return code >= 300 && code <= 399;
}

int httpstatus_is_client_error(int code)
{
    return code >= 400 && code <= 499;
}

int httpstatus_is_server_error(int code)
{
    return code >= 500 && code <= 599;
}

int httpstatus_is_error(int code)
{
    return code >= 400 && code <= 599;
}

int httpstatus_forbids_content(int code)
{
    return httpstatus_is_informational(code) || code == 204 || code == 304;
}

/* The entry a slot value names (see lookup_table.h), and which of its
 * strings is the key. */
static const struct httpstatus_info *slot_entry(unsigned value,
                                                const char **key)
{
    unsigned entry = (value - 1) >> LOOKUP_WHICH_BITS;
    unsigned which = (value - 1) & ((1u << LOOKUP_WHICH_BITS) - 1);
    const struct httpstatus_info *info =
        entry < HTTPSTATUS__REGISTERED_COUNT
            ? &httpstatus__registered[entry]
            : &httpstatus__unofficial[entry - HTTPSTATUS__REGISTERED_COUNT];

    *key = which == 0   ? info->name
           : which == 1 ? info->reason
                        : info->aliases[which - 2];
    return info;
}

static int matches(const char *key, const char *text, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (key[i] == '\0' || httpstatus__fold((unsigned char)key[i]) !=
                                  httpstatus__fold((unsigned char)text[i]))
            return 0;
    return key[len] == '\0';
}

static const struct httpstatus_info *lookup_code(const char *text)
{
    size_t i;
    int code = (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
    const struct httpstatus_info *info = httpstatus_get(code);

    if (info)
        return info;
    for (i = 0; i < httpstatus__unofficial_count; i++)
        if (httpstatus__unofficial[i].code == code)
            return &httpstatus__unofficial[i];
    return NULL;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

const struct httpstatus_info *httpstatus_lookup(const char *text, size_t len)
{
    uint32_t slot;

    if (text == NULL || len == 0)
        return NULL;
    if (len == 3 && is_digit(text[0]) && is_digit(text[1]) &&
        is_digit(text[2]))
        return lookup_code(text);

    slot = httpstatus__hash(LOOKUP_SEED, text, len);
    for (;; slot++) {
        unsigned value = lookup_slots[slot & (LOOKUP_SLOTS - 1)];
        const struct httpstatus_info *info;
        const char *key;

        if (value == 0)
            return NULL;
        info = slot_entry(value, &key);
        if (matches(key, text, len))
            return info;
    }
}
