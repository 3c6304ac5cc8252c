/* SPDX-License-Identifier: MIT */
/* Attack: unmasks the x87 divide-by-zero exception, divides by zero (the exception is now
 * pending in the FPU) and waits: #MF, its own fault. The pending exception stays in the FPU
 * after the fault, so the next x87 state switch (the restarted app's first x87 instruction)
 * must not trip over it in the kernel. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();
	uint16_t cw = 0x037b; /* all masked but ZM */
	int32_t zero = 0;

	attack_stagger();
	attack_announce("x87 divide by zero, unmasked (life %u)", life);
	__asm__ volatile("fninit\n\t"
			 "fldcw %0\n\t"
			 "fld1\n\t"
			 "fidivl %1\n\t" /* 1 / 0: pending */
			 "fwait" ::"m"(cw),
			 "m"(zero)
			 : "memory");
	attack_breach("x87 divide by zero came back");
	return 1;
}
