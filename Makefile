# liq - liquidation heatmaps from exchange dumps.
# make            build the programs into bin/
# make demo       build, then run the pipeline on sample-data/ into demo/
# make check      build and run every test (ends with "N passed, N failed")
# make bench      speed and memory against decompression and other tools
# make asan       the tests on an AddressSanitizer+UBSan build
# make lint       -Wconversion -Wsign-conversion -Werror build and cppcheck
# make install    PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
VERSION = 0.1
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-format-truncation
ifeq ($(WERROR),1)
WARN += -Werror
endif
BUILD ?= build
BIN ?= bin

-include $(BUILD)/config.mk

ifeq ($(HAVE_ISAL),1)
ISAL_CPPFLAGS = -DLIQ_HAVE_ISAL
ISAL_LIBS = -lisal
endif

ALL_CFLAGS = $(WARN) $(CFLAGS) $(ISAL_CPPFLAGS) -pthread -Ilib
LIBS = -lcsv $(ISAL_LIBS) -lz -lm -pthread

# lib/*.c and lib/*/*.c make libliq.a; cmd/*.c that are not a program
# (cmd/liq-*.c) make libprog.a, the code every program shares.
LIB_SRC = $(wildcard lib/*.c lib/*/*.c)
LIB_HDR = $(wildcard lib/*.h lib/*/*.h)
# data built into the library: each text file becomes a generated C
# source by mk/embed.sh (sh and awk), so programs need no data path
DATA = lib/brackets/binance-usdm.txt
DATADIR ?= $(PREFIX)/share/liq
GEN_OBJ = $(BUILD)/gen/brackets_usdm.o
LIB_OBJ = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o) $(GEN_OBJ)
PROG_SRC = $(filter-out cmd/liq-%.c,$(wildcard cmd/*.c))
PROG_OBJ = $(PROG_SRC:cmd/%.c=$(BUILD)/cmd/%.o)
PROG_LIB = $(if $(PROG_OBJ),$(BUILD)/libprog.a)
PROGS = $(patsubst cmd/%.c,%,$(wildcard cmd/liq-*.c))
PROG_BIN = $(PROGS:%=$(BIN)/%)
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
MAN7 = $(wildcard man/*.7)
UNIT_BIN = $(patsubst tests/unit/%.c,$(BUILD)/t-%,$(wildcard tests/unit/*.c))
DEMO_IN = sample-data/BTCUSDT-aggTrades-*.zip sample-data/BTCUSDT-metrics-*.zip \
	sample-data/BTCUSDT-fundingRate-*.zip

all: $(PROG_BIN) $(BIN)/liq-gen

# Only checks (make never installs, except through the two README
# commands below); a missing library is named with the command to run.
$(BUILD)/config.mk: mk/deps.sh
	@mkdir -p $(BUILD)
	@sh mk/deps.sh need build
	sh mk/deps.sh config > $@.tmp && mv $@.tmp $@

$(BUILD)/lib/%.o: lib/%.c $(LIB_HDR) $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/gen/brackets_usdm.c: lib/brackets/binance-usdm.txt mk/embed.sh
	@mkdir -p $(@D)
	sh mk/embed.sh liq__brackets_usdm lib/brackets/binance-usdm.txt > $@.tmp
	mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c lib/brackets_int.h $(BUILD)/config.mk
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libliq.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/cmd/%.o: cmd/%.c cmd/*.h lib/liq.h lib/liq_*.h $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DLIQ_VERSION='"$(VERSION)"' -c $< -o $@

$(BUILD)/libprog.a: $(PROG_OBJ)
	rm -f $@
	ar rcs $@ $(PROG_OBJ)

$(BIN)/%: cmd/%.c cmd/*.h lib/liq.h lib/liq_*.h $(PROG_LIB) $(BUILD)/libliq.a
	@mkdir -p $(BIN)
	$(CC) $(ALL_CFLAGS) -DLIQ_VERSION='"$(VERSION)"' $< $(PROG_LIB) \
		$(BUILD)/libliq.a $(LDFLAGS) $(LIBS) -o $@

$(BIN)/liq-gen: sample-data/liq-gen.c $(BUILD)/config.mk
	@mkdir -p $(BIN)
	$(CC) $(WARN) $(CFLAGS) $< $(LDFLAGS) -lz -lm -o $@

$(BUILD)/t-%: tests/unit/%.c tests/unit/tap.h $(LIB_HDR) $(BUILD)/libliq.a
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes $< $(BUILD)/libliq.a \
		$(LDFLAGS) $(LIBS) -o $@

# The two README commands: as root they first apt-get install what is
# missing (mk/deps.sh), then build and run with the configuration that
# gives (a sub-make, so build/config.mk is read after the install).
check demo:
	@sh mk/deps.sh install $@
	@mkdir -p $(BUILD)
	@sh mk/deps.sh config > $(BUILD)/config.mk.new
	@cmp -s $(BUILD)/config.mk.new $(BUILD)/config.mk || \
		mv $(BUILD)/config.mk.new $(BUILD)/config.mk
	@rm -f $(BUILD)/config.mk.new
	@$(MAKE) --no-print-directory $@-run

$(BUILD)/check-deps: mk/deps.sh
	@mkdir -p $(BUILD)
	@sh mk/deps.sh need check && touch $@

# small test tools (tests/tools/mkgrid.c: a grid from a text description)
$(BUILD)/mkgrid: tests/tools/mkgrid.c lib/liq.h $(BUILD)/libliq.a
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libliq.a $(LDFLAGS) $(LIBS) -o $@

$(BUILD)/mkbars: tests/tools/mkbars.c lib/liq.h $(BUILD)/libliq.a
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libliq.a $(LDFLAGS) $(LIBS) -o $@

$(BUILD)/events-lift: tests/tools/events-lift.c lib/liq.h lib/liq_events.h $(BUILD)/libliq.a
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libliq.a $(LDFLAGS) $(LIBS) -o $@

$(BUILD)/gridprefix: tests/tools/gridprefix.c lib/liq.h $(BUILD)/libliq.a
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libliq.a $(LDFLAGS) $(LIBS) -o $@

check-run: all $(UNIT_BIN) $(BUILD)/mkgrid $(BUILD)/mkbars $(BUILD)/events-lift $(BUILD)/gridprefix $(BUILD)/rss $(BUILD)/check-deps
	@sh tests/run.sh $(BIN) $(BUILD)

demo-run: all
	@mkdir -p demo
	$(BIN)/liq-ingest -o demo/btc.bars $(DEMO_IN)
	$(BIN)/liq-estimate -o demo/btc.grid --series demo/series.csv demo/btc.bars
	$(BIN)/liq-cluster --top 3 --quantile 0.95 -o demo/zones.csv demo/btc.grid
	$(BIN)/liq-cluster --walls --range 10 -o demo/walls.csv demo/btc.grid
	$(BIN)/liq-render-ppm --profile --panel oi,funding -o demo/heatmap.ppm demo/btc.grid
	$(BIN)/liq-render-ppm --profile --panel oi,funding -o demo/heatmap.png demo/btc.grid
	$(BIN)/liq-estimate -q --by-leverage --step 1h -o demo/btc-lev.grid demo/btc.bars
	$(BIN)/liq-render-ppm --map -o demo/liqmap.png demo/btc-lev.grid
	cp demo/heatmap.png sample-data/heatmap.png
	cp demo/liqmap.png sample-data/liqmap.png
	@echo "demo: wrote demo/btc.bars, demo/btc.grid, demo/series.csv," \
		"demo/zones.csv, demo/walls.csv, demo/heatmap.ppm," \
		"demo/heatmap.png, demo/btc-lev.grid (a layer pair per leverage" \
		"tier) and its liquidation map demo/liqmap.png (the PNGs copied" \
		"to sample-data/ for the README)"
	@echo "liquidation zones at the last snapshot, the end of the data (demo/zones.csv):"
	@column -s, -t demo/zones.csv 2>/dev/null || cat demo/zones.csv

$(BUILD)/rss: tests/tools/rss.c
	$(CC) $(WARN) $(CFLAGS) $< -o $@

bench: all $(BUILD)/check-deps $(BUILD)/rss $(BUILD)/mkbars $(BUILD)/mkgrid
	@sh tests/bench/bench.sh $(BIN) $(BUILD)

asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/bin \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" check

# make lint: every C file compiled once more with -Wconversion
# -Wsign-conversion -Werror into build-lint/ (objects only, never linked;
# with ISA-L, the files that use it also without), then cppcheck over the
# same files.  Its findings are fixed in the code; an inline
# "cppcheck-suppress ID ; why" marks a false positive, and the
# suppressions below are checker noise, one reason each.
LINT = build-lint
LINT_SRC = $(LIB_SRC) $(wildcard cmd/*.c) sample-data/liq-gen.c \
	$(wildcard tests/tools/*.c tests/unit/*.c fuzz/*.c)
LINT_NOISAL = $(if $(HAVE_ISAL),$(shell grep -l -e LIQ_HAVE_ISAL \
	-e endian_int.h $(LIB_SRC)))
LINT_OBJ = $(LINT_SRC:%.c=$(LINT)/%.o) $(LINT_NOISAL:%.c=$(LINT)/noisal/%.o)
LINT_CFLAGS = $(WARN) -Wconversion -Wsign-conversion -Werror $(CFLAGS) \
	-pthread -Ilib -Icmd -DLIQ_VERSION='"$(VERSION)"'
# cppcheck is not given the system headers, and needs none of them
CPPCHECK_SUPPRESS = --suppress=missingIncludeSystem
# style advice only: the house style declares a function's locals at its top
CPPCHECK_SUPPRESS += --suppress=variableScope
# out_check is only called with compound-literal arguments, which cppcheck
# does not see as calls (an inline suppression is not honoured for this check)
CPPCHECK_SUPPRESS += --suppress=unusedFunction:cmd/outcheck.c

$(LINT)/%.o: %.c $(LIB_HDR) cmd/*.h fuzz/*.h $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(CC) $(LINT_CFLAGS) $(ISAL_CPPFLAGS) \
		$(if $(filter tests/unit/% fuzz/%,$<),-Wno-missing-prototypes) \
		-c $< -o $@

$(LINT)/noisal/%.o: %.c $(LIB_HDR) $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(CC) $(LINT_CFLAGS) -c $< -o $@

# the tests and fuzz harnesses are read too, so that cppcheck sees the
# callers of the library's functions
lint: $(LINT_OBJ)
	cppcheck --quiet --error-exitcode=1 --enable=all --std=c11 \
		--inline-suppr $(CPPCHECK_SUPPRESS) -Ilib -Icmd $(LINT_SRC)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	for p in $(PROGS); do install -m 755 $(BIN)/$$p $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MAN1); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN5); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man5/; done
	for m in $(MAN7); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/; done
	mkdir -p $(DESTDIR)$(DATADIR)
	for d in $(DATA); do install -m 644 $$d $(DESTDIR)$(DATADIR)/; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#man/}; done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${m#man/}; done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${m#man/}; done
	for d in $(DATA); do rm -f $(DESTDIR)$(DATADIR)/$${d##*/}; done
	-rmdir $(DESTDIR)$(DATADIR) 2> /dev/null

clean:
	rm -rf build build-asan build-lint bin demo

.PHONY: all check check-run demo demo-run bench asan lint install uninstall clean

# extra targets (fuzz, memcheck) kept in their own files
-include mk/*.mk
