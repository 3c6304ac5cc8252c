/* SPDX-License-Identifier: MIT */
/* Attack: reads CR0, writes CR0 (paging off), reads CR3, writes CR3 (another page directory),
 * one per life. Control registers are ring 0 only: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {"mov cr0 -> eax", "mov eax -> cr0 (paging off)",
					   "mov cr3 -> eax", "mov eax -> cr3"};
	uint32_t v = 0x11;

	attack_stagger();
	attack_announce("%s", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("movl %%cr0, %0" : "=r"(v));
		break;
	case 1:
		__asm__ volatile("movl %0, %%cr0" : : "r"(v) : "memory");
		break;
	case 2:
		__asm__ volatile("movl %%cr3, %0" : "=r"(v));
		break;
	default:
		v = (uint32_t)(uintptr_t)&v & ~0xfffu;
		__asm__ volatile("movl %0, %%cr3" : : "r"(v) : "memory");
		break;
	}
	attack_breach("%s went through (0x%08x)", how[life], v);
	return 1;
}
