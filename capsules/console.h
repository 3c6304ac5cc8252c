/* SPDX-License-Identifier: MIT */
/* Console driver 0x1: process output through the kernel's debug output, one write at a time. */
#pragma once

#include "kernel/deferred_call.h"
#include "kernel/driver.h"

#define CONSOLE_DRIVER		0x1
#define CONSOLE_ALLOW_WRITE	1 /* RO allow: what command 1 writes */
#define CONSOLE_SUBSCRIBE_WRITE 1 /* upcall: (bytes written, 0, 0) */

struct console_driver {
	struct driver driver;
	struct deferred_call pump; /* moves pending writes into the output ring */
	uint32_t writer_pid;	   /* whose write is being sent (0: none) */
};

void console_driver_init(struct console_driver *cd);
