/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes VGA text memory (0xb8000), then (lives 2, 3) the VGA window at
 * 0xa0000. Outside the SRAM window nothing is mapped: page not present. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	attack_touch("VGA memory", life < 2 ? 0xb8000 : 0xa0000, life & 1);
	return 1;
}
