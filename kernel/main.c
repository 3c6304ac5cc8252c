/* SPDX-License-Identifier: MIT */
/* The kernel loop. */
#include "kernel/kernel.h"

#include "kernel/arch.h"
#include "kernel/deferred_call.h"
#include "kernel/interrupt.h"

void kernel_loop(void)
{
	for (;;) {
		interrupt_service_pending();
		deferred_call_service();
		/* Interrupts are off here, so nothing becomes pending between check and idle. */
		if (!interrupt_pending() && !deferred_call_pending())
			arch_idle();
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
