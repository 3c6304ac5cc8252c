/* SPDX-License-Identifier: MIT */
/* Host-only TBF writer for the tools: header TLVs, checksum, binary, credentials footer. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"

/*
 * Builds one TBF in memory, in this order:
 *   tbf_build_init -> tbf_build_main/_program/_tlv ... -> tbf_build_end_header
 *   -> tbf_build_append (protected trailer, binary) ... -> tbf_build_finish.
 * The first failure sticks in err and makes later calls no-ops, so callers check once, at
 * tbf_build_finish().
 */
struct tbf_build {
	uint8_t *buf;
	size_t len;
	size_t cap;
	size_t header_end;	  /* 0 until tbf_build_end_header() */
	size_t main_value_pos;	  /* 0 if there is no Main TLV */
	size_t program_value_pos; /* 0 if there is no Program TLV */
	enum error_code err;
};

/* Starts a TBF with the base header's flags (TBF_FLAG_*); the rest is filled in at the end. */
void tbf_build_init(struct tbf_build *b, uint32_t flags);

/* Appends a TLV with len value bytes, zero-padded to 4. Fails with ERROR_SIZE past 65535. */
void tbf_build_tlv(struct tbf_build *b, uint16_t type, const void *value, size_t len);

/* Appends a Main TLV. */
void tbf_build_main(struct tbf_build *b, uint32_t init_fn_offset, uint32_t protected_trailer_size,
		    uint32_t minimum_ram_size);

/* Appends a Program TLV; its binary_end_offset is filled in by tbf_build_finish(). */
void tbf_build_program(struct tbf_build *b, uint32_t init_fn_offset,
		       uint32_t protected_trailer_size, uint32_t minimum_ram_size,
		       uint32_t app_version);

/* Ends the header: records header_size (must fit 16 bits). */
void tbf_build_end_header(struct tbf_build *b);

/* Appends len bytes after the header (data NULL appends zeros). */
void tbf_build_append(struct tbf_build *b, const void *data, size_t len);

/*
 * Ends the binary where the data appended so far ends, writes total_size (with a SHA-256
 * credentials footer over [0, binary_end_offset) if sha256, then zero padding to 4) and the
 * checksum.
 * Returns:
 *  ERROR_NONE   b->buf holds b->len bytes of TBF;
 *  ERROR_SIZE   the header or the TBF is larger than the format allows;
 *  ERROR_NOMEM  out of memory;
 *  ERROR_INVAL  the calls came in the wrong order.
 */
enum error_code tbf_build_finish(struct tbf_build *b, bool sha256);

/* Frees the buffer. */
void tbf_build_free(struct tbf_build *b);
