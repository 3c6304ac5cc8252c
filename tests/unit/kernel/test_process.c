/* SPDX-License-Identifier: MIT */
/* Unit tests for kernel/process: memory and grants, upcall queues, lifecycle, fault policy. */
#include "kernel/process.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "kernel/driver.h"
#include "kernel/hil/time.h"
#include "kernel/syscall.h"
#include "tests/unit/fake_arch/fake_arch.h"
#include "tests/unit/fake_debug.h"
#include "tests/unit/fake_kernel_loop.h"
#include "tests/unit/kernel/process_fixture.h"

#define UPCALL0_FN (A_BINARY + 0x100u)
#define UPCALL1_FN (A_BINARY + 0x180u)
#define A_GRANT	   (A_RAM_END - QUEUE_BYTES) /* grant break after start (the queue) */

static bool pages_disjoint(const struct process *p)
{
	return ALIGN_UP(p->app_break, PAGE_BYTES) <= ALIGN_DOWN(p->grant_break, PAGE_BYTES);
}

/* Subscribes p to both upcalls of the test driver, as the subscribe system call does. */
static void subscribe_both(struct process *p)
{
	struct upcall_slot *s = driver_upcalls(&test_drv.driver, p);

	assert_non_null(s);
	s[0] = (struct upcall_slot){p->app->binary_vaddr + 0x100, 0xd0};
	s[1] = (struct upcall_slot){p->app->binary_vaddr + 0x180, 0xd1};
}

static void schedule(struct process *p, uint32_t sub, uint32_t a0)
{
	assert_int_equal(upcall_schedule(&test_drv.driver, p, sub, a0, a0 + 1, a0 + 2), ERROR_NONE);
}

static struct upcall up(uint32_t sub, uint32_t a0)
{
	return (struct upcall){TEST_DRIVER_NUM, sub, {a0, a0 + 1, a0 + 2}};
}

/* ---- process_set_break ---- */

static void test_set_break_to_page_below_grants_succeeds_one_byte_more_fails_nomem(void **state)
{
	uint32_t top = ALIGN_DOWN(A_GRANT, PAGE_BYTES);

	(void)state;
	assert_int_equal(process_set_break(pa, top + 1), ERROR_NOMEM);
	assert_int_equal(process_set_break(pa, A_GRANT), ERROR_NOMEM);
	assert_int_equal(pa->app_break, A_BREAK);
	assert_int_equal(process_set_break(pa, top), ERROR_NONE);
	assert_int_equal(pa->app_break, top);
	assert_true(pages_disjoint(pa));
}

static void test_set_break_cannot_enter_a_page_the_grants_grew_into(void **state)
{
	(void)state;
	/* Grants down to the page below their first one. */
	assert_non_null(process_grant_alloc(pa, A_GRANT - (A_RAM_END - PAGE_BYTES) + 4));
	assert_int_equal(pa->grant_break, A_RAM_END - PAGE_BYTES - 4);
	assert_int_equal(process_set_break(pa, A_RAM_END - PAGE_BYTES), ERROR_NOMEM);
	assert_int_equal(process_set_break(pa, A_RAM_END - 2 * PAGE_BYTES + 1), ERROR_NOMEM);
	assert_int_equal(process_set_break(pa, A_RAM_END - 2 * PAGE_BYTES), ERROR_NONE);
	assert_true(pages_disjoint(pa));
}

static void test_set_break_outside_ram_fails(void **state)
{
	(void)state;
	assert_int_equal(process_set_break(pa, A_RAM_END + 1), ERROR_NOMEM);
	assert_int_equal(process_set_break(pa, 0xffffffff), ERROR_NOMEM);
	assert_int_equal(process_set_break(pa, A_RAM + PROCESS_MIN_RAM_BYTES - 1), ERROR_NOMEM);
	assert_int_equal(process_set_break(pa, A_RAM), ERROR_NOMEM);
	assert_int_equal(process_set_break(pa, 0), ERROR_NOMEM);
	assert_int_equal(pa->app_break, A_BREAK);
	assert_int_equal(process_set_break(pa, A_RAM + PROCESS_MIN_RAM_BYTES), ERROR_NONE);
}

static void test_set_break_never_lets_app_and_grant_pages_share_a_page(void **state)
{
	uint32_t seed = 12345;

	(void)state;
	for (int i = 0; i < 2000; i++) {
		seed = seed * 1103515245u + 12345u;
		uint32_t r = seed >> 8;

		if (r & 1) {
			uint32_t want = A_RAM + r % (A_RAM_END - A_RAM + 0x100);
			uint32_t before = pa->app_break;
			enum error_code rc = process_set_break(pa, want);

			assert_true(rc == ERROR_NONE ? pa->app_break == want
						     : pa->app_break == before);
		} else if (!process_grant_alloc(pa, r % 700)) {
			fixture_start(FAULT_POLICY_STOP, 0); /* grants full: start over */
		}
		assert_true(pages_disjoint(pa));
		assert_true(pa->app_break >= A_RAM + PROCESS_MIN_RAM_BYTES);
		assert_true(pa->grant_break <= A_RAM_END);
	}
}

static void test_set_break_updates_protection_to_page_rounded_break(void **state)
{
	(void)state;
	assert_int_equal(process_set_break(pa, A_RAM + 0x1801), ERROR_NONE);
	assert_int_equal(pa->mpu.ram_start, A_RAM);
	assert_int_equal(pa->mpu.ram_end, A_RAM + 0x2000);
	assert_int_equal(pa->mpu.text_start, A_FLASH);
	assert_int_equal(pa->mpu.text_end, A_TEXT_END);
	assert_int_equal(fake_arch.mpu_calls, 0); /* its memory is not switched in */

	fake_arch_queue_leave();
	process_run(pa); /* switches A in */
	fake_arch_reset();
	assert_int_equal(process_set_break(pa, A_RAM + 0x800), ERROR_NONE);
	/* Rebuilt and put back in force at once: A is switched in. */
	assert_int_equal(fake_arch.mpu_configures, 1);
	assert_int_equal(fake_arch.mpu_calls, 1);
	assert_true(fake_arch.mpu[0].has_to);
	assert_ptr_equal(fake_arch.mpu[0].ctx, &pa->ctx);
	assert_int_equal(fake_arch.mpu[0].to.ram_end, A_RAM + 0x1000);
	/* A failed move changes nothing. */
	assert_int_equal(process_set_break(pa, A_RAM_END), ERROR_NOMEM);
	assert_int_equal(fake_arch.mpu_configures, 1);
	assert_int_equal(fake_arch.mpu_calls, 1);
}

/* ---- process_grant_alloc ---- */

static void test_grant_alloc_returns_zeroed_block(void **state)
{
	uint8_t *block;

	(void)state;
	memset(byte_at(A_RAM_END - PAGE_BYTES), 0xaa, PAGE_BYTES - QUEUE_BYTES);
	block = process_grant_alloc(pa, 64);
	assert_ptr_equal(block, byte_at(A_GRANT - 64));
	for (int i = 0; i < 64; i++)
		assert_int_equal(block[i], 0);
	assert_int_equal(block[-1], 0xaa); /* nothing below it */
}

static void test_grant_alloc_rounds_to_four_and_grows_down(void **state)
{
	uint8_t *a, *b, *c;

	(void)state;
	a = process_grant_alloc(pa, 5);
	b = process_grant_alloc(pa, 1);
	c = process_grant_alloc(pa, 0);
	assert_ptr_equal(a, byte_at(A_GRANT - 8));
	assert_ptr_equal(b, byte_at(A_GRANT - 12));
	assert_ptr_equal(c, byte_at(A_GRANT - 12));
	assert_int_equal(pa->grant_break, A_GRANT - 12);
	assert_int_equal((uintptr_t)b % 4, 0);
}

static void test_grant_alloc_fails_nomem_when_it_would_meet_the_break(void **state)
{
	uint32_t room = A_GRANT - ALIGN_UP(A_BREAK, PAGE_BYTES); /* down to the break's page */

	(void)state;
	assert_null(process_grant_alloc(pa, room + 4));
	assert_int_equal(pa->grant_break, A_GRANT);
	assert_null(process_grant_alloc(pa, A_GRANT - A_RAM));
	assert_null(process_grant_alloc(pa, A_GRANT - A_RAM + 4));
	assert_null(process_grant_alloc(pa, 0xfffffffc));
	assert_int_equal(pa->grant_break, A_GRANT);
	assert_ptr_equal(process_grant_alloc(pa, room), byte_at(ALIGN_UP(A_BREAK, PAGE_BYTES)));
	assert_null(process_grant_alloc(pa, 4));
	assert_true(pages_disjoint(pa));
}

/*
 * Regression (found by this test, fixed in 590dafa): rounding bytes above 0xfffffffc up to 4
 * wrapped to 0, so a request for ~4 GiB "succeeded" with a zero-byte block.
 */
static void test_grant_alloc_of_nearly_4gib_fails_nomem(void **state)
{
	(void)state;
	assert_null(process_grant_alloc(pa, 0xfffffffd));
	assert_null(process_grant_alloc(pa, 0xffffffff));
	assert_int_equal(pa->grant_break, A_GRANT);
}

/* ---- upcall queue ---- */

static void test_upcall_queue_delivers_in_order_of_scheduling(void **state)
{
	static const uint32_t order[] = {1, 0, 0, 1};

	(void)state;
	subscribe_both(pa);
	for (unsigned i = 0; i < 4; i++)
		schedule(pa, order[i], 100 * i);
	pa->ctx.sp = A_FRAME;
	for (unsigned i = 0; i < 4; i++) {
		pa->ctx.sp = A_FRAME;
		assert_true(syscall_deliver_upcall(pa));
		assert_int_equal(pa->ctx.pc, order[i] ? UPCALL1_FN : UPCALL0_FN);
		assert_int_equal(*word_at(A_FRAME), 100 * i);
		assert_int_equal(*word_at(A_FRAME + 12), order[i] ? 0xd1 : 0xd0);
	}
	assert_int_equal(pa->upcalls->count, 0);
}

static void test_upcall_queue_full_fails_nomem_and_counts_dropped(void **state)
{
	struct upcall expected[UPCALL_QUEUE_ENTRIES];

	(void)state;
	subscribe_both(pa);
	for (unsigned i = 0; i < UPCALL_QUEUE_ENTRIES; i++) {
		schedule(pa, i % 2, i);
		expected[i] = up(i % 2, i);
	}
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 0, 99, 99, 99), ERROR_NOMEM);
	assert_int_equal(pa->upcalls->dropped, 1);
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 1, 98, 98, 98), ERROR_NOMEM);
	assert_int_equal(pa->upcalls->dropped, 2);
	assert_queue(pa, expected, UPCALL_QUEUE_ENTRIES);
	/* Room again after a delivery. */
	pa->ctx.sp = A_FRAME;
	assert_true(syscall_deliver_upcall(pa));
	schedule(pa, 0, 50);
	assert_int_equal(pa->upcalls->count, UPCALL_QUEUE_ENTRIES);
	assert_int_equal(pa->upcalls->dropped, 2);
}

static void test_upcall_queue_keeps_order_across_wrap_around(void **state)
{
	struct upcall expected[UPCALL_QUEUE_ENTRIES];

	(void)state;
	subscribe_both(pa);
	for (unsigned i = 0; i < UPCALL_QUEUE_ENTRIES; i++)
		schedule(pa, 0, i);
	for (unsigned i = 0; i < 7; i++) {
		pa->ctx.sp = A_FRAME;
		assert_true(syscall_deliver_upcall(pa));
		assert_int_equal(*word_at(A_FRAME), i);
	}
	for (unsigned i = 0; i < 7; i++)
		schedule(pa, 1, 100 + i);
	for (unsigned i = 0; i < 3; i++)
		expected[i] = up(0, 7 + i);
	for (unsigned i = 0; i < 7; i++)
		expected[3 + i] = up(1, 100 + i);
	assert_queue(pa, expected, UPCALL_QUEUE_ENTRIES);
}

static void test_upcall_drop_removes_only_that_upcall_and_keeps_order(void **state)
{
	const struct upcall kept[] = {up(1, 1), up(1, 3), up(1, 5), up(1, 7), up(1, 9)};
	const struct upcall none_left[] = {up(1, 1), up(1, 3), up(1, 5), up(1, 7), up(1, 9)};

	(void)state;
	subscribe_both(pa);
	/* Move head to the middle, so the queue wraps. */
	for (unsigned i = 0; i < 6; i++)
		schedule(pa, 0, 1000);
	for (unsigned i = 0; i < 6; i++) {
		pa->ctx.sp = A_FRAME;
		syscall_deliver_upcall(pa);
	}
	for (unsigned i = 0; i < 10; i++)
		schedule(pa, i % 2, i);
	upcall_drop(pa, TEST_DRIVER_NUM, 0);
	assert_queue(pa, kept, 5);
	upcall_drop(pa, TEST_DRIVER_NUM, 2);  /* nothing of that number */
	upcall_drop(pa, OTHER_DRIVER_NUM, 1); /* nor of that driver */
	assert_queue(pa, none_left, 5);
	upcall_drop(pa, TEST_DRIVER_NUM, 1);
	assert_queue(pa, NULL, 0);
}

static void test_upcall_schedule_without_subscription_fails_off(void **state)
{
	(void)state;
	/* Driver never used by the process: no grant. */
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 0, 1, 2, 3), ERROR_OFF);
	assert_null(driver_data_peek(&test_drv.driver, pa));
	subscribe_both(pa);
	driver_upcalls(&test_drv.driver, pa)[1].fn = 0;
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 1, 1, 2, 3), ERROR_OFF);
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 2, 1, 2, 3), ERROR_OFF);
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 0xffffffff, 1, 2, 3), ERROR_OFF);
	assert_int_equal(pa->upcalls->count, 0);
	/* Subscriptions are per process. */
	assert_int_equal(upcall_schedule(&test_drv.driver, pb, 0, 1, 2, 3), ERROR_OFF);
}

static void test_upcall_schedule_to_faulted_or_terminated_process_fails_inval(void **state)
{
	(void)state;
	subscribe_both(pa);
	process_terminate(pa, 0);
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 0, 1, 2, 3), ERROR_INVAL);
	fixture_start(FAULT_POLICY_STOP, 0);
	subscribe_both(pa);
	process_fault(pa, "test");
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 0, 1, 2, 3), ERROR_INVAL);
	assert_int_equal(pa->upcalls->count, 0);
}

/* ---- lifecycle ---- */

static void test_create_starts_every_app_running_with_distinct_pids(void **state)
{
	(void)state;
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(pb->state, PROCESS_RUNNING);
	assert_int_not_equal(pa->pid, 0);
	assert_int_not_equal(pb->pid, 0);
	assert_int_not_equal(pa->pid, pb->pid);
	assert_ptr_equal(process_by_pid(pa->pid), pa);
	assert_ptr_equal(process_by_pid(pb->pid), pb);
	assert_null(process_by_pid(0));
	assert_null(process_get(2));
	assert_null(process_get(PROCESS_MAX));
	assert_null(process_get(0xffffffff));
	assert_int_equal(pa->app_break, A_BREAK);
	assert_int_equal(pb->app_break, B_BREAK);
	assert_int_equal(pa->grant_break, A_GRANT);
	assert_ptr_equal(pa->upcalls, byte_at(A_GRANT));
	assert_int_equal(pa->fault[0], '\0');
}

static void test_process_index_is_the_slot_and_survives_restarts(void **state)
{
	(void)state;
	assert_int_equal(process_index(pa), 0);
	assert_int_equal(process_index(pb), 1);
	process_restart(pb);
	process_fault(pb, "x");
	assert_int_equal(process_index(pb), 1);
	assert_ptr_equal(process_get(process_index(pb)), pb);
}

static void test_start_enters_init_with_the_abi_frame(void **state)
{
	uint32_t *esp;

	(void)state;
	assert_int_equal(pa->ctx.pc, A_ENTRY);
	assert_int_equal(pa->ctx.sp, A_BREAK - 20);
	esp = word_at(pa->ctx.sp);
	assert_int_equal(esp[0], 0); /* return address: returning from init faults */
	assert_int_equal(esp[1], A_BINARY);
	assert_int_equal(esp[2], A_RAM);
	assert_int_equal(esp[3], A_RAM_END - A_RAM);
	assert_int_equal(esp[4], A_BREAK);
	assert_true(A_BREAK - A_RAM >= 9 * 4);
}

static void test_start_zeroes_the_whole_ram_except_the_frame(void **state)
{
	(void)state;
	memset(byte_at(A_RAM), 0xee, A_RAM_END - A_RAM);
	process_restart(pa);
	for (uint32_t v = A_RAM; v < A_BREAK - 20; v += 4)
		assert_int_equal(*word_at(v), 0);
	for (uint32_t v = A_BREAK; v < A_RAM_END; v += 4)
		assert_int_equal(*word_at(v), 0);
	/* Its neighbours are untouched. */
	assert_int_equal(*byte_at(A_TEXT_END - 1), 0xc3);
	assert_int_equal(*byte_at(B_FLASH), 0xc3);
}

static void test_restart_gives_new_pid_and_forgets_grants_and_upcalls(void **state)
{
	uint32_t pid = pa->pid, other = pb->pid;

	(void)state;
	subscribe_both(pa);
	schedule(pa, 0, 5);
	assert_int_equal(process_set_break(pa, A_BREAK + 0x800), ERROR_NONE);
	process_fault(pa, "earlier fault");
	process_restart(pa);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_true(pa->pid > pid && pa->pid != other);
	assert_int_equal(pa->restarts, 1);
	assert_int_equal(pa->app_break, A_BREAK);
	assert_int_equal(pa->grant_break, A_GRANT);
	assert_null(driver_data_peek(&test_drv.driver, pa));
	assert_int_equal(pa->upcalls->count, 0);
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 0, 1, 2, 3), ERROR_OFF);
	assert_int_equal(pa->fault[0], '\0');
	assert_int_equal(pa->ctx.pc, A_ENTRY);
	assert_true(fake_arch.forgets >= 1);
	/* The other process is not affected. */
	assert_int_equal(pb->pid, other);
	assert_int_equal(pb->state, PROCESS_RUNNING);
}

static void test_terminate_keeps_pid_and_leaves_process_terminated(void **state)
{
	uint32_t pid = pa->pid;

	(void)state;
	fake_arch_queue_leave();
	process_run(pa); /* A's memory switched in */
	fake_arch_reset();
	process_terminate(pa, 3);
	assert_int_equal(pa->state, PROCESS_TERMINATED);
	assert_int_equal(pa->exit_code, 3);
	assert_int_equal(pa->pid, pid);
	assert_ptr_equal(process_get(0), pa);
	assert_true(fake_debug_contains("process 'alpha' (pid"));
	assert_true(fake_debug_contains("exited with code 3"));
	assert_int_equal(fake_arch.forgets, 1);
	/* Its memory is switched out. */
	assert_int_equal(fake_arch.mpu_calls, 1);
	assert_false(fake_arch.mpu[0].has_to);
	/* Terminated is not alive: stop does nothing, start restarts it. */
	process_stop(pa);
	assert_int_equal(pa->state, PROCESS_TERMINATED);
	process_start(pa);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_not_equal(pa->pid, pid);
}

static void test_stop_pauses_and_start_resumes_with_same_pid_and_memory(void **state)
{
	uint32_t pid = pa->pid;

	(void)state;
	*word_at(A_RAM + 0x10) = 0x600dcafe;
	pa->ctx.pc = A_BINARY + 0x44;
	process_stop(pa);
	assert_int_equal(pa->state, PROCESS_STOPPED);
	assert_int_equal(pa->pid, pid);
	process_start(pa);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(pa->pid, pid);
	assert_int_equal(pa->restarts, 0);
	assert_int_equal(pa->ctx.pc, A_BINARY + 0x44);
	assert_int_equal(*word_at(A_RAM + 0x10), 0x600dcafe);
}

static void test_stop_and_start_of_yielded_process_resumes_it_yielded(void **state)
{
	static const enum process_state blocked[] = {PROCESS_YIELDED, PROCESS_YIELDED_FOR};

	(void)state;
	for (unsigned i = 0; i < 2; i++) {
		fixture_start(FAULT_POLICY_STOP, 0);
		pa->state = blocked[i];
		process_stop(pa);
		assert_int_equal(pa->state, PROCESS_STOPPED);
		process_start(pa);
		assert_int_equal(pa->state, blocked[i]);
	}
}

static void test_stopped_process_is_not_scheduled_and_its_memory_is_switched_out(void **state)
{
	(void)state;
	fake_arch_queue_leave();
	process_run(pa);
	fake_arch_reset();
	process_stop(pa);
	assert_int_equal(fake_arch.mpu_calls, 1);
	assert_false(fake_arch.mpu[0].has_to);
	process_stop(pb);
	sched_set_clock(NULL, 0);
	assert_null(sched_next());
	process_start(pb);
	assert_ptr_equal(sched_next(), pb);
}

/*
 * Regression (found by this test, fixed in 590dafa): an upcall arriving while the process was
 * paused was refused (INVAL) and lost, so a process stopped in a yield waited forever after
 * process_start. Upstream Tock queues tasks for a stopped process too.
 */
static void test_upcall_arriving_while_stopped_is_delivered_after_start(void **state)
{
	(void)state;
	subscribe_both(pa);
	pa->ctx.sp = A_FRAME;
	pa->state = PROCESS_YIELDED;
	process_stop(pa);
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 0, 1, 2, 3), ERROR_NONE);
	process_start(pa);
	assert_int_equal(pa->state, PROCESS_YIELDED);
	assert_int_equal(pa->upcalls->count, 1);
}

static void test_wait_for_satisfied_while_stopped_completes_on_start(void **state)
{
	const struct upcall other[] = {up(1, 40)};

	(void)state;
	subscribe_both(pa);
	pa->ctx.sp = A_FRAME;
	pa->ctx.pc = A_BINARY + 0x44;
	pa->state = PROCESS_YIELDED_FOR;
	pa->yield_driver = TEST_DRIVER_NUM;
	pa->yield_subscribe = 0;
	process_stop(pa);
	schedule(pa, 1, 40);
	schedule(pa, 0, 50);
	assert_int_equal(pa->state, PROCESS_STOPPED);
	process_start(pa);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(*word_at(A_FRAME), 50);
	assert_int_equal(*word_at(A_FRAME + 4), 51);
	assert_int_equal(*word_at(A_FRAME + 8), 52);
	assert_int_equal(pa->ctx.pc, A_BINARY + 0x44); /* no upcall ran */
	assert_queue(pa, other, 1);
}

static void test_wait_for_not_satisfied_while_stopped_keeps_waiting_on_start(void **state)
{
	(void)state;
	subscribe_both(pa);
	pa->ctx.sp = A_FRAME;
	pa->state = PROCESS_YIELDED_FOR;
	pa->yield_driver = TEST_DRIVER_NUM;
	pa->yield_subscribe = 0;
	process_stop(pa);
	schedule(pa, 1, 40);
	process_start(pa);
	assert_int_equal(pa->state, PROCESS_YIELDED_FOR);
	schedule(pa, 0, 50);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(*word_at(A_FRAME), 50);
}

static void test_start_of_faulted_or_terminated_process_restarts_it(void **state)
{
	uint32_t pid = pa->pid;

	(void)state;
	process_fault(pa, "x");
	process_start(pa);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_not_equal(pa->pid, pid);
	assert_int_equal(pa->restarts, 1);
	pid = pa->pid;
	process_terminate(pa, 0);
	process_start(pa);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_not_equal(pa->pid, pid);
	assert_int_equal(pa->restarts, 2);
}

static void test_start_of_alive_process_does_nothing(void **state)
{
	static const enum process_state alive[] = {PROCESS_RUNNING, PROCESS_YIELDED,
						   PROCESS_YIELDED_FOR};

	(void)state;
	for (unsigned i = 0; i < 3; i++) {
		uint32_t pid = pa->pid;

		pa->state = alive[i];
		process_start(pa);
		assert_int_equal(pa->pid, pid);
		assert_int_equal(pa->state, alive[i]);
		assert_int_equal(pa->restarts, 0);
	}
}

static void test_stop_of_faulted_process_leaves_it_faulted(void **state)
{
	(void)state;
	process_fault(pa, "x");
	process_stop(pa);
	assert_int_equal(pa->state, PROCESS_FAULTED);
}

static void test_fault_policy_stop_leaves_process_faulted_with_reason(void **state)
{
	uint32_t pid = pa->pid;

	(void)state;
	process_fault(pa, "bad thing 42");
	assert_int_equal(pa->state, PROCESS_FAULTED);
	assert_int_equal(pa->pid, pid);
	assert_string_equal(pa->fault, "bad thing 42");
	assert_true(fake_debug_contains("process 'alpha' (pid"));
	assert_true(fake_debug_contains("faulted: bad thing 42"));
	assert_true(fake_debug_contains("left faulted after 0 restarts"));
	assert_int_equal(fake_arch.fault_reports, 0); /* a reason given: no register dump */
	assert_int_equal(pb->state, PROCESS_RUNNING);
}

static void test_fault_without_reason_reports_the_arch_summary(void **state)
{
	(void)state;
	pa->ctx.pc = 0x12345678;
	process_fault(pa, NULL);
	assert_int_equal(pa->state, PROCESS_FAULTED);
	assert_string_equal(pa->fault, "fake fault at pc 0x12345678");
	assert_int_equal(fake_arch.fault_summaries, 1);
	assert_int_equal(fake_arch.fault_reports, 1);
	assert_true(fake_debug_contains("fake fault report"));
}

static void test_fault_policy_restart_restarts_every_time(void **state)
{
	(void)state;
	fixture_start(FAULT_POLICY_RESTART, 0);
	for (unsigned i = 1; i <= 5; i++) {
		uint32_t pid = pa->pid;

		process_fault(pa, "again");
		assert_int_equal(pa->state, PROCESS_RUNNING);
		assert_int_not_equal(pa->pid, pid);
		assert_int_equal(pa->restarts, i);
		assert_int_equal(pa->ctx.pc, A_ENTRY);
	}
	assert_true(fake_debug_contains("restarting"));
}

static void test_fault_policy_restart_upto_n_restarts_n_times_then_leaves_faulted(void **state)
{
	const uint32_t limit = 3;

	(void)state;
	fixture_start(FAULT_POLICY_RESTART_UPTO, limit);
	for (unsigned i = 1; i <= limit; i++) {
		process_fault(pa, "again");
		assert_int_equal(pa->state, PROCESS_RUNNING);
		assert_int_equal(pa->restarts, i);
	}
	uint32_t pid = pa->pid;
	process_fault(pa, "once too often");
	assert_int_equal(pa->state, PROCESS_FAULTED);
	assert_int_equal(pa->pid, pid);
	assert_int_equal(pa->restarts, limit);
	assert_true(fake_debug_contains("left faulted after 3 restarts"));
	/* The operator may still start it. */
	process_start(pa);
	assert_int_equal(pa->state, PROCESS_RUNNING);
}

static void test_fault_policy_restart_upto_zero_never_restarts(void **state)
{
	(void)state;
	fixture_start(FAULT_POLICY_RESTART_UPTO, 0);
	process_fault(pa, "first");
	assert_int_equal(pa->state, PROCESS_FAULTED);
}

static void test_fault_policy_restart_upto_counts_restarts_of_any_kind(void **state)
{
	(void)state;
	fixture_start(FAULT_POLICY_RESTART_UPTO, 2);
	process_restart(pa); /* exit-restart or operator */
	process_fault(pa, "first");
	assert_int_equal(pa->state, PROCESS_RUNNING);
	process_fault(pa, "second");
	assert_int_equal(pa->state, PROCESS_FAULTED);
}

/* Regression (found by this test, fixed in 590dafa): it printed "restart 1 of the allowed". */
static void test_fault_policy_restart_upto_message_names_the_limit(void **state)
{
	(void)state;
	fixture_start(FAULT_POLICY_RESTART_UPTO, 3);
	process_fault(pa, "again");
	assert_true(fake_debug_contains("restarting (restart 1 of 3"));
}

static void test_state_names(void **state)
{
	(void)state;
	assert_string_equal(process_state_name(PROCESS_RUNNING), "running");
	assert_string_equal(process_state_name(PROCESS_YIELDED), "yielded");
	assert_string_equal(process_state_name(PROCESS_YIELDED_FOR), "yielded-for");
	assert_string_equal(process_state_name(PROCESS_STOPPED), "stopped");
	assert_string_equal(process_state_name(PROCESS_FAULTED), "faulted");
	assert_string_equal(process_state_name(PROCESS_TERMINATED), "terminated");
	assert_string_equal(process_state_name((enum process_state)99), "?");
}

/* ---- process_run ---- */

static void test_run_switches_memory_protection_only_when_the_process_changes(void **state)
{
	(void)state;
	fake_arch_queue_leave();
	fake_arch_queue_leave();
	fake_arch_queue_leave();
	process_run(pa);
	assert_int_equal(fake_arch.mpu_calls, 1);
	assert_true(fake_arch.mpu[0].has_to);
	assert_ptr_equal(fake_arch.mpu[0].ctx, &pa->ctx);
	assert_int_equal(fake_arch.mpu[0].to.ram_start, A_RAM);
	assert_int_equal(fake_arch.mpu[0].to.ram_end, A_BREAK);
	unsigned configures = fake_arch.mpu_configures;
	process_run(pa);
	assert_int_equal(fake_arch.mpu_calls, 1);
	process_run(pb);
	assert_int_equal(fake_arch.mpu_calls, 2);
	assert_ptr_equal(fake_arch.mpu[1].ctx, &pb->ctx);
	assert_int_equal(fake_arch.mpu[1].to.ram_start, B_RAM);
	/* Nothing changed what either may touch: switching rebuilds nothing. */
	assert_int_equal(fake_arch.mpu_configures, configures);
	assert_int_equal(fake_arch.mpu[1].to.text_start, B_FLASH);
	assert_int_equal(fake_arch.unexpected_runs, 0);
}

static void test_run_handles_system_calls_until_an_interrupt(void **state)
{
	(void)state;
	fake_arch_queue_syscall(A_FRAME, SYSCALL_COMMAND, TEST_DRIVER_NUM, 4, 5, 6);
	fake_arch_queue_syscall(A_FRAME + 0x20, SYSCALL_MEMOP, 2, 0, 0, 0);
	fake_arch_queue_leave();
	process_run(pa);
	assert_int_equal(fake_arch.runs, 3);
	assert_int_equal(test_drv.calls, 1);
	assert_int_equal(test_drv.cmd, 4);
	assert_int_equal(*word_at(A_FRAME), SYSCALL_SUCCESS);
	assert_int_equal(*word_at(A_FRAME + 0x20), SYSCALL_SUCCESS_U32);
	assert_int_equal(*word_at(A_FRAME + 0x24), A_RAM);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(pa->syscalls, 2);
}

static void test_run_returns_when_the_process_blocks(void **state)
{
	(void)state;
	fake_arch_queue_syscall(A_FRAME, SYSCALL_YIELD, YIELD_WAIT, 0, 0, 0);
	fake_arch_queue_leave();
	process_run(pa);
	assert_int_equal(fake_arch.runs, 1);
	assert_int_equal(pa->state, PROCESS_YIELDED);
}

static void test_run_returns_after_a_system_call_when_kernel_work_is_pending(void **state)
{
	(void)state;
	interrupt_pending_mask = 1;
	fake_arch_queue_syscall(A_FRAME, SYSCALL_MEMOP, 2, 0, 0, 0);
	process_run(pa);
	assert_int_equal(fake_arch.runs, 1);
	interrupt_pending_mask = 0;
	deferred_call_scheduled = 1;
	fake_arch_queue_syscall(A_FRAME, SYSCALL_MEMOP, 2, 0, 0, 0);
	process_run(pa);
	assert_int_equal(fake_arch.runs, 2);
	assert_int_equal(fake_arch.unexpected_runs, 0);
}

static void test_run_fault_trap_applies_the_fault_policy(void **state)
{
	(void)state;
	fake_arch_queue_trap(ARCH_TRAP_FAULT);
	fake_arch_queue_leave(); /* must not be reached */
	process_run(pa);
	assert_int_equal(fake_arch.runs, 1);
	assert_int_equal(pa->state, PROCESS_FAULTED);
	assert_int_equal(fake_arch.fault_reports, 1);
	/* Its memory is switched out again. */
	assert_int_equal(fake_arch.mpu_calls, 2);
	assert_false(fake_arch.mpu[1].has_to);
}

static void test_run_exit_restart_returns_to_the_kernel(void **state)
{
	uint32_t pid = pa->pid;

	(void)state;
	fake_arch_queue_syscall(A_FRAME, SYSCALL_EXIT, 1, 0, 0, 0);
	fake_arch_queue_leave();
	process_run(pa);
	/* The restart switched its memory out; the loop must not run it without switching in. */
	assert_int_equal(fake_arch.runs, 1);
	assert_int_not_equal(pa->pid, pid);
	assert_int_equal(pa->state, PROCESS_RUNNING);
}

/* ---- scheduler ---- */

struct fake_clock {
	struct hil_alarm alarm;
	uint32_t now;
};

static struct fake_clock clock_hw;

static uint32_t clock_now(struct hil_alarm *a)
{
	return container_of(a, struct fake_clock, alarm)->now;
}

static const struct hil_alarm_ops clock_ops = {.now = clock_now};

static void test_sched_round_robins_between_runnable_processes(void **state)
{
	struct process *first, *second;

	(void)state;
	sched_set_clock(NULL, 0);
	first = sched_next();
	second = sched_next();
	assert_true((first == pa && second == pb) || (first == pb && second == pa));
	assert_ptr_equal(sched_next(), first);
	assert_ptr_equal(sched_next(), second);
}

static void test_sched_skips_blocked_and_picks_yielded_with_upcall(void **state)
{
	(void)state;
	sched_set_clock(NULL, 0);
	pb->state = PROCESS_YIELDED;
	assert_ptr_equal(sched_next(), pa);
	assert_ptr_equal(sched_next(), pa);
	pa->state = PROCESS_YIELDED_FOR;
	assert_null(sched_next());
	subscribe_both(pb);
	schedule(pb, 0, 1);
	assert_ptr_equal(sched_next(), pb);
	process_fault(pb, "x");
	assert_null(sched_next());
}

static void test_sched_keeps_current_for_its_timeslice(void **state)
{
	struct process *first;

	(void)state;
	clock_hw = (struct fake_clock){.alarm = {.ops = &clock_ops}, .now = 1000};
	sched_set_clock(&clock_hw.alarm, 10);
	first = sched_next();
	clock_hw.now = 1009;
	assert_ptr_equal(sched_next(), first);
	assert_int_equal(first->timeslice_expirations, 0);
	clock_hw.now = 1010;
	assert_ptr_not_equal(sched_next(), first);
	assert_int_equal(first->timeslice_expirations, 1);
	sched_set_clock(NULL, 0);
}

static void test_run_interrupt_resumes_the_process_while_the_scheduler_keeps_it(void **state)
{
	(void)state;
	clock_hw = (struct fake_clock){.alarm = {.ops = &clock_ops}, .now = 1000};
	sched_set_clock(&clock_hw.alarm, 10);
	assert_ptr_equal(sched_next(), pa);
	/* Two ticks within its slice: the bottom halves run, and A goes on each time. */
	fake_arch_queue_trap(ARCH_TRAP_INTERRUPT);
	fake_arch_queue_trap(ARCH_TRAP_INTERRUPT);
	fake_arch_queue_leave();
	interrupt_pending_mask = 1;
	process_run(pa);
	assert_int_equal(fake_arch.runs, 3);
	assert_int_equal(fake_interrupt_services, 2);
	/* Its slice over: the next tick returns to the kernel loop, which runs B. */
	fake_arch_reset();
	fake_interrupt_services = 0;
	clock_hw.now = 1010;
	fake_arch_queue_trap(ARCH_TRAP_INTERRUPT);
	fake_arch_queue_leave(); /* must not be reached */
	process_run(pa);
	assert_int_equal(fake_arch.runs, 1);
	assert_int_equal(fake_interrupt_services, 1);
	/* Deferred work also sends it back to the loop, whatever the scheduler says. */
	clock_hw.now = 1011;
	assert_ptr_equal(sched_next(), pb);
	fake_arch_reset();
	deferred_call_scheduled = 1;
	fake_arch_queue_trap(ARCH_TRAP_INTERRUPT);
	fake_arch_queue_leave(); /* must not be reached */
	process_run(pb);
	assert_int_equal(fake_arch.runs, 1);
	deferred_call_scheduled = 0;
	sched_set_clock(NULL, 0);
}

static void stop_a(void)
{
	process_stop(pa);
}

static void terminate_a(void)
{
	process_terminate(pa, 5);
}

static void test_run_interrupt_whose_bottom_half_stops_the_process_returns(void **state)
{
	void (*const halves[])(void) = {stop_a, terminate_a};

	(void)state;
	clock_hw = (struct fake_clock){.alarm = {.ops = &clock_ops}, .now = 1000};
	sched_set_clock(&clock_hw.alarm, 10);
	for (unsigned i = 0; i < 2; i++) {
		fixture_start(FAULT_POLICY_STOP, 0);
		assert_ptr_equal(sched_next(), pa);
		fake_arch_reset();
		fake_bottom_half = halves[i];
		fake_arch_queue_trap(ARCH_TRAP_INTERRUPT); /* then nothing: running on would fail */
		process_run(pa);
		assert_int_equal(fake_arch.runs, 1);
		assert_int_not_equal(pa->state, PROCESS_RUNNING);
		/* Its protection left the hardware with it. */
		assert_false(fake_arch.mpu[fake_arch.mpu_calls - 1].has_to);
	}
	fake_bottom_half = NULL;
	sched_set_clock(NULL, 0);
}

static void test_protection_table_is_the_top_of_its_ram_above_the_grants(void **state)
{
	(void)state;
	fake_arch_queue_leave();
	process_run(pa);
	assert_ptr_equal(fake_arch_table(&pa->ctx),
			 (void *)(uintptr_t)(A_RAM_END - ARCH_MPU_TABLE_BYTES));
	assert_true(pa->grant_break <= A_RAM_END - ARCH_MPU_TABLE_BYTES);
	assert_false(process_user_writable(pa, A_RAM_END - ARCH_MPU_TABLE_BYTES, 1));
}

/* ---- what the process may touch ---- */

static void test_user_writable_is_ram_below_the_break(void **state)
{
	(void)state;
	assert_true(process_user_writable(pa, A_RAM, 0));
	assert_true(process_user_writable(pa, A_RAM, 1));
	assert_true(process_user_writable(pa, A_RAM, A_BREAK - A_RAM));
	assert_true(process_user_writable(pa, A_BREAK - 1, 1));
	assert_true(process_user_writable(pa, A_BREAK, 0));
	assert_false(process_user_writable(pa, A_BREAK, 1));
	assert_false(process_user_writable(pa, A_BREAK - 1, 2));
	assert_false(process_user_writable(pa, A_RAM, A_BREAK - A_RAM + 1));
	assert_false(process_user_writable(pa, A_RAM - 1, 1));
	assert_false(process_user_writable(pa, A_RAM - 1, 0));
	assert_false(process_user_writable(pa, A_BREAK + 1, 0));
	assert_false(process_user_writable(pa, A_GRANT, 4));
	assert_false(process_user_writable(pa, A_BINARY, 4));
	assert_false(process_user_writable(pa, B_RAM, 4));
}

static void test_user_writable_rejects_wrap_around(void **state)
{
	(void)state;
	assert_false(process_user_writable(pa, A_RAM + 0x10, 0xfffffff8));
	assert_false(process_user_writable(pa, A_RAM + 0x10, 0u - 0x10u));
	assert_false(process_user_writable(pa, A_BREAK - 4, 0xffffffff));
	assert_false(process_user_writable(pa, 0xffffffff, 1));
	assert_false(process_user_writable(pa, 0xffffffff, 0xffffffff));
}

static void test_user_readable_is_its_text_or_writable_ram(void **state)
{
	(void)state;
	assert_true(process_user_readable(pa, A_FLASH, 4)); /* its TBF header too */
	assert_true(process_user_readable(pa, A_FLASH, A_TEXT_END - A_FLASH));
	assert_true(process_user_readable(pa, A_TEXT_END - 1, 1));
	assert_false(process_user_readable(pa, A_TEXT_END - 1, 2));
	assert_false(process_user_readable(pa, A_FLASH - 1, 1));
	assert_true(process_user_readable(pa, A_RAM, A_BREAK - A_RAM));
	assert_false(process_user_readable(pa, A_BREAK - 1, 2));
	assert_false(process_user_readable(pa, A_GRANT, 1));
	assert_false(process_user_readable(pa, B_BINARY, 1));
	assert_false(process_user_readable(pa, B_RAM, 1));
	assert_false(process_user_readable(pa, A_FLASH + 4, 0xfffffffc));
	assert_false(process_user_readable(pa, A_FLASH + 0x10, 0u - 0x8u));
	/* B's RAM starts right where its text ends: both sides of the seam are readable. */
	assert_true(process_user_readable(pb, B_TEXT_END - 4, 4));
	assert_true(process_user_readable(pb, B_RAM, 4));
}

static void test_user_executable_is_its_binary_only(void **state)
{
	(void)state;
	assert_true(process_user_executable(pa, A_BINARY));
	assert_true(process_user_executable(pa, A_ENTRY));
	assert_true(process_user_executable(pa, A_BIN_END - 1));
	assert_false(process_user_executable(pa, A_BIN_END));
	assert_false(process_user_executable(pa, A_BINARY - 1));
	assert_false(process_user_executable(pa, A_FLASH));
	assert_false(process_user_executable(pa, A_RAM));
	assert_false(process_user_executable(pa, B_BINARY));
	assert_false(process_user_executable(pa, 0));
	assert_false(process_user_executable(pa, 0xffffffff));
}

#define T(name) cmocka_unit_test_setup(name, fixture_setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_set_break_to_page_below_grants_succeeds_one_byte_more_fails_nomem),
	    T(test_set_break_cannot_enter_a_page_the_grants_grew_into),
	    T(test_set_break_outside_ram_fails),
	    T(test_set_break_never_lets_app_and_grant_pages_share_a_page),
	    T(test_set_break_updates_protection_to_page_rounded_break),
	    T(test_grant_alloc_returns_zeroed_block),
	    T(test_grant_alloc_rounds_to_four_and_grows_down),
	    T(test_grant_alloc_fails_nomem_when_it_would_meet_the_break),
	    T(test_grant_alloc_of_nearly_4gib_fails_nomem),
	    T(test_upcall_queue_delivers_in_order_of_scheduling),
	    T(test_upcall_queue_full_fails_nomem_and_counts_dropped),
	    T(test_upcall_queue_keeps_order_across_wrap_around),
	    T(test_upcall_drop_removes_only_that_upcall_and_keeps_order),
	    T(test_upcall_schedule_without_subscription_fails_off),
	    T(test_upcall_schedule_to_faulted_or_terminated_process_fails_inval),
	    T(test_create_starts_every_app_running_with_distinct_pids),
	    T(test_process_index_is_the_slot_and_survives_restarts),
	    T(test_start_enters_init_with_the_abi_frame),
	    T(test_start_zeroes_the_whole_ram_except_the_frame),
	    T(test_restart_gives_new_pid_and_forgets_grants_and_upcalls),
	    T(test_terminate_keeps_pid_and_leaves_process_terminated),
	    T(test_stop_pauses_and_start_resumes_with_same_pid_and_memory),
	    T(test_stop_and_start_of_yielded_process_resumes_it_yielded),
	    T(test_stopped_process_is_not_scheduled_and_its_memory_is_switched_out),
	    T(test_upcall_arriving_while_stopped_is_delivered_after_start),
	    T(test_wait_for_satisfied_while_stopped_completes_on_start),
	    T(test_wait_for_not_satisfied_while_stopped_keeps_waiting_on_start),
	    T(test_start_of_faulted_or_terminated_process_restarts_it),
	    T(test_start_of_alive_process_does_nothing),
	    T(test_stop_of_faulted_process_leaves_it_faulted),
	    T(test_fault_policy_stop_leaves_process_faulted_with_reason),
	    T(test_fault_without_reason_reports_the_arch_summary),
	    T(test_fault_policy_restart_restarts_every_time),
	    T(test_fault_policy_restart_upto_n_restarts_n_times_then_leaves_faulted),
	    T(test_fault_policy_restart_upto_zero_never_restarts),
	    T(test_fault_policy_restart_upto_counts_restarts_of_any_kind),
	    T(test_fault_policy_restart_upto_message_names_the_limit),
	    T(test_state_names),
	    T(test_run_switches_memory_protection_only_when_the_process_changes),
	    T(test_run_handles_system_calls_until_an_interrupt),
	    T(test_run_returns_when_the_process_blocks),
	    T(test_run_returns_after_a_system_call_when_kernel_work_is_pending),
	    T(test_run_fault_trap_applies_the_fault_policy),
	    T(test_run_exit_restart_returns_to_the_kernel),
	    T(test_sched_round_robins_between_runnable_processes),
	    T(test_sched_skips_blocked_and_picks_yielded_with_upcall),
	    T(test_sched_keeps_current_for_its_timeslice),
	    T(test_run_interrupt_resumes_the_process_while_the_scheduler_keeps_it),
	    T(test_run_interrupt_whose_bottom_half_stops_the_process_returns),
	    T(test_protection_table_is_the_top_of_its_ram_above_the_grants),
	    T(test_user_writable_is_ram_below_the_break),
	    T(test_user_writable_rejects_wrap_around),
	    T(test_user_readable_is_its_text_or_writable_ram),
	    T(test_user_executable_is_its_binary_only),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
