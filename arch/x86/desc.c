/* SPDX-License-Identifier: MIT */
/* Encoding of x86 segment, TSS and gate descriptors. */
#include "arch/x86/desc.h"

/*
 * Built as the two 32-bit words of desc.h's diagram, not as one 64-bit value: on i386 every
 * 64-bit shift or or takes a register pair. Bits of the high word:
 */
#define DESC_S	 (1u << 12) /* bit 44: code/data, not system */
#define DESC_P	 (1u << 15) /* bit 47: present */
#define DESC_DB	 (1u << 22) /* bit 54: 32-bit segment */
#define DESC_G	 (1u << 23) /* bit 55: limit in 4 KiB units */
#define PAGE_4K	 4096u
#define LIMIT_1M (1u << 20)

static uint64_t words(uint32_t hi, uint32_t lo)
{
	return (uint64_t)hi << 32 | lo;
}

/* The type, DPL and present bits of the high word. */
static uint32_t access_bits(unsigned type, unsigned dpl)
{
	return DESC_P | (type & 0xf) << 8 | (dpl & 3) << 13;
}

/* A segment or TSS descriptor: hi holds its access and flag bits. */
static uint64_t base_limit(uint32_t base, uint32_t limit_field, uint32_t hi)
{
	return words(hi | (base & 0xff000000) | (limit_field & 0xf0000) | (base >> 16 & 0xff),
		     base << 16 | (limit_field & 0xffff));
}

uint64_t x86_seg_desc(uint32_t base, uint64_t limit_bytes, unsigned type, unsigned dpl)
{
	uint32_t hi = DESC_S | DESC_DB | access_bits(type, dpl);
	/* The last valid offset; a limit of 0 or above 4 GiB means the full 4 GiB. */
	uint32_t last = limit_bytes - 1 > UINT32_MAX ? UINT32_MAX : (uint32_t)(limit_bytes - 1);

	if (last < LIMIT_1M)
		return base_limit(base, last, hi);
	/* Page granular: the limit field counts whole pages minus one, (last + 1) / 4 KiB - 1
	 * without the overflow at 4 GiB. */
	return base_limit(base, (last - (PAGE_4K - 1)) / PAGE_4K, hi | DESC_G);
}

uint64_t x86_tss_desc(uint32_t base, uint32_t limit_bytes)
{
	return base_limit(base, limit_bytes - 1, access_bits(DESC_TYPE_TSS32, 0));
}

uint64_t x86_task_gate_desc(uint16_t tss_selector)
{
	return words(access_bits(DESC_TYPE_TASK_GATE, 0), (uint32_t)tss_selector << 16);
}

uint64_t x86_gate_desc(uint32_t offset, uint16_t selector, unsigned type, unsigned dpl)
{
	return words((offset & 0xffff0000) | access_bits(type, dpl),
		     (uint32_t)selector << 16 | (offset & 0xffff));
}

uint32_t x86_desc_base(uint64_t d)
{
	uint32_t hi = d >> 32, lo = (uint32_t)d;

	return (hi & 0xff000000) | (hi & 0xff) << 16 | lo >> 16;
}

uint64_t x86_desc_limit_bytes(uint64_t d)
{
	uint32_t hi = d >> 32, lo = (uint32_t)d;
	uint64_t field = (hi & 0xf0000) | (lo & 0xffff);

	return hi & DESC_G ? (field + 1) * PAGE_4K : field + 1;
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
