#!/bin/sh
# tests/cmake/run.sh: checks the CMake front door from the outside.
#
# In a temporary directory under build/, it builds the library static and
# shared, installs both with `cmake --install --prefix`, and builds and runs
# tests/cmake/consumer (which calls httpstatus_get and httpstatus_lookup)
# every way a user would take the library:
#
#   (a) add_subdirectory of the repository
#   (b) FetchContent_Declare(SOURCE_DIR <repository>), no network
#   (c) find_package(httpstatus CONFIG) with CMAKE_PREFIX_PATH
#   and pkg-config --cflags --libs with PKG_CONFIG_PATH
#
# One line per check, "ok - ..." or "not ok - ..." (with the end of the
# check's log after a failure); exits 1 if any check failed. The temporary
# directory is removed when everything passed, unless KEEP=1.
#
# Needs cmake (3.15 or later, for --install), a C compiler (CC, default
# cc), pkg-config, readelf and nm (binutils) and make or ninja.

# The checks are functions that check() calls, which shellcheck cannot see.
# shellcheck disable=SC2317

set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
consumer="$root/tests/cmake/consumer"
cc=${CC:-cc}
mkdir -p "$root/build"
work=$(mktemp -d "$root/build/cmake-tests.XXXXXX") || exit 1
failed=0
n=0

# check DESCRIPTION COMMAND...: runs COMMAND with its output in a log.
check()
{
    desc=$1
    shift
    n=$((n + 1))
    log="$work/check-$n.log"
    if "$@" >"$log" 2>&1; then
        echo "ok - $desc"
    else
        echo "not ok - $desc"
        tail -n 25 "$log" | sed 's/^/#   /'
        failed=$((failed + 1))
    fi
}

# configure_build BUILD_DIR SOURCE_DIR [CMAKE_ARGS...]
configure_build()
{
    _dir=$1
    _src=$2
    shift 2
    cmake -S "$_src" -B "$_dir" "$@" && cmake --build "$_dir" --parallel 4
}

# The one installed file whose name is $2, under prefix $1.
installed()
{
    find "$1" -name "$2" | head -n 1
}

# ------------------------------------------------------ the library itself

build_and_install()
{
    _name=$1
    shift
    configure_build "$work/$_name" "$root" -DHTTPSTATUS_WERROR=ON "$@" &&
        cmake --install "$work/$_name" --prefix "$work/prefix-$_name" &&
        test -f "$work/prefix-$_name/include/httpstatus.h" &&
        test -n "$(installed "$work/prefix-$_name" httpstatusConfig.cmake)" &&
        test -n "$(installed "$work/prefix-$_name" \
            httpstatusConfigVersion.cmake)" &&
        test -n "$(installed "$work/prefix-$_name" \
            httpstatusTargets.cmake)" &&
        test -n "$(installed "$work/prefix-$_name" libhttpstatus.pc)"
}

static_files()
{
    test -n "$(installed "$work/prefix-static" libhttpstatus.a)" || return 1
    # The man page goes to <mandir>/man3 when the checkout has it.
    if [ -f "$root/docs/libhttpstatus.3" ]; then
        test -f "$work/prefix-static/share/man/man3/libhttpstatus.3" ||
            return 1
    fi
    return 0
}

shared_files()
{
    _p="$work/prefix-shared"
    test -n "$(installed "$_p" libhttpstatus.so.0.1.0)" &&
        test -L "$(installed "$_p" libhttpstatus.so.0)" &&
        test -L "$(installed "$_p" libhttpstatus.so)"
}

soname()
{
    _lib=$(installed "$work/prefix-shared" libhttpstatus.so.0.1.0)
    test -n "$_lib" || return 1
    readelf -d "$_lib" | tee /dev/stderr |
        grep -q 'SONAME.*\[libhttpstatus\.so\.0\]'
}

exports()
{
    _lib=$(installed "$work/prefix-shared" libhttpstatus.so.0.1.0)
    test -n "$_lib" || return 1
    nm -D --defined-only "$_lib" >"$work/exports" || return 1
    grep -q ' T httpstatus_get$' "$work/exports" || return 1
    grep -q ' T httpstatus_lookup$' "$work/exports" || return 1
    # Nothing but httpstatus_* (and no httpstatus__ internals) is exported.
    if awk '{ print $NF }' "$work/exports" | grep -v '^httpstatus_[a-z]'
    then
        return 1
    fi
    return 0
}

check "static library builds with HTTPSTATUS_WERROR=ON and installs" \
    build_and_install static
check "static install has libhttpstatus.a and the man page" static_files
check "shared library builds with HTTPSTATUS_WERROR=ON and installs" \
    build_and_install shared -DBUILD_SHARED_LIBS=ON
check "shared install has libhttpstatus.so -> .so.0 -> .so.0.1.0" \
    shared_files
check "shared library's soname is libhttpstatus.so.0" soname
check "shared library exports only the httpstatus_* API" exports

# ----------------------------------------------------------- the consumers

# consume NAME [CMAKE_ARGS...]: builds the consumer in $work/NAME, runs it.
consume()
{
    _name=$1
    shift
    configure_build "$work/$_name" "$consumer" \
        -DHTTPSTATUS_SOURCE_DIR="$root" "$@" &&
        "$work/$_name/consumer"
}

# installs_nothing NAME: the consumer's install leaves no httpstatus file.
installs_nothing()
{
    cmake --install "$work/$1" --prefix "$work/prefix-$1" || return 1
    if find "$work/prefix-$1" -name '*httpstatus*' | grep .; then
        return 1
    fi
    return 0
}

# installs_library NAME: reconfigured with HTTPSTATUS_INSTALL=ON, the
# consumer's install includes the library and its package.
installs_library()
{
    cmake -S "$consumer" -B "$work/$1" -DHTTPSTATUS_INSTALL=ON &&
        cmake --build "$work/$1" &&
        cmake --install "$work/$1" --prefix "$work/prefix-$1-on" &&
        test -f "$work/prefix-$1-on/include/httpstatus.h" &&
        test -n "$(installed "$work/prefix-$1-on" httpstatusConfig.cmake)"
}

linked_shared()
{
    readelf -d "$work/$1/consumer" | tee /dev/stderr |
        grep -q 'NEEDED.*\[libhttpstatus\.so\.0\]'
}

wrong_versions()
{
    for _v in 0.2 1.0; do
        if cmake -S "$consumer" -B "$work/package-$_v" \
            -DHTTPSTATUS_CONSUMER_MODE=package \
            -DHTTPSTATUS_CONSUMER_VERSION="$_v" \
            -DCMAKE_PREFIX_PATH="$work/prefix-static"; then
            echo "find_package(httpstatus $_v) succeeded"
            return 1
        fi
    done
    return 0
}

check "(a) add_subdirectory: consumer builds and runs" \
    consume subdirectory -DHTTPSTATUS_CONSUMER_MODE=subdirectory
check "(a) add_subdirectory: installs nothing of httpstatus by default" \
    installs_nothing subdirectory
check "(a) add_subdirectory: HTTPSTATUS_INSTALL=ON installs it" \
    installs_library subdirectory
check "(a) add_subdirectory, shared, HTTPSTATUS_NO_PROSE=ON: consumer runs" \
    consume subdirectory-noprose -DHTTPSTATUS_CONSUMER_MODE=subdirectory \
    -DBUILD_SHARED_LIBS=ON -DHTTPSTATUS_NO_PROSE=ON \
    -DHTTPSTATUS_WERROR=ON -DHTTPSTATUS_CONSUMER_EXPECT_NO_PROSE=ON
check "(b) FetchContent SOURCE_DIR: consumer builds and runs" \
    consume fetchcontent -DHTTPSTATUS_CONSUMER_MODE=fetchcontent
check "(b) FetchContent: installs nothing of httpstatus by default" \
    installs_nothing fetchcontent
check "(c) find_package, static install: consumer builds and runs" \
    consume package-static -DHTTPSTATUS_CONSUMER_MODE=package \
    -DCMAKE_PREFIX_PATH="$work/prefix-static"
check "(c) find_package, shared install: consumer builds and runs" \
    consume package-shared -DHTTPSTATUS_CONSUMER_MODE=package \
    -DCMAKE_PREFIX_PATH="$work/prefix-shared"
check "(c) find_package, shared install: consumer needs libhttpstatus.so.0" \
    linked_shared package-shared
check "(c) find_package(httpstatus 0.2) and (httpstatus 1.0) fail" \
    wrong_versions

# pkgconfig NAME: main.c built with pkg-config's flags for prefix-NAME.
pkgconfig()
{
    _p="$work/prefix-$1"
    _pc=$(installed "$_p" libhttpstatus.pc)
    test -n "$_pc" || return 1
    cat "$_pc"
    PKG_CONFIG_PATH=$(dirname "$_pc")
    export PKG_CONFIG_PATH
    test "$(pkg-config --modversion libhttpstatus)" = 0.1.0 || return 1
    # The prefix is the one given to cmake --install.
    test "$(pkg-config --variable=includedir libhttpstatus)" = \
        "$_p/include" || return 1
    _flags=$(pkg-config --cflags --libs libhttpstatus) || return 1
    echo "pkg-config --cflags --libs: $_flags"
    # shellcheck disable=SC2086 # the flags are words
    "$cc" -std=c99 -Wall -Wextra -Werror "$consumer/main.c" $_flags \
        -o "$work/pkgconfig-$1" || return 1
    LD_LIBRARY_PATH="$(dirname "$(dirname "$_pc")")" "$work/pkgconfig-$1"
}

check "pkg-config, static install: main.c builds and runs" pkgconfig static
check "pkg-config, shared install: main.c builds and runs" pkgconfig shared

# CMake writes only into its build directories: no cache, CMakeFiles,
# _deps or generated file turns up in the checkout outside build/.
untouched()
{
    if find "$root" -path "$root/build" -prune -o -path "$root/.git" \
        -prune -o \( -name CMakeCache.txt -o -name CMakeFiles \
        -o -name cmake_install.cmake -o -name _deps \
        -o -name install_manifest.txt -o -name 'libhttpstatus.pc' \
        -o -name 'httpstatusConfig*.cmake' \) -print | grep .; then
        return 1
    fi
    return 0
}
check "no CMake output in the checkout outside build/" untouched

if [ "$failed" -ne 0 ]; then
    echo "# $failed of $n checks failed; logs in $work"
    exit 1
fi
echo "# all $n checks passed"
if [ "${KEEP:-0}" = 1 ]; then
    echo "# kept $work"
else
    rm -rf "$work"
fi
exit 0
