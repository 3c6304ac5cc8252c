/* SPDX-License-Identifier: MIT */
/* A test app elf2tbf --pic must refuse: -fPIC-style data access, GOT-relative through EBX. */
	.section .text.start, "ax"
	.globl	_start
_start:
	movl	counter@GOTOFF(%ebx), %eax	/* R_386_GOTOFF: counter - GOT, flash to RAM */
	jmp	_start

	.data
	.balign	4
counter:
	.long	5

	.section .note.GNU-stack, "", @progbits
