/* SPDX-License-Identifier: MIT */
/* Attack (Bochs only): loads the null selector into DS (legal) and reads memory through it:
 * #GP, error 0. QEMU does not check the null selector on data accesses and lets the read
 * through, so this case runs on Bochs only. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t word = 0;

	attack_stagger();
	attack_announce("read memory through DS = 0");
	__asm__ volatile("xorl %%eax, %%eax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movl (%%ebx), %%eax\n\t"
			 "movw $0x23, %%ax\n\t"
			 "movw %%ax, %%ds"
			 :
			 : "b"(&word)
			 : "eax", "memory");
	attack_breach("read through a null DS");
	return 1;
}
