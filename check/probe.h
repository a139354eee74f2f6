/* probe.h: what `httpstatus check --probe URL` learns from asking a
 * resource several times: its redirects, a conditional request with each
 * validator it gave, a range request, HEAD, and Accept-Encoding: gzip.
 *
 * Nothing here touches the network: cli/fetch.c sends the requests and
 * describes each exchange with a struct probe_exchange; the linter checks
 * each exchange's bytes on its own (lint_run()); probe_check() then
 * compares the exchanges and adds the findings of the rules in the
 * "Probes" section of rules.h to their reports. */
#ifndef HTTPSTATUS_PROBE_H
#define HTTPSTATUS_PROBE_H

#include <stddef.h>

#include "lint.h"

/* Redirects followed at most (-L, --probe); the next one is a finding. */
#define PROBE_MAX_REDIRECTS 10

/* What an exchange asked, beyond the plain request. */
enum probe_kind {
    PROBE_PLAIN,             /* the request as given, or a redirect hop */
    PROBE_IF_NONE_MATCH,     /* If-None-Match: the plain response's ETag */
    PROBE_IF_MODIFIED_SINCE, /* If-Modified-Since: its Last-Modified */
    PROBE_RANGE,             /* Range: bytes=0-9 */
    PROBE_HEAD,              /* HEAD instead of GET */
    PROBE_GZIP               /* Accept-Encoding: gzip */
};

/* One request and what came back. Every pointer is borrowed: the caller
 * owns the strings and bytes, which outlive the calls below. */
struct probe_exchange {
    enum probe_kind kind;
    const char *url;      /* the URL requested, absolute */
    const char *location; /* a redirect's target, made absolute, or NULL */
    int code;             /* the final response's status code */
    const char *data;     /* the bytes received: every head, then content */
    size_t len;
    size_t head;    /* where the final response's status line starts */
    size_t content; /* where its content starts (len when it has none) */
    int cut;        /* the content was cut short at the fetch's limit */
    struct lint_report *report; /* findings go to its last response; NULL
                                   for probe_plan() and probe_next() */
};

/* Whether to send the probe of this kind (not PROBE_PLAIN) after the
 * plain exchange that ended the redirect chain, and the request header
 * field it adds ("If-None-Match: \"xyz\""), malloc'd, in *field (NULL for
 * HEAD, which adds none). Returns 0, with *field NULL, when the probe
 * does not apply: no validator of that kind, or a plain response other
 * than 200 for all but HEAD. */
int probe_plan(enum probe_kind kind, const struct probe_exchange *plain,
               char **field);

/* Where a redirect chain goes next. chain[0..n) are the plain exchanges
 * so far, in order. */
enum probe_next {
    PROBE_NEXT_DONE,   /* no redirect to follow: the chain ends */
    PROBE_NEXT_FOLLOW, /* *target is the URL to request next */
    PROBE_NEXT_LOOP,   /* the target was requested before */
    PROBE_NEXT_LIMIT   /* PROBE_MAX_REDIRECTS were followed already */
};
enum probe_next probe_next(const struct probe_exchange *chain, size_t n,
                           const char **target);

/* Compares the exchanges of one URL and reports what they show. ex[0..n)
 * are the plain exchanges first (the request, then each redirect hop
 * followed), then the probes, each kind at most once. Every exchange's
 * report must hold at least one response (lint_run() returned 0). */
void probe_check(const struct lint_options *opt,
                 const struct probe_exchange *ex, size_t n);

#endif
