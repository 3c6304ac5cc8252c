/* SPDX-License-Identifier: MIT */
/* SHA driver 0x40005: the digest driver with plain SHA-256 messages. */
#include "capsules/sha.h"

void sha_driver_init(struct digest_driver *dd, struct digest_engine *engine)
{
	digest_driver_init(dd, engine, SHA_DRIVER, HIL_DIGEST_SHA256);
}
