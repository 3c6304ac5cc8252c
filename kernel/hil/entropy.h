/* SPDX-License-Identifier: MIT */
/* Entropy HIL: split-phase requests for 32-bit words of entropy, delivered in batches. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"

/* Where a source's words come from; a client that needs real entropy (keys) must check. */
enum hil_entropy_quality {
	HIL_ENTROPY_TRUE,   /* a physical noise source (for a virtual device: the host's) */
	HIL_ENTROPY_PSEUDO, /* a deterministic generator with a weak seed: NOT a true source */
};

struct hil_entropy;

struct hil_entropy_client {
	/*
	 * A batch for the request in progress: words (1 .. the count get asked for) 32-bit words
	 * at the start of buf are fresh, never handed out before. rc is NONE, or FAIL when the
	 * source broke (words is then 0 and the request is over whatever this returns). Always
	 * called from the kernel loop, never inside get().
	 * Returns: true to have buf filled again (another entropy_available follows); false to
	 * end the request (buf is the client's again).
	 */
	bool (*entropy_available)(struct hil_entropy_client *client, uint32_t *buf, size_t words,
				  enum error_code rc);
};

struct hil_entropy_ops {
	/*
	 * Starts a request: batches of up to words words go into buf through entropy_available
	 * until it returns false. buf stays the source's until then (or until cancel).
	 * Returns: NONE; BUSY if a request is in progress; SIZE if words is 0; FAIL if the source
	 * has failed for good.
	 */
	enum error_code (*get)(struct hil_entropy *entropy, uint32_t *buf, size_t words);
	/*
	 * Ends the request in progress at once: no entropy_available follows, buf is the
	 * client's again, and get may be called straight away.
	 * Returns: NONE; OFF if no request is in progress.
	 */
	enum error_code (*cancel)(struct hil_entropy *entropy);
	/* Returns: what kind of source this is (constant). */
	enum hil_entropy_quality (*quality)(struct hil_entropy *entropy);
};

struct hil_entropy {
	const struct hil_entropy_ops *ops;
	struct hil_entropy_client *client;
};

static inline enum error_code hil_entropy_get(struct hil_entropy *e, uint32_t *buf, size_t words)
{
	return e->ops->get(e, buf, words);
}

static inline enum error_code hil_entropy_cancel(struct hil_entropy *e)
{
	return e->ops->cancel(e);
}

static inline enum hil_entropy_quality hil_entropy_quality(struct hil_entropy *e)
{
	return e->ops->quality(e);
}

/* Returns: "true entropy" or "pseudo-random (NOT a true entropy source)". */
static inline const char *hil_entropy_quality_name(enum hil_entropy_quality q)
{
	return q == HIL_ENTROPY_TRUE ? "true entropy" : "pseudo-random (NOT a true entropy source)";
}
