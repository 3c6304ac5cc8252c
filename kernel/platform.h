/* SPDX-License-Identifier: MIT */
/* The entry every platform provides; the architecture calls it once the CPU is set up. */
#pragma once

#include "lib/compiler.h"

struct boot_info;

/*
 * Called with the GDT and IDT loaded, interrupts off, paging off, on the kernel stack, with
 * the kernel's own copy of the loader's boot info (all zero if the handover was bad). Wires
 * drivers to HILs, starts the kernel loop and never returns.
 */
NORETURN void platform_main(const struct boot_info *bi);
