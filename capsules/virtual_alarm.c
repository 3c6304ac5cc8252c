/* SPDX-License-Identifier: MIT */
/* Alarm virtualisation: the hardware alarm is always set for the earliest armed virtual one. */
#include "capsules/virtual_alarm.h"

#include "lib/compiler.h"

static struct virtual_alarm *to_va(struct hil_alarm *a)
{
	return container_of(a, struct virtual_alarm, alarm);
}

/* Whether va's time has come; differences are wrap-safe modulo 2^32. */
static bool due(const struct virtual_alarm *va, uint32_t now)
{
	return now - va->reference >= va->dt;
}

/* Time left until va fires, 0 if due. */
static uint32_t remaining(const struct virtual_alarm *va, uint32_t now)
{
	return due(va, now) ? 0 : va->dt - (now - va->reference);
}

static void rearm(struct alarm_mux *mux)
{
	uint32_t now = hil_alarm_now(mux->hw), soonest = UINT32_MAX;
	bool any = false;

	for (struct virtual_alarm *va = mux->head; va; va = va->next) {
		if (va->armed) {
			soonest = MIN(soonest, remaining(va, now));
			any = true;
		}
	}
	if (any)
		hil_alarm_set(mux->hw, now, soonest);
	else /* just ALREADY if it is not armed */
		hil_alarm_disarm(mux->hw);
}

static void fired(struct hil_alarm_client *client)
{
	struct alarm_mux *mux = container_of(client, struct alarm_mux, client);

	for (struct virtual_alarm *va = mux->head; va; va = va->next) {
		/* Time is read afresh: an earlier callback may have taken long and re-armed its
		 * alarm, which must then wait its full time, not be judged by a stale now. */
		if (!va->armed || !due(va, hil_alarm_now(mux->hw)))
			continue;
		va->armed = false; /* before the callback, which may arm it again */
		if (va->alarm.client)
			va->alarm.client->alarm_fired(va->alarm.client);
	}
	rearm(mux);
}

static uint32_t frequency_hz(struct hil_alarm *a)
{
	return hil_alarm_frequency_hz(to_va(a)->mux->hw);
}

static uint32_t now(struct hil_alarm *a)
{
	return hil_alarm_now(to_va(a)->mux->hw);
}

static void set_alarm(struct hil_alarm *a, uint32_t reference, uint32_t dt)
{
	struct virtual_alarm *va = to_va(a);

	va->reference = reference;
	va->dt = dt;
	va->armed = true;
	rearm(va->mux);
}

static uint32_t get_alarm(struct hil_alarm *a)
{
	return to_va(a)->reference + to_va(a)->dt;
}

static enum error_code disarm(struct hil_alarm *a)
{
	struct virtual_alarm *va = to_va(a);

	if (!va->armed)
		return ERROR_ALREADY;
	va->armed = false;
	rearm(va->mux);
	return ERROR_NONE;
}

static bool is_armed(struct hil_alarm *a)
{
	return to_va(a)->armed;
}

static const struct hil_alarm_ops virtual_alarm_ops = {
    .frequency_hz = frequency_hz,
    .now = now,
    .set_alarm = set_alarm,
    .get_alarm = get_alarm,
    .disarm = disarm,
    .is_armed = is_armed,
};

void alarm_mux_init(struct alarm_mux *mux, struct hil_alarm *hw)
{
	mux->hw = hw;
	mux->client.alarm_fired = fired;
	hw->client = &mux->client;
}

void virtual_alarm_init(struct virtual_alarm *va, struct alarm_mux *mux)
{
	va->alarm.ops = &virtual_alarm_ops;
	va->mux = mux;
	va->next = mux->head;
	mux->head = va;
}
