/* SPDX-License-Identifier: MIT */
/* Attack: int to vectors the kernel does not use (0x30, 0x41 next to the system call, 0x80 as
 * Linux's, 0xff), one per life. DPL 0 gates: #GP, error (vector << 3) | 2. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const uint8_t vec[4] = {0x30, 0x41, 0x80, 0xff};

	attack_stagger();
	attack_announce("int $0x%02x", vec[life]);
	switch (life) {
	case 0:
		__asm__ volatile("int $0x30");
		break;
	case 1:
		__asm__ volatile("int $0x41");
		break;
	case 2:
		__asm__ volatile("int $0x80");
		break;
	default:
		__asm__ volatile("int $0xff");
		break;
	}
	attack_breach("int $0x%02x came back", vec[life]);
	return 1;
}
