/* SPDX-License-Identifier: MIT */
/* Attack: system calls with ESP at 0, near the top of the address space (0xfffffff0, and
 * 0xfffffffc, whose 16-byte frame wraps past 4 GiB) and in VGA memory, one per life. Nothing
 * there is the app's: "system call with esp ... outside its RAM". */
#include "tests/attack/lib/attack.h"

int main(void)
{
	static const uint32_t at[4] = {0, 0xfffffff0u, 0xfffffffcu, 0xb8000};
	uint32_t life = attack_life() % 4;

	attack_stagger();
	attack_announce("system call with esp at 0x%08x", at[life]);
	attack_syscall_at(at[life], TOCK_CLASS_MEMOP);
	attack_breach("system call with esp at 0x%08x returned", at[life]);
	return 1;
}
