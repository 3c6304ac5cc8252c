/* SPDX-License-Identifier: MIT */
/* The process loader: checks each TBF of the app region, copies it into SRAM, places it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"

#define PROCESS_LOADER_MAX_APPS 8
#define PROCESS_PAGE_BYTES	4096u
#define PROCESS_MIN_RAM_BYTES	36u /* 4 argument words, a return address, 4 scratch words */

/* Where SRAM for apps is, and how the kernel sees it (identity on target, a buffer on host). */
struct process_memory {
	uint32_t start_vaddr, end_vaddr; /* page aligned: the SRAM apps may be placed in */
	uint8_t *host;			 /* host view of start_vaddr */
};

/* Loader policy, set by the platform. */
struct process_loader_config {
	uint16_t kernel_major, kernel_minor; /* apps need ^major.minor of this */
	uint32_t grant_bytes;		     /* kernel memory reserved per process, from its RAM */
	bool require_credentials;	     /* refuse apps with no SHA-256 credential */
};

/*
 * One app, placed and copied. Its memory, all page aligned and disjoint from every other app's:
 *
 *   flash_start            binary_vaddr            binary_end      text_end
 *   | TBF header, trailer  | binary (code, rodata, | footers, zero  |
 *   |                      |  .data image)         | fill          |
 *   ram_start                                                                   ram_end
 *   | app RAM (minimum_ram_size, grows by brk) ... grants (grant_bytes, grow down) | table |
 *
 * (table: ARCH_MPU_TABLE_BYTES for the process's protection; none on some architectures)
 *
 * RAM always lies above the text, so a code segment ending at text_end never covers it.
 */
struct app {
	const char *name; /* package name, in the SRAM copy; not NUL-terminated */
	uint32_t name_len;
	uint32_t flash_start;		   /* first page of the TBF copy */
	uint32_t tbf_start;		   /* the TBF copy's first byte: memop 4 (flash start) */
	uint32_t binary_vaddr, binary_end; /* the binary; binary_end is memop 5 (flash end) */
	uint32_t text_end;		   /* end of the flash pages */
	uint32_t entry_vaddr;		   /* init function */
	uint32_t ram_start, ram_end;	   /* page aligned */
	uint32_t min_ram_bytes;		   /* the TBF's minimum_ram_size */
	bool relocated;			   /* placed by the kernel (relocations applied) */
	bool signed_sha256;		   /* a SHA-256 credential matched */
	uint32_t storage_offset;	   /* of the TBF in the app region */
};

struct process_loader_result {
	/* Before the array: within reach of a one-byte offset on i386. */
	unsigned count;	  /* apps loaded */
	unsigned skipped; /* apps reported and skipped */
	struct app apps[PROCESS_LOADER_MAX_APPS];
};

/*
 * Walks the app region (apps_bytes at apps, read-only storage) by total_size. Each TBF is
 * checked (header, checksum, every TLV, kernel version, credentials), placed (at its fixed
 * addresses, or anywhere when it can be relocated), copied into SRAM, checked again on the copy
 * (so storage changing meanwhile cannot matter) and relocated. A bad or unplaceable app is
 * reported through report() with its name and the reason, and skipped; the rest still load.
 * Erased storage (all 0x00 or 0xff) ends the list.
 */
void process_loader_load(const uint8_t *apps, uint32_t apps_bytes, const struct process_memory *mem,
			 const struct process_loader_config *config,
			 void (*report)(const char *fmt, ...), struct process_loader_result *out);
