/* SPDX-License-Identifier: MIT */
/* Benchmark, with bench_ping: an IPC service whose upcall stamps the counter first thing into
 * the page ping shares, then answers. */
#include <stdint.h>

#include "apps/runtime/tock.h"

#define IPC 0x10000

volatile uint32_t *pong_page;
uint32_t pong_t1;

/* First instruction: the counter. Then the C part answers the client. */
__asm__(".text\n"
	"pong_upcall:\n\t"
	"rdtsc\n\t"
	"movl %eax, pong_t1\n\t"
	"jmp pong_answer");
void pong_upcall(uint32_t, uint32_t, uint32_t, void *);

void pong_answer(uint32_t client, uint32_t len, uint32_t ptr, void *data);
void pong_answer(uint32_t client, uint32_t len, uint32_t ptr, void *data)
{
	(void)data;
	if (len)
		((volatile uint32_t *)(uintptr_t)ptr)[1] = pong_t1;
	tock_command(IPC, 3, client, 0);
}

int main(void)
{
	static const char me[] = "bench_pong";
	struct syscall_return r;

	tock_allow_ro(IPC, 0, me, sizeof(me) - 1);
	r = tock_command(IPC, 1, 0, 0);
	tock_subscribe(IPC, r.data[0], pong_upcall, NULL);
	for (;;)
		tock_yield_wait();
}
