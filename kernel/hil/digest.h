/* SPDX-License-Identifier: MIT */
/* Digest HIL: split-phase SHA-256 and HMAC-SHA256 over data added piece by piece. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"

#define HIL_DIGEST_SHA256_BYTES 32
#define HIL_DIGEST_MAX_BYTES	64 /* the largest digest of any mode below (SHA-512) */

/* What a message is digested with. An engine that lacks a mode refuses it with NOSUPPORT. */
enum hil_digest_mode {
	HIL_DIGEST_SHA256,
	HIL_DIGEST_SHA384,
	HIL_DIGEST_SHA512,
	HIL_DIGEST_HMAC_SHA256,
	HIL_DIGEST_HMAC_SHA384,
	HIL_DIGEST_HMAC_SHA512,
};

/* Returns: the digest size of mode in bytes. */
static inline size_t hil_digest_bytes(enum hil_digest_mode mode)
{
	switch (mode) {
	case HIL_DIGEST_SHA384:
	case HIL_DIGEST_HMAC_SHA384:
		return 48;
	case HIL_DIGEST_SHA512:
	case HIL_DIGEST_HMAC_SHA512:
		return 64;
	default:
		return HIL_DIGEST_SHA256_BYTES;
	}
}

/*
 * An engine holds at most one message: set_mode starts it, add_data extends it, run or verify
 * ends it. One operation is in flight at a time; each completes through the client, never from
 * inside the call that started it, and hands its buffer back. rc is NONE, the operation's own
 * error, or CANCEL after hil_digest_clear().
 */
struct hil_digest_client {
	/* With rc NONE, a message in set_mode's mode has begun; key comes back (NULL if none). */
	void (*set_mode_done)(struct hil_digest_client *client, const uint8_t *key, size_t key_len,
			      enum error_code rc);
	/* The len bytes of buf are part of the message (with rc NONE). */
	void (*add_data_done)(struct hil_digest_client *client, const uint8_t *buf, size_t len,
			      enum error_code rc);
	/* The message's digest is in digest (with rc NONE); the message is over. */
	void (*hash_done)(struct hil_digest_client *client, uint8_t *digest, enum error_code rc);
	/* equal: the message's digest matched compare (only with rc NONE); the message is over. */
	void (*verify_done)(struct hil_digest_client *client, uint8_t *compare, bool equal,
			    enum error_code rc);
};

struct hil_digest;

struct hil_digest_ops {
	/*
	 * Starts a new message in mode, abandoning any message not yet run or verified. An HMAC
	 * mode takes its key from key (key_len bytes, any length, 0 allowed; an engine may hash a
	 * long key first as RFC 2104 section 2 says); other modes take key NULL and key_len 0.
	 * set_mode_done follows.
	 * Returns: NONE; BUSY if an operation is in flight; NOSUPPORT for a mode this engine
	 * lacks; INVAL for a key with a plain mode.
	 */
	enum error_code (*set_mode)(struct hil_digest *engine, enum hil_digest_mode mode,
				    const uint8_t *key, size_t key_len);
	/*
	 * Appends the len bytes of buf (len may be 0) to the message; add_data_done follows. The
	 * engine reads buf until then and never writes it.
	 * Returns: NONE; BUSY if an operation is in flight; OFF if no message is open (none
	 * was started, or run or verify ended it).
	 */
	enum error_code (*add_data)(struct hil_digest *engine, const uint8_t *buf, size_t len);
	/*
	 * Ends the message and writes its digest (hil_digest_bytes(mode) bytes) into digest,
	 * which holds len bytes; hash_done follows.
	 * Returns: NONE; BUSY if an operation is in flight; OFF if no message is open; SIZE if
	 * len is less than the mode's digest size.
	 */
	enum error_code (*run)(struct hil_digest *engine, uint8_t *digest, size_t len);
	/*
	 * Ends the message and compares its digest with the first hil_digest_bytes(mode) of the
	 * len bytes of compare, in time independent of where they differ; verify_done follows.
	 * Returns: as run.
	 */
	enum error_code (*verify)(struct hil_digest *engine, uint8_t *compare, size_t len);
	/*
	 * Abandons the message and wipes every trace of it (key included). An operation in
	 * flight still completes, later, with CANCEL and its buffer.
	 * Returns: nothing; it cannot fail.
	 */
	void (*clear)(struct hil_digest *engine);
};

struct hil_digest {
	const struct hil_digest_ops *ops;
	struct hil_digest_client *client;
};

static inline enum error_code hil_digest_set_mode(struct hil_digest *d, enum hil_digest_mode mode,
						  const uint8_t *key, size_t key_len)
{
	return d->ops->set_mode(d, mode, key, key_len);
}

static inline enum error_code hil_digest_add_data(struct hil_digest *d, const uint8_t *buf,
						  size_t len)
{
	return d->ops->add_data(d, buf, len);
}

static inline enum error_code hil_digest_run(struct hil_digest *d, uint8_t *digest, size_t len)
{
	return d->ops->run(d, digest, len);
}

static inline enum error_code hil_digest_verify(struct hil_digest *d, uint8_t *compare, size_t len)
{
	return d->ops->verify(d, compare, len);
}

static inline void hil_digest_clear(struct hil_digest *d)
{
	d->ops->clear(d);
}
