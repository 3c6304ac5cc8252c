/* SPDX-License-Identifier: MIT */
/* Host unit tests: a fake architecture layer that records calls and replays queued traps. */
#include "tests/unit/fake_arch/fake_arch.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fake_arch fake_arch;

void fake_arch_reset(void)
{
	/* What each context was configured with, and what is in force, are the hardware's
	 * state, not a log: they survive. */
	__typeof__(fake_arch.configured) configured;
	const struct arch_context *in_force = fake_arch.in_force;
	bool stale = fake_arch.in_force_stale;

	memcpy(configured, fake_arch.configured, sizeof(configured));
	memset(&fake_arch, 0, sizeof(fake_arch));
	memcpy(fake_arch.configured, configured, sizeof(configured));
	fake_arch.in_force = in_force;
	fake_arch.in_force_stale = stale;
}

static struct fake_arch_run *queue_slot(void)
{
	if (fake_arch.queued == FAKE_ARCH_RUNS_MAX)
		fail_msg("fake arch: more than %d traps queued", FAKE_ARCH_RUNS_MAX);
	return &fake_arch.queue[fake_arch.queued++];
}

void fake_arch_queue_trap(enum arch_trap trap)
{
	*queue_slot() = (struct fake_arch_run){.trap = trap};
}

void fake_arch_queue_leave(void)
{
	*queue_slot() = (struct fake_arch_run){.trap = ARCH_TRAP_SYSCALL};
}

void fake_arch_queue_syscall(uint32_t sp, uint32_t class_reg, uint32_t r0, uint32_t r1, uint32_t r2,
			     uint32_t r3)
{
	*queue_slot() = (struct fake_arch_run){
	    .trap = ARCH_TRAP_SYSCALL,
	    .syscall_frame = true,
	    .sp = sp,
	    .class_reg = class_reg,
	    .args = {r0, r1, r2, r3},
	};
}

/* ---- interrupts and time ---- */

void arch_idle(void)
{
	fake_arch.idles++;
}

uint32_t arch_irq_save(void)
{
	fake_arch.irq_saves++;
	return fake_arch.irq_token;
}

void arch_irq_restore(uint32_t token)
{
	(void)token;
	fake_arch.irq_restores++;
}

uint64_t arch_cycles(void)
{
	return fake_arch.cycles++;
}

void arch_halt(void)
{
	print_error("fake arch: arch_halt called\n");
	fail();
	abort(); /* not reached: fail() leaves the test */
}

/* ---- processes ---- */

void arch_context_init(struct arch_context *ctx, uint32_t pc, uint32_t sp)
{
	fake_arch.inits++;
	*ctx = (struct arch_context){.pc = pc, .sp = sp};
}

/* Like the real one: a system call goes to kernel_syscall at once, and the process goes on
 * (with the next queued trap) while that says so. */
enum arch_trap arch_run(struct arch_context *ctx)
{
	for (;;) {
		struct fake_arch_run *r;

		/* Invariant: user code runs only under its own, current protection. */
		if (fake_arch.in_force != ctx || fake_arch.in_force_stale)
			fail_msg("fake arch: arch_run with %s protection in force",
				 fake_arch.in_force != ctx ? "another context's" : "a stale");
		fake_arch.runs++;
		if (fake_arch.next == fake_arch.queued) {
			/* The test did not say what the process does next: it did not expect this.
			 */
			fake_arch.unexpected_runs++;
			fail_msg("fake arch: arch_run with nothing queued (run %u)",
				 fake_arch.runs);
		}
		r = &fake_arch.queue[fake_arch.next++];
		if (r->syscall_frame) {
			uint32_t *frame = (uint32_t *)(uintptr_t)r->sp;

			memcpy(frame, r->args, sizeof(r->args));
			ctx->sp = r->sp;
			ctx->class_reg = r->class_reg;
		}
		ctx->trap = r->trap;
		if (r->trap != ARCH_TRAP_SYSCALL || !r->syscall_frame || !kernel_syscall(ctx))
			return r->trap;
		fake_arch.syscalls_resumed++;
	}
}

void arch_context_forget(struct arch_context *ctx)
{
	fake_arch.forgets++;
	fake_arch.last_forgotten = ctx;
}

uint32_t arch_syscall_class(const struct arch_context *ctx)
{
	return ctx->class_reg;
}

uint32_t arch_user_sp(const struct arch_context *ctx)
{
	return ctx->sp;
}

uint32_t arch_user_pc(const struct arch_context *ctx)
{
	return ctx->pc;
}

void arch_set_user_sp(struct arch_context *ctx, uint32_t sp)
{
	ctx->sp = sp;
}

void arch_set_user_pc(struct arch_context *ctx, uint32_t pc)
{
	ctx->pc = pc;
}

void arch_fault_summary(const struct arch_context *ctx, char *buf, size_t size)
{
	fake_arch.fault_summaries++;
	snprintf(buf, size, "fake fault at pc 0x%08x", ctx->pc);
}

void arch_report_fault(const struct arch_context *ctx, void (*print)(const char *fmt, ...))
{
	fake_arch.fault_reports++;
	print("fake fault report: pc 0x%08x sp 0x%08x\n", ctx->pc, ctx->sp);
}

static unsigned configured_slot(const struct arch_context *ctx)
{
	unsigned i;

	for (i = 0; i < FAKE_ARCH_CONTEXTS && fake_arch.configured[i].ctx; i++)
		if (fake_arch.configured[i].ctx == ctx)
			return i;
	if (i == FAKE_ARCH_CONTEXTS)
		fail_msg("fake arch: more than %d contexts configured", FAKE_ARCH_CONTEXTS);
	return i;
}

static unsigned configured_index(const struct arch_context *ctx)
{
	unsigned i = configured_slot(ctx);

	if (fake_arch.configured[i].ctx != ctx)
		fail_msg("fake arch: context %p never configured", (const void *)ctx);
	return i;
}

const struct arch_mpu *fake_arch_configured(const struct arch_context *ctx)
{
	return &fake_arch.configured[configured_index(ctx)].mpu;
}

void *fake_arch_table(const struct arch_context *ctx)
{
	return fake_arch.configured[configured_index(ctx)].table;
}

void arch_mpu_configure(struct arch_context *ctx, void *table, const struct arch_mpu *mpu)
{
	unsigned i = configured_slot(ctx);

	fake_arch.mpu_configures++;
	fake_arch.configured[i].ctx = ctx;
	fake_arch.configured[i].mpu = *mpu;
	fake_arch.configured[i].table = table;
	/* As on x86, a new configuration takes effect only at the next switch. */
	if (fake_arch.in_force == ctx)
		fake_arch.in_force_stale = true;
}

void arch_mpu_switch(const struct arch_context *ctx)
{
	if (fake_arch.mpu_calls < FAKE_ARCH_MPU_LOG) {
		struct fake_mpu_call *c = &fake_arch.mpu[fake_arch.mpu_calls];

		*c = (struct fake_mpu_call){.has_to = ctx != NULL, .ctx = ctx};
		if (ctx)
			c->to = *fake_arch_configured(ctx);
	}
	fake_arch.mpu_calls++;
	fake_arch.in_force = ctx;
	fake_arch.in_force_stale = false;
}
