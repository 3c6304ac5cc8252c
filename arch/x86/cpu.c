/* SPDX-License-Identifier: MIT */
/* The kernel's architecture interface (kernel/arch.h) on x86. */
#include "kernel/arch.h"

#include "arch/x86/cpu.h"

void arch_idle(void)
{
	sti_hlt_cli();
}

uint32_t arch_irq_save(void)
{
	uint32_t flags = read_eflags();

	cli();
	return flags;
}

void arch_irq_restore(uint32_t token)
{
	if (token & EFLAGS_IF)
		sti();
}

uint64_t arch_cycles(void)
{
	return rdtsc();
}

void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}
