#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Boots the GRUB rescue ISO in QEMU (-cdrom): GRUB loads the loader by Multiboot with the
# firmware image as a module; the kernel's boot self-test powers off with success.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

qemu grub-selftest 60 -m 32 -cdrom "$build/test/boot-selftest.iso"
tap "grub: loader finds the module GRUB tagged 'firmware'" has '^loader: firmware image at 0x[0-9a-f]{8}, [0-9]+ bytes'
tap "grub: loader verifies the kernel's SHA-256" has 'loader: kernel sha256 [0-9a-f]{64} verified'
tap "grub: GRUB's command line reaches the kernel" has '^boot: selftest=boot$'
tap "grub: PIT alarm fires on time" has 'selftest: alarm fired after [0-9]+ of [0-9]+ ticks: ok'
tap "grub: self-test passes and powers off with success (33)" \
	eval 'has "^selftest: boot passed" && status_is $EXIT_SUCCESS'

# The default ISO (what `make run-bochs` boots) comes up to the console prompt.
qemu grub-default 8 -m 32 -cdrom "$build/tock-x86.iso"
tap "grub: the default ISO boots to the console prompt" has '^tock> '
finish
