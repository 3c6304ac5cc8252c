/* SPDX-License-Identifier: MIT */
/* Attack: sets NT (nested task), AC (alignment check) and DF (string direction) with popf and
 * makes system calls with them set: the kernel must neither crash (an iret with NT set would
 * be a task switch) nor change them (ABI: EFLAGS preserved). Then TF: single-stepping traps
 * into this app's own #DB, which is its fault. */
#include "tests/attack/lib/attack.h"

#define EFLAGS_TF 0x100u
#define EFLAGS_DF 0x400u
#define EFLAGS_NT 0x4000u
#define EFLAGS_AC 0x40000u

int main(void)
{
	uint32_t before = 0, after = 0, ram = 0;

	attack_stagger();
	attack_announce("system calls with NT, AC and DF set by popf");
	/* memop 2 with the flags set; EFLAGS read back right after, then cleared again. */
	__asm__ volatile("pushfl\n\t"
			 "orl $0x44400, (%%esp)\n\t"
			 "popfl\n\t"
			 "pushfl\n\t"
			 "popl %[before]\n\t"
			 "pushl $0\n\tpushl $0\n\tpushl $0\n\tpushl $2\n\t"
			 "movl $5, %%eax\n\t"
			 "int $0x40\n\t"
			 "pushfl\n\t"
			 "popl %[after]\n\t"
			 "movl 4(%%esp), %[ram]\n\t"
			 "addl $16, %%esp\n\t"
			 "pushfl\n\t"
			 "andl $~0x44400, (%%esp)\n\t"
			 "popfl"
			 : [before] "=&r"(before), [after] "=&r"(after), [ram] "=&r"(ram)
			 :
			 : "eax", "ecx", "edx", "memory", "cc");
	attack_expect(
	    (after & (EFLAGS_NT | EFLAGS_AC | EFLAGS_DF)) == (EFLAGS_NT | EFLAGS_AC | EFLAGS_DF) &&
		ram == attack_memop(TOCK_MEMOP_RAM_START, 0),
	    "eflags 0x%08x before and 0x%08x after the call, RAM start 0x%08x", before, after, ram);
	attack_announce("popf with TF set (single step)");
	__asm__ volatile("pushfl\n\t"
			 "orl $0x100, (%%esp)\n\t"
			 "popfl\n\t"
			 "nop\n\t"
			 "nop" ::
			     : "memory", "cc");
	attack_breach("single-stepped without a #DB");
	return 1;
}
