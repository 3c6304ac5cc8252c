/* SPDX-License-Identifier: MIT */
/* kernel/debug: going synchronous with only an in-flight transmit still puts it on the wire
 * (a separate binary, because synchronous mode is one-way for the module's static state). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/debug.h"
#include "kernel/hil/uart.h"

static struct {
	struct hil_uart uart;
	const uint8_t *tx_buf; /* transmit in flight */
	size_t tx_len;
	char wire[256]; /* what reached the line */
	size_t wire_len;
} fake;

static void wire(const uint8_t *buf, size_t len)
{
	assert_true(fake.wire_len + len <= sizeof(fake.wire));
	memcpy(fake.wire + fake.wire_len, buf, len);
	fake.wire_len += len;
}

static enum error_code fake_transmit(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	(void)uart;
	assert_null(fake.tx_buf);
	fake.tx_buf = buf;
	fake.tx_len = len;
	return ERROR_NONE;
}

static enum error_code fake_receive(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	(void)uart, (void)buf, (void)len;
	return ERROR_NOSUPPORT;
}

static enum error_code fake_receive_abort(struct hil_uart *uart)
{
	(void)uart;
	return ERROR_NOSUPPORT;
}

/* As a real driver: finish the transmit in flight, then write buf. */
static void fake_panic_write(struct hil_uart *uart, const uint8_t *buf, size_t len)
{
	(void)uart;
	if (fake.tx_buf) {
		wire(fake.tx_buf, fake.tx_len);
		fake.tx_buf = NULL;
	}
	wire(buf, len);
}

static const struct hil_uart_ops ops = {fake_transmit, fake_receive, fake_receive_abort,
					fake_panic_write};

static void test_debug_make_synchronous_sends_the_in_flight_message_with_nothing_queued(void **s)
{
	(void)s;
	fake.uart.ops = &ops;
	debug_init(&fake.uart);
	kprintf("last words\n");
	assert_non_null(fake.tx_buf); /* handed to the UART, not yet sent */
	assert_int_equal(fake.wire_len, 0);

	debug_make_synchronous();
	assert_int_equal(fake.wire_len, 12);
	assert_memory_equal(fake.wire, "last words\r\n", 12);
	assert_null(fake.tx_buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(
	    test_debug_make_synchronous_sends_the_in_flight_message_with_nothing_queued)};
	return cmocka_run_group_tests_name("debug_last_words", tests, NULL, NULL);
}
