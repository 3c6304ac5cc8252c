/* SPDX-License-Identifier: MIT */
/* Console driver 0x1: process output through the kernel's debug output, one write at a time. */
#pragma once

#include "capsules/uart_rx_mux.h"
#include "kernel/deferred_call.h"
#include "kernel/driver.h"

#define CONSOLE_DRIVER		0x1
#define CONSOLE_ALLOW_WRITE	1 /* RO allow: what command 1 writes */
#define CONSOLE_SUBSCRIBE_WRITE 1 /* upcall: (bytes written, 0, 0) */
#define CONSOLE_ALLOW_READ	1 /* RW allow: where command 2 reads to */
#define CONSOLE_SUBSCRIBE_READ	2 /* upcall: (status, bytes read, 0) */

struct console_driver {
	struct driver driver;
	struct deferred_call pump; /* moves pending writes into the output ring */
	uint32_t writer_pid;	   /* whose write is being sent (0: none) */
	unsigned last_writer;	   /* process index of the last writer: round robin from there */
	struct uart_rx_listener input;
	uint32_t reader_pid; /* whose read is in progress (0: none); one at a time */
};

/* Registers the driver; reads take their bytes from input. */
void console_driver_init(struct console_driver *cd, struct uart_rx_mux *input);
