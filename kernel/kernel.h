/* SPDX-License-Identifier: MIT */
/* The kernel loop and the kernel-wide facts a platform hands it. */
#pragma once

#include "lib/compiler.h"

/*
 * Runs forever: bottom halves of pending interrupts, then deferred calls, then (when nothing
 * is left) idles until the next interrupt.
 */
NORETURN void kernel_loop(void);

#include <stdint.h>

/* Where the kernel and the memory it manages are; set once by the platform at boot. */
struct kernel_layout {
	uint32_t sram_start, sram_end;	     /* the SRAM window */
	uint32_t text_start, text_end;	     /* code and read-only data (mapped read-only) */
	uint32_t data_start, data_end;	     /* data and bss */
	uint32_t free_start;		     /* first SRAM byte the kernel image does not use */
	uint32_t storage_start, storage_end; /* the firmware image in storage (read-only) */
	uint8_t measurement[32];	     /* SHA-256 of the kernel, as the loader measured it */
	const char *platform;		     /* platform name */
};

void kernel_set_layout(const struct kernel_layout *layout);
const struct kernel_layout *kernel_get_layout(void);
