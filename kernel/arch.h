/* SPDX-License-Identifier: MIT */
/* What the portable kernel needs from the CPU architecture (arch/x86 implements it; unit tests
 * link a fake). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/compiler.h"

/*
 * The kernel runs with interrupts disabled; they are enabled only while idle and while a
 * process runs. Top halves run in those windows.
 */

/* Enables interrupts, waits for one, disables them again. Returns after its top half ran. */
void arch_idle(void);

/* Disables interrupts. Returns: a token for arch_irq_restore(). */
uint32_t arch_irq_save(void);
void arch_irq_restore(uint32_t token);

/* Returns: a free-running cycle counter (the TSC on x86), independent of the platform's timers. */
uint64_t arch_cycles(void);

/* Stops the CPU for good (interrupts off). */
NORETURN void arch_halt(void);

/* ---- processes ---- */

struct arch_context;

/* Why arch_run() came back. */
enum arch_trap {
	ARCH_TRAP_SYSCALL,   /* the process made a system call, which kernel_syscall() handled */
	ARCH_TRAP_INTERRUPT, /* an interrupt arrived (its top half has run) */
	ARCH_TRAP_FAULT,     /* the process faulted; arch_report_fault() says how */
};

/* Fresh user registers: all zero, pc and sp as given, interrupts enabled, user segments. */
void arch_context_init(struct arch_context *ctx, uint32_t pc, uint32_t sp);

/*
 * Runs the process in user mode until it traps. Its memory must be switched in already. Each
 * system call is handed at once to kernel_syscall(); while that says so, the process resumes
 * without arch_run() returning.
 */
enum arch_trap arch_run(struct arch_context *ctx);

/*
 * Provided by the kernel: handles the system call ctx's process just made (class:
 * arch_syscall_class()). Runs on the kernel stack, interrupts off.
 * Returns: true to resume the process at once, false to make arch_run() return.
 */
bool kernel_syscall(struct arch_context *ctx);

/* The x87 state of ctx is dead (process exit or restart): never save it again. The process
 * must not resume before arch_run() is called again (kernel_syscall() returns false). */
void arch_context_forget(struct arch_context *ctx);

/*
 * The user registers the kernel reads and writes: arch_syscall_class, arch_user_sp,
 * arch_user_pc, arch_set_user_sp and arch_set_user_pc are provided by <arch_context.h>
 * (static inline on x86: they sit on the system-call path).
 */

/* One line naming the fault ("#PF page fault: write to 0x... , page not present"). */
void arch_fault_summary(const struct arch_context *ctx, char *buf, size_t size);
/* The full decoded report (error code, registers) through print. */
void arch_report_fault(const struct arch_context *ctx, void (*print)(const char *fmt, ...));

/*
 * Memory protection, in place of an MPU. A process may touch [text_start, text_end) read and
 * execute, [ram_start, ram_end) read and write, the shared regions read and write, nothing
 * else. All page aligned; empty shared regions are (0, 0).
 */
#define ARCH_MPU_SHARED 4 /* regions of other processes shared with this one (IPC) */

struct arch_mpu {
	uint32_t text_start, text_end;
	uint32_t ram_start, ram_end;
	uint32_t shared_start[ARCH_MPU_SHARED], shared_end[ARCH_MPU_SHARED]; /* read-write */
};

/*
 * Builds the hardware form of what mpu allows into ctx, using table: ARCH_MPU_TABLE_BYTES
 * (from <arch_context.h>) of page-aligned kernel memory, which the kernel takes from the top
 * of the process's RAM. Takes effect at the next arch_mpu_switch(ctx).
 */
void arch_mpu_configure(struct arch_context *ctx, void *table, const struct arch_mpu *mpu);

/* Puts ctx's protection in force: from now on user mode may touch what its last
 * arch_mpu_configure() allowed, and nothing else. NULL: nothing (the kernel's map alone). */
void arch_mpu_switch(const struct arch_context *ctx);
