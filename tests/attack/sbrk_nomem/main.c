/* SPDX-License-Identifier: MIT */
/* Attack: grows its heap 256 bytes at a time until the kernel says NOMEM (9), writes every byte
 * it got, asks for absurd breaks (0, 4 GiB - 1, +2 GiB, -2 GiB: each an error, never success),
 * then touches the first page past its final break: that is the grant region, supervisor-only:
 * #PF, protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life(), start = attack_break(), n = 0, end, page;
	enum error_code rc;
	void *old;

	attack_stagger();
	attack_announce("sbrk 256 bytes at a time until NOMEM");
	while ((rc = tock_sbrk(256, &old)) == ERROR_NONE)
		n++;
	end = attack_break();
	attack_expect(rc == ERROR_NOMEM && end <= attack_memop(TOCK_MEMOP_GRANT_START, 0),
		      "%u sbrks, then error %u; break 0x%08x, grant region at 0x%08x", n, rc, end,
		      attack_memop(TOCK_MEMOP_GRANT_START, 0));
	for (uint32_t a = start; a + 4 <= end; a += 4)
		attack_poke(a, a);
	attack_held("wrote all %u bytes from 0x%08x to 0x%08x", end - start, start, end);

	rc = tock_brk((void *)0);
	enum error_code rc2 = tock_brk((void *)0xffffffffu);
	enum error_code rc3 = tock_sbrk(0x7fffffff, &old);
	enum error_code rc4 = tock_sbrk(INT32_MIN, &old);
	attack_expect(rc && rc2 && rc3 && rc4 && attack_break() == end,
		      "brk 0: %u, brk 0xffffffff: %u, sbrk +2 GiB: %u, sbrk -2 GiB: %u", rc, rc2,
		      rc3, rc4);

	page = (end + ATTACK_PAGE_BYTES - 1) & ~(ATTACK_PAGE_BYTES - 1);
	attack_touch("the page past its final break", page, life & 1);
	return 1;
}
