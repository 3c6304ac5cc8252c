/* SPDX-License-Identifier: MIT */
/* Faults on purpose after 2 s, so the kernel's fault report and restart policy can be seen. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

#define DELAY_MS      2000
#define FAULT_VADDR   0x00000010u
#define FAULT_PATTERN 0xdeadbeefu

int main(void)
{
	uintptr_t vaddr = FAULT_VADDR;

	console_printf("%s: about to fault on purpose: writing 0x%08x to 0x%08x in %u ms\n",
		       APP_NAME, FAULT_PATTERN, (unsigned)vaddr, DELAY_MS);
	alarm_delay_ms(DELAY_MS);
	/* Hide the constant from the compiler, which would otherwise warn about a write to a
	 * near-null address. */
	__asm__("" : "+r"(vaddr));
	*(volatile uint32_t *)vaddr = FAULT_PATTERN;
	console_printf("%s: the write to 0x%08x did not fault\n", APP_NAME, (unsigned)vaddr);
	return 1;
}
