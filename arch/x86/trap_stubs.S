/* SPDX-License-Identifier: MIT */
/* The trap stubs, the one common trap path (xv6's shape: stub -> common -> one C handler), and
 * the system-call gate's own entry, which handles a call without leaving the kernel stack. */
#include "arch/x86/segments.h"

/* Vectors for which the CPU pushes an error code (SDM 3A 6.13). */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17)

/*
 * Builds the trap frame (arch/x86/trap.h) above the vector and error code, and loads the
 * kernel's data segments: an app may have loaded any selector of its own, even null.
 */
.macro SAVE_FRAME
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	movl $SEL_KDATA, %eax
	movw %ax, %ds
	movw %ax, %es
	cld			/* C code assumes DF = 0; an app may have set it */
.endm

	.text
	.globl x86_trap_stubs
	.balign TRAP_STUB_BYTES
x86_trap_stubs:
	.set v, 0
	.rept TRAP_STUB_COUNT
1:	.if !HAS_ERROR(v)
	pushl $0
	.endif
	pushl $v
	jmp trap_common
	.org 1b + TRAP_STUB_BYTES, 0xcc	/* fails to assemble if a stub outgrows its slot */
	.set v, v + 1
	.endr

trap_common:
	SAVE_FRAME
	testl $3, TF_CS(%esp)
	jnz from_user
	movl %esp, %eax		/* struct trap_frame *, in eax (regparm) */
	call x86_trap
	.globl x86_trap_return
x86_trap_return:
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	addl $8, %esp		/* vector, error */
	iret

/*
 * int $0x40 (DPL 3: only ring 3 reaches it). As for every trap from ring 3, the frame is built
 * where esp0 points, in the process's saved context. The call is handled at once on the kernel
 * stack, below x86_switch_to_user's frame; when kernel_syscall says so the process resumes
 * straight away, otherwise x86_switch_to_user returns to the kernel loop.
 */
	.globl x86_syscall_entry
	.balign 16
x86_syscall_entry:
	pushl $0
	pushl $VEC_SYSCALL
	SAVE_FRAME
	movl %esp, %eax		/* the frame: the process's struct arch_context */
	movl %eax, %ebx		/* callee-saved across the call */
	movl x86_kernel_resume_esp, %esp
	call kernel_syscall	/* bool kernel_syscall(struct arch_context *) */
	testb %al, %al
	jz 1f
	movl %ebx, %esp
	jmp x86_trap_return
1:	movl $1, %eax		/* x86_switch_to_user returns 1: a system call, handled */
	jmp to_kernel_loop

/*
 * From ring 3 the CPU switched to esp0, which x86_switch_to_user pointed at the end of the
 * process's saved context: the frame just built IS that context. Go back to the kernel stack
 * and return from x86_switch_to_user. (The vector in the frame cannot say which trap it was:
 * a system call may have given the process a fresh context.)
 */
from_user:
	xorl %eax, %eax		/* x86_switch_to_user returns 0: the trap is in tf->vector */
to_kernel_loop:
	movl x86_kernel_resume_esp, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/*
 * int x86_switch_to_user(struct trap_frame *tf): runs the process whose context tf is until
 * its next trap other than a system call kernel_syscall resumed, then returns 1 if that was a
 * system call (handled), 0 if another trap (tf->vector says which). Saves the callee-saved
 * registers and the kernel stack pointer, points the TSS's esp0 at the end of tf, and leaves
 * through the normal trap exit.
 */
	.globl x86_switch_to_user
x86_switch_to_user:		/* tf in eax (regparm) */
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, x86_kernel_resume_esp
	leal TF_BYTES(%eax), %edx
	movl %edx, x86_tss + TSS_ESP0
	movl %eax, %esp
	jmp x86_trap_return

	.bss
	.balign 4
	.globl x86_kernel_resume_esp
x86_kernel_resume_esp:
	.long 0

	.section .note.GNU-stack,"",@progbits
