/* SPDX-License-Identifier: MIT */
/* Host unit tests: a stand-in for the architecture's per-process context. */
#pragma once

#include <stdint.h>

struct arch_context {
	uint32_t pc, sp, class_reg; /* what the fake arch layer lets tests set and read */
	unsigned trap;		    /* the trap the next arch_run reports */
};

/* The user-register accessors (tests/unit/fake_arch/fake_arch.c). */
uint32_t arch_syscall_class(const struct arch_context *ctx);
uint32_t arch_user_sp(const struct arch_context *ctx);
uint32_t arch_user_pc(const struct arch_context *ctx);
void arch_set_user_sp(struct arch_context *ctx, uint32_t sp);
void arch_set_user_pc(struct arch_context *ctx, uint32_t pc);

/* The fake's tables take no memory, so the fixtures' grant layouts are the kernel's without
 * one; the fake records where the kernel put the table. (Placement and reservation on x86 are
 * checked by the boot tests: tests/attack/mem_page_tables touches the real one.) */
#define ARCH_MPU_TABLE_BYTES 0
