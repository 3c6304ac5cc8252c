/* SPDX-License-Identifier: MIT */
/* Measurement app: instructions (TSC under QEMU -icount shift=0) for a null system call
 * (command to a missing driver) and for yield-no-wait, minimum and median of 1000 each. */
#include <stdint.h>

#include "apps/runtime/console.h"
#include "apps/runtime/syscall.h"
#include "apps/runtime/tock.h"

#define RUNS 1000

static uint32_t samples[RUNS];

static uint32_t rdtsc_low(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo;
}

static void sort(uint32_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static void report(const char *name)
{
	sort(samples, RUNS);
	console_printf("bench: %s min %u median %u instructions\n", name, (unsigned)samples[0],
		       (unsigned)samples[RUNS / 2]);
}

int main(void)
{
	for (unsigned i = 0; i < RUNS; i++) {
		uint32_t t0 = rdtsc_low();
		tock_command(0x7ffff, 0, 0, 0);
		samples[i] = rdtsc_low() - t0;
	}
	report("null syscall (command, no such driver), incl. wrapper");
	for (unsigned i = 0; i < RUNS; i++) {
		uint32_t t0 = rdtsc_low();
		tock_yield_no_wait();
		samples[i] = rdtsc_low() - t0;
	}
	report("yield-no-wait, incl. wrapper");
	return 0;
}
