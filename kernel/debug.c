/* SPDX-License-Identifier: MIT */
/* Kernel debug output over the UART HIL. */
#include "kernel/debug.h"

#include <stdbool.h>
#include <stdint.h>

#include "kernel/hil/uart.h"
#include "lib/compiler.h"
#include "lib/fmt.h"
#include "lib/ringbuf.h"
#include "lib/string.h"

#define DEBUG_RING_BYTES 4096

static uint8_t ring_storage[DEBUG_RING_BYTES];

static struct {
	struct hil_uart *uart;
	struct hil_uart_tx_client client;
	struct ringbuf ring;
	uint32_t in_flight; /* bytes handed to the UART, still in the ring */
	unsigned dropped;   /* bytes lost since the last drop notice */
	unsigned dropped_total;
	bool panicking;
	void (*room)(void);
} dbg = {.ring = {ring_storage, DEBUG_RING_BYTES, 0, 0}};

/* Calls out(s, n) for s in runs, with each "\n" sent as "\r\n" for serial terminals. */
static void crlf(void (*out)(const char *s, size_t n), const char *s, size_t len)
{
	while (len) {
		size_t run = 0;

		while (run < len && s[run] != '\n')
			run++;
		if (run)
			out(s, run);
		if (run == len)
			break;
		out("\r\n", 2);
		s += run + 1;
		len -= run + 1;
	}
}

static void ring_out(const char *s, size_t len)
{
	uint32_t n = ringbuf_write(&dbg.ring, s, (uint32_t)len);

	dbg.dropped += (unsigned)(len - n);
	dbg.dropped_total += (unsigned)(len - n);
}

static void emit_ring(struct fmt_sink *sink, const char *s, size_t len)
{
	(void)sink;
	crlf(ring_out, s, len);
}

#define DROP_NOTE_BYTES 48

static OUT_OF_LINE size_t drop_note(char note[DROP_NOTE_BYTES])
{
	return fmt_snprintf(note, DROP_NOTE_BYTES, "\r\n[debug: %u bytes dropped]\r\n",
			    dbg.dropped);
}

/* Queues the drop notice once it fits whole. */
static void note_drops(void)
{
	char note[DROP_NOTE_BYTES];
	size_t n = drop_note(note);

	if (n <= ringbuf_free(&dbg.ring)) {
		ringbuf_write(&dbg.ring, note, (uint32_t)n);
		dbg.dropped = 0;
	}
}

static OUT_OF_LINE void panic_emit(struct fmt_sink *sink, const char *s, size_t len);

static void start_transmit(void)
{
	const uint8_t *chunk;

	if (!dbg.uart || dbg.in_flight || dbg.panicking)
		return;
	if (dbg.dropped)
		note_drops();
	uint32_t len = ringbuf_peek_chunk(&dbg.ring, &chunk);
	if (!len)
		return;
	/* The UART reads the bytes in place; they stay in the ring until transmit_done. */
	if (hil_uart_transmit(dbg.uart, (uint8_t *)chunk, len) == ERROR_NONE)
		dbg.in_flight = len;
}

/* Drops the bytes in flight from the ring: the UART has sent them, or will (panic_write). */
static OUT_OF_LINE void consume_in_flight(void)
{
	ringbuf_consume(&dbg.ring, dbg.in_flight);
	dbg.in_flight = 0;
}

static void transmit_done(struct hil_uart_tx_client *client, uint8_t *buf, size_t len,
			  enum error_code rc)
{
	(void)client, (void)buf, (void)len, (void)rc;
	consume_in_flight();
	start_transmit();
	if (dbg.room)
		dbg.room();
}

void debug_set_room_client(void (*room)(void))
{
	dbg.room = room;
}

size_t debug_write_some(const char *buf, size_t len)
{
	size_t i = 0;

	if (dbg.panicking) {
		panic_emit(NULL, buf, len);
		return len;
	}
	for (uint32_t room = ringbuf_free(&dbg.ring); i < len; i++) {
		uint32_t need = buf[i] == '\n' ? 2 : 1;

		if (room < need)
			break;
		room -= need;
	}
	crlf(ring_out, buf, i); /* fits, so nothing is dropped */
	start_transmit();
	return i;
}

void debug_init(struct hil_uart *uart)
{
	dbg.uart = uart;
	dbg.client.transmit_done = transmit_done;
	uart->tx_client = &dbg.client;
	start_transmit();
}

void kvprintf(const char *fmt, va_list ap)
{
	if (dbg.panicking) {
		debug_panic_vprintf(fmt, ap);
		return;
	}
	struct fmt_sink sink = {emit_ring};
	fmt_vformat(&sink, fmt, ap);
	start_transmit();
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

unsigned debug_dropped_bytes(void)
{
	return dbg.dropped_total;
}

static void panic_out(const char *s, size_t len)
{
	if (dbg.uart)
		hil_uart_panic_write(dbg.uart, (const uint8_t *)s, len);
}

static OUT_OF_LINE void panic_emit(struct fmt_sink *sink, const char *s, size_t len)
{
	(void)sink;
	crlf(panic_out, s, len);
}

void debug_make_synchronous(void)
{
	const uint8_t *chunk;
	uint32_t len;

	if (dbg.panicking)
		return;
	dbg.panicking = true;
	/*
	 * panic_write completes the in-flight transmit first, so those bytes are sent once; an
	 * empty write makes sure that happens even when nothing else is queued.
	 */
	consume_in_flight();
	panic_out("", 0);
	while ((len = ringbuf_peek_chunk(&dbg.ring, &chunk)) != 0) {
		panic_out((const char *)chunk, len); /* already translated */
		ringbuf_consume(&dbg.ring, len);
	}
	if (dbg.dropped) {
		char note[DROP_NOTE_BYTES];

		panic_out(note, drop_note(note));
	}
}

void debug_panic_write(const char *s)
{
	panic_emit(NULL, s, strlen(s));
}

void debug_panic_vprintf(const char *fmt, va_list ap)
{
	struct fmt_sink sink = {panic_emit};

	fmt_vformat(&sink, fmt, ap);
}
