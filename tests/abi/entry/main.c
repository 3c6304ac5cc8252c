/* SPDX-License-Identifier: MIT */
/* Conformance: the process entry state (ABI.md "Invocation", process entry), as entry.S found
 * it at the first instruction, and the entry arguments against memop's answers. */
#include "tests/abi/entry/entry.h"
#include "tests/abi/lib/abi.h"

uint32_t abi_entry_bad, abi_entry_eflags, abi_entry_esp;

extern char _app_ram_end[]; /* linker/app.ld */

static void bit_case(uint32_t bit, const char *name)
{
	abi_case(!(abi_entry_bad & bit), name, "entry.S saw it wrong (findings 0x%x, EFLAGS 0x%x)",
		 abi_entry_bad, abi_entry_eflags);
}

int main(void)
{
	const struct tock_start_info *si = &tock_start_info;
	uint32_t ram_start = abi_memop_u32(TOCK_MEMOP_RAM_START);
	uint32_t ram_end = abi_memop_u32(TOCK_MEMOP_RAM_END);
	uint32_t flash_start = abi_memop_u32(TOCK_MEMOP_FLASH_START);
	uint32_t flash_end = abi_memop_u32(TOCK_MEMOP_FLASH_END);
	uint32_t brk = abi_break();

	abi_begin(APP_NAME);
	abi_note("entry ESP 0x%x, EFLAGS 0x%x, arguments (0x%x, 0x%x, 0x%x, 0x%x)", abi_entry_esp,
		 abi_entry_eflags, si->binary_start, si->ram_start, si->ram_bytes,
		 si->initial_break);
	bit_case(ENTRY_BAD_EAX, "entry: EAX is 0");
	bit_case(ENTRY_BAD_EBX, "entry: EBX is 0");
	bit_case(ENTRY_BAD_ECX, "entry: ECX is 0");
	bit_case(ENTRY_BAD_EDX, "entry: EDX is 0");
	bit_case(ENTRY_BAD_ESI, "entry: ESI is 0");
	bit_case(ENTRY_BAD_EDI, "entry: EDI is 0");
	bit_case(ENTRY_BAD_EBP, "entry: EBP is 0");
	bit_case(ENTRY_BAD_IF, "entry: EFLAGS.IF is set (pushf)");
	bit_case(ENTRY_BAD_FLAGS, "entry: EFLAGS TF, DF, IOPL, NT, AC are clear");
	bit_case(ENTRY_BAD_RETURN, "entry: the return address at [esp] is 0");
	bit_case(ENTRY_BAD_ESP, "entry: ESP = initial break - 20 (upstream x86: break - 16, then "
				"the return address pushed)");
	bit_case(ENTRY_BAD_BINARY, "entry: argument 0 is the binary's first byte (the init "
				   "function here)");
	bit_case(ENTRY_BAD_MIN_RAM, "entry: the initial break is at least RAM start + 36");
	bit_case(ENTRY_BAD_CS, "entry: CS is a ring 3 selector");
	bit_case(ENTRY_BAD_SS, "entry: SS is a ring 3 selector");
	bit_case(ENTRY_BAD_DS, "entry: DS is the same selector as SS");
	bit_case(ENTRY_BAD_ES, "entry: ES is the same selector as SS");
	bit_case(ENTRY_BAD_FS, "entry: FS is SS's selector or null");
	bit_case(ENTRY_BAD_GS, "entry: GS is SS's selector or null");

	abi_case(si->ram_start == ram_start, "entry: argument 1 is RAM start (memop 2)",
		 "argument 0x%x, memop 2 0x%x", si->ram_start, ram_start);
	abi_case(si->ram_bytes == ram_end - ram_start,
		 "entry: argument 2 is the RAM length (memop 3 - memop 2)",
		 "argument 0x%x, memop 3 - memop 2 = 0x%x", si->ram_bytes, ram_end - ram_start);
	abi_case(si->initial_break > ram_start && si->initial_break <= ram_end,
		 "entry: argument 3, the initial break, lies in the RAM",
		 "break 0x%x, RAM 0x%x-0x%x", si->initial_break, ram_start, ram_end);
	if (si->initial_break >= (uintptr_t)_app_ram_end)
		abi_case(brk == si->initial_break,
			 "entry: argument 3 is the app break (sbrk 0 before any brk)",
			 "argument 0x%x, sbrk 0 gives 0x%x", si->initial_break, brk);
	else
		abi_skip("entry: argument 3 is the app break (sbrk 0 before any brk)",
			 "the initial break was below the RAM image: entry.S moved it");
	abi_case(si->binary_start >= flash_start && si->binary_start < flash_end,
		 "entry: argument 0 lies in the app's flash (memop 4 .. memop 5)",
		 "argument 0x%x, flash 0x%x-0x%x", si->binary_start, flash_start, flash_end);
	return abi_done();
}
