/* fetch.h: the requests behind `httpstatus check URL` (cli/fetch.c, on
 * libcurl). Each exchange comes back as the bytes received, heads as
 * sent (every interim response's, then the final one's; curl's
 * "HTTP/2 200" form over HTTP/2) followed by the content with its
 * transfer coding still on (chunked framing is kept, and no content
 * coding is undone), ready for lint_run(). */
#ifndef HTTPSTATUS_FETCH_H
#define HTTPSTATUS_FETCH_H

#include <stddef.h>

#include "probe.h"

/* At most this much content is read; the rest is not waited for, and
 * the exchange says it was cut. */
#define FETCH_CONTENT_MAX ((size_t)1 << 20)

enum fetch_http {
    FETCH_HTTP_ANY, /* HTTP/2 over TLS when ALPN picks it, else HTTP/1.1 */
    FETCH_HTTP1,    /* HTTP/1.1 only */
    FETCH_HTTP2     /* HTTP/2: by ALPN over TLS, else with prior knowledge */
};

struct fetch_options {
    const char *method; /* the request's method; NULL for GET */
    double timeout;     /* seconds one exchange may take, connecting too */
    int insecure;       /* do not verify the server's certificate */
    const char *cacert; /* trust the CA certificates in this PEM file */
    const char *pin;    /* sha256//BASE64: trust a server with this key */
    enum fetch_http http;
    int follow; /* follow redirects (PROBE_MAX_REDIRECTS) */
    int probe;  /* and send the probes of probe.h */
};

/* One exchange, an input of check. */
struct fetch_result {
    char *name;   /* the URL, and what a probe added to the request */
    char *method; /* the method sent */
    char *data;   /* what was received */
    size_t len;
    struct probe_exchange *ex; /* its description; ex->data is data. Free
                                  it with fetch_exchange_free() */
};

/* 1 when this build can fetch (it has libcurl). */
int fetch_supported(void);

/* Requests url: once, or along its redirects with o->follow, then the
 * probes with o->probe. Returns NULL with *out (malloc'd) and *n set, the
 * plain exchanges first; or, when any request fails (a name that does not
 * resolve, a refused connection, a certificate not trusted, a timeout, a
 * response that ends early), a malloc'd message that says which request
 * failed and why, and no result. */
char *fetch_url(const struct fetch_options *o, const char *url,
                struct fetch_result **out, size_t *n);

/* Frees ex, its url and location; not ex->data. NULL is fine. */
void fetch_exchange_free(struct probe_exchange *ex);

#endif
