/* SPDX-License-Identifier: MIT */
/* Conformance: every memop operation, 0 to 11, and unknown ones (ABI.md "Memop"). */
#include "tests/abi/lib/abi.h"
#include "lib/string.h"

extern char _app_ram_end[], _data_lma[], _data_start[], _data_end[]; /* linker/app.ld */

/* The TBF base header at flash start (ABI.md "Tock Binary Format"). */
struct tbf_base {
	uint16_t version, header_size;
	uint32_t total_size, flags, checksum;
};

int main(void)
{
	struct syscall_return r;
	uint32_t ram_start, ram_end, flash_start, flash_end, grant, brk, brk0, image_end;
	const struct tbf_base *tbf;
	volatile uint8_t *heap;
	bool ok;

	abi_begin(APP_NAME);

	/* 2, 3: RAM. */
	r = tock_memop(TOCK_MEMOP_RAM_START, 0);
	ram_start = r.data[0];
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32 && ram_start == tock_start_info.ram_start,
		 "memop 2 (RAM start): Success + u32, the entry argument", "%u 0x%x, entry 0x%x",
		 r.variant, ram_start, tock_start_info.ram_start);
	r = tock_memop(TOCK_MEMOP_RAM_END, 0);
	ram_end = r.data[0];
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32 &&
		     ram_end == tock_start_info.ram_start + tock_start_info.ram_bytes,
		 "memop 3 (RAM end): Success + u32, RAM start + the entry RAM length",
		 "%u 0x%x, entry 0x%x + 0x%x", r.variant, ram_end, tock_start_info.ram_start,
		 tock_start_info.ram_bytes);

	/* 4, 5: flash (the app's binary in memory, with its TBF header first). */
	r = tock_memop(TOCK_MEMOP_FLASH_START, 0);
	flash_start = r.data[0];
	tbf = (const struct tbf_base *)(uintptr_t)flash_start;
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32 &&
		     flash_start <= tock_start_info.binary_start && flash_start != 0,
		 "memop 4 (flash start): Success + u32, at or below the binary",
		 "%u 0x%x, binary 0x%x", r.variant, flash_start, tock_start_info.binary_start);
	abi_case(flash_start && tbf->version == 2 &&
		     flash_start + tbf->header_size <= tock_start_info.binary_start,
		 "memop 4 (flash start): a TBF v2 header is there, ending before the binary",
		 "version %u, header %u bytes, binary at +0x%x", flash_start ? tbf->version : 0,
		 flash_start ? tbf->header_size : 0, tock_start_info.binary_start - flash_start);
	r = tock_memop(TOCK_MEMOP_FLASH_END, 0);
	flash_end = r.data[0];
	image_end = (uint32_t)(uintptr_t)_data_lma + (uint32_t)(_data_end - _data_start);
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32 && flash_end >= image_end &&
		     flash_end > flash_start && flash_end - flash_start <= tbf->total_size,
		 "memop 5 (flash end): Success + u32, past the binary, within the TBF",
		 "%u 0x%x; binary ends 0x%x, TBF 0x%x + 0x%x", r.variant, flash_end, image_end,
		 flash_start, tbf->total_size);

	/* 6: the grant region starts above the break and ends at RAM end. */
	r = tock_memop(TOCK_MEMOP_GRANT_START, 0);
	grant = r.data[0];
	brk = abi_break();
	abi_case(r.variant == TOCK_RETURN_SUCCESS_U32 && grant >= brk && grant <= ram_end,
		 "memop 6 (grant region start): Success + u32, between the break and RAM end",
		 "%u 0x%x; break 0x%x, RAM end 0x%x", r.variant, grant, brk, ram_end);

	/* 7, 8, 9: writeable flash regions (this TBF declares none). */
	abi_expect_u32(tock_memop(TOCK_MEMOP_FLASH_REGIONS, 0), 0,
		       "memop 7 (writeable flash regions): Success + u32 0 for a TBF without any");
	abi_expect_failure(tock_memop(TOCK_MEMOP_FLASH_REGION_START, 0), ERROR_FAIL,
			   "memop 8 (region 0 start) without regions: Failure(FAIL)");
	abi_expect_failure(tock_memop(TOCK_MEMOP_FLASH_REGION_END, 0), ERROR_FAIL,
			   "memop 9 (region 0 end) without regions: Failure(FAIL)");

	/* 10, 11: hints. */
	abi_expect_success(tock_memop(TOCK_MEMOP_STACK_START, tock_start_info.ram_start),
			   "memop 10 (stack start hint): Success");
	abi_expect_success(tock_memop(TOCK_MEMOP_HEAP_START, (uint32_t)(uintptr_t)_app_ram_end),
			   "memop 11 (heap start hint): Success");

	/* Unknown operations. */
	abi_expect_failure(tock_memop(12, 0), ERROR_NOSUPPORT, "memop 12: Failure(NOSUPPORT)");
	abi_expect_failure(tock_memop(0x100, 0), ERROR_NOSUPPORT,
			   "memop 0x100: Failure(NOSUPPORT)");
	abi_expect_failure(tock_memop(0xffffffffu, 0), ERROR_NOSUPPORT,
			   "memop 0xffffffff: Failure(NOSUPPORT)");

	/* 1: sbrk. */
	brk0 = abi_break();
	abi_case(brk0 >= (uint32_t)(uintptr_t)_app_ram_end && brk0 <= grant,
		 "memop 1 (sbrk 0): Success + u32, the break (above the RAM image)",
		 "0x%x; image ends 0x%x, grants at 0x%x", brk0, (uint32_t)(uintptr_t)_app_ram_end,
		 grant);
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, 64), brk0,
		       "memop 1 (sbrk +64): Success + u32, the old break");
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, 0), brk0 + 64,
		       "memop 1 (sbrk 0) after +64: the break moved up by 64");
	heap = (volatile uint8_t *)(uintptr_t)brk0;
	for (unsigned i = 0; i < 64; i++)
		heap[i] = (uint8_t)(i + 1);
	ok = true;
	for (unsigned i = 0; i < 64; i++)
		ok = ok && heap[i] == (uint8_t)(i + 1);
	abi_case(ok, "memop 1: the 64 bytes gained are the app's (written and read back)",
		 "read back wrong");
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, (uint32_t)-64), brk0 + 64,
		       "memop 1 (sbrk -64): Success + u32, the old break");
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, 0), brk0, "memop 1: the break is back");
	abi_expect_failure(tock_memop(TOCK_MEMOP_SBRK, 0x7fffffffu), ERROR_NOMEM,
			   "memop 1 (sbrk +0x7fffffff): Failure(NOMEM)");
	abi_expect_failure(tock_memop(TOCK_MEMOP_SBRK, ram_end - brk0 + 1), ERROR_NOMEM,
			   "memop 1 (sbrk past RAM end): Failure(NOMEM)");
	abi_expect_failure(
	    tock_memop(TOCK_MEMOP_SBRK, -(int32_t)(brk0 - ram_start) - 4), ERROR_NOMEM,
	    "memop 1 (sbrk below RAM start): Failure(NOMEM) (ABI.md: Success + u32 or NOMEM)");
	abi_expect_failure(tock_memop(TOCK_MEMOP_SBRK, 0x80000000u), ERROR_NOMEM,
			   "memop 1 (sbrk -0x80000000): Failure(NOMEM)");
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, 0), brk0,
		       "memop 1: failed sbrks leave the break alone");

	/* 0: brk. */
	abi_expect_success(tock_memop(TOCK_MEMOP_BRK, brk0 + 100), "memop 0 (brk up 100): Success");
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, 0), brk0 + 100,
		       "memop 0: the break is where brk put it");
	abi_expect_success(tock_memop(TOCK_MEMOP_BRK, brk0), "memop 0 (brk back down): Success");
	abi_expect_failure(tock_memop(TOCK_MEMOP_BRK, ram_end + 1), ERROR_NOMEM,
			   "memop 0 (brk past RAM end): Failure(NOMEM)");
	abi_expect_failure(tock_memop(TOCK_MEMOP_BRK, grant + 4), ERROR_NOMEM,
			   "memop 0 (brk into the grant region): Failure(NOMEM)");
	abi_expect_failure(tock_memop(TOCK_MEMOP_BRK, 0xfffffff0u), ERROR_NOMEM,
			   "memop 0 (brk 0xfffffff0): Failure(NOMEM)");
	abi_expect_failure(
	    tock_memop(TOCK_MEMOP_BRK, ram_start - 4), ERROR_NOMEM,
	    "memop 0 (brk below RAM start): Failure(NOMEM) (ABI.md: Success or NOMEM)");
	abi_expect_failure(tock_memop(TOCK_MEMOP_BRK, 0), ERROR_NOMEM,
			   "memop 0 (brk 0): Failure(NOMEM) (ABI.md: Success or NOMEM)");
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, 0), brk0,
		       "memop 0: failed brks leave the break alone");
	return abi_done();
}
