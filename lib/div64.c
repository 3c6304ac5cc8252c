/* SPDX-License-Identifier: MIT */
/* 64-bit division for the i586 target, in place of libgcc's: Debian's i386 libgcc is built with
 * CET and its helpers start with endbr32, which a Pentium cannot execute. */
#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

/*
 * Shift-and-subtract long division. Only shifts, compares and subtractions on 64-bit values,
 * which gcc open-codes, so nothing here calls back into a helper. A divisor that fits 32 bits
 * with a dividend that does too takes the hardware divide.
 */
uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0;

	if (d == 0) {
		/* Divide by zero: fault as the hardware would for a 32-bit divide. */
		volatile uint32_t zero = 0;
		return (uint32_t)n / zero;
	}
	if ((n >> 32) == 0 && (d >> 32) == 0) {
		uint32_t n32 = (uint32_t)n, d32 = (uint32_t)d;

		if (rem)
			*rem = n32 % d32;
		return n32 / d32;
	}
	int shift = __builtin_clzll(d) - (n ? __builtin_clzll(n) : 64);
	if (shift >= 0) {
		d <<= shift;
		for (; shift >= 0; shift--, d >>= 1) {
			q <<= 1;
			if (n >= d) {
				n -= d;
				q |= 1;
			}
		}
	}
	if (rem)
		*rem = n;
	return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
	return __udivmoddi4(n, d, 0);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
	uint64_t r = 0;

	__udivmoddi4(n, d, &r);
	return r;
}

static uint64_t magnitude(int64_t v)
{
	return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

int64_t __divdi3(int64_t n, int64_t d)
{
	uint64_t q = __udivmoddi4(magnitude(n), magnitude(d), 0);

	return (n < 0) != (d < 0) ? (int64_t)(0 - q) : (int64_t)q;
}

int64_t __moddi3(int64_t n, int64_t d)
{
	uint64_t r = 0;

	__udivmoddi4(magnitude(n), magnitude(d), &r);
	return n < 0 ? (int64_t)(0 - r) : (int64_t)r;
}
