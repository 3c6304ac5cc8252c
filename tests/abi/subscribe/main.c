/* SPDX-License-Identifier: MIT */
/* Conformance: subscribe (ABI.md "Semantics": first and swapped values, failure returning the
 * values passed, INVAL for upcalls outside executable memory, NODEVICE, NOSUPPORT, dropping
 * queued upcalls) and the null upcall. */
#include "tests/abi/lib/abi.h"

static uint32_t ran_a, ran_b, ran_c, last_data, data_word;
static uint32_t me; /* IPC index: IPC subscribe number `me` gets this process's self-notifies */

static void upcall_a(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	(void)a0, (void)a1, (void)a2;
	ran_a++;
	last_data = (uint32_t)(uintptr_t)data;
}

static void upcall_b(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	(void)a0, (void)a1, (void)a2;
	ran_b++;
	last_data = (uint32_t)(uintptr_t)data;
}

static void upcall_c(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	(void)a0, (void)a1, (void)a2, (void)data;
	ran_c++;
}

static struct syscall_return sub(uint32_t driver, uint32_t num, uint32_t fn, uint32_t data)
{
	return abi_raw(TOCK_CLASS_SUBSCRIBE, driver, num, fn, data);
}

#define FN(f) ((uint32_t)(uintptr_t)(f))

/* Subscribing fn must fail with INVAL and give back (fn, data), leaving upcall_b in place. */
static void invalid_upcall(uint32_t fn, const char *name)
{
	struct syscall_return r = sub(ABI_ALARM, 0, fn, 0x5eed);

	abi_expect_failure_2u32(r, ERROR_INVAL, fn, 0x5eed, name);
}

int main(void)
{
	struct syscall_return first, swapped;
	uint32_t words[6], other, flash_end, grant, brk;
	volatile uint8_t flag;
	uint32_t local;
	bool have_ipc;

	/* The very first subscribe of (alarm, 0), before anything else touches it. */
	first = sub(ABI_ALARM, 0, FN(upcall_a), 0x1234);
	swapped = sub(ABI_ALARM, 0, FN(upcall_b), 0x5678);

	abi_begin(APP_NAME);
	abi_expect_2u32(first, 0, 0, "first subscribe: Success + 2 u32 (0, 0)");
	abi_expect_2u32(swapped, FN(upcall_a), 0x1234,
			"second subscribe: Success + 2 u32, the previous upcall and data");

	/* Upcalls outside executable memory: INVAL, the values passed back, nothing changed. */
	invalid_upcall(FN(&data_word),
		       "upcall in .bss: Failure(INVAL) with the values passed (RAM is not "
		       "executable here; upstream x86 executes and accepts it)");
	invalid_upcall(FN(&local),
		       "upcall on the stack: Failure(INVAL) with the values passed (RAM is "
		       "not executable here; upstream x86 accepts it)");
	brk = abi_break();
	invalid_upcall(brk - 4,
		       "upcall in the heap below the break: Failure(INVAL) with the "
		       "values passed (RAM is not executable here; upstream x86 accepts it)");
	invalid_upcall(brk + 4, "upcall just past the break: Failure(INVAL) with the values "
				"passed");
	grant = abi_memop_u32(TOCK_MEMOP_GRANT_START);
	invalid_upcall(grant, "upcall in the grant region (kernel memory): Failure(INVAL) with "
			      "the values passed");
	invalid_upcall(abi_memop_u32(TOCK_MEMOP_RAM_END),
		       "upcall at RAM end: Failure(INVAL) with the values passed");
	flash_end = abi_memop_u32(TOCK_MEMOP_FLASH_END);
	invalid_upcall(flash_end, "upcall at flash end: Failure(INVAL) with the values passed");
	invalid_upcall(1, "upcall at address 1: Failure(INVAL) with the values passed");
	invalid_upcall(0xfffffffcu, "upcall at 0xfffffffc: Failure(INVAL) with the values passed");
	if (abi_procinfo_pid(APP_NAME, true, &other) && abi_procinfo_memory(other, words))
		invalid_upcall(words[0] + words[1] / 2,
			       "upcall in another process's text: Failure(INVAL) with the values "
			       "passed");
	else
		abi_skip("upcall in another process's text: Failure(INVAL)",
			 "process info command 6 (memory of a process) not available");
	abi_expect_2u32(sub(ABI_ALARM, 0, FN(upcall_a), 0x1111), FN(upcall_b), 0x5678,
			"failed subscribes left the upcall and data as they were");

	/* The null upcall. */
	abi_expect_2u32(sub(ABI_ALARM, 0, 0, 0x2222), FN(upcall_a), 0x1111,
			"subscribe the null upcall: Success + 2 u32, the previous pair");
	abi_expect_2u32(sub(ABI_ALARM, 0, 0, 0), 0, 0x2222,
			"after the null upcall: its data comes back with it");

	/* Missing driver, unsupported numbers. */
	abi_expect_failure_2u32(sub(ABI_MISSING, 0, FN(upcall_a), 7), ERROR_NODEVICE, FN(upcall_a),
				7,
				"subscribe to a missing driver: Failure(NODEVICE) with the values "
				"passed (upstream; TRD104 says the null upcall)");
	abi_expect_failure_2u32(sub(ABI_ALARM, 1, FN(upcall_a), 8), ERROR_NOSUPPORT, FN(upcall_a),
				8,
				"alarm subscribe 1 (unsupported): Failure(NOSUPPORT) with the "
				"values passed (upstream x86; TRD104 INVAL)");
	abi_expect_failure_2u32(sub(ABI_CONSOLE, ABI_BAD_NUMBER, FN(upcall_a), 9), ERROR_NOSUPPORT,
				FN(upcall_a), 9,
				"console subscribe 1000: Failure(NOSUPPORT) with the values passed "
				"(upstream x86; TRD104 INVAL)");
	abi_expect_failure_2u32(sub(ABI_LLD, 0, FN(upcall_a), 10), ERROR_NOSUPPORT, FN(upcall_a),
				10,
				"low-level debug subscribe 0 (it has none): Failure(NOSUPPORT) "
				"(upstream x86; TRD104 INVAL)");
	abi_expect_failure_2u32(sub(ABI_ALARM, 0xffffffffu, 0, 0), ERROR_NOSUPPORT, 0, 0,
				"alarm subscribe 0xffffffff with the null upcall: "
				"Failure(NOSUPPORT) (upstream x86; TRD104 INVAL)");

	/* Queued upcalls (IPC notifies to itself queue at once). */
	have_ipc = abi_ipc_self(APP_NAME, &me);
	if (!have_ipc) {
		abi_skip("queued-upcall cases", "IPC discover of this app's own name failed");
		return abi_done();
	}
	abi_drain();
	sub(ABI_IPC, me, FN(upcall_c), 0xc);
	ran_c = 0;
	abi_ipc_notify_self(me);
	abi_expect_failure_2u32(sub(ABI_IPC, me, FN(&data_word), 0xd), ERROR_INVAL, FN(&data_word),
				0xd, "IPC subscribe with a bad upcall: INVAL");
	flag = 0xaa;
	abi_yield_no_wait_at((uintptr_t)&flag);
	abi_case(ran_c == 1 && flag == 1,
		 "a failed subscribe keeps the upcall queued before it (it still runs)",
		 "ran %u times, flag %u", ran_c, flag);

	ran_c = 0;
	abi_ipc_notify_self(me);
	abi_expect_2u32(sub(ABI_IPC, me, FN(upcall_c), 0xc), FN(upcall_c), 0xc,
			"IPC subscribe again: Success + 2 u32, the same pair");
	flag = 0xaa;
	abi_yield_no_wait_at((uintptr_t)&flag);
	abi_case(ran_c == 0 && flag == 0, "a successful subscribe drops that pair's queued upcalls",
		 "ran %u times, flag %u", ran_c, flag);

	/* Only that pair's: an alarm upcall queued meanwhile survives re-subscribing IPC. */
	sub(ABI_ALARM, 0, FN(upcall_a), 0xa1);
	ran_a = ran_c = 0;
	tock_command(ABI_ALARM, 5, 1, 0);
	abi_spin_ticks(4);
	abi_ipc_notify_self(me);
	sub(ABI_IPC, me, FN(upcall_c), 0xc);
	abi_drain();
	abi_case(ran_a == 1 && ran_c == 0 && last_data == 0xa1,
		 "re-subscribing one pair keeps other pairs' queued upcalls",
		 "alarm upcall ran %u times (data 0x%x), IPC %u times", ran_a, last_data, ran_c);

	/* The null upcall is never invoked. */
	sub(ABI_IPC, me, 0, 0);
	abi_ipc_notify_self(me);
	flag = 0xaa;
	abi_yield_no_wait_at((uintptr_t)&flag);
	abi_case(flag == 0, "an event for the null upcall runs nothing (yield-no-wait flag 0)",
		 "flag %u", flag);
	return abi_done();
}
