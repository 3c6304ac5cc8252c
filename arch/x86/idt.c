/* SPDX-License-Identifier: MIT */
/* The IDT: every vector through one stub table into x86_trap(). */
#include "arch/x86/idt.h"

#include <stdint.h>

#include "arch/x86/desc.h"
#include "arch/x86/segments.h"
#include "arch/x86/trap.h"
#include "lib/compiler.h"

STATIC_ASSERT(VEC_COUNT == 256);

static uint64_t idt[VEC_COUNT] __attribute__((aligned(8)));

struct PACKED pseudo_desc {
	uint16_t limit;
	uint32_t base;
};

void x86_idt_init(void)
{
	x86_idt_fill(idt, (uint32_t)(uintptr_t)x86_trap_stubs, TRAP_STUB_BYTES, SEL_KCODE,
		     VEC_SYSCALL);
	/* A double fault may mean the kernel stack is gone: switch to a task with its own. */
	idt[8] = x86_task_gate_desc(SEL_DF_TSS);
	struct pseudo_desc pd = {sizeof(idt) - 1, (uint32_t)(uintptr_t)idt};
	__asm__ volatile("lidt %0" : : "m"(pd));
}
