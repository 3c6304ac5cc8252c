/* SPDX-License-Identifier: MIT */
/* Attack: int to hardware interrupt vectors (0x20 timer, 0x21 keyboard, 0x24 COM1, 0x2f), one
 * per life: a forged IRQ would be serviced as real. DPL 0 gates: #GP, error (vector << 3) | 2. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const uint8_t vec[4] = {0x20, 0x21, 0x24, 0x2f};

	attack_stagger();
	attack_announce("int $0x%02x", vec[life]);
	switch (life) {
	case 0:
		__asm__ volatile("int $0x20");
		break;
	case 1:
		__asm__ volatile("int $0x21");
		break;
	case 2:
		__asm__ volatile("int $0x24");
		break;
	default:
		__asm__ volatile("int $0x2f");
		break;
	}
	attack_breach("int $0x%02x came back", vec[life]);
	return 1;
}
