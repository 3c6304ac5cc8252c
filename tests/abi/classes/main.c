/* SPDX-License-Identifier: MIT */
/* Conformance: command (exists, NODEVICE, NOSUPPORT), the return variants and error codes the
 * fixture drivers can produce, and exit's unknown variants (ABI.md "Classes", "Return
 * variants", "Semantics"). */
#include "tests/abi/lib/abi.h"

static char text[] = "abi_classes: console fixture\n";
static char reply[8];

static void exists(uint32_t driver, const char *name)
{
	abi_expect_success(tock_command(driver, 0, 0, 0), name);
}

/* Console write with the fixture text, collecting the completion with yield-wait-for. */
static struct tock_upcall_args console_write_raw(uint32_t len, struct syscall_return *r)
{
	static struct tock_upcall_args none;

	*r = tock_command(ABI_CONSOLE, 1, len, 0);
	if (r->variant != TOCK_RETURN_SUCCESS)
		return none;
	return tock_yield_wait_for(ABI_CONSOLE, 1);
}

static void noop_upcall(uint32_t a0, uint32_t a1, uint32_t a2, void *data)
{
	(void)a0, (void)a1, (void)a2, (void)data;
}

int main(void)
{
	struct syscall_return r, r2;
	struct tock_upcall_args done;
	uint32_t hz, t0, t1;

	abi_begin(APP_NAME);

	/* Command 0: exists. */
	exists(ABI_ALARM, "command 0 (exists) on the alarm (0x0): Success");
	exists(ABI_CONSOLE, "command 0 (exists) on the console (0x1): Success");
	exists(ABI_LLD, "command 0 (exists) on low-level debug (0x8): Success");
	exists(ABI_IPC, "command 0 (exists) on IPC (0x10000): Success");
	exists(ABI_PROCINFO, "command 0 (exists) on process info (0x10002): Success");
	abi_expect_failure(tock_command(ABI_MISSING, 0, 0, 0), ERROR_NODEVICE,
			   "command 0 on a missing driver: Failure(NODEVICE)");
	abi_expect_failure(tock_command(ABI_MISSING, 7, 1, 2), ERROR_NODEVICE,
			   "command 7 on a missing driver: Failure(NODEVICE)");
	abi_expect_failure(tock_command(0xffffffffu, 0, 0, 0), ERROR_NODEVICE,
			   "command 0 on driver 0xffffffff: Failure(NODEVICE)");
	abi_expect_failure(tock_command(ABI_ALARM, 99, 0, 0), ERROR_NOSUPPORT,
			   "alarm command 99 (unknown): Failure(NOSUPPORT)");
	abi_expect_failure(tock_command(ABI_LLD, 0xffffffffu, 0, 0), ERROR_NOSUPPORT,
			   "low-level debug command 0xffffffff (unknown): Failure(NOSUPPORT)");

	/* Success + u32: the alarm's frequency and counter. */
	r = tock_command(ABI_ALARM, 1, 0, 0);
	hz = r.data[0];
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32 && hz != 0,
		 "alarm command 1 (frequency): Success + u32, not 0", "variant %u value %u",
		 r.variant, hz);
	r = tock_command(ABI_ALARM, 2, 0, 0);
	t0 = r.data[0];
	abi_spin_ticks(2);
	r2 = tock_command(ABI_ALARM, 2, 0, 0);
	t1 = r2.data[0];
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32 && r2.variant == TOCK_RETURN_SUCCESS_U32 &&
		     t1 - t0 >= 2 && t1 - t0 < 0x80000000u,
		 "alarm command 2 (now): Success + u32, counting up", "variants %u, %u: %u then %u",
		 r.variant, r2.variant, t0, t1);
	r = tock_command(ABI_ALARM, 5, hz, 0);
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32,
		 "alarm command 5 (set relative): Success + u32 (the expiration)", "variant %u",
		 r.variant);
	abi_expect_success(tock_command(ABI_ALARM, 3, 0, 0),
			   "alarm command 3 (stop) while armed: Success");
	/* Both command arguments arrive: set absolute (reference, dt) answers reference + dt. */
	abi_expect_u32(tock_command(ABI_ALARM, 6, t1, 0x12345), t1 + 0x12345,
		       "command arguments 1 and 2 reach the driver (alarm set absolute (reference, "
		       "dt) answers reference + dt)");
	tock_command(ABI_ALARM, 3, 0, 0);
	abi_expect_failure(tock_command(ABI_ALARM, 3, 0, 0), ERROR_ALREADY,
			   "alarm command 3 (stop) while idle: Failure(ALREADY)");

	/* Low-level debug: Success for each command (the kernel prints the values). */
	abi_expect_success(tock_command(ABI_LLD, 1, 0xab1, 0),
			   "low-level debug command 1 (alert code): Success");
	abi_expect_success(tock_command(ABI_LLD, 2, 0xab12, 0),
			   "low-level debug command 2 (print one number): Success");
	abi_expect_success(tock_command(ABI_LLD, 3, 0xab31, 0xab32),
			   "low-level debug command 3 (print two numbers): Success");

	/* The console's error codes: RESERVE without an allow, a write, SIZE, OFF. */
	tock_subscribe(ABI_CONSOLE, 1, noop_upcall, NULL);
	abi_expect_failure(tock_command(ABI_CONSOLE, 1, 4, 0), ERROR_RESERVE,
			   "console write without an allowed buffer: Failure(RESERVE)");
	tock_allow_ro(ABI_CONSOLE, 1, text, sizeof(text) - 1);
	done = console_write_raw(sizeof(text) - 1, &r);
	tock_allow_ro(ABI_CONSOLE, 1, NULL, 0);
	abi_case(r.variant == TOCK_RETURN_SUCCESS && done.arg[0] == sizeof(text) - 1,
		 "console write: Success, then upcall 1 with the bytes written",
		 "variant %u, upcall (%u, %u, %u)", r.variant, done.arg[0], done.arg[1],
		 done.arg[2]);
	tock_allow_rw(ABI_CONSOLE, 1, reply, sizeof(reply));
	abi_expect_failure(tock_command(ABI_CONSOLE, 2, 0, 0), ERROR_SIZE,
			   "console read of 0 bytes: Failure(SIZE)");
	/* A read nobody types for: a second one is BUSY, abort completes it with CANCEL. */
	tock_subscribe(ABI_CONSOLE, 2, noop_upcall, NULL);
	r = tock_command(ABI_CONSOLE, 2, sizeof(reply), 0);
	r2 = tock_command(ABI_CONSOLE, 2, sizeof(reply), 0);
	abi_expect_success(r, "console read: Success");
	abi_expect_failure(r2, ERROR_BUSY, "console read while one is going: Failure(BUSY)");
	abi_expect_success(tock_command(ABI_CONSOLE, 3, 0, 0),
			   "console abort of the read: Success");
	done = tock_yield_wait_for(ABI_CONSOLE, 2);
	abi_case(done.arg[0] == ERROR_CANCEL,
		 "the aborted read's upcall 2 carries CANCEL (an error code in an upcall)",
		 "upcall (%u, %u, %u)", done.arg[0], done.arg[1], done.arg[2]);
	tock_allow_rw(ABI_CONSOLE, 1, NULL, 0);
	abi_expect_failure(tock_command(ABI_CONSOLE, 3, 0, 0), ERROR_OFF,
			   "console abort with no read going: Failure(OFF)");

	/* Process info: Success + u32 counts. */
	r = tock_command(ABI_PROCINFO, 1, 0, 0);
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32 && r.data[0] >= 1,
		 "process info command 1 (count): Success + u32, at least 1", "variant %u value %u",
		 r.variant, r.data[0]);

	/* Exit with a variant other than 0 and 1 returns. */
	abi_expect_failure(abi_raw(TOCK_CLASS_EXIT, 2, 5, 0, 0), ERROR_NOSUPPORT,
			   "exit variant 2: returns Failure(NOSUPPORT)");
	abi_expect_failure(abi_raw(TOCK_CLASS_EXIT, 0xffffffffu, 5, 0, 0), ERROR_NOSUPPORT,
			   "exit variant 0xffffffff: returns Failure(NOSUPPORT)");

	/* Variants no fixture driver returns: recorded, so the gap is visible. */
	abi_skip("return variant Failure + u32 (1)", "no fixture driver returns it");
	abi_skip("return variant Failure + u64 (3)", "no fixture driver returns it");
	abi_skip("return variant Success + u64 (131)", "no fixture driver returns it");
	abi_skip("return variant Success + 3 u32 (132)", "no fixture driver returns it");
	abi_skip("return variant Success + u32 + u64 (133)", "no fixture driver returns it");
	abi_skip("error code UNINSTALLED (12)", "no fixture driver returns it");
	abi_skip("error code NOACK (13)", "no fixture driver returns it");
	return abi_done();
}
