/* SPDX-License-Identifier: MIT */
/* The kernel loop. */
#include "kernel/kernel.h"

#include "kernel/arch.h"
#include "kernel/deferred_call.h"
#include "kernel/interrupt.h"
#include "kernel/process.h"

void kernel_loop(void)
{
	/*
	 * One thing a turn: bottom halves, else deferred calls, else a process, else idle.
	 * Interrupts are off here (kernel/arch.h): nothing becomes pending between the checks.
	 */
	for (;;) {
		if (interrupt_pending()) {
			interrupt_service_pending();
		} else if (deferred_call_pending()) {
			deferred_call_service();
		} else {
			struct process *p = sched_next();

			if (p)
				process_run(p);
			else
				arch_idle(); /* until an interrupt */
		}
	}
}

static struct kernel_layout layout;

void kernel_set_layout(const struct kernel_layout *l)
{
	layout = *l;
}

const struct kernel_layout *kernel_get_layout(void)
{
	return &layout;
}
