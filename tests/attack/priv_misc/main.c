/* SPDX-License-Identifier: MIT */
/* Attack: more ring 0 instructions, one per life: clts (would let it use another process's x87
 * state), lmsw, mov to DR7 (hardware breakpoints), mov to CR4. #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {"clts", "lmsw", "mov eax -> dr7", "mov eax -> cr4"};

	attack_stagger();
	attack_announce("%s", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("clts");
		break;
	case 1:
		__asm__ volatile("movl $1, %%eax\n\tlmsw %%ax" ::: "eax");
		break;
	case 2:
		__asm__ volatile("movl $0x3ff, %%eax\n\tmovl %%eax, %%dr7" ::: "eax");
		break;
	default:
		__asm__ volatile("movl $0, %%eax\n\tmovl %%eax, %%cr4" ::: "eax");
		break;
	}
	attack_breach("%s went through", how[life]);
	return 1;
}
