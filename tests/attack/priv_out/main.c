/* SPDX-License-Identifier: MIT */
/* Attack: writes I/O ports that would end the system: QEMU's debug-exit port (0xf4), the
 * keyboard controller's reset (0x64 <- 0xfe), the PIC's mask (0x21 <- 0xff, every IRQ off) and,
 * with outsb, the UART's data register. IOPL 0, no I/O bitmap: #GP (error 0). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {
	    "outb 0xf4 <- 0 (QEMU exit)", "outb 0x64 <- 0xfe (reset)",
	    "outb 0x21 <- 0xff (mask every IRQ)", "outsb 0x3f8 (UART data)"};
	static const char byte = '!';

	attack_stagger();
	attack_announce("%s", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("movb $0, %%al\n\toutb %%al, $0xf4" ::: "eax");
		break;
	case 1:
		__asm__ volatile("movb $0xfe, %%al\n\toutb %%al, $0x64" ::: "eax");
		break;
	case 2:
		__asm__ volatile("movb $0xff, %%al\n\toutb %%al, $0x21" ::: "eax");
		break;
	default:
		__asm__ volatile("movw $0x3f8, %%dx\n\toutsb" : : "S"(&byte) : "edx", "memory");
		break;
	}
	attack_breach("%s went through", how[life]);
	return 1;
}
