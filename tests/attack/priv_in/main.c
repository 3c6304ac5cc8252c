/* SPDX-License-Identifier: MIT */
/* Attack: reads I/O ports: the UART's data register (0x3f8), the PIC's mask (0x21), the PCI
 * configuration address (0xcf8) and, with insb, the keyboard controller (0x60). IOPL 0 and no
 * I/O permission bitmap: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {"inb 0x3f8 (UART data)", "inb 0x21 (PIC mask)",
					   "inl 0xcf8 (PCI address)", "insb 0x60 (keyboard)"};
	uint8_t buf[4];

	attack_stagger();
	attack_announce("%s", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("movw $0x3f8, %%dx\n\tinb %%dx, %%al" ::: "eax", "edx");
		break;
	case 1:
		__asm__ volatile("inb $0x21, %%al" ::: "eax");
		break;
	case 2:
		__asm__ volatile("movw $0xcf8, %%dx\n\tinl %%dx, %%eax" ::: "eax", "edx");
		break;
	default:
		__asm__ volatile("movw $0x60, %%dx\n\tinsb" : : "D"(buf) : "edx", "memory");
		break;
	}
	attack_breach("%s went through", how[life]);
	return 1;
}
