/* SPDX-License-Identifier: MIT */
/* The GDT: flat kernel segments, user segments, and the one TSS. */
#include "arch/x86/gdt.h"

#include "arch/x86/desc.h"
#include "arch/x86/segments.h"

struct x86_tss x86_tss;
uint64_t x86_gdt[GDT_COUNT] __attribute__((aligned(8)));

struct PACKED pseudo_desc {
	uint16_t limit;
	uint32_t base;
};

/* The code and data segments, all base 0. */
static const struct {
	uint8_t type, dpl;
	uint8_t limit_bytes; /* 0: 4 GiB */
} segments[] = {
    [GDT_KCODE] = {DESC_TYPE_CODE_RX, 0, 0},
    [GDT_KDATA] = {DESC_TYPE_DATA_RW, 0, 0},
    /* No user code is executable until a process sets its own limit. */
    [GDT_UCODE] = {DESC_TYPE_CODE_RX, 3, 1},
    [GDT_UDATA] = {DESC_TYPE_DATA_RW, 3, 0},
};

void x86_gdt_init(uint32_t kernel_stack_top)
{
	x86_gdt[GDT_NULL] = 0;
	for (unsigned i = GDT_KCODE; i <= GDT_UDATA; i++)
		x86_gdt[i] =
		    x86_seg_desc(0, segments[i].limit_bytes, segments[i].type, segments[i].dpl);
	x86_gdt[GDT_TSS] = x86_tss_desc((uint32_t)(uintptr_t)&x86_tss, sizeof(x86_tss));
	x86_gdt[GDT_DF_TSS] = x86_tss_desc((uint32_t)(uintptr_t)&x86_df_tss, sizeof(x86_df_tss));

	x86_tss.ss0 = SEL_KDATA;
	x86_tss.esp0 = kernel_stack_top;
	x86_tss.iomap_base = sizeof(x86_tss);

	struct pseudo_desc pd = {sizeof(x86_gdt) - 1, (uint32_t)(uintptr_t)x86_gdt};
	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "lldt %%ax\n\t" /* null LDT: the reset state's base-0 LDT is not ours */
			 "ltr %w3"
			 :
			 : "m"(pd), "i"(SEL_KCODE), "i"(SEL_KDATA), "r"(SEL_TSS)
			 : "eax", "memory");
}

uint64_t x86_gdt_user_code(uint32_t text_end)
{
	return x86_seg_desc(0, text_end, DESC_TYPE_CODE_RX, 3);
}
