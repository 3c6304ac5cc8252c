/* SPDX-License-Identifier: MIT */
/* Input from one UART for several readers: every received byte goes to every listener. */
#pragma once

#include <stdint.h>

#include "kernel/hil/uart.h"

struct uart_rx_listener {
	void (*byte)(struct uart_rx_listener *l, uint8_t c);
	struct uart_rx_listener *next;
};

struct uart_rx_mux {
	struct hil_uart *uart;
	struct hil_uart_rx_client client;
	struct uart_rx_listener *listeners;
	uint8_t byte;
};

/* Takes uart's receive side and keeps a one-byte receive armed for good. */
void uart_rx_mux_init(struct uart_rx_mux *mux, struct hil_uart *uart);
void uart_rx_mux_listen(struct uart_rx_mux *mux, struct uart_rx_listener *l);
