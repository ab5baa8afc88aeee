# pymode-pkg: one flat Makefile. Settings first; every library via pkg-config.
#   make               build bin/pymode-pkg and its links
#   make check         build and run every test (unit, end-to-end, corpus)
#   make asan          the same under AddressSanitizer + UBSan
#   make demo          audit the bundled examples/
#   make deps          apt-get install every build and test dependency
#   make install PREFIX=/usr/local
#   DEVELOPER=1        turn warnings into errors

PREFIX ?= /usr/local
CC ?= cc
CFLAGS ?= -O2 -g
O ?= build
BIN ?= bin

PKGS = libzip libarchive sqlite3 yaml-0.1 libcurl libbrotlienc libbrotlidec zlib
WARN = -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-sign-compare
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
VERSION = 0.1.0
ALL_CFLAGS = -DPYMODE_VERSION=\"$(VERSION)\" -std=c11 -D_GNU_SOURCE -I. $(WARN) $(PKG_CFLAGS) $(CFLAGS)
LIBS = $(PKG_LIBS) -lbinaryen -lm

# ---- object lists: one variable per folder; add a line when adding a file
COMMON_OBJS = common/alloc.o common/strbuf.o common/arena.o common/strmap.o \
	common/json.o common/text.o

SCANNER_OBJS =
# lexer, imports, conditions, sdist build detection
SCANNER_OBJS +=
# native binaries, metadata, wheel names, RECORD, sha256
SCANNER_OBJS +=
# archives, trees and distributions
SCANNER_OBJS +=

# rule database
POLYFILL_OBJS =
# verdicts
POLYFILL_OBJS +=

REPORTS_OBJS =

# PEP 440, PEP 508, requirements files
RESOLVER_OBJS =

CLI_OBJS = cli/main.o cli/util.o
# rules subcommand
CLI_OBJS +=
# audit and imports subcommands
CLI_OBJS +=

LIB_OBJS = $(COMMON_OBJS) $(SCANNER_OBJS) $(POLYFILL_OBJS) $(RESOLVER_OBJS) $(REPORTS_OBJS)

# ---- unit tests: tests/unit/test_<x>.c, one binary each
UNIT_TESTS = tests/unit/test_common
# lexer, imports, conditions, sdist
UNIT_TESTS +=
# native, metadata
UNIT_TESTS +=
# rules
UNIT_TESTS +=
# resolver leaves
UNIT_TESTS +=
# archives, distributions, verdicts
UNIT_TESTS +=

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

$(O)/tests/unit/%: tests/unit/%.c $(addprefix $(O)/,$(LIB_OBJS))
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -o $@ $< $(addprefix $(O)/,$(LIB_OBJS)) $(LIBS)

unit: $(addprefix $(O)/,$(UNIT_TESTS))

check: deps
	$(MAKE) all unit
	$(MAKE) check-only

check-only:
	O=$(O) BIN=$(BIN) UNIT_TESTS="$(UNIT_TESTS)" tests/run-all

asan:
	$(MAKE) O=build/asan BIN=build/asan/bin \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		check

demo: all
	tests/fixtures/examples-setup
	-$(BIN)/pymode-audit examples/

deps:
	tools/install-deps

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN)/pymode-pkg $(DESTDIR)$(PREFIX)/bin/pymode-pkg
	for l in $(LINKS); do ln -sf pymode-pkg $(DESTDIR)$(PREFIX)/bin/$$l; done
	-install -m 644 docs/man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/ 2>/dev/null

clean:
	rm -rf build bin

.PHONY: all unit check check-only asan demo deps install clean
-include $(shell find $(O) -name '*.d' 2>/dev/null)
