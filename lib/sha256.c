/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4): a compact rolled implementation sized for the i586 boot path. */
#include "lib/sha256.h"

#include "lib/compiler.h"
#include "lib/string.h"

/* FIPS 180-4 4.2.2: fractional parts of the cube roots of the first 64 primes, 32 bits each. */
static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* FIPS 180-4 5.3.3: fractional parts of the square roots of the first 8 primes, 32 bits each. */
static const uint32_t initial_state[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t ror32(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

/* Byte-wise, so any alignment is fine; GCC folds it into a load plus bswap. */
static inline uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Out of line: only there does GCC fold it into a bswap and one store. */
static OUT_OF_LINE void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/*
 * Wipes len bytes at p in a way the compiler may not drop as a dead store: hash state is
 * message-derived, and for HMAC it is key-derived.
 */
static void wipe(void *p, size_t len)
{
	memset(p, 0, len);
	__asm__ volatile("" : : "r"(p) : "memory");
}

/* FIPS 180-4 6.2.2: folds nblocks consecutive 64-byte blocks at data into state. */
static void compress(uint32_t state[8], const uint8_t *data, size_t nblocks)
{
	/*
	 * Each round makes only a new a and a new e: b, c, d are the previous three a's and f, g,
	 * h the previous three e's. Keeping both histories in arrays indexed by round replaces the
	 * eight-variable shuffle, which the i586's six free registers cannot hold without spilling.
	 * hist_a[3 - i] is state[i] on entry and hist_a[4 + r] is the a made by round r; hist_e
	 * likewise holds state[4 + i] and each round's e.
	 */
	uint32_t w[64];
	uint32_t hist_a[4 + 64];
	uint32_t hist_e[4 + 64];

	while (nblocks--) {
		unsigned int i;

		for (i = 0; i < 16; i++)
			w[i] = load_be32(data + 4 * i);
		for (; i < 64; i++) {
			uint32_t w15 = w[i - 15], w2 = w[i - 2];
			uint32_t s0 = ror32(w15, 7) ^ ror32(w15, 18) ^ (w15 >> 3);
			uint32_t s1 = ror32(w2, 17) ^ ror32(w2, 19) ^ (w2 >> 10);

			w[i] = w[i - 16] + s0 + w[i - 7] + s1;
		}

		for (i = 0; i < 4; i++) {
			hist_a[3 - i] = state[i];
			hist_e[3 - i] = state[4 + i];
		}
		const uint32_t *av = hist_a, *ev = hist_e;

		for (i = 0; i < 64; i++, av++, ev++) {
			uint32_t a = av[3], b = av[2], c = av[1], d = av[0];
			uint32_t e = ev[3], f = ev[2], g = ev[1], h = ev[0];
			/* Sigma1(e) and Sigma0(a) with nested rotates: one live temporary each. */
			uint32_t t1 = h + ror32(ror32(ror32(e, 14) ^ e, 5) ^ e, 6) +
				      (g ^ (e & (f ^ g))) + k[i] + w[i];
			uint32_t t2 =
			    ror32(ror32(ror32(a, 9) ^ a, 11) ^ a, 2) + ((a & b) | (c & (a | b)));

			hist_e[4 + i] = d + t1;
			hist_a[4 + i] = t1 + t2;
		}
		for (i = 0; i < 4; i++) {
			state[i] += hist_a[64 + 3 - i];
			state[4 + i] += hist_e[64 + 3 - i];
		}
		data += SHA256_BLOCK_BYTES;
	}
	wipe(w, sizeof(w));
	wipe(hist_a, sizeof(hist_a));
	wipe(hist_e, sizeof(hist_e));
}

void sha256_init(struct sha256_ctx *ctx)
{
	memcpy(ctx->state, initial_state, sizeof(ctx->state));
	ctx->total_bytes = 0;
	ctx->block_used = 0;
}

void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;

	ctx->total_bytes += len;
	while (len) {
		size_t n;

		/* Whole blocks go straight from the input; the rest through ctx->block. */
		if (!ctx->block_used && len >= SHA256_BLOCK_BYTES) {
			n = len - len % SHA256_BLOCK_BYTES;
			compress(ctx->state, p, n / SHA256_BLOCK_BYTES);
		} else {
			n = MIN(SHA256_BLOCK_BYTES - ctx->block_used, len);
			memcpy(ctx->block + ctx->block_used, p, n);
			ctx->block_used += n;
			if (ctx->block_used == SHA256_BLOCK_BYTES) {
				compress(ctx->state, ctx->block, 1);
				ctx->block_used = 0;
			}
		}
		p += n;
		len -= n;
	}
}

void sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_BYTES])
{
	uint64_t total_bits = ctx->total_bytes * 8;
	uint32_t used = ctx->block_used;
	unsigned int i;

	/* FIPS 180-4 5.1.1: a 1 bit, zeros up to 56 mod 64 bytes, the big-endian bit length. */
	ctx->block[used++] = 0x80;
	if (used > SHA256_BLOCK_BYTES - 8) {
		memset(ctx->block + used, 0, SHA256_BLOCK_BYTES - used);
		compress(ctx->state, ctx->block, 1);
		used = 0;
	}
	memset(ctx->block + used, 0, SHA256_BLOCK_BYTES - 8 - used);
	store_be32(ctx->block + 56, (uint32_t)(total_bits >> 32));
	store_be32(ctx->block + 60, (uint32_t)total_bits);
	compress(ctx->state, ctx->block, 1);

	for (i = 0; i < 8; i++)
		store_be32(digest + 4 * i, ctx->state[i]);
	wipe(ctx, sizeof(*ctx));
}

void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_BYTES])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, digest);
}
