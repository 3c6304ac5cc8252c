/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the page directory, then (lives 2, 3) the first page table; writing
 * either would hand the app any memory it likes. Supervisor-only: protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	if (life < 2)
		attack_touch("the page directory", KSYM_page_dir, life & 1);
	else
		attack_touch("a page table", KSYM_pt_pool + 4 * (KSYM_kernel_text_start >> 12),
			     life & 1);
	return 1;
}
