/* harness.h: the test harness. A test is a function; run() calls it
 * under a description written as a sentence, and CHECK() records each
 * failed condition with its place. main() prints "N passed, N failed". */
#ifndef HARNESS_H
#define HARNESS_H

#include <stddef.h>

void run(const char *description, void (*test)(void));
void check_failed(const char *file, int line, const char *what);
int harness_summary(void);

/* The directory of test data (tests/data), from the command line. */
extern const char *data_dir;

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond))                                                          \
            check_failed(__FILE__, __LINE__, #cond);                          \
    } while (0)

/* Each test file exposes one function that runs its tests. */
void test_registry(void);
void test_lookup(void);
void test_line(void);
void test_version(void);
void test_http1(void);
void test_request(void);
void test_buffer(void);
void test_date(void);
void test_json(void);
void test_form(void);
void test_codec(void);
void test_images(void);
void test_cookies(void);
void test_set_cookie(void);
void test_credentials(void);
void test_ranges(void);
void test_codes(void);
void test_fault(void);
void test_tls(void);
void test_h2(void);
void test_sfv(void);
void test_cache_control(void);
void test_fields(void);
void test_inputs(void);
void test_probe(void);

#endif
