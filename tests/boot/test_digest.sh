#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SHA (0x40005) and HMAC (0x40003) through the system calls under QEMU: tests/boot/apps/
# digest_probe uses them as an app written for upstream Tock 2.2 would and prints the digests,
# checked here against FIPS 180-2, RFC 4231 and the host's sha256sum; then the drivers'
# refusals; then two copies of it at once, contending for the one digest engine.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

probe=$build/test/apps/digest_probe.tbf
abc=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  # FIPS 180-2 B.1
hmac2=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843 # RFC 4231 case 2
# The probe's 1000 bytes: byte i is (7i + 3) mod 256.
thousand=$(for ((i = 0; i < 1000; i++)); do
	printf "\\x$(printf %02x $(((7 * i + 3) & 255)))"
done | sha256sum | cut -d' ' -f1)
echo "# sha256sum of the 1000 bytes: $thousand"

# Lines of the probe, as regular expressions.
line_abc="^digest_probe: sha256\(abc\) $abc$"
line_1000="^digest_probe: sha256\(1000 bytes\) $thousand$"
line_update="^digest_probe: sha256\(1000 bytes\) by update\+finish $thousand$"
line_hmac="^digest_probe: hmac-sha256\(rfc4231 case 2\) $hmac2$"
line_equal="^digest_probe: verify sha256\(abc\): NONE, equal 1$"
line_differ="^digest_probe: verify corrupted: NONE, equal 0$"
line_size="^digest_probe: run into a 16-byte digest buffer: SIZE$"
line_nosupport="^digest_probe: algorithm 2 \(SHA-512\): NOSUPPORT$"
line_off="^digest_probe: finish without update: OFF$"
line_exit="process .digest_probe. \(pid [0-9]+\) exited with code 0"

image one "$probe"
session one 10 "$work/one.img" '^digest_probe: done'
tap "sha: SHA-256(\"abc\") by run is FIPS 180-2's" has "$line_abc"
tap "sha: SHA-256 of 1000 bytes matches the host's sha256sum" has "$line_1000"
tap "sha: two updates (400 + 600 bytes) and finish give the same digest" has "$line_update"
tap "hmac: HMAC-SHA256 of RFC 4231 test case 2 matches" has "$line_hmac"
tap "sha: verify reports equal for the right digest" has "$line_equal"
tap "sha: verify reports not equal for a corrupted digest" has "$line_differ"
tap "errors: a 16-byte digest buffer is SIZE" has "$line_size"
tap "errors: SHA-512 is NOSUPPORT" has "$line_nosupport"
tap "errors: finish without update is OFF" has "$line_off"
tap "the probe exits 0, nothing faults, the kernel powers off (33)" \
	eval 'has "$line_exit" && lacks "faulted|PANIC" && status_is $EXIT_SUCCESS'

# Two at once: each sleeps 40 ms between its updates, holding the engine, so the other's
# operations wait their turn. (Identical copies print identical lines, so no pattern can tell
# when both are done: the session runs a fixed 3 seconds.)
image two "$probe" "$probe"
session two 3 "$work/two.img"
twice() { [ "$(count "$1")" = 2 ]; }
tap "two processes: one waited for the engine while the other held it" \
	has '^digest_probe: longest wait for an operation ([2-9][0-9]|[0-9]{3,}) ms$'
tap "two processes: both get every digest right" \
	eval 'twice "$line_abc" && twice "$line_1000" && twice "$line_update" && twice "$line_hmac"'
tap "two processes: both get the verify results and the refusals" \
	eval 'twice "$line_equal" && twice "$line_differ" && twice "$line_size" && twice "$line_off"'
tap "two processes: both exit 0, the kernel powers off (33)" \
	eval 'twice "$line_exit" && lacks "faulted|PANIC" && status_is $EXIT_SUCCESS'

finish
