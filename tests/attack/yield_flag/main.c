/* SPDX-License-Identifier: MIT */
/* Attack: yield-no-wait writes a byte (upcall ran or not) at an address the app chooses. Aimed at
 * the TSS's esp0 (a zeroed byte there would wreck the next trap), kernel text (the kernel's own
 * write would fault it: text is read-only), the process table, the ticker's RAM, its own text
 * and its grant region, the kernel must write nothing and carry on (ABI.md). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t text = (uint32_t)(uintptr_t)main;
	struct attack_proc peer = attack_peer();
	const struct {
		const char *what;
		uint32_t vaddr;
	} at[] = {
	    {"the TSS's esp0", KSYM_x86_tss + 5},
	    {"kernel text", KSYM_x86_trap},
	    {"the process table", KSYM_processes + 8},
	    {"the ticker's RAM", peer.app_break - 4},
	    {"its own text", text + 1},
	    {"its grant region", attack_memop(TOCK_MEMOP_GRANT_START, 0)},
	};
	bool ok = true;

	attack_stagger();
	for (unsigned i = 0; i < ARRAY_SIZE(at); i++) {
		uint8_t before = i == 4 ? *(volatile uint8_t *)(uintptr_t)at[i].vaddr : 0;

		attack_announce("yield-no-wait with its flag in %s at 0x%08x", at[i].what,
				at[i].vaddr);
		for (unsigned k = 0; k < 50; k++)
			tock_syscall2(TOCK_CLASS_YIELD, TOCK_YIELD_NO_WAIT, at[i].vaddr);
		ok &= attack_expect(i != 4 || *(volatile uint8_t *)(uintptr_t)at[i].vaddr == before,
				    "50 yields with the flag in %s: the kernel is still here",
				    at[i].what);
	}
	return ok ? 0 : 1;
}
