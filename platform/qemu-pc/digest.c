/* SPDX-License-Identifier: MIT */
/* qemu-pc: SHA-256 and HMAC-SHA256 for apps, in software (the PC has no hash engine). */
#include "platform/qemu-pc/digest.h"

#include "capsules/hmac.h"
#include "capsules/sha.h"
#include "drivers/soft_digest.h"

/*
 * Bytes hashed per deferred call: 4 blocks, a few microseconds of a Pentium, between which
 * interrupts are serviced.
 */
#define DIGEST_STEP_BYTES 256

static struct soft_digest soft_digest;
static struct digest_engine digest_engine;
static struct digest_driver sha_driver;
static struct digest_driver hmac_driver;

void platform_digest_init(void)
{
	soft_digest_init(&soft_digest, DIGEST_STEP_BYTES);
	digest_engine_init(&digest_engine, &soft_digest.hil);
	sha_driver_init(&sha_driver, &digest_engine);
	hmac_driver_init(&hmac_driver, &digest_engine);
}
