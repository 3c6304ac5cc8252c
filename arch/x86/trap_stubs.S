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

	.section .note.GNU-stack,"",@progbits
