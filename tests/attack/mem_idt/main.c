/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes IDT gates: gate 0 (on the page the F00F workaround maps read-only)
 * and, in lives 2 and 3, gate 0x40 (the system call's). Supervisor-only: protection violation. */
#include "tests/attack/lib/attack.h"

/* arch/x86/idt.c: the IDT's first 7 gates end the first page of idt_area. */
#define IDT (KSYM_idt_area + ATTACK_PAGE_BYTES - 7 * 8)

int main(void)
{
	uint32_t life = attack_life();

	attack_stagger();
	if (life < 2)
		attack_touch("IDT gate 0", IDT, life & 1);
	else
		attack_touch("IDT gate 0x40", IDT + 0x40 * 8, life & 1);
	return 1;
}
