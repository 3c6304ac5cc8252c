/* SPDX-License-Identifier: MIT */
/* Unit tests for capsules/low_level_debug (driver 0x8): upstream's lines on the kernel console. */
#include "capsules/low_level_debug.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "kernel/process.h"
#include "kernel/syscall.h"
#include "tests/unit/fake_debug.h"
#include "tests/unit/kernel/process_fixture.h"

static struct driver lld;

static struct syscall_return lld_cmd(unsigned slot, uint32_t cmd, uint32_t arg1, uint32_t arg2)
{
	struct process *p = process_get(slot);

	assert_non_null(p);
	return fixture_syscall(p, SYSCALL_COMMAND, LOW_LEVEL_DEBUG_DRIVER, cmd, arg1, arg2);
}

static void assert_success(struct syscall_return r)
{
	assert_int_equal(r.variant, SYSCALL_SUCCESS);
}

static int group_setup(void **state)
{
	if (fixture_group_setup(state))
		return -1;
	low_level_debug_init(&lld);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	fixture_start_n(FIXTURE_APPS_MAX, FAULT_POLICY_STOP, 0);
	fake_debug_reset();
	return 0;
}

static void test_command_0_succeeds_and_prints_nothing(void **state)
{
	(void)state;
	assert_success(lld_cmd(0, 0, 0, 0));
	assert_int_equal(fake_debug_len, 0);
}

static void test_alert_code_prints_app_index_and_status_code_in_hex(void **state)
{
	(void)state;
	assert_success(lld_cmd(0, 1, 0x2a, 0));
	assert_string_equal(fake_debug_out, "LowLevelDebug: App 0x0 status code 0x2a\n");
}

static void test_print_one_number_prints_it_in_hex(void **state)
{
	(void)state;
	assert_success(lld_cmd(1, 2, 0xdeadbeefu, 0x1234));
	assert_string_equal(fake_debug_out, "LowLevelDebug: App 0x1 prints 0xdeadbeef\n");
}

static void test_print_two_numbers_prints_both_in_hex(void **state)
{
	(void)state;
	assert_success(lld_cmd(7, 3, 0, 0xffffffffu));
	assert_string_equal(fake_debug_out, "LowLevelDebug: App 0x7 prints 0x0 0xffffffff\n");
}

static void test_app_number_is_the_slot_index_and_survives_a_restart(void **state)
{
	(void)state;
	process_restart(process_get(5));
	fake_debug_reset();
	assert_success(lld_cmd(5, 2, 1, 0));
	assert_string_equal(fake_debug_out, "LowLevelDebug: App 0x5 prints 0x1\n");
}

static void test_unknown_commands_fail_nosupport_and_print_nothing(void **state)
{
	static const uint32_t bad[] = {4, 5, 0x100, 0xffffffffu};

	(void)state;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct syscall_return r = lld_cmd(0, bad[i], 1, 2);

		assert_int_equal(r.variant, SYSCALL_FAILURE);
		assert_int_equal(r.data[0], ERROR_NOSUPPORT);
	}
	assert_int_equal(fake_debug_len, 0);
}

static void test_driver_has_no_upcalls_or_allows(void **state)
{
	struct process *p;
	struct syscall_return r;

	(void)state;
	p = process_get(0);
	r = fixture_syscall(p, SYSCALL_SUBSCRIBE, LOW_LEVEL_DEBUG_DRIVER, 0, 0, 0);
	assert_int_equal(r.variant, SYSCALL_FAILURE_2U32);
	assert_int_equal(r.data[0], ERROR_NOSUPPORT);
	r = fixture_syscall(p, SYSCALL_ALLOW_RO, LOW_LEVEL_DEBUG_DRIVER, 0, A_RAM, 4);
	assert_int_equal(r.variant, SYSCALL_FAILURE_2U32);
	assert_int_equal(r.data[0], ERROR_NOSUPPORT);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_command_0_succeeds_and_prints_nothing),
	    T(test_alert_code_prints_app_index_and_status_code_in_hex),
	    T(test_print_one_number_prints_it_in_hex),
	    T(test_print_two_numbers_prints_both_in_hex),
	    T(test_app_number_is_the_slot_index_and_survives_a_restart),
	    T(test_unknown_commands_fail_nosupport_and_print_nothing),
	    T(test_driver_has_no_upcalls_or_allows),
	};

	return cmocka_run_group_tests(tests, group_setup, fixture_group_teardown);
}
