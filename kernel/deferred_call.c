/* SPDX-License-Identifier: MIT */
/* Deferred calls: a bitmask of scheduled slots. */
#include "kernel/deferred_call.h"

#include <stdint.h>

#include "kernel/panic.h"

static struct deferred_call *slots[DEFERRED_CALL_MAX];
static unsigned registered;
static uint32_t scheduled;

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
	scheduled |= 1u << dc->slot;
}

bool deferred_call_pending(void)
{
	return scheduled != 0;
}

void deferred_call_service(void)
{
	uint32_t run = scheduled;

	scheduled = 0;
	while (run) {
		unsigned slot = (unsigned)__builtin_ctz(run);

		run &= run - 1;
		slots[slot]->fn(slots[slot]);
	}
}
