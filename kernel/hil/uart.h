/* SPDX-License-Identifier: MIT */
/* UART HIL: split-phase transmit and receive with client callbacks. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"

struct hil_uart;

struct hil_uart_tx_client {
	/* The buffer of a finished transmit comes back; len bytes were sent. */
	void (*transmit_done)(struct hil_uart_tx_client *client, uint8_t *buf, size_t len,
			      enum error_code rc);
};

struct hil_uart_rx_client {
	/* len bytes arrived in buf; rc is CANCEL after receive_abort (len is then partial). */
	void (*receive_done)(struct hil_uart_rx_client *client, uint8_t *buf, size_t len,
			     enum error_code rc);
};

struct hil_uart_ops {
	/*
	 * Starts sending len bytes of buf; transmit_done follows, never from inside this call.
	 * Returns: NONE; BUSY if a transmit is in progress; SIZE if len is 0.
	 */
	enum error_code (*transmit)(struct hil_uart *uart, uint8_t *buf, size_t len);
	/*
	 * Starts receiving exactly len bytes into buf; receive_done follows.
	 * Returns: NONE; BUSY if a receive is in progress; SIZE if len is 0.
	 */
	enum error_code (*receive)(struct hil_uart *uart, uint8_t *buf, size_t len);
	/*
	 * Ends the receive in progress; receive_done follows with CANCEL and what arrived so far.
	 * Returns: NONE; OFF if no receive is in progress.
	 */
	enum error_code (*receive_abort)(struct hil_uart *uart);
	/*
	 * For panics only: finishes the transmit in progress, then sends len bytes (len may be 0)
	 * by polling, and returns once they are on the wire. After it, no transmit_done is ever
	 * delivered.
	 */
	void (*panic_write)(struct hil_uart *uart, const uint8_t *buf, size_t len);
};

struct hil_uart {
	const struct hil_uart_ops *ops;
	struct hil_uart_tx_client *tx_client;
	struct hil_uart_rx_client *rx_client;
};

static inline enum error_code hil_uart_transmit(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	return uart->ops->transmit(uart, buf, len);
}

static inline enum error_code hil_uart_receive(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	return uart->ops->receive(uart, buf, len);
}

static inline enum error_code hil_uart_receive_abort(struct hil_uart *uart)
{
	return uart->ops->receive_abort(uart);
}

static inline void hil_uart_panic_write(struct hil_uart *uart, const uint8_t *buf, size_t len)
{
	uart->ops->panic_write(uart, buf, len);
}
