/* ranges.h: the Range field (RFC 9110, Section 14), read once for every
 * endpoint that honours it (/200 and /206 in codes.c, /range and /etag),
 * and the 206 and 416 responses that answer it. */
#ifndef HTTPSTATUS_RANGES_H
#define HTTPSTATUS_RANGES_H

#include <stddef.h>
#include <stdint.h>

#include "server.h"

/* The most range-specs a field may list: a field with more is ignored,
 * as RFC 9110, Section 14.2 lets a server ignore many small ranges. */
#define RANGES_MAX 16

/* One satisfiable range: bytes first to last, both included, with
 * first <= last < the representation's length. */
struct byte_range {
    uint64_t first, last;
};

enum ranges_result {
    RANGES_IGNORED,      /* no field, another unit, a malformed field, or
                            more range-specs than allowed: send it all */
    RANGES_SATISFIABLE,  /* at least one range: *count of them in out */
    RANGES_UNSATISFIABLE /* every range-spec misses: 416 */
};

/* Reads the Range field value p[0..n) (p NULL: no field) against a
 * representation of len bytes: "bytes" (any case), '=', then a list of
 * range-specs separated by commas with optional spaces and tabs around
 * them (empty elements are allowed, as for any list, but at least one
 * range-spec is needed). A range-spec is first-last, first- (to the end)
 * or -suffix (the last suffix bytes), in decimal digits of any length
 * (values saturate at UINT64_MAX).
 *
 * A malformed field, one whose unit is not bytes, one with a last below
 * its first, and one with more than max range-specs are RANGES_IGNORED.
 * Otherwise the range-specs that can be satisfied (a first below len; a
 * suffix above 0 of a non-empty representation) go to out[0..*count) in
 * the order given, clamped to the representation (last at most len - 1,
 * a suffix longer than len taken as all of it), and the others are left
 * out; when none can be, the result is RANGES_UNSATISFIABLE with *count
 * 0. max is at most RANGES_MAX and out holds max entries. Never reads
 * outside p[0..n). */
enum ranges_result ranges_parse(const char *p, size_t n, uint64_t len,
                                struct byte_range *out, size_t max,
                                size_t *count);

/* Answers a GET's Range field against the complete representation in
 * x->res (response_content(), len bytes, with Content-Type type and the
 * representation's other fields already added), as /range and /etag do:
 *
 *  - honour 0: nothing happens (not a GET, or an If-Range that does not
 *    match the current representation);
 *  - RANGES_IGNORED, or ranges whose lengths add up to more than the
 *    whole: nothing happens, the 200 stays;
 *  - one range: 206 with Content-Range and those bytes;
 *  - several: 206 multipart/byteranges (RFC 9110, Section 14.6), one
 *    part per range in the order asked, each with Content-Type and
 *    Content-Range, the boundary drawn from x->rng;
 *  - none satisfiable: 416 with Content-Range: bytes * / len (no spaces)
 *    and a text that says so.
 *
 * Returns 0, or -1 when out of memory. */
int ranges_respond(struct exchange *x, const char *type, int honour);

#endif
