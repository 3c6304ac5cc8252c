/* SPDX-License-Identifier: MIT */
/* Unit tests for kernel/ipc (driver 0x10000): discover, notify, and the pages one process shares
 * with another (ipc_shared_regions), as the process core programs them. */
#include "kernel/ipc.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "kernel/process.h"
#include "kernel/syscall.h"
#include "lib/compiler.h"
#include "tests/unit/fake_arch/fake_arch.h"
#include "tests/unit/kernel/process_fixture.h"

/*
 * Slots: A (index 0), B (1), and C..H (2..7) when a test starts them. Each test raises the
 * breaks so that every process has whole pages of RAM it may share:
 *
 *   A: [A_RAM, A_RAM + 0x3000)   B: [B_RAM, B_RAM + 0x2000)   C..H: [MORE_RAM(i), + 0x1000)
 */
#define A_BREAK_HIGH (A_RAM + 0x3000u)
#define B_BREAK_HIGH (B_RAM + 0x2000u)
#define NAME_AT	     (A_RAM + 0x2f00u) /* where A puts a name to discover */

static struct process *proc(unsigned slot)
{
	struct process *p = process_get(slot);

	assert_non_null(p);
	return p;
}

static struct syscall_return ipc_cmd(struct process *p, uint32_t cmd, uint32_t arg1)
{
	return fixture_syscall(p, SYSCALL_COMMAND, IPC_DRIVER, cmd, arg1, 0);
}

static void assert_success(struct syscall_return r)
{
	assert_int_equal(r.variant, SYSCALL_SUCCESS);
}

static void assert_success_u32(struct syscall_return r, uint32_t v)
{
	assert_int_equal(r.variant, SYSCALL_SUCCESS_U32);
	assert_int_equal(r.data[0], v);
}

static void assert_failure(struct syscall_return r, enum error_code e)
{
	assert_int_equal(r.variant, SYSCALL_FAILURE);
	assert_int_equal(r.data[0], e);
}

/* Discovery from A with len bytes of name as the allowed name. */
static struct syscall_return discover(const char *name, uint32_t len)
{
	struct syscall_return r;

	memcpy(byte_at(NAME_AT), name, len);
	r = fixture_syscall(pa, SYSCALL_ALLOW_RO, IPC_DRIVER, 0, NAME_AT, len);
	assert_int_equal(r.variant, SYSCALL_SUCCESS_2U32);
	return ipc_cmd(pa, 1, 0);
}

/* owner shares [vaddr, vaddr + len) with process index to (RW allow number to). */
static void share(struct process *owner, unsigned to, uint32_t vaddr, uint32_t len)
{
	struct syscall_return r =
	    fixture_syscall(owner, SYSCALL_ALLOW_RW, IPC_DRIVER, to, vaddr, len);

	assert_int_equal(r.variant, SYSCALL_SUCCESS_2U32);
}

static uint32_t upcall_fn(const struct process *p, uint32_t num)
{
	return p->app->binary_vaddr + 0x100u + 4 * num;
}

static void subscribe(struct process *p, uint32_t num)
{
	struct syscall_return r =
	    fixture_syscall(p, SYSCALL_SUBSCRIBE, IPC_DRIVER, num, upcall_fn(p, num), 0);

	assert_int_equal(r.variant, SYSCALL_SUCCESS_2U32);
}

static void assert_upcall(struct process *p, uint32_t num, uint32_t from, uint32_t len,
			  uint32_t vaddr)
{
	struct upcall u;

	assert_true(fixture_pop_upcall(p, &u));
	assert_int_equal(u.driver, IPC_DRIVER);
	assert_int_equal(u.subscribe, num);
	assert_int_equal(u.args[0], from);
	assert_int_equal(u.args[1], len);
	assert_int_equal(u.args[2], vaddr);
}

struct regions {
	uint32_t start[PROCESS_MAX], end[PROCESS_MAX];
};

/* What ipc_shared_regions reports for p with room for max ranges; the rest stays 0xff. */
static struct regions regions_of(const struct process *p, unsigned max)
{
	struct regions r;

	memset(&r, 0xff, sizeof(r));
	ipc_shared_regions(p, r.start, r.end, max);
	for (unsigned i = max; i < PROCESS_MAX; i++)
		assert_true(r.start[i] == 0xffffffffu && r.end[i] == 0xffffffffu);
	return r;
}

static unsigned region_count(const struct regions *r, unsigned max)
{
	unsigned n = 0;

	for (unsigned i = 0; i < max; i++) {
		if (r->start[i])
			n++;
		else
			assert_int_equal(r->end[i], 0);
	}
	return n;
}

/* p is exposed exactly one range, [start, end), from the others. */
static void assert_one_region(const struct process *p, uint32_t start, uint32_t end)
{
	struct regions r = regions_of(p, ARCH_MPU_SHARED);

	assert_int_equal(region_count(&r, ARCH_MPU_SHARED), 1);
	assert_int_equal(r.start[0], start);
	assert_int_equal(r.end[0], end);
}

static void assert_no_region(const struct process *p)
{
	struct regions r = regions_of(p, ARCH_MPU_SHARED);

	assert_int_equal(region_count(&r, ARCH_MPU_SHARED), 0);
}

static void start_processes(unsigned n)
{
	fixture_start_n(n, FAULT_POLICY_STOP, 0);
	assert_int_equal(process_set_break(pa, A_BREAK_HIGH), ERROR_NONE);
	assert_int_equal(process_set_break(pb, B_BREAK_HIGH), ERROR_NONE);
	for (unsigned i = 2; i < n; i++)
		assert_int_equal(process_set_break(proc(i), MORE_RAM(i - 2) + PAGE_BYTES),
				 ERROR_NONE);
}

static int group_setup(void **state)
{
	if (fixture_group_setup(state))
		return -1;
	ipc_init();
	return 0;
}

static int setup(void **state)
{
	(void)state;
	start_processes(3);
	return 0;
}

/* ---- command 0, unknown commands, numbers ---- */

static void test_command_0_succeeds_and_unknown_commands_fail_nosupport(void **state)
{
	(void)state;
	assert_success(ipc_cmd(pa, 0, 0));
	assert_failure(ipc_cmd(pa, 4, 0), ERROR_NOSUPPORT);
	assert_failure(ipc_cmd(pa, 0xffffffffu, 0), ERROR_NOSUPPORT);
}

static void test_subscribe_and_share_numbers_go_up_to_the_process_slots(void **state)
{
	struct syscall_return r;

	(void)state;
	subscribe(pa, PROCESS_MAX - 1);
	share(pa, PROCESS_MAX - 1, A_RAM, 16);
	r = fixture_syscall(pa, SYSCALL_SUBSCRIBE, IPC_DRIVER, PROCESS_MAX, upcall_fn(pa, 0), 0);
	assert_int_equal(r.variant, SYSCALL_FAILURE_2U32);
	assert_int_equal(r.data[0], ERROR_NOSUPPORT);
	r = fixture_syscall(pa, SYSCALL_ALLOW_RW, IPC_DRIVER, PROCESS_MAX, A_RAM, 16);
	assert_int_equal(r.variant, SYSCALL_FAILURE_2U32);
	assert_int_equal(r.data[0], ERROR_NOSUPPORT);
	r = fixture_syscall(pa, SYSCALL_ALLOW_RO, IPC_DRIVER, 1, A_RAM, 16);
	assert_int_equal(r.variant, SYSCALL_FAILURE_2U32);
	assert_int_equal(r.data[0], ERROR_NOSUPPORT);
}

/* ---- discover ---- */

static void test_discover_by_exact_name_returns_the_process_index(void **state)
{
	(void)state;
	assert_success_u32(discover("beta", 4), 1);
	assert_success_u32(discover("gamma", 5), 2);
	assert_success_u32(discover("alpha", 5), 0); /* itself */
}

static void test_discover_of_a_prefix_a_longer_name_or_other_case_fails_nodevice(void **state)
{
	(void)state;
	assert_failure(discover("bet", 3), ERROR_NODEVICE);
	assert_failure(discover("betaa", 5), ERROR_NODEVICE);
	assert_failure(discover("beta", 5), ERROR_NODEVICE); /* with its NUL */
	assert_failure(discover("BETA", 4), ERROR_NODEVICE);
	assert_failure(discover("gam", 3), ERROR_NODEVICE);
	assert_failure(discover("delta", 5), ERROR_NODEVICE); /* D exists only with 4+ apps */
}

static void test_discover_without_an_allowed_name_fails_inval(void **state)
{
	struct syscall_return r;

	(void)state;
	assert_failure(ipc_cmd(pa, 1, 0), ERROR_INVAL);
	r = fixture_syscall(pa, SYSCALL_ALLOW_RO, IPC_DRIVER, 0, NAME_AT, 0);
	assert_int_equal(r.variant, SYSCALL_SUCCESS_2U32);
	assert_failure(ipc_cmd(pa, 1, 0), ERROR_INVAL);
}

static void test_discover_gives_the_same_index_after_the_service_restarts(void **state)
{
	(void)state;
	process_restart(pb);
	assert_success_u32(discover("beta", 4), 1);
}

/* ---- notify ---- */

static void test_notify_service_queues_its_upcall_at_its_own_index(void **state)
{
	(void)state;
	subscribe(pb, 1); /* B serves at its own index */
	share(pa, 1, A_RAM, PAGE_BYTES);
	assert_success(ipc_cmd(pa, 2, 1));
	assert_upcall(pb, 1, 0, PAGE_BYTES, A_RAM);
	assert_int_equal(pa->upcalls->count, 0);
}

static void test_notify_client_queues_at_the_services_index(void **state)
{
	(void)state;
	subscribe(pa, 1); /* A is B's client: it subscribes at B's index */
	share(pb, 0, B_RAM + PAGE_BYTES, PAGE_BYTES);
	assert_success(ipc_cmd(pb, 3, 0));
	assert_upcall(pa, 1, 1, PAGE_BYTES, B_RAM + PAGE_BYTES);
	assert_int_equal(pb->upcalls->count, 0);
}

static void test_notify_service_and_client_use_different_slots_of_the_same_process(void **state)
{
	(void)state;
	/* C is a service (slot 2) and a client of B (slot 1). */
	subscribe(proc(2), 1);
	subscribe(proc(2), 2);
	assert_success(ipc_cmd(pa, 2, 2)); /* A notifies service C */
	assert_success(ipc_cmd(pb, 3, 2)); /* service B notifies its client C */
	assert_upcall(proc(2), 2, 0, 0, 0);
	assert_upcall(proc(2), 1, 1, 0, 0);
}

static void test_notify_without_a_shared_buffer_passes_zero_length_and_address(void **state)
{
	(void)state;
	subscribe(pb, 1);
	share(pa, 2, A_RAM, PAGE_BYTES); /* shared with C, not B */
	assert_success(ipc_cmd(pa, 2, 1));
	assert_upcall(pb, 1, 0, 0, 0);
}

/*
 * The upcall names only the whole pages of the shared buffer, which are all the receiver may
 * touch (upstream passes the buffer as allowed; this kernel documents the difference).
 */
static void test_notify_passes_the_whole_pages_of_an_unaligned_buffer(void **state)
{
	(void)state;
	subscribe(pb, 1);
	share(pa, 1, A_RAM + 0x800u, 0x2000u);
	assert_success(ipc_cmd(pa, 2, 1));
	assert_upcall(pb, 1, 0, PAGE_BYTES, A_RAM + PAGE_BYTES);
	share(pa, 1, A_RAM + 0x10u, 0x100u); /* no whole page */
	assert_success(ipc_cmd(pa, 2, 1));
	assert_upcall(pb, 1, 0, 0, 0);
}

static void test_notify_of_a_missing_process_fails_inval(void **state)
{
	(void)state;
	subscribe(pb, 1);
	assert_failure(ipc_cmd(pa, 2, 3), ERROR_INVAL); /* slot 3 unused */
	assert_failure(ipc_cmd(pa, 3, 3), ERROR_INVAL);
	assert_failure(ipc_cmd(pa, 2, PROCESS_MAX), ERROR_INVAL);
	assert_failure(ipc_cmd(pa, 2, 0xffffffffu), ERROR_INVAL);
	assert_int_equal(pb->upcalls->count, 0);
}

static void test_notify_with_nobody_subscribed_succeeds_and_queues_nothing(void **state)
{
	(void)state;
	assert_success(ipc_cmd(pa, 2, 1));
	subscribe(pb, 0); /* the wrong slot for a service at index 1 */
	assert_success(ipc_cmd(pa, 2, 1));
	assert_int_equal(pb->upcalls->count, 0);
}

static void test_notify_of_an_exited_service_succeeds_and_queues_nothing(void **state)
{
	(void)state;
	subscribe(pb, 1);
	process_terminate(pb, 0);
	assert_success(ipc_cmd(pa, 2, 1));
	assert_int_equal(pb->upcalls->count, 0);
}

static void test_notify_into_a_full_queue_fails_nomem(void **state)
{
	(void)state;
	subscribe(pb, 1);
	for (unsigned i = 0; i < UPCALL_QUEUE_ENTRIES; i++)
		assert_success(ipc_cmd(pa, 2, 1));
	assert_failure(ipc_cmd(pa, 2, 1), ERROR_NOMEM);
	assert_int_equal(pb->upcalls->dropped, 1);
}

/* ---- shared regions ---- */

static void test_page_aligned_shared_buffer_is_exposed_to_the_receiver(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, 2 * PAGE_BYTES);
	assert_one_region(pb, A_RAM, A_RAM + 2 * PAGE_BYTES);
}

static void test_only_whole_pages_of_a_shared_buffer_are_exposed(void **state)
{
	(void)state;
	share(pa, 1, A_RAM + 0x800u, 0x2000u); /* half a page, a page, half a page */
	assert_one_region(pb, A_RAM + PAGE_BYTES, A_RAM + 2 * PAGE_BYTES);
	share(pa, 1, A_RAM + 0x1u, 2 * PAGE_BYTES - 1); /* one page and its neighbours' bytes */
	assert_one_region(pb, A_RAM + PAGE_BYTES, A_RAM + 2 * PAGE_BYTES);
	share(pa, 1, A_RAM, PAGE_BYTES - 1); /* less than a page */
	assert_no_region(pb);
	share(pa, 1, A_RAM + 0x10u, PAGE_BYTES); /* a page's worth across a page boundary */
	assert_no_region(pb);
}

static void test_shared_buffer_is_exposed_only_to_the_process_it_names(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	assert_no_region(proc(2));
	assert_no_region(pa); /* nor to its owner, through IPC */
}

static void test_buffer_no_longer_shared_is_no_longer_exposed(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	share(pa, 1, 0, 0);
	assert_no_region(pb);
	share(pa, 1, A_RAM + PAGE_BYTES, PAGE_BYTES); /* another buffer: only that one */
	assert_one_region(pb, A_RAM + PAGE_BYTES, A_RAM + 2 * PAGE_BYTES);
}

static void test_terminated_sharer_exposes_nothing(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	process_terminate(pa, 0);
	assert_no_region(pb);
}

static void test_faulted_sharer_exposes_nothing(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	process_fault(pa, "test fault");
	assert_int_equal(pa->state, PROCESS_FAULTED);
	assert_no_region(pb);
}

static void test_restarted_sharer_exposes_nothing(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	process_restart(pa);
	assert_no_region(pb);
}

/*
 * BUG (kernel/ipc.c, ipc_shared_regions): a sharer counts only while "alive"
 * (state <= PROCESS_YIELDED_FOR), so one paused by the operator (PROCESS_STOPPED) stops
 * exposing its shared pages. process_stop() promises a pause that "keeps everything"; instead
 * the receiver, on its next switch-in, loses the pages and faults if it touches them: the
 * operator pausing a client faults the service. Expected: the paused sharer's pages stay
 * exposed. Fails today.
 */
static void test_sharer_paused_by_the_operator_still_exposes_its_pages(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	process_stop(pa);
	assert_int_equal(pa->state, PROCESS_STOPPED);
	assert_one_region(pb, A_RAM, A_RAM + PAGE_BYTES);
}

static void test_yielded_sharer_still_exposes_its_pages(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	pa->state = PROCESS_YIELDED;
	assert_one_region(pb, A_RAM, A_RAM + PAGE_BYTES);
	pa->state = PROCESS_YIELDED_FOR;
	assert_one_region(pb, A_RAM, A_RAM + PAGE_BYTES);
	pa->state = PROCESS_RUNNING;
}

static void test_each_sharer_gives_one_range_up_to_max_and_the_rest_is_zeroed(void **state)
{
	struct regions r;

	(void)state;
	start_processes(FIXTURE_APPS_MAX);
	share(pb, 0, B_RAM, PAGE_BYTES);
	for (unsigned i = 2; i < FIXTURE_APPS_MAX; i++)
		share(proc(i), 0, MORE_RAM(i - 2), PAGE_BYTES);
	r = regions_of(pa, PROCESS_MAX);
	assert_int_equal(region_count(&r, PROCESS_MAX), FIXTURE_APPS_MAX - 1);
	assert_int_equal(r.start[0], B_RAM);
	for (unsigned i = 2; i < FIXTURE_APPS_MAX; i++) {
		assert_int_equal(r.start[i - 1], MORE_RAM(i - 2));
		assert_int_equal(r.end[i - 1], MORE_RAM(i - 2) + PAGE_BYTES);
	}
	r = regions_of(pa, 2);
	assert_int_equal(region_count(&r, 2), 2);
	assert_int_equal(r.start[0], B_RAM);
	assert_int_equal(r.start[1], MORE_RAM(0));
	/* Fewer sharers than room: the rest is zeroed. */
	share(pb, 0, 0, 0);
	for (unsigned i = 3; i < FIXTURE_APPS_MAX; i++)
		share(proc(i), 0, 0, 0);
	assert_one_region(pa, MORE_RAM(0), MORE_RAM(0) + PAGE_BYTES);
}

/* ---- as the process core programs them ---- */

static const struct arch_mpu *last_mpu_to(void)
{
	assert_true(fake_arch.mpu_calls > 0 && fake_arch.mpu_calls <= FAKE_ARCH_MPU_LOG);
	assert_true(fake_arch.mpu[fake_arch.mpu_calls - 1].has_to);
	return &fake_arch.mpu[fake_arch.mpu_calls - 1].to;
}

static void test_receiver_switched_in_gets_the_shared_pages(void **state)
{
	const struct arch_mpu *m;

	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	fake_arch_queue_leave();
	process_run(pb);
	m = last_mpu_to();
	assert_int_equal(m->ram_start, B_RAM);
	assert_int_equal(m->shared_start[0], A_RAM);
	assert_int_equal(m->shared_end[0], A_RAM + PAGE_BYTES);
	assert_int_equal(m->shared_start[1], 0);
}

static void test_receiver_switched_in_after_the_share_ends_gets_no_pages(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	fake_arch_queue_leave();
	process_run(pb);
	fake_arch_queue_leave();
	process_run(pa); /* A runs and stops sharing */
	share(pa, 1, 0, 0);
	fake_arch_queue_leave();
	process_run(pb);
	assert_int_equal(last_mpu_to()->shared_start[0], 0);
	assert_int_equal(last_mpu_to()->shared_end[0], 0);
}

static void test_sharer_that_ends_revokes_the_pages_before_the_receiver_runs_again(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	fake_arch_queue_leave();
	process_run(pb); /* B is switched in, with A's page */
	assert_int_equal(last_mpu_to()->shared_start[0], A_RAM);
	process_terminate(pa, 0);
	fake_arch_reset();
	fake_arch_queue_leave();
	process_run(pb); /* still switched in, but rebuilt without A's page before it runs */
	assert_int_equal(fake_arch.mpu_configures, 1);
	assert_int_equal(fake_arch.mpu_calls, 1);
	assert_int_equal(last_mpu_to()->shared_start[0], 0);
	assert_int_equal(pb->mpu.shared_start[0], 0);
}

static void test_sharer_that_restarts_revokes_the_pages_before_the_receiver_runs_again(void **state)
{
	(void)state;
	share(pa, 1, A_RAM, PAGE_BYTES);
	fake_arch_queue_leave();
	process_run(pb); /* B is switched in, with A's page */
	assert_int_equal(last_mpu_to()->shared_start[0], A_RAM);
	process_restart(pa);
	fake_arch_reset();
	fake_arch_queue_leave();
	process_run(pb);
	assert_int_equal(fake_arch.mpu_configures, 1);
	assert_int_equal(last_mpu_to()->shared_start[0], 0);
}

static void test_share_change_during_a_system_call_stops_the_direct_resume(void **state)
{
	(void)state;
	fake_arch_queue_leave();
	process_run(pa);
	fake_arch_reset();
	fake_arch_queue_syscall(A_FRAME, SYSCALL_MEMOP, 2, 0, 0, 0);
	fake_arch_queue_syscall(A_FRAME, SYSCALL_MEMOP, 2, 0, 0, 0);
	fake_arch_queue_leave();
	process_run(pa);
	assert_int_equal(fake_arch.syscalls_resumed, 2); /* nothing changed: straight on */
	fake_arch_reset();
	/* A shares a page with B: the kernel loop must see it before anything runs on. */
	fake_arch_queue_syscall(A_FRAME, SYSCALL_ALLOW_RW, IPC_DRIVER, 1, A_RAM, PAGE_BYTES);
	process_run(pa);
	assert_int_equal(fake_arch.syscalls_resumed, 0);
	assert_int_equal(fake_arch.unexpected_runs, 0); /* it did not go on to run A again */
	fake_arch_queue_leave();
	process_run(pb);
	assert_int_equal(last_mpu_to()->shared_start[0], A_RAM);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_command_0_succeeds_and_unknown_commands_fail_nosupport),
	    T(test_subscribe_and_share_numbers_go_up_to_the_process_slots),
	    T(test_discover_by_exact_name_returns_the_process_index),
	    T(test_discover_of_a_prefix_a_longer_name_or_other_case_fails_nodevice),
	    T(test_discover_without_an_allowed_name_fails_inval),
	    T(test_discover_gives_the_same_index_after_the_service_restarts),
	    T(test_notify_service_queues_its_upcall_at_its_own_index),
	    T(test_notify_client_queues_at_the_services_index),
	    T(test_notify_service_and_client_use_different_slots_of_the_same_process),
	    T(test_notify_without_a_shared_buffer_passes_zero_length_and_address),
	    T(test_notify_passes_the_whole_pages_of_an_unaligned_buffer),
	    T(test_notify_of_a_missing_process_fails_inval),
	    T(test_notify_with_nobody_subscribed_succeeds_and_queues_nothing),
	    T(test_notify_of_an_exited_service_succeeds_and_queues_nothing),
	    T(test_notify_into_a_full_queue_fails_nomem),
	    T(test_page_aligned_shared_buffer_is_exposed_to_the_receiver),
	    T(test_only_whole_pages_of_a_shared_buffer_are_exposed),
	    T(test_shared_buffer_is_exposed_only_to_the_process_it_names),
	    T(test_buffer_no_longer_shared_is_no_longer_exposed),
	    T(test_terminated_sharer_exposes_nothing),
	    T(test_faulted_sharer_exposes_nothing),
	    T(test_restarted_sharer_exposes_nothing),
	    T(test_sharer_paused_by_the_operator_still_exposes_its_pages),
	    T(test_yielded_sharer_still_exposes_its_pages),
	    T(test_each_sharer_gives_one_range_up_to_max_and_the_rest_is_zeroed),
	    T(test_receiver_switched_in_gets_the_shared_pages),
	    T(test_receiver_switched_in_after_the_share_ends_gets_no_pages),
	    T(test_sharer_that_ends_revokes_the_pages_before_the_receiver_runs_again),
	    T(test_sharer_that_restarts_revokes_the_pages_before_the_receiver_runs_again),
	    T(test_share_change_during_a_system_call_stops_the_direct_resume),
	};

	return cmocka_run_group_tests(tests, group_setup, fixture_group_teardown);
}
