/* SPDX-License-Identifier: MIT */
/* Attack: allows of memory that is not the app's to share: spanning its break into the grant
 * region, inside the grant region, the kernel, the ticker's RAM and text, and its own text
 * read-write. Each must fail with INVAL (6), not fault. Its own text read-only is fine. Then the
 * allowed buffer is held to its bounds: brk may not shrink below it (an error, NOMEM by ABI.md),
 * and a console write longer than the buffer writes only the buffer. */
#include "tests/attack/lib/attack.h"

#define CONSOLE 1

static const char clipped[] = "allow_grant: note: clipped\n";

int main(void)
{
	uint32_t brk = attack_break();
	uint32_t grant = attack_memop(TOCK_MEMOP_GRANT_START, 0);
	uint32_t ram_end = attack_memop(TOCK_MEMOP_RAM_END, 0);
	struct attack_proc peer = attack_peer();
	uint32_t text = (uint32_t)(uintptr_t)main;
	const struct {
		const char *what;
		uint32_t ptr, len;
		bool ro_ok;
	} bufs[] = {
	    {"across its break", brk - 8, 16, false},
	    {"the grant region", grant, 4, false},
	    {"across into the grant region", grant - 4, 8, false},
	    {"the top of its RAM", ram_end - 4, 4, false},
	    {"the process table", KSYM_processes, 16, false},
	    {"the ticker's RAM", peer.app_break - 16, 16, false},
	    {"the ticker's text", peer.text_start + 0x200, 16, false},
	    {"its own text", text, 16, true},
	};
	bool ok = true;

	attack_stagger();
	for (unsigned i = 0; i < ARRAY_SIZE(bufs); i++) {
		struct syscall_return ro, rw;

		attack_announce("allow %s: 0x%08x + %u", bufs[i].what, bufs[i].ptr, bufs[i].len);
		ro = attack_sys(TOCK_CLASS_ALLOW_RO, CONSOLE, 1, bufs[i].ptr, bufs[i].len);
		tock_allow_ro(CONSOLE, 1, NULL, 0);
		rw = attack_sys(TOCK_CLASS_ALLOW_RW, CONSOLE, 1, bufs[i].ptr, bufs[i].len);
		tock_allow_rw(CONSOLE, 1, NULL, 0);
		ok &= attack_expect(attack_error(ro) == (bufs[i].ro_ok ? 0 : ERROR_INVAL) &&
					attack_error(rw) == ERROR_INVAL,
				    "allow %s: read-only error %u, read-write error %u",
				    bufs[i].what, attack_error(ro), attack_error(rw));
	}

	/* A buffer on the heap, allowed; brk below its end must be refused. */
	void *heap;
	if (tock_sbrk(64, &heap) != ERROR_NONE)
		return 1;
	tock_allow_rw(CONSOLE, 1, heap, 64);
	uint32_t before = attack_break();
	enum error_code rc = tock_brk(heap);
	ok &= attack_expect(rc != ERROR_NONE && attack_break() == before,
			    "brk below an allowed buffer: error %u, break 0x%08x unchanged", rc,
			    attack_break());
	tock_allow_rw(CONSOLE, 1, NULL, 0);

	/* A 27-byte buffer, a 4096-byte write: 27 bytes come out. */
	/* (console_write left its write-done upcall subscribed: yield-wait-for gets it.) */
	tock_allow_ro(CONSOLE, 1, clipped, sizeof(clipped) - 1);
	uint32_t err = attack_error(tock_command(CONSOLE, 1, 4096, 0));
	struct tock_upcall_args done = tock_yield_wait_for(CONSOLE, 1);
	tock_allow_ro(CONSOLE, 1, NULL, 0);
	ok &= attack_expect(err == 0 && done.arg[0] == sizeof(clipped) - 1,
			    "console write of 4096 bytes from a %u-byte buffer wrote %u",
			    (unsigned)sizeof(clipped) - 1, done.arg[0]);
	return ok ? 0 : 1;
}
