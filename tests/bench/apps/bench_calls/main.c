/* SPDX-License-Identifier: MIT */
/* Benchmark: system-call round trips, from the instruction before int $0x40 to the one after,
 * and an upcall from the command that schedules it to the upcall's first instruction. */
#include "tests/bench/apps/bench.h"

#include "apps/runtime/tock.h"

#define IPC 0x10000

/*
 * uint32_t timed_syscall(class, r0, r1, r2, r3): pushes the four words, reads the counter,
 * makes the call, reads the counter again. Written whole in assembly so nothing else runs
 * between the two readings but two moves and the int.
 */
__asm__(".text\n"
	"timed_syscall:\n\t"
	"pushl %ebx\n\t"
	"pushl %esi\n\t"
	"movl 12(%esp), %esi\n\t" /* class */
	"pushl 28(%esp)\n\t"	  /* r3 */
	"pushl 28(%esp)\n\t"	  /* r2 */
	"pushl 28(%esp)\n\t"	  /* r1 */
	"pushl 28(%esp)\n\t"	  /* r0 */
	"rdtsc\n\t"
	"movl %eax, %ebx\n\t"
	"movl %esi, %eax\n\t"
	"int $0x40\n\t"
	"rdtsc\n\t"
	"subl %ebx, %eax\n\t"
	"addl $16, %esp\n\t"
	"popl %esi\n\t"
	"popl %ebx\n\t"
	"ret");
uint32_t timed_syscall(uint32_t class, uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3);

/* Between the readings: two moves, then the int and everything it does. */
#define OVERHEAD 2

static void run(const char *name, uint32_t class, uint32_t r0, uint32_t r1, uint32_t r2)
{
	for (unsigned i = 0; i < BENCH_RUNS; i++)
		bench_samples[i] = timed_syscall(class, r0, r1, r2, 0);
	bench_report(name, BENCH_RUNS, OVERHEAD);
}

static volatile uint32_t upcall_t1;

/* The upcall's first instruction reads the counter. */
__asm__(".text\n"
	"upcall_entry:\n\t"
	"rdtsc\n\t"
	"movl %eax, upcall_t1\n\t"
	"ret");
void upcall_entry(uint32_t, uint32_t, uint32_t, void *);

int main(void)
{
	static const char me[] = "bench_calls";
	struct syscall_return r;

	run("null_syscall", 2, 0x7ffff, 0, 0); /* command, no such driver: NODEVICE */
	run("yield_no_wait", 0, 0, 0, 0);
	run("command0", 2, 0x0, 0, 0); /* command 0 on the alarm driver */
	run("memop2", 5, 2, 0, 0);

	/* An upcall through IPC to itself: notify (command 2) queues it, yield-wait runs it. */
	tock_allow_ro(IPC, 0, me, sizeof(me) - 1);
	r = tock_command(IPC, 1, 0, 0);
	uint32_t self = r.data[0];
	tock_subscribe(IPC, self, upcall_entry, NULL);
	for (unsigned i = 0; i < BENCH_RUNS; i++) {
		uint32_t t0 = bench_cycles();

		tock_command(IPC, 2, self, 0);
		tock_yield_wait();
		bench_samples[i] = upcall_t1 - t0;
	}
	bench_report("upcall_from_command", BENCH_RUNS, 0);
	return 0;
}
