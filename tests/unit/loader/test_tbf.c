/* SPDX-License-Identifier: MIT */
/* Unit tests of loader/tbf.c: well-formed TBFs, every malformation, footers and relocation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/sha256.h"
#include "loader/tbf.h"

/*
 * TBFs are built byte by byte here, independently of tools/tbf_build.c, so a bug shared by
 * the builder and the parser cannot hide. The checksum is computed here too.
 */
#define MAX_FOOTERS 4

struct footer {
	uint32_t format;
	const uint8_t *data; /* NULL with TBF_CRED_SHA256: the right digest */
	uint32_t len;
};

struct tb {
	uint8_t buf[8192];
	uint32_t len;
	uint32_t hs;
	uint32_t program; /* value offset of the Program TLV, 0 if none */
	uint32_t main;	  /* value offset of the Main TLV, 0 if none */
	uint32_t beo;
	struct footer footers[MAX_FOOTERS];
	unsigned nfooters;
	const uint8_t *raw_footer; /* appended as is instead of footers */
	uint32_t raw_footer_len;
};

static struct tb t;

static void put16(uint32_t off, uint16_t v)
{
	t.buf[off] = (uint8_t)v;
	t.buf[off + 1] = (uint8_t)(v >> 8);
}

static void put32(uint32_t off, uint32_t v)
{
	put16(off, (uint16_t)v);
	put16(off + 2, (uint16_t)(v >> 16));
}

static uint32_t get32(uint32_t off)
{
	return t.buf[off] | (t.buf[off + 1] << 8) | (t.buf[off + 2] << 16) |
	       ((uint32_t)t.buf[off + 3] << 24);
}

static void resum(void)
{
	uint32_t sum = 0;

	for (uint32_t off = 0; off < t.hs; off += 4) {
		if (off != 12)
			sum ^= get32(off);
	}
	put32(12, sum);
}

static void tb_begin(uint32_t flags)
{
	memset(&t, 0, sizeof(t));
	put16(0, 2);
	put32(8, flags);
	t.len = 16;
}

/* Returns: the TLV's offset. */
static uint32_t tb_tlv(uint16_t type, const void *value, uint16_t len)
{
	uint32_t at = t.len;

	put16(at, type);
	put16(at + 2, len);
	if (len)
		memcpy(t.buf + at + 4, value, len);
	t.len += 4 + ((len + 3u) & ~3u);
	return at;
}

static uint32_t tb_u32s(uint16_t type, unsigned n, const uint32_t *v)
{
	uint8_t bytes[64];

	for (unsigned i = 0; i < n; i++)
		for (unsigned k = 0; k < 4; k++)
			bytes[4 * i + k] = (uint8_t)(v[i] >> (8 * k));
	return tb_tlv(type, bytes, (uint16_t)(4 * n));
}

static uint32_t tb_program(uint32_t init, uint32_t pts, uint32_t ram, uint32_t version)
{
	uint32_t v[5] = {init, pts, ram, 0, version};

	t.program = tb_u32s(TBF_TLV_PROGRAM, 5, v) + 4;
	return t.program - 4;
}

static uint32_t tb_main(uint32_t init, uint32_t pts, uint32_t ram)
{
	uint32_t v[3] = {init, pts, ram};

	t.main = tb_u32s(TBF_TLV_MAIN, 3, v) + 4;
	return t.main - 4;
}

static void tb_end_header(void)
{
	t.hs = t.len;
	put16(2, (uint16_t)t.hs);
}

/* Appends n bytes of a recognisable pattern. */
static void tb_bytes(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		t.buf[t.len + i] = (uint8_t)(i * 7 + 1);
	t.len += n;
}

static void tb_footer(uint32_t format, const uint8_t *data, uint32_t len)
{
	t.footers[t.nfooters++] = (struct footer){format, data, len};
}

/* Ends the binary, appends the footers, writes total_size, binary_end_offset and checksum. */
static void tb_finish(void)
{
	uint32_t total = t.len;

	t.beo = t.len;
	for (unsigned i = 0; i < t.nfooters; i++)
		total += 8 + ((t.footers[i].len + 3u) & ~3u);
	total += (t.raw_footer_len + 3u) & ~3u;
	total = (total + 3u) & ~3u;
	put32(4, total);
	if (t.program)
		put32(t.program + 12, t.beo);
	resum();
	for (unsigned i = 0; i < t.nfooters; i++) {
		const struct footer *f = &t.footers[i];

		put16(t.len, TBF_TLV_CREDENTIALS);
		put16(t.len + 2, (uint16_t)(4 + f->len));
		put32(t.len + 4, f->format);
		if (f->data)
			memcpy(t.buf + t.len + 8, f->data, f->len);
		else
			sha256(t.buf, t.beo, t.buf + t.len + 8);
		t.len += 8 + ((f->len + 3u) & ~3u);
	}
	if (t.raw_footer_len)
		memcpy(t.buf + t.len, t.raw_footer, t.raw_footer_len);
	t.len = total;
}

/*
 * The standard app: Program (init 8, ram 4096, version 1) at 16, name "app" at 40, header 48
 * bytes, binary 48..112.
 */
#define STD_PROGRAM 20 /* value offset */
#define STD_NAME    40
#define STD_HS	    48
#define STD_TOTAL   112

static void std_app_open(void)
{
	tb_begin(TBF_FLAG_ENABLED);
	tb_program(8, 0, 4096, 1);
	tb_tlv(TBF_TLV_PACKAGE_NAME, "app", 3);
}

static void std_app(void)
{
	std_app_open();
	tb_end_header();
	tb_bytes(64);
	tb_finish();
}

static enum error_code parse(struct tbf_header *h, struct tbf_diag *d)
{
	return tbf_parse(t.buf, t.len, h, d);
}

static void expect_fail(enum error_code code, const char *field, uint32_t offset)
{
	struct tbf_header h;
	struct tbf_diag d = {0};

	assert_int_equal(parse(&h, &d), code);
	assert_non_null(d.field);
	assert_string_equal(d.field, field);
	assert_int_equal(d.offset, offset);
	assert_non_null(d.what);
}

static void expect_fail_val(enum error_code code, const char *field, uint32_t offset,
			    uint32_t expected, uint32_t found)
{
	struct tbf_header h;
	struct tbf_diag d = {0};

	assert_int_equal(parse(&h, &d), code);
	assert_string_equal(d.field, field);
	assert_int_equal(d.offset, offset);
	assert_true(d.has_values);
	assert_true(d.has_expected);
	assert_int_equal(d.expected, expected);
	assert_int_equal(d.found, found);
}

static void expect_ok(struct tbf_header *h)
{
	struct tbf_diag d = {0};
	enum error_code rc = parse(h, &d);

	if (rc != ERROR_NONE)
		fail_msg("parse failed: %s at %u: %s (expected %#x, found %#x)", d.field, d.offset,
			 d.what, d.expected, d.found);
}

/* ---- well-formed TBFs ---------------------------------------------------------------------- */

static void test_program_only_app_parses_with_every_field(void **state)
{
	struct tbf_header h;

	(void)state;
	std_app();
	expect_ok(&h);
	assert_int_equal(h.version, 2);
	assert_int_equal(h.header_size, STD_HS);
	assert_int_equal(h.total_size, STD_TOTAL);
	assert_true(h.enabled);
	assert_false(h.sticky);
	assert_false(h.is_padding);
	assert_true(h.has_program);
	assert_false(h.has_main);
	assert_int_equal(h.init_fn_offset, 8);
	assert_int_equal(h.protected_trailer_size, 0);
	assert_int_equal(h.minimum_ram_size, 4096);
	assert_int_equal(h.binary_end_offset, STD_TOTAL);
	assert_int_equal(h.app_version, 1);
	assert_int_equal(h.binary_offset, STD_HS);
	assert_int_equal(h.binary_size, 64);
	assert_int_equal(h.entry_offset, STD_HS + 8);
	assert_int_equal(h.name_len, 3);
	assert_memory_equal(h.name, "app", 3);
	assert_false(h.has_kernel_version);
	assert_false(h.has_fixed_addresses);
	assert_int_equal(h.fixed_ram_vaddr, TBF_ADDR_NONE);
	assert_int_equal(h.fixed_flash_vaddr, TBF_ADDR_NONE);
	assert_false(h.has_permissions);
	assert_false(h.has_short_id);
	assert_false(h.has_relocations);
	assert_int_equal(h.writeable_region_count, 0);
	assert_int_equal(h.footer_offset, STD_TOTAL);
	assert_int_equal(h.footer_size, 0);
	assert_int_equal(h.credential_count, 0);
}

static void test_main_only_app_ends_binary_at_total_size(void **state)
{
	struct tbf_header h;

	(void)state;
	tb_begin(TBF_FLAG_ENABLED | TBF_FLAG_STICKY);
	tb_main(4, 4, 512);
	tb_end_header();
	tb_bytes(30); /* total rounds up to 64 */
	tb_finish();
	expect_ok(&h);
	assert_true(h.has_main);
	assert_false(h.has_program);
	assert_true(h.sticky);
	assert_int_equal(h.total_size, 64);
	assert_int_equal(h.binary_end_offset, 64);
	assert_int_equal(h.app_version, 0);
	assert_int_equal(h.binary_offset, 32 + 4);
	assert_int_equal(h.binary_size, 64 - 36);
	assert_int_equal(h.entry_offset, 32 + 4);
	assert_int_equal(h.footer_size, 0);
}

static void test_main_and_program_agreeing_prefers_program(void **state)
{
	struct tbf_header h;

	(void)state;
	tb_begin(TBF_FLAG_ENABLED);
	tb_main(0, 0, 1024);
	tb_program(0, 0, 1024, 9);
	tb_end_header();
	tb_bytes(16);
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_finish();
	expect_ok(&h);
	assert_true(h.has_main);
	assert_true(h.has_program);
	assert_int_equal(h.app_version, 9);
	assert_int_equal(h.binary_end_offset, t.beo);
	assert_int_equal(h.footer_offset, t.beo);
	assert_int_equal(h.footer_size, 40);
	assert_int_equal(h.credential_count, 1);
}

static void test_every_tlv_fills_its_fields(void **state)
{
	struct tbf_header h;
	struct tbf_permission p;
	uint8_t perms[2 + 32], storage[4 + 2 + 8 + 2 + 4], reloc[12 + 8];
	uint32_t wfr1[2] = {0}, wfr2[4] = {0}, fixed[2] = {0x20000, 0x10000};
	uint8_t kv[4] = {2, 0, 1, 0};
	uint32_t sid = 0xabcd, reloc_at, wfr1_at, wfr2_at;

	(void)state;
	tb_begin(TBF_FLAG_ENABLED);
	tb_program(16, 16, 8192, 2);
	tb_tlv(TBF_TLV_PACKAGE_NAME, "full", 4);
	tb_tlv(TBF_TLV_KERNEL_VERSION, kv, 4);
	tb_u32s(TBF_TLV_FIXED_ADDRESSES, 2, fixed);
	memset(perms, 0, sizeof(perms));
	perms[0] = 2;
	tbf_put32(perms + 2, 1);
	tbf_put32(perms + 6, 0);
	tbf_put64(perms + 10, 0x7);
	tbf_put32(perms + 18, 0x40001);
	tbf_put32(perms + 22, 1);
	tbf_put64(perms + 26, 0x8000000000000001ull);
	tb_tlv(TBF_TLV_PERMISSIONS, perms, sizeof(perms));
	tbf_put32(storage, 5);
	tbf_put16(storage + 4, 2);
	tbf_put32(storage + 6, 6);
	tbf_put32(storage + 10, 7);
	tbf_put16(storage + 14, 1);
	tbf_put32(storage + 16, 8);
	tb_tlv(TBF_TLV_STORAGE_PERMISSIONS, storage, sizeof(storage));
	tb_u32s(TBF_TLV_SHORT_ID, 1, &sid);
	tb_tlv(0x0020, "unknown", 7);		/* unknown in-tree: skipped */
	tb_tlv(0x8123, "private", 7);		/* unknown out-of-tree: skipped */
	tb_tlv(TBF_TLV_PIC_OPTION1, "pic1", 4); /* defined upstream, unused: skipped */
	tb_tlv(TBF_TLV_CREDENTIALS, "cred", 4); /* misplaced in the header: skipped */
	tbf_put32(reloc, 0x400000);
	tbf_put32(reloc + 4, 0x480000);
	tbf_put32(reloc + 8, 2);
	tbf_put32(reloc + 12, 0);
	tbf_put32(reloc + 16, 4 | TBF_RELOC_RAM);
	reloc_at = tb_tlv(TBF_TLV_RELOCATIONS, reloc, sizeof(reloc));
	/* Upstream writes one TLV per region; they accumulate. */
	wfr1_at = tb_u32s(TBF_TLV_WRITEABLE_FLASH_REGIONS, 2, wfr1);
	wfr2_at = tb_u32s(TBF_TLV_WRITEABLE_FLASH_REGIONS, 4, wfr2);
	tb_end_header();
	/* Region offsets count from the TBF start, so they are filled in once it is sized. */
	wfr1[0] = t.hs + 16 + 8;
	wfr1[1] = 8;
	wfr2[0] = t.hs + 16 + 16;
	wfr2[1] = 4;
	wfr2[2] = t.hs + 16 + 32;
	wfr2[3] = 32;
	put32(wfr1_at + 4, wfr1[0]);
	put32(wfr1_at + 8, wfr1[1]);
	for (int i = 0; i < 4; i++)
		put32(wfr2_at + 4 + 4 * i, wfr2[i]);
	tb_bytes(16); /* protected trailer */
	tb_bytes(64);
	tb_finish();

	expect_ok(&h);
	assert_int_equal(h.binary_offset, t.hs + 16);
	assert_int_equal(h.binary_size, 64);
	assert_int_equal(h.entry_offset, t.hs + 16);
	assert_int_equal(h.name_len, 4);
	assert_memory_equal(h.name, "full", 4);
	assert_true(h.has_kernel_version);
	assert_int_equal(h.kernel_major, 2);
	assert_int_equal(h.kernel_minor, 1);
	assert_true(h.has_fixed_addresses);
	assert_int_equal(h.fixed_ram_vaddr, 0x20000);
	assert_int_equal(h.fixed_flash_vaddr, 0x10000);
	assert_true(h.has_permissions);
	assert_int_equal(h.permission_count, 2);
	p = tbf_permission_get(&h, 0);
	assert_int_equal(p.driver, 1);
	assert_int_equal(p.offset, 0);
	assert_true(p.allowed_commands == 0x7);
	p = tbf_permission_get(&h, 1);
	assert_int_equal(p.driver, 0x40001);
	assert_int_equal(p.offset, 1);
	assert_true(p.allowed_commands == 0x8000000000000001ull);
	p = tbf_permission_get(&h, 2);
	assert_true(p.driver == 0 && p.offset == 0 && p.allowed_commands == 0);
	assert_true(h.has_storage_permissions);
	assert_int_equal(h.storage_write_id, 5);
	assert_int_equal(h.storage_read_count, 2);
	assert_int_equal(tbf_storage_read_id(&h, 0), 6);
	assert_int_equal(tbf_storage_read_id(&h, 1), 7);
	assert_int_equal(tbf_storage_read_id(&h, 2), 0);
	assert_int_equal(h.storage_modify_count, 1);
	assert_int_equal(tbf_storage_modify_id(&h, 0), 8);
	assert_int_equal(tbf_storage_modify_id(&h, 1), 0);
	assert_true(h.has_short_id);
	assert_int_equal(h.short_id, 0xabcd);
	assert_int_equal(h.writeable_region_count, 3);
	assert_int_equal(h.writeable_regions[0].offset, wfr1[0]);
	assert_int_equal(h.writeable_regions[0].size, 8);
	assert_int_equal(h.writeable_regions[1].offset, wfr2[0]);
	assert_int_equal(h.writeable_regions[2].size, 32);
	assert_true(h.has_relocations);
	assert_int_equal(h.reloc_offset, reloc_at);
	assert_int_equal(h.reloc_link_flash_vaddr, 0x400000);
	assert_int_equal(h.reloc_link_ram_vaddr, 0x480000);
	assert_int_equal(h.reloc_count, 2);
	assert_int_equal(tbf_relocation_get(&h, 0), 0);
	assert_int_equal(tbf_relocation_get(&h, 1), 4 | TBF_RELOC_RAM);
	assert_int_equal(tbf_relocation_get(&h, 2), 0);
}

static void test_padding_tbf_is_reported_as_padding(void **state)
{
	struct tbf_header h;

	(void)state;
	tb_begin(0);
	tb_end_header();
	tb_bytes(240);
	tb_finish();
	expect_ok(&h);
	assert_true(h.is_padding);
	assert_false(h.enabled);
	assert_int_equal(h.header_size, 16);
	assert_int_equal(h.total_size, 256);
	assert_int_equal(h.binary_size, 0);
	assert_int_equal(h.footer_size, 0);
}

static void test_disabled_app_with_program_is_not_padding(void **state)
{
	struct tbf_header h;

	(void)state;
	tb_begin(0);
	tb_program(0, 0, 0, 0);
	tb_end_header();
	tb_bytes(4);
	tb_finish();
	expect_ok(&h);
	assert_false(h.enabled);
	assert_false(h.is_padding);
	assert_int_equal(h.binary_size, 4);
}

static void test_unaligned_buffer_parses(void **state)
{
	static uint8_t shifted[sizeof(t.buf) + 3];
	struct tbf_header h;

	(void)state;
	std_app();
	for (int k = 1; k <= 3; k++) {
		memcpy(shifted + k, t.buf, t.len);
		assert_int_equal(tbf_parse(shifted + k, t.len, &h, NULL), ERROR_NONE);
		assert_int_equal(h.init_fn_offset, 8);
		assert_int_equal(h.minimum_ram_size, 4096);
	}
}

static void test_app_list_walks_by_total_size(void **state)
{
	static uint8_t list[2 * STD_TOTAL + 64];
	struct tbf_header h;
	size_t off = 0;
	int count = 0;

	(void)state;
	std_app();
	memcpy(list, t.buf, STD_TOTAL);
	memcpy(list + STD_TOTAL, t.buf, STD_TOTAL);
	memset(list + 2 * STD_TOTAL, 0xFF, 64);
	while (tbf_parse(list + off, sizeof(list) - off, &h, NULL) == ERROR_NONE) {
		off += h.total_size;
		count++;
	}
	assert_int_equal(count, 2);
	assert_int_equal(off, 2 * STD_TOTAL);
	assert_int_equal(h.total_size, 0); /* erased flash: version 0xFFFF, stop */
}

static void test_unknown_tlvs_may_repeat(void **state)
{
	struct tbf_header h;

	(void)state;
	std_app_open();
	tb_tlv(0x0030, "a", 1);
	tb_tlv(0x0030, "b", 1);
	tb_tlv(0x8030, "", 0);
	tb_tlv(0x8030, "", 0);
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	expect_ok(&h);
}

static void test_utf8_name_is_accepted(void **state)
{
	static const char name[] = "caf\xc3\xa9-\xe2\x9c\x93-\xf0\x9f\x98\x80-\xc2\xa0";
	struct tbf_header h;

	(void)state;
	tb_begin(TBF_FLAG_ENABLED);
	tb_program(0, 0, 0, 0);
	tb_tlv(TBF_TLV_PACKAGE_NAME, name, sizeof(name) - 1);
	tb_end_header();
	tb_bytes(4);
	tb_finish();
	expect_ok(&h);
	assert_int_equal(h.name_len, sizeof(name) - 1);
}

static void test_null_diag_is_allowed(void **state)
{
	struct tbf_header h;

	(void)state;
	std_app();
	t.buf[12] ^= 1;
	assert_int_equal(tbf_parse(t.buf, t.len, &h, NULL), ERROR_FAIL);
}

/* ---- base header ----------------------------------------------------------------------------- */

static void test_short_buffer_is_size_error(void **state)
{
	struct tbf_header h;
	struct tbf_diag d;

	(void)state;
	std_app();
	assert_int_equal(tbf_parse(t.buf, 15, &h, &d), ERROR_SIZE);
	assert_string_equal(d.field, "header");
	assert_int_equal(d.offset, 0);
	assert_int_equal(d.expected, 16);
	assert_int_equal(d.found, 15);
	assert_int_equal(h.total_size, 0);
}

static void test_version_1_is_nosupport(void **state)
{
	struct tbf_header h;

	(void)state;
	std_app();
	put16(0, 1);
	expect_fail_val(ERROR_NOSUPPORT, "version", 0, 2, 1);
	parse(&h, NULL);
	assert_int_equal(h.total_size, 0);
}

static void test_header_size_below_16_is_inval(void **state)
{
	(void)state;
	std_app();
	put16(2, 12);
	expect_fail_val(ERROR_INVAL, "header_size", 2, 16, 12);
}

static void test_header_size_unaligned_is_inval(void **state)
{
	(void)state;
	std_app();
	put16(2, 50);
	expect_fail_val(ERROR_INVAL, "header_size", 2, 52, 50);
}

static void test_total_size_unaligned_is_inval(void **state)
{
	(void)state;
	std_app();
	put32(4, STD_TOTAL + 1);
	expect_fail_val(ERROR_INVAL, "total_size", 4, STD_TOTAL + 4, STD_TOTAL + 1);
}

static void test_total_size_below_header_size_is_inval(void **state)
{
	(void)state;
	std_app();
	put32(4, 40);
	expect_fail_val(ERROR_INVAL, "total_size", 4, STD_HS, 40);
}

static void test_total_size_past_storage_is_size_error(void **state)
{
	struct tbf_header h;
	struct tbf_diag d;

	(void)state;
	std_app();
	assert_int_equal(tbf_parse(t.buf, STD_TOTAL - 4, &h, &d), ERROR_SIZE);
	assert_string_equal(d.field, "total_size");
	assert_int_equal(d.offset, 4);
	assert_int_equal(d.expected, STD_TOTAL - 4);
	assert_int_equal(d.found, STD_TOTAL);
	assert_int_equal(h.total_size, 0);
}

static void test_checksum_mismatch_is_fail_and_skippable(void **state)
{
	struct tbf_header h;
	uint32_t good;

	(void)state;
	std_app();
	good = get32(12);
	put32(12, good ^ 0x100);
	expect_fail_val(ERROR_FAIL, "checksum", 12, good, good ^ 0x100);
	parse(&h, NULL);
	assert_int_equal(h.total_size, STD_TOTAL); /* a walker can skip to the next TBF */
}

static void test_checksum_covers_every_header_word(void **state)
{
	(void)state;
	for (uint32_t off = 0; off < STD_HS; off += 4) {
		if (off == 12 || off < 12)
			continue; /* base fields are checked on their own first */
		std_app();
		t.buf[off + 3] ^= 0x80;
		expect_fail(ERROR_FAIL, "checksum", 12);
	}
}

static void test_checksum_function_xors_all_but_word_3(void **state)
{
	uint8_t b[20] = {0};

	(void)state;
	tbf_put32(b, 1);
	tbf_put32(b + 4, 2);
	tbf_put32(b + 8, 4);
	tbf_put32(b + 12, 0xffffffff);
	tbf_put32(b + 16, 8);
	assert_int_equal(tbf_checksum(b, 20), 15);
	assert_int_equal(tbf_checksum(b, 16), 7);
}

/* ---- TLV framing ------------------------------------------------------------------------------
 */

static void test_tlv_running_past_header_is_inval(void **state)
{
	(void)state;
	std_app();
	put16(STD_NAME + 2, 5);
	resum();
	expect_fail_val(ERROR_INVAL, "tlv.length", STD_NAME + 2, STD_HS - STD_NAME - 4, 5);
}

static void test_tlv_header_cut_by_header_size_is_inval(void **state)
{
	(void)state;
	std_app_open();
	tb_tlv(0x0040, "abcdefgh", 8);
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	/* Shrink the header so the last TLV's value no longer fits. */
	t.hs -= 4;
	put16(2, (uint16_t)t.hs);
	resum();
	expect_fail_val(ERROR_INVAL, "tlv.length", STD_HS + 2, 4, 8);
}

struct dup_case {
	uint16_t type;
	const char *name;
	uint8_t value[32];
	uint16_t len;
};

static void test_duplicate_singular_tlvs_are_inval(void **state)
{
	static const struct dup_case cases[] = {
	    {TBF_TLV_MAIN, "main", {0}, 12},
	    {TBF_TLV_PACKAGE_NAME, "package_name", "x", 1},
	    {TBF_TLV_FIXED_ADDRESSES,
	     "fixed_addresses",
	     {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
	     8},
	    {TBF_TLV_PERMISSIONS, "permissions", {0}, 2},
	    {TBF_TLV_STORAGE_PERMISSIONS, "storage_permissions", {0}, 8},
	    {TBF_TLV_KERNEL_VERSION, "kernel_version", {2, 0, 0, 0}, 4},
	    {TBF_TLV_PROGRAM, "program", {0}, 20},
	    {TBF_TLV_SHORT_ID, "short_id", {1}, 4},
	    {TBF_TLV_RELOCATIONS, "relocations", {0}, 12},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t second;

		tb_begin(0);
		tb_tlv(cases[i].type, cases[i].value, cases[i].len);
		second = tb_tlv(cases[i].type, cases[i].value, cases[i].len);
		tb_end_header();
		tb_bytes(4);
		tb_finish();
		expect_fail(ERROR_INVAL, cases[i].name, second);
	}
}

/* ---- Main / Program ---------------------------------------------------------------------------
 */

static void test_main_wrong_length_is_inval(void **state)
{
	uint32_t v[2] = {0, 0}, at;

	(void)state;
	tb_begin(TBF_FLAG_ENABLED);
	at = tb_u32s(TBF_TLV_MAIN, 2, v);
	tb_end_header();
	tb_bytes(4);
	tb_finish();
	expect_fail_val(ERROR_INVAL, "main", at + 2, 12, 8);
}

static void test_program_wrong_length_is_inval(void **state)
{
	uint32_t v[4] = {0}, at;

	(void)state;
	tb_begin(TBF_FLAG_ENABLED);
	at = tb_u32s(TBF_TLV_PROGRAM, 4, v);
	tb_end_header();
	tb_bytes(4);
	tb_finish();
	expect_fail_val(ERROR_INVAL, "program", at + 2, 20, 16);
}

static void test_main_disagreeing_with_program_is_inval(void **state)
{
	static const char *const fields[3] = {"main.init_fn_offset", "main.protected_trailer_size",
					      "main.minimum_ram_size"};

	(void)state;
	for (uint32_t i = 0; i < 3; i++) {
		tb_begin(TBF_FLAG_ENABLED);
		tb_main(4, 4, 64);
		tb_program(4, 4, 64, 0);
		tb_end_header();
		tb_bytes(32);
		tb_finish();
		put32(t.main + 4 * i, 0);
		resum();
		expect_fail_val(ERROR_INVAL, fields[i], t.main + 4 * i, 4 + 60 * (i == 2), 0);
	}
}

static void test_enabled_app_without_main_or_program_is_inval(void **state)
{
	(void)state;
	tb_begin(TBF_FLAG_ENABLED | TBF_FLAG_STICKY);
	tb_tlv(TBF_TLV_PACKAGE_NAME, "pad", 3);
	tb_end_header();
	tb_bytes(8);
	tb_finish();
	expect_fail_val(ERROR_INVAL, "flags", 8, TBF_FLAG_STICKY,
			TBF_FLAG_ENABLED | TBF_FLAG_STICKY);
}

static void test_binary_end_past_total_size_is_inval(void **state)
{
	(void)state;
	std_app();
	put32(STD_PROGRAM + 12, STD_TOTAL + 4);
	resum();
	expect_fail_val(ERROR_INVAL, "program.binary_end_offset", STD_PROGRAM + 12, STD_TOTAL,
			STD_TOTAL + 4);
}

static void test_binary_end_inside_header_is_inval(void **state)
{
	(void)state;
	std_app();
	put32(STD_PROGRAM + 12, STD_HS - 4);
	resum();
	expect_fail_val(ERROR_INVAL, "program.binary_end_offset", STD_PROGRAM + 12, STD_HS,
			STD_HS - 4);
}

static void test_protected_trailer_past_binary_end_is_inval(void **state)
{
	(void)state;
	std_app();
	put32(STD_PROGRAM + 4, 65);
	resum();
	expect_fail_val(ERROR_INVAL, "program.protected_trailer_size", STD_PROGRAM + 4, 64, 65);
}

static void test_init_fn_in_protected_trailer_is_inval(void **state)
{
	(void)state;
	std_app();
	put32(STD_PROGRAM + 4, 16);
	put32(STD_PROGRAM, 12);
	resum();
	expect_fail_val(ERROR_INVAL, "program.init_fn_offset", STD_PROGRAM, 16, 12);
}

static void test_init_fn_past_binary_is_inval(void **state)
{
	(void)state;
	std_app();
	put32(STD_PROGRAM, 64);
	resum();
	expect_fail_val(ERROR_INVAL, "program.init_fn_offset", STD_PROGRAM, 63, 64);
}

static void test_program_with_empty_binary_is_inval(void **state)
{
	(void)state;
	tb_begin(TBF_FLAG_ENABLED);
	tb_program(0, 0, 0, 0);
	tb_end_header();
	tb_finish();
	expect_fail(ERROR_INVAL, "program.init_fn_offset", 20);
}

static void test_main_protected_trailer_past_total_is_inval(void **state)
{
	(void)state;
	tb_begin(TBF_FLAG_ENABLED);
	tb_main(0, 100, 0);
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	expect_fail_val(ERROR_INVAL, "main.protected_trailer_size", t.main + 4, 16, 100);
}

/* ---- package name -----------------------------------------------------------------------------
 */

static void name_case(const char *name, uint16_t len, const char *field, uint32_t bad_index,
		      uint32_t found)
{
	uint32_t at;

	tb_begin(TBF_FLAG_ENABLED);
	tb_program(0, 0, 0, 0);
	at = tb_tlv(TBF_TLV_PACKAGE_NAME, name, len);
	tb_end_header();
	tb_bytes(4);
	tb_finish();
	if (len <= TBF_MAX_NAME_BYTES) {
		struct tbf_header h;
		struct tbf_diag d = {0};

		expect_fail(ERROR_INVAL, field, at + 4 + bad_index);
		parse(&h, &d);
		assert_false(d.has_expected);
		assert_true(d.has_values);
		assert_int_equal(d.found, found);
	} else
		expect_fail_val(ERROR_INVAL, field, at + 2, TBF_MAX_NAME_BYTES, found);
}

static void test_name_too_long_is_inval(void **state)
{
	char name[TBF_MAX_NAME_BYTES + 1];

	(void)state;
	memset(name, 'a', sizeof(name));
	name_case(name, sizeof(name), "package_name", 0, TBF_MAX_NAME_BYTES + 1);
}

static void test_name_with_nul_is_inval(void **state)
{
	(void)state;
	name_case("ab\0cd", 5, "package_name", 2, 0);
}

static void test_name_with_control_characters_is_inval(void **state)
{
	(void)state;
	name_case("a\x1b[2J", 5, "package_name", 1, 0x1b);
	name_case("a\x7f", 2, "package_name", 1, 0x7f);
	name_case("\n", 1, "package_name", 0, '\n');
	name_case("a\xc2\x9b", 3, "package_name", 2, 0x9b); /* C1 CSI */
}

static void test_name_with_invalid_utf8_is_inval(void **state)
{
	(void)state;
	name_case("a\xff", 2, "package_name", 1, 0xff);
	name_case("\xc0\xaf", 2, "package_name", 0, 0xc0);	   /* overlong '/' */
	name_case("\xe0\x80\xaf", 3, "package_name", 1, 0x80);	   /* overlong */
	name_case("\xed\xa0\x80", 3, "package_name", 1, 0xa0);	   /* surrogate */
	name_case("\xf4\x90\x80\x80", 4, "package_name", 1, 0x90); /* above U+10FFFF */
	name_case("\xf5\x80\x80\x80", 4, "package_name", 0, 0xf5);
	name_case("ab\xe2\x82", 4, "package_name", 2, 0xe2); /* truncated */
	name_case("\xe2\x28\xa1", 3, "package_name", 1, 0x28);
	name_case("\xe2\x82\x28", 3, "package_name", 2, 0x28);
	name_case("\x80", 1, "package_name", 0, 0x80); /* lone continuation */
}

/* ---- fixed-size TLVs --------------------------------------------------------------------------
 */

static void bad_length_case(uint16_t type, uint16_t len, const char *field, uint32_t expected)
{
	uint8_t zeros[32] = {1};
	uint32_t at;

	std_app_open();
	at = tb_tlv(type, zeros, len);
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	expect_fail_val(ERROR_INVAL, field, at + 2, expected, len);
}

static void test_fixed_size_tlvs_with_wrong_length_are_inval(void **state)
{
	(void)state;
	bad_length_case(TBF_TLV_FIXED_ADDRESSES, 4, "fixed_addresses", 8);
	bad_length_case(TBF_TLV_FIXED_ADDRESSES, 12, "fixed_addresses", 8);
	bad_length_case(TBF_TLV_KERNEL_VERSION, 2, "kernel_version", 4);
	bad_length_case(TBF_TLV_KERNEL_VERSION, 8, "kernel_version", 4);
	bad_length_case(TBF_TLV_SHORT_ID, 8, "short_id", 4);
	bad_length_case(TBF_TLV_SHORT_ID, 0, "short_id", 4);
}

static void test_short_id_zero_is_inval(void **state)
{
	uint32_t zero = 0, at;

	(void)state;
	std_app_open();
	at = tb_u32s(TBF_TLV_SHORT_ID, 1, &zero);
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	expect_fail(ERROR_INVAL, "short_id", at + 4);
}

static void fixed_case(uint32_t ram, uint32_t flash, uint32_t min_ram, const char *field,
		       uint32_t field_off, uint32_t expected, uint32_t found)
{
	uint32_t v[2] = {ram, flash}, at;

	tb_begin(TBF_FLAG_ENABLED);
	tb_program(0, 0, min_ram, 0);
	at = tb_u32s(TBF_TLV_FIXED_ADDRESSES, 2, v);
	tb_end_header();
	tb_bytes(64);
	tb_finish();
	if (!field) {
		struct tbf_header h;

		expect_ok(&h);
		return;
	}
	expect_fail_val(ERROR_INVAL, field, at + 4 + field_off, expected, found);
}

static void test_fixed_addresses_wrapping_4g_are_inval(void **state)
{
	(void)state;
	fixed_case(0xFFFFF000, TBF_ADDR_NONE, 0x2000, "fixed_addresses.ram", 0, 0xFFFFE000,
		   0xFFFFF000);
	fixed_case(TBF_ADDR_NONE, 0xFFFFFFF0, 0, "fixed_addresses.flash", 4, 0xFFFFFFC0,
		   0xFFFFFFF0);
	fixed_case(TBF_ADDR_NONE, TBF_ADDR_NONE, 0x10000, NULL, 0, 0, 0); /* none: no limit */
	fixed_case(0xFFFFE000, 0xFFFFFFC0, 0x2000, NULL, 0, 0, 0);	  /* ends at 4 GiB */
}

/* ---- permissions and storage permissions ------------------------------------------------------
 */

static void test_permissions_too_short_is_inval(void **state)
{
	(void)state;
	bad_length_case(TBF_TLV_PERMISSIONS, 1, "permissions", 2);
}

static void test_permissions_count_not_matching_length_is_inval(void **state)
{
	uint8_t v[2 + 16] = {2, 0};
	uint32_t at;

	(void)state;
	std_app_open();
	at = tb_tlv(TBF_TLV_PERMISSIONS, v, sizeof(v));
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	expect_fail_val(ERROR_INVAL, "permissions", at + 2, 34, 18);
}

static void storage_case(const uint8_t *v, uint16_t len, uint32_t expected)
{
	uint32_t at;

	std_app_open();
	at = tb_tlv(TBF_TLV_STORAGE_PERMISSIONS, v, len);
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	expect_fail_val(ERROR_INVAL, "storage_permissions", at + 2, expected, len);
}

static void test_storage_permissions_malformed_are_inval(void **state)
{
	uint8_t v[32] = {0};

	(void)state;
	storage_case(v, 4, 8); /* no room for the read count */
	v[4] = 3;	       /* 3 read ids, but only 2 bytes follow */
	storage_case(v, 8, 20);
	v[4] = 1; /* 1 read id, then 2 modify ids, but only one given */
	v[10] = 2;
	storage_case(v, 16, 20);
	v[10] = 0; /* trailing junk after the modify ids */
	storage_case(v, 16, 12);
}

/* ---- writeable flash regions ------------------------------------------------------------------
 */

static void test_writeable_region_length_not_multiple_of_8_is_inval(void **state)
{
	(void)state;
	bad_length_case(TBF_TLV_WRITEABLE_FLASH_REGIONS, 12, "writeable_flash_regions", 16);
}

static void test_too_many_writeable_regions_is_inval(void **state)
{
	uint32_t v[10] = {0}, at;

	(void)state;
	std_app_open();
	at = tb_u32s(TBF_TLV_WRITEABLE_FLASH_REGIONS, 10, v);
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	expect_fail_val(ERROR_INVAL, "writeable_flash_regions", at, TBF_MAX_WRITEABLE_REGIONS, 5);
}

static void wfr_case(uint32_t offset, uint32_t size, const char *field, uint32_t delta,
		     uint32_t expected, uint32_t found)
{
	uint32_t v[2] = {offset, size}, at;

	std_app_open();
	at = tb_u32s(TBF_TLV_WRITEABLE_FLASH_REGIONS, 2, v);
	tb_end_header();
	tb_bytes(64); /* header 60 bytes: binary = [60, 124) */
	tb_finish();
	if (!field) {
		struct tbf_header h;

		expect_ok(&h);
		assert_int_equal(h.writeable_region_count, 1);
		return;
	}
	expect_fail_val(ERROR_INVAL, field, at + 4 + delta, expected, found);
}

static void test_writeable_region_outside_binary_is_inval(void **state)
{
	(void)state;
	wfr_case(0, 8, "writeable_flash_regions.offset", 0, 60, 0);
	wfr_case(56, 8, "writeable_flash_regions.offset", 0, 60, 56);
	wfr_case(128, 0, "writeable_flash_regions.offset", 0, 60, 128);
	wfr_case(116, 9, "writeable_flash_regions.size", 4, 8, 9);
	wfr_case(64, 0xFFFFFFF8, "writeable_flash_regions.size", 4, 60, 0xFFFFFFF8);
	wfr_case(60, 64, NULL, 0, 0, 0);
	wfr_case(124, 0, NULL, 0, 0, 0);
}

/* ---- relocation TLV ---------------------------------------------------------------------------
 */

/* A Program app with a 64-byte binary (after a 16-byte trailer) and the given entries. */
static uint32_t reloc_app(const uint32_t *entries, uint32_t n, uint32_t count, uint16_t len)
{
	uint8_t v[12 + 4 * 16] = {0};
	uint32_t at;

	tbf_put32(v, 0x400000);
	tbf_put32(v + 4, 0x480000);
	tbf_put32(v + 8, count);
	for (uint32_t i = 0; i < n; i++)
		tbf_put32(v + 12 + 4 * i, entries[i]);
	tb_begin(TBF_FLAG_ENABLED);
	tb_program(16, 16, 1024, 0);
	at = tb_tlv(TBF_TLV_RELOCATIONS, v, len);
	tb_end_header();
	tb_bytes(16);
	for (uint32_t i = 0; i < 64; i += 4) {
		put32(t.len, i < 32 ? 0x400000 + i : 0x480000 + i);
		t.len += 4;
	}
	tb_finish();
	return at;
}

static void test_relocation_tlv_too_short_is_inval(void **state)
{
	uint32_t at;

	(void)state;
	at = reloc_app(NULL, 0, 0, 8);
	expect_fail_val(ERROR_INVAL, "relocations", at + 2, 12, 8);
}

static void test_relocation_tlv_partial_entry_is_inval(void **state)
{
	uint32_t e[1] = {0}, at;

	(void)state;
	at = reloc_app(e, 1, 1, 14);
	expect_fail_val(ERROR_INVAL, "relocations", at + 2, 16, 14);
}

static void test_relocation_count_not_matching_length_is_inval(void **state)
{
	uint32_t e[2] = {0, 4}, at;

	(void)state;
	at = reloc_app(e, 2, 3, 20);
	expect_fail_val(ERROR_INVAL, "relocations.count", at + 12, 2, 3);
	at = reloc_app(e, 2, 0xFFFFFFFF, 20);
	expect_fail_val(ERROR_INVAL, "relocations.count", at + 12, 2, 0xFFFFFFFF);
}

static void test_relocation_entries_are_checked(void **state)
{
	struct {
		uint32_t e[2];
		uint32_t bad; /* index of the bad entry */
		uint32_t expected, found;
	} cases[] = {
	    {{0, 8 | TBF_RELOC_RESERVED}, 1, 8, 8 | TBF_RELOC_RESERVED},
	    {{0, 64}, 1, 60, 64},		  /* past the binary */
	    {{0, 0x3FFFFFFC}, 1, 60, 0x3FFFFFFC}, /* far past */
	    {{0, 0x3FFFFFFF}, 1, 60, 0x3FFFFFFF}, /* + 4 would wrap 30 bits */
	    {{8, 4}, 1, 12, 4},			  /* descending */
	    {{8, 8 | TBF_RELOC_RAM}, 1, 12, 8},	  /* the same word twice */
	    {{0, 2}, 1, 4, 2},			  /* overlapping */
	    {{61 | TBF_RELOC_RAM, 0}, 0, 60, 61}, /* crossing the end */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t at = reloc_app(cases[i].e, 2, 2, 20);

		expect_fail_val(ERROR_INVAL, "relocations.entry", at + 16 + 4 * cases[i].bad,
				cases[i].expected, cases[i].found);
	}
}

static void test_relocation_entries_at_binary_edges_are_accepted(void **state)
{
	uint32_t e[2] = {0, 60 | TBF_RELOC_RAM};
	struct tbf_header h;

	(void)state;
	reloc_app(e, 2, 2, 20);
	expect_ok(&h);
	assert_int_equal(h.reloc_count, 2);
}

static void test_relocation_entries_at_unaligned_offsets_are_accepted(void **state)
{
	/* -fno-pic code holds addresses inside instructions: any byte offset goes, and words
	 * may touch (each starts where the one before ends). */
	uint32_t e[5] = {1, 5 | TBF_RELOC_RAM, 10, 14 | TBF_RELOC_RAM, 60};
	struct tbf_header h;

	(void)state;
	reloc_app(e, 5, 5, 32);
	expect_ok(&h);
	assert_int_equal(h.reloc_count, 5);
	assert_int_equal(tbf_relocation_get(&h, 1), 5 | TBF_RELOC_RAM);
}

/* Parses the 2-entry reloc_app with entries a, b; expects entry 1 refused for what. */
static void reloc_entry_case(uint32_t a, uint32_t b, const char *what, uint32_t expected)
{
	uint32_t e[2] = {a, b}, at = reloc_app(e, 2, 2, 20);
	struct tbf_header h;
	struct tbf_diag d = {0};

	assert_int_equal(parse(&h, &d), ERROR_INVAL);
	assert_string_equal(d.field, "relocations.entry");
	assert_int_equal(d.offset, at + 16 + 4);
	assert_string_equal(d.what, what);
	assert_int_equal(d.expected, expected);
	assert_int_equal(d.found, b & TBF_RELOC_OFFSET_MASK);
}

static void test_relocation_entries_overlapping_are_inval(void **state)
{
	static const char overlap[] = "overlaps the previous word";

	(void)state;
	reloc_entry_case(0, 1, overlap, 4);
	reloc_entry_case(0, 3 | TBF_RELOC_RAM, overlap, 4);
	reloc_entry_case(1, 4, overlap, 5);
	reloc_entry_case(5, 8, overlap, 9);
	reloc_entry_case(57, 60, overlap, 61);
}

static void test_relocation_entries_not_ascending_are_inval(void **state)
{
	static const char order[] = "not ascending";

	(void)state;
	reloc_entry_case(8, 4, order, 12);
	reloc_entry_case(9, 5, order, 13);
	reloc_entry_case(9, 9 | TBF_RELOC_RAM, order, 13);
	reloc_entry_case(60, 0, order, 64);
}

static void test_relocation_word_crossing_binary_end_is_inval(void **state)
{
	static const char past[] = "past the end of the binary";

	(void)state;
	reloc_entry_case(0, 61, past, 60);
	reloc_entry_case(0, 62, past, 60);
	reloc_entry_case(0, 63 | TBF_RELOC_RAM, past, 60);
	reloc_entry_case(0, 64, past, 60);
}

static void test_relocation_in_binary_shorter_than_a_word_is_inval(void **state)
{
	uint8_t v[16] = {0};
	uint32_t at;

	(void)state;
	tbf_put32(v + 8, 1); /* one entry, offset 0 */
	tb_begin(TBF_FLAG_ENABLED);
	tb_program(0, 0, 1024, 0);
	at = tb_tlv(TBF_TLV_RELOCATIONS, v, sizeof(v));
	tb_end_header();
	tb_bytes(3);
	tb_finish();
	expect_fail_val(ERROR_INVAL, "relocations.entry", at + 16, 0, 0);
}

/* ---- footer structure -------------------------------------------------------------------------
 */

static void raw_footer_case(const uint8_t *raw, uint32_t len, const char *field, uint32_t delta,
			    uint32_t expected, uint32_t found)
{
	std_app_open();
	tb_end_header();
	tb_bytes(64);
	t.raw_footer = raw;
	t.raw_footer_len = len;
	tb_finish();
	expect_fail_val(ERROR_INVAL, field, STD_TOTAL + delta, expected, found);
}

static void test_footer_that_is_not_a_credential_is_inval(void **state)
{
	static const uint8_t zeros[8];
	static const uint8_t main_tlv[16] = {1, 0, 12, 0};

	(void)state;
	raw_footer_case(zeros, 8, "footer.type", 0, 128, 0);
	raw_footer_case(main_tlv, 16, "footer.type", 0, 128, 1);
}

static void test_footer_too_short_for_format_is_inval(void **state)
{
	static const uint8_t f[4] = {128, 0, 2, 0};

	(void)state;
	raw_footer_case(f, 4, "footer.length", 2, 4, 2);
}

static void test_footer_running_past_total_size_is_inval(void **state)
{
	static const uint8_t f[40] = {128, 0, 100, 0, 3, 0, 0, 0};

	(void)state;
	raw_footer_case(f, 40, "footer.length", 2, 36, 100);
}

static void test_footer_with_wrong_length_for_format_is_inval(void **state)
{
	static const uint8_t sha[24] = {128, 0, 20, 0, 3, 0, 0, 0};
	static const uint8_t ecdsa[40] = {128, 0, 36, 0, 6, 0, 0, 0};
	static const uint8_t sha512[40] = {128, 0, 36, 0, 5, 0, 0, 0};

	(void)state;
	raw_footer_case(sha, 24, "footer.length", 2, 36, 20);
	raw_footer_case(ecdsa, 40, "footer.length", 2, 68, 36);
	raw_footer_case(sha512, 40, "footer.length", 2, 68, 36);
}

static void test_main_only_app_has_no_footer_region(void **state)
{
	struct tbf_header h;
	enum tbf_cred_status status;

	(void)state;
	tb_begin(TBF_FLAG_ENABLED);
	tb_main(0, 0, 0);
	tb_end_header();
	tb_bytes(40); /* would be garbage as footers, but there are none without Program */
	tb_finish();
	expect_ok(&h);
	assert_int_equal(h.footer_size, 0);
	assert_int_equal(tbf_verify_footer(t.buf, &h, &status, NULL), ERROR_NODEVICE);
	assert_int_equal(status, TBF_CRED_STATUS_NONE);
}

/* ---- kernel version ---------------------------------------------------------------------------
 */

static void kv_app(uint16_t major, uint16_t minor, struct tbf_header *h)
{
	uint8_t v[4];

	tbf_put16(v, major);
	tbf_put16(v + 2, minor);
	std_app_open();
	tb_tlv(TBF_TLV_KERNEL_VERSION, v, 4);
	tb_end_header();
	tb_bytes(16);
	tb_finish();
	expect_ok(h);
}

static void test_kernel_version_compatibility_is_caret_semantics(void **state)
{
	struct tbf_header h;

	(void)state;
	kv_app(2, 1, &h);
	assert_int_equal(tbf_check_kernel_version(&h, 2, 1), ERROR_NONE);
	assert_int_equal(tbf_check_kernel_version(&h, 2, 7), ERROR_NONE);
	assert_int_equal(tbf_check_kernel_version(&h, 2, 0), ERROR_NOSUPPORT);
	assert_int_equal(tbf_check_kernel_version(&h, 3, 1), ERROR_NOSUPPORT);
	assert_int_equal(tbf_check_kernel_version(&h, 1, 9), ERROR_NOSUPPORT);
	kv_app(2, 0, &h);
	assert_int_equal(tbf_check_kernel_version(&h, 2, 0), ERROR_NONE);
	assert_int_equal(tbf_check_kernel_version(&h, 2, 0xFFFF), ERROR_NONE);
}

static void test_app_without_kernel_version_runs_anywhere(void **state)
{
	struct tbf_header h;

	(void)state;
	std_app();
	expect_ok(&h);
	assert_int_equal(tbf_check_kernel_version(&h, 2, 0), ERROR_NONE);
	assert_int_equal(tbf_check_kernel_version(&h, 9, 9), ERROR_NONE);
}

/* ---- credentials ------------------------------------------------------------------------------
 */

static void cred_app(void)
{
	std_app_open();
	tb_end_header();
	tb_bytes(64);
}

static void verify(enum error_code want, enum tbf_cred_status want_status, struct tbf_diag *d)
{
	struct tbf_header h;
	enum tbf_cred_status status = TBF_CRED_STATUS_MALFORMED;

	expect_ok(&h);
	assert_int_equal(tbf_verify_footer(t.buf, &h, &status, d), want);
	assert_int_equal(status, want_status);
}

static void test_sha256_footer_verifies(void **state)
{
	struct tbf_header h;
	struct tbf_credential c;
	uint32_t pos;

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_finish();
	verify(ERROR_NONE, TBF_CRED_STATUS_SHA256_OK, NULL);
	expect_ok(&h);
	pos = h.footer_offset;
	assert_true(tbf_footer_next(t.buf, &h, &pos, &c));
	assert_int_equal(c.offset, STD_TOTAL);
	assert_int_equal(c.format, TBF_CRED_SHA256);
	assert_int_equal(c.data_len, 32);
	assert_ptr_equal(c.data, t.buf + STD_TOTAL + 8);
	assert_false(tbf_footer_next(t.buf, &h, &pos, &c));
}

static void test_corrupted_binary_fails_sha256(void **state)
{
	struct tbf_diag d = {0};
	uint8_t digest[32];

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_finish();
	t.buf[STD_HS + 10] ^= 1;
	sha256(t.buf, STD_TOTAL, digest);
	verify(ERROR_FAIL, TBF_CRED_STATUS_SHA256_MISMATCH, &d);
	assert_string_equal(d.field, "footer.sha256");
	assert_int_equal(d.offset, STD_TOTAL + 8);
	assert_true(d.has_values);
	assert_int_equal(d.expected, ((uint32_t)digest[0] << 24) | (digest[1] << 16) |
					 (digest[2] << 8) | digest[3]);
	assert_int_equal(d.found, ((uint32_t)t.buf[STD_TOTAL + 8] << 24) |
				      (t.buf[STD_TOTAL + 9] << 16) | (t.buf[STD_TOTAL + 10] << 8) |
				      t.buf[STD_TOTAL + 11]);
}

static void test_corrupted_header_fails_sha256_even_with_fixed_checksum(void **state)
{
	(void)state;
	cred_app();
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_finish();
	put32(STD_PROGRAM + 8, 8192); /* minimum RAM: integrity covers the header */
	resum();
	verify(ERROR_FAIL, TBF_CRED_STATUS_SHA256_MISMATCH, NULL);
}

static void test_corrupted_digest_fails_sha256(void **state)
{
	struct tbf_diag d;

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_finish();
	t.buf[STD_TOTAL + 8 + 31] ^= 0x40;
	verify(ERROR_FAIL, TBF_CRED_STATUS_SHA256_MISMATCH, &d);
	assert_string_equal(d.field, "footer.sha256");
}

static void test_footers_are_not_covered_by_integrity(void **state)
{
	static const uint8_t pad[16];

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_footer(TBF_CRED_RESERVED, pad, sizeof(pad));
	tb_finish();
	t.buf[t.len - 1] = 0x5a; /* inside the reserved credential */
	verify(ERROR_NONE, TBF_CRED_STATUS_SHA256_OK, NULL);
}

static void test_no_credentials_is_nodevice(void **state)
{
	struct tbf_diag d;

	(void)state;
	cred_app();
	tb_finish();
	verify(ERROR_NODEVICE, TBF_CRED_STATUS_NONE, &d);
	assert_string_equal(d.field, "footer");
}

static void test_reserved_credentials_only_is_nodevice(void **state)
{
	static const uint8_t pad[100];

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_RESERVED, pad, sizeof(pad));
	tb_finish();
	verify(ERROR_NODEVICE, TBF_CRED_STATUS_NONE, NULL);
}

static void unsupported_case(uint32_t format, uint32_t len, const char *what)
{
	static const uint8_t data[1024];
	struct tbf_diag d;

	cred_app();
	tb_footer(TBF_CRED_RESERVED, data, 4);
	tb_footer(format, data, len);
	tb_finish();
	verify(ERROR_NOSUPPORT, TBF_CRED_STATUS_UNSUPPORTED, &d);
	assert_string_equal(d.field, "footer.format");
	assert_int_equal(d.offset, STD_TOTAL + 12 + 4);
	assert_int_equal(d.found, format);
	assert_string_equal(d.what, what);
}

static void test_unsupported_credential_formats_are_nosupport(void **state)
{
	(void)state;
	unsupported_case(TBF_CRED_SHA384, 48, "unsupported");
	unsupported_case(TBF_CRED_SHA512, 64, "unsupported");
	unsupported_case(TBF_CRED_ECDSA_P256, 64, "unsupported");
	unsupported_case(TBF_CRED_RSA3072, 768, "unsupported");
	unsupported_case(TBF_CRED_RSA4096, 1024, "unsupported");
	unsupported_case(99, 7, "unknown");
}

static void test_unsupported_and_good_sha256_passes(void **state)
{
	static const uint8_t sig[64];

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_ECDSA_P256, sig, sizeof(sig));
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_finish();
	verify(ERROR_NONE, TBF_CRED_STATUS_SHA256_OK, NULL);
}

static void test_any_sha256_mismatch_fails(void **state)
{
	static const uint8_t wrong[32] = {1};

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_footer(TBF_CRED_SHA256, wrong, sizeof(wrong));
	tb_finish();
	verify(ERROR_FAIL, TBF_CRED_STATUS_SHA256_MISMATCH, NULL);
}

static void test_check_credential_uses_a_given_digest(void **state)
{
	struct tbf_header h;
	struct tbf_credential c;
	uint8_t digest[32];
	uint32_t pos;

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_finish();
	expect_ok(&h);
	pos = h.footer_offset;
	assert_true(tbf_footer_next(t.buf, &h, &pos, &c));
	sha256(t.buf, h.binary_end_offset, digest);
	assert_int_equal(tbf_check_credential(t.buf, &h, &c, digest, NULL), ERROR_NONE);
	digest[5] ^= 1;
	assert_int_equal(tbf_check_credential(t.buf, &h, &c, digest, NULL), ERROR_FAIL);
	c.format = TBF_CRED_RESERVED;
	assert_int_equal(tbf_check_credential(t.buf, &h, &c, NULL, NULL), ERROR_NONE);
}

static void test_verify_reports_malformed_footer_of_unparsed_header(void **state)
{
	struct tbf_header h;
	struct tbf_diag d;
	enum tbf_cred_status status;

	(void)state;
	cred_app();
	tb_footer(TBF_CRED_SHA256, NULL, 32);
	tb_finish();
	expect_ok(&h);
	put16(STD_TOTAL, 7); /* corrupt after parsing */
	assert_int_equal(tbf_verify_footer(t.buf, &h, &status, &d), ERROR_INVAL);
	assert_int_equal(status, TBF_CRED_STATUS_MALFORMED);
	assert_string_equal(d.field, "footer");
	assert_int_equal(d.offset, STD_TOTAL);
}

/* ---- relocation -------------------------------------------------------------------------------
 */

static void relocated_copy(struct tbf_header *h, uint8_t *copy)
{
	expect_ok(h);
	memcpy(copy, t.buf + h->binary_offset, h->binary_size);
}

static uint32_t word(const uint8_t *p, uint32_t off)
{
	return p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) | ((uint32_t)p[off + 3] << 24);
}

static void test_relocations_patch_flash_and_ram_words(void **state)
{
	uint32_t e[3] = {0, 4, 36 | TBF_RELOC_RAM};
	struct tbf_header h;
	uint8_t copy[64], orig[64];

	(void)state;
	reloc_app(e, 3, 3, 24);
	relocated_copy(&h, copy);
	memcpy(orig, copy, sizeof(copy));
	assert_int_equal(tbf_apply_relocations(&h, copy, sizeof(copy), 0x10000, 0x20000, NULL),
			 ERROR_NONE);
	assert_int_equal(word(copy, 0), 0x10000);
	assert_int_equal(word(copy, 4), 0x10004);
	assert_int_equal(word(copy, 36), 0x20024);
	assert_memory_equal(copy + 8, orig + 8, 28); /* nothing else moved */
	assert_memory_equal(copy + 40, orig + 40, 24);
}

static void test_relocations_wrap_modulo_2_32(void **state)
{
	uint32_t e[2] = {8, 40 | TBF_RELOC_RAM};
	struct tbf_header h;
	uint8_t copy[64];

	(void)state;
	reloc_app(e, 2, 2, 20);
	relocated_copy(&h, copy);
	/* Moving down: flash delta 0x400000 -> 0x1000 is negative. */
	assert_int_equal(tbf_apply_relocations(&h, copy, sizeof(copy), 0x1000, 0xFFFF0000, NULL),
			 ERROR_NONE);
	assert_int_equal(word(copy, 8), 0x1008);
	assert_int_equal(word(copy, 40), 0xFFFF0028);
}

/*
 * Entries at unaligned offsets, in a copy that is itself misaligned: every word gets its delta
 * with carries through all four bytes, and no other byte changes. UBSan would flag an
 * unaligned 32-bit access.
 */
static void test_relocations_patch_unaligned_words_bytewise(void **state)
{
	static const struct {
		uint32_t entry, before, after;
	} w[] = {
	    /* flash delta 0x12345679 - 0x400000 = 0x11f45679; RAM 0xffffff00 - 0x480000 */
	    {1, 0x00400123, 0x1234579c},  {5 | TBF_RELOC_RAM, 0x00480010, 0xffffff10},
	    {10, 0x004fffff, 0x12445678}, {14 | TBF_RELOC_RAM, 0x0048fffc, 0x0000fefc},
	    {19, 0x00400000, 0x12345679}, {60, 0x00400040, 0x123456b9},
	};
	enum { N = sizeof(w) / sizeof(w[0]) };
	uint32_t e[N];
	struct tbf_header h;
	uint8_t orig[64], buf[65], *copy = buf + 1;
	bool patched[64] = {0};

	(void)state;
	for (unsigned i = 0; i < N; i++)
		e[i] = w[i].entry;
	reloc_app(e, N, N, 12 + 4 * N);
	expect_ok(&h);
	for (unsigned i = 0; i < N; i++) {
		uint32_t off = w[i].entry & TBF_RELOC_OFFSET_MASK;

		/* The binary is not covered by the checksum: rewrite it in place. */
		tbf_put32(t.buf + h.binary_offset + off, w[i].before);
		for (unsigned k = 0; k < 4; k++)
			patched[off + k] = true;
	}
	relocated_copy(&h, copy);
	memcpy(orig, copy, sizeof(orig));
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0x12345679, 0xffffff00, NULL),
			 ERROR_NONE);
	for (unsigned i = 0; i < N; i++)
		assert_int_equal(word(copy, w[i].entry & TBF_RELOC_OFFSET_MASK), w[i].after);
	for (unsigned b = 0; b < 64; b++) {
		if (!patched[b])
			assert_int_equal(copy[b], orig[b]);
	}
	/* At the link addresses every delta is 0: nothing changes. */
	memcpy(copy, orig, sizeof(orig));
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0x400000, 0x480000, NULL), ERROR_NONE);
	assert_memory_equal(copy, orig, sizeof(orig));
}

static void test_relocations_need_the_whole_binary(void **state)
{
	uint32_t e[1] = {0};
	struct tbf_header h;
	struct tbf_diag d;
	uint8_t copy[64];

	(void)state;
	reloc_app(e, 1, 1, 16);
	relocated_copy(&h, copy);
	assert_int_equal(tbf_apply_relocations(&h, copy, 63, 0, 0, &d), ERROR_SIZE);
	assert_string_equal(d.field, "relocations");
	assert_int_equal(d.expected, 64);
	assert_int_equal(d.found, 63);
}

static void test_no_relocation_tlv_leaves_binary_alone(void **state)
{
	struct tbf_header h;
	uint8_t copy[64], orig[64];

	(void)state;
	std_app();
	relocated_copy(&h, copy);
	memcpy(orig, copy, sizeof(copy));
	assert_int_equal(tbf_apply_relocations(&h, copy, 0, 0x1234, 0x5678, NULL), ERROR_NONE);
	assert_memory_equal(copy, orig, sizeof(copy));
}

static void test_relocations_changed_after_parse_cannot_write_out_of_bounds(void **state)
{
	uint32_t e[2] = {0, 4}, at;
	struct tbf_header h;
	struct tbf_diag d;
	uint8_t *copy = malloc(64); /* exactly sized: ASan catches any stray write */

	(void)state;
	assert_non_null(copy);
	at = reloc_app(e, 2, 2, 20);
	relocated_copy(&h, copy);
	put32(at + 20, 0x1000); /* entry 1 now points far outside */
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0, 0, &d), ERROR_INVAL);
	assert_string_equal(d.field, "relocations.entry");
	assert_int_equal(d.offset, at + 20);
	put32(at + 20, 61); /* the word would cross the end */
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0, 0, &d), ERROR_INVAL);
	assert_string_equal(d.what, "past the end of the binary");
	put32(at + 20, 4 | TBF_RELOC_RESERVED);
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0, 0, &d), ERROR_INVAL);
	put32(at + 20, 2); /* would patch bytes 2 and 3 twice */
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0, 0, &d), ERROR_INVAL);
	assert_string_equal(d.what, "overlaps the previous word");
	put32(at + 16, 8); /* now descending: 8, 2 */
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0, 0, &d), ERROR_INVAL);
	assert_string_equal(d.what, "not ascending");
	assert_int_equal(d.offset, at + 20);
	put32(at + 16, 3); /* 3 then 2: descending, unaligned */
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0, 0, NULL), ERROR_INVAL);
	put32(at + 20, 7); /* 3 then 7: fine again */
	assert_int_equal(tbf_apply_relocations(&h, copy, 64, 0, 0, &d), ERROR_NONE);
	free(copy);
}

/* ---- iteration and names ----------------------------------------------------------------------
 */

static void test_tlv_iterator_walks_the_header(void **state)
{
	struct tbf_tlv_iter it;
	struct tbf_tlv tlv;

	(void)state;
	std_app();
	tbf_tlv_iter_init(&it, t.buf, 16, STD_HS);
	assert_true(tbf_tlv_next(&it, &tlv));
	assert_int_equal(tlv.offset, 16);
	assert_int_equal(tlv.type, TBF_TLV_PROGRAM);
	assert_int_equal(tlv.length, 20);
	assert_ptr_equal(tlv.value, t.buf + 20);
	assert_true(tbf_tlv_next(&it, &tlv));
	assert_int_equal(tlv.offset, STD_NAME);
	assert_int_equal(tlv.type, TBF_TLV_PACKAGE_NAME);
	assert_int_equal(tlv.length, 3);
	assert_false(tbf_tlv_next(&it, &tlv));
	assert_false(tbf_tlv_next(&it, &tlv));
}

static void test_tlv_iterator_stops_at_an_overrunning_tlv(void **state)
{
	uint8_t b[12] = {1, 0, 4, 0, 0, 0, 0, 0, 2, 0, 5, 0};
	struct tbf_tlv_iter it;
	struct tbf_tlv tlv;

	(void)state;
	tbf_tlv_iter_init(&it, b, 0, sizeof(b));
	assert_true(tbf_tlv_next(&it, &tlv));
	assert_false(tbf_tlv_next(&it, &tlv)); /* length 5 would run past 12 */
	tbf_tlv_iter_init(&it, b, 10, 4);      /* start past end */
	assert_false(tbf_tlv_next(&it, &tlv));
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(tbf_tlv_name(TBF_TLV_MAIN), "main");
	assert_string_equal(tbf_tlv_name(TBF_TLV_WRITEABLE_FLASH_REGIONS),
			    "writeable_flash_regions");
	assert_string_equal(tbf_tlv_name(TBF_TLV_STORAGE_PERMISSIONS), "storage_permissions");
	assert_string_equal(tbf_tlv_name(TBF_TLV_PROGRAM), "program");
	assert_string_equal(tbf_tlv_name(TBF_TLV_SHORT_ID), "short_id");
	assert_string_equal(tbf_tlv_name(TBF_TLV_CREDENTIALS), "credentials");
	assert_string_equal(tbf_tlv_name(TBF_TLV_RELOCATIONS), "relocations");
	assert_string_equal(tbf_tlv_name(0x8002), "unknown");
	assert_string_equal(tbf_cred_format_name(TBF_CRED_SHA256), "sha256");
	assert_string_equal(tbf_cred_format_name(TBF_CRED_ECDSA_P256), "ecdsa-p256");
	assert_string_equal(tbf_cred_format_name(TBF_CRED_RSA3072), "rsa3072");
	assert_string_equal(tbf_cred_format_name(77), "unknown");
	assert_string_equal(tbf_cred_status_name(TBF_CRED_STATUS_NONE), "no credentials");
	assert_string_equal(tbf_cred_status_name(TBF_CRED_STATUS_SHA256_OK), "sha256 ok");
	assert_string_equal(tbf_cred_status_name(TBF_CRED_STATUS_SHA256_MISMATCH),
			    "sha256 mismatch");
	assert_string_equal(tbf_cred_status_name(TBF_CRED_STATUS_UNSUPPORTED),
			    "unsupported credentials");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_program_only_app_parses_with_every_field),
	    cmocka_unit_test(test_main_only_app_ends_binary_at_total_size),
	    cmocka_unit_test(test_main_and_program_agreeing_prefers_program),
	    cmocka_unit_test(test_every_tlv_fills_its_fields),
	    cmocka_unit_test(test_padding_tbf_is_reported_as_padding),
	    cmocka_unit_test(test_disabled_app_with_program_is_not_padding),
	    cmocka_unit_test(test_unaligned_buffer_parses),
	    cmocka_unit_test(test_app_list_walks_by_total_size),
	    cmocka_unit_test(test_unknown_tlvs_may_repeat),
	    cmocka_unit_test(test_utf8_name_is_accepted),
	    cmocka_unit_test(test_null_diag_is_allowed),
	    cmocka_unit_test(test_short_buffer_is_size_error),
	    cmocka_unit_test(test_version_1_is_nosupport),
	    cmocka_unit_test(test_header_size_below_16_is_inval),
	    cmocka_unit_test(test_header_size_unaligned_is_inval),
	    cmocka_unit_test(test_total_size_unaligned_is_inval),
	    cmocka_unit_test(test_total_size_below_header_size_is_inval),
	    cmocka_unit_test(test_total_size_past_storage_is_size_error),
	    cmocka_unit_test(test_checksum_mismatch_is_fail_and_skippable),
	    cmocka_unit_test(test_checksum_covers_every_header_word),
	    cmocka_unit_test(test_checksum_function_xors_all_but_word_3),
	    cmocka_unit_test(test_tlv_running_past_header_is_inval),
	    cmocka_unit_test(test_tlv_header_cut_by_header_size_is_inval),
	    cmocka_unit_test(test_duplicate_singular_tlvs_are_inval),
	    cmocka_unit_test(test_main_wrong_length_is_inval),
	    cmocka_unit_test(test_program_wrong_length_is_inval),
	    cmocka_unit_test(test_main_disagreeing_with_program_is_inval),
	    cmocka_unit_test(test_enabled_app_without_main_or_program_is_inval),
	    cmocka_unit_test(test_binary_end_past_total_size_is_inval),
	    cmocka_unit_test(test_binary_end_inside_header_is_inval),
	    cmocka_unit_test(test_protected_trailer_past_binary_end_is_inval),
	    cmocka_unit_test(test_init_fn_in_protected_trailer_is_inval),
	    cmocka_unit_test(test_init_fn_past_binary_is_inval),
	    cmocka_unit_test(test_program_with_empty_binary_is_inval),
	    cmocka_unit_test(test_main_protected_trailer_past_total_is_inval),
	    cmocka_unit_test(test_name_too_long_is_inval),
	    cmocka_unit_test(test_name_with_nul_is_inval),
	    cmocka_unit_test(test_name_with_control_characters_is_inval),
	    cmocka_unit_test(test_name_with_invalid_utf8_is_inval),
	    cmocka_unit_test(test_fixed_size_tlvs_with_wrong_length_are_inval),
	    cmocka_unit_test(test_short_id_zero_is_inval),
	    cmocka_unit_test(test_fixed_addresses_wrapping_4g_are_inval),
	    cmocka_unit_test(test_permissions_too_short_is_inval),
	    cmocka_unit_test(test_permissions_count_not_matching_length_is_inval),
	    cmocka_unit_test(test_storage_permissions_malformed_are_inval),
	    cmocka_unit_test(test_writeable_region_length_not_multiple_of_8_is_inval),
	    cmocka_unit_test(test_too_many_writeable_regions_is_inval),
	    cmocka_unit_test(test_writeable_region_outside_binary_is_inval),
	    cmocka_unit_test(test_relocation_tlv_too_short_is_inval),
	    cmocka_unit_test(test_relocation_tlv_partial_entry_is_inval),
	    cmocka_unit_test(test_relocation_count_not_matching_length_is_inval),
	    cmocka_unit_test(test_relocation_entries_are_checked),
	    cmocka_unit_test(test_relocation_entries_at_binary_edges_are_accepted),
	    cmocka_unit_test(test_relocation_entries_at_unaligned_offsets_are_accepted),
	    cmocka_unit_test(test_relocation_entries_overlapping_are_inval),
	    cmocka_unit_test(test_relocation_entries_not_ascending_are_inval),
	    cmocka_unit_test(test_relocation_word_crossing_binary_end_is_inval),
	    cmocka_unit_test(test_relocation_in_binary_shorter_than_a_word_is_inval),
	    cmocka_unit_test(test_footer_that_is_not_a_credential_is_inval),
	    cmocka_unit_test(test_footer_too_short_for_format_is_inval),
	    cmocka_unit_test(test_footer_running_past_total_size_is_inval),
	    cmocka_unit_test(test_footer_with_wrong_length_for_format_is_inval),
	    cmocka_unit_test(test_main_only_app_has_no_footer_region),
	    cmocka_unit_test(test_kernel_version_compatibility_is_caret_semantics),
	    cmocka_unit_test(test_app_without_kernel_version_runs_anywhere),
	    cmocka_unit_test(test_sha256_footer_verifies),
	    cmocka_unit_test(test_corrupted_binary_fails_sha256),
	    cmocka_unit_test(test_corrupted_header_fails_sha256_even_with_fixed_checksum),
	    cmocka_unit_test(test_corrupted_digest_fails_sha256),
	    cmocka_unit_test(test_footers_are_not_covered_by_integrity),
	    cmocka_unit_test(test_no_credentials_is_nodevice),
	    cmocka_unit_test(test_reserved_credentials_only_is_nodevice),
	    cmocka_unit_test(test_unsupported_credential_formats_are_nosupport),
	    cmocka_unit_test(test_unsupported_and_good_sha256_passes),
	    cmocka_unit_test(test_any_sha256_mismatch_fails),
	    cmocka_unit_test(test_check_credential_uses_a_given_digest),
	    cmocka_unit_test(test_verify_reports_malformed_footer_of_unparsed_header),
	    cmocka_unit_test(test_relocations_patch_flash_and_ram_words),
	    cmocka_unit_test(test_relocations_wrap_modulo_2_32),
	    cmocka_unit_test(test_relocations_patch_unaligned_words_bytewise),
	    cmocka_unit_test(test_relocations_need_the_whole_binary),
	    cmocka_unit_test(test_no_relocation_tlv_leaves_binary_alone),
	    cmocka_unit_test(test_relocations_changed_after_parse_cannot_write_out_of_bounds),
	    cmocka_unit_test(test_tlv_iterator_walks_the_header),
	    cmocka_unit_test(test_tlv_iterator_stops_at_an_overrunning_tlv),
	    cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
