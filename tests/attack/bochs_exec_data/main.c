/* SPDX-License-Identifier: MIT */
/* Attack (Bochs only): calls a `ret` it placed in its .data. RAM lies above the end of the code
 * segment: #GP. QEMU does not check code segment limits on near jumps and would run it. */
#include "tests/attack/lib/attack.h"

static volatile uint8_t code[16] = {0xc3}; /* ret */

int main(void)
{
	attack_stagger();
	attack_exec("its own .data", (uint32_t)(uintptr_t)code);
	return 1;
}
