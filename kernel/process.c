/* SPDX-License-Identifier: MIT */
/* Processes: creation, lifecycle and fault policy, memory and grants, upcalls, scheduling. */
#include "kernel/process.h"

#include "kernel/debug.h"
#include "kernel/deferred_call.h"
#include "kernel/driver.h"
#include "kernel/hil/time.h"
#include "kernel/interrupt.h"
#include "kernel/ipc.h"
#include "kernel/kernel.h"
#include "kernel/panic.h"
#include "kernel/syscall.h"
#include "lib/compiler.h"
#include "lib/fmt.h"
#include "lib/string.h"

#define PAGE PROCESS_PAGE_BYTES

static struct process processes[PROCESS_MAX];
static struct process *processes_end = processes; /* slots in use: [processes, processes_end) */
uint64_t kernel_first_app_cycles;
static struct process_config policy;
static uint32_t next_pid = 1;

static struct driver *drivers[DRIVER_MAX];
static unsigned driver_count;

/* The process whose protection is in force (switched lazily: the kernel needs none). */
static struct process *mpu_owner;

/* ---- memory ---- */

bool process_user_readable(const struct process *p, uint32_t vaddr, uint32_t len)
{
	return process_user_writable(p, vaddr, len) ||
	       process_range_inside(vaddr, len, p->app->flash_start, p->app->text_end);
}

bool process_user_executable(const struct process *p, uint32_t vaddr)
{
	return vaddr >= p->app->binary_vaddr && vaddr < p->app->binary_end;
}

/* The protection's own memory: the top of p's RAM, above the grants. */
static void *mpu_table(const struct process *p)
{
	return (void *)(uintptr_t)(p->app->ram_end - ARCH_MPU_TABLE_BYTES);
}

/* Recomputes what p may touch and rebuilds its protection, in force at once if p's is. */
static COLD void update_mpu(struct process *p)
{
	p->mpu = (struct arch_mpu){
	    .text_start = p->app->flash_start,
	    .text_end = p->app->text_end,
	    .ram_start = p->app->ram_start,
	    .ram_end = ALIGN_UP(p->app_break, PAGE),
	};
	ipc_shared_regions(p, p->mpu.shared_start, p->mpu.shared_end, ARCH_MPU_SHARED);
	arch_mpu_configure(&p->ctx, mpu_table(p), &p->mpu);
	p->mpu_stale = false;
	if (mpu_owner == p)
		arch_mpu_switch(&p->ctx);
}

void process_shares_changed(void)
{
	/* A flag each, not a counter: a counter could wrap back to a stale table's value. */
	for (struct process *p = processes; p < processes_end; p++)
		p->mpu_stale = true;
}

/* p's protection leaves the hardware (its memory is about to be cleared or it stops). */
static void mpu_release(struct process *p)
{
	if (mpu_owner == p) {
		arch_mpu_switch(NULL);
		mpu_owner = NULL;
	}
}

/* The highest end of any buffer p allowed, so brk cannot take memory a driver still holds. */
static COLD uint32_t allowed_end(const struct process *p)
{
	uint32_t end = 0;

	for (unsigned i = 0; i < driver_count; i++) {
		const struct driver *d = drivers[i];
		const struct allow_slot *s;

		if (!p->grants[d->index])
			continue;
		s = driver_block_ro(d, p->grants[d->index]);
		for (unsigned k = 0; k < (unsigned)d->ro_allows + d->rw_allows + d->ur_allows; k++)
			if (s[k].len && s[k].vaddr + s[k].len > end)
				end = s[k].vaddr + s[k].len;
	}
	return end;
}

COLD enum error_code process_set_break(struct process *p, uint32_t new_break)
{
	/* Every refusal is NOMEM, as ABI.md (and upstream) has it: Success or NOMEM. */
	if (new_break < p->app->ram_start + PROCESS_MIN_RAM_BYTES || new_break > p->app->ram_end)
		return ERROR_NOMEM;
	/* Invariant: the app's pages and the grant pages never share a page. */
	if (ALIGN_UP(new_break, PAGE) > ALIGN_DOWN(p->grant_break, PAGE))
		return ERROR_NOMEM;
	if (new_break < allowed_end(p))
		return ERROR_NOMEM;
	p->app_break = new_break;
	update_mpu(p);
	return ERROR_NONE;
}

void *process_grant_alloc(struct process *p, uint32_t bytes)
{
	if (bytes > p->grant_break - p->app->ram_start)
		return NULL; /* before rounding, which could wrap */
	uint32_t size = ALIGN_UP(bytes, 4u);

	if (size > p->grant_break - p->app->ram_start ||
	    ALIGN_DOWN(p->grant_break - size, PAGE) < ALIGN_UP(p->app_break, PAGE))
		return NULL;
	p->grant_break -= size;
	void *block = (void *)(uintptr_t)p->grant_break;
	memset(block, 0, size);
	return block;
}

/* ---- drivers and grants ---- */

/*
 * Drivers by number: an open-addressed table twice the size of the registry, so a lookup,
 * found or not (the null system call asks for a missing one), takes a probe or two.
 */
#define DRIVER_SLOTS (2 * DRIVER_MAX)
static struct driver *driver_slots[DRIVER_SLOTS];

static unsigned driver_hash(uint32_t number)
{
	return (number * 0x9e3779b1u) >> 27; /* Fibonacci hashing into 32 slots */
}
STATIC_ASSERT(DRIVER_SLOTS == 32);

COLD void driver_register(struct driver *d)
{
	KASSERT(driver_count < DRIVER_MAX && !driver_find(d->number));
	d->index = driver_count;
	drivers[driver_count++] = d;
	unsigned i = driver_hash(d->number);
	while (driver_slots[i])
		i = (i + 1) % DRIVER_SLOTS;
	driver_slots[i] = d;
}

struct driver *driver_find(uint32_t number)
{
	for (unsigned i = driver_hash(number);; i = (i + 1) % DRIVER_SLOTS) {
		struct driver *d = driver_slots[i];

		if (!d || d->number == number)
			return d;
	}
}

/* A process's first use of a driver: its block (slots, then the driver's data) is allocated. */
static COLD void *grant_block_alloc(struct driver *d, struct process *p)
{
	uint32_t slots =
	    (uint32_t)d->upcalls * sizeof(struct upcall_slot) +
	    ((uint32_t)d->ro_allows + d->rw_allows + d->ur_allows) * sizeof(struct allow_slot);

	return p->grants[d->index] = process_grant_alloc(p, slots + d->data_bytes);
}

static void *grant_block(struct driver *d, struct process *p)
{
	void *block = p->grants[d->index];

	return block ? block : grant_block_alloc(d, p);
}

struct upcall_slot *driver_upcalls(struct driver *d, struct process *p)
{
	return grant_block(d, p);
}

struct allow_slot *driver_ro(struct driver *d, struct process *p)
{
	void *block = grant_block(d, p);

	return block ? driver_block_ro(d, block) : NULL;
}

struct allow_slot *driver_rw(struct driver *d, struct process *p)
{
	void *block = grant_block(d, p);

	return block ? driver_block_rw(d, block) : NULL;
}

struct allow_slot *driver_ur(struct driver *d, struct process *p)
{
	void *block = grant_block(d, p);

	return block ? driver_block_ur(d, block) : NULL;
}

void *driver_data(struct driver *d, struct process *p)
{
	void *block = grant_block(d, p);

	return block ? (void *)(driver_block_ur(d, block) + d->ur_allows) : NULL;
}

void *driver_data_peek(struct driver *d, struct process *p)
{
	return p->grants[d->index] ? driver_data(d, p) : NULL;
}

/* ---- upcalls ---- */

static bool alive(const struct process *p)
{
	return p->pid && p->state <= PROCESS_YIELDED_FOR;
}

/* Alive, or paused by the operator: its upcalls still queue for when it resumes. */
static bool accepts_upcalls(const struct process *p)
{
	return alive(p) || (p->pid && p->state == PROCESS_STOPPED);
}

bool process_alive(const struct process *p)
{
	return accepts_upcalls(p);
}

enum error_code upcall_schedule(struct driver *d, struct process *p, uint32_t subscribe,
				uint32_t a0, uint32_t a1, uint32_t a2)
{
	struct upcall_slot *slots;

	if (!accepts_upcalls(p))
		return ERROR_INVAL;
	slots = p->grants[d->index];
	if (!slots || subscribe >= d->upcalls || !slots[subscribe].fn)
		return ERROR_OFF;
	if (p->state == PROCESS_YIELDED_FOR && p->yield_driver == d->number &&
	    p->yield_subscribe == subscribe) {
		syscall_return_to_yield_for(p, a0, a1, a2);
		p->state = PROCESS_RUNNING;
		return ERROR_NONE;
	}
	struct upcall_queue *q = p->upcalls;
	if (q->count == UPCALL_QUEUE_ENTRIES) {
		q->dropped++;
		return ERROR_NOMEM;
	}
	struct upcall *u = &q->entries[upcall_queue_index(q->head + q->count++)];
	*u = (struct upcall){d->number, subscribe, {a0, a1, a2}};
	return ERROR_NONE;
}

void upcall_drop(struct process *p, uint32_t driver, uint32_t subscribe)
{
	struct upcall_queue *q = p->upcalls;
	uint32_t kept = 0;

	/* Compact in place, keeping the order of the others. */
	for (uint32_t i = 0; i < q->count; i++) {
		struct upcall u = q->entries[upcall_queue_index(q->head + i)];

		if (u.driver != driver || u.subscribe != subscribe)
			q->entries[upcall_queue_index(q->head + kept++)] = u;
	}
	q->count = kept;
}

/* ---- lifecycle ---- */

COLD const char *process_state_name(enum process_state state)
{
	static const char *const names[] = {"running", "yielded", "yielded-for",
					    "stopped", "faulted", "terminated"};

	return (unsigned)state < ARRAY_SIZE(names) ? names[state] : "?";
}

struct process *process_get(unsigned i)
{
	return i < PROCESS_MAX && processes[i].pid ? &processes[i] : NULL;
}

unsigned process_index(const struct process *p)
{
	return (unsigned)(p - processes);
}

COLD struct process *process_by_pid(uint32_t pid)
{
	for (unsigned i = 0; i < PROCESS_MAX; i++)
		if (pid && processes[i].pid == pid)
			return &processes[i];
	return NULL;
}

/*
 * (Re)starts p from its init function with fresh memory: RAM zeroed (nothing of a previous
 * life or of the previous owner of that SRAM survives), grants empty, registers zero.
 *
 *   ram_start              app_break - 20   app_break        grant_break          ram_end
 *   | zero ...             | 0 | a0 a1 a2 a3 |  zero ...      | protection table |
 *                           ^ esp: the init function's return address (0)
 */
static COLD void start(struct process *p)
{
	const struct app *a = p->app;
	uint32_t *frame;

	mpu_release(p);
	arch_context_forget(&p->ctx);
	memset((void *)(uintptr_t)a->ram_start, 0, a->ram_end - a->ram_start);
	p->pid = next_pid++;
	p->app_break = a->ram_start + MAX(a->min_ram_bytes, PROCESS_MIN_RAM_BYTES);
	p->grant_break = a->ram_end - ARCH_MPU_TABLE_BYTES;
	memset(p->grants, 0, sizeof(p->grants));
	process_shares_changed(); /* what it shared in its previous life is gone */
	p->stack_hint = p->heap_hint = 0;
	p->fault[0] = '\0';
	update_mpu(p);
	/* The queue is the first grant; the loader reserved room for it. */
	p->upcalls = process_grant_alloc(p, sizeof(struct upcall_queue));
	KASSERT(p->upcalls);

	frame = (uint32_t *)(uintptr_t)(p->app_break - 20);
	frame[0] = 0; /* return address: returning from init faults */
	frame[1] = a->binary_vaddr;
	frame[2] = a->ram_start;
	frame[3] = a->ram_end - a->ram_start;
	frame[4] = p->app_break;
	arch_context_init(&p->ctx, a->entry_vaddr, p->app_break - 20);
	p->state = PROCESS_RUNNING;
}

COLD void process_create_all(const struct process_loader_result *loaded,
			     const struct process_config *config)
{
	policy = *config;
	processes_end = &processes[MIN(loaded->count, PROCESS_MAX)];
	for (unsigned i = 0; i < (unsigned)(processes_end - processes); i++) {
		processes[i].app = &loaded->apps[i];
		start(&processes[i]);
	}
}

COLD void process_restart(struct process *p)
{
	p->restarts++;
	start(p);
}

static COLD void stop_with(struct process *p, enum process_state state)
{
	mpu_release(p);
	arch_context_forget(&p->ctx);
	p->state = state;
	process_shares_changed();
}

COLD void process_terminate(struct process *p, int32_t code)
{
	p->exit_code = code;
	kprintf("process '%.*s' (pid %u) exited with code %d\n", (int)p->app->name_len,
		p->app->name, p->pid, code);
	stop_with(p, PROCESS_TERMINATED);
}

COLD void process_stop(struct process *p)
{
	if (!alive(p))
		return;
	/* Paused, not ended: it keeps its memory, registers and queue, and resumes as it was. */
	p->stopped_state = p->state;
	mpu_release(p);
	p->state = PROCESS_STOPPED;
}

COLD void process_start(struct process *p)
{
	if (p->state != PROCESS_STOPPED) {
		if (!alive(p))
			process_restart(p);
		return;
	}
	p->state = p->stopped_state;
	/* What it was waiting for may have arrived while it was stopped. */
	if (p->state == PROCESS_YIELDED_FOR && syscall_complete_yield_for(p))
		p->state = PROCESS_RUNNING;
}

COLD void process_fault(struct process *p, const char *why)
{
	const char *name = p->app->name;
	int len = (int)p->app->name_len;

	if (why)
		fmt_snprintf(p->fault, sizeof(p->fault), "%s", why);
	else
		arch_fault_summary(&p->ctx, p->fault, sizeof(p->fault));
	kprintf("\nprocess '%.*s' (pid %u) faulted: %s\n", len, name, p->pid, p->fault);
	if (!why)
		arch_report_fault(&p->ctx, kprintf);

	bool restart = policy.fault_policy == FAULT_POLICY_RESTART ||
		       (policy.fault_policy == FAULT_POLICY_RESTART_UPTO &&
			p->restarts < policy.restart_limit);
	if (restart) {
		if (policy.fault_policy == FAULT_POLICY_RESTART_UPTO)
			kprintf("process '%.*s': restarting (restart %u of %u)\n", len, name,
				p->restarts + 1, policy.restart_limit);
		else
			kprintf("process '%.*s': restarting (restart %u)\n", len, name,
				p->restarts + 1);
		process_restart(p);
	} else {
		kprintf("process '%.*s': left faulted after %u restarts\n", len, name, p->restarts);
		stop_with(p, PROCESS_FAULTED);
	}
}

/* ---- scheduling ---- */

static struct hil_alarm *clock;
static uint32_t timeslice_ticks;
static struct process *current;
static uint32_t slice_start;

COLD void sched_set_clock(struct hil_alarm *c, uint32_t ticks)
{
	clock = c;
	timeslice_ticks = ticks;
}

static bool runnable(const struct process *p)
{
	return p->pid &&
	       (p->state == PROCESS_RUNNING || (p->state == PROCESS_YIELDED && p->upcalls->count));
}

struct process *sched_next(void)
{
	uint32_t now = clock ? hil_alarm_now(clock) : 0;

	if (current && runnable(current)) {
		if (now - slice_start < timeslice_ticks)
			return current;
		current->timeslice_expirations++;
	}
	/* Round robin: the next runnable one after the current, the current itself last. */
	if (processes_end == processes)
		return NULL;
	struct process *p = current ? current : processes_end - 1;
	for (struct process *q = processes; q < processes_end; q++) {
		if (++p == processes_end)
			p = processes;
		if (runnable(p)) {
			current = p;
			slice_start = now;
			return p;
		}
	}
	return NULL;
}

/* p can go on at once: still running, its protection current, no deferred work waiting. */
static bool may_resume(const struct process *p)
{
	return p->state == PROCESS_RUNNING && mpu_owner == p && !p->mpu_stale &&
	       !interrupt_pending() && !deferred_call_pending();
}

void process_run(struct process *p)
{
	if (p->mpu_stale)
		update_mpu(p);
	if (mpu_owner != p) {
		arch_mpu_switch(&p->ctx);
		mpu_owner = p;
	}
	if (p->state == PROCESS_YIELDED && !syscall_deliver_upcall(p))
		return;
	if (!kernel_first_app_cycles)
		kernel_first_app_cycles = arch_cycles();
	/* System calls are handled inside arch_run (kernel_syscall): it returns only to leave. */
	for (;;) {
		switch (arch_run(&p->ctx)) {
		case ARCH_TRAP_FAULT:
			process_fault(p, NULL);
			return;
		case ARCH_TRAP_SYSCALL:
			return;
		case ARCH_TRAP_INTERRUPT:
			/*
			 * Most interrupts are the timer's tick with nothing due: run the bottom
			 * halves here, and go straight back to p if the scheduler keeps it.
			 */
			interrupt_service_pending();
			if (!may_resume(p) || sched_next() != p)
				return;
			break;
		}
	}
}

bool kernel_syscall(struct arch_context *ctx)
{
	struct process *p = container_of(ctx, struct process, ctx);

	HIDE_VAR(p); /* only p lives across the call */
	syscall_handle(p);
	/* Straight back to p unless it blocked, its protection changed, or the kernel has work. */
	return may_resume(p);
}
