/* SPDX-License-Identifier: MIT */
/* 16550 UART: interrupt-driven transmit and receive behind the UART HIL. */
#include "drivers/ns16550.h"

#include "arch/x86/io.h"
#include "drivers/ns16550_regs.h"
#include "kernel/debug.h"
#include "lib/compiler.h"

static struct ns16550 *to_ns16550(struct hil_uart *uart)
{
	return container_of(uart, struct ns16550, uart);
}

static OUT_OF_LINE void set_ier(struct ns16550 *u)
{
	uint8_t ier = IER_RDA | IER_RLS;

	if (u->tx_buf)
		ier |= IER_THRE;
	outb(u->port + UART_IER, ier);
}

/* Ends the receive in progress: its buffer goes back with the rx_pos bytes received. */
static void rx_complete(struct ns16550 *u, enum error_code rc)
{
	uint8_t *buf = u->rx_buf;

	u->rx_buf = NULL;
	if (u->uart.rx_client)
		u->uart.rx_client->receive_done(u->uart.rx_client, buf, u->rx_pos, rc);
}

/* Moves queued bytes into the receive buffer; completes it when full. */
static void rx_deliver(struct ns16550 *u)
{
	if (!u->rx_buf || u->rx_aborting)
		return;
	u->rx_pos +=
	    ringbuf_read(&u->rx_queue, u->rx_buf + u->rx_pos, (uint32_t)(u->rx_len - u->rx_pos));
	if (u->rx_pos == u->rx_len)
		rx_complete(u, ERROR_NONE);
}

/* Queues the bytes in the receive FIFO, then hands what the receive in progress takes to it. */
static OUT_OF_LINE void rx_drain_fifo(struct ns16550 *u)
{
	while (inb(u->port + UART_LSR) & LSR_DR) {
		uint8_t c = inb(u->port + UART_RBR);

		if (ringbuf_write(&u->rx_queue, &c, 1))
			continue;
		if (!u->rx_dropped)
			kprintf("ns16550: receive queue full, dropping input\n");
		u->rx_dropped++;
	}
	rx_deliver(u);
}

/* Moves up to a FIFO's worth of the transmit buffer into the (empty) transmit FIFO. */
static void fifo_fill(struct ns16550 *u)
{
	for (unsigned i = 0; i < u->fifo_bytes && u->tx_pos < u->tx_len; i++)
		outb(u->port + UART_THR, u->tx_buf[u->tx_pos++]);
}

/* Refills the transmit FIFO; completes the transmit when everything is out. */
static void tx_fill(struct ns16550 *u)
{
	if (!u->tx_buf)
		return;
	if (u->tx_pos == u->tx_len) {
		uint8_t *buf = u->tx_buf;

		u->tx_buf = NULL;
		set_ier(u);
		if (u->uart.tx_client)
			u->uart.tx_client->transmit_done(u->uart.tx_client, buf, u->tx_len,
							 ERROR_NONE);
		return;
	}
	/* THRE means the whole FIFO is empty: it takes fifo_bytes at once. */
	fifo_fill(u);
}

static void service(struct interrupt_handler *h, unsigned count)
{
	struct ns16550 *u = container_of(h, struct ns16550, irq);
	uint8_t iir;

	(void)count;
	/* Loop until the UART has nothing pending, so its interrupt line drops (edge-triggered). */
	while (!((iir = inb(u->port + UART_IIR)) & IIR_NONE)) {
		switch (iir & IIR_ID_MASK) {
		case IIR_RLS:
			(void)inb(u->port + UART_LSR); /* overrun/parity/framing: clear it */
			break;
		case IIR_RDA:
		case IIR_TIMEOUT:
			rx_drain_fifo(u);
			break;
		case IIR_THRE:
			tx_fill(u);
			break;
		case IIR_MSR:
		default:
			(void)inb(u->port + UART_MSR);
			break;
		}
	}
}

static enum error_code transmit(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	struct ns16550 *u = to_ns16550(uart);

	if (u->tx_buf || u->polled)
		return ERROR_BUSY;
	if (!len)
		return ERROR_SIZE;
	u->tx_buf = buf;
	u->tx_len = len;
	u->tx_pos = 0;
	/*
	 * Prime the FIFO ourselves when it is empty: some 16550 clones raise no THRE interrupt
	 * for an already-empty transmitter when it is enabled. Completion always comes from the
	 * THRE interrupt once the FIFO drains, never from inside this call.
	 */
	if (inb(u->port + UART_LSR) & LSR_THRE)
		fifo_fill(u);
	set_ier(u);
	return ERROR_NONE;
}

static void rx_deferred(struct deferred_call *dc)
{
	struct ns16550 *u = container_of(dc, struct ns16550, rx_deferred);

	if (!u->rx_aborting) {
		rx_deliver(u);
		return;
	}
	u->rx_aborting = false;
	rx_complete(u, ERROR_CANCEL);
}

static enum error_code receive(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	struct ns16550 *u = to_ns16550(uart);

	if (u->rx_buf)
		return ERROR_BUSY;
	if (!len)
		return ERROR_SIZE;
	u->rx_buf = buf;
	u->rx_len = len;
	u->rx_pos = 0;
	/* Queued bytes are delivered from the kernel loop, never inside this call. */
	if (!ringbuf_empty(&u->rx_queue))
		deferred_call_schedule(&u->rx_deferred);
	return ERROR_NONE;
}

static enum error_code receive_abort(struct hil_uart *uart)
{
	struct ns16550 *u = to_ns16550(uart);

	if (!u->rx_buf || u->rx_aborting)
		return ERROR_OFF;
	/* receive_done(CANCEL) follows from the kernel loop, never inside this call. */
	u->rx_aborting = true;
	deferred_call_schedule(&u->rx_deferred);
	return ERROR_NONE;
}

static void panic_write(struct hil_uart *uart, const uint8_t *buf, size_t len)
{
	struct ns16550 *u = to_ns16550(uart);
	uint8_t *unsent = u->tx_buf;

	if (!u->polled) {
		u->polled = true;
		u->tx_buf = NULL;
		set_ier(u);
		if (unsent)
			ns16550_polled_write(u->port, unsent + u->tx_pos, u->tx_len - u->tx_pos);
	}
	ns16550_polled_write(u->port, buf, len);
}

static const struct hil_uart_ops ns16550_ops = {
    .transmit = transmit,
    .receive = receive,
    .receive_abort = receive_abort,
    .panic_write = panic_write,
};

void ns16550_init(struct ns16550 *u, uint16_t port, uint32_t baud)
{
	u->uart.ops = &ns16550_ops;
	u->irq.service = service;
	u->port = port;
	ringbuf_init(&u->rx_queue, u->rx_storage, sizeof(u->rx_storage));
	deferred_call_register(&u->rx_deferred, rx_deferred);

	ns16550_polled_init(port, baud);
	u->fifo_bytes = (inb(port + UART_IIR) & IIR_FIFO_ON) == IIR_FIFO_ON ? 16 : 1;
	outb(port + UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
}

void ns16550_kick(struct ns16550 *u)
{
	/*
	 * An empty transmitter with a transmit in progress means the THRE interrupt was lost
	 * (Bochs can lose its indication as well as its edge): refill from LSR alone, not IIR.
	 */
	if (u->tx_buf && (inb(u->port + UART_LSR) & LSR_THRE))
		tx_fill(u);
	service(&u->irq, 0);
}

void ns16550_start(struct ns16550 *u)
{
	/*
	 * Input may be waiting since before boot, holding the interrupt line high; an edge
	 * controller that was initialised meanwhile never sees it rise. Service everything
	 * now, so the line is low and every later event makes a fresh edge.
	 */
	set_ier(u);
	service(&u->irq, 0);
}
