/* SPDX-License-Identifier: MIT */
/*
 * A plain C app for elf2tbf --pic, built -fno-pic like any app: its code holds the absolute
 * addresses of a .data and a .bss global, a function and a .rodata string inside instructions
 * (unaligned R_386_32), and .data holds some of them in aligned pointer words.
 */
#include <stdint.h>

static const char greeting[] = "relocate me";
uint32_t counter = 7;
uint32_t scratch[16];

__attribute__((noinline)) uint32_t helper(uint32_t x);
__attribute__((noinline)) uint32_t helper(uint32_t x)
{
	return x * 3 + counter;
}

uint32_t (*hook)(uint32_t) = helper;
const char *message = greeting;
uint32_t *counter_ptr = &counter;

void _start(void *binary, void *ram, uint32_t ram_len, void *brk);

__attribute__((section(".text.start"))) void _start(void *binary, void *ram, uint32_t ram_len,
						    void *brk)
{
	/* Addresses taken in code: each one an immediate or displacement in an instruction. */
	uint32_t (*volatile fn)(uint32_t) = helper;
	const char *volatile str = greeting;
	uint32_t *volatile data = &counter;
	uint32_t *volatile bss = scratch;

	(void)binary;
	(void)ram;
	(void)brk;
	scratch[3] = fn(ram_len) + (uint32_t)str[1] + *data + bss[0];
	scratch[5] = hook(*counter_ptr) + (uint32_t)message[0];
	for (;;)
		__asm__ volatile("int $0x40" : : "a"(0) : "memory");
}
