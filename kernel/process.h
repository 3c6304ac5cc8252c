/* SPDX-License-Identifier: MIT */
/* Processes: their memory, states, grants and upcall queues, and the scheduler's view. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch_context.h>

#include "kernel/arch.h"
#include "kernel/process_loader.h"
#include "lib/error.h"

#define PROCESS_MAX	     PROCESS_LOADER_MAX_APPS
#define DRIVER_MAX	     16 /* drivers that keep per-process state in grants */
#define UPCALL_QUEUE_ENTRIES 10

enum process_state {
	PROCESS_RUNNING,     /* runnable (or running) */
	PROCESS_YIELDED,     /* waiting for any upcall */
	PROCESS_YIELDED_FOR, /* waiting for one (driver, subscribe number) */
	PROCESS_STOPPED,     /* stopped by the operator or the fault policy; may be started */
	PROCESS_FAULTED,     /* faulted and not restarted */
	PROCESS_TERMINATED,  /* exited */
};

/* What the platform wants done when a process faults. */
enum fault_policy {
	FAULT_POLICY_STOP,	   /* leave it faulted */
	FAULT_POLICY_RESTART,	   /* always restart */
	FAULT_POLICY_RESTART_UPTO, /* restart up to restart_limit times, then leave it faulted */
};

struct upcall {
	uint32_t driver, subscribe;
	uint32_t args[3];
};

/* Per-process queue of upcalls waiting for a yield, kept in the process's grant region. */
struct upcall_queue {
	uint32_t head, count;
	uint32_t dropped; /* upcalls lost because the queue was full */
	struct upcall entries[UPCALL_QUEUE_ENTRIES];
};

/* The entry n places after the queue's first slot (n < 2 * UPCALL_QUEUE_ENTRIES): no division. */
static inline uint32_t upcall_queue_index(uint32_t n)
{
	return n < UPCALL_QUEUE_ENTRIES ? n : n - UPCALL_QUEUE_ENTRIES;
}

/* An unchecked (address, length) from userspace; see process_user_*(). */
struct user_buf {
	uint32_t vaddr;
	uint32_t len;
};

/*
 * The fields the kernel reads most (up to the counters) come first, within 128 bytes of the
 * start, where x86 code reaches them with a one-byte displacement; the arch's context, mostly
 * registers the CPU and the trap entry move as a block, comes last.
 */
struct process {
	enum process_state state;
	enum process_state stopped_state; /* what PROCESS_STOPPED resumes to */
	uint32_t pid;			  /* new on every (re)start; 0 = slot unused */
	const struct app *app;		  /* where the loader put it */
	uint32_t app_break;		  /* [ram_start, app_break) is the app's */
	uint32_t grant_break;		  /* [grant_break, ram_end) is the kernel's */
	struct arch_mpu mpu;		  /* what it may touch, page granular */
	bool mpu_stale;	   /* what others share with it changed since its protection was built */
	uint32_t restarts; /* times restarted (by policy, exit-restart or operator) */
	uint32_t yield_driver, yield_subscribe; /* for PROCESS_YIELDED_FOR */
	struct upcall_queue *upcalls;		/* in the grant region */
	uint32_t syscalls;			/* system calls made (process info) */
	uint32_t timeslice_expirations;		/* times preempted at the end of a slice */
	void *grants[DRIVER_MAX];		/* per-driver blocks in the grant region */
	uint32_t stack_hint, heap_hint;		/* memop 10 and 11 */
	int32_t exit_code;
	char fault[96];		 /* summary of the last fault, "" if none */
	struct arch_context ctx; /* user registers (a trap from ring 3 writes tf here) */
};

/* ---- set-up (platform) ---- */

struct process_config {
	enum fault_policy fault_policy;
	uint32_t restart_limit; /* for FAULT_POLICY_RESTART_UPTO */
};

/* Creates and starts one process per loaded app. */
void process_create_all(const struct process_loader_result *loaded,
			const struct process_config *config);

/* ---- lifecycle ---- */

/* Returns: process slot i (0 .. PROCESS_MAX - 1), or NULL if unused. */
struct process *process_get(unsigned i);
struct process *process_by_pid(uint32_t pid);
/* Returns: whether p can still run (running, yielded, or paused by the operator). */
bool process_alive(const struct process *p);
/* Returns: p's slot index, stable across restarts (IPC and low-level debug name apps by it). */
unsigned process_index(const struct process *p);
const char *process_state_name(enum process_state state);

/* Reports the fault on the console and applies the fault policy. Never panics the kernel. */
void process_fault(struct process *p, const char *why);

/* Restarts p with a new pid: grants freed, RAM zeroed, registers fresh. */
void process_restart(struct process *p);

/* Stops p for good (exit-terminate): keeps its pid until restarted by the operator. */
void process_terminate(struct process *p, int32_t code);

/* Operator stop (pause, keeping everything) and start (resume a stopped process; restart a
 * faulted or exited one). */
void process_stop(struct process *p);
void process_start(struct process *p);

/* ---- memory ---- */

/* Is [vaddr, vaddr + len) inside [start, end), without wrapping? */
static inline bool process_range_inside(uint32_t vaddr, uint32_t len, uint32_t start, uint32_t end)
{
	return vaddr >= start && vaddr <= end && len <= end - vaddr;
}

/* Is [vaddr, vaddr + len) inside memory the process may write (RAM below its break)? Inline:
 * every system call asks it of its stack pointer. */
static inline bool process_user_writable(const struct process *p, uint32_t vaddr, uint32_t len)
{
	return process_range_inside(vaddr, len, p->app->ram_start, p->app_break);
}
/* ... that it may read (its RAM below the break, or its text)? */
bool process_user_readable(const struct process *p, uint32_t vaddr, uint32_t len);
/* ... that it may execute (its binary)? */
bool process_user_executable(const struct process *p, uint32_t vaddr);

/* Moves the app break. Returns: NONE; NOMEM past the grants, below the ABI's minimum frame
 * above RAM start, or below the end of a buffer still allowed to a driver. */
enum error_code process_set_break(struct process *p, uint32_t new_break);

/* What one process shares with another may have changed (an IPC allow): every process's
 * protection is rebuilt before it next runs. */
void process_shares_changed(void);

/* Returns: the bytes of p's RAM its grants use (its protection table not counted). */
static inline uint32_t process_grant_bytes(const struct process *p)
{
	return p->app->ram_end - ARCH_MPU_TABLE_BYTES - p->grant_break;
}

/* Takes bytes (rounded to 4) from the top of the grant region, zeroed.
 * Returns: the block, or NULL (NOMEM for the app) when it would meet the app's break. */
void *process_grant_alloc(struct process *p, uint32_t bytes);

/* ---- scheduling (kernel loop) ---- */

/* Runs p until it blocks, faults, or an interrupt needs the kernel. */
void process_run(struct process *p);

/* Returns: the process to run next (round robin with a timeslice), or NULL if none can run. */
struct process *sched_next(void);

/* The clock and timeslice the scheduler preempts with; set by the platform. */
struct hil_alarm;
void sched_set_clock(struct hil_alarm *clock, uint32_t timeslice_ticks);
