#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Processes under QEMU: several apps at once, isolation (an app writing the kernel or another
# app faults alone), preemption of a spinning app, x87 state kept and never leaked, memory
# zeroed on restart, and the process loader: relocation to different placements, fixed
# addresses, and bad apps reported and skipped while the others run.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

apps=$build/apps tapps=$build/test/apps

# --- the default image: hello, ticker, fault ---
session default 6 "$build/firmware.img" 'tick 3$'
tap "default: three apps loaded, relocated and SHA-256 checked" \
	eval '[ "$(count "^app .* relocated, sha256 ok$")" = 3 ] && has "^3 apps loaded, 0 skipped"'
tap "default: hello prints and exits 0" \
	eval 'has "^Hello from hello" && has "process .hello. \(pid 1\) exited with code 0"'
tap "default: the ticker ticks" has '^tick 3$'
tap "default: the fault app faults in ring 3 with a decoded report, then restarts" \
	eval 'has "process .fault. \(pid [0-9]+\) faulted: #PF page fault: write at 0x00000010, page not present" && has "error  0x00000006: write, page not present, user mode" && has "process .fault.: restarting"'
tap "default: list shows every process with state and restarts" \
	eval 'has "^ +1  hello +terminated +0 " && has "^ +[0-9]+  ticker +(running|yielded)" && has "^ +[0-9]+  fault +[a-z-]+ +[1-3] "'
tap "default: powered off cleanly (33)" status_is $EXIT_SUCCESS

# --- isolation: attacks fault alone; a spinning app is preempted ---
image isolation "$apps/ticker.tbf" "$tapps/attack_kernel.tbf" "$tapps/attack_peer.tbf" \
	"$tapps/spin.tbf"
session isolation 8 "$work/isolation.img" 'tick 4$'
tap "isolation: writing kernel memory faults the app (user write, protection violation)" \
	eval 'has "process .attack_kernel. \(pid [0-9]+\) faulted: #PF page fault: write at 0x00010000, protection violation" && lacks "attack_kernel: the write went through"'
tap "isolation: writing another app's memory faults the app" \
	eval 'has "process .attack_peer. \(pid [0-9]+\) faulted: #PF page fault: write at 0x[0-9a-f]{8}, (protection violation|page not present)" && lacks "attack_peer: the write went through"'
tap "isolation: an app spinning with IF cleared by popf does not stall the others" \
	eval 'has "^spin: clearing IF" && has "^tick 4$"'
tap "isolation: the kernel survives and powers off (33)" status_is $EXIT_SUCCESS

# --- x87 state ---
image fpu "$tapps/fpu_hold.tbf" "$tapps/fpu_fresh.tbf" "$apps/ticker.tbf"
session fpu 6 "$work/fpu.img" 'fpu_hold: round 3'
tap "fpu: a process's x87 registers survive other processes running" \
	eval '[ "$(count "^fpu_hold: round [123]: kept")" = 3 ] && lacks CORRUPTED'
tap "fpu: a fresh process sees a clean x87 state, not another's registers" \
	eval 'has "^fpu_fresh: clean \(0 nonzero bytes in the data registers, control 0x037f\)"'

# The FPU owner sleeps while an app that never touches the x87 runs: coming back, it must find
# its registers live (CR0.TS cleared again), not take a #NM for its own state.
image fpu-idle-peer "$tapps/fpu_hold.tbf" "$apps/ticker.tbf"
session fpu-idle-peer 6 "$work/fpu-idle-peer.img" 'fpu_hold: round 3'
tap "fpu: the owner keeps its registers across a peer that never uses the x87" \
	eval '[ "$(count "^fpu_hold: round [123]: kept")" = 3 ] && lacks "faulted"'

# --- restart gives fresh memory and a new pid ---
image restart "$tapps/restarter.tbf"
session restart 6 "$work/restart.img" 'restarter: life.*\n?.*restarter: life.*restarter: life'
sleep 0
tap "restart: every life finds its .bss and heap zeroed" \
	eval '[ "$(count "^restarter: life with zeroed memory")" -ge 3 ] && lacks "DIRTY"'
tap "restart: list shows a new pid and the restart count" \
	eval 'grep -E "^ +[0-9]+  restarter +[a-z-]+ +[0-9]+" "$log" | awk "{exit !(\$1 > 1 && \$4 >= 2)}"'

# --- the process loader: relocation, fixed addresses, bad apps ---
image pic-alone "$tapps/pic_probe.tbf"
session pic-alone 4 "$work/pic-alone.img" '^pic_probe: '
a=$(sed -nE 's/^pic_probe: binary at (0x[0-9a-f]+), RAM at (0x[0-9a-f]+): ok relocated 42$/\1 \2/p' "$log")
image pic-third "$apps/hello.tbf" "$apps/ticker.tbf" "$tapps/pic_probe.tbf"
session pic-third 4 "$work/pic-third.img" '^pic_probe: '
b=$(sed -nE 's/^pic_probe: binary at (0x[0-9a-f]+), RAM at (0x[0-9a-f]+): ok relocated 42$/\1 \2/p' "$log")
echo "# pic_probe placements: alone '$a', third '$b'"
tap "loader: a relocatable app runs correctly at two different placements" \
	eval '[ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ]'

image fixed "$apps/hello.tbf" "$build/test/fixed/fixed_probe.tbf"
session fixed 4 "$work/fixed.img" '^pic_probe: '
tap "loader: an app with fixed addresses runs exactly there" \
	eval 'has "^app fixed_probe +text 0x0006f000-0x[0-9a-f]+  RAM 0x00078000-.* fixed" && has "^pic_probe: binary at 0x00070000, RAM at 0x00078000: ok relocated 42$"'

# A TBF whose binary was changed after signing, one whose header checksum is wrong, one that
# is disabled, one for another kernel, one too big for SRAM: each reported, the rest run.
cp "$apps/ticker.tbf" "$work/tampered.tbf"
printf '\x90' | dd of="$work/tampered.tbf" bs=1 seek=1000 conv=notrunc status=none
cp "$apps/hello.tbf" "$work/badsum.tbf"
printf '\x77' | dd of="$work/badsum.tbf" bs=1 seek=12 conv=notrunc status=none
"$build/tools/elf2tbf" --pic --stack 0 --disabled --name sleeper -o "$work/disabled.tbf" "$apps/hello.elf"
"$build/tools/elf2tbf" --pic --stack 0 --kernel-version 3.0 --name future -o "$work/future.tbf" "$apps/hello.elf"
"$build/tools/elf2tbf" --pic --stack 0 --ram-bytes 600000 --name greedy -o "$work/greedy.tbf" "$apps/hello.elf"
image bad "$work/tampered.tbf" "$work/badsum.tbf" "$work/disabled.tbf" "$work/future.tbf" \
	"$work/greedy.tbf" "$tapps/pic_probe.tbf"
session bad 4 "$work/bad.img" '^pic_probe: '
tap "loader: an app whose binary changed after signing is skipped, named" \
	has "app 'ticker' \(offset 0x0\) skipped: credentials do not match"
tap "loader: a TBF with a bad header checksum is skipped and the walk goes on" \
	has 'app at offset 0x[0-9a-f]+ skipped: bad TBF: checksum at offset 12'
tap "loader: a disabled app is skipped" has "app 'sleeper' .* skipped: disabled in its header"
tap "loader: an app for another kernel version is skipped" \
	has "app 'future' .* skipped: needs kernel \^3.0, this is 2.2"
tap "loader: running out of SRAM is reported, not crashed" \
	has "app 'greedy' .* skipped: out of SRAM: needs [0-9]+ KiB of text and [0-9]+ KiB of RAM"
tap "loader: the good app after them loads and runs" \
	eval 'has "^1 apps loaded, 5 skipped" && has "^pic_probe: binary at .*: ok relocated 42$" && status_is $EXIT_SUCCESS'

# --- the process info driver and the console's process commands ---
image procinfo "$apps/ticker.tbf" "$apps/hello.tbf" "$tapps/procinfo.tbf"
session procinfo 10 "$work/procinfo.img" 'procinfo: command 10' status 'stop ticker' list \
	'start ticker' 'fault ticker' 'restart hello' 'stop nosuch' stop poweroff
tap "procinfo: the driver counts and names every process" \
	eval 'has "^procinfo: 3 processes" && has "^procinfo: pid 1 name ticker state [0-9] restarts 0 RAM 16384 bytes" && has "^procinfo: pid 3 name procinfo state 0 "'
tap "procinfo: changing another process's state is refused (NOSUPPORT)" \
	has '^procinfo: command 10 -> variant 0 error 10$'
tap "console: status summarises the processes" eval 'has "^uptime " && has "^processes 3:"'
tap "console: stop and start a process by name" \
	eval 'has "^stopped .ticker.: now pid 1, stopped" && has "^ +1  ticker +stopped" && has "^started .ticker.: now pid 1, (running|yielded-for)"'
tap "console: an injected fault is reported and the policy restarts the process" \
	eval 'has "process .ticker. \(pid 1\) faulted: fault injected from the console" && has "process .ticker.: restarting"'
tap "console: restart gives a new pid" has "^restarted 'hello': now pid [0-9]+, running"
tap "console: unknown process and missing argument get helpful messages" \
	eval 'has "^no process .nosuch. \(see .list.\)" && has "^usage: stop <name or pid>"'
# --- IPC: discovery, notify both ways, a shared page, enforced only while shared ---
image ipc "$tapps/ipc_service.tbf" "$tapps/ipc_client.tbf"
session ipc 5 "$work/ipc.img" 'ipc_service.: restarting'
tap "ipc: a client discovers a service by package name; an unknown name is NODEVICE" \
	has '^ipc_client: found the service at 0; an unknown name gives error 11$'
tap "ipc: notify service and client, the shared page read and written by the service" \
	eval 'has "^ipc_service: client 1 shares 4096 bytes: ping$" && has "^ipc_client: answer pong$"'
tap "ipc: once the client stops sharing, the service faults touching the page" \
	has "process 'ipc_service' \(pid 1\) faulted: #PF page fault: write at 0x[0-9a-f]+, protection violation"

# --- console writes from several processes never interleave within one write ---
image writers "$tapps/writer_a.tbf" "$tapps/writer_b.tbf" "$apps/ticker.tbf"
session writers 4 "$work/writers.img" 'writer_b.*exited'
tap "console: concurrent writes arrive whole (20 lines of each writer, none mixed)" \
	eval '[ "$(grep -cE "^a{150}$" "$log")" = 20 ] && [ "$(grep -cE "^b{150}$" "$log")" = 20 ] && ! grep -qE "^[ab]*(ab|ba)[ab]*$" "$log"'

# --- low-level debug, in upstream's words ---
image lld "$apps/ticker.tbf" "$tapps/lld_probe.tbf"
session lld 3 "$work/lld.img" 'lld_probe.*exited'
tap "low-level debug: status code, one and two numbers, named by app index" \
	eval 'has "^LowLevelDebug: App 0x1 status code 0x2a$" && has "^LowLevelDebug: App 0x1 prints 0x123$" && has "^LowLevelDebug: App 0x1 prints 0x456 0x789$"'

# --- the console driver's read side ---
image reader "$tapps/reader.tbf"
session reader 10 "$work/reader.img" 'reader: waiting' raw:hello 'wait:reader: aborted' poweroff
tap "console driver: an app reads what is typed (RW allow 1, command 2, upcall 2)" \
	has 'reader: got 5 bytes, status 0: hello$'
tap "console driver: abort completes the read with CANCEL" \
	has '^reader: aborted read: status 8, 0 bytes$'
finish
