/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/ringbuf: accounting, wrap of storage and of the 32-bit indices, a model. */
#include "lib/ringbuf.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#define CAP		16u
#define GUARD		8u
#define GUARD_BYTE	0x5a
#define RANDOM_SEED	0x2545f491u
#define RANDOM_OPS	20000
#define MODEL_CAP	64u
#define MODEL_MAX_OPLEN (MODEL_CAP + MODEL_CAP / 2)

/* Storage with a guard on each side, so that a write outside [0, CAP) is caught. */
struct fixture {
	uint8_t mem[GUARD + CAP + GUARD];
	struct ringbuf rb;
};

static struct fixture fx;

static int setup(void **state)
{
	(void)state;
	memset(fx.mem, GUARD_BYTE, sizeof(fx.mem));
	ringbuf_init(&fx.rb, fx.mem + GUARD, CAP);
	return 0;
}

static void assert_guards_intact(void)
{
	for (unsigned i = 0; i < GUARD; i++) {
		assert_int_equal(fx.mem[i], GUARD_BYTE);
		assert_int_equal(fx.mem[GUARD + CAP + i], GUARD_BYTE);
	}
}

static void fill_pattern(uint8_t *buf, size_t len, uint8_t first)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(first + i);
}

/* Puts both indices at start without touching storage, as if start bytes had passed. */
static void set_indices(struct ringbuf *rb, uint32_t start)
{
	rb->head = start;
	rb->tail = start;
}

static void test_ringbuf_init_is_empty_with_all_space_free(void **state)
{
	(void)state;
	assert_true(ringbuf_empty(&fx.rb));
	assert_int_equal(ringbuf_used(&fx.rb), 0);
	assert_int_equal(ringbuf_free(&fx.rb), CAP);
	assert_ptr_equal(fx.rb.data, fx.mem + GUARD);
	assert_int_equal(fx.rb.capacity, CAP);
}

static void test_ringbuf_write_updates_used_and_free(void **state)
{
	uint8_t src[5];

	(void)state;
	fill_pattern(src, sizeof(src), 1);
	assert_int_equal(ringbuf_write(&fx.rb, src, sizeof(src)), 5);
	assert_false(ringbuf_empty(&fx.rb));
	assert_int_equal(ringbuf_used(&fx.rb), 5);
	assert_int_equal(ringbuf_free(&fx.rb), CAP - 5);
	assert_guards_intact();
}

static void test_ringbuf_write_of_zero_bytes_stores_nothing(void **state)
{
	uint8_t src[1] = {0xee};

	(void)state;
	assert_int_equal(ringbuf_write(&fx.rb, src, 0), 0);
	assert_true(ringbuf_empty(&fx.rb));
	assert_guards_intact();
}

static void test_ringbuf_write_exactly_capacity_fills_it(void **state)
{
	uint8_t src[CAP], dst[CAP];

	(void)state;
	fill_pattern(src, sizeof(src), 0x10);
	assert_int_equal(ringbuf_write(&fx.rb, src, CAP), CAP);
	assert_false(ringbuf_empty(&fx.rb));
	assert_int_equal(ringbuf_used(&fx.rb), CAP);
	assert_int_equal(ringbuf_free(&fx.rb), 0);
	assert_int_equal(ringbuf_read(&fx.rb, dst, CAP), CAP);
	assert_memory_equal(dst, src, CAP);
	assert_guards_intact();
}

static void test_ringbuf_write_more_than_free_stores_only_what_fits(void **state)
{
	uint8_t src[CAP + 10], dst[CAP + 10];

	(void)state;
	fill_pattern(src, sizeof(src), 0x20);
	assert_int_equal(ringbuf_write(&fx.rb, src, 4), 4);
	assert_int_equal(ringbuf_write(&fx.rb, src + 4, sizeof(src) - 4), CAP - 4);
	assert_int_equal(ringbuf_used(&fx.rb), CAP);
	assert_int_equal(ringbuf_free(&fx.rb), 0);
	/* The stored bytes are the oldest ones offered; the excess is simply not taken. */
	memset(dst, 0, sizeof(dst));
	assert_int_equal(ringbuf_read(&fx.rb, dst, sizeof(dst)), CAP);
	assert_memory_equal(dst, src, CAP);
	assert_guards_intact();
}

static void test_ringbuf_write_when_full_stores_nothing(void **state)
{
	uint8_t src[CAP], more[3] = {1, 2, 3}, dst[CAP];

	(void)state;
	fill_pattern(src, sizeof(src), 0x30);
	assert_int_equal(ringbuf_write(&fx.rb, src, CAP), CAP);
	assert_int_equal(ringbuf_write(&fx.rb, more, sizeof(more)), 0);
	assert_int_equal(ringbuf_used(&fx.rb), CAP);
	assert_int_equal(ringbuf_read(&fx.rb, dst, CAP), CAP);
	assert_memory_equal(dst, src, CAP);
	assert_guards_intact();
}

static void test_ringbuf_read_returns_bytes_in_order_and_frees_space(void **state)
{
	uint8_t src[10], dst[10];

	(void)state;
	fill_pattern(src, sizeof(src), 0x40);
	ringbuf_write(&fx.rb, src, sizeof(src));
	assert_int_equal(ringbuf_read(&fx.rb, dst, 3), 3);
	assert_memory_equal(dst, src, 3);
	assert_int_equal(ringbuf_used(&fx.rb), 7);
	assert_int_equal(ringbuf_free(&fx.rb), CAP - 7);
	assert_int_equal(ringbuf_read(&fx.rb, dst, 7), 7);
	assert_memory_equal(dst, src + 3, 7);
	assert_true(ringbuf_empty(&fx.rb));
}

static void test_ringbuf_read_more_than_used_returns_only_used(void **state)
{
	uint8_t src[4] = {9, 8, 7, 6}, dst[8];

	(void)state;
	memset(dst, 0xcc, sizeof(dst));
	ringbuf_write(&fx.rb, src, sizeof(src));
	assert_int_equal(ringbuf_read(&fx.rb, dst, sizeof(dst)), 4);
	assert_memory_equal(dst, src, 4);
	/* Nothing written past what was read. */
	assert_int_equal(dst[4], 0xcc);
	assert_true(ringbuf_empty(&fx.rb));
}

static void test_ringbuf_read_when_empty_returns_zero(void **state)
{
	uint8_t dst[4] = {0xcc, 0xcc, 0xcc, 0xcc};

	(void)state;
	assert_int_equal(ringbuf_read(&fx.rb, dst, sizeof(dst)), 0);
	assert_int_equal(dst[0], 0xcc);
	assert_true(ringbuf_empty(&fx.rb));
}

static void test_ringbuf_peek_chunk_when_empty_returns_zero(void **state)
{
	const uint8_t *chunk = NULL;

	(void)state;
	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 0);
}

static void test_ringbuf_peek_chunk_does_not_consume(void **state)
{
	uint8_t src[6];
	const uint8_t *chunk;

	(void)state;
	fill_pattern(src, sizeof(src), 0x50);
	ringbuf_write(&fx.rb, src, sizeof(src));
	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 6);
	assert_ptr_equal(chunk, fx.mem + GUARD);
	assert_memory_equal(chunk, src, 6);
	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 6);
	assert_int_equal(ringbuf_used(&fx.rb), 6);
}

static void test_ringbuf_write_at_wrap_splits_across_the_end_of_storage(void **state)
{
	uint8_t src[10];

	(void)state;
	set_indices(&fx.rb, CAP - 4);
	fill_pattern(src, sizeof(src), 0x60);
	assert_int_equal(ringbuf_write(&fx.rb, src, sizeof(src)), 10);
	/* The first four land at the end of storage, the other six at its start. */
	assert_memory_equal(fx.mem + GUARD + CAP - 4, src, 4);
	assert_memory_equal(fx.mem + GUARD, src + 4, 6);
	assert_int_equal(ringbuf_used(&fx.rb), 10);
	assert_guards_intact();
}

static void test_ringbuf_peek_chunk_stops_at_the_end_of_storage(void **state)
{
	uint8_t src[10];
	const uint8_t *chunk;

	(void)state;
	set_indices(&fx.rb, CAP - 4);
	fill_pattern(src, sizeof(src), 0x70);
	ringbuf_write(&fx.rb, src, sizeof(src));

	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 4);
	assert_ptr_equal(chunk, fx.mem + GUARD + CAP - 4);
	assert_memory_equal(chunk, src, 4);
	ringbuf_consume(&fx.rb, 4);

	/* The rest is contiguous from the start of storage. */
	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 6);
	assert_ptr_equal(chunk, fx.mem + GUARD);
	assert_memory_equal(chunk, src + 4, 6);
	ringbuf_consume(&fx.rb, 6);
	assert_true(ringbuf_empty(&fx.rb));
}

static void test_ringbuf_peek_chunk_ending_exactly_at_the_end_is_one_run(void **state)
{
	uint8_t src[4];
	const uint8_t *chunk;

	(void)state;
	set_indices(&fx.rb, CAP - 4);
	fill_pattern(src, sizeof(src), 0x80);
	ringbuf_write(&fx.rb, src, sizeof(src));
	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 4);
	assert_ptr_equal(chunk, fx.mem + GUARD + CAP - 4);
	ringbuf_consume(&fx.rb, 4);
	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 0);
}

static void test_ringbuf_consume_drops_the_oldest_bytes(void **state)
{
	uint8_t src[8], dst[8];

	(void)state;
	fill_pattern(src, sizeof(src), 0x90);
	ringbuf_write(&fx.rb, src, sizeof(src));
	ringbuf_consume(&fx.rb, 3);
	assert_int_equal(ringbuf_used(&fx.rb), 5);
	assert_int_equal(ringbuf_free(&fx.rb), CAP - 5);
	assert_int_equal(ringbuf_read(&fx.rb, dst, sizeof(dst)), 5);
	assert_memory_equal(dst, src + 3, 5);
}

static void test_ringbuf_consume_of_a_partial_chunk_leaves_the_rest_in_place(void **state)
{
	uint8_t src[8];
	const uint8_t *chunk;

	(void)state;
	fill_pattern(src, sizeof(src), 0xa0);
	ringbuf_write(&fx.rb, src, sizeof(src));
	ringbuf_consume(&fx.rb, 2);
	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 6);
	assert_ptr_equal(chunk, fx.mem + GUARD + 2);
	assert_memory_equal(chunk, src + 2, 6);
}

static void test_ringbuf_indices_wrap_at_2_pow_32_without_losing_accounting(void **state)
{
	uint8_t src[12], dst[12];
	const uint8_t *chunk;

	(void)state;
	/* UINT32_MAX - 4 is 11 mod 16: five bytes fit before storage wraps, too. */
	set_indices(&fx.rb, UINT32_MAX - 4);
	fill_pattern(src, sizeof(src), 0xb0);
	assert_int_equal(ringbuf_write(&fx.rb, src, sizeof(src)), 12);
	assert_int_equal(fx.rb.head, 7); /* wrapped past zero */
	assert_int_equal(ringbuf_used(&fx.rb), 12);
	assert_int_equal(ringbuf_free(&fx.rb), CAP - 12);
	assert_false(ringbuf_empty(&fx.rb));

	assert_int_equal(ringbuf_peek_chunk(&fx.rb, &chunk), 5);
	assert_ptr_equal(chunk, fx.mem + GUARD + 11);
	assert_int_equal(ringbuf_read(&fx.rb, dst, sizeof(dst)), 12);
	assert_memory_equal(dst, src, sizeof(dst));
	assert_int_equal(fx.rb.tail, 7);
	assert_true(ringbuf_empty(&fx.rb));
	assert_guards_intact();
}

static void test_ringbuf_full_across_index_wrap_still_reports_full(void **state)
{
	uint8_t src[CAP + 1], dst[CAP];

	(void)state;
	set_indices(&fx.rb, UINT32_MAX - 2);
	fill_pattern(src, sizeof(src), 0xc0);
	assert_int_equal(ringbuf_write(&fx.rb, src, sizeof(src)), CAP);
	assert_true(fx.rb.head < fx.rb.tail); /* the indices straddle 2^32 */
	assert_int_equal(ringbuf_used(&fx.rb), CAP);
	assert_int_equal(ringbuf_free(&fx.rb), 0);
	assert_false(ringbuf_empty(&fx.rb));
	assert_int_equal(ringbuf_write(&fx.rb, src, 1), 0);
	assert_int_equal(ringbuf_read(&fx.rb, dst, sizeof(dst)), CAP);
	assert_memory_equal(dst, src, CAP);
	assert_guards_intact();
}

/* xorshift32: the same sequence on every host. */
static uint32_t next_random(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

/* The reference: a plain FIFO in a big flat array, with no wrap at all. */
struct model {
	uint8_t bytes[RANDOM_OPS * MODEL_MAX_OPLEN];
	size_t head, tail;
};

static struct model model;

static void run_against_model(uint32_t start, uint32_t seed)
{
	static uint8_t storage[MODEL_CAP];
	struct ringbuf rb;
	uint8_t src[MODEL_MAX_OPLEN], dst[MODEL_MAX_OPLEN];
	uint8_t next_byte = 0;
	unsigned full = 0, empty = 0, split = 0;

	ringbuf_init(&rb, storage, MODEL_CAP);
	set_indices(&rb, start);
	model.head = model.tail = 0;

	for (unsigned op = 0; op < RANDOM_OPS; op++) {
		uint32_t r = next_random(&seed);
		uint32_t len = (r >> 8) % (MODEL_MAX_OPLEN + 1);
		size_t used = model.head - model.tail;
		const uint8_t *chunk;
		uint32_t n, k;

		switch (r % 4) {
		case 0: /* write: stores min(len, free) */
		case 1:
			for (uint32_t i = 0; i < len; i++)
				src[i] = next_byte++;
			n = ringbuf_write(&rb, src, len);
			assert_int_equal(n, len < MODEL_CAP - used ? len : MODEL_CAP - used);
			memcpy(model.bytes + model.head, src, n);
			model.head += n;
			/* The bytes not stored are offered again next time. */
			next_byte = (uint8_t)(next_byte - (len - n));
			break;
		case 2: /* read: returns min(len, used) */
			n = ringbuf_read(&rb, dst, len);
			assert_int_equal(n, len < used ? len : used);
			assert_memory_equal(dst, model.bytes + model.tail, n);
			model.tail += n;
			break;
		case 3: /* peek then consume part of the chunk */
			n = ringbuf_peek_chunk(&rb, &chunk);
			assert_true(n <= used);
			assert_true(used == 0 || n > 0);
			assert_true(chunk >= storage && chunk + n <= storage + MODEL_CAP);
			/* Shorter than used only when the run reaches the end of storage. */
			if (n < used) {
				assert_ptr_equal(chunk + n, storage + MODEL_CAP);
				split++;
			}
			assert_memory_equal(chunk, model.bytes + model.tail, n);
			k = n ? len % (n + 1) : 0;
			ringbuf_consume(&rb, k);
			model.tail += k;
			break;
		}
		used = model.head - model.tail;
		assert_int_equal(ringbuf_used(&rb), used);
		assert_int_equal(ringbuf_free(&rb), MODEL_CAP - used);
		assert_int_equal(ringbuf_empty(&rb), used == 0);
		assert_int_equal(rb.head - start, (uint32_t)model.head);
		assert_int_equal(rb.tail - start, (uint32_t)model.tail);
		full += used == MODEL_CAP;
		empty += used == 0;
	}
	/* The run must have visited the edge cases, or it proves little. */
	assert_true(full > 100 && empty > 100 && split > 100);
}

static void test_ringbuf_random_operations_match_reference_model(void **state)
{
	(void)state;
	run_against_model(0, RANDOM_SEED);
}

static void test_ringbuf_random_operations_across_index_wrap_match_reference_model(void **state)
{
	(void)state;
	/* Starts 1000 bytes short of 2^32 and mid-storage, so the indices wrap early on. */
	run_against_model(UINT32_MAX - 1000, RANDOM_SEED ^ 0x9e3779b9u);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_ringbuf_init_is_empty_with_all_space_free),
	    T(test_ringbuf_write_updates_used_and_free),
	    T(test_ringbuf_write_of_zero_bytes_stores_nothing),
	    T(test_ringbuf_write_exactly_capacity_fills_it),
	    T(test_ringbuf_write_more_than_free_stores_only_what_fits),
	    T(test_ringbuf_write_when_full_stores_nothing),
	    T(test_ringbuf_read_returns_bytes_in_order_and_frees_space),
	    T(test_ringbuf_read_more_than_used_returns_only_used),
	    T(test_ringbuf_read_when_empty_returns_zero),
	    T(test_ringbuf_peek_chunk_when_empty_returns_zero),
	    T(test_ringbuf_peek_chunk_does_not_consume),
	    T(test_ringbuf_write_at_wrap_splits_across_the_end_of_storage),
	    T(test_ringbuf_peek_chunk_stops_at_the_end_of_storage),
	    T(test_ringbuf_peek_chunk_ending_exactly_at_the_end_is_one_run),
	    T(test_ringbuf_consume_drops_the_oldest_bytes),
	    T(test_ringbuf_consume_of_a_partial_chunk_leaves_the_rest_in_place),
	    T(test_ringbuf_indices_wrap_at_2_pow_32_without_losing_accounting),
	    T(test_ringbuf_full_across_index_wrap_still_reports_full),
	    T(test_ringbuf_random_operations_match_reference_model),
	    T(test_ringbuf_random_operations_across_index_wrap_match_reference_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
