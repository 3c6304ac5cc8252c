/* SPDX-License-Identifier: MIT */
/* Attack: writes to the console as fast as the driver takes it, 2 KiB at a time, for 2 s.
 * The other apps' lines must still come out whole and in time (writes are served round robin),
 * and the kernel's own messages (fault reports) must not be lost. */
#include "tests/attack/lib/attack.h"

#define CONSOLE 1
#define LINE	64

static char flood[32 * LINE];

int main(void)
{
	uint32_t hz, t0, now, bytes = 0, writes = 0;

	for (unsigned i = 0; i < sizeof(flood); i++)
		flood[i] = i % LINE == LINE - 1 ? '\n' : "console_flood: "[MIN(i % LINE, 15u)];
	for (unsigned i = 0; i < sizeof(flood); i += LINE)
		memcpy(&flood[i + 15], "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 48);
	alarm_frequency(&hz);
	attack_stagger();
	attack_announce("flooding the console for 2 s");
	alarm_now(&t0);
	do {
		tock_allow_ro(CONSOLE, 1, flood, sizeof(flood));
		if (tock_return_is_success(tock_command(CONSOLE, 1, sizeof(flood), 0)))
			bytes += tock_yield_wait_for(CONSOLE, 1).arg[0];
		writes++;
		alarm_now(&now);
	} while (now - t0 < 2 * hz);
	tock_allow_ro(CONSOLE, 1, NULL, 0);
	attack_held("flooded %u bytes in %u writes", bytes, writes);
	return 0;
}
