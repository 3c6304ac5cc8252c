#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The include graph keeps STYLE.md section 1's direction, and port I/O stays in arch/ and drivers/.
set -uo pipefail
cd "$(dirname "$0")/../.."
n=0
check() { # description, offending lines (empty = ok)
	n=$((n + 1))
	if [ -z "$2" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "$2" | sed 's/^/#   /'; fi
}
inc() { grep -rnE "#include *\"($2)/" $1 --include='*.[chS]' 2>/dev/null; }

# The check itself must be able to fail: a planted capsule that includes a driver is caught.
probe=$(mktemp -d)
printf '#include "drivers/ns16550.h"\n' >"$probe/bad.c"
check "the include scan catches a planted capsule that includes drivers/" \
	"$([ -n "$(inc "$probe" 'arch|drivers|platform')" ] || echo 'planted include not found')"
rm -rf "$probe"

check "capsules/ include only kernel/ and lib/ (and capsules/)" "$(inc capsules 'arch|drivers|platform|loader|apps|tools')"
check "kernel/ includes no platform/, drivers/, arch/ or capsules/" "$(inc kernel 'platform|drivers|arch|capsules|apps|tools')"
check "lib/ includes only lib/" "$(inc lib 'arch|kernel|drivers|capsules|platform|loader|apps|tools')"
check "drivers/ include no platform/, capsules/ or loader/" "$(inc drivers 'platform|capsules|loader|apps|tools')"
check "arch/ includes no platform/, drivers/ or capsules/" "$(inc arch 'platform|drivers|capsules|apps|tools')"
check "loader/ includes no kernel/ core, capsules/ or apps/" "$(grep -rnE '#include *"(capsules|apps)/|#include *"kernel/[a-z_]+\.h"' loader --include='*.[ch]')"
check "tools/ include only lib/ and loader/ formats" "$(inc tools 'arch|kernel|drivers|capsules|platform|apps')"
check "no port I/O outside arch/x86 and drivers/" \
	"$(grep -rnE '\b(inb|outb|inw|outw|inl|outl)\s*\(|"(in|out)[bwl] ' kernel capsules lib loader platform apps --include='*.[ch]' 2>/dev/null | grep -v '^loader/.*\.S:')"
check "only platform/ and the loader's entry shim name a board header" \
	"$(grep -rln 'platform/.*board.h' --include='*.[ch]' . | grep -vE '^\./(platform/|loader/multiboot.c)')"
