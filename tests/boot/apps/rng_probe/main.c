/* SPDX-License-Identifier: MIT */
/* Test app: asks the RNG driver (0x40001) for 64 random bytes twice and prints them in hex, says
 * what kind of source the kernel has, and checks that a request larger than the allowed buffer
 * is cut to the buffer. */
#include <stdbool.h>
#include <stdint.h>

#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"
#include "lib/string.h"

#define RNG_DRIVER	   0x40001
#define RNG_CMD_FILL	   1
#define RNG_CMD_QUALITY	   2
#define RNG_ALLOW_BUFFER   0
#define RNG_SUBSCRIBE_DONE 0

#define BYTES 64

/* Never run: yield-wait-for hands the upcall's arguments back instead. */
static void done(uint32_t status, uint32_t bytes, uint32_t unused, void *data)
{
	(void)status;
	(void)bytes;
	(void)unused;
	(void)data;
}

/* Fills buf with want bytes (or fewer, if len is less). Returns: the bytes written, or -error. */
static int32_t fill(uint8_t *buf, uint32_t len, uint32_t want)
{
	enum error_code rc;
	struct tock_upcall_args a;

	rc = tock_return_error(tock_allow_rw(RNG_DRIVER, RNG_ALLOW_BUFFER, buf, len));
	if (rc == ERROR_NONE)
		rc = tock_return_error(tock_command(RNG_DRIVER, RNG_CMD_FILL, want, 0));
	if (rc != ERROR_NONE)
		return -(int32_t)rc;
	a = tock_yield_wait_for(RNG_DRIVER, RNG_SUBSCRIBE_DONE);
	tock_allow_rw(RNG_DRIVER, RNG_ALLOW_BUFFER, NULL, 0);
	if (a.arg[0] != 0)
		return -(int32_t)a.arg[0];
	return (int32_t)a.arg[1];
}

static void print_hex(unsigned n, const uint8_t *b, uint32_t len)
{
	static const char digits[] = "0123456789abcdef";
	char hex[2 * BYTES + 1];

	for (uint32_t i = 0; i < len; i++) {
		hex[2 * i] = digits[b[i] >> 4];
		hex[2 * i + 1] = digits[b[i] & 0xf];
	}
	hex[2 * len] = '\0';
	console_printf("%s: %u: %s\n", APP_NAME, n, hex);
}

static bool all_zero(const uint8_t *b, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

int main(void)
{
	static uint8_t first[BYTES], second[BYTES], small[BYTES];
	uint32_t quality = 0;
	int32_t n1, n2, n3;

	if (tock_return_error(tock_subscribe(RNG_DRIVER, RNG_SUBSCRIBE_DONE, done, NULL)) !=
	    ERROR_NONE) {
		console_printf("%s: no RNG driver\n", APP_NAME);
		return 1;
	}
	if (tock_return_u32(tock_command(RNG_DRIVER, RNG_CMD_QUALITY, 0, 0), &quality) ==
	    ERROR_NONE)
		console_printf("%s: source: %s\n", APP_NAME,
			       quality ? "true entropy" : "pseudo-random");

	n1 = fill(first, BYTES, BYTES);
	n2 = fill(second, BYTES, BYTES);
	if (n1 != BYTES || n2 != BYTES) {
		console_printf("%s: BAD: got %d and %d bytes, asked %d\n", APP_NAME, (int)n1,
			       (int)n2, BYTES);
		return 1;
	}
	print_hex(1, first, BYTES);
	print_hex(2, second, BYTES);

	/* Asking for more than the buffer holds writes the buffer, no further. */
	n3 = fill(small, 16, 100);
	console_printf("%s: 100 asked into a 16-byte buffer: %d written\n", APP_NAME, (int)n3);

	bool ok = memcmp(first, second, BYTES) != 0 && !all_zero(first, BYTES) &&
		  !all_zero(second, BYTES) && n3 == 16 && all_zero(small + 16, BYTES - 16);
	console_printf("%s: %s\n", APP_NAME, ok ? "ok: two different non-zero fills" : "BAD");
	return ok ? 0 : 1;
}
