/* SPDX-License-Identifier: MIT */
/* Test app: jumps into its own RAM, where it copied a ret instruction. The code segment ends at
 * its text, so this must fault (#GP). Bochs and real CPUs enforce that; QEMU does not. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"

static volatile uint8_t code[4] = {0xc3}; /* ret */

int main(void)
{
	alarm_delay_ms(30);
	console_printf("exec_data: calling into RAM at 0x%08x\n", (unsigned)(uintptr_t)code);
	void (*volatile jump)(void) = (void (*)(void))(uintptr_t)code; /* no PC-relative call */
	jump();
	console_print("exec_data: executed RAM\n");
	return 1;
}
