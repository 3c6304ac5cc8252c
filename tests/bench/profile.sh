#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Profiles the kernel on the benchmark images of tests/bench/run.sh: boots each under QEMU
# (-icount shift=0, one instruction per translation block) logging every instruction the CPU
# runs in the kernel's text, streams that log through a FIFO into tools/kprof, which cuts it
# into paths from one iret to the next, and stops QEMU once the app printed its last figure.
# Prints the report and writes it to BUILD/profile.txt, one section per image (docs/profile.md).
# usage: profile.sh BUILD_DIR [KPROF_OPTION...]
set -uo pipefail
build=${1:?usage: $0 BUILD_DIR [KPROF_OPTION...]}
shift
kprof_options=("$@")
work=$build/profile-run
rm -rf "$work" && mkdir -p "$work" || exit 1
out=$build/profile.txt
: >"$out" || exit 1
for f in tools/mkimage tools/kprof kernel.elf kernel.sym kernel.asm loader.elf; do
	[ -e "$build/$f" ] || { echo "profile: no $build/$f (make profile builds it)" >&2; exit 1; }
done

# The kernel's text (and read-only data), from the linker script's symbols (linker/kernel.ld).
sym() { awk -v s="$1" '$3 == s { print $1; exit }' "$build/kernel.sym"; }
lo=$(sym kernel_text_start) hi=$(sym kernel_text_end)
if [ -z "$lo" ] || [ -z "$hi" ] || ((0x$lo >= 0x$hi)); then
	echo "profile: no kernel_text_start/kernel_text_end range in $build/kernel.sym" >&2
	exit 1
fi
range=$(printf '0x%x..0x%x' $((0x$lo)) $((0x$hi - 1))) # QEMU's ".." range is inclusive

# shellcheck disable=SC2054 # the commas separate QEMU's suboptions, not array elements
QEMU=(qemu-system-i386 -cpu pentium -m 8 -display none -no-reboot -monitor none
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -icount shift=0,align=off,sleep=off
	-singlestep -d exec,nochain -dfilter "$range")
failed=0

# profile NAME PATTERN TBF...: boots an image of the kernel and the apps with the trace going to
# kprof, and stops QEMU once PATTERN appears on the console (the app's last "bench:" line).
profile() {
	local name=$1 pattern=$2 fifo=$work/$1.trace log=$work/$1.log qpid kpid qrc krc seen=0 i
	local apps=() names=() tbf
	shift 2
	for tbf in "$@"; do
		apps+=(--app "$tbf")
		names+=("$(basename "$tbf" .tbf)")
	done
	"$build/tools/mkimage" -o "$work/$name.img" --kernel "$build/kernel.elf" "${apps[@]}" ||
		return 1
	mkfifo "$fifo" || return 1
	: >"$log"
	# Hold both ends of the FIFO so neither QEMU nor kprof blocks opening it, whichever starts
	# first or fails to start; closed once QEMU is gone, so kprof then reads the end of it.
	exec 7<>"$fifo"
	"$build/tools/kprof" "${kprof_options[@]}" "$build/kernel.sym" "$build/kernel.asm" \
		"$fifo" >"$work/$name.txt" 2>"$work/$name.kprof.err" 7>&- &
	kpid=$!
	timeout -k 5 600 "${QEMU[@]}" -D "$fifo" -serial "file:$log" -kernel "$build/loader.elf" \
		-initrd "$work/$name.img firmware" >"$work/$name.qemu.log" 2>&1 7>&- &
	qpid=$!
	for ((i = 0; i < 12000; i++)); do # 0.05 s each: at most 10 minutes
		if grep -qE -- "$pattern" "$log"; then
			seen=1
			break
		fi
		if ! kill -0 "$qpid" 2>/dev/null || ! kill -0 "$kpid" 2>/dev/null; then
			break # QEMU or kprof gave up: reported below
		fi
		sleep 0.05
	done
	kill -TERM "$qpid" 2>/dev/null
	wait "$qpid"
	qrc=$?
	exec 7>&-
	wait "$kpid"
	krc=$?

	{
		echo "== $name: ${names[*]}, traced until /$pattern/"
		cat "$work/$name.txt"
		echo
	} | tee -a "$out"
	if [ "$seen" = 0 ]; then
		echo "profile: $name: the console never showed /$pattern/ (console in $log)" >&2
		failed=1
	fi
	if [ "$qrc" != 0 ]; then
		echo "profile: $name: QEMU exited with status $qrc:" >&2
		sed 's/^/  /' "$work/$name.qemu.log" >&2
		failed=1
	fi
	if [ "$krc" != 0 ]; then
		echo "profile: $name: kprof exited with status $krc:" >&2
		sed 's/^/  /' "$work/$name.kprof.err" >&2
		failed=1
	elif ! grep -qE '^read [0-9]+ instructions: [1-9][0-9]* paths' "$work/$name.txt"; then
		echo "profile: $name: kprof read no path (is $range the kernel's text?)" >&2
		failed=1
	else
		sed "s/^/profile: $name: /" "$work/$name.kprof.err" >&2 # warnings, if any
	fi
	rm -f "$fifo"
}

profile calls 'upcall_from_command_median' "$build/bench/bench_calls.tbf" || failed=1
profile ping 'ipc_round_trip_median' "$build/bench/bench_ping.tbf" "$build/bench/bench_pong.tbf" ||
	failed=1
profile tick 'timer_tick_cost_median' "$build/bench/bench_tick.tbf" || failed=1
exit $failed
