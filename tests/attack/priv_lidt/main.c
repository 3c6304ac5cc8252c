/* SPDX-License-Identifier: MIT */
/* Attack: lidt of an IDT it built in its own RAM (every gate into its own code, DPL 3).
 * Privileged: #GP (error 0). */
#include "tests/attack/lib/attack.h"

static uint64_t fake_idt[256];

int main(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint32_t base;
	} pd = {sizeof(fake_idt) - 1, (uint32_t)(uintptr_t)fake_idt};
	uint32_t handler = (uint32_t)(uintptr_t)main;

	for (unsigned i = 0; i < 256; i++)
		fake_idt[i] = (handler & 0xffff) | (uint64_t)0x1b << 16 | (uint64_t)0xee00 << 32 |
			      (uint64_t)(handler >> 16) << 48;
	attack_stagger();
	attack_announce("lidt of a forged IDT (at 0x%08x)", (unsigned)(uintptr_t)fake_idt);
	__asm__ volatile("lidt %0" : : "m"(pd));
	attack_breach("lidt went through");
	return 1;
}
