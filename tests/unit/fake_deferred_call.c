/* SPDX-License-Identifier: MIT */
/* Host unit tests: deferred calls with the kernel's semantics and a reset between tests. */
#include "tests/unit/fake_deferred_call.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static struct deferred_call *slots[DEFERRED_CALL_MAX];
uint32_t deferred_call_scheduled; /* read by deferred_call_pending() */
static unsigned registered;

void fake_deferred_call_reset(void)
{
	for (unsigned i = 0; i < DEFERRED_CALL_MAX; i++)
		slots[i] = NULL;
	deferred_call_scheduled = 0;
	registered = 0;
}

void deferred_call_register(struct deferred_call *dc, void (*fn)(struct deferred_call *dc))
{
	assert_true(registered < DEFERRED_CALL_MAX);
	dc->fn = fn;
	dc->slot = registered;
	slots[registered++] = dc;
}

void deferred_call_schedule(struct deferred_call *dc)
{
	assert_true(dc->slot < registered && slots[dc->slot] == dc);
	deferred_call_scheduled |= 1u << dc->slot;
}

/* As the kernel's: each call scheduled before this pass runs once; later ones wait a pass. */
void deferred_call_service(void)
{
	uint32_t run = deferred_call_scheduled;

	deferred_call_scheduled = 0;
	for (unsigned i = 0; i < registered; i++)
		if (run & (1u << i))
			slots[i]->fn(slots[i]);
}

unsigned fake_deferred_call_run(unsigned max_passes)
{
	unsigned passes = 0;

	while (deferred_call_pending() && passes < max_passes) {
		deferred_call_service();
		passes++;
	}
	return passes;
}
