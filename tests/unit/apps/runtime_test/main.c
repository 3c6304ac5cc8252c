/* SPDX-License-Identifier: MIT */
/* Test app: checks crt0 and the syscall layer from inside, one "ok N - ..." line per check. */
#include <stdbool.h>
#include <stdint.h>

#include "apps/runtime/alarm.h"
#include "apps/runtime/console.h"
#include "apps/runtime/tock.h"
#include "lib/string.h"

#define NO_SUCH_DRIVER	  0x7654321u
#define LONG_TEXT_REPEATS 40

extern char _stack_top[], _app_ram_end[];

/*
 * Initialised data holding every kind of address, so crt0's copy and the relocations show;
 * volatile, so the compiler reads them at run time instead of folding them.
 */
static const char greeting[] = "relocated rodata";
static const char *volatile greeting_ptr = greeting;
static volatile uint32_t counter = 0x12345678u;
static volatile uint32_t *volatile counter_ptr = &counter;
static volatile uint32_t zeroes[64];
static volatile uint32_t *volatile zeroes_end = &zeroes[64];
static unsigned failures, checks;

static int twice(int x)
{
	return 2 * x;
}
static int (*volatile hook)(int) = twice;

static void check(bool ok, const char *what)
{
	checks++;
	if (!ok)
		failures++;
	console_printf("%sok %u - %s\n", ok ? "" : "not ", checks, what);
}

static struct {
	unsigned count;
	uint32_t arg[3];
	void *data;
} seen;

static void on_write(uint32_t arg0, uint32_t arg1, uint32_t arg2, void *data)
{
	seen.count++;
	seen.arg[0] = arg0;
	seen.arg[1] = arg1;
	seen.arg[2] = arg2;
	seen.data = data;
}

static bool raw_write(const char *s, size_t len)
{
	return tock_return_error(tock_allow_ro(CONSOLE_DRIVER, CONSOLE_ALLOW_RO_WRITE, s, len)) ==
		   ERROR_NONE &&
	       tock_return_error(tock_command(CONSOLE_DRIVER, CONSOLE_CMD_WRITE, len, 0)) ==
		   ERROR_NONE;
}

static void check_image(void)
{
	uintptr_t ram = tock_start_info.ram_start, bin = tock_start_info.binary_start;
	uint32_t v = 0, v1 = 0;
	bool all_zero = true;
	int local;

	check(counter == 0x12345678u, ".data is initialised from its load image");
	check(counter_ptr == &counter && *counter_ptr == 0x12345678u,
	      "a .data pointer to .data is relocated");
	check(greeting_ptr == greeting &&
		  strcmp((const char *)greeting_ptr, "relocated rodata") == 0,
	      "a .data pointer to .rodata is relocated");
	check(hook(21) == 42, "a .data function pointer is relocated");
	check(zeroes_end == zeroes + 64, "a .data pointer past a .bss array is relocated");
	for (unsigned i = 0; i < 64; i++)
		all_zero &= zeroes[i] == 0;
	check(all_zero, ".bss is zeroed");
	check(tock_return_u32(tock_memop(TOCK_MEMOP_RAM_START, 0), &v) == ERROR_NONE && v == ram,
	      "tock_start_info.ram_start is the RAM start memop reports");
	check(tock_return_u32(tock_memop(TOCK_MEMOP_FLASH_START, 0), &v) == ERROR_NONE && v == bin,
	      "tock_start_info.binary_start is the flash start memop reports");
	check(tock_return_u32(tock_memop(TOCK_MEMOP_RAM_END, 0), &v1) == ERROR_NONE &&
		  v1 - ram == tock_start_info.ram_bytes,
	      "tock_start_info.ram_bytes is RAM end - RAM start");
	check((uintptr_t)_stack_top > (uintptr_t)&local && (uintptr_t)&local >= ram,
	      "main runs on the app stack, at the bottom of RAM");
	check((uintptr_t)&counter >= (uintptr_t)_stack_top && (uintptr_t)_app_ram_end <= v1,
	      "data lies above the stack, inside RAM");
	check(tock_return_u32(tock_memop(TOCK_MEMOP_FLASH_END, 0), &v) == ERROR_NONE &&
		  (uintptr_t)&main >= bin && (uintptr_t)&main < v,
	      "code lies in the binary");
}

static void check_syscalls(void)
{
	struct syscall_return r;
	uint32_t v0 = 1, v1 = 1;
	int marker;
	void *old;

	r = tock_command(NO_SUCH_DRIVER, 0, 0, 0);
	check(tock_return_error(r) == ERROR_NODEVICE, "command to a missing driver: NODEVICE");
	check(tock_return_error(tock_command(CONSOLE_DRIVER, 0, 0, 0)) == ERROR_NONE,
	      "command 0 of the console: Success");
	r = tock_subscribe(CONSOLE_DRIVER, CONSOLE_SUBSCRIBE_WRITE, NULL, NULL);
	check(tock_return_2u32(r, &v0, &v1) == ERROR_NONE, "subscribe returns Success + 2 u32");
	check(!tock_yield_no_wait(), "yield-no-wait with nothing pending: no upcall");

	/* No check() from here until each upcall is collected: console_printf() subscribes its
	 * own upcall, which would replace on_write and drop the pending one. */
	{
		struct tock_upcall_args a;
		bool resubscribed, started[3], no_wait_ran;
		unsigned after_wait, after_no_wait, after_wait_for;

		tock_subscribe(CONSOLE_DRIVER, CONSOLE_SUBSCRIBE_WRITE, on_write, &marker);
		r = tock_subscribe(CONSOLE_DRIVER, CONSOLE_SUBSCRIBE_WRITE, on_write, &marker);
		resubscribed = tock_return_2u32(r, &v0, &v1) == ERROR_NONE &&
			       v0 == (uintptr_t)on_write && v1 == (uintptr_t)&marker;
		started[0] = raw_write("[1]", 3);
		tock_yield_wait();
		after_wait = seen.count;
		started[1] = raw_write("[2]", 3);
		no_wait_ran = tock_yield_no_wait();
		after_no_wait = seen.count;
		started[2] = raw_write("[3]", 3);
		a = tock_yield_wait_for(CONSOLE_DRIVER, CONSOLE_SUBSCRIBE_WRITE);
		after_wait_for = seen.count;
		console_print("\n");
		check(resubscribed, "subscribe hands back the previous upcall and data");
		check(started[0] && started[1] && started[2], "raw console writes start");
		check(after_wait == 1 && seen.arg[0] == 3 && seen.arg[1] == 0 &&
			  seen.data == &marker,
		      "yield-wait ran the write-done upcall with its arguments and data");
		check(no_wait_ran && after_no_wait == 2, "yield-no-wait ran the pending upcall");
		check(a.arg[0] == 3 && after_wait_for == 2,
		      "yield-wait-for hands back the arguments and runs no upcall");
	}

	check(tock_sbrk(256, &old) == ERROR_NONE && (uintptr_t)old >= (uintptr_t)_app_ram_end,
	      "sbrk grows the heap above the RAM image");
	memset(old, 0xa5, 256);
	check(tock_brk(old) == ERROR_NONE, "brk gives it back");
	check(tock_brk((void *)4) == ERROR_NOMEM, "brk outside RAM: NOMEM");
	check(tock_return_error(tock_memop(99, 0)) == ERROR_NOSUPPORT,
	      "an unknown memop: NOSUPPORT");
}

static void check_libraries(void)
{
	uint32_t hz = 0, before = 0, after = 0, ticks = 0;

	check(alarm_frequency(&hz) == ERROR_NONE && hz > 0, "alarm frequency");
	check(alarm_ms_to_ticks(10, &ticks) == ERROR_NONE && ticks == (10 * hz + 999) / 1000,
	      "10 ms in ticks, rounded up");
	alarm_now(&before);
	check(alarm_delay_ms(10) == ERROR_NONE, "alarm_delay_ms(10)");
	alarm_now(&after);
	check(after - before >= ticks, "... waited at least 10 ms, across the counter's wrap");
	check(alarm_sleep_until(after - 1000, 10) == ERROR_NONE,
	      "sleeping until a past time returns at once");
	for (unsigned i = 0; i < LONG_TEXT_REPEATS; i++)
		console_printf("%s%02u", i ? " " : "long:", i);
	console_print("\n");
	check(console_printf("%d %u %x %s %c %5s|%-3d|\n", -7, 7u, 0xbeefu, "str", 'c', "ab", 1) ==
		  ERROR_NONE,
	      "console_printf formats");
}

int main(void)
{
	check_image();
	check_syscalls();
	check_libraries();
	console_printf("%u checks, %u failed\n", checks, failures);
	return (int)failures;
}
