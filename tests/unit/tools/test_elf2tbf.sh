#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end test of elf2tbf and tbfdump: builds tiny i386 apps with the linker script here,
# converts them, and checks what tbfdump reads back. Prints "ok N - ..." / "not ok N - ...".
# Usage: test_elf2tbf.sh TOOLS_DIR WORK_DIR
set -u

here=$(cd "$(dirname "$0")" && pwd)
tools=${1:?usage: test_elf2tbf.sh TOOLS_DIR WORK_DIR}
work=${2:?usage: test_elf2tbf.sh TOOLS_DIR WORK_DIR}
elf2tbf=$tools/elf2tbf
tbfdump=$tools/tbfdump
mkdir -p "$work"
cd "$work" || exit 1

n=0
failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}
# has FILE PATTERN: the file has a line matching the extended regex.
has() { grep -Eq -- "$2" "$1"; }
# field FILE NAME: the hex value tbfdump printed for field NAME (first occurrence).
field() { awk -v f="$2" '$1 == f { print $2; exit }' "$1"; }

cc_app() { # cc_app OUT SRC [extra flags]
	local out=$1 src=$2
	shift 2
	gcc -m32 -march=i586 -ffreestanding -fno-pic -fno-asynchronous-unwind-tables \
		-fno-stack-protector -nostdlib -static -O2 -Wl,--build-id=none \
		-T "$here/app.ld" "$@" "$src" -o "$out"
}

cc_app app.elf "$here/app.c" -Wl,-q || { echo "not ok 1 - build app.c"; exit 1; }
cc_app pic.elf "$here/app_pic.S" -Wl,-q || { echo "not ok 1 - build app_pic.S"; exit 1; }
cc_app cross.elf "$here/app_cross.S" -Wl,-q || { echo "not ok 1 - build app_cross.S"; exit 1; }
cc_app norel.elf "$here/app_pic.S" || { echo "not ok 1 - build norel.elf"; exit 1; }

# ---- a fixed-address app with every option --------------------------------------------------
check "elf2tbf converts app.elf" "$elf2tbf" -o app.tbf --name hello --sha256 --short-id 42 \
	--permission 1:0:0x7 --permission 0x40001:1:0x2 --kernel-version 2.1 --stack 1024 \
	--heap 512 --kernel-heap 256 --app-version 3 app.elf
check "tbfdump accepts app.tbf" "$tbfdump" app.tbf
"$tbfdump" app.tbf >app.txt 2>&1
check "name" has app.txt '^    name +"hello"$'
check "main and program both emitted" has app.txt '^  tlv main '
check "program TLV present and used" has app.txt '^  uses +program$'
check "kernel version ^2.1" has app.txt 'kernel_version +\^2\.1$'
check "fixed RAM = RAM link address" has app.txt '^    ram +0x00480000$'
check "fixed flash = flash link address" has app.txt '^    flash +0x00400000$'
check "short id" has app.txt '^    short_id +0x0000002a'
check "permission 1" has app.txt 'driver 0x00000001 offset 0 allowed_commands 0x0000000000000007'
check "permission 2" has app.txt 'driver 0x00040001 offset 1 allowed_commands 0x0000000000000002'
check "enabled flag" has app.txt '^    flags +0x00000001 \(enabled\)'
check "app version" has app.txt '^    version +0x00000003'
check "init_fn_offset 0 (entry at the flash link address)" \
	test "$(field app.txt init_fn_offset)" = 0x00000000
# .text+.rodata (0x3b, .data's LMA aligned to 0x3c) + .data (8) = 0x44 bytes.
check "binary size from the segments" has app.txt '^  binary +0x[0-9a-f]+\.\.0x[0-9a-f]+ \(68 bytes\)'
# RAM: .data+.bss span 0x60, + stack 1024 + heap 512 + kernel heap 256.
check "minimum RAM computed" test "$(field app.txt minimum_ram_size)" = 0x00000760
check "sha256 credential verified" has app.txt '^  verification +sha256 ok$'
# The binary must be exactly what objcopy lays out by load address.
objcopy -O binary app.elf app.bin
hs=$(( $(field app.txt header_size) ))
check "binary bytes match objcopy -O binary" cmp <(tail -c +$((hs + 1)) app.tbf | head -c 68) app.bin
check "total size is a multiple of 4" test $(( $(stat -c %s app.tbf) % 4 )) = 0

check "protected trailer" "$elf2tbf" -o trailer.tbf --name t --protected-trailer 32 app.elf
"$tbfdump" trailer.tbf >trailer.txt 2>&1
check "trailer: init_fn_offset counts from the header's end" \
	test "$(field trailer.txt init_fn_offset)" = 0x00000020
check "trailer: protected_trailer_size" test "$(field trailer.txt protected_trailer_size)" = 0x00000020

check "--disabled" "$elf2tbf" -o disabled.tbf --name d --disabled --ram-bytes 8192 app.elf
"$tbfdump" disabled.tbf >disabled.txt 2>&1
check "disabled flag" has disabled.txt '^    flags +0x00000000 \(disabled\)'
check "--ram-bytes" test "$(field disabled.txt minimum_ram_size)" = 0x00002000
check "no credentials reported" has disabled.txt '^  verification +no credentials$'
check "default kernel version ^2.0" has disabled.txt 'kernel_version +\^2\.0$'

# ---- position-independent app ---------------------------------------------------------------
check "elf2tbf --pic converts pic.elf" "$elf2tbf" -o pic.tbf --name pic --pic pic.elf
check "tbfdump accepts pic.tbf" "$tbfdump" pic.tbf
"$tbfdump" pic.tbf >pic.txt 2>&1
check "relocation TLV present" has pic.txt '^  tlv relocations .* type 0x8001'
check "no fixed addresses with --pic" sh -c "! grep -q 'tlv fixed_addresses' pic.txt"
check "relocation link addresses" has pic.txt '^    link_flash +0x00400000$'
check "relocation RAM link address" has pic.txt '^    link_ram +0x00480000$'
check "6 relocations (device address skipped)" has pic.txt '^    count +6$'
# table (rodata 0x10..) then .data's load image (0x28..): flash, flash, ram, ram, flash, ram.
check "entry 0: helper -> flash" has pic.txt '^    \[0\] binary offset 0x10 flash$'
check "entry 1: message -> flash" has pic.txt '^    \[1\] binary offset 0x14 flash$'
check "entry 2: counter -> ram" has pic.txt '^    \[2\] binary offset 0x18 ram$'
check "entry 3: _sram_origin -> ram" has pic.txt '^    \[3\] binary offset 0x1c ram$'
check "entry 4: .data table_ptr -> flash" has pic.txt '^    \[4\] binary offset 0x2c flash$'
check "entry 5: .data self_ptr -> ram" has pic.txt '^    \[5\] binary offset 0x30 ram$'

"$elf2tbf" -o bad.tbf --name c --pic app.elf >err.txt 2>&1
check "--pic refuses code with absolute addresses in instructions" test $? = 1
check "... naming the symbol and the alignment problem" \
	has err.txt 'symbol (message|counter|scratch)\) is not 4-byte aligned'
"$elf2tbf" -o bad.tbf --name c --pic cross.elf >err.txt 2>&1
check "--pic refuses a PC-relative reference from flash into RAM" test $? = 1
check "... naming it" has err.txt 'PC-relative relocation at 0x400004 .*crosses between flash and RAM'
"$elf2tbf" -o bad.tbf --name c --pic norel.elf >err.txt 2>&1
check "--pic needs -Wl,-q" test $? = 1
check "... and says so" has err.txt 'link the app with -Wl,-q'
check "no output left behind on error" test ! -e bad.tbf

# ---- bad inputs -----------------------------------------------------------------------------
printf 'not an elf' >junk.elf
"$elf2tbf" -o x.tbf --name x junk.elf >err.txt 2>&1
check "refuses a non-ELF" test $? = 1
check "... clearly" has err.txt 'not an ELF file'
if gcc -nostdlib -static -ffreestanding -Wl,--build-id=none -o app64.elf "$here/app.c" \
	-Wl,-e,_start >/dev/null 2>&1; then
	"$elf2tbf" -o x.tbf --name x app64.elf >err.txt 2>&1
	check "refuses a 64-bit ELF" test $? = 1
	check "... clearly" has err.txt 'not a 32-bit little-endian ELF'
fi
"$elf2tbf" -o x.tbf app.elf >err.txt 2>&1
check "requires --name" test $? = 1
"$elf2tbf" -o x.tbf --name x --ram-bytes 16 app.elf >err.txt 2>&1
check "refuses --ram-bytes below what the ELF uses" test $? = 1
"$elf2tbf" -o x.tbf --name x --permission 1:2 app.elf >err.txt 2>&1
check "refuses a malformed --permission" test $? = 1
"$elf2tbf" -o x.tbf --name x --short-id 0 app.elf >err.txt 2>&1
check "refuses --short-id 0" test $? = 1

# ---- tbfdump on lists and on malformed TBFs -------------------------------------------------
{ cat app.tbf pic.tbf; head -c 64 /dev/zero | tr '\0' '\377'; } >list.bin
"$tbfdump" list.bin >list.txt 2>&1
check "tbfdump walks a list by total_size" test $? = 0
check "... finds both" has list.txt '^tbf\[1\] at file offset'
check "... and the erased end" has list.txt '^end of app list at file offset .* \(64 bytes of 0xff fill\)'

cp app.tbf badsum.tbf
printf '\x55' | dd of=badsum.tbf bs=1 seek=12 conv=notrunc 2>/dev/null
"$tbfdump" badsum.tbf >badsum.txt 2>&1
check "tbfdump fails on a bad checksum" test $? = 1
check "... saying where" has badsum.txt 'checksum at offset 12: mismatch: expected 0x[0-9a-f]+, found 0x[0-9a-f]+'

cp app.tbf badbin.tbf
printf '\x90' | dd of=badbin.tbf bs=1 seek=$((hs + 4)) conv=notrunc 2>/dev/null
"$tbfdump" badbin.tbf >badbin.txt 2>&1
check "tbfdump fails on a corrupted binary" test $? = 1
check "... with a sha256 mismatch" has badbin.txt 'footer.sha256 at offset [0-9]+: sha256 mismatch'

head -c 100 app.tbf >short.tbf
"$tbfdump" short.tbf >short.txt 2>&1
check "tbfdump fails on a truncated TBF" test $? = 1
check "... naming total_size" has short.txt 'total_size at offset 4: runs past the end of the storage: expected 0x64'

"$tbfdump" app.elf >elf.txt 2>&1
check "tbfdump refuses a file type it does not know" test $? = 1

echo "1..$n"
[ "$failed" -eq 0 ]
