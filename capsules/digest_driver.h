/* SPDX-License-Identifier: MIT */
/* What the SHA (0x40005) and HMAC (0x40003) drivers share: Tock 2.2's interface, per-process
 * state, and one digest engine served to one process at a time, round robin. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "kernel/deferred_call.h"
#include "kernel/driver.h"
#include "kernel/hil/digest.h"

/*
 * The interface, as upstream Tock 2.2's capsules/extra/src/sha.rs and hmac.rs number it (and
 * libtock-c's sha and hmac syscalls use it):
 *
 *   command 0 set algorithm: arg1 0 = SHA-256 (1 SHA-384, 2 SHA-512: NOSUPPORT here);
 *             Success, so it doubles as the driver-exists check
 *   command 1 run:    add the data allow, then write the digest to the destination allow
 *   command 2 update: add the data allow; the process keeps the engine for more updates
 *   command 3 finish: write the digest of what update added (owner only, else OFF)
 *   command 4 verify: add the data allow, then compare the digest with the compare allow
 *   command 5 verify finish: compare the digest of what update added (owner only, else OFF)
 *
 *   upcall 0 (status, 0, 0) after run, update, finish; upcall 1 (status, equal, 0) after
 *   verify and verify finish. status: 0, or an error code.
 */
#define DIGEST_CMD_SET_ALGORITHM 0
#define DIGEST_CMD_RUN		 1
#define DIGEST_CMD_UPDATE	 2
#define DIGEST_CMD_FINISH	 3
#define DIGEST_CMD_VERIFY	 4
#define DIGEST_CMD_VERIFY_FINISH 5
#define DIGEST_ALGORITHM_SHA256	 0

#define DIGEST_ALLOW_RO_KEY	0 /* HMAC only; SHA accepts the allow and ignores it */
#define DIGEST_ALLOW_RO_DATA	1
#define DIGEST_ALLOW_RO_COMPARE 2 /* at least 32 bytes; the first 32 are compared */
#define DIGEST_ALLOW_RW_DEST	2 /* at least 32 bytes; the digest goes in the first 32 */
#define DIGEST_RO_ALLOWS	3
#define DIGEST_RW_ALLOWS	3
#define DIGEST_SUBSCRIBE_HASH	0
#define DIGEST_SUBSCRIBE_VERIFY 1
#define DIGEST_UPCALLS		2

/* Data is copied from a process this much at a time; it is also the longest HMAC key. */
#define DIGEST_CHUNK_BYTES 256
#define DIGEST_DRIVERS_MAX 2

/* An operation a process asked for. */
enum digest_op {
	DIGEST_OP_NONE,
	DIGEST_OP_RUN,
	DIGEST_OP_UPDATE,
	DIGEST_OP_FINISH,
	DIGEST_OP_VERIFY,
	DIGEST_OP_VERIFY_FINISH,
};

struct digest_driver;

/*
 * One digest engine shared by every digest driver. Its owner is the (driver, process) whose
 * operation runs; after an update the owner keeps it (the message lives in the engine) until
 * finish, verify finish, an error, or the owner's death.
 */
struct digest_engine {
	struct hil_digest *hil;
	struct hil_digest_client client;
	struct deferred_call kick; /* starts the next operation */
	struct digest_driver *drivers[DIGEST_DRIVERS_MAX];
	unsigned driver_count;
	struct digest_driver *owner; /* NULL: free */
	uint32_t owner_pid;
	enum digest_op op;    /* the owner's operation; NONE while it holds the engine idle */
	bool in_flight;	      /* an engine operation is in flight */
	unsigned last_served; /* round robin position (process slot, driver) of the owner */
	uint8_t buf[DIGEST_CHUNK_BYTES];	 /* the HMAC key or a piece of data */
	uint8_t digest[HIL_DIGEST_SHA256_BYTES]; /* the digest out, or the compare in */
};

struct digest_driver {
	struct driver driver;
	struct digest_engine *engine;
	enum hil_digest_mode mode; /* HIL_DIGEST_SHA256 or HIL_DIGEST_HMAC_SHA256 */
};

/* Makes engine serve digest drivers with hil, which becomes its client's. */
void digest_engine_init(struct digest_engine *engine, struct hil_digest *hil);

/*
 * Registers dd as driver number over engine; mode says what it computes (an HMAC mode takes
 * the key allow). At most DIGEST_DRIVERS_MAX drivers per engine.
 */
void digest_driver_init(struct digest_driver *dd, struct digest_engine *engine, uint32_t number,
			enum hil_digest_mode mode);
