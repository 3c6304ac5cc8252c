/* SPDX-License-Identifier: MIT */
/* Attack: lgdt of a GDT it built in its own RAM, whose every segment is DPL 3 and flat 4 GiB.
 * Privileged: #GP (error 0). */
#include "tests/attack/lib/attack.h"

static uint64_t fake_gdt[8];

int main(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint32_t base;
	} pd = {sizeof(fake_gdt) - 1, (uint32_t)(uintptr_t)fake_gdt};

	for (unsigned i = 1; i < 8; i++)
		fake_gdt[i] = 0x00cffa000000ffffull; /* code, DPL 3, 4 GiB */
	attack_stagger();
	attack_announce("lgdt of a forged GDT (at 0x%08x)", (unsigned)(uintptr_t)fake_gdt);
	__asm__ volatile("lgdt %0" : : "m"(pd));
	attack_breach("lgdt went through");
	return 1;
}
