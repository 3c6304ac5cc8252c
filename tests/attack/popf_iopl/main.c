/* SPDX-License-Identifier: MIT */
/* Attack: popf with IF cleared and IOPL 3. At CPL 3 and IOPL 0 the CPU ignores both bits: the
 * flags read back unchanged (IF 1, IOPL 0); the app, spinning without a system call, is still
 * preempted (the ticker goes on while it spins), and cli still faults afterwards: #GP (error 0).
 * Only the first life spins (2500 ms: two ticks should fall inside, one at least must). */
#include "tests/attack/lib/attack.h"

#define EFLAGS_IF   0x200u
#define EFLAGS_IOPL 0x3000u

int main(void)
{
	uint32_t life = attack_life(), after;

	attack_stagger();
	attack_announce("popf with IF = 0 and IOPL = 3");
	__asm__ volatile("pushfl\n\t"
			 "andl $~0x200, (%%esp)\n\t"
			 "orl $0x3000, (%%esp)\n\t"
			 "popfl\n\t"
			 "pushfl\n\t"
			 "popl %0"
			 : "=r"(after)
			 :
			 : "memory", "cc");
	attack_expect((after & EFLAGS_IF) && !(after & EFLAGS_IOPL),
		      "eflags after popf 0x%08x: IF %u, IOPL %u", after, !!(after & EFLAGS_IF),
		      (after & EFLAGS_IOPL) >> 12);
	if (life == 0) {
		attack_note("spinning 2500 ms with no system call");
		attack_spin_ms(2500);
		attack_note("spun 2500 ms");
	}
	attack_announce("cli after the popf");
	__asm__ volatile("cli");
	attack_breach("cli went through after popf");
	return 1;
}
