# SPDX-License-Identifier: MIT
# libFuzzer targets for the parsers of untrusted input, and their corpus replays.
#
# make fuzz [FUZZ_SECONDS=N]   runs every fuzzer for N seconds (default 60) on a working copy
#                              of its seed corpus; crashes land in $(B)/fuzz/artifacts/.
# $(B)/fuzz/replay_<name>      replays tests/fuzz/corpus/<name>/ under ASan+UBSan, without
#                              libFuzzer, one "ok N - file" line per input (run by make test).
#
# A fuzzer is tests/fuzz/fuzz_<name>.c; declare it with $(eval $(call fuzzer,NAME,SOURCES)).
FUZZ_SECONDS ?= 60
FUZZ_CC	     ?= clang
FUZZ_CFLAGS  := -std=c11 -g -O1 -I. -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZERS	     :=
FUZZ_REPLAYS :=

define fuzzer
FUZZERS += $(1)
FUZZ_REPLAYS += $(B)/fuzz/replay_$(1)

$(B)/fuzz/fuzz_$(1): tests/fuzz/fuzz_$(1).c $(2) | $(DEPS_OK)
	$$(call say,FUZZCC,$$@)
	$(Q)mkdir -p $$(@D) && $(FUZZ_CC) $(FUZZ_CFLAGS) tests/fuzz/fuzz_$(1).c $(2) -o $$@

$(B)/fuzz/replay_$(1).o: tests/fuzz/replay.c | $(DEPS_OK)
	$$(call say,HOSTCC,$$<)
	$(Q)mkdir -p $$(@D) && $(HOSTCC) $(HOST_CFLAGS) \
		-DFUZZ_CORPUS='"tests/fuzz/corpus/$(1)"' \
		-DFUZZ_CORPUS_ABS='"$(CURDIR)/tests/fuzz/corpus/$(1)"' -c $$< -o $$@
$(B)/fuzz/replay_$(1): $(B)/fuzz/replay_$(1).o $(call hobj,tests/fuzz/fuzz_$(1).c $(2))
	$$(call say,HOSTLD,$$@)
	$(Q)mkdir -p $$(@D) && $(HOSTCC) $(HOST_LDFLAGS) $$^ -o $$@
endef

.PHONY: fuzz
fuzz: $(foreach f,$(FUZZERS),$(B)/fuzz/fuzz_$(f))
	$(Q)for f in $(FUZZERS); do \
		mkdir -p $(B)/fuzz/corpus/$$f $(B)/fuzz/artifacts/$$f && \
		echo "  FUZZ     $$f for $(FUZZ_SECONDS) s" && \
		$(B)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=$(B)/fuzz/artifacts/$$f/ \
			$(B)/fuzz/corpus/$$f tests/fuzz/corpus/$$f || exit 1; \
	done
