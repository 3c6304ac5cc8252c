/* SPDX-License-Identifier: MIT */
/* Unit tests for capsules/alarm (driver 0x0): per-process alarms over the virtual alarm mux and a
 * fake time HIL, with every process slot in use. */
#include "capsules/alarm.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "capsules/virtual_alarm.h"
#include "kernel/hil/time.h"
#include "kernel/process.h"
#include "kernel/syscall.h"
#include "lib/compiler.h"
#include "tests/unit/kernel/process_fixture.h"

/*
 * The fake hardware alarm keeps a counter the test moves with advance(): it fires (disarming
 * itself first, as the HIL says) exactly when its time comes. After each firing the upcalls the
 * driver queued are taken out of every process's queue into a log, in slot order, so the log
 * shows which process's alarm fired when.
 */
#define HW_HZ	  32768u
#define START	  1000u
#define LOG_MAX	  64
#define MAX_FIRES 1000 /* per advance(): a driver that keeps the hardware due forever fails */
#define NPROC	  FIXTURE_APPS_MAX

struct fake_hw {
	struct hil_alarm alarm;
	uint32_t now;
	bool armed;
	uint32_t reference, dt;
	unsigned fires;
};

struct fire {
	unsigned slot;	  /* process slot the upcall went to */
	uint32_t at;	  /* counter when the hardware fired */
	struct upcall up; /* what was queued */
};

static struct fake_hw hw;
static struct alarm_mux mux;
static struct alarm_driver alarm_drv;
static struct fire log_[LOG_MAX];
static unsigned log_len;

/* Another user of the same mux (the kernel has its own virtual alarms). */
static struct virtual_alarm kernel_va;
static struct hil_alarm_client kernel_client;
static unsigned kernel_fired;
static uint32_t kernel_fired_at;

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
}

static uint32_t hw_get(struct hil_alarm *a)
{
	struct fake_hw *h = container_of(a, struct fake_hw, alarm);

	return h->reference + h->dt;
}

static enum error_code hw_disarm(struct hil_alarm *a)
{
	struct fake_hw *h = container_of(a, struct fake_hw, alarm);

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

/* Moves what the driver queued since the last call into the log. */
static void collect_upcalls(void)
{
	for (unsigned i = 0; i < NPROC; i++) {
		struct process *p = process_get(i);
		struct upcall u;

		while (p && fixture_pop_upcall(p, &u)) {
			if (log_len < LOG_MAX)
				log_[log_len++] = (struct fire){i, hw.now, u};
		}
	}
}

/* Fires the hardware alarm now, as its interrupt would. */
static void hw_fire(void)
{
	hw.armed = false;
	hw.fires++;
	hw.alarm.client->alarm_fired(hw.alarm.client);
	collect_upcalls();
}

/* Moves the counter on by delta (wrapping), firing the hardware whenever it is due. */
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

static void kernel_alarm_fired(struct hil_alarm_client *client)
{
	(void)client;
	kernel_fired++;
	kernel_fired_at = hw.now;
}

static struct process *proc(unsigned slot)
{
	struct process *p = process_get(slot);

	assert_non_null(p);
	return p;
}

static struct syscall_return alarm_cmd(struct process *p, uint32_t cmd, uint32_t arg1,
				       uint32_t arg2)
{
	return fixture_syscall(p, SYSCALL_COMMAND, ALARM_DRIVER, cmd, arg1, arg2);
}

/* The upcall function and app data a process subscribes with. */
static uint32_t upcall_fn(const struct process *p)
{
	return p->app->binary_vaddr + 0x100u;
}

static void subscribe(struct process *p)
{
	struct syscall_return r =
	    fixture_syscall(p, SYSCALL_SUBSCRIBE, ALARM_DRIVER, 0, upcall_fn(p), 0xa1a0);

	assert_int_equal(r.variant, SYSCALL_SUCCESS_2U32);
}

static void assert_success_u32(struct syscall_return r, uint32_t v)
{
	assert_int_equal(r.variant, SYSCALL_SUCCESS_U32);
	assert_int_equal(r.data[0], v);
}

static void assert_success(struct syscall_return r)
{
	assert_int_equal(r.variant, SYSCALL_SUCCESS);
}

static void assert_failure(struct syscall_return r, enum error_code e)
{
	assert_int_equal(r.variant, SYSCALL_FAILURE);
	assert_int_equal(r.data[0], e);
}

/* Sets slot's alarm dt from now and checks the expiration it returns. */
static void set_relative(unsigned slot, uint32_t dt)
{
	assert_success_u32(alarm_cmd(proc(slot), 5, dt, 0), hw.now + dt);
}

/* Is log entry i slot's alarm upcall (now, expiration, 0), fired at expiration? */
static void assert_fired(unsigned i, unsigned slot, uint32_t expiration)
{
	assert_true(i < log_len);
	assert_int_equal(log_[i].slot, slot);
	assert_int_equal(log_[i].at, expiration);
	assert_int_equal(log_[i].up.driver, ALARM_DRIVER);
	assert_int_equal(log_[i].up.subscribe, 0);
	assert_int_equal(log_[i].up.args[0], expiration); /* now, when it fired on time */
	assert_int_equal(log_[i].up.args[1], expiration);
	assert_int_equal(log_[i].up.args[2], 0);
}

static void start_at(uint32_t now)
{
	fixture_start_n(NPROC, FAULT_POLICY_STOP, 0);
	/* The driver's virtual alarm outlives the processes: forget its previous test. */
	if (hil_alarm_is_armed(&alarm_drv.va.alarm))
		hil_alarm_disarm(&alarm_drv.va.alarm);
	if (hil_alarm_is_armed(&kernel_va.alarm))
		hil_alarm_disarm(&kernel_va.alarm);
	hw.now = now;
	hw.armed = false;
	hw.fires = 0;
	log_len = 0;
	kernel_fired = 0;
	for (unsigned i = 0; i < NPROC; i++)
		subscribe(proc(i));
}

static int group_setup(void **state)
{
	if (fixture_group_setup(state))
		return -1;
	hw.alarm.ops = &hw_ops;
	alarm_mux_init(&mux, &hw.alarm);
	alarm_driver_init(&alarm_drv, &mux);
	virtual_alarm_init(&kernel_va, &mux);
	kernel_client.alarm_fired = kernel_alarm_fired;
	kernel_va.alarm.client = &kernel_client;
	return 0;
}

static int setup(void **state)
{
	(void)state;
	start_at(START);
	return 0;
}

/* ---- commands ---- */

static void test_command_0_succeeds_and_unknown_commands_fail_nosupport(void **state)
{
	(void)state;
	assert_success(alarm_cmd(proc(0), 0, 0, 0));
	assert_failure(alarm_cmd(proc(0), 4, 0, 0), ERROR_NOSUPPORT);
	assert_failure(alarm_cmd(proc(0), 7, 0, 0), ERROR_NOSUPPORT);
	assert_failure(alarm_cmd(proc(0), 0xffffffffu, 0, 0), ERROR_NOSUPPORT);
}

static void test_frequency_is_the_counters_rate(void **state)
{
	(void)state;
	assert_success_u32(alarm_cmd(proc(0), 1, 0, 0), HW_HZ);
	assert_success_u32(alarm_cmd(proc(7), 1, 0, 0), HW_HZ);
}

static void test_now_reads_the_counter(void **state)
{
	(void)state;
	assert_success_u32(alarm_cmd(proc(0), 2, 0, 0), START);
	advance(12345);
	assert_success_u32(alarm_cmd(proc(3), 2, 0, 0), START + 12345);
	hw.now = 0xfffffffeu;
	assert_success_u32(alarm_cmd(proc(3), 2, 0, 0), 0xfffffffeu);
}

/* ---- set relative, set absolute, firing ---- */

static void test_set_relative_returns_expiration_and_fires_once_at_it(void **state)
{
	(void)state;
	set_relative(0, 500);
	assert_int_equal(hw_deadline(), START + 500);
	advance(499);
	assert_int_equal(log_len, 0);
	advance(1);
	assert_int_equal(log_len, 1);
	assert_fired(0, 0, START + 500);
	advance(100000);
	assert_int_equal(log_len, 1);
	assert_false(hw.armed); /* nothing left: the hardware is off */
}

static void test_upcall_goes_to_the_subscribed_slot_with_now_and_expiration(void **state)
{
	struct process *p = proc(2);
	struct upcall u;

	(void)state;
	set_relative(2, 40);
	hw.now += 60; /* the interrupt comes late: now differs from the expiration */
	hw.armed = false;
	hw.alarm.client->alarm_fired(hw.alarm.client);
	assert_true(fixture_pop_upcall(p, &u));
	assert_int_equal(u.driver, ALARM_DRIVER);
	assert_int_equal(u.subscribe, 0);
	assert_int_equal(u.args[0], START + 60);
	assert_int_equal(u.args[1], START + 40);
	assert_int_equal(u.args[2], 0);
	assert_false(fixture_pop_upcall(p, &u));
}

static void test_alarms_of_every_process_fire_once_each_in_deadline_order(void **state)
{
	static const uint32_t dt[NPROC] = {700, 300, 800, 100, 500, 200, 600, 400};
	static const unsigned order[NPROC] = {3, 5, 1, 7, 4, 6, 0, 2};

	(void)state;
	for (unsigned i = 0; i < NPROC; i++)
		set_relative(i, dt[i]);
	assert_int_equal(hw_deadline(), START + 100);
	advance(10000);
	assert_int_equal(log_len, NPROC);
	for (unsigned k = 0; k < NPROC; k++)
		assert_fired(k, order[k], START + dt[order[k]]);
	assert_int_equal(hw.fires, NPROC); /* one interrupt per deadline, none wasted */
	assert_false(hw.armed);
}

static void
test_alarms_set_at_different_times_fire_by_deadline_not_by_order_of_setting(void **state)
{
	(void)state;
	set_relative(4, 1000); /* due START + 1000 */
	advance(100);
	set_relative(1, 500); /* due START + 600 */
	advance(100);
	set_relative(6, 50); /* due START + 250 */
	assert_int_equal(hw_deadline(), START + 250);
	advance(5000);
	assert_int_equal(log_len, 3);
	assert_fired(0, 6, START + 250);
	assert_fired(1, 1, START + 600);
	assert_fired(2, 4, START + 1000);
}

static void test_alarms_of_two_processes_with_the_same_deadline_fire_together(void **state)
{
	(void)state;
	set_relative(1, 300);
	advance(100);
	set_relative(5, 200);
	advance(300);
	assert_int_equal(log_len, 2);
	assert_fired(0, 1, START + 300);
	assert_fired(1, 5, START + 300);
	assert_int_equal(hw.fires, 1);
}

static void test_alarms_of_many_processes_fire_in_order_across_the_counter_wrap(void **state)
{
	static const uint32_t dt[NPROC] = {0x80, 0x200, 0x110, 0x120, 0xff, 0x100, 0x101, 0x1000};
	static const unsigned order[NPROC] = {0, 4, 5, 6, 2, 3, 1, 7};

	(void)state;
	start_at(0xffffff00u);
	for (unsigned i = 0; i < NPROC; i++)
		set_relative(i, dt[i]);
	assert_int_equal(hw_deadline(), 0xffffff80u);
	advance(0x100);
	assert_int_equal(hw.now, 0);
	assert_int_equal(log_len, 3); /* 0x80, 0xff and 0x100 (= 0): the wrap itself */
	advance(0x2000);
	assert_int_equal(log_len, NPROC);
	for (unsigned k = 0; k < NPROC; k++)
		assert_fired(k, order[k], 0xffffff00u + dt[order[k]]);
}

static void test_long_alarm_set_before_the_wrap_waits_its_full_time(void **state)
{
	(void)state;
	start_at(0xfffffff0u);
	set_relative(0, 0x80000000u);
	set_relative(1, 0x20);
	advance(0x40); /* past the wrap: small numbers now */
	assert_int_equal(log_len, 1);
	assert_fired(0, 1, 0x10u);
	advance(0x7fffff00u);
	assert_int_equal(log_len, 1);
	advance(0x1000);
	assert_int_equal(log_len, 2);
	assert_fired(1, 0, 0x7ffffff0u);
}

static void test_set_relative_zero_fires_at_once(void **state)
{
	(void)state;
	set_relative(3, 0);
	assert_int_equal(hw_deadline(), START);
	advance(0);
	assert_int_equal(log_len, 1);
	assert_fired(0, 3, START);
}

static void test_set_absolute_returns_reference_plus_dt_and_fires_then(void **state)
{
	(void)state;
	/* A reference in the past, an expiration in the future: dt counts from the reference. */
	assert_success_u32(alarm_cmd(proc(2), 6, START - 50, 150), START + 100);
	assert_int_equal(hw_deadline(), START + 100);
	advance(99);
	assert_int_equal(log_len, 0);
	advance(1);
	assert_int_equal(log_len, 1);
	assert_fired(0, 2, START + 100);
}

static void test_set_absolute_in_the_past_fires_promptly(void **state)
{
	(void)state;
	set_relative(1, 5000); /* a later alarm must not hold the past one back */
	assert_success_u32(alarm_cmd(proc(0), 6, START - 1000, 100), START - 900);
	assert_int_equal(hw_deadline(), START); /* due now */
	advance(0);
	assert_int_equal(log_len, 1);
	assert_int_equal(log_[0].slot, 0);
	assert_int_equal(log_[0].at, START);
	assert_int_equal(log_[0].up.args[0], START);	   /* now */
	assert_int_equal(log_[0].up.args[1], START - 900); /* the expiration asked for */
	assert_int_equal(hw_deadline(), START + 5000);	   /* and the other one stays set */
}

static void test_set_absolute_across_the_wrap_fires_after_the_wrap(void **state)
{
	(void)state;
	start_at(0xfffffff8u);
	assert_success_u32(alarm_cmd(proc(5), 6, 0xfffffff0u, 0x20), 0x10u);
	advance(0x17);
	assert_int_equal(log_len, 0);
	advance(1);
	assert_int_equal(log_len, 1);
	assert_fired(0, 5, 0x10u);
}

static void test_set_again_replaces_the_processes_alarm(void **state)
{
	(void)state;
	set_relative(0, 100);
	set_relative(0, 300);
	assert_int_equal(hw_deadline(), START + 300);
	advance(200);
	assert_int_equal(log_len, 0);
	advance(100);
	assert_int_equal(log_len, 1);
	assert_fired(0, 0, START + 300);
	advance(1000);
	assert_int_equal(log_len, 1);
}

static void test_alarm_set_again_after_it_fired_fires_again(void **state)
{
	(void)state;
	set_relative(6, 100);
	advance(100);
	set_relative(6, 100);
	advance(100);
	assert_int_equal(log_len, 2);
	assert_fired(0, 6, START + 100);
	assert_fired(1, 6, START + 200);
}

/* ---- stop ---- */

static void test_stop_cancels_the_alarm_and_moves_the_hardware_to_the_next(void **state)
{
	(void)state;
	set_relative(0, 100);
	set_relative(1, 200);
	assert_success(alarm_cmd(proc(0), 3, 0, 0));
	assert_int_equal(hw_deadline(), START + 200);
	advance(1000);
	assert_int_equal(log_len, 1);
	assert_fired(0, 1, START + 200);
}

static void test_stop_of_the_last_alarm_turns_the_hardware_off(void **state)
{
	(void)state;
	set_relative(4, 100);
	assert_success(alarm_cmd(proc(4), 3, 0, 0));
	assert_false(hw.armed);
	advance(1000);
	assert_int_equal(log_len, 0);
}

static void test_stop_without_an_armed_alarm_fails_already(void **state)
{
	(void)state;
	assert_failure(alarm_cmd(proc(0), 3, 0, 0), ERROR_ALREADY);
	set_relative(0, 10);
	advance(10);
	assert_failure(alarm_cmd(proc(0), 3, 0, 0), ERROR_ALREADY);
	set_relative(0, 10);
	assert_success(alarm_cmd(proc(0), 3, 0, 0));
	assert_failure(alarm_cmd(proc(0), 3, 0, 0), ERROR_ALREADY);
}

static void test_stop_by_one_process_leaves_the_others_alarms_alone(void **state)
{
	(void)state;
	for (unsigned i = 0; i < NPROC; i++)
		set_relative(i, 100 + i);
	assert_success(alarm_cmd(proc(3), 3, 0, 0));
	advance(1000);
	assert_int_equal(log_len, NPROC - 1);
	for (unsigned k = 0, i = 0; i < NPROC; i++)
		if (i != 3)
			assert_fired(k++, i, START + 100 + i);
}

/* ---- grants and process lifecycle ---- */

static void test_commands_with_state_fail_nomem_when_the_grant_region_is_full(void **state)
{
	struct process *p;

	(void)state;
	/* Fresh processes (set-up subscribed, which gave the driver its state), and one whose
	 * grant region has 4 bytes left: too few for the driver's state. */
	fixture_start_n(NPROC, FAULT_POLICY_STOP, 0);
	p = proc(0);
	assert_non_null(
	    process_grant_alloc(p, p->grant_break - ALIGN_UP(p->app_break, PAGE_BYTES) - 4));
	assert_failure(alarm_cmd(p, 5, 100, 0), ERROR_NOMEM);
	assert_failure(alarm_cmd(p, 6, START, 100), ERROR_NOMEM);
	assert_failure(alarm_cmd(p, 3, 0, 0), ERROR_NOMEM);
	/* Stateless commands still work, and so does every other process. */
	assert_success(alarm_cmd(p, 0, 0, 0));
	assert_success_u32(alarm_cmd(p, 1, 0, 0), HW_HZ);
	assert_success_u32(alarm_cmd(p, 2, 0, 0), START);
	subscribe(proc(1));
	set_relative(1, 100);
	advance(100);
	assert_int_equal(log_len, 1);
	assert_fired(0, 1, START + 100);
}

static void test_alarm_of_a_restarted_process_never_fires(void **state)
{
	(void)state;
	set_relative(2, 100);
	set_relative(3, 300);
	process_restart(proc(2));
	subscribe(proc(2)); /* its new life subscribes again, but set no alarm */
	advance(1000);
	assert_int_equal(log_len, 1);
	assert_fired(0, 3, START + 300);
	assert_false(hw.armed);
}

static void test_alarm_of_an_exited_process_is_dropped_and_others_fire(void **state)
{
	(void)state;
	set_relative(1, 100);
	set_relative(2, 200);
	process_terminate(proc(1), 0);
	advance(1000);
	assert_int_equal(log_len, 1);
	assert_fired(0, 2, START + 200);
	assert_false(hw.armed);
	assert_failure(alarm_cmd(proc(1), 3, 0, 0), ERROR_ALREADY); /* disarmed when it was due */
}

static void test_alarm_without_a_subscribed_upcall_fires_silently_and_disarms(void **state)
{
	(void)state;
	assert_int_equal(fixture_syscall(proc(0), SYSCALL_SUBSCRIBE, ALARM_DRIVER, 0, 0, 0).variant,
			 SYSCALL_SUCCESS_2U32);
	set_relative(0, 100);
	advance(1000);
	assert_int_equal(log_len, 0);
	assert_false(hw.armed);
	assert_failure(alarm_cmd(proc(0), 3, 0, 0), ERROR_ALREADY);
}

static void test_alarm_of_a_stopped_process_is_queued_for_when_it_resumes(void **state)
{
	struct process *p = proc(5);
	struct upcall u;

	(void)state;
	set_relative(5, 100);
	process_stop(p);
	hw.now += 100;
	hw.armed = false;
	hw.alarm.client->alarm_fired(hw.alarm.client); /* not collected: look in the queue */
	assert_int_equal(p->state, PROCESS_STOPPED);
	assert_true(fixture_pop_upcall(p, &u));
	assert_int_equal(u.args[1], START + 100);
}

static void test_driver_shares_the_mux_with_another_virtual_alarm(void **state)
{
	(void)state;
	hil_alarm_set(&kernel_va.alarm, START, 150);
	set_relative(0, 100);
	set_relative(1, 200);
	assert_int_equal(hw_deadline(), START + 100);
	advance(1000);
	assert_int_equal(kernel_fired, 1);
	assert_int_equal(kernel_fired_at, START + 150);
	assert_int_equal(log_len, 2);
	assert_fired(0, 0, START + 100);
	assert_fired(1, 1, START + 200);
}

static void test_early_hardware_interrupt_fires_nothing_and_rearms(void **state)
{
	(void)state;
	set_relative(0, 100);
	hw.now += 40;
	hw_fire();
	assert_int_equal(log_len, 0);
	assert_int_equal(hw_deadline(), START + 100);
}

/*
 * One late interrupt: every alarm already due is delivered (with the late now), and the hardware
 * is rearmed for the soonest one still to come, which stays armed and fires at its own time.
 */
static void test_late_hardware_interrupt_delivers_the_due_and_rearms_for_the_rest(void **state)
{
	(void)state;
	set_relative(0, 100);
	set_relative(1, 150);
	set_relative(2, 500);
	set_relative(3, 300);
	hw.now = START + 200;
	hw_fire();
	assert_int_equal(log_len, 2);
	for (unsigned k = 0; k < 2; k++) {
		assert_int_equal(log_[k].slot, k);
		assert_int_equal(log_[k].up.args[0], START + 200);
		assert_int_equal(log_[k].up.args[1], START + (k ? 150 : 100));
	}
	assert_int_equal(hw_deadline(), START + 300);
	assert_failure(alarm_cmd(proc(0), 3, 0, 0), ERROR_ALREADY); /* delivered: disarmed */
	advance(1000);
	assert_int_equal(log_len, 4);
	assert_fired(2, 3, START + 300);
	assert_fired(3, 2, START + 500);
	assert_int_equal(hw.fires, 3);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_command_0_succeeds_and_unknown_commands_fail_nosupport),
	    T(test_frequency_is_the_counters_rate),
	    T(test_now_reads_the_counter),
	    T(test_set_relative_returns_expiration_and_fires_once_at_it),
	    T(test_upcall_goes_to_the_subscribed_slot_with_now_and_expiration),
	    T(test_alarms_of_every_process_fire_once_each_in_deadline_order),
	    T(test_alarms_set_at_different_times_fire_by_deadline_not_by_order_of_setting),
	    T(test_alarms_of_two_processes_with_the_same_deadline_fire_together),
	    T(test_alarms_of_many_processes_fire_in_order_across_the_counter_wrap),
	    T(test_long_alarm_set_before_the_wrap_waits_its_full_time),
	    T(test_set_relative_zero_fires_at_once),
	    T(test_set_absolute_returns_reference_plus_dt_and_fires_then),
	    T(test_set_absolute_in_the_past_fires_promptly),
	    T(test_set_absolute_across_the_wrap_fires_after_the_wrap),
	    T(test_set_again_replaces_the_processes_alarm),
	    T(test_alarm_set_again_after_it_fired_fires_again),
	    T(test_stop_cancels_the_alarm_and_moves_the_hardware_to_the_next),
	    T(test_stop_of_the_last_alarm_turns_the_hardware_off),
	    T(test_stop_without_an_armed_alarm_fails_already),
	    T(test_stop_by_one_process_leaves_the_others_alarms_alone),
	    T(test_commands_with_state_fail_nomem_when_the_grant_region_is_full),
	    T(test_alarm_of_a_restarted_process_never_fires),
	    T(test_alarm_of_an_exited_process_is_dropped_and_others_fire),
	    T(test_alarm_without_a_subscribed_upcall_fires_silently_and_disarms),
	    T(test_alarm_of_a_stopped_process_is_queued_for_when_it_resumes),
	    T(test_driver_shares_the_mux_with_another_virtual_alarm),
	    T(test_early_hardware_interrupt_fires_nothing_and_rearms),
	    T(test_late_hardware_interrupt_delivers_the_due_and_rearms_for_the_rest),
	};

	return cmocka_run_group_tests(tests, group_setup, fixture_group_teardown);
}
