/* SPDX-License-Identifier: MIT */
/* A position-independent test app for elf2tbf --pic: absolute addresses only in aligned data
 * words (a table in rodata, pointers in .data), code reaching everything PC-relatively. */
	.section .text.start, "ax"
	.globl	_start
_start:
	call	helper			/* R_386_PC32 flash -> flash: moves with the code */
1:	movl	$0, %eax
	int	$0x40
	jmp	1b
helper:
	ret

	.section .rodata
	.balign	4
table:
	.long	helper			/* -> flash */
	.long	message			/* -> flash */
	.long	counter			/* -> RAM */
	.long	_sram_origin		/* -> RAM (an absolute linker-script symbol) */
	.long	0xfee00000		/* a device address: not relocated */
message:
	.asciz	"pic"

	.data
	.balign	4
counter:
	.long	5
table_ptr:
	.long	table			/* -> flash, stored in .data's load image */
self_ptr:
	.long	counter			/* -> RAM */

	.bss
	.balign	4
scratch:
	.space	64

	.section .note.GNU-stack, "", @progbits
