#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks that the Debian packages the build and tests need are installed; installs the missing
# ones when run as root, otherwise prints the exact command to run and fails.
set -euo pipefail

packages=(gcc make binutils libc6-dev gcc-multilib qemu-system-x86 bochs bochs-term bochsbios
	vgabios libcmocka-dev grub-pc-bin grub-common xorriso mtools libssl-dev clang)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "missing Debian packages: ${missing[*]}" >&2
	echo "run as root:  $cmd" >&2
	exit 1
fi
echo "  DEPS     installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
