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

$(eval $(call fuzzer,tbf,loader/tbf.c lib/sha256.c lib/error.c))
