/* SPDX-License-Identifier: MIT */
/* Loader entry: the Multiboot v1 header, a stack, and the jump into C. */

#define MB_MAGIC	0x1badb002
#define MB_PAGE_ALIGN	(1 << 0)	/* modules on page boundaries */
#define MB_MEMORY_INFO	(1 << 1)	/* mem_* and the memory map */
#define MB_FLAGS	(MB_PAGE_ALIGN | MB_MEMORY_INFO)
#define LOADER_STACK_BYTES 8192

	.section .multiboot, "a"
	.balign 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.text
	.globl loader_entry
loader_entry:
	/* Multiboot: EAX = 0x2badb002, EBX = info, flat segments, IF = 0, no valid stack. */
	cli
	cld
	movl $loader_stack_top, %esp
	movl %ebx, %edx		/* (magic in eax, info in edx): the kernel ABI is regparm */
	call loader_multiboot_main	/* does not return */
1:	hlt
	jmp 1b

	.bss
	.balign 16
	.skip LOADER_STACK_BYTES
loader_stack_top:

	.section .note.GNU-stack,"",@progbits
