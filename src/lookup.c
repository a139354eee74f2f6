/* lookup.c: code and text lookups, classes and semantic predicates. */
#include "fold.h"
#include "internal.h"
#include "lookup_table.h"

/* The unsigned subtraction folds both range checks into one. */
static int in_range(int code)
{
    return (unsigned)code - 100u < 500u;
}

const struct httpstatus_info *httpstatus_get(int code)
{
    if (!in_range(code))
        return NULL;
    return httpstatus__entry_of[code_index[code - 100]];
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
    if (!in_range(code))
        return HTTPSTATUS_CLASS_INVALID;
    return (enum httpstatus_class)(code / 100);
}

const char *httpstatus_class_name(enum httpstatus_class cls)
{
    unsigned c = (unsigned)cls;

    return c >= 1 && c <= 5 ? httpstatus__reason_of[c] : NULL;
}

const char *httpstatus_reason(int code)
{
    if (!in_range(code))
        return NULL;
    return httpstatus__reason_of[code_index[code - 100]];
}

int httpstatus_is_valid(int code)
{
    return in_range(code);
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

static const struct httpstatus_info *entry_at(unsigned entry)
{
    return entry <= HTTPSTATUS__REGISTERED_COUNT
               ? &httpstatus__registered[entry - 1]
               : &httpstatus__unofficial[entry - 1 -
                                         HTTPSTATUS__REGISTERED_COUNT];
}

/* key holds len folded bytes. */
static int matches(const char *key, const char *text, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if ((unsigned char)key[i] != httpstatus__fold[(unsigned char)text[i]])
            return 0;
    return 1;
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

    if (text == NULL || len == 0 || len > LOOKUP_MAX_LEN)
        return NULL;
    if (len == 3 && is_digit(text[0]) && is_digit(text[1]) &&
        is_digit(text[2]))
        return lookup_code(text);

    for (slot = httpstatus__hash(LOOKUP_SEED, text, len);; slot++) {
        const struct httpstatus__slot *s =
            &lookup_slots[slot & (LOOKUP_SLOTS - 1)];

        if (s->entry == 0)
            return NULL;
        if (s->len == len && matches(lookup_text + s->text, text, len))
            return entry_at(s->entry);
    }
}
