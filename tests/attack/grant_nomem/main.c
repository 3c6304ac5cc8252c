/* SPDX-License-Identifier: MIT */
/* Attack: takes all its RAM with sbrk (so grants cannot grow into it), then subscribes or allows
 * on every driver number the platform might have, so that each driver carves its block out of
 * the one grant page. Running out must be NOMEM (9) for this app only, never a fault, and the
 * drivers it already holds keep working. On qemu-pc every driver's block fits in the grant page,
 * so NOMEM does not come: the case then checks that every block was granted, no call faulted,
 * and the grants stayed inside the grant page. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	static const uint32_t drivers[] = {0x0,	    0x1,     0x2,     0x3,     0x4,	0x5,
					   0x8,	    0x10000, 0x10001, 0x10002, 0x40001, 0x40002,
					   0x40003, 0x40004, 0x40005, 0x40006, 0x50003, 0x90000};
	uint32_t got = 0, nomem = 0, none = 0, other = 0;
	void *old;

	attack_stagger();
	attack_announce("all RAM taken by sbrk, then grants on %u driver numbers",
			(unsigned)ARRAY_SIZE(drivers));
	while (tock_sbrk(256, &old) == ERROR_NONE)
		;
	for (unsigned i = 0; i < ARRAY_SIZE(drivers); i++) {
		uint32_t d = drivers[i];
		uint32_t e = attack_error(attack_sys(TOCK_CLASS_SUBSCRIBE, d, 0, 0, 0));

		if (e == ERROR_NOSUPPORT) {
			e = attack_error(attack_sys(TOCK_CLASS_ALLOW_RO, d, 0, 0, 0));
		}
		if (e == ERROR_NOSUPPORT) {
			e = attack_error(attack_sys(TOCK_CLASS_ALLOW_RW, d, 0, 0, 0));
		}
		if (e == 0)
			got++;
		else if (e == ERROR_NOMEM)
			nomem++;
		else if (e == ERROR_NODEVICE || e == ERROR_NOSUPPORT)
			none++;
		else
			other++;
	}
	struct attack_proc me = {0};
	bool found = attack_find(APP_NAME, &me);

	attack_expect(other == 0 && found && me.grant_bytes <= ATTACK_PAGE_BYTES &&
			  me.app_break <= me.ram_start + me.ram_bytes - me.grant_bytes,
		      "%u drivers gave a grant block, %u refused with NOMEM, %u absent, %u other; "
		      "grants use %u bytes",
		      got, nomem, none, other, me.grant_bytes);
	if (nomem == 0)
		attack_note("NOMEM is out of reach: all %u blocks fit in the grant page", got);
	/* The console, whose block it got first, still works. */
	attack_held("the console still writes after all that");
	return 0;
}
