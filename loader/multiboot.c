/* SPDX-License-Identifier: MIT */
/* Multiboot entry shim: checks what GRUB or QEMU handed over, finds the firmware image module,
 * and calls the loader's core. The only Multiboot- and PC-specific part of the loader. */
#include "drivers/ns16550.h"
#include "drivers/pc_power.h"
#include "lib/string.h"
#include "loader/loader.h"
#include "loader/multiboot.h"
#include "platform/qemu-pc/board.h"

#define MODULE_TAG  "firmware"
#define MAX_MODULES 16

void loader_multiboot_main(uint32_t magic, const struct multiboot_info *mbi);

extern const char loader_start[], loader_end[]; /* linker/loader.ld */

static struct boot_info boot_info;

static const struct pc_power power = {
    .debug_exit_port = BOARD_DEBUG_EXIT_PORT,
    .bochs_port = BOARD_BOCHS_POWER_PORT,
    .kbc_port = BOARD_KBC_PORT,
    .exit_codes = {[POWER_LOADER_ERROR] = BOARD_EXIT_LOADER},
};

static void console_write(const char *s, size_t len)
{
	ns16550_polled_write(BOARD_COM1_PORT, (const uint8_t *)s, len);
}

static NORETURN void stop(void)
{
	pc_power_shutdown(&power, POWER_LOADER_ERROR);
}

/* Does the module's string have MODULE_TAG as a word (GRUB: "firmware"; QEMU: "path firmware")? */
static int tagged(const char *s)
{
	size_t tag = strlen(MODULE_TAG);

	while (*s) {
		while (*s == ' ')
			s++;
		size_t n = 0;
		while (s[n] && s[n] != ' ')
			n++;
		if (n == tag && !strncmp(s, MODULE_TAG, tag))
			return 1;
		s += n;
	}
	return 0;
}

static void add_region(uint64_t base, uint64_t bytes, uint32_t type)
{
	struct boot_mem_region *r = &boot_info.mem_regions[boot_info.mem_region_count++];

	r->base = base;
	r->bytes = bytes;
	r->type = type;
}

/* Copies the memory map; a malformed one is refused, a longer one is truncated with a note. */
static void copy_memory_map(struct loader_env *env, const struct multiboot_info *mbi)
{
	uint64_t at = mbi->mmap_addr, end = (uint64_t)mbi->mmap_addr + mbi->mmap_length;

	while (at < end) {
		const struct multiboot_mmap_entry *e = (const void *)(uintptr_t)at;

		if (end - at < sizeof(*e) || e->size < sizeof(*e) - 4 || e->size > end - at - 4)
			loader_refuse(env, "malformed memory map entry at 0x%08x (size %u)",
				      (uint32_t)at, end - at >= 4 ? e->size : 0);
		if (boot_info.mem_region_count == BOOT_INFO_MEM_REGIONS) {
			loader_printf(env,
				      "loader: memory map has more than %u entries; the rest "
				      "is ignored\n",
				      BOOT_INFO_MEM_REGIONS);
			return;
		}
		add_region(e->base, e->length, e->type == 1 ? BOOT_MEM_USABLE : BOOT_MEM_RESERVED);
		at += (uint64_t)e->size + 4;
	}
}

static NORETURN void enter_kernel(uint32_t entry_paddr, struct boot_info *bi)
{
	__asm__ volatile("jmp *%2" : : "a"(BOOT_INFO_MAGIC), "b"(bi), "r"(entry_paddr) : "memory");
	__builtin_unreachable();
}

static uint64_t cycles(void)
{
	uint64_t v;

	__asm__ volatile("rdtsc" : "=A"(v));
	return v;
}

void loader_multiboot_main(uint32_t magic, const struct multiboot_info *mbi)
{
	boot_info.cycles_loader_entry = cycles();

	struct loader_env env = {
	    .sram = (uint8_t *)(uintptr_t)BOARD_SRAM_PADDR,
	    .bi = &boot_info,
	    .write = console_write,
	    .stop = stop,
	    .enter = enter_kernel,
	    .cycles = cycles,
	};

	ns16550_polled_init(BOARD_COM1_PORT, BOARD_COM1_BAUD);
	loader_printf(&env, "\nloader: started\n");
	if (magic != MULTIBOOT_BOOT_MAGIC)
		loader_refuse(&env,
			      "not started by a Multiboot loader (EAX 0x%08x, expected 0x%08x)",
			      magic, MULTIBOOT_BOOT_MAGIC);

	boot_info.magic = BOOT_INFO_MAGIC;
	boot_info.version = BOOT_INFO_VERSION;
	boot_info.size = sizeof(boot_info);
	boot_info.sram_paddr = BOARD_SRAM_PADDR;
	boot_info.sram_bytes = BOARD_SRAM_BYTES;
	boot_info.loader_paddr = (uint32_t)(uintptr_t)loader_start;
	boot_info.loader_bytes = (uint32_t)(loader_end - loader_start);

	if (mbi->flags & MBI_FLAG_CMDLINE && mbi->cmdline) {
		const char *cmdline = (const char *)(uintptr_t)mbi->cmdline;
		size_t len = strnlen(cmdline, sizeof(boot_info.cmdline));

		if (len == sizeof(boot_info.cmdline))
			loader_refuse(&env, "command line longer than %u bytes",
				      (unsigned)sizeof(boot_info.cmdline) - 1);
		memcpy(boot_info.cmdline, cmdline, len);
	}
	if (mbi->flags & MBI_FLAG_MMAP) {
		copy_memory_map(&env, mbi);
	} else if (mbi->flags & MBI_FLAG_MEM) {
		/* No map: conventional memory and the contiguous RAM above 1 MiB. */
		add_region(0, (uint64_t)mbi->mem_lower * 1024, BOOT_MEM_USABLE);
		add_region(0x100000, (uint64_t)mbi->mem_upper * 1024, BOOT_MEM_USABLE);
	}

	uint32_t count = mbi->flags & MBI_FLAG_MODS ? mbi->mods_count : 0;
	const struct multiboot_module *mods = (const void *)(uintptr_t)mbi->mods_addr;
	const struct multiboot_module *image = NULL;

	if (count > MAX_MODULES)
		loader_refuse(&env, "%u modules: more than the %u this loader looks through", count,
			      MAX_MODULES);
	if (count == 0)
		loader_refuse(&env,
			      "no firmware image: the boot loader passed no module (GRUB drops "
			      "modules when memory is short; QEMU needs -initrd \"firmware.img "
			      "firmware\")");
	for (uint32_t i = 0; i < count && !image; i++)
		if (mods[i].string && tagged((const char *)(uintptr_t)mods[i].string))
			image = &mods[i];
	if (!image && count == 1)
		image = &mods[0];
	if (!image)
		loader_refuse(&env, "%u modules but none tagged '" MODULE_TAG "'", count);
	if (image->mod_end <= image->mod_start)
		loader_refuse(&env, "firmware image module is empty (0x%08x-0x%08x)",
			      image->mod_start, image->mod_end);

	boot_info.storage_paddr = image->mod_start;
	boot_info.storage_bytes = image->mod_end - image->mod_start;
	env.storage = (const uint8_t *)(uintptr_t)image->mod_start;
	loader_boot(&env);
}
