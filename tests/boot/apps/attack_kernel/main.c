/* SPDX-License-Identifier: MIT */
/* Test app: reads, then writes, the kernel's memory; the write must fault this app only. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"

#define KERNEL_TEXT 0x00010000u /* platform/qemu-pc: the kernel's first page */

int main(void)
{
	alarm_delay_ms(50); /* let the others get going */
	console_printf("attack_kernel: writing the kernel at 0x%08x\n", KERNEL_TEXT);
	*(volatile uint32_t *)KERNEL_TEXT = 0xbad;
	console_print("attack_kernel: the write went through\n");
	return 1;
}
