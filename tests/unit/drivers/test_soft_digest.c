/* SPDX-License-Identifier: MIT */
/* Unit tests for drivers/soft_digest: FIPS 180-2 and RFC 4231 vectors through the digest HIL,
 * bounded pieces per deferred call, the HIL's errors, and OpenSSL on random inputs. */
#include "drivers/soft_digest.h"

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

#include "lib/compiler.h"
#include "tests/unit/fake_deferred_call.h"

#define MANY_PASSES	1000000u
#define RANDOM_SEED	4231u
#define RANDOM_INPUTS	400
#define RANDOM_MAX_DATA 5000
#define RANDOM_MAX_KEY	300

/* ---- a recording client ---- */

struct recorder {
	struct hil_digest_client client;
	unsigned set_mode_calls, add_data_calls, hash_calls, verify_calls;
	const uint8_t *buf; /* the last buffer handed back */
	size_t len;
	bool equal;
	enum error_code rc;
};

static struct recorder rec;
static struct soft_digest sd;

static void on_set_mode(struct hil_digest_client *c, const uint8_t *key, size_t key_len,
			enum error_code rc)
{
	(void)c;
	rec.set_mode_calls++;
	rec.buf = key;
	rec.len = key_len;
	rec.rc = rc;
}

static void on_add_data(struct hil_digest_client *c, const uint8_t *buf, size_t len,
			enum error_code rc)
{
	(void)c;
	rec.add_data_calls++;
	rec.buf = buf;
	rec.len = len;
	rec.rc = rc;
}

static void on_hash(struct hil_digest_client *c, uint8_t *digest, enum error_code rc)
{
	(void)c;
	rec.hash_calls++;
	rec.buf = digest;
	rec.rc = rc;
}

static void on_verify(struct hil_digest_client *c, uint8_t *compare, bool equal, enum error_code rc)
{
	(void)c;
	rec.verify_calls++;
	rec.buf = compare;
	rec.equal = equal;
	rec.rc = rc;
}

static unsigned completions(void)
{
	return rec.set_mode_calls + rec.add_data_calls + rec.hash_calls + rec.verify_calls;
}

/* A fresh engine hashing chunk bytes per deferred call, with the recorder as its client. */
static void fresh(size_t chunk)
{
	fake_deferred_call_reset();
	memset(&rec, 0, sizeof(rec));
	rec.client = (struct hil_digest_client){on_set_mode, on_add_data, on_hash, on_verify};
	soft_digest_init(&sd, chunk);
	sd.hil.client = &rec.client;
}

static int setup(void **state)
{
	(void)state;
	fresh(64);
	return 0;
}

/* ---- helpers: each operation, completed ---- */

/* Runs the deferred calls until idle. Returns: the passes it took. */
static unsigned settle(void)
{
	unsigned passes = fake_deferred_call_run(MANY_PASSES);

	assert_false(deferred_call_pending());
	return passes;
}

static void begin(enum hil_digest_mode mode, const void *key, size_t key_len)
{
	unsigned before = rec.set_mode_calls;

	assert_int_equal(hil_digest_set_mode(&sd.hil, mode, key, key_len), ERROR_NONE);
	settle();
	assert_int_equal(rec.set_mode_calls, before + 1);
	assert_int_equal(rec.rc, ERROR_NONE);
	assert_ptr_equal(rec.buf, key);
}

static void add(const void *data, size_t len)
{
	unsigned before = rec.add_data_calls;

	assert_int_equal(hil_digest_add_data(&sd.hil, data, len), ERROR_NONE);
	settle();
	assert_int_equal(rec.add_data_calls, before + 1);
	assert_int_equal(rec.rc, ERROR_NONE);
	assert_ptr_equal(rec.buf, data);
	assert_int_equal(rec.len, len);
}

static void run(uint8_t digest[HIL_DIGEST_SHA256_BYTES])
{
	unsigned before = rec.hash_calls;

	assert_int_equal(hil_digest_run(&sd.hil, digest, HIL_DIGEST_SHA256_BYTES), ERROR_NONE);
	settle();
	assert_int_equal(rec.hash_calls, before + 1);
	assert_int_equal(rec.rc, ERROR_NONE);
	assert_ptr_equal(rec.buf, digest);
}

/* Returns: what verify_done said of compare. */
static bool verify(uint8_t compare[HIL_DIGEST_SHA256_BYTES])
{
	unsigned before = rec.verify_calls;

	assert_int_equal(hil_digest_verify(&sd.hil, compare, HIL_DIGEST_SHA256_BYTES), ERROR_NONE);
	settle();
	assert_int_equal(rec.verify_calls, before + 1);
	assert_int_equal(rec.rc, ERROR_NONE);
	assert_ptr_equal(rec.buf, compare);
	return rec.equal;
}

static void hex_to_bytes(const char *hex, uint8_t *out, size_t len)
{
	assert_int_equal(strlen(hex), 2 * len);
	for (size_t i = 0; i < len; i++) {
		unsigned int byte;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &byte), 1);
		out[i] = (uint8_t)byte;
	}
}

static void assert_prefix_hex(const uint8_t *digest, const char *hex)
{
	uint8_t want[HIL_DIGEST_SHA256_BYTES];
	size_t len = strlen(hex) / 2;

	hex_to_bytes(hex, want, len);
	assert_memory_equal(digest, want, len);
}

/* ---- SHA-256: FIPS 180-2 appendix B ---- */

static void sha256_of(const void *data, size_t len, uint8_t digest[HIL_DIGEST_SHA256_BYTES])
{
	begin(HIL_DIGEST_SHA256, NULL, 0);
	add(data, len);
	run(digest);
}

static void test_sha256_one_block_abc_matches_fips180_2_b1(void **state)
{
	uint8_t d[32];

	(void)state;
	sha256_of("abc", 3, d);
	assert_prefix_hex(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256_two_blocks_matches_fips180_2_b2(void **state)
{
	static const char msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t d[32];

	(void)state;
	sha256_of(msg, strlen(msg), d);
	assert_prefix_hex(d, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256_million_a_in_1000_byte_adds_matches_fips180_2_b3(void **state)
{
	uint8_t block[1000], d[32];

	(void)state;
	fresh(256);
	memset(block, 'a', sizeof(block));
	begin(HIL_DIGEST_SHA256, NULL, 0);
	for (int i = 0; i < 1000; i++)
		add(block, sizeof(block));
	run(d);
	assert_prefix_hex(d, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_sha256_empty_message_with_no_add_matches_known_digest(void **state)
{
	uint8_t d[32];

	(void)state;
	begin(HIL_DIGEST_SHA256, NULL, 0);
	run(d);
	assert_prefix_hex(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256_zero_length_add_with_null_buffer_changes_nothing(void **state)
{
	uint8_t d[32];

	(void)state;
	begin(HIL_DIGEST_SHA256, NULL, 0);
	add("ab", 2);
	add(NULL, 0);
	add("c", 1);
	run(d);
	assert_prefix_hex(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* ---- HMAC-SHA256: RFC 4231 section 4 ---- */

struct rfc4231_case {
	const char *key_hex; /* NULL: key_fill repeated key_len times */
	uint8_t key_fill;
	size_t key_len;
	const char *data; /* text, or NULL: data_fill repeated data_len times */
	uint8_t data_fill;
	size_t data_len;
	const char *mac_hex; /* case 5: only the first 128 bits */
};

static const char case7_data[] =
    "This is a test using a larger than block-size key and a larger than block-size data. The "
    "key needs to be hashed before being used by the HMAC algorithm.";

static const struct rfc4231_case rfc4231[] = {
    {NULL, 0x0b, 20, "Hi There", 0, 8,
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
    {"4a656665", 0, 4, "what do ya want for nothing?", 0, 28,
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {NULL, 0xaa, 20, NULL, 0xdd, 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
    {"0102030405060708090a0b0c0d0e0f10111213141516171819", 0, 25, NULL, 0xcd, 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
    {NULL, 0x0c, 20, "Test With Truncation", 0, 20, "a3b6167473100ee06e0c796c2955552b"},
    {NULL, 0xaa, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 0, 54,
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    {NULL, 0xaa, 131, case7_data, 0, sizeof(case7_data) - 1,
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
};

/* HMAC of RFC 4231 case n (1-based) with the engine hashing chunk bytes per deferred call. */
static void check_rfc4231(unsigned n, size_t chunk)
{
	const struct rfc4231_case *c = &rfc4231[n - 1];
	uint8_t key[200], data[200], mac[32];

	fresh(chunk);
	if (c->key_hex)
		hex_to_bytes(c->key_hex, key, c->key_len);
	else
		memset(key, c->key_fill, c->key_len);
	if (c->data)
		memcpy(data, c->data, c->data_len);
	else
		memset(data, c->data_fill, c->data_len);
	begin(HIL_DIGEST_HMAC_SHA256, key, c->key_len);
	add(data, c->data_len);
	run(mac);
	assert_prefix_hex(mac, c->mac_hex);
}

static void test_hmac_rfc4231_case_1_matches(void **state)
{
	(void)state;
	check_rfc4231(1, 64);
}

static void test_hmac_rfc4231_case_2_short_key_matches(void **state)
{
	(void)state;
	check_rfc4231(2, 64);
}

static void test_hmac_rfc4231_case_3_matches(void **state)
{
	(void)state;
	check_rfc4231(3, 64);
}

static void test_hmac_rfc4231_case_4_matches(void **state)
{
	(void)state;
	check_rfc4231(4, 64);
}

static void test_hmac_rfc4231_case_5_truncated_matches(void **state)
{
	(void)state;
	check_rfc4231(5, 64);
}

static void test_hmac_rfc4231_case_6_131_byte_key_hashed_in_pieces_matches(void **state)
{
	(void)state;
	check_rfc4231(6, 10);
	check_rfc4231(6, 64);
	check_rfc4231(6, 200);
}

static void test_hmac_rfc4231_case_7_long_key_and_data_in_pieces_matches(void **state)
{
	(void)state;
	check_rfc4231(7, 1);
	check_rfc4231(7, 64);
	check_rfc4231(7, 4096);
}

static void test_hmac_every_case_in_one_byte_pieces_matches(void **state)
{
	(void)state;
	for (unsigned n = 1; n <= ARRAY_SIZE(rfc4231); n++)
		check_rfc4231(n, 1);
}

/* ---- bounded pieces, asynchrony ---- */

static void test_add_data_hashes_at_most_chunk_bytes_per_deferred_call(void **state)
{
	uint8_t data[1000];
	size_t last = 0;
	unsigned passes = 0;

	(void)state;
	fresh(7);
	memset(data, 0x5a, sizeof(data));
	begin(HIL_DIGEST_SHA256, NULL, 0);
	assert_int_equal(hil_digest_add_data(&sd.hil, data, sizeof(data)), ERROR_NONE);
	while (deferred_call_pending()) {
		deferred_call_service();
		passes++;
		assert_true(sd.in_done - last <= 7);
		assert_true(sd.in_done == sizeof(data) || sd.in_done - last == 7);
		last = sd.in_done;
		if (sd.in_done < sizeof(data))
			assert_int_equal(rec.add_data_calls, 0);
	}
	assert_int_equal(passes, (sizeof(data) + 6) / 7); /* 143 */
	assert_int_equal(rec.add_data_calls, 1);
}

static void test_long_key_is_hashed_in_pieces_over_many_deferred_calls(void **state)
{
	uint8_t key[131];

	(void)state;
	fresh(10);
	memset(key, 0xaa, sizeof(key));
	assert_int_equal(hil_digest_set_mode(&sd.hil, HIL_DIGEST_HMAC_SHA256, key, sizeof(key)),
			 ERROR_NONE);
	assert_int_equal(settle(), 14);
	assert_int_equal(rec.set_mode_calls, 1);
}

static void test_no_completion_comes_from_inside_the_call_that_started_it(void **state)
{
	uint8_t d[32];

	(void)state;
	assert_int_equal(hil_digest_set_mode(&sd.hil, HIL_DIGEST_SHA256, NULL, 0), ERROR_NONE);
	assert_int_equal(completions(), 0);
	settle();
	assert_int_equal(hil_digest_add_data(&sd.hil, (const uint8_t *)"abc", 3), ERROR_NONE);
	assert_int_equal(completions(), 1);
	settle();
	assert_int_equal(hil_digest_run(&sd.hil, d, sizeof(d)), ERROR_NONE);
	assert_int_equal(completions(), 2);
	settle();
	assert_int_equal(completions(), 3);
}

/* A client that adds the next piece from inside add_data_done, as the capsules do. */
static const uint8_t *chain_data;
static size_t chain_left, chain_piece;

static void on_add_data_chain(struct hil_digest_client *c, const uint8_t *buf, size_t len,
			      enum error_code rc)
{
	on_add_data(c, buf, len, rc);
	if (chain_left) {
		size_t n = chain_left < chain_piece ? chain_left : chain_piece;

		assert_int_equal(hil_digest_add_data(&sd.hil, chain_data, n), ERROR_NONE);
		chain_data += n;
		chain_left -= n;
	}
}

static void test_next_operation_may_start_from_inside_a_completion(void **state)
{
	static const char msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t d[32];

	(void)state;
	rec.client.add_data_done = on_add_data_chain;
	begin(HIL_DIGEST_SHA256, NULL, 0);
	chain_data = (const uint8_t *)msg + 5;
	chain_left = strlen(msg) - 5;
	chain_piece = 5;
	assert_int_equal(hil_digest_add_data(&sd.hil, (const uint8_t *)msg, 5), ERROR_NONE);
	settle();
	assert_int_equal(rec.add_data_calls, (strlen(msg) + 4) / 5);
	run(d);
	assert_prefix_hex(d, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* ---- verify ---- */

static void test_verify_says_equal_for_the_right_digest_and_not_for_one_bit_off(void **state)
{
	uint8_t want[32];

	(void)state;
	hex_to_bytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", want, 32);
	begin(HIL_DIGEST_SHA256, NULL, 0);
	add("abc", 3);
	assert_true(verify(want));
	want[31] ^= 0x01;
	begin(HIL_DIGEST_SHA256, NULL, 0);
	add("abc", 3);
	assert_false(verify(want));
	want[31] ^= 0x01;
	want[0] ^= 0x80;
	begin(HIL_DIGEST_SHA256, NULL, 0);
	add("abc", 3);
	assert_false(verify(want));
}

static void test_hmac_verify_matches_rfc4231_case_2(void **state)
{
	uint8_t want[32];

	(void)state;
	hex_to_bytes("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", want, 32);
	begin(HIL_DIGEST_HMAC_SHA256, (const uint8_t *)"Jefe", 4);
	add("what do ya want for nothing?", 28);
	assert_true(verify(want));
}

/* ---- errors ---- */

static void test_modes_other_than_sha256_and_hmac_sha256_are_nosupport(void **state)
{
	static const enum hil_digest_mode others[] = {
	    HIL_DIGEST_SHA384, HIL_DIGEST_SHA512, HIL_DIGEST_HMAC_SHA384, HIL_DIGEST_HMAC_SHA512};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(others); i++)
		assert_int_equal(hil_digest_set_mode(&sd.hil, others[i], NULL, 0), ERROR_NOSUPPORT);
	assert_false(deferred_call_pending());
}

static void test_a_key_with_plain_sha256_is_inval(void **state)
{
	(void)state;
	assert_int_equal(hil_digest_set_mode(&sd.hil, HIL_DIGEST_SHA256, (const uint8_t *)"k", 1),
			 ERROR_INVAL);
	assert_false(deferred_call_pending());
}

static void test_add_run_verify_without_a_message_are_off(void **state)
{
	uint8_t d[32] = {0};

	(void)state;
	assert_int_equal(hil_digest_add_data(&sd.hil, d, 1), ERROR_OFF);
	assert_int_equal(hil_digest_run(&sd.hil, d, sizeof(d)), ERROR_OFF);
	assert_int_equal(hil_digest_verify(&sd.hil, d, sizeof(d)), ERROR_OFF);
	/* run ends the message: the same again after it. */
	begin(HIL_DIGEST_SHA256, NULL, 0);
	run(d);
	assert_int_equal(hil_digest_add_data(&sd.hil, d, 1), ERROR_OFF);
	assert_int_equal(hil_digest_run(&sd.hil, d, sizeof(d)), ERROR_OFF);
	assert_int_equal(completions(), 2);
}

static void test_run_and_verify_into_fewer_than_32_bytes_are_size(void **state)
{
	uint8_t d[32];

	(void)state;
	begin(HIL_DIGEST_SHA256, NULL, 0);
	assert_int_equal(hil_digest_run(&sd.hil, d, 31), ERROR_SIZE);
	assert_int_equal(hil_digest_verify(&sd.hil, d, 0), ERROR_SIZE);
	assert_false(deferred_call_pending());
	/* The message is still open. */
	add("abc", 3);
	run(d);
	assert_prefix_hex(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_every_operation_is_busy_while_one_is_in_flight(void **state)
{
	uint8_t data[100] = {0}, d[32];

	(void)state;
	fresh(1);
	begin(HIL_DIGEST_SHA256, NULL, 0);
	assert_int_equal(hil_digest_add_data(&sd.hil, data, sizeof(data)), ERROR_NONE);
	deferred_call_service();
	assert_int_equal(hil_digest_set_mode(&sd.hil, HIL_DIGEST_SHA256, NULL, 0), ERROR_BUSY);
	assert_int_equal(hil_digest_add_data(&sd.hil, data, 1), ERROR_BUSY);
	assert_int_equal(hil_digest_run(&sd.hil, d, sizeof(d)), ERROR_BUSY);
	assert_int_equal(hil_digest_verify(&sd.hil, d, sizeof(d)), ERROR_BUSY);
	settle();
	assert_int_equal(rec.add_data_calls, 1);
}

static void test_clear_cancels_the_operation_in_flight_and_hands_the_buffer_back(void **state)
{
	uint8_t data[100] = {0}, d[32];

	(void)state;
	fresh(10);
	memset(data, 1, sizeof(data));
	begin(HIL_DIGEST_HMAC_SHA256, (const uint8_t *)"key", 3);
	assert_int_equal(hil_digest_add_data(&sd.hil, data, sizeof(data)), ERROR_NONE);
	deferred_call_service();
	hil_digest_clear(&sd.hil);
	assert_int_equal(rec.add_data_calls, 0); /* not from inside clear */
	assert_int_equal(settle(), 1);
	assert_int_equal(rec.add_data_calls, 1);
	assert_int_equal(rec.rc, ERROR_CANCEL);
	assert_ptr_equal(rec.buf, data);
	assert_int_equal(rec.len, sizeof(data));
	/* The message is gone, and with it everything derived from the key. */
	assert_int_equal(hil_digest_run(&sd.hil, d, sizeof(d)), ERROR_OFF);
	for (size_t i = 0; i < sizeof(sd.ctx); i++)
		assert_int_equal(((const uint8_t *)&sd.ctx)[i], 0);
}

static void test_clear_cancels_a_run_in_flight(void **state)
{
	uint8_t d[32];

	(void)state;
	memset(d, 0xee, sizeof(d));
	begin(HIL_DIGEST_SHA256, NULL, 0);
	assert_int_equal(hil_digest_run(&sd.hil, d, sizeof(d)), ERROR_NONE);
	hil_digest_clear(&sd.hil);
	settle();
	assert_int_equal(rec.hash_calls, 1);
	assert_int_equal(rec.rc, ERROR_CANCEL);
	assert_ptr_equal(rec.buf, d);
	assert_int_equal(d[0], 0xee); /* nothing written */
}

static void test_clear_when_idle_completes_nothing(void **state)
{
	(void)state;
	begin(HIL_DIGEST_SHA256, NULL, 0);
	hil_digest_clear(&sd.hil);
	assert_false(deferred_call_pending());
	assert_int_equal(completions(), 1);
	assert_int_equal(hil_digest_add_data(&sd.hil, (const uint8_t *)"a", 1), ERROR_OFF);
}

static void test_run_wipes_the_key_derived_state(void **state)
{
	uint8_t d[32];

	(void)state;
	begin(HIL_DIGEST_HMAC_SHA256, (const uint8_t *)"secret key", 10);
	add("data", 4);
	run(d);
	for (size_t i = 0; i < sizeof(sd.ctx); i++)
		assert_int_equal(((const uint8_t *)&sd.ctx)[i], 0);
}

static void test_set_mode_abandons_an_open_message(void **state)
{
	uint8_t d[32];

	(void)state;
	begin(HIL_DIGEST_HMAC_SHA256, (const uint8_t *)"Jefe", 4);
	add("garbage that must not count", 27);
	begin(HIL_DIGEST_SHA256, NULL, 0);
	add("abc", 3);
	run(d);
	assert_prefix_hex(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* ---- OpenSSL on random inputs ---- */

static void test_random_inputs_pieces_and_chunk_sizes_match_openssl(void **state)
{
	static uint8_t data[RANDOM_MAX_DATA], key[RANDOM_MAX_KEY];
	uint8_t got[32], want[32];

	(void)state;
	srand(RANDOM_SEED);
	for (int iter = 0; iter < RANDOM_INPUTS; iter++) {
		bool hmac = rand() % 2;
		size_t len = (size_t)rand() % (RANDOM_MAX_DATA + 1);
		size_t key_len = (size_t)rand() % (RANDOM_MAX_KEY + 1);
		size_t chunk = 1 + (size_t)rand() % 700, pos = 0;
		unsigned int want_len = 0;

		for (size_t i = 0; i < len; i++)
			data[i] = (uint8_t)rand();
		for (size_t i = 0; i < key_len; i++)
			key[i] = (uint8_t)rand();
		fresh(chunk);
		if (hmac)
			begin(HIL_DIGEST_HMAC_SHA256, key, key_len);
		else
			begin(HIL_DIGEST_SHA256, NULL, 0);
		/* Random pieces, empty ones included. */
		while (pos < len) {
			size_t n = (size_t)rand() % (len - pos + 1);

			add(data + pos, n);
			pos += n;
		}
		bool ends_in_verify = rand() % 2;

		if (!ends_in_verify)
			run(got);
		if (hmac)
			assert_non_null(
			    HMAC(EVP_sha256(), key, (int)key_len, data, len, want, &want_len));
		else
			assert_int_equal(EVP_Digest(data, len, want, &want_len, EVP_sha256(), NULL),
					 1);
		assert_int_equal(want_len, 32);
		if (ends_in_verify)
			assert_true(verify(want));
		else
			assert_memory_equal(got, want, 32);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_sha256_one_block_abc_matches_fips180_2_b1, setup),
	    cmocka_unit_test_setup(test_sha256_two_blocks_matches_fips180_2_b2, setup),
	    cmocka_unit_test_setup(test_sha256_million_a_in_1000_byte_adds_matches_fips180_2_b3,
				   setup),
	    cmocka_unit_test_setup(test_sha256_empty_message_with_no_add_matches_known_digest,
				   setup),
	    cmocka_unit_test_setup(test_sha256_zero_length_add_with_null_buffer_changes_nothing,
				   setup),
	    cmocka_unit_test_setup(test_hmac_rfc4231_case_1_matches, setup),
	    cmocka_unit_test_setup(test_hmac_rfc4231_case_2_short_key_matches, setup),
	    cmocka_unit_test_setup(test_hmac_rfc4231_case_3_matches, setup),
	    cmocka_unit_test_setup(test_hmac_rfc4231_case_4_matches, setup),
	    cmocka_unit_test_setup(test_hmac_rfc4231_case_5_truncated_matches, setup),
	    cmocka_unit_test_setup(test_hmac_rfc4231_case_6_131_byte_key_hashed_in_pieces_matches,
				   setup),
	    cmocka_unit_test_setup(test_hmac_rfc4231_case_7_long_key_and_data_in_pieces_matches,
				   setup),
	    cmocka_unit_test_setup(test_hmac_every_case_in_one_byte_pieces_matches, setup),
	    cmocka_unit_test_setup(test_add_data_hashes_at_most_chunk_bytes_per_deferred_call,
				   setup),
	    cmocka_unit_test_setup(test_long_key_is_hashed_in_pieces_over_many_deferred_calls,
				   setup),
	    cmocka_unit_test_setup(test_no_completion_comes_from_inside_the_call_that_started_it,
				   setup),
	    cmocka_unit_test_setup(test_next_operation_may_start_from_inside_a_completion, setup),
	    cmocka_unit_test_setup(
		test_verify_says_equal_for_the_right_digest_and_not_for_one_bit_off, setup),
	    cmocka_unit_test_setup(test_hmac_verify_matches_rfc4231_case_2, setup),
	    cmocka_unit_test_setup(test_modes_other_than_sha256_and_hmac_sha256_are_nosupport,
				   setup),
	    cmocka_unit_test_setup(test_a_key_with_plain_sha256_is_inval, setup),
	    cmocka_unit_test_setup(test_add_run_verify_without_a_message_are_off, setup),
	    cmocka_unit_test_setup(test_run_and_verify_into_fewer_than_32_bytes_are_size, setup),
	    cmocka_unit_test_setup(test_every_operation_is_busy_while_one_is_in_flight, setup),
	    cmocka_unit_test_setup(
		test_clear_cancels_the_operation_in_flight_and_hands_the_buffer_back, setup),
	    cmocka_unit_test_setup(test_clear_cancels_a_run_in_flight, setup),
	    cmocka_unit_test_setup(test_clear_when_idle_completes_nothing, setup),
	    cmocka_unit_test_setup(test_run_wipes_the_key_derived_state, setup),
	    cmocka_unit_test_setup(test_set_mode_abandons_an_open_message, setup),
	    cmocka_unit_test_setup(test_random_inputs_pieces_and_chunk_sizes_match_openssl, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
