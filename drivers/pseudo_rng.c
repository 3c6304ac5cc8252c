/* SPDX-License-Identifier: MIT */
/* A SHA-256 generator behind the entropy HIL, seeded from TSC/PIT jitter (8254 data sheet:
 * counter latch command) and the CMOS clock (MC146818 registers 0-9). NOT a true entropy
 * source. */
#include "drivers/pseudo_rng.h"

#include "arch/x86/io.h"
#include "kernel/arch.h"
#include "kernel/debug.h"
#include "lib/compiler.h"
#include "lib/string.h"

#define PIT_CH0		 0
#define PIT_CONTROL	 3
#define PIT_LATCH_CH0	 0x00 /* counter latch command, channel 0 */
#define PIT_CHANGE_TRIES 100  /* reads to wait for the counter to move (Bochs moves it rarely) */
#define CMOS_TIME_REGS	 10   /* seconds .. year, alarms included */

static struct pseudo_rng *to_pseudo_rng(struct hil_entropy *e)
{
	return container_of(e, struct pseudo_rng, entropy);
}

/* SHA-256(key || label || counter || cycles) into out; the counter advances. */
static void block(struct pseudo_rng *r, const char label[3], uint8_t out[SHA256_DIGEST_BYTES])
{
	struct sha256_ctx ctx;
	uint64_t cycles = arch_cycles();

	sha256_init(&ctx);
	sha256_update(&ctx, r->key, sizeof(r->key));
	sha256_update(&ctx, label, 3);
	sha256_update(&ctx, &r->counter, sizeof(r->counter));
	sha256_update(&ctx, &cycles, sizeof(cycles));
	sha256_final(&ctx, out);
	r->counter++;
}

static void generate(struct pseudo_rng *r, uint32_t *out, size_t words)
{
	uint8_t digest[SHA256_DIGEST_BYTES];

	for (size_t done = 0; done < words; done += SHA256_DIGEST_BYTES / 4) {
		block(r, "out", digest);
		memcpy(out + done, digest, MIN(words - done, SHA256_DIGEST_BYTES / 4) * 4);
	}
	block(r, "key", r->key); /* what was handed out cannot be recomputed from the state */
	memset(digest, 0, sizeof(digest));
}

static void work(struct deferred_call *dc)
{
	struct pseudo_rng *r = container_of(dc, struct pseudo_rng, work);
	uint32_t *buf = r->buf;
	size_t words = MIN(r->words, (size_t)PSEUDO_RNG_BATCH_WORDS);
	bool more = false;

	if (!buf)
		return; /* cancelled */
	generate(r, buf, words);
	r->batches++;
	if (r->entropy.client)
		more =
		    r->entropy.client->entropy_available(r->entropy.client, buf, words, ERROR_NONE);
	if (r->buf != buf)
		return; /* cancelled from inside the callback (and maybe a new get) */
	if (more)
		deferred_call_schedule(&r->work);
	else
		r->buf = NULL;
}

static enum error_code get(struct hil_entropy *e, uint32_t *buf, size_t words)
{
	struct pseudo_rng *r = to_pseudo_rng(e);

	if (r->buf)
		return ERROR_BUSY;
	if (!words)
		return ERROR_SIZE;
	r->buf = buf;
	r->words = words;
	deferred_call_schedule(&r->work);
	return ERROR_NONE;
}

static enum error_code cancel(struct hil_entropy *e)
{
	struct pseudo_rng *r = to_pseudo_rng(e);

	if (!r->buf)
		return ERROR_OFF;
	r->buf = NULL;
	return ERROR_NONE;
}

static enum hil_entropy_quality quality(struct hil_entropy *e)
{
	(void)e;
	return HIL_ENTROPY_PSEUDO;
}

static const struct hil_entropy_ops pseudo_rng_ops = {
    .get = get,
    .cancel = cancel,
    .quality = quality,
};

void pseudo_rng_init_seeded(struct pseudo_rng *r, const void *seed, size_t seed_bytes)
{
	*r = (struct pseudo_rng){.entropy = {.ops = &pseudo_rng_ops}};
	sha256(seed, seed_bytes, r->key);
	deferred_call_register(&r->work, work);
}

static uint16_t pit_count(uint16_t pit_port)
{
	uint8_t lo, hi;

	outb(pit_port + PIT_CONTROL, PIT_LATCH_CH0);
	lo = inb(pit_port + PIT_CH0);
	hi = inb(pit_port + PIT_CH0);
	return (uint16_t)(hi << 8 | lo);
}

/* Hashes the CMOS clock's time registers: the boot's date and time, to the second. */
static void hash_cmos_time(struct sha256_ctx *ctx, uint16_t cmos_port)
{
	uint8_t regs[CMOS_TIME_REGS];

	for (uint8_t i = 0; i < CMOS_TIME_REGS; i++) {
		outb(cmos_port, i); /* bit 7 clear: NMIs stay enabled */
		regs[i] = inb(cmos_port + 1);
	}
	sha256_update(ctx, regs, sizeof(regs));
}

void pseudo_rng_init(struct pseudo_rng *r, uint16_t pit_port, uint16_t cmos_port)
{
	struct sha256_ctx ctx;
	uint8_t seed[SHA256_DIGEST_BYTES];

	/*
	 * Each sample: how many cycles and reads it takes the PIT's counter (its own clock on a
	 * real board) to move, and where it was. Everything is hashed; none of it is credited as
	 * entropy: under an emulator all of it may be predictable (Bochs with clock sync=none
	 * repeats it exactly; only the CMOS time then tells two boots apart).
	 */
	sha256_init(&ctx);
	hash_cmos_time(&ctx, cmos_port);
	for (unsigned i = 0; i < PSEUDO_RNG_SEED_SAMPLES; i++) {
		uint16_t first = pit_count(pit_port), now = first;
		uint64_t start = arch_cycles();
		uint32_t tries = 0;

		while (now == first && tries++ < PIT_CHANGE_TRIES)
			now = pit_count(pit_port);
		uint64_t sample[2] = {arch_cycles() - start, (uint64_t)tries << 32 | now};

		sha256_update(&ctx, sample, sizeof(sample));
	}
	sha256_final(&ctx, seed);
	pseudo_rng_init_seeded(r, seed, sizeof(seed));
	memset(seed, 0, sizeof(seed));
	kprintf("rng: WARNING: no hardware entropy source; using a SHA-256 generator seeded from "
		"TSC/PIT jitter and the clock, which is NOT a true entropy source\n");
}
