#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# mkimage and tbfdump on firmware images: the image of the build, one with apps, and malformed
# ones, each named precisely.
set -uo pipefail
build=$(realpath "$1")
here=$(cd "$(dirname "$0")/../unit/tools" && pwd)
tools=$build/tools
work=$build/test/image_tools
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
n=0
tap() { # NAME COMMAND...
	local name=$1; shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then echo "ok $n - $name"; else echo "not ok $n - $name"; fi
}
has() { grep -qE -- "$2" "$1"; }

"$tools/tbfdump" "$build/firmware.img" >good.txt 2>&1; rc=$?
tap "tbfdump accepts the build's firmware image" test $rc = 0
tap "tbfdump prints every header field" eval 'for f in magic version header_bytes image_bytes flags kernel_offset kernel_file_bytes kernel_mem_bytes kernel_load_paddr kernel_entry_paddr apps_offset apps_bytes kernel_sha256; do has good.txt "^  $f " || exit 1; done'
tap "tbfdump confirms the kernel's hash" has good.txt '^  kernel_sha256 +[0-9a-f]{64} \(matches the kernel\)'

# An image with two apps in its app region.
gcc -m32 -march=i586 -ffreestanding -fno-pic -fno-asynchronous-unwind-tables -fno-stack-protector \
	-nostdlib -static -O2 -Wl,--build-id=none -T "$here/app.ld" "$here/app.c" -o app.elf
"$tools/elf2tbf" -o one.tbf --name one --sha256 app.elf && "$tools/elf2tbf" -o two.tbf --name two app.elf
"$tools/mkimage" -o apps.img --kernel "$build/kernel.elf" --app one.tbf --app two.tbf
"$tools/tbfdump" apps.img >apps.txt 2>&1; rc=$?
tap "mkimage places apps after the kernel, 4 KiB aligned; tbfdump walks them" \
	eval "test $rc = 0 && has apps.txt '^app region at image offset 0x[0-9a-f]*000, [0-9]+ bytes' && has apps.txt 'one' && has apps.txt 'two'"

corrupt() { # NAME OFFSET BYTES-AS-PRINTF
	cp "$build/firmware.img" "$1.img"
	printf "$3" | dd of="$1.img" bs=1 seek="$2" conv=notrunc status=none
	"$tools/tbfdump" "$1.img" >"$1.txt" 2>&1
	echo $? >"$1.rc"
}
bad() { # NAME PATTERN: tbfdump failed and said PATTERN
	tap "tbfdump rejects $1 naming the field" eval "test \$(cat $1.rc) = 1 && has $1.txt '$2'"
}
corrupt magic 0 'XXXX';             bad magic 'not a file type tbfdump knows \(first bytes 58 58'
corrupt version 4 '\x07\x00';       bad version 'bad image: version at offset 4: unsupported version: expected 0x1, found 0x7'
corrupt kernel-byte 5000 '\xff';    bad kernel-byte 'kernel_sha256 at offset 48 does not match the kernel'
corrupt entry 32 '\x00\x00\x00\x00'; bad entry 'bad image: kernel_entry_paddr at offset 32'
head -c 1000 "$build/firmware.img" >short.img; "$tools/tbfdump" short.img >short.txt 2>&1; echo $? >short.rc
bad short 'bad image: image_bytes at offset 8: larger than the storage'

printf 'abc' >odd.tbf
"$tools/mkimage" -o x.img --kernel "$build/kernel.elf" --app odd.tbf >odd.txt 2>&1; rc=$?
tap "mkimage refuses an app that is not a whole number of words" eval "test $rc = 1 && has odd.txt 'odd.tbf: 3 bytes is not a multiple of 4' && test ! -e x.img"
"$tools/mkimage" -o y.img --kernel odd.tbf >notelf.txt 2>&1; rc=$?
tap "mkimage refuses a kernel that is not an i386 ELF" eval "test $rc = 1 && has notelf.txt 'too short for an ELF header|not a 32-bit'"
echo "1..$n"
