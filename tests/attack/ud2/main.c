/* SPDX-License-Identifier: MIT */
/* Attack: ud2, the defined invalid opcode: #UD. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("ud2");
	__asm__ volatile("ud2");
	attack_breach("ud2 came back");
	return 1;
}
