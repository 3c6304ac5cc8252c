#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The system-call ABI conformance suite (docs/conformance.md): boots the test apps (built by
# `make abi-apps` into BUILD_DIR/abi/) in two firmware images, under QEMU and under Bochs,
# collects each app's TAP lines from COM1, and prints them as one TAP stream (renumbered, each
# name prefixed with the emulator), then a summary table. Exits non-zero on any failure.
#
#   tests/abi/run.sh BUILD_DIR
#
# Builds nothing. Every boot ends by the kernel's power-off (typed at its console once all
# apps are finished) or by a timeout, which fails the image's cases.
#
# Another kernel that speaks the same ABI (docs/conformance.md, "Other kernels"):
#   ABI_KERNEL, ABI_LOADER, ABI_MKIMAGE   the kernel ELF, the Multiboot loader, the image tool
#                                         (default: BUILD_DIR/kernel.elf, loader.elf,
#                                         tools/mkimage, used as `mkimage -o IMG --kernel K
#                                         --app TBF...`)
#   ABI_EMULATORS                         "qemu bochs" (default), or one of them
#   ABI_POWEROFF                          console command that powers off ("poweroff")
#   ABI_FAULT_RE                          a fault report, @APP@ and @CAUSE@ filled in
#   ABI_EXIT_RE                           an exit report, @APP@ and @CODE@ filled in
#   ABI_QEMU_TIMEOUT, ABI_BOCHS_TIMEOUT   seconds per boot (30, 90)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: $0 BUILD_DIR}
work=$build/test/abi
rm -rf "$work" && mkdir -p "$work"

kernel=${ABI_KERNEL:-$build/kernel.elf}
loader=${ABI_LOADER:-$build/loader.elf}
mkimage=${ABI_MKIMAGE:-$build/tools/mkimage}
emulators=${ABI_EMULATORS:-qemu bochs}
poweroff=${ABI_POWEROFF:-poweroff}
fault_re=${ABI_FAULT_RE:-"process '@APP@' \\(pid [0-9]+\\) faulted: .*@CAUSE@"}
exit_re=${ABI_EXIT_RE:-"process '@APP@' \\(pid [0-9]+\\) exited with code @CODE@\$"}
qemu_timeout=${ABI_QEMU_TIMEOUT:-30}
bochs_timeout=${ABI_BOCHS_TIMEOUT:-90}

# Two images (a kernel runs at most 8 processes): the apps that report cases, and the ones
# whose process ends (exit, restart, faults). An abi_bad* app must be faulted by its one call;
# the word its fault report must carry is its cause.
images=(cases life)
apps_cases=(abi_entry abi_classes abi_memop abi_subscribe abi_allow abi_yield abi_regs)
apps_life=(abi_exit abi_restart abi_badclass8 abi_badclass255 abi_badyield3 abi_badyieldff)
declare -A cause=([abi_badclass8]=class [abi_badclass255]=class [abi_badyield3]=yield
	[abi_badyieldff]=yield)
exit_code=42 # abi_exit's completion code

is_fault_app() { [ -n "${cause[$1]:-}" ]; }
image_apps() { local -n list=apps_$1; echo "${list[@]}"; }
subst() { local s=${1//@APP@/$2}; s=${s//@CAUSE@/${3:-}}; echo "${s//@CODE@/${4:-}}"; }

# The lines apps print, with the console prompt the kernel may have put before them removed.
clean() { [ -f "$1" ] && tr -d '\r' <"$1" | sed -E 's/^(tock> )+//'; }

# finished LOG IMAGE: every app of the image has ended its run: its done line, its exit
# report (abi_exit), its fault report (abi_bad*).
finished() {
	local log=$1 app text
	text=$(clean "$log")
	for app in $(image_apps "$2"); do
		if is_fault_app "$app"; then
			grep -qE -- "$(subst "$fault_re" "$app" "${cause[$app]}")" <<<"$text" ||
				return 1
		else
			# A fault ends the app's run too (and fails its cases).
			grep -q "^abi: $app done, " <<<"$text" ||
				grep -qE -- "$(subst "$fault_re" "$app" "")" <<<"$text" || return 1
		fi
	done
	[ "$2" != life ] || grep -qE -- "$(subst "$exit_re" abi_exit "" "$exit_code")" <<<"$text"
}

# wait_finished LOG IMAGE SECONDS
wait_finished() {
	local i
	for ((i = 0; i < $3 * 5; i++)); do
		finished "$1" "$2" && return 0
		sleep 0.2
	done
	return 1
}

make_image() { # IMAGE
	local app args=()
	for app in $(image_apps "$1"); do
		if [ ! -f "$build/abi/$app.tbf" ]; then
			echo "# missing $build/abi/$app.tbf (make abi-apps)"
			return 1
		fi
		args+=(--app "$build/abi/$app.tbf")
	done
	"$mkimage" -o "$work/$1.img" --kernel "$kernel" "${args[@]}" >"$work/$1.mkimage.log" 2>&1
}

make_iso() { # IMAGE: a GRUB ISO booting the loader with the image as its module
	local root=$work/$1.iso.root
	mkdir -p "$root/boot/grub"
	cp "$loader" "$root/boot/loader.elf" && cp "$work/$1.img" "$root/boot/firmware.img" &&
		printf 'set timeout=0\nmultiboot /boot/loader.elf\nmodule /boot/firmware.img firmware\nboot\n' \
			>"$root/boot/grub/grub.cfg" &&
		grub-mkrescue -o "$work/$1.iso" --install-modules="multiboot normal iso9660 biosdisk" \
			--locales= --fonts= --themes= "$root" >"$work/$1.iso.log" 2>&1
}

# QEMU, COM1 on a pipe: once the apps are finished, power off at the console. Writes
# $work/qemu-IMAGE.log and .status (QEMU's exit status: 33 is the kernel's clean power-off).
boot_qemu() { # IMAGE
	local name=qemu-$1 qpid fd
	mkfifo "$work/$name.in"
	timeout -k 5 "$qemu_timeout" qemu-system-i386 -cpu pentium -m 8 -display none -no-reboot \
		-monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial stdio \
		-kernel "$loader" -initrd "$work/$1.img firmware" <"$work/$name.in" \
		>"$work/$name.log" 2>"$work/$name.stderr" &
	qpid=$!
	exec {fd}>"$work/$name.in"
	wait_finished "$work/$name.log" "$1" $((qemu_timeout - 5))
	sleep 0.3
	printf '\r%s\r' "$poweroff" >&"$fd"
	exec {fd}>&-
	wait "$qpid"
	echo $? >"$work/$name.status"
}

# Bochs (a Pentium model; tests/boot/bochs.sh stops it with SIGINT at its timeout), COM1 on a
# socket. Writes $work/bochs-IMAGE.log and .status (0 if Bochs logged the shutdown request).
boot_bochs() { # IMAGE
	local name=bochs-$1 port=$((20000 + RANDOM % 20000)) bpid cpid='' fd='' i
	"$here/../boot/bochs.sh" --socket "$port" --log "$work/$name.bochs.log" \
		--timeout "$bochs_timeout" "$work/$1.iso" >"$work/$name.stdout" 2>&1 &
	bpid=$!
	for ((i = 0; i < 100; i++)); do
		if exec {fd}<>"/dev/tcp/127.0.0.1/$port"; then break; fi 2>/dev/null
		fd=
		sleep 0.1
	done
	if [ -n "$fd" ]; then
		: >"$work/$name.log"
		cat <&"$fd" >>"$work/$name.log" &
		cpid=$!
		wait_finished "$work/$name.log" "$1" $((bochs_timeout - 10))
		sleep 0.3
		printf '\r%s\r' "$poweroff" >&"$fd"
	else
		: >"$work/$name.log"
	fi
	wait "$bpid"
	[ -n "$fd" ] && exec {fd}>&-
	[ -n "$cpid" ] && { sleep 0.2; kill "$cpid" 2>/dev/null; wait "$cpid" 2>/dev/null; }
	grep -q "Shutdown port: shutdown requested" "$work/$name.bochs.log" 2>/dev/null
	echo $? >"$work/$name.status"
}

run_emulator() { # EMULATOR: every image, one after the other
	local image
	for image in "${images[@]}"; do
		[ -f "$work/$image.img" ] || continue
		case $1 in
		qemu) boot_qemu "$image" ;;
		bochs) [ -f "$work/$image.iso" ] && boot_bochs "$image" ;;
		esac
	done
}

# ---- run -----------------------------------------------------------------------------------

start=$SECONDS
declare -A emu_ok=()
for emu in $emulators; do
	case $emu in
	qemu) command -v qemu-system-i386 >/dev/null && emu_ok[$emu]=1 ;;
	bochs) command -v bochs >/dev/null && command -v grub-mkrescue >/dev/null && emu_ok[$emu]=1 ;;
	*) echo "run.sh: unknown emulator $emu" >&2; exit 2 ;;
	esac
done
for image in "${images[@]}"; do
	make_image "$image" || continue
	[ -n "${emu_ok[bochs]:-}" ] && make_iso "$image"
done
# The emulators run side by side (each is one thread); their images one after the other.
pids=()
for emu in $emulators; do
	[ -n "${emu_ok[$emu]:-}" ] || continue
	run_emulator "$emu" &
	pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

# ---- report ----------------------------------------------------------------------------------

n=0 failed=0
declare -A pass=() fail=() skip=()
out() { # STATUS(ok|not ok) EMULATOR APP TEXT
	n=$((n + 1))
	echo "$1 $n - $2: $4"
	if [ "$1" = ok ]; then
		if [[ $4 == *"# SKIP"* ]]; then skip[$2.$3]=$((${skip[$2.$3]:-0} + 1)); else
			pass[$2.$3]=$((${pass[$2.$3]:-0} + 1)); fi
	else
		fail[$2.$3]=$((${fail[$2.$3]:-0} + 1))
		failed=$((failed + 1))
	fi
}
check() { # EMULATOR APP NAME CONDITION...: a case of the runner's own
	local emu=$1 app=$2 name=$3; shift 3
	[ "$app" = - ] || name="$app: $name"
	if "$@"; then out ok "$emu" "$app" "$name"; else out "not ok" "$emu" "$app" "$name"; fi
}

for emu in $emulators; do
	if [ -z "${emu_ok[$emu]:-}" ]; then
		out "not ok" "$emu" "-" "the emulator is installed # qemu-system-i386, bochs, grub-mkrescue"
		continue
	fi
	for image in "${images[@]}"; do
		log=$work/$emu-$image.log
		text=$(clean "$log")
		status=$(cat "$work/$emu-$image.status" 2>/dev/null || echo none)
		for app in $(image_apps "$image"); do
			lines=$(grep -E "^(not )?ok [0-9]+ - $app: " <<<"$text")
			got=0
			while IFS= read -r line; do
				[ -n "$line" ] || continue
				got=$((got + 1))
				if [[ $line == "not ok "* ]]; then st="not ok"; else st=ok; fi
				out "$st" "$emu" "$app" "${line#* - }"
			done <<<"$lines"
			announced=$(sed -nE "s/^abi: $app done, ([0-9]+) cases$/\1/p" <<<"$text" |
				awk '{s += $1} END {print s + 0}')
			faults=$(grep -cE -- "$(subst "$fault_re" "$app" "")" <<<"$text")
			if is_fault_app "$app"; then
				what=$(sed -nE "s/^# $app: (.*): expecting the kernel to fault this process$/\1/p" \
					<<<"$text" | head -1)
				yes=no
				[ "$got" = 0 ] &&
					grep -qE -- "$(subst "$fault_re" "$app" "${cause[$app]}")" <<<"$text" &&
					yes=yes
				check "$emu" "$app" "${what:-its one call faults the process}" test $yes = yes
				continue
			fi
			yes=no
			grep -q "^abi: $app done, " <<<"$text" && [ "$got" = "$announced" ] &&
				[ "$faults" = 0 ] && yes=yes
			check "$emu" "$app" "ran to its end without a fault, every case reported" \
				test $yes = yes
			case $app in
			abi_exit)
				yes=no
				grep -qE -- "$(subst "$exit_re" "$app" "" "$exit_code")" <<<"$text" && yes=yes
				check "$emu" "$app" \
					"exit-terminate ends the process, reported with completion code $exit_code" \
					test $yes = yes
				;;
			abi_restart)
				p1=$(sed -nE 's/^# abi_restart: life 1: pid ([0-9]+).*/\1/p' <<<"$text" | head -1)
				p2=$(sed -nE 's/^# abi_restart: life 2: pid ([0-9]+).*/\1/p' <<<"$text" | head -1)
				yes=no
				[ -n "$p1" ] && [ -n "$p2" ] && [ "$p1" != "$p2" ] && yes=yes
				check "$emu" "$app" "exit-restart gives a new process id (${p1:-?} -> ${p2:-?})" \
					test $yes = yes
				;;
			esac
		done
		what="image $image: the kernel stays up and powers off when asked"
		if [ "$emu" = qemu ]; then
			check "$emu" "-" "$what (QEMU status 33, got $status)" test "$status" = 33
		else
			check "$emu" "-" "$what (Bochs shutdown port)" test "$status" = 0
		fi
	done
done

echo "1..$n"
all_apps=("${apps_cases[@]}" "${apps_life[@]}" -)
printf '# %-16s' "summary"
for emu in $emulators; do printf ' | %-18s' "$emu: pass fail skip"; done
echo
for app in "${all_apps[@]}"; do
	printf '# %-16s' "$([ "$app" = - ] && echo '(kernel)' || echo "$app")"
	for emu in $emulators; do
		printf ' | %10d %4d %4d' "${pass[$emu.$app]:-0}" "${fail[$emu.$app]:-0}" "${skip[$emu.$app]:-0}"
	done
	echo
done
printf '# %-16s' total
for emu in $emulators; do
	p=0 f=0 s=0
	for app in "${all_apps[@]}"; do
		p=$((p + ${pass[$emu.$app]:-0})) f=$((f + ${fail[$emu.$app]:-0})) s=$((s + ${skip[$emu.$app]:-0}))
	done
	printf ' | %10d %4d %4d' "$p" "$f" "$s"
done
echo
echo "# $n cases, $failed failed, in $((SECONDS - start)) s (logs in $work)"
[ "$failed" -eq 0 ]
