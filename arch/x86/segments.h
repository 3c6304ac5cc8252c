/* SPDX-License-Identifier: MIT */
/* GDT layout and selectors; shared by C and assembly. */
#pragma once

/* GDT slots. The order is fixed: assembly and the TSS use these selectors. */
#define GDT_NULL   0
#define GDT_KCODE  1 /* ring 0 code, flat 4 GiB */
#define GDT_KDATA  2 /* ring 0 data, flat 4 GiB */
#define GDT_UCODE  3 /* ring 3 code, limit = end of the running process's text */
#define GDT_UDATA  4 /* ring 3 data, flat 4 GiB (paging confines it) */
#define GDT_TSS	   5 /* the one TSS: esp0/ss0 for ring 3 -> 0 */
#define GDT_DF_TSS 6 /* the double-fault task: its own stack, reached by a task gate */
#define GDT_COUNT  7

#define SEL_KCODE  (GDT_KCODE << 3)
#define SEL_KDATA  (GDT_KDATA << 3)
#define SEL_UCODE  ((GDT_UCODE << 3) | 3)
#define SEL_UDATA  ((GDT_UDATA << 3) | 3)
#define SEL_TSS	   (GDT_TSS << 3)
#define SEL_DF_TSS (GDT_DF_TSS << 3)

/* Offsets pinned by STATIC_ASSERTs in trap.h and gdt.h, for assembly. */
#define TF_CS	 60 /* struct trap_frame.cs */
#define TF_BYTES 76 /* sizeof(struct trap_frame) */
#define TSS_ESP0 4  /* struct x86_tss.esp0 */

/* Interrupt vectors. */
#define VEC_IRQ_BASE	0x20 /* 8259 master 0x20-0x27, slave 0x28-0x2f */
#define VEC_IRQ_COUNT	16
#define VEC_SYSCALL	0x40 /* Tock x86 ABI: int $0x40 */
#define VEC_COUNT	256
#define TRAP_STUB_BYTES 16 /* each stub is aligned to this, so stub v = base + 16 * v */
/* Stubs exist for the CPU's exceptions and the 8259's lines; every other vector but the system
 * call's is not present (an int to it raises #GP, or #NP from the kernel, naming the vector). */
#define TRAP_STUB_COUNT (VEC_IRQ_BASE + VEC_IRQ_COUNT)
