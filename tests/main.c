/* main.c: runs every test file. The optional argument is the test data
 * directory, for builds outside the source tree. */
#include "harness.h"

int main(int argc, char **argv)
{
    if (argc > 1)
        data_dir = argv[1];
    test_registry();
    test_lookup();
    test_line();
    test_version();
    test_http1();
    test_request();
    test_buffer();
    test_date();
    test_json();
    test_form();
    test_codec();
    test_images();
    test_cookies();
    test_set_cookie();
    test_credentials();
    test_ranges();
    test_codes();
    test_fault();
    test_tls();
    test_h2();
    test_sfv();
    test_cache_control();
    test_fields();
    test_inputs();
    test_probe();
    return harness_summary();
}
