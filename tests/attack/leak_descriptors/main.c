/* SPDX-License-Identifier: MIT */
/* Attack: reads the kernel's descriptor table addresses and CR0's low bits with sgdt, sidt, str,
 * sldt and smsw. The Pentium has no UMIP: these are not privileged, so this leak is
 * architectural and accepted. The addresses are of no use: every access to them faults
 * (mem_gdt, mem_idt, mem_tss). The case checks the values are the kernel's, documenting it. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint32_t base;
	} gdtr, idtr;
	uint16_t tr = 0, ldtr = 0xffff, msw = 0;

	attack_stagger();
	attack_announce("sgdt, sidt, str, sldt, smsw in ring 3");
	__asm__ volatile("sgdt %0\n\tsidt %1\n\tstr %2\n\tsldt %3\n\tsmsw %4"
			 : "=m"(gdtr), "=m"(idtr), "=m"(tr), "=m"(ldtr), "=m"(msw));
	attack_note("sgdt: base 0x%08x limit 0x%04x; sidt: base 0x%08x limit 0x%04x", gdtr.base,
		    gdtr.limit, idtr.base, idtr.limit);
	attack_note("str 0x%04x, sldt 0x%04x, smsw 0x%04x", tr, ldtr, msw);
	attack_expect(
	    gdtr.base == KSYM_x86_gdt && idtr.base == KSYM_idt_area + ATTACK_PAGE_BYTES - 56 &&
		tr == 0x28,
	    "architectural leak (no UMIP on i586): GDT, IDT and TR readable, as expected");
	return 0;
}
