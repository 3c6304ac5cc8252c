/* SPDX-License-Identifier: MIT */
/* The one C trap handler: routes every vector. */
#include "arch/x86/trap.h"

#include "arch/x86/cpu.h"
#include "arch/x86/segments.h"
#include "kernel/interrupt.h"

uint32_t x86_fault_cr2;

void x86_trap(struct trap_frame *tf)
{
	unsigned v = tf->vector;

	if (v == 14)
		x86_fault_cr2 = read_cr2();
	if (v - VEC_IRQ_BASE < VEC_IRQ_COUNT) {
		interrupt_top_half(v - VEC_IRQ_BASE);
		return;
	}
	/*
	 * No process runs yet, so every other vector is the kernel's own exception or a stray
	 * software interrupt: both are kernel bugs.
	 */
	x86_kernel_fault(tf);
}
