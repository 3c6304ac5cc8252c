/* SPDX-License-Identifier: MIT */
/* Alarm driver: command 1 frequency, 2 now, 3 stop, 5 set relative, 6 set absolute; the
 * expiry upcall (subscribe 0) gets (now, expiration, 0). */
#include "capsules/alarm.h"

#include <stdbool.h>

#include "kernel/process.h"
#include "lib/compiler.h"

struct alarm_state { /* per process, in its grant */
	bool armed;
	uint32_t reference, dt;
};

static uint32_t left(const struct alarm_state *s, uint32_t now)
{
	uint32_t elapsed = now - s->reference;

	return elapsed >= s->dt ? 0 : s->dt - elapsed;
}

/*
 * Delivers the process alarms that are due if deliver (the one alarm fired), then arms the one
 * alarm for the soonest of the others, or disarms it.
 */
static void update(struct alarm_driver *ad, bool deliver)
{
	struct hil_alarm *a = &ad->va.alarm;
	uint32_t now = hil_alarm_now(a), soonest = UINT32_MAX;
	bool any = false;

	for (unsigned i = 0; i < PROCESS_MAX; i++) {
		struct process *p = process_get(i);
		struct alarm_state *s = p ? driver_data_peek(&ad->driver, p) : NULL;

		if (!s || !s->armed)
			continue;
		uint32_t l = left(s, now);

		if (l || !deliver) {
			soonest = MIN(soonest, l);
			any = true;
		} else {
			s->armed = false;
			upcall_schedule(&ad->driver, p, 0, now, s->reference + s->dt, 0);
		}
	}
	if (any)
		hil_alarm_set(a, now, soonest);
	else /* just ALREADY if it is not armed */
		hil_alarm_disarm(a);
}

static void fired(struct hil_alarm_client *client)
{
	update(container_of(client, struct alarm_driver, client), true);
}

static struct syscall_return command(struct driver *d, struct process *p, uint32_t cmd,
				     uint32_t arg1, uint32_t arg2)
{
	struct alarm_driver *ad = container_of(d, struct alarm_driver, driver);
	struct hil_alarm *a = &ad->va.alarm;
	uint32_t reference = arg1, dt = arg2;
	struct alarm_state *s;

	switch (cmd) {
	case 0:
		return syscall_success();
	case 1:
		return syscall_success_u32(hil_alarm_frequency_hz(a));
	case 2:
		return syscall_success_u32(hil_alarm_now(a));
	case 3:
		s = driver_data(d, p);
		if (!s)
			return syscall_failure(ERROR_NOMEM);
		if (!s->armed)
			return syscall_failure(ERROR_ALREADY);
		s->armed = false;
		update(ad, false);
		return syscall_success();
	case 5: /* relative: dt from now */
		reference = hil_alarm_now(a);
		dt = arg1;
		/* fall through */
	case 6:
		s = driver_data(d, p);
		if (!s)
			return syscall_failure(ERROR_NOMEM);
		s->armed = true;
		s->reference = reference;
		s->dt = dt;
		update(ad, false);
		return syscall_success_u32(reference + dt);
	default:
		return syscall_failure(ERROR_NOSUPPORT);
	}
}

void alarm_driver_init(struct alarm_driver *ad, struct alarm_mux *mux)
{
	ad->driver = (struct driver){
	    .number = ALARM_DRIVER,
	    .upcalls = 1,
	    .data_bytes = sizeof(struct alarm_state),
	    .command = command,
	};
	virtual_alarm_init(&ad->va, mux);
	ad->client.alarm_fired = fired;
	ad->va.alarm.client = &ad->client;
	driver_register(&ad->driver);
}
