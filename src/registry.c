/*
 * registry.c: the registry itself, one designated initializer per code.
 *
 * Codes, names and reasons come from HTTPSTATUS_MAP in the header, through
 * REGISTERED(); an entry the map has and this table lacks leaves its name_
 * string unused, which -Wall reports, and an index given twice is
 * reported by -Wextra (-Woverride-init). The prose is ours.
 * Building with -DHTTPSTATUS_NO_PROSE leaves the summaries, descriptions
 * and use cases out ("" and empty lists) for small targets.
 */
#include "internal.h"

#define XX(num, id, text)                                                     \
    static const char name_##id[] = #id;                                      \
    static const char reason_##id[] = text;
HTTPSTATUS_MAP(XX)
#undef XX

#define REGISTERED(id)                                                        \
    .code = HTTPSTATUS_##id,                                                  \
    .status_class = (enum httpstatus_class)(HTTPSTATUS_##id / 100),           \
    .name = name_##id, .reason = reason_##id

#define I(id) HTTPSTATUS__INDEX_##id

static const char *const no_names[] = {NULL};
#define NO_NAMES   no_names
#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

#ifdef HTTPSTATUS_NO_PROSE
#define TEXT(text) ""
#define LIST(...)  no_names
#else
#define TEXT(text) text
#define LIST(...)  NAMES(__VA_ARGS__)
#endif

#define RULES(array)                                                          \
    .headers = array, .header_count = sizeof array / sizeof array[0]

/* Header rules, shared where codes share them. */
static const struct httpstatus_header_rule rules_no_length[] = {
    {"Content-Length", HTTPSTATUS_MUST_NOT, NULL, "RFC 9110, Section 8.6"},
    {"Transfer-Encoding", HTTPSTATUS_MUST_NOT, NULL, "RFC 9112, Section 6.1"},
};
static const struct httpstatus_header_rule rules_101[] = {
    {"Upgrade", HTTPSTATUS_MUST, NULL, "RFC 9110, Section 15.2.2"},
    {"Content-Length", HTTPSTATUS_MUST_NOT, NULL, "RFC 9110, Section 8.6"},
    {"Transfer-Encoding", HTTPSTATUS_MUST_NOT, NULL, "RFC 9112, Section 6.1"},
};
static const struct httpstatus_header_rule rules_103[] = {
    {"Link", HTTPSTATUS_MAY, NULL, "RFC 8297, Section 2"},
    {"Content-Length", HTTPSTATUS_MUST_NOT, NULL, "RFC 9110, Section 8.6"},
    {"Transfer-Encoding", HTTPSTATUS_MUST_NOT, NULL, "RFC 9112, Section 6.1"},
};
static const struct httpstatus_header_rule rules_104[] = {
    {"Location", HTTPSTATUS_MAY, NULL,
     "draft-ietf-httpbis-resumable-upload-05"},
    {"Content-Length", HTTPSTATUS_MUST_NOT, NULL, "RFC 9110, Section 8.6"},
    {"Transfer-Encoding", HTTPSTATUS_MUST_NOT, NULL, "RFC 9112, Section 6.1"},
};
static const struct httpstatus_header_rule rules_201[] = {
    {"Location", HTTPSTATUS_MAY, NULL, "RFC 9110, Section 15.3.2"},
};
static const struct httpstatus_header_rule rules_206[] = {
    {"Content-Range", HTTPSTATUS_MUST, "when one range is sent",
     "RFC 9110, Section 15.3.7.1"},
    {"Content-Type", HTTPSTATUS_MUST,
     "when several ranges are sent: multipart/byteranges",
     "RFC 9110, Section 15.3.7.2"},
};
static const struct httpstatus_header_rule rules_300[] = {
    {"Location", HTTPSTATUS_SHOULD, "when the server has a preferred choice",
     "RFC 9110, Section 15.4.1"},
};
static const struct httpstatus_header_rule rules_301[] = {
    {"Location", HTTPSTATUS_SHOULD, NULL, "RFC 9110, Section 15.4.2"},
};
static const struct httpstatus_header_rule rules_302[] = {
    {"Location", HTTPSTATUS_SHOULD, NULL, "RFC 9110, Section 15.4.3"},
};
static const struct httpstatus_header_rule rules_303[] = {
    {"Location", HTTPSTATUS_SHOULD, NULL, "RFC 9110, Section 15.4.4"},
};
static const struct httpstatus_header_rule rules_304[] = {
    {"Cache-Control", HTTPSTATUS_MUST,
     "when a 200 response would have carried it", "RFC 9110, Section 15.4.5"},
    {"Content-Location", HTTPSTATUS_MUST,
     "when a 200 response would have carried it", "RFC 9110, Section 15.4.5"},
    {"Date", HTTPSTATUS_MUST, "when a 200 response would have carried it",
     "RFC 9110, Section 15.4.5"},
    {"ETag", HTTPSTATUS_MUST, "when a 200 response would have carried it",
     "RFC 9110, Section 15.4.5"},
    {"Expires", HTTPSTATUS_MUST, "when a 200 response would have carried it",
     "RFC 9110, Section 15.4.5"},
    {"Vary", HTTPSTATUS_MUST, "when a 200 response would have carried it",
     "RFC 9110, Section 15.4.5"},
};
static const struct httpstatus_header_rule rules_307[] = {
    {"Location", HTTPSTATUS_SHOULD, NULL, "RFC 9110, Section 15.4.8"},
};
static const struct httpstatus_header_rule rules_308[] = {
    {"Location", HTTPSTATUS_SHOULD, NULL, "RFC 9110, Section 15.4.9"},
};
static const struct httpstatus_header_rule rules_401[] = {
    {"WWW-Authenticate", HTTPSTATUS_MUST, NULL, "RFC 9110, Section 15.5.2"},
};
static const struct httpstatus_header_rule rules_405[] = {
    {"Allow", HTTPSTATUS_MUST, NULL, "RFC 9110, Section 15.5.6"},
};
static const struct httpstatus_header_rule rules_407[] = {
    {"Proxy-Authenticate", HTTPSTATUS_MUST, NULL, "RFC 9110, Section 15.5.8"},
};
static const struct httpstatus_header_rule rules_413[] = {
    {"Retry-After", HTTPSTATUS_SHOULD, "when the condition is temporary",
     "RFC 9110, Section 15.5.14"},
};
static const struct httpstatus_header_rule rules_415[] = {
    {"Accept", HTTPSTATUS_MAY, "when the media type is the problem",
     "RFC 9110, Section 15.5.16"},
    {"Accept-Encoding", HTTPSTATUS_MAY,
     "when the content coding is the problem", "RFC 9110, Section 15.5.16"},
};
static const struct httpstatus_header_rule rules_416[] = {
    {"Content-Range", HTTPSTATUS_SHOULD, NULL, "RFC 9110, Section 15.5.17"},
};
static const struct httpstatus_header_rule rules_426[] = {
    {"Upgrade", HTTPSTATUS_MUST, NULL, "RFC 9110, Section 15.5.22"},
};
static const struct httpstatus_header_rule rules_429[] = {
    {"Retry-After", HTTPSTATUS_MAY, NULL, "RFC 6585, Section 4"},
};
static const struct httpstatus_header_rule rules_451[] = {
    {"Link", HTTPSTATUS_SHOULD, NULL, "RFC 7725, Section 4"},
};
static const struct httpstatus_header_rule rules_503[] = {
    {"Retry-After", HTTPSTATUS_MAY, NULL, "RFC 9110, Section 15.6.4"},
};
static const struct httpstatus_header_rule rules_511[] = {
    {"WWW-Authenticate", HTTPSTATUS_SHOULD_NOT, NULL, "RFC 6585, Section 6"},
};

/* clang-format off */
const struct httpstatus_info
    httpstatus__registered[HTTPSTATUS__REGISTERED_COUNT] = {
    [I(CONTINUE)] = {
        REGISTERED(CONTINUE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_INTERIM | HTTPSTATUS_FLAG_NO_CONTENT,
        .reference = "RFC 9110, Section 15.2.1",
        .summary = TEXT(
            "The server has seen the request headers and is ready for the "
            "client to send the request body."),
        .description = TEXT(
            "A server sends this interim reply when a request carries "
            "Expect: 100-continue and the headers look acceptable, before "
            "the body has been read. The client should go ahead and send the"
            " body, then wait for the final status. It has no content and is"
            " never sent to HTTP/1.0 clients."),
        .use_cases = LIST(
            "Large upload sent with Expect: 100-continue",
            "Checking auth before streaming a big body",
            "Avoiding a wasted upload the server would refuse"),
        .aliases = NO_NAMES,
        RULES(rules_no_length),
    },
    [I(SWITCHING_PROTOCOLS)] = {
        REGISTERED(SWITCHING_PROTOCOLS),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_INTERIM | HTTPSTATUS_FLAG_NO_CONTENT,
        .reference = "RFC 9110, Section 15.2.2",
        .summary = TEXT(
            "The server agrees to change the connection to the protocol the "
            "client asked for in Upgrade."),
        .description = TEXT(
            "Sent in reply to a request with an Upgrade header when the "
            "server accepts the switch; the response must carry an Upgrade "
            "header naming the new protocol. Right after the empty line that"
            " ends this response, both sides speak the new protocol on the "
            "same connection. The response has no content."),
        .use_cases = LIST(
            "WebSocket handshake over HTTP/1.1",
            "Upgrading an HTTP/1.1 connection to h2c",
            "Switching to a custom protocol on the same socket"),
        .aliases = NO_NAMES,
        RULES(rules_101),
    },
    [I(PROCESSING)] = {
        REGISTERED(PROCESSING),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_INTERIM | HTTPSTATUS_FLAG_NO_CONTENT,
        .reference = "RFC 2518",
        .summary = TEXT(
            "The server has accepted the request and is still working on it,"
            " so the client should keep waiting."),
        .description = TEXT(
            "A WebDAV interim response from RFC 2518, sent during long "
            "operations to stop the client from timing out. RFC 4918 dropped"
            " it, so newer servers rarely send it and some libraries mark it"
            " deprecated. A client should ignore it and keep waiting for the"
            " final status; like all 1xx codes it has no content."),
        .use_cases = LIST(
            "Long WebDAV COPY or MOVE of a large tree",
            "Keeping a slow request from timing out",
            "Legacy WebDAV server compatibility"),
        .aliases = NO_NAMES,
        RULES(rules_no_length),
    },
    [I(EARLY_HINTS)] = {
        REGISTERED(EARLY_HINTS),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_INTERIM | HTTPSTATUS_FLAG_NO_CONTENT,
        .reference = "RFC 8297",
        .summary = TEXT(
            "The server sends hints, usually Link headers, before the final "
            "response is ready."),
        .description = TEXT(
            "Defined in RFC 8297, it lets a server list resources the page "
            "will need, for example with Link rel=preload or preconnect, "
            "while it is still building the real response. A client may "
            "start fetching those resources early, but must not treat the "
            "headers as part of the final response. It has no content."),
        .use_cases = LIST(
            "Preloading CSS and fonts while HTML renders",
            "Preconnecting to a CDN origin early",
            "CDN relaying hints from a slow origin"),
        .aliases = NO_NAMES,
        RULES(rules_103),
    },
    [I(UPLOAD_RESUMPTION_SUPPORTED)] = {
        REGISTERED(UPLOAD_RESUMPTION_SUPPORTED),
        .kind = HTTPSTATUS_KIND_TEMPORARY,
        .flags = HTTPSTATUS_FLAG_INTERIM | HTTPSTATUS_FLAG_NO_CONTENT,
        .reference = "draft-ietf-httpbis-resumable-upload-05",
        .summary = TEXT(
            "The server tells the client that this upload can be resumed if "
            "it is interrupted."),
        .description = TEXT(
            "A temporary IANA registration from the resumable uploads draft "
            "(draft-ietf-httpbis-resumable-upload-05), set to expire on "
            "2026-11-13. The server sends it while receiving an upload, with"
            " a Location header naming the upload resource and related "
            "upload headers. A client should remember that URL so it can "
            "query the offset and resume after a failure."),
        .use_cases = LIST(
            "Resumable file upload from a mobile app",
            "Recovering a large upload after a dropped link",
            "Client learning the upload resource URL early"),
        .aliases = NO_NAMES,
        RULES(rules_104),
    },
    [I(OK)] = {
        REGISTERED(OK),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.3.1",
        .summary = TEXT(
            "The request worked, and the response carries the normal result "
            "for the method used."),
        .description = TEXT(
            "This is the usual success reply. For GET the content is the "
            "requested resource, for HEAD only its headers are sent, and for"
            " POST it is the outcome of the action. The client can use the "
            "content as the answer; caches may store it by default unless "
            "headers say otherwise."),
        .use_cases = LIST(
            "Page or file fetched with GET",
            "API call returning JSON data",
            "Form or action handled with a result body"),
        .aliases = NO_NAMES,
    },
    [I(CREATED)] = {
        REGISTERED(CREATED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.3.2",
        .summary = TEXT(
            "The request succeeded and a new resource now exists as a "
            "result."),
        .description = TEXT(
            "Sent after a request, often POST or PUT, creates something. The"
            " Location header usually gives the URL of the new resource; "
            "without it, the request URL is the new resource. The client "
            "should read Location to find the item rather than guessing its "
            "address."),
        .use_cases = LIST(
            "New record created via a POST to a collection",
            "File stored with PUT at a new URL",
            "User account sign-up via an API"),
        .aliases = NO_NAMES,
        RULES(rules_201),
    },
    [I(ACCEPTED)] = {
        REGISTERED(ACCEPTED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.3.3",
        .summary = TEXT(
            "The server has taken the request for processing but has not "
            "finished it yet."),
        .description = TEXT(
            "Used when work will run later, for example in a queue or batch "
            "job, and may still fail. The server gives no promise about the "
            "outcome. The response should tell the client where to check on "
            "progress, such as a status URL; the client should poll that "
            "rather than assume success."),
        .use_cases = LIST(
            "Queued background job or batch import",
            "Report or export generated asynchronously",
            "Message accepted for later delivery"),
        .aliases = NO_NAMES,
    },
    [I(NON_AUTHORITATIVE_INFORMATION)] = {
        REGISTERED(NON_AUTHORITATIVE_INFORMATION),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.3.4",
        .summary = TEXT(
            "The request succeeded, but a proxy changed the content it got "
            "from the origin server."),
        .description = TEXT(
            "A transforming proxy sends this instead of 200 when it has "
            "altered the origin's response, for example by recompressing "
            "images or rewriting headers. The client can use the result but "
            "should know it is not exactly what the origin sent. It may be "
            "cached by default."),
        .use_cases = LIST(
            "Proxy recompressing images to save bandwidth",
            "Gateway rewriting or filtering a response",
            "Content altered by a transforming proxy"),
        .aliases = NAMES("NON_AUTHORITATIVE"),
    },
    [I(NO_CONTENT)] = {
        REGISTERED(NO_CONTENT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_NO_CONTENT | HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.3.5",
        .summary = TEXT(
            "The request succeeded and there is nothing to send back in the "
            "body."),
        .description = TEXT(
            "Common after saves, updates and deletes where the client needs "
            "no data in return. The response ends after the headers and "
            "cannot carry content. A browser stays on the current page; an "
            "API client should treat it as success and not try to parse a "
            "body."),
        .use_cases = LIST(
            "DELETE that removed a resource",
            "PUT or PATCH save with no data to return",
            "Beacon or analytics ping"),
        .aliases = NO_NAMES,
        RULES(rules_no_length),
    },
    [I(RESET_CONTENT)] = {
        REGISTERED(RESET_CONTENT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_EMPTY_CONTENT,
        .reference = "RFC 9110, Section 15.3.6",
        .summary = TEXT(
            "The request succeeded, and the client should reset the form or "
            "view that sent it."),
        .description = TEXT(
            "Sent after a form submission or similar input when the server "
            "wants the client to clear the input so the user can start "
            "fresh. The server must send empty content. The client should "
            "reset its form or document view and not navigate away."),
        .use_cases = LIST(
            "Clearing a data-entry form after submit",
            "Resetting a UI view after a command",
            "Repeated entry of many records in one form"),
        .aliases = NO_NAMES,
    },
    [I(PARTIAL_CONTENT)] = {
        REGISTERED(PARTIAL_CONTENT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.3.7",
        .summary = TEXT(
            "The server is sending only the part of the resource the client "
            "asked for with Range."),
        .description = TEXT(
            "The reply to a successful Range request. A single part must "
            "come with a Content-Range header; several parts are sent as "
            "multipart/byteranges, each part with its own Content-Range. The"
            " client should stitch the bytes into place; a cache may store "
            "it only if it understands 206."),
        .use_cases = LIST(
            "Resuming an interrupted download",
            "Seeking within a video or audio stream",
            "Parallel chunked downloads"),
        .aliases = NO_NAMES,
        RULES(rules_206),
    },
    [I(MULTI_STATUS)] = {
        REGISTERED(MULTI_STATUS),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 4918",
        .summary = TEXT(
            "The body holds separate status results for several resources "
            "touched by one request."),
        .description = TEXT(
            "A WebDAV code (RFC 4918) used when one request acts on many "
            "resources. The body is an XML multistatus document with a "
            "status for each item. The client must read each entry, since "
            "some may have failed even though the overall code is 2xx."),
        .use_cases = LIST(
            "WebDAV PROPFIND listing a folder",
            "Batch operation with mixed results",
            "PROPPATCH on several properties"),
        .aliases = NO_NAMES,
    },
    [I(ALREADY_REPORTED)] = {
        REGISTERED(ALREADY_REPORTED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 5842",
        .summary = TEXT(
            "This member of a WebDAV binding was already listed earlier in "
            "the same multistatus reply."),
        .description = TEXT(
            "Defined by the WebDAV bindings extension (RFC 5842) and used "
            "inside a 207 body. When a collection is reachable through more "
            "than one binding, the server lists it once and marks later "
            "repeats with 208 instead of enumerating them again. The client "
            "should use the earlier entry and not recurse into it, which "
            "also prevents loops."),
        .use_cases = LIST(
            "PROPFIND over collections with multiple bindings",
            "Avoiding repeated entries in a 207 body",
            "Preventing infinite recursion on bind loops"),
        .aliases = NO_NAMES,
    },
    [I(IM_USED)] = {
        REGISTERED(IM_USED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 3229",
        .summary = TEXT(
            "The server answered a GET with one or more instance "
            "manipulations, such as a delta."),
        .description = TEXT(
            "From HTTP delta encoding (RFC 3229). When a client says with "
            "A-IM which manipulations it accepts, the server may send a "
            "delta against a version the client already has instead of the "
            "full resource. The IM header names what was applied; the client"
            " should apply it to its cached copy to rebuild the current "
            "version."),
        .use_cases = LIST(
            "Delta update against a cached copy",
            "Feed sending only changed entries",
            "Cutting bandwidth for large, slowly changing files"),
        .aliases = NO_NAMES,
    },
    [I(MULTIPLE_CHOICES)] = {
        REGISTERED(MULTIPLE_CHOICES),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .redirect = HTTPSTATUS_REDIRECT_CHOICE,
        .reference = "RFC 9110, Section 15.4.1",
        .summary = TEXT(
            "The resource exists in several forms, and the client or user "
            "needs to pick one."),
        .description = TEXT(
            "Sent when there are several representations, such as different "
            "languages or formats, and the server will not pick for the "
            "client. The body usually lists the options. If the server has a"
            " favourite, it should name it in Location, and a client may "
            "follow it. Caches may store this response by default."),
        .use_cases = LIST(
            "Document in several languages or formats",
            "File offered in several file types",
            "Ambiguous short URL with many targets"),
        .aliases = NO_NAMES,
        RULES(rules_300),
    },
    [I(MOVED_PERMANENTLY)] = {
        REGISTERED(MOVED_PERMANENTLY),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE | HTTPSTATUS_FLAG_PERMANENT,
        .redirect = HTTPSTATUS_REDIRECT_MAY_CHANGE_METHOD,
        .reference = "RFC 9110, Section 15.4.2",
        .summary = TEXT(
            "The resource has a new permanent URL, given in the Location "
            "header."),
        .description = TEXT(
            "Sent when content has moved for good. The client should follow "
            "Location and update bookmarks or links to the new URL. Clients "
            "may change a POST into a GET when following it; use 308 if the "
            "method must be kept. Caches may store it by default."),
        .use_cases = LIST(
            "Domain or site migration",
            "HTTP to HTTPS redirect",
            "Renamed page or changed URL scheme"),
        .aliases = NO_NAMES,
        RULES(rules_301),
    },
    [I(FOUND)] = {
        REGISTERED(FOUND),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .redirect = HTTPSTATUS_REDIRECT_MAY_CHANGE_METHOD,
        .reference = "RFC 9110, Section 15.4.3",
        .summary = TEXT(
            "The resource is for now at another URL, given in Location; keep"
            " using the original URL."),
        .description = TEXT(
            "A temporary redirect. The client should follow Location for "
            "this request but keep the original URL for later ones. Many "
            "clients turn a POST into a GET when following it; use 307 to "
            "keep the method, or 303 to ask for a GET on purpose."),
        .use_cases = LIST(
            "Redirect to a login page",
            "Temporary maintenance or promo page",
            "Short-term move of a resource"),
        .aliases = NAMES("Moved Temporarily"),
        RULES(rules_302),
    },
    [I(SEE_OTHER)] = {
        REGISTERED(SEE_OTHER),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .redirect = HTTPSTATUS_REDIRECT_CHANGES_TO_GET,
        .reference = "RFC 9110, Section 15.4.4",
        .summary = TEXT(
            "The answer is at another URL in Location, and the client should"
            " fetch it with GET."),
        .description = TEXT(
            "Often sent after a POST or PUT to send the client to a page "
            "showing the result. The client follows Location with GET (or "
            "HEAD if the original was HEAD), whatever method it first used. "
            "The new URL is not a replacement for the original resource."),
        .use_cases = LIST(
            "Post/Redirect/Get after a form submit",
            "Pointing to the status page of an async job",
            "Result of an action at a separate URL"),
        .aliases = NO_NAMES,
        RULES(rules_303),
    },
    [I(NOT_MODIFIED)] = {
        REGISTERED(NOT_MODIFIED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_NO_CONTENT,
        .redirect = HTTPSTATUS_REDIRECT_NOT_MODIFIED,
        .reference = "RFC 9110, Section 15.4.5",
        .summary = TEXT(
            "The client's cached copy is still current, so the server sends "
            "no content."),
        .description = TEXT(
            "The reply to a conditional GET or HEAD, using If-None-Match or "
            "If-Modified-Since, when the resource has not changed. It has no"
            " content, but must include headers like ETag, Date, Cache-"
            "Control and Vary that a 200 would have had. The client should "
            "reuse its stored copy and update its metadata."),
        .use_cases = LIST(
            "Browser revalidating a cached page with ETag",
            "API polling with If-None-Match",
            "CDN checking freshness with the origin"),
        .aliases = NO_NAMES,
        RULES(rules_304),
    },
    [I(USE_PROXY)] = {
        REGISTERED(USE_PROXY),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_DEPRECATED,
        .reference = "RFC 9110, Section 15.4.6",
        .summary = TEXT(
            "A deprecated code that told the client to repeat the request "
            "through a given proxy."),
        .description = TEXT(
            "Older specifications used it to tell a client to go through the"
            " proxy named in Location. It was deprecated because it let a "
            "server redirect a client to an arbitrary proxy, which is a "
            "security risk. Servers should not send it, and clients ignore "
            "it."),
        .use_cases = LIST(
            "Legacy servers from early HTTP/1.1",
            "Handling in old client code",
            "Reference when reading historical logs"),
        .aliases = NO_NAMES,
    },
    [I(SWITCH_PROXY)] = {
        REGISTERED(SWITCH_PROXY),
        .kind = HTTPSTATUS_KIND_RESERVED,
        .reference = "RFC 9110, Section 15.4.7",
        .summary = TEXT(
            "A reserved code that is no longer used; IANA lists it as "
            "\"(Unused)\"."),
        .description = TEXT(
            "An early HTTP/1.1 draft called it Switch Proxy, meant to tell "
            "clients to send later requests through a different proxy. The "
            "idea was dropped and the number is reserved so that it is never"
            " given another meaning. Servers should not send it; a client "
            "that gets it can only treat it as a generic 3xx."),
        .use_cases = LIST(
            "Recognising the number in status tables",
            "Historical reference in old drafts",
            "Rejecting unexpected codes in validators"),
        .aliases = NO_NAMES,
    },
    [I(TEMPORARY_REDIRECT)] = {
        REGISTERED(TEMPORARY_REDIRECT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .redirect = HTTPSTATUS_REDIRECT_KEEPS_METHOD,
        .reference = "RFC 9110, Section 15.4.8",
        .summary = TEXT(
            "The resource is for now at the URL in Location; repeat the same"
            " request there."),
        .description = TEXT(
            "A temporary redirect that keeps the method and body: a POST "
            "stays a POST. The client should send the same request to "
            "Location but keep using the original URL later on. Use it "
            "instead of 302 when changing to GET would be wrong."),
        .use_cases = LIST(
            "Forwarding a POST to another server",
            "Temporary failover or maintenance host",
            "HSTS upgrade to HTTPS inside a browser"),
        .aliases = NO_NAMES,
        RULES(rules_307),
    },
    [I(PERMANENT_REDIRECT)] = {
        REGISTERED(PERMANENT_REDIRECT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE | HTTPSTATUS_FLAG_PERMANENT,
        .redirect = HTTPSTATUS_REDIRECT_KEEPS_METHOD,
        .reference = "RFC 9110, Section 15.4.9",
        .summary = TEXT(
            "The resource has moved for good to the URL in Location; repeat "
            "the same request there."),
        .description = TEXT(
            "A permanent redirect that keeps the method and body, so a POST "
            "stays a POST. The client should resend the request to Location "
            "and update stored links to the new URL. Use it instead of 301 "
            "when the method must not change. Caches may store it by "
            "default."),
        .use_cases = LIST(
            "API endpoint moved to a new path",
            "Permanent move of an upload or form URL",
            "Domain change keeping POST and PUT intact"),
        .aliases = NO_NAMES,
        RULES(rules_308),
    },
    [I(BAD_REQUEST)] = {
        REGISTERED(BAD_REQUEST),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.1",
        .summary = TEXT(
            "The server will not process the request because something in it"
            " is malformed or invalid."),
        .description = TEXT(
            "Sent when the request cannot be handled as written, for example"
            " because of broken syntax, a malformed header or a body the "
            "server cannot parse. It is the general catch-all for client "
            "mistakes when no more specific 4xx code fits. The client should"
            " fix the request, using any error details in the response body;"
            " repeating it unchanged will fail the same way."),
        .use_cases = LIST(
            "Malformed JSON in a request body",
            "Missing or badly formatted query parameter",
            "Invalid header value or broken request framing"),
        .aliases = NO_NAMES,
    },
    [I(UNAUTHORIZED)] = {
        REGISTERED(UNAUTHORIZED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .reference = "RFC 9110, Section 15.5.2",
        .summary = TEXT(
            "The request lacks valid credentials for the resource, so the "
            "server asks the client to authenticate."),
        .description = TEXT(
            "Sent when authentication is missing, expired or rejected. The "
            "response must include a WWW-Authenticate header with at least "
            "one challenge naming the scheme to use. The client may repeat "
            "the request with new or corrected credentials in the "
            "Authorization header; if it already sent some, they were "
            "refused."),
        .use_cases = LIST(
            "API call without a bearer token",
            "Expired or revoked access token",
            "Wrong username or password for Basic auth"),
        .aliases = NO_NAMES,
        RULES(rules_401),
    },
    [I(PAYMENT_REQUIRED)] = {
        REGISTERED(PAYMENT_REQUIRED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.3",
        .summary = TEXT(
            "A code reserved for future use in payment schemes, with no "
            "standard meaning defined yet."),
        .description = TEXT(
            "HTTP reserves this code but has never specified how it should "
            "work, so no standard header or flow goes with it. Some services"
            " use it anyway to say that a plan, quota or subscription must "
            "be paid for. Clients should not assume a consistent meaning and"
            " should read the response body for details."),
        .use_cases = LIST(
            "Subscription lapsed on a paid API",
            "Free-tier quota used up until an upgrade",
            "Pay-per-use content behind a paywall"),
        .aliases = NO_NAMES,
    },
    [I(FORBIDDEN)] = {
        REGISTERED(FORBIDDEN),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.4",
        .summary = TEXT(
            "The server understood the request but refuses to carry it out "
            "for this client."),
        .description = TEXT(
            "Sent when the client is not permitted to perform the action, "
            "whatever credentials it presents, or when the server simply "
            "declines to serve it. Unlike 401, authenticating again as the "
            "same identity will not help, and the client should not repeat "
            "the request with the same credentials. A server that wants to "
            "hide whether the resource exists may answer 404 instead."),
        .use_cases = LIST(
            "Signed-in user lacking the required role",
            "Request blocked by an IP or geo filter",
            "Directory listing disabled on a web server"),
        .aliases = NO_NAMES,
    },
    [I(NOT_FOUND)] = {
        REGISTERED(NOT_FOUND),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.5.5",
        .summary = TEXT(
            "Nothing is available at the requested URL, or the server "
            "prefers not to reveal that something is."),
        .description = TEXT(
            "Sent when no resource matches the target, without saying "
            "whether the absence is temporary or permanent. Servers also use"
            " it to conceal resources the client may not know about. It is "
            "cacheable by default. The client should check the URL and "
            "should not expect a retry to succeed unless the resource gets "
            "created."),
        .use_cases = LIST(
            "Mistyped URL in a browser",
            "Fetch of a record id that was never created",
            "Private resource hidden from outsiders"),
        .aliases = NO_NAMES,
    },
    [I(METHOD_NOT_ALLOWED)] = {
        REGISTERED(METHOD_NOT_ALLOWED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.5.6",
        .summary = TEXT(
            "The resource exists but does not accept the HTTP method used in"
            " the request."),
        .description = TEXT(
            "Sent when the server knows the target but does not support the "
            "method, such as PUT or DELETE, on it. The response must carry "
            "an Allow header listing the methods that are supported, and "
            "that list may be empty. It is cacheable by default. The client "
            "should switch to an allowed method rather than retrying as is."),
        .use_cases = LIST(
            "POST to a read-only resource",
            "DELETE on a collection that forbids it",
            "PUT against an endpoint that only takes GET"),
        .aliases = NAMES("Not Allowed"),
        RULES(rules_405),
    },
    [I(NOT_ACCEPTABLE)] = {
        REGISTERED(NOT_ACCEPTABLE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.7",
        .summary = TEXT(
            "The server has no representation that matches the preferences "
            "in the client's Accept headers."),
        .description = TEXT(
            "Sent when content negotiation fails because nothing available "
            "satisfies the Accept, Accept-Language or Accept-Encoding "
            "headers in the request. The body may list what is on offer, and"
            " many servers skip this code and send a default instead. The "
            "client can loosen its preferences, for example by adding */* to"
            " Accept, and try again."),
        .use_cases = LIST(
            "Accept asks only for XML on a JSON-only API",
            "Requested language not available",
            "Strict Accept header with no wildcard"),
        .aliases = NO_NAMES,
    },
    [I(PROXY_AUTHENTICATION_REQUIRED)] = {
        REGISTERED(PROXY_AUTHENTICATION_REQUIRED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .reference = "RFC 9110, Section 15.5.8",
        .summary = TEXT(
            "A proxy between the client and the server requires the client "
            "to authenticate with it first."),
        .description = TEXT(
            "Works like 401, except that the challenge comes from a proxy "
            "rather than the origin server. The proxy must send a Proxy-"
            "Authenticate header describing the scheme it accepts. The "
            "client may repeat the request with a Proxy-Authorization header"
            " holding suitable credentials."),
        .use_cases = LIST(
            "Corporate proxy demanding a login",
            "Missing Proxy-Authorization header",
            "Expired proxy credentials in a CI job"),
        .aliases = NO_NAMES,
        RULES(rules_407),
    },
    [I(REQUEST_TIMEOUT)] = {
        REGISTERED(REQUEST_TIMEOUT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_ANY_METHOD,
        .reference = "RFC 9110, Section 15.5.9",
        .summary = TEXT(
            "The server stopped waiting because the client did not finish "
            "sending a complete request in time."),
        .description = TEXT(
            "Sent when a connection was opened but the full request did not "
            "arrive within the server's time limit; the server usually "
            "closes the connection afterwards. The client may send the "
            "request again, on a new connection if the old one was closed. "
            "Repeated timeouts suggest a slow network or a client that "
            "stalls while uploading."),
        .use_cases = LIST(
            "Idle connection closed before a request came",
            "Slow upload that stalls halfway",
            "Client opening a socket but sending nothing"),
        .aliases = NAMES("Request Time-out"),
    },
    [I(CONFLICT)] = {
        REGISTERED(CONFLICT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.10",
        .summary = TEXT(
            "The request clashes with the current state of the resource, so "
            "it cannot be completed now."),
        .description = TEXT(
            "Sent when carrying out the request would conflict with what is "
            "already stored, such as an edit based on an old version or a "
            "duplicate unique key. The response should explain the conflict "
            "so it can be resolved. The client should fetch the latest "
            "state, reconcile the differences and resubmit; the same request"
            " sent unchanged will usually fail again."),
        .use_cases = LIST(
            "Concurrent edits to the same document",
            "Creating a user whose name is already taken",
            "Version mismatch in an update request"),
        .aliases = NO_NAMES,
    },
    [I(GONE)] = {
        REGISTERED(GONE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.5.11",
        .summary = TEXT(
            "The resource was deliberately removed from this URL and is not "
            "expected to come back."),
        .description = TEXT(
            "Sent when the server knows the removal is permanent and has no "
            "forwarding address to offer. It is a stronger statement than "
            "404 and is cacheable by default. Clients should stop requesting"
            " the URL, and crawlers or link checkers should drop references "
            "to it. If the server cannot tell whether the loss is permanent,"
            " 404 fits better."),
        .use_cases = LIST(
            "Retired API version",
            "Expired promotion or event page",
            "Account deleted at the user's request"),
        .aliases = NO_NAMES,
    },
    [I(LENGTH_REQUIRED)] = {
        REGISTERED(LENGTH_REQUIRED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .reference = "RFC 9110, Section 15.5.12",
        .summary = TEXT(
            "The server refuses a request body that arrives without a "
            "Content-Length header."),
        .description = TEXT(
            "Sent when the server needs to know the body size in advance and"
            " the request did not declare it, for example because it used "
            "chunked transfer coding. The client may send the request again "
            "with a valid Content-Length header giving the body size in "
            "bytes."),
        .use_cases = LIST(
            "Chunked upload to a server that rejects it",
            "POST with a body but no Content-Length",
            "Streaming client unable to precompute size"),
        .aliases = NO_NAMES,
    },
    [I(PRECONDITION_FAILED)] = {
        REGISTERED(PRECONDITION_FAILED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.13",
        .summary = TEXT(
            "A condition in the request headers, such as If-Match, evaluated"
            " to false on the server."),
        .description = TEXT(
            "Sent when the client made the request conditional with headers "
            "such as If-Match or If-Unmodified-Since and the condition does "
            "not hold for the current resource. Its main purpose is to stop "
            "one client from overwriting another client's changes. The "
            "client should fetch the current version and its validators, "
            "merge its changes and try again."),
        .use_cases = LIST(
            "If-Match ETag no longer current",
            "Lost-update protection on a PUT",
            "If-None-Match: * on create when it exists"),
        .aliases = NO_NAMES,
    },
    [I(CONTENT_TOO_LARGE)] = {
        REGISTERED(CONTENT_TOO_LARGE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .reference = "RFC 9110, Section 15.5.14",
        .summary = TEXT(
            "The request body is bigger than the server is willing or able "
            "to accept."),
        .description = TEXT(
            "Sent when the content exceeds a size limit, and the server may "
            "close the connection afterwards. Older specs called it Request "
            "Entity Too Large and later Payload Too Large. If the limit is "
            "only temporary, the server should add Retry-After saying when "
            "to try again; otherwise the client should shrink the body or "
            "split it into smaller requests."),
        .use_cases = LIST(
            "File upload over the server's size cap",
            "Oversized JSON batch in one request",
            "Image upload over a proxy's body limit"),
        .aliases = NAMES(
            "Payload Too Large",
            "Request Entity Too Large",
            "Request Too Long"),
        RULES(rules_413),
    },
    [I(URI_TOO_LONG)] = {
        REGISTERED(URI_TOO_LONG),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.5.15",
        .summary = TEXT(
            "The request target is longer than the server is willing to "
            "interpret."),
        .description = TEXT(
            "Sent when the URI exceeds the server's length limit, which "
            "often happens when a form uses GET with a lot of data or a "
            "redirect loop keeps growing the query. Older specs named it "
            "Request-URI Too Long, and it is cacheable by default. The "
            "client should move bulky data into a request body, for example "
            "with POST, or shorten the query string."),
        .use_cases = LIST(
            "Huge filter list in a query string",
            "GET form submission with large fields",
            "Redirect loop that keeps appending parameters"),
        .aliases = NAMES("Request-URI Too Long", "Request-URI Too Large"),
    },
    [I(UNSUPPORTED_MEDIA_TYPE)] = {
        REGISTERED(UNSUPPORTED_MEDIA_TYPE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.16",
        .summary = TEXT(
            "The server will not accept the request body because of its "
            "media type or content coding."),
        .description = TEXT(
            "Sent when the Content-Type or Content-Encoding of the request "
            "is not one the resource handles, or the body does not match the"
            " declared type. The server can point to acceptable formats with"
            " an Accept header, or with Accept-Encoding when the coding is "
            "the problem. The client should resend the body in a supported "
            "format with a correct Content-Type."),
        .use_cases = LIST(
            "XML sent to a JSON-only endpoint",
            "Missing or wrong Content-Type header",
            "Gzip-encoded body the server cannot decode"),
        .aliases = NO_NAMES,
        RULES(rules_415),
    },
    [I(RANGE_NOT_SATISFIABLE)] = {
        REGISTERED(RANGE_NOT_SATISFIABLE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.17",
        .summary = TEXT(
            "None of the ranges the client asked for fall within the current"
            " representation."),
        .description = TEXT(
            "Sent when a Range request points entirely outside the resource,"
            " for example starting past the end of the file. For byte ranges"
            " the server should send Content-Range: bytes */length to state "
            "the real size. Older specs named it Requested Range Not "
            "Satisfiable. The client should recompute its ranges from that "
            "length, or fetch the whole resource without Range."),
        .use_cases = LIST(
            "Resuming a download past the end of the file",
            "Range request on a file that has shrunk",
            "Video player seeking beyond the file length"),
        .aliases = NAMES("Requested Range Not Satisfiable"),
        RULES(rules_416),
    },
    [I(EXPECTATION_FAILED)] = {
        REGISTERED(EXPECTATION_FAILED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.18",
        .summary = TEXT(
            "The server cannot meet the requirement the client stated in its"
            " Expect header."),
        .description = TEXT(
            "Sent when the request carries an Expect header that the server "
            "or a proxy on the path cannot satisfy, most often Expect: "
            "100-continue reaching something that does not support it. The "
            "client can repeat the request without the Expect header and "
            "send the body right away."),
        .use_cases = LIST(
            "Expect: 100-continue rejected by a proxy",
            "Unknown extension value in Expect",
            "Legacy server without Expect support"),
        .aliases = NO_NAMES,
    },
    [I(IM_A_TEAPOT)] = {
        REGISTERED(IM_A_TEAPOT),
        .kind = HTTPSTATUS_KIND_RESERVED,
        .reference = "RFC 9110, Section 15.5.19",
        .summary = TEXT(
            "A joke code from the 1998 HTCPCP April Fools' RFC, now reserved"
            " and not meant for real use."),
        .description = TEXT(
            "It comes from the Hyper Text Coffee Pot Control Protocol, a "
            "1998 April Fools' RFC in which a teapot refuses to brew coffee."
            " IANA lists 418 as \"(Unused)\" and keeps the number reserved "
            "because so much software already knows the joke. Servers should"
            " not send it for serious purposes, and clients can treat it "
            "like any other 4xx error."),
        .use_cases = LIST(
            "Easter egg on a hobby site",
            "Test fixture for generic 4xx handling",
            "Humorous reply in a coding exercise"),
        .aliases = NAMES("I_AM_A_TEAPOT"),
    },
    [I(MISDIRECTED_REQUEST)] = {
        REGISTERED(MISDIRECTED_REQUEST),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_ANY_METHOD,
        .reference = "RFC 9110, Section 15.5.20",
        .summary = TEXT(
            "The request reached a server that is not set up to answer for "
            "the requested origin."),
        .description = TEXT(
            "Sent when a connection gets reused for a host it cannot serve, "
            "which can happen with HTTP/2 connection coalescing or a TLS "
            "certificate that covers several names. A proxy must never "
            "generate this code. The client may retry the request on a "
            "different connection, whether or not the method is idempotent."),
        .use_cases = LIST(
            "HTTP/2 connection coalesced across hostnames",
            "SNI name not matching the requested host",
            "Shared IP fronting several unrelated sites"),
        .aliases = NO_NAMES,
    },
    [I(UNPROCESSABLE_CONTENT)] = {
        REGISTERED(UNPROCESSABLE_CONTENT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.21",
        .summary = TEXT(
            "The body is well-formed and of a supported type, but the server"
            " cannot act on what it says."),
        .description = TEXT(
            "Sent when the server understands the syntax and media type of "
            "the content but cannot carry out its instructions, typically "
            "because fields fail validation. It began in WebDAV as "
            "Unprocessable Entity and was later made general. The client "
            "should correct the reported values and resubmit; sending the "
            "same body again will be rejected again."),
        .use_cases = LIST(
            "Form field failing validation rules",
            "Date range where the end precedes the start",
            "Well-formed XML that breaks business rules"),
        .aliases = NAMES("Unprocessable Entity"),
    },
    [I(LOCKED)] = {
        REGISTERED(LOCKED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 4918",
        .summary = TEXT(
            "The target resource is locked, so the requested change cannot "
            "be made right now."),
        .description = TEXT(
            "A WebDAV code sent when a method would modify a resource under "
            "a lock that the client does not hold or did not present. The "
            "body often names the condition, such as lock-token-submitted. "
            "The client should supply the right lock token, usually in an If"
            " header, or wait until the lock is released and then retry."),
        .use_cases = LIST(
            "Editing a file another user has locked",
            "WebDAV PUT without the lock token",
            "MOVE of a locked collection"),
        .aliases = NO_NAMES,
    },
    [I(FAILED_DEPENDENCY)] = {
        REGISTERED(FAILED_DEPENDENCY),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 4918",
        .summary = TEXT(
            "The action was not performed because another action it relied "
            "on failed first."),
        .description = TEXT(
            "A WebDAV code used when a request involves several operations "
            "and one fails, so the ones that depend on it are not carried "
            "out. It usually appears inside a 207 Multi-Status body next to "
            "the status of the step that really failed. The client should "
            "find and fix that original failure, then repeat the dependent "
            "operations."),
        .use_cases = LIST(
            "PROPPATCH where one property update fails",
            "Batch step skipped after an earlier error",
            "Multi-Status entry for a dependent action"),
        .aliases = NO_NAMES,
    },
    [I(TOO_EARLY)] = {
        REGISTERED(TOO_EARLY),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_ANY_METHOD,
        .reference = "RFC 8470",
        .summary = TEXT(
            "The server will not process a request sent in TLS early data "
            "because it could be replayed."),
        .description = TEXT(
            "Defined in RFC 8470 for TLS 1.3 0-RTT: the request came in "
            "early data, or was marked with Early-Data: 1 by an "
            "intermediary, and handling it now would risk a replay attack. "
            "The client should retry automatically once the handshake is "
            "complete, and the retry must not be sent in early data."),
        .use_cases = LIST(
            "Non-idempotent POST sent in 0-RTT data",
            "CDN forwarding an early request to the origin",
            "Replay protection on a payment endpoint"),
        .aliases = NO_NAMES,
    },
    [I(UPGRADE_REQUIRED)] = {
        REGISTERED(UPGRADE_REQUIRED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.5.22",
        .summary = TEXT(
            "The server will only handle this request after the client "
            "switches to another protocol."),
        .description = TEXT(
            "Sent when the current protocol is not acceptable, for example "
            "when a newer HTTP version is required. The response must "
            "include an Upgrade header naming the protocols the server "
            "accepts, in order of preference. The client should repeat the "
            "request over one of those protocols, for instance by sending "
            "its own Upgrade header or reconnecting."),
        .use_cases = LIST(
            "Endpoint that requires a newer HTTP version",
            "WebSocket-only endpoint hit with plain HTTP",
            "Legacy client refused until it upgrades"),
        .aliases = NO_NAMES,
        RULES(rules_426),
    },
    [I(PRECONDITION_REQUIRED)] = {
        REGISTERED(PRECONDITION_REQUIRED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_NO_STORE,
        .reference = "RFC 6585",
        .summary = TEXT(
            "The server requires this request to be conditional, and it was "
            "not."),
        .description = TEXT(
            "Defined in RFC 6585 to prevent lost updates: the server wants "
            "state-changing requests to carry a condition such as If-Match, "
            "so it can tell whether someone else changed the resource in "
            "between. Caches must not store this response. The client should"
            " fetch the resource, note its ETag or Last-Modified value, and "
            "resend with the matching conditional header."),
        .use_cases = LIST(
            "PUT without If-Match on a shared document",
            "API enforcing optimistic concurrency",
            "DELETE that must name the expected version"),
        .aliases = NO_NAMES,
    },
    [I(TOO_MANY_REQUESTS)] = {
        REGISTERED(TOO_MANY_REQUESTS),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_NO_STORE,
        .retry = HTTPSTATUS_RETRY_ANY_METHOD,
        .reference = "RFC 6585",
        .summary = TEXT(
            "The client has sent more requests in a given period than the "
            "server's rate limit allows."),
        .description = TEXT(
            "Defined in RFC 6585 for rate limiting. The server may include a"
            " Retry-After header saying how long to wait, and the body can "
            "describe the limit. Caches must not store this response. The "
            "client should slow down and retry after the indicated delay, or"
            " back off exponentially when no Retry-After is given."),
        .use_cases = LIST(
            "API key over its per-minute quota",
            "Login endpoint throttling repeated attempts",
            "Crawler fetching pages too quickly"),
        .aliases = NO_NAMES,
        RULES(rules_429),
    },
    [I(REQUEST_HEADER_FIELDS_TOO_LARGE)] = {
        REGISTERED(REQUEST_HEADER_FIELDS_TOO_LARGE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_NO_STORE,
        .reference = "RFC 6585",
        .summary = TEXT(
            "The server refuses the request because its headers, in total or"
            " a single field, are too large."),
        .description = TEXT(
            "Defined in RFC 6585 for requests whose header section exceeds "
            "the server's limits, either overall or for one field. The body "
            "may say which field is at fault. Caches must not store this "
            "response. The client should trim the headers, most often by "
            "clearing oversized or accumulated cookies, and then retry."),
        .use_cases = LIST(
            "Cookie header bloated by many cookies",
            "Very long Authorization or JWT header",
            "Too many custom headers added by a proxy"),
        .aliases = NO_NAMES,
    },
    [I(UNAVAILABLE_FOR_LEGAL_REASONS)] = {
        REGISTERED(UNAVAILABLE_FOR_LEGAL_REASONS),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 7725",
        .summary = TEXT(
            "The server is denying access to the resource because of a legal"
            " demand."),
        .description = TEXT(
            "Defined in RFC 7725 for content blocked by a court order, "
            "government request or similar legal obligation, and the body "
            "should explain that demand. The server should add a Link header"
            " with rel=\"blocked-by\" identifying the party that carries out"
            " the block. It is cacheable by default, and retrying will not "
            "help unless the legal situation changes."),
        .use_cases = LIST(
            "Page withheld under a court order",
            "Content blocked under national law",
            "Takedown after a copyright complaint"),
        .aliases = NO_NAMES,
        RULES(rules_451),
    },
    [I(INTERNAL_SERVER_ERROR)] = {
        REGISTERED(INTERNAL_SERVER_ERROR),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .reference = "RFC 9110, Section 15.6.1",
        .summary = TEXT(
            "Something broke inside the server, and it has no more specific "
            "code for the failure."),
        .description = TEXT(
            "A server sends 500 when an unexpected fault, such as an "
            "unhandled exception or a bad configuration, keeps it from "
            "finishing the request. The fault is on the server side, so "
            "changing the request rarely helps. A client may try again "
            "later, but should repeat automatically only idempotent "
            "requests, since a POST may already have taken effect."),
        .use_cases = LIST(
            "Unhandled exception in application code",
            "Misconfigured server module or handler",
            "Database query failing unexpectedly"),
        .aliases = NO_NAMES,
    },
    [I(NOT_IMPLEMENTED)] = {
        REGISTERED(NOT_IMPLEMENTED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_CACHEABLE,
        .reference = "RFC 9110, Section 15.6.2",
        .summary = TEXT(
            "The server does not support the request method for any resource"
            " at all."),
        .description = TEXT(
            "A server returns 501 when it does not recognise the method or "
            "has no code to carry it out anywhere; 405, by contrast, means "
            "the method exists but is not allowed on this resource. Sending "
            "the same request again will not help, so use another method or "
            "server. A 501 is heuristically cacheable and may be reused from"
            " a cache."),
        .use_cases = LIST(
            "Custom method the server has never heard of",
            "PATCH sent to a server that lacks it",
            "Extension method on a minimal embedded server"),
        .aliases = NO_NAMES,
    },
    [I(BAD_GATEWAY)] = {
        REGISTERED(BAD_GATEWAY),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .reference = "RFC 9110, Section 15.6.3",
        .summary = TEXT(
            "A gateway or proxy got an invalid or broken response from the "
            "upstream server it called."),
        .description = TEXT(
            "A proxy, gateway or load balancer sends 502 when the server "
            "behind it answered with something it could not use, such as a "
            "malformed reply or a dropped connection. The problem usually "
            "lies upstream, not in the request. A client may retry after a "
            "short pause, but should do so automatically only for idempotent"
            " methods."),
        .use_cases = LIST(
            "Upstream application crashing mid-response",
            "Reverse proxy receiving a malformed header",
            "Backend closing the connection unexpectedly"),
        .aliases = NO_NAMES,
    },
    [I(SERVICE_UNAVAILABLE)] = {
        REGISTERED(SERVICE_UNAVAILABLE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_ANY_METHOD,
        .reference = "RFC 9110, Section 15.6.4",
        .summary = TEXT(
            "The server cannot take the request right now because of "
            "overload or maintenance, but expects to recover."),
        .description = TEXT(
            "A server sends 503 when it is briefly unable to serve requests,"
            " for example while overloaded or down for maintenance. It may "
            "add a Retry-After header with a delay in seconds or a date. A "
            "client should wait at least that long, or back off with growing"
            " delays if the header is missing, and then try again."),
        .use_cases = LIST(
            "Planned maintenance window",
            "Server shedding load under heavy traffic",
            "Service still starting up",
            "Connection pool briefly exhausted"),
        .aliases = NAMES("Service Temporarily Unavailable"),
        RULES(rules_503),
    },
    [I(GATEWAY_TIMEOUT)] = {
        REGISTERED(GATEWAY_TIMEOUT),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .reference = "RFC 9110, Section 15.6.5",
        .summary = TEXT(
            "A gateway or proxy gave up waiting for the upstream server to "
            "answer in time."),
        .description = TEXT(
            "A proxy or gateway sends 504 when the server it forwarded the "
            "request to did not reply before its time limit ran out. The "
            "upstream may still be working, so the request may have taken "
            "effect. Retry automatically, after a delay, only idempotent "
            "requests; for others, check the outcome first."),
        .use_cases = LIST(
            "Slow backend query exceeding the proxy timeout",
            "Upstream server hung or overloaded",
            "Long report generation behind a load balancer"),
        .aliases = NAMES("Gateway Time-out"),
    },
    [I(HTTP_VERSION_NOT_SUPPORTED)] = {
        REGISTERED(HTTP_VERSION_NOT_SUPPORTED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 9110, Section 15.6.6",
        .summary = TEXT(
            "The server will not handle requests that use this major version"
            " of HTTP."),
        .description = TEXT(
            "A server sends 505 when it does not support, or refuses to use,"
            " the major HTTP version named in the request. The body should "
            "say why and which protocols the server does accept. A client "
            "should send the request again using a supported version, which "
            "is usually HTTP/1.1."),
        .use_cases = LIST(
            "Request line naming an unknown major version",
            "HTTP/2.0 request line sent to an HTTP/1.x server",
            "Broken client or fuzzer with a bad version"),
        .aliases = NO_NAMES,
    },
    [I(VARIANT_ALSO_NEGOTIATES)] = {
        REGISTERED(VARIANT_ALSO_NEGOTIATES),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 2295",
        .summary = TEXT(
            "The server's content negotiation is misconfigured, so the "
            "chosen variant would negotiate again."),
        .description = TEXT(
            "Defined for transparent content negotiation in RFC 2295, 506 "
            "means the variant the server selected is itself set up to "
            "negotiate, which would never end. This is a server "
            "configuration error, not a client mistake. A client cannot fix "
            "it and should not retry; report it to the site operator."),
        .use_cases = LIST(
            "Variant resource configured as a negotiator",
            "Circular content negotiation setup",
            "Transparent negotiation loop on the server"),
        .aliases = NO_NAMES,
    },
    [I(INSUFFICIENT_STORAGE)] = {
        REGISTERED(INSUFFICIENT_STORAGE),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 4918",
        .summary = TEXT(
            "The server lacks the storage space it needs to complete the "
            "request."),
        .description = TEXT(
            "A WebDAV server (RFC 4918) sends 507 when it cannot store what "
            "the method needs, for example because a disk or a user quota is"
            " full. The condition is meant to be temporary. If a user action"
            " caused the request, do not resend it until the user asks "
            "again; otherwise retry later or with less data."),
        .use_cases = LIST(
            "Upload that exceeds the account quota",
            "WebDAV PUT onto a full disk",
            "MKCOL when no space is left",
            "Copying a large folder to a nearly full share"),
        .aliases = NO_NAMES,
    },
    [I(LOOP_DETECTED)] = {
        REGISTERED(LOOP_DETECTED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .reference = "RFC 5842",
        .summary = TEXT(
            "The server stopped a WebDAV operation because it ran into an "
            "endless loop in the resource tree."),
        .description = TEXT(
            "Defined by RFC 5842 (WebDAV bindings), 508 means the server hit"
            " a cycle while processing a request with Depth: infinity, and "
            "the whole operation failed. Bindings can make a collection "
            "contain itself, directly or through others. Do not retry "
            "unchanged; fix the bindings or use a smaller Depth."),
        .use_cases = LIST(
            "PROPFIND with Depth: infinity over a cycle",
            "Collection bound inside its own subtree",
            "Recursive COPY hitting a binding loop"),
        .aliases = NO_NAMES,
    },
    [I(NOT_EXTENDED)] = {
        REGISTERED(NOT_EXTENDED),
        .kind = HTTPSTATUS_KIND_OBSOLETE,
        .reference = "RFC 2774; status-change-http-experiments-to-historic",
        .summary = TEXT(
            "The server wants more extension declarations in the request "
            "before it will serve it."),
        .description = TEXT(
            "From the HTTP extension framework of RFC 2774, 510 meant the "
            "request did not meet the server's policy for a mandatory "
            "extension. RFC 2774 is now Historic and IANA marks the code "
            "obsolete, so new servers should not send it. A client may read "
            "the body for the extensions wanted; otherwise handle it as a "
            "generic server error."),
        .use_cases = LIST(
            "Legacy server requiring a mandatory extension",
            "Request missing a required Man declaration",
            "Old experimental extension deployment"),
        .aliases = NAMES("Not Extended (OBSOLETED)"),
    },
    [I(NETWORK_AUTHENTICATION_REQUIRED)] = {
        REGISTERED(NETWORK_AUTHENTICATION_REQUIRED),
        .kind = HTTPSTATUS_KIND_STANDARD,
        .flags = HTTPSTATUS_FLAG_NO_STORE,
        .reference = "RFC 6585",
        .summary = TEXT(
            "The client has to sign in to the local network, usually through"
            " a captive portal, before going further."),
        .description = TEXT(
            "An intercepting proxy, such as a hotel or airport Wi-Fi portal,"
            " sends 511 to say that network access needs a login first. The "
            "body should link to the login page, origin servers should not "
            "send this code, and caches must not store it. A client should "
            "show the portal to the user and retry once access is granted."),
        .use_cases = LIST(
            "Hotel or airport Wi-Fi login page",
            "Terms acceptance on a public hotspot",
            "Corporate network access gate"),
        .aliases = NO_NAMES,
        RULES(rules_511),
    },
};

const struct httpstatus_info httpstatus__unofficial[] = {
    {
        .code = 103,
        .status_class = HTTPSTATUS_CLASS_INFORMATIONAL,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .flags = HTTPSTATUS_FLAG_INTERIM | HTTPSTATUS_FLAG_NO_CONTENT,
        .name = "CHECKPOINT",
        .reason = "Checkpoint",
        .vendor = "Google Gears (historical)",
        .summary = TEXT(
            "An old Google Gears idea for resuming an interrupted upload; "
            "the number now belongs to 103 Early Hints."),
        .description = TEXT(
            "This meaning is not in the IANA registry. Google Gears proposed"
            " it so a server could report how much of an aborted PUT or POST"
            " it had kept, letting the client resume; Spring listed it as "
            "CHECKPOINT until Spring 7 dropped it. On the open web the "
            "registered 103 Early Hints (RFC 8297) wins: treat a 103 as an "
            "interim hint, such as Link preloads, and keep waiting for the "
            "final response."),
        .use_cases = LIST(
            "Resuming a large upload after a dropped link",
            "Legacy Gears-era client code",
            "Spring HttpStatus.CHECKPOINT before Spring 7"),
        .aliases = NO_NAMES,
        RULES(rules_no_length),
    },
    {
        .code = 218,
        .status_class = HTTPSTATUS_CLASS_SUCCESSFUL,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "THIS_IS_FINE",
        .reason = "This is fine",
        .vendor = "Apache HTTP Server",
        .summary = TEXT(
            "An Apache HTTP Server catch-all that lets a backend's error "
            "body through when ProxyErrorOverride is on."),
        .description = TEXT(
            "Not in the IANA registry. With ProxyErrorOverride enabled, "
            "Apache normally swaps a backend's 4xx or 5xx page for its own; "
            "218 is the catch-all it uses in that setup so the original body"
            " can still get through. A client that does not know this treats"
            " it like 200, but the body may describe an error, so read it "
            "before assuming success."),
        .use_cases = LIST(
            "Reverse proxy with ProxyErrorOverride enabled",
            "Backend error page that must reach the client",
            "Apache in front of an application server"),
        .aliases = NO_NAMES,
    },
    {
        .code = 419,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .name = "PAGE_EXPIRED",
        .reason = "Page Expired",
        .vendor = "Laravel",
        .summary = TEXT(
            "Laravel's reply when a form or AJAX request arrives with a "
            "missing or stale CSRF token."),
        .description = TEXT(
            "Not in the IANA registry. Laravel sends it when its CSRF check "
            "fails, usually because the session expired or the request "
            "lacked the _token field or X-CSRF-TOKEN header. Outside "
            "Laravel, treat it like 400. For a Laravel app, reload the page "
            "or fetch a fresh token and submit again; resending the same "
            "request will fail the same way."),
        .use_cases = LIST(
            "Login form submitted after the session timed out",
            "AJAX POST without the X-CSRF-TOKEN header",
            "Form left open in a browser tab overnight",
            "Session cookie blocked or dropped by the browser"),
        .aliases = NO_NAMES,
    },
    {
        .code = 419,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "INSUFFICIENT_SPACE_ON_RESOURCE",
        .reason = "Insufficient Space On Resource",
        .vendor = "early WebDAV drafts (historical)",
        .summary = TEXT(
            "An early WebDAV draft code for running out of storage, replaced"
            " by 507 in the published spec."),
        .description = TEXT(
            "Not in the IANA registry. Early WebDAV drafts used it when the "
            "server lacked the space to store what the request asked for; "
            "the published WebDAV RFCs use 507 Insufficient Storage. Apache "
            "HttpCore5 and npm http-status-codes still list it, while Spring"
            " 7 removed it. Treat it like 400; if the server is known to "
            "follow the old draft, read it as a full disk or quota, as with "
            "507."),
        .use_cases = LIST(
            "Legacy WebDAV server with a full disk",
            "Upload that exceeds a per-user storage quota",
            "Old constant tables in Java HTTP libraries"),
        .aliases = NO_NAMES,
    },
    {
        .code = 419,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .name = "AUTHENTICATION_TIMEOUT",
        .reason = "Authentication Timeout",
        .vendor = "ASP.NET Core (historical)",
        .summary = TEXT(
            "A phrase once listed by ASP.NET Core for a login or token that "
            "was valid but has since expired."),
        .description = TEXT(
            "Not in the IANA registry. ASP.NET Core carried \"Authentication"
            " Timeout\" for 419 in its reason-phrase table, and some apps "
            "used it to tell an expired session apart from missing rights. "
            "The registered way to say this is 401 with a WWW-Authenticate "
            "challenge. Treat 419 like 400 unless you know the server; if "
            "you do, sign in again or refresh the token and repeat the "
            "request."),
        .use_cases = LIST(
            "Expired session in a single-page app",
            "Access token used past its lifetime",
            "Idle timeout on an ASP.NET Core site"),
        .aliases = NO_NAMES,
    },
    {
        .code = 420,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_ANY_METHOD,
        .name = "ENHANCE_YOUR_CALM",
        .reason = "Enhance Your Calm",
        .vendor = "Twitter (historical)",
        .summary = TEXT(
            "Twitter's old rate-limit reply in Search API v1, later replaced"
            " by the standard 429."),
        .description = TEXT(
            "Not in the IANA registry. Twitter's v1 Search API sent it when "
            "a client made too many requests in a time window; API v1.1 "
            "moved to 429 Too Many Requests. A generic client treats it like"
            " 400, but the sensible reaction is the same as for 429: stop, "
            "wait, and retry later with back-off instead of hammering the "
            "endpoint."),
        .use_cases = LIST(
            "Search polling loop with no delay",
            "Old Twitter API v1 client code",
            "Burst of requests from a single app"),
        .aliases = NO_NAMES,
    },
    {
        .code = 420,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "METHOD_FAILURE",
        .reason = "Method Failure",
        .vendor = "Spring Framework, early WebDAV drafts (historical)",
        .summary = TEXT(
            "An early WebDAV draft code for a method abandoned because one "
            "part of its work failed."),
        .description = TEXT(
            "Not in the IANA registry. Early WebDAV drafts used it when an "
            "operation touching several resources was aborted because one "
            "step failed; the published RFCs handle similar cases with 424 "
            "Failed Dependency. Spring kept METHOD_FAILURE as deprecated "
            "until Spring 7 removed it, and Apache HttpCore5 and npm http-"
            "status-codes still list it. Treat it like 400 and find which "
            "part failed."),
        .use_cases = LIST(
            "Multi-resource WebDAV COPY or MOVE that aborted",
            "Legacy Spring code using METHOD_FAILURE",
            "Old constant tables in Java HTTP libraries"),
        .aliases = NO_NAMES,
    },
    {
        .code = 421,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "DESTINATION_LOCKED",
        .reason = "Destination Locked",
        .vendor = "Spring Framework, early WebDAV drafts (historical)",
        .summary = TEXT(
            "An early WebDAV draft code for a locked COPY or MOVE target; "
            "421 now means Misdirected Request."),
        .description = TEXT(
            "This meaning is not in the IANA registry. Early WebDAV drafts "
            "used it when the target of a COPY or MOVE was locked, which the"
            " published spec reports as 423 Locked; Spring up to version 6 "
            "kept it as the deprecated DESTINATION_LOCKED. On the open web "
            "the registered 421 Misdirected Request wins: this connection "
            "cannot serve that host, and the client may retry on a new "
            "connection."),
        .use_cases = LIST(
            "Legacy WebDAV MOVE onto a locked resource",
            "Spring 6 code using DESTINATION_LOCKED",
            "Status tables that predate the HTTP/2-era 421"),
        .aliases = NO_NAMES,
    },
    {
        .code = 425,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "UNORDERED_COLLECTION",
        .reason = "Unordered Collection",
        .vendor = "WebDAV draft (historical)",
        .summary = TEXT(
            "A WebDAV draft code about ordered collections; the number now "
            "belongs to 425 Too Early."),
        .description = TEXT(
            "This meaning is not in the IANA registry. A draft of the WebDAV"
            " collections work used it when a client tried to place a member"
            " at a set position in a collection that keeps no such order; it"
            " never reached a final spec. On the open web the registered 425"
            " Too Early (RFC 8470) wins: a client that sent the request in "
            "TLS early data should resend it after the handshake completes."),
        .use_cases = LIST(
            "Positioning a member in an unordered collection",
            "libmicrohttpd MHD_HTTP_UNORDERED_COLLECTION",
            "jshttp statuses tables before version 2.0.0"),
        .aliases = NO_NAMES,
    },
    {
        .code = 430,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "REQUEST_HEADER_FIELDS_TOO_LARGE_UNOFFICIAL",
        .reason = "Request Header Fields Too Large",
        .vendor = "RFC 6585 draft, Shopify (historical)",
        .summary = TEXT(
            "The draft number of what RFC 6585 published as 431; Shopify "
            "also once sent 430 for rate limiting."),
        .description = TEXT(
            "Not in the IANA registry. Early drafts of RFC 6585 gave the "
            "oversized-headers error the number 430 before it was published "
            "as 431, and llhttp still keeps it as an unofficial entry. "
            "Separately, Shopify used to send 430 when a client made too "
            "many requests. Treat it like 400: trim large cookies or "
            "headers, and if the server is Shopify, slow down before "
            "retrying."),
        .use_cases = LIST(
            "Oversized Cookie header on an older server",
            "Legacy Shopify storefront rate limit",
            "Parsers that keep the pre-RFC 6585 number"),
        .aliases = NO_NAMES,
    },
    {
        .code = 430,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "SHOPIFY_SECURITY_REJECTION",
        .reason = "Shopify Security Rejection",
        .vendor = "Shopify",
        .summary = TEXT(
            "Shopify's edge refused the request because it looked malicious."),
        .description = TEXT(
            "Not in the IANA registry. Shopify sends it when its edge "
            "protection decides a request looks like an attack or abuse "
            "rather than normal traffic. A generic client treats it like "
            "400. Repeating the same request will not help; change whatever "
            "made it look suspicious, slow down automated traffic, or raise "
            "it with Shopify if the block seems wrong."),
        .use_cases = LIST(
            "Scraper or bot hitting a Shopify store",
            "Query string that looks like an injection attempt",
            "Automated traffic flagged by Shopify's edge"),
        .aliases = NO_NAMES,
    },
    {
        .code = 440,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .name = "LOGIN_TIME_OUT",
        .reason = "Login Time-out",
        .vendor = "Microsoft IIS",
        .summary = TEXT(
            "Microsoft IIS's signal that the client's login session has "
            "expired and it must sign in again."),
        .description = TEXT(
            "Not in the IANA registry. Microsoft IIS and applications hosted"
            " on it send it when a session has lapsed and the user has to "
            "log in again. A client that does not know IIS treats it like "
            "400. One that does should send the user back to the login page "
            "or renew its credentials, then repeat the request."),
        .use_cases = LIST(
            "Outlook on the web session left idle",
            "ASP.NET forms-authentication timeout",
            "Intranet app after a long idle period"),
        .aliases = NAMES("LOGIN_TIMEOUT"),
    },
    {
        .code = 444,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "NO_RESPONSE",
        .reason = "No Response",
        .vendor = "nginx",
        .summary = TEXT(
            "nginx's internal code for closing the connection without "
            "sending any response at all."),
        .description = TEXT(
            "Not in the IANA registry. In nginx, \"return 444;\" drops the "
            "connection without writing a status line, headers or body, and "
            "444 then appears only in the access log. It never reaches a "
            "client on the wire: the client just sees the connection close "
            "with no reply and should handle that as a network error. Read a"
            " logged 444 as a deliberate refusal, in the 400 class."),
        .use_cases = LIST(
            "Dropping requests with an unknown Host header",
            "Silencing vulnerability scanners and bots",
            "Default server block that should answer nothing",
            "Reading 444 entries in nginx access logs"),
        .aliases = NO_NAMES,
    },
    {
        .code = 449,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .name = "RETRY_WITH",
        .reason = "Retry With",
        .vendor = "Microsoft IIS, Exchange",
        .summary = TEXT(
            "A Microsoft extension asking the client to act on the response "
            "body and then repeat the request."),
        .description = TEXT(
            "Not in the IANA registry. IIS and Exchange, following "
            "Microsoft's MS-WDV spec, send it with an Ms-Echo-Request header"
            " when they need more from the client; the client processes the "
            "body, then repeats the request with that value in Ms-Echo-"
            "Reply. Clients without this extension should treat it like 400 "
            "and ignore the header. Some tables spell the phrase \"Reply "
            "With\"."),
        .use_cases = LIST(
            "Server that needs a script-set cookie first",
            "Microsoft WebDAV client extensions",
            "Exchange or IIS asking for an echoed request"),
        .aliases = NAMES("Reply With"),
    },
    {
        .code = 450,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "BLOCKED_BY_WINDOWS_PARENTAL_CONTROLS",
        .reason = "Blocked by Windows Parental Controls",
        .vendor = "Microsoft Windows",
        .summary = TEXT(
            "Microsoft's code for a page that Windows Parental Controls will"
            " not let the current user open."),
        .description = TEXT(
            "Not in the IANA registry. Microsoft uses it when Windows "
            "Parental Controls stop the signed-in user from reaching the "
            "requested page. A generic client treats it like 400. Retrying "
            "changes nothing; the block stays until a parent or "
            "administrator changes that account's settings."),
        .use_cases = LIST(
            "Child account opening a blocked website",
            "Family safety web filter on Windows",
            "Supervised user on a shared home PC"),
        .aliases = NAMES("BLOCKED_BY_PARENTAL_CONTROL"),
    },
    {
        .code = 451,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "REDIRECT",
        .reason = "Redirect",
        .vendor = "Microsoft Exchange ActiveSync",
        .summary = TEXT(
            "Exchange ActiveSync telling a mail client to use another "
            "server; on the open web 451 is a legal block."),
        .description = TEXT(
            "This meaning is not in the IANA registry. Microsoft Exchange "
            "ActiveSync sends it when a mailbox should be reached through a "
            "different server, and puts the URL to use in X-MS-Location. On "
            "the open web the registered 451 Unavailable For Legal Reasons "
            "(RFC 7725) wins. Only an ActiveSync client talking to Exchange "
            "should follow X-MS-Location; others should read 451 as a legal "
            "block."),
        .use_cases = LIST(
            "Mailbox moved to another Exchange server",
            "ActiveSync client hitting the wrong endpoint",
            "Mobile mail app after a mailbox migration"),
        .aliases = NO_NAMES,
    },
    {
        .code = 460,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "CLIENT_CLOSED_CONNECTION",
        .reason = "Client closed connection",
        .vendor = "AWS Elastic Load Balancing",
        .summary = TEXT(
            "An AWS load balancer log entry for a client that hung up before"
            " its request was answered."),
        .description = TEXT(
            "Not in the IANA registry. An AWS Application Load Balancer "
            "records 460 when the client closes its connection before the "
            "load balancer's idle timeout runs out, often because the "
            "client's own timeout is shorter. It never reaches a client, "
            "since nobody is left to receive it; it shows up only in ALB "
            "access logs. File it with client-side 400-class errors and "
            "compare the two timeouts."),
        .use_cases = LIST(
            "Client timeout shorter than the ALB idle timeout",
            "User closing the page during a slow request",
            "Mobile app cancelling a pending call",
            "Spikes of 460 in ALB access logs"),
        .aliases = NAMES("CLIENT_CLOSED_LOAD_BALANCED_REQUEST"),
    },
    {
        .code = 463,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "X_FORWARDED_FOR_TOO_LONG",
        .reason = "X-Forwarded-For too long",
        .vendor = "AWS Elastic Load Balancing",
        .summary = TEXT(
            "An AWS load balancer refused a request whose X-Forwarded-For "
            "header listed more than 30 IP addresses."),
        .description = TEXT(
            "Not in the IANA registry. An AWS Application Load Balancer "
            "sends it when the incoming X-Forwarded-For header holds more "
            "than 30 addresses, which usually points to a proxy loop or a "
            "long chain of proxies each adding an entry. A generic client "
            "treats it like 400. Find the loop or trim the header before it "
            "reaches the load balancer; the same request sent again will "
            "fail again."),
        .use_cases = LIST(
            "Proxy loop that keeps appending addresses",
            "Long chain of CDNs and reverse proxies",
            "Client sending a forged, oversized header"),
        .aliases = NAMES("INVALID_X_FORWARDED_FOR"),
    },
    {
        .code = 464,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "INCOMPATIBLE_PROTOCOL",
        .reason = "Incompatible protocol",
        .vendor = "AWS Elastic Load Balancing",
        .summary = TEXT(
            "An AWS load balancer got a request whose protocol does not "
            "match its target group's protocol version."),
        .description = TEXT(
            "Not in the IANA registry. An AWS Application Load Balancer "
            "returns it when the request's protocol does not fit the target "
            "group's protocol version, for example an HTTP/1.1 request "
            "routed to a target group set up for gRPC or HTTP/2. A generic "
            "client treats it like 400. Fix the target group's protocol "
            "version or make the client speak the protocol the target group "
            "expects."),
        .use_cases = LIST(
            "HTTP/1.1 client calling a gRPC target group",
            "gRPC call routed to an HTTP/1.1 target group",
            "Listener and target group protocol mismatch"),
        .aliases = NO_NAMES,
    },
    {
        .code = 494,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .name = "REQUEST_HEADER_TOO_LARGE",
        .reason = "Request Header Too Large",
        .vendor = "nginx",
        .summary = TEXT(
            "nginx's internal code for a request header too big for its "
            "header buffers."),
        .description = TEXT(
            "Not in the IANA registry. nginx raises 494 when a request "
            "header, often a bloated Cookie, does not fit in "
            "large_client_header_buffers. On the wire the client gets a "
            "plain 400 whose page says the header or cookie was too large; "
            "494 exists so error_page can handle the case on its own. Treat "
            "it as 400: clear cookies or shrink headers before trying again."),
        .use_cases = LIST(
            "Cookie header grown by many trackers",
            "Very large Authorization or JWT header",
            "error_page rule for 494 in nginx config"),
        .aliases = NO_NAMES,
    },
    {
        .code = 495,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "SSL_CERTIFICATE_ERROR",
        .reason = "SSL Certificate Error",
        .vendor = "nginx",
        .summary = TEXT(
            "nginx's internal code for a client certificate that failed "
            "verification."),
        .description = TEXT(
            "Not in the IANA registry. When nginx checks client certificates"
            " with ssl_verify_client and the one presented is invalid, "
            "expired or untrusted, it marks the request as 495. The client "
            "actually receives a 400 with a page naming the certificate "
            "problem; the separate code is there for error_page rules. Treat"
            " it as 400 and fix the certificate or its chain before "
            "retrying."),
        .use_cases = LIST(
            "Expired client certificate in mutual TLS",
            "Client certificate from an untrusted CA",
            "Custom error page for failed mTLS logins"),
        .aliases = NO_NAMES,
    },
    {
        .code = 496,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .name = "SSL_CERTIFICATE_REQUIRED",
        .reason = "SSL Certificate Required",
        .vendor = "nginx",
        .summary = TEXT(
            "nginx's internal code for a request that should have come with "
            "a client certificate but did not."),
        .description = TEXT(
            "Not in the IANA registry. nginx sets 496 when ssl_verify_client"
            " demands a certificate and the client finished the TLS "
            "handshake without sending one. The client receives a 400 with a"
            " page saying no certificate was sent; the distinct code lets "
            "error_page handle the case. Treat it as 400 and set up a client"
            " certificate before trying again."),
        .use_cases = LIST(
            "Browser without the required client certificate",
            "API client missing its mTLS key pair",
            "Sending users to an enrollment page"),
        .aliases = NO_NAMES,
    },
    {
        .code = 497,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "HTTP_REQUEST_SENT_TO_HTTPS_PORT",
        .reason = "HTTP Request Sent to HTTPS Port",
        .vendor = "nginx",
        .summary = TEXT(
            "nginx's internal code for a plain-HTTP request that arrived on "
            "a port expecting TLS."),
        .description = TEXT(
            "Not in the IANA registry. nginx marks a request as 497 when it "
            "arrives as cleartext HTTP on a listener configured for SSL. The"
            " client receives a 400 explaining the mix-up unless the config "
            "maps it elsewhere; a common trick is an error_page 497 rule "
            "that redirects to the https:// URL. Treat it as 400 and resend "
            "the request over https."),
        .use_cases = LIST(
            "http:// link to a site on a custom TLS port",
            "Redirecting cleartext hits with error_page",
            "Health check configured without TLS"),
        .aliases = NO_NAMES,
    },
    {
        .code = 498,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .name = "INVALID_TOKEN",
        .reason = "Invalid Token",
        .vendor = "Esri ArcGIS Server",
        .summary = TEXT(
            "Esri ArcGIS Server's reply when the access token sent with a "
            "request is expired or otherwise invalid."),
        .description = TEXT(
            "Not in the IANA registry. ArcGIS Server returns it when a "
            "request carries a token that has expired or does not check out."
            " A generic client treats it like 400; an ArcGIS client should "
            "get a new token and repeat the request. nginx once reserved 498"
            " for requests with invalid host names but cancelled that use, "
            "so it is not an nginx code today."),
        .use_cases = LIST(
            "Map service call with an expired token",
            "Long-running web map after its token lapsed",
            "ArcGIS REST call with a malformed token"),
        .aliases = NO_NAMES,
    },
    {
        .code = 499,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "CLIENT_CLOSED_REQUEST",
        .reason = "Client Closed Request",
        .vendor = "nginx",
        .summary = TEXT(
            "nginx's log-only code for a client that disconnected before "
            "nginx could send a response."),
        .description = TEXT(
            "Not in the IANA registry. nginx writes 499 to its access log "
            "when the client closes the connection while the request is "
            "still being handled, often because an upstream was slow and the"
            " client gave up. No response goes out, so no client ever "
            "receives it. In logs, count it with 400-class client errors and"
            " compare upstream latency with client timeouts."),
        .use_cases = LIST(
            "Client timeout shorter than upstream response time",
            "User navigating away during a slow page load",
            "Health checker giving up before the reply",
            "Spikes of 499 in nginx access logs"),
        .aliases = NO_NAMES,
    },
    {
        .code = 499,
        .status_class = HTTPSTATUS_CLASS_CLIENT_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_AFTER_CHANGE,
        .name = "TOKEN_REQUIRED",
        .reason = "Token Required",
        .vendor = "Esri ArcGIS Server",
        .summary = TEXT(
            "Esri ArcGIS Server's reply when a secured resource is requested"
            " without any token."),
        .description = TEXT(
            "Not in the IANA registry. ArcGIS Server sends it when a service"
            " needs a token and the request did not include one. A generic "
            "client treats it like 400; an ArcGIS client should get a token,"
            " for example by signing in, and resend the request with it. The"
            " same number in nginx logs means something unrelated: a client "
            "that disconnected."),
        .use_cases = LIST(
            "Anonymous call to a secured map service",
            "Script that forgot the token parameter",
            "Web map opened before the user signed in"),
        .aliases = NO_NAMES,
    },
    {
        .code = 509,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "BANDWIDTH_LIMIT_EXCEEDED",
        .reason = "Bandwidth Limit Exceeded",
        .vendor = "Apache HTTP Server, cPanel",
        .summary = TEXT(
            "The hosting account has used up its bandwidth allowance, so the"
            " site is off until the quota resets."),
        .description = TEXT(
            "This code is not in the IANA registry, where 509 is unassigned."
            " Apache servers on shared hosting, notably under cPanel, send "
            "it when a site goes over its traffic quota. A client that does "
            "not know this use should treat it as a 500; the site comes back"
            " when the quota period resets or the owner raises the limit."),
        .use_cases = LIST(
            "Shared hosting site over its monthly traffic cap",
            "Viral page draining a small hosting plan",
            "cPanel account bandwidth limit reached"),
        .aliases = NO_NAMES,
    },
    {
        .code = 520,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .name = "WEB_SERVER_RETURNED_AN_UNKNOWN_ERROR",
        .reason = "Web Server Returned an Unknown Error",
        .vendor = "Cloudflare",
        .summary = TEXT(
            "Cloudflare received an empty, unknown or unexpected reply from "
            "the origin server."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare sends 520 when the "
            "origin's answer made no sense to its edge, for example an empty"
            " reply or a reset connection. Clients that do not know "
            "Cloudflare should treat it as a 500. The site owner should "
            "check the origin's logs; a client may retry idempotent requests"
            " after a pause."),
        .use_cases = LIST(
            "Origin crashing before it sends a reply",
            "Origin resetting the connection",
            "Response headers too large for the edge"),
        .aliases = NAMES("WEB_SERVER_UNKNOWN_ERROR", "Unknown Error"),
    },
    {
        .code = 521,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .name = "WEB_SERVER_IS_DOWN",
        .reason = "Web Server Is Down",
        .vendor = "Cloudflare",
        .summary = TEXT(
            "Cloudflare reached the origin's address, but the origin refused"
            " the connection."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare uses 521 when the origin "
            "server actively refused the TCP connection from its edge. "
            "Common causes are a stopped web server or a firewall that "
            "blocks Cloudflare's addresses. A client should treat it as a "
            "500 and retry later; only the site owner can fix the origin."),
        .use_cases = LIST(
            "Origin web server process stopped",
            "Firewall rejecting Cloudflare IP ranges",
            "Origin listening on the wrong port"),
        .aliases = NO_NAMES,
    },
    {
        .code = 522,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .name = "CONNECTION_TIMED_OUT",
        .reason = "Connection Timed Out",
        .vendor = "Cloudflare",
        .summary = TEXT(
            "Cloudflare could not complete a TCP handshake with the origin "
            "before its timer ran out."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare sends 522 when its attempt"
            " to open a TCP connection to the origin got no answer in time. "
            "Typical causes are an overloaded origin, a firewall silently "
            "dropping packets, or DNS pointing at the wrong IP. Clients "
            "should handle it as a 500 and may retry later; the site owner "
            "must fix reachability."),
        .use_cases = LIST(
            "Overloaded origin not accepting connections",
            "Firewall dropping Cloudflare packets",
            "DNS record pointing at a dead IP"),
        .aliases = NAMES("CONNECTION_TIMEOUT"),
    },
    {
        .code = 523,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .name = "ORIGIN_IS_UNREACHABLE",
        .reason = "Origin Is Unreachable",
        .vendor = "Cloudflare",
        .summary = TEXT(
            "Cloudflare could not find a working network path to the origin "
            "server."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare returns 523 when it cannot"
            " reach the origin at all, often because of a DNS mistake or a "
            "routing fault between Cloudflare and the origin's network. A "
            "client should treat it as a 500. A later retry may work if the "
            "fault was brief, but usually the site owner must correct the "
            "origin address."),
        .use_cases = LIST(
            "Origin IP changed without a DNS update",
            "Routing outage at the origin's provider",
            "Misconfigured origin DNS record"),
        .aliases = NO_NAMES,
    },
    {
        .code = 524,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .name = "A_TIMEOUT_OCCURRED",
        .reason = "A Timeout Occurred",
        .vendor = "Cloudflare",
        .summary = TEXT(
            "Cloudflare connected to the origin, but the origin took too "
            "long to send an HTTP response."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare sends 524 when the TCP "
            "connection to the origin worked but no HTTP reply came back "
            "within its time limit. The origin may still be processing, so "
            "the request may have taken effect. Treat it as a 500 and retry "
            "only idempotent requests; long jobs are better run in the "
            "background."),
        .use_cases = LIST(
            "Long-running report or export request",
            "Slow database query on the origin",
            "Origin stuck under heavy load"),
        .aliases = NAMES("TIMEOUT_OCCURED"),
    },
    {
        .code = 525,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "SSL_HANDSHAKE_FAILED",
        .reason = "SSL Handshake Failed",
        .vendor = "Cloudflare",
        .summary = TEXT(
            "Cloudflare could not complete a TLS handshake with the origin "
            "server."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare sends 525 when TLS "
            "negotiation between its edge and the origin fails, for example "
            "because the origin has no certificate for the host or shares no"
            " TLS version or cipher suite with Cloudflare. A client should "
            "treat it as a 500; retrying rarely helps until the site owner "
            "fixes the origin's TLS setup."),
        .use_cases = LIST(
            "Origin without a certificate for the host",
            "No common cipher suite or TLS version",
            "Origin not serving TLS on port 443"),
        .aliases = NO_NAMES,
    },
    {
        .code = 526,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "INVALID_SSL_CERTIFICATE",
        .reason = "Invalid SSL Certificate",
        .vendor = "Cloudflare",
        .summary = TEXT(
            "Cloudflare could not validate the TLS certificate that the "
            "origin server presented."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare returns 526, in its strict"
            " TLS mode, when the origin's certificate is expired, self-"
            "signed, issued for another name or otherwise fails validation. "
            "Clients should treat it as a 500. Retrying will not help; the "
            "site owner must install a valid certificate on the origin."),
        .use_cases = LIST(
            "Expired origin certificate",
            "Self-signed certificate under strict mode",
            "Certificate issued for another host name"),
        .aliases = NO_NAMES,
    },
    {
        .code = 527,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .name = "RAILGUN_ERROR",
        .reason = "Railgun Error",
        .vendor = "Cloudflare (historical)",
        .summary = TEXT(
            "A request through Cloudflare's now discontinued Railgun service"
            " failed between listener and origin."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare used 527 when its Railgun "
            "service could not complete the link between the Railgun "
            "listener and the origin, for example after a timeout or a TLS "
            "error. Railgun has been discontinued, so new responses with "
            "this code should be rare. Clients should treat it as a 500."),
        .use_cases = LIST(
            "Railgun listener unable to reach the origin",
            "Timeout on the Railgun connection",
            "Old logs from Railgun-era sites"),
        .aliases = NO_NAMES,
    },
    {
        .code = 529,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_ANY_METHOD,
        .name = "SITE_IS_OVERLOADED",
        .reason = "Site is overloaded",
        .vendor = "Qualys SSL Labs",
        .summary = TEXT(
            "The service is overloaded for the moment and cannot take the "
            "request."),
        .description = TEXT(
            "Not in the IANA registry. Qualys SSL Labs sends 529 when its "
            "service is too busy, and some APIs use the same number to "
            "signal an overloaded state. Unless a client knows the vendor, "
            "it should treat the code as a 500; with a vendor that documents"
            " it, wait and retry with growing delays, much as for 503."),
        .use_cases = LIST(
            "SSL Labs scanner at capacity",
            "API refusing calls during peak load",
            "Back-off trigger in an API client"),
        .aliases = NO_NAMES,
    },
    {
        .code = 530,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "SITE_IS_FROZEN",
        .reason = "Site is frozen",
        .vendor = "Pantheon",
        .summary = TEXT(
            "A site hosted on Pantheon has been frozen and is not serving "
            "pages."),
        .description = TEXT(
            "Not in the IANA registry; Pantheon returns 530 for a site it "
            "has frozen, usually after a long period of inactivity. Clients "
            "that do not know Pantheon should treat it as a 500. Retrying "
            "will not help until the site owner reactivates the site."),
        .use_cases = LIST(
            "Idle sandbox site on Pantheon",
            "Inactive development environment",
            "Abandoned Pantheon project"),
        .aliases = NO_NAMES,
    },
    {
        .code = 530,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "CLOUDFLARE_1XXX_ERROR",
        .reason = "(1xxx error)",
        .vendor = "Cloudflare",
        .summary = TEXT(
            "Cloudflare sends 530 together with one of its 1xxx error pages,"
            " which names the real cause."),
        .description = TEXT(
            "Not in the IANA registry; Cloudflare returns 530 alongside an "
            "error page numbered 1xxx, for example an origin DNS error. The "
            "HTTP status is only a wrapper, and the 1xxx number in the body "
            "tells what went wrong. Clients should treat it as a 500; site "
            "owners should look up the 1xxx code in Cloudflare's "
            "documentation."),
        .use_cases = LIST(
            "Origin DNS error (Cloudflare 1016)",
            "Cloudflare configuration error page"),
        .aliases = NO_NAMES,
    },
    {
        .code = 540,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "TEMPORARILY_DISABLED",
        .reason = "Temporarily Disabled",
        .vendor = "Shopify",
        .summary = TEXT(
            "Shopify has switched off the requested endpoint for the time "
            "being."),
        .description = TEXT(
            "Not in the IANA registry; Shopify uses 540 to say that the "
            "endpoint a request targeted is disabled for now. A client that "
            "does not know Shopify should treat it as a 500. With Shopify, "
            "wait and try again later, and check its status page or API "
            "notices if the endpoint stays off."),
        .use_cases = LIST(
            "Shopify API endpoint paused",
            "Feature disabled during a Shopify incident",
            "Maintenance on a Shopify service"),
        .aliases = NO_NAMES,
    },
    {
        .code = 561,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .name = "IDENTITY_PROVIDER_AUTHENTICATION_ERROR",
        .reason = "Unauthorized",
        .vendor = "AWS Elastic Load Balancing",
        .summary = TEXT(
            "An AWS load balancer got an error from the identity provider "
            "while signing the user in."),
        .description = TEXT(
            "Not in the IANA registry; an AWS Application Load Balancer "
            "sends 561 when a listener rule authenticates users and the "
            "identity provider, such as Amazon Cognito or an OIDC server, "
            "returns an error during that step. Despite the phrase, it is "
            "unrelated to 401. Clients should treat it as a 500; the fix is "
            "usually in the ALB or provider settings."),
        .use_cases = LIST(
            "OIDC provider rejecting the ALB's request",
            "Cognito user pool misconfiguration",
            "Wrong client secret in an ALB auth rule"),
        .aliases = NO_NAMES,
    },
    {
        .code = 598,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .name = "NETWORK_READ_TIMEOUT_ERROR",
        .reason = "Network read timeout error",
        .vendor = "HTTP proxies (informal)",
        .summary = TEXT(
            "A proxy timed out while reading the response from the server "
            "behind it."),
        .description = TEXT(
            "Not in the IANA registry; some HTTP proxies use 598, by "
            "informal convention and not any standard, to report that "
            "reading from the upstream timed out. Clients should treat it as"
            " a 500, or as a 504 if they know the proxy. Retry only "
            "idempotent requests, because the upstream may already have "
            "acted on the request."),
        .use_cases = LIST(
            "Upstream stalling mid-response",
            "Slow backend behind a caching proxy",
            "Proxy read timeout set too low"),
        .aliases = NAMES("NETWORK_READ_TIMEOUT"),
    },
    {
        .code = 599,
        .status_class = HTTPSTATUS_CLASS_SERVER_ERROR,
        .kind = HTTPSTATUS_KIND_UNOFFICIAL,
        .retry = HTTPSTATUS_RETRY_IDEMPOTENT,
        .name = "NETWORK_CONNECT_TIMEOUT_ERROR",
        .reason = "Network Connect Timeout Error",
        .vendor = "HTTP proxies (informal)",
        .summary = TEXT(
            "A proxy timed out while trying to open a connection to the "
            "server behind it."),
        .description = TEXT(
            "Not in the IANA registry; some HTTP proxies use 599, by "
            "informal convention, when a connection to the upstream could "
            "not be set up in time. Clients should treat it as a 500, or as "
            "a 504 if they know the proxy. Since no connection was made, the"
            " upstream usually never saw the request, so a retry after a "
            "pause is normally safe."),
        .use_cases = LIST(
            "Upstream host down or firewalled",
            "Network partition between proxy and backend",
            "Proxy connect timeout set too low"),
        .aliases = NAMES("NETWORK_CONNECT_TIMEOUT"),
    },
};
/* clang-format on */

const size_t httpstatus__unofficial_count =
    sizeof httpstatus__unofficial / sizeof httpstatus__unofficial[0];

/* The indexes behind httpstatus_get() and httpstatus_reason(): see
 * internal.h. */
const struct httpstatus_info
    *const httpstatus__entry_of[6 + HTTPSTATUS__REGISTERED_COUNT] = {
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
        NULL,
#define XX(num, id, text) &httpstatus__registered[I(id)],
        HTTPSTATUS_MAP(XX)
#undef XX
};

const char *const httpstatus__reason_of[6 + HTTPSTATUS__REGISTERED_COUNT] = {
    NULL,
    "Informational",
    "Successful",
    "Redirection",
    "Client Error",
    "Server Error",
#define XX(num, id, text) reason_##id,
    HTTPSTATUS_MAP(XX)
#undef XX
};
