/* SPDX-License-Identifier: MIT */
/* Attack: cli, which would stop the timer from preempting it. Apps run at IOPL 0, so it
 * is #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("cli");
	__asm__ volatile("cli");
	attack_breach("cli went through");
	return 1;
}
