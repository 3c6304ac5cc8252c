/* SPDX-License-Identifier: MIT */
/* Digests through the SHA (0x40005) and HMAC (0x40003) drivers, as an app written for upstream
 * Tock 2.2 (libtock-c's numbers) makes them, printed in hex for tests/boot/test_digest.sh; then
 * the drivers' refusals. It sleeps between two updates, holding the engine, so that a second
 * copy of it must wait its turn; it reports the longest wait for an operation. */
#include <stddef.h>
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

#define SHA_DRIVER  0x40005
#define HMAC_DRIVER 0x40003

#define CMD_SET_ALGORITHM 0
#define CMD_RUN		  1
#define CMD_UPDATE	  2
#define CMD_FINISH	  3
#define CMD_VERIFY	  4
#define ALLOW_RO_KEY	  0
#define ALLOW_RO_DATA	  1
#define ALLOW_RO_COMPARE  2
#define ALLOW_RW_DEST	  2
#define SUBSCRIBE_HASH	  0
#define SUBSCRIBE_VERIFY  1
#define SHA256		  0
#define DIGEST_BYTES	  32
#define HOLD_MS		  40 /* asleep between two updates, holding the engine */

static uint32_t longest_wait_ticks;

static const char *const error_names[] = {
    "NONE", "FAIL",   "BUSY",  "ALREADY",   "OFF",	"RESERVE",     "INVAL",
    "SIZE", "CANCEL", "NOMEM", "NOSUPPORT", "NODEVICE", "UNINSTALLED", "NOACK",
};

static const char *name(enum error_code rc)
{
	return (unsigned)rc < sizeof(error_names) / sizeof(error_names[0]) ? error_names[rc] : "?";
}

/* Never run: the upcalls are collected with yield-wait-for, but must be subscribed. */
static void ignored(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	(void)a0;
	(void)a1;
	(void)a2;
	(void)data;
}

/* Returns: the command's error, or else its upcall's status (and *arg1, the upcall's second). */
static enum error_code call(uint32_t driver, uint32_t cmd, uint32_t subscribe, uint32_t *arg1)
{
	enum error_code rc = tock_return_error(tock_command(driver, cmd, 0, 0));
	struct tock_upcall_args done;
	uint32_t start = 0, end = 0;

	if (rc != ERROR_NONE)
		return rc;
	alarm_now(&start);
	done = tock_yield_wait_for(driver, subscribe);
	alarm_now(&end);
	if (end - start > longest_wait_ticks)
		longest_wait_ticks = end - start;
	if (arg1)
		*arg1 = done.arg[1];
	return (enum error_code)done.arg[0];
}

/* Shares the buffers, chooses SHA-256, subscribes both upcalls. Returns: the first error. */
static enum error_code setup(uint32_t driver, const void *key, size_t key_len, const void *data,
			     size_t len, uint8_t *out, size_t out_len)
{
	enum error_code rc = ERROR_NONE;

	if (driver == HMAC_DRIVER)
		rc = tock_return_error(tock_allow_ro(driver, ALLOW_RO_KEY, key, key_len));
	if (rc == ERROR_NONE)
		rc = tock_return_error(tock_allow_ro(driver, ALLOW_RO_DATA, data, len));
	if (rc == ERROR_NONE)
		rc = tock_return_error(tock_allow_rw(driver, ALLOW_RW_DEST, out, out_len));
	if (rc == ERROR_NONE)
		rc = tock_return_error(tock_subscribe(driver, SUBSCRIBE_HASH, ignored, NULL));
	if (rc == ERROR_NONE)
		rc = tock_return_error(tock_subscribe(driver, SUBSCRIBE_VERIFY, ignored, NULL));
	if (rc == ERROR_NONE)
		rc = tock_return_error(tock_command(driver, CMD_SET_ALGORITHM, SHA256, 0));
	return rc;
}

static void print_digest(const char *what, enum error_code rc, const uint8_t *digest)
{
	char hex[2 * DIGEST_BYTES + 1];
	static const char digits[] = "0123456789abcdef";

	if (rc != ERROR_NONE) {
		console_printf("%s: %s failed: %s\n", APP_NAME, what, name(rc));
		return;
	}
	for (unsigned i = 0; i < DIGEST_BYTES; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[2 * DIGEST_BYTES] = '\0';
	console_printf("%s: %s %s\n", APP_NAME, what, hex);
}

static uint8_t thousand[1000];
static uint8_t digest[DIGEST_BYTES];

/* SHA-256 of data by command run. */
static void sha_run(const char *what, const void *data, size_t len)
{
	enum error_code rc = setup(SHA_DRIVER, NULL, 0, data, len, digest, sizeof(digest));

	if (rc == ERROR_NONE)
		rc = call(SHA_DRIVER, CMD_RUN, SUBSCRIBE_HASH, NULL);
	print_digest(what, rc, digest);
}

int main(void)
{
	static const char abc[] = "abc";
	static const char jefe[] = "Jefe", nothing[] = "what do ya want for nothing?";
	uint8_t small[16], abc_digest[DIGEST_BYTES];
	uint32_t equal = 2, hz = 0;
	enum error_code rc;

	for (unsigned i = 0; i < sizeof(thousand); i++)
		thousand[i] = (uint8_t)(i * 7 + 3);

	sha_run("sha256(abc)", abc, 3);
	for (unsigned i = 0; i < DIGEST_BYTES; i++)
		abc_digest[i] = digest[i];
	sha_run("sha256(1000 bytes)", thousand, sizeof(thousand));

	/* The same 1000 bytes as two updates (400 + 600) and a finish. */
	rc = setup(SHA_DRIVER, NULL, 0, thousand, 400, digest, sizeof(digest));
	if (rc == ERROR_NONE)
		rc = call(SHA_DRIVER, CMD_UPDATE, SUBSCRIBE_HASH, NULL);
	if (rc == ERROR_NONE)
		rc = alarm_delay_ms(HOLD_MS);
	if (rc == ERROR_NONE)
		rc = tock_return_error(
		    tock_allow_ro(SHA_DRIVER, ALLOW_RO_DATA, thousand + 400, 600));
	if (rc == ERROR_NONE)
		rc = call(SHA_DRIVER, CMD_UPDATE, SUBSCRIBE_HASH, NULL);
	if (rc == ERROR_NONE)
		rc = call(SHA_DRIVER, CMD_FINISH, SUBSCRIBE_HASH, NULL);
	print_digest("sha256(1000 bytes) by update+finish", rc, digest);

	rc = setup(HMAC_DRIVER, jefe, 4, nothing, sizeof(nothing) - 1, digest, sizeof(digest));
	if (rc == ERROR_NONE)
		rc = call(HMAC_DRIVER, CMD_RUN, SUBSCRIBE_HASH, NULL);
	print_digest("hmac-sha256(rfc4231 case 2)", rc, digest);

	/* Verify against the digest of "abc" computed above, then against a corrupted one. */
	rc = setup(SHA_DRIVER, NULL, 0, abc, 3, digest, sizeof(digest));
	if (rc == ERROR_NONE)
		rc = tock_return_error(
		    tock_allow_ro(SHA_DRIVER, ALLOW_RO_COMPARE, abc_digest, sizeof(abc_digest)));
	if (rc == ERROR_NONE)
		rc = call(SHA_DRIVER, CMD_VERIFY, SUBSCRIBE_VERIFY, &equal);
	console_printf("%s: verify sha256(abc): %s, equal %u\n", APP_NAME, name(rc),
		       (unsigned)equal);
	abc_digest[5] ^= 0x10;
	equal = 2;
	rc = call(SHA_DRIVER, CMD_VERIFY, SUBSCRIBE_VERIFY, &equal);
	console_printf("%s: verify corrupted: %s, equal %u\n", APP_NAME, name(rc), (unsigned)equal);

	/* Refusals. */
	rc = setup(SHA_DRIVER, NULL, 0, abc, 3, small, sizeof(small));
	if (rc == ERROR_NONE)
		rc = call(SHA_DRIVER, CMD_RUN, SUBSCRIBE_HASH, NULL);
	console_printf("%s: run into a 16-byte digest buffer: %s\n", APP_NAME, name(rc));
	rc = tock_return_error(tock_command(SHA_DRIVER, CMD_SET_ALGORITHM, 2, 0));
	console_printf("%s: algorithm 2 (SHA-512): %s\n", APP_NAME, name(rc));
	rc = tock_return_error(tock_command(SHA_DRIVER, CMD_FINISH, 0, 0));
	console_printf("%s: finish without update: %s\n", APP_NAME, name(rc));

	tock_allow_ro(SHA_DRIVER, ALLOW_RO_DATA, NULL, 0);
	tock_allow_ro(SHA_DRIVER, ALLOW_RO_COMPARE, NULL, 0);
	tock_allow_rw(SHA_DRIVER, ALLOW_RW_DEST, NULL, 0);
	tock_allow_ro(HMAC_DRIVER, ALLOW_RO_KEY, NULL, 0);
	tock_allow_ro(HMAC_DRIVER, ALLOW_RO_DATA, NULL, 0);
	tock_allow_rw(HMAC_DRIVER, ALLOW_RW_DEST, NULL, 0);
	if (alarm_frequency(&hz) == ERROR_NONE && hz >= 1000)
		console_printf("%s: longest wait for an operation %u ms\n", APP_NAME,
			       (unsigned)(longest_wait_ticks / (hz / 1000)));
	console_printf("%s: done\n", APP_NAME);
	return 0;
}
