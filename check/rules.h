/* rules.h: every rule `httpstatus check` knows, one line each:
 *
 *   RULE(NAME, "id", severity, "section", "what it finds")
 *
 * The id is the rule's stable name: shown in reports, chosen with
 * --ignore and --only, and listed by `httpstatus check --rules` and in
 * docs/check.md. The severity follows the requirement's keyword: MUST is
 * an error, SHOULD a warning, anything else a note. The section is where
 * the requirement is; a finding may name a nearer one (a code's own rule
 * in the registry, say). Include this file with RULE defined as needed.
 *
 * Ids are never renamed or reused: a user's --ignore list names them. */

/* The status line. */
RULE(STATUS_LINE_BLANK_BEFORE, "status-line-blank-before", WARNING,
     "RFC 9112, Section 2.2", "empty lines before the status line")
RULE(STATUS_LINE_SPACES, "status-line-spaces", ERROR, "RFC 9112, Section 4",
     "extra or missing spaces between the status line's parts")
RULE(VERSION_UNKNOWN, "version-unknown", ERROR, "RFC 9110, Section 2.5",
     "a protocol version that is not a version of HTTP")
RULE(BARE_LF, "bare-lf", ERROR, "RFC 9112, Section 2.2",
     "lines of the head end in a bare LF instead of CRLF")
RULE(INTERIM_HTTP10, "interim-http10", ERROR, "RFC 9110, Section 15.2",
     "a 1xx response labelled HTTP/1.0")
RULE(INTERIM_WITHOUT_FINAL, "interim-without-final", WARNING,
     "RFC 9110, Section 15.2", "the input ends after an interim response")

/* The status code and reason phrase. */
RULE(CODE_OUT_OF_RANGE, "code-out-of-range", ERROR, "RFC 9110, Section 15",
     "a status code outside 100..599")
RULE(CODE_UNREGISTERED, "code-unregistered", WARNING, "RFC 9110, Section 15",
     "a code neither registered nor used by a known vendor")
RULE(CODE_VENDOR, "code-vendor", NOTE, "RFC 9110, Section 15",
     "an unregistered code that a vendor uses")
RULE(CODE_RESERVED, "code-reserved", WARNING, "RFC 9110, Section 15",
     "a reserved, unused code")
RULE(CODE_OBSOLETE, "code-obsolete", NOTE, "RFC 9110, Section 15",
     "a code whose specification is historic")
RULE(CODE_DEPRECATED, "code-deprecated", WARNING, "RFC 9110, Section 15.4.6",
     "a deprecated code")
RULE(REASON_FORMER, "reason-former", NOTE, "RFC 9110, Section 15",
     "an old or non-standard reason phrase for the code")
RULE(REASON_OTHER_CODE, "reason-other-code", WARNING, "RFC 9112, Section 4",
     "the reason phrase of another status code")

/* Field lines. */
RULE(FIELD_WHITESPACE_BEFORE, "field-whitespace-before", ERROR,
     "RFC 9112, Section 2.2",
     "whitespace between the status line and the first field")
RULE(FIELD_OBS_FOLD, "field-obs-fold", ERROR, "RFC 9112, Section 5.2",
     "obsolete line folding")
RULE(FIELD_NO_COLON, "field-no-colon", ERROR, "RFC 9112, Section 5",
     "a line of the header section without a colon")
RULE(FIELD_NAME_EMPTY, "field-name-empty", ERROR, "RFC 9110, Section 5.1",
     "an empty field name")
RULE(FIELD_NAME_WHITESPACE, "field-name-whitespace", ERROR,
     "RFC 9112, Section 5.1", "whitespace between a field name and the colon")
RULE(FIELD_NAME_INVALID, "field-name-invalid", ERROR, "RFC 9110, Section 5.1",
     "a field name with characters a token cannot have")
RULE(FIELD_VALUE_CONTROL, "field-value-control", ERROR,
     "RFC 9110, Section 5.5", "a control character in a field value")
RULE(HEAD_UNTERMINATED, "head-unterminated", WARNING, "RFC 9112, Section 2.1",
     "the input ends inside the header section")

/* What the status code asks of the header section (the registry's rules). */
RULE(STATUS_FIELD_REQUIRED, "status-field-required", ERROR,
     "RFC 9110, Section 15", "a field the code must carry is missing")
RULE(STATUS_FIELD_RECOMMENDED, "status-field-recommended", WARNING,
     "RFC 9110, Section 15", "a field the code should carry is missing")
RULE(STATUS_FIELD_OPTIONAL, "status-field-optional", NOTE,
     "RFC 9110, Section 15", "a field the code may carry is missing")
RULE(STATUS_FIELD_FORBIDDEN, "status-field-forbidden", ERROR,
     "RFC 9110, Section 15", "a field the code must not carry is present")
RULE(STATUS_FIELD_DISCOURAGED, "status-field-discouraged", WARNING,
     "RFC 9110, Section 15", "a field the code should not carry is present")
RULE(CHALLENGE_EMPTY, "challenge-empty", ERROR, "RFC 9110, Section 11.6.1",
     "a WWW-Authenticate or Proxy-Authenticate field with no challenge")
RULE(PARTIAL_CONTENT_RANGE_MISSING, "partial-content-range-missing", ERROR,
     "RFC 9110, Section 15.3.7.1", "a single-part 206 without Content-Range")
RULE(PARTIAL_MULTIPART_CONTENT_RANGE, "partial-multipart-content-range", ERROR,
     "RFC 9110, Section 15.3.7.2",
     "a multipart/byteranges 206 with Content-Range in its header section")
RULE(CONTENT_RANGE_INVALID, "content-range-invalid", ERROR,
     "RFC 9110, Section 14.4", "a Content-Range that is not a valid range")
RULE(UNSATISFIED_RANGE_FORM, "unsatisfied-range-form", WARNING,
     "RFC 9110, Section 15.5.17",
     "a 416 whose Content-Range is not \"bytes */LENGTH\"")
RULE(TIMEOUT_WITHOUT_CLOSE, "timeout-without-close", NOTE,
     "RFC 9110, Section 15.5.9", "a 408 that does not say it closes")
RULE(UPGRADE_WITHOUT_CONNECTION, "upgrade-without-connection", ERROR,
     "RFC 9110, Section 7.8",
     "Upgrade without the upgrade option in Connection")

/* Framing. */
RULE(CONTENT_LENGTH_INVALID, "content-length-invalid", ERROR,
     "RFC 9110, Section 8.6", "a Content-Length that is not a number")
RULE(CONTENT_LENGTH_DIFFER, "content-length-differ", ERROR,
     "RFC 9110, Section 8.6", "Content-Length values that differ")
RULE(CONTENT_LENGTH_REPEATED, "content-length-repeated", WARNING,
     "RFC 9110, Section 8.6", "the same Content-Length sent more than once")
RULE(CONTENT_LENGTH_MISMATCH, "content-length-mismatch", ERROR,
     "RFC 9112, Section 6.3",
     "content of another length than Content-Length says")
RULE(CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
     "content-length-with-transfer-encoding", ERROR, "RFC 9112, Section 6.1",
     "Content-Length together with Transfer-Encoding")
RULE(CONNECT_FRAMING, "connect-framing", ERROR, "RFC 9110, Section 9.3.6",
     "a 2xx to CONNECT with Content-Length or Transfer-Encoding")
RULE(CONTENT_FORBIDDEN, "content-forbidden", ERROR, "RFC 9110, Section 6.4.1",
     "content after a response that never has content")
RULE(HEAD_CONTENT, "head-content", ERROR, "RFC 9110, Section 9.3.2",
     "content after the response to HEAD")

/* Field syntax: every field RFC 9110, 9111 and 9112 define and the
 * common registered ones, singletons sent twice, Transfer-Encoding
 * (check/fields.c). */

/* Set-Cookie (RFC 6265, check/cookies.c). */

/* CORS response fields (check/cors.c). */

/* Structured Fields (RFC 9651, check/structured.c). */

/* Caching (RFC 9111, check/caching.c) and Date. */

/* Probes: what the resource does when asked again, conditionally, for a
 * range, with HEAD or with Accept-Encoding, and where its redirects lead.
 * Only a fetch shows them: check URL, with --probe or -L (check/probe.c,
 * cli/fetch.c). */
RULE(PROBE_IF_NONE_MATCH_IGNORED, "probe-if-none-match-ignored", ERROR,
     "RFC 9110, Section 13.1.2",
     "a full response to If-None-Match with the response's own ETag")
RULE(PROBE_IF_MODIFIED_SINCE_IGNORED, "probe-if-modified-since-ignored",
     WARNING, "RFC 9110, Section 13.1.3",
     ("a full response to If-Modified-Since with the response's own "
      "Last-Modified"))
RULE(PROBE_FIELDS_MISSING, "probe-fields-missing", ERROR,
     "RFC 9110, Section 15.4.5",
     "a 304 or 206 without a field that the 200 response carries")
RULE(PROBE_RANGE_WRONG, "probe-range-wrong", ERROR,
     "RFC 9110, Section 15.3.7.1",
     ("a 206 whose range was not asked for, or whose content is not that "
      "range"))
RULE(PROBE_RANGE_IGNORED, "probe-range-ignored", NOTE,
     "RFC 9110, Section 14.3",
     ("\"Accept-Ranges: bytes\", but a range request gets the whole "
      "representation"))
RULE(PROBE_HEAD_DIFFERS, "probe-head-differs", WARNING,
     "RFC 9110, Section 9.3.2",
     "HEAD gets another status code or Content-Type than GET")
RULE(PROBE_HEAD_LENGTH, "probe-head-length", ERROR, "RFC 9110, Section 8.6",
     ("a Content-Length in the response to HEAD that GET's content does "
      "not have"))
RULE(PROBE_VARY_ACCEPT_ENCODING, "probe-vary-accept-encoding", WARNING,
     "RFC 9110, Section 12.5.5",
     ("a content coding chosen by Accept-Encoding without \"Vary: "
      "Accept-Encoding\""))
RULE(PROBE_REDIRECT_LOOP, "probe-redirect-loop", ERROR,
     "RFC 9110, Section 15.4", "a redirect back to a URL already visited")
RULE(PROBE_REDIRECT_LIMIT, "probe-redirect-limit", NOTE,
     "RFC 9110, Section 15.4", "more than 10 redirects in a row")
