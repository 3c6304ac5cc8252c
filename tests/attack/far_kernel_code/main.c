/* SPDX-License-Identifier: MIT */
/* Attack: transfers control to the kernel code selector (0x08) by far jump, far call, far return
 * and iret (one per life). A ring 3 caller may not reach a DPL 0 non-conforming segment in any of
 * these ways: #GP with the selector as error code (0x0008). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life() % 4;
	static const char *const how[4] = {"ljmp", "lcall", "lret", "iret"};

	attack_stagger();
	attack_announce("%s to the kernel code selector 0x08", how[life]);
	switch (life) {
	case 0:
		__asm__ volatile("ljmp $0x08, $0");
		break;
	case 1:
		__asm__ volatile("lcall $0x08, $0");
		break;
	case 2:
		__asm__ volatile("pushl $0x08\n\tpushl $0\n\tlret");
		break;
	default:
		__asm__ volatile("pushfl\n\tpushl $0x08\n\tpushl $0\n\tiret");
		break;
	}
	attack_breach("%s to 0x08 went through", how[life]);
	return 1;
}
