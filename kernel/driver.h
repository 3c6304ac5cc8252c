/* SPDX-License-Identifier: MIT */
/* Syscall drivers (capsules): their numbers, per-process grant state, commands and upcalls. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "lib/error.h"

struct process;

/* Return variants (ABI.md, TRD104): the value in r0. */
enum syscall_variant {
	SYSCALL_FAILURE = 0,
	SYSCALL_FAILURE_U32 = 1,
	SYSCALL_FAILURE_2U32 = 2,
	SYSCALL_FAILURE_U64 = 3,
	SYSCALL_SUCCESS = 128,
	SYSCALL_SUCCESS_U32 = 129,
	SYSCALL_SUCCESS_2U32 = 130,
	SYSCALL_SUCCESS_U64 = 131,
	SYSCALL_SUCCESS_3U32 = 132,
	SYSCALL_SUCCESS_U32_U64 = 133,
};

/* What a system call returns: r0 = variant, r1..r3 = data. */
struct syscall_return {
	uint32_t variant;
	uint32_t data[3];
};

static inline struct syscall_return syscall_success(void)
{
	return (struct syscall_return){SYSCALL_SUCCESS, {0, 0, 0}};
}

static inline struct syscall_return syscall_success_u32(uint32_t v)
{
	return (struct syscall_return){SYSCALL_SUCCESS_U32, {v, 0, 0}};
}

static inline struct syscall_return syscall_success_2u32(uint32_t a, uint32_t b)
{
	return (struct syscall_return){SYSCALL_SUCCESS_2U32, {a, b, 0}};
}

static inline struct syscall_return syscall_failure(enum error_code e)
{
	return (struct syscall_return){SYSCALL_FAILURE, {(uint32_t)e, 0, 0}};
}

static inline struct syscall_return syscall_failure_2u32(enum error_code e, uint32_t a, uint32_t b)
{
	return (struct syscall_return){SYSCALL_FAILURE_2U32, {(uint32_t)e, a, b}};
}

/* A buffer the process allowed: checked when allowed, still the process's memory. */
struct allow_slot {
	uint32_t vaddr;
	uint32_t len;
};

struct upcall_slot {
	uint32_t fn; /* 0: none */
	uint32_t appdata;
};

/*
 * A driver. Its per-process state lives in the process's grant region, allocated on first use:
 * upcall slots, allow slots of each kind, then data_bytes of the driver's own (zeroed).
 */
struct driver {
	uint32_t number; /* ABI.md driver number */
	uint16_t upcalls, ro_allows, rw_allows, ur_allows;
	uint32_t data_bytes;
	bool maps_rw_allows; /* its RW allows are mapped into other processes (IPC) */
	/* Command (the driver's own; command 0 should return success). */
	struct syscall_return (*command)(struct driver *d, struct process *p, uint32_t cmd,
					 uint32_t arg1, uint32_t arg2);
	unsigned index; /* assigned by driver_register */
};

/* Makes d reachable from userspace. At most DRIVER_MAX drivers. */
void driver_register(struct driver *d);

/* Returns: the driver with that number, or NULL. */
struct driver *driver_find(uint32_t number);

/* Returns: d's state for p if p ever used d, else NULL (never allocates). */
void *driver_data_peek(struct driver *d, struct process *p);

/* The parts of d's block (in a process's grants): upcall slots, then RO, RW and UR allow
 * slots, then the driver's own data. */
static inline struct allow_slot *driver_block_ro(const struct driver *d, void *block)
{
	return (struct allow_slot *)((struct upcall_slot *)block + d->upcalls);
}

static inline struct allow_slot *driver_block_rw(const struct driver *d, void *block)
{
	return driver_block_ro(d, block) + d->ro_allows;
}

static inline struct allow_slot *driver_block_ur(const struct driver *d, void *block)
{
	return driver_block_rw(d, block) + d->rw_allows;
}

/* Returns: d's state for p, allocating it on first use; NULL if p's grant region is full. */
void *driver_data(struct driver *d, struct process *p);
struct upcall_slot *driver_upcalls(struct driver *d, struct process *p);
struct allow_slot *driver_ro(struct driver *d, struct process *p);
struct allow_slot *driver_rw(struct driver *d, struct process *p);
struct allow_slot *driver_ur(struct driver *d, struct process *p);

/*
 * Queues upcall subscribe of d for p with three arguments (or hands them straight to a
 * matching yield-wait-for). Nothing happens if p has no upcall subscribed there.
 * Returns: NONE; OFF if nothing is subscribed; NOMEM if p's queue is full (counted); INVAL if
 * p is not alive.
 */
enum error_code upcall_schedule(struct driver *d, struct process *p, uint32_t subscribe,
				uint32_t a0, uint32_t a1, uint32_t a2);

/* Drops every queued upcall of (driver, subscribe) for p. */
void upcall_drop(struct process *p, uint32_t driver, uint32_t subscribe);
