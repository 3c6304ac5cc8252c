/* SPDX-License-Identifier: MIT */
/* Test app: only works if every kind of absolute address was relocated: pointers in .data to
 * .rodata and to .bss, a table of function pointers, and code addressing globals directly. */
#include <stdint.h>

#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

static const char greeting[] = "relocated";
static uint32_t counter;
static const char *const strings[] = {greeting, "rodata"};
static uint32_t *counter_ptr = &counter;

static uint32_t twice(uint32_t v)
{
	return 2 * v;
}

static uint32_t thrice(uint32_t v)
{
	return 3 * v;
}

static uint32_t (*const ops[])(uint32_t) = {twice, thrice};

int main(void)
{
	*counter_ptr = 7;
	uint32_t v = ops[1](ops[0](counter)); /* 42 */
	int ok = v == 42 && strings[0][0] == 'r' && strings[1][0] == 'r';

	console_printf("pic_probe: binary at 0x%08x, RAM at 0x%08x: %s %s %u\n",
		       (unsigned)tock_start_info.binary_start, (unsigned)tock_start_info.ram_start,
		       ok ? "ok" : "BROKEN", strings[0], (unsigned)v);
	return ok ? 0 : 1;
}
