/* SPDX-License-Identifier: MIT */
/* Attack: allows whose pointer + length wraps past 4 GiB (so a naive end check passes) or runs
 * off the top of the address space, read-only and read-write: each must fail with INVAL (6), not
 * fault, and leave nothing allowed. A zero-length allow may name any address (ABI) but must then
 * give the driver nothing to read: a console write of it is refused (RESERVE, 5). */
#include "tests/attack/lib/attack.h"

#define CONSOLE 1

int main(void)
{
	uint32_t ram = attack_memop(TOCK_MEMOP_RAM_START, 0);
	const struct {
		uint32_t ptr, len;
	} bufs[] = {
	    {0xffffff00u, 0x200}, {ram, 0xffffffffu},	   {ram + 16, 0u - (ram + 16)},
	    {0xfffffffcu, 8},	  {ram + 64, 0xfffff000u}, {KSYM_processes, 0x100},
	};
	bool ok = true;

	attack_stagger();
	for (unsigned i = 0; i < ARRAY_SIZE(bufs); i++) {
		struct syscall_return ro, rw;
		uint32_t write;

		attack_announce("allow 0x%08x + 0x%08x", bufs[i].ptr, bufs[i].len);
		ro = attack_sys(TOCK_CLASS_ALLOW_RO, CONSOLE, 1, bufs[i].ptr, bufs[i].len);
		/* Nothing may be allowed now: the console has no write source. */
		write = attack_error(tock_command(CONSOLE, 1, 16, 0));
		rw = attack_sys(TOCK_CLASS_ALLOW_RW, CONSOLE, 1, bufs[i].ptr, bufs[i].len);
		ok &= attack_expect(
		    attack_error(ro) == ERROR_INVAL && write == ERROR_RESERVE &&
			attack_error(rw) == ERROR_INVAL,
		    "allow 0x%08x + 0x%08x: read-only error %u (then write error %u), "
		    "read-write error %u",
		    bufs[i].ptr, bufs[i].len, attack_error(ro), write, attack_error(rw));
	}
	attack_announce("zero-length allow of kernel text, then a 100-byte console write");
	struct syscall_return z = tock_allow_ro(CONSOLE, 1, (const void *)KSYM_x86_trap, 0);
	uint32_t w = attack_error(tock_command(CONSOLE, 1, 100, 0));
	ok &=
	    attack_expect(tock_return_is_success(z) && w == ERROR_RESERVE,
			  "zero-length allow: error %u; write of it: error %u", attack_error(z), w);
	tock_allow_ro(CONSOLE, 1, NULL, 0);
	return ok ? 0 : 1;
}
