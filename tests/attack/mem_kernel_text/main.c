/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the kernel's code (x86_trap, the C entry of every trap), in turn in
 * each life. Kernel text is supervisor-only and read-only: #PF, protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	attack_touch("kernel text (x86_trap)", KSYM_x86_trap, life & 1);
	return 1;
}
