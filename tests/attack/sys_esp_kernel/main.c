/* SPDX-License-Identifier: MIT */
/* Attack: system calls with ESP pointing into the kernel (its stack, the process table, the
 * page directory, its text), one per life: the kernel would read the arguments there and write
 * the results back. It must check ESP first and fault the app: "system call with esp ...
 * outside its RAM". */
#include "tests/attack/lib/attack.h"

int main(void)
{
	static const struct {
		const char *what;
		uint32_t esp;
	} at[4] = {
	    {"the kernel stack", KSYM_x86_kernel_stack_top - 64},
	    {"the process table", KSYM_processes},
	    {"the page directory", KSYM_page_dir},
	    {"kernel text", KSYM_x86_trap},
	};
	uint32_t life = attack_life() % 4;

	attack_stagger();
	attack_announce("system call with esp in %s at 0x%08x", at[life].what, at[life].esp);
	attack_syscall_at(at[life].esp, TOCK_CLASS_MEMOP);
	attack_breach("system call with esp at 0x%08x returned", at[life].esp);
	return 1;
}
