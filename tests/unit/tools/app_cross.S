/* SPDX-License-Identifier: MIT */
/* A test app elf2tbf --pic must refuse: a PC-relative reference from flash into RAM. */
	.section .text.start, "ax"
	.globl	_start
_start:
	jmp	_start

	.section .rodata
	.balign	4
offset_to_counter:
	.long	counter - .		/* R_386_PC32 flash -> RAM: breaks when RAM moves alone */

	.data
	.balign	4
counter:
	.long	5

	.section .note.GNU-stack, "", @progbits
