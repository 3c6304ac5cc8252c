/* SPDX-License-Identifier: MIT */
/* Attack: calls into the ticker's code (its entry point's page). The ticker lies below this app,
 * inside the code segment, so paging must stop it: #PF read, protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	struct attack_proc peer = attack_peer();

	attack_stagger();
	attack_exec("the ticker's text", peer.text_start + 0x200);
	return 1;
}
