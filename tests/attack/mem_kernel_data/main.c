/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the kernel's process table (its state, registers and memory bounds
 * of every process). Kernel data is supervisor-only: #PF, protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	attack_touch("the process table", KSYM_processes, life & 1);
	return 1;
}
