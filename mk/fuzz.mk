# fuzz.mk - libFuzzer harnesses (fuzz/*.c) and the valgrind run.
#   make fuzz [FUZZ_TIME=60] [FUZZ=input]   build every harness (or those
#                     named in FUZZ) and run each for FUZZ_TIME seconds
#   make fuzz-build   only build them, into $(BUILD)/fuzz/bin/
#   make memcheck     valgrind over the programs on sample-data/
# The library is compiled again with the fuzzer's instrumentation into
# $(BUILD)/fuzz/obj/.  Seed corpora are made by fuzz/seeds.sh from
# sample-data/, ../shared/data/ (when present) and small fixtures, into
# $(BUILD)/fuzz/seeds/NAME; what the fuzzer learns is kept in
# $(BUILD)/fuzz/corpus/NAME and crashing inputs in $(BUILD)/fuzz/crash/NAME.
# Keep a crash as a regression test under tests/regress/NAME/.

FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = $(filter-out -Wno-format-truncation,$(ALL_CFLAGS)) -O1 -g $(FUZZ_SAN)
FUZZ_OPTS ?= -rss_limit_mb=2560 -timeout=20 -max_len=65536
FUZZ_DIR = $(BUILD)/fuzz
FUZZ_ALL = $(patsubst fuzz/%.c,%,$(wildcard fuzz/*.c))
FUZZ ?= $(FUZZ_ALL)
FUZZ_OBJ = $(LIB_SRC:lib/%.c=$(FUZZ_DIR)/obj/%.o) \
	$(FUZZ_DIR)/obj/gen/brackets_usdm.o
FUZZ_BIN = $(FUZZ_ALL:%=$(FUZZ_DIR)/bin/%)

$(FUZZ_DIR)/obj/%.o: lib/%.c $(LIB_HDR) $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/obj/gen/%.o: $(BUILD)/gen/%.c lib/brackets_int.h $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/libliq-fuzz.a: $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_OBJ)

$(FUZZ_DIR)/bin/%: fuzz/%.c fuzz/common.h $(LIB_HDR) $(FUZZ_DIR)/libliq-fuzz.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-missing-prototypes -fsanitize=fuzzer \
		$< $(FUZZ_DIR)/libliq-fuzz.a $(LIBS) -o $@

$(FUZZ_DIR)/seeds/stamp: fuzz/seeds.sh $(BIN)/liq-ingest $(BIN)/liq-estimate \
	$(BUILD)/mkgrid
	sh fuzz/seeds.sh $(FUZZ_DIR)/seeds $(BIN) $(BUILD)
	@touch $@

fuzz-build: $(FUZZ_BIN)

fuzz: $(FUZZ_BIN) $(FUZZ_DIR)/seeds/stamp
	@for h in $(FUZZ); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$h $(FUZZ_DIR)/crash/$$h; \
		echo "fuzz: $$h for $(FUZZ_TIME)s"; \
		$(FUZZ_DIR)/bin/$$h -max_total_time=$(FUZZ_TIME) \
			-artifact_prefix=$(FUZZ_DIR)/crash/$$h/ $(FUZZ_OPTS) \
			-print_final_stats=1 $(FUZZ_DIR)/corpus/$$h \
			$(FUZZ_DIR)/seeds/$$h 2> $(FUZZ_DIR)/$$h.log; \
		rc=$$?; \
		grep -E '^stat::number_of_executed_units|^Done ' \
			$(FUZZ_DIR)/$$h.log | sed 's/^/  /'; \
		if [ $$rc -ne 0 ]; then \
			tail -40 $(FUZZ_DIR)/$$h.log; \
			echo "fuzz: $$h FAILED; the input is in $(FUZZ_DIR)/crash/$$h/"; \
			exit 1; \
		fi; \
	done

# valgrind: no invalid access, no leak, in each program on sample data
# (programs not built yet are skipped)
MEMCHECK = valgrind -q --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect,possible --track-fds=no

memcheck: all
	@sh tests/tools/memcheck.sh "$(BIN)" "$(MEMCHECK)"

.PHONY: fuzz fuzz-build memcheck

# The regression inputs (tests/regress/NAME/) replayed through each
# harness with the normal compiler (tests/cli/regress.sh, make check).
REPLAY_BIN = $(FUZZ_ALL:%=$(BUILD)/replay-%)

$(BUILD)/replay-%: fuzz/%.c fuzz/common.h tests/tools/replay.c $(LIB_HDR) $(BUILD)/libliq.a
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes fuzz/$*.c tests/tools/replay.c \
		$(BUILD)/libliq.a $(LDFLAGS) $(LIBS) -o $@

check-run: $(REPLAY_BIN)
