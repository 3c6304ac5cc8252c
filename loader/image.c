/* SPDX-License-Identifier: MIT */
/* Firmware image header: parsing with precise diagnostics, hashing, writing. */
#include "loader/image.h"

#include "lib/string.h"

#define FIELD(name) #name, offsetof(struct image_header, name)

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static enum error_code fail(struct image_diag *d, enum error_code rc, const char *field,
			    uint32_t offset, uint32_t expected, uint32_t found, const char *what)
{
	d->field = field;
	d->offset = offset;
	d->expected = expected;
	d->found = found;
	d->what = what;
	return rc;
}

/* Bytes left in [0, limit) from off (0 if off is already past it). */
static uint32_t room(uint32_t off, uint32_t limit)
{
	return off <= limit ? limit - off : 0;
}

/* Is [off, off + len) inside [0, limit)? Without overflow. */
static int within(uint32_t off, uint32_t len, uint32_t limit)
{
	return off <= limit && len <= limit - off;
}

enum error_code image_parse(const uint8_t *buf, size_t avail, struct image_header *h,
			    struct image_diag *d)
{
	if (avail < IMAGE_HEADER_BYTES)
		return fail(d, ERROR_SIZE, "image", 0, IMAGE_HEADER_BYTES, (uint32_t)avail,
			    "shorter than the image header");
	h->magic = le32(buf + 0);
	h->version = le16(buf + 4);
	h->header_bytes = le16(buf + 6);
	h->image_bytes = le32(buf + 8);
	h->flags = le32(buf + 12);
	h->kernel_offset = le32(buf + 16);
	h->kernel_file_bytes = le32(buf + 20);
	h->kernel_mem_bytes = le32(buf + 24);
	h->kernel_load_paddr = le32(buf + 28);
	h->kernel_entry_paddr = le32(buf + 32);
	h->apps_offset = le32(buf + 36);
	h->apps_bytes = le32(buf + 40);
	h->reserved0 = le32(buf + 44);
	memcpy(h->kernel_sha256, buf + 48, sizeof(h->kernel_sha256));
	memcpy(h->reserved, buf + 80, sizeof(h->reserved));

	if (h->magic != IMAGE_MAGIC)
		return fail(d, ERROR_INVAL, FIELD(magic), IMAGE_MAGIC, h->magic,
			    "not a firmware image");
	if (h->version != IMAGE_VERSION)
		return fail(d, ERROR_NOSUPPORT, FIELD(version), IMAGE_VERSION, h->version,
			    "unsupported version");
	if (h->header_bytes != IMAGE_HEADER_BYTES)
		return fail(d, ERROR_INVAL, FIELD(header_bytes), IMAGE_HEADER_BYTES,
			    h->header_bytes, "wrong header size");
	if (h->image_bytes > avail)
		return fail(d, ERROR_SIZE, FIELD(image_bytes), (uint32_t)avail, h->image_bytes,
			    "larger than the storage holding it (expected at most)");
	if (h->image_bytes < IMAGE_HEADER_BYTES)
		return fail(d, ERROR_INVAL, FIELD(image_bytes), IMAGE_HEADER_BYTES, h->image_bytes,
			    "smaller than the header (expected at least)");
	if (h->flags)
		return fail(d, ERROR_NOSUPPORT, FIELD(flags), 0, h->flags, "unknown flags");
	if (h->reserved0)
		return fail(d, ERROR_INVAL, FIELD(reserved0), 0, h->reserved0, "must be zero");
	for (unsigned i = 0; i < sizeof(h->reserved); i++)
		if (h->reserved[i])
			return fail(d, ERROR_INVAL, "reserved", 80 + i, 0, h->reserved[i],
				    "must be zero");

	if (!IS_ALIGNED(h->kernel_offset, IMAGE_ALIGN))
		return fail(d, ERROR_INVAL, FIELD(kernel_offset), IMAGE_ALIGN, h->kernel_offset,
			    "must be a multiple of (expected)");
	if (h->kernel_offset < IMAGE_HEADER_BYTES)
		return fail(d, ERROR_INVAL, FIELD(kernel_offset), IMAGE_HEADER_BYTES,
			    h->kernel_offset, "overlaps the header (expected at least)");
	if (h->kernel_file_bytes == 0)
		return fail(d, ERROR_SIZE, FIELD(kernel_file_bytes), 1, 0,
			    "empty kernel (expected at least)");
	if (!within(h->kernel_offset, h->kernel_file_bytes, h->image_bytes))
		return fail(d, ERROR_SIZE, FIELD(kernel_file_bytes),
			    room(h->kernel_offset, h->image_bytes), h->kernel_file_bytes,
			    "runs past the end of the image (expected at most)");
	if (h->kernel_mem_bytes < h->kernel_file_bytes)
		return fail(d, ERROR_INVAL, FIELD(kernel_mem_bytes), h->kernel_file_bytes,
			    h->kernel_mem_bytes,
			    "smaller than the stored kernel (expected at least)");
	if (!IS_ALIGNED(h->kernel_load_paddr, IMAGE_ALIGN))
		return fail(d, ERROR_INVAL, FIELD(kernel_load_paddr), IMAGE_ALIGN,
			    h->kernel_load_paddr, "must be a multiple of (expected)");
	if (h->kernel_mem_bytes > 0xffffffffu - h->kernel_load_paddr)
		return fail(d, ERROR_INVAL, FIELD(kernel_mem_bytes),
			    0xffffffffu - h->kernel_load_paddr, h->kernel_mem_bytes,
			    "load range wraps past 4 GiB (expected at most)");
	if (h->kernel_entry_paddr - h->kernel_load_paddr >= h->kernel_file_bytes)
		return fail(d, ERROR_INVAL, FIELD(kernel_entry_paddr), h->kernel_load_paddr,
			    h->kernel_entry_paddr,
			    "outside the stored kernel (expected at or above load address)");

	if (h->apps_bytes == 0) {
		if (h->apps_offset)
			return fail(d, ERROR_INVAL, FIELD(apps_offset), 0, h->apps_offset,
				    "set with an empty app region (expected)");
		return ERROR_NONE;
	}
	if (!IS_ALIGNED(h->apps_offset, IMAGE_ALIGN))
		return fail(d, ERROR_INVAL, FIELD(apps_offset), IMAGE_ALIGN, h->apps_offset,
			    "must be a multiple of (expected)");
	if (h->apps_offset < h->kernel_offset + h->kernel_file_bytes)
		return fail(d, ERROR_INVAL, FIELD(apps_offset),
			    h->kernel_offset + h->kernel_file_bytes, h->apps_offset,
			    "overlaps the kernel (expected at least)");
	if (!within(h->apps_offset, h->apps_bytes, h->image_bytes))
		return fail(d, ERROR_SIZE, FIELD(apps_bytes), room(h->apps_offset, h->image_bytes),
			    h->apps_bytes, "runs past the end of the image (expected at most)");
	return ERROR_NONE;
}

enum error_code image_check_kernel_hash(const uint8_t *kernel, const struct image_header *h,
					uint8_t digest[SHA256_DIGEST_BYTES], struct image_diag *d)
{
	sha256(kernel, h->kernel_file_bytes, digest);
	if (memcmp(digest, h->kernel_sha256, SHA256_DIGEST_BYTES) != 0) {
		uint32_t want = le32(h->kernel_sha256), got = le32(digest);

		/* Shows the first four bytes of each digest as a little-endian word. */
		return fail(d, ERROR_FAIL, FIELD(kernel_sha256), want, got,
			    "kernel SHA-256 mismatch (first word of digest)");
	}
	return ERROR_NONE;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void image_header_write(const struct image_header *h, uint8_t out[IMAGE_HEADER_BYTES])
{
	memset(out, 0, IMAGE_HEADER_BYTES);
	put32(out + 0, h->magic);
	out[4] = (uint8_t)h->version;
	out[5] = (uint8_t)(h->version >> 8);
	out[6] = (uint8_t)h->header_bytes;
	out[7] = (uint8_t)(h->header_bytes >> 8);
	put32(out + 8, h->image_bytes);
	put32(out + 12, h->flags);
	put32(out + 16, h->kernel_offset);
	put32(out + 20, h->kernel_file_bytes);
	put32(out + 24, h->kernel_mem_bytes);
	put32(out + 28, h->kernel_load_paddr);
	put32(out + 32, h->kernel_entry_paddr);
	put32(out + 36, h->apps_offset);
	put32(out + 40, h->apps_bytes);
	put32(out + 44, h->reserved0);
	memcpy(out + 48, h->kernel_sha256, SHA256_DIGEST_BYTES);
	memcpy(out + 80, h->reserved, sizeof(h->reserved));
}
