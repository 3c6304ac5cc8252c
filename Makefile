# SPDX-License-Identifier: MIT
# The one Makefile: builds the loader, the kernel, the host tools and the firmware image, and
# runs every test. Non-recursive; modules add themselves to the lists below.
#
#   make            build everything          make run        boot the default image in QEMU
#   make test       run every test suite      make iso        GRUB rescue ISO
#   make run-bochs  boot the ISO in Bochs     make V=1 ...    show full commands
#   make bench      instruction counts        make profile    where they go (docs/profile.md)

.DEFAULT_GOAL := all

B	 := build
PLATFORM ?= qemu-pc
V	 ?= 0

ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-8s %s\n' $(1) $(2);
endif

CC	:= gcc
HOSTCC	:= gcc
LD	:= ld
OBJDUMP := objdump
NM	:= nm

# The kernel and loader are self-contained (no libgcc, lib/div64.c instead), so they use the
# cheapest calls i586 has: three arguments in registers (asm callers pass them in eax, edx, ecx),
# no frame pointer, a 4-byte aligned stack (no SSE to want more). Apps keep the standard ABI.
TARGET_ABI := -mregparm=3 -fomit-frame-pointer -mpreferred-stack-boundary=2

# No alignment padding: the i586 gains little from aligned branch targets (its prefetcher works
# on any 16-byte line; make bench shows no path slower), and the padding was 2% of the kernel.
TARGET_ALIGN := -falign-functions=1 -falign-jumps=1 -falign-loops=1 -falign-labels=1

# Target (i586) code. -march=i586 matters: Debian's -m32 default is i686 and emits cmov.
TARGET_CFLAGS := -std=c11 -m32 -march=i586 -ffreestanding -fno-pic -fno-stack-protector \
	-nostdlib -fno-asynchronous-unwind-tables -g \
	-ffunction-sections -fdata-sections \
	-mgeneral-regs-only $(TARGET_ABI) $(TARGET_ALIGN) -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes -I. \
	-Iarch/x86/include -MMD -MP
TARGET_LDFLAGS := -m elf_i386 -nostdlib --no-undefined -z noexecstack --gc-sections

# Size (-Os) by default; speed (-O2) for the files on the paths system calls, context switches
# and timer interrupts take (make profile shows which).
TARGET_OPT := -Os
HOT_SRCS := arch/x86/process.c arch/x86/trap.c arch/x86/paging.c kernel/process.c \
	kernel/syscall.c kernel/ipc.c kernel/interrupt.c kernel/deferred_call.c kernel/main.c \
	drivers/i8254.c drivers/i8259.c capsules/alarm.c capsules/virtual_alarm.c lib/string.c
$(patsubst %.c,$(B)/t/%.o,$(HOT_SRCS)): TARGET_OPT := -O2

# Host code (unit tests, tools): sanitizers on, 64-bit.
HOST_CFLAGS := -std=c11 -g -O1 -Wall -Wextra -Werror -I. -Itests/unit/fake_arch/include \
	-D_DEFAULT_SOURCE -MMD -MP \
	-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
HOST_LDFLAGS := -fsanitize=address,undefined

# ---- sources -------------------------------------------------------------------------------

LIB_SRCS := lib/string.c lib/fmt.c lib/ringbuf.c lib/error.c lib/div64.c lib/sha256.c \
	lib/hmac_sha256.c

LOADER_SRCS := loader/entry.S loader/multiboot.c loader/loader.c loader/image.c \
	drivers/ns16550_polled.c drivers/pc_power.c $(LIB_SRCS)

ARCH_SRCS := arch/x86/entry.S arch/x86/trap_stubs.S arch/x86/desc.c arch/x86/gdt.c \
	arch/x86/idt.c arch/x86/trap.c arch/x86/paging.c arch/x86/fault.c arch/x86/cpu.c arch/x86/start.c \
	arch/x86/double_fault.c arch/x86/process.c
KERNEL_CORE_SRCS := kernel/main.c kernel/debug.c kernel/deferred_call.c kernel/interrupt.c \
	kernel/panic.c kernel/process.c \
	kernel/process_loader.c kernel/syscall.c kernel/ipc.c
DRIVER_SRCS := drivers/ns16550.c drivers/ns16550_polled.c drivers/i8254.c drivers/i8259.c \
	drivers/pc_power.c
CAPSULE_SRCS := capsules/process_console.c capsules/virtual_alarm.c capsules/alarm.c \
	capsules/console.c capsules/low_level_debug.c capsules/process_info.c \
	capsules/uart_rx_mux.c
KERNEL_SRCS := $(ARCH_SRCS) $(KERNEL_CORE_SRCS) $(DRIVER_SRCS) $(CAPSULE_SRCS) $(LIB_SRCS)

# Optional kernel parts: OPTIONAL_SRCS_<NAME> lists a part's sources (the module's mk/*.mk and
# the platform add to it); CONFIG_<NAME> (y or n, default in platform/<name>/platform.mk)
# says whether the kernel has it, and is the C macro CONFIG_<NAME> (1 or 0) the platform's
# wiring tests. A kernel without a part answers its driver numbers with NODEVICE.
OPTIONS := RNG DIGEST SELFTEST
OPTIONAL_SRCS_SELFTEST := kernel/selftest.c kernel/boot_options.c
include platform/$(PLATFORM)/platform.mk

tobj = $(patsubst %,$(B)/t/%.o,$(basename $(1)))
hobj = $(patsubst %,$(B)/h/%.o,$(basename $(1)))

LOADER	 := $(B)/loader.elf
KERNEL	 := $(B)/kernel.elf
IMAGE	 := $(B)/firmware.img
ISO	 := $(B)/tock-x86.iso
TEST_ISO := $(B)/test/boot-selftest.iso

TOOLS	:= $(B)/tools/mkimage
mkimage_SRCS := tools/mkimage.c loader/image.c lib/error.c lib/sha256.c

# Every i586 binary, for the instruction scan.
I586_BINS := $(LOADER) $(KERNEL)

# Host unit tests: $(call unit_test,name,sources...). Each becomes $(B)/unit/<name>.
UNIT_TESTS :=
define unit_test
UNIT_TESTS += $(B)/unit/$(1)
$(B)/unit/$(1): $(call hobj,$(2))
	$$(call say,HOSTLD,$$@)
	$(Q)mkdir -p $$(@D) && $(HOSTCC) $(HOST_LDFLAGS) $$^ -o $$@ -lcmocka $(3)
endef
$(eval $(call unit_test,fmt,tests/unit/lib/test_fmt.c lib/fmt.c))
$(eval $(call unit_test,ringbuf,tests/unit/lib/test_ringbuf.c lib/ringbuf.c))
$(eval $(call unit_test,div64,tests/unit/lib/test_div64.c lib/div64.c))
$(eval $(call unit_test,deferred_call,tests/unit/kernel/test_deferred_call.c kernel/deferred_call.c \
	tests/unit/fake_panic.c))
$(eval $(call unit_test,interrupt,tests/unit/kernel/test_interrupt.c kernel/interrupt.c \
	tests/unit/fake_panic.c))
$(eval $(call unit_test,desc,tests/unit/arch/x86/test_desc.c arch/x86/desc.c))
$(eval $(call unit_test,idt,tests/unit/arch/x86/test_idt.c arch/x86/desc.c))
$(eval $(call unit_test,debug,tests/unit/kernel/test_debug.c kernel/debug.c lib/fmt.c lib/ringbuf.c))
$(eval $(call unit_test,debug_last_words,tests/unit/kernel/test_debug_last_words.c kernel/debug.c \
	lib/fmt.c lib/ringbuf.c))
$(eval $(call unit_test,image,tests/unit/loader/test_image.c loader/image.c lib/error.c lib/sha256.c))
$(eval $(call unit_test,loader,tests/unit/loader/test_loader.c loader/loader.c loader/image.c \
	lib/fmt.c lib/error.c lib/sha256.c))

# Fragments owned by other modules (each adds to the lists above); fuzz.mk defines the
# fuzzer macro the others use, so it comes first.
include mk/fuzz.mk
include $(filter-out mk/fuzz.mk,$(wildcard mk/*.mk))

# The kernel's sources: every module's, the platform's, and the optional parts chosen.
$(foreach o,$(OPTIONS),$(if $(filter y n,$(CONFIG_$(o))),,\
	$(error CONFIG_$(o) is '$(CONFIG_$(o))'; it must be y or n)))
KERNEL_BASE_SRCS := $(KERNEL_SRCS) $(PLATFORM_SRCS)
KERNEL_SRCS := $(KERNEL_BASE_SRCS) \
	$(foreach o,$(OPTIONS),$(if $(filter y,$(CONFIG_$(o))),$(OPTIONAL_SRCS_$(o))))
CONFIG_DEFS := $(foreach o,$(OPTIONS),-DCONFIG_$(o)=$(if $(filter y,$(CONFIG_$(o))),1,0))
# The platform's objects see the choice, and are rebuilt when it changes.
CONFIG_STAMP := $(B)/config.stamp
$(call tobj,$(PLATFORM_SRCS)): TARGET_CFLAGS += $(CONFIG_DEFS)
$(call tobj,$(PLATFORM_SRCS)): $(CONFIG_STAMP)
$(CONFIG_STAMP): FORCE
	$(Q)mkdir -p $(@D) && echo '$(CONFIG_DEFS)' | cmp -s - $@ || echo '$(CONFIG_DEFS)' > $@
.PHONY: FORCE

# The kernel without the optional parts (Makefile's OPTIONS), which upstream's qemu_i486_q35
# board lacks too: the like-for-like size figure (bench: kernel_text_lean), booted by
# tests/boot/test_lean.sh; make bench measures it. Only the platform's wiring is compiled again.
LEAN_DEFS := $(foreach o,$(OPTIONS),-DCONFIG_$(o)=0)
LEAN_KERNEL := $(B)/lean/kernel.elf
LEAN_OBJS := $(filter-out $(call tobj,$(PLATFORM_SRCS)),$(call tobj,$(KERNEL_BASE_SRCS))) \
	$(patsubst %,$(B)/lean/%.o,$(basename $(PLATFORM_SRCS)))
$(B)/lean/platform/%.o: platform/%.c $(BUILD_FILES) | $(DEPS_OK)
	$(call say,CC-LEAN,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(TARGET_CFLAGS) $(LEAN_DEFS) $(TARGET_OPT) -c $< -o $@
$(LEAN_KERNEL): $(LEAN_OBJS) linker/kernel.ld
	$(call say,LD,$@)
	$(Q)$(LD) $(TARGET_LDFLAGS) -T linker/kernel.ld $(LEAN_OBJS) -o $@
I586_BINS += $(LEAN_KERNEL)
all: $(LEAN_KERNEL)

# ---- top-level targets ---------------------------------------------------------------------

# A recipe that fails leaves no half-written target behind.
.DELETE_ON_ERROR:

.PHONY: all run run-bochs iso test check-deps clean
all: $(LOADER) $(KERNEL) $(IMAGE) $(TOOLS) $(UNIT_TESTS)

# Installs missing Debian packages (as root) or prints the exact apt-get command.
DEPS_OK := $(B)/.deps-ok
$(DEPS_OK): tools/deps.sh
	$(Q)tools/deps.sh
	$(Q)mkdir -p $(@D) && touch $@
check-deps: $(DEPS_OK)

QEMU_FLAGS := -cpu pentium -m 8 -display none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04

run: $(LOADER) $(IMAGE)
	$(call say,QEMU,$(IMAGE) [Ctrl-A X quits])
	$(Q)qemu-system-i386 $(QEMU_FLAGS) -serial mon:stdio -kernel $(LOADER) \
		-initrd "$(IMAGE) firmware" || test $$? = 33

iso: $(ISO)
run-bochs: $(ISO)
	$(call say,BOCHS,$(ISO) [serial on this terminal, Ctrl-C quits])
	$(Q)tests/boot/bochs.sh --interactive $(ISO)

# The real loader entered with a wrong Multiboot magic (tests/boot/test_qemu.sh).
WRONG_MAGIC_LOADER := $(B)/test/loader-wrong-magic.elf
$(WRONG_MAGIC_LOADER): $(call tobj,$(LOADER_SRCS) tests/boot/wrong_magic.S) linker/loader.ld
	$(call say,LD,$@)
	$(Q)mkdir -p $(@D) && $(LD) $(TARGET_LDFLAGS) --no-warn-rwx-segments -T linker/loader.ld \
		-e wrong_magic_entry $(call tobj,$(LOADER_SRCS) tests/boot/wrong_magic.S) -o $@

test: all $(TEST_ISO) $(ISO) $(WRONG_MAGIC_LOADER) $(FUZZ_REPLAYS)
	$(Q)tests/run $(B) --unit "$(UNIT_TESTS)" --replay "$(FUZZ_REPLAYS)"

clean:
	rm -rf $(B)

# ---- rules ---------------------------------------------------------------------------------

# Objects depend on the build description, so changed flags rebuild everything.
BUILD_FILES := Makefile $(wildcard mk/*.mk) platform/$(PLATFORM)/platform.mk

$(B)/t/%.o: %.c $(BUILD_FILES) | $(DEPS_OK)
	$(call say,CC,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(TARGET_CFLAGS) $(TARGET_OPT) -c $< -o $@
$(B)/t/%.o: %.S $(BUILD_FILES) | $(DEPS_OK)
	$(call say,AS,$<)
	$(Q)mkdir -p $(@D) && $(CC) $(TARGET_CFLAGS) -c $< -o $@
$(B)/h/%.o: %.c $(BUILD_FILES) | $(DEPS_OK)
	$(call say,HOSTCC,$<)
	$(Q)mkdir -p $(@D) && $(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

$(LOADER): $(call tobj,$(LOADER_SRCS)) linker/loader.ld
	$(call say,LD,$@)
	$(Q)$(LD) $(TARGET_LDFLAGS) --no-warn-rwx-segments -T linker/loader.ld $(call tobj,$(LOADER_SRCS)) -o $@

$(KERNEL): $(call tobj,$(KERNEL_SRCS)) linker/kernel.ld
	$(call say,LD,$@)
	$(Q)$(LD) $(TARGET_LDFLAGS) -T linker/kernel.ld -Map $(B)/kernel.map $(call tobj,$(KERNEL_SRCS)) -o $@
	$(Q)$(OBJDUMP) -d -S $@ > $(B)/kernel.asm
	$(Q)$(NM) -n $@ > $(B)/kernel.sym

$(B)/tools/%: | $(DEPS_OK)
	$(call say,HOSTLD,$@)
	$(Q)mkdir -p $(@D) && $(HOSTCC) $(HOST_LDFLAGS) $^ -o $@ $($*_LIBS)
$(B)/tools/mkimage: $(call hobj,$(mkimage_SRCS))

# The default image: the kernel and the demo apps (mk/apps.mk).
$(IMAGE): $(KERNEL) $(B)/tools/mkimage $(APP_TBFS)
	$(call say,MKIMAGE,$@)
	$(Q)$(B)/tools/mkimage -o $@ --kernel $(KERNEL) $(addprefix --app ,$(APP_TBFS))

# The ISO boots the default image; the test ISO adds a kernel command line that runs the
# boot self-test and powers off, for the GRUB and Bochs boot tests.
define make_iso
	$(call say,ISO,$(1))
	$(Q)rm -rf $(1).root && mkdir -p $(1).root/boot/grub
	$(Q)cp $(LOADER) $(IMAGE) $(1).root/boot/
	$(Q)printf 'set timeout=0\nmultiboot /boot/loader.elf %s\nmodule /boot/firmware.img firmware\nboot\n' '$(2)' > $(1).root/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $(1) --install-modules="multiboot normal iso9660 biosdisk" \
		--locales= --fonts= --themes= $(1).root 2>$(1).log || { cat $(1).log; exit 1; }
endef
$(ISO): $(LOADER) $(IMAGE)
	$(call make_iso,$@,)
$(TEST_ISO): $(LOADER) $(IMAGE)
	$(Q)mkdir -p $(@D)
	$(call make_iso,$@,selftest=boot)

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)
