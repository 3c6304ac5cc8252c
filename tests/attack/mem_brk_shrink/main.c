/* SPDX-License-Identifier: MIT */
/* Attack: uses the page its break is in, gives the page back with brk (moving the break down
 * to the page's start) and touches the page again. The page must be taken away at once
 * (supervisor-only again): #PF, protection violation. */
#include "tests/attack/lib/attack.h"

extern char _app_ram_end[]; /* linker/app.ld: the end of its stack, .data and .bss */

int main(void)
{
	uint32_t life = attack_life();
	uint32_t old = attack_break();
	uint32_t page = old & ~(ATTACK_PAGE_BYTES - 1);
	enum error_code rc;

	attack_stagger();
	if (page == old || page < (uint32_t)(uintptr_t)_app_ram_end) {
		attack_note("its break 0x%08x leaves no page to give back", old);
		return 1;
	}
	attack_poke(page, 0x1234);
	attack_held("wrote the page its break is in at 0x%08x", page);
	rc = tock_brk((void *)(uintptr_t)page);
	if (rc != ERROR_NONE) {
		attack_note("brk down to 0x%08x: error %u", page, rc);
		return 1;
	}
	attack_touch("the page it gave back", page, life & 1);
	return 1;
}
