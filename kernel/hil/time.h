/* SPDX-License-Identifier: MIT */
/* Time HIL: a free-running counter and one one-shot alarm on it. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "lib/error.h"

struct hil_alarm;

struct hil_alarm_client {
	/* The alarm's time has come; the alarm is disarmed before this is called. */
	void (*alarm_fired)(struct hil_alarm_client *client);
};

struct hil_alarm_ops {
	/* Returns: the counter's rate in Hz (constant). */
	uint32_t (*frequency_hz)(struct hil_alarm *alarm);
	/* Returns: the counter; it only moves forward and wraps at 2^32. */
	uint32_t (*now)(struct hil_alarm *alarm);
	/*
	 * Arms the alarm for reference + dt (mod 2^32), replacing any armed one. If that time
	 * has already passed (now - reference >= dt), it fires as soon as possible.
	 */
	void (*set_alarm)(struct hil_alarm *alarm, uint32_t reference, uint32_t dt);
	/* Returns: the time the alarm is (or was last) set for. */
	uint32_t (*get_alarm)(struct hil_alarm *alarm);
	/* Returns: NONE; ALREADY if it was not armed. */
	enum error_code (*disarm)(struct hil_alarm *alarm);
	bool (*is_armed)(struct hil_alarm *alarm);
};

struct hil_alarm {
	const struct hil_alarm_ops *ops;
	struct hil_alarm_client *client;
};

static inline uint32_t hil_alarm_frequency_hz(struct hil_alarm *a)
{
	return a->ops->frequency_hz(a);
}

static inline uint32_t hil_alarm_now(struct hil_alarm *a)
{
	return a->ops->now(a);
}

static inline void hil_alarm_set(struct hil_alarm *a, uint32_t reference, uint32_t dt)
{
	a->ops->set_alarm(a, reference, dt);
}

static inline uint32_t hil_alarm_get(struct hil_alarm *a)
{
	return a->ops->get_alarm(a);
}

static inline enum error_code hil_alarm_disarm(struct hil_alarm *a)
{
	return a->ops->disarm(a);
}

static inline bool hil_alarm_is_armed(struct hil_alarm *a)
{
	return a->ops->is_armed(a);
}
