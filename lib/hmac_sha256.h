/* SPDX-License-Identifier: MIT */
/* HMAC-SHA256 (RFC 2104, FIPS 198-1), freestanding; shared by loader, kernel and tools. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/sha256.h"

#define HMAC_SHA256_MAC_BYTES SHA256_DIGEST_BYTES

/* Both hashes already hold the padded key, so the raw key is not kept. */
struct hmac_sha256_ctx {
	struct sha256_ctx inner; /* H((K0 ^ ipad) || message ...) */
	struct sha256_ctx outer; /* H((K0 ^ opad) || ...), finished with the inner digest */
};

/*
 * Starts a MAC under the key_len bytes at key; a key longer than the 64-byte block is hashed
 * first, as RFC 2104 section 2 requires. key_len may be 0.
 */
void hmac_sha256_init(struct hmac_sha256_ctx *ctx, const void *key, size_t key_len);
/* Appends len bytes at data to the message being authenticated; len may be 0. */
void hmac_sha256_update(struct hmac_sha256_ctx *ctx, const void *data, size_t len);
/*
 * Writes the MAC of the message passed to hmac_sha256_update since hmac_sha256_init, then
 * wipes ctx, which holds key-derived state: it must be initialised again before reuse.
 */
void hmac_sha256_final(struct hmac_sha256_ctx *ctx, uint8_t out[HMAC_SHA256_MAC_BYTES]);
/* One-shot MAC of the len bytes at data under the key_len bytes at key. */
void hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
		 uint8_t out[HMAC_SHA256_MAC_BYTES]);
