/* SPDX-License-Identifier: MIT */
/* Host unit tests: a fake kprintf that appends to a buffer the test can inspect. */
#include "tests/unit/fake_debug.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/debug.h"

char fake_debug_out[FAKE_DEBUG_BYTES];
size_t fake_debug_len;

void fake_debug_reset(void)
{
	fake_debug_out[0] = '\0';
	fake_debug_len = 0;
}

bool fake_debug_contains(const char *text)
{
	return strstr(fake_debug_out, text) != NULL;
}

void kvprintf(const char *fmt, va_list ap)
{
	size_t room = sizeof(fake_debug_out) - fake_debug_len;
	int n = vsnprintf(fake_debug_out + fake_debug_len, room, fmt, ap);

	if (n > 0)
		fake_debug_len += (size_t)n < room ? (size_t)n : room - 1;
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}
