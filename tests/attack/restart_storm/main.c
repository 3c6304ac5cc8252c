/* SPDX-License-Identifier: MIT */
/* Attack: exits with restart at once, life after life (each life the kernel zeroes its RAM and
 * gives it a new pid), until the alarm counter passes 3 s from boot. The others must keep their
 * share of the CPU meanwhile: the ticker goes on ticking during the storm. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life(), hz, now;

	alarm_frequency(&hz);
	alarm_now(&now);
	if (life == 0)
		attack_announce("exit-restart as fast as it can until 3 s after boot");
	else if (life % 5000 == 0)
		attack_note("life %u", life);
	if (now >= 3 * hz) {
		attack_held("%u restarts, and the kernel is still here", life);
		return 0;
	}
	tock_exit_restart(0);
}
