#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The system-call ABI conformance suite (docs/conformance.md) as part of `make test`: its
# runner boots the apps of $(B)/abi/ under QEMU and Bochs and prints TAP.
exec "$(dirname "$0")/../abi/run.sh" "${1:?usage: $0 BUILD_DIR}"
