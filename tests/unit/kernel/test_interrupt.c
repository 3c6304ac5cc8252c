/* SPDX-License-Identifier: MIT */
/* Unit tests for kernel/interrupt: top halves, pending set, bottom-half order, unhandled lines. */
#include "kernel/interrupt.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/fake_panic.h"
#include "kernel/arch.h"
#include "kernel/debug.h"
#include "kernel/hil/intc.h"
#include "kernel/panic.h"

/*
 * The module's handler table is static and has no unregister, so registrations outlive the
 * test that made them: each line's handler is a static test_handler, registered at most once
 * (see use_line), and every test ends with nothing pending.
 */
#define FAKE_LINES 16 /* like a pair of 8259s */
#define LOG_MAX	   64

/* ---- fake interrupt controller ---- */

struct fake_intc {
	struct hil_intc intc;
	unsigned enables[FAKE_LINES];
	unsigned disables[FAKE_LINES];
	unsigned acks[FAKE_LINES];
	unsigned out_of_range_calls; /* any op with line >= FAKE_LINES */
	uint32_t spurious;	     /* acknowledge reports these lines as spurious */
	bool masked[FAKE_LINES];
};

static struct fake_intc fake;

static bool line_ok(unsigned line)
{
	if (line < FAKE_LINES)
		return true;
	fake.out_of_range_calls++;
	return false;
}

static void fake_enable(struct hil_intc *intc, unsigned line)
{
	assert_ptr_equal(intc, &fake.intc);
	if (line_ok(line)) {
		fake.enables[line]++;
		fake.masked[line] = false;
	}
}

static void fake_disable(struct hil_intc *intc, unsigned line)
{
	assert_ptr_equal(intc, &fake.intc);
	if (line_ok(line)) {
		fake.disables[line]++;
		fake.masked[line] = true;
	}
}

static bool fake_acknowledge(struct hil_intc *intc, unsigned line)
{
	assert_ptr_equal(intc, &fake.intc);
	if (!line_ok(line))
		return true; /* a careless controller: the module must not ask at all */
	fake.acks[line]++;
	return !(fake.spurious & (1u << line));
}

static const struct hil_intc_ops fake_ops = {
    .enable = fake_enable,
    .disable = fake_disable,
    .acknowledge = fake_acknowledge,
};

static void reset_fake(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.intc.ops = &fake_ops;
	fake.intc.lines = FAKE_LINES;
	for (unsigned i = 0; i < FAKE_LINES; i++)
		fake.masked[i] = true;
}

/* ---- fake arch layer ---- */

#define IRQ_TOKEN_ON  0x200u /* EFLAGS.IF, as the real arch_irq_save would return it */
#define IRQ_TOKEN_OFF 0x0u

static bool irqs_on = true; /* start "on" so a missing arch_irq_save shows */
static unsigned irq_saves, irq_restores;
static uint32_t last_restored_token;

uint32_t arch_irq_save(void)
{
	uint32_t token = irqs_on ? IRQ_TOKEN_ON : IRQ_TOKEN_OFF;

	irqs_on = false;
	irq_saves++;
	return token;
}

void arch_irq_restore(uint32_t token)
{
	irq_restores++;
	last_restored_token = token;
	irqs_on = token == IRQ_TOKEN_ON;
}

void arch_idle(void)
{
	fail_msg("arch_idle called by the interrupt module");
}

void arch_halt(void)
{
	fail_msg("arch_halt called by the interrupt module");
	abort();
}

/* ---- fake debug output ---- */

static char kprintf_text[512];
static unsigned kprintf_calls;

void kvprintf(const char *fmt, va_list ap)
{
	size_t used = strlen(kprintf_text);

	vsnprintf(kprintf_text + used, sizeof(kprintf_text) - used, fmt, ap);
	kprintf_calls++;
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

/* ---- bottom halves that log what they were given ---- */

struct test_handler {
	struct interrupt_handler h;
	unsigned line;
	bool registered;
	unsigned calls;
	unsigned last_count;
	bool irqs_were_on; /* during the last call */
	unsigned refire;   /* top halves to run on its own line from inside the bottom half */
};

static struct test_handler handlers[FAKE_LINES];
static unsigned service_log[LOG_MAX]; /* lines, in the order their bottom halves ran */
static unsigned services;

static void record_service(struct interrupt_handler *h, unsigned count)
{
	struct test_handler *t = container_of(h, struct test_handler, h);

	assert_true(services < LOG_MAX);
	service_log[services++] = t->line;
	t->calls++;
	t->last_count = count;
	t->irqs_were_on = irqs_on;
	for (; t->refire; t->refire--)
		interrupt_top_half(t->line);
}

/* Registers line's handler the first time a test asks for it. */
static struct test_handler *use_line(unsigned line)
{
	struct test_handler *t = &handlers[line];

	if (!t->registered) {
		t->line = line;
		t->h.service = record_service;
		interrupt_register(line, &t->h);
		t->registered = true;
	}
	return t;
}

static int setup(void **state)
{
	(void)state;
	reset_fake();
	interrupt_init(&fake.intc);
	for (unsigned i = 0; i < FAKE_LINES; i++) {
		handlers[i].calls = 0;
		handlers[i].last_count = 0;
		handlers[i].irqs_were_on = false;
		handlers[i].refire = 0;
	}
	services = 0;
	kprintf_text[0] = '\0';
	kprintf_calls = 0;
	irq_saves = irq_restores = 0;
	irqs_on = true;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_false(interrupt_pending());
	assert_int_equal(fake.out_of_range_calls, 0);
	return 0;
}

/* ---- tests ---- */

/* Runs first, before any interrupt_init. */
static void test_interrupt_register_before_init_panics(void **state)
{
	static struct interrupt_handler h;

	(void)state;
	reset_fake();
	assert_panics(interrupt_register(0, &h));
	assert_non_null(strstr(panic_message, "assertion failed"));
	assert_int_equal(fake.enables[0], 0);
}

static void test_interrupt_init_with_more_lines_than_supported_panics(void **state)
{
	static struct fake_intc big;

	(void)state;
	big.intc.ops = &fake_ops;
	big.intc.lines = INTERRUPT_LINES + 1;
	assert_panics(interrupt_init(&big.intc));
	assert_non_null(strstr(panic_message, "assertion failed"));
}

static void test_interrupt_nothing_pending_at_start(void **state)
{
	(void)state;
	assert_false(interrupt_pending());
	interrupt_service_pending();
	assert_int_equal(services, 0);
	assert_int_equal(kprintf_calls, 0);
}

static void test_interrupt_register_unmasks_the_line(void **state)
{
	(void)state;
	use_line(3);
	assert_int_equal(fake.enables[3], 1);
	assert_false(fake.masked[3]);
	/* Only that line, and nothing is acknowledged or pending. */
	for (unsigned i = 0; i < FAKE_LINES; i++) {
		if (i != 3)
			assert_int_equal(fake.enables[i], 0);
		assert_int_equal(fake.acks[i], 0);
		assert_int_equal(fake.disables[i], 0);
	}
	assert_false(interrupt_pending());
}

static void test_interrupt_top_half_acknowledges_and_marks_pending(void **state)
{
	struct test_handler *t = use_line(4);

	(void)state;
	interrupt_top_half(4);
	assert_int_equal(fake.acks[4], 1);
	assert_true(interrupt_pending());
	/* The bottom half waits for the loop. */
	assert_int_equal(t->calls, 0);

	interrupt_service_pending();
	assert_int_equal(t->calls, 1);
	assert_int_equal(t->last_count, 1);
}

static void test_interrupt_service_clears_pending_and_count(void **state)
{
	struct test_handler *t = use_line(4);

	(void)state;
	interrupt_top_half(4);
	interrupt_service_pending();
	assert_false(interrupt_pending());
	assert_int_equal(t->calls, 1);

	/* A second service has nothing to run. */
	interrupt_service_pending();
	assert_int_equal(t->calls, 1);

	/* The next firing counts from zero again. */
	interrupt_top_half(4);
	interrupt_service_pending();
	assert_int_equal(t->calls, 2);
	assert_int_equal(t->last_count, 1);
}

static void test_interrupt_repeated_top_halves_pass_their_count_to_one_bottom_half(void **state)
{
	struct test_handler *t = use_line(5);

	(void)state;
	for (int i = 0; i < 5; i++)
		interrupt_top_half(5);
	assert_int_equal(fake.acks[5], 5);
	interrupt_service_pending();
	assert_int_equal(t->calls, 1);
	assert_int_equal(t->last_count, 5);
}

static void test_interrupt_spurious_top_half_is_neither_pending_nor_counted(void **state)
{
	struct test_handler *t = use_line(7);

	(void)state;
	fake.spurious = 1u << 7;
	interrupt_top_half(7);
	interrupt_top_half(7);
	assert_int_equal(fake.acks[7], 2); /* the controller is still asked */
	assert_false(interrupt_pending());
	interrupt_service_pending();
	assert_int_equal(t->calls, 0);

	/* A real one after the spurious ones counts alone. */
	fake.spurious = 0;
	interrupt_top_half(7);
	interrupt_top_half(7);
	fake.spurious = 1u << 7;
	interrupt_top_half(7);
	assert_true(interrupt_pending());
	interrupt_service_pending();
	assert_int_equal(t->calls, 1);
	assert_int_equal(t->last_count, 2);
}

static void test_interrupt_service_runs_lowest_line_first(void **state)
{
	static const unsigned want[] = {1, 3, 9, 12};

	(void)state;
	use_line(1);
	use_line(3);
	use_line(9);
	use_line(12);
	interrupt_top_half(12);
	interrupt_top_half(3);
	interrupt_top_half(9);
	interrupt_top_half(1);
	interrupt_top_half(12);
	interrupt_service_pending();
	assert_int_equal(services, 4);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(service_log[i], want[i]);
	assert_int_equal(handlers[12].last_count, 2);
	assert_int_equal(handlers[1].last_count, 1);
}

static void test_interrupt_service_runs_only_pending_lines(void **state)
{
	(void)state;
	use_line(1);
	use_line(9);
	interrupt_top_half(9);
	interrupt_service_pending();
	assert_int_equal(services, 1);
	assert_int_equal(service_log[0], 9);
	assert_int_equal(handlers[1].calls, 0);
}

static void test_interrupt_service_runs_bottom_halves_with_interrupts_off(void **state)
{
	struct test_handler *t = use_line(4);

	(void)state;
	interrupt_top_half(4);
	irqs_on = false; /* as the kernel always runs */
	interrupt_service_pending();
	assert_int_equal(t->calls, 1);
	assert_false(t->irqs_were_on);
	/* It leaves them off: it neither saves nor restores anything. */
	assert_int_equal(irq_saves, 0);
	assert_int_equal(irq_restores, 0);
	assert_false(irqs_on);
}

static void test_interrupt_line_firing_during_its_bottom_half_is_serviced_next_time(void **state)
{
	struct test_handler *t = use_line(5);

	(void)state;
	interrupt_top_half(5);
	t->refire = 2;
	interrupt_service_pending();
	assert_int_equal(t->calls, 1);
	assert_int_equal(t->last_count, 1);
	/* The two firings during the bottom half are neither lost nor merged into it. */
	assert_true(interrupt_pending());
	interrupt_service_pending();
	assert_int_equal(t->calls, 2);
	assert_int_equal(t->last_count, 2);
}

static void test_interrupt_line_without_handler_is_reported_once_counted_and_masked(void **state)
{
	const unsigned line = 14;

	(void)state;
	assert_false(handlers[line].registered);
	assert_int_equal(interrupt_unhandled_count(line), 0);

	interrupt_top_half(line);
	interrupt_top_half(line);
	assert_int_equal(fake.acks[line], 2);
	assert_true(interrupt_pending());
	interrupt_service_pending();
	assert_int_equal(kprintf_calls, 1);
	assert_non_null(strstr(kprintf_text, "line 14"));
	assert_int_equal(interrupt_unhandled_count(line), 2);
	assert_int_equal(fake.disables[line], 1);
	assert_true(fake.masked[line]);
	assert_int_equal(services, 0);

	/* Should it fire again anyway: counted, masked again, but not reported again. */
	interrupt_top_half(line);
	interrupt_service_pending();
	assert_int_equal(kprintf_calls, 1);
	assert_int_equal(interrupt_unhandled_count(line), 3);
	assert_int_equal(fake.disables[line], 2);
}

static void test_interrupt_unhandled_count_stays_zero_for_handled_lines(void **state)
{
	(void)state;
	use_line(4);
	interrupt_top_half(4);
	interrupt_service_pending();
	assert_int_equal(interrupt_unhandled_count(4), 0);
	assert_int_equal(fake.disables[4], 0);
	assert_int_equal(kprintf_calls, 0);
}

static void test_interrupt_unhandled_count_of_out_of_range_line_is_zero(void **state)
{
	const unsigned line = 15; /* never registered */

	(void)state;
	interrupt_top_half(line);
	interrupt_service_pending();
	assert_int_equal(interrupt_unhandled_count(line), 1);
	/* No aliasing onto a real line's count. */
	assert_int_equal(interrupt_unhandled_count(INTERRUPT_LINES + line), 0);
	assert_int_equal(interrupt_unhandled_count(INTERRUPT_LINES), 0);
	assert_int_equal(interrupt_unhandled_count(UINT_MAX), 0);
}

static void test_interrupt_top_half_for_out_of_range_line_is_ignored(void **state)
{
	/* Beyond the controller's own lines (16 here), not just beyond the kernel's table. */
	static const unsigned lines[] = {FAKE_LINES,	      20,      1000, INTERRUPT_LINES,
					 INTERRUPT_LINES + 1, UINT_MAX};

	(void)state;
	for (unsigned i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		interrupt_top_half(lines[i]);
	/* The controller is never asked (fake counts any such call), nothing is pending. */
	assert_int_equal(fake.out_of_range_calls, 0);
	for (unsigned i = 0; i < FAKE_LINES; i++)
		assert_int_equal(fake.acks[i], 0);
	assert_false(interrupt_pending());
	interrupt_service_pending();
	assert_int_equal(services, 0);
	assert_int_equal(kprintf_calls, 0);
}

static void test_interrupt_register_twice_on_one_line_panics(void **state)
{
	static struct interrupt_handler second;

	(void)state;
	use_line(3);
	assert_panics(interrupt_register(3, &second));
	assert_non_null(strstr(panic_message, "assertion failed"));
	assert_int_equal(fake.enables[3], 0); /* reset_fake: no new unmask */

	/* The first handler still gets the line. */
	interrupt_top_half(3);
	interrupt_service_pending();
	assert_int_equal(handlers[3].calls, 1);
}

static void test_interrupt_register_beyond_the_controller_lines_panics(void **state)
{
	static struct interrupt_handler h;

	(void)state;
	assert_panics(interrupt_register(FAKE_LINES, &h));
	assert_non_null(strstr(panic_message, "assertion failed"));
	assert_panics(interrupt_register(INTERRUPT_LINES, &h));
	assert_int_equal(fake.out_of_range_calls, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    /* First: relies on interrupt_init never having run. */
	    cmocka_unit_test(test_interrupt_register_before_init_panics),
	    T(test_interrupt_init_with_more_lines_than_supported_panics),
	    T(test_interrupt_nothing_pending_at_start),
	    T(test_interrupt_register_unmasks_the_line),
	    T(test_interrupt_top_half_acknowledges_and_marks_pending),
	    T(test_interrupt_service_clears_pending_and_count),
	    T(test_interrupt_repeated_top_halves_pass_their_count_to_one_bottom_half),
	    T(test_interrupt_spurious_top_half_is_neither_pending_nor_counted),
	    T(test_interrupt_service_runs_lowest_line_first),
	    T(test_interrupt_service_runs_only_pending_lines),
	    T(test_interrupt_service_runs_bottom_halves_with_interrupts_off),
	    T(test_interrupt_line_firing_during_its_bottom_half_is_serviced_next_time),
	    T(test_interrupt_line_without_handler_is_reported_once_counted_and_masked),
	    T(test_interrupt_unhandled_count_stays_zero_for_handled_lines),
	    T(test_interrupt_unhandled_count_of_out_of_range_line_is_zero),
	    T(test_interrupt_top_half_for_out_of_range_line_is_ignored),
	    T(test_interrupt_register_twice_on_one_line_panics),
	    T(test_interrupt_register_beyond_the_controller_lines_panics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
