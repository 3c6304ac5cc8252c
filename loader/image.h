/* SPDX-License-Identifier: MIT */
/* The firmware image: header, kernel segment, app region (TBFs back to back). */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/compiler.h"
#include "lib/error.h"
#include "lib/sha256.h"

/*
 * Layout (little-endian; offsets from the start of the image):
 *
 *   0              +-------------------------------+
 *                  | struct image_header (128 B)   |
 *   kernel_offset  +-------------------------------+  4 KiB aligned
 *                  | kernel segment                |  copied to kernel_load_paddr
 *   apps_offset    +-------------------------------+  4 KiB aligned
 *                  | app region: TBF, TBF, ...     |  walked by total_size
 *   image_bytes    +-------------------------------+
 */
#define IMAGE_MAGIC	   0x46544b54u /* "TKTF" */
#define IMAGE_VERSION	   1
#define IMAGE_ALIGN	   4096u
#define IMAGE_HEADER_BYTES 128u

struct image_header {
	uint32_t magic;		     /* IMAGE_MAGIC */
	uint16_t version;	     /* IMAGE_VERSION */
	uint16_t header_bytes;	     /* IMAGE_HEADER_BYTES */
	uint32_t image_bytes;	     /* the whole image, header included */
	uint32_t flags;		     /* reserved, 0 */
	uint32_t kernel_offset;	     /* where the kernel segment starts */
	uint32_t kernel_file_bytes;  /* bytes stored */
	uint32_t kernel_mem_bytes;   /* bytes it occupies in SRAM; the rest is zeroed (bss) */
	uint32_t kernel_load_paddr;  /* where it is copied */
	uint32_t kernel_entry_paddr; /* where the loader jumps */
	uint32_t apps_offset;	     /* app region start (0 and apps_bytes 0: no apps) */
	uint32_t apps_bytes;	     /* app region length */
	uint32_t reserved0;
	uint8_t kernel_sha256[SHA256_DIGEST_BYTES]; /* of the kernel_file_bytes stored bytes */
	uint8_t reserved[48];			    /* 0 */
};
STATIC_ASSERT(sizeof(struct image_header) == IMAGE_HEADER_BYTES);

/* What went wrong with an image, precisely enough to print. */
struct image_diag {
	const char *field; /* the header field at fault, e.g. "kernel_offset" */
	uint32_t offset;   /* its byte offset in the image */
	uint32_t expected; /* what was required (meaning depends on the check: see what) */
	uint32_t found;	   /* what the image has */
	const char *what;  /* the rule broken, e.g. "must be a multiple of 4096" */
};

/*
 * Checks an image of avail bytes at buf: magic, version, header size, every size and offset
 * against the image's bounds and each other. Does NOT check the kernel's hash (see
 * image_check_kernel_hash) or where the kernel loads (the loader's business).
 * Returns: NONE with *hdr filled; INVAL, SIZE or NOSUPPORT with *diag saying why.
 */
enum error_code image_parse(const uint8_t *buf, size_t avail, struct image_header *hdr,
			    struct image_diag *diag);

/*
 * Hashes the kernel_file_bytes at kernel (the segment in the image, or better the copy that
 * will run, so storage cannot change between check and use) and compares with the header.
 * Returns: NONE; FAIL on mismatch (diag says so). digest receives the computed hash.
 */
enum error_code image_check_kernel_hash(const uint8_t *kernel, const struct image_header *hdr,
					uint8_t digest[SHA256_DIGEST_BYTES],
					struct image_diag *diag);

/* Serialises hdr (host tools). */
void image_header_write(const struct image_header *hdr, uint8_t out[IMAGE_HEADER_BYTES]);
