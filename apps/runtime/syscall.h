/* SPDX-License-Identifier: MIT */
/* The raw Tock x86 system call: int $0x40, four dwords on the stack (/work/shared/ABI.md). */
#pragma once

/*
 * Constants here are shared with crt0.S, so they are plain macros outside the C-only part.
 *
 * The call, as upstream Tock x86 defines it:
 *
 *            before int $0x40            after int $0x40 (the kernel wrote the results)
 *   esp+12  | r3 |  pushed first        | r3 out |
 *   esp+8   | r2 |                      | r2 out |
 *   esp+4   | r1 |                      | r1 out |
 *   esp  -> | r0 |  pushed last         | r0 out |  popped first, by the caller
 *
 * EAX holds the class and is clobbered, as are ECX and EDX; every other register survives.
 * An upcall is delivered inside a yield: the kernel writes its four arguments into these four
 * slots, pushes the address of the instruction after int $0x40 and jumps to the (cdecl)
 * upcall, whose ret lands right after the int with the slots still on the stack.
 */

/* Syscall classes: EAX. */
#define TOCK_CLASS_YIELD		    0
#define TOCK_CLASS_SUBSCRIBE		    1
#define TOCK_CLASS_COMMAND		    2
#define TOCK_CLASS_ALLOW_RW		    3
#define TOCK_CLASS_ALLOW_RO		    4
#define TOCK_CLASS_MEMOP		    5
#define TOCK_CLASS_EXIT			    6
#define TOCK_CLASS_ALLOW_USERSPACE_READABLE 7

/* Yield variants: r0. */
#define TOCK_YIELD_NO_WAIT  0
#define TOCK_YIELD_WAIT	    1
#define TOCK_YIELD_WAIT_FOR 2

/* Memop operations: r0. */
#define TOCK_MEMOP_BRK		      0
#define TOCK_MEMOP_SBRK		      1
#define TOCK_MEMOP_RAM_START	      2
#define TOCK_MEMOP_RAM_END	      3
#define TOCK_MEMOP_FLASH_START	      4
#define TOCK_MEMOP_FLASH_END	      5
#define TOCK_MEMOP_GRANT_START	      6
#define TOCK_MEMOP_FLASH_REGIONS      7
#define TOCK_MEMOP_FLASH_REGION_START 8
#define TOCK_MEMOP_FLASH_REGION_END   9
#define TOCK_MEMOP_STACK_START	      10
#define TOCK_MEMOP_HEAP_START	      11

/* Exit variants: r0. */
#define TOCK_EXIT_TERMINATE 0
#define TOCK_EXIT_RESTART   1

/* Return variants: r0 after the call. */
#define TOCK_RETURN_FAILURE	    0
#define TOCK_RETURN_FAILURE_U32	    1
#define TOCK_RETURN_FAILURE_2U32    2
#define TOCK_RETURN_FAILURE_U64	    3
#define TOCK_RETURN_SUCCESS	    128
#define TOCK_RETURN_SUCCESS_U32	    129
#define TOCK_RETURN_SUCCESS_2U32    130
#define TOCK_RETURN_SUCCESS_U64	    131
#define TOCK_RETURN_SUCCESS_3U32    132
#define TOCK_RETURN_SUCCESS_U32_U64 133

#ifndef __ASSEMBLER__

#include <stdint.h>

/* The four slots as the kernel left them: a return variant and its values, or upcall data. */
struct tock_syscall_regs {
	uint32_t r0, r1, r2, r3;
};

/*
 * Pushes r3..r0, traps, pops the four results. EAX, ECX and EDX are all operands (the class
 * goes in EAX, r2 and r3 in ECX and EDX), so the kernel's clobbering of them is covered by the
 * pops that overwrite them; r0 and r1 take any of EBX, ESI, EDI and EBP, two of which are always
 * free even with a frame pointer. "memory": the kernel writes allowed buffers and yield runs
 * upcalls, which may touch any global.
 *
 * No operand is a memory reference: one addressed off ESP would be read after the pushes moved
 * ESP under the compiler's feet.
 */
static inline struct tock_syscall_regs tock_syscall4(uint32_t class, uint32_t r0, uint32_t r1,
						     uint32_t r2, uint32_t r3)
{
	__asm__ volatile("pushl %[r3]\n\t"
			 "pushl %[r2]\n\t"
			 "pushl %[r1]\n\t"
			 "pushl %[r0]\n\t"
			 "int $0x40\n\t"
			 "popl %[r0]\n\t"
			 "popl %[r1]\n\t"
			 "popl %[r2]\n\t"
			 "popl %[r3]"
			 : "+a"(class), [r0] "+r"(r0), [r1] "+r"(r1), [r2] "+c"(r2), [r3] "+d"(r3)
			 :
			 : "memory", "cc");
	return (struct tock_syscall_regs){r0, r1, r2, r3};
}

/*
 * The same call for classes that read only r0 and r1 (memop, exit, yield-wait, yield-no-wait):
 * r2 and r3 are pushed as 0 and their results dropped; r0 and r1 come back.
 */
static inline struct tock_syscall_regs tock_syscall2(uint32_t class, uint32_t r0, uint32_t r1)
{
	__asm__ volatile("pushl $0\n\t"
			 "pushl $0\n\t"
			 "pushl %[r1]\n\t"
			 "pushl %[r0]\n\t"
			 "int $0x40\n\t"
			 "popl %[r0]\n\t"
			 "popl %[r1]\n\t"
			 "addl $8, %%esp"
			 : "+a"(class), [r0] "+r"(r0), [r1] "+r"(r1)
			 :
			 : "ecx", "edx", "memory", "cc");
	return (struct tock_syscall_regs){r0, r1, 0, 0};
}

#endif /* __ASSEMBLER__ */
