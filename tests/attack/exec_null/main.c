/* SPDX-License-Identifier: MIT */
/* Attack: calls address 0 (a null function pointer). Page 0 is not mapped: #PF read, page not
 * present. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_exec("address 0", 0);
	return 1;
}
