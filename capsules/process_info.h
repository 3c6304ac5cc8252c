/* SPDX-License-Identifier: MIT */
/* Process info driver 0x10002: what processes exist, their names, states and memory. */
#pragma once

#include "kernel/driver.h"

#define PROCESS_INFO_DRIVER 0x10002

void process_info_init(struct driver *d);
