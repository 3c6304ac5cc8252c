/* SPDX-License-Identifier: MIT */
/* Attack: null selectors in FS and GS and user data with RPL 0 (0x20) in DS and ES are legal in
 * ring 3: a system call made with them must work (the kernel uses its own selectors) and leave
 * them as they were (ABI: segment registers preserved). */
#include "tests/attack/lib/attack.h"

static uint16_t read_fs(void)
{
	uint16_t s;

	__asm__ volatile("movw %%fs, %0" : "=r"(s));
	return s;
}

int main(void)
{
	uint32_t ram = 0;
	uint16_t fs, gs, ds;

	attack_stagger();
	attack_announce("a system call with FS = GS = 0 (null) and DS = ES = 0x20 (RPL 0)");
	/* memop 2 (RAM start) with FS = GS = 0 and DS = ES = 0x20; EBX carries the result out. */
	__asm__ volatile("movw $0, %%ax\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "movw $0x20, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "pushl $0\n\tpushl $0\n\tpushl $0\n\tpushl $2\n\t"
			 "movl $5, %%eax\n\t"
			 "int $0x40\n\t"
			 "movl 4(%%esp), %%ebx\n\t"
			 "addl $16, %%esp\n\t"
			 "movw %%ds, %%ax\n\t"
			 "movw %%ax, %w[ds]\n\t"
			 "movw %%gs, %w[gs]\n\t"
			 "movw $0x23, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es"
			 : "=b"(ram), [ds] "=r"(ds), [gs] "=r"(gs)
			 :
			 : "eax", "ecx", "edx", "memory");
	fs = read_fs();
	attack_expect(ram == attack_memop(TOCK_MEMOP_RAM_START, 0) && fs == 0 && gs == 0 &&
			  ds == 0x20,
		      "system call with FS = GS = 0, DS = 0x20: RAM start 0x%08x, then FS 0x%x GS "
		      "0x%x DS 0x%x",
		      ram, fs, gs, ds);
	__asm__ volatile("movw $0x23, %%ax\n\tmovw %%ax, %%fs\n\tmovw %%ax, %%gs" ::: "eax");

	return 0;
}
