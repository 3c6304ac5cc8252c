/* SPDX-License-Identifier: MIT */
/* Multiboot v1 information structure (Multiboot Specification 0.6.96, section 3.3). */
#pragma once

#include <stdint.h>

#include "lib/compiler.h"

#define MULTIBOOT_BOOT_MAGIC 0x2badb002 /* in EAX at entry */

#define MBI_FLAG_MEM	 (1u << 0) /* mem_lower/mem_upper valid */
#define MBI_FLAG_CMDLINE (1u << 2) /* cmdline valid */
#define MBI_FLAG_MODS	 (1u << 3) /* mods_* valid */
#define MBI_FLAG_MMAP	 (1u << 6) /* mmap_* valid */

struct multiboot_info {
	uint32_t flags;	      /* which fields below are valid */
	uint32_t mem_lower;   /* KiB below 1 MiB */
	uint32_t mem_upper;   /* KiB above 1 MiB */
	uint32_t boot_device; /* BIOS disk */
	uint32_t cmdline;     /* paddr of the kernel command line */
	uint32_t mods_count;  /* number of modules */
	uint32_t mods_addr;   /* paddr of the module array */
	uint32_t syms[4];     /* a.out or ELF symbols */
	uint32_t mmap_length; /* bytes of memory map */
	uint32_t mmap_addr;   /* paddr of the memory map */
};
STATIC_ASSERT(sizeof(struct multiboot_info) == 52);

struct multiboot_module {
	uint32_t mod_start; /* first byte */
	uint32_t mod_end;   /* one past the last byte */
	uint32_t string;    /* paddr of its command line */
	uint32_t reserved;
};

/* Each entry is preceded by its size, which excludes the size field itself. */
struct PACKED multiboot_mmap_entry {
	uint32_t size;
	uint64_t base;
	uint64_t length;
	uint32_t type; /* 1 = available RAM */
};
