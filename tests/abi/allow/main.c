/* SPDX-License-Identifier: MIT */
/* Conformance: the read-write, read-only and userspace-readable allows (ABI.md "Semantics"):
 * first and swapped values, failure returning the values passed, INVAL on bad buffers, any
 * address for zero length, separate namespaces, NOSUPPORT, NODEVICE, and brk kept above an
 * allowed buffer. */
#include "tests/abi/lib/abi.h"
#include "lib/fmt.h"

static uint8_t buf_a[16], buf_b[16], buf_c[32], buf_d[32], buf_u[16];

#define P(x) ((uint32_t)(uintptr_t)(x))

static const char *const class_names[] = {[TOCK_CLASS_ALLOW_RW] = "RW allow",
					  [TOCK_CLASS_ALLOW_RO] = "RO allow",
					  [TOCK_CLASS_ALLOW_USERSPACE_READABLE] = "UR allow"};

static struct syscall_return allow(uint32_t class, uint32_t driver, uint32_t num, uint32_t ptr,
				   uint32_t len)
{
	return abi_raw(class, driver, num, ptr, len);
}

/* "<class>: <what>" into a static buffer (cases are printed one at a time). */
static const char *named(uint32_t class, const char *what)
{
	static char name[160];

	fmt_snprintf(name, sizeof(name), "%s: %s", class_names[class], what);
	return name;
}

/* (driver, number) of a userspace-readable allow among the fixtures, if any has one. */
static bool ur_driver, ur_found;
static uint32_t ur_drv, ur_num;
static struct syscall_return ur_first;

static void find_ur_allow(void)
{
	static const uint32_t drivers[] = {ABI_ALARM, ABI_CONSOLE, ABI_LLD, ABI_IPC, ABI_PROCINFO};

	for (unsigned i = 0; i < ARRAY_SIZE(drivers) && !ur_found; i++)
		for (uint32_t n = 0; n < 4 && !ur_found; n++) {
			struct syscall_return r =
			    allow(TOCK_CLASS_ALLOW_USERSPACE_READABLE, drivers[i], n, 0, 0);

			if (r.variant == TOCK_RETURN_SUCCESS_2U32) {
				ur_found = true;
				ur_drv = drivers[i];
				ur_num = n;
				ur_first = r;
			}
		}
	ur_driver = ur_found;
}

/* Every class's INVAL with the values passed back, for one bad buffer. */
static void bad_buffer(uint32_t class, uint32_t driver, uint32_t num, uint32_t ptr, uint32_t len,
		       const char *what)
{
	char name[160];

	fmt_snprintf(name, sizeof(name), "%s: %s: Failure(INVAL) with the values passed",
		     class_names[class], what);
	abi_expect_failure_2u32(allow(class, driver, num, ptr, len), ERROR_INVAL, ptr, len, name);
}

/* The writable classes (RW, and UR if a fixture has one). */
static void bad_writable(uint32_t ptr, uint32_t len, const char *what)
{
	bad_buffer(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, ptr, len, what);
	if (ur_driver)
		bad_buffer(TOCK_CLASS_ALLOW_USERSPACE_READABLE, ur_drv, ur_num, ptr, len, what);
}

static void bad_all(uint32_t ptr, uint32_t len, const char *what)
{
	bad_writable(ptr, len, what);
	bad_buffer(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, ptr, len, what);
}

int main(void)
{
	struct syscall_return ro1, rw1, ro2, rw2, ro3, rw3;
	uint32_t ram_start, ram_end, grant, brk, other, words[6], heap, flash_start;
	struct syscall_return a, b, c;
	char local[8];

	/* Console RO 1 and RW 1, before any printing (which uses RO 1) touches them. */
	ro1 = allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, P(buf_a), sizeof(buf_a));
	rw1 = allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, P(buf_b), sizeof(buf_b));
	ro2 = allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, P(buf_c), sizeof(buf_c));
	rw2 = allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, P(buf_d), sizeof(buf_d));
	ro3 = allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, 0, 0);
	rw3 = allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, 0, 0);
	find_ur_allow();

	abi_begin(APP_NAME);
	abi_expect_2u32(ro1, 0, 0, "RO allow: first call, Success + 2 u32 (0, 0)");
	abi_expect_2u32(rw1, 0, 0,
			"RW allow: first call, Success + 2 u32 (0, 0), although RO 1 of the same "
			"driver holds a buffer (separate namespaces)");
	abi_expect_2u32(ro2, P(buf_a), sizeof(buf_a),
			"RO allow: second call returns the previous buffer (RW's did not replace "
			"it)");
	abi_expect_2u32(rw2, P(buf_b), sizeof(buf_b),
			"RW allow: second call returns the "
			"previous buffer");
	abi_expect_2u32(ro3, P(buf_c), sizeof(buf_c),
			"RO allow: (NULL, 0) takes the buffer back, returning it");
	abi_expect_2u32(rw3, P(buf_d), sizeof(buf_d),
			"RW allow: (NULL, 0) takes the buffer back, returning it");
	if (ur_found) {
		abi_expect_2u32(ur_first, 0, 0, "UR allow: first call, Success + 2 u32 (0, 0)");
		abi_expect_2u32(allow(TOCK_CLASS_ALLOW_USERSPACE_READABLE, ur_drv, ur_num, P(buf_u),
				      sizeof(buf_u)),
				0, 0, "UR allow: second call returns the previous (0, 0)");
		abi_expect_2u32(allow(TOCK_CLASS_ALLOW_USERSPACE_READABLE, ur_drv, ur_num, 0, 0),
				P(buf_u), sizeof(buf_u),
				"UR allow: (NULL, 0) takes the buffer back, returning it");
	} else {
		abi_skip("UR allow: first and swapped values",
			 "no fixture driver has a userspace-readable allow");
		abi_expect_failure_2u32(allow(TOCK_CLASS_ALLOW_USERSPACE_READABLE, ABI_CONSOLE, 1,
					      P(buf_u), sizeof(buf_u)),
					ERROR_NOSUPPORT, P(buf_u), sizeof(buf_u),
					"UR allow: console number 1, which RW and RO have, is a "
					"namespace of its own (NOSUPPORT: the console has no UR "
					"allow)");
	}

	/* Unsupported numbers and missing drivers: the values passed come back. */
	for (uint32_t class = TOCK_CLASS_ALLOW_RW; class <= TOCK_CLASS_ALLOW_USERSPACE_READABLE;
	     class = class == TOCK_CLASS_ALLOW_RO ? TOCK_CLASS_ALLOW_USERSPACE_READABLE
						  : class + 1) {
		abi_expect_failure_2u32(allow(class, ABI_CONSOLE, ABI_BAD_NUMBER, P(buf_a), 4),
					ERROR_NOSUPPORT, P(buf_a), 4,
					named(class, "console number 1000: Failure(NOSUPPORT) "
						     "with the values passed (upstream x86; "
						     "TRD104 INVAL)"));
		abi_expect_failure_2u32(allow(class, ABI_ALARM, 0, P(buf_a), 4), ERROR_NOSUPPORT,
					P(buf_a), 4,
					named(class, "alarm number 0 (it has none): "
						     "Failure(NOSUPPORT) (upstream x86; TRD104 "
						     "INVAL)"));
		abi_expect_failure_2u32(allow(class, ABI_MISSING, 0, P(buf_a), 4), ERROR_NODEVICE,
					P(buf_a), 4,
					named(class, "missing driver: Failure(NODEVICE) with the "
						     "values passed"));
		abi_expect_failure_2u32(allow(class, ABI_MISSING, 0, 0xfffffff0u, 64),
					ERROR_NODEVICE, 0xfffffff0u, 64,
					named(class, "missing driver and a bad buffer: "
						     "Failure(NODEVICE)"));
	}

	/* Bad buffers. */
	ram_start = abi_memop_u32(TOCK_MEMOP_RAM_START);
	ram_end = abi_memop_u32(TOCK_MEMOP_RAM_END);
	grant = abi_memop_u32(TOCK_MEMOP_GRANT_START);
	flash_start = abi_memop_u32(TOCK_MEMOP_FLASH_START);
	brk = abi_break();
	bad_all(0, 16, "address 0");
	bad_all(grant, 16, "the grant region (kernel memory)");
	bad_all(ram_end - 16, 16, "the last bytes of RAM (kernel grants)");
	bad_all(0xfffff000u, 16, "0xfffff000 (no memory of the app)");
	/* Below RAM start may be the app's own text (readable): RO looks below its flash. */
	bad_writable(ram_start - 16, 16, "the 16 bytes below RAM start");
	bad_writable(ram_start - 1, 8, "a buffer starting 1 byte below RAM start");
	bad_buffer(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, flash_start - 16, 16,
		   "the 16 bytes below its flash start");
	bad_buffer(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, flash_start - 1, 8,
		   "a buffer starting 1 byte below its flash start");
	bad_all(ram_end, 16, "RAM end");
	bad_all(P(local), 0xffffffffu - P(local) + 2, "a length wrapping past 4 GiB by 1 byte");
	bad_all(P(local), 0xffffffffu, "length 0xffffffff");
	bad_all(0xfffffff8u, 16, "0xfffffff8 + 16 (wraps to 8)");
	bad_all(brk - 15, 16, "a buffer ending 1 byte past the break");
	bad_all(brk, 1, "the byte at the break");
	if (abi_procinfo_pid(APP_NAME, true, &other) && abi_procinfo_memory(other, words)) {
		bad_all(words[2] + words[3] / 4, 16, "another process's RAM");
		bad_writable(words[0], 16, "another process's text");
		bad_buffer(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, words[0], 16,
			   "another process's text");
	} else {
		abi_skip("allows of another process's memory: Failure(INVAL)",
			 "process info command 6 (memory of a process) not available");
	}
	bad_writable(tock_start_info.binary_start, 16, "its own text (not writable)");
	bad_writable(abi_memop_u32(TOCK_MEMOP_FLASH_START), 16,
		     "its own TBF header (not "
		     "writable)");

	/* Good buffers at the edges, and read-only memory for RO. */
	abi_expect_2u32(allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, brk - 16, 16), 0, 0,
			"RW allow: the last 16 bytes below the break: Success");
	abi_expect_2u32(allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, ram_start, 16), brk - 16, 16,
			"RW allow: the first 16 bytes of RAM: Success");
	allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, 0, 0);
	/* (Printing a case allows and un-allows console RO 1: each RO pair is made first.) */
	a = allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, tock_start_info.binary_start, 16);
	b = allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, brk - 16, 16);
	c = allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, 0, 0);
	abi_expect_2u32(a, 0, 0, "RO allow: its own text: Success (readable)");
	abi_expect_2u32(b, tock_start_info.binary_start, 16,
			"RO allow: its RAM below the break: Success");
	abi_expect_2u32(c, brk - 16, 16, "RO allow: (NULL, 0) after it returns it");

	/* Zero length: any address. */
	abi_expect_2u32(allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, 0xdeadbeefu, 0), 0, 0,
			"RW allow: length 0 at 0xdeadbeef: Success");
	abi_expect_2u32(allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, grant, 0), 0xdeadbeefu, 0,
			"RW allow: length 0 in the grant region: Success, returning "
			"(0xdeadbeef, 0)");
	abi_expect_2u32(allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, 0, 0), grant, 0,
			"RW allow: the zero-length buffer comes back as passed");
	a = allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, 0xffffffffu, 0);
	b = allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, 0, 0);
	abi_expect_2u32(a, 0, 0, "RO allow: length 0 at 0xffffffff: Success");
	abi_expect_2u32(b, 0xffffffffu, 0, "RO allow: the zero-length buffer comes back as passed");
	if (ur_found) {
		abi_expect_2u32(
		    allow(TOCK_CLASS_ALLOW_USERSPACE_READABLE, ur_drv, ur_num, 0xfffffff0u, 0), 0,
		    0, "UR allow: length 0 at 0xfffffff0: Success");
		allow(TOCK_CLASS_ALLOW_USERSPACE_READABLE, ur_drv, ur_num, 0, 0);
	}

	/* An allowed buffer stays the app's: brk cannot go below its end. */
	heap = brk;
	if (tock_memop(TOCK_MEMOP_SBRK, 256).variant != TOCK_RETURN_SUCCESS_U32) {
		abi_skip("brk below an allowed buffer", "sbrk 256 failed");
		return abi_done();
	}
	allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, heap + 128, 64);
	abi_expect_failure(tock_memop(TOCK_MEMOP_BRK, heap + 160), ERROR_NOMEM,
			   "brk below the end of an allowed RW buffer: Failure(NOMEM) (ABI.md: "
			   "Success or NOMEM)");
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, 0), heap + 256, "... and the break stays");
	abi_expect_success(tock_memop(TOCK_MEMOP_BRK, heap + 192),
			   "brk down to the end of the allowed buffer: Success");
	allow(TOCK_CLASS_ALLOW_RW, ABI_CONSOLE, 1, 0, 0);
	abi_expect_success(tock_memop(TOCK_MEMOP_BRK, heap),
			   "brk below the buffer once it is taken back: Success");
	allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, heap - 64, 32);
	abi_expect_failure(tock_memop(TOCK_MEMOP_BRK, heap - 48), ERROR_NOMEM,
			   "brk below the end of an allowed RO buffer: Failure(NOMEM) (ABI.md: "
			   "Success or NOMEM)");
	allow(TOCK_CLASS_ALLOW_RO, ABI_CONSOLE, 1, 0, 0);
	abi_expect_u32(tock_memop(TOCK_MEMOP_SBRK, 0), heap, "the break is back where it was");
	return abi_done();
}
