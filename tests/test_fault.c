/* test_fault.c: the wire-level faults of httpstatus serve: the fault-list
 * parser, fault names, the dice, garbage bytes and the pace of truncate,
 * stall and throttle (server/fault.c); then the bytes http1_write() sends
 * for each fault (server/http1.c) and how route_respond() reads ?fault=
 * and X-HttpStatus-Fault (server/route.c). docs/faults.md is the
 * contract these tests hold the code to. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fault.h"
#include "harness.h"
#include "server.h"

#define NOW       784111777LL
#define NOW_DATE  "Sun, 06 Nov 1994 08:49:37 GMT"
#define MAX_SLEEP 10000u
#define SERVER    "Server: httpstatus/" HTTPSTATUS_VERSION_STRING "\r\n"

static const struct serve_options options = {MAX_SLEEP, 1u << 20, NULL, NULL};

/* ---------------------------------------------------------- the parser */

static char err[512];

/* Parses s alone into an empty list: 1 when that gives one fault of
 * kind k with arg and chance (in millionths). */
static int gives(const char *s, enum fault_kind k, uint32_t arg,
                 uint32_t chance)
{
    struct fault_list l;

    l.n = 0;
    err[0] = '\0';
    if (fault_list_parse(s, strlen(s), MAX_SLEEP, &l, err, sizeof err) != 0) {
        printf("# '%s' refused: %s\n", s, err);
        return 0;
    }
    if (l.n != 1 || l.f[0].kind != k || l.f[0].arg != arg ||
        l.f[0].chance != chance) {
        printf("# '%s': %zu faults, kind %d arg %u chance %u\n", s, l.n,
               (int)l.f[0].kind, (unsigned)l.f[0].arg,
               (unsigned)l.f[0].chance);
        return 0;
    }
    return 1;
}

/* A list that already holds two faults, to see that a refusal leaves it
 * as it was. */
static void two_faults(struct fault_list *l)
{
    memset(l, 0, sizeof *l);
    l->f[0].kind = FAULT_CLOSE;
    l->f[0].chance = FAULT_ALWAYS;
    l->f[1].kind = FAULT_TRUNCATE;
    l->f[1].arg = 7;
    l->f[1].chance = 250000;
    l->n = 2;
}

static int same_faults(const struct fault_list *a, const struct fault_list *b)
{
    size_t k;

    if (a->n != b->n)
        return 0;
    for (k = 0; k < a->n; k++)
        if (a->f[k].kind != b->f[k].kind || a->f[k].arg != b->f[k].arg ||
            a->f[k].chance != b->f[k].chance)
            return 0;
    return 1;
}

/* 1 when the list s[0..n) is refused, with an error that contains named
 * (when not NULL), and a list that held faults before holds the same
 * ones after. */
static int refused_n(const char *s, size_t n, const char *named)
{
    struct fault_list l, before;
    int r;

    two_faults(&l);
    before = l;
    err[0] = '\0';
    r = fault_list_parse(s, n, MAX_SLEEP, &l, err, sizeof err);
    if (r != -1) {
        printf("# '%.*s' was not refused\n", (int)n, s != NULL ? s : "");
        return 0;
    }
    if (!same_faults(&l, &before)) {
        printf("# '%.*s' changed the list\n", (int)n, s != NULL ? s : "");
        return 0;
    }
    if (err[0] == '\0' || (named != NULL && strstr(err, named) == NULL)) {
        printf("# '%.*s': the error '%s' does not name '%s'\n", (int)n,
               s != NULL ? s : "", err, named != NULL ? named : "");
        return 0;
    }
    return 1;
}

static int refused(const char *s, const char *named)
{
    return refused_n(s, strlen(s), named);
}

static const char *const no_arg[] = {
    "reset",
    "close",
    "close-after-head",
    "bad-chunk",
    "missing-final-chunk",
    "duplicate-length",
    "length-and-chunked",
    "bad-status-line",
    "no-final",
    "keepalive-close",
};
static const enum fault_kind no_arg_kind[] = {
    FAULT_RESET,
    FAULT_CLOSE,
    FAULT_CLOSE_AFTER_HEAD,
    FAULT_BAD_CHUNK,
    FAULT_MISSING_FINAL_CHUNK,
    FAULT_DUPLICATE_LENGTH,
    FAULT_LENGTH_AND_CHUNKED,
    FAULT_BAD_STATUS_LINE,
    FAULT_NO_FINAL,
    FAULT_KEEPALIVE_CLOSE,
};
static const char *const with_arg[] = {"truncate", "stall", "throttle",
                                       "length-mismatch", "garbage"};
static const enum fault_kind with_arg_kind[] = {
    FAULT_TRUNCATE, FAULT_STALL, FAULT_THROTTLE, FAULT_LENGTH_MISMATCH,
    FAULT_GARBAGE};

static void every_name_with_and_without_arguments(void)
{
    char s[64], quoted[80];
    size_t k;

    for (k = 0; k < sizeof no_arg / sizeof no_arg[0]; k++) {
        CHECK(gives(no_arg[k], no_arg_kind[k], 0, FAULT_ALWAYS));
        snprintf(s, sizeof s, "%s@0.5", no_arg[k]);
        CHECK(gives(s, no_arg_kind[k], 0, 500000));
        /* An argument is refused, even an empty one, and the error
         * names the fault and quotes what was given. */
        snprintf(s, sizeof s, "%s:1", no_arg[k]);
        snprintf(quoted, sizeof quoted, "'%s'", s);
        CHECK(refused(s, quoted));
        CHECK(refused(s, "takes no argument"));
        snprintf(s, sizeof s, "%s:", no_arg[k]);
        CHECK(refused(s, no_arg[k]));
        snprintf(s, sizeof s, "%s:1@0.5", no_arg[k]);
        CHECK(refused(s, "takes no argument"));
    }
    for (k = 0; k < sizeof with_arg / sizeof with_arg[0]; k++) {
        snprintf(s, sizeof s, "%s:1", with_arg[k]);
        CHECK(gives(s, with_arg_kind[k], 1, FAULT_ALWAYS));
        snprintf(s, sizeof s, "%s:3@0.25", with_arg[k]);
        CHECK(gives(s, with_arg_kind[k], 3, 250000));
        /* The argument is required: absent, empty, or not digits. */
        snprintf(quoted, sizeof quoted, "'%s'", with_arg[k]);
        CHECK(refused(with_arg[k], quoted));
        snprintf(s, sizeof s, "%s@0.5", with_arg[k]);
        CHECK(refused(s, "wants"));
        snprintf(s, sizeof s, "%s:", with_arg[k]);
        snprintf(quoted, sizeof quoted, "'%s'", s);
        CHECK(refused(s, quoted));
        snprintf(s, sizeof s, "%s:x", with_arg[k]);
        CHECK(refused(s, "'"));
        CHECK(strstr(err, s) != NULL);
        snprintf(s, sizeof s, "%s:-1", with_arg[k]);
        CHECK(refused(s, s));
        snprintf(s, sizeof s, "%s:+1", with_arg[k]);
        CHECK(refused(s, s));
        snprintf(s, sizeof s, "%s: 1", with_arg[k]);
        CHECK(refused(s, s));
        snprintf(s, sizeof s, "%s:1 ", with_arg[k]);
        CHECK(refused(s, with_arg[k]));
        snprintf(s, sizeof s, "%s:0x10", with_arg[k]);
        CHECK(refused(s, s));
        snprintf(s, sizeof s, "%s:1:2", with_arg[k]);
        CHECK(refused(s, s));
        snprintf(s, sizeof s, "%s:1e3", with_arg[k]);
        CHECK(refused(s, s));
        /* Digits past any bound do not wrap. */
        snprintf(s, sizeof s, "%s:99999999999999999999999", with_arg[k]);
        CHECK(refused(s, with_arg[k]));
        snprintf(s, sizeof s, "%s:4294967297", with_arg[k]);
        CHECK(refused(s, with_arg[k]));
    }
    /* Exactly these names: not "none", not another case, no spaces. */
    CHECK(refused("none", "'none' is not a fault"));
    CHECK(refused("Reset", "'Reset' is not a fault"));
    CHECK(refused("RESET", "'RESET'"));
    CHECK(refused(" reset", "' reset'"));
    CHECK(refused("reset ", "'reset '"));
    CHECK(refused("resets", "'resets'"));
    CHECK(refused("rese", "'rese'"));
    CHECK(refused("truncated:1", "'truncated'"));
    CHECK(refused("close_after_head", "'close_after_head'"));
    CHECK(refused("bogus", "'bogus' is not a fault"));
    CHECK(refused(":1", "':1' is not a fault"));
    CHECK(refused("@0.5", "'@0.5' is not a fault"));
    /* The error lists the faults there are. */
    CHECK(refused("bogus", "keepalive-close"));
    CHECK(refused("bogus", "truncate:N"));
}

/* Each argument at its bounds and one past them. */
static void arguments_at_their_bounds(void)
{
    CHECK(gives("truncate:0", FAULT_TRUNCATE, 0, FAULT_ALWAYS));
    CHECK(gives("truncate:1000000000", FAULT_TRUNCATE, 1000000000u,
                FAULT_ALWAYS));
    CHECK(refused("truncate:1000000001", "'truncate:1000000001'"));
    CHECK(refused("truncate:1000000001", "0 to 1000000000"));
    CHECK(gives("truncate:0000000000000000000010", FAULT_TRUNCATE, 10,
                FAULT_ALWAYS));

    CHECK(refused("length-mismatch:0", "'length-mismatch:0'"));
    CHECK(refused("length-mismatch:0", "1 to 1000000000"));
    CHECK(gives("length-mismatch:1", FAULT_LENGTH_MISMATCH, 1, FAULT_ALWAYS));
    CHECK(gives("length-mismatch:1000000000", FAULT_LENGTH_MISMATCH,
                1000000000u, FAULT_ALWAYS));
    CHECK(
        refused("length-mismatch:1000000001", "'length-mismatch:1000000001'"));

    CHECK(refused("throttle:0", "'throttle:0'"));
    CHECK(refused("throttle:0", "throttle:BPS"));
    CHECK(gives("throttle:1", FAULT_THROTTLE, 1, FAULT_ALWAYS));
    CHECK(gives("throttle:1000000000", FAULT_THROTTLE, 1000000000u,
                FAULT_ALWAYS));
    CHECK(refused("throttle:1000000001", "'throttle:1000000001'"));

    CHECK(refused("garbage:0", "'garbage:0'"));
    CHECK(gives("garbage:1", FAULT_GARBAGE, 1, FAULT_ALWAYS));
    CHECK(gives("garbage:1048576", FAULT_GARBAGE, 1048576u, FAULT_ALWAYS));
    CHECK(refused("garbage:1048577", "'garbage:1048577'"));
    CHECK(refused("garbage:1048577", "1 to 1048576"));

    CHECK(gives("stall:0", FAULT_STALL, 0, FAULT_ALWAYS));
    CHECK(gives("stall:10000", FAULT_STALL, MAX_SLEEP, FAULT_ALWAYS));
    CHECK(refused("stall:10001", "'stall:10001'"));
    CHECK(refused("stall:10001", "stall:MS"));
    CHECK(refused("stall:10001", "--max-sleep"));
    {
        /* stall's bound is the server's max_sleep_ms, whatever it is. */
        struct fault_list l;
        l.n = 0;
        CHECK(fault_list_parse("stall:0", 7, 0, &l, err, sizeof err) == 0 &&
              l.n == 1 && l.f[0].arg == 0);
        CHECK(fault_list_parse("stall:1", 7, 0, &l, err, sizeof err) == -1 &&
              l.n == 1);
        CHECK(fault_list_parse("stall:4294967295", 16, 4294967295u, &l, err,
                               sizeof err) == 0 &&
              l.n == 2 && l.f[1].arg == 4294967295u);
        CHECK(fault_list_parse("stall:4294967296", 16, 4294967295u, &l, err,
                               sizeof err) == -1 &&
              l.n == 2);
    }
}

static void chances(void)
{
    CHECK(gives("reset@0", FAULT_RESET, 0, 0));
    CHECK(gives("reset@1", FAULT_RESET, 0, FAULT_ALWAYS));
    CHECK(gives("reset@1.0", FAULT_RESET, 0, FAULT_ALWAYS));
    CHECK(gives("reset@0.5", FAULT_RESET, 0, 500000));
    CHECK(gives("reset@.5", FAULT_RESET, 0, 500000));
    CHECK(gives("reset@0.000001", FAULT_RESET, 0, 1));
    CHECK(gives("reset@1.000000", FAULT_RESET, 0, FAULT_ALWAYS));
    CHECK(gives("reset@0.999999", FAULT_RESET, 0, 999999));
    CHECK(gives("reset@0.25", FAULT_RESET, 0, 250000));
    CHECK(gives("reset@0.0", FAULT_RESET, 0, 0));
    CHECK(gives("reset@.000001", FAULT_RESET, 0, 1));
    CHECK(gives("truncate:10@0.5", FAULT_TRUNCATE, 10, 500000));
    CHECK(gives("stall:0@0", FAULT_STALL, 0, 0));

    CHECK(refused("reset@1.1", "'reset@1.1'"));
    CHECK(refused("reset@1.1", "bad chance"));
    CHECK(refused("reset@1.000001", "'reset@1.000001'"));
    CHECK(refused("reset@2", "'reset@2'"));
    CHECK(refused("reset@10", "'reset@10'"));
    CHECK(refused("reset@0.1234567", "'reset@0.1234567'"));
    CHECK(refused("reset@0.0000000", "'reset@0.0000000'"));
    CHECK(refused("reset@-1", "'reset@-1'"));
    CHECK(refused("reset@-0", "'reset@-0'"));
    CHECK(refused("reset@+1", "'reset@+1'"));
    CHECK(refused("reset@", "'reset@'"));
    CHECK(refused("reset@1.", "'reset@1.'"));
    CHECK(refused("reset@0.", "'reset@0.'"));
    CHECK(refused("reset@.", "'reset@.'"));
    CHECK(refused("reset@0x1", "'reset@0x1'"));
    CHECK(refused("reset@1e0", "'reset@1e0'"));
    CHECK(refused("reset@ 0.5", "'reset@ 0.5'"));
    CHECK(refused("reset@0.5 ", "'reset@0.5 '"));
    CHECK(refused("reset@0 .5", "'reset@0 .5'"));
    CHECK(refused("reset @0.5", "'reset '"));
    CHECK(refused("reset@0,5", NULL)); /* "5" is then an unknown fault */
    CHECK(refused("reset@0.5@0.5", "'reset@0.5@0.5'"));
    CHECK(refused("reset@0.5.5", "'reset@0.5.5'"));
    CHECK(refused("truncate:10@1.5", "'truncate:10@1.5'"));
    /* A bad argument is named before a bad chance. */
    CHECK(refused("truncate:x@2", "'truncate:x'"));
}

static void lists_items_and_the_cap(void)
{
    struct fault_list l;
    char s[512];
    size_t k, used;

    l.n = 0;
    CHECK(fault_list_parse("reset@0.1,truncate:10@0.2,keepalive-close", 41,
                           MAX_SLEEP, &l, err, sizeof err) == 0);
    CHECK(l.n == 3 && l.f[0].kind == FAULT_RESET && l.f[0].chance == 100000 &&
          l.f[1].kind == FAULT_TRUNCATE && l.f[1].arg == 10 &&
          l.f[1].chance == 200000 && l.f[2].kind == FAULT_KEEPALIVE_CLOSE &&
          l.f[2].chance == FAULT_ALWAYS);
    /* Appended across calls, in order. */
    CHECK(fault_list_parse("close", 5, MAX_SLEEP, &l, err, sizeof err) == 0);
    CHECK(fault_list_parse("garbage:5,no-final", 18, MAX_SLEEP, &l, err,
                           sizeof err) == 0);
    CHECK(l.n == 6 && l.f[3].kind == FAULT_CLOSE &&
          l.f[4].kind == FAULT_GARBAGE && l.f[4].arg == 5 &&
          l.f[5].kind == FAULT_NO_FINAL);
    /* The length given is all that is read. */
    l.n = 0;
    CHECK(fault_list_parse("reset,bogus", 5, MAX_SLEEP, &l, err, sizeof err) ==
              0 &&
          l.n == 1 && l.f[0].kind == FAULT_RESET);
    CHECK(fault_list_parse("truncate:123", 10, MAX_SLEEP, &l, err,
                           sizeof err) == 0 &&
          l.n == 2 && l.f[1].arg == 1);

    /* Empty items, leading, doubled or trailing commas, nothing at all. */
    CHECK(refused("", "empty item"));
    CHECK(refused(",", "empty item"));
    CHECK(refused(",reset", "empty item"));
    CHECK(refused("reset,", "empty item"));
    CHECK(refused("reset,,close", "empty item"));
    CHECK(refused_n(NULL, 0, "empty item"));
    CHECK(refused_n(NULL, 5, "empty item"));
    /* One bad item refuses the whole list, and is the one named. */
    CHECK(refused("reset,bogus,close", "'bogus'"));
    CHECK(refused("reset,close,truncate:x", "'truncate:x'"));
    CHECK(refused_n("reset\0close", 11, "'reset?close'"));
    /* Bytes that cannot be printed are shown as '?', and a long part is
     * cut, the error still ending within err. */
    CHECK(refused("b\x01\x80z", "'b??z'"));
    memset(s, 'x', 300);
    s[300] = '\0';
    CHECK(refused(s, "...'"));
    CHECK(strlen(err) < 400);

    /* FAULTS_MAX in one list, not one more: in one call or across calls. */
    used = 0;
    for (k = 0; k < FAULTS_MAX; k++)
        used += (size_t)snprintf(s + used, sizeof s - used, "%sreset",
                                 k ? "," : "");
    l.n = 0;
    CHECK(fault_list_parse(s, used, MAX_SLEEP, &l, err, sizeof err) == 0 &&
          l.n == FAULTS_MAX);
    CHECK(fault_list_parse("close", 5, MAX_SLEEP, &l, err, sizeof err) == -1 &&
          l.n == FAULTS_MAX && strstr(err, "At most 16 faults") != NULL);
    l.n = 0;
    CHECK(fault_list_parse(s, used, MAX_SLEEP, &l, err, sizeof err) == 0);
    l.n = 0;
    memcpy(s + used, ",close", 7);
    CHECK(fault_list_parse(s, used + 6, MAX_SLEEP, &l, err, sizeof err) ==
              -1 &&
          l.n == 0 && strstr(err, "At most 16") != NULL);
    l.n = FAULTS_MAX - 1;
    CHECK(fault_list_parse("reset,close", 11, MAX_SLEEP, &l, err,
                           sizeof err) == -1 &&
          l.n == FAULTS_MAX - 1);
    CHECK(fault_list_parse("close", 5, MAX_SLEEP, &l, err, sizeof err) == 0 &&
          l.n == FAULTS_MAX && l.f[FAULTS_MAX - 1].kind == FAULT_CLOSE);

    /* A small err is cut, never overrun. */
    {
        char small[8];
        memset(small, '#', sizeof small);
        l.n = 0;
        CHECK(fault_list_parse("bogus", 5, MAX_SLEEP, &l, small, 6) == -1);
        CHECK(strlen(small) == 5 && small[6] == '#' && small[7] == '#');
    }
}

/* ------------------------------------------------------------- names */

static int named(enum fault_kind k, uint32_t arg, uint32_t chance,
                 const char *want)
{
    struct fault f;
    char out[64];
    size_t n;

    f.kind = k;
    f.arg = arg;
    f.chance = chance;
    n = fault_name(&f, out, sizeof out);
    if (n != strlen(want) || strcmp(out, want) != 0) {
        printf("# fault_name gave '%s' (%zu), expected '%s'\n", out, n, want);
        return 0;
    }
    return 1;
}

/* parse(name(f)) == f. */
static int round_trips(enum fault_kind k, uint32_t arg, uint32_t chance)
{
    struct fault f;
    struct fault_list l;
    char out[64];
    size_t n;

    f.kind = k;
    f.arg = arg;
    f.chance = chance;
    n = fault_name(&f, out, sizeof out);
    l.n = 0;
    if (fault_list_parse(out, n, MAX_SLEEP, &l, err, sizeof err) != 0 ||
        l.n != 1 || l.f[0].kind != k || l.f[0].arg != arg ||
        l.f[0].chance != chance) {
        printf("# '%s' does not read back\n", out);
        return 0;
    }
    return 1;
}

static void names(void)
{
    static const uint32_t chance[] = {0,      1,           10,     250000,
                                      500000, 100000,      123456, 999999,
                                      120000, FAULT_ALWAYS};
    size_t k, c;
    char out[8];

    CHECK(named(FAULT_RESET, 0, FAULT_ALWAYS, "reset"));
    CHECK(named(FAULT_CLOSE, 0, FAULT_ALWAYS, "close"));
    CHECK(named(FAULT_CLOSE_AFTER_HEAD, 0, FAULT_ALWAYS, "close-after-head"));
    CHECK(named(FAULT_TRUNCATE, 10, FAULT_ALWAYS, "truncate:10"));
    CHECK(named(FAULT_TRUNCATE, 0, FAULT_ALWAYS, "truncate:0"));
    CHECK(named(FAULT_STALL, 300, FAULT_ALWAYS, "stall:300"));
    CHECK(named(FAULT_THROTTLE, 1000000000u, FAULT_ALWAYS,
                "throttle:1000000000"));
    CHECK(named(FAULT_BAD_CHUNK, 0, FAULT_ALWAYS, "bad-chunk"));
    CHECK(named(FAULT_MISSING_FINAL_CHUNK, 0, FAULT_ALWAYS,
                "missing-final-chunk"));
    CHECK(named(FAULT_LENGTH_MISMATCH, 5, FAULT_ALWAYS, "length-mismatch:5"));
    CHECK(named(FAULT_DUPLICATE_LENGTH, 0, FAULT_ALWAYS, "duplicate-length"));
    CHECK(named(FAULT_LENGTH_AND_CHUNKED, 0, FAULT_ALWAYS,
                "length-and-chunked"));
    CHECK(named(FAULT_BAD_STATUS_LINE, 0, FAULT_ALWAYS, "bad-status-line"));
    CHECK(named(FAULT_NO_FINAL, 0, FAULT_ALWAYS, "no-final"));
    CHECK(named(FAULT_GARBAGE, 1048576u, FAULT_ALWAYS, "garbage:1048576"));
    CHECK(named(FAULT_KEEPALIVE_CLOSE, 0, FAULT_ALWAYS, "keepalive-close"));
    CHECK(named(FAULT_NONE, 0, FAULT_ALWAYS, "none"));
    /* Chances: six decimals at most, trailing zeros dropped, none at 1. */
    CHECK(named(FAULT_RESET, 0, 250000, "reset@0.25"));
    CHECK(named(FAULT_RESET, 0, 1, "reset@0.000001"));
    CHECK(named(FAULT_RESET, 0, 100000, "reset@0.1"));
    CHECK(named(FAULT_RESET, 0, 0, "reset@0"));
    CHECK(named(FAULT_RESET, 0, 999999, "reset@0.999999"));
    CHECK(named(FAULT_TRUNCATE, 10, 500000, "truncate:10@0.5"));
    /* An argument a fault does not take is not spelt. */
    CHECK(named(FAULT_RESET, 9, FAULT_ALWAYS, "reset"));
    /* Cut to fit, the length it wanted returned. */
    {
        struct fault f = {FAULT_TRUNCATE, 10, 250000};
        memset(out, '#', sizeof out);
        CHECK(fault_name(&f, out, 5) == 16 && strcmp(out, "trun") == 0 &&
              out[5] == '#');
        CHECK(fault_name(&f, NULL, 0) == 16);
    }
    for (k = 1; k < FAULT_KINDS; k++)
        for (c = 0; c < sizeof chance / sizeof chance[0]; c++) {
            int takes = k == FAULT_TRUNCATE || k == FAULT_STALL ||
                        k == FAULT_THROTTLE || k == FAULT_LENGTH_MISMATCH ||
                        k == FAULT_GARBAGE;
            CHECK(round_trips((enum fault_kind)k, takes ? 1 : 0, chance[c]));
            if (takes)
                CHECK(round_trips((enum fault_kind)k,
                                  k == FAULT_GARBAGE ? 1048576u
                                  : k == FAULT_STALL ? MAX_SLEEP
                                                     : 1000000000u,
                                  chance[c]));
        }
    CHECK(round_trips(FAULT_TRUNCATE, 0, 5));
    CHECK(round_trips(FAULT_STALL, 0, 5));
}

/* ------------------------------------------------------------ the dice */

static struct fault_list list_of(const char *s)
{
    struct fault_list l;

    l.n = 0;
    CHECK(fault_list_parse(s, strlen(s), MAX_SLEEP, &l, err, sizeof err) == 0);
    return l;
}

static void picks(void)
{
    struct fault_list empty, always, never, quarter, first, second, both;
    struct fault_dice dice = {42, 7}, again = {42, 7};
    struct fault f, g;
    uint64_t bits = 99, bits2, seen[64];
    size_t k, j, hits;

    empty.n = 0;
    always = list_of("truncate:3");
    never = list_of("reset@0,close@0.0");
    quarter = list_of("reset@0.25");

    /* Nothing to draw: nothing rolled. */
    f = fault_pick(NULL, NULL, &dice, &bits);
    CHECK(f.kind == FAULT_NONE && f.chance == FAULT_ALWAYS && bits == 0 &&
          dice.rolls == 7);
    bits = 99;
    f = fault_pick(&empty, &empty, &dice, &bits);
    CHECK(f.kind == FAULT_NONE && bits == 0 && dice.rolls == 7);
    f = fault_pick(&empty, NULL, NULL, &bits);
    CHECK(f.kind == FAULT_NONE);

    /* Chance 1 always, chance 0 never; each pick rolls once. */
    for (k = 0; k < 1000; k++) {
        f = fault_pick(&always, NULL, &dice, &bits);
        CHECK(f.kind == FAULT_TRUNCATE && f.arg == 3);
        f = fault_pick(NULL, &always, &dice, &bits);
        CHECK(f.kind == FAULT_TRUNCATE);
        f = fault_pick(&never, &never, &dice, &bits);
        CHECK(f.kind == FAULT_NONE && bits == 0);
    }
    CHECK(dice.rolls == 7 + 3000);

    /* The first list before the second, and in a list, the first drawn. */
    first = list_of("close");
    second = list_of("reset");
    f = fault_pick(&first, &second, &dice, &bits);
    CHECK(f.kind == FAULT_CLOSE);
    f = fault_pick(&never, &second, &dice, &bits);
    CHECK(f.kind == FAULT_RESET);
    both = list_of("reset@0,no-final,close");
    f = fault_pick(&both, &first, &dice, &bits);
    CHECK(f.kind == FAULT_NO_FINAL);

    /* The same seed and roll count, the same faults and bits. */
    dice.seed = again.seed = 12345;
    dice.rolls = again.rolls = 77;
    for (k = 0; k < 1000; k++) {
        f = fault_pick(&quarter, &always, &dice, &bits);
        g = fault_pick(&quarter, &always, &again, &bits2);
        CHECK(f.kind == g.kind && bits == bits2);
    }
    /* Without dice, a fixed seed: every pick alike. */
    f = fault_pick(&quarter, &always, NULL, &bits);
    for (k = 0; k < 100; k++) {
        g = fault_pick(&quarter, &always, NULL, &bits2);
        CHECK(f.kind == g.kind && bits == bits2);
    }

    /* A quarter of 100000 draws, within a wide band (the draws are fixed
     * by the seed, so this cannot flicker). */
    hits = 0;
    dice.seed = 2026;
    dice.rolls = 0;
    for (k = 0; k < 100000; k++)
        hits += fault_pick(&quarter, NULL, &dice, &bits).kind == FAULT_RESET;
    CHECK(hits > 23000 && hits < 27000);
    CHECK(dice.rolls == 100000);
    /* 0.000001 is rare, and 0.999999 nearly always. */
    hits = 0;
    quarter = list_of("reset@0.000001");
    for (k = 0; k < 100000; k++)
        hits += fault_pick(&quarter, NULL, &dice, &bits).kind == FAULT_RESET;
    CHECK(hits < 10);
    hits = 0;
    quarter = list_of("reset@0.999999");
    for (k = 0; k < 100000; k++)
        hits += fault_pick(&quarter, NULL, &dice, &bits).kind == FAULT_RESET;
    CHECK(hits > 99990);

    /* Other seeds, other draws. */
    quarter = list_of("reset@0.5");
    dice.seed = 1;
    dice.rolls = 0;
    again.seed = 2;
    again.rolls = 0;
    hits = 0;
    for (k = 0; k < 64; k++)
        hits += fault_pick(&quarter, NULL, &dice, &bits).kind !=
                fault_pick(&quarter, NULL, &again, &bits2).kind;
    CHECK(hits > 0);

    /* The bits differ from roll to roll. */
    for (k = 0; k < 64; k++) {
        fault_pick(&always, NULL, &dice, &seen[k]);
        for (j = 0; j < k; j++)
            CHECK(seen[j] != seen[k]);
    }
}

static void garbage_bytes(void)
{
    char a[300], b[300];
    uint64_t bits;
    size_t k, same = 0;

    for (bits = 0; bits < 300; bits++) {
        fault_garbage(bits * UINT64_C(0x9e3779b97f4a7c15), a, 17);
        CHECK(((unsigned char)a[0] & 0x80) != 0);
    }
    fault_garbage(77, a, sizeof a);
    fault_garbage(77, b, sizeof b);
    CHECK(memcmp(a, b, sizeof a) == 0);
    CHECK(((unsigned char)a[0] & 0x80) != 0);
    /* A shorter run is the start of a longer one. */
    fault_garbage(77, b, 9);
    CHECK(memcmp(a, b, 9) == 0);
    fault_garbage(78, b, sizeof b);
    for (k = 0; k < sizeof a; k++)
        same += a[k] == b[k];
    CHECK(same < 30);
    /* n 0 writes nothing; n 1 one byte. */
    memset(a, '#', sizeof a);
    fault_garbage(77, a, 0);
    CHECK(a[0] == '#');
    fault_garbage(0, a, 1);
    CHECK(((unsigned char)a[0] & 0x80) != 0 && a[1] == '#');
}

/* ----------------------------------------------------------- the pace */

static void pace_set(struct fault_pace *p, uint64_t limit, uint64_t pause_at,
                     uint32_t pause_ms, uint32_t rate)
{
    p->limit = limit;
    p->pause_at = pause_at;
    p->pause_ms = pause_ms;
    p->rate = rate;
}

static void allowances(void)
{
    struct fault_pace p;
    uint64_t next = 0, t, prev, a;

    /* Nothing: everything, now and never more. */
    pace_set(&p, UINT64_MAX, 0, 0, 0);
    CHECK(fault_allowance(&p, 0, &next) == UINT64_MAX && next == UINT64_MAX);

    /* A limit only: the limit, at once, and no more later. */
    pace_set(&p, 100, 0, 0, 0);
    CHECK(fault_allowance(&p, 0, &next) == 100 && next == UINT64_MAX);
    CHECK(fault_allowance(&p, 1000000, &next) == 100 && next == UINT64_MAX);
    pace_set(&p, 0, 0, 0, 0);
    CHECK(fault_allowance(&p, 5, &next) == 0 && next == UINT64_MAX);

    /* A pause only: the bytes before it, until it ends; then all. */
    pace_set(&p, UINT64_MAX, 50, 300, 0);
    CHECK(fault_allowance(&p, 0, &next) == 50 && next == 300);
    CHECK(fault_allowance(&p, 299, &next) == 50 && next == 300);
    CHECK(fault_allowance(&p, 300, &next) == UINT64_MAX && next == UINT64_MAX);
    CHECK(fault_allowance(&p, 301, &next) == UINT64_MAX && next == UINT64_MAX);
    pace_set(&p, UINT64_MAX, 0, 1, 0);
    CHECK(fault_allowance(&p, 0, &next) == 0 && next == 1);
    CHECK(fault_allowance(&p, 1, &next) == UINT64_MAX);
    /* stall:0 is no pause at all. */
    pace_set(&p, UINT64_MAX, 50, 0, 0);
    CHECK(fault_allowance(&p, 0, &next) == UINT64_MAX && next == UINT64_MAX);

    /* A rate only: rate * t / 1000 bytes, the next at least 10 ms on. */
    pace_set(&p, UINT64_MAX, 0, 0, 1000);
    CHECK(fault_allowance(&p, 0, &next) == 0 && next == 10);
    CHECK(fault_allowance(&p, 10, &next) == 10 && next == 20);
    CHECK(fault_allowance(&p, 1234, &next) == 1234 && next == 1244);
    pace_set(&p, UINT64_MAX, 0, 0, 1);
    CHECK(fault_allowance(&p, 0, &next) == 0 && next == 1000);
    /* The byte is due at 1000, but the next wait is 10 ms at least. */
    CHECK(fault_allowance(&p, 999, &next) == 0 && next == 1009);
    CHECK(fault_allowance(&p, 1000, &next) == 1 && next == 2000);
    CHECK(fault_allowance(&p, 1500, &next) == 1 && next == 2000);
    pace_set(&p, UINT64_MAX, 0, 0, 3);
    CHECK(fault_allowance(&p, 0, &next) == 0 && next == 334);
    CHECK(fault_allowance(&p, 334, &next) == 1 && next == 667);
    /* A fast rate for a day: no overflow. */
    pace_set(&p, UINT64_MAX, 0, 0, 1000000000u);
    t = UINT64_C(86400000);
    CHECK(fault_allowance(&p, t, &next) == UINT64_C(86400000000000) &&
          next == t + 10);
    CHECK(fault_allowance(&p, 0, &next) == 0 && next == 10);
    /* Never less later, and more by next_ms; next_ms always ahead. */
    for (a = 1; a <= 1000000000u; a *= 7) {
        pace_set(&p, UINT64_MAX, 0, 0, (uint32_t)a);
        prev = 0;
        for (t = 0; t < 5000; t += 13) {
            uint64_t now = fault_allowance(&p, t, &next), later;
            CHECK(now >= prev && next >= t + 10 && next != UINT64_MAX);
            later = fault_allowance(&p, next, &next);
            CHECK(later > now);
            prev = now;
        }
    }

    /* Combined: a rate under a pause under a limit. */
    pace_set(&p, 100, 30, 500, 1000);
    CHECK(fault_allowance(&p, 0, &next) == 0 && next == 10);
    CHECK(fault_allowance(&p, 20, &next) == 20 && next == 30);
    CHECK(fault_allowance(&p, 40, &next) == 30 && next == 500);
    CHECK(fault_allowance(&p, 499, &next) == 30 && next == 500);
    CHECK(fault_allowance(&p, 500, &next) == 100 && next == UINT64_MAX);
    /* A rate under a limit: the limit ends the pacing. */
    pace_set(&p, 100, 0, 0, 1000);
    CHECK(fault_allowance(&p, 99, &next) == 99 && next == 109);
    CHECK(fault_allowance(&p, 100, &next) == 100 && next == UINT64_MAX);
    /* A pause under a limit that comes first: the limit. */
    pace_set(&p, 10, 50, 300, 0);
    CHECK(fault_allowance(&p, 0, &next) == 10 && next == UINT64_MAX);
    /* A slow rate does not reach the pause: the rate alone. */
    pace_set(&p, UINT64_MAX, 30, 500, 10);
    CHECK(fault_allowance(&p, 100, &next) == 1 && next == 200);
}

/* --------------------------------------------------- the writer's bytes */

#define BODY "0123456789"
#define HEAD_200                                                              \
    "HTTP/1.1 200 OK\r\nDate: " NOW_DATE "\r\n" SERVER                        \
    "Content-Type: text/plain\r\n"

/* A request read from text by request_parse(); text must outlive it. */
static struct request parsed(const char *text)
{
    struct request_parser parser;
    struct request req;
    int r;

    memset(&parser, 0, sizeof parser);
    memset(&req, 0, sizeof req);
    r = request_parse(&parser, text, strlen(text), &req);
    CHECK(r > 0 && (size_t)r == strlen(text));
    return req;
}

static const char get_text[] = "GET /x HTTP/1.1\r\nHost: x\r\n\r\n";
static const char head_text[] = "HEAD /x HTTP/1.1\r\nHost: x\r\n\r\n";
static const char closing_text[] =
    "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
static const char old_text[] =
    "GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";

/* req_text answered with status, BODY as text/plain (no content for 204
 * and 304), under fault k with arg; the reply in rep, to free. */
static int write_as(const char *req_text, int status, enum fault_kind k,
                    uint32_t arg, struct reply *rep)
{
    struct request req = parsed(req_text);
    static struct response res;
    int r;

    memset(&res, 0, sizeof res);
    response_reset(&res, status);
    if (status != 204 && status != 304)
        response_static(&res, "text/plain", BODY, 10);
    res.fault.kind = k;
    res.fault.arg = arg;
    res.fault_bits = 4242;
    memset(rep, 0, sizeof *rep);
    r = http1_write(&req, &res, NOW, rep);
    response_free(&res);
    return r;
}

/* 1 when rep's bytes are want, with close, reset and paced as given. */
static int bytes_are(const struct reply *rep, const char *want, int close,
                     int reset, int paced)
{
    size_t n = strlen(want);

    if (rep->out.len != n || (n > 0 && memcmp(rep->out.data, want, n) != 0)) {
        printf("# got %zu bytes:\n# %.*s\n# expected %zu:\n# %s\n",
               rep->out.len, (int)rep->out.len,
               rep->out.data != NULL ? rep->out.data : "", n, want);
        return 0;
    }
    if (rep->close != close || (rep->fault.kind == FAULT_RESET) != reset ||
        rep->paced != paced) {
        printf("# close %d reset %d paced %d, expected %d %d %d\n", rep->close,
               rep->fault.kind == FAULT_RESET, rep->paced, close, reset,
               paced);
        return 0;
    }
    return 1;
}

/* Writes under the fault and compares, freeing the reply. */
static int sends(const char *req_text, int status, enum fault_kind k,
                 uint32_t arg, const char *want, int close, int reset,
                 int paced)
{
    struct reply rep;
    int ok = write_as(req_text, status, k, arg, &rep) == 0 &&
             bytes_are(&rep, want, close, reset, paced) &&
             rep.fault.kind == k && rep.fault.arg == arg &&
             rep.status == status;

    buffer_free(&rep.out);
    return ok;
}

static void each_fault_on_get(void)
{
    struct reply rep;
    size_t head_len = strlen(HEAD_200 "Content-Length: 10\r\n\r\n");
    char want[64];

    CHECK(sends(get_text, 200, FAULT_NONE, 0,
                HEAD_200 "Content-Length: 10\r\n\r\n" BODY, 0, 0, 0));
    CHECK(sends(get_text, 200, FAULT_RESET, 0, "", 1, 1, 0));
    CHECK(sends(get_text, 200, FAULT_CLOSE, 0, "", 1, 0, 0));
    CHECK(sends(get_text, 200, FAULT_CLOSE_AFTER_HEAD, 0,
                HEAD_200 "Content-Length: 10\r\n\r\n", 1, 0, 0));
    CHECK(sends(get_text, 200, FAULT_BAD_CHUNK, 0,
                HEAD_200 "Transfer-Encoding: chunked\r\n\r\n"
                         "5\r\n01234\r\nxyz\r\n56789\r\n0\r\n\r\n",
                1, 0, 0));
    CHECK(sends(get_text, 200, FAULT_MISSING_FINAL_CHUNK, 0,
                HEAD_200 "Transfer-Encoding: chunked\r\n\r\n"
                         "a\r\n" BODY "\r\n",
                1, 0, 0));
    CHECK(sends(get_text, 200, FAULT_LENGTH_MISMATCH, 5,
                HEAD_200 "Content-Length: 15\r\n\r\n" BODY, 0, 0, 0));
    CHECK(sends(get_text, 200, FAULT_LENGTH_MISMATCH, 1000000000u,
                HEAD_200 "Content-Length: 1000000010\r\n\r\n" BODY, 0, 0, 0));
    CHECK(sends(get_text, 200, FAULT_DUPLICATE_LENGTH, 0,
                HEAD_200
                "Content-Length: 10\r\nContent-Length: 11\r\n\r\n" BODY,
                1, 0, 0));
    CHECK(sends(get_text, 200, FAULT_LENGTH_AND_CHUNKED, 0,
                HEAD_200 "Content-Length: 10\r\nTransfer-Encoding: "
                         "chunked\r\n\r\na\r\n" BODY "\r\n0\r\n\r\n",
                1, 0, 0));
    CHECK(sends(get_text, 200, FAULT_BAD_STATUS_LINE, 0,
                "HTTP/1.1 2000 Broken\r\nDate: " NOW_DATE "\r\n" SERVER
                "Content-Type: text/plain\r\nContent-Length: 10\r\n\r\n" BODY,
                1, 0, 0));
    CHECK(sends(get_text, 200, FAULT_NO_FINAL, 0,
                "HTTP/1.1 100 Continue\r\n\r\n", 1, 0, 0));
    /* keepalive-close: a correct reply that does not say it closes. */
    CHECK(sends(get_text, 200, FAULT_KEEPALIVE_CLOSE, 0,
                HEAD_200 "Content-Length: 10\r\n\r\n" BODY, 1, 0, 0));
    /* The paced faults send every byte; the pace holds them back. */
    CHECK(write_as(get_text, 200, FAULT_TRUNCATE, 4, &rep) == 0);
    CHECK(
        bytes_are(&rep, HEAD_200 "Content-Length: 10\r\n\r\n" BODY, 1, 0, 1));
    CHECK(rep.pace.limit == head_len + 4 && rep.pace.pause_ms == 0 &&
          rep.pace.rate == 0);
    buffer_free(&rep.out);
    CHECK(write_as(get_text, 200, FAULT_TRUNCATE, 0, &rep) == 0);
    CHECK(rep.paced && rep.pace.limit == head_len && rep.close);
    buffer_free(&rep.out);
    CHECK(write_as(get_text, 200, FAULT_STALL, 300, &rep) == 0);
    CHECK(
        bytes_are(&rep, HEAD_200 "Content-Length: 10\r\n\r\n" BODY, 0, 0, 1));
    CHECK(rep.pace.limit == UINT64_MAX && rep.pace.pause_at == head_len + 5 &&
          rep.pace.pause_ms == 300 && rep.pace.rate == 0);
    buffer_free(&rep.out);
    CHECK(write_as(get_text, 200, FAULT_THROTTLE, 100, &rep) == 0);
    CHECK(
        bytes_are(&rep, HEAD_200 "Content-Length: 10\r\n\r\n" BODY, 0, 0, 1));
    CHECK(rep.pace.limit == UINT64_MAX && rep.pace.pause_ms == 0 &&
          rep.pace.rate == 100);
    buffer_free(&rep.out);
    /* garbage: N bytes of fault_garbage() from the response's bits. */
    fault_garbage(4242, want, 33);
    CHECK(write_as(get_text, 200, FAULT_GARBAGE, 33, &rep) == 0);
    CHECK(rep.out.len == 33 && memcmp(rep.out.data, want, 33) == 0 &&
          rep.close && rep.fault.kind != FAULT_RESET && !rep.paced);
    buffer_free(&rep.out);
    CHECK(write_as(get_text, 200, FAULT_GARBAGE, 1048576u, &rep) == 0);
    CHECK(rep.out.len == 1048576u && rep.close &&
          ((unsigned char)rep.out.data[0] & 0x80) != 0);
    buffer_free(&rep.out);
}

/* A body of odd length splits with the larger half first. */
static void bad_chunk_halves(void)
{
    struct request req = parsed(get_text);
    static struct response res;
    struct reply rep;

    memset(&res, 0, sizeof res);
    response_reset(&res, 200);
    response_static(&res, NULL, "abcdefghijk", 11);
    res.fault.kind = FAULT_BAD_CHUNK;
    memset(&rep, 0, sizeof rep);
    CHECK(http1_write(&req, &res, NOW, &rep) == 0);
    CHECK(rep.out.data != NULL &&
          strstr(rep.out.data, "\r\n\r\n6\r\nabcdef\r\nxyz\r\nghijk\r\n0\r\n"
                               "\r\n") != NULL);
    buffer_free(&rep.out);
    /* One byte: a first chunk, then an empty "xyz" chunk. */
    response_reset(&res, 200);
    response_static(&res, NULL, "a", 1);
    res.fault.kind = FAULT_BAD_CHUNK;
    memset(&rep, 0, sizeof rep);
    CHECK(http1_write(&req, &res, NOW, &rep) == 0);
    CHECK(rep.out.data != NULL &&
          strstr(rep.out.data, "\r\n\r\n1\r\na\r\nxyz\r\n\r\n0\r\n\r\n") !=
              NULL);
    buffer_free(&rep.out);
    response_free(&res);
}

/* Connection: close is said when the request asked for it, and never
 * because of the fault alone. */
static void connection_fields(void)
{
    CHECK(sends(closing_text, 200, FAULT_KEEPALIVE_CLOSE, 0,
                "HTTP/1.1 200 OK\r\nDate: " NOW_DATE "\r\n" SERVER
                "Connection: close\r\nContent-Type: text/plain\r\n"
                "Content-Length: 10\r\n\r\n" BODY,
                1, 0, 0));
    CHECK(sends(closing_text, 200, FAULT_LENGTH_MISMATCH, 1,
                "HTTP/1.1 200 OK\r\nDate: " NOW_DATE "\r\n" SERVER
                "Connection: close\r\nContent-Type: text/plain\r\n"
                "Content-Length: 11\r\n\r\n" BODY,
                1, 0, 0));
    CHECK(sends(old_text, 200, FAULT_KEEPALIVE_CLOSE, 0,
                "HTTP/1.1 200 OK\r\nDate: " NOW_DATE "\r\n" SERVER
                "Connection: keep-alive\r\nContent-Type: text/plain\r\n"
                "Content-Length: 10\r\n\r\n" BODY,
                1, 0, 0));
    CHECK(sends(old_text, 200, FAULT_RESET, 0, "", 1, 1, 0));
}

static void no_content_cases(void)
{
    struct reply rep;
    const char *head = HEAD_200 "Content-Length: 10\r\n\r\n";
    const char *h204 =
        "HTTP/1.1 204 No Content\r\nDate: " NOW_DATE "\r\n" SERVER "\r\n";
    const char *h205 = "HTTP/1.1 205 Reset Content\r\nDate: " NOW_DATE
                       "\r\n" SERVER "Content-Type: text/plain\r\n"
                       "Content-Length: 0\r\n\r\n";
    size_t len;

    /* HEAD: GET's head, under the fault's framing, and no content. */
    CHECK(sends(head_text, 200, FAULT_NONE, 0, head, 0, 0, 0));
    CHECK(sends(head_text, 200, FAULT_CLOSE_AFTER_HEAD, 0, head, 1, 0, 0));
    CHECK(sends(head_text, 200, FAULT_KEEPALIVE_CLOSE, 0, head, 1, 0, 0));
    CHECK(sends(head_text, 200, FAULT_BAD_CHUNK, 0,
                HEAD_200 "Transfer-Encoding: chunked\r\n\r\n", 1, 0, 0));
    CHECK(sends(head_text, 200, FAULT_MISSING_FINAL_CHUNK, 0,
                HEAD_200 "Transfer-Encoding: chunked\r\n\r\n", 1, 0, 0));
    CHECK(sends(head_text, 200, FAULT_LENGTH_AND_CHUNKED, 0,
                HEAD_200 "Content-Length: 10\r\nTransfer-Encoding: "
                         "chunked\r\n\r\n",
                1, 0, 0));
    CHECK(sends(head_text, 200, FAULT_LENGTH_MISMATCH, 5,
                HEAD_200 "Content-Length: 15\r\n\r\n", 0, 0, 0));
    CHECK(sends(head_text, 200, FAULT_DUPLICATE_LENGTH, 0,
                HEAD_200 "Content-Length: 10\r\nContent-Length: 11\r\n\r\n", 1,
                0, 0));
    CHECK(sends(head_text, 200, FAULT_RESET, 0, "", 1, 1, 0));
    CHECK(sends(head_text, 200, FAULT_NO_FINAL, 0,
                "HTTP/1.1 100 Continue\r\n\r\n", 1, 0, 0));
    len = strlen(head);
    CHECK(write_as(head_text, 200, FAULT_TRUNCATE, 3, &rep) == 0);
    CHECK(bytes_are(&rep, head, 1, 0, 1) && rep.pace.limit == len + 3);
    buffer_free(&rep.out);
    CHECK(write_as(head_text, 200, FAULT_STALL, 50, &rep) == 0);
    CHECK(bytes_are(&rep, head, 0, 0, 1) && rep.pace.pause_at == len &&
          rep.pace.pause_ms == 50);
    buffer_free(&rep.out);

    /* 204: no framing fields, whatever the fault. */
    CHECK(sends(get_text, 204, FAULT_NONE, 0, h204, 0, 0, 0));
    CHECK(sends(get_text, 204, FAULT_BAD_CHUNK, 0, h204, 1, 0, 0));
    CHECK(sends(get_text, 204, FAULT_MISSING_FINAL_CHUNK, 0, h204, 1, 0, 0));
    CHECK(sends(get_text, 204, FAULT_LENGTH_AND_CHUNKED, 0, h204, 1, 0, 0));
    CHECK(sends(get_text, 204, FAULT_DUPLICATE_LENGTH, 0, h204, 1, 0, 0));
    CHECK(sends(get_text, 204, FAULT_LENGTH_MISMATCH, 5, h204, 0, 0, 0));
    CHECK(sends(get_text, 204, FAULT_CLOSE_AFTER_HEAD, 0, h204, 1, 0, 0));
    CHECK(sends(get_text, 204, FAULT_KEEPALIVE_CLOSE, 0, h204, 1, 0, 0));
    CHECK(sends(get_text, 204, FAULT_BAD_STATUS_LINE, 0,
                "HTTP/1.1 2000 Broken\r\nDate: " NOW_DATE "\r\n" SERVER "\r\n",
                1, 0, 0));
    CHECK(write_as(get_text, 204, FAULT_TRUNCATE, 0, &rep) == 0);
    CHECK(bytes_are(&rep, h204, 1, 0, 1) && rep.pace.limit == strlen(h204));
    buffer_free(&rep.out);
    CHECK(write_as(get_text, 204, FAULT_STALL, 10, &rep) == 0);
    CHECK(bytes_are(&rep, h204, 0, 0, 1) && rep.pace.pause_at == strlen(h204));
    buffer_free(&rep.out);

    /* 205: Content-Length: 0 and no content, whatever the fault. */
    CHECK(sends(get_text, 205, FAULT_NONE, 0, h205, 0, 0, 0));
    CHECK(sends(get_text, 205, FAULT_BAD_CHUNK, 0, h205, 1, 0, 0));
    CHECK(sends(get_text, 205, FAULT_MISSING_FINAL_CHUNK, 0, h205, 1, 0, 0));
    CHECK(sends(get_text, 205, FAULT_LENGTH_AND_CHUNKED, 0, h205, 1, 0, 0));
    CHECK(sends(get_text, 205, FAULT_DUPLICATE_LENGTH, 0, h205, 1, 0, 0));
    CHECK(sends(get_text, 205, FAULT_LENGTH_MISMATCH, 5, h205, 0, 0, 0));
    CHECK(sends(get_text, 205, FAULT_CLOSE_AFTER_HEAD, 0, h205, 1, 0, 0));
    CHECK(write_as(get_text, 205, FAULT_STALL, 10, &rep) == 0);
    CHECK(bytes_are(&rep, h205, 0, 0, 1) && rep.pace.pause_at == strlen(h205));
    buffer_free(&rep.out);
}

/* Interim responses: no-final sends the response's own; the other faults
 * keep them before the final head, and truncate counts them. */
static void interim_responses(void)
{
    struct request req = parsed(get_text);
    static struct response res;
    struct reply rep;
    const char *early = "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n";

    memset(&res, 0, sizeof res);
    response_reset(&res, 200);
    response_interim(&res, 103);
    response_add_interim(&res, "Link", "</a>");
    response_static(&res, "text/plain", BODY, 10);
    res.fault.kind = FAULT_NO_FINAL;
    memset(&rep, 0, sizeof rep);
    CHECK(http1_write(&req, &res, NOW, &rep) == 0);
    CHECK(bytes_are(&rep, early, 1, 0, 0));
    buffer_free(&rep.out);
    res.fault.kind = FAULT_TRUNCATE;
    res.fault.arg = 2;
    memset(&rep, 0, sizeof rep);
    CHECK(http1_write(&req, &res, NOW, &rep) == 0);
    CHECK(rep.out.len > strlen(early) &&
          memcmp(rep.out.data, early, strlen(early)) == 0 &&
          rep.pace.limit == rep.out.len - 10 + 2);
    buffer_free(&rep.out);
    response_free(&res);
}

/* The pieces the generator of text's response makes, which route_respond()
 * leaves ungathered; their number, and their total length in *total. */
static size_t stream_pieces(const char *text, struct buffer *pieces,
                            size_t max, size_t *total)
{
    static struct response res;
    struct request req = parsed(text);
    uint64_t rng = 1;
    size_t k = 0;
    int more = 1;

    *total = 0;
    memset(&res, 0, sizeof res);
    CHECK(route_respond(&req, &options, NOW, &rng, &res) == 0);
    CHECK(res.gen.next != NULL && res.length < 0);
    if (res.gen.next == NULL)
        return 0;
    for (k = 0; k < max && more > 0; k++) {
        memset(&pieces[k], 0, sizeof pieces[k]);
        more = res.gen.next(&res.gen, &pieces[k]);
        *total += pieces[k].len;
    }
    CHECK(more == 0);
    response_free(&res);
    return k;
}

/* reply_build() on text: the reply, and the content after the head in
 * *content (NULL when there is no head). */
static void build(const char *text, struct reply *rep, const char **content,
                  size_t *n)
{
    struct request req = parsed(text);
    uint64_t rng = 1;
    const char *end;

    memset(rep, 0, sizeof *rep);
    CHECK(reply_build(&req, &options, NOW, &rng, rep) == 0);
    end = rep->out.data != NULL ? strstr(rep->out.data, "\r\n\r\n") : NULL;
    *content = end != NULL ? end + 4 : NULL;
    *n = end != NULL ? rep->out.len - (size_t)(end + 4 - rep->out.data) : 0;
}

static int head_has(const struct reply *rep, const char *field)
{
    const char *end =
        rep->out.data != NULL ? strstr(rep->out.data, "\r\n\r\n") : NULL;
    const char *at =
        rep->out.data != NULL ? strstr(rep->out.data, field) : NULL;

    return at != NULL && at < end;
}

/* The writer refuses generated content under a fault that reframes it;
 * reply_build() gathers it first, and a stream sent as chunks keeps one
 * chunk a piece (docs/faults.md, "Streamed content"). */
static void generated_content_is_gathered(void)
{
    static const char *const texts[] = {
        "GET /stream/3?fault=bad-chunk HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /stream/3?fault=missing-final-chunk HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /stream/3?fault=length-and-chunked HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /stream/3?fault=length-mismatch:7 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /stream/3?fault=duplicate-length HTTP/1.1\r\nHost: x\r\n\r\n",
    };
    static struct response res;
    struct request req = parsed(texts[0]);
    struct reply rep;
    struct buffer pieces[4], want = {NULL, 0, 0}, all = {NULL, 0, 0};
    uint64_t rng = 1;
    size_t k, t, count, total, n;
    const char *content;
    char field[64];

    memset(&res, 0, sizeof res);
    CHECK(route_respond(&req, &options, NOW, &rng, &res) == 0);
    CHECK(res.gen.next != NULL && res.fault.kind == FAULT_BAD_CHUNK);
    memset(&rep, 0, sizeof rep);
    CHECK(http1_write(&req, &res, NOW, &rep) == -1 && rep.out.len == 0);
    response_free(&res);

    for (t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        count = stream_pieces(texts[t], pieces, 4, &total);
        CHECK(count == 3);
        if (count != 3)
            return;
        want.len = 0;
        all.len = 0;
        for (k = 0; k < count; k++) {
            if (t == 0 && k == 1)
                buffer_puts(&want, "xyz\r\n");
            else
                buffer_printf(&want, "%zx\r\n", pieces[k].len);
            buffer_append(&want, pieces[k].data, pieces[k].len);
            buffer_puts(&want, "\r\n");
            buffer_append(&all, pieces[k].data, pieces[k].len);
        }
        if (t != 1)
            buffer_puts(&want, "0\r\n\r\n");
        if (t >= 3) {
            want.len = 0;
            buffer_append(&want, all.data, all.len);
        }
        build(texts[t], &rep, &content, &n);
        CHECK(rep.gen.next == NULL && rep.status == 200);
        CHECK(content != NULL && n == want.len &&
              memcmp(content, want.data, n) == 0);
        if (t < 3)
            CHECK(head_has(&rep, "Transfer-Encoding: chunked\r\n"));
        snprintf(field, sizeof field, "Content-Length: %zu\r\n",
                 total + (t == 3 ? 7 : 0));
        CHECK(head_has(&rep, field) == (t >= 2));
        if (t == 4) {
            snprintf(field, sizeof field, "Content-Length: %zu\r\n",
                     total + 1);
            CHECK(head_has(&rep, field));
        }
        CHECK(rep.close == (t != 3));
        buffer_free(&rep.out);
        for (k = 0; k < count; k++)
            buffer_free(&pieces[k]);
    }

    /* One piece: bad-chunk splits it in halves, as any content. */
    {
        static const char one[] =
            "GET /stream/1?fault=bad-chunk HTTP/1.1\r\nHost: x\r\n\r\n";
        size_t first;
        count = stream_pieces(one, pieces, 4, &total);
        CHECK(count == 1 && total > 1);
        first = total - total / 2;
        want.len = 0;
        buffer_printf(&want, "%zx\r\n", first);
        buffer_append(&want, pieces[0].data, first);
        buffer_puts(&want, "\r\nxyz\r\n");
        buffer_append(&want, pieces[0].data + first, total - first);
        buffer_puts(&want, "\r\n0\r\n\r\n");
        build(one, &rep, &content, &n);
        CHECK(content != NULL && n == want.len &&
              memcmp(content, want.data, n) == 0);
        buffer_free(&rep.out);
        for (k = 0; k < count; k++)
            buffer_free(&pieces[k]);
    }
    buffer_free(&want);
    buffer_free(&all);
}

/* Through the route table: /418 with each fault is /418's reply, broken. */
static void faults_through_the_route_table(void)
{
    static const char plain[] = "GET /418 HTTP/1.1\r\nHost: x\r\n\r\n";
    static const char cut[] =
        "GET /418?fault=truncate:10 HTTP/1.1\r\nHost: x\r\n\r\n";
    static const char stalled[] =
        "GET /418?fault=stall:20 HTTP/1.1\r\nHost: x\r\n\r\n";
    static const char kept[] =
        "GET /418?fault=keepalive-close HTTP/1.1\r\nHost: x\r\n\r\n";
    struct request req = parsed(plain);
    struct reply normal, rep;
    uint64_t rng = 1;
    const char *end;
    size_t head_len;

    memset(&normal, 0, sizeof normal);
    CHECK(reply_build(&req, &options, NOW, &rng, &normal) == 0);
    CHECK(normal.status == 418 && !normal.close && !normal.paced &&
          normal.fault.kind == FAULT_NONE);
    end = normal.out.data != NULL ? strstr(normal.out.data, "\r\n\r\n") : NULL;
    CHECK(end != NULL);
    head_len = end != NULL ? (size_t)(end - normal.out.data) + 4 : 0;
    CHECK(normal.out.len > head_len + 10);

    req = parsed(cut);
    memset(&rep, 0, sizeof rep);
    CHECK(reply_build(&req, &options, NOW, &rng, &rep) == 0);
    CHECK(rep.status == 418 && rep.fault.kind == FAULT_TRUNCATE &&
          rep.fault.arg == 10 && rep.close && rep.paced &&
          rep.pace.limit == head_len + 10);
    CHECK(rep.out.len == normal.out.len &&
          memcmp(rep.out.data, normal.out.data, normal.out.len) == 0);
    buffer_free(&rep.out);

    req = parsed(stalled);
    memset(&rep, 0, sizeof rep);
    CHECK(reply_build(&req, &options, NOW, &rng, &rep) == 0);
    CHECK(rep.fault.kind == FAULT_STALL && !rep.close && rep.paced &&
          rep.pace.pause_ms == 20 &&
          rep.pace.pause_at == head_len + (normal.out.len - head_len) / 2);
    buffer_free(&rep.out);

    req = parsed(kept);
    memset(&rep, 0, sizeof rep);
    CHECK(reply_build(&req, &options, NOW, &rng, &rep) == 0);
    CHECK(rep.fault.kind == FAULT_KEEPALIVE_CLOSE && rep.close && !rep.paced &&
          rep.out.len == normal.out.len &&
          memcmp(rep.out.data, normal.out.data, normal.out.len) == 0 &&
          strstr(rep.out.data, "Connection") == NULL);
    buffer_free(&rep.out);
    buffer_free(&normal.out);
}

/* ------------------------------------------------- reading the request */

/* route_respond() on text: the status, the fault picked, and the
 * content (NUL ended, cut to fit) in body. */
static int respond(const char *text, const struct serve_options *o,
                   struct fault *f, char *body, size_t cap)
{
    static struct response res;
    struct request req = parsed(text);
    uint64_t rng = 1;
    const char *p;
    size_t n;
    int status;

    memset(&res, 0, sizeof res);
    if (route_respond(&req, o, NOW, &rng, &res) != 0)
        return -1;
    status = res.status;
    *f = res.fault;
    p = response_content(&res, &n);
    if (n >= cap)
        n = cap - 1;
    memcpy(body, p != NULL ? p : "", n);
    body[n] = '\0';
    response_free(&res);
    return status;
}

/* As respond(), with a query that request_parse() would refuse (a '%'
 * that starts no escape), set on a parsed request by hand. */
static int by_query(const char *query, struct fault *f, char *body, size_t cap)
{
    static struct response res;
    struct request req = parsed("GET /418?x HTTP/1.1\r\nHost: x\r\n\r\n");
    uint64_t rng = 1;
    const char *p;
    size_t n;
    int status;

    req.query.p = query;
    req.query.n = strlen(query);
    memset(&res, 0, sizeof res);
    if (route_respond(&req, &options, NOW, &rng, &res) != 0)
        return -1;
    status = res.status;
    *f = res.fault;
    p = response_content(&res, &n);
    if (n >= cap)
        n = cap - 1;
    memcpy(body, p != NULL ? p : "", n);
    body[n] = '\0';
    response_free(&res);
    return status;
}

static void route_reads_the_request(void)
{
    struct fault f;
    char body[2048], text[1200];
    struct fault_list run;
    struct fault_dice dice = {5, 0};
    struct serve_options with_run = options;
    size_t used;

    CHECK(respond("GET /418?fault=truncate:10 HTTP/1.1\r\nHost: x\r\n\r\n",
                  &options, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_TRUNCATE && f.arg == 10);
    /* Every endpoint. */
    CHECK(respond("GET /get?fault=reset HTTP/1.1\r\nHost: x\r\n\r\n", &options,
                  &f, body, sizeof body) == 200 &&
          f.kind == FAULT_RESET);
    /* A bad ?fault is a 400 that names it, with no fault. */
    CHECK(respond("GET /418?fault=bogus HTTP/1.1\r\nHost: x\r\n\r\n", &options,
                  &f, body, sizeof body) == 400 &&
          f.kind == FAULT_NONE && strstr(body, "fault: 'bogus'") != NULL);
    CHECK(respond("GET /418?fault=truncate HTTP/1.1\r\nHost: x\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          strstr(body, "'truncate'") != NULL);
    CHECK(respond("GET /418?fault=stall:10001 HTTP/1.1\r\nHost: x\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          strstr(body, "'stall:10001'") != NULL);
    CHECK(respond("GET /418?fault=reset@2 HTTP/1.1\r\nHost: x\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          strstr(body, "'reset@2'") != NULL);
    CHECK(respond("GET /418?fault= HTTP/1.1\r\nHost: x\r\n\r\n", &options, &f,
                  body, sizeof body) == 400 &&
          strstr(body, "empty item") != NULL);
    /* Given twice: a 400, even when both are good. */
    CHECK(respond("GET /418?fault=reset&fault=close HTTP/1.1\r\nHost: "
                  "x\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          f.kind == FAULT_NONE &&
          strstr(body, "fault is given twice") != NULL);
    /* Percent-decoded: ':', '@' and ',' may come encoded, in either case. */
    CHECK(respond("GET /418?fault=truncate%3A10 HTTP/1.1\r\nHost: x\r\n\r\n",
                  &options, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_TRUNCATE && f.arg == 10);
    CHECK(respond("GET /418?fault=stall%3a5%401 HTTP/1.1\r\nHost: x\r\n\r\n",
                  &options, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_STALL && f.arg == 5);
    CHECK(respond("GET /418?fault=reset%400%2Cclose HTTP/1.1\r\nHost: "
                  "x\r\n\r\n",
                  &options, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_CLOSE);
    CHECK(respond("GET /418?fault=%72eset HTTP/1.1\r\nHost: x\r\n\r\n",
                  &options, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_RESET);
    /* A '%' that starts no escape is a 400 that says so, as for ?header;
     * "+" is not a space. */
    CHECK(by_query("fault=%zz", &f, body, sizeof body) == 400 &&
          strstr(body, "two hexadecimal digits") != NULL);
    CHECK(by_query("fault=reset%2", &f, body, sizeof body) == 400 &&
          strstr(body, "two hexadecimal digits") != NULL);
    CHECK(by_query("fault=reset%", &f, body, sizeof body) == 400 &&
          strstr(body, "two hexadecimal digits") != NULL);
    CHECK(respond("GET /418?fault=reset+ HTTP/1.1\r\nHost: x\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          strstr(body, "'reset+'") != NULL);
    /* A decoded control byte is shown as '?'. */
    CHECK(respond("GET /418?fault=a%0Db HTTP/1.1\r\nHost: x\r\n\r\n", &options,
                  &f, body, sizeof body) == 400 &&
          strstr(body, "'a?b'") != NULL);
    /* FAULT_TEXT_MAX decoded bytes are read; more are refused as such. */
    used = (size_t)snprintf(text, sizeof text, "GET /418?fault=");
    memset(text + used, 'x', FAULT_TEXT_MAX);
    snprintf(text + used + FAULT_TEXT_MAX, sizeof text - used - FAULT_TEXT_MAX,
             " HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(respond(text, &options, &f, body, sizeof body) == 400 &&
          strstr(body, "is not a fault") != NULL);
    memset(text + used, 'x', FAULT_TEXT_MAX + 1);
    snprintf(text + used + FAULT_TEXT_MAX + 1,
             sizeof text - used - FAULT_TEXT_MAX - 1,
             " HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(respond(text, &options, &f, body, sizeof body) == 400 &&
          strstr(body, "longer than 512 bytes") != NULL);
    /* Escapes count once decoded: 512 decoded bytes from 3 * 512. */
    used = (size_t)snprintf(text, sizeof text, "GET /418?fault=");
    CHECK(used + 3 * 300 < sizeof text);
    {
        size_t k;
        for (k = 0; k < 300; k++)
            memcpy(text + used + 3 * k, "%78", 3);
        snprintf(text + used + 900, sizeof text - used - 900,
                 " HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    CHECK(respond(text, &options, &f, body, sizeof body) == 400 &&
          strstr(body, "is not a fault") != NULL);

    /* X-HttpStatus-Fault, read after ?fault=. */
    CHECK(respond("GET /418 HTTP/1.1\r\nHost: x\r\nX-HttpStatus-Fault: "
                  "garbage:9\r\n\r\n",
                  &options, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_GARBAGE && f.arg == 9);
    CHECK(respond("GET /418?fault=reset@0 HTTP/1.1\r\nHost: x\r\n"
                  "x-httpstatus-fault: close\r\n\r\n",
                  &options, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_CLOSE);
    CHECK(respond("GET /418?fault=reset HTTP/1.1\r\nHost: x\r\n"
                  "X-HttpStatus-Fault: close\r\n\r\n",
                  &options, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_RESET);
    CHECK(respond("GET /418 HTTP/1.1\r\nHost: x\r\nX-HttpStatus-Fault: "
                  "bogus\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          f.kind == FAULT_NONE &&
          strstr(body, "X-HttpStatus-Fault: 'bogus'") != NULL);
    CHECK(respond("GET /418 HTTP/1.1\r\nHost: x\r\nX-HttpStatus-Fault: "
                  "reset\r\nX-HttpStatus-Fault: close\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          f.kind == FAULT_NONE &&
          strstr(body, "X-HttpStatus-Fault is given twice") != NULL);
    /* A refused field means no fault of the request's own, not even a
     * good ?fault=: the client is to see the 400. */
    CHECK(respond("GET /418?fault=close HTTP/1.1\r\nHost: x\r\n"
                  "X-HttpStatus-Fault: bogus\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          f.kind == FAULT_NONE);
    CHECK(respond("GET /418?fault=close HTTP/1.1\r\nHost: x\r\n"
                  "X-HttpStatus-Fault: reset\r\nX-HttpStatus-Fault: "
                  "reset\r\n\r\n",
                  &options, &f, body, sizeof body) == 400 &&
          f.kind == FAULT_NONE);
    /* The field is read only when the parser saw X-HttpStatus- fields. */
    {
        static const char text2[] = "GET /418 HTTP/1.1\r\nHost: x\r\n"
                                    "X-HttpStatus-Fault: reset\r\n\r\n";
        static struct response res;
        struct request req = parsed(text2);
        uint64_t rng = 1;
        CHECK(req.httpstatus_fields == 1);
        req.httpstatus_fields = 0;
        memset(&res, 0, sizeof res);
        CHECK(route_respond(&req, &options, NOW, &rng, &res) == 0 &&
              res.status == 418 && res.fault.kind == FAULT_NONE);
        response_free(&res);
    }

    /* The run's faults come after the request's own, and apply to every
     * request, refused ones too. */
    run = list_of("no-final");
    with_run.faults = &run;
    with_run.dice = &dice;
    CHECK(respond("GET /418 HTTP/1.1\r\nHost: x\r\n\r\n", &with_run, &f, body,
                  sizeof body) == 418 &&
          f.kind == FAULT_NO_FINAL && dice.rolls == 1);
    CHECK(respond("GET /418?fault=close HTTP/1.1\r\nHost: x\r\n\r\n",
                  &with_run, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_CLOSE && dice.rolls == 2);
    CHECK(respond("GET /418?fault=close@0 HTTP/1.1\r\nHost: x\r\n\r\n",
                  &with_run, &f, body, sizeof body) == 418 &&
          f.kind == FAULT_NO_FINAL);
    CHECK(respond("GET /418?fault=bogus HTTP/1.1\r\nHost: x\r\n\r\n",
                  &with_run, &f, body, sizeof body) == 400 &&
          f.kind == FAULT_NO_FINAL);
    /* No faults anywhere: nothing rolled. */
    with_run.faults = NULL;
    CHECK(respond("GET /418 HTTP/1.1\r\nHost: x\r\n\r\n", &with_run, &f, body,
                  sizeof body) == 418 &&
          f.kind == FAULT_NONE && dice.rolls == 4);
}

void test_fault(void)
{
    run("faults: every name parses as docs/faults.md says, with or without "
        "its argument",
        every_name_with_and_without_arguments);
    run("faults: each argument is read exactly to its bounds",
        arguments_at_their_bounds);
    run("faults: @P is 0 to 1 with at most six decimals", chances);
    run("faults: lists append, hold at most 16, and a refusal changes "
        "nothing",
        lists_items_and_the_cap);
    run("faults: fault_name() spells each fault and reads back as it", names);
    run("faults: fault_pick() draws in order, repeatably by seed", picks);
    run("faults: garbage bytes start with the top bit set, from the bits",
        garbage_bytes);
    run("faults: fault_allowance() paces a limit, a pause and a rate",
        allowances);
    run("faults: http1_write() sends each fault's bytes on a GET",
        each_fault_on_get);
    run("faults: bad-chunk splits the content with the larger half first",
        bad_chunk_halves);
    run("faults: Connection follows the request, never the fault",
        connection_fields);
    run("faults: HEAD, 204 and 205 keep their framing under every fault",
        no_content_cases);
    run("faults: interim responses go first, or alone for no-final",
        interim_responses);
    run("faults: generated content is gathered, a chunk a piece",
        generated_content_is_gathered);
    run("faults: /418?fault= is /418's reply, broken",
        faults_through_the_route_table);
    run("faults: route_respond() reads ?fault= and X-HttpStatus-Fault",
        route_reads_the_request);
}
