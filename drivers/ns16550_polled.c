/* SPDX-License-Identifier: MIT */
/* 16550 polled path: set-up and blocking output, for the loader and for panics. */
#include "drivers/ns16550.h"

#include "arch/x86/io.h"
#include "drivers/ns16550_regs.h"

void ns16550_polled_init(uint16_t port, uint32_t baud)
{
	uint16_t divisor = (uint16_t)(UART_CLOCK_HZ / 16 / baud);

	outb(port + UART_IER, 0);
	outb(port + UART_LCR, LCR_DLAB);
	outb(port + UART_DLL, divisor & 0xff);
	outb(port + UART_DLM, divisor >> 8);
	outb(port + UART_LCR, LCR_8N1);
	/* The receive FIFO is not cleared: input typed before boot is kept. */
	outb(port + UART_FCR, FCR_ENABLE | FCR_CLEAR_TX | FCR_TRIG_1);
	outb(port + UART_MCR, MCR_DTR | MCR_RTS);
}

void ns16550_polled_write(uint16_t port, const uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		while (!(inb(port + UART_LSR) & LSR_THRE))
			;
		outb(port + UART_THR, buf[i]);
	}
	/* Until the shift register is empty too: a power-off right after must not cut the tail. */
	while (!(inb(port + UART_LSR) & LSR_TEMT))
		;
}
