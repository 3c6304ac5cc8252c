/* SPDX-License-Identifier: MIT */
/* Attack: int to every vector but 0x40, one vector per life: life n takes the n-th vector
 * (skipping 0x40). The fault policy gives it 4 lives; tests/attack/run.sh types `start int_sweep`
 * at the console for each of the others. Every one must be #GP, error (vector << 3) | 2. */
#include "tests/attack/lib/attack.h"

/* int $v; ud2 for every vector v, 4 bytes each: CD v, as bytes (the assembler would make
 * `int $3` the one-byte int3). */
__asm__(".pushsection .text.int_table, \"ax\"\n"
	".globl int_table\n"
	"int_table:\n"
	".set v, 0\n"
	".rept 256\n"
	".byte 0xcd, v\n"
	"ud2\n"
	".set v, v + 1\n"
	".endr\n"
	".popsection");
extern const char int_table[];

int main(void)
{
	uint32_t life = attack_life();
	uint32_t v = life < 0x40 ? life : life + 1;

	if (v > 0xff) {
		attack_held("every vector but 0x40 faulted (%u lives)", life);
		return 0;
	}
	attack_announce("int $0x%02x", v);
	attack_call((uint32_t)(uintptr_t)int_table + 4 * v);
	attack_breach("int $0x%02x came back", v);
	return 1;
}
