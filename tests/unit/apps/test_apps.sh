#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The app runtime end to end: runs the demo and test app TBFs under app_host (a 32-bit Linux
# process playing the kernel) at different placements and checks what they print. TAP output.
#
# usage: test_apps.sh APP_HOST APPS_DIR TEST_APPS_DIR
set -uo pipefail
host=$1 apps=$2 tapps=$3
tbfdump=$apps/../tools/tbfdump
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0

check() { # description, command...
	local what=$1
	shift
	n=$((n + 1))
	if "$@"; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}
has() { grep -Eq -- "$2" "$1"; }
hasnt() { ! grep -Eq -- "$2" "$1"; }
# run NAME TBF [app_host options]: output in $work/NAME.out, exit status in $work/NAME.rc
run() {
	local name=$1 tbf=$2
	shift 2
	timeout 20 "$host" "$@" "$tbf" >"$work/$name.out" 2>&1
	echo $? >"$work/$name.rc"
}
status() { test "$(cat "$work/$1.rc")" = "$2"; }
# sym FILE SYMBOL: the symbol's link address, in hex without 0x
sym() { awk -v s="$2" '$3 == s { print $1; exit }' "$1"; }

for tbf in "$apps"/*.tbf "$tapps"/*.tbf; do
	"$tbfdump" "$tbf" >"$work/dump.txt" 2>&1
	check "tbfdump parses $(basename "$tbf"): relocations and a matching SHA-256 footer" \
		has "$work/dump.txt" 'verification +sha256 ok'
	check "... with relocation entries" has "$work/dump.txt" 'count +[1-9]'
done

# ---- hello: the entry arguments, at two placements ------------------------------------------
run hello_a "$apps/hello.tbf" --flash 0x30000000 --ram 0x40000000
check "hello prints where it runs (binary 0x30000000, RAM 0x40000000)" has "$work/hello_a.out" \
	'^Hello from hello, pid-agnostic: binary at 0x30000000, RAM at 0x40000000$'
check "... and exits 0" has "$work/hello_a.out" '^app_host: exit-terminate 0$'
check "... status 0" status hello_a 0
run hello_b "$apps/hello.tbf" --flash 0x41003000 --ram 0x30801000
check "hello elsewhere, RAM below the binary (0x41003000, 0x30801000)" has "$work/hello_b.out" \
	'^Hello from hello, pid-agnostic: binary at 0x41003000, RAM at 0x30801000$'
check "... and exits 0" has "$work/hello_b.out" '^app_host: exit-terminate 0$'

# ---- crt0: the initial break ----------------------------------------------------------------
run hello_big "$apps/hello.tbf" --break-offset 3072 --trace
check "an initial break above the RAM image: crt0 does not brk (never shrinks it)" \
	hasnt "$work/hello_big.out" 'syscall 5 \(0, '
check "... and hello runs" has "$work/hello_big.out" '^app_host: exit-terminate 0$'
# The end of hello's RAM image at RAM 0x40000000 (linked at 0x20000000).
end=$(printf '0x%x' $((0x40000000 + 0x$(sym "$apps/hello.sym" _app_ram_end) - 0x20000000)))
run hello_min "$apps/hello.tbf" --trace
check "the minimum initial break (RAM start + 36): crt0 brks to the end of its image" \
	has "$work/hello_min.out" "syscall 5 \\(0, $end,"
run hello_nobrk "$apps/hello.tbf" --refuse-brk
check "brk refused: crt0 raises low-level debug alert 3" has "$work/hello_nobrk.out" \
	'^app_host: low-level debug: alert code 0x3$'
check "... prints the break it asked for and the one it had" has "$work/hello_nobrk.out" \
	"^app_host: low-level debug: print $end 0x40000024\$"
check "... and exits with the error code (NOMEM, 9)" has "$work/hello_nobrk.out" \
	'^app_host: exit-terminate 9$'
check "... having run no main" hasnt "$work/hello_nobrk.out" 'Hello'

# The entry arguments inside .data as linked: crt0 must read them before copying .data.
data=$(sym "$tapps/runtime_test.sym" _data_start)
off=$((0x$data - 0x20000000 + 24))
run rt_args "$tapps/runtime_test.tbf" --break-offset $off
check "entry arguments inside .data (break at RAM + $off): runtime_test passes" \
	has "$work/rt_args.out" '^[0-9]+ checks, 0 failed$'

# ---- runtime_test: crt0, relocations, every syscall class, the libraries --------------------
run rt_a "$tapps/runtime_test.tbf" --flash 0x30000000 --ram 0x40000000
check "runtime_test: every check passes" has "$work/rt_a.out" '^[0-9]+ checks, 0 failed$'
check "... none fails" hasnt "$work/rt_a.out" '^not ok'
check "... exits 0" has "$work/rt_a.out" '^app_host: exit-terminate 0$'
check "... console_printf's output is as formatted" has "$work/rt_a.out" \
	'^-7 7 beef str c    ab\|1  \|$'
grep '^not ok' "$work/rt_a.out" | sed 's/^/#   /'
run rt_b "$tapps/runtime_test.tbf" --flash 0x5f001000 --ram 0x30002000 --console-chunk 7
check "runtime_test elsewhere, with 7-byte console writes: every check passes" \
	has "$work/rt_b.out" '^[0-9]+ checks, 0 failed$'
long="long:00$(for i in $(seq 1 39); do printf ' %02d' "$i"; done)"
check "... long printf output arrives whole through short writes" has "$work/rt_b.out" "^$long\$"
grep '^not ok' "$work/rt_b.out" | sed 's/^/#   /'

# ---- ticker: once a second, without drift ---------------------------------------------------
run ticker "$apps/ticker.tbf" --max-alarms 5 --trace
check "ticker prints tick 1 to tick 5" \
	test "$(grep -c '^tick [1-5]$' "$work/ticker.out")" = 5
check "... and goes on until stopped" has "$work/ticker.out" '^app_host: stopped after 5 alarms$'
fires=$(sed -n 's/^app_host: alarm fires at 0x\([0-9a-f]*\)$/\1/p' "$work/ticker.out")
steps=$(prev=''; for f in $fires; do
	[ -n "$prev" ] && printf '%d\n' $(((0x$f - 0x$prev) & 0xFFFFFFFF))
	prev=$f
done | sort -u)
check "... one alarm a second (32768 ticks) apart, across the counter's wrap: $steps" \
	test "$steps" = 32768

# ---- fault: about to fault, 2 s, then a write to 0x10 ---------------------------------------
run fault "$apps/fault.tbf"
check "fault says it is about to fault" has "$work/fault.out" \
	'^fault: about to fault on purpose: writing 0xdeadbeef to 0x00000010 in 2000 ms$'
check "... then faults writing to 0x10" has "$work/fault.out" \
	'^app_host: fault: Segmentation fault \(trap 14\) at address 0x10,'
tick=$(sed -n 's/^app_host: fault: .*tick 0x\([0-9a-f]*\)$/\1/p' "$work/fault.out")
check "... after 2 s of alarm time" test $(((0x${tick:-0} - 0xFFFF8000) & 0xFFFFFFFF)) -ge 65536
check "... status 3" status fault 3

# ---- the stack: at the bottom of RAM, an overflow faults ------------------------------------
run overflow "$tapps/stack_overflow.tbf" --ram 0x40000000
check "stack_overflow starts" has "$work/overflow.out" '^stack bottom at 0x40000000: digging$'
check "... and faults just below RAM instead of corrupting data" has "$work/overflow.out" \
	'^app_host: fault: Segmentation fault \(trap 14\) at address 0x3ffff[0-9a-f]{3},'
check "... status 3" status overflow 3

for f in "$work"/*.out; do
	if ! grep -q . "$f"; then echo "# $(basename "$f") is empty"; fi
done
echo "1..$n"
