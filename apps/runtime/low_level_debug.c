/* SPDX-License-Identifier: MIT */
/* The low-level debug driver (0x8): alert codes and numbers printed by the kernel for the app. */
#include "apps/runtime/low_level_debug.h"

#include "apps/runtime/tock.h"

enum error_code low_level_debug_alert(uint32_t code)
{
	return tock_return_error(
	    tock_command(LOW_LEVEL_DEBUG_DRIVER, LOW_LEVEL_DEBUG_CMD_ALERT, code, 0));
}

enum error_code low_level_debug_print(uint32_t value)
{
	return tock_return_error(
	    tock_command(LOW_LEVEL_DEBUG_DRIVER, LOW_LEVEL_DEBUG_CMD_PRINT_1, value, 0));
}

enum error_code low_level_debug_print2(uint32_t value0, uint32_t value1)
{
	return tock_return_error(
	    tock_command(LOW_LEVEL_DEBUG_DRIVER, LOW_LEVEL_DEBUG_CMD_PRINT_2, value0, value1));
}
