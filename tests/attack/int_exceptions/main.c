/* SPDX-License-Identifier: MIT */
/* Attack: int to exception vectors (0 divide error, 8 double fault, 13 #GP, 14 #PF), one per
 * life, which would run the kernel's handlers with a forged frame. Every gate but 0x40 is DPL 0:
 * #GP with error code (vector << 3) | 2 ("int to a kernel-only vector"). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const uint8_t vec[4] = {0x00, 0x08, 0x0d, 0x0e};

	attack_stagger();
	attack_announce("int $0x%02x", vec[life]);
	switch (life) {
	case 0:
		__asm__ volatile("int $0x00");
		break;
	case 1:
		__asm__ volatile("int $0x08");
		break;
	case 2:
		__asm__ volatile("int $0x0d");
		break;
	default:
		__asm__ volatile("int $0x0e");
		break;
	}
	attack_breach("int $0x%02x came back", vec[life]);
	return 1;
}
