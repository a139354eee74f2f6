/*
 * httpstatus.h: the HTTP status code registry for C.
 *
 * This header is the specification of libhttpstatus. Every declaration says
 * what it returns, who owns memory and how it fails.
 *
 * The library knows every status code in the IANA "HTTP Status Code
 * Registry" with its RFC 9110 reason phrase, the names and phrases that code
 * has carried before, a summary, description and common use cases written by
 * the httpstatus authors, its reference, and the semantics RFC 9110 and its
 * companions attach to it. Unofficial vendor codes (nginx, Cloudflare, AWS,
 * IIS, ...) live in a table of their own.
 *
 * Ground rules, true of every function below:
 *  - Any int, any bytes, any length and NULL pointers are valid input. The
 *    answer is defined (usually NULL, 0 or a negative error); nothing
 *    crashes, aborts, or reads past the length it was given.
 *  - Nothing allocates. Every pointer returned points into static, read-only
 *    data that lives as long as the program; never free or modify it.
 *  - There is no mutable global state, so every function is thread-safe and
 *    async-signal-safe.
 *  - Text is ASCII. Case folding is ASCII only and ignores the locale.
 *
 * Registry policies:
 *  - Registered codes are the rows of the IANA registry that are not
 *    "Unassigned", with the IANA phrase as the reason. For 306 and 418,
 *    which IANA lists as "(Unused)", the reason is the historical phrase
 *    ("Switch Proxy", "I'm a teapot") and the kind is
 *    HTTPSTATUS_KIND_RESERVED. 510 "Not Extended" is HTTPSTATUS_KIND_OBSOLETE
 *    and 104 "Upload Resumption Supported" is HTTPSTATUS_KIND_TEMPORARY.
 *  - A registered code's name is its reason in upper case with every run of
 *    characters other than letters and digits replaced by '_' and
 *    apostrophes dropped: "I'm a teapot" is IM_A_TEAPOT,
 *    "Non-Authoritative Information" is NON_AUTHORITATIVE_INFORMATION.
 *    Unofficial codes follow the same rule where that gives a name of
 *    their own (ENHANCE_YOUR_CALM); where it would not, the name says
 *    whose code it is (CLOUDFLARE_1XXX_ERROR, or
 *    IDENTITY_PROVIDER_AUTHENTICATION_ERROR for AWS's 561 "Unauthorized").
 *  - Unofficial vendor codes never shadow a registered code: httpstatus_get()
 *    never returns one, and a phrase that both use (561 "Unauthorized")
 *    looks up the registered code.
 *  - Codes outside 100..599 are invalid (RFC 9110, Section 15). An
 *    unregistered code inside that range belongs to its class.
 */
#ifndef HTTPSTATUS_H
#define HTTPSTATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* HTTPSTATUS_API marks the exported functions. A shared build compiles the
 * library with -fvisibility=hidden, so only these symbols are visible. On
 * Windows, define HTTPSTATUS_SHARED when using the DLL. */
#if defined(_WIN32) && defined(HTTPSTATUS_SHARED)
#ifdef HTTPSTATUS_BUILDING
#define HTTPSTATUS_API __declspec(dllexport)
#else
#define HTTPSTATUS_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define HTTPSTATUS_API __attribute__((visibility("default")))
#else
#define HTTPSTATUS_API
#endif

/* ---------------------------------------------------------------- version */

#define HTTPSTATUS_VERSION_MAJOR  0
#define HTTPSTATUS_VERSION_MINOR  1
#define HTTPSTATUS_VERSION_PATCH  0
#define HTTPSTATUS_VERSION_STRING "0.1.0"

/* The library's version as "MAJOR.MINOR.PATCH", a string literal. It tells
 * which library the program runs with, where the macros above tell which
 * header it was compiled against. */
HTTPSTATUS_API const char *httpstatus_version(void);

/* ------------------------------------------------------- registered codes */

/* HTTPSTATUS_MAP(XX) calls XX(code, NAME, "Reason") once for every
 * registered code, in ascending order. It is the one list of registered
 * codes: the enum below, the library's tables and its tests all expand it.
 * Define XX, expand the map, then #undef XX. */
#define HTTPSTATUS_MAP(XX)                                                    \
    XX(100, CONTINUE, "Continue")                                             \
    XX(101, SWITCHING_PROTOCOLS, "Switching Protocols")                       \
    XX(102, PROCESSING, "Processing")                                         \
    XX(103, EARLY_HINTS, "Early Hints")                                       \
    XX(104, UPLOAD_RESUMPTION_SUPPORTED, "Upload Resumption Supported")       \
    XX(200, OK, "OK")                                                         \
    XX(201, CREATED, "Created")                                               \
    XX(202, ACCEPTED, "Accepted")                                             \
    XX(203, NON_AUTHORITATIVE_INFORMATION, "Non-Authoritative Information")   \
    XX(204, NO_CONTENT, "No Content")                                         \
    XX(205, RESET_CONTENT, "Reset Content")                                   \
    XX(206, PARTIAL_CONTENT, "Partial Content")                               \
    XX(207, MULTI_STATUS, "Multi-Status")                                     \
    XX(208, ALREADY_REPORTED, "Already Reported")                             \
    XX(226, IM_USED, "IM Used")                                               \
    XX(300, MULTIPLE_CHOICES, "Multiple Choices")                             \
    XX(301, MOVED_PERMANENTLY, "Moved Permanently")                           \
    XX(302, FOUND, "Found")                                                   \
    XX(303, SEE_OTHER, "See Other")                                           \
    XX(304, NOT_MODIFIED, "Not Modified")                                     \
    XX(305, USE_PROXY, "Use Proxy")                                           \
    XX(306, SWITCH_PROXY, "Switch Proxy")                                     \
    XX(307, TEMPORARY_REDIRECT, "Temporary Redirect")                         \
    XX(308, PERMANENT_REDIRECT, "Permanent Redirect")                         \
    XX(400, BAD_REQUEST, "Bad Request")                                       \
    XX(401, UNAUTHORIZED, "Unauthorized")                                     \
    XX(402, PAYMENT_REQUIRED, "Payment Required")                             \
    XX(403, FORBIDDEN, "Forbidden")                                           \
    XX(404, NOT_FOUND, "Not Found")                                           \
    XX(405, METHOD_NOT_ALLOWED, "Method Not Allowed")                         \
    XX(406, NOT_ACCEPTABLE, "Not Acceptable")                                 \
    XX(407, PROXY_AUTHENTICATION_REQUIRED, "Proxy Authentication Required")   \
    XX(408, REQUEST_TIMEOUT, "Request Timeout")                               \
    XX(409, CONFLICT, "Conflict")                                             \
    XX(410, GONE, "Gone")                                                     \
    XX(411, LENGTH_REQUIRED, "Length Required")                               \
    XX(412, PRECONDITION_FAILED, "Precondition Failed")                       \
    XX(413, CONTENT_TOO_LARGE, "Content Too Large")                           \
    XX(414, URI_TOO_LONG, "URI Too Long")                                     \
    XX(415, UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type")                 \
    XX(416, RANGE_NOT_SATISFIABLE, "Range Not Satisfiable")                   \
    XX(417, EXPECTATION_FAILED, "Expectation Failed")                         \
    XX(418, IM_A_TEAPOT, "I'm a teapot")                                      \
    XX(421, MISDIRECTED_REQUEST, "Misdirected Request")                       \
    XX(422, UNPROCESSABLE_CONTENT, "Unprocessable Content")                   \
    XX(423, LOCKED, "Locked")                                                 \
    XX(424, FAILED_DEPENDENCY, "Failed Dependency")                           \
    XX(425, TOO_EARLY, "Too Early")                                           \
    XX(426, UPGRADE_REQUIRED, "Upgrade Required")                             \
    XX(428, PRECONDITION_REQUIRED, "Precondition Required")                   \
    XX(429, TOO_MANY_REQUESTS, "Too Many Requests")                           \
    XX(431, REQUEST_HEADER_FIELDS_TOO_LARGE,                                  \
       "Request Header Fields Too Large")                                     \
    XX(451, UNAVAILABLE_FOR_LEGAL_REASONS, "Unavailable For Legal Reasons")   \
    XX(500, INTERNAL_SERVER_ERROR, "Internal Server Error")                   \
    XX(501, NOT_IMPLEMENTED, "Not Implemented")                               \
    XX(502, BAD_GATEWAY, "Bad Gateway")                                       \
    XX(503, SERVICE_UNAVAILABLE, "Service Unavailable")                       \
    XX(504, GATEWAY_TIMEOUT, "Gateway Timeout")                               \
    XX(505, HTTP_VERSION_NOT_SUPPORTED, "HTTP Version Not Supported")         \
    XX(506, VARIANT_ALSO_NEGOTIATES, "Variant Also Negotiates")               \
    XX(507, INSUFFICIENT_STORAGE, "Insufficient Storage")                     \
    XX(508, LOOP_DETECTED, "Loop Detected")                                   \
    XX(510, NOT_EXTENDED, "Not Extended")                                     \
    XX(511, NETWORK_AUTHENTICATION_REQUIRED, "Network Authentication Required")

/* HTTPSTATUS_LEGACY_MAP(XX) calls XX(code, NAME) for each former C name of
 * a registered code that other libraries still use. They become enum
 * aliases (HTTPSTATUS_PAYLOAD_TOO_LARGE == 413), and httpstatus_lookup()
 * resolves each of them. */
#define HTTPSTATUS_LEGACY_MAP(XX)                                             \
    XX(203, NON_AUTHORITATIVE)                                                \
    XX(302, MOVED_TEMPORARILY)                                                \
    XX(408, REQUEST_TIME_OUT)                                                 \
    XX(413, PAYLOAD_TOO_LARGE)                                                \
    XX(413, REQUEST_ENTITY_TOO_LARGE)                                         \
    XX(413, REQUEST_TOO_LONG)                                                 \
    XX(414, REQUEST_URI_TOO_LONG)                                             \
    XX(414, REQUEST_URI_TOO_LARGE)                                            \
    XX(416, REQUESTED_RANGE_NOT_SATISFIABLE)                                  \
    XX(418, I_AM_A_TEAPOT)                                                    \
    XX(422, UNPROCESSABLE_ENTITY)                                             \
    XX(504, GATEWAY_TIME_OUT)

/* Every registered code and every legacy name, as integer constants:
 * HTTPSTATUS_NOT_FOUND == 404. */
enum httpstatus_code {
#define HTTPSTATUS__XX(num, name, reason) HTTPSTATUS_##name = num,
    HTTPSTATUS_MAP(HTTPSTATUS__XX)
#undef HTTPSTATUS__XX
#define HTTPSTATUS__XX(num, name) HTTPSTATUS_##name = num,
        HTTPSTATUS_LEGACY_MAP(HTTPSTATUS__XX)
#undef HTTPSTATUS__XX
            HTTPSTATUS__CODE_END = 599
};

/* --------------------------------------------------------- classification */

/* The class of a status code, its first digit (RFC 9110, Section 15).
 * HTTPSTATUS_CLASS_INVALID is for every int outside 100..599. */
enum httpstatus_class {
    HTTPSTATUS_CLASS_INVALID = 0,
    HTTPSTATUS_CLASS_INFORMATIONAL = 1, /* 1xx: interim response */
    HTTPSTATUS_CLASS_SUCCESSFUL = 2,    /* 2xx: the request succeeded */
    HTTPSTATUS_CLASS_REDIRECTION = 3,   /* 3xx: look elsewhere */
    HTTPSTATUS_CLASS_CLIENT_ERROR = 4,  /* 4xx: the request was at fault */
    HTTPSTATUS_CLASS_SERVER_ERROR = 5   /* 5xx: the server was at fault */
};

/* The class of any int: HTTPSTATUS_CLASS_INVALID outside 100..599. */
HTTPSTATUS_API enum httpstatus_class httpstatus_class(int code);

/* The class's name ("Informational", "Successful", "Redirection",
 * "Client Error", "Server Error"), or NULL for HTTPSTATUS_CLASS_INVALID and
 * any value that is not a class. */
HTTPSTATUS_API const char *httpstatus_class_name(enum httpstatus_class cls);

/* 1 if code is in the class, 0 otherwise (including every int outside
 * 100..599). Functions, not macros: the argument is evaluated once. */
HTTPSTATUS_API int httpstatus_is_valid(int code);         /* 100..599 */
HTTPSTATUS_API int httpstatus_is_informational(int code); /* 1xx */
HTTPSTATUS_API int httpstatus_is_success(int code);       /* 2xx */
HTTPSTATUS_API int httpstatus_is_redirection(int code);   /* 3xx */
HTTPSTATUS_API int httpstatus_is_client_error(int code);  /* 4xx */
HTTPSTATUS_API int httpstatus_is_server_error(int code);  /* 5xx */
HTTPSTATUS_API int httpstatus_is_error(int code);         /* 4xx or 5xx */

/* 1 if a response with this code never has content, whatever the request:
 * every 1xx, 204 and 304, registered or not (RFC 9110, Section 6.4.1;
 * RFC 9112, Section 6.3). Such a response ends at the empty line after its
 * header section. Responses to HEAD, and 2xx responses to CONNECT, have no
 * content either; that depends on the request, so it is the caller's
 * check. 0 for every other int. */
HTTPSTATUS_API int httpstatus_forbids_content(int code);

/* ------------------------------------------------------------ the registry */

/* What a registry entry is. */
enum httpstatus_kind {
    HTTPSTATUS_KIND_STANDARD = 0,  /* a permanent IANA registration */
    HTTPSTATUS_KIND_TEMPORARY = 1, /* a temporary IANA registration (104) */
    HTTPSTATUS_KIND_OBSOLETE = 2,  /* registered but obsoleted (510) */
    HTTPSTATUS_KIND_RESERVED = 3,  /* IANA "(Unused)" (306, 418) */
    HTTPSTATUS_KIND_UNOFFICIAL = 4 /* a vendor code, not in the registry */
};

/* Semantic flags, or'ed together in httpstatus_info.flags. */
enum httpstatus_flag {
    /* An interim response (1xx): one or more may precede the final one. */
    HTTPSTATUS_FLAG_INTERIM = 1 << 0,
    /* Never has content, and ends at the empty line after the header
     * section (1xx, 204, 304). See httpstatus_forbids_content(). */
    HTTPSTATUS_FLAG_NO_CONTENT = 1 << 1,
    /* Has content, but the server MUST NOT generate any: its length is
     * zero (205, RFC 9110, Section 15.3.6). */
    HTTPSTATUS_FLAG_EMPTY_CONTENT = 1 << 2,
    /* Heuristically cacheable, formerly "cacheable by default": a cache may
     * reuse it without explicit freshness information (RFC 9110,
     * Section 15.1; RFC 9111, Section 4.2.2; RFC 7725 for 451). */
    HTTPSTATUS_FLAG_CACHEABLE = 1 << 3,
    /* A cache MUST NOT store it (428, 429, 431, 511: RFC 6585). */
    HTTPSTATUS_FLAG_NO_STORE = 1 << 4,
    /* A permanent redirect: clients may replace the target URI with the
     * Location field's value (301, 308). */
    HTTPSTATUS_FLAG_PERMANENT = 1 << 5,
    /* Deprecated by its own specification (305 Use Proxy). */
    HTTPSTATUS_FLAG_DEPRECATED = 1 << 6
};

/* How a user agent follows a redirection (RFC 9110, Section 15.4). */
enum httpstatus_redirect {
    HTTPSTATUS_REDIRECT_NONE = 0, /* not a redirect to follow */
    /* 301, 302: may change POST to GET when following, for historical
     * reasons; every other method is kept. */
    HTTPSTATUS_REDIRECT_MAY_CHANGE_METHOD = 1,
    /* 303: the follow-up request is a GET (or HEAD for a HEAD). */
    HTTPSTATUS_REDIRECT_CHANGES_TO_GET = 2,
    /* 307, 308: the method and content MUST NOT change. */
    HTTPSTATUS_REDIRECT_KEEPS_METHOD = 3,
    /* 300: a choice among representations; Location names the preferred
     * one, if any. */
    HTTPSTATUS_REDIRECT_CHOICE = 4,
    /* 304: "use the stored response", not a Location redirect. */
    HTTPSTATUS_REDIRECT_NOT_MODIFIED = 5
};

/* Whether and how a client may repeat a request that got this code. */
enum httpstatus_retry {
    HTTPSTATUS_RETRY_NO = 0, /* repeating the same request will not help */
    /* The condition is temporary and the request was not acted upon, so
     * it may be repeated whatever its method, after a delay (honour
     * Retry-After): 408, 421, 425, 429, 503. */
    HTTPSTATUS_RETRY_ANY_METHOD = 1,
    /* The request may have been acted upon: repeat it automatically only
     * when its method is idempotent (RFC 9110, Section 9.2.2): 500, 502,
     * 504. */
    HTTPSTATUS_RETRY_IDEMPOTENT = 2,
    /* Repeating can succeed once the request is changed: new credentials
     * (401, 407), a Content-Length (411), or smaller content (413). */
    HTTPSTATUS_RETRY_AFTER_CHANGE = 3
};

/* The strength of a header rule, in the RFC's own keywords. */
enum httpstatus_level {
    HTTPSTATUS_MUST = 0,       /* the field MUST be sent */
    HTTPSTATUS_SHOULD = 1,     /* the field SHOULD be sent */
    HTTPSTATUS_MAY = 2,        /* the field is customary or MAY be sent */
    HTTPSTATUS_SHOULD_NOT = 3, /* the field SHOULD NOT be sent */
    HTTPSTATUS_MUST_NOT = 4    /* the field MUST NOT be sent */
};

/* One rule about a response header field for a given status code, such
 * as "405 responses MUST carry Allow". */
struct httpstatus_header_rule {
    const char *field;           /* the field name, e.g. "Allow" */
    enum httpstatus_level level; /* MUST, SHOULD, MAY, SHOULD NOT, MUST NOT */
    /* The condition under which the rule applies, in a few words ("when
     * the condition is temporary"), or NULL when it always applies. A
     * linter that sees only the response cannot decide a conditional
     * rule, so it should only mention it. */
    const char *condition;
    const char *section; /* where it is said: "RFC 9110, Section 15.5.6" */
};

/* One entry of the registry, or of the unofficial table. */
struct httpstatus_info {
    int code;                           /* 100..599 */
    enum httpstatus_class status_class; /* code / 100 */
    enum httpstatus_kind kind;
    unsigned flags; /* enum httpstatus_flag bits */
    enum httpstatus_redirect redirect;
    enum httpstatus_retry retry;
    /* The C name without the HTTPSTATUS_ prefix ("CONTENT_TOO_LARGE"). */
    const char *name;
    /* The reason phrase to send on the wire ("Content Too Large"). */
    const char *reason;
    /* The specification as IANA cites it, without the brackets
     * ("RFC 9110, Section 15.5.14"); NULL for unofficial codes. */
    const char *reference;
    /* Who uses an unofficial code ("nginx", "Cloudflare"); NULL for
     * registered codes. */
    const char *vendor;
    /* One sentence on what the code means. (A library built with
     * -DHTTPSTATUS_NO_PROSE has "" here and in description, and an empty
     * use_cases list: a smaller build for small targets.) */
    const char *summary;
    /* A short paragraph: when a server sends it and what a client should
     * do about it. */
    const char *description;
    /* Two to four typical situations, each a short phrase. The list ends
     * with NULL; the pointer itself is never NULL. */
    const char *const *use_cases;
    /* Former names and phrases that still resolve to this entry, in the
     * spelling other libraries use ("Payload Too Large", "Request Entity
     * Too Large" for 413). The list ends with NULL; the pointer itself is
     * never NULL. */
    const char *const *aliases;
    /* The response header rules for this code; header_count of them. The
     * pointer is NULL when header_count is 0. */
    const struct httpstatus_header_rule *headers;
    size_t header_count;
};

/* The entry of a registered code, or NULL for every other int (unassigned
 * codes, unofficial vendor codes, anything outside 100..599). O(1). */
HTTPSTATUS_API const struct httpstatus_info *httpstatus_get(int code);

/* Every registered code, in ascending order of code. Stores the number of
 * entries in *count unless count is NULL. Never returns NULL. */
HTTPSTATUS_API const struct httpstatus_info *httpstatus_list(size_t *count);

/* Every unofficial vendor code, in ascending order of code; a code that
 * several vendors use appears once per vendor, the most widespread use
 * first. Stores the number of entries in *count unless count is NULL.
 * Never returns NULL. */
HTTPSTATUS_API const struct httpstatus_info *
httpstatus_unofficial(size_t *count);

/* The reason phrase for a code: a registered code's reason ("Not Found");
 * for any other code in 100..599 the name of its class ("Client Error"),
 * which is what RFC 9110 says a recipient should make of it; NULL outside
 * 100..599. Unofficial codes get their class name here; look them up with
 * httpstatus_lookup() or httpstatus_unofficial() to get a vendor's
 * phrase. */
HTTPSTATUS_API const char *httpstatus_reason(int code);

/* Finds the entry that text names: a code, a name, a reason phrase or an
 * alias. text need not be NUL-terminated; exactly len bytes are read.
 *
 *  - Exactly three ASCII digits are a code: the registered entry, or for
 *    an unregistered code the first unofficial entry with that code
 *    ("420" finds Twitter's "Enhance Your Calm").
 *  - Otherwise the whole text must equal a name, reason or alias, with
 *    ASCII letters compared case-insensitively and ' ', '_' and '-'
 *    equivalent: "404", "NOT_FOUND", "not-found", "Not Found",
 *    "nOt FoUnD", "Payload Too Large", "I'm a teapot", "IM_A_TEAPOT".
 *    Nothing is trimmed and no prefix matches.
 *  - Registered entries win over unofficial ones, and among unofficial
 *    entries the first in httpstatus_unofficial() order wins.
 *
 * Returns NULL when nothing matches, and for NULL text. O(len). */
HTTPSTATUS_API const struct httpstatus_info *
httpstatus_lookup(const char *text, size_t len);

/* ------------------------------------------------------------ status line */

/* Errors returned by httpstatus_parse_line(). */
#define HTTPSTATUS_EINVALID    (-1) /* not a status line */
#define HTTPSTATUS_EINCOMPLETE (-2) /* a valid beginning: read more */

/* A parsed status line. reason points into the parsed buffer; it is valid
 * as long as that buffer is, and is not NUL-terminated. */
struct httpstatus_line {
    int major, minor; /* the HTTP version, each 0..9 */
    int code;         /* the status code, 0..999 as sent */
    const char *reason;
    size_t reason_len; /* 0 when the line has no reason phrase */
};

/* Leniencies for httpstatus_parse_line_ex(). None is on by default. */
enum httpstatus_parse_flag {
    /* A bare LF ends the line as CRLF does (RFC 9112, Section 2.2 lets a
     * recipient accept it; most clients do). */
    HTTPSTATUS_LENIENT_LF = 1 << 0,
    /* Runs of SP and HTAB may separate the version, code and reason, and
     * may follow the reason without becoming part of it. Nothing may come
     * before "HTTP/" but empty lines (HTTPSTATUS_LENIENT_EMPTY_LINES). */
    HTTPSTATUS_LENIENT_SPACES = 1 << 1,
    /* Empty lines (CRLF, or LF with HTTPSTATUS_LENIENT_LF) before the
     * status line are skipped and counted as consumed. */
    HTTPSTATUS_LENIENT_EMPTY_LINES = 1 << 2,
    /* The version may be a major number alone, as curl prints HTTP/2 and
     * HTTP/3 responses ("HTTP/2 200"); minor is then 0. */
    HTTPSTATUS_LENIENT_MAJOR_ONLY = 1 << 3,
    HTTPSTATUS_LENIENT_ALL = (1 << 4) - 1
};

/* Parses one status line (RFC 9112, Section 4):
 *
 *     status-line = HTTP-version SP status-code SP [ reason-phrase ] CRLF
 *
 * strictly: "HTTP/" DIGIT "." DIGIT, exactly one SP, exactly three ASCII
 * digits, then either CRLF at once or one SP and a reason made of HTAB, SP,
 * visible ASCII and bytes 0x80..0xFF, then CRLF. A line with no SP after
 * the code ("HTTP/1.1 200\r\n") is accepted, as every real parser does.
 * NUL, other control bytes and bare CR are rejected wherever they appear.
 * The version numbers and the code are reported as sent: checking that
 * the version is one the caller speaks, and that the code is in 100..599,
 * is the caller's business (httpstatus_is_valid()).
 *
 * buf need not be NUL-terminated and is never read past len; buf may be
 * NULL when len is 0 (a NULL buf with a non-zero len is
 * HTTPSTATUS_EINVALID). Returns the number of bytes consumed, line end
 * included (> 0); HTTPSTATUS_EINCOMPLETE when buf[0..len) is a proper
 * prefix of a valid line; HTTPSTATUS_EINVALID when it cannot become one,
 * when out is NULL, or when the line would be longer than INT_MAX bytes.
 * *out is written only on success. */
HTTPSTATUS_API int httpstatus_parse_line(const char *buf, size_t len,
                                         struct httpstatus_line *out);

/* httpstatus_parse_line() with the leniencies in flags (enum
 * httpstatus_parse_flag bits or'ed together; 0 is strict). Unknown bits
 * make it return HTTPSTATUS_EINVALID. */
HTTPSTATUS_API int httpstatus_parse_line_ex(const char *buf, size_t len,
                                            struct httpstatus_line *out,
                                            unsigned flags);

/* Writes "HTTP/1.<minor> <code> <reason>\r\n" into buf, with the reason
 * from httpstatus_reason(), followed by a NUL, with snprintf semantics:
 * at most size bytes are written (the line is cut short to fit and still
 * NUL-terminated when size > 0), and the return value is the length of the
 * whole line without the NUL. So a return value >= size means buf was too
 * small; sizeof "HTTP/1.1 511 Network Authentication Required\r\n" always
 * suffices (HTTPSTATUS_LINE_MAX). buf may be NULL when size is 0; a NULL
 * buf with a non-zero size is HTTPSTATUS_EINVALID.
 * Returns HTTPSTATUS_EINVALID and writes nothing when minor is not 0 or
 * 1 or code is outside 100..599. */
HTTPSTATUS_API int httpstatus_format_line(char *buf, size_t size, int minor,
                                          int code);

/* A buffer of this size holds any line httpstatus_format_line() writes,
 * NUL included. */
#define HTTPSTATUS_LINE_MAX 64

#ifdef __cplusplus
}
#endif

#endif /* HTTPSTATUS_H */
