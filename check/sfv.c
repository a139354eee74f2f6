/* sfv.c: the Structured Field Values parser of sfv.h (RFC 9651).
 *
 * One set of functions follows the algorithms of Section 4.2 step by
 * step; sfv_parse() runs them over the whole value, and the walkers run
 * them again over one member, item or parameter at a time, which cannot
 * fail on a value sfv_parse() accepted. Nothing recurses deeper than an
 * Inner List's items, so no input can exhaust the stack. */
#include <string.h>

#include "sfv.h"
#include "utf8.h"

/* A position in the input, and where to say why parsing failed. */
struct cur {
    const char *p;
    size_t n, i;
    struct sfv_error *err;
};

static int fail(struct cur *c, size_t at, const char *reason)
{
    if (c->err != NULL) {
        c->err->offset = at;
        c->err->reason = reason;
    }
    return -1;
}

static int peek(const struct cur *c)
{
    return c->i < c->n ? (unsigned char)c->p[c->i] : -1;
}

static int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_alpha(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_lcalpha(int ch)
{
    return ch >= 'a' && ch <= 'z';
}

/* tchar (RFC 9110, Section 5.6.2). */
static int is_tchar(int ch)
{
    return is_alpha(ch) || is_digit(ch) ||
           (ch > 0 && ch < 0x80 && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static int is_key_char(int ch)
{
    return is_lcalpha(ch) || is_digit(ch) || ch == '_' || ch == '-' ||
           ch == '.' || ch == '*';
}

static int is_base64(int ch)
{
    return is_alpha(ch) || is_digit(ch) || ch == '+' || ch == '/';
}

static int b64_value(int ch)
{
    if (ch >= 'A' && ch <= 'Z')
        return ch - 'A';
    if (ch >= 'a' && ch <= 'z')
        return ch - 'a' + 26;
    if (is_digit(ch))
        return ch - '0' + 52;
    return ch == '+' ? 62 : 63;
}

static int lower_hex(int ch)
{
    if (is_digit(ch))
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return -1;
}

static void skip_sp(struct cur *c)
{
    while (peek(c) == ' ')
        c->i++;
}

static void skip_ows(struct cur *c)
{
    while (peek(c) == ' ' || peek(c) == '\t')
        c->i++;
}

static void clear(struct sfv_item *item, enum sfv_type type, const char *at)
{
    memset(item, 0, sizeof *item);
    item->type = type;
    item->text = at;
    item->params = at;
}

/* ----------------------------------------------------- Section 4.2.3.3 */

static int parse_key(struct cur *c, const char **key, size_t *len)
{
    size_t start = c->i;

    if (!is_lcalpha(peek(c)) && peek(c) != '*')
        return fail(c, c->i,
                    c->i < c->n ? "a key must start with a lower-case "
                                  "letter or \"*\""
                                : "a key was expected but the value ends");
    while (is_key_char(peek(c)))
        c->i++;
    *key = c->p + start;
    *len = c->i - start;
    return 0;
}

/* ------------------------------------------------------- Section 4.2.4 */

static int parse_number(struct cur *c, struct sfv_item *item)
{
    size_t start = c->i, chars = 0, after = 0;
    long long whole = 0, frac = 0;
    int negative = 0, decimal = 0;

    if (peek(c) == '-') {
        negative = 1;
        c->i++;
    }
    if (c->i >= c->n)
        return fail(c, c->i, "a number was expected but the value ends");
    if (!is_digit(peek(c)))
        return fail(c, c->i,
                    negative ? "\"-\" is not followed by a digit"
                             : "a number must start with a digit or \"-\"");
    while (c->i < c->n) {
        int ch = peek(c);
        if (is_digit(ch)) {
            if (decimal) {
                frac = frac * 10 + (ch - '0');
                after++;
            } else {
                whole = whole * 10 + (ch - '0');
            }
        } else if (!decimal && ch == '.') {
            if (chars > 12)
                return fail(c, c->i,
                            "a Decimal has more than 12 digits before "
                            "the point");
            decimal = 1;
        } else {
            break;
        }
        c->i++;
        chars++;
        if (!decimal && chars > 15)
            return fail(c, c->i - 1, "an Integer has more than 15 digits");
        if (decimal && chars > 16)
            return fail(c, c->i - 1,
                        "a Decimal has more than 3 digits after the point");
    }
    if (decimal && after == 0)
        return fail(c, c->i, "a Decimal has no digit after the point");
    if (decimal && after > 3)
        return fail(c, c->i - 1,
                    "a Decimal has more than 3 digits after the point");
    clear(item, decimal ? SFV_DECIMAL : SFV_INTEGER, c->p + start);
    if (decimal) {
        while (after < 3) {
            frac *= 10;
            after++;
        }
        item->number = whole * 1000 + frac;
    } else {
        item->number = whole;
    }
    if (negative)
        item->number = -item->number;
    item->len = c->i - start;
    return 0;
}

/* ------------------------------------------------------- Section 4.2.5 */

static int parse_string(struct cur *c, struct sfv_item *item)
{
    size_t start = c->i, size = 0;

    c->i++; /* the opening DQUOTE */
    while (c->i < c->n) {
        int ch = peek(c);
        c->i++;
        if (ch == '\\') {
            if (c->i >= c->n)
                return fail(c, c->i,
                            "a String ends in a backslash with nothing "
                            "after it");
            if (peek(c) != '"' && peek(c) != '\\')
                return fail(c, c->i,
                            "a backslash in a String escapes only '\"' "
                            "and '\\'");
            c->i++;
            size++;
        } else if (ch == '"') {
            clear(item, SFV_STRING, c->p + start);
            item->len = c->i - start;
            item->size = size;
            return 0;
        } else if (ch < 0x20 || ch >= 0x7f) {
            return fail(c, c->i - 1,
                        "a String holds a control character or a byte "
                        "outside ASCII");
        } else {
            size++;
        }
    }
    return fail(c, c->n, "a String has no closing '\"'");
}

/* ------------------------------------------------------- Section 4.2.6 */

static int parse_token(struct cur *c, struct sfv_item *item)
{
    size_t start = c->i;

    c->i++; /* ALPHA or "*", checked by the caller */
    while (is_tchar(peek(c)) || peek(c) == ':' || peek(c) == '/')
        c->i++;
    clear(item, SFV_TOKEN, c->p + start);
    item->len = c->i - start;
    return 0;
}

/* ------------------------------------------------------- Section 4.2.7 */

/* The base64 text between a Byte Sequence's colons: its characters are
 * checked here, "=" only at the end and no more of it than the length
 * calls for. Padding that is missing is synthesised and non-zero pad
 * bits are kept, as Section 4.2.7 asks parsers to, and both are flagged. */
static int parse_bytes(struct cur *c, struct sfv_item *item)
{
    size_t start = c->i, b = c->i + 1, end, k, data, pad = 0, first_pad = 0;
    const char *close;

    close = memchr(c->p + b, ':', c->n - b);
    if (close == NULL)
        return fail(c, c->n, "a Byte Sequence has no closing ':'");
    end = (size_t)(close - c->p);
    for (k = b; k < end; k++) {
        int ch = (unsigned char)c->p[k];
        if (ch == '=') {
            if (pad++ == 0)
                first_pad = k;
        } else if (!is_base64(ch)) {
            return fail(c, k,
                        "a Byte Sequence holds a character that is not "
                        "base64");
        } else if (pad > 0) {
            return fail(c, first_pad,
                        "a Byte Sequence has \"=\" padding before its "
                        "end");
        }
    }
    data = end - b - pad;
    if (data % 4 == 1)
        return fail(c, end - 1,
                    "a Byte Sequence's base64 has one character too many "
                    "to decode");
    if ((data % 4 == 0 && pad > 0) || (data % 4 == 2 && pad > 2) ||
        (data % 4 == 3 && pad > 1))
        return fail(c, end - pad,
                    "a Byte Sequence has more \"=\" padding than its "
                    "length calls for");
    clear(item, SFV_BYTES, c->p + start);
    item->size = data / 4 * 3 + (data % 4 ? data % 4 - 1 : 0);
    if (data % 4 != 0 && pad != 4 - data % 4)
        item->flags |= SFV_UNPADDED;
    if (data % 4 != 0) {
        int last = b64_value((unsigned char)c->p[b + data - 1]);
        if (last & (data % 4 == 2 ? 0x0f : 0x03))
            item->flags |= SFV_PAD_BITS;
    }
    c->i = end + 1;
    item->len = c->i - start;
    return 0;
}

/* ------------------------------------------------------- Section 4.2.8 */

static int parse_boolean(struct cur *c, struct sfv_item *item)
{
    size_t start = c->i;

    c->i++;
    if (peek(c) != '0' && peek(c) != '1')
        return fail(c, c->i, "\"?\" is not followed by 0 or 1");
    clear(item, SFV_BOOLEAN, c->p + start);
    item->number = peek(c) == '1';
    c->i++;
    item->len = 2;
    return 0;
}

/* ------------------------------------------------------- Section 4.2.9 */

static int parse_date(struct cur *c, struct sfv_item *item)
{
    size_t start = c->i;

    c->i++;
    if (parse_number(c, item) != 0)
        return -1;
    if (item->type == SFV_DECIMAL)
        return fail(c, start, "a Date has a fractional part");
    item->type = SFV_DATE;
    item->text = c->p + start;
    item->len = c->i - start;
    return 0;
}

/* ------------------------------------------------------ Section 4.2.10 */

static int parse_display(struct cur *c, struct sfv_item *item)
{
    size_t start = c->i, size = 0, seq_len = 0, seq_need = 0;
    unsigned char seq[4];

    c->i++;
    if (peek(c) != '"')
        return fail(c, c->i, "\"%\" is not followed by '\"'");
    c->i++;
    while (c->i < c->n) {
        size_t at = c->i;
        int ch = peek(c), byte;
        c->i++;
        if (ch < 0x20 || ch >= 0x7f)
            return fail(c, at,
                        "a Display String holds a control character or "
                        "a byte outside ASCII");
        if (ch == '"') {
            if (seq_len > 0)
                return fail(c, at, "a Display String is not valid UTF-8");
            clear(item, SFV_DISPLAY_STRING, c->p + start);
            item->len = c->i - start;
            item->size = size;
            return 0;
        }
        if (ch == '%') {
            int hi, lo;
            if (c->n - c->i < 2)
                return fail(c, c->n,
                            "a Display String's \"%\" escape is cut short");
            hi = lower_hex((unsigned char)c->p[c->i]);
            lo = lower_hex((unsigned char)c->p[c->i + 1]);
            if (hi < 0 || lo < 0)
                return fail(c, at,
                            "a Display String's \"%\" is not followed by "
                            "two lower-case hex digits");
            c->i += 2;
            byte = hi * 16 + lo;
        } else {
            byte = ch;
        }
        /* The decoded bytes must be UTF-8: gather each sequence and
         * check it once its lead byte's length is reached. */
        if (seq_len == 0) {
            if (byte < 0x80)
                seq_need = 1;
            else if (byte >= 0xc2 && byte <= 0xdf)
                seq_need = 2;
            else if (byte >= 0xe0 && byte <= 0xef)
                seq_need = 3;
            else if (byte >= 0xf0 && byte <= 0xf4)
                seq_need = 4;
            else
                return fail(c, at, "a Display String is not valid UTF-8");
        }
        seq[seq_len++] = (unsigned char)byte;
        if (seq_len == seq_need) {
            if (utf8_length((const char *)seq, seq_len) != seq_len)
                return fail(c, at, "a Display String is not valid UTF-8");
            seq_len = 0;
        }
        size++;
    }
    return fail(c, c->n, "a Display String has no closing '\"'");
}

/* ----------------------------------------------------- Section 4.2.3.1 */

static int parse_bare(struct cur *c, struct sfv_item *item)
{
    int ch = peek(c);

    if (ch == '-' || is_digit(ch))
        return parse_number(c, item);
    if (ch == '"')
        return parse_string(c, item);
    if (is_alpha(ch) || ch == '*')
        return parse_token(c, item);
    if (ch == ':')
        return parse_bytes(c, item);
    if (ch == '?')
        return parse_boolean(c, item);
    if (ch == '@')
        return parse_date(c, item);
    if (ch == '%')
        return parse_display(c, item);
    if (ch < 0)
        return fail(c, c->i, "an item was expected but the value ends");
    return fail(c, c->i,
                "an item was expected (a number, \"string\", token, "
                ":bytes:, ?1, @date or %\"string\") but this is not one");
}

/* ----------------------------------------------------- Section 4.2.3.2 */

static int parse_one_param(struct cur *c, struct sfv_param *param)
{
    c->i++; /* ";" */
    skip_sp(c);
    if (parse_key(c, &param->key, &param->key_len) != 0)
        return -1;
    if (peek(c) == '=') {
        c->i++;
        return parse_bare(c, &param->value);
    }
    clear(&param->value, SFV_BOOLEAN, c->p + c->i);
    param->value.number = 1;
    return 0;
}

static int parse_params(struct cur *c, struct sfv_item *item)
{
    size_t start = c->i;
    struct sfv_param param;

    while (peek(c) == ';')
        if (parse_one_param(c, &param) != 0)
            return -1;
    item->params = c->p + start;
    item->params_len = c->i - start;
    return 0;
}

/* ------------------------------------------------------- Section 4.2.3 */

static int parse_item(struct cur *c, struct sfv_item *item)
{
    if (parse_bare(c, item) != 0)
        return -1;
    return parse_params(c, item);
}

/* ----------------------------------------------------- Section 4.2.1.2 */

static int parse_inner(struct cur *c, struct sfv_item *list)
{
    size_t start = c->i, count = 0;
    struct sfv_item item;

    c->i++; /* "(" */
    while (c->i < c->n) {
        skip_sp(c);
        if (c->i >= c->n)
            break;
        if (peek(c) == ')') {
            c->i++;
            clear(list, SFV_INNER_LIST, c->p + start);
            list->len = c->i - start;
            list->size = count;
            return parse_params(c, list);
        }
        if (parse_item(c, &item) != 0)
            return -1;
        count++;
        if (c->i < c->n && peek(c) != ' ' && peek(c) != ')')
            return fail(c, c->i,
                        "the items of an Inner List must be separated by "
                        "spaces");
    }
    return fail(c, c->n, "an Inner List has no closing \")\"");
}

/* ----------------------------------------------------- Section 4.2.1.1 */

static int parse_item_or_inner(struct cur *c, struct sfv_item *item)
{
    if (peek(c) == '(')
        return parse_inner(c, item);
    return parse_item(c, item);
}

/* One member of a List (Section 4.2.1) or a Dictionary (Section 4.2.2),
 * or the Item. */
static int parse_member(struct cur *c, enum sfv_top top, struct sfv_member *m)
{
    m->key = NULL;
    m->key_len = 0;
    if (top == SFV_ITEM)
        return parse_item(c, &m->value);
    if (top == SFV_LIST)
        return parse_item_or_inner(c, &m->value);
    if (parse_key(c, &m->key, &m->key_len) != 0)
        return -1;
    if (peek(c) == '=') {
        c->i++;
        return parse_item_or_inner(c, &m->value);
    }
    clear(&m->value, SFV_BOOLEAN, c->p + c->i);
    m->value.number = 1;
    return parse_params(c, &m->value);
}

/* After a member of a List or Dictionary: the end, or a comma and the
 * next member. */
static int parse_separator(struct cur *c)
{
    skip_ows(c);
    if (c->i >= c->n)
        return 0;
    if (peek(c) != ',')
        return fail(c, c->i,
                    "a member must be followed by \",\" or the end of the "
                    "value");
    c->i++;
    skip_ows(c);
    if (c->i >= c->n)
        return fail(c, c->i, "the value ends in a comma");
    return 0;
}

/* --------------------------------------------------------- Section 4.2 */

int sfv_parse(const char *p, size_t n, enum sfv_top top, struct sfv_error *err)
{
    struct cur c;
    struct sfv_member m;
    size_t k;

    c.p = p;
    c.n = n;
    c.i = 0;
    c.err = err;
    for (k = 0; k < n; k++)
        if ((unsigned char)p[k] >= 0x80)
            return fail(&c, k, "a byte outside ASCII");
    skip_sp(&c);
    if (top == SFV_ITEM) {
        if (parse_member(&c, top, &m) != 0)
            return -1;
        skip_sp(&c);
        if (c.i < n)
            return fail(&c, c.i, "something follows the item");
        return 0;
    }
    while (c.i < n) {
        if (parse_member(&c, top, &m) != 0)
            return -1;
        if (parse_separator(&c) != 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ walking */

int sfv_next(const char *p, size_t n, enum sfv_top top, size_t *pos,
             struct sfv_member *m)
{
    struct cur c;

    c.p = p;
    c.n = n;
    c.i = *pos;
    c.err = NULL;
    if (c.i == 0)
        skip_sp(&c);
    if (c.i >= n || (top == SFV_ITEM && *pos > 0))
        return 0;
    if (parse_member(&c, top, m) != 0) {
        *pos = n;
        return 0;
    }
    if (top == SFV_ITEM)
        c.i = n;
    else if (parse_separator(&c) != 0)
        c.i = n;
    *pos = c.i;
    return 1;
}

int sfv_inner_next(const struct sfv_item *list, size_t *pos,
                   struct sfv_item *item)
{
    struct cur c;

    if (list->type != SFV_INNER_LIST || list->len < 2)
        return 0;
    c.p = list->text;
    c.n = list->len - 1; /* without the ")" */
    c.i = *pos == 0 ? 1 : *pos;
    c.err = NULL;
    skip_sp(&c);
    if (c.i >= c.n || parse_item(&c, item) != 0) {
        *pos = c.n;
        return 0;
    }
    *pos = c.i;
    return 1;
}

int sfv_param_next(const struct sfv_item *item, size_t *pos,
                   struct sfv_param *param)
{
    struct cur c;

    c.p = item->params;
    c.n = item->params_len;
    c.i = *pos;
    c.err = NULL;
    if (c.i >= c.n || peek(&c) != ';' || parse_one_param(&c, param) != 0) {
        *pos = c.n;
        return 0;
    }
    *pos = c.i;
    return 1;
}

/* ------------------------------------------------------------ decoding */

size_t sfv_string_value(const struct sfv_item *item, char *out, size_t cap)
{
    size_t i, len = 0;

    if (item->type == SFV_TOKEN) {
        memcpy(out, item->text, item->len < cap ? item->len : cap);
        return item->len;
    }
    if (item->type == SFV_STRING) {
        for (i = 1; i + 1 < item->len; i++) {
            if (item->text[i] == '\\')
                i++;
            if (len < cap)
                out[len] = item->text[i];
            len++;
        }
        return len;
    }
    if (item->type == SFV_DISPLAY_STRING) {
        for (i = 2; i + 1 < item->len; i++) {
            char ch = item->text[i];
            if (ch == '%' && i + 3 < item->len) {
                ch = (char)(lower_hex((unsigned char)item->text[i + 1]) * 16 +
                            lower_hex((unsigned char)item->text[i + 2]));
                i += 2;
            }
            if (len < cap)
                out[len] = ch;
            len++;
        }
        return len;
    }
    return 0;
}

size_t sfv_bytes_value(const struct sfv_item *item, unsigned char *out,
                       size_t cap)
{
    unsigned long bits = 0;
    size_t i, len = 0;
    int have = 0;

    if (item->type != SFV_BYTES)
        return 0;
    for (i = 1; i + 1 < item->len && item->text[i] != '='; i++) {
        bits = (bits << 6 |
                (unsigned long)b64_value((unsigned char)item->text[i])) &
               0xffffffUL;
        have += 6;
        if (have >= 8) {
            have -= 8;
            if (len < cap)
                out[len] = (unsigned char)(bits >> have & 0xff);
            len++;
        }
    }
    return len;
}

/* --------------------------------------------------------- serialising */

struct out {
    char *p;
    size_t size, len;
};

static void put(struct out *o, const char *s, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++, o->len++)
        if (o->len + 1 < o->size)
            o->p[o->len] = s[k];
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_digits(struct out *o, unsigned long long v, int width)
{
    char buf[24];
    int k = 0;

    do {
        buf[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0 || k < width);
    while (k > 0)
        put(o, &buf[--k], 1);
}

static void put_integer(struct out *o, long long v)
{
    if (v < 0)
        put(o, "-", 1);
    put_digits(o, (unsigned long long)(v < 0 ? -v : v), 1);
}

static void put_base64(struct out *o, const unsigned char *b, size_t n)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned long v = 0;
    char four[4];
    size_t k;

    for (k = 0; k < n; k++)
        v = v << 8 | b[k];
    v <<= 8 * (3 - n);
    four[0] = alphabet[v >> 18 & 63];
    four[1] = alphabet[v >> 12 & 63];
    four[2] = n > 1 ? alphabet[v >> 6 & 63] : '=';
    four[3] = n > 2 ? alphabet[v & 63] : '=';
    put(o, four, 4);
}

static void put_bare(struct out *o, const struct sfv_item *it)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;

    switch (it->type) {
    case SFV_INTEGER:
        put_integer(o, it->number);
        break;
    case SFV_DECIMAL: {
        long long v = it->number;
        unsigned long long u = (unsigned long long)(v < 0 ? -v : v);
        unsigned frac = (unsigned)(u % 1000);
        int width = 3;
        if (v < 0)
            put(o, "-", 1);
        put_digits(o, u / 1000, 1);
        put(o, ".", 1);
        while (width > 1 && frac % 10 == 0) {
            frac /= 10;
            width--;
        }
        put_digits(o, frac, width);
        break;
    }
    case SFV_STRING:
    case SFV_TOKEN:
        /* A String's only escapes are the ones serialisation writes. */
        put(o, it->text, it->len);
        break;
    case SFV_BYTES: {
        unsigned char group[3];
        unsigned long bits = 0;
        size_t got = 0;
        int have = 0;
        put(o, ":", 1);
        for (i = 1; i + 1 < it->len && it->text[i] != '='; i++) {
            bits = (bits << 6 |
                    (unsigned long)b64_value((unsigned char)it->text[i])) &
                   0xffffffUL;
            have += 6;
            if (have >= 8) {
                have -= 8;
                group[got++] = (unsigned char)(bits >> have & 0xff);
                if (got == 3) {
                    put_base64(o, group, 3);
                    got = 0;
                }
            }
        }
        if (got > 0)
            put_base64(o, group, got);
        put(o, ":", 1);
        break;
    }
    case SFV_BOOLEAN:
        puts_(o, it->number ? "?1" : "?0");
        break;
    case SFV_DATE:
        put(o, "@", 1);
        put_integer(o, it->number);
        break;
    case SFV_DISPLAY_STRING:
        put(o, "%\"", 2);
        for (i = 2; i + 1 < it->len; i++) {
            unsigned char ch = (unsigned char)it->text[i];
            if (ch == '%' && i + 3 < it->len) {
                ch =
                    (unsigned char)(lower_hex((unsigned char)it->text[i + 1]) *
                                        16 +
                                    lower_hex((unsigned char)it->text[i + 2]));
                i += 2;
            }
            if (ch == '%' || ch == '"' || ch < 0x20 || ch >= 0x7f) {
                char esc[3];
                esc[0] = '%';
                esc[1] = hex[ch >> 4];
                esc[2] = hex[ch & 15];
                put(o, esc, 3);
            } else {
                put(o, (const char *)&ch, 1);
            }
        }
        put(o, "\"", 1);
        break;
    case SFV_INNER_LIST:
        break;
    }
}

static int same_key(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && memcmp(a, b, an) == 0;
}

/* Parameters, each key once: at its first position, with its last value
 * (Section 4.2.3.2). */
static void put_params(struct out *o, const struct sfv_item *it)
{
    struct sfv_param p, q, last;
    size_t pos = 0, before, scan;

    while (before = pos, sfv_param_next(it, &pos, &p)) {
        int seen = 0;
        scan = 0;
        while (scan < before && sfv_param_next(it, &scan, &q))
            if (same_key(p.key, p.key_len, q.key, q.key_len))
                seen = 1;
        if (seen)
            continue;
        last = p;
        scan = pos;
        while (sfv_param_next(it, &scan, &q))
            if (same_key(p.key, p.key_len, q.key, q.key_len))
                last = q;
        put(o, ";", 1);
        put(o, p.key, p.key_len);
        if (last.value.type != SFV_BOOLEAN || !last.value.number) {
            put(o, "=", 1);
            put_bare(o, &last.value);
        }
    }
}

static void put_item_or_inner(struct out *o, const struct sfv_item *it)
{
    if (it->type == SFV_INNER_LIST) {
        struct sfv_item item;
        size_t pos = 0;
        int first = 1;
        put(o, "(", 1);
        while (sfv_inner_next(it, &pos, &item)) {
            if (!first)
                put(o, " ", 1);
            first = 0;
            put_bare(o, &item);
            put_params(o, &item);
        }
        put(o, ")", 1);
    } else {
        put_bare(o, it);
    }
    put_params(o, it);
}

size_t sfv_serialize(const char *p, size_t n, enum sfv_top top, char *out,
                     size_t size)
{
    struct out o;
    struct sfv_member m, q, last;
    size_t pos = 0, before, scan;
    int first = 1;

    o.p = out;
    o.size = size;
    o.len = 0;
    while (before = pos, sfv_next(p, n, top, &pos, &m)) {
        if (top == SFV_DICTIONARY) {
            int seen = 0;
            scan = 0;
            while (scan < before && sfv_next(p, n, top, &scan, &q))
                if (same_key(m.key, m.key_len, q.key, q.key_len))
                    seen = 1;
            if (seen)
                continue;
            last = m;
            scan = pos;
            while (scan < n && sfv_next(p, n, top, &scan, &q))
                if (same_key(m.key, m.key_len, q.key, q.key_len))
                    last = q;
            m = last;
        }
        if (!first)
            put(&o, ", ", 2);
        first = 0;
        if (top == SFV_DICTIONARY) {
            put(&o, m.key, m.key_len);
            if (m.value.type == SFV_BOOLEAN && m.value.number) {
                put_params(&o, &m.value);
                continue;
            }
            put(&o, "=", 1);
        }
        put_item_or_inner(&o, &m.value);
    }
    if (size > 0)
        out[o.len < size ? o.len : size - 1] = '\0';
    return o.len;
}
