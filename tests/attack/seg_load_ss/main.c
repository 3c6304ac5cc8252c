/* SPDX-License-Identifier: MIT */
/* Attack: loads SS with kernel data (0x10), null (0), the user code selector (0x1b) and user
 * data with RPL 0 (0x20). SS must be a writable data segment with DPL = RPL = CPL: #GP with the
 * selector's index (0 for the null selector). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const uint16_t sel[4] = {0x10, 0x00, 0x1b, 0x20};
	uint32_t s = sel[life];

	attack_stagger();
	attack_announce("load SS = 0x%02x", s);
	__asm__ volatile("movw %w0, %%ss\n\t"
			 "movw $0x23, %w0\n\t"
			 "movw %w0, %%ss"
			 : "+r"(s));
	attack_breach("loaded SS = 0x%02x", sel[life]);
	return 1;
}
