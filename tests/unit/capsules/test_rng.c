/* SPDX-License-Identifier: MIT */
/* The RNG driver (capsules/rng.c) over a fake entropy source, with fake processes, grants and
 * upcalls standing in for the kernel. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/mman.h>

#include "capsules/rng.h"
#include "kernel/process.h"

/* ---- the fake kernel: processes, grants, allow slots, upcalls ---- */

static struct process procs[PROCESS_MAX];
static bool alive[PROCESS_MAX], granted[PROCESS_MAX], grant_full[PROCESS_MAX];
static uint8_t grant_data[PROCESS_MAX][64];
static struct allow_slot rw_slots[PROCESS_MAX][1];
static struct driver *registered;

#define UPCALLS_MAX 16
static struct {
	unsigned slot;
	uint32_t subscribe, args[3];
} upcalls[UPCALLS_MAX];
static unsigned nupcalls;

static unsigned slot_of(const struct process *p)
{
	assert_true(p >= procs && p < procs + PROCESS_MAX);
	return (unsigned)(p - procs);
}

struct process *process_get(unsigned i)
{
	return i < PROCESS_MAX && alive[i] ? &procs[i] : NULL;
}

void *driver_data_peek(struct driver *d, struct process *p)
{
	assert_ptr_equal(d, registered);
	return granted[slot_of(p)] ? grant_data[slot_of(p)] : NULL;
}

void *driver_data(struct driver *d, struct process *p)
{
	assert_ptr_equal(d, registered);
	if (grant_full[slot_of(p)])
		return NULL;
	assert_true(d->data_bytes <= sizeof(grant_data[0]));
	granted[slot_of(p)] = true;
	return grant_data[slot_of(p)];
}

struct allow_slot *driver_rw(struct driver *d, struct process *p)
{
	assert_ptr_equal(d, registered);
	assert_int_equal(d->rw_allows, 1);
	return rw_slots[slot_of(p)];
}

void driver_register(struct driver *d)
{
	registered = d;
}

enum error_code upcall_schedule(struct driver *d, struct process *p, uint32_t subscribe,
				uint32_t a0, uint32_t a1, uint32_t a2)
{
	assert_ptr_equal(d, registered);
	assert_true(nupcalls < UPCALLS_MAX);
	upcalls[nupcalls].slot = slot_of(p);
	upcalls[nupcalls].subscribe = subscribe;
	upcalls[nupcalls].args[0] = a0;
	upcalls[nupcalls].args[1] = a1;
	upcalls[nupcalls].args[2] = a2;
	nupcalls++;
	return ERROR_NONE;
}

/* ---- the fake entropy source ---- */

static struct hil_entropy source;
static unsigned gets;
static uint32_t *get_buf;
static size_t get_words;
static enum error_code get_rc;
static enum hil_entropy_quality source_quality;

static enum error_code fake_get(struct hil_entropy *e, uint32_t *buf, size_t words)
{
	assert_ptr_equal(e, &source);
	gets++;
	get_buf = buf;
	get_words = words;
	return get_rc;
}

static enum error_code fake_cancel(struct hil_entropy *e)
{
	(void)e;
	fail_msg("the driver never cancels");
	return ERROR_FAIL;
}

static enum hil_entropy_quality fake_quality(struct hil_entropy *e)
{
	(void)e;
	return source_quality;
}

static const struct hil_entropy_ops fake_ops = {
    .get = fake_get, .cancel = fake_cancel, .quality = fake_quality};

/* Delivers a batch whose word i is base + i (bytes base+i, 0, 0, 0 on a little-endian host).
 * Returns: what the driver answered (more wanted). */
static bool deliver(uint32_t base, size_t words)
{
	assert_non_null(get_buf);
	assert_true(words <= get_words);
	for (size_t i = 0; i < words; i++)
		get_buf[i] = 0x04030200u + base + (uint32_t)i; /* bytes base+i, 2, 3, 4 */
	return source.client->entropy_available(source.client, get_buf, words, ERROR_NONE);
}

/* ---- process memory at 32-bit addresses, as the driver's allow slots hold ---- */

#define BUF_BYTES 256
static uint8_t *memory; /* one BUF_BYTES buffer per slot */

static uint8_t *buffer(unsigned slot)
{
	return memory + slot * BUF_BYTES;
}

static void allow(unsigned slot, uint32_t len)
{
	rw_slots[slot][0] = (struct allow_slot){(uint32_t)(uintptr_t)buffer(slot), len};
}

static struct rng_driver rd;

static int group_setup(void **state)
{
	(void)state;
	memory = mmap(NULL, PROCESS_MAX * BUF_BYTES, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	return memory == MAP_FAILED || (uintptr_t)memory + PROCESS_MAX * BUF_BYTES > UINT32_MAX;
}

static int setup(void **state)
{
	(void)state;
	memset(procs, 0, sizeof(procs));
	memset(alive, 0, sizeof(alive));
	memset(granted, 0, sizeof(granted));
	memset(grant_full, 0, sizeof(grant_full));
	memset(grant_data, 0, sizeof(grant_data));
	memset(rw_slots, 0, sizeof(rw_slots));
	memset(memory, 0xee, PROCESS_MAX * BUF_BYTES);
	for (unsigned i = 0; i < 3; i++) {
		alive[i] = true;
		procs[i].pid = i + 1;
	}
	nupcalls = gets = 0;
	get_buf = NULL;
	get_rc = ERROR_NONE;
	source_quality = HIL_ENTROPY_TRUE;
	source = (struct hil_entropy){.ops = &fake_ops};
	rng_driver_init(&rd, &source);
	return 0;
}

static struct syscall_return cmd(unsigned slot, uint32_t c, uint32_t arg)
{
	return registered->command(registered, &procs[slot], c, arg, 0);
}

static void assert_upcall(unsigned i, unsigned slot, uint32_t status, uint32_t bytes)
{
	assert_true(i < nupcalls);
	assert_int_equal(upcalls[i].slot, slot);
	assert_int_equal(upcalls[i].subscribe, RNG_SUBSCRIBE_DONE);
	assert_int_equal(upcalls[i].args[0], status);
	assert_int_equal(upcalls[i].args[1], bytes);
	assert_int_equal(upcalls[i].args[2], 0);
}

/* ---- the tests ---- */

static void test_registers_as_0x40001_with_one_upcall_and_one_rw_allow(void **state)
{
	(void)state;
	assert_ptr_equal(registered, &rd.driver);
	assert_int_equal(rd.driver.number, 0x40001);
	assert_int_equal(rd.driver.upcalls, 1);
	assert_int_equal(rd.driver.rw_allows, 1);
	assert_int_equal(rd.driver.ro_allows, 0);
	assert_ptr_equal(source.client, &rd.client);
}

static void test_command_0_succeeds_unknown_commands_are_nosupport(void **state)
{
	(void)state;
	assert_int_equal(cmd(0, 0, 0).variant, SYSCALL_SUCCESS);
	struct syscall_return r = cmd(0, 7, 0);

	assert_int_equal(r.variant, SYSCALL_FAILURE);
	assert_int_equal(r.data[0], ERROR_NOSUPPORT);
	assert_int_equal(gets, 0);
}

static void test_command_2_says_whether_the_source_is_true_entropy(void **state)
{
	struct syscall_return r;

	(void)state;
	r = cmd(0, RNG_CMD_QUALITY, 0);
	assert_int_equal(r.variant, SYSCALL_SUCCESS_U32);
	assert_int_equal(r.data[0], 1);
	source_quality = HIL_ENTROPY_PSEUDO;
	r = cmd(0, RNG_CMD_QUALITY, 0);
	assert_int_equal(r.variant, SYSCALL_SUCCESS_U32);
	assert_int_equal(r.data[0], 0);
}

static void test_fill_without_a_buffer_is_reserve_and_asks_nothing(void **state)
{
	(void)state;
	struct syscall_return r = cmd(0, RNG_CMD_FILL, 16);

	assert_int_equal(r.variant, SYSCALL_FAILURE);
	assert_int_equal(r.data[0], ERROR_RESERVE);
	assert_int_equal(gets, 0);
}

static void test_fill_without_grant_memory_is_nomem(void **state)
{
	(void)state;
	grant_full[0] = true;
	allow(0, 64);
	struct syscall_return r = cmd(0, RNG_CMD_FILL, 16);

	assert_int_equal(r.variant, SYSCALL_FAILURE);
	assert_int_equal(r.data[0], ERROR_NOMEM);
}

static void test_fill_64_bytes_takes_one_batch_and_upcalls_64(void **state)
{
	(void)state;
	allow(0, 64);
	assert_int_equal(cmd(0, RNG_CMD_FILL, 64).variant, SYSCALL_SUCCESS);
	assert_int_equal(gets, 1);
	assert_int_equal(get_words, RNG_BATCH_WORDS);
	assert_int_equal(nupcalls, 0); /* nothing before the source answers */

	assert_false(deliver(0x10, 16));
	assert_int_equal(nupcalls, 1);
	assert_upcall(0, 0, 0, 64);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(buffer(0)[4 * i], 0x10 + i);
		assert_int_equal(buffer(0)[4 * i + 3], 4);
	}
	for (unsigned i = 0; i < RNG_BATCH_WORDS; i++)
		assert_int_equal(get_buf[i], 0); /* the kernel's copy is wiped */
	assert_int_equal(rd.bytes_served, 64);
}

static void test_odd_byte_count_writes_exactly_that_many(void **state)
{
	(void)state;
	allow(0, 64);
	cmd(0, RNG_CMD_FILL, 10);
	assert_false(deliver(0x10, 16));
	assert_upcall(0, 0, 0, 10);
	assert_int_equal(buffer(0)[8], 0x12);
	assert_int_equal(buffer(0)[9], 2);
	assert_int_equal(buffer(0)[10], 0xee); /* untouched */
}

static void test_request_larger_than_the_buffer_is_cut_to_the_buffer(void **state)
{
	(void)state;
	allow(0, 16);
	cmd(0, RNG_CMD_FILL, 100);
	assert_false(deliver(0x10, 16));
	assert_upcall(0, 0, 0, 16);
	assert_int_equal(buffer(0)[16], 0xee);
}

static void test_large_request_spans_batches_and_asks_for_more(void **state)
{
	(void)state;
	allow(0, 256);
	cmd(0, RNG_CMD_FILL, 200);
	assert_true(deliver(0x00, 16));
	assert_true(deliver(0x40, 16));
	assert_true(deliver(0x80, 16));
	assert_int_equal(nupcalls, 0);
	assert_false(deliver(0xc0, 16)); /* 192 + 8 */
	assert_upcall(0, 0, 0, 200);
	assert_int_equal(buffer(0)[64], 0x40);
	assert_int_equal(buffer(0)[196], 0xc1);
	assert_int_equal(buffer(0)[200], 0xee);
	assert_int_equal(gets, 1); /* one request, many batches */
}

static void test_source_may_answer_with_fewer_words_than_asked(void **state)
{
	(void)state;
	allow(0, 64);
	cmd(0, RNG_CMD_FILL, 20);
	assert_true(deliver(0x10, 3));
	assert_false(deliver(0x20, 16));
	assert_upcall(0, 0, 0, 20);
	assert_int_equal(buffer(0)[8], 0x12);
	assert_int_equal(buffer(0)[12], 0x20);
}

static void test_two_processes_are_served_in_turn_and_never_share_a_word(void **state)
{
	(void)state;
	allow(0, 256);
	allow(1, 256);
	cmd(0, RNG_CMD_FILL, 200); /* A: big */
	cmd(1, RNG_CMD_FILL, 8);   /* B: small, asked second */
	assert_int_equal(gets, 1); /* B joins the request in progress */

	assert_true(deliver(0x00, 16)); /* batch 1 is offered to A first: all of it */
	assert_int_equal(nupcalls, 0);
	assert_true(deliver(0x40, 16)); /* batch 2 is offered to B first */
	assert_int_equal(nupcalls, 1);
	assert_upcall(0, 1, 0, 8);
	assert_int_equal(buffer(1)[0], 0x40);
	assert_int_equal(buffer(1)[4], 0x41);
	/* A got the rest of batch 2, starting after B's two words. */
	assert_int_equal(buffer(0)[64], 0x42);
	assert_true(deliver(0x80, 16));
	assert_false(deliver(0xc0, 16));
	assert_upcall(1, 0, 0, 200);
	assert_int_equal(rd.bytes_served, 208);
}

static void test_zero_bytes_upcalls_at_once_without_the_source(void **state)
{
	(void)state;
	allow(0, 64);
	assert_int_equal(cmd(0, RNG_CMD_FILL, 0).variant, SYSCALL_SUCCESS);
	assert_upcall(0, 0, 0, 0);
	assert_int_equal(gets, 0);
}

static void test_source_refusing_fails_the_command(void **state)
{
	(void)state;
	allow(0, 64);
	get_rc = ERROR_FAIL;
	struct syscall_return r = cmd(0, RNG_CMD_FILL, 8);

	assert_int_equal(r.variant, SYSCALL_FAILURE);
	assert_int_equal(r.data[0], ERROR_FAIL);
	get_rc = ERROR_NONE;
	assert_int_equal(cmd(0, RNG_CMD_FILL, 8).variant, SYSCALL_SUCCESS); /* and may retry */
	assert_int_equal(gets, 2);
}

static void test_source_failing_ends_every_request_with_its_error(void **state)
{
	(void)state;
	allow(0, 256);
	allow(2, 256);
	cmd(0, RNG_CMD_FILL, 100);
	cmd(2, RNG_CMD_FILL, 100);
	assert_true(deliver(0x00, 4)); /* A gets 16 bytes first */
	assert_false(source.client->entropy_available(source.client, get_buf, 0, ERROR_FAIL));
	assert_int_equal(nupcalls, 2);
	/* In turn from the process after the one that started the last batch. */
	assert_upcall(0, 2, ERROR_FAIL, 0);
	assert_upcall(1, 0, ERROR_FAIL, 16);
	/* The next command starts the source again. */
	assert_int_equal(cmd(0, RNG_CMD_FILL, 4).variant, SYSCALL_SUCCESS);
	assert_int_equal(gets, 2);
}

static void test_process_gone_meanwhile_takes_nothing(void **state)
{
	(void)state;
	allow(0, 64);
	allow(1, 64);
	cmd(0, RNG_CMD_FILL, 64);
	cmd(1, RNG_CMD_FILL, 4);
	alive[0] = false; /* A restarted: its slot and grant are gone */
	granted[0] = false;
	assert_false(deliver(0x10, 16));
	assert_int_equal(nupcalls, 1);
	assert_upcall(0, 1, 0, 4);
	assert_int_equal(buffer(1)[0], 0x10);
	assert_int_equal(buffer(0)[0], 0xee);
}

static void test_buffer_swapped_for_a_smaller_one_is_never_overrun(void **state)
{
	(void)state;
	allow(0, 256);
	cmd(0, RNG_CMD_FILL, 200);
	assert_true(deliver(0x00, 16)); /* 64 written */
	allow(0, 32);			/* the app allows a smaller buffer meanwhile */
	assert_false(deliver(0x40, 16));
	assert_upcall(0, 0, 0, 32);
	assert_int_equal(buffer(0)[64], 0xee);
}

static void test_new_fill_replaces_a_pending_one(void **state)
{
	(void)state;
	allow(0, 256);
	cmd(0, RNG_CMD_FILL, 200);
	assert_true(deliver(0x00, 16));
	cmd(0, RNG_CMD_FILL, 8); /* starts over: 8 bytes from offset 0 */
	assert_int_equal(gets, 1);
	assert_false(deliver(0x40, 16));
	assert_upcall(0, 0, 0, 8);
	assert_int_equal(buffer(0)[0], 0x40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_registers_as_0x40001_with_one_upcall_and_one_rw_allow,
				   setup),
	    cmocka_unit_test_setup(test_command_0_succeeds_unknown_commands_are_nosupport, setup),
	    cmocka_unit_test_setup(test_command_2_says_whether_the_source_is_true_entropy, setup),
	    cmocka_unit_test_setup(test_fill_without_a_buffer_is_reserve_and_asks_nothing, setup),
	    cmocka_unit_test_setup(test_fill_without_grant_memory_is_nomem, setup),
	    cmocka_unit_test_setup(test_fill_64_bytes_takes_one_batch_and_upcalls_64, setup),
	    cmocka_unit_test_setup(test_odd_byte_count_writes_exactly_that_many, setup),
	    cmocka_unit_test_setup(test_request_larger_than_the_buffer_is_cut_to_the_buffer, setup),
	    cmocka_unit_test_setup(test_large_request_spans_batches_and_asks_for_more, setup),
	    cmocka_unit_test_setup(test_source_may_answer_with_fewer_words_than_asked, setup),
	    cmocka_unit_test_setup(test_two_processes_are_served_in_turn_and_never_share_a_word,
				   setup),
	    cmocka_unit_test_setup(test_zero_bytes_upcalls_at_once_without_the_source, setup),
	    cmocka_unit_test_setup(test_source_refusing_fails_the_command, setup),
	    cmocka_unit_test_setup(test_source_failing_ends_every_request_with_its_error, setup),
	    cmocka_unit_test_setup(test_process_gone_meanwhile_takes_nothing, setup),
	    cmocka_unit_test_setup(test_buffer_swapped_for_a_smaller_one_is_never_overrun, setup),
	    cmocka_unit_test_setup(test_new_fill_replaces_a_pending_one, setup),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
