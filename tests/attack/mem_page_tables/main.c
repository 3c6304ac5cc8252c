/* SPDX-License-Identifier: MIT */
/* Attack: reads the page directory, writes the kernel's first page table, then (lives 2, 3)
 * reads and writes the app's own page table, the top page of its RAM (memop 3 is RAM's end).
 * Writing any of them would hand the app any memory it likes. Supervisor-only: protection
 * violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	if (life == 0)
		attack_touch("the page directory", KSYM_page_dir, false);
	else if (life == 1)
		attack_touch("a page table", KSYM_pt_pool + 4 * (KSYM_kernel_text_start >> 12),
			     true);
	else
		attack_touch("its own page table", attack_memop(3, 0) - 4096, life & 1);
	return 1;
}
