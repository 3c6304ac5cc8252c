/* SPDX-License-Identifier: MIT */
/* Attack: calls into kernel code: x86_trap, the kernel's entry, the system call's entry and
 * the stub of vector 0 (one per life). Kernel pages are supervisor-only, so the instruction
 * fetch faults: #PF read, protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	static const struct {
		const char *what;
		uint32_t vaddr;
	} targets[4] = {
	    {"kernel text (x86_trap)", KSYM_x86_trap},
	    {"the kernel's entry", KSYM_kernel_entry},
	    {"the system call's entry", KSYM_x86_syscall_entry},
	    {"the trap stub of vector 0", KSYM_x86_trap_stubs},
	};
	uint32_t life = attack_life() % 4;

	attack_stagger();
	attack_exec(targets[life].what, targets[life].vaddr);
	return 1;
}
