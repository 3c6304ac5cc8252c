/* SPDX-License-Identifier: MIT */
/* Unit tests for the loader's core (loader/loader.c): what it refuses, and what it hands over. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/sha256.h"
#include "loader/image.h"
#include "loader/loader.h"

#define SRAM_PADDR    0x10000u
#define SRAM_BYTES    0x10000u
#define KERNEL_PADDR  0x12000u
#define KERNEL_BYTES  0x1800u /* stored */
#define KERNEL_MEM    0x3000u /* with bss */
#define STORAGE_PADDR 0x200000u
#define IMAGE_BYTES   (4096 + KERNEL_BYTES)

static uint8_t sram[SRAM_BYTES];
static uint8_t image[IMAGE_BYTES];
static struct boot_info bi;
static struct image_header hdr;
static char console[4096];
static size_t console_len;
static jmp_buf out;
static uint32_t entered_at;

static void write_console(const char *s, size_t len)
{
	if (console_len + len < sizeof(console)) {
		memcpy(console + console_len, s, len);
		console_len += len;
		console[console_len] = '\0';
	}
}

static NORETURN void stop(void)
{
	longjmp(out, 1);
}

static NORETURN void enter(uint32_t entry_paddr, struct boot_info *b)
{
	assert_ptr_equal(b, &bi);
	entered_at = entry_paddr;
	longjmp(out, 2);
}

/* Writes hdr (after the test's edits) into the image, re-hashing the kernel unless told not to. */
static void build(int rehash)
{
	if (rehash)
		sha256(image + hdr.kernel_offset, hdr.kernel_file_bytes, hdr.kernel_sha256);
	image_header_write(&hdr, image);
}

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < KERNEL_BYTES; i++)
		image[4096 + i] = (uint8_t)(i * 7 + 1);
	hdr = (struct image_header){
	    .magic = IMAGE_MAGIC,
	    .version = IMAGE_VERSION,
	    .header_bytes = IMAGE_HEADER_BYTES,
	    .image_bytes = IMAGE_BYTES,
	    .kernel_offset = 4096,
	    .kernel_file_bytes = KERNEL_BYTES,
	    .kernel_mem_bytes = KERNEL_MEM,
	    .kernel_load_paddr = KERNEL_PADDR,
	    .kernel_entry_paddr = KERNEL_PADDR + 0x10,
	};
	build(1);
	memset(sram, 0xaa, sizeof(sram));
	bi = (struct boot_info){
	    .sram_paddr = SRAM_PADDR,
	    .sram_bytes = SRAM_BYTES,
	    .loader_paddr = 0x100000,
	    .loader_bytes = 0x4000,
	    .storage_paddr = STORAGE_PADDR,
	    .storage_bytes = IMAGE_BYTES,
	    .mem_region_count = 2,
	    .mem_regions = {{0, 0x9fc00, BOOT_MEM_USABLE, 0},
			    {0x100000, 0x700000, BOOT_MEM_USABLE, 0}},
	};
	console_len = 0;
	console[0] = '\0';
	entered_at = 0;
	return 0;
}

/* Runs the loader. Returns: 1 if it stopped (refused), 2 if it entered the kernel. */
static int boot(void)
{
	struct loader_env env = {.storage = image,
				 .sram = sram,
				 .bi = &bi,
				 .write = write_console,
				 .stop = stop,
				 .enter = enter};
	int how = setjmp(out);

	if (how == 0)
		loader_boot(&env);
	return how;
}

static void assert_refused(const char *why)
{
	assert_int_equal(boot(), 1);
	if (!strstr(console, why))
		fail_msg("expected \"%s\" in:\n%s", why, console);
	assert_non_null(strstr(console, "loader: REFUSED: "));
	assert_int_equal(entered_at, 0);
}

static void test_loader_good_image_copies_zeroes_bss_and_enters(void **state)
{
	uint8_t digest[SHA256_DIGEST_BYTES];

	(void)state;
	assert_int_equal(boot(), 2);
	assert_int_equal(entered_at, KERNEL_PADDR + 0x10);
	uint8_t *k = sram + (KERNEL_PADDR - SRAM_PADDR);
	assert_memory_equal(k, image + 4096, KERNEL_BYTES);
	for (size_t i = KERNEL_BYTES; i < KERNEL_MEM; i++)
		assert_int_equal(k[i], 0);
	assert_int_equal(k[KERNEL_MEM], 0xaa); /* nothing past the kernel touched */
	assert_int_equal(k[-1], 0xaa);
	sha256(image + 4096, KERNEL_BYTES, digest);
	assert_memory_equal(bi.kernel_sha256, digest, sizeof(digest));
	assert_int_equal(bi.kernel_paddr, KERNEL_PADDR);
	assert_int_equal(bi.kernel_bytes, KERNEL_MEM);
	assert_int_equal(bi.kernel_entry_paddr, KERNEL_PADDR + 0x10);
	assert_int_equal(bi.apps_bytes, 0);
	assert_non_null(strstr(console, " verified\r\n"));
}

static void test_loader_kernel_hash_mismatch_is_refused_and_the_copy_wiped(void **state)
{
	(void)state;
	image[4096 + 100] ^= 1; /* after hashing: storage differs from the digest */
	assert_refused("bad firmware image: kernel_sha256 at offset 48");
	uint8_t *k = sram + (KERNEL_PADDR - SRAM_PADDR);
	for (size_t i = 0; i < KERNEL_BYTES; i++)
		assert_int_equal(k[i], 0);
	image[4096 + 100] ^= 1;
}

static void test_loader_kernel_outside_sram_is_refused(void **state)
{
	(void)state;
	hdr.kernel_load_paddr = SRAM_PADDR + SRAM_BYTES - 0x2000; /* bss runs past the end */
	hdr.kernel_entry_paddr = hdr.kernel_load_paddr;
	build(1);
	assert_refused("is outside the SRAM window 0x00010000-0x00020000");
}

static void test_loader_kernel_below_sram_is_refused(void **state)
{
	(void)state;
	hdr.kernel_load_paddr = 0x8000;
	hdr.kernel_entry_paddr = 0x8000;
	build(1);
	assert_refused("kernel load range 0x00008000-0x0000b000 is outside the SRAM window");
}

static void test_loader_kernel_overlapping_the_loader_is_refused(void **state)
{
	(void)state;
	bi.loader_paddr = KERNEL_PADDR + KERNEL_MEM - 1; /* one byte of overlap */
	assert_refused("overlaps the loader");
}

static void test_loader_kernel_overlapping_the_image_is_refused(void **state)
{
	(void)state;
	bi.storage_paddr = KERNEL_PADDR + 0x1000; /* image would sit in the SRAM window too */
	assert_refused("firmware image 0x00013000-0x00015800 lies inside the SRAM window");
}

static void test_loader_without_a_memory_map_is_refused(void **state)
{
	(void)state;
	bi.mem_region_count = 0;
	assert_refused("no memory map from the boot stage");
}

static void test_loader_sram_not_usable_ram_is_refused(void **state)
{
	(void)state;
	bi.mem_regions[0].bytes = 0x18000; /* usable RAM ends inside the window */
	assert_refused("SRAM window 0x00010000-0x00020000 is not usable RAM in the memory map");
	setup(state);
	bi.mem_regions[0].type = BOOT_MEM_RESERVED;
	assert_refused("is not usable RAM");
}

static void test_loader_bad_header_is_refused_naming_the_field(void **state)
{
	(void)state;
	hdr.kernel_mem_bytes = KERNEL_BYTES - 1;
	build(1);
	assert_refused("bad firmware image: kernel_mem_bytes at offset 24: smaller than the stored "
		       "kernel");
	assert_int_equal(sram[KERNEL_PADDR - SRAM_PADDR], 0xaa); /* nothing copied */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
	const struct CMUnitTest tests[] = {
	    T(test_loader_good_image_copies_zeroes_bss_and_enters),
	    T(test_loader_kernel_hash_mismatch_is_refused_and_the_copy_wiped),
	    T(test_loader_kernel_outside_sram_is_refused),
	    T(test_loader_kernel_below_sram_is_refused),
	    T(test_loader_kernel_overlapping_the_loader_is_refused),
	    T(test_loader_kernel_overlapping_the_image_is_refused),
	    T(test_loader_without_a_memory_map_is_refused),
	    T(test_loader_sram_not_usable_ram_is_refused),
	    T(test_loader_bad_header_is_refused_naming_the_field),
	};
	return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
