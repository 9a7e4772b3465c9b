# tanbook (碳账本) - build, test and run.
#
#   make          build ./tanbook
#   make deps     install the Debian packages the build and the tests need (apt-get; sudo when not root)
#   make run      install missing Debian packages, build, open the built-in demo workbook
#   make check    build, run every test (make deps first on a new machine: make deps check)
#   make install  install the binary, the man page and the bash completion under PREFIX
#                 (/usr/local; BINDIR, MANDIR, BASHCOMPDIR, DESTDIR as usual); make uninstall
#   make bench    print performance figures
#   make asan     run the unit and CLI tests under AddressSanitizer and UBSan
#   make valgrind run the unit tests and the fuzz corpora under valgrind
#   make fuzz     fuzz the text parsers and the edit-history parser with libFuzzer (clang),
#                 FUZZ_SECONDS each target
#   make stress   the long forms: CRASH_KILLS kill -9 during edits, a short fuzz run
#   V=1           show the full commands

Q := $(if $(V),,@)
BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
WARN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wformat=2 -Wvla -Wundef
ifeq ($(CI),true)
WARN += -Werror
endif
ALL_CPPFLAGS := -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc -I$(BUILD) $(CPPFLAGS)
# The version is written once: the newest "## x.y.z - DATE" heading of CHANGELOG.md.
VERSION := $(shell sed -n 's/^\#\# \([0-9][0-9.]*\) .*/\1/p' CHANGELOG.md | head -n 1)
ALL_CFLAGS := $(WARN) $(CFLAGS) -MMD -MP
# pkg-config answers once `make deps` has installed the -dev packages; the fallbacks cover a bare machine.
XLSX_LIBS := $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz)
CURSES_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
# libpq for src/pg/ only (its headers are in a directory of their own on Debian)
PG_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
PG_LIBS := $(shell pkg-config --libs libpq 2>/dev/null || echo -lpq)
LDLIBS := $(XLSX_LIBS) $(CURSES_LIBS) $(PG_LIBS) -lsqlite3 -lm

# Debian packages the build, the tests and the tools need.
DEB_PACKAGES := gcc make pkg-config libc6-dev libsqlite3-dev libncurses-dev \
                libxlsxwriter-dev zlib1g-dev libcmocka-dev tmux python3 python3-openpyxl \
                time bc procps valgrind groff-base libpq-dev postgresql

# src/ has one folder per layer (README "Layout"); every .c of them but the build tool goes in the library.
LAYERS := base data core store book export pg sheet cli tui
LIB_SRC := $(filter-out src/base/embedgen.c,$(sort $(wildcard $(LAYERS:%=src/%/*.c))))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
DATA := $(sort $(wildcard forms/*.tsv factors/*.tsv))
UNIT_TESTS := $(patsubst tests/%.c,$(BUILD)/%,$(sort $(wildcard tests/test_*.c)))
CLI_TESTS := $(filter-out tests/cli/lib.sh,$(sort $(wildcard tests/cli/*.sh)))
TUI_TESTS := $(filter-out tests/tui/lib.sh,$(sort $(wildcard tests/tui/*.sh)))
ARCH_TESTS := tests/layers.sh
# Each tests/fuzz_NAME.c is a libFuzzer target with its corpus in tests/fuzz/NAME/; make check
# replays the corpus with a plain main() (tests/fuzz_replay.c), so whatever a fuzz run found stays a test.
FUZZ_TARGETS := $(patsubst tests/fuzz_%.c,%,$(filter-out tests/fuzz_replay.c,$(sort $(wildcard tests/fuzz_*.c))))
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(BUILD)/fuzz_replay_%)

.PHONY: all deps deps-present run check test bench asan valgrind fuzz fuzz-lib stress install uninstall clean

BIN ?= tanbook
export TANBOOK := $(abspath $(BIN))
ENOSPC_SO := $(BUILD)/enospc.so
export TANBOOK_ENOSPC := $(abspath $(ENOSPC_SO))
# tests/cli/cli_pg.sh runs it against the PostgreSQL server it starts
export TANBOOK_PG_TEST := $(abspath $(BUILD)/test_pg)

all: $(BIN)

$(BIN): $(BUILD)/main.o $(BUILD)/libtanbook.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libtanbook.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/pg/%.o: ALL_CPPFLAGS += $(PG_CFLAGS)

$(BUILD)/%.o: src/%.c | $(BUILD)/version.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# Rewritten only when the version changes, so a CHANGELOG edit rebuilds nothing else.
$(BUILD)/version.h: CHANGELOG.md | $(BUILD)
	$(Q)printf '/* generated from CHANGELOG.md; do not edit */\n#define TANBOOK_VERSION "%s"\n' \
	    '$(VERSION)' >$@.tmp && { cmp -s $@.tmp $@ && rm -f $@.tmp || mv -f $@.tmp $@; }

$(BUILD)/embedgen: src/base/embedgen.c | $(BUILD)
	$(Q)$(CC) $(WARN) -O1 -o $@ $<

$(BUILD)/embedded.c: $(BUILD)/embedgen $(DATA)
	@echo "  EMBED   forms/ factors/"
	$(Q)$(BUILD)/embedgen $@ $(DATA)

$(BUILD)/embedded.o: $(BUILD)/embedded.c | $(BUILD)/version.h
	$(Q)$(CC) $(ALL_CPPFLAGS) -std=c11 $(CFLAGS) -c -o $@ $<

$(BUILD)/test_%: tests/test_%.c $(BUILD)/libtanbook.a | $(BUILD)/version.h
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtanbook.a $(LDLIBS) -lcmocka

$(BUILD)/fuzz_replay_%: tests/fuzz_replay.c tests/fuzz_%.c $(BUILD)/libtanbook.a | $(BUILD)/version.h
	@echo "  CC      $@"
	$(Q)$(CC) $(ALL_CPPFLAGS) -DFUZZ_CORPUS='"tests/fuzz/$*"' $(ALL_CFLAGS) -o $@ tests/fuzz_replay.c \
	    tests/fuzz_$*.c $(BUILD)/libtanbook.a $(LDLIBS)

# For the tests only: an LD_PRELOAD library that makes a directory's disk fill up
# (tests/cli/cli_export_full.sh). Built without CFLAGS, so never with a sanitizer.
$(ENOSPC_SO): tests/fixtures/enospc.c | $(BUILD)
	@echo "  CC      $<"
	$(Q)$(CC) $(WARN) -O1 -g -shared -fPIC -o $@ $< -ldl

$(BUILD):
	$(Q)mkdir -p $@

# The shell words that set $missing to the packages of DEB_PACKAGES this machine lacks.
FIND_MISSING = missing=""; for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done

# Installs what DEB_PACKAGES lists and the machine lacks (apt-get; sudo when not root).
deps:
	$(Q)$(FIND_MISSING); \
	if [ -n "$$missing" ]; then \
	    echo "  DEPS   $$missing"; \
	    sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# What check does instead of installing: names the packages missing, so the build does not fail
# on a header it cannot find.
deps-present:
	$(Q)$(FIND_MISSING); \
	if [ -n "$$missing" ]; then \
	    echo "make: missing Debian packages:$$missing; run 'make deps' (or: make deps check)" >&2; exit 1; \
	fi

run: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)
	./$(BIN) --demo

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

# The man page carries the version of the binary it is installed with.
install: $(BIN)
	$(Q)install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	$(Q)install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/tanbook
	$(Q)sed 's/@VERSION@/$(VERSION)/' man/tanbook.1 >$(DESTDIR)$(MANDIR)/man1/tanbook.1 && \
	    chmod 644 $(DESTDIR)$(MANDIR)/man1/tanbook.1
	$(Q)install -m 644 man/tanbook.bash $(DESTDIR)$(BASHCOMPDIR)/tanbook
	@echo "  INSTALL $(DESTDIR)$(BINDIR)/tanbook $(DESTDIR)$(MANDIR)/man1/tanbook.1 $(DESTDIR)$(BASHCOMPDIR)/tanbook"

uninstall:
	$(Q)rm -f $(DESTDIR)$(BINDIR)/tanbook $(DESTDIR)$(MANDIR)/man1/tanbook.1 $(DESTDIR)$(BASHCOMPDIR)/tanbook

check: deps-present
	$(Q)$(MAKE) --no-print-directory test

test: $(BIN) $(UNIT_TESTS) $(FUZZ_REPLAY) $(ENOSPC_SO)
	$(Q)tests/run-tests.sh $(UNIT_TESTS) $(FUZZ_REPLAY) $(ARCH_TESTS) $(CLI_TESTS) $(TUI_TESTS)

# The bench's peers need the sqlite3 shell and python3-xlsxwriter besides what the tests need.
BENCH_PACKAGES := sqlite3 python3-xlsxwriter

bench:
	$(Q)$(MAKE) --no-print-directory deps DEB_PACKAGES="$(DEB_PACKAGES) $(BENCH_PACKAGES)"
	$(Q)$(MAKE) --no-print-directory $(BIN) $(BUILD)/bench_reload $(BUILD)/bench_xlsx
	$(Q)BENCH_RELOAD=$(abspath $(BUILD)/bench_reload) tests/bench.sh
	$(Q)tests/bench_rollup.sh
	$(Q)BENCH_XLSX=$(abspath $(BUILD)/bench_xlsx) tests/bench_peers.sh

# The minimal libxlsxwriter program the export is measured against (tests/bench_peers.sh).
$(BUILD)/bench_xlsx: tests/bench_xlsx.c | $(BUILD)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/bench_reload: tests/bench_reload.c $(BUILD)/libtanbook.a
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtanbook.a $(LDLIBS)

# A sanitizer's report exits 86, never 1 or 3: a test expecting a refusal (exit 1) would otherwise
# pass on a crash.
asan:
	$(Q)ASAN_OPTIONS=exitcode=86 UBSAN_OPTIONS=halt_on_error=1:exitcode=86 \
	    $(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/tanbook \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" test

# Every error is fatal (definite leaks included); the unit tests and corpus replays only, as the
# shell tests would run valgrind's own programs.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            --track-origins=yes
valgrind: $(UNIT_TESTS) $(FUZZ_REPLAY)
	$(Q)RUN_UNDER="$(VALGRIND)" tests/run-tests.sh $(UNIT_TESTS) $(FUZZ_REPLAY)

# The library built once with clang for libFuzzer (build-fuzz/), each target linked against it.
# New inputs go to build-fuzz/corpus-NAME; a crash, leak or hang found is written into
# tests/fuzz/NAME/ (crash-*, leak-*, timeout-*), where make check replays it from then on.
# To keep what a long run found: build-fuzz/fuzz_NAME -merge=1 tests/fuzz/NAME build-fuzz/corpus-NAME
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SEEDS_parsers := forms factors tests/fixtures
fuzz: $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	$(Q)for t in $(FUZZ_TARGETS); do \
	    mkdir -p build-fuzz/corpus-$$t || exit 1; \
	    seeds=tests/fuzz/$$t; [ "$$t" = parsers ] && seeds="$$seeds $(FUZZ_SEEDS_parsers)"; \
	    echo "  FUZZ    $$t ($(FUZZ_SECONDS) s)"; \
	    build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	        -print_final_stats=1 -artifact_prefix=tests/fuzz/$$t/ build-fuzz/corpus-$$t $$seeds \
	        2>build-fuzz/fuzz_$$t.log || { tail -40 build-fuzz/fuzz_$$t.log; exit 1; }; \
	    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' build-fuzz/fuzz_$$t.log; \
	done

fuzz-lib:
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    CFLAGS="-g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN)" build-fuzz/libtanbook.a

build-fuzz/fuzz_%: tests/fuzz_%.c fuzz-lib
	@echo "  LD      $@"
	$(Q)clang -std=c11 -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	    -Isrc -Ibuild-fuzz -o $@ $< build-fuzz/libtanbook.a $(LDLIBS)

# The long forms, run once before a release: a thousand kills during edits; a few seconds of each
# fuzz target when clang has libFuzzer.
CRASH_KILLS ?= 1000
STRESS_FUZZ_SECONDS ?= 10
stress: $(BIN)
	$(Q)CRASH_KILLS=$(CRASH_KILLS) tests/run-tests.sh tests/tui/tui_crash.sh
	$(Q)if echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' \
	        | clang -x c -fsanitize=fuzzer -o build/.fuzz-probe - 2>/dev/null; then \
	    rm -f build/.fuzz-probe; $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(STRESS_FUZZ_SECONDS); \
	else echo "  FUZZ    skipped: clang with -fsanitize=fuzzer is not available"; fi

clean:
	rm -rf build build-asan build-fuzz tanbook

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d)
