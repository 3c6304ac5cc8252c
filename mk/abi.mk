# SPDX-License-Identifier: MIT
# The system-call ABI conformance suite (docs/conformance.md): test apps in tests/abi/<dir>/,
# each built as $(B)/abi/abi_<dir>.tbf, and the runner tests/abi/run.sh, which boots them under
# QEMU and Bochs and prints one TAP stream.
#
#   make conformance    build the apps and run the suite (make test runs it too, through
#                       tests/boot/test_abi.sh)

# Apps that report cases and end with "abi: <app> done" (abi_exit and abi_restart also end
# their process on purpose); each abi_bad* app makes one call that must fault it.
ABI_APPS := abi_entry abi_classes abi_memop abi_subscribe abi_allow abi_yield abi_regs \
	abi_exit abi_restart abi_badclass8 abi_badclass255 abi_badyield3 abi_badyieldff
ABI_TBFS := $(ABI_APPS:%=$(B)/abi/%.tbf)

# This file is read before mk/apps.mk (mk/*.mk in name order), so it cannot call app_rules and
# sees none of apps.mk's variables while it is parsed. The rules below are app_rules' own, with
# every apps.mk variable referenced where make expands it late: in recipes, and in prerequisite
# lists through secondary expansion ($$ below).
.SECONDEXPANSION:

abi_obj = $(patsubst %,$(B)/apps/obj/%.o,$(basename $(1)))

# The reporting and fixture helpers every app links (tests/abi/lib/).
ABI_LIB_OBJS := $(call abi_obj,tests/abi/lib/abi.c)
ABI_RUNTIME = $(APP_RUNTIME_OBJS)
# abi_entry has its own _start (tests/abi/entry/entry.S), which checks the entry state before
# doing crt0's work: it links the runtime without crt0.
ABI_RUNTIME_NO_CRT0 = $(filter-out %/crt0.o,$(APP_RUNTIME_OBJS))

# $(call abi_app,NAME,SOURCE_DIR,RUNTIME_VARIABLE): $(B)/abi/NAME.elf (with .asm and .sym) from
# SOURCE_DIR's .c and .S files, the helpers and the runtime; $(B)/abi/NAME.tbf from it.
define abi_app
$(B)/apps/obj/$(2)/%.o: APP_DEFS := -DAPP_NAME='"$(1)"'
$(B)/abi/$(1).elf: $(call abi_obj,$(wildcard $(2)/*.c $(2)/*.S)) $(ABI_LIB_OBJS) \
		$$$$($(3)) linker/app.ld
	$$(call say,LD,$$@)
	$(Q)mkdir -p $$(@D) && $$(CC) $$(APP_LDFLAGS) \
		-Wl,--defsym=app_stack_bytes=$$(APP_STACK_BYTES) $$(filter %.o,$$^) -o $$@
	$(Q)$$(OBJDUMP) -d -S $$@ > $(B)/abi/$(1).asm
	$(Q)$$(NM) -n $$@ > $(B)/abi/$(1).sym
$(B)/abi/$(1).tbf: $(B)/abi/$(1).elf $(B)/tools/elf2tbf
	$$(call say,ELF2TBF,$$@)
	$(Q)$(B)/tools/elf2tbf $$(APP_ELF2TBF_FLAGS) --name $(1) -o $$@ $$<
endef
$(foreach a,$(filter-out abi_entry,$(ABI_APPS)),\
	$(eval $(call abi_app,$(a),tests/abi/$(a:abi_%=%),ABI_RUNTIME)))
$(eval $(call abi_app,abi_entry,tests/abi/entry,ABI_RUNTIME_NO_CRT0))

I586_BINS += $(ABI_APPS:%=$(B)/abi/%.elf)

# What the runner needs; it builds nothing itself.
ABI_RUN_DEPS := $(ABI_TBFS) $(KERNEL) $(LOADER) $(B)/tools/mkimage

.PHONY: conformance abi-apps
abi-apps: $(ABI_TBFS)
conformance: $(ABI_RUN_DEPS)
	$(Q)tests/abi/run.sh $(B)
test: $(ABI_RUN_DEPS)
