#!/bin/sh
# tests/ci.sh: everything CI checks, run by `make ci`. Each step counts as
# one test, and the unit tests' own counts are added; the last line is the
# total, "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2

passed=0
failed=0
log=build/ci
mkdir -p "$log"

step() {
    name=$1
    shift
    out="$log/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-').log"
    if "$@" >"$out" 2>&1; then
        passed=$((passed + 1))
        echo "ok - $name"
    else
        failed=$((failed + 1))
        echo "not ok - $name (log: $out)"
        tail -n 30 "$out" | sed 's/^/#   /'
    fi
    # The counts of the test runners the step ran, from their closing
    # lines.
    for counts in $(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" |
        tr ' ,' '_.'); do
        p=${counts%%_passed*}
        f=${counts#*passed._}
        f=${f%%_failed*}
        passed=$((passed + p))
        failed=$((failed + f))
        echo "#   tests run: $p passed, $f failed"
    done
}

werror="-O2 -g -Werror"
step "gcc: build and test with -Werror" \
    make BUILD=build/gcc CC=gcc CXX=g++ CFLAGS="$werror" all test
step "clang: build and test with -Werror" \
    make BUILD=build/clang CC=clang CXX=clang++ CFLAGS="$werror" all test
step "clang: tests under ASan and UBSan" \
    make BUILD=build/clang CC=clang CXX=clang++ sanitize
step "gcc: tests under ASan and UBSan" \
    make BUILD=build/gcc CC=gcc CXX=g++ sanitize
step "the library builds without prose" \
    make BUILD=build/noprose CC=gcc CFLAGS="$werror -Os -DHTTPSTATUS_NO_PROSE" all
# zlib, libbrotlienc, Jansson, libcrypto, libssl, libnghttp2 and libcurl
# are optional; check's rules and corpus run on that build too.
step "the server builds and tests without its optional libraries" \
    sh -c "make BUILD=build/nolibs CC=gcc CFLAGS='$werror' HAVE_ZLIB= \
        HAVE_BROTLI= HAVE_JANSSON= HAVE_CRYPTO= HAVE_TLS= HAVE_NGHTTP2= \
        HAVE_CURL= \
        build/nolibs/httpstatus \
        build/nolibs/run-tests build/nolibs/fuzz-replay-codec &&
        build/nolibs/run-tests tests/data &&
        build/nolibs/fuzz-replay-codec fuzz/corpus/codec &&
        sh tests/cli/rules.sh build/nolibs/httpstatus &&
        sh tests/check_corpus/run.sh build/nolibs/httpstatus"
step "clang-format reports no differences" make format-check
step "man pages pass mandoc -Tlint" sh -c 'mandoc -Tlint -W warning docs/*.[0-9]'
step "CMake: add_subdirectory, FetchContent, find_package, pkg-config" \
    sh tests/cmake/run.sh
step "libFuzzer: every target runs ${FUZZ_SECONDS:-30}s with no finding" \
    make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
step "valgrind: the server's integration tests under memcheck" \
    sh tests/server/valgrind.sh build/gcc/httpstatus
step "soak: wrk at full rate for ${SOAK_SECONDS:-10}s, no error, RSS flat" \
    sh bench/soak.sh build/gcc/httpstatus "${SOAK_SECONDS:-10}"
step "h2 soak: h2load over TLS and h2c for ${H2_SOAK_SECONDS:-60}s, every response checked" \
    sh bench/h2_soak.sh build/gcc/httpstatus "${H2_SOAK_SECONDS:-60}"
step "browser: the reference page in headless Chromium" \
    sh tests/web/run.sh build/gcc/httpstatus
step "bench: the benchmarks build and run" make bench
if [ -d ../shared ]; then
    step "conformance with ../shared: registry, status-line and server cases" \
        make BUILD=build/gcc CC=gcc conformance
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
