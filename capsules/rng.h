/* SPDX-License-Identifier: MIT */
/* RNG driver 0x40001 (upstream Tock's interface): fills a process's buffer with random bytes
 * from an entropy source, serving several processes in turn. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "kernel/driver.h"
#include "kernel/hil/entropy.h"

#define RNG_DRIVER	   0x40001
#define RNG_CMD_EXISTS	   0 /* Success */
#define RNG_CMD_FILL	   1 /* arg1 = bytes wanted: Success, then the upcall */
#define RNG_CMD_QUALITY	   2 /* this kernel's addition: Success u32, 1 true entropy, 0 pseudo */
#define RNG_ALLOW_BUFFER   0 /* RW allow: where command 1 writes */
#define RNG_SUBSCRIBE_DONE 0 /* upcall: (0 or an error code, bytes written, 0) */

#define RNG_BATCH_WORDS 16 /* words asked of the source at a time */

struct rng_driver {
	struct driver driver;
	struct hil_entropy *source;
	struct hil_entropy_client client;
	uint32_t batch[RNG_BATCH_WORDS]; /* the source fills it; wiped once handed out */
	bool busy;			 /* a get is in progress */
	unsigned next_slot;		 /* process slot the next batch is offered to first */
	uint32_t bytes_served;		 /* statistics */
};

/* Registers the driver over source (the driver becomes its client). */
void rng_driver_init(struct rng_driver *rd, struct hil_entropy *source);
