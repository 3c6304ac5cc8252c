/* SPDX-License-Identifier: MIT */
/* Attack (Bochs only): calls a `ret` it placed on its stack. The stack is RAM, above the end of
 * the code segment: #GP (QEMU would run it). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	volatile uint8_t code[16] = {0xc3}; /* ret */

	attack_stagger();
	attack_exec("its own stack", (uint32_t)(uintptr_t)code);
	return 1;
}
