/* SPDX-License-Identifier: MIT */
/* Conformance: exit-restart (ABI.md "Exit"): the process starts again, as a new process id.
 * Life 1 notes its pid and restarts; life 2 (process info counts one restart) notes its pid,
 * and the runner checks the two differ. */
#include "tests/abi/lib/abi.h"

static uint32_t marker = 0x600d; /* .data: life 1 changes it, life 2 must see it fresh */
static uint8_t buf[8];
static unsigned ran;

static void upcall(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	(void)a0, (void)a1, (void)a2, (void)data;
	ran++;
}

int main(void)
{
	struct syscall_return r;
	uint32_t pid, stats[4];
	char got[64];

	abi_begin(APP_NAME);
	if (!abi_procinfo_pid(APP_NAME, false, &pid) || !abi_procinfo_stats(pid, stats)) {
		abi_case(false, "process info gives this process's pid and restart count",
			 "process info commands 2, 4 or 5 failed");
		return abi_done();
	}
	if (stats[2] == 0) {
		abi_note("life 1: pid %u; exit-restart with completion code 3 next", pid);
		marker = 0xbad;
		/* State the next life must not inherit: an upcall, an allow, an alarm. */
		tock_subscribe(ABI_ALARM, 0, upcall, (void *)0x11fe);
		tock_allow_rw(ABI_CONSOLE, 1, buf, sizeof(buf));
		tock_command(ABI_ALARM, 5, 2, 0);
		r = abi_raw(TOCK_CLASS_EXIT, TOCK_EXIT_RESTART, 3, 0, 0);
		abi_describe(r, got, sizeof(got));
		abi_case(false, "exit-restart does not return", "it returned %s", got);
		return abi_done();
	}
	abi_note("life 2: pid %u, restarts %u", pid, stats[2]);
	abi_case(stats[2] == 1, "exit-restart starts the app again (process info: 1 restart)",
		 "%u restarts", stats[2]);
	abi_case(marker == 0x600d, "the restarted app starts from its image (.data fresh)",
		 "marker 0x%x", marker);
	r = tock_subscribe(ABI_ALARM, 0, upcall, (void *)0x21fe);
	abi_expect_2u32(r, 0, 0, "after exit-restart the first subscribe returns (0, 0) again");
	r = tock_allow_rw(ABI_CONSOLE, 1, NULL, 0);
	abi_expect_2u32(r, 0, 0, "after exit-restart the first RW allow returns (0, 0) again");
	abi_spin_ticks(5);
	abi_drain();
	abi_case(ran == 0, "no upcall of the previous life reaches the new one (its alarm)",
		 "%u ran", ran);
	return abi_done();
}
