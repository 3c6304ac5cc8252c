/* SPDX-License-Identifier: MIT */
/* App entry: claims the RAM image, moves to the app's stack, sets up .data and .bss, runs main. */
#include "apps/runtime/low_level_debug.h"
#include "apps/runtime/syscall.h"

/*
 * The kernel enters _start as a cdecl call (ABI.md "Process entry"; upstream Tock x86):
 *
 *   initial break ->  +---------------------+   (at least RAM start + 36)
 *             esp+16  | initial break       |
 *             esp+12  | RAM length          |
 *             esp+8   | RAM start           |
 *             esp+4   | binary start        |
 *             esp  -> | 0 (return address)  |
 *                     | 4 scratch dwords    |   all the memory this code may touch
 *                     +---------------------+   before the brk below
 *
 * Only those 36 bytes are known to be ours, and they may lie anywhere in RAM (inside the
 * stack, .data or .bss as linked), so the arguments go into registers first. Every other
 * register is 0.
 *
 * Every address here is an absolute symbol (`$sym` or `sym`): elf2tbf --pic turns each into
 * a relocation the kernel patches, so the code runs wherever the binary and RAM land. Nothing
 * takes the distance between the binary and RAM, which is not fixed.
 */

	.section .start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	movl	4(%esp), %ebx		/* binary start */
	movl	8(%esp), %esi		/* RAM start */
	movl	12(%esp), %edi		/* RAM length */
	movl	16(%esp), %ebp		/* initial break */

	/* Grow the break over stack, .data and .bss, unless the kernel already gave that much
	 * (never shrink it: what lies above may be the heap the kernel granted). */
	movl	$_app_ram_end, %eax
	cmpl	%eax, %ebp
	jae	1f
	pushl	$0
	pushl	$0
	pushl	%eax
	pushl	$TOCK_MEMOP_BRK
	movl	$TOCK_CLASS_MEMOP, %eax
	int	$0x40
	cmpl	$TOCK_RETURN_SUCCESS, (%esp)
	jne	.Lbrk_failed

1:	/* Onto the app's own stack, keeping the arguments there while .data and .bss are set
	 * up (they may overlap where the kernel put them). */
	movl	$_stack_top, %esp
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%ebx

	cld
	movl	$_data_lma, %esi	/* .data: its load image in the binary to RAM */
	movl	$_data_start, %edi
	movl	$_data_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx		/* app.ld keeps .data 4-aligned and a multiple of 4 */
	rep movsl
	movl	$_bss_start, %edi	/* .bss: zeroes */
	movl	$_bss_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl

	/* tock_start_info is in .bss, so only now: the four arguments in order (tock.c pins the
	 * layout). */
	popl	tock_start_info
	popl	tock_start_info + 4
	popl	tock_start_info + 8
	popl	tock_start_info + 12

	/* ESP is _stack_top again, 16-aligned as the i386 ABI wants at a call. EBP 0 ends the
	 * frame-pointer chain for debuggers. */
	xorl	%ebp, %ebp
	call	main

	/* exit-terminate(main's return value): the completion code */
	pushl	$0
	pushl	$0
	pushl	%eax
	pushl	$TOCK_EXIT_TERMINATE
	movl	$TOCK_CLASS_EXIT, %eax
	int	$0x40
	ud2				/* exit does not return */

	/* Still on the kernel's 36 bytes: the four slots of the failed brk are all there is, so
	 * each call below rewrites them in place instead of pushing. */
.Lbrk_failed:
	movl	4(%esp), %ebx		/* the failure's error code: the completion code */
	movl	$LOW_LEVEL_DEBUG_DRIVER, (%esp)
	movl	$LOW_LEVEL_DEBUG_CMD_ALERT, 4(%esp)
	movl	$LOW_LEVEL_DEBUG_ALERT_BRK_FAILED, 8(%esp)
	movl	$0, 12(%esp)
	movl	$TOCK_CLASS_COMMAND, %eax
	int	$0x40
	/* ... and the break asked for, next to the one given. */
	movl	$LOW_LEVEL_DEBUG_DRIVER, (%esp)
	movl	$LOW_LEVEL_DEBUG_CMD_PRINT_2, 4(%esp)
	movl	$_app_ram_end, 8(%esp)
	movl	%ebp, 12(%esp)
	movl	$TOCK_CLASS_COMMAND, %eax
	int	$0x40
	movl	$TOCK_EXIT_TERMINATE, (%esp)
	movl	%ebx, 4(%esp)
	movl	$TOCK_CLASS_EXIT, %eax
	int	$0x40
	ud2
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
