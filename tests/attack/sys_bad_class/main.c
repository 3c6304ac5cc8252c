/* SPDX-License-Identifier: MIT */
/* Attack: system call classes and yield variants that do not exist (class 8, class 0xffffffff,
 * yield variant 3, yield variant 0xffffffff), one per life. Upstream faults the process:
 * "unknown system call class N" / "unknown yield variant N". */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;

	attack_stagger();
	switch (life) {
	case 0:
	case 1: {
		uint32_t class = life ? 0xffffffffu : 8;

		attack_announce("system call class %u", class);
		tock_syscall4(class, 0, 0, 0, 0);
		attack_breach("class %u returned", class);
		break;
	}
	default: {
		uint32_t variant = life == 2 ? 3 : 0xffffffffu;

		attack_announce("yield variant %u", variant);
		tock_syscall4(TOCK_CLASS_YIELD, variant, 0, 0, 0);
		attack_breach("yield variant %u returned", variant);
		break;
	}
	}
	return 1;
}
