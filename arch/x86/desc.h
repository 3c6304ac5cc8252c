/* SPDX-License-Identifier: MIT */
/* Encoding of x86 segment, TSS and gate descriptors (pure functions, tested on the host). */
#pragma once

#include <stdint.h>

/*
 * Segment descriptor, SDM 3A 3.4.5:
 *
 *   63      56 55 54 53 52 51    48 47 46  45 44 43    40 39       32
 *  +----------+--+--+--+--+--------+--+-----+--+--------+-----------+
 *  |base 31:24| G|DB| L|AV|lim19:16| P| DPL | S|  type  |base 23:16 |
 *  +----------+--+--+--+--+--------+--+-----+--+--------+-----------+
 *  31                            16 15                             0
 *  +-------------------------------+--------------------------------+
 *  |          base 15:0            |          limit 15:0            |
 *  +-------------------------------+--------------------------------+
 */
#define DESC_TYPE_DATA_RW   0x2 /* read/write data */
#define DESC_TYPE_CODE_RX   0xa /* execute/read code */
#define DESC_TYPE_TSS32	    0x9 /* available 32-bit TSS (system) */
#define DESC_TYPE_TASK_GATE 0x5 /* task gate */
#define DESC_TYPE_INTR_GATE 0xe /* 32-bit interrupt gate: clears IF on entry */
#define DESC_TYPE_TRAP_GATE 0xf /* 32-bit trap gate: leaves IF alone */

/*
 * A code or data segment (S=1, 32-bit). limit_bytes is the last valid offset + 1 (so 0 means
 * the full 4 GiB); limits above 1 MiB are stored in 4 KiB units (G=1) and rounded down to whole
 * pages, so a limit never grants more than asked.
 */
uint64_t x86_seg_desc(uint32_t base, uint64_t limit_bytes, unsigned type, unsigned dpl);

/* A 32-bit TSS descriptor (S=0, byte granular). */
uint64_t x86_tss_desc(uint32_t base, uint32_t limit_bytes);

/* A task gate to the TSS selector (SDM 3A 7.2.5): the handler runs as its own task. */
uint64_t x86_task_gate_desc(uint16_t tss_selector);

/* An interrupt or trap gate to selector:offset. */
uint64_t x86_gate_desc(uint32_t offset, uint16_t selector, unsigned type, unsigned dpl);

/* Decoders, for reports and tests. */
uint32_t x86_desc_base(uint64_t d);
uint64_t x86_desc_limit_bytes(uint64_t d); /* last valid offset + 1 */
unsigned x86_desc_dpl(uint64_t d);

/*
 * The IDT policy, as data: every gate an interrupt gate (IF cleared on entry: the kernel runs
 * with interrupts off) in code selector cs. Vectors below stub_count go to stubs +
 * stub_bytes * v at DPL 0; syscall_vector goes to syscall_entry at DPL 3, the only gate ring 3
 * may use (an int to any other raises #GP). All other gates are not present.
 */
struct x86_idt_policy {
	uint32_t stubs, stub_bytes, stub_count;
	uint32_t syscall_entry;
	unsigned syscall_vector;
	uint16_t cs;
};
void x86_idt_fill(uint64_t idt[256], const struct x86_idt_policy *policy);
