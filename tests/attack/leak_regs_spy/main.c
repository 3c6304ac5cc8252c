/* SPDX-License-Identifier: MIT */
/* Attack: looks for another process's registers (leak_regs_victim's secrets, 0x5ec1e7xx) in
 * its own, for 3 s: in every register and result slot after thousands of system calls (the
 * victim runs in between whenever the slice ends), and in every register at the entry of its
 * upcalls. The kernel restores each process's own registers exactly: none may show up. */
#include "tests/attack/lib/attack.h"

struct spy_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, r0, r1, r2, r3;
};
struct spy_regs spy_after_call, spy_at_upcall;
void spy_call(void);
void spy_upcall(void);

/* A yield-no-wait with canaries in every register, then every register and slot saved. */
__asm__(".text\n"
	".globl spy_call\n"
	"spy_call:\n\t"
	"pushl %ebp\n\tpushl %ebx\n\tpushl %esi\n\tpushl %edi\n\t"
	"movl $0xca9a0001, %ebx\n\t"
	"movl $0xca9a0002, %ecx\n\t"
	"movl $0xca9a0003, %edx\n\t"
	"movl $0xca9a0004, %esi\n\t"
	"movl $0xca9a0005, %edi\n\t"
	"movl $0xca9a0006, %ebp\n\t"
	"pushl $0xca9a0008\n\tpushl $0xca9a0009\n\tpushl $0\n\tpushl $0\n\t"
	"xorl %eax, %eax\n\t"
	"int $0x40\n\t"
	"movl %eax, spy_after_call\n\t"
	"movl %ebx, spy_after_call + 4\n\t"
	"movl %ecx, spy_after_call + 8\n\t"
	"movl %edx, spy_after_call + 12\n\t"
	"movl %esi, spy_after_call + 16\n\t"
	"movl %edi, spy_after_call + 20\n\t"
	"movl %ebp, spy_after_call + 24\n\t"
	"popl spy_after_call + 28\n\t"
	"popl spy_after_call + 32\n\t"
	"popl spy_after_call + 36\n\t"
	"popl spy_after_call + 40\n\t"
	"popl %edi\n\tpopl %esi\n\tpopl %ebx\n\tpopl %ebp\n\t"
	"ret\n"
	/* The alarm's upcall: every register as the kernel entered it, and its four arguments. */
	".globl spy_upcall\n"
	"spy_upcall:\n\t"
	"movl %eax, spy_at_upcall\n\t"
	"movl %ebx, spy_at_upcall + 4\n\t"
	"movl %ecx, spy_at_upcall + 8\n\t"
	"movl %edx, spy_at_upcall + 12\n\t"
	"movl %esi, spy_at_upcall + 16\n\t"
	"movl %edi, spy_at_upcall + 20\n\t"
	"movl %ebp, spy_at_upcall + 24\n\t"
	"movl 4(%esp), %eax\n\tmovl %eax, spy_at_upcall + 28\n\t"
	"movl 8(%esp), %eax\n\tmovl %eax, spy_at_upcall + 32\n\t"
	"movl 12(%esp), %eax\n\tmovl %eax, spy_at_upcall + 36\n\t"
	"movl 16(%esp), %eax\n\tmovl %eax, spy_at_upcall + 40\n\t"
	"ret");

/* Returns: the index of the first word that looks like a secret, or -1. */
static int secret_in(const struct spy_regs *r)
{
	const uint32_t *w = (const uint32_t *)r;

	for (int i = 0; i < (int)(sizeof(*r) / 4); i++)
		if ((w[i] & ATTACK_SECRET_MASK) == ATTACK_SECRET)
			return i;
	return -1;
}

int main(void)
{
	static const char *const names[11] = {"eax", "ebx", "ecx", "edx", "esi", "edi",
					      "ebp", "r0",  "r1",  "r2",  "r3"};
	uint32_t hz, t0, now, calls = 0, upcalls = 0;
	int leak = -1;

	alarm_frequency(&hz);
	attack_announce("looking for another process's registers in its own for 3 s");
	alarm_now(&t0);
	do {
		for (unsigned i = 0; i < 200 && leak < 0; i++, calls++) {
			spy_call();
			leak = secret_in(&spy_after_call);
			if (leak >= 0)
				attack_breach("after a system call %s = 0x%08x", names[leak],
					      ((uint32_t *)&spy_after_call)[leak]);
		}
		/* An upcall: the alarm in 1 tick, collected by yield-wait. */
		tock_subscribe(0, 0, (tock_upcall_fn *)spy_upcall, (void *)0xca9a000a);
		if (tock_return_is_success(tock_command(0, 5, 1, 0))) {
			tock_yield_wait();
			upcalls++;
			int u = secret_in(&spy_at_upcall);
			if (u >= 0 && leak < 0) {
				leak = u;
				attack_breach("at an upcall's entry %s = 0x%08x", names[u],
					      ((uint32_t *)&spy_at_upcall)[u]);
			}
		}
		alarm_now(&now);
	} while (leak < 0 && now - t0 < 3 * hz);
	if (leak < 0)
		attack_held("no secret in %u system calls and %u upcall entries", calls, upcalls);
	return leak < 0 ? 0 : 1;
}
