/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), freestanding; shared by loader, kernel, tools.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_BYTES 32
#define SHA256_BLOCK_BYTES  64

struct sha256_ctx {
	uint32_t state[8];
	uint64_t total_bytes;
	uint8_t block[SHA256_BLOCK_BYTES];
	uint32_t block_used;
};

/* Starts a new message in ctx. */
void sha256_init(struct sha256_ctx *ctx);
/* Appends len bytes at data (any alignment; len may be 0, data then unread) to the message. */
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
/*
 * Writes the digest of every byte passed to sha256_update since sha256_init, then wipes ctx:
 * it must be initialised again before reuse.
 */
void sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_BYTES]);
/* One-shot digest of len bytes at data. */
void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_BYTES]);
