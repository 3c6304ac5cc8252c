/* SPDX-License-Identifier: MIT */
/* Test-only entry linked in front of the real loader: enters it with a wrong Multiboot magic,
 * as a boot stage that is not Multiboot would. */
	.text
	.globl wrong_magic_entry
wrong_magic_entry:
	movl $0x0badc0de, %eax
	jmp loader_entry

	.section .note.GNU-stack,"",@progbits
