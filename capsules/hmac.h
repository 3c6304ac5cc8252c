/* SPDX-License-Identifier: MIT */
/* HMAC driver 0x40003: HMAC-SHA256 of a process's data allow under its key allow (Tock 2.2). */
#pragma once

#include "capsules/digest_driver.h"

#define HMAC_DRIVER 0x40003

/*
 * Registers dd as the HMAC driver over engine. Commands, allows and upcalls are those of
 * capsules/digest_driver.h; the key is read-only allow 0, at most DIGEST_CHUNK_BYTES long (a
 * longer one: SIZE), read when a new message starts (run, update or verify with the engine
 * free), so it may change between messages but not within one.
 */
void hmac_driver_init(struct digest_driver *dd, struct digest_engine *engine);
