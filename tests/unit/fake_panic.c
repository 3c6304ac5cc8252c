/* SPDX-License-Identifier: MIT */
/* A fake kernel_panic for unit tests: an unexpected panic fails the test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "tests/unit/fake_panic.h"
#include "kernel/panic.h"

jmp_buf panic_jump;
bool panic_expected;
char panic_message[256];

void kernel_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_message, sizeof(panic_message), fmt, ap);
	va_end(ap);
	if (!panic_expected) {
		print_error("unexpected kernel_panic: %s\n", panic_message);
		fail();
		abort(); /* not reached: fail() leaves the test */
	}
	panic_expected = false;
	longjmp(panic_jump, 1);
}
