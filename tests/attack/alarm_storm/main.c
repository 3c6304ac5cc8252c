/* SPDX-License-Identifier: MIT */
/* Attack: an alarm every tick of the alarm counter for 1.5 s: it re-arms for 1 tick (life 0) or
 * 0 ticks (life 1) as soon as the last one fired, as fast as the kernel delivers. The ticker must
 * keep its one-second cadence; this app gets only its own upcalls. */
#include "tests/attack/lib/attack.h"

#define ALARM 0

static void fired(uint32_t a, uint32_t b, uint32_t c, void *d)
{
	(void)a, (void)b, (void)c, (void)d;
}

int main(void)
{
	uint32_t life = attack_life(), dt = life & 1 ? 0 : 1, hz, t0, now, n = 0;

	if (life >= 2)
		return 0;
	alarm_frequency(&hz);
	attack_stagger();
	attack_announce("alarm every %u ticks for 1.5 s (life %u)", dt, life);
	tock_subscribe(ALARM, 0, fired, NULL);
	alarm_now(&t0);
	do {
		if (tock_return_is_success(tock_command(ALARM, 5, dt, 0))) {
			tock_yield_wait_for(ALARM, 0);
			n++;
		}
		alarm_now(&now);
	} while (now - t0 < hz + hz / 2);
	attack_held("%u alarms of %u ticks in 1.5 s (%u Hz counter)", n, dt, hz);
	tock_exit_restart(0);
}
