/* SPDX-License-Identifier: MIT */
/* The trap frame built by the common trap path, and the entry points into C. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "arch/x86/segments.h"
#include "lib/compiler.h"

/*
 * Stack at the call of x86_trap(), lowest address first:
 *
 *   tf ->  edi esi ebp esp' ebx edx ecx eax   pushal by trap_common (esp' is ignored)
 *          gs fs es ds                        pushed by trap_common
 *          vector error                       pushed by the stub (error = 0 if the CPU gave none)
 *          eip cs eflags                      pushed by the CPU
 *          esp ss                             pushed by the CPU only on a ring 3 -> 0 switch
 */
struct trap_frame {
	uint32_t edi, esi, ebp, esp_ignored, ebx, edx, ecx, eax; /* general registers */
	uint32_t gs, fs, es, ds;				 /* data segment selectors */
	uint32_t vector;					 /* IDT vector, 0-255 */
	uint32_t error;		  /* CPU error code, or 0 for vectors without one */
	uint32_t eip, cs, eflags; /* interrupted context */
	uint32_t esp, ss;	  /* user stack; valid only when (cs & 3) == 3 */
};
/* trap_stubs.S builds this layout; these pin it. */
STATIC_ASSERT(offsetof(struct trap_frame, eax) == 28);
STATIC_ASSERT(offsetof(struct trap_frame, ds) == 44);
STATIC_ASSERT(offsetof(struct trap_frame, vector) == 48);
STATIC_ASSERT(offsetof(struct trap_frame, eip) == 56);
STATIC_ASSERT(sizeof(struct trap_frame) == 76);
STATIC_ASSERT(offsetof(struct trap_frame, cs) == TF_CS);
STATIC_ASSERT(sizeof(struct trap_frame) == TF_BYTES);

static inline int trap_from_user(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}

/* The stack pointer at the moment of the trap (for kernel traps the CPU pushed no esp). */
static inline uint32_t trap_esp(const struct trap_frame *tf)
{
	return trap_from_user(tf) ? tf->esp : (uint32_t)(uintptr_t)&tf->esp;
}

/* CR2 as it was when the last page fault entered x86_trap (before anything could fault again). */
extern uint32_t x86_fault_cr2;

/* The one C entry for every vector; called by trap_common. */
void x86_trap(struct trap_frame *tf);

/* Prints the fault report for a CPU exception taken in the kernel and panics. */
NORETURN void x86_kernel_fault(const struct trap_frame *tf);

/* Starts a kernel panic for exception vector at eip: its first line names both. */
void x86_fault_panic_begin(unsigned vector, uint32_t eip);

/* Writes a register and error-code report of tf through print (panic_printf or kprintf). */
void x86_report_trap(const struct trap_frame *tf, uint32_t cr2,
		     void (*print)(const char *fmt, ...));

/* Runs the process whose saved context is tf until its next trap that leaves it
 * (arch/x86/trap_stubs.S). Returns: 1 after a system call kernel_syscall handled and did not
 * resume; 0 after any other trap, whose vector is in tf. */
int x86_switch_to_user(struct trap_frame *tf);

/* Name of exception vector v ("page fault"), and its mnemonic ("#PF"). */
const char *x86_vector_name(unsigned v);
const char *x86_vector_mnemonic(unsigned v);

/* The TRAP_STUB_COUNT stubs, TRAP_STUB_BYTES apart, and the system-call gate's entry. */
extern const char x86_trap_stubs[];
extern const char x86_syscall_entry[];
