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
# The console over COM1 on a socket. A key pressed while the loader runs must not leave the
# UART's interrupt line stuck high (Bochs's 8259, unlike QEMU's, needs a fresh edge).
log=$work/console.log
port=$((20000 + RANDOM % 20000))
"$(dirname "$0")/bochs.sh" --socket "$port" --log "$work/console.bochs.log" --timeout 90 \
	"$build/tock-x86.iso" >"$work/console.stdout" 2>&1 &
bpid=$!
connected=0
for _ in $(seq 100); do
	if exec 3<>"/dev/tcp/127.0.0.1/$port"; then connected=1; break; fi 2>/dev/null
	sleep 0.1
done
if [ $connected = 1 ]; then
	cat <&3 >"$log.raw" &
	cpid=$!
	wait_for 'loader: started' 30 "$log.raw" && printf 'x' >&3
	if wait_for 'tock> ' 60 "$log.raw"; then
		sleep 0.5
		printf '\rhelp\r' >&3
		wait_for 'poweroff +stop the system' 30 "$log.raw"
		printf 'poweroff\r' >&3
	fi
fi
wait $bpid
exec 3>&- 2>/dev/null
kill "${cpid:-}" 2>/dev/null
tr -d '\r' <"$log.raw" >"$log" 2>/dev/null || : >"$log"
tap "bochs: console connected on COM1" test $connected = 1
tap "bochs: a key typed during boot reaches the console" has "^unknown command 'x'"
tap "bochs: the console answers after that (receive and transmit interrupts live)" \
	eval 'has "^  poweroff +stop the system" && has "^powering off"'
# --- processes under Bochs: several apps at once; executing RAM faults (the code segment
# ends at the app's text; Bochs enforces segment limits on near jumps, QEMU does not) ---
iso_of() { # NAME IMAGE: a GRUB ISO booting IMAGE, in $work/NAME.iso
	rm -rf "$work/$1.root" && mkdir -p "$work/$1.root/boot/grub"
	cp "$build/loader.elf" "$work/$1.root/boot/"
	cp "$2" "$work/$1.root/boot/firmware.img"
	printf 'set timeout=0\nmultiboot /boot/loader.elf\nmodule /boot/firmware.img firmware\nboot\n' \
		>"$work/$1.root/boot/grub/grub.cfg"
	grub-mkrescue -o "$work/$1.iso" --install-modules="multiboot normal iso9660 biosdisk" \
		--locales= --fonts= --themes= "$work/$1.root" >/dev/null 2>&1
}
bochs_session() { # NAME ISO PATTERN: boots, waits for PATTERN, types list and poweroff
	local name=$1 iso=$2 pattern=$3 port=$((20000 + RANDOM % 20000)) bpid cpid=
	log=$work/$name.log
	"$(dirname "$0")/bochs.sh" --socket "$port" --log "$work/$name.bochs.log" --timeout 120 \
		"$iso" >"$work/$name.stdout" 2>&1 &
	bpid=$!
	for _ in $(seq 100); do
		if exec 5<>"/dev/tcp/127.0.0.1/$port"; then break; fi 2>/dev/null
		sleep 0.1
	done
	cat <&5 >"$log.raw" &
	cpid=$!
	wait_for "$pattern" 90 "$log.raw"
	printf '\rlist\r' >&5
	sleep 1
	printf 'poweroff\r' >&5
	wait "$bpid"
	exec 5>&- 2>/dev/null
	kill "$cpid" 2>/dev/null
	tr -d '\r' <"$log.raw" | sed 's/^tock> //' >"$log"
}
image() {
	local name=$1; shift
	"$build/tools/mkimage" -o "$work/$name.img" --kernel "$build/kernel.elf" \
		$(printf -- '--app %s ' "$@")
}
image procs "$build/apps/ticker.tbf" "$build/test/apps/exec_data.tbf" \
	"$build/test/apps/attack_kernel.tbf" "$build/test/apps/fpu_hold.tbf"
iso_of procs "$work/procs.img"
bochs_session procs "$work/procs.iso" 'fpu_hold: round 3'
tap "bochs: several apps run side by side" eval 'has "^tick 5$" && has "fpu_hold: round 3: kept"'
tap "bochs: executing its own RAM faults the app (#GP: past the code segment limit)" \
	eval 'has "process .exec_data. \(pid [0-9]+\) faulted: #GP general protection" && lacks "exec_data: executed RAM"'
tap "bochs: writing the kernel faults the app only" \
	eval 'has "process .attack_kernel. \(pid [0-9]+\) faulted: #PF page fault: write at 0x00010000, protection violation" && has "powering off"'
finish
