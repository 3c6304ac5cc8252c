#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end test of elf2tbf and tbfdump: builds tiny i386 apps with the linker script here,
# converts them, and checks what tbfdump reads back; relocates a plain C app with tbf_relocate
# (tbf_apply_relocations() on the host) and checks every patched word against nm.
# Prints "ok N - ..." / "not ok N - ...".
# Usage: test_elf2tbf.sh TOOLS_DIR WORK_DIR TBF_RELOCATE
set -u

usage="usage: test_elf2tbf.sh TOOLS_DIR WORK_DIR TBF_RELOCATE"
here=$(cd "$(dirname "$0")" && pwd)
tools=${1:?$usage}
work=${2:?$usage}
relocate=${3:?$usage}
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
cc_app reloc.elf "$here/app_reloc.c" -Wl,-q || { echo "not ok 1 - build app_reloc.c"; exit 1; }
cc_app overlap.elf "$here/app_overlap.S" -Wl,-q || { echo "not ok 1 - build app_overlap.S"; exit 1; }
cc_app got.elf "$here/app_got.S" -Wl,-q || { echo "not ok 1 - build app_got.S"; exit 1; }

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

rm -f bad.tbf
check "--pic converts app.c, whose code holds addresses in instructions" \
	"$elf2tbf" -o app_pic.tbf --name c --pic app.elf
"$tbfdump" app_pic.tbf >app_pic.txt 2>&1
check "... with unaligned entries" has app_pic.txt '^    \[0\] binary offset 0x1 ram$'
"$elf2tbf" -o bad.tbf --name c --pic overlap.elf >err.txt 2>&1
check "--pic refuses relocations patching overlapping words" test $? = 1
check "... naming both" has err.txt 'relocations at 0x400004 .* and 0x400006 .* patch overlapping words'
"$elf2tbf" -o bad.tbf --name c --pic got.elf >err.txt 2>&1
check "--pic refuses GOT-relative (-fPIC) code" test $? = 1
check "... and says to build -fno-pic" has err.txt 'R_386_GOTOFF at 0x400002 .*build the app with -fno-pic'
"$elf2tbf" -o bad.tbf --name c --pic cross.elf >err.txt 2>&1
check "--pic refuses a PC-relative reference from flash into RAM" test $? = 1
check "... naming it" has err.txt 'PC-relative relocation at 0x400004 .*crosses between flash and RAM'
"$elf2tbf" -o bad.tbf --name c --pic norel.elf >err.txt 2>&1
check "--pic needs -Wl,-q" test $? = 1
check "... and says so" has err.txt 'link the app with -Wl,-q'
check "no output left behind on error" test ! -e bad.tbf

# ---- a plain -fno-pic C app, relocated for real -------------------------------------------------
check "elf2tbf --pic converts a plain -fno-pic C app" \
	"$elf2tbf" -o reloc.tbf --name reloc --pic reloc.elf
check "tbfdump accepts reloc.tbf" "$tbfdump" reloc.tbf
"$tbfdump" reloc.tbf >reloc.txt 2>&1
check "relocations emitted" has reloc.txt '^    count +[1-9][0-9]*$'
nm -S --defined-only reloc.elf >reloc.nm

# Every R_386_32 place of the ELF as a binary offset: flash sections lie where they are linked,
# .data's words in its load image (LMA).
read -r dsize dvma dlma < <(objdump -h reloc.elf | awk '$2 == ".data" { print $3, $4, $5 }')
readelf -rW reloc.elf | awk '$3 == "R_386_32" { print $1 }' | while read -r place; do
	p=$((16#$place))
	if ((p >= 16#$dvma && p < 16#$dvma + 16#$dsize)); then p=$((p - 16#$dvma + 16#$dlma)); fi
	printf '0x%x\n' $((p - 0x400000))
done | sort >places.txt

# The link placement changes nothing and reproduces what the linker laid out.
check "tbf_relocate at the link addresses" "$relocate" reloc.tbf 0x400000 0x480000 linked.bin
"$relocate" reloc.tbf 0x400000 0x480000 linked.bin >linked.txt 2>&1
objcopy -O binary reloc.elf reloc.objcopy.bin
check "... leaves the binary as linked" cmp -n "$(stat -c %s reloc.objcopy.bin)" linked.bin \
	reloc.objcopy.bin
check "one entry per R_386_32 relocation of the ELF, at its place" \
	diff places.txt <(awk '{ print $1 }' linked.txt | sort)
check "... some at unaligned offsets (inside instructions)" \
	test "$(awk '$1 !~ /[048c]$/' linked.txt | wc -l)" -gt 0

# placement NAME FLASH_BASE RAM_BASE: relocates reloc.tbf for a binary at FLASH_BASE and RAM at
# RAM_BASE and checks every patched word: before, it held an address inside a symbol nm
# lists (its link address, plus an offset for e.g. scratch[3]); the entry's kind matches the
# symbol's section (text/rodata: flash, data/bss: RAM); after, it holds that address + the
# delta of its kind. No byte outside the entries' words changed, and the symbols the app
# takes the address of (a .data and a .bss global, a function, a .rodata string) were all hit.
placement() {
	local name=$1 fb=$2 rb=$3 fd rd off kind old new addr size type sym k want hit missing b
	local hits=" "
	local -A covered=()

	fd=$(((fb - 0x400000) & 0xFFFFFFFF))
	rd=$(((rb - 0x480000) & 0xFFFFFFFF))
	"$relocate" reloc.tbf "$fb" "$rb" "$name.bin" >"$name.txt" 2>&1
	check "$name: tbf_relocate applies the relocations" test $? = 0
	: >"$name.err"
	while read -r off kind old new; do
		hit=""
		while read -r addr size type sym; do
			[ -n "$sym" ] || continue # no size: a linker-script label
			if ((old >= 16#$addr && old < 16#$addr + 16#$size)); then
				hit=$sym
				break
			fi
		done <reloc.nm
		case $type in [dDbB]) k=ram ;; [tTrR]) k=flash ;; *) k=? ;; esac
		[ "$kind" = ram ] && want=$(((old + rd) & 0xFFFFFFFF)) || want=$(((old + fd) & 0xFFFFFFFF))
		if [ -z "$hit" ]; then
			echo "$off: $old is inside no symbol" >>"$name.err"
		elif [ "$kind" != "$k" ]; then
			echo "$off: $old is in $hit ($type) but the entry says $kind" >>"$name.err"
		elif ((new != want)); then
			printf '%s: %s (%s) became %s, not 0x%08x\n' "$off" "$old" "$hit" "$new" \
				"$want" >>"$name.err"
		fi
		hits+="$hit "
		for b in 0 1 2 3; do covered[$((off + b))]=1; done
	done <"$name.txt"
	check "$name: every patched word = its symbol's link address + the delta" test ! -s "$name.err"
	cat "$name.err"
	cmp -l linked.bin "$name.bin" | while read -r pos _ _; do
		[ -n "${covered[$((pos - 1))]:-}" ] || echo "byte $((pos - 1)) changed"
	done >"$name.stray"
	check "$name: no byte outside a relocated word changed" test ! -s "$name.stray"
	missing=""
	for sym in counter scratch helper greeting; do
		[[ $hits == *" $sym "* ]] || missing+=" $sym"
	done
	check "$name: the app's .data, .bss, function and .rodata addresses were relocated" \
		test -z "$missing"
}
placement low 0x00010000 0x00020000    # both moved down
placement high 0x20003000 0x1ff00000   # both up, RAM below the binary

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
