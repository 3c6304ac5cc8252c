/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the TSS's esp0 (the stack the CPU switches to on every trap), then
 * (lives 2, 3) the double-fault task's TSS. Supervisor-only: protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	if (life < 2)
		attack_touch("the TSS's esp0", KSYM_x86_tss + 4, life & 1);
	else
		attack_touch("the double-fault TSS", KSYM_x86_df_tss + 4, life & 1);
	return 1;
}
