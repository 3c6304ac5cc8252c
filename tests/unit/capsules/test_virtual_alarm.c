/* SPDX-License-Identifier: MIT */
/* Unit tests for capsules/virtual_alarm: many alarms over one fake hardware alarm. */
#include "capsules/virtual_alarm.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "kernel/hil/time.h"
#include "lib/compiler.h"

/*
 * The fake hardware alarm keeps a counter the test moves with advance(): it fires (disarming
 * itself first, as the HIL says) exactly when its time comes, as often as the mux re-arms it.
 */
#define HW_HZ	  1000000u
#define ALARMS	  4
#define LOG_MAX	  64
#define MAX_FIRES 1000 /* per advance(): a mux that keeps the hardware due forever fails */

struct fake_hw {
	struct hil_alarm alarm;
	uint32_t now;
	bool armed;
	uint32_t reference, dt;
	unsigned sets, disarms, fires;
};

struct fire {
	unsigned id;
	uint32_t at;
};

/* A user of one virtual alarm; then() runs inside its callback. */
struct user {
	struct hil_alarm_client client;
	struct virtual_alarm va;
	unsigned id;
	unsigned fired;
	void (*then)(struct user *u);
	uint32_t period; /* for then = rearm_periodic */
};

static struct fake_hw hw;
static struct alarm_mux mux;
static struct user users[ALARMS];
static struct fire log_[LOG_MAX];
static unsigned log_len;

static uint32_t hw_frequency(struct hil_alarm *a)
{
	(void)a;
	return HW_HZ;
}

static uint32_t hw_now(struct hil_alarm *a)
{
	return container_of(a, struct fake_hw, alarm)->now;
}

static void hw_set(struct hil_alarm *a, uint32_t reference, uint32_t dt)
{
	struct fake_hw *h = container_of(a, struct fake_hw, alarm);

	h->armed = true;
	h->reference = reference;
	h->dt = dt;
	h->sets++;
}

static uint32_t hw_get(struct hil_alarm *a)
{
	struct fake_hw *h = container_of(a, struct fake_hw, alarm);

	return h->reference + h->dt;
}

static enum error_code hw_disarm(struct hil_alarm *a)
{
	struct fake_hw *h = container_of(a, struct fake_hw, alarm);

	h->disarms++;
	if (!h->armed)
		return ERROR_ALREADY;
	h->armed = false;
	return ERROR_NONE;
}

static bool hw_is_armed(struct hil_alarm *a)
{
	return container_of(a, struct fake_hw, alarm)->armed;
}

static const struct hil_alarm_ops hw_ops = {
    .frequency_hz = hw_frequency,
    .now = hw_now,
    .set_alarm = hw_set,
    .get_alarm = hw_get,
    .disarm = hw_disarm,
    .is_armed = hw_is_armed,
};

/* Fires the hardware alarm now, as its interrupt would. */
static void hw_fire(void)
{
	hw.armed = false;
	hw.fires++;
	hw.alarm.client->alarm_fired(hw.alarm.client);
}

/*
 * Moves the counter on by delta (wrapping), firing the hardware whenever it is due. Callbacks
 * may move the counter themselves (time they take); that counts towards delta.
 */
static void advance(uint32_t delta)
{
	uint32_t start = hw.now;
	unsigned fires = 0;

	for (;;) {
		uint32_t used = hw.now - start;
		uint32_t left = used >= delta ? 0 : delta - used;

		if (hw.armed) {
			uint32_t elapsed = hw.now - hw.reference;
			uint32_t wait = elapsed >= hw.dt ? 0 : hw.dt - elapsed;

			if (wait <= left) {
				hw.now += wait;
				if (++fires > MAX_FIRES)
					fail_msg("hardware alarm due forever at %u", hw.now);
				hw_fire();
				continue;
			}
		}
		hw.now += left;
		return;
	}
}

static uint32_t hw_deadline(void)
{
	assert_true(hw.armed);
	return hw.reference + hw.dt;
}

static void user_fired(struct hil_alarm_client *client)
{
	struct user *u = container_of(client, struct user, client);

	u->fired++;
	if (log_len < LOG_MAX)
		log_[log_len++] = (struct fire){u->id, hw.now};
	/* The HIL: disarmed before the callback. */
	assert_false(hil_alarm_is_armed(&u->va.alarm));
	if (u->then)
		u->then(u);
}

static struct hil_alarm *alarm_of(unsigned i)
{
	return &users[i].va.alarm;
}

static void set(unsigned i, uint32_t dt)
{
	hil_alarm_set(alarm_of(i), hw.now, dt);
}

static void assert_log(const struct fire *expected, unsigned n)
{
	assert_int_equal(log_len, n);
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(log_[i].id, expected[i].id);
		assert_int_equal(log_[i].at, expected[i].at);
	}
}

static void start_at(uint32_t now)
{
	memset(&hw, 0, sizeof(hw));
	memset(&mux, 0, sizeof(mux));
	memset(users, 0, sizeof(users));
	log_len = 0;
	hw.alarm.ops = &hw_ops;
	hw.now = now;
	alarm_mux_init(&mux, &hw.alarm);
	for (unsigned i = 0; i < ALARMS; i++) {
		users[i].id = i;
		users[i].client.alarm_fired = user_fired;
		virtual_alarm_init(&users[i].va, &mux);
		users[i].va.alarm.client = &users[i].client;
	}
}

static int setup(void **state)
{
	(void)state;
	start_at(1000);
	return 0;
}

static void rearm_periodic(struct user *u)
{
	/* From the time it was due, so the period does not drift. */
	hil_alarm_set(&u->va.alarm, hil_alarm_get(&u->va.alarm), u->period);
}

/* ---- tests ---- */

static void test_virtual_alarm_is_a_time_hil_over_the_hardware(void **state)
{
	(void)state;
	assert_int_equal(hil_alarm_frequency_hz(alarm_of(0)), HW_HZ);
	assert_int_equal(hil_alarm_now(alarm_of(0)), 1000);
	hw.now = 1234;
	assert_int_equal(hil_alarm_now(alarm_of(3)), 1234);
	assert_false(hil_alarm_is_armed(alarm_of(0)));
	hil_alarm_set(alarm_of(0), 1200, 500);
	assert_true(hil_alarm_is_armed(alarm_of(0)));
	assert_int_equal(hil_alarm_get(alarm_of(0)), 1700);
	assert_false(hil_alarm_is_armed(alarm_of(1)));
}

static void test_nothing_armed_leaves_hardware_unarmed(void **state)
{
	(void)state;
	assert_false(hw.armed);
	advance(100000);
	assert_int_equal(log_len, 0);
	assert_int_equal(hw.fires, 0);
}

static void test_hardware_is_armed_for_the_soonest_alarm(void **state)
{
	(void)state;
	set(0, 300);
	assert_int_equal(hw_deadline(), 1300);
	set(1, 500); /* later: the hardware stays on the soonest */
	assert_int_equal(hw_deadline(), 1300);
	set(2, 100); /* sooner: the hardware moves */
	assert_int_equal(hw_deadline(), 1100);
	advance(50);
	set(3, 60); /* due at 1110, after 2's 1100 */
	assert_int_equal(hw_deadline(), 1100);
	set(2, 100); /* 2 moved to 1150: now 3 is the soonest */
	assert_int_equal(hw_deadline(), 1110);
}

static void test_alarms_fire_in_deadline_order_at_their_times(void **state)
{
	const struct fire expected[] = {{1, 1050}, {3, 1075}, {0, 1100}, {2, 1200}};

	(void)state;
	set(0, 100);
	set(1, 50);
	set(2, 200);
	set(3, 75);
	advance(1000);
	assert_log(expected, 4);
	for (unsigned i = 0; i < ALARMS; i++) {
		assert_int_equal(users[i].fired, 1);
		assert_false(hil_alarm_is_armed(alarm_of(i)));
	}
	assert_false(hw.armed); /* nothing left: the hardware is off */
}

static void test_alarms_with_the_same_deadline_fire_together_once(void **state)
{
	(void)state;
	set(0, 100);
	set(1, 100);
	hil_alarm_set(alarm_of(2), 950, 150); /* the same time from another reference */
	advance(100);
	assert_int_equal(log_len, 3);
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(users[i].fired, 1);
		assert_int_equal(log_[i].at, 1100);
	}
	advance(1000);
	assert_int_equal(log_len, 3);
}

static void test_alarm_rearmed_in_its_callback_fires_periodically(void **state)
{
	const struct fire expected[] = {{0, 1100}, {1, 1150}, {0, 1200}, {0, 1300}, {0, 1400}};

	(void)state;
	users[0].then = rearm_periodic;
	users[0].period = 100;
	set(0, 100);
	set(1, 150);
	advance(450);
	assert_log(expected, 5);
	assert_true(hil_alarm_is_armed(alarm_of(0)));
	assert_int_equal(hw_deadline(), 1500);
}

static void arm_user_2_in_30(struct user *u)
{
	(void)u;
	set(2, 30);
}

static void test_alarm_armed_in_another_alarms_callback_fires_on_time(void **state)
{
	const struct fire expected[] = {{0, 1100}, {2, 1130}, {1, 1500}};

	(void)state;
	users[0].then = arm_user_2_in_30;
	set(0, 100);
	set(1, 500);
	advance(1000);
	assert_log(expected, 3);
}

/* A callback that takes 5 ticks, then arms every other user for 1000 ticks from then. */
static void slow_then_arm_others(struct user *u)
{
	hw.now += 5;
	for (unsigned i = 0; i < ALARMS; i++)
		if (i != u->id)
			set(i, 1000);
}

/*
 * Regression (found by this test, fixed in 590dafa): the mux read the counter once before the
 * callbacks. An alarm armed inside a slow callback, with a reference after that snapshot, then
 * looked "set in the future", which the wrap-safe test now - reference >= dt takes for long
 * past: if the mux visited it later in the same pass it fired at once instead of dt later.
 * Which alarms are visited later depends on the list order, so every other alarm is armed.
 */
static void test_alarm_armed_in_a_slow_callback_waits_its_full_time(void **state)
{
	(void)state;
	for (unsigned first = 0; first < ALARMS; first++) {
		start_at(1000);
		users[first].then = slow_then_arm_others;
		set(first, 100);
		advance(100 + 5 + 999);
		for (unsigned i = 0; i < ALARMS; i++)
			assert_int_equal(users[i].fired, i == first ? 1 : 0);
		advance(1);
		for (unsigned i = 0; i < ALARMS; i++)
			assert_int_equal(users[i].fired, 1);
	}
}

static void disarm_user_1(struct user *u)
{
	(void)u;
	assert_int_equal(hil_alarm_disarm(alarm_of(1)), ERROR_NONE);
}

static void disarm_the_other_of_0_and_1(struct user *u)
{
	hil_alarm_disarm(alarm_of(u->id == 0 ? 1 : 0));
}

static void test_alarm_disarmed_in_a_callback_does_not_fire(void **state)
{
	(void)state;
	users[0].then = disarm_user_1;
	set(0, 100);
	set(1, 200);
	set(2, 200);
	advance(1000);
	assert_int_equal(users[0].fired, 1);
	assert_int_equal(users[1].fired, 0);
	assert_int_equal(users[2].fired, 1);
}

static void test_alarm_due_together_but_disarmed_by_the_first_callback_does_not_fire(void **state)
{
	(void)state;
	users[0].then = users[1].then = disarm_the_other_of_0_and_1;
	set(0, 100);
	set(1, 100);
	advance(1000);
	assert_int_equal(users[0].fired + users[1].fired, 1);
}

static void test_disarm_moves_hardware_to_the_next_alarm(void **state)
{
	(void)state;
	set(0, 100);
	set(1, 200);
	assert_int_equal(hil_alarm_disarm(alarm_of(0)), ERROR_NONE);
	assert_false(hil_alarm_is_armed(alarm_of(0)));
	assert_int_equal(hw_deadline(), 1200);
	advance(1000);
	assert_int_equal(users[0].fired, 0);
	assert_int_equal(users[1].fired, 1);
}

static void test_disarm_of_the_last_alarm_disarms_hardware(void **state)
{
	(void)state;
	set(0, 100);
	assert_int_equal(hil_alarm_disarm(alarm_of(0)), ERROR_NONE);
	assert_false(hw.armed);
	advance(1000);
	assert_int_equal(log_len, 0);
}

static void test_disarm_of_unarmed_alarm_returns_already(void **state)
{
	(void)state;
	assert_int_equal(hil_alarm_disarm(alarm_of(0)), ERROR_ALREADY);
	set(0, 10);
	advance(10);
	assert_int_equal(hil_alarm_disarm(alarm_of(0)), ERROR_ALREADY);
}

static void test_alarm_already_due_when_set_fires_at_once(void **state)
{
	(void)state;
	set(0, 0);
	assert_int_equal(hw_deadline(), 1000);
	hil_alarm_set(alarm_of(1), 500, 100); /* due at 600, already past */
	advance(0);
	assert_int_equal(users[0].fired, 1);
	assert_int_equal(users[1].fired, 1);
	assert_int_equal(log_[0].at, 1000);
	assert_int_equal(log_[1].at, 1000);
}

static void test_set_replaces_an_armed_alarm(void **state)
{
	(void)state;
	set(0, 100);
	set(0, 300);
	advance(200);
	assert_int_equal(users[0].fired, 0);
	advance(100);
	assert_int_equal(users[0].fired, 1);
	advance(1000);
	assert_int_equal(users[0].fired, 1);
}

static void test_late_hardware_interrupt_fires_every_due_alarm_once(void **state)
{
	(void)state;
	set(0, 100);
	set(1, 200);
	set(2, 5000);
	hw.now += 1000; /* the interrupt comes late */
	hw_fire();
	assert_int_equal(users[0].fired, 1);
	assert_int_equal(users[1].fired, 1);
	assert_int_equal(users[2].fired, 0);
	assert_int_equal(hw_deadline(), 6000);
}

static void test_early_hardware_interrupt_fires_nothing_and_rearms(void **state)
{
	(void)state;
	set(0, 100);
	hw.now += 40;
	hw_fire();
	assert_int_equal(log_len, 0);
	assert_int_equal(hw_deadline(), 1100);
}

static void test_alarms_fire_in_order_across_the_counter_wrap(void **state)
{
	const struct fire expected[] = {{0, 0xffffff80u}, {2, 0x10u}, {3, 0x20u}, {1, 0x100u}};

	(void)state;
	start_at(0xffffff00u);
	set(1, 0x200); /* 0x100, after the wrap */
	set(0, 0x80);  /* 0xffffff80, before it */
	set(2, 0x110); /* 0x10 */
	set(3, 0x120); /* 0x20 */
	assert_int_equal(hw_deadline(), 0xffffff80u);
	advance(0x100);
	assert_int_equal(hw.now, 0);
	assert_int_equal(hw_deadline(), 0x10u);
	advance(0x1000);
	assert_log(expected, 4);
}

static void test_long_alarm_set_before_the_wrap_waits_its_full_time(void **state)
{
	(void)state;
	start_at(0xfffffff0u);
	set(0, 0x80000000u);
	set(1, 0x20);
	advance(0x40); /* past the wrap: small numbers now */
	assert_int_equal(users[1].fired, 1);
	assert_int_equal(users[0].fired, 0);
	advance(0x7fffff00u);
	assert_int_equal(users[0].fired, 0);
	advance(0x1000);
	assert_int_equal(users[0].fired, 1);
	assert_int_equal(log_[1].at, 0x7ffffff0u);
}

static void test_periodic_alarm_keeps_its_period_across_the_wrap(void **state)
{
	(void)state;
	start_at(0xfffff000u);
	users[0].then = rearm_periodic;
	users[0].period = 0x700;
	set(0, 0x700);
	advance(0x3000);
	assert_int_equal(users[0].fired, 6);
	for (unsigned i = 0; i < 6; i++)
		assert_int_equal(log_[i].at, 0xfffff000u + 0x700u * (i + 1));
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_virtual_alarm_is_a_time_hil_over_the_hardware),
	    T(test_nothing_armed_leaves_hardware_unarmed),
	    T(test_hardware_is_armed_for_the_soonest_alarm),
	    T(test_alarms_fire_in_deadline_order_at_their_times),
	    T(test_alarms_with_the_same_deadline_fire_together_once),
	    T(test_alarm_rearmed_in_its_callback_fires_periodically),
	    T(test_alarm_armed_in_another_alarms_callback_fires_on_time),
	    T(test_alarm_armed_in_a_slow_callback_waits_its_full_time),
	    T(test_alarm_disarmed_in_a_callback_does_not_fire),
	    T(test_alarm_due_together_but_disarmed_by_the_first_callback_does_not_fire),
	    T(test_disarm_moves_hardware_to_the_next_alarm),
	    T(test_disarm_of_the_last_alarm_disarms_hardware),
	    T(test_disarm_of_unarmed_alarm_returns_already),
	    T(test_alarm_already_due_when_set_fires_at_once),
	    T(test_set_replaces_an_armed_alarm),
	    T(test_late_hardware_interrupt_fires_every_due_alarm_once),
	    T(test_early_hardware_interrupt_fires_nothing_and_rearms),
	    T(test_alarms_fire_in_order_across_the_counter_wrap),
	    T(test_long_alarm_set_before_the_wrap_waits_its_full_time),
	    T(test_periodic_alarm_keeps_its_period_across_the_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
