/* SPDX-License-Identifier: MIT */
/* Interrupts: top halves acknowledge and mark pending; the kernel loop runs the bottom halves. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define INTERRUPT_LINES 32

struct hil_intc;

struct interrupt_handler {
	/* Bottom half, run from the kernel loop; count is how many times the line fired since. */
	void (*service)(struct interrupt_handler *h, unsigned count);
};

/* Makes intc the controller whose lines the top halves acknowledge. */
void interrupt_init(struct hil_intc *intc);

/* Routes line to h and unmasks it at the controller. */
void interrupt_register(unsigned line, struct interrupt_handler *h);

/* Top half, called by the architecture's trap handler with interrupts off. */
void interrupt_top_half(unsigned line);

/* The lines whose top half ran and whose bottom half has not (bit n: line n). */
extern volatile uint32_t interrupt_pending_mask;

/* Returns: whether a bottom half is waiting (asked after every system call: inline). */
static inline bool interrupt_pending(void)
{
	return interrupt_pending_mask != 0;
}

/* Runs the bottom half of every pending line, lowest line first. Called, like all the kernel
 * but its idle and user-mode windows, with interrupts off (kernel/arch.h): they stay off. */
void interrupt_service_pending(void);

/* Times a line fired with no handler registered (reported, never lost silently). */
uint32_t interrupt_unhandled_count(unsigned line);
