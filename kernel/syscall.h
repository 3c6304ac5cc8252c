/* SPDX-License-Identifier: MIT */
/* System calls: decoding the Tock x86 ABI (ABI.md), validation, dispatch, upcall delivery. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "kernel/driver.h"

struct process;

enum syscall_class {
	SYSCALL_YIELD = 0,
	SYSCALL_SUBSCRIBE = 1,
	SYSCALL_COMMAND = 2,
	SYSCALL_ALLOW_RW = 3,
	SYSCALL_ALLOW_RO = 4,
	SYSCALL_MEMOP = 5,
	SYSCALL_EXIT = 6,
	SYSCALL_ALLOW_UR = 7,
};

enum yield_variant {
	YIELD_NO_WAIT = 0,
	YIELD_WAIT = 1,
	YIELD_WAIT_FOR = 2,
};

/*
 * Handles the system call p just made: reads its class and the four argument words from its
 * stack (checked to lie in its RAM first), carries it out, writes the four result words back.
 * A bad stack pointer, unknown class or unknown yield variant faults p.
 */
void syscall_handle(struct process *p);

/*
 * The part after the stack check (tests call it with a frame of their own): carries out class
 * for p with the arguments in frame, and writes the results over them.
 * Returns: true if it wrote them; false for yield, exit and a fault, which leave the frame as
 * it was (or to an upcall).
 */
bool syscall_dispatch(struct process *p, uint32_t class, uint32_t frame[4]);

/* Delivers p's oldest queued upcall as a cdecl call on its yield frame.
 * Returns: true if p runs on, false if delivering faulted it. */
bool syscall_deliver_upcall(struct process *p);

/* If an upcall p's yield-wait-for waits for is queued, takes it out (the others keep their
 * order) and completes the yield with its arguments. Returns: whether it did. */
bool syscall_complete_yield_for(struct process *p);

/* Completes p's yield-wait-for with the upcall's arguments in r0..r2. */
void syscall_return_to_yield_for(struct process *p, uint32_t a0, uint32_t a1, uint32_t a2);
