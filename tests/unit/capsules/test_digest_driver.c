/* SPDX-License-Identifier: MIT */
/* Unit tests for the SHA and HMAC drivers (capsules/digest_driver.c, sha.c, hmac.c) over a fake
 * kernel: Tock 2.2's numbers and errors, digests into the allows, queueing and fairness among
 * processes, processes dying mid-operation; with the software engine and a scripted fake one. */
#include "capsules/digest_driver.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "capsules/hmac.h"
#include "capsules/sha.h"
#include "drivers/soft_digest.h"
#include "kernel/process.h"
#include "lib/compiler.h"
#include "lib/hmac_sha256.h"
#include "lib/sha256.h"
#include "tests/unit/fake_deferred_call.h"

/* ---- a fake kernel: three processes whose memory sits at 32-bit addresses ---- */

/*
 *   0x48000000 + i * 0x4000   process i's memory (16 KiB each)
 *   0x4800c000                unused
 *   0x4800f000                guard page (PROT_NONE): reading past a buffer there faults
 */
#define USER_BASE  0x48000000u
#define USER_BYTES 0x10000u
#define PROC_BYTES 0x4000u
#define GUARD	   0x4800f000u
#define NPROC	   3
#define MANY	   100000u

struct fake_grant {
	struct upcall_slot upcalls[4];
	struct allow_slot ro[4], rw[4], ur[4];
	uint8_t data[64];
};

struct upcall_record {
	uint32_t driver, pid, subscribe, args[3];
};

static struct process procs[NPROC];
static struct driver *registered[DRIVER_MAX];
static unsigned driver_count;
static bool grant_full[NPROC];
static struct upcall_record upcalls[256];
static unsigned upcall_count;
static uint32_t next_pid = 1;

struct process *process_get(unsigned i)
{
	return i < NPROC && procs[i].pid ? &procs[i] : NULL;
}

struct process *process_by_pid(uint32_t pid)
{
	for (unsigned i = 0; i < NPROC; i++)
		if (pid && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

void driver_register(struct driver *d)
{
	assert_true(driver_count < DRIVER_MAX);
	d->index = driver_count;
	registered[driver_count++] = d;
}

static struct fake_grant *grant(struct driver *d, struct process *p, bool allocate)
{
	if (!p->grants[d->index] && allocate && !grant_full[p - procs]) {
		assert_true(d->upcalls <= 4 && d->ro_allows <= 4 && d->rw_allows <= 4);
		assert_true(d->data_bytes <= sizeof(((struct fake_grant *)0)->data));
		p->grants[d->index] = calloc(1, sizeof(struct fake_grant));
	}
	return p->grants[d->index];
}

void *driver_data(struct driver *d, struct process *p)
{
	struct fake_grant *g = grant(d, p, true);

	return g ? g->data : NULL;
}

void *driver_data_peek(struct driver *d, struct process *p)
{
	struct fake_grant *g = grant(d, p, false);

	return g ? g->data : NULL;
}

struct upcall_slot *driver_upcalls(struct driver *d, struct process *p)
{
	struct fake_grant *g = grant(d, p, true);

	return g ? g->upcalls : NULL;
}

struct allow_slot *driver_ro(struct driver *d, struct process *p)
{
	struct fake_grant *g = grant(d, p, true);

	return g ? g->ro : NULL;
}

struct allow_slot *driver_rw(struct driver *d, struct process *p)
{
	struct fake_grant *g = grant(d, p, true);

	return g ? g->rw : NULL;
}

enum error_code upcall_schedule(struct driver *d, struct process *p, uint32_t subscribe,
				uint32_t a0, uint32_t a1, uint32_t a2)
{
	/* The kernel drops upcalls for a process that is not alive; the drivers must not try. */
	assert_true(p->state <= PROCESS_YIELDED_FOR);
	assert_true(subscribe < d->upcalls);
	assert_true(upcall_count < ARRAY_SIZE(upcalls));
	upcalls[upcall_count++] =
	    (struct upcall_record){d->number, p->pid, subscribe, {a0, a1, a2}};
	return ERROR_NONE;
}

/* A fresh life for process i: new pid, grants gone, memory zeroed (as process_restart). */
static void restart(unsigned i)
{
	for (unsigned k = 0; k < DRIVER_MAX; k++) {
		free(procs[i].grants[k]);
		procs[i].grants[k] = NULL;
	}
	procs[i].pid = next_pid++;
	procs[i].state = PROCESS_RUNNING;
	memset((void *)(uintptr_t)(USER_BASE + i * PROC_BYTES), 0, PROC_BYTES);
}

/* ---- the system under test ---- */

static struct soft_digest soft;
static struct digest_engine engine;
static struct digest_driver sha, hmac;
static struct process *pa, *pb, *pc;

static int group_setup(void **state)
{
	void *m = mmap((void *)(uintptr_t)USER_BASE, USER_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)state;
	if (m != (void *)(uintptr_t)USER_BASE)
		return -1;
	return mprotect((void *)(uintptr_t)GUARD, 0x1000, PROT_NONE);
}

static void reset_kernel(void)
{
	fake_deferred_call_reset();
	driver_count = 0;
	upcall_count = 0;
	for (unsigned i = 0; i < NPROC; i++) {
		grant_full[i] = false;
		restart(i);
	}
	pa = &procs[0];
	pb = &procs[1];
	pc = &procs[2];
}

/* Both drivers over the software engine, hashing chunk bytes per deferred call. */
static void start_soft(size_t chunk)
{
	reset_kernel();
	soft_digest_init(&soft, chunk);
	digest_engine_init(&engine, &soft.hil);
	sha_driver_init(&sha, &engine);
	hmac_driver_init(&hmac, &engine);
}

static int setup(void **state)
{
	(void)state;
	start_soft(16);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (unsigned i = 0; i < NPROC; i++)
		for (unsigned k = 0; k < DRIVER_MAX; k++) {
			free(procs[i].grants[k]);
			procs[i].grants[k] = NULL;
		}
	return 0;
}

/* ---- helpers ---- */

/* Copies len bytes into p's memory at offset off. Returns: their address. */
static uint32_t put(struct process *p, uint32_t off, const void *data, size_t len)
{
	uint32_t vaddr = USER_BASE + (uint32_t)(p - procs) * PROC_BYTES + off;

	assert_true(off + len <= PROC_BYTES);
	memcpy((void *)(uintptr_t)vaddr, data, len);
	return vaddr;
}

static uint8_t *at(uint32_t vaddr)
{
	return (uint8_t *)(uintptr_t)vaddr;
}

static void allow_ro(struct digest_driver *dd, struct process *p, unsigned n, uint32_t vaddr,
		     uint32_t len)
{
	driver_ro(&dd->driver, p)[n] = (struct allow_slot){vaddr, len};
}

static void allow_rw(struct digest_driver *dd, struct process *p, unsigned n, uint32_t vaddr,
		     uint32_t len)
{
	driver_rw(&dd->driver, p)[n] = (struct allow_slot){vaddr, len};
}

static struct syscall_return cmd(struct digest_driver *dd, struct process *p, uint32_t c,
				 uint32_t arg1)
{
	return dd->driver.command(&dd->driver, p, c, arg1, 0);
}

static void assert_success(struct syscall_return r)
{
	assert_int_equal(r.variant, SYSCALL_SUCCESS);
}

static void assert_failure(struct syscall_return r, enum error_code e)
{
	assert_int_equal(r.variant, SYSCALL_FAILURE);
	assert_int_equal(r.data[0], e);
}

/* Where each process keeps its buffers (offsets into its memory). */
#define OFF_DATA    0x0000u
#define OFF_KEY	    0x1000u
#define OFF_DEST    0x2000u
#define OFF_COMPARE 0x3000u

/* Allows data (and key, for HMAC), a 32-byte destination, and sets SHA-256. */
static uint32_t prepare(struct digest_driver *dd, struct process *p, const void *data, size_t len,
			const void *key, size_t key_len)
{
	uint32_t dest = USER_BASE + (uint32_t)(p - procs) * PROC_BYTES + OFF_DEST;

	allow_ro(dd, p, DIGEST_ALLOW_RO_DATA, put(p, OFF_DATA, data, len), (uint32_t)len);
	if (key)
		allow_ro(dd, p, DIGEST_ALLOW_RO_KEY, put(p, OFF_KEY, key, key_len),
			 (uint32_t)key_len);
	allow_rw(dd, p, DIGEST_ALLOW_RW_DEST, dest, HIL_DIGEST_SHA256_BYTES);
	assert_success(cmd(dd, p, DIGEST_CMD_SET_ALGORITHM, DIGEST_ALGORITHM_SHA256));
	return dest;
}

static unsigned settle(void)
{
	unsigned passes = fake_deferred_call_run(MANY);

	assert_false(deferred_call_pending());
	return passes;
}

static void assert_upcall(unsigned i, uint32_t driver, const struct process *p, uint32_t subscribe,
			  uint32_t a0, uint32_t a1)
{
	assert_true(i < upcall_count);
	assert_int_equal(upcalls[i].driver, driver);
	assert_int_equal(upcalls[i].pid, p->pid);
	assert_int_equal(upcalls[i].subscribe, subscribe);
	assert_int_equal(upcalls[i].args[0], a0);
	assert_int_equal(upcalls[i].args[1], a1);
	assert_int_equal(upcalls[i].args[2], 0);
}

static void fill_pattern(uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 7 + 3);
}

static void assert_hex(const uint8_t *got, const char *hex)
{
	for (size_t i = 0; i < HIL_DIGEST_SHA256_BYTES; i++) {
		unsigned int byte;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &byte), 1);
		assert_int_equal(got[i], byte);
	}
}

#define ABC_SHA256 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define RFC4231_2  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
#define RFC4231_6  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"

/* ---- the interface ---- */

static void test_command_0_with_sha256_succeeds_and_doubles_as_existence_check(void **state)
{
	(void)state;
	assert_success(cmd(&sha, pa, 0, 0));
	assert_success(cmd(&hmac, pa, 0, 0));
	assert_int_equal(sha.driver.number, 0x40005);
	assert_int_equal(hmac.driver.number, 0x40003);
	assert_int_equal(sha.driver.upcalls, 2);
	assert_int_equal(sha.driver.ro_allows, 3);
	assert_int_equal(sha.driver.rw_allows, 3);
}

static void test_algorithms_other_than_sha256_are_nosupport(void **state)
{
	(void)state;
	assert_failure(cmd(&sha, pa, DIGEST_CMD_SET_ALGORITHM, 1), ERROR_NOSUPPORT);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_SET_ALGORITHM, 2), ERROR_NOSUPPORT);
	assert_failure(cmd(&hmac, pa, DIGEST_CMD_SET_ALGORITHM, 2), ERROR_NOSUPPORT);
	assert_failure(cmd(&hmac, pa, DIGEST_CMD_SET_ALGORITHM, 0xffffffffu), ERROR_NOSUPPORT);
}

static void test_unknown_commands_are_nosupport(void **state)
{
	(void)state;
	assert_failure(cmd(&sha, pa, 6, 0), ERROR_NOSUPPORT);
	assert_failure(cmd(&hmac, pa, 0x12345, 0), ERROR_NOSUPPORT);
}

static void test_run_before_set_algorithm_is_inval(void **state)
{
	(void)state;
	allow_rw(&sha, pa, DIGEST_ALLOW_RW_DEST, put(pa, OFF_DEST, "", 0), 32);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_RUN, 0), ERROR_INVAL);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_UPDATE, 0), ERROR_INVAL);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_VERIFY, 0), ERROR_INVAL);
}

static void test_a_full_grant_region_is_nomem(void **state)
{
	(void)state;
	grant_full[0] = true;
	assert_failure(cmd(&sha, pa, DIGEST_CMD_SET_ALGORITHM, 0), ERROR_NOMEM);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_RUN, 0), ERROR_NOMEM);
}

/* ---- digests ---- */

static void test_sha_run_writes_the_digest_and_upcalls_0_never_inside_the_command(void **state)
{
	uint32_t dest;

	(void)state;
	dest = prepare(&sha, pa, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	assert_int_equal(upcall_count, 0);
	settle();
	assert_int_equal(upcall_count, 1);
	assert_upcall(0, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_hex(at(dest), ABC_SHA256);
}

static void test_sha_of_1000_bytes_in_many_pieces_matches_lib_sha256(void **state)
{
	uint8_t data[1000], want[32];
	uint32_t dest;

	(void)state;
	fill_pattern(data, sizeof(data));
	sha256(data, sizeof(data), want);
	dest = prepare(&sha, pa, data, sizeof(data), NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	assert_true(settle() > sizeof(data) / 16); /* the engine went 16 bytes at a time */
	assert_memory_equal(at(dest), want, 32);
}

static void test_sha_of_an_empty_data_allow_is_the_empty_message_digest(void **state)
{
	uint32_t dest;

	(void)state;
	dest = prepare(&sha, pa, "", 0, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_hex(at(dest), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_a_longer_destination_gets_the_digest_in_its_first_32_bytes(void **state)
{
	uint32_t dest;

	(void)state;
	dest = prepare(&sha, pa, "abc", 3, NULL, 0);
	memset(at(dest), 0x77, 40);
	allow_rw(&sha, pa, DIGEST_ALLOW_RW_DEST, dest, 40);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_hex(at(dest), ABC_SHA256);
	assert_int_equal(at(dest)[32], 0x77);
}

static void test_hmac_run_matches_rfc4231_case_2(void **state)
{
	static const char data[] = "what do ya want for nothing?";
	uint32_t dest;

	(void)state;
	dest = prepare(&hmac, pa, data, strlen(data), "Jefe", 4);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_upcall(0, HMAC_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_hex(at(dest), RFC4231_2);
}

static void test_hmac_with_a_131_byte_key_matches_rfc4231_case_6(void **state)
{
	static const char data[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	uint8_t key[131];
	uint32_t dest;

	(void)state;
	memset(key, 0xaa, sizeof(key));
	dest = prepare(&hmac, pa, data, strlen(data), key, sizeof(key));
	assert_success(cmd(&hmac, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_hex(at(dest), RFC4231_6);
}

static void test_hmac_key_longer_than_the_driver_takes_is_size(void **state)
{
	uint8_t key[DIGEST_CHUNK_BYTES + 1];

	(void)state;
	memset(key, 1, sizeof(key));
	prepare(&hmac, pa, "x", 1, key, sizeof(key));
	assert_failure(cmd(&hmac, pa, DIGEST_CMD_RUN, 0), ERROR_SIZE);
	allow_ro(&hmac, pa, DIGEST_ALLOW_RO_KEY, put(pa, OFF_KEY, key, 0), DIGEST_CHUNK_BYTES);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_upcall(0, HMAC_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
}

static void test_hmac_with_no_key_allow_uses_the_empty_key(void **state)
{
	uint8_t want[32];
	uint32_t dest;

	(void)state;
	hmac_sha256("", 0, "abc", 3, want);
	dest = prepare(&hmac, pa, "abc", 3, NULL, 0);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_memory_equal(at(dest), want, 32);
}

static void test_a_destination_shorter_than_32_bytes_is_size_and_nothing_starts(void **state)
{
	uint32_t dest;

	(void)state;
	dest = prepare(&sha, pa, "abc", 3, NULL, 0);
	allow_rw(&sha, pa, DIGEST_ALLOW_RW_DEST, dest, 31);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_RUN, 0), ERROR_SIZE);
	allow_rw(&sha, pa, DIGEST_ALLOW_RW_DEST, 0, 0);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_RUN, 0), ERROR_SIZE);
	settle();
	assert_int_equal(upcall_count, 0);
	/* The engine is free: another process's run goes ahead. */
	dest = prepare(&sha, pb, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	settle();
	assert_upcall(0, SHA_DRIVER, pb, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_hex(at(dest), ABC_SHA256);
}

static void test_a_destination_shrunk_after_the_command_gets_size_in_the_upcall(void **state)
{
	uint32_t dest;

	(void)state;
	dest = prepare(&sha, pa, "abc", 3, NULL, 0);
	memset(at(dest), 0x55, 32);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	allow_rw(&sha, pa, DIGEST_ALLOW_RW_DEST, dest, 8);
	settle();
	assert_upcall(0, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, ERROR_SIZE, 0);
	assert_int_equal(at(dest)[0], 0x55);
}

static void test_data_reallowed_shorter_midway_is_never_read_past(void **state)
{
	uint8_t want[32];
	uint32_t dest;
	struct sha256_ctx ctx;

	(void)state;
	start_soft(4);
	/* 1000 bytes ending at the guard page: reading past the end of any buffer there faults. */
	fill_pattern(at(GUARD - 1000), 1000);
	dest = prepare(&sha, pa, "", 0, NULL, 0);
	allow_ro(&sha, pa, DIGEST_ALLOW_RO_DATA, GUARD - 1000, 1000);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	fake_deferred_call_run(3); /* the first DIGEST_CHUNK_BYTES are copied and being hashed */
	/* Now the last 300 bytes only: the rest comes from there, up to their end and no further.
	 */
	allow_ro(&sha, pa, DIGEST_ALLOW_RO_DATA, GUARD - 300, 300);
	settle();
	assert_upcall(0, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
	sha256_init(&ctx);
	sha256_update(&ctx, at(GUARD - 1000), DIGEST_CHUNK_BYTES);
	sha256_update(&ctx, at(GUARD - 300 + DIGEST_CHUNK_BYTES), 300 - DIGEST_CHUNK_BYTES);
	sha256_final(&ctx, want);
	assert_memory_equal(at(dest), want, 32);
}

/* ---- verify ---- */

static void test_verify_upcalls_1_with_equal_true_for_the_right_digest(void **state)
{
	uint8_t want[32];

	(void)state;
	sha256("abc", 3, want);
	prepare(&sha, pa, "abc", 3, NULL, 0);
	allow_ro(&sha, pa, DIGEST_ALLOW_RO_COMPARE, put(pa, OFF_COMPARE, want, 32), 32);
	assert_success(cmd(&sha, pa, DIGEST_CMD_VERIFY, 0));
	settle();
	assert_upcall(0, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_VERIFY, 0, 1);
}

static void test_verify_upcalls_1_with_equal_false_for_a_wrong_digest(void **state)
{
	uint8_t want[32];

	(void)state;
	hmac_sha256("Jefe", 4, "abc", 3, want);
	want[17] ^= 4;
	prepare(&hmac, pa, "abc", 3, "Jefe", 4);
	allow_ro(&hmac, pa, DIGEST_ALLOW_RO_COMPARE, put(pa, OFF_COMPARE, want, 32), 32);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_VERIFY, 0));
	settle();
	assert_upcall(0, HMAC_DRIVER, pa, DIGEST_SUBSCRIBE_VERIFY, 0, 0);
}

static void test_verify_with_a_compare_shorter_than_32_bytes_is_size(void **state)
{
	(void)state;
	prepare(&sha, pa, "abc", 3, NULL, 0);
	allow_ro(&sha, pa, DIGEST_ALLOW_RO_COMPARE, put(pa, OFF_COMPARE, "", 0), 31);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_VERIFY, 0), ERROR_SIZE);
}

/* ---- update, finish ---- */

static void test_updates_then_finish_equal_one_run_over_all_the_data(void **state)
{
	uint8_t data[300], want[32];
	uint32_t dest;

	(void)state;
	fill_pattern(data, sizeof(data));
	hmac_sha256("key", 3, data, sizeof(data), want);
	dest = prepare(&hmac, pa, data, 100, "key", 3);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	assert_upcall(0, HMAC_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
	/* A new key now must not matter: the message has its key already. */
	allow_ro(&hmac, pa, DIGEST_ALLOW_RO_KEY, put(pa, OFF_KEY, "other", 5), 5);
	allow_ro(&hmac, pa, DIGEST_ALLOW_RO_DATA, put(pa, OFF_DATA, data + 100, 150), 150);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	allow_ro(&hmac, pa, DIGEST_ALLOW_RO_DATA, put(pa, OFF_DATA, data + 250, 50), 50);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_RUN, 0)); /* run goes on with the message */
	settle();
	assert_int_equal(upcall_count, 3);
	assert_upcall(2, HMAC_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_memory_equal(at(dest), want, 32);
}

static void test_finish_writes_the_digest_of_the_updates(void **state)
{
	uint32_t dest;

	(void)state;
	dest = prepare(&sha, pa, "ab", 2, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	allow_ro(&sha, pa, DIGEST_ALLOW_RO_DATA, put(pa, OFF_DATA, "c", 1), 1);
	assert_success(cmd(&sha, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	assert_success(cmd(&sha, pa, DIGEST_CMD_FINISH, 0));
	settle();
	assert_int_equal(upcall_count, 3);
	assert_hex(at(dest), ABC_SHA256);
}

static void test_verify_finish_compares_the_digest_of_the_updates(void **state)
{
	uint8_t want[32];

	(void)state;
	sha256("abc", 3, want);
	prepare(&sha, pa, "abc", 3, NULL, 0);
	allow_ro(&sha, pa, DIGEST_ALLOW_RO_COMPARE, put(pa, OFF_COMPARE, want, 32), 32);
	assert_success(cmd(&sha, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	assert_success(cmd(&sha, pa, DIGEST_CMD_VERIFY_FINISH, 0));
	settle();
	assert_upcall(1, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_VERIFY, 0, 1);
}

static void test_finish_without_update_is_off(void **state)
{
	(void)state;
	prepare(&sha, pa, "abc", 3, NULL, 0);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_FINISH, 0), ERROR_OFF);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_VERIFY_FINISH, 0), ERROR_OFF);
	/* Nor may another process finish the owner's message, nor the other driver. */
	assert_success(cmd(&sha, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	prepare(&sha, pb, "abc", 3, NULL, 0);
	assert_failure(cmd(&sha, pb, DIGEST_CMD_FINISH, 0), ERROR_OFF);
	prepare(&hmac, pa, "abc", 3, NULL, 0);
	assert_failure(cmd(&hmac, pa, DIGEST_CMD_FINISH, 0), ERROR_OFF);
}

static void test_finish_into_a_short_destination_is_size_and_keeps_the_message(void **state)
{
	uint32_t dest;

	(void)state;
	dest = prepare(&sha, pa, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	allow_rw(&sha, pa, DIGEST_ALLOW_RW_DEST, dest, 16);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_FINISH, 0), ERROR_SIZE);
	allow_rw(&sha, pa, DIGEST_ALLOW_RW_DEST, dest, 32);
	assert_success(cmd(&sha, pa, DIGEST_CMD_FINISH, 0));
	settle();
	assert_hex(at(dest), ABC_SHA256);
}

/* ---- one operation at a time ---- */

static void test_a_second_request_is_busy_while_running_and_nomem_while_waiting(void **state)
{
	uint8_t data[500] = {0};

	(void)state;
	prepare(&sha, pa, data, sizeof(data), NULL, 0);
	prepare(&sha, pb, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	fake_deferred_call_run(2); /* A owns the engine now */
	assert_failure(cmd(&sha, pa, DIGEST_CMD_RUN, 0), ERROR_BUSY);
	assert_failure(cmd(&sha, pa, DIGEST_CMD_FINISH, 0), ERROR_BUSY);
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	assert_failure(cmd(&sha, pb, DIGEST_CMD_RUN, 0), ERROR_NOMEM);
	assert_failure(cmd(&sha, pb, DIGEST_CMD_VERIFY, 0), ERROR_NOMEM);
	settle();
	assert_int_equal(upcall_count, 2);
	assert_upcall(0, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_upcall(1, SHA_DRIVER, pb, DIGEST_SUBSCRIBE_HASH, 0, 0);
}

static void test_waiting_processes_are_served_round_robin(void **state)
{
	uint32_t da, db, dc;

	(void)state;
	da = prepare(&sha, pa, "abc", 3, NULL, 0);
	db = prepare(&sha, pb, "abc", 3, NULL, 0);
	dc = prepare(&hmac, pc, "what do ya want for nothing?", 28, "Jefe", 4);
	/* C holds the engine (update); then B, then A, ask. */
	assert_success(cmd(&hmac, pc, DIGEST_CMD_UPDATE, 0));
	settle();
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_int_equal(upcall_count, 1); /* both wait while C holds it */
	assert_success(cmd(&hmac, pc, DIGEST_CMD_FINISH, 0));
	settle();
	/* After C (the last slot) comes A, then B, whatever the order they asked in. */
	assert_int_equal(upcall_count, 4);
	assert_upcall(1, HMAC_DRIVER, pc, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_upcall(2, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_upcall(3, SHA_DRIVER, pb, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_hex(at(da), ABC_SHA256);
	assert_hex(at(db), ABC_SHA256);
	assert_hex(at(dc), RFC4231_2);
}

static void test_a_process_asking_again_at_once_does_not_starve_another(void **state)
{
	uint8_t data[200] = {0};

	(void)state;
	prepare(&sha, pa, data, sizeof(data), NULL, 0);
	prepare(&sha, pb, data, sizeof(data), NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	fake_deferred_call_run(2);
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	/* Each time A's run completes, A asks again at once. */
	for (unsigned round = 0; round < 3; round++) {
		unsigned seen = upcall_count;

		while (upcall_count == seen)
			assert_int_equal(fake_deferred_call_run(1), 1);
		assert_int_equal(upcalls[upcall_count - 1].pid, round % 2 ? pb->pid : pa->pid);
		assert_success(cmd(&sha, round % 2 ? pb : pa, DIGEST_CMD_RUN, 0));
	}
	settle();
}

static void test_sha_and_hmac_share_the_engine_one_message_at_a_time(void **state)
{
	uint32_t da, db;

	(void)state;
	da = prepare(&hmac, pa, "what do ya ", 11, "Jefe", 4);
	db = prepare(&sha, pb, "abc", 3, NULL, 0);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	settle();
	assert_int_equal(upcall_count, 1);
	allow_ro(&hmac, pa, DIGEST_ALLOW_RO_DATA, put(pa, OFF_DATA, "want for nothing?", 17), 17);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_int_equal(upcall_count, 3);
	assert_hex(at(da), RFC4231_2);
	assert_hex(at(db), ABC_SHA256);
}

/* ---- processes that die ---- */

static void test_owner_restarted_midway_gets_nothing_and_the_next_is_served(void **state)
{
	uint8_t data[1000] = {0};
	uint32_t da, db;

	(void)state;
	da = prepare(&sha, pa, data, sizeof(data), NULL, 0);
	db = prepare(&sha, pb, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	fake_deferred_call_run(5);
	restart(0); /* A's memory is zeroed and its grants are gone */
	memset(at(da), 0x11, 32);
	settle();
	assert_int_equal(upcall_count, 1);
	assert_upcall(0, SHA_DRIVER, pb, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_hex(at(db), ABC_SHA256);
	assert_int_equal(at(da)[0], 0x11);
}

static void test_owner_faulted_midway_gets_no_upcall(void **state)
{
	uint8_t data[1000] = {0};

	(void)state;
	prepare(&sha, pa, data, sizeof(data), NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	fake_deferred_call_run(5);
	pa->state = PROCESS_FAULTED;
	settle();
	assert_int_equal(upcall_count, 0);
	/* The engine is free again. */
	prepare(&sha, pb, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	settle();
	assert_upcall(0, SHA_DRIVER, pb, DIGEST_SUBSCRIBE_HASH, 0, 0);
}

static void test_owner_gone_while_holding_after_update_frees_the_engine(void **state)
{
	uint32_t db;

	(void)state;
	prepare(&sha, pa, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_UPDATE, 0));
	settle();
	pa->state = PROCESS_TERMINATED;
	db = prepare(&sha, pb, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	settle();
	assert_int_equal(upcall_count, 2);
	assert_upcall(1, SHA_DRIVER, pb, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_hex(at(db), ABC_SHA256);
}

static void test_a_waiting_process_that_dies_is_skipped(void **state)
{
	uint8_t data[300] = {0};

	(void)state;
	prepare(&sha, pa, data, sizeof(data), NULL, 0);
	prepare(&sha, pb, "abc", 3, NULL, 0);
	prepare(&sha, pc, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	fake_deferred_call_run(2);
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	assert_success(cmd(&sha, pc, DIGEST_CMD_RUN, 0));
	pb->state = PROCESS_STOPPED;
	settle();
	assert_int_equal(upcall_count, 2);
	assert_upcall(0, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_upcall(1, SHA_DRIVER, pc, DIGEST_SUBSCRIBE_HASH, 0, 0);
}

/* ---- over a scripted engine ---- */

struct fake_engine {
	struct hil_digest hil;
	enum error_code refuse; /* what the next call returns */
	unsigned set_mode_calls, add_calls, run_calls, clear_calls;
	const uint8_t *buf; /* the buffer in flight */
	size_t len;
	int in_flight; /* 0 none, 1 set_mode, 2 add_data, 3 run */
};

static struct fake_engine fake;

static enum error_code fake_set_mode(struct hil_digest *e, enum hil_digest_mode mode,
				     const uint8_t *key, size_t key_len)
{
	(void)e;
	(void)mode;
	fake.set_mode_calls++;
	assert_int_equal(fake.in_flight, 0);
	if (fake.refuse)
		return fake.refuse;
	fake.in_flight = 1;
	fake.buf = key;
	fake.len = key_len;
	return ERROR_NONE;
}

static enum error_code fake_add_data(struct hil_digest *e, const uint8_t *buf, size_t len)
{
	(void)e;
	fake.add_calls++;
	assert_int_equal(fake.in_flight, 0);
	fake.in_flight = 2;
	fake.buf = buf;
	fake.len = len;
	return ERROR_NONE;
}

static enum error_code fake_run(struct hil_digest *e, uint8_t *digest, size_t len)
{
	(void)e;
	fake.run_calls++;
	assert_int_equal(fake.in_flight, 0);
	assert_true(len >= 32);
	fake.in_flight = 3;
	fake.buf = digest;
	return ERROR_NONE;
}

static enum error_code fake_verify(struct hil_digest *e, uint8_t *compare, size_t len)
{
	(void)e;
	(void)compare;
	(void)len;
	fail_msg("no verify expected");
	return ERROR_FAIL;
}

static void fake_clear(struct hil_digest *e)
{
	(void)e;
	assert_int_equal(fake.in_flight, 0); /* the drivers only clear an idle engine */
	fake.clear_calls++;
}

static const struct hil_digest_ops fake_ops = {fake_set_mode, fake_add_data, fake_run, fake_verify,
					       fake_clear};

static int setup_fake(void **state)
{
	(void)state;
	reset_kernel();
	memset(&fake, 0, sizeof(fake));
	fake.hil.ops = &fake_ops;
	digest_engine_init(&engine, &fake.hil);
	sha_driver_init(&sha, &engine);
	hmac_driver_init(&hmac, &engine);
	return 0;
}

/* Completes the engine operation in flight with rc, as a driver would from the kernel loop. */
static void fake_complete(enum error_code rc)
{
	struct hil_digest_client *c = fake.hil.client;
	int op = fake.in_flight;

	fake.in_flight = 0;
	if (op == 1)
		c->set_mode_done(c, fake.buf, fake.len, rc);
	else if (op == 2)
		c->add_data_done(c, fake.buf, fake.len, rc);
	else if (op == 3)
		c->hash_done(c, (uint8_t *)fake.buf, rc);
	else
		fail_msg("nothing in flight");
}

static void test_an_engine_refusing_to_start_answers_with_its_error(void **state)
{
	(void)state;
	prepare(&sha, pa, "abc", 3, NULL, 0);
	prepare(&sha, pb, "abc", 3, NULL, 0);
	fake.refuse = ERROR_FAIL;
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	settle();
	/* Each is answered; nobody waits for ever. */
	assert_int_equal(upcall_count, 2);
	assert_upcall(0, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, ERROR_FAIL, 0);
	assert_upcall(1, SHA_DRIVER, pb, DIGEST_SUBSCRIBE_HASH, ERROR_FAIL, 0);
	assert_int_equal(fake.clear_calls, 2);
}

static void test_an_engine_error_midway_answers_and_frees_the_engine(void **state)
{
	uint8_t data[600] = {0};

	(void)state;
	prepare(&sha, pa, data, sizeof(data), NULL, 0);
	prepare(&sha, pb, "abc", 3, NULL, 0);
	assert_success(cmd(&sha, pa, DIGEST_CMD_RUN, 0));
	assert_success(cmd(&sha, pb, DIGEST_CMD_RUN, 0));
	settle();
	fake_complete(ERROR_NONE); /* set_mode */
	assert_int_equal(fake.in_flight, 2);
	assert_int_equal(fake.len, DIGEST_CHUNK_BYTES); /* copied a chunk at a time */
	fake_complete(ERROR_NONE);
	fake_complete(ERROR_NOSUPPORT);
	assert_upcall(0, SHA_DRIVER, pa, DIGEST_SUBSCRIBE_HASH, ERROR_NOSUPPORT, 0);
	assert_int_equal(fake.clear_calls, 1);
	settle();
	assert_int_equal(fake.in_flight, 1); /* B's message begins */
	fake_complete(ERROR_NONE);
	fake_complete(ERROR_NONE); /* "abc" */
	assert_int_equal(fake.in_flight, 3);
	memset((void *)fake.buf, 0xab, 32);
	fake_complete(ERROR_NONE);
	assert_upcall(1, SHA_DRIVER, pb, DIGEST_SUBSCRIBE_HASH, 0, 0);
	assert_int_equal(at(USER_BASE + PROC_BYTES + OFF_DEST)[31], 0xab);
}

static void test_key_buffer_is_wiped_once_the_engine_has_it(void **state)
{
	(void)state;
	prepare(&hmac, pa, "abc", 3, "secretkey", 9);
	assert_success(cmd(&hmac, pa, DIGEST_CMD_RUN, 0));
	settle();
	assert_int_equal(fake.in_flight, 1);
	assert_memory_equal(fake.buf, "secretkey", 9);
	fake_complete(ERROR_NONE);
	for (size_t i = 0; i < sizeof(engine.buf); i++)
		if (i >= 3) /* the first 3 bytes now hold "abc", handed to add_data */
			assert_int_equal(engine.buf[i], 0);
}

int main(void)
{
#define T(f)  cmocka_unit_test_setup_teardown(f, setup, teardown)
#define TF(f) cmocka_unit_test_setup_teardown(f, setup_fake, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_command_0_with_sha256_succeeds_and_doubles_as_existence_check),
	    T(test_algorithms_other_than_sha256_are_nosupport),
	    T(test_unknown_commands_are_nosupport),
	    T(test_run_before_set_algorithm_is_inval),
	    T(test_a_full_grant_region_is_nomem),
	    T(test_sha_run_writes_the_digest_and_upcalls_0_never_inside_the_command),
	    T(test_sha_of_1000_bytes_in_many_pieces_matches_lib_sha256),
	    T(test_sha_of_an_empty_data_allow_is_the_empty_message_digest),
	    T(test_a_longer_destination_gets_the_digest_in_its_first_32_bytes),
	    T(test_hmac_run_matches_rfc4231_case_2),
	    T(test_hmac_with_a_131_byte_key_matches_rfc4231_case_6),
	    T(test_hmac_key_longer_than_the_driver_takes_is_size),
	    T(test_hmac_with_no_key_allow_uses_the_empty_key),
	    T(test_a_destination_shorter_than_32_bytes_is_size_and_nothing_starts),
	    T(test_a_destination_shrunk_after_the_command_gets_size_in_the_upcall),
	    T(test_data_reallowed_shorter_midway_is_never_read_past),
	    T(test_verify_upcalls_1_with_equal_true_for_the_right_digest),
	    T(test_verify_upcalls_1_with_equal_false_for_a_wrong_digest),
	    T(test_verify_with_a_compare_shorter_than_32_bytes_is_size),
	    T(test_updates_then_finish_equal_one_run_over_all_the_data),
	    T(test_finish_writes_the_digest_of_the_updates),
	    T(test_verify_finish_compares_the_digest_of_the_updates),
	    T(test_finish_without_update_is_off),
	    T(test_finish_into_a_short_destination_is_size_and_keeps_the_message),
	    T(test_a_second_request_is_busy_while_running_and_nomem_while_waiting),
	    T(test_waiting_processes_are_served_round_robin),
	    T(test_a_process_asking_again_at_once_does_not_starve_another),
	    T(test_sha_and_hmac_share_the_engine_one_message_at_a_time),
	    T(test_owner_restarted_midway_gets_nothing_and_the_next_is_served),
	    T(test_owner_faulted_midway_gets_no_upcall),
	    T(test_owner_gone_while_holding_after_update_frees_the_engine),
	    T(test_a_waiting_process_that_dies_is_skipped),
	    TF(test_an_engine_refusing_to_start_answers_with_its_error),
	    TF(test_an_engine_error_midway_answers_and_frees_the_engine),
	    TF(test_key_buffer_is_wiped_once_the_engine_has_it),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
