/* SPDX-License-Identifier: MIT */
/* Kernel panics: synchronous report, then the platform's power-off, then halt. */
#include "kernel/panic.h"

#include <stdarg.h>

#include "kernel/arch.h"
#include "kernel/debug.h"
#include "kernel/hil/power.h"

static struct hil_power *power;
static unsigned depth;

void panic_set_power(struct hil_power *p)
{
	power = p;
}

void panic_begin(void)
{
	arch_irq_save();
	if (depth++) {
		/* A panic while reporting one: say so and stop without touching more state. */
		debug_panic_write("\nNESTED PANIC\n");
		arch_halt();
	}
	debug_make_synchronous();
}

void panic_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	debug_panic_vprintf(fmt, ap);
	va_end(ap);
}

void panic_end(void)
{
	if (power)
		hil_power_shutdown(power, POWER_PANIC);
	arch_halt();
}

void kernel_panic(const char *fmt, ...)
{
	va_list ap;

	panic_begin();
	debug_panic_write("\nKERNEL PANIC: ");
	va_start(ap, fmt);
	debug_panic_vprintf(fmt, ap);
	va_end(ap);
	debug_panic_write("\n");
	panic_end();
}
