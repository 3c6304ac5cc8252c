/* SPDX-License-Identifier: MIT */
/* Attack: rdmsr of MSR 0x10, the time-stamp counter. Privileged: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("rdmsr 0x10");
	__asm__ volatile("movl $0x10, %%ecx\n\trdmsr" ::: "eax", "ecx", "edx");
	attack_breach("rdmsr 0x10 went through");
	return 1;
}
