/* SPDX-License-Identifier: MIT */
/* Kernel bugs: assertions and panics, reported synchronously on the debug UART. */
#pragma once

#include "lib/compiler.h"

struct hil_power;

/* The platform's power control, used to stop the system after a panic report. */
void panic_set_power(struct hil_power *power);

/* Prints "KERNEL PANIC: <message>" with a synchronous write and stops the system. */
NORETURN void kernel_panic(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* For multi-line reports: begin (flushes queued output), print lines, end (stops). */
void panic_begin(void);
void panic_printf(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN void panic_end(void);

/* Invariant checks: a false condition is a kernel bug. */
#define KASSERT(cond)                                                                              \
	do {                                                                                       \
		if (unlikely(!(cond)))                                                             \
			kernel_panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__);   \
	} while (0)
