#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Boots the benchmark apps under qemu-system-i386 -cpu pentium -icount shift=0: the guest's
# TSC then advances by exactly one per retired instruction, so every figure is an instruction
# count and the same on every run. Prints and writes (to BUILD/bench.txt) one line a figure:
#   bench: <name> <value> <unit>
set -uo pipefail
build=${1:?usage: $0 BUILD_DIR}
work=$build/bench-run
rm -rf "$work" && mkdir -p "$work"
out=$build/bench.txt
: >"$out"
QEMU=(qemu-system-i386 -cpu pentium -m 8 -display none -no-reboot -monitor none
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -icount shift=0,align=off,sleep=off)
failed=0

emit() { echo "bench: $1 $2 $3" | tee -a "$out"; }

# boot NAME PATTERN TBF...: boots an image of the kernel and the apps; once PATTERN appears,
# asks the console for "kernel" and powers off. The console text goes to $work/NAME.log.
boot() {
	local name=$1 pattern=$2 i qpid; shift 2
	"$build/tools/mkimage" -o "$work/$name.img" --kernel "$build/kernel.elf" \
		$(printf -- '--app %s ' "$@") || return 1
	mkfifo "$work/$name.in"
	timeout -k 5 120 "${QEMU[@]}" -serial stdio -kernel "$build/loader.elf" \
		-initrd "$work/$name.img firmware" <"$work/$name.in" >"$work/$name.raw" 2>&1 &
	qpid=$!
	exec 5>"$work/$name.in"
	for ((i = 0; i < 600; i++)); do
		grep -qE -- "$pattern" "$work/$name.raw" && break
		sleep 0.1
	done
	printf '\rkernel\r' >&5
	sleep 0.5
	printf 'poweroff\r' >&5
	exec 5>&-
	wait $qpid
	tr -d '\r' <"$work/$name.raw" | sed 's/^tock> //' >"$work/$name.log"
}

# from LOG: the app's own "bench:" lines
collect() { grep -E '^bench: [a-z0-9_]+ [0-9]+ [a-z]+$' "$work/$1.log" | sed 's/^bench: //' |
	while read -r n v u; do emit "$n" "$v" "$u"; done; }

boot calls 'upcall_from_command_median' "$build/bench/bench_calls.tbf"
collect calls
boot ping 'ipc_round_trip_median' "$build/bench/bench_ping.tbf" "$build/bench/bench_pong.tbf"
collect ping
boot tick 'timer_tick_cost_median' "$build/bench/bench_tick.tbf"
collect tick

# Boot: the console's "kernel" report of the cycle counter's stamps.
log=$work/calls.log
v=$(sed -nE 's/^boot +loader entry -> kernel entry ([0-9]+) cycles$/\1/p' "$log")
[ -n "$v" ] && emit boot_loader_to_kernel "$v" instructions
v=$(sed -nE 's/^boot +kernel entry -> first app ([0-9]+) cycles$/\1/p' "$log")
[ -n "$v" ] && emit boot_kernel_to_first_app "$v" instructions
read -r c b < <(sed -nE 's/^boot +sha256 of the kernel: ([0-9]+) cycles for ([0-9]+) bytes$/\1 \2/p' "$log")
[ -n "${b:-}" ] && emit sha256_per_byte "$(awk -v c="$c" -v b="$b" 'BEGIN { printf "%.1f", c / b }')" instructions
v=$(sed -nE 's/^process +record ([0-9]+) bytes.*$/\1/p' "$log")
[ -n "$v" ] && emit process_record "$v" bytes
v=$(sed -nE 's/^process .*protection ([0-9]+)\).*$/\1/p' "$log")
[ -n "$v" ] && emit process_protection "$v" bytes
v=$(sed -nE 's/^process .*upcall queue ([0-9]+) bytes.*$/\1/p' "$log")
[ -n "$v" ] && emit process_upcall_queue "$v" bytes
v=$(sed -nE 's/^process .*protection table ([0-9]+) bytes.*$/\1/p' "$log")
[ -n "$v" ] && emit process_page_table "$v" bytes

# Sizes of the binaries.
read -r t d s _ < <(size "$build/kernel.elf" | tail -1)
emit kernel_text "$t" bytes; emit kernel_data "$d" bytes; emit kernel_bss "$s" bytes
# The kernel without its optional parts (RNG, digest drivers, boot self-tests), as upstream's
# board has none of them: the size to compare with upstream's.
read -r t d s _ < <(size "$build/lean/kernel.elf" | tail -1)
emit kernel_text_lean "$t" bytes; emit kernel_data_lean "$d" bytes; emit kernel_bss_lean "$s" bytes
read -r t d s _ < <(size "$build/loader.elf" | tail -1)
emit loader_text "$t" bytes; emit loader_data "$d" bytes; emit loader_bss "$s" bytes

# SRAM used with the default apps: the kernel's pages plus each app's text and RAM.
boot default 'tick 1$' "$build"/apps/*.tbf
used=0
while read -r range; do
	lo=${range%-*} hi=${range#*-}
	used=$((used + hi - lo))
done < <(grep -E '^tock-x86 on |^app ' "$work/default.log" | grep -oE '0x[0-9a-f]+-0x[0-9a-f]+')
emit sram_used_default_apps "$used" bytes

want=(null_syscall_min null_syscall_median yield_no_wait_min command0_min memop2_min
	upcall_from_command_min context_switch_one_way_min ipc_round_trip_min timer_tick_cost_min
	boot_loader_to_kernel boot_kernel_to_first_app sha256_per_byte kernel_text kernel_text_lean loader_text
	process_record sram_used_default_apps)
for w in "${want[@]}"; do
	grep -q "^bench: $w " "$out" || { echo "bench: missing figure $w" >&2; failed=1; }
done
exit $failed
