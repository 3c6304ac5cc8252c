# SPDX-License-Identifier: MIT
# Userspace: the app runtime (apps/runtime/) and the demo apps, each linked with linker/app.ld
# and made a relocatable TBF by elf2tbf --pic (docs/apps.md).
#
#   make apps                  every app: $(B)/apps/<name>.elf, .tbf, .asm, .sym
#   <name>_STACK_BYTES := N    an app's stack (default APP_STACK_BYTES)
#
# An app is a folder apps/<name>/ of .c files, one defining main(); add its name to APPS.

APPS := hello ticker fault

APP_STACK_BYTES	       := 2048
APP_HEAP_BYTES	       := 1024
APP_KERNEL_HEAP_BYTES  := 1024

# TARGET_CFLAGS less -fno-omit-frame-pointer, in an object tree of their own (lib/ sources are
# built again for apps). Function sections let --gc-sections drop what an app does not call;
# each reference kept costs a relocation entry.
APP_CFLAGS := -std=c11 -m32 -march=i586 -ffreestanding -fno-pic -fno-stack-protector -nostdlib \
	-fno-asynchronous-unwind-tables -O2 -g -ffunction-sections -fdata-sections \
	-Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes -I. -I apps/runtime -MMD -MP
APP_LDFLAGS := -m32 -nostdlib -static -Wl,-q -Wl,--build-id=none -Wl,--gc-sections \
	-Wl,-z,noexecstack -Wl,--fatal-warnings -T linker/app.ld
# -q (--emit-relocs) keeps every relocation for elf2tbf; the stack is inside the ELF's RAM span
# (app.ld), so elf2tbf adds none of its own.
APP_ELF2TBF_FLAGS := --pic --sha256 --stack 0 --heap $(APP_HEAP_BYTES) \
	--kernel-heap $(APP_KERNEL_HEAP_BYTES)

# lib/fmt.c for console_printf, with what it calls: memcpy/strlen and 64-bit division.
APP_RUNTIME_SRCS := apps/runtime/crt0.S apps/runtime/tock.c apps/runtime/console.c \
	apps/runtime/alarm.c apps/runtime/low_level_debug.c lib/fmt.c lib/string.c lib/div64.c

aobj = $(patsubst %,$(B)/apps/obj/%.o,$(basename $(1)))
APP_RUNTIME_OBJS := $(call aobj,$(APP_RUNTIME_SRCS))
APP_ELFS := $(APPS:%=$(B)/apps/%.elf)
APP_TBFS := $(APPS:%=$(B)/apps/%.tbf)

I586_BINS += $(APP_ELFS)

$(B)/apps/obj/%.o: %.c $(BUILD_FILES) | $(DEPS_OK)
	$(call say,CC,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(APP_CFLAGS) $(APP_DEFS) -c $< -o $@
$(B)/apps/obj/%.o: %.S $(BUILD_FILES) | $(DEPS_OK)
	$(call say,AS,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(APP_CFLAGS) -c $< -o $@

# $(call app_rules,NAME,SOURCE_DIR,OUTPUT_DIR): OUTPUT_DIR/NAME.elf from SOURCE_DIR/*.c and the
# runtime, and OUTPUT_DIR/NAME.tbf from it; APP_NAME is NAME in the app's own sources.
define app_rules
$(1)_STACK_BYTES ?= $(APP_STACK_BYTES)
$(1)_OBJS := $(call aobj,$(wildcard $(2)/*.c))
$(B)/apps/obj/$(2)/%.o: APP_DEFS := -DAPP_NAME='"$(1)"'

$(3)/$(1).elf: $$($(1)_OBJS) $(APP_RUNTIME_OBJS) linker/app.ld
	$$(call say,LD,$$@)
	$(Q)mkdir -p $$(@D) && $(CC) $(APP_LDFLAGS) \
		-Wl,--defsym=app_stack_bytes=$$($(1)_STACK_BYTES) \
		$$($(1)_OBJS) $(APP_RUNTIME_OBJS) -o $$@
	$(Q)$(OBJDUMP) -d -S $$@ > $(3)/$(1).asm
	$(Q)$(NM) -n $$@ > $(3)/$(1).sym
$(3)/$(1).tbf: $(3)/$(1).elf $(B)/tools/elf2tbf
	$$(call say,ELF2TBF,$$@)
	$(Q)$(B)/tools/elf2tbf $(APP_ELF2TBF_FLAGS) --name $(1) -o $$@ $$<
endef
$(foreach a,$(APPS),$(eval $(call app_rules,$(a),apps/$(a),$(B)/apps)))

.PHONY: apps
apps: $(APP_TBFS)
all: $(APP_TBFS)

# ---- tests ----------------------------------------------------------------------------------

# The converters of tock.h, on the host.
$(eval $(call unit_test,tock_return,tests/unit/apps/test_tock_return.c))

# End-to-end: tests/unit/apps/app_host runs app TBFs as 32-bit Linux processes, serving their
# int $0x40 as the kernel would, so crt0, the relocations and the syscall layer run for real
# before the kernel can run apps; test_apps.sh runs it on the demo apps and the test apps below.
TEST_APPS := runtime_test stack_overflow
TEST_APP_TBFS := $(TEST_APPS:%=$(B)/test/apps/%.tbf)
$(foreach a,$(TEST_APPS),$(eval $(call app_rules,$(a),tests/unit/apps/$(a),$(B)/test/apps)))

HOST32_CFLAGS := -std=c11 -m32 -g -O1 -Wall -Wextra -Werror -I. -D_GNU_SOURCE -MMD -MP
app_host_SRCS := tests/unit/apps/app_host.c loader/tbf.c lib/sha256.c lib/error.c
h32obj = $(patsubst %,$(B)/h32/%.o,$(basename $(1)))
$(B)/h32/%.o: %.c $(BUILD_FILES) | $(DEPS_OK)
	$(call say,HOSTCC32,$<)
	$(Q)mkdir -p $(@D) && $(HOSTCC) $(HOST32_CFLAGS) -c $< -o $@
$(B)/test/app_host: $(call h32obj,$(app_host_SRCS))
	$(call say,HOSTLD,$@)
	$(Q)mkdir -p $(@D) && $(HOSTCC) -m32 $^ -o $@

UNIT_TESTS += $(B)/unit/apps
$(B)/unit/apps: tests/unit/apps/test_apps.sh $(B)/test/app_host $(APP_TBFS) $(TEST_APP_TBFS)
	$(call say,GEN,$@)
	$(Q)mkdir -p $(@D) && printf '#!/bin/sh\nexec "%s" "%s" "%s" "%s" "$$@"\n' \
		'$(CURDIR)/tests/unit/apps/test_apps.sh' '$(abspath $(B)/test/app_host)' \
		'$(abspath $(B)/apps)' '$(abspath $(B)/test/apps)' > $@ && chmod +x $@

# Apps the boot tests put in images of their own (tests/boot/apps/<name>/): attacks, FPU and
# memory checks, relocation probes.
BOOT_TEST_APPS := spin attack_kernel attack_peer fpu_hold fpu_fresh pic_probe restarter exec_data \
	procinfo reader ipc_service ipc_client lld_probe writer_a writer_b
BOOT_TEST_APP_TBFS := $(BOOT_TEST_APPS:%=$(B)/test/apps/%.tbf)
$(foreach a,$(BOOT_TEST_APPS),$(eval $(call app_rules,$(a),tests/boot/apps/$(a),$(B)/test/apps)))
I586_BINS += $(BOOT_TEST_APPS:%=$(B)/test/apps/%.elf)

# pic_probe linked for fixed addresses inside the SRAM window, without relocations: the loader
# must put it exactly there (its TBF header sits just below the binary).
FIXED_FLASH := 0x00070000
FIXED_RAM   := 0x00078000
$(B)/test/fixed/fixed_probe.elf: $(pic_probe_OBJS) $(APP_RUNTIME_OBJS) linker/app.ld
	$(call say,LD,$@)
	$(Q)mkdir -p $(@D) && $(CC) $(APP_LDFLAGS) -Wl,--defsym=app_stack_bytes=$(APP_STACK_BYTES) \
		-Wl,--defsym=APP_FLASH_LINK=$(FIXED_FLASH) -Wl,--defsym=APP_RAM_LINK=$(FIXED_RAM) \
		$(pic_probe_OBJS) $(APP_RUNTIME_OBJS) -o $@
$(B)/test/fixed/fixed_probe.tbf: $(B)/test/fixed/fixed_probe.elf $(B)/tools/elf2tbf
	$(call say,ELF2TBF,$@)
	$(Q)$(B)/tools/elf2tbf $(filter-out --pic,$(APP_ELF2TBF_FLAGS)) --name fixed_probe -o $@ $<
BOOT_TEST_APP_TBFS += $(B)/test/fixed/fixed_probe.tbf
test: $(BOOT_TEST_APP_TBFS)
