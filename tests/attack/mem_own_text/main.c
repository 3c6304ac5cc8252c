/* SPDX-License-Identifier: MIT */
/* Attack: reads its own code (allowed), then writes it (main's first bytes). Text pages are
 * user read-only: the write is a protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t target = (uint32_t)(uintptr_t)main;

	attack_stagger();
	attack_held("read its own text at 0x%08x: 0x%08x", target, attack_peek(target));
	attack_touch("its own text", target, true);
	return 1;
}
