/* SPDX-License-Identifier: MIT */
/* Attack (Bochs only): grows its heap with sbrk, writes a `ret` there and calls it. The heap is
 * RAM, above the end of the code segment: #GP (QEMU would run it). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	void *heap;

	attack_stagger();
	if (tock_sbrk(64, &heap) != ERROR_NONE) {
		attack_note("sbrk failed");
		return 1;
	}
	*(volatile uint8_t *)heap = 0xc3; /* ret */
	attack_exec("its own heap", (uint32_t)(uintptr_t)heap);
	return 1;
}
