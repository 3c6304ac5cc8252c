/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes address 0, then (lives 2, 3) the last word of page 0. Page 0 is not
 * mapped even for the kernel: page not present. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	attack_touch("address 0", life < 2 ? 0 : 0xffc, life & 1);
	return 1;
}
