/* SPDX-License-Identifier: MIT */
/* Unit tests for kernel/syscall: every rule of ABI.md "Semantics that conformance tests check". */
#include "kernel/syscall.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "kernel/driver.h"
#include "kernel/process.h"
#include "tests/unit/fake_arch/fake_arch.h"
#include "tests/unit/fake_debug.h"
#include "tests/unit/kernel/process_fixture.h"

/*
 * Each test makes system calls the way a process does: the four argument words at its esp
 * (A_FRAME unless said otherwise), the class in the context, then syscall_handle(); what the
 * kernel wrote back is read from the same four words.
 */
struct ret {
	uint32_t r[4];
};

#define FAIL_2U32 SYSCALL_FAILURE_2U32
#define OK_2U32	  SYSCALL_SUCCESS_2U32

#define USER_PC	    (A_BINARY + 0x222u) /* the instruction after int $0x40 */
#define UPCALL0_FN  (A_BINARY + 0x100u)
#define UPCALL1_FN  (A_BINARY + 0x180u)
#define NOT_WRITTEN 0x5a5a5a5au /* what a frame holds before a call that writes nothing back */

static struct ret call_at(struct process *p, uint32_t sp, uint32_t class, uint32_t r0, uint32_t r1,
			  uint32_t r2, uint32_t r3)
{
	uint32_t *f = word_at(sp);
	struct ret out;

	f[0] = r0;
	f[1] = r1;
	f[2] = r2;
	f[3] = r3;
	p->ctx.sp = sp;
	p->ctx.pc = USER_PC;
	p->ctx.class_reg = class;
	syscall_handle(p);
	memcpy(out.r, f, sizeof(out.r));
	return out;
}

static struct ret call(uint32_t class, uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3)
{
	return call_at(pa, A_FRAME, class, r0, r1, r2, r3);
}

#define assert_ret(x, v, a, b, c)                                                                  \
	do {                                                                                       \
		struct ret r_ = (x);                                                               \
		assert_int_equal(r_.r[0], (v));                                                    \
		assert_int_equal(r_.r[1], (a));                                                    \
		assert_int_equal(r_.r[2], (b));                                                    \
		assert_int_equal(r_.r[3], (c));                                                    \
	} while (0)

/* Only r0/r1 matter for variants with fewer words; the rest is whatever the kernel chose. */
#define assert_ret2(x, v, a)                                                                       \
	do {                                                                                       \
		struct ret r_ = (x);                                                               \
		assert_int_equal(r_.r[0], (v));                                                    \
		assert_int_equal(r_.r[1], (a));                                                    \
	} while (0)

static struct ret subscribe(uint32_t driver, uint32_t num, uint32_t fn, uint32_t appdata)
{
	return call(SYSCALL_SUBSCRIBE, driver, num, fn, appdata);
}

static struct ret memop(uint32_t op, uint32_t arg)
{
	return call(SYSCALL_MEMOP, op, arg, 0, 0);
}

static struct upcall upcall_of(uint32_t sub, uint32_t a0, uint32_t a1, uint32_t a2)
{
	return (struct upcall){TEST_DRIVER_NUM, sub, {a0, a1, a2}};
}

/* Subscribes A to both upcalls of the test driver. */
static void subscribe_both(void)
{
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 0xd0), OK_2U32, 0, 0, 0);
	assert_ret(subscribe(TEST_DRIVER_NUM, 1, UPCALL1_FN, 0xd1), OK_2U32, 0, 0, 0);
}

static void schedule(uint32_t sub, uint32_t a0, uint32_t a1, uint32_t a2)
{
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, sub, a0, a1, a2), ERROR_NONE);
}

static void fill_frame(uint32_t sp, uint32_t value)
{
	for (int i = -2; i < 6; i++)
		*word_at(sp + 4 * (uint32_t)i) = value;
}

/* ---- subscribe ---- */

static void test_subscribe_first_time_returns_zero_zero(void **state)
{
	(void)state;
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 0x1234), OK_2U32, 0, 0, 0);
	assert_ret(subscribe(TEST_DRIVER_NUM, 1, UPCALL1_FN, 0x5678), OK_2U32, 0, 0, 0);
}

static void test_subscribe_again_returns_previous_upcall_and_appdata(void **state)
{
	(void)state;
	subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 0x1234);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, UPCALL1_FN, 0x5678), OK_2U32, UPCALL0_FN, 0x1234,
		   0);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, 0, 0), OK_2U32, UPCALL1_FN, 0x5678, 0);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 1), OK_2U32, 0, 0, 0);
}

static void test_subscribe_missing_driver_fails_nodevice_with_passed_values(void **state)
{
	(void)state;
	assert_ret(subscribe(MISSING_DRIVER_NUM, 0, UPCALL0_FN, 0xabcd), FAIL_2U32, ERROR_NODEVICE,
		   UPCALL0_FN, 0xabcd);
}

static void test_subscribe_number_out_of_range_fails_nosupport_with_passed_values(void **state)
{
	(void)state;
	assert_ret(subscribe(TEST_DRIVER_NUM, 2, UPCALL0_FN, 0xabcd), FAIL_2U32, ERROR_NOSUPPORT,
		   UPCALL0_FN, 0xabcd);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0xffffffff, UPCALL0_FN, 7), FAIL_2U32,
		   ERROR_NOSUPPORT, UPCALL0_FN, 7);
}

static void test_subscribe_upcall_outside_binary_fails_inval_and_changes_nothing(void **state)
{
	static const uint32_t bad[] = {
	    A_FLASH,	      /* the TBF header: readable, not code */
	    A_BINARY - 1,     /* last header byte */
	    A_BIN_END,	      /* one past the binary */
	    A_TEXT_END - 4,   /* zero fill after the binary */
	    A_RAM + 0x10,     /* its RAM */
	    B_BINARY + 0x100, /* another process's code */
	    0xfffffff0,	      /* not memory at all */
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_ret(subscribe(TEST_DRIVER_NUM, 0, bad[i], 0x99), FAIL_2U32, ERROR_INVAL,
			   bad[i], 0x99);
	/* The driver was not involved: no grant, no slot changed. */
	assert_null(driver_data_peek(&test_drv.driver, pa));
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 1), OK_2U32, 0, 0, 0);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, A_RAM + 0x10, 2), FAIL_2U32, ERROR_INVAL,
		   A_RAM + 0x10, 2);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, UPCALL1_FN, 3), OK_2U32, UPCALL0_FN, 1, 0);
	assert_int_equal(test_drv.calls, 0);
}

static void test_subscribe_upcall_at_binary_edges_succeeds(void **state)
{
	(void)state;
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, A_BINARY, 0), OK_2U32, 0, 0, 0);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, A_BIN_END - 1, 0), OK_2U32, A_BINARY, 0, 0);
}

static void test_subscribe_null_upcall_succeeds_and_unsubscribes(void **state)
{
	(void)state;
	assert_ret(subscribe(TEST_DRIVER_NUM, 1, 0, 0x77), OK_2U32, 0, 0, 0);
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 1, 1, 2, 3), ERROR_OFF);
	subscribe(TEST_DRIVER_NUM, 1, UPCALL1_FN, 0);
	schedule(1, 1, 2, 3);
	assert_ret(subscribe(TEST_DRIVER_NUM, 1, 0, 0), OK_2U32, UPCALL1_FN, 0, 0);
	assert_int_equal(upcall_schedule(&test_drv.driver, pa, 1, 1, 2, 3), ERROR_OFF);
	assert_queue(pa, NULL, 0);
}

static void test_subscribe_drops_queued_upcalls_of_that_number_only(void **state)
{
	const struct upcall kept[] = {upcall_of(1, 20, 21, 22), upcall_of(1, 40, 41, 42)};

	(void)state;
	subscribe_both();
	schedule(0, 10, 11, 12);
	schedule(1, 20, 21, 22);
	schedule(0, 30, 31, 32);
	schedule(1, 40, 41, 42);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 0xd0), OK_2U32, UPCALL0_FN, 0xd0, 0);
	assert_queue(pa, kept, 2);
}

static void test_subscribe_failure_keeps_queued_upcalls(void **state)
{
	const struct upcall queued[] = {upcall_of(0, 10, 11, 12)};

	(void)state;
	subscribe_both();
	schedule(0, 10, 11, 12);
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, A_RAM, 0), FAIL_2U32, ERROR_INVAL, A_RAM, 0);
	assert_queue(pa, queued, 1);
}

static void test_subscribe_with_grant_region_full_fails_nomem_with_passed_values(void **state)
{
	(void)state;
	/* Take every byte of the grant pages, so the driver's block cannot be allocated. */
	while (process_grant_alloc(pa, 4))
		;
	assert_ret(subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 5), FAIL_2U32, ERROR_NOMEM, UPCALL0_FN,
		   5);
}

static void test_subscribe_is_per_process(void **state)
{
	(void)state;
	subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 1);
	assert_ret(call_at(pb, B_FRAME, SYSCALL_SUBSCRIBE, TEST_DRIVER_NUM, 0, B_BINARY, 2),
		   OK_2U32, 0, 0, 0);
	/* A's upcall address is not B's code. */
	assert_ret(call_at(pb, B_FRAME, SYSCALL_SUBSCRIBE, TEST_DRIVER_NUM, 0, UPCALL0_FN, 2),
		   FAIL_2U32, ERROR_INVAL, UPCALL0_FN, 2);
}

/* ---- command ---- */

static void test_command_missing_driver_fails_nodevice(void **state)
{
	(void)state;
	assert_ret2(call(SYSCALL_COMMAND, MISSING_DRIVER_NUM, 0, 0, 0), SYSCALL_FAILURE,
		    ERROR_NODEVICE);
	assert_ret2(call(SYSCALL_COMMAND, MISSING_DRIVER_NUM, 7, 1, 2), SYSCALL_FAILURE,
		    ERROR_NODEVICE);
	assert_int_equal(test_drv.calls + other_drv.calls, 0);
}

static void test_command_zero_on_existing_driver_returns_success(void **state)
{
	(void)state;
	assert_ret2(call(SYSCALL_COMMAND, TEST_DRIVER_NUM, 0, 0, 0), SYSCALL_SUCCESS, 0);
	assert_int_equal(test_drv.calls, 1);
}

static void test_command_passes_its_arguments_and_returns_the_driver_reply(void **state)
{
	(void)state;
	test_drv.reply = (struct syscall_return){SYSCALL_SUCCESS_3U32, {7, 8, 9}};
	assert_ret(call(SYSCALL_COMMAND, TEST_DRIVER_NUM, 5, 0xaaaa5555, 0xffffffff),
		   SYSCALL_SUCCESS_3U32, 7, 8, 9);
	assert_int_equal(test_drv.calls, 1);
	assert_ptr_equal(test_drv.p, pa);
	assert_int_equal(test_drv.cmd, 5);
	assert_int_equal(test_drv.arg1, 0xaaaa5555);
	assert_int_equal(test_drv.arg2, 0xffffffff);
	assert_int_equal(other_drv.calls, 0);
}

/* ---- allow (each test runs for RW, RO and userspace-readable) ---- */

static struct ret allow(uint32_t class, uint32_t num, uint32_t vaddr, uint32_t len)
{
	return call(class, TEST_DRIVER_NUM, num, vaddr, len);
}

static void allow_first_time_returns_zero_zero(uint32_t class)
{
	assert_ret(allow(class, 0, A_RAM + 0x40, 0x20), OK_2U32, 0, 0, 0);
}

static void allow_again_returns_previous_buffer(uint32_t class)
{
	allow(class, 0, A_RAM + 0x40, 0x20);
	assert_ret(allow(class, 0, A_RAM + 0x100, 0x8), OK_2U32, A_RAM + 0x40, 0x20, 0);
	assert_ret(allow(class, 0, 0, 0), OK_2U32, A_RAM + 0x100, 0x8, 0);
	assert_ret(allow(class, 0, A_RAM, 1), OK_2U32, 0, 0, 0);
}

static void allow_zero_length_succeeds_at_any_address(uint32_t class)
{
	static const uint32_t any[] = {0, 0xffffffff, GUARD_LOW, B_RAM + 4, A_RAM_END - 4, A_FLASH};
	uint32_t prev = 0;

	for (unsigned i = 0; i < sizeof(any) / sizeof(any[0]); i++) {
		assert_ret(allow(class, 0, any[i], 0), OK_2U32, prev, 0, 0);
		prev = any[i];
	}
}

static void allow_missing_driver_fails_nodevice_with_passed_values(uint32_t class)
{
	assert_ret(call(class, MISSING_DRIVER_NUM, 0, A_RAM, 4), FAIL_2U32, ERROR_NODEVICE, A_RAM,
		   4);
}

static void allow_number_out_of_range_fails_nosupport_with_passed_values(uint32_t class)
{
	assert_ret(allow(class, 1, A_RAM, 4), FAIL_2U32, ERROR_NOSUPPORT, A_RAM, 4);
	assert_ret(allow(class, 0xffff, 0, 0), FAIL_2U32, ERROR_NOSUPPORT, 0, 0);
}

static void allow_buffer_ending_at_break_succeeds(uint32_t class)
{
	assert_ret(allow(class, 0, A_RAM, A_BREAK - A_RAM), OK_2U32, 0, 0, 0);
	assert_ret(allow(class, 0, A_BREAK - 1, 1), OK_2U32, A_RAM, A_BREAK - A_RAM, 0);
}

static void allow_buffer_one_byte_past_break_fails_inval(uint32_t class)
{
	assert_ret(allow(class, 0, A_RAM, A_BREAK - A_RAM + 1), FAIL_2U32, ERROR_INVAL, A_RAM,
		   A_BREAK - A_RAM + 1);
	assert_ret(allow(class, 0, A_BREAK, 1), FAIL_2U32, ERROR_INVAL, A_BREAK, 1);
	assert_ret(allow(class, 0, A_BREAK - 1, 2), FAIL_2U32, ERROR_INVAL, A_BREAK - 1, 2);
	/* A failure leaves the slot as it was. */
	assert_ret(allow(class, 0, A_RAM, 4), OK_2U32, 0, 0, 0);
}

static void allow_buffer_wrapping_past_4gib_fails_inval(uint32_t class)
{
	/* pointer + length wraps to an address inside the RAM */
	uint32_t wrap_len = 0u - 0x80u;

	assert_ret(allow(class, 0, A_RAM + 0x100, wrap_len), FAIL_2U32, ERROR_INVAL, A_RAM + 0x100,
		   wrap_len);
	assert_ret(allow(class, 0, A_RAM, 0xffffffff), FAIL_2U32, ERROR_INVAL, A_RAM, 0xffffffff);
	assert_ret(allow(class, 0, 0xffffff00, 0x200), FAIL_2U32, ERROR_INVAL, 0xffffff00, 0x200);
	assert_ret(allow(class, 0, 0xffffffff, 1), FAIL_2U32, ERROR_INVAL, 0xffffffff, 1);
}

static void allow_buffer_spanning_into_grant_region_fails_inval(uint32_t class)
{
	uint32_t top =
	    A_RAM_END - PAGE_BYTES; /* the highest break: the grants keep the last page */

	assert_ret(memop(0, top), SYSCALL_SUCCESS, 0, 0, 0);
	assert_ret(allow(class, 0, top - 0x10, 0x20), FAIL_2U32, ERROR_INVAL, top - 0x10, 0x20);
	assert_ret(allow(class, 0, pa->grant_break - 4, 8), FAIL_2U32, ERROR_INVAL,
		   pa->grant_break - 4, 8);
	assert_ret(allow(class, 0, pa->grant_break, 4), FAIL_2U32, ERROR_INVAL, pa->grant_break, 4);
	assert_ret(allow(class, 0, A_RAM, A_RAM_END - A_RAM), FAIL_2U32, ERROR_INVAL, A_RAM,
		   A_RAM_END - A_RAM);
	assert_ret(allow(class, 0, top - 0x10, 0x10), OK_2U32, 0, 0, 0);
}

static void allow_buffer_in_another_process_fails_inval(uint32_t class)
{
	assert_ret(allow(class, 0, B_RAM + 0x10, 4), FAIL_2U32, ERROR_INVAL, B_RAM + 0x10, 4);
	assert_ret(allow(class, 0, B_BINARY, 4), FAIL_2U32, ERROR_INVAL, B_BINARY, 4);
}

static void allow_buffer_starting_below_ram_fails_inval(uint32_t class)
{
	assert_ret(allow(class, 0, A_RAM - 4, 8), FAIL_2U32, ERROR_INVAL, A_RAM - 4, 8);
	assert_ret(allow(class, 0, A_TEXT_END - 4, A_RAM - A_TEXT_END + 8), FAIL_2U32, ERROR_INVAL,
		   A_TEXT_END - 4, A_RAM - A_TEXT_END + 8);
	assert_ret(allow(class, 0, 0, 4), FAIL_2U32, ERROR_INVAL, 0, 4);
}

static void allow_is_per_process(uint32_t class)
{
	allow(class, 0, A_RAM, 4);
	assert_ret(call_at(pb, B_FRAME, class, TEST_DRIVER_NUM, 0, B_RAM, 4), OK_2U32, 0, 0, 0);
	assert_ret(call_at(pb, B_FRAME, class, TEST_DRIVER_NUM, 0, A_RAM, 4), FAIL_2U32,
		   ERROR_INVAL, A_RAM, 4);
}

#define ALLOW_TESTS(name)                                                                          \
	static void test_##name##_rw(void **state)                                                 \
	{                                                                                          \
		(void)state;                                                                       \
		name(SYSCALL_ALLOW_RW);                                                            \
	}                                                                                          \
	static void test_##name##_ro(void **state)                                                 \
	{                                                                                          \
		(void)state;                                                                       \
		name(SYSCALL_ALLOW_RO);                                                            \
	}                                                                                          \
	static void test_##name##_ur(void **state)                                                 \
	{                                                                                          \
		(void)state;                                                                       \
		name(SYSCALL_ALLOW_UR);                                                            \
	}

ALLOW_TESTS(allow_first_time_returns_zero_zero)
ALLOW_TESTS(allow_again_returns_previous_buffer)
ALLOW_TESTS(allow_zero_length_succeeds_at_any_address)
ALLOW_TESTS(allow_missing_driver_fails_nodevice_with_passed_values)
ALLOW_TESTS(allow_number_out_of_range_fails_nosupport_with_passed_values)
ALLOW_TESTS(allow_buffer_ending_at_break_succeeds)
ALLOW_TESTS(allow_buffer_one_byte_past_break_fails_inval)
ALLOW_TESTS(allow_buffer_wrapping_past_4gib_fails_inval)
ALLOW_TESTS(allow_buffer_spanning_into_grant_region_fails_inval)
ALLOW_TESTS(allow_buffer_in_another_process_fails_inval)
ALLOW_TESTS(allow_buffer_starting_below_ram_fails_inval)
ALLOW_TESTS(allow_is_per_process)

static void test_allow_rw_and_ur_of_text_fail_inval(void **state)
{
	(void)state;
	assert_ret(allow(SYSCALL_ALLOW_RW, 0, A_BINARY, 4), FAIL_2U32, ERROR_INVAL, A_BINARY, 4);
	assert_ret(allow(SYSCALL_ALLOW_UR, 0, A_BINARY, 4), FAIL_2U32, ERROR_INVAL, A_BINARY, 4);
	assert_ret(allow(SYSCALL_ALLOW_RW, 0, A_FLASH, A_TEXT_END - A_FLASH), FAIL_2U32,
		   ERROR_INVAL, A_FLASH, A_TEXT_END - A_FLASH);
}

static void test_allow_ro_of_its_text_succeeds(void **state)
{
	(void)state;
	assert_ret(allow(SYSCALL_ALLOW_RO, 0, A_BINARY, 4), OK_2U32, 0, 0, 0);
	assert_ret(allow(SYSCALL_ALLOW_RO, 0, A_FLASH, A_TEXT_END - A_FLASH), OK_2U32, A_BINARY, 4,
		   0);
	assert_ret(allow(SYSCALL_ALLOW_RO, 0, A_FLASH, A_TEXT_END - A_FLASH + 1), FAIL_2U32,
		   ERROR_INVAL, A_FLASH, A_TEXT_END - A_FLASH + 1);
}

static void test_allow_numbers_are_separate_namespaces_per_class(void **state)
{
	(void)state;
	assert_ret(allow(SYSCALL_ALLOW_RW, 0, A_RAM + 0x10, 1), OK_2U32, 0, 0, 0);
	assert_ret(allow(SYSCALL_ALLOW_RO, 0, A_RAM + 0x20, 2), OK_2U32, 0, 0, 0);
	assert_ret(allow(SYSCALL_ALLOW_UR, 0, A_RAM + 0x30, 3), OK_2U32, 0, 0, 0);
	assert_ret(allow(SYSCALL_ALLOW_RW, 0, 0, 0), OK_2U32, A_RAM + 0x10, 1, 0);
	assert_ret(allow(SYSCALL_ALLOW_RO, 0, 0, 0), OK_2U32, A_RAM + 0x20, 2, 0);
	assert_ret(allow(SYSCALL_ALLOW_UR, 0, 0, 0), OK_2U32, A_RAM + 0x30, 3, 0);
	/* And per driver. */
	assert_ret(call(SYSCALL_ALLOW_RW, OTHER_DRIVER_NUM, 0, A_RAM, 4), OK_2U32, 0, 0, 0);
}

/* ---- memop ---- */

static void test_memop_brk_moves_break_and_succeeds(void **state)
{
	(void)state;
	assert_ret2(memop(0, A_BREAK + 0x1234), SYSCALL_SUCCESS, 0);
	assert_int_equal(pa->app_break, A_BREAK + 0x1234);
	assert_ret2(memop(0, A_RAM + 0x800), SYSCALL_SUCCESS, 0);
	assert_int_equal(pa->app_break, A_RAM + 0x800);
	/* The process may now use what it got, and no more. */
	assert_ret(allow(SYSCALL_ALLOW_RW, 0, A_RAM + 0x7fc, 4), OK_2U32, 0, 0, 0);
	assert_ret(allow(SYSCALL_ALLOW_RW, 0, A_RAM + 0x800, 4), FAIL_2U32, ERROR_INVAL,
		   A_RAM + 0x800, 4);
}

static void test_memop_brk_into_grant_pages_fails_nomem_and_keeps_break(void **state)
{
	uint32_t top = ALIGN_DOWN(pa->grant_break, PAGE_BYTES);

	(void)state;
	assert_ret2(memop(0, top + 1), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(0, pa->grant_break), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(0, A_RAM_END), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(0, A_RAM_END + 1), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(0, 0xffffffff), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_int_equal(pa->app_break, A_BREAK);
	assert_ret2(memop(0, top), SYSCALL_SUCCESS, 0);
	assert_int_equal(pa->app_break, top);
}

static void test_memop_brk_below_minimum_ram_fails_nomem(void **state)
{
	(void)state;
	assert_ret2(memop(0, 0), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(0, A_RAM), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(0, A_RAM + PROCESS_MIN_RAM_BYTES - 1), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_int_equal(pa->app_break, A_BREAK);
	assert_ret2(memop(0, A_RAM + PROCESS_MIN_RAM_BYTES), SYSCALL_SUCCESS, 0);
}

static void test_memop_brk_below_allowed_buffer_fails_nomem(void **state)
{
	static const uint32_t classes[] = {SYSCALL_ALLOW_RW, SYSCALL_ALLOW_RO, SYSCALL_ALLOW_UR};

	(void)state;
	for (unsigned i = 0; i < 3; i++) {
		uint32_t end = A_RAM + 0x900 + 0x100 * i;

		fixture_start(FAULT_POLICY_STOP, 0);
		assert_ret(allow(classes[i], 0, end - 0x10, 0x10), OK_2U32, 0, 0, 0);
		assert_ret2(memop(0, end - 1), SYSCALL_FAILURE, ERROR_NOMEM);
		assert_ret2(memop(1, end - 1 - A_BREAK), SYSCALL_FAILURE, ERROR_NOMEM);
		assert_int_equal(pa->app_break, A_BREAK);
		assert_ret2(memop(0, end), SYSCALL_SUCCESS, 0);
		/* Once the buffer is given back, the memory may go. */
		assert_ret(allow(classes[i], 0, 0, 0), OK_2U32, end - 0x10, 0x10, 0);
		assert_ret2(memop(0, end - 0x10), SYSCALL_SUCCESS, 0);
	}
	/* A buffer of another driver counts too. */
	assert_ret(call(SYSCALL_ALLOW_UR, OTHER_DRIVER_NUM, 0, A_RAM + 0x600, 4), OK_2U32, 0, 0, 0);
	assert_ret2(memop(0, A_RAM + 0x603), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(0, A_RAM + 0x604), SYSCALL_SUCCESS, 0);
}

static void test_memop_ro_buffer_in_text_does_not_hold_the_break(void **state)
{
	(void)state;
	assert_ret(allow(SYSCALL_ALLOW_RO, 0, A_BINARY, A_BIN_END - A_BINARY), OK_2U32, 0, 0, 0);
	assert_ret2(memop(0, A_RAM + PROCESS_MIN_RAM_BYTES), SYSCALL_SUCCESS, 0);
}

static void test_memop_sbrk_returns_old_break(void **state)
{
	(void)state;
	assert_ret2(memop(1, 0x100), SYSCALL_SUCCESS_U32, A_BREAK);
	assert_int_equal(pa->app_break, A_BREAK + 0x100);
	assert_ret2(memop(1, 0), SYSCALL_SUCCESS_U32, A_BREAK + 0x100);
	assert_ret2(memop(1, (uint32_t)-0x300), SYSCALL_SUCCESS_U32, A_BREAK + 0x100);
	assert_int_equal(pa->app_break, A_BREAK - 0x200);
}

static void test_memop_sbrk_past_grants_or_below_ram_fails_and_keeps_break(void **state)
{
	(void)state;
	assert_ret2(memop(1, A_RAM_END - A_BREAK), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(1, 0x7fffffff), SYSCALL_FAILURE, ERROR_NOMEM);
	/* Below zero, and wrapping past 4 GiB: never a small break. */
	assert_ret2(memop(1, 0x80000000), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_ret2(memop(1, (uint32_t) - (int32_t)(A_BREAK - 0x10)), SYSCALL_FAILURE, ERROR_NOMEM);
	assert_int_equal(pa->app_break, A_BREAK);
}

static void test_memop_reports_ram_flash_and_grant_addresses(void **state)
{
	(void)state;
	assert_ret2(memop(2, 0), SYSCALL_SUCCESS_U32, A_RAM);
	assert_ret2(memop(3, 0), SYSCALL_SUCCESS_U32, A_RAM_END);
	assert_ret2(memop(4, 0), SYSCALL_SUCCESS_U32, A_FLASH);
	assert_ret2(memop(5, 0), SYSCALL_SUCCESS_U32, A_BIN_END);
	assert_ret2(memop(6, 0), SYSCALL_SUCCESS_U32, A_RAM_END - QUEUE_BYTES);
	/* The grant region grows down as drivers get their blocks. */
	subscribe(TEST_DRIVER_NUM, 0, UPCALL0_FN, 0);
	assert_ret2(memop(6, 0), SYSCALL_SUCCESS_U32, pa->grant_break);
	assert_true(pa->grant_break < A_RAM_END - QUEUE_BYTES);
	assert_ret2(call_at(pb, B_FRAME, SYSCALL_MEMOP, 2, 0, 0, 0), SYSCALL_SUCCESS_U32, B_RAM);
}

static void test_memop_writeable_flash_regions_are_none(void **state)
{
	(void)state;
	assert_ret2(memop(7, 0), SYSCALL_SUCCESS_U32, 0);
	assert_ret2(memop(8, 0), SYSCALL_FAILURE, ERROR_FAIL);
	assert_ret2(memop(9, 0), SYSCALL_FAILURE, ERROR_FAIL);
}

static void test_memop_stack_and_heap_hints_succeed(void **state)
{
	(void)state;
	assert_ret2(memop(10, A_BREAK - 4), SYSCALL_SUCCESS, 0);
	assert_ret2(memop(11, A_RAM + 0x800), SYSCALL_SUCCESS, 0);
	assert_int_equal(pa->stack_hint, A_BREAK - 4);
	assert_int_equal(pa->heap_hint, A_RAM + 0x800);
}

static void test_memop_unknown_operation_fails_nosupport(void **state)
{
	(void)state;
	assert_ret2(memop(12, 0), SYSCALL_FAILURE, ERROR_NOSUPPORT);
	assert_ret2(memop(0x80000000, 0), SYSCALL_FAILURE, ERROR_NOSUPPORT);
	assert_ret2(memop(0xffffffff, 0), SYSCALL_FAILURE, ERROR_NOSUPPORT);
	assert_int_equal(pa->state, PROCESS_RUNNING);
}

/* ---- exit ---- */

static void test_exit_terminate_stops_process_and_writes_nothing_back(void **state)
{
	uint32_t pid = pa->pid;
	uint32_t frame[4] = {0, 42, 0, 0};

	(void)state;
	pa->ctx.sp = A_FRAME;
	assert_false(syscall_dispatch(pa, SYSCALL_EXIT, frame));
	assert_int_equal(frame[1], 42);
	assert_int_equal(pa->state, PROCESS_TERMINATED);
	assert_int_equal(pa->exit_code, 42);
	assert_int_equal(pa->pid, pid);
	assert_true(fake_debug_contains("exited with code 42"));

	/* Through syscall_handle: the frame stays as the process left it. */
	fixture_start(FAULT_POLICY_STOP, 0);
	assert_ret(call(SYSCALL_EXIT, 0, 0xffffffff, 3, 4), 0, 0xffffffff, 3, 4);
	assert_int_equal(pa->state, PROCESS_TERMINATED);
	assert_int_equal(pa->exit_code, -1);
}

static void test_exit_restart_restarts_with_new_pid(void **state)
{
	uint32_t pid = pa->pid, other = pb->pid;
	uint32_t frame[4] = {1, 0, 0, 0};

	(void)state;
	*word_at(A_RAM + 0x10) = 0xdeadbeef;
	pa->ctx.sp = A_FRAME;
	assert_false(syscall_dispatch(pa, SYSCALL_EXIT, frame));
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_not_equal(pa->pid, pid);
	assert_int_not_equal(pa->pid, other);
	assert_int_equal(pa->restarts, 1);
	assert_int_equal(pa->ctx.pc, A_ENTRY);
	assert_int_equal(pa->ctx.sp, A_BREAK - 20);
	assert_int_equal(*word_at(A_RAM + 0x10), 0);
	assert_ptr_equal(process_by_pid(pa->pid), pa);
	assert_null(process_by_pid(pid));
}

static void test_exit_other_variant_fails_nosupport(void **state)
{
	(void)state;
	assert_ret2(call(SYSCALL_EXIT, 2, 0, 0, 0), SYSCALL_FAILURE, ERROR_NOSUPPORT);
	assert_ret2(call(SYSCALL_EXIT, 0xffffffff, 0, 0, 0), SYSCALL_FAILURE, ERROR_NOSUPPORT);
	assert_int_equal(pa->state, PROCESS_RUNNING);
}

/* ---- faults ---- */

static void test_unknown_class_faults_process_and_writes_nothing_back(void **state)
{
	static const uint32_t classes[] = {8, 9, 0x40, 0xffffffff};

	(void)state;
	for (unsigned i = 0; i < 4; i++) {
		fixture_start(FAULT_POLICY_STOP, 0);
		assert_ret(call(classes[i], 1, 2, 3, 4), 1, 2, 3, 4);
		assert_int_equal(pa->state, PROCESS_FAULTED);
		assert_non_null(strstr(pa->fault, "unknown system call class"));
		assert_true(fake_debug_contains("faulted"));
		assert_int_equal(pb->state, PROCESS_RUNNING);
	}
}

static void test_unknown_yield_variant_faults_process(void **state)
{
	(void)state;
	subscribe_both();
	schedule(0, 1, 2, 3);
	assert_ret(call(SYSCALL_YIELD, 3, 0, 0, 0), 3, 0, 0, 0);
	assert_int_equal(pa->state, PROCESS_FAULTED);
	assert_non_null(strstr(pa->fault, "unknown yield variant 3"));
	fixture_start(FAULT_POLICY_STOP, 0);
	call(SYSCALL_YIELD, 0xffffffff, 0, 0, 0);
	assert_int_equal(pa->state, PROCESS_FAULTED);
}

static void test_faulting_class_restarts_under_restart_policy(void **state)
{
	uint32_t pid;

	(void)state;
	fixture_start(FAULT_POLICY_RESTART, 0);
	pid = pa->pid;
	call(SYSCALL_YIELD, 7, 0, 0, 0);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_not_equal(pa->pid, pid);
	assert_int_equal(pa->ctx.pc, A_ENTRY);
}

/* ---- yield ---- */

#define FLAG (A_RAM + 0x20)

static void test_yield_no_wait_with_upcall_queued_writes_one_and_runs_it(void **state)
{
	(void)state;
	subscribe_both();
	schedule(1, 11, 12, 13);
	*byte_at(FLAG) = 0x55;
	fill_frame(A_FRAME, NOT_WRITTEN);
	call(SYSCALL_YIELD, YIELD_NO_WAIT, FLAG, 0, 0);
	assert_int_equal(*byte_at(FLAG), 1);
	assert_int_equal(*byte_at(FLAG + 1), 0); /* one byte only */
	assert_int_equal(pa->ctx.pc, UPCALL1_FN);
	assert_int_equal(pa->ctx.sp, A_FRAME - 4);
	assert_int_equal(*word_at(A_FRAME - 4), USER_PC);
	assert_int_equal(*word_at(A_FRAME), 11);
	assert_int_equal(*word_at(A_FRAME + 4), 12);
	assert_int_equal(*word_at(A_FRAME + 8), 13);
	assert_int_equal(*word_at(A_FRAME + 12), 0xd1);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_queue(pa, NULL, 0);
}

static void test_yield_no_wait_without_upcall_writes_zero_and_returns(void **state)
{
	(void)state;
	*byte_at(FLAG) = 0x55;
	call(SYSCALL_YIELD, YIELD_NO_WAIT, FLAG, 0, 0);
	assert_int_equal(*byte_at(FLAG), 0);
	assert_int_equal(pa->ctx.pc, USER_PC);
	assert_int_equal(pa->ctx.sp, A_FRAME);
	assert_int_equal(pa->state, PROCESS_RUNNING);
}

static void test_yield_no_wait_flag_at_zero_writes_nothing_but_runs_upcall(void **state)
{
	(void)state;
	subscribe_both();
	schedule(0, 1, 2, 3);
	call(SYSCALL_YIELD, YIELD_NO_WAIT, 0, 0, 0);
	assert_int_equal(pa->ctx.pc, UPCALL0_FN);
	assert_int_equal(pa->state, PROCESS_RUNNING);
}

static void test_yield_no_wait_flag_not_writable_by_process_writes_nothing(void **state)
{
	/* Kernel data in the process's RAM: the queue's dropped count and first entry (delivering
	 * an upcall changes head and count, so those are not checked). */
	const uint32_t queue = (uint32_t)(uintptr_t)pa->upcalls;
	const uint32_t bad[] = {
	    A_BINARY, A_FLASH,	   A_BREAK,   A_RAM_END - 1, queue + 8,	 queue + 12,
	    B_RAM,    B_BREAK - 1, A_RAM - 1, GUARD_LOW,     GUARD_HIGH, 0xffffffff,
	};
	static const uint32_t have_upcall[] = {0, 1};

	(void)state;
	for (unsigned u = 0; u < 2; u++) {
		for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			uint8_t before = 0;
			bool mapped = bad[i] < GUARD_HIGH && (bad[i] & ~0xfffu) != GUARD_LOW &&
				      bad[i] >= SRAM_BASE;

			fixture_start(FAULT_POLICY_STOP, 0);
			if (have_upcall[u]) {
				subscribe_both();
				schedule(0, 1, 2, 3);
			}
			if (mapped)
				before = *byte_at(bad[i]);
			/* An unmapped address would crash the test if written. */
			call(SYSCALL_YIELD, YIELD_NO_WAIT, bad[i], 0, 0);
			if (mapped)
				assert_int_equal(*byte_at(bad[i]), before);
			assert_int_equal(pa->state, PROCESS_RUNNING);
			assert_int_equal(pa->ctx.pc, have_upcall[u] ? UPCALL0_FN : USER_PC);
		}
	}
}

static void test_yield_wait_with_nothing_queued_blocks(void **state)
{
	(void)state;
	fill_frame(A_FRAME, NOT_WRITTEN);
	assert_ret(call(SYSCALL_YIELD, YIELD_WAIT, 0, 0, 0), YIELD_WAIT, 0, 0, 0);
	assert_int_equal(pa->state, PROCESS_YIELDED);
	assert_int_equal(pa->ctx.pc, USER_PC);
	assert_int_equal(pa->ctx.sp, A_FRAME);
	assert_int_equal(*word_at(A_FRAME - 4), NOT_WRITTEN);
}

static void test_yield_wait_delivers_oldest_upcall_as_cdecl_call(void **state)
{
	const struct upcall rest[] = {upcall_of(0, 30, 31, 32)};

	(void)state;
	subscribe_both();
	schedule(1, 10, 11, 12);
	schedule(0, 20, 21, 22);
	schedule(0, 30, 31, 32);
	call(SYSCALL_YIELD, YIELD_WAIT, 0, 0, 0);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(pa->ctx.pc, UPCALL1_FN);
	assert_int_equal(pa->ctx.sp, A_FRAME - 4);
	/* [esp] return address, then the upcall's 3 arguments and its app data. */
	assert_int_equal(*word_at(A_FRAME - 4), USER_PC);
	assert_int_equal(*word_at(A_FRAME), 10);
	assert_int_equal(*word_at(A_FRAME + 4), 11);
	assert_int_equal(*word_at(A_FRAME + 8), 12);
	assert_int_equal(*word_at(A_FRAME + 12), 0xd1);

	/* The upcall returns to USER_PC with esp at the frame; the next yield gets the next one. */
	call(SYSCALL_YIELD, YIELD_WAIT, 0, 0, 0);
	assert_int_equal(pa->ctx.pc, UPCALL0_FN);
	assert_int_equal(*word_at(A_FRAME), 20);
	assert_int_equal(*word_at(A_FRAME + 12), 0xd0);
	assert_queue(pa, rest, 1);
}

static void test_yield_wait_blocked_process_runs_upcall_when_scheduled(void **state)
{
	(void)state;
	subscribe_both();
	call(SYSCALL_YIELD, YIELD_WAIT, 0, 0, 0);
	assert_int_equal(pa->state, PROCESS_YIELDED);
	schedule(0, 7, 8, 9);
	assert_int_equal(pa->state, PROCESS_YIELDED); /* runs only when the scheduler runs it */
	fake_arch_queue_leave();
	process_run(pa);
	assert_int_equal(fake_arch.runs, 1);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(pa->ctx.pc, UPCALL0_FN);
	assert_int_equal(pa->ctx.sp, A_FRAME - 4);
	assert_int_equal(*word_at(A_FRAME - 4), USER_PC);
	assert_int_equal(*word_at(A_FRAME), 7);
	assert_int_equal(*word_at(A_FRAME + 4), 8);
	assert_int_equal(*word_at(A_FRAME + 8), 9);
	assert_int_equal(*word_at(A_FRAME + 12), 0xd0);
}

static void test_yield_wait_with_frame_at_ram_start_faults_instead_of_writing_below(void **state)
{
	(void)state;
	subscribe_both();
	schedule(0, 7, 8, 9);
	call_at(pa, A_RAM, SYSCALL_YIELD, YIELD_WAIT, 0, 0, 0);
	assert_int_equal(pa->state, PROCESS_FAULTED);
	assert_non_null(strstr(pa->fault, "upcall"));
}

static void test_yield_wait_for_returns_matching_args_and_keeps_others_in_order(void **state)
{
	const struct upcall rest[] = {upcall_of(1, 10, 11, 12), upcall_of(1, 30, 31, 32),
				      upcall_of(0, 40, 41, 42)};

	(void)state;
	subscribe_both();
	schedule(1, 10, 11, 12);
	schedule(0, 20, 21, 22);
	schedule(1, 30, 31, 32);
	schedule(0, 40, 41, 42);
	fill_frame(A_FRAME, NOT_WRITTEN);
	assert_ret(call(SYSCALL_YIELD, YIELD_WAIT_FOR, TEST_DRIVER_NUM, 0, 0xffff), 20, 21, 22,
		   0xffff);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(pa->ctx.pc, USER_PC); /* no upcall ran */
	assert_int_equal(pa->ctx.sp, A_FRAME);
	assert_int_equal(*word_at(A_FRAME - 4), NOT_WRITTEN);
	assert_queue(pa, rest, 3);
}

static void test_yield_wait_for_without_match_blocks_until_upcall_scheduled(void **state)
{
	const struct upcall queued[] = {upcall_of(1, 1, 2, 3)};

	(void)state;
	subscribe_both();
	fill_frame(A_FRAME, NOT_WRITTEN);
	call(SYSCALL_YIELD, YIELD_WAIT_FOR, TEST_DRIVER_NUM, 0, 0);
	assert_int_equal(pa->state, PROCESS_YIELDED_FOR);
	/* Another upcall does not end the wait: it is queued. */
	schedule(1, 1, 2, 3);
	assert_int_equal(pa->state, PROCESS_YIELDED_FOR);
	assert_int_equal(*word_at(A_FRAME), YIELD_WAIT_FOR);
	/* The awaited one completes it, with its arguments in r0..r2, and is not queued. */
	schedule(0, 0xa, 0xb, 0xc);
	assert_int_equal(pa->state, PROCESS_RUNNING);
	assert_int_equal(*word_at(A_FRAME), 0xa);
	assert_int_equal(*word_at(A_FRAME + 4), 0xb);
	assert_int_equal(*word_at(A_FRAME + 8), 0xc);
	assert_int_equal(pa->ctx.pc, USER_PC);
	assert_int_equal(pa->ctx.sp, A_FRAME);
	assert_queue(pa, queued, 1);
}

static void test_yield_wait_for_other_driver_is_not_completed_by_test_driver(void **state)
{
	(void)state;
	subscribe_both();
	call(SYSCALL_YIELD, YIELD_WAIT_FOR, OTHER_DRIVER_NUM, 0, 0);
	schedule(0, 1, 2, 3);
	assert_int_equal(pa->state, PROCESS_YIELDED_FOR);
	assert_int_equal(pa->upcalls->count, 1);
}

/* ---- syscall_handle: the stack pointer is checked before anything is touched ---- */

static void test_syscall_handle_esp_outside_ram_faults_without_touching_memory(void **state)
{
	static const uint32_t bad[] = {
	    0,		GUARD_LOW,	GUARD_LOW + 0xff0, GUARD_HIGH, 0xfffffff8,
	    0xfffffffc, A_RAM - 4,	A_RAM - 16,	   A_BINARY,   B_RAM + 0x100,
	    A_BREAK,	A_RAM_END - 16, 0x00001000,
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t snapshot[4] = {0};
		bool mapped = bad[i] >= SRAM_BASE && bad[i] < GUARD_HIGH &&
			      (bad[i] & ~0xfffu) != GUARD_LOW && bad[i] + 16 <= GUARD_HIGH;

		fixture_start(FAULT_POLICY_STOP, 0);
		if (mapped)
			memcpy(snapshot, word_at(bad[i]), sizeof(snapshot));
		pa->ctx.sp = bad[i];
		pa->ctx.class_reg = SYSCALL_COMMAND; /* would reach the driver */
		syscall_handle(pa);
		assert_int_equal(pa->state, PROCESS_FAULTED);
		assert_non_null(strstr(pa->fault, "outside its RAM"));
		assert_int_equal(test_drv.calls, 0);
		if (mapped)
			assert_memory_equal(snapshot, word_at(bad[i]), sizeof(snapshot));
	}
}

static void test_syscall_handle_esp_near_break_faults_without_touching_memory(void **state)
{
	static const uint32_t below[] = {4, 8, 12, 15};

	(void)state;
	for (unsigned i = 0; i < 4; i++) {
		fixture_start(FAULT_POLICY_STOP, 0);
		/* Everything from the break up is unreadable: any access would crash the test. */
		sram_protect(A_BREAK, A_RAM_END - A_BREAK, false);
		pa->ctx.sp = A_BREAK - below[i];
		pa->ctx.class_reg = SYSCALL_MEMOP;
		syscall_handle(pa);
		sram_protect(A_BREAK, A_RAM_END - A_BREAK, true);
		assert_int_equal(pa->state, PROCESS_FAULTED);
		assert_non_null(strstr(pa->fault, "outside its RAM"));
	}
}

static void test_syscall_handle_frame_ending_at_break_is_accepted(void **state)
{
	(void)state;
	sram_protect(A_BREAK, A_RAM_END - A_BREAK, false);
	assert_ret2(call_at(pa, A_BREAK - 16, SYSCALL_MEMOP, 2, 0, 0, 0), SYSCALL_SUCCESS_U32,
		    A_RAM);
	sram_protect(A_BREAK, A_RAM_END - A_BREAK, true);
	assert_ret2(call_at(pa, A_RAM, SYSCALL_MEMOP, 3, 0, 0, 0), SYSCALL_SUCCESS_U32, A_RAM_END);
	assert_int_equal(pa->state, PROCESS_RUNNING);
}

static void test_syscall_dispatch_reports_write_back_per_class(void **state)
{
	uint32_t frame[4] = {0, 0, 0, 0};

	(void)state;
	pa->ctx.sp = A_FRAME;
	assert_true(syscall_dispatch(pa, SYSCALL_MEMOP, frame));
	assert_int_equal(frame[0], SYSCALL_FAILURE); /* memop 0 (brk) to 0: NOMEM */
	frame[0] = frame[1] = 0;
	assert_true(syscall_dispatch(pa, SYSCALL_COMMAND, frame));
	frame[0] = frame[1] = 0;
	assert_false(syscall_dispatch(pa, SYSCALL_YIELD, frame));
	assert_int_equal(frame[0], 0); /* untouched */
}

#define T(name)	 cmocka_unit_test_setup(name, fixture_setup)
#define T3(name) T(test_##name##_rw), T(test_##name##_ro), T(test_##name##_ur)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_subscribe_first_time_returns_zero_zero),
	    T(test_subscribe_again_returns_previous_upcall_and_appdata),
	    T(test_subscribe_missing_driver_fails_nodevice_with_passed_values),
	    T(test_subscribe_number_out_of_range_fails_nosupport_with_passed_values),
	    T(test_subscribe_upcall_outside_binary_fails_inval_and_changes_nothing),
	    T(test_subscribe_upcall_at_binary_edges_succeeds),
	    T(test_subscribe_null_upcall_succeeds_and_unsubscribes),
	    T(test_subscribe_drops_queued_upcalls_of_that_number_only),
	    T(test_subscribe_failure_keeps_queued_upcalls),
	    T(test_subscribe_with_grant_region_full_fails_nomem_with_passed_values),
	    T(test_subscribe_is_per_process),
	    T(test_command_missing_driver_fails_nodevice),
	    T(test_command_zero_on_existing_driver_returns_success),
	    T(test_command_passes_its_arguments_and_returns_the_driver_reply),
	    T3(allow_first_time_returns_zero_zero),
	    T3(allow_again_returns_previous_buffer),
	    T3(allow_zero_length_succeeds_at_any_address),
	    T3(allow_missing_driver_fails_nodevice_with_passed_values),
	    T3(allow_number_out_of_range_fails_nosupport_with_passed_values),
	    T3(allow_buffer_ending_at_break_succeeds),
	    T3(allow_buffer_one_byte_past_break_fails_inval),
	    T3(allow_buffer_wrapping_past_4gib_fails_inval),
	    T3(allow_buffer_spanning_into_grant_region_fails_inval),
	    T3(allow_buffer_in_another_process_fails_inval),
	    T3(allow_buffer_starting_below_ram_fails_inval),
	    T3(allow_is_per_process),
	    T(test_allow_rw_and_ur_of_text_fail_inval),
	    T(test_allow_ro_of_its_text_succeeds),
	    T(test_allow_numbers_are_separate_namespaces_per_class),
	    T(test_memop_brk_moves_break_and_succeeds),
	    T(test_memop_brk_into_grant_pages_fails_nomem_and_keeps_break),
	    T(test_memop_brk_below_minimum_ram_fails_nomem),
	    T(test_memop_brk_below_allowed_buffer_fails_nomem),
	    T(test_memop_ro_buffer_in_text_does_not_hold_the_break),
	    T(test_memop_sbrk_returns_old_break),
	    T(test_memop_sbrk_past_grants_or_below_ram_fails_and_keeps_break),
	    T(test_memop_reports_ram_flash_and_grant_addresses),
	    T(test_memop_writeable_flash_regions_are_none),
	    T(test_memop_stack_and_heap_hints_succeed),
	    T(test_memop_unknown_operation_fails_nosupport),
	    T(test_exit_terminate_stops_process_and_writes_nothing_back),
	    T(test_exit_restart_restarts_with_new_pid),
	    T(test_exit_other_variant_fails_nosupport),
	    T(test_unknown_class_faults_process_and_writes_nothing_back),
	    T(test_unknown_yield_variant_faults_process),
	    T(test_faulting_class_restarts_under_restart_policy),
	    T(test_yield_no_wait_with_upcall_queued_writes_one_and_runs_it),
	    T(test_yield_no_wait_without_upcall_writes_zero_and_returns),
	    T(test_yield_no_wait_flag_at_zero_writes_nothing_but_runs_upcall),
	    T(test_yield_no_wait_flag_not_writable_by_process_writes_nothing),
	    T(test_yield_wait_with_nothing_queued_blocks),
	    T(test_yield_wait_delivers_oldest_upcall_as_cdecl_call),
	    T(test_yield_wait_blocked_process_runs_upcall_when_scheduled),
	    T(test_yield_wait_with_frame_at_ram_start_faults_instead_of_writing_below),
	    T(test_yield_wait_for_returns_matching_args_and_keeps_others_in_order),
	    T(test_yield_wait_for_without_match_blocks_until_upcall_scheduled),
	    T(test_yield_wait_for_other_driver_is_not_completed_by_test_driver),
	    T(test_syscall_handle_esp_outside_ram_faults_without_touching_memory),
	    T(test_syscall_handle_esp_near_break_faults_without_touching_memory),
	    T(test_syscall_handle_frame_ending_at_break_is_accepted),
	    T(test_syscall_dispatch_reports_write_back_per_class),
	};

	return cmocka_run_group_tests(tests, fixture_group_setup, fixture_group_teardown);
}
