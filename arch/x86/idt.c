/* SPDX-License-Identifier: MIT */
/* The IDT: every vector through one stub table into x86_trap(). */
#include "arch/x86/idt.h"

#include <stdint.h>

#include "arch/x86/desc.h"
#include "arch/x86/paging.h"
#include "arch/x86/segments.h"
#include "arch/x86/trap.h"
#include "lib/compiler.h"

STATIC_ASSERT(VEC_COUNT == 256);

/*
 * Pentium F00F erratum: "lock cmpxchg8b" with a register operand, from any ring, hangs the CPU
 * while it reads the #UD gate with locked cycles. The IDT is placed so that gates 0-6 are the
 * last 56 bytes of a page the kernel maps read-only (x86_idt_protect): the locked access then
 * page-faults instead, and the app that tried it gets a fault report (Intel spec update,
 * erratum 81; the workaround Linux uses).
 */
#define F00F_GATES 7
static uint64_t idt_area[2 * PAGE_BYTES / sizeof(uint64_t)] __attribute__((aligned(PAGE_BYTES)));
#define idt (idt_area + PAGE_BYTES / sizeof(uint64_t) - F00F_GATES)

struct PACKED pseudo_desc {
	uint16_t limit;
	uint32_t base;
};

void x86_idt_protect(void)
{
	uint32_t page = (uint32_t)(uintptr_t)idt_area;

	x86_paging_map(page, page + PAGE_BYTES, 0);
}

void x86_idt_init(void)
{
	static const struct x86_idt_policy policy = {
	    .stubs = (uint32_t)(uintptr_t)x86_trap_stubs,
	    .stub_bytes = TRAP_STUB_BYTES,
	    .stub_count = TRAP_STUB_COUNT,
	    .syscall_entry = (uint32_t)(uintptr_t)x86_syscall_entry,
	    .syscall_vector = VEC_SYSCALL,
	    .cs = SEL_KCODE,
	};

	x86_idt_fill(idt, &policy);
	/* A double fault may mean the kernel stack is gone: switch to a task with its own. */
	idt[8] = x86_task_gate_desc(SEL_DF_TSS);
	struct pseudo_desc pd = {VEC_COUNT * sizeof(uint64_t) - 1, (uint32_t)(uintptr_t)idt};
	__asm__ volatile("lidt %0" : : "m"(pd));
}
