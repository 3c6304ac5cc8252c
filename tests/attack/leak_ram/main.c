/* SPDX-License-Identifier: MIT */
/* Attack: stale memory. Life 0 checks that the padding of its text pages (past its TBF) and all
 * its RAM are zero, fills its heap (all RAM up to the grant region) and free stack with a
 * pattern, and exits with restart; life 1 looks for the pattern, fills again and faults (ud2,
 * so the fault policy restarts it); life 2 looks again. The kernel zeroes a process's RAM on
 * every start: no word of an earlier life may survive. */
#include "tests/attack/lib/attack.h"

#define PATTERN 0x5ec1e7edu

/* Words of [start, end) equal to value (nonzero: words not zero). */
static uint32_t count(uint32_t start, uint32_t end, uint32_t value, bool nonzero)
{
	uint32_t n = 0;

	for (uint32_t a = start; a + 4 <= end; a += 4) {
		uint32_t w = *(volatile uint32_t *)(uintptr_t)a;

		n += nonzero ? w != 0 : w == value;
	}
	return n;
}

int main(void)
{
	uint32_t life = attack_life(), ram = attack_memop(TOCK_MEMOP_RAM_START, 0);
	uint32_t heap = attack_break(), end, stack_end, found;
	struct attack_proc me;
	void *old;

	stack_end = ((uint32_t)(uintptr_t)&old - 512) & ~3u;
	while (tock_sbrk(256, &old) == ERROR_NONE)
		;
	end = attack_break();
	if (life == 0 && attack_find(APP_NAME, &me)) {
		uint32_t tbf = attack_memop(TOCK_MEMOP_FLASH_START, 0);
		uint32_t tbf_end = tbf + attack_peek(tbf + 4); /* total_size */
		uint32_t text_end = me.text_start + me.text_bytes;

		attack_announce("scanning fresh memory for leftovers");
		found = count(me.text_start, tbf, 0, true) + count(tbf_end, text_end, 0, true);
		attack_expect(found == 0,
			      "text padding 0x%08x-0x%08x, 0x%08x-0x%08x: %u nonzero words",
			      me.text_start, tbf, tbf_end, text_end, found);
		found = count(heap, end, 0, true);
		attack_expect(found == 0, "RAM 0x%08x-0x%08x: %u nonzero words", heap, end, found);
	} else if (life <= 2) {
		attack_announce("life %u: looking for the pattern of the last life", life);
		found = count(heap, end, PATTERN, false) + count(ram, stack_end, PATTERN, false);
		attack_expect(found == 0,
			      "life %u: %u stale words in 0x%08x-0x%08x and 0x%08x-0x%08x", life,
			      found, ram, stack_end, heap, end);
	}
	if (life >= 2)
		return 0;
	for (uint32_t a = heap; a + 4 <= end; a += 4)
		*(volatile uint32_t *)(uintptr_t)a = PATTERN;
	for (uint32_t a = ram; a + 4 <= stack_end; a += 4)
		*(volatile uint32_t *)(uintptr_t)a = PATTERN;
	if (life == 0)
		tock_exit_restart(0);
	attack_announce("ud2 with its RAM full of the pattern");
	__asm__ volatile("ud2");
	return 1;
}
