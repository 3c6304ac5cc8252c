/* SPDX-License-Identifier: MIT */
/* Victim for leak_regs_spy: keeps secrets (0x5ec1e7xx) in every general register while it
 * spins (so the timer preempts it with them live) and while it makes system calls, for 3 s. */
#include "tests/attack/lib/attack.h"

uint32_t victim_spins;
void victim_burst(void);

/* EAX..EBP = 0x5ec1e700..06; spins; then yield-no-wait with secrets in every register but EAX
 * (the class) and in two of the argument slots. */
__asm__(".text\n"
	".globl victim_burst\n"
	"victim_burst:\n\t"
	"pushl %ebp\n\tpushl %ebx\n\tpushl %esi\n\tpushl %edi\n\t"
	"movl $100000, victim_spins\n\t"
	"movl $0x5ec1e700, %eax\n\t"
	"movl $0x5ec1e701, %ebx\n\t"
	"movl $0x5ec1e702, %ecx\n\t"
	"movl $0x5ec1e703, %edx\n\t"
	"movl $0x5ec1e704, %esi\n\t"
	"movl $0x5ec1e705, %edi\n\t"
	"movl $0x5ec1e706, %ebp\n"
	"1:\tsubl $1, victim_spins\n\t"
	"jnz 1b\n\t"
	"pushl $0x5ec1e708\n\tpushl $0x5ec1e709\n\tpushl $0\n\tpushl $0\n\t"
	"xorl %eax, %eax\n\t"
	"int $0x40\n\t"
	"addl $16, %esp\n\t"
	"popl %edi\n\tpopl %esi\n\tpopl %ebx\n\tpopl %ebp\n\t"
	"ret");

int main(void)
{
	uint32_t hz, t0, now, bursts = 0;

	alarm_frequency(&hz);
	attack_announce("secrets 0x5ec1e700..06 in every register, spinning and calling for 3 s");
	alarm_now(&t0);
	do {
		victim_burst();
		bursts++;
		alarm_now(&now);
	} while (now - t0 < 3 * hz);
	attack_note("%u bursts done", bursts);
	return 0;
}
