/* SPDX-License-Identifier: MIT */
/* Console driver: RO allow 1 + command 1 (length) writes, subscribe 1 says how much was
 * written. One process's write is sent whole before the next one's starts, so writes never
 * interleave; the kernel's own messages share the same output ring. Reads: RW allow 1 and
 * command 2 (length), subscribe 2 gets (status, bytes read); command 3 aborts. One process
 * reads at a time (others get BUSY); the kernel's console sees the same input. */
#include "capsules/console.h"

#include <stdbool.h>

#include "kernel/debug.h"
#include "kernel/process.h"
#include "lib/compiler.h"

struct console_state {		     /* per process */
	bool pending;		     /* a write waits or is being sent */
	uint32_t len, pos;	     /* of the allowed buffer */
	uint32_t read_len, read_pos; /* of the read in progress */
};

static struct console_driver *the_console; /* for the debug ring's room callback */

/*
 * Makes the next process with a pending write the writer, round robin after the last one.
 * Returns: that process, or NULL if no write is pending.
 */
static struct process *next_writer(struct console_driver *cd)
{
	unsigned last = cd->last_writer, i = last;

	do {
		i = (i + 1) % PROCESS_MAX;
		struct process *p = process_get(i);
		struct console_state *s = p ? driver_data_peek(&cd->driver, p) : NULL;

		if (s && s->pending) {
			cd->writer_pid = p->pid;
			cd->last_writer = i;
			return p;
		}
	} while (i != last);
	return NULL;
}

static void pump(struct deferred_call *dc)
{
	struct console_driver *cd = container_of(dc, struct console_driver, pump);

	for (;;) {
		struct process *p = process_by_pid(cd->writer_pid);

		if (!p)
			p = next_writer(cd);
		if (!p)
			return;
		struct console_state *s = driver_data_peek(&cd->driver, p);
		struct allow_slot *buf = &driver_ro(&cd->driver, p)[CONSOLE_ALLOW_WRITE];
		/* The allowed buffer may have been swapped since: never read past it. */
		uint32_t end = MIN(s->len, buf->len);

		if (s->pos < end) {
			s->pos += (uint32_t)debug_write_some(
			    (const char *)(uintptr_t)buf->vaddr + s->pos, end - s->pos);
			if (s->pos < end)
				return; /* the ring is full: the room callback continues */
		}
		s->pending = false;
		cd->writer_pid = 0;
		upcall_schedule(&cd->driver, p, CONSOLE_SUBSCRIBE_WRITE, s->pos, 0, 0);
	}
}

static void room(void)
{
	deferred_call_schedule(&the_console->pump); /* registered once the_console is set */
}

static void read_done(struct console_driver *cd, struct process *p, enum error_code rc)
{
	struct console_state *s = driver_data_peek(&cd->driver, p);

	cd->reader_pid = 0;
	upcall_schedule(&cd->driver, p, CONSOLE_SUBSCRIBE_READ, rc, s->read_pos, 0);
}

/* A byte was typed: it goes to the process reading, if any (and to the kernel console too). */
static void typed(struct uart_rx_listener *l, uint8_t c)
{
	struct console_driver *cd = container_of(l, struct console_driver, input);
	struct process *p = process_by_pid(cd->reader_pid);

	if (!p || !process_alive(p)) {
		cd->reader_pid = 0; /* the reader exited, faulted or restarted: the slot is free */
		return;
	}
	struct console_state *s = driver_data_peek(&cd->driver, p);
	struct allow_slot *buf = &driver_rw(&cd->driver, p)[CONSOLE_ALLOW_READ];
	/* The buffer may have been swapped or shrunk since the read began: never write past it. */
	uint32_t end = MIN(s->read_len, buf->len);

	if (s->read_pos < end)
		((uint8_t *)(uintptr_t)buf->vaddr)[s->read_pos++] = c;
	if (s->read_pos >= end)
		read_done(cd, p, ERROR_NONE);
}

static struct syscall_return write(struct console_driver *cd, struct process *p,
				   struct console_state *s, uint32_t len)
{
	if (s->pending)
		return syscall_failure(ERROR_BUSY);
	if (!driver_ro(&cd->driver, p)[CONSOLE_ALLOW_WRITE].len)
		return syscall_failure(ERROR_RESERVE);
	/* Only the write's fields: a read may be in progress at the same time. */
	s->pending = true;
	s->len = len;
	s->pos = 0;
	/* Completion comes from the kernel loop, never inside this call. */
	deferred_call_schedule(&cd->pump);
	return syscall_success();
}

static struct syscall_return read(struct console_driver *cd, struct process *p,
				  struct console_state *s, uint32_t len)
{
	struct allow_slot *buf = driver_rw(&cd->driver, p); /* s's grant block: never NULL */
	struct process *reader = process_by_pid(cd->reader_pid);

	if (reader && process_alive(reader))
		return syscall_failure(ERROR_BUSY);
	if (!buf[CONSOLE_ALLOW_READ].len)
		return syscall_failure(ERROR_RESERVE);
	if (!len)
		return syscall_failure(ERROR_SIZE);
	s->read_len = MIN(len, buf[CONSOLE_ALLOW_READ].len);
	s->read_pos = 0;
	cd->reader_pid = p->pid;
	return syscall_success();
}

static struct syscall_return command(struct driver *d, struct process *p, uint32_t cmd,
				     uint32_t arg1, uint32_t arg2)
{
	struct console_driver *cd = container_of(d, struct console_driver, driver);
	struct console_state *s;

	(void)arg2;
	switch (cmd) {
	case 0:
		return syscall_success();
	case 1:
	case 2:
		s = driver_data(d, p);
		if (!s)
			return syscall_failure(ERROR_NOMEM);
		return cmd == 1 ? write(cd, p, s, arg1) : read(cd, p, s, arg1);
	case 3:
		/* Abort: the read completes with CANCEL and what arrived so far. */
		if (cd->reader_pid != p->pid)
			return syscall_failure(ERROR_OFF);
		read_done(cd, p, ERROR_CANCEL);
		return syscall_success();
	default:
		return syscall_failure(ERROR_NOSUPPORT);
	}
}

void console_driver_init(struct console_driver *cd, struct uart_rx_mux *input)
{
	cd->driver = (struct driver){
	    .number = CONSOLE_DRIVER,
	    .upcalls = 3,
	    .ro_allows = 2,
	    .rw_allows = 2,
	    .data_bytes = sizeof(struct console_state),
	    .command = command,
	};
	cd->last_writer = PROCESS_MAX - 1; /* so the first search starts at process 0 */
	deferred_call_register(&cd->pump, pump);
	cd->input.byte = typed;
	uart_rx_mux_listen(input, &cd->input);
	the_console = cd;
	debug_set_room_client(room);
	driver_register(&cd->driver);
}
