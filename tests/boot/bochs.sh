#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Boots an ISO in Bochs as a Pentium.
#   bochs.sh [--serial FILE] [--log FILE] [--timeout SECONDS] ISO    COM1 to FILE, headless
#   bochs.sh --socket PORT [--log FILE] [--timeout SECONDS] ISO        COM1 on 127.0.0.1:PORT
#   bochs.sh --interactive ISO                                         COM1 on this terminal
set -uo pipefail
serial='' log=/dev/null secs=120 interactive=0 port=
while [ $# -gt 1 ]; do
	case $1 in
	--serial) serial=$2; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--timeout) secs=$2; shift 2 ;;
	--interactive) interactive=1; shift ;;
	--socket) port=$2; shift 2 ;;
	*) echo "bochs.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
iso=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo c >"$dir/cont.rc"

if [ -n "$port" ]; then
	# Bochs listens and waits for the test to connect before it starts.
	com1="com1: enabled=1, mode=socket-server, dev=127.0.0.1:$port"
elif [ $interactive = 1 ]; then
	# The term display would fight the serial port for the terminal: COM1 gets the terminal
	# through a pty bridge, the display gets nothing.
	com1="com1: enabled=1, mode=term, dev=$(tty)"
else
	com1="com1: enabled=1, mode=file, dev=$(realpath -m "$serial")"
fi
cat >"$dir/bochsrc" <<RC
cpu: model=pentium, count=1, ips=50000000, reset_on_triple_fault=0, ignore_bad_msrs=0
megs: 32
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
display_library: term
ata0-master: type=cdrom, path=$iso, status=inserted
boot: cdrom
$com1
port_e9_hack: enabled=1
clock: sync=none, time0=utc
log: $(realpath -m "$log")
panic: action=fatal
RC
if [ $interactive = 1 ]; then
	echo "bochs: COM1 is this terminal; Ctrl-C stops Bochs" >&2
	bochs -q -f "$dir/bochsrc" -rc "$dir/cont.rc" </dev/null >/dev/null 2>&1
else
	timeout -s INT -k 5 "$secs" bochs -q -f "$dir/bochsrc" -rc "$dir/cont.rc" </dev/null
fi
