/* SPDX-License-Identifier: MIT */
/* Unit tests for loader/image: a valid image parses; every malformed field is named exactly. */
#include "loader/image.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

/*
 * The test image:
 *
 *   0       header (128 B), then zeros
 *   4096    kernel, 5000 bytes of pattern, then zeros up to 12288
 *   12288   app region, 4096 bytes
 *   16384   end
 */
#define KERNEL_OFFSET 4096u
#define KERNEL_BYTES  5000u
#define KERNEL_MEM    0x3000u /* file bytes + bss */
#define LOAD_PADDR    0x00100000u
#define ENTRY_PADDR   (LOAD_PADDR + 0x10u)
#define APPS_OFFSET   12288u
#define APPS_BYTES    4096u
#define IMAGE_BYTES   16384u

/* Byte offsets of the header fields, from the format (independent of offsetof). */
#define OFF_MAGIC	      0
#define OFF_VERSION	      4
#define OFF_HEADER_BYTES      6
#define OFF_IMAGE_BYTES	      8
#define OFF_FLAGS	      12
#define OFF_KERNEL_OFFSET     16
#define OFF_KERNEL_FILE_BYTES 20
#define OFF_KERNEL_MEM_BYTES  24
#define OFF_KERNEL_LOAD_PADDR 28
#define OFF_KERNEL_ENTRY      32
#define OFF_APPS_OFFSET	      36
#define OFF_APPS_BYTES	      40
#define OFF_RESERVED0	      44
#define OFF_KERNEL_SHA256     48
#define OFF_RESERVED	      80

/* Room past the image, so that image_bytes may claim more than the image and still be read. */
static uint8_t img[IMAGE_BYTES + 4096];
static struct image_header good; /* the valid header; tests copy and break it */

static int setup(void **state)
{
	(void)state;
	memset(img, 0, sizeof(img));
	for (unsigned i = 0; i < KERNEL_BYTES; i++)
		img[KERNEL_OFFSET + i] = (uint8_t)(i * 7 + 3);
	for (unsigned i = 0; i < APPS_BYTES; i++)
		img[APPS_OFFSET + i] = (uint8_t)(i * 13 + 1);

	memset(&good, 0, sizeof(good));
	good.magic = IMAGE_MAGIC;
	good.version = IMAGE_VERSION;
	good.header_bytes = IMAGE_HEADER_BYTES;
	good.image_bytes = IMAGE_BYTES;
	good.kernel_offset = KERNEL_OFFSET;
	good.kernel_file_bytes = KERNEL_BYTES;
	good.kernel_mem_bytes = KERNEL_MEM;
	good.kernel_load_paddr = LOAD_PADDR;
	good.kernel_entry_paddr = ENTRY_PADDR;
	good.apps_offset = APPS_OFFSET;
	good.apps_bytes = APPS_BYTES;
	sha256(img + KERNEL_OFFSET, KERNEL_BYTES, good.kernel_sha256);
	image_header_write(&good, img);
	return 0;
}

/* Writes h over the image's header and parses avail bytes. */
static enum error_code parse_with(const struct image_header *h, size_t avail,
				  struct image_header *out, struct image_diag *diag)
{
	image_header_write(h, img);
	memset(diag, 0, sizeof(*diag));
	diag->offset = 0xdeadbeef;
	return image_parse(img, avail, out, diag);
}

/* The diagnosis of the last assert_parse_fails, for checks beyond the field and offset. */
static struct image_diag diag_;

/* Parsing h must fail with rc, naming field at byte offset off. */
#define assert_parse_fails(h, avail, rc, field_name, off)                                          \
	do {                                                                                       \
		struct image_header out_;                                                          \
                                                                                                   \
		assert_int_equal(parse_with(h, avail, &out_, &diag_), rc);                         \
		assert_non_null(diag_.field);                                                      \
		assert_string_equal(diag_.field, field_name);                                      \
		assert_int_equal(diag_.offset, off);                                               \
		assert_non_null(diag_.what);                                                       \
	} while (0)

static void assert_parses(const struct image_header *h, size_t avail)
{
	struct image_header out;
	struct image_diag diag = {0};
	enum error_code rc = parse_with(h, avail, &out, &diag);

	if (rc != ERROR_NONE)
		fail_msg("parse failed: %s, field %s at %u: %s", error_name(rc),
			 diag.field ? diag.field : "?", diag.offset, diag.what ? diag.what : "?");
}

/* ---- valid images ---- */

static void test_image_valid_image_parses_and_fills_every_field(void **state)
{
	struct image_header h;
	struct image_diag diag;

	(void)state;
	assert_int_equal(image_parse(img, IMAGE_BYTES, &h, &diag), ERROR_NONE);
	assert_int_equal(h.magic, IMAGE_MAGIC);
	assert_int_equal(h.version, IMAGE_VERSION);
	assert_int_equal(h.header_bytes, IMAGE_HEADER_BYTES);
	assert_int_equal(h.image_bytes, IMAGE_BYTES);
	assert_int_equal(h.flags, 0);
	assert_int_equal(h.kernel_offset, KERNEL_OFFSET);
	assert_int_equal(h.kernel_file_bytes, KERNEL_BYTES);
	assert_int_equal(h.kernel_mem_bytes, KERNEL_MEM);
	assert_int_equal(h.kernel_load_paddr, LOAD_PADDR);
	assert_int_equal(h.kernel_entry_paddr, ENTRY_PADDR);
	assert_int_equal(h.apps_offset, APPS_OFFSET);
	assert_int_equal(h.apps_bytes, APPS_BYTES);
	assert_int_equal(h.reserved0, 0);
	assert_memory_equal(h.kernel_sha256, good.kernel_sha256, SHA256_DIGEST_BYTES);
}

static void test_image_valid_image_in_larger_storage_parses(void **state)
{
	(void)state;
	assert_parses(&good, sizeof(img));
}

static void test_image_valid_image_without_apps_parses(void **state)
{
	struct image_header h = good;

	(void)state;
	h.apps_offset = 0;
	h.apps_bytes = 0;
	h.image_bytes = KERNEL_OFFSET + KERNEL_BYTES;
	assert_parses(&h, h.image_bytes);
}

static void test_image_header_write_is_little_endian_at_the_format_offsets(void **state)
{
	uint8_t out[IMAGE_HEADER_BYTES];
	struct image_header h = good;

	(void)state;
	h.reserved0 = 0x0a0b0c0d;
	h.reserved[47] = 0xee;
	image_header_write(&h, out);
	assert_memory_equal(out + OFF_MAGIC, "TKTF", 4);
	assert_memory_equal(out + OFF_VERSION, "\x01\x00", 2);
	assert_memory_equal(out + OFF_HEADER_BYTES, "\x80\x00", 2);
	assert_memory_equal(out + OFF_IMAGE_BYTES, "\x00\x40\x00\x00", 4);
	assert_memory_equal(out + OFF_KERNEL_OFFSET, "\x00\x10\x00\x00", 4);
	assert_memory_equal(out + OFF_KERNEL_FILE_BYTES, "\x88\x13\x00\x00", 4);
	assert_memory_equal(out + OFF_KERNEL_LOAD_PADDR, "\x00\x00\x10\x00", 4);
	assert_memory_equal(out + OFF_KERNEL_ENTRY, "\x10\x00\x10\x00", 4);
	assert_memory_equal(out + OFF_RESERVED0, "\x0d\x0c\x0b\x0a", 4);
	assert_memory_equal(out + OFF_KERNEL_SHA256, good.kernel_sha256, SHA256_DIGEST_BYTES);
	assert_int_equal(out[OFF_RESERVED + 47], 0xee);
}

static void test_image_kernel_reaching_the_exact_end_parses(void **state)
{
	struct image_header h = good;

	(void)state;
	h.apps_offset = 0;
	h.apps_bytes = 0;
	h.kernel_file_bytes = IMAGE_BYTES - KERNEL_OFFSET;
	h.kernel_mem_bytes = h.kernel_file_bytes;
	assert_parses(&h, IMAGE_BYTES);
}

static void test_image_apps_right_after_a_page_sized_kernel_parse(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_file_bytes = 8192; /* ends exactly where the apps start */
	h.apps_offset = KERNEL_OFFSET + 8192;
	h.apps_bytes = IMAGE_BYTES - h.apps_offset;
	assert_parses(&h, IMAGE_BYTES);
}

static void test_image_entry_at_first_and_last_stored_byte_parses(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_entry_paddr = LOAD_PADDR;
	assert_parses(&h, IMAGE_BYTES);
	h.kernel_entry_paddr = LOAD_PADDR + KERNEL_BYTES - 1;
	assert_parses(&h, IMAGE_BYTES);
}

static void test_image_load_range_just_below_4_gib_parses(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_load_paddr = 0xffffe000u; /* mem bytes 0x1388 end at 0xfffff388 */
	h.kernel_mem_bytes = KERNEL_BYTES;
	h.kernel_entry_paddr = h.kernel_load_paddr;
	assert_parses(&h, IMAGE_BYTES);
}

/* ---- malformed: one test per rule ---- */

static void test_image_shorter_than_header_is_size_error(void **state)
{
	(void)state;
	assert_parse_fails(&good, IMAGE_HEADER_BYTES - 1, ERROR_SIZE, "image", 0);
	assert_parse_fails(&good, 0, ERROR_SIZE, "image", 0);
}

static void test_image_bad_magic_is_inval_at_magic(void **state)
{
	struct image_header h = good;

	(void)state;
	h.magic = IMAGE_MAGIC ^ 0x100;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "magic", OFF_MAGIC);
	h.magic = 0;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "magic", OFF_MAGIC);
}

static void test_image_other_version_is_nosupport_at_version(void **state)
{
	struct image_header h = good;

	(void)state;
	h.version = IMAGE_VERSION + 1;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_NOSUPPORT, "version", OFF_VERSION);
	h.version = 0;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_NOSUPPORT, "version", OFF_VERSION);
}

static void test_image_wrong_header_bytes_is_inval_at_header_bytes(void **state)
{
	struct image_header h = good;

	(void)state;
	h.header_bytes = 64;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "header_bytes", OFF_HEADER_BYTES);
	h.header_bytes = 256;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "header_bytes", OFF_HEADER_BYTES);
}

static void test_image_image_bytes_larger_than_avail_is_size_error(void **state)
{
	(void)state;
	assert_parse_fails(&good, IMAGE_BYTES - 1, ERROR_SIZE, "image_bytes", OFF_IMAGE_BYTES);
}

static void test_image_image_bytes_smaller_than_header_is_inval(void **state)
{
	struct image_header h = good;

	(void)state;
	h.image_bytes = IMAGE_HEADER_BYTES - 1;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "image_bytes", OFF_IMAGE_BYTES);
}

static void test_image_nonzero_flags_are_nosupport_at_flags(void **state)
{
	struct image_header h = good;

	(void)state;
	h.flags = 1;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_NOSUPPORT, "flags", OFF_FLAGS);
	h.flags = 0x80000000u;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_NOSUPPORT, "flags", OFF_FLAGS);
}

static void test_image_nonzero_reserved0_is_inval_at_reserved0(void **state)
{
	struct image_header h = good;

	(void)state;
	h.reserved0 = 0x01000000u;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "reserved0", OFF_RESERVED0);
}

static void test_image_each_nonzero_reserved_byte_is_inval_at_its_offset(void **state)
{
	(void)state;
	for (unsigned i = 0; i < sizeof(good.reserved); i++) {
		struct image_header h = good;
		struct image_header out;
		struct image_diag diag;

		h.reserved[i] = 0x80;
		assert_int_equal(parse_with(&h, IMAGE_BYTES, &out, &diag), ERROR_INVAL);
		assert_string_equal(diag.field, "reserved");
		assert_int_equal(diag.offset, OFF_RESERVED + i);
		assert_int_equal(diag.found, 0x80);
	}
}

static void test_image_unaligned_kernel_offset_is_inval_at_kernel_offset(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_offset = KERNEL_OFFSET + 1;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_offset", OFF_KERNEL_OFFSET);
	h.kernel_offset = KERNEL_OFFSET + 2048;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_offset", OFF_KERNEL_OFFSET);
}

static void test_image_kernel_offset_inside_header_is_inval_at_kernel_offset(void **state)
{
	struct image_header h = good;
	struct image_header out;
	struct image_diag diag;

	(void)state;
	h.kernel_offset = 0; /* aligned, but on top of the header */
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_offset", OFF_KERNEL_OFFSET);
	parse_with(&h, IMAGE_BYTES, &out, &diag);
	assert_int_equal(diag.expected, IMAGE_HEADER_BYTES);
}

static void test_image_empty_kernel_is_size_error_at_kernel_file_bytes(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_file_bytes = 0;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_SIZE, "kernel_file_bytes", OFF_KERNEL_FILE_BYTES);
}

static void test_image_kernel_past_end_is_size_error_at_kernel_file_bytes(void **state)
{
	struct image_header h = good;
	struct image_header out;
	struct image_diag diag;

	(void)state;
	h.apps_offset = 0;
	h.apps_bytes = 0;
	h.kernel_file_bytes = IMAGE_BYTES - KERNEL_OFFSET + 1;
	h.kernel_mem_bytes = h.kernel_file_bytes;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_SIZE, "kernel_file_bytes", OFF_KERNEL_FILE_BYTES);
	parse_with(&h, IMAGE_BYTES, &out, &diag);
	assert_int_equal(diag.expected, IMAGE_BYTES - KERNEL_OFFSET);
	assert_int_equal(diag.found, IMAGE_BYTES - KERNEL_OFFSET + 1);
}

static void test_image_kernel_offset_past_end_is_size_error_at_kernel_file_bytes(void **state)
{
	struct image_header h = good;

	(void)state;
	/* Aligned and far out: offset + size wraps past 2^32 back into the image. */
	h.kernel_offset = 0xfffff000u;
	h.kernel_file_bytes = 0x2000;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_SIZE, "kernel_file_bytes", OFF_KERNEL_FILE_BYTES);
	/* No room is left past the end: the report says 0, not an underflowed count. */
	assert_int_equal(diag_.expected, 0);
}

static void test_image_kernel_size_wrapping_32_bits_is_size_error(void **state)
{
	struct image_header h = good;

	(void)state;
	/* 4096 + 0xfffff001 == 1 (mod 2^32): a naive end check would pass. */
	h.kernel_file_bytes = 0xfffff001u;
	h.kernel_mem_bytes = 0xfffff001u;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_SIZE, "kernel_file_bytes", OFF_KERNEL_FILE_BYTES);
}

static void test_image_kernel_mem_smaller_than_file_is_inval_at_kernel_mem_bytes(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_mem_bytes = KERNEL_BYTES - 1;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_mem_bytes", OFF_KERNEL_MEM_BYTES);
}

static void test_image_unaligned_load_paddr_is_inval_at_kernel_load_paddr(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_load_paddr = LOAD_PADDR + 0x800;
	h.kernel_entry_paddr = h.kernel_load_paddr;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_load_paddr",
			   OFF_KERNEL_LOAD_PADDR);
}

static void test_image_load_range_wrapping_4_gib_is_inval_at_kernel_mem_bytes(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_load_paddr = 0xfffff000u;
	h.kernel_mem_bytes = 0x2000; /* would run to 0x100001000 */
	h.kernel_entry_paddr = h.kernel_load_paddr;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_mem_bytes", OFF_KERNEL_MEM_BYTES);
}

static void test_image_load_range_ending_exactly_at_4_gib_is_inval_at_kernel_mem_bytes(void **state)
{
	struct image_header h = good;

	(void)state;
	/* Its last byte is 0xffffffff, but its end (2^32) does not fit in 32 bits: refused. */
	h.kernel_load_paddr = 0xffffd000u;
	h.kernel_mem_bytes = 0x3000;
	h.kernel_entry_paddr = h.kernel_load_paddr;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_mem_bytes", OFF_KERNEL_MEM_BYTES);
	/* One page less is fine. */
	h.kernel_mem_bytes = 0x2000;
	assert_parses(&h, IMAGE_BYTES);
}

static void test_image_entry_below_kernel_is_inval_at_kernel_entry_paddr(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_entry_paddr = LOAD_PADDR - 1;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_entry_paddr", OFF_KERNEL_ENTRY);
	h.kernel_entry_paddr = 0;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_entry_paddr", OFF_KERNEL_ENTRY);
}

static void test_image_entry_above_stored_kernel_is_inval_at_kernel_entry_paddr(void **state)
{
	struct image_header h = good;

	(void)state;
	h.kernel_entry_paddr = LOAD_PADDR + KERNEL_BYTES; /* first byte of bss */
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_entry_paddr", OFF_KERNEL_ENTRY);
	h.kernel_entry_paddr = 0xffffffffu;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "kernel_entry_paddr", OFF_KERNEL_ENTRY);
}

static void test_image_apps_offset_without_apps_is_inval_at_apps_offset(void **state)
{
	struct image_header h = good;

	(void)state;
	h.apps_bytes = 0;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "apps_offset", OFF_APPS_OFFSET);
}

static void test_image_unaligned_apps_offset_is_inval_at_apps_offset(void **state)
{
	struct image_header h = good;

	(void)state;
	h.apps_offset = APPS_OFFSET + 4;
	h.apps_bytes = APPS_BYTES - 4;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "apps_offset", OFF_APPS_OFFSET);
}

static void test_image_apps_overlapping_kernel_is_inval_at_apps_offset(void **state)
{
	struct image_header h = good;

	(void)state;
	h.apps_offset = 8192; /* the kernel runs to 9096 */
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "apps_offset", OFF_APPS_OFFSET);
	h.apps_offset = 0; /* zero with apps_bytes set means offset 0, on the header */
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_INVAL, "apps_offset", OFF_APPS_OFFSET);
}

static void test_image_apps_past_end_is_size_error_at_apps_bytes(void **state)
{
	struct image_header h = good;

	(void)state;
	h.apps_bytes = APPS_BYTES + 1;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_SIZE, "apps_bytes", OFF_APPS_BYTES);
}

static void test_image_apps_offset_past_end_is_size_error_at_apps_bytes(void **state)
{
	struct image_header h = good;

	(void)state;
	h.apps_offset = 0xfffff000u; /* offset + bytes wraps to 0 */
	h.apps_bytes = 0x1000;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_SIZE, "apps_bytes", OFF_APPS_BYTES);
	assert_int_equal(diag_.expected, 0);
}

static void test_image_apps_size_wrapping_32_bits_is_size_error(void **state)
{
	struct image_header h = good;

	(void)state;
	/* 12288 + 0xffffd001 == 1 (mod 2^32). */
	h.apps_bytes = 0xffffd001u;
	assert_parse_fails(&h, IMAGE_BYTES, ERROR_SIZE, "apps_bytes", OFF_APPS_BYTES);
}

/* ---- kernel hash ---- */

/* A digest's first four bytes as a little-endian word, as image_diag reports them. */
static uint32_t first_word(const uint8_t *digest)
{
	return (uint32_t)digest[0] | (uint32_t)digest[1] << 8 | (uint32_t)digest[2] << 16 |
	       (uint32_t)digest[3] << 24;
}

static void test_image_kernel_hash_matches_for_a_good_image(void **state)
{
	struct image_header h;
	struct image_diag diag;
	uint8_t digest[SHA256_DIGEST_BYTES] = {0};

	(void)state;
	assert_int_equal(image_parse(img, IMAGE_BYTES, &h, &diag), ERROR_NONE);
	assert_int_equal(image_check_kernel_hash(img + h.kernel_offset, &h, digest, &diag),
			 ERROR_NONE);
	assert_memory_equal(digest, good.kernel_sha256, SHA256_DIGEST_BYTES);
}

static void test_image_kernel_hash_ignores_bytes_outside_the_kernel(void **state)
{
	struct image_header h;
	struct image_diag diag;
	uint8_t digest[SHA256_DIGEST_BYTES];

	(void)state;
	img[KERNEL_OFFSET - 1] ^= 1;		/* padding before */
	img[KERNEL_OFFSET + KERNEL_BYTES] ^= 1; /* padding after */
	img[APPS_OFFSET] ^= 1;
	assert_int_equal(image_parse(img, IMAGE_BYTES, &h, &diag), ERROR_NONE);
	assert_int_equal(image_check_kernel_hash(img + h.kernel_offset, &h, digest, &diag),
			 ERROR_NONE);
}

static void test_image_flipped_kernel_byte_fails_the_hash_check(void **state)
{
	static const unsigned where[] = {0, KERNEL_BYTES / 2, KERNEL_BYTES - 1};

	(void)state;
	for (unsigned i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		struct image_header h;
		struct image_diag diag = {0};
		uint8_t digest[SHA256_DIGEST_BYTES], want[SHA256_DIGEST_BYTES];

		img[KERNEL_OFFSET + where[i]] ^= 0x01;
		sha256(img + KERNEL_OFFSET, KERNEL_BYTES, want);
		assert_int_equal(image_parse(img, IMAGE_BYTES, &h, &diag), ERROR_NONE);
		assert_int_equal(image_check_kernel_hash(img + h.kernel_offset, &h, digest, &diag),
				 ERROR_FAIL);
		assert_string_equal(diag.field, "kernel_sha256");
		assert_int_equal(diag.offset, OFF_KERNEL_SHA256);
		assert_non_null(diag.what);
		/* digest gets the hash of what is there; diag shows each digest's first word. */
		assert_memory_equal(digest, want, SHA256_DIGEST_BYTES);
		assert_int_equal(diag.found, first_word(want));
		assert_int_equal(diag.expected, first_word(good.kernel_sha256));
		img[KERNEL_OFFSET + where[i]] ^= 0x01;
	}
}

static void test_image_stored_digest_differing_in_its_last_byte_fails_the_hash_check(void **state)
{
	struct image_header h = good;
	struct image_header out;
	struct image_diag diag;
	uint8_t digest[SHA256_DIGEST_BYTES];

	(void)state;
	h.kernel_sha256[SHA256_DIGEST_BYTES - 1] ^= 0x80;
	assert_int_equal(parse_with(&h, IMAGE_BYTES, &out, &diag), ERROR_NONE);
	assert_int_equal(image_check_kernel_hash(img + out.kernel_offset, &out, digest, &diag),
			 ERROR_FAIL);
	assert_string_equal(diag.field, "kernel_sha256");
	assert_int_equal(diag.offset, OFF_KERNEL_SHA256);
	assert_memory_equal(digest, good.kernel_sha256, SHA256_DIGEST_BYTES);
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_image_valid_image_parses_and_fills_every_field),
	    T(test_image_valid_image_in_larger_storage_parses),
	    T(test_image_valid_image_without_apps_parses),
	    T(test_image_header_write_is_little_endian_at_the_format_offsets),
	    T(test_image_kernel_reaching_the_exact_end_parses),
	    T(test_image_apps_right_after_a_page_sized_kernel_parse),
	    T(test_image_entry_at_first_and_last_stored_byte_parses),
	    T(test_image_load_range_just_below_4_gib_parses),
	    T(test_image_shorter_than_header_is_size_error),
	    T(test_image_bad_magic_is_inval_at_magic),
	    T(test_image_other_version_is_nosupport_at_version),
	    T(test_image_wrong_header_bytes_is_inval_at_header_bytes),
	    T(test_image_image_bytes_larger_than_avail_is_size_error),
	    T(test_image_image_bytes_smaller_than_header_is_inval),
	    T(test_image_nonzero_flags_are_nosupport_at_flags),
	    T(test_image_nonzero_reserved0_is_inval_at_reserved0),
	    T(test_image_each_nonzero_reserved_byte_is_inval_at_its_offset),
	    T(test_image_unaligned_kernel_offset_is_inval_at_kernel_offset),
	    T(test_image_kernel_offset_inside_header_is_inval_at_kernel_offset),
	    T(test_image_empty_kernel_is_size_error_at_kernel_file_bytes),
	    T(test_image_kernel_past_end_is_size_error_at_kernel_file_bytes),
	    T(test_image_kernel_offset_past_end_is_size_error_at_kernel_file_bytes),
	    T(test_image_kernel_size_wrapping_32_bits_is_size_error),
	    T(test_image_kernel_mem_smaller_than_file_is_inval_at_kernel_mem_bytes),
	    T(test_image_unaligned_load_paddr_is_inval_at_kernel_load_paddr),
	    T(test_image_load_range_wrapping_4_gib_is_inval_at_kernel_mem_bytes),
	    T(test_image_load_range_ending_exactly_at_4_gib_is_inval_at_kernel_mem_bytes),
	    T(test_image_entry_below_kernel_is_inval_at_kernel_entry_paddr),
	    T(test_image_entry_above_stored_kernel_is_inval_at_kernel_entry_paddr),
	    T(test_image_apps_offset_without_apps_is_inval_at_apps_offset),
	    T(test_image_unaligned_apps_offset_is_inval_at_apps_offset),
	    T(test_image_apps_overlapping_kernel_is_inval_at_apps_offset),
	    T(test_image_apps_past_end_is_size_error_at_apps_bytes),
	    T(test_image_apps_offset_past_end_is_size_error_at_apps_bytes),
	    T(test_image_apps_size_wrapping_32_bits_is_size_error),
	    T(test_image_kernel_hash_matches_for_a_good_image),
	    T(test_image_kernel_hash_ignores_bytes_outside_the_kernel),
	    T(test_image_flipped_kernel_byte_fails_the_hash_check),
	    T(test_image_stored_digest_differing_in_its_last_byte_fails_the_hash_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
