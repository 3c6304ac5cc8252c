/* SPDX-License-Identifier: MIT */
/* x86: what the kernel keeps per process for the CPU (found via -I arch/x86/include). */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86/trap.h"

#define X86_FPU_STATE_BYTES 108 /* FNSAVE image in 32-bit protected mode (SDM 1 8.1.10) */

/* A process's protection is its own page table for the 4 MiB that hold the apps. */
#define ARCH_MPU_TABLE_BYTES 4096

struct arch_context {
	struct trap_frame tf; /* user registers; a trap from ring 3 writes them here directly */
	uint32_t cr2;	      /* faulting address of the last #PF */
	uint32_t *page_table; /* its map of the apps' 4 MiB (arch_mpu_configure), or NULL */
	uint64_t code_desc;   /* its user code segment: limit = end of its text */
	bool fpu_used;	      /* fpu_state holds this process's x87 state (else: never used) */
	uint8_t fpu_state[X86_FPU_STATE_BYTES] __attribute__((aligned(4)));
};

static inline uint32_t arch_syscall_class(const struct arch_context *ctx)
{
	return ctx->tf.eax;
}

static inline uint32_t arch_user_sp(const struct arch_context *ctx)
{
	return ctx->tf.esp;
}

static inline uint32_t arch_user_pc(const struct arch_context *ctx)
{
	return ctx->tf.eip;
}

static inline void arch_set_user_sp(struct arch_context *ctx, uint32_t sp)
{
	ctx->tf.esp = sp;
}

static inline void arch_set_user_pc(struct arch_context *ctx, uint32_t pc)
{
	ctx->tf.eip = pc;
}
