/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/div64.c, the target's 64-bit division helpers, against the host's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

static uint64_t rand64(void)
{
	uint64_t v = 0;

	for (int i = 0; i < 4; i++)
		v = v << 16 | (uint64_t)(rand() & 0xffff);
	/* Vary the magnitude so every shift distance is exercised. */
	return v >> (rand() % 64);
}

static void check_unsigned(uint64_t n, uint64_t d)
{
	uint64_t r = 12345;

	assert_int_equal(__udivmoddi4(n, d, &r), n / d);
	assert_int_equal(r, n % d);
	assert_int_equal(__udivdi3(n, d), n / d);
	assert_int_equal(__umoddi3(n, d), n % d);
}

static void test_div64_edge_values_match_host_division(void **state)
{
	static const uint64_t v[] = {0,
				     1,
				     2,
				     3,
				     9,
				     10,
				     16,
				     0xffffffffu,
				     0x100000000ull,
				     0x100000001ull,
				     0x1ffffffffull,
				     0xffffffff00000000ull,
				     0x8000000000000000ull,
				     0x8000000080000000ull,
				     0xfffffffe00000001ull,
				     UINT64_MAX - 1,
				     UINT64_MAX};
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		for (size_t j = 0; j < sizeof(v) / sizeof(v[0]); j++)
			if (v[j])
				check_unsigned(v[i], v[j]);
}

static void test_div64_random_values_match_host_division(void **state)
{
	(void)state;
	srand(4321);
	for (int i = 0; i < 200000; i++) {
		uint64_t d = rand64();

		check_unsigned(rand64(), d ? d : 7);
	}
}

static void test_div64_signed_truncates_toward_zero(void **state)
{
	static const int64_t v[] = {0, 1, -1, 7, -7, 10, -10, INT64_MAX, INT64_MIN + 1, 1000000007};
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		for (size_t j = 0; j < sizeof(v) / sizeof(v[0]); j++) {
			if (!v[j])
				continue;
			assert_int_equal(__divdi3(v[i], v[j]), v[i] / v[j]);
			assert_int_equal(__moddi3(v[i], v[j]), v[i] % v[j]);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_div64_edge_values_match_host_division),
	    cmocka_unit_test(test_div64_random_values_match_host_division),
	    cmocka_unit_test(test_div64_signed_truncates_toward_zero),
	};
	return cmocka_run_group_tests_name("div64", tests, NULL, NULL);
}
