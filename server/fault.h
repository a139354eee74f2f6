/* fault.h: the wire-level faults of `httpstatus serve`: what a client can
 * ask for with ?fault= or X-HttpStatus-Fault, and what --fault applies to
 * a whole run. docs/faults.md gives the bytes each one sends.
 *
 * A fault is NAME, NAME:ARG for the ones that take a number, and either
 * followed by @P, the share of requests it applies to: 0 to 1, at most
 * six decimals (reset@0.1). Lists are separated by commas. */
#ifndef HTTPSTATUS_FAULT_H
#define HTTPSTATUS_FAULT_H

#include <stddef.h>
#include <stdint.h>

enum fault_kind {
    FAULT_NONE,
    FAULT_RESET,               /* no bytes, then a TCP reset */
    FAULT_CLOSE,               /* no bytes, then a clean close (FIN) */
    FAULT_CLOSE_AFTER_HEAD,    /* the head, then a close */
    FAULT_TRUNCATE,            /* the head and ARG bytes after it, a close */
    FAULT_STALL,               /* a pause of ARG ms halfway through */
    FAULT_THROTTLE,            /* ARG bytes a second */
    FAULT_BAD_CHUNK,           /* the second chunk's size is not hex */
    FAULT_MISSING_FINAL_CHUNK, /* chunked, without the last chunk */
    FAULT_LENGTH_MISMATCH,     /* Content-Length ARG bytes too high */
    FAULT_DUPLICATE_LENGTH,    /* two Content-Length fields that differ */
    FAULT_LENGTH_AND_CHUNKED,  /* Content-Length and chunked both */
    FAULT_BAD_STATUS_LINE,     /* "HTTP/1.1 2000 Broken" */
    FAULT_NO_FINAL,            /* an interim response, then a close */
    FAULT_GARBAGE,             /* ARG random bytes, then a close */
    FAULT_KEEPALIVE_CLOSE,     /* a correct response, then a silent close */
    FAULT_KINDS
};

#define FAULT_ALWAYS   1000000u /* a chance of 1, in millionths */
#define FAULTS_MAX     16       /* faults in one list */
#define FAULT_TEXT_MAX 512      /* the longest list a request may give */

struct fault {
    enum fault_kind kind;
    uint32_t arg;    /* N, MS or BPS; 0 for the faults without one */
    uint32_t chance; /* in millionths of requests: FAULT_ALWAYS is all */
};

struct fault_list {
    struct fault f[FAULTS_MAX];
    size_t n;
};

/* Reads the comma-separated faults in p[0..n) and appends them to list.
 * Returns 0, or -1 with err saying what is wrong and naming the part at
 * fault: an unknown name, an argument missing, given where none is
 * taken, or out of its range (stall's MS at most max_sleep_ms), a bad
 * @P, an empty item, or more than FAULTS_MAX faults in list. The list is
 * then as it was. p may hold any bytes; p NULL reads as empty. */
int fault_list_parse(const char *p, size_t n, unsigned max_sleep_ms,
                     struct fault_list *list, char *err, size_t errsize);

/* Writes the fault as it is spelt (truncate:10, reset@0.25) to out, NUL
 * ended and cut to fit cap; returns the length it wanted. */
size_t fault_name(const struct fault *f, char *out, size_t cap);

/* The dice all the workers of a run share: the seed, and how many times
 * they were rolled. The k-th roll depends on the seed and k alone, so a
 * client that sends its requests one after another meets the same
 * faults in every run with the same seed. */
struct fault_dice {
    uint64_t seed;
    uint64_t rolls; /* advanced atomically */
};

/* Picks the fault for one request: each fault of first, then of second,
 * is drawn on its own, with its chance, and the first that is drawn
 * applies. Either list may be NULL or empty; then nothing is rolled.
 * Returns the fault (kind FAULT_NONE when none applies) and sets *bits
 * to random bits for its use (garbage's bytes). dice may be NULL: a
 * fixed seed. */
struct fault fault_pick(const struct fault_list *first,
                        const struct fault_list *second,
                        struct fault_dice *dice, uint64_t *bits);

/* Fills out[0..n) with garbage's bytes, from bits: random, but for the
 * first, whose top bit is set, so that they never begin like HTTP. */
void fault_garbage(uint64_t bits, char *out, size_t n);

/* 1 for the faults that change how the content is framed (bad-chunk,
 * missing-final-chunk, length-mismatch, duplicate-length,
 * length-and-chunked): generated content must be made whole
 * (response_gather()) before its head goes, over either protocol. */
int fault_reframes(enum fault_kind k);

/* What a fault asks of the connection once its reply's bytes are built:
 * how many bytes of the reply may have gone out by time t (ms since the
 * reply's first byte could go), and when that number next grows. */
struct fault_pace {
    uint64_t limit;    /* bytes of the reply at most (UINT64_MAX: all) */
    uint64_t pause_at; /* stall: the bytes sent before the pause */
    uint32_t pause_ms; /* stall: its length (0: no pause) */
    uint32_t rate;     /* throttle: bytes a second (0: no throttle) */
};

/* The bytes of the reply that may have been sent by t ms after its
 * start, given pace; *next_ms is when that grows (UINT64_MAX: never, as
 * after the limit, or without pacing). */
uint64_t fault_allowance(const struct fault_pace *pace, uint64_t t,
                         uint64_t *next_ms);

#endif
