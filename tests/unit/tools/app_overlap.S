/* SPDX-License-Identifier: MIT */
/* A test app elf2tbf --pic must refuse: two absolute relocations patching overlapping words. */
	.section .text.start, "ax"
	.globl	_start
_start:
	jmp	_start

	.section .rodata
	.balign	4
table:
	.long	0
	.long	0
	.reloc	table, R_386_32, _start		/* bytes 0..3 of table */
	.reloc	table + 2, R_386_32, _start	/* bytes 2..5: shares two bytes with the first */

	.section .note.GNU-stack, "", @progbits
