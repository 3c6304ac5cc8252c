/* SPDX-License-Identifier: MIT */
/* Attack: wbinvd (write back and invalidate every cache). Privileged: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("wbinvd");
	__asm__ volatile("wbinvd");
	attack_breach("wbinvd went through");
	return 1;
}
