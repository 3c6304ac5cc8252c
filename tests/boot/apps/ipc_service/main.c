/* SPDX-License-Identifier: MIT */
/* Test app, IPC service: answers "ping" with "pong" in the client's shared buffer; when the
 * client stops sharing, touches the old buffer anyway, which must fault. */
#include <stdint.h>

#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

#define IPC 0x10000

static const char my_name[] = "ipc_service";
static volatile uint32_t last_ptr;

static void request(uint32_t client, uint32_t len, uint32_t ptr, void *data)
{
	char *buf = (char *)(uintptr_t)ptr;

	(void)data;
	if (len) {
		console_printf("ipc_service: client %u shares %u bytes: %.4s\n", (unsigned)client,
			       (unsigned)len, buf);
		buf[1] = 'o';
		last_ptr = ptr;
		tock_command(IPC, 3, client, 0);
		return;
	}
	console_printf("ipc_service: client %u no longer shares; touching 0x%08x anyway\n",
		       (unsigned)client, (unsigned)last_ptr);
	*(volatile char *)(uintptr_t)last_ptr = 'x';
	console_print("ipc_service: the write went through\n");
}

int main(void)
{
	struct syscall_return r;

	tock_allow_ro(IPC, 0, my_name, sizeof(my_name) - 1);
	r = tock_command(IPC, 1, 0, 0); /* our own index: services subscribe there */
	tock_subscribe(IPC, r.data[0], request, NULL);
	console_printf("ipc_service: ready at index %u\n", (unsigned)r.data[0]);
	for (;;)
		tock_yield_wait();
}
