/* SPDX-License-Identifier: MIT */
/* Test app: tries to turn interrupts off with popf (ignored at IOPL 0), then spins forever. */
#include "apps/runtime/console.h"

int main(void)
{
	console_print("spin: clearing IF with popf and spinning forever\n");
	__asm__ volatile("pushfl\n\t"
			 "andl $~0x200, (%esp)\n\t"
			 "popfl\n"
			 "1:\tjmp 1b");
	return 1;
}
