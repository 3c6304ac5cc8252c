/* SPDX-License-Identifier: MIT */
/* Attack: into. With OF clear it does nothing; with OF set it is int 4, whose gate is DPL 0:
 * #GP, error (4 << 3) | 2 = 0x22. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	__asm__ volatile("xorl %%eax, %%eax\n\tinto" ::: "eax", "cc");
	attack_held("into with OF clear did nothing");
	attack_announce("into with OF set");
	__asm__ volatile("movb $0x7f, %%al\n\t"
			 "addb $1, %%al\n\t"
			 "into" ::
			     : "eax", "cc");
	attack_breach("into with OF set came back");
	return 1;
}
