/* SPDX-License-Identifier: MIT */
/* Test app: writes just below its own text, where the app placed before it keeps its RAM. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

int main(void)
{
	struct syscall_return r = tock_memop(4, 0); /* flash (TBF) start */
	uint32_t target = r.data[0] - 4;

	alarm_delay_ms(50);
	console_printf("attack_peer: writing another app's memory at 0x%08x\n", target);
	*(volatile uint32_t *)target = 0xbad;
	console_print("attack_peer: the write went through\n");
	return 1;
}
