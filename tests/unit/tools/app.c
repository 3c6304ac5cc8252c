/* SPDX-License-Identifier: MIT */
/* A tiny C app for the elf2tbf test: rodata, data and bss, accessed at absolute addresses. */
#include <stdint.h>

static const char greeting[] = "hello from an i586 app";
uint32_t counter = 7;
uint32_t scratch[16];
const char *message = greeting;

void _start(void *binary, void *ram, uint32_t ram_len, void *brk);

__attribute__((section(".text.start"))) void _start(void *binary, void *ram, uint32_t ram_len,
						    void *brk)
{
	(void)binary;
	(void)ram;
	(void)brk;
	scratch[0] = ram_len + counter + (uint32_t)message[0];
	for (;;)
		__asm__ volatile("int $0x40" : : "a"(0) : "memory");
}
