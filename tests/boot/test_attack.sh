#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The hostile-app suite (tests/attack/run.sh, docs/attacks.md) as one of the boot tests: every
# attack app next to the ticker under QEMU and, for the Bochs-only cases and a representative
# subset, under Bochs. Needs the attack apps built (`make test` builds them; so does
# `make attack`, which also runs this suite on its own).
set -uo pipefail
build=${1:?usage: $0 BUILD_DIR}
exec "$(dirname "$0")/../attack/run.sh" "$build"
