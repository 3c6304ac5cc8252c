/* SPDX-License-Identifier: MIT */
/* Says hello with the addresses the kernel put the app at, then exits with success. */
#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

int main(void)
{
	console_printf("Hello from %s, pid-agnostic: binary at 0x%08x, RAM at 0x%08x\n", APP_NAME,
		       (unsigned)tock_start_info.binary_start, (unsigned)tock_start_info.ram_start);
	return 0;
}
