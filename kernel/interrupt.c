/* SPDX-License-Identifier: MIT */
/* The interrupt pending set: a mask of lines plus how often each fired. */
#include "kernel/interrupt.h"

#include "kernel/arch.h"
#include "kernel/debug.h"
#include "kernel/hil/intc.h"
#include "kernel/panic.h"
#include "lib/compiler.h"

static struct hil_intc *controller;
static struct interrupt_handler *handlers[INTERRUPT_LINES];

/* Written by top halves (interrupts off), read and cleared by the loop (interrupts off). */
volatile uint32_t interrupt_pending_mask;
static volatile uint32_t pending_count[INTERRUPT_LINES];
static uint32_t unhandled[INTERRUPT_LINES];

void interrupt_init(struct hil_intc *intc)
{
	KASSERT(intc->lines <= INTERRUPT_LINES);
	controller = intc;
}

void interrupt_register(unsigned line, struct interrupt_handler *h)
{
	KASSERT(controller && line < controller->lines && !handlers[line]);
	handlers[line] = h;
	hil_intc_enable(controller, line);
}

void interrupt_top_half(unsigned line)
{
	if (line >= controller->lines || !hil_intc_acknowledge(controller, line))
		return; /* spurious: nothing was raised */
	pending_count[line]++;
	interrupt_pending_mask |= 1u << line;
}

/* Nobody will service line: report it and mask it rather than spin. */
static COLD void mask_unhandled(unsigned line, uint32_t count)
{
	if (!unhandled[line])
		kprintf("interrupt: line %u fired with no handler; masked\n", line);
	unhandled[line] += count;
	hil_intc_disable(controller, line);
}

void interrupt_service_pending(void)
{
	uint32_t mask = interrupt_pending_mask;

	interrupt_pending_mask = 0;
	while (mask) {
		unsigned line = (unsigned)__builtin_ctz(mask);
		uint32_t count = pending_count[line];

		mask &= mask - 1;
		pending_count[line] = 0;
		if (handlers[line])
			handlers[line]->service(handlers[line], count);
		else
			mask_unhandled(line, count);
	}
}

uint32_t interrupt_unhandled_count(unsigned line)
{
	return line < INTERRUPT_LINES ? unhandled[line] : 0;
}
