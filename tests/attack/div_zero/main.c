/* SPDX-License-Identifier: MIT */
/* Attack: integer division faults, one per life: divl by 0, idivl of INT_MIN by -1 (quotient
 * overflow), aam 0, divb by 0. All #DE. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {"divl by 0", "idivl 0x80000000 by -1", "aam 0",
					   "divb by 0"};

	attack_stagger();
	attack_announce("%s", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("movl $1, %%eax\n\txorl %%edx, %%edx\n\txorl %%ecx, %%ecx\n\t"
				 "divl %%ecx" ::
				     : "eax", "ecx", "edx", "cc");
		break;
	case 1:
		__asm__ volatile("movl $0x80000000, %%eax\n\tcltd\n\tmovl $-1, %%ecx\n\t"
				 "idivl %%ecx" ::
				     : "eax", "ecx", "edx", "cc");
		break;
	case 2:
		__asm__ volatile(".byte 0xd4, 0x00" ::: "eax", "cc"); /* aam 0 */
		break;
	default:
		__asm__ volatile("movw $1, %%ax\n\txorb %%cl, %%cl\n\tdivb %%cl" ::
				     : "eax", "ecx", "cc");
		break;
	}
	attack_breach("%s came back", how[life]);
	return 1;
}
