/* SPDX-License-Identifier: MIT */
/* Two-level 4 KiB paging (SDM 3A 4.3): the kernel's identity map. */
#pragma once

#include <stdint.h>

#include "lib/error.h"

#define PAGE_BYTES 4096u
#define PTE_P	   (1u << 0) /* present */
#define PTE_W	   (1u << 1) /* writable */
#define PTE_U	   (1u << 2) /* user accessible */
#define PTE_A	   (1u << 5) /* accessed */
#define PTE_D	   (1u << 6) /* dirty */

/*
 * Identity-maps [start, end) with the given PTE flags, rounding out to whole pages. Page tables
 * come from a small static pool.
 * Returns: ERROR_NONE; ERROR_NOMEM when the pool is exhausted; ERROR_INVAL on an empty or
 * wrapping range.
 */
enum error_code x86_paging_map(uint32_t start, uint32_t end, uint32_t flags);

/* Unmaps the pages of [start, end) (which must be mapped) and flushes them from the TLB. */
void x86_paging_unmap(uint32_t start, uint32_t end);

/* Loads the page directory and sets CR0.PG and CR0.WP (the kernel cannot write RO pages). */
void x86_paging_enable(void);

/* Returns: the page-table entry for vaddr, or NULL when no page table covers it. */
uint32_t *x86_paging_pte(uint32_t vaddr);

/* Returns: the PTE that maps vaddr, or 0 when none does. */
uint32_t x86_paging_lookup(uint32_t vaddr);
