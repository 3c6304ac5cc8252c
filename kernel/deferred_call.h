/* SPDX-License-Identifier: MIT */
/* Deferred calls: work a driver or capsule asks the kernel loop to run later, outside its caller.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define DEFERRED_CALL_MAX 32

struct deferred_call {
	void (*fn)(struct deferred_call *dc); /* what to run; recover the owner with container_of */
	unsigned slot;			      /* assigned by deferred_call_register */
};

/* Gives dc a slot; at most DEFERRED_CALL_MAX may be registered (more is a kernel bug). */
void deferred_call_register(struct deferred_call *dc, void (*fn)(struct deferred_call *dc));

/* Asks for dc->fn to run once from the kernel loop; asking again before it runs is a no-op. */
void deferred_call_schedule(struct deferred_call *dc);

/* The scheduled slots (bit n: slot n). */
extern uint32_t deferred_call_scheduled;

/* Returns: whether a deferred call waits (asked after every system call: inline). */
static inline bool deferred_call_pending(void)
{
	return deferred_call_scheduled != 0;
}

/*
 * Runs every call scheduled before this one started, in slot order, each once. Calls
 * scheduled meanwhile run on the next service.
 */
void deferred_call_service(void);
