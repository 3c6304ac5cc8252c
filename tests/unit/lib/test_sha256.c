/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/sha256: FIPS vectors, padding boundaries, update splits, OpenSSL. */
#include "lib/sha256.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RANDOM_SEED	 1234u
#define RANDOM_INPUTS	 2000
#define RANDOM_MAX_BYTES 4096
#define SWEEP_MAX_BYTES	 200
#define MILLION		 1000000

static void hex_to_bytes(const char *hex, uint8_t *out, size_t len)
{
	size_t i;

	assert_int_equal(strlen(hex), 2 * len);
	for (i = 0; i < len; i++) {
		unsigned int byte;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &byte), 1);
		out[i] = (uint8_t)byte;
	}
}

static void assert_digest_hex(const uint8_t digest[SHA256_DIGEST_BYTES], const char *hex)
{
	uint8_t want[SHA256_DIGEST_BYTES];

	hex_to_bytes(hex, want, sizeof(want));
	assert_memory_equal(digest, want, sizeof(want));
}

static void openssl_sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_BYTES])
{
	unsigned int out_len = 0;

	assert_int_equal(EVP_Digest(data, len, digest, &out_len, EVP_sha256(), NULL), 1);
	assert_int_equal(out_len, SHA256_DIGEST_BYTES);
}

/* A length-dependent pattern, so that equal prefixes of different lengths still differ. */
static void fill_pattern(uint8_t *buf, size_t len, unsigned int salt)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 131 + salt * 7 + (i >> 8));
}

static void test_sha256_empty_message_matches_fips_vector(void **state)
{
	uint8_t digest[SHA256_DIGEST_BYTES];

	(void)state;
	sha256("", 0, digest);
	assert_digest_hex(digest,
			  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256_abc_matches_fips_vector(void **state)
{
	uint8_t digest[SHA256_DIGEST_BYTES];

	(void)state;
	sha256("abc", 3, digest);
	assert_digest_hex(digest,
			  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256_448_bit_two_block_message_matches_fips_vector(void **state)
{
	static const char msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t digest[SHA256_DIGEST_BYTES];

	(void)state;
	assert_int_equal(strlen(msg), 56);
	sha256(msg, strlen(msg), digest);
	assert_digest_hex(digest,
			  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256_million_a_one_shot_matches_fips_vector(void **state)
{
	uint8_t *msg = malloc(MILLION);
	uint8_t digest[SHA256_DIGEST_BYTES];

	(void)state;
	assert_non_null(msg);
	memset(msg, 'a', MILLION);
	sha256(msg, MILLION, digest);
	assert_digest_hex(digest,
			  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(msg);
}

/* 997 is prime, so the chunks straddle block boundaries at every phase. */
static void test_sha256_million_a_in_997_byte_updates_matches_fips_vector(void **state)
{
	uint8_t chunk[997];
	uint8_t digest[SHA256_DIGEST_BYTES];
	struct sha256_ctx ctx;
	size_t left = MILLION;

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&ctx);
	while (left) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);

		sha256_update(&ctx, chunk, n);
		left -= n;
	}
	sha256_final(&ctx, digest);
	assert_digest_hex(digest,
			  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/*
 * 55 bytes is the longest message whose padding fits one block, 56 the shortest that needs a
 * second; 63/64/65 and the same points one block later cross the block edge itself. Digests
 * of n 'a' bytes, from Python's hashlib.
 */
static void test_sha256_padding_boundary_lengths_match_known_digests(void **state)
{
	static const struct {
		size_t len;
		const char *hex;
	} cases[] = {
	    {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
	    {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
	    {57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6"},
	    {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
	    {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
	    {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
	    {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
	    {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
	    {121, "e9615320128cc7a3d6078e9af05603188e5ccbf0d07d8b735d3df5e8e0c1281f"},
	    {127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a"},
	    {128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"},
	    {129, "c12cb024a2e5551cca0e08fce8f1c5e314555cc3fef6329ee994a3db752166ae"},
	};
	uint8_t msg[129];
	size_t i;

	(void)state;
	memset(msg, 'a', sizeof(msg));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t digest[SHA256_DIGEST_BYTES];

		sha256(msg, cases[i].len, digest);
		assert_digest_hex(digest, cases[i].hex);
	}
}

static void test_sha256_every_length_0_to_200_matches_openssl(void **state)
{
	uint8_t msg[SWEEP_MAX_BYTES];
	size_t len;

	(void)state;
	for (len = 0; len <= SWEEP_MAX_BYTES; len++) {
		uint8_t got[SHA256_DIGEST_BYTES], want[SHA256_DIGEST_BYTES];

		fill_pattern(msg, len, (unsigned int)len);
		sha256(msg, len, got);
		openssl_sha256(msg, len, want);
		assert_memory_equal(got, want, sizeof(got));
	}
}

static void test_sha256_two_updates_split_at_every_offset_match_one_shot(void **state)
{
	uint8_t msg[SWEEP_MAX_BYTES];
	size_t len, split;

	(void)state;
	for (len = 0; len <= SWEEP_MAX_BYTES; len++) {
		uint8_t want[SHA256_DIGEST_BYTES];

		fill_pattern(msg, len, (unsigned int)len);
		sha256(msg, len, want);
		for (split = 0; split <= len; split++) {
			uint8_t got[SHA256_DIGEST_BYTES];
			struct sha256_ctx ctx;

			sha256_init(&ctx);
			sha256_update(&ctx, msg, split);
			sha256_update(&ctx, msg + split, len - split);
			sha256_final(&ctx, got);
			assert_memory_equal(got, want, sizeof(got));
		}
	}
}

static void test_sha256_three_updates_split_at_every_offset_pair_match_one_shot(void **state)
{
	/* Long enough for the middle piece to span a whole block plus both edges. */
	uint8_t msg[150];
	uint8_t want[SHA256_DIGEST_BYTES];
	size_t first, second;

	(void)state;
	fill_pattern(msg, sizeof(msg), 3);
	sha256(msg, sizeof(msg), want);
	for (first = 0; first <= sizeof(msg); first++) {
		for (second = first; second <= sizeof(msg); second++) {
			uint8_t got[SHA256_DIGEST_BYTES];
			struct sha256_ctx ctx;

			sha256_init(&ctx);
			sha256_update(&ctx, msg, first);
			sha256_update(&ctx, msg + first, second - first);
			sha256_update(&ctx, msg + second, sizeof(msg) - second);
			sha256_final(&ctx, got);
			assert_memory_equal(got, want, sizeof(got));
		}
	}
}

static void test_sha256_byte_at_a_time_updates_match_one_shot(void **state)
{
	uint8_t msg[SWEEP_MAX_BYTES];
	size_t len, i;

	(void)state;
	for (len = 0; len <= SWEEP_MAX_BYTES; len++) {
		uint8_t got[SHA256_DIGEST_BYTES], want[SHA256_DIGEST_BYTES];
		struct sha256_ctx ctx;

		fill_pattern(msg, len, (unsigned int)len);
		sha256(msg, len, want);
		sha256_init(&ctx);
		for (i = 0; i < len; i++)
			sha256_update(&ctx, msg + i, 1);
		sha256_final(&ctx, got);
		assert_memory_equal(got, want, sizeof(got));
	}
}

/* The loads are byte-wise; under UBSan this also proves there is no misaligned word access. */
static void test_sha256_unaligned_input_matches_aligned(void **state)
{
	uint8_t storage[3 * SHA256_BLOCK_BYTES + 8];
	uint8_t aligned[3 * SHA256_BLOCK_BYTES];
	uint8_t want[SHA256_DIGEST_BYTES];
	size_t offset;

	(void)state;
	fill_pattern(aligned, sizeof(aligned), 9);
	sha256(aligned, sizeof(aligned), want);
	for (offset = 1; offset < 8; offset++) {
		uint8_t got[SHA256_DIGEST_BYTES];

		memcpy(storage + offset, aligned, sizeof(aligned));
		sha256(storage + offset, sizeof(aligned), got);
		assert_memory_equal(got, want, sizeof(got));
	}
}

static void test_sha256_empty_update_with_null_data_changes_nothing(void **state)
{
	uint8_t got[SHA256_DIGEST_BYTES];
	struct sha256_ctx ctx;

	(void)state;
	sha256_init(&ctx);
	sha256_update(&ctx, NULL, 0);
	sha256_update(&ctx, "ab", 2);
	sha256_update(&ctx, NULL, 0);
	sha256_update(&ctx, "c", 1);
	sha256_update(&ctx, NULL, 0);
	sha256_final(&ctx, got);
	assert_digest_hex(got, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256_final_wipes_context(void **state)
{
	static const uint8_t zero[sizeof(struct sha256_ctx)];
	uint8_t digest[SHA256_DIGEST_BYTES];
	struct sha256_ctx ctx;

	(void)state;
	sha256_init(&ctx);
	sha256_update(&ctx, "secret message", 14);
	sha256_final(&ctx, digest);
	assert_memory_equal(&ctx, zero, sizeof(ctx));
}

static void test_sha256_random_inputs_with_random_splits_match_openssl(void **state)
{
	uint8_t *msg = malloc(RANDOM_MAX_BYTES);
	int n;

	(void)state;
	assert_non_null(msg);
	print_message("seed %u, %d inputs of 0..%d bytes\n", RANDOM_SEED, RANDOM_INPUTS,
		      RANDOM_MAX_BYTES);
	srand(RANDOM_SEED);
	for (n = 0; n < RANDOM_INPUTS; n++) {
		/* Half the inputs stay short, where the block edges are dense. */
		size_t len =
		    (size_t)rand() % (n % 2 ? RANDOM_MAX_BYTES + 1 : 3 * SHA256_BLOCK_BYTES);
		uint8_t got[SHA256_DIGEST_BYTES], want[SHA256_DIGEST_BYTES];
		struct sha256_ctx ctx;
		size_t done = 0, i;

		for (i = 0; i < len; i++)
			msg[i] = (uint8_t)rand();
		sha256_init(&ctx);
		while (done < len) {
			/* Chunks from empty to a few blocks, so whole-block runs get exercised too.
			 */
			size_t chunk = (size_t)rand() % (rand() % 4 ? 70 : 300);

			if (chunk > len - done)
				chunk = len - done;
			sha256_update(&ctx, msg + done, chunk);
			done += chunk;
		}
		sha256_final(&ctx, got);
		openssl_sha256(msg, len, want);
		if (memcmp(got, want, sizeof(got)) != 0)
			fail_msg("input %d (%zu bytes, seed %u) differs from OpenSSL", n, len,
				 RANDOM_SEED);
	}
	free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sha256_empty_message_matches_fips_vector),
	    cmocka_unit_test(test_sha256_abc_matches_fips_vector),
	    cmocka_unit_test(test_sha256_448_bit_two_block_message_matches_fips_vector),
	    cmocka_unit_test(test_sha256_million_a_one_shot_matches_fips_vector),
	    cmocka_unit_test(test_sha256_million_a_in_997_byte_updates_matches_fips_vector),
	    cmocka_unit_test(test_sha256_padding_boundary_lengths_match_known_digests),
	    cmocka_unit_test(test_sha256_every_length_0_to_200_matches_openssl),
	    cmocka_unit_test(test_sha256_two_updates_split_at_every_offset_match_one_shot),
	    cmocka_unit_test(test_sha256_three_updates_split_at_every_offset_pair_match_one_shot),
	    cmocka_unit_test(test_sha256_byte_at_a_time_updates_match_one_shot),
	    cmocka_unit_test(test_sha256_unaligned_input_matches_aligned),
	    cmocka_unit_test(test_sha256_empty_update_with_null_data_changes_nothing),
	    cmocka_unit_test(test_sha256_final_wipes_context),
	    cmocka_unit_test(test_sha256_random_inputs_with_random_splits_match_openssl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
