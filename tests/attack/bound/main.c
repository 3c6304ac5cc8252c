/* SPDX-License-Identifier: MIT */
/* Attack: bound with an index outside its bounds: #BR (bound range exceeded). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	static const int32_t bounds[2] = {10, 20};

	attack_stagger();
	attack_announce("bound 30 against [10, 20]");
	__asm__ volatile("movl $30, %%eax\n\tboundl %%eax, %0" : : "m"(bounds) : "eax");
	attack_breach("bound came back");
	return 1;
}
