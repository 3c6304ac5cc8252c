/* SPDX-License-Identifier: MIT */
/* Prints "tick N" once a second, forever, on a drift-free period of the alarm. */
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"
#include "apps/runtime/low_level_debug.h"

#define PERIOD_MS 1000

int main(void)
{
	uint32_t period, next;
	enum error_code rc = alarm_ms_to_ticks(PERIOD_MS, &period);

	if (rc == ERROR_NONE)
		rc = alarm_now(&next);
	if (rc != ERROR_NONE) {
		console_printf("%s: no alarm: error %d\n", APP_NAME, rc);
		return rc;
	}
	for (uint32_t n = 1;; n++) {
		/* From the previous deadline, not from now: printing does not make it drift. */
		rc = alarm_sleep_until(next, period);
		if (rc != ERROR_NONE) {
			low_level_debug_print2(n, rc);
			return rc;
		}
		next += period;
		console_printf("tick %u\n", (unsigned)n);
	}
}
