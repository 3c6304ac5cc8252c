/* SPDX-License-Identifier: MIT */
/* IPC with upstream Tock's numbering:
 *   RO allow 0       the package name to look for (command 1);
 *   RW allow n       a buffer this process shares with process index n;
 *   subscribe n      a service subscribes at its own index (notified by clients); a client at
 *                    the service's index (notified by that service);
 *   command 0        exists; 1 discover: Success(u32 index) or NODEVICE; 2 notify service n;
 *                    3 notify client n. Upcall arguments: (caller index, length, address) of the
 *                    buffer the caller shares with the receiver, or (caller index, 0, 0).
 * The receiver may touch a shared buffer only while it stays shared, and only its whole pages:
 * memory protection is page granular, so share page-aligned buffers of whole pages.
 */
#include "kernel/ipc.h"

#include "kernel/process.h"
#include "lib/compiler.h"
#include "lib/string.h"

#define PAGE PROCESS_PAGE_BYTES

static struct syscall_return command(struct driver *d, struct process *p, uint32_t cmd,
				     uint32_t arg1, uint32_t arg2);

/* The driver as ipc_init registers it. Constant: its grant block's parts sit at offsets the
 * compiler knows. */
static const struct driver ipc_driver = {
    .number = IPC_DRIVER,
    .upcalls = PROCESS_MAX,
    .ro_allows = 1,
    .rw_allows = PROCESS_MAX,
    .maps_rw_allows = true,
    .command = command,
};
static struct driver ipc; /* a copy of ipc_driver, registered: driver_register sets its index */

/* The page-aligned part of what owner shares with process index to (0, 0 if none). Inline:
 * every notify asks it. */
static ALWAYS_INLINE void shared_pages(struct process *owner, unsigned to, uint32_t *start,
				       uint32_t *end)
{
	void *block = owner->grants[ipc.index];
	struct allow_slot *rw = block ? driver_block_rw(&ipc_driver, block) : NULL;

	*start = *end = 0;
	if (!rw || !rw[to].len)
		return;
	uint32_t s = ALIGN_UP(rw[to].vaddr, PAGE);
	uint32_t e = ALIGN_DOWN(rw[to].vaddr + rw[to].len, PAGE);

	if (s < e) {
		*start = s;
		*end = e;
	}
}

COLD void ipc_shared_regions(const struct process *p, uint32_t *start, uint32_t *end, unsigned max)
{
	int me = (int)process_index(p);
	unsigned n = 0;

	/* Before ipc_init, or for a process not in the table, nothing is shared. */
	if (me >= 0 && ipc.command) {
		for (unsigned i = 0; i < PROCESS_MAX && n < max; i++) {
			struct process *other = process_get(i);
			uint32_t s, e;

			/* A sharer paused by the operator keeps sharing (stop keeps everything). */
			if (!other || other == p || !process_alive(other))
				continue;
			shared_pages(other, (unsigned)me, &s, &e);
			if (s) {
				start[n] = s;
				end[n++] = e;
			}
		}
	}
	for (; n < max; n++)
		start[n] = end[n] = 0;
}

static COLD struct syscall_return discover(struct process *p)
{
	struct allow_slot *ro = driver_ro(&ipc, p);

	if (!ro)
		return syscall_failure(ERROR_NOMEM);
	if (!ro[0].len)
		return syscall_failure(ERROR_INVAL);
	for (unsigned i = 0; i < PROCESS_MAX; i++) {
		struct process *q = process_get(i);

		/* The name was checked readable when it was allowed. */
		if (q && q->app->name_len == ro[0].len &&
		    !memcmp(q->app->name, (const void *)(uintptr_t)ro[0].vaddr, ro[0].len))
			return syscall_success_u32(i);
	}
	return syscall_failure(ERROR_NODEVICE);
}

/* Returns: NONE, also when nobody listens; INVAL if target is no process; NOMEM if its upcall
 * queue is full. */
static enum error_code notify(struct process *caller, uint32_t target, bool to_service)
{
	struct process *t = process_get(target);
	uint32_t from = process_index(caller);
	uint32_t start, end;

	if (!t)
		return ERROR_INVAL;
	shared_pages(caller, target, &start, &end);
	uint32_t slot = to_service ? target : from;
	enum error_code rc = upcall_schedule(&ipc, t, slot, from, end - start, start);

	/* Nobody listening is not an error of the caller's (upstream reports only queue trouble).
	 */
	return rc == ERROR_NOMEM ? ERROR_NOMEM : ERROR_NONE;
}

static struct syscall_return command(struct driver *d, struct process *p, uint32_t cmd,
				     uint32_t arg1, uint32_t arg2)
{
	enum error_code rc;

	(void)d, (void)arg2;
	switch (cmd) {
	case 0:
		rc = ERROR_NONE;
		break;
	case 1:
		return discover(p);
	case 2:
	case 3:
		rc = notify(p, arg1, cmd == 2);
		break;
	default:
		rc = ERROR_NOSUPPORT;
	}
	return rc == ERROR_NONE ? syscall_success() : syscall_failure(rc);
}

COLD void ipc_init(void)
{
	ipc = ipc_driver;
	driver_register(&ipc);
}
