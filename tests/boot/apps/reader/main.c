/* SPDX-License-Identifier: MIT */
/* Test app: reads 5 bytes from the console driver, echoes them, then checks abort. */
#include <stdint.h>

#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

#define CONSOLE 1

static char buf[8];

static void read_done(uint32_t status, uint32_t len, uint32_t unused, void *data)
{
	(void)status, (void)len, (void)unused, (void)data;
}

int main(void)
{
	struct syscall_return r;
	struct tock_upcall_args done;

	tock_subscribe(CONSOLE, 2, read_done, NULL);
	tock_allow_rw(CONSOLE, 1, buf, sizeof(buf));
	console_print("reader: waiting for 5 bytes\n");
	r = tock_command(CONSOLE, 2, 5, 0);
	if (r.variant != 128) {
		console_printf("reader: read refused: error %u\n", (unsigned)r.data[0]);
		return 1;
	}
	done = tock_yield_wait_for(CONSOLE, 2);
	console_printf("reader: got %u bytes, status %u: %.5s\n", (unsigned)done.arg[1],
		       (unsigned)done.arg[0], buf);
	/* A read nobody answers, aborted: CANCEL (8) and 0 bytes. */
	tock_command(CONSOLE, 2, 5, 0);
	tock_command(CONSOLE, 3, 0, 0);
	done = tock_yield_wait_for(CONSOLE, 2);
	console_printf("reader: aborted read: status %u, %u bytes\n", (unsigned)done.arg[0],
		       (unsigned)done.arg[1]);
	return 0;
}
