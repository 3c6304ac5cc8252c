/* SPDX-License-Identifier: MIT */
/* Attack: wrmsr of MSR 0x10, the time-stamp counter. Privileged: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("wrmsr 0x10");
	__asm__ volatile("movl $0x10, %%ecx\n\txorl %%eax, %%eax\n\txorl %%edx, %%edx\n\twrmsr" ::
			     : "eax", "ecx", "edx");
	attack_breach("wrmsr 0x10 went through");
	return 1;
}
