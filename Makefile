# libhttpstatus: a plain Makefile. CMakeLists.txt builds the same files
# with the same warnings.
#
#   make                  static and shared library, the httpstatus command
#   make test             unit tests, README example, C++ header check,
#                         fuzz corpus replay, generated-table check
#   make install          PREFIX=/usr/local DESTDIR= (the usual), with
#                         libhttpstatus.pc written for that PREFIX
#   make sanitize         the tests again under ASan and UBSan
#   make ci               everything CI runs (tests/ci.sh)
#   make ci-busy          make ci with every CPU kept busy meanwhile: the
#                         tests must not depend on the machine's speed
#   make conformance      compares with ../shared when it is there
#   make bench            benchmarks against peer libraries (bench/)
#   make fuzz             libFuzzer runs, FUZZ_SECONDS each (clang)
#   make regen            rewrites src/lookup_table.h from the registry
#   make images           redraws server/images/ (tools/make-images.py)
#   make format-check     clang-format --dry-run over every C file

VERSION = 0.1.0
SOVERSION = 0

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share

CC ?= cc
CXX ?= c++
AR ?= ar
CLANG_FORMAT ?= clang-format
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wswitch-enum -Wconversion
ALL_CFLAGS = -std=c99 $(WARNINGS) $(CFLAGS) -Iinclude -Isrc
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden -fno-semantic-interposition \
             -DHTTPSTATUS_BUILDING

BUILD = build
SRC = src/registry.c src/lookup.c src/line.c src/version.c
OBJ = $(SRC:src/%.c=$(BUILD)/obj/%.o)
STATIC = $(BUILD)/libhttpstatus.a
SHARED = $(BUILD)/libhttpstatus.so.$(VERSION)
SONAME = libhttpstatus.so.$(SOVERSION)

COMMON_SRC = common/buffer.c common/date.c common/json.c common/utf8.c
COMMON_H = common/buffer.h common/date.h common/json.h common/ascii.h \
           common/utf8.h
CLI_SRC = cli/main.c cli/output.c cli/show.c cli/list.c \
          cli/search.c cli/check.c cli/fetch.c $(CHECK_SRC)
# The response linter behind `httpstatus check`, its rule families, the
# readers of its inputs (curl -v traces, HAR files), and the probes'
# comparison of a URL's answers.
CHECK_SRC = check/lint.c check/cookies.c check/set_cookie.c check/cors.c \
            check/sfv.c check/structured.c check/cache_control.c \
            check/caching.c check/fields.c check/grammar.c check/inputs.c \
            check/curl_trace.c check/har.c check/probe.c
CHECK_H = check/lint.h check/rules.h check/set_cookie.h check/sfv.h \
          check/cache_control.h check/grammar.h check/inputs.h \
          check/probe.h cli/fetch.h
# The server but its event loop: what the tests and fuzz targets link.
SERVER_CORE = server/request.c server/response.c server/negotiate.c \
              server/query.c server/route.c server/http1.c \
              server/codes.c server/reference.c server/form.c \
              server/echo.c server/codec.c server/codings.c \
              server/images.c server/rng.c server/formats.c \
              server/cookies.c server/credentials.c server/auth.c \
              server/caching.c server/ranges.c server/streams.c \
              server/redirects.c server/fault.c server/h2.c \
              server/early_hints.c
SERVER_H = server/server.h server/handlers.h server/form.h server/fault.h \
           server/echo.h server/codec.h server/images.h \
           server/credentials.h server/ranges.h server/tls.h server/h2.h
SERVER_SRC = server/serve.c $(SERVER_CORE)
PAGE = $(BUILD)/page.c
IMAGES = server/images/status-200.webp server/images/status-200.svg \
         server/images/status-200.jpeg server/images/status-200.png
IMAGES_INC = $(BUILD)/images.inc
CLI = $(BUILD)/httpstatus
PKG_CONFIG ?= pkg-config
UV_CFLAGS := $(shell $(PKG_CONFIG) --cflags libuv 2>/dev/null)
UV_LIBS := $(shell $(PKG_CONFIG) --libs libuv 2>/dev/null || echo -luv) -lpthread
# Optional: Jansson reads the JSON that the echo endpoints decode, and
# check's HAR files. Without it, the endpoints echo JSON content as data
# only, with json null, and check --har says it cannot read HAR (exit 2).
# HAVE_JANSSON= on the command line builds without it.
ifndef HAVE_JANSSON
HAVE_JANSSON := $(shell $(PKG_CONFIG) --exists jansson 2>/dev/null && echo yes)
endif
ifeq ($(HAVE_JANSSON),yes)
SERVER_CFLAGS += -DHTTPSTATUS_HAVE_JANSSON \
                 $(shell $(PKG_CONFIG) --cflags jansson)
SERVER_LIBS += $(shell $(PKG_CONFIG) --libs jansson)
endif

# The content codings' libraries, each used when pkg-config finds it:
# zlib for gzip and deflate, libbrotlienc for br (looked for together with
# libbrotlidec, which the tests and the fuzz replayers decode with; one
# package ships both). Without one, serve answers its coding with 501.
# HAVE_ZLIB= or HAVE_BROTLI= on the command line builds without it.
ifndef HAVE_ZLIB
HAVE_ZLIB := $(shell $(PKG_CONFIG) --exists zlib 2>/dev/null && echo yes)
endif
ifndef HAVE_BROTLI
HAVE_BROTLI := $(shell $(PKG_CONFIG) --exists libbrotlienc libbrotlidec \
                   2>/dev/null && echo yes)
endif
ifeq ($(HAVE_ZLIB),yes)
SERVER_CFLAGS += -DHTTPSTATUS_HAVE_ZLIB $(shell $(PKG_CONFIG) --cflags zlib)
SERVER_LIBS += $(shell $(PKG_CONFIG) --libs zlib)
endif
ifeq ($(HAVE_BROTLI),yes)
SERVER_CFLAGS += -DHTTPSTATUS_HAVE_BROTLI \
                 $(shell $(PKG_CONFIG) --cflags libbrotlienc)
SERVER_LIBS += $(shell $(PKG_CONFIG) --libs libbrotlienc)
TEST_LIBS += $(shell $(PKG_CONFIG) --libs libbrotlidec)
endif

# libcrypto (OpenSSL) hashes Digest credentials (server/credentials.c).
# Without it, or with HAVE_CRYPTO= on the command line,
# HTTPSTATUS_NO_CRYPTO is defined and the Digest endpoints answer 501.
ifndef HAVE_CRYPTO
HAVE_CRYPTO := $(shell $(PKG_CONFIG) --exists libcrypto 2>/dev/null && echo yes)
endif
ifeq ($(HAVE_CRYPTO),yes)
SERVER_CFLAGS += $(shell $(PKG_CONFIG) --cflags libcrypto)
SERVER_LIBS += $(shell $(PKG_CONFIG) --libs libcrypto)
else
SERVER_CFLAGS += -DHTTPSTATUS_NO_CRYPTO
endif

# libssl (OpenSSL 3) for serve's TLS (server/tls.c), looked for with
# libcrypto. Without them, or with HAVE_TLS= on the command line, tls.c is
# left out, HTTPSTATUS_HAVE_TLS is not defined, and its tests say they were
# skipped.
ifndef HAVE_TLS
HAVE_TLS := $(shell $(PKG_CONFIG) --exists libssl libcrypto 2>/dev/null && \
                echo yes)
endif
ifeq ($(HAVE_TLS),yes)
SERVER_CORE += server/tls.c
SERVER_CFLAGS += -DHTTPSTATUS_HAVE_TLS \
                 $(shell $(PKG_CONFIG) --cflags libssl libcrypto)
SERVER_LIBS += $(shell $(PKG_CONFIG) --libs libssl libcrypto)
endif

# nghttp2 speaks HTTP/2 (server/h2.c). Without it, or with HAVE_NGHTTP2=
# on the command line, h2.c builds to nothing and test_h2 says it was
# skipped.
ifndef HAVE_NGHTTP2
HAVE_NGHTTP2 := $(shell $(PKG_CONFIG) --exists libnghttp2 2>/dev/null && echo yes)
endif
ifeq ($(HAVE_NGHTTP2),yes)
SERVER_CFLAGS += -DHTTPSTATUS_HAVE_NGHTTP2 \
                 $(shell $(PKG_CONFIG) --cflags libnghttp2)
SERVER_LIBS += $(shell $(PKG_CONFIG) --libs libnghttp2)
endif

# libcurl for `check URL` (cli/fetch.c). Without it, or with HAVE_CURL= on
# the command line, HTTPSTATUS_HAVE_CURL is not defined and check says it
# cannot fetch (exit 2); tests/cli/fetch.sh says it skipped. Only the
# command links it: the fuzz replayers and tests build fetch.c without.
ifndef HAVE_CURL
HAVE_CURL := $(shell $(PKG_CONFIG) --exists libcurl 2>/dev/null && echo yes)
endif
ifeq ($(HAVE_CURL),yes)
CURL_CFLAGS = -DHTTPSTATUS_HAVE_CURL $(shell $(PKG_CONFIG) --cflags libcurl)
CURL_LIBS = $(shell $(PKG_CONFIG) --libs libcurl)
endif

TEST_SRC = tests/main.c tests/harness.c tests/tsv.c tests/test_registry.c \
           tests/test_lookup.c tests/test_line.c tests/test_version.c \
           tests/test_request.c tests/test_http1.c tests/test_buffer.c \
           tests/test_date.c tests/test_json.c tests/test_form.c \
           tests/test_codec.c tests/test_images.c tests/test_cookies.c \
           tests/test_credentials.c tests/test_ranges.c tests/test_codes.c \
           tests/test_fault.c tests/test_tls.c tests/test_h2.c \
           tests/test_set_cookie.c tests/test_sfv.c \
           tests/test_cache_control.c tests/test_fields.c tests/test_inputs.c \
           tests/test_probe.c \
           $(SERVER_CORE) $(COMMON_SRC) $(CHECK_SRC)
FUZZ_TARGETS = parse_line lookup request_head chunked_body reply check form \
               codec cookies credentials ranges codes faults h2_frames \
               set_cookie sfv cache_control fields curl_trace har probe
ifeq ($(HAVE_TLS),yes)
FUZZ_TARGETS += tls_records
endif

.PHONY: all test sanitize ci ci-busy conformance bench fuzz regen \
        check-generated format-check images install uninstall clean

all: $(STATIC) $(SHARED) $(CLI)

$(BUILD)/obj/%.o: src/%.c include/httpstatus.h src/internal.h src/fold.h \
                  src/lookup_table.h
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(STATIC): $(OBJ)
	rm -f $@
	$(AR) rcs $@ $(OBJ)

$(SHARED): $(OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) $(OBJ) -o $@
	ln -sf libhttpstatus.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf libhttpstatus.so.$(VERSION) $(BUILD)/libhttpstatus.so


# The command links the static library: one file to install, and it
# uses the public API only. serve runs on libuv (and Jansson, when there).
$(CLI): $(CLI_SRC) $(SERVER_SRC) $(COMMON_SRC) $(PAGE) $(IMAGES_INC) \
        cli/cli.h $(CHECK_H) $(SERVER_H) $(COMMON_H) $(STATIC)
	$(CC) $(ALL_CFLAGS) $(SERVER_CFLAGS) -Icommon -Icli -Icheck -Iserver \
	    -I$(BUILD) \
	    $(UV_CFLAGS) $(CURL_CFLAGS) \
	    $(CLI_SRC) $(SERVER_SRC) $(COMMON_SRC) $(PAGE) $(STATIC) \
	    $(LDFLAGS) $(UV_LIBS) $(SERVER_LIBS) $(CURL_LIBS) -o $@

# The reference page goes into the binary as a C array.
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) tools/embed.c -o $@

$(PAGE): server/page.html $(BUILD)/embed
	$(BUILD)/embed httpstatus__page server/page.html > $@

# So do the images, in one fragment that server/images.c includes.
$(IMAGES_INC): $(IMAGES) $(BUILD)/embed
	$(BUILD)/embed httpstatus__image_webp server/images/status-200.webp \
	    httpstatus__image_svg server/images/status-200.svg \
	    httpstatus__image_jpeg server/images/status-200.jpeg \
	    httpstatus__image_png server/images/status-200.png > $@

# ------------------------------------------------------------------ tests

$(BUILD)/run-tests: $(TEST_SRC) $(PAGE) $(IMAGES_INC) tests/harness.h \
                   tests/tsv.h $(SERVER_H) $(COMMON_H) $(CHECK_H) $(STATIC)
	$(CC) $(ALL_CFLAGS) $(SERVER_CFLAGS) -Icommon -Iserver -Icheck -I$(BUILD) \
	    $(TEST_SRC) $(PAGE) $(STATIC) $(SERVER_LIBS) $(TEST_LIBS) \
	    -lpthread -o $@

$(BUILD)/readme-example: README.md $(STATIC)
	@mkdir -p $(@D)
	sed -n '/^```c$$/,/^```$$/p' README.md | sed '1d;$$d' > $(BUILD)/readme-example.c
	$(CC) $(ALL_CFLAGS) $(BUILD)/readme-example.c $(STATIC) -o $@

$(BUILD)/cxx-header: tests/cxx_header.cpp include/httpstatus.h $(STATIC)
	$(CXX) -std=c++98 -Wall -Wextra -Wpedantic $(CFLAGS) -Iinclude \
	    tests/cxx_header.cpp $(STATIC) -o $@

# Every replayer links the parts of the command that any target fuzzes.
FUZZ_APP_SRC = $(SERVER_CORE) $(COMMON_SRC) cli/check.c \
               cli/output.c cli/fetch.c $(CHECK_SRC)
$(BUILD)/fuzz-replay-%: fuzz/%.c fuzz/replay.c fuzz/fuzz.h $(FUZZ_APP_SRC) \
                        $(SERVER_H) $(COMMON_H) cli/cli.h $(CHECK_H) \
                        $(PAGE) \
                        $(IMAGES_INC) $(STATIC)
	$(CC) $(ALL_CFLAGS) $(SERVER_CFLAGS) -Icommon -Iserver -Icli -Icheck \
	    -I$(BUILD) fuzz/$*.c fuzz/replay.c $(FUZZ_APP_SRC) $(PAGE) $(STATIC) \
	    $(SERVER_LIBS) $(TEST_LIBS) -lpthread -o $@

test: $(BUILD)/run-tests $(BUILD)/readme-example $(BUILD)/cxx-header \
      $(FUZZ_TARGETS:%=$(BUILD)/fuzz-replay-%) $(CLI) check-generated
	$(BUILD)/readme-example > $(BUILD)/readme-example.out
	cmp $(BUILD)/readme-example.out tests/data/readme-example.out
	$(BUILD)/cxx-header
	for t in $(FUZZ_TARGETS); do \
	    $(BUILD)/fuzz-replay-$$t fuzz/corpus/$$t || exit 1; done
	$(BUILD)/run-tests tests/data
	sh tests/cli/run.sh $(CLI)
	sh tests/cli/rules.sh $(CLI)
	sh tests/check_corpus/run.sh $(CLI)
	sh tests/server/run.sh $(CLI)

# The same tests with AddressSanitizer and UndefinedBehaviorSanitizer, in a
# build directory of their own.
SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
sanitize:
	$(MAKE) BUILD=$(BUILD)/sanitize CFLAGS="-O1 -g $(SANITIZE)" \
	    LDFLAGS="$(SANITIZE)" test

# Everything CI runs: gcc and clang with -Werror, both sanitizers, the
# no-prose build, clang-format, mandoc, CMake consumers, a short fuzz run
# and, when ../shared is there, the conformance comparison.
ci:
	sh tests/ci.sh

# The same with a busy loop on every CPU (tests/ci-busy.sh; BUSY=N for N
# loops). Not part of ci: it proves that no test is a speed test, that
# every time limit in them is a liveness limit with room to spare.
ci-busy:
	sh tests/ci-busy.sh

# Compares the registry, the status-line parser and the server with the
# reference material beside the checkout, when it is there. make test
# never needs it.
SHARED_DIR ?= ../shared
conformance: $(BUILD)/conformance $(CLI)
	@if [ -d $(SHARED_DIR) ]; then $(BUILD)/conformance $(SHARED_DIR) && \
	    python3 tests/server/conformance.py $(CLI) $(SHARED_DIR)/conformance; \
	else echo "conformance: $(SHARED_DIR) not found, nothing to compare"; fi

$(BUILD)/conformance: tests/conformance.c tests/tsv.c tests/tsv.h $(STATIC)
	$(CC) $(ALL_CFLAGS) tests/conformance.c tests/tsv.c $(STATIC) -o $@

# ------------------------------------------------------------------ tools

$(BUILD)/gen_lookup: tools/gen_lookup.c src/registry.c include/httpstatus.h \
                     src/internal.h src/fold.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) tools/gen_lookup.c src/registry.c -o $@

regen: $(BUILD)/gen_lookup
	$(BUILD)/gen_lookup > src/lookup_table.h

check-generated: $(BUILD)/gen_lookup
	$(BUILD)/gen_lookup | cmp -s - src/lookup_table.h || \
	    { echo "src/lookup_table.h is stale: run make regen"; exit 1; }

# Needs cjpeg and djpeg (libjpeg-turbo-progs) and cwebp and dwebp (webp).
images:
	python3 tools/make-images.py server/images

format-check:
	find include src common cli check server tools tests fuzz bench -name build \
	    -prune -o \
	    \( -name '*.[ch]' -o -name '*.cpp' \) -print | \
	    xargs $(CLANG_FORMAT) --dry-run --Werror

bench:
	$(MAKE) -C bench

FUZZ_SECONDS ?= 60
fuzz:
	$(MAKE) -C fuzz run FUZZ_SECONDS=$(FUZZ_SECONDS)

# ---------------------------------------------------------------- install

install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man3 \
	    $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions \
	    $(DESTDIR)$(DATADIR)/zsh/site-functions \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)
	install -m 644 docs/httpstatus.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 completions/httpstatus.bash \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/httpstatus
	install -m 644 completions/_httpstatus \
	    $(DESTDIR)$(DATADIR)/zsh/site-functions/_httpstatus
	install -m 644 completions/httpstatus.fish \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/httpstatus.fish
	install -m 644 include/httpstatus.h $(DESTDIR)$(INCLUDEDIR)
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)
	ln -sf libhttpstatus.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf libhttpstatus.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libhttpstatus.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    libhttpstatus.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/libhttpstatus.pc
	install -m 644 docs/libhttpstatus.3 $(DESTDIR)$(MANDIR)/man3

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/httpstatus.h \
	    $(DESTDIR)$(LIBDIR)/libhttpstatus.a \
	    $(DESTDIR)$(LIBDIR)/libhttpstatus.so* \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/libhttpstatus.pc \
	    $(DESTDIR)$(MANDIR)/man3/libhttpstatus.3 \
	    $(DESTDIR)$(BINDIR)/httpstatus \
	    $(DESTDIR)$(MANDIR)/man1/httpstatus.1 \
	    $(DESTDIR)$(DATADIR)/bash-completion/completions/httpstatus \
	    $(DESTDIR)$(DATADIR)/zsh/site-functions/_httpstatus \
	    $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/httpstatus.fish

clean:
	rm -rf build
