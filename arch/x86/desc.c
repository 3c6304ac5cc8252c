/* SPDX-License-Identifier: MIT */
/* Encoding of x86 segment, TSS and gate descriptors. */
#include "arch/x86/desc.h"

#define DESC_S	 (1ull << 44) /* code/data, not system */
#define DESC_P	 (1ull << 47) /* present */
#define DESC_DB	 (1ull << 54) /* 32-bit segment */
#define DESC_G	 (1ull << 55) /* limit in 4 KiB units */
#define PAGE_4K	 4096ull
#define LIMIT_1M (1ull << 20)

static uint64_t base_limit(uint32_t base, uint32_t limit_field)
{
	return (limit_field & 0xffffull) | ((uint64_t)(base & 0xffffff) << 16) |
	       ((uint64_t)((limit_field >> 16) & 0xf) << 48) | ((uint64_t)(base >> 24) << 56);
}

uint64_t x86_seg_desc(uint32_t base, uint64_t limit_bytes, unsigned type, unsigned dpl)
{
	uint64_t d = DESC_S | DESC_P | DESC_DB | ((uint64_t)(type & 0xf) << 40) |
		     ((uint64_t)(dpl & 3) << 45);

	if (limit_bytes == 0 || limit_bytes > (1ull << 32))
		limit_bytes = 1ull << 32;
	if (limit_bytes <= LIMIT_1M)
		return d | base_limit(base, (uint32_t)(limit_bytes - 1));
	/* Page granular: the limit field counts whole pages minus one. */
	return d | DESC_G | base_limit(base, (uint32_t)(limit_bytes / PAGE_4K - 1));
}

uint64_t x86_tss_desc(uint32_t base, uint32_t limit_bytes)
{
	return DESC_P | ((uint64_t)DESC_TYPE_TSS32 << 40) | base_limit(base, limit_bytes - 1);
}

uint64_t x86_task_gate_desc(uint16_t tss_selector)
{
	return ((uint64_t)tss_selector << 16) | ((uint64_t)DESC_TYPE_TASK_GATE << 40) | DESC_P;
}

uint64_t x86_gate_desc(uint32_t offset, uint16_t selector, unsigned type, unsigned dpl)
{
	return (offset & 0xffffull) | ((uint64_t)selector << 16) | ((uint64_t)(type & 0xf) << 40) |
	       ((uint64_t)(dpl & 3) << 45) | DESC_P | ((uint64_t)(offset >> 16) << 48);
}

uint32_t x86_desc_base(uint64_t d)
{
	return (uint32_t)(((d >> 16) & 0xffffff) | ((d >> 56) << 24));
}

uint64_t x86_desc_limit_bytes(uint64_t d)
{
	uint64_t field = (d & 0xffff) | (((d >> 48) & 0xf) << 16);

	return d & DESC_G ? (field + 1) * PAGE_4K : field + 1;
}

unsigned x86_desc_dpl(uint64_t d)
{
	return (unsigned)(d >> 45) & 3;
}

void x86_idt_fill(uint64_t idt[256], const struct x86_idt_policy *pol)
{
	for (unsigned v = 0; v < 256; v++)
		idt[v] = v < pol->stub_count ? x86_gate_desc(pol->stubs + v * pol->stub_bytes,
							     pol->cs, DESC_TYPE_INTR_GATE, 0)
					     : 0;
	idt[pol->syscall_vector] =
	    x86_gate_desc(pol->syscall_entry, pol->cs, DESC_TYPE_INTR_GATE, 3);
}
