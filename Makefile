# tanbook (碳账本) - build, test and run.
#
#   make          build ./tanbook
#   make run      install missing Debian packages, build, open the built-in demo workbook
#   make check    install missing Debian packages, build, run every test
#   make bench    print performance figures
#   make asan     run the unit and CLI tests under AddressSanitizer and UBSan
#   make fuzz     fuzz the text parsers with libFuzzer (clang), FUZZ_SECONDS each run
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
LDLIBS := $(XLSX_LIBS) $(CURSES_LIBS) -lsqlite3 -lm

# Debian packages the build, the tests and the tools need.
DEB_PACKAGES := gcc make pkg-config libc6-dev libsqlite3-dev libncurses-dev \
                libxlsxwriter-dev zlib1g-dev libcmocka-dev tmux python3 python3-openpyxl \
                time bc procps

# src/ has one folder per layer (README "Layout"); every .c of them but the build tool goes in the library.
LAYERS := base data core store book export sheet cli tui
LIB_SRC := $(filter-out src/base/embedgen.c,$(sort $(wildcard $(LAYERS:%=src/%/*.c))))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/embedded.o
DATA := $(sort $(wildcard forms/*.tsv factors/*.tsv))
UNIT_TESTS := $(patsubst tests/%.c,$(BUILD)/%,$(sort $(wildcard tests/test_*.c)))
CLI_TESTS := $(filter-out tests/cli/lib.sh,$(sort $(wildcard tests/cli/*.sh)))
TUI_TESTS := $(filter-out tests/tui/lib.sh,$(sort $(wildcard tests/tui/*.sh)))
ARCH_TESTS := tests/layers.sh

.PHONY: all deps run check test bench asan fuzz clean

BIN ?= tanbook
export TANBOOK := $(abspath $(BIN))
ENOSPC_SO := $(BUILD)/enospc.so
export TANBOOK_ENOSPC := $(abspath $(ENOSPC_SO))

all: $(BIN)

$(BIN): $(BUILD)/main.o $(BUILD)/libtanbook.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libtanbook.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

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

# For the tests only: an LD_PRELOAD library that makes a directory's disk fill up
# (tests/cli/cli_export_full.sh). Built without CFLAGS, so never with a sanitizer.
$(ENOSPC_SO): tests/fixtures/enospc.c | $(BUILD)
	@echo "  CC      $<"
	$(Q)$(CC) $(WARN) -O1 -g -shared -fPIC -o $@ $< -ldl

$(BUILD):
	$(Q)mkdir -p $@

# Installs what DEB_PACKAGES lists and the machine lacks (apt-get; sudo when not root).
deps:
	$(Q)missing=""; for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "  DEPS   $$missing"; \
	    sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

run: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)
	./$(BIN) --demo

check: deps
	$(Q)$(MAKE) --no-print-directory test

test: $(BIN) $(UNIT_TESTS) $(ENOSPC_SO)
	$(Q)tests/run-tests.sh $(UNIT_TESTS) $(ARCH_TESTS) $(CLI_TESTS) $(TUI_TESTS)

bench: deps
	$(Q)$(MAKE) --no-print-directory $(BIN) $(BUILD)/bench_reload
	$(Q)BENCH_RELOAD=$(abspath $(BUILD)/bench_reload) tests/bench.sh

$(BUILD)/bench_reload: tests/bench_reload.c $(BUILD)/libtanbook.a
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtanbook.a $(LDLIBS)

asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/tanbook \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" test

FUZZ_SECONDS ?= 60
fuzz: $(BUILD)/embedded.c $(BUILD)/version.h
	$(Q)mkdir -p build-fuzz/corpus
	$(Q)clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined $(ALL_CPPFLAGS) \
	    -o build-fuzz/fuzz_parsers tests/fuzz_parsers.c $(LIB_SRC) $(BUILD)/embedded.c $(LDLIBS)
	$(Q)cd build-fuzz && ./fuzz_parsers -max_total_time=$(FUZZ_SECONDS) -max_len=4096 corpus \
	    ../forms ../factors ../tests/fixtures ../tests/fuzz/csv

clean:
	rm -rf build build-asan build-fuzz tanbook

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d)
