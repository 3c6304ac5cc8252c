/* SPDX-License-Identifier: MIT */
/* HMAC-SHA256 (RFC 2104) over lib/sha256. */
#include "lib/hmac_sha256.h"

#include "lib/string.h"

#define IPAD 0x36
#define OPAD 0x5c

/* Zeroes key material so that the compiler cannot drop the stores as dead. */
static void wipe(void *p, size_t len)
{
	memset(p, 0, len);
	__asm__ volatile("" : : "r"(p) : "memory");
}

void hmac_sha256_init(struct hmac_sha256_ctx *ctx, const void *key, size_t key_len)
{
	uint8_t pad[SHA256_BLOCK_BYTES];
	unsigned int i;

	/* K0: the key, or its digest when longer than a block, zero-padded to a block. */
	memset(pad, 0, sizeof(pad));
	if (key_len > SHA256_BLOCK_BYTES)
		sha256(key, key_len, pad);
	else if (key_len)
		memcpy(pad, key, key_len);

	for (i = 0; i < SHA256_BLOCK_BYTES; i++)
		pad[i] ^= IPAD;
	sha256_init(&ctx->inner);
	sha256_update(&ctx->inner, pad, sizeof(pad));

	for (i = 0; i < SHA256_BLOCK_BYTES; i++)
		pad[i] ^= IPAD ^ OPAD;
	sha256_init(&ctx->outer);
	sha256_update(&ctx->outer, pad, sizeof(pad));

	wipe(pad, sizeof(pad));
}

void hmac_sha256_update(struct hmac_sha256_ctx *ctx, const void *data, size_t len)
{
	sha256_update(&ctx->inner, data, len);
}

void hmac_sha256_final(struct hmac_sha256_ctx *ctx, uint8_t out[HMAC_SHA256_MAC_BYTES])
{
	uint8_t inner_digest[SHA256_DIGEST_BYTES];

	sha256_final(&ctx->inner, inner_digest);
	sha256_update(&ctx->outer, inner_digest, sizeof(inner_digest));
	sha256_final(&ctx->outer, out);
	/* sha256_final wiped both hashes already; this also clears any struct padding. */
	wipe(ctx, sizeof(*ctx));
	wipe(inner_digest, sizeof(inner_digest));
}

void hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
		 uint8_t out[HMAC_SHA256_MAC_BYTES])
{
	struct hmac_sha256_ctx ctx;

	hmac_sha256_init(&ctx, key, key_len);
	hmac_sha256_update(&ctx, data, len);
	hmac_sha256_final(&ctx, out);
}
