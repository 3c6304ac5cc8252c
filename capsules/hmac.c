/* SPDX-License-Identifier: MIT */
/* HMAC driver 0x40003: the digest driver with HMAC-SHA256 messages keyed by allow 0. */
#include "capsules/hmac.h"

void hmac_driver_init(struct digest_driver *dd, struct digest_engine *engine)
{
	digest_driver_init(dd, engine, HMAC_DRIVER, HIL_DIGEST_HMAC_SHA256);
}
