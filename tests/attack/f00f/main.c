/* SPDX-License-Identifier: MIT */
/* Attack: the Pentium F00F erratum, lock cmpxchg8b with a register operand, which hangs a real
 * Pentium. Emulators raise #UD; on a real Pentium the kernel's workaround (the IDT's first
 * gates on a read-only page) turns the hang into a #PF at the IDT (docs/processes.md). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("lock cmpxchg8b %%eax (F00F)");
	__asm__ volatile(".byte 0xf0, 0x0f, 0xc7, 0xc8" ::: "eax", "edx", "memory", "cc");
	attack_breach("lock cmpxchg8b with a register operand came back");
	return 1;
}
