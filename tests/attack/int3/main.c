/* SPDX-License-Identifier: MIT */
/* Attack: the breakpoint instruction, as int3 (0xcc, lives 0 and 1) and as int $3 (0xcd 0x03).
 * Gate 3 is DPL 0 like every gate but 0x40: #GP, error (3 << 3) | 2 = 0x1a. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	if (life < 2) {
		attack_announce("int3");
		__asm__ volatile("int3");
	} else {
		attack_announce("int $3");
		__asm__ volatile(".byte 0xcd, 0x03");
	}
	attack_breach("the breakpoint came back");
	return 1;
}
