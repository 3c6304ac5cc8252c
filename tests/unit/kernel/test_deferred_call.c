/* SPDX-License-Identifier: MIT */
/* Unit tests for kernel/deferred_call: slot order, run-once, rescheduling, overflow panics. */
#include "kernel/deferred_call.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/fake_panic.h"
#include "kernel/panic.h"

/*
 * The module's slot table is static and has no unregister: every test registers calls of its
 * own (static, since the table keeps pointing at them), and the test that fills the table runs
 * last. registrations counts every successful deferred_call_register in this binary.
 */
static unsigned registrations;

/* ---- calls that log when they run ---- */

#define LOG_MAX 64

struct test_call {
	struct deferred_call dc;
	int id;
	int reschedules;	/* how many more times it schedules itself from its own fn */
	struct test_call *also; /* scheduled from fn, if set */
};

static int run_log[LOG_MAX];
static unsigned runs;

static void record_run(struct deferred_call *dc)
{
	struct test_call *c = container_of(dc, struct test_call, dc);

	assert_true(runs < LOG_MAX);
	run_log[runs++] = c->id;
	if (c->reschedules > 0) {
		c->reschedules--;
		deferred_call_schedule(&c->dc);
	}
	if (c->also)
		deferred_call_schedule(&c->also->dc);
}

static void register_call(struct test_call *c, int id)
{
	c->id = id;
	deferred_call_register(&c->dc, record_run);
	registrations++;
}

static int setup(void **state)
{
	(void)state;
	runs = 0;
	memset(run_log, 0, sizeof(run_log));
	return 0;
}

/* Every test leaves nothing scheduled for the next one. */
static int teardown(void **state)
{
	(void)state;
	assert_false(deferred_call_pending());
	return 0;
}

static void assert_run_log(const int *want, unsigned n)
{
	assert_int_equal(runs, n);
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(run_log[i], want[i]);
}

/* ---- tests ---- */

static void test_deferred_call_nothing_pending_and_service_runs_nothing_at_start(void **state)
{
	(void)state;
	assert_false(deferred_call_pending());
	deferred_call_service();
	assert_int_equal(runs, 0);
}

static void test_deferred_call_register_sets_fn_and_a_distinct_slot(void **state)
{
	static struct test_call a, b, c;

	(void)state;
	register_call(&a, 1);
	register_call(&b, 2);
	register_call(&c, 3);
	assert_ptr_equal(a.dc.fn, record_run);
	assert_ptr_equal(c.dc.fn, record_run);
	assert_true(a.dc.slot < DEFERRED_CALL_MAX);
	assert_true(b.dc.slot < DEFERRED_CALL_MAX);
	assert_true(c.dc.slot < DEFERRED_CALL_MAX);
	assert_int_not_equal(a.dc.slot, b.dc.slot);
	assert_int_not_equal(b.dc.slot, c.dc.slot);
	assert_int_not_equal(a.dc.slot, c.dc.slot);
	/* Registering schedules nothing. */
	assert_false(deferred_call_pending());
}

static void test_deferred_call_schedule_makes_pending_and_service_clears_it(void **state)
{
	static struct test_call a;
	static const int want[] = {10};

	(void)state;
	register_call(&a, 10);
	deferred_call_schedule(&a.dc);
	assert_true(deferred_call_pending());
	assert_int_equal(runs, 0); /* scheduling never runs it inline */
	deferred_call_service();
	assert_run_log(want, 1);
	assert_false(deferred_call_pending());
}

static void test_deferred_call_service_runs_in_slot_order_not_schedule_order(void **state)
{
	static struct test_call calls[4];
	int want[4];

	(void)state;
	for (int i = 0; i < 4; i++)
		register_call(&calls[i], 20 + i);
	/* Schedule in an order unrelated to the slots. */
	deferred_call_schedule(&calls[2].dc);
	deferred_call_schedule(&calls[0].dc);
	deferred_call_schedule(&calls[3].dc);
	deferred_call_schedule(&calls[1].dc);

	/* Expected: ids sorted by slot. */
	for (int i = 0; i < 4; i++) {
		unsigned rank = 0;

		for (int j = 0; j < 4; j++)
			rank += calls[j].dc.slot < calls[i].dc.slot;
		want[rank] = calls[i].id;
	}
	deferred_call_service();
	assert_run_log(want, 4);
}

static void test_deferred_call_service_runs_only_the_scheduled_calls(void **state)
{
	static struct test_call a, b, c;
	static const int want[] = {31};

	(void)state;
	register_call(&a, 30);
	register_call(&b, 31);
	register_call(&c, 32);
	deferred_call_schedule(&b.dc);
	deferred_call_service();
	assert_run_log(want, 1);
}

static void test_deferred_call_scheduled_twice_runs_once(void **state)
{
	static struct test_call a;
	static const int want[] = {40};

	(void)state;
	register_call(&a, 40);
	deferred_call_schedule(&a.dc);
	deferred_call_schedule(&a.dc);
	deferred_call_service();
	assert_run_log(want, 1);
	/* Nothing left over for a second service either. */
	assert_false(deferred_call_pending());
	deferred_call_service();
	assert_run_log(want, 1);
}

static void test_deferred_call_rescheduled_from_its_own_fn_runs_on_next_service_only(void **state)
{
	static struct test_call a;
	static const int once[] = {50}, twice[] = {50, 50};

	(void)state;
	register_call(&a, 50);
	a.reschedules = 1;
	deferred_call_schedule(&a.dc);

	deferred_call_service();
	assert_run_log(once, 1);
	assert_true(deferred_call_pending());

	deferred_call_service();
	assert_run_log(twice, 2);
	assert_false(deferred_call_pending());
}

static void test_deferred_call_scheduled_during_service_waits_for_next_service(void **state)
{
	static struct test_call early, late, trigger;
	static const int first[] = {61}, second[] = {61, 60, 61}, third[] = {61, 60, 61, 62};

	(void)state;
	/* Registered in this order, so early's slot is below trigger's and late's above it. */
	register_call(&early, 60);
	register_call(&trigger, 61);
	register_call(&late, 62);
	assert_true(early.dc.slot < trigger.dc.slot && trigger.dc.slot < late.dc.slot);
	trigger.also = &early;
	deferred_call_schedule(&trigger.dc);

	deferred_call_service();
	assert_run_log(first, 1);
	assert_true(deferred_call_pending());

	/* A later slot scheduled during service waits too. */
	trigger.also = &late;
	deferred_call_schedule(&trigger.dc);
	deferred_call_service();
	/* early, left over from the first service, then trigger; late only gets scheduled. */
	assert_run_log(second, 3);
	assert_true(deferred_call_pending());
	trigger.also = NULL;
	deferred_call_service();
	assert_run_log(third, 4);
	assert_false(deferred_call_pending());
}

static void test_deferred_call_schedule_of_an_unregistered_call_panics(void **state)
{
	static struct deferred_call stray;

	(void)state;
	stray.fn = record_run;
	stray.slot = DEFERRED_CALL_MAX - 1; /* not registered yet: the table is not full */
	assert_true(registrations < DEFERRED_CALL_MAX);
	assert_panics(deferred_call_schedule(&stray));
	assert_non_null(strstr(panic_message, "assertion failed"));
	assert_false(deferred_call_pending());
}

static void test_deferred_call_schedule_with_a_slot_owned_by_another_call_panics(void **state)
{
	static struct test_call owner;
	static struct deferred_call forged;

	(void)state;
	register_call(&owner, 70);
	forged.fn = record_run;
	forged.slot = owner.dc.slot;
	assert_panics(deferred_call_schedule(&forged));
	assert_non_null(strstr(panic_message, "assertion failed"));
	assert_false(deferred_call_pending());
}

/* Must run last: it fills the table for good. */
static void test_deferred_call_registering_more_than_max_panics(void **state)
{
	static struct test_call calls[DEFERRED_CALL_MAX], extra;
	static const int want[] = {199};
	unsigned n = 0;

	(void)state;
	while (registrations < DEFERRED_CALL_MAX) {
		register_call(&calls[n], 100 + (int)n);
		n++;
	}
	/* All DEFERRED_CALL_MAX slots work, up to the last one registered. */
	calls[n - 1].id = 199;
	deferred_call_schedule(&calls[n - 1].dc);
	deferred_call_service();
	assert_run_log(want, 1);

	assert_panics(deferred_call_register(&extra.dc, record_run));
	assert_non_null(strstr(panic_message, "assertion failed"));
	assert_non_null(strstr(panic_message, "DEFERRED_CALL_MAX"));
	/* The failed registration took nothing: the table is still exactly full. */
	assert_panics(deferred_call_register(&extra.dc, record_run));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_deferred_call_nothing_pending_and_service_runs_nothing_at_start),
	    T(test_deferred_call_register_sets_fn_and_a_distinct_slot),
	    T(test_deferred_call_schedule_makes_pending_and_service_clears_it),
	    T(test_deferred_call_service_runs_in_slot_order_not_schedule_order),
	    T(test_deferred_call_service_runs_only_the_scheduled_calls),
	    T(test_deferred_call_scheduled_twice_runs_once),
	    T(test_deferred_call_rescheduled_from_its_own_fn_runs_on_next_service_only),
	    T(test_deferred_call_scheduled_during_service_waits_for_next_service),
	    T(test_deferred_call_schedule_of_an_unregistered_call_panics),
	    T(test_deferred_call_schedule_with_a_slot_owned_by_another_call_panics),
	    T(test_deferred_call_registering_more_than_max_panics), /* last: fills the table */
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
