/* SPDX-License-Identifier: MIT */
/* Attack: hlt, which would stop the CPU until the next interrupt. Privileged: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("hlt");
	__asm__ volatile("hlt");
	attack_breach("hlt went through");
	return 1;
}
