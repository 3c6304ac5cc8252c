/* SPDX-License-Identifier: MIT */
/* Low-level debug driver 0x8: alert codes and numbers printed on the kernel console. */
#pragma once

#include "kernel/driver.h"

#define LOW_LEVEL_DEBUG_DRIVER 0x8

void low_level_debug_init(struct driver *d);
