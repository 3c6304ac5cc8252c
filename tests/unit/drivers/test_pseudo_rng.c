/* SPDX-License-Identifier: MIT */
/* The pseudo-random fallback's generator and its entropy HIL behaviour (seeded directly: the
 * PIT/TSC seeding needs the hardware). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "drivers/pseudo_rng.h"
#include "kernel/arch.h"
#include "kernel/debug.h"
#include "lib/sha256.h"

/* ---- fakes: the cycle counter and the console ---- */

static uint64_t cycles;

uint64_t arch_cycles(void)
{
	return cycles;
}

void kprintf(const char *fmt, ...)
{
	(void)fmt;
	fail_msg("the seeded generator prints nothing");
}

/* ---- a client that records batches ---- */

static struct pseudo_rng r;
static struct hil_entropy_client client;
static unsigned calls, want_more;
static size_t last_words;
static enum error_code last_rc;
static uint32_t seen[8][PSEUDO_RNG_BATCH_WORDS];
static bool cancel_inside;

static bool available(struct hil_entropy_client *c, uint32_t *buf, size_t words, enum error_code rc)
{
	assert_ptr_equal(c, &client);
	if (calls < 8)
		memcpy(seen[calls], buf, words * 4);
	calls++;
	last_words = words;
	last_rc = rc;
	if (cancel_inside)
		assert_int_equal(hil_entropy_cancel(&r.entropy), ERROR_NONE);
	if (want_more) {
		want_more--;
		return true;
	}
	return false;
}

static const uint8_t seed[] = "a fixed seed for the unit tests";

static int setup(void **state)
{
	(void)state;
	calls = want_more = 0;
	cancel_inside = false;
	cycles = 1000;
	memset(seen, 0, sizeof(seen));
	deferred_call_service(); /* nothing left over from the previous test */
	pseudo_rng_init_seeded(&r, seed, sizeof(seed));
	client.entropy_available = available;
	r.entropy.client = &client;
	return 0;
}

/* Runs the kernel loop's deferred calls until none is pending (at most n rounds). */
static void run(unsigned n)
{
	while (n-- && deferred_call_pending())
		deferred_call_service();
}

static void test_says_it_is_not_a_true_source(void **state)
{
	(void)state;
	assert_int_equal(hil_entropy_quality(&r.entropy), HIL_ENTROPY_PSEUDO);
	assert_string_equal(hil_entropy_quality_name(HIL_ENTROPY_PSEUDO),
			    "pseudo-random (NOT a true entropy source)");
}

static void test_get_answers_later_never_inside_the_call(void **state)
{
	uint32_t buf[16] = {0};

	(void)state;
	assert_int_equal(hil_entropy_get(&r.entropy, buf, 16), ERROR_NONE);
	assert_int_equal(calls, 0);
	assert_true(deferred_call_pending());
	run(1);
	assert_int_equal(calls, 1);
	assert_int_equal(last_words, 16);
	assert_int_equal(last_rc, ERROR_NONE);
	assert_false(deferred_call_pending());
}

static void test_get_refuses_zero_words_and_a_second_request(void **state)
{
	uint32_t buf[16];

	(void)state;
	assert_int_equal(hil_entropy_get(&r.entropy, buf, 0), ERROR_SIZE);
	assert_int_equal(hil_entropy_get(&r.entropy, buf, 4), ERROR_NONE);
	assert_int_equal(hil_entropy_get(&r.entropy, buf, 4), ERROR_BUSY);
	run(4);
	assert_int_equal(hil_entropy_get(&r.entropy, buf, 4), ERROR_NONE); /* over: free again */
	run(4);
}

static void test_more_gives_fresh_batches_until_the_client_stops(void **state)
{
	uint32_t buf[16];

	(void)state;
	want_more = 3;
	hil_entropy_get(&r.entropy, buf, 16);
	run(10);
	assert_int_equal(calls, 4);
	for (unsigned i = 0; i < 4; i++)
		for (unsigned j = 0; j < i; j++)
			assert_memory_not_equal(seen[i], seen[j], sizeof(seen[i]));
	assert_int_equal(r.batches, 4);
}

static void test_a_short_request_fills_only_its_words(void **state)
{
	uint32_t buf[16];

	(void)state;
	memset(buf, 0xee, sizeof(buf));
	hil_entropy_get(&r.entropy, buf, 5);
	run(2);
	assert_int_equal(last_words, 5);
	assert_int_equal(buf[5], 0xeeeeeeeeu);
	/* A request larger than a batch gets a batch at a time. */
	uint32_t big[40];

	hil_entropy_get(&r.entropy, big, 40);
	run(2);
	assert_int_equal(last_words, PSEUDO_RNG_BATCH_WORDS);
}

static void test_output_is_sha256_with_fast_key_erasure(void **state)
{
	uint32_t buf[16];
	uint8_t key[32], expect[32], next_key[32];
	struct sha256_ctx ctx;
	uint64_t counter = 0;

	(void)state;
	cycles = 0x1122334455667788ull;
	sha256(seed, sizeof(seed), key);
	hil_entropy_get(&r.entropy, buf, 16);
	run(1);
	for (unsigned half = 0; half < 2; half++, counter++) {
		sha256_init(&ctx);
		sha256_update(&ctx, key, 32);
		sha256_update(&ctx, "out", 3);
		sha256_update(&ctx, &counter, 8);
		sha256_update(&ctx, &cycles, 8);
		sha256_final(&ctx, expect);
		assert_memory_equal(buf + 8 * half, expect, 32);
	}
	sha256_init(&ctx);
	sha256_update(&ctx, key, 32);
	sha256_update(&ctx, "key", 3);
	sha256_update(&ctx, &counter, 8);
	sha256_update(&ctx, &cycles, 8);
	sha256_final(&ctx, next_key);
	assert_memory_equal(r.key, next_key, 32);
	assert_memory_not_equal(r.key, key, 32);
}

static void test_same_seed_same_output_other_seed_other_output(void **state)
{
	uint32_t a[16], b[16], c[16];

	(void)state;
	hil_entropy_get(&r.entropy, a, 16);
	run(1);
	pseudo_rng_init_seeded(&r, seed, sizeof(seed));
	r.entropy.client = &client;
	hil_entropy_get(&r.entropy, b, 16);
	run(1);
	assert_memory_equal(a, b, sizeof(a)); /* deterministic: why it is no true source */
	pseudo_rng_init_seeded(&r, "another seed", 12);
	r.entropy.client = &client;
	hil_entropy_get(&r.entropy, c, 16);
	run(1);
	assert_memory_not_equal(a, c, sizeof(a));
}

static void test_cancel_stops_delivery(void **state)
{
	uint32_t buf[16];

	(void)state;
	assert_int_equal(hil_entropy_cancel(&r.entropy), ERROR_OFF);
	hil_entropy_get(&r.entropy, buf, 16);
	assert_int_equal(hil_entropy_cancel(&r.entropy), ERROR_NONE);
	run(4);
	assert_int_equal(calls, 0);
	assert_int_equal(hil_entropy_get(&r.entropy, buf, 16), ERROR_NONE);
	run(4);
	assert_int_equal(calls, 1);
}

static void test_cancel_inside_the_callback_wins_over_more(void **state)
{
	uint32_t buf[16];

	(void)state;
	cancel_inside = true;
	want_more = 5;
	hil_entropy_get(&r.entropy, buf, 16);
	run(10);
	assert_int_equal(calls, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_says_it_is_not_a_true_source, setup),
	    cmocka_unit_test_setup(test_get_answers_later_never_inside_the_call, setup),
	    cmocka_unit_test_setup(test_get_refuses_zero_words_and_a_second_request, setup),
	    cmocka_unit_test_setup(test_more_gives_fresh_batches_until_the_client_stops, setup),
	    cmocka_unit_test_setup(test_a_short_request_fills_only_its_words, setup),
	    cmocka_unit_test_setup(test_output_is_sha256_with_fast_key_erasure, setup),
	    cmocka_unit_test_setup(test_same_seed_same_output_other_seed_other_output, setup),
	    cmocka_unit_test_setup(test_cancel_stops_delivery, setup),
	    cmocka_unit_test_setup(test_cancel_inside_the_callback_wins_over_more, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
