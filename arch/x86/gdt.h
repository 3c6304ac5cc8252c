/* SPDX-License-Identifier: MIT */
/* The GDT and the one TSS. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "arch/x86/segments.h"
#include "lib/compiler.h"

/* The 32-bit TSS (SDM 3A 7.2.1). Only esp0/ss0 are used: no hardware task switching. */
struct x86_tss {
	uint32_t prev_task;	       /* back link, unused */
	uint32_t esp0;		       /* kernel stack top loaded on a ring 3 -> 0 transition */
	uint32_t ss0;		       /* kernel stack segment for that transition */
	uint32_t esp1, ss1, esp2, ss2; /* rings 1 and 2: unused */
	uint32_t cr3, eip, eflags;     /* task-switch state: unused */
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap;	     /* debug trap on task switch: 0 */
	uint16_t iomap_base; /* beyond the limit: no I/O bitmap, so ring 3 reaches no port */
};
STATIC_ASSERT(sizeof(struct x86_tss) == 104);
STATIC_ASSERT(offsetof(struct x86_tss, esp0) == TSS_ESP0);

extern struct x86_tss x86_tss;
extern struct x86_tss x86_df_tss; /* the double-fault task (arch/x86/double_fault.c) */

/* Builds and loads the GDT, reloads every segment register and loads the task register. */
void x86_gdt_init(uint32_t kernel_stack_top);

/* Prepares the task the #DF gate switches to; call once paging is on (it records CR3). */
void x86_double_fault_init(void);

/* The table itself, GDT_COUNT descriptors: written at init, then only the user code slot. */
extern uint64_t x86_gdt[];

/* The user code segment for a process's text: base 0, limit text_end (bytes). */
uint64_t x86_gdt_user_code(uint32_t text_end);

/* Installs a user code segment (from x86_gdt_user_code); in force at the next return to ring 3,
 * which reloads CS. */
static inline void x86_gdt_set_user_code(uint64_t desc)
{
	x86_gdt[GDT_UCODE] = desc;
}
