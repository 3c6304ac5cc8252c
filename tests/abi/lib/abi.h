/* SPDX-License-Identifier: MIT */
/* The conformance apps' shared part: TAP reporting, return-value checks, fixture helpers. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "apps/runtime/syscall.h"
#include "apps/runtime/tock.h"
#include "lib/compiler.h"

/*
 * Each app prints one TAP line per case, in one console write each so that lines of apps
 * running side by side never mix:
 *
 *   ok 3 - abi_allow: RW allow: first call returns (0, 0)
 *   not ok 4 - abi_allow: RW allow: ... # got Failure(INVAL), want Success + 2 u32 (0x0, 0x0)
 *   ok 5 - abi_allow: UR allow: ... # SKIP no fixture driver has a userspace-readable allow
 *   abi: abi_allow done, 5 cases
 *
 * tests/abi/run.sh attributes the lines by the app name after the dash, and checks that the
 * count in the done line matches the lines it received.
 */

/* Fixture drivers (ABI.md "Standard driver numbers") and a number no kernel has. */
#define ABI_ALARM	  0x0
#define ABI_CONSOLE	  0x1
#define ABI_LLD		  0x8
#define ABI_IPC		  0x10000
#define ABI_PROCINFO	  0x10002
#define ABI_MISSING	  0x0badd00du
#define ABI_BAD_NUMBER	  1000u /* an allow or subscribe number no fixture driver has */
#define ABI_PAGE_BYTES	  4096u
#define ABI_MIN_RAM_BYTES 36u /* ABI.md: the break is at least 9 dwords above RAM start */

/* Starts the app's report; app is APP_NAME. */
void abi_begin(const char *app);

/*
 * One case: "ok N - app: name", or "not ok N - app: name # reason" with the reason formatted
 * from why (only when it failed). Returns: pass.
 */
bool abi_case(bool pass, const char *name, const char *why, ...) PRINTF_LIKE(3, 4);

/* A case that cannot run here: "ok N - app: name # SKIP reason". */
void abi_skip(const char *name, const char *reason);

/* A TAP comment line ("# app: ..."), for what the runner or a reader needs besides cases. */
void abi_note(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Prints "abi: app done, N cases". Returns: 0 (for main). */
int abi_done(void);

/* ---- return values -------------------------------------------------------------------------- */

/* Compares r with variant and its first nvals values; the case's reason shows both. */
bool abi_expect(struct syscall_return r, uint32_t variant, unsigned nvals, uint32_t v0, uint32_t v1,
		uint32_t v2, const char *name);

static inline bool abi_expect_success(struct syscall_return r, const char *name)
{
	return abi_expect(r, TOCK_RETURN_SUCCESS, 0, 0, 0, 0, name);
}

static inline bool abi_expect_u32(struct syscall_return r, uint32_t v, const char *name)
{
	return abi_expect(r, TOCK_RETURN_SUCCESS_U32, 1, v, 0, 0, name);
}

static inline bool abi_expect_2u32(struct syscall_return r, uint32_t v0, uint32_t v1,
				   const char *name)
{
	return abi_expect(r, TOCK_RETURN_SUCCESS_2U32, 2, v0, v1, 0, name);
}

/* Failure: r1 is the error code. */
static inline bool abi_expect_failure(struct syscall_return r, uint32_t error, const char *name)
{
	return abi_expect(r, TOCK_RETURN_FAILURE, 1, error, 0, 0, name);
}

/* Failure + 2 u32: the error code and the two values passed (subscribe and allows). */
static inline bool abi_expect_failure_2u32(struct syscall_return r, uint32_t error, uint32_t v0,
					   uint32_t v1, const char *name)
{
	return abi_expect(r, TOCK_RETURN_FAILURE_2U32, 3, error, v0, v1, name);
}

/* "Success + 2 u32 (0x1, 0x2)", "Failure(INVAL)" ... into buf. */
void abi_describe(struct syscall_return r, char *buf, unsigned size);

/* ---- raw calls and fixtures --------------------------------------------------------------------
 */

/* Any class with all four words, results as they came back. */
static inline struct syscall_return abi_raw(uint32_t class, uint32_t r0, uint32_t r1, uint32_t r2,
					    uint32_t r3)
{
	struct tock_syscall_regs regs = tock_syscall4(class, r0, r1, r2, r3);

	return (struct syscall_return){regs.r0, {regs.r1, regs.r2, regs.r3}};
}

/*
 * Yield-no-wait with the flag at flag_vaddr (any address, 0 and unwritable ones included).
 * The flag is not read here: callers look at it themselves.
 */
static inline void abi_yield_no_wait_at(uintptr_t flag_vaddr)
{
	tock_syscall2(TOCK_CLASS_YIELD, TOCK_YIELD_NO_WAIT, (uint32_t)flag_vaddr);
}

/* Runs queued upcalls until none is left. Returns: how many ran. */
unsigned abi_drain(void);

/* The alarm counter now (0 without an alarm). */
uint32_t abi_now(void);

/* Busy-waits until the alarm counter has moved by ticks (gives the kernel's bottom halves time). */
void abi_spin_ticks(uint32_t ticks);

/* Memop values: Success + u32 expected, 0 otherwise. */
uint32_t abi_memop_u32(uint32_t op);

/* The current app break (sbrk 0). */
static inline uint32_t abi_break(void)
{
	struct syscall_return r = tock_memop(TOCK_MEMOP_SBRK, 0);

	return r.variant == TOCK_RETURN_SUCCESS_U32 ? r.data[0] : 0;
}

/*
 * This process's IPC index (IPC discover with its own package name), for self-notify: IPC
 * command 2 to one's own index queues an upcall on subscribe number index at once.
 * Returns: true with the index.
 */
bool abi_ipc_self(const char *app, uint32_t *index);

/* Queues one IPC upcall on this process (its subscribe number index must be subscribed). */
static inline struct syscall_return abi_ipc_notify_self(uint32_t index)
{
	return tock_command(ABI_IPC, 2, index, 0);
}

/*
 * Process info (0x10002): this process's pid, or another process's pid when other is true
 * (the first one that is not this process). Returns: true with the pid.
 */
bool abi_procinfo_pid(const char *app, bool other, uint32_t *pid);

/* Process info command 6 (this kernel's): memory of pid as six words. Returns: true if given. */
bool abi_procinfo_memory(uint32_t pid, uint32_t words[6]);

/* Process info command 5: (timeslice expirations, syscalls, restarts, state). */
bool abi_procinfo_stats(uint32_t pid, uint32_t words[4]);

/*
 * For the abi_bad* apps: makes one raw call (class, r0) that must fault the process, after a
 * note saying what it is about to do. Returning is the failure: it is reported with what came
 * back. The runner checks the kernel's fault report. Returns: 0 (for main), if at all.
 */
int abi_expect_fault(const char *app, const char *what, uint32_t class, uint32_t r0);
