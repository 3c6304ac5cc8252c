/* SPDX-License-Identifier: MIT */
/* Typed wrappers for every Tock syscall class, and converters for their return variants. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/compiler.h"
#include "lib/error.h"
#include "apps/runtime/syscall.h"

/*
 * An upcall: a cdecl function the kernel calls on the app's stack while the app is in a yield
 * (never at any other time). The first three arguments are the driver's; data is what the app
 * passed to tock_subscribe().
 */
typedef void tock_upcall_fn(uint32_t arg0, uint32_t arg1, uint32_t arg2, void *data);

/* What a syscall other than yield and exit returns: a variant (TOCK_RETURN_*) and its values. */
struct syscall_return {
	uint32_t variant;
	uint32_t data[3];
};

/* The three driver values of an upcall, as yield-wait-for hands them back. */
struct tock_upcall_args {
	uint32_t arg[3];
};

/*
 * The arguments the kernel started the process with (ABI.md "Process entry"), saved by crt0
 * before main runs.
 */
struct tock_start_info {
	uintptr_t binary_start;	 /* the app's binary in memory (its first byte, relocated) */
	uintptr_t ram_start;	 /* the app's RAM: the bottom of its stack */
	uint32_t ram_bytes;	 /* RAM given to the process, grant region included */
	uintptr_t initial_break; /* the app break the kernel started it with */
};
extern struct tock_start_info tock_start_info;

/* The app's: crt0 calls it once the stack, .data and .bss are ready, and exits with its value. */
int main(void);

/* ---- yield --------------------------------------------------------------------------------- */

/* Sleeps until the kernel has run one upcall. */
void tock_yield_wait(void);

/* Runs one pending upcall if there is one. Returns: true if an upcall ran. */
bool tock_yield_no_wait(void);

/*
 * Sleeps until the driver schedules upcall subscribe_num and hands back its three arguments
 * instead of running the upcall function; other upcalls stay queued, in order.
 */
struct tock_upcall_args tock_yield_wait_for(uint32_t driver, uint32_t subscribe_num);

/* ---- subscribe, command, allow --------------------------------------------------------------- */

/*
 * Sets the upcall for (driver, subscribe_num); NULL unsubscribes. A successful subscribe drops
 * upcalls already queued for that pair. Success + 2 u32: the previous upcall and data.
 */
struct syscall_return tock_subscribe(uint32_t driver, uint32_t subscribe_num,
				     tock_upcall_fn *upcall, void *data);

/* Command 0 of any driver answers Success if the driver exists. */
struct syscall_return tock_command(uint32_t driver, uint32_t command_num, uint32_t arg1,
				   uint32_t arg2);

/*
 * Shares buf with the driver until the next allow of the same number (buf NULL, len 0 takes it
 * back). Success + 2 u32: the previously allowed pointer and length.
 */
struct syscall_return tock_allow_rw(uint32_t driver, uint32_t allow_num, void *buf, size_t len);
struct syscall_return tock_allow_ro(uint32_t driver, uint32_t allow_num, const void *buf,
				    size_t len);
struct syscall_return tock_allow_userspace_readable(uint32_t driver, uint32_t allow_num, void *buf,
						    size_t len);

/* ---- memop and exit -------------------------------------------------------------------------- */

/* A memory operation (TOCK_MEMOP_*); see ABI.md for each one's return variant. */
struct syscall_return tock_memop(uint32_t op, uint32_t arg);

/*
 * Moves the app break (the end of the memory the app may use) to brk.
 * Returns: ERROR_NONE, or ERROR_NOMEM if brk is outside the app's RAM or below an allowed buffer.
 */
enum error_code tock_brk(void *brk);

/*
 * Moves the app break by increment bytes, and sets *old_brk to where it was.
 * Returns: ERROR_NONE, or ERROR_NOMEM.
 */
enum error_code tock_sbrk(int32_t increment, void **old_brk);

/* Ends the process with a completion code (0 success; TRD106); the kernel does not restart it. */
NORETURN void tock_exit_terminate(uint32_t completion_code);

/* Ends the process and asks the kernel to start it again (with a new process id). */
NORETURN void tock_exit_restart(uint32_t completion_code);

/* ---- return variants ------------------------------------------------------------------------- */

static inline bool tock_return_is_success(struct syscall_return r)
{
	return r.variant >= TOCK_RETURN_SUCCESS && r.variant <= TOCK_RETURN_SUCCESS_U32_U64;
}

static inline bool tock_return_is_failure(struct syscall_return r)
{
	return r.variant <= TOCK_RETURN_FAILURE_U64;
}

/*
 * Returns: ERROR_NONE for a success of any shape (values ignored); the error code of a failure;
 * ERROR_FAIL for a failure whose code is not a Tock error code and for a variant that is
 * neither, so a malformed return never reads as success.
 */
static inline enum error_code tock_return_error(struct syscall_return r)
{
	if (tock_return_is_success(r))
		return ERROR_NONE;
	if (tock_return_is_failure(r) && r.data[0] >= ERROR_FAIL && r.data[0] <= ERROR_NOACK)
		return (enum error_code)r.data[0];
	return ERROR_FAIL;
}

/*
 * The value converters: each expects one success variant and leaves its outputs alone on error.
 * Returns: ERROR_NONE with the values; a failure's error code (as tock_return_error()); or
 * ERROR_FAIL for a success of another shape (the driver answered something the caller did not
 * ask for).
 */
static inline enum error_code tock_return_u32(struct syscall_return r, uint32_t *value)
{
	if (!tock_return_is_success(r))
		return tock_return_error(r);
	if (r.variant != TOCK_RETURN_SUCCESS_U32)
		return ERROR_FAIL;
	*value = r.data[0];
	return ERROR_NONE;
}

static inline enum error_code tock_return_2u32(struct syscall_return r, uint32_t *value0,
					       uint32_t *value1)
{
	if (!tock_return_is_success(r))
		return tock_return_error(r);
	if (r.variant != TOCK_RETURN_SUCCESS_2U32)
		return ERROR_FAIL;
	*value0 = r.data[0];
	*value1 = r.data[1];
	return ERROR_NONE;
}

/* Success + u64: low word in data[0], high word in data[1]. */
static inline enum error_code tock_return_u64(struct syscall_return r, uint64_t *value)
{
	if (!tock_return_is_success(r))
		return tock_return_error(r);
	if (r.variant != TOCK_RETURN_SUCCESS_U64)
		return ERROR_FAIL;
	*value = (uint64_t)r.data[1] << 32 | r.data[0];
	return ERROR_NONE;
}
