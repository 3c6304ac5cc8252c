/* SPDX-License-Identifier: MIT */
/* Unit tests for arch/x86/desc: known GDT/IDT encodings, limit granularity, decoder round trips. */
#include "arch/x86/desc.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define KIB 1024ull
#define MIB (1024ull * KIB)
#define GIB (1024ull * MIB)

/* Descriptor bits, SDM 3A 3.4.5 and 6.11, spelled out independently of desc.c. */
#define BIT_S	(1ull << 44)
#define BIT_P	(1ull << 47)
#define BIT_AVL (1ull << 52)
#define BIT_L	(1ull << 53)
#define BIT_DB	(1ull << 54)
#define BIT_G	(1ull << 55)

#define RANDOM_SEED   0x7f4a7c15u
#define RANDOM_ROUNDS 100000

static unsigned type_of(uint64_t d)
{
	return (unsigned)(d >> 40) & 0xf;
}

static void test_desc_flat_ring0_code_has_the_textbook_encoding(void **state)
{
	(void)state;
	assert_int_equal(x86_seg_desc(0, 0, DESC_TYPE_CODE_RX, 0), 0x00cf9a000000ffffull);
}

static void test_desc_flat_ring0_data_has_the_textbook_encoding(void **state)
{
	(void)state;
	assert_int_equal(x86_seg_desc(0, 0, DESC_TYPE_DATA_RW, 0), 0x00cf92000000ffffull);
}

static void test_desc_flat_ring3_code_has_the_textbook_encoding(void **state)
{
	(void)state;
	assert_int_equal(x86_seg_desc(0, 0, DESC_TYPE_CODE_RX, 3), 0x00cffa000000ffffull);
}

static void test_desc_flat_ring3_data_has_the_textbook_encoding(void **state)
{
	(void)state;
	assert_int_equal(x86_seg_desc(0, 0, DESC_TYPE_DATA_RW, 3), 0x00cff2000000ffffull);
}

static void test_desc_limit_0_and_limit_4_gib_both_mean_the_full_4_gib(void **state)
{
	uint64_t d = x86_seg_desc(0, 4 * GIB, DESC_TYPE_DATA_RW, 0);

	(void)state;
	assert_int_equal(d, x86_seg_desc(0, 0, DESC_TYPE_DATA_RW, 0));
	assert_int_equal(x86_desc_limit_bytes(d), 4 * GIB);
}

static void test_desc_limit_above_4_gib_is_clamped_to_4_gib(void **state)
{
	uint64_t d = x86_seg_desc(0, 4 * GIB + 4096, DESC_TYPE_DATA_RW, 0);

	(void)state;
	assert_int_equal(d, 0x00cf92000000ffffull);
	assert_int_equal(x86_desc_limit_bytes(d), 4 * GIB);
}

static void test_desc_limits_far_above_4_gib_are_clamped_to_4_gib(void **state)
{
	(void)state;
	assert_int_equal(x86_seg_desc(0, 4 * GIB + 1, DESC_TYPE_DATA_RW, 0), 0x00cf92000000ffffull);
	assert_int_equal(x86_seg_desc(0, 1ull << 40, DESC_TYPE_DATA_RW, 0), 0x00cf92000000ffffull);
	assert_int_equal(x86_seg_desc(0, UINT64_MAX, DESC_TYPE_CODE_RX, 3), 0x00cffa000000ffffull);
	/* Exactly 4 GiB is the last limit taken as it is: 2^20 whole pages. */
	assert_int_equal(x86_seg_desc(0, 4 * GIB, DESC_TYPE_DATA_RW, 0), 0x00cf92000000ffffull);
}

static void test_desc_byte_granular_limits_are_exact_up_to_1_mib(void **state)
{
	(void)state;
	/* G clear, limit field = limit_bytes - 1. */
	assert_int_equal(x86_seg_desc(0, 1, DESC_TYPE_DATA_RW, 0), 0x0040920000000000ull);
	assert_int_equal(x86_seg_desc(0, 4096, DESC_TYPE_DATA_RW, 0), 0x0040920000000fffull);
	assert_int_equal(x86_seg_desc(0, 0x12345, DESC_TYPE_DATA_RW, 0), 0x0041920000002344ull);
	assert_int_equal(x86_seg_desc(0, MIB, DESC_TYPE_DATA_RW, 0), 0x004f92000000ffffull);

	for (uint64_t limit = 1; limit <= MIB; limit += limit < 70000 ? 1 : 4093) {
		uint64_t d = x86_seg_desc(0, limit, DESC_TYPE_CODE_RX, 0);

		assert_false(d & BIT_G);
		assert_int_equal(x86_desc_limit_bytes(d), limit);
	}
	assert_int_equal(x86_desc_limit_bytes(x86_seg_desc(0, MIB, DESC_TYPE_CODE_RX, 0)), MIB);
}

static void test_desc_limits_above_1_mib_are_page_granular_and_round_down(void **state)
{
	(void)state;
	/* Just above 1 MiB: 256 whole pages, so the extra byte is not granted. */
	assert_int_equal(x86_seg_desc(0, MIB + 1, DESC_TYPE_DATA_RW, 0), 0x00c09200000000ffull);
	assert_int_equal(x86_desc_limit_bytes(x86_seg_desc(0, MIB + 1, DESC_TYPE_DATA_RW, 0)), MIB);
	/* Whole pages are exact. */
	assert_int_equal(x86_seg_desc(0, MIB + 4096, DESC_TYPE_DATA_RW, 0), 0x00c0920000000100ull);
	assert_int_equal(x86_desc_limit_bytes(x86_seg_desc(0, 8 * MIB, DESC_TYPE_DATA_RW, 0)),
			 8 * MIB);
	/* A byte short of 4 GiB: the partial last page is dropped, not granted. */
	assert_int_equal(x86_seg_desc(0, 4 * GIB - 1, DESC_TYPE_DATA_RW, 0), 0x00cf92000000fffeull);
	assert_int_equal(
	    x86_desc_limit_bytes(x86_seg_desc(0, 8 * MIB + 4095, DESC_TYPE_DATA_RW, 0)), 8 * MIB);
}

static void test_desc_page_granular_limit_never_grants_more_than_asked(void **state)
{
	(void)state;
	for (uint64_t limit = MIB + 1; limit <= 4 * GIB; limit += limit < 2 * MIB ? 1 : 65537) {
		uint64_t d = x86_seg_desc(0, limit, DESC_TYPE_DATA_RW, 3);
		uint64_t got = x86_desc_limit_bytes(d);

		assert_true(d & BIT_G);
		assert_true(got <= limit);
		assert_true(limit - got < 4096);
		assert_int_equal(got % 4096, 0);
	}
}

static void test_desc_base_is_split_across_the_three_fields(void **state)
{
	uint64_t d = x86_seg_desc(0x12345678, 4096, DESC_TYPE_DATA_RW, 0);

	(void)state;
	/* base 15:0 in bits 31:16, base 23:16 in bits 39:32, base 31:24 in bits 63:56. */
	assert_int_equal(d, 0x1240923456780fffull);
	assert_int_equal((d >> 16) & 0xffff, 0x5678);
	assert_int_equal((d >> 32) & 0xff, 0x34);
	assert_int_equal(d >> 56, 0x12);
	assert_int_equal(x86_desc_base(d), 0x12345678);
	/* Every base bit lands somewhere and comes back. */
	assert_int_equal(x86_desc_base(x86_seg_desc(0xffffffff, 0, DESC_TYPE_CODE_RX, 0)),
			 0xffffffff);
	assert_int_equal(x86_seg_desc(0xffffffff, 0, DESC_TYPE_CODE_RX, 0), 0xffcf9affffffffffull);
}

static void test_desc_segment_sets_s_p_db_and_leaves_l_and_avl_clear(void **state)
{
	uint64_t small = x86_seg_desc(0x1000, 100, DESC_TYPE_DATA_RW, 2);
	uint64_t big = x86_seg_desc(0x1000, 0, DESC_TYPE_CODE_RX, 1);

	(void)state;
	assert_true(small & BIT_S && small & BIT_P && small & BIT_DB);
	assert_true(big & BIT_S && big & BIT_P && big & BIT_DB);
	assert_false(small & (BIT_L | BIT_AVL | BIT_G));
	assert_false(big & (BIT_L | BIT_AVL));
	assert_int_equal(type_of(small), DESC_TYPE_DATA_RW);
	assert_int_equal(type_of(big), DESC_TYPE_CODE_RX);
	assert_int_equal(x86_desc_dpl(small), 2);
	assert_int_equal(x86_desc_dpl(big), 1);
}

static void test_desc_tss_is_type_9_byte_granular_present_dpl_0(void **state)
{
	uint64_t d = x86_tss_desc(0x12345678, 104);

	(void)state;
	assert_int_equal(d, 0x1200893456780067ull);
	assert_int_equal(type_of(d), DESC_TYPE_TSS32);
	assert_false(d & BIT_S); /* a system descriptor */
	assert_true(d & BIT_P);
	assert_false(d & (BIT_G | BIT_DB | BIT_L | BIT_AVL));
	assert_int_equal(x86_desc_dpl(d), 0);
	assert_int_equal(x86_desc_base(d), 0x12345678);
	assert_int_equal(x86_desc_limit_bytes(d), 104);
}

static void test_desc_tss_with_io_bitmap_keeps_an_exact_byte_limit(void **state)
{
	/* 104-byte TSS + 8 KiB I/O bitmap + the trailing 0xff byte (SDM 3A 20.5.2). */
	uint64_t d = x86_tss_desc(0xc0100000, 104 + 8192 + 1);

	(void)state;
	assert_false(d & BIT_G);
	assert_int_equal(x86_desc_limit_bytes(d), 104 + 8192 + 1);
	assert_int_equal(x86_desc_base(d), 0xc0100000);
}

static void test_desc_interrupt_gate_dpl_3_matches_known_encoding(void **state)
{
	uint64_t d = x86_gate_desc(0x12345678, 0x08, DESC_TYPE_INTR_GATE, 3);

	(void)state;
	assert_int_equal(d, 0x1234ee0000085678ull);
	assert_int_equal(x86_desc_dpl(d), 3);
}

static void test_desc_interrupt_gate_dpl_0_matches_known_encoding(void **state)
{
	uint64_t d = x86_gate_desc(0x12345678, 0x08, DESC_TYPE_INTR_GATE, 0);

	(void)state;
	assert_int_equal(d, 0x12348e0000085678ull);
	assert_int_equal(x86_desc_dpl(d), 0);
}

static void test_desc_trap_gate_sets_type_f(void **state)
{
	uint64_t d = x86_gate_desc(0xdeadbeef, 0x1b, DESC_TYPE_TRAP_GATE, 0);

	(void)state;
	assert_int_equal(d, 0xdead8f00001bbeefull);
	assert_int_equal(type_of(d), 0xf);
}

static void test_desc_gate_fields_are_where_the_cpu_reads_them(void **state)
{
	uint64_t d = x86_gate_desc(0xa1b2c3d4, 0xfffc, DESC_TYPE_INTR_GATE, 3);

	(void)state;
	assert_int_equal(d & 0xffff, 0xc3d4);	      /* offset 15:0 */
	assert_int_equal((d >> 16) & 0xffff, 0xfffc); /* selector */
	assert_int_equal((d >> 32) & 0xff, 0);	      /* reserved */
	assert_int_equal(d >> 48, 0xa1b2);	      /* offset 31:16 */
	assert_true(d & BIT_P);
	assert_false(d & BIT_S);
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

static void test_desc_random_segments_round_trip_through_the_decoders(void **state)
{
	uint32_t seed = RANDOM_SEED;

	(void)state;
	for (int i = 0; i < RANDOM_ROUNDS; i++) {
		uint32_t base = next_random(&seed);
		uint32_t r = next_random(&seed);
		/* Half small (byte-granular), half anywhere up to 4 GiB. */
		uint64_t limit =
		    r & 1 ? (next_random(&seed) % MIB) + 1 : ((uint64_t)next_random(&seed) + 1);
		unsigned dpl = (r >> 1) & 3;
		unsigned type = r & 8 ? DESC_TYPE_CODE_RX : DESC_TYPE_DATA_RW;
		uint64_t d = x86_seg_desc(base, limit, type, dpl);
		uint64_t got = x86_desc_limit_bytes(d);

		assert_int_equal(x86_desc_base(d), base);
		assert_int_equal(x86_desc_dpl(d), dpl);
		assert_int_equal(type_of(d), type);
		if (limit <= MIB) {
			assert_int_equal(got, limit);
		} else {
			assert_true(got <= limit && limit - got < 4096);
		}
	}
}

static void test_desc_random_tss_round_trips_through_the_decoders(void **state)
{
	uint32_t seed = RANDOM_SEED ^ 0x55555555u;

	(void)state;
	for (int i = 0; i < RANDOM_ROUNDS; i++) {
		uint32_t base = next_random(&seed);
		uint32_t limit = next_random(&seed) % (64 * 1024) + 1;
		uint64_t d = x86_tss_desc(base, limit);

		assert_int_equal(x86_desc_base(d), base);
		assert_int_equal(x86_desc_limit_bytes(d), limit);
		assert_int_equal(x86_desc_dpl(d), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_desc_flat_ring0_code_has_the_textbook_encoding),
	    cmocka_unit_test(test_desc_flat_ring0_data_has_the_textbook_encoding),
	    cmocka_unit_test(test_desc_flat_ring3_code_has_the_textbook_encoding),
	    cmocka_unit_test(test_desc_flat_ring3_data_has_the_textbook_encoding),
	    cmocka_unit_test(test_desc_limit_0_and_limit_4_gib_both_mean_the_full_4_gib),
	    cmocka_unit_test(test_desc_limit_above_4_gib_is_clamped_to_4_gib),
	    cmocka_unit_test(test_desc_limits_far_above_4_gib_are_clamped_to_4_gib),
	    cmocka_unit_test(test_desc_byte_granular_limits_are_exact_up_to_1_mib),
	    cmocka_unit_test(test_desc_limits_above_1_mib_are_page_granular_and_round_down),
	    cmocka_unit_test(test_desc_page_granular_limit_never_grants_more_than_asked),
	    cmocka_unit_test(test_desc_base_is_split_across_the_three_fields),
	    cmocka_unit_test(test_desc_segment_sets_s_p_db_and_leaves_l_and_avl_clear),
	    cmocka_unit_test(test_desc_tss_is_type_9_byte_granular_present_dpl_0),
	    cmocka_unit_test(test_desc_tss_with_io_bitmap_keeps_an_exact_byte_limit),
	    cmocka_unit_test(test_desc_interrupt_gate_dpl_3_matches_known_encoding),
	    cmocka_unit_test(test_desc_interrupt_gate_dpl_0_matches_known_encoding),
	    cmocka_unit_test(test_desc_trap_gate_sets_type_f),
	    cmocka_unit_test(test_desc_gate_fields_are_where_the_cpu_reads_them),
	    cmocka_unit_test(test_desc_random_segments_round_trip_through_the_decoders),
	    cmocka_unit_test(test_desc_random_tss_round_trips_through_the_decoders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
