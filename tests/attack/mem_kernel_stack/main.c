/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the top of the kernel stack (where a trap's return state would be),
 * then, in lives 2 and 3, its guard page. The stack is supervisor-only (protection violation);
 * the guard page is not mapped at all (page not present). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	if (life < 2)
		attack_touch("the kernel stack", KSYM_x86_kernel_stack_top - 4, life & 1);
	else
		attack_touch("the kernel stack's guard page", KSYM_x86_kernel_stack_guard + 64,
			     life & 1);
	return 1;
}
