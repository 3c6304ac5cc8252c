/* SPDX-License-Identifier: MIT */
/* 8254 PIT channel 0 as the time HIL: a periodic tick extended to a 32-bit counter + alarm. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "kernel/hil/time.h"
#include "kernel/interrupt.h"
#include "lib/compiler.h"

#define I8254_INPUT_HZ 1193182 /* the PC's PIT clock */

/*
 * The counter counts PIT input clocks (1,193,182 Hz) and advances by one tick period at each
 * channel-0 interrupt, so it is monotonic and exact in rate with a resolution of one tick.
 */
struct i8254 {
	struct hil_alarm alarm;	      /* the HIL this driver fills */
	struct interrupt_handler irq; /* bottom half: advances the counter, fires the alarm */
	uint16_t port;		      /* base I/O port (channel 0 data) */
	uint16_t reload;	      /* input clocks per tick */
	uint32_t now;		      /* counter, in input clocks */
	uint32_t reference, dt;	      /* armed alarm: fires when now - reference >= dt */
	bool armed;
};

/* Starts channel 0 as a rate generator with reload input clocks per tick (2 .. 65,535). */
void i8254_start(struct i8254 *pit, uint16_t port, uint16_t reload);

/*
 * Starts channel 0 as a rate generator at tick_hz (19 .. 1,193,182), to the nearest input
 * clock. Inline: the platform's rate is a constant, and so then is the reload.
 */
static inline void i8254_init(struct i8254 *pit, uint16_t port, uint32_t tick_hz)
{
	uint32_t reload = (I8254_INPUT_HZ + tick_hz / 2) / tick_hz;

	i8254_start(pit, port, (uint16_t)MAX(MIN(reload, 0xffffu), 2u)); /* mode 2 cannot count 1 */
}
