#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make test only checks that make bench runs and prints every figure as a number; it asserts
# nothing about speed (docs/benchmarks.md).
set -uo pipefail
build=${1:?usage: $0 BUILD_DIR}
n=0
"$(dirname "$0")/../bench/run.sh" "$build" >/dev/null 2>"$build/bench-run.stderr"
rc=$?
n=$((n + 1))
if [ $rc = 0 ]; then echo "ok $n - bench: make bench runs and reports every figure"; else
	echo "not ok $n - bench: exit status $rc"; sed 's/^/#   /' "$build/bench-run.stderr"; fi
for w in null_syscall_min yield_no_wait_min command0_min memop2_min upcall_from_command_min \
	context_switch_one_way_min ipc_round_trip_min timer_tick_cost_min boot_loader_to_kernel \
	boot_kernel_to_first_app sha256_per_byte kernel_text kernel_text_lean loader_text process_record \
	process_page_table sram_used_default_apps; do
	n=$((n + 1))
	if grep -qE "^bench: $w [0-9]+(\.[0-9]+)? (instructions|bytes)$" "$build/bench.txt"; then
		echo "ok $n - bench: $w is a number"
	else
		echo "not ok $n - bench: $w missing or not a number"
	fi
done
echo "1..$n"
