/* SPDX-License-Identifier: MIT */
/* 16550 register offsets and bits (National Semiconductor PC16550D data sheet). */
#pragma once

#define UART_RBR 0 /* receive buffer (read, DLAB = 0) */
#define UART_THR 0 /* transmit holding (write, DLAB = 0) */
#define UART_DLL 0 /* divisor latch low (DLAB = 1) */
#define UART_IER 1 /* interrupt enable (DLAB = 0) */
#define UART_DLM 1 /* divisor latch high (DLAB = 1) */
#define UART_IIR 2 /* interrupt identification (read) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define UART_MSR 6 /* modem status */

#define IER_RDA	 0x01 /* received data available */
#define IER_THRE 0x02 /* transmit holding register empty */
#define IER_RLS	 0x04 /* receiver line status */

#define IIR_NONE    0x01 /* no interrupt pending */
#define IIR_ID_MASK 0x0e
#define IIR_MSR	    0x00
#define IIR_THRE    0x02
#define IIR_RDA	    0x04
#define IIR_RLS	    0x06
#define IIR_TIMEOUT 0x0c /* characters waiting in the FIFO */
#define IIR_FIFO_ON 0xc0 /* both set: a 16550A with working FIFOs */

#define FCR_ENABLE   0x01
#define FCR_CLEAR_RX 0x02
#define FCR_CLEAR_TX 0x04
#define FCR_TRIG_1   0x00 /* receive interrupt after 1 byte */

#define LCR_8N1	 0x03
#define LCR_DLAB 0x80

#define MCR_DTR	 0x01
#define MCR_RTS	 0x02
#define MCR_OUT2 0x08 /* gates the interrupt line to the PIC on PCs */

#define LSR_DR	 0x01 /* data ready */
#define LSR_THRE 0x20 /* transmit holding register (FIFO) empty */
#define LSR_TEMT 0x40 /* transmitter completely idle */

#define UART_CLOCK_HZ 1843200
