#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Boots under qemu-system-i386 -cpu pentium -kernel: the self-test, the console over serial
# input, kernel fault reports, and the loader's refusals.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

loader=$build/loader.elf image=$build/firmware.img
kernel_boot() { # NAME CMDLINE [more qemu args]
	local name=$1 cmdline=$2; shift 2
	qemu "$name" 20 -m 8 -kernel "$loader" -initrd "$image firmware" -append "$cmdline" "$@"
}

# --- the normal boot path, checked by the kernel's boot self-test ---
kernel_boot selftest selftest=boot
tap "qemu -kernel: loader verifies the kernel's SHA-256" has 'loader: kernel sha256 [0-9a-f]{64} verified'
tap "qemu -kernel: kernel banner shows its layout" has '^tock-x86 on qemu-pc: kernel 0x00010000-'
tap "qemu -kernel: command line reaches the kernel" has '^boot: .*selftest=boot'
tap "qemu -kernel: PIT alarm fires on time" has 'selftest: alarm fired after [0-9]+ of [0-9]+ ticks: ok'
tap "qemu -kernel: self-test passes and powers off with success (33)" \
	eval 'has "^selftest: boot passed" && status_is $EXIT_SUCCESS'

# Under -icount shift=0 each instruction is 1 ns of virtual time and one TSC count: the PIT,
# which runs on virtual time, must then measure 1,000 cycles per microsecond.
kernel_boot selftest-icount selftest=boot -icount shift=0,align=off,sleep=off
tap "qemu -icount: the PIT's rate matches the TSC's (1 GHz virtual)" rate_between 990 1010

# --- interrupt-driven receive: drive the console over COM1 (no apps: their output would
# interleave with the echo of what is typed) ---
"$build/tools/mkimage" -o "$work/kernel-only.img" --kernel "$build/kernel.elf"
log=$work/console.log
mkfifo "$work/console.in"
timeout -k 5 30 "${QEMU_BASE[@]}" -m 8 -serial stdio -kernel "$loader" \
	-initrd "$work/kernel-only.img firmware" <"$work/console.in" >"$log.raw" 2>"$work/console.stderr" &
qpid=$!
exec 3>"$work/console.in"
send() { printf '%s\r' "$1" >&3; }
ok_prompt=0
if wait_for 'tock> ' 15 "$log.raw"; then
	ok_prompt=1
	for cmd in help uptime kernel frobnicate 'this-line-is-far-too-long-for-the-console-line-buffer-of-eighty-characters-xxxxxxxxxxxxx' poweroff; do
		send "$cmd"
		sleep 0.3
	done
fi
exec 3>&-
wait $qpid; rc=$?
tr -d '\r' <"$log.raw" >"$log"
tap "console: prompt appears" test $ok_prompt = 1
tap "console: help lists the commands" eval 'has "^  poweroff +stop the system" && has "^  kernel "'
tap "console: echoes typed input" has '^tock> uptime$'
tap "console: uptime reports the PIT clock" has '^uptime [0-9]+\.[0-9]{3} s \([0-9]+ ticks at 1193182 Hz'
tap "console: kernel shows the SRAM map and the measurement" \
	eval 'has "^sram +0x00010000-0x00090000 +512 KiB" && has "^measured +sha256 [0-9a-f]{64}"'
tap "console: unknown command gets a helpful message" has "^unknown command 'frobnicate'; type 'help'"
tap "console: an overlong line is reported, not run" has '^line too long \(max 79 characters\); ignored'
tap "console: poweroff exits with success (33)" eval 'has "^powering off" && status_is $EXIT_SUCCESS'

# --- kernel exceptions produce a decoded fault report and a clean stop ---
fault() { # TEST NAME PATTERN...
	local test=$1 what=$2; shift 2
	kernel_boot "$test" "selftest=$test"
	local ok=1 p
	for p in "$@" '^  eip +0x[0-9a-f]{8}  cs 0x0008' '^  eax 0x' '^  stack: [0-9a-f]{8}' '^  backtrace: '; do
		has "$p" || { ok=0; echo "# missing: $p"; }
	done
	tap "fault report: $what, then stop with panic status (37)" eval "[ $ok = 1 ] && status_is $EXIT_PANIC"
}
fault fault-pf "page fault on an unmapped page" '^KERNEL PANIC: #PF page fault in the kernel' \
	'error  0x00000002: write, page not present, supervisor mode' 'cr2    0x00000008'
fault fault-wp "write to read-only kernel text (CR0.WP)" '^KERNEL PANIC: #PF' \
	'error  0x00000003: write, protection violation, supervisor mode' 'cr0 0x8001'
fault fault-ud "invalid opcode" '^KERNEL PANIC: #UD invalid opcode in the kernel' 'vector 6 #UD'
fault fault-de "divide error" '^KERNEL PANIC: #DE divide error in the kernel' 'vector 0 #DE'

kernel_boot stack-overflow selftest=stack-overflow
tap "fault report: kernel stack overflow hits the guard page, #DF reported from its own task (37)" \
	eval 'has "^KERNEL PANIC: #DF double fault in the kernel" && has "kernel stack overflow: esp 0x[0-9a-f]{8} is at the guard page" && has "^  cr2 +0x[0-9a-f]{8}" && status_is $EXIT_PANIC'

kernel_boot fault-busy selftest=fault-busy
tap "fault report: output queued before the fault is sent first, whole and once" \
	eval 'for i in $(seq 1 40); do [ "$(grep -c "^selftest: burst line $i of 40$" "$log")" = 1 ] || exit 1; done; grep -A1 "^selftest: burst line 40 of 40$" "$log" | grep -q "^$" && has "^KERNEL PANIC: #PF" && status_is $EXIT_PANIC'

kernel_boot unknown-selftest selftest=nonsense
tap "unknown self-test is reported and fails (35)" \
	eval "has \"unknown test 'nonsense'\" && status_is $EXIT_FAILURE"

# --- the loader refuses to start anything it cannot trust ---
refused() { # NAME PATTERN
	tap "loader refuses: $1" eval "has 'loader: REFUSED: $2' && has 'nothing was started' && lacks '^tock-x86' && status_is $EXIT_LOADER"
}
qemu no-module 20 -m 8 -kernel "$loader"
refused "no module" 'no firmware image: the boot loader passed no module'

cp "$image" "$work/corrupt-kernel.img"
printf '\xff' | dd of="$work/corrupt-kernel.img" bs=1 seek=$((4096 + 100)) conv=notrunc status=none
qemu corrupt-kernel 20 -m 8 -kernel "$loader" -initrd "$work/corrupt-kernel.img firmware"
refused "kernel whose SHA-256 does not match" 'bad firmware image: kernel_sha256 at offset 48: kernel SHA-256 mismatch'

cp "$image" "$work/bad-magic.img"
printf 'XXXX' | dd of="$work/bad-magic.img" bs=1 seek=0 conv=notrunc status=none
qemu bad-magic 20 -m 8 -kernel "$loader" -initrd "$work/bad-magic.img firmware"
refused "image with a bad magic" 'bad firmware image: magic at offset 0: not a firmware image'

head -c 2000 "$image" >"$work/truncated.img"
qemu truncated 20 -m 8 -kernel "$loader" -initrd "$work/truncated.img firmware"
refused "truncated image" 'bad firmware image: image_bytes at offset 8: larger than the storage'

qemu two-untagged 20 -m 8 -kernel "$loader" -initrd "$image a,$image b"
refused "two modules, none tagged" '2 modules but none tagged .firmware.'

qemu wrong-magic 20 -m 8 -kernel "$build/test/loader-wrong-magic.elf" -initrd "$image firmware"
refused "wrong Multiboot magic in EAX" 'not started by a Multiboot loader \(EAX 0x0badc0de, expected 0x2badb002\)'

finish
