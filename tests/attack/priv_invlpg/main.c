/* SPDX-License-Identifier: MIT */
/* Attack: invlpg on its own stack's page (flushing TLB entries is the kernel's business).
 * Privileged: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("invlpg");
	__asm__ volatile("invlpg (%%esp)" ::: "memory");
	attack_breach("invlpg went through");
	return 1;
}
