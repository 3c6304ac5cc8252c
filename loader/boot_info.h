/* SPDX-License-Identifier: MIT */
/* What the loader hands the kernel (pointer in EBX, BOOT_INFO_MAGIC in EAX). */
#pragma once

#include <stdint.h>

#include "lib/compiler.h"
#include "lib/sha256.h"

/* The loader jumps to the kernel with this in EAX and the struct's address in EBX. */
#define BOOT_INFO_MAGIC		0x544b4249u /* "IBKT" */
#define BOOT_INFO_VERSION	1
#define BOOT_INFO_MEM_REGIONS	16
#define BOOT_INFO_CMDLINE_BYTES 128

enum boot_mem_type {
	BOOT_MEM_USABLE = 1,   /* RAM the firmware may use */
	BOOT_MEM_RESERVED = 2, /* anything else */
};

struct boot_mem_region {
	uint64_t base;	/* physical start */
	uint64_t bytes; /* length */
	uint32_t type;	/* enum boot_mem_type */
	uint32_t reserved;
};

/*
 * Every address is physical. The loader fills it in its own memory; the kernel copies it before
 * it touches anything else, so nothing here needs to survive the handover.
 */
struct boot_info {
	uint32_t magic;	  /* BOOT_INFO_MAGIC */
	uint32_t version; /* BOOT_INFO_VERSION */
	uint32_t size;	  /* sizeof(struct boot_info): catches a loader/kernel mismatch */
	uint32_t flags;	  /* reserved, 0 */

	uint32_t sram_paddr, sram_bytes;       /* the SRAM window everything runs in */
	uint32_t loader_paddr, loader_bytes;   /* the loader itself (must not be reused) */
	uint32_t storage_paddr, storage_bytes; /* the firmware image as found in storage */
	uint32_t kernel_paddr, kernel_bytes;   /* the kernel's range in SRAM, bss included */
	uint32_t apps_paddr, apps_bytes;       /* the app region (TBFs), in storage */

	uint8_t kernel_sha256[SHA256_DIGEST_BYTES]; /* measurement of the kernel segment */

	/* CPU cycle counter (TSC) stamps, for the boot benchmarks (0 where there is none). */
	uint64_t cycles_loader_entry;		     /* first thing the loader did */
	uint64_t cycles_hash_start, cycles_hash_end; /* around hashing the kernel's copy */
	uint32_t kernel_file_bytes;		     /* bytes of the kernel that were hashed */
	uint32_t reserved2;

	uint32_t mem_region_count;   /* valid entries in mem_regions */
	uint32_t kernel_entry_paddr; /* where the loader entered the kernel */
	struct boot_mem_region mem_regions[BOOT_INFO_MEM_REGIONS]; /* firmware memory map */

	char cmdline[BOOT_INFO_CMDLINE_BYTES]; /* boot options, NUL-terminated */
};
STATIC_ASSERT(sizeof(struct boot_mem_region) == 24);
STATIC_ASSERT(sizeof(struct boot_info) == 128 + 24 * BOOT_INFO_MEM_REGIONS + 128);
