/* SPDX-License-Identifier: MIT */
/* printf-style formatting into any sink. */
#include "lib/fmt.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/compiler.h"
#include "lib/string.h"

/* Widths and precisions beyond this are clamped: no real format needs more, and it keeps the
 * arithmetic far from overflow. */
#define FMT_MAX_WIDTH 4096

/* n * 10 + digit, saturating above FMT_MAX_WIDTH. */
static int clamp_digit(int n, char digit)
{
	n = n * 10 + (digit - '0');
	return n > FMT_MAX_WIDTH ? FMT_MAX_WIDTH + 1 : n;
}

/* Returns: the index of c in set, or strlen(set) if it is not there (or is NUL). */
static unsigned find(const char *set, char c)
{
	unsigned i = 0;

	while (set[i] && set[i] != c)
		i++;
	return i;
}

/* The flags, as bits in the order of FLAG_CHARS. */
#define FLAG_CHARS "-0+ "
#define F_LEFT	   1u
#define F_ZERO	   2u
#define F_PLUS	   4u
#define F_SPACE	   8u

struct spec {
	unsigned flags;
	int width;
	int precision;	    /* -1: none */
	const char *prefix; /* a sign or "0x" */
};

/* The sink and the running count of what it was given. */
struct out {
	struct fmt_sink *sink;
	size_t count;
};

static OUT_OF_LINE void put(struct out *o, const char *s, size_t len)
{
	if (len) {
		o->sink->emit(o->sink, s, len);
		o->count += len;
	}
}

static void pad(struct out *o, char c, int n)
{
	char run[8];

	memset(run, c, sizeof(run));
	for (; n > 0; n -= (int)sizeof(run))
		put(o, run, n > (int)sizeof(run) ? sizeof(run) : (size_t)n);
}

/* Emits body (len chars) after the spec's prefix, padded to its width. */
static void emit_field(struct out *o, const struct spec *sp, const char *body, size_t len)
{
	size_t plen = strlen(sp->prefix);
	int fill = sp->width - (int)(plen + len);

	if (!(sp->flags & (F_LEFT | F_ZERO)))
		pad(o, ' ', fill);
	put(o, sp->prefix, plen);
	if ((sp->flags & (F_LEFT | F_ZERO)) == F_ZERO) /* '-' wins over '0' */
		pad(o, '0', fill);
	put(o, body, len);
	if (sp->flags & F_LEFT)
		pad(o, ' ', fill);
}

/* Conversions of numbers: their index in NUMBER_CHARS tells the base and the signedness. */
#define NUMBER_CHARS "diuoxXp"
#define N_SIGNED     2 /* d, i */
#define N_OCTAL	     3
#define N_UPPER	     5 /* X */
#define N_POINTER    6
static const unsigned char number_base[] = {10, 10, 10, 8, 16, 16, 16}; /* by that index */

/*
 * Writes the digits of hi:lo in base (at most 16) backwards, ending before end; ten is the digit
 * for 10 ('a' or 'A'). Each digit divides hi, then lo 16 bits at a time with the remainder
 * (below base) carried in front: every dividend fits 32 bits, so the kernel needs no 64-bit
 * division (lib/div64.c).
 * Returns: where the digits start.
 */
static char *digits(char *end, uint32_t hi, uint32_t lo, unsigned base, char ten)
{
	do {
		uint32_t mid = (hi % base) << 16 | lo >> 16;
		uint32_t low = (mid % base) << 16 | (lo & 0xffff);
		unsigned d = low % base;

		hi /= base;
		lo = (mid / base) << 16 | low / base;
		*--end = (char)(d < 10 ? '0' + d : ten + d - 10);
	} while (hi | lo);
	return end;
}

/* Length modifiers. */
enum length { LEN_HH, LEN_H, LEN_INT, LEN_LONG, LEN_LLONG, LEN_SIZE };

/* The bits of the type each length names. */
static const unsigned char length_bits[] = {
    [LEN_HH] = CHAR_BIT * sizeof(char),		[LEN_H] = CHAR_BIT * sizeof(short),
    [LEN_INT] = CHAR_BIT * sizeof(int),		[LEN_LONG] = CHAR_BIT * sizeof(long),
    [LEN_LLONG] = CHAR_BIT * sizeof(long long), [LEN_SIZE] = CHAR_BIT * sizeof(size_t),
};

size_t fmt_vformat(struct fmt_sink *sink, const char *fmt, va_list ap)
{
	struct out o = {sink, 0};

	while (*fmt) {
		const char *start = fmt;

		while (*fmt && *fmt != '%')
			fmt++;
		put(&o, start, (size_t)(fmt - start));
		if (!*fmt)
			break;
		start = fmt++; /* at '%' */

		struct spec sp = {.precision = -1, .prefix = ""};
		unsigned k;
		while ((k = find(FLAG_CHARS, *fmt)) < 4) {
			sp.flags |= 1u << k;
			fmt++;
		}
		/* The width, then after a '.' the precision: digits, or '*' for an int argument. */
		for (int *n = &sp.width;; n = &sp.precision) {
			if (*fmt == '*') {
				*n = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					*n = clamp_digit(*n, *fmt++);
			}
			if (n == &sp.precision || *fmt != '.')
				break;
			fmt++;
			sp.precision = 0;
		}
		if (sp.width < 0) { /* from '*': left-justified */
			sp.flags |= F_LEFT;
			sp.width = sp.width == INT_MIN ? FMT_MAX_WIDTH : -sp.width;
		}
		if (sp.width > FMT_MAX_WIDTH)
			sp.width = FMT_MAX_WIDTH;

		enum length len = LEN_INT;
		if (*fmt == 'h')
			len = *++fmt == 'h' ? (fmt++, LEN_HH) : LEN_H;
		else if (*fmt == 'l')
			len = *++fmt == 'l' ? (fmt++, LEN_LLONG) : LEN_LONG;
		else if (*fmt == 'z')
			len = LEN_SIZE, fmt++;

		char c = *fmt;
		if (c)
			fmt++;
		/* Each conversion below yields body, n chars, that the spec then pads. */
		char buf[24];
		const char *body = buf;
		size_t n;

		k = find(NUMBER_CHARS, c);
		if (k <= N_POINTER) {
			bool is_signed = k < N_SIGNED;
			unsigned long long v;

			if (k == N_POINTER) {
				v = (uintptr_t)va_arg(ap, void *);
				sp.prefix = "0x";
				if (!sp.width) { /* every digit, zero padded unless '-' */
					sp.width = 2 + 2 * (int)sizeof(void *);
					sp.flags |= F_ZERO;
				}
			} else {
				/*
				 * Read as the unsigned type of the argument's size (a signed type
				 * is passed alike), then cut to the length's bits (hh and h convert
				 * the promoted int) and, for d and i, sign-extended from them (GCC
				 * shifts a negative number right arithmetically).
				 */
				int drop = 64 - length_bits[len];

				if (len == LEN_LLONG)
					v = va_arg(ap, unsigned long long);
				else if (len == LEN_LONG)
					v = va_arg(ap, unsigned long);
				else if (len == LEN_SIZE)
					v = va_arg(ap, size_t);
				else
					v = va_arg(ap, unsigned int);
				v <<= drop;
				v = is_signed ? (unsigned long long)((long long)v >> drop)
					      : v >> drop;
			}
			if (is_signed) {
				if ((long long)v < 0) {
					v = 0ull - v;
					sp.prefix = "-";
				} else if (sp.flags & F_PLUS) {
					sp.prefix = "+";
				} else if (sp.flags & F_SPACE) {
					sp.prefix = " ";
				}
			}
			body = digits(buf + sizeof(buf), (uint32_t)(v >> 32), (uint32_t)v,
				      number_base[k], k == N_UPPER ? 'A' : 'a');
			n = (size_t)(buf + sizeof(buf) - body);
		} else if (c == 's') {
			body = va_arg(ap, const char *);
			if (!body)
				body = "(null)";
			/* No byte past the precision is read; none (negative) bounds nothing. */
			n = strnlen(body, (size_t)sp.precision);
			sp.flags &= ~F_ZERO;
		} else if (c == 'c') {
			buf[0] = (char)va_arg(ap, int);
			n = 1;
			sp.flags &= ~F_ZERO;
		} else {
			/*
			 * "%%" prints the '%' it starts with; an unknown or truncated conversion
			 * is shown as written.
			 */
			put(&o, start, c == '%' ? 1 : (size_t)(fmt - start));
			continue;
		}
		emit_field(&o, &sp, body, n);
	}
	return o.count;
}

size_t fmt_format(struct fmt_sink *sink, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	size_t n = fmt_vformat(sink, fmt, ap);
	va_end(ap);
	return n;
}

struct buf_sink {
	struct fmt_sink sink;
	char *buf;
	size_t size, used;
};

static void buf_emit(struct fmt_sink *sink, const char *s, size_t len)
{
	struct buf_sink *b = container_of(sink, struct buf_sink, sink);

	if (b->used < b->size) {
		size_t room = b->size - b->used;
		memcpy(b->buf + b->used, s, len < room ? len : room);
	}
	b->used += len;
}

size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = {.sink = {buf_emit}, .buf = buf, .size = size ? size - 1 : 0};
	size_t n = fmt_vformat(&b.sink, fmt, ap);

	if (size)
		buf[n < size - 1 ? n : size - 1] = '\0';
	return n;
}

size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	size_t n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
