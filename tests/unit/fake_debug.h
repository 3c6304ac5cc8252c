/* SPDX-License-Identifier: MIT */
/* Host unit tests: a fake kprintf (kernel/debug.h) that keeps what the kernel printed. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define FAKE_DEBUG_BYTES 16384

/* Everything printed since the last reset, NUL-terminated (the excess is dropped). */
extern char fake_debug_out[FAKE_DEBUG_BYTES];
extern size_t fake_debug_len;

void fake_debug_reset(void);

/* Returns: whether the output since the last reset contains text. */
bool fake_debug_contains(const char *text);
