/* SPDX-License-Identifier: MIT */
/* libFuzzer target: an app list walked like the kernel does, through every loader/tbf.c entry. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader/tbf.h"

/* An invariant the library promises; a violation is a bug, so crash where libFuzzer sees it. */
#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			__builtin_trap();                                                          \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(const uint8_t *buf, size_t avail, const struct tbf_header *hdr)
{
	struct tbf_tlv_iter it;
	struct tbf_tlv tlv;
	struct tbf_credential cred;
	struct tbf_diag diag;
	enum tbf_cred_status status;
	enum error_code rc;
	uint32_t pos, n = 0;
	uint8_t *copy;
	volatile uint64_t sink = 0;

	CHECK(hdr->total_size >= TBF_BASE_HEADER_BYTES && hdr->total_size <= avail);
	CHECK(hdr->header_size <= hdr->total_size);
	CHECK(hdr->binary_end_offset <= hdr->total_size);
	CHECK(hdr->footer_offset + hdr->footer_size == hdr->total_size);
	if (!hdr->is_padding) {
		CHECK(hdr->binary_offset >= hdr->header_size);
		CHECK(hdr->binary_offset + hdr->binary_size == hdr->binary_end_offset);
		CHECK(hdr->entry_offset >= hdr->binary_offset);
		CHECK(hdr->entry_offset < hdr->binary_end_offset);
	}
	CHECK(!hdr->name_len ||
	      (hdr->name_len <= TBF_MAX_NAME_BYTES && memchr(hdr->name, 0, hdr->name_len) == NULL));

	tbf_tlv_iter_init(&it, buf, TBF_BASE_HEADER_BYTES, hdr->header_size);
	while (tbf_tlv_next(&it, &tlv))
		sink += tlv.type + tlv.length + (tlv.length ? tlv.value[tlv.length - 1] : 0);
	for (uint32_t i = 0; i < hdr->permission_count; i++)
		sink += tbf_permission_get(hdr, i).allowed_commands;
	for (uint32_t i = 0; i < hdr->storage_read_count; i++)
		sink += tbf_storage_read_id(hdr, i);
	for (uint32_t i = 0; i < hdr->storage_modify_count; i++)
		sink += tbf_storage_modify_id(hdr, i);
	for (uint32_t i = 0; i < hdr->writeable_region_count; i++)
		CHECK(hdr->writeable_regions[i].offset + (uint64_t)hdr->writeable_regions[i].size <=
		      hdr->binary_end_offset);
	sink += tbf_check_kernel_version(hdr, 2, 1);

	pos = hdr->footer_offset;
	while (tbf_footer_next(buf, hdr, &pos, &cred)) {
		CHECK(cred.data + cred.data_len <= buf + hdr->total_size);
		n++;
		sink += tbf_check_credential(buf, hdr, &cred, NULL, &diag);
	}
	CHECK(n == hdr->credential_count);
	rc = tbf_verify_footer(buf, hdr, &status, &diag);
	CHECK(rc != ERROR_INVAL && status != TBF_CRED_STATUS_MALFORMED);
	CHECK((rc == ERROR_NONE) == (status == TBF_CRED_STATUS_SHA256_OK));

	/*
	 * Relocate an exactly-sized copy, so ASan sees any write past the binary. Entries may sit
	 * at any byte offset but never overlap, so each word is patched once: relocating back by
	 * the opposite deltas must restore every byte.
	 */
	copy = malloc(hdr->binary_size ? hdr->binary_size : 1);
	if (copy) {
		const uint32_t flash = 0x12345679u, ram = 0x9abcdef1u;
		uint32_t link_flash = hdr->reloc_link_flash_vaddr;
		uint32_t link_ram = hdr->reloc_link_ram_vaddr;

		memcpy(copy, buf + hdr->binary_offset, hdr->binary_size);
		rc = tbf_apply_relocations(hdr, copy, hdr->binary_size, flash, ram, &diag);
		CHECK(rc == ERROR_NONE);
		rc = tbf_apply_relocations(hdr, copy, hdr->binary_size,
					   link_flash - (flash - link_flash),
					   link_ram - (ram - link_ram), &diag);
		CHECK(rc == ERROR_NONE);
		CHECK(memcmp(copy, buf + hdr->binary_offset, hdr->binary_size) == 0);
		CHECK(tbf_apply_relocations(hdr, copy, hdr->binary_size ? hdr->binary_size - 1 : 0,
					    0, 0, &diag) ==
		      (hdr->has_relocations && hdr->binary_size ? ERROR_SIZE : ERROR_NONE));
		free(copy);
	}
	(void)sink;
}

/*
 * Walks data as an app list. With repair, each TBF's checksum is first recomputed (when its
 * header_size allows), so mutated TLVs get past the checksum instead of dying at it.
 */
static void walk(uint8_t *data, size_t size, bool repair)
{
	size_t off = 0;

	for (int n = 0; n < 8 && off < size; n++) {
		struct tbf_header hdr;
		struct tbf_diag diag = {0};
		enum error_code rc;
		uint32_t hs;

		if (repair && size - off >= TBF_BASE_HEADER_BYTES) {
			hs = tbf_get16(data + off + TBF_OFF_HEADER_SIZE);
			if (hs >= TBF_BASE_HEADER_BYTES && hs % 4 == 0 && hs <= size - off)
				tbf_put32(data + off + TBF_OFF_CHECKSUM,
					  tbf_checksum(data + off, hs));
		}
		rc = tbf_parse(data + off, size - off, &hdr, &diag);
		if (rc != ERROR_NONE) {
			CHECK(diag.field && diag.what);
			CHECK(hdr.total_size == 0 || (hdr.total_size >= TBF_BASE_HEADER_BYTES &&
						      hdr.total_size <= size - off));
			CHECK(!repair || rc != ERROR_FAIL || hdr.total_size == 0);
			if (!hdr.total_size)
				break;
		} else {
			exercise(data + off, size - off, &hdr);
		}
		off += hdr.total_size;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tbf_tlv_iter it;
	struct tbf_tlv tlv;
	uint8_t *copy;

	/* The raw iterator must be safe on anything. */
	tbf_tlv_iter_init(&it, data, 0, size > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)size);
	while (tbf_tlv_next(&it, &tlv))
		CHECK(tlv.offset + 4u + tlv.length <= size);

	/* Exactly sized copies, so ASan sees a read one past the input. */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	walk(copy, size, false);
	memcpy(copy, data, size);
	walk(copy, size, true);
	free(copy);
	return 0;
}
