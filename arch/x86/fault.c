/* SPDX-License-Identifier: MIT */
/* Decoded reports of CPU exceptions, for kernel panics (and, later, process faults). */
#include "arch/x86/trap.h"

#include "arch/x86/cpu.h"
#include "arch/x86/segments.h"
#include "kernel/panic.h"

/* SDM 3A table 6-1. */
static const struct {
	const char *mnemonic, *name;
} exceptions[32] = {
    [0] = {"#DE", "divide error"},
    [1] = {"#DB", "debug"},
    [2] = {"NMI", "non-maskable interrupt"},
    [3] = {"#BP", "breakpoint"},
    [4] = {"#OF", "overflow"},
    [5] = {"#BR", "bound range exceeded"},
    [6] = {"#UD", "invalid opcode"},
    [7] = {"#NM", "device not available"},
    [8] = {"#DF", "double fault"},
    [9] = {"#CSO", "coprocessor segment overrun"},
    [10] = {"#TS", "invalid TSS"},
    [11] = {"#NP", "segment not present"},
    [12] = {"#SS", "stack-segment fault"},
    [13] = {"#GP", "general protection"},
    [14] = {"#PF", "page fault"},
    [16] = {"#MF", "x87 floating-point error"},
    [17] = {"#AC", "alignment check"},
    [18] = {"#MC", "machine check"},
    [19] = {"#XM", "SIMD floating-point"},
};

const char *x86_vector_mnemonic(unsigned v)
{
	if (v < 32)
		return exceptions[v].mnemonic ? exceptions[v].mnemonic : "#??";
	if (v >= VEC_IRQ_BASE && v < VEC_IRQ_BASE + VEC_IRQ_COUNT)
		return "IRQ";
	return v == VEC_SYSCALL ? "SYSCALL" : "INT";
}

const char *x86_vector_name(unsigned v)
{
	if (v < 32)
		return exceptions[v].name ? exceptions[v].name : "reserved exception";
	if (v >= VEC_IRQ_BASE && v < VEC_IRQ_BASE + VEC_IRQ_COUNT)
		return "hardware interrupt";
	return v == VEC_SYSCALL ? "system call" : "software interrupt";
}

static int has_selector_error(unsigned v)
{
	return v == 10 || v == 11 || v == 12 || v == 13;
}

/* SDM 3A 6.13 (selector error codes) and 4.7 (page-fault error codes). */
static void report_error_code(const struct trap_frame *tf, uint32_t cr2,
			      void (*print)(const char *fmt, ...))
{
	uint32_t e = tf->error;

	if (tf->vector == 14) {
		print("  error  0x%08x: %s, %s, %s mode%s\n", e, e & 2 ? "write" : "read",
		      e & 1 ? "protection violation" : "page not present",
		      e & 4 ? "user" : "supervisor", e & 8 ? ", reserved bit set" : "");
		print("  cr2    0x%08x (faulting address)\n", cr2);
	} else if (has_selector_error(tf->vector)) {
		if (e == 0) {
			print("  error  0x00000000: not caused by a selector\n");
		} else {
			static const char *const tables[] = {"GDT", "IDT", "LDT", "IDT"};
			print("  error  0x%08x: %s index %u (selector 0x%04x)%s\n", e,
			      tables[(e >> 1) & 3], (e >> 3) & 0x1fff, e & 0xfffc,
			      e & 1 ? ", external event" : "");
		}
	} else if (tf->vector == 8 || tf->vector == 17) {
		print("  error  0x%08x\n", e);
	}
}

void x86_report_trap(const struct trap_frame *tf, uint32_t cr2, void (*print)(const char *fmt, ...))
{
	unsigned v = tf->vector;
	uint32_t esp = trap_esp(tf);

	print("  vector %u %s: %s, from ring %u\n", v, x86_vector_mnemonic(v), x86_vector_name(v),
	      tf->cs & 3);
	report_error_code(tf, cr2, print);
	print("  eip    0x%08x  cs 0x%04x  eflags 0x%08x\n", tf->eip, tf->cs & 0xffff, tf->eflags);
	print("  eax 0x%08x  ebx 0x%08x  ecx 0x%08x  edx 0x%08x\n", tf->eax, tf->ebx, tf->ecx,
	      tf->edx);
	print("  esi 0x%08x  edi 0x%08x  ebp 0x%08x  esp 0x%08x\n", tf->esi, tf->edi, tf->ebp, esp);
	print("  ds 0x%04x  es 0x%04x  fs 0x%04x  gs 0x%04x  ss 0x%04x\n", tf->ds & 0xffff,
	      tf->es & 0xffff, tf->fs & 0xffff, tf->gs & 0xffff,
	      trap_from_user(tf) ? tf->ss & 0xffff : SEL_KDATA);
	print("  cr0 0x%08x  cr3 0x%08x  cr4 0x%08x\n", read_cr0(), read_cr3(), read_cr4());
}

/* The kernel's own stack: safe to read for a short dump. Its text (linker/kernel.ld). */
extern const char x86_kernel_stack_bottom[], x86_kernel_stack_top[];
extern const char kernel_text_start[], kernel_text_end[];

static int on_kernel_stack(uint32_t a, uint32_t bytes)
{
	uint32_t lo = (uint32_t)(uintptr_t)x86_kernel_stack_bottom;
	uint32_t hi = (uint32_t)(uintptr_t)x86_kernel_stack_top;

	return a >= lo && a <= hi && hi - a >= bytes;
}

void x86_kernel_fault(const struct trap_frame *tf)
{
	panic_begin();
	panic_printf("\nKERNEL PANIC: %s %s in the kernel at eip 0x%08x\n",
		     x86_vector_mnemonic(tf->vector), x86_vector_name(tf->vector), tf->eip);
	x86_report_trap(tf, x86_fault_cr2, panic_printf);

	uint32_t esp = trap_esp(tf);
	panic_printf("  stack:");
	for (unsigned i = 0; i < 8 && on_kernel_stack(esp + 4 * i, 4); i++)
		panic_printf(" %08x", ((const uint32_t *)(uintptr_t)esp)[i]);
	/*
	 * No frame pointers (they cost every call): the words above esp that point into kernel
	 * text are the likely return addresses, innermost first (a stale one may slip in).
	 */
	panic_printf("\n  backtrace: %08x", tf->eip);
	const uint32_t *w = (const uint32_t *)(uintptr_t)esp;
	for (unsigned i = 0, n = 0; i < 256 && n < 8 && on_kernel_stack(esp + 4 * i, 4); i++)
		if (w[i] >= (uint32_t)(uintptr_t)kernel_text_start &&
		    w[i] < (uint32_t)(uintptr_t)kernel_text_end) {
			panic_printf(" %08x", w[i]);
			n++;
		}
	panic_printf("\n  (look the addresses up in build/kernel.sym or build/kernel.asm)\n");
	panic_end();
}
