/* SPDX-License-Identifier: MIT */
/* Attack: reads and writes the ticker's RAM (the word just below its break, its heap or .bss).
 * Another process's pages are supervisor-only while this one runs: protection violation; the
 * ticker must go on counting undisturbed. */
#include "tests/attack/lib/attack.h"

int main(void)
{
	uint32_t life = attack_life();
	struct attack_proc peer = attack_peer();

	attack_stagger();
	attack_touch("the ticker's RAM", peer.app_break - 4, life & 1);
	return 1;
}
