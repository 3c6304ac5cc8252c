/* SPDX-License-Identifier: MIT */
/* Unit tests for kernel/debug: queueing, CRLF, one transmit at a time, drops, synchronous mode. */
#include "kernel/debug.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kernel/hil/uart.h"

/*
 * The module's state is static and one-way (debug_init, then debug_make_synchronous), so the
 * tests run in a fixed order: the pre-init test first, the synchronous ones last. Every other
 * test starts and ends with the ring drained and no transmit in flight.
 */
#define RING_BYTES 4096 /* DEBUG_RING_BYTES in kernel/debug.c */
#define WIRE_MAX   (4 * RING_BYTES)
#define BLOB_BYTES 6000

/* ---- fake UART: transmits complete only when the test says so ---- */

struct fake_uart {
	struct hil_uart uart;

	/* The transmit in flight. */
	bool busy;
	uint8_t *tx_buf;
	size_t tx_len;
	uint8_t tx_copy[RING_BYTES]; /* its bytes when handed over */

	unsigned transmits;	  /* transmit calls accepted */
	unsigned busy_violations; /* transmit calls while one was in flight */
	uint8_t *first_buf[8];	  /* buffers of the first transmits, for the wrap test */
	size_t first_len[8];
	enum error_code fail_next; /* returned by the next transmit instead of NONE */

	char wire[WIRE_MAX]; /* everything sent, in order: transmits and panic writes */
	size_t wire_len;
	char panic[WIRE_MAX]; /* what panic_write was given */
	size_t panic_len;
	unsigned panic_writes;

	uint64_t total_sent; /* bytes the module ever got back from transmit_done (never reset) */
};

static struct fake_uart fake;

static void wire_append(const void *s, size_t len)
{
	assert_true(fake.wire_len + len <= sizeof(fake.wire));
	memcpy(fake.wire + fake.wire_len, s, len);
	fake.wire_len += len;
}

static enum error_code fake_transmit(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	assert_ptr_equal(uart, &fake.uart);
	if (fake.busy) {
		fake.busy_violations++;
		return ERROR_BUSY;
	}
	if (len == 0)
		return ERROR_SIZE;
	if (fake.fail_next != ERROR_NONE) {
		enum error_code rc = fake.fail_next;

		fake.fail_next = ERROR_NONE;
		return rc;
	}
	assert_true(len <= sizeof(fake.tx_copy));
	if (fake.transmits < 8) {
		fake.first_buf[fake.transmits] = buf;
		fake.first_len[fake.transmits] = len;
	}
	fake.transmits++;
	fake.busy = true;
	fake.tx_buf = buf;
	fake.tx_len = len;
	memcpy(fake.tx_copy, buf, len);
	return ERROR_NONE;
}

static enum error_code fake_receive(struct hil_uart *uart, uint8_t *buf, size_t len)
{
	(void)uart, (void)buf, (void)len;
	fail_msg("debug output must not receive");
	return ERROR_NOSUPPORT;
}

static enum error_code fake_receive_abort(struct hil_uart *uart)
{
	(void)uart;
	fail_msg("debug output must not receive");
	return ERROR_NOSUPPORT;
}

/* Like a real driver: finishes the transmit in flight (no transmit_done), then writes. */
static void fake_panic_write(struct hil_uart *uart, const uint8_t *buf, size_t len)
{
	assert_ptr_equal(uart, &fake.uart);
	if (fake.busy) {
		wire_append(fake.tx_buf, fake.tx_len);
		fake.busy = false;
	}
	wire_append(buf, len);
	assert_true(fake.panic_len + len <= sizeof(fake.panic));
	memcpy(fake.panic + fake.panic_len, buf, len);
	fake.panic_len += len;
	fake.panic_writes++;
}

static const struct hil_uart_ops fake_ops = {
    .transmit = fake_transmit,
    .receive = fake_receive,
    .receive_abort = fake_receive_abort,
    .panic_write = fake_panic_write,
};

/* Finishes the transmit in flight, as the UART's interrupt would. */
static void complete(void)
{
	uint8_t *buf = fake.tx_buf;
	size_t len = fake.tx_len;

	assert_true(fake.busy);
	assert_non_null(fake.uart.tx_client);
	/* The module must leave in-flight bytes alone until they come back. */
	assert_memory_equal(buf, fake.tx_copy, len);
	wire_append(buf, len);
	fake.busy = false;
	fake.total_sent += len;
	fake.uart.tx_client->transmit_done(fake.uart.tx_client, buf, len, ERROR_NONE);
}

/* Completes transmits until the module starts no more. */
static void drain(void)
{
	for (int guard = 0; fake.busy; guard++) {
		assert_true(guard < 100);
		complete();
	}
}

/* Where the next queued byte will sit in the ring; valid when drained. */
static unsigned ring_position(void)
{
	return (unsigned)(fake.total_sent % RING_BYTES);
}

static char blob[BLOB_BYTES + 1]; /* 'a'..'z' repeating, no newlines */

/* Sends filler until the ring's next byte sits at pos, then forgets the filler. */
static void advance_ring_to(unsigned pos)
{
	unsigned n = (pos - ring_position()) % RING_BYTES;

	if (n) {
		kprintf("%.*s", (int)n, blob);
		drain();
	}
	assert_int_equal(ring_position(), pos);
	fake.wire_len = 0;
	fake.transmits = 0;
}

static void assert_wire_equals(const char *want, size_t len)
{
	if (fake.wire_len != len || memcmp(fake.wire, want, len) != 0) {
		print_error("wire (%zu bytes): \"%.*s\"\nwant (%zu bytes): \"%.*s\"\n",
			    fake.wire_len, (int)(fake.wire_len < 200 ? fake.wire_len : 200),
			    fake.wire, len, (int)(len < 200 ? len : 200), want);
		fail();
	}
}

#define assert_wire(s) assert_wire_equals(s, sizeof(s) - 1)

static size_t count_occurrences(const char *hay, size_t hay_len, const char *needle)
{
	size_t n = 0, k = strlen(needle);

	for (size_t i = 0; i + k <= hay_len; i++)
		n += memcmp(hay + i, needle, k) == 0;
	return n;
}

static int group_setup(void **state)
{
	(void)state;
	fake.uart.ops = &fake_ops;
	for (size_t i = 0; i < BLOB_BYTES; i++)
		blob[i] = (char)('a' + i % 26);
	blob[BLOB_BYTES] = '\0';
	return 0;
}

/* Resets the recording, never the wiring (tx_client) or total_sent. */
static int setup(void **state)
{
	(void)state;
	assert_false(fake.busy);
	fake.transmits = 0;
	fake.busy_violations = 0;
	fake.fail_next = ERROR_NONE;
	fake.wire_len = 0;
	fake.panic_len = 0;
	fake.panic_writes = 0;
	memset(fake.first_buf, 0, sizeof(fake.first_buf));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	drain();
	assert_int_equal(fake.busy_violations, 0);
	return 0;
}

/* ---- tests, in the order the module's one-way state requires ---- */

static void test_debug_kprintf_before_init_is_queued_and_sent_after_init(void **state)
{
	(void)state;
	kprintf("early %d", 1);
	kprintf(" and %s\n", "more");
	assert_int_equal(fake.transmits, 0);
	assert_int_equal(fake.panic_writes, 0);

	debug_init(&fake.uart);
	assert_non_null(fake.uart.tx_client);
	assert_int_equal(fake.transmits, 1);
	drain();
	assert_wire("early 1 and more\r\n");
	assert_int_equal(fake.transmits, 1);
	assert_int_equal(debug_dropped_bytes(), 0);
}

static void test_debug_kprintf_after_init_starts_a_transmit_at_once(void **state)
{
	(void)state;
	advance_ring_to(0);
	kprintf("%d-%s-%c", 42, "x", 'y');
	assert_true(fake.busy);
	assert_int_equal(fake.transmits, 1);
	assert_int_equal(fake.tx_len, 6);
	assert_memory_equal(fake.tx_buf, "42-x-y", 6);
}

static void test_debug_newline_is_sent_as_crlf(void **state)
{
	(void)state;
	advance_ring_to(0);
	kprintf("a\nb\n\n");
	kprintf("\nno newline at end");
	drain();
	assert_wire("a\r\nb\r\n\r\n\r\nno newline at end");
}

static void test_debug_newline_in_an_argument_is_sent_as_crlf(void **state)
{
	(void)state;
	kprintf("[%s]\n", "x\ny");
	drain();
	assert_wire("[x\r\ny]\r\n");
}

static void test_debug_only_one_transmit_is_in_flight(void **state)
{
	(void)state;
	advance_ring_to(0);
	kprintf("one");
	assert_int_equal(fake.transmits, 1);
	kprintf("two");
	kprintf("three");
	/* Still one: the others wait for transmit_done (the fake counts any extra call). */
	assert_int_equal(fake.transmits, 1);
	assert_int_equal(fake.busy_violations, 0);
	assert_int_equal(fake.tx_len, 3);
}

static void test_debug_transmit_done_sends_what_queued_meanwhile(void **state)
{
	(void)state;
	advance_ring_to(0);
	kprintf("one");
	kprintf("two");
	kprintf("three");
	complete();
	/* Everything queued meanwhile goes out in the next transmit. */
	assert_int_equal(fake.transmits, 2);
	assert_true(fake.busy);
	assert_int_equal(fake.tx_len, 8);
	assert_memory_equal(fake.tx_buf, "twothree", 8);
	complete();
	/* Then the UART goes idle. */
	assert_false(fake.busy);
	assert_int_equal(fake.transmits, 2);
	assert_wire("onetwothree");
}

static void test_debug_transmit_error_keeps_bytes_queued_for_the_next_kprintf(void **state)
{
	(void)state;
	fake.fail_next = ERROR_BUSY;
	kprintf("kept");
	assert_false(fake.busy);
	kprintf("!");
	assert_true(fake.busy);
	drain();
	assert_wire("kept!");
}

static void test_debug_ring_wrap_is_sent_as_two_transmits(void **state)
{
	(void)state;
	advance_ring_to(RING_BYTES - 5);
	kprintf("0123456789");
	assert_int_equal(fake.transmits, 1);
	assert_int_equal(fake.first_len[0], 5);
	assert_memory_equal(fake.first_buf[0], "01234", 5);
	complete();
	assert_int_equal(fake.transmits, 2);
	assert_int_equal(fake.first_len[1], 5);
	assert_memory_equal(fake.first_buf[1], "56789", 5);
	/* The first chunk ended at the end of the ring; the second starts at its start. */
	assert_ptr_equal(fake.first_buf[1], fake.first_buf[0] + 5 - RING_BYTES);
	complete();
	assert_false(fake.busy);
	assert_wire("0123456789");
}

static void test_debug_crlf_split_by_the_ring_wrap_arrives_intact(void **state)
{
	(void)state;
	advance_ring_to(RING_BYTES - 1);
	kprintf("\n");
	drain();
	assert_int_equal(fake.transmits, 2);
	assert_wire("\r\n");
}

static void test_debug_full_ring_is_all_sent(void **state)
{
	char want[RING_BYTES];

	(void)state;
	advance_ring_to(0);
	kprintf("%.*s", RING_BYTES, blob);
	assert_int_equal(fake.tx_len, RING_BYTES);
	drain();
	memcpy(want, blob, RING_BYTES);
	assert_wire_equals(want, RING_BYTES);
	assert_int_equal(debug_dropped_bytes(), 0);
}

static char expected[WIRE_MAX];

static void test_debug_overflow_drops_the_excess_and_reports_it_once_drained(void **state)
{
	unsigned before = debug_dropped_bytes();
	static const char note[] = "\r\n[debug: 905 bytes dropped]\r\n";
	size_t n = 0;

	(void)state;
	advance_ring_to(100);
	kprintf("X");		     /* in flight: one byte of the ring */
	kprintf("%.*s", 5000, blob); /* 4095 fit; 905 do not */
	assert_int_equal(debug_dropped_bytes() - before, 905);
	drain();

	expected[n++] = 'X';
	memcpy(expected + n, blob, RING_BYTES - 1);
	n += RING_BYTES - 1;
	memcpy(expected + n, note, sizeof(note) - 1);
	n += sizeof(note) - 1;
	assert_wire_equals(expected, n);
	assert_int_equal(count_occurrences(fake.wire, fake.wire_len, "[debug:"), 1);
}

static void test_debug_drop_notice_counts_only_drops_since_the_last_notice(void **state)
{
	unsigned before = debug_dropped_bytes();
	static const char note[] = "\r\n[debug: 7 bytes dropped]\r\n";

	(void)state;
	advance_ring_to(0);
	kprintf("%.*s", RING_BYTES + 7, blob);
	assert_int_equal(debug_dropped_bytes() - before, 7);
	drain();
	assert_int_equal(fake.wire_len, RING_BYTES + sizeof(note) - 1);
	assert_memory_equal(fake.wire + RING_BYTES, note, sizeof(note) - 1);

	/* Without new drops there is no new notice. */
	fake.wire_len = 0;
	kprintf("fine\n");
	drain();
	assert_wire("fine\r\n");
	assert_int_equal(debug_dropped_bytes() - before, 7);
}

static void test_debug_dropped_newline_counts_as_its_two_bytes(void **state)
{
	unsigned before = debug_dropped_bytes();
	static const char note[] = "\r\n[debug: 4 bytes dropped]\r\n";

	(void)state;
	advance_ring_to(0);
	kprintf("%.*s\n\n", RING_BYTES, blob); /* both CRLFs are dropped */
	assert_int_equal(debug_dropped_bytes() - before, 4);
	drain();
	assert_memory_equal(fake.wire + RING_BYTES, note, sizeof(note) - 1);
}

static void test_debug_kprintf_while_ring_full_drops_everything(void **state)
{
	unsigned before = debug_dropped_bytes();
	static const char note[] = "\r\n[debug: 11 bytes dropped]\r\n";

	(void)state;
	advance_ring_to(0);
	kprintf("%.*s", RING_BYTES, blob);
	kprintf("lost %d", 123456); /* 11 bytes, none fit */
	assert_int_equal(debug_dropped_bytes() - before, 11);
	drain();
	assert_int_equal(fake.wire_len, RING_BYTES + sizeof(note) - 1);
	assert_memory_equal(fake.wire + RING_BYTES, note, sizeof(note) - 1);
	assert_int_equal(count_occurrences(fake.wire, fake.wire_len, "lost"), 0);
}

static void test_debug_write_some_queues_all_that_fits_with_newlines_as_crlf(void **state)
{
	unsigned before = debug_dropped_bytes();

	(void)state;
	advance_ring_to(0);
	assert_int_equal(debug_write_some("ab\ncd\n", 6), 6);
	assert_true(fake.busy);
	drain();
	assert_wire("ab\r\ncd\r\n");
	assert_int_equal(debug_dropped_bytes(), before);
}

static void test_debug_write_some_takes_only_what_fits_whole_and_drops_nothing(void **state)
{
	unsigned before = debug_dropped_bytes();
	size_t n = 0;

	(void)state;
	advance_ring_to(0);
	kprintf("%.*s", RING_BYTES - 2, blob); /* two bytes of room left */
	/* "x" fits; its "\n" would need two bytes with one left: consumed up to it. */
	assert_int_equal(debug_write_some("x\ny", 3), 1);
	assert_int_equal(debug_write_some("\ny", 2), 0);
	assert_int_equal(debug_dropped_bytes(), before);
	drain();
	assert_int_equal(debug_write_some("\ny", 2), 2);
	drain();

	memcpy(expected + n, blob, RING_BYTES - 2);
	n += RING_BYTES - 2;
	memcpy(expected + n, "x\r\ny", 4);
	n += 4;
	assert_wire_equals(expected, n);
	assert_int_equal(count_occurrences(fake.wire, fake.wire_len, "[debug:"), 0);
}

/* ---- synchronous mode: one-way, so these run last ---- */

static void test_debug_make_synchronous_writes_unsent_bytes_once_then_the_drop_notice(void **state)
{
	unsigned transmits;
	static const char note[] = "\r\n[debug: 16 bytes dropped]\r\n";
	size_t n = 0;

	(void)state;
	advance_ring_to(0);
	kprintf("inflight");		   /* handed to transmit */
	kprintf("queued\n");		   /* 8 bytes, queued */
	kprintf("%.*s", RING_BYTES, blob); /* 4080 fit, 16 dropped */
	assert_true(fake.busy);
	transmits = fake.transmits;
	assert_int_equal(transmits, 1);

	debug_make_synchronous();

	/* panic_write got the queued bytes, not the in-flight ones, then the notice. */
	memcpy(expected + n, "queued\r\n", 8);
	n += 8;
	memcpy(expected + n, blob, RING_BYTES - 16);
	n += RING_BYTES - 16;
	memcpy(expected + n, note, sizeof(note) - 1);
	n += sizeof(note) - 1;
	assert_int_equal(fake.panic_len, n);
	assert_memory_equal(fake.panic, expected, n);

	/* On the wire every byte appears once: the driver finished "inflight" itself. */
	assert_int_equal(fake.wire_len, 8 + n);
	assert_memory_equal(fake.wire, "inflight", 8);
	assert_memory_equal(fake.wire + 8, expected, n);
	assert_int_equal(count_occurrences(fake.wire, fake.wire_len, "inflight"), 1);
	assert_int_equal(fake.transmits, transmits);
	assert_false(fake.busy);
}

static void test_debug_kprintf_after_make_synchronous_goes_straight_to_panic_write(void **state)
{
	(void)state;
	kprintf("late %d\n", 7);
	assert_int_equal(fake.transmits, 0);
	assert_false(fake.busy);
	assert_int_equal(fake.panic_len, 8);
	assert_memory_equal(fake.panic, "late 7\r\n", 8);
}

static void test_debug_write_some_after_make_synchronous_goes_straight_to_panic_write(void **state)
{
	(void)state;
	assert_int_equal(debug_write_some("all\nof it", 10), 10);
	assert_int_equal(fake.transmits, 0);
	assert_int_equal(fake.panic_len, 11);
	assert_memory_equal(fake.panic, "all\r\nof it", 11);
}

static void test_debug_panic_write_translates_newlines(void **state)
{
	(void)state;
	debug_panic_write("x\ny\n");
	assert_int_equal(fake.panic_len, 6);
	assert_memory_equal(fake.panic, "x\r\ny\r\n", 6);
	assert_int_equal(fake.transmits, 0);
}

static void test_debug_make_synchronous_twice_writes_nothing_more(void **state)
{
	(void)state;
	debug_make_synchronous();
	assert_int_equal(fake.panic_writes, 0);
	assert_int_equal(fake.wire_len, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    /* First: relies on debug_init never having run. */
	    T(test_debug_kprintf_before_init_is_queued_and_sent_after_init),
	    T(test_debug_kprintf_after_init_starts_a_transmit_at_once),
	    T(test_debug_newline_is_sent_as_crlf),
	    T(test_debug_newline_in_an_argument_is_sent_as_crlf),
	    T(test_debug_only_one_transmit_is_in_flight),
	    T(test_debug_transmit_done_sends_what_queued_meanwhile),
	    T(test_debug_transmit_error_keeps_bytes_queued_for_the_next_kprintf),
	    T(test_debug_ring_wrap_is_sent_as_two_transmits),
	    T(test_debug_crlf_split_by_the_ring_wrap_arrives_intact),
	    T(test_debug_full_ring_is_all_sent),
	    T(test_debug_overflow_drops_the_excess_and_reports_it_once_drained),
	    T(test_debug_drop_notice_counts_only_drops_since_the_last_notice),
	    T(test_debug_dropped_newline_counts_as_its_two_bytes),
	    T(test_debug_kprintf_while_ring_full_drops_everything),
	    T(test_debug_write_some_queues_all_that_fits_with_newlines_as_crlf),
	    T(test_debug_write_some_takes_only_what_fits_whole_and_drops_nothing),
	    /* Last: synchronous mode cannot be left. */
	    T(test_debug_make_synchronous_writes_unsent_bytes_once_then_the_drop_notice),
	    T(test_debug_kprintf_after_make_synchronous_goes_straight_to_panic_write),
	    T(test_debug_write_some_after_make_synchronous_goes_straight_to_panic_write),
	    T(test_debug_panic_write_translates_newlines),
	    T(test_debug_make_synchronous_twice_writes_nothing_more),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
