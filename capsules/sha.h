/* SPDX-License-Identifier: MIT */
/* SHA driver 0x40005: SHA-256 of a process's data allow (Tock 2.2's interface). */
#pragma once

#include "capsules/digest_driver.h"

#define SHA_DRIVER 0x40005

/*
 * Registers dd as the SHA driver over engine. Commands, allows and upcalls are those of
 * capsules/digest_driver.h; read-only allow 0 (a key) is accepted and ignored, as upstream.
 */
void sha_driver_init(struct digest_driver *dd, struct digest_engine *engine);
