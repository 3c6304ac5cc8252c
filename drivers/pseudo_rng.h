/* SPDX-License-Identifier: MIT */
/* The fallback entropy source for platforms without one: a SHA-256 generator seeded from the
 * cycle counter's jitter against the 8254 PIT and the CMOS clock's time. It is NOT a true
 * entropy source, and says so. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/deferred_call.h"
#include "kernel/hil/entropy.h"
#include "lib/sha256.h"

#define PSEUDO_RNG_BATCH_WORDS	16 /* words per entropy_available */
#define PSEUDO_RNG_SEED_SAMPLES 64 /* PIT/TSC readings hashed into the seed */

/*
 * Fast key erasure: each batch is SHA-256(key || "out" || counter || cycles) twice, then the
 * key is replaced by SHA-256(key || "key" || counter), so the state never holds what it handed
 * out. The cycle counter read at each batch is mixed in for what little it adds.
 */
struct pseudo_rng {
	struct hil_entropy entropy; /* the HIL this driver fills (quality: PSEUDO) */
	struct deferred_call work;  /* makes one batch per run */
	uint8_t key[SHA256_DIGEST_BYTES];
	uint64_t counter;
	uint32_t *buf; /* the client's request, or NULL */
	size_t words;
	uint32_t batches; /* statistics */
};

/*
 * Seeds the generator from PSEUDO_RNG_SEED_SAMPLES readings of the PIT's counter (channel 0 at
 * pit_port, latched, so its programming is untouched) and the cycle counter around them, and
 * from the date and time in the CMOS clock at cmos_port (index; data at cmos_port + 1), so that
 * even a fully deterministic emulator differs from one boot to the next; prints one line saying
 * it is not a true entropy source, and fills r->entropy.
 */
void pseudo_rng_init(struct pseudo_rng *r, uint16_t pit_port, uint16_t cmos_port);

/* The same with a given seed and no hardware (unit tests; no line is printed). */
void pseudo_rng_init_seeded(struct pseudo_rng *r, const void *seed, size_t seed_bytes);
