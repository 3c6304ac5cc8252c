/* SPDX-License-Identifier: MIT */
/* abi_entry's own _start (in place of crt0): checks the process entry state, then does crt0's
 * work and hands the findings to main. */
#include "apps/runtime/syscall.h"
#include "tests/abi/entry/entry.h"

/*
 * ABI.md "Process entry" (upstream x86): the kernel enters the TBF init function as a cdecl
 * call, with the registers zero, IF set, and this stack:
 *
 *   initial break ->  +---------------------+
 *             esp+16  | initial break       |
 *             esp+12  | RAM length          |
 *             esp+8   | RAM start           |
 *             esp+4   | binary start        |
 *             esp  -> | 0 (return address)  |   esp = break - 20
 *                     | 4 scratch dwords    |   the only other memory known to be ours
 *                     +---------------------+
 *
 * Everything is checked before anything else runs, in registers and those 4 scratch dwords;
 * each failed check sets one ENTRY_BAD_* bit. Then as crt0: brk up to _app_ram_end if the
 * break is below it, move to _stack_top, set up .data and .bss, and store the arguments in
 * tock_start_info, the bits in abi_entry_bad, the raw EFLAGS and ESP in abi_entry_eflags and
 * abi_entry_esp.
 */

	.section .start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	pushfl				/* scratch: EFLAGS, EAX, ECX, EDX */
	pushl	%eax
	pushl	%ecx
	pushl	%edx
	/* (esp) edx, 4 ecx, 8 eax, 12 eflags, 16 return address, 20 binary start, 24 RAM start,
	 * 28 RAM length, 32 initial break; the entry ESP is esp + 16. */
	xorl	%eax, %eax		/* the ENTRY_BAD_* bits */
	cmpl	$0, 8(%esp)
	je	1f
	orl	$ENTRY_BAD_EAX, %eax
1:	cmpl	$0, 4(%esp)
	je	1f
	orl	$ENTRY_BAD_ECX, %eax
1:	cmpl	$0, (%esp)
	je	1f
	orl	$ENTRY_BAD_EDX, %eax
1:	testl	%ebx, %ebx
	je	1f
	orl	$ENTRY_BAD_EBX, %eax
1:	testl	%esi, %esi
	je	1f
	orl	$ENTRY_BAD_ESI, %eax
1:	testl	%edi, %edi
	je	1f
	orl	$ENTRY_BAD_EDI, %eax
1:	testl	%ebp, %ebp
	je	1f
	orl	$ENTRY_BAD_EBP, %eax
1:	testl	$EFLAGS_IF, 12(%esp)
	jne	1f
	orl	$ENTRY_BAD_IF, %eax
1:	testl	$EFLAGS_MUST_BE_CLEAR, 12(%esp)
	je	1f
	orl	$ENTRY_BAD_FLAGS, %eax
1:	cmpl	$0, 16(%esp)
	je	1f
	orl	$ENTRY_BAD_RETURN, %eax
1:	leal	36(%esp), %ecx		/* entry ESP + 20 */
	cmpl	%ecx, 32(%esp)
	je	1f
	orl	$ENTRY_BAD_ESP, %eax
1:	movl	$_start, %ecx		/* the first byte of the binary */
	cmpl	%ecx, 20(%esp)
	je	1f
	orl	$ENTRY_BAD_BINARY, %eax
1:	movl	32(%esp), %ecx
	subl	24(%esp), %ecx
	cmpl	$ABI_ENTRY_MIN_RAM, %ecx
	jae	1f
	orl	$ENTRY_BAD_MIN_RAM, %eax
	/* Segment registers: CS and SS of ring 3; DS and ES the same as SS (flat C needs them);
	 * FS and GS the same as SS, or null. */
1:	xorl	%ecx, %ecx
	xorl	%edx, %edx
	movw	%ss, %dx
	movw	%cs, %cx
	andl	$3, %ecx
	cmpl	$3, %ecx
	je	1f
	orl	$ENTRY_BAD_CS, %eax
1:	movl	%edx, %ecx
	andl	$3, %ecx
	cmpl	$3, %ecx
	je	1f
	orl	$ENTRY_BAD_SS, %eax
1:	movw	%ds, %cx
	cmpw	%cx, %dx
	je	1f
	orl	$ENTRY_BAD_DS, %eax
1:	movw	%es, %cx
	cmpw	%cx, %dx
	je	1f
	orl	$ENTRY_BAD_ES, %eax
1:	movw	%fs, %cx
	cmpw	%cx, %dx
	je	1f
	testw	%cx, %cx
	je	1f
	orl	$ENTRY_BAD_FS, %eax
1:	movw	%gs, %cx
	cmpw	%cx, %dx
	je	1f
	testw	%cx, %cx
	je	1f
	orl	$ENTRY_BAD_GS, %eax
1:
	/* Keep the findings in registers syscalls preserve; the arguments stay in memory above
	 * the entry ESP, where a brk's frame (below it) does not reach. */
	movl	%eax, %ebx		/* bits */
	movl	12(%esp), %esi		/* EFLAGS */
	addl	$16, %esp
	movl	%esp, %ebp		/* entry ESP */

	movl	$_app_ram_end, %eax
	cmpl	%eax, 16(%ebp)
	jae	2f
	pushl	$0
	pushl	$0
	pushl	%eax
	pushl	$TOCK_MEMOP_BRK
	movl	$TOCK_CLASS_MEMOP, %eax
	int	$0x40
	cmpl	$TOCK_RETURN_SUCCESS, (%esp)
	jne	.Lbrk_failed

	/* Everything into registers before the stack moves (it may overlap the kernel's frame
	 * only in a tiny RAM, but reading first costs nothing), then onto the app's stack. */
2:	movl	4(%ebp), %eax
	movl	8(%ebp), %ecx
	movl	12(%ebp), %edx
	movl	16(%ebp), %edi
	movl	$_stack_top, %esp
	pushl	%ebp
	pushl	%esi
	pushl	%ebx
	pushl	%edi
	pushl	%edx
	pushl	%ecx
	pushl	%eax

	cld
	movl	$_data_lma, %esi
	movl	$_data_start, %edi
	movl	$_data_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	rep movsl
	movl	$_bss_start, %edi
	movl	$_bss_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl

	popl	tock_start_info
	popl	tock_start_info + 4
	popl	tock_start_info + 8
	popl	tock_start_info + 12
	popl	abi_entry_bad
	popl	abi_entry_eflags
	popl	abi_entry_esp

	xorl	%ebp, %ebp
	call	main
	pushl	$0
	pushl	$0
	pushl	%eax
	pushl	$TOCK_EXIT_TERMINATE
	movl	$TOCK_CLASS_EXIT, %eax
	int	$0x40
	ud2

	/* Still on the kernel's frame: exit-terminate with NOMEM, in the brk's own slots. */
.Lbrk_failed:
	movl	$TOCK_EXIT_TERMINATE, (%esp)
	movl	$9, 4(%esp)
	movl	$TOCK_CLASS_EXIT, %eax
	int	$0x40
	ud2
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
