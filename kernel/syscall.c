/* SPDX-License-Identifier: MIT */
/* System calls, exactly as ABI.md: classes, variants, return values, validation. */
#include "kernel/syscall.h"

#include "kernel/process.h"
#include "lib/compiler.h"
#include "lib/fmt.h"
#include "lib/string.h"

/*
 * The caller's frame: int $0x40 with the four argument words at esp, results go back there.
 *
 *   esp -> r0 r1 r2 r3      (the process pops them after the int)
 */
#define FRAME_BYTES 16

static uint32_t *frame_of(struct process *p)
{
	return (uint32_t *)(uintptr_t)arch_user_sp(&p->ctx);
}

bool syscall_deliver_upcall(struct process *p)
{
	struct upcall_queue *q = p->upcalls;
	struct upcall u = q->entries[q->head];
	uint32_t sp = arch_user_sp(&p->ctx);
	struct driver *d = driver_find(u.driver);
	/* Queued only while subscribed, so the driver's block exists (subscribe drops the rest). */
	struct upcall_slot *slot = d ? (struct upcall_slot *)p->grants[d->index] : NULL;

	q->head = upcall_queue_index(q->head + 1);
	q->count--;
	/* The yield frame was checked at the syscall; the return address goes just below it. */
	if (!process_user_writable(p, sp - 4, FRAME_BYTES + 4)) {
		process_fault(p, "upcall: no room below the yield frame for the return address");
		return false;
	}
	uint32_t *f = (uint32_t *)(uintptr_t)(sp - 4);
	f[0] = arch_user_pc(&p->ctx); /* back to the instruction after int $0x40 */
	f[1] = u.args[0];
	f[2] = u.args[1];
	f[3] = u.args[2];
	f[4] = slot ? slot[u.subscribe].appdata : 0;
	arch_set_user_sp(&p->ctx, sp - 4);
	arch_set_user_pc(&p->ctx, slot ? slot[u.subscribe].fn : 0);
	p->state = PROCESS_RUNNING;
	return true;
}

bool syscall_complete_yield_for(struct process *p)
{
	struct upcall_queue *q = p->upcalls;

	for (uint32_t i = 0; i < q->count; i++) {
		struct upcall u = q->entries[upcall_queue_index(q->head + i)];

		if (u.driver == p->yield_driver && u.subscribe == p->yield_subscribe) {
			syscall_return_to_yield_for(p, u.args[0], u.args[1], u.args[2]);
			for (uint32_t k = i; k + 1 < q->count; k++)
				q->entries[upcall_queue_index(q->head + k)] =
				    q->entries[upcall_queue_index(q->head + k + 1)];
			q->count--;
			return true;
		}
	}
	return false;
}

void syscall_return_to_yield_for(struct process *p, uint32_t a0, uint32_t a1, uint32_t a2)
{
	uint32_t *f = frame_of(p);

	f[0] = a0;
	f[1] = a1;
	f[2] = a2;
}

static COLD void fault(struct process *p, const char *fmt, uint32_t v)
{
	char why[96];

	fmt_snprintf(why, sizeof(why), fmt, v);
	process_fault(p, why);
}

/* Yield writes no result: the process sees its frame as it left it, or an upcall's. */
static void yield(struct process *p, const uint32_t a[4])
{
	struct upcall_queue *q = p->upcalls;

	switch (a[0]) {
	case YIELD_NO_WAIT: {
		bool ran = q->count != 0;

		/* Never write where the process may not: a kernel address there is ignored. */
		if (a[1] && process_user_writable(p, a[1], 1))
			*(uint8_t *)(uintptr_t)a[1] = ran;
		if (ran)
			syscall_deliver_upcall(p);
		break;
	}
	case YIELD_WAIT:
		if (q->count)
			syscall_deliver_upcall(p);
		else
			p->state = PROCESS_YIELDED;
		break;
	case YIELD_WAIT_FOR:
		p->yield_driver = a[1];
		p->yield_subscribe = a[2];
		/* A queued match returns at once; the others stay queued, in order. */
		if (!syscall_complete_yield_for(p))
			p->state = PROCESS_YIELDED_FOR;
		break;
	default:
		fault(p, "unknown yield variant %u", a[0]);
		break;
	}
}

static struct syscall_return subscribe(struct process *p, const uint32_t a[4])
{
	struct driver *d = driver_find(a[0]);
	struct upcall_slot *slots;

	if (!d)
		return syscall_failure_2u32(ERROR_NODEVICE, a[2], a[3]);
	if (a[1] >= d->upcalls)
		return syscall_failure_2u32(ERROR_NOSUPPORT, a[2], a[3]);
	if (a[2] && !process_user_executable(p, a[2]))
		return syscall_failure_2u32(ERROR_INVAL, a[2], a[3]);
	slots = driver_upcalls(d, p);
	if (!slots)
		return syscall_failure_2u32(ERROR_NOMEM, a[2], a[3]);
	struct upcall_slot old = slots[a[1]];
	slots[a[1]] = (struct upcall_slot){a[2], a[3]};
	upcall_drop(p, d->number, a[1]);
	return syscall_success_2u32(old.fn, old.appdata);
}

static struct syscall_return allow(struct process *p, uint32_t class, const uint32_t a[4])
{
	struct driver *d = driver_find(a[0]);
	struct allow_slot *slots;
	uint16_t count;
	bool ok;

	if (!d)
		return syscall_failure_2u32(ERROR_NODEVICE, a[2], a[3]);
	count = class == SYSCALL_ALLOW_RO   ? d->ro_allows
		: class == SYSCALL_ALLOW_RW ? d->rw_allows
					    : d->ur_allows;
	if (a[1] >= count)
		return syscall_failure_2u32(ERROR_NOSUPPORT, a[2], a[3]);
	/* A zero-length buffer may have any address: there is nothing to touch. */
	ok = a[3] == 0 || (class == SYSCALL_ALLOW_RO ? process_user_readable(p, a[2], a[3])
						     : process_user_writable(p, a[2], a[3]));
	if (!ok)
		return syscall_failure_2u32(ERROR_INVAL, a[2], a[3]);
	slots = class == SYSCALL_ALLOW_RO   ? driver_ro(d, p)
		: class == SYSCALL_ALLOW_RW ? driver_rw(d, p)
					    : driver_ur(d, p);
	if (!slots)
		return syscall_failure_2u32(ERROR_NOMEM, a[2], a[3]);
	struct allow_slot old = slots[a[1]];
	slots[a[1]] = (struct allow_slot){a[2], a[3]};
	if (class == SYSCALL_ALLOW_RW && d->maps_rw_allows)
		process_shares_changed();
	return syscall_success_2u32(old.vaddr, old.len);
}

static struct syscall_return memop(struct process *p, const uint32_t a[4])
{
	const struct app *app = p->app;
	enum error_code rc;

	switch (a[0]) {
	case 0: /* brk */
		rc = process_set_break(p, a[1]);
		return rc == ERROR_NONE ? syscall_success() : syscall_failure(rc);
	case 1: { /* sbrk */
		uint32_t old = p->app_break;
		int32_t inc = (int32_t)a[1];
		uint64_t want = (uint64_t)old + (int64_t)inc;

		if (want > UINT32_MAX)
			return syscall_failure(ERROR_NOMEM);
		rc = process_set_break(p, (uint32_t)want);
		return rc == ERROR_NONE ? syscall_success_u32(old) : syscall_failure(rc);
	}
	case 2:
		return syscall_success_u32(app->ram_start);
	case 3:
		return syscall_success_u32(app->ram_end);
	case 4:
		return syscall_success_u32(app->tbf_start);
	case 5:
		return syscall_success_u32(app->binary_end);
	case 6:
		return syscall_success_u32(p->grant_break);
	case 7:
		return syscall_success_u32(0); /* no writeable flash regions yet */
	case 8:
	case 9:
		return syscall_failure(ERROR_FAIL);
	case 10:
		p->stack_hint = a[1];
		return syscall_success();
	case 11:
		p->heap_hint = a[1];
		return syscall_success();
	default:
		return syscall_failure(ERROR_NOSUPPORT);
	}
}

bool syscall_dispatch(struct process *p, uint32_t class, uint32_t frame[4])
{
	const uint32_t *a = frame;
	struct syscall_return r;
	struct driver *d;

	switch (class) {
	case SYSCALL_YIELD:
		yield(p, a);
		return false;
	case SYSCALL_SUBSCRIBE:
		r = subscribe(p, a);
		break;
	case SYSCALL_COMMAND:
		d = driver_find(a[0]);
		r = d ? d->command(d, p, a[1], a[2], a[3]) : syscall_failure(ERROR_NODEVICE);
		break;
	case SYSCALL_ALLOW_RW:
	case SYSCALL_ALLOW_RO:
	case SYSCALL_ALLOW_UR:
		r = allow(p, class, a);
		break;
	case SYSCALL_MEMOP:
		r = memop(p, a);
		break;
	case SYSCALL_EXIT:
		/* Terminate and restart do not return: nothing is written back. */
		if (a[0] == 0) {
			process_terminate(p, (int32_t)a[1]);
			return false;
		}
		if (a[0] == 1) {
			process_restart(p);
			return false;
		}
		r = syscall_failure(ERROR_NOSUPPORT);
		break;
	default:
		fault(p, "unknown system call class %u", class);
		return false;
	}
	frame[0] = r.variant;
	frame[1] = r.data[0];
	frame[2] = r.data[1];
	frame[3] = r.data[2];
	return true;
}

static COLD void bad_stack(struct process *p, uint32_t sp)
{
	char why[80];

	fmt_snprintf(why, sizeof(why), "system call with esp 0x%08x outside its RAM", sp);
	process_fault(p, why);
}

void syscall_handle(struct process *p)
{
	uint32_t sp = arch_user_sp(&p->ctx);

	/* Invariant: nothing is read from or written to the process before this check. */
	if (!process_user_writable(p, sp, FRAME_BYTES)) {
		bad_stack(p, sp);
		return;
	}
	/* Arguments are read and results written in place: nothing else runs meanwhile. */
	p->syscalls++;
	syscall_dispatch(p, arch_syscall_class(&p->ctx), frame_of(p));
}
