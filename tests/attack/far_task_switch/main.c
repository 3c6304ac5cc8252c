/* SPDX-License-Identifier: MIT */
/* Attack: tries to switch tasks by far jump or call to the TSS selectors (0x28, the double-fault
 * task's 0x30, 0x28 with RPL 3) and to a selector past the GDT's end (0x38). TSS descriptors are
 * DPL 0: #GP with the selector's index as error code. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {
	    "ljmp to the TSS selector 0x28", "lcall to the double-fault TSS selector 0x30",
	    "ljmp to the TSS selector with RPL 3 (0x2b)", "lcall to selector 0x38, past the GDT"};

	attack_stagger();
	attack_announce("%s", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("ljmp $0x28, $0");
		break;
	case 1:
		__asm__ volatile("lcall $0x30, $0");
		break;
	case 2:
		__asm__ volatile("ljmp $0x2b, $0");
		break;
	default:
		__asm__ volatile("lcall $0x38, $0");
		break;
	}
	attack_breach("%s went through", how[life]);
	return 1;
}
