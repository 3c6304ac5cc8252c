#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The RNG driver (0x40001) under QEMU: with -device virtio-rng-pci the kernel finds the device by
# a PCI scan that stops early and serves true entropy; behind a PCI-to-PCI bridge it is found on
# bus 1; without it the SHA-256 fallback says once that it is not a true entropy source and
# still serves. rng_probe (tests/boot/apps/) prints two 64-byte fills in hex.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

tapps=$build/test/apps

# A kernel built without the RNG (make CONFIG_RNG=n) has nothing to test here; test_lean.sh
# checks that such a kernel answers NODEVICE.
if ! grep -q ' platform_rng_init$' "$build/kernel.sym"; then
	echo "ok 1 - RNG boot tests # SKIP the kernel is built with CONFIG_RNG=n"
	echo "1..1"
	exit 0
fi

# session with extra QEMU options for this one run only.
session_with() { # NAME SECONDS IMAGE PATTERN QEMU-OPTION...
	local name=$1 secs=$2 img=$3 pattern=$4 saved=("${QEMU_BASE[@]}")
	shift 4
	QEMU_BASE+=("$@")
	session "$name" "$secs" "$img" "$pattern"
	QEMU_BASE=("${saved[@]}")
}

# The hex fills rng_probe printed, one per line.
fills() { sed -nE 's/^rng_probe: [12]: ([0-9a-f]{128})$/\1/p' "$log"; }

# looks_random: the fills are 64 bytes each, pairwise different, none all zero, and together
# look like random bytes: at least 3/8 of the 256 byte values seen per 256 bytes (random data
# shows about 162) and a share of one bits within 5.5 standard deviations of a half.
looks_random() {
	local all n bytes distinct ones i b
	all=$(fills)
	n=$(printf '%s\n' "$all" | grep -c .)
	[ "$n" -ge 2 ] || { echo "# only $n fills"; return 1; }
	[ "$(printf '%s\n' "$all" | sort -u | grep -c .)" = "$n" ] || { echo "# repeated fill"; return 1; }
	! printf '%s\n' "$all" | grep -qE '^0+$' || { echo "# an all-zero fill"; return 1; }
	bytes=$(printf '%s' "$all" | tr -d '\n' | fold -w2)
	distinct=$(printf '%s\n' "$bytes" | sort -u | grep -c .)
	ones=0
	for b in $bytes; do
		i=$((16#$b))
		while [ $i -gt 0 ]; do ones=$((ones + (i & 1))); i=$((i >> 1)); done
	done
	local nbytes=$((n * 64)) bits=$((n * 512))
	# sd of the one-bit count is sqrt(bits)/2; 5.5 sd, squared: (ones - bits/2)^2 * 4 <= 30.25 * bits
	local dev=$((ones * 2 - bits))
	echo "# $n fills: $distinct distinct byte values in $nbytes bytes, $ones of $bits bits set"
	[ $((distinct * 8)) -ge $((3 * (nbytes < 256 ? nbytes : 256))) ] &&
		[ $((dev * dev * 100)) -le $((3025 * bits)) ]
}

# --- virtio-rng on bus 0: two processes ask at once ---
image virtio "$tapps/rng_probe.tbf" "$tapps/rng_probe.tbf"
# (No pattern can say both have finished: the session waits its whole 4 seconds.)
session_with virtio 4 "$work/virtio.img" '' -device virtio-rng-pci
tap "virtio: QEMU 7.2 puts virtio-rng-pci on PCI bus 0 and the scan finds it" \
	has '^rng: virtio-rng at 00:[0-9a-f]{2}\.0, I/O 0x[0-9a-f]{4}, queue of [0-9]+, polled: true entropy$'
reads=$(sed -nE 's/^pci: [0-9]+ functions on 1 bus \(([0-9]+) configuration reads\)$/\1/p' "$log")
echo "# PCI scan: ${reads:-?} configuration reads"
tap "virtio: the PCI scan stops early (bus 0 only, under 100 reads instead of 65,536 probes)" \
	eval '[ -n "$reads" ] && [ "$reads" -lt 100 ]'
tap "virtio: no fallback warning when the device exists" lacks 'NOT a true entropy source'
tap "virtio: the app learns the source is true entropy" \
	eval '[ "$(count "^rng_probe: source: true entropy$")" = 2 ]'
tap "virtio: both processes get two 64-byte fills that differ and look random" looks_random
tap "virtio: a request larger than the allowed buffer fills the buffer only" \
	eval '[ "$(count "^rng_probe: 100 asked into a 16-byte buffer: 16 written$")" = 2 ]'
tap "virtio: both apps end well and the kernel powers off (33)" \
	eval '[ "$(count "^rng_probe: ok: two different non-zero fills$")" = 2 ] && [ "$(count "process .rng_probe. \(pid [0-9]+\) exited with code 0")" = 2 ] && status_is $EXIT_SUCCESS'

# --- virtio-rng behind a PCI-to-PCI bridge: the scan follows it to bus 1 ---
image bridge "$tapps/rng_probe.tbf"
session_with bridge 6 "$work/bridge.img" 'rng_probe: (ok|BAD)' \
	-device pci-bridge,id=br1,chassis_nr=1 -device virtio-rng-pci,bus=br1,addr=0x3
tap "bridge: the scan follows the bridge and finds virtio-rng at 01:03.0" \
	eval 'has "^pci: [0-9]+ functions on 2 buses \([0-9]+ configuration reads\)$" && has "^rng: virtio-rng at 01:03\.0, .*true entropy$"'
tap "bridge: the app gets random bytes from it" \
	eval 'has "^rng_probe: ok: two different non-zero fills$" && looks_random'

# --- no device (as on Bochs): the fallback ---
image fallback "$tapps/rng_probe.tbf"
session fallback 6 "$work/fallback.img" 'rng_probe: (ok|BAD)'
tap "fallback: no virtio-rng is reported, the scan still ran" \
	eval 'has "^pci: [0-9]+ functions on 1 bus" && lacks "^rng: virtio-rng"'
tap "fallback: exactly one boot line says it is NOT a true entropy source" \
	eval '[ "$(count "NOT a true entropy source")" = 1 ] && has "^rng: WARNING: no hardware entropy source; using a SHA-256 generator seeded from TSC/PIT jitter and the clock, which is NOT a true entropy source$"'
tap "fallback: the app learns the source is pseudo-random" has '^rng_probe: source: pseudo-random$'
tap "fallback: the app still gets two different, random-looking fills" \
	eval 'has "^rng_probe: ok: two different non-zero fills$" && looks_random'
tap "fallback: the kernel powers off (33)" status_is $EXIT_SUCCESS

finish
