/* SPDX-License-Identifier: MIT */
/* Shared by the benchmark apps: the cycle counter (instructions under QEMU -icount shift=0)
 * and the statistics they print as "bench: <name> <value> <unit>". */
#include <stdint.h>

#include "apps/runtime/console.h"

#define BENCH_RUNS 1000

static uint32_t bench_samples[BENCH_RUNS];

static inline uint32_t bench_cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo;
}

static void bench_sort(uint32_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* Prints the minimum and median of the first n samples, less overhead. */
static void bench_report(const char *name, unsigned n, uint32_t overhead)
{
	bench_sort(bench_samples, n);
	console_printf("bench: %s_min %u instructions\n", name,
		       (unsigned)(bench_samples[0] - overhead));
	console_printf("bench: %s_median %u instructions\n", name,
		       (unsigned)(bench_samples[n / 2] - overhead));
}
