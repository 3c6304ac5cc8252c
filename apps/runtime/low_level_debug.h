/* SPDX-License-Identifier: MIT */
/* The low-level debug driver (0x8): alert codes and numbers printed by the kernel for the app. */
#pragma once

/* Shared with crt0.S. */
#define LOW_LEVEL_DEBUG_DRIVER	    0x8
#define LOW_LEVEL_DEBUG_CMD_ALERT   1
#define LOW_LEVEL_DEBUG_CMD_PRINT_1 2
#define LOW_LEVEL_DEBUG_CMD_PRINT_2 3

/* Alert codes: 1 and 2 are upstream's, 3 is this runtime's. */
#define LOW_LEVEL_DEBUG_ALERT_PANIC	     0x01 /* the app panicked */
#define LOW_LEVEL_DEBUG_ALERT_WRONG_LOCATION 0x02 /* the app was not where it was linked */
#define LOW_LEVEL_DEBUG_ALERT_BRK_FAILED     0x03 /* crt0 could not brk over its RAM image */

#ifndef __ASSEMBLER__

#include <stdint.h>

#include "lib/error.h"

/*
 * Each asks the kernel to print one line naming the app, without allow or upcall, so it works
 * when nothing else does. Returns: ERROR_NONE, or ERROR_NODEVICE without the driver.
 */
enum error_code low_level_debug_alert(uint32_t code);
enum error_code low_level_debug_print(uint32_t value);
enum error_code low_level_debug_print2(uint32_t value0, uint32_t value1);

#endif /* __ASSEMBLER__ */
