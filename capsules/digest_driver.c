/* SPDX-License-Identifier: MIT */
/* The SHA and HMAC drivers' shared machinery: commands, a fair queue of processes over one
 * digest engine, data copied from a process's allows a piece at a time, digests written back. */
#include "capsules/digest_driver.h"

#include <limits.h>

#include "kernel/panic.h"
#include "kernel/process.h"
#include "lib/compiler.h"
#include "lib/string.h"

/* Each operation's command has its number. */
STATIC_ASSERT(DIGEST_OP_RUN == DIGEST_CMD_RUN && DIGEST_OP_UPDATE == DIGEST_CMD_UPDATE &&
	      DIGEST_OP_FINISH == DIGEST_CMD_FINISH && DIGEST_OP_VERIFY == DIGEST_CMD_VERIFY &&
	      DIGEST_OP_VERIFY_FINISH == DIGEST_CMD_VERIFY_FINISH);

struct digest_state {	    /* per process and driver, in the process's grant */
	bool algorithm_set; /* command 0 chose SHA-256 */
	uint8_t op;	    /* enum digest_op asked for and not yet answered by an upcall */
	uint32_t offset;    /* bytes of the data allow handed to the engine so far */
};

static bool alive(const struct process *p)
{
	return p->state == PROCESS_RUNNING || p->state == PROCESS_YIELDED ||
	       p->state == PROCESS_YIELDED_FOR;
}

static bool is_verify(enum digest_op op)
{
	return op == DIGEST_OP_VERIFY || op == DIGEST_OP_VERIFY_FINISH;
}

static const struct allow_slot *ro(struct digest_driver *dd, struct process *p, unsigned n)
{
	return &driver_ro(&dd->driver, p)[n];
}

/* Invariant: an allowed buffer lies in memory the process may read (RO) or write (RW), and
 * stays its memory while allowed (brk cannot take it back), so the kernel may copy it. */
static const uint8_t *user_bytes(const struct allow_slot *slot)
{
	return (const uint8_t *)(uintptr_t)slot->vaddr;
}

/* Returns: the owner's process if it is still the one that asked and alive, else NULL. */
static struct process *owner_process(struct digest_engine *e)
{
	struct process *p = process_by_pid(e->owner_pid);

	return p && alive(p) ? p : NULL;
}

static struct digest_state *state_of(struct digest_driver *dd, struct process *p)
{
	return driver_data_peek(&dd->driver, p);
}

/* Frees the engine (wiping what it held) and asks for the next operation to start. */
static void release(struct digest_engine *e)
{
	hil_digest_clear(e->hil);
	e->owner = NULL;
	e->owner_pid = 0;
	e->op = DIGEST_OP_NONE;
	memset(e->buf, 0, sizeof(e->buf));
	memset(e->digest, 0, sizeof(e->digest));
	deferred_call_schedule(&e->kick);
}

/* Answers the owner's operation with upcall (status, arg, 0) and frees the engine. */
static void complete(struct digest_engine *e, struct process *p, enum error_code status,
		     uint32_t arg)
{
	struct digest_driver *dd = e->owner;
	struct digest_state *s = state_of(dd, p);
	uint32_t subscribe = is_verify(e->op) ? DIGEST_SUBSCRIBE_VERIFY : DIGEST_SUBSCRIBE_HASH;

	s->op = DIGEST_OP_NONE;
	release(e);
	upcall_schedule(&dd->driver, p, subscribe, (uint32_t)status, arg, 0);
}

/* Starts an engine operation for the owner; a refusal answers the owner with the error. */
static void engine_call(struct digest_engine *e, struct process *p, enum error_code rc)
{
	if (rc == ERROR_NONE)
		e->in_flight = true;
	else
		complete(e, p, rc, 0);
}

/* Ends the owner's message: the digest for run and finish, a comparison for the verifies. */
static void end_message(struct digest_engine *e, struct process *p)
{
	struct digest_driver *dd = e->owner;
	const struct allow_slot *compare = ro(dd, p, DIGEST_ALLOW_RO_COMPARE);

	/* Checked at the command; the process may have allowed smaller buffers since. */
	if (!is_verify(e->op)) {
		if (driver_rw(&dd->driver, p)[DIGEST_ALLOW_RW_DEST].len < sizeof(e->digest))
			complete(e, p, ERROR_SIZE, 0);
		else
			engine_call(e, p, hil_digest_run(e->hil, e->digest, sizeof(e->digest)));
	} else if (compare->len < sizeof(e->digest)) {
		complete(e, p, ERROR_SIZE, 0);
	} else {
		memcpy(e->digest, user_bytes(compare), sizeof(e->digest));
		engine_call(e, p, hil_digest_verify(e->hil, e->digest, sizeof(e->digest)));
	}
}

/* Hands the engine the next piece of the owner's data allow, or goes on once all of it is in. */
static void feed(struct digest_engine *e, struct process *p)
{
	struct digest_driver *dd = e->owner;
	struct digest_state *s = state_of(dd, p);
	const struct allow_slot *data = ro(dd, p, DIGEST_ALLOW_RO_DATA);

	/* The process may allow another buffer meanwhile: never read past the current one. */
	if (s->offset < data->len) {
		uint32_t n = MIN(data->len - s->offset, (uint32_t)sizeof(e->buf));

		memcpy(e->buf, user_bytes(data) + s->offset, n);
		s->offset += n;
		engine_call(e, p, hil_digest_add_data(e->hil, e->buf, n));
		return;
	}
	if (e->op != DIGEST_OP_UPDATE) {
		end_message(e, p);
		return;
	}
	/* The message stays in the engine, which the owner keeps for its next command. */
	s->op = DIGEST_OP_NONE;
	e->op = DIGEST_OP_NONE;
	upcall_schedule(&dd->driver, p, DIGEST_SUBSCRIBE_HASH, ERROR_NONE, 0, 0);
}

/* Starts a new message for the owner: its mode, and for HMAC its key. */
static void begin(struct digest_engine *e, struct process *p)
{
	struct digest_driver *dd = e->owner;
	const struct allow_slot *key = ro(dd, p, DIGEST_ALLOW_RO_KEY);
	enum error_code rc;

	if (dd->mode != HIL_DIGEST_HMAC_SHA256) {
		rc = hil_digest_set_mode(e->hil, dd->mode, NULL, 0);
	} else if (key->len > sizeof(e->buf)) {
		rc = ERROR_SIZE; /* checked at the command; the process allowed another since */
	} else {
		if (key->len)
			memcpy(e->buf, user_bytes(key), key->len);
		rc = hil_digest_set_mode(e->hil, dd->mode, e->buf, key->len);
	}
	engine_call(e, p, rc);
}

/* Starts the owner's operation: a new message (with its key), or on with the held one; the
 * data allow is taken from its first byte. */
static void proceed(struct digest_engine *e, struct process *p, bool new_message)
{
	struct digest_state *s = state_of(e->owner, p);

	e->op = s->op;
	s->offset = 0;
	if (new_message)
		begin(e, p);
	else if (e->op == DIGEST_OP_FINISH || e->op == DIGEST_OP_VERIFY_FINISH)
		end_message(e, p);
	else
		feed(e, p);
}

/* Returns: whether (dd, p) has an operation waiting to start with a new message. */
static bool waiting(struct digest_driver *dd, struct process *p)
{
	struct digest_state *s = p && alive(p) ? state_of(dd, p) : NULL;

	return s &&
	       (s->op == DIGEST_OP_RUN || s->op == DIGEST_OP_UPDATE || s->op == DIGEST_OP_VERIFY);
}

/* Gives the free engine to the next waiting (process, driver) after the last one served. */
static void serve_next(struct digest_engine *e)
{
	unsigned positions = PROCESS_MAX * e->driver_count;

	if (positions == 0)
		return;
	for (unsigned k = 1; k <= positions; k++) {
		unsigned pos = (e->last_served + k) % positions;
		struct digest_driver *dd = e->drivers[pos % e->driver_count];
		struct process *p = process_get(pos / e->driver_count);

		if (waiting(dd, p)) {
			e->last_served = pos;
			e->owner = dd;
			e->owner_pid = p->pid;
			proceed(e, p, true);
			return;
		}
	}
}

static void kick(struct deferred_call *dc)
{
	struct digest_engine *e = container_of(dc, struct digest_engine, kick);
	struct process *p;

	if (e->in_flight)
		return; /* the completion goes on from there */
	if (e->owner) {
		p = owner_process(e);
		if (!p)
			release(e); /* it died holding the engine; release() kicks again */
		else if (state_of(e->owner, p)->op != DIGEST_OP_NONE)
			proceed(e, p, false);
		return;
	}
	serve_next(e);
}

/* ---- engine completions ---- */

/* Returns: the owner's process after a completion, or NULL (engine freed) if it is gone. */
static struct process *completed(struct digest_engine *e)
{
	struct process *p;

	e->in_flight = false;
	p = owner_process(e);
	if (!p)
		release(e);
	return p;
}

static void add_data_done(struct hil_digest_client *client, const uint8_t *buf, size_t len,
			  enum error_code rc)
{
	struct digest_engine *e = container_of(client, struct digest_engine, client);
	struct process *p = completed(e);

	(void)buf;
	(void)len;
	if (p && rc != ERROR_NONE)
		complete(e, p, rc, 0);
	else if (p)
		feed(e, p);
}

/* As add_data_done: the message has begun, and its data comes next. */
static void set_mode_done(struct hil_digest_client *client, const uint8_t *key, size_t key_len,
			  enum error_code rc)
{
	struct digest_engine *e = container_of(client, struct digest_engine, client);

	memset(e->buf, 0, sizeof(e->buf)); /* the key is in the engine now */
	add_data_done(client, key, key_len, rc);
}

static void hash_done(struct hil_digest_client *client, uint8_t *digest, enum error_code rc)
{
	struct digest_engine *e = container_of(client, struct digest_engine, client);
	struct process *p = completed(e);
	const struct allow_slot *dest;

	if (!p)
		return;
	dest = &driver_rw(&e->owner->driver, p)[DIGEST_ALLOW_RW_DEST];
	/* Checked at the command; the process may have allowed a smaller buffer since. */
	if (rc == ERROR_NONE && dest->len < HIL_DIGEST_SHA256_BYTES)
		rc = ERROR_SIZE;
	if (rc == ERROR_NONE)
		memcpy((uint8_t *)(uintptr_t)dest->vaddr, digest, HIL_DIGEST_SHA256_BYTES);
	complete(e, p, rc, 0);
}

static void verify_done(struct hil_digest_client *client, uint8_t *compare, bool equal,
			enum error_code rc)
{
	struct digest_engine *e = container_of(client, struct digest_engine, client);
	struct process *p = completed(e);

	(void)compare;
	if (p)
		complete(e, p, rc, rc == ERROR_NONE && equal);
}

/* ---- commands ---- */

/* Returns: whether p, through dd, owns the engine. */
static bool owns(struct digest_engine *e, struct digest_driver *dd, struct process *p)
{
	return e->owner == dd && e->owner_pid == p->pid;
}

/* Refuses what cannot succeed now: the sizes the operation needs from the allows. */
static enum error_code check_allows(struct digest_driver *dd, struct process *p, enum digest_op op)
{
	if (dd->mode == HIL_DIGEST_HMAC_SHA256 && op != DIGEST_OP_FINISH &&
	    op != DIGEST_OP_VERIFY_FINISH &&
	    ro(dd, p, DIGEST_ALLOW_RO_KEY)->len > DIGEST_CHUNK_BYTES)
		return ERROR_SIZE;
	if ((op == DIGEST_OP_RUN || op == DIGEST_OP_FINISH) &&
	    driver_rw(&dd->driver, p)[DIGEST_ALLOW_RW_DEST].len < HIL_DIGEST_SHA256_BYTES)
		return ERROR_SIZE;
	if (is_verify(op) && ro(dd, p, DIGEST_ALLOW_RO_COMPARE)->len < HIL_DIGEST_SHA256_BYTES)
		return ERROR_SIZE;
	return ERROR_NONE;
}

static struct syscall_return request(struct digest_driver *dd, struct process *p,
				     struct digest_state *s, enum digest_op op)
{
	struct digest_engine *e = dd->engine;
	bool continues = op == DIGEST_OP_FINISH || op == DIGEST_OP_VERIFY_FINISH;
	enum error_code rc;

	if (continues && (!owns(e, dd, p) || s->op != DIGEST_OP_NONE))
		/* Upstream: finish without a preceding update is OFF, not queued. */
		return syscall_failure(owns(e, dd, p) ? ERROR_BUSY : ERROR_OFF);
	if (!s->algorithm_set)
		return syscall_failure(ERROR_INVAL);
	/* One operation per process: BUSY while its own runs, NOMEM while it waits (upstream). */
	if (s->op != DIGEST_OP_NONE)
		return syscall_failure(owns(e, dd, p) ? ERROR_BUSY : ERROR_NOMEM);
	rc = check_allows(dd, p, op);
	if (rc != ERROR_NONE)
		return syscall_failure(rc);
	s->op = (uint8_t)op;
	s->offset = 0;
	/* It starts from the kernel loop, never inside this call, when its turn comes. */
	deferred_call_schedule(&e->kick);
	return syscall_success();
}

static struct syscall_return command(struct driver *d, struct process *p, uint32_t cmd,
				     uint32_t arg1, uint32_t arg2)
{
	struct digest_driver *dd = container_of(d, struct digest_driver, driver);
	struct digest_state *s = driver_data(d, p);

	(void)arg2;
	if (cmd > DIGEST_CMD_VERIFY_FINISH)
		return syscall_failure(ERROR_NOSUPPORT);
	if (!s)
		return syscall_failure(ERROR_NOMEM);
	if (cmd != DIGEST_CMD_SET_ALGORITHM)
		return request(dd, p, s, (enum digest_op)cmd); /* numbered alike */
	if (arg1 != DIGEST_ALGORITHM_SHA256)
		return syscall_failure(ERROR_NOSUPPORT); /* only SHA-256 is implemented */
	s->algorithm_set = true;
	return syscall_success();
}

void digest_engine_init(struct digest_engine *engine, struct hil_digest *hil)
{
	*engine = (struct digest_engine){
	    .hil = hil,
	    .client =
		{
		    .set_mode_done = set_mode_done,
		    .add_data_done = add_data_done,
		    .hash_done = hash_done,
		    .verify_done = verify_done,
		},
	    .last_served = UINT_MAX, /* none yet: slot 0 comes first */
	};
	hil->client = &engine->client;
	deferred_call_register(&engine->kick, kick);
}

void digest_driver_init(struct digest_driver *dd, struct digest_engine *engine, uint32_t number,
			enum hil_digest_mode mode)
{
	KASSERT(engine->driver_count < DIGEST_DRIVERS_MAX);
	KASSERT(mode == HIL_DIGEST_SHA256 || mode == HIL_DIGEST_HMAC_SHA256);
	*dd = (struct digest_driver){
	    .driver =
		{
		    .number = number,
		    .upcalls = DIGEST_UPCALLS,
		    .ro_allows = DIGEST_RO_ALLOWS,
		    .rw_allows = DIGEST_RW_ALLOWS,
		    .data_bytes = sizeof(struct digest_state),
		},
	    .engine = engine,
	    .mode = mode,
	};
	dd->driver.command = command;
	engine->drivers[engine->driver_count++] = dd;
	driver_register(&dd->driver);
}
