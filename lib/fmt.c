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
	if (sp->flags & F_ZERO) /* never with F_LEFT */
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

/* Length modifiers. */
enum length { LEN_HH, LEN_H, LEN_INT, LEN_LONG, LEN_LLONG, LEN_SIZE };

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
		if (sp.flags & F_LEFT)
			sp.flags &= ~F_ZERO;

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
		k = find(NUMBER_CHARS, c);
		if (k <= N_POINTER) {
			bool is_signed = k < N_SIGNED;
			unsigned long long v;
			char buf[24];
			size_t i = sizeof(buf);

			if (k == N_POINTER) {
				v = (uintptr_t)va_arg(ap, void *);
				sp.prefix = "0x";
				if (!sp.width) { /* every digit, zero padded unless '-' */
					sp.width = 2 + 2 * (int)sizeof(void *);
					if (!(sp.flags & F_LEFT))
						sp.flags |= F_ZERO;
				}
			} else if (len == LEN_LLONG) {
				v = is_signed ? (unsigned long long)va_arg(ap, long long)
					      : va_arg(ap, unsigned long long);
			} else if (len == LEN_LONG) {
				v = is_signed ? (unsigned long long)va_arg(ap, long)
					      : va_arg(ap, unsigned long);
			} else if (len == LEN_SIZE) { /* %zd: the signed type of size_t's width */
				v = is_signed ? (unsigned long long)(ptrdiff_t)va_arg(ap, size_t)
					      : va_arg(ap, size_t);
			} else {
				v = is_signed ? (unsigned long long)va_arg(ap, int)
					      : va_arg(ap, unsigned int);
				if (len == LEN_H)
					v = is_signed ? (unsigned long long)(short)v
						      : (unsigned short)v;
				else if (len == LEN_HH)
					v = is_signed ? (unsigned long long)(signed char)v
						      : (unsigned char)v;
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
			unsigned base = k <= N_OCTAL ? (k == N_OCTAL ? 8 : 10) : 16;
			do {
				unsigned d = (unsigned)(v % base);

				buf[--i] =
				    (char)(d < 10 ? '0' + d : (k == N_UPPER ? 'A' : 'a') + d - 10);
				v /= base;
			} while (v);
			emit_field(&o, &sp, buf + i, sizeof(buf) - i);
			continue;
		}
		switch (c) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			sp.flags &= ~F_ZERO;
			emit_field(&o, &sp, s,
				   sp.precision >= 0 ? strnlen(s, (size_t)sp.precision)
						     : strlen(s));
			break;
		}
		case 'c': {
			char ch = (char)va_arg(ap, int);

			sp.flags &= ~F_ZERO;
			emit_field(&o, &sp, &ch, 1);
			break;
		}
		case '%':
			put(&o, "%", 1);
			break;
		default:
			/* Unknown or truncated conversion: show it as written. */
			put(&o, start, (size_t)(fmt - start));
			break;
		}
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
