/* SPDX-License-Identifier: MIT */
/* The double-fault task: reports a #DF (typically a kernel stack overflow into the guard page)
 * from a stack of its own, reached through a task gate (SDM 3A 6.15, vector 8). */
#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/segments.h"
#include "arch/x86/trap.h"
#include "kernel/panic.h"

#define DF_STACK_BYTES 2048

struct x86_tss x86_df_tss;
static uint8_t df_stack[DF_STACK_BYTES] __attribute__((aligned(16)));

extern const char x86_kernel_stack_guard[], x86_kernel_stack_bottom[];

/*
 * The task switch saved the faulting context in x86_tss, and loaded eax from x86_df_tss: t is
 * x86_tss (regparm(1): the argument comes in eax whatever the build's calling convention). The
 * report shows that context.
 */
static NORETURN __attribute__((regparm(1))) void double_fault(const struct x86_tss *t)
{
	uint32_t guard = (uint32_t)(uintptr_t)x86_kernel_stack_guard;

	x86_fault_panic_begin(8, t->eip); /* #DF */
	if (t->esp - guard < (uint32_t)(x86_kernel_stack_bottom - x86_kernel_stack_guard) + 64)
		panic_printf(
		    "  kernel stack overflow: esp 0x%08x is at the guard page 0x%08x-0x%08x\n",
		    t->esp, guard, guard + 4096);
	panic_printf("  eip    0x%08x  cs 0x%04hx  eflags 0x%08x\n"
		     "  eax 0x%08x  ebx 0x%08x  ecx 0x%08x  edx 0x%08x\n"
		     "  esi 0x%08x  edi 0x%08x  ebp 0x%08x  esp 0x%08x\n",
		     t->eip, t->cs, t->eflags, t->eax, t->ebx, t->ecx, t->edx, t->esi, t->edi,
		     t->ebp, t->esp);
	panic_printf("  cr2    0x%08x (the address of the first fault)\n", read_cr2());
	panic_end();
}

void x86_double_fault_init(void)
{
	x86_df_tss.eip = (uint32_t)(uintptr_t)double_fault;
	x86_df_tss.eax = (uint32_t)(uintptr_t)&x86_tss; /* double_fault's argument */
	x86_df_tss.esp = (uint32_t)(uintptr_t)(df_stack + DF_STACK_BYTES);
	x86_df_tss.esp0 = x86_df_tss.esp;
	x86_df_tss.ss0 = SEL_KDATA;
	x86_df_tss.cs = SEL_KCODE;
	x86_df_tss.ds = x86_df_tss.es = x86_df_tss.ss = SEL_KDATA;
	/* fs, gs and the LDT stay null: x86_df_tss is in bss. */
	x86_df_tss.eflags = 0x2; /* reserved bit; IF = 0 */
	x86_df_tss.cr3 = read_cr3();
	x86_df_tss.iomap_base = sizeof(x86_df_tss);
}
