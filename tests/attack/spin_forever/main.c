/* SPDX-License-Identifier: MIT */
/* Attack: an infinite loop with no system call. The timeslice timer must take the CPU back:
 * the ticker goes on ticking, and `list` shows this app running. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_announce("spinning forever without a system call");
	for (;;)
		__asm__ volatile("" ::: "memory");
}
