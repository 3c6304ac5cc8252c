/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the firmware image header parser and kernel hash check (loader/image.c). */
#include <stdint.h>
#include <string.h>

#include "loader/image.h"

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond))                                                                       \
			__builtin_trap();                                                          \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_header h;
	struct image_diag d = {0};
	uint8_t digest[SHA256_DIGEST_BYTES];

	if (image_parse(data, size, &h, &d) != ERROR_NONE) {
		/* Every refusal names a field and a rule. */
		CHECK(d.field && d.what);
		return 0;
	}
	/* What a successful parse promises the loader: everything it then touches is in bounds. */
	CHECK(h.image_bytes <= size && h.header_bytes == IMAGE_HEADER_BYTES);
	CHECK(h.kernel_file_bytes &&
	      h.kernel_offset + (uint64_t)h.kernel_file_bytes <= h.image_bytes);
	CHECK(h.kernel_mem_bytes >= h.kernel_file_bytes);
	CHECK(h.kernel_load_paddr + (uint64_t)h.kernel_mem_bytes <= 0xffffffffull);
	CHECK(h.kernel_entry_paddr - h.kernel_load_paddr < h.kernel_file_bytes);
	CHECK(!h.apps_bytes || h.apps_offset + (uint64_t)h.apps_bytes <= h.image_bytes);
	CHECK(!h.apps_bytes || h.apps_offset >= h.kernel_offset + h.kernel_file_bytes);
	enum error_code rc = image_check_kernel_hash(data + h.kernel_offset, &h, digest, &d);
	CHECK(rc == ERROR_NONE || rc == ERROR_FAIL);
	CHECK((rc == ERROR_NONE) == !memcmp(digest, h.kernel_sha256, sizeof(digest)));
	return 0;
}
