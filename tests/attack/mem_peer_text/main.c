/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the ticker's code. Another process's text is supervisor-only (and
 * read-only): protection violation. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();
	struct attack_proc peer = attack_peer();

	attack_stagger();
	attack_touch("the ticker's text", peer.text_start + 0x200, life & 1);
	return 1;
}
