/* SPDX-License-Identifier: MIT */
/* Test app: after another app filled the x87 registers, a fresh process must see none of it. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"

int main(void)
{
	uint8_t state[108];
	unsigned nonzero = 0;

	alarm_delay_ms(15); /* fpu_hold has its values loaded by now */
	__asm__ volatile("fnsave %0" : "=m"(state));
	for (unsigned i = 28; i < sizeof(state); i++) /* the eight 10-byte data registers */
		nonzero += state[i] != 0;
	console_printf("fpu_fresh: %s (%u nonzero bytes in the data registers, control 0x%04x)\n",
		       nonzero ? "LEAK" : "clean", nonzero, state[0] | state[1] << 8);
	return 0;
}
