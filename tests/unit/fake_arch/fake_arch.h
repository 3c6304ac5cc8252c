/* SPDX-License-Identifier: MIT */
/* Host unit tests: a fake architecture layer (kernel/arch.h) that records what the kernel asks. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <arch_context.h>

#include "kernel/arch.h"

#define FAKE_ARCH_RUNS_MAX 16 /* traps a test may queue */
#define FAKE_ARCH_MPU_LOG  16 /* arch_mpu_switch calls remembered */
#define FAKE_ARCH_CONTEXTS 16 /* contexts whose configured protection is remembered */

/* One arch_mpu_switch() call: to NULL is recorded as has_to false; else what ctx was last
 * configured with (arch_mpu_configure). */
struct fake_mpu_call {
	bool has_to;
	const struct arch_context *ctx;
	struct arch_mpu to;
};

/* What arch_run() does next: optionally sets up a system call frame, then reports trap. */
struct fake_arch_run {
	enum arch_trap trap;
	bool syscall_frame; /* write args at sp and set the class before trapping */
	uint32_t sp;	    /* user sp at the trap (syscall_frame only) */
	uint32_t class_reg; /* syscall class (syscall_frame only) */
	uint32_t args[4];   /* r0..r3 (syscall_frame only) */
};

struct fake_arch {
	struct fake_arch_run queue[FAKE_ARCH_RUNS_MAX];
	unsigned queued, next;	  /* queue[next .. queued) still to run */
	unsigned runs;		  /* arch_run calls */
	unsigned unexpected_runs; /* arch_run calls with nothing queued (they fail the test) */
	unsigned inits, forgets, fault_summaries, fault_reports;
	struct arch_context *last_forgotten;
	unsigned mpu_calls; /* total; the first FAKE_ARCH_MPU_LOG are in mpu[] */
	struct fake_mpu_call mpu[FAKE_ARCH_MPU_LOG];
	unsigned mpu_configures; /* arch_mpu_configure calls */
	struct {
		const struct arch_context *ctx;
		struct arch_mpu mpu;
		void *table; /* the memory the kernel gave it */
	} configured[FAKE_ARCH_CONTEXTS];
	const struct arch_context *in_force; /* last arch_mpu_switch */
	bool in_force_stale;		     /* configured again since it was switched in */
	unsigned syscalls_resumed;	     /* kernel_syscall said resume, so arch_run went on */
	uint64_t cycles;
	unsigned idles;
	uint32_t irq_token; /* what arch_irq_save returns next */
	unsigned irq_saves, irq_restores;
};

extern struct fake_arch fake_arch;

/* Forgets everything recorded and queued (but what each context was configured with). */
void fake_arch_reset(void);

/* What ctx was last configured with, and the table memory it got (fails the test if it never
 * was configured). */
const struct arch_mpu *fake_arch_configured(const struct arch_context *ctx);
void *fake_arch_table(const struct arch_context *ctx);

/* Queues the trap the next arch_run() reports. */
void fake_arch_queue_trap(enum arch_trap trap);

/* Queues a departure: arch_run() reports a handled system call that did not resume, so
 * process_run() returns (where a test wants the process to stop running). */
void fake_arch_queue_leave(void);

/* Queues a system call: at arch_run(), the 4 words go to sp (identity-mapped) and sp and the
 * class are set in the context. */
void fake_arch_queue_syscall(uint32_t sp, uint32_t class_reg, uint32_t r0, uint32_t r1, uint32_t r2,
			     uint32_t r3);
