/* SPDX-License-Identifier: MIT */
/* What the portable kernel needs from the CPU architecture (arch/x86 implements it; unit tests
 * link a fake). */
#pragma once

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
