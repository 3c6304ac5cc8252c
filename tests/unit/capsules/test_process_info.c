/* SPDX-License-Identifier: MIT */
/* Unit tests for capsules/process_info (driver 0x10002): answers in RW allow 0, upstream's
 * numbering, and no way to change another process. */
#include "capsules/process_info.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "kernel/process.h"
#include "kernel/syscall.h"
#include "tests/unit/kernel/process_fixture.h"

/* The caller is A; its answer buffer lies in its RAM, with canary bytes after it. */
#define ANSWER	    (A_RAM + 0x800u)
#define CANARY	    0xeeu
#define BUF_MAX	    64u
#define NO_SUCH_PID 0x7fffffffu

static struct driver info;

static struct syscall_return info_cmd(uint32_t cmd, uint32_t arg1)
{
	return fixture_syscall(pa, SYSCALL_COMMAND, PROCESS_INFO_DRIVER, cmd, arg1, 0);
}

/* Allows len bytes at ANSWER, all set to CANARY, as A's answer buffer. */
static void allow_answer(uint32_t len)
{
	struct syscall_return r;

	memset(byte_at(ANSWER), CANARY, BUF_MAX + 8);
	r = fixture_syscall(pa, SYSCALL_ALLOW_RW, PROCESS_INFO_DRIVER, 0, ANSWER, len);
	assert_int_equal(r.variant, SYSCALL_SUCCESS_2U32);
}

static uint32_t answer_word(unsigned i)
{
	const uint8_t *b = byte_at(ANSWER + 4 * i);

	return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Nothing was written at or after ANSWER + from. */
static void assert_untouched_from(uint32_t from)
{
	for (uint32_t i = from; i < BUF_MAX + 8; i++)
		assert_int_equal(*byte_at(ANSWER + i), CANARY);
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

static int group_setup(void **state)
{
	if (fixture_group_setup(state))
		return -1;
	process_info_init(&info);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	fixture_start_n(3, FAULT_POLICY_STOP, 0);
	return 0;
}

/* ---- counts and pids ---- */

static void test_command_0_succeeds(void **state)
{
	(void)state;
	assert_success(info_cmd(0, 0));
}

static void test_count_is_the_number_of_processes_without_a_buffer(void **state)
{
	(void)state;
	assert_success_u32(info_cmd(1, 0), 3);
	fixture_start_n(FIXTURE_APPS_MAX, FAULT_POLICY_STOP, 0);
	assert_success_u32(info_cmd(1, 0), FIXTURE_APPS_MAX);
	fixture_start_n(2, FAULT_POLICY_STOP, 0);
	assert_success_u32(info_cmd(1, 0), 2);
}

static void test_pids_are_written_in_slot_order_with_the_count(void **state)
{
	(void)state;
	allow_answer(BUF_MAX);
	assert_success_u32(info_cmd(2, 0), 3);
	assert_int_equal(answer_word(0), pa->pid);
	assert_int_equal(answer_word(1), pb->pid);
	assert_int_equal(answer_word(2), process_get(2)->pid);
	assert_untouched_from(12);
}

static void test_pids_that_do_not_fit_are_left_out_and_the_count_still_says_all(void **state)
{
	(void)state;
	allow_answer(6); /* room for one pid and a half */
	assert_success_u32(info_cmd(2, 0), 3);
	assert_int_equal(answer_word(0), pa->pid);
	assert_untouched_from(4);
}

static void test_pids_follow_a_restart(void **state)
{
	uint32_t old = pb->pid;

	(void)state;
	process_restart(pb);
	assert_true(pb->pid != old);
	allow_answer(BUF_MAX);
	assert_success_u32(info_cmd(2, 0), 3);
	assert_int_equal(answer_word(1), pb->pid);
}

static void test_short_ids_are_zero_for_every_process(void **state)
{
	(void)state;
	allow_answer(BUF_MAX);
	assert_success_u32(info_cmd(3, 0), 3);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(answer_word(i), 0);
	assert_untouched_from(12);
}

/* ---- names ---- */

static void test_name_is_written_nul_terminated(void **state)
{
	(void)state;
	allow_answer(BUF_MAX);
	assert_success(info_cmd(4, pb->pid));
	assert_memory_equal(byte_at(ANSWER), "beta", 5);
	assert_untouched_from(5);
	assert_success(info_cmd(4, process_get(2)->pid));
	assert_memory_equal(byte_at(ANSWER), "gamma", 6);
}

static void test_name_in_a_buffer_of_exactly_its_length_plus_one_fits(void **state)
{
	(void)state;
	allow_answer(6);
	assert_success(info_cmd(4, pa->pid));
	assert_memory_equal(byte_at(ANSWER), "alpha", 6);
	assert_untouched_from(6);
}

static void test_name_without_room_for_the_nul_fails_size_and_writes_nothing(void **state)
{
	(void)state;
	allow_answer(5); /* "alpha" without its NUL */
	assert_failure(info_cmd(4, pa->pid), ERROR_SIZE);
	assert_untouched_from(0);
	allow_answer(0);
	assert_failure(info_cmd(4, pa->pid), ERROR_SIZE);
}

static void test_name_without_any_allowed_buffer_fails_size(void **state)
{
	(void)state;
	assert_failure(info_cmd(4, pa->pid), ERROR_SIZE);
}

/* ---- unknown pids, unknown commands ---- */

static void test_commands_about_an_unknown_pid_fail_inval(void **state)
{
	(void)state;
	allow_answer(BUF_MAX);
	for (uint32_t cmd = 4; cmd <= 6; cmd++) {
		assert_failure(info_cmd(cmd, 0), ERROR_INVAL);
		assert_failure(info_cmd(cmd, NO_SUCH_PID), ERROR_INVAL);
	}
	assert_untouched_from(0);
}

static void test_pid_of_a_previous_life_is_unknown(void **state)
{
	uint32_t old = pb->pid;

	(void)state;
	allow_answer(BUF_MAX);
	process_restart(pb);
	assert_failure(info_cmd(4, old), ERROR_INVAL);
	assert_success(info_cmd(4, pb->pid));
}

static void test_command_10_changing_another_process_fails_nosupport(void **state)
{
	(void)state;
	allow_answer(BUF_MAX);
	assert_failure(info_cmd(10, pb->pid), ERROR_NOSUPPORT);
	assert_int_equal(pb->state, PROCESS_RUNNING);
	assert_failure(info_cmd(7, pb->pid), ERROR_NOSUPPORT);
	assert_failure(info_cmd(0xffffffffu, pb->pid), ERROR_NOSUPPORT);
	assert_untouched_from(0);
}

/* ---- statistics and memory ---- */

static void test_statistics_are_expirations_syscalls_restarts_and_state(void **state)
{
	(void)state;
	pb->timeslice_expirations = 11;
	pb->syscalls = 22;
	pb->restarts = 3;
	process_stop(pb);
	allow_answer(BUF_MAX);
	assert_success(info_cmd(5, pb->pid));
	assert_int_equal(answer_word(0), 11);
	assert_int_equal(answer_word(1), 22);
	assert_int_equal(answer_word(2), 3);
	assert_int_equal(answer_word(3), PROCESS_STOPPED);
	assert_untouched_from(16);
}

static void test_statistics_in_a_too_small_buffer_fail_size_and_never_write_past_it(void **state)
{
	(void)state;
	allow_answer(15);
	assert_failure(info_cmd(5, pa->pid), ERROR_SIZE);
	assert_untouched_from(15);
}

static void test_memory_is_text_ram_break_and_grant_bytes(void **state)
{
	(void)state;
	allow_answer(BUF_MAX);
	assert_success(info_cmd(6, pb->pid));
	assert_int_equal(answer_word(0), B_FLASH);
	assert_int_equal(answer_word(1), B_TEXT_END - B_FLASH);
	assert_int_equal(answer_word(2), B_RAM);
	assert_int_equal(answer_word(3), B_RAM_END - B_RAM);
	assert_int_equal(answer_word(4), B_BREAK);
	assert_int_equal(answer_word(5), B_RAM_END - pb->grant_break);
	assert_int_equal(answer_word(5), QUEUE_BYTES);
	assert_untouched_from(24);
}

static void test_memory_of_the_caller_counts_its_own_grant(void **state)
{
	(void)state;
	allow_answer(BUF_MAX);
	assert_success(info_cmd(6, pa->pid));
	assert_int_equal(answer_word(4), A_BREAK);
	/* The caller's grant holds this driver's slots too. */
	assert_true(answer_word(5) > QUEUE_BYTES);
	assert_int_equal(answer_word(5), A_RAM_END - pa->grant_break);
}

static void test_memory_in_a_too_small_buffer_fails_size_and_never_write_past_it(void **state)
{
	(void)state;
	allow_answer(23);
	assert_failure(info_cmd(6, pa->pid), ERROR_SIZE);
	assert_untouched_from(23);
}

static void test_exited_process_is_still_listed_with_its_state(void **state)
{
	(void)state;
	process_terminate(pb, 3);
	allow_answer(BUF_MAX);
	assert_success_u32(info_cmd(1, 0), 3);
	assert_success(info_cmd(5, pb->pid));
	assert_int_equal(answer_word(3), PROCESS_TERMINATED);
}

static void test_full_grant_region_fails_nomem(void **state)
{
	(void)state;
	assert_non_null(
	    process_grant_alloc(pa, pa->grant_break - ALIGN_UP(pa->app_break, PAGE_BYTES) - 4));
	assert_failure(info_cmd(1, 0), ERROR_NOMEM);
	assert_success(info_cmd(0, 0));
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_command_0_succeeds),
	    T(test_count_is_the_number_of_processes_without_a_buffer),
	    T(test_pids_are_written_in_slot_order_with_the_count),
	    T(test_pids_that_do_not_fit_are_left_out_and_the_count_still_says_all),
	    T(test_pids_follow_a_restart),
	    T(test_short_ids_are_zero_for_every_process),
	    T(test_name_is_written_nul_terminated),
	    T(test_name_in_a_buffer_of_exactly_its_length_plus_one_fits),
	    T(test_name_without_room_for_the_nul_fails_size_and_writes_nothing),
	    T(test_name_without_any_allowed_buffer_fails_size),
	    T(test_commands_about_an_unknown_pid_fail_inval),
	    T(test_pid_of_a_previous_life_is_unknown),
	    T(test_command_10_changing_another_process_fails_nosupport),
	    T(test_statistics_are_expirations_syscalls_restarts_and_state),
	    T(test_statistics_in_a_too_small_buffer_fail_size_and_never_write_past_it),
	    T(test_memory_is_text_ram_break_and_grant_bytes),
	    T(test_memory_of_the_caller_counts_its_own_grant),
	    T(test_memory_in_a_too_small_buffer_fails_size_and_never_write_past_it),
	    T(test_exited_process_is_still_listed_with_its_state),
	    T(test_full_grant_region_fails_nomem),
	};

	return cmocka_run_group_tests(tests, group_setup, fixture_group_teardown);
}
