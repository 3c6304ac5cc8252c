/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes where a PC's local APIC (0xfee00000) and I/O APIC (0xfec00000)
 * registers live. Device memory is not mapped: page not present. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	if (life < 2)
		attack_touch("the local APIC", 0xfee00020, life & 1);
	else
		attack_touch("the I/O APIC", 0xfec00000, life & 1);
	return 1;
}
