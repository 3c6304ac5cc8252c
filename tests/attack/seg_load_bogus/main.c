/* SPDX-License-Identifier: MIT */
/* Attack: loads selectors that name nothing usable: 0x38 (past the GDT's end) into DS, 0x07
 * (the LDT, which does not exist) into ES, 0xfffb into FS, the double-fault TSS 0x30 into GS.
 * #GP with the selector's index as error code. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {"DS = 0x38 (past the GDT)", "ES = 0x07 (no LDT)",
					   "FS = 0xfffb", "GS = 0x30 (double-fault TSS)"};

	attack_stagger();
	attack_announce("load %s", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("movw $0x38, %%ax\n\tmovw %%ax, %%ds\n\t"
				 "movw $0x23, %%ax\n\tmovw %%ax, %%ds" ::
				     : "eax");
		break;
	case 1:
		__asm__ volatile("movw $0x07, %%ax\n\tmovw %%ax, %%es\n\t"
				 "movw $0x23, %%ax\n\tmovw %%ax, %%es" ::
				     : "eax");
		break;
	case 2:
		__asm__ volatile("movw $0xfffb, %%ax\n\tmovw %%ax, %%fs" ::: "eax");
		break;
	default:
		__asm__ volatile("movw $0x30, %%ax\n\tmovw %%ax, %%gs" ::: "eax");
		break;
	}
	attack_breach("loaded %s", how[life]);
	return 1;
}
