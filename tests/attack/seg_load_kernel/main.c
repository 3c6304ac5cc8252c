/* SPDX-License-Identifier: MIT */
/* Attack: loads kernel selectors into data segment registers: kernel data 0x10 into DS, kernel
 * code 0x08 into ES, the TSS 0x28 into FS, kernel data with RPL 3 (0x13) into GS. DPL 0 (or a
 * system segment): #GP with the selector's index as error code. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {"DS = 0x10 (kernel data)", "ES = 0x08 (kernel code)",
					   "FS = 0x28 (the TSS)", "GS = 0x13 (kernel data, RPL 3)"};

	attack_stagger();
	attack_announce("load %s", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("movw $0x10, %%ax\n\tmovw %%ax, %%ds\n\t"
				 "movw $0x23, %%ax\n\tmovw %%ax, %%ds" ::
				     : "eax");
		break;
	case 1:
		__asm__ volatile("movw $0x08, %%ax\n\tmovw %%ax, %%es\n\t"
				 "movw $0x23, %%ax\n\tmovw %%ax, %%es" ::
				     : "eax");
		break;
	case 2:
		__asm__ volatile("movw $0x28, %%ax\n\tmovw %%ax, %%fs" ::: "eax");
		break;
	default:
		__asm__ volatile("movw $0x13, %%ax\n\tmovw %%ax, %%gs" ::: "eax");
		break;
	}
	attack_breach("loaded %s", how[life]);
	return 1;
}
