/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/hmac_sha256: RFC 4231 vectors, key-length edges, splits, OpenSSL. */
#include "lib/hmac_sha256.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RANDOM_SEED	 1234u
#define RANDOM_INPUTS	 2000
#define RANDOM_MAX_KEY	 200
#define RANDOM_MAX_BYTES 1024
#define SWEEP_MAX_KEY	 200

/* RFC 4231 section 4: test cases 1-7. */
struct rfc4231_case {
	const char *name;
	size_t key_len;
	uint8_t key_byte;    /* every key byte, or 0 for the 0x01, 0x02, ... key of case 4 */
	const char *key_str; /* the key as text instead, when non-NULL */
	const char *data_str;
	size_t data_len;
	uint8_t data_byte; /* every data byte, when data_str is NULL */
	size_t mac_bytes;  /* case 5 checks a 128-bit truncation */
	const char *mac_hex;
};

static const struct rfc4231_case rfc4231_cases[] = {
    {"1", 20, 0x0b, NULL, "Hi There", 0, 0, 32,
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
    {"2", 4, 0, "Jefe", "what do ya want for nothing?", 0, 0, 32,
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {"3", 20, 0xaa, NULL, NULL, 50, 0xdd, 32,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
    {"4", 25, 0, NULL, NULL, 50, 0xcd, 32,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
    {"5", 20, 0x0c, NULL, "Test With Truncation", 0, 0, 16, "a3b6167473100ee06e0c796c2955552b"},
    {"6", 131, 0xaa, NULL, "Test Using Larger Than Block-Size Key - Hash Key First", 0, 0, 32,
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    {"7", 131, 0xaa, NULL,
     "This is a test using a larger than block-size key and a larger than block-size data. "
     "The key needs to be hashed before being used by the HMAC algorithm.",
     0, 0, 32, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
};

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

/* Expands case c into key, data and the expected (possibly truncated) MAC; returns data_len. */
static size_t rfc4231_expand(const struct rfc4231_case *c, uint8_t key[256], uint8_t data[256],
			     uint8_t mac[HMAC_SHA256_MAC_BYTES])
{
	size_t i, data_len;

	assert_true(c->key_len <= 256);
	for (i = 0; i < c->key_len; i++) {
		if (c->key_str)
			key[i] = (uint8_t)c->key_str[i];
		else
			key[i] = c->key_byte ? c->key_byte : (uint8_t)(i + 1);
	}
	if (c->data_str) {
		data_len = strlen(c->data_str);
		assert_true(data_len <= 256);
		memcpy(data, c->data_str, data_len);
	} else {
		data_len = c->data_len;
		memset(data, c->data_byte, data_len);
	}
	hex_to_bytes(c->mac_hex, mac, c->mac_bytes);
	return data_len;
}

static void openssl_hmac(const void *key, size_t key_len, const void *data, size_t len,
			 uint8_t out[HMAC_SHA256_MAC_BYTES])
{
	static const uint8_t empty_key[1];
	unsigned int out_len = 0;

	/* OpenSSL reads a NULL key as "reuse the previous one"; give it a real empty key. */
	if (!key_len)
		key = empty_key;
	assert_non_null(HMAC(EVP_sha256(), key, (int)key_len, data, len, out, &out_len));
	assert_int_equal(out_len, HMAC_SHA256_MAC_BYTES);
}

static void fill_pattern(uint8_t *buf, size_t len, unsigned int salt)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 151 + salt * 13 + 1);
}

static void check_rfc4231_one_shot(size_t index)
{
	const struct rfc4231_case *c = &rfc4231_cases[index];
	uint8_t key[256], data[256], want[HMAC_SHA256_MAC_BYTES], got[HMAC_SHA256_MAC_BYTES];
	size_t data_len = rfc4231_expand(c, key, data, want);

	hmac_sha256(key, c->key_len, data, data_len, got);
	if (memcmp(got, want, c->mac_bytes) != 0)
		fail_msg("RFC 4231 test case %s: MAC differs", c->name);
}

static void test_hmac_sha256_rfc4231_case_1_matches(void **state)
{
	(void)state;
	check_rfc4231_one_shot(0);
}

static void test_hmac_sha256_rfc4231_case_2_short_key_matches(void **state)
{
	(void)state;
	check_rfc4231_one_shot(1);
}

static void test_hmac_sha256_rfc4231_case_3_matches(void **state)
{
	(void)state;
	check_rfc4231_one_shot(2);
}

static void test_hmac_sha256_rfc4231_case_4_matches(void **state)
{
	(void)state;
	check_rfc4231_one_shot(3);
}

static void test_hmac_sha256_rfc4231_case_5_truncated_matches(void **state)
{
	(void)state;
	check_rfc4231_one_shot(4);
}

static void test_hmac_sha256_rfc4231_case_6_131_byte_key_matches(void **state)
{
	(void)state;
	check_rfc4231_one_shot(5);
}

static void test_hmac_sha256_rfc4231_case_7_131_byte_key_long_data_matches(void **state)
{
	(void)state;
	check_rfc4231_one_shot(6);
}

static void test_hmac_sha256_rfc4231_cases_split_at_every_offset_match(void **state)
{
	size_t index, split;

	(void)state;
	for (index = 0; index < sizeof(rfc4231_cases) / sizeof(rfc4231_cases[0]); index++) {
		const struct rfc4231_case *c = &rfc4231_cases[index];
		uint8_t key[256], data[256], want[HMAC_SHA256_MAC_BYTES];
		size_t data_len = rfc4231_expand(c, key, data, want);

		for (split = 0; split <= data_len; split++) {
			uint8_t got[HMAC_SHA256_MAC_BYTES];
			struct hmac_sha256_ctx ctx;

			hmac_sha256_init(&ctx, key, c->key_len);
			hmac_sha256_update(&ctx, data, split);
			hmac_sha256_update(&ctx, data + split, data_len - split);
			hmac_sha256_final(&ctx, got);
			if (memcmp(got, want, c->mac_bytes) != 0)
				fail_msg("RFC 4231 test case %s split at %zu: MAC differs", c->name,
					 split);
		}
	}
}

/* Crosses the 64-byte edge where a key stops being padded and starts being hashed. */
static void test_hmac_sha256_every_key_length_0_to_200_matches_openssl(void **state)
{
	uint8_t key[SWEEP_MAX_KEY], data[100];
	size_t key_len;

	(void)state;
	fill_pattern(data, sizeof(data), 1);
	for (key_len = 0; key_len <= SWEEP_MAX_KEY; key_len++) {
		uint8_t got[HMAC_SHA256_MAC_BYTES], want[HMAC_SHA256_MAC_BYTES];

		fill_pattern(key, key_len, (unsigned int)key_len);
		hmac_sha256(key, key_len, data, sizeof(data), got);
		openssl_hmac(key, key_len, data, sizeof(data), want);
		assert_memory_equal(got, want, sizeof(got));
	}
}

static void test_hmac_sha256_every_data_length_0_to_200_matches_openssl(void **state)
{
	uint8_t key[32], data[200];
	size_t len;

	(void)state;
	fill_pattern(key, sizeof(key), 2);
	for (len = 0; len <= sizeof(data); len++) {
		uint8_t got[HMAC_SHA256_MAC_BYTES], want[HMAC_SHA256_MAC_BYTES];

		fill_pattern(data, len, (unsigned int)len);
		hmac_sha256(key, sizeof(key), data, len, got);
		openssl_hmac(key, sizeof(key), data, len, want);
		assert_memory_equal(got, want, sizeof(got));
	}
}

/* RFC 2104 section 2: a key longer than a block is replaced by its digest. */
static void test_hmac_sha256_long_key_equals_its_digest_as_key(void **state)
{
	uint8_t key[131], key_digest[SHA256_DIGEST_BYTES];
	uint8_t long_mac[HMAC_SHA256_MAC_BYTES], digest_mac[HMAC_SHA256_MAC_BYTES];

	(void)state;
	fill_pattern(key, sizeof(key), 5);
	sha256(key, sizeof(key), key_digest);
	hmac_sha256(key, sizeof(key), "message", 7, long_mac);
	hmac_sha256(key_digest, sizeof(key_digest), "message", 7, digest_mac);
	assert_memory_equal(long_mac, digest_mac, sizeof(long_mac));
}

/* A 64-byte key is used as is, so a 64-byte key and its digest must give different MACs. */
static void test_hmac_sha256_block_sized_key_is_not_hashed(void **state)
{
	uint8_t key[SHA256_BLOCK_BYTES], key_digest[SHA256_DIGEST_BYTES];
	uint8_t block_mac[HMAC_SHA256_MAC_BYTES], digest_mac[HMAC_SHA256_MAC_BYTES];

	(void)state;
	fill_pattern(key, sizeof(key), 6);
	sha256(key, sizeof(key), key_digest);
	hmac_sha256(key, sizeof(key), "message", 7, block_mac);
	hmac_sha256(key_digest, sizeof(key_digest), "message", 7, digest_mac);
	assert_memory_not_equal(block_mac, digest_mac, sizeof(block_mac));
}

static void test_hmac_sha256_final_wipes_key_material_in_context(void **state)
{
	static const uint8_t zero[sizeof(struct hmac_sha256_ctx)];
	uint8_t key[131], mac[HMAC_SHA256_MAC_BYTES];
	struct hmac_sha256_ctx ctx;

	(void)state;
	fill_pattern(key, sizeof(key), 7);
	hmac_sha256_init(&ctx, key, sizeof(key));
	hmac_sha256_update(&ctx, "message", 7);
	hmac_sha256_final(&ctx, mac);
	assert_memory_equal(&ctx, zero, sizeof(ctx));
}

static void test_hmac_sha256_random_inputs_with_random_splits_match_openssl(void **state)
{
	uint8_t key[RANDOM_MAX_KEY], *data = malloc(RANDOM_MAX_BYTES);
	int n;

	(void)state;
	assert_non_null(data);
	print_message("seed %u, %d inputs: keys of 0..%d bytes, data of 0..%d bytes\n", RANDOM_SEED,
		      RANDOM_INPUTS, RANDOM_MAX_KEY, RANDOM_MAX_BYTES);
	srand(RANDOM_SEED);
	for (n = 0; n < RANDOM_INPUTS; n++) {
		size_t key_len = (size_t)rand() % (RANDOM_MAX_KEY + 1);
		size_t len = (size_t)rand() % (RANDOM_MAX_BYTES + 1);
		uint8_t got[HMAC_SHA256_MAC_BYTES], want[HMAC_SHA256_MAC_BYTES];
		struct hmac_sha256_ctx ctx;
		size_t done = 0, i;

		for (i = 0; i < key_len; i++)
			key[i] = (uint8_t)rand();
		for (i = 0; i < len; i++)
			data[i] = (uint8_t)rand();
		hmac_sha256_init(&ctx, key, key_len);
		while (done < len) {
			size_t chunk = (size_t)rand() % (rand() % 4 ? 70 : 300);

			if (chunk > len - done)
				chunk = len - done;
			hmac_sha256_update(&ctx, data + done, chunk);
			done += chunk;
		}
		hmac_sha256_final(&ctx, got);
		openssl_hmac(key, key_len, data, len, want);
		if (memcmp(got, want, sizeof(got)) != 0)
			fail_msg("input %d (key %zu bytes, data %zu bytes, seed %u) differs from "
				 "OpenSSL",
				 n, key_len, len, RANDOM_SEED);
	}
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hmac_sha256_rfc4231_case_1_matches),
	    cmocka_unit_test(test_hmac_sha256_rfc4231_case_2_short_key_matches),
	    cmocka_unit_test(test_hmac_sha256_rfc4231_case_3_matches),
	    cmocka_unit_test(test_hmac_sha256_rfc4231_case_4_matches),
	    cmocka_unit_test(test_hmac_sha256_rfc4231_case_5_truncated_matches),
	    cmocka_unit_test(test_hmac_sha256_rfc4231_case_6_131_byte_key_matches),
	    cmocka_unit_test(test_hmac_sha256_rfc4231_case_7_131_byte_key_long_data_matches),
	    cmocka_unit_test(test_hmac_sha256_rfc4231_cases_split_at_every_offset_match),
	    cmocka_unit_test(test_hmac_sha256_every_key_length_0_to_200_matches_openssl),
	    cmocka_unit_test(test_hmac_sha256_every_data_length_0_to_200_matches_openssl),
	    cmocka_unit_test(test_hmac_sha256_long_key_equals_its_digest_as_key),
	    cmocka_unit_test(test_hmac_sha256_block_sized_key_is_not_hashed),
	    cmocka_unit_test(test_hmac_sha256_final_wipes_key_material_in_context),
	    cmocka_unit_test(test_hmac_sha256_random_inputs_with_random_splits_match_openssl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
