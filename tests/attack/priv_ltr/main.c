/* SPDX-License-Identifier: MIT */
/* Attack: ltr of the TSS selector (lives 0, 1) and lldt of a null LDT (lives 2, 3). Both are
 * privileged: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;

	attack_stagger();
	if (life < 2) {
		attack_announce("ltr 0x28");
		__asm__ volatile("movw $0x28, %%ax\n\tltr %%ax" ::: "eax");
	} else {
		attack_announce("lldt 0");
		__asm__ volatile("xorl %%eax, %%eax\n\tlldt %%ax" ::: "eax");
	}
	attack_breach("ltr/lldt went through");
	return 1;
}
