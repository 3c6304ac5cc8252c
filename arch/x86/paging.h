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

/*
 * Per-process maps. The apps live in one 4 MiB region, the user window [start, end) (the
 * platform's SRAM window; it must not cross a 4 MiB boundary and must be mapped already). Each
 * process has its own copy of the page table for that region, with user access on its own
 * pages only; switching processes swaps one directory entry. The kernel's own map of the
 * region must not change once processes exist: the copies would not see it.
 */
void x86_paging_set_user_window(uint32_t start, uint32_t end);
/* Fills table (4 KiB, page aligned) with the kernel's map of the window: no user access. */
void x86_paging_user_table_init(uint32_t *table);
/* Gives user mode flags (PTE_U, PTE_U | PTE_W) on the mapped pages of [start, end), which must
 * lie in the window (page aligned). */
void x86_paging_user_table_allow(uint32_t *table, uint32_t start, uint32_t end, uint32_t flags);
/* Puts table in force for the window (NULL: the kernel's own) and flushes the TLB. */
void x86_paging_switch_user_table(const uint32_t *table);

/* Loads the page directory and sets CR0.PG and CR0.WP (the kernel cannot write RO pages). */
void x86_paging_enable(void);

/* Returns: the PTE that maps vaddr, or 0 when none does. */
uint32_t x86_paging_lookup(uint32_t vaddr);
