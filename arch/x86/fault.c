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

/* Returns: exception vector v's mnemonic, its name the next string; NULL if v is reserved or
 * not an exception. */
static const char *exception(unsigned v)
{
	const char *s = exceptions;

	if (v > 19)
		return NULL;
	while (v--)
		s = next_string(next_string(s));
	return *s ? s : NULL;
}

const char *x86_vector_mnemonic(unsigned v)
{
	const char *e = exception(v);

	if (v < 32)
		return e ? e : "#??";
	if (v >= VEC_IRQ_BASE && v < VEC_IRQ_BASE + VEC_IRQ_COUNT)
		return "IRQ";
	return v == VEC_SYSCALL ? "SYSCALL" : "INT";
}

const char *x86_vector_name(unsigned v)
{
	const char *e = exception(v);

	if (v < 32)
		return e ? next_string(e) : "reserved exception";
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
			/* Bits 2:1: GDT, IDT, LDT, IDT. */
			print("  error  0x%08x: %s index %u (selector 0x%04x)%s\n", e,
			      "GDT\0IDT\0LDT\0IDT" + 4 * ((e >> 1) & 3), (e >> 3) & 0x1fff,
			      e & 0xfffc, e & 1 ? ", external event" : "");
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
	/* %hx: only the selector's 16 bits (the CPU may push garbage above them). */
	print("  eip    0x%08x  cs 0x%04hx  eflags 0x%08x\n"
	      "  eax 0x%08x  ebx 0x%08x  ecx 0x%08x  edx 0x%08x\n"
	      "  esi 0x%08x  edi 0x%08x  ebp 0x%08x  esp 0x%08x\n",
	      tf->eip, tf->cs, tf->eflags, tf->eax, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi,
	      tf->ebp, esp);
	print("  ds 0x%04hx  es 0x%04hx  fs 0x%04hx  gs 0x%04hx  ss 0x%04hx\n"
	      "  cr0 0x%08x  cr3 0x%08x  cr4 0x%08x\n",
	      tf->ds, tf->es, tf->fs, tf->gs, trap_from_user(tf) ? tf->ss : SEL_KDATA, read_cr0(),
	      read_cr3(), read_cr4());
}

/* The kernel's own stack: safe to read for a short dump. Its text (linker/kernel.ld). */
extern const char x86_kernel_stack_bottom[], x86_kernel_stack_top[];
extern const char kernel_text_start[], kernel_text_end[];

static OUT_OF_LINE int on_kernel_stack(uint32_t a, uint32_t bytes)
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
