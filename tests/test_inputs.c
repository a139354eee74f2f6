/* test_inputs.c: check's readers of curl -v traces and HAR files
 * (check/curl_trace.c, check/har.c): what is taken for a trace, the
 * heads and names each exchange or entry gives, and the errors for what
 * cannot be read. Every head a reader gives must start with a status line
 * that lint_run() reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "inputs.h"
#include "lint.h"

/* Every input's data lint_run() reads as responses. */
static int all_lint(const struct inputs *l)
{
    struct lint_options opt;
    size_t i;
    int ok = 1;

    memset(&opt, 0, sizeof opt);
    opt.now = -1;
    for (i = 0; i < l->count; i++) {
        struct lint_report rep;
        opt.method = l->items[i].method;
        if (lint_run(&opt, l->items[i].data, l->items[i].len, &rep) != 0)
            ok = 0;
        lint_report_free(&rep);
    }
    return ok;
}

/* Reads a trace; the inputs in l, the error (or NULL) returned. */
static char *trace(const char *s, struct inputs *l)
{
    char *err = NULL;

    memset(l, 0, sizeof *l);
    if (curl_trace_read("t", s, strlen(s), l, &err) != 0) {
        CHECK(err != NULL);
        return err;
    }
    CHECK(err == NULL);
    CHECK(all_lint(l));
    return NULL;
}

static int data_is(const struct input *in, const char *s)
{
    return in->len == strlen(s) && memcmp(in->data, s, in->len) == 0;
}

/* ------------------------------------------------------------- traces */

static const char plain[] = "*   Trying 127.0.0.1:8080...\n"
                            "* Connected to 127.0.0.1 (127.0.0.1) port 8080 "
                            "(#0)\n"
                            "> GET /a HTTP/1.1\r\n"
                            "> Host: 127.0.0.1:8080\r\n"
                            "> User-Agent: curl/7.88.1\r\n"
                            "> Accept: */*\r\n"
                            "> \r\n"
                            "< HTTP/1.1 200 OK\r\n"
                            "< Content-Length: 2\r\n"
                            "< \r\n"
                            "{ [2 bytes data]\n"
                            "* Connection #0 to host 127.0.0.1 left "
                            "intact\n";

static void detects_traces_only(void)
{
    static const char *const not_traces[] = {
        "",
        "\r\n\r\n",
        "HTTP/1.1 200 OK\r\n\r\n",
        "\r\nHTTP/1.1 200 OK\r\n\r\n",
        /* a response whose content looks like a trace */
        ("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n"
         "> GET / HTTP/1.1\r\n< HTTP/1.1 200 OK\r\n"),
        "HTTP/1.1 200 OK\r0 > GET / HTTP/1.1\r\n",
        "<!doctype html>\n<p>> GET / HTTP/1.1\n",
        "* a list\n* of things\n",
        "> a quote\n> of things\n",
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "hello\n> GET / HTTP/1.1\r\n< HTTP/1.1 200 OK\r\n",
    };
    static const char *const traces[] = {
        plain,
        "*   Trying 127.0.0.1:1...\n* connect failed\n",
        "> GET / HTTP/1.1\r\n",
        "< HTTP/2 200 \r\n< \r\n",
        "\n\n< HTTP/1.1 200 OK\r\n",
        ("  % Total    % Received % Xferd  Average Speed\n"
         "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- "
         "--:--:--     0*   Trying 127.0.0.1:8080...\n"),
        ("Note: Unnecessary use of -X or --request, POST is already "
         "inferred.\n* Connected to x (1.2.3.4) port 80 (#0)\n"),
        "<\n< HTTP/1.1 200 OK\n",
        "18:16:33.338979 *   Trying 127.0.0.1:8149...\n",
    };
    size_t k;

    for (k = 0; k < sizeof not_traces / sizeof not_traces[0]; k++)
        CHECK(!curl_trace_detect(not_traces[k], strlen(not_traces[k])));
    for (k = 0; k < sizeof traces / sizeof traces[0]; k++)
        CHECK(curl_trace_detect(traces[k], strlen(traces[k])));
    CHECK(!curl_trace_detect(NULL, 0));
}

static void an_exchange_is_an_input(void)
{
    struct inputs l;

    CHECK(trace(plain, &l) == NULL);
    CHECK(l.count == 1 && l.nnotes == 0);
    if (l.count == 1) {
        CHECK(strcmp(l.items[0].name,
                     "t, request 1: GET http://127.0.0.1:8080/a") == 0);
        CHECK(strcmp(l.items[0].method, "GET") == 0);
        CHECK(data_is(&l.items[0],
                      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n"));
    }
    inputs_free(&l);
}

static void interim_heads_get_their_empty_line(void)
{
    struct inputs l;

    CHECK(trace("> POST /p HTTP/1.1\r\n"
                "> Host: h\r\n"
                "> User-Agent: curl/7.88.1\r\n"
                "> Accept: */*\r\n"
                "> \r\n"
                "< HTTP/1.1 100 Continue\r\n"
                "} [10 bytes data]\n"
                "* We are completely uploaded and fine\n"
                "< HTTP/1.1 103 Early Hints\r\n"
                "< Link: </s.css>; rel=preload\r\n"
                "< HTTP/1.1 201 Created\r\n"
                "< Location: /p/1\r\n"
                "< \r\n",
                &l) == NULL);
    CHECK(l.count == 1);
    if (l.count == 1) {
        CHECK(strcmp(l.items[0].method, "POST") == 0);
        CHECK(data_is(&l.items[0], "HTTP/1.1 100 Continue\r\n\r\n"
                                   "HTTP/1.1 103 Early Hints\r\n"
                                   "Link: </s.css>; rel=preload\r\n\r\n"
                                   "HTTP/1.1 201 Created\r\n"
                                   "Location: /p/1\r\n\r\n"));
    }
    inputs_free(&l);
    /* An interim head the trace ends after. */
    CHECK(trace("> GET / HTTP/1.1\r\n"
                "> Host: h\r\n"
                "> User-Agent: curl/7.88.1\r\n"
                "> Accept: */*\r\n"
                "> \r\n"
                "< HTTP/1.1 100 Continue\r\n"
                "* Empty reply from server\n",
                &l) == NULL);
    CHECK(l.count == 1 && data_is(&l.items[0], "HTTP/1.1 100 Continue\r\n"
                                               "\r\n"));
    inputs_free(&l);
}

static void line_ends_are_kept_unless_lost(void)
{
    struct inputs l;
    char *crlf;
    size_t i, o = 0;

    /* A server's bare LF: the request's CRs show that ends were kept. */
    CHECK(trace("> GET / HTTP/1.1\r\n"
                "> Host: h\r\n"
                "> User-Agent: curl/7.88.1\r\n"
                "> Accept: */*\r\n"
                "> \r\n"
                "< HTTP/1.1 200 OK\n"
                "< Content-Length: 0\n"
                "< \n",
                &l) == NULL);
    CHECK(l.count == 1 && data_is(&l.items[0], "HTTP/1.1 200 OK\n"
                                               "Content-Length: 0\n\n"));
    inputs_free(&l);
    /* No CR anywhere: lost on the way, so CRLF. */
    CHECK(trace("* Connected to h (1.2.3.4) port 80 (#0)\n"
                "> GET / HTTP/1.1\n> Host: h\n>\n"
                "< HTTP/1.1 200 OK\n< Content-Length: 0\n<\n",
                &l) == NULL);
    CHECK(l.count == 1 && data_is(&l.items[0], "HTTP/1.1 200 OK\r\n"
                                               "Content-Length: 0\r\n\r\n"));
    CHECK(l.count == 1 &&
          strcmp(l.items[0].name, "t, request 1: GET http://h/") == 0);
    inputs_free(&l);
    /* A CR added to every line (unix2dos): one is taken off again. */
    crlf = malloc(sizeof plain * 2);
    for (i = 0; plain[i]; i++) {
        if (plain[i] == '\n')
            crlf[o++] = '\r';
        crlf[o++] = plain[i];
    }
    crlf[o] = '\0';
    CHECK(trace(crlf, &l) == NULL);
    CHECK(l.count == 1 &&
          data_is(&l.items[0], "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                               "\r\n"));
    inputs_free(&l);
    free(crlf);
}

static void http2_gives_its_scheme_and_authority(void)
{
    struct inputs l;

    CHECK(trace("* Connected to localhost (::1) port 8443 (#0)\n"
                "* ALPN: offers h2,http/1.1\n"
                "* h2h3 [:method: GET]\n"
                "* h2h3 [:path: /x?y=1]\n"
                "* h2h3 [:scheme: https]\n"
                "* h2h3 [:authority: localhost:8443]\n"
                "> GET /x?y=1 HTTP/2\r\n> user-agent: curl\r\n> \r\n"
                "{ [5 bytes data]\n"
                "< HTTP/2 204 \r\n< server: s\r\n< \r\n",
                &l) == NULL);
    CHECK(l.count == 1 &&
          strcmp(l.items[0].name,
                 "t, request 1: GET https://localhost:8443/x?y=1") == 0);
    CHECK(l.count == 1 &&
          data_is(&l.items[0], "HTTP/2 204 \r\nserver: s\r\n\r\n"));
    inputs_free(&l);
    /* curl 8's lines; a Host field wins over :authority. */
    CHECK(trace("* [HTTP/2] [1] [:authority: a.example]\n"
                "> GET / HTTP/2\r\n> Host: b.example\r\n> \r\n"
                "< HTTP/2 200 \r\n< \r\n",
                &l) == NULL);
    CHECK(l.count == 1 &&
          strcmp(l.items[0].name, "t, request 1: GET http://b.example/") == 0);
    inputs_free(&l);
}

static void tls_follows_the_connection(void)
{
    static const char redirects[] =
        "* Connected to a (1.2.3.4) port 80 (#0)\n"
        "> GET / HTTP/1.1\r\n> Host: a\r\n> \r\n"
        "< HTTP/1.1 301 Moved Permanently\r\n"
        "< Location: https://b/\r\n"
        "< \r\n"
        "* Connected to b (1.2.3.5) port 443 (#1)\n"
        "* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\n"
        "> GET / HTTP/1.1\r\n> Host: b\r\n> \r\n"
        "< HTTP/1.1 302 Found\r\n"
        "< Location: http://a/x\r\n"
        "< \r\n"
        "* Re-using existing connection #0 with host a\n"
        "> GET /x HTTP/1.1\r\n> Host: a\r\n> \r\n"
        "< HTTP/1.1 200 OK\r\n"
        "< \r\n";
    struct inputs l;

    CHECK(trace(redirects, &l) == NULL);
    CHECK(l.count == 3);
    if (l.count == 3) {
        CHECK(strcmp(l.items[0].name, "t, request 1: GET http://a/") == 0);
        CHECK(strcmp(l.items[1].name, "t, request 2: GET https://b/") == 0);
        CHECK(strcmp(l.items[2].name, "t, request 3: GET http://a/x") == 0);
    }
    inputs_free(&l);
}

static void other_lines_are_passed_over(void)
{
    struct inputs l;

    /* The progress meter before a trace line, content from 2>&1, and "< "
     * lines after the head (trailers). */
    CHECK(trace("> GET / HTTP/1.1\r\n"
                "> Host: h\r\n"
                "> User-Agent: curl/7.88.1\r\n"
                "> Accept: */*\r\n"
                "> \r\n"
                "\r  0     0    0     0    0     0      0      0 --:--:--  "
                "0:00:01 --:--:--     0"
                "\r  0     0    0     0    0     0      0      0 --:--:--  "
                "0:00:02 --:--:--     0"
                "< HTTP/1.1 200 OK\r\n"
                "< Transfer-Encoding: chunked\r\n"
                "< \r\n"
                "{ [5 bytes data]\n"
                "<!doctype html>\n"
                "hello\n"
                "< X-Trailer: 1\r\n",
                &l) == NULL);
    CHECK(l.count == 1 &&
          data_is(&l.items[0], "HTTP/1.1 200 OK\r\nTransfer-Encoding: "
                               "chunked\r\n\r\n"));
    inputs_free(&l);
    /* --trace-time, with the meter too. */
    CHECK(trace("\r  0     0    0     0    0     0      0      0 --:--:-- "
                "--:--:-- --:--:--     018:16:33.384290 *   Trying h...\n"
                "18:16:33.344385 > GET / HTTP/1.1\r\n"
                "18:16:33.344385 > Host: h\r\n"
                "18:16:33.344385 > \r\n"
                "18:16:33.344582 < HTTP/1.1 204 No Content\r\n"
                "18:16:33.344596 < Server: s\r\n"
                "18:16:33.344623 < \r\n",
                &l) == NULL);
    CHECK(l.count == 1 &&
          strcmp(l.items[0].name, "t, request 1: GET http://h/") == 0 &&
          data_is(&l.items[0], "HTTP/1.1 204 No Content\r\nServer: s\r\n"
                               "\r\n"));
    inputs_free(&l);
}

static void a_switch_of_protocol_starts_an_input(void)
{
    struct inputs l;

    CHECK(trace("> GET / HTTP/1.1\r\n"
                "> Host: h\r\n"
                "> User-Agent: curl/7.88.1\r\n"
                "> Accept: */*\r\n"
                "> \r\n"
                "< HTTP/1.1 101 Switching Protocols\r\n"
                "< Upgrade: h2c\r\n"
                "< Connection: Upgrade\r\n"
                "* Received 101, Switching to HTTP/2\n"
                "< HTTP/2 200 \r\n< \r\n",
                &l) == NULL);
    CHECK(l.count == 2);
    if (l.count == 2) {
        CHECK(strcmp(l.items[0].name, "t, request 1: GET http://h/") == 0);
        CHECK(data_is(&l.items[0], "HTTP/1.1 101 Switching Protocols\r\n"
                                   "Upgrade: h2c\r\n"
                                   "Connection: Upgrade\r\n\r\n"));
        CHECK(strcmp(l.items[1].name,
                     "t, request 1: GET http://h/, after 101") == 0);
        CHECK(strcmp(l.items[1].method, "GET") == 0);
        CHECK(data_is(&l.items[1], "HTTP/2 200 \r\n\r\n"));
    }
    inputs_free(&l);
}

static void heads_without_requests_are_numbered(void)
{
    struct inputs l;

    /* curl -svL ... 2>&1 | grep '^<' */
    CHECK(trace("< HTTP/1.1 302 Found\r\n< Location: /b\r\n< \r\n"
                "< HTTP/1.1 200 OK\r\n< \r\n",
                &l) == NULL);
    CHECK(l.count == 2);
    if (l.count == 2) {
        CHECK(strcmp(l.items[0].name, "t, response 1") == 0);
        CHECK(l.items[0].method == NULL);
        CHECK(strcmp(l.items[1].name, "t, response 2") == 0);
        CHECK(data_is(&l.items[1], "HTTP/1.1 200 OK\r\n\r\n"));
    }
    inputs_free(&l);
}

static void names_are_printable(void)
{
    struct inputs l;
    char long_trace[2048];

    CHECK(trace("> GET /\xc3\xa9 HTTP/1.1\r\n> Host: h\x1b[31m\r\n> \r\n"
                "< HTTP/1.1 200 OK\r\n< \r\n",
                &l) == NULL);
    CHECK(l.count == 1 &&
          strcmp(l.items[0].name,
                 "t, request 1: GET http://h\\x1b[31m/\\xc3\\xa9") == 0);
    inputs_free(&l);
    snprintf(long_trace, sizeof long_trace,
             "> GET /%0600d HTTP/1.1\r\n< HTTP/1.1 200 OK\r\n< \r\n", 0);
    CHECK(trace(long_trace, &l) == NULL);
    CHECK(l.count == 1 && strlen(l.items[0].name) < 300 &&
          strstr(l.items[0].name, "...") != NULL);
    inputs_free(&l);
}

static void exchanges_without_a_response_are_errors(void)
{
    struct inputs l;
    char *err;

    err = trace("> GET /r HTTP/1.1\r\n"
                "> Host: h\r\n"
                "> User-Agent: curl/7.88.1\r\n"
                "> Accept: */*\r\n"
                "> \r\n"
                "* Recv failure: Connection reset by peer\n"
                "* Closing connection 0\n",
                &l);
    CHECK(err != NULL &&
          strcmp(err, "t, request 1: GET http://h/r: the trace holds no "
                      "response to it; curl said \"Recv failure: "
                      "Connection reset by peer\"") == 0);
    free(err);
    inputs_free(&l);
    /* The first of two. */
    err = trace("> GET /a HTTP/1.1\r\n"
                "> Host: h\r\n"
                "> User-Agent: curl/7.88.1\r\n"
                "> Accept: */*\r\n"
                "> \r\n"
                "> GET /b HTTP/1.1\r\n"
                "> Host: h\r\n"
                "> User-Agent: curl/7.88.1\r\n"
                "> Accept: */*\r\n"
                "> \r\n"
                "< HTTP/1.1 200 OK\r\n"
                "< \r\n",
                &l);
    CHECK(err != NULL && strstr(err, "request 1: GET http://h/a") != NULL);
    free(err);
    inputs_free(&l);
    err = trace("*   Trying 127.0.0.1:1...\n"
                "* connect to 127.0.0.1 port 1 failed: Connection refused\n"
                "* Closing connection 0\n",
                &l);
    CHECK(err != NULL &&
          strcmp(err, "t is a curl -v trace with no HTTP exchange in it; "
                      "curl said \"connect to 127.0.0.1 port 1 failed: "
                      "Connection refused\"") == 0);
    free(err);
    inputs_free(&l);
    err = trace("*   Trying 127.0.0.1:1...\n", &l);
    CHECK(err != NULL && strstr(err, "no HTTP exchange") != NULL);
    free(err);
    inputs_free(&l);
}

/* Every prefix of a trace is read without harm, and what it gives lints. */
static void every_prefix_is_safe(void)
{
    static const char full[] =
        "  % Total    % Received\n"
        "\r  0     0 --:--:--     0*   Trying 127.0.0.1:8080...\n"
        "* Connected to 127.0.0.1 (127.0.0.1) port 8080 (#0)\n"
        "* h2h3 [:authority: x]\n"
        "> POST /p HTTP/1.1\r\n"
        "> Host: h\r\n"
        "> User-Agent: curl/7.88.1\r\n"
        "> Accept: */*\r\n"
        "> \r\n"
        "< HTTP/1.1 100 Continue\r\n"
        "< HTTP/1.1 101 Switching Protocols\r\n< Upgrade: h2c\r\n"
        "< HTTP/2 302 \r\n< location: /q\r\n< \r\n"
        "body\n"
        "> GET /q HTTP/1.1\r\n"
        "> Host: h\r\n"
        "> User-Agent: curl/7.88.1\r\n"
        "> Accept: */*\r\n"
        "> \r\n"
        "< HTTP/1.1 200 OK\r\n"
        "< \r\n";
    size_t n;

    for (n = 0; n <= sizeof full - 1; n++) {
        char *copy = malloc(n ? n : 1), *err = NULL;
        struct inputs l;
        memcpy(copy, full, n);
        memset(&l, 0, sizeof l);
        (void)curl_trace_detect(copy, n);
        if (curl_trace_read("t", copy, n, &l, &err) == 0)
            CHECK(all_lint(&l) && l.count > 0);
        else
            CHECK(err != NULL);
        free(err);
        inputs_free(&l);
        free(copy);
    }
}

/* ---------------------------------------------------------------- HAR */

static char *har(const char *s, struct inputs *l)
{
    char *err = NULL;

    memset(l, 0, sizeof *l);
    if (har_read("h.har", s, strlen(s), l, &err) != 0) {
        CHECK(err != NULL);
        return err;
    }
    CHECK(err == NULL);
    CHECK(all_lint(l));
    return NULL;
}

#define ENTRY(method, url, version, status, text, headers)                    \
    "{\"request\": {\"method\": \"" method "\", \"url\": \"" url "\"}, "      \
    "\"response\": {\"status\": " status ", \"statusText\": \"" text          \
    "\", \"httpVersion\": \"" version "\", \"headers\": [" headers "]}}"
#define H(name, value) "{\"name\": \"" name "\", \"value\": \"" value "\"}"
#define LOG(entries)                                                          \
    "{\"log\": {\"version\": \"1.2\", \"entries\": [" entries "]}}"

static void har_without_jansson_says_so(void)
{
    struct inputs l;
    char *err = har(LOG(""), &l);

    CHECK(err != NULL && strstr(err, "built without Jansson") != NULL);
    free(err);
    inputs_free(&l);
}

/* A HAR file of these entries, with a byte order mark first when bom. */
static char *har_of(const char *const *entries, size_t n, int bom)
{
    size_t i, len = 64;
    char *s;

    for (i = 0; i < n; i++)
        len += strlen(entries[i]) + 2;
    s = malloc(len);
    strcpy(s, bom ? "\xef\xbb\xbf" : "");
    strcat(s, "{\"log\": {\"version\": \"1.2\", \"entries\": [");
    for (i = 0; i < n; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, entries[i]);
    }
    strcat(s, "]}}");
    return s;
}

static void har_entries_are_inputs(void)
{
    static const char *const entries[] = {
        ENTRY("GET", "http://a/", "HTTP/1.1", "200", "OK",
              H("Content-Type", "text/plain") ", " H("Set-Cookie",
                                                     "a=1\\nb=2\\r\\nc=3")),
        ENTRY("HEAD", "https://a/x", "h2", "204", "",
              H(":status", "204") ", " H("server", "s")),
        ENTRY("GET", "https://a/y", "http/2.0", "404", "Not Found", ""),
        ENTRY("GET", "https://a/z", "h3", "200", "", ""),
        ENTRY("GET", "http://a/w", "http/1.0", "200", "", ""),
        ENTRY("G T", "http://a/v", "HTTP/2", "200", "", ""),
    };
    struct inputs l;
    char *doc = har_of(entries, 6, 0);

    CHECK(har(doc, &l) == NULL);
    free(doc);
    CHECK(l.count == 6 && l.nnotes == 0);
    if (l.count == 6) {
        CHECK(strcmp(l.items[0].name, "h.har, entry 1: GET http://a/") == 0);
        CHECK(strcmp(l.items[0].method, "GET") == 0);
        CHECK(data_is(&l.items[0], "HTTP/1.1 200 OK\r\n"
                                   "Content-Type: text/plain\r\n"
                                   "Set-Cookie: a=1\r\n"
                                   "Set-Cookie: b=2\r\n"
                                   "Set-Cookie: c=3\r\n\r\n"));
        CHECK(strcmp(l.items[1].method, "HEAD") == 0);
        CHECK(data_is(&l.items[1], "HTTP/2 204 \r\nserver: s\r\n\r\n"));
        CHECK(data_is(&l.items[2], "HTTP/2 404 \r\n\r\n"));
        CHECK(data_is(&l.items[3], "HTTP/3 200 \r\n\r\n"));
        CHECK(data_is(&l.items[4], "HTTP/1.0 200 \r\n\r\n"));
        CHECK(strcmp(l.items[5].name, "h.har, entry 6: G T http://a/v") == 0);
        CHECK(l.items[5].method == NULL);
    }
    inputs_free(&l);
}

static void har_entries_without_response_are_noted(void)
{
    static const char *const entries[] = {
        ENTRY("GET", "http://a/", "", "0", "", ""),
        ENTRY("GET", "http://a/b", "HTTP/1.1", "-1", "", ""),
        ENTRY("GET", "http://a/c", "spdy/3.1", "200", "", ""),
        ENTRY("GET", "http://a/d", "", "200", "", ""),
        ENTRY("GET", "http://a/e", "HTTP/1.1", "200", "OK", ""),
    };
    struct inputs l;
    char *doc = har_of(entries, 5, 1);

    CHECK(har(doc, &l) == NULL);
    free(doc);
    CHECK(l.count == 1 && l.nnotes == 4);
    if (l.nnotes == 4) {
        CHECK(strcmp(l.notes[0],
                     "h.har, entry 1: GET http://a/: left out, it has no "
                     "response (status 0: blocked, cancelled or failed)") ==
              0);
        CHECK(strstr(l.notes[1], "(status -1: ") != NULL);
        CHECK(strcmp(l.notes[2], "h.har, entry 3: GET http://a/c: left out, "
                                 "its HTTP version \"spdy/3.1\" is not one "
                                 "check knows") == 0);
        CHECK(strstr(l.notes[3], "it does not say its HTTP version") != NULL);
    }
    inputs_free(&l);
}

struct bad_har {
    const char *har, *error;
};

static const struct bad_har bad_hars[] = {
    {"", "h.har is not a HAR file: it is not JSON (line 1, column 0: "},
    {"{\"log\": ", "h.har is not a HAR file: it is not JSON"},
    {"[]", "h.har is not a HAR file: it is JSON, but not an object"},
    {"{}", "h.har is not a HAR file: it has no log object"},
    {"{\"log\": []}", "h.har is not a HAR file: log is not an object"},
    {"{\"log\": {}}", "h.har is not a HAR file: it has no log.entries"},
    {"{\"log\": {\"entries\": {}}}",
     "h.har is not a HAR file: log.entries is not an array"},
    {LOG(""), "h.har has no entries: no response to check"},
    {LOG(ENTRY("GET", "http://a/", "h2", "0", "", "")),
     "h.har has no entry with a response to check"},
    {LOG("1"), "h.har, entry 1: the entry is not an object"},
    {LOG("{}"), "h.har, entry 1: request is missing"},
    {LOG("{\"request\": {\"url\": \"x\"}}"),
     "h.har, entry 1: request.method is missing"},
    {LOG("{\"request\": {\"method\": 1, \"url\": \"x\"}}"),
     "h.har, entry 1: request.method is not a string"},
    {LOG("{\"request\": {\"method\": \"GET\", \"url\": \"x\"}}"),
     "h.har, entry 1: response is missing"},
    {LOG(ENTRY("GET", "http://a/", "h2", "\"200\"", "", "")),
     "h.har, entry 1: response.status is not a whole number"},
    {LOG(ENTRY("GET", "http://a/", "h2", "200.0", "", "")),
     "h.har, entry 1: response.status is not a whole number"},
    {LOG(ENTRY("GET", "http://a/", "h2", "1000", "", "")),
     "h.har, entry 1: response.status 1000 is not a three-digit code"},
    {LOG(ENTRY("GET", "http://a/", "h2", "99", "", "")),
     "h.har, entry 1: response.status 99 is not a three-digit code"},
    {LOG(ENTRY("GET", "http://a/", "HTTP/1.1", "200", "O\\r\\nK", "")),
     "h.har, entry 1: response.statusText has a control character, which "
     "no reason phrase can have"},
    {LOG(ENTRY("GET", "http://a/", "h2", "200", "", "1")),
     "h.har, entry 1: response.headers[0] is not an object"},
    {LOG(ENTRY("GET", "http://a/", "h2", "200", "",
               H("a", "1") ", {\"value\": \"x\"}")),
     "h.har, entry 1: response.headers[1].name is missing"},
    {LOG(ENTRY("GET", "http://a/", "h2", "200", "",
               "{\"name\": \"a\", \"value\": null}")),
     "h.har, entry 1: response.headers[0].value is not a string"},
    {LOG(ENTRY("GET", "http://a/", "h2", "200", "", H("a\\nb", "1"))),
     "h.har, entry 1: the response field name \"a\\x0ab\" has a line break "
     "in it"},
    {LOG("{\"request\": {\"method\": \"GET\", \"url\": \"x\"}, "
         "\"response\": {\"status\": 200, \"httpVersion\": \"h2\"}}"),
     "h.har, entry 1: response.headers is missing"},
    {LOG("{\"request\": {\"method\": \"GET\", \"url\": \"x\"}, "
         "\"response\": {\"status\": 200, \"httpVersion\": 2, "
         "\"headers\": []}}"),
     "h.har, entry 1: response.httpVersion is not a string"},
};

static void malformed_har_is_an_error(void)
{
    size_t k;

    for (k = 0; k < sizeof bad_hars / sizeof bad_hars[0]; k++) {
        struct inputs l;
        char *err = har(bad_hars[k].har, &l);
        CHECK(err != NULL &&
              strncmp(err, bad_hars[k].error, strlen(bad_hars[k].error)) == 0);
        if (err &&
            strncmp(err, bad_hars[k].error, strlen(bad_hars[k].error)) != 0)
            printf("# %s\n", err);
        free(err);
        inputs_free(&l);
    }
}

/* Every prefix of a HAR file is read without harm. */
static void every_har_prefix_is_safe(void)
{
    static const char full[] = LOG(
        ENTRY("GET", "http://a/", "HTTP/1.1", "200", "OK",
              H("A", "1")) ", " ENTRY("GET", "http://a/", "h2", "0", "", ""));
    size_t n;

    for (n = 0; n <= sizeof full - 1; n++) {
        char *copy = malloc(n ? n : 1), *err = NULL;
        struct inputs l;
        memcpy(copy, full, n);
        memset(&l, 0, sizeof l);
        if (har_read("h", copy, n, &l, &err) == 0)
            CHECK(n == sizeof full - 1 && all_lint(&l));
        else
            CHECK(err != NULL);
        free(err);
        inputs_free(&l);
        free(copy);
    }
}

void test_inputs(void)
{
    run("a curl -v trace is told from a raw response by its first line",
        detects_traces_only);
    run("each exchange of a trace is an input named after its request",
        an_exchange_is_an_input);
    run("interim heads in a trace get the empty line curl leaves out",
        interim_heads_get_their_empty_line);
    run("a trace's line ends are kept, unless all CRs were lost or doubled",
        line_ends_are_kept_unless_lost);
    run("HTTP/2 traces give the URL's scheme and authority",
        http2_gives_its_scheme_and_authority);
    run("https comes from the TLS of the connection a request is sent on",
        tls_follows_the_connection);
    run("the progress meter, --trace-time, content and trailers are passed "
        "over",
        other_lines_are_passed_over);
    run("the heads after a 101 are an input of their own",
        a_switch_of_protocol_starts_an_input);
    run("heads with no request before them are numbered as responses",
        heads_without_requests_are_numbered);
    run("names show a URL's other bytes escaped, and cut",
        names_are_printable);
    run("an exchange without a response is an error that quotes curl",
        exchanges_without_a_response_are_errors);
    run("every prefix of a trace is read safely", every_prefix_is_safe);
    if (!har_supported()) {
        run("without Jansson, a HAR file is refused, saying why",
            har_without_jansson_says_so);
        return;
    }
    run("each HAR entry is an input, its head rebuilt in curl's form",
        har_entries_are_inputs);
    run("HAR entries without a response or a known version are noted",
        har_entries_without_response_are_noted);
    run("a malformed HAR file is an error that says where",
        malformed_har_is_an_error);
    run("every prefix of a HAR file is read safely", every_har_prefix_is_safe);
}
