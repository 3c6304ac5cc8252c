/* SPDX-License-Identifier: MIT */
/* The alarm driver (0x0): the tick counter, its frequency, and blocking sleeps. */
#pragma once

#include <stdint.h>

#include "lib/error.h"

#define ALARM_DRIVER	       0x0
#define ALARM_CMD_FREQUENCY    1
#define ALARM_CMD_NOW	       2
#define ALARM_CMD_STOP	       3
#define ALARM_CMD_SET_RELATIVE 5
#define ALARM_CMD_SET_ABSOLUTE 6
#define ALARM_SUBSCRIBE_FIRED  0 /* upcall (now, expiration, 0) */

/* The longest single wait: half the 32-bit counter, so wrapped differences stay unambiguous. */
#define ALARM_MAX_WAIT_TICKS 0x7FFFFFFFu

/* Returns: ERROR_NONE with the counter's frequency, or ERROR_NODEVICE without an alarm. */
enum error_code alarm_frequency(uint32_t *hz);

/* Returns: ERROR_NONE with the counter's value (it wraps at 2^32), or ERROR_NODEVICE. */
enum error_code alarm_now(uint32_t *ticks);

/*
 * Sleeps until the counter has advanced dt_ticks past reference (both wrap), returning at once
 * if it already has. Meant for drift-free periods: sleep_until(t, p); t += p; ... The wait is a
 * yield-wait-for, so no other upcall runs inside it.
 * Returns: ERROR_NONE; ERROR_INVAL if dt_ticks > ALARM_MAX_WAIT_TICKS; the driver's error.
 */
enum error_code alarm_sleep_until(uint32_t reference, uint32_t dt_ticks);

/* Sleeps for at least ms milliseconds, any length. Returns: as alarm_sleep_until(). */
enum error_code alarm_delay_ms(uint32_t ms);

/* Returns: ERROR_NONE with the ticks in ms milliseconds, rounded up; ERROR_SIZE past 32 bits. */
enum error_code alarm_ms_to_ticks(uint32_t ms, uint32_t *ticks);
