/* SPDX-License-Identifier: MIT */
/* A fake kernel_panic for unit tests: records the message and jumps back into the test. */
#pragma once

#include <setjmp.h>
#include <stdbool.h>

extern jmp_buf panic_jump;
extern bool panic_expected;
extern char panic_message[256];

/* Runs call, which must end in kernel_panic; panic_message then holds the report. */
#define assert_panics(call)                                                                        \
	do {                                                                                       \
		panic_message[0] = '\0';                                                           \
		panic_expected = true;                                                             \
		if (setjmp(panic_jump) == 0) {                                                     \
			call;                                                                      \
			panic_expected = false;                                                    \
			fail_msg("no kernel_panic from %s", #call);                                \
		}                                                                                  \
	} while (0)
