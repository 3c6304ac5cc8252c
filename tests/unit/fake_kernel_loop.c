/* SPDX-License-Identifier: MIT */
/* Host unit tests: the kernel loop's "is there work?" state, set by the test. */
#include "tests/unit/fake_kernel_loop.h"

#include "kernel/deferred_call.h"
#include "kernel/interrupt.h"

volatile uint32_t interrupt_pending_mask;
uint32_t deferred_call_scheduled;
