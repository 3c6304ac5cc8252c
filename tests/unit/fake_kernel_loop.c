/* SPDX-License-Identifier: MIT */
/* Host unit tests: the kernel loop's "is there work?" state, set by the test. */
#include "tests/unit/fake_kernel_loop.h"

#include "kernel/deferred_call.h"
#include "kernel/interrupt.h"

volatile uint32_t interrupt_pending_mask;
uint32_t deferred_call_scheduled;

unsigned fake_interrupt_services;
void (*fake_bottom_half)(void);

/* The bottom halves are the test's: fake_bottom_half, if set, stands for them. */
void interrupt_service_pending(void)
{
	fake_interrupt_services++;
	interrupt_pending_mask = 0;
	if (fake_bottom_half)
		fake_bottom_half();
}
