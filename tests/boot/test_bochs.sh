#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Boots the GRUB ISO in Bochs (cpu: model=pentium, which faults on post-Pentium instructions
# that QEMU lets through). Bochs ignores SIGTERM and always exits 1: it is stopped with SIGINT
# and judged by what the guest printed on COM1.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

bochs_boot() { # NAME ISO SECONDS
	local name=$1 iso=$2 secs=$3
	log=$work/$name.log
	"$(dirname "$0")/bochs.sh" --serial "$log.raw" --log "$work/$name.bochs.log" \
		--timeout "$secs" "$iso" >"$work/$name.stdout" 2>&1
	rc=$?
	tr -d '\r' <"$log.raw" >"$log" 2>/dev/null || : >"$log"
}

bochs_boot selftest "$build/test/boot-selftest.iso" 120
tap "bochs: loader verifies the kernel's SHA-256" has 'loader: kernel sha256 [0-9a-f]{64} verified'
tap "bochs: kernel starts on a strict Pentium model" has '^tock-x86 on qemu-pc: kernel 0x00010000-'
tap "bochs: PIT alarm fires on time" has 'selftest: alarm fired after [0-9]+ of [0-9]+ ticks: ok'
tap "bochs: self-test passes and powers off through port 0x8900" \
	eval 'has "^selftest: boot passed$" && grep -q "Shutdown port: shutdown requested" "$work/selftest.bochs.log"'
tap "bochs: no CPU exception or Bochs panic other than the shutdown request" \
	eval 'lacks "PANIC" && ! grep -E "\[CPU0 +\] (exception|interrupt\(\): gate descriptor)|>>PANIC<<" "$work/selftest.bochs.log" | grep -qv "Shutdown port: shutdown requested"'
finish
