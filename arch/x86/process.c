/* SPDX-License-Identifier: MIT */
/* Processes on x86: user context, the run loop's trap decoding, lazy x87 switching, and memory
 * protection by page user bits plus the user code segment's limit. */
#include "kernel/arch.h"

#include <arch_context.h>

#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/paging.h"
#include "arch/x86/segments.h"
#include "arch/x86/trap.h"
#include "kernel/interrupt.h"
#include "lib/compiler.h"
#include "lib/fmt.h"
#include "lib/string.h"

#define VEC_NM 7  /* device not available: first x87 use since the last switch */
#define VEC_PF 14 /* page fault */

COLD void arch_context_init(struct arch_context *ctx, uint32_t pc, uint32_t sp)
{
	arch_context_forget(ctx);
	/* Registers only: the protection (page_table, code_desc) is arch_mpu_configure's. */
	memset(&ctx->tf, 0, sizeof(ctx->tf));
	ctx->cr2 = 0;
	ctx->fpu_used = false;
	ctx->tf.eip = pc;
	ctx->tf.esp = sp;
	ctx->tf.cs = SEL_UCODE;
	ctx->tf.ss = ctx->tf.ds = ctx->tf.es = ctx->tf.fs = ctx->tf.gs = SEL_UDATA;
	/* IF set, IOPL 0: the process can neither mask interrupts nor reach a port. */
	ctx->tf.eflags = EFLAGS_IF | 0x2;
}

/*
 * Lazy x87 switching: CR0.TS is set whenever the FPU holds some other process's state (or
 * none), so the first x87 instruction traps (#NM) and the state is swapped then. A process
 * that never uses the FPU costs nothing.
 */
static struct arch_context *fpu_owner;
static bool ts_set = true; /* CR0.TS as arch/x86/start.c left it */

/* x87 state after FNINIT, with every data register zeroed (FNINIT alone keeps old values). */
static const uint8_t fpu_clean[X86_FPU_STATE_BYTES] = {
    0x7f, 0x03, 0, 0, /* control word 0x037f */
    0,	  0,	0, 0, /* status word */
    0xff, 0xff, 0, 0, /* tag word: all empty */
};

static COLD void fpu_take(struct arch_context *ctx)
{
	__asm__ volatile("clts");
	ts_set = false;
	if (fpu_owner) {
		/* Saves, and reinitialises the FPU: nothing pending is left behind. */
		__asm__ volatile("fnsave %0" : "=m"(fpu_owner->fpu_state) : : "memory");
		fpu_owner->fpu_used = true;
	} else {
		/*
		 * The last state belongs to a process that is gone and may hold a pending x87
		 * exception (an unmasked divide by zero before it faulted): frstor would raise it
		 * here, in ring 0. fninit drops it without waiting for it.
		 */
		__asm__ volatile("fninit");
	}
	const uint8_t *state = ctx->fpu_used ? ctx->fpu_state : fpu_clean;
	__asm__ volatile("frstor (%0)" : : "r"(state) : "memory");
	ctx->fpu_used = true;
	fpu_owner = ctx;
}

void arch_context_forget(struct arch_context *ctx)
{
	if (fpu_owner == ctx)
		fpu_owner = NULL;
}

/* Sets CR0.TS exactly when the FPU holds someone else's state (or nobody's). */
static void fpu_guard(const struct arch_context *ctx)
{
	bool want_ts = fpu_owner != ctx;

	if (want_ts != ts_set) {
		if (want_ts)
			write_cr0(read_cr0() | CR0_TS);
		else
			__asm__ volatile("clts");
		ts_set = want_ts;
	}
}

/* x86_syscall_entry hands kernel_syscall the frame it built as the context. */
STATIC_ASSERT(offsetof(struct arch_context, tf) == 0);

enum arch_trap arch_run(struct arch_context *ctx)
{
	for (;;) {
		fpu_guard(ctx);
		if (x86_switch_to_user(&ctx->tf))
			return ARCH_TRAP_SYSCALL; /* handled; kernel_syscall said leave */

		unsigned v = ctx->tf.vector;
		if (v - VEC_IRQ_BASE < VEC_IRQ_COUNT) {
			interrupt_top_half(v - VEC_IRQ_BASE);
			return ARCH_TRAP_INTERRUPT;
		}
		if (v == VEC_NM && fpu_owner != ctx) {
			fpu_take(ctx);
			continue;
		}
		if (v == VEC_PF)
			ctx->cr2 = read_cr2();
		return ARCH_TRAP_FAULT;
	}
}

COLD void arch_fault_summary(const struct arch_context *ctx, char *buf, size_t size)
{
	const struct trap_frame *tf = &ctx->tf;

	if (tf->vector == VEC_PF)
		fmt_snprintf(buf, size, "%s %s: %s at 0x%08x, %s", x86_vector_mnemonic(tf->vector),
			     x86_vector_name(tf->vector), tf->error & 2 ? "write" : "read",
			     ctx->cr2, tf->error & 1 ? "protection violation" : "page not present");
	else if (tf->vector == 13 && tf->error)
		fmt_snprintf(buf, size, "#GP general protection, selector error 0x%04x%s",
			     tf->error,
			     (tf->error & 3) == 2 ? " (int to a kernel-only vector)" : "");
	else
		fmt_snprintf(buf, size, "%s %s", x86_vector_mnemonic(tf->vector),
			     x86_vector_name(tf->vector));
}

COLD void arch_report_fault(const struct arch_context *ctx, void (*print)(const char *fmt, ...))
{
	x86_report_trap(&ctx->tf, ctx->cr2, print);
}

COLD void arch_mpu_configure(struct arch_context *ctx, void *table, const struct arch_mpu *m)
{
	uint32_t *pt = table;

	x86_paging_user_table_init(pt);
	x86_paging_user_table_allow(pt, m->text_start, m->text_end, PTE_U);
	x86_paging_user_table_allow(pt, m->ram_start, m->ram_end, PTE_U | PTE_W);
	for (unsigned i = 0; i < ARCH_MPU_SHARED; i++)
		x86_paging_user_table_allow(pt, m->shared_start[i], m->shared_end[i],
					    PTE_U | PTE_W);
	ctx->page_table = pt;
	/* Base 0, so the limit is an address: RAM, above the text, is not executable. */
	ctx->code_desc = x86_gdt_user_code(m->text_end);
}

void arch_mpu_switch(const struct arch_context *ctx)
{
	x86_paging_switch_user_table(ctx ? ctx->page_table : NULL);
	if (ctx)
		x86_gdt_set_user_code(ctx->code_desc);
}
