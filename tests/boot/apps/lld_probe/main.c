/* SPDX-License-Identifier: MIT */
/* Test app: the three low-level debug commands (driver 0x8). */
#include "apps/runtime/low_level_debug.h"

int main(void)
{
	low_level_debug_alert(0x2a);
	low_level_debug_print(0x123);
	low_level_debug_print2(0x456, 0x789);
	return 0;
}
