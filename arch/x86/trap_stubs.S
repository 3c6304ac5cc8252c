/* SPDX-License-Identifier: MIT */
/* 256 trap stubs and the one common trap path (xv6's shape: stub -> common -> one C handler). */
#include "arch/x86/segments.h"

/* Vectors for which the CPU pushes an error code (SDM 3A 6.13). */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17)

	.text
	.globl x86_trap_stubs
	.balign TRAP_STUB_BYTES
x86_trap_stubs:
	.set v, 0
	.rept VEC_COUNT
1:	.if !HAS_ERROR(v)
	pushl $0
	.endif
	pushl $v
	jmp trap_common
	.org 1b + TRAP_STUB_BYTES, 0xcc	/* fails to assemble if a stub outgrows its slot */
	.set v, v + 1
	.endr

trap_common:
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	movl $SEL_KDATA, %eax
	movw %ax, %ds
	movw %ax, %es
	cld			/* C code assumes DF = 0; an app may have set it */
	testl $3, TF_CS(%esp)
	jnz from_user
	pushl %esp		/* struct trap_frame * */
	call x86_trap
	addl $4, %esp
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
 * From ring 3 the CPU switched to esp0, which x86_switch_to_user pointed at the end of the
 * process's saved context: the frame just built IS that context. Go back to the kernel stack
 * and return from x86_switch_to_user.
 */
from_user:
	movl x86_kernel_resume_esp, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/*
 * void x86_switch_to_user(struct trap_frame *tf): runs the process whose context tf is until
 * its next trap, then returns. Saves the callee-saved registers and the kernel stack pointer,
 * points the TSS's esp0 at the end of tf, and leaves through the normal trap exit.
 */
	.globl x86_switch_to_user
x86_switch_to_user:
	movl 4(%esp), %eax
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
