/* early_hints.c: the two resources that /103's Early Hints name.
 *
 *   /early-hints/style.css   a short stylesheet, text/css
 *   /early-hints/script.js   a short script, text/javascript
 *
 * /103 (codes.c) sends an interim 103 whose Link fields preload both
 * (early_hints_link() gives the values), and its HTML page links the
 * stylesheet and loads the script, so that a browser that acts on the
 * hints fetches them while it waits for the final response and then uses
 * what it fetched.
 *
 * Decisions:
 *
 *  - Both are cacheable for a day (Cache-Control: public, max-age=86400)
 *    and carry a strong ETag (FNV-1a of the bytes), with 304 for a
 *    matching If-None-Match. A browser keeps what an early hint preloaded
 *    in its HTTP cache, where the page's own request finds it; a hint to
 *    a resource that cannot be cached, or that fails, buys nothing, as
 *    the page fetches it again.
 *  - The Link fields say as=style and as=script, the destinations of the
 *    page's <link rel=stylesheet> and <script src>, and neither says
 *    crossorigin, as neither element does: a browser reuses a preload
 *    only for a request of the same destination and CORS mode.
 *  - The script writes into the page whether the browser reports the two
 *    resources as fetched on early hints (the Resource Timing
 *    initiatorType "early-hints"), so that a person who loads /103 in a
 *    browser sees whether the hints were used.
 *  - text/javascript is the type RFC 9239 gives scripts. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "server.h"

#define CACHE_CONTROL "public, max-age=86400"

static const char style_doc[] =
    "/* /early-hints/style.css: the stylesheet /103's Early Hints preload. "
    "*/\n"
    "body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; "
    "max-width: 40rem; padding: 0 1rem; }\n"
    "#early-hints { border-left: 4px solid #888; padding-left: 0.75rem; }\n"
    "#early-hints.used { border-color: #2a7d2a; }\n"
    "#early-hints.unused { border-color: #b35c00; }\n";

static const char script_doc[] =
    "// /early-hints/script.js: the script /103's Early Hints preload. It\n"
    "// says whether the browser reports this page's stylesheet and script\n"
    "// as fetched on those hints.\n"
    "(function () {\n"
    "  \"use strict\";\n"
    "  var out = document.getElementById(\"early-hints\");\n"
    "  if (!out || !window.performance || !performance.getEntriesByType)\n"
    "    return;\n"
    "  var hinted = performance.getEntriesByType(\"resource\").filter(\n"
    "    function (e) { return e.initiatorType === \"early-hints\"; });\n"
    "  out.className = hinted.length > 0 ? \"used\" : \"unused\";\n"
    "  out.textContent = hinted.length > 0\n"
    "    ? \"This browser fetched \" + hinted.length + \" of this page's \" "
    "+\n"
    "      \"resources on the 103's hints, before the final response.\"\n"
    "    : \"This browser did not fetch this page's resources on the \" +\n"
    "      \"103's hints (browsers act on a 103 only over HTTP/2 or "
    "later).\";\n"
    "})();\n";

const char *early_hints_link(int which)
{
    return which == EARLY_HINTS_STYLE
               ? "<" EARLY_HINTS_STYLE_PATH ">; rel=preload; as=style"
               : "<" EARLY_HINTS_SCRIPT_PATH ">; rel=preload; as=script";
}

/* A 200 with doc, cacheable, with its ETag; or the 304 or 412 that the
 * request's preconditions call for. */
static int respond_asset(struct exchange *x, const char *type, const char *doc,
                         size_t n)
{
    struct response *res = x->res;
    uint64_t h = UINT64_C(14695981039346656037);
    char etag[24];
    size_t i;
    int pre;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)doc[i];
        h *= UINT64_C(1099511628211);
    }
    snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)h);
    pre = preconditions(x, etag, -1);
    if (pre == 412) {
        respond_error(res, x->req, 412,
                      "A precondition failed: If-Match names no current "
                      "entity-tag of this resource (its ETag field).\n");
        response_add(res, "ETag", etag);
        return 0;
    }
    /* A 304 carries the ETag and Cache-Control a 200 would have
     * carried (RFC 9110, Section 15.4.5). */
    response_reset(res, pre != 0 ? pre : 200);
    response_add(res, "ETag", etag);
    response_add(res, "Cache-Control", CACHE_CONTROL);
    if (pre == 0)
        response_static(res, type, doc, n);
    return 0;
}

int handle_early_hints_style(struct exchange *x)
{
    return respond_asset(x, "text/css; charset=utf-8", style_doc,
                         sizeof style_doc - 1);
}

int handle_early_hints_script(struct exchange *x)
{
    return respond_asset(x, "text/javascript; charset=utf-8", script_doc,
                         sizeof script_doc - 1);
}
