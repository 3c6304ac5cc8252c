/* SPDX-License-Identifier: MIT */
/* A pair of cascaded 8259A interrupt controllers (the PC/AT layout) behind the intc HIL. */
#pragma once

#include <stdint.h>

#include "kernel/hil/intc.h"

struct i8259 {
	struct hil_intc intc; /* lines 0-15: 0-7 master, 8-15 slave (on master line 2) */
	uint16_t master_port, slave_port;
	uint16_t mask; /* 1 = masked; bit n is line n */
};

/* Remaps the pair to vectors base .. base + 15, edge-triggered, every line masked. */
void i8259_init(struct i8259 *pic, uint16_t master_port, uint16_t slave_port, uint8_t base);
