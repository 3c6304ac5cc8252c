/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes its own grant region (the kernel's per-process state: upcall queue,
 * upcall and allow slots), found with memop 6; lives 2 and 3 take the region's last word. The
 * grant pages are supervisor-only: protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();
	uint32_t grant = attack_memop(TOCK_MEMOP_GRANT_START, 0);
	uint32_t ram_end = attack_memop(TOCK_MEMOP_RAM_END, 0);

	attack_stagger();
	attack_touch("its own grant region", life < 2 ? grant : ram_end - 4, life & 1);
	return 1;
}
