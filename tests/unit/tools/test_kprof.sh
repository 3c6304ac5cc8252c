#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kprof on a synthetic kernel (tests/unit/tools/kprof/): its nm symbols, its disassembly (two
# irets, source lines and a continued instruction in between) and a trace of nine paths, six of
# them distinct. Checks the report exactly: grouping, counts, per-function attribution, -n,
# -m, -l (too long to group), and the errors. Prints "ok N - ..." / "not ok N - ...".
# Usage: test_kprof.sh KPROF FIXTURE_DIR WORK_DIR
set -u

usage="usage: test_kprof.sh KPROF FIXTURE_DIR WORK_DIR"
kprof=${1:?$usage}
fix=${2:?$usage}
work=${3:?$usage}
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
sym=$fix/kernel.sym
asm=$fix/kernel.asm
trace=$fix/trace.txt

n=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; }
# same NAME EXPECTED_FILE ACTUAL_FILE: the files are identical, else the difference is shown.
same() {
	if diff -u "$2" "$3" >diff.txt 2>&1; then pass "$1"; else fail "$1"; sed 's/^/#   /' diff.txt; fi
}
# run NAME WANT_RC ARGS...: runs kprof into out.txt/err.txt and checks its exit status.
run() {
	local name=$1 want=$2 rc
	shift 2
	"$kprof" "$@" >out.txt 2>err.txt
	rc=$?
	if [ "$rc" = "$want" ]; then
		pass "$name: exit status $want"
	else
		fail "$name: exit status $rc, want $want"
		sed 's/^/#   /' err.txt
	fi
}

# ---- the whole report -------------------------------------------------------------------------
# The trace: the boot (12 instructions, one iret), the syscall path A three times, the idle
# path (ends at the iretl) twice, a short path entered mid-stub, path A with its two calls to
# the two static "now"s swapped (same length, not the same path), a path from below every
# symbol, and two instructions with no iret after them. "Stopped execution" lines are noise.
cat >want_all.txt <<'EOF'
read 66 instructions: 9 paths ended by an iret, 2 instructions after the last one
grouped: 9 paths, 6 distinct, 64 instructions
too long, not grouped: 0 paths of more than 1000000 instructions, 0 instructions
showing the 6 most frequent of 6 distinct paths

path 1: entered at stub, 9 instructions, seen 3 times
        3 handle
        2 stub
        2 trap_return
        1 now@0x1040
        1 now@0x1050

path 2: entered at idle, 5 instructions, seen 2 times
        5 idle

path 3: entered at entry, 12 instructions, seen 1 times
        8 entry
        2 trap_return
        2 handle

path 4: entered at stub+0x4, 4 instructions, seen 1 times
        2 trap_return
        1 stub
        1 handle

path 5: entered at stub, 9 instructions, seen 1 times
        3 handle
        2 stub
        2 trap_return
        1 now@0x1040
        1 now@0x1050

path 6: entered at 0x00000ff0, 2 instructions, seen 1 times
        1 trap_return
        1 (below the first symbol)
EOF
run "trace file" 0 "$sym" "$asm" "$trace"
same "groups identical paths, counts them, attributes instructions to functions" \
	want_all.txt out.txt
cp out.txt from_file.txt
run "trace on stdin" 0 "$sym" "$asm" <"$trace"
same "stdin gives the same report as the file" from_file.txt out.txt

# ---- -n, -m, -l -------------------------------------------------------------------------------
head -3 want_all.txt >want.txt
cat >>want.txt <<'EOF'
showing the 2 most frequent of 6 distinct paths

path 1: entered at stub, 9 instructions, seen 3 times
        3 handle
        2 stub
        2 trap_return
        1 now@0x1040
        1 now@0x1050

path 2: entered at idle, 5 instructions, seen 2 times
        5 idle
EOF
run "-n 2" 0 -n 2 "$sym" "$asm" "$trace"
same "-n 2 shows the two most frequent paths" want.txt out.txt

head -3 want_all.txt >want.txt
cat >>want.txt <<'EOF'
showing the 2 most frequent of 3 distinct paths of at least 9 instructions

path 1: entered at stub, 9 instructions, seen 3 times
        3 handle
        2 stub
        2 trap_return
        1 now@0x1040
        1 now@0x1050

path 2: entered at entry, 12 instructions, seen 1 times
        8 entry
        2 trap_return
        2 handle
EOF
run "-m 9 -n 2" 0 -m 9 -n 2 "$sym" "$asm" "$trace"
same "-m 9 leaves out the shorter paths before -n takes the top two" want.txt out.txt

cat >want.txt <<'EOF'
read 66 instructions: 9 paths ended by an iret, 2 instructions after the last one
grouped: 8 paths, 5 distinct, 52 instructions
too long, not grouped: 1 paths of more than 10 instructions, 12 instructions
showing the 1 most frequent of 5 distinct paths

path 1: entered at stub, 9 instructions, seen 3 times
        3 handle
        2 stub
        2 trap_return
        1 now@0x1040
        1 now@0x1050
EOF
run "-l 10 -n 1" 0 -l 10 -n 1 "$sym" "$asm" "$trace"
same "-l 10: the 12-instruction boot is counted as too long, not grouped" want.txt out.txt

# ---- the trace's end and its errors -----------------------------------------------------------
{ head -12 "$trace"; printf 'Trace 0: 0x7f37dc13e340 [00000000/000010'; } >cut.txt
run "cut-off last line" 0 -n 0 "$sym" "$asm" cut.txt
cat >want.txt <<'EOF'
read 12 instructions: 1 paths ended by an iret, 0 instructions after the last one
grouped: 1 paths, 1 distinct, 12 instructions
too long, not grouped: 0 paths of more than 1000000 instructions, 0 instructions
showing the 0 most frequent of 1 distinct paths
EOF
same "a cut-off last line (QEMU stopped mid-write) is left out" want.txt out.txt
echo 'kprof: cut.txt:13: ignoring the cut-off last line' >want.txt
same "... and kprof says so" want.txt err.txt

line='Trace 0: 0x7f37dc13e340 [00000000/zz/000000b0/ff020201]'
{ head -3 "$trace"; echo "$line"; } >bad.txt
run "malformed Trace line" 1 "$sym" "$asm" bad.txt
echo "kprof: bad.txt:4: cannot read the PC from \"$line\"" >want.txt
same "... named with its line number" want.txt err.txt
line='Trace 0: 0x7f37dc13e340 [00000000/100001000/000000b0/ff020201]'
{ head -3 "$trace"; echo "$line"; } >bad.txt
run "PC wider than 32 bits" 1 "$sym" "$asm" bad.txt

run "missing symbol file" 1 missing.sym "$asm" "$trace"
echo 'kprof: missing.sym: cannot open the symbol file: No such file or directory' >want.txt
same "... says which file" want.txt err.txt
run "missing trace" 1 "$sym" "$asm" missing.txt
printf 'not nm output\n' >bad.sym
run "malformed symbol file" 1 bad.sym "$asm" "$trace"
grep -v 'iret' "$asm" >noiret.asm
run "disassembly without an iret" 1 "$sym" noiret.asm "$trace"
echo 'kprof: noiret.asm: no iret among 12 instructions: cannot tell where paths end' >want.txt
same "... says so, having counted the instructions (not the source or continuation lines)" \
	want.txt err.txt
run "no arguments" 2
run "bad -n" 2 -n x "$sym" "$asm" "$trace"

echo "1..$n"
