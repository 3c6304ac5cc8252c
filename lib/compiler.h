/* SPDX-License-Identifier: MIT */
/* Compiler helpers used by every layer: static asserts, container_of, attributes. */
#pragma once

#include <stddef.h>

#define STATIC_ASSERT(cond)		_Static_assert(cond, #cond)
#define ARRAY_SIZE(a)			(sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

#define MIN(a, b)	 ((a) < (b) ? (a) : (b))
#define MAX(a, b)	 ((a) > (b) ? (a) : (b))
#define ALIGN_UP(x, a)	 (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)

#define NORETURN	  __attribute__((noreturn))
#define PACKED		  __attribute__((packed))
#define UNUSED		  __attribute__((unused))
#define COLD		  __attribute__((cold, noinline)) /* off the hot path, small */
#define ALWAYS_INLINE	  inline __attribute__((always_inline))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define likely(x)	  __builtin_expect(!!(x), 1)
#define unlikely(x)	  __builtin_expect(!!(x), 0)

/*
 * At -Os GCC inlines functions called once, and small ones, into their callers; for a reporter
 * called from many refusals, or a helper whose inlining spills registers, that makes more code
 * on i386, not less. Used where measured smaller.
 */
#define OUT_OF_LINE __attribute__((noinline))

/*
 * The compiler forgets how var was computed (its value is unchanged). For a pointer derived
 * from another, e.g. by container_of: the compiler then keeps only the one, rather than both
 * across a call, each in a callee-saved register.
 */
#define HIDE_VAR(var) __asm__("" : "+r"(var))
