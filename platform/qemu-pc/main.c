/* SPDX-License-Identifier: MIT */
/* qemu-pc: wires the PC's devices to the HILs, maps memory and starts the kernel. */
#include "kernel/platform.h"

#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/idt.h"
#include "arch/x86/paging.h"
#include "arch/x86/segments.h"
#include "capsules/alarm.h"
#include "capsules/console.h"
#include "capsules/low_level_debug.h"
#include "capsules/process_console.h"
#include "capsules/process_info.h"
#include "capsules/uart_rx_mux.h"
#include "capsules/virtual_alarm.h"
#include "drivers/i8254.h"
#include "drivers/i8259.h"
#include "drivers/ns16550.h"
#include "drivers/pc_power.h"
#include "kernel/debug.h"
#include "kernel/interrupt.h"
#include "kernel/ipc.h"
#include "kernel/kernel.h"
#include "kernel/panic.h"
#include "kernel/process.h"
#include "kernel/process_loader.h"
#include "kernel/selftest.h"
#include "lib/string.h"
#include "loader/boot_info.h"
#include "platform/qemu-pc/board.h"
#include "platform/qemu-pc/digest.h"
#include "platform/qemu-pc/rng.h"

/* The optional parts (Makefile's OPTIONS) are chosen on the compiler's command line. */
#if !defined(CONFIG_RNG) || !defined(CONFIG_DIGEST) || !defined(CONFIG_SELFTEST)
#error "build through the Makefile: CONFIG_RNG, CONFIG_DIGEST and CONFIG_SELFTEST must be set"
#endif

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
static struct uart_rx_mux com1_input;
static struct alarm_mux alarms;
#if CONFIG_SELFTEST
static struct virtual_alarm selftest_alarm;
#endif
static struct alarm_driver alarm_driver;
static struct console_driver console_driver;
static struct driver lld_driver;
static struct driver process_info_driver;
static struct process_loader_result apps;

/* Every 10 ms: a transmit whose completion interrupt was lost resumes (ns16550_kick). */
static struct {
	struct virtual_alarm va;
	struct hil_alarm_client client;
} uart_watchdog;

static void uart_watchdog_fired(struct hil_alarm_client *client)
{
	(void)client;
	ns16550_kick(&com1);
	hil_alarm_set(&uart_watchdog.va.alarm, hil_alarm_now(&uart_watchdog.va.alarm),
		      I8254_INPUT_HZ / 100);
}

/* Kernel version apps are checked against (TBF kernel-version TLV: ^major.minor). */
#define KERNEL_MAJOR 2
#define KERNEL_MINOR 2

static const struct process_loader_config loader_config = {
    .kernel_major = KERNEL_MAJOR,
    .kernel_minor = KERNEL_MINOR,
    .grant_bytes = 1024,
    .require_credentials = false,
};

static const struct process_config process_config = {
    .fault_policy = FAULT_POLICY_RESTART_UPTO,
    .restart_limit = 3,
};

#define TIMESLICE_MS 10

/* Apps get the SRAM above the kernel. */
static const struct process_memory app_memory = {
    .start_vaddr = (uintptr_t)kernel_end,
    .end_vaddr = BOARD_SRAM_PADDR + BOARD_SRAM_BYTES,
    .host = (uint8_t *)kernel_end,
};

static void load_apps(const struct boot_info *bi)
{
	process_loader_load((const uint8_t *)(uintptr_t)bi->apps_paddr, bi->apps_bytes, &app_memory,
			    &loader_config, kprintf, &apps);
	for (unsigned i = 0; i < apps.count; i++) {
		const struct app *a = &apps.apps[i];

		kprintf("app %-10.*s text 0x%08x-0x%08x  RAM 0x%08x-0x%08x  entry 0x%08x  %s%s\n",
			(int)a->name_len, a->name, a->flash_start, a->text_end, a->ram_start,
			a->ram_end, a->entry_vaddr, a->relocated ? "relocated" : "fixed",
			a->signed_sha256 ? ", sha256 ok" : "");
		/* Nothing writes an app's code once it is loaded: read-only for the kernel too
		 * (in force from the first switch to a process, which flushes the TLB). */
		if (x86_paging_map(a->flash_start, a->text_end, 0) != ERROR_NONE)
			kernel_panic("cannot map app text read-only");
	}
	kprintf("%u apps loaded, %u skipped\n", apps.count, apps.skipped);
	process_create_all(&apps, &process_config);
	sched_set_clock(&pit.alarm, I8254_INPUT_HZ / 1000 * TIMESLICE_MS);
}

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
	x86_idt_protect();
	/* Apps live in SRAM: each process gets its own copy of the page table mapping it. */
	x86_paging_set_user_window(BOARD_SRAM_PADDR, sram_end);
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
	layout.kernel_file_bytes = bi->kernel_file_bytes;
	layout.cycles_loader_entry = bi->cycles_loader_entry;
	layout.cycles_hash_start = bi->cycles_hash_start;
	layout.cycles_hash_end = bi->cycles_hash_end;
	layout.cycles_kernel_entry = x86_kernel_entry_cycles;
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

	alarm_mux_init(&alarms, &pit.alarm);
#if CONFIG_SELFTEST
	virtual_alarm_init(&selftest_alarm, &alarms);
#endif
	alarm_driver_init(&alarm_driver, &alarms);
	uart_rx_mux_init(&com1_input, &com1.uart);
	console_driver_init(&console_driver, &com1_input);
	low_level_debug_init(&lld_driver);
#if CONFIG_DIGEST
	platform_digest_init();
#endif
	process_info_init(&process_info_driver);
	ipc_init();

	virtual_alarm_init(&uart_watchdog.va, &alarms);
	uart_watchdog.client.alarm_fired = uart_watchdog_fired;
	uart_watchdog.va.alarm.client = &uart_watchdog.client;
	uart_watchdog_fired(&uart_watchdog.client);

#if CONFIG_SELFTEST
	selftest_start(bi->cmdline, &selftest_alarm.alarm, &power.power);
#endif
#if CONFIG_RNG
	platform_rng_init();
#endif
	load_apps(bi);
	process_console_start(&console, &com1_input, &pit.alarm, &power.power);
	kernel_loop();
}
