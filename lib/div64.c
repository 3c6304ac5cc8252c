/* SPDX-License-Identifier: MIT */
/* 64-bit division for the i586 target, in place of libgcc's: Debian's i386 libgcc is built with
 * CET and its helpers start with endbr32, which a Pentium cannot execute. */
#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

/* (hi:lo) / d, and the remainder in *rem, with hi < d so that the quotient fits: one divl. */
static uint32_t divl(uint32_t hi, uint32_t lo, uint32_t d, uint32_t *rem)
{
	uint32_t q;

	__asm__("divl %4" : "=a"(q), "=d"(*rem) : "0"(lo), "1"(hi), "rm"(d));
	return q;
}

/*
 * A divisor that fits 32 bits (what every kernel caller uses: bases, clock rates) takes two
 * divl, one per 32-bit digit of the quotient. A larger one leaves a quotient of 32 bits, which
 * one divl by the divisor's top 32 bits (normalised) estimates to within one: Hacker's
 * Delight 9-5 (divDU), then a 64-bit remainder corrects it.
 */
uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint32_t nh = (uint32_t)(n >> 32), nl = (uint32_t)n, dh = (uint32_t)(d >> 32);
	uint32_t dl = (uint32_t)d, qh = 0, q, r;
	uint64_t r64;

	if (!dh) {
		/* A divisor of 0 faults here as the hardware does for a 32-bit divide. */
		qh = divl(0, nh, dl, &r);
		q = divl(r, nl, dl, &r);
		r64 = r;
	} else {
		/* Shifts of 31 - s, never 32: s is 0 to 31. */
		int s = __builtin_clz(dh);
		uint32_t top = dh << s | (dl >> 1) >> (31 - s);

		/* n / 2 keeps the dividend's high word below the normalised divisor's top bit. */
		q = divl(nh >> 1, nh << 31 | nl >> 1, top, &r) >> (31 - s);
		if (q)
			q--; /* now exact or one too small */
		r64 = n - q * d;
		if (r64 >= d) {
			q++;
			r64 -= d;
		}
	}
	if (rem)
		*rem = r64;
	return (uint64_t)qh << 32 | q;
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
