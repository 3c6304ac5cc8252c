/* SPDX-License-Identifier: MIT */
/* Benchmark: what a timer tick costs a spinning app: the gaps in a tight counter-reading loop
 * less the loop's own step. */
#include "tests/bench/apps/bench.h"

int main(void)
{
	uint32_t prev = bench_cycles(), step = ~0u;
	unsigned n = 0;

	/* The loop's step: the smallest difference between two readings. */
	for (unsigned i = 0; i < 1000; i++) {
		uint32_t now = bench_cycles();

		if (now - prev < step)
			step = now - prev;
		prev = now;
	}
	while (n < 200) {
		uint32_t now = bench_cycles();

		if (now - prev > 10 * step + 50)
			bench_samples[n++] = now - prev;
		prev = now;
	}
	bench_report("timer_tick_cost", n, step);
	return 0;
}
