/* SPDX-License-Identifier: MIT */
/* Attack: sti. At IOPL 0 it is #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("sti");
	__asm__ volatile("sti");
	attack_breach("sti went through");
	return 1;
}
