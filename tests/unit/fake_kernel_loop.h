/* SPDX-License-Identifier: MIT */
/* Host unit tests: the pending-work state interrupt_pending()/deferred_call_pending() read
 * (kernel/interrupt.h, kernel/deferred_call.h), set by the test instead of by the kernel. */
#pragma once

#include <stdint.h>

extern volatile uint32_t interrupt_pending_mask;
extern uint32_t deferred_call_scheduled;
extern unsigned fake_interrupt_services; /* interrupt_service_pending() calls */
extern void (*fake_bottom_half)(void);	 /* what interrupt_service_pending() runs, if set */
