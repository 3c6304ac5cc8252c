/* SPDX-License-Identifier: MIT */
/* Test app: recurses until the stack runs off the start of RAM, which must fault. */
#include <stdint.h>

#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"

__attribute__((noinline)) static uint32_t dig(uint32_t n)
{
	volatile uint8_t frame[200];

	frame[0] = (uint8_t)n;
	return n == 0 ? 0 : dig(n - 1) + frame[0];
}

int main(void)
{
	console_printf("stack bottom at 0x%08x: digging\n", (unsigned)tock_start_info.ram_start);
	console_printf("dig returned %u: no fault\n", (unsigned)dig(1000000));
	return 1;
}
