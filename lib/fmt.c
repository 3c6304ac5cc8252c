/* SPDX-License-Identifier: MIT */
/* printf-style formatting into any sink. */
#include "lib/fmt.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

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

struct spec {
	bool left, zero, plus, space;
	int width;
	int precision; /* -1: none */
};

static void pad(struct fmt_sink *sink, char c, int n, size_t *count)
{
	static const char zeros[8] = "00000000", spaces[8] = "        ";
	const char *src = c == '0' ? zeros : spaces;

	while (n > 0) {
		int k = n > 8 ? 8 : n;

		sink->emit(sink, src, (size_t)k);
		*count += (size_t)k;
		n -= k;
	}
}

/* Emits body (len chars) with an optional sign/prefix, padded to the spec's width. */
static void emit_field(struct fmt_sink *sink, const struct spec *sp, const char *prefix,
		       const char *body, size_t len, size_t *count)
{
	size_t plen = strlen(prefix);
	int fill = sp->width - (int)(plen + len);

	if (!sp->left && !sp->zero)
		pad(sink, ' ', fill, count);
	if (plen)
		sink->emit(sink, prefix, plen);
	if (!sp->left && sp->zero)
		pad(sink, '0', fill, count);
	if (len)
		sink->emit(sink, body, len);
	if (sp->left)
		pad(sink, ' ', fill, count);
	*count += plen + len;
}

static void emit_number(struct fmt_sink *sink, const struct spec *sp, unsigned long long v,
			bool negative, unsigned base, bool upper, const char *prefix, size_t *count)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	size_t i = sizeof(buf);

	do {
		buf[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (negative)
		prefix = "-";
	else if (sp->plus && !*prefix)
		prefix = "+";
	else if (sp->space && !*prefix)
		prefix = " ";
	emit_field(sink, sp, prefix, buf + i, sizeof(buf) - i, count);
}

size_t fmt_vformat(struct fmt_sink *sink, const char *fmt, va_list ap)
{
	size_t count = 0;

	while (*fmt) {
		const char *start = fmt;

		while (*fmt && *fmt != '%')
			fmt++;
		if (fmt != start) {
			sink->emit(sink, start, (size_t)(fmt - start));
			count += (size_t)(fmt - start);
		}
		if (!*fmt)
			break;
		start = fmt++; /* at '%' */

		struct spec sp = {.precision = -1};
		for (;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '0')
				sp.zero = true;
			else if (*fmt == '+')
				sp.plus = true;
			else if (*fmt == ' ')
				sp.space = true;
			else
				break;
		}
		if (*fmt == '*') {
			int w = va_arg(ap, int);

			if (w < 0) {
				sp.left = true;
				w = w == INT_MIN ? FMT_MAX_WIDTH : -w;
			}
			sp.width = w;
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = clamp_digit(sp.width, *fmt++);
		}
		if (*fmt == '.') {
			fmt++;
			sp.precision = 0;
			if (*fmt == '*') {
				sp.precision = va_arg(ap, int); /* negative: as if none */
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.precision = clamp_digit(sp.precision, *fmt++);
			}
		}
		if (sp.width > FMT_MAX_WIDTH)
			sp.width = FMT_MAX_WIDTH;
		if (sp.left)
			sp.zero = false;

		int longs = 0; /* -2 hh, -1 h, 0 int, 1 long, 2 long long, 3 size_t */
		if (fmt[0] == 'h' && fmt[1] == 'h')
			longs = -2, fmt += 2;
		else if (fmt[0] == 'h')
			longs = -1, fmt++;
		else if (fmt[0] == 'l' && fmt[1] == 'l')
			longs = 2, fmt += 2;
		else if (fmt[0] == 'l')
			longs = 1, fmt++;
		else if (fmt[0] == 'z')
			longs = 3, fmt++;

		char c = *fmt;
		if (c)
			fmt++;
		switch (c) {
		case 'd':
		case 'i': {
			long long v;

			if (longs == 2)
				v = va_arg(ap, long long);
			else if (longs == 1)
				v = va_arg(ap, long);
			else if (longs == 3)
				v = (long long)(ptrdiff_t)va_arg(ap, size_t); /* signed size_t */
			else
				v = va_arg(ap, int);
			if (longs == -1)
				v = (short)v;
			else if (longs == -2)
				v = (signed char)v;
			unsigned long long mag =
			    v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
			emit_number(sink, &sp, mag, v < 0, 10, false, "", &count);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			unsigned long long v;

			if (longs == 2)
				v = va_arg(ap, unsigned long long);
			else if (longs == 1)
				v = va_arg(ap, unsigned long);
			else if (longs == 3)
				v = va_arg(ap, size_t);
			else
				v = va_arg(ap, unsigned int);
			if (longs == -1)
				v = (unsigned short)v;
			else if (longs == -2)
				v = (unsigned char)v;
			unsigned base = c == 'u' ? 10 : c == 'o' ? 8 : 16;
			sp.plus = sp.space = false;
			emit_number(sink, &sp, v, false, base, c == 'X', "", &count);
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(ap, void *);

			sp.plus = sp.space = false;
			if (!sp.width) {
				sp.width = 2 + 2 * (int)sizeof(void *);
				sp.zero = !sp.left;
			}
			emit_number(sink, &sp, v, false, 16, false, "0x", &count);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			size_t len =
			    sp.precision >= 0 ? strnlen(s, (size_t)sp.precision) : strlen(s);
			sp.zero = false;
			emit_field(sink, &sp, "", s, len, &count);
			break;
		}
		case 'c': {
			char ch = (char)va_arg(ap, int);

			sp.zero = false;
			emit_field(sink, &sp, "", &ch, 1, &count);
			break;
		}
		case '%':
			sink->emit(sink, "%", 1);
			count++;
			break;
		default:
			/* Unknown or truncated conversion: show it as written. */
			sink->emit(sink, start, (size_t)(fmt - start));
			count += (size_t)(fmt - start);
			break;
		}
	}
	return count;
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
