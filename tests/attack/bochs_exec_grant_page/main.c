/* SPDX-License-Identifier: MIT */
/* Attack (Bochs only): jumps to the top of its own RAM, the grant region. Above the code
 * segment's limit the CPU refuses before paging is asked: #GP (QEMU: #PF, protection). */
#include "tests/attack/lib/attack.h"

int main(void)
{
	attack_stagger();
	attack_exec("its own grant region", attack_memop(TOCK_MEMOP_RAM_END, 0) - 16);
	return 1;
}
