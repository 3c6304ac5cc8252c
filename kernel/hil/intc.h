/* SPDX-License-Identifier: MIT */
/* Interrupt controller HIL: mask, unmask and acknowledge numbered interrupt lines. */
#pragma once

#include <stdbool.h>

struct hil_intc;

struct hil_intc_ops {
	void (*enable)(struct hil_intc *intc, unsigned line);
	void (*disable)(struct hil_intc *intc, unsigned line);
	/*
	 * Called from the top half. Ends the interrupt at the controller.
	 * Returns: false if it was spurious (nothing to service), true otherwise.
	 */
	bool (*acknowledge)(struct hil_intc *intc, unsigned line);
};

struct hil_intc {
	const struct hil_intc_ops *ops;
	unsigned lines; /* lines are numbered 0 .. lines - 1 */
};

static inline void hil_intc_enable(struct hil_intc *intc, unsigned line)
{
	intc->ops->enable(intc, line);
}

static inline void hil_intc_disable(struct hil_intc *intc, unsigned line)
{
	intc->ops->disable(intc, line);
}

static inline bool hil_intc_acknowledge(struct hil_intc *intc, unsigned line)
{
	return intc->ops->acknowledge(intc, line);
}
