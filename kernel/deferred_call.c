/* SPDX-License-Identifier: MIT */
/* Deferred calls: a bitmask of scheduled slots. */
#include "kernel/deferred_call.h"

#include <stdint.h>

#include "kernel/panic.h"

static struct deferred_call *slots[DEFERRED_CALL_MAX];
static unsigned registered;
uint32_t deferred_call_scheduled;

void deferred_call_register(struct deferred_call *dc, void (*fn)(struct deferred_call *dc))
{
	KASSERT(registered < DEFERRED_CALL_MAX);
	dc->fn = fn;
	dc->slot = registered;
	slots[registered++] = dc;
}

void deferred_call_schedule(struct deferred_call *dc)
{
	KASSERT(dc->slot < registered && slots[dc->slot] == dc);
	deferred_call_scheduled |= 1u << dc->slot;
}

void deferred_call_service(void)
{
	uint32_t run = deferred_call_scheduled;

	deferred_call_scheduled = 0;
	while (run) {
		unsigned slot = (unsigned)__builtin_ctz(run);

		run &= run - 1;
		slots[slot]->fn(slots[slot]);
	}
}
