/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the BIOS ROM (0xf0000), then (lives 2, 3) the reset vector at
 * 0xffff0. Not mapped: page not present. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	attack_touch("the BIOS", life < 2 ? 0xf0000 : 0xffff0, life & 1);
	return 1;
}
