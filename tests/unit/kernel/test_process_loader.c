/* SPDX-License-Identifier: MIT */
/* Unit tests for kernel/process_loader: placement, copies, relocation, and refusing bad apps. */
#include "kernel/process_loader.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "loader/tbf.h"
#include "tools/tbf_build.h"

/*
 * The SRAM apps may use is a host buffer seen at MEM_START (the loader only ever touches it
 * through process_memory.host). The app region is built with the host TBF writer, each app
 * after the other, followed by erased storage.
 */
#define PAGE	       PROCESS_PAGE_BYTES
#define MEM_START      0x00100000u
#define MEM_BYTES      (64 * PAGE)
#define MEM_END	       (MEM_START + MEM_BYTES)
#define REGION_BYTES   0x10000u
#define GRANT_BYTES    1024u
#define SRAM_FILL      0xaa
#define LINK_FLASH     0x80000000u /* where the test binaries are "linked" */
#define LINK_RAM       0x90000000u
#define RELOC_FLASH_AT 8u  /* a word pointing into the binary */
#define RELOC_RAM_AT   13u /* an unaligned word pointing into RAM */
#define INIT_OFFSET    0x20u

struct app_spec {
	const char *name; /* NULL: no package name TLV */
	uint32_t flags;
	bool main_only; /* a Main TLV instead of Program */
	uint32_t binary_bytes;
	uint32_t min_ram;
	bool fixed;
	uint32_t fixed_ram, fixed_flash;
	bool kernel_version;
	uint16_t kernel_major, kernel_minor;
	bool relocations;
	bool sha256;
};

static uint8_t *sram;
static uint8_t region[REGION_BYTES];
static uint32_t region_len;
static struct process_memory mem = {.start_vaddr = MEM_START, .end_vaddr = MEM_END};
static struct process_loader_config config;
static struct process_loader_result result;
static char reports[8192];

static void report(const char *fmt, ...)
{
	size_t used = strlen(reports);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reports + used, sizeof(reports) - used, fmt, ap);
	va_end(ap);
}

static int setup(void **state)
{
	(void)state;
	if (!sram)
		sram = aligned_alloc(PAGE, MEM_BYTES);
	assert_non_null(sram);
	memset(sram, SRAM_FILL, MEM_BYTES);
	mem.host = sram;
	memset(region, 0xff, sizeof(region));
	region_len = 0;
	config = (struct process_loader_config){
	    .kernel_major = 2, .kernel_minor = 2, .grant_bytes = GRANT_BYTES};
	memset(&result, 0x5a, sizeof(result));
	reports[0] = '\0';
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	free(sram);
	return 0;
}

static struct app_spec spec(const char *name)
{
	return (struct app_spec){
	    .name = name,
	    .flags = TBF_FLAG_ENABLED,
	    .binary_bytes = 256,
	    .min_ram = 2048,
	    .relocations = true,
	};
}

static uint8_t binary_byte(uint32_t i)
{
	return (uint8_t)(i * 7 + 1);
}

/* Appends the app to the region. Returns: its offset in the region. */
static uint32_t add(const struct app_spec *s)
{
	struct tbf_build b;
	uint8_t *bin = malloc(s->binary_bytes);
	uint32_t at = region_len;

	assert_non_null(bin);
	for (uint32_t i = 0; i < s->binary_bytes; i++)
		bin[i] = binary_byte(i);
	tbf_build_init(&b, s->flags);
	if (s->main_only)
		tbf_build_main(&b, INIT_OFFSET, 0, s->min_ram);
	else
		tbf_build_program(&b, INIT_OFFSET, 0, s->min_ram, 1);
	if (s->name)
		tbf_build_tlv(&b, TBF_TLV_PACKAGE_NAME, s->name, strlen(s->name));
	if (s->fixed) {
		uint8_t v[8];

		tbf_put32(v, s->fixed_ram);
		tbf_put32(v + 4, s->fixed_flash);
		tbf_build_tlv(&b, TBF_TLV_FIXED_ADDRESSES, v, sizeof(v));
	}
	if (s->kernel_version) {
		uint8_t v[4];

		tbf_put16(v, s->kernel_major);
		tbf_put16(v + 2, s->kernel_minor);
		tbf_build_tlv(&b, TBF_TLV_KERNEL_VERSION, v, sizeof(v));
	}
	if (s->relocations) {
		uint8_t v[20];

		tbf_put32(v, LINK_FLASH);
		tbf_put32(v + 4, LINK_RAM);
		tbf_put32(v + 8, 2);
		tbf_put32(v + 12, RELOC_FLASH_AT);
		tbf_put32(v + 16, RELOC_RAM_AT | TBF_RELOC_RAM);
		tbf_build_tlv(&b, TBF_TLV_RELOCATIONS, v, sizeof(v));
		tbf_put32(bin + RELOC_FLASH_AT, LINK_FLASH + 0x10);
		tbf_put32(bin + RELOC_RAM_AT, LINK_RAM + 0x20);
	}
	tbf_build_end_header(&b);
	tbf_build_append(&b, bin, s->binary_bytes);
	assert_int_equal(tbf_build_finish(&b, s->sha256), ERROR_NONE);
	assert_true(region_len + b.len <= sizeof(region));
	memcpy(region + region_len, b.buf, b.len);
	region_len += (uint32_t)b.len;
	tbf_build_free(&b);
	free(bin);
	return at;
}

static uint32_t header_size_at(uint32_t offset)
{
	return tbf_get16(region + offset + TBF_OFF_HEADER_SIZE);
}

static uint32_t total_size_at(uint32_t offset)
{
	return tbf_get32(region + offset + TBF_OFF_TOTAL_SIZE);
}

static void load(void)
{
	process_loader_load(region, sizeof(region), &mem, &config, report, &result);
}

static uint8_t *host(uint32_t vaddr)
{
	assert_in_range(vaddr, MEM_START, MEM_END - 1);
	return sram + (vaddr - MEM_START);
}

static const struct app *find(const char *name)
{
	for (unsigned i = 0; i < result.count; i++)
		if (result.apps[i].name_len == strlen(name) &&
		    !memcmp(result.apps[i].name, name, strlen(name)))
			return &result.apps[i];
	fail_msg("app '%s' was not loaded; reports:\n%s", name, reports);
	return NULL;
}

static void assert_reported(const char *text)
{
	if (!strstr(reports, text))
		fail_msg("expected a report containing \"%s\"; got:\n%s", text, reports);
}

static bool overlap(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
	return a0 < b1 && b0 < a1;
}

/* Every loaded app is page aligned, inside the SRAM, RAM above text, disjoint from the others. */
static void assert_placement_sane(void)
{
	for (unsigned i = 0; i < result.count; i++) {
		const struct app *a = &result.apps[i];

		assert_true(IS_ALIGNED(a->flash_start, PAGE));
		assert_true(IS_ALIGNED(a->text_end, PAGE));
		assert_true(IS_ALIGNED(a->ram_start, PAGE));
		assert_true(IS_ALIGNED(a->ram_end, PAGE));
		assert_true(a->flash_start >= MEM_START && a->text_end <= MEM_END);
		assert_true(a->ram_start >= MEM_START && a->ram_end <= MEM_END);
		assert_true(a->flash_start < a->text_end && a->ram_start < a->ram_end);
		assert_true(a->ram_start >= a->text_end);
		assert_true(a->flash_start <= a->binary_vaddr && a->binary_vaddr < a->binary_end);
		assert_true(a->binary_end <= a->text_end);
		assert_true(a->binary_vaddr <= a->entry_vaddr && a->entry_vaddr < a->binary_end);
		assert_true(a->ram_end - a->ram_start >=
			    ALIGN_UP(MAX(a->min_ram_bytes, PROCESS_MIN_RAM_BYTES), PAGE) +
				ALIGN_UP(GRANT_BYTES, PAGE));
		for (unsigned k = 0; k < i; k++) {
			const struct app *b = &result.apps[k];

			assert_false(
			    overlap(a->flash_start, a->text_end, b->flash_start, b->text_end));
			assert_false(
			    overlap(a->flash_start, a->text_end, b->ram_start, b->ram_end));
			assert_false(
			    overlap(a->ram_start, a->ram_end, b->flash_start, b->text_end));
			assert_false(overlap(a->ram_start, a->ram_end, b->ram_start, b->ram_end));
		}
	}
}

/* ---- placement ---- */

static void test_relocatable_apps_are_placed_page_aligned_disjoint_ram_above_text(void **state)
{
	struct app_spec s1 = spec("one"), s2 = spec("two"), s3 = spec("three");
	uint32_t off2;

	(void)state;
	s2.binary_bytes = 3 * PAGE + 100; /* several text pages */
	s2.min_ram = 5 * PAGE + 1;	  /* several RAM pages, not a multiple */
	s3.min_ram = 0;			  /* the ABI minimum still applies */
	add(&s1);
	off2 = add(&s2);
	add(&s3);
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 3);
	assert_int_equal(result.skipped, 0);
	assert_placement_sane();

	const struct app *a = find("two");
	uint32_t hs = header_size_at(off2);

	assert_int_equal(a->storage_offset, off2);
	assert_int_equal(a->binary_vaddr, a->flash_start + hs);
	assert_int_equal(a->entry_vaddr, a->flash_start + hs + INIT_OFFSET);
	assert_int_equal(a->binary_end, a->binary_vaddr + s2.binary_bytes);
	assert_int_equal(a->text_end - a->flash_start, ALIGN_UP(total_size_at(off2), PAGE));
	assert_int_equal(a->ram_end - a->ram_start, 6 * PAGE + ALIGN_UP(GRANT_BYTES, PAGE));
	assert_int_equal(a->min_ram_bytes, 5 * PAGE + 1);
	assert_true(a->relocated);
	assert_false(a->signed_sha256);
	assert_int_equal(find("three")->ram_end - find("three")->ram_start,
			 PAGE + ALIGN_UP(GRANT_BYTES, PAGE));
	/* Texts from the bottom, RAM from the top: every RAM page lies above every text, so no
	 * shared page can fall inside another app's code segment. */
	for (unsigned i = 0; i < result.count; i++)
		for (unsigned k = 0; k < result.count; k++)
			assert_true(result.apps[i].ram_start >= result.apps[k].text_end);
	assert_int_equal(find("one")->ram_end, MEM_END);
}

static void test_copy_holds_the_tbf_and_its_flash_pages_are_zero_filled(void **state)
{
	struct app_spec s = spec("copy");
	uint32_t off;

	(void)state;
	s.relocations = false;
	s.binary_bytes = 1000;
	off = add(&s);
	load();
	assert_int_equal(result.count, 1);

	const struct app *a = &result.apps[0];
	uint32_t total = total_size_at(off);

	assert_memory_equal(host(a->flash_start), region + off, total);
	for (uint32_t v = a->flash_start + total; v < a->text_end; v++)
		assert_int_equal(*host(v), 0);
	/* RAM is the process's to zero when it starts; the loader leaves it alone. */
	assert_int_equal(*host(a->ram_start), SRAM_FILL);
	assert_false(a->relocated);
}

static void test_relocations_are_applied_to_the_copy_not_to_storage(void **state)
{
	struct app_spec s = spec("reloc");
	uint8_t before[REGION_BYTES];
	uint32_t off;

	(void)state;
	off = add(&s);
	memcpy(before, region, sizeof(region));
	load();
	assert_int_equal(result.count, 1);

	const struct app *a = &result.apps[0];
	const uint8_t *bin = host(a->binary_vaddr);

	assert_int_equal(tbf_get32(bin + RELOC_FLASH_AT), a->binary_vaddr + 0x10);
	assert_int_equal(tbf_get32(bin + RELOC_RAM_AT), a->ram_start + 0x20);
	/* Every other byte of the binary is as stored. */
	for (uint32_t i = 0; i < s.binary_bytes; i++) {
		if (i >= RELOC_FLASH_AT && i < RELOC_FLASH_AT + 4)
			continue;
		if (i >= RELOC_RAM_AT && i < RELOC_RAM_AT + 4)
			continue;
		assert_int_equal(bin[i], binary_byte(i));
	}
	assert_memory_equal(region, before, sizeof(region));
	assert_int_equal(tbf_get32(region + off + header_size_at(off) + RELOC_FLASH_AT),
			 LINK_FLASH + 0x10);
}

static void test_fixed_addresses_are_honoured(void **state)
{
	struct app_spec s = spec("fixed");
	const uint32_t flash = MEM_START + 0x10000 + 0x100; /* the binary, not the header */
	const uint32_t ram = MEM_START + 0x20000;
	uint32_t off, hs;

	(void)state;
	s.fixed = true;
	s.fixed_flash = flash;
	s.fixed_ram = ram;
	s.relocations = false; /* so the copy is byte for byte the stored TBF */
	off = add(&s);
	hs = header_size_at(off);
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 1);
	assert_placement_sane();

	const struct app *a = &result.apps[0];

	assert_int_equal(a->binary_vaddr, flash);
	assert_int_equal(a->entry_vaddr, flash + INIT_OFFSET);
	assert_int_equal(a->flash_start, MEM_START + 0x10000);
	assert_int_equal(a->ram_start, ram);
	/* The header sits just below the binary; the page around it is zero. */
	assert_memory_equal(host(flash - hs), region + off, total_size_at(off));
	for (uint32_t v = a->flash_start; v < flash - hs; v++)
		assert_int_equal(*host(v), 0);
	for (uint32_t v = flash - hs + total_size_at(off); v < a->text_end; v++)
		assert_int_equal(*host(v), 0);
}

static void test_fixed_only_flash_gets_relocatable_ram_above_it(void **state)
{
	struct app_spec s = spec("halffixed");
	const uint32_t flash = MEM_START + 0x30000 + 0x80;

	(void)state;
	s.fixed = true;
	s.fixed_flash = flash;
	s.fixed_ram = TBF_ADDR_NONE;
	add(&s);
	load();
	assert_int_equal(result.count, 1);
	assert_placement_sane();
	assert_int_equal(result.apps[0].binary_vaddr, flash);
	assert_true(result.apps[0].ram_start >= result.apps[0].text_end);
	/* Its relocations were applied for where its RAM ended up. */
	assert_int_equal(tbf_get32(host(flash) + RELOC_RAM_AT), result.apps[0].ram_start + 0x20);
}

static void test_fixed_app_wins_its_address_over_earlier_relocatable_app(void **state)
{
	struct app_spec mover = spec("mover"), pinned = spec("pinned");

	(void)state;
	pinned.fixed = true;
	pinned.fixed_flash = MEM_START + 0x100; /* where a first fit would put "mover" */
	pinned.fixed_ram = MEM_START + 0x2000;
	add(&mover);
	add(&pinned);
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 2);
	assert_placement_sane();
	assert_int_equal(find("pinned")->flash_start, MEM_START);
	assert_int_equal(find("pinned")->ram_start, MEM_START + 0x2000);
}

static void test_movable_text_takes_the_lowest_gap_and_its_ram_the_highest(void **state)
{
	struct app_spec low = spec("low"), high = spec("high"), mover = spec("mover");

	(void)state;
	/* Pinned: text on pages 1 and 3, RAM (2 pages each) on pages 58-59 and 62-63. */
	low.fixed = high.fixed = true;
	low.fixed_flash = MEM_START + PAGE + 0x100;
	low.fixed_ram = MEM_START + 62 * PAGE;
	high.fixed_flash = MEM_START + 3 * PAGE + 0x100;
	high.fixed_ram = MEM_START + 58 * PAGE;
	mover.binary_bytes = PAGE + 100; /* 2 text pages: pages 0-1 and 2-3 are each in the way */
	add(&mover);
	add(&low);
	add(&high);
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 3);
	assert_placement_sane();
	assert_int_equal(find("low")->flash_start, MEM_START + PAGE);
	assert_int_equal(find("high")->flash_start, MEM_START + 3 * PAGE);
	assert_int_equal(find("mover")->flash_start, MEM_START + 4 * PAGE);
	assert_int_equal(find("mover")->text_end, MEM_START + 6 * PAGE);
	/* 2 RAM pages: not on 62-63 (taken), but on 60-61, between the two pinned RAMs. */
	assert_int_equal(find("mover")->ram_start, MEM_START + 60 * PAGE);
	assert_int_equal(find("mover")->ram_end, MEM_START + 62 * PAGE);
}

static void test_fixed_ram_below_text_is_refused(void **state)
{
	struct app_spec bad = spec("lowram"), good = spec("after");

	(void)state;
	bad.fixed = true;
	bad.fixed_flash = MEM_START + 0x10100;
	bad.fixed_ram = MEM_START + 0x8000;
	add(&bad);
	add(&good);
	load();
	assert_reported("app 'lowram'");
	assert_reported("lies below the end of its text");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 1);
	find("after");
	assert_placement_sane();
}

static void test_fixed_ram_overlapping_its_own_text_is_refused(void **state)
{
	struct app_spec bad = spec("selfoverlap");

	(void)state;
	bad.fixed = true;
	bad.fixed_flash = MEM_START + 0x10100;
	bad.fixed_ram = MEM_START + 0x10000;
	add(&bad);
	load();
	assert_int_equal(result.count, 0);
	assert_int_equal(result.skipped, 1);
	assert_reported("app 'selfoverlap'");
}

static void test_fixed_ram_not_page_aligned_is_refused(void **state)
{
	struct app_spec bad = spec("unaligned");

	(void)state;
	bad.fixed = true;
	bad.fixed_flash = TBF_ADDR_NONE;
	bad.fixed_ram = MEM_START + 0x20010;
	add(&bad);
	load();
	assert_int_equal(result.count, 0);
	assert_reported("is not page aligned");
}

static void test_overlapping_fixed_apps_second_is_refused(void **state)
{
	struct app_spec first = spec("first"), second = spec("second"), third = spec("third");

	(void)state;
	first.fixed = second.fixed = true;
	first.fixed_flash = MEM_START + 0x10100;
	first.fixed_ram = MEM_START + 0x20000;
	second.fixed_flash = MEM_START + 0x10800; /* same flash page */
	second.fixed_ram = MEM_START + 0x30000;
	add(&first);
	add(&second);
	add(&third);
	load();
	assert_int_equal(result.count, 2);
	assert_int_equal(result.skipped, 1);
	assert_reported("app 'second'");
	assert_reported("is not free SRAM");
	assert_int_equal(find("first")->binary_vaddr, MEM_START + 0x10100);
	find("third");
	assert_placement_sane();

	/* Overlapping only in RAM is refused as well. */
	setup(NULL);
	second.fixed_flash = MEM_START + 0x18100;
	second.fixed_ram = MEM_START + 0x20000;
	add(&first);
	add(&second);
	load();
	assert_int_equal(result.count, 1);
	assert_reported("app 'second'");
	assert_reported("its fixed RAM");
}

static void test_fixed_flash_outside_sram_is_refused(void **state)
{
	struct app_spec bad = spec("outside");

	(void)state;
	bad.fixed = true;
	bad.fixed_flash = 0x00001000; /* the kernel's */
	bad.fixed_ram = TBF_ADDR_NONE;
	add(&bad);
	load();
	assert_int_equal(result.count, 0);
	assert_int_equal(result.skipped, 1);
	assert_reported("is not free SRAM");
}

/* A pinned app refused for its RAM leaves no claim on the text page it was given. */
static void test_refused_fixed_ram_gives_its_text_pages_back(void **state)
{
	struct app_spec bad = spec("unaligned"), good = spec("after");

	(void)state;
	bad.fixed = true;
	bad.fixed_flash = MEM_START + 0x100; /* the first page */
	bad.fixed_ram = MEM_START + 0x20010;
	add(&bad);
	add(&good);
	load();
	assert_reported("app 'unaligned'");
	assert_reported("is not page aligned");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 1);
	assert_int_equal(find("after")->flash_start, MEM_START);
	assert_placement_sane();
}

/* An app whose RAM does not fit leaves no claim on the text pages found for it. */
static void test_app_out_of_ram_gives_its_text_pages_back(void **state)
{
	struct app_spec big = spec("big"), small = spec("small");

	(void)state;
	big.min_ram = MEM_BYTES - PAGE; /* its text page fits, its RAM and grant pages cannot */
	add(&big);
	add(&small);
	load();
	assert_reported("app 'big'");
	assert_reported("out of SRAM");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 1);
	assert_int_equal(find("small")->flash_start, MEM_START);
	assert_placement_sane();
}

static void test_out_of_sram_is_reported_and_later_apps_load(void **state)
{
	struct app_spec big = spec("big"), small = spec("small");

	(void)state;
	big.min_ram = MEM_BYTES; /* more RAM than there is */
	add(&big);
	add(&small);
	load();
	assert_reported("app 'big'");
	assert_reported("out of SRAM");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 1);
	find("small");
}

/*
 * Regression (found by this test, fixed in 590dafa): ram_pages * PAGE overflowed 32 bits, so an
 * app asking for nearly 4 GiB of RAM was reported as needing "0 KiB of RAM".
 */
static void test_out_of_sram_report_states_the_ram_needed_without_overflow(void **state)
{
	struct app_spec huge = spec("huge");

	(void)state;
	huge.min_ram = 0xfffff000; /* 0xfffff pages + 1 grant page = 4 GiB */
	add(&huge);
	load();
	assert_int_equal(result.count, 0);
	assert_reported("out of SRAM");
	assert_reported("4194304 KiB of RAM");
}

static void test_apps_fill_sram_until_it_runs_out(void **state)
{
	struct app_spec s = spec("many");
	unsigned loaded;

	(void)state;
	s.min_ram = 8 * PAGE; /* 1 text page + 9 RAM pages = 10 of the 64 */
	for (int i = 0; i < 8; i++)
		add(&s);
	load();
	loaded = result.count;
	assert_int_equal(loaded, 6);
	assert_int_equal(result.skipped, 2);
	assert_reported("out of SRAM");
	assert_placement_sane();
}

/* ---- refused apps ---- */

static void test_bad_checksum_is_reported_and_skipped(void **state)
{
	struct app_spec s1 = spec("corrupt"), s2 = spec("fine");
	uint32_t off;

	(void)state;
	off = add(&s1);
	add(&s2);
	region[off + TBF_OFF_CHECKSUM] ^= 1;
	load();
	assert_reported("bad TBF");
	assert_reported("checksum");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 1);
	find("fine");
}

static void test_disabled_app_is_reported_and_skipped(void **state)
{
	struct app_spec s1 = spec("off"), s2 = spec("on");

	(void)state;
	s1.flags = 0;
	add(&s1);
	add(&s2);
	load();
	assert_reported("app 'off'");
	assert_reported("disabled");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 1);
	find("on");
}

/* Each refusal is one line: the app, then why, then what the TBF parser found (if it applies). */
static void test_refusals_are_reported_as_whole_lines(void **state)
{
	struct app_spec corrupt = spec("corrupt"), off = spec("off"), needy = spec("needy");
	struct app_spec tampered = spec("tampered"), plain = spec("plain");
	uint32_t corrupt_at, off_at, needy_at, tampered_at, plain_at, sum, footer_at;
	char want[1024];
	const char *line;
	int end = -1;

	(void)state;
	config.require_credentials = true;
	off.flags = 0;
	needy.kernel_version = true;
	needy.kernel_major = 3;
	corrupt.sha256 = off.sha256 = needy.sha256 = tampered.sha256 = true;
	corrupt_at = add(&corrupt);
	off_at = add(&off);
	needy_at = add(&needy);
	tampered_at = add(&tampered);
	plain_at = add(&plain);
	sum = tbf_get32(region + corrupt_at + TBF_OFF_CHECKSUM);
	region[corrupt_at + TBF_OFF_CHECKSUM] ^= 1;
	region[tampered_at + header_size_at(tampered_at) + 40] ^= 0x80;
	load();
	assert_int_equal(result.count, 0);
	assert_int_equal(result.skipped, 5);

	snprintf(want, sizeof(want),
		 "process loader: app at offset 0x%x skipped: bad TBF: checksum at offset %u: "
		 "mismatch: expected 0x%x, found 0x%x\n"
		 "process loader: app 'off' (offset 0x%x) skipped: disabled in its header\n"
		 "process loader: app 'needy' (offset 0x%x) skipped: needs kernel ^3.0, this is "
		 "2.2\n"
		 "process loader: app 'tampered' (offset 0x%x) skipped: credentials do not match: "
		 "footer.sha256 at offset ",
		 corrupt_at, TBF_OFF_CHECKSUM, sum, sum ^ 1, off_at, needy_at, tampered_at);
	assert_memory_equal(reports, want, strlen(want));
	line = reports + strlen(want);
	sscanf(line, "%u: sha256 mismatch: expected 0x%*8x, found 0x%*8x\n%n", &footer_at, &end);
	assert_true(end > 0 && line[end - 1] == '\n');
	snprintf(want, sizeof(want),
		 "process loader: app 'plain' (offset 0x%x) skipped: it has no SHA-256 credential "
		 "and this platform requires one\n",
		 plain_at);
	assert_string_equal(line + end, want);
}

static void test_padding_tbf_is_skipped_silently(void **state)
{
	struct tbf_build b;
	struct app_spec s = spec("real");

	(void)state;
	tbf_build_init(&b, 0);
	tbf_build_end_header(&b);
	tbf_build_append(&b, NULL, 64);
	assert_int_equal(tbf_build_finish(&b, false), ERROR_NONE);
	memcpy(region, b.buf, b.len);
	region_len = (uint32_t)b.len;
	tbf_build_free(&b);
	add(&s);
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 0);
}

static void test_kernel_version_mismatch_is_reported_and_skipped(void **state)
{
	static const uint16_t bad[][2] = {{3, 0}, {1, 0}, {2, 3}};
	struct app_spec ok = spec("ok21"), later = spec("later");

	(void)state;
	for (unsigned i = 0; i < 3; i++) {
		struct app_spec s = spec("needy");

		setup(NULL);
		s.kernel_version = true;
		s.kernel_major = bad[i][0];
		s.kernel_minor = bad[i][1];
		add(&s);
		add(&later);
		load();
		assert_reported("app 'needy'");
		assert_reported("needs kernel ^");
		assert_int_equal(result.count, 1);
		assert_int_equal(result.skipped, 1);
		find("later");
	}
	setup(NULL);
	ok.kernel_version = true;
	ok.kernel_major = 2;
	ok.kernel_minor = 1;
	add(&ok);
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 1);
}

static void test_tampered_sha256_is_reported_and_its_pages_reused(void **state)
{
	struct app_spec bad = spec("tampered"), good = spec("good");
	uint32_t off;

	(void)state;
	bad.sha256 = good.sha256 = true;
	bad.relocations = false;
	off = add(&bad);
	add(&good);
	/* A byte of the binary changes after signing (the header checksum does not cover it). */
	region[off + header_size_at(off) + 40] ^= 0x80;
	load();
	assert_reported("app 'tampered'");
	assert_reported("credentials do not match");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 1);

	const struct app *g = find("good");

	assert_true(g->signed_sha256);
	/* The refused app's pages went to the next app. */
	assert_int_equal(g->flash_start, MEM_START);
	assert_placement_sane();
}

static void test_tampered_sha256_alone_leaves_nothing_of_the_copy(void **state)
{
	struct app_spec bad = spec("tampered");
	uint32_t off;

	(void)state;
	bad.sha256 = true;
	off = add(&bad);
	region[off + header_size_at(off) + 40] ^= 0x80;
	load();
	assert_int_equal(result.count, 0);
	for (uint32_t i = 0; i < PAGE; i++)
		assert_int_equal(sram[i], 0);
}

static void test_unsigned_app_is_refused_when_credentials_are_required(void **state)
{
	struct app_spec plain = spec("plain"), signed_app = spec("signed");

	(void)state;
	config.require_credentials = true;
	signed_app.sha256 = true;
	add(&plain);
	add(&signed_app);
	load();
	assert_reported("app 'plain'");
	assert_reported("no SHA-256 credential");
	assert_int_equal(result.count, 1);
	assert_true(find("signed")->signed_sha256);
}

/* ---- walking the app region ---- */

static void test_erased_tail_ends_the_walk(void **state)
{
	struct app_spec a = spec("a"), b = spec("b");

	(void)state;
	add(&a);
	add(&b);
	load(); /* the rest of the region is 0xff */
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 2);
	assert_int_equal(result.skipped, 0);

	setup(NULL);
	add(&a);
	memset(region + region_len, 0x00, sizeof(region) - region_len);
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 1);
}

static void test_empty_region_loads_nothing(void **state)
{
	(void)state;
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 0);
	assert_int_equal(result.skipped, 0);
	process_loader_load(region, 0, &mem, &config, report, &result);
	assert_int_equal(result.count, 0);
}

static void test_garbage_after_apps_stops_the_walk_with_a_report(void **state)
{
	struct app_spec a = spec("a");

	(void)state;
	add(&a);
	memcpy(region + region_len, "garbage!", 8);
	load();
	assert_int_equal(result.count, 1);
	assert_int_equal(result.skipped, 1);
	assert_reported("cannot find the next app");
}

static void test_more_apps_than_slots_are_reported(void **state)
{
	struct app_spec s = spec("x");

	(void)state;
	s.min_ram = 0;
	s.relocations = false;
	for (int i = 0; i < PROCESS_LOADER_MAX_APPS + 1; i++)
		add(&s);
	load();
	assert_int_equal(result.count, PROCESS_LOADER_MAX_APPS);
	assert_int_equal(result.skipped, 1);
	assert_reported("too many apps");
	assert_placement_sane();
}

static void test_main_tlv_app_without_name_loads(void **state)
{
	struct app_spec s = spec(NULL);

	(void)state;
	s.main_only = true;
	s.relocations = false;
	add(&s);
	load();
	assert_string_equal(reports, "");
	assert_int_equal(result.count, 1);
	assert_int_equal(result.apps[0].name_len, 0);
	assert_int_equal(result.apps[0].binary_end - result.apps[0].flash_start, total_size_at(0));
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_relocatable_apps_are_placed_page_aligned_disjoint_ram_above_text),
	    T(test_copy_holds_the_tbf_and_its_flash_pages_are_zero_filled),
	    T(test_relocations_are_applied_to_the_copy_not_to_storage),
	    T(test_fixed_addresses_are_honoured),
	    T(test_fixed_only_flash_gets_relocatable_ram_above_it),
	    T(test_fixed_app_wins_its_address_over_earlier_relocatable_app),
	    T(test_movable_text_takes_the_lowest_gap_and_its_ram_the_highest),
	    T(test_fixed_ram_below_text_is_refused),
	    T(test_fixed_ram_overlapping_its_own_text_is_refused),
	    T(test_fixed_ram_not_page_aligned_is_refused),
	    T(test_overlapping_fixed_apps_second_is_refused),
	    T(test_fixed_flash_outside_sram_is_refused),
	    T(test_refused_fixed_ram_gives_its_text_pages_back),
	    T(test_app_out_of_ram_gives_its_text_pages_back),
	    T(test_out_of_sram_is_reported_and_later_apps_load),
	    T(test_out_of_sram_report_states_the_ram_needed_without_overflow),
	    T(test_apps_fill_sram_until_it_runs_out),
	    T(test_bad_checksum_is_reported_and_skipped),
	    T(test_disabled_app_is_reported_and_skipped),
	    T(test_refusals_are_reported_as_whole_lines),
	    T(test_padding_tbf_is_skipped_silently),
	    T(test_kernel_version_mismatch_is_reported_and_skipped),
	    T(test_tampered_sha256_is_reported_and_its_pages_reused),
	    T(test_tampered_sha256_alone_leaves_nothing_of_the_copy),
	    T(test_unsigned_app_is_refused_when_credentials_are_required),
	    T(test_erased_tail_ends_the_walk),
	    T(test_empty_region_loads_nothing),
	    T(test_garbage_after_apps_stops_the_walk_with_a_report),
	    T(test_more_apps_than_slots_are_reported),
	    T(test_main_tlv_app_without_name_loads),
	};

	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
