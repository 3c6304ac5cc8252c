/* SPDX-License-Identifier: MIT */
/* printf-style formatting into any sink; no allocation, no floating point. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

#include "lib/compiler.h"

/*
 * Conversions: %d %i %u %x %X %o %p %s %c %%, with the flags '-' (left-justify), '0' (zero pad),
 * '+' and ' ', a width and, for %s, a precision (both may be '*'), and the length modifiers
 * hh, h, l, ll, z. An unknown conversion is printed verbatim, so a bad format is visible rather
 * than silently dropped. Widths and precisions are clamped to 4096.
 */

/* Receives the formatted text in pieces; pieces are not NUL-terminated. */
struct fmt_sink {
	void (*emit)(struct fmt_sink *sink, const char *s, size_t len);
};

/* Returns: the number of characters produced. */
size_t fmt_vformat(struct fmt_sink *sink, const char *fmt, va_list ap);
size_t fmt_format(struct fmt_sink *sink, const char *fmt, ...) PRINTF_LIKE(2, 3);

/*
 * Formats into buf (size bytes, always NUL-terminated when size > 0).
 * Returns: the length the full text needs, excluding the NUL; a value >= size means the text
 * was truncated, so callers can detect it.
 */
size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);
