# SPDX-License-Identifier: MIT
# make profile: where the kernel's instructions go on each benchmark's paths. Boots the
# benchmark images under QEMU with an instruction trace of the kernel's text, cut into paths
# from one iret to the next by tools/kprof (tests/bench/profile.sh, docs/profile.md). The
# report goes to $(B)/profile.txt. Reads BENCH_TBFS, so comes after mk/bench.mk (the wildcard
# that includes the fragments is sorted).

TOOLS += $(B)/tools/kprof
kprof_SRCS := tools/kprof.c
$(B)/tools/kprof: $(call hobj,$(kprof_SRCS))

.PHONY: profile
profile: $(LOADER) $(KERNEL) $(IMAGE) $(BENCH_TBFS) $(B)/tools/mkimage $(B)/tools/kprof
	$(Q)tests/bench/profile.sh $(B)

# kprof on a synthetic symbol file, disassembly and trace (tests/unit/tools/kprof/); the test
# runner runs the generated wrapper like any other unit test binary.
UNIT_TESTS += $(B)/unit/kprof
KPROF_TEST_FILES := tests/unit/tools/test_kprof.sh $(wildcard tests/unit/tools/kprof/*)
$(B)/unit/kprof: $(KPROF_TEST_FILES) $(B)/tools/kprof
	$(call say,GEN,$@)
	$(Q)mkdir -p $(@D) && printf '#!/bin/sh\nexec "%s" "%s" "%s" "%s" "$$@"\n' \
		'$(CURDIR)/tests/unit/tools/test_kprof.sh' '$(abspath $(B)/tools/kprof)' \
		'$(CURDIR)/tests/unit/tools/kprof' '$(abspath $(B)/test/kprof)' > $@ && chmod +x $@
