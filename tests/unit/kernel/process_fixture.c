/* SPDX-License-Identifier: MIT */
/* Host unit tests: the fake SRAM, two processes and a test driver (process_fixture.h). */
#include "tests/unit/kernel/process_fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tests/unit/fake_arch/fake_arch.h"
#include "tests/unit/fake_debug.h"
#include "tests/unit/fake_kernel_loop.h"

struct process *pa, *pb;

static struct syscall_return test_command(struct driver *d, struct process *p, uint32_t cmd,
					  uint32_t arg1, uint32_t arg2)
{
	struct test_driver *t = container_of(d, struct test_driver, driver);

	t->calls++;
	t->p = p;
	t->cmd = cmd;
	t->arg1 = arg1;
	t->arg2 = arg2;
	return t->reply;
}

struct test_driver test_drv = {
    .driver = {.number = TEST_DRIVER_NUM,
	       .upcalls = 2,
	       .ro_allows = 1,
	       .rw_allows = 1,
	       .ur_allows = 1,
	       .data_bytes = TEST_DATA_BYTES,
	       .command = test_command},
};

struct test_driver other_drv = {
    .driver = {.number = OTHER_DRIVER_NUM,
	       .upcalls = 1,
	       .ro_allows = 1,
	       .rw_allows = 1,
	       .ur_allows = 1,
	       .command = test_command},
};

static const char name_a[] = "alpha", name_b[] = "beta";
static const char *const more_names[MORE_APPS] = {"gamma", "delta", "epsilon",
						  "zeta",  "eta",   "theta"};

static struct process_loader_result loaded = {
    .count = 2,
    .apps =
	{
	    {
		.name = name_a,
		.name_len = sizeof(name_a) - 1,
		.flash_start = A_FLASH,
		.tbf_start = A_FLASH,
		.binary_vaddr = A_BINARY,
		.binary_end = A_BIN_END,
		.text_end = A_TEXT_END,
		.entry_vaddr = A_ENTRY,
		.ram_start = A_RAM,
		.ram_end = A_RAM_END,
		.min_ram_bytes = A_MIN_RAM,
		.relocated = true,
	    },
	    {
		.name = name_b,
		.name_len = sizeof(name_b) - 1,
		.flash_start = B_FLASH,
		.tbf_start = B_FLASH,
		.binary_vaddr = B_BINARY,
		.binary_end = B_BIN_END,
		.text_end = B_TEXT_END,
		.entry_vaddr = B_ENTRY,
		.ram_start = B_RAM,
		.ram_end = B_RAM_END,
		.min_ram_bytes = B_MIN_RAM,
		.relocated = true,
	    },
	},
};

/* C..H (slots 2..7): the same shape as A's, with 2 pages of RAM each. */
static void describe_more_apps(void)
{
	for (unsigned i = 0; i < MORE_APPS; i++)
		loaded.apps[2 + i] = (struct app){
		    .name = more_names[i],
		    .name_len = (uint32_t)strlen(more_names[i]),
		    .flash_start = MORE_FLASH(i),
		    .tbf_start = MORE_FLASH(i),
		    .binary_vaddr = MORE_BINARY(i),
		    .binary_end = MORE_FLASH(i) + 0xc00u,
		    .text_end = MORE_RAM(i),
		    .entry_vaddr = MORE_BINARY(i) + 0x40u,
		    .ram_start = MORE_RAM(i),
		    .ram_end = MORE_RAM_END(i),
		    .min_ram_bytes = MORE_MIN_RAM,
		    .relocated = true,
		};
}

uint32_t *word_at(uint32_t vaddr)
{
	return (uint32_t *)(uintptr_t)vaddr;
}

uint8_t *byte_at(uint32_t vaddr)
{
	return (uint8_t *)(uintptr_t)vaddr;
}

void sram_protect(uint32_t vaddr, uint32_t bytes, bool accessible)
{
	assert_int_equal(
	    mprotect(byte_at(vaddr), bytes, accessible ? PROT_READ | PROT_WRITE : PROT_NONE), 0);
}

int fixture_group_setup(void **state)
{
	static bool registered;
	void *m = mmap(byte_at(SRAM_BASE), SRAM_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	void *more = mmap(byte_at(MORE_BASE), MORE_BYTES, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)state;
	if (m != byte_at(SRAM_BASE) || more != byte_at(MORE_BASE)) {
		fprintf(stderr, "cannot map the fake SRAM at 0x%08x and 0x%08x\n", SRAM_BASE,
			MORE_BASE);
		return -1;
	}
	describe_more_apps();
	for (unsigned i = 0; i < MORE_APPS; i++)
		memset(byte_at(MORE_FLASH(i)), 0xc3, PAGE_BYTES);
	/* Code and text are only ever read by the kernel; a recognisable pattern shows copies. */
	memset(byte_at(A_FLASH), 0xc3, A_TEXT_END - A_FLASH);
	memset(byte_at(B_FLASH), 0xc3, B_TEXT_END - B_FLASH);
	sram_protect(GUARD_LOW, PAGE_BYTES, false);
	sram_protect(GUARD_HIGH, PAGE_BYTES, false);
	sram_protect(MORE_GUARD, PAGE_BYTES, false);
	if (!registered) {
		driver_register(&test_drv.driver);
		driver_register(&other_drv.driver);
		registered = true;
	}
	return 0;
}

int fixture_group_teardown(void **state)
{
	(void)state;
	return munmap(byte_at(SRAM_BASE), SRAM_BYTES) | munmap(byte_at(MORE_BASE), MORE_BYTES);
}

void fixture_start_n(unsigned n, enum fault_policy policy, uint32_t restart_limit)
{
	struct process_config config = {.fault_policy = policy, .restart_limit = restart_limit};

	assert_in_range(n, 2, FIXTURE_APPS_MAX);
	/*
	 * Slots keep their state between tests (the module's array is static): clear them all,
	 * after stopping them so that the module no longer has any switched in.
	 */
	for (unsigned i = 0; i < PROCESS_MAX; i++)
		if (process_get(i))
			process_stop(process_get(i));
	for (unsigned i = 0; i < PROCESS_MAX; i++)
		if (process_get(i))
			memset(process_get(i), 0, sizeof(struct process));
	loaded.count = n;
	process_create_all(&loaded, &config);
	pa = process_get(0);
	pb = process_get(1);
	assert_non_null(pa);
	assert_non_null(pb);
	fake_arch_reset();
	fake_debug_reset();
	interrupt_pending_mask = 0;
	deferred_call_scheduled = 0;
	test_drv.calls = other_drv.calls = 0;
	test_drv.p = other_drv.p = NULL;
	test_drv.reply = other_drv.reply = syscall_success();
}

void fixture_start(enum fault_policy policy, uint32_t restart_limit)
{
	fixture_start_n(2, policy, restart_limit);
}

int fixture_setup(void **state)
{
	(void)state;
	fixture_start(FAULT_POLICY_STOP, 0);
	return 0;
}

struct syscall_return fixture_syscall(struct process *p, uint32_t class, uint32_t r0, uint32_t r1,
				      uint32_t r2, uint32_t r3)
{
	uint32_t frame[4] = {r0, r1, r2, r3};

	if (!syscall_dispatch(p, class, frame))
		return syscall_success(); /* nothing written back: yield, exit, a fault */
	return (struct syscall_return){frame[0], {frame[1], frame[2], frame[3]}};
}

bool fixture_pop_upcall(struct process *p, struct upcall *out)
{
	struct upcall_queue *q = p->upcalls;

	if (!q->count)
		return false;
	*out = q->entries[q->head];
	q->head = (q->head + 1) % UPCALL_QUEUE_ENTRIES;
	q->count--;
	return true;
}

void assert_queue(const struct process *p, const struct upcall *expected, unsigned n)
{
	const struct upcall_queue *q = p->upcalls;

	assert_int_equal(q->count, n);
	for (unsigned i = 0; i < n; i++) {
		const struct upcall *u = &q->entries[(q->head + i) % UPCALL_QUEUE_ENTRIES];

		assert_int_equal(u->driver, expected[i].driver);
		assert_int_equal(u->subscribe, expected[i].subscribe);
		assert_int_equal(u->args[0], expected[i].args[0]);
		assert_int_equal(u->args[1], expected[i].args[1]);
		assert_int_equal(u->args[2], expected[i].args[2]);
	}
}
