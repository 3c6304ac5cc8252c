/* SPDX-License-Identifier: MIT */
/* Benchmark, with bench_pong: a one-way context switch (this app's yield-wait to the first
 * instruction of pong's upcall) and an IPC ping-pong round trip. */
#include "tests/bench/apps/bench.h"

#include "apps/runtime/alarm.h"
#include "apps/runtime/tock.h"

#define IPC 0x10000

/* Shared with pong: [0] the counter just before this app's yield-wait, [1] pong's reading at
 * its upcall's first instruction. */
static volatile uint32_t page[1024] __attribute__((aligned(4096)));

static void answered(uint32_t a, uint32_t b, uint32_t c, void *d)
{
	(void)a, (void)b, (void)c, (void)d;
}

int main(void)
{
	static const char pong[] = "bench_pong";
	struct syscall_return r;

	alarm_delay_ms(5); /* pong subscribes first */
	tock_allow_ro(IPC, 0, pong, sizeof(pong) - 1);
	r = tock_command(IPC, 1, 0, 0);
	uint32_t svc = r.data[0];
	tock_allow_rw(IPC, svc, (void *)page, sizeof(page));
	tock_subscribe(IPC, svc, answered, NULL);

	/* One way: notify pong, then yield-wait; pong's upcall stamps page[1] first thing and
	 * answers, which ends this yield. */
	for (unsigned i = 0; i < BENCH_RUNS; i++) {
		tock_command(IPC, 2, svc, 0);
		__asm__ volatile("pushl $0\n\tpushl $0\n\tpushl $0\n\tpushl $1\n\t"
				 "rdtsc\n\t"
				 "movl %%eax, %0\n\t"
				 "xorl %%eax, %%eax\n\t"
				 "int $0x40\n\t"
				 "addl $16, %%esp"
				 : "=m"(page[0])
				 :
				 : "eax", "ecx", "edx", "memory");
		bench_samples[i] = page[1] - page[0];
	}
	/* rdtsc; mov; xor precede the int */
	bench_report("context_switch_one_way", BENCH_RUNS, 2);

	/* Round trip: notify pong and wait for its answer. */
	for (unsigned i = 0; i < BENCH_RUNS; i++) {
		uint32_t t0 = bench_cycles();

		tock_command(IPC, 2, svc, 0);
		tock_yield_wait_for(IPC, svc);
		bench_samples[i] = bench_cycles() - t0;
	}
	bench_report("ipc_round_trip", BENCH_RUNS, 0);
	return 0;
}
