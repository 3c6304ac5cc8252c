/* SPDX-License-Identifier: MIT */
/* Test app, IPC client: finds ipc_service by name, shares a page with it, pings, checks the
 * answer, then stops sharing and notifies it once more. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

#define IPC 0x10000

static const char service[] = "ipc_service";
static char page[4096] __attribute__((aligned(4096)));

static void answered(uint32_t svc, uint32_t len, uint32_t ptr, void *data)
{
	(void)svc, (void)len, (void)ptr, (void)data;
}

int main(void)
{
	struct syscall_return r;
	uint32_t svc;

	alarm_delay_ms(20); /* the service subscribes first */
	tock_allow_ro(IPC, 0, service, sizeof(service) - 1);
	r = tock_command(IPC, 1, 0, 0);
	if (r.variant != 129) {
		console_printf("ipc_client: discover failed: error %u\n", (unsigned)r.data[0]);
		return 1;
	}
	svc = r.data[0];
	r = tock_command(IPC, 1, 0, 0);
	tock_allow_ro(IPC, 0, "nosuchservice", 13);
	r = tock_command(IPC, 1, 0, 0);
	console_printf("ipc_client: found the service at %u; an unknown name gives error %u\n",
		       (unsigned)svc, (unsigned)r.data[0]);
	page[0] = 'p', page[1] = 'i', page[2] = 'n', page[3] = 'g';
	tock_allow_rw(IPC, svc, page, sizeof(page));
	tock_subscribe(IPC, svc, answered, NULL);
	tock_command(IPC, 2, svc, 0);
	tock_yield_wait_for(IPC, svc);
	console_printf("ipc_client: answer %.4s\n", page);
	tock_allow_rw(IPC, svc, NULL, 0);
	tock_command(IPC, 2, svc, 0);
	alarm_delay_ms(50);
	return 0;
}
