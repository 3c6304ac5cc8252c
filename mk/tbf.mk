# SPDX-License-Identifier: MIT
# The TBF library (loader/tbf.c): its unit tests, the elf2tbf and tbfdump host tools, the tools'
# end-to-end test, and the TBF fuzzer with its corpus replay.

KERNEL_SRCS += loader/tbf.c

$(eval $(call unit_test,tbf,tests/unit/loader/test_tbf.c loader/tbf.c lib/sha256.c lib/error.c,))

TOOLS += $(B)/tools/elf2tbf $(B)/tools/tbfdump
elf2tbf_SRCS := tools/elf2tbf.c tools/tbf_build.c loader/tbf.c lib/sha256.c lib/error.c
tbfdump_SRCS := tools/tbfdump.c loader/tbf.c loader/image.c lib/sha256.c lib/error.c
$(B)/tools/elf2tbf: $(call hobj,$(elf2tbf_SRCS))
$(B)/tools/tbfdump: $(call hobj,$(tbfdump_SRCS))

# End-to-end: builds tiny i386 apps, runs elf2tbf and tbfdump on them, and relocates a plain C
# app with tbf_relocate (a host helper around tbf_apply_relocations()). The test runner runs it
# like any other unit test binary.
UNIT_TESTS += $(B)/unit/elf2tbf
ELF2TBF_TEST_FILES := $(wildcard tests/unit/tools/*)
tbf_relocate_SRCS := tests/unit/tools/tbf_relocate.c loader/tbf.c lib/sha256.c lib/error.c
$(B)/test/tbf_relocate: $(call hobj,$(tbf_relocate_SRCS)) | $(DEPS_OK)
	$(call say,HOSTLD,$@)
	$(Q)mkdir -p $(@D) && $(HOSTCC) $(HOST_LDFLAGS) $^ -o $@
$(B)/unit/elf2tbf: $(ELF2TBF_TEST_FILES) $(B)/tools/elf2tbf $(B)/tools/tbfdump \
		$(B)/test/tbf_relocate
	$(call say,GEN,$@)
	$(Q)mkdir -p $(@D) && printf '#!/bin/sh\nexec "%s" "%s" "%s" "%s" "$$@"\n' \
		'$(CURDIR)/tests/unit/tools/test_elf2tbf.sh' '$(abspath $(B)/tools)' \
		'$(abspath $(B)/test/elf2tbf)' '$(abspath $(B)/test/tbf_relocate)' > $@ && chmod +x $@

# ---- fuzzing --------------------------------------------------------------------------------
# make fuzz [FUZZ_SECONDS=N]   runs every fuzzer for N seconds (default 60) on a working copy
#                              of its seed corpus; crashes land in $(B)/fuzz/artifacts/.
# $(B)/fuzz/replay_<name>      replays tests/fuzz/corpus/<name>/ under ASan+UBSan, without
#                              libFuzzer, one "ok N - file" line per input (run by make test).
FUZZ_SECONDS ?= 60
FUZZ_CC	     ?= clang
FUZZ_CFLAGS  := -std=c11 -g -O1 -I. -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZERS	     += tbf
FUZZ_REPLAYS += $(B)/fuzz/replay_tbf
fuzz_tbf_SRCS := tests/fuzz/fuzz_tbf.c loader/tbf.c lib/sha256.c lib/error.c

$(B)/fuzz/fuzz_tbf: $(fuzz_tbf_SRCS) loader/tbf.h | $(DEPS_OK)
	$(call say,FUZZCC,$@)
	$(Q)mkdir -p $(@D) && $(FUZZ_CC) $(FUZZ_CFLAGS) $(fuzz_tbf_SRCS) -o $@

$(B)/fuzz/replay_tbf.o: tests/fuzz/replay.c | $(DEPS_OK)
	$(call say,HOSTCC,$<)
	$(Q)mkdir -p $(@D) && $(HOSTCC) $(HOST_CFLAGS) \
		-DFUZZ_CORPUS='"tests/fuzz/corpus/tbf"' -DFUZZ_CORPUS_ABS='"$(CURDIR)/tests/fuzz/corpus/tbf"' \
		-c $< -o $@
$(B)/fuzz/replay_tbf: $(B)/fuzz/replay_tbf.o $(call hobj,$(fuzz_tbf_SRCS))
	$(call say,HOSTLD,$@)
	$(Q)mkdir -p $(@D) && $(HOSTCC) $(HOST_LDFLAGS) $^ -o $@

.PHONY: fuzz
fuzz: $(foreach f,$(FUZZERS),$(B)/fuzz/fuzz_$(f))
	$(Q)for f in $(FUZZERS); do \
		mkdir -p $(B)/fuzz/corpus/$$f $(B)/fuzz/artifacts/$$f && \
		echo "  FUZZ     $$f for $(FUZZ_SECONDS) s" && \
		$(B)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=$(B)/fuzz/artifacts/$$f/ \
			$(B)/fuzz/corpus/$$f tests/fuzz/corpus/$$f || exit 1; \
	done

test: $(FUZZ_REPLAYS)
