/* SPDX-License-Identifier: MIT */
/* The kernel loop. */
#include "kernel/kernel.h"

#include "kernel/arch.h"
#include "kernel/deferred_call.h"
#include "kernel/interrupt.h"
#include "kernel/process.h"

void kernel_loop(void)
{
	for (;;) {
		if (interrupt_pending())
			interrupt_service_pending();
		if (deferred_call_pending())
			deferred_call_service();
		if (interrupt_pending() || deferred_call_pending())
			continue;
		struct process *p = sched_next();
		if (p)
			process_run(p);
		else
			arch_idle(); /* interrupts are off: nothing became pending since the check
				      */
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
