/* SPDX-License-Identifier: MIT */
/* The alarm driver (0x0): the tick counter, its frequency, and blocking sleeps. */
#include "apps/runtime/alarm.h"

#include <stddef.h>

#include "apps/runtime/tock.h"

enum error_code alarm_frequency(uint32_t *hz)
{
	return tock_return_u32(tock_command(ALARM_DRIVER, ALARM_CMD_FREQUENCY, 0, 0), hz);
}

enum error_code alarm_now(uint32_t *ticks)
{
	return tock_return_u32(tock_command(ALARM_DRIVER, ALARM_CMD_NOW, 0, 0), ticks);
}

/* Never run: the sleeps collect the upcall with yield-wait-for (see console.c's write_done). */
static void fired(uint32_t now, uint32_t expiration, uint32_t unused, void *data)
{
	(void)now;
	(void)expiration;
	(void)unused;
	(void)data;
}

enum error_code alarm_sleep_until(uint32_t reference, uint32_t dt_ticks)
{
	enum error_code rc;
	uint32_t now;

	if (dt_ticks > ALARM_MAX_WAIT_TICKS)
		return ERROR_INVAL;
	/* Subscribing drops an upcall left queued by an earlier alarm, so the one collected below
	 * is this one's; the loop still re-reads the counter rather than trust that. */
	rc = tock_return_error(tock_subscribe(ALARM_DRIVER, ALARM_SUBSCRIBE_FIRED, fired, NULL));
	for (;;) {
		uint32_t elapsed;

		if (rc == ERROR_NONE)
			rc = alarm_now(&now);
		if (rc != ERROR_NONE)
			return rc;
		elapsed = now - reference;
		if (elapsed >= dt_ticks)
			return ERROR_NONE;
		rc = tock_return_error(
		    tock_command(ALARM_DRIVER, ALARM_CMD_SET_RELATIVE, dt_ticks - elapsed, 0));
		if (rc != ERROR_NONE)
			return rc;
		tock_yield_wait_for(ALARM_DRIVER, ALARM_SUBSCRIBE_FIRED);
	}
}

enum error_code alarm_ms_to_ticks(uint32_t ms, uint32_t *ticks)
{
	uint32_t hz;
	uint64_t t;
	enum error_code rc = alarm_frequency(&hz);

	if (rc != ERROR_NONE)
		return rc;
	t = ((uint64_t)ms * hz + 999) / 1000;
	if (t > UINT32_MAX)
		return ERROR_SIZE;
	*ticks = (uint32_t)t;
	return ERROR_NONE;
}

enum error_code alarm_delay_ms(uint32_t ms)
{
	uint32_t hz, start;
	uint64_t ticks;
	enum error_code rc = alarm_frequency(&hz);

	if (rc == ERROR_NONE)
		rc = alarm_now(&start);
	if (rc != ERROR_NONE)
		return rc;
	/* Long delays go in steps from one fixed start, so the steps add no drift. */
	ticks = ((uint64_t)ms * hz + 999) / 1000;
	while (ticks > 0) {
		uint32_t step =
		    ticks > ALARM_MAX_WAIT_TICKS ? ALARM_MAX_WAIT_TICKS : (uint32_t)ticks;

		rc = alarm_sleep_until(start, step);
		if (rc != ERROR_NONE)
			return rc;
		start += step;
		ticks -= step;
	}
	return ERROR_NONE;
}
