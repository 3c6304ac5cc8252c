#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The lean kernel (build/lean/kernel.elf: none of the Makefile's optional parts, the size make
# bench compares with upstream's) under QEMU: the parts are out of the binary, the default apps
# still run, and apps asking for a left-out driver get NODEVICE, not a crash.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

lean=$build/lean/kernel.elf tapps=$build/test/apps

sym() { nm "$lean" | grep -q " $1$"; }
tap "lean: no RNG, digest or self-test code is linked in" \
	eval '! sym platform_rng_init && ! sym platform_digest_init && ! sym selftest_start &&
	      ! sym pci_scan && ! sym digest_driver_init'
text() { size "$1" | awk 'NR == 2 { print $1 }'; }
echo "# kernel text: $(text "$build/kernel.elf") bytes, lean $(text "$lean") bytes"
tap "lean: smaller than the default kernel" [ "$(text "$lean")" -lt "$(text "$build/kernel.elf")" ]

"$build/tools/mkimage" -o "$work/lean.img" --kernel "$lean" --app "$build/apps/hello.tbf" \
	--app "$build/apps/ticker.tbf" --app "$tapps/rng_probe.tbf" --app "$tapps/digest_probe.tbf"
session lean 6 "$work/lean.img" 'tick 2$'
tap "lean: hello and the ticker run" eval 'has "^Hello from hello" && has "^tick 2$"'
tap "lean: an app asking for the RNG driver gets NODEVICE" has '^rng_probe: no RNG driver$'
tap "lean: an app asking for the SHA driver gets NODEVICE" \
	has '^digest_probe: sha256\(abc\) failed: NODEVICE$'
tap "lean: the console lists the processes" has '^ +[0-9]+ +ticker +'
tap "lean: nothing panics; powered off cleanly (33)" \
	eval 'lacks "PANIC" && status_is $EXIT_SUCCESS'
finish
