/* SPDX-License-Identifier: MIT */
/* 8254 PIT channel 0 as the time HIL: a periodic tick extended to a 32-bit counter + alarm. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "kernel/hil/time.h"
#include "kernel/interrupt.h"

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

/* Starts channel 0 as a rate generator at tick_hz (19 .. 1,193,182). */
void i8254_init(struct i8254 *pit, uint16_t port, uint32_t tick_hz);
