/* SPDX-License-Identifier: MIT */
/* Unit tests for the return-variant converters of apps/runtime/tock.h. */
#include "apps/runtime/tock.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static struct syscall_return rv(uint32_t variant, uint32_t d0, uint32_t d1, uint32_t d2)
{
	return (struct syscall_return){variant, {d0, d1, d2}};
}

static void test_every_success_variant_is_success_and_no_error(void **state)
{
	(void)state;
	for (uint32_t v = TOCK_RETURN_SUCCESS; v <= TOCK_RETURN_SUCCESS_U32_U64; v++) {
		assert_true(tock_return_is_success(rv(v, 5, 6, 7)));
		assert_false(tock_return_is_failure(rv(v, 5, 6, 7)));
		assert_int_equal(tock_return_error(rv(v, 5, 6, 7)), ERROR_NONE);
	}
}

static void test_every_failure_variant_gives_its_error_code(void **state)
{
	(void)state;
	for (uint32_t v = TOCK_RETURN_FAILURE; v <= TOCK_RETURN_FAILURE_U64; v++) {
		assert_false(tock_return_is_success(rv(v, ERROR_NOMEM, 0, 0)));
		assert_true(tock_return_is_failure(rv(v, ERROR_NOMEM, 0, 0)));
		for (uint32_t e = ERROR_FAIL; e <= ERROR_NOACK; e++)
			assert_int_equal(tock_return_error(rv(v, e, 1, 2)), e);
	}
}

static void test_malformed_returns_never_read_as_success(void **state)
{
	(void)state;
	/* A failure without a Tock error code, and variants that are neither. */
	assert_int_equal(tock_return_error(rv(TOCK_RETURN_FAILURE, 0, 0, 0)), ERROR_FAIL);
	assert_int_equal(tock_return_error(rv(TOCK_RETURN_FAILURE, 14, 0, 0)), ERROR_FAIL);
	assert_int_equal(tock_return_error(rv(TOCK_RETURN_FAILURE_U32, 0xFFFFFFFFu, 0, 0)),
			 ERROR_FAIL);
	for (uint32_t v = 4; v < TOCK_RETURN_SUCCESS; v++) {
		assert_false(tock_return_is_success(rv(v, 0, 0, 0)));
		assert_false(tock_return_is_failure(rv(v, 0, 0, 0)));
		assert_int_equal(tock_return_error(rv(v, 0, 0, 0)), ERROR_FAIL);
	}
	assert_int_equal(tock_return_error(rv(134, 0, 0, 0)), ERROR_FAIL);
	assert_int_equal(tock_return_error(rv(0xFFFFFFFFu, 0, 0, 0)), ERROR_FAIL);
}

static void test_u32_takes_only_success_u32(void **state)
{
	uint32_t v = 99;

	(void)state;
	assert_int_equal(tock_return_u32(rv(TOCK_RETURN_SUCCESS_U32, 0xabcdef01u, 2, 3), &v),
			 ERROR_NONE);
	assert_int_equal(v, 0xabcdef01u);
	v = 99;
	assert_int_equal(tock_return_u32(rv(TOCK_RETURN_SUCCESS, 1, 2, 3), &v), ERROR_FAIL);
	assert_int_equal(tock_return_u32(rv(TOCK_RETURN_SUCCESS_2U32, 1, 2, 3), &v), ERROR_FAIL);
	assert_int_equal(tock_return_u32(rv(TOCK_RETURN_FAILURE_U32, ERROR_BUSY, 2, 3), &v),
			 ERROR_BUSY);
	assert_int_equal(tock_return_u32(rv(TOCK_RETURN_FAILURE, ERROR_NODEVICE, 2, 3), &v),
			 ERROR_NODEVICE);
	assert_int_equal(v, 99); /* untouched on every error */
}

static void test_2u32_takes_only_success_2u32(void **state)
{
	uint32_t a = 99, b = 99;

	(void)state;
	assert_int_equal(tock_return_2u32(rv(TOCK_RETURN_SUCCESS_2U32, 7, 8, 9), &a, &b),
			 ERROR_NONE);
	assert_int_equal(a, 7);
	assert_int_equal(b, 8);
	a = b = 99;
	assert_int_equal(tock_return_2u32(rv(TOCK_RETURN_SUCCESS_U32, 7, 8, 9), &a, &b),
			 ERROR_FAIL);
	assert_int_equal(tock_return_2u32(rv(TOCK_RETURN_FAILURE_2U32, ERROR_INVAL, 7, 8), &a, &b),
			 ERROR_INVAL);
	assert_int_equal(a, 99);
	assert_int_equal(b, 99);
}

static void test_u64_joins_low_and_high_words(void **state)
{
	uint64_t v = 99;

	(void)state;
	assert_int_equal(
	    tock_return_u64(rv(TOCK_RETURN_SUCCESS_U64, 0x89abcdefu, 0x01234567u, 0), &v),
	    ERROR_NONE);
	assert_true(v == 0x0123456789abcdefull);
	v = 99;
	assert_int_equal(tock_return_u64(rv(TOCK_RETURN_SUCCESS_U32_U64, 1, 2, 3), &v), ERROR_FAIL);
	assert_int_equal(tock_return_u64(rv(TOCK_RETURN_FAILURE_U64, ERROR_OFF, 1, 2), &v),
			 ERROR_OFF);
	assert_true(v == 99);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_success_variant_is_success_and_no_error),
	    cmocka_unit_test(test_every_failure_variant_gives_its_error_code),
	    cmocka_unit_test(test_malformed_returns_never_read_as_success),
	    cmocka_unit_test(test_u32_takes_only_success_u32),
	    cmocka_unit_test(test_2u32_takes_only_success_2u32),
	    cmocka_unit_test(test_u64_joins_low_and_high_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
