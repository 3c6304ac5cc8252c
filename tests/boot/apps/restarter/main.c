/* SPDX-License-Identifier: MIT */
/* Test app: checks its RAM and heap are zero, dirties them, then exits with restart: each new
 * life must find them zero again. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

static uint32_t marker[64]; /* .bss */

int main(void)
{
	void *heap;
	unsigned dirty = 0;

	for (unsigned i = 0; i < 64; i++)
		dirty += marker[i] != 0;
	if (tock_sbrk(256, &heap) != ERROR_NONE) {
		console_print("restarter: sbrk failed\n");
		return 1;
	}
	for (unsigned i = 0; i < 64; i++)
		dirty += ((volatile uint32_t *)heap)[i] != 0;
	console_printf("restarter: life with %s memory (%u dirty words)\n",
		       dirty ? "DIRTY" : "zeroed", dirty);
	for (unsigned i = 0; i < 64; i++)
		marker[i] = ((volatile uint32_t *)heap)[i] = 0xa5a5a5a5;
	alarm_delay_ms(20);
	tock_exit_restart(0);
	return 1;
}
