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
	uint32_t kernel_file_bytes;	     /* bytes the loader hashed */
	uint64_t cycles_loader_entry;	     /* cycle counter stamps of the boot (0: unknown) */
	uint64_t cycles_hash_start, cycles_hash_end;
	uint64_t cycles_kernel_entry;
	const char *platform; /* platform name */
};

void kernel_set_layout(const struct kernel_layout *layout);

/* Cycle counter when the first process first ran (0: not yet); set by process_run. */
extern uint64_t kernel_first_app_cycles;
const struct kernel_layout *kernel_get_layout(void);
