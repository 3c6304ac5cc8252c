/* SPDX-License-Identifier: MIT */
/* First C code of the kernel: keeps the boot info, installs the GDT and IDT, calls the platform. */
#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/idt.h"
#include "arch/x86/segments.h"
#include "kernel/platform.h"
#include "lib/string.h"
#include "loader/boot_info.h"

void x86_start(uint32_t magic, const struct boot_info *bi);

extern const char x86_kernel_stack_top[];

/* The loader's copy lies outside SRAM and is not mapped once paging is on: keep our own. */
static struct boot_info boot_info;

uint64_t x86_kernel_entry_cycles;

void x86_start(uint32_t magic, const struct boot_info *bi)
{
	x86_kernel_entry_cycles = rdtsc();
	/* The platform reports a bad handover once its console is up. */
	if (magic == BOOT_INFO_MAGIC && bi->size == sizeof(boot_info))
		memcpy(&boot_info, bi, sizeof(boot_info));
	/*
	 * x87: native error reporting (NE), WAIT honours TS (MP), no emulation; TS set so the
	 * first process to use the FPU traps and gets a clean state (arch/x86/process.c).
	 */
	write_cr0((read_cr0() | CR0_MP | CR0_NE | CR0_TS) & ~CR0_EM);
	x86_gdt_init((uint32_t)(uintptr_t)x86_kernel_stack_top);
	x86_idt_init();
	platform_main(&boot_info);
}
