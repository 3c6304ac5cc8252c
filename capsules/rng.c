/* SPDX-License-Identifier: MIT */
/* RNG driver: RW allow 0 + command 1 (bytes) fill the buffer, subscribe 0 says how many were
 * written (upstream capsules/core/src/rng.rs's interface). One entropy request serves every
 * waiting process: each batch is offered first to the process after the one that started the
 * previous batch, so a large request cannot hold up a small one. */
#include "capsules/rng.h"

#include "kernel/process.h"
#include "lib/compiler.h"
#include "lib/string.h"

struct rng_state {     /* per process, in its grant */
	bool pending;  /* a command 1 waits for bytes */
	uint32_t want; /* bytes it asked for */
	uint32_t done; /* bytes written so far */
};

static void complete(struct rng_driver *rd, struct process *p, struct rng_state *s,
		     enum error_code rc)
{
	uint32_t len = driver_rw(&rd->driver, p)[RNG_ALLOW_BUFFER].len;

	s->pending = false;
	upcall_schedule(&rd->driver, p, RNG_SUBSCRIBE_DONE, (uint32_t)rc, MIN(s->done, len), 0);
}

/*
 * Copies as much of words[0 .. count) as p still wants into its allowed buffer, four bytes a
 * word (the last word's extra bytes are dropped). Returns: the words used.
 */
static OUT_OF_LINE size_t fill(struct rng_driver *rd, struct process *p, struct rng_state *s,
			       const uint32_t *words, size_t count)
{
	struct allow_slot *buf = &driver_rw(&rd->driver, p)[RNG_ALLOW_BUFFER];
	/* The allowed buffer may have been swapped since the command: never write past it. */
	uint32_t end = MIN(s->want, buf->len);
	size_t used = 0;

	if (s->done < end) {
		uint32_t n = (uint32_t)MIN((size_t)(end - s->done), count * 4);

		memcpy((uint8_t *)(uintptr_t)buf->vaddr + s->done, words, n);
		s->done += n;
		used = (n + 3) / 4;
	}
	if (s->done >= end)
		complete(rd, p, s, ERROR_NONE);
	return used;
}

static bool entropy_available(struct hil_entropy_client *client, uint32_t *words, size_t count,
			      enum error_code rc)
{
	struct rng_driver *rd = container_of(client, struct rng_driver, client);
	size_t used = 0;
	bool first = true, more = false;

	for (unsigned k = 0; k < PROCESS_MAX; k++) {
		unsigned slot = (rd->next_slot + k) % PROCESS_MAX;
		struct process *p = process_get(slot);
		struct rng_state *s = p ? driver_data_peek(&rd->driver, p) : NULL;

		if (!s || !s->pending)
			continue;
		if (rc != ERROR_NONE) {
			complete(rd, p, s, rc); /* the source broke: nobody gets more */
			continue;
		}
		if (used < count) {
			if (first)
				rd->next_slot = (slot + 1) % PROCESS_MAX;
			first = false;
			size_t n = fill(rd, p, s, words + used, count - used);

			used += n;
			rd->bytes_served += (uint32_t)n * 4;
		}
		more = more || s->pending;
	}
	memset(words, 0, count * 4); /* handed out: no copy stays in the kernel */
	rd->busy = more;
	return more;
}

/* Starts the source if it is idle. Returns: NONE, or the source's error. */
static enum error_code start(struct rng_driver *rd)
{
	enum error_code rc;

	if (rd->busy)
		return ERROR_NONE;
	rc = hil_entropy_get(rd->source, rd->batch, RNG_BATCH_WORDS);
	rd->busy = rc == ERROR_NONE;
	return rc;
}

static struct syscall_return command(struct driver *d, struct process *p, uint32_t cmd,
				     uint32_t arg1, uint32_t arg2)
{
	struct rng_driver *rd = container_of(d, struct rng_driver, driver);
	struct rng_state *s;
	enum error_code rc;

	(void)arg2;
	switch (cmd) {
	case RNG_CMD_EXISTS:
		return syscall_success();
	case RNG_CMD_FILL:
		s = driver_data(d, p);
		if (!s)
			return syscall_failure(ERROR_NOMEM);
		if (!driver_rw(d, p)[RNG_ALLOW_BUFFER].len)
			return syscall_failure(ERROR_RESERVE);
		/* As upstream: a new command 1 replaces one still pending. */
		*s = (struct rng_state){.pending = true, .want = arg1, .done = 0};
		if (!arg1) {
			complete(rd, p, s, ERROR_NONE); /* queued: delivered at its next yield */
			return syscall_success();
		}
		rc = start(rd);
		if (rc != ERROR_NONE) {
			s->pending = false;
			return syscall_failure(rc);
		}
		return syscall_success();
	case RNG_CMD_QUALITY:
		return syscall_success_u32(hil_entropy_quality(rd->source) == HIL_ENTROPY_TRUE);
	default:
		return syscall_failure(ERROR_NOSUPPORT);
	}
}

void rng_driver_init(struct rng_driver *rd, struct hil_entropy *source)
{
	*rd = (struct rng_driver){
	    .driver =
		{
		    .number = RNG_DRIVER,
		    .upcalls = 1,
		    .rw_allows = 1,
		    .data_bytes = sizeof(struct rng_state),
		    .command = command,
		},
	    .source = source,
	    .client = {.entropy_available = entropy_available},
	};
	source->client = &rd->client;
	driver_register(&rd->driver);
}
