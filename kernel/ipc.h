/* SPDX-License-Identifier: MIT */
/* IPC, driver 0x10000 (upstream's interface): discover a service by package name, notify
 * services and clients, share a buffer with another process by allow. */
#pragma once

#include <stdint.h>

#include "kernel/driver.h"

#define IPC_DRIVER 0x10000

struct process;

/* Registers the IPC driver. */
void ipc_init(void);

/*
 * The pages of other processes' memory shared with p right now (they allowed a buffer to
 * p's index): up to max page ranges, written to start[]/end[], the rest zeroed. Only whole
 * pages inside a shared buffer are shared (protection is page granular).
 */
void ipc_shared_regions(const struct process *p, uint32_t *start, uint32_t *end, unsigned max);
