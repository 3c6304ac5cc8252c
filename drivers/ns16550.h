/* SPDX-License-Identifier: MIT */
/* 16550 UART: interrupt-driven transmit and receive behind the UART HIL, plus a polled path. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/deferred_call.h"
#include "kernel/hil/uart.h"
#include "kernel/interrupt.h"
#include "lib/ringbuf.h"

#define NS16550_RX_QUEUE_BYTES 64

struct ns16550 {
	struct hil_uart uart;		  /* the HIL this driver fills */
	struct interrupt_handler irq;	  /* bottom half */
	struct deferred_call rx_deferred; /* completes a receive satisfied from the queue */
	uint16_t port;			  /* base I/O port */
	unsigned fifo_bytes;		  /* 16 with a working FIFO, else 1 */

	uint8_t *tx_buf; /* transmit in progress, or NULL (always, once polled) */
	size_t tx_len, tx_pos;
	bool polled; /* after panic_write: no more callbacks */

	uint8_t *rx_buf;  /* receive in progress, or NULL */
	bool rx_aborting; /* receive_abort called; CANCEL is delivered by rx_deferred */
	size_t rx_len, rx_pos;
	struct ringbuf rx_queue; /* bytes received, not yet taken by a receive */
	uint32_t rx_dropped;	 /* bytes lost because rx_queue was full */
	uint8_t rx_storage[NS16550_RX_QUEUE_BYTES];
};

/* Programs the UART (8N1 at baud, FIFOs on) and fills u->uart; its interrupts stay off. */
void ns16550_init(struct ns16550 *u, uint16_t port, uint32_t baud);

/* Enables the UART's interrupts: call once its line is routed to &u->irq (interrupt_register). */
void ns16550_start(struct ns16550 *u);

/*
 * Insurance against a lost interrupt (seen under Bochs: output stopped after one FIFO's worth,
 * more often with a key typed during boot): if a transmit is in progress and the FIFO is
 * empty, refills it (judging by LSR, not IIR, which may have lost the indication too), then
 * services the UART as its interrupt would have. Call it periodically; it costs two port
 * reads when idle.
 */
void ns16550_kick(struct ns16550 *u);

/* Polled path, usable with no kernel at all (the loader): interrupts off at the UART. */
void ns16550_polled_init(uint16_t port, uint32_t baud);
void ns16550_polled_write(uint16_t port, const uint8_t *buf, size_t len);
