/* SPDX-License-Identifier: MIT */
/* Process info, with upstream's numbering (RW allow 0 receives the answers, little-endian):
 *   0 exists; 1 number of processes; 2 their pids; 3 their short ids (0: none);
 *   4 name of process arg1 (NUL-terminated); 5 (timeslice expirations, syscalls, restarts,
 *   state) of process arg1.
 * This kernel adds 6: memory of process arg1 as (text start, text bytes, RAM start, RAM bytes,
 * app break, grant bytes). Upstream's command 10 (change another process's state) is refused
 * with NOSUPPORT: mutually distrusting apps must not stop or fault each other. */
#include "capsules/process_info.h"

#include "kernel/process.h"
#include "lib/string.h"

struct writer {
	uint8_t *buf;
	uint32_t room, used;
};

static void put32(struct writer *w, uint32_t v)
{
	if (w->used + 4 <= w->room) {
		uint8_t *p = w->buf + w->used;

		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		p[2] = (uint8_t)(v >> 16);
		p[3] = (uint8_t)(v >> 24);
	}
	w->used += 4;
}

static struct syscall_return command(struct driver *d, struct process *caller, uint32_t cmd,
				     uint32_t arg1, uint32_t arg2)
{
	struct allow_slot *rw;
	struct writer w = {0};
	struct process *target = NULL;
	uint32_t count = 0;

	(void)arg2;
	if (cmd == 0)
		return syscall_success();
	if (cmd > 6)
		return syscall_failure(ERROR_NOSUPPORT);
	rw = driver_rw(d, caller);
	if (!rw)
		return syscall_failure(ERROR_NOMEM);
	/* Allowed with its bounds checked; it stays the caller's until it allows another. */
	w.buf = (uint8_t *)(uintptr_t)rw[0].vaddr;
	w.room = rw[0].len;
	if (cmd >= 4) {
		target = process_by_pid(arg1);
		if (!target)
			return syscall_failure(ERROR_INVAL);
	}
	switch (cmd) {
	case 1:
	case 2:
	case 3:
		for (unsigned i = 0; i < PROCESS_MAX; i++) {
			struct process *p = process_get(i);

			if (!p)
				continue;
			count++;
			/* Short ids (3) are not assigned by this kernel yet: all are 0. */
			if (cmd != 1)
				put32(&w, cmd == 2 ? p->pid : 0);
		}
		return syscall_success_u32(count);
	case 4: {
		uint32_t n = target->app->name_len;

		if (n + 1 > w.room)
			return syscall_failure(ERROR_SIZE);
		memcpy(w.buf, target->app->name, n);
		w.buf[n] = '\0';
		return syscall_success();
	}
	case 5:
		put32(&w, target->timeslice_expirations);
		put32(&w, target->syscalls);
		put32(&w, target->restarts);
		put32(&w, (uint32_t)target->state);
		break;
	case 6: {
		const struct app *a = target->app;

		put32(&w, a->flash_start);
		put32(&w, a->text_end - a->flash_start);
		put32(&w, a->ram_start);
		put32(&w, a->ram_end - a->ram_start);
		put32(&w, target->app_break);
		put32(&w, process_grant_bytes(target));
		break;
	}
	}
	return w.used <= w.room ? syscall_success() : syscall_failure(ERROR_SIZE);
}

void process_info_init(struct driver *d)
{
	*d = (struct driver){.number = PROCESS_INFO_DRIVER, .rw_allows = 1, .command = command};
	driver_register(d);
}
