/* SPDX-License-Identifier: MIT */
/* Kernel debug output: printf into a ring drained by the UART HIL without blocking. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

#include "lib/compiler.h"

struct hil_uart;

/* Makes uart the debug output; output queued before this is sent once it is set. */
void debug_init(struct hil_uart *uart);

/*
 * Formats into the ring and starts the UART if it is idle; never waits. When the ring is full
 * the excess is dropped and counted, and a "[debug: N bytes dropped]" line follows once there
 * is room again, so loss is never silent.
 */
void kprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
void kvprintf(const char *fmt, va_list ap);

/*
 * Queues as much of buf as fits whole (each "\n" sent as "\r\n"), for writers that wait for
 * room instead of dropping (the console driver). Returns: bytes of buf consumed.
 */
size_t debug_write_some(const char *buf, size_t len);

/* Called from the kernel loop whenever transmitted bytes made room in the ring. */
void debug_set_room_client(void (*room)(void));

/* Bytes dropped so far because the ring was full. */
unsigned debug_dropped_bytes(void);

/*
 * For panics and power-off: stop the interrupt-driven output, write what is queued by polling,
 * and from then on write everything by polling.
 */
void debug_make_synchronous(void);
void debug_panic_write(const char *s);
void debug_panic_vprintf(const char *fmt, va_list ap);
