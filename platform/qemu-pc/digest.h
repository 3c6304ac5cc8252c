/* SPDX-License-Identifier: MIT */
/* qemu-pc: the SHA (0x40005) and HMAC (0x40003) drivers over the software digest engine. */
#pragma once

/* Creates the engine and registers both drivers; call before the processes start. */
void platform_digest_init(void);
