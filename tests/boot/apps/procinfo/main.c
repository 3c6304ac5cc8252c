/* SPDX-License-Identifier: MIT */
/* Test app: lists the processes through the process info driver (0x10002). */
#include <stdint.h>

#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

#define PROCESS_INFO 0x10002

static uint32_t words[16];
static char name[32];

int main(void)
{
	struct syscall_return r;

	tock_allow_rw(PROCESS_INFO, 0, words, sizeof(words));
	r = tock_command(PROCESS_INFO, 1, 0, 0);
	console_printf("procinfo: %u processes\n", (unsigned)r.data[0]);
	r = tock_command(PROCESS_INFO, 2, 0, 0);
	uint32_t n = r.data[0], pids[8];
	for (uint32_t i = 0; i < n && i < 8; i++)
		pids[i] = words[i];
	for (uint32_t i = 0; i < n && i < 8; i++) {
		tock_allow_rw(PROCESS_INFO, 0, name, sizeof(name));
		r = tock_command(PROCESS_INFO, 4, pids[i], 0);
		tock_allow_rw(PROCESS_INFO, 0, words, sizeof(words));
		tock_command(PROCESS_INFO, 5, pids[i], 0);
		uint32_t state = words[3], restarts = words[2];
		tock_command(PROCESS_INFO, 6, pids[i], 0);
		console_printf("procinfo: pid %u name %s state %u restarts %u RAM %u bytes\n",
			       (unsigned)pids[i], r.variant == 128 ? name : "?", (unsigned)state,
			       (unsigned)restarts, (unsigned)words[3]);
	}
	r = tock_command(PROCESS_INFO, 10, pids[0], 2);
	console_printf("procinfo: command 10 -> variant %u error %u\n", (unsigned)r.variant,
		       (unsigned)r.data[0]);
	return 0;
}
