/* SPDX-License-Identifier: MIT */
/* qemu-pc: every address, port and IRQ of the platform, in one table (also runs under Bochs). */
#pragma once

/* Memory. The SRAM window stands in for a SoC's on-chip SRAM: everything the system writes
 * after the loader hands over lies in it. Conventional memory keeps it clear of the loader
 * (1 MiB) and of the Multiboot modules GRUB or QEMU place above it. */
#define BOARD_SRAM_PADDR   0x00010000u
#define BOARD_SRAM_BYTES   (512u * 1024)
#define BOARD_LOADER_PADDR 0x00100000u /* see linker/loader.ld */

/* Devices. */
#define BOARD_COM1_PORT	       0x3f8
#define BOARD_COM1_IRQ	       4
#define BOARD_COM1_BAUD	       115200
#define BOARD_PIC_MASTER_PORT  0x20
#define BOARD_PIC_SLAVE_PORT   0xa0
#define BOARD_PIT_PORT	       0x40
#define BOARD_PIT_IRQ	       0
#define BOARD_TICK_HZ	       1000
#define BOARD_DEBUG_EXIT_PORT  0xf4   /* QEMU -device isa-debug-exit,iobase=0xf4 */
#define BOARD_BOCHS_POWER_PORT 0x8900 /* Bochs APM/power port */
#define BOARD_KBC_PORT	       0x64   /* 8042: reset line */

/* isa-debug-exit values: QEMU exits with (v << 1) | 1, so 33 means success. */
#define BOARD_EXIT_SUCCESS 0x10 /* 33 */
#define BOARD_EXIT_FAILURE 0x11 /* 35 */
#define BOARD_EXIT_PANIC   0x12 /* 37 */
#define BOARD_EXIT_LOADER  0x13 /* 39 */

#define BOARD_NAME "qemu-pc"
