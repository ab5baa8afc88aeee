# pymode-pkg: one flat Makefile. Settings first; every library via pkg-config.
#   make               build bin/pymode-pkg and its links
#   make check         build and run every test (unit, end-to-end, corpus)
#   make asan          the same under AddressSanitizer + UBSan + LeakSanitizer
#   make fuzz          every libFuzzer harness for FUZZ_SECONDS (default 60) each
#   make fuzz-long     the same, faster, without ASan; then the corpus under ASan
#   make demo          audit the bundled examples/
#   make deps          apt-get install every build and test dependency
#   make fresh-check   make demo and make check in a clean Debian 12 root (root)
#   make wasi-python   CPython 3.13 for wasm32-wasi, once per machine (root; ~10 min)
#   make install PREFIX=/usr/local
#   DEVELOPER=1        turn warnings into errors

MAKEFLAGS += --no-print-directory
PREFIX ?= /usr/local
CC ?= cc
CFLAGS ?= -O2 -g
O ?= build
BIN ?= bin

PKGS = libzip libarchive sqlite3 yaml-0.1 libcurl libbrotlienc libbrotlidec zlib
# opened on first use (common/dl.c), not linked: only runs that fetch need it
# (resolver/curl_dl.h); libbinaryen likewise, in the child that inspects wasm
# (bundler/binaryen_dl.h): linked, the two cost every run 20 ms of relocations
PKGS_LOADED = libcurl
WARN = -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-sign-compare
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
# Library flags are read when make parses this file, so a goal that installs
# the libraries (check, demo, asan) runs `deps` first and builds in a fresh
# `$(MAKE)` that parses again and sees them. On a machine without them yet,
# plain `make` does the same (its default goal becomes `first-build`).
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(filter-out $(PKGS_LOADED),$(PKGS)) 2>/dev/null)
ifeq ($(PKG_LIBS),)
.DEFAULT_GOAL := first-build
endif
VERSION = 0.1.0
ALL_CFLAGS = -DPYMODE_VERSION=\"$(VERSION)\" -std=c11 -D_GNU_SOURCE -I. $(WARN) $(PKG_CFLAGS) $(CFLAGS)
LIBS = $(PKG_LIBS) -lm -lpthread -ldl

# ---- object lists: one variable per folder; add a line when adding a file
COMMON_OBJS = common/alloc.o common/strbuf.o common/arena.o common/strmap.o \
	common/json.o common/jsonread.o common/text.o common/dl.o

SCANNER_OBJS =
# lexer, imports, conditions, sdist build detection
SCANNER_OBJS += scanner/pylex.o scanner/imports.o scanner/cond.o scanner/sdist.o scanner/pyproject.o scanner/wrangler.o
# native binaries, metadata, wheel names, RECORD, sha256
SCANNER_OBJS += scanner/native.o scanner/native_macho.o scanner/native_pe.o scanner/native_wasm.o scanner/wasm_dylink.o scanner/metadata.o scanner/wheelname.o scanner/record.o scanner/sha256.o scanner/sha256_x86.o
# archives, trees and distributions
SCANNER_OBJS += scanner/source.o scanner/zipcheck.o scanner/distribution.o scanner/installed.o \
	scanner/dist_json.o
# each file's scan kept by content; its key covers the lexer's sources
SCANNER_OBJS += scanner/scan_cache.o
SCAN_SOURCES = scanner/pylex.c scanner/pylex.h scanner/imports.c scanner/cond.c scanner/scanner.h scanner/scan_cache.c

# rule database
POLYFILL_OBJS = polyfill-db/yaml_tree.o polyfill-db/load.o \
	polyfill-db/db.o polyfill-db/query.o polyfill-db/profile.o polyfill-db/pyodide.o polyfill-db/default_db.o
# verdicts
POLYFILL_OBJS += polyfill-db/verdict.o polyfill-db/depends.o

# the stdlib tree-shaker and the bundle writer
SHAKER_OBJS = stdlib-tree-shaker/shaker.o stdlib-tree-shaker/eager.o stdlib-tree-shaker/waits.o
BUNDLER_OBJS = bundler/bundle.o bundler/zipwrite.o bundler/sizes.o bundler/upload.o
# memory estimate and wasm variants (binaryen)
BUNDLER_OBJS += bundler/memory.o bundler/wasm.o bundler/wasm_wheel.o bundler/binaryen_dl.o
# the stdlibs' size figures shipped (bundler/figures/*.tsv, generated at build time)
BUNDLER_OBJS += bundler/figures_shipped.o

REPORTS_OBJS = reports/text.o reports/json.o reports/bundle.o reports/budget.o reports/ci.o reports/sarif.o reports/md.o reports/html.o
# the supported-packages table
REPORTS_OBJS += reports/table.o reports/table_render.o reports/table_read.o

# PEP 440, PEP 508, requirements files
RESOLVER_OBJS = resolver/pep440.o resolver/specifier.o resolver/marker.o resolver/pep508.o resolver/reqfile.o resolver/reqfile_load.o resolver/solver.o resolver/tags.o resolver/index_html.o resolver/index_json.o resolver/index.o resolver/cache.o resolver/digest.o resolver/resolve.o resolver/direct.o resolver/reqfile_pyproject.o resolver/suggest.o resolver/http.o resolver/curl_dl.o
# Unicode character names for \N{...} in marker strings (generated at build time)
RESOLVER_OBJS += resolver/uniname.o resolver/uninames.o
# Python's str.lower for extra names in markers (tables generated at build time)
RESOLVER_OBJS += resolver/unilower.o resolver/unicase.o

CLI_OBJS = cli/main.o cli/util.o cli/index_opts.o cli/inputs.o cli/pipconf.o
# rules subcommand
CLI_OBJS += cli/rules.o
# audit and imports subcommands
CLI_OBJS += cli/audit.o cli/imports.o cli/lock.o
# bundle subcommand and its --verify
CLI_OBJS += cli/bundle.o cli/bundle_entry.o cli/bundle_verify.o cli/anchor.o
# table subcommand and its result cache
CLI_OBJS += cli/table.o cli/table_cache.o

LIB_OBJS = $(COMMON_OBJS) $(SCANNER_OBJS) $(POLYFILL_OBJS) $(RESOLVER_OBJS) $(SHAKER_OBJS) \
	$(BUNDLER_OBJS) $(REPORTS_OBJS)

# ---- unit tests: tests/unit/test_<x>.c, one binary each
UNIT_TESTS = tests/unit/test_common
# lexer, imports, conditions, sdist
UNIT_TESTS += tests/unit/test_imports tests/unit/test_sdist tests/unit/test_wrangler
# a scan saved and read back
UNIT_TESTS += tests/unit/test_dist_json tests/unit/test_scan_cache
# what the shaker's pending functions wait on
UNIT_TESTS += tests/unit/test_waits
# tools built with the unit tests but not run as tests (imports_dump feeds tests/suites/diff-ast)
TOOLS_BIN = tests/unit/imports_dump
# marker_dump feeds tests/suites/unicode-names
TOOLS_BIN += tests/unit/marker_dump
# pep440_dump feeds tests/suites/packaging-diff
TOOLS_BIN += tests/unit/pep440_dump
# reqfile_dump feeds tests/suites/reqfile-diff
TOOLS_BIN += tests/unit/reqfile_dump
# native, metadata
UNIT_TESTS += tests/unit/test_native tests/unit/test_metadata
# rules
UNIT_TESTS += tests/unit/test_rules
# resolver leaves
UNIT_TESTS += tests/unit/test_pep440 tests/unit/test_pep508 tests/unit/test_reqfile tests/unit/test_resolve
# archives, distributions, verdicts
UNIT_TESTS += tests/unit/test_http
# bundler: memory model, wasm variants
UNIT_TESTS += tests/unit/test_memory tests/unit/test_wasm

LINKS = pymode-audit pymode-bundle pymode-table

all: $(BIN)/pymode-pkg $(addprefix $(BIN)/,$(LINKS))

$(BIN)/pymode-pkg: $(addprefix $(O)/,$(CLI_OBJS) $(LIB_OBJS))
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

$(addprefix $(BIN)/,$(LINKS)): $(BIN)/pymode-pkg
	ln -sf pymode-pkg $@

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# the scan cache's key names the lexer's sources by their hash: rebuilt with them
$(O)/scanner/scan_cache.o: $(SCAN_SOURCES)
$(O)/scanner/scan_cache.o: ALL_CFLAGS += -DSCANNER_SOURCE_HASH=\"$(shell cat $(SCAN_SOURCES) 2>/dev/null | sha256sum | cut -c1-16)\"

$(O)/tests/unit/%: tests/unit/%.c $(addprefix $(O)/,$(LIB_OBJS))
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -o $@ $< $(addprefix $(O)/,$(LIB_OBJS)) $(LIBS)

# the default rule database compiled into the binary: rules/ -> SQLite -> a C
# array (tools/embed-rules links without the default it generates)
EMBED_OBJS = $(COMMON_OBJS) $(filter-out polyfill-db/default_db.o polyfill-db/verdict.o polyfill-db/depends.o,\
	$(filter polyfill-db/%,$(POLYFILL_OBJS)))
$(O)/tools/embed-rules: tools/embed-rules.c $(addprefix $(O)/,$(EMBED_OBJS))
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

$(O)/polyfill-db/default_db.c: $(O)/tools/embed-rules $(shell find rules -type f 2>/dev/null)
	@mkdir -p $(@D)
	$(O)/tools/embed-rules rules $@

$(O)/polyfill-db/default_db.o: $(O)/polyfill-db/default_db.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# the size figures of known stdlibs' files: bundler/figures/*.tsv (made by
# tools/ship-figures, which `make ship-figures` builds) -> tools/embed-figures
# -> a C array
$(O)/bundler/figures_shipped.c: tools/embed-figures $(wildcard bundler/figures/*.tsv)
	@mkdir -p $(@D)
	tools/embed-figures $@ $(wildcard bundler/figures/*.tsv)

$(O)/bundler/figures_shipped.o: $(O)/bundler/figures_shipped.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

ship-figures: $(O)/tools/ship-figures
$(O)/tools/ship-figures: tools/ship-figures.c $(addprefix $(O)/,$(LIB_OBJS))
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(addprefix $(O)/,$(LIB_OBJS)) $(LIBS)

# the Unicode name table: Debian's unicode-data (tools/install-deps) ->
# tools/gen-uninames -> a C array; nothing of the data is committed
UNICODE_DIR ?= /usr/share/unicode
UNICODE_FILES = UnicodeData.txt NameAliases.txt Jamo.txt
$(O)/tools/gen-uninames: tools/gen-uninames.c tools/unidata.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(shell pkg-config --libs zlib 2>/dev/null || echo -lz)

$(O)/resolver/uninames.c: $(O)/tools/gen-uninames $(wildcard $(addprefix $(UNICODE_DIR)/,$(UNICODE_FILES)))
	@for f in $(UNICODE_FILES); do test -f $(UNICODE_DIR)/$$f || { \
		echo "error: $(UNICODE_DIR)/$$f is missing: the Unicode name table is built from Debian's unicode-data package (tools/install-deps installs it; or set UNICODE_DIR)" >&2; exit 1; }; done
	@mkdir -p $(@D)
	$(O)/tools/gen-uninames $(UNICODE_DIR) $@

$(O)/resolver/uninames.o: $(O)/resolver/uninames.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# the lowercase tables: the same package -> tools/gen-unicase -> C arrays
UNICASE_FILES = UnicodeData.txt SpecialCasing.txt DerivedCoreProperties.txt
$(O)/tools/gen-unicase: tools/gen-unicase.c tools/unidata.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $<

$(O)/resolver/unicase.c: $(O)/tools/gen-unicase $(wildcard $(addprefix $(UNICODE_DIR)/,$(UNICASE_FILES)))
	@for f in $(UNICASE_FILES); do test -f $(UNICODE_DIR)/$$f || { \
		echo "error: $(UNICODE_DIR)/$$f is missing: the Unicode lowercase tables are built from Debian's unicode-data package (tools/install-deps installs it; or set UNICODE_DIR)" >&2; exit 1; }; done
	@mkdir -p $(@D)
	$(O)/tools/gen-unicase $(UNICODE_DIR) $@

$(O)/resolver/unicase.o: $(O)/resolver/unicase.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

unit: $(addprefix $(O)/,$(UNIT_TESTS) $(TOOLS_BIN))

# wasm fixtures for test_native (assembled with binaryen's wasm-as)
unit: $(O)/fixtures/native/.stamp
$(O)/fixtures/native/.stamp: tests/fixtures/native/build $(wildcard tests/fixtures/native/*.wat)
	tests/fixtures/native/build $(@D) && touch $@

# wasm variant fixtures for test_wasm (wasm-as, clang --target=wasm32-wasi)
unit: $(O)/fixtures/wasm/.stamp
$(O)/fixtures/wasm/.stamp: tests/fixtures/wasm/build tests/fixtures/wasm/make-pyodide-wheel $(wildcard tests/fixtures/wasm/*.wat tests/fixtures/wasm/*.c)
	tests/fixtures/wasm/build $(@D) && touch $@

check: deps
	$(MAKE) all unit
	-$(MAKE) fuzz-build
	-$(MAKE) wasi-python
	$(MAKE) check-only

# ---- fuzzing: tests/fuzz/fuzz_<x>.c, libFuzzer harnesses built with clang
# into $(FUZZ_O) (the library objects too, instrumented, with ASan and
# UBSan). `make fuzz` runs each for FUZZ_SECONDS on a corpus seeded from the
# test fixtures; tests/suites/fuzz runs each for 5 s under `make check`
# (skipped without clang's libFuzzer). `make fuzz-long` is for long runs:
# the same harnesses without ASan and UBSan (into $(FUZZ_FAST_O), several
# times the executions a second) grow the same corpus for FUZZ_SECONDS
# each, then every input of it is run once through the ASan+UBSan+LSan
# build, so nothing the fast build found goes unchecked by the sanitizers.
FUZZ_HARNESSES = pep440 pep508 reqfile imports metadata pyproject index native wheelname rules archive
FUZZ_O = build/fuzz
FUZZ_FAST_O = build/fuzz-fast
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FUZZ_FAST_CFLAGS = -O2 -g -fsanitize=fuzzer-no-link

fuzz-build:
	@$(MAKE) fuzz-build-in FUZZ_IN=$(FUZZ_O) FUZZ_IN_CFLAGS="$(FUZZ_CFLAGS)"

fuzz-fast-build:
	@$(MAKE) fuzz-build-in FUZZ_IN=$(FUZZ_FAST_O) FUZZ_IN_CFLAGS="$(FUZZ_FAST_CFLAGS)"

fuzz-build-in:
	@if echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' | \
	    clang -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then \
		$(MAKE) CC=clang DEVELOPER= O=$(FUZZ_IN) BIN=$(FUZZ_IN)/bin CFLAGS="$(FUZZ_IN_CFLAGS)" fuzz-harnesses; \
	else echo "fuzz: clang with libFuzzer not found (tools/install-deps installs it)"; fi

fuzz-harnesses: $(addprefix $(O)/tests/fuzz/fuzz_,$(FUZZ_HARNESSES))

$(O)/tests/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(addprefix $(O)/,$(LIB_OBJS))
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(addprefix $(O)/,$(LIB_OBJS)) $(LIBS)

fuzz: fuzz-build
	FUZZ_O=$(FUZZ_O) tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

fuzz-long: fuzz-build fuzz-fast-build
	FUZZ_O=$(FUZZ_FAST_O) FUZZ_CORPUS=$(FUZZ_O)/corpus tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_HARNESSES)
	FUZZ_O=$(FUZZ_O) tests/fuzz/run 0 $(FUZZ_HARNESSES)

check-only:
	O=$(O) BIN=$(BIN) UNIT_TESTS="$(UNIT_TESTS)" tests/run-all

# LeakSanitizer too: a leak on any path the suite takes fails the run
asan: export ASAN_OPTIONS := detect_leaks=1:$(ASAN_OPTIONS)
asan:
	$(MAKE) O=build/asan BIN=build/asan/bin \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		check

demo: deps
	$(MAKE) all
	tests/fixtures/make-corpus -q -r examples/requirements.txt examples/wheels
	$(BIN)/pymode-audit --no-index --find-links examples/wheels -r examples/requirements.txt examples/app
	$(BIN)/pymode-bundle examples/app --no-index --find-links examples/wheels -r examples/requirements.txt \
		--stdlib node_modules/pyodide/python_stdlib.zip -o $(O)/demo-bundle --verify

fixtures:
	tests/fixtures/make-corpus -q
	tests/fixtures/make-synthetic $(O)/fixtures/synthetic

deps:
	tools/install-deps

first-build: deps
	$(MAKE) all

# CPython 3.13 for wasm32-wasi (tools/build-wasi-python): built once per
# machine into /var/cache/pymode-pkg/wasi-python (PYMODE_WASI_CACHE), reused
# while the script and the trixie root's packages are unchanged. `make check`
# tries it; where it cannot build (not root, no network) the wasm suites
# print why they skip.
wasi-python:
	tools/build-wasi-python

# the README's two commands in a clean Debian 12 root (debootstrap; root only)
fresh-check:
	tools/fresh-check

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN)/pymode-pkg $(DESTDIR)$(PREFIX)/bin/pymode-pkg
	for l in $(LINKS); do ln -sf pymode-pkg $(DESTDIR)$(PREFIX)/bin/$$l; done
	install -d $(DESTDIR)$(PREFIX)/share/pymode-pkg/verify
	install -m 644 bundler/verify/verify_native.py bundler/verify/verify_child.py \
		bundler/verify/verify_pyodide.mjs bundler/verify/verify_wasi.mjs bundler/verify/zlib_inflate.py \
		bundler/verify/handler_args.mjs bundler/verify/verify_workerd.mjs bundler/verify/workerd-bundle.mjs \
		bundler/verify/workerd-kv.mjs bundler/verify/batch.mjs bundler/verify/pyodide-boot-modules.txt \
		$(DESTDIR)$(PREFIX)/share/pymode-pkg/verify/
	cp -R bundler/verify/standins $(DESTDIR)$(PREFIX)/share/pymode-pkg/verify/
	-install -m 644 docs/man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/ 2>/dev/null

clean:
	rm -rf build bin

.PHONY: all unit check check-only fixtures asan demo deps first-build fresh-check wasi-python install clean ship-figures fuzz fuzz-long fuzz-build fuzz-fast-build fuzz-build-in fuzz-harnesses
-include $(shell find $(O) -name '*.d' 2>/dev/null)
