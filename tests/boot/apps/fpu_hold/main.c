/* SPDX-License-Identifier: MIT */
/* Test app: keeps values in the x87 registers across sleeps (other apps run meanwhile) and
 * checks they survive. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"

int main(void)
{
	for (unsigned round = 1; round <= 3; round++) {
		uint32_t a, b;

		/* 1234 and 5678 onto the x87 stack; nothing here touches them until read back. */
		__asm__ volatile("fninit\n\t"
				 "pushl $1234\n\t"
				 "fildl (%esp)\n\t"
				 "movl $5678, (%esp)\n\t"
				 "fildl (%esp)\n\t"
				 "addl $4, %esp");
		alarm_delay_ms(30);
		__asm__ volatile("subl $8, %%esp\n\t"
				 "fistpl (%%esp)\n\t"
				 "fistpl 4(%%esp)\n\t"
				 "popl %0\n\t"
				 "popl %1"
				 : "=r"(b), "=r"(a));
		console_printf("fpu_hold: round %u: %s (%u %u)\n", round,
			       a == 1234 && b == 5678 ? "kept" : "CORRUPTED", a, b);
	}
	return 0;
}
