/* SPDX-License-Identifier: MIT */
/* qemu-pc: wires the PC's devices to the HILs, maps memory and starts the kernel. */
#include "kernel/platform.h"

#include "arch/x86/gdt.h"
#include "arch/x86/paging.h"
#include "arch/x86/segments.h"
#include "capsules/process_console.h"
#include "drivers/i8254.h"
#include "drivers/i8259.h"
#include "drivers/ns16550.h"
#include "drivers/pc_power.h"
#include "kernel/debug.h"
#include "kernel/interrupt.h"
#include "kernel/kernel.h"
#include "kernel/panic.h"
#include "kernel/selftest.h"
#include "lib/string.h"
#include "loader/boot_info.h"
#include "platform/qemu-pc/board.h"

/* linker/kernel.ld */
extern const char kernel_text_start[], kernel_text_end[], kernel_data_start[], kernel_bss_end[],
    kernel_end[];
extern const char kernel_entry[], x86_kernel_stack_guard[]; /* arch/x86/entry.S */

static struct pc_power power = {
    .debug_exit_port = BOARD_DEBUG_EXIT_PORT,
    .bochs_port = BOARD_BOCHS_POWER_PORT,
    .kbc_port = BOARD_KBC_PORT,
    .exit_codes = {[POWER_SUCCESS] = BOARD_EXIT_SUCCESS,
		   [POWER_FAILURE] = BOARD_EXIT_FAILURE,
		   [POWER_PANIC] = BOARD_EXIT_PANIC,
		   [POWER_LOADER_ERROR] = BOARD_EXIT_LOADER},
};
static struct ns16550 com1;
static struct i8259 pic;
static struct i8254 pit;
static struct process_console console;

static uint32_t paddr(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

static void check_boot_info(const struct boot_info *bi)
{
	if (bi->magic != BOOT_INFO_MAGIC || bi->version != BOOT_INFO_VERSION)
		kernel_panic("bad handover from the loader: boot info magic 0x%08x version %u "
			     "(expected 0x%08x version %u)",
			     bi->magic, bi->version, BOOT_INFO_MAGIC, BOOT_INFO_VERSION);
	if (bi->sram_paddr != BOARD_SRAM_PADDR || bi->sram_bytes != BOARD_SRAM_BYTES)
		kernel_panic("loader's SRAM window 0x%08x+%u is not this platform's 0x%08x+%u",
			     bi->sram_paddr, bi->sram_bytes, BOARD_SRAM_PADDR, BOARD_SRAM_BYTES);
	/* The header fields that placed and entered us are not under the hash: check them. */
	if (bi->kernel_paddr != paddr(kernel_text_start) ||
	    bi->kernel_bytes < paddr(kernel_bss_end) - paddr(kernel_text_start) ||
	    bi->kernel_entry_paddr != paddr(kernel_entry))
		kernel_panic("loaded at 0x%08x+%u entered at 0x%08x; linked for 0x%08x+%u entry "
			     "0x%08x",
			     bi->kernel_paddr, bi->kernel_bytes, bi->kernel_entry_paddr,
			     paddr(kernel_text_start),
			     paddr(kernel_bss_end) - paddr(kernel_text_start), paddr(kernel_entry));
	if (strnlen(bi->cmdline, sizeof(bi->cmdline)) == sizeof(bi->cmdline))
		kernel_panic("boot command line is not terminated");
}

/*
 * The kernel's view of memory: its code read-only, the rest of SRAM read-write, the firmware
 * image read-only; nothing else, so a stray access faults. Page 0 stays unmapped.
 */
static void map_memory(const struct boot_info *bi)
{
	uint32_t sram_end = BOARD_SRAM_PADDR + BOARD_SRAM_BYTES;
	enum error_code rc;

	rc = x86_paging_map(paddr(kernel_text_start), paddr(kernel_text_end), 0);
	if (rc == ERROR_NONE)
		rc = x86_paging_map(paddr(kernel_data_start), sram_end, PTE_W);
	if (rc == ERROR_NONE && bi->storage_bytes)
		rc = x86_paging_map(bi->storage_paddr, bi->storage_paddr + bi->storage_bytes, 0);
	if (rc != ERROR_NONE)
		kernel_panic("cannot map memory: %s", error_name(rc));
	/* The page under the kernel stack stays unmapped: an overflow faults. */
	x86_paging_unmap(paddr(x86_kernel_stack_guard), paddr(x86_kernel_stack_guard) + PAGE_BYTES);
	x86_paging_enable();
	x86_double_fault_init();
}

void platform_main(const struct boot_info *bi)
{
	pc_power_init(&power);
	panic_set_power(&power.power);
	ns16550_init(&com1, BOARD_COM1_PORT, BOARD_COM1_BAUD);
	debug_init(&com1.uart);
	check_boot_info(bi);
	map_memory(bi);

	struct kernel_layout layout = {
	    .sram_start = BOARD_SRAM_PADDR,
	    .sram_end = BOARD_SRAM_PADDR + BOARD_SRAM_BYTES,
	    .text_start = paddr(kernel_text_start),
	    .text_end = paddr(kernel_text_end),
	    .data_start = paddr(kernel_data_start),
	    .data_end = paddr(kernel_end),
	    .free_start = paddr(kernel_end),
	    .storage_start = bi->storage_paddr,
	    .storage_end = bi->storage_paddr + bi->storage_bytes,
	    .platform = BOARD_NAME,
	};
	memcpy(layout.measurement, bi->kernel_sha256, sizeof(layout.measurement));
	kernel_set_layout(&layout);

	i8259_init(&pic, BOARD_PIC_MASTER_PORT, BOARD_PIC_SLAVE_PORT, VEC_IRQ_BASE);
	interrupt_init(&pic.intc);
	i8254_init(&pit, BOARD_PIT_PORT, BOARD_TICK_HZ);
	interrupt_register(BOARD_PIT_IRQ, &pit.irq);
	interrupt_register(BOARD_COM1_IRQ, &com1.irq);
	ns16550_start(&com1);

	kprintf("\ntock-x86 on %s: kernel 0x%08x-0x%08x (text %u, data+bss %u bytes), "
		"SRAM %u KiB\n",
		BOARD_NAME, layout.text_start, layout.data_end, layout.text_end - layout.text_start,
		layout.data_end - layout.data_start, BOARD_SRAM_BYTES / 1024);
	kprintf("boot: %s\n", bi->cmdline);

	selftest_start(bi->cmdline, &pit.alarm, &power.power);
	process_console_start(&console, &com1.uart, &pit.alarm, &power.power);
	kernel_loop();
}
