/* SPDX-License-Identifier: MIT */
/* Host unit tests: two processes in a fake, identity-mapped SRAM, and a test driver. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "kernel/driver.h"
#include "kernel/process.h"
#include "kernel/syscall.h"

/*
 * The kernel treats 32-bit addresses as pointers, so the SRAM is mapped at its own address:
 *
 *   0x40000000 A text   [flash_start | header 0x40 | binary 0x40..0xc00 | zero]
 *   0x40001000 guard page (PROT_NONE)
 *   0x40002000 A RAM    [app RAM, break 0x40003000 ...          grants ... ram_end 0x40006000)
 *   0x40006000 B text   (same shape as A's)
 *   0x40007000 B RAM    [break 0x40007800 ...                         ram_end 0x4000b000)
 *   0x4000b000 unused
 *   0x4000f000 guard page (PROT_NONE)
 */
#define SRAM_BASE  0x40000000u
#define SRAM_BYTES 0x10000u
#define GUARD_LOW  0x40001000u
#define GUARD_HIGH 0x4000f000u

#define A_FLASH	    0x40000000u
#define A_BINARY    0x40000040u
#define A_ENTRY	    0x40000080u
#define A_BIN_END   0x40000c00u
#define A_TEXT_END  0x40001000u
#define A_RAM	    0x40002000u
#define A_RAM_END   0x40006000u
#define A_MIN_RAM   0x1000u
#define A_BREAK	    (A_RAM + A_MIN_RAM)
#define B_FLASH	    0x40006000u
#define B_BINARY    0x40006040u
#define B_ENTRY	    0x40006080u
#define B_BIN_END   0x40006c00u
#define B_TEXT_END  0x40007000u
#define B_RAM	    0x40007000u
#define B_RAM_END   0x4000b000u
#define B_MIN_RAM   0x800u
#define B_BREAK	    (B_RAM + B_MIN_RAM)
#define PAGE_BYTES  PROCESS_PAGE_BYTES
#define QUEUE_BYTES ((uint32_t)sizeof(struct upcall_queue))

/*
 * Six more apps, C..H, for tests that need every process slot, in a second mapping:
 *
 *   MORE_FLASH(i)   text page [flash_start | header 0x40 | binary 0x40..0xc00 | zero]
 *   MORE_RAM(i)     2 pages of RAM [RAM, break MORE_RAM(i) + 0x100 ...  grants ... ram_end)
 *   MORE_GUARD      guard page (PROT_NONE) after the last app
 *
 * with MORE_FLASH(i) = MORE_BASE + i * MORE_APP_BYTES (i = 0..5 for slots 2..7).
 */
#define MORE_BASE	 0x40010000u
#define MORE_APP_BYTES	 0x3000u
#define MORE_APPS	 6u
#define MORE_FLASH(i)	 (MORE_BASE + (uint32_t)(i)*MORE_APP_BYTES)
#define MORE_BINARY(i)	 (MORE_FLASH(i) + 0x40u)
#define MORE_RAM(i)	 (MORE_FLASH(i) + 0x1000u)
#define MORE_RAM_END(i)	 (MORE_FLASH(i) + MORE_APP_BYTES)
#define MORE_MIN_RAM	 0x100u
#define MORE_GUARD	 (MORE_BASE + MORE_APPS * MORE_APP_BYTES)
#define MORE_BYTES	 (MORE_APPS * MORE_APP_BYTES + PAGE_BYTES)
#define FIXTURE_APPS_MAX (2u + MORE_APPS)

/* Where a test puts the frame of a system call it makes (4 words, low in A's RAM, so it stays
 * below the break when tests lower it). */
#define A_FRAME (A_RAM + 0x400u)
#define B_FRAME (B_BREAK - 0x100u)

/* A driver with 2 upcalls and one allow of each kind; its command records its arguments. */
#define TEST_DRIVER_NUM	   0x90000u
#define OTHER_DRIVER_NUM   0x90001u /* a second driver, for allowed_end across drivers */
#define MISSING_DRIVER_NUM 0x12345u /* never registered */
#define TEST_DATA_BYTES	   8u

struct test_driver {
	struct driver driver;
	unsigned calls;
	struct process *p;
	uint32_t cmd, arg1, arg2;
	struct syscall_return reply; /* what the command returns */
};

extern struct test_driver test_drv, other_drv;
extern struct process *pa, *pb; /* the two processes after fixture_start() */

/* Group set-up: maps the SRAM and registers the drivers (once per binary). */
int fixture_group_setup(void **state);
int fixture_group_teardown(void **state);

/* Starts A and B afresh with the policy, after clearing every fake and every slot. */
void fixture_start(enum fault_policy policy, uint32_t restart_limit);
/* Starts the first n (2 .. FIXTURE_APPS_MAX) of A, B, C..H afresh; slots n.. stay unused. */
void fixture_start_n(unsigned n, enum fault_policy policy, uint32_t restart_limit);
/* The same with FAULT_POLICY_STOP, as a cmocka set-up. */
int fixture_setup(void **state);

/* The word/byte at a 32-bit SRAM address. */
uint32_t *word_at(uint32_t vaddr);
uint8_t *byte_at(uint32_t vaddr);

/* Makes [vaddr, vaddr + bytes) inaccessible, or accessible again. */
void sram_protect(uint32_t vaddr, uint32_t bytes, bool accessible);

/* Carries out a system call of p as syscall_handle() would, without a frame in its memory. */
struct syscall_return fixture_syscall(struct process *p, uint32_t class, uint32_t r0, uint32_t r1,
				      uint32_t r2, uint32_t r3);

/* Takes p's oldest queued upcall out, as delivering it would. Returns: false if none. */
struct upcall;
bool fixture_pop_upcall(struct process *p, struct upcall *out);

/* Does p's queue hold exactly these upcalls, oldest first? (Fails the test otherwise.) */
void assert_queue(const struct process *p, const struct upcall *expected, unsigned n);
