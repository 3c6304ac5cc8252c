/* SPDX-License-Identifier: MIT */
/* The console driver (0x1): blocking writes and printf-style output. */
#include "apps/runtime/console.h"

#include <stdint.h>

#include "apps/runtime/tock.h"
#include "lib/fmt.h"
#include "lib/string.h"

/*
 * Never run: console_write() collects the write-done upcall with yield-wait-for, which hands
 * back its arguments instead. It is subscribed all the same so that the driver has a real
 * upcall to schedule (the kernel need not queue a null one).
 */
static void write_done(uint32_t bytes, uint32_t unused1, uint32_t unused2, void *data)
{
	(void)bytes;
	(void)unused1;
	(void)unused2;
	(void)data;
}

enum error_code console_write(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	enum error_code rc;

	rc = tock_return_error(
	    tock_subscribe(CONSOLE_DRIVER, CONSOLE_SUBSCRIBE_WRITE, write_done, NULL));
	if (rc != ERROR_NONE)
		return rc;
	/* The driver may write less than asked (its own buffer is smaller): go on from there. */
	while (len > 0) {
		struct tock_upcall_args done;

		rc = tock_return_error(
		    tock_allow_ro(CONSOLE_DRIVER, CONSOLE_ALLOW_RO_WRITE, p, len));
		if (rc != ERROR_NONE)
			break;
		rc = tock_return_error(tock_command(CONSOLE_DRIVER, CONSOLE_CMD_WRITE, len, 0));
		if (rc != ERROR_NONE)
			break;
		done = tock_yield_wait_for(CONSOLE_DRIVER, CONSOLE_SUBSCRIBE_WRITE);
		if (done.arg[0] == 0 || done.arg[0] > len) {
			rc = ERROR_FAIL;
			break;
		}
		p += done.arg[0];
		len -= done.arg[0];
	}
	tock_allow_ro(CONSOLE_DRIVER, CONSOLE_ALLOW_RO_WRITE, NULL, 0);
	return rc;
}

enum error_code console_print(const char *s)
{
	return console_write(s, strlen(s));
}

/* A fmt sink that fills a buffer and writes it to the console whenever it is full. */
struct console_sink {
	struct fmt_sink sink;
	size_t used;
	enum error_code rc; /* the first write's failure; later text is dropped */
	char buf[CONSOLE_PRINTF_BUFFER_BYTES];
};

static void sink_flush(struct console_sink *cs)
{
	if (cs->used > 0 && cs->rc == ERROR_NONE)
		cs->rc = console_write(cs->buf, cs->used);
	cs->used = 0;
}

static void sink_emit(struct fmt_sink *sink, const char *s, size_t len)
{
	struct console_sink *cs = container_of(sink, struct console_sink, sink);

	while (len > 0) {
		size_t room = sizeof(cs->buf) - cs->used;
		size_t n = len < room ? len : room;

		memcpy(cs->buf + cs->used, s, n);
		cs->used += n;
		s += n;
		len -= n;
		if (cs->used == sizeof(cs->buf))
			sink_flush(cs);
	}
}

enum error_code console_vprintf(const char *fmt, va_list ap)
{
	struct console_sink cs; /* no initialiser: it would clear the buffer on every call */

	cs.sink.emit = sink_emit;
	cs.used = 0;
	cs.rc = ERROR_NONE;
	fmt_vformat(&cs.sink, fmt, ap);
	sink_flush(&cs);
	return cs.rc;
}

enum error_code console_printf(const char *fmt, ...)
{
	va_list ap;
	enum error_code rc;

	va_start(ap, fmt);
	rc = console_vprintf(fmt, ap);
	va_end(ap);
	return rc;
}
