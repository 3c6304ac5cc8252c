/* SPDX-License-Identifier: MIT */
/* The kernel's page directory: an identity map built from the platform's region list. */
#include "arch/x86/paging.h"

#include "arch/x86/cpu.h"
#include "kernel/panic.h"
#include "lib/compiler.h"
#include "lib/string.h"

/* Enough tables for the SRAM window and a storage image of up to 12 MiB anywhere. */
#define PT_POOL 4

static uint32_t page_dir[1024] __attribute__((aligned(PAGE_BYTES)));
static uint32_t pt_pool[PT_POOL][1024] __attribute__((aligned(PAGE_BYTES)));
static unsigned pt_used;

static COLD uint32_t *table_for(uint32_t vaddr)
{
	uint32_t *pde = &page_dir[vaddr >> 22];

	if (*pde & PTE_P)
		return (uint32_t *)(uintptr_t)(*pde & ~(PAGE_BYTES - 1));
	if (pt_used == PT_POOL)
		return NULL;
	uint32_t *pt = pt_pool[pt_used++];
	memset(pt, 0, PAGE_BYTES);
	/* Directory entries allow everything; the PTEs decide. */
	*pde = (uint32_t)(uintptr_t)pt | PTE_P | PTE_W | PTE_U;
	return pt;
}

COLD enum error_code x86_paging_map(uint32_t start, uint32_t end, uint32_t flags)
{
	uint32_t first = ALIGN_DOWN(start, PAGE_BYTES);
	uint64_t last = ALIGN_UP((uint64_t)end, PAGE_BYTES);

	if (end <= start)
		return ERROR_INVAL;
	for (uint64_t va = first; va < last; va += PAGE_BYTES) {
		uint32_t *pt = table_for((uint32_t)va);

		if (!pt)
			return ERROR_NOMEM;
		pt[(va >> 12) & 1023] = (uint32_t)va | flags | PTE_P;
	}
	return ERROR_NONE;
}

COLD void x86_paging_unmap(uint32_t start, uint32_t end)
{
	for (uint64_t va = ALIGN_DOWN(start, PAGE_BYTES); va < end; va += PAGE_BYTES) {
		uint32_t *pt = table_for((uint32_t)va);

		if (pt) {
			pt[(va >> 12) & 1023] = 0;
			invlpg((uint32_t)va);
		}
	}
}

/* The directory entry whose page table each process replaces with its own (see paging.h). */
static unsigned user_pde;
static uint32_t kernel_user_pde;

COLD void x86_paging_set_user_window(uint32_t start, uint32_t end)
{
	KASSERT(end > start && start >> 22 == (end - 1) >> 22 && (page_dir[start >> 22] & PTE_P));
	user_pde = start >> 22;
	kernel_user_pde = page_dir[user_pde];
}

COLD void x86_paging_user_table_init(uint32_t *table)
{
	memcpy(table, (const void *)(uintptr_t)(kernel_user_pde & ~(PAGE_BYTES - 1)), PAGE_BYTES);
}

COLD void x86_paging_user_table_allow(uint32_t *table, uint32_t start, uint32_t end, uint32_t flags)
{
	if (start >= end)
		return;
	KASSERT(start >> 22 == user_pde && (end - 1) >> 22 == user_pde);
	for (uint32_t *pte = &table[(start >> 12) & 1023]; pte <= &table[((end - 1) >> 12) & 1023];
	     pte++)
		if (*pte & PTE_P)
			*pte = (*pte & ~(PTE_U | PTE_W)) | flags;
}

void x86_paging_switch_user_table(const uint32_t *table)
{
	page_dir[user_pde] =
	    table ? (uint32_t)(uintptr_t)table | PTE_P | PTE_W | PTE_U : kernel_user_pde;
	write_cr3((uint32_t)(uintptr_t)page_dir); /* flushes the TLB: i586 has no global pages */
}

COLD void x86_paging_enable(void)
{
	write_cr3((uint32_t)(uintptr_t)page_dir);
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

COLD uint32_t x86_paging_lookup(uint32_t vaddr)
{
	uint32_t pde = page_dir[vaddr >> 22];

	if (!(pde & PTE_P))
		return 0;
	return ((uint32_t *)(uintptr_t)(pde & ~(PAGE_BYTES - 1)))[(vaddr >> 12) & 1023];
}
