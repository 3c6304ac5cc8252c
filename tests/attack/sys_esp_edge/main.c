/* SPDX-License-Identifier: MIT */
/* Attack: system calls whose 16-byte argument frame is only partly the app's: ESP 12 and 4
 * bytes below its break, at the start of its grant region, and in its own (read-only) text,
 * one per life. All must fault: "system call with esp ... outside its RAM". */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t brk = attack_break();
	const struct {
		const char *what;
		uint32_t esp;
	} at[4] = {
	    {"12 bytes below its break", brk - 12},
	    {"4 bytes below its break", brk - 4},
	    {"in its grant region", attack_memop(TOCK_MEMOP_GRANT_START, 0)},
	    {"in its own text", (uint32_t)(uintptr_t)main},
	};
	uint32_t life = attack_life() % 4;

	attack_stagger();
	attack_announce("system call with esp %s at 0x%08x", at[life].what, at[life].esp);
	attack_syscall_at(at[life].esp, TOCK_CLASS_MEMOP);
	attack_breach("system call with esp at 0x%08x returned", at[life].esp);
	return 1;
}
