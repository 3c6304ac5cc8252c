/* SPDX-License-Identifier: MIT */
/* The digest HIL in software: the same lib/sha256 and lib/hmac_sha256 the loaders use, fed a
 * bounded piece per deferred call. */
#include "drivers/soft_digest.h"

#include "kernel/panic.h"
#include "lib/compiler.h"
#include "lib/string.h"

static bool hmac_mode(enum hil_digest_mode mode)
{
	return mode == HIL_DIGEST_HMAC_SHA256;
}

/* Zeroes key-derived bytes so that the compiler cannot drop the stores as dead. */
static void wipe_bytes(void *p, size_t len)
{
	memset(p, 0, len);
	__asm__ volatile("" : : "r"(p) : "memory");
}

/* Wipes the message state, which for HMAC is derived from the key. */
static void wipe(struct soft_digest *sd)
{
	wipe_bytes(&sd->ctx, sizeof(sd->ctx));
	sd->open = false;
}

/* Returns: whether a and b (len bytes each) are equal, in time independent of their contents. */
static bool equal_ct(const uint8_t *a, const uint8_t *b, size_t len)
{
	uint8_t diff = 0;

	for (size_t i = 0; i < len; i++)
		diff |= a[i] ^ b[i];
	return diff == 0;
}

/* Hashes the next piece of in: the key into ctx, or data into the message. Returns: whether
 * all of in is hashed. */
static OUT_OF_LINE bool absorb(struct soft_digest *sd, struct sha256_ctx *key_ctx)
{
	size_t n = MIN(sd->chunk_bytes, sd->in_len - sd->in_done);
	const uint8_t *piece;

	if (n == 0) /* nothing (left) to hash; in may then be NULL */
		return true;
	piece = sd->in + sd->in_done;
	if (key_ctx)
		sha256_update(key_ctx, piece, n);
	else if (hmac_mode(sd->mode))
		hmac_sha256_update(&sd->ctx.hmac, piece, n);
	else
		sha256_update(&sd->ctx.sha, piece, n);
	sd->in_done += n;
	return sd->in_done == sd->in_len;
}

/*
 * One piece of set_mode. A key longer than a block is hashed first, a piece per step, into the
 * inner hash's context (RFC 2104 section 2: K0 = H(K)); HMAC then starts with that digest as
 * its key, which hmac_sha256_init treats exactly as it would treat K.
 * Returns: whether the message has begun.
 */
static bool set_mode_step(struct soft_digest *sd)
{
	uint8_t key_digest[SHA256_DIGEST_BYTES];

	if (!hmac_mode(sd->mode)) {
		sha256_init(&sd->ctx.sha);
	} else if (sd->in_len <= SHA256_BLOCK_BYTES) {
		hmac_sha256_init(&sd->ctx.hmac, sd->in, sd->in_len);
	} else {
		if (sd->in_done == 0)
			sha256_init(&sd->ctx.hmac.inner);
		if (!absorb(sd, &sd->ctx.hmac.inner))
			return false;
		sha256_final(&sd->ctx.hmac.inner, key_digest);
		hmac_sha256_init(&sd->ctx.hmac, key_digest, sizeof(key_digest));
		wipe_bytes(key_digest, sizeof(key_digest));
	}
	sd->open = true;
	return true;
}

/* Ends the message into out (the mode's digest size) and wipes it. */
static void finish(struct soft_digest *sd, uint8_t *out)
{
	if (hmac_mode(sd->mode))
		hmac_sha256_final(&sd->ctx.hmac, out);
	else
		sha256_final(&sd->ctx.sha, out);
	wipe(sd);
}

static void step(struct deferred_call *dc)
{
	struct soft_digest *sd = container_of(dc, struct soft_digest, step);
	struct hil_digest_client *client = sd->hil.client;
	uint8_t digest[SHA256_DIGEST_BYTES];
	enum soft_digest_op op = sd->op;
	bool equal = false;
	enum error_code rc;

	/* Invariant: this call is scheduled exactly while an operation is in flight. */
	KASSERT(op != SOFT_DIGEST_IDLE);
	if (sd->rc == ERROR_NONE) {
		switch (op) {
		case SOFT_DIGEST_SET_MODE:
			if (!set_mode_step(sd)) {
				deferred_call_schedule(&sd->step);
				return;
			}
			break;
		case SOFT_DIGEST_ADD_DATA:
			if (!absorb(sd, NULL)) {
				deferred_call_schedule(&sd->step);
				return;
			}
			break;
		case SOFT_DIGEST_RUN:
			finish(sd, sd->out);
			break;
		case SOFT_DIGEST_VERIFY:
			finish(sd, digest);
			equal = equal_ct(digest, sd->out, sizeof(digest));
			wipe_bytes(digest, sizeof(digest));
			break;
		case SOFT_DIGEST_IDLE:
			break;
		}
	}
	/* Idle before the client hears of it: it may start the next operation from the callback. */
	rc = sd->rc;
	sd->op = SOFT_DIGEST_IDLE;
	sd->rc = ERROR_NONE;
	switch (op) {
	case SOFT_DIGEST_SET_MODE:
		client->set_mode_done(client, sd->in, sd->in_len, rc);
		break;
	case SOFT_DIGEST_ADD_DATA:
		client->add_data_done(client, sd->in, sd->in_len, rc);
		break;
	case SOFT_DIGEST_RUN:
		client->hash_done(client, sd->out, rc);
		break;
	case SOFT_DIGEST_VERIFY:
		client->verify_done(client, sd->out, equal && rc == ERROR_NONE, rc);
		break;
	case SOFT_DIGEST_IDLE:
		break;
	}
}

/* Puts an operation in flight; step() does it, from the kernel loop. */
static OUT_OF_LINE void start(struct soft_digest *sd, enum soft_digest_op op, const uint8_t *in,
			      size_t len, uint8_t *out)
{
	sd->op = op;
	sd->rc = ERROR_NONE;
	sd->in = in;
	sd->in_len = len;
	sd->in_done = 0;
	sd->out = out;
	deferred_call_schedule(&sd->step);
}

static enum error_code set_mode(struct hil_digest *engine, enum hil_digest_mode mode,
				const uint8_t *key, size_t key_len)
{
	struct soft_digest *sd = container_of(engine, struct soft_digest, hil);

	if (sd->op != SOFT_DIGEST_IDLE)
		return ERROR_BUSY;
	if (mode != HIL_DIGEST_SHA256 && mode != HIL_DIGEST_HMAC_SHA256)
		return ERROR_NOSUPPORT;
	if (!hmac_mode(mode) && (key || key_len))
		return ERROR_INVAL;
	wipe(sd);
	sd->mode = mode;
	start(sd, SOFT_DIGEST_SET_MODE, key, key_len, NULL);
	return ERROR_NONE;
}

static enum error_code add_data(struct hil_digest *engine, const uint8_t *buf, size_t len)
{
	struct soft_digest *sd = container_of(engine, struct soft_digest, hil);

	if (sd->op != SOFT_DIGEST_IDLE)
		return ERROR_BUSY;
	if (!sd->open)
		return ERROR_OFF;
	start(sd, SOFT_DIGEST_ADD_DATA, buf, len, NULL);
	return ERROR_NONE;
}

/* run and verify: both end the message into a buffer of at least the digest's size. */
static enum error_code end(struct soft_digest *sd, enum soft_digest_op op, uint8_t *buf, size_t len)
{
	if (sd->op != SOFT_DIGEST_IDLE)
		return ERROR_BUSY;
	if (!sd->open)
		return ERROR_OFF;
	if (len < hil_digest_bytes(sd->mode))
		return ERROR_SIZE;
	start(sd, op, NULL, 0, buf);
	return ERROR_NONE;
}

static enum error_code run(struct hil_digest *engine, uint8_t *digest, size_t len)
{
	return end(container_of(engine, struct soft_digest, hil), SOFT_DIGEST_RUN, digest, len);
}

static enum error_code verify(struct hil_digest *engine, uint8_t *compare, size_t len)
{
	return end(container_of(engine, struct soft_digest, hil), SOFT_DIGEST_VERIFY, compare, len);
}

static void clear(struct hil_digest *engine)
{
	struct soft_digest *sd = container_of(engine, struct soft_digest, hil);

	wipe(sd);
	if (sd->op != SOFT_DIGEST_IDLE)
		sd->rc = ERROR_CANCEL; /* step() is scheduled: it hands the buffer back */
}

static const struct hil_digest_ops soft_digest_ops = {
    .set_mode = set_mode,
    .add_data = add_data,
    .run = run,
    .verify = verify,
    .clear = clear,
};

void soft_digest_init(struct soft_digest *sd, size_t chunk_bytes)
{
	KASSERT(chunk_bytes > 0);
	*sd = (struct soft_digest){
	    .hil = {.ops = &soft_digest_ops},
	    .chunk_bytes = chunk_bytes,
	};
	deferred_call_register(&sd->step, step);
}
