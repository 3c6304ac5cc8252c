# SPDX-License-Identifier: MIT
# Shared helpers for boot tests: run an emulator under a timeout, capture COM1, report TAP.
# Every run ends by the guest's power-off port, or by the timeout (a failure): nothing hangs.

build=${1:?usage: $0 BUILD_DIR}
work=$build/test/$(basename "$0" .sh)
rm -rf "$work" && mkdir -p "$work"
n=0 failed=0

QEMU_BASE=(qemu-system-i386 -cpu pentium -display none -no-reboot -monitor none
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)
# isa-debug-exit statuses (platform/qemu-pc/board.h): (value << 1) | 1.
EXIT_SUCCESS=33 EXIT_FAILURE=35 EXIT_PANIC=37 EXIT_LOADER=39

# ok NAME CONDITION-COMMAND...: one TAP line; on failure the log's tail goes with it.
tap() {
	local name=$1; shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		failed=$((failed + 1))
		[ -n "${log:-}" ] && [ -f "$log" ] && tail -n 25 "$log" | sed 's/^/#   /'
	fi
}

# qemu NAME SECONDS ARGS...: boots with COM1 in $work/NAME.log (CRs stripped); sets rc and log.
qemu() {
	local name=$1 secs=$2; shift 2
	log=$work/$name.log
	timeout -k 5 "$secs" "${QEMU_BASE[@]}" -serial "file:$log.raw" "$@" </dev/null \
		>"$work/$name.stdout" 2>&1
	rc=$?
	tr -d '\r' <"$log.raw" >"$log" 2>/dev/null || : >"$log"
}

has() { grep -qE -- "$1" "$log"; }
lacks() { ! grep -qE -- "$1" "$log"; }
status_is() { [ "$rc" -eq "$1" ]; }

# Waits up to $2 seconds for the pattern $1 to appear in file $3.
wait_for() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		grep -qE -- "$1" "$3" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# rate_between LO HI: the self-test's timer interval measured by the CPU's cycle counter is
# LO..HI cycles per microsecond (an independent check of the timer's programmed rate).
rate_between() {
	local us cycles
	read -r us cycles < <(sed -nE 's/^selftest: alarm: ([0-9]+) us by the timer took ([0-9]+) cycles$/\1 \2/p' "$log")
	[ -n "${us:-}" ] && [ "$us" -gt 0 ] || return 1
	echo "# timer: $us us = $cycles cycles ($((cycles / us)) per us)"
	[ $((cycles / us)) -ge "$1" ] && [ $((cycles / us)) -le "$2" ]
}

# image NAME TBF...: a firmware image of the kernel and these apps, in $work/NAME.img.
image() {
	local name=$1; shift
	"$build/tools/mkimage" -o "$work/$name.img" --kernel "$build/kernel.elf" \
		$(printf -- '--app %s ' "$@")
}

# session NAME SECONDS IMAGE [PATTERN [INPUT...]]: boots IMAGE in QEMU with COM1 on a pipe;
# once PATTERN appears (or SECONDS pass) types each INPUT line at the console ("raw:TEXT" sends
# TEXT without a CR, "wait:PATTERN" waits for more output), by default an empty line (ending
# anything typed half-way), "list" and "poweroff".
# Sets log and rc.
session() {
	local name=$1 secs=$2 img=$3 pattern=${4:-} qpid input
	shift $(($# < 4 ? $# : 4))
	[ $# -gt 0 ] || set -- '' list poweroff
	log=$work/$name.log
	mkfifo "$work/$name.in"
	timeout -k 5 $((secs + 30)) "${QEMU_BASE[@]}" -m 8 -serial stdio -kernel "$build/loader.elf" \
		-initrd "$img firmware" <"$work/$name.in" >"$log.raw" 2>"$work/$name.stderr" &
	qpid=$!
	exec 4>"$work/$name.in"
	if [ -n "$pattern" ]; then wait_for "$pattern" "$secs" "$log.raw"; else sleep "$secs"; fi
	for input in "$@"; do
		case $input in
		raw:*) printf '%s' "${input#raw:}" >&4 ;;
		wait:*) wait_for "${input#wait:}" "$secs" "$log.raw" ;;
		*) printf '%s\r' "$input" >&4; sleep 0.3 ;;
		esac
	done
	exec 4>&-
	wait "$qpid"
	rc=$?
	# Apps print right after the console's prompt: put their lines back at line starts.
	tr -d '\r' <"$log.raw" | sed 's/^tock> //' >"$log"
}

# count PATTERN: how many lines of the log match.
count() { grep -cE -- "$1" "$log"; }

finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
