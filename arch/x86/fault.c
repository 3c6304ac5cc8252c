/* SPDX-License-Identifier: MIT */
/* Decoded reports of CPU exceptions, for kernel panics (and, later, process faults). */
#include "arch/x86/trap.h"

#include "arch/x86/cpu.h"
#include "arch/x86/segments.h"
#include "kernel/panic.h"
#include "lib/compiler.h"
#include "lib/string.h"

/* SDM 3A table 6-1: "mnemonic\0name\0" for each vector from 0 to 19; "\0\0" for reserved 15. */
static const char exceptions[] = "#DE\0divide error\0"
				 "#DB\0debug\0"
				 "NMI\0non-maskable interrupt\0"
				 "#BP\0breakpoint\0"
				 "#OF\0overflow\0"
				 "#BR\0bound range exceeded\0"
				 "#UD\0invalid opcode\0"
				 "#NM\0device not available\0"
				 "#DF\0double fault\0"
				 "#CSO\0coprocessor segment overrun\0"
				 "#TS\0invalid TSS\0"
				 "#NP\0segment not present\0"
				 "#SS\0stack-segment fault\0"
				 "#GP\0general protection\0"
				 "#PF\0page fault\0"
				 "\0\0"
				 "#MF\0x87 floating-point error\0"
				 "#AC\0alignment check\0"
				 "#MC\0machine check\0"
				 "#XM\0SIMD floating-point";

static OUT_OF_LINE const char *next_string(const char *s)
{
	return s + strlen(s) + 1;
}

/* Returns: vector v's mnemonic, its name the next string. */
static const char *describe(unsigned v)
{
	const char *s = exceptions;

	if (v < 20) {
		for (unsigned i = 0; i < v; i++)
			s = next_string(next_string(s));
		if (*s)
			return s;
	}
	if (v < 32)
		return "#??\0reserved exception";
	if (v >= VEC_IRQ_BASE && v < VEC_IRQ_BASE + VEC_IRQ_COUNT)
		return "IRQ\0hardware interrupt";
	return v == VEC_SYSCALL ? "SYSCALL\0system call" : "INT\0software interrupt";
}

const char *x86_vector_mnemonic(unsigned v)
{
	return describe(v);
}

const char *x86_vector_name(unsigned v)
{
	return next_string(describe(v));
}

/* SDM 3A table 6-1: the exceptions that push an error code; of those, #TS, #NP, #SS and #GP
 * push a selector error code (6.13). */
#define ERROR_CODE_VECTORS     (1u << 8 | 0xfu << 10 | 1u << 14 | 1u << 17)
#define SELECTOR_ERROR_VECTORS (0xfu << 10)

/* SDM 3A 6.13 (selector error codes) and 4.7 (page-fault error codes). */
static void report_error_code(const struct trap_frame *tf, uint32_t cr2,
			      void (*print)(const char *fmt, ...))
{
	uint32_t e = tf->error;
	unsigned v = tf->vector;

	if (v >= 32 || !(ERROR_CODE_VECTORS >> v & 1))
		return;
	print("  error  0x%08x", e);
	if (v == 14) {
		print(": %s, %s, %s mode%s\n"
		      "  cr2    0x%08x (faulting address)\n",
		      e & 2 ? "write" : "read", e & 1 ? "protection violation" : "page not present",
		      e & 4 ? "user" : "supervisor", e & 8 ? ", reserved bit set" : "", cr2);
	} else if (!(SELECTOR_ERROR_VECTORS >> v & 1)) {
		print("\n");
	} else if (e == 0) {
		print(": not caused by a selector\n");
	} else {
		/* Bits 2:1: GDT, IDT, LDT, IDT. */
		print(": %s index %u (selector 0x%04x)%s\n",
		      "GDT\0IDT\0LDT\0IDT" + 4 * ((e >> 1) & 3), (e >> 3) & 0x1fff, e & 0xfffc,
		      e & 1 ? ", external event" : "");
	}
}

void x86_report_trap(const struct trap_frame *tf, uint32_t cr2, void (*print)(const char *fmt, ...))
{
	unsigned v = tf->vector;
	const char *s = describe(v);

	print("  vector %u %s: %s, from ring %u\n", v, s, next_string(s), tf->cs & 3);
	report_error_code(tf, cr2, print);
	/* %hx: only the selector's 16 bits (the CPU may push garbage above them). */
	print("  eip    0x%08x  cs 0x%04hx  eflags 0x%08x\n"
	      "  eax 0x%08x  ebx 0x%08x  ecx 0x%08x  edx 0x%08x\n"
	      "  esi 0x%08x  edi 0x%08x  ebp 0x%08x  esp 0x%08x\n",
	      tf->eip, tf->cs, tf->eflags, tf->eax, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi,
	      tf->ebp, trap_esp(tf));
	print("  ds 0x%04hx  es 0x%04hx  fs 0x%04hx  gs 0x%04hx  ss 0x%04hx\n"
	      "  cr0 0x%08x  cr3 0x%08x  cr4 0x%08x\n",
	      tf->ds, tf->es, tf->fs, tf->gs, trap_from_user(tf) ? tf->ss : SEL_KDATA, read_cr0(),
	      read_cr3(), read_cr4());
}

void x86_fault_panic_begin(unsigned vector, uint32_t eip)
{
	const char *s = describe(vector);

	panic_begin();
	panic_printf("\nKERNEL PANIC: %s %s in the kernel at eip 0x%08x\n", s, next_string(s), eip);
}

/* The kernel's own stack: safe to read for a short dump. Its text (linker/kernel.ld). */
extern const char x86_kernel_stack_bottom[], x86_kernel_stack_top[];
extern const char kernel_text_start[], kernel_text_end[];

/* Returns: how many whole words lie from esp to the kernel stack's top; 0 if esp is not on it. */
static uint32_t kernel_stack_words(uint32_t esp)
{
	uint32_t lo = (uint32_t)(uintptr_t)x86_kernel_stack_bottom;
	uint32_t hi = (uint32_t)(uintptr_t)x86_kernel_stack_top;

	return esp >= lo && esp <= hi ? (hi - esp) / 4 : 0;
}

void x86_kernel_fault(const struct trap_frame *tf)
{
	x86_fault_panic_begin(tf->vector, tf->eip);
	x86_report_trap(tf, x86_fault_cr2, panic_printf);

	uint32_t esp = trap_esp(tf), words = kernel_stack_words(esp);
	const uint32_t *w = (const uint32_t *)(uintptr_t)esp;

	panic_printf("  stack:");
	for (unsigned i = 0; i < 8 && i < words; i++)
		panic_printf(" %08x", w[i]);
	/*
	 * No frame pointers (they cost every call): the words above esp that point into kernel
	 * text are the likely return addresses, innermost first (a stale one may slip in).
	 */
	panic_printf("\n  backtrace: %08x", tf->eip);
	for (unsigned i = 0, n = 0; i < 256 && i < words && n < 8; i++)
		if (w[i] >= (uint32_t)(uintptr_t)kernel_text_start &&
		    w[i] < (uint32_t)(uintptr_t)kernel_text_end) {
			panic_printf(" %08x", w[i]);
			n++;
		}
	panic_printf("\n  (look the addresses up in build/kernel.sym or build/kernel.asm)\n");
	panic_end();
}
