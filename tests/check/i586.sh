#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every i586 binary we build must hold no instruction newer than the Pentium (TOOLCHAIN.md):
# cmov/fcmov/fcomi/fucomi (P6), sysenter/sysexit, endbr, and 0f 1e/1f (long nop).
set -uo pipefail
build=$1
# The long-nop opcode only where an instruction starts (after prefixes), not inside an operand.
pattern='\s(cmov|fcmov|fcomi|fucomi|sysenter|sysexit|endbr|ud1|rdpmc|movnti|prefetch|lfence|mfence|sfence|clflush|fxsave|fxrstor|ldmxcsr|stmxcsr)|:\s+((26|2e|36|3e|64|65|66|67|f0|f2|f3) )*0f 1[ef] |\sxmm|\smm[0-7]'
n=0

# The scan itself must be able to fail: it has to spot each kind in a planted object.
n=$((n + 1))
probe=$(mktemp -d)
printf 'cmovz %%eax, %%ebx\nfcomi %%st(1), %%st\nsysenter\nendbr32\nnopl (%%eax)\n' >"$probe/p.s"
if as --32 -o "$probe/p.o" "$probe/p.s" 2>/dev/null &&
	[ "$(objdump -d "$probe/p.o" | grep -cE "$pattern")" -eq 5 ]; then
	echo "ok $n - the scan finds cmov, fcomi, sysenter, endbr32 and long nop in a planted object"
else
	echo "not ok $n - the scan misses planted post-Pentium instructions"
fi
rm -rf "$probe"

for bin in $(find "$build" -name '*.elf' -o -path "$build/t/*.o" | sort); do
	file "$bin" | grep -q 'Intel 80386' || continue
	n=$((n + 1))
	hits=$(objdump -d "$bin" | grep -E "$pattern" | head -3)
	if [ -z "$hits" ]; then
		echo "ok $n - $bin has only Pentium instructions"
	else
		echo "not ok $n - $bin has post-Pentium instructions"
		echo "$hits" | sed 's/^/#   /'
	fi
done
[ $n -gt 0 ] || { echo "not ok 1 - no i586 binary found under $build"; exit 1; }
