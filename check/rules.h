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
     "a WWW-Authenticate or Proxy-Authenticate with no challenge, or one "
     "without its scheme")
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
RULE(CONNECTION_SPECIFIC_FIELD, "connection-specific-field", ERROR,
     "RFC 9113, Section 8.2.2",
     "an HTTP/2 or HTTP/3 response with a field of HTTP/1.1's connections")
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
RULE(CHUNKED_SYNTAX, "chunked-syntax", ERROR, "RFC 9112, Section 7.1",
     "chunked content with a malformed chunk")
RULE(CHUNKED_INCOMPLETE, "chunked-incomplete", ERROR, "RFC 9112, Section 7.1",
     "chunked content that ends before its last chunk")
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
RULE(FIELD_REPEATED, "field-repeated", ERROR, "RFC 9110, Section 5.3",
     "a field that holds one value sent on several lines")
RULE(DATE_SYNTAX, "date-syntax", ERROR, "RFC 9110, Section 6.6.1",
     "a Date that is not an HTTP date")
RULE(LAST_MODIFIED_SYNTAX, "last-modified-syntax", ERROR,
     "RFC 9110, Section 8.8.2", "a Last-Modified that is not an HTTP date")
RULE(EXPIRES_SYNTAX, "expires-syntax", WARNING, "RFC 9111, Section 5.3",
     "an Expires that is not an HTTP date, which caches take as expired")
RULE(EXPIRES_NUMBER, "expires-number", NOTE, "RFC 9111, Section 5.3",
     "an Expires of \"0\" or \"-1\" in place of a date in the past")
RULE(HTTP_DATE_OBSOLETE, "http-date-obsolete", ERROR,
     "RFC 9110, Section 5.6.7",
     "a date in the obsolete RFC 850 or asctime form")
RULE(HTTP_DATE_WEEKDAY, "http-date-weekday", ERROR, "RFC 9110, Section 5.6.7",
     "a date whose day name is the wrong one")
RULE(LAST_MODIFIED_FUTURE, "last-modified-future", ERROR,
     "RFC 9110, Section 8.8.2.1", "a Last-Modified later than Date")
RULE(RETRY_AFTER_SYNTAX, "retry-after-syntax", ERROR,
     "RFC 9110, Section 10.2.3",
     "a Retry-After that is neither whole seconds nor an HTTP date")
RULE(LOCATION_SYNTAX, "location-syntax", ERROR, "RFC 9110, Section 10.2.2",
     "a Location that is not a URI reference")
RULE(CONTENT_LOCATION_SYNTAX, "content-location-syntax", ERROR,
     "RFC 9110, Section 8.7",
     "a Content-Location that is not a URI without a fragment")
RULE(ALLOW_SYNTAX, "allow-syntax", ERROR, "RFC 9110, Section 10.2.1",
     "an Allow member that is not a method name")
RULE(CONTENT_TYPE_SYNTAX, "content-type-syntax", ERROR,
     "RFC 9110, Section 8.3.1", "a Content-Type that is not a media type")
RULE(CONTENT_TYPE_MISSING, "content-type-missing", WARNING,
     "RFC 9110, Section 8.3", "content without a Content-Type")
RULE(CONTENT_ENCODING_SYNTAX, "content-encoding-syntax", ERROR,
     "RFC 9110, Section 8.4", "a Content-Encoding member that is not a token")
RULE(CONTENT_ENCODING_IDENTITY, "content-encoding-identity", WARNING,
     "RFC 9110, Section 8.4.1", "\"identity\" in Content-Encoding")
RULE(CONTENT_ENCODING_UNKNOWN, "content-encoding-unknown", NOTE,
     "RFC 9110, Section 8.4.1", "a content coding that is not registered")
RULE(CONTENT_LANGUAGE_SYNTAX, "content-language-syntax", ERROR,
     "RFC 9110, Section 8.5",
     "a Content-Language member that is not a language tag")
RULE(VARY_SYNTAX, "vary-syntax", ERROR, "RFC 9110, Section 12.5.5",
     "a Vary member that is neither a field name nor \"*\"")
RULE(VARY_STAR_WITH_OTHERS, "vary-star-with-others", NOTE,
     "RFC 9110, Section 12.5.5", "Vary with \"*\" and field names")
RULE(ETAG_SYNTAX, "etag-syntax", ERROR, "RFC 9110, Section 8.8.3",
     "an ETag that is not an entity tag, often one without quotes")
RULE(ACCEPT_RANGES_SYNTAX, "accept-ranges-syntax", ERROR,
     "RFC 9110, Section 14.3",
     "an Accept-Ranges that is not a list of range units")
RULE(AGE_SYNTAX, "age-syntax", ERROR, "RFC 9111, Section 5.1",
     "an Age that is not whole seconds")
RULE(LINK_SYNTAX, "link-syntax", ERROR, "RFC 8288, Section 3",
     "a Link that is not a list of \"<URI>\" and parameters")
RULE(LINK_REL, "link-rel", ERROR, "RFC 8288, Section 3.3",
     "a link without a rel parameter, or with several")
RULE(HSTS_SYNTAX, "hsts-syntax", ERROR, "RFC 6797, Section 6.1",
     "a Strict-Transport-Security that browsers must ignore")
RULE(CSP_SYNTAX, "csp-syntax", WARNING, "CSP Level 3, Section 2.2",
     "a Content-Security-Policy directive that browsers skip")
RULE(X_CONTENT_TYPE_OPTIONS_SYNTAX, "x-content-type-options-syntax", WARNING,
     "Fetch Standard, X-Content-Type-Options",
     "an X-Content-Type-Options that is not \"nosniff\"")
RULE(X_FRAME_OPTIONS_SYNTAX, "x-frame-options-syntax", WARNING,
     "RFC 7034, Section 2.1",
     "an X-Frame-Options that browsers ignore or take for DENY")
RULE(REFERRER_POLICY_UNKNOWN, "referrer-policy-unknown", NOTE,
     "Referrer Policy, Section 4.1", "a referrer policy browsers do not know")
RULE(TRANSFER_ENCODING_SYNTAX, "transfer-encoding-syntax", ERROR,
     "RFC 9112, Section 6.1",
     "a Transfer-Encoding member that is not a coding")
RULE(TRANSFER_ENCODING_CHUNKED_TWICE, "transfer-encoding-chunked-twice", ERROR,
     "RFC 9112, Section 6.1", "chunked applied more than once")
RULE(TRANSFER_ENCODING_CHUNKED_NOT_LAST, "transfer-encoding-chunked-not-last",
     NOTE, "RFC 9112, Section 6.1",
     "chunked is not the last coding: the connection's close ends the content")
RULE(TRANSFER_ENCODING_HTTP10, "transfer-encoding-http10", ERROR,
     "RFC 9112, Section 6.1", "Transfer-Encoding in an HTTP/1.0 response")
RULE(TRANSFER_ENCODING_UNKNOWN, "transfer-encoding-unknown", NOTE,
     "RFC 9112, Section 7", "a transfer coding that is not registered")

/* Set-Cookie (RFC 6265, check/cookies.c). */
RULE(SET_COOKIE_SYNTAX, "set-cookie-syntax", WARNING,
     "RFC 6265, Section 4.1.1",
     "a cookie name that is not a token, or a value that is not cookie-octets")
RULE(COOKIE_NAMELESS, "cookie-nameless", ERROR, "RFC 6265, Section 5.2",
     "a Set-Cookie with no '=' or nothing before it")
RULE(COOKIE_TOO_LARGE, "cookie-too-large", ERROR,
     "draft-ietf-httpbis-rfc6265bis, Section 5.6",
     "a cookie whose name and value exceed 4096 bytes, which browsers drop")
RULE(SET_COOKIE_FOLDED, "set-cookie-folded", WARNING, "RFC 6265, Section 3",
     "several cookies folded into one Set-Cookie field with commas")
RULE(COOKIE_NAME_REPEATED, "cookie-name-repeated", WARNING,
     "RFC 6265, Section 4.1.1",
     "the same cookie set twice in a response, for the same domain and path")
RULE(COOKIE_ATTRIBUTE_REPEATED, "cookie-attribute-repeated", WARNING,
     "RFC 6265, Section 4.1.1", "an attribute sent twice in one cookie")
RULE(COOKIE_ATTRIBUTE_UNKNOWN, "cookie-attribute-unknown", NOTE,
     "RFC 6265, Section 5.2", "an attribute browsers do not know and ignore")
RULE(COOKIE_FLAG_WITH_VALUE, "cookie-flag-with-value", WARNING,
     "RFC 6265, Section 4.1.1",
     "Secure, HttpOnly or Partitioned with a value, which is ignored")
RULE(COOKIE_EXPIRES_DATE, "cookie-expires-date", WARNING,
     "RFC 6265, Section 4.1.1",
     "an Expires that is not a date of the form \"Sun, 06 Nov 1994 "
     "08:49:37 GMT\"")
RULE(COOKIE_MAX_AGE_INVALID, "cookie-max-age-invalid", WARNING,
     "RFC 6265, Section 4.1.1", "a Max-Age that is not digits")
RULE(COOKIE_DOMAIN_SYNTAX, "cookie-domain-syntax", WARNING,
     "RFC 6265, Section 4.1.1", "a Domain that is not a host name")
RULE(COOKIE_DOMAIN_LEADING_DOT, "cookie-domain-leading-dot", NOTE,
     "RFC 6265, Section 4.1.2.3",
     "a Domain with a leading dot, which browsers ignore")
RULE(COOKIE_DOMAIN_IP, "cookie-domain-ip", NOTE, "RFC 6265, Section 5.1.3",
     "a Domain that is an IP address")
RULE(COOKIE_DOMAIN_PUBLIC_SUFFIX, "cookie-domain-public-suffix", NOTE,
     "RFC 6265, Section 5.3",
     "a Domain that is a top-level name, which browsers refuse as a public "
     "suffix")
RULE(COOKIE_PATH_RELATIVE, "cookie-path-relative", NOTE,
     "RFC 6265, Section 5.2.4",
     "a Path that does not start with '/', which browsers replace")
RULE(COOKIE_SAMESITE_VALUE, "cookie-samesite-value", WARNING,
     "draft-ietf-httpbis-rfc6265bis, Section 4.1.1",
     "a SameSite other than Strict, Lax or None, which browsers ignore")
RULE(COOKIE_SAMESITE_NONE_INSECURE, "cookie-samesite-none-insecure", ERROR,
     "draft-ietf-httpbis-rfc6265bis, Section 5.7",
     "SameSite=None without Secure: browsers refuse the cookie")
RULE(COOKIE_PREFIX_SECURE, "cookie-prefix-secure", ERROR,
     "draft-ietf-httpbis-rfc6265bis, Section 4.1.3.1",
     "a __Secure- cookie without Secure: browsers refuse it")
RULE(COOKIE_PREFIX_HOST, "cookie-prefix-host", ERROR,
     "draft-ietf-httpbis-rfc6265bis, Section 4.1.3.2",
     "a __Host- cookie without Secure or Path=/, or with Domain: browsers "
     "refuse it")
RULE(COOKIE_IN_INTERIM, "cookie-in-interim", NOTE, "RFC 6265, Section 3",
     "Set-Cookie in a 1xx response, which browsers may ignore")

/* CORS response fields (check/cors.c). */
RULE(CORS_ORIGIN_SYNTAX, "cors-origin-syntax", ERROR, "Fetch, Section 3.2",
     "an Access-Control-Allow-Origin that is not \"*\", \"null\" or an "
     "origin as browsers send it")
RULE(CORS_SEVERAL_ORIGINS, "cors-several-origins", ERROR,
     "Fetch, Section 4.10",
     "several origins in Access-Control-Allow-Origin, or the field on "
     "several lines")
RULE(CORS_WILDCARD_CREDENTIALS, "cors-wildcard-credentials", ERROR,
     "Fetch, Section 4.10",
     "Access-Control-Allow-Origin \"*\" with credentials allowed")
RULE(CORS_CREDENTIALS_VALUE, "cors-credentials-value", NOTE,
     "Fetch, Section 3.3.4",
     "an Access-Control-Allow-Credentials other than one \"true\"")
RULE(CORS_ORIGIN_WITHOUT_VARY, "cors-origin-without-vary", WARNING,
     "Fetch, CORS protocol and HTTP caches",
     "a cacheable response allowing one origin without \"Vary: Origin\"")
RULE(CORS_LIST_SYNTAX, "cors-list-syntax", ERROR, "Fetch, Section 3.3.4",
     "an Access-Control-Allow-Methods, -Allow-Headers or -Expose-Headers "
     "element that is not a token")
RULE(CORS_METHOD_CASE, "cors-method-case", WARNING, "Fetch, Section 2.2.1",
     "a method in Access-Control-Allow-Methods in lower case")
RULE(CORS_WILDCARD_LIST_CREDENTIALS, "cors-wildcard-list-credentials", NOTE,
     "Fetch, Section 3.3.4",
     "\"*\" in a CORS list with credentials allowed, where it is no "
     "wildcard")
RULE(CORS_MAX_AGE_INVALID, "cors-max-age-invalid", WARNING,
     "Fetch, Section 3.3.4",
     "an Access-Control-Max-Age that is not one number of seconds")

/* Structured Fields (RFC 9651, check/structured.c). */
RULE(STRUCTURED_FIELD_SYNTAX, "structured-field-syntax", ERROR,
     "RFC 9651, Section 4.2",
     "a Structured Field whose value does not parse as its type")
RULE(STRUCTURED_FIELD_DUPLICATE_KEY, "structured-field-duplicate-key", WARNING,
     "RFC 9651, Section 3.2",
     "a Dictionary key or a parameter sent twice: only the last counts")
RULE(STRUCTURED_FIELD_BASE64_PADDING, "structured-field-base64-padding",
     WARNING, "RFC 9651, Section 4.1.8",
     "a Byte Sequence without \"=\" padding or with non-zero pad bits")
RULE(ACCEPT_CH_MEMBER_TYPE, "accept-ch-member-type", ERROR,
     "RFC 8942, Section 3.1", "an Accept-CH member that is not a Token")
RULE(CACHE_STATUS_IDENTIFIER, "cache-status-identifier", ERROR,
     "RFC 9211, Section 2",
     "a Cache-Status member that is not a String or Token naming a cache")
RULE(CACHE_STATUS_PARAMETER_TYPE, "cache-status-parameter-type", WARNING,
     "RFC 9211, Section 2", "a Cache-Status parameter of the wrong type")
RULE(CACHE_STATUS_HIT_AND_FWD, "cache-status-hit-and-fwd", NOTE,
     "RFC 9211, Section 2.1", "a Cache-Status member with both hit and fwd")
RULE(PROXY_STATUS_IDENTIFIER, "proxy-status-identifier", ERROR,
     "RFC 9209, Section 2",
     "a Proxy-Status member that is not a String or Token naming a proxy")
RULE(PROXY_STATUS_PARAMETER_TYPE, "proxy-status-parameter-type", WARNING,
     "RFC 9209, Section 2.1", "a Proxy-Status parameter of the wrong type")
RULE(PROXY_STATUS_NEXT_PROTOCOL, "proxy-status-next-protocol", ERROR,
     "RFC 9209, Section 2.1.3",
     "a next-protocol that is not a Token, or a Byte Sequence that could be")
RULE(PROXY_STATUS_RECEIVED_STATUS, "proxy-status-received-status", ERROR,
     "RFC 9209, Section 2.1.4", "a received-status that is not an Integer")
RULE(PRIORITY_PARAMETER_TYPE, "priority-parameter-type", WARNING,
     "RFC 9218, Section 4",
     "a Priority urgency that is not an Integer, or incremental not a Boolean")
RULE(PRIORITY_URGENCY_RANGE, "priority-urgency-range", WARNING,
     "RFC 9218, Section 4.1", "a Priority urgency outside 0 to 7")
RULE(CDN_CACHE_CONTROL_DIRECTIVE_TYPE, "cdn-cache-control-directive-type",
     ERROR, "RFC 9213, Section 2.1",
     "a CDN-Cache-Control directive whose value has the wrong type")
RULE(DIGEST_MEMBER_TYPE, "digest-member-type", WARNING, "RFC 9530, Section 2",
     "a digest that is not a Byte Sequence, or a preference not an Integer")
RULE(DIGEST_LENGTH, "digest-length", WARNING, "RFC 9530, Section 2",
     "a digest of another length than its algorithm's output")
RULE(DIGEST_ALGORITHM_DEPRECATED, "digest-algorithm-deprecated", NOTE,
     "RFC 9530, Section 5", "a digest with a deprecated algorithm")
RULE(WANT_DIGEST_PREFERENCE_RANGE, "want-digest-preference-range", NOTE,
     "RFC 9530, Section 4", "a digest preference outside 0 to 10")
RULE(SIGNATURE_INPUT_MEMBER_TYPE, "signature-input-member-type", WARNING,
     "RFC 9421, Section 4.1",
     "a Signature-Input member that is not an Inner List of Strings, or a "
     "parameter of the wrong type")
RULE(SIGNATURE_MEMBER_TYPE, "signature-member-type", WARNING,
     "RFC 9421, Section 4.2", "a Signature member that is not a Byte Sequence")
RULE(SIGNATURE_LABEL_MISMATCH, "signature-label-mismatch", ERROR,
     "RFC 9421, Section 4",
     "a signature label in Signature-Input or Signature but not both")
RULE(SIGNATURE_LABEL_DUPLICATE, "signature-label-duplicate", ERROR,
     "RFC 9421, Section 4.1", "a signature label sent twice")
RULE(REPORTING_ENDPOINTS_MEMBER_TYPE, "reporting-endpoints-member-type", ERROR,
     "Reporting API, Section 3.2",
     "a Reporting-Endpoints member that is not a String")
RULE(REPORTING_ENDPOINTS_INSECURE, "reporting-endpoints-insecure", ERROR,
     "Reporting API, Section 3.2",
     "a reporting endpoint whose URL is not potentially trustworthy")
RULE(CROSS_ORIGIN_POLICY_TYPE, "cross-origin-policy-type", ERROR,
     "HTML, the-coop-headers",
     "a Cross-Origin-Opener-Policy or -Embedder-Policy that is not a Token")
RULE(CROSS_ORIGIN_POLICY_VALUE, "cross-origin-policy-value", WARNING,
     "HTML, the-coop-headers",
     "a Cross-Origin-Opener-Policy or -Embedder-Policy that is no policy")
RULE(ORIGIN_AGENT_CLUSTER_TYPE, "origin-agent-cluster-type", ERROR,
     "HTML, origin-keyed-agent-clusters",
     "an Origin-Agent-Cluster that is not a Boolean")

/* Caching (RFC 9111, check/caching.c) and Date. */
RULE(CACHE_CONTROL_SYNTAX, "cache-control-syntax", ERROR,
     "RFC 9111, Section 5.2",
     "a Cache-Control element that is not a directive, or an empty one")
RULE(CACHE_CONTROL_DELTA_SECONDS, "cache-control-delta-seconds", ERROR,
     "RFC 9111, Section 1.2.2",
     "max-age or s-maxage without a number of seconds, or with it quoted")
RULE(CACHE_CONTROL_ARGUMENT, "cache-control-argument", WARNING,
     "RFC 9111, Section 5.2",
     "an argument where none belongs, or field names not in quotes")
RULE(CACHE_CONTROL_CONFLICT, "cache-control-conflict", WARNING,
     "RFC 9111, Section 4.2.1", "a directive repeated with another value")
RULE(CACHE_CONTROL_CONTRADICTION, "cache-control-contradiction", NOTE,
     "RFC 9111, Section 4.2.1",
     "directives that cancel each other, such as public with private")
RULE(CACHE_CONTROL_REQUEST_DIRECTIVE, "cache-control-request-directive", NOTE,
     "RFC 9111, Section 5.2.1",
     "max-stale, min-fresh or only-if-cached in a response")
RULE(CACHE_CONTROL_MISSPELLED, "cache-control-misspelled", NOTE,
     "RFC 9111, Section 5.2.3",
     "an unknown directive that is a known one misspelled, such as max_age")
RULE(MUST_UNDERSTAND_WITHOUT_NO_STORE, "must-understand-without-no-store",
     WARNING, "RFC 9111, Section 5.2.2.3", "must-understand without no-store")
RULE(STALE_ON_ARRIVAL, "stale-on-arrival", NOTE, "RFC 9111, Section 4.2",
     "a response already older than its freshness lifetime")
RULE(FRESHNESS_HEURISTIC, "freshness-heuristic", NOTE,
     "RFC 9111, Section 4.2.2",
     "Cache-Control with public, private or must-revalidate but no lifetime")
RULE(VARY_STAR_CACHEABLE, "vary-star-cacheable", NOTE, "RFC 9111, Section 4.1",
     "Vary: * on a response that is given a freshness lifetime")
RULE(PRAGMA_IN_RESPONSE, "pragma-in-response", NOTE, "RFC 9111, Section 5.4",
     "Pragma in a response, where it has no defined meaning")
RULE(NOT_MODIFIED_EXTRA_FIELDS, "not-modified-extra-fields", WARNING,
     "RFC 9110, Section 15.4.5",
     "a 304 with Content-Type, Content-Encoding or Content-Language")
RULE(DATE_MISSING, "date-missing", WARNING, "RFC 9110, Section 6.6.1",
     "a 2xx, 3xx or 4xx response without Date")
RULE(DATE_SKEW, "date-skew", NOTE, "RFC 9110, Section 6.6.1",
     "a Date more than a minute away from --now")

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
