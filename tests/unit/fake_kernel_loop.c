/* SPDX-License-Identifier: MIT */
/* Host unit tests: the kernel loop's "is there work?" queries, answered by the test. */
#include "tests/unit/fake_kernel_loop.h"

#include "kernel/deferred_call.h"
#include "kernel/interrupt.h"

bool fake_interrupt_pending;
bool fake_deferred_call_pending;

bool interrupt_pending(void)
{
	return fake_interrupt_pending;
}

bool deferred_call_pending(void)
{
	return fake_deferred_call_pending;
}
