/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the GDT's user code descriptor (rewriting it to DPL 0 or a 4 GiB
 * limit would undo isolation). Supervisor-only: protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	attack_touch("the GDT's user code descriptor", KSYM_x86_gdt + 3 * 8, life & 1);
	return 1;
}
