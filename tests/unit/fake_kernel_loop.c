/* SPDX-License-Identifier: MIT */
/* Host unit tests: the kernel loop's "is there work?" state, set by the test. */
#include "tests/unit/fake_kernel_loop.h"

#include "kernel/deferred_call.h"
#include "kernel/interrupt.h"

volatile uint32_t interrupt_pending_mask;
uint32_t deferred_call_scheduled;

unsigned fake_interrupt_services;

/* The bottom halves are the test's business: this only clears what was pending. */
void interrupt_service_pending(void)
{
	fake_interrupt_services++;
	interrupt_pending_mask = 0;
}
