/* SPDX-License-Identifier: MIT */
/* Attack: looks for another process's x87 registers (leak_fpu_victim's secrets) in its own for
 * 3 s: every 10 ms, after the victim had the FPU, it saves its x87 state (FNSAVE, its first x87
 * instruction after each switch) and checks that the data registers are still the zeros it
 * started with. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint8_t state[108];
	uint32_t hz, t0, now, looks = 0, dirty = 0;

	alarm_frequency(&hz);
	attack_announce("looking for another process's x87 registers for 3 s");
	alarm_now(&t0);
	do {
		alarm_delay_ms(10);
		__asm__ volatile("fnsave %0" : "=m"(state));
		looks++;
		for (unsigned i = 28; i < sizeof(state); i++)
			dirty += state[i] != 0;
		alarm_now(&now);
	} while (!dirty && now - t0 < 3 * hz);
	if (dirty) {
		const uint32_t *w = (const uint32_t *)&state[28];

		attack_breach("%u nonzero data register bytes: %08x %08x %08x", dirty, w[0], w[1],
			      w[2]);
		return 1;
	}
	attack_held("the x87 data registers stayed zero in %u looks", looks);
	return 0;
}
