/* SPDX-License-Identifier: MIT */
/* UART input fan-out (as Tock's virtual UART does for reads: each reader sees every byte). */
#include "capsules/uart_rx_mux.h"

#include "lib/compiler.h"

static void received(struct hil_uart_rx_client *client, uint8_t *buf, size_t len,
		     enum error_code rc)
{
	struct uart_rx_mux *mux = container_of(client, struct uart_rx_mux, client);

	(void)buf;
	if (rc == ERROR_NONE && len == 1)
		for (struct uart_rx_listener *l = mux->listeners; l; l = l->next)
			l->byte(l, mux->byte);
	hil_uart_receive(mux->uart, &mux->byte, 1);
}

void uart_rx_mux_init(struct uart_rx_mux *mux, struct hil_uart *uart)
{
	mux->uart = uart;
	mux->client.receive_done = received;
	uart->rx_client = &mux->client;
	hil_uart_receive(uart, &mux->byte, 1);
}

void uart_rx_mux_listen(struct uart_rx_mux *mux, struct uart_rx_listener *l)
{
	l->next = mux->listeners;
	mux->listeners = l;
}
