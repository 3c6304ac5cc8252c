/* SPDX-License-Identifier: MIT */
/* Victim for leak_fpu_spy: fills all eight x87 registers with secrets (0x5ec1e700..07) and
 * keeps them there for 2.5 s while it sleeps and spins (the spy uses the x87 meanwhile), then
 * checks they are still its own. It then exits with restart: its next life must start with a
 * clean x87 (no register of its previous life). */
#include "tests/attack/lib/attack.h"

static uint8_t state[108];

/* Data register bytes of an FNSAVE image that are not zero. */
static unsigned nonzero_data(void)
{
	unsigned n = 0;

	for (unsigned i = 28; i < sizeof(state); i++)
		n += state[i] != 0;
	return n;
}

int main(void)
{
	uint32_t life = attack_life();
	int32_t secrets[8], back[8];

	if (life > 0) {
		__asm__ volatile("fnsave %0" : "=m"(state));
		attack_expect(nonzero_data() == 0 && (state[8] | state[9] << 8) == 0xffff,
			      "restarted: %u nonzero data register bytes, tag word 0x%04x",
			      nonzero_data(), state[8] | state[9] << 8);
		return 0;
	}
	for (unsigned i = 0; i < 8; i++)
		secrets[i] = (int32_t)(ATTACK_SECRET + i);
	attack_announce("secrets in all eight x87 registers for 2.5 s");
	__asm__ volatile("fninit" ::: "memory");
	for (unsigned i = 0; i < 8; i++)
		__asm__ volatile("fildl %0" : : "m"(secrets[i]));
	for (unsigned round = 0; round < 5; round++) {
		alarm_delay_ms(250);
		attack_spin_ms(250);
	}
	for (unsigned i = 0; i < 8; i++)
		__asm__ volatile("fistpl %0" : "=m"(back[7 - i]));
	attack_expect(memcmp(back, secrets, sizeof(back)) == 0,
		      "its x87 registers came back as they were (st0 0x%08x)", (unsigned)back[7]);
	tock_exit_restart(0);
}
