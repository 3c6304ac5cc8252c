/* SPDX-License-Identifier: MIT */
/* Kernel entry from the loader: EAX = BOOT_INFO_MAGIC, EBX = struct boot_info *, IF = 0. */
#include "arch/x86/segments.h"

#define KERNEL_STACK_BYTES 8192

	.section .text.entry, "ax"
	.globl kernel_entry
kernel_entry:
	cli
	cld
	movl $x86_kernel_stack_top, %esp
	movl %ebx, %edx		/* x86_start(magic in eax, boot info in edx): regparm */
	call x86_start		/* does not return */
1:	hlt
	jmp 1b

	/*
	 * The kernel stack, with an unmapped guard page below it (see the platform's memory
	 * map): an overflow faults instead of corrupting data, and the double fault that follows
	 * runs on its own stack through a task gate (arch/x86/double_fault.c).
	 */
	.section .bss.stack, "aw", @nobits
	.balign 4096
	.globl x86_kernel_stack_guard, x86_kernel_stack_bottom, x86_kernel_stack_top
x86_kernel_stack_guard:
	.skip 4096
x86_kernel_stack_bottom:
	.skip KERNEL_STACK_BYTES
x86_kernel_stack_top:

	.section .note.GNU-stack,"",@progbits
