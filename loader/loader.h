/* SPDX-License-Identifier: MIT */
/* The loader's core, independent of how it was started: verify the image, copy the kernel. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/compiler.h"
#include "loader/boot_info.h"

/* What the entry shim found and how the loader reaches the outside world. */
struct loader_env {
	const uint8_t *storage; /* the firmware image as found in storage */
	uint8_t *sram;		/* where the SRAM window (bi->sram_paddr) is accessible */
	struct boot_info *bi;	/* sram, loader, storage, memory map and cmdline filled in */
	void (*write)(const char *s, size_t len); /* console output (polled) */
	NORETURN void (*stop)(void);		  /* give up: called after the reason is printed */
	uint64_t (*cycles)(void);		  /* a cycle counter for the boot stamps, or NULL */
	/* Jumps to the kernel (on x86: EAX = BOOT_INFO_MAGIC, EBX = bi). */
	NORETURN void (*enter)(uint32_t entry_paddr, struct boot_info *bi);
};

/* Verifies the image, copies the kernel into SRAM, fills in bi and jumps to the kernel. */
NORETURN void loader_boot(struct loader_env *env);

/* Prints "loader: REFUSED: <message>" and stops; for the shim's own checks too. */
NORETURN void loader_refuse(struct loader_env *env, const char *fmt, ...) PRINTF_LIKE(2, 3);

void loader_printf(struct loader_env *env, const char *fmt, ...) PRINTF_LIKE(2, 3);
