/* SPDX-License-Identifier: MIT */
/* Attack: yield-wait with ESP at the very start of its RAM, an alarm armed. The 16-byte yield
 * frame is its own, but delivering the upcall means pushing a return address below it: below
 * RAM, where its own read-only text ends (the kernel must not write there, and could not: text
 * is read-only for the kernel too). The kernel must fault the app instead: "upcall: no room below
 * the yield frame for the return address". */
#include "tests/attack/lib/attack.h"

#define ALARM 0

static void fired(uint32_t a, uint32_t b, uint32_t c, void *d)
{
	(void)a, (void)b, (void)c, (void)d;
}

int main(void)
{
	uint32_t ram = attack_memop(TOCK_MEMOP_RAM_START, 0);

	attack_stagger();
	tock_subscribe(ALARM, 0, fired, NULL);
	attack_announce("yield-wait with ESP = its RAM start (0x%08x), an upcall due", ram);
	tock_command(ALARM, 5, 1000, 0);
	__asm__ volatile("movl %%esp, %%edi\n\t"
			 "movl %[ram], %%esp\n\t"
			 "movl $1, (%%esp)\n\t" /* yield-wait */
			 "movl $0, 4(%%esp)\n\t"
			 "movl $0, 8(%%esp)\n\t"
			 "movl $0, 12(%%esp)\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "int $0x40\n\t"
			 "movl %%edi, %%esp"
			 :
			 : [ram] "r"(ram)
			 : "eax", "ecx", "edx", "edi", "memory");
	attack_breach("the upcall ran with no room below its frame");
	return 1;
}
