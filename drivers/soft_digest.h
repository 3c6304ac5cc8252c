/* SPDX-License-Identifier: MIT */
/* The digest HIL in software (lib/sha256, lib/hmac_sha256), a bounded piece per deferred call. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/deferred_call.h"
#include "kernel/hil/digest.h"
#include "lib/hmac_sha256.h"
#include "lib/sha256.h"

/* The operation in flight; its completion is the next deferred call that finishes it. */
enum soft_digest_op {
	SOFT_DIGEST_IDLE,
	SOFT_DIGEST_SET_MODE,
	SOFT_DIGEST_ADD_DATA,
	SOFT_DIGEST_RUN,
	SOFT_DIGEST_VERIFY,
};

/*
 * SHA-256 and HMAC-SHA256 (other modes: NOSUPPORT). Each deferred call hashes at most
 * chunk_bytes of a key or of data, so a long buffer never holds the kernel loop for long.
 */
struct soft_digest {
	struct hil_digest hil;	   /* the HIL this driver fills */
	struct deferred_call step; /* does the next piece of the operation in flight */
	size_t chunk_bytes;	   /* most key or data bytes hashed per step */
	/* The message. */
	bool open; /* set_mode finished and neither run nor verify ended it yet */
	enum hil_digest_mode mode;
	union {
		struct sha256_ctx sha;
		struct hmac_sha256_ctx hmac; /* .inner hashes a long key first */
	} ctx;
	/* The operation in flight. */
	enum soft_digest_op op;
	enum error_code rc;	/* NONE, or CANCEL after clear */
	const uint8_t *in;	/* set_mode's key or add_data's buffer */
	size_t in_len, in_done; /* its length, and how much of it is hashed */
	uint8_t *out;		/* run's digest or verify's compare */
};

/* Makes sd a digest engine hashing at most chunk_bytes (> 0) per deferred call. */
void soft_digest_init(struct soft_digest *sd, size_t chunk_bytes);
